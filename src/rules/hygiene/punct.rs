//! `punct.*`: punctuation per GB/T 15834-2011.
//!
//! Every rule looks only at Chinese context (a Han character or a Chinese
//! mark next to the mark in question), so URLs, e-mail addresses, code,
//! English sentences and numbers (3.5, 1,000, 12:30) are never touched.
//!
//! * `punct.half-width`: `, ; : ? !` between Chinese characters (fixed to the
//!   full-width mark; a ? only after a question particle, as one inside a
//!   word may stand for a lost character), or after a Chinese character
//!   before a space or the end of the paragraph (suggested); `( )` around
//!   text with Chinese characters, next to Chinese characters (suggested).
//! * `punct.doubled`: two or more of `。，、；：？！` in a row with at least one
//!   of the first five (。。 ，， ，。 、、 ；；, ？。); `？！`, `！？`, `？？`, `！！`
//!   are left to exclamations. A repeated mark is fixed to one.
//! * `punct.unpaired`: per paragraph, a closing mark without its opening one,
//!   crossed nesting (“《”》), or an opening mark left open; a quotation
//!   left open is allowed when the next paragraph opens with “ (a quotation
//!   of several paragraphs). A mark may be closed up to two lines later
//!   (text extracted from web pages and PDFs breaks lines inside titles and
//!   brackets); a text that stops mid-sentence is a fragment whose open
//!   marks are not reported. ’ next to a Latin letter is an apostrophe; a list number like
//!   1） at the start of a paragraph is not unpaired.
//! * `punct.ellipsis`: 。。。, ... or ...... , or a single … in Chinese text:
//!   fixed to ……. Longer dot runs (tables of contents) are left alone.
//! * `punct.dash`: a dash made of two hyphens, two full-width hyphen-minus,
//!   two horizontal bars or box-drawing lines (--, －－, ――, ──) in Chinese
//!   text: fixed to ——; a single hyphen or em dash between spaces between
//!   Chinese characters (suggested ——). A single hyphen or — joining two
//!   Chinese words (中国-中亚, 北京—上海) is a connector (GB/T 15834 4.13)
//!   and is left alone.
//! * `punct.dunhao`: a 顿号 between two titles, 》、《: fixed by deleting the
//!   顿号 (GB/T 15834 4.5.3.5). Between quotations (”、“) the standard says
//!   “通常不用”, but Party and government documents write it throughout, so
//!   that case is not reported.
use super::is_han_or_zero;
use crate::diagnostic::Severity;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo, Sink};

pub(crate) const HALF_WIDTH: RuleInfo = RuleInfo {
    id: "punct.half-width",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "中文之间使用了半角标点",
    example: "会议决定,明天开始。",
    explanation: "查找中文之间或中文后的半角标点（, ; : ? ! 和括号），应使用全角标点（GB/T 15834-2011）。网址、电子邮件、代码、英文句子和数字（3.5、1,000、12:30）中的标点不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const DOUBLED: RuleInfo = RuleInfo {
    id: "punct.doubled",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "标点重复或冲突",
    example: "会议结束。。",
    explanation: "查找重复或冲突的标点（“。。”“，，”“，。”）；“？！”“！！”等感叹用法不报。可自动修复为一个。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const UNPAIRED: RuleInfo = RuleInfo {
    id: "punct.unpaired",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "成对标点不配对或嵌套错误",
    example: "学习《决定精神。",
    explanation: "按段查找不配对的成对标点（引号、括号、书名号）和交叉嵌套（“《”》）；跨两行内闭合、跨段的多段引文和截断的片段不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const ELLIPSIS: RuleInfo = RuleInfo {
    id: "punct.ellipsis",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "省略号写法不规范，应为“……”",
    example: "等等。。。",
    explanation:
        "查找中文文本中不规范的省略号（“。。。”“...”“......”或单个“…”），可自动修复为“……”。更长的点串（目录）不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const DASH: RuleInfo = RuleInfo {
    id: "punct.dash",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "破折号写法不规范，应为“——”",
    example: "改革的目标--实现高质量发展",
    explanation: "查找中文文本中用两个连字符、全角减号、横线或制表线写成的破折号（“--”“－－”“――”“──”），可自动修复为“——”；中文之间前后有空格的单个连字符或破折号建议改为“——”。连接两个中文词的单个连接号（“中国-中亚”“北京—上海”）不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const DUNHAO: RuleInfo = RuleInfo {
    id: "punct.dunhao",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "并列书名号之间不用顿号",
    example: "学习《宪法》、《民法典》",
    explanation: "查找并列书名号之间的顿号（“《宪法》、《民法典》”），按 GB/T 15834-2011 不用顿号，可自动修复（删除顿号）。并列引号之间的顿号在党政公文中普遍使用，不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

/// Chinese closing marks that may stand where a Han character would on the
/// left of a mark.
fn is_cn_close(c: char) -> bool {
    matches!(c, '”' | '’' | '》' | '〉' | '）' | '】' | '」' | '』')
}

/// Chinese opening marks.
fn is_cn_open(c: char) -> bool {
    matches!(c, '“' | '‘' | '《' | '〈' | '（' | '【' | '「' | '『')
}

/// Chinese sentence-internal and end marks.
fn is_cn_stop(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '；' | '：' | '？' | '！')
}

