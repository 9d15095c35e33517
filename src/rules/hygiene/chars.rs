//! `char.*`: code points that look right and are not.
//!
//! * `char.kangxi`: a Kangxi radical (U+2F00–U+2FD5) or a CJK Radicals
//!   Supplement character (U+2E80–U+2EF3) standing for the ideograph it looks
//!   like (⽉ for 月), as PDF text extraction leaves them. Fixed to the
//!   unified ideograph (NFKC, or Unicode's EquivalentUnifiedIdeograph).
//! * `char.compat`: a CJK compatibility ideograph (U+F900–U+FAFF,
//!   U+2F800–U+2FA1F) with a canonical decomposition, fixed to it. The twelve
//!   unified ideographs of that block (﨎 …) have none and are left alone.
//! * `char.invisible`: zero-width space, word joiner, soft hyphen, a byte
//!   order mark after the start; zero-width (non-)joiners unless next to a
//!   script or emoji that uses them. Deleted.
//! * `char.homoglyph`: a letter O/o (Latin, Cyrillic, Greek) or a digit 0/０
//!   standing for 〇 in a number written in Chinese numerals (二0二三年).
use super::{char_before, tables};
use crate::diagnostic::Severity;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo, Sink};

pub(crate) const KANGXI: RuleInfo = RuleInfo {
    id: "char.kangxi",
    category: Category::Hygiene,
    default_severity: Severity::Error,
    summary: "康熙部首或部首补充字符冒充常用汉字（多见于从PDF复制的文字）",
    example: "二⽉一⽇召开会议。",
    explanation: "查找冒充常用汉字的康熙部首（U+2F00–U+2FD5）和部首补充字符（U+2E80–U+2EF3），多见于从PDF复制的文字（“⽉”冒充“月”）。可自动修复为对应的统一汉字。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const COMPAT: RuleInfo = RuleInfo {
    id: "char.compat",
    category: Category::Hygiene,
    default_severity: Severity::Error,
    summary: "CJK兼容汉字冒充统一汉字",
    example: "\u{f98e}度工作总结",
    explanation: "查找有规范分解的CJK兼容汉字（U+F900–U+FAFF、U+2F800–U+2FA1F）：外观与统一汉字相同而编码不同，影响检索和比对。可自动修复为对应的统一汉字；该区中本身是统一汉字的12个字不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const INVISIBLE: RuleInfo = RuleInfo {
    id: "char.invisible",
    category: Category::Hygiene,
    default_severity: Severity::Error,
    summary: "文中夹有零宽字符等不可见字符",
    example: "通\u{200b}知",
    explanation: "查找零宽空格、零宽不换行空格、软连字符、文中的字节顺序标记等不可见字符；零宽连接符、零宽非连接符在需要它们的文字或表情符号旁不报。可自动修复（删除）。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const HOMOGLYPH: RuleInfo = RuleInfo {
    id: "char.homoglyph",
    category: Category::Hygiene,
    default_severity: Severity::Error,
    summary: "中文数字中混入形似的字母或阿拉伯数字",
    example: "二0二三年工作报告",
    explanation: "查找用中文数字书写的数中混入的形似字母或阿拉伯数字（“二0二三年”中的“0”应为“〇”）。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

fn lookup(table: &[(char, char)], c: char) -> Option<char> {
    table.binary_search_by_key(&c, |&(k, _)| k).ok().map(|i| table[i].1)
}

/// The unified ideograph a radical stands for.
pub(crate) fn radical(c: char) -> Option<char> {
    lookup(tables::RADICALS, c)
}

/// The unified ideograph a compatibility ideograph stands for.
pub(crate) fn compat(c: char) -> Option<char> {
    lookup(tables::COMPAT, c)
}

/// 〇 and the Chinese numerals one to nine.
fn is_cn_digit(c: char) -> bool {
    matches!(c, '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九')
}

/// Look-alikes of 〇.
fn is_zero_like(c: char) -> bool {
    matches!(c, 'O' | 'o' | '0' | '０' | 'О' | 'о' | 'Ο' | 'ο')
}

/// Whether a zero-width (non-)joiner next to `c` may be doing its job:
/// emoji sequences, and scripts that use joiners (Arabic, Indic, …).
fn joiner_context(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        let cp = c as u32;
        (0x0590..0x2000).contains(&cp)
            || (0x2190..0x2c00).contains(&cp)
            || (0xa800..0xac00).contains(&cp)
            || cp >= 0x1_0000 && !super::is_han(c)
            || c == '\u{fe0f}'
    })
}

fn name_of(c: char) -> &'static str {
    match c {
        '\u{200b}' => "零宽空格",
        '\u{200c}' => "零宽非连接符",
        '\u{200d}' => "零宽连接符",
        '\u{2060}' => "零宽不换行空格",
        '\u{feff}' => "字节顺序标记",
        _ => "软连字符",
    }
}

