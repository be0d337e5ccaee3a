//! The JavaScript boundary (feature `wasm`; feature `wasm-questionnaire` builds it without
//! `evaluate`, for the widget's questionnaire page): plain JS objects in and out, through
//! serde-wasm-bindgen (`Serializer::json_compatible`: maps are plain objects, integers are
//! numbers, absent values `null`). Errors come back as values, `{error: {path, code, message}}`,
//! never as a trapped instance: the engine does not panic on any input (property-tested and
//! fuzzed), and the release build aborts rather than unwinds.
//!
//! "Today" (what a scenario without `as_of` is evaluated for) is the optional last argument,
//! `YYYY-MM-DD`; without it, today's date in China Standard Time from JavaScript's `Date.now()`.

use serde::de::{self, DeserializeOwned};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::contract::report::ErrorBody;
use crate::contract::{input_error, Failure};
use crate::date::Date;
use crate::model::{InputError, Locale};
use crate::{i18n, page, questionnaire};

fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    // Serialising the contract's types cannot fail (string keys, integers within 2^53).
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn error_value(e: &InputError) -> JsValue {
    to_js(&ErrorBody { error: e })
}

fn locale_or_default(locale: &str) -> Locale {
    Locale::parse(locale).unwrap_or(Locale::ZhHans)
}

/// The caller's "today", or today in China Standard Time.
fn today(today: Option<String>) -> Result<Date, InputError> {
    match today {
        None => Ok(Date::today_cst()),
        Some(s) => Date::parse(&s).ok_or_else(|| input_error(Locale::ZhHans, "today".into(), "INVALID_DATE", &[("got", &s)])),
    }
}

/// A serde-wasm-bindgen error's message (a JS `Error`).
fn message(e: serde_wasm_bindgen::Error) -> String {
    JsValue::from(e).dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

/// A JS value as a contract type: serde-wasm-bindgen reads it once into a [`Tree`], and the
/// contract's derived `Deserialize` reads the tree. (Read straight from serde-wasm-bindgen, every
/// contract type's derived code is compiled once for each of its ways of reading an object: the
/// tree saves ≈ 2.8 KB gzip of the wasm.) The field path of a type error needs
/// `serde_path_to_error` in the wasm (feature `wasm-paths`); without it the error is at `""`.
fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, Failure> {
    let tree = de::DeserializeSeed::deserialize(Level(0), serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| match message(e) {
        // No line or column in an object: the message says so with dashes.
        m if m == "TOO_DEEP" => Failure::new("", "TOO_DEEP").arg("line", "–").arg("column", "–"),
        m => Failure::from_serde(String::new(), &m),
    })?;
    #[cfg(feature = "wasm-paths")]
    return serde_path_to_error::deserialize(tree).map_err(|e| Failure::from_serde(crate::contract::render_path(e.path()), &e.into_inner().to_string()));
    #[cfg(not(feature = "wasm-paths"))]
    T::deserialize(tree).map_err(|e| Failure::from_serde(String::new(), &e.to_string()))
}

/// A JS value as data: what serde-wasm-bindgen reads (`undefined` is `null`, numbers are
/// `f64`, object members in their order) and a `Deserializer` for the contract's types.
enum Tree {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Tree>),
    Obj(Vec<(String, Tree)>),
}

/// Objects and arrays nested deeper than this are refused (`TOO_DEEP`), as in JSON text: a JS
/// value may be nested without end, or be cyclic.
const MAX_DEPTH: usize = 32;

/// Reads a [`Tree`] at a nesting level.
struct Level(usize);

impl<'de> de::DeserializeSeed<'de> for Level {
    type Value = Tree;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        if self.0 >= MAX_DEPTH {
            return Err(de::Error::custom("TOO_DEEP"));
        }
        d.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Level {
    type Value = Tree;
    fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
        f.write_str("a JS value")
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
    fn visit_string<E: de::Error>(self, v: String) -> Result<Tree, E> {
        Ok(Tree::Str(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.to_string()))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut all = Vec::new();
        while let Some(x) = seq.next_element_seed(Level(self.0 + 1))? {
            all.push(x);
        }
        Ok(Tree::Arr(all))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut all = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            all.push((key, map.next_value_seed(Level(self.0 + 1))?));
        }
        Ok(Tree::Obj(all))
    }
}

