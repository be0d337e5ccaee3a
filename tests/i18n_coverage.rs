//! Catalog coverage, in both directions, and no user-visible text outside the catalogs.
//!
//! # How the keys in use are enumerated
//! A key is *used* when one of these reaches it:
//! 1. **Rust keys**: every `Key::Variant` in `src/` (build.rs generates `i18n::Key`, a variant per
//!    key: `reason.date_not_covered` is `ReasonDateNotCovered`, [`variant`] here), so a key the
//!    catalogs lack does not even build. A `channel.<name>.app` key brings its `.path` (the book's
//!    `Channel::new` takes it from `Key::channel`).
//! 2. **Nothing by name or index**: the core names no key by string; the by-name and by-index
//!    accessors (`i18n::lookup`, `text_by_key`, `keys`, `Key::from_index`) are for the tests and
//!    `src/i18n.rs`, and `i18n::ui_keys` for `src/page.rs` (the page's texts, route 4): any other
//!    use in `src/` fails, as it would reach texts this test cannot enumerate.
//! 3. **Rust resolvers**: the core builds no key strings at run time; a text it picks by a run-time
//!    value (an error code, a region code, a question id…) goes through a resolver that build.rs
//!    generates from the catalog (`i18n::find::<name>(value)`, a table of values and keys).
//!    Every `find::<name>` in `src/` must have its name in [`resolver_keys`], which lists the keys
//!    the resolver can reach from the real value sets: the region codes the book names
//!    (`regions::PROVINCES`, `regions::NAMED`, and `0`, the national level that `share.rs` names),
//!    the questionnaire's questions and options (walked through `questionnaire::run_json`), and
//!    for `error.<CODE>` every UPPER_SNAKE string literal in `src/` (a code is a `&'static str`
//!    literal where it is raised; a superset, so an `error.*` key counts as unused only when no
//!    code literal names it). A new resolver fails the test until it is described there.
//!
//!    `src/` is read as Rust with `syn` ([`rust_source`]): paths and string literals, macro
//!    arguments included; comments, doc comments and `#[cfg(test)]` modules left out.
//! 4. **The widget** (`www/yibao-family.js`, `www/questionnaire.js`, `www/calculator.js`): every `this.t(…)` / `this.defName(…)` call's key
//!    argument (`ui.` is prepended, as `t()` does). A string literal or a ternary of literals is
//!    read as is; `'prefix.' + expr` must have its prefix in [`js_patterns`], whose value sets come
//!    from the script's own option arrays (`RELS`, `SCHEMES`, `STATUS`, `MONEY`, the `misc` list,
//!    the `elig` states) or from the engine's enums (recommendations, relations, document ids);
//!    a bare identifier must be a known forwarding parameter ([`JS_FORWARDS`]). Anything else fails.
//! 5. **Static pages**: `data-k="key"` attributes in `www/*.html` (the `noscript.*` texts).
//! 6. **Kept in the script**: `ui.nowasm` and `ui.load_error`, which yibao-family.js holds as
//!    literals for when the catalogs cannot be read (the allow-list below checks they are equal).
//!
//! A used key missing from a catalog fails; a catalog key no route reaches fails.
// Native only: the JSON-text API (serde_json) it replays is not in wasm32 builds (`wasm-pack test`
// builds every test target for wasm32; tests/wasm.rs covers the wasm boundary).
#![cfg(not(target_arch = "wasm32"))]

use proc_macro2::{Spacing, TokenStream, TokenTree};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use syn::visit::{self, Visit};
use syn::Lit;
use yibao_family::{date::Date, model::{Recommendation, Relation}, policy, questionnaire};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const LOCALES: [&str; 3] = ["zh-Hans", "zh-Hant", "en"];

fn read(p: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{p}")).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn catalog(loc: &str) -> BTreeMap<String, String> {
    let v: Value = serde_json::from_str(&read(&format!("i18n/{loc}.json"))).unwrap();
    v.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with("//")).map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect()
}

/// The `i18n::Key` variant of a catalog key, as build.rs names it: each run of letters and digits
/// capitalised, the rest in lower case (`reason.date_not_covered` → `ReasonDateNotCovered`).
fn variant(key: &str) -> String {
    key.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()).map(|p| p[..1].to_ascii_uppercase() + &p[1..].to_ascii_lowercase()).collect()
}

fn rust_files() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let mut es: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        es.sort();
        for p in es {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p.strip_prefix(ROOT).unwrap().to_string_lossy().trim_start_matches('/').to_string());
            }
        }
    }
    let mut v = Vec::new();
    walk(std::path::Path::new(&format!("{ROOT}/src")), &mut v);
    v
}

// ---- lexers -----------------------------------------------------------------------------------