/// Checks the whole text.
/// `spots`: where the shared pass found characters other than letters and
/// ordinary ideographs (`super::Pass`).
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let spots = &cx.pass.spots[..];
    let kangxi = sink.enabled(Rule::CharKangxi);
    let compat_on = sink.enabled(Rule::CharCompat);
    let invisible = sink.enabled(Rule::CharInvisible);
    let homoglyph = sink.enabled(Rule::CharHomoglyph);
    if !(kangxi || compat_on || invisible || homoglyph) {
        return;
    }
    let text = sink.text;
    let bytes = text.as_bytes();
    // Where the previous run of invisible characters ended.
    let mut next = 0;
    for i in spots.iter().map(|&k| k as usize) {
        if i < next {
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            if homoglyph && matches!(b, b'0' | b'O' | b'o') && char_before(text, i).is_some_and(is_cn_digit) {
                check_homoglyph(sink, i);
            }
            continue;
        }
        if (0xe4..=0xe9).contains(&b) {
            // U+4000–U+9FFF: ideographs.
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let cp = c as u32;
        let len = c.len_utf8();
        match c {
            '\u{2e80}'..='\u{2fdf}' if kangxi => {
                if let Some(u) = radical(c) {
                    let what = if cp >= 0x2f00 {
                        "康熙部首"
                    } else {
                        "部首补充字符"
                    };
                    sink.emit_with_fix(
                        Rule::CharKangxi,
                        i..i + len,
                        format!("{what}“{c}”(U+{cp:04X})应为汉字“{u}”"),
                        vec![u.to_string()],
                        Some(u.to_string()),
                    );
                }
            }
            '\u{f900}'..='\u{faff}' | '\u{2f800}'..='\u{2fa1f}' if compat_on => {
                if let Some(u) = compat(c) {
                    sink.emit_with_fix(
                        Rule::CharCompat,
                        i..i + len,
                        format!("兼容汉字“{c}”(U+{cp:04X})应为统一汉字“{u}”(U+{:04X})", u as u32),
                        vec![u.to_string()],
                        Some(u.to_string()),
                    );
                }
            }
            _ if invisible && is_invisible(c) => {
                // A run of invisible characters is one finding.
                let end = i + text[i..]
                    .chars()
                    .take_while(|&d| is_invisible(d))
                    .map(char::len_utf8)
                    .sum::<usize>();
                let run = &text[i..end];
                let skip = if i == 0 && run == "\u{feff}" {
                    // A byte order mark at the start is harmless.
                    true
                } else {
                    run.chars().all(|d| matches!(d, '\u{200c}' | '\u{200d}'))
                        && (joiner_context(char_before(text, i)) || joiner_context(text[end..].chars().next()))
                };
                if !skip {
                    let mut names: Vec<&str> = run.chars().map(name_of).collect();
                    names.dedup();
                    sink.emit_with_fix(
                        Rule::CharInvisible,
                        i..end,
                        format!("文中夹有不可见字符：{}，应删除", names.join("、")),
                        vec![String::new()],
                        Some(String::new()),
                    );
                }
                next = end;
                continue;
            }
            _ if homoglyph && is_zero_like(c) && char_before(text, i).is_some_and(is_cn_digit) => {
                check_homoglyph(sink, i);
            }
            _ => {}
        }
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// A look-alike of 〇 at `at`, after a Chinese numeral: looks at the whole
/// run of numerals and look-alikes around it. The run must hold at least
/// two Chinese numerals, and either be a year (followed by 年) or have the
/// look-alike between two Chinese numerals; it must not touch ASCII letters
/// or digits.
fn check_homoglyph(sink: &mut Sink<'_>, at: usize) {
    let text = sink.text;
    // Only the first look-alike of a run starts the check.
    let mut start = at;
    while let Some(c) = char_before(text, start) {
        if is_cn_digit(c) || is_zero_like(c) {
            start -= c.len_utf8();
        } else {
            break;
        }
    }
    if text[start..at].chars().any(is_zero_like) {
        return;
    }
    let mut end = at;
    for c in text[at..].chars() {
        if is_cn_digit(c) || is_zero_like(c) {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    let run = &text[start..end];
    let before = char_before(text, start);
    let after = super::char_at(text, end);
    if before.is_some_and(|c| c.is_ascii_alphanumeric()) || after.is_some_and(|c| c.is_ascii_alphanumeric()) {
        return;
    }
    let digits = run.chars().filter(|&c| is_cn_digit(c)).count();
    if digits < 2 || run.chars().count() > 12 {
        return;
    }
    let year = after == Some('年');
    let chars: Vec<(usize, char)> = run.char_indices().map(|(k, c)| (start + k, c)).collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !is_zero_like(c) {
            continue;
        }
        let inside = k > 0 && k + 1 < chars.len() && is_cn_digit(chars[k - 1].1) && is_cn_digit(chars[k + 1].1);
        if year || inside {
            sink.emit_with_fix(
                Rule::CharHomoglyph,
                i..i + c.len_utf8(),
                format!("中文数字中的“{c}”(U+{:04X})应为“〇”", c as u32),
                vec!["〇".to_string()],
                Some("〇".to_string()),
            );
        }
    }
}
