//! The wasm boundary in headless Chromium (wasm-bindgen-test): plain JS objects in and out, as
//! the page calls it. The scenario files, the malformed corpus (codes and paths) and the
//! questionnaire (its corpus of bad states and a walk to a result) replayed through
//! `wasm::evaluate` / `wasm::questionnaire`; errors are values, never a trap; `ui`, `meta` and the
//! on-demand catalogs are objects.
//!
//! Inputs are made as a page makes them: `JSON.parse` of the file's text. What JSON text can say
//! and a JS object cannot (a syntax error, a repeated key, `40000.0` as distinct from `40000`) is
//! left out, by name, below.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!       cargo test --target wasm32-unknown-unknown --features wasm --test wasm`
#![cfg(all(target_arch = "wasm32", feature = "wasm"))]

use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use yibao_family::wasm;

mod common;

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/scenario_files.rs"));

const TODAY: &str = "2026-11-22";

/// `JSON.parse(text)` (a leading BOM removed, as `Response.json()` does), or `None` when JS
/// cannot parse it.
fn js(text: &str) -> Option<JsValue> {
    js_sys::JSON::parse(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()
}

/// A value the core returned, as JSON (through `JSON.stringify`, as a page would see it).
fn json(v: &JsValue) -> Value {
    serde_json::from_str(&String::from(js_sys::JSON::stringify(v).unwrap())).unwrap()
}

fn evaluate(input: &JsValue) -> Value {
    json(&wasm::evaluate(input.clone(), Some(TODAY.into())))
}

#[wasm_bindgen_test]
fn scenario_files_replay_through_wasm() {
    assert!(SCENARIO_FILES.len() >= 40);
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (name, text) in SCENARIO_FILES {
        let case: Value = serde_json::from_str(text).unwrap();
        let input = match &case["input"] {
            // Raw text (a malformed-input case): JS would not get as far as the core.
            Value::String(s) => match js(s) {
                Some(v) => v,
                None => continue,
            },
            v => js(&v.to_string()).unwrap(),
        };
        replayed += 1;
        let out = evaluate(&input);
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
    assert!(replayed >= 40);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Corpus cases a JS object cannot express: a repeated key (JSON.parse keeps the last);
/// `40000.0`, `-0.0` and `5e4`, which are the whole numbers 40000, -0 and 50000 in JS (so
/// accepted); lone surrogates, which a JS string may hold (they reach the core as U+FFFD).
const NOT_FOR_OBJECTS: &[&str] = &[
    "account_duplicate_key.json",
    "person_duplicate_key.json",
    "top_duplicate_key.json",
    "money_integral_fraction.json",
    "money_negative_zero_fraction.json",
    "money_exponent.json",
    "syntax_high_surrogate_then_text.json",
    "syntax_lone_high_surrogate.json",
    "syntax_lone_low_surrogate.json",
    "syntax_reversed_surrogates.json",
];

#[wasm_bindgen_test]
fn malformed_corpus_through_wasm() {
    let expected: Value = serde_json::from_str(MALFORMED_FILES.iter().find(|(n, _)| *n == "expected.json").unwrap().1).unwrap();
    let (mut checked, mut failures) = (0, Vec::new());
    for (name, text) in MALFORMED_FILES.iter().filter(|(n, _)| *n != "expected.json") {
        let exp = &expected[*name];
        // Syntax errors never reach the core from JS.
        let Some(input) = js(text) else {
            assert!(exp["code"].as_str().is_some_and(|c| ["MALFORMED_JSON", "EMPTY_INPUT"].contains(&c)) || name.starts_with("syntax_"), "{name}: JS cannot parse it");
            continue;
        };
        if NOT_FOR_OBJECTS.contains(name) || matches!(exp["code"].as_str(), Some("TOO_DEEP" | "INPUT_TOO_LARGE")) {
            continue;
        }
        checked += 1;
        let out = evaluate(&input);
        let e = &out["error"];
        let problem = if exp.get("accept").is_some() {
            let mut errs = Vec::new();
            if e.is_object() {
                errs.push(format!("should be accepted, got {e}"));
            } else {
                common::conservation(&out, &mut errs);
            }
            errs.join("; ")
        } else {
            let code = exp["code"].as_str().unwrap();
            let path = exp["path"].as_str().unwrap();
            let message = e["message"].as_str().unwrap_or("");
            if e["code"] != code || e["path"] != path {
                format!("got {} at {}, want {code} at {path:?}", e["code"], e["path"])
            } else if message.is_empty() || !message.contains(path) {
                format!("message does not name the path: {message}")
            } else {
                String::new()
            }
        };
        if !problem.is_empty() {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(checked >= 90, "only {checked} corpus cases checked");
    assert!(failures.is_empty(), "{} case(s):\n{}", failures.len(), failures.join("\n"));
}

#[wasm_bindgen_test]
fn questionnaire_state_corpus_through_wasm() {
    let expected: Value = serde_json::from_str(MALFORMED_STATES.iter().find(|(n, _)| *n == "expected.json").unwrap().1).unwrap();
    let mut failures = Vec::new();
    for (name, text) in MALFORMED_STATES.iter().filter(|(n, _)| *n != "expected.json") {
        let Some(state) = js(text) else { continue };
        let exp = &expected[*name];
        let out = json(&wasm::questionnaire(state, Some(TODAY.into())));
        let code = exp["code"].as_str().unwrap();
        let path = exp["path"].as_str().unwrap();
        if out["error"]["code"] != code || out["error"]["path"] != path {
            failures.push(format!("{name}: got {}, want {code} at {path:?}", out["error"]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn invalid_input_is_a_value_not_a_trap() {
    for (input, code) in [(JsValue::NULL, "WRONG_TYPE"), (JsValue::UNDEFINED, "WRONG_TYPE"), (JsValue::from_str("{}"), "WRONG_TYPE"), (js("[]").unwrap(), "WRONG_TYPE"), (js(r#"{"people":[]}"#).unwrap(), "NO_SELF")] {
        let v = evaluate(&input);
        assert_eq!(v["error"]["code"], code, "{v}");
        assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let v = json(&wasm::evaluate(js("{}").unwrap(), Some("not-a-date".into())));
    assert_eq!(v["error"]["path"], "today");
    // A type error names its field, in the scenario's locale.
    let v = evaluate(&js(r#"{"locale":"en","people":[{"id":"me","relation":"self","age":"x","insurance":{"scheme":"none"}}]}"#).unwrap());
    assert_eq!(v["error"]["code"], "WRONG_TYPE");
    assert_eq!(v["error"]["path"], "people[0].age");
    assert!(v["error"]["message"].as_str().unwrap().contains("expected integer"), "{v}");
    // The instance still works after errors.
    let ok = evaluate(&js(r#"{"as_of":"2026-03-01","people":[{"id":"me","relation":"self","insurance":{"scheme":"resident","status":"active","region":"110000"}}]}"#).unwrap());
    assert_eq!(ok["people"][0]["recommendation"], "neither");
}

/// What the boundary makes of JS values JSON text cannot hold (`wasm::tree`): a `Map` is an
/// object, `undefined` null; a function, a symbol, a BigInt, a typed array, an `ArrayBuffer` or a
/// `Set` is a type error at its place.
#[wasm_bindgen_test]
fn js_values_json_cannot_hold() {
    let eval = |src: &str| json(&wasm::evaluate(js_sys::eval(src).unwrap(), Some(TODAY.into())));
    let person = r#"{id:"me",relation:"self",insurance:{scheme:"resident",status:"active",region:"110000"}}"#;
    let plain = eval(&format!(r#"({{as_of:"2026-03-01",people:[{person}]}})"#));
    assert_eq!(plain["people"][0]["recommendation"], "neither", "{plain}");
    let map = eval(&format!(r#"new Map([["as_of","2026-03-01"],["people",[new Map(Object.entries({person}))]]])"#));
    assert_eq!(map, plain, "a Map is read as the object of its entries");
    let undefined = eval(&format!(r#"({{as_of:"2026-03-01",locale:undefined,people:[{person}]}})"#));
    assert_eq!(undefined, plain, "undefined is null, and null is absent");
    let in_age = |v: &str| format!(r#"({{as_of:"2026-03-01",people:[Object.assign({person},{{age:{v}}})]}})"#);
    for (what, src, path) in [
        ("a function", "() => 1".to_string(), ""),
        ("a symbol", "Symbol('x')".into(), ""),
        ("a typed array", "new Uint8Array(2)".into(), ""),
        ("an ArrayBuffer", "new ArrayBuffer(2)".into(), ""),
        ("a Set", "new Set([1])".into(), ""),
        ("a function in a field", in_age("() => 1"), "people[0].age"),
        ("a BigInt in a field", in_age("40n"), "people[0].age"),
        ("a Map with a number for a key", r#"({as_of:"2026-03-01",people:[new Map([[1, 2]])]})"#.into(), "people[0]"),
    ] {
        let v = eval(&format!("({src})"));
        assert_eq!((v["error"]["code"].as_str(), v["error"]["path"].as_str()), (Some("WRONG_TYPE"), Some(path)), "{what}: {v}");
        assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {v}");
    }
    // Nested too deep, or cyclic: TOO_DEEP at the root, as for JSON text.
    let cyclic = eval(r#"(() => { const a = {as_of: "2026-03-01"}; a.people = [a]; return a; })()"#);
    assert_eq!((cyclic["error"]["code"].as_str(), cyclic["error"]["path"].as_str()), (Some("TOO_DEEP"), Some("")), "{cyclic}");
    // A class instance that is not iterable is an object of its own members.
    let inst = eval(&format!(r#"new (class {{ constructor() {{ this.as_of = "2026-03-01"; this.people = [{person}]; }} }})()"#));
    assert_eq!(inst, plain);
}

#[wasm_bindgen_test]
fn today_defaults_to_china_standard_time() {
    // No `today` and no `as_of`: the report is for today's date in UTC+8, from js_sys::Date.
    let ms = js_sys::Date::now() + 8.0 * 3600e3;
    let expect: String = String::from(js_sys::Date::new(&JsValue::from_f64(ms)).to_iso_string()).chars().take(10).collect();
    let sc = js(r#"{"people":[{"id":"me","relation":"self","insurance":{"scheme":"resident","region":"110000"}}]}"#).unwrap();
    let v = json(&wasm::evaluate(sc, None));
    assert_eq!(v["as_of"], expect.as_str(), "{v}");
}

#[wasm_bindgen_test]
fn questionnaire_reaches_a_result() {
    let mut answers = serde_json::Map::new();
    for _ in 0..12 {
        let state = serde_json::json!({ "locale": "zh-Hans", "region": "320500", "as_of": "2026-03-01", "answers": answers });
        let v = json(&wasm::questionnaire(js(&state.to_string()).unwrap(), Some(TODAY.into())));
        assert!(v.get("error").is_none(), "{v}");
        if v["done"] == true {
            assert!(["family_account", "gongji", "both", "neither", "undecided"].contains(&v["outcome"]["recommendation"].as_str().unwrap()));
            return;
        }
        let q = &v["question"];
        answers.insert(q["id"].as_str().unwrap().into(), q["options"][0]["value"].clone());
    }
    panic!("the questionnaire did not finish");
}

#[wasm_bindgen_test]
fn ui_and_meta_are_objects() {
    let ui = wasm::ui("en");
    assert!(ui.is_object() && !js_sys::Array::is_array(&ui), "a plain object, not a Map");
    assert!(json(&ui).as_object().unwrap().len() > 5);
    let meta = json(&wasm::meta("zh-Hans"));
    assert!(meta["regions"].as_array().unwrap().len() > 30);
    assert!(meta["coverage"]["from"].is_string());
    // The contract's limits, for a page that says them in words (the calculator: 10 亿元).
    assert_eq!(meta["limits"]["money"], 100_000_000_000i64);
    assert_eq!(meta["limits"]["age"], 130);
    assert_eq!(meta["limits"]["people"], 30);
}

#[wasm_bindgen_test]
fn other_locales_load_on_demand() {
    let sc = r#"{"as_of":"2026-03-01","locale":"en","people":[{"id":"me","relation":"self","insurance":{"scheme":"resident","status":"active","region":"110000"}}]}"#;
    let before = evaluate(&js(sc).unwrap());
    // The form scripts/build-site.mjs ships (build.rs writes the same for this test): the texts in
    // the core's index order, headed by the hash of its key list. The source form is refused.
    let refused = json(&wasm::set_catalog("en", js(include_str!("../i18n/en.json")).unwrap()));
    assert_eq!(refused["error"]["code"], "WRONG_TYPE");
    let shipped = include_str!(concat!(env!("OUT_DIR"), "/en.catalog.json"));
    let refused = json(&wasm::set_catalog("en", js(&shipped.replacen("sha256:", "sha256:0", 1)).unwrap()));
    assert_eq!(refused["error"]["code"], "UNKNOWN_VALUE", "a catalog for another key list");
    assert!(!wasm::has_catalog("en"));
    let v = json(&wasm::set_catalog("en", js(shipped).unwrap()));
    assert!(v["keys"].as_u64().unwrap() > 100, "{v}");
    assert!(wasm::has_catalog("en"));
    let after = evaluate(&js(sc).unwrap());
    assert_ne!(before, after, "English texts after loading the catalog");
    let bad = json(&wasm::set_catalog("zh-Hant", JsValue::from_str("[")));
    assert_eq!(bad["error"]["code"], "WRONG_TYPE");
}

/// `evaluation(scenario)` answers once; its `report(locale)`, called as a page calls it, writes
/// that answer in another locale, and each rendering is what `evaluate` gives for the scenario in
/// that locale, on every scenario file. (zh-Hant only: `other_locales_load_on_demand` needs the
/// English catalog not yet installed.)
#[wasm_bindgen_test]
fn a_locale_switch_re_renders_without_re_running_the_rules() {
    let shipped = include_str!(concat!(env!("OUT_DIR"), "/zh-Hant.catalog.json"));
    assert!(json(&wasm::set_catalog("zh-Hant", js(shipped).unwrap()))["keys"].as_u64().is_some());
    let with_locale = |v: &Value, loc: &str| {
        let mut v = v.clone();
        v["locale"] = loc.into();
        js(&v.to_string()).unwrap()
    };
    let mut switched = 0;
    for (name, text) in SCENARIO_FILES {
        let case: Value = serde_json::from_str(text).unwrap();
        if case.get("expect").is_none() || !case["input"].is_object() {
            continue;
        }
        let ev = wasm::evaluation(with_locale(&case["input"], "zh-Hans"), Some(TODAY.into()));
        assert!(json(&ev).get("error").is_none() && ev.is_object(), "{name}");
        let report = js_sys::Function::from(js_sys::Reflect::get(&ev, &"report".into()).unwrap());
        let mut texts = Vec::new();
        for loc in ["zh-Hans", "zh-Hant"] {
            let rendered = json(&report.call1(&ev, &loc.into()).unwrap());
            assert_eq!(rendered, evaluate(&with_locale(&case["input"], loc)), "{name}: report({loc}) ≠ evaluate in {loc}");
            texts.push(rendered);
        }
        assert_ne!(texts[0], texts[1], "{name}: the two renderings differ");
        switched += 1;
    }
    assert!(switched >= 40, "{switched}");
    // An input error is a value, as from `evaluate`.
    let bad = json(&wasm::evaluation(js(r#"{"people":[]}"#).unwrap(), Some(TODAY.into())));
    assert!(bad["error"]["code"].is_string(), "{bad}");
}
