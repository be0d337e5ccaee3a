//! The dated tables. Each row: rule id, regions, from, to, value, source, grade, note key.
//! Catalog keys are written as `i18n::Key` variants (`Key::NoteLaunch11` for `note.launch.11`;
//! a key missing from the catalogs does not build).
//! Read together with `shared/policy-digest.md`; § numbers below refer to it.

use super::{Grade::*, Seg, NATIONAL};
use crate::date::{d, Date};
use crate::i18n::Key;
use crate::money::Fen;

// Key dates -------------------------------------------------------------------------------------

/// 国办发〔2021〕14号 published (S1). The document's own date, 2021-04-13, is ASSUMED.
pub const D_14: Date = d(2021, 4, 22);
/// 国办发〔2024〕38号 reported issued (S5). Media also say "July"; the exact date is ASSUMED.
pub const D_38: Date = d(2024, 8, 3);
/// Every province had extended sharing to all 近亲属 by this date (S8).
pub const D_ALL_NEAR: Date = d(2024, 12, 9);
/// Every province had province-wide (省内跨统筹区) sharing by this date (S39, digest § 11.2).
pub const D_PROVINCE_ALL: Date = d(2024, 12, 26);
/// 国家医保局·财政部 notice on cross-province sharing published (S6, S7); its 文号 was not found.
/// Publication, not go-live (digest § 11.2): until the quota goes live, cross-province sharing is
/// the 医保钱包 transfer (S40).
pub const D_NATIONWIDE: Date = d(2026, 1, 9);
/// Cross-province sharing by quota (共济额度) reported in force from about this date under the
/// 《职工基本医疗保险个人账户跨省共济经办规程（试行）》 (S41, V-WEAK: date and title unverified).
pub const D_QUOTA: Date = d(2026, 6, 5);
/// 25 provinces confirmed province-wide (S14).
pub const D_S14: Date = d(2024, 8, 28);
/// 医保钱包 in every province except Guangdong (S11).
pub const D_WALLET: Date = d(2025, 9, 22);

/// 医保钱包 limits (S12): per transfer, per day, quiet hours.
pub const WALLET_MAX_PER_TRANSFER: Fen = Fen::yuan(2000);
pub const WALLET_TRANSFERS_PER_DAY: u32 = 3;
pub const WALLET_QUIET_FROM_HOUR: u32 = 22;
pub const WALLET_QUIET_TO_HOUR: u32 = 6;

// Province groups -------------------------------------------------------------------------------

/// The 25 provinces S14 lists as province-wide on 2024-08-28 (兵团 has no GB/T 2260 province code).
pub static S14_PROVINCES: &[u32] = &[
    110000, 120000, 130000, 140000, 150000, 220000, 230000, 310000, 320000, 340000, 350000, 360000,
    370000, 430000, 450000, 460000, 500000, 510000, 520000, 530000, 540000, 620000, 630000, 640000,
    650000,
];
/// S14's list without the provinces whose launch is dated by their own, earlier evidence.
/// Shanghai and Jiangsu are in it from 2024-08-28: their own earlier launch rows cite pages now
/// graded V-WEAK (S26, S31) and end the day before.
static S14_LAUNCH: &[u32] = &[
    120000, 130000, 140000, 150000, 220000, 230000, 310000, 320000, 340000, 350000, 360000, 370000,
    450000, 460000, 500000, 510000, 520000, 530000, 540000, 620000, 630000, 640000, 650000,
];
static NAT: &[u32] = &[NATIONAL];
static BEIJING: &[u32] = &[110000];
static SHANGHAI: &[u32] = &[310000];
static JIANGSU: &[u32] = &[320000];
static ZHEJIANG: &[u32] = &[330000];
static WENZHOU: &[u32] = &[330300];
static SUZHOU: &[u32] = &[320500];
static HEFEI: &[u32] = &[340100];
static FUJIAN: &[u32] = &[350000];
static PUTIAN: &[u32] = &[350300];
static HUNAN: &[u32] = &[430000];
static HEBEI: &[u32] = &[130000];
static GUANGDONG: &[u32] = &[440000];
static HEILONGJIANG: &[u32] = &[230000];
static SICHUAN: &[u32] = &[510000];
static MUDANJIANG: &[u32] = &[231000];
static HARBIN: &[u32] = &[230100];
static NEAR_BY_0815: &[u32] = &[130000, 430000, 540000];
static NEAR_BY_1030: &[u32] = &[320000, 420000, 450000];

