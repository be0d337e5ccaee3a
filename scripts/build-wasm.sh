#!/usr/bin/env bash
# Build the browser widget: the core's WebAssembly into target/pkg, then the deployable site in dist/:
#   cargo (release, feature `wasm`) -> wasm-bindgen --target web -> wasm-opt -Oz (npm binaryen 132)
#   -> scripts/build-site.mjs (www/ + target/pkg -> dist/, JS and CSS minified)
# Run scripts/setup.sh first (serve.sh and test.sh do).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -d "$HOME/.cargo/bin" ]]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi

say() { printf 'build-wasm: %s\n' "$*"; }

# Skip (successfully) only while Cargo.toml has no `wasm = [...]` line in [features].
if ! awk '
  /^[[:space:]]*\[/ { in_features = ($0 ~ /^[[:space:]]*\[features\][[:space:]]*(#.*)?$/) }
  in_features && /^[[:space:]]*wasm[[:space:]]*=/ { found = 1 }
  END { exit !found }
' Cargo.toml; then
  say "SKIPPED: Cargo.toml has no \`wasm = ...\` line under [features] yet, so there is no widget to build."
  exit 0
fi

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
OUT_DIR="$TARGET_DIR/pkg"
WASM_IN="$TARGET_DIR/wasm32-unknown-unknown/release/yibao_family.wasm"
WASM_OUT="$OUT_DIR/yibao_family_bg.wasm"
WASM_OPT=node_modules/.bin/wasm-opt

for tool in cargo wasm-bindgen; do
  command -v "$tool" >/dev/null 2>&1 || { say "ERROR: $tool not found; run scripts/setup.sh" >&2; exit 1; }
done
[[ -x $WASM_OPT ]] || { say "ERROR: $WASM_OPT not found; run scripts/setup.sh (npm ci)" >&2; exit 1; }

# Preferred: nightly with std rebuilt and panic=immediate-abort, which drops all panic
# formatting from the wasm (about 12 KB gzip). Falls back to the stable build if nightly or
# rust-src is missing, or the flag is refused (YIBAO_STABLE_WASM=1 forces stable).
built=""
if [[ -z ${YIBAO_STABLE_WASM:-} ]] && rustup run nightly rustc --version >/dev/null 2>&1 \
   && rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  NIGHTLY_DIR="$TARGET_DIR/wasm-nightly"
  say "cargo +nightly build (build-std, panic=immediate-abort) --release --lib --features wasm"
  # Also: no panic locations and no Debug formatting in the binary (the widget prints neither), and
  # std's own size-optimised code paths.
  if RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
     cargo +nightly build --release --lib --target wasm32-unknown-unknown --features wasm \
       -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size --target-dir "$NIGHTLY_DIR"; then
    WASM_IN="$NIGHTLY_DIR/wasm32-unknown-unknown/release/yibao_family.wasm"
    built=nightly
  else
    say "WARNING: nightly build failed; building with stable instead"
  fi
fi
if [[ -z $built ]]; then
  say "cargo build --release --lib --target wasm32-unknown-unknown --features wasm"
  cargo build --release --lib --target wasm32-unknown-unknown --features wasm
fi

say "wasm-bindgen --target web --no-typescript --out-dir $OUT_DIR $WASM_IN"
rm -rf "$OUT_DIR"
wasm-bindgen --target web --no-typescript --out-dir "$OUT_DIR" "$WASM_IN"

# No --enable-* flags are needed: the module keeps its target_features section
# (the release profile must never set strip = true; see TOOLCHAIN.md §4, P4).
# Extra flags can be passed through WASM_OPT_FLAGS.
before=$(wc -c <"$WASM_OUT")
say "wasm-opt -Oz --converge --low-memory-unused --zero-filled-memory ${WASM_OPT_FLAGS:+$WASM_OPT_FLAGS }$WASM_OUT -o $WASM_OUT ($("$WASM_OPT" --version), npm binaryen)"
# --low-memory-unused: Rust's data starts above the 1 MB stack, so addresses below 1 KB are never
# used; --zero-filled-memory: the module's own memory starts zeroed. Both let wasm-opt fold offsets.
# shellcheck disable=SC2086
"$WASM_OPT" -Oz --converge --low-memory-unused --zero-filled-memory ${WASM_OPT_FLAGS:-} "$WASM_OUT" -o "$WASM_OUT"
after=$(wc -c <"$WASM_OUT")

# Non-default locales are loaded on demand by the widget (i18n::set_catalog); scripts/build-site.mjs
# writes them into dist/ in the form the core reads (texts in its key order, no keys).
mkdir -p "$OUT_DIR/i18n"
cp i18n/zh-Hant.json i18n/en.json "$OUT_DIR/i18n/"

say "wasm: $WASM_OUT $before -> $after bytes"
ls -l "$OUT_DIR"

./scripts/build-fallback.sh || say "WARNING: the JS core (no-WebAssembly fallback) failed to build; tests/e2e/fallback.test.mjs will fail"  # needs nightly; else skipped with a warning
node scripts/build-site.mjs
say "done: dist/ is the widget (serve it with: node scripts/serve.mjs)"
