//! Build step: (1) turns the flat message catalogs `i18n/<locale>.json` into static tables
//! (`ui.*` keys are the web page's; they are compiled in too and served by `wasm::ui`); (2) computes the
//! content hash of the policy book (`src/policy/*.rs`) for the report's receipt.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const LOCALES: [(&str, &str); 3] = [("zh-Hans", "ZH_HANS"), ("zh-Hant", "ZH_HANT"), ("en", "EN")];
/// The keys `wasm::ui` gives the page by name (each prefix is one run of the sorted keys).
const UI_PREFIXES: [&str; 4] = ["doc.", "q.opt.", "relation.", "ui."];

fn read_catalog(path: &Path) -> BTreeMap<String, String> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(_) => return BTreeMap::new(),
    };
    let v: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not valid JSON: {e}", path.display()));
    let obj = v.as_object().unwrap_or_else(|| panic!("{}: must be a flat object", path.display()));
    let mut out = BTreeMap::new();
    for (k, v) in obj {
        if k.starts_with("//") {
            continue; // comments for translators
        }
        if k.starts_with("noscript.") {
            continue; // static HTML text (embed.html, index.html without JavaScript), not the core's
        }
        let s = v.as_str().unwrap_or_else(|| panic!("{}: {k} must be a string", path.display()));
        out.insert(k.clone(), s.to_string());
    }
    out
}

/// The `Key` variant of a catalog key: each run of letters and digits between `.` and `_`,
/// capitalised, the rest in lower case (`reason.date_not_covered` → `ReasonDateNotCovered`,
/// `error.NOT_INTEGER` → `ErrorNotInteger`, `note.launch.11` → `NoteLaunch11`).
/// tests/i18n_coverage.rs has the same function; `key_enum` checks that no two keys share a name.
fn variant(key: &str) -> String {
    let mut out = String::new();
    for part in key.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let mut cs = part.chars();
        out.extend(cs.next().map(|c| c.to_ascii_uppercase()));
        out.extend(cs.map(|c| c.to_ascii_lowercase()));
    }
    assert!(out.starts_with(|c: char| c.is_ascii_uppercase()), "key {key:?}: its variant {out:?} is not an identifier");
    out
}

include!("src/i18n_split.rs");

