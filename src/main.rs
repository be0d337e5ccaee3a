//! `yibao`: the command-line boundary.
//!
//! ```text
//! yibao evaluate FILE|-  [--compact]   print the report JSON (exit 0)
//! yibao batch FILE|- [--summary]       JSON Lines in, one report (or error) line out per line
//! yibao rules                          print the policy book's receipt and sources
//! ```
//! Invalid input prints `{"error":{"path","code","message"}}` on stderr and exits 2.

// The CLI is native only (serde_json, rayon): a wasm32 build of the package (the wasm tests build
// every target) gets an empty binary.
#![cfg_attr(target_arch = "wasm32", allow(unused))]
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
use cli::main;

// (The bin's own test harness never calls main.)
#[cfg(not(target_arch = "wasm32"))]
#[cfg_attr(test, allow(dead_code))]
mod cli {
    use std::io::{Read, Write};
    use std::process::ExitCode;

    use yibao_family::contract::report::{Receipt, Source};
    use yibao_family::model::InputError;
    use yibao_family::{date::Date, evaluate_json, policy, to_json};

    const USAGE: &str = "usage: yibao evaluate FILE|- [--compact]\n       yibao batch FILE|- [--summary]\n       yibao rules\n";

    /// China Standard Time (UTC+8): the date a citizen sees.
    fn today() -> Date {
        Date::today_cst()
    }

    /// `{"error":{"path":"","code":…,"message":…}}`, pretty.
    fn error_text(code: &'static str, message: &str) -> String {
        let error = InputError { path: String::new(), code, message: message.to_string() };
        to_json(&yibao_family::contract::report::ErrorBody { error: &error }, true)
    }

    fn usage_error(msg: &str) -> ExitCode {
        eprintln!("{}", error_text("USAGE", msg));
        eprint!("{USAGE}");
        ExitCode::from(64)
    }

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let compact = args.iter().any(|a| a == "--compact");
        let summary = args.iter().any(|a| a == "--summary");
        let rest: Vec<&str> = args.iter().map(String::as_str).filter(|a| *a != "--compact" && *a != "--summary").collect();
        match rest.as_slice() {
            ["evaluate", file] => {
                let mut input = Vec::new();
                let read = if *file == "-" {
                    std::io::stdin().read_to_end(&mut input).map(|_| ())
                } else {
                    std::fs::read(file).map(|b| input = b)
                };
                if let Err(e) = read {
                    eprintln!("{}", error_text("READ_FAILED", &e.to_string()));
                    return ExitCode::from(2);
                }
                let text = match String::from_utf8(input) {
                    Ok(t) => t,
                    Err(_) => {
                        eprintln!("{}", error_text("NOT_UTF8", "输入不是 UTF-8 文本。"));
                        return ExitCode::from(2);
                    }
                };
                match evaluate_json(&text, today(), !compact) {
                    Ok(out) => {
                        let mut so = std::io::stdout().lock();
                        let _ = writeln!(so, "{out}");
                        ExitCode::SUCCESS
                    }
                    Err(err) => {
                        eprintln!("{err}");
                        ExitCode::from(2)
                    }
                }
            }
            ["batch", file] => {
                // JSON Lines: a bad line gets its error line in place; only I/O errors stop the run.
                let input: Box<dyn std::io::BufRead> = if *file == "-" {
                    Box::new(std::io::stdin().lock())
                } else {
                    match std::fs::File::open(file) {
                        Ok(f) => Box::new(std::io::BufReader::new(f)),
                        Err(e) => {
                            eprintln!("{}", error_text("READ_FAILED", &e.to_string()));
                            return ExitCode::from(2);
                        }
                    }
                };
                let out = std::io::BufWriter::new(std::io::stdout().lock());
                match yibao_family::batch::run(input, out, today(), !summary) {
                    Ok(s) => {
                        if summary {
                            println!("{}", s.to_json());
                        }
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        let code = if e.kind() == std::io::ErrorKind::InvalidData { "NOT_UTF8" } else { "READ_FAILED" };
                        eprintln!("{}", error_text(code, &e.to_string()));
                        ExitCode::from(2)
                    }
                }
            }
            ["rules"] => {
                #[derive(serde::Serialize)]
                struct Rules {
                    receipt: Receipt,
                    sources: Vec<Source>,
                }
                let rules = Rules { receipt: Receipt::new(today()), sources: policy::sources::SOURCES.iter().map(Source::from).collect() };
                println!("{}", to_json(&rules, !compact));
                ExitCode::SUCCESS
            }
            ["--help"] | ["-h"] | ["help"] => {
                print!("{USAGE}");
                ExitCode::SUCCESS
            }
            _ => usage_error("unknown command"),
        }
    }
}
