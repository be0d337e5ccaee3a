//! The codes the rules emit: why (reasons), report-level notices, and next steps. The report
//! writes each as its stable upper-snake name (`as_str`); the rules match on the enums.

/// An enum of codes with its names: `as_str` gives the name the report writes, `parse` reads it
/// back, `ALL` lists the codes in declaration order.
macro_rules! codes {
    ($(#[$doc:meta])* $t:ident { $($(#[$vdoc:meta])* $v:ident = $s:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $t {
            $($(#[$vdoc])* $v,)*
        }

        impl $t {
            pub const ALL: &'static [$t] = &[$($t::$v),*];

            /// The code as the report writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($t::$v => $s,)*
                }
            }

            /// The code written as `s`, if it is one.
            pub fn parse(s: &str) -> Option<$t> {
                Self::ALL.iter().copied().find(|c| c.as_str() == s)
            }
        }
    };
}

codes!(
    /// Why a pair, a family account or a recommendation is as it is (`reasons[].code`,
    /// `why[].code`).
    ReasonCode {
        // 共济 pairs
        DateNotCovered = "DATE_NOT_COVERED",
        RegionNotCovered = "REGION_NOT_COVERED",
        SchemeUnknown = "SCHEME_UNKNOWN",
        AuthoriserNotEmployee = "AUTHORISER_NOT_EMPLOYEE",
        AuthoriserSuspendedOk = "AUTHORISER_SUSPENDED_OK",
        AuthoriserNotActive = "AUTHORISER_NOT_ACTIVE",
        NotYetAvailable = "NOT_YET_AVAILABLE",
        NotNearRelative = "NOT_NEAR_RELATIVE",
        RelationUnknown = "RELATION_UNKNOWN",
        BalanceUnknown = "BALANCE_UNKNOWN",
        ZeroBalance = "ZERO_BALANCE",
        BelowMinBalance = "BELOW_MIN_BALANCE",
        BeneficiaryNotInsured = "BENEFICIARY_NOT_INSURED",
        InsuredUnknown = "INSURED_UNKNOWN",
        RolloutUncertain = "ROLLOUT_UNCERTAIN",
        AreaUnknown = "AREA_UNKNOWN",
        OutsideArea = "OUTSIDE_AREA",
        PremiumsOnly = "PREMIUMS_ONLY",
        PremiumNotCovered = "PREMIUM_NOT_COVERED",
        UnverifiedParameter = "UNVERIFIED_PARAMETER",
        BeneficiaryCapReached = "BENEFICIARY_CAP_REACHED",
        RelativeCapReached = "RELATIVE_CAP_REACHED",
        NoAuthoriser = "NO_AUTHORISER",
        // 亲情账户
        IsSelf = "IS_SELF",
        MemberNotInsured = "MEMBER_NOT_INSURED",
        NoBinder = "NO_BINDER",
        FamilyAccountCapReached = "FAMILY_ACCOUNT_CAP_REACHED",
        DocumentsUnder16 = "DOCUMENTS_UNDER_16",
        FaceScan = "FACE_SCAN",
        AgeUnknown = "AGE_UNKNOWN",
        // the recommendation (`why`)
        Undecided = "UNDECIDED",
        GongjiPays = "GONGJI_PAYS",
        MoneyConditional = "MONEY_CONDITIONAL",
        GongjiNotNeeded = "GONGJI_NOT_NEEDED",
        GongjiNotEligible = "GONGJI_NOT_ELIGIBLE",
        GongjiBalanceUnknown = "GONGJI_BALANCE_UNKNOWN",
        CostsUnknown = "COSTS_UNKNOWN",
        FamilyAccountUseful = "FAMILY_ACCOUNT_USEFUL",
        FamilyAccountNotNeeded = "FAMILY_ACCOUNT_NOT_NEEDED",
        BothWorkTogether = "BOTH_WORK_TOGETHER",
    }
);

codes!(
    /// Report-level notices (`warnings[].code`, `not_covered[].code`).
    NoticeCode {
        DateNotCovered = "DATE_NOT_COVERED",
        OutpatientParamsMissing = "OUTPATIENT_PARAMS_MISSING",
        InpatientNotEstimated = "INPATIENT_NOT_ESTIMATED",
        TierNotEstimated = "TIER_NOT_ESTIMATED",
        NotQualifyingSpending = "NOT_QUALIFYING_SPENDING",
        UnverifiedParameter = "UNVERIFIED_PARAMETER",
        Caution = "CAUTION",
        BindingNotEligible = "BINDING_NOT_ELIGIBLE",
        PlanBetter = "PLAN_BETTER",
        WalletLimits = "WALLET_LIMITS",
    }
);

codes!(
    /// What a member's next step is (`next_steps[].code`).
    NextCode {
        RegisterGongji = "REGISTER_GONGJI",
        AddFamilyAccount = "ADD_FAMILY_ACCOUNT",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    fn check<T: Copy + PartialEq + std::fmt::Debug>(all: &[T], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>) {
        for (i, &c) in all.iter().enumerate() {
            let s = as_str(c);
            assert!(!s.is_empty() && s.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_'), "{s}");
            assert_eq!(parse(s), Some(c));
            assert!(all[..i].iter().all(|&d| as_str(d) != s), "{s} twice");
        }
        assert_eq!(parse("NOPE"), None);
    }

    #[test]
    fn names_are_unique_and_round_trip() {
        check(ReasonCode::ALL, ReasonCode::as_str, ReasonCode::parse);
        check(NoticeCode::ALL, NoticeCode::as_str, NoticeCode::parse);
        check(NextCode::ALL, NextCode::as_str, NextCode::parse);
    }

    /// The README lists the codes integrators may match on: each is one the rules can emit.
    #[test]
    fn the_readme_names_only_codes_that_exist() {
        let readme = include_str!("../../README.md");
        let start = readme.find("- Reason codes:").expect("README's code list");
        let end = start + readme[start..].find("Codes may be added").expect("end of the code list");
        let upper_snake = |s: &&str| s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        let listed: Vec<&str> = readme[start..end].split('`').skip(1).step_by(2).filter(upper_snake).collect();
        assert!(listed.len() > 40, "{listed:?}");
        for code in listed {
            let known = ReasonCode::parse(code).is_some() || NoticeCode::parse(code).is_some();
            assert!(known, "README lists {code}, which no enum has");
        }
    }
}
