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
    /// Whether one of the bindings into this person rests on an unknown balance.
    pub balance_unknown: bool,
}

pub fn person(c: &mut Ctx, inp: Input) -> PersonOut {
    let i = inp.i;
    let who = c.name(i);
    let mut why: Vec<Reason> = Vec::new();
    let mut next: Vec<NextStep> = Vec::new();
    let mut conditional = false;

    // 共济: useful when shared money pays something this year.
    let gongji_moves = inp.money.shared.is_positive();
    // `gongji.bound_by`: the bindings money follows (or the plan proposes) into this person.
    let gongji_use = gongji_moves || (inp.balance_unknown && !inp.gongji.bound_by.is_empty());
    if gongji_moves {
        let amt = c.money(inp.money.shared);
        c.add_reason(&mut why, "GONGJI_PAYS", k::WHY_GONGJI_PAYS, &[("to", who), ("amount", &amt)], "S1", true, "allocate");
    } else if gongji_use {
        conditional = true;
        c.add_reason(&mut why, "GONGJI_BALANCE_UNKNOWN", k::WHY_GONGJI_BALANCE_UNKNOWN, &[("to", who)], "", true, "allocate");
    } else if inp.gongji.eligible {
        let need = inp.money.cash;
        let key = if need.is_positive() { k::WHY_GONGJI_NO_MONEY } else { k::WHY_GONGJI_NO_NEED };
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
        } else if fa_use {
            k::WHY_FA_MAYBE_NO_PHONE
        } else {
            k::WHY_FA_OWN_PHONE
        };
        c.add_reason(&mut why, if fa_use { "FAMILY_ACCOUNT_USEFUL" } else { "FAMILY_ACCOUNT_NOT_NEEDED" }, key, &[("to", who)], "S9", true, "fa.useful");
        if fa_use && !inp.fa.certain {
            conditional = true;
        }
    }

    let rec = match (fa_use, gongji_use) {
        (true, true) => Recommendation::Both,
        (true, false) => Recommendation::FamilyAccount,
        (false, true) => Recommendation::Gongji,
        (false, false) => Recommendation::Neither,
    };
    if rec == Recommendation::Both {
        // Showing the member's code through the family account still settles with the member's
        // own insurance and the money shared with them (S15, S9).
        c.add_reason(&mut why, "BOTH_WORK_TOGETHER", k::WHY_BOTH, &[("to", who)], "S15", true, "interplay");
    }

    // Next steps.
    if gongji_use {
        for &a in &inp.gongji.bound_by {
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
