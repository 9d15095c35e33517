//! Embedding jiaodui in a publishing system: check a draft before it is
//! posted and block it on errors.
//!
//! `cargo run --example embed -- examples/draft.md`

use jiaodui::{LineIndex, Linter, Severity};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/draft.md".to_string());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    // Build once, share everywhere (Linter is Send + Sync and cheap to clone).
    let linter = Linter::new();
    let index = LineIndex::new(&text);
    let findings = linter.check(&text);
    for d in &findings {
        let (line, col) = index.line_col(d.span.start);
        println!(
            "{path}:{line}:{col} {} [{}] {} {:?}",
            d.severity, d.rule, d.message, d.suggestions
        );
    }
    let blocking = findings.iter().filter(|d| d.severity == Severity::Error).count();
    println!("{} findings, {blocking} blocking publication", findings.len());
}
