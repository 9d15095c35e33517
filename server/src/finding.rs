//! Findings as the API answers them: the keys of the command line's
//! `--format json`, and the kind of each rule for grouping.

use jiaodui::{Diagnostic, Origin, Position, Severity};
use serde::Serialize;

/// One finding, with the keys (and their order) of `jiaodui check --format
/// json`, less `path`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file's name, where the request named one (multipart uploads).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in Unicode scalar values.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end (exclusive).
    pub end_column: usize,
    /// Byte offset of the start in the checked text.
    pub byte_start: usize,
    /// Byte offset of the end in the checked text.
    pub byte_end: usize,
    /// Stable rule id.
    pub rule: &'static str,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// What is wrong, in Chinese.
    pub message: String,
    /// The text found.
    pub found: String,
    /// Replacements, best first.
    pub suggestions: Vec<String>,
    /// The dictionary line behind the finding, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// The rule's category: `spelling`, `serious`, `policy` or `hygiene`.
    pub category: &'static str,
    /// Whether the finding is serious (严重表述错误): a single one fails an
    /// account at inspection.
    pub serious: bool,
}

impl Finding {
    /// A finding from a diagnostic at `position` of its document.
    pub fn new(d: &Diagnostic, position: &Position) -> Finding {
        Finding {
            path: None,
            line: position.line,
            column: position.column,
            end_line: position.end_line,
            end_column: position.end_column,
            byte_start: position.byte_start,
            byte_end: position.byte_end,
            rule: d.rule,
            severity: d.severity,
            message: d.message.clone(),
            found: d.found.clone(),
            suggestions: d.suggestions.clone(),
            origin: d.origin().cloned(),
            category: d.rule_info().category.as_str(),
            serious: d.is_serious(),
        }
    }
}

/// A kind of finding, for grouping in the page and LanguageTool's
/// categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Kind {
    /// Stable uppercase id (LanguageTool's category ids are uppercase).
    pub id: &'static str,
    /// Chinese name.
    pub name: &'static str,
}

/// The serious findings' kind.
pub const SERIOUS: Kind = Kind {
    id: "SERIOUS",
    name: "严重表述错误",
};

/// The kind of a rule, from its family.
pub fn kind_of(rule: &str) -> Kind {
    let family = rule.split('.').next().unwrap_or(rule);
    match family {
        "typo" | "idiom" => Kind {
            id: "TYPOS",
            name: "疑似错别字",
        },
        "formulation" | "name" | "political" | "agency" | "secrecy" => Kind {
            id: "FORMULATION",
            name: "规范表述",
        },
        "law" => Kind {
            id: "LEGAL",
            name: "法律法规引用",
        },
        "sensitive" => Kind {
            id: "SENSITIVE",
            name: "敏感用语",
        },
        "punct" | "char" | "encoding" | "script" => Kind {
            id: "TYPOGRAPHY",
            name: "标点与格式",
        },
        "number" => Kind {
            id: "NUMBERS",
            name: "数字与日期",
        },
        "repeat" => Kind {
            id: "DUPLICATION",
            name: "重复字词",
        },
        "privacy" => Kind {
            id: "PRIVACY",
            name: "个人信息",
        },
        _ => Kind {
            id: "OTHER",
            name: "其他",
        },
    }
}

/// Whether a finding is serious (严重表述错误): what fails an account at
/// the quarterly inspection on its own, as the library declares it
/// ([`jiaodui::RuleInfo::is_serious`]).
pub fn is_serious(rule: &str, severity: Severity) -> bool {
    jiaodui::rule(rule).is_some_and(|r| r.is_serious(severity))
}

/// The kind a finding is grouped under: [`SERIOUS`] for serious findings,
/// else its rule's kind.
pub fn finding_kind(rule: &str, severity: Severity) -> Kind {
    if is_serious(rule, severity) {
        SERIOUS
    } else {
        kind_of(rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_kind() {
        for r in jiaodui::rules() {
            assert_ne!(kind_of(r.id).id, "OTHER", "{} has no kind", r.id);
        }
    }

    #[test]
    fn serious_rules() {
        assert!(is_serious("name.leader", Severity::Warning));
        assert!(is_serious("political.term", Severity::Error));
        assert!(!is_serious("political.term", Severity::Warning));
        assert!(!is_serious("typo.word", Severity::Error));
        assert_eq!(finding_kind("agency.renamed", Severity::Error), SERIOUS);
    }
}
