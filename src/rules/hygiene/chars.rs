//! TODO(issue 5): rules char.kangxi, char.compat, char.invisible, char.homoglyph.
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{RuleInfo, Sink};

pub(crate) const KANGXI: RuleInfo = RuleInfo {
    id: "char.kangxi",
    default_severity: Severity::Error,
    summary: "康熙部首或兼容汉字冒充常用汉字（多见于从PDF复制的文字）",
    example: "二⽉一⽇召开会议。",
};

pub(crate) const COMPAT: RuleInfo = RuleInfo {
    id: "char.compat",
    default_severity: Severity::Error,
    summary: "CJK兼容汉字冒充统一汉字",
    example: "\u{f98e}度工作总结",
};

pub(crate) const INVISIBLE: RuleInfo = RuleInfo {
    id: "char.invisible",
    default_severity: Severity::Error,
    summary: "文中夹有零宽字符等不可见字符",
    example: "通\u{200b}知",
};

pub(crate) const HOMOGLYPH: RuleInfo = RuleInfo {
    id: "char.homoglyph",
    default_severity: Severity::Error,
    summary: "中文数字中混入形似的字母或阿拉伯数字",
    example: "二0二三年工作报告",
};

/// Checks the whole text.
pub(crate) fn check(_engine: &Engine, _sink: &mut Sink<'_>) {}
