//! Message catalogs (flat tables generated from `i18n/*.json` by build.rs) and template filling.
//! Templates use named placeholders: `{who}`, `{amount}`…

use crate::model::Locale;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

pub use m as k;

/// Entry `id` of a generated blob table (see build.rs); "" out of range.
fn entry(text: &'static str, ends: &[u16; COUNT], id: usize) -> &'static str {
    let end = match ends.get(id) {
        Some(e) => *e as usize,
        None => return "",
    };
    let start = if id == 0 { 0 } else { ends[id - 1] as usize };
    text.get(start..end).unwrap_or("")
}

/// The catalog key with index `id`.
pub fn key(id: usize) -> &'static str {
    entry(KEYS_TEXT, &KEYS_END, id)
}

/// The text of message `id` in `locale` (falls back to zh-Hans if a translation is missing).
pub fn text(locale: Locale, id: usize) -> &'static str {
    let s = match locale {
        Locale::ZhHans => "",
        Locale::ZhHant => translated(0, id),
        Locale::En => translated(1, id),
    };
    if !s.is_empty() {
        return s;
    }
    entry(ZH_HANS_TEXT, &ZH_HANS_END, id)
}

#[cfg(not(feature = "wasm"))]
fn translated(which: usize, id: usize) -> &'static str {
    if which == 0 {
        entry(ZH_HANT_TEXT, &ZH_HANT_END, id)
    } else {
        entry(EN_TEXT, &EN_END, id)
    }
}

#[cfg(feature = "wasm")]
static RUNTIME: [std::sync::OnceLock<Vec<&'static str>>; 2] = [std::sync::OnceLock::new(), std::sync::OnceLock::new()];

#[cfg(feature = "wasm")]
fn translated(which: usize, id: usize) -> &'static str {
    RUNTIME[which].get().and_then(|t| t.get(id).copied()).unwrap_or("")
}

/// Installs a locale's catalog (the flat `i18n/<locale>.json`) in the widget build. Returns the
/// number of keys recognised. zh-Hans is compiled in and cannot be replaced.
#[cfg(feature = "wasm")]
pub fn set_catalog(locale: Locale, text: &str) -> Result<usize, &'static str> {
    let which = match locale {
        Locale::ZhHans => return Ok(COUNT),
        Locale::ZhHant => 0,
        Locale::En => 1,
    };
    let v = crate::json::parse(text).map_err(|_| "MALFORMED_JSON")?;
    let members = match v {
        crate::json::Value::Obj(m) => m,
        _ => return Err("WRONG_TYPE"),
    };
    let mut table: Vec<&'static str> = vec![""; COUNT];
    let mut n = 0;
    for (k, val) in members {
        if let (Some(i), crate::json::Value::Str(s)) = (lookup(&k), val) {
            table[i] = Box::leak(s.into_boxed_str());
            n += 1;
        }
    }
    let _ = RUNTIME[which].set(table);
    Ok(n)
}

/// Index of a key known only at run time (`region.320500`, `channel.x.app`).
pub fn lookup(key: &str) -> Option<usize> {
    let (mut lo, mut hi) = (0, COUNT);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match self::key(mid).cmp(key) {
            core::cmp::Ordering::Less => lo = mid + 1,
            core::cmp::Ordering::Greater => hi = mid,
            core::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

pub fn text_by_key(locale: Locale, key: &str) -> Option<&'static str> {
    lookup(key).map(|i| text(locale, i))
}

/// Replaces `{name}` by its value; unknown placeholders are left as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn t(locale: Locale, id: usize, args: &[(&str, &str)]) -> String {
    fill(text(locale, id), args)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn fills() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("{x} {", &[]), "{x} {");
        assert_eq!(fill("无占位", &[("a", "1")]), "无占位");
    }
}
