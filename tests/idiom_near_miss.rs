//! Table-driven tests of `idiom.near-miss`.

use jiaodui::Linter;

mod common;

/// (text, found, suggestion)
const FLAGGED: &[(&str, &str, &str)] = &[
    ("春耕生产进展得如火如茶。", "如火如茶", "如火如荼"),
    ("面对困难，他一愁莫展。", "一愁莫展", "一筹莫展"),
    ("街上车辆穿流不息", "穿流不息", "川流不息"),
    ("我们要明辩是非", "明辩是非", "明辨是非"),
    ("对方变本加利地施压", "变本加利", "变本加厉"),
    // Windows are found from either half of the idiom: a change in the
    // first half, in the last, at the edges of the text, beside letters and
    // beside characters of four bytes.
    ("工作进展得入火如荼。", "入火如荼", "如火如荼"),
    ("面对困难，他一筹末展。", "一筹末展", "一筹莫展"),
    ("如火如茶", "如火如茶", "如火如荼"),
    ("abc如火如茶", "如火如茶", "如火如荼"),
    ("𠀀如火如茶𠀀", "如火如茶", "如火如荼"),
];

/// Correct idioms, and ordinary words that happen to be one character away
/// from an idiom.
const SILENT: &[&str] = &[
    "春耕生产进展得如火如荼，面对困难不能一筹莫展。",
    "街上车辆川流不息，要明辨是非，对方变本加厉地施压。",
    // 出奇不意 reads 出奇 + 不意: the guard keeps quiet (a known miss).
    "出奇不意地发起进攻",
    // Likewise 循序渐近 reads 循序 + 渐近 (asymptotic).
    "要循序渐近地推进改革",
    // Variant forms that the word list has: 暗度陈仓 beside 暗渡陈仓.
    "却也留下暗度陈仓的想象",
    // 重要条件 is one character from 充要条件; 重要 + 条件 are words.
    "这是加快发展的重要条件。",
    // 强加于任 (何) is one character from 强加于人.
    "我们从不把自己的意志强加于任何国家。",
    // 在进一步 is one character from 再进一步.
    "在进一步深化改革的基础上扩大开放。",
    "对于统一全党的思想和行动具有重大意义。",
    "促进科技与经济有机结合。",
];

#[test]
fn flagged_sentences() {
    // typo.word lists the best-known of these misspellings too; this rule
    // finds them without the list.
    let linter = Linter::builder().disable("typo.word").build().unwrap();
    for d in common::assert_single(&linter, "idiom.near-miss", FLAGGED) {
        assert_eq!(
            d.message,
            format!("疑似成语用字错误：“{}”应为“{}”", d.found, d.suggestions[0])
        );
    }
}

#[test]
fn silent_sentences() {
    common::assert_silent(&Linter::new(), SILENT);
}

#[test]
fn can_be_turned_off() {
    let linter = Linter::builder()
        .disable("idiom.near-miss")
        .disable("typo.word")
        .build()
        .unwrap();
    assert!(linter.check("进展得如火如茶").is_empty());
}
