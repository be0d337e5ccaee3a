//! [`validate`]: a scenario as written → the engine's [`model::Scenario`], or the first input
//! error, with its field path and a message in the scenario's locale. It checks what the serde
//! types do not: required fields, enum values, dates, regions, ids, bounded whole numbers, the
//! one `self`, and the people that bindings and relations name (resolved to indices).

use super::scenario as wire;
use super::{Failure, Num};
use crate::date::Date;
use crate::model::{self, *};
use crate::money::Fen;
use crate::policy::regions;

/// 10 亿元: larger amounts are rejected as implausible (and cannot overflow any sum).
pub const MAX_MONEY: i64 = 100_000_000_000;
pub const MAX_PEOPLE: usize = 30;
pub const MAX_ITEMS: usize = 100;
pub const MAX_PREMIUMS: usize = 20;
pub const MAX_BINDINGS: usize = 200;
pub const MAX_AGE: i64 = 130;
pub const MAX_ID_CHARS: usize = 64;

/// The locales an input may name, as error messages list them (`Locale::parse` also takes a
/// few aliases).
pub const LOCALES: [&str; 3] = ["zh-Hans", "zh-Hant", "en"];

/// A six-digit GB/T 2260 code whose first two digits name a province.
pub fn parse_region(s: &str) -> Option<u32> {
    if s.len() != 6 || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| regions::is_valid(n))
}

type R<T> = Result<T, Failure>;

fn missing(path: &str) -> Failure {
    Failure::new(path, "MISSING_FIELD")
}

fn required<'a, T>(v: &'a Option<T>, path: &str) -> R<&'a T> {
    v.as_ref().ok_or_else(|| missing(path))
}

/// `UNKNOWN_VALUE`, listing the names allowed.
fn unknown_value(path: &str, got: &str, allowed: &[&str]) -> Failure {
    Failure::new(path, "UNKNOWN_VALUE").arg("got", got).arg("allowed", allowed.join(", "))
}

/// A string naming one of `names` (`model::named!`): its index.
fn name_index(s: &str, path: &str, names: &[&str]) -> R<usize> {
    names.iter().position(|n| *n == s).ok_or_else(|| unknown_value(path, s, names))
}

/// A whole number from 0 to `max`: `low` below, `high` above (both errors get the value as
/// written and the maximum); a fraction or an exponent is `NOT_INTEGER`.
fn bounded(n: &Num, path: &str, max: i64, low: &'static str, high: &'static str) -> R<i64> {
    let (negative, got) = match n {
        Num::Int(i) if (0..=max).contains(i) => return Ok(*i),
        Num::Int(i) => (*i < 0, i.to_string()),
        Num::BigInt(raw) => (raw.starts_with('-'), raw.clone()),
        Num::Other(raw) => return Err(Failure::new(path, "NOT_INTEGER").arg("got", raw.as_str())),
    };
    Err(Failure::new(path, if negative { low } else { high }).arg("got", got).arg("max", max.to_string()))
}

fn money(n: &Num, path: &str) -> R<Fen> {
    bounded(n, path, MAX_MONEY, "NEGATIVE_MONEY", "OUT_OF_RANGE").map(Fen)
}

/// An optional amount; absent is zero.
fn money_or_zero(n: &Option<Num>, path: &str) -> R<Fen> {
    n.as_ref().map_or(Ok(Fen::ZERO), |n| money(n, path))
}

fn too_many(path: &str, max: usize) -> Failure {
    Failure::new(path, "TOO_MANY").arg("max", max.to_string())
}

/// A list of at most `max` entries.
fn list<'a, T>(v: &'a [T], path: &str, max: usize) -> R<&'a [T]> {
    if v.len() > max {
        return Err(too_many(path, max));
    }
    Ok(v)
}

/// The scenario's locale, as far as it can be read: error messages are written in it.
pub fn locale_of(sc: &wire::Scenario) -> Locale {
    sc.locale.as_deref().and_then(Locale::parse).unwrap_or(Locale::ZhHans)
}

/// Checks a scenario as written and builds the engine's form of it. `today` fills a missing
/// `as_of`. Every path into the engine runs this.
pub fn validate(sc: &wire::Scenario, today: Date) -> Result<model::Scenario, InputError> {
    scenario(sc, today).map_err(|f| f.localize(locale_of(sc)))
}

