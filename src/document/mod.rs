//! Documents: plain text, Markdown, HTML and Word .docx, checked with their
//! findings' positions in the source.

#[cfg(feature = "docx")]
mod docx;
#[cfg(feature = "html")]
mod html;
mod map;
#[cfg(feature = "markdown")]
mod markdown;

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::diagnostic::Diagnostic;
use crate::error::{Error, ErrorKind};
use crate::linter::Linter;
use map::Extracted;

/// What a document is written in, which says how its text is found.
///
/// ```
/// use jiaodui::DocumentKind;
///
/// assert_eq!(DocumentKind::from_path("posts/通知.MD"), DocumentKind::Markdown);
/// assert_eq!(DocumentKind::from_path("report.docx"), DocumentKind::Docx);
/// assert_eq!(DocumentKind::from_path("notes"), DocumentKind::Text);
/// assert_eq!("html".parse::<DocumentKind>(), Ok(DocumentKind::Html));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum DocumentKind {
    /// Plain text: checked as it is.
    Text,
    /// Markdown (CommonMark with tables, footnotes, front matter): the text
    /// of its blocks. Needs the `markdown` feature.
    Markdown,
    /// HTML: its text nodes, entities decoded. Needs the `html` feature.
    Html,
    /// Word .docx: the text of its paragraphs. Needs the `docx` feature.
    Docx,
}

