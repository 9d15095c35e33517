//! `name.leader`: a leader's or role model's name (`dictionaries/leaders.tsv`,
//! replaceable by a user's list) written with a confusable character:
//! 习近乎 or 习进平 for 习近平.
//!
//! The misspellings are patterns of the automaton (each character of a name
//! replaced by its confusable characters, keeping strings that are not
//! words); for names of three or more characters, a changed first or last
//! character is found from the hit of the rest of the name instead, which
//! keeps the automaton small ([`changed_end`]). Guards: the characters must have no reading as words of two or
//! more characters (这里强调 is 这里 + 强调, not a misspelt 李强); and a two-character name
//! needs a title or role next to it (同志, 总理, 主席 …), since two
//! characters meet by accident too often.

use crate::diagnostic::Severity;
use crate::dict::confusables;
use crate::engine::Engine;
use crate::layout::Kind;
use crate::rules::spelling::{Finding, SpellingRule};
use crate::rules::{typo, Category, Context, Needs, Rule, RuleInfo};

pub(crate) const LEADER: RuleInfo = RuleInfo {
    id: "name.leader",
    category: Category::Serious,
    default_severity: Severity::Error,
    summary: "领导人或英模姓名写错",
    example: "习近乎总书记指出，要坚持人民至上。",
    explanation: "对照 dictionaries/leaders.tsv（可用 leaders_file 整体替换），查找领导人、英模姓名中一个字被音近或形近字替换的写法（“习近乎”应为“习近平”）。能读作正确词语时不报；两字姓名须紧邻职务或称谓（同志、总理、主持等）才报。",
    miswritten: true,
    serious_from: None,
    data: &["dictionaries/leaders.tsv", "dictionaries/shape-similar.tsv"],
    needs: Needs::scan(&[Kind::Name, Kind::NameTail, Kind::NameHead]),
};

/// Titles and roles that make a two-character name certain.
const TITLES: &[&str] = &[
    "同志",
    "总书记",
    "主席",
    "总理",
    "副总理",
    "委员长",
    "书记",
    "部长",
    "省长",
    "市长",
    "委员",
    "常委",
    "将军",
    "先生",
    "烈士",
    "精神",
    "院士",
    "指出",
    "强调",
    "表示",
    "讲话",
    "会见",
    "主持",
    "出席",
];

fn has_title(text: &str, start: usize, end: usize) -> bool {
    let after = &text[end..];
    let before = &text[..start];
    TITLES.iter().any(|t| after.starts_with(t) || before.ends_with(t))
}

/// A hit of name `i` without its first (`tail`) or last character at
/// `start..end`: the span of the name with that character replaced by a
/// confusable one, if the text has that (and it is not a word of its own).
pub(crate) fn changed_end(
    engine: &Engine,
    text: &str,
    i: u32,
    start: usize,
    end: usize,
    tail: bool,
) -> Option<(usize, usize)> {
    let leader = engine.leaders.get(i as usize)?;
    let (right, found, span) = if tail {
        let x = text[..start].chars().next_back()?;
        (leader.name.chars().next()?, x, (start - x.len_utf8(), end))
    } else {
        let y = text[end..].chars().next()?;
        (leader.name.chars().next_back()?, y, (start, end + y.len_utf8()))
    };
    if found == right || !crate::tsv::is_han(found) || !confusables(right).any(|(d, _)| d == found) {
        return None;
    }
    // As for the listed variants: a word of its own is no misspelling, a
    // person's name (tag nr) is unless it is another leader's.
    let variant = &text[span.0..span.1];
    let is_word =
        engine.leaders.iter().any(|l| l.name == variant) || engine.lexicon.tag(variant).is_some_and(|t| t != "nr");
    (!is_word).then_some(span)
}

/// `name.leader` in the spelling pipeline.
pub(crate) struct Leader;

impl SpellingRule for Leader {
    const RULE: Rule = Rule::NameLeader;
    /// A misspelling of name `.2` at `.0..end`.
    type Candidate = (usize, usize, u32);

    /// In the order the scan found them.
    fn candidates(&self, cx: &Context<'_>) -> Vec<(usize, usize, u32)> {
        let mut out = Vec::new();
        for &h in cx.hits(Self::RULE) {
            let (s, e, i) = (h.start(), h.end(), h.payload());
            match h.kind() {
                Some(Kind::Name) => out.push((s, e, i)),
                Some(k @ (Kind::NameTail | Kind::NameHead)) => {
                    if let Some((s, e)) = changed_end(cx.engine, cx.text, i, s, e, k == Kind::NameTail) {
                        out.push((s, e, i));
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn span(&self, &(start, end, _): &(usize, usize, u32)) -> std::ops::Range<usize> {
        start..end
    }

    /// The misspelling unless a guard explains it.
    fn score(&self, cx: &Context<'_>, &(start, end, i): &(usize, usize, u32)) -> Option<Finding> {
        let engine = cx.engine;
        let leader = engine.leaders.get(i as usize)?;
        let found = &cx.text[start..end];
        if found.chars().count() == 2 && !has_title(cx.text, start, end) {
            return None;
        }
        if typo::word_reading(engine, cx.text, start, end).is_some() {
            return None;
        }
        let mut message = format!("姓名疑似写错：“{found}”应为“{}”", leader.name);
        if !leader.role.is_empty() {
            message.push_str(&format!("（{}）", leader.role));
        }
        Some(Finding::new(start..end, message, vec![leader.name.clone()]).from(Some(leader.origin.clone())))
    }
}
