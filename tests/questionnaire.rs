//! The questionnaire's routing (GOV.UK Smart Answers style: a test for every next question), the
//! four recommendations reachable, 不清楚 everywhere still answering, and the answer count.
// Native only: the JSON-text API (serde_json) it replays is not in wasm32 builds (`wasm-pack test`
// builds every test target for wasm32; tests/wasm.rs covers the wasm boundary).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Map, Value};
use yibao_family::{date::Date, questionnaire};

/// The view of a state, and for a finished one also `report`: the rules' whole report on the
/// family the answers describe (`questionnaire::report_json`), which these tests read for the
/// rules' verdicts (the page shows only the `outcome`).
fn run_json(st: &str, today: Date) -> String {
    let mut v: Value = serde_json::from_str(&questionnaire::run_json(st, today)).unwrap();
    if v["done"] == true {
        v["report"] = serde_json::from_str(&questionnaire::report_json(st, today)).unwrap();
    }
    v.to_string()
}

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
    // The relative is the second person of the questionnaire's family.
    v["report"]["people"][1]["recommendation"].as_str().unwrap()
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
            // 未满16周岁 is offered only for a relative who may be that young.
            if phone == "under16" && !matches!(who, "child" | "sibling") {
                continue;
            }
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
            if phone == "under16" && matches!(who, "parent" | "parent_in_law") {
                continue; // not offered
            }
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

// ---- the outcome (issue 12): composed from codes and answers, in the relative's words ----------

fn view_in(answers: &Value, region: Option<&str>, locale: &str, as_of: &str) -> Value {
    let st = json!({ "locale": locale, "region": region, "as_of": as_of, "answers": answers });
    serde_json::from_str(&run_json(&st.to_string(), Date::parse("2026-11-22").unwrap())).unwrap()
}

fn catalog(locale: &str) -> Map<String, Value> {
    let p = format!("{}/i18n/{locale}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str::<Value>(&std::fs::read_to_string(p).unwrap()).unwrap().as_object().unwrap().clone()
}

/// Every text of an outcome a citizen reads, with where it is.
fn texts(o: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    fn walk(v: &Value, at: String, out: &mut Vec<(String, String)>) {
        match v {
            Value::String(s) => out.push((at, s.clone())),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, format!("{at}[{i}]"), out)),
            Value::Object(m) => m.iter().filter(|(k, _)| !matches!(k.as_str(), "calculator" | "recommendation" | "code")).for_each(|(k, x)| walk(x, format!("{at}.{k}"), out)),
            _ => {}
        }
    }
    walk(o, String::new(), &mut out);
    out
}

