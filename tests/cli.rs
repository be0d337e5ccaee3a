//! The `yibao` binary: report on stdout with exit 0; structured error on stderr with exit 2.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Stdio};

fn yibao(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yibao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const FAMILY: &str = r#"{"as_of":"2024-10-01","people":[
 {"id":"me","relation":"self","age":40,"insurance":{"scheme":"employee","status":"active","region":"430100"},"account":{"prior_years":300000,"current_year":50000}},
 {"id":"gran","relation":"grandparent","age":82,"smartphone":false,"insurance":{"scheme":"resident","status":"active","region":"430522"},"costs":{"personal_share":80000}}]}"#;

#[test]
fn evaluate_from_stdin_prints_the_report() {
    let (code, out, err) = yibao(&["evaluate", "-"], FAMILY);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["as_of"], "2024-10-01");
    assert!(v["receipt"]["rules_version"].is_string());
    // Hunan extended sharing to all 近亲属 by 2024-08-15 (S14): a grandparent qualifies.
    let gran = v["people"].as_array().unwrap().iter().find(|p| p["id"] == "gran").unwrap();
    assert_eq!(gran["recommendation"], "both");
    assert_eq!(gran["money"]["shared"], 80000);
}

#[test]
fn evaluate_from_a_file_and_compact_output() {
    let path = std::env::temp_dir().join("yibao-cli-test.json");
    std::fs::write(&path, FAMILY).unwrap();
    let (code, out, _) = yibao(&["evaluate", path.to_str().unwrap(), "--compact"], "");
    assert_eq!(code, 0);
    assert_eq!(out.trim().lines().count(), 1);
}

#[test]
fn invalid_input_exits_2_with_the_field() {
    let bad = FAMILY.replace("\"age\":82", "\"age\":200");
    let (code, out, err) = yibao(&["evaluate", "-"], &bad);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(v["error"]["path"], "people[1].age");
    assert_eq!(v["error"]["code"], "IMPOSSIBLE_AGE");
    for (input, path, code) in [
        ("{", "", "MALFORMED_JSON"),
        ("", "", "EMPTY_INPUT"),
        ("[]", "", "WRONG_TYPE"),
        (r#"{"people":[{"id":"me","relation":"self","insurance":{"scheme":"employee","status":"active","region":"999999"}}]}"#, "people[0].insurance.region", "UNKNOWN_REGION"),
    ] {
        let (c, _, e) = yibao(&["evaluate", "-"], input);
        assert_eq!(c, 2, "{input}");
        let v: serde_json::Value = serde_json::from_str(&e).unwrap_or_else(|_| panic!("not JSON: {e}"));
        assert_eq!(v["error"]["code"], code, "{input}");
        assert_eq!(v["error"]["path"], path, "{input}");
    }
}

#[test]
fn unreadable_file_and_bad_usage() {
    let (code, _, err) = yibao(&["evaluate", "/nonexistent/x.json"], "");
    assert_eq!(code, 2);
    assert!(err.contains("READ_FAILED"));
    let (code, _, _) = yibao(&["frobnicate"], "");
    assert_ne!(code, 0);
    let (code, out, _) = yibao(&["rules"], "");
    assert_eq!(code, 0);
    assert!(out.contains("rules_hash"));
}

#[path = "common/households.rs"]
mod households;

/// `yibao batch`: generated households with bad lines mixed in give exactly as many lines out as
/// in, each bad line's error in its place, each good line the same report `evaluate` gives.
#[test]
fn batch_answers_every_line_in_order() {
    let mut g = households::Gen::new(2026);
    let mut lines = Vec::new();
    let mut bad = Vec::new();
    for i in 0..600 {
        if g.below(7) == 0 {
            bad.push(i);
            lines.push(households::bad_line(&mut g));
        } else {
            lines.push(households::household(&mut g));
        }
    }
    let input = lines.join("\n") + "\n";
    let (code, out, err) = yibao(&["batch", "-"], &input);
    assert_eq!(code, 0, "{err}");
    let outs: Vec<&str> = out.lines().collect();
    assert_eq!(outs.len(), lines.len());
    for (i, (line_in, line_out)) in lines.iter().zip(&outs).enumerate() {
        let v: serde_json::Value = serde_json::from_str(line_out).unwrap();
        if bad.contains(&i) {
            assert!(v["error"]["code"].is_string(), "line {i}: {line_out}");
        } else {
            // The same report as `yibao evaluate` on that line alone.
            let alone = yibao_family::evaluate_json(line_in, yibao_family::date::Date::parse("2026-01-01").unwrap(), false).unwrap();
            let alone: serde_json::Value = serde_json::from_str(&alone).unwrap();
            assert_eq!(v["people"], alone["people"], "line {i}");
            assert_eq!(v["plan"], alone["plan"], "line {i}");
        }
    }
    // --summary: one object of totals.
    let (code, out, _) = yibao(&["batch", "-", "--summary"], &input);
    assert_eq!(code, 0);
    let s: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(s["lines"], lines.len());
    assert_eq!(s["errors"], bad.len());
    assert_eq!(s["households"], lines.len() - bad.len());
    let by: u64 = s["by_province"].as_array().unwrap().iter().map(|p| p["households"].as_u64().unwrap()).sum();
    assert_eq!(by, s["households"].as_u64().unwrap());
    assert!(s["shared"].as_i64().unwrap() > 0 && s["gain_from_gongji"].as_u64().unwrap() > 0);
    let recs: u64 = s["recommendations"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
    assert_eq!(recs, s["people"].as_u64().unwrap());
}
