//! Nothing a user sees changes by accident (issue 11, item 8): the outputs of the engine for every
//! scenario file (in each of the three locales), every malformed-corpus file, every questionnaire
//! corpus state and a walk of the questionnaire's states are compared with the outputs recorded
//! from the code before the serde boundary (`tests/golden/manifest.json`).
//!
//! The manifest holds two SHA-256 digests (16 hex digits each) per output: of the exact text, and of the
//! value (the JSON parsed and written back with its keys sorted), so a change of key order or
//! string escaping is told apart from a change of value. The questionnaire walk is recorded per
//! group (locale × host region × first answer) to keep the manifest small.
//!
//! `YIBAO_GOLDEN_DUMP=DIR` writes every output to `DIR/<name>.json` (to diff two builds);
//! `YIBAO_GOLDEN_WRITE=1` rewrites the manifest (only when a change is meant: say so in the commit).
//! The `ui` and `meta` outputs of the widget's core are compared too, through the same native
//! functions the wasm boundary serialises. It evaluates ~55,000 questionnaire states: it runs in
//! release builds only (`cargo test --release --test golden`, as scripts/test.sh does).
// Native only: the JSON-text API (serde_json) it replays is not in wasm32 builds (`wasm-pack test`
// builds every test target for wasm32; tests/wasm.rs covers the wasm boundary).
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use yibao_family::{date::Date, evaluate_json, questionnaire};

const LOCALES: [&str; 3] = ["zh-Hans", "zh-Hant", "en"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn digest(s: &str) -> String {
    Sha256::digest(s.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The value's digest: the text parsed and written back with sorted keys (serde_json's default map).
fn value_digest(s: &str) -> String {
    match serde_json::from_str::<Value>(s) {
        Ok(v) => digest(&v.to_string()),
        Err(_) => format!("not-json:{}", digest(s)),
    }
}

/// The text with this build's `rules_hash` (the digest of `src/policy/`, which any edit of the
/// policy files changes, a comment included) written as the one it had when the manifest was
/// recorded ([`RECORDED_RULES_HASH`]): a change of the book's text is not a change of what a user
/// sees, and every rule value the user does see is compared.
fn as_recorded(text: &str) -> String {
    text.replace(yibao_family::RULES_HASH, RECORDED_RULES_HASH)
}

/// `rules_hash` of the code the manifest was recorded from.
const RECORDED_RULES_HASH: &str = "sha256:f4fb1fce8d35e76f";

#[derive(Default)]
struct Outputs {
    /// name → (text digest, value digest)
    entries: BTreeMap<String, (String, String)>,
    /// group name → the outputs of the group, in walk order
    groups: BTreeMap<String, Vec<String>>,
    dump: Option<PathBuf>,
}

impl Outputs {
    fn dump_file(&self, name: &str, text: &str) {
        if let Some(dir) = &self.dump {
            let file = dir.join(format!("{}.json", name.replace(['/', '=', ',', ' '], "_")));
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, text).unwrap();
        }
    }
    fn add(&mut self, name: String, text: &str) {
        let text = &as_recorded(text);
        self.dump_file(&name, text);
        let old = self.entries.insert(name.clone(), (digest(text), value_digest(text)));
        assert!(old.is_none(), "two outputs named {name}");
    }
    fn add_to_group(&mut self, group: &str, name: &str, text: &str) {
        let text = &as_recorded(text);
        self.dump_file(&format!("{group}/{name}"), text);
        self.groups.entry(group.to_string()).or_default().push(text.to_string());
    }
    fn finish(mut self) -> BTreeMap<String, (String, String)> {
        for (g, texts) in std::mem::take(&mut self.groups) {
            let all = texts.join("\n");
            let values: Vec<String> = texts.iter().map(|t| value_digest(t)).collect();
            self.entries.insert(format!("{g} ({} states)", texts.len()), (digest(&all), digest(&values.join("\n"))));
        }
        self.entries
    }
}

fn both(r: Result<String, String>) -> String {
    match r {
        Ok(s) | Err(s) => s,
    }
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().is_some_and(|n| n != "expected.json"))
        .collect();
    files.sort();
    files
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

fn scenarios(out: &mut Outputs) {
    for f in json_files(&root().join("tests/scenarios")) {
        let name = file_name(&f);
        let case: Value = serde_json::from_str(&fs::read_to_string(&f).unwrap()).unwrap();
        match &case["input"] {
            Value::String(raw) => out.add(format!("scenario/{name}/raw"), &both(evaluate_json(raw, today(), false))),
            input => {
                // The file as written, compact and pretty (the CLI's default), and in each locale.
                let text = input.to_string();
                out.add(format!("scenario/{name}/as-written"), &both(evaluate_json(&text, today(), false)));
                out.add(format!("scenario/{name}/pretty"), &both(evaluate_json(&text, today(), true)));
                for loc in LOCALES {
                    let mut v = input.clone();
                    if let Some(o) = v.as_object_mut() {
                        o.insert("locale".into(), json!(loc));
                    }
                    out.add(format!("scenario/{name}/{loc}"), &both(evaluate_json(&v.to_string(), today(), false)));
                }
            }
        }
    }
    for f in json_files(&root().join("tests/data")) {
        let text = fs::read_to_string(&f).unwrap();
        out.add(format!("data/{}", file_name(&f)), &both(evaluate_json(&text, today(), false)));
    }
}

fn malformed(out: &mut Outputs) {
    for f in json_files(&root().join("tests/malformed")) {
        // The file's bytes as the engine gets them (the corpus is UTF-8).
        let text = String::from_utf8(fs::read(&f).unwrap()).unwrap();
        out.add(format!("malformed/{}", file_name(&f)), &both(evaluate_json(&text, today(), false)));
        out.add(format!("malformed-pretty/{}", file_name(&f)), &both(evaluate_json(&text, today(), true)));
    }
    for f in json_files(&root().join("tests/malformed/questionnaire")) {
        let text = fs::read_to_string(&f).unwrap();
        out.add(format!("malformed-questionnaire/{}", file_name(&f)), &questionnaire::run_json(&text, today()));
    }
}

/// Province answers are many (31): the walk takes a few of them, every other option in full.
const PROVINCE_SAMPLE: [&str; 4] = ["110000", "320000", "440000", "unknown"];

fn walk(out: &mut Outputs, group: &str, loc: &str, region: Option<&str>, answers: Map<String, Value>, n: &mut usize) {
    *n += 1;
    assert!(*n < 200_000, "questionnaire walk does not end");
    let st = json!({ "locale": loc, "region": region, "as_of": "2026-03-01", "answers": answers });
    let text = questionnaire::run_json(&st.to_string(), today());
    let key: Vec<String> = answers.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or("?"))).collect();
    out.add_to_group(group, &key.join(","), &text);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(v.get("error").is_none(), "{v}");
    if v["done"] == true {
        return;
    }
    let id = v["question"]["id"].as_str().unwrap().to_string();
    let opts: Vec<String> = v["question"]["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap().to_string()).collect();
    for o in opts {
        if (id == "my_region" || id == "their_province") && !PROVINCE_SAMPLE.contains(&o.as_str()) {
            continue;
        }
        let mut a = answers.clone();
        a.insert(id.clone(), json!(o));
        walk(out, group, loc, region, a, n);
    }
}

