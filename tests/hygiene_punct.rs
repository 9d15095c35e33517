//! Table-driven tests of `punct.*` (GB/T 15834-2011).

use jiaodui::Diagnostic;

mod common;

fn findings(text: &str) -> Vec<Diagnostic> {
    common::findings_of("punct.", text)
}

/// (text, [(rule, found, first suggestion or "" for none, fix)]) — every
/// `punct.*` finding, in text order.
type Expected = &'static [(&'static str, &'static str, &'static str, Option<&'static str>)];

const FLAGGED: &[(&str, Expected)] = &[
    // punct.half-width
    ("会议决定,明天开始。", &[("punct.half-width", ",", "，", Some("，"))]),
    (
        "主要任务:一是稳增长;二是促改革。",
        &[
            ("punct.half-width", ":", "：", Some("：")),
            ("punct.half-width", ";", "；", Some("；")),
        ],
    ),
    // A ? inside a word may be a lost character: suggested only.
    ("怎么办?我们", &[("punct.half-width", "?", "？", None)]),
    (
        "真的吗?是的!好",
        &[
            ("punct.half-width", "?", "？", Some("？")),
            ("punct.half-width", "!", "！", Some("！")),
        ],
    ),
    (
        "深化“枫桥经验”,推进改革",
        &[("punct.half-width", ",", "，", Some("，"))],
    ),
    // With a space after it, or at the end of the paragraph: suggested only.
    ("会议决定, 明天开始。", &[("punct.half-width", ", ", "，", None)]),
    ("各位代表:", &[("punct.half-width", ":", "：", None)]),
    ("向大家表示感谢!\n下面", &[("punct.half-width", "!", "！", None)]),
    (
        "县(处)级干部",
        &[
            ("punct.half-width", "(", "（", None),
            ("punct.half-width", ")", "）", None),
        ],
    ),
    // punct.doubled
    ("会议结束。。", &[("punct.doubled", "。。", "。", Some("。"))]),
    ("加强管理，，提高效率", &[("punct.doubled", "，，", "，", Some("，"))]),
    ("苹果、、香蕉", &[("punct.doubled", "、、", "、", Some("、"))]),
    ("第一；；第二", &[("punct.doubled", "；；", "；", Some("；"))]),
    ("会议结束，。", &[("punct.doubled", "，。", "，", None)]),
    ("真的吗？。", &[("punct.doubled", "？。", "？", None)]),
    // punct.unpaired
    ("学习《决定精神。", &[("punct.unpaired", "《", "", None)]),
    ("他说：“我们要努力。", &[("punct.unpaired", "“", "", None)]),
    ("学习决定》精神。", &[("punct.unpaired", "》", "", None)]),
    ("要求（一是加强管理。", &[("punct.unpaired", "（", "", None)]),
    ("他说：“学习《决定”精神》。", &[("punct.unpaired", "”", "", None)]),
    (
        "这是“六五’时期的成就。",
        &[("punct.unpaired", "“", "", None), ("punct.unpaired", "’", "", None)],
    ),
    (
        "一个”五讲四美”的活动。",
        &[("punct.unpaired", "”", "", None), ("punct.unpaired", "”", "", None)],
    ),
    // A quotation left open when the next paragraph does not continue it.
    ("他说：“第一段。\n第二段。", &[("punct.unpaired", "“", "", None)]),
    // punct.ellipsis
    ("等等。。。", &[("punct.ellipsis", "。。。", "……", Some("……"))]),
    (
        "等等。。。。。。",
        &[("punct.ellipsis", "。。。。。。", "……", Some("……"))],
    ),
    ("水果、蔬菜...", &[("punct.ellipsis", "...", "……", Some("……"))]),
    ("水果、蔬菜......", &[("punct.ellipsis", "......", "……", Some("……"))]),
    ("水果、蔬菜…等", &[("punct.ellipsis", "…", "……", Some("……"))]),
    // punct.dash
    ("改革的目标--实现高质量发展", &[("punct.dash", "--", "——", Some("——"))]),
    ("改革的目标－－实现", &[("punct.dash", "－－", "——", Some("——"))]),
    ("改革的目标――实现", &[("punct.dash", "――", "——", Some("——"))]),
    ("改革的目标──实现", &[("punct.dash", "──", "——", Some("——"))]),
    ("改革的目标 - 实现", &[("punct.dash", " - ", "——", None)]),
    // punct.dunhao
    ("学习《宪法》、《民法典》", &[("punct.dunhao", "、", "", Some(""))]),
    (
        "《安居》、《黑眼睛》、《红西服》等",
        &[
            ("punct.dunhao", "、", "", Some("")),
            ("punct.dunhao", "、", "", Some("")),
        ],
    ),
];

