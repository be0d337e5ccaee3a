//! The public contract (DESIGN.md § 3) as serde types: the [`Scenario`] a caller gives
//! (`Deserialize`) and the [`Report`] it gets back (`Serialize`), and how input becomes one or
//! an [`InputError`].
//!
//! Input goes through two steps, on every path (the CLI, the Rust API, the wasm boundary):
//! 1. **serde** reads the wire form: field names, JSON types, unknown and duplicate fields. Its
//!    errors are mapped to the contract's codes (`WRONG_TYPE`, `UNKNOWN_FIELD`, `DUPLICATE_FIELD`,
//!    and for JSON text `MALFORMED_JSON`, `EMPTY_INPUT`, `TOO_DEEP`, `INPUT_TOO_LARGE`), with the
//!    field path: from `serde_path_to_error` for JSON text ([`json`]), from the reader itself for
//!    a JS value ([`Tree`]).
//! 2. **[`validate`]** checks what types cannot say — ranges, dates, regions, enum values, ids and
//!    the links between people — and builds the engine's own [`model::Scenario`] (people named by
//!    index), in the scenario's locale.

mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod json;
pub mod report;
pub mod scenario;
mod tree;
mod validate;

use core::fmt;
use serde::de::{self, Deserializer, MapAccess, Visitor};

pub use error::{input_error, push_step, Failure, Fault, Segment};
pub use report::Report;
pub use scenario::Scenario;
pub use tree::{from_tree, Tree};
pub use validate::{parse_region, validate, LOCALES, MAX_AGE, MAX_BINDINGS, MAX_ID_CHARS, MAX_ITEMS, MAX_MONEY, MAX_PEOPLE, MAX_PREMIUMS};

#[allow(unused_imports)]
use crate::model::{self, InputError};

/// Input nested deeper than this is refused (`TOO_DEEP`), JSON text and JS values alike (a JS
/// value may be nested without end, or be cyclic): the root value is level 0, and a value at
/// level `MAX_DEPTH` is too deep.
pub const MAX_DEPTH: usize = 32;


/// The name serde_json (with `arbitrary_precision`) gives the one key of the map it hands a
/// visitor for a number it keeps as text: a fraction, an exponent, `-0` or an integer beyond 64 bits.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// A JSON number as written. Money and ages must be whole numbers; [`validate`] says which
/// (`NOT_INTEGER`, `NEGATIVE_MONEY`, `OUT_OF_RANGE`, `IMPOSSIBLE_AGE`) with the value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Num {
    /// An integer that fits an `i64` (`-0` included, as 0).
    Int(i64),
    /// An integer too large for an `i64`, as written.
    BigInt(String),
    /// A fraction, an exponent or a value that is not finite, as written.
    Other(String),
}

impl From<i64> for Num {
    fn from(i: i64) -> Num {
        Num::Int(i)
    }
}

impl Num {
    /// The number's JSON text, classified.
    pub fn from_text(raw: &str) -> Num {
        let digits = raw.strip_prefix('-').unwrap_or(raw);
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return Num::Other(raw.to_string());
        }
        raw.parse().map_or_else(|_| Num::BigInt(raw.to_string()), Num::Int)
    }

    fn from_f64(v: f64) -> Num {
        if v.is_finite() && v.fract() == 0.0 {
            // A JS number holds integers beyond 2^53 only approximately; the range checks still apply.
            if (i64::MIN as f64..i64::MAX as f64).contains(&v) {
                return Num::Int(v as i64);
            }
            return Num::BigInt(f64_text(v));
        }
        Num::Other(f64_text(v))
    }
}