impl<'de> de::Deserializer<'de> for Tree {
    type Error = de::value::Error;
    fn deserialize_any<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self {
            Tree::Null => v.visit_unit(),
            Tree::Bool(b) => v.visit_bool(b),
            // A whole number JS holds exactly is an integer; any other number a float.
            Tree::Num(n) if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 => v.visit_i64(n as i64),
            Tree::Num(n) => v.visit_f64(n),
            Tree::Str(s) => v.visit_string(s),
            Tree::Arr(a) => v.visit_seq(de::value::SeqDeserializer::new(a.into_iter())),
            Tree::Obj(m) => v.visit_map(de::value::MapDeserializer::new(m.into_iter())),
        }
    }
    fn deserialize_option<V: de::Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
        match self {
            Tree::Null => v.visit_none(),
            other => v.visit_some(other),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> de::IntoDeserializer<'de> for Tree {
    type Deserializer = Tree;
    fn into_deserializer(self) -> Tree {
        self
    }
}

/// `value.locale`, if it names a locale (for the messages of errors found before validation).
#[cfg(feature = "wasm")]
fn locale_member(value: &JsValue) -> Option<Locale> {
    js_sys::Reflect::get(value, &JsValue::from_str("locale")).ok()?.as_string().as_deref().and_then(Locale::parse)
}

// The contract's types, for the typed signatures below, as the npm package lays them out
// (pkg/yibao_family.d.ts beside types/ and index.d.ts; scripts/package-npm.mjs).
#[cfg(feature = "wasm")]
#[wasm_bindgen(typescript_custom_section)]
const CONTRACT_TYPES: &'static str = r#"import type { Scenario } from '../types/scenario.js';
import type { Report } from '../types/report.js';
import type { ErrorReply } from '../index.js';"#;

// `Evaluation` declared by hand: wasm-bindgen's own declaration adds `[Symbol.dispose]()`, which
// needs TypeScript's `esnext.disposable` library, so a project compiling for ES2022 (and checking
// its libraries' types) would fail on it. The class has that method all the same.
#[cfg(feature = "wasm")]
#[wasm_bindgen(typescript_custom_section)]
const EVALUATION_TYPE: &'static str = r#"/**
 * A scenario the rules have answered (`evaluation()`): its report in any locale, written again
 * without running the rules again (a locale switch).
 */
export class Evaluation {
  private constructor();
  /** Frees the answer held in the wasm's memory (or leave it to the garbage collector). */
  free(): void;
  /** The report in `locale` (zh-Hans for a locale it does not know). */
  report(locale: string): Report;
}"#;

/// A scenario the rules have answered: its report in any locale, written again without running
/// the rules again (a locale switch; `contract::Report::new`). Not in the questionnaire's build.
#[cfg(feature = "wasm")]
#[wasm_bindgen(skip_typescript)]
pub struct Evaluation {
    scenario: crate::model::Scenario,
    answer: crate::model::Report,
}

#[cfg(feature = "wasm")]
#[wasm_bindgen(skip_typescript)]
impl Evaluation {
    /// `evaluation.report(locale)`: the report in `locale` (zh-Hans for a locale it does not know;
    /// a non-default locale's texts once its catalog is installed, as for `evaluate`).
    pub fn report(&self, locale: &str) -> JsValue {
        to_js(&self.report_in(locale_or_default(locale)))
    }
}

#[cfg(feature = "wasm")]
impl Evaluation {
    fn report_in(&self, locale: Locale) -> crate::contract::Report {
        crate::contract::Report::new(&self.scenario, &self.answer, locale)
    }

