// Shared pieces of scripts/perf.mjs: throttling presets, statistics, Chromium, the core in Node,
// the questionnaire path used by the page measurements, and what machine and build we measured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const PKG = path.join(DIST, 'pkg');
export const TARGET = path.join(ROOT, 'target');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const AS_OF = '2026-03-01';
export const REGION = '320500';
/** embed.html with the region and date the questionnaire path is computed for (`extra`: more of its query). */
export const embedUrl = (base, extra = '') => `${base}embed.html?region=${REGION}&as-of=${AS_OF}${extra}`;

// Chrome DevTools' "Fast 3G" network preset, as defined in devtools-frontend
// front_end/core/sdk/NetworkManager.ts (`Fast3GConditions`):
//   download: 1.6 * 1000 * 1000 / 8 * .9   (bytes/s: 1.44 Mbit/s)
//   upload:   750 * 1000 / 8 * .9          (bytes/s: 675 kbit/s)
//   latency:  150 * 3.75                   (ms: 562.5)
// Puppeteer's PredefinedNetworkConditions['Fast 3G'] uses the same numbers, and since DevTools
// renamed the preset, 'Slow 4G' is an alias of it. Lighthouse's default mobile profile
// (`throttling.mobileSlow4G` in lantern/simulation/Constants.js: rttMs 150, throughputKbps 1.6*1024,
// requestLatencyMs 150 * 3.75, downloadThroughputKbps 1.6*1024*0.9, uploadThroughputKbps 750*0.9,
// cpuSlowdownMultiplier 4) is the same profile, simulated rather than applied.
export const FAST_3G = Object.freeze({
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
  connectionType: 'cellular3g',
});
// DevTools' "Mid-tier mobile" = Fast 3G + 4× CPU slowdown (Emulation.setCPUThrottlingRate).
export const CPU_SLOWDOWN = 4;

// ---- statistics --------------------------------------------------------------------------------
const r3 = (x) => Math.round(x * 1000) / 1000;
export function stats(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return { n: 0 };
  const q = (p) => v[Math.min(v.length - 1, Math.floor(p * v.length))];
  const median = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { n: v.length, median: r3(median), p90: r3(q(0.9)), min: r3(v[0]), max: r3(v[v.length - 1]) };
}
export const fmt = (ms, d = 1) => (Number.isFinite(ms) ? ms.toFixed(d) : '—');
export const line = (label, s, unit = 'ms', d = 1) =>
  `  ${label.padEnd(62)} median ${fmt(s.median, d).padStart(8)} ${unit}   max ${fmt(s.max, d).padStart(8)} ${unit}   (n=${s.n})`;

// ---- Chromium ----------------------------------------------------------------------------------
export async function launch() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A fresh (cold-cache) context and page, with the probes installed and the given throttling. */
export async function freshPage(browser, { cpu = 1, network = null, viewport = { width: 412, height: 823 } } = {}) {
  const ctx = await browser.newContext({ viewport });
  await ctx.addInitScript(() => {
    // Every User Timing mark (the widget's yibao-family:* marks) and every slow event (Event
    // Timing, ≥ 16 ms, the entries INP is computed from), with their times since navigation start.
    const P = (window.__perf = { marks: [], events: [], errors: [] });
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) P.marks.push({ name: e.name, t: e.startTime }); })
        .observe({ type: 'mark', buffered: true });
      new PerformanceObserver((l) => { for (const e of l.getEntries()) P.events.push({ name: e.name, t: e.startTime, duration: e.duration }); })
        .observe({ type: 'event', buffered: true, durationThreshold: 16 });
    } catch (e) { P.errors.push(String(e)); }
    addEventListener('error', (e) => P.errors.push(String(e.message)));
  });
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  if (cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return { ctx, page, cdp, problems };
}

/** Resolves when the page has a mark named `name` (the first one recorded), with its time. */
export async function waitMark(page, name, timeout = 60000) {
  const h = await page.waitForFunction((n) => window.__perf.marks.find((m) => m.name === n)?.t, name, { timeout, polling: 20 });
  return h.jsonValue();
}

