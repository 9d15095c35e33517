//! Every input type's extraction, in one place.
//!
//! Plain text is checked as it is. Markdown, HTML and Word `.docx` answer
//! `unsupported_type` for now: their extraction moves from the command line
//! into the library, and is plugged in here, in [`check_document`] and
//! [`fix_document`] only.

use jiaodui::{LineIndex, Linter};
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

fn decode(bytes: Vec<u8>) -> Result<String, ApiError> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        ApiError::bad_request(
            "invalid_utf8",
            format!(
                "文本不是 UTF-8 编码（第 {} 字节起无效），请另存为 UTF-8 后再提交",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Checks a document of type `kind`.
pub fn check_document(linter: &Linter, kind: DocKind, bytes: Vec<u8>) -> Result<Checked, ApiError> {
    match kind {
        DocKind::Text => {
            let text = decode(bytes)?;
            let index = LineIndex::new(&text);
            let findings = linter.check(&text).iter().map(|d| Finding::new(d, &index)).collect();
            Ok(Checked { text, findings })
        }
        other => Err(ApiError::unsupported_type(other.as_str())),
    }
}

/// Applies the certain fixes to a document of type `kind`.
pub fn fix_document(linter: &Linter, kind: DocKind, bytes: Vec<u8>) -> Result<Fixed, ApiError> {
    match kind {
        DocKind::Text => {
            let text = decode(bytes)?;
            let index = LineIndex::new(&text);
            let fixes = linter
                .check(&text)
                .iter()
                .filter(|d| d.fix.is_some())
                .map(|d| {
                    let mut f = Finding::new(d, &index);
                    // The replacement applied is the certain fix.
                    f.suggestions = d.fix.iter().cloned().collect();
                    f
                })
                .collect();
            let (fixed, changed) = match linter.fix(&text) {
                std::borrow::Cow::Borrowed(_) => (String::new(), false),
                std::borrow::Cow::Owned(t) => (t, true),
            };
            let text = if changed { fixed } else { text };
            Ok(Fixed { text, changed, fixes })
        }
        other => Err(ApiError::unsupported_type(other.as_str())),
    }
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
        let e = check_document(&linter, DocKind::Html, b"<p>x</p>".to_vec()).unwrap_err();
        assert_eq!(e.code, "unsupported_type");
    }
}
