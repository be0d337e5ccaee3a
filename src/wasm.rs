//! The JavaScript boundary (feature `wasm`; feature `wasm-questionnaire` builds it without
//! `evaluate`, for the widget's questionnaire page): plain JS objects in and out, through
//! serde-wasm-bindgen (`Serializer::json_compatible`: maps are plain objects, integers are
//! numbers, absent values `null`). Errors come back as values, `{error: {path, code, message}}`,
//! never as a trapped instance: the engine does not panic on any input (property-tested and
//! fuzzed), and the release build aborts rather than unwinds.
//!
//! "Today" (what a scenario without `as_of` is evaluated for) is the optional last argument,
//! `YYYY-MM-DD`; without it, today's date in China Standard Time from JavaScript's `Date.now()`.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::contract::report::ErrorBody;
use crate::contract::{self, input_error, Failure, Fault, Segment, Tree};
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

/// A JS value as a contract type: walked once into a [`Tree`] (below), which the contract's
/// derived `Deserialize` reads ([`contract::from_tree`]); every error has its field path.
fn read<T: DeserializeOwned>(value: &JsValue) -> Result<T, Failure> {
    contract::from_tree(tree(value, 0).map_err(Unwalkable::failure)?)
}

/// Why a JS value could not be walked.
enum Unwalkable {
    /// Nested `MAX_DEPTH` deep, or cyclic: a fault of the whole value, at the root (as for JSON
    /// text, where the syntax pass finds it).
    TooDeep,
    /// A value JSON cannot hold, at its place in the value.
    NotJson(Fault),
}

impl Unwalkable {
    fn within(self, at: Segment) -> Unwalkable {
        match self {
            Unwalkable::NotJson(f) => Unwalkable::NotJson(f.within(at)),
            deep => deep,
        }
    }

    fn failure(self) -> Failure {
        match self {
            // No line or column in an object: the message says so with dashes.
            Unwalkable::TooDeep => Failure::new("", "TOO_DEEP").arg("line", "–").arg("column", "–"),
            Unwalkable::NotJson(f) => f.at(String::new()),
        }
    }
}

/// A JS value as a [`Tree`]: what JSON can hold, as `JSON.parse` makes it. `null` and
/// `undefined` are null, and so are an array's holes; a `Map` is an object (its keys must be
/// strings: serde-wasm-bindgen's own serialiser writes maps as `Map`s); any other object that is
/// not iterable is an object of its own enumerable string-keyed members (`Object.entries`).
/// Anything else is not a JSON value: a function, a symbol, a BigInt (`JSON.stringify` throws on
/// one), an `ArrayBuffer`, a typed array or a `Set` is a type error at its place (a `Map`'s key
/// that is not a string: at the `Map`). Nested `MAX_DEPTH` deep, or cyclic, it is `TOO_DEEP`, at
/// the root. (README § The wasm boundary says why the
/// boundary walks the value itself rather than through serde-wasm-bindgen's `Deserializer`.)
fn tree(v: &JsValue, depth: usize) -> Result<Tree, Unwalkable> {
    if depth >= contract::MAX_DEPTH {
        return Err(Unwalkable::TooDeep);
    }
    let members = |entries: js_sys::Array| -> Result<Tree, Unwalkable> {
        let mut all = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let key = entry.get(0);
            let Some(name) = key.as_string() else { return Err(not_json("string", &key)) };
            let value = tree(&entry.get(1), depth + 1).map_err(|e| e.within(Segment::Key(&name)))?;
            all.push((name, value));
        }
        Ok(Tree::Obj(all))
    };
    Ok(if v.is_null() || v.is_undefined() {
        Tree::Null
    } else if let Some(b) = v.as_bool() {
        Tree::Bool(b)
    } else if let Some(n) = v.as_f64() {
        Tree::Num(n)
    } else if let Some(s) = v.as_string() {
        Tree::Str(s)
    } else if let Some(items) = v.dyn_ref::<js_sys::Array>() {
        Tree::Arr(items.iter().enumerate().map(|(i, x)| tree(&x, depth + 1).map_err(|e| e.within(Segment::Index(i)))).collect::<Result<_, _>>()?)
    } else if let Some(map) = v.dyn_ref::<js_sys::Map>() {
        members(js_sys::Array::from(map))?
    } else if v.is_object() && !v.is_instance_of::<js_sys::ArrayBuffer>() && !js_sys::Reflect::has(v, &js_sys::Symbol::iterator()).unwrap_or(true) {
        members(js_sys::Object::entries(v.unchecked_ref()))?
    } else {
        return Err(not_json("value", v));
    })
}

/// A JS value that is not what JSON could have held there: a type error, `expected` and the type
/// it got (as serde-wasm-bindgen named them).
fn not_json(expected: &'static str, got: &JsValue) -> Unwalkable {
    let got = if got.is_null() || got.is_undefined() {
        "null"
    } else if got.as_bool().is_some() {
        "boolean"
    } else if got.as_f64().is_some() {
        "number"
    } else {
        "value"
    };
    Unwalkable::NotJson(Fault::wrong_type(expected, got))
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

// The class's TypeScript is declared by hand above (`EVALUATION_TYPE`), methods included.
#[cfg(feature = "wasm")]
#[wasm_bindgen]
impl Evaluation {
    /// `evaluation.report(locale)`: the report in `locale` (zh-Hans for a locale it does not know;
    /// a non-default locale's texts once its catalog is installed, as for `evaluate`).
    #[wasm_bindgen(skip_typescript)]
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
        let wire = read::<crate::contract::Scenario>(&scenario).map_err(|f| f.localize(locale))?;
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
    let st = read::<questionnaire::StateIn>(&state).map_err(|f| f.localize(Locale::ZhHans)).and_then(|st| questionnaire::validate(&st));
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
        Some(loc) => read::<Vec<String>>(&catalog).map_err(|_| "WRONG_TYPE").and_then(|c| i18n::set_catalog(loc, c)),
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
