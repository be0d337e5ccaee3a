//! Official links only (issue 10): every URL that the report or the widget can show a citizen is
//! on an official host, an `http(s)` URL whose host is `gov.cn` or ends in `.gov.cn`. Any other
//! source is cited as text (issuer, title or 文号, date) with `url: null`.
//!
//! What is scanned, with no browser:
//! - the report: `sources[].url` and every string anywhere in it, for every scenario in
//!   `tests/scenarios/` in each locale, at its own date and at dates past the review date and past
//!   the look-ahead (2027-01-15, 2028-09-01);
//! - the whole policy book's sources (`yibao rules`), cited or not;
//! - the widget: every file of `www/` (pages, scripts, styles; the no-JS static content is in the
//!   pages) and every text of the catalogs `i18n/*.json`.
//!
//! A "URL" is any `scheme://…`, any protocol-relative `//host` in an `href`/`src`, any `www.…` and
//! any bare domain name (`example.com`, `m.example.cn`) a reader could type. The widget's own
//! rendering of `sources[].url` is checked separately (it links only official hosts whatever the
//! report says): `tests/e2e/official-links.test.mjs`.
#![cfg(not(target_arch = "wasm32"))] // native only: the JSON-text API (wasm-pack test builds every test target for wasm32)

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use yibao_family::{evaluate_json, Date};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Not links a citizen sees or follows; each with its reason.
const NOT_LINKS: &[(&str, &str)] = &[
    // yibao-family.js: document.createElementNS(SVG, …) for the chart; an XML namespace name,
    // never fetched, shown or linked.
    ("http://www.w3.org/2000/svg", "the SVG namespace (createElementNS), not a link"),
];

/// An official host: `gov.cn` or a name under it (case-insensitive, no trailing dot).
fn official_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h == "gov.cn" || h.ends_with(".gov.cn")
}

/// Whether `url` is an http(s) URL on an official host, with no user info (`https://gov.cn@x.com`).
fn official_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else { return false };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let host = authority.rsplit_once(':').map_or(authority, |(h, port)| if port.chars().all(|c| c.is_ascii_digit()) { h } else { authority });
    official_host(host)
}

const TLDS: &[&str] = &["cn", "com", "net", "org", "ai", "info", "top", "xyz", "io", "hk", "tw", "mo", "co", "cc", "me", "tv", "biz", "site", "online", "app", "edu", "gov"];

/// URLs and domain names in a text: `scheme://…` runs, protocol-relative `href`/`src` values, and
/// with `bare`, domain names without a scheme (`www.x.cn`, `m.x.com`) ending in a common top-level
/// domain. (Not in scripts and styles, where `c.app` is a property, nor in rule ids such as
/// `fa.docs.cn`, where `cn` is the national level.)
fn urls_in(text: &str, bare: bool) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let url_char = |c: u8| c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&c);
    // scheme://…
    let mut i = 0;
    while let Some(p) = text[i..].find("://") {
        let at = i + p;
        let mut s = at;
        while s > 0 && (b[s - 1].is_ascii_alphanumeric() || b"+.-".contains(&b[s - 1])) {
            s -= 1;
        }
        let mut e = at + 3;
        while e < b.len() && url_char(b[e]) && b[e] != b'\'' {
            e += 1;
        }
        out.push(text[s..e].trim_end_matches(['.', ',', ')', ';']).to_string());
        i = e.max(at + 3);
    }
    // href="//host…" / src="//host…"
    for attr in ["href=\"//", "src=\"//", "href='//", "src='//"] {
        for (p, _) in text.match_indices(attr) {
            let s = p + attr.len() - 2;
            let e = text[s..].find(['"', '\'']).map_or(text.len(), |x| s + x);
            out.push(format!("https:{}", &text[s..e]));
        }
    }
    // bare names: runs of [a-z0-9.-] with a dot, ending in a known TLD, not part of a scheme URL
    let mut j = if bare { 0 } else { b.len() };
    while j < b.len() {
        if b[j].is_ascii_alphanumeric() {
            let s = j;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'.' || b[j] == b'-') {
                j += 1;
            }
            let tok = text[s..j].trim_end_matches(['.', '-']);
            let inside_url = s >= 3 && &b[s - 3..s] == b"://" || s >= 1 && (b[s - 1] == b'/' || b[s - 1] == b'@');
            let labels: Vec<&str> = tok.split('.').collect();
            let tld = labels.last().unwrap().to_ascii_lowercase();
            let looks_like_domain = labels.len() >= 2
                && labels.iter().all(|l| !l.is_empty())
                && TLDS.contains(&tld.as_str())
                && labels[..labels.len() - 1].iter().any(|l| l.chars().any(|c| c.is_ascii_alphabetic()));
            if looks_like_domain && !inside_url {
                out.push(format!("https://{tok}/"));
            }
        } else {
            j += 1;
        }
    }
    out
}