/// What the tests read of a Rust source file, parsed with `syn`: its string literals and the
/// paths it names (`Key::ReasonX`, `i18n::find::region`), each with its line. Comments and doc
/// comments are not text, and `#[cfg(test)]` modules are not shipped. The arguments of a macro
/// (`vec![…]`, `format!(…)`) and of an attribute are token streams to syn, not expressions: they
/// are read token by token, for literals and paths alike.
#[derive(Default)]
struct RustSource {
    literals: Vec<(usize, String)>,
    paths: Vec<(usize, Vec<String>)>,
}

fn rust_source(file: &str, src: &str) -> RustSource {
    let ast = syn::parse_file(src).unwrap_or_else(|e| panic!("{file}:{}: {e}", e.span().start().line));
    let mut out = RustSource::default();
    out.visit_file(&ast);
    out
}

impl RustSource {
    /// The literals and paths of a token stream (a macro's or an attribute's arguments).
    fn tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                // `#[doc = "…"]`: a doc comment (`///`) in a macro's body
                TokenTree::Punct(p) if p.as_char() == '#' => {
                    if let Some(TokenTree::Group(g)) = tokens.get(i + 1) {
                        if g.stream().into_iter().next().is_some_and(|t| t.to_string() == "doc") {
                            i += 2;
                            continue;
                        }
                    }
                }
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Literal(l) => {
                    if let Lit::Str(s) = Lit::new(l.clone()) {
                        self.literals.push((l.span().start().line, s.value()));
                    }
                }
                TokenTree::Ident(id) => {
                    // `a::b::c`: an identifier, then `::` and an identifier, as often as given
                    let mut segments = vec![id.to_string()];
                    let mut j = i + 1;
                    while let (Some(TokenTree::Punct(c1)), Some(TokenTree::Punct(c2)), Some(TokenTree::Ident(next))) = (tokens.get(j), tokens.get(j + 1), tokens.get(j + 2)) {
                        if c1.as_char() != ':' || c1.spacing() != Spacing::Joint || c2.as_char() != ':' {
                            break;
                        }
                        segments.push(next.to_string());
                        j += 3;
                    }
                    if segments.len() > 1 {
                        self.paths.push((id.span().start().line, segments));
                    }
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'ast> Visit<'ast> for RustSource {
    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => {} // a doc comment
            syn::Meta::List(list) => self.tokens(list.tokens.clone()),
            _ => visit::visit_attribute(self, a),
        }
    }
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let cfg_test = m.attrs.iter().any(|a| a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test"));
        if !cfg_test {
            visit::visit_item_mod(self, m);
        }
    }
    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.literals.push((s.span().start().line, s.value()));
    }
    fn visit_path(&mut self, p: &'ast syn::Path) {
        if p.segments.len() > 1 {
            let line = p.segments[0].ident.span().start().line;
            self.paths.push((line, p.segments.iter().map(|s| s.ident.to_string()).collect()));
        }
        visit::visit_path(self, p);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        visit::visit_macro(self, m);
        self.tokens(m.tokens.clone());
    }
}

/// The shipped Rust sources, each read by `rust_source`.
fn rust_sources() -> Vec<(String, RustSource)> {
    rust_files().into_iter().map(|f| {
        let src = rust_source(&f, &read(&f));
        (f, src)
    }).collect()
}

