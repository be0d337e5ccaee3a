//! The JSON Schemas in `schema/` against the engine: every scenario input validates against
//! `scenario.schema.json`, every report the engine produces validates against
//! `report.schema.json`, and the scenario schema's property names at each level are exactly the
//! decoder's allowed field lists (read from `src/decode.rs` as text).
//!
//! The validator below is deliberately small: it supports only the keywords the two schemas use
//! and panics on any other, so a schema cannot silently rely on a keyword nobody checks.
//! `pattern` is not a regex engine: each pattern string the schemas use is recognised and checked
//! by hand (see `pattern_matches`).

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use yibao_family::date::Date;

const TODAY: &str = "2026-11-22";

// ---------------------------------------------------------------------------------------------
// The small validator

/// Keywords that only annotate (never change validity).
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$defs", "$comment", "title", "description", "format", "examples"];

const P_DATE: &str = "^(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
const P_NO_CONTROL: &str = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$";
const P_CODE: &str = "^[A-Z][A-Z0-9_]*$";
const P_KEY: &str = "^[a-z][a-z0-9_]*$";
const P_RULE: &str = "^[a-z0-9][a-z0-9_.]*$";
const P_SOURCE_REF: &str = "^([A-Z][A-Z0-9]*)?$";
const P_SOURCE_ID: &str = "^[A-Z][A-Z0-9]*$";
const P_HASH: &str = "^sha256:[0-9a-f]+$";
/// The region pattern is `^(11|12|…|82)[0-9]{4}$`: two-digit province prefixes, then four digits.
const P_REGION_HEAD: &str = "^(";
const P_REGION_TAIL: &str = ")[0-9]{4}$";

fn region_prefixes(pattern: &str) -> Option<Vec<&str>> {
    let inner = pattern.strip_prefix(P_REGION_HEAD)?.strip_suffix(P_REGION_TAIL)?;
    let alts: Vec<&str> = inner.split('|').collect();
    if alts.iter().all(|a| a.len() == 2 && a.bytes().all(|c| c.is_ascii_digit())) {
        Some(alts)
    } else {
        None
    }
}

fn all_bytes(s: &str, ok: impl Fn(u8) -> bool) -> bool {
    s.bytes().all(ok)
}

fn two_digits(s: &str, lo: u32, hi: u32) -> bool {
    s.len() == 2 && all_bytes(s, |c| c.is_ascii_digit()) && (lo..=hi).contains(&s.parse::<u32>().unwrap())
}

/// Each pattern the schemas use, implemented by hand.
fn pattern_matches(pattern: &str, s: &str) -> bool {
    let upper_digit = |c: u8| c.is_ascii_uppercase() || c.is_ascii_digit();
    match pattern {
        P_DATE => {
            let b = s.as_bytes();
            b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && all_bytes(&s[0..4], |c| c.is_ascii_digit())
                && (1900..=2199).contains(&s[0..4].parse::<u32>().unwrap())
                && two_digits(&s[5..7], 1, 12)
                && two_digits(&s[8..10], 1, 31)
        }
        // Exactly Rust's `char::is_control` (general category Cc).
        P_NO_CONTROL => s.chars().all(|c| !matches!(c as u32, 0x00..=0x1F | 0x7F..=0x9F)),
        P_CODE => s.as_bytes().first().is_some_and(u8::is_ascii_uppercase) && all_bytes(s, |c| upper_digit(c) || c == b'_'),
        P_KEY => {
            s.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
                && all_bytes(s, |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        }
        P_RULE => {
            s.as_bytes().first().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && all_bytes(s, |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'.')
        }
        P_SOURCE_REF => s.is_empty() || pattern_matches(P_SOURCE_ID, s),
        P_SOURCE_ID => s.as_bytes().first().is_some_and(u8::is_ascii_uppercase) && all_bytes(s, upper_digit),
        P_HASH => s.strip_prefix("sha256:").is_some_and(|h| !h.is_empty() && all_bytes(h, |c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))),
        _ => match region_prefixes(pattern) {
            Some(prefixes) => s.len() == 6 && all_bytes(s, |c| c.is_ascii_digit()) && prefixes.contains(&&s[0..2]),
            None => panic!("pattern not supported by the test validator: {pattern}"),
        },
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        // JSON Schema: any number with a zero fractional part is an integer.
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        other => panic!("unknown type {other}"),
    }
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

struct Validator<'a> {
    root: &'a Value,
}

impl<'a> Validator<'a> {
    fn new(root: &'a Value) -> Self {
        Validator { root }
    }

