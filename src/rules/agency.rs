//! `agency.renamed`: an agency abolished or renamed (the 2018 and 2023
//! State Council reforms and other documented renames,
//! `dictionaries/agencies.tsv`) written as if current.
//!
//! Guards: preceded by 原, 前 or 旧 (原国家质检总局); part of a longer
//! word (农业部门, 文化部长); part of a successor's name written out; or in a
//! sentence that dates what it says before the change (2017年，国土资源部…).

use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{context, Rule, RuleInfo, Sink};

pub(crate) const RENAMED: RuleInfo = RuleInfo {
    id: "agency.renamed",
    default_severity: Severity::Warning,
    summary: "机构名称过时：已撤销或更名的机构被当作现行机构",
    example: "国家质检总局近日发布通知。",
};

/// Reports agency `i` at `start..end`.
pub(crate) fn check(engine: &Engine, sink: &mut Sink<'_>, i: u32, start: usize, end: usize) {
    let Some(a) = engine.policy.agencies.get(i as usize) else {
        return;
    };
    let text = sink.text;
    let before: String = text[..start].chars().rev().take(2).collect();
    if before.chars().next().is_some_and(|c| matches!(c, '原' | '前' | '旧')) {
        return;
    }
    // 原 before a place name: 原XX省国土资源厅 is written 原 + place + name.
    let sentence = context::sentence(text, start);
    if text[sentence.start..start].contains('原') && text[sentence.start..start].chars().count() <= 8 {
        return;
    }
    let next = text[end..].chars().next();
    if next == Some('门') || (a.old.ends_with('部') && next == Some('长')) {
        return;
    }
    for s in &a.successors {
        for (o, _) in s.match_indices(a.old) {
            if start >= o && text[start - o..].starts_with(s) {
                return;
            }
        }
    }
    if context::dated_before(text, start, a.year) {
        return;
    }
    let change = if a.successors.is_empty() {
        format!("已于{}年撤销", a.year)
    } else {
        let succ: Vec<String> = a.successors.iter().map(|s| format!("“{s}”")).collect();
        format!("已于{}年改为或并入{}", a.year, succ.join("、"))
    };
    let mut message = format!("机构名称过时：“{}”{change}", a.old);
    if !a.note.is_empty() {
        message.push_str(&format!("（{}）", a.note));
    }
    message.push_str("；如指原机构，请写“原");
    message.push_str(a.old);
    message.push('”');
    let mut suggestions: Vec<String> = a.successors.iter().map(|s| s.to_string()).collect();
    suggestions.push(format!("原{}", a.old));
    sink.emit(Rule::AgencyRenamed, start..end, message, suggestions);
}
