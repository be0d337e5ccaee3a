//! A mutation fuzzer on the stable toolchain (the fallback of `scripts/fuzz.sh` when cargo-fuzz or
//! nightly is missing, and a short deterministic run inside `cargo test`).
//!
//! Seeds: the scenario inputs (`tests/scenarios/*.json`), the malformed corpus
//! (`tests/malformed/*.json`) and questionnaire states, plus generated valid questionnaire answers.
//! Mutations, one to three stacked: byte-level (truncation, deletion, insertion, flips, splices,
//! tokens such as `NaN`, `1e400`, `-0`, `01`, `\ud800`, a BOM) and structure-level (a node
//! replaced by a value of another type, a huge or negative or fractional number, raw number text,
//! an unknown key, a removed key, a duplicate key, deep nesting, a very long string, an array
//! repeated to 31, 101, 201 or 10 000 entries). Every input goes through the invariants shared
//! with the cargo-fuzz targets (`fuzz/fuzz_targets/invariants.rs`).
//!
//! Environment: `YIBAO_FUZZ_SECS` (run for that long; default: a fixed number of inputs),
//! `YIBAO_FUZZ_ITERS` (number of inputs, default 5000), `YIBAO_FUZZ_SEED` (default 1). The same
//! seed and count give the same inputs.
#![cfg(not(target_arch = "wasm32"))] // native only (wasm-pack test builds every test target for wasm32)

use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../fuzz/fuzz_targets/invariants.rs"]
mod invariants;

/// splitmix64: small, deterministic, good enough for choosing mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const TOKENS: &[&str] = &[
    "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "-0", "01", "-01", "0x10", "+1", ".5", "1.", "1e", "-", "1.0", "-0.0",
    "100000000000", "100000000001", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
    "99999999999999999999999999999", "true", "false", "null", "True", "None", "undefined", "\"\\ud800\"", "\"\\udc00\"",
    "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"\\u2028\"", "\"\\x41\"", "\"\\u12\"", "\u{feff}", "\"", "\\", "{", "}", "[", "]",
    ",", ":", ",,", "\"self\"", "\"999999\"", "\"2026-02-30\"", "\"320500\"", "\"people\"", "\"as_of\"", "\"relation\"",
    "\"id\"", "\"me\"", "//", "/*", "\t", "\n", "\u{0}", "\u{7f}", "é", "😀", "\u{2028}",
];

fn token(r: &mut Rng) -> &'static str {
    TOKENS[r.below(TOKENS.len())]
}

/// Raw JSON text (possibly invalid) that replaces a whole node.
fn junk(r: &mut Rng) -> String {
    match r.below(16) {
        0 => r.pick(&["null", "true", "false", "0", "-1", "1.5", "\"\"", "\"x\"", "[]", "{}", "[null]", "{\"\":0}"]).to_string(),
        1 => r.pick(&["-0", "1e400", "-1e400", "1e2", "5E-1", "-0.0", "100000000001", "100000000000", "131", "-9223372036854775808", "18446744073709551616", "123456789012345678901234567890"]).to_string(),
        2 => r.pick(&["NaN", "Infinity", "-Infinity", "01", "+5", ".5", "0x1F", "1_000", "1,000", "--1"]).to_string(),
        3 => {
            let d = 2 + r.below(60);
            format!("{}{}", "[".repeat(d), "]".repeat(d))
        }
        4 => {
            let d = 2 + r.below(60);
            format!("{}0{}", "{\"a\":".repeat(d), "}".repeat(d))
        }
        5 => format!("\"{}\"", "x".repeat(*r.pick(&[64, 65, 1000, 70_000]))),
        6 => r.pick(&["\"\\ud800\"", "\"\\udfff\\ud800\"", "\"a\\u0000b\"", "\"\\u00\"", "\"\\uZZZZ\"", "\"\\u2028\"", "\"\u{feff}\"", "\"妈妈😀\"", "\"\\\"\""]).to_string(),
        7 => r.pick(&["\"2026-02-30\"", "\"2025-02-29\"", "\"2024-02-29\"", "\"1899-12-31\"", "\"2200-01-01\"", "\"2026-13-01\"", "\"26-03-01\"", "\"2026-03-01T00:00\"", "\"2020-01-01\"", "\"2027-01-01\""]).to_string(),
        8 => r.pick(&["\"999999\"", "\"000000\"", "\"320500\"", "\"320581\"", "\"110000\"", "\"440300\"", "\"810000\"", "\"71\"", "\"３２０５００\"", "320500"]).to_string(),
        9 => r.pick(&["\"self\"", "\"spouse\"", "\"parent\"", "\"child\"", "\"sibling\"", "\"other\"", "\"employee\"", "\"resident\"", "\"none\"", "\"unknown\"", "\"terminated\"", "\"gongji\"", "\"family_account\"", "\"en\"", "\"zh-Hant\""]).to_string(),
        10 => "\"me\"".into(),
        11 => format!("{}", r.next() as i64),
        12 => format!("{}", r.below(200_000_000_000) as i64 - 100_000_000_000),
        13 => format!("{}.{}", r.below(1000), r.below(100)),
        14 => "{\"id\":\"me\",\"relation\":\"self\",\"insurance\":{\"scheme\":\"employee\"},\"account\":{\"prior_years\":1}}".into(),
        _ => token(r).to_string(),
    }
}

