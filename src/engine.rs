//! The scanning engine: one multi-pattern automaton over every pattern of
//! every dictionary, run once over the text.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::dict::{Lexicon, TypoDict};

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A wrong form of typo dictionary number `.0` (later dictionaries
    /// override earlier ones).
    Typo(u16),
}

/// A hit of the automaton: byte span and what it stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) target: Target,
}

pub(crate) struct Engine {
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Pattern id -> targets.
    targets: Vec<Box<[Target]>>,
    pub(crate) typos: Vec<TypoDict>,
    pub(crate) lexicon: Lexicon,
}

impl Engine {
    /// The engine over the built-in dictionaries, built once per process.
    pub(crate) fn builtin() -> Arc<Engine> {
        static BUILTIN: OnceLock<Arc<Engine>> = OnceLock::new();
        BUILTIN.get_or_init(|| Arc::new(Engine::new(Vec::new()))).clone()
    }

    /// An engine over the built-in dictionaries plus user typo dictionaries
    /// (a later one overrides an earlier one and the built-in one).
    pub(crate) fn new(user_typos: Vec<TypoDict>) -> Engine {
        let mut typos = vec![TypoDict::builtin()];
        typos.extend(user_typos);
        let mut patterns: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        for (i, dict) in typos.iter().enumerate() {
            let i = u16::try_from(i).unwrap_or(u16::MAX);
            dict.for_each(|wrong, _, _| {
                let targets = patterns.entry(wrong.to_string()).or_default();
                targets.retain(|t| !matches!(t, Target::Typo(_)));
                targets.push(Target::Typo(i));
            });
        }
        let targets: Vec<Box<[Target]>> = patterns.values().map(|t| t.clone().into_boxed_slice()).collect();
        let automaton = if patterns.is_empty() {
            None
        } else {
            let built = CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build_with_values(patterns.keys().enumerate().map(|(i, p)| (p.as_str(), i as u32)));
            // Patterns are unique, non-empty and few; the automaton always builds.
            built.ok()
        };
        Engine {
            automaton,
            targets,
            typos,
            lexicon: Lexicon::builtin(),
        }
    }

    /// Every occurrence of every pattern, overlapping ones included, in
    /// order of end position.
    pub(crate) fn scan<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Hit> + 'a {
        self.automaton.iter().flat_map(move |a| {
            a.find_overlapping_iter(text).flat_map(move |m| {
                let (start, end) = (m.start(), m.end());
                self.targets[m.value() as usize]
                    .iter()
                    .map(move |&target| Hit { start, end, target })
            })
        })
    }

    /// Whether a string is a wrong form in any typo dictionary.
    pub(crate) fn is_typo(&self, s: &str) -> bool {
        self.typos.iter().any(|d| d.get(s).is_some())
    }
}
