// (3) evaluate latency, wasm vs native, on the same 10-person family (tests/data/family10.json),
// the same input, as each boundary takes it: the wasm as the page calls it, a plain object in → the
// report object out (serde-wasm-bindgen; a build from before serde took and returned JSON text, and
// is called so), native text in → text out (serde_json + rules + serde_json):
//   native    `cargo bench --bench evaluate` (bench profile: opt-level 3), its BENCH_JSON line,
//             `evaluate_json` median of 500 timed calls (Instant, ns)
//   wasm/Node dist/pkg glue + wasm with initSync, `evaluate(text, today)`, per call with
//             process.hrtime (ns)
//   wasm/Chromium the widget's own module instance in embed.html, an in-page loop with
//             performance.now(); Chromium coarsens performance.now() to 100 µs on pages that are
//             not cross-origin isolated, so each sample is a batch of 10 calls divided by 10
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, AS_OF, embedUrl, loadCoreNode, freshPage, waitMark, stats, line } from './common.mjs';

export const FAMILY = path.join(ROOT, 'tests', 'data', 'family10.json');

export function native(log) {
  const env = { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
  log('  running: cargo bench --bench evaluate');
  const r = spawnSync('cargo', ['bench', '--bench', 'evaluate'], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const m = /^BENCH_JSON (.*)$/m.exec(r.stdout || '');
  if (r.status !== 0 || !m) throw new Error(`cargo bench --bench evaluate failed (exit ${r.status}):\n${(r.stderr || '').slice(-2000)}`);
  for (const l of r.stdout.split('\n')) if (l && !l.startsWith('BENCH_JSON')) log('    ' + l);
  const j = JSON.parse(m[1]);
  return {
    command: 'cargo bench --bench evaluate',
    profile: 'bench (opt-level 3, thin LTO)',
    evaluate_json: { n: j.evaluate_json_runs, median: j.evaluate_json_median_ns / 1e6, p90: j.evaluate_json_p90_ns / 1e6 },
    evaluate_decoded: { n: j.evaluate_runs, median: j.evaluate_median_ns / 1e6, p90: j.evaluate_p90_ns / 1e6 },
  };
}

function checkReport(out) {
  const r = typeof out === 'string' ? JSON.parse(out) : out;
  if (r.error || r.people?.length !== 10) throw new Error(`unexpected evaluate output: ${JSON.stringify(out).slice(0, 300)}`);
}

/** The scenario as the core takes it: an object, or JSON text for a build from before serde. */
function argFor(core, text) {
  const sc = JSON.parse(text);
  try { if (typeof core.evaluate(sc, AS_OF) === 'object') return sc; } catch { /* the text boundary */ }
  return text;
}

export async function wasmNode({ warm = 50, samples = 500, dist } = {}) {
  const core = await loadCoreNode(dist);
  const input = argFor(core, fs.readFileSync(FAMILY, 'utf8'));
  checkReport(core.evaluate(input, AS_OF));
  for (let i = 0; i < warm; i++) core.evaluate(input, AS_OF);
  const t = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    core.evaluate(input, AS_OF);
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { runtime: `Node ${process.version} (V8)`, ...stats(t) };
}

export async function wasmChromium(browser, base, { warm = 50, samples = 100, batch = 10 } = {}) {
  const text = fs.readFileSync(FAMILY, 'utf8');
  const { ctx, page } = await freshPage(browser);
  await page.goto(embedUrl(base));
  await waitMark(page, 'yibao-family:interactive');
  const t = await page.evaluate(async ({ text, today, warm, samples, batch }) => {
    // The engine instance the widget uses (its module's core(), already initialised).
    const m = await (await import(new URL('yibao-family.js', location.href).href)).core();
    // An object in and out, as the page calls it (JSON text for a build from before serde).
    let input = JSON.parse(text);
    try { if (typeof m.evaluate(input, today) !== 'object') input = text; } catch { input = text; }
    const out = m.evaluate(input, today);
    const r = typeof out === 'string' ? JSON.parse(out) : out;
    if (r.error || r.people?.length !== 10) throw new Error('unexpected evaluate output: ' + JSON.stringify(out).slice(0, 300));
    for (let i = 0; i < warm; i++) m.evaluate(input, today);
    const xs = [];
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      for (let j = 0; j < batch; j++) m.evaluate(input, today);
      xs.push((performance.now() - t0) / batch);
    }
    return xs;
  }, { text, today: AS_OF, warm, samples, batch });
  await ctx.close();
  return { runtime: `Chromium ${browser.version()}`, batch, ...stats(t) };
}

export async function measureEvaluate({ browser, base, dist, withNative, prevNative, smoke, log }) {
  // Issue 11's goal for the serde boundary: wasm within 2× of native (it was 3× before it).
  const out = { input: 'tests/data/family10.json', target_ratio: 2 };
  if (prevNative) out.native = { ...prevNative, note: `kept from the run of ${prevNative.measured_at ?? 'an earlier run'} (--no-native)` };
  if (withNative) out.native = { ...native(log), measured_at: new Date().toISOString() };
  if (out.native) {
    log(line('native evaluate_json (read + validate + rules + write)', out.native.evaluate_json, 'ms', 3));
    log(line('native evaluate (validate + rules + report form, scenario read)', out.native.evaluate_decoded, 'ms', 3));
  }
  out.wasm_node = await wasmNode(smoke ? { warm: 2, samples: 5, dist } : { dist });
  log(line(`wasm in ${out.wasm_node.runtime}: evaluate(object)`, out.wasm_node, 'ms', 3));
  out.wasm_chromium = await wasmChromium(browser, base, smoke ? { warm: 2, samples: 3, batch: 2 } : {});
  log(line(`wasm in Chromium (in-page loop): evaluate(object)`, out.wasm_chromium, 'ms', 3));
  if (out.native) {
    const n = out.native.evaluate_json.median;
    out.ratio_node = Math.round((out.wasm_node.median / n) * 100) / 100;
    out.ratio_chromium = Math.round((out.wasm_chromium.median / n) * 100) / 100;
    log(`  ratio wasm/native (medians): Node ${out.ratio_node}×, Chromium ${out.ratio_chromium}× (target ≤ ${out.target_ratio}×)`);
  }
  return out;
}
