//! `number.*`: dates and numbers per GB/T 15835-2011, where mechanical.
//!
//! * `number.impossible-date`: a date in Arabic digits that does not exist:
//!   `Y年M月D日` (2023年2月29日, 2023年6月31日, 2023年13月) and `M月D日`
//!   (6月31日, 13月5日, 5月32日). A month or day count alone (13月, 32日)
//!   may be a duration and is left alone.
//! * `number.weekday`: a weekday right after a full date that contradicts it:
//!   2023年7月5日（星期四） → 星期三, in the style written (星期/周/礼拜).
//! * `number.jiezhi`: 截止 (or 截止到, 截止至) directly followed by a point in
//!   time (截止2023年, 截止到6月底, 截止目前, 截止今年) → 截至. 截止日期,
//!   截止时间, 报名截止, 6月30日截止, 截止前 and 截止于 are correct.
//! * `number.zero`: 零 as a digit of a year in Chinese numerals (二零二三年):
//!   fixed to 〇.
use crate::diagnostic::Severity;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo, Sink};

pub(crate) const IMPOSSIBLE_DATE: RuleInfo = RuleInfo {
    id: "number.impossible-date",
    category: Category::Hygiene,
    default_severity: Severity::Error,
    summary: "日期不存在",
    example: "2023年2月29日",
    explanation:
        "查找用阿拉伯数字书写的不存在的日期（“2023年2月29日”“6月31日”“13月”）。单独的“13月”“32日”可能是时长，不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const WEEKDAY: RuleInfo = RuleInfo {
    id: "number.weekday",
    category: Category::Hygiene,
    default_severity: Severity::Error,
    summary: "星期与日期不符",
    example: "2023年7月5日（星期四）",
    explanation:
        "查找紧跟完整日期、与日期不符的星期（“2023年7月5日（星期四）”应为星期三），建议按原写法（星期、周、礼拜）给出。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const JIEZHI: RuleInfo = RuleInfo {
    id: "number.jiezhi",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "“截止”后直接跟时间，应为“截至”",
    example: "截止2023年6月底",
    explanation: "查找“截止（到、至）”后直接跟时间点的写法（“截止2023年6月底”），应为“截至”。“截止日期”“报名截止”“6月30日截止”等正确用法不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const ZERO: RuleInfo = RuleInfo {
    id: "number.zero",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "年份中的“零”应为“〇”",
    example: "二零二三年",
    explanation: "查找用中文数字书写的年份中的“零”（“二零二三年”），应为“〇”。可自动修复。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

/// What may follow 截止 to make it a point in time (besides digits and
/// Chinese numerals).
const TIME_WORDS: &[&str] = &[
    "今年",
    "今天",
    "今日",
    "去年",
    "明年",
    "前年",
    "当年",
    "本年",
    "上年",
    "目前",
    "现在",
    "当前",
    "此时",
    "本月",
    "上月",
    "当月",
    "下月",
    "本周",
    "上周",
    "当周",
    "年底",
    "年末",
    "年初",
    "月底",
    "月末",
    "发稿",
    "记者发稿",
    "昨天",
    "昨日",
    "当日",
    "当天",
    "上半年",
    "下半年",
    "本季度",
    "上季度",
    "本学期",
    "去年底",
];

const JIE: &[u8] = "截".as_bytes();
const ZHI: &[u8] = "止".as_bytes();
const LING: &[u8] = "零".as_bytes();

/// Digits as a number, if there are 1 to 4 of them.
fn parse(digits: &str) -> Option<u32> {
    (1..=4).contains(&digits.len()).then(|| digits.parse().ok()).flatten()
}

fn leap(y: u32) -> bool {
    y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400))
}

