//! `--format json`: JSON Lines, one object per finding (the library's
//! [`Located`], whose key order is part of the format).

use std::io::{self, Write};

use jiaodui::Located;

pub fn finding(out: &mut impl Write, f: &Located<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, f)?;
    out.write_all(b"\n")
}
