// The comparison calculator of <yibao-family>: the family table, its results and the chart. It is
// loaded by yibao-family.js (import()) only when an element is in calculator mode, so a questionnaire
// visit never downloads it; yibao-family.js copies these methods onto the element's class. Like the rest of the
// widget it renders what the core returns and decides no policy; money arrives as integer 分 and is
// formatted only here.
let h, set, today, mark;

const NF = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
const yuan = (fen) => NF.format(fen / 100);
/** "1234.5" → 123450 (分), exactly, without floats; '' → null; anything else → NaN. */
const halfwidth = (s) => s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
function parseYuan(s) {
  s = halfwidth(String(s).replace(/[\s,，¥￥元]/g, ''));
  if (s === '') return null;
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(s);
  return m ? Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0')) : NaN;
}

const RELS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'parent_in_law', 'child_in_law', 'sibling_in_law', 'other'];
const SCHEMES = ['employee', 'resident', 'none', 'unknown'];
const STATUS = ['active', 'suspended', 'terminated'];
const MONEY = ['cost', 'pooled', 'own_account', 'shared', 'cash', 'cash_without_gongji'];

/** Receives the element's DOM helpers (before yibao-family.js copies the methods below). */
export function use(lib) {
  ({ h, set, today, mark } = lib);
}

export default class Calculator {
  // The money table of one person (the calculator's per-person cards; the questionnaire's result
  // page shows no amounts).
  money(p) {
    const m = p.money;
    return h('div', { class: 'money' },
      h('table', null,
        h('caption', null, this.t('money.title')),
        h('tbody', null, MONEY.map((k) => h('tr', { class: 'm-' + k },
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
  defaultRows() {
    const reg = this.region || '';
    return [
      { name: this.defName('calc.me'), relation: 'self', age: '40', scheme: 'employee', region: reg, phone: 'yes', prior: '3000', current: '1200', share: '300', premium: '' },
      { name: this.defName('calc.example'), relation: 'parent', age: '68', scheme: 'resident', region: reg, phone: 'no', prior: '', current: '', share: '2500', premium: '380' },
    ];
  }
  renderCalc() {
    const id = this.uid;
    if (this.$rows) {
      // Re-rendered (another locale): every typed value is read back from the form and kept.
      const old = this.defNames || {};
      this.defNames = {};
      this.rows = this.readRows().map((r) => (old[r.name] ? { ...r, name: this.defName(...old[r.name]) } : r));
    }
    this.rows ??= this.defaultRows();
    this.rowN ??= 0;
    const cov = this.meta.coverage || {};
    // Any date from the book's first (2021-04-22) on: no upper bound (later dates are answered with
    // the engine's review notice).
    this.$asof = h('input', { type: 'date', id: id + '-asof', 'data-f': 'as_of', min: cov.from, value: this.calcAsOf ?? this.asOf ?? today(), 'aria-describedby': id + '-asof-e' });
    this.$rows = h('div', { class: 'members' }, this.rows.map((r) => this.rowNode(r)));
    this.$err = h('p', { class: 'ferr', role: 'alert' });
    this.$out = h('div', { class: 'out' });
    const form = h('form', { class: 'calc', novalidate: true, onsubmit: (e) => e.preventDefault(), oninput: (e) => this.edited(e), onchange: (e) => this.edited(e) },
      h('h2', null, this.t('calc.title')),
      h('p', { class: 'intro' }, this.t('calc.intro')),
      h('div', { class: 'f asof' }, h('label', { for: id + '-asof' }, this.t('calc.as_of')), this.$asof, h('p', { class: 'ferr', id: id + '-asof-e', hidden: true })),
      this.$rows,
      (this.$add = h('button', { type: 'button', class: 'btn', onclick: () => this.addRow() }, '+ ' + this.t('calc.add'))),
      this.$err,
      h('section', { class: 'results', 'aria-labelledby': id + '-rt' }, h('h2', { id: id + '-rt' }, this.t('calc.results')), this.$out));
    set(this.$main, form);
    this.relabel();
    this.compute();
  }

  rowNode(r) {
    const k = `${this.uid}-${++this.rowN}`, self = r.relation === 'self';
    const opt = (v, label, sel) => h('option', { value: v, selected: v === sel }, label);
    const sel = (f, list) => h('select', null, list.map(([v, l]) => opt(v, l, r[f])));
    const inp = (f, mode) => h('input', { type: 'text', inputmode: mode, autocomplete: 'off', value: r[f] });
    const regions = [['', this.t('region.unknown')], ...[...this.meta.regions].sort((a, b) => a.code - b.code).map((x) => [x.code, '\u3000'.repeat(x.province ? 0 : x.code.endsWith('00') ? 1 : 2) + x.name])];
    if (r.region && !regions.some(([c]) => c === r.region)) regions.push([r.region, this.t('region.code', { code: r.region })]);
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
    const node = h('fieldset', { class: 'member', 'data-rel': r.relation },
      h('legend'),
      field('name', this.t('f.name'), h('input', { type: 'text', maxlength: 64, autocomplete: 'off', value: r.name })),
      !self && field('relation', this.t('f.relation'), sel('relation', RELS.map((x) => [x, this.t('rel.' + x)]))),
      field('age', this.t('f.age'), inp('age', 'numeric')),
      field('scheme', this.t('f.scheme'), sel('scheme', SCHEMES.map((x) => [x, this.t('scheme.' + x)]))),
      field('status', this.t('f.status'), sel('status', STATUS.map((x) => [x, this.t('status.' + x)]))),
      field('region', this.t('f.region'), sel('region', regions)),
      field('phone', this.t('f.phone'), sel('phone', yn)),
      field('prior', this.t('f.prior'), inp('prior', 'decimal')),
      field('current', this.t('f.current'), inp('current', 'decimal')),
      field('share', this.t('f.share'), inp('share', 'decimal'), this.t('f.share.hint')),
      field('premium', this.t('f.premium'), inp('premium', 'decimal')),
      !self && h('button', { type: 'button', class: 'btn small quiet rm', onclick: () => { node.remove(); this.relabel(); this.$add.focus(); this.compute(); } }));
    return node;
  }
  relabel() {
    for (const n of this.$rows.children) this.relabelRow(n);
  }
  relabelRow(node) {
    const i = [...this.$rows.children].indexOf(node) + 1;
    const name = node.querySelector('[data-f=name]').value.trim() || '—';
    node.querySelector('legend').textContent = this.t('calc.member', { n: i, name });
    const rm = node.querySelector('.rm');
    if (rm) { rm.textContent = this.t('calc.remove'); rm.setAttribute('aria-label', this.t('calc.remove.label', { name })); }
    const scheme = node.querySelector('[data-f=scheme]').value;
    for (const f of ['prior', 'current']) node.querySelector('.f-' + f).hidden = !['employee', 'unknown'].includes(scheme);
    node.querySelector('.f-status').hidden = scheme === 'none';
  }
  addRow() {
    const n = this.$rows.children.length + 1;
    const node = this.rowNode({ name: this.defName('calc.new_name', { n }), relation: 'parent', age: '', scheme: 'resident', region: this.region || '', phone: '', prior: '', current: '', share: '', premium: '' });
    this.$rows.append(node);
    this.relabel();
    node.querySelector('[data-f=name]').focus();
    this.compute();
    this.announceCalc();
  }
  readRows() {
    return [...this.$rows.children].map((n) => {
      const r = { relation: n.dataset.rel };
      for (const el of n.querySelectorAll('[data-f]')) r[el.dataset.f] = el.value;
      return r;
    });
  }
  // Results follow every input at once (no debounce timer: evaluating takes well under a millisecond),
  // and are announced when a field is committed (change), not at every keystroke.
  edited(e) {
    const row = e.target.closest?.('.member');
    if (row) this.relabelRow(row);
    if (e.target === this.$asof) this.calcAsOf = this.$asof.value;
    this.compute();
    if (e.type === 'change') this.announceCalc();
  }
  announceCalc() {
    if (!this.lastKey || this.lastKey === this.saidKey) return;
    this.saidKey = this.lastKey;
    const recs = this.lastRecs.map((p) => p.id + this.t('sep') + this.t('rec.' + p.recommendation));
    this.announce(this.t('calc.updated') + ' ' + recs.join(this.t('list_sep')));
  }

  fieldFor(path) {
    if (path === 'as_of') return this.$asof;
    const m = /^people\[(\d+)\]\.?([\w.]*)/.exec(path || '');
    const row = m && this.$rows.children[+m[1]];
    if (!row) return null;
    const rest = m[2];
    const f = rest.startsWith('insurance.') ? rest.slice(10)
      : rest.startsWith('account') ? (rest.endsWith('current_year') ? 'current' : 'prior')
      : rest.startsWith('costs.premiums') ? 'premium'
      : rest.startsWith('costs') ? 'share'
      : rest === 'id' ? 'name' : rest === 'smartphone' ? 'phone' : rest || 'name';
    return row.querySelector(`[data-f=${f}]`) || row.querySelector('[data-f=name]');
  }
  setErr(el, msg) {
    el.setAttribute('aria-invalid', 'true');
    const e = this.shadowRoot.getElementById(el.id + '-e');
    if (e) { e.textContent = msg; e.hidden = false; }
  }

  compute() {
    mark('yibao-family:compute');
    for (const el of this.shadowRoot.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const e = this.shadowRoot.getElementById(el.id + '-e');
      if (e) { e.textContent = ''; e.hidden = true; }
    }
    this.$err.textContent = '';
    let bad = false;
    const people = [...this.$rows.children].map((n) => {
      const v = (f) => n.querySelector(`[data-f=${f}]`);
      const yuanOf = (f) => {
        const x = parseYuan(v(f).value);
        if (Number.isNaN(x)) { this.setErr(v(f), this.t('err.money')); bad = true; }
        return x;
      };
      const scheme = v('scheme').value;
      const p = { id: v('name').value.trim(), relation: n.dataset.rel === 'self' ? 'self' : v('relation').value, insurance: { scheme } };
      const age = halfwidth(v('age').value.trim());
      if (age !== '') {
        if (/^\d{1,3}$/.test(age)) p.age = +age;
        else { this.setErr(v('age'), this.t('err.age')); bad = true; }
      }
      if (scheme !== 'none' && v('status').value !== 'active') p.insurance.status = v('status').value;
      if (v('region').value) p.insurance.region = v('region').value;
      if (v('phone').value) p.smartphone = v('phone').value === 'yes';
      if (scheme === 'employee' || scheme === 'unknown') {
        const a = yuanOf('prior'), b = yuanOf('current');
        if (a != null || b != null) p.account = { prior_years: a || 0, current_year: b || 0 };
      }
      // An empty amount is unknown, not zero: without either amount the person has no `costs`
      // (the engine then treats their costs as unknown); 0 typed is 0.
      const share = yuanOf('share'), prem = yuanOf('premium');
      if (share != null || prem != null) {
        p.costs = {};
        if (share != null) p.costs.personal_share = share;
        if (prem != null) p.costs.premiums = prem ? [{ kind: 'resident', amount: prem }] : [];
      }
      return p;
    });
    const asOf = this.$asof.value;
    if (asOf && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) { this.setErr(this.$asof, this.t('err.engine', { message: asOf })); bad = true; }
    if (bad) { this.stale(this.t('calc.fix')); return; }
    const sc = { locale: this.locale, people };
    if (asOf) sc.as_of = asOf;
    this.scenario = sc;
    const r = this.call('evaluate', sc);
    if (r.error) {
      const el = this.fieldFor(r.error.path);
      if (el) this.setErr(el, r.error.message);
      this.stale(el ? this.t('calc.fix') : this.t('err.engine', { message: r.error.message }));
      return;
    }
    this.showCalc(r);
  }
  stale(msg) {
    this.$err.textContent = msg;
    this.$out.classList.add('stale');
  }

  showCalc(r) {
    const t = r.totals;
    this.$out.classList.remove('stale');
    const summary = this.finishSummary([this.t('summary.title'), ...r.people.flatMap((p) => ['', this.t('person', { name: p.id, relation: this.t('rel.' + p.relation) }), this.recLine(p), ...this.personLines(p)])], r);
    set(this.$out, 
      this.review(r),
      h('ul', { class: 'recs' }, r.people.map((p) => h('li', null, h('span', null, p.id), ' ', h('strong', { class: 'rec-' + p.recommendation }, this.t('rec.' + p.recommendation)), p.conditional && [' ', h('span', { class: 'badge cond-b' }, this.t('conditional'))]))),
      t && this.chart(t),
      h('div', { class: 'box plan' }, h('h3', null, this.t('plan.title')),
        r.plan?.length ? h('ol', null, r.plan.map((b) => h('li', { 'data-conditional': b.conditional ? 'true' : null },
          this.t('plan.item', { from: b.from, to: b.to, kind: this.t(b.kind === 'gongji' ? 'gongji' : 'fa') }),
          b.conditional && [' ', h('span', { class: 'badge cond-b' }, this.t('plan.conditional'))]))) : h('p', null, this.t('plan.none'))),
      this.notices(r),
      h('div', { class: 'people' }, r.people.map((p) => this.person(r, p, false))),
      this.myths(),
      this.receipt(r),
      this.actions(summary));
    // What an update announces (announceCalc): the recommendations and totals; the first result is not announced.
    this.lastKey = JSON.stringify([r.people.map((p) => [p.id, p.recommendation]), t]);
    this.lastRecs = r.people;
    this.saidKey ??= this.lastKey;
    this.emit(summary, r.people, r);
  }

  chart(t) {
    const w = t.cash, wo = t.cash_without_gongji, max = Math.max(w, wo, 1);
    const title = this.t('chart.title');
    const desc = this.t('chart.desc', { with: yuan(w), without: yuan(wo), saved: yuan(Math.max(0, wo - w)) });
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
}
