//! The engine's own form of the contract (DESIGN.md § 3): a scenario whose people are named by
//! index and whose values are checked and typed (built by [`crate::contract::validate`]), and the
//! report the rules produce ([`crate::contract::Report`] is what callers get).

use serde::Serialize;

use crate::date::Date;
use crate::i18n::Key;
use crate::money::Fen;

// ---------------------------------------------------------------------------------------------
// Scenario (input)

/// `as_str` and `parse` for a field-less enum that the contract writes as one of a few names:
/// `ALL` lists the values in declaration order and `NAMES` their names in the same order.
macro_rules! named {
    ($t:ident { $($v:ident = $s:literal),* $(,)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$($t::$v),*];
            pub const NAMES: &'static [&'static str] = &[$($s),*];
            pub fn as_str(self) -> &'static str {
                Self::NAMES[self as usize]
            }
            pub fn parse(s: &str) -> Option<$t> {
                Self::NAMES.iter().position(|n| *n == s).map(|i| Self::ALL[i])
            }
        }
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Locale {
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
            Locale::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Locale> {
        match s {
            "zh-Hans" | "zh-CN" | "zh" => Some(Locale::ZhHans),
            "zh-Hant" | "zh-TW" | "zh-HK" => Some(Locale::ZhHant),
            "en" | "en-US" | "en-GB" => Some(Locale::En),
            _ => None,
        }
    }
}

/// A person's relation to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    #[serde(rename = "self")]
    Me,
    Spouse,
    Parent,
    Child,
    Sibling,
    Grandparent,
    Grandchild,
    ParentInLaw,
    ChildInLaw,
    SiblingInLaw,
    Other,
}

named!(Relation {
    Me = "self",
    Spouse = "spouse",
    Parent = "parent",
    Child = "child",
    Sibling = "sibling",
    Grandparent = "grandparent",
    Grandchild = "grandchild",
    ParentInLaw = "parent_in_law",
    ChildInLaw = "child_in_law",
    SiblingInLaw = "sibling_in_law",
    Other = "other",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Employee,
    Resident,
    None,
    /// Extension: the user does not know (questionnaire "不清楚").
    Unknown,
}

named!(Scheme { Employee = "employee", Resident = "resident", None = "none", Unknown = "unknown" });

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Active,
    Suspended,
    Terminated,
}