fn left_ok(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han_or_zero(c) || is_cn_close(c))
}

fn right_ok(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han_or_zero(c) || is_cn_open(c))
}

/// Chinese context on one side: a Han character or a Chinese mark.
fn chinese(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han_or_zero(c) || is_cn_open(c) || is_cn_close(c) || is_cn_stop(c))
}

fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        _ => '）',
    }
}

fn closer_of(open: char) -> char {
    match open {
        '“' => '”',
        '‘' => '’',
        '《' => '》',
        '〈' => '〉',
        '（' => '）',
        '【' => '】',
        '「' => '」',
        _ => '』',
    }
}

fn opener_of(close: char) -> char {
    match close {
        '”' => '“',
        '’' => '‘',
        '》' => '《',
        '〉' => '〈',
        '）' => '（',
        '】' => '【',
        '」' => '「',
        _ => '『',
    }
}

/// Which rules are on.
struct On {
    half: bool,
    doubled: bool,
    unpaired: bool,
    ellipsis: bool,
    dash: bool,
    dunhao: bool,
}

/// Checks the whole text.
/// `spots`: where the shared pass found characters other than letters and
/// ordinary ideographs (`super::Pass`); every mark is among them.
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let spots = &cx.pass.spots[..];
    let on = On {
        half: sink.enabled(Rule::PunctHalfWidth),
        doubled: sink.enabled(Rule::PunctDoubled),
        unpaired: sink.enabled(Rule::PunctUnpaired),
        ellipsis: sink.enabled(Rule::PunctEllipsis),
        dash: sink.enabled(Rule::PunctDash),
        dunhao: sink.enabled(Rule::PunctDunhao),
    };
    if !(on.half || on.doubled || on.unpaired || on.ellipsis || on.dash || on.dunhao) {
        return;
    }
    let text = sink.text;
    // Open paired marks.
    let mut stack: Vec<Open> = Vec::new();
    // Opening marks closed out of order, whose own closing mark is expected.
    let mut crossed: Vec<char> = Vec::new();
    let mut para_start = 0;
    // Characters before this offset were consumed by a finding already.
    let mut skip = 0;
    // A half-width ')' already reported with its '('.
    let mut close_paren = usize::MAX;
    let bytes = text.as_bytes();
    for i in spots.iter().map(|&k| k as usize) {
        // Digits, O, o and some ideographs are spots for other rules.
        let b = bytes[i];
        if b.is_ascii_alphanumeric() || (0xe4..=0xe9).contains(&b) {
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let p = super::char_before(text, i);
        if c == '\n' {
            if on.unpaired {
                end_line(sink, &mut stack, i + 1);
            }
            if stack.is_empty() {
                crossed.clear();
            }
            para_start = i + 1;
            continue;
        }
        if i < skip {
            continue;
        }
        let next_at = i + c.len_utf8();
        let n = super::char_at(text, next_at);
        match c {
            ',' | ';' | ':' | '?' | '!' if on.half && left_ok(p) => half_width_mark(sink, i, c, p, n),
            '(' if on.half => {
                if let Some(close) = half_width_parens(sink, i, p) {
                    close_paren = close;
                }
            }
            ')' if i == close_paren => {
                let m = "中文括号应使用全角“）”".to_string();
                sink.emit(Rule::PunctHalfWidth, i..i + 1, m, vec!["）".to_string()]);
            }
            '。' | '，' | '、' | '；' | '：' | '？' | '！' => {
                if c == '、' && on.dunhao && p == Some('》') && n == Some('《') {
                    sink.emit_with_fix(
                        Rule::PunctDunhao,
                        i..next_at,
                        "并列书名号之间通常不用顿号".to_string(),
                        vec![String::new()],
                        Some(String::new()),
                    );
                }
                if n.is_some_and(is_cn_stop) {
                    skip = stop_run(sink, &on, i);
                }
            }
            '.' if on.ellipsis && n == Some('.') => skip = dot_run(sink, i, p),
            '…' if on.ellipsis && n != Some('…') && p != Some('…') && (left_ok(p) || right_ok(n)) => {
                sink.emit_with_fix(
                    Rule::PunctEllipsis,
                    i..next_at,
                    "省略号应为两个“…”：“……”".to_string(),
                    vec!["……".to_string()],
                    Some("……".to_string()),
                );
            }
            '-' | '－' | '―' | '─' | '—' if on.dash => skip = dash(sink, i, c, p, n).max(skip),
            // ‘ and ’ next to a Latin letter are apostrophes or English quotes.
            '“' | '‘' | '《' | '〈' | '（' | '【' | '「' | '『' if on.unpaired && !(c == '‘' && apostrophe(p, n)) =>
            {
                stack.push(Open {
                    mark: c,
                    at: i,
                    age: 0,
                    edge: false,
                });
            }
            '”' | '’' | '》' | '〉' | '）' | '】' | '」' | '』' if on.unpaired && !(c == '’' && apostrophe(p, n)) =>
            {
                close_mark(sink, &mut stack, &mut crossed, para_start, i, c);
            }
            _ => {}
        }
    }
    if on.unpaired {
        end_line(sink, &mut stack, text.len());
    }
}

