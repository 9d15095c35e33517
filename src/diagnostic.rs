use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// How serious a finding is.
///
/// Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; often a matter of style.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong: fix before publishing.
    Error,
}

impl Severity {
    /// The lowercase name: `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Severity, String> {
        match s {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            _ => Err(format!("unknown severity {s:?}: use error, warning or info")),
        }
    }
}

/// One finding: a rule, where it applies, what is wrong and what to write
/// instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Stable rule id, `family.name`, e.g. `typo.word`.
    pub rule: &'static str,
    /// How serious it is (the rule's default, or as configured).
    pub severity: Severity,
    /// Byte range of the finding in the checked text, always on char
    /// boundaries.
    pub span: Range<usize>,
    /// The text at `span`.
    pub found: String,
    /// What is wrong, in Chinese.
    pub message: String,
    /// Replacements for `found`, best first; may be empty.
    pub suggestions: Vec<String>,
    /// The replacement that automatic fixing applies, set only where the
    /// fix is certain (a Kangxi radical for its ideograph, a zero-width
    /// space deleted); `Linter::fix` applies these.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

/// Maps byte offsets of a text to 1-based line and column numbers, columns
/// counted in Unicode scalar values (`char`s).
///
/// Lines end at `\n`; a `\r` before it belongs to the line ending.
///
/// ```
/// let text = "第一行\n按装软件";
/// let index = jiaodui::LineIndex::new(text);
/// let byte = text.find("按装").unwrap();
/// assert_eq!(index.line_col(byte), (2, 1));
/// assert_eq!(index.line_col(byte + "按装".len()), (2, 3));
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    /// 1-based `(line, column)` of a byte offset. An offset inside a
    /// character or past the end is moved back to the nearest boundary.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= byte);
        let start = self.starts[line - 1];
        (line, self.text[start..byte].chars().count() + 1)
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(self.text.len(), |&s| s - 1);
        let text = &self.text[start..end];
        Some(text.strip_suffix('\r').unwrap_or(text))
    }
}
