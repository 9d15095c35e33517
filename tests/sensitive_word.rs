//! `sensitive.word`: users' lists, matching that survives evasion.

use jiaodui::{Linter, Severity};
use proptest::prelude::*;

const LIST: &str = "# word\tcategory\tseverity\treplacement\n赌博\t违法\terror\t\n代开发票\t广告\twarning\t开具发票\n微信号\t引流\tinfo\t\n";

fn linter() -> Linter {
    Linter::builder().word_list("list.tsv", LIST).build().unwrap()
}

fn found(text: &str) -> Vec<(String, Severity)> {
    linter()
        .check(text)
        .into_iter()
        .filter(|d| d.rule == "sensitive.word")
        .map(|d| (d.found, d.severity))
        .collect()
}

#[test]
fn plain_and_evasive_forms() {
    assert_eq!(found("严禁网络赌博"), [("赌博".to_string(), Severity::Error)]);
    assert_eq!(
        found("专业代 开 发 票"),
        [("代 开 发 票".to_string(), Severity::Warning)]
    );
    assert_eq!(found("代開發票"), [("代開發票".to_string(), Severity::Warning)]);
    assert_eq!(found("赌\u{200b}博"), [("赌\u{200b}博".to_string(), Severity::Error)]);
    assert_eq!(found("赌🎲博"), [("赌🎲博".to_string(), Severity::Error)]);
    assert_eq!(found("加微.信.号"), [("微.信.号".to_string(), Severity::Info)]);
    // Kangxi radical ⽕ (U+2F55) stands for 火: not in this list; a compatibility
    // ideograph in a listed word still matches.
    assert!(found("赌场和博物馆").is_empty());
}

#[test]
fn replacement_is_the_suggestion() {
    let d = linter().check("代开发票");
    assert_eq!(d[0].suggestions, ["开具发票"]);
    assert!(d[0].message.contains("广告"), "{}", d[0].message);
}

#[test]
fn allow_list_keeps_names_that_contain_a_word() {
    let list = "黄山\t测试\terror\t\n";
    let linter = Linter::builder().word_list("l", list).allow("黄山市").build().unwrap();
    assert!(linter
        .check("欢迎来到黄山市")
        .iter()
        .all(|d| d.rule != "sensitive.word"));
    assert_eq!(
        linter
            .check("黄山风景")
            .iter()
            .filter(|d| d.rule == "sensitive.word")
            .count(),
        1
    );
}

#[test]
fn the_gap_is_configurable() {
    let linter = Linter::builder()
        .word_list("l", LIST)
        .word_list_max_gap(0)
        .build()
        .unwrap();
    assert!(linter.check("赌 博").is_empty());
    assert_eq!(linter.check("赌博").len(), 1);
}

#[test]
fn bad_lists_name_the_line() {
    let err = Linter::builder()
        .word_list("mine.tsv", "好词\t类\tfatal\n")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "mine.tsv:1: severity \"fatal\": use error, warning or info"
    );
    let err = Linter::builder()
        .word_list("mine.tsv", "赌博\n。。\n")
        .build()
        .unwrap_err();
    assert!(err.to_string().starts_with("mine.tsv:2: "), "{err}");
}

/// Noise that may stand between the characters of a word.
fn noise() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just(' '),
            Just('\u{200b}'),
            Just('，'),
            Just('*'),
            Just('😀'),
            Just('\u{3000}'),
            Just('·')
        ],
        0..=3,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn noise_inserted_into_a_word_is_still_found(
        a in noise(), b in noise(), c in noise(), before in "[a-z ]{0,5}", after in "[a-z ]{0,5}"
    ) {
        let word = format!("代{a}开{b}发{c}票");
        let text = format!("{before}{word}{after}");
        let d: Vec<_> = linter().check(&text).into_iter().filter(|d| d.rule == "sensitive.word").collect();
        prop_assert_eq!(d.len(), 1);
        // The span is the original bytes, noise included.
        prop_assert_eq!(&text[d[0].span.clone()], word.as_str());
        prop_assert_eq!(d[0].span.start, before.len());
    }
}
