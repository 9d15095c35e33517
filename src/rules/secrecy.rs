//! `secrecy.marking`: classification marks and secrecy notices that must
//! never reach a public post: 绝密★, 机密★1年, 秘密★长期, 密级：机密, a line
//! that is only 涉密 or 内部资料 注意保存.
//!
//! Guards: the words alone in prose are no marking (保守秘密, 秘密武器,
//! 涉密人员管理): only the star mark, a 密级 label, or a line that consists
//! of the marking counts.

use crate::diagnostic::Severity;
use crate::layout::Kind;
use crate::rules::hygiene::SHORT_LINE;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo, Sink};

pub(crate) const MARKING: RuleInfo = RuleInfo {
    id: "secrecy.marking",
    category: Category::Serious,
    default_severity: Severity::Error,
    summary: "密级标志或保密提示不得出现在公开发布的内容中",
    example: "机密★1年\n关于做好有关工作的通知",
    explanation: "查找不得出现在公开内容中的密级标志和保密提示：“绝密★”“机密★1年”“密级：机密”，以及整行只是“涉密”“内部资料 注意保存”之类字样的行。正文中的“保守秘密”“涉密人员管理”等普通说法不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs {
        pass: true,
        ..Needs::scan(&[Kind::SecrecyStar, Kind::SecrecyLevel])
    },
};

const LEVELS: &[&str] = &["绝密", "机密", "秘密"];

/// Lines that are a marking when they stand alone (spaces and punctuation
/// between the words ignored).
const LINE_MARKS: &[&str] = &[
    "绝密",
    "机密",
    "秘密",
    "涉密",
    "内部资料",
    "内部文件",
    "内部资料注意保存",
    "内部资料请勿外传",
    "内部文件注意保存",
    "内部文件注意保密",
    "注意保密",
    "内部参考",
    "内部资料注意保密",
];

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '，' | ',' | '、' | '：' | ':' | '\u{3000}'))
        .collect()
}

fn emit(sink: &mut Sink<'_>, start: usize, end: usize) {
    let found = sink.text[start..end].trim_end().to_string();
    let end = start + found.len();
    let message = format!("密级标志或保密提示“{found}”不得出现在公开发布的内容中，请删除并核查稿件来源");
    sink.emit(Rule::SecrecyMarking, start..end, message, Vec::new());
}

/// Checks the whole text, from where the scan found a star or 密级.
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    if !sink.enabled(Rule::SecrecyMarking) {
        return;
    }
    let marks: Vec<(usize, bool)> = cx
        .hits(Rule::SecrecyMarking)
        .iter()
        .map(|h| (h.start(), h.kind() == Some(Kind::SecrecyStar)))
        .collect();
    let text = sink.text;
    let mut found: Vec<(usize, usize)> = Vec::new();
    // 绝密★, 机密 ★ 10年, 秘密★长期.
    for star in marks.iter().filter(|m| m.1).map(|m| m.0) {
        let before = text[..star].trim_end_matches([' ', '\u{3000}']);
        let Some(level) = LEVELS.iter().find(|l| before.ends_with(*l)) else {
            continue;
        };
        let start = before.len() - level.len();
        let mut end = star + '★'.len_utf8();
        let rest = &text[end..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let period = ["长期", "年", "个月"]
            .iter()
            .find_map(|u| rest[digits..].starts_with(u).then_some(u.len()));
        if let Some(len) = period {
            end += digits + len;
        }
        found.push((start, end));
    }
    // 密级：机密.
    for at in marks.iter().filter(|m| !m.1).map(|m| m.0) {
        let rest = &text[at + "密级".len()..];
        let skip = rest.len() - rest.trim_start_matches([':', '：', ' ', '\u{3000}']).len();
        if let Some(level) = LEVELS.iter().find(|l| rest[skip..].starts_with(*l)) {
            found.push((at, at + "密级".len() + skip + level.len()));
        }
    }
    // A line that is a marking: a short one, which the shared pass found.
    for &(offset, end) in &cx.pass.short_lines {
        let content = text[offset..end].trim_end_matches('\r');
        if content.len() > SHORT_LINE || !(content.contains('密') || content.contains("内部") || content.contains("保"))
        {
            continue;
        }
        let squeezed = squeeze(content);
        if LINE_MARKS.contains(&squeezed.as_str()) {
            let lead = content.len() - content.trim_start().len();
            let start = offset + lead;
            let end = offset + content.trim_end().len();
            if !found.iter().any(|&(s, e)| s < end && start < e) {
                found.push((start, end));
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    for (s, e) in found {
        emit(sink, s, e);
    }
}
