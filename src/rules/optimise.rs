//! The family optimiser: which 共济 bindings, registered in which order, leave the family the least
//! cash to pay. The bound is a max-flow over (authoriser balance → allowed uses → remaining needs);
//! the plan is searched among orderings of the bindings that carry flow, exhaustively when there
//! are few, by local improvement otherwise. `plan_optimal` says whether the bound was reached.

use super::allocate::{allocate, Edge, Family, Outcome};
use super::gongji::Auth;
use super::share::{pays_premium, Premiums};
use crate::model::{PremiumKind, Uses};
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

/// Edmonds–Karp on a dense matrix (2 + 6 × people nodes). Capacities out of the source are
/// balances (validated, so their sum cannot overflow: see money.rs), so is the total flow.
fn max_flow(cap: &mut Caps, s: usize, t: usize) -> Fen {
    let n = cap.n;
    let mut total = Fen::ZERO;
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
        total += Fen(f);
    }
}

/// The candidates of `order` the caps let through, in order.
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

/// What a binding's money may pay for a beneficiary, one max-flow node each: the premiums in
/// the order shared money pays them, then medical costs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pays {
    Premium(PremiumKind),
    Medical,
}

const PAYS: [Pays; 4] = [Pays::Premium(Premiums::ORDER[0]), Pays::Premium(Premiums::ORDER[1]), Pays::Premium(Premiums::ORDER[2]), Pays::Medical];

impl Pays {
    fn allowed(self, uses: &Uses) -> bool {
        match self {
            Pays::Premium(kind) => pays_premium(uses, kind),
            Pays::Medical => uses.medical,
        }
    }
}

/// Max-flow over a set of candidates: the least cash they could reach, and those carrying flow.
fn flow_bound(family: &Family, base: &Outcome, cands: &[Cand]) -> (Fen, Vec<Cand>) {
    let Family { people, auths, own, .. } = *family;
    let n = people.len();
    // Nodes: source, sink, authorisers, (beneficiary × what the money pays), authorisers'
    // commercial share (what exceeds their region's minimum).
    let (s, t) = (0, 1);
    let auth = |a: usize| 2 + a;
    let need = |b: usize, k: usize| 2 + n + b * PAYS.len() + k;
    let commercial = |a: usize| 2 + n + n * PAYS.len() + a;
    let nodes = commercial(n);
    // Commercial premiums come out of the commercial share; everything else out of the account.
    let from = |a: usize, pays: Pays| if pays == Pays::Premium(PremiumKind::Commercial) { commercial(a) } else { auth(a) };
    let mut cap = Caps::new(nodes);
    for a in (0..n).filter(|&a| people[a].account.is_some() && auths[a].can) {
        let left = cap_left(base, auths, a);
        cap[(s, auth(a))] = left;
        let min = own.get(a).map_or(0, |o| o.commercial_min.0);
        cap[(auth(a), commercial(a))] = (left - min).max(0);
    }
    for b in 0..n {
        for (k, pays) in PAYS.into_iter().enumerate() {
            let left = match pays {
                Pays::Premium(kind) => base.prem_left[b][kind],
                Pays::Medical => base.share_left[b],
            };
            cap[(need(b, k), t)] = left.0.max(0);
        }
    }
    let valid = |c: &&Cand| c.edge.from < n && c.edge.to < n;
    for c in cands.iter().filter(valid) {
        let (a, b) = (c.edge.from, c.edge.to);
        for (k, pays) in PAYS.into_iter().enumerate().filter(|(_, pays)| pays.allowed(&c.edge.uses)) {
            cap[(from(a, pays), need(b, k))] = INF;
        }
    }
    let flow = max_flow(&mut cap, s, t);
    let mut carrying: Vec<Cand> = Vec::new();
    for c in cands.iter().filter(valid) {
        let (a, b) = (c.edge.from, c.edge.to);
        // Flow on an edge shows as residual capacity on its reverse.
        let used = PAYS.into_iter().enumerate().any(|(k, pays)| cap[(need(b, k), from(a, pays))] > 0);
        if used && !carrying.iter().any(|x| x.edge.from == a && x.edge.to == b) {
            carrying.push(*c);
        }
    }
    (base.family_cash() - flow, carrying)
}

