//! What the widget's page asks the core for besides answers: its texts ([`ui`]) and the policy
//! book's metadata ([`meta`]). Plain serde values: objects at the wasm boundary.

use serde::{Serialize, Serializer};

use crate::contract::report::Coverage;
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
    Meta { rules_version: policy::RULES_VERSION, rules_hash: crate::RULES_HASH, coverage: Coverage::BOOK, regions }
}
