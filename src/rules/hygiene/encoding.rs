//! TODO(issue 5): rules encoding.mojibake.
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{RuleInfo, Sink};

pub(crate) const MOJIBAKE: RuleInfo = RuleInfo {
    id: "encoding.mojibake",
    default_severity: Severity::Error,
    summary: "乱码：替换字符、锟斤拷、编码错误或拼音注音残留",
    example: "系统显示锟斤拷。",
};

/// Checks the whole text.
pub(crate) fn check(_engine: &Engine, _sink: &mut Sink<'_>) {}
