//! The questionnaire: one question at a time, only what can change the answer, every question
//! with 不清楚. Routing lives here; wording lives in the catalogs (`q.*`); the page renders.
//!
//! State is plain data — `{"locale","region","as_of","answers":{id: value}}` — with no amounts
//! or identities, so it can round-trip through a URL. Answers that no longer apply are ignored.
//! When done, the answers become a two-person scenario (the user and the relative asked about)
//! with placeholder amounts; the recommendation, not the money, is the questionnaire's result.

use serde::{Deserialize, Serialize};

use crate::contract::report::{Receipt, Review};
use crate::contract::{self, contract_objects, parse_region, Failure, Loose};
use crate::date::Date;
use crate::i18n::{self, Key};
use crate::model::*;
use crate::money::Fen;
use crate::policy::regions;

pub const ORDER: [&str; 8] = ["who", "my_region", "phone", "my_scheme", "their_scheme", "place", "their_province", "costs"];

const WHO: &[&str] = &["mother", "father", "spouse", "child", "grandparent", "grandchild", "sibling", "parent_in_law", "child_in_law", "other", "unknown"];
/// Values a question accepts without offering them: `who=parent` ("我的父亲或母亲", offered before
/// 母亲 and 父亲 were), which hosts' links and earlier answers may still carry.
const WHO_ALSO: &[&str] = &["parent"];
const PHONE: &[&str] = &["can", "cannot", "under16", "unknown"];
const MY_SCHEME: &[&str] = &["employee_balance", "employee_zero", "resident", "none", "unknown"];
const THEIR_SCHEME: &[&str] = &["employee", "resident", "none", "unknown"];
const PLACE: &[&str] = &["same_city", "same_province", "other_province", "unknown"];
const COSTS: &[&str] = &["yes", "no", "unknown"];

/// Placeholder amounts (the questionnaire decides *which*, the calculator says *how much*).
const PLACEHOLDER_BALANCE: Fen = Fen::yuan(10_000);
const PLACEHOLDER_SHARE: Fen = Fen::yuan(1_000);
const PLACEHOLDER_PREMIUM: Fen = Fen::yuan(400);

pub struct State {
    pub locale: Locale,
    pub region: Option<u32>,
    pub as_of: Option<Date>,
    pub answers: Vec<(String, String)>,
}

impl State {
    pub fn get(&self, id: &str) -> Option<&str> {
        self.answers.iter().find(|(k, _)| k == id).map(|(_, v)| v.as_str())
    }
}

/// The state as written (`{"locale","region","as_of","answers"}`, every member optional, `null`
/// the same as absent): JSON text in the URL hash, a plain JS object at the wasm boundary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, default)]
pub struct StateIn {
    pub locale: Option<String>,
    pub region: Option<String>,
    pub as_of: Option<String>,
    pub answers: Option<Answers>,
}

contract_objects!(StateIn);

/// The answers as written, in order, repeats included (the first one counts); each value is
/// read for its type only, so that [`validate`] checks ids and values in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers(pub Vec<(String, Loose)>);

impl<'de> Deserialize<'de> for Answers {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Answers, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Answers;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Answers, A::Error> {
                let mut all = Vec::new();
                while let Some(entry) = map.next_entry::<String, Loose>()? {
                    all.push(entry);
                }
                Ok(Answers(all))
            }
        }
        contract::deserialize_object(d, V)
    }
}

/// The state's locale, as far as it can be read (for the messages of answers' errors).
pub fn locale_of(st: &StateIn) -> Locale {
    st.locale.as_deref().and_then(Locale::parse).unwrap_or(Locale::ZhHans)
}

