//! `idiom.*`: idioms and fixed expressions.
//!
//! `idiom.near-miss` finds four consecutive Han characters that differ from
//! a known idiom (jieba-rs's dictionary, tags `i` and `l`) in exactly one
//! character, where the two characters are confusable (same syllable, or a
//! listed shape-similar pair): 如火如茶 for 如火如荼, 一愁莫展 for 一筹莫展.
//!
//! False-positive guards: the window is not itself a word of the word list
//! (however rare: variant forms such as 暗度陈仓 are listed); it cannot be
//! read as correct words ([`typo::correct_reading`]: 重要条件 is 重要 +
//! 条件, not a miswritten 充要条件); and the idiom makes the passage more
//! probable under the word list's frequencies ([`score::gain`]).

use crate::diagnostic::Severity;
use crate::dict::confusables;
use crate::engine::Engine;
use crate::layout::Kind;
use crate::rules::spelling::{Finding, SpellingRule};
use crate::rules::typo;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo};
use crate::score;

pub(crate) const NEAR_MISS: RuleInfo = RuleInfo {
    id: "idiom.near-miss",
    category: Category::Spelling,
    default_severity: Severity::Error,
    summary: "成语用字错误：与常用成语只差一个音近或形近字",
    example: "大家齐心协立，共克时艰。",
    explanation: "查找与常用成语、固定短语（jieba 词典中标为 i、l 的四字词）只差一个音近或形近字的四字组合（“如火如茶”应为“如火如荼”）。该组合本身是词典中的词、能读作正确词语，或换成成语后并不更通顺时不报。",
    miswritten: true,
    serious_from: None,
    data: &["jieba-rs/src/data/dict.txt", "dictionaries/shape-similar.tsv"],
    needs: Needs::scan(&[Kind::IdiomHead, Kind::IdiomTail]),
};

/// Characters of context either side that the scoring sees.
const CONTEXT: usize = 4;

/// How much more probable (natural log) the idiom must make the text than
/// the text as written.
const MIN_GAIN: f64 = 0.0;

use crate::tsv::is_han;

/// A near miss: byte span, the idiom, the position of the differing
/// character.
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) idiom: u32,
}

/// Looks at the window that an idiom half starts or ends: the engine's
/// hit `s..e` of the first (`tail: false`) or last two characters of some
/// idiom. A window one character from an idiom keeps one of them, so only
/// those windows are looked at. Near misses go to `out`, which
/// [`dedup`] tidies once the scan is over.
pub(crate) fn at_half(engine: &Engine, text: &str, s: usize, tail: bool, out: &mut Vec<Candidate>) {
    // Idioms and the characters confusable with theirs are common
    // characters: three bytes each in UTF-8, which makes the window twelve
    // bytes, read without decoding the text around it.
    let start = if tail { s.checked_sub(6) } else { Some(s) };
    let Some(start) = start else { return };
    let bytes = text.as_bytes();
    let mut win = ['\0'; 4];
    for (k, slot) in win.iter_mut().enumerate() {
        match ideograph_at(bytes, start + 3 * k) {
            Some(c) => *slot = c,
            None => return,
        }
    }
    let end = start + 12;
    // A first half kept means the change is in the last two characters,
    // and the other way round; the half itself is a known pair.
    let (positions, known) = if tail { (0b0011, 0b100) } else { (0b1100, 0b001) };
    engine.idioms.near(&win, positions, known, |k, idiom| {
        let Some(right) = engine.idioms.char_at(idiom, k) else {
            return;
        };
        if confusables(win[k]).any(|(d, _)| d == right) {
            out.push(Candidate { start, end, idiom });
        }
    });
}

/// The Han character of three bytes (U+3400..U+9FFF) that starts at byte
/// `at`, if one does.
#[inline]
fn ideograph_at(bytes: &[u8], at: usize) -> Option<char> {
    let &[b0, b1, b2] = bytes.get(at..at + 3)? else {
        return None;
    };
    if !(0xe3..=0xe9).contains(&b0) {
        return None;
    }
    let cp = (u32::from(b0) & 0x0f) << 12 | (u32::from(b1) & 0x3f) << 6 | (u32::from(b2) & 0x3f);
    char::from_u32(cp).filter(|&c| is_han(c))
}

/// Orders the near misses and keeps one of each: a window can both start a
/// first half and end a last half.
pub(crate) fn dedup(out: &mut Vec<Candidate>) {
    out.sort_by_key(|c| (c.start, c.idiom));
    out.dedup_by_key(|c| (c.start, c.idiom));
}

/// `idiom.near-miss` in the spelling pipeline.
pub(crate) struct NearMiss;

impl SpellingRule for NearMiss {
    const RULE: Rule = Rule::IdiomNearMiss;
    type Candidate = Candidate;

    fn candidates(&self, cx: &Context<'_>) -> Vec<Candidate> {
        let mut out = Vec::new();
        for &h in cx.hits(Self::RULE) {
            at_half(
                cx.engine,
                cx.text,
                h.start(),
                h.kind() == Some(Kind::IdiomTail),
                &mut out,
            );
        }
        dedup(&mut out);
        out
    }

    fn span(&self, c: &Candidate) -> std::ops::Range<usize> {
        c.start..c.end
    }

    /// The candidate unless a guard explains it.
    fn score(&self, cx: &Context<'_>, cand: &Candidate) -> Option<Finding> {
        let engine = cx.engine;
        let found = &cx.text[cand.start..cand.end];
        // A word of the word list is no near miss, however rare: the list has
        // variant forms (暗度陈仓 beside 暗渡陈仓, 白日作梦 beside 白日做梦) at the
        // lowest frequencies. The misspellings among them are typo.tsv's job.
        if engine.lexicon.freq(found).is_some() {
            return None;
        }
        if typo::correct_reading(engine, cx.text, cand.start, cand.end).is_some() {
            return None;
        }
        let idiom = engine.idioms.get(cand.idiom)?;
        if score::gain(&engine.lexicon, cx.text, cand.start..cand.end, &idiom, CONTEXT) < MIN_GAIN {
            return None;
        }
        let message = format!("疑似成语用字错误：“{found}”应为“{idiom}”");
        Some(Finding::new(cand.start..cand.end, message, vec![idiom]))
    }
}