fn scenario(sc: &wire::Scenario, today: Date) -> R<model::Scenario> {
    let as_of = match &sc.as_of {
        None => today,
        Some(s) => Date::parse(s).ok_or_else(|| Failure::new("as_of", "INVALID_DATE").arg("got", s.as_str()))?,
    };
    let locale = match &sc.locale {
        None => Locale::ZhHans,
        Some(s) => Locale::parse(s).ok_or_else(|| unknown_value("locale", s, &LOCALES))?,
    };
    let people_in = list(required(&sc.people, "people")?, "people", MAX_PEOPLE)?;
    let mut people: Vec<Person> = Vec::with_capacity(people_in.len());
    for (i, p) in people_in.iter().enumerate() {
        let at = format!("people[{i}]");
        let p = person(p, &at)?;
        if people.iter().any(|q| q.id == p.id) {
            return Err(Failure::new(format!("{at}.id"), "DUPLICATE_ID").arg("got", p.id));
        }
        people.push(p);
    }
    // Exactly one `self`: the second one is named.
    let mut selves = people.iter().enumerate().filter(|(_, p)| p.relation == Relation::Me).map(|(i, _)| i);
    if selves.next().is_none() {
        return Err(Failure::new("people", "NO_SELF"));
    }
    if let Some(i) = selves.next() {
        return Err(Failure::new(format!("people[{i}].relation"), "MULTIPLE_SELF"));
    }

    let mut bindings = Vec::new();
    for (i, b) in list(sc.bindings.as_deref().unwrap_or_default(), "bindings", MAX_BINDINGS)?.iter().enumerate() {
        let at = format!("bindings[{i}]");
        let (from, to, kind) = link(&at, &people, [("from", &b.from), ("to", &b.to), ("kind", &b.kind)], BindingKind::NAMES)?;
        let binding = Binding { from, to, kind: BindingKind::ALL[kind] };
        if bindings.contains(&binding) {
            return Err(Failure::new(at, "DUPLICATE_BINDING"));
        }
        bindings.push(binding);
    }

    let mut relations = Vec::new();
    for (i, r) in list(sc.relations.as_deref().unwrap_or_default(), "relations", MAX_BINDINGS)?.iter().enumerate() {
        let at = format!("relations[{i}]");
        let (a, b, relation) = link(&at, &people, [("a", &r.a), ("b", &r.b), ("relation", &r.relation)], Relation::NAMES)?;
        let relation = Relation::ALL[relation];
        if relation == Relation::Me {
            return Err(unknown_value(&format!("{at}.relation"), "self", Relation::NAMES));
        }
        relations.push(PairRelation { a, b, relation });
    }
    Ok(model::Scenario { as_of, locale, people, bindings, relations })
}

/// A member of `bindings` or `relations`: two person ids and a member naming one of `names`.
/// Returns the two people's indices and the name's index.
fn link(at: &str, people: &[Person], [(ka, a), (kb, b), (kn, name)]: [(&str, &Option<String>); 3], names: &[&str]) -> R<(usize, usize, usize)> {
    let (a_at, b_at) = (format!("{at}.{ka}"), format!("{at}.{kb}"));
    // Both ids are read before either is looked up.
    let a_id = required(a, &a_at)?;
    let b_id = required(b, &b_at)?;
    let find = |id: &str, path: &str| people.iter().position(|p| p.id == id).ok_or_else(|| Failure::new(path, "UNKNOWN_PERSON").arg("got", id));
    let a = find(a_id, &a_at)?;
    let b = find(b_id, &b_at)?;
    let name_at = format!("{at}.{kn}");
    let name = name_index(required(name, &name_at)?, &name_at, names)?;
    if a == b {
        return Err(Failure::new(b_at, "SELF_BINDING"));
    }
    Ok((a, b, name))
}