// Value types -----------------------------------------------------------------------------------

/// Where an authoriser's account may be shared (§ 3.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Geo {
    /// Both in the same pooling region (统筹区).
    SameArea,
    /// Medical costs within one 统筹区; premiums anywhere in the province (Hunan 2023, S20).
    SameAreaMedicalProvincePremiums,
    /// Anywhere in the province.
    Province,
    /// Anywhere in the province except these cities (Jiangsu without Nanjing, S31).
    ProvinceExcept(&'static [u32]),
    /// Anywhere in the country (2026 notice, S6).
    Nationwide,
}

/// Which relatives may benefit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kin {
    /// 配偶、父母、子女 (国办发〔2021〕14号).
    CoreThree,
    /// All 近亲属 of 民法典 art. 1045: 配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女.
    NearRelatives,
}

/// Which part of the balance may be shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Balance {
    Whole,
    /// 历年账户 only: money carried over from earlier years.
    PriorYearsOnly,
}

/// Limits on how many relatives one authoriser may bind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelCap {
    pub at_once: usize,
    pub lifetime: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelKind {
    Gongji,
    FamilyAccount,
    Wallet,
}

/// An official channel: `key` names `channel.<key>.app` and `channel.<key>.path` in the catalogs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Channel {
    pub key: &'static str,
    pub kind: ChannelKind,
    /// `channel.<key>.app`: the app's name (or the counter's).
    pub app: Key,
    /// `channel.<key>.path`: the menu path in it.
    pub path: Key,
}

impl Channel {
    /// The channel whose app is `app` (a `channel.<key>.app` key; any other does not compile).
    pub const fn new(app: Key, kind: ChannelKind) -> Channel {
        let (key, path) = app.channel();
        Channel { key, kind, app, path }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Gongji,
    FamilyAccount,
    Money,
}

/// A claim seen only on unofficial pages, or a rule the annual model cannot represent: shown as a
/// warning, never applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caution {
    /// The warning's text: its `caution.*` key.
    pub key: Key,
    pub topic: Topic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemeKey {
    Employee,
    Resident,
}

/// Outpatient pooling (门诊统筹) parameters for the personal-share estimate (§ 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outpatient {
    pub scheme: SchemeKey,
    /// `Some(true)` retirees only, `Some(false)` in-service only, `None` both.
    pub retired: Option<bool>,
    /// Annual deductible (起付线).
    pub deductible: Fen,
    /// Percent paid by the pool for tiers 0 (un-graded), 1, 2, 3; `None` = not stated.
    pub ratio: [Option<u32>; 4],
    /// Annual cap on the pooled payment (年度最高支付限额).
    pub cap: Fen,
    /// A labelled example preset rather than any region's parameters.
    pub example: bool,
}

// Tables ----------------------------------------------------------------------------------------

/// Whether 共济 has been launched in the region at all.
pub static LAUNCH: &[Seg<bool>] = &[
    Seg { id: "launch.cn.assumed", regions: NAT, from: D_14, to: Some(d(2024, 12, 8)), value: true, source: "S1", grade: Assumed, note: Some(Key::NoteLaunchCnAssumed) },
    Seg { id: "launch.cn.all", regions: NAT, from: D_ALL_NEAR, to: None, value: true, source: "S8", grade: VMedia, note: None },
    Seg { id: "launch.s14", regions: S14_LAUNCH, from: D_S14, to: None, value: true, source: "S14", grade: VMedia, note: None },
    Seg { id: "launch.11.before", regions: BEIJING, from: D_14, to: Some(d(2022, 11, 30)), value: false, source: "S21", grade: VMedia, note: Some(Key::NoteLaunch11) },
    Seg { id: "launch.11", regions: BEIJING, from: d(2022, 12, 1), to: None, value: true, source: "S21", grade: VMedia, note: Some(Key::NoteLaunch11) },
    Seg { id: "launch.31.before", regions: SHANGHAI, from: D_14, to: Some(d(2022, 7, 31)), value: false, source: "S26", grade: VWeak, note: Some(Key::NoteLaunch31) },
    Seg { id: "launch.31", regions: SHANGHAI, from: d(2022, 8, 1), to: Some(d(2024, 8, 27)), value: true, source: "S26", grade: VWeak, note: Some(Key::NoteLaunch31) },
    Seg { id: "launch.32", regions: JIANGSU, from: d(2023, 11, 1), to: Some(d(2024, 8, 27)), value: true, source: "S31", grade: VWeak, note: None },
    Seg { id: "launch.33", regions: ZHEJIANG, from: d(2017, 1, 10), to: None, value: true, source: "S22", grade: VMedia, note: Some(Key::NoteLaunch33) },
    Seg { id: "launch.43", regions: HUNAN, from: d(2023, 11, 21), to: None, value: true, source: "S20", grade: VOff, note: None },
    Seg { id: "launch.44", regions: GUANGDONG, from: d(2023, 2, 15), to: None, value: true, source: "S27", grade: VMedia, note: Some(Key::NoteLaunch44) },
    Seg { id: "launch.3503", regions: PUTIAN, from: d(2024, 3, 6), to: Some(d(2024, 8, 27)), value: true, source: "S24", grade: VWeak, note: None },
];

