//! Output formats, one module each. `human` and `json` write each finding
//! as its file is checked; the others need the whole run and write at the
//! end, from [`Record`]s.

mod github;
mod human;
mod json;
mod rdjson;
mod sarif;
mod summary;

use std::io::{self, Write};

use jiaodui::{Diagnostic, Document, Located, Position};

pub use human::Style;

use crate::args::Format;

/// A finding with its file position, owned, for the whole-run formats.
pub struct Record {
    pub path: String,
    pub at: Position,
    pub diagnostic: Diagnostic,
}

/// Writes one finding of `doc` in `format`, or keeps it in `records` for a
/// whole-run format.
pub fn finding(
    format: Format,
    out: &mut Vec<u8>,
    records: &mut Vec<Record>,
    located: &Located<'_>,
    doc: &Document,
    style: Style,
) -> io::Result<()> {
    match format {
        Format::Human => human::finding(out, located, doc.line(located.position.line).unwrap_or(""), style),
        Format::Json => json::finding(out, located),
        Format::Sarif | Format::Github | Format::Rdjson | Format::Summary => {
            records.push(Record {
                path: located.path.to_string(),
                at: located.position,
                diagnostic: located.diagnostic.clone(),
            });
            Ok(())
        }
    }
}

/// The totals of a run, for the formats' endings.
pub struct Totals {
    pub findings: usize,
    pub files_with_findings: usize,
    pub files_checked: usize,
}

/// Ends the output of a run: the whole-run formats, the human format's
/// total.
pub fn finish(format: Format, out: &mut impl Write, records: &[Record], totals: &Totals) -> io::Result<()> {
    match format {
        Format::Human => human::finish(out, totals),
        Format::Json => Ok(()),
        Format::Sarif => sarif::write(out, records),
        Format::Github => github::write(out, records),
        Format::Rdjson => rdjson::write(out, records),
        Format::Summary => summary::write(out, records, totals.files_checked),
    }
}

/// A path as the formats for code hosts want it: relative, without `./`.
fn uri(path: &str) -> &str {
    path.trim_start_matches("./")
}
