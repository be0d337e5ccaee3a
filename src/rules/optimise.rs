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

/// A square matrix of capacities, `cap[(from, to)]`, in one allocation.
struct Caps {
    n: usize,
    cells: Vec<i64>,
}

impl Caps {
    fn new(n: usize) -> Caps {
        Caps { n, cells: vec![0; n * n] }
    }
}

impl std::ops::Index<(usize, usize)> for Caps {
    type Output = i64;
    fn index(&self, (u, v): (usize, usize)) -> &i64 {
        &self.cells[u * self.n + v]
    }
}

impl std::ops::IndexMut<(usize, usize)> for Caps {
    fn index_mut(&mut self, (u, v): (usize, usize)) -> &mut i64 {
        &mut self.cells[u * self.n + v]
    }
}

/// Edmonds–Karp on a dense matrix (≤ 2 + 30 + 120 nodes).
fn max_flow(cap: &mut Caps, s: usize, t: usize) -> i64 {
    let n = cap.n;
    let mut total: i64 = 0;
    loop {
        let mut prev = vec![usize::MAX; n];
        prev[s] = s;
        // Breadth-first: every node is queued at most once, so a Vec read from the front will do.
        let mut queue = vec![s];
        let mut head = 0;
        while let Some(&u) = queue.get(head) {
            head += 1;
            if u == t {
                break;
            }
            for v in 0..n {
                if prev[v] == usize::MAX && cap[(u, v)] > 0 {
                    prev[v] = u;
                    queue.push(v);
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
            f = f.min(cap[(u, v)]);
            v = u;
        }
        let mut v = t;
        while v != s {
            let u = prev[v];
            cap[(u, v)] -= f;
            cap[(v, u)] += f;
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

/// Max-flow over a set of candidates: the least cash they could reach, and those carrying flow.
fn flow_bound(people: &[Person], base: &Outcome, auths: &[Auth], own: &[OwnScope], cands: &[Cand], base_cash: Fen) -> (Fen, Vec<Cand>) {
    let n = people.len();
    // Nodes: source, sink, authorisers, (beneficiary × 4 needs), authorisers' commercial share.
    let nodes = 2 + n + n * 4 + n;
    let (s, t) = (0, 1);
    let ac = |a: usize| 2 + n + n * 4 + a;
    let mut cap = Caps::new(nodes);
    for a in 0..n {
        if people[a].account.is_some() && auths[a].can {
            let left = cap_left(base, auths, a);
            cap[(s, 2 + a)] = left;
            let min = own.get(a).map(|o| o.commercial_min.0).unwrap_or(0);
            cap[(2 + a, ac(a))] = (left - min).max(0);
        }
    }
    for b in 0..n {
        let node = 2 + n + b * 4;
        for k in 0..3 {
            cap[(node + k, t)] = base.prem_left[b][k].0.max(0);
        }
        cap[(node + 3, t)] = base.share_left[b].0.max(0);
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
                let from = if k == 2 { ac(a) } else { 2 + a };
                cap[(from, node + k)] = INF;
            }
        }
    }
    let flow = max_flow(&mut cap, s, t);
    let mut carrying: Vec<Cand> = Vec::new();
    for c in cands {
        let (a, b) = (c.edge.from, c.edge.to);
        if a >= n || b >= n {
            continue;
        }
        let node = 2 + n + b * 4;
        // Flow on an edge shows as residual capacity on its reverse.
        let used = (0..4).any(|k| {
            let from = if k == 2 { ac(a) } else { 2 + a };
            cap[(node + k, from)] > 0
        });
        if used && !carrying.iter().any(|x| x.edge.from == a && x.edge.to == b) {
            carrying.push(*c);
        }
    }
    (base_cash - Fen(flow), carrying)
}

/// Choices the caps force: each one-relation beneficiary keeps one authoriser; each capped
/// authoriser keeps `cap` beneficiaries. Returns the candidate sets to try (`None` when there
/// are too many to try, and the max-flow is only a relaxation).
fn capped_choices(cands: &[Cand], caps: &[usize], n: usize) -> Option<Vec<Vec<Cand>>> {
    const LIMIT: usize = 512;
    let mut groups: Vec<Vec<Vec<usize>>> = Vec::new(); // per group: options = sets of excluded candidate indices
    for b in 0..n {
        let idx: Vec<usize> = (0..cands.len()).filter(|&i| cands[i].edge.to == b && cands[i].one_relation).collect();
        if idx.len() > 1 {
            groups.push(idx.iter().map(|&keep| idx.iter().copied().filter(|&i| i != keep).collect()).collect());
        }
    }
    for a in 0..n {
        let cap = caps.get(a).copied().unwrap_or(usize::MAX);
        let idx: Vec<usize> = (0..cands.len()).filter(|&i| cands[i].edge.from == a).collect();
        if idx.len() > cap {
            // Exclude every subset of size len − cap (few when the cap is just exceeded).
            let drop = idx.len() - cap;
            let mut options = Vec::new();
            let mut comb: Vec<usize> = (0..drop).collect();
            loop {
                options.push(comb.iter().map(|&j| idx[j]).collect());
                if options.len() > LIMIT {
                    return None;
                }
                // next combination
                let mut i = drop;
                while i > 0 && comb[i - 1] == idx.len() - drop + i - 1 {
                    i -= 1;
                }
                if i == 0 {
                    break;
                }
                comb[i - 1] += 1;
                for j in i..drop {
                    comb[j] = comb[j - 1] + 1;
                }
            }
            groups.push(options);
        }
    }
    let mut total = 1usize;
    for g in &groups {
        total = total.saturating_mul(g.len());
        if total > LIMIT {
            return None;
        }
    }
    let mut sets = Vec::with_capacity(total);
    for mut k in 0..total {
        let mut excluded: Vec<usize> = Vec::new();
        for g in &groups {
            excluded.extend_from_slice(&g[k % g.len()]);
            k /= g.len();
        }
        sets.push((0..cands.len()).filter(|i| !excluded.contains(i)).map(|i| cands[i]).collect());
    }
    Some(sets)
}

pub fn optimise(people: &[Person], needs: &[Need], auths: &[Auth], own: &[OwnScope], cands: &[Cand]) -> Plan {
    let n = people.len();
    let base = allocate(people, needs, auths, own, &[]);
    let base_cash = base.family_cash();
    let caps: Vec<usize> = auths.iter().map(|a| a.cap).collect();

    // The bound: max-flow over every candidate set the caps allow; when there are too many
    // sets to try, the max-flow over all candidates (a relaxation, so not exact).
    let (bound, carrying, exact_bound) = match capped_choices(cands, &caps, n) {
        Some(sets) => {
            let mut best: Option<(Fen, Vec<Cand>)> = None;
            for set in sets {
                let (b, c) = flow_bound(people, &base, auths, own, &set, base_cash);
                if best.as_ref().map(|x| b < x.0).unwrap_or(true) {
                    best = Some((b, c));
                }
            }
            let (b, c) = best.unwrap_or((base_cash, Vec::new()));
            (b, c, true)
        }
        None => {
            let (b, c) = flow_bound(people, &base, auths, own, cands, base_cash);
            (b, c, false)
        }
    };

    let eval = |order: &[Cand]| -> (Vec<Edge>, Outcome) {
        let kept = respects_caps(order, &caps, n);
        let mut edges: Vec<Edge> = Vec::with_capacity(kept.len());
        for c in &kept {
            edges.push(c.edge);
        }
        let o = allocate(people, needs, auths, own, &edges);
        // Drop bindings that moved nothing.
        let mut useful: Vec<Edge> = Vec::with_capacity(edges.len());
        for (e, f) in edges.iter().zip(&o.flows) {
            if f.is_positive() {
                useful.push(*e);
            }
        }
        if useful.len() == edges.len() {
            (edges, o)
        } else {
            let o2 = allocate(people, needs, auths, own, &useful);
            (useful, o2)
        }
    };

    // Start: beneficiaries with the fewest options first, then the authoriser with the least money.
    let options = |b: usize| carrying.iter().filter(|c| c.edge.to == b).count();
    // Keys are unique ((to, from) is), so any correct sort gives this order; an insertion sort
    // keeps core::slice::sort (about 11 KB of wasm) out of the widget.
    let mut keyed: Vec<((usize, i64, usize, usize), Cand)> = Vec::with_capacity(carrying.len());
    for c in &carrying {
        keyed.push(((options(c.edge.to), cap_left(&base, auths, c.edge.from), c.edge.to, c.edge.from), *c));
    }
    for i in 1..keyed.len() {
        let mut j = i;
        while j > 0 && keyed[j - 1].0 > keyed[j].0 {
            keyed.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut order: Vec<Cand> = Vec::with_capacity(keyed.len());
    for (_, c) in &keyed {
        order.push(*c);
    }
    let (mut best_edges, mut best) = eval(&order);
    let mut best_score = score(&best, best_edges.len());

    if best_score.0 > bound && order.len() > 1 {
        if order.len() <= 7 {
            let mut idx: Vec<usize> = (0..order.len()).collect();
            while next_permutation(&mut idx) {
                let mut perm: Vec<Cand> = Vec::with_capacity(idx.len());
                for &i in &idx {
                    perm.push(order[i]);
                }
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
    let optimal = best.family_cash() <= bound && exact_bound;
    Plan { edges: best_edges, outcome: best, bound, optimal }
}

fn cap_left(base: &Outcome, auths: &[Auth], a: usize) -> i64 {
    let x = if auths[a].prior_only { base.prior_left[a] } else { base.prior_left[a] + base.current_left[a] };
    x.0.max(0)
}
