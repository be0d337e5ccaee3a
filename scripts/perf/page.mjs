// In-page probes: what one input does to the widget, timed in the page with performance.now()
// (all times are ms since the navigation start, the page's timeOrigin).
//
// clickProbe:  t0  = the trusted click event's timeStamp (the platform time of the mouse-up)
//              start = when the click is dispatched in the page (capture listener on window):
//                    start − t0 is the input delay (routing, hit testing, a busy main thread)
//              dom = the first MutationObserver callback in the widget's shadow root after it:
//                    the handler (engine call + DOM build) has finished and the DOM is updated
//              frame = after the next animation frame (rAF, then a posted task): style, layout
//                    and paint of the update have been done
// keyProbe:    key = the keydown's timeStamp; compute / result = the widget's
//              yibao-family:compute and yibao-family:result marks (compute() starts after the
//              calculator's 150 ms debounce; result is after the result DOM is built); frame as above.

/** Arms a probe for the next click in the page; await `settle(page)` after the click. */
export async function armClick(page, sel) {
  await page.evaluate((sel) => {
    const host = document.querySelector(sel);
    window.__probe = new Promise((resolve, reject) => {
      let t0 = null, start = null;
      const onClick = (e) => { if (t0 == null && e.isTrusted) { t0 = e.timeStamp; start = performance.now(); } };
      addEventListener('click', onClick, true);
      const mo = new MutationObserver(() => {
        if (t0 == null) return;
        mo.disconnect();
        removeEventListener('click', onClick, true);
        const dom = performance.now();
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve({ t0, start, dom, frame: performance.now() });
          ch.port2.postMessage(0);
        });
      });
      mo.observe(host.shadowRoot, { childList: true, subtree: true, characterData: true, attributes: true });
      setTimeout(() => reject(new Error('no DOM update within 30 s of the click')), 30000);
    });
  }, sel);
}

export async function armKey(page) {
  await page.evaluate(() => {
    window.__probe = new Promise((resolve, reject) => {
      let key = null;
      const onKey = (e) => { if (key == null && e.isTrusted) key = e.timeStamp; };
      addEventListener('keydown', onKey, true);
      addEventListener('yibao-family:result', () => {
        removeEventListener('keydown', onKey, true);
        const at = (n) => performance.getEntriesByName(n).at(-1)?.startTime ?? null;
        const compute = at('yibao-family:compute'), result = at('yibao-family:result');
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => resolve({ key, compute, result, frame: performance.now() });
          ch.port2.postMessage(0);
        });
      }, { once: true });
      setTimeout(() => reject(new Error('no result within 30 s of the keystroke')), 30000);
    });
  });
}

export const settle = (page) => page.evaluate(() => window.__probe);

/** A fresh visit opens at the start page: its 开始 (not timed). */
export async function pastStart(page, sel = '#w') {
  const w = page.locator(sel);
  await w.locator('form.q, section.result, section.start').first().waitFor();
  if (await w.locator('section.start').count()) await w.locator('section.start button.go').click();
}

/** Chooses the answer of `step` ({id, value}) on its question, once the question is shown. */
export async function choose(page, sel, step) {
  const w = page.locator(sel);
  await w.locator(`input[data-q="${step.id}"]`).first().waitFor();
  await w.locator('label.opt', { has: page.locator(`input[value="${step.value}"]`) }).click();
}

/** Answers the questionnaire along `steps` by clicking; returns one click probe per step
 *  (the last one is the click that brings the result). */
export async function answerPath(page, steps, sel = '#w') {
  const out = [];
  await pastStart(page, sel);
  for (const s of steps) {
    await choose(page, sel, s);
    const next = page.locator(sel).locator('button[type=submit]');
    await next.waitFor();
    await armClick(page, sel);
    await next.click();
    const p = await settle(page);
    out.push({ id: s.id, ...p, input_delay_ms: p.start - p.t0, handler_ms: p.dom - p.t0, frame_ms: p.frame - p.t0 });
  }
  await page.locator(`${sel} section.result`).waitFor();
  // Event Timing (what INP is made of): the click's duration from its timeStamp to the next paint,
  // rounded to 8 ms, reported only when ≥ 16 ms (null: under 16 ms).
  await page.waitForTimeout(100);
  const events = await page.evaluate(() => window.__perf.events.filter((e) => e.name === 'click'));
  for (const o of out) o.event_timing_ms = events.find((e) => Math.abs(e.t - o.t0) < 0.5)?.duration ?? null;
  return out;
}