fn questionnaire_walk(out: &mut Outputs) {
    // Every answer "who" accepts: the options it offers and who=parent, still accepted.
    let whos = questionnaire::accepted("who");
    for loc in LOCALES {
        for region in [Some("320500"), None] {
            let mut n = 0;
            let start = json!({ "locale": loc, "region": region, "as_of": "2026-03-01", "answers": {} });
            out.add(format!("questionnaire/{loc}/{}/start", region.unwrap_or("none")), &questionnaire::run_json(&start.to_string(), today()));
            for who in &whos {
                let group = format!("questionnaire/{loc}/{}/who={who}", region.unwrap_or("none"));
                let mut a = Map::new();
                a.insert("who".into(), json!(who));
                walk(out, &group, loc, region, a, &mut n);
            }
        }
    }
}

/// The widget core's `ui(locale)` and `meta(locale)` objects, as JSON (recorded from the old
/// text boundary, `wasm::ui` / `wasm::meta`; now the values `page::ui` / `page::meta` that the
/// wasm boundary hands to JavaScript as objects).
fn widget_texts(out: &mut Outputs) {
    use yibao_family::{model::Locale, page};
    for loc in LOCALES {
        let l = Locale::parse(loc).unwrap();
        out.add(format!("ui/{loc}"), &serde_json::to_string(&page::ui(l)).unwrap());
        out.add(format!("meta/{loc}"), &serde_json::to_string(&page::meta(l)).unwrap());
    }
}

