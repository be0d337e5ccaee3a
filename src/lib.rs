//! yibao-family: a dated, cited rules engine for 医保亲情账户 and 职工医保个人账户家庭共济.
//!
//! Layers, top-down: [`policy`] (dated, cited values) → [`rules`] (pure functions over integer 分
//! and dates) → the boundary ([`evaluate`], [`evaluate_json`], the `yibao` CLI, and the
//! feature-gated `wasm` module).

#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod date;
pub mod decode;
pub mod encode;
pub mod i18n;
pub mod json;
pub mod model;
pub mod money;
pub mod policy;
pub mod questionnaire;
pub mod rules;
pub mod text;
#[cfg(feature = "wasm")]
pub mod wasm;

#[cfg(all(target_arch = "wasm32", feature = "wasm"))]
mod alloc;
/// The widget's small allocator (see `alloc.rs`); native builds keep the system allocator.
#[cfg(all(target_arch = "wasm32", feature = "wasm"))]
#[global_allocator]
static ALLOC: alloc::Classes = alloc::Classes::new();

include!(concat!(env!("OUT_DIR"), "/rules_hash.rs"));

use model::{InputError, Locale, Report, Scenario};

pub use date::Date;
pub use money::Fen;

fn invalid(sc: &Scenario, path: String, code: &'static str, args: &[(&str, &str)]) -> InputError {
    decode::input_error(sc.locale, path, code, args)
}

/// Checks what the type system cannot: indices, exactly one `self`, bounds. (Scenarios decoded
/// from JSON are already valid; this guards scenarios built in Rust.)
pub fn validate(sc: &Scenario) -> Result<(), InputError> {
    let n = sc.people.len();
    if n == 0 || n > decode::MAX_PEOPLE {
        return Err(invalid(sc, "people".into(), if n == 0 { "NO_SELF" } else { "TOO_MANY" }, &[]));
    }
    let selves = sc.people.iter().filter(|p| p.relation == model::Relation::Me).count();
    if selves == 0 {
        return Err(invalid(sc, "people".into(), "NO_SELF", &[]));
    }
    if selves > 1 {
        return Err(invalid(sc, "people".into(), "MULTIPLE_SELF", &[]));
    }
    for (i, p) in sc.people.iter().enumerate() {
        let at = |f: &str| text::cat(&["people[", &text::u64_string(i as u64), "].", f]);
        if let Some(a) = p.age {
            if a as i64 > decode::MAX_AGE {
                return Err(invalid(sc, at("age"), "IMPOSSIBLE_AGE", &[]));
            }
        }
        if let Some(r) = p.insurance.region {
            if !policy::regions::is_valid(r) {
                return Err(invalid(sc, at("insurance.region"), "UNKNOWN_REGION", &[]));
            }
        }
        let money_ok = |f: Fen| (0..=decode::MAX_MONEY).contains(&f.0);
        if let Some(acc) = p.account {
            if !money_ok(acc.prior_years) || !money_ok(acc.current_year) {
                return Err(invalid(sc, at("account"), "NEGATIVE_MONEY", &[]));
            }
        }
        if !money_ok(p.costs.personal_share) || p.costs.items.iter().any(|x| !money_ok(x.amount)) || p.costs.premiums.iter().any(|x| !money_ok(x.amount)) {
            return Err(invalid(sc, at("costs"), "NEGATIVE_MONEY", &[]));
        }
        if p.costs.items.len() > decode::MAX_ITEMS || p.costs.premiums.len() > decode::MAX_PREMIUMS {
            return Err(invalid(sc, at("costs"), "TOO_MANY", &[]));
        }
    }
    for (i, b) in sc.bindings.iter().enumerate() {
        if b.from >= n || b.to >= n || b.from == b.to {
            let path = text::cat(&["bindings[", &text::u64_string(i as u64), "]"]);
            return Err(invalid(sc, path, if b.from == b.to && b.from < n { "SELF_BINDING" } else { "UNKNOWN_PERSON" }, &[]));
        }
    }
    for (i, r) in sc.relations.iter().enumerate() {
        if r.a >= n || r.b >= n || r.a == r.b {
            let path = text::cat(&["relations[", &text::u64_string(i as u64), "]"]);
            return Err(invalid(sc, path, "UNKNOWN_PERSON", &[]));
        }
    }
    Ok(())
}

/// The engine's contract (DESIGN.md § 3): a validated scenario in, a report out.
pub fn evaluate(sc: &Scenario) -> Result<Report, InputError> {
    validate(sc)?;
    Ok(rules::run(sc))
}

/// The rules on a scenario that is valid by construction: one the decoder accepted (it checks
/// everything `validate` does, and more) or the questionnaire built. The JSON and wasm
/// boundaries use this, so the shipped wasm carries no second validator; debug builds (every
/// test and the fuzz harness) still check that `validate` agrees.
pub(crate) fn evaluate_valid(sc: &Scenario) -> Report {
    debug_assert!(validate(sc).is_ok());
    rules::run(sc)
}

/// JSON in, JSON out: `Ok(report)` or `Err({"error":…})`, both as text. `today` fills a missing
/// `as_of`. `pretty` indents the output.
pub fn evaluate_json(input: &str, today: Date, pretty: bool) -> Result<String, String> {
    let sc = decode::decode_str(input, today).map_err(|e| decode::error_json(&e, pretty))?;
    let r = evaluate_valid(&sc);
    let mut w = json::Writer::new(pretty);
    encode::report(&mut w, &sc, &r);
    Ok(w.finish())
}

/// The default locale's name (for callers that need it).
pub fn default_locale() -> &'static str {
    Locale::ZhHans.as_str()
}
