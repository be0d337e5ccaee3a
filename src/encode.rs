//! [`Report`] → JSON (DESIGN.md § 3.2), with the receipt and the list of cited sources.
//! People are named by their `id`s; money is integer 分.

use crate::json::{strings, Num, Obj, Value};
use crate::model::*;
use crate::money::Fen;
use crate::policy::{self, sources};

fn money(f: Fen) -> Value {
    Value::Num(Num::Int(f.0))
}

fn id(sc: &Scenario, i: usize) -> Value {
    Value::Str(sc.people.get(i).map(|p| p.id.clone()).unwrap_or_default())
}

fn ids(sc: &Scenario, list: &[usize]) -> Value {
    Value::Arr(list.iter().map(|&i| id(sc, i)).collect())
}

fn reason(r: &Reason) -> Value {
    Obj::new().s("code", r.code).s("text", &r.text).s("source", r.source).b("verified", r.verified).s("rule", r.rule).done()
}

fn reasons(list: &[Reason]) -> Value {
    Value::Arr(list.iter().map(reason).collect())
}

fn channel(c: &ChannelOut) -> Value {
    Obj::new().s("key", c.key).s("app", &c.app).s("path", &c.path).s("source", c.source).b("verified", c.verified).done()
}

fn channels(list: &[ChannelOut]) -> Value {
    Value::Arr(list.iter().map(channel).collect())
}

fn notice(sc: &Scenario, n: &Notice) -> Value {
    let person = match n.person {
        Some(i) => id(sc, i),
        None => Value::Null,
    };
    Obj::new().s("code", n.code).s("text", &n.text).s("source", n.source).s("rule", n.rule).put("person", person).done()
}

fn money_obj(m: &Money) -> Value {
    Obj::new()
        .put("cost", money(m.cost))
        .put("pooled", money(m.pooled))
        .put("own_account", money(m.own_account))
        .put("shared", money(m.shared))
        .put("cash", money(m.cash))
        .put("cash_without_gongji", money(m.cash_without_gongji))
        .put("saved_by_gongji", money(m.cash_without_gongji - m.cash))
        .put("medical", money(m.medical))
        .put("premiums", money(m.premiums))
        .put("non_qualifying", money(m.non_qualifying))
        .b("estimated", m.estimated)
        .done()
}

fn uses(u: &Uses) -> Value {
    let mut v: Vec<&str> = Vec::new();
    if u.medical {
        v.push("medical");
    }
    if u.resident_premium {
        v.push("resident_premium");
    }
    if u.ltc_premium {
        v.push("long_term_care_premium");
    }
    if u.commercial_premium {
        v.push("commercial_premium");
    }
    strings(v)
}

fn opt_str(s: Option<&str>) -> Value {
    match s {
        Some(s) => Value::Str(s.into()),
        None => Value::Null,
    }
}

pub fn receipt(as_of: crate::date::Date) -> Value {
    Obj::new()
        .s("rules_version", policy::RULES_VERSION)
        .s("rules_hash", crate::RULES_HASH)
        .s("as_of", &as_of.to_iso())
        .put("coverage", Obj::new().s("from", &policy::COVERAGE_FROM.to_iso()).s("to", &policy::HORIZON.to_iso()).done())
        .s("engine", concat!("yibao-family ", env!("CARGO_PKG_VERSION")))
        .done()
}

pub fn source_json(s: &policy::Source) -> Value {
    Obj::new()
        .s("id", s.id)
        .s("issuer", s.issuer)
        .s("title", s.title)
        .s("date", s.date_text)
        .put("url", if s.url.is_empty() { Value::Null } else { Value::Str(s.url.into()) })
        .s("grade", s.grade.as_str())
        .b("verified", s.grade.verified())
        .done()
}

