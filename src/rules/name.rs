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
use crate::rules::{typo, Rule, RuleInfo, Sink};

pub(crate) const LEADER: RuleInfo = RuleInfo {
    id: "name.leader",
    default_severity: Severity::Error,
    summary: "领导人或英模姓名写错",
    example: "习近乎总书记指出，要坚持人民至上。",
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

/// Reports a misspelling of name `i` at `start..end`.
pub(crate) fn check(engine: &Engine, sink: &mut Sink<'_>, i: u32, start: usize, end: usize) {
    let Some(leader) = engine.leaders.get(i as usize) else {
        return;
    };
    let found = &sink.text[start..end];
    if found.chars().count() == 2 && !has_title(sink.text, start, end) {
        return;
    }
    if typo::word_reading(engine, sink.text, start, end).is_some() {
        return;
    }
    let mut message = format!("姓名疑似写错：“{found}”应为“{}”", leader.name);
    if !leader.role.is_empty() {
        message.push_str(&format!("（{}）", leader.role));
    }
    sink.emit(Rule::NameLeader, start..end, message, vec![leader.name.clone()]);
}