/// Every finished state of the questionnaire (provinces: one, another, 不清楚), for `region`.
fn every_outcome(region: Option<&str>, locale: &str, f: &mut dyn FnMut(&Map<String, Value>, &Value)) -> usize {
    fn dfs(answers: Map<String, Value>, region: Option<&str>, locale: &str, f: &mut dyn FnMut(&Map<String, Value>, &Value), n: &mut usize) {
        let v = view_in(&Value::Object(answers.clone()), region, locale, "2026-03-01");
        if v["done"] == true {
            *n += 1;
            f(&answers, &v);
            return;
        }
        let q = &v["question"];
        let id = q["id"].as_str().unwrap().to_string();
        let mut opts: Vec<String> = q["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap().to_string()).collect();
        if opts.len() > 16 {
            opts = vec!["320000".into(), "440000".into(), "unknown".into()];
        }
        for o in opts {
            let mut a = answers.clone();
            a.insert(id.clone(), json!(o));
            dfs(a, region, locale, f, n);
        }
    }
    let mut n = 0;
    dfs(Map::new(), region, locale, f, &mut n);
    n
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

#[test]
fn the_answer_reads_in_the_relatives_own_words() {
    let a = json!({"who": "mother", "phone": "cannot", "my_scheme": "employee_balance", "their_scheme": "resident", "place": "same_city", "costs": "yes"});
    for (loc, head) in [("zh-Hans", "为您的母亲：两样都办"), ("zh-Hant", "為您的母親：兩樣都辦"), ("en", "For your mother: set up both")] {
        let o = &view_in(&a, Some("320500"), loc, "2026-03-01")["outcome"];
        assert_eq!(o["headline"], head, "{loc}");
        assert_eq!(o["recommendation"], "both");
        // 先做这一步: the family account first (one channel, the region's own verified one), with the
        // documents for an adult (a parent is older than the document age: a fact the user gave).
        let s = &o["steps"][0];
        assert_eq!(s["code"], "ADD_FAMILY_ACCOUNT");
        assert!(!s["app"].as_str().unwrap().is_empty() && !s["path"].as_str().unwrap().is_empty());
        assert_eq!(s["documents"].as_array().unwrap().len(), 1, "{s}");
        assert_eq!(s["documents"][0]["items"].as_array().unwrap().len(), 2, "户口页 or face scan: {s}");
        assert_eq!(o["steps"][1]["code"], "REGISTER_GONGJI");
        // The money: one tap to the calculator, filled with the two people.
        assert_eq!(o["money"]["calculator"], true);
        let people = o["calculator"]["people"].as_array().unwrap();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0]["relation"], "self");
        assert_eq!(people[1]["relation"], "parent");
        assert_eq!(people[1]["id"], ["母亲", "母親", "Mother"][["zh-Hans", "zh-Hant", "en"].iter().position(|l| *l == loc).unwrap()]);
        // 她, not TA, in Chinese: every text of the outcome (the names of apps and menus aside).
        let text = o.to_string();
        if loc != "en" {
            assert!(!text.contains("TA") && text.contains('她'), "{loc}: {text}");
            assert!(!text.contains(" 她") && !text.contains("她 "), "{loc}: no space around 她: {text}");
        }
        assert_eq!(people[1]["insurance"]["region"], "320500");
        assert!(people.iter().all(|p| p.get("age").is_none() && p.get("costs").is_none()), "no invented age or amount: {people:?}");
    }
    // Another relation, another noun.
    let mut b = a.clone();
    b["who"] = json!("spouse");
    assert_eq!(view_in(&b, Some("320500"), "zh-Hans", "2026-03-01")["outcome"]["headline"], "为您的配偶：两样都办");
    b["who"] = json!("father");
    let o = &view_in(&b, Some("320500"), "zh-Hans", "2026-03-01")["outcome"];
    assert_eq!(o["headline"], "为您的父亲：两样都办");
    assert!(o["lead"].as_str().unwrap().contains("替他出示医保码"), "{}", o["lead"]);
    // A relation that does not say 他 or 她 keeps TA.
    b["who"] = json!("spouse");
    assert!(view_in(&b, Some("320500"), "zh-Hans", "2026-03-01")["outcome"]["lead"].as_str().unwrap().contains("替 TA 出示"));
    // who=parent, offered before 母亲 and 父亲 were, is still accepted (hosts' links, earlier answers);
    // with the same answer in words, and the same rules.
    b["who"] = json!("parent");
    let v = view_in(&b, Some("320500"), "zh-Hans", "2026-03-01");
    assert_eq!(v["outcome"]["headline"], "为您的父亲或母亲：两样都办");
    assert_eq!(v["outcome"]["recommendation"], view_in(&a, Some("320500"), "zh-Hans", "2026-03-01")["outcome"]["recommendation"]);
}

#[test]
fn the_age_band_is_stated_only_when_the_user_gave_it() {
    let base = json!({"phone": "cannot", "my_scheme": "resident", "their_scheme": "resident"});
    let docs = |who: &str, phone: &str| {
        let mut a = base.clone();
        a["who"] = json!(who);
        a["phone"] = json!(phone);
        let o = view_in(&a, Some("320500"), "zh-Hans", "2026-03-01")["outcome"].clone();
        assert_eq!(o["steps"][0]["code"], "ADD_FAMILY_ACCOUNT", "{who}/{phone}: {o}");
        o["steps"][0]["documents"].as_array().unwrap().clone()
    };
    // A child who cannot use a phone: the band is unknown, so both bands' documents, each named.
    let d = docs("child", "cannot");
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d[0]["title"].as_str().unwrap().contains("16 周岁以上") && d[1]["title"].as_str().unwrap().contains("16 周岁及以下"), "{d:?}");
    // Under 16, as answered: the child's documents only.
    let d = docs("child", "under16");
    assert_eq!(d.len(), 1);
    assert!(d[0]["items"].to_string().contains("出生医学证明"), "{d:?}");
    // A parent: the adult's.
    let d = docs("parent", "cannot");
    assert_eq!(d.len(), 1);
    assert!(d[0]["items"].to_string().contains("刷脸"), "{d:?}");
    // A parent whose phone use is 不清楚: still the adult's, never the child's.
    let d = docs("parent", "unknown");
    assert!(!d.iter().any(|g| g["items"].to_string().contains("出生医学证明")), "{d:?}");
}

