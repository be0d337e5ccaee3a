//! Evaluation context: the scenario, the locale, and the explanation being built (steps,
//! warnings, "not covered" notices and the sources cited).

use super::code::{NoticeCode, ReasonCode};
use crate::date::Date;
use crate::i18n::{self, fill};
use crate::model::*;
use crate::money::{yuan_string, Fen};
use crate::policy::{self, regions, Used};

/// What a reason, step or notice rests on: the source it cites, the rule that produced it, and
/// whether that rule's value is verified.
///
/// A notice's `verified` is not taken from here: the report derives it from the notice's code
/// and its source's grade (`rules::notice_verified`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Basis {
    pub source: &'static str,
    pub rule: &'static str,
    pub verified: bool,
}

impl Basis {
    /// A rule of the engine's own, or one a verified source states outright.
    pub const fn verified(source: &'static str, rule: &'static str) -> Basis {
        Basis { source, rule, verified: true }
    }
    /// A value of the policy book, as resolved (its grade at the level it was found at).
    pub fn of(u: &Used) -> Basis {
        Basis { source: u.source, rule: u.id, verified: u.verified() }
    }
}

pub struct Ctx<'a> {
    pub sc: &'a Scenario,
    pub loc: Locale,
    pub date: Date,
    pub covered: bool,
    /// How the date stands against the book's last review.
    pub review: policy::Review,
    pub steps: Vec<Step>,
    pub warnings: Vec<Notice>,
    pub not_covered: Vec<Notice>,
    pub sources: Vec<&'static str>,
}

impl<'a> Ctx<'a> {
    pub fn new(sc: &'a Scenario) -> Ctx<'a> {
        Ctx {
            sc,
            loc: sc.locale,
            date: sc.as_of,
            covered: policy::date_covered(sc.as_of),
            review: policy::Review::of(sc.as_of),
            steps: Vec::new(),
            warnings: Vec::new(),
            not_covered: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// The text of catalog message `id`.
    pub fn tx(&self, id: usize) -> &'static str {
        i18n::text(self.loc, id)
    }

    /// Message `id` with its placeholders filled from `args`.
    pub fn t(&self, id: usize, args: &[(&str, &str)]) -> String {
        fill(self.tx(id), args)
    }

    pub fn name(&self, i: usize) -> &'a str {
        self.sc.people.get(i).map_or("?", |p| p.id.as_str())
    }

    pub fn cite(&mut self, source: &'static str) {
        if !source.is_empty() && !self.sources.contains(&source) {
            self.sources.push(source);
        }
    }

    pub fn region_name(&self, code: Option<u32>) -> String {
        let Some(code) = code else {
            return self.tx(i18n::k::REGION_UNKNOWN).to_string();
        };
        let shown = regions::display_code(code);
        let name = match i18n::find::region(shown) {
            Some(id) => self.tx(id).to_string(),
            None => format!("region.{shown}"),
        };
        if shown == code {
            name
        } else {
            // A code the book does not name: "<named parent> (<code>)".
            format!("{name} ({code})")
        }
    }

    pub fn money(&self, f: Fen) -> String {
        self.t(i18n::k::FMT_YUAN, &[("n", &yuan_string(f))])
    }

    /// The plain-language text of a used rule value (its note, or its id).
    pub fn note(&self, u: &Used) -> String {
        match u.note {
            Some(id) => self.tx(id).to_string(),
            None => u.id.to_string(),
        }
    }

    /// A reason: `code`, message `msg` filled with `args`, resting on `basis` (whose source is
    /// cited).
    pub fn reason(&mut self, code: ReasonCode, msg: usize, args: &[(&str, &str)], basis: Basis) -> Reason {
        self.cite(basis.source);
        Reason { code: code.as_str(), text: self.t(msg, args), source: basis.source, verified: basis.verified, rule: basis.rule }
    }

    /// `UNVERIFIED_PARAMETER`: an unverified value of the book decided something.
    pub fn unverified(&mut self, u: &Used) -> Reason {
        let note = self.note(u);
        let basis = Basis { verified: false, ..Basis::of(u) };
        self.reason(ReasonCode::UnverifiedParameter, i18n::k::REASON_UNVERIFIED_PARAMETER, &unverified_args(u, &note), basis)
    }

    /// A step of the explanation: message `msg` filled with `args`, its rule and source from
    /// `basis`.
    pub fn step(&mut self, msg: usize, args: &[(&str, &str)], value: StepValue, basis: Basis) {
        self.cite(basis.source);
        let text = self.t(msg, args);
        self.steps.push(Step { rule: basis.rule.to_string(), text, value, source: basis.source, verified: basis.verified });
    }

    fn notice(&mut self, code: NoticeCode, msg: usize, args: &[(&str, &str)], basis: Basis, person: Option<usize>) -> Notice {
        self.cite(basis.source);
        Notice { code: code.as_str(), text: self.t(msg, args), source: basis.source, rule: basis.rule, person }
    }

    /// A warning (once per code, rule and person).
    pub fn warn(&mut self, code: NoticeCode, msg: usize, args: &[(&str, &str)], basis: Basis, person: Option<usize>) {
        let n = self.notice(code, msg, args, basis, person);
        push_once(&mut self.warnings, n);
    }

    /// A report-level `UNVERIFIED_PARAMETER` warning, when `u` is unverified.
    pub fn warn_unverified(&mut self, u: &Used, person: Option<usize>) {
        if !u.verified() {
            let note = self.note(u);
            self.warn(NoticeCode::UnverifiedParameter, i18n::k::REASON_UNVERIFIED_PARAMETER, &unverified_args(u, &note), Basis::of(u), person);
        }
    }

    /// A "not covered" notice (once per code, rule and person).
    pub fn not_covered(&mut self, code: NoticeCode, msg: usize, args: &[(&str, &str)], basis: Basis, person: Option<usize>) {
        let n = self.notice(code, msg, args, basis, person);
        push_once(&mut self.not_covered, n);
    }
}

fn unverified_args<'x>(u: &'x Used, note: &'x str) -> [(&'static str, &'x str); 3] {
    [("rule", u.id), ("note", note), ("grade", u.grade.as_str())]
}

fn push_once(list: &mut Vec<Notice>, n: Notice) {
    if !list.iter().any(|x| x.code == n.code && x.rule == n.rule && x.person == n.person) {
        list.push(n);
    }
}
