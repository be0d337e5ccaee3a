//! Scenario files: `tests/scenarios/*.json`, each a household a 医保 officer can read, the rule
//! and source it exercises, and the expected (partial) report or error.
//!
//! Matching: every key of an expected object must match in the report; an expected array must
//! have each of its elements match some element of the actual array; `{"$contains": [...],
//! "$excludes": [...], "$len": n}` against an array checks presence, absence and length.
//! Every report is also checked for exact conservation of money.
// Native only: the JSON-text API (serde_json) it replays is not in wasm32 builds (`wasm-pack test`
// builds every test target for wasm32; tests/wasm.rs covers the wasm boundary).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

mod common;
use common::{collect_codes, conservation, matches};
use std::path::Path;
use yibao_family::{date::Date, evaluate_json};

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

