//! The scanning engine: one multi-pattern automaton over every built-in
//! pattern (typo wrong forms), precomputed by `build.rs`,
//! run once over the text; plus one over the user dictionaries, if any.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::dict::{Idioms, Lexicon, TypoDict};
use crate::model::LanguageModel;
use crate::policy::{self, Leader, Policy};
use crate::tsv;

static BUILTIN_DAAC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.daac"));
static BUILTIN_TARGETS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.targets"));
static WITH_IDIOMS_DAAC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin-idioms.daac"));
static WITH_IDIOMS_TARGETS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin-idioms.targets"));

use crate::layout::{
    kind, target, KIND_AGENCY, KIND_FORMULATION_ANCHOR, KIND_FORMULATION_VARIANT, KIND_IDIOM, KIND_NAME, KIND_SECRECY,
    KIND_TERM, KIND_TYPO, LONE, NAME_HEAD, NAME_MODE_SHIFT, NAME_TAIL, NAME_WHOLE, PAYLOAD,
};

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    bytes
        .get(4 * i..4 * i + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The targets of built-in pattern `p` in `table` (see `build.rs`,
/// `build_automaton`).
fn targets(table: &'static [u8], p: u32) -> impl Iterator<Item = u32> {
    let offsets = u32_at(table, 0) as usize;
    let (from, to) = (u32_at(table, 1 + p as usize), u32_at(table, 2 + p as usize));
    (from..to).map(move |k| u32_at(table, 1 + offsets + k as usize))
}
/// What a pattern of an automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A wrong form of typo dictionary number `.0` (0 is the built-in one;
    /// user dictionaries follow, a later one overriding earlier ones).
    Typo(u16),
    /// The first (`suffix: false`) or last half of formulation number `.0`.
    FormulationAnchor { formulation: u32, suffix: bool },
    /// A listed wrong variant of formulation number `.0`.
    FormulationVariant(u32),
    /// Political term number `.0`.
    Term(u32),
    /// Abolished or renamed agency number `.0`.
    Agency(u32),
    /// A misspelling of name number `.0` of the leaders list.
    Name(u32),
    /// Name number `.0` without its first character: a misspelling if the
    /// character before is confusable with it.
    NameTail(u32),
    /// Name number `.0` without its last character.
    NameHead(u32),
    /// Where a secrecy marking may be: a star (`true`) or 密级.
    Secrecy(bool),
    /// The first (`tail: false`) or last two characters of some idiom.
    Idiom { tail: bool },
    /// Character `.0` of the hit stands alone and may be a confusable of a
    /// character of a frequent word that the others complete.
    Lone(u32),
}

/// A hit of the automaton: byte span and what it stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) target: Target,
}

pub(crate) struct Engine {
    /// Every built-in pattern, with the first and last two characters of
    /// every idiom (`builtin-idioms`), for idiom.near-miss.
    builtin: CharwiseDoubleArrayAhoCorasick<u32>,
    /// The same without the idioms, loaded when a check has that rule off.
    without_idioms: std::sync::OnceLock<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Over the user dictionaries' wrong forms; the value is the dictionary
    /// number.
    user: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    pub(crate) typos: Vec<TypoDict>,
    pub(crate) lexicon: Lexicon,
    pub(crate) idioms: Idioms,
    /// The default language model.
    pub(crate) lm: LanguageModel,
    pub(crate) policy: Policy,
    /// The leaders list: the built-in one, or a user's replacing it.
    pub(crate) leaders: Vec<Leader>,
    /// Whether `leaders` is a user's list (the built-in name patterns are
    /// then ignored and the user automaton has the user's).
    user_names: bool,
    /// Targets of the user automaton's patterns (same encoding as the
    /// built-in ones).
    user_targets: Vec<Box<[u32]>>,
}

impl Engine {
    /// The engine over the built-in dictionaries, loaded once per process.
    pub(crate) fn builtin() -> Arc<Engine> {
        static BUILTIN: OnceLock<Arc<Engine>> = OnceLock::new();
        BUILTIN.get_or_init(|| Arc::new(Engine::new(Vec::new(), None))).clone()
    }

