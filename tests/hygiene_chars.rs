//! Table-driven tests of `char.*`: look-alike and invisible code points.

use jiaodui::{Diagnostic, Linter};

/// Findings of the `char.` rules in `text`.
mod common;

fn findings(text: &str) -> Vec<Diagnostic> {
    common::findings_of("char.", text)
}

/// (text, [(rule, found, suggestion and fix)]) — every `char.*` finding;
/// all of these rules fix with certainty.
type Expected = &'static [(&'static str, &'static str, &'static str)];

const FLAGGED: &[(&str, Expected)] = &[
    (
        "二⽉一⽇召开会议。",
        &[("char.kangxi", "⽉", "月"), ("char.kangxi", "⽇", "日")],
    ),
    (
        "⼀⼆⼗",
        &[
            ("char.kangxi", "⼀", "一"),
            ("char.kangxi", "⼆", "二"),
            ("char.kangxi", "⼗", "十"),
        ],
    ),
    ("⽣态", &[("char.kangxi", "⽣", "生")]),
    // CJK Radicals Supplement: simplified radicals from PDF extraction.
    ("⻓江⻅证", &[("char.kangxi", "⻓", "长"), ("char.kangxi", "⻅", "见")]),
    ("\u{f98e}度工作总结", &[("char.compat", "\u{f98e}", "年")]),
    ("\u{f900}", &[("char.compat", "\u{f900}", "豈")]),
    ("\u{2f800}字", &[("char.compat", "\u{2f800}", "丽")]),
    ("通\u{200b}知", &[("char.invisible", "\u{200b}", "")]),
    // A run of invisible characters is one finding.
    (
        "通\u{200b}\u{200b}\u{2060}知",
        &[("char.invisible", "\u{200b}\u{200b}\u{2060}", "")],
    ),
    ("文\u{feff}件", &[("char.invisible", "\u{feff}", "")]),
    ("信息\u{ad}化", &[("char.invisible", "\u{ad}", "")]),
    ("通\u{200d}知", &[("char.invisible", "\u{200d}", "")]),
    ("\u{feff}\u{feff}通知", &[("char.invisible", "\u{feff}\u{feff}", "")]),
    ("二0二三年工作报告", &[("char.homoglyph", "0", "〇")]),
    ("二O二四年", &[("char.homoglyph", "O", "〇")]),
    ("二o二四年", &[("char.homoglyph", "o", "〇")]),
    ("二０二五年", &[("char.homoglyph", "０", "〇")]),
    ("二\u{41e}二五年", &[("char.homoglyph", "\u{41e}", "〇")]),
    ("二\u{3bf}二五年", &[("char.homoglyph", "\u{3bf}", "〇")]),
    (
        "二00八年",
        &[("char.homoglyph", "0", "〇"), ("char.homoglyph", "0", "〇")],
    ),
    ("一九九O年", &[("char.homoglyph", "O", "〇")]),
    ("三O一医院", &[("char.homoglyph", "O", "〇")]),
];

/// Correct text and near-misses.
const SILENT: &[&str] = &[
    "",
    "二〇二三年工作报告，二月一日召开会议。",
    "年度工作总结",
    // The unified ideographs of the compatibility block.
    "\u{fa0e}\u{fa0f}\u{fa11}",
    // A byte order mark at the very start.
    "\u{feff}通知",
    // Joiners doing their job in emoji sequences and other scripts.
    "全家福👨\u{200d}👩\u{200d}👧",
    "❤\u{fe0f}",
    "\u{628}\u{200c}\u{628}",
    // Mixed ASCII text.
    "下载APP，支持5G网络，O2O模式，2023年，O型血，CO2排放，第10号文件。",
    "二十，一百，二〇二三年，1O0，一0，五0年代",
    "访问https://www.gov.cn/2023-06/30/content_123.html，版本v2.3.1，增长3.5%。",
    "二Ox年",
    "The year 2023 was good. OK, go.",
];

#[test]
fn flagged() {
    common::assert_table("char.", FLAGGED, |text, d, &(rule, found, fix)| {
        assert_eq!(d.rule, rule, "{text:?}: {d:?}");
        assert_eq!(d.found, found, "{text:?}: {d:?}");
        assert_eq!(d.suggestions.first().map(String::as_str), Some(fix), "{text:?}: {d:?}");
        assert_eq!(d.fix.as_deref(), Some(fix), "{text:?}: {d:?}");
        assert!(!d.message.is_empty());
    });
}

#[test]
fn silent() {
    common::assert_silent_of("char.", SILENT);
}

#[test]
fn messages_name_the_characters() {
    let d = &findings("二⽉")[0];
    assert_eq!(d.message, "康熙部首“⽉”(U+2F49)应为汉字“月”");
    let d = &findings("\u{f98e}度")[0];
    assert!(
        d.message.contains("U+F98E") && d.message.contains("U+5E74"),
        "{}",
        d.message
    );
    let d = &findings("通\u{200b}知")[0];
    assert!(d.message.contains("零宽空格"), "{}", d.message);
}

#[test]
fn every_kangxi_radical_maps_to_a_unified_ideograph() {
    for cp in 0x2f00..=0x2fd5u32 {
        let c = char::from_u32(cp).unwrap();
        let text = format!("文{c}字");
        let got = findings(&text);
        assert_eq!(got.len(), 1, "U+{cp:04X}: {got:?}");
        let fix = got[0].fix.as_deref().unwrap();
        let u = fix.chars().next().unwrap() as u32;
        assert!(
            (0x4e00..=0x9fff).contains(&u) || (0x3400..=0x4dbf).contains(&u),
            "U+{cp:04X} → {fix}"
        );
    }
}

#[test]
fn disabled_rules_stay_silent() {
    let linter = Linter::builder()
        .disable("char.kangxi")
        .disable("char.invisible")
        .build()
        .unwrap();
    let got = linter.check("二⽉\u{200b}");
    assert!(got.iter().all(|d| !d.rule.starts_with("char.")), "{got:?}");
}
