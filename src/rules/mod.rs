//! The rules: pure functions over integer 分 and dates. `run` evaluates a validated scenario in
//! named phases — coverage → needs → authorisers → pairs → given bindings and caps → plan →
//! proposals → allocation → 亲情账户 → per-person recommendation → review — recording each step.

pub mod allocate;
pub mod code;
pub mod ctx;
pub mod family_account;
pub mod gongji;
pub mod kinship;
pub mod optimise;
pub mod recommend;
pub mod share;

use crate::i18n::Key;
use crate::model::*;
use crate::money::Fen;
use crate::policy;
use allocate::{Edge, Family, OwnScope, Outcome};
use code::{NoticeCode, ReasonCode};
use ctx::{Basis, Ctx};
use gongji::{Auth, Pair};
use optimise::{Cand, Plan};
use recommend::Proposed;
use share::Need;

pub fn run(sc: &Scenario) -> Report {
    let mut c = Ctx::new(sc);
    // Coverage: the date against the book, the eras and cautions of the authorisers' regions.
    coverage(&mut c);
    // Needs: what everyone has to pay (pooled-fund estimates included).
    let needs: Vec<Need> = (0..sc.people.len()).map(|i| share::need(&mut c, i)).collect();
    // Authorisers: what each person offers, and what their own account may pay.
    let (auths, own) = authorisers(&c);
    let family = Family { people: &sc.people, needs: &needs, auths: &auths, own: &own };
    // Pairs: every ordered pair through the checks of `gongji::pair`.
    let mut pairs = Pairs::evaluate(&mut c, &auths);
    // Given bindings and caps.
    let kept = given_bindings(&mut c, &mut pairs, &auths);
    // Plan: the optimiser, over every pair that could be bound (ignoring the given bindings).
    let cands = pairs.candidates();
    let plan = optimise::optimise(&family, &cands);
    // Proposals: bindings worth making although the estimate moves no money through them.
    let proposals = proposals(&family, &pairs, &plan, &cands);
    // Allocation: along the given bindings when there are any, the plan otherwise.
    let given = (!sc.bindings.is_empty()).then_some(kept.as_slice());
    let mut money = allocation(&family, &pairs, &plan, &proposals, given);
    plan_step(&mut c, money.outcome.family_cash(), plan.bound);
    // 亲情账户: binders, members, and the cautions.
    let (family_accounts, fa_plan) = family_accounts(&mut c);
    family_account_cautions(&mut c, !fa_plan.is_empty());
    let plan_items: Vec<PlanItem> = proposals.items(&pairs).into_iter().chain(fa_plan).collect();
    // Per person: the 共济 summary, money and recommendation.
    let people = people(&mut c, &pairs, &mut money, proposals.from, family_accounts);
    // Review: the warnings on the whole answer, the totals, the date against the book's review.
    last_warnings(&mut c, &people, money.plan_better);
    report(c, &plan, pairs, people, plan_items, money)
}

// ---------------------------------------------------------------------------------------------
// Coverage

/// The date against the book: the coverage step (or the notice refusing the date), and for the
/// regions of the family's possible authorisers, the eras in force and the cautions.
fn coverage(c: &mut Ctx) {
    let (date, from) = (Arg::Date(c.date), Arg::Date(policy::COVERAGE_FROM));
    if !c.covered {
        c.not_covered(NoticeCode::DateNotCovered, Key::NoticeDateNotCovered, vec![("date", date), ("from", from)], Basis::verified("", "coverage"), None);
        return;
    }
    let args = vec![("date", date), ("from", from), ("reviewed", Arg::Date(policy::REVIEWED_ON)), ("version", Arg::Str(policy::RULES_VERSION))];
    c.step(Key::StepCoverage, args, StepValue::Date(c.date), Basis::verified("", "coverage"));

    // Each region once (a person whose region is not known stands for the national rules).
    let mut regions: Vec<(u32, Option<u32>)> = Vec::new();
    for p in c.sc.people.iter().filter(|p| p.insurance.scheme == Scheme::Employee) {
        let r = p.insurance.region.unwrap_or(policy::NATIONAL);
        if !regions.iter().any(|&(seen, _)| seen == r) {
            regions.push((r, p.insurance.region));
        }
    }
    for (r, given) in regions {
        eras(c, r, given);
    }
}

