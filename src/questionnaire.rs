//! The questionnaire: one question at a time, only what can change the answer, every question
//! with 不清楚. Routing lives here; wording lives in the catalogs (`q.*`); the page renders.
//!
//! State is plain data — `{"locale","region","as_of","answers":{id: value}}` — with no amounts
//! or identities, so it can round-trip through a URL. Answers that no longer apply are ignored.
//! When done, the answers become a two-person scenario (the user and the relative asked about)
//! with placeholder amounts; the recommendation, not the money, is the questionnaire's result.

use crate::date::Date;
use crate::i18n::{self, k};
use crate::json::{self, Value};
use crate::model::*;
use crate::money::Fen;
use crate::policy::regions;
use crate::text::{cat, u64_string};

pub const ORDER: [&str; 8] = ["who", "my_region", "phone", "my_scheme", "their_scheme", "place", "their_province", "costs"];

const WHO: &[&str] = &["parent", "spouse", "child", "grandparent", "grandchild", "sibling", "parent_in_law", "child_in_law", "other", "unknown"];
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

/// Calls `f` with each value the question offers, in order: a fixed list, or the mainland
/// provinces' codes then `unknown`. (A callback, so no list of strings is built.)
fn each_option(id: &str, f: &mut dyn FnMut(&str)) {
    let list: &[&str] = match id {
        "who" => WHO,
        "phone" => PHONE,
        "my_scheme" => MY_SCHEME,
        "their_scheme" => THEIR_SCHEME,
        "place" => PLACE,
        "costs" => COSTS,
        "my_region" | "their_province" => {
            for &c in regions::PROVINCES.iter().filter(|c| !regions::outside_mainland(**c)) {
                f(&u64_string(c as u64));
            }
            &["unknown"]
        }
        _ => &[],
    };
    for o in list {
        f(o);
    }
}

/// Whether the user can possibly share their account with this relative (so geography and
/// costs can change the answer).
fn sharing_possible(st: &State) -> bool {
    let me = matches!(st.get("my_scheme"), None | Some("employee_balance") | Some("unknown"));
    let rel = !matches!(st.get("who"), Some("parent_in_law") | Some("child_in_law"));
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
        return i18n::text(loc, k::Q_OPT_UNKNOWN).to_string();
    }
    let key = if id == "my_region" || id == "their_province" { crate::decode::parse_region(value).and_then(i18n::find::region) } else { i18n::find::q_option(id, value) };
    key.map_or(value, |i| i18n::text(loc, i)).to_string()
}

/// `more` fills the message's other placeholders (`allowed`, `expected`).
fn err(loc: Locale, path: &str, code: &'static str, got: &str, more: &[(&str, &str)]) -> InputError {
    let mut args = vec![("got", got)];
    args.extend_from_slice(more);
    crate::decode::input_error(loc, path.to_string(), code, &args)
}

pub fn decode_state(text: &str) -> Result<State, InputError> {
    let loc = Locale::ZhHans;
    // Every syntax error is MALFORMED_JSON here (too deep or too large included).
    let v = json::parse(text).map_err(|e| crate::decode::syntax_error(&e, "MALFORMED_JSON"))?;
    let members = match &v {
        Value::Obj(m) => m,
        _ => return Err(err(loc, "", "WRONG_TYPE", v.type_name(), &[("expected", "object")])),
    };
    let mut st = State { locale: Locale::ZhHans, region: None, as_of: None, answers: Vec::new() };
    for (key, val) in members {
        match (key.as_str(), val) {
            (_, Value::Null) => {}
            ("locale", Value::Str(s)) => st.locale = Locale::parse(s).ok_or_else(|| err(loc, "locale", "UNKNOWN_VALUE", s, &[("allowed", &crate::text::join(&crate::decode::LOCALES, ", "))]))?,
            ("region", Value::Str(s)) => st.region = Some(crate::decode::parse_region(s).ok_or_else(|| err(loc, "region", "UNKNOWN_REGION", s, &[]))?),
            ("as_of", Value::Str(s)) => st.as_of = Some(Date::parse(s).ok_or_else(|| err(loc, "as_of", "INVALID_DATE", s, &[]))?),
            ("answers", Value::Obj(a)) => {
                for (id, ans) in a {
                    let path = cat(&["answers.", id]);
                    if !ORDER.contains(&id.as_str()) {
                        return Err(err(st.locale, &path, "UNKNOWN_FIELD", id, &[("allowed", &crate::text::join(&ORDER, ", "))]));
                    }
                    let s = match ans {
                        Value::Str(s) => s,
                        Value::Null => continue,
                        other => return Err(err(st.locale, &path, "WRONG_TYPE", other.type_name(), &[("expected", "string")])),
                    };
                    let (mut found, mut allowed) = (false, String::new());
                    each_option(id, &mut |o| {
                        found |= o == s;
                        if !allowed.is_empty() {
                            allowed.push_str(", ");
                        }
                        allowed.push_str(o);
                    });
                    if !found {
                        return Err(err(st.locale, &path, "UNKNOWN_VALUE", s, &[("allowed", &allowed)]));
                    }
                    if !st.answers.iter().any(|(k2, _)| k2 == id) {
                        st.answers.push((id.clone(), s.clone()));
                    }
                }
            }
            ("locale" | "region" | "as_of" | "answers", other) => {
                return Err(err(loc, key, "WRONG_TYPE", other.type_name(), &[("expected", if key == "answers" { "object" } else { "string" })]))
            }
            _ => return Err(err(loc, key, "UNKNOWN_FIELD", key, &[("allowed", "locale, region, as_of, answers")])),
        }
    }
    Ok(st)
}

