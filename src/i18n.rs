//! Message catalogs (flat tables generated from `i18n/*.json` by build.rs) and template filling.
//! Templates use named placeholders: `{who}`, `{amount}`…

use crate::model::Locale;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

pub use m as k;

/// The text of message `id` in `locale` (falls back to zh-Hans if a translation is missing).
pub fn text(locale: Locale, id: usize) -> &'static str {
    let table: &[&str; COUNT] = match locale {
        Locale::ZhHans => &ZH_HANS,
        Locale::ZhHant => &ZH_HANT,
        Locale::En => &EN,
    };
    match table.get(id) {
        Some(s) if !s.is_empty() => s,
        _ => ZH_HANS.get(id).copied().unwrap_or(""),
    }
}

/// Index of a key known only at run time (`region.320500`, `channel.x.app`).
pub fn lookup(key: &str) -> Option<usize> {
    KEYS.binary_search(&key).ok()
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
