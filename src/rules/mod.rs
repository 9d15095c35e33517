//! The rules, grouped by theme, one module each, registered here.
//!
//! A rule id is stable: `family.name` in kebab-case. Adding a rule means
//! adding a variant to [`Rule`], its [`RuleInfo`] to [`RULES`] at the same
//! position, and its check to [`crate::linter`]'s dispatch.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

pub(crate) mod agency;
pub(crate) mod confusable;
pub(crate) mod context;
pub(crate) mod formulation;
pub(crate) mod hygiene;
pub(crate) mod idiom;
pub(crate) mod name;
pub(crate) mod political;
pub(crate) mod secrecy;
pub(crate) mod sensitive;
pub(crate) mod typo;

/// What a rule is: its id, default severity, a one-line summary in Chinese
/// and an example of text it flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RuleInfo {
    /// Stable id, e.g. `typo.word`.
    pub id: &'static str,
    /// Severity unless configured otherwise.
    pub default_severity: Severity,
    /// What the rule finds, in Chinese.
    pub summary: &'static str,
    /// A sentence the rule flags.
    pub example: &'static str,
}

/// Every rule, in registration order.
pub(crate) const RULES: &[RuleInfo] = &[
    typo::WORD,
    confusable::CONFUSABLE,
    idiom::NEAR_MISS,
    formulation::NEAR_MISS,
    name::LEADER,
    political::TERM,
    agency::RENAMED,
    secrecy::MARKING,
    sensitive::WORD,
    hygiene::chars::KANGXI,
    hygiene::chars::COMPAT,
    hygiene::chars::INVISIBLE,
    hygiene::chars::HOMOGLYPH,
    hygiene::encoding::MOJIBAKE,
    hygiene::script::MIXED,
    hygiene::punct::HALF_WIDTH,
    hygiene::punct::DOUBLED,
    hygiene::punct::UNPAIRED,
    hygiene::punct::ELLIPSIS,
    hygiene::punct::DASH,
    hygiene::punct::DUNHAO,
    hygiene::number::IMPOSSIBLE_DATE,
    hygiene::number::WEEKDAY,
    hygiene::number::JIEZHI,
    hygiene::number::ZERO,
    hygiene::repeat::CHAR,
    hygiene::repeat::WORD,
    hygiene::privacy::ID_CARD,
    hygiene::privacy::MOBILE,
    hygiene::privacy::BANK_CARD,
];

/// Index of a rule in [`RULES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    TypoWord = 0,
    TypoConfusable = 1,
    IdiomNearMiss = 2,
    FormulationNearMiss,
    NameLeader,
    PoliticalTerm,
    AgencyRenamed,
    SecrecyMarking,
    SensitiveWord,
    CharKangxi,
    CharCompat,
    CharInvisible,
    CharHomoglyph,
    EncodingMojibake,
    ScriptMixed,
    PunctHalfWidth,
    PunctDoubled,
    PunctUnpaired,
    PunctEllipsis,
    PunctDash,
    PunctDunhao,
    NumberImpossibleDate,
    NumberWeekday,
    NumberJiezhi,
    NumberZero,
    RepeatChar,
    RepeatWord,
    PrivacyIdCard,
    PrivacyMobile,
    PrivacyBankCard,
}

impl Rule {
    pub(crate) fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }
}

/// Looks a rule id up.
pub(crate) fn position(id: &str) -> Option<usize> {
    RULES.iter().position(|r| r.id == id)
}

/// The known id closest to an unknown one (same family, or a small edit).
pub(crate) fn closest(id: &str) -> Option<&'static str> {
    let family = id.split('.').next().unwrap_or(id);
    RULES
        .iter()
        .map(|r| (edit_distance(r.id, id), r.id))
        .filter(|&(d, known)| d <= 3 || known.starts_with(&format!("{family}.")))
        .min()
        .map(|(_, known)| known)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether a rule is on, and at which severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// The rule is off.
    Off,
    /// On at its default severity; an entry of its data that carries a
    /// severity of its own (a political term, a listed word) keeps it.
    Default(Severity),
    /// On at a severity the user configured, which every finding takes,
    /// whatever its entry says.
    Configured(Severity),
}

impl Level {
    /// The severity of a finding whose entry says `own` (if anything).
    fn severity(self, own: Option<Severity>) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Default(s) => Some(own.unwrap_or(s)),
            Level::Configured(s) => Some(s),
        }
    }
}