/// The question ids on the current path, in order.
pub fn path(st: &State) -> Vec<&'static str> {
    let mut ids = Vec::new();
    for id in ORDER {
        if applicable(id, st) {
            ids.push(id);
        }
    }
    ids
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
    let my_region = st.region.or_else(|| st.get("my_region").and_then(crate::decode::parse_region)).map(city_level);
    let relation = match st.get("who") {
        Some("parent") => Relation::Parent,
        Some("spouse") => Relation::Spouse,
        Some("child") => Relation::Child,
        Some("grandparent") => Relation::Grandparent,
        Some("grandchild") => Relation::Grandchild,
        Some("sibling") => Relation::Sibling,
        Some("parent_in_law") => Relation::ParentInLaw,
        Some("child_in_law") => Relation::ChildInLaw,
        _ => Relation::Other,
    };
    let typical_age = match relation {
        Relation::Parent | Relation::Grandparent | Relation::ParentInLaw => 70,
        Relation::Child | Relation::Grandchild | Relation::ChildInLaw => 20,
        _ => 40,
    };
    let (age, smartphone) = match st.get("phone") {
        Some("can") => (Some(typical_age), Some(true)),
        Some("cannot") => (Some(typical_age), Some(false)),
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
        (Some("other_province"), _) => st.get("their_province").and_then(crate::decode::parse_region).map(city_level),
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
        id: i18n::text(st.locale, k::Q_NAME_ME).into(),
        relation: Relation::Me,
        age: Some(40),
        insurance: Insurance { scheme: my_scheme, status: Status::Active, retired: false, region: my_region },
        smartphone: Some(true),
        account: my_account,
        costs: Costs { known: true, ..Costs::default() },
    };
    let them = Person {
        id: i18n::text(st.locale, k::Q_NAME_THEM).into(),
        relation,
        age,
        insurance: Insurance { scheme: their_scheme, status: Status::Active, retired: false, region: their_region },
        smartphone,
        account: None,
        costs,
    };
    Scenario { as_of: st.as_of.unwrap_or(today), locale: st.locale, people: vec![me, them], bindings: Vec::new(), relations: Vec::new() }
}

/// The questions answered so far on the current path, with their answers.
fn answered(w: &mut json::Writer, st: &State, ids: &[&str]) {
    let loc = st.locale;
    w.key("answered").begin_arr();
    for id in ids {
        if let Some(v) = st.get(id) {
            w.begin_obj()
                .s("id", id)
                .s("question", i18n::find::q_text(id).map_or(id, |i| i18n::text(loc, i)))
                .s("answer", &label(loc, id, v))
                .s("value", v)
                .end_obj();
        }
    }
    w.end_arr();
}

/// Writes the view for the current state: the next question, or the result.
pub fn view(w: &mut json::Writer, st: &State, today: Date) {
    let loc = st.locale;
    let ids = path(st);
    let total = ids.len() as i64;
    match ids.iter().position(|id| st.get(id).is_none()) {
        Some(i) => {
            let id = ids[i];
            w.begin_obj().i("step", i as i64 + 1).i("total", total).b("done", false);
            w.key("question")
                .begin_obj()
                .s("id", id)
                .s("text", i18n::find::q_text(id).map_or(id, |i| i18n::text(loc, i)))
                .s("help", i18n::find::q_help(id).map_or("", |i| i18n::text(loc, i)))
                .key("options")
                .begin_arr();
            each_option(id, &mut |o| {
                w.begin_obj().s("value", o).s("label", &label(loc, id, o)).end_obj();
            });
            w.end_arr().end_obj();
            answered(w, st, &ids);
            w.end_obj();
        }
        None => {
            let sc = scenario(st, today);
            w.begin_obj().i("step", total).i("total", total).b("done", true);
            answered(w, st, &ids);
            // What each 不清楚 answer was taken to mean.
            w.i("subject_index", 1).key("assumptions").begin_arr();
            for id in &ids {
                let text = i18n::find::q_assume(id).map_or("", |i| i18n::text(loc, i));
                if st.get(id) == Some("unknown") && !text.is_empty() {
                    w.str(text);
                }
            }
            w.end_arr().s("placeholder_note", i18n::text(loc, k::Q_PLACEHOLDER_NOTE)).key("report");
            // The questionnaire's scenario is valid by construction.
            let mut r = crate::evaluate_valid(&sc);
            // The amounts are placeholders: say what sharing pays, not how much.
            for p in &mut r.people {
                let name = sc.people.get(p.index).map(|x| x.id.as_str()).unwrap_or("");
                for why in &mut p.why {
                    match why.code {
                        "GONGJI_PAYS" => why.text = i18n::t(loc, k::Q_WHY_GONGJI_PAYS, &[("to", name)]),
                        "MONEY_CONDITIONAL" => why.text = i18n::t(loc, k::Q_WHY_MONEY_CONDITIONAL, &[("to", name)]),
                        _ => {}
                    }
                }
            }
            crate::encode::report(w, &sc, &r);
            w.end_obj();
        }
    }
}

pub fn run_json(state: &str, today: Date) -> String {
    let mut w = json::Writer::new(false);
    match decode_state(state) {
        Ok(st) => view(&mut w, &st, today),
        Err(e) => crate::decode::write_error(&mut w, &e),
    }
    w.finish()
}
