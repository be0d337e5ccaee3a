//! What must hold for any input, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and
//! the stable-toolchain harness (`tests/fuzz_harness.rs`). Every check panics with the reason, so
//! a violation is a crash the fuzzer keeps (and the harness reports with its input).
//!
//! - The engine's output is always valid JSON.
//! - An error is exactly `{"error":{"path","code","message"}}`: three strings, the code a
//!   non-empty `UPPER_SNAKE` word, the message non-empty, naming the path and with no unfilled
//!   `{placeholder}`, and the path naming
//!   a field that is really in the input (its parent, for `MISSING_FIELD`).
//! - A report conserves money for every person: `cost = pooled + own_account + shared + cash`,
//!   no part negative, and no account goes below zero.
//! - A finished questionnaire has a report (not an error), an outcome, and a calculator scenario that
//!   the calculator accepts.
#![allow(dead_code)]

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use yibao_family::date::Date;

/// The input as a tree that keeps every member of an object in order, repeats included (which
/// `serde_json::Value` does not): a path is checked against what the input really holds.
#[derive(Debug)]
pub enum J {
    Null,
    Scalar,
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl<'de> Deserialize<'de> for J {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<J, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = J;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E: de::Error>(self) -> Result<J, E> {
                Ok(J::Null)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<J, E> {
                Ok(J::Scalar)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<J, E> {
                Ok(J::Scalar)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<J, E> {
                Ok(J::Scalar)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<J, E> {
                Ok(J::Scalar)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<J, E> {
                Ok(J::Scalar)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<J, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(J::Arr(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<J, A::Error> {
                let mut m = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    // serde_json's form of a number kept as text (arbitrary_precision).
                    if k == "$serde_json::private::Number" {
                        map.next_value::<de::IgnoredAny>()?;
                        return Ok(J::Scalar);
                    }
                    m.push((k, map.next_value()?));
                }
                Ok(J::Obj(m))
            }
        }
        d.deserialize_any(V)
    }
}

/// The level of the deepest value (the root is level 0; an empty container adds none).
fn depth(v: &J) -> usize {
    match v {
        J::Arr(a) => a.iter().map(|x| 1 + depth(x)).max().unwrap_or(0),
        J::Obj(m) => m.iter().map(|(_, x)| 1 + depth(x)).max().unwrap_or(0),
        _ => 0,
    }
}

pub fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn fail(what: &str, input: &str, out: &str) -> ! {
    let cut = |s: &str| -> String { if s.len() > 2000 { format!("{}… ({} bytes)", &s[..s.char_indices().nth(2000).map(|x| x.0).unwrap_or(s.len())], s.len()) } else { s.to_string() } };
    panic!("invariant broken: {what}\n  input:  {}\n  output: {}", cut(input), cut(out));
}

/// Path segments of `people[1].costs.items[0]`: keys and indices.
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn segments(path: &str) -> Option<Vec<Seg<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        } else if out.is_empty() && rest.is_empty() {
            return None;
        }
        while !rest.is_empty() {
            let close = rest.find(']')?;
            out.push(Seg::Index(rest[1..close].parse().ok()?));
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return None;
            }
        }
    }
    Some(out)
}

/// Whether the segments lead somewhere in `v` (any member, when a key is repeated); with
/// `missing`, whether the last key is absent or null in an object that is there.
fn exists(v: &J, segs: &[Seg], missing: bool) -> bool {
    match segs.split_first() {
        None => !missing,
        Some((Seg::Key(k), rest)) => match v {
            J::Obj(m) => {
                if missing && rest.is_empty() {
                    return m.iter().all(|(k2, x)| k2 != k || matches!(x, J::Null));
                }
                m.iter().any(|(k2, x)| k2 == k && exists(x, rest, missing))
            }
            _ => false,
        },
        Some((Seg::Index(i), rest)) => match v {
            J::Arr(a) => a.get(*i).is_some_and(|x| exists(x, rest, missing)),
            _ => false,
        },
    }
}

/// Whether `path` names something in `doc` (for `MISSING_FIELD`: its parent is there and the key is
/// absent or null). Keys may themselves contain `.` or `[` (unknown keys are echoed), so every
/// split point is tried.
fn path_in_input(doc: &J, path: &str, code: &str) -> bool {
    if path.is_empty() {
        return true;
    }
    let missing = code == "MISSING_FIELD";
    if segments(path).is_some_and(|s| exists(doc, &s, missing)) {
        return true;
    }
    // parent "." key, with the key taken verbatim (or the whole path as a top-level key)
    let at = |parent: &str, key: &str| -> bool {
        let mut segs = if parent.is_empty() { Vec::new() } else { match segments(parent) { Some(s) => s, None => return false } };
        segs.push(Seg::Key(key));
        exists(doc, &segs, missing)
    };
    at("", path) || path.match_indices('.').any(|(i, _)| at(&path[..i], &path[i + 1..]))
}

/// The input as JSON the engine takes (a leading BOM, at most 1 MiB, fewer than 32 levels of
/// nesting), or `None`: then every error must be a syntax error at `""`.
fn parse_both(input: &str) -> Option<J> {
    if input.len() > yibao_family::contract::json::MAX_INPUT {
        return None;
    }
    let doc: J = serde_json::from_str(input.strip_prefix('\u{feff}').unwrap_or(input)).ok()?;
    (depth(&doc) < yibao_family::contract::MAX_DEPTH).then_some(doc)
}

/// A catalog placeholder such as `{expected}` left in a message.
fn unfilled_placeholder(message: &str) -> Option<&str> {
    message.match_indices('{').find_map(|(i, _)| {
        let rest = &message[i + 1..];
        let end = rest.find('}')?;
        let name = &rest[..end];
        (!name.is_empty() && name.bytes().all(|c| c.is_ascii_lowercase() || c == b'_')).then(|| &message[i..i + end + 2])
    })
}

/// Checks an error output; `doc` is the input as the engine parsed it (`None`: not JSON).
pub fn check_error(input: &str, out: &str, doc: Option<&J>) {
    let v: Value = serde_json::from_str(out).unwrap_or_else(|_| fail("error output is not valid JSON", input, out));
    let Some(top) = v.as_object() else { fail("error output is not an object", input, out) };
    if top.len() != 1 || !top.contains_key("error") {
        fail("error output must be exactly {\"error\":…}", input, out);
    }
    let Some(e) = v["error"].as_object() else { fail("\"error\" is not an object", input, out) };
    if e.len() != 3 {
        fail("\"error\" must have exactly path, code, message", input, out);
    }
    let (Some(path), Some(code), Some(message)) = (e.get("path").and_then(Value::as_str), e.get("code").and_then(Value::as_str), e.get("message").and_then(Value::as_str)) else {
        fail("path, code and message must be strings", input, out)
    };
    if code.is_empty() || !code.bytes().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_') {
        fail("code must be a non-empty UPPER_SNAKE word", input, out);
    }
    if message.trim().is_empty() {
        fail("message is empty", input, out);
    }
    if !path.is_empty() && !message.contains(path) {
        fail("message does not name the path", input, out);
    }
    if let Some(hole) = unfilled_placeholder(message) {
        if !input.contains(hole) {
            fail("message has an unfilled placeholder", input, out);
        }
    }
    let syntax = matches!(code, "MALFORMED_JSON" | "TOO_DEEP" | "EMPTY_INPUT" | "INPUT_TOO_LARGE");
    // serde_json with `arbitrary_precision` (the engine's, and so this harness's `J`) gives a
    // number to a visitor as an object whose one key is its private token: a text that holds that
    // key is not the document `doc` (or its failure to parse) says it is, so only the checks above
    // apply to it.
    if input.contains("$serde_json::private::Number") {
        return;
    }
    match doc {
        Some(_) if syntax => fail("a syntax error code for text that parses", input, out),
        Some(doc) if !path_in_input(doc, path, code) => fail("the error's path names no field of the input", input, out),
        None if !syntax || !path.is_empty() => fail("text that does not parse needs a syntax error at path \"\"", input, out),
        _ => {}
    }
}

fn int(m: &Value, k: &str, input: &str, out: &str) -> i64 {
    m.get(k).and_then(Value::as_i64).unwrap_or_else(|| fail(&format!("money.{k} is not an integer"), input, out))
}

/// Checks a report (already parsed).
pub fn check_report(input: &str, out: &str, r: &Value) {
    let Some(people) = r.get("people").and_then(Value::as_array) else { fail("report has no people array", input, out) };
    for p in people {
        let m = &p["money"];
        let [cost, pooled, own, shared, cash] = ["cost", "pooled", "own_account", "shared", "cash"].map(|k| int(m, k, input, out));
        if [cost, pooled, own, shared, cash].iter().any(|x| *x < 0) {
            fail(&format!("negative money for {}", p["id"]), input, out);
        }
        if pooled.checked_add(own).and_then(|x| x.checked_add(shared)).and_then(|x| x.checked_add(cash)) != Some(cost) {
            fail(&format!("cost ≠ pooled + own_account + shared + cash for {}", p["id"]), input, out);
        }
    }
    for a in r.get("accounts").and_then(Value::as_array).into_iter().flatten() {
        if a.get("balance_after").and_then(Value::as_i64).is_none_or(|b| b < 0) {
            fail(&format!("account {} ends below zero", a["id"]), input, out);
        }
    }
}

/// `evaluate_json` on arbitrary text: never panics (the call itself), always one of the two shapes.
pub fn check_evaluate(input: &str) {
    let doc = parse_both(input);
    match yibao_family::evaluate_json(input, today(), false) {
        Ok(out) => {
            let r: Value = serde_json::from_str(&out).unwrap_or_else(|_| fail("report is not valid JSON", input, &out));
            check_report(input, &out, &r);
        }
        Err(out) => check_error(input, &out, doc.as_ref()),
    }
}

/// `questionnaire::run_json` on arbitrary text.
pub fn check_questionnaire(input: &str) {
    let doc = parse_both(input);
    let out = yibao_family::questionnaire::run_json(input, today());
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|_| fail("questionnaire output is not valid JSON", input, &out));
    if v.get("error").is_some() {
        return check_error(input, &out, doc.as_ref());
    }
    if v["done"] == true {
        let report_out = yibao_family::questionnaire::report_json(input, today());
        let report: Value = serde_json::from_str(&report_out).unwrap_or_else(|_| fail("the questionnaire's report is not valid JSON", input, &report_out));
        if report.get("error").is_some() {
            fail("a finished questionnaire's scenario is rejected by the engine", input, &report_out);
        }
        check_report(input, &report_out, &report);
        // The outcome's headline, and the scenario its 算一算金额 opens the calculator with.
        if v["outcome"]["headline"].as_str().is_none_or(str::is_empty) {
            fail("a finished questionnaire has no outcome headline", input, &out);
        }
        let sc = &v["outcome"]["calculator"];
        if let Err(e) = yibao_family::evaluate_json(&sc.to_string(), today(), false) {
            fail("the outcome's calculator scenario does not open in the calculator", input, &e);
        }
    } else if v["question"]["options"].as_array().is_none_or(|o| o.is_empty()) {
        fail("an unfinished questionnaire has no question with options", input, &out);
    }
}
