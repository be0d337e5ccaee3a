// (4) Lighthouse (npm `lighthouse`, default config = mobile: Moto G Power screen, simulated
// throttling with the mobileSlow4G profile, i.e. DevTools' Fast 3G + 4× CPU) of the demo page
// dist/index.html as scripts/serve.mjs serves it, driving Debian's Chromium through chrome-launcher.
// Every run's HTML and JSON go to target/lighthouse/; the run with the median performance score is
// the one reported (and copied to target/lighthouse/index.report.{html,json}).
import fs from 'node:fs';
import path from 'node:path';
import { TARGET, CHROMIUM } from './common.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = { fcp: 'first-contentful-paint', lcp: 'largest-contentful-paint', tbt: 'total-blocking-time', cls: 'cumulative-layout-shift', si: 'speed-index' };
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function summarise(lhr) {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100)]));
  const metrics = Object.fromEntries(Object.entries(METRICS).map(([k, id]) => [k, lhr.audits[id]?.numericValue ?? null]));
  // Audits that cost points (score below 1 and weighted, or failing binary audits), per category.
  const failing = {};
  for (const c of CATEGORIES) {
    const refs = lhr.categories[c]?.auditRefs ?? [];
    failing[c] = refs.map((r) => ({ ...r, a: lhr.audits[r.id] }))
      .filter((r) => r.a && r.a.score !== null && r.a.score < 1 && r.a.scoreDisplayMode !== 'informative' && r.a.scoreDisplayMode !== 'notApplicable' && r.a.scoreDisplayMode !== 'manual')
      .map((r) => ({ id: r.id, weight: r.weight, score: r.a.score, title: r.a.title, value: r.a.displayValue ?? null }));
  }
  return { scores, metrics, failing, lighthouse: lhr.lighthouseVersion, user_agent: lhr.environment?.hostUserAgent, form_factor: lhr.configSettings.formFactor, throttling_method: lhr.configSettings.throttlingMethod, throttling: lhr.configSettings.throttling };
}

export async function measureLighthouse({ base, runs = 3, log }) {
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const dir = path.join(TARGET, 'lighthouse');
  fs.mkdirSync(dir, { recursive: true });
  const url = base + 'index.html';
  const all = [];
  for (let i = 0; i < runs; i++) {
    const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, logLevel: 'silent' });
    try {
      const res = await lighthouse(url, { port: chrome.port, output: ['html', 'json'], logLevel: 'error', onlyCategories: CATEGORIES });
      const [html, json] = res.report;
      fs.writeFileSync(path.join(dir, `run${i + 1}.report.html`), html);
      fs.writeFileSync(path.join(dir, `run${i + 1}.report.json`), json);
      const s = summarise(res.lhr);
      all.push({ run: i + 1, ...s });
      const m = s.metrics;
      log(`  run ${i + 1}: performance ${s.scores.performance}, accessibility ${s.scores.accessibility}, best-practices ${s.scores['best-practices']}, seo ${s.scores.seo}; FCP ${Math.round(m.fcp)} ms, LCP ${Math.round(m.lcp)} ms, TBT ${Math.round(m.tbt)} ms, CLS ${m.cls?.toFixed(3)}, SI ${Math.round(m.si)} ms`);
    } finally {
      await chrome.kill();
    }
  }
  const order = [...all].sort((a, b) => a.scores.performance - b.scores.performance || a.metrics.lcp - b.metrics.lcp);
  const med = order[Math.floor((order.length - 1) / 2)];
  for (const ext of ['html', 'json']) fs.copyFileSync(path.join(dir, `run${med.run}.report.${ext}`), path.join(dir, `index.report.${ext}`));
  for (const c of CATEGORIES) {
    for (const f of med.failing[c].filter((x) => x.weight > 0)) log(`    costs points in ${c}: ${f.id} (${f.title}${f.value ? ': ' + f.value : ''}; score ${f.score}, weight ${f.weight})`);
    const unweighted = med.failing[c].filter((x) => !x.weight).map((x) => x.id);
    if (unweighted.length) log(`    flagged in ${c} without weight: ${unweighted.join(', ')}`);
  }
  return { url, runs, median_run: med.run, reports: 'target/lighthouse/', ...med, all_runs: all.map(({ run, scores, metrics }) => ({ run, scores, metrics })) };
}
