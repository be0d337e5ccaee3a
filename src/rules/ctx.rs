//! Evaluation context: the scenario, the locale, and the explanation being built (steps,
//! warnings, "not covered" notices and the sources cited).

use crate::date::Date;
use crate::i18n::{self, fill};
use crate::model::*;
use crate::money::{yuan_string, Fen};
use crate::policy::{self, regions, Used};
use crate::text::cat;

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

    pub fn tx(&self, id: usize) -> &'static str {
        i18n::text(self.loc, id)
    }

    pub fn t(&self, id: usize, args: &[(&str, &str)]) -> String {
        fill(i18n::text(self.loc, id), args)
    }

    /// The text of `id` (a build-time resolver's answer, `i18n::find`), or `fallback` when the
    /// catalogs have no such key.
    pub fn text_or(&self, id: Option<usize>, fallback: impl FnOnce() -> String) -> String {
        match id {
            Some(i) => self.tx(i).to_string(),
            None => fallback(),
        }
    }

    pub fn name(&self, i: usize) -> &'a str {
        self.sc.people.get(i).map(|p| p.id.as_str()).unwrap_or("?")
    }

    pub fn cite(&mut self, source: &'static str) {
        if !source.is_empty() && !self.sources.contains(&source) {
            self.sources.push(source);
        }
    }

    pub fn region_name(&self, code: Option<u32>) -> String {
        let code = match code {
            None => return self.tx(i18n::k::REGION_UNKNOWN).to_string(),
            Some(c) => c,
        };
        let shown = regions::display_code(code);
        let name = self.text_or(i18n::find::region(shown), || cat(&["region.", &crate::text::u64_string(shown as u64)]));
        if shown == code {
            name
        } else {
            // A code the book does not name: "<named parent> (<code>)".
            cat(&[&name, " (", &crate::text::u64_string(code as u64), ")"])
        }
    }

    pub fn money(&self, f: Fen) -> String {
        let n = yuan_string(f);
        self.t(i18n::k::FMT_YUAN, &[("n", &n)])
    }

    /// The plain-language text of a used rule value (its note, or its id).
    pub fn note(&self, u: &Used) -> String {
        match u.note {
            Some(id) => self.tx(id).to_string(),
            None => u.id.to_string(),
        }
    }

    pub fn reason(&mut self, code: &'static str, id: usize, args: &[(&str, &str)], source: &'static str, verified: bool, rule: &'static str) -> Reason {
        self.cite(source);
        Reason { code, text: self.t(id, args), source, verified, rule }
    }

    /// `reason(…)` appended to `list` (one call instead of a build and a move at every check).
    #[inline(never)]
    pub fn add_reason(&mut self, list: &mut Vec<Reason>, code: &'static str, id: usize, args: &[(&str, &str)], source: &'static str, verified: bool, rule: &'static str) {
        let r = self.reason(code, id, args, source, verified, rule);
        list.push(r);
    }

    /// `UNVERIFIED_PARAMETER` for a used value, appended to `list`.
    pub fn add_unverified(&mut self, list: &mut Vec<Reason>, u: &Used) {
        let note = self.note(u);
        let grade = u.grade.as_str();
        self.add_reason(list, "UNVERIFIED_PARAMETER", i18n::k::REASON_UNVERIFIED_PARAMETER, &[("rule", u.id), ("note", &note), ("grade", grade)], u.source, false, u.id)
    }

    /// A step of the explanation: message `id` filled with `args`.
    pub fn step(&mut self, rule: &str, id: usize, args: &[(&str, &str)], value: StepValue, source: &'static str, verified: bool) {
        self.cite(source);
        let text = self.t(id, args);
        self.steps.push(Step { rule: rule.to_string(), text, value, source, verified });
    }

    fn push_notice(list: &mut Vec<Notice>, n: Notice) {
        if !list.iter().any(|x| x.code == n.code && x.rule == n.rule && x.person == n.person) {
            list.push(n);
        }
    }

    /// A warning: message `id` filled with `args`.
    pub fn warn(&mut self, code: &'static str, id: usize, args: &[(&str, &str)], source: &'static str, rule: &'static str, person: Option<usize>) {
        self.cite(source);
        let text = self.t(id, args);
        Self::push_notice(&mut self.warnings, Notice { code, text, source, rule, person });
    }

    /// A report-level `UNVERIFIED_PARAMETER` warning (deduplicated by rule).
    pub fn warn_unverified(&mut self, u: &Used, person: Option<usize>) {
        if u.verified() {
            return;
        }
        let note = self.note(u);
        self.warn("UNVERIFIED_PARAMETER", i18n::k::REASON_UNVERIFIED_PARAMETER, &[("rule", u.id), ("note", &note), ("grade", u.grade.as_str())], u.source, u.id, person);
    }

    /// A "not covered" notice: message `id` filled with `args`.
    pub fn not_covered(&mut self, code: &'static str, id: usize, args: &[(&str, &str)], source: &'static str, rule: &'static str, person: Option<usize>) {
        self.cite(source);
        let text = self.t(id, args);
        Self::push_notice(&mut self.not_covered, Notice { code, text, source, rule, person });
    }
}
