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
use crate::layout::Kind;
use crate::rules::spelling::{Finding, SpellingRule};
use crate::rules::{Category, Context, Needs, Rule, RuleInfo};

pub(crate) const WORD: RuleInfo = RuleInfo {
    id: "typo.word",
    category: Category::Spelling,
    default_severity: Severity::Error,
    summary: "常见错别字：词典所列的错误写法",
    example: "请及时按装安全补丁。",
    explanation: "查找词典所列的错误写法（内置 dictionaries/typo.tsv 与用户词典），如“按装”应为“安装”。错误写法的字恰好跨在两个正确词语之间时（“发布署名”中的“布署”）不报；用户词典中的同一写法优先于内置词典。专名等误报可加入允许列表（allow）。",
    miswritten: true,
    serious_from: None,
    data: &["dictionaries/typo.tsv", "jieba-rs/src/data/dict.txt", "dictionaries/words.tsv"],
    needs: Needs::scan(&[Kind::Typo]),
};

/// How far, in characters, the guard looks either side of a match for a word
/// that crosses its boundary.
const REACH: usize = 4;

/// Words of the general word list rarer than this are not trusted to make a
/// correct reading (the list contains misspellings and fragments of its own, mostly at frequency 3).
pub(crate) const MIN_WORD_FREQ: u32 = 10;

/// Single characters this frequent in the word list are function words and
/// common morphemes (的, 在, 于, 以, 和 …) that may stand alone in correct
/// text.
const FUNCTION_CHAR_FREQ: u32 = 20_000;

/// Why a match is not reported: the correct words that explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reading<'t>(pub(crate) Vec<&'t str>);

/// The guard: whether the characters at `start..end` can be read as correct
/// text, so that the match is an accident of adjacency. Returns the words
/// of that reading.
///
/// A reading covers the match with a sequence of tokens, each
/// * a word of the general word list of two or more characters, at least
///   [`MIN_WORD_FREQ`] frequent and not itself a listed wrong form; the
///   first may begin up to [`REACH`] characters before the match and the
///   last may end up to [`REACH`] characters after it; or
/// * a single character that is a function word ([`FUNCTION_CHAR_FREQ`]),
///   except as the last token (以经济 reads 以 / 经济, but 以经 alone has no
///   reading);
///
/// and is not the match itself as one token. 发布署名 reads 发布 / 署名
/// around 布署; 以经济建设为中心 reads 以 / 经济 around 以经; 工作布署 has no
/// reading of 布署.
pub(crate) fn correct_reading<'t>(engine: &Engine, text: &'t str, start: usize, end: usize) -> Option<Reading<'t>> {
    reading(engine, text, start, end, true)
}

/// [`correct_reading`] with words of two or more characters only.
pub(crate) fn word_reading<'t>(engine: &Engine, text: &'t str, start: usize, end: usize) -> Option<Reading<'t>> {
    reading(engine, text, start, end, false)
}

fn reading<'t>(engine: &Engine, text: &'t str, start: usize, end: usize, singles: bool) -> Option<Reading<'t>> {
    let is_word = |a: usize, b: usize| -> bool {
        let w = &text[a..b];
        let freq = engine.lexicon.freq(w);
        if w.chars().nth(1).is_none() {
            // A function character stands alone, but not as the last token.
            return singles && b < end && freq.is_some_and(|f| f >= FUNCTION_CHAR_FREQ);
        }
        freq.is_some_and(|f| f >= MIN_WORD_FREQ) && !engine.is_typo(w)
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
    // Token ends: the boundaries inside the match, then those at or after its end.
    let inner = text[start..end].char_indices().skip(1).map(|(i, _)| start + i);
    let ends: Vec<usize> = inner.chain(after.iter().copied()).collect();
    // prev[j]: the start of the last token of a reading that reaches ends[j].
    let mut prev: Vec<Option<usize>> = vec![None; ends.len()];
    for (j, &p) in ends.iter().enumerate() {
        let first = before
            .iter()
            .copied()
            .find(|&a| (a, p) != (start, end) && is_word(a, p));
        prev[j] = first.or_else(|| {
            (0..j)
                .find(|&i| ends[i] < end && prev[i].is_some() && is_word(ends[i], p))
                .map(|i| ends[i])
        });
    }
    let mut j = (0..ends.len()).find(|&j| ends[j] >= end && prev[j].is_some())?;
    let mut words = Vec::new();
    loop {
        let a = prev[j]?;
        words.push(&text[a..ends[j]]);
        match ends.iter().position(|&q| q == a) {
            Some(i) if a > start => j = i,
            _ => break,
        }
    }
    words.reverse();
    Some(Reading(words))
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

/// `typo.word` in the spelling pipeline.
pub(crate) struct Word;

impl SpellingRule for Word {
    const RULE: Rule = Rule::TypoWord;
    /// A hit of typo dictionary `.2` at `.0..end`.
    type Candidate = (usize, usize, usize);

    fn candidates(&self, cx: &Context<'_>) -> Vec<(usize, usize, usize)> {
        let mut out: Vec<(usize, usize, usize)> = cx
            .hits(Self::RULE)
            .iter()
            .map(|h| (h.start(), h.end(), h.payload() as usize))
            // A built-in wrong form that a user dictionary lists is the user's.
            .filter(|&(s, e, dict)| dict != 0 || !cx.engine.overridden(&cx.text[s..e]))
            .collect();
        // Of overlapping ones, the longest, then the leftmost.
        out.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
        out
    }

    fn span(&self, &(start, end, _): &(usize, usize, usize)) -> std::ops::Range<usize> {
        start..end
    }

    fn score(&self, cx: &Context<'_>, &(start, end, dict): &(usize, usize, usize)) -> Option<Finding> {
        let engine = cx.engine;
        let wrong = &cx.text[start..end];
        let typos = engine.typos.get(dict)?;
        let (correct, note) = typos.get(wrong)?;
        if correct_reading(engine, cx.text, start, end).is_some() {
            return None;
        }
        let suggestions = correct.split('|').map(str::to_string).collect();
        Some(Finding::new(start..end, message(wrong, correct, note), suggestions).from(typos.origin(wrong)))
    }
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
        assert_eq!(reading("在发布署名文章时", "布署"), Some(Reading(vec!["发布", "署名"])));
        assert_eq!(reading("以经济建设为中心", "以经"), Some(Reading(vec!["以", "经济"])));
        assert_eq!(
            reading("强加于任何外国", "强加于任"),
            Some(Reading(vec!["强加", "于", "任何"]))
        );
        assert_eq!(
            reading("发展的重要条件。", "重要条件"),
            Some(Reading(vec!["重要", "条件"]))
        );
    }

    #[test]
    fn guard_leaves_a_real_misspelling() {
        assert_eq!(reading("抓好工作布署", "布署"), None);
        assert_eq!(reading("布署", "布署"), None);
        assert_eq!(reading("请按装软件", "按装"), None);
        assert_eq!(reading("进展如火如茶", "如火如茶"), None);
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
