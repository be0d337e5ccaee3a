// Where a questionnaire click's time goes, from a Chromium trace of one more run of the path (the
// timed runs are never traced: tracing slows the page down). For each Next click, from the trace's
// own events on the page's main thread:
//   before click  the mouse-up's handling on the page's main thread until the click is dispatched
//                 (hit testing, pointerup): the part of the input delay perf.mjs measures (from the
//                 mouse-up's timestamp) that is on the main thread; the rest is the event's way to it
//   click         the click event's dispatch: the page's handler, with what it forces
//   · style       style and layout-tree updates inside it (forced by focus() on the new heading)
//   · layout      layout inside it (forced by the same focus()), of which text shaping below
//   · shaping     shaping the new question's text (fonts, HarfBuzz) during that layout
//   · script      the rest of the click: the page's own JavaScript and the core's call
// The split tells the page's work (script) from the browser's work on what the page built
// (style, layout) — the part a smaller or cheaper DOM would change. Reported, never judged.
import { freshPage, stats, line, embedUrl } from './common.mjs';
import { pastStart, choose } from './page.mjs';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'input', 'toplevel'];

/** One traced run at `cpu`× CPU; null (and a line saying why) if the trace has no clicks. */
export async function measureClickBreakdown({ browser, base, path, cpu, log }) {
  const { ctx, page } = await freshPage(browser, { cpu });
  let trace, tracing = false;
  try {
    await page.goto(embedUrl(base));
    await pastStart(page);
    await browser.startTracing(page, { categories: CATEGORIES });
    tracing = true;
    for (const s of path.steps) {
      await choose(page, '#w', s);
      // A plain mouse click (no locator checks inside the traced input), as a user's.
      const b = await page.locator('#w button[type=submit]').boundingBox();
      await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
      await page.waitForTimeout(100); // the frame and the URL write after it
    }
    await page.locator('#w section.result').waitFor();
    tracing = false;
    trace = JSON.parse((await browser.stopTracing()).toString());
  } finally {
    if (tracing) await browser.stopTracing().catch(() => {}); // the next trace can start
    await ctx.close();
  }
  const clicks = split(trace.traceEvents ?? []);
  // The last click brings the result page, a different amount of work: the questions only.
  const q = clicks.slice(0, -1);
  if (!q.length) {
    log('  where a click goes: not measured (no Next click in the trace)');
    return null;
  }
  const out = Object.fromEntries(['before_click', 'click', 'style', 'layout', 'shaping', 'script'].map((k) => [k, stats(q.map((c) => c[k]))]));
  out.clicks = q.length;
  log(`  where a Next click goes (${cpu}× CPU; one traced run of the path, its ${q.length} question clicks):`);
  log(line('mouse-up handled on the main thread → click dispatched', out.before_click));
  log(line('the click: the page\'s handler and what it forces', out.click));
  log(line('  style and layout tree (forced by focus())', out.style));
  log(line('  layout (forced by focus())', out.layout));
  log(line('    of which shaping the new text', out.shaping));
  log(line('  script: the page\'s JavaScript and the core', out.script));
  return out;
}

// Complete events ('X') on the main thread of the page, per click that submitted the form.
function split(events) {
  const X = events.filter((e) => e.ph === 'X' && e.dur != null);
  const submits = X.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'submit');
  const on = X.filter((e) => e.tid === submits[0]?.tid); // the page's main thread
  // The time (ms) of the events called `name` inside `outer`.
  const sum = (outer, name) => on.filter((e) => e.name === name && e.ts >= outer.ts && e.ts + e.dur <= outer.ts + outer.dur).reduce((s, e) => s + e.dur, 0) / 1000;
  return submits.flatMap((submit) => {
    // The click that dispatched this submit, and the mouse-up whose handling contains it.
    const click = on.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click' && e.ts <= submit.ts && e.ts + e.dur >= submit.ts + submit.dur);
    if (!click) return [];
    const input = on.find((e) => e.name === 'EventHandler::handleMouseReleaseEvent' && e.ts <= click.ts && e.ts + e.dur >= click.ts + click.dur);
    const style = sum(click, 'UpdateLayoutTree'), layout = sum(click, 'Layout');
    const ms = click.dur / 1000;
    return [{
      before_click: input ? (click.ts - input.ts) / 1000 : null,
      click: ms,
      style,
      layout,
      shaping: sum(click, 'InlineNode::ShapeTextIncludingFirstLine'),
      script: Math.max(0, ms - style - layout),
    }];
  });
}
