//! The human format: `path:line:col: severity[rule]: message`, the line
//! with the span underlined, the suggestion; a total at the end.

use std::io::{self, Write};

use jiaodui::{Located, Severity};
use unicode_width::UnicodeWidthStr;

use super::Totals;

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

/// Display form of a source line: tabs become four spaces, a line break
/// inside it (a soft break of a .docx paragraph) a space, other control
/// characters a replacement mark, so that widths are predictable.
fn display(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => "    ".to_string(),
            '\n' => " ".to_string(),
            c if c.is_control() => "\u{FFFD}".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// Characters of context shown either side of a span on a long line.
const CONTEXT: usize = 20;

/// One finding: `path:line:col: severity[rule]: message`, its line
/// (`line_text`) with the span underlined (aligned by display width, CJK
/// characters counting two columns), and the suggestion.
pub fn finding(out: &mut impl Write, f: &Located<'_>, line_text: &str, style: Style) -> io::Result<()> {
    let d = f.diagnostic;
    let at = &f.position;
    writeln!(
        out,
        "{}: {}[{}]: {}",
        style.paint("1", &format!("{}:{}:{}", f.path, at.line, at.column)),
        style.severity(d.severity),
        d.rule,
        d.message
    )?;
    let chars: Vec<char> = line_text.chars().collect();
    let col0 = (at.column - 1).min(chars.len());
    let end0 = if at.end_line == at.line {
        (at.end_column - 1).min(chars.len())
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
    let gutter = at.line.to_string().len();
    let pad = " ".repeat(gutter);
    writeln!(out, "{pad} |")?;
    writeln!(out, "{} | {}", at.line, display(&shown))?;
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

/// The end of the run: the total, when something was found.
pub fn finish(out: &mut impl Write, totals: &Totals) -> io::Result<()> {
    if totals.findings > 0 {
        writeln!(
            out,
            "共发现 {} 处问题，涉及 {} 个文件。",
            totals.findings, totals.files_with_findings
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let text = format!("{}按装{}", "一".repeat(30), "二".repeat(30));
        let doc = jiaodui::Document::text(text.clone());
        let d = jiaodui::Linter::new().check_document(&doc);
        let f = Located::new("t.txt", &doc, &d[0]);
        let mut out = Vec::new();
        finding(&mut out, &f, doc.line(1).unwrap(), Style { color: false }).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[2], format!("1 | …{}按装{}…", "一".repeat(20), "二".repeat(20)));
        assert_eq!(lines[3], format!("  | {}^^^^ 建议：安装", " ".repeat(41)));
    }

    #[test]
    fn underline_is_aligned_by_display_width() {
        let text = "a\t请按装软件";
        let doc = jiaodui::Document::text(text);
        let d = jiaodui::Linter::new().check_document(&doc);
        let f = Located::new("t.txt", &doc, &d[0]);
        let mut out = Vec::new();
        finding(&mut out, &f, doc.line(1).unwrap(), Style { color: false }).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[2], "1 | a    请按装软件");
        assert_eq!(lines[3], "  |        ^^^^ 建议：安装");
    }
}
