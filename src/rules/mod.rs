//! The rules: pure functions over integer 分 and dates. `run` evaluates a validated scenario:
//! needs → authorisers → every pair → bindings and caps → optimiser → allocation →
//! 亲情账户 → recommendation, recording each step.

pub mod allocate;
pub mod ctx;
pub mod family_account;
pub mod gongji;
pub mod kinship;
pub mod optimise;
pub mod recommend;
pub mod share;

use crate::i18n::k;
use crate::model::*;
use crate::money::Fen;
use crate::policy;
use allocate::{Edge, OwnScope};
use ctx::Ctx;
use gongji::Pair;

fn own_scope(c: &Ctx, p: &Person) -> OwnScope {
    // The balance stays the holder's whatever the status (digest Q14, ASSUMED); sharing needs
    // an active status, own use does not.
    let usable = c.covered && p.insurance.scheme == Scheme::Employee && p.account.is_some();
    let region = p.insurance.region.unwrap_or(policy::NATIONAL);
    let commercial = c.covered && matches!(policy::resolve(policy::PREMIUM_COMMERCIAL, region, c.date), Some((s, _)) if s.value);
    let commercial_min = policy::resolve(policy::MIN_BALANCE_COMMERCIAL, region, c.date).map(|(s, _)| s.value).unwrap_or(Fen::ZERO);
    OwnScope { usable, commercial, commercial_min }
}