/// Geography of sharing (§ 2.3, § 3.7).
pub static GEO: &[Seg<Geo>] = &[
    Seg { id: "geo.cn.same_area", regions: NAT, from: D_14, to: Some(d(2024, 12, 25)), value: Geo::SameArea, source: "S13", grade: Assumed, note: Some(Key::NoteGeoCnSameArea) },
    Seg { id: "geo.cn.province", regions: NAT, from: D_PROVINCE_ALL, to: Some(d(2026, 1, 8)), value: Geo::Province, source: "S39", grade: VMedia, note: Some(Key::NoteGeoCnProvince) },
    // Nationwide from the notice's publication; across provinces the mechanism is the book's
    // `QUOTA` (the 医保钱包 until the quota goes live, the quota after).
    Seg { id: "geo.cn.nationwide", regions: NAT, from: D_NATIONWIDE, to: None, value: Geo::Nationwide, source: "S6", grade: VMedia, note: Some(Key::NoteGeoCnNationwide) },
    Seg { id: "geo.s14.province", regions: S14_PROVINCES, from: D_S14, to: Some(d(2024, 12, 25)), value: Geo::Province, source: "S14", grade: VMedia, note: Some(Key::NoteGeoS14) },
    Seg { id: "geo.32.except_nanjing", regions: JIANGSU, from: d(2023, 11, 1), to: Some(d(2024, 8, 27)), value: Geo::ProvinceExcept(&[320100]), source: "S31", grade: VWeak, note: Some(Key::NoteGeo32ExceptNanjing) },
    Seg { id: "geo.43.premiums_only", regions: HUNAN, from: d(2023, 11, 21), to: Some(d(2024, 8, 27)), value: Geo::SameAreaMedicalProvincePremiums, source: "S20", grade: VOff, note: Some(Key::NoteGeo43PremiumsOnly) },
];

/// Whether cross-province sharing by quota (共济额度) is live, once sharing is nationwide (digest
/// § 11.2). Until it is, a cross-province pair uses the 医保钱包 where both provinces have it (S40).
/// The go-live date is reported only on unofficial pages (S41): a pair it decides is flagged.
pub static QUOTA: &[Seg<bool>] = &[
    Seg { id: "quota.cn.before", regions: NAT, from: D_14, to: Some(d(2026, 6, 4)), value: false, source: "S40", grade: VMedia, note: Some(Key::NoteQuotaBefore) },
    Seg { id: "quota.cn", regions: NAT, from: D_QUOTA, to: None, value: true, source: "S41", grade: VWeak, note: Some(Key::NoteQuotaCn) },
];

/// Which relatives (§ 3.2 R-B1).
pub static KIN: &[Seg<Kin>] = &[
    Seg { id: "kin.cn.core_three", regions: NAT, from: D_14, to: Some(d(2024, 8, 2)), value: Kin::CoreThree, source: "S1", grade: VMedia, note: None },
    Seg { id: "kin.cn.switching", regions: NAT, from: D_38, to: Some(d(2024, 12, 8)), value: Kin::CoreThree, source: "S5", grade: Assumed, note: Some(Key::NoteKinCnSwitching) },
    Seg { id: "kin.cn.near", regions: NAT, from: D_ALL_NEAR, to: None, value: Kin::NearRelatives, source: "S8", grade: VMedia, note: None },
    Seg { id: "kin.by_0815.near", regions: NEAR_BY_0815, from: d(2024, 8, 15), to: None, value: Kin::NearRelatives, source: "S14", grade: VMedia, note: Some(Key::NoteKinConfirmedBy) },
    Seg { id: "kin.by_1030.near", regions: NEAR_BY_1030, from: d(2024, 10, 30), to: None, value: Kin::NearRelatives, source: "S10", grade: VMedia, note: Some(Key::NoteKinConfirmedBy) },
];

