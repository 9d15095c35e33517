//! Finding the files to check and decoding them.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions of the files checked when a directory is walked. A file named
/// on the command line is checked whatever its name.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "docx"];

/// One input: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("-"),
            Source::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// A decoded input.
pub struct Document {
    /// The text, without a leading byte-order mark.
    pub text: String,
    /// The bytes as read, for checking that a file did not change before
    /// it is fixed.
    pub original: Vec<u8>,
    /// Bytes removed before `text` (3 for a UTF-8 BOM), so that byte offsets
    /// can be reported relative to the file.
    pub offset: usize,
}

/// Expands the command-line paths: files as given, directories walked
/// recursively (honouring .gitignore, skipping hidden files), `-` for
/// standard input. Directory entries are sorted for a deterministic order.
/// The second value of each source says whether it was found by walking a
/// directory (include/exclude patterns apply) rather than named.
pub fn expand(paths: &[PathBuf], errors: &mut Vec<(Source, String)>) -> Vec<(Source, bool)> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push((Source::Stdin, false));
        } else if path.is_dir() {
            let mut found = Vec::new();
            let walker = ignore::WalkBuilder::new(path).require_git(false).build();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && has_text_extension(e.path()) => {
                        found.push(e.into_path());
                    }
                    Ok(_) => {}
                    Err(err) => errors.push((Source::File(path.clone()), err.to_string())),
                }
            }
            found.sort();
            out.extend(found.into_iter().map(|p| (Source::File(p), true)));
        } else {
            out.push((Source::File(path.clone()), false));
        }
    }
    out
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

/// Reads an input's bytes.
pub fn read_bytes(source: &Source) -> Result<Vec<u8>, String> {
    match source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(buf)
        }
        Source::File(p) => std::fs::read(p).map_err(|e| format!("cannot read: {e}")),
    }
}

/// Reads and decodes an input. The error message names what is wrong and
/// where (the byte offset in the file).
pub fn read(source: &Source) -> Result<Document, String> {
    let bytes = match source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            buf
        }
        Source::File(p) => std::fs::read(p).map_err(|e| format!("cannot read: {e}"))?,
    };
    decode(bytes)
}

/// Decodes bytes as UTF-8 text: a leading BOM is removed; a NUL byte means a
/// binary file; invalid UTF-8 is refused with the offset of the first bad
/// byte.
pub fn decode(bytes: Vec<u8>) -> Result<Document, String> {
    let offset = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    if let Some(nul) = memchr_nul(&bytes) {
        return Err(format!(
            "binary file (NUL byte at byte offset {nul}); only UTF-8 text is checked"
        ));
    }
    match std::str::from_utf8(&bytes[offset..]) {
        Ok(text) => Ok(Document {
            text: text.to_string(),
            original: bytes,
            offset,
        }),
        Err(e) => Err(format!(
            "not valid UTF-8 at byte offset {}; convert the file to UTF-8 (e.g. `iconv -f GB18030 -t UTF-8`)",
            e.valid_up_to() + offset
        )),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_and_refuses_bad_bytes() {
        let d = decode(b"\xEF\xBB\xBFabc".to_vec()).unwrap();
        assert_eq!((d.text.as_str(), d.offset), ("abc", 3));
        let e = decode(b"ab\xFFcd".to_vec()).err().unwrap();
        assert!(e.starts_with("not valid UTF-8 at byte offset 2"), "{e}");
        let e = decode(b"\xEF\xBB\xBFab\xFF".to_vec()).err().unwrap();
        assert!(e.starts_with("not valid UTF-8 at byte offset 5"), "{e}");
        let e = decode(b"ab\0cd".to_vec()).err().unwrap();
        assert!(e.starts_with("binary file (NUL byte at byte offset 2)"), "{e}");
        assert_eq!(decode(Vec::new()).unwrap().text, "");
    }
}
