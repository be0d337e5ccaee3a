//! 亲情账户 (医保电子凭证 family account): a binder adds up to five members and shows *their* code
//! for them. No money moves. Under 16: documents; 16 and over: the member's face scan. No
//! same-region or same-户口本 requirement (S17, S35).

use super::ctx::Ctx;
use super::kinship::{self, Derived};
use crate::i18n::k;
use crate::model::*;
use crate::policy::{self, ChannelKind};

pub const DOC_FACE: &str = "face_scan";
pub const DOC_BIRTH: &str = "birth_certificate";
pub const DOC_HOUSEHOLD: &str = "household_register";
pub const DOC_PLEDGE: &str = "pledge";

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
    let mut order = vec![me];
    for (i, p) in sc.people.iter().enumerate() {
        if i != me && p.smartphone == Some(true) && p.age.map(|a| a >= 18).unwrap_or(false) {
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
            Some(a) if a < limit => {
                out.documents = &[DOC_PLEDGE];
                out.documents_any_of = &[DOC_BIRTH, DOC_HOUSEHOLD];
                c.add_reason(&mut out.reasons, "DOCUMENTS_UNDER_16", k::REASON_FA_DOCUMENTS, &[("to", whom), ("age", &age_s), ("limit", &lim_s)], s.source, u.verified(), s.id);
            }
            Some(a) => {
                out.documents = &[DOC_FACE];
                c.add_reason(&mut out.reasons, "FACE_SCAN", k::REASON_FA_FACE_SCAN, &[("to", whom), ("age", &age_s), ("limit", &lim_s)], s.source, u.verified(), s.id);
                if a == limit {
                    c.warn("AGE_BOUNDARY", k::CAUTION_AGE_16, &[("to", whom)], s.source, s.id, Some(i));
                }
            }
            None => {
                out.documents = &[DOC_FACE];
                out.documents_any_of = &[DOC_BIRTH, DOC_HOUSEHOLD];
                out.certain = false;
                c.add_reason(&mut out.reasons, "AGE_UNKNOWN", k::REASON_FA_AGE_UNKNOWN, &[("to", whom), ("limit", &lim_s)], s.source, u.verified(), s.id);
            }
        }
        if !u.verified() {
            c.add_unverified(&mut out.reasons, &u);
        }
    }

    // Useful when the member cannot show their own code.
    let child = p.age.map(|a| a < 16).unwrap_or(false);
    out.useful = match p.smartphone {
        Some(false) => true,
        Some(true) => child,
        None => {
            if p.age.map(|a| a >= 60 || a < 16).unwrap_or(true) {
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