/// Where the rules put their findings while a text is checked.
pub(crate) struct Sink<'a> {
    pub(crate) text: &'a str,
    levels: &'a [Level],
    pub(crate) out: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(text: &'a str, levels: &'a [Level]) -> Sink<'a> {
        Sink {
            text,
            levels,
            out: Vec::new(),
        }
    }

    /// Whether the rule is on.
    pub(crate) fn enabled(&self, rule: Rule) -> bool {
        self.levels[rule as usize] != Level::Off
    }

    /// Records a finding of `rule` at byte range `span` of the text.
    pub(crate) fn emit(&mut self, rule: Rule, span: std::ops::Range<usize>, message: String, suggestions: Vec<String>) {
        self.emit_with_fix(rule, span, message, suggestions, None);
    }

    /// Records a finding whose entry carries a severity of its own, unless
    /// the rule is off. A severity configured for the rule wins over the
    /// entry's; without one, the entry's is used.
    pub(crate) fn emit_at(
        &mut self,
        rule: Rule,
        severity: Severity,
        span: std::ops::Range<usize>,
        message: String,
        suggestions: Vec<String>,
    ) {
        self.push(rule, Some(severity), span, message, suggestions, None);
    }

    /// Records a finding with a certain automatic fix (`fix` replaces the
    /// span; an empty string deletes it).
    pub(crate) fn emit_with_fix(
        &mut self,
        rule: Rule,
        span: std::ops::Range<usize>,
        message: String,
        suggestions: Vec<String>,
        fix: Option<String>,
    ) {
        self.push(rule, None, span, message, suggestions, fix);
    }

    fn push(
        &mut self,
        rule: Rule,
        own: Option<Severity>,
        span: std::ops::Range<usize>,
        message: String,
        suggestions: Vec<String>,
        fix: Option<String>,
    ) {
        let Some(severity) = self.levels[rule as usize].severity(own) else {
            return;
        };
        let Some(found) = self.text.get(span.clone()) else {
            return;
        };
        self.out.push(Diagnostic {
            rule: rule.info().id,
            severity,
            found: found.to_string(),
            span,
            message,
            suggestions,
            fix,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_consistent() {
        assert_eq!(Rule::TypoWord.info().id, "typo.word");
        assert_eq!(Rule::TypoConfusable.info().id, "typo.confusable");
        assert_eq!(Rule::IdiomNearMiss.info().id, "idiom.near-miss");
        assert_eq!(Rule::FormulationNearMiss.info().id, "formulation.near-miss");
        assert_eq!(Rule::NameLeader.info().id, "name.leader");
        assert_eq!(Rule::PoliticalTerm.info().id, "political.term");
        assert_eq!(Rule::AgencyRenamed.info().id, "agency.renamed");
        assert_eq!(Rule::SecrecyMarking.info().id, "secrecy.marking");
        assert_eq!(Rule::SensitiveWord.info().id, "sensitive.word");
        assert_eq!(Rule::CharKangxi.info().id, "char.kangxi");
        assert_eq!(Rule::CharCompat.info().id, "char.compat");
        assert_eq!(Rule::CharInvisible.info().id, "char.invisible");
        assert_eq!(Rule::CharHomoglyph.info().id, "char.homoglyph");
        assert_eq!(Rule::EncodingMojibake.info().id, "encoding.mojibake");
        assert_eq!(Rule::ScriptMixed.info().id, "script.mixed");
        assert_eq!(Rule::PunctHalfWidth.info().id, "punct.half-width");
        assert_eq!(Rule::PunctDoubled.info().id, "punct.doubled");
        assert_eq!(Rule::PunctUnpaired.info().id, "punct.unpaired");
        assert_eq!(Rule::PunctEllipsis.info().id, "punct.ellipsis");
        assert_eq!(Rule::PunctDash.info().id, "punct.dash");
        assert_eq!(Rule::PunctDunhao.info().id, "punct.dunhao");
        assert_eq!(Rule::NumberImpossibleDate.info().id, "number.impossible-date");
        assert_eq!(Rule::NumberWeekday.info().id, "number.weekday");
        assert_eq!(Rule::NumberJiezhi.info().id, "number.jiezhi");
        assert_eq!(Rule::NumberZero.info().id, "number.zero");
        assert_eq!(Rule::RepeatChar.info().id, "repeat.char");
        assert_eq!(Rule::RepeatWord.info().id, "repeat.word");
        assert_eq!(Rule::PrivacyIdCard.info().id, "privacy.id-card");
        assert_eq!(Rule::PrivacyMobile.info().id, "privacy.mobile");
        assert_eq!(Rule::PrivacyBankCard.info().id, "privacy.bank-card");
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len(), "rule ids must be unique");
        for r in RULES {
            let (family, name) = r.id.split_once('.').expect("family.name");
            for part in [family, name] {
                assert!(!part.is_empty());
                assert!(
                    part.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{}",
                    r.id
                );
            }
            assert!(!r.summary.is_empty() && !r.example.is_empty());
        }
    }

    #[test]
    fn every_example_is_flagged_by_its_rule() {
        let linter = crate::Linter::new();
        for r in RULES.iter().filter(|r| r.id != "sensitive.word") {
            let found = linter.check(r.example);
            assert!(
                found.iter().any(|d| d.rule == r.id),
                "{}: {:?} gives {found:?}",
                r.id,
                r.example
            );
        }
    }

    #[test]
    fn closest_suggests_a_known_id() {
        assert_eq!(closest("typo.words"), Some("typo.word"));
        assert_eq!(closest("zzz.qqqqqqqq"), None);
    }
}
