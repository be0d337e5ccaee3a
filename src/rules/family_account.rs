//! 亲情账户 (医保电子凭证 family account): a binder adds members (up to the book's cap) and shows
//! *their* code for them, and sees their yearly medical costs. No money moves. Up to the book's
//! document age (16周岁及以下): any one of 出生证明 / 双方户口页 / 双方关系公证书, no face scan; older:
//! the member's 户口页 or face scan. No same-region or same-户口本 requirement (S15, S17, S35).

use super::ctx::Ctx;
use super::kinship::{self, Derived};
use crate::i18n::k;
use crate::model::*;
use crate::policy::{self, ChannelKind};

pub const DOC_FACE: &str = "face_scan";
pub const DOC_BIRTH: &str = "birth_certificate";
pub const DOC_HOUSEHOLD: &str = "household_register";
pub const DOC_NOTARISED: &str = "notarised_relationship";

/// A value of one of the book's national age tables as of the date: the row in force, else the
/// latest row (a date the book does not answer for is refused before any age is read).
fn book_age(table: &'static [policy::Seg<u32>], date: crate::date::Date) -> u32 {
    match policy::resolve(table, policy::NATIONAL, date) {
        Some((s, _)) => s.value,
        None => table.last().map_or(0, |s| s.value),
    }
}

/// Whether a member of this age is added with documents alone (16周岁及以下) and taken for a child.
pub fn documents_only(c: &Ctx, age: Option<u32>) -> bool {
    let limit = book_age(policy::FA_DOC_AGE, c.date);
    age.map(|a| a <= limit).unwrap_or(false)
}

