//! Evaluation context: the scenario and the explanation being built (steps, warnings, "not
//! covered" notices and the sources cited). Messages are data ([`Msg`]): no locale here.

use super::code::{NoticeCode, ReasonCode};
use crate::date::Date;
use crate::i18n::Key;
use crate::model::*;
use crate::policy::{self, Used};

/// What a reason, step or notice rests on: the source it cites, the rule that produced it, and
/// whether that rule's value is verified.
///
/// A notice's `verified` is not taken from here: it follows from the notice's code and its
/// source's grade (`rules::notice_verified`).
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
    pub date: Date,
    pub covered: bool,
    /// How the date stands against the book's last review.
    pub review: policy::Review,
    pub steps: Vec<Step>,
    pub warnings: Vec<Notice>,
    pub not_covered: Vec<Notice>,
    pub sources: Vec<&'static str>,
}

/// A message's arguments, by placeholder name.
pub type Args = Vec<(&'static str, Arg)>;

impl<'a> Ctx<'a> {
    pub fn new(sc: &'a Scenario) -> Ctx<'a> {
        Ctx {
            sc,
            date: sc.as_of,
            covered: policy::date_covered(sc.as_of),
            review: policy::Review::of(sc.as_of),
            steps: Vec::new(),
            warnings: Vec::new(),
            not_covered: Vec::new(),
            sources: Vec::new(),
        }
    }

    pub fn cite(&mut self, source: &'static str) {
        if !source.is_empty() && !self.sources.contains(&source) {
            self.sources.push(source);
        }
    }

    /// A reason: `code`, message `msg` with `args`, resting on `basis` (whose source is cited).
    pub fn reason(&mut self, code: ReasonCode, msg: Key, args: Args, basis: Basis) -> Reason {
        self.cite(basis.source);
        Reason { code: code.as_str(), msg: Msg::new(msg, args), source: basis.source, verified: basis.verified, rule: basis.rule }
    }

    /// `UNVERIFIED_PARAMETER`: an unverified value of the book decided something.
    pub fn unverified(&mut self, u: &Used) -> Reason {
        let basis = Basis { verified: false, ..Basis::of(u) };
        self.reason(ReasonCode::UnverifiedParameter, Key::ReasonUnverifiedParameter, unverified_args(u), basis)
    }

    /// A step of the explanation: message `msg` with `args`, its rule and source from `basis`.
    pub fn step(&mut self, msg: Key, args: Args, value: StepValue, basis: Basis) {
        self.cite(basis.source);
        self.steps.push(Step { rule: basis.rule.to_string(), msg: Msg::new(msg, args), value, source: basis.source, verified: basis.verified });
    }

    fn notice(&mut self, code: NoticeCode, msg: Key, args: Args, basis: Basis, person: Option<usize>) -> Notice {
        self.cite(basis.source);
        let verified = super::notice_verified(code, basis.source);
        Notice { code: code.as_str(), msg: Msg::new(msg, args), source: basis.source, verified, rule: basis.rule, person }
    }

    /// A warning (once per code, rule and person).
    pub fn warn(&mut self, code: NoticeCode, msg: Key, args: Args, basis: Basis, person: Option<usize>) {
        let n = self.notice(code, msg, args, basis, person);
        push_once(&mut self.warnings, n);
    }

    /// A report-level `UNVERIFIED_PARAMETER` warning, when `u` is unverified.
    pub fn warn_unverified(&mut self, u: &Used, person: Option<usize>) {
        if !u.verified() {
            self.warn(NoticeCode::UnverifiedParameter, Key::ReasonUnverifiedParameter, unverified_args(u), Basis::of(u), person);
        }
    }

    /// A "not covered" notice (once per code, rule and person).
    pub fn not_covered(&mut self, code: NoticeCode, msg: Key, args: Args, basis: Basis, person: Option<usize>) {
        let n = self.notice(code, msg, args, basis, person);
        push_once(&mut self.not_covered, n);
    }
}

/// The plain-language text of a used rule value: its note, or its id.
pub fn note(u: &Used) -> Arg {
    match u.note {
        Some(id) => Arg::Key(id),
        None => Arg::Str(u.id),
    }
}

fn unverified_args(u: &Used) -> Args {
    vec![("rule", Arg::Str(u.id)), ("note", note(u)), ("grade", Arg::Str(u.grade.as_str()))]
}

fn push_once(list: &mut Vec<Notice>, n: Notice) {
    if !list.iter().any(|x| x.code == n.code && x.rule == n.rule && x.person == n.person) {
        list.push(n);
    }
}
