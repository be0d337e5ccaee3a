// Which catalog texts the questionnaire's build of the widget's core leaves out (empty), in one
// place: included by build.rs, which writes the tables, and by `i18n::split`, which the tests read.
// `tests/e2e/fallback.test.mjs` checks that the build answers every questionnaire state and `meta`
// exactly as the whole core does, and `ui` for every text it keeps; `tests/i18n_coverage.rs` that
// neither the questionnaire half of the element nor the element itself asks for a text left out.

/// Texts only a report shows (its reasons, steps, next steps, notices, cautions and notes): the
/// questionnaire's view is the outcome (`src/outcome.rs`), composed of its own texts, and never
/// renders a report. Saves ≈ 4.7 KB gzip of its wasm.
pub fn report_only(key: &str) -> bool {
    // Read by the outcome (the 医保钱包's limits), so kept.
    const KEPT: [&str; 1] = ["notice.wallet_limits"];
    ["reason.", "why.", "step.", "next.", "notice.", "caution.", "note."].iter().any(|p| key.starts_with(p)) && !KEPT.contains(&key)
}

/// The page's texts that only the calculator (`www/calculator.js`) shows: a key, or a prefix ending
/// in `.`. The calculator runs on the whole core, whose `ui` has them. Saves ≈ 1.5 KB gzip.
pub const CALCULATOR_ONLY: [&str; 24] = [
    "ui.authorisers", "ui.calc.", "ui.chart.", "ui.coverage", "ui.doc.", "ui.documents", "ui.documents_any", "ui.elig.",
    "ui.f.", "ui.fn.", "ui.hint.", "ui.list_sep", "ui.money.", "ui.next_steps", "ui.not_covered", "ui.opt.",
    "ui.person", "ui.plan.", "ui.region.", "ui.rel.", "ui.scheme.", "ui.source", "ui.status.", "ui.warnings",
];

pub fn calculator_only(key: &str) -> bool {
    CALCULATOR_ONLY.iter().any(|p| key == *p || (p.ends_with('.') && key.starts_with(p)))
}

/// Whether the questionnaire's build leaves the text of `key` out.
pub fn questionnaire_leaves_out(key: &str) -> bool {
    report_only(key) || calculator_only(key)
}
