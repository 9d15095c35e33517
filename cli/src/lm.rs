//! `jiaodui lm build`: a character model from clean publications.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiaodui::{Document, DocumentKind};

use crate::input;

pub fn build(corpus: &[PathBuf], output: &Path) -> io::Result<ExitCode> {
    let mut errors = Vec::new();
    let sources = input::expand(corpus, &mut errors);
    let mut failed = !errors.is_empty();
    for (source, e) in &errors {
        eprintln!("jiaodui: error: {source}: {e}");
    }
    let mut files = 0usize;
    // Every file as plain text (UTF-8, a BOM removed).
    let texts = sources.iter().map(|(s, _)| s).filter_map(|s| {
        let doc = input::read_bytes(s)
            .and_then(|bytes| Document::from_bytes(DocumentKind::Text, &bytes).map_err(|e| e.to_string()));
        match doc {
            Ok(doc) => {
                files += 1;
                Some(doc.source().to_string())
            }
            Err(e) => {
                eprintln!("jiaodui: error: {s}: {e}");
                failed = true;
                None
            }
        }
    });
    let bytes = jiaodui::LanguageModel::train(texts);
    std::fs::write(output, &bytes).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", output.display())))?;
    eprintln!(
        "jiaodui: wrote {} ({} bytes) from {files} files",
        output.display(),
        bytes.len()
    );
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
