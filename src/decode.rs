//! Scenario JSON → [`Scenario`], validating everything and naming the field of every error.
//! No input can panic here: every access is checked, sizes and depth are bounded.

use crate::date::Date;
use crate::i18n::{k, t};
use crate::json::{self, Num, SyntaxKind, Value};
use crate::model::*;
use crate::money::Fen;
use crate::policy::regions;
use crate::text::{push_u64, u64_string};

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

/// Where a value sits in the scenario, e.g. `people[1].insurance.region`. A path is a chain of
/// small values on the stack and is rendered to text only when an error names it, so decoding a
/// valid scenario builds no path strings.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }

    /// `parent.key` (just `key` under an empty parent) and `parent[i]`.
    fn render(&self, out: &mut String) {
        match *self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.render(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Index(parent, i) => {
                parent.render(out);
                out.push('[');
                push_u64(out, i as u64);
                out.push(']');
            }
        }
    }
}

/// Parses and validates a scenario. `today` fills a missing `as_of`.
pub fn decode_str(text: &str, today: Date) -> Result<Scenario, InputError> {
    let v = json::parse(text).map_err(|e| {
        let code = match e.kind {
            SyntaxKind::TooLarge => "INPUT_TOO_LARGE",
            SyntaxKind::TooDeep => "TOO_DEEP",
            SyntaxKind::Empty => "EMPTY_INPUT",
            _ => "MALFORMED_JSON",
        };
        syntax_error(&e, code)
    })?;
    decode_value(&v, today).map_err(|e| *e)
}

/// A syntax error as an input error at the root (path ""), with the line and column. The
/// locale is unknown when the text does not parse: messages are in zh-Hans.
pub(crate) fn syntax_error(e: &json::SyntaxError, code: &'static str) -> InputError {
    let (line, col) = json::position_text(e);
    input_error(Locale::ZhHans, String::new(), code, &[("line", &line), ("column", &col)])
}