/// No placeholder glue, no unfilled template, no age, name or amount the user did not give, and
/// (Chinese) no space between two Chinese characters — in every outcome, in every locale.
#[test]
fn no_glue_no_invented_facts_in_any_outcome() {
    for loc in ["zh-Hans", "zh-Hant", "en"] {
        let cat = catalog(loc);
        let me = cat["q.name.me"].as_str().unwrap().to_string();
        let them = cat["q.name.them"].as_str().unwrap().to_string();
        let hotline_free = |s: &str| s.replace("12393", "");
        let n = every_outcome(Some("320500"), loc, &mut |a, v| {
            let o = &v["outcome"];
            assert!(!o["headline"].as_str().unwrap().is_empty(), "{a:?}");
            for (at, s) in texts(o) {
                assert!(!s.contains('{') && !s.contains('}'), "{loc} {a:?}: template left in {at}: {s}");
                if loc != "en" {
                    // "由 我 为 家人 开通" glue: the placeholder people's names between spaces.
                    assert!(!s.contains(&format!(" {me} ")) && !s.contains(&format!(" {them} ")), "{loc} {a:?}: glue in {at}: {s}");
                    let c: Vec<char> = s.chars().collect();
                    for w in c.windows(3) {
                        assert!(!(is_cjk(w[0]) && w[1] == ' ' && is_cjk(w[2])), "{loc} {a:?}: CJK–space–CJK in {at}: {s}");
                    }
                } else {
                    assert!(!s.contains(" 我 ") && !s.contains(" 家人 "), "{a:?}: glue in {at}: {s}");
                    // Sentence case: a text starts with a capital (or a digit / a Chinese term).
                    let first = s.chars().next().unwrap_or('A');
                    assert!(!first.is_ascii_lowercase() || at.ends_with("items") || at.contains("items[") || at == ".who", "{a:?}: lower-case start in {at}: {s}");
                }
                // No age, no amount: the only numbers are the hotline, the document age in the
                // document titles, the 医保钱包's published limits and the sources' dates.
                let allowed = at.starts_with(".sources") || (at.contains(".documents") && at.ends_with(".title")) || at.contains(".notes[");
                if !allowed {
                    assert!(!hotline_free(&s).chars().any(|c| c.is_ascii_digit()), "{loc} {a:?}: a number in {at}: {s}");
                }
                assert!(!s.contains("元") || at.contains(".notes[") || at.starts_with(".sources"), "{loc} {a:?}: an amount in {at}: {s}");
            }
            // The calculator gets only what was answered: no ages, no amounts beyond a zero balance.
            for p in o["calculator"]["people"].as_array().unwrap() {
                assert!(p.get("age").is_none() && p.get("costs").is_none(), "{a:?}: {p}");
                if let Some(acc) = p.get("account") {
                    assert_eq!(a.get("my_scheme"), Some(&json!("employee_zero")), "{a:?}: {p}");
                    assert_eq!(acc, &json!({"prior_years": 0, "current_year": 0}));
                }
            }
            // The outcome ends in money: a sentence, and the calculator wherever sharing may pay.
            assert!(!o["money"]["text"].as_str().unwrap().is_empty());
            if matches!(o["recommendation"].as_str(), Some("gongji" | "both")) {
                assert_eq!(o["money"]["calculator"], true, "{a:?}");
            }
        });
        assert!(n > 1000, "{loc}: {n} outcomes walked");
    }
}

