//! Property tests: for random valid families, money is conserved exactly, no account goes
//! negative, sharing never adds cash, and nothing panics; for random invalid input, a structured
//! error, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use yibao_family::{date::Date, evaluate_json};

const REGIONS: &[&str] = &[
    "110000", "110105", "310000", "310115", "320100", "320500", "320581", "320900", "330300", "330100", "340100", "350300",
    "350200", "430100", "430522", "440100", "230100", "231000", "510100", "130100", "410100", "810000", "650000",
];
const RELATIONS: &[&str] = &["spouse", "parent", "child", "sibling", "grandparent", "grandchild", "parent_in_law", "child_in_law", "sibling_in_law", "other"];
const SCHEMES: &[&str] = &["employee", "resident", "none", "unknown"];
const STATUS: &[&str] = &["active", "active", "active", "suspended", "terminated"];
const ITEMS: &[&str] = &["outpatient", "inpatient", "pharmacy", "non_designated", "fitness", "health_supplement"];
const PREMIUMS: &[&str] = &["resident", "long_term_care", "commercial"];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop::sample::select(list)
}

fn person(i: usize) -> impl Strategy<Value = Value> {
    (
        pick(RELATIONS),
        prop::option::of(0u32..100),
        pick(SCHEMES),
        pick(STATUS),
        any::<bool>(),
        prop::option::of(pick(REGIONS)),
        prop::option::of(any::<bool>()),
        prop::option::of((0i64..2_000_000, 0i64..600_000)),
        0i64..3_000_000,
        prop::collection::vec((pick(ITEMS), prop::option::of(0u8..4), 0i64..5_000_000), 0..4),
        prop::collection::vec((pick(PREMIUMS), 0i64..200_000), 0..3),
    )
        .prop_map(move |(rel, age, scheme, status, retired, region, phone, account, share, items, premiums)| {
            let mut ins = json!({ "scheme": scheme, "status": status, "retired": retired });
            if let Some(r) = region {
                ins["region"] = json!(r);
            }
            let mut p = json!({
                "id": format!("p{i}"),
                "relation": if i == 0 { "self" } else { rel },
                "insurance": ins,
                "costs": {
                    "personal_share": share,
                    "items": items.iter().map(|(k, t, a)| { let mut x = json!({"kind": k, "amount": a}); if let Some(t) = t { x["tier"] = json!(t); } x }).collect::<Vec<_>>(),
                    "premiums": premiums.iter().map(|(k, a)| json!({"kind": k, "amount": a})).collect::<Vec<_>>(),
                }
            });
            if let Some(a) = age {
                p["age"] = json!(a);
            }
            if let Some(ph) = phone {
                p["smartphone"] = json!(ph);
            }
            if let (Some((pr, cu)), "employee") = (account, scheme) {
                p["account"] = json!({ "prior_years": pr, "current_year": cu });
            }
            p
        })
}

fn family() -> impl Strategy<Value = Value> {
    (1usize..9)
        .prop_flat_map(|n| {
            let people: Vec<_> = (0..n).map(person).collect();
            (
                people,
                prop::collection::vec((0..n, 0..n, any::<bool>()), 0..6),
                (2020i32..2031, 1u32..13, 1u32..29),
                prop::sample::select(&["zh-Hans", "zh-Hant", "en"][..]),
            )
        })
        .prop_map(|(people, binds, (y, m, d), locale)| {
            let mut seen = Vec::new();
            let mut bindings = Vec::new();
            for (a, b, fa) in binds {
                if a != b && !seen.contains(&(a, b, fa)) {
                    seen.push((a, b, fa));
                    bindings.push(json!({ "from": format!("p{a}"), "to": format!("p{b}"), "kind": if fa { "family_account" } else { "gongji" } }));
                }
            }
            json!({ "as_of": format!("{y:04}-{m:02}-{d:02}"), "locale": locale, "people": people, "bindings": bindings })
        })
}

