//! Generated households for `yibao batch`'s test and benchmark: deterministic (a fixed-seed
//! xorshift, so a failure reproduces), varied (1–8 people, every relation, scheme, status and
//! region kind, known and unknown costs and balances, 2021–2029), and valid — bad lines are mixed
//! in by the caller.
#![allow(dead_code)]

use serde_json::{json, Value};

pub struct Gen(u64);

impl Gen {
    pub fn new(seed: u64) -> Gen {
        Gen(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len() as u64) as usize]
    }
}

const RELATIONS: &[&str] = &["spouse", "parent", "child", "sibling", "grandparent", "grandchild", "parent_in_law", "child_in_law", "sibling_in_law", "other"];
const REGIONS: &[&str] = &["320500", "320100", "320583", "330100", "330300", "440100", "440500", "110000", "310000", "430100", "130100", "350300", "340100", "230100", "510100", "420100", "410100", "650100"];

fn person(g: &mut Gen, id: String, relation: &str) -> Value {
    let scheme = *g.pick(&["employee", "employee", "resident", "resident", "none", "unknown"]);
    let status = *g.pick(&["active", "active", "active", "active", "suspended", "terminated"]);
    let age = match relation {
        "parent" | "grandparent" | "parent_in_law" => 55 + g.below(40),
        "child" | "grandchild" | "child_in_law" => g.below(40),
        _ => 18 + g.below(60),
    };
    let mut p = json!({
        "id": id,
        "relation": relation,
        "age": age,
        "insurance": { "scheme": scheme, "status": status, "retired": age >= 60, "region": *g.pick(REGIONS) },
    });
    match g.below(3) {
        0 => p["smartphone"] = json!(true),
        1 => p["smartphone"] = json!(false),
        _ => {}
    }
    if scheme == "employee" && g.below(4) != 0 {
        p["account"] = json!({ "prior_years": g.below(20_000) * 100, "current_year": g.below(3_000) * 100 });
    }
    match g.below(4) {
        0 => {}
        1 => p["costs"] = json!({ "personal_share": g.below(8_000) * 100 }),
        2 => p["costs"] = json!({ "items": [{ "kind": *g.pick(&["outpatient", "inpatient", "pharmacy", "fitness"]), "tier": g.below(4), "amount": g.below(10_000) * 100 }] }),
        _ => p["costs"] = json!({ "personal_share": g.below(3_000) * 100, "premiums": [{ "kind": "resident", "amount": 40_000 }] }),
    }
    p
}

/// One valid household as a JSON line.
pub fn household(g: &mut Gen) -> String {
    let n = 1 + g.below(8) as usize;
    let mut people = vec![person(g, "me".into(), "self")];
    for i in 1..n {
        let rel = *g.pick(RELATIONS);
        people.push(person(g, format!("p{i}"), rel));
    }
    let as_of = format!("{}-{:02}-{:02}", 2021 + g.below(9), 1 + g.below(12), 1 + g.below(28));
    json!({ "as_of": as_of, "people": people }).to_string()
}

/// A bad line: malformed, wrong-typed, out of range, or empty.
pub fn bad_line(g: &mut Gen) -> String {
    match g.below(5) {
        0 => "{\"people\": [".into(),
        1 => String::new(),
        2 => r#"{"people":[{"id":"me","relation":"self","age":"forty","insurance":{"scheme":"employee","status":"active"}}]}"#.into(),
        3 => r#"{"people":[{"id":"me","relation":"self","insurance":{"scheme":"employee","status":"active","region":"999999"}}]}"#.into(),
        _ => r#"{"as_of":"2026-02-30","people":[]}"#.into(),
    }
}
