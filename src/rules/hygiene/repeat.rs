//! TODO(issue 5): rules repeat.char, repeat.word.
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{RuleInfo, Sink};

pub(crate) const CHAR: RuleInfo = RuleInfo {
    id: "repeat.char",
    default_severity: Severity::Warning,
    summary: "字的误重复",
    example: "我们的的工作",
};

pub(crate) const WORD: RuleInfo = RuleInfo {
    id: "repeat.word",
    default_severity: Severity::Warning,
    summary: "词语误重复",
    example: "我们我们要努力",
};

/// Checks the whole text.
pub(crate) fn check(_engine: &Engine, _sink: &mut Sink<'_>) {}