/// A float as JavaScript writes it (in the widget build JS formats it: Rust's float formatting
/// would add 5.8 KB gzip to the whole core's wasm, measured 2026-12-07; nothing else in the wasm
/// formats a float).
#[cfg(feature = "wasm-questionnaire")]
fn f64_text(v: f64) -> String {
    js_sys::Number::from(v).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

#[cfg(not(feature = "wasm-questionnaire"))]
fn f64_text(v: f64) -> String {
    v.to_string()
}

impl<'de> de::Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Num;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("integer")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Num, E> {
                Ok(Num::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Num, E> {
                Ok(i64::try_from(v).map_or_else(|_| Num::BigInt(v.to_string()), Num::Int))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Num, E> {
                Ok(Num::from_f64(v))
            }
            /// serde_json's form of a number kept as text (see [`NUMBER_TOKEN`]); any other
            /// object is the wrong type.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Num, A::Error> {
                match map.next_key::<String>()? {
                    // serde_json writes an exponent's sign (`5e4` → `5e+4`): the `+` is dropped again.
            Some(k) if k == NUMBER_TOKEN => Ok(Num::from_text(&map.next_value::<String>()?.replace("e+", "e").replace("E+", "E"))),
                    _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Deserialises a contract object with its derived `deserialize` (`#[serde(remote = "Self")]`),
/// but only from a JSON / JS *object*: serde_json would also take an array of the fields in
/// order, and serde-wasm-bindgen reads only the fields it knows from any object (arrays
/// included), so unknown fields would pass silently. Reading the object as a map makes both
/// refuse arrays, and `deny_unknown_fields` see every key.
macro_rules! contract_objects {
    ($($t:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                        f.write_str("object")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$t, A::Error> {
                        <$t>::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                $crate::contract::deserialize_object(d, V)
            }
        }
    )*};
}
pub(crate) use contract_objects;

/// `deserialize_map`, not `deserialize_any`: serde_json's `deserialize_any` hands a number kept
/// as text over as a map (see [`NUMBER_TOKEN`]).
#[doc(hidden)]
pub fn deserialize_object<'de, D: Deserializer<'de>, V: Visitor<'de>>(d: D, v: V) -> Result<V::Value, D::Error> {
    d.deserialize_map(v)
}

/// `#[serde(deserialize_with = "contract::list")]` for an optional array: `null` or absent is
/// `None`, anything but an array a type error (`expected array`).
pub fn list<'de, D: Deserializer<'de>, T: de::Deserialize<'de>>(d: D) -> Result<Option<Vec<T>>, D::Error> {
    struct Items<T>(core::marker::PhantomData<T>);
    impl<'de, T: de::Deserialize<'de>> Visitor<'de> for Items<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("array")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut all = Vec::new();
            while let Some(x) = seq.next_element()? {
                all.push(x);
            }
            Ok(all)
        }
    }
    struct Opt<T>(core::marker::PhantomData<T>);
    impl<'de, T: de::Deserialize<'de>> Visitor<'de> for Opt<T> {
        type Value = Option<Vec<T>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("array")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_seq(Items(core::marker::PhantomData)).map(Some)
        }
    }
    d.deserialize_option(Opt(core::marker::PhantomData))
}

/// A value read only for its JSON type (for fields whose type [`validate`] reports itself, in
/// the order it checks them): `Str` for a string, `Null`, or the name of another type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loose {
    Null,
    Str(String),
    Other(&'static str),
}

impl Loose {
    pub fn type_name(&self) -> &'static str {
        match self {
            Loose::Null => "null",
            Loose::Str(_) => "string",
            Loose::Other(t) => t,
        }
    }
}

impl<'de> de::Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Loose, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Loose;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose::Null)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose, E> {
                Ok(Loose::Other("boolean"))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Loose, E> {
                Ok(Loose::Other("number"))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Loose, E> {
                Ok(Loose::Other("number"))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Loose, E> {
                Ok(Loose::Other("number"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
                Ok(Loose::Str(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
                Ok(Loose::Str(v))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Loose::Other("array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
                let mut number = false;
                while let Some(k) = map.next_key::<String>()? {
                    // serde_json's form of a number kept as text (see NUMBER_TOKEN).
                    number |= k == NUMBER_TOKEN;
                    map.next_value::<de::IgnoredAny>()?;
                }
                Ok(Loose::Other(if number { "number" } else { "object" }))
            }
        }
        d.deserialize_any(V)
    }
}
