//! The corpus of bad input: `tests/malformed/*.json`, each file one kind of malformed scenario
//! (the file's bytes are the input, as a user or a host page might send them), and
//! `tests/malformed/expected.json` mapping each file to the error it must produce:
//! `{"path": …, "code": …}`, or `{"accept": true}` for edge cases that are valid input (a BOM,
//! `-0`, nulls for absent fields, the maximum values).
//!
//! Every error must be exactly `{"error":{"path","code","message"}}` with that path and code, and a
//! non-empty message that names the path. Every accepted case must give a report whose money is
//! conserved. Inputs too big for a small file (over 1 MiB, 10 000 people) are built here.
//!
//! `tests/malformed/questionnaire/` does the same for questionnaire states
//! (`questionnaire::run_json`); there the messages must also be complete (no `{placeholder}` left,
//! the allowed values listed), which fuzzing found they were not.
// Native only: the JSON-text API (serde_json) it replays is not in wasm32 builds (`wasm-pack test`
// builds every test target for wasm32; tests/wasm.rs covers the wasm boundary).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use yibao_family::{date::Date, evaluate_json, questionnaire};

mod common;

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

/// Checks one error output against the expected path and code; returns the problems found.
fn check_error(out: &str, path: &str, code: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let v: Value = match serde_json::from_str(out) {
        Ok(v) => v,
        Err(e) => return vec![format!("error output is not JSON ({e}): {out}")],
    };
    let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    if keys(&v) != ["error"] {
        errs.push(format!("top-level keys {:?}, want [\"error\"]", keys(&v)));
    }
    let e = &v["error"];
    let mut k = keys(e);
    k.sort();
    if k != ["code", "message", "path"] {
        errs.push(format!("error keys {k:?}, want code, message, path"));
    }
    if e["path"] != path || e["code"] != code {
        errs.push(format!("got path {} code {}, want path \"{path}\" code \"{code}\"", e["path"], e["code"]));
    }
    match e["message"].as_str() {
        Some(m) if !m.trim().is_empty() => {
            if !path.is_empty() && !m.contains(path) {
                errs.push(format!("message does not name the path {path}: {m}"));
            }
        }
        _ => errs.push(format!("message missing or empty: {}", e["message"])),
    }
    errs
}