fn main() {
    let questionnaire_only = std::env::var_os("CARGO_FEATURE_WASM_QUESTIONNAIRE").is_some() && std::env::var_os("CARGO_FEATURE_WASM").is_none();
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&root);
    let out_dir = std::env::var("OUT_DIR").unwrap();
    println!("cargo:rerun-if-changed=i18n");
    println!("cargo:rerun-if-changed=src/policy");
    println!("cargo:rerun-if-changed=src/i18n_split.rs");

    // Catalogs --------------------------------------------------------------------------------
    let mut cats = Vec::new();
    for (loc, _) in LOCALES {
        let p = root.join("i18n").join(format!("{loc}.json"));
        println!("cargo:rerun-if-changed={}", p.display());
        cats.push(read_catalog(&p));
    }
    let keys: Vec<&String> = cats[0].keys().collect();
    let mut code = String::new();
    writeln!(code, "pub const COUNT: usize = {};", keys.len()).unwrap();
    code.push_str(&key_enum(&keys));
    // The on-demand catalogs (`i18n::set_catalog`) are JSON arrays of texts in this index order,
    // headed by this hash of the key list: a catalog written for another key list is refused.
    let key_list: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
    let keys_hash = keys_hash(&key_list);
    writeln!(code, "pub const KEYS_HASH: &str = {keys_hash:?};").unwrap();
    // Each table is one string blob plus the u16 end offset of every entry: a `[&str; N]` costs
    // 8 bytes of poorly compressible pointers per entry in wasm, an end offset 2.
    let blob = |name: &str, items: &[&str], cfg: &str, code: &mut String| {
        let mut text = String::new();
        let mut ends = Vec::new();
        for it in items {
            text.push_str(it);
            ends.push(text.len());
        }
        assert!(text.len() <= u16::MAX as usize, "{name}: catalog table over 64 KB");
        writeln!(code, "{cfg}pub static {name}_TEXT: &str = {:?};", text).unwrap();
        writeln!(code, "{cfg}pub static {name}_END: [u16; {}] = {:?};", ends.len(), ends).unwrap();
    };
    // Key names are compiled into the widget only for the texts the page asks for by name
    // (`wasm::ui`); the core itself refers to texts by `Key` (its variants and the `find`
    // resolvers below). Native builds keep the whole key list for `Key::name` / `i18n::lookup`
    // (tests, tools).
    blob("KEYS", &key_list, "#[cfg(not(feature = \"wasm-questionnaire\"))]\n", &mut code);
    let mut ui_keys = Vec::new();
    let mut ui_ranges = Vec::new();
    for prefix in UI_PREFIXES {
        let ids: Vec<usize> = (0..keys.len()).filter(|&i| keys[i].starts_with(prefix)).collect();
        if ids.is_empty() {
            continue;
        }
        // Sorted keys: a prefix is one run of consecutive indices.
        assert_eq!(ids.len(), ids[ids.len() - 1] - ids[0] + 1);
        ui_ranges.push((ids[0], ids[ids.len() - 1] + 1));
        ui_keys.extend(ids.iter().map(|&i| keys[i].as_str()));
    }
    blob("UI_KEYS", &ui_keys, "", &mut code);
    writeln!(code, "/// The index ranges of the keys in `UI_KEYS_TEXT`, in order.").unwrap();
    writeln!(code, "pub static UI_RANGES: [(usize, usize); {}] = {:?};", ui_ranges.len(), ui_ranges).unwrap();
    for (i, (_, name)) in LOCALES.iter().enumerate() {
        // The widget (feature `wasm`) compiles in only the default locale; the others are flat
        // JSON files it loads on demand (`i18n::set_catalog`), so a first visit pays for one.
        // A missing translation is an empty string here (falls back to zh-Hans at run time);
        // tests/catalog.rs fails on it.
        let vals: Vec<&str> = keys.iter().map(|k| cats[i].get(*k).map(|s| s.as_str()).unwrap_or("")).collect();
        // The questionnaire's build (feature `wasm-questionnaire` without `wasm`) leaves out the
        // report's texts and the calculator's (src/i18n_split.rs).
        let vals: Vec<&str> = if questionnaire_only && i == 0 {
            keys.iter().zip(vals).map(|(k, v)| if questionnaire_leaves_out(k) { "" } else { v }).collect()
        } else {
            vals
        };
        blob(name, &vals, if i > 0 { "#[cfg(not(feature = \"wasm-questionnaire\"))]\n" } else { "" }, &mut code);
        if i > 0 {
            // The same texts in the form the widget loads (tests/wasm.rs; scripts/build-site.mjs
            // writes dist/pkg/i18n/<locale>.json the same way).
            let mut arr = vec![serde_json::Value::String(keys_hash.clone())];
            arr.extend(vals.iter().map(|v| serde_json::Value::String(v.to_string())));
            let json = serde_json::to_string(&arr).unwrap();
            fs::write(Path::new(&out_dir).join(format!("{}.catalog.json", LOCALES[i].0)), json).unwrap();
        }
    }
    code.push_str(&resolvers(&key_list));
    fs::write(Path::new(&out_dir).join("catalog.rs"), code).unwrap();

    // Policy hash -----------------------------------------------------------------------------
    let mut files: Vec<_> = fs::read_dir(root.join("src/policy"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().map(|x| x == "rs").unwrap_or(false))
        .collect();
    files.sort();
    let mut data = Vec::new();
    for f in &files {
        data.extend_from_slice(f.file_name().unwrap().to_string_lossy().as_bytes());
        data.push(0);
        data.extend_from_slice(&fs::read(f).unwrap());
        data.push(0);
    }
    let digest = sha256(&data);
    let mut hex = String::new();
    for b in digest {
        write!(hex, "{b:02x}").unwrap();
    }
    fs::write(
        Path::new(&out_dir).join("rules_hash.rs"),
        format!("pub const RULES_HASH: &str = \"sha256:{}\";\n", &hex[..16]),
    )
    .unwrap();
    scenario_list(root, &out_dir);
}

/// `sha256:` and the first 16 hex digits of the SHA-256 of the keys, one a line (as
/// scripts/build-site.mjs computes it).
fn keys_hash(keys: &[&str]) -> String {
    let mut hex = String::from("sha256:");
    for b in &sha256(keys.join("\n").as_bytes())[..8] {
        write!(hex, "{b:02x}").unwrap();
    }
    hex
}