// The widget's scripts are read by the small lexer below, not a parser: the maintained JavaScript
// parsers for Rust (swc's, oxc's) are whole compiler front ends, too heavy a dev-dependency for four
// scripts; `the_scanners_see_what_they_should` checks the lexer.
/// String and template literals of JavaScript source (comments and regex literals skipped); a
/// template's `${…}` parts are code and are lexed as such.
fn js_literals(src: &str) -> Vec<(usize, String)> {
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let mut prev_sig = '(';
    // A stack of brace depths at which a template's `${` was opened.
    let mut tpl: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    fn template(b: &[char], i: &mut usize, line: &mut usize, out: &mut Vec<(usize, String)>) -> bool {
        // Reads template text from *i up to the closing ` (returns false) or `${` (returns true).
        let (mut s, l0) = (String::new(), *line);
        while *i < b.len() {
            match b[*i] {
                '`' => {
                    *i += 1;
                    out.push((l0, s));
                    return false;
                }
                '\\' => {
                    s.push(b.get(*i + 1).copied().unwrap_or(' '));
                    *i += 2;
                }
                '$' if b.get(*i + 1) == Some(&'{') => {
                    *i += 2;
                    out.push((l0, s));
                    return true;
                }
                c => {
                    if c == '\n' {
                        *line += 1;
                    }
                    s.push(c);
                    *i += 1;
                }
            }
        }
        out.push((l0, s));
        false
    }
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied().unwrap_or('\0');
        if c == '\n' {
            line += 1;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '/' && next == '/' {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == '*' {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                if b[i] == '\n' {
                    line += 1;
                }
                i += 1;
            }
            i += 2;
            continue;
        }
        if c == '/' && "(,=:[!&|?{};+-*%<>~^".contains(prev_sig) {
            // a regular expression literal
            i += 1;
            let mut class = false;
            while i < b.len() && (class || b[i] != '/') && b[i] != '\n' {
                if b[i] == '\\' {
                    i += 1;
                } else if b[i] == '[' {
                    class = true;
                } else if b[i] == ']' {
                    class = false;
                }
                i += 1;
            }
            i += 1;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            prev_sig = 'a';
            continue;
        }
        if c == '\'' || c == '"' {
            let (q, l0) = (c, line);
            let mut s = String::new();
            i += 1;
            while i < b.len() && b[i] != q && b[i] != '\n' {
                if b[i] == '\\' {
                    i += 1;
                    match b.get(i) {
                        Some('n') => s.push('\n'),
                        Some('u') => {
                            let hex: String = b[i + 1..(i + 5).min(b.len())].iter().collect();
                            s.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                            i += 4;
                        }
                        Some(x) => s.push(*x),
                        None => {}
                    }
                } else {
                    s.push(b[i]);
                }
                i += 1;
            }
            i += 1;
            out.push((l0, s));
            prev_sig = 'a';
            continue;
        }
        if c == '`' {
            i += 1;
            if template(&b, &mut i, &mut line, &mut out) {
                tpl.push(depth);
                depth += 1;
                prev_sig = '(';
            } else {
                prev_sig = 'a';
            }
            continue;
        }
        if c == '{' {
            depth += 1;
        }
        if c == '}' {
            depth = depth.saturating_sub(1);
            if tpl.last() == Some(&depth) {
                tpl.pop();
                i += 1;
                if template(&b, &mut i, &mut line, &mut out) {
                    tpl.push(depth);
                    depth += 1;
                    prev_sig = '(';
                } else {
                    prev_sig = 'a';
                }
                continue;
            }
        }
        // `return /re/` and `typeof x` style keywords end in a letter; treat a keyword that can
        // precede an expression as an operator.
        if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_' || b[i] == '$') {
                i += 1;
            }
            let w: String = b[start..i].iter().collect();
            prev_sig = if matches!(w.as_str(), "return" | "typeof" | "case" | "in" | "of" | "void") { '(' } else { 'a' };
            continue;
        }
        prev_sig = if c == ')' || c == ']' { 'a' } else { c };
        i += 1;
    }
    out
}

/// The first argument (as source text) of every `needle(` call.
fn first_args(src: &str, needle: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find(needle) {
        let after = &rest[i + needle.len()..];
        let (mut depth, mut q, mut end) = (0i32, None::<char>, after.len());
        for (j, ch) in after.char_indices() {
            match q {
                Some(c) if ch == c => q = None,
                Some(_) => {}
                None => match ch {
                    '\'' | '"' | '`' => q = Some(ch),
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' if depth > 0 => depth -= 1,
                    ')' | ',' if depth == 0 => {
                        end = j;
                        break;
                    }
                    _ => {}
                },
            }
        }
        out.push(after[..end].trim().to_string());
        rest = &after[end..];
    }
    out
}

/// `const NAME = ['a', 'b'];` in a script → the literals.
fn js_array(src: &str, name: &str) -> Vec<String> {
    let start = src.find(&format!("const {name} = [")).unwrap_or_else(|| panic!("no array {name} in the script"));
    let body = &src[start..start + src[start..].find(']').unwrap()];
    body.split('\'').skip(1).step_by(2).map(str::to_string).collect()
}

fn quoted(s: &str) -> Option<String> {
    let s = s.trim();
    let q = s.chars().next()?;
    if (q == '\'' || q == '"') && s.ends_with(q) && s.len() >= 2 && !s[1..s.len() - 1].contains(q) {
        Some(s[1..s.len() - 1].to_string())
    } else {
        None
    }
}

// ---- the value sets ----------------------------------------------------------------------------

fn recommendations() -> Vec<&'static str> {
    use Recommendation::*;
    [FamilyAccount, Gongji, Both, Neither, Undecided]
        .into_iter()
        .map(|r| {
            // Exhaustive on purpose: a new recommendation fails to compile here until listed.
            match r {
                FamilyAccount | Gongji | Both | Neither | Undecided => r.as_str(),
            }
        })
        .collect()
}

