// <yibao-family>: the 亲情账户 / 家庭共济 widget. It renders what the rules core (Rust → WebAssembly)
// returns and decides no policy itself. Text comes from the core's catalogs (core.ui); money arrives
// as integer 分 and is formatted only here. No innerHTML: every node is built with h().
// The questionnaire's build of the wasm core (all of the core but evaluate(), which reads a whole
// scenario: ≈ 17 KB gzip less for the first visit). Its JS glue (wasm-bindgen) is bundled into
// this file by scripts/build-site.mjs; the whole core's glue is fetched only when needed (loadCore).
import initQuestionnaire, * as questionnaireCore from './pkg/questionnaire/yibao_family.js';

const BASE = import.meta.url;
const U = (p) => new URL(p, BASE).href;
const SVG = 'http://www.w3.org/2000/svg';
// User-timing marks for scripts/perf.mjs (start, interactive, compute, result); only the latest of each is kept.
const mark = (n) => { try { performance.clearMarks(n); performance.mark(n); } catch { /* no User Timing */ } };
mark('yibao-family:start');

// Without WebAssembly the catalogs inside the core cannot be read, so these two messages are kept
// here as well. They must equal "ui.nowasm" / "ui.load_error" in i18n/*.json (tests/e2e checks).
const NOWASM = {
  'zh-Hans': '您的浏览器不支持或已关闭 WebAssembly，这个小工具无法运行。请换一个浏览器（或关闭“锁定模式”等限制）后再试，也可以拨打医保服务热线 12393 咨询。',
  'zh-Hant': '您的瀏覽器不支援或已關閉 WebAssembly，這個小工具無法運行。請換一個瀏覽器（或關閉「鎖定模式」等限制）後再試，也可以撥打醫保服務熱線 12393 諮詢。',
  en: 'Your browser does not support WebAssembly or has it switched off, so this tool cannot run. Please try another browser (or turn off restrictions such as Lockdown Mode), or call the medical insurance hotline 12393.',
};
const LOADERR = {
  'zh-Hans': '小工具加载失败，请刷新页面重试，也可以拨打医保服务热线 12393 咨询。',
  'zh-Hant': '小工具載入失敗，請重新整理頁面再試，也可以撥打醫保服務熱線 12393 諮詢。',
  en: 'The tool failed to load. Please reload the page, or call the medical insurance hotline 12393.',
};

// The core in two builds of the same Rust crate (scripts/build-wasm.sh): 'questionnaire' (feature
// wasm-questionnaire: questionnaire, ui, meta, the catalogs) and 'full' (feature wasm: the same and
// evaluate), for the calculator and a host's core(). Without WebAssembly, or where it cannot compile,
// both are the JS core (the full one, compiled to plain JS).
const cores = {};
const coreKind = {}; // 'wasm' or 'js' per build, once loaded (shown as data-core on the root)
function loadCore(build = 'full') {
  cores[build] ??= (async () => {
    // The same core compiled to plain JS (scripts/build-fallback.sh; no eval). Its glue sets itself
    // up on import. Fetched only when needed; if it fails too, the NOWASM message is shown.
    const jsCore = async () => {
      const m = await import(U('./pkg/fallback/yibao_family.js'));
      coreKind[build] = 'js';
      return m;
    };
    // WebAssembly switched off (iOS Lockdown Mode, hardened browsers).
    if (typeof WebAssembly !== 'object') return jsCore();
    let glue;
    try {
      glue = build === 'questionnaire'
        ? { init: initQuestionnaire, core: questionnaireCore, wasm: './pkg/questionnaire/yibao_family_bg.wasm' }
        : await import(U('./pkg/yibao_family.js')).then((m) => ({ init: m.default, core: m, wasm: './pkg/yibao_family_bg.wasm' }));
    } catch (e) {
      delete cores[build]; // a failed fetch is not kept: the next render retries
      throw e;
    }
    try {
      await glue.init({ module_or_path: U(glue.wasm) });
      coreKind[build] = 'wasm';
      return glue.core;
    } catch {
      // WebAssembly exists but cannot compile here: a host page whose CSP lacks
      // 'wasm-unsafe-eval', an older iOS web-view that does not know the keyword.
      return jsCore();
    }
  })();
  return cores[build];
}
const buildFor = (mode) => (mode === 'calculator' ? 'full' : 'questionnaire');
// Start the core's fetch and streaming compilation as soon as the element's module runs, not at the
// first render: the builds the page's elements need (a module runs after the document is parsed),
// else the questionnaire's.
{
  const builds = new Set([...document.querySelectorAll('yibao-family')].map((e) => buildFor(e.getAttribute('mode'))));
  for (const b of builds.size ? builds : ['questionnaire']) loadCore(b).catch(() => {});
}

