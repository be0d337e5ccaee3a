//! Benchmark (not a timed test): `yibao batch` over 10,000 generated households (1–8 people
//! each), on every core, writing every report line; and the same with `--summary` only.
//! Run with `cargo bench --bench batch`; the figures are recorded in the README.

use std::time::Instant;
use yibao_family::{batch, date::Date};

#[path = "../tests/common/households.rs"]
mod households;

fn main() {
    let mut g = households::Gen::new(10_000);
    let lines: Vec<String> = (0..10_000).map(|_| households::household(&mut g)).collect();
    let input = lines.join("\n");
    let people: usize = lines.iter().map(|l| l.matches("\"relation\"").count()).sum();
    let today = Date::parse("2026-12-06").unwrap();
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    // Warm up once, then take the best of three (the machine's noise, not the code's).
    let mut best = [f64::MAX; 2];
    for round in 0..4 {
        for (k, lines_out) in [true, false].into_iter().enumerate() {
            let mut out = Vec::with_capacity(if lines_out { 64 << 20 } else { 0 });
            let t = Instant::now();
            let s = batch::run(input.as_bytes(), &mut out, today, lines_out).unwrap();
            let secs = t.elapsed().as_secs_f64();
            assert_eq!(s.households, 10_000);
            if round > 0 {
                best[k] = best[k].min(secs);
            }
        }
    }
    println!("batch: 10000 households ({people} people), {threads} threads");
    println!("  reports out:  {:.3} s  ({:.0} households/s)", best[0], 10_000.0 / best[0]);
    println!("  summary only: {:.3} s  ({:.0} households/s)", best[1], 10_000.0 / best[1]);
    println!("BENCH_JSON {{\"batch_households\":10000,\"people\":{people},\"threads\":{threads},\"reports_s\":{:.4},\"summary_s\":{:.4}}}", best[0], best[1]);
}