// ---- the core in Node, the questionnaire path --------------------------------------------------
export async function loadCoreNode(dist = DIST) {
  const PKG = path.join(dist, 'pkg');
  const copy = path.join(TARGET, `perf-core-${process.pid}.mjs`);
  fs.mkdirSync(TARGET, { recursive: true });
  fs.copyFileSync(path.join(PKG, 'yibao_family.js'), copy);
  try {
    const m = await import(copy);
    m.initSync({ module: fs.readFileSync(path.join(PKG, 'yibao_family_bg.wasm')) });
    return m;
  } finally {
    fs.rmSync(copy, { force: true });
  }
}

// A parent on resident insurance, the user an employee with a balance, same city, with costs:
// the longest path there is (6 questions) and a "both" result. Questions that are not listed
// here (should the questionnaire change) get their first option that is not "unknown".
const PREFERRED = { who: 'parent', phone: 'cannot', my_scheme: 'employee_balance', their_scheme: 'resident', place: 'same_city', costs: 'yes' };

/** The questions asked on the way to a result, as [{ id, value }], computed by the core itself. */
export function questionnairePath(core) {
  const answers = {};
  const steps = [];
  for (let i = 0; i < 20; i++) {
    const st = { locale: 'zh-Hans', region: REGION, as_of: AS_OF, answers };
    // An object in and out (JSON text for a build from before serde).
    let v;
    try { v = core.questionnaire(st, AS_OF); } catch { v = null; }
    if (!v || typeof v !== 'object') v = JSON.parse(core.questionnaire(JSON.stringify(st), AS_OF));
    if (v.error) throw new Error(`questionnaire: ${JSON.stringify(v.error)}`);
    if (v.done) return { steps, answers, recommendation: v.outcome ? v.outcome.recommendation : v.report.people[v.subject_index].recommendation };
    const opts = v.question.options.map((o) => o.value);
    const value = opts.includes(PREFERRED[v.question.id]) ? PREFERRED[v.question.id] : opts.find((o) => o !== 'unknown') ?? opts[0];
    answers[v.question.id] = value;
    steps.push({ id: v.question.id, value });
  }
  throw new Error('questionnaire did not finish in 20 steps');
}

/** The #q= hash the widget writes (readHash/writeHash: base64url of the JSON state). */
export const hashOf = (answers) => '#q=' + Buffer.from(JSON.stringify({ locale: 'zh-Hans', region: REGION, as_of: AS_OF, answers })).toString('base64url');

// ---- what was measured -------------------------------------------------------------------------
const sh = (cmd, args) => { try { return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return null; } };

export function machine(chromiumVersion) {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? null,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    debian: fs.existsSync('/etc/debian_version') ? fs.readFileSync('/etc/debian_version', 'utf8').trim() : null,
    node: process.version,
    chromium: chromiumVersion ?? ((sh(CHROMIUM, ['--version']) || '').replace(/\s+built on.*/, '') || null),
    rustc: sh('rustc', ['--version']),
    load_average: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function build(dir = DIST) {
  const file = (rel) => {
    const p = path.join(dir, rel);
    if (!fs.existsSync(p)) return null;
    const b = fs.readFileSync(p);
    return { raw: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length, brotli: zlib.brotliCompressSync(b).length };
  };
  const files = Object.fromEntries(['pkg/yibao_family_bg.wasm', 'yibao-family.js', 'questionnaire.js', 'calculator.js', 'yibao-family.css', 'embed.js', 'index.html']
    .map((f) => [f, file(f)]));
  const dirty = sh('git', ['status', '--porcelain', '--', 'src', 'www', 'i18n', 'Cargo.toml', 'benches']);
  return { commit: sh('git', ['rev-parse', '--short', 'HEAD']), worktree_changes: dirty ? dirty.split('\n').length : 0, files };
}
