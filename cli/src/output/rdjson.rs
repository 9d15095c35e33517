//! `--format rdjson`: reviewdog's Diagnostic Format.

use std::io::{self, Write};

use jiaodui::Severity;
use serde_json::json;

use super::{uri, Record};

/// reviewdog's Diagnostic Format (rdjson), one JSON document.
pub fn write(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    let severity = |s: Severity| match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    };
    let diagnostics: Vec<_> = records
        .iter()
        .map(|r| {
            let range = json!({
                "start": { "line": r.at.line, "column": r.at.column },
                "end": { "line": r.at.end_line, "column": r.at.end_column },
            });
            json!({
                "message": r.diagnostic.message,
                "location": { "path": uri(&r.path), "range": range },
                "severity": severity(r.diagnostic.severity),
                "code": { "value": r.diagnostic.rule },
                "suggestions": r.diagnostic.suggestions.iter().take(1).map(|s| json!({ "range": range, "text": s })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({ "source": { "name": "jiaodui", "url": "https://crates.io/crates/jiaodui" }, "diagnostics": diagnostics });
    serde_json::to_writer(&mut *out, &doc)?;
    writeln!(out)
}
