// The decision questionnaire of <yibao-family>: one question per screen, Back, the result page
// with its change buttons, and the state in the URL hash. It is loaded by yibao-family.js
// (import()) only when an element is in questionnaire mode, and copied onto the element's class.
// The questions, their order and the result all come from the core.
let h, set, ownsHash;

// The #q= state: base64url of the JSON state (answers only: no amounts, no identities).
const b64e = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const b64d = (s) => new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
const qParam = () => /(?:^#|&)q=([\w-]+)/.exec(location.hash)?.[1] || null;
// After the next frame has been painted (at once in a hidden page, which paints no frames).
const afterPaint = (f) => (document.hidden ? setTimeout(f) : requestAnimationFrame(() => setTimeout(f)));

/** Receives the element's helpers (before yibao-family.js copies the methods below). */
export function use(lib) {
  ({ h, set, ownsHash } = lib);
}

export default class Questionnaire {
  // The first render: the page's first questionnaire follows the URL hash (#q=…, back and forward);
  // without #q= state an element starts from its `answers` attribute.
  startQ() {
    if (ownsHash(this)) {
      // Our own entries carry q=…; a host's in-page anchor (#content) leaves the questionnaire alone.
      const onNav = () => {
        const q = qParam();
        if (!this.ui || (q ? q === this.lastQ : location.hash.length > 1)) return;
        this.hashGen = (this.hashGen ?? 0) + 1; // a URL write still waiting is for a page left behind
        this.readHash();
        this.render();
      };
      addEventListener('popstate', onNav);
      addEventListener('hashchange', onNav);
      this.readHash();
    }
    this.init = !this.lastQ;
  }
  state(answers = this.answers) {
    return { locale: this.locale, region: this.region ?? this.hRegion ?? null, as_of: this.asOf ?? this.hAsOf ?? null, answers };
  }
  view(answers) {
    return this.call('questionnaire', this.state(answers));
  }
  // The `answers` attribute (JSON {question id: option value}; embed.html fills it from its query
  // string), read once when the URL has no #q= state. The core decides: every id or value it
  // rejects is dropped, the rest is kept.
  initialAnswers() {
    let raw;
    try { raw = JSON.parse(this.getAttribute('answers') || '{}'); } catch { return {}; }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
    const a = {};
    for (const [k, v] of Object.entries(raw).slice(0, 16)) if (k !== '__proto__') a[k] = v;
    for (let i = 0; i <= 16; i++) {
      const e = this.view(a).error;
      if (!e) return a;
      const id = /^answers\.(.*)$/s.exec(e.path || '')?.[1];
      if (id == null || !Object.prototype.hasOwnProperty.call(a, id)) break;
      delete a[id];
    }
    return {};
  }
  readHash() {
    const q = (this.lastQ = qParam());
    // No #q= state: the start page (its 开始 leaves a state behind, so the browser's Back from the
    // first question returns to it).
    this.atStart = !q;
    this.answers = {};
    this.edit = null;
    this.ret = false;
    if (!q) return;
    try {
      const s = JSON.parse(b64d(q));
      if (s.answers && typeof s.answers === 'object') this.answers = s.answers;
      this.hRegion = s.region || null;
      this.hAsOf = s.as_of || null;
      this.edit = s.at || null;
      this.ret = !!s.ret;
    } catch { this.bad = true; }
  }
  // The state is decided now (lastQ); the URL is written once the new screen is painted: nobody
  // waits for the address bar, and history.pushState costs ≈ 1 ms (up to 3 ms at 4× CPU), a good
  // part of the frame the next question should appear in. Writes keep their order; one still
  // waiting when the user navigates (Back, Forward, a link) is dropped.
  writeHash(push) {
    if (!ownsHash(this)) return;
    this.lastQ = null;
    if (Object.keys(this.answers).length || this.edit || !this.atStart) {
      const st = this.state();
      if (this.edit) st.at = this.edit;
      if (this.ret) st.ret = true;
      this.lastQ = b64e(JSON.stringify(st));
    }
    const q = this.lastQ, gen = this.hashGen;
    afterPaint(() => {
      if (gen !== this.hashGen) return;
      const parts = location.hash.slice(1).split('&').filter((p) => p && !p.startsWith('q='));
      if (q) parts.push('q=' + q);
      const hash = parts.length ? '#' + parts.join('&') : '';
      if (hash === location.hash) return;
      history[push ? 'pushState' : 'replaceState'](history.state, '', location.pathname + location.search + hash);
    });
  }

  renderQ(push) {
    let v, cur;
    if (this.init == null) this.startQ();
    if (this.init) {
      this.init = false;
      this.answers = this.initialAnswers();
      // The start page: a fresh visit only (no answers from the host, the link or the URL).
      this.atStart = !Object.keys(this.answers).length && !this.edit;
    }
    if (this.atStart) { this.showStart(); return; }
    if (this.edit) {
      const rest = { ...this.answers };
      cur = rest[this.edit];
      delete rest[this.edit];
      v = this.view(rest);
      if (v.error || v.done || v.question.id !== this.edit) { this.edit = null; this.ret = false; }
    }
    if (!this.edit) v = this.view(this.answers);
    let note = null;
    if (v.error && (Object.keys(this.answers).length || this.hRegion || this.hAsOf)) {
      // A stale or hand-edited link: start again rather than fail.
      this.answers = {}; this.hRegion = this.hAsOf = null; this.bad = true;
      v = this.view({});
    }
    if (this.bad) { note = h('p', { class: 'note', role: 'alert' }, this.t('state_reset')); this.bad = false; }
    if (v.error) {
      set(this.$main, h('p', { class: 'fail', role: 'alert' }, this.t('err.engine', { message: v.error.message })));
      return;
    }
    this.writeHash(push);
    // What was answered on this visit, so that the browser's Back (which restores an earlier
    // state without the answer) still shows the answer given.
    this.memory = { ...this.memory, ...this.answers };
    if (v.done) this.showResult(v, note);
    else this.showQuestion(v, cur, note);
  }

  showQuestion(v, cur, note) {
    const q = v.question, id = this.uid, many = q.options.length > 16;
    // A choice made but not yet submitted survives a re-render (a locale switch) of the same question.
    const pending = this.$main.querySelector(`form.q input[name=a][data-q="${q.id}"]:checked, form.q select[name=a][data-q="${q.id}"]`);
    if (pending?.value) cur = pending.value;
    // The browser's Back: the answer given before, if the state it restores has none.
    if (cur == null && this.memory?.[q.id] != null && q.options.some((o) => o.value === this.memory[q.id])) cur = this.memory[q.id];
    const heading = h('h2', { class: 'qtext', tabindex: '-1', id: id + '-qt' }, this.rich(q.text));
    const err = h('p', { class: 'ferr', id: id + '-qe', hidden: true });
    const form = h('form', { class: 'q', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.next(form, q.id, err); } },
      this.progress(v.step, v.total),
      h('fieldset', { 'aria-describedby': (q.help ? id + '-qh ' : '') + id + '-qe' },
        h('legend', null, heading),
        q.help && h('p', { class: 'help', id: id + '-qh' }, this.rich(q.help)),
        // A long list (the provinces) is a select, so that Next stays on the first screen.
        many
          ? h('div', { class: 'opts sel' }, h('select', { name: 'a', 'data-q': q.id, 'aria-labelledby': id + '-qt', class: 'pick' },
            h('option', { value: '' }, this.t('o.pick')),
            q.options.map((o) => h('option', { value: o.value, selected: o.value === cur }, o.label))))
          : h('div', { class: 'opts' }, q.options.map((o) =>
            h('label', { class: 'opt' },
              h('input', { type: 'radio', name: 'a', value: o.value, checked: o.value === cur, 'data-q': q.id }),
              h('span', null, this.rich(o.label))))),
        err),
      h('div', { class: 'nav' },
        v.step > 1 && h('button', { type: 'button', class: 'btn', onclick: () => this.back(v) }, this.t('back')),
        h('button', { type: 'submit', class: 'btn primary' }, this.t('next')),
        this.ret && h('button', { type: 'button', class: 'btn quiet', onclick: () => { this.edit = null; this.ret = false; this.moved = true; this.renderQ(true); } }, this.t('back_to_result'))));
    set(this.$main, note || '', form);
    if (this.moved) this.announce(this.t('step', { n: v.step, m: v.total })); // the focused heading reads the question
    this.focusQ(heading);
  }

  progress(n, m) {
    return h('div', { class: 'prog' },
      h('p', { class: 'prog-t' }, this.t('step', { n, m })),
      h('progress', { max: m, value: n, 'aria-label': this.t('progress') }));
  }

  next(form, qid, err) {
    const sel = form.querySelector('input[name=a]:checked, select[name=a]');
    if (!sel?.value) {
      err.textContent = this.t('choose_one');
      err.hidden = false;
      form.querySelector('[name=a]').focus();
      return;
    }
    const was = this.edit, ret = this.ret;
    this.answers = { ...this.answers, [qid]: sel.value };
    this.edit = null;
    this.ret = false;
    if (was && !ret) {
      // Stepping forward again after Back: show the next question on the path if it is answered.
      const v = this.view(this.answers);
      const ids = (v.answered || []).map((a) => a.id);
      const i = ids.indexOf(qid);
      if (i >= 0 && ids[i + 1] && (v.done || i + 1 < v.step - 1)) this.edit = ids[i + 1];
    }
    this.moved = true;
    this.renderQ(true);
  }

  back(v) {
    this.edit = v.answered[v.step - 2]?.id ?? null;
    this.ret = false;
    this.moved = true;
    this.renderQ(true);
  }

  change(id) {
    this.edit = id;
    this.ret = true;
    this.moved = true;
    this.renderQ(true);
  }

  restart() {
    this.memory = {};
    this.answers = {};
    this.edit = null;
    this.ret = false;
    this.hRegion = this.hAsOf = null;
    this.moved = true;
    this.renderQ(true);
  }

  // ---- the start page ------------------------------------------------------------------------
  showStart() {
    const title = h('h2', { class: 'stitle', tabindex: '-1' }, this.rich(this.t('start.title')));
    const td = (text) => h('td', null, this.rich(text));
    const row = (head, fa, gongji) => h('tr', null, h('th', { scope: 'row' }, this.rich(head)), td(fa), td(gongji));
    set(this.$main, h('section', { class: 'start' },
      title,
      h('p', { class: 'lead' }, this.rich(this.t('start.lead'))),
      h('div', { class: 'nav' }, h('button', { type: 'button', class: 'btn primary go', onclick: () => { this.atStart = false; this.moved = true; this.renderQ(true); } }, this.t('start.go'))),
      h('h3', null, this.t('start.need')),
      h('ul', { class: 'need' },
        h('li', null, this.rich(this.t('start.need.scheme'))),
        h('li', null, this.rich(this.t('start.need.balance'))),
        h('li', null, this.rich(this.t('start.need.unknown')))),
      h('p', { class: 'private' }, this.rich(this.t('start.private'))),
      // The comparison of the no-JavaScript page (ui.cmp.* are the noscript.* texts).
      h('table', { class: 'cmp' },
        h('caption', null, this.rich(this.t('cmp.caption'))),
        h('thead', null, h('tr', null, h('td'), h('th', { scope: 'col' }, this.rich(this.t('fa'))), h('th', { scope: 'col' }, this.rich(this.t('gongji'))))),
        h('tbody', null,
          row(this.t('cmp.row.what'), this.t('cmp.what.fa'), this.t('cmp.what.gongji')),
          row(this.t('cmp.row.who'), this.t('cmp.who.fa'), this.t('cmp.who.gongji')),
          row(this.t('cmp.row.money'), this.t('cmp.money.fa'), this.t('cmp.money.gongji')),
          row(this.t('cmp.row.where'), this.t('cmp.where.fa'), this.t('cmp.where.gongji')))),
      h('p', null, this.rich(this.t('cmp.together')))));
    this.focusQ(title);
  }

  // ---- the outcome ----------------------------------------------------------------------------
  // Everything it says comes from v.outcome, which the core composes from the rules' codes and
  // the answers (src/outcome.rs). Order: the answer; 先做这一步 (one channel, then the documents);
  // the money or the calculator; the conditions (shown); then, collapsed, why, the other
  // channels, the common mistakes and the sources.
  showResult(v, note) {
    // The review notice and the receipt come with the outcome (the report the rules wrote for the
    // answers' stand-in family is not the page's to show).
    const o = v.outcome, r = { review: v.review, receipt: v.receipt, as_of: v.receipt.as_of };
    const rec = o.recommendation, undecided = rec === 'undecided';
    const title = h('h2', { class: 'rtitle rec-v', 'data-rec': rec, tabindex: '-1' }, this.rich(o.headline));
    const checks = o.checks.length > 0 && h('div', { class: 'box checks' + (undecided ? ' first' : '') },
      h('h3', null, this.t(undecided ? 'o.checks.undecided' : 'o.checks.conditional')),
      h('ul', null, o.checks.map((c) => h('li', null, this.rich(c)))),
      h('p', { class: 'hotline' }, this.t('o.hotline', { tel: this.tel() })));
    const steps = o.steps.map((s, i) => h('section', { class: 'ostep', 'data-code': s.code },
      h('h3', null, this.t(i ? 'o.next' : 'o.first')),
      h('p', { class: 'otitle' }, h('strong', null, this.rich(s.title))),
      h('ol', { class: 'path' },
        h('li', { class: 'app' }, h('strong', null, this.rich(s.app))),
        h('li', { class: 'menu' }, this.rich(s.path), !s.verified && [this.gap(), h('span', { class: 'badge unv' }, this.t('unverified'))]),
        s.documents.length > 0 && h('li', { class: 'odocs' }, s.documents.map((g) => [h('p', { class: 'dtitle' }, this.rich(g.title)),
          h('ul', { class: 'checklist' }, g.items.map((d) => h('li', null, this.rich(d))))]))),
      s.notes.map((n) => h('p', { class: 'onote' }, this.rich(n)))));
    const money = h('div', { class: 'omoney' },
      h('p', null, this.rich(o.money.text)),
      o.money.calculator && h('button', { type: 'button', class: 'btn primary calc-go', onclick: () => this.toCalculator(o) }, this.t('o.calc')));
    const more = (cls, summary, ...body) => h('details', { class: 'more ' + cls }, h('summary', null, summary), body);
    const sources = o.sources.map((s) => {
      const url = this.official(s.url);
      return h('li', null, h('span', { lang: 'zh-Hans' }, s.text), url && [this.gap(), h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, new URL(url).host)]);
    });
    set(this.$main, note || '', h('section', { class: 'result outcome', 'data-rec': rec },
      this.review(r),
      h('div', { class: `person big rec-${rec}` },
        title,
        h('p', { class: 'lead hint' }, this.rich(o.lead)),
        o.conditional && !undecided && h('p', { class: 'cond' }, h('span', { class: 'badge cond-b' }, this.t('conditional')), this.gap(), this.t('o.cond')),
        undecided && checks),
      steps,
      money,
      !undecided && checks,
      o.why.length > 0 && more('why', this.t('o.why'), h('ul', null, o.why.map((w) => h('li', null, this.rich(w))))),
      o.other_channels.length > 0 && more('channels', this.t('o.other_channels'), h('ul', null, o.other_channels.map((c) =>
        h('li', null, h('strong', null, this.rich(c.app)), this.t('sep'), this.rich(c.path), !c.verified && [this.gap(), h('span', { class: 'badge unv' }, this.t('unverified'))])))),
      more('myths', this.t('misc.title'), h('ul', null, ['own_card', 'lend', 'pooled', 'fa_no_money', 'together'].map((k) => h('li', null, this.rich(this.t('misc.' + k)))))),
      sources.length > 0 && more('sources', this.t('o.sources'), h('ul', null, sources)),
      more('answers', this.t('answers'),
        h('dl', null, v.answered.map((a) => h('div', { class: 'ans' },
          h('dt', null, this.rich(a.question)),
          h('dd', null, h('span', null, this.rich(a.answer)),
            h('button', { type: 'button', class: 'btn small', 'aria-label': this.t('change.label', { question: a.question }), 'data-change': a.id, onclick: () => this.change(a.id) }, this.t('change'))))))),
      h('footer', { class: 'receipt' },
        h('p', { class: 'small rc' }, this.t('receipt', { date: r.receipt.as_of, version: r.receipt.rules_version, hash: r.receipt.rules_hash })),
        h('p', { class: 'small' }, this.rich(this.t('official')))),
      this.actions(this.summaryQ(v),
        h('button', { type: 'button', class: 'btn another', onclick: () => this.another() }, this.t('o.another')),
        h('button', { type: 'button', class: 'btn quiet', onclick: () => this.restart() }, this.t('restart')))));
    if (this.moved) this.announce([o.headline, this.reviewText(r)].filter(Boolean).join(' '));
    this.focusQ(title);
    this.emit(this.summaryQ(v), [{ id: o.who, recommendation: o.recommendation, conditional: o.conditional }], r);
  }

  /** The outcome as plain text (copy, and the result event's summary). */
  summaryQ(v) {
    const o = v.outcome, p = o;
    const L = [this.t('summary.title'), o.headline, this.recLine(p), o.lead];
    if (o.checks.length) L.push('', this.t(o.recommendation === 'undecided' ? 'o.checks.undecided' : 'o.checks.conditional') + this.t('sep'), ...o.checks.map((x) => '- ' + x));
    o.steps.forEach((s, i) => {
      L.push('', this.t(i ? 'o.next' : 'o.first') + this.t('sep') + s.title, `1. ${s.app}`, `2. ${s.path}`);
      for (const g of s.documents) L.push(`3. ${g.title}`, ...g.items.map((d) => '   - ' + d));
      L.push(...s.notes);
    });
    L.push('', o.money.text);
    L.push('', this.t('answers') + this.t('sep'), ...v.answered.map((a) => `- ${a.question} ${a.answer}`));
    return this.finishSummary(L, { review: v.review, receipt: v.receipt });
  }

  /** "再为另一位家人问一问": the user's own answers are kept, the relative's are asked again. */
  another() {
    const keep = {};
    for (const k of ['my_region', 'my_scheme']) if (this.answers[k] != null) keep[k] = this.answers[k];
    this.answers = keep;
    this.memory = { ...keep };
    this.edit = null;
    this.ret = false;
    this.moved = true;
    this.renderQ(true);
  }

  /** "算一算金额": the calculator, filled with the two people the questionnaire knows about. */
  toCalculator(o) {
    this.calcPrefill = o.calculator;
    this.setAttribute('mode', 'calculator');
  }

  /** The space between two pieces of text: none between Chinese ones (the badge's margin shows it). */
  gap() {
    return this.locale === 'en' ? ' ' : '';
  }

  /** Official links only (gov.cn hosts), as everywhere in the widget. */
  official(u) {
    let x;
    try { x = new URL(String(u ?? '')); } catch { return null; }
    const host = x.hostname.toLowerCase();
    return /^https?:$/.test(x.protocol) && !x.username && !x.password && (host === 'gov.cn' || host.endsWith('.gov.cn')) ? x.href : null;
  }

  /** Text as nodes: the hotline number becomes a tel: link, and on an English page every run of
   *  Chinese is marked lang="zh-Hans" (screen readers switch voice, fonts pick CJK glyphs). */
  rich(text) {
    const out = [];
    String(text ?? '').split(/(12393)/).forEach((part, i) => {
      if (i % 2) { out.push(this.tel()); return; }
      if (this.locale !== 'en') { if (part) out.push(part); return; }
      part.split(CJK).forEach((x, j) => { if (x) out.push(j % 2 ? h('span', { lang: 'zh-Hans' }, x) : x); });
    });
    return out;
  }

  /** Focus a new heading. In an iframe the page never scrolls (scrollIntoView would move the host
   *  page, under its fixed header): it tells the embedding page where the heading is
   *  (`yibao-family:focus`, relayed by embed.js) and leaves scrolling to it. Elsewhere it scrolls
   *  only when the heading is out of view. */
  focusQ(el) {
    if (!this.moved) return;
    this.moved = false;
    el.focus({ preventScroll: true });
    if (window.parent !== window) {
      const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
      this.dispatchEvent(new CustomEvent('yibao-family:focus', { bubbles: true, composed: true, detail: { top } }));
      return;
    }
    el.scrollIntoView?.({ block: 'nearest' });
  }
}

// A run of Chinese characters and their punctuation (for rich()).
const CJK = /([\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e\u201c\u201d]+(?:[ ·→/]*[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e\u201c\u201d]+)*)/;