impl DocumentKind {
    /// Every kind.
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::Text,
        DocumentKind::Markdown,
        DocumentKind::Html,
        DocumentKind::Docx,
    ];

    /// The kind of a file by its extension, case-insensitive: `.md` and
    /// `.markdown`, `.html` and `.htm`, `.docx`; anything else is text.
    pub fn from_path(path: impl AsRef<Path>) -> DocumentKind {
        match path
            .as_ref()
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => DocumentKind::Markdown,
            Some("html" | "htm") => DocumentKind::Html,
            Some("docx") => DocumentKind::Docx,
            _ => DocumentKind::Text,
        }
    }

    /// The lowercase name: `text`, `markdown`, `html` or `docx`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Text => "text",
            DocumentKind::Markdown => "markdown",
            DocumentKind::Html => "html",
            DocumentKind::Docx => "docx",
        }
    }

    /// The cargo feature that reads this kind (`None` for plain text).
    pub fn feature(self) -> Option<&'static str> {
        match self {
            DocumentKind::Text => None,
            DocumentKind::Markdown => Some("markdown"),
            DocumentKind::Html => Some("html"),
            DocumentKind::Docx => Some("docx"),
        }
    }

    /// Whether this build of the library reads this kind (its feature is
    /// on).
    pub fn is_supported(self) -> bool {
        match self {
            DocumentKind::Text => true,
            DocumentKind::Markdown => cfg!(feature = "markdown"),
            DocumentKind::Html => cfg!(feature = "html"),
            DocumentKind::Docx => cfg!(feature = "docx"),
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for DocumentKind {
    type Err = String;
    fn from_str(s: &str) -> Result<DocumentKind, String> {
        DocumentKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown document kind {s:?}: use text, markdown, html or docx"))
    }
}

/// A document to check: its source, the text found in it, and the map
/// from that text's offsets back to the source's.
///
/// Build one with [`Document::text`], [`Document::markdown`],
/// [`Document::html`], [`Document::docx`], or [`Document::from_bytes`] for
/// the bytes of a file; check it with [`Linter::check_document`], whose
/// findings have spans in [`Document::source`]; resolve a span to lines,
/// columns and byte offsets with [`Document::position`].
///
/// ```
/// use jiaodui::{Document, Linter};
///
/// let doc = Document::from_bytes(jiaodui::DocumentKind::Text, "\u{feff}通知\n请按装".as_bytes())?;
/// assert_eq!(doc.source(), "通知\n请按装");
/// let d = &Linter::new().check_document(&doc)[0];
/// let at = doc.position(d.span.clone());
/// assert_eq!((at.line, at.column, at.end_column), (2, 2, 4));
/// // Byte offsets are the file's: the byte-order mark counts.
/// assert_eq!((at.byte_start, at.byte_end), (3 + 10, 3 + 16));
/// # Ok::<(), jiaodui::Error>(())
/// ```
///
/// For a .docx document there is no text source: [`Document::source`] is
/// the text of its paragraphs, each ending with a line break, and a
/// position's `line` is the paragraph's number (empty paragraphs count; a
/// soft line break inside a paragraph does not start a line, it counts as
/// one character of the column).
#[derive(Debug, Clone)]
pub struct Document {
    kind: DocumentKind,
    source: String,
    bom: bool,
    /// The text checked and its map, for Markdown and HTML.
    extracted: Option<Extracted>,
    /// Where each line of `source` starts (for .docx: each paragraph);
    /// for text kinds found when first needed: a document that is only
    /// fixed never needs it.
    lines: OnceLock<Vec<usize>>,
}

/// Where a span of a document is: lines and columns from 1 (columns in
/// Unicode scalar values), byte offsets from the start of the document's
/// bytes (a byte-order mark counts; for .docx, offsets in the paragraph
/// text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[non_exhaustive]
pub struct Position {
    /// The line of the start (for .docx: the paragraph).
    pub line: usize,
    /// The column of the start.
    pub column: usize,
    /// The line of the end.
    pub end_line: usize,
    /// The column just after the end.
    pub end_column: usize,
    /// The byte offset of the start.
    pub byte_start: usize,
    /// The byte offset just after the end.
    pub byte_end: usize,
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

impl Document {
    fn new_unchecked(kind: DocumentKind, source: String, extracted: Option<Extracted>) -> Document {
        Document {
            kind,
            source,
            bom: false,
            extracted,
            lines: OnceLock::new(),
        }
    }

    fn lines(&self) -> &[usize] {
        self.lines.get_or_init(|| line_starts(&self.source))
    }

    /// Plain text, checked as it is.
    pub fn text(source: impl Into<String>) -> Document {
        Document::new_unchecked(DocumentKind::Text, source.into(), None)
    }

    /// A Markdown source: the text of its paragraphs, headings, list items,
    /// table cells, quotes and footnotes is checked, each block a line;
    /// code blocks, inline code, front matter, HTML, and link and image
    /// targets are not. HTML comments stay, so that suppression comments
    /// work. Spans of findings cover the source, markup inside included;
    /// a finding's `found` is the text as extracted.
    ///
    /// ```
    /// use jiaodui::{Document, Linter};
    ///
    /// let src = "# 通知\n\n请**按**装客户端，`按装` 是代码。\n";
    /// let doc = Document::markdown(src);
    /// assert_eq!(doc.plain_text(), "通知\n请按装客户端， 是代码。\n");
    ///
    /// let findings = Linter::new().check_document(&doc);
    /// assert_eq!(findings.len(), 1);
    /// assert_eq!(&src[findings[0].span.clone()], "按**装");
    /// assert_eq!(findings[0].found, "按装");
    /// let at = doc.position(findings[0].span.clone());
    /// assert_eq!((at.line, at.column), (3, 4)); // columns of the source: 请, *, *, 按
    /// ```
    #[cfg(feature = "markdown")]
    pub fn markdown(source: impl Into<String>) -> Document {
        let source = source.into();
        let extracted = markdown::extract(&source);
        Document::new_unchecked(DocumentKind::Markdown, source, Some(extracted))
    }

    /// An HTML source (a page, or the body of a WeChat post): its text
    /// nodes are checked, entities decoded; `script`, `style`, `noscript`,
    /// `template` and `svg` are not; block elements end lines.
    ///
    /// ```
    /// use jiaodui::{Document, Linter};
    ///
    /// let src = "<p>请&#25353;装客户端</p><script>var t = '按装';</script>";
    /// let doc = Document::html(src)?;
    /// assert_eq!(doc.plain_text(), "请按装客户端\n");
    /// let d = &Linter::new().check_document(&doc)[0];
    /// assert_eq!(&src[d.span.clone()], "&#25353;装");
    ///
    /// // A truncated document is an error, with where it breaks off.
    /// let err = Document::html("<p>请按装</p><div class=").unwrap_err();
    /// assert_eq!(err.to_string(), "unclosed tag at byte offset 16");
    /// # Ok::<(), jiaodui::Error>(())
    /// ```
    ///
    /// # Errors
    /// A tag or comment that is not closed.
    #[cfg(feature = "html")]
    pub fn html(source: impl Into<String>) -> Result<Document, Error> {
        let source = source.into();
        let extracted = html::extract(&source).map_err(|(offset, reason)| {
            Error::new(ErrorKind::Document {
                kind: DocumentKind::Html,
                offset: Some(offset),
                reason,
            })
        })?;
        Ok(Document::new_unchecked(DocumentKind::Html, source, Some(extracted)))
    }

    /// A Word .docx file's bytes: the text of its paragraphs, one line each
    /// (see the note on .docx above: a position's line is the paragraph's
    /// number). A document cannot be fixed.
    ///
    /// ```
    /// use std::io::Write;
    /// use jiaodui::{Document, Linter};
    ///
    /// // A .docx is a zip archive with the text in word/document.xml.
    /// let xml = r#"<w:document xmlns:w="w"><w:body>
    ///     <w:p><w:r><w:t>通知</w:t></w:r></w:p>
    ///     <w:p/>
    ///     <w:p><w:r><w:t>第一行</w:t><w:br/><w:t>请按</w:t></w:r><w:r><w:t>装客户端</w:t></w:r></w:p>
    /// </w:body></w:document>"#;
    /// let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    /// zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())?;
    /// zip.write_all(xml.as_bytes())?;
    /// let bytes = zip.finish()?.into_inner();
    ///
    /// let doc = Document::docx(&bytes)?;
    /// assert_eq!(doc.source(), "通知\n\n第一行\n请按装客户端\n");
    /// let d = &Linter::new().check_document(&doc)[0];
    /// let at = doc.position(d.span.clone());
    /// // The third paragraph (the empty one counts), after the soft break.
    /// assert_eq!((at.line, at.column), (3, 6));
    /// assert_eq!(doc.line(3), Some("第一行\n请按装客户端"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// Bytes that are not a zip archive, one without `word/document.xml`,
    /// damaged XML.
    #[cfg(feature = "docx")]
    pub fn docx(bytes: &[u8]) -> Result<Document, Error> {
        let (text, paragraphs) = docx::extract(bytes).map_err(|(offset, reason)| {
            Error::new(ErrorKind::Document {
                kind: DocumentKind::Docx,
                offset,
                reason,
            })
        })?;
        Ok(Document {
            kind: DocumentKind::Docx,
            source: text,
            bom: false,
            extracted: None,
            lines: OnceLock::from(paragraphs),
        })
    }

    /// A document of a text kind from its source text, e.g. for an editor
    /// that sends the text and its language.
    ///
    /// # Errors
    /// As [`Document::html`]; a kind whose cargo feature is off; .docx,
    /// which is not text (read it with [`Document::docx`] or
    /// [`Document::from_bytes`]).
    pub fn new(kind: DocumentKind, source: impl Into<String>) -> Result<Document, Error> {
        match kind {
            DocumentKind::Text => Ok(Document::text(source)),
            #[cfg(feature = "markdown")]
            DocumentKind::Markdown => Ok(Document::markdown(source)),
            #[cfg(feature = "html")]
            DocumentKind::Html => Document::html(source),
            DocumentKind::Docx => Err(Error::new(ErrorKind::Document {
                kind,
                offset: None,
                reason: "a .docx document is a zip archive, not text: read its bytes with Document::docx or Document::from_bytes".into(),
            })),
            #[allow(unreachable_patterns)]
            kind => Err(unsupported(kind)),
        }
    }

    /// A document of `kind` from the bytes of a file. Text kinds must be
    /// UTF-8: a leading byte-order mark is removed (and counted in byte
    /// offsets), a NUL byte means a binary file.
    ///
    /// ```
    /// use jiaodui::{Document, DocumentKind, ErrorKind};
    ///
    /// let err = Document::from_bytes(DocumentKind::Text, b"\xc7\xeb\xb0\xb2").unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::NotUtf8 { offset: 0 }));
    /// assert!(err.to_string().contains("iconv -f GB18030 -t UTF-8"));
    /// ```
    ///
    /// # Errors
    /// Bytes that are not UTF-8 text, and as [`Document::new`].
    pub fn from_bytes(kind: DocumentKind, bytes: &[u8]) -> Result<Document, Error> {
        if kind == DocumentKind::Docx {
            return docx_from_bytes(bytes);
        }
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let offset = if bom { 3 } else { 0 };
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            return Err(Error::new(ErrorKind::Binary { offset: nul }));
        }
        let text = std::str::from_utf8(&bytes[offset..]).map_err(|e| {
            Error::new(ErrorKind::NotUtf8 {
                offset: e.valid_up_to() + offset,
            })
        })?;
        let mut doc = Document::new(kind, text)?;
        doc.bom = bom;
        Ok(doc)
    }

    /// A document of the same kind and byte-order mark with another
    /// source: the fixed document, from [`Linter::fix_document`]'s text.
    ///
    /// # Errors
    /// As [`Document::new`].
    pub fn with_source(&self, source: impl Into<String>) -> Result<Document, Error> {
        let mut doc = Document::new(self.kind, source)?;
        doc.bom = self.bom;
        Ok(doc)
    }

    /// What the document is written in.
    pub fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// The source text, without a byte-order mark. Findings of
    /// [`Linter::check_document`] have spans in it. For .docx: the text of
    /// the paragraphs.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The text that is checked: for plain text and .docx the source, for
    /// Markdown and HTML the text extracted from it.
    pub fn plain_text(&self) -> &str {
        match &self.extracted {
            Some(e) => &e.text,
            None => &self.source,
        }
    }

    /// Whether the bytes began with a UTF-8 byte-order mark (removed from
    /// [`Document::source`], counted in byte offsets; write it back when
    /// saving a fixed source).
    pub fn has_bom(&self) -> bool {
        self.bom
    }

    /// A span of [`Document::plain_text`] as a span of
    /// [`Document::source`]: from the source of its first character to
    /// just after the source of its last one. The identity for plain text
    /// and .docx; clamped to the text, never a panic.
    pub fn source_span(&self, span: Range<usize>) -> Range<usize> {
        match &self.extracted {
            Some(e) => e.span(span),
            None => {
                let end = span.end.min(self.source.len());
                span.start.min(end)..end
            }
        }
    }

    /// The 1-based line and column of a byte offset of the source; an
    /// offset inside a character or past the end is moved back to the
    /// nearest boundary.
    fn line_col(&self, byte: usize) -> (usize, usize) {
        let text = &self.source;
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        let lines = self.lines();
        let line = lines.partition_point(|&s| s <= byte).max(1);
        let start = lines[line - 1];
        (line, text[start..byte].chars().count() + 1)
    }

    /// Where a span of [`Document::source`] is.
    pub fn position(&self, span: Range<usize>) -> Position {
        let (line, column) = self.line_col(span.start);
        let (end_line, end_column) = self.line_col(span.end);
        let offset = if self.bom { 3 } else { 0 };
        Position {
            line,
            column,
            end_line,
            end_column,
            byte_start: span.start + offset,
            byte_end: span.end + offset,
        }
    }

    /// The text of 1-based line `line` of the source, without its line
    /// ending (for .docx: the paragraph, soft line breaks included).
    pub fn line(&self, line: usize) -> Option<&str> {
        let lines = self.lines();
        let start = *lines.get(line.checked_sub(1)?)?;
        let end = lines
            .get(line)
            .map_or(self.source.len(), |&s| s.saturating_sub(1).max(start));
        let text = self.source.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }
}

#[cfg(feature = "docx")]
fn docx_from_bytes(bytes: &[u8]) -> Result<Document, Error> {
    Document::docx(bytes)
}

#[cfg(not(feature = "docx"))]
fn docx_from_bytes(_: &[u8]) -> Result<Document, Error> {
    Err(unsupported(DocumentKind::Docx))
}

fn unsupported(kind: DocumentKind) -> Error {
    Error::new(ErrorKind::Unsupported {
        kind,
        feature: kind.feature().unwrap_or_default(),
    })
}

impl Linter {
    /// Checks a document: its [`Document::plain_text`], the findings' spans
    /// mapped back to [`Document::source`]. In text order.
    ///
    /// ```
    /// use jiaodui::{Document, Linter};
    ///
    /// let linter = Linter::new();
    /// let doc = Document::text("请按装");
    /// assert_eq!(linter.check_document(&doc), linter.check("请按装"));
    /// ```
    pub fn check_document(&self, doc: &Document) -> Vec<Diagnostic> {
        let mut findings = self.check(doc.plain_text());
        if doc.extracted.is_some() {
            for d in &mut findings {
                d.span = doc.source_span(d.span.clone());
            }
        }
        findings
    }

    /// The document's source with its certain fixes applied (see
    /// [`Linter::fix`]), or `None` when there is nothing to fix. Plain text
    /// is fixed to a fixed point; Markdown and HTML once, by the fixes whose
    /// text stands verbatim in the source (a fix inside markup or an entity
    /// is left alone). [`Document::with_source`] makes the fixed document,
    /// to check it again.
    ///
    /// ```
    /// # #[cfg(feature = "markdown")]
    /// # fn main() -> Result<(), jiaodui::Error> {
    /// use jiaodui::{Document, Linter};
    ///
    /// let linter = Linter::new();
    /// let doc = Document::markdown("# 二⽉\n\n`⼀` 通\u{200b}知\n");
    /// let fixed = linter.fix_document(&doc)?.expect("something to fix");
    /// assert_eq!(fixed, "# 二月\n\n`⼀` 通知\n");  // code is not checked
    /// assert!(linter.fix_document(&doc.with_source(fixed)?)?.is_none());
    /// # Ok(())
    /// # }
    /// # #[cfg(not(feature = "markdown"))]
    /// # fn main() {}
    /// ```
    ///
    /// # Errors
    /// A .docx document: its text is not its source ([`ErrorKind::Unfixable`]).
    pub fn fix_document(&self, doc: &Document) -> Result<Option<String>, Error> {
        let fixed = match doc.kind {
            DocumentKind::Docx => return Err(Error::new(ErrorKind::Unfixable { kind: doc.kind })),
            _ if doc.extracted.is_none() => match self.fix(&doc.source) {
                std::borrow::Cow::Borrowed(_) => return Ok(None),
                std::borrow::Cow::Owned(fixed) => fixed,
            },
            _ => {
                let findings = self.check_document(doc);
                let fixes = findings.iter().filter_map(|d| {
                    let verbatim = doc.source.get(d.span.clone()) == Some(d.found.as_str());
                    d.fix.as_deref().filter(|_| verbatim).map(|f| (d.span.clone(), f))
                });
                match apply(&doc.source, fixes) {
                    Some(fixed) => fixed,
                    None => return Ok(None),
                }
            }
        };
        Ok(Some(fixed))
    }
}

/// Applies replacements to `text`, in order of position, skipping any that
/// overlaps an earlier one; `None` when nothing changes.
fn apply<'f>(text: &str, fixes: impl Iterator<Item = (Range<usize>, &'f str)>) -> Option<String> {
    let mut fixes: Vec<_> = fixes.collect();
    fixes.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut changed = false;
    for (r, f) in fixes {
        let Some(old) = text.get(r.clone()).filter(|_| r.start >= at) else {
            continue;
        };
        out.push_str(&text[at..r.start]);
        out.push_str(f);
        changed |= old != f;
        at = r.end;
    }
    out.push_str(&text[at..]);
    changed.then_some(out)
}