/// Every question the questionnaire can ask and every option it offers, found by walking it:
/// a question is expanded into all its options the first time it is seen, later only along its
/// first option (enough to reach every question; checked against `questionnaire::ORDER`).
fn questions() -> BTreeMap<String, BTreeSet<String>> {
    let today = Date::parse("2026-03-01").unwrap();
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    fn walk(answers: serde_json::Map<String, Value>, today: Date, seen: &mut BTreeMap<String, BTreeSet<String>>, n: &mut usize) {
        *n += 1;
        assert!(*n < 5000, "questionnaire walk does not end");
        let st = json!({ "locale": "zh-Hans", "region": null, "as_of": "2026-03-01", "answers": answers });
        let v: Value = serde_json::from_str(&questionnaire::run_json(&st.to_string(), today)).unwrap();
        assert!(v.get("error").is_none(), "{v}");
        if v["done"] == true {
            return;
        }
        let q = &v["question"];
        let id = q["id"].as_str().unwrap().to_string();
        let opts: Vec<String> = q["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap().to_string()).collect();
        let first = !seen.contains_key(&id);
        seen.entry(id.clone()).or_default().extend(opts.iter().cloned());
        for o in if first { &opts[..] } else { &opts[..1] } {
            let mut a = answers.clone();
            a.insert(id.clone(), json!(o));
            walk(a, today, seen, n);
        }
    }
    walk(serde_json::Map::new(), today, &mut seen, &mut 0);
    // Values a question accepts without offering them (who=parent): their labels show in the answers.
    for (id, values) in seen.iter_mut() {
        values.extend(questionnaire::accepted(id));
    }
    let ids: BTreeSet<&str> = seen.keys().map(|s| s.as_str()).collect();
    assert_eq!(ids, questionnaire::ORDER.iter().copied().collect(), "the walk reached every question");
    seen
}

fn region_codes() -> Vec<String> {
    let mut v: Vec<String> = policy::regions::PROVINCES.iter().chain(policy::regions::NAMED).map(|c| c.to_string()).collect();
    v.push("0".into()); // the national level (share.rs names the level a premium rule is stated for)
    v
}

/// Every UPPER_SNAKE string literal in the shipped Rust sources (the codes that can be raised).
fn code_literals() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, src) in rust_sources() {
        for (_, s) in src.literals {
            if s.len() > 2 && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') && s.starts_with(|c: char| c.is_ascii_uppercase()) {
                out.insert(s);
            }
        }
    }
    out
}

/// The keys the generated resolver `i18n::find::<name>` can reach (build.rs, `resolvers`), from
/// the values the core can pass it.
fn resolver_keys(name: &str) -> Option<Vec<String>> {
    let q = |f: &dyn Fn(&str, &BTreeSet<String>) -> Vec<String>| questions().iter().flat_map(|(id, opts)| f(id, opts)).collect::<Vec<_>>();
    Some(match name {
        // the codes raised (a superset: every UPPER_SNAKE literal of src/)
        "error" => code_literals().into_iter().map(|c| format!("error.{c}")).collect(),
        "region" => region_codes().into_iter().map(|c| format!("region.{c}")).collect(),
        // the questionnaire's questions and options (the regions' options are named by
        // find::region, and "unknown" by q.opt.unknown)
        "q_text" => q(&|id, _| vec![format!("q.{id}.text")]),
        "q_help" => q(&|id, _| vec![format!("q.{id}.help")]),
        "q_assume" => q(&|id, _| vec![format!("q.{id}.assume")]),
        "q_option" => q(&|id, opts| {
            if id == "my_region" || id == "their_province" {
                return Vec::new();
            }
            opts.iter().filter(|o| *o != "unknown").map(|o| format!("q.{id}.opt.{o}")).collect()
        }),
        _ => return None,
    })
}

/// Optional keys: a pattern may name them, a catalog need not have them (a question without help).
const OPTIONAL_SUFFIXES: [&str; 2] = [".help", ".assume"];

/// Identifiers passed to `this.t()` / `this.defName()` that forward a key chosen elsewhere.
const JS_FORWARDS: [(&str, &str); 3] = [
    ("key", "defName(key, vars) passes its own argument on; its callers are read as calls"),
    ("...old[r.name]", "renderCalc re-creates a default name from the key defName remembered"),
    ("kind", "elig(kind, …) is called with the literals read below ('fa', 'gongji')"),
];

/// The widget's dynamic key patterns: `'prefix.' + expr` → the values `expr` can take.
fn js_patterns(js: &str, prefix: &str) -> Option<Vec<String>> {
    let rels = || Relation::NAMES.iter().map(|r| r.to_string()).collect::<Vec<_>>();
    Some(match prefix {
        "rec." | "hint." => recommendations().iter().map(|s| s.to_string()).collect(),
        // p.relation from the report (any relation, self included) and the RELS option list.
        "rel." => rels().into_iter().chain(js_array(js, "RELS")).collect(),
        "scheme." => js_array(js, "SCHEMES"),
        "status." => js_array(js, "STATUS"),
        "money." => js_array(js, "MONEY"),
        "misc." => {
            // myths(): `['own_card', …].map((k) => … this.t('misc.' + k))`, the line after 'misc.title'
            let i = js.find("this.t('misc.' + k)").expect("misc list");
            let line = &js[js[..i].rfind('\n').unwrap()..i];
            let list = &line[line.rfind('[').unwrap()..line.rfind(']').unwrap()];
            list.split('\'').skip(1).step_by(2).map(str::to_string).collect()
        }
        "elig." => {
            let i = js.find("const st = x.applicable").expect("elig states");
            let line = &js[i..i + js[i..].find('\n').unwrap()];
            line.split('\'').skip(1).step_by(2).map(str::to_string).collect()
        }
        // Document ids: the DOC_* constants of the rules (report `documents`, `documents_any_of`).
        "doc." => read("src/rules/family_account.rs")
            .lines()
            .filter(|l| l.starts_with("pub const DOC_"))
            .filter_map(|l| l.split('"').nth(1).map(str::to_string))
            .collect(),
        _ => return None,
    })
}

