//! A configured severity wins over the severity an entry carries; without
//! configuration, the entry's is used.

use jiaodui::{Linter, Severity};

/// 台湾总统 is an `error` entry of `dictionaries/political-terms.tsv`, 中台
/// a `warning` one; 赌博 and 刷单 are entries of the word list below.
const TERMS: &str = "台湾总统发表讲话，研究中台问题";
const LIST: &str = "赌博\t违法\twarning\t\n刷单\t违法\t\t\n";
const WORDS: &str = "网上赌博，刷单返利";

fn severities(linter: &Linter, rule: &str, text: &str) -> Vec<(String, Severity)> {
    linter
        .check(text)
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| (d.found, d.severity))
        .collect()
}

fn pairs(list: &[(&str, Severity)]) -> Vec<(String, Severity)> {
    list.iter().map(|&(f, s)| (f.to_string(), s)).collect()
}

#[test]
fn without_configuration_each_entry_keeps_its_severity() {
    let linter = Linter::builder().word_list("list", LIST).build().unwrap();
    assert_eq!(
        severities(&linter, "political.term", TERMS),
        pairs(&[("台湾总统", Severity::Error), ("中台", Severity::Warning)])
    );
    // An entry without a severity takes the rule's default (error).
    assert_eq!(
        severities(&linter, "sensitive.word", WORDS),
        pairs(&[("赌博", Severity::Warning), ("刷单", Severity::Error)])
    );
}

#[test]
fn a_configured_severity_wins_over_the_entries() {
    for level in [Severity::Info, Severity::Warning, Severity::Error] {
        let linter = Linter::builder()
            .word_list("list", LIST)
            .severity("political.term", level)
            .severity("sensitive.word", level)
            .build()
            .unwrap();
        assert_eq!(
            severities(&linter, "political.term", TERMS),
            pairs(&[("台湾总统", level), ("中台", level)])
        );
        assert_eq!(
            severities(&linter, "sensitive.word", WORDS),
            pairs(&[("赌博", level), ("刷单", level)])
        );
    }
}

#[test]
fn the_last_setting_counts_and_enable_restores_the_entries() {
    let linter = Linter::builder()
        .severity("political.term", Severity::Info)
        .disable("political.term")
        .enable("political.term")
        .build()
        .unwrap();
    assert_eq!(
        severities(&linter, "political.term", TERMS),
        pairs(&[("台湾总统", Severity::Error), ("中台", Severity::Warning)])
    );
    let off = Linter::builder()
        .severity("political.term", Severity::Info)
        .disable("political.term")
        .build()
        .unwrap();
    assert!(severities(&off, "political.term", TERMS).is_empty());
    assert!(Linter::builder().enable("political.terms").build().is_err());
}

#[test]
fn rules_without_entry_severities_take_the_configured_one() {
    let linter = Linter::builder().severity("typo.word", Severity::Info).build().unwrap();
    assert_eq!(linter.check("请按装软件")[0].severity, Severity::Info);
}