/// The URLs of `text` that are neither official nor allow-listed, as "where: url". `ids` are the
/// policy book's rule ids the text may name (`suspended.cn`: the rule's national row, not a host).
fn bad_urls(where_: &str, text: &str, bare: bool, ids: &BTreeSet<String>) -> Vec<String> {
    urls_in(text, bare)
        .into_iter()
        .filter(|u| !official_url(u) && !NOT_LINKS.iter().any(|(x, _)| u == x))
        .filter(|u| !u.strip_prefix("https://").and_then(|x| x.strip_suffix('/')).is_some_and(|id| ids.contains(id)))
        .map(|u| format!("{where_}: {u}"))
        .collect()
}

/// Every string of a report with its path, but for `url` (checked on its own) and the
/// identifiers (`id`, `rule`, `code`, `source`…), which are not shown as text.
fn strings(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    const NOT_TEXT: [&str; 8] = ["url", "id", "rule", "code", "source", "rules_hash", "kind", "recommendation"];
    match v {
        Value::String(s) => out.push((path.to_string(), s.clone())),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| strings(x, &format!("{path}[{i}]"), out)),
        Value::Object(m) => m.iter().filter(|(k, _)| !NOT_TEXT.contains(&k.as_str())).for_each(|(k, x)| strings(x, &format!("{path}.{k}"), out)),
        _ => {}
    }
}

/// The rule ids a report names (its `rule` fields), which its texts may quote.
fn rule_ids(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| rule_ids(x, out)),
        Value::Object(m) => m.iter().for_each(|(k, x)| match (k.as_str(), x) {
            ("rule", Value::String(id)) => {
                out.insert(id.clone());
            }
            _ => rule_ids(x, out),
        }),
        _ => {}
    }
}

