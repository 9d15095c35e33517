//! `formulation.near-miss`: a canonical political or policy formulation
//! (`dictionaries/formulations.tsv`) written with a confusable character,
//! a missing or extra character, two swapped characters or words, or as a
//! listed wrong variant.
//!
//! Candidates come from the automaton: each formulation's first and last
//! halves are patterns (a formulation with one edit keeps one of them
//! intact), and so are its listed variants. Around an anchor the text is
//! compared with the formulation. Guards: the exact formulation there means
//! no finding; a missing or extra character counts only inside formulations
//! of six or more characters (at the ends it is an accident of where a
//! window is cut); short formulations changed by one character must have no
//! reading as correct words; and a sentence that dates itself before 2012
//! may quote an older wording.

use crate::diagnostic::Severity;
use crate::dict::confusables;
use crate::engine::Engine;
use crate::layout::Kind;
use crate::rules::spelling::{Finding, SpellingRule};
use crate::rules::{context, typo, Category, Context, Needs, Rule, RuleInfo};

pub(crate) const NEAR_MISS: RuleInfo = RuleInfo {
    id: "formulation.near-miss",
    category: Category::Serious,
    default_severity: Severity::Error,
    summary: "重要表述有误：规范政治表述写错字、漏字、多字、颠倒或用了错误说法",
    example: "坚持以人民为中心的发展思想，推进一路一带建设。",
    explanation: "对照 dictionaries/formulations.tsv 中的规范政治表述，查找写错字、漏字、多字、语序颠倒或用了所列错误说法的情形（“一路一带”应为“一带一路”）。原文恰为规范表述、窗口切断词语、能读作正确词语，或句中年份早于2012年（可能引用旧提法）时不报。",
    miswritten: true,
    serious_from: None,
    data: &["dictionaries/formulations.tsv", "dictionaries/shape-similar.tsv"],
    needs: Needs::scan(&[Kind::FormulationHead, Kind::FormulationTail, Kind::FormulationVariant]),
};

/// Sentences dated before this year may quote older formulations.
const CURRENT_FROM: u32 = 2012;

/// How a text window differs from a formulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    Confusable,
    Missing,
    Extra,
    Swapped,
}

/// Characters whose presence or absence is a matter of style, not an
/// error: 的 in 中华民族的伟大复兴, a 顿号 or quotation marks.
const OPTIONAL: &[char] = &[
    '的', '之', '地', '得', '了', '和', '与', '及', '以', '把', '将', '相', '等', '、', '，', '“', '”', '‘', '’', '《',
    '》', '（', '）', ' ',
];

/// Numerals: 十二届 and 二十届 are different congresses, not a swap.
const NUMERALS: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '〇', '零', '两',
];

use crate::tsv::is_han;

