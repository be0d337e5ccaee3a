//! 家庭共济: may person `from`'s employee personal account pay for person `to`, as of the date?
//!
//! `pair` runs the checks of `CHECKS` in order. Each gives its verdict and its reasons (each
//! with its rule and source), and the pair is their fold: ineligible when a check blocks;
//! uncertain when a check leaves it open or an unverified value of the book decided it — except
//! that a "no" a check gives on a verified rule is certain whatever else is unknown.

use super::code::ReasonCode;
use super::ctx::{self, Args, Basis, Ctx};
use super::kinship::{self, Derived};
use super::share::{pays_premium, Premiums};
use crate::i18n::Key;
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
    /// Ineligible before caps: a check blocked it, or nothing the rule allows applies.
    pub blocked: bool,
    /// The beneficiary may be in only one relation (Fujian model), and the rule that says so.
    pub one_relation: bool,
    pub one_relation_rule: Option<Used>,
}

/// Per-person authoriser facts (no reasons: those are given per pair).
pub fn auth(c: &Ctx, i: usize) -> Auth {
    let p = &c.sc.people[i];
    let ins = &p.insurance;
    let region = ins.region.unwrap_or(policy::NATIONAL);
    let status_ok = match ins.status {
        Status::Active => true,
        Status::Suspended => matches!(policy::resolve(policy::SUSPENDED_MAY_SHARE, region, c.date), Some((s, _)) if s.value),
        Status::Terminated => false,
    };
    let mut a = Auth {
        can: c.covered && ins.scheme == Scheme::Employee && status_ok,
        prior_only: false,
        account: p.account,
        min_balance: Fen::ZERO,
        cap: usize::MAX,
        cap_rule: None,
    };
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

/// A check's verdict on the pair, from the mildest to the most severe.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    /// Nothing here against the pair (a check may still note something).
    #[default]
    Passes,
    /// Left open: a fact the check needs was not given.
    Uncertain,
    /// Medical costs cannot be shared (outside the area, or the beneficiary not insured); whether
    /// premiums can is for the premium check to say.
    Limits,
    /// The pair cannot be made.
    Blocks,
    /// The book does not answer for the date: the pair cannot be made, and no further check is
    /// asked.
    Refused,
}

/// What one check found: its verdict, its reasons, and the unverified values of the book it
/// rested on (flagged once each, after every check's reasons, and leaving the pair uncertain).
#[derive(Debug, Default)]
struct Finding {
    verdict: Verdict,
    /// The check blocks with a reason on a verified rule: a decided "no", certain whatever else
    /// is unknown.
    decided: bool,
    reasons: Vec<Reason>,
    unverified: Vec<Used>,
}

impl Finding {
    fn passes() -> Finding {
        Finding::default()
    }

    fn new(verdict: Verdict, reason: Reason) -> Finding {
        let mut found = Finding::passes();
        found.add(verdict, reason);
        found
    }

    /// A reason with its verdict (the finding keeps its most severe verdict).
    fn add(&mut self, verdict: Verdict, reason: Reason) {
        self.verdict = self.verdict.max(verdict);
        self.decided |= verdict >= Verdict::Blocks && reason.verified;
        self.reasons.push(reason);
    }

    /// A reason that does not change the verdict.
    fn note(&mut self, reason: Reason) {
        self.reasons.push(reason);
    }

    /// `u` decided something: flagged when unverified.
    fn rests_on(&mut self, u: Used) {
        if !u.verified() {
            self.unverified.push(u);
        }
    }
}

