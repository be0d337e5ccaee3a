//! Benchmark (not a timed test): `evaluate` on a 10-person family, median of many runs.
//! Run with `cargo bench --bench evaluate`; the figures are recorded in the README.
//!
//! Two measurements:
//! - `evaluate(&Scenario)`: the Rust API on a scenario already read (validate + rules + the
//!   report's contract form), what the wasm export does between serde-wasm-bindgen's reading of
//!   the JS object and its writing of the report object;
//! - `evaluate_json(text)`: text in, report text out (serde_json + validate + rules + serde_json),
//!   what the CLI does. `scripts/perf.mjs` compares it with the wasm build and reads the
//!   `BENCH_JSON` line.

use std::time::Instant;
use yibao_family::{contract, date::Date, evaluate_json, evaluate_on};

/// Median and 90th percentile in nanoseconds of `rounds` timed calls of `f` after `warm` untimed ones.
fn measure(warm: usize, rounds: usize, mut f: impl FnMut()) -> (u128, u128) {
    for _ in 0..warm {
        f();
    }
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_nanos());
    }
    times.sort_unstable();
    (times[rounds / 2], times[rounds * 9 / 10])
}

fn main() {
    let text = include_str!("../tests/data/family10.json");
    let today = Date::parse("2026-03-01").unwrap();
    let sc: yibao_family::Scenario = contract::json::from_str(text).expect("valid family");
    let rounds = 200;
    let (median, p90) = measure(20, rounds, || {
        std::hint::black_box(evaluate_on(std::hint::black_box(&sc), today).unwrap());
    });
    println!(
        "evaluate, 10-person family: median {} µs, p90 {} µs over {rounds} runs",
        median / 1000,
        p90 / 1000
    );
    let json_rounds = 500;
    let (jmedian, jp90) = measure(50, json_rounds, || {
        std::hint::black_box(evaluate_json(std::hint::black_box(text), today, false).unwrap());
    });
    println!(
        "evaluate_json (read + evaluate + write, as the CLI), 10-person family: median {} µs, p90 {} µs over {json_rounds} runs",
        jmedian / 1000,
        jp90 / 1000
    );
    println!(
        "BENCH_JSON {{\"bench\":\"evaluate\",\"family\":\"tests/data/family10.json\",\"evaluate_median_ns\":{median},\"evaluate_p90_ns\":{p90},\"evaluate_runs\":{rounds},\"evaluate_json_median_ns\":{jmedian},\"evaluate_json_p90_ns\":{jp90},\"evaluate_json_runs\":{json_rounds}}}"
    );
}
