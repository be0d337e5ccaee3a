//! The questionnaire's outcome: one short page a citizen reads, composed here from the rules'
//! typed results (recommendation, reason and next-step codes, the pair's mechanism, the channels
//! and documents the book gives) and the questionnaire's answers — never from the report's text,
//! which names a placeholder family. Every text is a catalog entry (`o.*`) in the state's locale,
//! with the relative named in the user's words (您的配偶, "your spouse").
//!
//! What it never says: an age, a name or an amount the user did not give. A 不清楚 answer leads to
//! a "可能…，请确认…" line saying what to check and how, never to a statement that contradicts it.
//!
//! Order (the page keeps it): the answer; 先做这一步 (one channel per step, the best the book gives
//! for the user's region, then the documents for that person as a checklist); the money, or the
//! calculator; the conditions (shown whenever the answer is conditional or undecided); and,
//! collapsed by the page, why, other channels and the sources.

use serde::Serialize;

use crate::i18n::{self, Key};
use crate::model::*;
use crate::policy::{self, regions, sources};
use crate::questionnaire::State;
use crate::rules::code::{NextCode, ReasonCode};
use crate::rules::family_account::{DOC_BIRTH, DOC_FACE, DOC_HOUSEHOLD, DOC_NOTARISED};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// As the report's: `family_account`, `gongji`, `both`, `neither` or `undecided`.
    pub recommendation: &'static str,
    /// The answer rests on something not yet confirmed (`checks` says what).
    pub conditional: bool,
    /// The relative in the user's words: "您的配偶" / "your spouse".
    pub who: &'static str,
    /// The answer in one line: "为您的配偶：两样都办".
    pub headline: String,
    /// One plain sentence under it: what the answer means for this person.
    pub lead: String,
    /// What the answer rests on, or (undecided) what to check first: "可能…，请确认…", each with
    /// how to check. Shown, never collapsed, when not empty.
    pub checks: Vec<String>,
    /// 先做这一步: one step per thing to set up, in order.
    pub steps: Vec<OutcomeStep>,
    /// The money: one sentence, and whether to offer the calculator ("算一算金额").
    pub money: OutcomeMoney,
    /// Why (collapsed by the page).
    pub why: Vec<String>,
    /// Every other channel for the steps (collapsed by the page).
    pub other_channels: Vec<OutcomeChannel>,
    /// The sources cited, as readable text; `url` only for an official (gov.cn) host.
    pub sources: Vec<OutcomeSource>,
    /// The scenario the calculator opens with (the two people the questionnaire knows about:
    /// only what the answers say, no amounts beyond a balance answered as zero).
    pub calculator: Prefill,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutcomeStep {
    /// `REGISTER_GONGJI` or `ADD_FAMILY_ACCOUNT`.
    pub code: &'static str,
    pub title: String,
    /// The one channel: the app (or counter) and the menu path in it.
    pub app: String,
    pub path: String,
    /// False when the book could not verify this menu path.
    pub verified: bool,
    /// The documents, in groups ("任选一项"); for an unknown age band, one group per band.
    pub documents: Vec<DocGroup>,
    /// Plain explanations the step needs (the 医保钱包 and its limits, the 共济额度), one paragraph
    /// each; often none.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocGroup {
    pub title: String,
    pub items: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutcomeMoney {
    pub text: String,
    /// Offer "算一算金额" (the calculator, filled with `calculator`).
    pub calculator: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutcomeChannel {
    pub app: String,
    pub path: String,
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutcomeSource {
    /// "国务院办公厅，国办发〔2021〕14号…，2021-04-22" (always Chinese, as published).
    pub text: String,
    pub url: Option<&'static str>,
}

/// A contract Scenario (`schema/scenario.schema.json`) for the calculator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Prefill {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    pub people: Vec<PrefillPerson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrefillPerson {
    pub id: &'static str,
    pub relation: &'static str,
    pub insurance: PrefillInsurance,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smartphone: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<PrefillAccount>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrefillInsurance {
    pub scheme: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrefillAccount {
    pub prior_years: i64,
    pub current_year: i64,
}

// ---------------------------------------------------------------------------------------------
// The texts chosen by an answer value.

/// (answer value, key) pairs.
type Table = &'static [(&'static str, Key)];

const WHO: Table = &[
    ("mother", Key::OWhoMother),
    ("father", Key::OWhoFather),
    ("parent", Key::OWhoParent),
    ("spouse", Key::OWhoSpouse),
    ("child", Key::OWhoChild),
    ("grandparent", Key::OWhoGrandparent),
    ("grandchild", Key::OWhoGrandchild),
    ("sibling", Key::OWhoSibling),
    ("parent_in_law", Key::OWhoParentInLaw),
    ("child_in_law", Key::OWhoChildInLaw),
    ("other", Key::OWhoOther),
    ("unknown", Key::OWhoUnknown),
];

/// The relative's name in the calculator ("父亲或母亲").
const NAME: Table = &[
    ("mother", Key::ONameMother),
    ("father", Key::ONameFather),
    ("parent", Key::ONameParent),
    ("spouse", Key::ONameSpouse),
    ("child", Key::ONameChild),
    ("grandparent", Key::ONameGrandparent),
    ("grandchild", Key::ONameGrandchild),
    ("sibling", Key::ONameSibling),
    ("parent_in_law", Key::ONameParentInLaw),
    ("child_in_law", Key::ONameChildInLaw),
    ("other", Key::ONameOther),
    ("unknown", Key::ONameUnknown),
];

const HEAD: Table = &[
    ("both", Key::OHeadBoth),
    ("family_account", Key::OHeadFamilyAccount),
    ("gongji", Key::OHeadGongji),
    ("neither", Key::OHeadNeither),
    ("undecided", Key::OHeadUndecided),
];

const LEAD: Table = &[
    ("both", Key::OLeadBoth),
    ("family_account", Key::OLeadFamilyAccount),
    ("gongji", Key::OLeadGongji),
    ("neither", Key::OLeadNeither),
    ("undecided", Key::OLeadUndecided),
];

/// "可能…，请确认…" for a question answered 不清楚.
const CHECK: Table = &[
    ("who", Key::OCheckWho),
    ("my_region", Key::OCheckMyRegion),
    ("phone", Key::OCheckPhone),
    ("my_scheme", Key::OCheckMyScheme),
    ("their_scheme", Key::OCheckTheirScheme),
    ("place", Key::OCheckPlace),
    ("their_province", Key::OCheckTheirProvince),
    ("costs", Key::OCheckCosts),
];

const DOC_TEXT: Table = &[
    (DOC_HOUSEHOLD, Key::ODocHouseholdRegister),
    (DOC_FACE, Key::ODocFaceScan),
    (DOC_BIRTH, Key::ODocBirthCertificate),
    (DOC_NOTARISED, Key::ODocNotarisedRelationship),
];

fn key(table: Table, value: &str) -> Option<Key> {
    table.iter().find(|(v, _)| *v == value).map(|&(_, id)| id)
}

// ---------------------------------------------------------------------------------------------

/// The relative's place in the report the questionnaire builds (the user is 0).
const THEM: usize = 1;

/// Whether the relation chosen is certainly older than the 亲情账户 document age (a parent, a
/// spouse, a grandparent, a parent-in-law, a child's spouse): the adult band is then a fact the
/// user gave; for anyone else only the phone answer "未满16周岁" says the band.
pub fn adult_by_relation(who: Option<&str>) -> bool {
    use Relation::*;
    matches!(crate::questionnaire::relation_of(who), Parent | Spouse | Grandparent | ParentInLaw | ChildInLaw)
}

/// The outcome for a finished questionnaire: `ids` the questions on its path, `r` the rules'
/// report on the scenario it built.
pub fn outcome(st: &State, ids: &[&str], r: &Report) -> Outcome {
    let loc = st.locale;
    let tx = |id: Key| i18n::text(loc, id);
    let who_value = st.get("who").unwrap_or("unknown");
    let who = key(WHO, who_value).map_or("", tx);
    let with_who = |id: Key| i18n::t(loc, id, &[("who", who)]);
    let Some(p) = r.people.get(THEM) else {
        // Not reachable: the questionnaire's scenario has two people.
        return empty(st, who);
    };
    let rec = p.recommendation.as_str();
    let gongji_use = matches!(p.recommendation, Recommendation::Gongji | Recommendation::Both);

    // What the answer rests on: each 不清楚 answer, then what the rules left open.
    let mut checks: Vec<String> = Vec::new();
    fn push(checks: &mut Vec<String>, s: String) {
        if !checks.contains(&s) {
            checks.push(s);
        }
    }
    for id in ids.iter().filter(|id| st.get(id) == Some("unknown")) {
        if let Some(k) = key(CHECK, id) {
            push(&mut checks, with_who(k));
        }
    }
    let reasons = p.why.iter().chain(&p.gongji.reasons).chain(&p.family_account.reasons);
    let mut open: Vec<Key> = Vec::new();
    for reason in reasons {
        let k = match ReasonCode::parse(reason.code) {
            // Facts the answers hold: a check above when answered 不清楚.
            Some(ReasonCode::SchemeUnknown | ReasonCode::InsuredUnknown | ReasonCode::AreaUnknown | ReasonCode::BalanceUnknown | ReasonCode::CostsUnknown) => None,
            // (Answered 不清楚: the "who" check above says it.)
            Some(ReasonCode::RelationUnknown) if st.get("who") == Some("unknown") => None,
            Some(ReasonCode::RelationUnknown) => Some(Key::OCheckRelation),
            // An unknown age band: the documents list each band under its own title (said only
            // when nothing else is open, below).
            Some(ReasonCode::AgeUnknown) => None,
            Some(ReasonCode::RolloutUncertain) => Some(Key::OCheckRollout),
            Some(ReasonCode::DateNotCovered) => Some(Key::OCheckDate),
            Some(ReasonCode::UnverifiedParameter) => Some(Key::OCheckLocalRule),
            _ if !reason.verified && (gongji_use || p.family_account.useful) => Some(Key::OCheckLocalRule),
            _ => None,
        };
        if let Some(k) = k.filter(|k| !open.contains(k)) {
            open.push(k);
        }
    }
    // The local rule last: the facts first.
    open.sort_by_key(|&k| k == Key::OCheckLocalRule);
    for k in open {
        push(&mut checks, with_who(k));
    }
    if (p.conditional || p.recommendation == Recommendation::Undecided) && checks.is_empty() {
        let fa = &p.family_account;
        let age_open = fa.useful && fa.reasons.iter().any(|x| x.code == ReasonCode::AgeUnknown.as_str());
        // A child under 16 usually has no phone of their own, but may: whether the child can show
        // the code is what the family account's answer rests on.
        let phone_open = fa.useful && !fa.certain && st.get("phone") == Some("under16");
        let check = if age_open {
            Key::OCheckAge
        } else if phone_open {
            Key::OCheckPhone
        } else {
            Key::OCheckGeneral
        };
        push(&mut checks, with_who(check));
    }

    // 先做这一步: the family account first (its documents need the relative), then sharing.
    let mut steps: Vec<OutcomeStep> = Vec::new();
    let mut others: Vec<OutcomeChannel> = Vec::new();
    let mut ordered: Vec<&NextStep> = p.next_steps.iter().filter(|s| s.code == NextCode::AddFamilyAccount.as_str()).collect();
    ordered.extend(p.next_steps.iter().filter(|s| s.code == NextCode::RegisterGongji.as_str()));
    for s in ordered {
        let best = best_channel(&s.channels);
        for (i, ch) in s.channels.iter().enumerate() {
            let item = OutcomeChannel { app: tx(ch.app).to_string(), path: tx(ch.path).to_string(), verified: ch.verified };
            if Some(i) != best && !others.contains(&item) {
                others.push(item);
            }
        }
        let (app, path, verified) = best.map(|i| &s.channels[i]).map_or((String::new(), String::new(), true), |c| (tx(c.app).to_string(), tx(c.path).to_string(), c.verified));
        if s.code == NextCode::AddFamilyAccount.as_str() {
            steps.push(OutcomeStep { code: s.code, title: with_who(Key::OStepFamilyAccount), app, path, verified, documents: documents(st, s, r), notes: Vec::new() });
        } else {
            let mechanism = r.pairs.iter().find(|x| x.to == THEM && x.from == 0).and_then(|x| x.mechanism);
            let (title, notes) = match mechanism {
                Some(Mechanism::Wallet) => (Key::OStepWallet, vec![with_who(Key::ONoteWallet), tx(Key::NoticeWalletLimits).to_string()]),
                Some(Mechanism::Quota) => (Key::OStepQuota, vec![with_who(Key::ONoteQuota)]),
                _ => (Key::OStepGongji, Vec::new()),
            };
            steps.push(OutcomeStep { code: s.code, title: with_who(title), app, path, verified, documents: Vec::new(), notes });
        }
    }

    // The money: the calculator wherever sharing may pay.
    let sharing_open = p.recommendation == Recommendation::Undecided && crate::questionnaire::sharing_possible(st);
    let money = if gongji_use {
        OutcomeMoney { text: with_who(Key::OMoneyCalculate), calculator: true }
    } else if sharing_open {
        OutcomeMoney { text: with_who(Key::OMoneyUndecided), calculator: true }
    } else if p.recommendation == Recommendation::FamilyAccount {
        OutcomeMoney { text: with_who(Key::OMoneyFamilyAccount), calculator: false }
    } else {
        OutcomeMoney { text: with_who(Key::OMoneyNone), calculator: false }
    };

    Outcome {
        recommendation: rec,
        conditional: p.conditional,
        who,
        headline: key(HEAD, rec).map_or_else(String::new, with_who),
        lead: key(LEAD, rec).map_or_else(String::new, with_who),
        checks,
        steps,
        money,
        why: why(st, p, r, &with_who),
        other_channels: others,
        sources: r.sources.iter().filter_map(|id| sources::source(id)).map(source).collect(),
        calculator: prefill(st, loc),
    }
}

fn empty(st: &State, who: &'static str) -> Outcome {
    Outcome {
        recommendation: "undecided",
        conditional: true,
        who,
        headline: String::new(),
        lead: String::new(),
        checks: Vec::new(),
        steps: Vec::new(),
        money: OutcomeMoney { text: String::new(), calculator: false },
        why: Vec::new(),
        other_channels: Vec::new(),
        sources: Vec::new(),
        calculator: prefill(st, st.locale),
    }
}

/// The step's one channel: the first the book verifies, in the rules' order (the region's own
/// first, then the national ones); the first when none is verified.
fn best_channel(list: &[ChannelOut]) -> Option<usize> {
    list.iter().position(|c| c.verified).or(if list.is_empty() { None } else { Some(0) })
}

/// The 亲情账户 documents for the relative's age band, as the user gave it: "未满16周岁", or a
/// relation that is certainly older; otherwise one group per band.
fn documents(st: &State, s: &NextStep, r: &Report) -> Vec<DocGroup> {
    let loc = st.locale;
    let limit = policy::resolve(policy::FA_DOC_AGE, policy::NATIONAL, r.as_of).map_or(0, |(seg, _)| seg.value).to_string();
    let t = |id: Key| i18n::t(loc, id, &[("limit", &limit)]);
    let item = |doc: &str| key(DOC_TEXT, doc).map(t).unwrap_or_default();
    let any = s.documents_any_of;
    let has = |doc: &str| any.contains(&doc);
    let child = || DocGroup {
        title: t(Key::ODocsChild),
        items: [DOC_BIRTH, DOC_HOUSEHOLD, DOC_NOTARISED].iter().filter(|d| has(d)).map(|&d| if d == DOC_HOUSEHOLD { t(Key::ODocHouseholdRegisterBoth) } else { item(d) }).collect(),
    };
    let adult = || DocGroup { title: t(Key::ODocsAdult), items: [DOC_HOUSEHOLD, DOC_FACE].iter().filter(|d| has(d)).map(|d| item(d)).collect() };
    // A relation that is certainly older than the limit is in the adult band whatever the rules
    // were told (the questionnaire gives them no age when the phone answer is 不清楚).
    let adult_known = adult_by_relation(st.get("who"));
    let child_band = (has(DOC_BIRTH) || has(DOC_NOTARISED)) && !adult_known;
    let adult_band = has(DOC_FACE);
    match (adult_band, child_band) {
        (true, true) => vec![adult(), child()],
        (true, false) => vec![DocGroup { title: t(Key::ODocsAny), ..adult() }],
        (false, true) => vec![DocGroup { title: t(Key::ODocsAny), ..child() }],
        (false, false) => Vec::new(),
    }
}

/// Why, from the codes: the sharing half, then the family-account half.
fn why(st: &State, p: &PersonOut, r: &Report, with_who: &dyn Fn(Key) -> String) -> Vec<String> {
    let mut out = Vec::new();
    for w in &p.why {
        let k = match ReasonCode::parse(w.code) {
            Some(ReasonCode::GongjiPays | ReasonCode::GongjiBalanceUnknown | ReasonCode::CostsUnknown) => Some(Key::OWhyGongjiUse),
            Some(ReasonCode::GongjiNotNeeded) => Some(Key::OWhyGongjiNotNeeded),
            Some(ReasonCode::GongjiNotEligible) => Some(gongji_no(st, r)),
            Some(ReasonCode::FamilyAccountUseful) => Some(match st.get("phone") {
                Some("cannot") => Key::OWhyFaNoPhone,
                Some("under16") => Key::OWhyFaChild,
                _ => Key::OWhyFaMaybe,
            }),
            Some(ReasonCode::FamilyAccountNotNeeded) => Some(if st.get("their_scheme") == Some("none") {
                Key::OWhyFaNotInsured
            } else if !p.family_account.eligible {
                Key::OWhyFaNotEligible
            } else {
                Key::OWhyFaOwnPhone
            }),
            Some(ReasonCode::BothWorkTogether) => Some(Key::OWhyBoth),
            _ => None,
        };
        if let Some(text) = k.map(with_who) {
            if !out.contains(&text) {
                out.push(text);
            }
        }
    }
    out
}

/// Why the user cannot share with the relative: the first reason of the pair (user → relative)
/// the outcome can say in the user's terms.
fn gongji_no(st: &State, r: &Report) -> Key {
    match st.get("my_scheme") {
        Some("resident" | "none") => return Key::OWhyNotEmployee,
        Some("employee_zero") => return Key::OWhyZeroBalance,
        _ => {}
    }
    let pair = r.pairs.iter().find(|x| x.from == 0 && x.to == THEM);
    for reason in pair.map_or(&[][..], |x| &x.reasons) {
        match ReasonCode::parse(reason.code) {
            Some(ReasonCode::NotNearRelative) => return Key::OWhyNotNearRelative,
            Some(ReasonCode::PremiumsOnly) => return Key::OWhyPremiumsOnly,
            Some(ReasonCode::NotYetAvailable | ReasonCode::OutsideArea) => return Key::OWhyNotYetAvailable,
            _ => {}
        }
    }
    Key::OWhyGongjiNo
}

/// A source as text: issuer, title, date (as published; the sources are Chinese).
fn source(s: &policy::Source) -> OutcomeSource {
    let mut text = String::from(s.issuer);
    for part in [s.title, s.date_text] {
        if !part.is_empty() {
            // No comma after a title that ends in its own mark ("…才能用对！").
            if !text.ends_with(['！', '？', '。']) {
                text.push('，');
            }
            text.push_str(part);
        }
    }
    OutcomeSource { text, url: Some(s.url).filter(|u| !u.is_empty()) }
}

/// The calculator's scenario: the user and the relative, with what the answers say.
fn prefill(st: &State, loc: Locale) -> Prefill {
    let province = |code: Option<u32>| code.map(regions::province_of);
    // The user's region: the host's as given, else the province answered.
    let mine: Option<u32> = st.region.or_else(|| st.get("my_region").and_then(crate::contract::parse_region));
    let (my_scheme, account) = match st.get("my_scheme") {
        Some("employee_balance") => ("employee", None),
        Some("employee_zero") => ("employee", Some(PrefillAccount { prior_years: 0, current_year: 0 })),
        Some("resident") => ("resident", None),
        Some("none") => ("none", None),
        _ => ("unknown", None),
    };
    let their_scheme = match st.get("their_scheme") {
        Some("employee") => "employee",
        Some("resident") => "resident",
        Some("none") => "none",
        _ => "unknown",
    };
    let theirs: Option<u32> = match st.get("place") {
        Some("same_city") => mine,
        Some("same_province") => province(mine),
        Some("other_province") => st.get("their_province").and_then(crate::contract::parse_region),
        _ => None,
    };
    let who = st.get("who").unwrap_or("unknown");
    let relation = crate::questionnaire::relation_of(Some(who)).as_str();
    let smartphone = match st.get("phone") {
        Some("can") => Some(true),
        Some("cannot") => Some(false),
        _ => None,
    };
    let code = |c: Option<u32>| c.map(|c| format!("{c:06}"));
    Prefill {
        as_of: st.as_of.map(|d| d.to_iso()),
        people: vec![
            PrefillPerson { id: "me", relation: "self", insurance: PrefillInsurance { scheme: my_scheme, region: code(mine) }, smartphone: None, account },
            PrefillPerson {
                id: key(NAME, who).map_or("", |k| i18n::text(loc, k)),
                relation,
                insurance: PrefillInsurance { scheme: their_scheme, region: code(theirs) },
                smartphone,
                account: None,
            },
        ],
    }
}

// ---------------------------------------------------------------------------------------------

/// The relative's pronoun, where the answer says it (母亲 → 她, 父亲 → 他).
const PRONOUN: Table = &[("mother", Key::OPronounMother), ("father", Key::OPronounFather)];

impl Outcome {
    /// The Chinese outcome calls the relative "TA", the written form that leaves 他 and 她 open;
    /// where the answer says which (母亲, 父亲), it says 她 or 他, as a native writer would. (The
    /// English texts say "they", and hold no "TA".)
    pub fn with_pronoun(mut self, loc: Locale, who: Option<&str>) -> Outcome {
        let Some(k) = who.and_then(|w| key(PRONOUN, w)) else { return self };
        let pronoun = i18n::text(loc, k);
        let fix = |s: &mut String| *s = replace_ta(s, pronoun);
        fix(&mut self.headline);
        fix(&mut self.lead);
        self.checks.iter_mut().for_each(fix);
        self.why.iter_mut().for_each(fix);
        fix(&mut self.money.text);
        for s in &mut self.steps {
            fix(&mut s.title);
            s.notes.iter_mut().for_each(fix);
            for g in &mut s.documents {
                fix(&mut g.title);
                g.items.iter_mut().for_each(fix);
            }
        }
        self
    }
}

/// `text` in the answer's words: "TA" as 她 or 他 where the answer to "who" says which (母亲,
/// 父亲); otherwise as it is. (The questions use it too.)
pub fn in_words(loc: Locale, who: Option<&str>, text: &str) -> String {
    match who.and_then(|w| key(PRONOUN, w)) {
        Some(k) => replace_ta(text, i18n::text(loc, k)),
        None => text.to_string(),
    }
}

/// `text` with each word "TA" replaced by `pronoun`, and the space that set "TA" apart from a
/// Chinese neighbour dropped (替 TA 出示 → 替她出示; TA 在 16 周岁 → 她在 16 周岁).
fn replace_ta(text: &str, pronoun: &str) -> String {
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let chinese = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii());
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let ta = c == 'T' && chars.get(i + 1) == Some(&'A') && !word(i.checked_sub(1).and_then(|j| chars.get(j))) && !word(chars.get(i + 2));
        if !ta {
            out.push(c);
            i += 1;
            continue;
        }
        if i >= 2 && chars[i - 1] == ' ' && chinese(chars.get(i - 2)) {
            out.pop();
        }
        out.push_str(pronoun);
        i += 2;
        if chars.get(i) == Some(&' ') && chinese(chars.get(i + 1)) {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::replace_ta;

    #[test]
    fn ta_becomes_the_pronoun_without_the_spaces_around_it() {
        assert_eq!(replace_ta("替 TA 出示 TA 本人的医保码", "她"), "替她出示她本人的医保码");
        assert_eq!(replace_ta("TA 在 16 周岁以上的", "他"), "他在 16 周岁以上的");
        assert_eq!(replace_ta("请问问 TA，或让 TA 在 App 里查看", "她"), "请问问她，或让她在 App 里查看");
        assert_eq!(replace_ta("帮 TA 开通）；TA 看病", "她"), "帮她开通）；她看病");
        assert_eq!(replace_ta("DATA, STATUS and TAX stay", "她"), "DATA, STATUS and TAX stay");
        assert_eq!(replace_ta("No pronoun here", "她"), "No pronoun here");
    }
}