/// ’ or ‘ used as an apostrophe or an English quotation mark.
fn apostrophe(p: Option<char>, n: Option<char>) -> bool {
    p.is_some_and(|c| c.is_ascii_alphanumeric()) || n.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A half-width `, ; : ? !` at `i` after a Chinese character.
fn half_width_mark(sink: &mut Sink<'_>, i: usize, c: char, p: Option<char>, n: Option<char>) {
    let text = sink.text;
    let fw = full_width(c);
    let message = format!("中文之间应使用全角“{fw}”");
    if right_ok(n) {
        // A ? inside a word may stand for a character lost in conversion
        // (点垸?水): fixed only after a question particle.
        let certain =
            c != '?' || p.is_some_and(|p| matches!(p, '吗' | '呢' | '吧' | '么' | '啊' | '呀' | '嘛' | '谁' | '哪'));
        let fix = certain.then(|| fw.to_string());
        sink.emit_with_fix(Rule::PunctHalfWidth, i..i + 1, message, vec![fw.to_string()], fix);
    } else if n == Some(' ') && right_ok(super::char_at(text, i + 2)) && !latin_before(text, i) {
        sink.emit(Rule::PunctHalfWidth, i..i + 2, message, vec![fw.to_string()]);
    } else if matches!(n, None | Some('\n' | '\r')) {
        sink.emit(Rule::PunctHalfWidth, i..i + 1, message, vec![fw.to_string()]);
    }
}

/// Whether Latin letters or ASCII brackets precede `i` closely on its
/// line: a list of Chinese words in English or Markdown (`(按装, 布署)`),
/// where `, ` is right.
fn latin_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .rev()
        .take(30)
        .take_while(|&c| c != '\n')
        .any(|c| c.is_ascii_alphabetic() || matches!(c, '(' | '[' | '|' | '`'))
}

