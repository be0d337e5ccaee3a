//! The JavaScript boundary (feature `wasm`): JSON strings in, JSON strings out. Errors come back
//! as values (`{"error":{"path","code","message"}}`), never as a trapped instance: the engine
//! does not panic on any input (property-tested), and the release build aborts rather than
//! unwinds, so there is no panic machinery to ship.

use wasm_bindgen::prelude::*;

use crate::date::Date;
use crate::json::Writer;
use crate::model::{InputError, Locale};
use crate::policy::{self, regions};
use crate::{i18n, text};

fn bad_today(v: &str) -> String {
    let e = crate::decode::input_error(Locale::ZhHans, "today".into(), "INVALID_DATE", &[("got", v)]);
    crate::decode::error_json(&e, false)
}

/// `evaluate(scenarioJson, today)`: the report, or the error, as JSON text.
#[wasm_bindgen]
pub fn evaluate(scenario: &str, today: &str) -> String {
    let Some(today_d) = Date::parse(today) else { return bad_today(today) };
    match crate::evaluate_json(scenario, today_d, false) {
        Ok(s) | Err(s) => s,
    }
}

/// `questionnaire(stateJson, today)`: the next question, or the result.
#[wasm_bindgen]
pub fn questionnaire(state: &str, today: &str) -> String {
    let Some(today_d) = Date::parse(today) else { return bad_today(today) };
    crate::questionnaire::run_json(state, today_d)
}

/// `ui(locale)`: every `ui.*` message for the page, as a flat JSON object.
#[wasm_bindgen]
pub fn ui(locale: &str) -> String {
    let loc = Locale::parse(locale).unwrap_or(Locale::ZhHans);
    let mut w = Writer::new(false);
    w.begin_obj();
    for (key, i) in i18n::ui_keys() {
        w.s(key, i18n::text(loc, i));
    }
    w.end_obj();
    w.finish()
}

/// `meta(locale)`: the book's receipt and the regions a page may offer.
#[wasm_bindgen]
pub fn meta(locale: &str) -> String {
    let loc = Locale::parse(locale).unwrap_or(Locale::ZhHans);
    let mut w = Writer::new(false);
    w.begin_obj().s("rules_version", policy::RULES_VERSION).s("rules_hash", crate::RULES_HASH);
    crate::encode::coverage(&mut w).key("regions").begin_arr();
    // Provinces first, then the cities and counties the book names (each list is in code order).
    let codes = regions::PROVINCES.iter().copied().filter(|c| !regions::outside_mainland(*c)).chain(regions::NAMED.iter().copied());
    for c in codes {
        let code = text::u64_string(c as u64);
        let name = i18n::find::region(c).map_or("", |i| i18n::text(loc, i));
        w.begin_obj().s("code", &code).s("name", name).b("province", c == regions::province_of(c)).end_obj();
    }
    w.end_arr().end_obj();
    w.finish()
}

/// `set_catalog(locale, json)`: installs a non-default locale's catalog (the page fetches
/// `i18n/<locale>.json` on demand). Returns `{"keys":n}` or an error value.
#[wasm_bindgen]
pub fn set_catalog(locale: &str, catalog: &str) -> String {
    let res = match Locale::parse(locale) {
        None => Err("UNKNOWN_VALUE"),
        Some(loc) => i18n::set_catalog(loc, catalog),
    };
    match res {
        Ok(n) => {
            let mut w = Writer::new(false);
            w.begin_obj().i("keys", n as i64).end_obj();
            w.finish()
        }
        Err(code) => {
            let e = InputError { path: "catalog".into(), code, message: i18n::t(Locale::ZhHans, i18n::k::ERROR_INVALID, &[("path", "catalog")]) };
            crate::decode::error_json(&e, false)
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
