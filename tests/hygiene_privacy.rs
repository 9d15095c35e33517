//! Table-driven tests of `privacy.*`: personal data.

use jiaodui::Severity;

mod common;

/// (text, [(rule, found, masked suggestion)]).
type Expected = &'static [(&'static str, &'static str, &'static str)];

const FLAGGED: &[(&str, Expected)] = &[
    (
        "身份证号11010519491231002X",
        &[("privacy.id-card", "11010519491231002X", "1101**********002X")],
    ),
    (
        "身份证号11010519491231002x。",
        &[("privacy.id-card", "11010519491231002x", "1101**********002x")],
    ),
    (
        "公民身份号码：320402198503151237，",
        &[("privacy.id-card", "320402198503151237", "3204**********1237")],
    ),
    // A leap day birth date.
    (
        "510107200002291232",
        &[("privacy.id-card", "510107200002291232", "5101**********1232")],
    ),
    (
        "联系电话13812345678",
        &[("privacy.mobile", "13812345678", "138****5678")],
    ),
    (
        "手机：+86 19912345678。",
        &[("privacy.mobile", "19912345678", "199****5678")],
    ),
    (
        "电话:15012345678或",
        &[("privacy.mobile", "15012345678", "150****5678")],
    ),
    (
        "卡号6222020200112233446",
        &[("privacy.bank-card", "6222020200112233446", "6222***********3446")],
    ),
    (
        "账号6228480012345671。",
        &[("privacy.bank-card", "6228480012345671", "6228********5671")],
    ),
    (
        "卡号 4532012345678902",
        &[("privacy.bank-card", "4532012345678902", "4532********8902")],
    ),
    (
        "张三，身份证号440305199001010026，电话13912345678。",
        &[
            ("privacy.id-card", "440305199001010026", "4403**********0026"),
            ("privacy.mobile", "13912345678", "139****5678"),
        ],
    ),
];

/// Correct text and near-misses.
const SILENT: &[&str] = &[
    "",
    // Masked forms.
    "身份证号3204**********1234，电话138****5678，卡号6222***********3446。",
    // Wrong check digit, impossible birth date.
    "11010519491231002Y，110105194912310021，110105194913310028，110105202302290025",
    // Part of a longer run of digits, or with letters attached.
    "订单号138123456789，编号2138123456789，流水号A13812345678，13812345678B",
    "编号11010519491231002X1，ID11010519491231002X",
    // URLs, file names, e-mail addresses.
    "https://www.gov.cn/zhengce/13812345678.html，邮箱13812345678@qq.com，/t20230630_13812345678",
    // Quantities.
    "总投资13500000000元，人口13800000000人",
    // Not mobile numbers: landlines, short numbers, 12 prefix.
    "电话010-12345678，12345678901，0755-88888888，12:30，3.5%，1,000元",
    // Not passing Luhn, or too uniform.
    "6222020200112233445，5000000000000000，4444444444444448",
    "版本v2.3.1，增长3.5%。",
];

#[test]
fn flagged() {
    common::assert_table("privacy.", FLAGGED, |text, d, &(rule, found, masked)| {
        assert_eq!(d.rule, rule, "{text:?}: {d:?}");
        assert_eq!(d.found, found, "{text:?}: {d:?}");
        assert_eq!(d.suggestions, vec![masked.to_string()], "{text:?}: {d:?}");
        assert_eq!(d.fix, None, "personal data is never fixed automatically");
        let severity = if rule == "privacy.id-card" {
            Severity::Error
        } else {
            Severity::Warning
        };
        assert_eq!(d.severity, severity);
    });
}

#[test]
fn silent() {
    common::assert_silent_of("privacy.", SILENT);
}