/// The catalog keys a script reaches (step 4 of the module's list), each with where.
fn js_keys(js: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |k: String, why: &str| out.push((k, why.to_string()));
    for needle in ["this.t(", "this.defName("] {
        for arg in first_args(js, needle) {
            let why = format!("yibao-family.js: {needle}{arg}");
            if let Some(k) = quoted(&arg) {
                add(format!("ui.{k}"), &why);
            } else if let Some((_, alts)) = arg.split_once(" ? ").filter(|(_, b)| b.contains(" : ")) {
                for a in alts.split(" : ") {
                    add(format!("ui.{}", quoted(a).unwrap_or_else(|| panic!("{why}: a ternary of literals expected"))), &why);
                }
            } else if let Some((p, _)) = arg.split_once(" + ") {
                let p = quoted(p).unwrap_or_else(|| panic!("{why}: 'prefix.' + value expected"));
                let list = js_patterns(js, &p).unwrap_or_else(|| panic!("{why}: dynamic key prefix {p:?} is not described in js_patterns()"));
                assert!(!list.is_empty(), "{why}: no values found for {p:?}");
                for v in list {
                    add(format!("ui.{p}{v}"), &why);
                }
            } else {
                assert!(JS_FORWARDS.iter().any(|(f, _)| *f == arg), "{why}: a key the test cannot enumerate (add it to JS_FORWARDS or js_patterns)");
            }
        }
    }
    for arg in first_args(js, "this.elig(") {
        add(format!("ui.{}", quoted(&arg).expect("elig(kind) with a literal kind")), "yibao-family.js: this.elig(kind)");
    }
    out
}

struct Used {
    keys: BTreeMap<String, String>, // key → where it is used (first route found)
    optional: BTreeSet<String>,
}

fn used_keys(cat: &BTreeMap<String, String>) -> Used {
    let mut keys = BTreeMap::new();
    let mut optional = BTreeSet::new();
    let by_variant: BTreeMap<String, &String> = cat.keys().map(|k| (variant(k), k)).collect();
    let mut add = |k: String, why: &str| {
        keys.entry(k).or_insert_with(|| why.to_string());
    };
    // 1–3: Rust
    for (f, src) in rust_sources() {
        for (line, path) in &src.paths {
            let at = format!("{f}:{line}");
            for pair in path.windows(2) {
                let (a, b) = (pair[0].as_str(), pair[1].as_str());
                // 1: `Key::Variant`
                if a == "Key" && b.starts_with(|c: char| c.is_ascii_uppercase()) {
                    let k = by_variant.get(b).unwrap_or_else(|| panic!("{at}: Key::{b} names no catalog key"));
                    add(k.to_string(), &at);
                    // `Key::channel` of a `channel.<name>.app` key gives its `.path`
                    if let Some(name) = k.strip_prefix("channel.").and_then(|r| r.strip_suffix(".app")) {
                        add(format!("channel.{name}.path"), &format!("{at} (Key::channel)"));
                    }
                }
                // 3: `find::<name>`
                if a == "find" && b.starts_with(|c: char| c.is_ascii_lowercase()) {
                    let list = resolver_keys(b).unwrap_or_else(|| panic!("{at}: resolver find::{b} is not described in resolver_keys()"));
                    assert!(!list.is_empty(), "{at}: find::{b} reaches no key");
                    for k in list {
                        if OPTIONAL_SUFFIXES.iter().any(|s| k.ends_with(s)) {
                            optional.insert(k.clone());
                        }
                        add(k, &format!("{at}: find::{b}"));
                    }
                }
                // 2: nothing else; a key by name or by index is the tests' and i18n.rs's own
                let by_name_or_index = matches!((a, b), ("i18n", "lookup" | "text_by_key" | "keys" | "ui_keys") | ("Key", "from_index"));
                assert!(!by_name_or_index || f == "src/i18n.rs" || (f == "src/page.rs" && b == "ui_keys"), "{at}: {a}::{b} reaches texts this test cannot enumerate; name the key as Key::… or add a resolver");
            }
        }
    }
    // 4: the widget
    // (the element and its two halves, read as one script)
    let js = ["www/yibao-family.js", "www/questionnaire.js", "www/calculator.js"].map(read).join("\n");
    for (k, why) in js_keys(&js) {
        add(k, &why);
    }
    // 5: static pages
    for f in ["www/embed.html", "www/index.html"] {
        let html = read(f);
        for part in html.split("data-k=\"").skip(1) {
            add(part.split('"').next().unwrap().to_string(), f);
        }
    }
    // 6: kept in the script as literals (see the allow-list in no_user_visible_text_outside_the_catalogs)
    add("ui.nowasm".into(), "yibao-family.js NOWASM");
    add("ui.load_error".into(), "yibao-family.js LOADERR");
    Used { keys, optional }
}

