//! [`Report`] → JSON (DESIGN.md § 3.2), with the receipt and the list of cited sources.
//! People are named by their `id`s; money is integer 分. The report is written straight to
//! text with a [`Writer`], member by member, in the documented key order.

use crate::json::Writer;
use crate::model::*;
use crate::money::Fen;
use crate::policy::{self, sources};

/// `"key": <fen>`.
fn money(w: &mut Writer, key: &str, f: Fen) {
    w.i(key, f.0);
}

/// A person named by index, as their `id`.
fn id(w: &mut Writer, sc: &Scenario, i: usize) {
    w.str(sc.people.get(i).map(|p| p.id.as_str()).unwrap_or_default());
}

/// A person's `id`, or `null`.
fn opt_id(w: &mut Writer, sc: &Scenario, i: Option<usize>) {
    match i {
        Some(i) => id(w, sc, i),
        None => {
            w.null();
        }
    }
}

fn ids(w: &mut Writer, sc: &Scenario, list: &[usize]) {
    w.begin_arr();
    for &i in list {
        id(w, sc, i);
    }
    w.end_arr();
}

fn reasons(w: &mut Writer, list: &[Reason]) {
    w.begin_arr();
    for r in list {
        w.begin_obj().s("code", r.code).s("text", &r.text).s("source", r.source).b("verified", r.verified).s("rule", r.rule).end_obj();
    }
    w.end_arr();
}

fn channels(w: &mut Writer, list: &[ChannelOut]) {
    w.begin_arr();
    for c in list {
        w.begin_obj().s("key", c.key).s("app", &c.app).s("path", &c.path).s("source", c.source).b("verified", c.verified).end_obj();
    }
    w.end_arr();
}

/// `documents` and `documents_any_of`.
fn documents(w: &mut Writer, all: &[&str], any_of: &[&str]) {
    w.key("documents").strings(all);
    w.key("documents_any_of").strings(any_of);
}

fn notices(w: &mut Writer, sc: &Scenario, list: &[Notice]) {
    w.begin_arr();
    for n in list {
        w.begin_obj().s("code", n.code).s("text", &n.text).s("source", n.source).b("verified", crate::rules::notice_verified(n)).s("rule", n.rule).key("person");
        opt_id(w, sc, n.person);
        w.end_obj();
    }
    w.end_arr();
}

/// The money members shared by a person's `money` and the `totals`.
fn cash_flow(w: &mut Writer, cost: Fen, pooled: Fen, own_account: Fen, shared: Fen, cash: Fen, cash_without_gongji: Fen) {
    money(w, "cost", cost);
    money(w, "pooled", pooled);
    money(w, "own_account", own_account);
    money(w, "shared", shared);
    money(w, "cash", cash);
    money(w, "cash_without_gongji", cash_without_gongji);
    money(w, "saved_by_gongji", cash_without_gongji - cash);
}

fn money_obj(w: &mut Writer, m: &Money) {
    w.begin_obj();
    cash_flow(w, m.cost, m.pooled, m.own_account, m.shared, m.cash, m.cash_without_gongji);
    money(w, "medical", m.medical);
    money(w, "premiums", m.premiums);
    money(w, "non_qualifying", m.non_qualifying);
    money(w, "conditional", m.conditional);
    w.b("estimated", m.estimated).end_obj();
}

fn uses(w: &mut Writer, u: &Uses) {
    let all = [(u.medical, "medical"), (u.resident_premium, "resident_premium"), (u.ltc_premium, "long_term_care_premium"), (u.commercial_premium, "commercial_premium")];
    w.begin_arr();
    for (on, name) in all {
        if on {
            w.str(name);
        }
    }
    w.end_arr();
}

/// `"coverage": {"from", "reviewed_on", "certain_until"}` (the receipt's and `meta`'s): the first
/// date the book answers for, when it was last checked, and the last date answered as certain.
/// There is no end date: open-ended rules keep applying after the review.
pub fn coverage(w: &mut Writer) -> &mut Writer {
    w.key("coverage")
        .begin_obj()
        .s("from", &policy::COVERAGE_FROM.to_iso())
        .s("reviewed_on", &policy::REVIEWED_ON.to_iso())
        .s("certain_until", &policy::CERTAIN_UNTIL.to_iso())
        .end_obj()
}

pub fn receipt(w: &mut Writer, as_of: crate::date::Date) {
    w.begin_obj().s("rules_version", policy::RULES_VERSION).s("rules_hash", crate::RULES_HASH).s("as_of", &as_of.to_iso());
    coverage(w).s("engine", concat!("yibao-family ", env!("CARGO_PKG_VERSION"))).end_obj();
}

pub fn source_json(w: &mut Writer, s: &policy::Source) {
    w.begin_obj()
        .s("id", s.id)
        .s("issuer", s.issuer)
        .s("title", s.title)
        .s("date", s.date_text)
        .key("url")
        .opt_str(if s.url.is_empty() { None } else { Some(s.url) })
        .s("grade", s.grade.as_str())
        .b("verified", s.grade.verified())
        .end_obj();
}

