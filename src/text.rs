//! Tiny string helpers that avoid `core::fmt` (each `format!` costs ~13 KB of wasm).

pub fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for b in &buf[i..] {
        out.push(*b as char);
    }
}

pub fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    push_u64(out, n.unsigned_abs());
}

pub fn u64_string(n: u64) -> String {
    let mut s = String::new();
    push_u64(&mut s, n);
    s
}

pub fn i64_string(n: i64) -> String {
    let mut s = String::new();
    push_i64(&mut s, n);
    s
}

/// Concatenates string pieces.
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// `parts` separated by `sep` (a small loop instead of std's `join`, which is ~0.9 KB of wasm
/// per element type).
pub fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut s = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(p.as_ref());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn ints() {
        assert_eq!(u64_string(0), "0");
        assert_eq!(u64_string(u64::MAX), "18446744073709551615");
        assert_eq!(i64_string(i64::MIN), "-9223372036854775808");
        assert_eq!(i64_string(-7), "-7");
        assert_eq!(join(&["a", "b", "c"], ", "), "a, b, c");
        assert_eq!(join::<&str>(&[], ", "), "");
    }
}
