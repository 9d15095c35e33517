//! `political.term`: expressions that Chinese media style conventions
//! forbid or caution against (`dictionaries/political-terms.tsv`): Taiwan's
//! authorities or leader named as a state's, two-country framings,
//! discriminatory words. Each entry has its severity, the expression to use
//! instead, a source note, and the longer phrases containing it that are
//! correct (数据中台 for 中台): the guard.

use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{Rule, RuleInfo, Sink};

pub(crate) const TERM: RuleInfo = RuleInfo {
    id: "political.term",
    default_severity: Severity::Error,
    summary: "涉政用语不规范：禁用词、慎用词（严重程度按词条）",
    example: "台湾总统发表讲话。",
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

/// Reports political term `i` at `start..end`.
pub(crate) fn check(engine: &Engine, sink: &mut Sink<'_>, i: u32, start: usize, end: usize) {
    let Some(t) = engine.policy.terms.get(i as usize) else {
        return;
    };
    if allowed(sink.text, start, end, t.term, &t.allow) {
        return;
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
    sink.emit_at(Rule::PoliticalTerm, severity, start..end, message, suggestions);
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
