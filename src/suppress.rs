//! Inline suppressions: comments in the text that turn rules off.
//!
//! * `jiaodui-disable-next-line [rule…]` — the findings of the next line;
//! * `jiaodui-disable-line [rule…]` — the findings of this line;
//! * `jiaodui-disable [rule…]` … `jiaodui-enable [rule…]` — a range (to the
//!   end of the text when not enabled again).
//!
//! The marker may stand in any comment syntax (`<!-- … -->` in Markdown and
//! HTML, `#` or `//` in plain text): the line is searched for it. Without
//! rule ids every rule is meant; an id may name a family (`typo` or `typo.*`
//! for `typo.word` and `typo.confusable`).

use crate::diagnostic::Diagnostic;

const MARK: &str = "jiaodui-";

/// Which rules a suppression names: every rule when empty.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rules(Vec<String>);

impl Rules {
    fn parse(rest: &str) -> Rules {
        let rest = rest.split("-->").next().unwrap_or("").split("*/").next().unwrap_or("");
        Rules(
            rest.split(|c: char| c.is_whitespace() || c == ',')
                .map(|t| t.trim_end_matches(".*"))
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
        )
    }

    fn covers(&self, rule: &str) -> bool {
        self.0.is_empty()
            || self
                .0
                .iter()
                .any(|r| r == rule || (rule.starts_with(r.as_str()) && rule[r.len()..].starts_with('.')))
    }
}

/// A byte range of the text where some rules are off.
#[derive(Debug)]
struct Span {
    start: usize,
    end: usize,
    rules: Rules,
}

fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Vec<(usize, Rules)> = Vec::new();
    let mut offset = 0;
    let mut next_line: Option<Rules> = None;
    for line in text.split_inclusive('\n') {
        let (start, end) = (offset, offset + line.len());
        if let Some(rules) = next_line.take() {
            out.push(Span { start, end, rules });
        }
        for (at, _) in line.match_indices(MARK) {
            let rest = &line[at + MARK.len()..];
            if let Some(r) = rest.strip_prefix("disable-next-line") {
                next_line = Some(Rules::parse(r));
            } else if let Some(r) = rest.strip_prefix("disable-line") {
                out.push(Span {
                    start,
                    end,
                    rules: Rules::parse(r),
                });
            } else if let Some(r) = rest.strip_prefix("disable") {
                open.push((end, Rules::parse(r)));
            } else if let Some(r) = rest.strip_prefix("enable") {
                let rules = Rules::parse(r);
                // Close the ranges this enables (all of them when no rule is named).
                let mut k = 0;
                while k < open.len() {
                    if rules.0.is_empty() || open[k].1 == rules {
                        let (from, rules) = open.remove(k);
                        out.push(Span {
                            start: from,
                            end: start,
                            rules,
                        });
                    } else {
                        k += 1;
                    }
                }
            }
        }
        offset = end;
    }
    out.extend(open.into_iter().map(|(from, rules)| Span {
        start: from,
        end: text.len(),
        rules,
    }));
    out
}

/// Drops the findings that an inline suppression turns off.
pub(crate) fn apply(text: &str, findings: &mut Vec<Diagnostic>) {
    if findings.is_empty() || !text.contains(MARK) {
        return;
    }
    let spans = spans(text);
    findings.retain(|d| {
        !spans
            .iter()
            .any(|s| s.start <= d.span.start && d.span.start < s.end && s.rules.covers(d.rule))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_and_families() {
        let r = Rules::parse(" typo, punct.doubled -->");
        assert!(r.covers("typo.word") && r.covers("typo.confusable") && r.covers("punct.doubled"));
        assert!(!r.covers("punct.dash") && !r.covers("typos.x"));
        assert!(Rules::parse("").covers("anything.at-all"));
    }
}