/// `pub enum Key`, one variant per catalog key in key order, so its discriminant is the key's
/// index in the tables (`Key::index`), and `Key::from_index` back.
fn key_enum(keys: &[&String]) -> String {
    assert!(keys.len() < u16::MAX as usize, "more catalog keys than a u16 `Key` holds");
    let names: Vec<String> = keys.iter().map(|k| variant(k)).collect();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (k, n) in keys.iter().zip(&names) {
        if let Some(other) = seen.insert(n, k) {
            panic!("catalog keys {other:?} and {k:?} make the same Key variant {n}: rename one");
        }
    }
    let mut code = String::from(
        "/// A catalog key (`i18n/*.json`): one variant per key, named from it (`reason.date_not_covered`\n\
         /// is `ReasonDateNotCovered`), so a key the catalogs lack does not compile. The variants are in\n\
         /// key order: the discriminant is the key's index in the generated tables.\n\
         #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[repr(u16)]\npub enum Key {\n",
    );
    for (k, n) in keys.iter().zip(&names) {
        writeln!(code, "    /// `{k}`\n    {n},").unwrap();
    }
    code.push_str(
        "}\n\nimpl Key {\n    /// The key's index in the catalog tables.\n    pub const fn index(self) -> usize {\n        self as usize\n    }\n\n    \
         /// The key with index `i` (`None` past the last). A `match`, not a transmute; the compiler\n    \
         /// reduces it to a bounds check.\n    pub const fn from_index(i: usize) -> Option<Key> {\n        Some(match i {\n",
    );
    for (i, n) in names.iter().enumerate() {
        writeln!(code, "            {i} => Key::{n},").unwrap();
    }
    code.push_str("            _ => return None,\n        })\n    }\n}\n");
    code
}

/// `Key::Name` of the key with index `i`.
fn key_path(keys: &[&str], i: usize) -> String {
    format!("Key::{}", variant(keys[i]))
}

/// `[Some(Key::…), None, …]`: an `[Option<Key>; N]` of the keys with these indices.
fn key_array<'a>(keys: &[&str], ids: impl IntoIterator<Item = &'a Option<usize>>) -> String {
    let items: Vec<String> = ids.into_iter().map(|id| id.map_or("None".to_string(), |i| format!("Some({})", key_path(keys, i)))).collect();
    format!("[{}]", items.join(", "))
}

