//! The policy book's own checks: dates ordered, no gaps or overlaps, every value sourced, every
//! unverified value flagged, and full temporal coverage (every region × every quarter
//! 2021–2028 yields a rule — with the review notice after the book's review date — or, before
//! 2021-04-22 only, an explicit DATE_NOT_COVERED).

use yibao_family::date::{d, Date};
use yibao_family::policy::{self, regions, sources, Grade, Seg};

/// A table seen without its value type.
struct Row {
    table: &'static str,
    id: &'static str,
    regions: &'static [u32],
    from: Date,
    to: Option<Date>,
    source: &'static str,
    grade: Grade,
    note: Option<usize>,
}

fn rows<T>(table: &'static str, segs: &'static [Seg<T>]) -> Vec<Row> {
    segs.iter().map(|s| Row { table, id: s.id, regions: s.regions, from: s.from, to: s.to, source: s.source, grade: s.grade, note: s.note }).collect()
}

/// Tables where exactly one value must apply at every level that states one ("first match").
fn single_valued() -> Vec<(&'static str, Vec<Row>)> {
    vec![
        ("LAUNCH", rows("LAUNCH", policy::LAUNCH)),
        ("GEO", rows("GEO", policy::GEO)),
        ("KIN", rows("KIN", policy::KIN)),
        ("PREMIUM_RESIDENT", rows("PREMIUM_RESIDENT", policy::PREMIUM_RESIDENT)),
        ("PREMIUM_LTC", rows("PREMIUM_LTC", policy::PREMIUM_LTC)),
        ("PREMIUM_COMMERCIAL", rows("PREMIUM_COMMERCIAL", policy::PREMIUM_COMMERCIAL)),
        ("MIN_BALANCE_COMMERCIAL", rows("MIN_BALANCE_COMMERCIAL", policy::MIN_BALANCE_COMMERCIAL)),
        ("BALANCE", rows("BALANCE", policy::BALANCE)),
        ("MIN_BALANCE", rows("MIN_BALANCE", policy::MIN_BALANCE)),
        ("RELATIVE_CAP", rows("RELATIVE_CAP", policy::RELATIVE_CAP)),
        ("ONE_RELATION", rows("ONE_RELATION", policy::ONE_RELATION)),
        ("WALLET", rows("WALLET", policy::WALLET)),
        ("FA_CAP", rows("FA_CAP", policy::FA_CAP)),
        ("FA_DOC_AGE", rows("FA_DOC_AGE", policy::FA_DOC_AGE)),
    ]
}

fn all_rows() -> Vec<Row> {
    let mut v: Vec<Row> = single_valued().into_iter().flat_map(|(_, r)| r).collect();
    v.extend(rows("CHANNELS", policy::CHANNELS));
    v.extend(rows("CAUTIONS", policy::CAUTIONS));
    v.extend(rows("OUTPATIENT", policy::OUTPATIENT));
    v
}

/// An open-ended row applies for ever (the last date `Date::parse` accepts).
const OPEN_END: Date = d(2199, 12, 31);

fn end(r: &Row) -> Date {
    r.to.unwrap_or(OPEN_END)
}

#[test]
fn dates_are_ordered() {
    for r in all_rows() {
        assert!(r.from <= end(&r), "{}: {} starts after it ends", r.table, r.id);
    }
    assert!(policy::COVERAGE_FROM < policy::REVIEWED_ON && policy::REVIEWED_ON < policy::CERTAIN_UNTIL);
}

#[test]
fn every_value_is_sourced_and_graded_honestly() {
    let mut ids = std::collections::BTreeSet::new();
    for r in all_rows() {
        assert!(ids.insert((r.table, r.id)), "{}: duplicate rule id {}", r.table, r.id);
        let src = sources::source(r.source).unwrap_or_else(|| panic!("{}: {} cites unknown source {:?}", r.table, r.id, r.source));
        // A value is never more verified than the source it cites.
        if r.grade.verified() {
            assert!(src.grade.verified(), "{}: {} is graded {} but its source {} is {}", r.table, r.id, r.grade.as_str(), src.id, src.grade.as_str());
        }
        // Every assumption explains itself to the user.
        if r.grade == Grade::Assumed && r.table != "CAUTIONS" {
            assert!(r.note.is_some(), "{}: {} is ASSUMED but has no note", r.table, r.id);
        }
        // (a key missing from the catalogs does not compile: `i18n::msg`)
        if let Some(n) = r.note {
            assert!(yibao_family::i18n::key(n).starts_with("note."), "{}: {}'s note {} is not a note.* key", r.table, r.id, yibao_family::i18n::key(n));
        }
        for &code in r.regions {
            assert!(code == policy::NATIONAL || regions::is_valid(code), "{}: {} names invalid region {code}", r.table, r.id);
        }
    }
    // The outpatient parameters come from unverified material (digest § 6.2): all unverified.
    for s in policy::OUTPATIENT {
        assert!(!s.grade.verified(), "{} must be unverified", s.id);
    }
    for s in sources::SOURCES {
        assert!(!s.issuer.is_empty() && !s.title.is_empty() && !s.date_text.is_empty(), "source {} incomplete", s.id);
        assert!(s.url.is_empty() || s.url.starts_with("http"), "source {} url", s.id);
    }
}