/// A half-width `(` at `i`: when its `)` follows in the same paragraph,
/// encloses Chinese characters and one side outside is Chinese, reports the
/// `(` and returns the offset of the `)`.
fn half_width_parens(sink: &mut Sink<'_>, i: usize, p: Option<char>) -> Option<usize> {
    let text = sink.text;
    let mut han = false;
    let mut close = None;
    for (k, c) in text[i + 1..].char_indices().take(80) {
        match c {
            ')' => {
                close = Some(i + 1 + k);
                break;
            }
            '(' | '\n' => return None,
            _ => han |= is_han_or_zero(c),
        }
    }
    let close = close?;
    let after = super::char_at(text, close + 1);
    // Code and English keep their parentheses: print("你好"), GDP(国内生产总值).
    if !han || p.is_some_and(|c| c.is_ascii_graphic()) || !(chinese(p) || chinese(after)) {
        return None;
    }
    sink.emit(
        Rule::PunctHalfWidth,
        i..i + 1,
        "中文括号应使用全角“（”".to_string(),
        vec!["（".to_string()],
    );
    Some(close)
}

/// A run of two or more Chinese stops starting at `i`: doubled or
/// conflicting marks, or 。。。 for an ellipsis. Returns the end of the run.
fn stop_run(sink: &mut Sink<'_>, on: &On, i: usize) -> usize {
    let text = sink.text;
    let len: usize = text[i..]
        .chars()
        .take_while(|&c| is_cn_stop(c))
        .map(char::len_utf8)
        .sum();
    let end = i + len;
    let run = &text[i..end];
    let n = run.chars().count();
    if run.chars().all(|c| c == '。') && n >= 3 {
        if on.ellipsis {
            sink.emit_with_fix(
                Rule::PunctEllipsis,
                i..end,
                format!("省略号应为“……”，不应写作“{run}”"),
                vec!["……".to_string()],
                Some("……".to_string()),
            );
        }
        return end;
    }
    if !on.doubled || run.chars().all(|c| c == '？' || c == '！') {
        return end;
    }
    let first = run.chars().next().unwrap_or('。');
    if run.chars().all(|c| c == first) {
        sink.emit_with_fix(
            Rule::PunctDoubled,
            i..end,
            format!("标点“{first}”重复"),
            vec![first.to_string()],
            Some(first.to_string()),
        );
    } else {
        let mut marks: Vec<String> = Vec::new();
        for c in run.chars() {
            if !marks.iter().any(|m| m.starts_with(c)) {
                marks.push(c.to_string());
            }
        }
        sink.emit(
            Rule::PunctDoubled,
            i..end,
            format!("标点“{run}”连用冲突，应只保留一个"),
            marks,
        );
    }
    end
}

/// Dots from `i`: `...` or `......` in Chinese context is an ellipsis.
/// Returns the end of the run.
fn dot_run(sink: &mut Sink<'_>, i: usize, p: Option<char>) -> usize {
    let text = sink.text;
    let n = text[i..].bytes().take_while(|&b| b == b'.').count();
    let end = i + n;
    let after = super::char_at(text, end);
    if (n == 3 || n == 6) && (left_ok(p) || right_ok(after) || (is_cn_stop_or_han(p) && after.is_none())) {
        sink.emit_with_fix(
            Rule::PunctEllipsis,
            i..end,
            format!("中文省略号应为“……”，不应写作“{}”", &text[i..end]),
            vec!["……".to_string()],
            Some("……".to_string()),
        );
    }
    end
}

fn is_cn_stop_or_han(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han_or_zero(c) || is_cn_stop(c))
}

/// A dash-like character at `i`. Returns the end of what was consumed.
fn dash(sink: &mut Sink<'_>, i: usize, c: char, p: Option<char>, n: Option<char>) -> usize {
    let text = sink.text;
    let is_dashy = |d: char| matches!(d, '-' | '－' | '―' | '─' | '—');
    let len: usize = text[i..].chars().take_while(|&d| is_dashy(d)).map(char::len_utf8).sum();
    let end = i + len;
    let run = &text[i..end];
    let count = run.chars().count();
    let after = super::char_at(text, end);
    if count == 2 && run != "——" && chinese(p) && chinese(after) {
        sink.emit_with_fix(
            Rule::PunctDash,
            i..end,
            format!("破折号应为“——”，不应写作“{run}”"),
            vec!["——".to_string()],
            Some("——".to_string()),
        );
    } else if count == 1
        && matches!(c, '-' | '—')
        && p == Some(' ')
        && n == Some(' ')
        && super::char_before(text, i - 1).is_some_and(is_han_or_zero)
        && super::char_at(text, end + 1).is_some_and(is_han_or_zero)
    {
        sink.emit(
            Rule::PunctDash,
            i - 1..end + 1,
            format!("中文破折号应为“——”，不应写作“ {c} ”"),
            vec!["——".to_string()],
        );
    }
    end
}

