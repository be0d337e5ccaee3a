//! Money as integer 分 (fen). Never a float.
//!
//! Arithmetic is checked, never saturating or wrapping: validated input bounds every amount and
//! every list (`contract::MAX_MONEY`, `MAX_PEOPLE`, `MAX_ITEMS`, `MAX_PREMIUMS`), so the largest sum
//! the rules can form — a whole family's costs and balances, times a percentage — stays about
//! 250 times below `i64::MAX` (`tests::validated_sums_cannot_overflow` works it out). An overflow
//! would mean that bound was broken (a scenario that skipped validation): it panics, naming the
//! invariant, instead of returning a wrong amount.

/// An amount in 分 (1/100 元).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Fen(pub i64);

/// The panic message of an overflow: the invariant it breaks (see the module's documentation).
const BOUNDED: &str = "money::Fen: OVERFLOW_PAST_VALIDATED_BOUNDS";

impl Fen {
    pub const ZERO: Fen = Fen(0);

    /// `yuan` whole 元.
    pub const fn yuan(yuan: i64) -> Fen {
        match yuan.checked_mul(100) {
            Some(fen) => Fen(fen),
            None => panic!("{}", BOUNDED),
        }
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// `self × percent / 100`, rounded down to the 分 (explicit rounding rule: pooled amounts are
    /// never over-estimated; the patient's share absorbs the remainder).
    pub fn percent_floor(self, percent: u32) -> Fen {
        let scaled = self.0.checked_mul(i64::from(percent)).expect(BOUNDED);
        Fen(scaled.div_euclid(100))
    }
}

impl core::ops::Add for Fen {
    type Output = Fen;
    fn add(self, o: Fen) -> Fen {
        Fen(self.0.checked_add(o.0).expect(BOUNDED))
    }
}
impl core::ops::Sub for Fen {
    type Output = Fen;
    fn sub(self, o: Fen) -> Fen {
        Fen(self.0.checked_sub(o.0).expect(BOUNDED))
    }
}
impl core::ops::AddAssign for Fen {
    fn add_assign(&mut self, o: Fen) {
        *self = *self + o;
    }
}
impl core::ops::SubAssign for Fen {
    fn sub_assign(&mut self, o: Fen) {
        *self = *self - o;
    }
}
impl core::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        iter.fold(Fen::ZERO, |a, b| a + b)
    }
}

/// `1234567` 分 as `12,345.67` (thousands separators, always two decimals).
pub fn yuan_string(f: Fen) -> String {
    let sign = if f.0 < 0 { "-" } else { "" };
    let fen = f.0.unsigned_abs();
    let digits = (fen / 100).to_string();
    // Groups of three from the right: the first group takes what is left over.
    let first = match digits.len() % 3 {
        0 => 3,
        n => n,
    };
    let mut yuan = digits[..first].to_string();
    for at in (first..digits.len()).step_by(3) {
        yuan.push(',');
        yuan.push_str(&digits[at..at + 3]);
    }
    format!("{sign}{yuan}.{:02}", fen % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{MAX_ITEMS, MAX_MONEY, MAX_PEOPLE, MAX_PREMIUMS};

    #[test]
    fn formats_yuan() {
        assert_eq!(yuan_string(Fen(0)), "0.00");
        assert_eq!(yuan_string(Fen(5)), "0.05");
        assert_eq!(yuan_string(Fen(12345)), "123.45");
        assert_eq!(yuan_string(Fen(100000)), "1,000.00");
        assert_eq!(yuan_string(Fen(123456789)), "1,234,567.89");
        assert_eq!(yuan_string(Fen(-100000)), "-1,000.00");
        assert_eq!(yuan_string(Fen(i64::MIN)), "-92,233,720,368,547,758.08");
        assert_eq!(yuan_string(Fen(i64::MAX)), "92,233,720,368,547,758.07");
    }

    #[test]
    fn percent_rounds_down() {
        assert_eq!(Fen(999).percent_floor(70), Fen(699));
        assert_eq!(Fen(1).percent_floor(50), Fen(0));
        assert_eq!(Fen(-1).percent_floor(50), Fen(-1));
        assert_eq!(Fen(i64::MAX / 100).percent_floor(100), Fen(i64::MAX / 100));
    }

    /// The bound the checked arithmetic rests on, from the validation limits: every amount a
    /// person brings (a personal share, each cost item, each premium, both account balances) is at
    /// most `MAX_MONEY`, so the rules' largest sum — everything in a family of `MAX_PEOPLE` —
    /// and that sum times the largest percentage (`percent_floor`) stay far below `i64::MAX`.
    /// Every other amount the rules form (pooled, own use, shared, cash, what is left, the
    /// max-flow bound) is a part or a difference of these.
    #[test]
    fn validated_sums_cannot_overflow() {
        let per_person = (1 + MAX_ITEMS + MAX_PREMIUMS + 2) as i128 * MAX_MONEY as i128;
        let family = MAX_PEOPLE as i128 * per_person;
        let largest_percent = crate::policy::OUTPATIENT.iter().flat_map(|s| s.value.ratio).flatten().max().unwrap();
        assert!(largest_percent <= 100, "a pooled share above 100 %: {largest_percent}");
        let largest = family * 100;
        assert!(largest * 200 < i64::MAX as i128, "{largest} is not far below i64::MAX");
        // And the arithmetic on it: the family's whole amount, summed and scaled, does not panic.
        let total: Fen = (0..MAX_PEOPLE * (1 + MAX_ITEMS + MAX_PREMIUMS + 2)).map(|_| Fen(MAX_MONEY)).sum();
        assert_eq!(i128::from(total.0), family);
        assert_eq!(i128::from(total.percent_floor(100).0), family);
        assert_eq!(total - total - total, Fen(-total.0));
    }

    #[test]
    #[should_panic(expected = "OVERFLOW_PAST_VALIDATED_BOUNDS")]
    fn an_unvalidated_overflow_is_loud() {
        let _ = Fen(i64::MAX) + Fen(1);
    }

    #[test]
    #[should_panic(expected = "OVERFLOW_PAST_VALIDATED_BOUNDS")]
    fn an_unvalidated_percentage_overflow_is_loud() {
        let _ = Fen(i64::MAX).percent_floor(100);
    }
}