/// The pair being checked: who and where, and what the checks so far have found.
struct Eval<'a> {
    authoriser: &'a Person,
    beneficiary: &'a Person,
    /// The authoriser's and the beneficiary's indices.
    who: usize,
    whom: usize,
    rel: Derived,
    auth: Option<Auth>,
    /// The authoriser's region (national when not known): its rules decide.
    region: u32,
    /// Some check so far blocks (kept by `pair`).
    blocked: bool,
    /// Whether the beneficiary is insured (`beneficiary_insured`).
    insured: Option<bool>,
    /// Medical costs may be shared (`beneficiary_insured`, `geography`).
    medical_ok: bool,
    /// The geography allows premiums (`geography`).
    premiums_geo_ok: bool,
    /// How the money moves (`geography`).
    mechanism: Option<Mechanism>,
    /// What the money may pay for (`premiums`).
    uses: Uses,
    /// The one-relation rule of the beneficiary's region (`one_relation`).
    one_relation: bool,
    one_relation_rule: Option<Used>,
}

impl Eval<'_> {
    /// The arguments naming the pair: `{from}` and `{to}`.
    fn names(&self) -> Args {
        vec![("from", self.from()), ("to", self.to())]
    }
    /// The authoriser, as an argument.
    fn from(&self) -> Arg {
        Arg::Person(self.who)
    }
    /// The beneficiary, as an argument.
    fn to(&self) -> Arg {
        Arg::Person(self.whom)
    }
}

/// A check: what it finds about the pair, given what the checks before it found.
type Check = fn(&mut Ctx, &mut Eval) -> Finding;

/// The checks of a pair, in the order they run and their reasons are listed.
const CHECKS: [Check; 11] = [
    date,                // the book answers for the date
    region,              // both in the mainland's basic medical insurance
    authoriser_scheme,   // the authoriser has an employee account (S9)
    authoriser_status,   // … and may share in that status (S7)
    launch,              // sharing launched in the authoriser's region
    kinship,             // a relative the era covers
    balance,             // a balance to share, above the region's minimum
    beneficiary_insured, // medical costs need an insured beneficiary
    geography,           // where, and by which mechanism
    premiums,            // what the money may pay for
    one_relation,        // Fujian: one relation per beneficiary
];

// Rules of the engine's own, and rules verified sources state outright.
const COVERAGE: Basis = Basis::verified("", "coverage");
const OUTSIDE_MAINLAND: Basis = Basis::verified("", "region.outside_mainland");
const EMPLOYEE_ONLY: Basis = Basis::verified("S9", "gongji.authoriser.employee");
const ACTIVE_ONLY: Basis = Basis::verified("S7", "gongji.authoriser.active");
const BALANCE_GIVEN: Basis = Basis::verified("", "gongji.balance");
const EMPTY_ACCOUNT: Basis = Basis::verified("S19", "min_balance.cn");
const BENEFICIARY_INSURED: Basis = Basis::verified("S1", "gongji.beneficiary.insured");
const PREMIUMS_ONLY: Basis = Basis::verified("S4", "gongji.premiums_only");
const RELATION_DERIVED: Basis = Basis::verified("CIVIL", "kinship.derive");