named!(Status { Active = "active", Suspended = "suspended", Terminated = "terminated" });

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Insurance {
    pub scheme: Scheme,
    pub status: Status,
    pub retired: bool,
    /// GB/T 2260 code; `None` when the user does not know (extension).
    pub region: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Account {
    /// 历年账户: balance carried over from earlier years.
    pub prior_years: Fen,
    /// 当年账户: credited this year.
    pub current_year: Fen,
}

impl Account {
    pub fn total(&self) -> Fen {
        self.prior_years + self.current_year
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Outpatient,
    Inpatient,
    Pharmacy,
    NonDesignated,
    Fitness,
    HealthSupplement,
}

named!(ItemKind {
    Outpatient = "outpatient",
    Inpatient = "inpatient",
    Pharmacy = "pharmacy",
    NonDesignated = "non_designated",
    Fitness = "fitness",
    HealthSupplement = "health_supplement",
});

impl ItemKind {
    /// Spending the personal account may pay (定点 institutions and pharmacies, § 3.3–3.4).
    pub fn qualifying(self) -> bool {
        matches!(self, ItemKind::Outpatient | ItemKind::Inpatient | ItemKind::Pharmacy)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    /// 1, 2, 3, or 0 for un-graded (未定级); `None` when not given.
    pub tier: Option<u8>,
    pub amount: Fen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PremiumKind {
    Resident,
    LongTermCare,
    Commercial,
}

named!(PremiumKind { Resident = "resident", LongTermCare = "long_term_care", Commercial = "commercial" });

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Premium {
    pub kind: PremiumKind,
    pub amount: Fen,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Costs {
    /// Whether the year's medical costs were given at all (`personal_share` or `items`). A
    /// person without them has *unknown* costs, not zero: sharing is still worth setting up.
    pub known: bool,
    /// Known yearly personal share after the person's own reimbursement, at designated places.
    pub personal_share: Fen,
    pub items: Vec<Item>,
    pub premiums: Vec<Premium>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub relation: Relation,
    /// Whole years; `None` when unknown (extension).
    pub age: Option<u32>,
    pub insurance: Insurance,
    /// Whether the person can show their own code on their own phone; `None` = not known.
    pub smartphone: Option<bool>,
    /// Employee personal account; `None` = not given (balance unknown).
    pub account: Option<Account>,
    pub costs: Costs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BindingKind {
    Gongji,
    FamilyAccount,
}

named!(BindingKind { Gongji = "gongji", FamilyAccount = "family_account" });

/// An existing binding (indices into `people`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    pub from: usize,
    pub to: usize,
    pub kind: BindingKind,
}

/// Extension: an explicit relation between two people who are not the user, for pairs that
/// cannot be derived with certainty ("`a` is `b`'s `relation`").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairRelation {
    pub a: usize,
    pub b: usize,
    pub relation: Relation,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub as_of: Date,
    pub locale: Locale,
    pub people: Vec<Person>,
    pub bindings: Vec<Binding>,
    pub relations: Vec<PairRelation>,
}

// ---------------------------------------------------------------------------------------------
// Report (output)

/// A message the rules emit: a catalog text (a [`Key`]) and its arguments, typed, in no
/// locale. [`crate::render`] writes it in a locale at the edge, so the same report can be shown
/// in every locale without running the rules again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    /// The catalog text.
    pub id: Key,
    /// The value of each `{placeholder}`, by name.
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: Key, args: Vec<(&'static str, Arg)>) -> Msg {
        Msg { id, args }
    }
}

/// A message argument, as data: how it is written depends on the locale (and, for a person, on
/// the scenario's ids).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// An amount, written in the locale's yuan format (`fmt.yuan`).
    Money(Fen),
    /// A whole number (an age, a cap, a count of months).
    Num(u64),
    /// A date, written `YYYY-MM-DD`.
    Date(Date),
    /// A person (index into the scenario's people), written as their id.
    Person(usize),
    /// A region code (`None`: not known), written as its name in the locale.
    Region(Option<u32>),
    /// Another catalog text, in the locale.
    Key(Key),
    /// Catalog texts, in the locale, joined by its list separator (`fmt.list_sep`).
    Keys(Vec<Key>),
    /// Text written as it is, in every locale (a rule id, a grade, a version).
    Str(&'static str),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub code: &'static str,
    pub msg: Msg,
    pub source: &'static str,
    pub verified: bool,
    /// The rule id that produced it.
    pub rule: &'static str,
}

/// A step's value: nothing, an amount, a count, a date, a catalog text or a boolean (the report
/// writes a date as its ISO text and a catalog text in its locale).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepValue {
    None,
    Money(Fen),
    Int(i64),
    Date(Date),
    Text(Key),
    Bool(bool),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub rule: String,
    pub msg: Msg,
    pub value: StepValue,
    pub source: &'static str,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChannelOut {
    pub key: &'static str,
    /// The app's name and the path in it (catalog texts).
    pub app: Key,
    pub path: Key,
    pub source: &'static str,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    pub code: &'static str,
    pub msg: Msg,
    pub channels: Vec<ChannelOut>,
    /// Documents all of which are needed.
    pub documents: &'static [&'static str],
    /// Documents of which any one is needed (empty when there is no choice).
    pub documents_any_of: &'static [&'static str],
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FamilyAccountOut {
    pub applicable: bool,
    pub eligible: bool,
    pub certain: bool,
    pub binder: Option<usize>,
    pub useful: bool,
    pub documents: &'static [&'static str],
    pub documents_any_of: &'static [&'static str],
    pub channels: Vec<ChannelOut>,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct GongjiOut {
    pub eligible: bool,
    pub certain: bool,
    /// People whose account may be shared with this person (eligible pairs), in input order.
    pub authorisers: Vec<usize>,
    /// The bindings money follows (plan or given bindings), in registration order.
    pub bound_by: Vec<usize>,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Money {
    pub cost: Fen,
    pub pooled: Fen,
    pub own_account: Fen,
    pub shared: Fen,
    pub cash: Fen,
    pub cash_without_gongji: Fen,
    /// Parts of `cost`.
    pub medical: Fen,
    pub premiums: Fen,
    pub non_qualifying: Fen,
    /// Whether any part of the personal share was estimated from cost items.
    pub estimated: bool,
    /// The part of `shared` that rests on something not yet confirmed: a pair whose relation,
    /// scheme or region the engine could not decide, or a value graded unverified.
    pub conditional: Fen,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    FamilyAccount,
    Gongji,
    Both,
    /// Neither feature can help this person (a decided "no" on both).
    Neither,
    /// The engine cannot tell: the answer rests on a refused date or on facts not given. Never
    /// reported as `Neither`.
    Undecided,
}

impl Recommendation {
    pub fn as_str(self) -> &'static str {
        match self {
            Recommendation::FamilyAccount => "family_account",
            Recommendation::Gongji => "gongji",
            Recommendation::Both => "both",
            Recommendation::Neither => "neither",
            Recommendation::Undecided => "undecided",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonOut {
    pub index: usize,
    pub family_account: FamilyAccountOut,
    pub gongji: GongjiOut,
    pub recommendation: Recommendation,
    /// True when the recommendation rests on something unknown or unverified.
    pub conditional: bool,
    pub why: Vec<Reason>,
    pub next_steps: Vec<NextStep>,
    pub money: Money,
    /// (authoriser index, amount) the shared money came from.
    pub shared_from: Vec<(usize, Fen)>,
    /// The person's region (`None`: not known), for the report to name.
    pub region: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mechanism {
    /// Real-time debit of the authoriser's account (即时调用).
    Instant,
    /// 医保钱包 transfers (§ 3.6).
    Wallet,
    /// Earmarked cross-province quota under the 2026 notice (共济额度).
    Quota,
}

impl Mechanism {
    pub fn as_str(self) -> &'static str {
        match self {
            Mechanism::Instant => "instant",
            Mechanism::Wallet => "wallet",
            Mechanism::Quota => "quota",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Uses {
    pub medical: bool,
    pub resident_premium: bool,
    pub ltc_premium: bool,
    pub commercial_premium: bool,
}

impl Uses {
    pub fn any(&self) -> bool {
        self.medical || self.resident_premium || self.ltc_premium || self.commercial_premium
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairOut {
    pub from: usize,
    pub to: usize,
    /// What `from` is to `to`, when known.
    pub relation: Option<Relation>,
    pub eligible: bool,
    pub certain: bool,
    pub mechanism: Option<Mechanism>,
    pub uses: Uses,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlanItem {
    pub from: usize,
    pub to: usize,
    pub kind: BindingKind,
    /// Whether the binding rests on something not yet confirmed (an uncertain pair, an unknown
    /// balance, unknown costs, an uncertain family-account member).
    pub conditional: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccountOut {
    pub index: usize,
    pub known: bool,
    pub prior_years: Fen,
    pub current_year: Fen,
    pub balance_before: Fen,
    pub own_use: Fen,
    pub shared_out: Fen,
    pub balance_after: Fen,
    pub prior_years_only: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Totals {
    pub cost: Fen,
    pub pooled: Fen,
    pub own_account: Fen,
    pub shared: Fen,
    pub cash: Fen,
    pub cash_without_gongji: Fen,
    /// The least family cash any binding plan could reach (max-flow bound).
    pub cash_bound: Fen,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub code: &'static str,
    pub msg: Msg,
    pub source: &'static str,
    /// Whether the notice rests only on verified material (`rules::notice_verified`).
    pub verified: bool,
    pub rule: &'static str,
    /// Person index the notice is about, if any.
    pub person: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub as_of: Date,
    pub covered: bool,
    pub people: Vec<PersonOut>,
    pub pairs: Vec<PairOut>,
    pub plan: Vec<PlanItem>,
    pub plan_optimal: bool,
    /// "plan" when money follows the recommended plan, "bindings" when it follows the input.
    pub money_follows: &'static str,
    pub accounts: Vec<AccountOut>,
    pub totals: Totals,
    pub steps: Vec<Step>,
    pub not_covered: Vec<Notice>,
    pub warnings: Vec<Notice>,
    /// Source ids cited anywhere in the report, in first-cited order.
    pub sources: Vec<&'static str>,
    /// How the date stands against the policy book's last review, and the one line that says so
    /// (`None` when current).
    pub review: crate::policy::Review,
    pub review_note: Option<Msg>,
    /// Whether any unverified value was used anywhere in the report.
    pub unverified_used: bool,
}

/// A structured input error: the field path, a stable code and a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub path: String,
    pub code: &'static str,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `named!` relies on `ALL` being in declaration order (`as_str` indexes by discriminant).
    #[test]
    fn names_round_trip() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(all: &[T], names: &[&str], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>) {
            assert_eq!(all.len(), names.len());
            for (v, n) in all.iter().zip(names) {
                assert_eq!(as_str(*v), *n);
                assert_eq!(parse(n), Some(*v));
            }
            assert_eq!(parse("nope"), None);
        }
        check(Relation::ALL, Relation::NAMES, Relation::as_str, Relation::parse);
        check(Scheme::ALL, Scheme::NAMES, Scheme::as_str, Scheme::parse);
        check(Status::ALL, Status::NAMES, Status::as_str, Status::parse);
        check(ItemKind::ALL, ItemKind::NAMES, ItemKind::as_str, ItemKind::parse);
        check(PremiumKind::ALL, PremiumKind::NAMES, PremiumKind::as_str, PremiumKind::parse);
        check(BindingKind::ALL, BindingKind::NAMES, BindingKind::as_str, BindingKind::parse);
    }
}
