//! The JSON Schemas in `schema/` (the published contract) against the engine's serde types,
//! with the `jsonschema` crate (draft 2020-12): both schemas are valid schemas; every scenario
//! input validates against `scenario.schema.json`, and every report the engine produces (from the
//! scenario files, the accepted malformed-corpus cases and the questionnaire) against
//! `report.schema.json`; the scenario schema's closed objects have exactly the fields of the
//! contract's `Deserialize` types, and its enums and region pattern accept what `validate`
//! accepts; schema and engine agree on hand-made edge cases.
// Native only: the JSON-text API (serde_json) it replays is not in wasm32 builds (`wasm-pack test`
// builds every test target for wasm32; tests/wasm.rs covers the wasm boundary).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use yibao_family::date::Date;

const TODAY: &str = "2026-11-22";

/// A compiled schema and its errors for an instance, as text.
struct Validator(jsonschema::Validator);

impl Validator {
    fn new(schema: &Value) -> Validator {
        assert!(jsonschema::meta::is_valid(schema), "not a valid JSON Schema: {}", schema["$id"]);
        Validator(jsonschema::validator_for(schema).unwrap_or_else(|e| panic!("{}: {e}", schema["$id"])))
    }
    fn errors(&self, inst: &Value) -> Vec<String> {
        self.0.iter_errors(inst).map(|e| format!("{}: {e}", e.instance_path)).collect()
    }
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn load_schema(name: &str) -> Value {
    let path = root().join("schema").join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}: $schema");
    assert_eq!(v["$id"], format!("https://yibao-family.example/schema/{name}").as_str(), "{name}: $id");
    assert!(v["title"].is_string() && v["description"].is_string(), "{name}: title and description");
    v
}

fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

/// Scenario files: (file name, whole file).
fn scenarios() -> Vec<(String, Value)> {
    let mut files: Vec<_> = fs::read_dir(root().join("tests/scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenario files");
    files
        .into_iter()
        .map(|p| {
            let v: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), v)
        })
        .collect()
}

/// Error codes a schema can express (wholly or partly): inputs expecting them may fail the schema.
const SCHEMA_LEVEL: &[&str] = &[
    "MALFORMED_JSON",
    "EMPTY_INPUT",
    "TOO_DEEP",
    "INPUT_TOO_LARGE",
    "WRONG_TYPE",
    "NOT_INTEGER",
    "NEGATIVE_MONEY",
    "OUT_OF_RANGE",
    "IMPOSSIBLE_AGE",
    "UNKNOWN_FIELD",
    "DUPLICATE_FIELD",
    "MISSING_FIELD",
    "UNKNOWN_VALUE",
    "TOO_MANY",
    "INVALID_ID",
    "INVALID_DATE",
    "UNKNOWN_REGION",
    "NO_SELF",
    "MULTIPLE_SELF",
    "DUPLICATE_BINDING",
    "ACCOUNT_NOT_EMPLOYEE",
];

/// Schema-level codes the schema rejects in every case (the others need what a schema cannot
/// see: repeated keys, calendar validity, `1.0` vs `1`, input size and depth).
const SCHEMA_REJECTS: &[&str] = &[
    "WRONG_TYPE",
    "NEGATIVE_MONEY",
    "OUT_OF_RANGE",
    "IMPOSSIBLE_AGE",
    "UNKNOWN_FIELD",
    "MISSING_FIELD",
    "UNKNOWN_VALUE",
    "TOO_MANY",
    "INVALID_ID",
    "UNKNOWN_REGION",
    "NO_SELF",
    "MULTIPLE_SELF",
    "DUPLICATE_BINDING",
    "ACCOUNT_NOT_EMPLOYEE",
];

fn run_engine(input: &Value) -> Result<Value, Value> {
    let text = serde_json::to_string(input).unwrap();
    match yibao_family::evaluate_json(&text, today(), false) {
        Ok(r) => Ok(serde_json::from_str(&r).expect("report is JSON")),
        Err(e) => Err(serde_json::from_str(&e).expect("error is JSON")),
    }
}

// ---------------------------------------------------------------------------------------------
// (1)–(3): scenario inputs and the reports they produce

