#!/usr/bin/env bash
# Build the browser widget: the core's WebAssembly into target/pkg, the deployable site in dist/,
# and the npm package in target/npm/yibao-family:
#   wasm-pack build --target web (cargo release with feature `wasm`, nightly build-std when it can,
#   else stable; wasm-bindgen with TypeScript types) -> wasm-opt -Oz (npm binaryen 132)
#   -> scripts/build-fallback.sh (the JS core) -> scripts/build-site.mjs (www/ + target/pkg -> dist/,
#   JS and CSS minified) -> scripts/package-npm.mjs (dist/ + target/pkg -> target/npm/yibao-family)
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
WASM_OUT="$OUT_DIR/yibao_family_bg.wasm"
WASM_OPT=node_modules/.bin/wasm-opt

for tool in cargo wasm-pack wasm-bindgen; do
  command -v "$tool" >/dev/null 2>&1 || { say "ERROR: $tool not found; run scripts/setup.sh" >&2; exit 1; }
done
[[ -x $WASM_OPT ]] || { say "ERROR: $WASM_OPT not found; run scripts/setup.sh (npm ci)" >&2; exit 1; }
# wasm-pack uses the wasm-bindgen on PATH only when its version equals Cargo.lock's exactly; with
# --mode no-install it then fails instead of quietly `cargo install`ing another one (TOOLCHAIN.md 2d).
lock_wb="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')"
if [[ $have_wb != "$lock_wb" ]]; then
  say "ERROR: wasm-bindgen on PATH is ${have_wb:-missing}, Cargo.lock has $lock_wb; run scripts/setup.sh" >&2
  exit 1
fi

# wasm-pack: cargo build (release, feature `wasm`) -> wasm-bindgen --target web, with the .d.ts,
# into $OUT_DIR (wasm-pack also writes a package.json there, the base of the npm package). It runs
# no wasm-opt (Cargo.toml: [package.metadata.wasm-pack.profile.release] wasm-opt = false; npm's
# binaryen runs below) and, with --mode no-install, downloads and installs nothing.
# $1: the toolchain label for the log; the cargo flags come after `--`.
wasm_pack() {
  local label=$1
  shift
  rm -rf "$OUT_DIR"
  say "wasm-pack build --release --target web --mode no-install --out-dir $OUT_DIR ($label) -- $*"
  wasm-pack build --release --target web --mode no-install \
    --out-dir "$(realpath -m "$OUT_DIR")" --out-name yibao_family . -- "$@"
}

# Preferred: nightly with std rebuilt and panic=immediate-abort, which drops all panic
# formatting from the wasm (about 12 KB gzip). Falls back to the stable build if nightly, its
# rust-src or its wasm32 target (which wasm-pack checks for) is missing, or the build fails
# (YIBAO_STABLE_WASM=1 forces stable).
built=""
if [[ -z ${YIBAO_STABLE_WASM:-} ]] && rustup run nightly rustc --version >/dev/null 2>&1 \
   && rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src' \
   && rustup target list --toolchain nightly --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  # Also: no panic locations and no Debug formatting in the binary (the widget prints neither), and
  # std's own size-optimised code paths. Its own target dir, so it never invalidates the stable one.
  if RUSTUP_TOOLCHAIN=nightly CARGO_TARGET_DIR="$TARGET_DIR/wasm-nightly" \
     RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
     wasm_pack "nightly, build-std, panic=immediate-abort" --features wasm \
       -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size; then
    built=nightly
  else
    say "WARNING: nightly build failed; building with stable instead"
  fi
fi
if [[ -z $built ]]; then
  wasm_pack stable --features wasm
  built=stable
fi
[[ -f $WASM_OUT && -f $OUT_DIR/yibao_family.js && -f $OUT_DIR/yibao_family.d.ts ]] \
  || { say "ERROR: wasm-pack did not write $WASM_OUT, the glue and its .d.ts" >&2; exit 1; }

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
node scripts/package-npm.mjs
say "done ($built): dist/ is the widget (serve it with: node scripts/serve.mjs); target/npm/yibao-family is the npm package"
