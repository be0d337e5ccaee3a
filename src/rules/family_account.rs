//! 亲情账户 (医保电子凭证 family account): a binder adds members (up to the book's cap) and shows
//! *their* code for them, and sees their yearly medical costs. No money moves. Up to the book's
//! document age (16周岁及以下): any one of 出生证明 / 双方户口页 / 双方关系公证书, no face scan; older:
//! the member's 户口页 or face scan. No same-region or same-户口本 requirement (S15, S17, S35).

use super::code::ReasonCode;
use super::ctx::{Basis, Ctx};
use super::kinship::{self, Derived};
use crate::i18n::Key;
use crate::model::*;
use crate::policy::{self, ChannelKind};

pub const DOC_FACE: &str = "face_scan";
pub const DOC_BIRTH: &str = "birth_certificate";
pub const DOC_HOUSEHOLD: &str = "household_register";
pub const DOC_NOTARISED: &str = "notarised_relationship";

/// A value of one of the book's national age tables as of the date: the row in force, else the
/// latest row (a date the book does not answer for is refused before any age is read).
fn book_age(table: &'static [policy::Seg<u32>], date: crate::date::Date) -> u32 {
    policy::resolve(table, policy::NATIONAL, date).map_or_else(|| table.last().map_or(0, |s| s.value), |(s, _)| s.value)
}

/// Whether a member of this age is added with documents alone (16周岁及以下) and taken for a child.
pub fn documents_only(c: &Ctx, age: Option<u32>) -> bool {
    let limit = book_age(policy::FA_DOC_AGE, c.date);
    age.is_some_and(|a| a <= limit)
}

/// The 亲情账户 member cap as of the date (`FA_CAP`).
pub fn cap(c: &Ctx) -> usize {
    policy::resolve(policy::FA_CAP, policy::NATIONAL, c.date).map_or_else(|| policy::FA_CAP.last().map_or(0, |s| s.value), |(s, _)| s.value)
}

/// Whether the channel `key` is the 医保钱包 (`CHANNELS`).
pub fn is_wallet(key: &str) -> bool {
    policy::channel_kind(key) == Some(ChannelKind::Wallet)
}

/// The channels of one kind for a region as of the date.
pub fn channels(c: &mut Ctx, region: Option<u32>, kind: ChannelKind) -> Vec<ChannelOut> {
    let mut out: Vec<ChannelOut> = Vec::new();
    if !c.covered {
        return out;
    }
    // The most specific level first; a channel named at several levels, once.
    for (s, u) in policy::resolve_all(policy::CHANNELS, region.unwrap_or(policy::NATIONAL), c.date) {
        let ch = &s.value;
        if ch.kind == kind && !out.iter().any(|x| x.key == ch.key) {
            c.cite(s.source);
            out.push(ChannelOut { key: ch.key, app: ch.app, path: ch.path, source: s.source, verified: u.verified() });
        }
    }
    out
}

/// The 亲情账户 channels of the binder's region.
pub fn binder_channels(c: &mut Ctx, binder: Option<usize>) -> Vec<ChannelOut> {
    let region = binder.and_then(|b| c.sc.people.get(b)).and_then(|b| b.insurance.region);
    channels(c, region, ChannelKind::FamilyAccount)
}

/// Who binds whom: the user binds everyone; when the user's five places are taken, another adult
/// with a phone.
pub fn binder_for(sc: &Scenario, member: usize, taken: &[usize], cap: usize) -> Option<usize> {
    let me = sc.people.iter().position(|p| p.relation == Relation::Me)?;
    let adult = book_age(policy::FA_BINDER_AGE, sc.as_of);
    let adults_with_phones = sc.people.iter().enumerate().filter(|&(i, p)| i != me && p.smartphone == Some(true) && p.age.is_some_and(|a| a >= adult)).map(|(i, _)| i);
    std::iter::once(me).chain(adults_with_phones).find(|&b| b != member && taken.get(b).copied().unwrap_or(0) < cap)
}

const FA_INSURED: Basis = Basis::verified("S35", "fa.insured");
/// Other relatives are accepted by the apps' own wording ("家庭成员"): an assumption.
const FA_RELATION_ASSUMED: Basis = Basis { source: "S35", rule: "fa.relation", verified: false };