#[test]
fn no_overlap_at_any_level() {
    for (name, rows) in single_valued() {
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                let shared = a.regions.iter().any(|r| b.regions.contains(r));
                if shared {
                    let overlap = a.from <= end(b) && b.from <= end(a);
                    assert!(!overlap, "{name}: {} and {} overlap for a shared region", a.id, b.id);
                }
            }
        }
    }
}

#[test]
fn national_rows_cover_every_day_without_gaps() {
    for (name, rows) in single_valued() {
        let mut nat: Vec<&Row> = rows.iter().filter(|r| r.regions.contains(&policy::NATIONAL)).collect();
        nat.sort_by_key(|r| r.from);
        assert!(!nat.is_empty(), "{name}: no national row");
        assert!(nat[0].from <= policy::COVERAGE_FROM, "{name}: national rows start after the coverage date");
        for w in nat.windows(2) {
            assert_eq!(end(w[0]).add_days(1), w[1].from, "{name}: gap or overlap between {} and {}", w[0].id, w[1].id);
        }
        // The rules do not expire: the last national value stays in force until a later value.
        assert_eq!(nat[nat.len() - 1].to, None, "{name}: the last national row {} has an end date", nat[nat.len() - 1].id);
    }
}

fn quarters() -> Vec<Date> {
    let mut v = Vec::new();
    for y in 2021..=2028u16 {
        for m in [1u8, 4, 7, 10] {
            v.push(d(y, m, 1));
            v.push(d(y, m, 15));
        }
    }
    v.push(policy::COVERAGE_FROM);
    v.push(policy::COVERAGE_FROM.prev_day());
    for edge in [policy::REVIEWED_ON, policy::CERTAIN_UNTIL, d(2026, 12, 31)] {
        v.push(edge);
        v.push(edge.add_days(1));
    }
    v.push(d(2030, 1, 1));
    v
}

fn all_regions() -> Vec<u32> {
    let mut v: Vec<u32> = regions::PROVINCES.to_vec();
    v.extend_from_slice(regions::NAMED);
    v.push(320583); // a county the book does not name: resolves through its city and province
    v.push(410100); // a city of a province without regional rows
    v
}

