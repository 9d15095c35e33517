//! `encoding.mojibake`: text damaged by a wrong encoding.
//!
//! * U+FFFD REPLACEMENT CHARACTER (a run is one finding);
//! * the classic garbage runs 锟斤拷 (U+FFFD written in UTF-8 and read as
//!   GBK), 烫烫烫 and 屯屯屯 (uninitialised memory shown as GBK);
//! * UTF-8 read as GBK: three or more characters that are characteristic of
//!   such misreadings (锛 for “，”, 銆 for “。”, 鐨 for “的” …) and never
//!   occur in real text, each within 16 characters of the previous one;
//! * UTF-8 read as Latin-1 / Windows-1252 (“é”™è¯¯” for 错误): a sequence
//!   of such characters that re-encodes to valid UTF-8 of Chinese text or
//!   punctuation; the suggestion is the decoded text;
//! * pinyin left by a failed conversion of ruby text: a parenthesised
//!   syllable with tone marks right after a common or traditional character
//!   (數(shù), 发(fā)布), fixed by deleting the annotation; or after a
//!   garbled character (?,F(xiàn)), reported without a fix. Annotations of
//!   rare characters (擘(bò)画) are deliberate and left alone.
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo, Sink};

pub(crate) const MOJIBAKE: RuleInfo = RuleInfo {
    id: "encoding.mojibake",
    category: Category::Hygiene,
    default_severity: Severity::Error,
    summary: "乱码：替换字符、锟斤拷、编码错误或拼音注音残留",
    example: "系统显示锟斤拷。",
    explanation: "查找乱码：替换字符“�”，“锟斤拷”“烫烫烫”等编码错误的痕迹，UTF-8 被当作 GBK 或 Latin-1 读出的字符串，以及注音转换失败留下的拼音（“數(shù)”）。生僻字后有意加注的拼音不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

/// A character annotated with pinyin is common (the annotation is a
/// leftover) when it is at least this frequent in the word list.
const COMMON_CHAR_FREQ: u32 = 3_000;

/// Characters that UTF-8 Chinese text read as GBK is full of and that do not
/// occur in real text (the first halves of the misread 的, 是, 在, 和, ，, 。,
/// “ …).
const GBK_MARKERS: [char; 38] = [
    '锛', '銆', '鍏', '鍔', '鐨', '鍙', '瀹', '鍒', '鏈', '鍥', '鏀', '鏂', '杩', '浼', '鍜', '鍚', '鍖', '鍦', '璁',
    '鐢', '鎴', '閲', '鈥', '鍐', '鎶', '鍗', '鍩', '寤', '闈', '鏄', '鎺', '鎵', '鏁', '鎸', '鏉', '鎬', '閫', '鐩',
];

/// Markers at most this many characters apart form one group; a group of
/// three or more is reported.
const MARKER_GAP: usize = 16;

/// The ideographs that start a check: the GBK markers and 锟, 烫, 屯 (the
/// shared pass of the hygiene rules stops at them).
pub(crate) const TRIGGER_CHARS: [char; GBK_MARKERS.len() + 3] = {
    let mut out = ['锟'; GBK_MARKERS.len() + 3];
    let mut k = 0;
    while k < GBK_MARKERS.len() {
        out[k] = GBK_MARKERS[k];
        k += 1;
    }
    out[k + 1] = '烫';
    out[k + 2] = '屯';
    out
};

fn is_gbk_marker(c: char) -> bool {
    GBK_MARKERS.contains(&c)
}

/// The byte a character stands for when UTF-8 was decoded as Windows-1252
/// (or Latin-1, for the C1 controls): `None` for characters neither
/// produces from a byte ≥ 0x80.
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => return None,
    };
    Some(b)
}

fn is_continuation(c: char) -> bool {
    cp1252_byte(c).is_some_and(|b| (0x80..0xc0).contains(&b))
}

/// What a UTF-8 sequence misread as Windows-1252 decodes to when it is
/// plausibly Chinese: CJK ideographs, CJK or general punctuation, full-width
/// forms; or a Latin-1 letter from the two-byte leads Ã / Â.
fn plausible(decoded: char) -> bool {
    matches!(decoded,
        '\u{a0}'..='\u{ff}'
        | '\u{2000}'..='\u{206f}'
        | '\u{3000}'..='\u{303f}'
        | '\u{3400}'..='\u{9fff}'
        | '\u{ff00}'..='\u{ffef}')
}