/// Whether shared money may pay a relative's 居民医保 premium.
pub static PREMIUM_RESIDENT: &[Seg<bool>] = &[
    Seg { id: "premium.resident.cn.explore", regions: NAT, from: D_14, to: Some(d(2024, 8, 2)), value: false, source: "S1", grade: Assumed, note: Some(Key::NotePremiumResidentExplore) },
    Seg { id: "premium.resident.cn", regions: NAT, from: D_38, to: None, value: true, source: "S4", grade: VMedia, note: None },
    Seg { id: "premium.resident.11", regions: BEIJING, from: d(2022, 12, 1), to: None, value: true, source: "S21", grade: VMedia, note: None },
    Seg { id: "premium.resident.31", regions: SHANGHAI, from: d(2022, 12, 31), to: Some(d(2024, 8, 2)), value: true, source: "S26", grade: VWeak, note: Some(Key::NotePremiumResident31) },
    Seg { id: "premium.resident.43", regions: HUNAN, from: d(2023, 11, 21), to: None, value: true, source: "S20", grade: VOff, note: None },
];

/// Whether shared money may pay a relative's 长期护理保险 premium.
pub static PREMIUM_LTC: &[Seg<bool>] = &[
    Seg { id: "premium.ltc.cn.before", regions: NAT, from: D_14, to: Some(d(2026, 1, 8)), value: false, source: "S6", grade: Assumed, note: Some(Key::NotePremiumLtcBefore) },
    Seg { id: "premium.ltc.cn", regions: NAT, from: D_NATIONWIDE, to: None, value: true, source: "S6", grade: VMedia, note: None },
    Seg { id: "premium.ltc.11", regions: BEIJING, from: d(2022, 12, 1), to: None, value: true, source: "S21", grade: VMedia, note: None },
    Seg { id: "premium.ltc.32", regions: JIANGSU, from: d(2025, 6, 30), to: None, value: true, source: "S32", grade: Assumed, note: Some(Key::NotePremiumLtc32) },
];

/// Whether personal-account money (own or shared) may pay commercial health insurance.
pub static PREMIUM_COMMERCIAL: &[Seg<bool>] = &[
    Seg { id: "premium.commercial.cn", regions: NAT, from: D_14, to: None, value: false, source: "S1", grade: Assumed, note: Some(Key::NotePremiumCommercialCn) },
    Seg { id: "premium.commercial.11", regions: BEIJING, from: d(2022, 12, 1), to: None, value: true, source: "S21", grade: VMedia, note: Some(Key::NotePremiumCommercial11) },
    Seg { id: "premium.commercial.33", regions: ZHEJIANG, from: d(2017, 1, 10), to: None, value: true, source: "S22", grade: VMedia, note: None },
    Seg { id: "premium.commercial.3401", regions: HEFEI, from: D_14, to: None, value: true, source: "S23", grade: VMedia, note: Some(Key::NoteUndated) },
    Seg { id: "premium.commercial.3205", regions: SUZHOU, from: d(2025, 3, 7), to: None, value: true, source: "S15", grade: VOff, note: Some(Key::NotePremiumCommercial3205) },
];

/// Minimum balance for buying commercial insurance from the account.
pub static MIN_BALANCE_COMMERCIAL: &[Seg<Fen>] = &[
    Seg { id: "min_commercial.cn", regions: NAT, from: D_14, to: None, value: Fen::ZERO, source: "S1", grade: Assumed, note: Some(Key::NoteMinCommercialCn) },
    Seg { id: "min_commercial.3401", regions: HEFEI, from: D_14, to: None, value: Fen::yuan(3000), source: "S23", grade: VMedia, note: Some(Key::NoteUndated) },
];

