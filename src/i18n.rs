//! Message catalogs (flat tables generated from `i18n/*.json` by build.rs) and template filling.
//! Templates use named placeholders: `{who}`, `{amount}`…

use crate::model::Locale;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// Which texts the questionnaire's build of the widget's core leaves out (build.rs writes them
/// empty there); for the tests.
#[cfg(not(target_arch = "wasm32"))]
pub mod split {
    include!("i18n_split.rs");
}

/// Entry `id` of a generated blob table (see build.rs); "" out of range.
fn entry(text: &'static str, ends: &[u16], id: usize) -> &'static str {
    let end = match ends.get(id) {
        Some(e) => *e as usize,
        None => return "",
    };
    let start = if id == 0 { 0 } else { ends[id - 1] as usize };
    text.get(start..end).unwrap_or("")
}

/// `keys[i]` where `values[i] == value` (the generated `find` resolvers).
fn find_in<K: Copy>(values: &[&str], keys: &[K], value: &str) -> Option<K> {
    values.iter().position(|v| *v == value).and_then(|i| keys.get(i)).copied()
}

/// Every key, in key order.
pub fn keys() -> impl Iterator<Item = Key> {
    (0..COUNT).filter_map(Key::from_index)
}

/// The texts the page asks for by name (`ui.*`, `doc.*`, `relation.*`, `q.opt.*`): (name, key),
/// in key order. The only key names the widget build carries.
pub fn ui_keys() -> impl Iterator<Item = (&'static str, Key)> {
    UI_RANGES.iter().flat_map(|&(from, to)| from..to).filter_map(Key::from_index).enumerate().map(|(j, key)| (entry(UI_KEYS_TEXT, &UI_KEYS_END, j), key))
}

impl Key {
    /// The key itself (`"reason.date_not_covered"`; native builds only: the widget carries no
    /// key list).
    #[cfg(not(feature = "wasm-questionnaire"))]
    pub fn name(self) -> &'static str {
        entry(KEYS_TEXT, &KEYS_END, self.index())
    }
}

/// The key named `name` (native builds only; the core itself names its keys by `Key` and
/// resolves run-time values at build time, `find`).
#[cfg(not(feature = "wasm-questionnaire"))]
pub fn lookup(name: &str) -> Option<Key> {
    keys().find(|k| k.name() == name)
}

/// The text of key `name` in `locale` (native builds only, as `lookup`).
#[cfg(not(feature = "wasm-questionnaire"))]
pub fn text_by_key(locale: Locale, name: &str) -> Option<&'static str> {
    lookup(name).map(|k| text(locale, k))
}

/// The text of `key` in `locale` (falls back to zh-Hans if a translation is missing).
pub fn text(locale: Locale, key: Key) -> &'static str {
    let id = key.index();
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

/// Whether some text of `locale` differs from zh-Hans: its catalog is compiled in or installed.
pub fn has_catalog(locale: Locale) -> bool {
    keys().any(|k| text(locale, k) != text(Locale::ZhHans, k))
}

#[cfg(not(feature = "wasm-questionnaire"))]
fn translated(which: usize, id: usize) -> &'static str {
    if which == 0 {
        entry(ZH_HANT_TEXT, &ZH_HANT_END, id)
    } else {
        entry(EN_TEXT, &EN_END, id)
    }
}

#[cfg(feature = "wasm-questionnaire")]
static RUNTIME: [std::sync::OnceLock<Vec<&'static str>>; 2] = [std::sync::OnceLock::new(), std::sync::OnceLock::new()];

#[cfg(feature = "wasm-questionnaire")]
fn translated(which: usize, id: usize) -> &'static str {
    RUNTIME[which].get().and_then(|t| t.get(id).copied()).unwrap_or("")
}

/// Installs a locale's catalog in the widget build. The catalog is the array
/// `[KEYS_HASH, text_0, …, text_{COUNT-1}]` that scripts/build-site.mjs writes as
/// `dist/pkg/i18n/<locale>.json` (the boundary reads it with serde): the texts in index order,
/// without their keys, headed by the hash of the key list they were written for; a catalog for
/// another key list is refused (`UNKNOWN_VALUE`). An empty text falls back to zh-Hans. Returns the
/// number of texts installed. zh-Hans is compiled in and cannot be replaced.
#[cfg(feature = "wasm-questionnaire")]
pub fn set_catalog(locale: Locale, catalog: Vec<String>) -> Result<usize, &'static str> {
    let which = match locale {
        Locale::ZhHans => return Ok(COUNT),
        Locale::ZhHant => 0,
        Locale::En => 1,
    };
    let mut it = catalog.into_iter();
    if it.next().as_deref() != Some(KEYS_HASH) || it.len() != COUNT {
        return Err("UNKNOWN_VALUE");
    }
    let table: Vec<&'static str> = it.map(|s| &*Box::leak(s.into_boxed_str())).collect();
    let n = table.iter().filter(|s| !s.is_empty()).count();
    let _ = RUNTIME[which].set(table);
    Ok(n)
}

/// Replaces `{name}` by its value; unknown placeholders are left as they are.
///
/// A byte scan: the braces are ASCII, so every slice below falls on a character boundary, and
/// `str::find(char)` (its UTF-8 encoding and memchr, ~0.9 KB of wasm) is not needed.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut done = 0; // template[..done] is in `out` (copied or replaced)
    let mut open = None; // the position of the `{` of the placeholder being read
    for (i, b) in template.bytes().enumerate() {
        match b {
            b'{' if open.is_none() => open = Some(i),
            b'}' => {
                if let Some(o) = open.take() {
                    let name = &template[o + 1..i];
                    if let Some((_, v)) = args.iter().find(|(n, _)| *n == name) {
                        out.push_str(&template[done..o]);
                        out.push_str(v);
                        done = i + 1;
                    }
                }
            }
            _ => {}
        }
    }
    out.push_str(&template[done..]);
    out
}

/// The text of `key` in `locale` with its placeholders filled.
pub fn t(locale: Locale, key: Key, args: &[(&str, &str)]) -> String {
    fill(text(locale, key), args)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn fills() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("{x} {", &[]), "{x} {");
        assert_eq!(fill("无占位", &[("a", "1")]), "无占位");
        assert_eq!(fill("{b}}{a{a}x{a}", &[("a", "1"), ("a{a", "2")]), "{b}}2x1");
        assert_eq!(fill("}{a}{", &[("a", "金额")]), "}金额{");
        assert_eq!(fill("{}{a}", &[("", "e"), ("a", "")]), "e");
    }
}
