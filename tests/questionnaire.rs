//! The questionnaire's routing (GOV.UK Smart Answers style: a test for every next question), the
//! four recommendations reachable, 不清楚 everywhere still answering, and the answer count.
// Native only: the JSON-text API (serde_json) it replays is not in wasm32 builds (`wasm-pack test`
// builds every test target for wasm32; tests/wasm.rs covers the wasm boundary).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Map, Value};
use yibao_family::{date::Date, questionnaire::run_json};

fn view(answers: &Value, region: Option<&str>) -> Value {
    let st = json!({ "locale": "zh-Hans", "region": region, "as_of": "2026-03-01", "answers": answers });
    serde_json::from_str(&run_json(&st.to_string(), Date::parse("2026-11-22").unwrap())).unwrap()
}

fn next_id(answers: Value, region: Option<&str>) -> String {
    let v = view(&answers, region);
    assert_eq!(v["done"], false, "{v}");
    v["question"]["id"].as_str().unwrap().to_string()
}

/// Answers the questions in order from `script` (id → value); returns the final view and count.
fn run(script: &[(&str, &str)], region: Option<&str>) -> (Value, usize) {
    let mut answers = Map::new();
    for n in 0..12 {
        let v = view(&Value::Object(answers.clone()), region);
        if v["done"] == true {
            return (v, n);
        }
        let id = v["question"]["id"].as_str().unwrap().to_string();
        let value = script.iter().find(|(k, _)| *k == id).map(|(_, v)| *v).unwrap_or_else(|| panic!("script has no answer for {id}"));
        answers.insert(id, json!(value));
    }
    panic!("did not finish");
}

fn rec(v: &Value) -> &str {
    v["report"]["people"][v["subject_index"].as_u64().unwrap() as usize]["recommendation"].as_str().unwrap()
}

#[test]
fn every_next_question() {
    assert_eq!(next_id(json!({}), Some("320500")), "who");
    assert_eq!(next_id(json!({}), None), "who");
    assert_eq!(next_id(json!({"who": "parent"}), None), "my_region");
    assert_eq!(next_id(json!({"who": "parent"}), Some("320500")), "phone");
    assert_eq!(next_id(json!({"who": "parent", "phone": "cannot"}), Some("320500")), "my_scheme");
    assert_eq!(next_id(json!({"who": "parent", "phone": "cannot", "my_scheme": "employee_balance"}), Some("320500")), "their_scheme");
    assert_eq!(next_id(json!({"who": "parent", "phone": "cannot", "my_scheme": "employee_balance", "their_scheme": "resident"}), Some("320500")), "place");
    assert_eq!(next_id(json!({"who": "parent", "phone": "cannot", "my_scheme": "employee_balance", "their_scheme": "resident", "place": "same_city"}), Some("320500")), "costs");
    assert_eq!(next_id(json!({"who": "parent", "phone": "cannot", "my_scheme": "employee_balance", "their_scheme": "resident", "place": "other_province"}), Some("320500")), "their_province");
    // Sharing impossible → geography and costs are not asked.
    let v = view(&json!({"who": "parent", "phone": "cannot", "my_scheme": "resident", "their_scheme": "resident"}), Some("320500"));
    assert_eq!(v["done"], true);
    let v = view(&json!({"who": "parent_in_law", "phone": "cannot", "my_scheme": "employee_balance", "their_scheme": "resident"}), Some("320500"));
    assert_eq!(v["done"], true);
}

#[test]
fn all_four_recommendations_are_reachable() {
    let r = Some("320500");
    let (v, n) = run(&[("who", "parent"), ("phone", "cannot"), ("my_scheme", "employee_balance"), ("their_scheme", "resident"), ("place", "same_city"), ("costs", "yes")], r);
    assert_eq!(rec(&v), "both");
    assert!(n <= 6);
    let (v, _) = run(&[("who", "parent"), ("phone", "can"), ("my_scheme", "employee_balance"), ("their_scheme", "resident"), ("place", "same_city"), ("costs", "yes")], r);
    assert_eq!(rec(&v), "gongji");
    let (v, n) = run(&[("who", "parent"), ("phone", "cannot"), ("my_scheme", "resident"), ("their_scheme", "resident")], r);
    assert_eq!(rec(&v), "family_account");
    assert_eq!(n, 4);
    let (v, _) = run(&[("who", "spouse"), ("phone", "can"), ("my_scheme", "none"), ("their_scheme", "resident")], r);
    assert_eq!(rec(&v), "neither");
}

