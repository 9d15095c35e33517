//! `typo.*`: misspellings.
//!
//! `typo.word` reports the wrong forms of the typo dictionaries (built-in
//! `dictionaries/typo.tsv` and user dictionaries). A wrong form is listed
//! only when it is wrong in any context, but its characters can still meet
//! by accident where two correct words touch: 布署 is a misspelling of 部署,
//! yet 发布署名 reads 发布 / 署名. The [`correct_reading`] guard suppresses
//! such a match.

use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{Rule, RuleInfo, Sink};

pub(crate) const WORD: RuleInfo = RuleInfo {
    id: "typo.word",
    default_severity: Severity::Error,
    summary: "常见错别字：词典所列的错误写法",
    example: "请及时按装安全补丁。",
};

/// How far, in characters, the guard looks either side of a match for a word
/// that crosses its boundary.
const REACH: usize = 4;

/// Words of the general word list rarer than this are not trusted to make a
/// correct reading (the list contains misspellings and fragments of its own, mostly at frequency 3).
const MIN_WORD_FREQ: u32 = 10;

/// Why a match is not reported: the correct words that explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reading<'t> {
    /// A longer correct word contains the match.
    Inside(&'t str),
    /// The match straddles the boundary of two correct words.
    Straddle(&'t str, &'t str),
}

/// The guard: whether the characters at `start..end` can be read as part of
/// correct words, so that the match is an accident of adjacency.
///
/// A match is explained when
/// * a word of the general word list (two or more characters, not itself a
///   listed wrong form) contains it and is longer; or
/// * it can be split at a point `p` inside it so that a word ends at `p`
///   and another starts there, each of two or more characters, at least one
///   of them reaching beyond the match (发布 + 署名 around 布署).
///
/// Only words within [`REACH`] characters of the match are considered.
pub(crate) fn correct_reading<'t>(engine: &Engine, text: &'t str, start: usize, end: usize) -> Option<Reading<'t>> {
    let is_word = |a: usize, b: usize| -> bool {
        let w = &text[a..b];
        w.chars().nth(1).is_some() && engine.lexicon.freq(w).is_some_and(|f| f >= MIN_WORD_FREQ) && !engine.is_typo(w)
    };
    // Char boundaries: `before` from start going left, `after` from end going right.
    let before: Vec<usize> = std::iter::once(start)
        .chain(text[..start].char_indices().rev().map(|(i, _)| i))
        .take(REACH + 1)
        .collect();
    let after: Vec<usize> = std::iter::once(end)
        .chain(text[end..].char_indices().map(|(i, c)| end + i + c.len_utf8()))
        .take(REACH + 1)
        .collect();
    for &a in &before {
        for &b in &after {
            if (a, b) != (start, end) && is_word(a, b) {
                return Some(Reading::Inside(&text[a..b]));
            }
        }
    }
    let inner: Vec<usize> = text[start..end]
        .char_indices()
        .skip(1)
        .map(|(i, _)| start + i)
        .collect();
    for &p in &inner {
        for &a in &before {
            if !is_word(a, p) {
                continue;
            }
            for &b in &after {
                if (a < start || b > end) && is_word(p, b) {
                    return Some(Reading::Straddle(&text[a..p], &text[p..b]));
                }
            }
        }
    }
    None
}

/// Message for a wrong form and its correct forms (`|`-separated).
fn message(wrong: &str, correct: &str, note: &str) -> String {
    let alts: Vec<String> = correct.split('|').map(|c| format!("“{c}”")).collect();
    let mut msg = format!("疑似错别字：“{wrong}”应为{}", alts.join("或"));
    if !note.is_empty() {
        msg.push_str(&format!("（{note}）"));
    }
    msg
}

/// Reports a hit of typo dictionary `dict` at `start..end`.
pub(crate) fn check_word(engine: &Engine, sink: &mut Sink<'_>, dict: u16, start: usize, end: usize) {
    if !sink.enabled(Rule::TypoWord) {
        return;
    }
    let wrong = &sink.text[start..end];
    let Some((correct, note)) = engine.typos.get(usize::from(dict)).and_then(|d| d.get(wrong)) else {
        return;
    };
    if correct_reading(engine, sink.text, start, end).is_some() {
        return;
    }
    let suggestions = correct.split('|').map(str::to_string).collect();
    sink.emit(Rule::TypoWord, start..end, message(wrong, correct, note), suggestions);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(text: &str, wrong: &str) -> Option<Reading<'static>> {
        let engine = Engine::builtin();
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        let start = text.find(wrong).unwrap();
        correct_reading(&engine, text, start, start + wrong.len())
    }

    #[test]
    fn guard_explains_a_straddle() {
        assert_eq!(
            reading("在发布署名文章时", "布署"),
            Some(Reading::Straddle("发布", "署名"))
        );
    }

    #[test]
    fn guard_leaves_a_real_misspelling() {
        assert_eq!(reading("抓好工作布署", "布署"), None);
        assert_eq!(reading("布署", "布署"), None);
        assert_eq!(reading("请按装软件", "按装"), None);
    }

    #[test]
    fn message_lists_alternatives() {
        assert_eq!(message("按装", "安装", ""), "疑似错别字：“按装”应为“安装”");
        assert_eq!(
            message("甲乙", "甲丙|丁乙", "注"),
            "疑似错别字：“甲乙”应为“甲丙”或“丁乙”（注）"
        );
    }
}
