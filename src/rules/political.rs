//! `political.term`: expressions that Chinese media style conventions
//! forbid or caution against (`dictionaries/political-terms.tsv`): Taiwan's
//! authorities or leader named as a state's, two-country framings,
//! discriminatory words. Each entry has its severity, the expression to use
//! instead, a source note, and the longer phrases containing it that are
//! correct (数据中台 for 中台): the guard.

use crate::diagnostic::Severity;
use crate::layout::Kind;
use crate::rules::spelling::{Finding, SpellingRule};
use crate::rules::{Category, Context, Needs, Rule, RuleInfo};

pub(crate) const TERM: RuleInfo = RuleInfo {
    id: "political.term",
    category: Category::Serious,
    default_severity: Severity::Error,
    summary: "涉政用语不规范：禁用词、慎用词（严重程度按词条）",
    example: "台湾总统发表讲话。",
    explanation: "查找 dictionaries/political-terms.tsv 所列的禁用词、慎用词并给出规范说法。每个词条自带严重程度（error 或 warning），为本规则配置的严重程度优先于词条的；词条所列包含该词的正确说法（如“数据中台”）不报。只有 error 级的发现属于严重表述错误。",
    miswritten: false,
    serious_from: Some(Severity::Error),
    data: &["dictionaries/political-terms.tsv"],
    needs: Needs::scan(&[Kind::Term]),
};

/// Whether an allowed phrase containing the term covers the match.
fn allowed(text: &str, start: usize, end: usize, term: &str, allow: &[&str]) -> bool {
    allow.iter().any(|phrase| {
        phrase.match_indices(term).any(|(o, _)| {
            start >= o
                && text.get(start - o..).is_some_and(|rest| rest.starts_with(phrase))
                && end <= start - o + phrase.len()
        })
    })
}

/// `political.term` in the spelling pipeline.
pub(crate) struct Term;

impl SpellingRule for Term {
    const RULE: Rule = Rule::PoliticalTerm;
    /// Term `.2` at `.0..end`.
    type Candidate = (usize, usize, u32);

    fn candidates(&self, cx: &Context<'_>) -> Vec<(usize, usize, u32)> {
        longest_first(cx.hits(Self::RULE))
    }

    fn span(&self, &(start, end, _): &(usize, usize, u32)) -> std::ops::Range<usize> {
        start..end
    }

    /// The term unless an allowed phrase covers it.
    fn score(&self, cx: &Context<'_>, &(start, end, i): &(usize, usize, u32)) -> Option<Finding> {
        let t = cx.engine.policy.terms.get(i as usize)?;
        if allowed(cx.text, start, end, t.term, &t.allow) {
            return None;
        }
        let severity = if t.error { Severity::Error } else { Severity::Warning };
        let alts: Vec<String> = t.suggestions.iter().map(|s| format!("“{s}”")).collect();
        let mut message = format!(
            "{}：“{}”",
            if t.error {
                "涉政用语错误"
            } else {
                "涉政慎用词"
            },
            t.term
        );
        if !alts.is_empty() {
            message.push_str(&format!("应为{}", alts.join("或")));
        }
        if !t.source.is_empty() {
            message.push_str(&format!("（{}）", t.source));
        }
        let suggestions = t.suggestions.iter().map(|s| s.to_string()).collect();
        let origin = crate::policy::origin(crate::policy::TERMS_PATH, t.line);
        Some(Finding::new(start..end, message, suggestions).at(severity).from(origin))
    }
}

/// The hits as `(start, end, payload)`, the longest first, then the
/// leftmost.
pub(crate) fn longest_first(hits: &[crate::engine::Hit]) -> Vec<(usize, usize, u32)> {
    let mut out: Vec<(usize, usize, u32)> = hits.iter().map(|h| (h.start(), h.end(), h.payload())).collect();
    out.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_phrases_cover_their_term() {
        let text = "建设数据中台和中台关系";
        let s = text.find("中台").unwrap();
        assert!(allowed(text, s, s + 6, "中台", &["数据中台"]));
        let s2 = text.rfind("中台关系").unwrap();
        assert!(!allowed(text, s2, s2 + 6, "中台", &["数据中台"]));
    }
}
