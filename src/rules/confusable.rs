//! `typo.confusable`: a character replaced by a confusable one (same
//! syllable, or similar shape) that no list foresaw: 总休方案 for 总体方案,
//! 人大堂务委员会 for 常务委员会.
//!
//! Candidates are cheap to find, and the shared pass over the text finds
//! them (`hygiene::Pass::orphans`): a character that forms a word with
//! neither neighbour (no in-word bigram on either side, [`dict::in_word`])
//! and is not a frequent word of its own ([`dict::standalone`]). A frequent
//! word of its own (木, 局, 正) is tried only where the scan finds it among
//! neighbours that one of its confusables would complete into a frequent
//! word (技木, 大数局, 行正: `layout::Kind::Lone`, patterns that
//! the build script (`build/`) derives with the threshold of the default model) and it is an
//! orphan there too. Only there are the confusable characters tried, and only
//! those that join a neighbour in a word are scored: the replacement must
//! make the passage clearly more probable under the word list's frequencies
//! ([`score::gain`] at least [`MIN_GAIN`]) and under the character model
//! ([`crate::LanguageModel`], at least [`MIN_CHAR_GAIN`]); and the text as
//! written must have no reading as correct words ([`typo::correct_reading`]).

use crate::diagnostic::Severity;
use crate::dict::{self, confusables};
use crate::engine::Engine;
use crate::lm;
use crate::rules::spelling::{Finding, SpellingRule};
use crate::rules::typo;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo};
use crate::score;

pub(crate) const CONFUSABLE: RuleInfo = RuleInfo {
    id: "typo.confusable",
    category: Category::Spelling,
    default_severity: Severity::Warning,
    summary: "疑似错别字：音近或形近字误用，换用后词语更通顺",
    example: "维护社会和谐稳订。",
    explanation: "查找词典未列出的音近、形近字误用（“总休方案”应为“总体方案”）：某字与前后字都不成词，换成一个音近或形近字后组成常用词，且按词频和字符模型整段明显更通顺时才报。原文能读作正确词语，或像人名（常见姓氏开头）时不报。默认为 warning，请人工确认。",
    miswritten: true,
    serious_from: None,
    data: &["jieba-rs/src/data/dict.txt", "dictionaries/words.tsv", "dictionaries/shape-similar.tsv", "dictionaries/surnames.tsv"],
    needs: Needs {
        orphans: true,
        ..Needs::scan(&[crate::layout::Kind::Lone])
    },
};

/// Characters of context either side that the scoring sees.
const CONTEXT: usize = 4;

/// How much more probable (natural log) the character model must find the
/// corrected characters with their neighbours.
pub(crate) const MIN_CHAR_GAIN: f64 = 0.0;

/// With a model counted from real text (`jiaodui lm build`), which knows
/// how characters follow each other across words too, a smaller word gain
/// suffices when the character model agrees strongly. The default model,
/// counted from the word list, only vetoes.
pub(crate) const CORPUS_MIN_GAIN: f64 = 8.0;
pub(crate) const CORPUS_MIN_CHAR_GAIN: f64 = 12.0;

/// How many replacements of one character are scored, most frequent
/// resulting word first.
const SCORED: usize = 1;

/// How much more probable (natural log) the corrected passage must be.
pub(crate) const MIN_GAIN: f64 = 11.0;

use crate::tsv::is_han;

/// A finding before the guards: the byte span of the word as written, the
/// word as corrected.
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) word: String,
    pub(crate) gain: f64,
}

/// Finds candidates at the orphan characters that the shared pass found
/// (`hygiene::Pass::orphans`), and at the characters that stand alone where
/// the scan found that a confusable of them may complete a frequent word
/// (`lone`, `layout::Kind::Lone`) if they too form an in-word bigram with
/// neither neighbour.
pub(crate) fn candidates(
    engine: &Engine,
    lm: &lm::Model,
    text: &str,
    orphans: &[usize],
    mut lone: Vec<usize>,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, char)> = Vec::with_capacity(2 * score::MAX_WORD);
    lone.retain(|&at| is_orphan(text, at));
    // Both lists in text order; usually there is no lone one.
    let places = if lone.is_empty() {
        orphans
    } else {
        lone.extend_from_slice(orphans);
        lone.sort_unstable();
        lone.dedup();
        &lone[..]
    };
    for &at in places {
        // The words that replacements make reach three characters either
        // side; most orphans have none, and need no more.
        let i = run_around(text, at, 3, &mut run);
        let mut options = replacements(engine, &run, i);
        if options.is_empty() {
            continue;
        }
        // The bound on the gain looks as far as the longest word.
        let wide = run_around(text, at, score::MAX_WORD - 1, &mut run);
        for o in &mut options {
            (o.2, o.3) = (o.2 + wide - i, o.3 + wide - i);
        }
        if let Some(cand) = best_replacement(engine, lm, text, &run, wide, options) {
            out.push(cand);
        }
    }
    out
}

