// The comparison calculator of <yibao-family>: the family table, its results and the chart. It is
// loaded by yibao-family.js (import()) only when an element is in calculator mode, so a questionnaire
// visit never downloads it; yibao-family.js copies these methods onto the element's class. Like the rest of the
// widget it renders what the core returns and decides no policy; money arrives as integer 分 and is
// formatted only here.
//
// Prefill (the contract with the questionnaire's outcome page): if the element's `calcPrefill`
// property holds a contract Scenario object (schema/scenario.schema.json: `people` with exactly one
// `self`, e.g. the user and one relative, region and scheme known, amounts possibly absent) when
// calculator mode first renders, the calculator starts from it instead of from "我" alone: each
// person becomes a member row (`name`, else `id`, as the name; relation, age, scheme, status,
// region, smartphone, the account's 历年 / 当年 amounts, `costs.personal_share`, a resident
// premium), its `relations` are kept, and its `as_of` becomes the date. What the calculator has no
// field for (cost items, bindings, other premiums) is not carried over. The property is read once;
// later changes are not seen (set it before switching `mode` to `calculator`).
import CITIES from './cities.js';

let h, set, today, mark, officialUrl, HOTLINE;

const NF = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
const yuan = (fen) => NF.format(fen / 100);
/** "1234.5" → 123450 (分), exactly, without floats; '' → null; more than 13 digits → Infinity
 *  (over any limit, said as such); anything else → NaN. */
const halfwidth = (s) => s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
function parseYuan(s) {
  s = halfwidth(String(s).replace(/[\s,，¥￥元]/g, ''));
  if (s === '') return null;
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return NaN;
  const int = m[1].replace(/^0+(?=\d)/, '');
  return int.length > 13 ? Infinity : Number(int) * 100 + Number((m[2] || '').padEnd(2, '0'));
}
const fenText = (fen) => (fen == null ? '' : String(fen / 100));

const RELS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'parent_in_law', 'child_in_law', 'sibling_in_law', 'other'];
const SCHEMES = ['employee', 'resident', 'none', 'unknown'];
const STATUS = ['active', 'suspended', 'terminated'];
const MONEY = ['cost', 'pooled', 'own_account', 'shared', 'cash', 'cash_without_gongji'];
const MUNICIPALITIES = ['11', '12', '31', '50'];
// Han characters and CJK punctuation: in the English page such runs are marked lang="zh-Hans".
const HAN = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]+/g;
const HOTLINE_RE = /12393/g;

/** Receives the element's DOM helpers (before yibao-family.js copies the methods below). */
export function use(lib) {
  ({ h, set, today, mark, officialUrl, HOTLINE } = lib);
}

export default class Calculator {
  // The money table of one person (the calculator's per-person cards; the questionnaire's result
  // page shows no amounts). The pooled fund's line only when costs were itemised: a personal share
  // is what is left after the pool, so the pool is 0 there by construction and says nothing.
  money(p) {
    const m = p.money, itemised = this.itemised?.has(p.id);
    return h('div', { class: 'money' },
      h('table', null,
        h('caption', null, this.t('money.title')),
        h('tbody', null, MONEY.filter((k) => k !== 'pooled' || itemised).map((k) => h('tr', { class: 'm-' + k },
          h('th', { scope: 'row' }, this.t('money.' + k)),
          h('td', { 'data-money': k, 'data-fen': m[k] }, yuan(m[k])))))),
      (p.shared_from || []).map((s) => h('p', { class: 'small' }, this.t('money.from', { from: s.from, amount: yuan(s.amount) }))),
      m.conditional > 0 && h('p', { class: 'cond cond-m', 'data-fen': m.conditional }, this.t('money.conditional', { amount: yuan(m.conditional) })),
      m.estimated && h('p', { class: 'small' }, this.t('money.estimated')));
  }