/// A finding with its position, for one document named `path`: what a
/// front end reports. It serializes as the JSON object of `jiaodui check
/// --format json`, keys in this order: `path`, `line`, `column`,
/// `end_line`, `end_column`, `byte_start`, `byte_end`, `rule`, `severity`,
/// `message`, `found`, `suggestions`, and `origin` (`{"source", "line"}`:
/// the dictionary line behind the finding) where the finding has one.
///
/// ```
/// use jiaodui::{Document, Linter, Located};
///
/// let linter = Linter::builder().dictionary("本单位.tsv", "清松镇\t青松镇\n").build()?;
/// let doc = Document::text("通知\n清松镇");
/// let d = &linter.check_document(&doc)[0];
/// let json = serde_json::to_string(&Located::new("a.txt", &doc, d)).unwrap();
/// assert_eq!(json, r#"{"path":"a.txt","line":2,"column":1,"end_line":2,"end_column":4,"byte_start":7,"byte_end":16,"rule":"typo.word","severity":"error","message":"疑似错别字：“清松镇”应为“青松镇”","found":"清松镇","suggestions":["青松镇"],"origin":{"source":"本单位.tsv","line":1}}"#);
///
/// // A finding that no data line stands behind has no `origin`.
/// let doc = Document::text("通\u{200b}知");
/// let d = &linter.check_document(&doc)[0];
/// let json = serde_json::to_string(&Located::new("b.txt", &doc, d)).unwrap();
/// assert!(json.ends_with(r#""suggestions":[""]}"#), "{json}");
/// # Ok::<(), jiaodui::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Located<'a> {
    /// The document's name, as reported.
    pub path: &'a str,
    /// Where the finding is.
    pub position: Position,
    /// The finding, its span in the document's source.
    pub diagnostic: &'a Diagnostic,
}