    /// An engine over the built-in dictionaries plus user typo dictionaries
    /// (a later one overrides an earlier one and the built-in one).
    pub(crate) fn new(user_typos: Vec<TypoDict>, user_leaders: Option<Vec<Leader>>) -> Engine {
        let (builtin, _) = CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(WITH_IDIOMS_DAAC)
            .expect("build.rs serializes a valid automaton");
        let lexicon = Lexicon::builtin();
        let mut typos = vec![TypoDict::builtin()];
        typos.extend(user_typos);
        let mut patterns: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, dict) in typos.iter().enumerate().skip(1) {
            dict.for_each(|wrong, _, _| {
                let t = patterns.entry(wrong.to_string()).or_default();
                t.retain(|&x| kind(x) != KIND_TYPO);
                t.push(target(KIND_TYPO, i as u32));
            });
        }
        let user_names = user_leaders.is_some();
        let leaders = user_leaders.unwrap_or_else(policy::builtin_leaders);
        if user_names {
            let names: std::collections::HashSet<&str> = leaders.iter().map(|l| l.name.as_str()).collect();
            for (i, l) in leaders.iter().enumerate() {
                let confusables = |c: char| crate::dict::confusables(c).map(|(d, _)| d).collect();
                let is_word = |w: &str| names.contains(w) || lexicon.tag(w).is_some_and(|t| t != "nr");
                for v in tsv::name_variants(&l.name, confusables, is_word) {
                    patterns.entry(v).or_default().push(target(KIND_NAME, i as u32));
                }
            }
        }
        // Patterns are unique and non-empty; the automaton always builds.
        let user = (!patterns.is_empty())
            .then(|| {
                CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build_with_values(patterns.keys().enumerate().map(|(i, p)| (p.as_str(), i as u32)))
                    .ok()
            })
            .flatten();
        Engine {
            builtin,
            without_idioms: std::sync::OnceLock::new(),
            user,
            typos,
            lexicon,
            idioms: Idioms::builtin(),
            lm: LanguageModel::builtin(),
            policy: Policy::builtin(),
            leaders,
            user_names,
            user_targets: patterns.into_values().map(Vec::into_boxed_slice).collect(),
        }
    }

    /// Calls `f` with every occurrence of every pattern, overlapping ones
    /// included, in the order the automata find them. A built-in wrong form
    /// that a user dictionary also lists is reported once, as the user's.
    /// `idioms`: report the idiom halves too (`Target::Idiom`); without
    /// them, a smaller automaton scans faster.
    pub(crate) fn for_each_hit(&self, text: &str, idioms: bool, mut f: impl FnMut(Hit)) {
        let overridden =
            |s: usize, e: usize| self.typos.len() > 1 && self.typos[1..].iter().any(|d| d.get(&text[s..e]).is_some());
        let (automaton, table) = if idioms {
            (&self.builtin, WITH_IDIOMS_TARGETS)
        } else {
            let plain = self.without_idioms.get_or_init(|| {
                CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(BUILTIN_DAAC)
                    .expect("build.rs serializes a valid automaton")
                    .0
            });
            (plain, BUILTIN_TARGETS)
        };
        for m in automaton.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            for t in targets(table, m.value()) {
                let payload = t & PAYLOAD;
                let target = match kind(t) {
                    KIND_TYPO if payload & LONE != 0 => Target::Lone(payload & !LONE),
                    KIND_TYPO if !overridden(start, end) => Target::Typo(0),
                    KIND_FORMULATION_ANCHOR => Target::FormulationAnchor {
                        formulation: payload >> 1,
                        suffix: payload & 1 == 1,
                    },
                    KIND_FORMULATION_VARIANT => Target::FormulationVariant(payload),
                    KIND_TERM => Target::Term(payload),
                    KIND_AGENCY => Target::Agency(payload),
                    KIND_NAME if !self.user_names => {
                        let i = payload & ((1 << NAME_MODE_SHIFT) - 1);
                        match payload >> NAME_MODE_SHIFT {
                            NAME_TAIL => Target::NameTail(i),
                            NAME_HEAD => Target::NameHead(i),
                            NAME_WHOLE => Target::Name(i),
                            _ => continue,
                        }
                    }
                    KIND_SECRECY => Target::Secrecy(payload == 0),
                    KIND_IDIOM => Target::Idiom { tail: payload == 1 },
                    _ => continue,
                };
                f(Hit { start, end, target });
            }
        }
        let Some(user) = &self.user else { return };
        for m in user.find_overlapping_iter(text) {
            let (start, end) = (m.start(), m.end());
            for &t in self.user_targets[m.value() as usize].iter() {
                let target = match kind(t) {
                    // The last dictionary that lists the form wins.
                    KIND_TYPO => {
                        let dict = (1..self.typos.len())
                            .rev()
                            .find(|&i| self.typos[i].get(&text[start..end]).is_some());
                        Target::Typo(dict.unwrap_or((t & PAYLOAD) as usize) as u16)
                    }
                    KIND_NAME => Target::Name(t & PAYLOAD),
                    _ => continue,
                };
                f(Hit { start, end, target });
            }
        }
    }

    /// Whether a string is a wrong form in any typo dictionary.
    pub(crate) fn is_typo(&self, s: &str) -> bool {
        self.typos.iter().any(|d| d.get(s).is_some())
    }
}
