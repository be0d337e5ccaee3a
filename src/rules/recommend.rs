//! The recommendation per member — `family_account`, `gongji`, `both` or `neither` — with the
//! reasons and the next steps (who does what, where, with which documents).

use super::code::{NextCode, ReasonCode};
use super::ctx::{Basis, Ctx};
use super::family_account;
use crate::i18n::Key;
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
fn checks_for(reasons: &[&Reason], phone_unknown: bool) -> Vec<Key> {
    let mut out: Vec<Key> = Vec::new();
    let checks = reasons.iter().filter_map(|r| check_for(r)).chain(phone_unknown.then_some(Key::CheckPhone));
    for id in checks {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// What to check for one reason: the fact it found missing, or the local rule when it rests on
/// an unverified value.
fn check_for(r: &Reason) -> Option<Key> {
    use ReasonCode::*;
    match ReasonCode::parse(r.code) {
        Some(DateNotCovered) => Some(Key::CheckDate),
        Some(RelationUnknown) => Some(Key::CheckRelation),
        Some(SchemeUnknown) => Some(Key::CheckScheme),
        Some(InsuredUnknown) => Some(Key::CheckInsured),
        Some(AreaUnknown) => Some(Key::CheckRegion),
        Some(BalanceUnknown) => Some(Key::CheckBalance),
        Some(AgeUnknown) => Some(Key::CheckAge),
        _ if !r.verified => Some(Key::CheckLocalRule),
        _ => None,
    }
}

const ALLOCATION: Basis = Basis::verified("", "allocate");

pub fn person(c: &mut Ctx, inp: Input) -> PersonOut {
    let i = inp.i;
    let to = vec![("to", Arg::Person(i))];
    let mut why: Vec<Reason> = Vec::new();
    let mut conditional = false;

    // A refused date (before the rules existed): nothing can be said, and nothing is "not needed".
    if !c.covered {
        let reasons: Vec<&Reason> = inp.fa.reasons.iter().chain(&inp.gongji.reasons).collect();
        why.insert(0, undecided(c, i, checks_for(&reasons, false)));
        return finish(c, inp, Recommendation::Undecided, true, why, Vec::new());
    }

    // 共济: useful when shared money pays something this year, or when the plan proposes a
    // binding whose money the estimate cannot tell (unknown balance or unknown costs).
    let gongji_moves = inp.money.shared.is_positive();
    // `gongji.bound_by`: the bindings money follows (or the plan proposes) into this person.
    let via: &[usize] = if inp.gongji.bound_by.is_empty() { &inp.proposed_from } else { &inp.gongji.bound_by };
    let proposed = if via.is_empty() { Proposed::No } else { inp.proposed };
    let gongji_use = gongji_moves || proposed != Proposed::No;
    if gongji_moves {
        let args = vec![("to", Arg::Person(i)), ("amount", Arg::Money(inp.money.shared))];
        why.push(c.reason(ReasonCode::GongjiPays, Key::WhyGongjiPays, args, Basis::verified("S1", "allocate")));
        if inp.money.conditional.is_positive() {
            // Part of the money comes through a pair the engine could not confirm.
            conditional = true;
            let args = vec![("to", Arg::Person(i)), ("amount", Arg::Money(inp.money.conditional))];
            why.push(c.reason(ReasonCode::MoneyConditional, Key::WhyMoneyConditional, args, ALLOCATION));
        }
    } else if proposed == Proposed::BalanceUnknown {
        conditional = true;
        why.push(c.reason(ReasonCode::GongjiBalanceUnknown, Key::WhyGongjiBalanceUnknown, to.clone(), ALLOCATION));
    } else if proposed == Proposed::CostsUnknown {
        conditional = true;
        why.push(c.reason(ReasonCode::CostsUnknown, Key::WhyCostsUnknown, to.clone(), Basis::verified("S1", "allocate")));
    } else if inp.gongji.eligible {
        let msg = match (inp.money.cash.is_positive(), inp.gongji.certain) {
            (true, true) => Key::WhyGongjiNoMoney,
            (true, false) => Key::WhyGongjiNoMoneyMaybe,
            (false, true) => Key::WhyGongjiNoNeed,
            (false, false) => Key::WhyGongjiNoNeedMaybe,
        };
        why.push(c.reason(ReasonCode::GongjiNotNeeded, msg, to.clone(), ALLOCATION));
    } else if i < c.sc.people.len() && c.sc.people.len() > 1 {
        why.push(c.reason(ReasonCode::GongjiNotEligible, Key::WhyGongjiNotEligible, to.clone(), Basis::verified("", "gongji")));
    }
    if gongji_use && !inp.gongji.certain {
        conditional = true;
    }

    // 亲情账户: useful when the member cannot show their own code.
    let p = &c.sc.people[i];
    let fa_use = inp.fa.applicable && inp.fa.eligible && inp.fa.useful;
    if inp.fa.applicable {
        let msg = if !inp.fa.eligible {
            Key::WhyFaNotEligible
        } else if fa_use && family_account::documents_only(c, p.age) {
            Key::WhyFaChild
        } else if fa_use && p.smartphone == Some(false) {
            Key::WhyFaNoPhone
        } else if fa_use || p.smartphone.is_none() {
            Key::WhyFaMaybeNoPhone
        } else {
            Key::WhyFaOwnPhone
        };
        let code = if fa_use { ReasonCode::FamilyAccountUseful } else { ReasonCode::FamilyAccountNotNeeded };
        why.push(c.reason(code, msg, to.clone(), Basis::verified("S9", "fa.useful")));
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
    let phone_unknown = inp.fa.applicable && inp.fa.eligible && p.smartphone.is_none();
    let gongji_open = !inp.gongji.eligible && !inp.gongji.certain;
    if (!fa_use && phone_unknown) || (!gongji_use && gongji_open) {
        conditional = true;
    }
    // `neither` only for a decided "no" on both.
    if rec == Recommendation::Neither && (phone_unknown || gongji_open) {
        let open: Vec<&Reason> = if gongji_open { inp.gongji.reasons.iter().collect() } else { Vec::new() };
        rec = Recommendation::Undecided;
        conditional = true;
        // First: the headline's reason leads.
        why.insert(0, undecided(c, i, checks_for(&open, phone_unknown)));
    }
    if rec == Recommendation::Both {
        // Showing the member's code through the family account still settles with the member's
        // own insurance and the money shared with them (S15, S9).
        why.push(c.reason(ReasonCode::BothWorkTogether, Key::WhyBoth, to.clone(), Basis::verified("S15", "interplay")));
    }

    // Next steps.
    let mut next: Vec<NextStep> = Vec::new();
    if gongji_use {
        for &a in via {
            next.push(register_gongji(c, &inp, a));
        }
    }
    if fa_use {
        let binder = inp.fa.binder.map_or(Arg::Str(""), Arg::Person);
        next.push(NextStep {
            code: NextCode::AddFamilyAccount.as_str(),
            msg: Msg::new(Key::NextFamilyAccount, vec![("from", binder), ("to", Arg::Person(i))]),
            // The same list as `fa.channels` (a useful family account means `member` got to its
            // end and looked them up).
            channels: family_account::binder_channels(c, inp.fa.binder),
            documents: inp.fa.documents,
            documents_any_of: inp.fa.documents_any_of,
        });
    }

    finish(c, inp, rec, conditional, why, next)
}

/// `REGISTER_GONGJI`: authoriser `a` registers sharing with the person, by the mechanism of their
/// pair (an instant debit, the 医保钱包, or the cross-province quota).
fn register_gongji(c: &mut Ctx, inp: &Input, a: usize) -> NextStep {
    let mechanism = inp.incoming.iter().find(|p| p.from == a).and_then(|p| p.mechanism);
    let region = c.sc.people.get(a).and_then(|p| p.insurance.region);
    // The 共济 channels are looked up (and their sources cited) whatever the mechanism.
    let gongji = family_account::channels(c, region, ChannelKind::Gongji);
    let (msg, channels) = match mechanism {
        Some(Mechanism::Wallet) => (Key::NextWallet, family_account::channels(c, region, ChannelKind::Wallet)),
        Some(Mechanism::Quota) => (Key::NextQuota, gongji),
        Some(Mechanism::Instant) | None => (Key::NextGongji, gongji),
    };
    let msg = Msg::new(msg, vec![("from", Arg::Person(a)), ("to", Arg::Person(inp.i))]);
    NextStep { code: NextCode::RegisterGongji.as_str(), msg, channels, documents: &[], documents_any_of: &[] }
}

/// The `UNDECIDED` reason for person `i`: what to check (catalog texts), and where to ask.
fn undecided(c: &mut Ctx, i: usize, checks: Vec<Key>) -> Reason {
    let msg = if checks.is_empty() { Key::WhyUndecidedGeneral } else { Key::WhyUndecided };
    c.reason(ReasonCode::Undecided, msg, vec![("to", Arg::Person(i)), ("checks", Arg::Keys(checks))], Basis::verified("", "recommend"))
}

fn finish(c: &mut Ctx, inp: Input, rec: Recommendation, conditional: bool, why: Vec<Reason>, next: Vec<NextStep>) -> PersonOut {
    let i = inp.i;
    // Beyond the look-ahead past the book's review, no answer is certain.
    let conditional = conditional || c.review == crate::policy::Review::BeyondLookahead;
    let region = c.sc.people.get(i).and_then(|p| p.insurance.region);
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
        region,
    }
}
