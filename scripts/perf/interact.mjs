// (2) Each answer → updated result, unthrottled and with 4× CPU slowdown (no network: after the
// load nothing is fetched for an answer).
//   questionnaire: click on "Next" with an answer chosen → the next question (or the result) in the
//                  DOM / painted; every step of the 6-question path, `runs` times
//   calculator:    a keystroke in the first member's 个人负担 (money) field, reported in parts:
//                  keystroke → compute() starts (input handling, plus the debounce when the widget
//                  has one: an earlier version waited 150 ms; the report says `debounced`),
//                  compute() → result in the DOM (engine + render: the part the 16 ms target is
//                  about), compute() → painted, and keystroke → painted (all of it)
import { freshPage, stats, line, embedUrl } from './common.mjs';
import { answerPath, armKey, settle } from './page.mjs';
import { measureClickBreakdown } from './breakdown.mjs';

export async function measureInteractions({ browser, base, path, runs, keys, log }) {
  const out = { target_ms: 16, conditions: {} };
  for (const cpu of [1, 4]) {
    const label = cpu === 1 ? 'unthrottled' : `${cpu}× CPU slowdown`;
    // Questionnaire.
    const steps = [];
    for (let i = 0; i < runs; i++) {
      const { ctx, page } = await freshPage(browser, { cpu });
      await page.goto(embedUrl(base));
      steps.push(...(await answerPath(page, path.steps))); // past the start page, then each answer
      await ctx.close();
    }
    const q = {
      click_to_dom: stats(steps.map((s) => s.handler_ms)),
      input_delay: stats(steps.map((s) => s.input_delay_ms)),
      handler: stats(steps.map((s) => s.dom - s.start)),
      click_to_painted: stats(steps.map((s) => s.frame_ms)),
      last_click_to_result_dom: stats(steps.filter((s, i) => i % path.steps.length === path.steps.length - 1).map((s) => s.handler_ms)),
      // Event Timing (the API INP uses) reports a click only when it took ≥ 16 ms to the next
      // paint (rounded to 8 ms): how many of the clicks did, and their durations.
      event_timing_clicks: steps.length,
      event_timing_clicks_over_16ms: steps.filter((s) => s.event_timing_ms != null).length,
      event_timing_over_16ms: stats(steps.map((s) => s.event_timing_ms).filter((x) => x != null)),
      per_question: Object.fromEntries(path.steps.map((s) => [s.id, stats(steps.filter((x) => x.id === s.id).map((x) => x.handler_ms))])),
    };
    // Calculator.
    const k = [];
    for (let i = 0; i < Math.max(1, Math.ceil(runs / 2)); i++) {
      const { ctx, page } = await freshPage(browser, { cpu });
      await page.goto(embedUrl(base, '&mode=calculator'));
      const field = page.locator('#w [data-f=share]').first();
      await page.locator('#w .out .recs').waitFor();
      await field.click();
      await page.keyboard.press('End');
      for (let j = 0; j < keys; j++) {
        await armKey(page);
        await page.keyboard.press(j % 2 ? 'Backspace' : '5');
        k.push(await settle(page));
      }
      await ctx.close();
    }
    const c = {
      field: 'first member, 个人负担 (personal_share), typing "5" and Backspace in turn',
      key_to_compute_start: stats(k.map((x) => x.compute - x.key)),
      compute_to_dom: stats(k.map((x) => x.result - x.compute)),
      key_to_dom: stats(k.map((x) => x.result - x.key)),
      compute_to_painted: stats(k.map((x) => x.frame - x.compute)),
      key_to_painted: stats(k.map((x) => x.frame - x.key)),
    };
    c.debounced = c.key_to_compute_start.median >= 100;
    out.conditions[cpu === 1 ? 'unthrottled' : `cpu${cpu}x`] = { questionnaire: q, calculator: c };
    log(`  ${label}:`);
    log(line('questionnaire: click Next → next question/result in the DOM', q.click_to_dom));
    log(line('  of which input delay (mouse-up → click dispatched)', q.input_delay));
    log(line('  of which the handler (engine + DOM build + focus)', q.handler));
    log(line('questionnaire: click Next → painted (next frame)', q.click_to_painted));
    log(line('questionnaire: click on the last answer → result in the DOM', q.last_click_to_result_dom));
    log(`  questionnaire: Event Timing (INP's clock) saw ${q.event_timing_clicks_over_16ms} of ${q.event_timing_clicks} clicks take ≥ 16 ms to the next paint${q.event_timing_over_16ms.n ? ` (median ${q.event_timing_over_16ms.median} ms, max ${q.event_timing_over_16ms.max} ms)` : ''}`);
    // With the CPU slowed down (where the 16 ms goal is missed): where a click's time goes.
    if (cpu !== 1) q.breakdown = await measureClickBreakdown({ browser, base, path, cpu, log });
    log(line(`calculator: keystroke → compute() starts${c.debounced ? ' (debounced)' : ' (no debounce)'}`, c.key_to_compute_start));
    log(line('calculator: compute() → result in the DOM (engine + render)', c.compute_to_dom));
    log(line('calculator: keystroke → result in the DOM', c.key_to_dom));
    log(line('calculator: compute() → painted (next frame)', c.compute_to_painted));
    log(line('calculator: keystroke → painted (all of it)', c.key_to_painted));
  }
  return out;
}
