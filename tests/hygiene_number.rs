//! Table-driven tests of `number.*` (GB/T 15835-2011).

use jiaodui::Diagnostic;

mod common;

fn findings(text: &str) -> Vec<Diagnostic> {
    common::findings_of("number.", text)
}

/// (text, [(rule, found, first suggestion or "" for none, fix)]).
type Expected = &'static [(&'static str, &'static str, &'static str, Option<&'static str>)];

const FLAGGED: &[(&str, Expected)] = &[
    // number.impossible-date
    (
        "2023年2月29日",
        &[("number.impossible-date", "2023年2月29日", "", None)],
    ),
    (
        "1900年2月29日",
        &[("number.impossible-date", "1900年2月29日", "", None)],
    ),
    (
        "于2023年6月31日前完成",
        &[("number.impossible-date", "2023年6月31日", "", None)],
    ),
    ("2023年13月", &[("number.impossible-date", "2023年13月", "", None)]),
    ("2023年0月", &[("number.impossible-date", "2023年0月", "", None)]),
    ("6月31日至7月1日", &[("number.impossible-date", "6月31日", "", None)]),
    ("13月5日", &[("number.impossible-date", "13月5日", "", None)]),
    ("5月32日", &[("number.impossible-date", "5月32日", "", None)]),
    ("2月30日", &[("number.impossible-date", "2月30日", "", None)]),
    ("9月0日", &[("number.impossible-date", "9月0日", "", None)]),
    ("11月31号", &[("number.impossible-date", "11月31号", "", None)]),
    // number.weekday
    (
        "2023年7月5日（星期四）",
        &[("number.weekday", "星期四", "星期三", None)],
    ),
    ("2023年7月5日(周四)", &[("number.weekday", "周四", "周三", None)]),
    ("2023年7月5日 星期日", &[("number.weekday", "星期日", "星期三", None)]),
    (
        "2024年2月29日（礼拜一）",
        &[("number.weekday", "礼拜一", "礼拜四", None)],
    ),
    (
        "2023年12月31日（星期六）",
        &[("number.weekday", "星期六", "星期日", None)],
    ),
    // number.jiezhi
    ("截止2023年6月底", &[("number.jiezhi", "截止", "截至", None)]),
    (
        "截止到6月底，全市完成投资",
        &[("number.jiezhi", "截止到", "截至", None)],
    ),
    ("截止至2024年", &[("number.jiezhi", "截止至", "截至", None)]),
    ("截止目前，共有", &[("number.jiezhi", "截止", "截至", None)]),
    ("截止今年一季度", &[("number.jiezhi", "截止", "截至", None)]),
    ("截止年底", &[("number.jiezhi", "截止", "截至", None)]),
    ("截止二〇二三年底", &[("number.jiezhi", "截止", "截至", None)]),
    ("截止十二月底", &[("number.jiezhi", "截止", "截至", None)]),
    ("截止发稿时", &[("number.jiezhi", "截止", "截至", None)]),
    // number.zero
    (
        "二零二三年工作报告",
        &[("number.zero", "二零二三", "二〇二三", Some("二〇二三"))],
    ),
    (
        "一九零零年",
        &[("number.zero", "一九零零", "一九〇〇", Some("一九〇〇"))],
    ),
    (
        "二〇二零年",
        &[("number.zero", "二〇二零", "二〇二〇", Some("二〇二〇"))],
    ),
];

/// Correct text and near-misses.
const SILENT: &[&str] = &[
    "",
    "2024年2月29日，2023年2月28日，2月29日，2023年12月31日，6月30日，7月31日，12月",
    "2000年2月29日",
    // Month and day counts, not dates.
    "历时13个月，工期32日，持续45日，18月龄婴儿",
    "2023年7月5日（星期三），2023年7月5日周三，2023年7月5日星期三，2023年7月2日（星期日），2023年7月2日（星期天）",
    // A range of weekdays after a date.
    "自2023年7月5日周一至周五",
    // Versions, URLs, numbers.
    "访问https://www.gov.cn/2023-06/30/content_123.html，版本v2.3.1，增长3.5%，1,000元，12:30开会。",
    "v13月报",
    // 截止 without a point in time after it.
    "截止日期为6月30日，截止时间，报名截止，6月30日截止，截止前提交，截止于2023年，截止期限，申报截止后",
    "截至2023年6月底，截至目前",
    // Chinese numerals without 零 as a digit.
    "二〇二三年，一千零五年，一百零八年，零下5度，零点，一年零三个月，零零星星",
];

#[test]
fn flagged() {
    common::assert_table("number.", FLAGGED, |text, d, &(rule, found, suggestion, fix)| {
        assert_eq!(d.rule, rule, "{text:?}: {d:?}");
        assert_eq!(d.found, found, "{text:?}: {d:?}");
        common::assert_first_suggestion(text, d, suggestion.is_empty(), suggestion);
        assert_eq!(d.fix.as_deref(), fix, "{text:?}: {d:?}");
        assert!(!d.message.is_empty());
    });
}

#[test]
fn silent() {
    common::assert_silent_of("number.", SILENT);
}

#[test]
fn messages() {
    assert_eq!(
        findings("2023年2月29日")[0].message,
        "日期“2023年2月29日”不存在：2023年不是闰年，2月只有28天"
    );
    assert_eq!(findings("6月31日")[0].message, "日期“6月31日”不存在：6月没有31日");
    assert_eq!(
        findings("2023年7月5日（星期四）")[0].message,
        "2023年7月5日是星期三，不是“星期四”"
    );
}

/// Every weekday of two years against a day count from a known Sunday.
#[test]
fn weekdays_agree_with_a_day_count() {
    const NAMES: [&str; 7] = ["日", "一", "二", "三", "四", "五", "六"];
    // 2023-01-01 was a Sunday.
    let mut weekday = 0;
    for year in [2023u32, 2024] {
        for month in 1..=12u32 {
            let days = match month {
                2 if year % 4 == 0 => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            for day in 1..=days {
                let right = format!("{year}年{month}月{day}日（星期{}）", NAMES[weekday]);
                assert!(findings(&right).is_empty(), "{right}");
                let wrong = format!("{year}年{month}月{day}日（周{}）", NAMES[(weekday + 1) % 7]);
                let got = findings(&wrong);
                assert_eq!(got.len(), 1, "{wrong}");
                assert_eq!(got[0].suggestions, vec![format!("周{}", NAMES[weekday])]);
                weekday = (weekday + 1) % 7;
            }
        }
    }
}
