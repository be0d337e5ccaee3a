//! The recommendation per member — `family_account`, `gongji`, `both` or `neither` — with the
//! reasons and the next steps (who does what, where, with which documents).

use super::ctx::Ctx;
use super::family_account;
use crate::i18n::k;
use crate::model::*;
use crate::money::Fen;
use crate::policy::ChannelKind;

pub struct Input<'r> {
    pub i: usize,
    pub fa: FamilyAccountOut,
    pub gongji: GongjiOut,
    pub money: Money,
    pub shared_from: Vec<(usize, Fen)>,
    /// Pairs into this person (for mechanisms and channels).
    pub incoming: Vec<&'r PairOut>,
    /// Why a binding into this person moves no money in the estimate (`No` when none does).
    pub proposed: Proposed,
    /// The authorisers the plan proposes for this person when money follows given bindings
    /// that do not include them.
    pub proposed_from: Vec<usize>,
}

/// A binding the plan proposes although the estimate moves no money through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proposed {
    No,
    /// The authoriser's balance (or scheme) is not known.
    BalanceUnknown,
    /// The person's medical costs are not known: setting sharing up costs nothing and it pays
    /// only when there are costs.
    CostsUnknown,
}

/// What to check when the engine cannot decide, from the reasons that left it open: the catalog
/// key of each thing, once, in the order met.
fn checks_for(reasons: &[&Reason], phone_unknown: bool) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut add = |id: usize| {
        if !out.contains(&id) {
            out.push(id);
        }
    };
    for r in reasons {
        match r.code {
            "DATE_NOT_COVERED" => add(k::CHECK_DATE),
            "RELATION_UNKNOWN" => add(k::CHECK_RELATION),
            "SCHEME_UNKNOWN" => add(k::CHECK_SCHEME),
            "INSURED_UNKNOWN" => add(k::CHECK_INSURED),
            "AREA_UNKNOWN" => add(k::CHECK_REGION),
            "BALANCE_UNKNOWN" => add(k::CHECK_BALANCE),
            "AGE_UNKNOWN" => add(k::CHECK_AGE),
            _ if !r.verified => add(k::CHECK_LOCAL_RULE),
            _ => {}
        }
    }
    if phone_unknown {
        add(k::CHECK_PHONE);
    }
    out
}

