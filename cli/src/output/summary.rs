//! `--format summary`: counts per rule and per file.

use std::collections::BTreeMap;
use std::io::{self, Write};

use jiaodui::Severity;

use super::Record;

/// Counts per rule and per file.
pub fn write(out: &mut impl Write, records: &[Record], files_checked: usize) -> io::Result<()> {
    let mut by_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    let mut by_file: BTreeMap<&str, usize> = BTreeMap::new();
    for r in records {
        let e = by_rule.entry(r.diagnostic.rule).or_insert((0, r.diagnostic.severity));
        e.0 += 1;
        e.1 = e.1.max(r.diagnostic.severity);
        *by_file.entry(&r.path).or_default() += 1;
    }
    writeln!(out, "按规则统计：")?;
    for (rule, (n, sev)) in &by_rule {
        writeln!(out, "  {rule:<24} {sev:<8} {n}")?;
    }
    writeln!(out, "按文件统计：")?;
    for (file, n) in &by_file {
        writeln!(out, "  {file}  {n}")?;
    }
    writeln!(
        out,
        "共 {} 处问题，{} 个文件有问题，检查了 {files_checked} 个文件。",
        records.len(),
        by_file.len()
    )
}
