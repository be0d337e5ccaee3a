//! yibao-family: a dated, cited rules engine for 医保亲情账户 and 职工医保个人账户家庭共济.
//!
//! Layers, top-down: [`policy`] (dated, cited values) → [`rules`] (pure functions over integer 分
//! and dates, emitting codes and messages as data, in no locale) → [`render`] (the messages in a
//! locale, at the edge) → the boundary: the serde contract types ([`contract`]: [`Scenario`] in, [`Report`]
//! out, one `validate` on every path), [`evaluate`], `evaluate_json` and the `yibao` CLI (native),
//! and the feature-gated `wasm` module (plain JS objects in and out).

#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod contract;
pub mod date;
pub mod i18n;
pub mod model;
pub mod money;
pub mod outcome;
pub mod page;
pub mod policy;
pub mod questionnaire;
pub mod render;
pub mod rules;
pub mod text;
#[cfg(feature = "wasm-questionnaire")]
pub mod wasm;

#[cfg(all(target_arch = "wasm32", feature = "wasm-questionnaire"))]
mod alloc;
/// The widget's small allocator (see `alloc.rs`); native builds keep the system allocator.
#[cfg(all(target_arch = "wasm32", feature = "wasm-questionnaire"))]
#[global_allocator]
static ALLOC: alloc::Classes = alloc::Classes::new();

include!(concat!(env!("OUT_DIR"), "/rules_hash.rs"));

use model::{InputError, Locale};

pub use contract::{Report, Scenario};
pub use date::Date;
pub use money::Fen;

/// The engine's contract (DESIGN.md § 3.3): a scenario in, its report out, or the first input
/// error. A missing `as_of` is today in China Standard Time.
pub fn evaluate(sc: &Scenario) -> Result<Report, InputError> {
    evaluate_on(sc, Date::today_cst())
}

/// [`evaluate`] with the caller's "today" (it fills a missing `as_of`).
pub fn evaluate_on(sc: &Scenario, today: Date) -> Result<Report, InputError> {
    let resolved = contract::validate(sc, today)?;
    Ok(Report::new(&resolved, &rules::run(&resolved), resolved.locale))
}

/// JSON in, JSON out (the CLI and `yibao batch`): `Ok(report)` or `Err({"error":…})`, both as
/// text. `today` fills a missing `as_of`. `pretty` indents the output (and ends it with a newline).
#[cfg(not(target_arch = "wasm32"))]
pub fn evaluate_json(input: &str, today: Date, pretty: bool) -> Result<String, String> {
    let sc = scenario_from_json(input, today).map_err(|e| to_json(&contract::report::ErrorBody { error: &e }, pretty))?;
    Ok(to_json(&Report::new(&sc, &rules::run(&sc), sc.locale), pretty))
}

/// A JSON scenario, read and validated: the engine's form of it, or the input error (in the
/// scenario's locale when it names one).
#[cfg(not(target_arch = "wasm32"))]
pub fn scenario_from_json(input: &str, today: Date) -> Result<model::Scenario, InputError> {
    let wire: Scenario = contract::json::from_str(input).map_err(|f| {
        let locale = contract::json::peek_locale(input).as_deref().and_then(Locale::parse);
        f.localize(locale.unwrap_or(Locale::ZhHans))
    })?;
    contract::validate(&wire, today)
}

/// A contract value as JSON text; pretty text ends with a newline.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    // Serialising these types cannot fail (string keys, no non-finite floats).
    if pretty {
        serde_json::to_string_pretty(value).map(|s| s + "\n").unwrap_or_default()
    } else {
        serde_json::to_string(value).unwrap_or_default()
    }
}

/// The default locale's name (for callers that need it).
pub fn default_locale() -> &'static str {
    Locale::ZhHans.as_str()
}