#[test]
fn scenario_inputs_and_reports_match_the_schemas() {
    let sc_schema = load_schema("scenario.schema.json");
    let rp_schema = load_schema("report.schema.json");
    let sv = Validator::new(&sc_schema);
    let rv = Validator::new(&rp_schema);
    let mut failures = Vec::new();
    let (mut inputs, mut reports, mut rejected) = (0, 0, 0);

    let mut cases: Vec<(String, Value)> = scenarios();
    // Bare scenarios used by benchmarks and property tests.
    for entry in fs::read_dir(root().join("tests/data")).into_iter().flatten() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let v: Value = serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap();
            cases.push((format!("data/{}", p.file_name().unwrap().to_string_lossy()), serde_json::json!({ "input": v })));
        }
    }

    for (name, file) in &cases {
        let input = match file.get("input") {
            Some(i) => i,
            None => continue,
        };
        let expect_error = file.get("expect_error").map(|e| e["code"].as_str().expect("expect_error.code").to_string());
        if !input.is_object() {
            assert!(expect_error.is_some(), "{name}: input is not an object but no error is expected");
            continue;
        }
        let errs = sv.errors(input);
        if let Some(code) = &expect_error {
            if SCHEMA_LEVEL.contains(&code.as_str()) {
                if SCHEMA_REJECTS.contains(&code.as_str()) {
                    if errs.is_empty() {
                        failures.push(format!("{name}: expects {code}, but the input is valid against scenario.schema.json"));
                    }
                    rejected += 1;
                }
                continue;
            }
        }
        inputs += 1;
        if !errs.is_empty() {
            failures.push(format!("{name}: input invalid against scenario.schema.json:\n    {}", errs.join("\n    ")));
            continue;
        }
        match (run_engine(input), &expect_error) {
            (Ok(report), None) => {
                reports += 1;
                let errs = rv.errors(&report);
                if !errs.is_empty() {
                    failures.push(format!("{name}: report invalid against report.schema.json:\n    {}", errs.join("\n    ")));
                }
            }
            (Ok(_), Some(code)) => failures.push(format!("{name}: expected {code}, the engine produced a report")),
            (Err(e), Some(code)) => {
                if e["error"]["code"] != code.as_str() {
                    failures.push(format!("{name}: expected {code}, got {e}"));
                }
            }
            (Err(e), None) => failures.push(format!("{name}: schema-valid input rejected by the engine: {e}")),
        }
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
    assert!(inputs >= 60 && reports >= 60 && rejected >= 5, "too few cases checked: {inputs} inputs, {reports} reports, {rejected} rejections");
}

// ---------------------------------------------------------------------------------------------
// (4): property names at each level = the fields of the contract's `Deserialize` types

