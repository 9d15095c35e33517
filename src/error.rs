use std::fmt;
use std::path::PathBuf;

/// An error building a [`Linter`](crate::Linter): a bad user dictionary, an
/// unreadable file, an unknown rule id.
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