#[test]
fn malformed_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed");
    let expected: BTreeMap<String, Value> = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).expect("expected.json");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".json") && n != "expected.json")
        .collect();
    files.sort();
    let mut failures = Vec::new();
    for f in &files {
        if !expected.contains_key(f) {
            failures.push(format!("{f}: no entry in expected.json"));
        }
    }
    for name in expected.keys() {
        if !files.contains(name) {
            failures.push(format!("expected.json names {name}, which does not exist"));
        }
    }
    let (mut errors, mut accepted) = (0, 0);
    let mut codes = std::collections::BTreeSet::new();
    for (name, exp) in &expected {
        let Ok(bytes) = std::fs::read(dir.join(name)) else { continue };
        let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name}: not UTF-8 (the engine takes text)"));
        let out = evaluate_json(&text, today(), false);
        let problems = match (out, exp.get("accept")) {
            (Ok(report), Some(_)) => {
                accepted += 1;
                let r: Value = serde_json::from_str(&report).unwrap();
                let mut errs = Vec::new();
                common::conservation(&r, &mut errs);
                errs
            }
            (Err(e), Some(_)) => vec![format!("should be accepted, got {e}")],
            (Ok(_), None) => vec![format!("expected error {exp}, got a report")],
            (Err(e), None) => {
                errors += 1;
                let (path, code) = (exp["path"].as_str().expect("path"), exp["code"].as_str().expect("code"));
                codes.insert(code.to_string());
                check_error(&e, path, code)
            }
        };
        if !problems.is_empty() {
            failures.push(format!("{name}: {}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} malformed case(s) failed:\n{}", failures.len(), expected.len(), failures.join("\n"));
    assert!(errors >= 40, "at least 40 error cases, found {errors}");
    assert!(accepted >= 1);
    // The corpus exercises every input error code the decoder has (README § The contract).
    for c in [
        "MALFORMED_JSON", "EMPTY_INPUT", "TOO_DEEP", "WRONG_TYPE", "UNKNOWN_FIELD", "DUPLICATE_FIELD", "MISSING_FIELD",
        "NOT_INTEGER", "NEGATIVE_MONEY", "OUT_OF_RANGE", "TOO_MANY", "UNKNOWN_VALUE", "INVALID_DATE", "INVALID_ID",
        "IMPOSSIBLE_AGE", "UNKNOWN_REGION", "ACCOUNT_NOT_EMPLOYEE", "DUPLICATE_ID", "NO_SELF", "MULTIPLE_SELF",
        "UNKNOWN_PERSON", "SELF_BINDING", "DUPLICATE_BINDING",
    ] {
        assert!(codes.contains(c), "no malformed case produces {c}");
    }
}

/// Minimal valid person JSON.
fn person(id: &str, relation: &str) -> String {
    format!(r#"{{"id":"{id}","relation":"{relation}","age":40,"insurance":{{"scheme":"employee","region":"320500"}},"account":{{"prior_years":1000,"current_year":0}},"costs":{{"personal_share":100}}}}"#)
}

#[test]
fn generated_large_inputs() {
    // Over the 1 MiB input limit: rejected before parsing.
    let big = format!(r#"{{"comment":"{}","people":[{}]}}"#, "x".repeat(1 << 20), person("me", "self"));
    let e = evaluate_json(&big, today(), false).unwrap_err();
    assert!(check_error(&e, "", "INPUT_TOO_LARGE").is_empty(), "{e}");

    // 10 000 people (about 1.3 MB with full records; a compact form under the limit): too many.
    let mut people = vec![r#"{"id":"me","relation":"self","insurance":{"scheme":"none"}}"#.to_string()];
    people.extend((1..10_000).map(|i| format!(r#"{{"id":"{i}","relation":"other","insurance":{{"scheme":"none"}}}}"#)));
    let many = format!(r#"{{"as_of":"2026-03-01","people":[{}]}}"#, people.join(","));
    assert!(many.len() < 1 << 20);
    let e = evaluate_json(&many, today(), false).unwrap_err();
    assert!(check_error(&e, "people", "TOO_MANY").is_empty(), "{e}");
    let full = format!(r#"{{"people":[{}]}}"#, (0..10_000).map(|i| person(&i.to_string(), if i == 0 { "self" } else { "sibling" })).collect::<Vec<_>>().join(","));
    let e = evaluate_json(&full, today(), false).unwrap_err();
    assert!(check_error(&e, "", "INPUT_TOO_LARGE").is_empty(), "{e}");

    // Nesting right at the limit inside an ignored field is a field error, one level more is TOO_DEEP.
    let depth = yibao_family::contract::MAX_DEPTH - 1; // the scenario object is level 0, the first "[" level 1
    let nested = format!(r#"{{"comment":{}{},"people":[{}]}}"#, "[".repeat(depth), "]".repeat(depth), person("me", "self"));
    let e = evaluate_json(&nested, today(), false).unwrap_err();
    assert!(check_error(&e, "comment", "WRONG_TYPE").is_empty(), "{e}");
    let nested = format!(r#"{{"comment":{}{},"people":[{}]}}"#, "[".repeat(depth + 1), "]".repeat(depth + 1), person("me", "self"));
    let e = evaluate_json(&nested, today(), false).unwrap_err();
    assert!(check_error(&e, "", "TOO_DEEP").is_empty(), "{e}");

    // The largest family the engine takes (30 employees, all sharing) is answered, money conserved.
    let people: Vec<String> = (0..30).map(|i| person(&format!("p{i}"), if i == 0 { "self" } else { "sibling" })).collect();
    let out = evaluate_json(&format!(r#"{{"as_of":"2026-03-01","people":[{}]}}"#, people.join(",")), today(), false).expect("30 people");
    let r: Value = serde_json::from_str(&out).unwrap();
    let mut errs = Vec::new();
    common::conservation(&r, &mut errs);
    assert!(errs.is_empty(), "{errs:?}");
}

#[test]
fn messages_follow_the_scenario_locale() {
    let text = r#"{"locale":"en","people":[{"id":"me","relation":"self","age":"x","insurance":{"scheme":"none"}}]}"#;
    let e = evaluate_json(text, today(), false).unwrap_err();
    assert!(check_error(&e, "people[0].age", "WRONG_TYPE").is_empty(), "{e}");
    assert!(e.contains("expected integer"), "{e}");
}

#[test]
fn questionnaire_state_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed/questionnaire");
    let expected: BTreeMap<String, Value> = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).expect("expected.json");
    let files = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().to_string()).filter(|n| n.ends_with(".json") && n != "expected.json").count();
    assert_eq!(files, expected.len(), "every file has an entry in expected.json and no more");
    let mut failures = Vec::new();
    for (name, exp) in &expected {
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out = questionnaire::run_json(&text, today());
        let (path, code) = (exp["path"].as_str().unwrap(), exp["code"].as_str().unwrap());
        let mut problems = check_error(&out, path, code);
        let v: Value = serde_json::from_str(&out).unwrap_or_default();
        let m = v["error"]["message"].as_str().unwrap_or_default();
        if m.contains('{') {
            problems.push(format!("unfilled placeholder: {m}"));
        }
        let listed = match code {
            "UNKNOWN_FIELD" => Some(if path.starts_with("answers.") { "my_scheme" } else { "answers" }),
            "UNKNOWN_VALUE" => Some(if path == "locale" { "zh-Hant" } else if path == "answers.my_region" { "320000" } else { "parent" }),
            "WRONG_TYPE" => Some(if path.starts_with("answers.") || path == "locale" { "string" } else { "object" }),
            _ => None,
        };
        if let Some(word) = listed {
            if !m.contains(word) {
                problems.push(format!("message should say what is allowed ({word}): {m}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} questionnaire case(s) failed:\n{}", failures.len(), failures.join("\n"));
}
