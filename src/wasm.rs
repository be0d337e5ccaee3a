//! The JavaScript boundary (feature `wasm`): plain JS objects in and out, through
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
use crate::contract::{input_error, Failure, Scenario};
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

/// A JS value as a contract type, with the path of the field an error is at.
#[cfg(feature = "wasm-paths")]
fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, Failure> {
    serde_path_to_error::deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| Failure::from_serde(crate::contract::render_path(e.path()), &message(e.into_inner())))
}

/// A JS value as a contract type. Without `serde_path_to_error` in the wasm, a type error
/// (`WRONG_TYPE`, `UNKNOWN_FIELD`) is at path `""`: see README § The wasm boundary.
#[cfg(not(feature = "wasm-paths"))]
fn read<T: DeserializeOwned>(value: JsValue) -> Result<T, Failure> {
    T::deserialize(serde_wasm_bindgen::Deserializer::from(value)).map_err(|e| Failure::from_serde(String::new(), &message(e)))
}

/// `value.locale`, if it names a locale (for the messages of errors found before validation).
fn locale_member(value: &JsValue) -> Option<Locale> {
    js_sys::Reflect::get(value, &JsValue::from_str("locale")).ok()?.as_string().as_deref().and_then(Locale::parse)
}

/// `evaluate(scenario, today?)`: the report of a scenario object, or `{error}`.
#[wasm_bindgen]
pub fn evaluate(scenario: JsValue, today: Option<String>) -> JsValue {
    let today = match self::today(today) {
        Ok(d) => d,
        Err(e) => return error_value(&e),
    };
    let locale = locale_member(&scenario).unwrap_or(Locale::ZhHans);
    let report = read::<Scenario>(scenario).map_err(|f| f.localize(locale)).and_then(|sc| crate::evaluate_on(&sc, today));
    match report {
        Ok(r) => to_js(&r),
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
            let message = i18n::t(Locale::ZhHans, i18n::k::ERROR_INVALID, &[("path", "catalog")]);
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
        Some(loc) => (0..i18n::COUNT).any(|i| i18n::text(loc, i) != i18n::text(Locale::ZhHans, i)),
        None => false,
    }
}
