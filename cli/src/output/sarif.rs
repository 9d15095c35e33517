//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning.

use std::io::{self, Write};

use jiaodui::Severity;
use serde_json::json;

use super::{uri, Record};

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF 2.1.0, columns in Unicode code points, with the metadata of every
/// rule (GitHub code scanning accepts it).
pub fn write(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
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
                        "artifactLocation": { "uri": uri(&r.path) },
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
                        "artifactLocation": { "uri": uri(&r.path) },
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
