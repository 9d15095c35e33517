//! `privacy.*`: personal data in text to be published.
//!
//! Only a whole run of ASCII digits is considered: digits inside a longer
//! run, next to a Latin letter, or in a URL, file name or e-mail address
//! (after `/ _ = & ? # . % @ \`, before `@ . _ /`) are not personal data
//! for this purpose. Masked numbers (3204**********1234) are never flagged.
//!
//! * `privacy.id-card`: 17 digits and a check digit or X with a valid ISO
//!   7064 MOD 11-2 check and a valid birth date → masked (first and last
//!   four kept).
//! * `privacy.mobile`: 11 digits starting 13–19, not followed by a unit of
//!   measure (元, 万, 人 …) → 138****5678.
//! * `privacy.bank-card`: 16–19 digits starting 3–6 that pass the Luhn check
//!   and use at least four different digits (not an ID number) → masked.
use crate::diagnostic::Severity;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo, Sink};

pub(crate) const ID_CARD: RuleInfo = RuleInfo {
    id: "privacy.id-card",
    category: Category::Policy,
    default_severity: Severity::Error,
    summary: "公开文本中含完整身份证号码",
    example: "身份证号11010519491231002X",
    explanation: "查找公开文本中完整的身份证号码（校验码和出生日期有效的18位号码），建议打码（保留前后四位）。网址、文件名中的数字和已打码的号码不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const MOBILE: RuleInfo = RuleInfo {
    id: "privacy.mobile",
    category: Category::Policy,
    default_severity: Severity::Warning,
    summary: "公开文本中含完整手机号码",
    example: "联系电话13812345678",
    explanation: "查找公开文本中完整的手机号码（13–19开头的11位数字），建议打码为“138****5678”形式；后跟计量单位（元、万、人等）的数字不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const BANK_CARD: RuleInfo = RuleInfo {
    id: "privacy.bank-card",
    category: Category::Policy,
    default_severity: Severity::Warning,
    summary: "公开文本中含完整银行卡号",
    example: "卡号6222020200112233446",
    explanation: "查找公开文本中完整的银行卡号（通过Luhn校验的16–19位数字），建议打码。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

/// Whether a resident ID number (18 ASCII bytes) is valid: birth date and
/// MOD 11-2 check digit.
pub(crate) fn valid_id(id: &[u8]) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    if id.len() != 18 || !id[..17].iter().all(u8::is_ascii_digit) || id[0] == b'0' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| id[r].iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    let (y, m, d) = (num(6..10), num(10..12), num(12..14));
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if !(1900..=2099).contains(&y) || d == 0 || d > days {
        return false;
    }
    let sum: u32 = id[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(&b, w)| u32::from(b - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize] == id[17].to_ascii_uppercase()
}

/// The Luhn check of a digit string.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(k, &b)| {
            let d = u32::from(b - b'0');
            if k % 2 == 1 {
                if d > 4 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Keeps the first `head` and last `tail` characters, masks the rest.
fn mask(s: &str, head: usize, tail: usize) -> String {
    let n = s.len();
    format!("{}{}{}", &s[..head], "*".repeat(n - head - tail), &s[n - tail..])
}

/// A character after a mobile number that makes it a quantity.
fn unit(c: char) -> bool {
    matches!(
        c,
        '元' | '万'
            | '亿'
            | '千'
            | '百'
            | '吨'
            | '人'
            | '户'
            | '个'
            | '件'
            | '次'
            | '台'
            | '辆'
            | '家'
            | '所'
            | '名'
            | '位'
            | '%'
            | '‰'
            | '年'
            | '余'
            | '多'
            | '倍'
            | '米'
            | '平'
            | '公'
            | '亩'
            | '股'
            | '美'
            | '港'
            | '条'
            | '项'
            | '份'
            | '张'
            | '册'
            | '本'
            | '头'
            | '只'
            | '度'
            | '克'
            | '字'
            | '号'
    )
}

/// Checks the whole text.
/// `spots`: where the shared pass found characters other than letters and
/// ordinary ideographs (`super::Pass`); digits are among them.
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let spots = &cx.pass.spots[..];
    let id_on = sink.enabled(Rule::PrivacyIdCard);
    let mobile_on = sink.enabled(Rule::PrivacyMobile);
    let bank_on = sink.enabled(Rule::PrivacyBankCard);
    if !(id_on || mobile_on || bank_on) {
        return;
    }
    let text = sink.text;
    let bytes = text.as_bytes();
    // Where the previous number ended.
    let mut i = 0;
    for at in spots.iter().map(|&k| k as usize) {
        if at < i || !bytes[at].is_ascii_digit() {
            continue;
        }
        i = at;
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let digits_end = i;
        let n = digits_end - start;
        if n < 11 {
            continue;
        }
        // An ID number may end in X.
        let end = if n == 17 && matches!(bytes.get(i), Some(b'X' | b'x')) {
            i + 1
        } else {
            i
        };
        let before = start.checked_sub(1).map(|k| bytes[k]);
        let after = bytes.get(end).copied();
        let glued = |b: Option<u8>, set: &[u8]| b.is_some_and(|b| b.is_ascii_alphanumeric() || set.contains(&b));
        if glued(before, b"/_=&?#.%@\\*") || glued(after, b"@._/*") {
            i = end;
            continue;
        }
        let number = &text[start..end];
        if end - start == 18 && valid_id(number.as_bytes()) {
            if id_on {
                let masked = mask(number, 4, 4);
                sink.emit(
                    Rule::PrivacyIdCard,
                    start..end,
                    format!("公开文本中含完整身份证号码，应隐去中间部分：{masked}"),
                    vec![masked],
                );
            }
        } else if end != digits_end {
            // 17 digits and X that are not an ID number.
        } else if n == 11 && bytes[start] == b'1' && (b'3'..=b'9').contains(&bytes[start + 1]) {
            let next = super::char_at(text, end);
            if mobile_on && !next.is_some_and(unit) {
                let masked = mask(number, 3, 4);
                sink.emit(
                    Rule::PrivacyMobile,
                    start..end,
                    format!("公开文本中含完整手机号码，应隐去中间四位：{masked}"),
                    vec![masked],
                );
            }
        } else if (16..=19).contains(&n) && (b'3'..=b'6').contains(&bytes[start]) && bank_on {
            let mut seen = [false; 10];
            for &b in &bytes[start..end] {
                seen[usize::from(b - b'0')] = true;
            }
            if seen.iter().filter(|&&s| s).count() >= 4 && luhn(&bytes[start..end]) {
                let masked = mask(number, 4, 4);
                sink.emit(
                    Rule::PrivacyBankCard,
                    start..end,
                    format!("公开文本中含完整银行卡号，应隐去中间部分：{masked}"),
                    vec![masked],
                );
            }
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers() {
        assert!(valid_id(b"11010519491231002X"));
        assert!(valid_id(b"11010519491231002x"));
        assert!(!valid_id(b"110105194912310021"));
        assert!(!valid_id(b"11010519491331002X"));
        assert!(!valid_id(b"01010519491231002X"));
        assert!(!valid_id(b"1101051949123100"));
    }

    #[test]
    fn luhn_check() {
        assert!(luhn(b"6222020200112233446"));
        assert!(luhn(b"4532012345678902"));
        assert!(!luhn(b"6222020200112233445"));
    }

    #[test]
    fn masking() {
        assert_eq!(mask("13812345678", 3, 4), "138****5678");
        assert_eq!(mask("11010519491231002X", 4, 4), "1101**********002X");
    }
}
