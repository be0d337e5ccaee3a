//! 家庭共济: may person `from`'s employee personal account pay for person `to`, as of the date?
//! Checks run in a fixed order and every one is recorded as a reason with its rule and source.
//! "Blocking" reasons make the pair ineligible; the others make it uncertain.

use super::ctx::Ctx;
use super::kinship::{self, Derived};
use crate::i18n::k;
use crate::model::*;
use crate::money::Fen;
use crate::policy::{self, regions, Balance, Geo, Kin, Used};

/// What one person offers as an authoriser (共济人).
#[derive(Clone, Copy, Debug)]
pub struct Auth {
    /// Employee, active, in a covered region: may authorise at all.
    pub can: bool,
    /// The shareable balance rule of the authoriser's region.
    pub prior_only: bool,
    /// The authoriser's account when known.
    pub account: Option<Account>,
    /// Minimum balance that must be exceeded to create a relation.
    pub min_balance: Fen,
    /// At most this many beneficiaries at once (`usize::MAX` when no cap).
    pub cap: usize,
    pub cap_rule: Option<Used>,
}

impl Auth {
    pub fn shareable_base(&self) -> Option<Fen> {
        self.account.map(|a| if self.prior_only { a.prior_years } else { a.total() })
    }
}

/// A pair's evaluation plus what later stages need.
#[derive(Clone, Debug)]
pub struct Pair {
    pub out: PairOut,
    /// Reasons that make it ineligible (before caps).
    pub blocked: bool,
    /// The beneficiary may be in only one relation (Fujian model), and the rule that says so.
    pub one_relation: bool,
    pub one_relation_rule: Option<Used>,
}

fn arg_date(c: &Ctx) -> String {
    c.date.to_iso()
}

/// Per-person authoriser facts (no reasons: those are given per pair).
pub fn auth(c: &mut Ctx, i: usize) -> Auth {
    let p = &c.sc.people[i];
    let mut a = Auth { can: false, prior_only: false, account: p.account, min_balance: Fen::ZERO, cap: usize::MAX, cap_rule: None };
    let ins = &p.insurance;
    let region = ins.region.unwrap_or(policy::NATIONAL);
    let status_ok = match ins.status {
        Status::Active => true,
        Status::Suspended => suspended_may_share(c, region),
        Status::Terminated => false,
    };
    a.can = c.covered && ins.scheme == Scheme::Employee && status_ok;
    if c.covered {
        if let Some((s, _)) = policy::resolve(policy::BALANCE, region, c.date) {
            a.prior_only = s.value == Balance::PriorYearsOnly;
        }
        if let Some((s, _)) = policy::resolve(policy::MIN_BALANCE, region, c.date) {
            a.min_balance = s.value;
        }
        if let Some((s, u)) = policy::resolve(policy::RELATIVE_CAP, region, c.date) {
            if let Some(cap) = s.value {
                a.cap = cap.at_once;
                a.cap_rule = Some(u);
            }
        }
    }
    a
}

