//! The built-in typo dictionary: `dictionaries/typo.tsv` -> `typo.fst`
//! (wrong form -> record position) and `typo.blob` (the records
//! `correct<TAB>note<TAB>line`).

use std::fs;
use std::path::Path;

use crate::{fail, read, tsv};

/// Returns the wrong forms.
pub(crate) fn build_typos(path: &Path, out: &Path) -> Vec<String> {
    let text = read(path);
    let (fst_bytes, blob) =
        tsv::compile_typos(&text).unwrap_or_else(|e| fail(format!("{}:{}: {}", path.display(), e.line, e.reason)));
    fs::write(out.join("typo.fst"), fst_bytes).expect("write typo.fst");
    fs::write(out.join("typo.blob"), blob).expect("write typo.blob");
    let records = tsv::parse_typos(&text).expect("compiled above");
    records.iter().map(|r| r.wrong.to_string()).collect()
}