/// Which part of the balance may be shared (§ 3.5, digest Q18).
pub static BALANCE: &[Seg<Balance>] = &[
    Seg { id: "balance.cn.whole", regions: NAT, from: D_14, to: None, value: Balance::Whole, source: "S1", grade: Assumed, note: Some(Key::NoteBalanceCnWhole) },
    Seg { id: "balance.31.prior", regions: SHANGHAI, from: d(2022, 8, 1), to: None, value: Balance::PriorYearsOnly, source: "S26", grade: VWeak, note: Some(Key::NoteBalance31) },
    Seg { id: "balance.33.prior", regions: ZHEJIANG, from: d(2017, 1, 10), to: None, value: Balance::PriorYearsOnly, source: "S22", grade: VMedia, note: None },
    Seg { id: "balance.3303.prior", regions: WENZHOU, from: D_14, to: None, value: Balance::PriorYearsOnly, source: "S28", grade: VWeak, note: Some(Key::NoteBalance3303) },
    Seg { id: "balance.3401.prior", regions: HEFEI, from: D_14, to: None, value: Balance::PriorYearsOnly, source: "S23", grade: VMedia, note: Some(Key::NoteUndated) },
];

/// Minimum balance an authoriser must *exceed* to create a sharing relation (§ 3.1 R-A2, R-A4).
/// The national rule is "more than zero".
pub static MIN_BALANCE: &[Seg<Fen>] = &[
    Seg { id: "min_balance.cn", regions: NAT, from: D_14, to: None, value: Fen::ZERO, source: "S19", grade: VOff, note: None },
    Seg { id: "min_balance.35", regions: FUJIAN, from: d(2024, 3, 6), to: None, value: Fen::yuan(2000), source: "S24", grade: Assumed, note: Some(Key::NoteMinBalance35) },
    Seg { id: "min_balance.3503", regions: PUTIAN, from: d(2024, 3, 6), to: None, value: Fen::yuan(2000), source: "S24", grade: VWeak, note: Some(Key::NoteMinBalance3503) },
    // Zhejiang's 2017 threshold predates 国办发〔2021〕14号 and is not applied after it (digest
    // § 11.5): from 2021-04-22 Zhejiang resolves to the national rule.
    Seg { id: "min_balance.33", regions: ZHEJIANG, from: d(2017, 1, 10), to: Some(d(2021, 4, 21)), value: Fen::yuan(4000), source: "S22", grade: VMedia, note: Some(Key::NoteMinBalance33) },
];

/// How many relatives one authoriser may bind (§ 3.5). `None` = no cap.
pub static RELATIVE_CAP: &[Seg<Option<RelCap>>] = &[
    Seg { id: "cap.cn.none", regions: NAT, from: D_14, to: None, value: None, source: "S6", grade: VMedia, note: None },
    Seg { id: "cap.43", regions: HUNAN, from: D_14, to: None, value: Some(RelCap { at_once: 10, lifetime: 20 }), source: "S29", grade: VWeak, note: Some(Key::NoteCap43) },
];

/// Whether a person may be in only one sharing relation as a beneficiary (§ 3.5).
pub static ONE_RELATION: &[Seg<bool>] = &[
    Seg { id: "one_relation.cn.no", regions: NAT, from: D_14, to: None, value: false, source: "S6", grade: VMedia, note: None },
    Seg { id: "one_relation.35", regions: FUJIAN, from: d(2024, 3, 6), to: None, value: true, source: "S24", grade: Assumed, note: Some(Key::NoteOneRelation35) },
    Seg { id: "one_relation.3503", regions: PUTIAN, from: d(2024, 3, 6), to: None, value: true, source: "S24", grade: VWeak, note: Some(Key::NoteOneRelation3503) },
];

/// Whether 医保钱包 transfers are live in the province (§ 3.6).
pub static WALLET: &[Seg<bool>] = &[
    Seg { id: "wallet.cn.before", regions: NAT, from: D_14, to: Some(d(2025, 9, 21)), value: false, source: "S16", grade: Assumed, note: Some(Key::NoteWalletBefore) },
    Seg { id: "wallet.cn", regions: NAT, from: D_WALLET, to: None, value: true, source: "S11", grade: VMedia, note: None },
    Seg { id: "wallet.44.none", regions: GUANGDONG, from: D_WALLET, to: Some(d(2026, 1, 8)), value: false, source: "S11", grade: VMedia, note: Some(Key::NoteWallet44) },
    // The 2025-09 snapshot is the latest word on Guangdong: kept until the quota goes live (digest
    // § 11.2), as an assumption. So a cross-province pair with a Guangdong end is OUTSIDE_AREA,
    // flagged unverified and not certain, from 2026-01-09 to 2026-06-04; quota after.
    Seg { id: "wallet.44.unknown", regions: GUANGDONG, from: D_NATIONWIDE, to: Some(d(2026, 6, 4)), value: false, source: "S11", grade: Assumed, note: Some(Key::NoteWallet44Unknown) },
    Seg { id: "wallet.11.testing", regions: BEIJING, from: D_WALLET, to: Some(d(2026, 6, 4)), value: false, source: "S11", grade: Assumed, note: Some(Key::NoteWallet11) },
];