/// Evaluates the pair `from → to` (not yet considering caps, which depend on the bindings).
pub fn pair(c: &mut Ctx, auths: &[Auth], from: usize, to: usize) -> Pair {
    let sc = c.sc;
    let (authoriser, beneficiary) = (&sc.people[from], &sc.people[to]);
    let mut e = Eval {
        authoriser,
        beneficiary,
        who: from,
        whom: to,
        rel: kinship::between(sc, from, to),
        auth: auths.get(from).copied(),
        region: authoriser.insurance.region.unwrap_or(policy::NATIONAL),
        blocked: false,
        insured: None,
        medical_ok: true,
        premiums_geo_ok: true,
        mechanism: None,
        uses: Uses::default(),
        one_relation: false,
        one_relation_rule: None,
    };
    let mut reasons = Vec::new();
    let mut unverified: Vec<Used> = Vec::new();
    let mut uncertain = false;
    // A "no" a check gives on a verified rule is decided whatever else is unknown. (`Limits` is
    // not such a "no": it also rests on the wallet and premium rules, whose grades the
    // certainty already carries.)
    let mut decided_no = false;
    for check in CHECKS {
        let found = check(c, &mut e);
        match found.verdict {
            Verdict::Passes | Verdict::Limits => {}
            Verdict::Uncertain => uncertain = true,
            Verdict::Blocks | Verdict::Refused => e.blocked = true,
        }
        decided_no |= found.decided;
        reasons.extend(found.reasons);
        unverified.extend(found.unverified);
        if found.verdict == Verdict::Refused {
            break;
        }
    }
    // The unverified values that decided this pair, once each.
    let mut flagged: Vec<&str> = Vec::new();
    for u in &unverified {
        if !flagged.contains(&u.id) {
            flagged.push(u.id);
            reasons.push(c.unverified(u));
            uncertain = true;
        }
    }

    let eligible = !e.blocked && e.uses.any();
    let out = PairOut {
        from,
        to,
        relation: match e.rel {
            Derived::Rel(r) => Some(r),
            _ => None,
        },
        eligible,
        // Nothing the rule allows applies (e.g. uninsured and no premium use): a certain "no".
        certain: !uncertain || decided_no || (!eligible && !e.blocked),
        mechanism: if e.blocked { None } else { e.mechanism },
        uses: e.uses,
        reasons,
    };
    Pair { blocked: !eligible, out, one_relation: e.one_relation, one_relation_rule: e.one_relation_rule }
}

/// The date: a date before the book's coverage is refused.
fn date(c: &mut Ctx, _: &mut Eval) -> Finding {
    if c.covered {
        return Finding::passes();
    }
    Finding::new(Verdict::Refused, c.reason(ReasonCode::DateNotCovered, Key::ReasonDateNotCovered, vec![("date", Arg::Date(c.date))], COVERAGE))
}

/// Regions outside the mainland's basic medical insurance, on either side.
fn region(c: &mut Ctx, e: &mut Eval) -> Finding {
    let mut found = Finding::passes();
    for (region, who) in [(e.authoriser.insurance.region, e.who), (e.beneficiary.insurance.region, e.whom)] {
        if let Some(code) = region.filter(|&code| regions::outside_mainland(code)) {
            let args = vec![("who", Arg::Person(who)), ("region", Arg::Region(Some(code)))];
            found.add(Verdict::Blocks, c.reason(ReasonCode::RegionNotCovered, Key::ReasonRegionNotCovered, args, OUTSIDE_MAINLAND));
        }
    }
    found
}

/// Only 职工医保 has a personal account (S9).
fn authoriser_scheme(c: &mut Ctx, e: &mut Eval) -> Finding {
    match e.authoriser.insurance.scheme {
        Scheme::Employee => Finding::passes(),
        Scheme::Unknown => Finding::new(Verdict::Uncertain, c.reason(ReasonCode::SchemeUnknown, Key::ReasonSchemeUnknown, e.names(), EMPLOYEE_ONLY)),
        Scheme::Resident | Scheme::None => {
            Finding::new(Verdict::Blocks, c.reason(ReasonCode::AuthoriserNotEmployee, Key::ReasonAuthoriserNotEmployee, e.names(), EMPLOYEE_ONLY))
        }
    }
}

