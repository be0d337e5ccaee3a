//! Scenario JSON → [`Scenario`], validating everything and naming the field of every error.
//! No input can panic here: every access is checked, sizes and depth are bounded.

use crate::date::Date;
use crate::i18n::{k, t};
use crate::json::{self, Num, SyntaxKind, Value};
use crate::model::*;
use crate::money::Fen;
use crate::policy::regions;
use crate::text::{cat, u64_string};

/// 10 亿元: larger amounts are rejected as implausible (and cannot overflow any sum).
pub const MAX_MONEY: i64 = 100_000_000_000;
pub const MAX_PEOPLE: usize = 30;
pub const MAX_ITEMS: usize = 100;
pub const MAX_PREMIUMS: usize = 20;
pub const MAX_BINDINGS: usize = 200;
pub const MAX_AGE: i64 = 130;
pub const MAX_ID_CHARS: usize = 64;

pub struct Decoder {
    locale: Locale,
}

/// Errors are boxed while decoding: every `?` then moves one pointer, not a whole error
/// (which keeps the decoder about a third smaller in wasm).
type R<T> = Result<T, Box<InputError>>;

fn path_key(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        cat(&[parent, ".", key])
    }
}

fn path_index(parent: &str, i: usize) -> String {
    cat(&[parent, "[", &u64_string(i as u64), "]"])
}

/// Parses and validates a scenario. `today` fills a missing `as_of`.
pub fn decode_str(text: &str, today: Date) -> Result<Scenario, InputError> {
    let v = match json::parse(text) {
        Ok(v) => v,
        Err(e) => {
            let (line, col) = json::position_text(&e);
            let code = match e.kind {
                SyntaxKind::TooLarge => "INPUT_TOO_LARGE",
                SyntaxKind::TooDeep => "TOO_DEEP",
                SyntaxKind::Empty => "EMPTY_INPUT",
                _ => "MALFORMED_JSON",
            };
            // The locale is unknown when the text does not parse: messages are in zh-Hans.
            let message = t(Locale::ZhHans, error_key(code), &[("line", &line), ("column", &col)]);
            return Err(InputError { path: String::new(), code, message });
        }
    };
    decode_value(&v, today).map_err(|e| *e)
}

pub fn decode_value(v: &Value, today: Date) -> R<Scenario> {
    // Errors are written in the scenario's own locale when it names a valid one.
    let locale = v.get("locale").and_then(|l| match l {
        Value::Str(s) => Locale::parse(s),
        _ => None,
    });
    let d = Decoder { locale: locale.unwrap_or(Locale::ZhHans) };
    d.scenario(v, today)
}

fn error_key(code: &str) -> usize {
    crate::i18n::find::error(code).unwrap_or(k::ERROR_INVALID)
}

impl Decoder {
    fn err(&self, path: &str, code: &'static str, args: &[(&str, &str)]) -> Box<InputError> {
        let mut all: Vec<(&str, &str)> = vec![("path", if path.is_empty() { "$" } else { path })];
        all.extend_from_slice(args);
        Box::new(InputError { path: path.to_string(), code, message: t(self.locale, error_key(code), &all) })
    }

    fn wrong_type(&self, path: &str, expected: &str, got: &Value) -> Box<InputError> {
        self.err(path, "WRONG_TYPE", &[("expected", expected), ("got", got.type_name())])
    }