fn person(w: &mut Writer, sc: &Scenario, p: &PersonOut) {
    let person = &sc.people[p.index];
    w.begin_obj().s("id", &person.id).s("relation", person.relation.as_str()).s("region", &p.region_name);

    let fa = &p.family_account;
    w.key("family_account").begin_obj().b("applicable", fa.applicable).b("eligible", fa.eligible).b("certain", fa.certain).b("useful", fa.useful).key("binder");
    opt_id(w, sc, fa.binder);
    documents(w, fa.documents, fa.documents_any_of);
    channels(w.key("channels"), &fa.channels);
    reasons(w.key("reasons"), &fa.reasons);
    w.end_obj();

    let g = &p.gongji;
    w.key("gongji").begin_obj().b("eligible", g.eligible).b("certain", g.certain);
    ids(w.key("authorisers"), sc, &g.authorisers);
    ids(w.key("bound_by"), sc, &g.bound_by);
    reasons(w.key("reasons"), &g.reasons);
    w.end_obj();

    w.s("recommendation", p.recommendation.as_str()).b("conditional", p.conditional).b("costs_known", person.costs.known);
    reasons(w.key("why"), &p.why);
    w.key("next_steps").begin_arr();
    for s in &p.next_steps {
        w.begin_obj().s("code", s.code).s("text", &s.text);
        channels(w.key("channels"), &s.channels);
        documents(w, s.documents, s.documents_any_of);
        w.end_obj();
    }
    w.end_arr();
    money_obj(w.key("money"), &p.money);
    w.key("shared_from").begin_arr();
    for &(a, f) in &p.shared_from {
        w.begin_obj().key("from");
        id(w, sc, a);
        money(w, "amount", f);
        w.end_obj();
    }
    w.end_arr().end_obj();
}

fn pair(w: &mut Writer, sc: &Scenario, p: &PairOut) {
    w.begin_obj().key("from");
    id(w, sc, p.from);
    w.key("to");
    id(w, sc, p.to);
    w.key("relation").opt_str(p.relation.map(|x| x.as_str())).b("eligible", p.eligible).b("certain", p.certain);
    w.key("mechanism").opt_str(p.mechanism.map(|m| m.as_str()));
    uses(w.key("uses"), &p.uses);
    reasons(w.key("reasons"), &p.reasons);
    w.end_obj();
}

fn account(w: &mut Writer, sc: &Scenario, a: &AccountOut) {
    w.begin_obj().key("id");
    id(w, sc, a.index);
    money(w, "prior_years", a.prior_years);
    money(w, "current_year", a.current_year);
    money(w, "balance_before", a.balance_before);
    money(w, "own_use", a.own_use);
    money(w, "shared_out", a.shared_out);
    money(w, "balance_after", a.balance_after);
    w.b("prior_years_only", a.prior_years_only).end_obj();
}

fn step(w: &mut Writer, s: &Step) {
    w.begin_obj().s("rule", &s.rule).s("text", &s.text).key("value");
    match &s.value {
        StepValue::None => w.null(),
        StepValue::Money(f) => w.int(f.0),
        StepValue::Int(i) => w.int(*i),
        StepValue::Str(x) => w.str(x),
        StepValue::Bool(b) => w.bool(*b),
    };
    w.s("source", s.source).b("verified", s.verified).end_obj();
}

pub fn report(w: &mut Writer, sc: &Scenario, r: &Report) {
    w.begin_obj().s("as_of", &r.as_of.to_iso()).s("locale", r.locale.as_str()).b("covered", r.covered);
    receipt(w.key("receipt"), r.as_of);
    w.key("review")
        .begin_obj()
        .s("reviewed_on", &policy::REVIEWED_ON.to_iso())
        .s("certain_until", &policy::CERTAIN_UNTIL.to_iso())
        .s("status", r.review.as_str())
        .s("text", &r.review_text)
        .end_obj()
        .b("unverified_used", r.unverified_used);
    w.key("people").begin_arr();
    for p in &r.people {
        person(w, sc, p);
    }
    w.end_arr().key("pairs").begin_arr();
    for p in &r.pairs {
        pair(w, sc, p);
    }
    w.end_arr().key("plan").begin_arr();
    for p in &r.plan {
        w.begin_obj().key("from");
        id(w, sc, p.from);
        w.key("to");
        id(w, sc, p.to);
        w.s("kind", p.kind.as_str()).b("conditional", p.conditional).end_obj();
    }
    w.end_arr().b("plan_optimal", r.plan_optimal).s("money_follows", r.money_follows).key("accounts").begin_arr();
    for a in &r.accounts {
        account(w, sc, a);
    }
    let t = &r.totals;
    w.end_arr().key("totals").begin_obj();
    cash_flow(w, t.cost, t.pooled, t.own_account, t.shared, t.cash, t.cash_without_gongji);
    money(w, "cash_bound", t.cash_bound);
    w.end_obj().key("steps").begin_arr();
    for s in &r.steps {
        step(w, s);
    }
    w.end_arr();
    notices(w.key("not_covered"), sc, &r.not_covered);
    notices(w.key("warnings"), sc, &r.warnings);
    w.key("sources").begin_arr();
    for s in r.sources.iter().filter_map(|s| sources::source(s)) {
        source_json(w, s);
    }
    w.end_arr().end_obj();
}