/// Terminated never shares (S7). Suspended (暂停 / 中断缴费) is the book's `SUSPENDED_MAY_SHARE`:
/// Jiangsu says "非终止参保状态" (seed 001); elsewhere blocking it is an assumption.
fn authoriser_status(c: &mut Ctx, e: &mut Eval) -> Finding {
    let ins = &e.authoriser.insurance;
    if ins.status == Status::Active || !matches!(ins.scheme, Scheme::Employee | Scheme::Unknown) {
        return Finding::passes();
    }
    let rule = match ins.status {
        Status::Suspended => policy::resolve(policy::SUSPENDED_MAY_SHARE, e.region, c.date),
        _ => None,
    };
    let mut found = Finding::passes();
    match rule {
        Some((s, u)) if s.value => {
            found.note(c.reason(ReasonCode::AuthoriserSuspendedOk, Key::ReasonAuthoriserSuspendedOk, vec![("from", e.from())], Basis::of(&u)));
            found.rests_on(u);
        }
        Some((_, u)) => {
            let args = vec![("from", e.from()), ("status", Arg::Key(Key::StatusSuspended))];
            found.add(Verdict::Blocks, c.reason(ReasonCode::AuthoriserNotActive, Key::ReasonAuthoriserNotActive, args, Basis::of(&u)));
            found.rests_on(u);
        }
        None => {
            let status = match ins.status {
                Status::Suspended => Key::StatusSuspended,
                _ => Key::StatusTerminated,
            };
            let args = vec![("from", e.from()), ("status", Arg::Key(status))];
            found.add(Verdict::Blocks, c.reason(ReasonCode::AuthoriserNotActive, Key::ReasonAuthoriserNotActive, args, ACTIVE_ONLY));
        }
    }
    found
}

/// Launched in the authoriser's region as of the date?
fn launch(c: &mut Ctx, e: &mut Eval) -> Finding {
    let Some((s, u)) = policy::resolve(policy::LAUNCH, e.region, c.date) else {
        return Finding::new(Verdict::Blocks, c.reason(ReasonCode::DateNotCovered, Key::ReasonDateNotCovered, vec![("date", Arg::Date(c.date))], COVERAGE));
    };
    let mut found = Finding::passes();
    found.rests_on(u);
    if !s.value {
        let region = Arg::Region(e.authoriser.insurance.region);
        // The day after the row's last day (none when the row is open-ended).
        let from_date = s.to.map_or(Arg::Str(""), |t| Arg::Date(t.add_days(1)));
        found.add(Verdict::Blocks, c.reason(ReasonCode::NotYetAvailable, Key::ReasonNotYetAvailable, vec![("region", region), ("from_date", from_date)], Basis::of(&u)));
    }
    found
}

/// Kinship in the era of the authoriser's region.
fn kinship(c: &mut Ctx, e: &mut Eval) -> Finding {
    let Some((s, u)) = policy::resolve(policy::KIN, e.region, c.date) else {
        return Finding::passes();
    };
    match e.rel {
        Derived::Rel(r) => {
            let mut found = Finding::passes();
            // An unverified era value only matters for relatives the eras treat differently. (The
            // provinces' switch after 国办发〔2024〕38号 is the book's `kin.cn.switching`, graded
            // ASSUMED: a "no" resting on it is flagged here and leaves the pair uncertain.)
            if kinship::near(Kin::CoreThree, r) != kinship::near(Kin::NearRelatives, r) {
                found.rests_on(u);
            }
            if !kinship::near(s.value, r) {
                let relation = Arg::Key(relation_text(r));
                let scope = Arg::Key(kinship::scope_text(s.value));
                // In-laws and others are not 近亲属 under any era (民法典 art. 1045).
                let basis = if kinship::in_law(r) || r == Relation::Other { Basis::verified("CIVIL", s.id) } else { Basis::of(&u) };
                let args = vec![("from", e.from()), ("to", e.to()), ("relation", relation), ("scope", scope)];
                found.add(Verdict::Blocks, c.reason(ReasonCode::NotNearRelative, Key::ReasonNotNearRelative, args, basis));
            }
            found
        }
        Derived::NotNear => {
            Finding::new(Verdict::Blocks, c.reason(ReasonCode::NotNearRelative, Key::ReasonNotNearRelativeDerived, e.names(), Basis::verified("CIVIL", s.id)))
        }
        Derived::Unknown => Finding::new(Verdict::Uncertain, c.reason(ReasonCode::RelationUnknown, Key::ReasonRelationUnknown, e.names(), RELATION_DERIVED)),
    }
}

