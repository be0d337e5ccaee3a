//! Scenario files: `tests/scenarios/*.json`, each a household a 医保 officer can read, the rule
//! and source it exercises, and the expected (partial) report or error.
//!
//! Matching: every key of an expected object must match in the report; an expected array must
//! have each of its elements match some element of the actual array; `{"$contains": [...],
//! "$excludes": [...], "$len": n}` against an array checks presence, absence and length.
//! Every report is also checked for exact conservation of money.

use serde_json::Value;
use std::path::Path;
use yibao_family::{date::Date, evaluate_json};

fn matches(exp: &Value, act: &Value, path: &str, errs: &mut Vec<String>) {
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

fn ok(e: &Value, a: &Value) -> bool {
    let mut v = Vec::new();
    matches(e, a, "", &mut v);
    v.is_empty()
}

fn conservation(report: &Value, errs: &mut Vec<String>) {
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

#[test]
fn scenario_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().map(|x| x == "json").unwrap_or(false)).collect();
    files.sort();
    let today = Date::parse("2026-11-22").unwrap();
    let mut failures = Vec::new();
    let mut codes_seen = std::collections::BTreeSet::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for k in ["title", "rule", "source"] {
            assert!(case.get(k).and_then(Value::as_str).map(|s| !s.is_empty()).unwrap_or(false), "{name}: needs a non-empty \"{k}\"");
        }
        let input = match &case["input"] {
            Value::String(s) => s.clone(), // raw text, for malformed-input cases
            v => v.to_string(),
        };
        let mut errs = Vec::new();
        match (evaluate_json(&input, today, false), case.get("expect"), case.get("expect_error")) {
            (Ok(out), Some(exp), None) => {
                let report: Value = serde_json::from_str(&out).unwrap();
                matches(exp, &report, "", &mut errs);
                conservation(&report, &mut errs);
                collect_codes(&report, &mut codes_seen);
            }
            (Err(out), None, Some(exp)) => {
                let err: Value = serde_json::from_str(&out).unwrap();
                matches(exp, &err["error"], "error", &mut errs);
                if let Some(c) = err["error"]["code"].as_str() {
                    codes_seen.insert(c.to_string());
                }
            }
            (Ok(out), _, Some(_)) => errs.push(format!("expected an error, got a report ({} bytes)", out.len())),
            (Err(out), Some(_), _) => errs.push(format!("expected a report, got {out}")),
            _ => errs.push("needs exactly one of \"expect\" / \"expect_error\"".into()),
        }
        if !errs.is_empty() {
            failures.push(format!("{name} — {}\n    {}", case["title"], errs.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{} scenario(s) failed:\n{}", failures.len(), failures.join("\n"));
    assert!(files.len() >= 40, "at least 40 scenario files, found {}", files.len());
    // DESIGN.md § 3.2: every reason code of the minimum set is exercised by some scenario.
    let required = [
        "NOT_NEAR_RELATIVE", "RELATION_UNKNOWN", "AUTHORISER_NOT_EMPLOYEE", "AUTHORISER_NOT_ACTIVE", "ZERO_BALANCE",
        "BELOW_MIN_BALANCE", "BENEFICIARY_NOT_INSURED", "OUTSIDE_AREA", "RELATIVE_CAP_REACHED", "DATE_NOT_COVERED",
        "NOT_QUALIFYING_SPENDING", "FAMILY_ACCOUNT_CAP_REACHED", "UNVERIFIED_PARAMETER",
    ];
    let missing: Vec<_> = required.iter().filter(|c| !codes_seen.contains(**c)).collect();
    assert!(missing.is_empty(), "reason codes no scenario exercises: {missing:?}");
}

fn collect_codes(v: &Value, out: &mut std::collections::BTreeSet<String>) {
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
