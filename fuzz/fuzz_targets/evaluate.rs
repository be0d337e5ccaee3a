//! cargo-fuzz target: arbitrary bytes → `yibao_family::evaluate_json` (the scenario decoder, the
//! rules and the report encoder). See `invariants.rs` for what is checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    // The engine takes text (the CLI rejects other bytes as NOT_UTF8; JS strings are UTF-16).
    if let Ok(text) = std::str::from_utf8(data) {
        invariants::check_evaluate(text);
    }
});
