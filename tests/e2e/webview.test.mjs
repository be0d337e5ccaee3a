// Mini-program web-views and pages without JavaScript, in Debian's Chromium under the strict CSP:
// - embed.html in a simulated WeChat web-view (mini-program user agent, __wxjs_environment and a
//   stub wx.miniProgram.postMessage) and a simulated Alipay web-view (AlipayClient user agent and a
//   stub my.postMessage) hands the summary back; with neither (or a broken bridge) nothing fails;
// - initial answers from the query string land where the core says, bad ones are ignored, #q= wins;
// - with JavaScript off, embed.html and index.html show the static comparison, whose text is the
//   catalogs' (noscript.* and two ui.* keys), with no axe-core violations.
// Closes with "E2E SUMMARY (webview): n checks passed …".
import fs from 'node:fs';
import path from 'node:path';
import {
  env, setup, summary, T, ok, eq, watch, newContext, catalog, ZH, ROOT, AS_OF, REGION,
  qview, findPaths, embed, gotoWidget, current, answerAll, urlState, painted,
} from './lib.mjs';

setup({ label: 'webview' });

const UA = {
  wechat: 'Mozilla/5.0 (Linux; Android 13; V2049A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 miniProgram/wx0123456789abcdef',
  alipay: 'Mozilla/5.0 (Linux; U; Android 13; zh-CN; V2049A Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:393|0|2.75) AliApp(AP/10.5.26.8100) AlipayClient/10.5.26.8100 Language/zh-Hans Region/CN Ariver/1.0.0 MiniProgram',
};
const MOBILE = { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true };

/** A context for one kind of web-view; `bridge` is an init script (a function) that installs stubs. */
async function webview(kind, bridge) {
  const c = await newContext({ ...MOBILE, userAgent: UA[kind] || undefined });
  if (bridge) await c.addInitScript(bridge);
  const p = watch(await c.newPage(), `webview-${kind}`);
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  return { c, p, errors };
}
const wechatBridge = () => {
  window.__wxjs_environment = 'miniprogram';
  window.__wxCalls = [];
  // A structured copy, as the bridge sends it across to the mini-program.
  window.wx = { miniProgram: { postMessage: (m) => window.__wxCalls.push(JSON.parse(JSON.stringify(m))) } };
};
const alipayBridge = () => {
  window.__myCalls = [];
  window.my = { postMessage: (m) => window.__myCalls.push(JSON.parse(JSON.stringify(m))) };
};

let paths;
const lastEvent = (p) => p.evaluate(() => window.__yf.at(-1));

T('WeChat web-view: the summary goes to wx.miniProgram.postMessage', async () => {
  paths = findPaths();
  const { c, p, errors } = await webview('wechat', wechatBridge);
  await gotoWidget(p, embed());
  await answerAll(p, paths.both.answers);
  await p.locator('#w .rtitle').waitFor();
  const ev = await lastEvent(p);
  const calls = await p.evaluate(() => window.__wxCalls);
  ok(calls.length >= 1, `postMessage called (${calls.length} time(s))`);
  const d = calls.at(-1).data;
  eq(d.type, 'yibao-family:result', 'message type');
  eq(d.summary, ev.summary, 'the mini-program gets the summary of the yibao-family:result event');
  eq(d.recommendations, ev.recommendations, '…and its recommendations');
  ok(d.summary.includes(ZH['ui.rec.both']), 'summary names the recommendation');
  eq(d.as_of, ev.as_of, 'as_of');
  // The calculator hands its results back the same way.
  await gotoWidget(p, embed('&mode=calculator'));
  await p.locator('#w .people .person').first().waitFor();
  await p.waitForFunction(() => window.__wxCalls.length > 0 && window.__wxCalls.at(-1).data.mode === 'calculator');
  const calc = await p.evaluate(() => [window.__wxCalls.at(-1).data.summary, window.__yf.at(-1).summary]);
  eq(calc[0], calc[1], 'calculator summary handed back too');
  eq(errors, [], 'no page errors');
  await c.close();
});

T('Alipay web-view: the summary goes to my.postMessage', async () => {
  const { c, p, errors } = await webview('alipay', alipayBridge);
  await gotoWidget(p, embed());
  await answerAll(p, paths.gongji.answers);
  await p.locator('#w .rtitle').waitFor();
  const ev = await lastEvent(p);
  const calls = await p.evaluate(() => window.__myCalls);
  ok(calls.length >= 1, `my.postMessage called (${calls.length} time(s))`);
  eq(calls.at(-1).type, 'yibao-family:result', 'message type');
  eq(calls.at(-1).summary, ev.summary, 'the mini-program gets the summary of the yibao-family:result event');
  eq(calls.at(-1).recommendations, ev.recommendations, '…and its recommendations');
  eq(calls.at(-1).recommendations[0].recommendation, 'gongji', 'the recommendation');
  eq(await p.evaluate(() => typeof window.wx), 'undefined', 'no WeChat bridge appeared');
  eq(errors, [], 'no page errors');
  await c.close();
});

