#!/usr/bin/env node
// Assembles the npm package `yibao-family` in target/npm/yibao-family/ from what the build wrote:
//   target/pkg/  (wasm-pack --target web: package.json, the glue, its .d.ts, the optimised wasm)
//   dist/        (the element, its stylesheet, its two halves, the catalogs and the JS core, exactly
//                 the files the site serves)
//   schema/*.json → types/scenario.d.ts, types/report.d.ts (json-schema-to-typescript)
//   npm/         (the package's README.md, index.d.ts and the element's yibao-family.d.ts)
//
// The package has the site's layout, so the element finds its files as it does in dist/:
//   yibao-family.js        the element (`yibao-family/element`), with the glue bundled in as in dist/
//   yibao-family.css, questionnaire.js, calculator.js
//   pkg/yibao_family.js    the engine's glue (the main entry), readable, with pkg/yibao_family.d.ts
//   pkg/yibao_family_bg.wasm, pkg/i18n/*.json, pkg/fallback/*.js
//   index.d.ts, types/     the main entry's types: the API and the contract (Scenario, Report)
// name, version, description and license come from Cargo.toml through wasm-pack's package.json.
// Publish with `npm publish target/npm/yibao-family` (tests/e2e/npm-package.test.mjs checks it).
// scripts/build-wasm.sh runs it last; fast (about a second).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKG = path.join(ROOT, 'target', 'pkg');
const DIST = path.join(ROOT, 'dist');
const TEMPLATES = path.join(ROOT, 'npm');
export const OUT = path.join(ROOT, 'target', 'npm', 'yibao-family');

const say = (m) => console.log(`package-npm: ${m}`);
function fail(m) {
  console.error(`package-npm: ERROR: ${m}`);
  process.exit(1);
}

for (const f of ['package.json', 'yibao_family.js', 'yibao_family.d.ts', 'yibao_family_bg.wasm']) {
  if (!fs.existsSync(path.join(PKG, f))) fail(`target/pkg/${f} is missing: run ./scripts/build-wasm.sh first`);
}
for (const f of ['yibao-family.js', 'yibao-family.css', 'questionnaire.js', 'calculator.js', 'pkg/yibao_family_bg.wasm', 'pkg/questionnaire/yibao_family_bg.wasm']) {
  if (!fs.existsSync(path.join(DIST, f))) fail(`dist/${f} is missing: run ./scripts/build-wasm.sh first`);
}
// The wasm in the package is the site's (optimised once, by build-wasm.sh, in target/pkg).
if (!fs.readFileSync(path.join(PKG, 'yibao_family_bg.wasm')).equals(fs.readFileSync(path.join(DIST, 'pkg', 'yibao_family_bg.wasm')))) {
  fail('target/pkg and dist/pkg hold different wasm: run ./scripts/build-wasm.sh (or node scripts/build-site.mjs)');
}

fs.rmSync(OUT, { recursive: true, force: true });
const copy = (from, to) => {
  fs.mkdirSync(path.dirname(path.join(OUT, to)), { recursive: true });
  fs.copyFileSync(from, path.join(OUT, to));
};

// The element and what it fetches, as the site serves them.
for (const f of ['yibao-family.js', 'yibao-family.css', 'questionnaire.js', 'calculator.js']) copy(path.join(DIST, f), f);
for (const dir of ['i18n', 'fallback']) {
  const from = path.join(DIST, 'pkg', dir);
  if (!fs.existsSync(from)) continue; // no fallback/ without nightly (scripts/build-fallback.sh)
  for (const f of fs.readdirSync(from).sort()) copy(path.join(from, f), `pkg/${dir}/${f}`);
}
// The questionnaire's own build of the core (its glue is bundled into the element).
copy(path.join(DIST, 'pkg', 'questionnaire', 'yibao_family_bg.wasm'), 'pkg/questionnaire/yibao_family_bg.wasm');
// The engine: wasm-pack's glue and types, and the wasm.
for (const f of fs.readdirSync(PKG).sort()) {
  if (/^yibao_family(_bg\.wasm|\.js|\.d\.ts|_bg\.wasm\.d\.ts)$/.test(f)) copy(path.join(PKG, f), `pkg/${f}`);
}
if (fs.existsSync(path.join(PKG, 'snippets'))) fail('target/pkg/snippets exists: add it to the package (files, sideEffects)');
// The hand-written parts.
for (const f of ['README.md', 'index.d.ts', 'yibao-family.d.ts']) copy(path.join(TEMPLATES, f), f);