/// Evaluates the pair `from → to` (not yet considering caps, which depend on the bindings).
pub fn pair(c: &mut Ctx, auths: &[Auth], from: usize, to: usize) -> Pair {
    let sc = c.sc;
    let pa = &sc.people[from];
    let pb = &sc.people[to];
    let rel = kinship::between(sc, from, to);
    let mut out = PairOut {
        from,
        to,
        relation: match rel {
            Derived::Rel(r) => Some(r),
            _ => None,
        },
        eligible: false,
        certain: true,
        mechanism: None,
        uses: Uses::default(),
        reasons: Vec::new(),
    };
    let (mut one_relation, mut one_relation_rule) = (false, None);
    let who = c.name(from);
    let whom = c.name(to);
    let args_base: [(&str, &str); 2] = [("from", who), ("to", whom)];
    let mut blocked = false;
    let mut uncertain = false;
    let mut unverified: Vec<Used> = Vec::new();

    // 1. The date.
    if !c.covered {
        let d = arg_date(c);
        c.add_reason(&mut out.reasons, "DATE_NOT_COVERED", k::REASON_DATE_NOT_COVERED, &[("date", &d)], "", true, "coverage");
        return Pair { out, blocked: true, one_relation, one_relation_rule };
    }
    let ra = pa.insurance.region;
    let rb = pb.insurance.region;
    let auth_region = ra.unwrap_or(policy::NATIONAL);

    // 2. Regions outside the mainland's basic medical insurance.
    for (r, who_) in [(ra, who), (rb, whom)] {
        if let Some(code) = r {
            if regions::outside_mainland(code) {
                let name = c.region_name(Some(code));
                c.add_reason(&mut out.reasons, "REGION_NOT_COVERED", k::REASON_REGION_NOT_COVERED, &[("who", who_), ("region", &name)], "", true, "region.outside_mainland");
                blocked = true;
            }
        }
    }

    // 3. The authoriser: an active employee scheme member (S9: only 职工医保 has a personal account).
    match pa.insurance.scheme {
        Scheme::Employee => {}
        Scheme::Unknown => {
            c.add_reason(&mut out.reasons, "SCHEME_UNKNOWN", k::REASON_SCHEME_UNKNOWN, &args_base, "S9", true, "gongji.authoriser.employee");
            uncertain = true;
        }
        _ => {
            c.add_reason(&mut out.reasons, "AUTHORISER_NOT_EMPLOYEE", k::REASON_AUTHORISER_NOT_EMPLOYEE, &args_base, "S9", true, "gongji.authoriser.employee");
            blocked = true;
        }
    }
    // Terminated never shares (S7). Suspended (暂停 / 中断缴费) is the book's `SUSPENDED_MAY_SHARE`:
    // Jiangsu says "非终止参保状态" (seed 001); elsewhere blocking it is an assumption.
    if pa.insurance.status != Status::Active && matches!(pa.insurance.scheme, Scheme::Employee | Scheme::Unknown) {
        let rule = match pa.insurance.status {
            Status::Suspended => policy::resolve(policy::SUSPENDED_MAY_SHARE, auth_region, c.date),
            _ => None,
        };
        match rule {
            Some((s, u)) if s.value => {
                c.add_reason(&mut out.reasons, "AUTHORISER_SUSPENDED_OK", k::REASON_AUTHORISER_SUSPENDED_OK, &[("from", who)], s.source, u.verified(), s.id);
                if !u.verified() {
                    unverified.push(u);
                }
            }
            Some((s, u)) => {
                let st = c.tx(k::STATUS_SUSPENDED);
                c.add_reason(&mut out.reasons, "AUTHORISER_NOT_ACTIVE", k::REASON_AUTHORISER_NOT_ACTIVE, &[("from", who), ("status", st)], s.source, u.verified(), s.id);
                if !u.verified() {
                    unverified.push(u);
                }
                blocked = true;
            }
            None => {
                let st = c.tx(match pa.insurance.status {
                    Status::Suspended => k::STATUS_SUSPENDED,
                    _ => k::STATUS_TERMINATED,
                });
                c.add_reason(&mut out.reasons, "AUTHORISER_NOT_ACTIVE", k::REASON_AUTHORISER_NOT_ACTIVE, &[("from", who), ("status", st)], "S7", true, "gongji.authoriser.active");
                blocked = true;
            }
        }
    }

    // 4. Launched in the authoriser's region as of the date?
    match policy::resolve(policy::LAUNCH, auth_region, c.date) {
        Some((s, u)) => {
            if !u.verified() {
                unverified.push(u);
            }
            if !s.value {
                let region = c.region_name(ra);
                let from_d = s.to.map(|t| t.add_days(1).to_iso()).unwrap_or_default();
                c.add_reason(&mut out.reasons, "NOT_YET_AVAILABLE", k::REASON_NOT_YET_AVAILABLE, &[("region", &region), ("from_date", &from_d)], s.source, u.verified(), s.id);
                blocked = true;
            }
        }
        None => {
            let d = arg_date(c);
            c.add_reason(&mut out.reasons, "DATE_NOT_COVERED", k::REASON_DATE_NOT_COVERED, &[("date", &d)], "", true, "coverage");
            blocked = true;
        }
    }

    // 5. Kinship in the era of the authoriser's region.
    let kin = policy::resolve(policy::KIN, auth_region, c.date);
    if let Some((s, u)) = kin {
        match rel {
            Derived::Rel(r) => {
                // An unverified era value only matters for relatives the eras treat differently.
                let era_decides = kinship::near(Kin::CoreThree, r) != kinship::near(Kin::NearRelatives, r);
                if kinship::near(s.value, r) {
                    if !u.verified() && era_decides {
                        unverified.push(u);
                    }
                } else {
                    let rt = c.tx(relation_text(r));
                    let scope = c.tx(match s.value {
                        Kin::CoreThree => k::KIN_CORE_THREE,
                        Kin::NearRelatives => k::KIN_NEAR_RELATIVES,
                    });
                    let (src, verified) = if kinship::in_law(r) || r == Relation::Other { ("CIVIL", true) } else { (s.source, u.verified()) };
                    c.add_reason(&mut out.reasons, "NOT_NEAR_RELATIVE", k::REASON_NOT_NEAR_RELATIVE, &[("from", who), ("to", whom), ("relation", rt), ("scope", scope)], src, verified, s.id);
                    if !u.verified() && era_decides {
                        unverified.push(u);
                    }
                    blocked = true;
                }
            }
            Derived::NotNear => {
                c.add_reason(&mut out.reasons, "NOT_NEAR_RELATIVE", k::REASON_NOT_NEAR_RELATIVE_DERIVED, &args_base, "CIVIL", true, s.id);
                blocked = true;
            }
            Derived::Unknown => {
                c.add_reason(&mut out.reasons, "RELATION_UNKNOWN", k::REASON_RELATION_UNKNOWN, &args_base, "CIVIL", true, "kinship.derive");
                uncertain = true;
            }
        }
        if s.value == Kin::CoreThree && c.date >= policy::D_38 {
            // Between 国办发〔2024〕38号 and 2024-12-09 provinces switched one by one.
            if let Derived::Rel(r) = rel {
                if !kinship::near(Kin::CoreThree, r) && kinship::near(Kin::NearRelatives, r) {
                    uncertain = true;
                }
            }
        }
    }

    // 6. The authoriser's balance.
    let au = auths.get(from).copied();
    if let Some(au) = au {
        match au.shareable_base() {
            None => {
                if pa.insurance.scheme == Scheme::Employee {
                    c.add_reason(&mut out.reasons, "BALANCE_UNKNOWN", k::REASON_BALANCE_UNKNOWN, &[("from", who)], "", true, "gongji.balance");
                    uncertain = true;
                }
            }
            Some(base) => {
                let (bs, bu) = match policy::resolve(policy::BALANCE, auth_region, c.date) {
                    Some((s, u)) => (s.source, u),
                    None => ("", policy::used(&policy::BALANCE[0], 0)),
                };
                let total_zero = au.account.map(|a| a.total().0 <= 0).unwrap_or(false);
                if base.0 <= 0 {
                    let which = c.tx(if au.prior_only { k::BALANCE_PRIOR_YEARS } else { k::BALANCE_WHOLE });
                    // An empty account cannot share under any reading (S19, V-OFF); only a
                    // 历年-only rule with money in the current year rests on the balance rule.
                    let (src, ver, id) = if total_zero { ("S19", true, "min_balance.cn") } else { (bs, bu.verified(), bu.id) };
                    c.add_reason(&mut out.reasons, "ZERO_BALANCE", k::REASON_ZERO_BALANCE, &[("from", who), ("which", which)], src, ver, id);
                    if !total_zero && !bu.verified() {
                        unverified.push(bu);
                    }
                    blocked = true;
                } else if base <= au.min_balance {
                    if let Some((s, u)) = policy::resolve(policy::MIN_BALANCE, auth_region, c.date) {
                        let min = c.money(s.value);
                        let bal = c.money(base);
                        c.add_reason(&mut out.reasons, "BELOW_MIN_BALANCE", k::REASON_BELOW_MIN_BALANCE, &[("from", who), ("min", &min), ("balance", &bal)], s.source, u.verified(), s.id);
                        if !u.verified() {
                            unverified.push(u);
                        }
                        blocked = true;
                    }
                } else if au.prior_only && !bu.verified() {
                    unverified.push(bu);
                }
                if au.prior_only {
                    if let Some((s, u)) = policy::resolve(policy::BALANCE, auth_region, c.date) {
                        let bal = c.money(base);
                        c.step(s.id, k::STEP_PRIOR_ONLY, &[("from", who), ("amount", &bal)], StepValue::Money(base), s.source, u.verified());
                    }
                }
            }
        }
    }

    // 7. The beneficiary must be insured for medical costs to be shared.
    let insured = match (pb.insurance.scheme, pb.insurance.status) {
        (Scheme::Employee | Scheme::Resident, Status::Active) => Some(true),
        (Scheme::Unknown, _) => None,
        _ => Some(false),
    };
    let mut medical_ok = true;
    match insured {
        Some(true) => {}
        Some(false) => {
            c.add_reason(&mut out.reasons, "BENEFICIARY_NOT_INSURED", k::REASON_BENEFICIARY_NOT_INSURED, &[("to", whom)], "S1", true, "gongji.beneficiary.insured");
            medical_ok = false;
        }
        None => {
            c.add_reason(&mut out.reasons, "INSURED_UNKNOWN", k::REASON_INSURED_UNKNOWN, &[("to", whom)], "S1", true, "gongji.beneficiary.insured");
            uncertain = true;
        }
    }

    // 8. Geography as of the date (the authoriser's region decides).
    let mut premiums_geo_ok = true;
    let mut mechanism = None;
    if let Some((s, u)) = policy::resolve(policy::GEO, auth_region, c.date) {
        let same_province = match (ra, rb) {
            (Some(a), Some(b)) => Some(regions::province_of(a) == regions::province_of(b)),
            _ => None,
        };
        let same_area = match (ra.and_then(regions::pooling_area), rb.and_then(regions::pooling_area)) {
            (Some(a), Some(b)) => Some(a == b),
            _ => match same_province {
                Some(false) => Some(false),
                _ => None,
            },
        };
        let wallet_both = match (ra, rb) {
            (Some(a), Some(b)) => wallet_live(c, a) && wallet_live(c, b),
            _ => false,
        };
        // Across provinces once sharing is nationwide: the quota when it is live (S41), the
        // 医保钱包 before (S40).
        let quota = if s.value == Geo::Nationwide { policy::resolve(policy::QUOTA, auth_region, c.date) } else { None };
        let quota_live = matches!(quota, Some((q, _)) if q.value);
        // Ok(mechanism) | Err(true = unknown, false = outside)
        let area = |ok: Option<bool>| -> Result<Mechanism, bool> {
            match ok {
                Some(true) => Ok(Mechanism::Instant),
                Some(false) => Err(false),
                None => Err(true),
            }
        };
        let cross = |same_prov: Option<bool>, wallet: bool| -> Result<Mechanism, bool> {
            match same_prov {
                Some(true) => Ok(Mechanism::Instant),
                Some(false) if wallet => Ok(Mechanism::Wallet),
                Some(false) => Err(false),
                None => Err(true),
            }
        };
        let medical: Result<Mechanism, bool> = match s.value {
            Geo::SameArea => match area(same_area) {
                Err(false) if wallet_both => Ok(Mechanism::Wallet),
                x => x,
            },
            Geo::SameAreaMedicalProvincePremiums => {
                premiums_geo_ok = same_province == Some(true);
                area(same_area)
            }
            Geo::Province => cross(same_province, wallet_both),
            Geo::ProvinceExcept(list) => {
                let excluded = |r: Option<u32>| r.and_then(regions::pooling_area).map(|p| list.contains(&p)).unwrap_or(false);
                if same_area == Some(true) {
                    Ok(Mechanism::Instant)
                } else if excluded(ra) || excluded(rb) {
                    if wallet_both { Ok(Mechanism::Wallet) } else { Err(false) }
                } else {
                    cross(same_province, wallet_both)
                }
            }
            Geo::Nationwide => match same_province {
                Some(true) => Ok(Mechanism::Instant),
                Some(false) if quota_live => Ok(Mechanism::Quota),
                Some(false) if wallet_both => Ok(Mechanism::Wallet),
                Some(false) => Err(false),
                None => Err(true),
            },
        };
        if !u.verified() {
            unverified.push(u);
        }
        if same_province == Some(false) {
            // The quota's state decided this cross-province pair (flagged when unverified).
            if let Some((_, qu)) = quota {
                if !qu.verified() {
                    unverified.push(qu);
                }
            }
        }
        let cross_area = same_area == Some(false)
            && match s.value {
                Geo::Nationwide => same_province == Some(false) && !quota_live,
                Geo::SameAreaMedicalProvincePremiums => false,
                _ => true,
            };
        if cross_area && matches!(medical, Ok(Mechanism::Wallet) | Err(false)) {
            // The wallet values decided this cross-area pair (flagged when unverified).
            for r in [ra, rb].into_iter().flatten() {
                if let Some((_, wu)) = policy::resolve(policy::WALLET, r, c.date) {
                    if !wu.verified() {
                        unverified.push(wu);
                    }
                }
            }
        }
        match medical {
            Ok(m) => {
                mechanism = Some(m);
                if m == Mechanism::Quota {
                    // Each province's own start date under the 2026 notice is not known.
                    for (cs, cu) in policy::resolve_all(policy::CAUTIONS, auth_region, c.date) {
                        if cs.value.key == k::CAUTION_NATIONWIDE_ROLLOUT {
                            let text = c.tx(cs.value.key).to_string();
                            let r = Reason { code: "ROLLOUT_UNCERTAIN", text, source: cs.source, verified: cu.verified(), rule: cs.id };
                            c.cite(cs.source);
                            out.reasons.push(r);
                            uncertain = true;
                        }
                    }
                }
            }
            Err(unknown) => {
                let ra_t = c.region_name(ra);
                let rb_t = c.region_name(rb);
                let note = c.note(&u);
                if unknown {
                    c.add_reason(&mut out.reasons, "AREA_UNKNOWN", k::REASON_AREA_UNKNOWN, &[("from", who), ("to", whom), ("rule", &note)], s.source, u.verified(), s.id);
                    uncertain = true;
                    mechanism = Some(Mechanism::Instant);
                } else {
                    c.add_reason(&mut out.reasons, "OUTSIDE_AREA", k::REASON_OUTSIDE_AREA, &[("from", who), ("to", whom), ("region_from", &ra_t), ("region_to", &rb_t), ("rule", &note)], s.source, u.verified(), s.id);
                    medical_ok = false;
                    if s.value != Geo::SameAreaMedicalProvincePremiums {
                        premiums_geo_ok = false;
                    }
                }
            }
        }
    }

    // 9. What the money may pay for.
    let needs = |kind: PremiumKind| pb.costs.premiums.iter().any(|p| p.kind == kind);
    // An unverified premium rule only matters when the beneficiary pays that premium.
    let allow = |c: &mut Ctx, table: &'static [policy::Seg<bool>], kind: PremiumKind, unverified: &mut Vec<Used>| -> bool {
        match policy::resolve(table, auth_region, c.date) {
            Some((s, u)) => {
                if !u.verified() && needs(kind) {
                    unverified.push(u);
                }
                s.value
            }
            None => false,
        }
    };
    let geo_ok = mechanism.is_some() || premiums_geo_ok;
    let resident = allow(c, policy::PREMIUM_RESIDENT, PremiumKind::Resident, &mut unverified);
    let ltc = allow(c, policy::PREMIUM_LTC, PremiumKind::LongTermCare, &mut unverified);
    let commercial = allow(c, policy::PREMIUM_COMMERCIAL, PremiumKind::Commercial, &mut unverified);
    out.uses = Uses {
        medical: medical_ok && mechanism.is_some(),
        resident_premium: resident && premiums_geo_ok && geo_ok,
        ltc_premium: ltc && premiums_geo_ok && geo_ok,
        commercial_premium: commercial && premiums_geo_ok && geo_ok,
    };
    if !out.uses.medical && !out.uses.any() && !blocked && !medical_ok {
        blocked = true;
    }
    if !medical_ok && out.uses.any() && insured == Some(false) {
        c.add_reason(&mut out.reasons, "PREMIUMS_ONLY", k::REASON_PREMIUMS_ONLY, &[("to", whom)], "S4", true, "gongji.premiums_only");
    }
    // Premiums the beneficiary pays that the rule does not cover here (only when they have one).
    for (kind, ok, code_key) in [
        (PremiumKind::Resident, out.uses.resident_premium, k::PREMIUM_RESIDENT),
        (PremiumKind::LongTermCare, out.uses.ltc_premium, k::PREMIUM_LONG_TERM_CARE),
        (PremiumKind::Commercial, out.uses.commercial_premium, k::PREMIUM_COMMERCIAL),
    ] {
        if needs(kind) && !ok && !blocked {
            let what = c.tx(code_key);
            let table = match kind {
                PremiumKind::Resident => policy::PREMIUM_RESIDENT,
                PremiumKind::LongTermCare => policy::PREMIUM_LTC,
                PremiumKind::Commercial => policy::PREMIUM_COMMERCIAL,
            };
            let (src, ver, id) = match policy::resolve(table, auth_region, c.date) {
                Some((s, u)) => (s.source, u.verified(), s.id),
                None => ("", true, "premium"),
            };
            c.add_reason(&mut out.reasons, "PREMIUM_NOT_COVERED", k::REASON_PREMIUM_NOT_COVERED, &[("to", whom), ("what", what)], src, ver, id);
        }
    }

    // 10. One relation per beneficiary (Fujian model), recorded for the caps stage.
    if let Some((s, u)) = policy::resolve(policy::ONE_RELATION, rb.unwrap_or(policy::NATIONAL), c.date) {
        one_relation = s.value;
        one_relation_rule = Some(u);
        if s.value && !u.verified() {
            unverified.push(u);
        }
    }

    // Unverified values that decided this pair.
    let mut seen: Vec<&str> = Vec::new();
    for u in &unverified {
        if seen.contains(&u.id) {
            continue;
        }
        seen.push(u.id);
        c.add_unverified(&mut out.reasons, u);
        uncertain = true;
    }

    out.mechanism = if blocked { None } else { mechanism };
    out.eligible = !blocked && out.uses.any();
    // A "no" that a verified blocking reason decides is certain whatever else is unknown; a "no"
    // that rests only on unverified values or unknowns is not.
    let decided_no = blocked && out.reasons.iter().any(|r| r.verified && BLOCKING.contains(&r.code));
    out.certain = !uncertain || decided_no;
    if !out.eligible && !blocked {
        // Nothing the rule allows applies (e.g. uninsured and no premium use).
        out.certain = true;
    }
    let blocked = blocked || !out.uses.any();
    Pair { out, blocked, one_relation, one_relation_rule }
}

