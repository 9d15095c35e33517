//! TODO(issue 5): rules number.impossible-date, number.weekday, number.jiezhi, number.zero.
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{RuleInfo, Sink};

pub(crate) const IMPOSSIBLE_DATE: RuleInfo = RuleInfo {
    id: "number.impossible-date",
    default_severity: Severity::Error,
    summary: "日期不存在",
    example: "2023年2月29日",
};

pub(crate) const WEEKDAY: RuleInfo = RuleInfo {
    id: "number.weekday",
    default_severity: Severity::Error,
    summary: "星期与日期不符",
    example: "2023年7月5日（星期四）",
};

pub(crate) const JIEZHI: RuleInfo = RuleInfo {
    id: "number.jiezhi",
    default_severity: Severity::Warning,
    summary: "“截止”后直接跟时间，应为“截至”",
    example: "截止2023年6月底",
};

pub(crate) const ZERO: RuleInfo = RuleInfo {
    id: "number.zero",
    default_severity: Severity::Warning,
    summary: "年份中的“零”应为“〇”",
    example: "二零二三年",
};

/// Checks the whole text.
pub(crate) fn check(_engine: &Engine, _sink: &mut Sink<'_>) {}