#[test]
fn every_used_key_exists_and_every_catalog_key_is_used() {
    let cats: Vec<_> = LOCALES.iter().map(|l| (*l, catalog(l))).collect();
    let used = used_keys(&cats[0].1);
    assert!(used.keys.len() > 300, "only {} keys found in use: the scan is broken", used.keys.len());
    for (loc, cat) in &cats {
        let missing: Vec<_> = used.keys.iter().filter(|(k, _)| !cat.contains_key(*k) && !used.optional.contains(*k) && !k.starts_with("error.")).map(|(k, w)| format!("{k} (used by {w})")).collect();
        assert!(missing.is_empty(), "{loc}: keys in use but missing from the catalog:\n  {}", missing.join("\n  "));
        let unused: Vec<_> = cat.keys().filter(|k| !used.keys.contains_key(*k)).collect();
        assert!(unused.is_empty(), "{loc}: catalog keys nothing can reach:\n  {unused:?}");
    }
    // error.<CODE>: the pattern is a superset of the codes, so "missing" is checked the other way:
    // every code the contract's validation and the questionnaire raise (`Failure::new(path, CODE)`) has its text.
    for f in ["src/contract/validate.rs", "src/contract/json.rs", "src/contract/error.rs", "src/questionnaire.rs", "src/wasm.rs"] {
        let src = read(f);
        for part in src.split("Failure::new(").skip(1) {
            for lit in part.split('"').skip(1).step_by(2).take(2) {
                if lit.len() > 3 && lit.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                    for (loc, cat) in &cats {
                        assert!(cat.contains_key(&format!("error.{lit}")), "{loc}: error.{lit} (raised in {f}) missing");
                    }
                }
            }
        }
    }
}

#[test]
fn every_locale_has_every_text_with_the_same_placeholders() {
    fn ph(s: &str) -> BTreeSet<String> {
        s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(a, _)| a.to_string())).collect()
    }
    let base = catalog("zh-Hans");
    for loc in LOCALES {
        let cat = catalog(loc);
        assert_eq!(cat.keys().collect::<Vec<_>>(), base.keys().collect::<Vec<_>>(), "{loc}: not the same keys as zh-Hans");
        for (k, v) in &cat {
            assert!(!v.trim().is_empty(), "{loc}: {k} is empty");
            assert_eq!(ph(v), ph(&base[k]), "{loc}: placeholders differ for {k}");
        }
    }
    // Every question, option, reason, step, next step and error text is in all three (the
    // questionnaire walk above names the question keys).
    let q = questions();
    for (id, opts) in q {
        for loc in LOCALES {
            let cat = catalog(loc);
            assert!(cat.contains_key(&format!("q.{id}.text")), "{loc}: q.{id}.text");
            for o in opts.iter().filter(|o| *o != "unknown" && id != "my_region" && id != "their_province") {
                assert!(cat.contains_key(&format!("q.{id}.opt.{o}")), "{loc}: q.{id}.opt.{o}");
            }
        }
    }
}

// ---- user-visible text outside the catalogs -----------------------------------------------------

fn has_cjk(s: &str) -> bool {
    !s.trim().is_empty() && s.chars().any(|c| matches!(c as u32, 0x3000..=0x303f | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef))
}

/// English prose: a capitalised word followed by a lower-case word ("The tool failed…", "Elder
/// mode"), two or more words ending in sentence punctuation, or any English function word between
/// spaces (" and ", " of the " — pieces of a sentence glued together in code). Code (selectors,
/// class lists, identifiers, URLs, MIME types, paths) has none of these shapes.
fn sentence_like(s: &str) -> bool {
    let s = s.trim();
    if s.contains("://") {
        return false;
    }
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    let wordy = |w: &str| {
        let w = w.trim_matches(|c: char| ",.;:!?()'’\"".contains(c));
        w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '’' || c == '-')
    };
    let n = words.iter().filter(|w| wordy(w)).count();
    let cap = words.len() >= 2
        && words[0].chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && words[0].chars().skip(1).all(|c| c.is_ascii_lowercase())
        && wordy(words[1])
        && words[1].chars().all(|c| c.is_ascii_lowercase() || !c.is_ascii_alphabetic());
    let glue = words.len() >= 2 && [" and ", " or ", " the ", " of ", " to ", " is ", " are ", " for ", " with ", " not ", " your ", " you "].iter().any(|g| format!(" {s} ").contains(g));
    cap || (n >= 2 && s.ends_with(['.', '!', '?'])) || glue
}

