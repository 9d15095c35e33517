//! TODO(issue 5): rules punct.half-width, punct.doubled, punct.unpaired, punct.ellipsis, punct.dash, punct.dunhao.
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{RuleInfo, Sink};

pub(crate) const HALF_WIDTH: RuleInfo = RuleInfo {
    id: "punct.half-width",
    default_severity: Severity::Warning,
    summary: "中文之间使用了半角标点",
    example: "会议决定,明天开始。",
};

pub(crate) const DOUBLED: RuleInfo = RuleInfo {
    id: "punct.doubled",
    default_severity: Severity::Warning,
    summary: "标点重复或冲突",
    example: "会议结束。。",
};

pub(crate) const UNPAIRED: RuleInfo = RuleInfo {
    id: "punct.unpaired",
    default_severity: Severity::Warning,
    summary: "成对标点不配对或嵌套错误",
    example: "学习《决定精神。",
};

pub(crate) const ELLIPSIS: RuleInfo = RuleInfo {
    id: "punct.ellipsis",
    default_severity: Severity::Warning,
    summary: "省略号写法不规范",
    example: "等等。。。",
};

pub(crate) const DASH: RuleInfo = RuleInfo {
    id: "punct.dash",
    default_severity: Severity::Warning,
    summary: "破折号写法不规范",
    example: "北京-上海",
};

pub(crate) const DUNHAO: RuleInfo = RuleInfo {
    id: "punct.dunhao",
    default_severity: Severity::Warning,
    summary: "并列书名号或引号之间不用顿号",
    example: "学习《宪法》、《民法典》",
};

/// Checks the whole text.
pub(crate) fn check(_engine: &Engine, _sink: &mut Sink<'_>) {}