    /// Checks an object's keys: known, not repeated. Returns the members.
    fn object<'v>(&self, v: &'v Value, path: &str, allowed: &[&str]) -> R<&'v [(String, Value)]> {
        let members = match v {
            Value::Obj(m) => m,
            other => return Err(self.wrong_type(path, "object", other)),
        };
        for (i, (key, _)) in members.iter().enumerate() {
            if !allowed.contains(&key.as_str()) {
                return Err(self.err(&path_key(path, key), "UNKNOWN_FIELD", &[("allowed", &allowed.join(", "))]));
            }
            if members[..i].iter().any(|(k2, _)| k2 == key) {
                return Err(self.err(&path_key(path, key), "DUPLICATE_FIELD", &[]));
            }
        }
        Ok(members)
    }

    fn field<'v>(members: &'v [(String, Value)], key: &str) -> Option<&'v Value> {
        members.iter().find(|(k2, _)| k2 == key).map(|(_, v)| v).filter(|v| !matches!(v, Value::Null))
    }

    fn required<'v>(&self, members: &'v [(String, Value)], parent: &str, key: &str) -> R<&'v Value> {
        Self::field(members, key).ok_or_else(|| self.err(&path_key(parent, key), "MISSING_FIELD", &[]))
    }

    fn string<'v>(&self, v: &'v Value, path: &str) -> R<&'v str> {
        match v {
            Value::Str(s) => Ok(s),
            other => Err(self.wrong_type(path, "string", other)),
        }
    }

    fn boolean(&self, v: &Value, path: &str) -> R<bool> {
        match v {
            Value::Bool(b) => Ok(*b),
            other => Err(self.wrong_type(path, "boolean", other)),
        }
    }

    fn integer(&self, v: &Value, path: &str) -> R<i64> {
        match v {
            Value::Num(Num::Int(i)) => Ok(*i),
            Value::Num(Num::Other(raw)) => Err(self.err(path, "NOT_INTEGER", &[("got", raw)])),
            other => Err(self.wrong_type(path, "integer", other)),
        }
    }

    fn money(&self, v: &Value, path: &str) -> R<Fen> {
        let i = match v {
            // A huge integer literal is "too large", not "not an integer".
            Value::Num(Num::Other(raw)) if raw.bytes().all(|c| c.is_ascii_digit() || c == b'-') => {
                return Err(if raw.starts_with('-') {
                    self.err(path, "NEGATIVE_MONEY", &[("got", raw)])
                } else {
                    self.err(path, "OUT_OF_RANGE", &[("max", "100000000000")])
                })
            }
            _ => self.integer(v, path)?,
        };
        if i < 0 {
            return Err(self.err(path, "NEGATIVE_MONEY", &[("got", &crate::text::i64_string(i))]));
        }
        if i > MAX_MONEY {
            return Err(self.err(path, "OUT_OF_RANGE", &[("max", "100000000000")]));
        }
        Ok(Fen(i))
    }

    fn array<'v>(&self, v: &'v Value, path: &str, max: usize) -> R<&'v [Value]> {
        match v {
            Value::Arr(items) => {
                if items.len() > max {
                    return Err(self.err(path, "TOO_MANY", &[("max", &u64_string(max as u64))]));
                }
                Ok(items)
            }
            other => Err(self.wrong_type(path, "array", other)),
        }
    }

    fn enumerated<T>(&self, v: &Value, path: &str, parse: fn(&str) -> Option<T>, allowed: &str) -> R<T> {
        let s = self.string(v, path)?;
        parse(s).ok_or_else(|| self.err(path, "UNKNOWN_VALUE", &[("got", s), ("allowed", allowed)]))
    }

    fn scenario(&self, v: &Value, today: Date) -> R<Scenario> {
        let m = self.object(v, "", &["as_of", "locale", "people", "bindings", "relations", "$schema", "comment"])?;
        let as_of = match Self::field(m, "as_of") {
            None => today,
            Some(x) => {
                let s = self.string(x, "as_of")?;
                Date::parse(s).ok_or_else(|| self.err("as_of", "INVALID_DATE", &[("got", s)]))?
            }
        };
        let locale = match Self::field(m, "locale") {
            None => Locale::ZhHans,
            Some(x) => self.enumerated(x, "locale", Locale::parse, LOCALE_LIST)?,
        };
        if let Some(c) = Self::field(m, "comment") {
            self.string(c, "comment")?;
        }
        if let Some(c) = Self::field(m, "$schema") {
            self.string(c, "$schema")?;
        }
        let people_v = self.array(self.required(m, "", "people")?, "people", MAX_PEOPLE)?;
        let mut people = Vec::with_capacity(people_v.len());
        for (i, pv) in people_v.iter().enumerate() {
            let p = self.person(pv, &path_index("people", i))?;
            if people.iter().any(|q: &Person| q.id == p.id) {
                return Err(self.err(&cat(&[&path_index("people", i), ".id"]), "DUPLICATE_ID", &[("got", &p.id)]));
            }
            people.push(p);
        }
        let selves: Vec<usize> = (0..people.len()).filter(|&i| people[i].relation == Relation::Me).collect();
        if selves.is_empty() {
            return Err(self.err("people", "NO_SELF", &[]));
        }
        if selves.len() > 1 {
            let p = cat(&[&path_index("people", selves[1]), ".relation"]);
            return Err(self.err(&p, "MULTIPLE_SELF", &[]));
        }
        let find = |id: &str| people.iter().position(|p| p.id == id);

        let mut bindings = Vec::new();
        if let Some(bv) = Self::field(m, "bindings") {
            for (i, b) in self.array(bv, "bindings", MAX_BINDINGS)?.iter().enumerate() {
                let path = path_index("bindings", i);
                let bm = self.object(b, &path, &["from", "to", "kind"])?;
                let from_p = path_key(&path, "from");
                let to_p = path_key(&path, "to");
                let from_id = self.string(self.required(bm, &path, "from")?, &from_p)?;
                let to_id = self.string(self.required(bm, &path, "to")?, &to_p)?;
                let from = find(from_id).ok_or_else(|| self.err(&from_p, "UNKNOWN_PERSON", &[("got", from_id)]))?;
                let to = find(to_id).ok_or_else(|| self.err(&to_p, "UNKNOWN_PERSON", &[("got", to_id)]))?;
                let kind = self.enumerated(
                    self.required(bm, &path, "kind")?,
                    &path_key(&path, "kind"),
                    |s| match s {
                        "gongji" => Some(BindingKind::Gongji),
                        "family_account" => Some(BindingKind::FamilyAccount),
                        _ => None,
                    },
                    "gongji, family_account",
                )?;
                if from == to {
                    return Err(self.err(&to_p, "SELF_BINDING", &[]));
                }
                let nb = Binding { from, to, kind };
                if bindings.contains(&nb) {
                    return Err(self.err(&path, "DUPLICATE_BINDING", &[]));
                }
                bindings.push(nb);
            }
        }

        let mut relations = Vec::new();
        if let Some(rv) = Self::field(m, "relations") {
            for (i, r) in self.array(rv, "relations", MAX_BINDINGS)?.iter().enumerate() {
                let path = path_index("relations", i);
                let rm = self.object(r, &path, &["a", "b", "relation"])?;
                let a_p = path_key(&path, "a");
                let b_p = path_key(&path, "b");
                let a_id = self.string(self.required(rm, &path, "a")?, &a_p)?;
                let b_id = self.string(self.required(rm, &path, "b")?, &b_p)?;
                let a = find(a_id).ok_or_else(|| self.err(&a_p, "UNKNOWN_PERSON", &[("got", a_id)]))?;
                let b = find(b_id).ok_or_else(|| self.err(&b_p, "UNKNOWN_PERSON", &[("got", b_id)]))?;
                let rel_p = path_key(&path, "relation");
                let relation = self.enumerated(self.required(rm, &path, "relation")?, &rel_p, Relation::parse, RELATION_LIST)?;
                if a == b {
                    return Err(self.err(&b_p, "SELF_BINDING", &[]));
                }
                if relation == Relation::Me {
                    return Err(self.err(&rel_p, "UNKNOWN_VALUE", &[("got", "self"), ("allowed", RELATION_LIST)]));
                }
                relations.push(PairRelation { a, b, relation });
            }
        }
        Ok(Scenario { as_of, locale, people, bindings, relations })
    }

    fn person(&self, v: &Value, path: &str) -> R<Person> {
        let m = self.object(v, path, &["id", "relation", "age", "insurance", "smartphone", "account", "costs", "name", "comment"])?;
        let id_p = path_key(path, "id");
        let id = self.string(self.required(m, path, "id")?, &id_p)?;
        if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(|c| c.is_control()) {
            return Err(self.err(&id_p, "INVALID_ID", &[("max", "64")]));
        }
        for extra in ["name", "comment"] {
            if let Some(x) = Self::field(m, extra) {
                self.string(x, &path_key(path, extra))?;
            }
        }
        let relation = self.enumerated(self.required(m, path, "relation")?, &path_key(path, "relation"), Relation::parse, RELATION_LIST)?;
        let age = match Self::field(m, "age") {
            None => None,
            Some(a) => {
                let ap = path_key(path, "age");
                let n = match a {
                    Value::Num(Num::Other(raw)) if raw.bytes().all(|c| c.is_ascii_digit() || c == b'-') => {
                        return Err(self.err(&ap, "IMPOSSIBLE_AGE", &[("got", raw)]))
                    }
                    _ => self.integer(a, &ap)?,
                };
                if !(0..=MAX_AGE).contains(&n) {
                    return Err(self.err(&ap, "IMPOSSIBLE_AGE", &[("got", &crate::text::i64_string(n))]));
                }
                Some(n as u32)
            }
        };
        let ins_p = path_key(path, "insurance");
        let im = self.object(self.required(m, path, "insurance")?, &ins_p, &["scheme", "status", "retired", "region"])?;
        let scheme = self.enumerated(self.required(im, &ins_p, "scheme")?, &path_key(&ins_p, "scheme"), Scheme::parse, "employee, resident, none, unknown")?;
        let status = match Self::field(im, "status") {
            None => Status::Active,
            Some(s) => self.enumerated(s, &path_key(&ins_p, "status"), Status::parse, "active, suspended, terminated")?,
        };
        let retired = match Self::field(im, "retired") {
            None => false,
            Some(b) => self.boolean(b, &path_key(&ins_p, "retired"))?,
        };
        let region = match Self::field(im, "region") {
            None => None,
            Some(r) => {
                let rp = path_key(&ins_p, "region");
                let s = self.string(r, &rp)?;
                let code = parse_region(s).ok_or_else(|| self.err(&rp, "UNKNOWN_REGION", &[("got", s)]))?;
                Some(code)
            }
        };
        let smartphone = match Self::field(m, "smartphone") {
            None => None,
            Some(b) => Some(self.boolean(b, &path_key(path, "smartphone"))?),
        };
        let account = match Self::field(m, "account") {
            None => None,
            Some(a) => {
                let ap = path_key(path, "account");
                if !matches!(scheme, Scheme::Employee | Scheme::Unknown) {
                    return Err(self.err(&ap, "ACCOUNT_NOT_EMPLOYEE", &[]));
                }
                let am = self.object(a, &ap, &["prior_years", "current_year"])?;
                let prior = match Self::field(am, "prior_years") {
                    None => Fen::ZERO,
                    Some(x) => self.money(x, &path_key(&ap, "prior_years"))?,
                };
                let current = match Self::field(am, "current_year") {
                    None => Fen::ZERO,
                    Some(x) => self.money(x, &path_key(&ap, "current_year"))?,
                };
                Some(Account { prior_years: prior, current_year: current })
            }
        };
        let costs = match Self::field(m, "costs") {
            None => Costs::default(),
            Some(c) => self.costs(c, &path_key(path, "costs"))?,
        };
        Ok(Person { id: id.to_string(), relation, age, insurance: Insurance { scheme, status, retired, region }, smartphone, account, costs })
    }

    fn costs(&self, v: &Value, path: &str) -> R<Costs> {
        let m = self.object(v, path, &["personal_share", "items", "premiums"])?;
        let personal_share = match Self::field(m, "personal_share") {
            None => Fen::ZERO,
            Some(x) => self.money(x, &path_key(path, "personal_share"))?,
        };
        let mut items = Vec::new();
        if let Some(iv) = Self::field(m, "items") {
            let ip = path_key(path, "items");
            for (i, it) in self.array(iv, &ip, MAX_ITEMS)?.iter().enumerate() {
                let p = path_index(&ip, i);
                let im = self.object(it, &p, &["kind", "tier", "amount", "comment"])?;
                let kind = self.enumerated(self.required(im, &p, "kind")?, &path_key(&p, "kind"), ItemKind::parse, ITEM_LIST)?;
                let tier = match Self::field(im, "tier") {
                    None => None,
                    Some(tv) => {
                        let tp = path_key(&p, "tier");
                        let n = self.integer(tv, &tp)?;
                        if !(0..=3).contains(&n) {
                            return Err(self.err(&tp, "UNKNOWN_VALUE", &[("got", &crate::text::i64_string(n)), ("allowed", "0, 1, 2, 3")]));
                        }
                        Some(n as u8)
                    }
                };
                if let Some(c) = Self::field(im, "comment") {
                    self.string(c, &path_key(&p, "comment"))?;
                }
                let amount = self.money(self.required(im, &p, "amount")?, &path_key(&p, "amount"))?;
                items.push(Item { kind, tier, amount });
            }
        }
        let mut premiums = Vec::new();
        if let Some(pv) = Self::field(m, "premiums") {
            let pp = path_key(path, "premiums");
            for (i, it) in self.array(pv, &pp, MAX_PREMIUMS)?.iter().enumerate() {
                let p = path_index(&pp, i);
                let im = self.object(it, &p, &["kind", "amount"])?;
                let kind = self.enumerated(self.required(im, &p, "kind")?, &path_key(&p, "kind"), PremiumKind::parse, "resident, long_term_care, commercial")?;
                let amount = self.money(self.required(im, &p, "amount")?, &path_key(&p, "amount"))?;
                premiums.push(Premium { kind, amount });
            }
        }
        Ok(Costs { personal_share, items, premiums })
    }
}

/// The locales an input may name, as error messages list them.
pub const LOCALE_LIST: &str = "zh-Hans, zh-Hant, en";
const RELATION_LIST: &str = "self, spouse, parent, child, sibling, grandparent, grandchild, parent_in_law, child_in_law, sibling_in_law, other";
const ITEM_LIST: &str = "outpatient, inpatient, pharmacy, non_designated, fitness, health_supplement";

/// A six-digit GB/T 2260 code whose first two digits name a province.
pub fn parse_region(s: &str) -> Option<u32> {
    if s.len() != 6 || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut n = 0u32;
    for c in s.bytes() {
        n = n * 10 + (c - b'0') as u32;
    }
    if regions::is_valid(n) {
        Some(n)
    } else {
        None
    }
}

/// The error as JSON: `{"error":{"path":…,"code":…,"message":…}}`.
pub fn error_json(e: &InputError) -> Value {
    json::Obj::new()
        .put("error", json::Obj::new().s("path", &e.path).s("code", e.code).s("message", &e.message).done())
        .done()
}