/// A report's source URLs and every string in it: the offending ones.
fn report_problems(where_: &str, report: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    let mut ids = BTreeSet::new();
    rule_ids(report, &mut ids);
    let sources = report["sources"].as_array().unwrap_or_else(|| panic!("{where_}: no sources array"));
    for (i, s) in sources.iter().enumerate() {
        match &s["url"] {
            Value::Null => {}
            Value::String(u) if official_url(u) => {}
            other => bad.push(format!("{where_}: sources[{i}] ({}).url = {other} is not an official host (must be null)", s["id"])),
        }
    }
    let mut all = Vec::new();
    strings(report, "", &mut all);
    for (path, s) in all {
        bad.extend(bad_urls(&format!("{where_}{path}"), &s, true, &ids));
    }
    bad
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut es: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    es.sort();
    for p in es {
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn the_url_scanner_and_the_host_rule() {
    for ok in ["https://www.nhsa.gov.cn/art/1.html", "http://ylbzj.sc.gov.cn/x", "https://gov.cn/", "HTTPS://YBJ.JIANGSU.GOV.CN:443/a"] {
        assert!(official_url(ok), "{ok} is official");
    }
    for bad in [
        "https://gov.cn.evil.com/",
        "https://evilgov.cn/",
        "https://www.gov.cn@evil.com/",
        "https://evil.com/?u=www.gov.cn",
        "https://evil.com/www.gov.cn",
        "ftp://www.gov.cn/",
        "javascript:alert(1)",
        "//www.gov.cn/",
        "https://www.gov.cn.",
        "",
    ] {
        assert!(!official_url(bad), "{bad} is not official");
    }
    let found = urls_in("见 http://a.example.com/x?y=1，或 www.spam.cn 与 m.kxmahua.com；2026-01-09 国办发〔2024〕38号 v0.2 12393 <a href=\"//cdn.example.org/z\">", true);
    assert_eq!(found, ["http://a.example.com/x?y=1", "https://cdn.example.org/z", "https://www.spam.cn/", "https://m.kxmahua.com/"]);
    assert!(urls_in("按 2026-12-06 的规则 · 版本 2026.12-1 · sha256:ab12", true).is_empty());
    assert_eq!(urls_in("el.href = 'https://x.com/'; c.app + p.cn", false), ["https://x.com/"]);
    // A rule id the report names is not a host; the same name elsewhere is.
    let ids = BTreeSet::from(["suspended.cn".to_string()]);
    assert!(bad_urls("t", "（suspended.cn，证据等级 ASSUMED）", true, &ids).is_empty());
    assert_eq!(bad_urls("t", "见 quota.cn", true, &ids), ["t: https://quota.cn/"]);
}

#[test]
fn the_widget_and_its_catalogs_link_only_official_hosts() {
    let mut bad = Vec::new();
    let mut www = Vec::new();
    files(&Path::new(ROOT).join("www"), &mut www);
    assert!(www.len() >= 8, "www/ not found");
    for f in &www {
        let text = std::fs::read_to_string(f).unwrap();
        let page = f.extension().is_some_and(|x| x == "html");
        bad.extend(bad_urls(&f.strip_prefix(ROOT).unwrap().display().to_string(), &text, page, &BTreeSet::new()));
    }
    for loc in ["zh-Hans", "zh-Hant", "en"] {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(format!("{ROOT}/i18n/{loc}.json")).unwrap()).unwrap();
        for (k, s) in v.as_object().unwrap() {
            if let Some(s) = s.as_str() {
                bad.extend(bad_urls(&format!("i18n/{loc}.json {k}"), s, true, &BTreeSet::new()));
            }
        }
    }
    assert!(bad.is_empty(), "links or URLs to hosts that are not official (gov.cn):\n  {}", bad.join("\n  "));
}

#[test]
fn every_source_in_the_policy_book_has_an_official_url_or_none() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yibao")).arg("rules").output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["sources"].as_array().is_some_and(|a| a.len() > 10), "yibao rules lists the sources");
    let bad = report_problems("yibao rules", &v);
    assert!(bad.is_empty(), "the policy book cites sources by URL on hosts that are not official:\n  {}", bad.join("\n  "));
}

#[test]
fn every_report_shows_only_official_urls() {
    let dir = Path::new(ROOT).join("tests/scenarios");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
    names.sort();
    let today = Date::parse("2026-12-06").unwrap();
    let (mut reports, mut bad) = (0, Vec::new());
    for f in &names {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let file: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let Some(input) = file.get("input").filter(|i| i.is_object()) else { continue };
        for loc in ["zh-Hans", "zh-Hant", "en"] {
            for date in [None, Some("2027-01-15"), Some("2028-09-01")] {
                let mut sc = input.clone();
                sc["locale"] = Value::from(loc);
                if let Some(d) = date {
                    sc["as_of"] = Value::from(d);
                }
                let Ok(text) = evaluate_json(&sc.to_string(), today, false) else { continue };
                let report: Value = serde_json::from_str(&text).unwrap();
                reports += 1;
                bad.extend(report_problems(&format!("{name} [{loc}, {}] ", date.unwrap_or("own date")), &report));
            }
        }
    }
    assert!(reports > 150, "only {reports} reports evaluated");
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "{} URLs in reports that are not on an official host, e.g.:\n  {}", bad.len(), bad.iter().take(60).cloned().collect::<Vec<_>>().join("\n  "));
}
