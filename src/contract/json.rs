//! JSON text → a contract type, with serde_json and `serde_path_to_error` (native builds: the
//! CLI, `yibao batch` and the Rust API; the widget passes JS objects instead, see `wasm.rs`).
//!
//! What the text reader accepts is what the engine always accepted: JSON (RFC 8259) after an
//! optional UTF-8 byte-order mark, at most 1 MiB, nested at most 32 deep, with numbers kept as
//! written (`arbitrary_precision`), so `1e400` is a number that is not a whole number, not a
//! syntax error. A syntax error anywhere wins over any field error (`MALFORMED_JSON` at `""`).

use core::fmt;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{push_step, Failure, Segment, MAX_DEPTH, NUMBER_TOKEN};

pub const MAX_INPUT: usize = 1 << 20;

/// Reads `text` as a `T`. The [`Failure`] has the field path of the error.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    if text.len() > MAX_INPUT {
        return Err(Failure::new("", "INPUT_TOO_LARGE"));
    }
    // A UTF-8 byte-order mark is tolerated (editors on Windows write one).
    let bom = text.starts_with('\u{feff}');
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start_matches([' ', '\t', '\n', '\r']).is_empty() {
        return Err(Failure::new("", "EMPTY_INPUT"));
    }
    check_syntax(text, bom)?;
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = render_path(e.path());
        Failure::from_serde(path, &message(e.inner()))
    })
}

/// `people[1].insurance.region`; the root is `""`.
fn render_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment as At;
    let mut out = String::new();
    for seg in path {
        match seg {
            At::Seq { index } => push_step(&mut out, Segment::Index(*index)),
            At::Map { key } | At::Enum { variant: key } => push_step(&mut out, Segment::Key(key)),
            At::Unknown => {}
        }
    }
    out
}

/// The text's syntax and nesting depth, before any field is read. The error's position is
/// given as a person counts: lines from 1, columns in characters from 1, in the text as given
/// (a byte-order mark is the first column).
fn check_syntax(text: &str, bom: bool) -> Result<(), Failure> {
    let mut de = serde_json::Deserializer::from_str(text);
    Depth(0).deserialize(&mut de).and_then(|()| de.end()).map_err(|e| {
        let code = if e.is_data() { "TOO_DEEP" } else { "MALFORMED_JSON" };
        // serde_json counts the column in bytes.
        let line_text = text.split('\n').nth(e.line().saturating_sub(1)).unwrap_or("");
        let upto = (0..=e.column().min(line_text.len())).rev().find(|&i| line_text.is_char_boundary(i)).unwrap_or(0);
        let column = line_text[..upto].chars().count().max(1) + usize::from(bom && e.line() == 1);
        Failure::new("", code).arg("line", e.line().to_string()).arg("column", column.to_string())
    })
}

/// serde_json's message without its ` at line … column …`.
fn message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).map(str::to_string).unwrap_or(full)
}

/// Walks any JSON value at its level (the root is 0), refusing one at level `MAX_DEPTH`.
struct Depth(usize);

impl<'de> DeserializeSeed<'de> for Depth {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.0 >= MAX_DEPTH {
            return Err(de::Error::custom("TOO_DEEP"));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Depth {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Depth(self.0 + 1))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == NUMBER_TOKEN {
                // A number kept as text: a scalar at this level.
                map.next_value::<de::IgnoredAny>()?;
            } else {
                map.next_value_seed(Depth(self.0 + 1))?;
            }
        }
        Ok(())
    }
}

/// The `locale` a JSON scenario names, if its text can be read that far (for error messages).
pub fn peek_locale(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Peek {
        locale: Option<super::Loose>,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Peek>(text).ok()?.locale? {
        super::Loose::Str(s) => Some(s),
        _ => None,
    }
}
