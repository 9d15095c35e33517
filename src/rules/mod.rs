//! The rules, grouped by theme, one module each, registered here.
//!
//! A rule id is stable: `family.name` in kebab-case. A rule is declared
//! once, as a [`RuleInfo`] constant in its module, and registered with one
//! line in [`registry!`] below, under the check that reports it;
//! `CONTRIBUTING.md` says how to add each kind of rule.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Origin, Severity};
use crate::engine::{Engine, Hit, Hits};
use crate::model::LanguageModel;
use crate::rules::sensitive::WordLists;

pub(crate) mod agency;
pub(crate) mod confusable;
pub(crate) mod context;
pub(crate) mod formulation;
pub(crate) mod hygiene;
pub(crate) mod idiom;
pub(crate) mod law;
pub(crate) mod name;
pub(crate) mod political;
pub(crate) mod secrecy;
pub(crate) mod sensitive;
pub(crate) mod spelling;
pub(crate) mod typo;

mod info;

pub(crate) use info::Needs;
pub use info::{Category, DataFile, Explanation, RuleInfo};

/// Declares the rules: for each check (a function that reports the findings
/// of its rules), the rules it reports, as `Variant = declaration`. The
/// order is that of [`RULES`] (`jiaodui rules`) and the order in which the
/// checks run; a check runs only when one of its rules is on.
///
/// Generates the [`Rule`] enum (an index into [`RULES`]), [`RULES`] and
/// [`run_checks`].
macro_rules! registry {
    ($( $check:path => [ $( $variant:ident = $decl:path ),+ $(,)? ] ),+ $(,)?) => {
        /// Index of a rule in [`RULES`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Rule {
            $( $( $variant, )+ )+
        }

        /// Every rule, in registration order.
        pub(crate) const RULES: &[RuleInfo] = &[ $( $( $decl, )+ )+ ];

        /// Runs every check that has a rule on, in registration order.
        pub(crate) fn run_checks(cx: &Context<'_>, sink: &mut Sink<'_>) {
            $(
                if [$( Rule::$variant ),+].iter().any(|&r| sink.enabled(r)) {
                    $check(cx, sink);
                }
            )+
        }
    };
}

registry! {
    spelling::run => [
        TypoWord = typo::WORD,
        TypoConfusable = confusable::CONFUSABLE,
        IdiomNearMiss = idiom::NEAR_MISS,
        FormulationNearMiss = formulation::NEAR_MISS,
        NameLeader = name::LEADER,
        PoliticalTerm = political::TERM,
        AgencyRenamed = agency::RENAMED,
    ],
    secrecy::check => [SecrecyMarking = secrecy::MARKING],
    law::check => [LawTitle = law::TITLE, LawArticle = law::ARTICLE],
    sensitive::check => [SensitiveWord = sensitive::WORD],
    hygiene::chars::check => [
        CharKangxi = hygiene::chars::KANGXI,
        CharCompat = hygiene::chars::COMPAT,
        CharInvisible = hygiene::chars::INVISIBLE,
        CharHomoglyph = hygiene::chars::HOMOGLYPH,
    ],
    hygiene::encoding::check => [EncodingMojibake = hygiene::encoding::MOJIBAKE],
    hygiene::script::check => [ScriptMixed = hygiene::script::MIXED],
    hygiene::punct::check => [
        PunctHalfWidth = hygiene::punct::HALF_WIDTH,
        PunctDoubled = hygiene::punct::DOUBLED,
        PunctUnpaired = hygiene::punct::UNPAIRED,
        PunctEllipsis = hygiene::punct::ELLIPSIS,
        PunctDash = hygiene::punct::DASH,
        PunctDunhao = hygiene::punct::DUNHAO,
    ],
    hygiene::number::check => [
        NumberImpossibleDate = hygiene::number::IMPOSSIBLE_DATE,
        NumberWeekday = hygiene::number::WEEKDAY,
        NumberJiezhi = hygiene::number::JIEZHI,
        NumberZero = hygiene::number::ZERO,
    ],
    hygiene::repeat::check => [
        RepeatChar = hygiene::repeat::CHAR,
        RepeatWord = hygiene::repeat::WORD,
    ],
    hygiene::privacy::check => [
        PrivacyIdCard = hygiene::privacy::ID_CARD,
        PrivacyMobile = hygiene::privacy::MOBILE,
        PrivacyBankCard = hygiene::privacy::BANK_CARD,
    ],
}

impl Rule {
    pub(crate) fn info(self) -> &'static RuleInfo {
        &RULES[self as usize]
    }
}

/// What the checks read while a text is checked: the engine, the user's
/// data, and what the shared scan and pass found.
pub(crate) struct Context<'a> {
    pub(crate) engine: &'a Engine,
    pub(crate) text: &'a str,
    /// The language model of `typo.confusable`.
    pub(crate) lm: &'a LanguageModel,
    /// The user's sensitive-word lists.
    pub(crate) words: Option<&'a WordLists>,
    /// The user's lists of laws and regulations (`law.title`), in the order
    /// added.
    pub(crate) laws: &'a [law::Table],
    /// The automaton hits, filed by the rule that takes their kind.
    pub(crate) scan: &'a Hits,
    /// The shared pass over the characters.
    pub(crate) pass: &'a hygiene::Pass,
}

impl Context<'_> {
    /// The scan's hits of the kinds that `rule` takes.
    pub(crate) fn hits(&self, rule: Rule) -> &[Hit] {
        self.scan.of(rule as usize)
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

/// A finding as a rule reports it, before the sink adds its rule id,
/// severity and the text found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub(crate) span: Range<usize>,
    pub(crate) message: String,
    pub(crate) suggestions: Vec<String>,
    /// The severity the entry behind the finding carries, if any (a
    /// severity configured for the rule wins over it).
    pub(crate) severity: Option<Severity>,
    /// The dictionary line behind the finding, if any.
    pub(crate) origin: Option<Origin>,
}

impl Finding {
    pub(crate) fn new(span: Range<usize>, message: String, suggestions: Vec<String>) -> Finding {
        Finding {
            span,
            message,
            suggestions,
            severity: None,
            origin: None,
        }
    }

    /// The same with the severity of its entry.
    pub(crate) fn at(mut self, severity: Severity) -> Finding {
        self.severity = Some(severity);
        self
    }

    /// The same with the line of the data behind it.
    pub(crate) fn from(mut self, origin: Option<Origin>) -> Finding {
        self.origin = origin;
        self
    }
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

    /// Records a finding (with the severity and origin of its entry, if
    /// any); whether it was recorded (the
    /// rule is on and the span is one of the text's).
    pub(crate) fn report(&mut self, rule: Rule, f: Finding) -> bool {
        let before = self.out.len();
        self.push(rule, f.severity, f.span, f.message, f.suggestions, None, f.origin);
        self.out.len() > before
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
        self.push(rule, None, span, message, suggestions, fix, None);
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: Rule,
        own: Option<Severity>,
        span: std::ops::Range<usize>,
        message: String,
        suggestions: Vec<String>,
        fix: Option<String>,
        origin: Option<Origin>,
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
            origin,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_consistent() {
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
            assert!(!r.summary.is_empty() && !r.example.is_empty() && !r.explanation.is_empty());
            assert_eq!(r.family(), family);
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
