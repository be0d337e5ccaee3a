//! Input errors: `{path, code, message}` with the message from the catalogs, and serde's errors
//! mapped to the contract's codes.

use crate::i18n::{self, Key};
use crate::model::{InputError, Locale};

/// The error `code` at `path` (`""` is the root, named `$` in the message), with the message
/// filled from the code's catalog text (`error.<CODE>`): `{path}` and `args`. Every input error
/// of the engine is built here.
pub fn input_error(locale: Locale, path: String, code: &'static str, args: &[(&str, &str)]) -> InputError {
    let shown = if path.is_empty() { "$" } else { path.as_str() };
    let all: Vec<(&str, &str)> = [("path", shown)].into_iter().chain(args.iter().copied()).collect();
    let message = i18n::t(locale, i18n::find::error(code).unwrap_or(Key::ErrorInvalid), &all);
    InputError { path, code, message }
}

/// An input error before its message is written: the message is in the scenario's locale,
/// which is known only once the input has been read as far as its `locale`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub path: String,
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Failure {
    pub fn new(path: impl Into<String>, code: &'static str) -> Failure {
        Failure { path: path.into(), code, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Failure {
        self.args.push((name, value.into()));
        self
    }

    pub fn localize(self, locale: Locale) -> InputError {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        input_error(locale, self.path, self.code, &args)
    }

    /// A serde error message (without serde_json's ` at line … column …`) at the field `path`
    /// that `serde_path_to_error` found, as a contract error. serde's messages are stable text
    /// (`serde::de::Error`'s provided methods): `invalid type: …, expected …`, `unknown field
    /// `…`, expected …`, `duplicate field `…``, `missing field `…``.
    pub fn from_serde(path: String, msg: &str) -> Failure {
        let quoted = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_string).collect() };
        let child = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
        if let Some(rest) = msg.strip_prefix("invalid type: ") {
            let (got, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
            return Failure::new(path, "WRONG_TYPE").arg("expected", type_name(expected)).arg("got", type_name(got));
        }
        if let Some(rest) = msg.strip_prefix("unknown field ") {
            // The key is already the path's last segment; the allowed names follow "expected".
            let allowed = rest.rsplit_once(", expected ").map(|(_, e)| quoted(e).join(", ")).unwrap_or_default();
            return Failure::new(path, "UNKNOWN_FIELD").arg("allowed", allowed);
        }
        for (prefix, code) in [("duplicate field ", "DUPLICATE_FIELD"), ("missing field ", "MISSING_FIELD")] {
            if let Some(rest) = msg.strip_prefix(prefix) {
                let key = rest.strip_prefix('`').and_then(|r| r.strip_suffix('`')).unwrap_or(rest);
                return Failure::new(child(key), code);
            }
        }
        Failure::new(path, "INVALID")
    }
}

/// A JSON type's name as the contract's messages give it, from serde's `Unexpected` and
/// `expecting` texts ("integer `5`", "a sequence", "map", …).
fn type_name(serde_text: &str) -> &'static str {
    let t = serde_text.strip_prefix("a ").or_else(|| serde_text.strip_prefix("an ")).unwrap_or(serde_text);
    let word = |w: &str| t == w || t.starts_with(&format!("{w} "));
    if word("boolean") {
        "boolean"
    } else if word("integer") || word("floating") || word("number") {
        if t == "integer" { "integer" } else { "number" }
    } else if word("string") || word("character") {
        "string"
    } else if t == "sequence" || t == "array" {
        "array"
    } else if t == "map" || t == "object" {
        "object"
    } else if t == "unit value" || t == "null" || t == "Option value" {
        "null"
    } else {
        "value"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_become_codes() {
        let f = Failure::from_serde("people[1].age".into(), "invalid type: string \"x, expected y\", expected integer");
        assert_eq!((f.code, f.args.clone()), ("WRONG_TYPE", vec![("expected", "integer".into()), ("got", "string".into())]));
        let f = Failure::from_serde("people[0].account".into(), "invalid type: sequence, expected object");
        assert_eq!(f.args, vec![("expected", "object".into()), ("got", "array".into())]);
        let f = Failure::from_serde("".into(), "invalid type: unit value, expected object");
        assert_eq!(f.args[1].1, "null");
        let f = Failure::from_serde("x".into(), "invalid type: integer `5`, expected a string");
        assert_eq!(f.args, vec![("expected", "string".into()), ("got", "number".into())]);
        let f = Failure::from_serde("x".into(), "invalid type: boolean `true`, expected a sequence");
        assert_eq!(f.args, vec![("expected", "array".into()), ("got", "boolean".into())]);
        let f = Failure::from_serde("x".into(), "invalid type: floating point `1.5`, expected a boolean");
        assert_eq!(f.args, vec![("expected", "boolean".into()), ("got", "number".into())]);
        let f = Failure::from_serde("family".into(), "unknown field `family`, expected one of `as_of`, `locale`, `$schema`");
        assert_eq!((f.path.as_str(), f.code, f.args[0].1.as_str()), ("family", "UNKNOWN_FIELD", "as_of, locale, $schema"));
        let f = Failure::from_serde("people[0].account.x".into(), "unknown field `x`, expected `prior_years` or `current_year`");
        assert_eq!(f.args[0].1, "prior_years, current_year");
        let f = Failure::from_serde("".into(), "duplicate field `as_of`");
        assert_eq!((f.path.as_str(), f.code), ("as_of", "DUPLICATE_FIELD"));
        let f = Failure::from_serde("people[1]".into(), "duplicate field `age`");
        assert_eq!(f.path, "people[1].age");
        assert_eq!(Failure::from_serde("x".into(), "something else").code, "INVALID");
    }
}
