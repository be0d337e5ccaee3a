//! Money as integer 分 (fen). Never a float.
//!
//! Validated input bounds every amount (see `contract::MAX_MONEY`), so sums over a family cannot
//! overflow an `i64`; arithmetic is still saturating so that no input can ever panic here.

use crate::text::push_u64;

/// An amount in 分 (1/100 元); written as the integer.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Fen(pub i64);

impl Fen {
    pub const ZERO: Fen = Fen(0);

    /// `yuan` whole 元.
    pub const fn yuan(yuan: i64) -> Fen {
        Fen(yuan * 100)
    }
    pub fn min(self, other: Fen) -> Fen {
        if self.0 <= other.0 { self } else { other }
    }
    pub fn max(self, other: Fen) -> Fen {
        if self.0 >= other.0 { self } else { other }
    }
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }
    /// `self × percent / 100`, rounded down to the 分 (explicit rounding rule: pooled amounts are
    /// never over-estimated; the patient's share absorbs the remainder).
    pub fn percent_floor(self, percent: u32) -> Fen {
        let p = self.0.saturating_mul(percent as i64);
        Fen(p.div_euclid(100))
    }
}

impl core::ops::Add for Fen {
    type Output = Fen;
    fn add(self, o: Fen) -> Fen {
        Fen(self.0.saturating_add(o.0))
    }
}
impl core::ops::Sub for Fen {
    type Output = Fen;
    fn sub(self, o: Fen) -> Fen {
        Fen(self.0.saturating_sub(o.0))
    }
}
impl core::ops::AddAssign for Fen {
    fn add_assign(&mut self, o: Fen) {
        self.0 = self.0.saturating_add(o.0);
    }
}
impl core::ops::SubAssign for Fen {
    fn sub_assign(&mut self, o: Fen) {
        self.0 = self.0.saturating_sub(o.0);
    }
}
impl core::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        iter.fold(Fen::ZERO, |a, b| a + b)
    }
}

/// Writes `1234567` 分 as `12,345.67` (thousands separators, always two decimals).
pub fn push_yuan(out: &mut String, f: Fen) {
    let v = f.0;
    if v < 0 {
        out.push('-');
    }
    let abs = v.unsigned_abs();
    let yuan = abs / 100;
    let fen = abs % 100;
    let mut digits = String::new();
    push_u64(&mut digits, yuan);
    let bytes = digits.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*b as char);
    }
    out.push('.');
    out.push((b'0' + (fen / 10) as u8) as char);
    out.push((b'0' + (fen % 10) as u8) as char);
}

pub fn yuan_string(f: Fen) -> String {
    let mut s = String::new();
    push_yuan(&mut s, f);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn formats_yuan() {
        assert_eq!(yuan_string(Fen(0)), "0.00");
        assert_eq!(yuan_string(Fen(5)), "0.05");
        assert_eq!(yuan_string(Fen(123456789)), "1,234,567.89");
        assert_eq!(yuan_string(Fen(-100000)), "-1,000.00");
        assert_eq!(yuan_string(Fen(i64::MIN)), "-92,233,720,368,547,758.08");
    }
    #[test]
    fn percent_rounds_down() {
        assert_eq!(Fen(999).percent_floor(70), Fen(699));
        assert_eq!(Fen(1).percent_floor(50), Fen(0));
        assert_eq!(Fen(i64::MAX).percent_floor(100), Fen(i64::MAX / 100));
    }
}
