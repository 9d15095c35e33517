//! The whole-run output formats: SARIF 2.1.0, GitHub workflow commands,
//! reviewdog's rdjson, and a summary. They need every finding first.

use std::collections::BTreeMap;
use std::io::{self, Write};

use jiaodui::{Diagnostic, Severity};
use serde_json::json;

use crate::output::{Located, Position};

/// A finding with its file position, owned.
pub struct Record {
    pub path: String,
    pub at: Position,
    pub diagnostic: Diagnostic,
}

impl Record {
    pub fn new(l: &Located<'_>) -> Record {
        Record {
            path: l.path.to_string(),
            at: l.at,
            diagnostic: l.diagnostic.clone(),
        }
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0, columns in Unicode code points, with the metadata of every
/// rule (GitHub code scanning accepts it).
pub fn sarif(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    let rules = jiaodui::rules();
    let rule_meta: Vec<_> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id.replace(['.', '-'], "_"),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": format!("{}。例：{}", r.summary, r.example) },
                "defaultConfiguration": { "level": sarif_level(r.default_severity) },
                "help": { "text": format!("{}（jiaodui rules 列出全部规则）", r.summary) },
            })
        })
        .collect();
    let results: Vec<_> = records
        .iter()
        .map(|r| {
            let mut result = json!({
                "ruleId": r.diagnostic.rule,
                "ruleIndex": rules.iter().position(|x| x.id == r.diagnostic.rule).unwrap_or(0),
                "level": sarif_level(r.diagnostic.severity),
                "message": { "text": r.diagnostic.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": r.path.trim_start_matches("./") },
                        "region": {
                            "startLine": r.at.line,
                            "startColumn": r.at.column,
                            "endLine": r.at.end_line,
                            "endColumn": r.at.end_column,
                            "byteOffset": r.at.byte_start,
                            "byteLength": r.at.byte_end - r.at.byte_start,
                        }
                    }
                }],
            });
            if let Some(s) = r.diagnostic.suggestions.first() {
                result["fixes"] = json!([{
                    "description": { "text": format!("改为“{s}”") },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": r.path.trim_start_matches("./") },
                        "replacements": [{
                            "deletedRegion": { "byteOffset": r.at.byte_start, "byteLength": r.at.byte_end - r.at.byte_start },
                            "insertedContent": { "text": s },
                        }]
                    }]
                }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "jiaodui",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://crates.io/crates/jiaodui",
                    "rules": rule_meta,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// Escapes a workflow command's message (`%`, CR, LF) or, with `property`,
/// a property value (also `:` and `,`).
fn escape(s: &str, property: bool) -> String {
    let mut e = s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    if property {
        e = e.replace(':', "%3A").replace(',', "%2C");
    }
    e
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.
pub fn github(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    for r in records {
        let level = match r.diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = r.diagnostic.message.clone();
        if let Some(s) = r.diagnostic.suggestions.first() {
            message.push_str(&format!(" 建议：{s}"));
        }
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape(r.path.trim_start_matches("./"), true),
            r.at.line,
            r.at.column,
            r.at.end_line,
            r.at.end_column,
            escape(r.diagnostic.rule, true),
            escape(&message, false)
        )?;
    }
    Ok(())
}

/// reviewdog's Diagnostic Format (rdjson), one JSON document.
pub fn rdjson(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
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
                "location": { "path": r.path.trim_start_matches("./"), "range": range },
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

/// Counts per rule and per file.
pub fn summary(out: &mut impl Write, records: &[Record], files_checked: usize) -> io::Result<()> {
    let mut by_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    let mut by_file: BTreeMap<&str, usize> = BTreeMap::new();
    for r in records {
        let e = by_rule.entry(r.diagnostic.rule).or_insert((0, r.diagnostic.severity));
        e.0 += 1;
        e.1 = e.1.max(r.diagnostic.severity);
        *by_file.entry(&r.path).or_default() += 1;
    }
    writeln!(out, "按规则统计：")?;
    for (rule, (n, sev)) in &by_rule {
        writeln!(out, "  {rule:<24} {sev:<8} {n}")?;
    }
    writeln!(out, "按文件统计：")?;
    for (file, n) in &by_file {
        writeln!(out, "  {file}  {n}")?;
    }
    writeln!(
        out,
        "共 {} 处问题，{} 个文件有问题，检查了 {files_checked} 个文件。",
        records.len(),
        by_file.len()
    )
}
