#!/usr/bin/env bash
# Build the JS core: the same Rust core as the wasm, compiled to plain JavaScript for browsers whose
# WebAssembly is switched off (iOS Lockdown Mode, hardened browsers). The widget loads it only when
# `WebAssembly` is missing (www/yibao-family.js, loadCore). Output: target/pkg/fallback/
#   yibao_family.js          the wasm-bindgen glue (--target bundler: plain ES modules, set up on import)
#   yibao_family_bg.js       its helpers
#   yibao_family_bg.wasm.js  the core, translated by binaryen's wasm2js (no eval, no new Function)
# scripts/build-site.mjs copies it to dist/pkg/fallback/. scripts/build-wasm.sh calls this script.
#
# How (TOOLCHAIN.md §7): nightly with std rebuilt for the MVP CPU (no bulk-memory, sign-ext,
# nontrapping-fptoint, reference-types or multivalue, which wasm2js cannot translate, and so only one
# table) and panic=immediate-abort as in the main build -> wasm-bindgen --target bundler ->
# wasm-opt -Oz --mvp-features -> wasm2js -Oz -> the glue imports the .wasm.js instead of the .wasm.
#
# Needs nightly with rust-src and the wasm32 target. Without them (or with YIBAO_NO_FALLBACK=1 or
# YIBAO_STABLE_WASM=1) it removes any old output, warns, and exits 0: the widget then shows its
# "no WebAssembly" message where WebAssembly is missing, and everything else works as before.
# With nightly present, a failing step fails the script (a broken fallback must not pass silently).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -d "$HOME/.cargo/bin" ]]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi

say() { printf 'build-fallback: %s\n' "$*"; }

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
OUT_DIR="$TARGET_DIR/pkg/fallback"
MVP_DIR="$TARGET_DIR/wasm-mvp"          # its own cache: never invalidates the main build's
TMP_DIR="$MVP_DIR/bindgen"
STAGE="$MVP_DIR/fallback"            # built here, then copied to $OUT_DIR in one step
WASM_IN="$MVP_DIR/wasm32-unknown-unknown/release/yibao_family.wasm"
WASM_OPT=node_modules/.bin/wasm-opt
WASM2JS=node_modules/.bin/wasm2js
NAME=yibao_family

skip() {
  rm -rf "$OUT_DIR"
  say "WARNING: SKIPPED, no JS core built: $*"
  say "WARNING: browsers without WebAssembly will get the widget's 'no WebAssembly' message instead"
  exit 0
}

[[ -z ${YIBAO_NO_FALLBACK:-} ]] || skip "YIBAO_NO_FALLBACK is set"
[[ -z ${YIBAO_STABLE_WASM:-} ]] || skip "YIBAO_STABLE_WASM is set (the JS core needs nightly)"
command -v rustup >/dev/null 2>&1 || skip "rustup not found (the JS core needs nightly)"
rustup run nightly rustc --version >/dev/null 2>&1 || skip "no nightly toolchain (rustup toolchain install nightly)"
rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src' \
  || skip "nightly has no rust-src (rustup component add rust-src --toolchain nightly)"
rustup target list --toolchain nightly --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' \
  || skip "nightly has no wasm32-unknown-unknown target (rustup target add wasm32-unknown-unknown --toolchain nightly)"
for tool in wasm-bindgen "$WASM_OPT" "$WASM2JS"; do
  command -v "$tool" >/dev/null 2>&1 || { say "ERROR: $tool not found; run scripts/setup.sh" >&2; exit 1; }
done

# A failed step leaves no JS core behind (never one that does not match the wasm).
trap 'rm -rf "$OUT_DIR"' ERR
t0=$SECONDS
say "cargo +nightly build (build-std, target-cpu=mvp, panic=immediate-abort) --release --lib --features wasm --target-dir $MVP_DIR"
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Ctarget-cpu=mvp" cargo +nightly build --release --lib \
  --target wasm32-unknown-unknown --features wasm -Zbuild-std=std,panic_abort --target-dir "$MVP_DIR"

rm -rf "$TMP_DIR" "$STAGE"
mkdir -p "$TMP_DIR" "$STAGE"
say "wasm-bindgen --target bundler"
wasm-bindgen --target bundler --no-typescript --out-dir "$TMP_DIR" "$WASM_IN"
say "wasm-opt -Oz --mvp-features"
"$WASM_OPT" -Oz --mvp-features "$TMP_DIR/${NAME}_bg.wasm" -o "$TMP_DIR/opt.wasm"
say "wasm2js -Oz"
# wasm2js also prints the whole module to stdout.
"$WASM2JS" -Oz "$TMP_DIR/opt.wasm" -o "$STAGE/${NAME}_bg.wasm.js" >/dev/null

# wasm2js grows memory by copying into a new ArrayBuffer and does not detach the old one, so the
# glue's "is my view stale?" checks (byteLength === 0, buffer.detached) never fire and it would read
# strings from the old buffer (empty or garbled reports once the core has grown its heap). Patch
# them to compare the buffer itself, which is right for real wasm memory too.
node - "$TMP_DIR/${NAME}_bg.js" "$STAGE/${NAME}_bg.js" <<'JS'
const fs = require('fs');
const [src, dst] = process.argv.slice(2);
let s = fs.readFileSync(src, 'utf8');
const fixes = [
  [/(cached\w+Memory0) === null \|\| \1\.byteLength === 0/g, '$1 === null || $1.buffer !== wasm.memory.buffer'],
  [/(cached\w+Memory0) === null \|\| \1\.buffer\.detached === true \|\| \(\1\.buffer\.detached === undefined && \1\.buffer !== wasm\.memory\.buffer\)/g,
    '$1 === null || $1.buffer !== wasm.memory.buffer'],
];
for (const [re, to] of fixes) s = s.replace(re, to);
const views = s.match(/let cached\w+Memory0 = null;/g) || [];
const fixed = s.match(/(cached\w+Memory0) === null \|\| \1\.buffer !== wasm\.memory\.buffer/g) || [];
if (!views.length || fixed.length !== views.length || /byteLength === 0|\.detached/.test(s)) {
  console.error(`build-fallback: ERROR: could not patch the glue's memory-view checks (${views.length} views, ${fixed.length} patched); wasm-bindgen's output changed?`);
  process.exit(1);
}
fs.writeFileSync(dst, s);
JS
sed "s#\./${NAME}_bg\.wasm\([\"']\)#./${NAME}_bg.wasm.js\1#" "$TMP_DIR/${NAME}.js" >"$STAGE/${NAME}.js"
grep -q "${NAME}_bg\.wasm\.js" "$STAGE/${NAME}.js" \
  || { say "ERROR: the glue's import of ./${NAME}_bg.wasm was not found to rewrite" >&2; rm -rf "$OUT_DIR"; exit 1; }
# CSP: the JS core must run under script-src 'self' (no eval, no new Function).
# (`Function(` inside a template string, wasm-bindgen's debug text for a JS function, is not a call.)
if grep -nE '\beval\(|new Function\b|(^|[^`A-Za-z0-9_$.])Function\(' "$STAGE"/*.js; then
  say "ERROR: the JS core uses eval or Function, which the strict CSP forbids" >&2; rm -rf "$OUT_DIR"; exit 1
fi

mkdir -p "$(dirname "$OUT_DIR")"
rm -rf "$OUT_DIR"
cp -R "$STAGE" "$OUT_DIR"
say "done in $((SECONDS - t0)) s: $OUT_DIR (from $(wc -c <"$WASM_IN") bytes of MVP wasm)"
ls -l "$OUT_DIR"