/// Allow-listed literals: (file, the literal or a rule, why). Everything else that looks like
/// user-visible text fails the test.
enum Allow {
    Exact(&'static str),
    /// the literal is a catalog value of one of these keys, in some locale
    CatalogValueOf(&'static [&'static str]),
    /// every literal of the file (data quoted as published)
    WholeFile,
    Prefix(&'static str),
}
const ALLOW: &[(&str, Allow, &str)] = &[
    // Without WebAssembly the catalogs inside the core cannot be read, so the widget keeps these
    // two messages as literals; they must equal the catalogs' texts.
    ("www/yibao-family.js", Allow::CatalogValueOf(&["ui.nowasm", "ui.load_error"]), "fallback messages NOWASM / LOADERR"),
    // The cited documents' issuers and titles are quoted as published (proper names, 文号), not
    // translated; the report shows them in the sources list.
    ("src/policy/sources.rs", Allow::WholeFile, "titles and issuers of the cited documents, as published"),
    // embed.html's <title> and visually hidden <h1> before the script runs; embed.js replaces both
    // with ui.title when the widget is ready. (Could become ui.title itself; then remove these.)
    ("www/embed.html", Allow::Exact("医保亲情账户 / 家庭共济"), "static page title, replaced by ui.title at run time"),
    // serde's own texts ("Option value", "unit value"…), read to map its errors to the contract's
    // codes; never shown.
    ("src/contract/error.rs", Allow::WholeFile, "serde's error texts, mapped to codes"),
    // The CLI's usage text is for developers on a terminal, not the widget's users.
    ("src/main.rs", Allow::WholeFile, "command-line usage and its errors (developer-facing)"),
    // The TypeScript declaration of `Evaluation` written into the package's .d.ts (developer-facing).
    ("src/wasm.rs", Allow::Prefix("/**\n * A scenario the rules have answered"), "TypeScript declarations for integrators"),
];

fn allowed(file: &str, s: &str, cats: &[BTreeMap<String, String>], hits: &mut [usize]) -> bool {
    for (i, (f, rule, _)) in ALLOW.iter().enumerate() {
        let ok = *f == file
            && match rule {
                Allow::Exact(x) => *x == s,
                Allow::CatalogValueOf(keys) => keys.iter().any(|k| cats.iter().any(|c| c.get(*k).is_some_and(|v| v == s))),
                Allow::WholeFile => true,
                Allow::Prefix(p) => s.starts_with(p),
            };
        if ok {
            hits[i] += 1;
            return true;
        }
    }
    false
}

/// The text nodes and visible attribute values of an HTML page (scripts and styles skipped).
fn html_texts(html: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    let b = html.as_bytes();
    let line_of = |pos: usize| html[..pos].matches('\n').count() + 1;
    while i < html.len() {
        if b[i] == b'<' {
            let end = html[i..].find('>').map(|e| i + e).unwrap_or(html.len());
            let tag = &html[i..end];
            for attr in ["title=\"", "aria-label=\"", "alt=\"", "placeholder=\"", "content=\""] {
                if let Some(p) = tag.find(attr) {
                    let v = tag[p + attr.len()..].split('"').next().unwrap_or("");
                    out.push((line_of(i), v.to_string()));
                }
            }
            let lower = tag.to_ascii_lowercase();
            i = end + 1;
            for (open, close) in [("<script", "</script>"), ("<style", "</style>")] {
                if lower.starts_with(open) {
                    i = html[i..].find(close).map(|e| i + e + close.len()).unwrap_or(html.len());
                }
            }
        } else {
            let end = html[i..].find('<').map(|e| i + e).unwrap_or(html.len());
            let t = html[i..end].split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                out.push((line_of(i), t));
            }
            i = end;
        }
    }
    out
}

