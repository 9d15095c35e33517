//! Table-driven tests of `encoding.mojibake`.

use jiaodui::Severity;

mod common;

/// (text, [(found, first suggestion or "" for none, fix)]).
type Expected = &'static [(&'static str, &'static str, Option<&'static str>)];

const FLAGGED: &[(&str, Expected)] = &[
    ("系统显示锟斤拷。", &[("锟斤拷", "", None)]),
    ("锟斤拷锟斤拷", &[("锟斤拷锟斤拷", "", None)]),
    ("烫烫烫烫烫", &[("烫烫烫烫烫", "", None)]),
    ("内容屯屯屯", &[("屯屯屯", "", None)]),
    ("文件\u{fffd}\u{fffd}损坏", &[("\u{fffd}\u{fffd}", "", None)]),
    ("\u{fffd}", &[("\u{fffd}", "", None)]),
    // UTF-8 read as Windows-1252 / Latin-1.
    ("é”™è¯¯", &[("é”™è¯¯", "错误", None)]),
    ("标题æ–‡件", &[("æ–‡", "文", None)]),
    ("Ã©tat", &[("Ã©", "é", None)]),
    ("â€œ通知â€", &[("â€œ", "“", None)]),
    // UTF-8 read as GBK.
    // 现在，我代表省人民政府，向大会报告工作，请予审议
    (
        "鐜板湪锛屾垜浠ｈ〃鐪佷汉姘戞斂搴滐紝鍚戝ぇ浼氭姤鍛婂伐浣滐紝璇蜂簣瀹",
        &[(
            "锛屾垜浠ｈ〃鐪佷汉姘戞斂搴滐紝鍚戝ぇ浼氭姤鍛婂伐浣滐紝璇蜂簣瀹",
            "",
            None,
        )],
    ),
    ("浼氳銆傚拰鍦", &[("浼氳銆傚拰鍦", "", None)]),
    // Pinyin left by a failed conversion of ruby text.
    ("數(shù)據(jù)", &[("(shù)", "", Some("")), ("(jù)", "", Some(""))]),
    ("发(fā)布通知", &[("(fā)", "", Some(""))]),
    ("發（fā）布", &[("（fā）", "", Some(""))]),
    ("?,F(xiàn)在", &[("(xiàn)", "", None)]),
];

/// Correct text and near-misses.
const SILENT: &[&str] = &[
    "",
    "系统运行正常，数据完整。",
    "热烫烫的汤，屯兵，屯屯",
    "Café, naïve, résumé, Ångström, São Paulo, Zürich, déjà vu.",
    "北京（Běijīng），汉语拼音Zhōngguó。",
    // Deliberate annotations of rare characters.
    "擘(bò)画宏伟蓝图，赓(gēng)续红色血脉，踔(chuō)厉奋发。",
    // Parentheses with other content.
    "数(1)，发(A)，(ok)，函数f(x)，(a)项",
    "学习贯彻党的二十大精神。“五个中心”——建设，×—，°C，±5%，«Le Monde»",
    "访问https://www.gov.cn/2023-06/30/content_123.html，版本v2.3.1，增长3.5%，1,000元。",
    // A single marker character is not enough (涓涓细流, 浜 in place names).
    "涓涓细流，沙家浜，锛子",
    // Two markers far apart.
    "锛子是一种古老的工具，它的形状与斧头相似，现在已经很少见到了，鈥",
];

#[test]
fn flagged() {
    common::assert_table("encoding.", FLAGGED, |text, d, &(found, suggestion, fix)| {
        assert_eq!(d.found, found, "{text:?}: {d:?}");
        assert_eq!(d.severity, Severity::Error);
        common::assert_first_suggestion(text, d, suggestion.is_empty() && fix.is_none(), suggestion);
        assert_eq!(d.fix.as_deref(), fix, "{text:?}: {d:?}");
        assert!(
            d.message.starts_with("乱码") || d.message.starts_with("拼音注音"),
            "{}",
            d.message
        );
    });
}

#[test]
fn silent() {
    common::assert_silent_of("encoding.", SILENT);
}
