//! The contextual detector with the built-in model (issue 13), on
//! sentences written for these tests: each class of error it must find,
//! and correct sentences of the same kinds that must stay silent.
#![cfg(feature = "builtin-model")]

use jiaodui::__ctx::{ContextModel, Detector};

fn findings(text: &str) -> Vec<(String, String)> {
    Detector::new(&ContextModel::builtin())
        .check(text)
        .into_iter()
        .map(|f| (f.found, f.suggestions[0].text.clone()))
        .collect()
}

fn one(text: &str, found: &str, right: &str) {
    assert_eq!(findings(text), [(found.to_string(), right.to_string())], "{text}");
}

#[test]
fn the_built_in_model_is_intact() {
    // The checksum of the shipped file (the library opens it unverified).
    let started = std::time::Instant::now();
    let m = ContextModel::builtin_verified().expect("the shipped model verifies");
    let info = m.info();
    assert_eq!(info.min_counts, [2, 3, 4]);
    assert!(info.bytes <= 16 << 20, "{} bytes", info.bytes);
    assert!(info.characters > 40_000_000);
    // Generous for a debug build; the release figure is in docs/PERFORMANCE.md.
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn real_word_errors() {
    // 懂事 is a word; 懂事会 is not.
    one("公司懂事会审议通过了年度报告。", "懂", "董");
    one("全面推进依法行正。", "正", "政");
}

#[test]
fn errors_inside_dictionary_listed_misspellings() {
    // jieba lists 官理 and 采去 as words (frequencies 3 to 22).
    one("各部门要加强官理，落实责任。", "官", "管");
    one("要及时采去有效措施，防止事态扩大。", "去", "取");
}

#[test]
fn two_character_errors() {
    one("各淡味要认真贯彻落实。", "淡味", "单位");
    one("要进一步墙画责任意识。", "墙画", "强化");
}

#[test]
fn correct_text_stays_silent() {
    for ok in [
        // The corrections of the sentences above.
        "公司董事会审议通过了年度报告。",
        "各部门要加强管理，落实责任。",
        "各单位要认真贯彻落实。",
        "要进一步强化责任意识。",
        // Names.
        "省长李建国出席会议并讲话。",
        "记者王海涛报道。",
        // Place abbreviations.
        "推动京津冀协同发展取得新进展。",
        "津冀两地加强生态环境联防联治。",
        "沪苏浙皖四地共同推进长三角一体化。",
        // New policy coinages and quotations.
        "加快发展新质生产力，因地制宜培育新动能。",
        "坚持“两个毫不动摇”。",
        "他说：“我们一定把这件事办好。”",
    ] {
        assert!(findings(ok).is_empty(), "{ok}: {:?}", findings(ok));
    }
}

#[test]
fn any_input_is_safe() {
    for text in [
        "",
        "abc",
        "😀😀",
        "\u{0}",
        "一",
        "𠀀𠀁𠀂",
        "的的的的的的的的",
        "a一b二c三",
    ] {
        let _ = findings(text);
    }
    let long = "各单位要认真贯彻落实。".repeat(2000);
    assert!(findings(&long).is_empty());
}