/// A structural edit at one node of the document, applied while writing it out.
enum Edit {
    Replace(String),
    Remove,
    AddKey(String, String),
    DuplicateKey,
    Repeat(usize),
}

fn count_nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count_nodes).sum(),
        Value::Object(o) => o.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// Writes `v` as JSON text, applying `edit` at pre-order node number `target`.
fn write(v: &Value, target: usize, edit: &Edit, n: &mut usize, out: &mut String) {
    let me = *n;
    *n += 1;
    if me == target {
        if let Edit::Replace(raw) = edit {
            out.push_str(raw);
            *n += count_nodes(v) - 1;
            return;
        }
    }
    let here = me == target;
    match v {
        Value::Array(a) => {
            out.push('[');
            let times = if let (true, Edit::Repeat(k)) = (here, edit) { *k } else { 1 };
            let mut first = true;
            for (i, x) in a.iter().enumerate() {
                let mut text = String::new();
                write(x, target, edit, n, &mut text);
                if here && matches!(edit, Edit::Remove) && i == 0 {
                    continue;
                }
                for _ in 0..if i == 0 { times } else { 1 } {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push_str(&text);
                }
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            let mut first = true;
            let mut sep = |out: &mut String| {
                if !first {
                    out.push(',');
                }
                first = false;
            };
            for (i, (k, x)) in o.iter().enumerate() {
                let mut text = String::new();
                write(x, target, edit, n, &mut text);
                if here && matches!(edit, Edit::Remove) && i == 0 {
                    continue;
                }
                let times = if here && matches!(edit, Edit::DuplicateKey) && i == 0 { 2 } else { 1 };
                for _ in 0..times {
                    sep(out);
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    out.push_str(&text);
                }
            }
            if let (true, Edit::AddKey(k, raw)) = (here, edit) {
                sep(out);
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push(':');
                out.push_str(raw);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The engine-style path (`people[1].costs`) of pre-order node `target`.
fn path_of(v: &Value, target: usize, n: &mut usize, here: &str) -> Option<String> {
    if *n == target {
        return Some(here.to_string());
    }
    *n += 1;
    match v {
        Value::Array(a) => a.iter().enumerate().find_map(|(i, x)| path_of(x, target, n, &format!("{here}[{i}]"))),
        Value::Object(o) => o.iter().find_map(|(k, x)| path_of(x, target, n, &if here.is_empty() { k.clone() } else { format!("{here}.{k}") })),
        _ => None,
    }
}

/// One structural edit: the new text and the path of the node edited.
fn structural_at(r: &mut Rng, text: &str) -> Option<(String, String)> {
    let v: Value = serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?;
    let total = count_nodes(&v);
    let target = r.below(total);
    let edit = match r.below(10) {
        0..=3 => Edit::Replace(junk(r)),
        4 => Edit::Remove,
        5 => {
            let key = r.pick(&["wechat", "as_of", "id", "age", "region", "people", "bindings", "relations", "kind", "amount", "tier", "comment", "name", "answers", "who", "", "a.b", "x[0]", "\u{0}", "😀"]).to_string();
            Edit::AddKey(key, junk(r))
        }
        6 => Edit::DuplicateKey,
        7 => Edit::Repeat(*r.pick(&[2, 3, 31, 101, 201, 10_000])),
        _ => Edit::Replace(junk(r)),
    };
    let mut out = String::new();
    write(&v, target, &edit, &mut 0, &mut out);
    Some((out, path_of(&v, target, &mut 0, "").unwrap_or_default()))
}

fn structural(r: &mut Rng, text: &str) -> Option<String> {
    structural_at(r, text).map(|x| x.0)
}

/// `a` is `b` or inside it (`people[1].age` is inside `people[1]` and `people`, not `peo`).
fn within(a: &str, b: &str) -> bool {
    b.is_empty() || a == b || (a.starts_with(b) && matches!(a.as_bytes()[b.len()], b'.' | b'['))
}

/// Whether an error at `err` fits one edit at `edited` of a valid scenario: the same node, one
/// inside it or around it, or a field the edited one decides (an id is referenced by bindings
/// and relations and must be unique; a relation decides who is `self`; a scheme decides whether
/// an account is allowed; the two ends of a binding or relation go together).
fn error_fits_edit(err: &str, edited: &str) -> bool {
    if within(err, edited) || within(edited, err) {
        return true;
    }
    // A binding or relation to oneself is named at its `to` / `b`, whichever end was edited.
    if edited.starts_with("bindings[") || edited.starts_with("relations[") {
        return edited.find(']').is_some_and(|i| within(err, &edited[..=i]));
    }
    let person = edited.starts_with("people[") && edited.find(']').is_some_and(|i| matches!(&edited[i + 1..], "" | ".id" | ".relation" | ".insurance" | ".insurance.scheme"));
    if !person {
        return false;
    }
    let ix = &edited[..edited.find(']').unwrap() + 1];
    let tail = &edited[ix.len()..];
    let refs = err.starts_with("bindings[") || err.starts_with("relations[");
    let other_person = |f: &str| err.starts_with("people[") && err.ends_with(f);
    match tail {
        "" => refs || other_person(".id") || other_person(".relation"),
        ".id" => refs || other_person(".id"),
        ".relation" => other_person(".relation"),
        _ => err == format!("{ix}.account"),
    }
}

fn char_floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn bytewise(r: &mut Rng, text: &str, other: &str) -> String {
    let mut s = text.to_string();
    let at = char_floor(&s, r.below(s.len() + 1));
    match r.below(8) {
        0 => s.truncate(at),
        1 => {
            let end = char_floor(&s, at + 1 + r.below(16));
            s.replace_range(at..end, "");
        }
        2 | 3 => s.insert_str(at, token(r)),
        4 => {
            // Replace the next number or literal with a token.
            let rest = &s[at..];
            if let Some(off) = rest.find(|c: char| c.is_ascii_digit()) {
                let st = at + off;
                let en = st + s[st..].find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e' || c == '-')).unwrap_or(s.len() - st);
                s.replace_range(st..en, token(r));
            }
        }
        5 => {
            // Flip one ASCII byte to another printable one.
            if let Some((i, c)) = s[at..].char_indices().next() {
                if c.is_ascii() {
                    let nc = (b' ' + r.below(95) as u8) as char;
                    s.replace_range(at + i..at + i + 1, &nc.to_string());
                }
            }
        }
        6 => {
            let cut = char_floor(other, r.below(other.len() + 1));
            s.truncate(at);
            s.push_str(&other[cut..]);
        }
        _ => {
            let end = char_floor(&s, at + r.below(64));
            let chunk = s[at..end].to_string();
            s.insert_str(end, &chunk);
        }
    }
    s
}

fn mutate(r: &mut Rng, seed: &str, other: &str) -> String {
    let mut s = seed.to_string();
    let rounds = if r.chance(60) { 1 } else { 2 + r.below(2) };
    for _ in 0..rounds {
        s = if r.chance(65) { structural(r, &s).unwrap_or_else(|| bytewise(r, &s, other)) } else { bytewise(r, &s, other) };
    }
    s
}

const QUESTIONS: &[(&str, &[&str])] = &[
    ("who", &["parent", "spouse", "child", "grandparent", "grandchild", "sibling", "parent_in_law", "child_in_law", "other", "unknown"]),
    ("my_region", &["110000", "320000", "440000", "650000", "unknown"]),
    ("phone", &["can", "cannot", "under16", "unknown"]),
    ("my_scheme", &["employee_balance", "employee_zero", "resident", "none", "unknown"]),
    ("their_scheme", &["employee", "resident", "none", "unknown"]),
    ("place", &["same_city", "same_province", "other_province", "unknown"]),
    ("their_province", &["110000", "310000", "440000", "460000", "unknown"]),
    ("costs", &["yes", "no", "unknown"]),
];

/// A valid questionnaire state, usually complete (so the result and its scenario are checked).
fn questionnaire_state(r: &mut Rng) -> String {
    let mut answers = serde_json::Map::new();
    for (q, opts) in QUESTIONS {
        if r.chance(85) {
            answers.insert(q.to_string(), Value::String(r.pick(opts).to_string()));
        }
    }
    let mut st = serde_json::Map::new();
    st.insert("locale".into(), Value::String(r.pick(&["zh-Hans", "zh-Hant", "en"]).to_string()));
    if r.chance(50) {
        st.insert("region".into(), Value::String(r.pick(&["320500", "320581", "110000", "440100", "420100", "330000", "810000"]).to_string()));
    }
    if r.chance(50) {
        st.insert("as_of".into(), Value::String(r.pick(&["2021-04-22", "2023-06-30", "2024-12-09", "2025-09-22", "2026-03-01", "2027-01-01"]).to_string()));
    }
    st.insert("answers".into(), Value::Object(answers));
    Value::Object(st).to_string()
}

/// The seed inputs, valid scenarios first, and how many of them are valid.
fn seeds() -> (Vec<String>, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut files: Vec<_> = ["tests/scenarios", "tests/malformed"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().filter_map(|e| e.ok()).map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("expected.json"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        if f.parent().unwrap().ends_with("scenarios") {
            let case: Value = serde_json::from_str(&text).unwrap();
            out.push(match &case["input"] {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            });
        } else {
            out.push(text);
        }
    }
    let (mut valid, mut bad): (Vec<String>, Vec<String>) = out.into_iter().partition(|s| {
        // Valid as written and after a serde_json round trip (which writes `-0` as `-0.0`), so that
        // structural edits change nothing but the node edited.
        let ok = |t: &str| yibao_family::evaluate_json(t, invariants::today(), false).is_ok();
        ok(s) && serde_json::from_str::<Value>(s.strip_prefix('\u{feff}').unwrap_or(s)).is_ok_and(|v| ok(&v.to_string()))
    });
    let n = valid.len();
    valid.append(&mut bad);
    (valid, n)
}

#[test]
fn fuzz_bad_input() {
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = env("YIBAO_FUZZ_SEED").unwrap_or(1);
    let secs = env("YIBAO_FUZZ_SECS");
    let iters = env("YIBAO_FUZZ_ITERS").unwrap_or(if secs.is_some() { u64::MAX } else { 5000 });
    let deadline = secs.map(|s| Instant::now() + Duration::from_secs(s));
    let mut r = Rng(seed);
    let (corpus, valid) = seeds();
    let started = Instant::now();
    // Quiet the default hook: a panic is caught and reported with its input below.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let (mut n, mut n_eval, mut n_q, mut reports, mut errors) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let mut codes = std::collections::BTreeMap::<String, u64>::new();
    let mut failures: Vec<String> = Vec::new();
    while n < iters && deadline.is_none_or(|d| Instant::now() < d) && failures.len() < 5 {
        n += 1;
        let questionnaire = r.chance(20);
        // Some inputs are one structural edit of a valid scenario, so the error's path can be
        // checked against the node edited.
        let mut oracle = None;
        let input = if !questionnaire && r.chance(30) {
            let a = &corpus[r.below(valid)];
            match structural_at(&mut r, a) {
                Some((text, edited)) => {
                    oracle = Some(edited);
                    text
                }
                None => a.clone(),
            }
        } else if questionnaire {
            let st = questionnaire_state(&mut r);
            if r.chance(40) {
                st
            } else {
                let other = questionnaire_state(&mut r);
                mutate(&mut r, &st, &other)
            }
        } else {
            // Mostly the valid scenarios (the first `valid` seeds), so mutations reach past the syntax.
            let a = if r.chance(75) { corpus[r.below(valid)].clone() } else { r.pick(&corpus).clone() };
            let b = r.pick(&corpus).clone();
            if r.chance(3) {
                a
            } else {
                mutate(&mut r, &a, &b)
            }
        };
        let res = catch_unwind(AssertUnwindSafe(|| {
            if let Some(edited) = &oracle {
                if let Err(e) = yibao_family::evaluate_json(&input, invariants::today(), false) {
                    let v: Value = serde_json::from_str(&e).unwrap();
                    let p = v["error"]["path"].as_str().unwrap_or_default();
                    assert!(error_fits_edit(p, edited), "one edit at {edited:?} of a valid scenario, but the error names {p:?}\n  input: {input}\n  output: {e}");
                }
            }
            if questionnaire {
                invariants::check_questionnaire(&input);
            } else {
                invariants::check_evaluate(&input);
            }
        }));
        if questionnaire {
            n_q += 1;
        } else {
            n_eval += 1;
            match yibao_family::evaluate_json(&input, invariants::today(), false) {
                Ok(_) => reports += 1,
                Err(e) => {
                    errors += 1;
                    let code = serde_json::from_str::<Value>(&e).ok().and_then(|v| v["error"]["code"].as_str().map(String::from)).unwrap_or_default();
                    *codes.entry(code).or_default() += 1;
                }
            }
        }
        if let Err(p) = res {
            let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            let file = std::env::temp_dir().join(format!("yibao-fuzz-failure-{seed}-{n}.json"));
            let _ = std::fs::write(&file, &input);
            failures.push(format!("input #{n} ({}; saved to {}): {msg}", if questionnaire { "questionnaire" } else { "evaluate" }, file.display()));
        }
    }
    std::panic::set_hook(hook);
    let codes_text = codes.iter().map(|(c, k)| format!("{c}×{k}")).collect::<Vec<_>>().join(" ");
    println!(
        "FUZZ SUMMARY stable harness: {n} inputs in {:.1}s (seed {seed}): {n_eval} scenarios → {reports} reports, {errors} structured errors; {n_q} questionnaire states; {} failure(s)",
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    println!("  error codes seen: {codes_text}");
    assert!(failures.is_empty(), "{} invariant violation(s):\n{}", failures.len(), failures.join("\n\n"));
    // The mutations must reach deep into the decoder, not only the JSON syntax check.
    if n >= 1000 {
        for c in ["MALFORMED_JSON", "WRONG_TYPE", "UNKNOWN_FIELD", "DUPLICATE_FIELD", "TOO_MANY", "TOO_DEEP"] {
            assert!(codes.contains_key(c), "no mutated input produced {c}: {codes_text}");
        }
        assert!(reports > 0, "no mutated input was still a valid scenario");
    }
}
