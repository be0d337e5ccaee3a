//! What each person has to pay in the year: the personal share of medical costs at designated
//! places (given, or estimated from cost items), premiums, and spending no account may pay.

use super::code::NoticeCode;
use super::ctx::{Basis, Ctx};
use crate::i18n::Key;
use crate::model::*;
use crate::money::Fen;
use crate::policy::{self, Outpatient, SchemeKey};

/// An amount per premium kind: what a person pays, or what is left to pay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Premiums {
    pub resident: Fen,
    pub long_term_care: Fen,
    pub commercial: Fen,
}

impl Premiums {
    /// The kinds in the order shared money pays them.
    pub const ORDER: [PremiumKind; 3] = [PremiumKind::Resident, PremiumKind::LongTermCare, PremiumKind::Commercial];

    pub fn total(&self) -> Fen {
        self.resident + self.long_term_care + self.commercial
    }
}

impl std::ops::Index<PremiumKind> for Premiums {
    type Output = Fen;
    fn index(&self, kind: PremiumKind) -> &Fen {
        match kind {
            PremiumKind::Resident => &self.resident,
            PremiumKind::LongTermCare => &self.long_term_care,
            PremiumKind::Commercial => &self.commercial,
        }
    }
}

impl std::ops::IndexMut<PremiumKind> for Premiums {
    fn index_mut(&mut self, kind: PremiumKind) -> &mut Fen {
        match kind {
            PremiumKind::Resident => &mut self.resident,
            PremiumKind::LongTermCare => &mut self.long_term_care,
            PremiumKind::Commercial => &mut self.commercial,
        }
    }
}

/// Whether a binding's `uses` let its money pay premiums of `kind`.
pub fn pays_premium(uses: &Uses, kind: PremiumKind) -> bool {
    match kind {
        PremiumKind::Resident => uses.resident_premium,
        PremiumKind::LongTermCare => uses.ltc_premium,
        PremiumKind::Commercial => uses.commercial_premium,
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Need {
    pub cost: Fen,
    /// Gross medical spending at designated places (personal_share + qualifying items).
    pub medical: Fen,
    /// Estimated pooled-fund payment.
    pub pooled: Fen,
    /// Medical spending an account may pay: `medical - pooled`.
    pub share: Fen,
    pub non_qualifying: Fen,
    pub premiums: Premiums,
    pub estimated: bool,
}

fn insured(p: &Person) -> bool {
    matches!(p.insurance.scheme, Scheme::Employee | Scheme::Resident) && p.insurance.status == Status::Active
}

/// The outpatient parameters for a person: their region, then its city, province, national —
/// matching scheme and retiree status; never another city's values.
pub fn outpatient_params(p: &Person, date: crate::date::Date) -> Option<(&'static policy::Seg<Outpatient>, policy::Used)> {
    let scheme = match p.insurance.scheme {
        Scheme::Employee => SchemeKey::Employee,
        Scheme::Resident => SchemeKey::Resident,
        _ => return None,
    };
    let applies = |s: &policy::Seg<Outpatient>| s.contains(date) && s.value.scheme == scheme && s.value.retired.is_none_or(|r| r == p.insurance.retired);
    policy::regions::levels(p.insurance.region.unwrap_or(policy::NATIONAL)).into_iter().find_map(|level| {
        policy::OUTPATIENT.iter().find(|s| s.regions.contains(&level) && applies(s)).map(|s| (s, policy::used(s, level)))
    })
}

/// The pooled fund's share of outpatient `items` under `v`: the deductible first, then the tier's
/// ratio (rounded down to the 分), up to the cap; and whether some item's tier has no ratio (that
/// item is left out of the estimate, and the caller says so).
fn outpatient_pooled(v: &Outpatient, items: &[&Item]) -> (Fen, bool) {
    let mut deductible_left = v.deductible;
    let mut cap_left = v.cap;
    let mut pooled = Fen::ZERO;
    let mut tier_missing = false;
    for it in items {
        let Some(ratio) = it.tier.and_then(|t| v.ratio.get(usize::from(t)).copied().flatten()) else {
            tier_missing = true;
            continue;
        };
        let over = (it.amount - deductible_left).max(Fen::ZERO);
        deductible_left = (deductible_left - it.amount).max(Fen::ZERO);
        let paid = over.percent_floor(ratio).min(cap_left);
        cap_left -= paid;
        pooled += paid;
    }
    (pooled, tier_missing)
}

pub fn need(c: &mut Ctx, i: usize) -> Need {
    let p = &c.sc.people[i];
    let who = ("who", Arg::Person(i));
    let mut n = Need { medical: p.costs.personal_share, ..Need::default() };
    let mut outpatient: Vec<&Item> = Vec::new();
    let mut inpatient = false;
    for it in &p.costs.items {
        if !it.kind.qualifying() {
            n.non_qualifying += it.amount;
            continue;
        }
        n.medical += it.amount;
        match it.kind {
            ItemKind::Outpatient => outpatient.push(it),
            ItemKind::Inpatient => inpatient = true,
            _ => {}
        }
    }
    for pr in &p.costs.premiums {
        n.premiums[pr.kind] += pr.amount;
    }
    n.cost = n.medical + n.non_qualifying + n.premiums.total();

    if n.non_qualifying.is_positive() {
        let basis = Basis::verified("S1", "account.scope");
        let args = vec![who.clone(), ("amount", Arg::Money(n.non_qualifying))];
        c.warn(NoticeCode::NotQualifyingSpending, Key::ReasonNotQualifyingSpending, args, basis, Some(i));
    }

    // Pooled-fund estimate for outpatient items.
    if !outpatient.is_empty() && c.covered {
        n.estimated = true;
        if !insured(p) {
            c.step(Key::StepNotInsuredNoPool, vec![who.clone()], StepValue::Money(Fen::ZERO), Basis::verified("", "share.uninsured"));
        } else if let Some((s, u)) = outpatient_params(p, c.date) {
            let v = &s.value;
            let (pooled, tier_missing) = outpatient_pooled(v, &outpatient);
            n.pooled = pooled;
            let msg = if v.example { Key::StepOutpatientExample } else { Key::StepOutpatientEstimate };
            let args = vec![
                who.clone(),
                ("amount", Arg::Money(pooled)),
                ("deductible", Arg::Money(v.deductible)),
                ("cap", Arg::Money(v.cap)),
                ("region", Arg::Region(Some(u.level))),
            ];
            c.step(msg, args, StepValue::Money(pooled), Basis::of(&u));
            c.warn_unverified(&u, Some(i));
            if tier_missing {
                c.not_covered(NoticeCode::TierNotEstimated, Key::NoticeTierUnknown, vec![who.clone()], Basis::of(&u), Some(i));
            }
        } else {
            c.not_covered(NoticeCode::OutpatientParamsMissing, Key::NoticeOutpatientParamsMissing, vec![who.clone()], Basis::verified("", "outpatient"), Some(i));
        }
    }
    if inpatient && c.covered {
        c.not_covered(NoticeCode::InpatientNotEstimated, Key::NoticeInpatientNotEstimated, vec![who], Basis::verified("", "inpatient"), Some(i));
    }
    n.share = n.medical - n.pooled;
    n
}