/// The authoriser's balance: known, not empty, above the region's minimum.
fn balance(c: &mut Ctx, e: &mut Eval) -> Finding {
    let Some(au) = e.auth else {
        return Finding::passes();
    };
    let Some(base) = au.shareable_base() else {
        if e.authoriser.insurance.scheme != Scheme::Employee {
            return Finding::passes();
        }
        return Finding::new(Verdict::Uncertain, c.reason(ReasonCode::BalanceUnknown, Key::ReasonBalanceUnknown, vec![("from", e.from())], BALANCE_GIVEN));
    };
    // The shareable-balance rule (the book's national row answers for every covered date).
    let balance_rule = policy::resolve(policy::BALANCE, e.region, c.date).map(|(_, u)| u);
    let (bu, balance_basis) = match balance_rule {
        Some(u) => (u, Basis::of(&u)),
        None => {
            let u = policy::used(&policy::BALANCE[0], 0);
            (u, Basis { source: "", ..Basis::of(&u) })
        }
    };
    let mut found = Finding::passes();
    if !base.is_positive() {
        let which = Arg::Key(if au.prior_only { Key::BalancePriorYears } else { Key::BalanceWhole });
        // An empty account cannot share under any reading (S19, V-OFF); only a 历年-only rule
        // with money in the current year rests on the balance rule.
        let empty = au.account.is_some_and(|a| !a.total().is_positive());
        let basis = if empty { EMPTY_ACCOUNT } else { balance_basis };
        found.add(Verdict::Blocks, c.reason(ReasonCode::ZeroBalance, Key::ReasonZeroBalance, vec![("from", e.from()), ("which", which)], basis));
        if !empty {
            found.rests_on(bu);
        }
    } else if base <= au.min_balance {
        if let Some((s, u)) = policy::resolve(policy::MIN_BALANCE, e.region, c.date) {
            let args = vec![("from", e.from()), ("min", Arg::Money(s.value)), ("balance", Arg::Money(base))];
            found.add(Verdict::Blocks, c.reason(ReasonCode::BelowMinBalance, Key::ReasonBelowMinBalance, args, Basis::of(&u)));
            found.rests_on(u);
        }
    } else if au.prior_only {
        found.rests_on(bu);
    }
    if let Some(u) = balance_rule.filter(|_| au.prior_only) {
        c.step(Key::StepPriorOnly, vec![("from", e.from()), ("amount", Arg::Money(base))], StepValue::Money(base), Basis::of(&u));
    }
    found
}

/// The beneficiary must be insured for medical costs to be shared.
fn beneficiary_insured(c: &mut Ctx, e: &mut Eval) -> Finding {
    let ins = &e.beneficiary.insurance;
    e.insured = match (ins.scheme, ins.status) {
        (Scheme::Employee | Scheme::Resident, Status::Active) => Some(true),
        (Scheme::Unknown, _) => None,
        _ => Some(false),
    };
    let whom = vec![("to", e.to())];
    match e.insured {
        Some(true) => Finding::passes(),
        Some(false) => {
            e.medical_ok = false;
            Finding::new(Verdict::Limits, c.reason(ReasonCode::BeneficiaryNotInsured, Key::ReasonBeneficiaryNotInsured, whom, BENEFICIARY_INSURED))
        }
        None => Finding::new(Verdict::Uncertain, c.reason(ReasonCode::InsuredUnknown, Key::ReasonInsuredUnknown, whom, BENEFICIARY_INSURED)),
    }
}

