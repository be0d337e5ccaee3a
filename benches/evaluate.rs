//! Benchmark (not a timed test): `evaluate` on a 10-person family, median of many runs.
//! Run with `cargo bench`; the figure is recorded in the README.

use std::time::Instant;
use yibao_family::{date::Date, decode, evaluate};

fn main() {
    let text = include_str!("../tests/data/family10.json");
    let sc = decode::decode_str(text, Date::parse("2026-03-01").unwrap()).expect("valid family");
    for _ in 0..20 {
        std::hint::black_box(evaluate(std::hint::black_box(&sc)).unwrap());
    }
    let mut times = Vec::new();
    let rounds = 200;
    for _ in 0..rounds {
        let t = Instant::now();
        std::hint::black_box(evaluate(std::hint::black_box(&sc)).unwrap());
        times.push(t.elapsed().as_micros());
    }
    times.sort_unstable();
    let median = times[rounds / 2];
    let p90 = times[rounds * 9 / 10];
    println!("evaluate, 10-person family: median {median} µs, p90 {p90} µs over {rounds} runs");
}
