//! `--fix` and `--diff`: write a fixed file atomically, or show the fixes
//! as a diff. (The fixes themselves are the library's:
//! `Linter::fix_document`.)

use std::io::{self, Write};
use std::path::Path;

/// Writes `text` (plus a BOM of `bom` bytes) over `path`, which held
/// `original` when it was read: a temporary file in the same directory,
/// with the original's permissions, renamed over it. Refuses when the file
/// changed in the meantime.
pub fn write_atomically(path: &Path, original: &[u8], bom: bool, text: &str) -> Result<(), String> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("cannot create a temporary file: {e}"))?;
    if bom {
        tmp.write_all(b"\xEF\xBB\xBF")
            .map_err(|e| format!("cannot write: {e}"))?;
    }
    tmp.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write: {e}"))?;
    tmp.as_file().sync_all().map_err(|e| format!("cannot write: {e}"))?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(|e| format!("cannot set permissions: {e}"))?;
    // The file must still be what was read.
    let now = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if now != original {
        return Err("the file changed since it was read; not fixed (run again)".into());
    }
    tmp.persist(path)
        .map_err(|e| format!("cannot replace the file: {}", e.error))?;
    Ok(())
}

/// Prints a unified diff of a file's fixes.
pub fn print_diff(out: &mut impl Write, name: &str, before: &str, after: &str) -> io::Result<()> {
    let diff = similar::TextDiff::from_lines(before, after);
    write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(2)
            .header(&format!("a/{name}"), &format!("b/{name}"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_file_that_changed_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "new content").unwrap();
        let err = write_atomically(&path, b"old content", false, "fixed").unwrap_err();
        assert!(err.contains("changed since it was read"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new content");

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_atomically(&path, b"new content", true, "fixed").unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), b"\xEF\xBB\xBFfixed");
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
    }
}
