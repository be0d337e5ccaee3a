//! Shared by the native and wasm scenario replays: partial matching and money checks.
#![allow(dead_code)]

use serde_json::Value;

pub fn matches(exp: &Value, act: &Value, path: &str, errs: &mut Vec<String>) {
    match (exp, act) {
        (Value::Object(e), Value::Array(a)) if e.keys().all(|k| k.starts_with('$')) => {
            if let Some(Value::Array(list)) = e.get("$contains") {
                for x in list {
                    if !a.iter().any(|y| ok(x, y)) {
                        errs.push(format!("{path}: no element matches {x}"));
                    }
                }
            }
            if let Some(Value::Array(list)) = e.get("$excludes") {
                for x in list {
                    if let Some(y) = a.iter().find(|y| ok(x, y)) {
                        errs.push(format!("{path}: unexpected element {y}"));
                    }
                }
            }
            if let Some(n) = e.get("$len").and_then(Value::as_u64) {
                if a.len() as u64 != n {
                    errs.push(format!("{path}: length {} ≠ {n}", a.len()));
                }
            }
        }
        (Value::Object(e), Value::Object(a)) => {
            for (k, v) in e {
                match a.get(k) {
                    Some(av) => matches(v, av, &format!("{path}.{k}"), errs),
                    None => errs.push(format!("{path}.{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for x in e {
                if !a.iter().any(|y| ok(x, y)) {
                    // Report the closest failure for readability.
                    let mut best: Option<Vec<String>> = None;
                    for y in a {
                        let mut v = Vec::new();
                        matches(x, y, path, &mut v);
                        if best.as_ref().map(|b| v.len() < b.len()).unwrap_or(true) {
                            best = Some(v);
                        }
                    }
                    errs.push(format!("{path}: no element matches {x}; closest: {:?}", best.unwrap_or_default()));
                }
            }
        }
        (e, a) => {
            if e != a {
                errs.push(format!("{path}: expected {e}, got {a}"));
            }
        }
    }
}

pub fn ok(e: &Value, a: &Value) -> bool {
    let mut v = Vec::new();
    matches(e, a, "", &mut v);
    v.is_empty()
}

pub fn conservation(report: &Value, errs: &mut Vec<String>) {
    let n = |v: &Value, k: &str| v.get(k).and_then(Value::as_i64).unwrap_or(i64::MIN);
    for p in report["people"].as_array().into_iter().flatten() {
        let m = &p["money"];
        let sum = n(m, "pooled") + n(m, "own_account") + n(m, "shared") + n(m, "cash");
        if sum != n(m, "cost") {
            errs.push(format!("conservation broken for {}: {m}", p["id"]));
        }
        for k in ["pooled", "own_account", "shared", "cash"] {
            if n(m, k) < 0 {
                errs.push(format!("negative {k} for {}", p["id"]));
            }
        }
    }
    for a in report["accounts"].as_array().into_iter().flatten() {
        if n(a, "balance_after") < 0 || n(a, "balance_before") - n(a, "own_use") - n(a, "shared_out") != n(a, "balance_after") {
            errs.push(format!("account does not balance: {a}"));
        }
    }
}

pub fn collect_codes(v: &Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(c)), true) = (m.get("code"), m.contains_key("text")) {
                out.insert(c.clone());
            }
            for x in m.values() {
                collect_codes(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_codes(x, out)),
        _ => {}
    }
}
