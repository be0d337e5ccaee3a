//! Calendar dates (proleptic Gregorian), `YYYY-MM-DD`, without a date library.

use crate::text::push_u64;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub struct Date {
    pub y: u16,
    pub m: u8,
    pub d: u8,
}

pub const fn d(y: u16, m: u8, d: u8) -> Date {
    Date { y, m, d }
}

const fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub const fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => {
            if is_leap(y as i64) {
                29
            } else {
                28
            }
        }
        _ => 0,
    }
}

impl Date {
    /// The same day `months` later, clamped to the end of a shorter month (2026-01-31 + 1 month
    /// = 2026-02-28).
    pub const fn add_months(self, months: u32) -> Date {
        let total = self.y as u32 * 12 + (self.m as u32 - 1) + months;
        let (y, m) = ((total / 12) as u16, (total % 12 + 1) as u8);
        let last = days_in_month(y, m);
        Date { y, m, d: if self.d > last { last } else { self.d } }
    }

    /// Strict `YYYY-MM-DD`, years 1900–2199.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: core::ops::Range<usize>| -> Option<u32> {
            let mut v = 0u32;
            for &c in b.get(r)? {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + (c - b'0') as u32;
            }
            Some(v)
        };
        let y = num(0..4)?;
        let m = num(5..7)?;
        let dd = num(8..10)?;
        if !(1900..=2199).contains(&y) || !(1..=12).contains(&m) {
            return None;
        }
        let (y, m) = (y as u16, m as u8);
        if dd == 0 || dd > days_in_month(y, m) as u32 {
            return None;
        }
        Some(Date { y, m, d: dd as u8 })
    }

    pub fn push_to(&self, out: &mut String) {
        let pad = |out: &mut String, v: u64, w: usize| {
            let mut s = String::new();
            push_u64(&mut s, v);
            for _ in s.len()..w {
                out.push('0');
            }
            out.push_str(&s);
        };
        pad(out, self.y as u64, 4);
        out.push('-');
        pad(out, self.m as u64, 2);
        out.push('-');
        pad(out, self.d as u64, 2);
    }

    pub fn to_iso(&self) -> String {
        let mut s = String::with_capacity(10);
        self.push_to(&mut s);
        s
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    pub fn to_days(&self) -> i64 {
        let y = self.y as i64 - if self.m <= 2 { 1 } else { 0 };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.m as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The date of a Unix time in milliseconds, in China Standard Time (UTC+8): the date a
    /// citizen sees.
    pub fn from_unix_ms_cst(ms: i64) -> Date {
        Date::from_days((ms / 1000 + 8 * 3600).div_euclid(86_400))
    }

    /// Today in China Standard Time: from the system clock natively, from JavaScript's
    /// `Date.now()` in the widget build. (A wasm32 build without the `wasm` feature has no clock
    /// and gives 1970-01-01, which no rule answers for: pass a date instead.)
    pub fn today_cst() -> Date {
        #[cfg(not(target_arch = "wasm32"))]
        let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64);
        #[cfg(all(target_arch = "wasm32", feature = "wasm-questionnaire"))]
        let ms = js_sys::Date::now() as i64;
        #[cfg(all(target_arch = "wasm32", not(feature = "wasm-questionnaire")))]
        let ms = 0;
        Date::from_unix_ms_cst(ms)
    }

    /// Inverse of [`Date::to_days`]; clamps to the supported year range.
    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let dd = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        let y = y.clamp(1900, 2199) as u16;
        Date { y, m, d: dd }
    }

    pub fn add_days(&self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    pub fn prev_day(&self) -> Date {
        self.add_days(-1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn add_months_clamps_to_the_month_end() {
        assert_eq!(d(2026, 12, 6).add_months(18), d(2028, 6, 6));
        assert_eq!(d(2026, 1, 31).add_months(1), d(2026, 2, 28));
        assert_eq!(d(2027, 12, 31).add_months(2), d(2028, 2, 29));
        assert_eq!(d(2026, 3, 1).add_months(0), d(2026, 3, 1));
    }
    #[test]
    fn parse_and_print() {
        assert_eq!(Date::parse("2026-03-01"), Some(d(2026, 3, 1)));
        assert_eq!(Date::parse("2024-02-29"), Some(d(2024, 2, 29)));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("2026-1-01"), None);
        assert_eq!(Date::parse("２０２６-01-01"), None);
        assert_eq!(Date::parse("1899-12-31"), None);
        assert_eq!(d(2026, 1, 9).to_iso(), "2026-01-09");
    }
    #[test]
    fn day_arithmetic_round_trips() {
        assert_eq!(d(1970, 1, 1).to_days(), 0);
        let mut day = d(2020, 1, 1);
        for _ in 0..3000 {
            let n = day.add_days(1);
            assert_eq!(n.to_days(), day.to_days() + 1);
            assert!(n > day);
            day = n;
        }
        assert_eq!(d(2024, 3, 1).prev_day(), d(2024, 2, 29));
    }
}

/// Written as `YYYY-MM-DD`.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}
