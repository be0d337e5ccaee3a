// (1) Loading under DevTools' "Mid-tier mobile" conditions: Fast 3G network + 4× CPU slowdown,
// a cold cache every run (a new browser context, cache disabled).
//
// Marks (all ms since navigation start = the page's performance.timeOrigin):
//   start        yibao-family:start, the widget's module starts executing
//   interactive  yibao-family:interactive, the first question's controls are in the DOM with their
//                handlers (or, with answers in the link, the result page)
//   result       yibao-family:result, a result is rendered (DOM built, just before the
//                yibao-family:result event)
//   frame        the next animation frame after the result (painted)
import { freshPage, waitMark, FAST_3G, CPU_SLOWDOWN, stats, line, hashOf, embedUrl } from './common.mjs';
import { answerPath } from './page.mjs';

async function marksAndResources(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const list = performance.getEntriesByType('resource');
    const res = Object.fromEntries(list.map((r) => [new URL(r.name).pathname.split('/').pop(), Math.round(r.responseEnd)]));
    const bytes = list.reduce((n, r) => n + r.transferSize, nav?.transferSize ?? 0);
    return { marks: window.__perf.marks, errors: window.__perf.errors, html_response_end: nav?.responseEnd, dcl: nav?.domContentLoadedEventEnd, resources: res, bytes };
  });
}
const first = (marks, name) => marks.find((m) => m.name === name)?.t ?? null;
const afterFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => r(performance.now());
  ch.port2.postMessage(0);
})));

export async function measureLoad({ browser, base, path, runs, log }) {
  const cond = { network: FAST_3G, cpu: CPU_SLOWDOWN };
  const emb = embedUrl(base);
  const out = { conditions: { network: 'DevTools Fast 3G', ...FAST_3G, cpu_slowdown: CPU_SLOWDOWN, cache: 'cold (new context, cache disabled)' }, runs, scenarios: {} };

  // A. The questionnaire in embed.html: navigation → first question; then answer every question
  //    (the same throttling) and time the last click → result.
  const qa = [];
  for (let i = 0; i < runs; i++) {
    const { ctx, page, problems } = await freshPage(browser, cond);
    await page.goto(emb, { waitUntil: 'commit' });
    await waitMark(page, 'yibao-family:interactive');
    const m = await marksAndResources(page);
    const clicks = await answerPath(page, path.steps);
    const last = clicks.at(-1);
    qa.push({ start: first(m.marks, 'yibao-family:start'), interactive: first(m.marks, 'yibao-family:interactive'),
      html: m.html_response_end, wasm: m.resources['yibao_family_bg.wasm'] ?? null, transferred_bytes: m.bytes,
      last_click_to_result_dom: last.handler_ms, last_click_to_result_frame: last.frame_ms, problems: [...problems, ...m.errors] });
    await ctx.close();
  }
  const sA = {
    url: emb,
    nav_to_module_start: stats(qa.map((r) => r.start)),
    nav_to_interactive: stats(qa.map((r) => r.interactive)),
    module_start_to_interactive: stats(qa.map((r) => r.interactive - r.start)),
    nav_to_wasm_downloaded: stats(qa.map((r) => r.wasm)),
    transferred_bytes: stats(qa.map((r) => r.transferred_bytes)),
    last_answer_click_to_result_dom: stats(qa.map((r) => r.last_click_to_result_dom)),
    last_answer_click_to_result_painted: stats(qa.map((r) => r.last_click_to_result_frame)),
    samples: qa,
  };
  out.scenarios.questionnaire = sA;
  log('  questionnaire, embed.html (Fast 3G, 4× CPU, cold):');
  log(line('navigation → module starts (yibao-family:start)', sA.nav_to_module_start));
  log(line('navigation → wasm downloaded (resource responseEnd)', sA.nav_to_wasm_downloaded));
  log(`  (${Math.round(sA.transferred_bytes.median / 1024)} KiB transferred up to the first question)`);
  log(line('navigation → first question usable (interactive)', sA.nav_to_interactive));
  log(line('module start → first question usable', sA.module_start_to_interactive));
  log(line('click on the last answer → result in the DOM', sA.last_answer_click_to_result_dom));
  log(line('click on the last answer → result painted (next frame)', sA.last_answer_click_to_result_painted));

  // B. A link with the answers in the hash (#q=…): navigation → result.
  const urlB = emb + hashOf(path.answers);
  const hb = [];
  for (let i = 0; i < runs; i++) {
    const { ctx, page, problems } = await freshPage(browser, cond);
    await page.goto(urlB, { waitUntil: 'commit' });
    const result = await waitMark(page, 'yibao-family:result');
    const frame = await afterFrame(page);
    const m = await marksAndResources(page);
    const ok = await page.locator('#w section.result').count();
    hb.push({ start: first(m.marks, 'yibao-family:start'), result, frame, wasm: m.resources['yibao_family_bg.wasm'] ?? null, result_shown: ok === 1, problems: [...problems, ...m.errors] });
    await ctx.close();
  }
  const sB = {
    url: urlB,
    nav_to_module_start: stats(hb.map((r) => r.start)),
    nav_to_result_dom: stats(hb.map((r) => r.result)),
    nav_to_result_painted: stats(hb.map((r) => r.frame)),
    module_start_to_result: stats(hb.map((r) => r.result - r.start)),
    samples: hb,
  };
  out.scenarios.link_with_answers = sB;
  log('  link with the answers in #q= (embed.html, Fast 3G, 4× CPU, cold):');
  log(line('navigation → result in the DOM (yibao-family:result)', sB.nav_to_result_dom));
  log(line('navigation → result painted (next frame)', sB.nav_to_result_painted));
  log(line('module start → result in the DOM', sB.module_start_to_result));

  // C. The demo page (index.html, both widgets): first question usable, calculator's first result.
  const hc = [];
  for (let i = 0; i < runs; i++) {
    const { ctx, page, problems } = await freshPage(browser, cond);
    await page.goto(base + 'index.html', { waitUntil: 'commit' });
    await waitMark(page, 'yibao-family:result');
    // The first screen usable: its start page (开始), or a first question.
    await page.locator('#q').locator('input[name=a], section.start button.go').first().waitFor();
    const m = await marksAndResources(page);
    hc.push({ start: first(m.marks, 'yibao-family:start'), interactive: first(m.marks, 'yibao-family:interactive'), result: first(m.marks, 'yibao-family:result'), problems: [...problems, ...m.errors] });
    await ctx.close();
  }
  const sC = {
    url: base + 'index.html',
    nav_to_first_interactive: stats(hc.map((r) => r.interactive)),
    nav_to_calculator_result: stats(hc.map((r) => r.result)),
    samples: hc,
  };
  out.scenarios.demo_page = sC;
  log('  demo page index.html, questionnaire + calculator (Fast 3G, 4× CPU, cold):');
  log(line('navigation → first widget usable (interactive)', sC.nav_to_first_interactive));
  log(line('navigation → calculator\'s first result in the DOM', sC.nav_to_calculator_result));
  return out;
}