/// Every path with 不清楚 ends in a non-contradictory outcome: each 不清楚 answer has its
/// "可能…，请确认…" line, an answer resting on something open says so, and nothing is stated as a
/// fact that a 不清楚 answer left open.
#[test]
fn every_not_sure_path_ends_in_a_consistent_outcome() {
    let cat = catalog("zh-Hans");
    // Compared with the pronoun blurred: the outcome says 她 or 他 for TA where the answer says which.
    let norm = |s: &str| s.replace(' ', "").replace("TA", "T").replace(['她', '他'], "T");
    let fill = |key: &str, who: &str| norm(&cat[key].as_str().unwrap().replace("{who}", who));
    // Facts a text states, and the answers that must not be 不清楚 for it.
    let states: &[(&str, &[&str])] = &[
        ("o.why.not_employee", &["my_scheme"]),
        ("o.why.zero_balance", &["my_scheme"]),
        ("o.why.fa_not_insured", &["their_scheme"]),
        ("o.why.premiums_only", &["their_scheme"]),
        ("o.why.fa_no_phone", &["phone"]),
        ("o.why.fa_own_phone", &["phone"]),
        ("o.why.fa_child", &["phone"]),
        ("o.why.gongji_not_needed", &["costs"]),
        ("o.why.not_near_relative", &["who"]),
    ];
    let mut unknown_paths = 0;
    for region in [Some("320500"), None] {
        every_outcome(region, "zh-Hans", &mut |a, v| {
            let o = &v["outcome"];
            let who = o["who"].as_str().unwrap();
            let unknown: Vec<&str> = a.iter().filter(|(_, x)| *x == "unknown").map(|(k, _)| k.as_str()).collect();
            let checks: Vec<String> = o["checks"].as_array().unwrap().iter().map(|c| norm(c.as_str().unwrap())).collect();
            let all = norm(&o.to_string());
            if !unknown.is_empty() {
                unknown_paths += 1;
            }
            for id in &unknown {
                let line = fill(&format!("o.check.{id}"), who);
                assert!(checks.contains(&line), "{a:?}: no 请确认 line for {id}: {checks:?}");
                assert!(line.contains("请确认") || line.contains("请问问") || line.contains("请在"), "{line}");
            }
            for (key, needs) in states {
                let text = fill(key, who);
                if all.contains(&text) {
                    for id in *needs {
                        assert_ne!(a.get(*id), Some(&json!("unknown")), "{a:?}: states {key} although {id} was 不清楚");
                    }
                }
            }
            let rec = o["recommendation"].as_str().unwrap();
            if o["conditional"] == true || rec == "undecided" {
                assert!(!checks.is_empty(), "{a:?}: a conditional answer shows what it rests on");
            }
            if rec == "undecided" {
                assert!(o["lead"].as_str().unwrap().contains("12393"), "{a:?}: the hotline");
                assert!(o["steps"].as_array().unwrap().is_empty());
            }
            // The old contradiction: "eligible, but no balance left" after 不清楚.
            assert!(!all.contains("没有可用余额") && !all.contains("余额为零"), "{a:?}: {all}");
        });
    }
    assert!(unknown_paths > 1000, "{unknown_paths}");
}

/// Cross-province: which app and menu, and the 共济额度 in one plain sentence once it is live.
#[test]
fn cross_province_outcomes_name_the_app_and_explain_the_quota() {
    let a = json!({"who": "parent", "phone": "can", "my_scheme": "employee_balance", "their_scheme": "resident", "place": "other_province", "their_province": "420000", "costs": "yes"});
    let o = &view_in(&a, Some("320500"), "zh-Hans", "2026-03-01")["outcome"];
    let s = &o["steps"][0];
    assert_eq!(s["code"], "REGISTER_GONGJI", "{o}");
    assert!(s["app"].as_str().unwrap().contains("医保钱包") && s["path"].as_str().unwrap().contains("转账"), "{s}");
    assert!(s["notes"][0].as_str().unwrap().contains("医保钱包是国家医保服务平台 APP 里的一个账户"), "{s}");
    // The wallet's limits, a paragraph of their own (in English, not run into the sentence before).
    assert!(s["notes"][1].as_str().unwrap().contains("2000"), "{s}");
    let en = &view_in(&a, Some("320500"), "en", "2026-03-01")["outcome"]["steps"][0]["notes"];
    assert_eq!(en.as_array().unwrap().len(), 2, "{en}");
    let o = &view_in(&a, Some("320500"), "zh-Hans", "2026-09-01")["outcome"];
    let s = &o["steps"][0];
    assert!(s["title"].as_str().unwrap().contains("跨省"), "{s}");
    assert!(s["notes"][0].as_str().unwrap().starts_with("共济额度，就是"), "{s}");
    assert!(!s["app"].as_str().unwrap().is_empty() && !s["path"].as_str().unwrap().is_empty(), "{s}");
    let en = &view_in(&a, Some("320500"), "en", "2026-09-01")["outcome"]["steps"][0]["notes"][0];
    assert!(en.as_str().unwrap().starts_with("A sharing quota (共济额度) is"), "{en}");
}

