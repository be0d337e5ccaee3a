//! Input errors: `{path, code, message}` with the message from the catalogs, and serde's errors
//! mapped to the contract's codes.

use serde::de::{Expected, Unexpected};

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

    /// serde_json's error message (without its ` at line … column …`) at the field `path` that
    /// `serde_path_to_error` found, as a contract error. serde_json's errors carry no structure,
    /// only serde's stable texts (`serde::de::Error`'s provided methods): `invalid type: …,
    /// expected …`, `unknown field `…`, expected …`, `duplicate field `…``, `missing field `…``.
    /// Readers with their own error type build the [`Fault`] directly (`impl serde::de::Error`).
    pub fn from_serde(path: String, msg: &str) -> Failure {
        Fault::from_message(msg).at(path)
    }
}

/// A serde error as the contract's code, before its whole field path is known: the error type of
/// the contract's own [`Tree`](super::Tree) reader, which serde's calls build directly (no message
/// to parse, and no `Unexpected` written out: that would bring Rust's float formatting into the
/// widget's wasm) and which the reader places in the tree as the error comes back through each
/// array and object ([`Fault::within`]); and what [`Failure::from_serde`] reads serde_json's
/// messages into.
///
/// Boxed, as serde_json's error is: every `Result` the derived code passes back is then one
/// pointer wide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault(Box<Found>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Found {
    code: &'static str,
    /// Where the fault is below the value being read, innermost step first (none: that value
    /// itself). A missing or repeated field's name is its innermost step.
    steps: Vec<Step>,
    args: Vec<(&'static str, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// One step of a field path: an object's member or an array's item.
#[derive(Clone, Copy, Debug)]
pub enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Appends a step to a field path as the contract writes one (`people[1].age`; the root is `""`).
pub fn push_step(path: &mut String, step: Segment) {
    match step {
        Segment::Index(i) => path.push_str(&format!("[{i}]")),
        Segment::Key(key) => {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
        }
    }
}

impl Fault {
    fn new(code: &'static str) -> Fault {
        Fault::with(code, Vec::new())
    }

    fn with(code: &'static str, args: Vec<(&'static str, String)>) -> Fault {
        Fault(Box::new(Found { code, steps: Vec::new(), args }))
    }

    /// A value of the wrong type: `expected` and `got` as serde or the contract names them.
    pub fn wrong_type(expected: &str, got: &'static str) -> Fault {
        Fault::with("WRONG_TYPE", vec![("expected", type_name(expected).into()), ("got", got.into())])
    }

    fn unknown(allowed: String) -> Fault {
        Fault::with("UNKNOWN_FIELD", vec![("allowed", allowed)])
    }

    /// A missing or repeated field: the object's fault, at the field's name.
    fn field(code: &'static str, key: &str) -> Fault {
        Fault::new(code).within(Segment::Key(key))
    }

    /// The fault, found in the member or item `at` of the value being read.
    pub fn within(mut self, at: Segment) -> Fault {
        self.0.steps.push(match at {
            Segment::Key(key) => Step::Key(key.to_string()),
            Segment::Index(i) => Step::Index(i),
        });
        self
    }

    /// The fault found at `path` (`""`: the root), as a contract error.
    pub fn at(self, mut path: String) -> Failure {
        let Found { code, steps, args } = *self.0;
        for step in steps.iter().rev() {
            push_step(&mut path, match step {
                Step::Key(key) => Segment::Key(key),
                Step::Index(i) => Segment::Index(*i),
            });
        }
        Failure { path, code, args }
    }

    /// serde's message text (see [`Failure::from_serde`]).
    fn from_message(msg: &str) -> Fault {
        let quoted = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_string).collect() };
        if let Some(rest) = msg.strip_prefix("invalid type: ") {
            let (got, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
            return Fault::wrong_type(expected, type_name(got));
        }
        if let Some(rest) = msg.strip_prefix("unknown field ") {
            // The key is already the path's last segment; the allowed names follow "expected".
            return Fault::unknown(rest.rsplit_once(", expected ").map(|(_, e)| quoted(e).join(", ")).unwrap_or_default());
        }
        for (prefix, code) in [("duplicate field ", "DUPLICATE_FIELD"), ("missing field ", "MISSING_FIELD")] {
            if let Some(rest) = msg.strip_prefix(prefix) {
                return Fault::field(code, rest.strip_prefix('`').and_then(|r| r.strip_suffix('`')).unwrap_or(rest));
            }
        }
        Fault::new("INVALID")
    }
}