impl<'a> Located<'a> {
    /// Locates a finding of `doc` (one that [`Linter::check_document`]
    /// returned for it).
    pub fn new(path: &'a str, doc: &Document, diagnostic: &'a Diagnostic) -> Located<'a> {
        Located {
            path,
            position: doc.position(diagnostic.span.clone()),
            diagnostic,
        }
    }
}

impl Serialize for Located<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (p, d) = (&self.position, self.diagnostic);
        let mut s = serializer.serialize_struct("Located", 13)?;
        s.serialize_field("path", self.path)?;
        s.serialize_field("line", &p.line)?;
        s.serialize_field("column", &p.column)?;
        s.serialize_field("end_line", &p.end_line)?;
        s.serialize_field("end_column", &p.end_column)?;
        s.serialize_field("byte_start", &p.byte_start)?;
        s.serialize_field("byte_end", &p.byte_end)?;
        s.serialize_field("rule", d.rule)?;
        s.serialize_field("severity", &d.severity)?;
        s.serialize_field("message", &d.message)?;
        s.serialize_field("found", &d.found)?;
        s.serialize_field("suggestions", &d.suggestions)?;
        match d.origin() {
            Some(origin) => s.serialize_field("origin", origin)?,
            None => s.skip_field("origin")?,
        }
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_lines_of_every_kind() {
        let doc = Document::text("第一行\r\n请按装\n");
        assert_eq!(doc.line(1), Some("第一行"));
        assert_eq!(doc.line(2), Some("请按装"));
        assert_eq!(doc.line(3), Some(""));
        assert_eq!(doc.line(4), None);
        assert_eq!(doc.line(0), None);
        let at = doc.position(14..20);
        assert_eq!((at.line, at.column, at.end_line, at.end_column), (2, 2, 2, 4));
        // Past the end or inside a character: moved back, no panic.
        let at = doc.position(1..1000);
        assert_eq!((at.line, at.column, at.end_line, at.end_column), (1, 1, 3, 1));
        assert_eq!(doc.source_span(5..1000), 5..doc.source().len());
    }

    #[test]
    fn bytes_are_decoded_or_refused_with_the_offset() {
        let d = Document::from_bytes(DocumentKind::Text, b"\xEF\xBB\xBFabc").unwrap();
        assert_eq!((d.source(), d.has_bom()), ("abc", true));
        let e = Document::from_bytes(DocumentKind::Text, b"ab\xFFcd").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::NotUtf8 { offset: 2 }));
        let e = Document::from_bytes(DocumentKind::Markdown, b"\xEF\xBB\xBFab\xFF").unwrap_err();
        assert!(e.to_string().starts_with("not valid UTF-8 at byte offset 5"), "{e}");
        let e = Document::from_bytes(DocumentKind::Html, b"ab\0cd").unwrap_err();
        assert_eq!(
            e.to_string(),
            "binary file (NUL byte at byte offset 2); only UTF-8 text is checked"
        );
        assert_eq!(Document::from_bytes(DocumentKind::Text, b"").unwrap().source(), "");
        assert!(Document::new(DocumentKind::Docx, "PK").is_err());
        let e = Document::from_bytes(DocumentKind::Docx, b"PK\x03\x04 cut").unwrap_err();
        if cfg!(feature = "docx") {
            assert!(matches!(
                e.kind(),
                ErrorKind::Document {
                    kind: DocumentKind::Docx,
                    ..
                }
            ));
        } else {
            assert!(matches!(e.kind(), ErrorKind::Unsupported { feature: "docx", .. }));
        }
    }

    #[test]
    #[cfg(feature = "html")]
    fn fixes_keep_the_kind_and_the_bom() {
        let linter = Linter::new();
        let doc = Document::from_bytes(DocumentKind::Html, "\u{feff}<p>⼀次&amp;⼆</p>".as_bytes()).unwrap();
        let fixed = doc.with_source(linter.fix_document(&doc).unwrap().unwrap()).unwrap();
        assert_eq!((fixed.kind(), fixed.has_bom()), (DocumentKind::Html, true));
        assert_eq!(fixed.source(), "<p>一次&amp;二</p>");
        assert!(linter.fix_document(&Document::text("通知")).unwrap().is_none());
        let docx = Document::text("x");
        let docx = Document {
            kind: DocumentKind::Docx,
            ..docx
        };
        let err = linter.fix_document(&docx).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::Unfixable {
                kind: DocumentKind::Docx
            }
        ));
    }

    #[test]
    fn overlapping_or_out_of_range_fixes_are_skipped() {
        let fixes = [(0..3, "x"), (1..2, "y"), (5..9, "z"), (3..4, "b")];
        assert_eq!(apply("abcde", fixes.into_iter()), Some("xbe".to_string()));
        assert_eq!(apply("abc", [(0..1, "a")].into_iter()), None);
    }
}
