// Shared helpers for the browser tests (tests/e2e/*.test.mjs): the server under the strict CSP,
// Debian's Chromium through playwright-core, page watchers, the core in Node, and questionnaire
// drivers. Each test file calls `setup()` once and closes with `summary()`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { start, CSP } from '../../scripts/serve.mjs';

export { CSP };
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ART = path.join(ROOT, 'target', 'e2e-artifacts');
export const FIX = path.join(ROOT, 'tests', 'e2e', 'fixtures');
export const DIST = path.join(ROOT, 'dist');
export const PKG = path.join(DIST, 'pkg');
export const AS_OF = '2026-03-01';
export const REGION = '320500';
export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'];
export const catalog = (loc) => JSON.parse(fs.readFileSync(path.join(ROOT, 'i18n', loc + '.json'), 'utf8'));
export const ZH = catalog('zh-Hans');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The test environment, filled in by `setup()`'s before-hook. */
export const env = {
  server: null, base: '', origin: '', browser: null, ctx: null, page: null, core: null,
  problems: [], // console errors/warnings, page errors, CSP violations, requests leaving the origin
  requests: new Set(),
  checks: 0,
  failed: [],
};

/** A test whose failure is remembered for the summary line. */
export function T(name, fn) {
  test(name, async (t) => {
    try { await fn(t); } catch (e) { env.failed.push(name); throw e; }
  });
}
export function ok(cond, msg) { assert.ok(cond, msg); env.checks++; }
export function eq(a, b, msg) { assert.deepStrictEqual(a, b, msg); env.checks++; }

/** Records console errors/warnings, page errors and cross-origin requests in env.problems. */
export function watch(p, label) {
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') env.problems.push(`${label}: console.${m.type()}: ${m.text()}`);
  });
  p.on('pageerror', (e) => env.problems.push(`${label}: pageerror: ${e.message}`));
  p.on('request', (r) => {
    const u = r.url();
    env.requests.add(u);
    if (u.startsWith('data:')) return;
    if (new URL(u).origin !== env.origin) env.problems.push(`${label}: request left the origin: ${u}`);
  });
  return p;
}

/** A browser context: CSP violations become console errors; result events are kept in
 *  window.__yf; /__fixtures/* serves tests/e2e/fixtures with the same CSP as dist/. */
export async function newContext(opts = {}) {
  const c = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, ...opts });
  await c.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    window.__yf = [];
    addEventListener('yibao-family:result', (e) => window.__yf.push(e.detail));
  });
  await c.route(`${env.base}__fixtures/**`, (route) => {
    const name = path.basename(new URL(route.request().url()).pathname);
    const file = path.join(FIX, name);
    if (!fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    const type = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' }[path.extname(name)];
    return route.fulfill({ status: 200, body: fs.readFileSync(file), headers: { 'Content-Type': type, 'Content-Security-Policy': CSP } });
  });
  return c;
}

/** The core as shipped (dist/pkg) in Node: the --target web glue as an .mjs copy, initialised from the bytes. */
export async function loadCore(name = 'e2e-core') {
  const copy = path.join(ROOT, 'target', `${name}-${process.pid}.mjs`);
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.copyFileSync(path.join(PKG, 'yibao_family.js'), copy);
  const m = await import(copy);
  m.initSync({ module: fs.readFileSync(path.join(PKG, 'yibao_family_bg.wasm')) });
  return m;
}
export const qstate = (answers, locale = 'zh-Hans') => ({ locale, region: REGION, as_of: AS_OF, answers });
/** The core's view for these answers; another locale's catalog is installed the first time it is
 *  asked for, as the page does. */
export const qview = (answers, locale) => {
  if (locale && locale !== 'zh-Hans' && !env.core.has_catalog(locale)) {
    env.core.set_catalog(locale, JSON.parse(fs.readFileSync(path.join(PKG, 'i18n', `${locale}.json`), 'utf8')));
  }
  return env.core.questionnaire(qstate(answers, locale), AS_OF);
};