  // ---- calculator ---------------------------------------------------------------------------
  // A default name (我, 妈妈, 家人3) remembers its catalog key, so a locale switch translates the names
  // the user did not type; typed names are kept as typed.
  defName(key, vars) {
    const s = this.t(key, vars);
    (this.defNames ??= {})[s] = [key, vars];
    return s;
  }
  /** The start: "我" alone, nothing assumed but the host's region. */
  defaultRows() {
    return [{ name: this.defName('calc.me'), relation: 'self', scheme: 'unknown', region: this.region || '' }];
  }
  /** The example family, only behind its clearly labelled button (and marked as an example). */
  exampleRows() {
    const reg = this.region || '320500';
    return [
      { name: this.defName('calc.me'), relation: 'self', age: '40', scheme: 'employee', region: reg, phone: 'yes', balance: '4200', prior: '3000', current: '1200', share: '300' },
      { name: this.defName('calc.example'), relation: 'parent', age: '68', scheme: 'resident', region: reg, phone: 'no', share: '2500', premium: '380' },
    ];
  }
  /** Rows from a contract Scenario (the prefill; see the comment at the top of this file). */
  prefillRows(sc) {
    const people = Array.isArray(sc?.people) ? sc.people.filter((p) => p && typeof p === 'object').slice(0, this.meta.limits?.people || 30) : [];
    if (people.filter((p) => p.relation === 'self').length !== 1) return null;
    const str = (v) => (typeof v === 'string' ? v : '');
    const rows = people.map((p, i) => {
      const ins = p.insurance || {}, acc = p.account, costs = p.costs || {};
      const r = { k: 'p' + i, name: str(p.name) || str(p.id), relation: p.relation === 'self' ? 'self' : RELS.includes(p.relation) ? p.relation : 'other' };
      if (Number.isInteger(p.age)) r.age = String(p.age);
      r.scheme = SCHEMES.includes(ins.scheme) ? ins.scheme : 'unknown';
      if (STATUS.includes(ins.status)) r.status = ins.status;
      if (/^\d{6}$/.test(str(ins.region))) r.region = ins.region;
      if (typeof p.smartphone === 'boolean') r.phone = p.smartphone ? 'yes' : 'no';
      if (acc && typeof acc === 'object') {
        const a = Number.isInteger(acc.prior_years) ? acc.prior_years : null, b = Number.isInteger(acc.current_year) ? acc.current_year : null;
        if (a != null || b != null) {
          r.balance = fenText((a || 0) + (b || 0));
          // Both parts given: the split is known; one part alone is the total with its split unknown.
          if (a != null && b != null) { r.prior = fenText(a); r.current = fenText(b); }
        }
      }
      if (Number.isInteger(costs.personal_share)) r.share = fenText(costs.personal_share);
      const prem = Array.isArray(costs.premiums) ? costs.premiums.find((x) => x?.kind === 'resident' && Number.isInteger(x.amount)) : null;
      if (prem) r.premium = fenText(prem.amount);
      return r;
    });
    rows.sort((a, b) => (b.relation === 'self') - (a.relation === 'self'));
    const keyOf = (id) => rows[people.findIndex((p) => p.id === id)]?.k;
    this.pairAns = new Map();
    for (const x of Array.isArray(sc.relations) ? sc.relations : []) {
      const ka = keyOf(x?.a), kb = keyOf(x?.b);
      if (ka && kb && ka !== kb && RELS.includes(x.relation)) this.pairAns.set(ka + ' ' + kb, x.relation);
    }
    if (typeof sc.as_of === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(sc.as_of)) this.calcAsOf = sc.as_of;
    return rows;
  }

  renderCalc() {
    const id = this.uid;
    if (this.$rows) {
      // Re-rendered (another locale): every typed value is read back from the form and kept.
      const old = this.defNames || {};
      this.defNames = {};
      this.rows = this.readRows().map((r) => (old[r.name] ? { ...r, name: this.defName(...old[r.name]) } : r));
    }
    if (!this.rows) {
      // The first render: the outcome page's scenario if it left one, else "我" alone.
      const pre = this.calcPrefill ? this.prefillRows(this.calcPrefill) : null;
      this.prefilled = !!pre;
      this.rows = pre || this.defaultRows();
    }
    this.rowN ??= 0;
    this.pairAns ??= new Map();
    this.pairQs = [];
    const cov = this.meta.coverage || {};
    // Any date from the book's first (2021-04-22) on: no upper bound (later dates are answered with
    // the engine's review notice).
    this.$asof = h('input', { type: 'date', id: id + '-asof', 'data-f': 'as_of', min: cov.from, value: this.calcAsOf ?? this.asOf ?? today(), 'aria-describedby': id + '-asof-e' });
    this.$rows = h('div', { class: 'members' }, this.rows.map((r) => this.rowNode(r)));
    this.$pairs = h('div', { class: 'pairs', hidden: true });
    this.$ex = h('div', { class: 'example' });
    this.$err = h('div', { class: 'errsum', role: 'alert', id: id + '-err' });
    this.$out = h('div', { class: 'out' });
    this.$max = h('p', { class: 'small maxp', hidden: true }, this.t('calc.max_people', { max: this.meta.limits?.people ?? 30 }));
    // The main action (Enter in a field, or the button): results now, and focus to the first field
    // in error or else to the results.
    const go = (e) => {
      e.preventDefault();
      this.compute();
      this.announceCalc();
      const el = this.errs?.[0]?.[0] || this.$rt;
      el.focus();
      el.scrollIntoView?.({ block: 'start' });
    };
    const form = h('form', { class: 'calc', novalidate: true, onsubmit: go, oninput: (e) => this.edited(e), onchange: (e) => this.edited(e) },
      h('h2', null, this.t('calc.title')),
      h('p', { class: 'intro' }, this.t('calc.intro')),
      this.prefilled && h('p', { class: 'note prefill' }, this.t('calc.prefill_note')),
      this.$ex,
      h('div', { class: 'f asof' }, h('label', { for: id + '-asof' }, this.t('calc.as_of')), this.$asof, h('p', { class: 'ferr', id: id + '-asof-e', hidden: true })),
      this.$rows,
      this.$pairs,
      (this.$add = h('button', { type: 'button', class: 'btn add', onclick: () => this.addRow() }, '+ ' + this.t('calc.add'))),
      this.$max,
      h('div', { class: 'go' }, h('button', { type: 'submit', class: 'btn primary' }, this.t('calc.go'))),
      h('section', { class: 'results', 'aria-labelledby': id + '-rt' }, (this.$rt = h('h2', { id: id + '-rt', tabindex: '-1' }, this.t('calc.results'))), this.$err, this.$out));
    set(this.$main, form);
    this.exampleBar();
    this.relabel();
    this.compute();
    this.polish(form);
  }

  // The example family: a button while the table is the user's own, a labelled note with a way
  // back while it holds the example.
  exampleBar() {
    set(this.$ex, this.example
      ? h('div', { class: 'box exnote' }, h('p', null, this.t('calc.example_note')),
        h('button', { type: 'button', class: 'btn', onclick: () => this.setRows(this.defaultRows(), false) }, this.t('calc.example_clear')))
      : h('button', { type: 'button', class: 'btn quiet exbtn', onclick: () => this.setRows(this.exampleRows(), true) }, this.t('calc.example_btn')));
  }
  setRows(rows, example) {
    this.example = example;
    this.pairAns = new Map();
    set(this.$rows, rows.map((r) => this.rowNode(r)));
    this.exampleBar();
    this.relabel();
    this.compute();
    this.polish(this.$rows);
    this.polish(this.$ex);
    (this.$ex.querySelector('button') || this.$add).focus();
    this.announceCalc();
  }