fn i(v: &Value) -> i64 {
    v.as_i64().expect("integer")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn money_is_conserved_and_nothing_goes_negative(sc in family()) {
        let today = Date::parse("2026-11-22").unwrap();
        let out = evaluate_json(&sc.to_string(), today, false);
        let out = match out { Ok(o) => o, Err(e) => { prop_assert!(false, "valid family rejected: {e}\n{sc}"); unreachable!() } };
        let r: Value = serde_json::from_str(&out).unwrap();
        let mut sum_cash = 0;
        for p in r["people"].as_array().unwrap() {
            let m = &p["money"];
            prop_assert_eq!(i(&m["cost"]), i(&m["pooled"]) + i(&m["own_account"]) + i(&m["shared"]) + i(&m["cash"]), "{}", m);
            for k in ["pooled", "own_account", "shared", "cash", "cash_without_gongji"] {
                prop_assert!(i(&m[k]) >= 0, "{} negative: {}", k, m);
            }
            prop_assert!(i(&m["cash"]) <= i(&m["cash_without_gongji"]));
            let from: i64 = p["shared_from"].as_array().unwrap().iter().map(|x| i(&x["amount"])).sum();
            prop_assert_eq!(from, i(&m["shared"]));
            sum_cash += i(&m["cash"]);
        }
        let shared_in: i64 = r["people"].as_array().unwrap().iter().map(|p| i(&p["money"]["shared"])).sum();
        let shared_out: i64 = r["accounts"].as_array().unwrap().iter().map(|a| i(&a["shared_out"])).sum();
        prop_assert_eq!(shared_in, shared_out);
        for a in r["accounts"].as_array().unwrap() {
            prop_assert!(i(&a["balance_after"]) >= 0);
            prop_assert_eq!(i(&a["balance_before"]) - i(&a["own_use"]) - i(&a["shared_out"]), i(&a["balance_after"]));
        }
        prop_assert_eq!(i(&r["totals"]["cash"]), sum_cash);
        prop_assert!(i(&r["totals"]["cash_bound"]) <= i(&r["totals"]["cash"]) || r["money_follows"] == "bindings");
        if r["money_follows"] == "plan" {
            prop_assert!(i(&r["totals"]["cash_bound"]) <= i(&r["totals"]["cash"]));
        }
        // Every recommendation is one of the five; a refused date is never "neither"; money that
        // rests on something unconfirmed is part of what is shared and makes the answer conditional.
        for p in r["people"].as_array().unwrap() {
            let rec = p["recommendation"].as_str().unwrap();
            prop_assert!(["family_account", "gongji", "both", "neither", "undecided"].contains(&rec));
            if r["covered"] == false {
                prop_assert_eq!(rec, "undecided");
            }
            let m = &p["money"];
            prop_assert!(i(&m["conditional"]) >= 0 && i(&m["conditional"]) <= i(&m["shared"]), "{}", m);
            if i(&m["conditional"]) > 0 {
                prop_assert_eq!(&p["conditional"], &Value::Bool(true));
            }
            if r["review"]["status"] == "beyond_lookahead" {
                prop_assert_eq!(&p["conditional"], &Value::Bool(true));
            }
        }
        prop_assert!(r["receipt"]["rules_hash"].as_str().unwrap().starts_with("sha256:"));
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let today = Date::parse("2026-11-22").unwrap();
        if let Err(e) = evaluate_json(&s, today, false) {
            let v: Value = serde_json::from_str(&e).unwrap();
            prop_assert!(v["error"]["code"].is_string() && v["error"]["path"].is_string() && v["error"]["message"].is_string());
        }
    }

    #[test]
    fn mutated_families_give_structured_errors(sc in family(), which in 0usize..12, junk in prop_oneof![
        Just(json!(null)), Just(json!(-5)), Just(json!(1.5)), Just(json!("x")), Just(json!([])), Just(json!({})),
        Just(json!(true)), Just(json!(1e300)), Just(json!("999999")), Just(json!(99999999999999i64)),
    ]) {
        let mut sc = sc;
        let paths: [&[&str]; 12] = [
            &["as_of"], &["locale"], &["people"], &["bindings"],
            &["people", "0", "age"], &["people", "0", "insurance"], &["people", "0", "insurance", "region"],
            &["people", "0", "costs", "personal_share"], &["people", "0", "relation"], &["people", "0", "id"],
            &["people", "0", "smartphone"], &["people", "0", "insurance", "scheme"],
        ];
        let path = paths[which];
        let mut cur = &mut sc;
        for (k, seg) in path.iter().enumerate() {
            let last = k == path.len() - 1;
            let next = match seg.parse::<usize>() {
                Ok(ix) => cur.get_mut(ix),
                Err(_) => if last { cur.as_object_mut().map(|o| { o.insert(seg.to_string(), junk.clone()); }); None } else { cur.get_mut(*seg) },
            };
            match next { Some(n) => cur = n, None => break }
        }
        let today = Date::parse("2026-11-22").unwrap();
        match evaluate_json(&sc.to_string(), today, false) {
            Ok(out) => { let v: Value = serde_json::from_str(&out).unwrap(); prop_assert!(v["people"].is_array()); }
            Err(e) => {
                let v: Value = serde_json::from_str(&e).unwrap();
                let p = v["error"]["path"].as_str().unwrap();
                prop_assert!(!v["error"]["code"].as_str().unwrap().is_empty());
                // The error names the field that was broken (or its parent when the shape broke).
                let want = path.iter().enumerate().map(|(k, s)| if s.parse::<usize>().is_ok() { format!("[{s}]") } else if k == 0 { s.to_string() } else { format!(".{s}") }).collect::<String>();
                // (A renamed id breaks the bindings that name it: the error is then at the binding.)
                let renamed_id = want == "people[0].id" && p.starts_with("bindings[");
                prop_assert!(p.starts_with(&want) || want.starts_with(p) || p.is_empty() || renamed_id, "path {} for a broken {}", p, want);
            }
        }
    }
}