/// Correct text and near-misses.
const SILENT: &[&str] = &[
    "",
    "会议决定，明天开始：一是稳增长；二是促改革。真的吗？是的！",
    // ASCII contexts.
    "访问https://www.gov.cn/2023-06/30/content_123.html，版本v2.3.1，增长3.5%，1,000元，12:30开会。",
    "邮箱abc@gov.cn，电话010-12345678，时间12:30:45，比例1:1000。",
    "The meeting, however, was short: yes! Really? (See below.) It's fine... ok -- done.",
    "函数f(x)=x+1，数组a[0]，Python的print(\"你好\")。",
    "GDP(国内生产总值)",
    "| typo.word | misspellings (按装→安装, 布署→部署) |",
    "Examples: 习近乎, 李墙总理.",
    // Legitimate combinations.
    "真的吗？！太好了！？你确定？？好！！",
    "等等……还有——",
    "他说：“我们要努力。”“还要坚持。”",
    "学习《宪法》《民法典》和“五个中心”“四大功能”，“一国两制”、“港人治港”。",
    // 书名号 inside quotation marks and the reverse.
    "他说：“要学习《宪法》。”《关于“三农”问题的决定》",
    // A quotation of several paragraphs.
    "他说：“第一段。\n“第二段。\n“第三段。”",
    // Marks split by a line break (extracted text).
    "中央组织（包括党的全国代表大会\n）制定的公文",
    "可视为《\n中华人民共和国著作权法\n》第五条规定之",
    // A fragment cut mid-sentence.
    "学习《决定",
    // List numbers.
    "1）加强管理。\n一）加强领导。\n（1）（一）\na）其他。",
    // English apostrophes.
    "China’s development, ‘quoted’ text.",
    // Connectors between words (GB/T 15834 4.13): hyphen and en/em dash.
    "中国-中亚峰会，北京—上海特别快车，2020—2025年，吐鲁番-哈密盆地，“十四五”——奋进",
    // Dots of a table of contents.
    "第一章..........5",
    "1.2.3节，版本3.5",
    "一、总体要求。（一）指导思想。",
];

#[test]
fn flagged() {
    common::assert_table("punct.", FLAGGED, |text, d, &(rule, found, suggestion, fix)| {
        assert_eq!(d.rule, rule, "{text:?}: {d:?}");
        assert_eq!(d.found, found, "{text:?}: {d:?}");
        common::assert_first_suggestion(text, d, suggestion.is_empty() && rule == "punct.unpaired", suggestion);
        assert_eq!(d.fix.as_deref(), fix, "{text:?}: {d:?}");
        assert!(!d.message.is_empty());
    });
}

#[test]
fn silent() {
    common::assert_silent_of("punct.", SILENT);
}

#[test]
fn fixes_make_the_text_clean() {
    for &(text, _) in FLAGGED {
        let got = findings(text);
        if got.iter().any(|d| d.fix.is_none()) {
            continue;
        }
        let mut fixed = text.to_string();
        for d in got.iter().rev() {
            fixed.replace_range(d.span.clone(), d.fix.as_deref().unwrap());
        }
        let again = findings(&fixed);
        assert!(again.is_empty(), "{text:?} → {fixed:?}: {again:?}");
    }
}