/// The reason codes that make a pair ineligible on their own. (`OUTSIDE_AREA` and
/// `BENEFICIARY_NOT_INSURED` are not among them: with them the "no" also rests on the wallet and
/// premium rules, whose grades the pair's certainty already carries.)
const BLOCKING: &[&str] = &[
    "DATE_NOT_COVERED",
    "REGION_NOT_COVERED",
    "AUTHORISER_NOT_EMPLOYEE",
    "AUTHORISER_NOT_ACTIVE",
    "NOT_YET_AVAILABLE",
    "NOT_NEAR_RELATIVE",
    "ZERO_BALANCE",
    "BELOW_MIN_BALANCE",
];

/// The catalog text naming a relation (`relation.<name>`).
fn relation_text(r: Relation) -> usize {
    match r {
        Relation::Me => k::RELATION_SELF,
        Relation::Spouse => k::RELATION_SPOUSE,
        Relation::Parent => k::RELATION_PARENT,
        Relation::Child => k::RELATION_CHILD,
        Relation::Sibling => k::RELATION_SIBLING,
        Relation::Grandparent => k::RELATION_GRANDPARENT,
        Relation::Grandchild => k::RELATION_GRANDCHILD,
        Relation::ParentInLaw => k::RELATION_PARENT_IN_LAW,
        Relation::ChildInLaw => k::RELATION_CHILD_IN_LAW,
        Relation::SiblingInLaw => k::RELATION_SIBLING_IN_LAW,
        Relation::Other => k::RELATION_OTHER,
    }
}