fn days_in(y: Option<u32>, m: u32) -> u32 {
    match m {
        2 => match y {
            Some(y) if !leap(y) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day of the week, 0 = Sunday (Gregorian calendar).
fn weekday(y: u32, m: u32, d: u32) -> u32 {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    (y + y / 4 - y / 100 + y / 400 + T[(m - 1) as usize] + d) % 7
}

const WEEKDAY_NAMES: [char; 7] = ['日', '一', '二', '三', '四', '五', '六'];

/// The ASCII digits at the start of `s`.
fn digits(s: &str) -> &str {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    &s[..n]
}

/// A date at `i` (the start of a digit run): `(end, year, month, day)`, with
/// the day absent for `Y年M月`.
fn date_at(text: &str, i: usize) -> Option<(usize, Option<u32>, u32, Option<u32>)> {
    let first = digits(&text[i..]);
    let mut at = i + first.len();
    let mut year = None;
    let month_digits;
    if text[at..].starts_with('年') {
        if first.len() != 4 {
            return None;
        }
        year = parse(first);
        at += '年'.len_utf8();
        month_digits = digits(&text[at..]);
        at += month_digits.len();
        if !text[at..].starts_with('月') {
            return None;
        }
    } else if text[at..].starts_with('月') {
        month_digits = first;
    } else {
        return None;
    }
    if month_digits.is_empty() || month_digits.len() > 2 {
        return None;
    }
    let month = parse(month_digits)?;
    at += '月'.len_utf8();
    let day_digits = digits(&text[at..]);
    let after_day = &text[at + day_digits.len()..];
    if !day_digits.is_empty() && day_digits.len() <= 2 && (after_day.starts_with('日') || after_day.starts_with('号'))
    {
        let day = parse(day_digits)?;
        return Some((at + day_digits.len() + 3, year, month, Some(day)));
    }
    if year.is_none() || !day_digits.is_empty() {
        // M月 alone, or M月 followed by something else numeric.
        return None;
    }
    Some((at, year, month, None))
}

/// Checks the whole text.
/// The ideographs that start a check here, for the shared pass.
pub(crate) const TRIGGER_CHARS: [char; 2] = ['截', '零'];

/// `spots`: where the shared pass found characters other than letters and
/// ordinary ideographs (`super::Pass`); digits, 截 and 零 are among them.
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let spots = &cx.pass.spots[..];
    let dates = sink.enabled(Rule::NumberImpossibleDate) || sink.enabled(Rule::NumberWeekday);
    let jiezhi = sink.enabled(Rule::NumberJiezhi);
    let zero = sink.enabled(Rule::NumberZero);
    if !(dates || jiezhi || zero) {
        return;
    }
    let text = sink.text;
    let bytes = text.as_bytes();
    // The triggers are ASCII digits, 截 and 零; `i` is where the previous
    // one's check ended.
    let mut i = 0;
    for at in spots.iter().map(|&k| k as usize) {
        if at < i {
            continue;
        }
        i = at;
        let b = bytes[i];
        if b.is_ascii_digit() {
            let whole = i == 0 || {
                let pb = bytes[i - 1];
                !pb.is_ascii_digit() && !pb.is_ascii_alphabetic() && pb != b'.'
            };
            if dates && whole {
                if let Some(end) = check_date(sink, i) {
                    i = end;
                    continue;
                }
            }
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            continue;
        }
        if b >= 0xe0 {
            // A three- or four-byte character: 截 and 零 are three.
            let len = if b >= 0xf0 { 4 } else { 3 };
            // The three bytes as one number: cheaper than comparing slices.
            let key = match bytes.get(i..i + 3) {
                Some(&[x, y, z]) => u32::from_be_bytes([0, x, y, z]),
                _ => 0,
            };
            const fn key_of(b: &[u8]) -> u32 {
                u32::from_be_bytes([0, b[0], b[1], b[2]])
            }
            if key == key_of(JIE) && jiezhi && bytes[i + 3..].starts_with(ZHI) {
                check_jiezhi(sink, i);
            } else if key == key_of(LING) && zero {
                if let Some(end) = check_zero(sink, i) {
                    i = end;
                    continue;
                }
            }
            i += len;
        }
    }
}

/// A date at `i`; returns its end when it is one.
fn check_date(sink: &mut Sink<'_>, i: usize) -> Option<usize> {
    let text = sink.text;
    let (end, year, month, day) = date_at(text, i)?;
    let found = &text[i..end];
    let bad = if !(1..=12).contains(&month) {
        Some(format!("日期“{found}”不存在：没有{month}月"))
    } else {
        match day {
            Some(d) if d == 0 || d > days_in(year, month) => Some(match year {
                Some(y) if month == 2 && d == 29 => format!("日期“{found}”不存在：{y}年不是闰年，2月只有28天"),
                _ => format!("日期“{found}”不存在：{month}月没有{d}日"),
            }),
            _ => None,
        }
    };
    if let Some(message) = bad {
        sink.emit(Rule::NumberImpossibleDate, i..end, message, Vec::new());
        return Some(end);
    }
    if let (Some(y), Some(d)) = (year, day) {
        if (1583..=9999).contains(&y) && sink.enabled(Rule::NumberWeekday) {
            check_weekday(sink, end, y, month, d);
        }
    }
    Some(end)
}

/// A weekday right after the date ending at `at`.
fn check_weekday(sink: &mut Sink<'_>, at: usize, y: u32, m: u32, d: u32) {
    let text = sink.text;
    let mut k = at;
    k += text[k..].len() - text[k..].trim_start_matches(' ').len();
    let paren = text[k..].starts_with('（') || text[k..].starts_with('(');
    if paren {
        k += text[k..].chars().next().map_or(0, char::len_utf8);
    }
    let rest = &text[k..];
    let prefix = ["星期", "礼拜", "周"].into_iter().find(|p| rest.starts_with(p));
    let Some(prefix) = prefix else { return };
    let Some(w) = rest[prefix.len()..].chars().next() else {
        return;
    };
    let written = match w {
        '日' | '天' => 0,
        _ => match WEEKDAY_NAMES.iter().position(|&n| n == w) {
            Some(n) => n as u32,
            None => return,
        },
    };
    let end = k + prefix.len() + w.len_utf8();
    let after = super::char_at(text, end);
    if paren {
        if !matches!(after, Some('）' | ')')) {
            return;
        }
    } else if after.is_some_and(|c| matches!(c, '至' | '到' | '—' | '-' | '～' | '~' | '、' | '和' | '或')) {
        // A range or list of weekdays, not the date's own.
        return;
    }
    let right = weekday(y, m, d);
    if right == written {
        return;
    }
    let name = WEEKDAY_NAMES[right as usize];
    let suggestion = format!("{prefix}{name}");
    sink.emit(
        Rule::NumberWeekday,
        k..end,
        format!("{y}年{m}月{d}日是{suggestion}，不是“{}”", &text[k..end]),
        vec![suggestion],
    );
}

/// 截止 at `i`: reports it when a point in time follows.
fn check_jiezhi(sink: &mut Sink<'_>, i: usize) {
    let text = sink.text;
    let mut end = i + "截止".len();
    if text[end..].starts_with('到') || text[end..].starts_with('至') {
        end += 3;
    }
    let rest = &text[end..];
    let Some(first) = rest.chars().next() else { return };
    let time = first.is_ascii_digit()
        || ('０'..='９').contains(&first)
        || TIME_WORDS.iter().any(|w| rest.starts_with(w))
        || (is_cn_numeral(first)
            && rest
                .chars()
                .take(6)
                .find(|&c| !is_cn_numeral(c))
                .is_some_and(|c| matches!(c, '年' | '月' | '日' | '时' | '点' | '号')));
    if !time {
        return;
    }
    let found = &text[i..end];
    sink.emit(
        Rule::NumberJiezhi,
        i..end,
        format!("“{found}”后接时间，表示“到某时为止”应为“截至”"),
        vec!["截至".to_string()],
    );
}

fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

fn is_year_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// 零 at `i`: a year of four Chinese digits with 零 among them, followed by
/// 年. Returns the end of the year when reported.
fn check_zero(sink: &mut Sink<'_>, i: usize) -> Option<usize> {
    let text = sink.text;
    let mut start = i;
    while let Some(c) = super::char_before(text, start) {
        if !is_year_digit(c) {
            break;
        }
        start -= c.len_utf8();
    }
    if super::char_before(text, start).is_some_and(|c| matches!(c, '十' | '百' | '千' | '万' | '亿')) {
        return None;
    }
    let end = start
        + text[start..]
            .chars()
            .take_while(|&c| is_year_digit(c))
            .map(char::len_utf8)
            .sum::<usize>();
    let run = &text[start..end];
    if run.chars().count() != 4 || !text[end..].starts_with('年') || run.starts_with('零') {
        return None;
    }
    let fixed = run.replace('零', "〇");
    sink.emit_with_fix(
        Rule::NumberZero,
        start..end,
        format!("年份“{run}”中的“零”应为“〇”"),
        vec![fixed.clone()],
        Some(fixed),
    );
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        assert_eq!(weekday(2023, 7, 5), 3);
        assert_eq!(weekday(2000, 1, 1), 6);
        assert_eq!(weekday(2024, 2, 29), 4);
        assert_eq!(weekday(1949, 10, 1), 6);
    }

    #[test]
    fn dates() {
        assert_eq!(
            date_at("2023年2月29日", 0),
            Some(("2023年2月29日".len(), Some(2023), 2, Some(29)))
        );
        assert_eq!(date_at("6月31号", 0), Some(("6月31号".len(), None, 6, Some(31))));
        assert_eq!(date_at("2023年6月", 0), Some(("2023年6月".len(), Some(2023), 6, None)));
        assert_eq!(date_at("13月", 0), None);
        assert_eq!(date_at("123年6月1日", 0), None);
        assert_eq!(days_in(Some(1900), 2), 28);
        assert_eq!(days_in(Some(2000), 2), 29);
        assert_eq!(days_in(None, 2), 29);
    }
}