/// A closing mark `c` at `i`.
fn close_mark(
    sink: &mut Sink<'_>,
    stack: &mut Vec<Open>,
    crossed: &mut Vec<char>,
    para_start: usize,
    i: usize,
    c: char,
) {
    let open = opener_of(c);
    match stack.iter().rposition(|o| o.mark == open) {
        Some(k) if k + 1 == stack.len() => {
            stack.pop();
        }
        Some(k) => {
            // Crossed nesting: the marks opened after `open` close later.
            let inner: String = stack[k + 1..].iter().map(|o| o.mark).collect();
            crossed.extend(inner.chars());
            stack.truncate(k);
            sink.emit(
                Rule::PunctUnpaired,
                i..i + c.len_utf8(),
                format!("“{c}”与前面未闭合的“{inner}”交叉嵌套"),
                Vec::new(),
            );
        }
        None => {
            if let Some(k) = crossed.iter().position(|&o| o == open) {
                crossed.remove(k);
                return;
            }
            let text = sink.text;
            let before = &text[para_start..i];
            if before.trim_start().is_empty() || (c == '）' && list_number(before)) {
                // Cut off by a line break, or a list number.
                return;
            }
            sink.emit(
                Rule::PunctUnpaired,
                i..i + c.len_utf8(),
                format!("“{c}”没有对应的“{open}”"),
                Vec::new(),
            );
        }
    }
}

/// `1` in `1）`, `一` in `一）`, `a` in `a）`: a list number at the start of
/// a paragraph.
fn list_number(before: &str) -> bool {
    let s = before.trim_start();
    !s.is_empty()
        && s.chars().count() <= 3
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
        })
}

/// An open paired mark.
#[derive(Debug, Clone, Copy)]
struct Open {
    mark: char,
    /// Byte offset.
    at: usize,
    /// Line ends passed since.
    age: u8,
    /// At most `EDGE` characters from the end of its line: cut off by a line
    /// break rather than left open, so never reported.
    edge: bool,
}

/// An opening mark this close to a line break is taken as cut off by it (a
/// closing mark only when it starts its line).
const EDGE: usize = 3;

/// End of a line at `next` (the start of the next one): a quotation left
/// open is dropped when the next paragraph opens with “; other open marks
/// wait two more lines for their closing mark, then are reported.
fn end_line(sink: &mut Sink<'_>, stack: &mut Vec<Open>, next: usize) {
    if stack.is_empty() {
        return;
    }
    let text = sink.text;
    let next = next.min(text.len());
    let rest = &text[next..];
    let continued = rest.trim_start_matches([' ', '\u{3000}', '\t']).starts_with('“');
    if continued {
        stack.retain(|o| !matches!(o.mark, '“' | '‘'));
    }
    // A text that stops mid-sentence is a fragment: what it leaves open may
    // be closed in the part not given.
    let fragment = rest.is_empty()
        && !text.trim_end().ends_with([
            '。', '！', '？', '；', '：', '…', '—', '”', '’', '）', '》', '」', '』', '】', '〉', '.', '!', '?', ';',
            ':',
        ]);
    for o in stack.iter_mut() {
        if fragment {
            o.edge = true;
        } else if o.age == 0 {
            let tail = text[o.at..next].trim_end_matches(['\n', '\r', ' ']);
            o.edge = tail.chars().count() <= EDGE + 1;
        }
        o.age += 1;
    }
    let mut k = 0;
    while k < stack.len() {
        let o = stack[k];
        if o.age > 2 || rest.is_empty() {
            if !o.edge {
                report_open(sink, o);
            }
            stack.remove(k);
        } else {
            k += 1;
        }
    }
}

fn report_open(sink: &mut Sink<'_>, o: Open) {
    let close = closer_of(o.mark);
    sink.emit(
        Rule::PunctUnpaired,
        o.at..o.at + o.mark.len_utf8(),
        format!("“{}”没有对应的“{close}”", o.mark),
        Vec::new(),
    );
}