/// Classifies `w` against `f`: `None` when equal or not one of the edits.
pub(crate) fn classify(w: &[char], f: &[char]) -> Option<Edit> {
    let n = f.len();
    if w == f {
        return None;
    }
    // Longer formulations only: in four or five characters a missing,
    // extra or swapped character too often makes another correct phrase
    // (中国美丽休闲乡村); their known wrong orders (一路一带) are listed.
    let long = f.iter().filter(|&&c| is_han(c)).count() >= 6;
    if w.len() == n {
        // The differing positions: the first, the last, how many.
        let (mut first, mut last, mut count) = (n, 0, 0);
        for k in (0..n).filter(|&k| w[k] != f[k]) {
            if NUMERALS.contains(&f[k]) || NUMERALS.contains(&w[k]) {
                return None;
            }
            first = first.min(k);
            last = k;
            count += 1;
        }
        if count == 1 {
            return confusables(f[first])
                .any(|(d, _)| d == w[first])
                .then_some(Edit::Confusable);
        }
        // Two adjacent segments of one or two characters swapped:
        // w = f[..i] f[j..k] f[i..j] f[k..].
        let (i, k) = (first, last + 1);
        if !long || k - i > 4 {
            return None;
        }
        for j in i + 1..k {
            let swapped = f[j..k].iter().chain(&f[i..j]);
            let plain = f[i..k].iter().all(|c| !OPTIONAL.contains(c));
            if plain && j - i <= 2 && k - j <= 2 && swapped.eq(w[i..k].iter()) {
                return Some(Edit::Swapped);
            }
        }
        return None;
    }
    if !long {
        return None;
    }
    // `short` is `long` without one interior character that is not
    // optional: with p characters in common at the start and s at the end,
    // the removed one can be any k with L-1-s <= k <= p.
    let interior = |long: &[char], short: &[char]| {
        let l = long.len();
        let p = long.iter().zip(short).take_while(|(a, b)| a == b).count();
        let s = long
            .iter()
            .rev()
            .zip(short.iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let from = (l - 1).saturating_sub(s).max(1);
        let to = p.min(l.saturating_sub(2));
        (from..=to).any(|k| !OPTIONAL.contains(&long[k]))
    };
    if w.len() + 1 == n && interior(f, w) {
        return Some(Edit::Missing);
    }
    if w.len() == n + 1 && interior(w, f) {
        return Some(Edit::Extra);
    }
    None
}

/// Whether a sequence of length `la` is at most two edits from the first
/// `la - 1`, `la` or `la + 1` elements of another of length `lb` (elements
/// `i` and `j` equal when `eq(i, j)`): one banded edit distance, whose last
/// row holds the distances to every prefix.
fn prefix_within_two_edits(la: usize, lb: usize, eq: impl Fn(usize, usize) -> bool) -> bool {
    const K: usize = 2;
    if lb + 1 < la {
        return false;
    }
    let big = usize::MAX / 2;
    let mut rows = [[big; 64]; 2];
    let mut heap: [Vec<usize>; 2];
    let [prev, cur]: [&mut [usize]; 2] = if lb < 64 {
        let [p, c] = &mut rows;
        [&mut p[..=lb], &mut c[..=lb]]
    } else {
        heap = [vec![big; lb + 1], vec![big; lb + 1]];
        let [p, c] = &mut heap;
        [p.as_mut_slice(), c.as_mut_slice()]
    };
    let (mut prev, mut cur) = (prev, cur);
    for (j, v) in prev.iter_mut().enumerate().take(K + 1) {
        *v = j;
    }
    for i in 1..=la {
        cur.fill(big);
        if i <= K {
            cur[0] = i;
        }
        let lo = i.saturating_sub(K).max(1);
        let hi = (i + K).min(lb);
        let mut best = cur[0];
        for j in lo..=hi {
            let sub = prev[j - 1] + usize::from(!eq(i - 1, j - 1));
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
            best = best.min(cur[j]);
        }
        if best > K {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (la.saturating_sub(1)..=(la + 1).min(lb)).any(|len| prev[len] <= K)
}

/// A finding before the guards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) formulation: u32,
    pub(crate) edit: Option<Edit>,
}

/// Adds a candidate for window `w` (at `span`) when it is one edit from
/// formulation `i`, `f`.
fn add_if_edited(out: &mut Vec<Candidate>, w: &[char], f: &[char], i: u32, span: std::ops::Range<usize>) {
    if let Some(edit) = classify(w, f) {
        let cand = Candidate {
            start: span.start,
            end: span.end,
            formulation: i,
            edit: Some(edit),
        };
        if !out.contains(&cand) {
            out.push(cand);
        }
    }
}

/// Compares the text around an anchor hit (`start..end`, a half of
/// formulation `i`) with the formulation.
/// Buffers that [`around_anchor`] reuses from one anchor to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    region: Vec<(usize, char)>,
    chars: Vec<char>,
    /// The anchor hit last seen and up to five characters beyond it.
    beyond: (Option<(usize, usize, bool)>, [char; 5]),
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn around_anchor(
    engine: &Engine,
    text: &str,
    i: u32,
    suffix: bool,
    start: usize,
    end: usize,
    out: &mut Vec<Candidate>,
    scratch: &mut Scratch,
) {
    let Some(formulation) = engine.policy.formulations.get(i as usize) else {
        return;
    };
    // The common case: the formulation is written right at its anchor.
    let canonical = formulation.canonical;
    if text[start..].starts_with(canonical) || text[..end].ends_with(canonical) {
        return;
    }
    let anchor = text[start..end].chars().count();
    let f = &engine.policy.chars[i as usize];
    let n = f.len();
    if anchor >= n {
        return;
    }
    if !engine.policy.long[i as usize] {
        // A short formulation can only have a character changed, with the
        // anchor in its place: one window, compared without a copy.
        let rest = n - anchor;
        let window = if suffix {
            text[..start].char_indices().rev().nth(rest - 1).map(|(b, _)| (b, end))
        } else {
            text[end..]
                .char_indices()
                .nth(rest - 1)
                .map(|(b, c)| (start, end + b + c.len_utf8()))
        };
        if let Some((bs, be)) = window {
            let mut diffs = text[bs..be].chars().zip(f.iter().copied()).filter(|(w, f)| w != f);
            if let (Some((w, f)), None) = (diffs.next(), diffs.next()) {
                if !NUMERALS.contains(&f) && !NUMERALS.contains(&w) && confusables(f).any(|(d, _)| d == w) {
                    let cand = Candidate {
                        start: bs,
                        end: be,
                        formulation: i,
                        edit: Some(Edit::Confusable),
                    };
                    if !out.contains(&cand) {
                        out.push(cand);
                    }
                }
            }
        }
        return;
    }
    // Cheap test first: within two edits, one of the first three characters
    // of the formulation's other half stands among the first five of the
    // text beyond the anchor.
    let head: &[char] = if suffix {
        &f[(n - anchor).saturating_sub(3)..n - anchor]
    } else {
        &f[anchor..(anchor + 3).min(n)]
    };
    // The text beyond the anchor, read once for all the formulations that
    // share the anchor.
    let key = (start, end, suffix);
    if scratch.beyond.0 != Some(key) {
        let mut near_text = [' '; 5];
        if suffix {
            text[..start]
                .chars()
                .rev()
                .zip(near_text.iter_mut())
                .for_each(|(c, h)| *h = c);
        } else {
            text[end..].chars().zip(near_text.iter_mut()).for_each(|(c, h)| *h = c);
        }
        scratch.beyond = (Some(key), near_text);
    }
    let near_text = &scratch.beyond.1;
    if !head.iter().any(|c| *c != ' ' && near_text.contains(c)) {
        return;
    }
    let Scratch { region, chars, .. } = scratch;
    // The characters up to n+1 either side of the anchor with their byte
    // starts, read once: the other half and every window are slices of it.
    region.clear();
    region.extend(text[..start].char_indices().rev().take(n + 1));
    region.reverse();
    let lead = region.len();
    region.extend(
        text[start..]
            .char_indices()
            .map(|(b, c)| (start + b, c))
            .take(anchor + n + 1),
    );
    chars.clear();
    chars.extend(region.iter().map(|&(_, c)| c));
    let (region, chars) = (&region[..], &chars[..]);
    // A long formulation's other half must nearly be there: at most two
    // edits from the text beyond the anchor (read outward from it).
    let m = n - anchor;
    // One banded edit distance against the longest stretch of text; its last
    // row holds the distance to each shorter stretch too.
    let near = if suffix {
        // Both read backwards from the anchor.
        let lb = (m + 1).min(lead);
        prefix_within_two_edits(m, lb, |x, y| f[m - 1 - x] == chars[lead - 1 - y])
    } else {
        let from = lead + anchor;
        let lb = (m + 1).min(chars.len() - from);
        prefix_within_two_edits(m, lb, |x, y| f[anchor + x] == chars[from + y])
    };
    if !near {
        return;
    }
    // The byte offset of the character at `rel` from the anchor start (the
    // end of the region for one past its last character).
    let text_end = region.last().map_or(end, |&(b, c)| b + c.len_utf8());
    let byte_at = |rel: isize| -> Option<usize> {
        let k = usize::try_from(lead as isize + rel).ok()?;
        match k.cmp(&region.len()) {
            std::cmp::Ordering::Less => Some(region[k].0),
            std::cmp::Ordering::Equal => Some(text_end),
            std::cmp::Ordering::Greater => None,
        }
    };
    // Windows [a, b) in characters relative to the anchor start: a long
    // formulation may also miss or gain a character or have a swap, which
    // moves the anchor.
    let n_i = n as isize;
    for len in [n_i - 1, n_i, n_i + 1] {
        for a in (anchor as isize - len)..=0 {
            let b = a + len;
            let (Some(bs), Some(be)) = (byte_at(a), byte_at(b)) else {
                continue;
            };
            let w = &chars[(lead as isize + a) as usize..(lead as isize + b) as usize];
            if w == f {
                // The formulation is written right here.
                out.retain(|c| !(c.formulation == i && c.start < be && bs < c.end));
                return;
            }
            add_if_edited(out, w, f, i, bs..be);
        }
    }
}

/// Whether a word of the word list crosses the start or the end of
/// `start..end`.
fn cuts_a_word(engine: &Engine, text: &str, start: usize, end: usize) -> bool {
    let crosses = |from: usize, boundary: usize| {
        let mut hit = false;
        engine.lexicon.prefixes(&text[from..], 6, |len, f| {
            hit |= from + len > boundary
                && f >= typo::MIN_WORD_FREQ
                && len > text[from..].chars().next().map_or(0, char::len_utf8);
        });
        hit
    };
    let starts_before = text[..start].char_indices().rev().take(3).map(|(i, _)| i);
    let starts_inside_end = text[start..end]
        .char_indices()
        .rev()
        .take(3)
        .map(|(i, _)| start + i)
        .filter(|&i| i > start);
    starts_before
        .into_iter()
        .any(|i| crosses(i, start) && !crosses_past(engine, text, i, end))
        || starts_inside_end.into_iter().any(|i| crosses(i, end))
}

/// Whether a word starting at `from` reaches past `end` (a word covering the
/// whole window is not a cut).
fn crosses_past(engine: &Engine, text: &str, from: usize, end: usize) -> bool {
    let mut past = false;
    engine
        .lexicon
        .prefixes(&text[from..], 8, |len, _| past |= from + len >= end);
    past
}

/// `formulation.near-miss` in the spelling pipeline.
pub(crate) struct NearMiss;

impl SpellingRule for NearMiss {
    const RULE: Rule = Rule::FormulationNearMiss;
    type Candidate = Candidate;

    fn candidates(&self, cx: &Context<'_>) -> Vec<Candidate> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        for &h in cx.hits(Self::RULE) {
            let (s, e, i) = (h.start(), h.end(), h.payload());
            match h.kind() {
                Some(Kind::FormulationHead) => {
                    around_anchor(cx.engine, cx.text, i, false, s, e, &mut out, &mut scratch)
                }
                Some(Kind::FormulationTail) => around_anchor(cx.engine, cx.text, i, true, s, e, &mut out, &mut scratch),
                Some(Kind::FormulationVariant) => out.push(Candidate {
                    start: s,
                    end: e,
                    formulation: i,
                    edit: None,
                }),
                _ => {}
            }
        }
        // Listed variants first, then the leftmost, then the longest.
        out.sort_by_key(|c| (c.edit.is_some(), c.start, std::cmp::Reverse(c.end)));
        out
    }

    fn span(&self, c: &Candidate) -> std::ops::Range<usize> {
        c.start..c.end
    }

    /// The candidate unless a guard explains it.
    fn score(&self, cx: &Context<'_>, cand: &Candidate) -> Option<Finding> {
        let engine = cx.engine;
        let f = engine.policy.formulations.get(cand.formulation as usize)?;
        let text = cx.text;
        if context::dated_before(text, cand.start, CURRENT_FROM) {
            return None;
        }
        let n = f.canonical.chars().filter(|&c| is_han(c)).count();
        if let Some(edit) = cand.edit {
            // The window must not cut a word at either end (提高对外开放水平 is
            // not 高水平对外开放 swapped; 共产主义社会 is not 社会主义 swapped).
            if cuts_a_word(engine, text, cand.start, cand.end) {
                return None;
            }
            // A missing or extra character, or a short formulation with one
            // character changed, must leave no reading as correct words
            // (中国现代化建设 is 中国 + 现代化 + 建设).
            let reads = match edit {
                Edit::Missing | Edit::Extra => typo::word_reading(engine, text, cand.start, cand.end).is_some(),
                Edit::Confusable if n <= 5 => typo::correct_reading(engine, text, cand.start, cand.end).is_some(),
                _ => false,
            };
            if reads {
                return None;
            }
        }
        let found = &text[cand.start..cand.end];
        let what = match cand.edit {
            None => "用了错误说法",
            Some(Edit::Confusable) => "有错字",
            Some(Edit::Missing) => "漏字",
            Some(Edit::Extra) => "多字",
            Some(Edit::Swapped) => "语序颠倒",
        };
        let mut message = format!("重要表述{what}：“{found}”应为“{}”", f.canonical);
        if !f.source.is_empty() {
            message.push_str(&format!("（见{}）", f.source));
        }
        let origin = crate::policy::origin(crate::policy::FORMULATIONS_PATH, f.line);
        Some(Finding::new(cand.start..cand.end, message, vec![f.canonical.to_string()]).from(origin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edits() {
        // Short formulations: known wrong orders are listed variants instead.
        assert_eq!(classify(&c("一路一带"), &c("一带一路")), None);
        assert_eq!(
            classify(&c("青山绿水就是金山银山"), &c("绿水青山就是金山银山")),
            Some(Edit::Swapped)
        );
        assert_eq!(classify(&c("以人民为中新"), &c("以人民为中心")), Some(Edit::Confusable));
        assert_eq!(classify(&c("以人民中心"), &c("以人民为中心")), Some(Edit::Missing));
        assert_eq!(
            classify(&c("两个立"), &c("两个确立")),
            None,
            "too short to miss a character"
        );
        assert_eq!(classify(&c("全过程人民主"), &c("全过程人民民主")), Some(Edit::Missing));
        assert_eq!(
            classify(&c("全过程人民民主们"), &c("全过程人民民主")),
            None,
            "not interior"
        );
        assert_eq!(
            classify(&c("全过程的人民民主"), &c("全过程人民民主")),
            None,
            "的 is optional"
        );
        assert_eq!(
            classify(&c("全过程人民们民主"), &c("全过程人民民主")),
            Some(Edit::Extra)
        );
        assert_eq!(
            classify(&c("第十二次全国代表大会"), &c("第二十次全国代表大会")),
            None,
            "numerals"
        );
        assert_eq!(
            classify(&c("现代化产业体系建设"), &c("建设现代化产业体系")),
            None,
            "long segments"
        );
        assert_eq!(classify(&c("全过程人民民主"), &c("全过程人民民主")), None);
        assert_eq!(classify(&c("一带一盟"), &c("一带一路")), None, "not confusable");
        let near = |a: &[char], b: &[char]| prefix_within_two_edits(a.len(), b.len(), |i, j| a[i] == b[j]);
        assert!(near(&c("社会主义"), &c("社会主意")));
        assert!(near(&c("就是金山银山"), &c("就是金银山")));
        assert!(near(&c("就是金银山"), &c("就是金山银山")));
        assert!(!near(&c("绿水青山"), &c("青山绿水")));
        assert!(near(&c("水青"), &c("青水")));
        // A prefix one longer or shorter counts too.
        assert!(near(&c("社会主义"), &c("社会主义核")));
        assert!(!near(&c("社会主义"), &c("社")));
    }
}
