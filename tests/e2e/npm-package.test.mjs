// The npm package `yibao-family` (target/npm/yibao-family, written by scripts/package-npm.mjs at the
// end of scripts/build-wasm.sh), checked as a user gets it:
//   - `npm pack --dry-run` lists exactly the wasm, the glue, the element with its stylesheet, halves,
//     catalogs and JS core, and the types; package.json names, versions and points at them;
//   - the element's files are the ones dist/ serves, byte for byte;
//   - the packed tarball is installed into a scratch project (`npm install --offline <tarball>`):
//     in Node the entry `yibao-family` resolves through `exports` and its engine answers as dist's
//     does; TypeScript (strict, bundler and nodenext resolution, the package's .d.ts not skipped)
//     compiles the READMEs' examples and a check that `Scenario`, `Report`, the exported functions
//     and the element are declared and are not `any`;
//   - in Chromium, under the strict CSP, the element served from node_modules/yibao-family/ takes a
//     questionnaire to its result and loads another locale's catalog, every file from the package.
// Closes with a line "E2E SUMMARY (npm-package): n checks passed …".
import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { start } from '../../scripts/serve.mjs';
import { env, setup, summary, T, ok, eq, ROOT, DIST, AS_OF, REGION, newContext, answerAll } from './lib.mjs';

const PKG_DIR = path.join(ROOT, 'target', 'npm', 'yibao-family');
const SCRATCH = path.join(ROOT, 'target', `e2e-npm-${process.pid}`);
const APP = path.join(SCRATCH, 'app'); // the scratch project that installs the tarball
const INSTALLED = path.join(APP, 'node_modules', 'yibao-family');
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// The engine's functions every version of the boundary exports (the rest are wasm-bindgen's).
const API = ['evaluate', 'evaluation', 'questionnaire', 'ui', 'meta', 'set_catalog', 'has_catalog'];
const FALLBACK_DIR = path.join(DIST, 'pkg', 'fallback');
const fallbackFiles = fs.existsSync(FALLBACK_DIR) ? fs.readdirSync(FALLBACK_DIR).sort().map((f) => `pkg/fallback/${f}`) : [];
const ELEMENT = ['yibao-family.js', 'yibao-family.css', 'questionnaire.js', 'calculator.js'];
const SERVED = [...ELEMENT, 'pkg/yibao_family_bg.wasm', 'pkg/questionnaire/yibao_family_bg.wasm', 'pkg/i18n/en.json', 'pkg/i18n/zh-Hant.json', ...fallbackFiles];
const EXPECTED = [
  'package.json', 'README.md',
  ...SERVED,
  'pkg/yibao_family.js', 'pkg/yibao_family.d.ts', 'pkg/yibao_family_bg.wasm.d.ts',
  'index.d.ts', 'types/scenario.d.ts', 'types/report.d.ts', 'yibao-family.d.ts',
].sort();

let listing; // npm pack --dry-run --json
let manifest; // the package's package.json
let installed; // the entry as the scratch project imports it
setup({ label: 'npm-package' });
after(() => fs.rmSync(SCRATCH, { recursive: true, force: true }));

T('npm pack --dry-run lists the wasm, the glue, the element and the types, and nothing else', () => {
  ok(fs.existsSync(path.join(PKG_DIR, 'package.json')), 'target/npm/yibao-family exists (run ./scripts/build-wasm.sh)');
  const out = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], PKG_DIR));
  eq(out.length, 1, 'one package');
  listing = out[0].files.map((f) => f.path).sort();
  for (const [what, f] of [['the wasm', 'pkg/yibao_family_bg.wasm'], ['the glue', 'pkg/yibao_family.js'], ['the element', 'yibao-family.js'],
    ['the API types', 'pkg/yibao_family.d.ts'], ['the entry types', 'index.d.ts'], ['the contract types', 'types/scenario.d.ts'], ['the element types', 'yibao-family.d.ts']]) {
    ok(listing.includes(f), `${what} (${f}) is in the tarball`);
  }
  eq(listing, EXPECTED, 'exactly the expected files');
  eq(out[0].name, 'yibao-family', 'package name');
  // A sanity bound (the two builds of the core, the JS core and the catalogs): about 430 KB today.
  ok(out[0].size < 500_000, `tarball ${out[0].size} B`);
});