pub fn run(sc: &Scenario) -> Report {
    let mut c = Ctx::new(sc);
    let n = sc.people.len();
    let date = sc.as_of.to_iso();

    let from = policy::COVERAGE_FROM.to_iso();
    let reviewed = policy::REVIEWED_ON.to_iso();
    if c.covered {
        c.step("coverage", k::STEP_COVERAGE, &[("date", &date), ("from", &from), ("reviewed", &reviewed), ("version", policy::RULES_VERSION)], StepValue::Str(date.clone()), "", true);
    } else {
        c.not_covered("DATE_NOT_COVERED", k::NOTICE_DATE_NOT_COVERED, &[("date", &date), ("from", &from)], "", "coverage", None);
    }

    // Era summary steps (only for the authorisers' regions in the family).
    if c.covered {
        let mut seen: Vec<u32> = Vec::new();
        for i in 0..n {
            let p = &sc.people[i];
            if p.insurance.scheme != Scheme::Employee {
                continue;
            }
            let r = p.insurance.region.unwrap_or(policy::NATIONAL);
            if seen.contains(&r) {
                continue;
            }
            seen.push(r);
            let region = c.region_name(p.insurance.region);
            if let Some((s, u)) = policy::resolve(policy::KIN, r, c.date) {
                let scope = c.tx(match s.value {
                    policy::Kin::CoreThree => k::KIN_CORE_THREE,
                    policy::Kin::NearRelatives => k::KIN_NEAR_RELATIVES,
                });
                c.step(s.id, k::STEP_KIN, &[("region", &region), ("scope", scope)], StepValue::Str(scope.to_string()), s.source, u.verified());
                c.warn_unverified(&u, None);
            }
            if let Some((s, u)) = policy::resolve(policy::GEO, r, c.date) {
                let note = c.note(&u);
                c.step(s.id, k::STEP_GEO, &[("region", &region), ("rule", &note)], StepValue::None, s.source, u.verified());
                c.warn_unverified(&u, None);
            }
            for (s, u) in policy::resolve_all(policy::CAUTIONS, r, c.date) {
                if s.value.key == k::CAUTION_NATIONWIDE_ROLLOUT || s.value.topic == policy::Topic::FamilyAccount {
                    continue;
                }
                c.warn("CAUTION", s.value.key, &[], s.source, s.id, None);
                let _ = u;
            }
        }
    }

    // 1. What everyone pays.
    let mut needs: Vec<share::Need> = Vec::with_capacity(n);
    for i in 0..n {
        needs.push(share::need(&mut c, i));
    }
    // 2. Authorisers, and what each person's own account may pay.
    let mut auths: Vec<gongji::Auth> = Vec::with_capacity(n);
    let mut own: Vec<OwnScope> = Vec::with_capacity(n);
    for (i, p) in sc.people.iter().enumerate() {
        auths.push(gongji::auth(&mut c, i));
        own.push(own_scope(&c, p));
    }

    // 3. Every ordered pair.
    let mut pairs: Vec<Pair> = Vec::with_capacity(n * n.saturating_sub(1));
    let mut index = vec![usize::MAX; n * n];
    for a in 0..n {
        for b in 0..n {
            if a != b {
                index[a * n + b] = pairs.len();
                let p = gongji::pair(&mut c, &auths, a, b);
                pairs.push(p);
            }
        }
    }
    let pair_of = |a: usize, b: usize| -> Option<usize> { index.get(a * n + b).copied().filter(|&x| x != usize::MAX) };

    // 4. Given bindings: validity, caps in registration order.
    let mut given_order: Vec<usize> = Vec::new();
    for bd in sc.bindings.iter().filter(|b| b.kind == BindingKind::Gongji) {
        if let Some(pi) = pair_of(bd.from, bd.to) {
            if pairs[pi].blocked {
                let from = c.name(bd.from);
                let to = c.name(bd.to);
                c.warn("BINDING_NOT_ELIGIBLE", k::NOTICE_BINDING_NOT_ELIGIBLE, &[("from", from), ("to", to)], "", "bindings", Some(bd.to));
            }
            given_order.push(pi);
        }
    }
    let kept = gongji::apply_caps(&mut c, &mut pairs, &auths, &given_order, true);
    // Pairs outside the given bindings are measured against what the given ones already use.
    {
        let mut count = vec![0usize; n];
        let mut bound = vec![false; n];
        for &pi in &kept {
            count[pairs[pi].out.from] += 1;
            bound[pairs[pi].out.to] = true;
        }
        for pi in 0..pairs.len() {
            if pairs[pi].blocked || given_order.contains(&pi) {
                continue;
            }
            let (a, b) = (pairs[pi].out.from, pairs[pi].out.to);
            if count[a] >= auths[a].cap {
                gongji::relative_cap_reached(&mut c, &mut pairs[pi].out, &auths[a]);
            } else if pairs[pi].one_relation && bound[b] {
                let rule = pairs[pi].one_relation_rule;
                gongji::one_relation_reached(&mut c, &mut pairs[pi].out, rule);
            }
        }
    }

    // 5. The optimiser's plan (over every pair that could be bound, ignoring given bindings).
    let mut cands: Vec<optimise::Cand> = Vec::new();
    for p in &pairs {
        if !p.blocked {
            cands.push(optimise::Cand { edge: Edge { from: p.out.from, to: p.out.to, uses: p.out.uses }, one_relation: p.one_relation });
        }
    }
    let plan = optimise::optimise(&sc.people, &needs, &auths, &own, &cands);
    let plan_cash = plan.outcome.family_cash();
    // Bindings the estimate moves no money through but the plan still proposes, marked
    // conditional: where cash remains and an authoriser's balance (or scheme) is unknown, and
    // where a person's medical costs are unknown (sharing costs nothing to set up and pays only
    // when there are costs). The most certain pair first, then the user's own account.
    let mut plan_edges = plan.edges.clone();
    let mut plan_cond = vec![false; plan_edges.len()];
    let mut proposed = vec![recommend::Proposed::No; n];
    let mut proposed_from: Vec<Vec<usize>> = vec![Vec::new(); n];
    for b in 0..n {
        if plan_edges.iter().any(|e| e.to == b) {
            continue;
        }
        let why = if plan.outcome.money[b].cash.is_positive() {
            recommend::Proposed::BalanceUnknown
        } else if !sc.people[b].costs.known {
            recommend::Proposed::CostsUnknown
        } else {
            continue;
        };
        let fits = |x: &optimise::Cand| {
            let a = &sc.people[x.edge.from];
            let room = plan_edges.iter().filter(|e| e.from == x.edge.from).count() < auths[x.edge.from].cap;
            let open = match why {
                recommend::Proposed::BalanceUnknown => a.account.is_none() && (auths[x.edge.from].can || a.insurance.scheme == Scheme::Unknown),
                _ => x.edge.uses.medical,
            };
            x.edge.to == b && room && open
        };
        let best = cands.iter().filter(|x| fits(x)).min_by_key(|x| {
            let certain = pair_of(x.edge.from, b).is_some_and(|pi| pairs[pi].out.certain);
            (!certain, sc.people[x.edge.from].relation != Relation::Me, x.edge.from)
        });
        if let Some(x) = best {
            plan_edges.push(x.edge);
            plan_cond.push(true);
            proposed[b] = why;
            proposed_from[b].push(x.edge.from);
        }
    }
    let plan_items: Vec<PlanItem> = plan_edges
        .iter()
        .zip(&plan_cond)
        .map(|(e, &cond)| {
            let uncertain = pair_of(e.from, e.to).is_some_and(|pi| !pairs[pi].out.certain);
            PlanItem { from: e.from, to: e.to, kind: BindingKind::Gongji, conditional: cond || uncertain }
        })
        .collect();

    // 6. Money follows the given bindings when there are any, the plan otherwise.
    let has_given = !sc.bindings.is_empty();
    let (edges, mut outcome, follows) = if has_given {
        let edges: Vec<Edge> = kept.iter().map(|&pi| Edge { from: pairs[pi].out.from, to: pairs[pi].out.to, uses: pairs[pi].out.uses }).collect();
        let o = allocate::allocate(&sc.people, &needs, &auths, &own, &edges);
        (edges, o, "bindings")
    } else {
        (plan.edges, plan.outcome, "plan")
    };
    if has_given {
        // A given binding into a person that moves no money: conditional on the authoriser's
        // unknown balance, or on the person's unknown costs.
        for b in 0..n {
            let into: Vec<&Edge> = edges.iter().filter(|e| e.to == b).collect();
            if into.is_empty() {
                continue;
            }
            proposed[b] = if into.iter().any(|e| sc.people[e.from].account.is_none()) {
                recommend::Proposed::BalanceUnknown
            } else if !sc.people[b].costs.known {
                recommend::Proposed::CostsUnknown
            } else {
                recommend::Proposed::No
            };
        }
    }
    let money_edges: Vec<Edge> = if has_given { edges } else { plan_edges };
    {
        let cash = c.money(outcome.family_cash());
        let bound = c.money(plan.bound);
        c.step("optimise", k::STEP_PLAN, &[("cash", &cash), ("bound", &bound)], StepValue::Money(outcome.family_cash()), "", true);
    }

    // 7. 亲情账户 per member, with binders and the five-member cap.
    let fa_cap = family_account::cap(&c);
    let mut taken = vec![0usize; n];
    let mut fa_given: Vec<Option<(usize, bool)>> = vec![None; n];
    for bd in sc.bindings.iter().filter(|b| b.kind == BindingKind::FamilyAccount) {
        if bd.from < n && bd.to < n && fa_given[bd.to].is_none() {
            let over = taken[bd.from] >= fa_cap;
            if !over {
                taken[bd.from] += 1;
            }
            fa_given[bd.to] = Some((bd.from, over));
        }
    }
    let mut fa_outs: Vec<FamilyAccountOut> = Vec::with_capacity(n);
    let mut fa_plan: Vec<PlanItem> = Vec::new();
    for i in 0..n {
        let (binder, over) = match fa_given[i] {
            Some((b, over)) => (Some(b), over),
            None => {
                let b = family_account::binder_for(sc, i, &taken, fa_cap);
                let over = b.is_none() && sc.people.iter().any(|p| p.relation == Relation::Me) && sc.people[i].relation != Relation::Me;
                (b.or_else(|| sc.people.iter().position(|p| p.relation == Relation::Me)), over)
            }
        };
        let fa = family_account::member(&mut c, i, binder, over);
        if fa.applicable && fa.eligible && fa.useful && fa_given[i].is_none() {
            if let Some(b) = binder {
                taken[b] += 1;
                fa_plan.push(PlanItem { from: b, to: i, kind: BindingKind::FamilyAccount, conditional: !fa.certain });
            }
        }
        fa_outs.push(fa);
    }
    // 亲情账户 cautions: shown when a family account is proposed, or (for Guangdong's name clash
    // with its 共济 "亲情账号") whenever someone in the family is insured there.
    if c.covered {
        let mut regions_seen: Vec<u32> = vec![policy::NATIONAL];
        for p in &sc.people {
            if let Some(r) = p.insurance.region {
                if !regions_seen.contains(&r) {
                    regions_seen.push(r);
                }
            }
        }
        for r in regions_seen {
            for (s, _) in policy::resolve_all(policy::CAUTIONS, r, c.date) {
                if s.value.topic != policy::Topic::FamilyAccount {
                    continue;
                }
                if fa_plan.is_empty() && s.value.key != k::CAUTION_GD_NAME {
                    continue;
                }
                c.warn("CAUTION", s.value.key, &[], s.source, s.id, None);
            }
        }
    }
    let mut plan_all = plan_items;
    plan_all.extend(fa_plan);

    // 8. Per person.
    let mut people_out = Vec::with_capacity(n);
    let mut totals = Totals::default();
    for (i, fa) in fa_outs.into_iter().enumerate() {
        let incoming: Vec<&PairOut> = pairs.iter().filter(|p| p.out.to == i).map(|p| &p.out).collect();
        let any_eligible = incoming.iter().any(|p| p.eligible);
        let mut g = GongjiOut {
            eligible: any_eligible,
            certain: if any_eligible { incoming.iter().any(|p| p.eligible && p.certain) } else { incoming.iter().all(|p| p.certain) },
            authorisers: incoming.iter().filter(|p| p.eligible).map(|p| p.from).collect(),
            bound_by: money_edges.iter().filter(|e| e.to == i).map(|e| e.from).collect(),
            reasons: Vec::new(),
        };
        // The reasons shown: the eligible pairs' when there are any, else those of every pair
        // from someone who could be an authoriser.
        let shown = |p: &&PairOut| if any_eligible { p.eligible } else { matches!(sc.people[p.from].insurance.scheme, Scheme::Employee | Scheme::Unknown) };
        let mut shown_any = false;
        for p in incoming.iter().copied().filter(shown) {
            shown_any = true;
            for r in &p.reasons {
                if !g.reasons.iter().any(|x: &Reason| x.code == r.code && x.text == r.text) {
                    g.reasons.push(r.clone());
                }
            }
        }
        if !shown_any && n > 0 && c.covered {
            let whom = c.name(i);
            c.add_reason(&mut g.reasons, "NO_AUTHORISER", k::REASON_NO_AUTHORISER, &[("to", whom)], "S9", true, "gongji.authoriser.employee");
        }
        let mut money = outcome.money[i];
        // Shared money that comes through a pair the engine could not confirm.
        for &(a, amount) in &outcome.shared_from[i] {
            if pair_of(a, i).is_some_and(|pi| !pairs[pi].out.certain) {
                money.conditional += amount;
            }
        }
        totals.cost += money.cost;
        totals.pooled += money.pooled;
        totals.own_account += money.own_account;
        totals.shared += money.shared;
        totals.cash += money.cash;
        totals.cash_without_gongji += money.cash_without_gongji;
        let inp = recommend::Input {
            i,
            fa,
            gongji: g,
            money,
            shared_from: std::mem::take(&mut outcome.shared_from[i]),
            incoming,
            proposed: proposed[i],
            proposed_from: std::mem::take(&mut proposed_from[i]),
        };
        let po = recommend::person(&mut c, inp);
        people_out.push(po);
    }
    totals.cash_bound = plan.bound;
    if c.covered && has_given && plan_cash < outcome.family_cash() {
        let save = c.money(outcome.family_cash() - plan_cash);
        c.warn("PLAN_BETTER", k::NOTICE_PLAN_BETTER, &[("amount", &save)], "", "optimise", None);
    }
    if c.covered && people_out.iter().any(|p| p.next_steps.iter().any(|s| s.channels.iter().any(|ch| family_account::is_wallet(ch.key)))) {
        c.warn("WALLET_LIMITS", k::NOTICE_WALLET_LIMITS, &[], "S12", "wallet.limits", None);
    }

    let mut pair_outs = Vec::with_capacity(pairs.len());
    for p in pairs {
        pair_outs.push(p.out);
    }
    let review = c.review;
    let reviewed = policy::REVIEWED_ON.to_iso();
    let months = policy::LOOKAHEAD_MONTHS.to_string();
    let review_text = match review {
        policy::Review::Current => String::new(),
        policy::Review::PastReview => c.t(k::REVIEW_PAST_REVIEW, &[("reviewed", &reviewed)]),
        policy::Review::BeyondLookahead => c.t(k::REVIEW_BEYOND_LOOKAHEAD, &[("reviewed", &reviewed), ("months", &months)]),
        policy::Review::NotCovered => c.t(k::REVIEW_NOT_COVERED, &[("date", &date), ("from", &from)]),
    };
    let unverified_used = unverified_used(&people_out, &pair_outs, &c.steps, &c.warnings, &c.not_covered);
    Report {
        as_of: sc.as_of,
        locale: sc.locale,
        covered: c.covered,
        people: people_out,
        pairs: pair_outs,
        plan: plan_all,
        plan_optimal: plan.optimal,
        money_follows: follows,
        accounts: outcome.accounts,
        totals,
        steps: c.steps,
        not_covered: c.not_covered,
        warnings: c.warnings,
        sources: c.sources,
        review,
        review_text,
        unverified_used,
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
        || warnings.iter().chain(not_covered).any(|n| !notice_verified(n))
}

/// Whether a notice rests only on verified material: not an `UNVERIFIED_PARAMETER` notice, and
/// citing no source graded below verified.
pub fn notice_verified(n: &Notice) -> bool {
    n.code != "UNVERIFIED_PARAMETER" && policy::sources::source(n.source).is_none_or(|s| s.grade.verified())
}
