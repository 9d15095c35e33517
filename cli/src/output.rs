//! Output formats.

use std::io::{self, Write};

use jiaodui::{Diagnostic, LineIndex, Severity};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// Where a finding is in its file: lines and columns from 1, byte offsets
/// from the start of the file.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// A finding with its position resolved for a file.
pub struct Located<'a> {
    pub path: &'a str,
    pub at: Position,
    pub diagnostic: &'a Diagnostic,
}

impl<'a> Located<'a> {
    /// Resolves a finding of `text` (which started `offset` bytes into the
    /// file, after a BOM).
    pub fn new(path: &'a str, index: &LineIndex<'_>, offset: usize, d: &'a Diagnostic) -> Located<'a> {
        let (line, column) = index.line_col(d.span.start);
        let (end_line, end_column) = index.line_col(d.span.end);
        Located {
            path,
            at: Position {
                line,
                column,
                end_line,
                end_column,
                byte_start: d.span.start + offset,
                byte_end: d.span.end + offset,
            },
            diagnostic: d,
        }
    }
}

/// One JSON Lines record. The field order is part of the format.
#[derive(Serialize)]
struct JsonRecord<'a> {
    path: &'a str,
    #[serde(flatten)]
    at: Position,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    found: &'a str,
    suggestions: &'a [String],
}

pub fn json(out: &mut impl Write, f: &Located<'_>) -> io::Result<()> {
    let d = f.diagnostic;
    let rec = JsonRecord {
        path: f.path,
        at: f.at,
        rule: d.rule,
        severity: d.severity,
        message: &d.message,
        found: &d.found,
        suggestions: &d.suggestions,
    };
    serde_json::to_writer(&mut *out, &rec)?;
    out.write_all(b"\n")
}

/// ANSI styles, or none.
#[derive(Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(self, sev: Severity) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, sev.as_str())
    }
}

/// Display form of a source line: tabs become four spaces, control
/// characters a replacement mark, so that widths are predictable.
fn display(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => "    ".to_string(),
            c if c.is_control() => "\u{FFFD}".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// Characters of context shown either side of a span on a long line.
const CONTEXT: usize = 20;

/// The human format: `path:line:col: severity[rule]: message`, the source
/// line with the span underlined (aligned by display width, CJK characters
/// counting two columns), and the suggestion.
pub fn human(out: &mut impl Write, f: &Located<'_>, index: &LineIndex<'_>, style: Style) -> io::Result<()> {
    let d = f.diagnostic;
    writeln!(
        out,
        "{}: {}[{}]: {}",
        style.paint("1", &format!("{}:{}:{}", f.path, f.at.line, f.at.column)),
        style.severity(d.severity),
        d.rule,
        d.message
    )?;
    let line_text = index.line(f.at.line).unwrap_or("");
    let chars: Vec<char> = line_text.chars().collect();
    let col0 = (f.at.column - 1).min(chars.len());
    let end0 = if f.at.end_line == f.at.line {
        (f.at.end_column - 1).min(chars.len())
    } else {
        chars.len()
    };
    let end0 = end0.max(col0);
    // Long lines (a paragraph is often one line) are cut to a window around
    // the span.
    let from = col0.saturating_sub(CONTEXT);
    let to = (end0 + CONTEXT).min(chars.len());
    let mut shown = String::new();
    let mut prefix = String::new();
    if from > 0 {
        shown.push('…');
        prefix.push('…');
    }
    shown.extend(&chars[from..to]);
    prefix.extend(&chars[from..col0]);
    if to < chars.len() {
        shown.push('…');
    }
    let span: String = chars[col0..end0].iter().collect();
    let gutter = f.at.line.to_string().len();
    let pad = " ".repeat(gutter);
    writeln!(out, "{pad} |")?;
    writeln!(out, "{} | {}", f.at.line, display(&shown))?;
    let marks = "^".repeat(display(&span).width().max(1));
    let mut underline = format!(
        "{}{}",
        " ".repeat(display(&prefix).width()),
        style.paint("1;31", &marks)
    );
    if !d.suggestions.is_empty() {
        underline.push_str(&format!(" 建议：{}", d.suggestions.join(" / ")));
    }
    writeln!(out, "{pad} | {underline}")?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let text = format!("{}按装{}", "一".repeat(30), "二".repeat(30));
        let d = jiaodui::Linter::new().check(&text);
        let index = LineIndex::new(&text);
        let f = Located::new("t.txt", &index, 0, &d[0]);
        let mut out = Vec::new();
        human(&mut out, &f, &index, Style { color: false }).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[2], format!("1 | …{}按装{}…", "一".repeat(20), "二".repeat(20)));
        assert_eq!(lines[3], format!("  | {}^^^^ 建议：安装", " ".repeat(41)));
    }

    #[test]
    fn underline_is_aligned_by_display_width() {
        let text = "a\t请按装软件";
        let d = jiaodui::Linter::new().check(text);
        let index = LineIndex::new(text);
        let f = Located::new("t.txt", &index, 0, &d[0]);
        let mut out = Vec::new();
        human(&mut out, &f, &index, Style { color: false }).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[2], "1 | a    请按装软件");
        assert_eq!(lines[3], "  |        ^^^^ 建议：安装");
    }
}
