#![allow(dead_code)] // each test crate uses some of these

//! Helpers shared by the rule tables.

use jiaodui::{Diagnostic, Linter};

/// Checks that each text gives exactly one finding, of `rule`, at `found`,
/// with `suggestion` first; returns the findings for further checks.
pub fn assert_single(linter: &Linter, rule: &str, table: &[(&str, &str, &str)]) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for (text, found, suggestion) in table {
        let d = linter.check(text);
        assert_eq!(d.len(), 1, "in {text:?}: {d:#?}");
        assert_eq!((d[0].rule, d[0].found.as_str()), (rule, *found), "in {text:?}");
        assert_eq!(
            d[0].suggestions.first().map(String::as_str),
            Some(*suggestion),
            "in {text:?}"
        );
        all.extend(d);
    }
    all
}

/// Checks that no text gives any finding.
pub fn assert_silent(linter: &Linter, texts: &[&str]) {
    for text in texts {
        let d = linter.check(text);
        assert!(d.is_empty(), "false alarm in {text:?}: {d:#?}");
    }
}
