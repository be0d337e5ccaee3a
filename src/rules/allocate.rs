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
use super::share::{Need, PREMIUM_ORDER};
use crate::model::*;
use crate::money::Fen;

/// A usable binding: authoriser, beneficiary, and what the money may pay for.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub uses: Uses,
}

/// What each person's own account may pay for them.
#[derive(Clone, Copy, Debug, Default)]
pub struct OwnScope {
    pub usable: bool,
    pub commercial: bool,
    pub commercial_min: Fen,
}

#[derive(Clone, Debug)]
pub struct Outcome {
    pub money: Vec<Money>,
    pub shared_from: Vec<Vec<(usize, Fen)>>,
    pub accounts: Vec<AccountOut>,
    /// Per edge, the amount that moved.
    pub flows: Vec<Fen>,
    /// What is left at the end: balances (历年, 当年) and needs (medical share, premiums).
    pub prior_left: Vec<Fen>,
    pub current_left: Vec<Fen>,
    pub share_left: Vec<Fen>,
    pub prem_left: Vec<[Fen; 3]>,
}

impl Outcome {
    pub fn family_cash(&self) -> Fen {
        self.money.iter().map(|m| m.cash).sum()
    }
}

fn take(bal: &mut Fen, want: Fen) -> Fen {
    let t = want.min(*bal).max(Fen::ZERO);
    *bal -= t;
    t
}

pub fn allocate(people: &[Person], needs: &[Need], auths: &[Auth], own: &[OwnScope], edges: &[Edge]) -> Outcome {
    let n = people.len();
    let mut prior: Vec<Fen> = Vec::with_capacity(n);
    let mut current: Vec<Fen> = Vec::with_capacity(n);
    for p in people {
        let a = p.account.unwrap_or_default();
        prior.push(a.prior_years.max(Fen::ZERO));
        current.push(a.current_year.max(Fen::ZERO));
    }
    let mut share_left: Vec<Fen> = Vec::with_capacity(n);
    let mut prem_left: Vec<[Fen; 3]> = Vec::with_capacity(n);
    let mut money: Vec<Money> = Vec::with_capacity(n);
    for x in needs {
        share_left.push(x.share);
        prem_left.push(x.premiums);
        money.push(Money {
            cost: x.cost,
            pooled: x.pooled,
            medical: x.medical,
            premiums: x.premiums_total(),
            non_qualifying: x.non_qualifying,
            estimated: x.estimated,
            ..Money::default()
        });
    }
    let mut own_use = vec![Fen::ZERO; n];

    // 1. Own accounts.
    for i in 0..n {
        let scope = own.get(i).copied().unwrap_or_default();
        if !scope.usable || people[i].account.is_none() {
            continue;
        }
        let draw = |want: Fen, prior: &mut Fen, current: &mut Fen| -> Fen {
            let a = take(current, want);
            a + take(prior, want - a)
        };
        let mut used = Fen::ZERO;
        for k in 0..2 {
            let got = draw(prem_left[i][k], &mut prior[i], &mut current[i]);
            prem_left[i][k] -= got;
            used += got;
        }
        if scope.commercial && prior[i] + current[i] > scope.commercial_min {
            let room = prior[i] + current[i] - scope.commercial_min;
            let got = draw(prem_left[i][2].min(room), &mut prior[i], &mut current[i]);
            prem_left[i][2] -= got;
            used += got;
        }
        let got = draw(share_left[i], &mut prior[i], &mut current[i]);
        share_left[i] -= got;
        used += got;
        own_use[i] = used;
    }

    // 2. Shared accounts, in registration order.
    let mut shared_out = vec![Fen::ZERO; n];
    let mut shared_from: Vec<Vec<(usize, Fen)>> = Vec::with_capacity(n);
    shared_from.resize_with(n, Vec::new); // (`vec![Vec::new(); n]` would bring in Vec cloning)
    let mut flows = Vec::with_capacity(edges.len());
    for e in edges {
        let (a, b) = (e.from, e.to);
        if a >= n || b >= n || a == b {
            flows.push(Fen::ZERO);
            continue;
        }
        let prior_only = auths.get(a).map(|x| x.prior_only).unwrap_or(false);
        let mut moved = Fen::ZERO;
        let draw = |want: Fen, prior: &mut Fen, current: &mut Fen| -> Fen {
            let x = take(prior, want);
            if prior_only {
                x
            } else {
                x + take(current, want - x)
            }
        };
        let allowed = [e.uses.resident_premium, e.uses.ltc_premium, e.uses.commercial_premium];
        let commercial_min = own.get(a).map(|o| o.commercial_min).unwrap_or(Fen::ZERO);
        for (k, _) in PREMIUM_ORDER.iter().enumerate() {
            if allowed[k] {
                let mut want = prem_left[b][k];
                if k == 2 {
                    // Commercial insurance only from what exceeds the local minimum (Hefei, S23).
                    let avail = if prior_only { prior[a] } else { prior[a] + current[a] };
                    want = want.min((avail - commercial_min).max(Fen::ZERO));
                }
                let (pa, ca) = (&mut prior[a], &mut current[a]);
                let got = draw(want, pa, ca);
                prem_left[b][k] -= got;
                moved += got;
            }
        }
        if e.uses.medical {
            let got = draw(share_left[b], &mut prior[a], &mut current[a]);
            share_left[b] -= got;
            moved += got;
        }
        if moved.is_positive() {
            shared_out[a] += moved;
            match shared_from[b].iter_mut().find(|(f, _)| *f == a) {
                Some(x) => x.1 += moved,
                None => shared_from[b].push((a, moved)),
            }
        }
        flows.push(moved);
    }

    // 3. Cash: the rest. Conservation holds by construction.
    let mut accounts = Vec::new();
    for i in 0..n {
        let shared: Fen = shared_from[i].iter().map(|x| x.1).sum();
        let m = &mut money[i];
        m.own_account = own_use[i];
        m.shared = shared;
        m.cash = m.cost - m.pooled - m.own_account - m.shared;
        m.cash_without_gongji = m.cost - m.pooled - m.own_account;
        if let Some(acc) = people[i].account {
            let before = acc.prior_years.max(Fen::ZERO) + acc.current_year.max(Fen::ZERO);
            accounts.push(AccountOut {
                index: i,
                known: true,
                prior_years: acc.prior_years,
                current_year: acc.current_year,
                balance_before: before,
                own_use: own_use[i],
                shared_out: shared_out[i],
                balance_after: prior[i] + current[i],
                prior_years_only: auths.get(i).map(|x| x.prior_only).unwrap_or(false),
            });
        }
    }
    Outcome { money, shared_from, accounts, flows, prior_left: prior, current_left: current, share_left, prem_left }
}
