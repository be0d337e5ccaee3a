//! What the widget's page asks the core for besides answers: its texts ([`ui`]) and the policy
//! book's metadata ([`meta`]). Plain serde values: objects at the wasm boundary.

use serde::{Serialize, Serializer};

use crate::contract::report::Coverage;
use crate::contract as validate;
use crate::i18n;
use crate::model::Locale;
use crate::policy::{self, regions};

/// Every text the page asks for by name (`ui.*`, `doc.*`, `relation.*`, `q.opt.*`) in a locale:
/// an object `{key: text}`, in key order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ui(pub Locale);

impl Serialize for Ui {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(i18n::ui_keys().map(|(key, i)| (key, i18n::text(self.0, i))))
    }
}

pub fn ui(locale: Locale) -> Ui {
    Ui(locale)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub rules_version: &'static str,
    pub rules_hash: &'static str,
    pub coverage: Coverage,
    /// Provinces first, then the cities and counties the book names (each list in code order).
    pub regions: Vec<Region>,
    /// The contract's input limits, for a page that says them in words (the calculator shows the
    /// money limit in 元 at the field an `OUT_OF_RANGE` error names).
    pub limits: Limits,
}

/// The largest values `contract::validate` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Limits {
    /// An amount, in 分 (`MAX_MONEY`).
    pub money: i64,
    /// An age in years (`MAX_AGE`).
    pub age: i64,
    /// Members of one scenario (`MAX_PEOPLE`).
    pub people: usize,
    /// Characters of a person's id (`MAX_ID_CHARS`).
    pub id_chars: usize,
}

impl Limits {
    pub const CONTRACT: Limits = Limits { money: validate::MAX_MONEY, age: validate::MAX_AGE, people: validate::MAX_PEOPLE, id_chars: validate::MAX_ID_CHARS };
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Region {
    /// GB/T 2260 six-digit code.
    pub code: String,
    pub name: &'static str,
    pub province: bool,
}

/// The book's receipt and the regions a page may offer, named in `locale`.
pub fn meta(locale: Locale) -> Meta {
    let codes = regions::PROVINCES.iter().copied().filter(|c| !regions::outside_mainland(*c)).chain(regions::NAMED.iter().copied());
    let regions = codes
        .map(|c| Region { code: c.to_string(), name: i18n::find::region(c).map_or("", |i| i18n::text(locale, i)), province: c == regions::province_of(c) })
        .collect();
    Meta { rules_version: policy::RULES_VERSION, rules_hash: crate::RULES_HASH, coverage: Coverage::BOOK, regions, limits: Limits::CONTRACT }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_says_the_contracts_limits() {
        let m = serde_json::to_value(meta(Locale::ZhHans)).unwrap();
        assert_eq!(m["limits"], serde_json::json!({"money": 100_000_000_000i64, "age": 130, "people": 30, "id_chars": 64}));
    }
}
