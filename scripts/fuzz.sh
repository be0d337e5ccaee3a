#!/usr/bin/env bash
# Fuzz the engine's bad-input handling for SECONDS (default 60) and print a summary.
#
#   ./scripts/fuzz.sh            # 60 s
#   ./scripts/fuzz.sh 3600       # an hour
#   FUZZ_SEED=7 ./scripts/fuzz.sh 600
#   FUZZ_FRESH=1 ./scripts/fuzz.sh 40   # from the seeds only, not the saved corpus (the test command)
#
# With nightly Rust and cargo-fuzz (`cargo install cargo-fuzz`): libFuzzer with AddressSanitizer
# on the two targets in fuzz/ — `evaluate` (scenario JSON → evaluate_json) gets 2/3 of the time,
# `questionnaire` (state JSON → questionnaire::run_json) 1/3. Seeds: fuzz/seeds/<target>/ (from
# tests/scenarios; tests/malformed/ too for `evaluate`); the growing corpus is fuzz/corpus/<target>/, crashes go to
# fuzz/artifacts/<target>/ (both gitignored). Builds use fuzz/target, not the main target/.
# Without them (or with FUZZ_STABLE=1): the stable mutation harness tests/fuzz_harness.rs for the
# same time. Either way the checks are fuzz/fuzz_targets/invariants.rs. Exit status 1 on a finding.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ -d "$HOME/.cargo/bin" ]]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi

secs=${1:-60}
seed=${FUZZ_SEED:-1}
if ! [[ $secs =~ ^[0-9]+$ ]] || ((secs < 2)); then
  echo "usage: scripts/fuzz.sh [SECONDS ≥ 2]" >&2
  exit 2
fi

stable() {
  echo "fuzz: stable mutation harness (tests/fuzz_harness.rs), ${secs}s, seed $seed${1:+ — $1}"
  local log
  log=$(mktemp)
  if YIBAO_FUZZ_SECS=$secs YIBAO_FUZZ_SEED=$seed cargo test --quiet --test fuzz_harness -- --nocapture >"$log" 2>&1; then
    grep -E 'FUZZ SUMMARY|error codes seen' "$log"
    rm -f "$log"
    echo "FUZZ RESULT: no finding"
  else
    cat "$log"
    rm -f "$log"
    echo "FUZZ RESULT: FINDING (stable harness; failing inputs are saved under ${TMPDIR:-/tmp}/yibao-fuzz-failure-*.json)" >&2
    exit 1
  fi
}

if [[ ${FUZZ_STABLE:-} == 1 ]]; then
  stable "FUZZ_STABLE=1"
  exit 0
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  stable "no nightly toolchain"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  stable "cargo-fuzz not installed (cargo install cargo-fuzz)"
  exit 0
fi

echo "fuzz: cargo-fuzz $(cargo +nightly fuzz --version | awk '{print $2}'), $(rustup run nightly rustc --version | awk '{print $2}'), ${secs}s, seed $seed"
t_build=$(date +%s)
if ! (cd fuzz && cargo +nightly fuzz build -O >/dev/null 2>fuzz-build.log); then
  # (e.g. offline on first use, or a nightly regression; the stable harness shares the invariants,
  # so a target that no longer compiles fails there too)
  tail -20 fuzz/fuzz-build.log >&2
  rm -f fuzz/fuzz-build.log
  stable "the cargo-fuzz build failed (above)"
  exit 0
fi
rm -f fuzz/fuzz-build.log
echo "fuzz: targets built in $(($(date +%s) - t_build))s"
triple=$(rustup run nightly rustc -vV | sed -n 's/^host: //p')

found=0
run_target() {
  local target=$1 t=$2
  local corpus=corpus/$target artifacts=fuzz/artifacts/$target
  if [[ ${FUZZ_FRESH:-} == 1 ]]; then
    # Start from the seeds only: the same inputs every run, and a short start-up.
    corpus=target/fresh-corpus/$target
    rm -rf "fuzz/$corpus"
  fi
  # Read-only seed dirs (libFuzzer adds new inputs to the first dir only): the scenario
  # inputs and, for the scenario decoder, the malformed corpus with every error path.
  local seeds=("seeds/$target")
  [[ $target == evaluate ]] && seeds+=(../tests/malformed)
  mkdir -p "fuzz/$corpus" "$artifacts"
  local log=fuzz/artifacts/$target.log
  local rc=0
  # -timeout: an input that takes over 10 s is a finding (the widget must answer quickly);
  # -max_len: scenarios are small; the 1 MiB limit is covered by tests/malformed.rs.
  local t0
  t0=$(date +%s)
  # The binary cargo fuzz built, run directly (`cargo fuzz run` would invoke cargo again).
  (cd fuzz && "target/$triple/release/$target" "$corpus" "${seeds[@]}" \
    -dict=json.dict -max_total_time="$t" -seed="$seed" -timeout=10 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="artifacts/$target/") >"$log" 2>&1 || rc=$?
  local done_line runs eps cov
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 || true)
  runs=$(sed -nE 's/^stat::number_of_executed_units:[[:space:]]*([0-9]+)/\1/p' "$log" | tail -1)
  eps=$(sed -nE 's/^stat::average_exec_per_sec:[[:space:]]*([0-9]+)/\1/p' "$log" | tail -1)
  cov=$(sed -nE 's/.* cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/coverage \1, features \2, corpus \3/p' <<<"$done_line")
  if ((rc == 0)); then
    printf 'FUZZ SUMMARY %-13s %3ss: %s runs (%s/s), %s, no finding (%ss wall)\n' "$target" "$t" "${runs:-?}" "${eps:-?}" "${cov:-?}" "$(($(date +%s) - t0))"
  else
    found=1
    local art
    art=$(grep -oE 'artifacts/[^ ]+/(crash|timeout|oom|leak|slow-unit)-[0-9a-f]+' "$log" | tail -1 || true)
    printf 'FUZZ SUMMARY %-13s %3ss: FINDING after %s runs (exit %s)\n' "$target" "$t" "${runs:-?}" "$rc" >&2
    grep -E 'invariant broken|panicked at|input: |output: |ERROR: libFuzzer|SUMMARY: ' "$log" | head -20 >&2 || true
    if [[ -n $art ]]; then
      echo "  input saved as fuzz/$art" >&2
      echo "  reproduce: (cd fuzz && cargo +nightly fuzz run -O $target $art)" >&2
      echo "  then add it to tests/malformed/ with its expected error, and fix the engine" >&2
    fi
    echo "  full log: $log" >&2
  fi
}

t_eval=$((secs * 2 / 3))
t_q=$((secs - t_eval))
run_target evaluate "$t_eval"
run_target questionnaire "$t_q"
if ((found)); then
  echo "FUZZ RESULT: FINDING (see above)" >&2
  exit 1
fi
echo "FUZZ RESULT: no finding"