  /** Province and city options for a region code: provinces from the engine's meta, cities from
   *  cities.js (names the engine has win), with the code itself kept if it is neither (a county). */
  regionParts(code) {
    const prov = code ? code.slice(0, 2) + '0000' : '';
    const loc = this.locale, named = {};
    for (const x of this.meta.regions) named[x.code] = x.name;
    const provinces = this.meta.regions.filter((x) => x.province).sort((a, b) => a.code - b.code).map((x) => [x.code, x.name]);
    if (prov && !provinces.some(([c]) => c === prov)) provinces.push([prov, this.t('region.code', { code: prov })]);
    const list = (CITIES[prov.slice(0, 2)] || []).map((c) => [c[0], named[c[0]] || (loc === 'en' ? c[3] : loc === 'zh-Hant' ? c[2] || c[1] : c[1])]);
    const city = code && code !== prov ? code : '';
    if (city && !list.some(([c]) => c === city)) list.push([city, named[city] || this.t('region.code', { code: city })]);
    return { prov, city, provinces, cities: list, municipality: MUNICIPALITIES.includes(prov.slice(0, 2)) };
  }
  fillCities(row, keep) {
    const provSel = row.querySelector('[data-f=province]'), citySel = row.querySelector('[data-f=city]');
    const prov = provSel.value;
    const parts = this.regionParts(keep && keep.slice(0, 2) === prov.slice(0, 2) ? keep : prov);
    set(citySel, h('option', { value: '' }, this.t('region.unknown')), parts.cities.map(([c, n]) => h('option', { value: c, selected: c === parts.city }, n)));
    row.querySelector('.f-city').hidden = !prov || parts.municipality || !parts.cities.length;
  }

  rowNode(r) {
    const k = `${this.uid}-${++this.rowN}`, self = r.relation === 'self';
    const opt = (v, label, sel) => h('option', { value: v, selected: v === sel }, label);
    const sel = (f, list, value = r[f]) => h('select', null, list.map(([v, l]) => opt(v, l, value)));
    const inp = (f, mode) => h('input', { type: 'text', inputmode: mode, autocomplete: 'off', value: r[f] ?? '' });
    const reg = this.regionParts(r.region || '');
    const yn = [['', this.t('opt.unknown')], ['yes', this.t('opt.yes')], ['no', this.t('opt.no')]];
    const field = (f, label, ctl, hint) => {
      const fid = `${k}-${f}`;
      ctl.id = fid;
      ctl.dataset.f = f;
      ctl.setAttribute('aria-describedby', (hint ? fid + '-h ' : '') + fid + '-e');
      return h('div', { class: 'f f-' + f },
        h('label', { for: fid }, label), ctl,
        hint && h('p', { class: 'fhint', id: fid + '-h' }, hint),
        h('p', { class: 'ferr', id: fid + '-e', hidden: true }));
    };
    const split = r.prior || r.current;
    const node = h('fieldset', { class: 'member', 'data-rel': r.relation, 'data-k': r.k || k },
      h('legend'),
      field('name', this.t('f.name'), h('input', { type: 'text', maxlength: 64, autocomplete: 'off', value: r.name ?? '' })),
      !self && field('relation', this.t('f.relation'), sel('relation', RELS.map((x) => [x, this.t('rel.' + x)]))),
      field('age', this.t('f.age'), inp('age', 'numeric')),
      field('scheme', this.t('f.scheme'), sel('scheme', SCHEMES.map((x) => [x, this.t('scheme.' + x)]))),
      field('status', this.t('f.status'), sel('status', STATUS.map((x) => [x, this.t('status.' + x)]), r.status || 'active')),
      h('fieldset', { class: 'f-reg' }, h('legend', null, this.t('f.region')),
        field('province', this.t('f.province'), sel('province', [['', this.t('region.unknown')], ...reg.provinces], reg.prov)),
        field('city', this.t('f.city'), h('select'))),
      field('phone', this.t('f.phone'), sel('phone', yn)),
      h('div', { class: 'acct' },
        field('balance', this.t('f.balance'), inp('balance', 'decimal'), this.t('f.balance.hint')),
        h('details', { class: 'split', open: !!split },
          h('summary', null, this.t('f.split')),
          h('p', { class: 'fhint' }, this.t('f.split.help')),
          field('prior', this.t('f.prior'), inp('prior', 'decimal')),
          field('current', this.t('f.current'), inp('current', 'decimal')))),
      field('share', this.t('f.share'), inp('share', 'decimal'), this.t('f.share.hint')),
      field('premium', this.t('f.premium'), inp('premium', 'decimal'), this.t('f.premium.hint')),
      !self && h('button', { type: 'button', class: 'btn small quiet rm', onclick: () => { node.remove(); this.relabel(); this.$add.focus(); this.compute(); } }));
    this.fillCities(node, r.region || '');
    return node;
  }
  relabel() {
    for (const n of this.$rows.children) this.relabelRow(n);
    const max = this.meta.limits?.people ?? 30, full = this.$rows.children.length >= max;
    this.$add.disabled = full;
    this.$max.hidden = !full;
  }
  rowName(node) {
    return node.querySelector('[data-f=name]').value.trim() || '—';
  }
  relabelRow(node) {
    const i = [...this.$rows.children].indexOf(node) + 1;
    const name = this.rowName(node);
    const legend = node.querySelector('legend');
    legend.textContent = this.t('calc.member', { n: i, name });
    this.polish(legend);
    const rm = node.querySelector('.rm');
    if (rm) { rm.textContent = this.t('calc.remove'); rm.setAttribute('aria-label', this.t('calc.remove.label', { name })); }
    const scheme = node.querySelector('[data-f=scheme]').value;
    // Only an employee account (or a scheme not known) has a balance; a premium is asked of whoever
    // is not known to be an employee (居民医保, or about to join it).
    node.querySelector('.acct').hidden = !['employee', 'unknown'].includes(scheme);
    node.querySelector('.f-premium').hidden = scheme === 'employee';
    node.querySelector('.f-status').hidden = scheme === 'none';
  }
  addRow() {
    const n = this.$rows.children.length + 1;
    const node = this.rowNode({ name: this.defName('calc.new_name', { n }), relation: 'parent', scheme: 'unknown', region: this.region || '' });
    this.$rows.append(node);
    this.relabel();
    this.polish(node);
    node.querySelector('[data-f=name]').focus();
    this.compute();
    this.announceCalc();
  }
  readRows() {
    return [...this.$rows.children].map((n) => {
      const r = { relation: n.dataset.rel, k: n.dataset.k };
      for (const el of n.querySelectorAll('[data-f]')) r[el.dataset.f] = el.value;
      r.region = r.city || r.province;
      return r;
    });
  }
  // Results follow every input at once (no debounce timer: evaluating takes well under a millisecond),
  // and are announced when a field is committed (change), not at every keystroke.
  edited(e) {
    const row = e.target.closest?.('.members > .member');
    if (row) {
      if (e.target.dataset.f === 'province') this.fillCities(row, row.querySelector('[data-f=city]').value);
      this.relabelRow(row);
    }
    if (e.target === this.$asof) this.calcAsOf = this.$asof.value;
    if (e.target.dataset?.pair) {
      if (e.target.value) this.pairAns.set(e.target.dataset.pair, e.target.value);
      else this.pairAns.delete(e.target.dataset.pair);
    }
    this.compute();
    if (e.type === 'change') this.announceCalc();
  }
  announceCalc() {
    if (!this.lastKey || this.lastKey === this.saidKey) return;
    this.saidKey = this.lastKey;
    const recs = this.lastRecs.map((p) => p.id + this.t('sep') + this.t('rec.' + p.recommendation));
    this.announce(this.t('calc.updated') + ' ' + recs.join(this.t('list_sep')));
  }

