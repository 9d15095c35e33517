//! `--format json`: every figure of the report.

use std::io::{self, Write};

use super::model::Report;

pub fn write(out: &mut impl Write, r: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, r)?;
    out.write_all(b"\n")
}