/// Checks a state as written: the locale, the host's region and date, and every answer's id
/// and value (an answer to a question that no longer applies is kept, and ignored).
pub fn validate(st: &StateIn) -> Result<State, InputError> {
    // The state's own members are reported in zh-Hans; its answers in the state's locale.
    let zh = |f: Failure| f.localize(Locale::ZhHans);
    let locale = match &st.locale {
        None => Locale::ZhHans,
        Some(s) => Locale::parse(s).ok_or_else(|| zh(Failure::new("locale", "UNKNOWN_VALUE").arg("got", s.as_str()).arg("allowed", contract::LOCALES.join(", "))))?,
    };
    let region = match &st.region {
        None => None,
        Some(s) => Some(parse_region(s).ok_or_else(|| zh(Failure::new("region", "UNKNOWN_REGION").arg("got", s.as_str())))?),
    };
    let as_of = match &st.as_of {
        None => None,
        Some(s) => Some(Date::parse(s).ok_or_else(|| zh(Failure::new("as_of", "INVALID_DATE").arg("got", s.as_str())))?),
    };
    let mut answers: Vec<(String, String)> = Vec::new();
    for (id, value) in st.answers.as_ref().map_or(&[][..], |a| &a.0) {
        let fail = |f: Failure| f.localize(locale);
        let path = format!("answers.{id}");
        if !ORDER.contains(&id.as_str()) {
            return Err(fail(Failure::new(path, "UNKNOWN_FIELD").arg("got", id.as_str()).arg("allowed", ORDER.join(", "))));
        }
        let s = match value {
            Loose::Null => continue,
            Loose::Str(s) => s,
            other => return Err(fail(Failure::new(path, "WRONG_TYPE").arg("got", other.type_name()).arg("expected", "string"))),
        };
        if !accepted(id).iter().any(|o| o == s) {
            return Err(fail(Failure::new(path, "UNKNOWN_VALUE").arg("got", s.as_str()).arg("allowed", options(id).join(", "))));
        }
        if !answers.iter().any(|(k2, _)| k2 == id) {
            answers.push((id.clone(), s.clone()));
        }
    }
    let st = State { locale, region, as_of, answers };
    // An answer its question does not offer given the others (未满16周岁 for one's mother).
    for (id, value) in &st.answers {
        let offered = offered(id, &st);
        if !offered.contains(value) && !accepted_only(id, value) {
            let f = Failure::new(format!("answers.{id}"), "UNKNOWN_VALUE").arg("got", value.as_str()).arg("allowed", offered.join(", "));
            return Err(f.localize(locale));
        }
    }
    Ok(st)
}

/// The values the question offers, in order: a fixed list, or the mainland provinces' codes
/// then `unknown`.
fn options(id: &str) -> Vec<String> {
    let fixed: &[&str] = match id {
        "who" => WHO,
        "phone" => PHONE,
        "my_scheme" => MY_SCHEME,
        "their_scheme" => THEIR_SCHEME,
        "place" => PLACE,
        "costs" => COSTS,
        "my_region" | "their_province" => {
            return regions::PROVINCES.iter().filter(|c| !regions::outside_mainland(**c)).map(|c| c.to_string()).chain(["unknown".to_string()]).collect();
        }
        _ => &[],
    };
    fixed.iter().map(|o| o.to_string()).collect()
}

/// The options question `id` offers, given the other answers: "TA 未满 16 周岁" is not offered
/// for a relative who is certainly older than that (a parent, a spouse, a grandparent…).
fn offered(id: &str, st: &State) -> Vec<String> {
    let mut all = options(id);
    if id == "phone" && crate::outcome::adult_by_relation(st.get("who")) {
        all.retain(|v| v != "under16");
    }
    all
}

/// Whether `value` is one question `id` accepts without offering it (who=parent).
fn accepted_only(id: &str, value: &str) -> bool {
    id == "who" && WHO_ALSO.contains(&value)
}

/// Every value question `id` accepts: the options it offers, then any it accepts without offering.
pub fn accepted(id: &str) -> Vec<String> {
    let mut all = options(id);
    all.extend(WHO_ALSO.iter().filter(|v| accepted_only(id, v)).map(|v| v.to_string()));
    all
}