  // ---- errors: in plain words at the field, never a path or a code --------------------------
  /** The field an engine error's path names (people[1].account.prior_years → that row's 历年 field,
   *  or its balance when the split was not given). */
  fieldFor(path) {
    if (path === 'as_of') return this.$asof;
    const m = /^people\[(\d+)\]\.?([\w.]*)/.exec(path || '');
    const row = m && this.$rows.children[+m[1]];
    if (!row) return null;
    const rest = m[2];
    const q = (f) => row.querySelector(`[data-f=${f}]`);
    const f = rest === 'insurance.region' ? (q('city').value ? 'city' : 'province')
      : rest.startsWith('insurance.') ? rest.slice(10)
      : rest.startsWith('account') ? (rest.endsWith('current_year') ? (q('current').value.trim() ? 'current' : 'balance') : q('prior').value.trim() ? 'prior' : 'balance')
      : rest.startsWith('costs.premiums') ? 'premium'
      : rest.startsWith('costs') ? 'share'
      : rest === 'id' ? 'name' : rest === 'smartphone' ? 'phone' : rest || 'name';
    return q(f) || q('name');
  }
  /** A money field's name in words, for a message that stands alone (the error summary). */
  fieldName(el) {
    switch (el?.dataset.f) {
      case 'balance': return this.t('fn.balance');
      case 'prior': return this.t('fn.prior');
      case 'current': return this.t('fn.current');
      case 'premium': return this.t('fn.premium');
      default: return this.t('fn.share');
    }
  }
  maxMoney(el) {
    return this.t('err.money_max', { field: this.fieldName(el), max: yuan(this.meta.limits?.money ?? 1e11) });
  }
  /** An engine error ({path, code}) in the page's words; the engine's own message is for
   *  integrators (it names the field path and counts money in 分) and is never shown. */
  errText(err, el) {
    const lim = this.meta.limits || {};
    switch (err.code) {
      case 'OUT_OF_RANGE': return this.maxMoney(el);
      case 'NEGATIVE_MONEY': case 'NOT_INTEGER': return el?.dataset.f === 'age' ? this.t('err.age', { max: lim.age ?? 130 }) : this.t('err.money');
      case 'IMPOSSIBLE_AGE': return this.t('err.age', { max: lim.age ?? 130 });
      case 'INVALID_ID': return this.t('err.name', { max: lim.id_chars ?? 64 });
      case 'DUPLICATE_ID': return this.t('err.name_dup');
      case 'INVALID_DATE': return this.t('err.date');
      default: return this.t('err.field');
    }
  }
  setErr(el, msg) {
    el.setAttribute('aria-invalid', 'true');
    const e = this.shadowRoot.getElementById(el.id + '-e');
    if (e) { e.textContent = msg; e.hidden = false; }
    // A field inside the closed 历年 / 当年 part is shown.
    const d = el.closest('details');
    if (d) d.open = true;
    (this.errs ??= []).push([el, msg]);
  }
  clearErrs() {
    for (const el of this.shadowRoot.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const e = this.shadowRoot.getElementById(el.id + '-e');
      if (e) { e.textContent = ''; e.hidden = true; }
    }
    for (const e of this.shadowRoot.querySelectorAll('.fnote')) e.remove();
    this.errs = [];
    this.$err.replaceChildren();
  }
  /** While any input is invalid the results are gone, replaced by the list of what to fix (each a
   *  button to its field), or by one plain message when no field is to blame. */
  showErrs(whole) {
    this.$out.replaceChildren();
    this.$out.hidden = true;
    this.lastKey = null;
    const who = (el) => {
      const row = el.closest('.member');
      return row ? row.querySelector('legend').textContent : this.t('calc.as_of');
    };
    set(this.$err, h('p', { class: 'ferr' }, whole || this.t('calc.fix')),
      !whole && h('ul', { class: 'errs' }, this.errs.map(([el, msg]) => h('li', null,
        h('button', { type: 'button', class: 'btn quiet small', onclick: () => el.focus() }, this.t('calc.fix.item', { who: who(el), message: msg }))))));
  }
  compute() {
    mark('yibao-family:compute');
    this.clearErrs();
    const lim = this.meta.limits || {};
    const rows = [...this.$rows.children];
    const people = rows.map((n) => {
      const v = (f) => n.querySelector(`[data-f=${f}]`);
      const yuanOf = (f) => {
        const x = parseYuan(v(f).value);
        if (Number.isNaN(x)) this.setErr(v(f), this.t('err.money'));
        else if (x > (lim.money ?? 1e11)) this.setErr(v(f), this.maxMoney(v(f)));
        else return x;
        return undefined;
      };
      const scheme = v('scheme').value;
      const p = { id: v('name').value.trim(), relation: n.dataset.rel === 'self' ? 'self' : v('relation').value, insurance: { scheme } };
      const age = halfwidth(v('age').value.trim());
      if (age !== '') {
        if (/^\d{1,3}$/.test(age) && +age <= (lim.age ?? 130)) p.age = +age;
        else this.setErr(v('age'), this.t('err.age', { max: lim.age ?? 130 }));
      }
      if (scheme !== 'none' && v('status').value !== 'active') p.insurance.status = v('status').value;
      const region = v('city').value || v('province').value;
      if (region) p.insurance.region = region;
      if (v('phone').value) p.smartphone = v('phone').value === 'yes';
      if (scheme === 'employee' || scheme === 'unknown') {
        // One balance; the 历年 / 当年 split is optional. A total alone is sent as 历年 (where both
        // parts may be shared, only the total matters; where only 历年 may, the report says so
        // (accounts[].prior_years_only) and the field asks for the split: see showCalc).
        const total = yuanOf('balance'), a = yuanOf('prior'), b = yuanOf('current');
        if (total !== undefined && a !== undefined && b !== undefined) {
          let prior = a, current = b;
          if (a != null || b != null) {
            if (total != null && a != null && b == null) current = total - a;
            else if (total != null && b != null && a == null) prior = total - b;
            if (prior < 0 || current < 0 || (total != null && (prior ?? 0) + (current ?? 0) !== total)) {
              this.setErr(v('balance'), this.t('f.split.sum', { sum: yuan((a ?? 0) + (b ?? 0)) }));
            } else p.account = { prior_years: prior ?? 0, current_year: current ?? 0 };
          } else if (total != null) p.account = { prior_years: total, current_year: 0 };
          n.dataset.split = a != null || b != null ? '1' : '';
        }
      }
      // An empty amount is unknown, not zero: without either amount the person has no `costs`
      // (the engine then treats their costs as unknown); 0 typed is 0.
      const share = yuanOf('share'), prem = scheme === 'employee' ? null : yuanOf('premium');
      if (share != null || prem != null) {
        p.costs = {};
        if (share != null) p.costs.personal_share = share;
        if (prem != null) p.costs.premiums = prem ? [{ kind: 'resident', amount: prem }] : [];
      }
      return p;
    });
    const asOf = this.$asof.value;
    if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) this.setErr(this.$asof, this.t('err.date'));
    if (this.errs.length) { this.showErrs(); this.polishErrs(); return; }
    const sc = { locale: this.locale, people };
    if (asOf) sc.as_of = asOf;
    // Relations the user stated between two members (asked for when the engine could not derive them).
    const ids = new Map(rows.map((n, i) => [n.dataset.k, people[i].id]));
    const relations = [];
    for (const [key, rel] of this.pairAns) {
      const [ka, kb] = key.split(' ');
      const a = ids.get(ka), b = ids.get(kb);
      if (a && b && a !== b) relations.push({ a, b, relation: rel });
    }
    if (relations.length) sc.relations = relations;
    this.scenario = sc;
    // The same input in another locale (a locale switch with names the user typed): the rules'
    // answer is kept, and only its report is written again, in the new locale.
    const input = JSON.stringify({ ...sc, locale: undefined });
    let r;
    if (this.evaluation && input === this.evalInput) r = this.evaluation.report(this.locale);
    else {
      this.evaluation?.free();
      this.evaluation = this.evalInput = null;
      r = this.call('evaluation', sc);
      if (!r.error) { this.evaluation = r; this.evalInput = input; r = r.report(this.locale); }
    }
    if (r.error) {
      const el = this.fieldFor(r.error.path);
      if (el) { this.setErr(el, this.errText(r.error, el)); this.showErrs(); } else this.showErrs(this.t('calc.fix.whole'));
      this.polishErrs();
      return;
    }
    this.itemised = new Set(people.filter((p) => p.costs?.items?.length).map((p) => p.id));
    this.$out.hidden = false;
    this.askPairs(r, rows, people);
    this.showCalc(r);
    this.splitNotes(r, rows, people);
  }
  /** polish() for what an error changed: the summary and the messages at the fields. */
  polishErrs() {
    this.polish(this.$err);
    for (const [el] of this.errs) { const e = this.shadowRoot.getElementById(el.id + '-e'); if (e) this.polish(e); }
  }

  /** Where the engine could not tell how two members are related (RELATION_UNKNOWN on a pair), a
   *  select to say it; a pair once answered keeps its select, so the answer can be changed. */
  askPairs(r, rows, people) {
    const keyOf = new Map(people.map((p, i) => [p.id, rows[i].dataset.k]));
    const asked = [];
    const seen = new Set();
    const push = (ka, kb) => {
      if (!ka || !kb || ka === kb || seen.has(ka + ' ' + kb) || seen.has(kb + ' ' + ka)) return;
      seen.add(ka + ' ' + kb);
      asked.push([ka, kb]);
    };
    for (const key of this.pairAns.keys()) { const [ka, kb] = key.split(' '); if (rows.some((n) => n.dataset.k === ka) && rows.some((n) => n.dataset.k === kb)) push(ka, kb); }
    for (const p of r.pairs || []) if (p.reasons?.some((x) => x.code === 'RELATION_UNKNOWN')) push(keyOf.get(p.from), keyOf.get(p.to));
    for (const key of [...this.pairAns.keys()]) if (!seen.has(key)) this.pairAns.delete(key);
    const sig = asked.map((x) => x.join(' ')).join('|');
    const byK = (k) => rows.find((n) => n.dataset.k === k);
    if (sig !== this.pairSig) {
      this.pairSig = sig;
      const focused = this.shadowRoot.activeElement?.dataset?.pair;
      set(this.$pairs, asked.length > 0 && h('fieldset', { class: 'pairq' },
        h('legend', null, this.t('calc.pairs')),
        h('p', { class: 'fhint' }, this.t('calc.pairs.intro')),
        asked.map(([ka, kb]) => {
          const key = ka + ' ' + kb, fid = `${this.uid}-pair-${ka}-${kb}`;
          return h('div', { class: 'f f-pair' },
            h('label', { for: fid, 'data-a': ka, 'data-b': kb }),
            h('select', { id: fid, 'data-pair': key },
              h('option', { value: '' }, this.t('opt.unknown')),
              RELS.map((x) => h('option', { value: x, selected: this.pairAns.get(key) === x }, this.t('rel.' + x)))));
        })));
      this.$pairs.hidden = !asked.length;
      this.polish(this.$pairs);
      if (focused) this.$pairs.querySelector(`[data-pair="${focused}"]`)?.focus();
    }
    // Names follow the member rows as they are typed.
    for (const l of this.$pairs.querySelectorAll('label[data-a]')) {
      l.textContent = this.t('calc.pair', { a: this.rowName(byK(l.dataset.a)), b: this.rowName(byK(l.dataset.b)) });
      this.polish(l);
    }
  }

  /** A balance given only as a total, for an account whose region shares 历年 only (the report's
   *  accounts[].prior_years_only): the field asks for the split. */
  splitNotes(r, rows, people) {
    for (const a of r.accounts || []) {
      const i = people.findIndex((p) => p.id === a.id);
      const row = rows[i];
      if (!row || !a.prior_years_only || row.dataset.split) continue;
      const f = row.querySelector('.f-balance');
      const note = h('p', { class: 'fnote warn-t', id: row.querySelector('[data-f=balance]').id + '-n' }, this.t('f.split.needed'));
      f.append(note);
      this.polish(note);
      const inp = row.querySelector('[data-f=balance]');
      if (!inp.getAttribute('aria-describedby').includes(inp.id + '-n')) inp.setAttribute('aria-describedby', inp.getAttribute('aria-describedby') + ' ' + inp.id + '-n');
    }
  }

  /** After rendering: in English, Chinese terms are marked lang="zh-Hans" (so they are read in
   *  Chinese); in every locale the 12393 hotline in a text becomes a tel: link. */
  polish(root = this.$main) {
    const en = this.locale === 'en';
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const todo = [];
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const p = n.parentElement;
      if (!p || p.closest('a, textarea, [data-zh]')) continue;
      if (p.tagName === 'OPTION') {
        HAN.lastIndex = 0;
        if (en && HAN.test(n.data)) p.lang = 'zh-Hans'; else p.removeAttribute('lang');
        continue;
      }
      HAN.lastIndex = 0; HOTLINE_RE.lastIndex = 0;
      if ((en && HAN.test(n.data)) || HOTLINE_RE.test(n.data)) todo.push(n);
    }
    for (const n of todo) {
      const parts = [];
      const re = new RegExp(`${en ? HAN.source + '|' : ''}12393`, 'g');
      let last = 0;
      for (const m of n.data.matchAll(re)) {
        if (m.index > last) parts.push(n.data.slice(last, m.index));
        parts.push(m[0] === '12393' ? this.tel() : h('span', { lang: 'zh-Hans', 'data-zh': '' }, m[0]));
        last = m.index + m[0].length;
      }
      if (last < n.data.length) parts.push(n.data.slice(last));
      n.replaceWith(...parts);
    }
  }

  showCalc(r) {
    const t = r.totals;
    const lines = this.accountLines(r);
    const summary = this.finishSummary([this.t('summary.title'), ...lines.flatMap((x) => x.text), ...r.people.flatMap((p) => ['', this.t('person', { name: p.id, relation: this.t('rel.' + p.relation) }), this.recLine(p), ...this.personLines(p)])], r);
    set(this.$out,
      this.review(r),
      r.people.length === 1 && h('p', { class: 'note' }, this.t('calc.me_only')),
      h('ul', { class: 'recs' }, r.people.map((p) => h('li', null, h('span', null, p.id), ' ', h('strong', { class: 'rec-' + p.recommendation }, this.t('rec.' + p.recommendation)), p.conditional && [' ', h('span', { class: 'badge cond-b' }, this.t('conditional'))]))),
      lines.length > 0 && h('div', { class: 'box accounts' }, h('h3', null, this.t('calc.accounts')),
        h('ul', null, lines.map((x) => h('li', { 'data-account': x.id }, x.text.map((s, i) => h('p', { class: i ? 'small' : 'acc-l' }, s))))),
        lines.some((x) => x.shared > 0) && h('p', { class: 'small' }, this.t('calc.transfer.note'))),
      t && r.people.length > 1 && this.chart(t),
      h('div', { class: 'box plan' }, h('h3', null, this.t('plan.title')),
        r.plan?.length ? h('ol', null, r.plan.map((b) => h('li', { 'data-conditional': b.conditional ? 'true' : null },
          this.t('plan.item', { from: b.from, to: b.to, kind: this.t(b.kind === 'gongji' ? 'gongji' : 'fa') }),
          b.conditional && [' ', h('span', { class: 'badge cond-b' }, this.t('plan.conditional'))]))) : h('p', null, this.t('plan.none'))),
      this.notices(r),
      h('div', { class: 'people' }, (this.srcOf = new Map((r.sources || []).map((x) => [x.id, x])), r.people.map((p) => this.person(r, p, false)))),
      this.myths(),
      this.receipt(r),
      this.actions(summary));
    // What an update announces (announceCalc): the recommendations and totals; the first result is not announced.
    this.lastKey = JSON.stringify([r.people.map((p) => [p.id, p.recommendation]), t]);
    this.lastRecs = r.people;
    this.saidKey ??= this.lastKey;
    this.polish(this.$out);
    this.emit(summary, r.people, r);
  }

  /** Each personal account's balance before → after (the report's accounts), and for an account
   *  that shares, what moves: the relatives' cash that it pays (their shared_from amounts from it)
   *  and what leaves the account (its shared_out). Never called a saving. */
  accountLines(r) {
    const self = r.people.find((p) => p.relation === 'self')?.id;
    return (r.accounts || []).map((a) => {
      const me = a.id === self;
      const text = [me ? this.t('calc.account.me', { before: yuan(a.balance_before), after: yuan(a.balance_after) })
        : this.t('calc.account.other', { name: a.id, before: yuan(a.balance_before), after: yuan(a.balance_after) })];
      if (a.shared_out > 0) {
        text.push(this.t('calc.account.detail', { own: yuan(a.own_use), shared: yuan(a.shared_out) }));
        // What leaves the account by sharing (shared_out) is what the relatives no longer pay in
        // cash: it pays their costs (their money.shared_from), it is not saved.
        text.push(me ? this.t('calc.transfer.me', { amount: yuan(a.shared_out) }) : this.t('calc.transfer.other', { name: a.id, amount: yuan(a.shared_out) }));
      }
      return { id: a.id, shared: a.shared_out, text };
    });
  }

  chart(t) {
    const w = t.cash, wo = t.cash_without_gongji, max = Math.max(w, wo, 1);
    const title = this.t('chart.title');
    const desc = this.t('chart.desc', { with: yuan(w), without: yuan(wo) });
    // Labels and amounts are HTML text (they wrap at 320 px and keep the type size); the bars are
    // shapes only, sized in per cent of the larger amount.
    const bar = (v, cls, label) => h('li', null,
      h('span', { class: 'bar-l' }, label), this.t('sep'), h('span', { class: 'bar-v' }, yuan(v)),
      h('svg:svg', { class: 'bar-g', 'aria-hidden': 'true', focusable: 'false' },
        h('svg:rect', { class: 'b-track', x: 0, y: 0, width: '100%', height: '100%' }),
        h('svg:rect', { class: cls, x: 0, y: 0, width: Math.max(0.5, Math.round((v / max) * 1000) / 10) + '%', height: '100%' })));
    return h('figure', { class: 'chart', 'aria-labelledby': this.uid + '-ct' },
      h('p', { class: 'bar-l', id: this.uid + '-ct' }, title),
      h('ul', { class: 'bars' }, bar(w, 'b-with', this.t('chart.with')), bar(wo, 'b-without', this.t('chart.without'))),
      h('figcaption', null, desc));
  }

  // ---- the report, as the calculator shows it (moved here from yibao-family.js: only the
  // calculator shows a whole report, so a questionnaire visit does not fetch this code) ----
  personLines(p) {
    const L = p.recommendation === 'undecided' ? [this.t('hint.undecided', { tel: HOTLINE })] : [];
    L.push(this.t('why') + this.t('sep'), ...p.why.map((w) => '- ' + w.text));
    if (p.next_steps.length) {
      L.push(this.t('next_steps') + this.t('sep'));
      for (const s of p.next_steps) {
        L.push('- ' + s.text);
        for (const c of s.channels || []) L.push(`  · ${c.app}${this.t('sep')}${c.path}`);
        for (const d of this.docLines(s)) L.push('  · ' + d);
      }
    }
    return L;
  }

  person(r, p, big) {
    const H = big ? 'h3' : 'h4', rec = p.recommendation, undecided = rec === 'undecided';
    return h('article', { class: `person rec-${rec}${big ? ' big' : ''}`, 'data-person': p.id },
      !big && h('h3', { class: 'pname' }, this.t('person', { name: p.id, relation: this.t('rel.' + p.relation) })),
      h('p', { class: 'rec' }, h('span', { class: 'rec-l' }, this.t(undecided ? 'result.title' : 'rec.label')), h('strong', { class: 'rec-v', 'data-rec': rec }, this.t('rec.' + rec))),
      h('p', { class: 'hint' }, undecided ? this.t('hint.undecided', { tel: this.tel() }) : this.t('hint.' + rec)),
      p.conditional && h('p', { class: 'cond' }, h('span', { class: 'badge cond-b' }, this.t('conditional')), ' ', this.t('conditional.help')),
      h(H, null, this.t('why')),
      this.reasons(p.why),
      p.next_steps.length > 0 && [h(H, null, this.t('next_steps')), h('ol', { class: 'steps' }, p.next_steps.map((s) => this.step(s)))],
      !big && this.money(p),
      h('details', { class: 'elig' },
        h('summary', null, this.t('details')),
        this.elig('fa', p.family_account),
        this.elig('gongji', p.gongji, p.gongji.authorisers?.length > 0 && this.t('authorisers', { list: p.gongji.authorisers.join(this.t('list_sep')) }))));
  }

  reasons(list) {
    return h('ul', { class: 'reasons' }, list.map((x) => h('li', null, x.text, this.cite(x))));
  }

  // A reason's source in words (its issuer and title from the report's sources), not a bare id.
  cite(x) {
    const s = x.source && this.srcOf?.get(x.source);
    return [x.source && [' ', h('span', { class: 'src' }, this.t('source', { id: s ? h('span', { lang: 'zh-Hans' }, [s.issuer, s.title].filter(Boolean).join(' ')) : x.source }))],
      x.verified === false && [' ', h('span', { class: 'badge unv' }, this.t('unverified'))]];
  }

  /** A next step's documents as text: one line for those all needed, one for those any one of. */
  docLines(s) {
    const names = (list) => list.map((d) => this.t('doc.' + d)).join(this.t('list_sep'));
    return [s.documents?.length > 0 && this.t('documents', { list: names(s.documents) }),
      s.documents_any_of?.length > 0 && this.t('documents_any', { list: names(s.documents_any_of) })].filter(Boolean);
  }

  step(s) {
    return h('li', null, h('p', null, s.text),
      s.channels?.length > 0 && h('ul', { class: 'chan' }, s.channels.map((c) => h('li', null, h('strong', null, c.app), this.t('sep'), c.path, this.cite(c)))),
      this.docLines(s).map((d) => h('p', { class: 'docs' }, d)));
  }

  elig(kind, x, extra) {
    const st = x.applicable === false ? 'na' : !x.certain ? 'maybe' : x.eligible ? 'yes' : 'no';
    return h('div', { class: 'el' },
      h('p', null, h('strong', null, this.t(kind)), this.t('sep'), h('span', { class: 'el-' + st }, this.t('elig.' + st))),
      extra && h('p', null, extra),
      x.reasons.length > 0 && this.reasons(x.reasons));
  }

  myths() {
    return h('div', { class: 'box myths' }, h('h3', null, this.t('misc.title')),
      h('ul', null, ['own_card', 'lend', 'pooled', 'fa_no_money', 'together'].map((k) => h('li', null, this.t('misc.' + k)))));
  }

  notices(r) {
    // A notice's `verified` is the engine's (false for UNVERIFIED_PARAMETER and for unverified sources).
    const item = (x) => h('li', null, x.text, this.cite(x));
    return [
      r.warnings?.length > 0 && h('div', { class: 'box warn' }, h('h3', null, this.t('warnings')), h('ul', null, r.warnings.map(item))),
      r.not_covered?.length > 0 && h('div', { class: 'box' }, h('h3', null, this.t('not_covered')), h('ul', null, r.not_covered.map(item))),
    ];
  }

  receipt(r) {
    const rc = r.receipt, cov = rc.coverage || this.meta.coverage;
    const unv = r.unverified_used === true;
    return h('footer', { class: 'receipt' },
      h('h3', null, this.t('receipt.title')),
      h('p', { class: 'rc' }, this.t('receipt', { date: rc.as_of, version: rc.rules_version, hash: rc.rules_hash })),
      cov?.reviewed_on && h('p', { class: 'small cov' }, this.t('coverage', { from: cov.from, reviewed_on: cov.reviewed_on })),
      unv && h('p', { class: 'small unv-l' }, h('span', { class: 'badge unv' }, this.t('unverified')), ' ', this.t('unverified.help')),
      r.sources?.length > 0 && h('details', { class: 'sources' },
        h('summary', null, this.t('sources')),
        h('ul', null, r.sources.map((s) => {
          // Linked only to an official host; any other source stays a citation in words.
          const url = officialUrl(s.url);
          return h('li', null,
            h('span', { class: 'src' }, s.id), ' ', s.issuer, s.title && this.t('sep') + s.title, s.date && this.t('paren', { x: s.date }),
            s.verified === false && [' ', h('span', { class: 'badge unv' }, this.t('unverified'))],
            url && [' ', h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, new URL(url).host)]);
        }))),
      h('p', { class: 'small' }, this.t('official')));
  }
}
