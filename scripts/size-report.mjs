#!/usr/bin/env node
// Size report for what the browser downloads from dist/ (the deployed widget): raw, gzip
// (zlib level 9) and brotli (quality 11) bytes of every file, and the totals of each visit:
//   - widget first visit: what <yibao-family> itself needs to show a question and a result
//     (the host page aside): the element (the questionnaire core's JS glue bundled in), its
//     stylesheet, the questionnaire's build of the wasm and questionnaire.js;
//   - the calculator's first visit: the element, its stylesheet, the whole core (its glue and wasm,
//     with evaluate) and calculator.js;
//   - a non-default locale adds its catalog; a browser without WebAssembly loads the JS core
//     (dist/pkg/fallback/) instead of the wasm.
// Budget (issue #11, the design card's stack: serde, serde-wasm-bindgen, js-sys): a first visit
// (the questionnaire, zh-Hans) ≤ 110 KB gzip in ≤ 5 requests (the run fails above it); the goal is
// below 100 KB. The calculator's first visit is reported against the same numbers and guarded by
// CALC_GUARD (it carries evaluate(): the contract's Scenario reader and validate). The report says
// MET or NOT MET on every run. Writes the numbers to target/size-report.json.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repo, 'dist');
const outJson = path.join(repo, 'target', 'size-report.json');
// The ceiling for a first visit (issue 11: the design card's serde / serde-wasm-bindgen / js-sys
// stack is paid for in bytes; 80 KB was the old, hand-rolled budget). A first visit over it fails
// the run. It is a ceiling, not a target. SIZE_GUARD_GZ can raise it for an experiment, never in CI.
const BUDGET = 110000;
const GUARD = Number(process.env.SIZE_GUARD_GZ || BUDGET);
const GOAL = 100000;
// A regression guard for the calculator's first visit (README § Size says what it carries).
const CALC_GUARD = 160000;
const MAX_REQUESTS = 5;

if (!fs.existsSync(path.join(dist, 'pkg', 'yibao_family_bg.wasm'))) {
  console.error('size-report: FAIL: dist/pkg/yibao_family_bg.wasm is missing (run ./scripts/build-wasm.sh first)');
  process.exit(1);
}

const files = fs.readdirSync(dist, { recursive: true })
  .map((f) => String(f).split(path.sep).join('/'))
  .filter((f) => fs.statSync(path.join(dist, f)).isFile())
  .sort();

function sizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}
const rows = files.map((f) => ({ path: f, ...sizes(fs.readFileSync(path.join(dist, f))) }));
const byPath = Object.fromEntries(rows.map((r) => [r.path, r]));
const sum = (list) => list.reduce((a, f) => {
  const r = byPath[f];
  return r ? { raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli, requests: a.requests + 1 } : a;
}, { raw: 0, gzip: 0, brotli: 0, requests: 0 });

// Every visit: the element (with the questionnaire core's JS glue bundled in) and its stylesheet;
// then the build of the core and the half of the element its mode needs (questionnaire.js or
// calculator.js, fetched alongside the core). A non-default locale adds its catalog.
const COMMON = ['yibao-family.js', 'yibao-family.css'];
const FIRST_VISIT = [...COMMON, 'pkg/questionnaire/yibao_family_bg.wasm', 'questionnaire.js'];
const CALC_VISIT = [...COMMON, 'pkg/yibao_family.js', 'pkg/yibao_family_bg.wasm', 'calculator.js'];
const visits = {
  'widget first visit (zh-Hans)': FIRST_VISIT,
  'widget first visit, calculator (zh-Hans)': CALC_VISIT,
  'widget first visit in zh-Hant': [...FIRST_VISIT, 'pkg/i18n/zh-Hant.json'],
  'widget first visit in en': [...FIRST_VISIT, 'pkg/i18n/en.json'],
  'embed.html (page + widget)': ['embed.html', 'embed.js', 'embed.css', ...FIRST_VISIT],
};
const fallbackFiles = files.filter((f) => f.startsWith('pkg/fallback/') && /\.(m?js)$/.test(f));
if (fallbackFiles.length) visits['no WebAssembly (JS core)'] = ['yibao-family.js', 'yibao-family.css', 'questionnaire.js', ...fallbackFiles];
const totals = Object.fromEntries(Object.entries(visits).map(([k, list]) => [k, sum(list)]));
// The budget holds for a first visit (the questionnaire, zh-Hans, the default locale); the
// calculator's is reported against it and guarded by CALC_GUARD.
const BUDGETED = ['widget first visit (zh-Hans)'];
const REPORTED = [...BUDGETED, 'widget first visit, calculator (zh-Hans)'];

// ---- print ---------------------------------------------------------------
const fmt = (n) => n.toLocaleString('en-US');
const width = Math.max(34, ...rows.map((r) => r.path.length), ...Object.keys(visits).map((k) => k.length));
const line = (name, r) => `${name.padEnd(width)}  ${fmt(r.raw).padStart(9)}  ${fmt(r.gzip).padStart(9)}  ${fmt(r.brotli).padStart(9)}${r.requests ? `  ${r.requests} req` : ''}`;
console.log(`${'dist/'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip -9'.padStart(9)}  ${'brotli 11'.padStart(9)}`);
for (const r of rows) console.log(line(r.path, r));
console.log('-'.repeat(width + 40));
for (const [k, t] of Object.entries(totals)) console.log(line(k, t));
const fits = (t, limit) => t.gzip <= limit && t.requests <= MAX_REQUESTS;
const met = BUDGETED.every((k) => fits(totals[k], BUDGET));
for (const k of REPORTED) {
  const t = totals[k];
  console.log(`size-report: ${k}: ${fmt(t.gzip)} bytes gzip in ${t.requests} requests; budget ${fmt(BUDGET)} in ≤ ${MAX_REQUESTS}: ${fits(t, BUDGET) ? 'MET' : 'NOT MET (' + fmt(t.gzip - BUDGET) + ' over)'}; goal ${fmt(GOAL)}: ${t.gzip <= GOAL ? 'MET' : fmt(t.gzip - GOAL) + ' to go'}`);
}

fs.mkdirSync(path.dirname(outJson), { recursive: true });
fs.writeFileSync(outJson, JSON.stringify({
  generated: new Date().toISOString(),
  compression: { gzip: 'node zlib level 9', brotli: 'node zlib quality 11' },
  files: rows,
  visits: Object.fromEntries(Object.entries(visits).map(([k, list]) => [k, { files: list, ...totals[k] }])),
  budget: { gzip: BUDGET, requests: MAX_REQUESTS, goal_gzip: GOAL, met, guard_gzip: GUARD, calculator_guard_gzip: CALC_GUARD },
}, null, 2) + '\n');
console.log(`size-report: wrote ${path.relative(repo, outJson)}`);
const limits = { ...Object.fromEntries(BUDGETED.map((k) => [k, GUARD])), 'widget first visit, calculator (zh-Hans)': CALC_GUARD };
const over = Object.keys(limits).filter((k) => !fits(totals[k], limits[k]));
if (over.length) {
  for (const k of over) console.error(`size-report: FAIL: ${k} is ${fmt(totals[k].gzip)} bytes gzip in ${totals[k].requests} requests, over the limit of ${fmt(limits[k])} in ≤ ${MAX_REQUESTS}`);
  process.exit(1);
}
if (!met) console.log(`size-report: the budget is not met; the run passes only because SIZE_GUARD_GZ=${fmt(GUARD)}`);