/// Geography as of the date (the authoriser's region decides), and the mechanism that moves the
/// money: an instant debit, 医保钱包 transfers, or the cross-province quota.
fn geography(c: &mut Ctx, e: &mut Eval) -> Finding {
    let Some((s, u)) = policy::resolve(policy::GEO, e.region, c.date) else {
        return Finding::passes();
    };
    let (ra, rb) = (e.authoriser.insurance.region, e.beneficiary.insurance.region);
    let same_province = match (ra, rb) {
        (Some(a), Some(b)) => Some(regions::province_of(a) == regions::province_of(b)),
        _ => None,
    };
    let same_area = match (ra.and_then(regions::pooling_area), rb.and_then(regions::pooling_area)) {
        (Some(a), Some(b)) => Some(a == b),
        _ if same_province == Some(false) => Some(false),
        _ => None,
    };
    let wallet_both = match (ra, rb) {
        (Some(a), Some(b)) => wallet_live(c, a) && wallet_live(c, b),
        _ => false,
    };
    // Across provinces once sharing is nationwide: the quota when it is live (S41), the
    // 医保钱包 before (S40).
    let quota = if s.value == Geo::Nationwide { policy::resolve(policy::QUOTA, e.region, c.date) } else { None };
    let quota_live = matches!(quota, Some((q, _)) if q.value);
    // Within the pooling area: an instant debit; outside it, or not known.
    let area = |same: Option<bool>| match same {
        Some(true) => Reach::Yes(Mechanism::Instant),
        Some(false) => Reach::Outside,
        None => Reach::Unknown,
    };
    // Within the province: an instant debit; across provinces by wallet where both have one.
    let province = |same: Option<bool>| match same {
        Some(true) => Reach::Yes(Mechanism::Instant),
        Some(false) if wallet_both => Reach::Yes(Mechanism::Wallet),
        Some(false) => Reach::Outside,
        None => Reach::Unknown,
    };
    let medical = match s.value {
        Geo::SameArea => match area(same_area) {
            Reach::Outside if wallet_both => Reach::Yes(Mechanism::Wallet),
            x => x,
        },
        Geo::SameAreaMedicalProvincePremiums => {
            e.premiums_geo_ok = same_province == Some(true);
            area(same_area)
        }
        Geo::Province => province(same_province),
        Geo::ProvinceExcept(list) => {
            let excluded = |r: Option<u32>| r.and_then(regions::pooling_area).is_some_and(|p| list.contains(&p));
            if same_area == Some(true) {
                Reach::Yes(Mechanism::Instant)
            } else if excluded(ra) || excluded(rb) {
                if wallet_both {
                    Reach::Yes(Mechanism::Wallet)
                } else {
                    Reach::Outside
                }
            } else {
                province(same_province)
            }
        }
        Geo::Nationwide => match same_province {
            Some(true) => Reach::Yes(Mechanism::Instant),
            Some(false) if quota_live => Reach::Yes(Mechanism::Quota),
            Some(false) if wallet_both => Reach::Yes(Mechanism::Wallet),
            Some(false) => Reach::Outside,
            None => Reach::Unknown,
        },
    };

    let mut found = Finding::passes();
    found.rests_on(u);
    if same_province == Some(false) {
        // The quota's state decided this cross-province pair.
        if let Some((_, qu)) = quota {
            found.rests_on(qu);
        }
    }
    let cross_area = same_area == Some(false)
        && match s.value {
            Geo::Nationwide => same_province == Some(false) && !quota_live,
            Geo::SameAreaMedicalProvincePremiums => false,
            _ => true,
        };
    if cross_area && matches!(medical, Reach::Yes(Mechanism::Wallet) | Reach::Outside) {
        // The wallet values decided this cross-area pair.
        for r in [ra, rb].into_iter().flatten() {
            if let Some((_, wu)) = policy::resolve(policy::WALLET, r, c.date) {
                found.rests_on(wu);
            }
        }
    }
    match medical {
        Reach::Yes(m) => {
            e.mechanism = Some(m);
            if m == Mechanism::Quota {
                // Each province's own start date under the 2026 notice is not known.
                for (cs, cu) in policy::resolve_all(policy::CAUTIONS, e.region, c.date) {
                    if cs.value.key == Key::CautionNationwideRollout {
                        found.add(Verdict::Uncertain, c.reason(ReasonCode::RolloutUncertain, cs.value.key, vec![], Basis::of(&cu)));
                    }
                }
            }
        }
        Reach::Unknown => {
            let args = vec![("from", e.from()), ("to", e.to()), ("rule", ctx::note(&u))];
            found.add(Verdict::Uncertain, c.reason(ReasonCode::AreaUnknown, Key::ReasonAreaUnknown, args, Basis::of(&u)));
            e.mechanism = Some(Mechanism::Instant);
        }
        Reach::Outside => {
            let args = vec![("from", e.from()), ("to", e.to()), ("region_from", Arg::Region(ra)), ("region_to", Arg::Region(rb)), ("rule", ctx::note(&u))];
            found.add(Verdict::Limits, c.reason(ReasonCode::OutsideArea, Key::ReasonOutsideArea, args, Basis::of(&u)));
            e.medical_ok = false;
            if s.value != Geo::SameAreaMedicalProvincePremiums {
                e.premiums_geo_ok = false;
            }
        }
    }
    found
}