impl core::fmt::Display for Fault {
    fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str(self.0.code)
    }
}

impl std::error::Error for Fault {}

/// The same codes and arguments as [`Fault::from_message`] gives for serde's texts of these calls.
impl serde::de::Error for Fault {
    fn custom<T: core::fmt::Display>(_: T) -> Fault {
        Fault::new("INVALID")
    }
    fn invalid_type(got: Unexpected, expected: &dyn Expected) -> Fault {
        let got = match got {
            Unexpected::Bool(_) => "boolean",
            Unexpected::Unsigned(_) | Unexpected::Signed(_) | Unexpected::Float(_) => "number",
            Unexpected::Char(_) | Unexpected::Str(_) => "string",
            Unexpected::Unit | Unexpected::Option => "null",
            Unexpected::Seq => "array",
            Unexpected::Map => "object",
            Unexpected::Other(what) => type_name(what),
            _ => "value",
        };
        Fault::wrong_type(&expected.to_string(), got)
    }
    fn invalid_value(_: Unexpected, _: &dyn Expected) -> Fault {
        Fault::new("INVALID")
    }
    fn invalid_length(_: usize, _: &dyn Expected) -> Fault {
        Fault::new("INVALID")
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Fault {
        Fault::new("INVALID")
    }
    fn unknown_field(_: &str, allowed: &'static [&'static str]) -> Fault {
        Fault::unknown(allowed.join(", "))
    }
    fn missing_field(key: &'static str) -> Fault {
        Fault::field("MISSING_FIELD", key)
    }
    fn duplicate_field(key: &'static str) -> Fault {
        Fault::field("DUPLICATE_FIELD", key)
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

    /// The structured errors equal what the same serde calls give through their message text,
    /// for every way serde reports a fault.
    #[test]
    fn structured_faults_are_the_messages_faults() {
        use serde::de::value::Error as Text;
        use serde::de::Error as _;
        let expecting: [&dyn Expected; 7] = [&"integer", &"a string", &"object", &"array", &"any value", &"a boolean", &"struct StateIn"];
        let unexpected = [
            Unexpected::Bool(true),
            Unexpected::Unsigned(5),
            Unexpected::Signed(-5),
            Unexpected::Float(1.5),
            Unexpected::Char('x'),
            Unexpected::Str("x, expected y"),
            Unexpected::Bytes(b"x"),
            Unexpected::Unit,
            Unexpected::Option,
            Unexpected::Seq,
            Unexpected::Map,
            Unexpected::Enum,
            Unexpected::Other("null"),
            Unexpected::Other("JsValue(Symbol)"),
        ];
        let same = |structured: Fault, text: Text| assert_eq!(structured, Fault::from_message(&text.to_string()), "{text}");
        for exp in expecting {
            for u in unexpected {
                same(Fault::invalid_type(u, exp), Text::invalid_type(u, exp));
                same(Fault::invalid_value(u, exp), Text::invalid_value(u, exp));
            }
            same(Fault::invalid_length(3, exp), Text::invalid_length(3, exp));
        }
        for fields in [&[][..], &["as_of"], &["prior_years", "current_year"], &["as_of", "locale", "$schema"]] {
            same(Fault::unknown_field("x", fields), Text::unknown_field("x", fields));
            same(Fault::unknown_variant("x", fields), Text::unknown_variant("x", fields));
        }
        same(Fault::missing_field("age"), Text::missing_field("age"));
        same(Fault::duplicate_field("age"), Text::duplicate_field("age"));
        same(Fault::custom("TOO_DEEP"), Text::custom("TOO_DEEP"));
        assert_eq!(Fault::missing_field("age").at("people[1]".into()).path, "people[1].age");
        assert_eq!(Fault::duplicate_field("as_of").at(String::new()).path, "as_of");
        assert_eq!(Fault::invalid_type(Unexpected::Seq, &"object").at("people[0].account".into()).path, "people[0].account");
        let placed = |f: Fault| f.within(Segment::Key("age")).within(Segment::Index(1)).within(Segment::Key("people")).at(String::new()).path;
        assert_eq!(placed(Fault::invalid_type(Unexpected::Str("x"), &"integer")), "people[1].age");
        assert_eq!(placed(Fault::missing_field("region")), "people[1].age.region");
        assert_eq!(Fault::duplicate_field("as_of").within(Segment::Index(0)).at("x".into()).path, "x[0].as_of");
    }
}