/// The kinship and geography eras of region `r` (named as `given`), and its cautions (those of
/// the 2026 rollout and of 亲情账户 are shown where they apply).
fn eras(c: &mut Ctx, r: u32, given: Option<u32>) {
    let region = Arg::Region(given);
    if let Some((s, u)) = policy::resolve(policy::KIN, r, c.date) {
        let scope = kinship::scope_text(s.value);
        c.step(Key::StepKin, vec![("region", region.clone()), ("scope", Arg::Key(scope))], StepValue::Text(scope), Basis::of(&u));
        c.warn_unverified(&u, None);
    }
    if let Some((_, u)) = policy::resolve(policy::GEO, r, c.date) {
        c.step(Key::StepGeo, vec![("region", region), ("rule", ctx::note(&u))], StepValue::None, Basis::of(&u));
        c.warn_unverified(&u, None);
    }
    for (s, u) in policy::resolve_all(policy::CAUTIONS, r, c.date) {
        if s.value.key != Key::CautionNationwideRollout && s.value.topic != policy::Topic::FamilyAccount {
            c.warn(NoticeCode::Caution, s.value.key, vec![], Basis::of(&u), None);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Authorisers and pairs

/// What each person offers as an authoriser, and what their own account may pay for them.
fn authorisers(c: &Ctx) -> (Vec<Auth>, Vec<OwnScope>) {
    (0..c.sc.people.len()).map(|i| (gongji::auth(c, i), own_scope(c, &c.sc.people[i]))).unzip()
}

fn own_scope(c: &Ctx, p: &Person) -> OwnScope {
    // The balance stays the holder's whatever the status (digest Q14, ASSUMED); sharing needs
    // an active status, own use does not.
    let usable = c.covered && p.insurance.scheme == Scheme::Employee && p.account.is_some();
    let region = p.insurance.region.unwrap_or(policy::NATIONAL);
    let commercial = c.covered && matches!(policy::resolve(policy::PREMIUM_COMMERCIAL, region, c.date), Some((s, _)) if s.value);
    let commercial_min = policy::resolve(policy::MIN_BALANCE_COMMERCIAL, region, c.date).map_or(Fen::ZERO, |(s, _)| s.value);
    OwnScope { usable, commercial, commercial_min }
}

/// Every ordered pair of different people, `from` major (`0→1, 0→2, …, 1→0, 1→2, …`).
struct Pairs {
    n: usize,
    list: Vec<Pair>,
}

impl Pairs {
    fn evaluate(c: &mut Ctx, auths: &[Auth]) -> Pairs {
        let n = c.sc.people.len();
        let mut list = Vec::with_capacity(n * n.saturating_sub(1));
        for from in 0..n {
            for to in (0..n).filter(|&to| to != from) {
                list.push(gongji::pair(c, auths, from, to));
            }
        }
        Pairs { n, list }
    }

    /// The position of the pair `from → to` in `list`.
    fn index(&self, from: usize, to: usize) -> Option<usize> {
        (from != to && from < self.n && to < self.n).then(|| from * (self.n - 1) + to - usize::from(to > from))
    }

    fn get(&self, from: usize, to: usize) -> Option<&Pair> {
        self.index(from, to).map(|i| &self.list[i])
    }

    /// Whether the pair `from → to` exists and is not certain.
    fn uncertain(&self, from: usize, to: usize) -> bool {
        self.get(from, to).is_some_and(|p| !p.out.certain)
    }

    /// Every pair that could be bound, for the optimiser.
    fn candidates(&self) -> Vec<Cand> {
        self.list.iter().filter(|p| !p.blocked).map(|p| Cand { edge: edge(p), one_relation: p.one_relation }).collect()
    }
}

fn edge(p: &Pair) -> Edge {
    Edge { from: p.out.from, to: p.out.to, uses: p.out.uses }
}

// ---------------------------------------------------------------------------------------------
// Given bindings and caps

/// The given bindings: a warning for each one the rules do not allow, the caps applied in
/// registration order, and every other pair measured against what the given ones already use.
/// Returns the given bindings the caps keep (pair indices, in registration order).
fn given_bindings(c: &mut Ctx, pairs: &mut Pairs, auths: &[Auth]) -> Vec<usize> {
    let sc = c.sc;
    let mut order = Vec::new();
    for bd in sc.bindings.iter().filter(|b| b.kind == BindingKind::Gongji) {
        let Some(pi) = pairs.index(bd.from, bd.to) else {
            continue;
        };
        if pairs.list[pi].blocked {
            let args = vec![("from", Arg::Person(bd.from)), ("to", Arg::Person(bd.to))];
            c.warn(NoticeCode::BindingNotEligible, Key::NoticeBindingNotEligible, args, Basis::verified("", "bindings"), Some(bd.to));
        }
        order.push(pi);
    }
    let kept = gongji::apply_caps(c, &mut pairs.list, auths, &order);

    let n = sc.people.len();
    let mut count = vec![0usize; n];
    let mut bound = vec![false; n];
    for &pi in &kept {
        count[pairs.list[pi].out.from] += 1;
        bound[pairs.list[pi].out.to] = true;
    }
    for (_, p) in pairs.list.iter_mut().enumerate().filter(|(pi, p)| !p.blocked && !order.contains(pi)) {
        let (a, b) = (p.out.from, p.out.to);
        if count[a] >= auths[a].cap {
            gongji::relative_cap_reached(c, &mut p.out, &auths[a]);
        } else if p.one_relation && bound[b] {
            gongji::one_relation_reached(c, &mut p.out, p.one_relation_rule);
        }
    }
    kept
}

// ---------------------------------------------------------------------------------------------
// Proposals

/// The plan's bindings, then those it proposes although the estimate moves no money through
/// them (conditional), and why for each person.
struct Proposals {
    /// (binding, proposed without money) in the order to register them.
    edges: Vec<(Edge, bool)>,
    /// Per person: why a proposed binding into them moves no money (`No` when none does).
    why: Vec<Proposed>,
    /// Per person: the authorisers proposed for them that way.
    from: Vec<Vec<usize>>,
}

impl Proposals {
    /// The 共济 half of the report's `plan`: conditional when proposed without money, or when
    /// the pair is not certain.
    fn items(&self, pairs: &Pairs) -> Vec<PlanItem> {
        self.edges
            .iter()
            .map(|&(e, proposed)| PlanItem { from: e.from, to: e.to, kind: BindingKind::Gongji, conditional: proposed || pairs.uncertain(e.from, e.to) })
            .collect()
    }
}

/// Bindings the estimate moves no money through but the plan still proposes: where cash remains
/// and an authoriser's balance (or scheme) is unknown, and where a person's medical costs are
/// unknown (sharing costs nothing to set up and pays only when there are costs). The most
/// certain pair first, then the user's own account.
fn proposals(family: &Family, pairs: &Pairs, plan: &Plan, cands: &[Cand]) -> Proposals {
    let Family { people, auths, .. } = *family;
    let n = people.len();
    let mut out = Proposals { edges: plan.edges.iter().map(|&e| (e, false)).collect(), why: vec![Proposed::No; n], from: vec![Vec::new(); n] };
    for b in 0..n {
        if out.edges.iter().any(|(e, _)| e.to == b) {
            continue;
        }
        let why = if plan.outcome.money[b].cash.is_positive() {
            Proposed::BalanceUnknown
        } else if !people[b].costs.known {
            Proposed::CostsUnknown
        } else {
            continue;
        };
        let fits = |x: &&Cand| {
            let a = x.edge.from;
            let room = out.edges.iter().filter(|(e, _)| e.from == a).count() < auths[a].cap;
            let open = match why {
                Proposed::BalanceUnknown => people[a].account.is_none() && (auths[a].can || people[a].insurance.scheme == Scheme::Unknown),
                _ => x.edge.uses.medical,
            };
            x.edge.to == b && room && open
        };
        let best = cands.iter().filter(fits).min_by_key(|x| {
            let a = x.edge.from;
            let certain = pairs.get(a, b).is_some_and(|p| p.out.certain);
            (!certain, people[a].relation != Relation::Me, a)
        });
        if let Some(x) = best {
            out.edges.push((x.edge, true));
            out.why[b] = why;
            out.from[b].push(x.edge.from);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Allocation

/// Where the money goes.
struct Allocation {
    /// "bindings" when it follows the given bindings, "plan" otherwise.
    follows: &'static str,
    outcome: Outcome,
    /// The bindings it follows into each person (the plan's include its proposals).
    edges: Vec<Edge>,
    /// Per person: why a binding into them moves no money (`No` when none does).
    proposed: Vec<Proposed>,
    /// The family's cash along the given bindings exceeds the plan's by this much.
    plan_better: Option<Fen>,
}

/// Money follows the given bindings when there are any (`given`: those the caps keep), the plan
/// otherwise.
fn allocation(family: &Family, pairs: &Pairs, plan: &Plan, proposals: &Proposals, given: Option<&[usize]>) -> Allocation {
    let Some(kept) = given else {
        return Allocation {
            follows: "plan",
            outcome: plan.outcome.clone(),
            edges: proposals.edges.iter().map(|&(e, _)| e).collect(),
            proposed: proposals.why.clone(),
            plan_better: None,
        };
    };
    let people = family.people;
    let edges: Vec<Edge> = kept.iter().map(|&pi| edge(&pairs.list[pi])).collect();
    let outcome = allocate::allocate(family, &edges);
    // A given binding into a person that moves no money: conditional on the authoriser's
    // unknown balance, or on the person's unknown costs.
    let proposed = (0..people.len())
        .map(|b| {
            let mut into = edges.iter().filter(|e| e.to == b).peekable();
            if into.peek().is_none() {
                proposals.why[b]
            } else if into.any(|e| people[e.from].account.is_none()) {
                Proposed::BalanceUnknown
            } else if !people[b].costs.known {
                Proposed::CostsUnknown
            } else {
                Proposed::No
            }
        })
        .collect();
    let (cash, plan_cash) = (outcome.family_cash(), plan.outcome.family_cash());
    let plan_better = (plan_cash < cash).then(|| cash - plan_cash);
    Allocation { follows: "bindings", outcome, edges, proposed, plan_better }
}

/// The plan's step: the family's cash where the money goes, and the least any plan could reach.
fn plan_step(c: &mut Ctx, cash: Fen, bound: Fen) {
    c.step(Key::StepPlan, vec![("cash", Arg::Money(cash)), ("bound", Arg::Money(bound))], StepValue::Money(cash), Basis::verified("", "optimise"));
}

// ---------------------------------------------------------------------------------------------
// 亲情账户

/// 亲情账户 per member: given binders first (up to the cap each), then the user, then another
/// adult with a phone; and the 亲情账户 half of the plan.
fn family_accounts(c: &mut Ctx) -> (Vec<FamilyAccountOut>, Vec<PlanItem>) {
    let sc = c.sc;
    let n = sc.people.len();
    let cap = family_account::cap(c);
    let me = sc.people.iter().position(|p| p.relation == Relation::Me);
    let mut taken = vec![0usize; n];
    // Per member: the given binder, and whether their cap was already reached.
    let mut given: Vec<Option<(usize, bool)>> = vec![None; n];
    for bd in sc.bindings.iter().filter(|b| b.kind == BindingKind::FamilyAccount) {
        if bd.from < n && bd.to < n && given[bd.to].is_none() {
            let over = taken[bd.from] >= cap;
            if !over {
                taken[bd.from] += 1;
            }
            given[bd.to] = Some((bd.from, over));
        }
    }
    let mut outs = Vec::with_capacity(n);
    let mut plan = Vec::new();
    for (i, &given) in given.iter().enumerate() {
        let (binder, over) = match given {
            Some((b, over)) => (Some(b), over),
            None => match family_account::binder_for(sc, i, &taken, cap) {
                Some(b) => (Some(b), false),
                None => (me, me.is_some() && sc.people[i].relation != Relation::Me),
            },
        };
        let fa = family_account::member(c, i, binder, over);
        if fa.applicable && fa.eligible && fa.useful && given.is_none() {
            if let Some(b) = binder {
                taken[b] += 1;
                plan.push(PlanItem { from: b, to: i, kind: BindingKind::FamilyAccount, conditional: !fa.certain });
            }
        }
        outs.push(fa);
    }
    (outs, plan)
}

/// 亲情账户 cautions: shown when a family account is proposed, or (for Guangdong's name clash
/// with its 共济 "亲情账号") whenever someone in the family is insured there.
fn family_account_cautions(c: &mut Ctx, proposed: bool) {
    if !c.covered {
        return;
    }
    let mut regions = vec![policy::NATIONAL];
    for r in c.sc.people.iter().filter_map(|p| p.insurance.region) {
        if !regions.contains(&r) {
            regions.push(r);
        }
    }
    for r in regions {
        for (s, u) in policy::resolve_all(policy::CAUTIONS, r, c.date) {
            if s.value.topic == policy::Topic::FamilyAccount && (proposed || s.value.key == Key::CautionGdName) {
                c.warn(NoticeCode::Caution, s.value.key, vec![], Basis::of(&u), None);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Per person

/// Each person's 共济 summary, money and recommendation.
fn people(c: &mut Ctx, pairs: &Pairs, money: &mut Allocation, proposed_from: Vec<Vec<usize>>, family_accounts: Vec<FamilyAccountOut>) -> Vec<PersonOut> {
    let mut out = Vec::with_capacity(family_accounts.len());
    for (i, (fa, proposed_from)) in family_accounts.into_iter().zip(proposed_from).enumerate() {
        let incoming: Vec<&PairOut> = pairs.list.iter().map(|p| &p.out).filter(|p| p.to == i).collect();
        let gongji = gongji_summary(c, i, &incoming, &money.edges);
        let shared_from = std::mem::take(&mut money.outcome.shared_from[i]);
        let mut person_money = money.outcome.money[i];
        // Shared money that comes through a pair the engine could not confirm.
        person_money.conditional += shared_from.iter().filter(|&&(a, _)| pairs.uncertain(a, i)).map(|&(_, amount)| amount).sum();
        let input = recommend::Input { i, fa, gongji, money: person_money, shared_from, incoming, proposed: money.proposed[i], proposed_from };
        out.push(recommend::person(c, input));
    }
    out
}

/// Person `i`'s 共济 summary from the pairs into them.
fn gongji_summary(c: &mut Ctx, i: usize, incoming: &[&PairOut], money_edges: &[Edge]) -> GongjiOut {
    let any_eligible = incoming.iter().any(|p| p.eligible);
    let mut g = GongjiOut {
        eligible: any_eligible,
        certain: if any_eligible { incoming.iter().any(|p| p.eligible && p.certain) } else { incoming.iter().all(|p| p.certain) },
        authorisers: incoming.iter().filter(|p| p.eligible).map(|p| p.from).collect(),
        bound_by: money_edges.iter().filter(|e| e.to == i).map(|e| e.from).collect(),
        reasons: Vec::new(),
    };
    // The reasons shown: the eligible pairs' when there are any, else those of every pair from
    // someone who could be an authoriser; each once.
    let sc = c.sc;
    let shown = |p: &&&PairOut| if any_eligible { p.eligible } else { matches!(sc.people[p.from].insurance.scheme, Scheme::Employee | Scheme::Unknown) };
    let mut shown_any = false;
    for p in incoming.iter().filter(shown) {
        shown_any = true;
        for r in &p.reasons {
            if !g.reasons.iter().any(|x| x.code == r.code && x.msg == r.msg) {
                g.reasons.push(r.clone());
            }
        }
    }
    if !shown_any && c.covered {
        g.reasons.push(c.reason(ReasonCode::NoAuthoriser, Key::ReasonNoAuthoriser, vec![("to", Arg::Person(i))], Basis::verified("S9", "gongji.authoriser.employee")));
    }
    g
}

// ---------------------------------------------------------------------------------------------
// Review and totals

/// The warnings that look at the whole answer: a better plan than the given bindings, and the
/// 医保钱包's limits when a next step uses it.
fn last_warnings(c: &mut Ctx, people: &[PersonOut], plan_better: Option<Fen>) {
    if !c.covered {
        return;
    }
    if let Some(save) = plan_better {
        c.warn(NoticeCode::PlanBetter, Key::NoticePlanBetter, vec![("amount", Arg::Money(save))], Basis::verified("", "optimise"), None);
    }
    if people.iter().flat_map(|p| &p.next_steps).flat_map(|s| &s.channels).any(|ch| family_account::is_wallet(ch.key)) {
        c.warn(NoticeCode::WalletLimits, Key::NoticeWalletLimits, vec![], Basis::verified("S12", "wallet.limits"), None);
    }
}

/// The report: the totals, and how the date stands against the book's review.
fn report(c: Ctx, plan: &Plan, pairs: Pairs, people: Vec<PersonOut>, plan_items: Vec<PlanItem>, money: Allocation) -> Report {
    let reviewed = ("reviewed", Arg::Date(policy::REVIEWED_ON));
    let review_note = match c.review {
        policy::Review::Current => None,
        policy::Review::PastReview => Some(Msg::new(Key::ReviewPastReview, vec![reviewed])),
        policy::Review::BeyondLookahead => Some(Msg::new(Key::ReviewBeyondLookahead, vec![reviewed, ("months", Arg::Num(policy::LOOKAHEAD_MONTHS.into()))])),
        policy::Review::NotCovered => Some(Msg::new(Key::ReviewNotCovered, vec![("date", Arg::Date(c.date)), ("from", Arg::Date(policy::COVERAGE_FROM))])),
    };
    let totals = totals(&people, plan.bound);
    let pairs: Vec<PairOut> = pairs.list.into_iter().map(|p| p.out).collect();
    let unverified_used = unverified_used(&people, &pairs, &c.steps, &c.warnings, &c.not_covered);
    Report {
        as_of: c.date,
        covered: c.covered,
        people,
        pairs,
        plan: plan_items,
        plan_optimal: plan.optimal,
        money_follows: money.follows,
        accounts: money.outcome.accounts,
        totals,
        steps: c.steps,
        not_covered: c.not_covered,
        warnings: c.warnings,
        sources: c.sources,
        review: c.review,
        review_note,
        unverified_used,
    }
}

/// The family's totals (exact: each is the sum of the people's), and the least cash any plan
/// could reach.
fn totals(people: &[PersonOut], cash_bound: Fen) -> Totals {
    let sum = |part: fn(&Money) -> Fen| people.iter().map(|p| part(&p.money)).sum();
    Totals {
        cost: sum(|m| m.cost),
        pooled: sum(|m| m.pooled),
        own_account: sum(|m| m.own_account),
        shared: sum(|m| m.shared),
        cash: sum(|m| m.cash),
        cash_without_gongji: sum(|m| m.cash_without_gongji),
        cash_bound,
    }
}

/// Whether any reason, channel, step or notice in the report rests on an unverified value, so
/// that a page never has to search the report for it.
fn unverified_used(people: &[PersonOut], pairs: &[PairOut], steps: &[Step], warnings: &[Notice], not_covered: &[Notice]) -> bool {
    let reasons_unverified = |list: &[Reason]| list.iter().any(|r| !r.verified);
    people.iter().any(|p| {
        reasons_unverified(&p.why)
            || reasons_unverified(&p.family_account.reasons)
            || reasons_unverified(&p.gongji.reasons)
            || p.family_account.channels.iter().any(|ch| !ch.verified)
            || p.next_steps.iter().any(|s| s.channels.iter().any(|ch| !ch.verified))
    }) || pairs.iter().any(|p| reasons_unverified(&p.reasons))
        || steps.iter().any(|s| !s.verified)
        || warnings.iter().chain(not_covered).any(|n| !n.verified)
}

/// Whether a notice rests only on verified material: not an `UNVERIFIED_PARAMETER` notice, and
/// citing no source graded below verified.
pub fn notice_verified(code: NoticeCode, source: &str) -> bool {
    code != NoticeCode::UnverifiedParameter && policy::sources::source(source).is_none_or(|s| s.grade.verified())
}
