//! Scoring readings of a text with the word list's frequencies: the best
//! segmentation into words (a unigram word model, as jieba's route
//! search), used to decide whether a correction makes a text more probable.

use crate::dict::Lexicon;

/// The longest word considered, in characters.
pub(crate) const MAX_WORD: usize = 8;

/// Natural log-probability of the best segmentation of `s` into words of
/// the lexicon; a character that is not a word counts as a word of
/// frequency 1.
pub(crate) fn segment_logprob(lexicon: &Lexicon, s: &str) -> f64 {
    // The passages scored are short: their arrays live on the stack.
    const STACK: usize = 32;
    let n = s.chars().count();
    let (mut bounds_stack, mut best_stack) = ([0usize; STACK + 1], [f64::NEG_INFINITY; STACK + 1]);
    let (mut bounds_heap, mut best_heap);
    let (bounds, best): (&mut [usize], &mut [f64]) = if n <= STACK {
        (&mut bounds_stack[..=n], &mut best_stack[..=n])
    } else {
        bounds_heap = vec![0usize; n + 1];
        best_heap = vec![f64::NEG_INFINITY; n + 1];
        (&mut bounds_heap[..], &mut best_heap[..])
    };
    for (slot, (i, _)) in bounds.iter_mut().zip(s.char_indices()) {
        *slot = i;
    }
    bounds[n] = s.len();
    let bounds = &*bounds;
    let log_total = (lexicon.total() as f64).ln();
    best[0] = 0.0;
    for i in 0..n {
        if best[i] == f64::NEG_INFINITY {
            continue;
        }
        // A character that is not a word counts as one of frequency 1.
        let single = bounds[i + 1];
        let mut single_seen = false;
        let base = best[i];
        let mut relax = |end: usize, freq: u32| {
            let j = bounds.partition_point(|&b| b < end);
            let score = base + f64::from(freq.max(1)).ln() - log_total;
            if score > best[j] {
                best[j] = score;
            }
        };
        lexicon.prefixes(&s[bounds[i]..], MAX_WORD, |len, freq| {
            single_seen |= bounds[i] + len == single;
            relax(bounds[i] + len, freq);
        });
        if !single_seen {
            relax(single, 1);
        }
    }
    best[n]
}

/// The passage around `span` that [`gain`] scores: the span with up to
/// `reach` characters of context either side, not crossing a line break.
pub(crate) fn context(text: &str, span: std::ops::Range<usize>, reach: usize) -> std::ops::Range<usize> {
    let from = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c != '\n')
        .take(reach)
        .last()
        .map_or(span.start, |(i, _)| i);
    let to = text[span.end..]
        .char_indices()
        .take_while(|&(_, c)| c != '\n')
        .take(reach)
        .last()
        .map_or(span.end, |(i, c)| span.end + i + c.len_utf8());
    from..to
}

/// How much more probable (natural log) the passage `ctx` of the text
/// becomes when `span` is replaced by `replacement`; `original` is
/// [`segment_logprob`] of the passage as written.
pub(crate) fn gain_in(
    lexicon: &Lexicon,
    text: &str,
    ctx: std::ops::Range<usize>,
    original: f64,
    span: std::ops::Range<usize>,
    replacement: &str,
) -> f64 {
    let corrected = format!(
        "{}{}{}",
        &text[ctx.start..span.start],
        replacement,
        &text[span.end..ctx.end]
    );
    segment_logprob(lexicon, &corrected) - original
}

/// How much more probable (natural log) the text becomes when `span` of it
/// is replaced by `replacement`, judged on the span with up to `reach`
/// characters of context either side (not crossing a line break).
pub(crate) fn gain(
    lexicon: &Lexicon,
    text: &str,
    span: std::ops::Range<usize>,
    replacement: &str,
    reach: usize,
) -> f64 {
    let ctx = context(text, span.clone(), reach);
    let original = segment_logprob(lexicon, &text[ctx.clone()]);
    gain_in(lexicon, text, ctx, original, span, replacement)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, wrong: &str, right: &str) -> f64 {
        let s = text.find(wrong).unwrap();
        gain(&Lexicon::builtin(), text, s..s + wrong.len(), right, 4)
    }

    #[test]
    fn corrections_of_real_errors_gain() {
        assert!(g("各项工作进展如火如茶", "如火如茶", "如火如荼") > 5.0);
        // jieba lists the misspelling 再接再励 at frequency 3, the idiom at 115.
        assert!(g("希望大家再接再励，再创佳绩", "再接再励", "再接再厉") > 3.0);
    }

    #[test]
    fn a_function_word_before_a_common_word_outweighs_an_idiom() {
        assert!(g("一定能够在进一步攀登", "在进一步", "再进一步") < 0.0);
    }
}
