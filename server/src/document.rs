//! Every input type's extraction, in one place: the library's
//! [`jiaodui::Document`] reads plain text, Markdown, HTML and Word `.docx`,
//! and maps each finding back to the source.

use jiaodui::{Document, DocumentKind, ErrorKind, Linter};
use serde::Serialize;

use crate::error::ApiError;
use crate::finding::Finding;

/// The type of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocKind {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
    /// Word `.docx`.
    Docx,
}

impl DocKind {
    /// The type named in a request: `text`, `markdown`, `html` or `docx`
    /// (also `txt`, `md`, `htm`).
    pub fn parse(name: &str) -> Result<DocKind, ApiError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "" | "text" | "txt" | "plain" => Ok(DocKind::Text),
            "markdown" | "md" => Ok(DocKind::Markdown),
            "html" | "htm" => Ok(DocKind::Html),
            "docx" => Ok(DocKind::Docx),
            _ => Err(ApiError::bad_request(
                "invalid_type",
                format!("未知的文档类型 {name:?}：type 应为 text、markdown、html 或 docx"),
            )),
        }
    }

    /// The type of an uploaded file, from its name's extension; `None` for
    /// an extension that is none of these.
    pub fn from_file_name(name: &str) -> Option<DocKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(DocKind::Text),
            "md" | "markdown" => Some(DocKind::Markdown),
            "html" | "htm" => Some(DocKind::Html),
            "docx" => Some(DocKind::Docx),
            _ => None,
        }
    }

    /// The name used in requests.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Text => "text",
            DocKind::Markdown => "markdown",
            DocKind::Html => "html",
            DocKind::Docx => "docx",
        }
    }
}

/// A checked document.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    /// The text that the findings' positions refer to (for plain text, the
    /// input without a leading byte-order mark).
    pub text: String,
    /// The findings, in text order.
    pub findings: Vec<Finding>,
}

/// A fixed document.
#[derive(Debug, Clone, Serialize)]
pub struct Fixed {
    /// The text with every certain fix applied.
    pub text: String,
    /// Whether the text changed.
    pub changed: bool,
    /// The fixes applied, with positions in the text as sent.
    pub fixes: Vec<Finding>,
}

impl DocKind {
    fn library(self) -> DocumentKind {
        match self {
            DocKind::Text => DocumentKind::Text,
            DocKind::Markdown => DocumentKind::Markdown,
            DocKind::Html => DocumentKind::Html,
            DocKind::Docx => DocumentKind::Docx,
        }
    }
}

/// Reads a document, its errors as the API answers them.
fn read(kind: DocKind, bytes: &[u8]) -> Result<Document, ApiError> {
    Document::from_bytes(kind.library(), bytes).map_err(|e| match e.kind() {
        ErrorKind::NotUtf8 { offset, .. } => ApiError::bad_request(
            "invalid_utf8",
            format!("文本不是 UTF-8 编码（第 {offset} 字节起无效），请另存为 UTF-8 后再提交"),
        ),
        ErrorKind::Binary { .. } => ApiError::bad_request("binary", "文件含有 NUL 字节，不是文本文件".to_string()),
        ErrorKind::Unsupported { .. } => ApiError::unsupported_type(kind.as_str()),
        _ => ApiError::bad_request("invalid_document", format!("无法读取{}文档：{e}", kind.as_str())),
    })
}

/// The text that positions refer to: the source without a leading
/// byte-order mark (for .docx, its paragraphs, one a line).
fn source_text(doc: &Document) -> String {
    doc.source()
        .strip_prefix('\u{feff}')
        .unwrap_or(doc.source())
        .to_string()
}

/// Positions in the source without its byte-order mark.
fn finding(doc: &Document, d: &jiaodui::Diagnostic) -> Finding {
    let mut f = Finding::new(d, &doc.position(d.span.clone()));
    if doc.has_bom() {
        f.byte_start -= '\u{feff}'.len_utf8();
        f.byte_end -= '\u{feff}'.len_utf8();
    }
    f
}

/// Checks a document of type `kind`.
pub fn check_document(linter: &Linter, kind: DocKind, bytes: Vec<u8>) -> Result<Checked, ApiError> {
    let doc = read(kind, &bytes)?;
    let findings = linter.check_document(&doc).iter().map(|d| finding(&doc, d)).collect();
    Ok(Checked {
        text: source_text(&doc),
        findings,
    })
}

/// Applies the certain fixes to a document of type `kind` (text, Markdown
/// or HTML; a .docx is not rewritten).
pub fn fix_document(linter: &Linter, kind: DocKind, bytes: Vec<u8>) -> Result<Fixed, ApiError> {
    let doc = read(kind, &bytes)?;
    let fixes = linter
        .check_document(&doc)
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| {
            let mut f = finding(&doc, d);
            // The replacement applied is the certain fix.
            f.suggestions = d.fix.iter().cloned().collect();
            f
        })
        .collect();
    let fixed = linter.fix_document(&doc).map_err(|e| match e.kind() {
        ErrorKind::Unfixable { .. } => ApiError::unsupported_type(kind.as_str()),
        _ => ApiError::bad_request("invalid_document", e.to_string()),
    })?;
    Ok(match fixed {
        Some(text) => Fixed {
            text: text.strip_prefix('\u{feff}').unwrap_or(&text).to_string(),
            changed: true,
            fixes,
        },
        None => Fixed {
            text: source_text(&doc),
            changed: false,
            fixes,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(DocKind::parse("Markdown").unwrap(), DocKind::Markdown);
        assert_eq!(DocKind::parse("pdf").unwrap_err().code, "invalid_type");
        assert_eq!(DocKind::from_file_name("稿件.DOCX"), Some(DocKind::Docx));
        assert_eq!(DocKind::from_file_name("noext"), None);
    }

    #[test]
    fn text_without_bom() {
        let linter = Linter::new();
        let c = check_document(&linter, DocKind::Text, "\u{feff}请按装".as_bytes().to_vec()).unwrap();
        assert_eq!(c.text, "请按装");
        assert_eq!((c.findings[0].byte_start, c.findings[0].column), (3, 2));
        let e = check_document(&linter, DocKind::Text, vec![b'a', 0xff]).unwrap_err();
        assert_eq!(e.code, "invalid_utf8");
        let c = check_document(&linter, DocKind::Html, "<p>请<b>按装</b></p>".as_bytes().to_vec()).unwrap();
        assert_eq!((c.findings[0].byte_start, c.findings[0].found.as_str()), (9, "按装"));
        let c = check_document(&linter, DocKind::Markdown, "# 通知\n\n请按装`按装`".as_bytes().to_vec()).unwrap();
        assert_eq!(c.findings.len(), 1);
    }
}