T('package.json: name, version and licence from Cargo.toml, ES module, exports, types, side effects', () => {
  manifest = JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'));
  const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
  const field = (k) => new RegExp(`^${k}\\s*=\\s*"([^"]*)"`, 'm').exec(cargo)[1];
  eq([manifest.name, manifest.version, manifest.license, manifest.description], [field('name'), field('version'), field('license'), field('description')], 'from Cargo.toml');
  eq(manifest.license, 'MIT OR Apache-2.0', 'licence');
  eq(manifest.type, 'module', 'ES module');
  eq(manifest.exports['.'], { types: './index.d.ts', default: './pkg/yibao_family.js' }, 'main entry: the engine');
  eq(manifest.exports['./element'], { types: './yibao-family.d.ts', default: './yibao-family.js' }, './element: the custom element');
  eq(manifest.types, './index.d.ts', 'types');
  ok(manifest.sideEffects.includes('./yibao-family.js'), 'importing the element is a side effect');
  const targets = [manifest.main, manifest.module, manifest.types, ...Object.values(manifest.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e)))];
  for (const t of targets) ok(listing.includes(t.replace(/^\.\//, '')), `${t} is in the tarball`);
});

T('the element, the wasm, the catalogs and the JS core are the files dist/ serves, byte for byte', () => {
  for (const f of SERVED) ok(fs.readFileSync(path.join(PKG_DIR, f)).equals(fs.readFileSync(path.join(DIST, f))), `${f} = dist/${f}`);
  const dts = fs.readFileSync(path.join(PKG_DIR, 'pkg', 'yibao_family.d.ts'), 'utf8');
  for (const fn of API) ok(new RegExp(`^export function ${fn}\\(`, 'm').test(dts), `pkg/yibao_family.d.ts declares ${fn}`);
  ok(/^export interface Scenario \{/m.test(fs.readFileSync(path.join(PKG_DIR, 'types', 'scenario.d.ts'), 'utf8')), 'types/scenario.d.ts declares Scenario');
  ok(/^export interface Report \{/m.test(fs.readFileSync(path.join(PKG_DIR, 'types', 'report.d.ts'), 'utf8')), 'types/report.d.ts declares Report');
});

T('npm install of the packed tarball, offline; in Node the entry resolves through exports and answers as dist/ does', async () => {
  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(APP, { recursive: true });
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', SCRATCH], PKG_DIR));
  fs.writeFileSync(path.join(APP, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(SCRATCH, packed[0].filename)], APP);
  eq(fs.readdirSync(INSTALLED, { recursive: true }).filter((f) => fs.statSync(path.join(INSTALLED, f)).isFile()).map(String).sort(), EXPECTED, 'installed files');
  // A module inside the project, so `yibao-family` resolves as it does for a user.
  fs.writeFileSync(path.join(APP, 'engine.mjs'), [
    "import fs from 'node:fs';",
    "import * as engine from 'yibao-family';",
    "engine.initSync({ module: fs.readFileSync(new URL(import.meta.resolve('yibao-family/yibao_family_bg.wasm'))) });",
    "export const resolved = { main: import.meta.resolve('yibao-family'), element: import.meta.resolve('yibao-family/element') };",
    'export default engine;',
  ].join('\n'));
  const m = await import(pathToFileURL(path.join(APP, 'engine.mjs')).href);
  installed = m.default;
  eq(m.resolved, { main: pathToFileURL(path.join(INSTALLED, 'pkg', 'yibao_family.js')).href, element: pathToFileURL(path.join(INSTALLED, 'yibao-family.js')).href }, 'exports resolve');
  for (const fn of API) eq(typeof installed[fn], 'function', `${fn} is exported`);
  // Every scenario file gives what the site's engine (dist/pkg, loaded by lib.mjs) gives.
  const dir = path.join(ROOT, 'tests', 'scenarios');
  let reports = 0;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const input = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).input;
    // Objects in and out; a raw-text case goes in as JSON.parse gives it (or as the text itself).
    let sc = input;
    if (typeof input === 'string') try { sc = JSON.parse(input); } catch { sc = input; }
    const got = installed.evaluate(sc, AS_OF);
    if (f === '001_suzhou_mum_2026_both.json') eq(got.people.length, 2, '001: a report for two people');
    if (!('error' in got)) reports++;
    const want = JSON.stringify(env.core.evaluate(sc, AS_OF));
    if (JSON.stringify(got) !== want) eq(JSON.stringify(got), want, `${f}: the package's engine answers as dist's`);
  }
  ok(reports >= 60, `${reports} scenario files gave reports`);
  eq(installed.meta('en').rules_hash, env.core.meta('en').rules_hash, 'the same rules');
});

// ---- TypeScript ----------------------------------------------------------------------------------
/** The ```ts blocks of a Markdown file. */
const tsBlocks = (file) => [...fs.readFileSync(file, 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((b) => b[1]);

const TYPES_CHECK = `
import init, { initSync, evaluate, evaluation, questionnaire, ui, meta, set_catalog, has_catalog,
  type Scenario, type Report, type ErrorReply, type ScenarioTypes, type ReportTypes } from 'yibao-family';
import { YibaoFamily, core, type YibaoFamilyResult } from 'yibao-family/element';

export const fns = [init, initSync, evaluate, evaluation, questionnaire, ui, meta, set_catalog, has_catalog];
// evaluate and evaluation are typed: a Scenario in; a Report (or an Evaluation) or an ErrorReply out.
const answered = evaluation({ people: [] });
export const again: Report | undefined = 'error' in answered ? undefined : answered.report('en');
const once = evaluate({ people: [] });
export const direct: Report | undefined = 'error' in once ? undefined : once;
// @ts-expect-error: not a Scenario
evaluate({ persons: [] });
const person: ScenarioTypes.Person = { id: 'me', relation: 'self', insurance: { scheme: 'employee', region: '320500' } };
export const ok: Scenario = { as_of: '2026-03-01', people: [person], bindings: [{ from: 'me', to: 'mum', kind: 'gongji' }] };
// @ts-expect-error: a relation the schema does not name
export const bad1: Scenario = { people: [{ id: 'me', relation: 'myself', insurance: { scheme: 'employee' } }] };
// @ts-expect-error: people is required
export const bad2: Scenario = { as_of: '2026-03-01' };
// @ts-expect-error: money is integer fen, not text
export const bad3: ScenarioTypes.Costs = { personal_share: '1200' };
// @ts-expect-error: unknown fields are refused, as the engine refuses them
export const bad4: Scenario = { people: [person], household: 'x' };
export function use(r: Report | ErrorReply): string {
  if ('error' in r) return r.error.code;
  const rec: ReportTypes.Person['recommendation'] = r.people[0].recommendation;
  // @ts-expect-error: the recommendations are a closed set
  const no: ReportTypes.Person['recommendation'] = 'maybe';
  return rec + no + r.receipt.rules_hash;
}
const el: YibaoFamily = document.createElement('yibao-family');
el.addEventListener('yibao-family:result', (e) => { const d: YibaoFamilyResult = e.detail; console.log(d.summary, el.locale, el.mode); });
export const engine = core().then((c) => c.evaluate);
`;

function typecheck(moduleResolution) {
  const dir = path.join(APP, `ts-${moduleResolution}`);
  fs.mkdirSync(dir, { recursive: true });
  const files = { 'types-check.ts': TYPES_CHECK };
  for (const [readme, name] of [[path.join(ROOT, 'README.md'), 'readme'], [path.join(ROOT, 'npm', 'README.md'), 'npm-readme']]) {
    tsBlocks(readme).forEach((code, i) => { files[`${name}-${i}.ts`] = code + '\nexport {};\n'; });
  }
  for (const [f, code] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), code);
  const nodenext = moduleResolution === 'nodenext';
  const options = {
    strict: true, noEmit: true, skipLibCheck: false, types: [], target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    module: nodenext ? ts.ModuleKind.NodeNext : ts.ModuleKind.ESNext,
    moduleResolution: nodenext ? ts.ModuleResolutionKind.NodeNext : ts.ModuleResolutionKind.Bundler,
  };
  const program = ts.createProgram(Object.keys(files).map((f) => path.join(dir, f)), options);
  const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' }).trim());
  return { program, files, diags, dir };
}

for (const resolution of ['bundler', 'nodenext']) {
  T(`TypeScript ${ts.version} (strict, ${resolution}): Scenario, Report, the API and the element are declared; the READMEs' examples compile`, () => {
    ok(installed, 'installed (the test before)');
    const { program, files, diags, dir } = typecheck(resolution);
    ok(Object.keys(files).some((f) => f.startsWith('readme-')), "README.md has a ```ts example");
    ok(Object.keys(files).some((f) => f.startsWith('npm-readme-')), "npm/README.md has a ```ts example");
    eq(diags, [], 'no type errors (and every @ts-expect-error is an error)');
    // What the entry declares, against what it exports at run time.
    const checker = program.getTypeChecker();
    const src = program.getSourceFile(path.join(dir, 'types-check.ts'));
    const spec = src.statements.find((s) => ts.isImportDeclaration(s) && s.moduleSpecifier.text === 'yibao-family').moduleSpecifier;
    const declared = checker.getExportsOfModule(checker.getSymbolAtLocation(spec)).map((s) => s.name);
    for (const name of ['Scenario', 'Report', 'ErrorReply', 'ScenarioTypes', 'ReportTypes', 'default', 'initSync', ...API]) ok(declared.includes(name), `'yibao-family' declares ${name}`);
    const runtime = Object.keys(installed).filter((k) => typeof installed[k] === 'function');
    eq(runtime.filter((k) => !declared.includes(k)), [], 'every function the entry exports is declared');
    const isAny = (name) => {
      const sym = checker.getExportsOfModule(checker.getSymbolAtLocation(spec)).find((s) => s.name === name);
      return !!(checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(sym)).flags & ts.TypeFlags.Any);
    };
    ok(!isAny('Scenario') && !isAny('Report'), 'Scenario and Report are not any');
  });
}

// ---- the element from the package, in Chromium ---------------------------------------------------
T('the element served from node_modules/yibao-family reaches a result and loads a catalog, every file from the package', async () => {
  ok(installed, 'installed (the test before)');
  fs.writeFileSync(path.join(APP, 'index.html'), `<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>npm install yibao-family</title>
<script type="module" src="host.mjs"></script></head>
<body><yibao-family id="w" region="${REGION}" as-of="${AS_OF}"></yibao-family></body></html>`);
  fs.writeFileSync(path.join(APP, 'host.mjs'), "import * as element from './node_modules/yibao-family/yibao-family.js';\nwindow.__exports = Object.keys(element).sort();\n");
  const { server, url } = await start(0, APP);
  const ctx = await newContext();
  const problems = [];
  const requests = [];
  try {
    const p = await ctx.newPage();
    p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    p.on('response', (r) => { requests.push(r.url()); env.requests.add(r.url()); if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
    await p.goto(url);
    await p.locator('#w .main > *').first().waitFor();
    eq(await p.evaluate(() => window.__exports), ['YibaoFamily', 'core'], 'the element module exports what yibao-family.d.ts declares');
    eq(await p.locator('#w .yf').getAttribute('data-core'), 'wasm', 'the wasm core');
    const asked = await answerAll(p, { who: 'mother', phone: 'cannot', my_scheme: 'employee_balance', their_scheme: 'resident', place: 'same_city', costs: 'yes' });
    ok(asked.length >= 4, `answered ${asked.join(', ')}`);
    await p.locator('#w section.result').waitFor();
    const res = await p.evaluate(() => window.__yf.at(-1));
    ok(res && res.recommendations.length >= 1 && typeof res.summary === 'string', 'yibao-family:result');
    await p.locator('#w').evaluate((e) => e.setAttribute('locale', 'en'));
    await p.waitForFunction(() => document.querySelector('#w').shadowRoot.querySelector('.yf')?.lang === 'en');
    const pkgPath = (u) => new URL(u).pathname.replace(/^\/node_modules\/yibao-family\//, '');
    const fromPkg = requests.filter((u) => new URL(u).pathname.startsWith('/node_modules/yibao-family/')).map(pkgPath).sort();
    for (const f of ['yibao-family.js', 'yibao-family.css', 'questionnaire.js', 'pkg/questionnaire/yibao_family_bg.wasm', 'pkg/i18n/en.json']) ok(fromPkg.includes(f), `${f} came from the package`);
    eq(requests.filter((u) => !u.startsWith(url)), [], 'no request left the origin');
    eq(requests.filter((u) => new URL(u).pathname.startsWith('/node_modules/') && !fromPkg.includes(pkgPath(u))), [], 'nothing from elsewhere in node_modules');
    eq(problems, [], 'no console errors, page errors or failed requests');
  } finally {
    await ctx.close();
    server.closeAllConnections?.();
    server.close();
  }
});

summary('npm-package');
