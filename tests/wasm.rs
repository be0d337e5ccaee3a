//! The wasm boundary in headless Chromium (wasm-bindgen-test): the repo's scenario files
//! replayed through `wasm::evaluate` give the expected reports (the same partial expectations
//! and money checks as the native replay), and invalid input gives structured errors, never a trap.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!       cargo test --target wasm32-unknown-unknown --features wasm --test wasm`
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

use serde_json::Value;
use wasm_bindgen_test::*;
use yibao_family::wasm;

mod common;

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/scenario_files.rs"));

#[wasm_bindgen_test]
fn scenario_files_replay_through_wasm() {
    assert!(SCENARIO_FILES.len() >= 40);
    let mut failures = Vec::new();
    for (name, text) in SCENARIO_FILES {
        let case: Value = serde_json::from_str(text).unwrap();
        let input = match &case["input"] {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        let out: Value = serde_json::from_str(&wasm::evaluate(&input, "2026-11-22")).unwrap();
        let mut errs = Vec::new();
        match (case.get("expect"), case.get("expect_error")) {
            (Some(exp), _) => {
                if out.get("error").is_some() {
                    errs.push(format!("unexpected error {out}"));
                } else {
                    common::matches(exp, &out, "", &mut errs);
                    common::conservation(&out, &mut errs);
                }
            }
            (_, Some(exp)) => common::matches(exp, &out["error"], "error", &mut errs),
            _ => errs.push("no expectation".into()),
        }
        if !errs.is_empty() {
            failures.push(format!("{name}: {}", errs.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn invalid_input_is_a_value_not_a_trap() {
    for (input, code) in [("{", "MALFORMED_JSON"), ("", "EMPTY_INPUT"), ("null", "WRONG_TYPE"), (r#"{"people":[]}"#, "NO_SELF")] {
        let v: Value = serde_json::from_str(&wasm::evaluate(input, "2026-11-22")).unwrap();
        assert_eq!(v["error"]["code"], code, "{input}");
    }
    let v: Value = serde_json::from_str(&wasm::evaluate("{}", "not-a-date")).unwrap();
    assert_eq!(v["error"]["path"], "today");
    // The instance still works after errors.
    let ok: Value = serde_json::from_str(&wasm::evaluate(r#"{"as_of":"2026-03-01","people":[{"id":"me","relation":"self","insurance":{"scheme":"resident","status":"active","region":"110000"}}]}"#, "2026-11-22")).unwrap();
    assert_eq!(ok["people"][0]["recommendation"], "neither");
}

#[wasm_bindgen_test]
fn questionnaire_reaches_a_result() {
    let mut answers = serde_json::Map::new();
    for _ in 0..12 {
        let state = serde_json::json!({ "locale": "zh-Hans", "region": "320500", "as_of": "2026-03-01", "answers": answers });
        let v: Value = serde_json::from_str(&wasm::questionnaire(&state.to_string(), "2026-11-22")).unwrap();
        assert!(v.get("error").is_none(), "{v}");
        if v["done"] == true {
            assert!(["family_account", "gongji", "both", "neither"].contains(&v["report"]["people"][1]["recommendation"].as_str().unwrap()));
            return;
        }
        let q = &v["question"];
        answers.insert(q["id"].as_str().unwrap().into(), q["options"][0]["value"].clone());
    }
    panic!("the questionnaire did not finish");
}

#[wasm_bindgen_test]
fn ui_and_meta_are_json() {
    let ui: Value = serde_json::from_str(&wasm::ui("en")).unwrap();
    assert!(ui.as_object().unwrap().len() > 5);
    let meta: Value = serde_json::from_str(&wasm::meta("zh-Hans")).unwrap();
    assert!(meta["regions"].as_array().unwrap().len() > 30);
}

#[wasm_bindgen_test]
fn other_locales_load_on_demand() {
    let sc = r#"{"as_of":"2026-03-01","locale":"en","people":[{"id":"me","relation":"self","insurance":{"scheme":"resident","status":"active","region":"110000"}}]}"#;
    let before = wasm::evaluate(sc, "2026-11-22");
    // The form scripts/build-site.mjs ships (build.rs writes the same for this test): the texts in
    // the core's index order, headed by the hash of its key list. The source form is refused.
    let refused: Value = serde_json::from_str(&wasm::set_catalog("en", include_str!("../i18n/en.json"))).unwrap();
    assert_eq!(refused["error"]["code"], "WRONG_TYPE");
    let shipped = include_str!(concat!(env!("OUT_DIR"), "/en.catalog.json"));
    let other_keys = shipped.replacen("sha256:", "sha256:0", 1);
    let refused: Value = serde_json::from_str(&wasm::set_catalog("en", &other_keys)).unwrap();
    assert_eq!(refused["error"]["code"], "UNKNOWN_VALUE", "a catalog for another key list");
    assert!(!wasm::has_catalog("en"));
    let v: Value = serde_json::from_str(&wasm::set_catalog("en", shipped)).unwrap();
    assert!(v["keys"].as_u64().unwrap() > 100, "{v}");
    assert!(wasm::has_catalog("en"));
    let after = wasm::evaluate(sc, "2026-11-22");
    assert_ne!(before, after, "English texts after loading the catalog");
    let bad: Value = serde_json::from_str(&wasm::set_catalog("zh-Hant", "[")).unwrap();
    assert_eq!(bad["error"]["code"], "MALFORMED_JSON");
}