/** For each recommendation, the first answer path (depth-first, options in order) reaching it,
 *  preferring a certain (non-conditional) result. */
export function findPaths() {
  const found = {};
  const want = ['family_account', 'gongji', 'both', 'neither'];
  const done = () => want.every((r) => found[r] && !found[r].conditional);
  (function dfs(answers) {
    if (done()) return;
    const v = qview(answers);
    if (v.done) {
      const p = v.outcome;
      const f = found[p.recommendation];
      if (!f || (f.conditional && !p.conditional)) found[p.recommendation] = { answers, conditional: p.conditional, steps: v.answered.map((a) => a.id) };
      return;
    }
    let opts = v.question.options.map((o) => o.value);
    if (opts.length > 16) opts = [opts[0], 'unknown'];
    for (const o of opts) dfs({ ...answers, [v.question.id]: o });
  })({});
  return found;
}

// ---- page helpers -----------------------------------------------------------------------------
export const embed = (q = '') => `${env.base}embed.html?region=${REGION}&as-of=${AS_OF}${q}`;

/** Opens a page and waits for its widget; a questionnaire's start page is passed (开始), as most
 *  tests begin at the first question (tests/e2e/outcome.test.mjs checks the start page itself). */
export async function gotoWidget(p, url, sel = '#w') {
  await p.goto(url);
  await p.locator(`${sel} .main > *`).first().waitFor();
  if (await p.locator(`${sel} section.start`).count()) await pastStart(p, sel);
}

/** Leaves the start page, if it is shown, with its 开始 button. */
export async function pastStart(p, sel = '#w') {
  const w = p.locator(sel);
  await w.locator('form.q, section.result, section.start').first().waitFor();
  if (await w.locator('section.start').count()) {
    await w.locator('section.start button.go').click();
    await w.locator('form.q, section.result').first().waitFor();
  }
}

/** The question on screen ('result' when the result is shown); past the start page. */
export async function current(p, sel = '#w') {
  const w = p.locator(sel);
  await pastStart(p, sel);
  if (await w.locator('section.result').count()) return 'result';
  return w.locator('[name=a]').first().getAttribute('data-q');
}

/** 修改 on the outcome: opens the (collapsed) list of answers and clicks the question's button. */
export async function changeAnswer(p, id, sel = '#w') {
  const w = p.locator(sel);
  await w.locator('details.answers').evaluate((d) => { d.open = true; });
  await w.locator(`button[data-change=${id}]`).click();
}

/** Chooses `value` for the question on screen (a radio, or the select of a long list). */
export async function choose(p, value, sel = '#w') {
  const w = p.locator(sel);
  if (await w.locator('select[name=a]').count()) await w.locator('select[name=a]').selectOption(value);
  else await w.locator('label.opt', { has: p.locator(`input[value="${value}"]`) }).click();
}

/** Answers questions by clicking, following whatever the core asks next. Returns the ids asked. */
export async function answerAll(p, answers, sel = '#w') {
  const asked = [];
  for (let i = 0; i < 12; i++) {
    const q = await current(p, sel);
    if (q === 'result') return asked;
    assert.ok(q in answers, `no answer prepared for question ${q}`);
    asked.push(q);
    const w = p.locator(sel);
    await choose(p, answers[q], sel);
    await w.locator('button[type=submit]').click();
    await w.locator(`[name=a][data-q="${q}"]`).first().waitFor({ state: 'detached' }).catch(() => {});
  }
  throw new Error('questionnaire did not finish');
}

export async function deepFocus(p) {
  return p.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), type: el.type || '', cls: el.className || '', text: (el.textContent || '').trim().slice(0, 40) } : null;
  });
}

/** Resolves once the page has painted a frame since the last input: the questionnaire writes its
 *  #q= state to the URL only then (www/questionnaire.js writeHash), so read the URL, reload or go
 *  Back after this. */
export const painted = (p) => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));

