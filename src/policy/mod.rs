//! The policy book: every rule value dated, cited and graded.
//!
//! Conventions (see README § "The policy book"):
//! * `from`/`to` are inclusive calendar dates; `to: None` means "until the book's horizon".
//! * `from` is the earliest date the evidence confirms. Where the evidence is later than the real
//!   start, the period before it falls back to the next level (province → national), whose value is
//!   then usually an assumption and graded so.
//! * `grade` follows `shared/policy-digest.md`: V-OFF and V-MEDIA are *verified*; V-WEAK and
//!   ASSUMED are not. Every value is applied as encoded; whenever an unverified value decides an
//!   answer the report carries `UNVERIFIED_PARAMETER` and `certain: false`.
//! * Claims seen only on unofficial pages that would *restrict* people are not encoded as rules;
//!   they are `CAUTIONS`, shown as warnings.
//! * A region resolves county → city → province → national; never to another city.

pub mod book;
pub mod regions;
pub mod sources;

use crate::date::{d, Date};
use crate::i18n::Key;

/// The first date the book answers for: publication of 国办发〔2021〕14号.
pub const COVERAGE_FROM: Date = d(2021, 4, 22);
/// When the book was last checked against the sources (digest § 11, the review of 2026-12).
///
/// "Does a value apply" is kept apart from "when was it last checked" (OpenFisca keeps
/// `last_value_still_valid_on` beside its values): an open-ended value (`to: None`) keeps applying
/// after this date, and a year-bound value lapses on its own `to`. A date after the review is
/// answered normally, with a notice saying when the rules were last checked.
pub const REVIEWED_ON: Date = d(2026, 12, 6);
/// How far past the review an answer is still given as certain: 18 months. Beyond it every
/// answer is marked conditional (policy may have changed unseen); nothing is refused.
pub const LOOKAHEAD_MONTHS: u32 = 18;
/// The last date answered as certain: `REVIEWED_ON` + `LOOKAHEAD_MONTHS`.
pub const CERTAIN_UNTIL: Date = REVIEWED_ON.add_months(LOOKAHEAD_MONTHS);
/// The book's version (changes whenever a value changes).
pub const RULES_VERSION: &str = "2026.12-1";

pub const NATIONAL: u32 = 0;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Grade {
    VOff,
    VMedia,
    VWeak,
    Assumed,
}

impl Grade {
    pub const fn verified(self) -> bool {
        matches!(self, Grade::VOff | Grade::VMedia)
    }
    pub const fn as_str(self) -> &'static str {
        match self {
            Grade::VOff => "V-OFF",
            Grade::VMedia => "V-MEDIA",
            Grade::VWeak => "V-WEAK",
            Grade::Assumed => "ASSUMED",
        }
    }
}

/// One cited source.
#[derive(Debug)]
pub struct Source {
    pub id: &'static str,
    pub issuer: &'static str,
    /// 文号 and/or title, as published.
    pub title: &'static str,
    /// Publication date when known; `date_text` otherwise says what is known ("2023-10").
    pub date: Option<Date>,
    pub date_text: &'static str,
    pub url: &'static str,
    /// The grade of the source itself (a value citing it may be graded lower).
    pub grade: Grade,
}

/// One dated, cited value of one parameter, for a set of regions.
#[derive(Debug)]
pub struct Seg<T: 'static> {
    /// Stable rule id, shown in explanations (`geo.cn.same_area`, `kin.32.near`…).
    pub id: &'static str,
    /// GB/T 2260 codes this value is stated for (`0` = national).
    pub regions: &'static [u32],
    pub from: Date,
    pub to: Option<Date>,
    pub source: &'static str,
    pub grade: Grade,
    /// The plain-language note shown with the value: its `note.*` key, if it has one.
    pub note: Option<Key>,
    pub value: T,
}

impl<T> Seg<T> {
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
    pub fn verified(&self) -> bool {
        self.grade.verified()
    }
}

/// A reference to a segment used in a decision, kept for explanations and flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Used {
    pub id: &'static str,
    pub source: &'static str,
    pub grade: Grade,
    pub note: Option<Key>,
    pub from: Date,
    pub to: Option<Date>,
    /// The level the value was found at (0 = national).
    pub level: u32,
}

impl Used {
    pub fn verified(&self) -> bool {
        self.grade.verified()
    }
}

pub fn used<T>(s: &Seg<T>, level: u32) -> Used {
    Used { id: s.id, source: s.source, grade: s.grade, note: s.note, from: s.from, to: s.to, level }
}

/// The rows that state a value for `region` on `date`: the most specific level first, in table
/// order within a level.
fn rows<T>(table: &'static [Seg<T>], region: u32, date: Date) -> impl Iterator<Item = (&'static Seg<T>, Used)> {
    regions::levels(region)
        .into_iter()
        .flat_map(move |level| table.iter().filter(move |s| s.regions.contains(&level) && s.contains(date)).map(move |s| (s, used(s, level))))
}

/// First-match resolution: the most specific level that states a value for `date`.
pub fn resolve<T>(table: &'static [Seg<T>], region: u32, date: Date) -> Option<(&'static Seg<T>, Used)> {
    rows(table, region, date).next()
}

/// All values applicable at any level (for additive tables such as channels and cautions), the
/// most specific level first.
pub fn resolve_all<T>(table: &'static [Seg<T>], region: u32, date: Date) -> Vec<(&'static Seg<T>, Used)> {
    rows(table, region, date).collect()
}

/// Whether the book answers for this date at all: every date from `COVERAGE_FROM` on. Dates
/// before it are refused (the rules did not exist yet); later dates never expire.
pub fn date_covered(date: Date) -> bool {
    COVERAGE_FROM <= date
}

/// How an answer for `date` stands against the last review of the book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Review {
    /// On or before the review date.
    Current,
    /// After the review, within the look-ahead: answered normally, with the review date shown.
    PastReview,
    /// Beyond the look-ahead: answered, every answer marked not certain.
    BeyondLookahead,
    /// Before `COVERAGE_FROM`: refused.
    NotCovered,
}

impl Review {
    pub fn of(date: Date) -> Review {
        if !date_covered(date) {
            Review::NotCovered
        } else if date <= REVIEWED_ON {
            Review::Current
        } else if date <= CERTAIN_UNTIL {
            Review::PastReview
        } else {
            Review::BeyondLookahead
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Review::Current => "current",
            Review::PastReview => "past_review",
            Review::BeyondLookahead => "beyond_lookahead",
            Review::NotCovered => "not_covered",
        }
    }
}

pub use book::*;
