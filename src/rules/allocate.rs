//! Allocation of the year's costs: pooled fund (estimated), then each person's own account, then
//! shared accounts in registration order, then cash. Exact in 分:
//! `cost = pooled + own_account + shared + cash` for every person.
//!
//! Order rules: own account first, then others in registration (备案) order (national practice;
//! Beijing states it, S21). Own use draws the current year's credit first, then earlier years
//! (ASSUMED, so that the 历年 balance stays available for sharing). Shared money draws 历年 first,
//! and only 历年 where the authoriser's region says so. Shared money pays premiums first (resident,
//! long-term care, commercial), then medical costs.

use super::gongji::Auth;
use super::share::{pays_premium, Need, Premiums};
use crate::model::*;
use crate::money::Fen;

/// A usable binding: authoriser, beneficiary, and what the money may pay for.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub uses: Uses,
}

/// The family as the allocation sees it, one entry per person in each list: who they are, what
/// they have to pay, what they offer as an authoriser, and what their own account may pay.
#[derive(Clone, Copy, Debug)]
pub struct Family<'a> {
    pub people: &'a [Person],
    pub needs: &'a [Need],
    pub auths: &'a [Auth],
    pub own: &'a [OwnScope],
}

/// What each person's own account may pay for them.
#[derive(Clone, Copy, Debug, Default)]
pub struct OwnScope {
    pub usable: bool,
    pub commercial: bool,
    pub commercial_min: Fen,
}

/// An account's balance as it is drawn on: 历年 (earlier years) and 当年 (this year).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Balance {
    pub prior: Fen,
    pub current: Fen,
}

impl Balance {
    fn of(a: Account) -> Balance {
        Balance { prior: a.prior_years.max(Fen::ZERO), current: a.current_year.max(Fen::ZERO) }
    }

    pub fn total(&self) -> Fen {
        self.prior + self.current
    }

    /// What sharing may draw: 历年 only where the region says so.
    pub fn shareable(&self, prior_only: bool) -> Fen {
        if prior_only {
            self.prior
        } else {
            self.total()
        }
    }

    /// Own use: up to `want`, 当年 first, then 历年.
    fn draw_own(&mut self, want: Fen) -> Fen {
        let current = take(&mut self.current, want);
        current + take(&mut self.prior, want - current)
    }

    /// Sharing: up to `want`, 历年 first, then 当年 unless `prior_only`.
    fn draw_shared(&mut self, want: Fen, prior_only: bool) -> Fen {
        let prior = take(&mut self.prior, want);
        if prior_only {
            prior
        } else {
            prior + take(&mut self.current, want - prior)
        }
    }
}

/// Up to `want` out of `from` (never below zero).
fn take(from: &mut Fen, want: Fen) -> Fen {
    let t = want.min(*from).max(Fen::ZERO);
    *from -= t;
    t
}

#[derive(Clone, Debug)]
pub struct Outcome {
    pub money: Vec<Money>,
    pub shared_from: Vec<Vec<(usize, Fen)>>,
    pub accounts: Vec<AccountOut>,
    /// Per edge, the amount that moved.
    pub flows: Vec<Fen>,
    /// What is left at the end: balances and needs (medical share, premiums).
    pub left: Vec<Balance>,
    pub share_left: Vec<Fen>,
    pub prem_left: Vec<Premiums>,
}

impl Outcome {
    pub fn family_cash(&self) -> Fen {
        self.money.iter().map(|m| m.cash).sum()
    }
}

