//! Finding the files to check and reading them.

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