/// Whether a suspended (not terminated) authoriser may share in `region` as of the date.
fn suspended_may_share(c: &Ctx, region: u32) -> bool {
    matches!(policy::resolve(policy::SUSPENDED_MAY_SHARE, region, c.date), Some((s, _)) if s.value)
}

fn wallet_live(c: &Ctx, region: u32) -> bool {
    matches!(policy::resolve(policy::WALLET, region, c.date), Some((s, _)) if s.value)
}

/// Applies caps that depend on the order of bindings: an authoriser's relative cap (Hunan) and
/// the one-relation rule for beneficiaries (Fujian). `order` lists pair indices in registration
/// order; returns the pairs (indices) that stay usable.
pub fn apply_caps(c: &mut Ctx, pairs: &mut [Pair], auths: &[Auth], order: &[usize], record: bool) -> Vec<usize> {
    let n = c.sc.people.len();
    let mut count_from = vec![0usize; n];
    let mut bound_to = vec![false; n];
    let mut kept = Vec::new();
    for &pi in order {
        let (from, to, one, one_rule) = match pairs.get(pi) {
            Some(p) if !p.blocked => (p.out.from, p.out.to, p.one_relation, p.one_relation_rule),
            _ => continue,
        };
        let cap = auths.get(from).map(|a| a.cap).unwrap_or(usize::MAX);
        if count_from[from] >= cap {
            if record {
                relative_cap_reached(c, &mut pairs[pi].out, &auths[from]);
            }
            continue;
        }
        if one && bound_to[to] {
            if record {
                one_relation_reached(c, &mut pairs[pi].out, one_rule);
            }
            continue;
        }
        count_from[from] += 1;
        bound_to[to] = true;
        kept.push(pi);
    }
    kept
}

