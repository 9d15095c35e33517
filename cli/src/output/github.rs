//! `--format github`: GitHub Actions workflow commands (annotations).

use std::io::{self, Write};

use jiaodui::Severity;

use super::{uri, Record};

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
pub fn write(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
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
            escape(uri(&r.path), true),
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
