//! The scanning engine: one multi-pattern automaton over every built-in
//! pattern (typo wrong forms), precomputed by `build.rs`,
//! run once over the text; plus one over the user dictionaries, if any.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::dict::{Idioms, Lexicon, TypoDict};
use crate::model::LanguageModel;

static BUILTIN_DAAC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.daac"));

/// Kinds of pattern in the top two bits of a built-in pattern's value (kept
/// in step with `build.rs`).
const KIND_MASK: u32 = 3 << 30;
const KIND_TYPO: u32 = 0;

/// What a pattern of an automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A wrong form of typo dictionary number `.0` (0 is the built-in one;
    /// user dictionaries follow, a later one overriding earlier ones).
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
    builtin: CharwiseDoubleArrayAhoCorasick<u32>,
    /// Over the user dictionaries' wrong forms; the value is the dictionary
    /// number.
    user: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    pub(crate) typos: Vec<TypoDict>,
    pub(crate) lexicon: Lexicon,
    pub(crate) idioms: Idioms,
    /// The default language model.
    pub(crate) lm: LanguageModel,
}

impl Engine {
    /// The engine over the built-in dictionaries, loaded once per process.
    pub(crate) fn builtin() -> Arc<Engine> {
        static BUILTIN: OnceLock<Arc<Engine>> = OnceLock::new();
        BUILTIN.get_or_init(|| Arc::new(Engine::new(Vec::new()))).clone()
    }

    /// An engine over the built-in dictionaries plus user typo dictionaries
    /// (a later one overrides an earlier one and the built-in one).
    pub(crate) fn new(user_typos: Vec<TypoDict>) -> Engine {
        let (builtin, _) = CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(BUILTIN_DAAC)
            .expect("build.rs serializes a valid automaton");
        let mut typos = vec![TypoDict::builtin()];
        typos.extend(user_typos);
        let mut patterns: BTreeMap<String, u32> = BTreeMap::new();
        for (i, dict) in typos.iter().enumerate().skip(1) {
            dict.for_each(|wrong, _, _| {
                patterns.insert(wrong.to_string(), i as u32);
            });
        }
        // Patterns are unique and non-empty; the automaton always builds.
        let user = (!patterns.is_empty())
            .then(|| {
                CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build_with_values(patterns.iter().map(|(p, &v)| (p.as_str(), v)))
                    .ok()
            })
            .flatten();
        Engine {
            builtin,
            user,
            typos,
            lexicon: Lexicon::builtin(),
            idioms: Idioms::builtin(),
            lm: LanguageModel::builtin(),
        }
    }

    /// Every occurrence of every pattern, overlapping ones included. A
    /// built-in wrong form that a user dictionary also lists is reported once,
    /// as the user's.
    pub(crate) fn scan<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Hit> + 'a {
        let overridden =
            |s: usize, e: usize| self.typos.len() > 1 && self.typos[1..].iter().any(|d| d.get(&text[s..e]).is_some());
        let builtin = self.builtin.find_overlapping_iter(text).filter_map(move |m| {
            let (start, end, v) = (m.start(), m.end(), m.value());
            let target = match v & KIND_MASK {
                KIND_TYPO if !overridden(start, end) => Target::Typo(0),
                KIND_TYPO => return None,
                _ => return None,
            };
            Some(Hit { start, end, target })
        });
        let user = self.user.iter().flat_map(move |a| {
            a.find_overlapping_iter(text).map(|m| {
                // The last dictionary that lists the form wins.
                let dict = (1..self.typos.len())
                    .rev()
                    .find(|&i| self.typos[i].get(&text[m.start()..m.end()]).is_some());
                Hit {
                    start: m.start(),
                    end: m.end(),
                    target: Target::Typo(dict.unwrap_or(m.value() as usize) as u16),
                }
            })
        });
        builtin.chain(user)
    }

    /// Whether a string is a wrong form in any typo dictionary.
    pub(crate) fn is_typo(&self, s: &str) -> bool {
        self.typos.iter().any(|d| d.get(s).is_some())
    }
}
