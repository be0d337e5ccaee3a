#!/usr/bin/env node
// Assembles dist/, the folder that is deployed and served:
//   www/*            → dist/*      (HTML copied; JS and CSS minified by esbuild; yibao-family.js
//                                   bundled with the core's glue)
//   target/pkg/**    → dist/pkg/** (the core from scripts/build-wasm.sh: wasm copied, JS glue
//                                   minified, catalogs re-written as the core loads them, below;
//                                   wasm-pack's package.json, README and .d.ts are not served)
// The JS is also lowered to the syntax of older WebViews (TARGETS), so a 2019 Android WebView or
// an iOS 13 Safari can parse it. YIBAO_NO_MINIFY=1 copies the JS and CSS as they are (debugging).
// Fast (well under a second): scripts/build-wasm.sh runs it last; run it alone after editing www/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { buildSync, transformSync } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const PKG = path.join(ROOT, 'target', 'pkg');
const DIST = path.join(ROOT, 'dist');
// ES2019 syntax (no ?. ?? ??= or class fields, which older WebViews cannot parse); the platform
// needs custom elements v1, Shadow DOM, ES modules and import(): Chrome 67, Safari 13, Firefox 68.
export const TARGETS = ['es2019'];
// …but ES modules themselves, import() and import.meta, which every such browser has.
const SUPPORTED = { 'import-meta': true, 'dynamic-import': true };
const minify = !process.env.YIBAO_NO_MINIFY;

if (!fs.existsSync(path.join(PKG, 'yibao_family_bg.wasm'))) {
  console.error('build-site: target/pkg has no yibao_family_bg.wasm: run ./scripts/build-wasm.sh first');
  process.exit(1);
}

function out(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

function copyFile(src, dst) {
  const ext = path.extname(src).toLowerCase();
  const text = () => fs.readFileSync(src, 'utf8');
  if (ext === '.js' || ext === '.mjs' || ext === '.css') {
    const loader = ext === '.css' ? 'css' : 'js';
    const code = minify
      ? transformSync(text(), { loader, minify: true, format: loader === 'js' ? 'esm' : undefined, target: TARGETS, supported: loader === 'js' ? SUPPORTED : undefined, legalComments: 'none', charset: 'utf8' }).code
      : text();
    out(dst, code);
  } else if (ext === '.json' && path.basename(path.dirname(src)) === 'i18n') {
    out(dst, JSON.stringify(coreCatalog(JSON.parse(text()))));
  } else {
    fs.copyFileSync(src, dst);
  }
}

// The core's key list, as build.rs makes it: the keys of i18n/zh-Hans.json without the translators'
// "//" notes and the static pages' noscript.* texts (written into the HTML, never asked of the
// core), in byte order. The core refers to its texts by their index in this list.
const CORE_KEYS = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'i18n', 'zh-Hans.json'), 'utf8')))
  .filter((k) => !k.startsWith('//') && !k.startsWith('noscript.'))
  .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
// build.rs `keys_hash`: the core refuses a catalog written for another key list.
const KEYS_HASH = 'sha256:' + createHash('sha256').update(CORE_KEYS.join('\n')).digest('hex').slice(0, 16);

/** An on-demand catalog (flat key → text) as i18n::set_catalog reads it: `[KEYS_HASH, text…]`,
 *  the texts in the core's key order without their keys ("" for a missing one: zh-Hans then). */
function coreCatalog(obj) {
  return [KEYS_HASH, ...CORE_KEYS.map((k) => (typeof obj[k] === 'string' ? obj[k] : ''))];
}

function copyTree(from, to, skip = () => false) {
  for (const ent of fs.readdirSync(from, { withFileTypes: true })) {
    if (ent.name.startsWith('.') || skip(ent.name)) continue;
    const src = path.join(from, ent.name);
    const dst = path.join(to, ent.name);
    if (ent.isDirectory()) copyTree(src, dst, skip);
    else if (ent.isFile()) {
      fs.mkdirSync(to, { recursive: true });
      copyFile(src, dst);
    }
  }
}

fs.rmSync(DIST, { recursive: true, force: true });
// (yibao-family.js itself is written by the bundling step below when minifying.)
copyTree(WWW, DIST, (name) => name === 'pkg' || (minify && name === 'yibao-family.js'));
// Not served: what wasm-pack writes for the npm package (package.json, README.md, the .d.ts types;
// scripts/package-npm.mjs takes them from target/pkg).
copyTree(PKG, path.join(DIST, 'pkg'), (name) => /^(package\.json|README\.md|LICENSE.*)$|\.d\.ts$/.test(name));
// The element imports the questionnaire core's glue (./pkg/questionnaire/yibao_family.js): bundled
// into dist/yibao-family.js, one request fewer. The whole core's glue (./pkg/yibao_family.js) is
// fetched by import() only for the calculator or a host's core(). (Its own import()s of questionnaire.js / calculator.js and the JS core stay
// separate files, fetched only when needed.)
if (minify) {
  const res = buildSync({
    stdin: { contents: fs.readFileSync(path.join(WWW, 'yibao-family.js'), 'utf8'), resolveDir: DIST, sourcefile: 'yibao-family.js', loader: 'js' },
    bundle: true, write: false, minify: true, format: 'esm', target: TARGETS, supported: SUPPORTED, legalComments: 'none', charset: 'utf8', logLevel: 'error',
  });
  out(path.join(DIST, 'yibao-family.js'), res.outputFiles[0].contents);
  // Bundled: of the questionnaire's build only the wasm is served.
  fs.rmSync(path.join(DIST, 'pkg', 'questionnaire', 'yibao_family.js'), { force: true });
}
const n = (dir) => fs.readdirSync(dir, { recursive: true }).length;
console.log(`build-site: dist/ written (${n(DIST)} entries${minify ? ', JS and CSS minified for ' + TARGETS.join(' ') : ', not minified'})`);