/// Official channels. Additive: national and regional rows all apply.
pub static CHANNELS: &[Seg<Channel>] = &[
    // 亲情账户 channels and menu paths as seed 001 (S15, 2025-03-07) gives them; before it, the
    // reprints that first named them.
    Seg { id: "channel.cn.fa.app.s35", regions: NAT, from: D_14, to: Some(d(2025, 3, 6)), value: Channel::new(Key::ChannelNhsaAppFaApp, ChannelKind::FamilyAccount), source: "S35", grade: VMedia, note: None },
    Seg { id: "channel.cn.fa.app", regions: NAT, from: d(2025, 3, 7), to: None, value: Channel::new(Key::ChannelNhsaAppFaApp, ChannelKind::FamilyAccount), source: "S15", grade: VOff, note: None },
    Seg { id: "channel.cn.fa.alipay.s36", regions: NAT, from: d(2024, 8, 16), to: Some(d(2025, 3, 6)), value: Channel::new(Key::ChannelAlipayFaApp, ChannelKind::FamilyAccount), source: "S36", grade: VMedia, note: None },
    Seg { id: "channel.cn.fa.alipay", regions: NAT, from: d(2025, 3, 7), to: None, value: Channel::new(Key::ChannelAlipayFaApp, ChannelKind::FamilyAccount), source: "S15", grade: VOff, note: None },
    Seg { id: "channel.cn.fa.wechat", regions: NAT, from: d(2025, 3, 7), to: None, value: Channel::new(Key::ChannelWechatFaApp, ChannelKind::FamilyAccount), source: "S15", grade: VOff, note: None },
    Seg { id: "channel.32.fa", regions: JIANGSU, from: d(2025, 3, 7), to: None, value: Channel::new(Key::ChannelJsCloudFaApp, ChannelKind::FamilyAccount), source: "S15", grade: VOff, note: None },
    Seg { id: "channel.3205.fa", regions: SUZHOU, from: d(2025, 3, 7), to: None, value: Channel::new(Key::ChannelSzWxFaApp, ChannelKind::FamilyAccount), source: "S15", grade: VOff, note: None },
    // The menu path "地方专区 → 职工医保个人账户家庭共济" cannot be traced to S9 (digest § 11.6).
    Seg { id: "channel.cn.gongji.app", regions: NAT, from: D_14, to: None, value: Channel::new(Key::ChannelNhsaAppGongjiApp, ChannelKind::Gongji), source: "S9", grade: Assumed, note: Some(Key::NoteChannelUntraced) },
    Seg { id: "channel.cn.gongji.counter", regions: NAT, from: D_14, to: None, value: Channel::new(Key::ChannelCounterApp, ChannelKind::Gongji), source: "S15", grade: VOff, note: None },
    Seg { id: "channel.cn.wallet", regions: NAT, from: D_WALLET, to: None, value: Channel::new(Key::ChannelNhsaWalletApp, ChannelKind::Wallet), source: "S11", grade: VMedia, note: None },
    // Its last label "账户绑定" is unsure (digest § 11.6), and S30 is a content-farm reprint.
    Seg { id: "channel.32.gongji", regions: JIANGSU, from: d(2023, 11, 1), to: None, value: Channel::new(Key::ChannelJsCloudGongjiApp, ChannelKind::Gongji), source: "S30", grade: VWeak, note: None },
    Seg { id: "channel.44.gongji", regions: GUANGDONG, from: d(2023, 2, 15), to: None, value: Channel::new(Key::ChannelGdYueyibaoApp, ChannelKind::Gongji), source: "S27", grade: VMedia, note: None },
    Seg { id: "channel.31.gongji", regions: SHANGHAI, from: d(2022, 8, 1), to: None, value: Channel::new(Key::ChannelShSuishenbanApp, ChannelKind::Gongji), source: "S26", grade: VWeak, note: None },
    Seg { id: "channel.11.gongji", regions: BEIJING, from: d(2022, 12, 1), to: None, value: Channel::new(Key::ChannelBjPlatformApp, ChannelKind::Gongji), source: "S21", grade: VMedia, note: None },
    Seg { id: "channel.43.gongji", regions: HUNAN, from: d(2023, 11, 21), to: None, value: Channel::new(Key::ChannelHnXiangyibaoApp, ChannelKind::Gongji), source: "S20", grade: VOff, note: None },
    Seg { id: "channel.13.gongji", regions: HEBEI, from: D_14, to: None, value: Channel::new(Key::ChannelHeSmartApp, ChannelKind::Gongji), source: "S19", grade: VOff, note: None },
    Seg { id: "channel.23.gongji", regions: HEILONGJIANG, from: D_14, to: None, value: Channel::new(Key::ChannelHlLongjiangApp, ChannelKind::Gongji), source: "S38", grade: VWeak, note: None },
    Seg { id: "channel.33.gongji", regions: ZHEJIANG, from: D_14, to: None, value: Channel::new(Key::ChannelZjZhelibanApp, ChannelKind::Gongji), source: "S22", grade: VWeak, note: None },
    Seg { id: "channel.3303.gongji", regions: WENZHOU, from: D_14, to: None, value: Channel::new(Key::ChannelWzNetworkApp, ChannelKind::Gongji), source: "S28", grade: VWeak, note: None },
];