T('no bridge, or a broken one: no errors, the widget works, nothing is loaded from elsewhere', async () => {
  const cases = [
    ['plain browser', null, null],
    ['WeChat user agent without the JSSDK', 'wechat', null],
    ['WeChat environment flag without wx', 'wechat', () => { window.__wxjs_environment = 'miniprogram'; }],
    ['wx without miniProgram', 'wechat', () => { window.__wxjs_environment = 'miniprogram'; window.wx = {}; }],
    ['Alipay user agent without my', 'alipay', null],
    ['my without postMessage', 'alipay', () => { window.my = { postMessage: 'not a function' }; }],
    ['bridges that throw', 'wechat', () => {
      window.__wxjs_environment = 'miniprogram';
      window.wx = { miniProgram: { postMessage: () => { throw new Error('bridge down'); } } };
    }],
    ['Alipay bridge that throws', 'alipay', () => { window.my = { postMessage: () => { throw new Error('bridge down'); } }; }],
  ];
  for (const [label, kind, bridge] of cases) {
    const { c, p, errors } = await webview(kind, bridge);
    await gotoWidget(p, embed());
    await answerAll(p, paths.neither.answers);
    await p.locator('#w .rtitle').waitFor();
    eq((await lastEvent(p)).recommendations[0].recommendation, 'neither', `${label}: result shown and event fired`);
    eq(errors, [], `${label}: no page errors`);
    await c.close();
  }
  const scripts = [...env.requests].filter((u) => /\.js(\?|$)/.test(u)).map((u) => new URL(u));
  ok(scripts.length > 0 && scripts.every((u) => u.origin === env.origin), 'every script came from the origin (no JSSDK fetched)');
});

T('initial answers from the query string land where the core says', async () => {
  const p = env.page;
  const cases = [
    { who: 'parent' },
    { who: 'parent', phone: 'cannot' },
    { who: 'spouse', phone: 'can', my_scheme: 'employee_balance' },
    paths.family_account.answers,
    paths.both.answers,
  ];
  for (const a of cases) {
    const qs = Object.entries(a).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('');
    await gotoWidget(p, embed(qs));
    const v = qview(a);
    const at = await current(p);
    if (v.done) {
      eq(at, 'result', `${qs}: the result`);
      eq(await p.locator('#w .big .rec-v').getAttribute('data-rec'), v.outcome.recommendation, `${qs}: the core's recommendation`);
    } else {
      eq(at, v.question.id, `${qs}: the core's next question`);
      eq(await p.locator('#w .prog-t').textContent(), ZH['ui.step'].replace('{n}', String(v.step)).replace('{m}', String(v.total)), `${qs}: step ${v.step} of ${v.total}`);
      eq(await p.locator('#w .nav button', { hasText: ZH['ui.back'] }).count(), v.step > 1 ? 1 : 0, `${qs}: Back is there when there is a step to go back to`);
    }
    eq((await urlState(p)).answers, a, `${qs}: the answers are now the #q= state`);
    eq(await p.locator('#w .note[role=alert]').count(), 0, `${qs}: no "state reset" note`);
  }
  // The user goes on from there, and a reload keeps the place (the hash now wins).
  const both = paths.both.answers, first = paths.both.steps.slice(0, 2);
  await gotoWidget(p, embed(first.map((id) => `&${id}=${both[id]}`).join('')));
  eq(await current(p), paths.both.steps[2], 'opens at the third question of the path');
  await answerAll(p, both);
  eq(await p.locator('#w .big .rec-v').getAttribute('data-rec'), 'both', 'answering on from the initial answers reaches the result');
  await painted(p);
  await p.reload();
  await p.locator('#w .rtitle').waitFor();
  eq(await p.locator('#w .big .rec-v').getAttribute('data-rec'), 'both', 'reload keeps the result');
});

T('bad initial answers are ignored cleanly; #q= wins over the query string', async () => {
  const p = env.page;
  const bad = [
    'who=parent&phone=banana', // unknown value
    'who=parent&nonsense=1&utm_source=wechat', // unknown ids
    'who=parent&__proto__=x&constructor=y&toString=z&hasOwnProperty=1',
    'who=parent&my_region=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E',
    'who=parent&phone=%22%3E%3Cscript%3Ewindow.__pwned%3D2%3C%2Fscript%3E',
    'who=parent&costs=' + 'x'.repeat(5000),
    'who=parent&who=child', // the first wins
    'who=parent&' + Array.from({ length: 40 }, (_, i) => `junk${i}=1`).join('&'),
  ];
  for (const qs of bad) {
    await gotoWidget(p, embed('&' + qs));
    const label = qs.slice(0, 60);
    eq(await current(p), qview({ who: 'parent' }).question.id, `${label}: as if only who=parent had been given`);
    eq((await urlState(p)).answers, { who: 'parent' }, `${label}: only the valid answer kept`);
    eq(await p.locator('#w .note[role=alert]').count(), 0, `${label}: no alert`);
    const found = await p.locator('#w').evaluate((w) => ({ img: w.shadowRoot.querySelectorAll('img, script, iframe').length + document.querySelectorAll('img, iframe').length, pwned: window.__pwned ?? 0, text: w.shadowRoot.textContent.includes('banana') || w.shadowRoot.textContent.includes('pwned') }));
    eq(found, { img: 0, pwned: 0, text: false }, `${label}: nothing injected, nothing echoed`);
  }
  // Entirely bad: the questionnaire starts at the beginning.
  await gotoWidget(p, embed('&who=%3Cb%3E&phone=1e400'));
  eq(await current(p), 'who', 'all answers bad: the first question');
  // #q= in the hash wins over the query's answers.
  const st = { locale: 'zh-Hans', region: REGION, as_of: AS_OF, answers: { who: 'child', phone: 'under16' } };
  const q = Buffer.from(JSON.stringify(st)).toString('base64url');
  await gotoWidget(p, embed('&who=parent&phone=cannot') + '#q=' + q);
  eq(await current(p), qview(st.answers).question.id, 'the #q= state is shown, not the query answers');
  eq((await urlState(p)).answers, st.answers, 'and stays the state');
});