/// For every Han character of `text` that some confusable would make more
/// probable: its character index and the largest gain of the word model
/// ([`score::gain_in`], [`CONTEXT`] characters either side) over its
/// confusables, with no candidate filter and no guard. What the accuracy
/// harness's `--ceiling` measures (`__private::confusable_gains`).
pub(crate) fn best_gains(lexicon: &crate::dict::Lexicon, text: &str) -> Vec<(usize, f64)> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4];
    for (k, (b, c)) in text.char_indices().enumerate() {
        if !is_han(c) {
            continue;
        }
        let span = b..b + c.len_utf8();
        let ctx = score::context(text, span.clone(), CONTEXT);
        let original = score::segment_logprob(lexicon, &text[ctx.clone()]);
        let best = confusables(c)
            .map(|(d, _)| {
                score::gain_in(
                    lexicon,
                    text,
                    ctx.clone(),
                    original,
                    span.clone(),
                    d.encode_utf8(&mut buf),
                )
            })
            .fold(f64::NEG_INFINITY, f64::max);
        if best > 0.0 {
            out.push((k, best));
        }
    }
    out
}

/// Whether the character at byte `at` forms an in-word bigram
/// (`dict::in_word`) with neither neighbour.
fn is_orphan(text: &str, at: usize) -> bool {
    let mut after = text[at..].chars();
    let Some(c) = after.next() else { return false };
    let left = text[..at].chars().next_back().filter(|&l| is_han(l));
    let right = after.next().filter(|&r| is_han(r));
    !left.is_some_and(|l| dict::in_word(l, c)) && !right.is_some_and(|r| dict::in_word(c, r))
}

/// Fills `run` with the Han characters around byte `at` (a Han character),
/// up to `reach` either side, and returns the index of `at` in it.
fn run_around(text: &str, at: usize, reach: usize, run: &mut Vec<(usize, char)>) -> usize {
    run.clear();
    let mut start = at;
    for c in text[..at].chars().rev().take(reach) {
        if !is_han(c) {
            break;
        }
        start -= c.len_utf8();
    }
    run.extend(text[start..at].char_indices().map(|(k, c)| (start + k, c)));
    let i = run.len();
    run.extend(
        text[at..]
            .char_indices()
            .map(|(k, c)| (at + k, c))
            .take_while(|&(k, c)| k == 0 || is_han(c))
            .take(reach + 1),
    );
    i
}

/// A replacement: the frequency of the word it makes, the replacing
/// character, the word's span in the run (character indices) and the word.
type Replacement = (u32, char, usize, usize, String);