/// The year's costs of `family` paid along `edges` (in registration order).
pub fn allocate(family: &Family, edges: &[Edge]) -> Outcome {
    let Family { people, needs, auths, own } = *family;
    let n = people.len();
    let mut left: Vec<Balance> = people.iter().map(|p| Balance::of(p.account.unwrap_or_default())).collect();
    let mut share_left: Vec<Fen> = needs.iter().map(|x| x.share).collect();
    let mut prem_left: Vec<Premiums> = needs.iter().map(|x| x.premiums).collect();
    let prior_only = |a: usize| auths.get(a).is_some_and(|x| x.prior_only);

    // 1. Own accounts: resident and long-term-care premiums, commercial insurance from what
    //    exceeds the local minimum, then medical costs.
    let mut own_use = vec![Fen::ZERO; n];
    for i in 0..n {
        let scope = own.get(i).copied().unwrap_or_default();
        if !scope.usable || people[i].account.is_none() {
            continue;
        }
        let (bal, prem) = (&mut left[i], &mut prem_left[i]);
        let mut used = Fen::ZERO;
        for kind in [PremiumKind::Resident, PremiumKind::LongTermCare] {
            let got = bal.draw_own(prem[kind]);
            prem[kind] -= got;
            used += got;
        }
        if scope.commercial && bal.total() > scope.commercial_min {
            let room = bal.total() - scope.commercial_min;
            let got = bal.draw_own(prem.commercial.min(room));
            prem.commercial -= got;
            used += got;
        }
        let got = bal.draw_own(share_left[i]);
        share_left[i] -= got;
        used += got;
        own_use[i] = used;
    }

    // 2. Shared accounts, in registration order: premiums first, then medical costs.
    let mut shared_out = vec![Fen::ZERO; n];
    let mut shared_from: Vec<Vec<(usize, Fen)>> = vec![Vec::new(); n];
    let mut flows = Vec::with_capacity(edges.len());
    for e in edges {
        let (a, b) = (e.from, e.to);
        if a >= n || b >= n || a == b {
            flows.push(Fen::ZERO);
            continue;
        }
        let prior_only = prior_only(a);
        let commercial_min = own.get(a).map_or(Fen::ZERO, |o| o.commercial_min);
        let mut moved = Fen::ZERO;
        for kind in Premiums::ORDER.into_iter().filter(|&kind| pays_premium(&e.uses, kind)) {
            let mut want = prem_left[b][kind];
            if kind == PremiumKind::Commercial {
                // Commercial insurance only from what exceeds the local minimum (Hefei, S23).
                want = want.min((left[a].shareable(prior_only) - commercial_min).max(Fen::ZERO));
            }
            let got = left[a].draw_shared(want, prior_only);
            prem_left[b][kind] -= got;
            moved += got;
        }
        if e.uses.medical {
            let got = left[a].draw_shared(share_left[b], prior_only);
            share_left[b] -= got;
            moved += got;
        }
        if moved.is_positive() {
            shared_out[a] += moved;
            match shared_from[b].iter_mut().find(|(f, _)| *f == a) {
                Some((_, amount)) => *amount += moved,
                None => shared_from[b].push((a, moved)),
            }
        }
        flows.push(moved);
    }

    // 3. Cash: the rest. Conservation holds by construction:
    //    cost = pooled + own_account + shared + cash.
    let money: Vec<Money> = needs
        .iter()
        .zip(&own_use)
        .zip(&shared_from)
        .map(|((x, &own_account), from)| {
            let shared: Fen = from.iter().map(|&(_, amount)| amount).sum();
            Money {
                cost: x.cost,
                pooled: x.pooled,
                medical: x.medical,
                premiums: x.premiums.total(),
                non_qualifying: x.non_qualifying,
                estimated: x.estimated,
                own_account,
                shared,
                cash: x.cost - x.pooled - own_account - shared,
                cash_without_gongji: x.cost - x.pooled - own_account,
                ..Money::default()
            }
        })
        .collect();
    let accounts = people
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let acc = p.account?;
            Some(AccountOut {
                index: i,
                known: true,
                prior_years: acc.prior_years,
                current_year: acc.current_year,
                balance_before: Balance::of(acc).total(),
                own_use: own_use[i],
                shared_out: shared_out[i],
                balance_after: left[i].total(),
                prior_years_only: prior_only(i),
            })
        })
        .collect();
    Outcome { money, shared_from, accounts, flows, left, share_left, prem_left }
}