// The contract's types, one module per schema (both have their own Person, Money, …).
const pascal = (s) => s.replace(/(^|_)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
async function contractTypes(file, rootName) {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', file), 'utf8'));
  const ts = await compile(schema, rootName, {
    bannerComment: `// Generated from schema/${file} by scripts/package-npm.mjs (json-schema-to-typescript). Do not edit.`,
    cwd: path.join(ROOT, 'schema'),
    additionalProperties: false,
    strictIndexSignatures: true,
    maxItems: -1, // "at most 30" stays an array type, not a union of 31 tuples
    // The schema's root is `Scenario` / `Report`, each $defs entry is named after its key (`date`
    // → `IsoDate`, so the global `Date` is never shadowed), anything else as the tool names it.
    customName: (s, key) => (s.$id === schema.$id ? rootName : key ? (key === 'date' ? 'IsoDate' : pascal(key)) : undefined),
  });
  if (!new RegExp(`^export interface ${rootName} \\{`, 'm').test(ts)) fail(`no interface ${rootName} generated from schema/${file}`);
  return ts;
}
fs.mkdirSync(path.join(OUT, 'types'), { recursive: true });
fs.writeFileSync(path.join(OUT, 'types', 'scenario.d.ts'), await contractTypes('scenario.schema.json', 'Scenario'));
fs.writeFileSync(path.join(OUT, 'types', 'report.d.ts'), await contractTypes('report.schema.json', 'Report'));

// package.json: wasm-pack's (name, version, description and license from Cargo.toml), laid out for
// this package's two entries.
const wp = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
const cargoVersion = /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m.exec(fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8'))?.[1];
if (wp.name !== 'yibao-family' || wp.version !== cargoVersion) fail(`wasm-pack wrote ${wp.name}@${wp.version}; Cargo.toml has yibao-family@${cargoVersion}`);
const pkgJson = {
  name: wp.name,
  version: wp.version,
  description: wp.description,
  license: wp.license,
  keywords: ['医保', '亲情账户', '家庭共济', 'medical-insurance', 'china', 'webassembly', 'web-component', 'custom-element'],
  type: 'module',
  main: './pkg/yibao_family.js',
  module: './pkg/yibao_family.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './pkg/yibao_family.js' },
    './element': { types: './yibao-family.d.ts', default: './yibao-family.js' },
    './yibao_family_bg.wasm': './pkg/yibao_family_bg.wasm',
    './package.json': './package.json',
  },
  files: ['index.d.ts', 'types/', 'pkg/', 'yibao-family.js', 'yibao-family.d.ts', 'yibao-family.css', 'questionnaire.js', 'calculator.js'],
  // Importing the element defines <yibao-family>; the JS core sets itself up on import.
  sideEffects: ['./yibao-family.js', './pkg/fallback/*.js'],
};
fs.writeFileSync(path.join(OUT, 'package.json'), JSON.stringify(pkgJson, null, 2) + '\n');

const files = fs.readdirSync(OUT, { recursive: true }).filter((f) => fs.statSync(path.join(OUT, f)).isFile());
say(`${path.relative(ROOT, OUT)}/ written: ${pkgJson.name}@${pkgJson.version}, ${files.length} files (check: cd ${path.relative(ROOT, OUT)} && npm pack --dry-run)`);