/// The field names a derived `Deserialize` asks for: a deserializer that only records the
/// `fields` of `deserialize_struct` (the contract types' derived code, `#[serde(remote = "Self")]`).
struct Fields(std::cell::RefCell<Vec<&'static str>>);

impl<'de> serde::Deserializer<'de> for &Fields {
    type Error = serde::de::value::Error;
    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("fields only"))
    }
    fn deserialize_struct<V: serde::de::Visitor<'de>>(self, _: &'static str, fields: &'static [&'static str], _: V) -> Result<V::Value, Self::Error> {
        self.0.borrow_mut().extend_from_slice(fields);
        Err(serde::de::Error::custom("fields only"))
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The field lists of every object the scenario has (the contract's types, one per level).
fn contract_field_lists() -> Vec<BTreeSet<String>> {
    use yibao_family::contract::scenario::*;
    fn fields(read: fn(&Fields) -> Result<(), serde::de::value::Error>) -> BTreeSet<String> {
        let f = Fields(Default::default());
        let _ = read(&f);
        let names: BTreeSet<String> = f.0.into_inner().into_iter().map(String::from).collect();
        assert!(!names.is_empty());
        names
    }
    vec![
        fields(|d| Scenario::deserialize(d).map(drop)),
        fields(|d| Person::deserialize(d).map(drop)),
        fields(|d| Insurance::deserialize(d).map(drop)),
        fields(|d| Account::deserialize(d).map(drop)),
        fields(|d| Costs::deserialize(d).map(drop)),
        fields(|d| Item::deserialize(d).map(drop)),
        fields(|d| Premium::deserialize(d).map(drop)),
        fields(|d| Binding::deserialize(d).map(drop)),
        fields(|d| PairRelation::deserialize(d).map(drop)),
    ]
}

/// Every closed object (`additionalProperties: false`) in a schema: its property names.
fn closed_objects(schema: &Value, at: &str, out: &mut Vec<(String, BTreeSet<String>)>) {
    match schema {
        Value::Object(m) => {
            if m.get("additionalProperties") == Some(&Value::Bool(false)) {
                let names = m.get("properties").and_then(Value::as_object).map(|p| p.keys().cloned().collect()).unwrap_or_default();
                out.push((at.to_string(), names));
            }
            for (k, v) in m {
                // `enum` / `const` hold values, not schemas.
                if k != "enum" && k != "const" {
                    closed_objects(v, &format!("{at}/{k}"), out);
                }
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                closed_objects(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn scenario_property_names_equal_the_contract_types() {
    let schema = load_schema("scenario.schema.json");
    let mut from_decoder = contract_field_lists();
    let mut objects = Vec::new();
    closed_objects(&schema, "#", &mut objects);
    let mut from_schema: Vec<BTreeSet<String>> = objects.iter().map(|(_, s)| s.clone()).collect();
    from_decoder.sort();
    from_schema.sort();
    let show = |v: &[BTreeSet<String>]| v.iter().map(|s| format!("  {s:?}")).collect::<Vec<_>>().join("\n");
    assert_eq!(from_schema, from_decoder, "closed objects in scenario.schema.json:\n{}\nthe contract types' fields:\n{}", show(&from_schema), show(&from_decoder));

    // Every object level of the schema is closed; the root in particular.
    assert_eq!(schema["additionalProperties"], false);
    for (name, def) in schema["$defs"].as_object().unwrap() {
        if def["type"] == "object" {
            assert_eq!(def["additionalProperties"], false, "$defs/{name} must be closed");
        }
    }
}

/// String enums in the scenario schema (without null).
fn schema_enums(schema: &Value, out: &mut Vec<BTreeSet<String>>) {
    match schema {
        Value::Object(m) => {
            if let Some(Value::Array(e)) = m.get("enum") {
                out.push(e.iter().filter_map(Value::as_str).map(str::to_string).collect());
            }
            for (k, v) in m {
                if k != "enum" && k != "const" {
                    schema_enums(v, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| schema_enums(v, out)),
        _ => {}
    }
}

#[test]
fn scenario_enums_cover_the_decoder_value_lists() {
    // The decoder accepts (and its UNKNOWN_VALUE errors list) the names of the contract's enums
    // (`model::named!`) and the locales.
    use yibao_family::model::{BindingKind, ItemKind, PremiumKind, Relation, Scheme, Status};
    let schema = load_schema("scenario.schema.json");
    let mut enums = Vec::new();
    schema_enums(&schema, &mut enums);
    let lists: [&[&str]; 7] =
        [Relation::NAMES, Scheme::NAMES, Status::NAMES, ItemKind::NAMES, PremiumKind::NAMES, BindingKind::NAMES, &yibao_family::contract::LOCALES];
    for list in lists {
        let set: BTreeSet<String> = list.iter().map(|w| w.to_string()).collect();
        assert!(enums.iter().any(|e| set.is_subset(e)), "no enum in scenario.schema.json accepts all of {list:?}");
    }
}

#[test]
fn region_pattern_names_exactly_the_provinces() {
    let schema = load_schema("scenario.schema.json");
    let pattern = schema["$defs"]["insurance"]["properties"]["region"]["pattern"].as_str().unwrap();
    let inner = pattern.strip_prefix("^(").and_then(|p| p.strip_suffix(")[0-9]{4}$")).expect("region pattern shape");
    let prefixes: BTreeSet<u32> = inner.split('|').map(|p| p.parse().unwrap()).collect();
    let provinces: BTreeSet<u32> = yibao_family::policy::regions::PROVINCES.iter().map(|p| p / 10000).collect();
    assert_eq!(prefixes, provinces);
    let matcher = Validator::new(&serde_json::json!({ "type": "string", "pattern": pattern }));
    for code in ["320500", "320581", "110000", "810000", "999999", "990000", "12345", "3205000", "32050a", "３２０５００"] {
        assert_eq!(matcher.errors(&code.into()).is_empty(), yibao_family::contract::parse_region(code).is_some(), "{code}");
    }
}

// ---------------------------------------------------------------------------------------------
// Schema and decoder agree on hand-made edge cases

fn base() -> Value {
    serde_json::json!({
        "$schema": "https://yibao-family.example/schema/scenario.schema.json",
        "comment": "edge cases",
        "as_of": "2026-03-01",
        "locale": "en",
        "people": [
            { "id": "me", "relation": "self", "age": 38, "name": "Me", "comment": "c",
              "insurance": { "scheme": "employee", "status": "active", "retired": false, "region": "320500" },
              "smartphone": true,
              "account": { "prior_years": 380000, "current_year": 120000 },
              "costs": { "personal_share": 20000,
                         "items": [ { "kind": "outpatient", "tier": 1, "amount": 100000, "comment": "x" } ],
                         "premiums": [ { "kind": "resident", "amount": 40000 } ] } },
            { "id": "mum", "relation": "parent", "age": 66,
              "insurance": { "scheme": "resident", "region": "320900" },
              "costs": { "personal_share": 120000 } },
            { "id": "dad", "relation": "parent",
              "insurance": { "scheme": "unknown" } }
        ],
        "bindings": [ { "from": "me", "to": "mum", "kind": "gongji" } ],
        "relations": [ { "a": "mum", "b": "dad", "relation": "spouse" } ]
    })
}

fn with(edit: impl Fn(&mut Value)) -> Value {
    let mut v = base();
    edit(&mut v);
    v
}

#[test]
fn schema_and_decoder_agree_on_edge_cases() {
    let schema = load_schema("scenario.schema.json");
    let sv = Validator::new(&schema);
    let huge = serde_json::json!(100_000_000_001i64);
    let cases: Vec<(&str, Value)> = vec![
        ("base", base()),
        ("nulls for every optional field", with(|v| {
            for k in ["$schema", "comment", "as_of", "locale", "bindings", "relations"] {
                v[k] = Value::Null;
            }
            let p = &mut v["people"][0];
            for k in ["age", "smartphone", "account", "costs", "name", "comment"] {
                p[k] = Value::Null;
            }
            for k in ["status", "retired", "region"] {
                p["insurance"][k] = Value::Null;
            }
            v["people"][2]["account"] = serde_json::json!({ "prior_years": null, "current_year": null });
            v["people"][1]["costs"] = serde_json::json!({ "personal_share": null, "items": [ { "kind": "inpatient", "tier": null, "amount": 0, "comment": null } ], "premiums": null });
        })),
        ("locale alias zh-TW", with(|v| v["locale"] = "zh-TW".into())),
        ("locale fr", with(|v| v["locale"] = "fr".into())),
        ("age 0", with(|v| v["people"][0]["age"] = 0.into())),
        ("age 130", with(|v| v["people"][0]["age"] = 130.into())),
        ("age 131", with(|v| v["people"][0]["age"] = 131.into())),
        ("age -1", with(|v| v["people"][0]["age"] = (-1).into())),
        ("tier 0", with(|v| v["people"][0]["costs"]["items"][0]["tier"] = 0.into())),
        ("tier 4", with(|v| v["people"][0]["costs"]["items"][0]["tier"] = 4.into())),
        ("money max", with(|v| v["people"][0]["account"]["prior_years"] = 100_000_000_000i64.into())),
        ("money over max", with(|v| v["people"][0]["costs"]["premiums"][0]["amount"] = huge.clone())),
        ("money fraction", with(|v| v["people"][0]["costs"]["personal_share"] = serde_json::json!(1.5))),
        ("money as string", with(|v| v["people"][0]["costs"]["personal_share"] = "100".into())),
        ("missing amount", with(|v| v["people"][0]["costs"]["premiums"][0] = serde_json::json!({ "kind": "commercial" }))),
        ("null required amount", with(|v| v["people"][0]["costs"]["items"][0]["amount"] = Value::Null)),
        ("missing people", with(|v| {
            v.as_object_mut().unwrap().remove("people");
        })),
        ("id 64 chars", with(|v| {
            v["people"][0]["id"] = "长".repeat(64).into();
            v["bindings"][0]["from"] = "长".repeat(64).into();
        })),
        ("id 65 chars", with(|v| v["people"][0]["id"] = "a".repeat(65).into())),
        ("id empty", with(|v| v["people"][0]["id"] = "".into())),
        ("id with a control char", with(|v| v["people"][0]["id"] = "m\u{85}e".into())),
        ("region county", with(|v| v["people"][1]["insurance"]["region"] = "320581".into())),
        ("region Hong Kong", with(|v| v["people"][1]["insurance"]["region"] = "810000".into())),
        ("region 999999", with(|v| v["people"][1]["insurance"]["region"] = "999999".into())),
        ("region as number", with(|v| v["people"][1]["insurance"]["region"] = 320500.into())),
        ("date out of years", with(|v| v["as_of"] = "2200-01-01".into())),
        ("date month 13", with(|v| v["as_of"] = "2026-13-01".into())),
        ("status suspended", with(|v| v["people"][0]["insurance"]["status"] = "suspended".into())),
        ("scheme bogus", with(|v| v["people"][0]["insurance"]["scheme"] = "commercial".into())),
        ("item kind fitness", with(|v| v["people"][0]["costs"]["items"][0]["kind"] = "fitness".into())),
        ("unknown field in insurance", with(|v| v["people"][0]["insurance"]["city"] = "x".into())),
        ("name on insurance", with(|v| v["people"][0]["insurance"]["name"] = "x".into())),
        ("comment on binding", with(|v| v["bindings"][0]["comment"] = "x".into())),
        ("two selves", with(|v| v["people"][1]["relation"] = "self".into())),
        ("no self", with(|v| v["people"][0]["relation"] = "other".into())),
        ("account on scheme none", with(|v| v["people"][0]["insurance"]["scheme"] = "none".into())),
        ("account on resident", with(|v| v["people"][1]["account"] = serde_json::json!({ "prior_years": 1 }))),
        ("null account on resident", with(|v| v["people"][1]["account"] = Value::Null)),
        ("duplicate binding", with(|v| {
            let b = v["bindings"][0].clone();
            v["bindings"].as_array_mut().unwrap().push(b);
        })),
        ("family_account binding", with(|v| v["bindings"][0]["kind"] = "family_account".into())),
        ("relation self between two", with(|v| v["relations"][0]["relation"] = "self".into())),
        ("31 people", with(|v| {
            let p = v["people"][2].clone();
            let list = v["people"].as_array_mut().unwrap();
            for i in 0..28 {
                let mut q = p.clone();
                q["id"] = format!("p{i}").into();
                list.push(q);
            }
        })),
        ("30 people", with(|v| {
            let p = v["people"][2].clone();
            let list = v["people"].as_array_mut().unwrap();
            for i in 0..27 {
                let mut q = p.clone();
                q["id"] = format!("p{i}").into();
                list.push(q);
            }
        })),
        ("21 premiums", with(|v| {
            let p = v["people"][0]["costs"]["premiums"][0].clone();
            v["people"][0]["costs"]["premiums"] = Value::Array(vec![p; 21]);
        })),
        ("top level is an array", Value::Array(vec![])),
    ];
    let mut disagreements = Vec::new();
    for (name, input) in &cases {
        let schema_errs = sv.errors(input);
        let engine = run_engine(input);
        if schema_errs.is_empty() != engine.is_ok() {
            disagreements.push(format!(
                "{name}: schema says {}, decoder says {}",
                if schema_errs.is_empty() { "valid".to_string() } else { schema_errs.join("; ") },
                match &engine {
                    Ok(_) => "valid".to_string(),
                    Err(e) => e.to_string(),
                }
            ));
        }
    }
    assert!(disagreements.is_empty(), "schema and decoder disagree:\n{}", disagreements.join("\n"));
}

#[test]
fn accepted_corpus_and_questionnaire_reports_match_the_schemas() {
    let sv = Validator::new(&load_schema("scenario.schema.json"));
    let rv = Validator::new(&load_schema("report.schema.json"));
    let mut failures = Vec::new();
    // The malformed corpus's edge cases that must be accepted (a BOM, -0, nulls, maxima, escapes).
    let dir = root().join("tests/malformed");
    let mut accepted = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("accept_") {
            continue;
        }
        let text = fs::read_to_string(&p).unwrap();
        let input: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        failures.extend(sv.errors(&input).into_iter().map(|e| format!("{name}: input: {e}")));
        let report: Value = serde_json::from_str(&yibao_family::evaluate_json(&text, today(), false).unwrap()).unwrap();
        failures.extend(rv.errors(&report).into_iter().map(|e| format!("{name}: report: {e}")));
        accepted += 1;
    }
    assert!(accepted >= 5);
    // Every result of the questionnaire along each first answer and 不清楚 / the first option after.
    let mut done = 0;
    for who in ["parent", "spouse", "child", "grandparent", "sibling", "parent_in_law", "other", "unknown"] {
        for pick_unknown in [false, true] {
            let mut answers = serde_json::Map::new();
            answers.insert("who".into(), who.into());
            for _ in 0..10 {
                let st = serde_json::json!({ "locale": "zh-Hans", "region": "320500", "as_of": "2026-03-01", "answers": answers });
                let v: Value = serde_json::from_str(&yibao_family::questionnaire::run_json(&st.to_string(), today())).unwrap();
                if v["done"] == true {
                    let report: Value = serde_json::from_str(&yibao_family::questionnaire::report_json(&st.to_string(), today())).unwrap();
                    failures.extend(rv.errors(&report).into_iter().map(|e| format!("questionnaire who={who}: report: {e}")));
                    done += 1;
                    break;
                }
                let q = &v["question"];
                let opts = q["options"].as_array().unwrap();
                let o = if pick_unknown { opts.last().unwrap() } else { &opts[0] };
                answers.insert(q["id"].as_str().unwrap().into(), o["value"].clone());
            }
        }
    }
    assert_eq!(done, 16, "every walk reached a result");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