#[test]
fn no_user_visible_text_outside_the_catalogs() {
    let cats: Vec<_> = LOCALES.iter().map(|l| catalog(l)).collect();
    let is_catalog_value = |s: &str| cats.iter().any(|c| c.values().any(|v| v.trim() == s.trim()));
    let mut bad = Vec::new();
    let mut hits = vec![0; ALLOW.len()];
    // Rust: every source that builds report, question or error text (all of src/).
    for (f, src) in rust_sources() {
        for (line, s) in src.literals {
            if (has_cjk(&s) || sentence_like(&s)) && !allowed(&f, &s, &cats, &mut hits) {
                bad.push(format!("{f}:{line}: {s:?}"));
            }
        }
    }
    // The widget's scripts. The demo host page (www/index.html, www/host.js, www/host.css) is the
    // host's own content, in the host's own words: it is not the widget's text and is excluded.
    for f in ["www/yibao-family.js", "www/questionnaire.js", "www/calculator.js", "www/embed.js"] {
        for (line, s) in js_literals(&read(f)) {
            if (has_cjk(&s) || sentence_like(&s)) && !allowed(f, &s, &cats, &mut hits) {
                bad.push(format!("{f}:{line}: {s:?}"));
            }
        }
    }
    // The widget's page (embed.html): its fallback text must be catalog text (noscript.* keys).
    for f in ["www/embed.html"] {
        for (line, s) in html_texts(&read(f)) {
            if (has_cjk(&s) || sentence_like(&s)) && !is_catalog_value(&s) && !allowed(f, &s, &cats, &mut hits) {
                bad.push(format!("{f}:{line}: {s:?}"));
            }
        }
    }
    for (i, (f, _, why)) in ALLOW.iter().enumerate() {
        assert!(hits[i] > 0, "allow-list entry for {f} ({why}) matches nothing: remove it");
    }
    assert!(bad.is_empty(), "user-visible text outside the catalogs (move it to i18n/*.json, or allow-list it with a reason):\n  {}", bad.join("\n  "));
}

#[test]
fn the_scanners_see_what_they_should() {
    // The readers themselves: comments and doc comments are not text, strings are (in a macro's
    // arguments too), regexes are not; a unit-test module is not shipped.
    let r = rust_source(
        "test.rs",
        "//! 文档\n/// 说明\nfn f<'a>() {\n    // 注释\n    let a = \"文字\"; /* 块 */ let c = 'x'; let r = r#\"原\"#;\n    let v = vec![\"宏\", i18n::text(l, Key::UiTitle)];\n    i18n::find::region(1);\n}\n\
         macro_rules! m { () => { /// 宏文档\n x::y(\"体\") } }\n#[cfg(test)]\nmod tests {\n    const T: &str = \"测试\";\n}\n",
    );
    assert_eq!(r.literals, [(5, "文字".to_string()), (5, "原".to_string()), (6, "宏".to_string()), (10, "体".to_string())]);
    let paths: Vec<(usize, String)> = r.paths.iter().map(|(l, p)| (*l, p.join("::"))).collect();
    assert_eq!(paths, [(6, "i18n::text".to_string()), (6, "Key::UiTitle".to_string()), (7, "i18n::find::region".to_string()), (10, "x::y".to_string())]);
    assert_eq!(variant("note.launch.11"), "NoteLaunch11");
    assert_eq!(variant("error.NOT_INTEGER"), "ErrorNotInteger");
    let j = js_literals("// 注释\nconst a = '文字', b = /[元]/g, c = `x${'内'}y`; /* 块 */ x = a / 2 / 3;");
    assert_eq!(j.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), ["文字", "x", "内", "y"]);
    assert!(sentence_like("The tool failed to load."));
    assert!(!sentence_like("btn small quiet rm"));
    assert!(!sentence_like("button, input, select, textarea, summary, a[href], [tabindex]"));
    assert_eq!(html_texts("<p title=\"题\">正文 <b>粗</b></p><script>x='脚本'</script>"), vec![(1, "题".to_string()), (1, "正文".to_string()), (1, "粗".to_string())]);
}

/// The questionnaire's build of the core leaves the calculator's texts out (`i18n::split`): the
/// element and its questionnaire half must ask for none of them, and each must be a text the
/// calculator asks for (so the list names no key by mistake).
#[test]
fn the_questionnaire_build_leaves_out_only_texts_the_calculator_alone_asks_for() {
    use yibao_family::i18n::split::calculator_only;
    let questionnaire_side = js_keys(&["www/yibao-family.js", "www/questionnaire.js"].map(read).join("\n"));
    let asked: Vec<_> = questionnaire_side.iter().filter(|(k, _)| calculator_only(k)).map(|(k, why)| format!("{k} ({why})")).collect();
    assert!(asked.is_empty(), "left out of the questionnaire's build but asked for by it:\n  {}", asked.join("\n  "));
    let cat = catalog("zh-Hans");
    let calculator: BTreeSet<String> = js_keys(&["www/yibao-family.js", "www/questionnaire.js", "www/calculator.js"].map(read).join("\n")).into_iter().map(|(k, _)| k).collect();
    let left_out: Vec<&String> = cat.keys().filter(|k| calculator_only(k)).collect();
    assert!(left_out.len() > 100, "only {} texts left out: the list is broken", left_out.len());
    let not_asked: Vec<_> = left_out.iter().filter(|k| !calculator.contains(**k)).collect();
    assert!(not_asked.is_empty(), "left out, but the calculator does not ask for them either: {not_asked:?}");
}