/// Outputs changed on purpose since the manifest was recorded, each with why (README § Golden
/// outputs). Their digests in the manifest stay those of the old outputs, as the record.
const CHANGED_ON_PURPOSE: &[(&str, &str)] = &[
    // serde_json reads JSON text now: for these syntax errors it stops one character earlier or later
    // than the old reader, so the message's line/column differ (same code, same path).
    ("malformed/syntax_bad_unicode_escape.json", "syntax error position"),
    ("malformed/syntax_bom_after_whitespace.json", "syntax error position"),
    ("malformed/syntax_deep_arrays.json", "syntax error position"),
    ("malformed/syntax_deep_objects.json", "syntax error position"),
    ("malformed/syntax_leading_zero.json", "syntax error position"),
    ("malformed/syntax_lone_low_surrogate.json", "syntax error position"),
    ("malformed/syntax_reversed_surrogates.json", "syntax error position"),
    ("malformed/syntax_short_unicode_escape.json", "syntax error position"),
    ("malformed/syntax_unknown_escape.json", "syntax error position"),
    ("malformed/syntax_unterminated_string.json", "syntax error position"),
    ("malformed-questionnaire/syntax_truncated.json", "syntax error position"),
    ("scenario/056_error_malformed_json.json/raw", "syntax error position"),
    // Issue 12, the calculator: new and reworded ui.* texts (one balance, the 历年 / 当年 split,
    // province → city, before → after, errors in words), and meta's `limits` (the contract's
    // largest values, for errors in 元).
    ("ui/zh-Hans", "calculator texts (issue 12)"),
    ("ui/zh-Hant", "calculator texts (issue 12)"),
    ("ui/en", "calculator texts (issue 12)"),
    ("meta/zh-Hans", "meta.limits (issue 12)"),
    ("meta/zh-Hant", "meta.limits (issue 12)"),
    ("meta/en", "meta.limits (issue 12)"),
];

fn changed_on_purpose(name: &str) -> bool {
    let name = name.replace("malformed-pretty/", "malformed/");
    CHANGED_ON_PURPOSE.iter().any(|(n, _)| *n == name)
}

#[test]
#[cfg_attr(debug_assertions, ignore = "55,000 questionnaire states: run with --release")]
fn outputs_are_unchanged() {
    let mut out = Outputs { dump: std::env::var_os("YIBAO_GOLDEN_DUMP").map(PathBuf::from), ..Default::default() };
    scenarios(&mut out);
    malformed(&mut out);
    questionnaire_walk(&mut out);
    widget_texts(&mut out);
    let actual = out.finish();
    let manifest_path = root().join("tests/golden/manifest.json");
    if std::env::var_os("YIBAO_GOLDEN_WRITE").is_some() {
        let m: Map<String, Value> = (actual.iter().map(|(k, (t, v))| (k.clone(), json!({ "text": t, "value": v })))).collect();
        fs::create_dir_all(manifest_path.parent().unwrap()).unwrap();
        fs::write(&manifest_path, serde_json::to_string_pretty(&Value::Object(m)).unwrap() + "\n").unwrap();
        return;
    }
    let expected: Map<String, Value> = serde_json::from_str(&fs::read_to_string(&manifest_path).unwrap()).unwrap();
    let (mut values, mut texts, mut missing) = (Vec::new(), Vec::new(), Vec::new());
    for (name, exp) in &expected {
        match actual.get(name) {
            None => missing.push(name.clone()),
            Some((t, v)) => {
                if exp["value"] != *v && !changed_on_purpose(name) {
                    values.push(name.clone());
                } else if exp["text"] != *t && !changed_on_purpose(name) {
                    texts.push(name.clone());
                }
            }
        }
    }
    let extra: Vec<&String> = actual.keys().filter(|k| !expected.contains_key(*k)).collect();
    // Text-only differences (key order, escaping, whitespace) with the same values are allowed
    // where README § The contract says why; any list here is printed for the record.
    if !texts.is_empty() {
        eprintln!("golden: {} output(s) with the same value but different text: {texts:?}", texts.len());
    }
    assert!(
        values.is_empty() && missing.is_empty() && extra.is_empty(),
        "golden outputs changed: {} value(s) {values:?}; missing {missing:?}; new {extra:?}\n(YIBAO_GOLDEN_DUMP=DIR writes every output for a diff)",
        values.len()
    );
    let purposed = actual.iter().filter(|(k, (t, _))| changed_on_purpose(k) && expected.get(*k).is_some_and(|e| e["text"] != *t)).count();
    eprintln!("golden: {} outputs compared (questionnaire walk by group), {} identical as text, {} changed on purpose (CHANGED_ON_PURPOSE)", actual.len(), actual.len() - texts.len() - purposed, purposed);
}