/// Whether the money can reach the beneficiary for medical costs, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    Yes(Mechanism),
    Outside,
    /// A region is not known.
    Unknown,
}

/// What the money may pay for: medical costs (as the checks before found), and each premium
/// the authoriser's region allows (where the geography allows premiums).
fn premiums(c: &mut Ctx, e: &mut Eval) -> Finding {
    let pays = |kind: PremiumKind| e.beneficiary.costs.premiums.iter().any(|p| p.kind == kind);
    let mut found = Finding::passes();
    let mut allowed = |kind: PremiumKind| match policy::resolve(premium_rules(kind), e.region, c.date) {
        Some((s, u)) => {
            // An unverified premium rule only matters when the beneficiary pays that premium.
            if pays(kind) {
                found.rests_on(u);
            }
            s.value && e.premiums_geo_ok
        }
        None => false,
    };
    e.uses = Uses {
        medical: e.medical_ok && e.mechanism.is_some(),
        resident_premium: allowed(PremiumKind::Resident),
        ltc_premium: allowed(PremiumKind::LongTermCare),
        commercial_premium: allowed(PremiumKind::Commercial),
    };
    if !e.uses.any() && !e.medical_ok && !e.blocked {
        // Nothing the rule allows applies.
        found.verdict = Verdict::Blocks;
        return found;
    }
    if !e.medical_ok && e.uses.any() && e.insured == Some(false) {
        found.note(c.reason(ReasonCode::PremiumsOnly, Key::ReasonPremiumsOnly, vec![("to", e.to())], PREMIUMS_ONLY));
    }
    // Premiums the beneficiary pays that the rule does not cover here.
    if !e.blocked {
        for kind in Premiums::ORDER.into_iter().filter(|&kind| pays(kind) && !pays_premium(&e.uses, kind)) {
            let what = Arg::Key(premium_text(kind));
            let basis = policy::resolve(premium_rules(kind), e.region, c.date).map_or(Basis::verified("", "premium"), |(_, u)| Basis::of(&u));
            found.note(c.reason(ReasonCode::PremiumNotCovered, Key::ReasonPremiumNotCovered, vec![("to", e.to()), ("what", what)], basis));
        }
    }
    found
}

/// One relation per beneficiary (Fujian model): recorded for the caps stage.
fn one_relation(c: &mut Ctx, e: &mut Eval) -> Finding {
    let mut found = Finding::passes();
    let region = e.beneficiary.insurance.region.unwrap_or(policy::NATIONAL);
    if let Some((s, u)) = policy::resolve(policy::ONE_RELATION, region, c.date) {
        e.one_relation = s.value;
        e.one_relation_rule = Some(u);
        if s.value {
            found.rests_on(u);
        }
    }
    found
}

/// The book's table saying whether shared money may pay premiums of `kind`.
fn premium_rules(kind: PremiumKind) -> &'static [policy::Seg<bool>] {
    match kind {
        PremiumKind::Resident => policy::PREMIUM_RESIDENT,
        PremiumKind::LongTermCare => policy::PREMIUM_LTC,
        PremiumKind::Commercial => policy::PREMIUM_COMMERCIAL,
    }
}