/// At `i`, a lead character of a misread UTF-8 sequence: the end of the
/// longest run of whole sequences from there, and the decoded text.
fn latin1_run(text: &str, i: usize) -> Option<(usize, String)> {
    let mut decoded = String::new();
    let mut end = i;
    let mut chars = text[end..].chars().peekable();
    while let Some(&lead) = chars.peek() {
        let need = match lead {
            'Â' | 'Ã' => 1,
            'à'..='ï' => 2,
            _ => break,
        };
        let mut bytes = [0u8; 3];
        bytes[0] = lead as u32 as u8;
        let mut len = lead.len_utf8();
        let mut probe = chars.clone();
        probe.next();
        let mut ok = true;
        for byte in &mut bytes[1..=need] {
            match probe.next() {
                Some(c) if is_continuation(c) => {
                    *byte = cp1252_byte(c).unwrap_or(0);
                    len += c.len_utf8();
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            break;
        }
        let Some(d) = std::str::from_utf8(&bytes[..=need]).ok().and_then(|s| s.chars().next()) else {
            break;
        };
        if !plausible(d) {
            break;
        }
        decoded.push(d);
        end += len;
        chars = probe;
    }
    (end > i).then_some((end, decoded))
}

/// Tone-marked vowels of pinyin.
fn is_tone_vowel(c: char) -> bool {
    matches!(
        c,
        'ā' | 'á'
            | 'ǎ'
            | 'à'
            | 'ē'
            | 'é'
            | 'ě'
            | 'è'
            | 'ī'
            | 'í'
            | 'ǐ'
            | 'ì'
            | 'ō'
            | 'ó'
            | 'ǒ'
            | 'ò'
            | 'ū'
            | 'ú'
            | 'ǔ'
            | 'ù'
            | 'ǖ'
            | 'ǘ'
            | 'ǚ'
            | 'ǜ'
    )
}

/// At `i`, an opening parenthesis: the end of a parenthesised pinyin
/// syllable with a tone mark, `(shù)` or `（shù）`.
fn pinyin_annotation(text: &str, i: usize) -> Option<usize> {
    let mut chars = text[i..].char_indices();
    let (_, open) = chars.next()?;
    let close = if open == '(' { ')' } else { '）' };
    let mut letters = 0;
    let mut tone = false;
    for (k, c) in chars {
        if c == close {
            return (tone && letters >= 2).then_some(i + k + c.len_utf8());
        }
        if c.is_ascii_lowercase() || c == 'ü' {
            letters += 1;
        } else if is_tone_vowel(c) {
            letters += 1;
            tone = true;
        } else {
            return None;
        }
        if letters > 6 {
            return None;
        }
    }
    None
}

fn push_finding(
    sink: &mut Sink<'_>,
    span: std::ops::Range<usize>,
    message: String,
    suggestion: Option<String>,
    fix: Option<String>,
) {
    sink.emit_with_fix(
        Rule::EncodingMojibake,
        span,
        message,
        suggestion.into_iter().collect(),
        fix,
    );
}

/// Checks the whole text.
/// `spots`: where the shared pass found characters other than letters and
/// ordinary ideographs (`super::Pass`); every trigger is among them.
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let (engine, spots) = (cx.engine, &cx.pass.spots[..]);
    if !sink.enabled(Rule::EncodingMojibake) {
        return;
    }
    let text = sink.text;
    // The GBK-misreading markers of the current group: (start of the first,
    // end of the last, how many, characters since the last).
    let mut group: Option<(usize, usize, usize)> = None;
    // Where the last marker ended.
    let mut last_marker = 0usize;
    // Where the previous finding ended: nothing before it is looked at again.
    let mut done = 0usize;
    let bytes = text.as_bytes();
    for i in spots.iter().map(|&k| k as usize) {
        if i < done || (bytes[i] < 0x80 && bytes[i] != b'(') {
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        check_char(engine, sink, text, i, c, &mut group, &mut last_marker, &mut done);
    }
    flush_group(sink, group);
}

/// The checks of one character that the fast path did not skip.
#[allow(clippy::too_many_arguments)]
fn check_char(
    engine: &Engine,
    sink: &mut Sink<'_>,
    text: &str,
    i: usize,
    c: char,
    group: &mut Option<(usize, usize, usize)>,
    last_marker: &mut usize,
    done: &mut usize,
) {
    {
        if is_gbk_marker(c) {
            // Characters since the previous marker, this one included
            // (those of findings in between too).
            let since = text[(*last_marker).min(i)..i].chars().count() + 1;
            *last_marker = i + c.len_utf8();
            *group = match *group {
                Some((s, _, n)) if since <= MARKER_GAP => Some((s, i + c.len_utf8(), n + 1)),
                other => {
                    flush_group(sink, other);
                    Some((i, i + c.len_utf8(), 1))
                }
            };
            return;
        }
        match c {
            '\u{fffd}' => {
                let end = i + text[i..]
                    .chars()
                    .take_while(|&d| d == '\u{fffd}')
                    .map(char::len_utf8)
                    .sum::<usize>();
                push_finding(
                    sink,
                    i..end,
                    "乱码：替换字符“\u{fffd}”，原文字在转码中丢失".to_string(),
                    None,
                    None,
                );
                *done = end;
            }
            '锟' if text[i..].starts_with("锟斤拷") => {
                let mut end = i;
                while text[end..].starts_with("锟斤拷") {
                    end += "锟斤拷".len();
                }
                push_finding(
                    sink,
                    i..end,
                    format!("乱码：“{}”是替换字符按GBK解码的结果", &text[i..end]),
                    None,
                    None,
                );
                *done = end;
            }
            '烫' | '屯' => {
                let n = text[i..].chars().take_while(|&d| d == c).count();
                if n >= 3 {
                    let end = i + n * c.len_utf8();
                    push_finding(
                        sink,
                        i..end,
                        format!("乱码：“{}”是未初始化内存按GBK显示的结果", &text[i..end]),
                        None,
                        None,
                    );
                    *done = end;
                }
            }
            'Â' | 'Ã' | 'à'..='ï' => {
                if let Some((end, decoded)) = latin1_run(text, i) {
                    push_finding(
                        sink,
                        i..end,
                        format!("乱码：UTF-8文字被按Latin-1解码，原文应为“{decoded}”"),
                        Some(decoded),
                        None,
                    );
                    *done = end;
                }
            }
            '(' | '（' => {
                if let Some(end) = pinyin_annotation(text, i) {
                    if let Some(fix) = annotation_fix(engine, text, i, super::char_before(text, i)) {
                        let found = &text[i..end];
                        let message = match fix {
                            true => format!("拼音注音“{found}”是转换残留，应删除"),
                            false => format!("乱码：拼音注音“{found}”是转换残留，前面的文字已丢失"),
                        };
                        let fix = fix.then(String::new);
                        push_finding(sink, i..end, message, fix.clone(), fix);
                        *done = end;
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a pinyin annotation at `i` after character `p` is a leftover:
/// `Some(true)` to delete it (after a common or traditional character),
/// `Some(false)` to report it only (after a garbled character), `None` to
/// leave it.
fn annotation_fix(engine: &Engine, text: &str, i: usize, p: Option<char>) -> Option<bool> {
    let p = p?;
    if super::is_han_or_zero(p) {
        if super::script::traditional(p).is_some() {
            return Some(true);
        }
        let mut buf = [0u8; 4];
        let freq = engine.lexicon.freq(p.encode_utf8(&mut buf)).unwrap_or(0);
        return (freq >= COMMON_CHAR_FREQ).then_some(true);
    }
    // ?,F(xiàn): the character was lost, leaving ASCII garbage with a '?'.
    let start = text[..i].char_indices().rev().nth(3).map_or(0, |(k, _)| k);
    let before = &text[start..i];
    (p.is_ascii_graphic() && before.contains('?')).then_some(false)
}

fn flush_group(sink: &mut Sink<'_>, group: Option<(usize, usize, usize)>) {
    if let Some((s, e, n)) = group {
        if n >= 3 {
            let found = &sink.text[s..e];
            push_finding(
                sink,
                s..e,
                format!("乱码：“{found}”疑似UTF-8文字被按GBK解码"),
                None,
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_runs_decode() {
        assert_eq!(latin1_run("é”™è¯¯！", 0), Some(("é”™è¯¯".len(), "错误".to_string())));
        assert_eq!(latin1_run("Ã©", 0), Some((4, "é".to_string())));
        assert_eq!(latin1_run("café", 3), None);
        assert_eq!(latin1_run("è“", 0), None);
    }

    #[test]
    fn pinyin_annotations() {
        assert_eq!(pinyin_annotation("(shù)据", 0), Some("(shù)".len()));
        assert_eq!(pinyin_annotation("（fā）布", 0), Some("（fā）".len()));
        assert_eq!(pinyin_annotation("(shu)", 0), None);
        assert_eq!(pinyin_annotation("(a)", 0), None);
        assert_eq!(pinyin_annotation("(Běijīng)", 0), None);
    }
}
