//! TODO(issue 5): rules privacy.id-card, privacy.mobile, privacy.bank-card.
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::{RuleInfo, Sink};

pub(crate) const ID_CARD: RuleInfo = RuleInfo {
    id: "privacy.id-card",
    default_severity: Severity::Error,
    summary: "公开文本中含完整身份证号码",
    example: "身份证号11010519491231002X",
};

pub(crate) const MOBILE: RuleInfo = RuleInfo {
    id: "privacy.mobile",
    default_severity: Severity::Warning,
    summary: "公开文本中含完整手机号码",
    example: "联系电话13812345678",
};

pub(crate) const BANK_CARD: RuleInfo = RuleInfo {
    id: "privacy.bank-card",
    default_severity: Severity::Warning,
    summary: "公开文本中含完整银行卡号",
    example: "卡号6222020200112233445",
};

/// Checks the whole text.
pub(crate) fn check(_engine: &Engine, _sink: &mut Sink<'_>) {}
