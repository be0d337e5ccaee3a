// The decision questionnaire of <yibao-family>: one question per screen, Back, the result page
// with its change buttons, and the state in the URL hash. It is loaded by yibao-family.js
// (import()) only when an element is in questionnaire mode, and copied onto the element's class.
// The questions, their order and the result all come from the core.
let h, set, ownsHash;

// The #q= state: base64url of the JSON state (answers only: no amounts, no identities).
const b64e = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const b64d = (s) => new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
const qParam = () => /(?:^#|&)q=([\w-]+)/.exec(location.hash)?.[1] || null;

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
  writeHash(push) {
    if (!ownsHash(this)) return;
    const parts = location.hash.slice(1).split('&').filter((p) => p && !p.startsWith('q='));
    this.lastQ = null;
    if (Object.keys(this.answers).length || this.edit) {
      const st = this.state();
      if (this.edit) st.at = this.edit;
      if (this.ret) st.ret = true;
      parts.push('q=' + (this.lastQ = b64e(JSON.stringify(st))));
    }
    const hash = parts.length ? '#' + parts.join('&') : '';
    if (hash === location.hash) return;
    history[push ? 'pushState' : 'replaceState'](history.state, '', location.pathname + location.search + hash);
  }

  renderQ(push) {
    let v, cur;
    if (this.init == null) this.startQ();
    if (this.init) { this.init = false; this.answers = this.initialAnswers(); }
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
    if (v.done) this.showResult(v, note);
    else this.showQuestion(v, cur, note);
  }

  showQuestion(v, cur, note) {
    const q = v.question, id = this.uid, many = q.options.length > 10;
    // A choice made but not yet submitted survives a re-render (a locale switch) of the same question.
    const pending = this.$main.querySelector(`form.q input[name=a][data-q="${q.id}"]:checked`);
    if (pending) cur = pending.value;
    const heading = h('h2', { class: 'qtext', tabindex: '-1', id: id + '-qt' }, q.text);
    const err = h('p', { class: 'ferr', id: id + '-qe', hidden: true });
    const form = h('form', { class: 'q', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.next(form, q.id, err); } },
      this.progress(v.step, v.total),
      h('fieldset', { 'aria-describedby': (q.help ? id + '-qh ' : '') + id + '-qe' },
        h('legend', null, heading),
        q.help && h('p', { class: 'help', id: id + '-qh' }, q.help),
        h('div', { class: many ? 'opts many' : 'opts' }, q.options.map((o) =>
          h('label', { class: 'opt' },
            h('input', { type: 'radio', name: 'a', value: o.value, checked: o.value === cur, 'data-q': q.id }),
            h('span', null, o.label)))),
        err),
      h('div', { class: 'nav' },
        v.step > 1 && h('button', { type: 'button', class: 'btn', onclick: () => this.back(v) }, this.t('back')),
        h('button', { type: 'submit', class: 'btn primary' }, this.t('next')),
        this.ret && h('button', { type: 'button', class: 'btn quiet', onclick: () => { this.edit = null; this.ret = false; this.moved = true; this.renderQ(true); } }, this.t('back_to_result'))));
    set(this.$main, note || '', form);
    if (this.moved) this.announce(this.t('step', { n: v.step, m: v.total })); // the focused heading reads the question
    this.focus1(heading);
  }

  progress(n, m) {
    return h('div', { class: 'prog' },
      h('p', { class: 'prog-t' }, this.t('step', { n, m })),
      h('progress', { max: m, value: n, 'aria-label': this.t('progress') }));
  }

  next(form, qid, err) {
    const sel = form.querySelector('input[name=a]:checked');
    if (!sel) {
      err.textContent = this.t('choose_one');
      err.hidden = false;
      form.querySelector('input[name=a]').focus();
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
    this.answers = {};
    this.edit = null;
    this.ret = false;
    this.hRegion = this.hAsOf = null;
    this.moved = true;
    this.renderQ(true);
  }

  showResult(v, note) {
    const r = v.report;
    if (r.error) {
      set(this.$main, h('p', { class: 'fail', role: 'alert' }, this.t('err.engine', { message: r.error.message })));
      return;
    }
    const p = r.people[v.subject_index];
    const who = v.answered.find((a) => a.id === 'who');
    const title = h('h2', { class: 'rtitle', tabindex: '-1' }, this.t('result.title'));
    const summary = this.summaryQ(v, p, who);
    set(this.$main, note || '', h('section', { class: 'result' },
      title,
      this.review(r),
      who && h('p', { class: 'about' }, this.t('result.about', { who: who.answer })),
      this.person(r, p, true),
      v.assumptions?.length > 0 && h('div', { class: 'box' }, h('h3', null, this.t('assumptions')), h('ul', null, v.assumptions.map((a) => h('li', null, a)))),
      this.myths(),
      h('div', { class: 'box answers' },
        h('h3', null, this.t('answers')),
        h('dl', null, v.answered.map((a) => h('div', { class: 'ans' },
          h('dt', null, a.question),
          h('dd', null, h('span', null, a.answer),
            h('button', { type: 'button', class: 'btn small', 'aria-label': this.t('change.label', { question: a.question }), 'data-change': a.id, onclick: () => this.change(a.id) }, this.t('change'))))))),
      this.notices(r),
      v.placeholder_note && h('p', { class: 'note' }, v.placeholder_note),
      this.receipt(r),
      this.actions(summary, h('button', { type: 'button', class: 'btn quiet', onclick: () => this.restart() }, this.t('restart')))));
    if (this.moved) this.announce([this.t('result.title') + this.t('sep') + this.t('rec.' + p.recommendation), this.reviewText(r)].filter(Boolean).join(' '));
    this.focus1(title);
    this.emit(summary, [p], r);
  }

  summaryQ(v, p, who) {
    const L = [this.t('summary.title')];
    if (who) L.push(this.t('result.about', { who: who.answer }));
    L.push(this.recLine(p), ...this.personLines(p));
    if (v.assumptions?.length) L.push(this.t('assumptions') + this.t('sep'), ...v.assumptions.map((x) => '- ' + x));
    L.push('', this.t('answers') + this.t('sep'), ...v.answered.map((a) => `- ${a.question} ${a.answer}`));
    return this.finishSummary(L, v.report);
  }
}