#[test]
fn changing_an_earlier_answer_keeps_the_rest() {
    let mut a = json!({"who": "parent", "phone": "cannot", "my_scheme": "employee_balance", "their_scheme": "resident", "place": "same_city", "costs": "yes"});
    assert_eq!(rec(&view(&a, Some("320500"))), "both");
    a["phone"] = json!("can");
    assert_eq!(rec(&view(&a, Some("320500"))), "gongji");
    // An answer that no longer applies is ignored.
    a["my_scheme"] = json!("resident");
    let v = view(&a, Some("320500"));
    assert_eq!(v["done"], true);
    assert!(v["answered"].as_array().unwrap().iter().all(|x| x["id"] != "place"));
}

#[test]
fn not_sure_everywhere_still_answers_conditionally() {
    let script: Vec<(&str, &str)> = yibao_family::questionnaire::ORDER.iter().map(|id| (*id, "unknown")).collect();
    let (v, _) = run(&script, None);
    assert_eq!(v["done"], true);
    let p = &v["report"]["people"][1];
    assert_eq!(p["conditional"], true, "{p}");
    assert!(!v["assumptions"].as_array().unwrap().is_empty());
}

#[test]
fn median_answers_for_small_families_is_at_most_six() {
    let mut counts = Vec::new();
    for who in ["parent", "spouse", "child", "grandparent", "sibling", "parent_in_law"] {
        for phone in ["can", "cannot", "under16"] {
            for my in ["employee_balance", "resident"] {
                let (_, n) = run(&[("who", who), ("phone", phone), ("my_scheme", my), ("their_scheme", "resident"), ("place", "same_city"), ("costs", "yes")], Some("430100"));
                counts.push(n);
            }
        }
    }
    counts.sort_unstable();
    assert!(counts[counts.len() / 2] <= 6, "{counts:?}");
}