/// For each confusable character that joins a neighbour of `run[i]` in a
/// word: the most frequent word of two to four characters around position
/// i that it makes; the most frequent first.
fn replacements(engine: &Engine, run: &[(usize, char)], i: usize) -> Vec<Replacement> {
    let c = run[i].1;
    let left = i.checked_sub(1).map(|j| run[j].1);
    let right = run.get(i + 1).map(|&(_, r)| r);
    let mut options: Vec<Replacement> = Vec::new();
    for (d, _) in confusables(c) {
        if !(left.is_some_and(|l| dict::in_word(l, d)) || right.is_some_and(|r| dict::in_word(d, r))) {
            continue;
        }
        let mut word: Option<(u32, usize, usize, String)> = None;
        // Two-character words first (most words); longer ones only if none.
        let at = |j: usize| if j == i { d } else { run[j].1 };
        let consider = |a: usize, b: usize, word: &mut Option<(u32, usize, usize, String)>| {
            // Every pair of neighbours in a word is an in-word bigram: a cheap
            // test before the dictionary lookup.
            if !(a..b - 1).all(|j| dict::in_word(at(j), at(j + 1))) {
                return;
            }
            // The word in a buffer on the stack: most are not listed.
            let mut buf = [0u8; 16];
            let mut len = 0;
            for j in a..b {
                len += at(j).encode_utf8(&mut buf[len..]).len();
            }
            let w = std::str::from_utf8(&buf[..len]).unwrap_or("");
            if let Some(f) = engine.lexicon.freq(w) {
                if f >= typo::MIN_WORD_FREQ && word.as_ref().is_none_or(|x| f > x.0) {
                    *word = Some((f, a, b, w.to_string()));
                }
            }
        };
        if left.is_some_and(|l| dict::in_word(l, d)) {
            consider(i - 1, i + 1, &mut word);
        }
        if right.is_some_and(|r| dict::in_word(d, r)) {
            consider(i, i + 2, &mut word);
        }
        if word.is_none() {
            for a in i.saturating_sub(3)..=i {
                for b in (i + 1).max(a + 3)..=(a + 4).min(run.len()) {
                    consider(a, b, &mut word);
                }
            }
        }
        if let Some((f, a, b, w)) = word {
            options.push((f, d, a, b, w));
        }
    }
    // The few most promising: scoring is the expensive part.
    options.sort_by_key(|x| std::cmp::Reverse(x.0));
    options.truncate(SCORED);
    options
}

/// The best of the `options` (from [`replacements`]) for `run[i]`, if the
/// scoring finds it clearly more probable.
fn best_replacement(
    engine: &Engine,
    lm: &lm::Model,
    text: &str,
    run: &[(usize, char)],
    i: usize,
    mut options: Vec<Replacement>,
) -> Option<Candidate> {
    let c = run[i].1;
    let mut buf = [0u8; 4];
    let byte_end = |j: usize| run[j].0 + run[j].1.len_utf8();
    let span = run[i].0..byte_end(i);
    // A quick bound before the segmentations: replacing c by d can gain at
    // most, over the words W of two to four characters that d makes,
    // ln f(W) less what W's other characters and c are worth as words of
    // their own (the passage as written can always be read with c and those
    // characters alone); or what d gains over c as a word of its own.
    let corpus = lm.counted_from_text();
    let floor = if corpus { CORPUS_MIN_GAIN } else { MIN_GAIN };
    let log_total = (engine.lexicon.total() as f64).ln();
    let single = |x: char| {
        let mut b = [0u8; 4];
        f64::from(engine.lexicon.freq(x.encode_utf8(&mut b)).unwrap_or(0).max(1)).ln() - log_total
    };
    let lone_c = single(c);
    if options.is_empty() {
        return None;
    }
    let lo = i.saturating_sub(score::MAX_WORD - 1);
    let hi = (i + score::MAX_WORD).min(run.len());
    // What each character of the run is worth as a word of its own, looked
    // up when a word needs it.
    let mut worth = [f64::NAN; 2 * score::MAX_WORD];
    let mut others = |a: usize, b: usize| -> f64 {
        (a..b)
            .filter(|&j| j != i)
            .map(|j| {
                let w = &mut worth[j - lo];
                if w.is_nan() {
                    *w = single(run[j].1);
                }
                *w
            })
            .sum()
    };
    options.retain(|&(_, d, _, _, _)| {
        let at = |j: usize| if j == i { d } else { run[j].1 };
        let mut bound = single(d) - lone_c;
        // Every word of the list that covers position i once c is d.
        let corrected: String = (lo..hi).map(at).collect();
        // Byte offset of each character of `corrected`, and of its end.
        let mut offsets = [0usize; 2 * score::MAX_WORD];
        for (k, (b, _)) in corrected.char_indices().enumerate() {
            offsets[k] = b;
        }
        offsets[hi - lo] = corrected.len();
        for a in lo..=i {
            let from = offsets[a - lo];
            engine.lexicon.prefixes(&corrected[from..], score::MAX_WORD, |end, f| {
                // The character after this word.
                let b = lo + offsets[..=hi - lo].partition_point(|&o| o < from + end);
                if b > i {
                    bound = bound.max(f64::from(f.max(1)).ln() - log_total - others(a, b) - lone_c);
                }
            });
        }
        bound >= floor
    });
    if options.is_empty() {
        return None;
    }
    let ctx = score::context(text, span.clone(), CONTEXT);
    let original = score::segment_logprob(&engine.lexicon, &text[ctx.clone()]);
    // The characters either side, for the character model.
    let near = score::context(text, span.clone(), 1);
    // Scored only once a replacement passes the word model: it rarely does.
    let mut original_chars: Option<f64> = None;
    let mut best: Option<Candidate> = None;
    for (_, d, a, b, w) in options {
        let g = score::gain_in(
            &engine.lexicon,
            text,
            ctx.clone(),
            original,
            span.clone(),
            d.encode_utf8(&mut buf),
        );
        if g < floor || best.as_ref().is_some_and(|x| g <= x.gain) {
            continue;
        }
        let corrected = format!("{}{d}{}", &text[near.start..span.start], &text[span.end..near.end]);
        let cg = lm.score(&corrected) - *original_chars.get_or_insert_with(|| lm.score(&text[near.clone()]));
        if (g >= MIN_GAIN && cg >= MIN_CHAR_GAIN) || (corpus && cg >= CORPUS_MIN_CHAR_GAIN) {
            best = Some(Candidate {
                start: run[a].0,
                end: byte_end(b - 1),
                word: w,
                gain: g,
            });
        }
    }
    best
}

