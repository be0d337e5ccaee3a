//! The report (DESIGN.md § 3.2, README § The contract) as it is written: people named by their
//! `id`s, money in integer 分, members in the documented order, every text in one locale. Built
//! from the engine's [`model::Report`] by [`Report::new`], which renders its messages (the rules'
//! output is the same in every locale, so a report is re-rendered in another locale without
//! running the rules again); `Serialize` gives the JSON (serde_json) and the plain JS object
//! (serde-wasm-bindgen).

use serde::Serialize;

use crate::date::Date;
use crate::model::{self, BindingKind, Locale, Mechanism, Recommendation, Relation};
use crate::money::Fen;
use crate::policy::{self, sources};
use crate::render::Renderer;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub as_of: Date,
    pub locale: Locale,
    /// Whether the policy book answers for `as_of` at all.
    pub covered: bool,
    pub receipt: Receipt,
    pub review: Review,
    /// Whether any unverified value was used anywhere in the report.
    pub unverified_used: bool,
    pub people: Vec<PersonReport>,
    /// Every ordered pair of people: whether `from` can share with `to`.
    pub pairs: Vec<Pair>,
    /// The optimiser's bindings, in the order to register them.
    pub plan: Vec<PlanItem>,
    pub plan_optimal: bool,
    /// `plan` when money follows the recommended plan, `bindings` when it follows the input.
    pub money_follows: &'static str,
    pub accounts: Vec<AccountReport>,
    pub totals: Totals,
    pub steps: Vec<Step>,
    pub not_covered: Vec<Notice>,
    pub warnings: Vec<Notice>,
    /// The sources cited anywhere in the report, in first-cited order.
    pub sources: Vec<Source>,
}

/// The policy book's dates: the first date it answers for, when it was last checked, and the
/// last date answered as certain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub from: Date,
    pub reviewed_on: Date,
    pub certain_until: Date,
}