/// The `find` module: the keys the core builds from run-time values (error codes, region codes,
/// question ids and options), resolved here to their `Key`s, so the widget carries no key strings
/// for them. Each resolver is a table of the values it accepts and the key each stands for; the
/// values are strings the core holds anyway (codes, ids, the book's literals), so the table costs
/// a pointer per entry, not a copy of the text. `None` for a value the catalogs do not name.
/// Also `Key::channel`, the policy book's channels.
fn resolvers(keys: &[&str]) -> String {
    let mut code = String::from(
        "/// Build-time resolvers (see build.rs, `resolvers`): run-time values to catalog keys.\n\
         pub mod find {\n    use super::{find_in, Key};\n\n",
    );
    // One resolver: `values[i]` stands for the key with index `ids[i]`.
    let table = |code: &mut String, name: &str, doc: &str, list: Vec<(String, usize)>| {
        let up = name.to_ascii_uppercase();
        let values: Vec<&str> = list.iter().map(|(v, _)| v.as_str()).collect();
        let ids: Vec<String> = list.iter().map(|(_, i)| key_path(keys, *i)).collect();
        writeln!(code, "    static {up}: [&str; {}] = {values:?};", list.len()).unwrap();
        writeln!(code, "    static {up}_KEYS: [Key; {}] = [{}];", list.len(), ids.join(", ")).unwrap();
        writeln!(code, "    /// {doc}\n    pub fn {name}(value: &str) -> Option<Key> {{\n        find_in(&{up}, &{up}_KEYS, value)\n    }}\n").unwrap();
    };
    // (value, index) of the keys `prefix<value><suffix>`.
    let by = |prefix: &str, suffix: &str| -> Vec<(String, usize)> {
        keys.iter().enumerate().filter_map(|(i, k)| k.strip_prefix(prefix).and_then(|v| v.strip_suffix(suffix)).map(|v| (v.to_string(), i))).collect()
    };
    table(&mut code, "error", "`error.<code>`", by("error.", ""));
    // `q.<id>.assume`, `q.<id>.help`, …, `q.<id>.text`: one table of the ids, a key column per
    // part (`None`: the question has no such text).
    let text = by("q.", ".text");
    let ids: Vec<&str> = text.iter().map(|(v, _)| v.as_str()).collect();
    writeln!(code, "    static Q: [&str; {}] = {ids:?};", ids.len()).unwrap();
    for part in ["text", "help", "assume"] {
        let list = by("q.", &format!(".{part}"));
        let col: Vec<Option<usize>> = ids.iter().map(|id| list.iter().find(|(v, _)| v == id).map(|(_, i)| *i)).collect();
        let up = part.to_ascii_uppercase();
        writeln!(code, "    static Q_{up}: [Option<Key>; {}] = {};", col.len(), key_array(keys, &col)).unwrap();
        writeln!(code, "    /// `q.<id>.{part}`\n    pub fn q_{part}(id: &str) -> Option<Key> {{\n        find_in(&Q, &Q_{up}, id).flatten()\n    }}\n").unwrap();
    }
    // `q.<id>.opt.<value>`: the question (its position in `Q`), the value, the key.
    let opts: Vec<(&str, &str, usize)> =
        keys.iter().enumerate().filter_map(|(i, k)| k.strip_prefix("q.").and_then(|r| r.split_once(".opt.")).map(|(q, v)| (q, v, i))).collect();
    let qs: Vec<u8> = opts.iter().map(|o| ids.iter().position(|q| *q == o.0).unwrap_or_else(|| panic!("q.{}.opt.* without q.{}.text", o.0, o.0)) as u8).collect();
    let vs: Vec<&str> = opts.iter().map(|o| o.1).collect();
    let oids: Vec<String> = opts.iter().map(|o| key_path(keys, o.2)).collect();
    writeln!(code, "    static Q_OPTION_Q: [u8; {n}] = {qs:?};\n    static Q_OPTION: [&str; {n}] = {vs:?};\n    static Q_OPTION_KEYS: [Key; {n}] = [{}];", oids.join(", "), n = opts.len()).unwrap();
    code.push_str(
        "    /// `q.<id>.opt.<value>`\n    pub fn q_option(id: &str, value: &str) -> Option<Key> {\n        \
         let q = Q.iter().position(|q| *q == id)?;\n        \
         (0..Q_OPTION.len()).find(|&i| Q_OPTION_Q[i] as usize == q && Q_OPTION[i] == value).map(|i| Q_OPTION_KEYS[i])\n    }\n\n",
    );
    // `region.<code>` by GB/T 2260 code (`region.unknown` is named by its variant). The keys are
    // consecutive: the code's position plus the first one's index.
    let regions: Vec<(u32, usize)> = by("region.", "").into_iter().filter_map(|(v, i)| v.parse::<u32>().ok().map(|c| (c, i))).collect();
    let first = regions[0].1;
    assert!(regions.iter().enumerate().all(|(j, (_, i))| *i == first + j), "region.<code> keys not consecutive");
    let codes: Vec<u32> = regions.iter().map(|r| r.0).collect();
    writeln!(code, "    static REGION: [u32; {}] = {codes:?};", codes.len()).unwrap();
    writeln!(code, "    /// `region.<code>`\n    pub fn region(code: u32) -> Option<Key> {{\n        REGION.iter().position(|c| *c == code).and_then(|p| Key::from_index({first} + p))\n    }}").unwrap();
    code.push_str("}\n\n");
    // `channel.<name>.app` and `channel.<name>.path` come in pairs: the book names a channel by
    // its `.app` key (`Channel::new`), and `Key::channel` gives its name and its `.path` key.
    let app = by("channel.", ".app");
    let path = by("channel.", ".path");
    assert_eq!(app.iter().map(|(v, _)| v).collect::<Vec<_>>(), path.iter().map(|(v, _)| v).collect::<Vec<_>>(), "channel.<name>.app without its .path");
    code.push_str(
        "impl Key {\n    /// For the key `channel.<name>.app`: `<name>` and the key `channel.<name>.path`. The policy\n    \
         /// book calls it in `const`s (`Channel::new`), where any other key fails to compile.\n    \
         pub const fn channel(self) -> (&'static str, Key) {\n        match self {\n",
    );
    for ((name, a), (_, p)) in app.iter().zip(&path) {
        writeln!(code, "            {} => ({name:?}, {}),", key_path(keys, *a), key_path(keys, *p)).unwrap();
    }
    code.push_str("            _ => panic!(\"Key::channel: not a channel.<name>.app key\"),\n        }\n    }\n}\n");
    code
}

/// SHA-256, from the maintained `sha2` crate.
fn sha256(data: &[u8]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(data).into()
}

/// The scenario files, the malformed corpus and the questionnaire-state corpus, embedded for the
/// wasm replay test (`tests/wasm.rs`): `SCENARIO_FILES`, `MALFORMED_FILES`, `MALFORMED_STATES`
/// (each with its `expected.json`).
fn scenario_list(root: &Path, out_dir: &str) {
    let mut code = String::new();
    for (name, sub) in [("SCENARIO_FILES", "tests/scenarios"), ("MALFORMED_FILES", "tests/malformed"), ("MALFORMED_STATES", "tests/malformed/questionnaire")] {
        let dir = root.join(sub);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir).map(|r| r.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().map(|x| x == "json").unwrap_or(false)).collect()).unwrap_or_default();
        files.sort();
        writeln!(code, "pub static {name}: &[(&str, &str)] = &[").unwrap();
        for f in files {
            writeln!(code, "    ({:?}, include_str!({:?})),", f.file_name().unwrap().to_string_lossy(), f.display().to_string()).unwrap();
        }
        code.push_str("];\n");
    }
    fs::write(Path::new(out_dir).join("scenario_files.rs"), code).unwrap();
}
