//! The family optimiser: which 共济 bindings, registered in which order, leave the family the least
//! cash to pay. The bound is a max-flow over (authoriser balance → allowed uses → remaining needs);
//! the plan is searched among orderings of the bindings that carry flow, exhaustively when there
//! are few, by local improvement otherwise. `plan_optimal` says whether the bound was reached.

use super::allocate::{allocate, Edge, OwnScope, Outcome};
use super::gongji::Auth;
use super::share::Need;
use crate::model::Person;
use crate::money::Fen;

/// A candidate binding and the constraints it is subject to.
#[derive(Clone, Copy, Debug)]
pub struct Cand {
    pub edge: Edge,
    /// The beneficiary may be in one relation only.
    pub one_relation: bool,
}

pub struct Plan {
    pub edges: Vec<Edge>,
    pub outcome: Outcome,
    /// The least family cash any plan could reach.
    pub bound: Fen,
    pub optimal: bool,
}

const INF: i64 = i64::MAX / 4;

/// Edmonds–Karp on a dense matrix (≤ 2 + 30 + 120 nodes).
fn max_flow(cap: &mut [Vec<i64>], s: usize, t: usize) -> i64 {
    let n = cap.len();
    let mut total: i64 = 0;
    loop {
        let mut prev = vec![usize::MAX; n];
        prev[s] = s;
        let mut queue = std::collections::VecDeque::new();
        queue.push_back(s);
        while let Some(u) = queue.pop_front() {
            if u == t {
                break;
            }
            for v in 0..n {
                if prev[v] == usize::MAX && cap[u][v] > 0 {
                    prev[v] = u;
                    queue.push_back(v);
                }
            }
        }
        if prev[t] == usize::MAX {
            return total;
        }
        let mut f = INF;
        let mut v = t;
        while v != s {
            let u = prev[v];
            f = f.min(cap[u][v]);
            v = u;
        }
        let mut v = t;
        while v != s {
            let u = prev[v];
            cap[u][v] -= f;
            cap[v][u] += f;
            v = u;
        }
        total = total.saturating_add(f);
    }
}

fn respects_caps(order: &[Cand], caps: &[usize], n: usize) -> Vec<Cand> {
    let mut count = vec![0usize; n];
    let mut bound = vec![false; n];
    let mut out = Vec::new();
    for c in order {
        let (a, b) = (c.edge.from, c.edge.to);
        if count[a] >= caps.get(a).copied().unwrap_or(usize::MAX) || (c.one_relation && bound[b]) {
            continue;
        }
        count[a] += 1;
        bound[b] = true;
        out.push(*c);
    }
    out
}

fn score(o: &Outcome, edges: usize) -> (Fen, usize) {
    (o.family_cash(), edges)
}

fn next_permutation(p: &mut [usize]) -> bool {
    if p.len() < 2 {
        return false;
    }
    let mut i = p.len() - 1;
    while i > 0 && p[i - 1] >= p[i] {
        i -= 1;
    }
    if i == 0 {
        return false;
    }
    let mut j = p.len() - 1;
    while p[j] <= p[i - 1] {
        j -= 1;
    }
    p.swap(i - 1, j);
    p[i..].reverse();
    true
}

