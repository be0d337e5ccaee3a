#!/usr/bin/env bash
# Run every test and check: set-up, native tests, the plain wasm32 build, the wasm boundary in
# Chromium (wasm-pack test), benches, the widget build (wasm-pack), the size budget, and the browser
# end-to-end tests (tests/e2e/, among them the npm package: npm pack --dry-run, install, types).
# Fails fast on the first failing step.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -d "$HOME/.cargo/bin" ]]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi

t0=$(date +%s)
step_name=""
step_t0=$t0

now() { date +%s; }
finish_step() {
  if [[ -n $step_name ]]; then
    printf '    (%s: %ss)\n' "$step_name" "$(($(now) - step_t0))"
  fi
}
step() {
  finish_step
  step_name="$1"
  step_t0=$(now)
  printf '\n==== %s ====\n' "$1"
}
on_exit() {
  local rc=$?
  if ((rc != 0)); then
    printf '\n==== FAILED at step: %s (exit %d) after %ss ====\n' "${step_name:-?}" "$rc" "$(($(now) - t0))" >&2
  fi
}
trap on_exit EXIT

step "setup"
./scripts/setup.sh

step "cargo test --all-targets"
cargo test --all-targets

step "fuzz bad input, bounded (scripts/fuzz.sh ${FUZZ_SECS:-40}: cargo-fuzz, or the stable harness)"
FUZZ_FRESH=1 ./scripts/fuzz.sh "${FUZZ_SECS:-40}"

step "cargo build --target wasm32-unknown-unknown --lib"
cargo build --target wasm32-unknown-unknown --lib

step "wasm boundary in headless Chromium (wasm-pack test --headless --chrome)"
# Debian's chromedriver (setup.sh), never a download; --mode no-install: the wasm-bindgen-test-runner
# next to the pinned wasm-bindgen, never one wasm-pack installs. Chromium's args: webdriver.json.
wasm-pack test --headless --chrome --chromedriver "${CHROMEDRIVER:-/usr/bin/chromedriver}" --mode no-install \
  . --features wasm --test wasm

step "cargo test --release (the release profile runs the test harness; golden outputs)"
cargo test --release --test scenarios --test golden

step "benchmarks (cargo bench: evaluate, batch of 10,000 households)"
cargo bench --bench evaluate
cargo bench --bench batch

step "build the widget into dist/ and the npm package into target/npm/ (scripts/build-wasm.sh)"
./scripts/build-wasm.sh

step "size report (scripts/size-report.mjs)"
node scripts/size-report.mjs

e2e=()
if [[ -d tests/e2e ]]; then
  while IFS= read -r -d '' f; do e2e+=("$f"); done \
    < <(find tests/e2e -type f -name '*.test.mjs' -print0 | sort -z)
fi
if ((${#e2e[@]})); then
  step "browser end-to-end tests (node --test, ${#e2e[@]} files)"
  node --test "${e2e[@]}"
else
  step "browser end-to-end tests"
  echo "no tests/e2e/*.test.mjs files: skipped"
fi

step "speed measurement smoke (node scripts/perf.mjs --smoke: one iteration, no thresholds)"
# Keeps scripts/perf.mjs from rotting; it fails only if something cannot be measured, never on a
# figure. The real measurement is `node scripts/perf.mjs` (README, Measured speed).
node scripts/perf.mjs --smoke

finish_step
step_name=""
printf '\n==== all steps passed in %ss ====\n' "$(($(now) - t0))"