/// The calculator's scenario is a valid contract Scenario for every outcome.
#[test]
fn the_calculator_prefill_is_a_valid_scenario() {
    let mut n = 0;
    every_outcome(None, "en", &mut |a, v| {
        let sc = v["outcome"]["calculator"].to_string();
        let out = yibao_family::evaluate_json(&sc, Date::parse("2026-03-01").unwrap(), false);
        assert!(out.is_ok(), "{a:?}: {sc} → {out:?}");
        n += 1;
    });
    assert!(n > 100);
}

/// The start page's comparison table is the no-JavaScript page's: the same words in every locale.
#[test]
fn the_start_page_table_is_the_no_javascript_table() {
    for loc in ["zh-Hans", "zh-Hant", "en"] {
        let cat = catalog(loc);
        let mut n = 0;
        for (k, v) in cat.iter().filter(|(k, _)| k.starts_with("noscript.") && !matches!(k.as_str(), "noscript.lead" | "noscript.hotline")) {
            let ui = format!("ui.cmp.{}", &k["noscript.".len()..]);
            assert_eq!(cat.get(&ui), Some(v), "{loc}: {ui} differs from {k}");
            n += 1;
        }
        assert!(n >= 10, "{loc}: {n}");
    }
}

/// Where a conditional answer rests on something, the outcome says what: no outcome falls back to
/// the vague "有些情况还不能确定" (a child under 16: whether the child can show the code).
#[test]
fn every_conditional_outcome_says_what_to_check() {
    let cat = catalog("zh-Hans");
    let general = cat["o.check.general"].as_str().unwrap();
    for region in [Some("320500"), Some("510100"), None] {
        let mut vague = Vec::new();
        let n = every_outcome(region, "zh-Hans", &mut |a, v| {
            if v["outcome"]["checks"].as_array().unwrap().iter().any(|c| c == general) {
                vague.push(format!("{a:?}"));
            }
        });
        assert!(n > 1000);
        assert!(vague.is_empty(), "{region:?}: {} outcomes only say 有些情况还不能确定, e.g. {}", vague.len(), vague[0]);
    }
}

/// "TA 未满 16 周岁" is not offered for a relative certainly older than that, nor accepted.
#[test]
fn under_16_is_not_offered_for_a_parent() {
    for who in ["mother", "father", "parent", "spouse", "grandparent", "parent_in_law", "child_in_law"] {
        let v = view_in(&json!({"who": who}), Some("320500"), "zh-Hans", "2026-03-01");
        assert_eq!(v["question"]["id"], "phone");
        let values: Vec<&str> = v["question"]["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap()).collect();
        assert!(!values.contains(&"under16") && values.contains(&"cannot"), "{who}: {values:?}");
        let e = view_in(&json!({"who": who, "phone": "under16"}), Some("320500"), "zh-Hans", "2026-03-01");
        assert_eq!(e["error"]["path"], "answers.phone", "{who}: {e}");
    }
    for who in ["child", "grandchild", "sibling", "other", "unknown"] {
        let v = view_in(&json!({"who": who}), Some("320500"), "zh-Hans", "2026-03-01");
        assert!(v["question"]["options"].as_array().unwrap().iter().any(|o| o["value"] == "under16"), "{who}");
    }
}

/// Once the answer says 母亲 or 父亲, the questions say 她 or 他 too (as the outcome does); for a
/// spouse they keep TA.
#[test]
fn the_questions_use_the_pronoun_the_answer_gives() {
    let q = |who: &str| view_in(&json!({"who": who}), Some("320500"), "zh-Hans", "2026-03-01")["question"].clone();
    let mother = q("mother");
    assert_eq!(mother["id"], "phone");
    assert!(mother["text"].as_str().unwrap().starts_with("她能"), "{mother}");
    assert!(!mother.to_string().contains("TA"), "{mother}");
    let father = q("father");
    assert!(father["text"].as_str().unwrap().starts_with("他能"), "{father}");
    assert!(q("spouse")["text"].as_str().unwrap().starts_with("TA "));
    let hant = view_in(&json!({"who": "mother"}), Some("320500"), "zh-Hant", "2026-03-01")["question"].clone();
    assert!(!hant.to_string().contains("TA"), "{hant}");
}