/// The relation the answer to "who" names (`Other` for 其他亲戚 and 不清楚).
pub fn relation_of(who: Option<&str>) -> Relation {
    match who {
        Some("mother" | "father" | "parent") => Relation::Parent,
        Some("spouse") => Relation::Spouse,
        Some("child") => Relation::Child,
        Some("grandparent") => Relation::Grandparent,
        Some("grandchild") => Relation::Grandchild,
        Some("sibling") => Relation::Sibling,
        Some("parent_in_law") => Relation::ParentInLaw,
        Some("child_in_law") => Relation::ChildInLaw,
        _ => Relation::Other,
    }
}

/// Whether the user can possibly share their account with this relative (so geography and
/// costs can change the answer).
pub fn sharing_possible(st: &State) -> bool {
    let me = matches!(st.get("my_scheme"), None | Some("employee_balance") | Some("unknown"));
    let rel = !matches!(relation_of(st.get("who")), Relation::ParentInLaw | Relation::ChildInLaw);
    me && rel
}

fn applicable(id: &str, st: &State) -> bool {
    match id {
        "my_region" => st.region.is_none(),
        "place" | "costs" => sharing_possible(st),
        "their_province" => sharing_possible(st) && st.get("place") == Some("other_province"),
        _ => true,
    }
}

fn label(loc: Locale, id: &str, value: &str) -> String {
    if value == "unknown" {
        return i18n::text(loc, Key::QOptUnknown).to_string();
    }
    let key = if id == "my_region" || id == "their_province" { parse_region(value).and_then(i18n::find::region) } else { i18n::find::q_option(id, value) };
    key.map_or(value, |i| i18n::text(loc, i)).to_string()
}

/// The question ids on the current path, in order.
pub fn path(st: &State) -> Vec<&'static str> {
    ORDER.into_iter().filter(|id| applicable(id, st)).collect()
}

/// A province-level code stands for its first city (`xx0100`, the capital's code), so that the
/// pooling area is known; municipalities, cities and counties stay as they are.
fn city_level(code: u32) -> u32 {
    if code == regions::province_of(code) && !regions::MUNICIPALITIES.contains(&code) {
        code + 100
    } else {
        code
    }
}

/// Builds the two-person scenario the answers describe.
pub fn scenario(st: &State, today: Date) -> Scenario {
    // The user's region: the host's (a city or county), else the province answered.
    let my_region = st.region.or_else(|| st.get("my_region").and_then(parse_region)).map(city_level);
    let relation = relation_of(st.get("who"));
    // The rules take an age for the 亲情账户's document band and for "likely needs help showing a
    // code"; the questionnaire asks neither. A stand-in age is used only where the band is a fact
    // the user gave (a relation that is certainly older, or "未满16周岁"); otherwise the age is
    // unknown and the outcome lists the documents of each band. No age is ever shown.
    let typical_age = match relation {
        Relation::Parent | Relation::Grandparent | Relation::ParentInLaw => Some(70),
        _ if crate::outcome::adult_by_relation(st.get("who")) => Some(40),
        _ => None,
    };
    let (age, smartphone) = match st.get("phone") {
        Some("can") => (typical_age, Some(true)),
        Some("cannot") => (typical_age, Some(false)),
        Some("under16") => (Some(10), None),
        _ => (None, None),
    };
    let (my_scheme, my_account) = match st.get("my_scheme") {
        Some("employee_balance") => (Scheme::Employee, Some(Account { prior_years: PLACEHOLDER_BALANCE, current_year: Fen::ZERO })),
        Some("employee_zero") => (Scheme::Employee, Some(Account::default())),
        Some("resident") => (Scheme::Resident, None),
        Some("none") => (Scheme::None, None),
        _ => (Scheme::Unknown, None),
    };
    let their_scheme = match st.get("their_scheme") {
        Some("employee") => Scheme::Employee,
        Some("resident") => Scheme::Resident,
        Some("none") => Scheme::None,
        _ => Scheme::Unknown,
    };
    let their_region = match (st.get("place"), my_region) {
        (Some("same_city"), r) => r,
        (Some("same_province"), Some(r)) => {
            let p = regions::province_of(r);
            // Another city of the same province (a code the book does not name).
            Some(if regions::MUNICIPALITIES.contains(&p) { p + 200 } else { p + 9900 })
        }
        (Some("other_province"), _) => st.get("their_province").and_then(parse_region).map(city_level),
        (None, r) if !sharing_possible(st) => r,
        _ => None,
    };
    // Costs: "yes" is a placeholder share (the questionnaire decides *which*, not how much);
    // "no" is a known zero; 不清楚 leaves them unknown, which the rules treat as unknown, not zero.
    // A relative who is not insured has a resident premium to pay whatever the answer.
    let mut costs = Costs::default();
    match st.get("costs") {
        Some("no") => costs.known = true,
        answer => {
            if their_scheme == Scheme::None {
                costs.premiums.push(Premium { kind: PremiumKind::Resident, amount: PLACEHOLDER_PREMIUM });
            } else if answer == Some("yes") {
                costs.known = true;
                costs.personal_share = PLACEHOLDER_SHARE;
            }
        }
    }
    // The two people are named in the user's language ("我" / "家人"): the names appear in texts.
    let me = Person {
        id: i18n::text(st.locale, Key::QNameMe).into(),
        relation: Relation::Me,
        age: Some(40),
        insurance: Insurance { scheme: my_scheme, status: Status::Active, retired: false, region: my_region },
        smartphone: Some(true),
        account: my_account,
        costs: Costs { known: true, ..Costs::default() },
    };
    let them = Person {
        id: i18n::text(st.locale, Key::QNameThem).into(),
        relation,
        age,
        insurance: Insurance { scheme: their_scheme, status: Status::Active, retired: false, region: their_region },
        smartphone,
        account: None,
        costs,
    };
    Scenario { as_of: st.as_of.unwrap_or(today), locale: st.locale, people: vec![me, them], bindings: Vec::new(), relations: Vec::new() }
}