/// The error `code` at `path` (`""` is the root, named `$` in the message), with the message
/// filled from the code's catalog text: `{path}` and `args`. Every input error of the
/// decoder, the questionnaire and the boundaries is built here.
pub(crate) fn input_error(locale: Locale, path: String, code: &'static str, args: &[(&str, &str)]) -> InputError {
    let mut all: Vec<(&str, &str)> = vec![("path", if path.is_empty() { "$" } else { &path })];
    all.extend_from_slice(args);
    let message = t(locale, error_key(code), &all);
    InputError { path, code, message }
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
    fn err(&self, at: &Path, code: &'static str, args: &[(&str, &str)]) -> Box<InputError> {
        let mut path = String::new();
        at.render(&mut path);
        Box::new(input_error(self.locale, path, code, args))
    }

    fn wrong_type(&self, at: &Path, expected: &str, got: &Value) -> Box<InputError> {
        self.err(at, "WRONG_TYPE", &[("expected", expected), ("got", got.type_name())])
    }

    /// Checks an object's keys: known, not repeated. Returns the members.
    fn object<'v>(&self, v: &'v Value, at: &Path, allowed: &[&str]) -> R<&'v [(String, Value)]> {
        let members = match v {
            Value::Obj(m) => m,
            other => return Err(self.wrong_type(at, "object", other)),
        };
        for (i, (key, _)) in members.iter().enumerate() {
            if !allowed.contains(&key.as_str()) {
                return Err(self.err(&at.key(key), "UNKNOWN_FIELD", &[("allowed", &crate::text::join(allowed, ", "))]));
            }
            if members[..i].iter().any(|(k2, _)| k2 == key) {
                return Err(self.err(&at.key(key), "DUPLICATE_FIELD", &[]));
            }
        }
        Ok(members)
    }

    fn field<'v>(members: &'v [(String, Value)], key: &str) -> Option<&'v Value> {
        members.iter().find(|(k2, _)| k2 == key).map(|(_, v)| v).filter(|v| !matches!(v, Value::Null))
    }

    fn required<'v>(&self, members: &'v [(String, Value)], parent: &Path, key: &str) -> R<&'v Value> {
        Self::field(members, key).ok_or_else(|| self.err(&parent.key(key), "MISSING_FIELD", &[]))
    }

    fn string<'v>(&self, v: &'v Value, at: &Path) -> R<&'v str> {
        match v {
            Value::Str(s) => Ok(s),
            other => Err(self.wrong_type(at, "string", other)),
        }
    }

    fn boolean(&self, v: &Value, at: &Path) -> R<bool> {
        match v {
            Value::Bool(b) => Ok(*b),
            other => Err(self.wrong_type(at, "boolean", other)),
        }
    }

    fn integer(&self, v: &Value, at: &Path) -> R<i64> {
        match v {
            Value::Num(Num::Int(i)) => Ok(*i),
            Value::Num(Num::Other(raw)) => Err(self.err(at, "NOT_INTEGER", &[("got", raw)])),
            other => Err(self.wrong_type(at, "integer", other)),
        }
    }

    /// A whole number from 0 to `max`: `low` below, `high` above (both errors get the value as
    /// written and the maximum). A huge integer literal is out of range, not "not an integer".
    fn bounded(&self, v: &Value, at: &Path, max: i64, low: &'static str, high: &'static str) -> R<i64> {
        let (negative, got) = match v {
            Value::Num(Num::Other(raw)) if raw.bytes().all(|c| c.is_ascii_digit() || c == b'-') => (raw.as_bytes().first() == Some(&b'-'), raw.to_string()),
            _ => {
                let i = self.integer(v, at)?;
                if (0..=max).contains(&i) {
                    return Ok(i);
                }
                (i < 0, crate::text::i64_string(i))
            }
        };
        Err(self.err(at, if negative { low } else { high }, &[("got", &got), ("max", &crate::text::i64_string(max))]))
    }

    fn money(&self, v: &Value, at: &Path) -> R<Fen> {
        self.bounded(v, at, MAX_MONEY, "NEGATIVE_MONEY", "OUT_OF_RANGE").map(Fen)
    }

    /// An optional money member; absent is zero.
    fn money_field(&self, members: &[(String, Value)], parent: &Path, key: &str) -> R<Fen> {
        match Self::field(members, key) {
            None => Ok(Fen::ZERO),
            Some(x) => self.money(x, &parent.key(key)),
        }
    }

    /// An optional member that must be a string when present and is otherwise ignored.
    fn ignored_string(&self, members: &[(String, Value)], parent: &Path, key: &str) -> R<()> {
        match Self::field(members, key) {
            None => Ok(()),
            Some(x) => self.string(x, &parent.key(key)).map(|_| ()),
        }
    }

    fn array<'v>(&self, v: &'v Value, at: &Path, max: usize) -> R<&'v [Value]> {
        match v {
            Value::Arr(items) => {
                if items.len() > max {
                    return Err(self.err(at, "TOO_MANY", &[("max", &u64_string(max as u64))]));
                }
                Ok(items)
            }
            other => Err(self.wrong_type(at, "array", other)),
        }
    }

    /// `UNKNOWN_VALUE`, listing the names allowed.
    fn unknown_value(&self, at: &Path, got: &str, allowed: &[&str]) -> Box<InputError> {
        self.err(at, "UNKNOWN_VALUE", &[("got", got), ("allowed", &crate::text::join(allowed, ", "))])
    }

    /// A string naming one of `T::NAMES` (see `model::named!`): one non-generic lookup for
    /// every enum of the contract.
    fn named<T: Copy>(&self, v: &Value, at: &Path, all: &[T], names: &[&str]) -> R<T> {
        self.name_index(v, at, names).map(|i| all[i])
    }

    fn name_index(&self, v: &Value, at: &Path, names: &[&str]) -> R<usize> {
        let s = self.string(v, at)?;
        names.iter().position(|n| *n == s).ok_or_else(|| self.unknown_value(at, s, names))
    }

    /// A required member naming one of a few values.
    fn required_named<T: Copy>(&self, members: &[(String, Value)], parent: &Path, key: &str, all: &[T], names: &[&str]) -> R<T> {
        self.named(self.required(members, parent, key)?, &parent.key(key), all, names)
    }

    /// The index of the person with this `id`.
    fn find_person(&self, people: &[Person], id: &str, at: &Path) -> R<usize> {
        people.iter().position(|p| p.id == id).ok_or_else(|| self.err(at, "UNKNOWN_PERSON", &[("got", id)]))
    }

    fn scenario(&self, v: &Value, today: Date) -> R<Scenario> {
        let root = Path::Root;
        let m = self.object(v, &root, &["as_of", "locale", "people", "bindings", "relations", "$schema", "comment"])?;
        let as_of = match Self::field(m, "as_of") {
            None => today,
            Some(x) => {
                let at = root.key("as_of");
                let s = self.string(x, &at)?;
                Date::parse(s).ok_or_else(|| self.err(&at, "INVALID_DATE", &[("got", s)]))?
            }
        };
        let locale = match Self::field(m, "locale") {
            None => Locale::ZhHans,
            Some(x) => {
                let at = root.key("locale");
                let s = self.string(x, &at)?;
                Locale::parse(s).ok_or_else(|| self.unknown_value(&at, s, &LOCALES))?
            }
        };
        self.ignored_string(m, &root, "comment")?;
        self.ignored_string(m, &root, "$schema")?;
        let people_at = root.key("people");
        let people_v = self.array(self.required(m, &root, "people")?, &people_at, MAX_PEOPLE)?;
        let mut people = Vec::with_capacity(people_v.len());
        for (i, pv) in people_v.iter().enumerate() {
            let at = people_at.index(i);
            let p = self.person(pv, &at)?;
            if people.iter().any(|q: &Person| q.id == p.id) {
                return Err(self.err(&at.key("id"), "DUPLICATE_ID", &[("got", &p.id)]));
            }
            people.push(p);
        }
        // Exactly one `self`: the second one is named.
        let mut found_self = false;
        for (i, p) in people.iter().enumerate() {
            if p.relation == Relation::Me {
                if found_self {
                    return Err(self.err(&people_at.index(i).key("relation"), "MULTIPLE_SELF", &[]));
                }
                found_self = true;
            }
        }
        if !found_self {
            return Err(self.err(&people_at, "NO_SELF", &[]));
        }

        let mut bindings = Vec::new();
        if let Some(bv) = Self::field(m, "bindings") {
            let list_at = root.key("bindings");
            for (i, b) in self.array(bv, &list_at, MAX_BINDINGS)?.iter().enumerate() {
                let at = list_at.index(i);
                let (from, to, kind) = self.link(b, &at, &people, &["from", "to", "kind"], BindingKind::NAMES)?;
                let nb = Binding { from, to, kind: BindingKind::ALL[kind] };
                if bindings.contains(&nb) {
                    return Err(self.err(&at, "DUPLICATE_BINDING", &[]));
                }
                bindings.push(nb);
            }
        }

        let mut relations = Vec::new();
        if let Some(rv) = Self::field(m, "relations") {
            let list_at = root.key("relations");
            for (i, r) in self.array(rv, &list_at, MAX_BINDINGS)?.iter().enumerate() {
                let at = list_at.index(i);
                let (a, b, relation) = self.link(r, &at, &people, &["a", "b", "relation"], Relation::NAMES)?;
                let relation = Relation::ALL[relation];
                if relation == Relation::Me {
                    return Err(self.unknown_value(&at.key("relation"), "self", Relation::NAMES));
                }
                relations.push(PairRelation { a, b, relation });
            }
        }
        Ok(Scenario { as_of, locale, people, bindings, relations })
    }

    /// A member of `bindings` or `relations`: an object with two person ids (`keys[0]`,
    /// `keys[1]`) and a member `keys[2]` naming one of `names`. Returns the two people's
    /// indices and the name's index.
    fn link(&self, v: &Value, at: &Path, people: &[Person], keys: &[&str; 3], names: &[&str]) -> R<(usize, usize, usize)> {
        let m = self.object(v, at, keys)?;
        let (a_at, b_at) = (at.key(keys[0]), at.key(keys[1]));
        // Both ids are read before either is looked up.
        let a_id = self.string(self.required(m, at, keys[0])?, &a_at)?;
        let b_id = self.string(self.required(m, at, keys[1])?, &b_at)?;
        let a = self.find_person(people, a_id, &a_at)?;
        let b = self.find_person(people, b_id, &b_at)?;
        let name = self.name_index(self.required(m, at, keys[2])?, &at.key(keys[2]), names)?;
        if a == b {
            return Err(self.err(&b_at, "SELF_BINDING", &[]));
        }
        Ok((a, b, name))
    }

    fn person(&self, v: &Value, at: &Path) -> R<Person> {
        let m = self.object(v, at, &["id", "relation", "age", "insurance", "smartphone", "account", "costs", "name", "comment"])?;
        let id_at = at.key("id");
        let id = self.string(self.required(m, at, "id")?, &id_at)?;
        if id.is_empty() || id.chars().count() > MAX_ID_CHARS || id.chars().any(|c| c.is_control()) {
            return Err(self.err(&id_at, "INVALID_ID", &[("max", "64")]));
        }
        self.ignored_string(m, at, "name")?;
        self.ignored_string(m, at, "comment")?;
        let relation = self.required_named(m, at, "relation", Relation::ALL, Relation::NAMES)?;
        let age = match Self::field(m, "age") {
            None => None,
            Some(a) => Some(self.bounded(a, &at.key("age"), MAX_AGE, "IMPOSSIBLE_AGE", "IMPOSSIBLE_AGE")? as u32),
        };
        let ins_at = at.key("insurance");
        let im = self.object(self.required(m, at, "insurance")?, &ins_at, &["scheme", "status", "retired", "region"])?;
        let scheme = self.required_named(im, &ins_at, "scheme", Scheme::ALL, Scheme::NAMES)?;
        let status = match Self::field(im, "status") {
            None => Status::Active,
            Some(s) => self.named(s, &ins_at.key("status"), Status::ALL, Status::NAMES)?,
        };
        let retired = match Self::field(im, "retired") {
            None => false,
            Some(b) => self.boolean(b, &ins_at.key("retired"))?,
        };
        let region = match Self::field(im, "region") {
            None => None,
            Some(r) => {
                let region_at = ins_at.key("region");
                let s = self.string(r, &region_at)?;
                let code = parse_region(s).ok_or_else(|| self.err(&region_at, "UNKNOWN_REGION", &[("got", s)]))?;
                Some(code)
            }
        };
        let smartphone = match Self::field(m, "smartphone") {
            None => None,
            Some(b) => Some(self.boolean(b, &at.key("smartphone"))?),
        };
        let account = match Self::field(m, "account") {
            None => None,
            Some(a) => {
                let acc_at = at.key("account");
                if !matches!(scheme, Scheme::Employee | Scheme::Unknown) {
                    return Err(self.err(&acc_at, "ACCOUNT_NOT_EMPLOYEE", &[]));
                }
                let am = self.object(a, &acc_at, &["prior_years", "current_year"])?;
                let prior_years = self.money_field(am, &acc_at, "prior_years")?;
                let current_year = self.money_field(am, &acc_at, "current_year")?;
                Some(Account { prior_years, current_year })
            }
        };
        let costs = match Self::field(m, "costs") {
            None => Costs::default(),
            Some(c) => self.costs(c, &at.key("costs"))?,
        };
        Ok(Person { id: id.to_string(), relation, age, insurance: Insurance { scheme, status, retired, region }, smartphone, account, costs })
    }

    fn costs(&self, v: &Value, at: &Path) -> R<Costs> {
        let m = self.object(v, at, &["personal_share", "items", "premiums"])?;
        let personal_share = self.money_field(m, at, "personal_share")?;
        // Medical costs are known when either way of giving them is present (an explicit
        // `personal_share: 0` means none); premiums alone say nothing about medical costs.
        let known = Self::field(m, "personal_share").is_some() || Self::field(m, "items").is_some();
        let mut items = Vec::new();
        if let Some(iv) = Self::field(m, "items") {
            let list_at = at.key("items");
            for (i, it) in self.array(iv, &list_at, MAX_ITEMS)?.iter().enumerate() {
                let item_at = list_at.index(i);
                let im = self.object(it, &item_at, &["kind", "tier", "amount", "comment"])?;
                let kind = self.required_named(im, &item_at, "kind", ItemKind::ALL, ItemKind::NAMES)?;
                let tier = match Self::field(im, "tier") {
                    None => None,
                    Some(tv) => {
                        let tier_at = item_at.key("tier");
                        let n = self.integer(tv, &tier_at)?;
                        if !(0..=3).contains(&n) {
                            return Err(self.err(&tier_at, "UNKNOWN_VALUE", &[("got", &crate::text::i64_string(n)), ("allowed", "0, 1, 2, 3")]));
                        }
                        Some(n as u8)
                    }
                };
                self.ignored_string(im, &item_at, "comment")?;
                let amount = self.money(self.required(im, &item_at, "amount")?, &item_at.key("amount"))?;
                items.push(Item { kind, tier, amount });
            }
        }
        let mut premiums = Vec::new();
        if let Some(pv) = Self::field(m, "premiums") {
            let list_at = at.key("premiums");
            for (i, it) in self.array(pv, &list_at, MAX_PREMIUMS)?.iter().enumerate() {
                let item_at = list_at.index(i);
                let im = self.object(it, &item_at, &["kind", "amount"])?;
                let kind = self.required_named(im, &item_at, "kind", PremiumKind::ALL, PremiumKind::NAMES)?;
                let amount = self.money(self.required(im, &item_at, "amount")?, &item_at.key("amount"))?;
                premiums.push(Premium { kind, amount });
            }
        }
        Ok(Costs { known, personal_share, items, premiums })
    }
}

/// The locales an input may name, as error messages list them (`Locale::parse` also takes a
/// few aliases).
pub const LOCALES: [&str; 3] = ["zh-Hans", "zh-Hant", "en"];

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

/// Writes the error as JSON: `{"error":{"path":…,"code":…,"message":…}}`.
pub fn write_error(w: &mut json::Writer, e: &InputError) {
    w.begin_obj().key("error").begin_obj().s("path", &e.path).s("code", e.code).s("message", &e.message).end_obj().end_obj();
}

/// The error as JSON text.
pub fn error_json(e: &InputError, pretty: bool) -> String {
    let mut w = json::Writer::new(pretty);
    write_error(&mut w, e);
    w.finish()
}