/// The indices of the candidates that `keep` keeps.
fn positions(cands: &[Cand], keep: impl Fn(&Cand) -> bool) -> Vec<usize> {
    cands.iter().enumerate().filter(|(_, c)| keep(c)).map(|(i, _)| i).collect()
}

/// Choices the caps force: each one-relation beneficiary keeps one authoriser; each capped
/// authoriser keeps `cap` beneficiaries. Returns the candidate sets to try (`None` when there
/// are too many to try, and the max-flow is only a relaxation).
fn capped_choices(cands: &[Cand], caps: &[usize], n: usize) -> Option<Vec<Vec<Cand>>> {
    const LIMIT: usize = 512;
    let mut groups: Vec<Vec<Vec<usize>>> = Vec::new(); // per group: options = sets of excluded candidate indices
    for b in 0..n {
        let idx = positions(cands, |c| c.edge.to == b && c.one_relation);
        if idx.len() > 1 {
            groups.push(idx.iter().map(|&keep| idx.iter().copied().filter(|&i| i != keep).collect()).collect());
        }
    }
    for a in 0..n {
        let cap = caps.get(a).copied().unwrap_or(usize::MAX);
        let idx = positions(cands, |c| c.edge.from == a);
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
    let total = groups.iter().try_fold(1usize, |total, g| total.checked_mul(g.len()).filter(|&t| t <= LIMIT))?;
    // Set `k` takes option `k` of the groups read as digits of a mixed-radix number.
    let set = |mut k: usize| -> Vec<Cand> {
        let mut excluded: Vec<usize> = Vec::new();
        for g in &groups {
            excluded.extend_from_slice(&g[k % g.len()]);
            k /= g.len();
        }
        cands.iter().enumerate().filter(|(i, _)| !excluded.contains(i)).map(|(_, c)| *c).collect()
    };
    Some((0..total).map(set).collect())
}

pub fn optimise(family: &Family, cands: &[Cand]) -> Plan {
    let n = family.people.len();
    let auths = family.auths;
    let base = allocate(family, &[]);
    let caps: Vec<usize> = auths.iter().map(|a| a.cap).collect();

    // The bound: max-flow over every candidate set the caps allow; when there are too many
    // sets to try, the max-flow over all candidates (a relaxation, so not exact).
    let (bound, carrying, exact_bound) = match capped_choices(cands, &caps, n) {
        Some(sets) => {
            // The first of the sets reaching the least cash.
            let best = sets.iter().map(|set| flow_bound(family, &base, set)).min_by_key(|(b, _)| *b);
            let (b, c) = best.unwrap_or_else(|| (base.family_cash(), Vec::new()));
            (b, c, true)
        }
        None => {
            let (b, c) = flow_bound(family, &base, cands);
            (b, c, false)
        }
    };

    let eval = |order: &[Cand]| -> (Vec<Edge>, Outcome) {
        let edges: Vec<Edge> = respects_caps(order, &caps, n).iter().map(|c| c.edge).collect();
        let o = allocate(family, &edges);
        // Drop bindings that moved nothing.
        let useful: Vec<Edge> = edges.iter().zip(&o.flows).filter(|(_, f)| f.is_positive()).map(|(e, _)| *e).collect();
        if useful.len() == edges.len() {
            (edges, o)
        } else {
            let o2 = allocate(family, &useful);
            (useful, o2)
        }
    };

    // Start: beneficiaries with the fewest options first, then the authoriser with the least
    // money (the keys are unique: (to, from) is).
    let options = |b: usize| carrying.iter().filter(|c| c.edge.to == b).count();
    let mut order = carrying.clone();
    order.sort_by_cached_key(|c| (options(c.edge.to), cap_left(&base, auths, c.edge.from), c.edge.to, c.edge.from));
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
    let optimal = best.family_cash() <= bound && exact_bound;
    Plan { edges: best_edges, outcome: best, bound, optimal }
}

/// What authoriser `a` has left to share after the family's own use.
fn cap_left(base: &Outcome, auths: &[Auth], a: usize) -> i64 {
    base.left[a].shareable(auths[a].prior_only).0.max(0)
}