pub fn optimise(people: &[Person], needs: &[Need], auths: &[Auth], own: &[OwnScope], cands: &[Cand]) -> Plan {
    let n = people.len();
    let base = allocate(people, needs, auths, own, &[]);
    let base_cash = base.family_cash();

    // Max-flow bound over the candidates whose authoriser balance is known.
    let nodes = 2 + n + n * 4;
    let (s, t) = (0, 1);
    let mut cap = vec![vec![0i64; nodes]; nodes];
    for a in 0..n {
        if people[a].account.is_some() && auths[a].can {
            let left = if auths[a].prior_only { base.prior_left[a] } else { base.prior_left[a] + base.current_left[a] };
            cap[s][2 + a] = left.0.max(0);
        }
    }
    for b in 0..n {
        let node = 2 + n + b * 4;
        for k in 0..3 {
            cap[node + k][t] = base.prem_left[b][k].0.max(0);
        }
        cap[node + 3][t] = base.share_left[b].0.max(0);
    }
    for c in cands {
        let (a, b) = (c.edge.from, c.edge.to);
        if a >= n || b >= n {
            continue;
        }
        let node = 2 + n + b * 4;
        let u = c.edge.uses;
        for (k, ok) in [u.resident_premium, u.ltc_premium, u.commercial_premium, u.medical].into_iter().enumerate() {
            if ok {
                cap[2 + a][node + k] = INF;
            }
        }
    }
    let original = cap.clone();
    let flow = max_flow(&mut cap, s, t);
    let bound = base_cash - Fen(flow);

    // Candidates that carry flow in the max-flow solution.
    let mut carrying: Vec<Cand> = Vec::new();
    for c in cands {
        let (a, b) = (c.edge.from, c.edge.to);
        if a >= n || b >= n {
            continue;
        }
        let node = 2 + n + b * 4;
        let used = (0..4).any(|k| original[2 + a][node + k] > 0 && cap[node + k][2 + a] > 0);
        if used && !carrying.iter().any(|x| x.edge.from == a && x.edge.to == b) {
            carrying.push(*c);
        }
    }

    let eval = |order: &[Cand]| -> (Vec<Edge>, Outcome) {
        let kept = respects_caps(order, &auths.iter().map(|a| a.cap).collect::<Vec<_>>(), n);
        let edges: Vec<Edge> = kept.iter().map(|c| c.edge).collect();
        let o = allocate(people, needs, auths, own, &edges);
        // Drop bindings that moved nothing.
        let useful: Vec<Edge> = edges.iter().zip(o.flows.iter()).filter(|(_, f)| f.is_positive()).map(|(e, _)| *e).collect();
        if useful.len() == edges.len() {
            (edges, o)
        } else {
            let o2 = allocate(people, needs, auths, own, &useful);
            (useful, o2)
        }
    };

    // Start: beneficiaries with the fewest options first, then the authoriser with the least money.
    let mut order = carrying.clone();
    let options = |b: usize| carrying.iter().filter(|c| c.edge.to == b).count();
    order.sort_by_key(|c| (options(c.edge.to), cap_left(&base, auths, c.edge.from)));
    let (mut best_edges, mut best) = eval(&order);
    let mut best_score = score(&best, best_edges.len());

    if best_score.0 > bound && order.len() > 1 {
        if order.len() <= 7 {
            let mut idx: Vec<usize> = (0..order.len()).collect();
            while next_permutation(&mut idx) {
                let perm: Vec<Cand> = idx.iter().map(|&i| order[i]).collect();
                let (e, o) = eval(&perm);
                let sc = score(&o, e.len());
                if sc < best_score {
                    best_score = sc;
                    best_edges = e;
                    best = o;
                    if best_score.0 == bound {
                        break;
                    }
                }
            }
        } else {
            // Local improvement: move any binding to any position while it helps.
            let mut current = order.clone();
            let mut improved = true;
            let mut rounds = 0;
            while improved && rounds < 20 && best_score.0 > bound {
                improved = false;
                rounds += 1;
                for i in 0..current.len() {
                    for j in 0..current.len() {
                        if i == j {
                            continue;
                        }
                        let mut cand = current.clone();
                        let x = cand.remove(i);
                        cand.insert(j, x);
                        let (e, o) = eval(&cand);
                        let sc = score(&o, e.len());
                        if sc < best_score {
                            best_score = sc;
                            best_edges = e;
                            best = o;
                            current = cand;
                            improved = true;
                        }
                    }
                }
            }
        }
    }
    let optimal = best.family_cash() <= bound;
    Plan { edges: best_edges, outcome: best, bound, optimal }
}

fn cap_left(base: &Outcome, auths: &[Auth], a: usize) -> i64 {
    let x = if auths[a].prior_only { base.prior_left[a] } else { base.prior_left[a] + base.current_left[a] };
    x.0
}