// The two halves of the element, questionnaire.js and calculator.js, are fetched only when an
// element in that mode needs one (alongside the core). Each exports its methods as a class, copied
// onto this one, and use(), which receives the helpers they share with it. A failed fetch is not
// kept: the next render retries.
const halves = {};
function loadHalf(mode) {
  halves[mode] ??= import(U(`./${mode}.js`)).then(
    (m) => {
      m.use({ h, set, today, mark, officialUrl, HOTLINE, ownsHash: (el) => hashOwner === el });
      for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(m.default.prototype))) {
        if (name !== 'constructor') Object.defineProperty(YibaoFamily.prototype, name, d);
      }
    },
    (e) => { delete halves[mode]; throw e; },
  );
  return halves[mode];
}

const cache = {};
const cached = (k, f) => (cache[k] ??= f());

/** h('p', {class:'x', onclick: fn, '.value': v}, 'text', child, [more]) */
function h(tag, attrs, ...kids) {
  const svg = tag.startsWith('svg:');
  const el = svg ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const k in attrs) {
    const v = attrs[k];
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k[0] === '.') el[k.slice(1)] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  add(el, kids);
  return el;
}
const set = (el, ...kids) => { el.replaceChildren(); add(el, kids); };
function add(el, kids) {
  for (const c of kids) {
    if (c == null || c === false || c === '') continue;
    if (Array.isArray(c)) add(el, c);
    else el.append(c);
  }
}

// Today in China Standard Time (UTC+8), the date a citizen sees and the CLI uses (the calculator's
// default date; the core takes the same date itself when a call has none).
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
function normLocale(v) {
  v = (v || '').toLowerCase();
  if (v.startsWith('en')) return 'en';
  return /^zh-(hant|tw|hk|mo)/.test(v) ? 'zh-Hant' : 'zh-Hans';
}
// Citizens are linked only to official hosts: http(s) URLs whose host is gov.cn or ends in .gov.cn
// (the government's domains). Any other source is cited as text (issuer, title or 文号, date), never
// linked, whatever the report says. tests/e2e/trust.test.mjs checks this function.
function officialUrl(u) {
  let x;
  try { x = new URL(String(u ?? '')); } catch { return null; }
  const host = x.hostname.toLowerCase();
  return /^https?:$/.test(x.protocol) && !x.username && !x.password && (host === 'gov.cn' || host.endsWith('.gov.cn')) ? x.href : null;
}

// Inside a WeChat or Alipay mini-program's web-view.
const inMiniProgram = () => window.__wxjs_environment === 'miniprogram' || /miniProgram/i.test(navigator.userAgent) || /AlipayClient/.test(navigator.userAgent);

// The national medical insurance service hotline (医保服务热线), offered as a tel: link where the
// engine cannot decide.
const HOTLINE = '12393';
const FOCUSABLE = 'button, input, select, textarea, summary, a[href], [tabindex]';
let uidN = 0;
let hashOwner = null;

class YibaoFamily extends HTMLElement {
  static observedAttributes = ['locale', 'as-of', 'region', 'mode', 'elder'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.uid = 'yf' + ++uidN;
    this.answers = {};
    this.edit = null; // an answered question shown again (Back or 修改)
    this.ret = false; // …from the result page: Next returns there
    this.rows = null;
  }