pub fn report(sc: &Scenario, r: &Report) -> Value {
    let people = r
        .people
        .iter()
        .map(|p| {
            let person = &sc.people[p.index];
            let fa = &p.family_account;
            let fa_v = Obj::new()
                .b("applicable", fa.applicable)
                .b("eligible", fa.eligible)
                .b("certain", fa.certain)
                .b("useful", fa.useful)
                .put("binder", fa.binder.map(|b| id(sc, b)).unwrap_or(Value::Null))
                .put("documents", strings(fa.documents.iter().copied()))
                .put("documents_any_of", strings(fa.documents_any_of.iter().copied()))
                .put("channels", channels(&fa.channels))
                .put("reasons", reasons(&fa.reasons))
                .done();
            let g = &p.gongji;
            let g_v = Obj::new()
                .b("eligible", g.eligible)
                .b("certain", g.certain)
                .put("authorisers", ids(sc, &g.authorisers))
                .put("bound_by", ids(sc, &g.bound_by))
                .put("reasons", reasons(&g.reasons))
                .done();
            let next = Value::Arr(
                p.next_steps
                    .iter()
                    .map(|s| Obj::new().s("code", s.code).s("text", &s.text).put("channels", channels(&s.channels)).put("documents", strings(s.documents.iter().copied())).put("documents_any_of", strings(s.documents_any_of.iter().copied())).done())
                    .collect(),
            );
            let shared_from = Value::Arr(p.shared_from.iter().map(|(a, f)| Obj::new().put("from", id(sc, *a)).put("amount", money(*f)).done()).collect());
            Obj::new()
                .s("id", &person.id)
                .s("relation", person.relation.as_str())
                .s("region", &p.region_name)
                .put("family_account", fa_v)
                .put("gongji", g_v)
                .s("recommendation", p.recommendation.as_str())
                .b("conditional", p.conditional)
                .put("why", reasons(&p.why))
                .put("next_steps", next)
                .put("money", money_obj(&p.money))
                .put("shared_from", shared_from)
                .done()
        })
        .collect();
    let pairs = r
        .pairs
        .iter()
        .map(|p| {
            Obj::new()
                .put("from", id(sc, p.from))
                .put("to", id(sc, p.to))
                .put("relation", opt_str(p.relation.map(|x| x.as_str())))
                .b("eligible", p.eligible)
                .b("certain", p.certain)
                .put("mechanism", opt_str(p.mechanism.map(|m| m.as_str())))
                .put("uses", uses(&p.uses))
                .put("reasons", reasons(&p.reasons))
                .done()
        })
        .collect();
    let plan = r.plan.iter().map(|p| Obj::new().put("from", id(sc, p.from)).put("to", id(sc, p.to)).s("kind", p.kind.as_str()).done()).collect();
    let accounts = r
        .accounts
        .iter()
        .map(|a| {
            Obj::new()
                .put("id", id(sc, a.index))
                .put("prior_years", money(a.prior_years))
                .put("current_year", money(a.current_year))
                .put("balance_before", money(a.balance_before))
                .put("own_use", money(a.own_use))
                .put("shared_out", money(a.shared_out))
                .put("balance_after", money(a.balance_after))
                .b("prior_years_only", a.prior_years_only)
                .done()
        })
        .collect();
    let t = &r.totals;
    let totals = Obj::new()
        .put("cost", money(t.cost))
        .put("pooled", money(t.pooled))
        .put("own_account", money(t.own_account))
        .put("shared", money(t.shared))
        .put("cash", money(t.cash))
        .put("cash_without_gongji", money(t.cash_without_gongji))
        .put("saved_by_gongji", money(t.cash_without_gongji - t.cash))
        .put("cash_bound", money(t.cash_bound))
        .done();
    let steps = r
        .steps
        .iter()
        .map(|s| {
            let value = match &s.value {
                StepValue::None => Value::Null,
                StepValue::Money(f) => money(*f),
                StepValue::Int(i) => Value::Num(Num::Int(*i)),
                StepValue::Str(x) => Value::Str(x.clone()),
                StepValue::Bool(b) => Value::Bool(*b),
            };
            Obj::new().s("rule", &s.rule).s("text", &s.text).put("value", value).s("source", s.source).b("verified", s.verified).done()
        })
        .collect();
    let srcs = r.sources.iter().filter_map(|s| sources::source(s)).map(source_json).collect();
    Obj::new()
        .s("as_of", &r.as_of.to_iso())
        .s("locale", r.locale.as_str())
        .b("covered", r.covered)
        .put("receipt", receipt(r.as_of))
        .put("people", Value::Arr(people))
        .put("pairs", Value::Arr(pairs))
        .put("plan", Value::Arr(plan))
        .b("plan_optimal", r.plan_optimal)
        .s("money_follows", r.money_follows)
        .put("accounts", Value::Arr(accounts))
        .put("totals", totals)
        .put("steps", Value::Arr(steps))
        .put("not_covered", Value::Arr(r.not_covered.iter().map(|n| notice(sc, n)).collect()))
        .put("warnings", Value::Arr(r.warnings.iter().map(|n| notice(sc, n)).collect()))
        .put("sources", Value::Arr(srcs))
        .done()
}
