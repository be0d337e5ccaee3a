//! The policy book's own checks: dates ordered, no gaps or overlaps, every value sourced, every
//! unverified value flagged, and full temporal coverage (every region × every quarter
//! 2021–2028 yields a rule — with the review notice after the book's review date — or, before
//! 2021-04-22 only, an explicit DATE_NOT_COVERED).
#![cfg(not(target_arch = "wasm32"))] // native only (wasm-pack test builds every test target for wasm32)

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
    note: Option<yibao_family::i18n::Key>,
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
        ("QUOTA", rows("QUOTA", policy::QUOTA)),
        ("FA_CAP", rows("FA_CAP", policy::FA_CAP)),
        ("FA_DOC_AGE", rows("FA_DOC_AGE", policy::FA_DOC_AGE)),
        ("FA_BINDER_AGE", rows("FA_BINDER_AGE", policy::FA_BINDER_AGE)),
        ("FA_HELP_AGE", rows("FA_HELP_AGE", policy::FA_HELP_AGE)),
        ("SUSPENDED_MAY_SHARE", rows("SUSPENDED_MAY_SHARE", policy::SUSPENDED_MAY_SHARE)),
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
        // A value is never graded higher than the source it cites (V-OFF > V-MEDIA > V-WEAK > ASSUMED).
        assert!(rank(r.grade) >= rank(src.grade), "{}: {} is graded {} but its source {} is {}", r.table, r.id, r.grade.as_str(), src.id, src.grade.as_str());
        // Every assumption explains itself to the user.
        if r.grade == Grade::Assumed && r.table != "CAUTIONS" {
            assert!(r.note.is_some(), "{}: {} is ASSUMED but has no note", r.table, r.id);
        }
        // (a key missing from the catalogs does not compile: `i18n::Key`)
        if let Some(n) = r.note {
            assert!(n.name().starts_with("note."), "{}: {}'s note {} is not a note.* key", r.table, r.id, n.name());
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

/// V-OFF 0, V-MEDIA 1, V-WEAK 2, ASSUMED 3: a higher number is a weaker grade.
fn rank(g: Grade) -> u8 {
    match g {
        Grade::VOff => 0,
        Grade::VMedia => 1,
        Grade::VWeak => 2,
        Grade::Assumed => 3,
    }
}

/// The host of an `http://` or `https://` URL, when the URL is one.
fn host(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Digest § 11.7, issue 10 item 5: a citizen is linked only to official hosts. Every source URL
/// is empty (cited as text) or on a government host ending in `gov.cn`.
#[test]
fn every_source_url_is_empty_or_on_an_official_host() {
    for s in sources::SOURCES {
        if s.url.is_empty() {
            continue;
        }
        let h = host(s.url).unwrap_or_else(|| panic!("source {}: {:?} is not an http(s) URL", s.id, s.url));
        let plain = !h.is_empty() && h.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        assert!(plain && (h == "gov.cn" || h.ends_with(".gov.cn")), "source {}: {} is not an official host", s.id, h);
    }
    // The checker itself.
    assert_eq!(host("https://ybj.jiangsu.gov.cn/art/x.html"), Some("ybj.jiangsu.gov.cn"));
    assert_eq!(host("http://www.xinshao.gov.cn"), Some("www.xinshao.gov.cn"));
    for bad in ["http://gov.cn.example.com/a", "https://user@www.gov.cn.evil.com/", "http://notgov.cn/"] {
        let h = host(bad).unwrap();
        let plain = h.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        assert!(!(plain && (h == "gov.cn" || h.ends_with(".gov.cn"))), "{bad} passes");
    }
    // Every source is still citable as text: issuer, title or 文号, date.
    for s in sources::SOURCES {
        assert!(!s.issuer.is_empty() && !s.title.is_empty() && !s.date_text.is_empty(), "source {}", s.id);
    }
}

/// The report carries a source's URL only when it is official (`"url": null` otherwise).
#[test]
fn reports_link_only_official_hosts() {
    // Cites S20 (www.xinshao.gov.cn: the 湘医保 channel) and S15 (a mirror of 常熟市医疗保障局: no link).
    let json = r#"{"as_of":"2025-06-01","people":[{"id":"me","relation":"self","age":40,"insurance":{"scheme":"employee","status":"active","region":"430100"},"account":{"prior_years":100000,"current_year":0}},{"id":"mum","relation":"parent","age":70,"smartphone":false,"insurance":{"scheme":"resident","status":"active","region":"430100"},"costs":{"personal_share":50000}},{"id":"dad","relation":"parent","age":72,"smartphone":false,"insurance":{"scheme":"resident","status":"active","region":"320500"}}]}"#;
    let out = yibao_family::evaluate_json(json, d(2025, 6, 1), false).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let srcs = v["sources"].as_array().unwrap();
    assert!(!srcs.is_empty());
    for s in srcs {
        match &s["url"] {
            serde_json::Value::Null => {}
            serde_json::Value::String(u) => {
                let h = host(u).unwrap_or("");
                assert!(h.ends_with(".gov.cn"), "{} links {u}", s["id"]);
            }
            other => panic!("{}: url {other}", s["id"]),
        }
    }
    let url_of = |id: &str| srcs.iter().find(|s| s["id"] == id).map(|s| s["url"].clone());
    assert_eq!(url_of("S15"), Some(serde_json::Value::Null));
    assert!(url_of("S20").is_some_and(|u| u.as_str().is_some_and(|u| u.starts_with("https://www.xinshao.gov.cn/"))));
}

/// No rumour is shown as a caution (issue 10 item 5): a caution cites a verified source (its own
/// grade may be ASSUMED where it is our reading of that source).
#[test]
fn cautions_rest_on_verified_sources() {
    for s in policy::CAUTIONS {
        let src = sources::source(s.source).unwrap();
        assert!(src.grade.verified(), "{} rests only on {} ({})", s.id, src.id, src.grade.as_str());
        assert!(s.grade != Grade::VWeak, "{} is a V-WEAK caution", s.id);
    }
}

/// Values live in the book, not in the rules: no channel key is written in the rules.
#[test]
fn the_rules_name_no_channel_key() {
    let dir = format!("{}/src/rules", env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        for s in policy::CHANNELS {
            let lit = format!("\"{}\"", s.value.key);
            assert!(!text.contains(&lit), "{} names channel key {lit}", p.display());
        }
    }
}

/// Digest § 11.2: every province province-wide from 2024-12-26; nationwide from the 2026-01-09
/// notice, across provinces by wallet until the quota (≈ 2026-06-05, unverified) and by quota after;
/// the Guangdong and Beijing wallet snapshots bounded at the quota.
#[test]
fn geography_eras_of_section_11() {
    use policy::{resolve, Geo, GEO, QUOTA, WALLET};
    for prov in regions::PROVINCES.iter().copied().filter(|&p| !regions::outside_mainland(p)) {
        let (s, _) = resolve(GEO, prov, d(2025, 3, 1)).unwrap();
        assert_eq!(s.value, Geo::Province, "{prov} on 2025-03-01: {}", s.id);
        let (s, u) = resolve(GEO, prov, policy::D_NATIONWIDE).unwrap();
        assert_eq!(s.value, Geo::Nationwide, "{prov} on the notice's date");
        assert!(u.verified());
        let (q, u) = resolve(QUOTA, prov, d(2026, 6, 4)).unwrap();
        assert!(!q.value && u.verified(), "{prov}: wallet until the quota");
        let (q, u) = resolve(QUOTA, prov, policy::D_QUOTA).unwrap();
        assert!(q.value && !u.verified(), "{prov}: the quota's go-live is unverified");
    }
    // Before 2024-12-26 a province missing from S14's list is as before (one 统筹区, assumed).
    let (s, u) = resolve(GEO, 440000, d(2024, 12, 25)).unwrap();
    assert_eq!(s.value, Geo::SameArea);
    assert!(!u.verified());
    for r in [440000, 110000] {
        for s in WALLET.iter().filter(|s| s.regions.contains(&r)) {
            assert!(s.to.is_some_and(|t| t < policy::D_QUOTA), "{} is not bounded at the quota", s.id);
        }
    }
}