impl Coverage {
    pub const BOOK: Coverage = Coverage { from: policy::COVERAGE_FROM, reviewed_on: policy::REVIEWED_ON, certain_until: policy::CERTAIN_UNTIL };
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Receipt {
    pub rules_version: &'static str,
    pub rules_hash: &'static str,
    pub as_of: Date,
    pub coverage: Coverage,
    pub engine: &'static str,
}

impl Receipt {
    pub fn new(as_of: Date) -> Receipt {
        Receipt { rules_version: policy::RULES_VERSION, rules_hash: crate::RULES_HASH, as_of, coverage: Coverage::BOOK, engine: concat!("yibao-family ", env!("CARGO_PKG_VERSION")) }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Review {
    pub reviewed_on: Date,
    pub certain_until: Date,
    /// `current`, `past_review`, `beyond_lookahead` or `not_covered`.
    pub status: &'static str,
    /// The one line a page shows (empty when current).
    pub text: String,
}

impl Review {
    /// The review notice of the rules' report `r`, its text written by `w`.
    pub fn of(r: &model::Report, w: &Renderer) -> Review {
        Review {
            reviewed_on: policy::REVIEWED_ON,
            certain_until: policy::CERTAIN_UNTIL,
            status: r.review.as_str(),
            text: r.review_note.as_ref().map(|m| w.msg(m)).unwrap_or_default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub text: String,
    pub source: &'static str,
    pub verified: bool,
    pub rule: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Channel {
    pub key: &'static str,
    pub app: String,
    pub path: String,
    pub source: &'static str,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FamilyAccount {
    pub applicable: bool,
    pub eligible: bool,
    pub certain: bool,
    pub useful: bool,
    pub binder: Option<String>,
    pub documents: &'static [&'static str],
    pub documents_any_of: &'static [&'static str],
    pub channels: Vec<Channel>,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Gongji {
    pub eligible: bool,
    pub certain: bool,
    pub authorisers: Vec<String>,
    pub bound_by: Vec<String>,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NextStep {
    pub code: &'static str,
    pub text: String,
    pub channels: Vec<Channel>,
    pub documents: &'static [&'static str],
    pub documents_any_of: &'static [&'static str],
}

/// A person's money in 分: `cost = pooled + own_account + shared + cash`, exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Money {
    pub cost: Fen,
    pub pooled: Fen,
    pub own_account: Fen,
    pub shared: Fen,
    pub cash: Fen,
    pub cash_without_gongji: Fen,
    pub saved_by_gongji: Fen,
    pub medical: Fen,
    pub premiums: Fen,
    pub non_qualifying: Fen,
    /// The part of `shared` that rests on something not yet confirmed.
    pub conditional: Fen,
    pub estimated: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SharedFrom {
    pub from: String,
    pub amount: Fen,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonReport {
    pub id: String,
    pub relation: Relation,
    /// The region's name in the report's locale.
    pub region: String,
    pub family_account: FamilyAccount,
    pub gongji: Gongji,
    pub recommendation: Recommendation,
    pub conditional: bool,
    pub costs_known: bool,
    pub why: Vec<Reason>,
    pub next_steps: Vec<NextStep>,
    pub money: Money,
    pub shared_from: Vec<SharedFrom>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub from: String,
    pub to: String,
    /// What `from` is to `to`, when known.
    pub relation: Option<Relation>,
    pub eligible: bool,
    pub certain: bool,
    pub mechanism: Option<Mechanism>,
    /// `medical`, `resident_premium`, `long_term_care_premium`, `commercial_premium`.
    pub uses: Vec<&'static str>,
    pub reasons: Vec<Reason>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanItem {
    pub from: String,
    pub to: String,
    pub kind: BindingKind,
    pub conditional: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AccountReport {
    pub id: String,
    pub prior_years: Fen,
    pub current_year: Fen,
    pub balance_before: Fen,
    pub own_use: Fen,
    pub shared_out: Fen,
    pub balance_after: Fen,
    pub prior_years_only: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub cost: Fen,
    pub pooled: Fen,
    pub own_account: Fen,
    pub shared: Fen,
    pub cash: Fen,
    pub cash_without_gongji: Fen,
    pub saved_by_gongji: Fen,
    /// The least family cash any binding plan could reach.
    pub cash_bound: Fen,
}

/// A step's value: `null`, a number (分 or a count), text or a boolean.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum StepValue {
    None,
    Money(Fen),
    Int(i64),
    Str(String),
    Bool(bool),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub rule: String,
    pub text: String,
    pub value: StepValue,
    pub source: &'static str,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub code: &'static str,
    pub text: String,
    pub source: &'static str,
    pub verified: bool,
    pub rule: &'static str,
    /// The person the notice is about, if any.
    pub person: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: &'static str,
    pub issuer: &'static str,
    pub title: &'static str,
    /// As published (`"2023-10"`).
    pub date: &'static str,
    /// Only for an official (`gov.cn`) host.
    pub url: Option<&'static str>,
    pub grade: &'static str,
    pub verified: bool,
}

impl From<&policy::Source> for Source {
    fn from(s: &policy::Source) -> Source {
        Source {
            id: s.id,
            issuer: s.issuer,
            title: s.title,
            date: s.date_text,
            url: Some(s.url).filter(|u| !u.is_empty()),
            grade: s.grade.as_str(),
            verified: s.grade.verified(),
        }
    }
}

/// Writes the engine's report in one locale: people by their ids, messages rendered.
struct Writer<'a> {
    sc: &'a model::Scenario,
    r: Renderer<'a>,
}

impl Writer<'_> {
    fn id(&self, i: usize) -> String {
        self.sc.people.get(i).map(|p| p.id.clone()).unwrap_or_default()
    }

    fn ids(&self, list: &[usize]) -> Vec<String> {
        list.iter().map(|&i| self.id(i)).collect()
    }

    fn reasons(&self, list: &[model::Reason]) -> Vec<Reason> {
        list.iter().map(|x| Reason { code: x.code, text: self.r.msg(&x.msg), source: x.source, verified: x.verified, rule: x.rule }).collect()
    }

    fn channels(&self, list: &[model::ChannelOut]) -> Vec<Channel> {
        list.iter()
            .map(|c| Channel { key: c.key, app: self.r.text(c.app).to_string(), path: self.r.text(c.path).to_string(), source: c.source, verified: c.verified })
            .collect()
    }

    fn notices(&self, list: &[model::Notice]) -> Vec<Notice> {
        list.iter()
            .map(|n| Notice { code: n.code, text: self.r.msg(&n.msg), source: n.source, verified: n.verified, rule: n.rule, person: n.person.map(|i| self.id(i)) })
            .collect()
    }

    fn step(&self, s: &model::Step) -> Step {
        let value = match &s.value {
            model::StepValue::None => StepValue::None,
            model::StepValue::Money(f) => StepValue::Money(*f),
            model::StepValue::Int(n) => StepValue::Int(*n),
            model::StepValue::Date(d) => StepValue::Str(d.to_iso()),
            model::StepValue::Text(id) => StepValue::Str(self.r.text(*id).to_string()),
            model::StepValue::Bool(b) => StepValue::Bool(*b),
        };
        Step { rule: s.rule.clone(), text: self.r.msg(&s.msg), value, source: s.source, verified: s.verified }
    }

    fn person(&self, p: &model::PersonOut) -> PersonReport {
        let me = &self.sc.people[p.index];
        let (fa, g, m) = (&p.family_account, &p.gongji, &p.money);
        PersonReport {
            id: me.id.clone(),
            relation: me.relation,
            region: self.r.region(p.region),
            family_account: FamilyAccount {
                applicable: fa.applicable,
                eligible: fa.eligible,
                certain: fa.certain,
                useful: fa.useful,
                binder: fa.binder.map(|i| self.id(i)),
                documents: fa.documents,
                documents_any_of: fa.documents_any_of,
                channels: self.channels(&fa.channels),
                reasons: self.reasons(&fa.reasons),
            },
            gongji: Gongji { eligible: g.eligible, certain: g.certain, authorisers: self.ids(&g.authorisers), bound_by: self.ids(&g.bound_by), reasons: self.reasons(&g.reasons) },
            recommendation: p.recommendation,
            conditional: p.conditional,
            costs_known: me.costs.known,
            why: self.reasons(&p.why),
            next_steps: p
                .next_steps
                .iter()
                .map(|s| NextStep { code: s.code, text: self.r.msg(&s.msg), channels: self.channels(&s.channels), documents: s.documents, documents_any_of: s.documents_any_of })
                .collect(),
            money: Money {
                cost: m.cost,
                pooled: m.pooled,
                own_account: m.own_account,
                shared: m.shared,
                cash: m.cash,
                cash_without_gongji: m.cash_without_gongji,
                saved_by_gongji: m.cash_without_gongji - m.cash,
                medical: m.medical,
                premiums: m.premiums,
                non_qualifying: m.non_qualifying,
                conditional: m.conditional,
                estimated: m.estimated,
            },
            shared_from: p.shared_from.iter().map(|&(a, amount)| SharedFrom { from: self.id(a), amount }).collect(),
        }
    }
}

fn uses(u: &model::Uses) -> Vec<&'static str> {
    [(u.medical, "medical"), (u.resident_premium, "resident_premium"), (u.ltc_premium, "long_term_care_premium"), (u.commercial_premium, "commercial_premium")]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
}

impl Report {
    /// The report of `r`, the engine's answer for `sc`, with its texts in `locale`. The rules
    /// do not depend on the locale: rendering the same `r` in another locale is a locale switch
    /// (`sc.locale` is what `evaluate` renders in).
    pub fn new(sc: &model::Scenario, r: &model::Report, locale: Locale) -> Report {
        let w = Writer { sc, r: Renderer::new(locale, &sc.people) };
        let t = &r.totals;
        Report {
            as_of: r.as_of,
            locale,
            covered: r.covered,
            receipt: Receipt::new(r.as_of),
            review: Review::of(r, &w.r),
            unverified_used: r.unverified_used,
            people: r.people.iter().map(|p| w.person(p)).collect(),
            pairs: r
                .pairs
                .iter()
                .map(|p| Pair {
                    from: w.id(p.from),
                    to: w.id(p.to),
                    relation: p.relation,
                    eligible: p.eligible,
                    certain: p.certain,
                    mechanism: p.mechanism,
                    uses: uses(&p.uses),
                    reasons: w.reasons(&p.reasons),
                })
                .collect(),
            plan: r.plan.iter().map(|p| PlanItem { from: w.id(p.from), to: w.id(p.to), kind: p.kind, conditional: p.conditional }).collect(),
            plan_optimal: r.plan_optimal,
            money_follows: r.money_follows,
            accounts: r
                .accounts
                .iter()
                .map(|a| AccountReport {
                    id: w.id(a.index),
                    prior_years: a.prior_years,
                    current_year: a.current_year,
                    balance_before: a.balance_before,
                    own_use: a.own_use,
                    shared_out: a.shared_out,
                    balance_after: a.balance_after,
                    prior_years_only: a.prior_years_only,
                })
                .collect(),
            totals: Totals {
                cost: t.cost,
                pooled: t.pooled,
                own_account: t.own_account,
                shared: t.shared,
                cash: t.cash,
                cash_without_gongji: t.cash_without_gongji,
                saved_by_gongji: t.cash_without_gongji - t.cash,
                cash_bound: t.cash_bound,
            },
            steps: r.steps.iter().map(|s| w.step(s)).collect(),
            not_covered: w.notices(&r.not_covered),
            warnings: w.notices(&r.warnings),
            sources: r.sources.iter().filter_map(|s| sources::source(s)).map(Source::from).collect(),
        }
    }
}

/// The error body, `{"error":{"path","code","message"}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorBody<'a> {
    pub error: &'a model::InputError,
}
