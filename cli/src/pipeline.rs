//! One input through one path: bytes → [`Document`] (the extracted text) →
//! fixes, when fixing or diffing → findings → output. Check, fix and diff
//! are modes of it.

use std::io::{self, Write};
use std::path::PathBuf;

use jiaodui::{Document, DocumentKind, ErrorKind, Linter, Located, Severity};

use crate::args::Format;
use crate::fix;
use crate::input::{self, Source};
use crate::output::{self, Record, Style};

/// What is done with each input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Report the findings.
    Check,
    /// Write the certain fixes to the file (or, for standard input, print
    /// the fixed text), then report the findings of the fixed text.
    Fix,
    /// Print the certain fixes as a unified diff.
    Diff,
}

/// The settings every input shares.
#[derive(Clone, Copy)]
pub struct Settings {
    pub mode: Mode,
    pub format: Format,
    pub style: Style,
}

/// One input and how to check it.
pub struct Input<'a> {
    pub source: &'a Source,
    /// The name reported for it.
    pub name: String,
    pub kind: DocumentKind,
    pub linter: &'a Linter,
    /// Findings at or above it fail the run.
    pub threshold: Option<Severity>,
}

/// What checking one input produced: its output, kept until the inputs
/// before it are written, so that the order does not depend on threads.
#[derive(Default)]
pub struct FileResult {
    pub stdout: Vec<u8>,
    pub stderr: Vec<String>,
    pub records: Vec<Record>,
    pub findings: usize,
    pub failing: bool,
    pub fixed: bool,
}

impl FileResult {
    fn error(&mut self, source: &Source, e: impl std::fmt::Display) {
        self.stderr.push(format!("jiaodui: error: {source}: {e}"));
    }
}

/// Checks (fixes, diffs) one input.
pub fn process(input: &Input<'_>, settings: Settings) -> FileResult {
    let mut r = FileResult::default();
    if let Err(e) = process_into(input, settings, &mut r) {
        r.error(input.source, e);
    }
    r
}

fn process_into(input: &Input<'_>, settings: Settings, r: &mut FileResult) -> io::Result<()> {
    let bytes = match input::read_bytes(input.source) {
        Ok(b) => b,
        Err(e) => {
            r.error(input.source, e);
            return Ok(());
        }
    };
    let doc = match Document::from_bytes(input.kind, &bytes) {
        Ok(d) => d,
        Err(e) => {
            r.error(input.source, e);
            return Ok(());
        }
    };
    let doc = match settings.mode {
        Mode::Check => doc,
        Mode::Fix | Mode::Diff => match fix_step(input, settings.mode, doc, &bytes, r)? {
            Some(doc) => doc,
            None => return Ok(()),
        },
    };
    let findings = input.linter.check_document(&doc);
    r.findings = findings.len();
    for d in &findings {
        r.failing |= input.threshold.is_some_and(|t| d.severity >= t);
        let located = Located::new(&input.name, &doc, d);
        output::finding(
            settings.format,
            &mut r.stdout,
            &mut r.records,
            &located,
            &doc,
            settings.style,
        )?;
    }
    Ok(())
}

/// Fixes a document, or shows its fixes. The document whose findings are
/// then reported (the fixed one once written), or `None` when the input is
/// done: diffed, printed to standard output, or not writable.
fn fix_step(
    input: &Input<'_>,
    mode: Mode,
    doc: Document,
    bytes: &[u8],
    r: &mut FileResult,
) -> io::Result<Option<Document>> {
    let fixed = match input.linter.fix_document(&doc) {
        Ok(f) => f,
        Err(e) if matches!(e.kind(), ErrorKind::Unfixable { .. }) => {
            r.error(input.source, "--fix and --diff do not change .docx files");
            return Ok(None);
        }
        Err(e) => {
            r.error(input.source, e);
            return Ok(None);
        }
    };
    let Some(fixed) = fixed else {
        // Nothing to fix: no diff; standard input is printed as it is.
        if mode == Mode::Fix && *input.source == Source::Stdin {
            r.stdout.write_all(doc.source().as_bytes())?;
            return Ok(None);
        }
        return Ok((mode == Mode::Fix).then_some(doc));
    };
    match (mode, input.source) {
        (Mode::Diff, _) => {
            fix::print_diff(&mut r.stdout, &input.name, doc.source(), &fixed)?;
            r.fixed = true;
            r.failing = true;
            Ok(None)
        }
        (_, Source::Stdin) => {
            r.stdout.write_all(fixed.as_bytes())?;
            r.fixed = true;
            Ok(None)
        }
        (_, Source::File(path)) => match fix::write_atomically(path, bytes, doc.has_bom(), &fixed) {
            Ok(()) => {
                r.fixed = true;
                // Report the findings of what was written.
                match doc.with_source(fixed) {
                    Ok(fixed) => Ok(Some(fixed)),
                    Err(e) => {
                        r.error(input.source, e);
                        Ok(None)
                    }
                }
            }
            Err(e) => {
                r.error(input.source, e);
                Ok(None)
            }
        },
    }
}

/// The name reported for an input, and its kind: `--type`, else by the file
/// name (`--stdin-filename` for standard input), else text.
pub fn name_and_kind(
    source: &Source,
    stdin_filename: Option<&PathBuf>,
    input_type: Option<DocumentKind>,
) -> (String, DocumentKind) {
    let named = match (source, stdin_filename) {
        (Source::File(p), _) | (Source::Stdin, Some(p)) => Some(p),
        (Source::Stdin, None) => None,
    };
    let name = match (source, stdin_filename) {
        (Source::Stdin, Some(name)) => name.display().to_string(),
        _ => source.to_string(),
    };
    let kind = input_type.unwrap_or_else(|| named.map_or(DocumentKind::Text, DocumentKind::from_path));
    (name, kind)
}
