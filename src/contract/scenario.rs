//! The scenario (DESIGN.md § 3.1) as it is written: JSON text for the CLI and the Rust API, a
//! plain JS object for the wasm boundary. Every field is optional here and `null` is the same as
//! absent; which fields are required, and every range and cross-field rule, is
//! [`validate`](super::validate)'s business, so that its errors name the field in the
//! scenario's own language. Enum values, dates, regions and ids stay strings for the same reason.
//!
//! Documented extensions: `scheme: "unknown"`, a missing `region` or `age`, `relations`, and
//! `name` / `comment` (ignored, but they must be text).

use serde::Deserialize;

use super::{contract_objects, Num};

/// A household: the scenario the engine evaluates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct Scenario {
    /// `YYYY-MM-DD`; the caller's "today" when absent.
    pub as_of: Option<String>,
    /// `zh-Hans` (default), `zh-Hant`, `en` (and the aliases `Locale::parse` takes).
    pub locale: Option<String>,
    #[serde(deserialize_with = "super::list")]
    pub people: Option<Vec<Person>>,
    /// Existing bindings in registration order.
    #[serde(deserialize_with = "super::list")]
    pub bindings: Option<Vec<Binding>>,
    /// Extension: relations between two people who are not the user.
    #[serde(deserialize_with = "super::list")]
    pub relations: Option<Vec<PairRelation>>,
    /// A JSON Schema reference; ignored.
    #[serde(rename = "$schema")]
    pub schema: Option<String>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct Person {
    pub id: Option<String>,
    /// The person's relation to the user: `self` (exactly one), `spouse`, `parent`, …
    pub relation: Option<String>,
    /// Whole years.
    pub age: Option<Num>,
    pub insurance: Option<Insurance>,
    /// Whether the person can show their own code on their own phone.
    pub smartphone: Option<bool>,
    /// Employee personal account (职工医保个人账户).
    pub account: Option<Account>,
    pub costs: Option<Costs>,
    pub name: Option<String>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct Insurance {
    /// `employee` | `resident` | `none` | `unknown`.
    pub scheme: Option<String>,
    /// `active` (default) | `suspended` | `terminated`.
    pub status: Option<String>,
    pub retired: Option<bool>,
    /// GB/T 2260 six-digit code, e.g. `"320500"`.
    pub region: Option<String>,
}

/// Balances in 分.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct Account {
    pub prior_years: Option<Num>,
    pub current_year: Option<Num>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct Costs {
    /// The year's personal share after the person's own reimbursement, in 分.
    pub personal_share: Option<Num>,
    #[serde(deserialize_with = "super::list")]
    pub items: Option<Vec<Item>>,
    #[serde(deserialize_with = "super::list")]
    pub premiums: Option<Vec<Premium>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct Item {
    /// `outpatient` | `inpatient` | `pharmacy` | `non_designated` | `fitness` | `health_supplement`.
    pub kind: Option<String>,
    /// 1, 2, 3, or 0 for un-graded.
    pub tier: Option<Num>,
    pub amount: Option<Num>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct Premium {
    /// `resident` | `long_term_care` | `commercial`.
    pub kind: Option<String>,
    pub amount: Option<Num>,
}

/// An existing binding: `from` shares with `to` (people's ids).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct Binding {
    pub from: Option<String>,
    pub to: Option<String>,
    /// `gongji` | `family_account`.
    pub kind: Option<String>,
}

/// Extension: "`a` is `b`'s `relation`", for two people who are not the user.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct PairRelation {
    pub a: Option<String>,
    pub b: Option<String>,
    pub relation: Option<String>,
}

contract_objects!(Scenario, Person, Insurance, Account, Costs, Item, Premium, Binding, PairRelation);