    /// Reads, validates and answers a scenario object; an error in the scenario's locale.
    fn of(scenario: JsValue, today: Option<String>) -> Result<Evaluation, InputError> {
        let today = self::today(today)?;
        let locale = locale_member(&scenario).unwrap_or(Locale::ZhHans);
        let wire = read::<crate::contract::Scenario>(scenario).map_err(|f| f.localize(locale))?;
        let scenario = crate::contract::validate(&wire, today)?;
        let answer = crate::rules::run(&scenario);
        Ok(Evaluation { scenario, answer })
    }
}

/// `evaluate(scenario, today?)`: the report of a scenario object, in its `locale`, or `{error}`.
/// Not in the questionnaire's build (feature `wasm-questionnaire` alone).
#[cfg(feature = "wasm")]
#[wasm_bindgen(unchecked_return_type = "Report | ErrorReply")]
pub fn evaluate(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue, today: Option<String>) -> JsValue {
    match Evaluation::of(scenario, today) {
        Ok(e) => to_js(&e.report_in(e.scenario.locale)),
        Err(e) => error_value(&e),
    }
}

/// `evaluation(scenario, today?)`: the scenario answered once, an [`Evaluation`] whose
/// `report(locale)` writes the report in any locale; or `{error}`. The caller frees it
/// (`evaluation.free()`) when done, or leaves it to the garbage collector.
#[cfg(feature = "wasm")]
#[wasm_bindgen(unchecked_return_type = "Evaluation | ErrorReply")]
pub fn evaluation(#[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue, today: Option<String>) -> JsValue {
    match Evaluation::of(scenario, today) {
        Ok(e) => e.into(),
        Err(e) => error_value(&e),
    }
}

/// `questionnaire(state, today?)`: the next question, or the result, for a state object
/// `{locale, region, as_of, answers}`; or `{error}`.
#[wasm_bindgen]
pub fn questionnaire(state: JsValue, today: Option<String>) -> JsValue {
    let today = match self::today(today) {
        Ok(d) => d,
        Err(e) => return error_value(&e),
    };
    let st = read::<questionnaire::StateIn>(state).map_err(|f| f.localize(Locale::ZhHans)).and_then(|st| questionnaire::validate(&st));
    match st {
        Ok(st) => to_js(&questionnaire::view(&st, today)),
        Err(e) => error_value(&e),
    }
}

/// `ui(locale)`: every text the page asks for by name, `{key: text}`.
#[wasm_bindgen]
pub fn ui(locale: &str) -> JsValue {
    to_js(&page::ui(locale_or_default(locale)))
}

/// `meta(locale)`: the book's receipt and the regions a page may offer.
#[wasm_bindgen]
pub fn meta(locale: &str) -> JsValue {
    to_js(&page::meta(locale_or_default(locale)))
}

/// `set_catalog(locale, catalog)`: installs a non-default locale's catalog, the array the page
/// fetches as `i18n/<locale>.json` (`response.json()`). Returns `{keys: n}` or `{error}`.
#[wasm_bindgen]
pub fn set_catalog(locale: &str, catalog: JsValue) -> JsValue {
    #[derive(Serialize)]
    struct Installed {
        keys: usize,
    }
    let installed = match Locale::parse(locale) {
        None => Err("UNKNOWN_VALUE"),
        Some(loc) => serde_wasm_bindgen::from_value::<Vec<String>>(catalog).map_err(|_| "WRONG_TYPE").and_then(|c| i18n::set_catalog(loc, c)),
    };
    match installed {
        Ok(keys) => to_js(&Installed { keys }),
        Err(code) => {
            let message = i18n::t(Locale::ZhHans, i18n::Key::ErrorInvalid, &[("path", "catalog")]);
            error_value(&InputError { path: "catalog".into(), code, message })
        }
    }
}

/// `has_catalog(locale)`: whether the locale's texts are available without loading.
#[wasm_bindgen]
pub fn has_catalog(locale: &str) -> bool {
    match Locale::parse(locale) {
        Some(Locale::ZhHans) => true,
        // Any key whose translation differs from zh-Hans proves the catalog is installed.
        Some(loc) => i18n::has_catalog(loc),
        None => false,
    }
}
