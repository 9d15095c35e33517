//! TODO(issue 5): rules script.mixed.
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{RuleInfo, Sink};

pub(crate) const MIXED: RuleInfo = RuleInfo {
    id: "script.mixed",
    default_severity: Severity::Warning,
    summary: "简体文本中夹杂繁体字",
    example: "推进政務服务改革。",
};

/// Checks the whole text.
pub(crate) fn check(_engine: &Engine, _sink: &mut Sink<'_>) {}
