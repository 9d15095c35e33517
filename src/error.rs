use std::fmt;
use std::path::PathBuf;

/// An error building a [`Linter`](crate::Linter) (a bad user dictionary, an
/// unreadable file, an unknown rule id), reading a
/// [`Document`](crate::Document) or loading a configuration file.
///
/// The [`Display`](fmt::Display) message says what is wrong and how to fix
/// it; [`Error::kind`] gives the details as data.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong. New kinds may be added in minor releases.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A line of a dictionary could not be read.
    Dictionary {
        /// The file path, or the name given to a dictionary passed as text.
        source: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line and how to fix it.
        reason: String,
    },
    /// A file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        error: std::io::Error,
    },
    /// A language model file that cannot be used.
    Model {
        /// The file path.
        source: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A rule id that no rule has.
    UnknownRule {
        /// The id as given.
        id: String,
        /// The closest known id, if any is close.
        did_you_mean: Option<&'static str>,
    },
    /// Bytes with a NUL byte: a binary file, not text.
    Binary {
        /// The byte offset of the first NUL byte.
        offset: usize,
    },
    /// Bytes that are not valid UTF-8 (often GB18030 or GBK).
    NotUtf8 {
        /// The byte offset of the first invalid byte.
        offset: usize,
    },
    /// A document that cannot be read as its kind: a truncated HTML tag, a
    /// damaged .docx file.
    Document {
        /// What it was read as.
        kind: crate::DocumentKind,
        /// The byte offset where it goes wrong (in the HTML source; in a
        /// .docx's `word/document.xml`), when known.
        offset: Option<usize>,
        /// What is wrong.
        reason: String,
    },
    /// A kind of document this build of the library does not read: its
    /// cargo feature is off.
    Unsupported {
        /// The kind.
        kind: crate::DocumentKind,
        /// The feature that reads it.
        feature: &'static str,
    },
    /// A kind of document whose fixes cannot be written back (a .docx file:
    /// its text is not its source).
    Unfixable {
        /// The kind.
        kind: crate::DocumentKind,
    },
    /// A configuration file (`jiaodui.toml`) that cannot be read or used.
    Config {
        /// The file.
        path: PathBuf,
        /// The 1-based line of the problem, when known.
        line: Option<usize>,
        /// What is wrong and how to fix it.
        reason: String,
    },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// The kind of error, with its details.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Dictionary { source, line, reason } => {
                write!(f, "{source}:{line}: {reason}")
            }
            ErrorKind::Model { source, reason } => {
                write!(f, "{source}: cannot use this language model: {reason}")
            }
            ErrorKind::Io { path, error } => {
                write!(f, "cannot read {}: {error}", path.display())
            }
            ErrorKind::UnknownRule { id, did_you_mean } => {
                write!(f, "unknown rule id {id:?}")?;
                if let Some(known) = did_you_mean {
                    write!(f, "; did you mean {known:?}?")?;
                }
                write!(f, " (`jiaodui rules` lists every rule id)")
            }
            ErrorKind::Binary { offset } => write!(
                f,
                "binary file (NUL byte at byte offset {offset}); only UTF-8 text is checked"
            ),
            ErrorKind::NotUtf8 { offset } => write!(
                f,
                "not valid UTF-8 at byte offset {offset}; convert the file to UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`)"
            ),
            ErrorKind::Document { reason, .. } => f.write_str(reason),
            ErrorKind::Unsupported { kind, feature } => write!(
                f,
                "this build cannot read {kind} documents: enable the `{feature}` feature of jiaodui"
            ),
            ErrorKind::Unfixable { kind } => write!(
                f,
                "{kind} documents cannot be fixed in place: correct the findings in the source (each names its line and column)"
            ),
            ErrorKind::Config { path, line, reason } => match line {
                Some(line) => write!(f, "{}:{line}: {reason}", path.display()),
                None => write!(f, "{}: {reason}", path.display()),
            },
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}