/** The questionnaire's #q= state in the page's URL, once written. */
export async function urlState(p) {
  await painted(p);
  const m = /[#&]q=([\w-]+)/.exec(new URL(p.url()).hash);
  return JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8'));
}

export const fenOf = (s) => Number(String(s).replace(/[^\d]/g, ''));

// ---- calculator helpers (issue 12: it starts with 我 alone; the example family is behind a button) --
/** Loads the calculator's example family (我 and 妈妈) and waits for its two result cards. */
export async function calcExample(p, sel = '#w') {
  const w = p.locator(sel);
  await w.locator('button.exbtn').click();
  await w.locator('.person').nth(1).waitFor();
}
/** Sets field f of member i as a user would: a select is chosen, a text field typed; `region` is
 *  chosen as province → city; 历年 / 当年 are typed after opening their part. An empty value for a
 *  field that is not shown (a premium for 职工医保) is skipped. */
export async function calcFill(p, i, f, v, sel = '#w') {
  const row = p.locator(sel).locator('.members > fieldset.member').nth(i);
  if (f === 'region') {
    await calcFill(p, i, 'province', v ? v.slice(0, 2) + '0000' : '', sel);
    if (v && !v.endsWith('0000')) await calcFill(p, i, 'city', v, sel);
    return;
  }
  const el = row.locator(`[data-f=${f}]`);
  if (['prior', 'current'].includes(f)) await row.locator('details.split').evaluate((d) => { d.open = true; });
  if (v === '' && !(await el.isVisible())) return;
  if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(v);
  else await el.fill(v);
}

export async function shot(p, name, w, hgt) {
  await p.setViewportSize({ width: w, height: hgt });
  await p.screenshot({ path: path.join(ART, `${name}-${w}x${hgt}.png`), fullPage: true });
  env.checks++;
}

/** axe-core (injected; needs a context with bypassCSP) → the list of violations as text. */
const AXE = () => fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
export async function axeViolations(p) {
  await p.evaluate(AXE());
  const res = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return res.violations.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
}

/** Registers the before/after hooks: server, browser, one context and page, the core in Node;
 *  then calls `ready(env)`. */
export function setup({ label = 'main', ready } = {}) {
  before(async () => {
    assert.ok(fs.existsSync(path.join(PKG, 'yibao_family_bg.wasm')), 'dist/pkg is missing: run ./scripts/build-wasm.sh first');
    const stale = fs.readdirSync(path.join(ROOT, 'www')).filter((f) => /\.(js|css|html)$/.test(f)
      && (!fs.existsSync(path.join(DIST, f)) || fs.statSync(path.join(ROOT, 'www', f)).mtimeMs > fs.statSync(path.join(DIST, f)).mtimeMs));
    assert.deepEqual(stale, [], 'dist/ is older than www/: run node scripts/build-site.mjs (or ./scripts/build-wasm.sh)');
    fs.mkdirSync(ART, { recursive: true });
    env.core = await loadCore();
    ({ server: env.server, url: env.base } = await start(0));
    env.origin = new URL(env.base).origin;
    env.browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    env.ctx = await newContext();
    env.page = watch(await env.ctx.newPage(), label);
    await ready?.(env);
  });
  after(async () => {
    await env.browser?.close();
    env.server?.closeAllConnections?.();
    env.server?.close();
  });
}

/** The closing test: a recognised summary line per file, and no problems seen on any page. */
export function summary(file) {
  test('no console errors, no CSP violations, no request left the origin', () => {
    eq(env.problems, [], 'problems seen on any page');
  });
  test('summary', () => {
    if (env.failed.length) {
      console.log(`E2E SUMMARY (${file}): FAILED ${env.failed.length} test(s): ${env.failed.join('; ')} (${env.checks} checks passed before that)`);
      assert.fail('see the failures above');
    }
    console.log(`E2E SUMMARY (${file}): ${env.checks} checks passed (Chromium ${env.browser.version()}, ${env.requests.size} distinct URLs)`);
  });
}