/// What the page shows for a state: the next question, or the result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum View {
    Question(QuestionView),
    Done(Box<DoneView>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionView {
    /// 第 `step` 步 / 共 `total` 步.
    pub step: usize,
    pub total: usize,
    /// Always `false` here.
    pub done: bool,
    pub question: Question,
    pub answered: Vec<Answered>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Question {
    pub id: &'static str,
    pub text: String,
    pub help: String,
    pub options: Vec<QuestionOption>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QuestionOption {
    pub value: String,
    pub label: String,
}

/// A question answered on the current path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Answered {
    pub id: &'static str,
    pub question: String,
    /// The answer's label in the state's locale.
    pub answer: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DoneView {
    pub step: usize,
    pub total: usize,
    /// Always `true` here.
    pub done: bool,
    pub answered: Vec<Answered>,
    /// What each 不清楚 answer was taken to mean.
    pub assumptions: Vec<String>,
    /// What the page shows: the outcome for the relative, composed from the rules' codes and the
    /// answers (`src/outcome.rs`).
    pub outcome: crate::outcome::Outcome,
    /// The rules' review notice for the date answered for (the page shows its text when the
    /// rules are past their review date), and the receipt: the book and the date.
    pub review: Review,
    pub receipt: Receipt,
}

/// A question's text, help or 不清楚 note in the state's words: in Chinese, 她 or 他 for "TA"
/// once the answer says which (母亲, 父亲), as in the outcome.
fn in_words(st: &State, text: &str) -> String {
    crate::outcome::in_words(st.locale, st.get("who"), text)
}

fn question_text(st: &State, id: &'static str) -> String {
    in_words(st, i18n::find::q_text(id).map_or(id, |i| i18n::text(st.locale, i)))
}

/// The questions answered so far on the current path, with their answers.
fn answered(st: &State, ids: &[&'static str]) -> Vec<Answered> {
    let loc = st.locale;
    ids.iter()
        .filter_map(|&id| st.get(id).map(|v| Answered { id, question: question_text(st, id), answer: in_words(st, &label(loc, id, v)), value: v.to_string() }))
        .collect()
}

/// The view for the current state: the next question, or the result.
pub fn view(st: &State, today: Date) -> View {
    let loc = st.locale;
    let ids = path(st);
    let total = ids.len();
    if let Some(i) = ids.iter().position(|id| st.get(id).is_none()) {
        let id = ids[i];
        let options = offered(id, st).into_iter().map(|o| QuestionOption { label: in_words(st, &label(loc, id, &o)), value: o }).collect();
        let help = in_words(st, i18n::find::q_help(id).map_or("", |i| i18n::text(loc, i)));
        return View::Question(QuestionView { step: i + 1, total, done: false, question: Question { id, text: question_text(st, id), help, options }, answered: answered(st, &ids) });
    }
    let sc = scenario(st, today);
    // The questionnaire's scenario is valid by construction.
    let r = crate::rules::run(&sc);
    let outcome = crate::outcome::outcome(st, &ids, &r).with_pronoun(loc, st.get("who"));
    let assumptions = ids
        .iter()
        .filter(|id| st.get(id) == Some("unknown"))
        .filter_map(|id| i18n::find::q_assume(id).map(|i| i18n::text(loc, i)))
        .filter(|text| !text.is_empty())
        .map(|text| in_words(st, text))
        .collect();
    View::Done(Box::new(DoneView {
        step: total,
        total,
        done: true,
        answered: answered(st, &ids),
        assumptions,
        outcome,
        review: Review::of(&r, &crate::render::Renderer::new(loc, &sc.people)),
        receipt: Receipt::new(r.as_of),
    }))
}

/// A state as JSON text → the view as JSON text, or `{"error":…}` (native: tests, fuzzing).
/// Every syntax error is `MALFORMED_JSON` here (too deep or too large included).
#[cfg(not(target_arch = "wasm32"))]
pub fn run_json(state: &str, today: Date) -> String {
    match state_of_json(state) {
        Ok(st) => crate::to_json(&view(&st, today), false),
        Err(e) => crate::to_json(&contract::report::ErrorBody { error: &e }, false),
    }
}

/// For a finished state as JSON text, the rules' whole report on the two-person family its answers
/// describe, with the questionnaire's stand-in names ("我" / "家人"), ages and amounts (native:
/// tests and analysts; the page shows the `outcome`, which states none of them). `null` while a
/// question is open; `{"error":…}` for a bad state.
#[cfg(not(target_arch = "wasm32"))]
pub fn report_json(state: &str, today: Date) -> String {
    let st = match state_of_json(state) {
        Ok(st) => st,
        Err(e) => return crate::to_json(&contract::report::ErrorBody { error: &e }, false),
    };
    if path(&st).iter().any(|id| st.get(id).is_none()) {
        return "null".into();
    }
    let sc = scenario(&st, today);
    let mut r = crate::rules::run(&sc);
    // The amounts are stand-ins: say what sharing pays, not how much.
    for p in &mut r.people {
        let to = vec![("to", Arg::Person(p.index))];
        for why in &mut p.why {
            match why.code {
                "GONGJI_PAYS" => why.msg = Msg::new(Key::QWhyGongjiPays, to.clone()),
                "MONEY_CONDITIONAL" => why.msg = Msg::new(Key::QWhyMoneyConditional, to.clone()),
                _ => {}
            }
        }
    }
    crate::to_json(&contract::Report::new(&sc, &r, st.locale), false)
}

#[cfg(not(target_arch = "wasm32"))]
fn state_of_json(state: &str) -> Result<State, InputError> {
    let st = contract::json::from_str::<StateIn>(state).map_err(|f| match f.code {
        "TOO_DEEP" => Failure { code: "MALFORMED_JSON", ..f },
        // Too large or empty: the position is the end of the text (the start when too large).
        "INPUT_TOO_LARGE" | "EMPTY_INPUT" => {
            let upto = if f.code == "EMPTY_INPUT" { state } else { "" };
            let line = upto.matches('\n').count() + 1;
            let column = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Failure::new("", "MALFORMED_JSON").arg("line", line.to_string()).arg("column", column.to_string())
        }
        _ => f,
    });
    st.map_err(|f| f.localize(Locale::ZhHans)).and_then(|st| validate(&st))
}