/// The catalog text naming a premium kind.
fn premium_text(kind: PremiumKind) -> Key {
    match kind {
        PremiumKind::Resident => Key::PremiumResident,
        PremiumKind::LongTermCare => Key::PremiumLongTermCare,
        PremiumKind::Commercial => Key::PremiumCommercial,
    }
}

/// The catalog text naming a relation (`relation.<name>`).
fn relation_text(r: Relation) -> Key {
    match r {
        Relation::Me => Key::RelationSelf,
        Relation::Spouse => Key::RelationSpouse,
        Relation::Parent => Key::RelationParent,
        Relation::Child => Key::RelationChild,
        Relation::Sibling => Key::RelationSibling,
        Relation::Grandparent => Key::RelationGrandparent,
        Relation::Grandchild => Key::RelationGrandchild,
        Relation::ParentInLaw => Key::RelationParentInLaw,
        Relation::ChildInLaw => Key::RelationChildInLaw,
        Relation::SiblingInLaw => Key::RelationSiblingInLaw,
        Relation::Other => Key::RelationOther,
    }
}

fn wallet_live(c: &Ctx, region: u32) -> bool {
    matches!(policy::resolve(policy::WALLET, region, c.date), Some((s, _)) if s.value)
}

/// Applies caps that depend on the order of bindings: an authoriser's relative cap (Hunan) and
/// the one-relation rule for beneficiaries (Fujian). `order` lists pair indices in registration
/// order; returns the pairs (indices) that stay usable. The pairs a cap leaves out get its reason.
pub fn apply_caps(c: &mut Ctx, pairs: &mut [Pair], auths: &[Auth], order: &[usize]) -> Vec<usize> {
    let n = c.sc.people.len();
    let mut count_from = vec![0usize; n];
    let mut bound_to = vec![false; n];
    let mut kept = Vec::new();
    for &pi in order {
        let Some(p) = pairs.get(pi).filter(|p| !p.blocked) else {
            continue;
        };
        let (from, to, one, one_rule) = (p.out.from, p.out.to, p.one_relation, p.one_relation_rule);
        let cap = auths.get(from).map_or(usize::MAX, |a| a.cap);
        if count_from[from] >= cap {
            relative_cap_reached(c, &mut pairs[pi].out, &auths[from]);
        } else if one && bound_to[to] {
            one_relation_reached(c, &mut pairs[pi].out, one_rule);
        } else {
            count_from[from] += 1;
            bound_to[to] = true;
            kept.push(pi);
        }
    }
    kept
}

/// The pair is out: its beneficiary is already in a relation (`BENEFICIARY_CAP_REACHED`, citing
/// the one-relation rule that applied).
pub fn one_relation_reached(c: &mut Ctx, out: &mut PairOut, rule: Option<Used>) {
    let basis = rule.as_ref().map_or(Basis { source: "S24", rule: "one_relation", verified: false }, Basis::of);
    out.reasons.push(c.reason(ReasonCode::BeneficiaryCapReached, Key::ReasonBeneficiaryCapReached, vec![("to", Arg::Person(out.to))], basis));
    out.eligible = false;
}

/// The pair is out: its authoriser `au` has reached their region's cap (`RELATIVE_CAP_REACHED`).
pub fn relative_cap_reached(c: &mut Ctx, out: &mut PairOut, au: &Auth) {
    let args = vec![("from", Arg::Person(out.from)), ("cap", Arg::Num(au.cap as u64))];
    let basis = au.cap_rule.as_ref().map_or(Basis::verified("", "cap"), Basis::of);
    out.reasons.push(c.reason(ReasonCode::RelativeCapReached, Key::ReasonRelativeCapReached, args, basis));
    out.eligible = false;
}
