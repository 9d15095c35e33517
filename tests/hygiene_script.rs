//! Table-driven tests of `script.mixed`: traditional characters in
//! simplified text.

mod common;

/// (text, [(found, simplified form, also the fix)]).
type Expected = &'static [(&'static str, &'static str)];

const FLAGGED: &[(&str, Expected)] = &[
    ("推进政務服务改革。", &[("務", "务")]),
    (
        "进一步优化醫保报销流程，扩大疫苗接種范围。",
        &[("醫", "医"), ("種", "种")],
    ),
    // A run of traditional characters is one finding.
    ("我们要坚持改革開放，推进經濟发展。", &[("開", "开"), ("經濟", "经济")]),
    ("什麼时候开会，请通知各单位。", &[("麼", "么")]),
    // Decided per paragraph: the simplified one is flagged, the traditional
    // one is not.
    ("學習貫徹黨的精神。\n我們要推进这项改革。", &[("們", "们")]),
    ("这是我们的工作\r\n進一步", &[]),
];

/// Correct text and near-misses.
const SILENT: &[&str] = &[
    "",
    "推进政务服务改革，优化医保服务。",
    // Wholly traditional text.
    "學習貫徹黨的二十大精神，推進政務服務改革。",
    "我們要堅持改革開放，這是經濟發展的動力。",
    // Characters that are correct in simplified text.
    "乾隆年间，乾坤，於姓，著作，瞭望，慰藉，覆盖，後羿",
    "三星堆、皮洛、濛溪河等遗址",
    // Ambiguous traditional forms are not converted: 鍾 (钟 or 锺), 餘 (余 or 馀).
    "这是我们的工作，鍾表和餘额，我们要认真对待",
    // Too little simplified text to decide.
    "醫",
    "下载APP，支持5G网络。",
];

#[test]
fn flagged() {
    common::assert_table("script.", FLAGGED, |text, d, &(found, simplified)| {
        assert_eq!(d.found, found, "{text:?}: {d:?}");
        assert_eq!(d.suggestions, vec![simplified.to_string()], "{text:?}: {d:?}");
        assert_eq!(d.fix.as_deref(), Some(simplified), "{text:?}: {d:?}");
        assert_eq!(d.message, format!("简体文本中夹杂繁体字“{found}”，应为“{simplified}”"));
    });
}

#[test]
fn silent() {
    common::assert_silent_of("script.", SILENT);
}
