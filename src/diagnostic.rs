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
    /// The dictionary or list line behind the finding (see
    /// [`Diagnostic::origin`]). Not serialized with the finding, whose JSON
    /// form is documented; a front end adds it as a key of its own.
    #[serde(skip)]
    pub(crate) origin: Option<Origin>,
}

impl Diagnostic {
    /// The dictionary or list line the finding comes from, where it comes
    /// from one: the built-in `dictionaries/typo.tsv` and its line for a
    /// listed typo, a user dictionary's name and line for one of its
    /// entries, `dictionaries/leaders.tsv` for a name …; `None` for the
    /// findings of rules that follow no list (hygiene, `typo.confusable`).
    ///
    /// ```
    /// let d = &jiaodui::Linter::new().check("请按装软件")[0];
    /// let origin = d.origin().unwrap();
    /// assert_eq!(origin.source(), "dictionaries/typo.tsv");
    /// assert!(origin.line() > 0);
    /// ```
    pub fn origin(&self) -> Option<&Origin> {
        self.origin.as_ref()
    }

    /// The declaration of the finding's rule.
    pub fn rule_info(&self) -> &'static crate::RuleInfo {
        crate::rule(self.rule).unwrap_or(&crate::rules::RULES[0])
    }

    /// Whether the finding is a serious error (严重表述错误) that fails an
    /// account at inspection on its own: a finding of a rule of
    /// [`Category::Serious`](crate::Category::Serious), at a severity its
    /// rule counts as serious (`political.term`: only its errors, not the
    /// expressions to use with caution).
    ///
    /// ```
    /// let linter = jiaodui::Linter::new();
    /// assert!(linter.check("台湾总统发表讲话")[0].is_serious());
    /// assert!(!linter.check("请按装软件")[0].is_serious());
    /// ```
    pub fn is_serious(&self) -> bool {
        crate::rule(self.rule).is_some_and(|r| r.is_serious(self.severity))
    }
}

/// Where a finding comes from: a dictionary or list, and the line of its
/// entry. Serializes as `{"source": …, "line": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    source: std::sync::Arc<str>,
    line: u32,
}

impl Origin {
    pub(crate) fn new(source: std::sync::Arc<str>, line: usize) -> Origin {
        Origin {
            source,
            line: u32::try_from(line).unwrap_or(u32::MAX),
        }
    }

    /// The dictionary or list: the path of a built-in one
    /// (`dictionaries/typo.tsv`), or the name or path a user dictionary
    /// was given by.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The 1-based line of the entry.
    pub fn line(&self) -> u32 {
        self.line
    }
}

impl Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Origin", 2)?;
        s.serialize_field("source", self.source())?;
        s.serialize_field("line", &self.line)?;
        s.end()
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
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
