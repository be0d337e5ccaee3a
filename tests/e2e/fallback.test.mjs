// The JS core (dist/pkg/fallback/, built by scripts/build-fallback.sh with binaryen's wasm2js) for
// browsers without WebAssembly. (a) In Node: the shipped wasm core and the shipped JS core give
// byte-identical output for every scenario file, the malformed corpus, every questionnaire state a
// depth-first walk reaches, ui/meta/set_catalog in every locale. (b) In Chromium with WebAssembly
// deleted (as iOS Lockdown Mode does), under the strict CSP (no eval): the widget loads the JS core
// (data-core="js"), reaches the four recommendations and shows what the wasm page shows.
// Closes with a line "E2E SUMMARY (fallback): n checks passed …".
import { test, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  env, setup, summary, T, ok, eq, watch, newContext, catalog, ZH, ROOT, PKG, AS_OF, REGION, LOCALES, CSP,
  findPaths, embed, gotoWidget, answerAll, fenOf, calcFill, pastStart, qview,
} from './lib.mjs';

const FALLBACK = path.join(PKG, 'fallback');
const GLUE = path.join(FALLBACK, 'yibao_family.js');

// The fallback needs nightly (scripts/build-fallback.sh skips it, with a warning, without one).
// Missing files are a failure wherever it could have been built, a skip elsewhere.
function whyNoFallback() {
  if (fs.existsSync(GLUE)) return null;
  if (process.env.YIBAO_NO_FALLBACK || process.env.YIBAO_STABLE_WASM) return 'YIBAO_NO_FALLBACK / YIBAO_STABLE_WASM set';
  try {
    execFileSync('rustup', ['run', 'nightly', 'rustc', '--version'], { stdio: 'ignore' });
    const comps = execFileSync('rustup', ['component', 'list', '--toolchain', 'nightly', '--installed'], { encoding: 'utf8' });
    const targets = execFileSync('rustup', ['target', 'list', '--toolchain', 'nightly', '--installed'], { encoding: 'utf8' });
    if (!/^rust-src/m.test(comps) || !/^wasm32-unknown-unknown$/m.test(targets)) return 'nightly lacks rust-src or the wasm32 target';
  } catch {
    return 'no nightly toolchain';
  }
  return null; // could have been built: fail below
}
const skipWhy = whyNoFallback();

if (skipWhy) {
  test('JS core (no-WebAssembly fallback)', { skip: `dist/pkg/fallback/ not built (${skipWhy})` }, () => {});
  test('summary', () => console.log(`E2E SUMMARY (fallback): SKIPPED: dist/pkg/fallback/ not built (${skipWhy})`));
} else {
  main();
}