/// The pair is out: its beneficiary is already in a relation (`BENEFICIARY_CAP_REACHED`, citing
/// the one-relation rule that applied).
pub fn one_relation_reached(c: &mut Ctx, out: &mut PairOut, rule: Option<Used>) {
    let whom = c.name(out.to);
    let (src, ver, id) = rule.map(|u| (u.source, u.verified(), u.id)).unwrap_or(("S24", false, "one_relation"));
    c.add_reason(&mut out.reasons, "BENEFICIARY_CAP_REACHED", k::REASON_BENEFICIARY_CAP_REACHED, &[("to", whom)], src, ver, id);
    out.eligible = false;
}

/// The pair is out: its authoriser `au` has reached their region's cap (`RELATIVE_CAP_REACHED`).
pub fn relative_cap_reached(c: &mut Ctx, out: &mut PairOut, au: &Auth) {
    let who = c.name(out.from);
    let capn = crate::text::u64_string(au.cap as u64);
    let (src, ver, id) = au.cap_rule.map(|u| (u.source, u.verified(), u.id)).unwrap_or(("", true, "cap"));
    c.add_reason(&mut out.reasons, "RELATIVE_CAP_REACHED", k::REASON_RELATIVE_CAP_REACHED, &[("from", who), ("cap", &capn)], src, ver, id);
    out.eligible = false;
}