fn person(p: &wire::Person, at: &str) -> R<Person> {
    let field = |name: &str| format!("{at}.{name}");
    let id_at = field("id");
    let id = required(&p.id, &id_at)?;
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_control) {
        return Err(Failure::new(id_at, "INVALID_ID").arg("max", MAX_ID_CHARS.to_string()));
    }
    let rel_at = field("relation");
    let relation = Relation::ALL[name_index(required(&p.relation, &rel_at)?, &rel_at, Relation::NAMES)?];
    let age = match &p.age {
        None => None,
        Some(a) => Some(bounded(a, &field("age"), MAX_AGE, "IMPOSSIBLE_AGE", "IMPOSSIBLE_AGE")? as u32),
    };
    let ins_at = field("insurance");
    let ins = required(&p.insurance, &ins_at)?;
    let scheme_at = format!("{ins_at}.scheme");
    let scheme = Scheme::ALL[name_index(required(&ins.scheme, &scheme_at)?, &scheme_at, Scheme::NAMES)?];
    let status = match &ins.status {
        None => Status::Active,
        Some(s) => Status::ALL[name_index(s, &format!("{ins_at}.status"), Status::NAMES)?],
    };
    let region = match &ins.region {
        None => None,
        Some(s) => Some(parse_region(s).ok_or_else(|| Failure::new(format!("{ins_at}.region"), "UNKNOWN_REGION").arg("got", s.as_str()))?),
    };
    let account = match &p.account {
        None => None,
        Some(a) => {
            let acc_at = field("account");
            if !matches!(scheme, Scheme::Employee | Scheme::Unknown) {
                return Err(Failure::new(acc_at, "ACCOUNT_NOT_EMPLOYEE"));
            }
            let prior_years = money_or_zero(&a.prior_years, &format!("{acc_at}.prior_years"))?;
            let current_year = money_or_zero(&a.current_year, &format!("{acc_at}.current_year"))?;
            Some(Account { prior_years, current_year })
        }
    };
    let costs = match &p.costs {
        None => Costs::default(),
        Some(c) => costs(c, &field("costs"))?,
    };
    let insurance = Insurance { scheme, status, retired: ins.retired.unwrap_or(false), region };
    Ok(Person { id: id.clone(), relation, age, insurance, smartphone: p.smartphone, account, costs })
}

fn costs(c: &wire::Costs, at: &str) -> R<Costs> {
    let personal_share = money_or_zero(&c.personal_share, &format!("{at}.personal_share"))?;
    // Medical costs are known when either way of giving them is present (an explicit
    // `personal_share: 0` means none); premiums alone say nothing about medical costs.
    let known = c.personal_share.is_some() || c.items.is_some();
    let items_at = format!("{at}.items");
    let items = list(c.items.as_deref().unwrap_or_default(), &items_at, MAX_ITEMS)?
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let item_at = format!("{items_at}[{i}]");
            let kind_at = format!("{item_at}.kind");
            let kind = ItemKind::ALL[name_index(required(&it.kind, &kind_at)?, &kind_at, ItemKind::NAMES)?];
            let tier = it.tier.as_ref().map(|t| tier(t, &format!("{item_at}.tier"))).transpose()?;
            let amount_at = format!("{item_at}.amount");
            let amount = money(required(&it.amount, &amount_at)?, &amount_at)?;
            Ok(Item { kind, tier, amount })
        })
        .collect::<R<Vec<_>>>()?;
    let premiums_at = format!("{at}.premiums");
    let premiums = list(c.premiums.as_deref().unwrap_or_default(), &premiums_at, MAX_PREMIUMS)?
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let item_at = format!("{premiums_at}[{i}]");
            let kind_at = format!("{item_at}.kind");
            let kind = PremiumKind::ALL[name_index(required(&it.kind, &kind_at)?, &kind_at, PremiumKind::NAMES)?];
            let amount_at = format!("{item_at}.amount");
            let amount = money(required(&it.amount, &amount_at)?, &amount_at)?;
            Ok(Premium { kind, amount })
        })
        .collect::<R<Vec<_>>>()?;
    Ok(Costs { known, personal_share, items, premiums })
}

/// A hospital tier: 1, 2, 3, or 0 for un-graded.
fn tier(n: &Num, path: &str) -> R<u8> {
    match n {
        Num::Int(t) if (0..=3).contains(t) => Ok(*t as u8),
        Num::Int(t) => Err(Failure::new(path, "UNKNOWN_VALUE").arg("got", t.to_string()).arg("allowed", "0, 1, 2, 3")),
        Num::BigInt(raw) | Num::Other(raw) => Err(Failure::new(path, "NOT_INTEGER").arg("got", raw.as_str())),
    }
}