#[test]
fn every_region_and_quarter_has_a_rule_or_is_explicitly_not_covered() {
    for date in quarters() {
        let covered = policy::date_covered(date);
        for region in all_regions() {
            for (name, rows) in single_valued() {
                // Exactly one row applies at the first level that has one; resolve agrees.
                let mut found = None;
                for level in regions::levels(region) {
                    let hits: Vec<&Row> = rows.iter().filter(|r| r.regions.contains(&level) && r.from <= date && date <= end(r)).collect();
                    assert!(hits.len() <= 1, "{name}: {region} on {}: {} rows at level {level}", date.to_iso(), hits.len());
                    if let Some(h) = hits.first() {
                        found = Some(h.id);
                        break;
                    }
                }
                if covered {
                    assert!(found.is_some(), "{name}: gap for {region} on {}", date.to_iso());
                }
            }
            // The engine answers, or says it cannot.
            let json = format!(
                r#"{{"as_of":"{}","people":[{{"id":"me","relation":"self","age":40,"insurance":{{"scheme":"employee","status":"active","region":"{region}"}},"account":{{"prior_years":100000,"current_year":0}}}},{{"id":"dad","relation":"parent","age":70,"insurance":{{"scheme":"resident","status":"active","region":"{region}"}},"costs":{{"personal_share":50000}}}}]}}"#,
                date.to_iso()
            );
            let out = yibao_family::evaluate_json(&json, date, false).expect("valid scenario");
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(v["covered"], serde_json::Value::Bool(covered), "{region} {}", date.to_iso());
            let pair = &v["pairs"][0];
            let status = v["review"]["status"].as_str().unwrap();
            let review_text = v["review"]["text"].as_str().unwrap();
            let expected = if !covered {
                "not_covered"
            } else if date <= policy::REVIEWED_ON {
                "current"
            } else if date <= policy::CERTAIN_UNTIL {
                "past_review"
            } else {
                "beyond_lookahead"
            };
            assert_eq!(status, expected, "{region} {}", date.to_iso());
            assert_eq!(review_text.is_empty(), status == "current", "{region} {}: review line {review_text:?}", date.to_iso());
            if status == "past_review" || status == "beyond_lookahead" {
                assert!(review_text.contains(&policy::REVIEWED_ON.to_iso()), "the review line names the review date: {review_text}");
            }
            for p in v["people"].as_array().unwrap() {
                if status == "beyond_lookahead" {
                    assert_eq!(p["conditional"], true, "{region} {}: beyond the look-ahead nothing is certain", date.to_iso());
                }
                if !covered {
                    assert_eq!(p["recommendation"], "undecided", "{region} {}: a refused date is 无法判断, never neither", date.to_iso());
                }
            }
            if covered {
                assert!(pair["reasons"].as_array().unwrap().iter().all(|r| r["code"] != "DATE_NOT_COVERED"), "{region} {}", date.to_iso());
            } else {
                assert!(v["not_covered"].as_array().unwrap().iter().any(|n| n["code"] == "DATE_NOT_COVERED"));
                assert!(pair["reasons"].as_array().unwrap().iter().any(|r| r["code"] == "DATE_NOT_COVERED"));
                assert_eq!(pair["eligible"], false);
            }
        }
    }
}

#[test]
fn regions_fall_back_to_their_own_province_never_another_city() {
    // A Heilongjiang city the book has no outpatient values for must not borrow Mudanjiang's.
    let date = d(2025, 6, 1);
    for s in policy::OUTPATIENT {
        for &r in s.regions {
            if r == policy::NATIONAL {
                continue;
            }
            for level in regions::levels(231100) {
                assert_ne!(level, r, "黑河 resolves through {} ({})", r, s.id);
            }
        }
    }
    let json = r#"{"as_of":"2025-06-01","people":[{"id":"me","relation":"self","age":40,"insurance":{"scheme":"employee","status":"active","region":"231100"},"account":{"prior_years":0,"current_year":0},"costs":{"items":[{"kind":"outpatient","tier":1,"amount":500000}]}}]}"#;
    let out = yibao_family::evaluate_json(json, date, false).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["people"][0]["money"]["pooled"], 0);
    assert!(v["not_covered"].as_array().unwrap().iter().any(|n| n["code"] == "OUTPATIENT_PARAMS_MISSING"));
}

/// "Today" (the page's clock, or the CLI's) past the review date and past the look-ahead: the
/// engine answers with the review line, never a refusal or a "neither" because of the date.
#[test]
fn today_past_the_review_and_the_look_ahead_still_answers() {
    let family = r#"{"people":[{"id":"me","relation":"self","age":40,"insurance":{"scheme":"employee","status":"active","region":"320500"},"smartphone":true,"account":{"prior_years":300000,"current_year":0},"costs":{"personal_share":0}},{"id":"mum","relation":"parent","age":68,"insurance":{"scheme":"resident","status":"active","region":"320500"},"smartphone":false,"costs":{"personal_share":50000}}]}"#;
    for (today, status) in [(d(2027, 1, 15), "past_review"), (policy::CERTAIN_UNTIL, "past_review"), (policy::CERTAIN_UNTIL.add_days(1), "beyond_lookahead"), (d(2031, 7, 1), "beyond_lookahead")] {
        let v: serde_json::Value = serde_json::from_str(&yibao_family::evaluate_json(family, today, false).unwrap()).unwrap();
        assert_eq!(v["as_of"], today.to_iso());
        assert_eq!(v["covered"], true);
        assert_eq!(v["review"]["status"], status, "{}", today.to_iso());
        let mum = &v["people"][1];
        assert_eq!(mum["recommendation"], "both", "{}: {mum}", today.to_iso());
        assert_eq!(mum["money"]["shared"], 50000);
        assert_eq!(mum["conditional"], status == "beyond_lookahead");
    }
}