#[test]
fn bad_state_is_a_structured_error() {
    for (st, path) in [
        (r#"{"answers":{"who":"martian"}}"#, "answers.who"),
        (r#"{"answers":{"nope":"x"}}"#, "answers.nope"),
        (r#"{"region":"999999"}"#, "region"),
        (r#"{"locale":"fr"}"#, "locale"),
        ("[", ""),
    ] {
        let v: Value = serde_json::from_str(&run_json(st, Date::parse("2026-11-22").unwrap())).unwrap();
        assert_eq!(v["error"]["path"], path, "{st}");
    }
}

#[test]
fn the_result_states_no_placeholder_amount() {
    let a = json!({"who": "parent", "phone": "cannot", "my_scheme": "employee_balance", "their_scheme": "resident", "place": "same_city", "costs": "yes"});
    let v = view(&a, Some("320500"));
    let why = v["report"]["people"][1]["why"].to_string();
    assert!(why.contains("GONGJI_PAYS") && !why.contains("1,000.00"), "{why}");
}

fn view_on(answers: &Value, region: Option<&str>, today: &str) -> Value {
    // No `as_of` in the state: the page's "today" decides, as in the widget.
    let st = json!({ "locale": "zh-Hans", "region": region, "answers": answers });
    serde_json::from_str(&run_json(&st.to_string(), Date::parse(today).unwrap())).unwrap()
}

#[test]
fn costs_not_known_recommend_sharing_conditionally() {
    // 不清楚 for costs is unknown, not zero: sharing costs nothing to set up and pays when there
    // are costs, so it is recommended, conditionally, with that reason.
    let a = json!({"who": "parent", "phone": "can", "my_scheme": "employee_balance", "their_scheme": "resident", "place": "same_city", "costs": "unknown"});
    let v = view(&a, Some("320500"));
    let p = &v["report"]["people"][1];
    assert_eq!(p["recommendation"], "gongji", "{p}");
    assert_eq!(p["conditional"], true);
    assert_eq!(p["costs_known"], false);
    assert!(p["why"].as_array().unwrap().iter().any(|w| w["code"] == "COSTS_UNKNOWN"), "{p}");
    assert!(v["report"]["plan"].as_array().unwrap().iter().any(|b| b["kind"] == "gongji" && b["conditional"] == true));
    // "No costs" is a decided no for sharing.
    let mut a = a;
    a["costs"] = json!("no");
    let p = &view(&a, Some("320500"))["report"]["people"][1];
    assert_eq!(p["recommendation"], "neither", "{p}");
    assert_eq!(p["conditional"], false);
}

/// Every answer combination (on a fixed family shape) ends in a recommendation that never says
/// "neither" while something was left 不清楚 that could change it, and never contradicts itself
/// ("符合共济条件，但…没有可用余额" beside an uncertain answer).
#[test]
fn no_unknown_answer_ends_in_neither_by_default() {
    let phones = ["can", "cannot", "under16", "unknown"];
    let mine = ["employee_balance", "employee_zero", "resident", "none", "unknown"];
    let theirs = ["employee", "resident", "none", "unknown"];
    let places = ["same_city", "same_province", "other_province", "unknown"];
    let costs = ["yes", "no", "unknown"];
    for who in ["parent", "sibling", "parent_in_law", "unknown"] {
        for phone in phones {
            for my in mine {
                for their in theirs {
                    for place in places {
                        for cost in costs {
                            let a = json!({"who": who, "phone": phone, "my_scheme": my, "their_scheme": their, "place": place, "their_province": "440000", "costs": cost});
                            let v = view(&a, Some("320500"));
                            let p = &v["report"]["people"][1];
                            let rec = p["recommendation"].as_str().unwrap();
                            let unknown_that_matters = phone == "unknown" && their != "none";
                            if rec == "neither" {
                                assert!(!unknown_that_matters, "neither with an unknown phone: {a}\n{p}");
                                assert_eq!(p["conditional"], false, "a 'neither' is a decided answer: {a}\n{p}");
                            }
                            if p["gongji"]["certain"] == false {
                                // An uncertain sharing answer never reads as a certain one.
                                let why = p["why"].to_string();
                                assert!(!why.contains("符合共济条件") || why.contains("可能符合共济条件"), "uncertain sharing stated as certain: {a}\n{why}");
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn a_clock_past_the_review_still_answers_with_the_review_line() {
    // The Suzhou daughter helping her mother who has no smartphone, on 2027-01-15 and 2028-09-01.
    let a = json!({"who": "parent", "phone": "cannot", "my_scheme": "employee_balance", "their_scheme": "resident", "place": "same_city", "costs": "yes"});
    for (today, status, conditional) in [("2027-01-15", "past_review", false), ("2028-09-01", "beyond_lookahead", true)] {
        let v = view_on(&a, Some("320500"), today);
        let r = &v["report"];
        assert_eq!(r["as_of"], today);
        assert_eq!(r["review"]["status"], status);
        assert!(r["review"]["text"].as_str().unwrap().contains("2026-12-06"), "{}", r["review"]);
        let p = &r["people"][1];
        assert_eq!(p["recommendation"], "both", "{today}: {p}");
        assert_eq!(p["conditional"], conditional, "{today}");
    }
    // Before the rules existed: 无法判断, never "neither".
    let v = view_on(&a, Some("320500"), "2020-06-01");
    assert_eq!(v["report"]["people"][1]["recommendation"], "undecided");
}

/// The questionnaire's amounts are placeholders: no reason it shows names an amount.
#[test]
fn no_reason_names_a_placeholder_amount() {
    for who in ["parent", "unknown", "grandchild"] {
        for phone in ["cannot", "unknown"] {
            for place in ["same_city", "unknown", "other_province"] {
                let a = json!({"who": who, "phone": phone, "my_scheme": "employee_balance", "their_scheme": "resident", "place": place, "their_province": "420000", "costs": "yes"});
                let v = view(&a, Some("320500"));
                for p in v["report"]["people"].as_array().unwrap() {
                    let why = p["why"].to_string();
                    assert!(!why.contains("元") && !why.contains(".00"), "{a}: {why}");
                }
            }
        }
    }
}