/// The kind of the channel `key` names in `CHANNELS` (so the rules name no channel key).
pub fn channel_kind(key: &str) -> Option<ChannelKind> {
    for s in CHANNELS {
        if s.value.key == key {
            return Some(s.value.kind);
        }
    }
    None
}

/// Warnings outside the annual model, each backed by a verified source (or, graded ASSUMED, by
/// our reading of one). Additive. No rumour is a caution (issue 10): a claim seen only on
/// unofficial pages (V-WEAK) is either a rule, applied and flagged unverified, or not shown.
pub static CAUTIONS: &[Seg<Caution>] = &[
    Seg { id: "caution.cn.fa_two_binders", regions: NAT, from: D_14, to: None, value: Caution { key: Key::CautionFaTwoBinders, topic: Topic::FamilyAccount }, source: "S42", grade: VMedia, note: None },
    Seg { id: "caution.44.code_convention", regions: GUANGDONG, from: d(2023, 2, 15), to: None, value: Caution { key: Key::CautionGdCodeConvention, topic: Topic::Gongji }, source: "S27", grade: Assumed, note: None },
    Seg { id: "caution.44.name", regions: GUANGDONG, from: d(2023, 2, 15), to: None, value: Caution { key: Key::CautionGdName, topic: Topic::FamilyAccount }, source: "S27", grade: VMedia, note: None },
    Seg { id: "caution.11.filing", regions: BEIJING, from: d(2022, 12, 1), to: Some(d(2026, 1, 8)), value: Caution { key: Key::CautionBjFiling, topic: Topic::Gongji }, source: "S21", grade: VMedia, note: None },
    // "Beijing-insured relatives only" (2022) no longer holds once sharing is nationwide (S6).
    Seg { id: "caution.11.filing.2026", regions: BEIJING, from: D_NATIONWIDE, to: None, value: Caution { key: Key::CautionBjFilingOrder, topic: Topic::Gongji }, source: "S21", grade: VMedia, note: None },
    Seg { id: "caution.51.partial_near", regions: SICHUAN, from: d(2024, 10, 30), to: Some(d(2024, 12, 8)), value: Caution { key: Key::CautionScPartialNear, topic: Topic::Gongji }, source: "S10", grade: VMedia, note: None },
    Seg { id: "caution.33.writeoff", regions: ZHEJIANG, from: d(2017, 1, 10), to: Some(d(2026, 1, 8)), value: Caution { key: Key::CautionZjWriteoff, topic: Topic::Gongji }, source: "S22", grade: VMedia, note: None },
    Seg { id: "caution.cn.nationwide_rollout", regions: NAT, from: D_NATIONWIDE, to: None, value: Caution { key: Key::CautionNationwideRollout, topic: Topic::Gongji }, source: "S6", grade: Assumed, note: None },
];

/// 亲情账户: members one binder may add (§ 4).
pub static FA_CAP: &[Seg<usize>] = &[
    Seg { id: "fa.cap.cn.before", regions: NAT, from: D_14, to: Some(d(2023, 10, 16)), value: 5, source: "S37", grade: Assumed, note: Some(Key::NoteFaCapBefore) },
    Seg { id: "fa.cap.cn", regions: NAT, from: d(2023, 10, 17), to: None, value: 5, source: "S37", grade: VOff, note: None },
];

