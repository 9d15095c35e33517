//! The spelling pipeline: the rules that find miswritten characters and
//! wrong formulations, and the overlap handling between them.
//!
//! Each rule implements [`SpellingRule`]: it takes its candidates from the
//! shared scan (the automaton hits of the kinds its declaration names) and
//! the shared pass, scores each against its guards, and reports what
//! survives. [`run`] runs the rules in priority order and settles overlaps
//! in one place: a candidate that overlaps a finding of an earlier rule is
//! not scored at all.
//!
//! Adding a spelling rule (a contextual language model, say) is its module,
//! with its declaration and an implementation of [`SpellingRule`], one line
//! in [`run`] at its priority, and one line in the registry
//! (`rules/mod.rs`).

use std::collections::BTreeMap;
use std::ops::Range;

pub(crate) use crate::rules::Finding;
use crate::rules::{agency, confusable, formulation, idiom, name, political, typo, Context, Rule, Sink};

/// A rule of the spelling pipeline: candidates from the shared scan and
/// pass, then a score (the guards) for each, then the report.
pub(crate) trait SpellingRule {
    /// The rule whose findings these are.
    const RULE: Rule;
    /// A possible finding before the guards.
    type Candidate;

    /// The candidates, in the order they are to be tried: from the hits of
    /// the kinds the rule's declaration names (`cx.hits(Self::RULE)`) and
    /// from the shared pass (`cx.pass`).
    fn candidates(&self, cx: &Context<'_>) -> Vec<Self::Candidate>;

    /// The byte span of a candidate, which an earlier rule's finding may
    /// already cover.
    fn span(&self, candidate: &Self::Candidate) -> Range<usize>;

    /// Scores a candidate against the rule's guards: the finding, or
    /// `None` when a guard explains it.
    fn score(&self, cx: &Context<'_>, candidate: &Self::Candidate) -> Option<Finding>;
}

/// Runs the spelling rules that are on. Of overlapping findings, the
/// earlier rule's wins: formulations, then names, then listed typos,
/// idioms and confusable characters. Political terms and agencies give way
/// only to longer candidates of their own list (a term inside a
/// formulation is still a wrong term).
pub(crate) fn run(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let mut taken = Claims::default();
    stage(&formulation::NearMiss, cx, sink, Overlap::Yield(&mut taken));
    stage(&name::Leader, cx, sink, Overlap::Yield(&mut taken));
    stage(&typo::Word, cx, sink, Overlap::Yield(&mut taken));
    stage(&political::Term, cx, sink, Overlap::Own);
    stage(&agency::Renamed, cx, sink, Overlap::Own);
    stage(&idiom::NearMiss, cx, sink, Overlap::Yield(&mut taken));
    stage(&confusable::Confusable, cx, sink, Overlap::Yield(&mut taken));
}

/// How a rule's candidates give way to other findings.
enum Overlap<'a> {
    /// To the findings of the earlier rules that share these claims; its
    /// own findings claim their spans.
    Yield(&'a mut Claims),
    /// Only to its own earlier candidates, reported or not (the candidates
    /// come longest first).
    Own,
}

fn stage<R: SpellingRule>(rule: &R, cx: &Context<'_>, sink: &mut Sink<'_>, mut overlap: Overlap<'_>) {
    if !sink.enabled(R::RULE) {
        return;
    }
    let mut own = Claims::default();
    for candidate in rule.candidates(cx) {
        let span = rule.span(&candidate);
        match overlap {
            Overlap::Yield(ref mut taken) => {
                if taken.is_free(&span) {
                    if let Some(f) = rule.score(cx, &candidate) {
                        if sink.report(R::RULE, f) {
                            taken.claim(span);
                        }
                    }
                }
            }
            Overlap::Own => {
                if own.is_free(&span) {
                    own.claim(span);
                    if let Some(f) = rule.score(cx, &candidate) {
                        sink.report(R::RULE, f);
                    }
                }
            }
        }
    }
}

/// Byte spans claimed by findings, disjoint: whether a span is free and
/// claiming it take O(log n).
#[derive(Debug, Default)]
pub(crate) struct Claims {
    /// Start -> end of each claimed span.
    spans: BTreeMap<usize, usize>,
}

impl Claims {
    /// Whether `span` overlaps no claimed span.
    pub(crate) fn is_free(&self, span: &Range<usize>) -> bool {
        // The claimed spans are disjoint, so the one starting last before
        // `span` ends also ends last: only it can reach into `span`.
        self.spans
            .range(..span.end)
            .next_back()
            .is_none_or(|(_, &end)| end <= span.start)
    }

    /// Claims a free span.
    pub(crate) fn claim(&mut self, span: Range<usize>) {
        debug_assert!(self.is_free(&span));
        self.spans.insert(span.start, span.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_overlap_like_half_open_ranges() {
        let mut c = Claims::default();
        c.claim(10..20);
        c.claim(30..40);
        for (span, free) in [
            (0..10, true),
            (0..11, false),
            (19..21, false),
            (20..30, true),
            (25..31, false),
            (39..50, false),
            (40..50, true),
            (5..45, false),
            (12..15, false),
        ] {
            assert_eq!(c.is_free(&span), free, "{span:?}");
        }
    }

    #[test]
    fn claims_agree_with_a_linear_scan() {
        // Pseudo-random spans: the map answers as the scan of every claim.
        let mut state = 0x9e37_79b9_u64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as usize
        };
        let mut c = Claims::default();
        let mut list: Vec<Range<usize>> = Vec::new();
        for _ in 0..2000 {
            let s = next(1000);
            let span = s..s + 1 + next(8);
            let free = !list.iter().any(|t| span.start < t.end && t.start < span.end);
            assert_eq!(c.is_free(&span), free, "{span:?}");
            if free {
                c.claim(span.clone());
                list.push(span);
            }
        }
    }
}