  get locale() { return normLocale(this.getAttribute('locale')); }
  get mode() { return this.getAttribute('mode') === 'calculator' ? 'calculator' : 'questionnaire'; }
  get region() { const r = this.getAttribute('region'); return /^\d{6}$/.test(r || '') ? r : null; }
  get asOf() { const d = this.getAttribute('as-of'); return /^\d{4}-\d{2}-\d{2}$/.test(d || '') ? d : null; }

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    const link = h('link', { rel: 'stylesheet', href: U('./yibao-family.css') });
    const css = new Promise((r) => { link.addEventListener('load', r); link.addEventListener('error', r); });
    this.$live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
    this.$main = h('div', { class: 'main' });
    this.$bar = h('div', { class: 'bar' }); // the 长辈模式 toggle, outside $main so re-renders keep it (and its focus)
    this.$root = h('div', { class: 'yf', lang: this.locale }, this.$live, this.$bar, this.$main);
    this.shadowRoot.append(link, this.$root);
    // The first questionnaire on the page keeps its state in the URL hash (questionnaire.js, startQ).
    if (this.mode === 'questionnaire' && !hashOwner) hashOwner = this;
    addEventListener('beforeprint', () => this.shadowRoot.querySelectorAll('details:not([open])').forEach((d) => { d.open = true; d.dataset.p = 1; }));
    addEventListener('afterprint', () => this.shadowRoot.querySelectorAll('details[data-p]').forEach((d) => { d.open = false; delete d.dataset.p; }));
    loadHalf(this.mode).catch(() => { /* reported by render() */ }); // alongside the core
    const build = buildFor(this.mode);
    loadCore(build).then(
      (core) => css.then(() => { this.core = core; this.build = build; this.$root.dataset.core = coreKind[build]; this.render(); }),
      () => css.then(() => {
        const loc = this.locale;
        set(this.$main, h('p', { class: 'fail', role: 'alert' }, (typeof WebAssembly === 'object' ? LOADERR : NOWASM)[loc]));
      }),
    );
  }

  attributeChangedCallback(name, old, val) {
    if (old === val || !this.core) return;
    if (name === 'elder') { this.$elder?.setAttribute('aria-pressed', String(val !== null)); return; } // otherwise CSS only
    this.render(); // sets lang when the new texts are in (a catalog may still be loading)
  }

  // ---- text ---------------------------------------------------------------------------------
  // With a node among `vars` (the hotline's tel: link) the text comes back as a list of strings and
  // nodes, for h(); otherwise as a string.
  t(key, vars) {
    const s = this.ui['ui.' + key] ?? key;
    if (vars && Object.values(vars).some((v) => v instanceof Node)) return s.split(/\{(\w+)\}/).map((x, i) => (i % 2 ? (x in vars ? vars[x] : `{${x}}`) : x));
    return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m)) : s;
  }
  tel() {
    return h('a', { href: 'tel:' + HOTLINE, class: 'tel' }, HOTLINE);
  }
  // The core takes and returns plain objects; its errors are values ({error}). A throw here would
  // be a fault of the core itself, reported the same way.
  call(fn, ...args) {
    try { return this.core[fn](...args); } catch (e) { return { error: { path: '', code: 'INTERNAL', message: String(e) } }; }
  }
  // The polite status region reads out what changed after an action of the user. A new text is set
  // at once. Only the same text again (copying twice) is cleared first and set back 50 ms later, as
  // screen readers ignore a region whose text did not change; that delay is for the (invisible)
  // region only, and no visible content ever changes on a timer.
  announce(msg) {
    if (this.$live.textContent !== msg) { this.$live.textContent = msg; return; }
    this.$live.textContent = '';
    setTimeout(() => { this.$live.textContent = msg; }, 50);
  }

  // 长辈模式: a real toggle button that sets or clears the host's `elder` attribute (so the host's own
  // control and CSS stay in sync); the choice is not stored.
  elderToggle() {
    this.$elder ??= h('button', { type: 'button', class: 'btn elder-t', onclick: () => this.toggleAttribute('elder') });
    this.$elder.setAttribute('aria-pressed', String(this.hasAttribute('elder')));
    set(this.$elder, h('span', { class: 'tick', 'aria-hidden': 'true' }), this.t('elder'));
    set(this.$bar, this.$elder);
  }
  // Which control has focus inside $main, as an index that survives a re-render in another locale.
  focusIndex() {
    const a = this.shadowRoot.activeElement;
    if (!a || !this.$main.contains(a)) return -1;
    return [...this.$main.querySelectorAll(FOCUSABLE)].indexOf(a);
  }

  async render() {
    const loc = this.locale, mode = this.mode, build = buildFor(mode);
    if (build !== this.build) {
      // The mode changed (a questionnaire's 算一算金额 opens the calculator): its build of the core.
      try { this.core = await loadCore(build); } catch {
        set(this.$main, h('p', { class: 'fail', role: 'alert' }, LOADERR[loc]));
        return;
      }
      this.build = build;
      this.$root.dataset.core = coreKind[build];
      if (loc !== this.locale || mode !== this.mode) return; // a newer render() follows
    }
    const core = this.core;
    if (loc !== 'zh-Hans' && !core.has_catalog(loc)) {
      // Non-default catalogs are loaded on demand, into each build of the core; if that fails the
      // core falls back to zh-Hans. A failed fetch is not cached: the next render (another switch, a
      // reload of the page) retries.
      const json = cached('json' + loc, () => fetch(U(`./pkg/i18n/${loc}.json`)).then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); }));
      try {
        await cached('cat' + build + loc, () => json.then((c) => core.set_catalog(loc, c)));
      } catch { delete cache['json' + loc]; delete cache['cat' + build + loc]; /* keep going in zh-Hans */ }
      if (loc !== this.locale || mode !== this.mode) return;
    }
    if (!this[mode === 'calculator' ? 'renderCalc' : 'renderQ']) {
      try { await loadHalf(mode); } catch {
        set(this.$main, h('p', { class: 'fail', role: 'alert' }, LOADERR[loc]));
        return;
      }
      if (loc !== this.locale || mode !== this.mode) return; // a newer render() follows
    }
    // Per build: the questionnaire's leaves the calculator's texts out (src/i18n_split.rs).
    this.ui = cached('ui' + this.build + loc, () => this.core.ui(loc));
    this.meta = cached('meta' + loc, () => this.core.meta(loc));
    this.$root.lang = loc;
    this.elderToggle();
    const fi = this.focusIndex();
    this.dispatchEvent(new CustomEvent('yibao-family:ready', { bubbles: true, composed: true, detail: { locale: loc, title: this.t('title') } }));
    if (mode === 'calculator') this.renderCalc();
    else this.renderQ();
    if (fi >= 0) this.$main.querySelectorAll(FOCUSABLE)[fi]?.focus({ preventScroll: true });
    mark('yibao-family:interactive');
  }

  focus1(el) {
    if (!this.moved) return;
    this.moved = false;
    el.focus({ preventScroll: true });
    el.scrollIntoView?.({ block: 'nearest' });
  }

  recLine(p) {
    const rec = p.recommendation;
    return this.t(rec === 'undecided' ? 'result.title' : 'rec.label') + this.t('sep') + this.t('rec.' + rec) + (p.conditional ? this.t('paren', { x: this.t('conditional') }) : '');
  }
  finishSummary(L, r) {
    const rc = r.receipt, rv = this.reviewText(r);
    if (rv) L.splice(1, 0, rv);
    L.push('', this.t('receipt', { date: rc.as_of, version: rc.rules_version, hash: rc.rules_hash }), this.t('official'));
    return L.join('\n');
  }
  emit(summary, people, r) {
    mark('yibao-family:result');
    this.dispatchEvent(new CustomEvent('yibao-family:result', {
      bubbles: true,
      composed: true,
      detail: { summary, recommendations: people.map((p) => ({ id: p.id, recommendation: p.recommendation, conditional: p.conditional })), as_of: r.as_of, mode: this.mode },
    }));
  }

  // ---- shared result parts ------------------------------------------------------------------
  // The report's review notice (rules past their review date, beyond the look-ahead, a date not
  // covered): the engine's own one-line text, shown near the top of a result. Nothing when the
  // rules are current or the engine gave no text.
  reviewText(r) {
    const v = r.review;
    return v && v.status && v.status !== 'current' && v.text ? v.text : '';
  }
  review(r) {
    const text = this.reviewText(r);
    return text && h('p', { class: 'review', 'data-review': r.review.status }, text);
  }
  actions(summary, ...more) {
    const out = h('div', { class: 'copyout' });
    return h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn', onclick: () => this.copy(summary, out) }, this.t('copy')),
      // No print button inside a mini-program's web-view (it cannot print).
      !inMiniProgram() && h('button', { type: 'button', class: 'btn', onclick: () => print() }, this.t('print')),
      more, out);
  }
  async copy(text, out) {
    let ok = false;
    try { await navigator.clipboard.writeText(text); ok = true; } catch {
      const ta = h('textarea', { class: 'sr', readonly: true, 'aria-hidden': 'true', tabindex: '-1', '.value': text });
      this.$root.append(ta);
      ta.select();
      try { ok = document.execCommand('copy'); } catch { ok = false; }
      ta.remove();
    }
    out.replaceChildren();
    if (!ok) out.append(h('label', null, this.t('copy_failed'), h('textarea', { readonly: true, rows: 8, '.value': text })));
    this.announce(this.t(ok ? 'copied' : 'copy_failed'));
  }

}

if (!customElements.get('yibao-family')) customElements.define('yibao-family', YibaoFamily);
// `core()`: the engine the widgets on this page use (a promise of its evaluate, questionnaire, ui,
// meta… functions, plain objects in and out), for a host that wants an answer without the widget.
// The whole core (with evaluate); loading it does not slow the questionnaire's.
const core = () => loadCore('full');
export { YibaoFamily, core };
