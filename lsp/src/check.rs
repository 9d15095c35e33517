//! Checking an open document through the library's [`Document`], and its
//! findings as the protocol's diagnostics.

use std::ops::Range as Bytes;

use jiaodui::{Document, DocumentKind, Linter, Severity};
use lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Range, Url};

use crate::text::{self, Encoding};

/// A finding of a checked document.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Where it is, in the client's encoding.
    pub range: Range,
    /// Its span in the checked text (the source's for plain text, the
    /// text extracted from the markup for Markdown and HTML).
    pub plain: Bytes<usize>,
    /// The library's finding, its span in the source.
    pub diagnostic: jiaodui::Diagnostic,
}

/// A checked version of a document.
#[derive(Debug, Clone)]
pub struct Checked {
    pub version: i32,
    /// The document checked: for HTML that stops at a tag or comment that
    /// is not closed (yet, while it is typed), the part before it.
    pub doc: Document,
    pub findings: Vec<Finding>,
    /// Findings left out past the limit.
    pub left_out: usize,
    pub linter: Linter,
}

/// Checks `source` as a document of `kind` (a text kind).
pub fn check(
    source: &str,
    version: i32,
    kind: DocumentKind,
    linter: &Linter,
    enc: Encoding,
    max_findings: usize,
) -> Checked {
    let doc = match Document::new(kind, source) {
        Ok(doc) => doc,
        Err(e) => {
            // An HTML tag or comment not closed: the part before it is
            // fine. Anything else cannot happen for the text kinds; it is
            // checked as plain text then.
            let cut = match e.kind() {
                jiaodui::ErrorKind::Document { offset: Some(o), .. } => Some(*o),
                _ => None,
            };
            cut.and_then(|o| source.get(..o))
                .and_then(|prefix| Document::new(kind, prefix).ok())
                .unwrap_or_else(|| Document::text(source))
        }
    };
    // As `Linter::check_document`, keeping the spans of the checked text
    // too: the suppression actions need the lines of that text.
    let mut found = linter.check(doc.plain_text());
    let left_out = found.len().saturating_sub(max_findings);
    found.truncate(max_findings);
    let plain: Vec<Bytes<usize>> = found.iter().map(|d| d.span.clone()).collect();
    for d in &mut found {
        d.span = doc.source_span(d.span.clone());
    }
    let offsets: Vec<usize> = found.iter().flat_map(|d| [d.span.start, d.span.end]).collect();
    let at = text::positions(source, &offsets, enc);
    let findings = found
        .into_iter()
        .zip(plain)
        .enumerate()
        .map(|(k, (diagnostic, plain))| Finding {
            range: Range::new(at[2 * k], at[2 * k + 1]),
            plain,
            diagnostic,
        })
        .collect();
    Checked {
        version,
        doc,
        findings,
        left_out,
        linter: linter.clone(),
    }
}

/// A finding as the protocol's diagnostic: the rule id as its code, a
/// link to the rule's page when `rule_docs` (a URL with `{rule}`) is
/// set, the message with the suggestions.
pub fn to_lsp(f: &Finding, rule_docs: Option<&str>) -> Diagnostic {
    let d = &f.diagnostic;
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        _ => DiagnosticSeverity::INFORMATION,
    };
    let mut message = d.message.clone();
    if !d.suggestions.is_empty() {
        let shown: Vec<&str> = d
            .suggestions
            .iter()
            .map(|s| if s.is_empty() { "删除" } else { s.as_str() })
            .collect();
        message.push_str(&format!(" 建议：{}", shown.join(" / ")));
    }
    let code_description = rule_docs
        .and_then(|t| Url::parse(&t.replace("{rule}", d.rule)).ok())
        .map(|href| CodeDescription { href });
    Diagnostic {
        range: f.range,
        severity: Some(severity),
        code: Some(NumberOrString::String(d.rule.to_string())),
        code_description,
        source: Some("jiaodui".to_string()),
        message,
        related_information: None,
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_checked_up_to_an_unclosed_tag() {
        let src = "<p>请按装</p><p>布署</p><div class=";
        let c = check(src, 1, DocumentKind::Html, &Linter::new(), Encoding::Utf16, 100);
        let found: Vec<&str> = c.findings.iter().map(|f| f.diagnostic.found.as_str()).collect();
        assert_eq!(found, ["按装", "布署"]);
        assert_eq!(
            c.findings[0].range,
            Range::new(lsp_types::Position::new(0, 4), lsp_types::Position::new(0, 6))
        );
    }

    #[test]
    fn findings_past_the_limit_are_counted() {
        let c = check(
            &"请按装。".repeat(10),
            1,
            DocumentKind::Text,
            &Linter::new(),
            Encoding::Utf16,
            3,
        );
        assert_eq!((c.findings.len(), c.left_out), (3, 7));
    }

    #[test]
    fn diagnostics_carry_the_rule_and_the_suggestion() {
        let c = check(
            "通\u{200b}知请按装",
            1,
            DocumentKind::Text,
            &Linter::new(),
            Encoding::Utf16,
            100,
        );
        let d = to_lsp(&c.findings[0], Some("https://example.invalid/rules/{rule}.md"));
        assert_eq!(d.code, Some(NumberOrString::String("char.invisible".into())));
        assert!(d.message.ends_with(" 建议：删除"), "{}", d.message);
        assert_eq!(
            d.code_description.unwrap().href.as_str(),
            "https://example.invalid/rules/char.invisible.md"
        );
        let d = to_lsp(&c.findings[1], None);
        assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
        assert!(d.message.ends_with(" 建议：安装") && d.code_description.is_none());
    }
}
