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

/// The findings of the default rule set whose rule id starts with `prefix`.
pub fn findings_of(prefix: &str, text: &str) -> Vec<Diagnostic> {
    Linter::new()
        .check(text)
        .into_iter()
        .filter(|d| d.rule.starts_with(prefix))
        .collect()
}

/// For each `(text, expected)` of a table: the text has as many findings of
/// `prefix` as expected, each spanning the text it reports, and `each`
/// checks every finding against its expectation.
pub fn assert_table<E>(prefix: &str, table: &[(&str, &[E])], mut each: impl FnMut(&str, &Diagnostic, &E)) {
    for &(text, expected) in table {
        let got = findings_of(prefix, text);
        assert_eq!(got.len(), expected.len(), "{text:?}: {got:?}");
        for (d, e) in got.iter().zip(expected) {
            assert_eq!(&text[d.span.clone()], d.found, "{text:?}: {d:?}");
            each(text, d, e);
        }
    }
}

/// Checks that no text gives a finding of `prefix`.
pub fn assert_silent_of(prefix: &str, texts: &[&str]) {
    for &text in texts {
        let got = findings_of(prefix, text);
        assert!(got.is_empty(), "{text:?}: {got:?}");
    }
}

/// Checks the first suggestion of a finding of `text`: none at all when
/// `none` holds, else `suggestion`.
pub fn assert_first_suggestion(text: &str, d: &Diagnostic, none: bool, suggestion: &str) {
    if none {
        assert!(d.suggestions.is_empty(), "{text:?}: {d:?}");
    } else {
        assert_eq!(
            d.suggestions.first().map(String::as_str),
            Some(suggestion),
            "{text:?}: {d:?}"
        );
    }
}
