//! `agency.renamed`: an agency abolished or renamed (the 2018 and 2023
//! State Council reforms and other documented renames,
//! `dictionaries/agencies.tsv`) written as if current.
//!
//! Guards: preceded by 原, 前 or 旧 (原国家质检总局); part of a longer
//! word (农业部门, 文化部长); part of a successor's name written out; or in a
//! sentence that dates what it says before the change (2017年，国土资源部…).

use crate::diagnostic::Severity;
use crate::layout::Kind;
use crate::rules::spelling::{Finding, SpellingRule};
use crate::rules::{context, political, Category, Context, Needs, Rule, RuleInfo};

pub(crate) const RENAMED: RuleInfo = RuleInfo {
    id: "agency.renamed",
    category: Category::Serious,
    default_severity: Severity::Warning,
    summary: "机构名称过时：已撤销或更名的机构被当作现行机构",
    example: "国家质检总局近日发布通知。",
    explanation: "查找 dictionaries/agencies.tsv 所列已撤销或更名的机构被当作现行机构的写法（“国家质检总局”）。前有“原”“前”“旧”、属于更长的词（“农业部门”）、是新机构全称的一部分，或句中年份早于机构改革时不报。",
    miswritten: false,
    serious_from: None,
    data: &["dictionaries/agencies.tsv"],
    needs: Needs::scan(&[Kind::Agency]),
};

/// `agency.renamed` in the spelling pipeline.
pub(crate) struct Renamed;

impl SpellingRule for Renamed {
    const RULE: Rule = Rule::AgencyRenamed;
    /// Agency `.2` at `.0..end`.
    type Candidate = (usize, usize, u32);

    fn candidates(&self, cx: &Context<'_>) -> Vec<(usize, usize, u32)> {
        political::longest_first(cx.hits(Self::RULE))
    }

    fn span(&self, &(start, end, _): &(usize, usize, u32)) -> std::ops::Range<usize> {
        start..end
    }

    fn score(&self, cx: &Context<'_>, &(start, end, i): &(usize, usize, u32)) -> Option<Finding> {
        score(cx, i, start, end)
    }
}

/// Agency `i` at `start..end` unless a guard explains it.
fn score(cx: &Context<'_>, i: u32, start: usize, end: usize) -> Option<Finding> {
    let a = cx.engine.policy.agencies.get(i as usize)?;
    let text = cx.text;
    let before: String = text[..start].chars().rev().take(2).collect();
    if before.chars().next().is_some_and(|c| matches!(c, '原' | '前' | '旧')) {
        return None;
    }
    // 原 before a place name: 原XX省国土资源厅 is written 原 + place + name.
    let sentence = context::sentence(text, start);
    if text[sentence.start..start].contains('原') && text[sentence.start..start].chars().count() <= 8 {
        return None;
    }
    let next = text[end..].chars().next();
    if next == Some('门') || (a.old.ends_with('部') && next == Some('长')) {
        return None;
    }
    for s in &a.successors {
        for (o, _) in s.match_indices(a.old) {
            if start >= o && text[start - o..].starts_with(s) {
                return None;
            }
        }
    }
    if context::dated_before(text, start, a.year) {
        return None;
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
    let origin = crate::policy::origin(crate::policy::AGENCIES_PATH, a.line);
    Some(Finding::new(start..end, message, suggestions).from(origin))
}
