//! What each person has to pay in the year: the personal share of medical costs at designated
//! places (given, or estimated from cost items), premiums, and spending no account may pay.

use super::ctx::Ctx;
use crate::i18n::k;
use crate::model::*;
use crate::money::Fen;
use crate::policy::{self, Outpatient, SchemeKey};

/// Premium kinds in the order shared money pays them.
pub const PREMIUM_ORDER: [PremiumKind; 3] = [PremiumKind::Resident, PremiumKind::LongTermCare, PremiumKind::Commercial];

pub fn premium_index(k: PremiumKind) -> usize {
    match k {
        PremiumKind::Resident => 0,
        PremiumKind::LongTermCare => 1,
        PremiumKind::Commercial => 2,
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
    pub premiums: [Fen; 3],
    pub estimated: bool,
}

impl Need {
    pub fn premiums_total(&self) -> Fen {
        self.premiums[0] + self.premiums[1] + self.premiums[2]
    }
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
    let region = p.insurance.region.unwrap_or(policy::NATIONAL);
    for level in policy::regions::levels(region) {
        for s in policy::OUTPATIENT {
            if s.regions.contains(&level)
                && s.contains(date)
                && s.value.scheme == scheme
                && s.value.retired.map(|r| r == p.insurance.retired).unwrap_or(true)
            {
                return Some((s, policy::used(s, level)));
            }
        }
    }
    None
}

pub fn need(c: &mut Ctx, i: usize) -> Need {
    let p = &c.sc.people[i];
    let who = c.name(i);
    let mut n = Need::default();
    let given = p.costs.personal_share;
    n.medical = given;
    let mut outpatient: Vec<&Item> = Vec::new();
    let mut upper_bound = false;
    for it in &p.costs.items {
        if it.kind.qualifying() {
            n.medical += it.amount;
            match it.kind {
                ItemKind::Outpatient => outpatient.push(it),
                ItemKind::Inpatient => upper_bound = true,
                _ => {}
            }
        } else {
            n.non_qualifying += it.amount;
        }
    }
    for pr in &p.costs.premiums {
        n.premiums[premium_index(pr.kind)] += pr.amount;
    }
    n.cost = n.medical + n.non_qualifying + n.premiums_total();

    if n.non_qualifying.is_positive() {
        let amt = c.money(n.non_qualifying);
        c.warn("NOT_QUALIFYING_SPENDING", k::REASON_NOT_QUALIFYING_SPENDING, &[("who", who), ("amount", &amt)], "S1", "account.scope", Some(i));
    }

    // Pooled-fund estimate for outpatient items.
    if !outpatient.is_empty() && c.covered {
        n.estimated = true;
        if !insured(p) {
            c.step("share.uninsured", k::STEP_NOT_INSURED_NO_POOL, &[("who", who)], StepValue::Money(Fen::ZERO), "", true);
        } else {
            match outpatient_params(p, c.date) {
                None => {
                    c.not_covered("OUTPATIENT_PARAMS_MISSING", k::NOTICE_OUTPATIENT_PARAMS_MISSING, &[("who", who)], "", "outpatient", Some(i));
                }
                Some((s, u)) => {
                    let v = s.value;
                    let mut deductible_left = v.deductible;
                    let mut cap_left = v.cap;
                    let mut pooled = Fen::ZERO;
                    let mut tier_missing = false;
                    for it in &outpatient {
                        let ratio = it.tier.and_then(|t| v.ratio.get(t as usize).copied().flatten());
                        let ratio = match ratio {
                            Some(r) => r,
                            None => {
                                tier_missing = true;
                                continue;
                            }
                        };
                        let over = (it.amount - deductible_left).max(Fen::ZERO);
                        deductible_left = (deductible_left - it.amount).max(Fen::ZERO);
                        let paid = over.percent_floor(ratio).min(cap_left);
                        cap_left -= paid;
                        pooled += paid;
                    }
                    n.pooled = pooled;
                    let amt = c.money(pooled);
                    let ded = c.money(v.deductible);
                    let cap = c.money(v.cap);
                    let region = c.region_name(Some(if u.level == 0 { 0 } else { u.level }));
                    let key = if v.example { k::STEP_OUTPATIENT_EXAMPLE } else { k::STEP_OUTPATIENT_ESTIMATE };
                    c.step(s.id, key, &[("who", who), ("amount", &amt), ("deductible", &ded), ("cap", &cap), ("region", &region)], StepValue::Money(pooled), s.source, u.verified());
                    c.warn_unverified(&u, Some(i));
                    if tier_missing {
                        c.not_covered("TIER_NOT_ESTIMATED", k::NOTICE_TIER_UNKNOWN, &[("who", who)], s.source, s.id, Some(i));
                    }
                }
            }
        }
    }
    if upper_bound && c.covered {
        c.not_covered("INPATIENT_NOT_ESTIMATED", k::NOTICE_INPATIENT_NOT_ESTIMATED, &[("who", who)], "", "inpatient", Some(i));
    }
    n.share = n.medical - n.pooled;
    n
}