// ---- without JavaScript ------------------------------------------------------------------------
const PAGES = ['embed.html', 'index.html'];
const NOSCRIPT = Object.keys(ZH).filter((k) => k.startsWith('noscript.'));

T('the static pages hold the catalog text in <noscript>', () => {
  ok(NOSCRIPT.length >= 10, `${NOSCRIPT.length} noscript.* keys`);
  for (const loc of ['zh-Hant', 'en']) eq(Object.keys(catalog(loc)).filter((k) => k.startsWith('noscript.')), NOSCRIPT, `${loc} has the same noscript.* keys`);
  for (const name of PAGES) {
    for (const dir of ['www', 'dist']) {
      const html = fs.readFileSync(path.join(ROOT, dir, name), 'utf8');
      ok(/<noscript>\s*<div class="nojs" lang="zh-Hans">/.test(html), `${dir}/${name}: the comparison is inside <noscript>`);
      for (const k of NOSCRIPT) ok(html.includes(`data-k="${k}"`), `${dir}/${name}: ${k} is used`);
    }
  }
});

T('JavaScript off: both pages show the comparison in the catalog words, with no axe violations', async () => {
  const c = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const p = watch(await c.newPage(), 'nojs');
  const axeSrc = fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  for (const name of PAGES) {
    const res = await p.goto(env.base + (name === 'index.html' ? '' : name));
    ok(res.ok(), `${name} served`);
    const box = p.locator('.nojs');
    eq(await box.count(), 1, `${name}: one comparison`);
    ok(await box.isVisible(), `${name}: it is visible`);
    ok(await p.locator('.nojs table caption').isVisible(), `${name}: a table with a caption`);
    eq(await p.locator('.nojs th[scope=col]').count(), 2, `${name}: two feature columns`);
    eq(await p.locator('.nojs th[scope=row]').count(), 4, `${name}: four rows (what, who, money, where)`);
    // Every text is the catalog's, in the block's language.
    const texts = await p.locator('.nojs [data-k]').evaluateAll((els) => els.map((e) => [e.dataset.k, e.closest('[lang]').lang, e.textContent]));
    for (const [k, lang, text] of texts) eq(text, catalog(lang)[k], `${name}: ${k} = the ${lang} catalog`);
    ok(texts.length >= NOSCRIPT.length + 2, `${name}: ${texts.length} catalog texts`);
    const all = await box.textContent();
    for (const w of ['国家医保服务平台', '微信', '支付宝', '医保电子凭证', '12393']) ok(all.includes(w), `${name}: names ${w}`);
    eq(await p.evaluate(() => !!customElements.get('yibao-family')), false, `${name}: no script ran`);
    const big = await p.locator('.nojs td').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    ok(big >= 16, `${name}: readable type (${big}px)`);
    // axe-core needs timers, which do not run without JavaScript: give it microtask ones. And it
    // skips whatever is inside <noscript> (it assumes scripting is on), so the rendered block is
    // moved, unchanged, into a <div> in its place.
    await p.evaluate(() => {
      for (const n of document.body.querySelectorAll('noscript')) {
        const d = document.createElement('div');
        d.append(...n.childNodes);
        n.replaceWith(d);
      }
      window.setTimeout = (f, ms, ...a) => { Promise.resolve().then(() => (typeof f === 'function' ? f(...a) : 0)); return 1; };
      window.clearTimeout = () => {};
    });
    await p.evaluate(axeSrc);
    const r = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'], preload: false }).then((x) => ({
      violations: x.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`),
      passes: x.passes.map((v) => v.id),
    })));
    eq(r.violations, [], `${name}: axe finds no violations`);
    ok(['color-contrast', 'th-has-data-cells', 'document-title'].every((id) => r.passes.includes(id)), `${name}: axe really checked contrast and the table (${r.passes.join(' ')})`);
    await p.setViewportSize({ width: 360, height: 740 });
    await p.screenshot({ path: path.join(ROOT, 'target', 'e2e-artifacts', `nojs-${name.replace('.html', '')}-360x740.png`), fullPage: true });
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    ok(overflow <= 0, `${name}: no sideways scrolling at 360px (${overflow})`);
    await p.setViewportSize({ width: 1280, height: 800 });
  }
  await c.close();
});

summary('webview');
