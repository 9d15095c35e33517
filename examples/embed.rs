//! Embedding jiaodui in a publishing system: check a draft (text, Markdown,
//! HTML or Word .docx) with the office's jiaodui.toml before it is posted,
//! and block it on errors.
//!
//! `cargo run --example embed -- examples/draft.md`

use jiaodui::{Config, Document, DocumentKind, Linter, Severity};

fn fail(e: impl std::fmt::Display) -> ! {
    eprintln!("{e}");
    std::process::exit(2)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/draft.md".to_string());
    let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
    // The kind by the file name; the configuration of the nearest jiaodui.toml.
    let kind = DocumentKind::from_path(&path);
    let config = Config::discover(&path).unwrap_or_else(|e| fail(e));
    // Build once, share everywhere (Linter is Send + Sync and cheap to clone).
    let linter = config
        .map_or_else(Linter::builder, |c| c.linter_builder(kind))
        .build()
        .unwrap_or_else(|e| fail(e));
    let doc = Document::from_bytes(kind, &bytes).unwrap_or_else(|e| fail(format!("{path}: {e}")));
    let findings = linter.check_document(&doc);
    for d in &findings {
        let at = doc.position(d.span.clone());
        println!(
            "{path}:{}:{} {} [{}] {} {:?}",
            at.line, at.column, d.severity, d.rule, d.message, d.suggestions
        );
    }
    let blocking = findings.iter().filter(|d| d.severity == Severity::Error).count();
    println!("{} findings, {blocking} blocking publication", findings.len());
}
