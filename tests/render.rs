//! Rules emit data; text is rendered once, at the edge (issue 11, item 3).
//!
//! `rules::run` gives a report whose reasons, steps, notices and next steps are messages (a
//! catalog key and typed arguments), in no locale; `contract::Report::new` writes them in the
//! locale asked for. So a locale switch re-renders the report the rules gave once, and gives
//! exactly what evaluating the scenario in that locale gives.
// Native only: the JSON-text API (serde_json) it replays is not in wasm32 builds.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use std::path::Path;
use yibao_family::{contract::Report, date::Date, evaluate_json, model::Locale, rules, scenario_from_json, to_json};

const LOCALES: [Locale; 3] = [Locale::ZhHans, Locale::ZhHant, Locale::En];

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

/// Every scenario file's input that is a valid scenario: (file name, input as JSON text).
fn scenarios() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let input = &case["input"];
        if input.is_object() && scenario_from_json(&input.to_string(), today()).is_ok() {
            out.push((f.file_name().unwrap().to_string_lossy().into_owned(), input.clone()));
        }
    }
    assert!(out.len() > 60, "only {} valid scenario files", out.len());
    out
}

fn with_locale(input: &Value, locale: Locale) -> String {
    let mut v = input.clone();
    v.as_object_mut().unwrap().insert("locale".into(), json!(locale.as_str()));
    v.to_string()
}

/// The test the issue asks for: the rules run once per scenario, and the one report they give is
/// rendered in zh-Hans, zh-Hant and en; each rendering is, byte for byte, what evaluating the
/// scenario in that locale gives.
#[test]
fn a_locale_switch_re_renders_the_report_without_re_running_the_rules() {
    let mut differ = 0;
    for (name, input) in scenarios() {
        let sc = scenario_from_json(&input.to_string(), today()).unwrap();
        // The only evaluation of this scenario in the test.
        let report = rules::run(&sc);
        let mut rendered = Vec::new();
        for locale in LOCALES {
            let switched = to_json(&Report::new(&sc, &report, locale), false);
            let evaluated = evaluate_json(&with_locale(&input, locale), today(), false).unwrap();
            assert_eq!(switched, evaluated, "{name}: rendered in {} ≠ evaluated in {}", locale.as_str(), locale.as_str());
            rendered.push(switched);
        }
        // The renderings are in different languages (every report has a coverage step or notice).
        assert_ne!(rendered[0], rendered[2], "{name}: zh-Hans and en renderings are the same");
        differ += usize::from(rendered[0] != rendered[1]);
    }
    assert!(differ > 60, "zh-Hans and zh-Hant differ in only {differ} scenarios");
}

/// What the rules give does not depend on the locale at all: the scenario in any locale gives the
/// same (locale-free) report.
#[test]
fn the_rules_do_not_read_the_locale() {
    for (name, input) in scenarios() {
        let reports: Vec<_> = LOCALES.iter().map(|&l| rules::run(&scenario_from_json(&with_locale(&input, l), today()).unwrap())).collect();
        assert_eq!(reports[0], reports[1], "{name}: zh-Hans and zh-Hant");
        assert_eq!(reports[0], reports[2], "{name}: zh-Hans and en");
    }
}

/// The report states what the page needs: `verified` on every reason, step, channel and notice,
/// and `unverified_used` exactly when one of them is unverified (the page infers nothing).
#[test]
fn every_reason_and_notice_says_whether_it_is_verified() {
    /// The lists whose every element carries `verified` (a next step's own flag is its channels').
    const FLAGGED: [&str; 6] = ["reasons", "why", "steps", "channels", "warnings", "not_covered"];
    fn visit(v: &Value, name: &str, flags: &mut Vec<bool>) {
        match v {
            Value::Object(o) => {
                for (k, x) in o.iter().filter(|(k, _)| *k != "sources") {
                    if FLAGGED.contains(&k.as_str()) {
                        for item in x.as_array().unwrap_or_else(|| panic!("{name}: {k} is not a list")) {
                            let flag = item.get("verified").and_then(Value::as_bool);
                            flags.push(flag.unwrap_or_else(|| panic!("{name}: no verified flag in {k}: {item}")));
                        }
                    }
                    visit(x, name, flags);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| visit(x, name, flags)),
            _ => {}
        }
    }
    let (mut with, mut without) = (0, 0);
    for (name, input) in scenarios() {
        let report: Value = serde_json::from_str(&evaluate_json(&input.to_string(), today(), false).unwrap()).unwrap();
        let mut flags = Vec::new();
        visit(&report, &name, &mut flags);
        assert!(!flags.is_empty(), "{name}");
        let any_unverified = flags.iter().any(|f| !f);
        assert_eq!(report["unverified_used"], json!(any_unverified), "{name}");
        if any_unverified {
            with += 1;
        } else {
            without += 1;
        }
    }
    assert!(with > 0 && without > 0, "{with} scenarios use unverified values, {without} do not");
}