/// 亲情账户: the oldest age at which a member is added with documents alone, no face scan:
/// "16周岁及以下" (16 included, 民法典 art. 1259 reads 以下), any one of 出生证明 / 双方户口页 /
/// 双方关系公证书; "16周岁以上", the member's 户口页 or face scan (digest § 11.4). The rules also
/// take a member up to this age for a child (usually no phone of their own).
pub static FA_DOC_AGE: &[Seg<u32>] = &[
    Seg { id: "fa.docs.cn.before", regions: NAT, from: D_14, to: Some(d(2023, 9, 30)), value: 16, source: "S17", grade: Assumed, note: Some(Key::NoteFaDocsBefore) },
    Seg { id: "fa.docs.cn.s17", regions: NAT, from: d(2023, 10, 1), to: Some(d(2025, 3, 6)), value: 16, source: "S17", grade: VMedia, note: None },
    Seg { id: "fa.docs.cn", regions: NAT, from: d(2025, 3, 7), to: None, value: 16, source: "S15", grade: VOff, note: None },
];

/// 亲情账户: the youngest age of a family member who may bind others when the user's places are
/// taken. A product assumption (an adult with a phone), not policy.
pub static FA_BINDER_AGE: &[Seg<u32>] = &[
    Seg { id: "fa.binder_age", regions: NAT, from: D_14, to: None, value: 18, source: "PRODUCT", grade: Assumed, note: Some(Key::NoteFaBinderAge) },
];

/// 亲情账户: from this age, a member of whom we do not know whether they use a phone is taken to
/// likely need help showing their code (the answer is then conditional). A product assumption.
pub static FA_HELP_AGE: &[Seg<u32>] = &[
    Seg { id: "fa.help_age", regions: NAT, from: D_14, to: None, value: 60, source: "PRODUCT", grade: Assumed, note: Some(Key::NoteFaHelpAge) },
];

/// 共济: whether an authoriser whose insurance is suspended (暂停 / 中断缴费, not terminated) may
/// share. Terminated never may (S7); suspended is stated only for Jiangsu (seed 001).
pub static SUSPENDED_MAY_SHARE: &[Seg<bool>] = &[
    Seg { id: "suspended.cn", regions: NAT, from: D_14, to: None, value: false, source: "S7", grade: Assumed, note: Some(Key::NoteSuspendedCn) },
    Seg { id: "suspended.32", regions: JIANGSU, from: d(2025, 3, 7), to: None, value: true, source: "S15", grade: VOff, note: Some(Key::NoteSuspended32) },
];

/// Outpatient pooling parameters (§ 6). Every row is unverified (§ 6.2).
pub static OUTPATIENT: &[Seg<Outpatient>] = &[
    Seg { id: "outpatient.2310.employee.2025", regions: MUDANJIANG, from: d(2025, 1, 1), to: Some(d(2025, 12, 31)), value: Outpatient { scheme: SchemeKey::Employee, retired: Some(false), deductible: Fen::yuan(1800), ratio: [None, Some(70), Some(60), Some(50)], cap: Fen::yuan(20000), example: false }, source: "SEED0", grade: VWeak, note: Some(Key::NoteOutpatient2310) },
    Seg { id: "outpatient.2310.retired.2025", regions: MUDANJIANG, from: d(2025, 1, 1), to: Some(d(2025, 12, 31)), value: Outpatient { scheme: SchemeKey::Employee, retired: Some(true), deductible: Fen::yuan(1300), ratio: [None, Some(75), Some(65), Some(55)], cap: Fen::yuan(20000), example: false }, source: "SEED0", grade: VWeak, note: Some(Key::NoteOutpatient2310) },
    Seg { id: "outpatient.2301.resident.2025", regions: HARBIN, from: d(2025, 1, 1), to: Some(d(2025, 12, 31)), value: Outpatient { scheme: SchemeKey::Resident, retired: None, deductible: Fen::ZERO, ratio: [Some(90), Some(70), Some(60), Some(50)], cap: Fen::yuan(500), example: false }, source: "SEED0", grade: VWeak, note: Some(Key::NoteOutpatient2301) },
    Seg { id: "outpatient.cn.resident.example", regions: NAT, from: D_14, to: None, value: Outpatient { scheme: SchemeKey::Resident, retired: None, deductible: Fen::yuan(50), ratio: [Some(60), Some(60), Some(60), Some(60)], cap: Fen::yuan(400), example: true }, source: "SEED0", grade: Assumed, note: Some(Key::NoteOutpatientExample) },
];