function main() {
  let js; // the JS core in Node
  let qcore; // the questionnaire's build of the wasm core (feature wasm-questionnaire) in Node
  let tmp;
  setup({ label: 'wasm-page' });
  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  T('the JS core is built, CSP-safe, and loads in Node without WebAssembly', async () => {
    ok(fs.existsSync(GLUE), `${path.relative(ROOT, GLUE)} exists (run ./scripts/build-wasm.sh)`);
    const files = fs.readdirSync(FALLBACK).filter((f) => f.endsWith('.js')).sort();
    eq(files, ['yibao_family.js', 'yibao_family_bg.js', 'yibao_family_bg.wasm.js'], 'the three files of the JS core');
    for (const f of files) {
      const src = fs.readFileSync(path.join(FALLBACK, f), 'utf8');
      // (`Function(` inside a template string, the glue's debug text for a JS function, is not a call.)
      ok(!/\beval\s*\(|(^|[^`\w$.])Function\s*\(|WebAssembly\./.test(src), `${f}: no eval, no Function(), no WebAssembly`);
    }
    // The shipped (minified) files as ES modules in a scratch folder, imported with WebAssembly gone.
    tmp = path.join(ROOT, 'target', `e2e-fallback-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    for (const f of files) fs.copyFileSync(path.join(FALLBACK, f), path.join(tmp, f));
    fs.writeFileSync(path.join(tmp, 'package.json'), '{"type":"module"}\n');
    const saved = globalThis.WebAssembly;
    delete globalThis.WebAssembly;
    try {
      js = await import(path.join(tmp, 'yibao_family.js'));
      ok(js.ui('zh-Hans')['ui.title'] === ZH['ui.title'], 'the JS core answers ui() without WebAssembly');
    } finally {
      globalThis.WebAssembly = saved;
    }
    for (const fn of ['evaluate', 'questionnaire', 'ui', 'meta', 'set_catalog', 'has_catalog']) ok(typeof js[fn] === 'function', `exports ${fn}`);
    // The questionnaire's build, as wasm-pack wrote it (its glue is bundled into the element in dist/).
    const qdir = path.join(ROOT, 'target', 'pkg', 'questionnaire');
    const q = await import(path.join(qdir, 'yibao_family.js'));
    q.initSync({ module: fs.readFileSync(path.join(qdir, 'yibao_family_bg.wasm')) });
    eq(typeof q.evaluate, 'undefined', 'the questionnaire\'s build has no evaluate()');
    eq(fs.readFileSync(path.join(qdir, 'yibao_family_bg.wasm')).equals(fs.readFileSync(path.join(PKG, 'questionnaire', 'yibao_family_bg.wasm'))), true, 'it is the wasm dist/ serves');
    qcore = q;
  });

  /** Calls fn on both cores (objects in and out) and asserts identical results, member order
   *  included (compared as JSON text); and on the questionnaire's build of the wasm, for every
   *  function it has (all but evaluate: it leaves the report's texts out, so this proves no
   *  questionnaire state, ui or meta needs them). Returns the wasm core's result. */
  const same = (label, fn, ...args) => {
    const a = env.core[fn](...args);
    const b = js[fn](...args);
    const [ta, tb] = [JSON.stringify(a), JSON.stringify(b)];
    if (ta !== tb) eq(tb, ta, `${label}: ${fn} differs between the JS core and the wasm core`);
    if (qcore && fn !== 'evaluate' && fn !== 'evaluation') {
      let q = qcore[fn](...args);
      if (fn === 'ui' && !q.error) {
        // The calculator's texts are left out of the questionnaire's build (src/i18n_split.rs;
        // tests/i18n_coverage.rs proves its half never asks for them): empty there, and only there.
        const out = Object.keys(q).filter((k) => q[k] === '' && a[k] !== '');
        ok(out.every((k) => k.startsWith('ui.')), `${label}: only page texts are left out`);
        q = { ...q };
        for (const k of out) q[k] = a[k];
        if (args[0] === 'zh-Hans') ok(out.length > 100, `${label}: the calculator's texts are left out (${out.length})`);
      }
      const tq = JSON.stringify(q);
      if (tq !== ta) eq(tq, ta, `${label}: ${fn} differs between the questionnaire's build and the whole core`);
    }
    env.checks++;
    return a;
  };
  /** A file's text as a page would hand it to the core: JSON.parse'd, or the text itself when JS cannot parse it. */
  const value = (text) => { try { return JSON.parse(text.replace(/^\uFEFF/, '')); } catch { return text; } };

  T('Node: catalogs, ui and meta byte-identical in every locale', () => {
    for (const loc of ['zh-Hant', 'en']) {
      eq([js.has_catalog(loc), env.core.has_catalog(loc)], [false, false], `${loc}: not loaded yet in either core`);
      const text = fs.readFileSync(path.join(PKG, 'i18n', `${loc}.json`), 'utf8');
      same(`set_catalog(${loc}, garbage)`, 'set_catalog', loc, { 'ui.title': 1 });
      same(`set_catalog(${loc})`, 'set_catalog', loc, JSON.parse(text));
      eq([js.has_catalog(loc), env.core.has_catalog(loc)], [true, true], `${loc}: loaded in both cores`);
    }
    for (const loc of [...LOCALES, 'zh', 'zh-CN', 'zh-TW', 'zh-HK', 'en-US', 'en-GB', 'fr', '']) {
      const ui = same(`ui(${loc})`, 'ui', loc);
      same(`meta(${loc})`, 'meta', loc);
      if (LOCALES.includes(loc)) eq(ui['ui.title'], catalog(loc)['ui.title'], `${loc}: the catalog's title`);
    }
  });

  T('Node: every scenario file and the malformed corpus give byte-identical reports', () => {
    const dir = path.join(ROOT, 'tests', 'scenarios');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    ok(files.length >= 70, `${files.length} scenario files`);
    let reports = 0, errors = 0;
    for (const f of files) {
      const { input } = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      const variants = typeof input === 'string' ? [value(input)]
        : [input, ...['zh-Hant', 'en'].map((locale) => ({ ...input, locale }))];
      for (const sc of variants) {
        for (const today of [AS_OF, '2026-11-22']) {
          const out = same(f, 'evaluate', sc, today);
          if (out.error) errors++; else reports++;
        }
      }
    }
    ok(reports > 300 && errors >= 20, `reports (${reports}) and errors (${errors}) both compared`);
    const fam = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'data', 'family10.json'), 'utf8'));
    ok(!same('family10', 'evaluate', fam, AS_OF).error, 'tests/data/family10.json');
    same('bad today', 'evaluate', fam, '2026-02-30');
    const mal = path.join(ROOT, 'tests', 'malformed');
    const bad = fs.readdirSync(mal).filter((f) => f.endsWith('.json') && f !== 'expected.json').sort();
    ok(bad.length >= 100, `${bad.length} malformed inputs`);
    for (const f of bad) same(`malformed/${f}`, 'evaluate', value(fs.readFileSync(path.join(mal, f), 'utf8')), AS_OF);
  });

  T('Node: the questionnaire is byte-identical on every answer path, in every locale', () => {
    const step = (locale, region, answers) => {
      const st = { locale, region, as_of: AS_OF, answers };
      const v = same(`questionnaire ${JSON.stringify(st)}`, 'questionnaire', st, AS_OF);
      ok(!v.error, `no error at ${JSON.stringify(st)}`);
      return v;
    };
    const options = (v) => v.question.options.map((o) => o.value);
    // (1) Every answer path, depth-first (as findPaths walks it: for a question with many options,
    // the regions, the first one and "unknown"), with the host's region given.
    let states = 0, results = 0;
    const all = (answers) => {
      const v = step('zh-Hans', REGION, answers);
      states++;
      if (v.done) { results++; return; }
      let opts = options(v);
      if (opts.length > 16) opts = [opts[0], 'unknown'];
      for (const o of opts) all({ ...answers, [v.question.id]: o });
    };
    all({});
    ok(states > 3000 && results > 2000, `zh-Hans: all ${states} states of ${results} answer paths compared`);
    // (2) Every option of every question the core can ask (all regions included), each followed to
    // a result, in each locale, with and without the host's region.
    for (const locale of LOCALES) {
      for (const region of [REGION, null]) {
        const seen = new Set();
        let n = 0;
        const cover = (answers) => {
          const v = step(locale, region, answers);
          n++;
          if (v.done) return;
          let fresh = false;
          for (const o of options(v)) {
            const k = `${v.question.id}=${o}`;
            if (!seen.has(k)) { seen.add(k); fresh = true; cover({ ...answers, [v.question.id]: o }); }
          }
          if (!fresh) cover({ ...answers, [v.question.id]: options(v)[0] });
        };
        cover({});
        ok(seen.size > 50, `${locale}, region ${region}: ${seen.size} question options on ${n} states compared`);
      }
      // Malformed states and dates.
      for (const bad of ['', '{', '[]', '{"answers":{"who":"martian"}}', '{"answers":[]}', '{"locale":"en","answers":{"who":1}}', `{"locale":"${locale}","answers":{"nope":"x"}}`]) same(`bad state ${bad}`, 'questionnaire', value(bad), AS_OF);
      same('bad today', 'questionnaire', { locale, answers: {} }, '2026-13-01');
    }
  });

  // ---- (b) in Chromium, WebAssembly deleted -------------------------------------------------------
  let jsCtx, jsPage, paths;

  T('Chromium without WebAssembly: the widget runs on the JS core under the strict CSP', async () => {
    jsCtx = await newContext();
    await jsCtx.addInitScript(() => { delete globalThis.WebAssembly; });
    jsPage = watch(await jsCtx.newPage(), 'js-page');
    const seen = [];
    jsPage.on('request', (r) => seen.push(new URL(r.url()).pathname));
    const res = await jsPage.goto(embed());
    const csp = res.headers()['content-security-policy'];
    ok(csp.includes("script-src 'self' 'wasm-unsafe-eval';") && !/(^|\s)'unsafe-eval'/.test(csp), 'the strict CSP: eval is forbidden');
    await jsPage.locator('#w .main > *').first().waitFor();
    eq(await jsPage.evaluate(() => typeof WebAssembly), 'undefined', 'WebAssembly is gone on this page');
    eq(await jsPage.locator('#w .yf').getAttribute('data-core'), 'js', 'the root records the JS core');
    await pastStart(jsPage);
    eq(await jsPage.locator('#w .qtext').textContent(), ZH['q.who.text'], 'the first question');
    ok(seen.includes('/pkg/fallback/yibao_family_bg.wasm.js'), 'the JS core was fetched');
    ok(!seen.some((p) => p.endsWith('.wasm')), 'the wasm was not fetched');
    // …and the normal page records wasm and never fetches the fallback.
    const wasmSeen = [];
    const onReq = (r) => wasmSeen.push(new URL(r.url()).pathname);
    env.page.on('request', onReq);
    await gotoWidget(env.page, embed());
    env.page.off('request', onReq);
    eq(await env.page.locator('#w .yf').getAttribute('data-core'), 'wasm', 'the wasm page records the wasm core');
    ok(wasmSeen.includes('/pkg/questionnaire/yibao_family_bg.wasm'), 'the wasm page fetched the questionnaire core');
    ok(!wasmSeen.some((p) => p.includes('/pkg/fallback/')), 'the wasm page did not fetch the JS core');
  });

  T('Chromium with a host CSP that forbids compiling WebAssembly: the widget falls back to the JS core', async () => {
    // A host page whose CSP lacks 'wasm-unsafe-eval' (as on some 集约化 CMSs), or an older web-view
    // that does not know the keyword: WebAssembly exists but cannot compile. The widget must not show
    // its load error: it runs on the JS core instead.
    const ctx = await newContext();
    await ctx.route('**/embed.html*', async (route) => {
      const res = await route.fetch();
      const headers = { ...res.headers(), 'content-security-policy': CSP.replace(" 'wasm-unsafe-eval'", '') };
      await route.fulfill({ response: res, headers });
    });
    const p = await ctx.newPage();
    const errs = [];
    p.on('pageerror', (e) => errs.push(e.message));
    const res = await p.goto(embed());
    ok(!res.headers()['content-security-policy'].includes('wasm-unsafe-eval'), 'the page forbids compiling WebAssembly');
    eq(await p.evaluate(() => typeof WebAssembly), 'object', 'WebAssembly itself is there');
    await p.locator('#w .main > *').first().waitFor();
    eq(await p.locator('#w .fail').count(), 0, 'no load error');
    eq(await p.locator('#w .yf').getAttribute('data-core'), 'js', 'the JS core was loaded instead');
    await pastStart(p);
    eq(await p.locator('#w .qtext').textContent(), ZH['q.who.text'], 'the first question');
    await answerAll(p, findPaths().both.answers);
    eq(await p.locator('#w .big .rec-v').getAttribute('data-rec'), 'both', 'a result on the JS core');
    eq(errs, [], 'no uncaught errors');
    await ctx.close();
  });

  const resultText = (p) => p.locator('#w section.result').evaluate((el) => el.textContent);

  T('Chromium without WebAssembly: the questionnaire reaches each recommendation, as on the wasm page', async () => {
    paths = findPaths();
    for (const rec of ['family_account', 'gongji', 'both', 'neither']) {
      ok(paths[rec], `the core can reach ${rec}`);
      const texts = [];
      for (const p of [jsPage, env.page]) {
        await gotoWidget(p, embed());
        const asked = await answerAll(p, paths[rec].answers);
        eq(asked, paths[rec].steps, `asked the path's questions in order (${rec})`);
        await p.locator('#w .rtitle').waitFor();
        eq(await p.locator('#w .big .rec-v').getAttribute('data-rec'), rec, `result is ${rec}`);
        texts.push([await resultText(p), (await p.evaluate(() => window.__yf.at(-1))).summary]);
      }
      eq(await jsPage.locator('#w .yf').getAttribute('data-core'), 'js', 'still the JS core');
      eq(texts[0], texts[1], `${rec}: the result page and its summary equal the wasm page's`);
    }
  });

  T('Chromium without WebAssembly: zh-Hant and en catalogs load into the JS core', async () => {
    for (const loc of ['zh-Hant', 'en']) {
      const cat = catalog(loc);
      const texts = [];
      for (const p of [jsPage, env.page]) {
        await gotoWidget(p, embed(`&locale=${loc}`));
        await pastStart(p);
        await p.locator('#w .qtext', { hasText: cat['q.who.text'] }).waitFor();
        eq((await p.locator('#w button[type=submit]').textContent()).trim(), cat['ui.next'], `${loc}: ui strings`);
        await answerAll(p, paths.both.answers);
        eq((await p.locator('#w .big .rec-v').textContent()).trim(), qview(paths.both.answers, loc).outcome.headline, `${loc}: result`);
        texts.push(await resultText(p));
      }
      eq(texts[0], texts[1], `${loc}: the result page equals the wasm page's`);
    }
  });

  T('Chromium without WebAssembly: the calculator shows the same numbers as the wasm page', async () => {
    const fam = [
      { name: '我', age: '45', scheme: 'employee', region: '320500', phone: 'yes', prior: '5000', current: '1234.5', share: '300', premium: '' },
      { name: '妈妈', relation: 'parent', age: '70', scheme: 'resident', region: '320900', phone: 'no', share: '2500', premium: '380' },
      { name: '爸爸', relation: 'parent', age: '72', scheme: 'employee', status: 'suspended', region: '320500', phone: 'no', prior: '800', current: '0', share: '6000.50', premium: '' },
      { name: '儿子', relation: 'child', age: '10', scheme: 'resident', region: '320500', phone: '', share: '600', premium: '400' },
    ];
    const run = async (p) => {
      await gotoWidget(p, embed('&mode=calculator'));
      const w = p.locator('#w');
      await w.locator('.people .person').first().waitFor();
      for (let i = 0; i < fam.length; i++) {
        if (i >= 1) await w.locator('.calc > button.btn').click(); // the calculator starts with 我 alone
        for (const [f, v] of Object.entries(fam[i])) {
          if (f === 'relation' && i === 0) continue;
          await calcFill(p, i, f, v);
        }
      }
      await w.locator('.person[data-person="儿子"]').waitFor();
      await p.waitForFunction(() => {
        const el = document.querySelector('#w');
        return el.scenario?.people?.length === 4 && el.scenario.people[3].costs.personal_share === 60000
          && !el.shadowRoot.querySelector('.out[hidden]');
      });
      await p.waitForTimeout(300); // the calculator recomputes 150 ms after the last input
      const money = {};
      for (const card of await w.locator('.person[data-person]').all()) {
        const id = await card.getAttribute('data-person');
        money[id] = { rec: await card.locator('.rec-v').getAttribute('data-rec') };
        for (const td of await card.locator('td[data-money]').all()) money[id][await td.getAttribute('data-money')] = fenOf(await td.textContent());
      }
      return { scenario: await w.evaluate((el) => el.scenario), money, out: await w.locator('.out').evaluate((el) => el.textContent) };
    };
    const a = await run(jsPage);
    const b = await run(env.page);
    eq(await jsPage.locator('#w .yf').getAttribute('data-core'), 'js', 'the calculator ran on the JS core');
    eq(a.scenario, b.scenario, 'the same family was entered');
    eq(Object.keys(a.money).sort(), ['儿子', '妈妈', '我', '爸爸'], 'a card per member');
    eq(a.money, b.money, 'every member\'s recommendation and amounts equal the wasm page\'s');
    eq(a.out, b.out, 'the whole result text equals the wasm page\'s');
    const report = env.core.evaluate(a.scenario, AS_OF);
    for (const p of report.people) eq(a.money[p.id].cash, p.money.cash, `${p.id}: cash equals the core's report`);
    await jsPage.close();
    await jsCtx.close();
  });

  summary('fallback');
}
