#!/usr/bin/env bash
# Build the browser widget: the core's WebAssembly into target/pkg, the deployable site in dist/,
# and the npm package in target/npm/yibao-family:
#   wasm-pack build --target web, twice (cargo release with feature `wasm` into target/pkg, and with
#   `wasm-questionnaire` into target/pkg/questionnaire; nightly build-std when it can, else stable;
#   wasm-bindgen with TypeScript types) -> wasm-opt -Oz (npm binaryen 132)
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

# wasm-pack: cargo build (release) -> wasm-bindgen --target web, with the .d.ts, into an out dir
# (wasm-pack also writes a package.json there; target/pkg's is the base of the npm package). It runs
# no wasm-opt (Cargo.toml: [package.metadata.wasm-pack.profile.release] wasm-opt = false; npm's
# binaryen runs below) and, with --mode no-install, downloads and installs nothing.
# $1: the out dir; $2: the toolchain label for the log; the cargo flags come after `--`.
wasm_pack() {
  local out=$1 label=$2
  shift 2
  rm -rf "$out"
  say "wasm-pack build --release --target web --mode no-install --out-dir $out ($label) -- $*"
  wasm-pack build --release --target web --mode no-install \
    --out-dir "$(realpath -m "$out")" --out-name yibao_family . -- "$@"
}

# One build of the core: $1 the out dir, $2 the cargo feature. Preferred: nightly with std rebuilt
# and panic=immediate-abort, which drops all panic formatting from the wasm (about 12 KB gzip).
# Falls back to the stable build if nightly, its rust-src or its wasm32 target (which wasm-pack
# checks for) is missing, or the build fails (YIBAO_STABLE_WASM=1 forces stable). Then wasm-opt.
built=""
build_core() {
  local out=$1 feature=$2 done=""
  if [[ -z ${YIBAO_STABLE_WASM:-} ]] && rustup run nightly rustc --version >/dev/null 2>&1 \
     && rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src' \
     && rustup target list --toolchain nightly --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    # Also: no panic locations and no Debug formatting in the binary (the widget prints neither), and
    # std's own size-optimised code paths. Its own target dir, so it never invalidates the stable one.
    if RUSTUP_TOOLCHAIN=nightly CARGO_TARGET_DIR="$TARGET_DIR/wasm-nightly" \
       RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
       wasm_pack "$out" "nightly, build-std, panic=immediate-abort" --features "$feature" \
         -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size; then
      done=nightly
    else
      say "WARNING: nightly build failed; building with stable instead"
    fi
  fi
  if [[ -z $done ]]; then
    wasm_pack "$out" stable --features "$feature"
    done=stable
  fi
  built=$done
  local wasm="$out/yibao_family_bg.wasm"
  [[ -f $wasm && -f $out/yibao_family.js && -f $out/yibao_family.d.ts ]] \
    || { say "ERROR: wasm-pack did not write $wasm, the glue and its .d.ts" >&2; exit 1; }
  # No --enable-* flags are needed: the module keeps its target_features section
  # (the release profile must never set strip = true; see TOOLCHAIN.md §4, P4).
  # Extra flags can be passed through WASM_OPT_FLAGS.
  local before after
  before=$(wc -c <"$wasm")
  say "wasm-opt -Oz --converge --low-memory-unused --zero-filled-memory ${WASM_OPT_FLAGS:+$WASM_OPT_FLAGS }$wasm -o $wasm ($("$WASM_OPT" --version), npm binaryen)"
  # --low-memory-unused: Rust's data starts above the 1 MB stack, so addresses below 1 KB are never
  # used; --zero-filled-memory: the module's own memory starts zeroed. Both let wasm-opt fold offsets.
  # shellcheck disable=SC2086
  "$WASM_OPT" -Oz --converge --low-memory-unused --zero-filled-memory ${WASM_OPT_FLAGS:-} "$wasm" -o "$wasm"
  after=$(wc -c <"$wasm")
  say "wasm ($feature, $done): $wasm $before -> $after bytes"
}

# The whole core (feature `wasm`: evaluate, the questionnaire, ui, meta): the npm package, the
# calculator, a host's core(). Then the questionnaire's own build (feature `wasm-questionnaire`: all
# but evaluate), which the widget's questionnaire page loads: its first visit.
build_core "$OUT_DIR" wasm
build_core "$OUT_DIR/questionnaire" wasm-questionnaire
rm -f "$OUT_DIR/questionnaire/package.json" "$OUT_DIR/questionnaire/README.md" "$OUT_DIR/questionnaire/.gitignore"

# Non-default locales are loaded on demand by the widget (i18n::set_catalog); scripts/build-site.mjs
# writes them into dist/ in the form the core reads (texts in its key order, no keys).
mkdir -p "$OUT_DIR/i18n"
cp i18n/zh-Hant.json i18n/en.json "$OUT_DIR/i18n/"

ls -l "$OUT_DIR" "$OUT_DIR/questionnaire"

./scripts/build-fallback.sh || say "WARNING: the JS core (no-WebAssembly fallback) failed to build; tests/e2e/fallback.test.mjs will fail"  # needs nightly; else skipped with a warning
node scripts/build-site.mjs
node scripts/package-npm.mjs
say "done ($built): dist/ is the widget (serve it with: node scripts/serve.mjs); target/npm/yibao-family is the npm package"