static SURNAMES: &str = include_str!("../../dictionaries/surnames.tsv");

/// Whether `c` is one of the common surnames of `dictionaries/surnames.tsv`.
fn is_surname(c: char) -> bool {
    use std::sync::OnceLock;
    static SET: OnceLock<Vec<char>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        let mut v: Vec<char> = crate::tsv::records(SURNAMES)
            .filter_map(|(_, f)| f.first().and_then(|s| s.chars().next()))
            .collect();
        v.sort_unstable();
        v
    });
    set.binary_search(&c).is_ok()
}

/// Characters that end a title or a role before a name: 省长, 书记, 委员,
/// 主任, 总理, 主席, 法官, 教授, 院士, 律师, 记者.
const TITLE_ENDS: &str = "长记员任理席官授士师者";

/// Whether `found`, two characters at byte `start`, follows a common
/// surname that starts a name: at the start of a run of Han characters or
/// after a title (张建欣 in 副省长张建欣, 雷政富 in 书记雷政富).
fn given_name(text: &str, start: usize, found: &str) -> bool {
    if found.chars().count() != 2 {
        return false;
    }
    let mut before = text[..start].chars().rev();
    match (before.next(), before.next()) {
        (Some(s), b) if is_surname(s) => b.is_none_or(|b| !is_han(b) || TITLE_ENDS.contains(b)),
        _ => false,
    }
}

/// `typo.confusable` in the spelling pipeline.
pub(crate) struct Confusable;

impl SpellingRule for Confusable {
    const RULE: Rule = Rule::TypoConfusable;
    type Candidate = Candidate;

    /// At the orphans of the shared pass and at the characters that stand
    /// alone where the scan found a pattern of them (`Kind::Lone`: the
    /// payload is the character's number in the pattern).
    fn candidates(&self, cx: &Context<'_>) -> Vec<Candidate> {
        let mut lone: Vec<usize> = Vec::new();
        for &h in cx.hits(Self::RULE) {
            let (s, e) = (h.start(), h.end());
            if let Some((b, _)) = cx.text[s..e].char_indices().nth(h.payload() as usize) {
                lone.push(s + b);
            }
        }
        candidates(cx.engine, &cx.lm.model, cx.text, &cx.pass.orphans, lone)
    }

    fn span(&self, c: &Candidate) -> std::ops::Range<usize> {
        c.start..c.end
    }

    /// The candidate unless the text as written has a correct reading or
    /// looks like a person's name (two or three characters starting with a
    /// common surname: 杨信 is no misspelt 杨震; or a given name after one,
    /// [`given_name`]).
    fn score(&self, cx: &Context<'_>, cand: &Candidate) -> Option<Finding> {
        let found = &cx.text[cand.start..cand.end];
        if found.chars().count() <= 3 && found.chars().next().is_some_and(is_surname) {
            return None;
        }
        if given_name(cx.text, cand.start, found) {
            return None;
        }
        if typo::correct_reading(cx.engine, cx.text, cand.start, cand.end).is_some() {
            return None;
        }
        let message = format!("疑似错别字：“{found}”可能应为“{}”", cand.word);
        Some(Finding::new(cand.start..cand.end, message, vec![cand.word.clone()]))
    }
}
