//! The wasm boundary's reader and the JSON text reader fail alike. The widget's core reads a JS
//! value walked into a `contract::Tree`, whose errors serde's calls build directly
//! (`contract::Fault`); the CLI and the Rust API read JSON text with serde_json, whose errors are
//! read back from serde's message texts, with the paths `serde_path_to_error` finds. Both must give
//! the same error (code, path, arguments) for every scenario file, every malformed-corpus file,
//! every questionnaire state and 3,000 mutated scenarios: so the paths the tree reader places
//! itself (`Fault::within`) are checked against `serde_path_to_error`'s. `tests/wasm.rs` replays
//! the same corpora through the real JS walk in Chromium.
//!
//! The JSON text becomes a tree as `JSON.parse` makes a JS value of it, with two exceptions that
//! keep what the text says: members keep their order and repeats (a JS object keeps the last
//! one; `tests/wasm.rs` leaves those cases out), and numbers are the `f64` JS would hold.
// Native only: the JSON text reader is not in wasm32 builds.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Value};
use std::path::Path;
use yibao_family::contract::{self, Failure, Tree};
use yibao_family::questionnaire::StateIn;

/// The JSON text as a [`Tree`], or `None` if it is not JSON a page could parse, or nested too
/// deep for the walk (`TOO_DEEP` before any field is read, as in the text reader).
fn tree(text: &str) -> Option<Tree> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let t = AsTree(0).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(t)
}

/// Reads a tree at a nesting level (the root is 0).
struct AsTree(usize);

impl<'de> DeserializeSeed<'de> for AsTree {
    type Value = Tree;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        if self.0 >= contract::MAX_DEPTH {
            return Err(de::Error::custom("TOO_DEEP"));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AsTree {
    type Value = Tree;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Num(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tree, E> {
        Ok(Tree::Num(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tree, E> {
        Ok(Tree::Num(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.to_string()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut all = Vec::new();
        while let Some(x) = seq.next_element_seed(AsTree(self.0 + 1))? {
            all.push(x);
        }
        Ok(Tree::Arr(all))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut all = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "$serde_json::private::Number" {
                // serde_json (`arbitrary_precision`) hands a number it keeps as text over as a
                // map; JS would hold it as the nearest f64 (`1e400` is Infinity).
                let text: String = map.next_value()?;
                return Ok(Tree::Num(text.parse().map_err(de::Error::custom)?));
            }
            all.push((key, map.next_value_seed(AsTree(self.0 + 1))?));
        }
        Ok(Tree::Obj(all))
    }
}

/// Both readers' verdicts on one text: equal errors, or both accept it.
fn compare<T: DeserializeOwned>(name: &str, text: &str, problems: &mut Vec<String>) -> bool {
    let Some(t) = tree(text) else { return false };
    let by_text: Result<T, Failure> = contract::json::from_str(text);
    let by_tree: Result<T, Failure> = contract::from_tree(t);
    match (by_text, by_tree) {
        (Ok(_), Ok(_)) => {}
        (Err(a), Err(b)) if a == b => {}
        (a, b) => problems.push(format!("{name}: text {:?}, tree {:?}", a.err(), b.err())),
    }
    true
}

fn files(dir: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut all: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().unwrap() != "expected.json").collect();
    all.sort();
    all.into_iter().map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())).collect()
}

#[test]
fn scenarios_read_alike() {
    let mut problems = Vec::new();
    let mut compared = 0;
    for (name, text) in files("tests/malformed") {
        compared += usize::from(compare::<contract::Scenario>(&name, &text, &mut problems));
    }
    for (name, text) in files("tests/scenarios") {
        let case: Value = serde_json::from_str(&text).unwrap();
        let input = match &case["input"] {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        compared += usize::from(compare::<contract::Scenario>(&name, &input, &mut problems));
    }
    assert!(compared >= 180, "only {compared} files compared");
    assert!(problems.is_empty(), "{} file(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn questionnaire_states_read_alike() {
    let mut problems = Vec::new();
    let mut compared = 0;
    for (name, text) in files("tests/malformed/questionnaire") {
        compared += usize::from(compare::<StateIn>(&name, &text, &mut problems));
    }
    assert!(compared >= 10, "only {compared} files compared");
    assert!(problems.is_empty(), "{} file(s):\n{}", problems.len(), problems.join("\n"));
}

/// Errors the corpus has, read both ways: a sanity check that the comparison compares errors.
#[test]
fn the_corpus_has_every_kind_of_serde_error() {
    let mut codes = std::collections::BTreeSet::new();
    for (_, text) in files("tests/malformed") {
        if let Some(t) = tree(&text) {
            if let Err(f) = contract::from_tree::<contract::Scenario>(t) {
                codes.insert(f.code);
            }
        }
    }
    for code in ["WRONG_TYPE", "UNKNOWN_FIELD", "DUPLICATE_FIELD"] {
        assert!(codes.contains(code), "no {code} in the corpus: {codes:?}");
    }
}

/// Every node of a JSON value, as the path of keys and indexes that reaches it.
fn nodes(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(at.clone());
    match v {
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| {
            at.push(json!(i));
            nodes(x, at, out);
            at.pop();
        }),
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            at.push(json!(k));
            nodes(x, at, out);
            at.pop();
        }),
        _ => {}
    }
}

fn node_mut<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |cur, seg| match seg {
        Value::String(k) => &mut cur[k.as_str()],
        _ => &mut cur[seg.as_u64().unwrap() as usize],
    })
}

/// The inputs the scenario files give as objects (read once).
fn scenario_inputs() -> &'static [Value] {
    static INPUTS: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    INPUTS.get_or_init(|| {
        files("tests/scenarios")
            .into_iter()
            .filter_map(|(_, text)| {
                let case: Value = serde_json::from_str(&text).unwrap();
                case["input"].is_object().then(|| case["input"].clone())
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Any node of any scenario replaced by a value of another type, or given a member it does
    /// not know: the two readers fail alike.
    #[test]
    fn mutated_scenarios_read_alike(seed in any::<prop::sample::Index>(), node in any::<prop::sample::Index>(), junk in prop_oneof![
        Just(json!(null)), Just(json!(-5)), Just(json!(1.5)), Just(json!("x")), Just(json!([])), Just(json!({})), Just(json!(true)),
        Just(json!([1, "a", null])), Just(json!({"x": 1})), Just(json!({"kind": "outpatient"})), Just(json!(1e300)),
    ], unknown in any::<bool>()) {
        let inputs = scenario_inputs();
        let mut v = seed.get(inputs).clone();
        let mut all = Vec::new();
        nodes(&v, &mut Vec::new(), &mut all);
        let path = node.get(&all).clone();
        let target = node_mut(&mut v, &path);
        match target {
            Value::Object(o) if unknown => { o.insert("zz_unknown".into(), junk); }
            other => *other = junk,
        }
        let mut problems = Vec::new();
        prop_assert!(compare::<contract::Scenario>("mutated", &v.to_string(), &mut problems));
        prop_assert!(problems.is_empty(), "{}\n{}", problems.join("\n"), v);
    }
}

/// An empty member name is a step of the path too (`people[0].` for `{"": 1}` in a person), as
/// `serde_path_to_error` writes it: the tree reader once dropped it.
#[test]
fn empty_keys_read_alike() {
    let mut p = Vec::new();
    for t in [r#"{"people":[{"":1}]}"#, r#"{"people":[{"insurance":{"":1}}]}"#, r#"{"":1}"#] {
        assert!(compare::<contract::Scenario>(t, t, &mut p));
    }
    assert!(p.is_empty(), "{}", p.join("\n"));
}