pub fn person(c: &mut Ctx, inp: Input) -> PersonOut {
    let i = inp.i;
    let who = c.name(i);
    let mut why: Vec<Reason> = Vec::new();
    let mut next: Vec<NextStep> = Vec::new();
    let mut conditional = false;

    // A refused date (before the rules existed): nothing can be said, and nothing is "not needed".
    if !c.covered {
        let reasons: Vec<&Reason> = inp.fa.reasons.iter().chain(inp.gongji.reasons.iter()).collect();
        undecided(c, &mut why, who, &checks_for(&reasons, false));
        return finish(c, inp, Recommendation::Undecided, true, why, next);
    }

    // 共济: useful when shared money pays something this year, or when the plan proposes a
    // binding whose money the estimate cannot tell (unknown balance or unknown costs).
    let gongji_moves = inp.money.shared.is_positive();
    // `gongji.bound_by`: the bindings money follows (or the plan proposes) into this person.
    let via: Vec<usize> = if inp.gongji.bound_by.is_empty() { inp.proposed_from.clone() } else { inp.gongji.bound_by.clone() };
    let proposed = if via.is_empty() { Proposed::No } else { inp.proposed };
    let gongji_use = gongji_moves || proposed != Proposed::No;
    if gongji_moves {
        let amt = c.money(inp.money.shared);
        c.add_reason(&mut why, "GONGJI_PAYS", k::WHY_GONGJI_PAYS, &[("to", who), ("amount", &amt)], "S1", true, "allocate");
        if inp.money.conditional.is_positive() {
            // Part of the money comes through a pair the engine could not confirm.
            conditional = true;
            let amt = c.money(inp.money.conditional);
            c.add_reason(&mut why, "MONEY_CONDITIONAL", k::WHY_MONEY_CONDITIONAL, &[("to", who), ("amount", &amt)], "", true, "allocate");
        }
    } else if proposed == Proposed::BalanceUnknown {
        conditional = true;
        c.add_reason(&mut why, "GONGJI_BALANCE_UNKNOWN", k::WHY_GONGJI_BALANCE_UNKNOWN, &[("to", who)], "", true, "allocate");
    } else if proposed == Proposed::CostsUnknown {
        conditional = true;
        c.add_reason(&mut why, "COSTS_UNKNOWN", k::WHY_COSTS_UNKNOWN, &[("to", who)], "S1", true, "allocate");
    } else if inp.gongji.eligible {
        let need = inp.money.cash;
        let key = match (need.is_positive(), inp.gongji.certain) {
            (true, true) => k::WHY_GONGJI_NO_MONEY,
            (true, false) => k::WHY_GONGJI_NO_MONEY_MAYBE,
            (false, true) => k::WHY_GONGJI_NO_NEED,
            (false, false) => k::WHY_GONGJI_NO_NEED_MAYBE,
        };
        c.add_reason(&mut why, "GONGJI_NOT_NEEDED", key, &[("to", who)], "", true, "allocate");
    } else if i < c.sc.people.len() && c.sc.people.len() > 1 {
        c.add_reason(&mut why, "GONGJI_NOT_ELIGIBLE", k::WHY_GONGJI_NOT_ELIGIBLE, &[("to", who)], "", true, "gongji");
    }
    if gongji_use && !inp.gongji.certain {
        conditional = true;
    }

    // 亲情账户: useful when the member cannot show their own code.
    let fa_use = inp.fa.applicable && inp.fa.eligible && inp.fa.useful;
    if inp.fa.applicable {
        let p = &c.sc.people[i];
        let key = if !inp.fa.eligible {
            k::WHY_FA_NOT_ELIGIBLE
        } else if fa_use && family_account::documents_only(c, p.age) {
            k::WHY_FA_CHILD
        } else if fa_use && p.smartphone == Some(false) {
            k::WHY_FA_NO_PHONE
        } else if fa_use || p.smartphone.is_none() {
            k::WHY_FA_MAYBE_NO_PHONE
        } else {
            k::WHY_FA_OWN_PHONE
        };
        c.add_reason(&mut why, if fa_use { "FAMILY_ACCOUNT_USEFUL" } else { "FAMILY_ACCOUNT_NOT_NEEDED" }, key, &[("to", who)], "S9", true, "fa.useful");
        if fa_use && !inp.fa.certain {
            conditional = true;
        }
    }

    let mut rec = match (fa_use, gongji_use) {
        (true, true) => Recommendation::Both,
        (true, false) => Recommendation::FamilyAccount,
        (false, true) => Recommendation::Gongji,
        (false, false) => Recommendation::Neither,
    };
    // The half of the answer that says "no" rests on something undecided: the answer is
    // conditional (a family account the member may need, or sharing that may be possible).
    let phone_unknown = inp.fa.applicable && inp.fa.eligible && c.sc.people[i].smartphone.is_none();
    let gongji_open = !inp.gongji.eligible && !inp.gongji.certain;
    if (!fa_use && phone_unknown) || (!gongji_use && gongji_open) {
        conditional = true;
    }
    if rec == Recommendation::Neither {
        // `neither` only for a decided "no" on both.
        if phone_unknown || gongji_open {
            let mut reasons: Vec<&Reason> = Vec::new();
            if gongji_open {
                reasons.extend(inp.gongji.reasons.iter());
            }
            let checks = checks_for(&reasons, phone_unknown);
            rec = Recommendation::Undecided;
            conditional = true;
            undecided(c, &mut why, who, &checks);
        }
    }
    if rec == Recommendation::Both {
        // Showing the member's code through the family account still settles with the member's
        // own insurance and the money shared with them (S15, S9).
        c.add_reason(&mut why, "BOTH_WORK_TOGETHER", k::WHY_BOTH, &[("to", who)], "S15", true, "interplay");
    }

    // Next steps.
    if gongji_use {
        for &a in &via {
            let from = c.name(a);
            let pair = inp.incoming.iter().find(|p| p.from == a);
            let mech = pair.and_then(|p| p.mechanism);
            let region = c.sc.people.get(a).and_then(|p| p.insurance.region);
            let mut ch = family_account::channels(c, region, ChannelKind::Gongji);
            let key = match mech {
                Some(Mechanism::Wallet) => {
                    ch = family_account::channels(c, region, ChannelKind::Wallet);
                    k::NEXT_WALLET
                }
                Some(Mechanism::Quota) => k::NEXT_QUOTA,
                _ => k::NEXT_GONGJI,
            };
            let text = c.t(key, &[("from", from), ("to", who)]);
            next.push(NextStep { code: "REGISTER_GONGJI", text, channels: ch, documents: &[], documents_any_of: &[] });
        }
    }
    if fa_use {
        let binder = inp.fa.binder.map_or("", |b| c.name(b));
        let text = c.t(k::NEXT_FAMILY_ACCOUNT, &[("from", binder), ("to", who)]);
        next.push(NextStep {
            code: "ADD_FAMILY_ACCOUNT",
            text,
            // The same list as `fa.channels` (a useful family account means `member` got to its
            // end and looked them up), looked up again rather than cloned.
            channels: family_account::binder_channels(c, inp.fa.binder),
            documents: inp.fa.documents,
            documents_any_of: inp.fa.documents_any_of,
        });
    }

    finish(c, inp, rec, conditional, why, next)
}

/// The `UNDECIDED` reason: what to check, and where to ask.
fn undecided(c: &mut Ctx, why: &mut Vec<Reason>, who: &str, checks: &[usize]) {
    let mut list = String::new();
    for (n, &id) in checks.iter().enumerate() {
        if n > 0 {
            list.push_str(c.tx(k::FMT_LIST_SEP));
        }
        list.push_str(c.tx(id));
    }
    let key = if list.is_empty() { k::WHY_UNDECIDED_GENERAL } else { k::WHY_UNDECIDED };
    // First: the headline's reason leads.
    let r = c.reason("UNDECIDED", key, &[("to", who), ("checks", &list)], "", true, "recommend");
    why.insert(0, r);
}

fn finish(c: &mut Ctx, inp: Input, rec: Recommendation, conditional: bool, why: Vec<Reason>, next: Vec<NextStep>) -> PersonOut {
    let i = inp.i;
    // Beyond the look-ahead past the book's review, no answer is certain.
    let conditional = conditional || c.review == crate::policy::Review::BeyondLookahead;
    let region_name = c.region_name(c.sc.people.get(i).and_then(|p| p.insurance.region));
    PersonOut {
        index: i,
        family_account: inp.fa,
        gongji: inp.gongji,
        recommendation: rec,
        conditional,
        why,
        next_steps: next,
        money: inp.money,
        shared_from: inp.shared_from,
        region_name,
    }
}