/// Evaluates member `i` for a family account bound by `binder`.
pub fn member(c: &mut Ctx, i: usize, binder: Option<usize>, cap_reached: bool) -> FamilyAccountOut {
    let sc = c.sc;
    let p = &sc.people[i];
    let whom = ("to", Arg::Person(i));
    let mut out = FamilyAccountOut { applicable: true, eligible: true, certain: true, binder, ..Default::default() };
    if p.relation == Relation::Me {
        out.applicable = false;
        out.eligible = false;
        out.reasons.push(c.reason(ReasonCode::IsSelf, Key::ReasonFaIsSelf, vec![], Basis::verified("", "fa.self")));
        return out;
    }
    if !c.covered {
        out.eligible = false;
        out.reasons.push(c.reason(ReasonCode::DateNotCovered, Key::ReasonDateNotCovered, vec![("date", Arg::Date(c.date))], Basis::verified("", "coverage")));
        return out;
    }
    let Some((cap_seg, cap_used)) = policy::resolve(policy::FA_CAP, policy::NATIONAL, c.date) else {
        return out;
    };
    // The member needs a 医保电子凭证: they must be insured.
    match p.insurance.scheme {
        Scheme::None => {
            out.eligible = false;
            out.reasons.push(c.reason(ReasonCode::MemberNotInsured, Key::ReasonFaNotInsured, vec![whom.clone()], FA_INSURED));
        }
        Scheme::Unknown => {
            out.certain = false;
            out.reasons.push(c.reason(ReasonCode::InsuredUnknown, Key::ReasonInsuredUnknown, vec![whom.clone()], FA_INSURED));
        }
        Scheme::Employee | Scheme::Resident => {}
    }
    if p.insurance.region.is_some_and(policy::regions::outside_mainland) {
        out.eligible = false;
        let basis = Basis::verified("", "region.outside_mainland");
        let args = vec![("who", Arg::Person(i)), ("region", Arg::Region(p.insurance.region))];
        out.reasons.push(c.reason(ReasonCode::RegionNotCovered, Key::ReasonRegionNotCovered, args, basis));
    }
    // Family members: spouse, parents and children are named by the sources; other relatives are
    // accepted by the apps' own wording ("家庭成员"), which is ASSUMED here.
    if let Some(b) = binder {
        let code = match kinship::between(sc, i, b) {
            Derived::Rel(Relation::Spouse | Relation::Parent | Relation::Child) => None,
            Derived::Rel(Relation::Other) | Derived::Unknown | Derived::NotNear => Some(ReasonCode::RelationUnknown),
            Derived::Rel(_) => Some(ReasonCode::UnverifiedParameter),
        };
        if let Some(code) = code {
            out.certain = false;
            out.reasons.push(c.reason(code, Key::ReasonFaRelationAssumed, vec![("from", Arg::Person(b)), whom.clone()], FA_RELATION_ASSUMED));
        }
    } else {
        out.eligible = false;
        out.reasons.push(c.reason(ReasonCode::NoBinder, Key::ReasonFaNoBinder, vec![whom.clone()], Basis::verified("", "fa.binder")));
    }
    if cap_reached {
        out.eligible = false;
        let who = binder.map_or(Arg::Str(""), Arg::Person);
        let args = vec![("from", who), ("cap", Arg::Num(cap_seg.value as u64))];
        out.reasons.push(c.reason(ReasonCode::FamilyAccountCapReached, Key::ReasonFamilyAccountCapReached, args, Basis::of(&cap_used)));
    }
    if !cap_used.verified() {
        out.reasons.push(c.unverified(&cap_used));
        out.certain = false;
    }

    // Documents by age.
    if let Some((s, u)) = policy::resolve(policy::FA_DOC_AGE, policy::NATIONAL, c.date) {
        let limit = ("limit", Arg::Num(s.value.into()));
        let (code, msg, documents): (_, _, &'static [&'static str]) = match p.age {
            Some(a) if a <= s.value => (ReasonCode::DocumentsUnder16, Key::ReasonFaDocuments, &[DOC_BIRTH, DOC_HOUSEHOLD, DOC_NOTARISED]),
            Some(_) => (ReasonCode::FaceScan, Key::ReasonFaFaceScan, &[DOC_HOUSEHOLD, DOC_FACE]),
            None => {
                out.certain = false;
                (ReasonCode::AgeUnknown, Key::ReasonFaAgeUnknown, &[DOC_HOUSEHOLD, DOC_FACE, DOC_BIRTH, DOC_NOTARISED])
            }
        };
        out.documents_any_of = documents;
        let args = match p.age {
            Some(age) => vec![whom, ("age", Arg::Num(age.into())), limit],
            None => vec![whom, limit],
        };
        out.reasons.push(c.reason(code, msg, args, Basis::of(&u)));
        if !u.verified() {
            out.reasons.push(c.unverified(&u));
        }
    }

    // Useful when the member cannot show their own code.
    let child = documents_only(c, p.age);
    let help_age = book_age(policy::FA_HELP_AGE, c.date);
    out.useful = match p.smartphone {
        Some(false) => true,
        Some(true) => child,
        None if child || p.age.is_none_or(|a| a >= help_age) => {
            out.certain = false;
            true
        }
        None => false,
    };
    out.channels = binder_channels(c, binder);
    out
}
