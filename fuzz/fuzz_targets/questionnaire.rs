//! cargo-fuzz target: arbitrary bytes → `yibao_family::questionnaire::run_json` (the questionnaire
//! state decoder, routing, and the scenario and report of a finished questionnaire).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        invariants::check_questionnaire(text);
    }
});
