//! Message catalogs: every key the engine can ask for exists, and every locale has exactly the
//! keys and placeholders of the default (zh-Hans).

use std::collections::{BTreeMap, BTreeSet};
use yibao_family::{i18n, model::{Locale, Relation}, policy};

fn load(name: &str) -> BTreeMap<String, String> {
    let p = format!("{}/i18n/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    v.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with("//")).map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect()
}

fn placeholders(s: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = s;
    while let Some(i) = rest.find('{') {
        match rest[i..].find('}') {
            Some(j) => {
                out.insert(rest[i + 1..i + j].to_string());
                rest = &rest[i + j + 1..];
            }
            None => break,
        }
    }
    out
}

#[test]
fn dynamic_keys_exist() {
    let mut keys: Vec<String> = Vec::new();
    for s in policy::CHANNELS {
        keys.push(format!("channel.{}.app", s.value.key));
        keys.push(format!("channel.{}.path", s.value.key));
    }
    for s in policy::CAUTIONS {
        keys.push(s.value.key.to_string());
    }
    for code in policy::regions::PROVINCES.iter().chain(policy::regions::NAMED) {
        keys.push(format!("region.{code}"));
    }
    for r in Relation::NAMES {
        keys.push(format!("relation.{r}"));
    }
    for k in keys {
        assert!(i18n::lookup(&k).is_some(), "missing catalog key {k}");
        for loc in [Locale::ZhHans, Locale::ZhHant, Locale::En] {
            assert!(!i18n::text_by_key(loc, &k).unwrap().is_empty(), "{k} empty in {loc:?}");
        }
    }
    // Every error code the decoder can produce has its own message.
    let src = std::fs::read_to_string(format!("{}/src/decode.rs", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut n = 0;
    for part in src.split("self.err(").skip(1) {
        if let Some(code) = part.split('"').nth(1).filter(|c| c.chars().all(|c| c.is_ascii_uppercase() || c == '_') && c.len() > 3) {
            assert!(i18n::lookup(&format!("error.{code}")).is_some(), "error.{code} missing");
            n += 1;
        }
    }
    assert!(n > 10);
}

#[test]
fn locales_match_the_default() {
    let base = load("zh-Hans");
    for name in ["zh-Hant", "en"] {
        let other = load(name);
        let a: BTreeSet<_> = base.keys().collect();
        let b: BTreeSet<_> = other.keys().collect();
        assert_eq!(a.difference(&b).collect::<Vec<_>>(), Vec::<&&String>::new(), "keys missing from {name}");
        assert_eq!(b.difference(&a).collect::<Vec<_>>(), Vec::<&&String>::new(), "extra keys in {name}");
        for (k, v) in &base {
            assert_eq!(placeholders(v), placeholders(&other[k]), "{name}: placeholders differ for {k}");
        }
    }
}
