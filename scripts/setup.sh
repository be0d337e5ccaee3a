#!/usr/bin/env bash
# Idempotent set-up of everything the build and the tests need.
# Fast (about a second) when everything is already present; each step says what it did.
#
#   - rustup target wasm32-unknown-unknown
#   - Debian: chromium, chromium-driver (and nodejs/npm only if node/npm are missing)
#     NEVER Debian's binaryen: its wasm-opt 108 emits modules that throw at init
#     (see /work/shared/TOOLCHAIN.md §3). wasm-opt comes from npm's binaryen instead.
#   - wasm-bindgen-cli, pinned to the wasm-bindgen version in Cargo.lock
#   - wasm-pack 0.15.1 (builds the widget, runs the wasm boundary tests), after wasm-bindgen-cli
#   - cargo-fuzz 0.13.2 (optional: the test command's fuzzing falls back to a stable harness)
#   - npm ci (playwright-core, axe-core, binaryen, esbuild, lighthouse, json-schema-to-typescript,
#     typescript) when node_modules is missing or stale
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

WASM_BINDGEN_VERSION="${WASM_BINDGEN_VERSION:-0.2.130}"

if [[ -d "$HOME/.cargo/bin" ]]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi

say() { printf 'setup: %s\n' "$*"; }

# --- Rust target -------------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "rust target wasm32-unknown-unknown: adding"
  rustup target add wasm32-unknown-unknown
fi

# Nightly + rust-src: the smallest widget build (std rebuilt, panic=immediate-abort). Optional:
# scripts/build-wasm.sh falls back to stable when this is unavailable.
if rustup run nightly rustc --version >/dev/null 2>&1 \
   && rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  say "rust nightly + rust-src: present"
  # wasm-pack checks that the toolchain it builds with has the target, even with build-std.
  if ! rustup target list --toolchain nightly --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'; then
    say "rust nightly target wasm32-unknown-unknown: adding"
    rustup target add wasm32-unknown-unknown --toolchain nightly \
      || say "WARNING: nightly has no wasm32 target; the widget will be built with stable"
  fi
else
  say "rust nightly + rust-src: installing (optional; failure only means a larger widget)"
  rustup toolchain install nightly --profile minimal --component rust-src --target wasm32-unknown-unknown \
    || say "WARNING: nightly not installed; the widget will be built with stable"
fi

# --- Debian packages ---------------------------------------------------------
deb_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
# fonts-wqy-microhei: a Chinese font, so the browser tests' screenshots show the text.
for pkg in chromium chromium-driver fonts-wqy-microhei; do
  deb_installed "$pkg" || missing+=("$pkg")
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if ((${#missing[@]})); then
  say "apt packages missing: ${missing[*]}: installing"
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  say "apt packages chromium chromium-driver: present; node $(node --version), npm $(npm --version 2>/dev/null)"
fi
if [[ -x /usr/bin/wasm-opt ]] && dpkg-query -S /usr/bin/wasm-opt >/dev/null 2>&1; then
  say "WARNING: Debian's binaryen is installed (/usr/bin/wasm-opt). It is never used by these scripts"
  say "         (they call node_modules/.bin/wasm-opt), but wasm-pack would pick it up from PATH."
fi

# --- wasm-bindgen CLI ----------------------------------------------------------
# The CLI must equal the wasm-bindgen crate version in Cargo.lock exactly.
if [[ -f Cargo.lock ]]; then
  lock_ver="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
  if [[ -n "$lock_ver" && "$lock_ver" != "$WASM_BINDGEN_VERSION" ]]; then
    say "WARNING: Cargo.lock has wasm-bindgen $lock_ver but the pinned CLI is $WASM_BINDGEN_VERSION"
    say "         (pin wasm-bindgen = \"=$WASM_BINDGEN_VERSION\" in Cargo.toml, or set WASM_BINDGEN_VERSION)"
  fi
fi
have_wb="$(wasm-bindgen --version 2>/dev/null || true)"
if [[ "$have_wb" == "wasm-bindgen $WASM_BINDGEN_VERSION"* ]]; then
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  say "wasm-bindgen-cli $WASM_BINDGEN_VERSION: installing (found: ${have_wb:-none}); this takes about 6 minutes"
  # No --locked: the CLI's shipped lock wants a webpki-roots version the index here lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# --- wasm-pack -------------------------------------------------------------------
# scripts/build-wasm.sh builds the widget with `wasm-pack build` and scripts/test.sh runs the boundary
# tests with `wasm-pack test`, both with --mode no-install: wasm-pack then uses the wasm-bindgen
# above (the same version as Cargo.lock) and fails rather than download or `cargo install` one.
WASM_PACK_VERSION="${WASM_PACK_VERSION:-0.15.1}"
have_wp="$(wasm-pack --version 2>/dev/null || true)"
if [[ "$have_wp" == "wasm-pack $WASM_PACK_VERSION" ]]; then
  say "wasm-pack $WASM_PACK_VERSION: present"
else
  say "wasm-pack $WASM_PACK_VERSION: installing (found: ${have_wp:-none}); this takes about 4 minutes"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
fi

# --- cargo-fuzz (optional) -------------------------------------------------------
# The test command fuzzes with libFuzzer through cargo-fuzz on nightly; without it, scripts/fuzz.sh
# falls back to the stable mutation harness (tests/fuzz_harness.rs). About a minute to install.
if cargo fuzz --version >/dev/null 2>&1; then
  say "cargo-fuzz: present ($(cargo fuzz --version))"
elif rustup run nightly rustc --version >/dev/null 2>&1; then
  say "cargo-fuzz: installing (optional; failure only means the stable fuzz harness is used)"
  cargo install cargo-fuzz --version 0.13.2 --locked || cargo install cargo-fuzz --version 0.13.2 \
    || say "WARNING: cargo-fuzz not installed; the test command will use the stable fuzz harness"
fi

# --- npm dev dependencies ----------------------------------------------------
# node_modules/.package-lock.json is rewritten by every npm ci/install, so its mtime
# tells when node_modules was last synced with package-lock.json.
npm_stamp=node_modules/.package-lock.json
if [[ -f package-lock.json ]]; then
  if [[ ! -d node_modules || ! -f $npm_stamp || package-lock.json -nt $npm_stamp || package.json -nt $npm_stamp ]]; then
    say "npm ci (node_modules missing or older than package-lock.json)"
    npm ci --no-audit --no-fund
  else
    say "node_modules: up to date with package-lock.json"
  fi
else
  say "npm install (no package-lock.json yet)"
  npm install --no-audit --no-fund
fi

if [[ -x node_modules/.bin/wasm-opt ]]; then
  say "wasm-opt (npm binaryen): $(node_modules/.bin/wasm-opt --version)"
else
  say "ERROR: node_modules/.bin/wasm-opt is missing after npm ci" >&2
  exit 1
fi
say "done"