    fn resolve(&self, r: &str) -> &'a Value {
        let name = r.strip_prefix("#/$defs/").unwrap_or_else(|| panic!("unsupported $ref {r}"));
        self.root.get("$defs").and_then(|d| d.get(name)).unwrap_or_else(|| panic!("dangling $ref {r}"))
    }

    fn errors(&self, inst: &Value) -> Vec<String> {
        let mut errs = Vec::new();
        self.check(self.root, inst, "$", &mut errs);
        errs
    }

    fn is_valid(&self, schema: &Value, inst: &Value) -> bool {
        let mut e = Vec::new();
        self.check(schema, inst, "", &mut e);
        e.is_empty()
    }

    fn check(&self, schema: &'a Value, inst: &Value, at: &str, errs: &mut Vec<String>) {
        let s = match schema {
            Value::Object(s) => s,
            Value::Bool(true) => return,
            Value::Bool(false) => return errs.push(format!("{at}: nothing is allowed here")),
            other => panic!("not a schema at {at}: {other}"),
        };
        for (kw, arg) in s {
            if ANNOTATIONS.contains(&kw.as_str()) {
                continue;
            }
            match kw.as_str() {
                "$ref" => self.check(self.resolve(arg.as_str().expect("$ref string")), inst, at, errs),
                "type" => {
                    let ok = match arg {
                        Value::String(t) => type_ok(t, inst),
                        Value::Array(ts) => ts.iter().any(|t| type_ok(t.as_str().expect("type name"), inst)),
                        _ => panic!("bad type keyword"),
                    };
                    if !ok {
                        errs.push(format!("{at}: {inst} is not of type {arg}"));
                    }
                }
                "enum" => {
                    if !arg.as_array().expect("enum array").contains(inst) {
                        errs.push(format!("{at}: {inst} is not one of {arg}"));
                    }
                }
                "const" => {
                    if arg != inst {
                        errs.push(format!("{at}: {inst} ≠ {arg}"));
                    }
                }
                "minimum" | "maximum" => {
                    if let (Some(x), Some(b)) = (num(inst), num(arg)) {
                        if (kw == "minimum" && x < b) || (kw == "maximum" && x > b) {
                            errs.push(format!("{at}: {inst} violates {kw} {arg}"));
                        }
                    }
                }
                "minLength" | "maxLength" => {
                    if let Value::String(x) = inst {
                        let n = x.chars().count() as u64;
                        let b = arg.as_u64().expect("length bound");
                        if (kw == "minLength" && n < b) || (kw == "maxLength" && n > b) {
                            errs.push(format!("{at}: length {n} violates {kw} {b}"));
                        }
                    }
                }
                "pattern" => {
                    if let Value::String(x) = inst {
                        if !pattern_matches(arg.as_str().expect("pattern string"), x) {
                            errs.push(format!("{at}: {inst:?} does not match {arg}"));
                        }
                    }
                }
                "properties" => {
                    if let Value::Object(m) = inst {
                        for (k, sub) in arg.as_object().expect("properties object") {
                            if let Some(v) = m.get(k) {
                                self.check(sub, v, &format!("{at}.{k}"), errs);
                            }
                        }
                    }
                }
                "required" => {
                    if let Value::Object(m) = inst {
                        for k in arg.as_array().expect("required array") {
                            let k = k.as_str().expect("required name");
                            if !m.contains_key(k) {
                                errs.push(format!("{at}: missing required {k}"));
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    assert_eq!(arg, &Value::Bool(false), "only additionalProperties: false is supported");
                    if let Value::Object(m) = inst {
                        let known = s.get("properties").and_then(Value::as_object);
                        for k in m.keys() {
                            if !known.is_some_and(|p| p.contains_key(k)) {
                                errs.push(format!("{at}: unknown property {k}"));
                            }
                        }
                    }
                }
                "items" => {
                    if let Value::Array(a) = inst {
                        for (i, x) in a.iter().enumerate() {
                            self.check(arg, x, &format!("{at}[{i}]"), errs);
                        }
                    }
                }
                "minItems" | "maxItems" => {
                    if let Value::Array(a) = inst {
                        let n = a.len() as u64;
                        let b = arg.as_u64().expect("items bound");
                        if (kw == "minItems" && n < b) || (kw == "maxItems" && n > b) {
                            errs.push(format!("{at}: {n} items violates {kw} {b}"));
                        }
                    }
                }
                "uniqueItems" => {
                    if let (Value::Array(a), Value::Bool(true)) = (inst, arg) {
                        for i in 0..a.len() {
                            if a[..i].contains(&a[i]) {
                                errs.push(format!("{at}[{i}]: repeats an earlier item"));
                            }
                        }
                    }
                }
                "contains" => {
                    if let Value::Array(a) = inst {
                        let n = a.iter().filter(|x| self.is_valid(arg, x)).count() as u64;
                        let min = s.get("minContains").map(|m| m.as_u64().expect("minContains")).unwrap_or(1);
                        let max = s.get("maxContains").map(|m| m.as_u64().expect("maxContains"));
                        if n < min || max.is_some_and(|m| n > m) {
                            errs.push(format!("{at}: {n} items match `contains` (allowed {min}..={max:?})"));
                        }
                    }
                }
                "minContains" | "maxContains" => assert!(s.contains_key("contains"), "{kw} without contains"),
                "anyOf" => {
                    let subs = arg.as_array().expect("anyOf array");
                    if !subs.iter().any(|sub| self.is_valid(sub, inst)) {
                        let mut detail = Vec::new();
                        for sub in subs {
                            self.check(sub, inst, at, &mut detail);
                        }
                        errs.push(format!("{at}: matches no anyOf branch ({})", detail.join("; ")));
                    }
                }
                other => panic!("keyword {other:?} is not supported by the test validator (at {at})"),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

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
// (4): property names at each level = the decoder's allowed field lists

/// The `&[…]` lists of every `self.object(…)` and `self.link(…)` call in `src/decode.rs`, each
/// as a set (`link` hands its `keys` to `object`: the lists are at its callers).
fn decoder_allowed_lists() -> Vec<BTreeSet<String>> {
    let src = fs::read_to_string(root().join("src/decode.rs")).unwrap();
    let mut lists = Vec::new();
    let calls = src.match_indices("self.object(").chain(src.match_indices("self.link("));
    for (at, _) in calls {
        let rest = &src[at..];
        // The statement holding the call; the allowed list is its `&[…]` argument.
        let call = &rest[..rest.find(';').expect("end of statement")];
        if call.starts_with("self.object(v, at, keys)") {
            continue;
        }
        let open = call.find("&[").unwrap_or_else(|| panic!("no &[…] list in {call}"));
        let close = call[open..].find(']').expect("closing ]") + open;
        let names: BTreeSet<String> = call[open + 2..close].split(',').map(|s| s.trim().trim_matches('"').to_string()).filter(|s| !s.is_empty()).collect();
        assert!(!names.is_empty(), "empty allowed list in {call}");
        lists.push(names);
    }
    lists
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
fn scenario_property_names_equal_the_decoder_allowed_lists() {
    let schema = load_schema("scenario.schema.json");
    let mut from_decoder = decoder_allowed_lists();
    assert!(from_decoder.len() >= 9, "expected the decoder's nine object levels, found {}", from_decoder.len());
    let mut objects = Vec::new();
    closed_objects(&schema, "#", &mut objects);
    let mut from_schema: Vec<BTreeSet<String>> = objects.iter().map(|(_, s)| s.clone()).collect();
    from_decoder.sort();
    from_schema.sort();
    let show = |v: &[BTreeSet<String>]| v.iter().map(|s| format!("  {s:?}")).collect::<Vec<_>>().join("\n");
    assert_eq!(from_schema, from_decoder, "closed objects in scenario.schema.json:\n{}\ndecoder allowed lists:\n{}", show(&from_schema), show(&from_decoder));

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
        [Relation::NAMES, Scheme::NAMES, Status::NAMES, ItemKind::NAMES, PremiumKind::NAMES, BindingKind::NAMES, &yibao_family::decode::LOCALES];
    for list in lists {
        let set: BTreeSet<String> = list.iter().map(|w| w.to_string()).collect();
        assert!(enums.iter().any(|e| set.is_subset(e)), "no enum in scenario.schema.json accepts all of {list:?}");
    }
}

#[test]
fn region_pattern_names_exactly_the_provinces() {
    let schema = load_schema("scenario.schema.json");
    let pattern = schema["$defs"]["insurance"]["properties"]["region"]["pattern"].as_str().unwrap();
    let prefixes: BTreeSet<u32> = region_prefixes(pattern).expect("region pattern shape").iter().map(|p| p.parse().unwrap()).collect();
    let provinces: BTreeSet<u32> = yibao_family::policy::regions::PROVINCES.iter().map(|p| p / 10000).collect();
    assert_eq!(prefixes, provinces);
    for code in ["320500", "320581", "110000", "810000", "999999", "990000", "12345", "3205000", "32050a"] {
        assert_eq!(pattern_matches(pattern, code), yibao_family::decode::parse_region(code).is_some(), "{code}");
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