/// The 亲情账户 member cap as of the date (`FA_CAP`).
pub fn cap(c: &Ctx) -> usize {
    match policy::resolve(policy::FA_CAP, policy::NATIONAL, c.date) {
        Some((s, _)) => s.value,
        None => policy::FA_CAP.last().map_or(0, |s| s.value),
    }
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
    for (s, u) in policy::resolve_all(policy::CHANNELS, region.unwrap_or(policy::NATIONAL), c.date) {
        if s.value.kind != kind || out.iter().any(|x| x.key == s.value.key) {
            continue;
        }
        c.cite(s.source);
        let app = c.tx(s.value.app as usize).to_string();
        let path = c.tx(s.value.app as usize + 1).to_string();
        out.push(ChannelOut { key: s.value.key, app, path, source: s.source, verified: u.verified() });
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
    let mut order = vec![me];
    for (i, p) in sc.people.iter().enumerate() {
        if i != me && p.smartphone == Some(true) && p.age.map(|a| a >= adult).unwrap_or(false) {
            order.push(i);
        }
    }
    order.into_iter().find(|&b| b != member && taken.get(b).copied().unwrap_or(0) < cap)
}

/// Evaluates member `i` for a family account bound by `binder`.
pub fn member(c: &mut Ctx, i: usize, binder: Option<usize>, cap_reached: bool) -> FamilyAccountOut {
    let sc = c.sc;
    let p = &sc.people[i];
    let whom = c.name(i);
    let mut out = FamilyAccountOut { applicable: true, eligible: true, certain: true, binder, ..Default::default() };
    if p.relation == Relation::Me {
        out.applicable = false;
        out.eligible = false;
        c.add_reason(&mut out.reasons, "IS_SELF", k::REASON_FA_IS_SELF, &[], "", true, "fa.self");
        return out;
    }
    if !c.covered {
        out.eligible = false;
        let d = c.date.to_iso();
        c.add_reason(&mut out.reasons, "DATE_NOT_COVERED", k::REASON_DATE_NOT_COVERED, &[("date", &d)], "", true, "coverage");
        return out;
    }
    let (cap_seg, cap_used) = match policy::resolve(policy::FA_CAP, policy::NATIONAL, c.date) {
        Some(x) => x,
        None => return out,
    };
    // The member needs a 医保电子凭证: they must be insured.
    match p.insurance.scheme {
        Scheme::None => {
            out.eligible = false;
            c.add_reason(&mut out.reasons, "MEMBER_NOT_INSURED", k::REASON_FA_NOT_INSURED, &[("to", whom)], "S35", true, "fa.insured");
        }
        Scheme::Unknown => {
            out.certain = false;
            c.add_reason(&mut out.reasons, "INSURED_UNKNOWN", k::REASON_INSURED_UNKNOWN, &[("to", whom)], "S35", true, "fa.insured");
        }
        _ => {}
    }
    if p.insurance.region.map(policy::regions::outside_mainland).unwrap_or(false) {
        out.eligible = false;
        let name = c.region_name(p.insurance.region);
        c.add_reason(&mut out.reasons, "REGION_NOT_COVERED", k::REASON_REGION_NOT_COVERED, &[("who", whom), ("region", &name)], "", true, "region.outside_mainland");
    }
    // Family members: spouse, parents and children are named by the sources; other relatives are
    // accepted by the apps' own wording ("家庭成员"), which is ASSUMED here.
    if let Some(b) = binder {
        match kinship::between(sc, i, b) {
            Derived::Rel(Relation::Spouse | Relation::Parent | Relation::Child) => {}
            Derived::Rel(Relation::Other) | Derived::Unknown | Derived::NotNear => {
                out.certain = false;
                let who = c.name(b);
                c.add_reason(&mut out.reasons, "RELATION_UNKNOWN", k::REASON_FA_RELATION_ASSUMED, &[("from", who), ("to", whom)], "S35", false, "fa.relation");
            }
            Derived::Rel(_) => {
                out.certain = false;
                let who = c.name(b);
                c.add_reason(&mut out.reasons, "UNVERIFIED_PARAMETER", k::REASON_FA_RELATION_ASSUMED, &[("from", who), ("to", whom)], "S35", false, "fa.relation");
            }
        }
    } else {
        out.eligible = false;
        c.add_reason(&mut out.reasons, "NO_BINDER", k::REASON_FA_NO_BINDER, &[("to", whom)], "", true, "fa.binder");
    }
    if cap_reached {
        out.eligible = false;
        let capn = crate::text::u64_string(cap_seg.value as u64);
        let who = binder.map_or("", |b| c.name(b));
        c.add_reason(&mut out.reasons, "FAMILY_ACCOUNT_CAP_REACHED", k::REASON_FAMILY_ACCOUNT_CAP_REACHED, &[("from", who), ("cap", &capn)], cap_seg.source, cap_used.verified(), cap_seg.id);
    }
    if !cap_used.verified() {
        c.add_unverified(&mut out.reasons, &cap_used);
        out.certain = false;
    }

    // Documents by age.
    if let Some((s, u)) = policy::resolve(policy::FA_DOC_AGE, policy::NATIONAL, c.date) {
        let limit = s.value;
        let age_s = p.age.map(|a| crate::text::u64_string(a as u64)).unwrap_or_default();
        let lim_s = crate::text::u64_string(limit as u64);
        match p.age {
            Some(a) if a <= limit => {
                out.documents_any_of = &[DOC_BIRTH, DOC_HOUSEHOLD, DOC_NOTARISED];
                c.add_reason(&mut out.reasons, "DOCUMENTS_UNDER_16", k::REASON_FA_DOCUMENTS, &[("to", whom), ("age", &age_s), ("limit", &lim_s)], s.source, u.verified(), s.id);
            }
            Some(_) => {
                out.documents_any_of = &[DOC_HOUSEHOLD, DOC_FACE];
                c.add_reason(&mut out.reasons, "FACE_SCAN", k::REASON_FA_FACE_SCAN, &[("to", whom), ("age", &age_s), ("limit", &lim_s)], s.source, u.verified(), s.id);
            }
            None => {
                out.documents_any_of = &[DOC_HOUSEHOLD, DOC_FACE, DOC_BIRTH, DOC_NOTARISED];
                out.certain = false;
                c.add_reason(&mut out.reasons, "AGE_UNKNOWN", k::REASON_FA_AGE_UNKNOWN, &[("to", whom), ("limit", &lim_s)], s.source, u.verified(), s.id);
            }
        }
        if !u.verified() {
            c.add_unverified(&mut out.reasons, &u);
        }
    }

    // Useful when the member cannot show their own code.
    let child = documents_only(c, p.age);
    let help_age = book_age(policy::FA_HELP_AGE, c.date);
    out.useful = match p.smartphone {
        Some(false) => true,
        Some(true) => child,
        None => {
            if p.age.map(|a| a >= help_age).unwrap_or(true) || child {
                out.certain = false;
                true
            } else {
                false
            }
        }
    };
    out.channels = binder_channels(c, binder);
    out
}
