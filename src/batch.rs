//! `yibao batch`: many households at once, for 医保局 analysts (native only).
//!
//! Input is JSON Lines: one scenario per line. Output is one line per input line, in the same
//! order: the report, or `{"error":{…}}` for a line that is not a valid scenario (an empty line
//! included), so line *n* out always answers line *n* in. A bad line never stops the run. Lines
//! are evaluated in parallel on every core (rayon), a chunk at a time so memory stays bounded.
//!
//! `summary` folds the reports into one object of totals: households, people, who gains from
//! 共济, money moved and cash saved (integer 分), and the same by the user's province.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::date::Date;
use crate::model::{Recommendation, Relation, Report, Scenario};
use crate::money::Fen;
use crate::policy::regions;
use crate::contract::report::ErrorBody;

/// Lines evaluated together: enough to keep every core busy, few enough to bound memory.
const CHUNK: usize = 4096;

/// One evaluated line: the scenario and its report, or the input error.
pub enum Line {
    Report(Box<(Scenario, Report)>),
    Error(crate::model::InputError),
}

/// Evaluates one line (read, validate, rules).
pub fn evaluate_line(text: &str, today: Date) -> Line {
    match crate::scenario_from_json(text, today) {
        Ok(sc) => {
            let r = crate::rules::run(&sc);
            Line::Report(Box::new((sc, r)))
        }
        Err(e) => Line::Error(e),
    }
}

/// The output line for an evaluated line: compact report JSON or `{"error":…}`.
pub fn render(line: &Line) -> String {
    match line {
        Line::Report(b) => crate::to_json(&crate::Report::new(&b.0, &b.1, b.0.locale), false),
        Line::Error(e) => crate::to_json(&ErrorBody { error: e }, false),
    }
}

/// Totals over a batch.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub lines: u64,
    pub errors: u64,
    pub households: u64,
    pub people: u64,
    /// People whom shared money pays for this year.
    pub gain_from_gongji: u64,
    /// People for whom the engine could not decide (`undecided`).
    pub undecided: u64,
    pub recommendations: BTreeMap<&'static str, u64>,
    /// 分 moved by 共济 (the people's `money.shared`).
    pub shared: Fen,
    /// 分 of cash the family no longer pays (`cash_without_gongji − cash`).
    pub cash_saved: Fen,
    /// By the user's province (GB/T 2260 province code, `0` when not given).
    pub by_province: BTreeMap<u32, Province>,
}

#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct Province {
    pub households: u64,
    pub people: u64,
    pub gain_from_gongji: u64,
    pub shared: Fen,
    pub cash_saved: Fen,
}

impl Summary {
    pub fn add(&mut self, line: &Line) {
        self.lines += 1;
        let (sc, r) = match line {
            Line::Error(_) => {
                self.errors += 1;
                return;
            }
            Line::Report(b) => (&b.0, &b.1),
        };
        let province = sc
            .people
            .iter()
            .find(|p| p.relation == Relation::Me)
            .and_then(|p| p.insurance.region)
            .map(regions::province_of)
            .unwrap_or(crate::policy::NATIONAL);
        let gains = r.people.iter().filter(|p| p.money.shared.is_positive()).count() as u64;
        let shared: Fen = r.people.iter().map(|p| p.money.shared).sum();
        let saved: Fen = r.people.iter().map(|p| p.money.cash_without_gongji - p.money.cash).sum();
        let people = r.people.len() as u64;
        self.households += 1;
        self.people += people;
        self.gain_from_gongji += gains;
        self.shared += shared;
        self.cash_saved += saved;
        for p in &r.people {
            *self.recommendations.entry(p.recommendation.as_str()).or_default() += 1;
            if p.recommendation == Recommendation::Undecided {
                self.undecided += 1;
            }
        }
        let pr = self.by_province.entry(province).or_default();
        pr.households += 1;
        pr.people += people;
        pr.gain_from_gongji += gains;
        pr.shared += shared;
        pr.cash_saved += saved;
    }

    pub fn to_json(&self) -> Value {
        let by: Vec<Value> = self
            .by_province
            .iter()
            .map(|(code, p)| {
                json!({
                    "province": if *code == crate::policy::NATIONAL { Value::Null } else { Value::String(format!("{code:06}")) },
                    "households": p.households,
                    "people": p.people,
                    "gain_from_gongji": p.gain_from_gongji,
                    "shared": p.shared.0,
                    "cash_saved": p.cash_saved.0,
                })
            })
            .collect();
        json!({
            "lines": self.lines,
            "errors": self.errors,
            "households": self.households,
            "people": self.people,
            "gain_from_gongji": self.gain_from_gongji,
            "undecided": self.undecided,
            "recommendations": self.recommendations,
            "shared": self.shared.0,
            "cash_saved": self.cash_saved.0,
            "by_province": by,
        })
    }
}

/// Runs a batch: reads `input` to its end, writes one line per input line to `out` (unless
/// `lines_out` is false) and returns the summary. Only I/O errors stop it.
pub fn run(input: impl BufRead, mut out: impl Write, today: Date, lines_out: bool) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let mut lines = input.lines();
    loop {
        let mut chunk: Vec<String> = Vec::with_capacity(CHUNK);
        for line in lines.by_ref().take(CHUNK) {
            chunk.push(line?);
        }
        if chunk.is_empty() {
            break;
        }
        let done: Vec<(Line, Option<String>)> = chunk
            .par_iter()
            .map(|text| {
                let line = evaluate_line(text.trim_end_matches('\r'), today);
                let rendered = lines_out.then(|| render(&line));
                (line, rendered)
            })
            .collect();
        for (line, rendered) in &done {
            summary.add(line);
            if let Some(text) = rendered {
                writeln!(out, "{text}")?;
            }
        }
    }
    out.flush()?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"{"as_of":"2025-06-01","people":[{"id":"me","relation":"self","insurance":{"scheme":"employee","status":"active","region":"320500"},"account":{"prior_years":100000,"current_year":0},"costs":{"personal_share":0}},{"id":"mum","relation":"parent","smartphone":true,"insurance":{"scheme":"resident","status":"active","region":"320500"},"costs":{"personal_share":30000}}]}"#;

    #[test]
    fn one_line_out_per_line_in_errors_in_place() {
        let input = format!("{OK}\nnot json\n\n{OK}\r\n{{\"people\":[]}}\n");
        let mut out = Vec::new();
        let s = run(input.as_bytes(), &mut out, Date::parse("2025-06-01").unwrap(), true).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 5);
        assert!(lines[0]["people"].is_array());
        assert_eq!(lines[1]["error"]["code"], "MALFORMED_JSON");
        assert_eq!(lines[2]["error"]["code"], "EMPTY_INPUT");
        assert!(lines[3]["people"].is_array());
        assert!(lines[4]["error"]["path"].is_string());
        assert_eq!((s.lines, s.errors, s.households, s.people), (5, 3, 2, 4));
        assert_eq!(s.gain_from_gongji, 2);
        assert_eq!(s.shared, Fen(60000));
        assert_eq!(s.cash_saved, Fen(60000));
        assert_eq!(s.by_province[&320000].households, 2);
    }
}
