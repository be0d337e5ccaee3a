//! The questionnaire's routing (GOV.UK Smart Answers style: a test for every next question), the
//! four recommendations reachable, 不清楚 everywhere still answering, and the answer count.

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
