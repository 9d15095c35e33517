//! The scanning engine: one multi-pattern automaton over every built-in
//! pattern (typo wrong forms), precomputed by the build script (`build/`),
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

use crate::layout::{self, kind_number, target, Kind, KIND_ROOM};

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    bytes
        .get(4 * i..4 * i + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The targets of built-in pattern `p` in `table` (see
/// `build/patterns.rs`, `write_automaton`).
#[inline]
fn targets(table: &'static [u8], p: u32) -> impl Iterator<Item = u32> {
    let offsets = u32_at(table, 0) as usize;
    let (from, to) = (u32_at(table, 1 + p as usize), u32_at(table, 2 + p as usize));
    (from..to).map(move |k| u32_at(table, 1 + offsets + k as usize))
}

/// A hit of the automaton: byte span and target (a [`layout`] record).
/// Offsets are 32-bit: a text beyond 4 GiB has no hits past that point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) target: u32,
}

impl Hit {
    pub(crate) fn start(self) -> usize {
        self.start as usize
    }

    pub(crate) fn end(self) -> usize {
        self.end as usize
    }

    /// The kind of the target (the scan only keeps known kinds).
    pub(crate) fn kind(self) -> Option<Kind> {
        layout::kind(self.target)
    }

    pub(crate) fn payload(self) -> u32 {
        layout::payload(self.target)
    }
}

/// Which rule takes each kind of target, for the rules that are on: the
/// rule's number in `RULES`, or [`Route::NONE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Route([u8; KIND_ROOM]);

impl Route {
    const NONE: u8 = u8::MAX;

    /// No kind taken.
    pub(crate) fn empty() -> Route {
        Route([Route::NONE; KIND_ROOM])
    }

    /// `rule` takes `kind`.
    pub(crate) fn set(&mut self, kind: Kind, rule: usize) {
        self.0[kind as usize] = u8::try_from(rule).unwrap_or(Route::NONE);
    }

    /// Whether some rule takes `kind`.
    pub(crate) fn wants(&self, kind: Kind) -> bool {
        self.0[kind as usize] != Route::NONE
    }

    /// Whether any rule takes any kind.
    pub(crate) fn any(&self) -> bool {
        self.0.iter().any(|&r| r != Route::NONE)
    }

    /// The same without `kinds`.
    fn without(mut self, kinds: &[Kind]) -> Route {
        for &k in kinds {
            self.0[k as usize] = Route::NONE;
        }
        self
    }

    #[inline]
    fn rule_of(&self, target: u32) -> Option<usize> {
        match self.0.get(kind_number(target)) {
            Some(&r) if r != Route::NONE => Some(usize::from(r)),
            _ => None,
        }
    }
}

/// What the scan found, per rule (indexed like `RULES`), in the order the
/// automata found it.
#[derive(Debug, Default)]
pub(crate) struct Hits {
    by_rule: Vec<Vec<Hit>>,
}

impl Hits {
    /// The hits taken by rule number `rule`.
    pub(crate) fn of(&self, rule: usize) -> &[Hit] {
        self.by_rule.get(rule).map_or(&[], Vec::as_slice)
    }

    #[inline]
    fn push(&mut self, rule: usize, hit: Hit) {
        if self.by_rule.len() <= rule {
            self.by_rule.resize_with(rule + 1, Vec::new);
        }
        self.by_rule[rule].push(hit);
    }
}

/// The kinds of the built-in name patterns, ignored when a user's list
/// replaces the built-in one.
const NAME_KINDS: [Kind; 3] = [Kind::Name, Kind::NameTail, Kind::NameHead];

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
    /// The built-in data of `law.title` and `law.article` (opened in
    /// place).
    pub(crate) laws: crate::rules::law::Builtin,
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
            .expect("the build script serializes a valid automaton");
        let lexicon = Lexicon::builtin();
        let mut typos = vec![TypoDict::builtin()];
        typos.extend(user_typos);
        let mut patterns: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, dict) in typos.iter().enumerate().skip(1) {
            dict.for_each(|wrong, _, _| {
                let t = patterns.entry(wrong.to_string()).or_default();
                t.retain(|&x| layout::kind(x) != Some(Kind::Typo));
                t.push(target(Kind::Typo, i as u32));
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
                    patterns.entry(v).or_default().push(target(Kind::Name, i as u32));
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
            laws: crate::rules::law::Builtin::new(),
            user_names,
            user_targets: patterns.into_values().map(Vec::into_boxed_slice).collect(),
        }
    }

    /// Finds every occurrence of every pattern whose kind `route` gives a
    /// rule, overlapping ones included, and files it under that rule, in
    /// the order the automata find them (the built-in automaton first). The
    /// automaton with the idioms' halves is used only when a rule takes
    /// them; without them, a smaller automaton scans faster.
    pub(crate) fn scan(&self, text: &str, route: &Route) -> Hits {
        let mut hits = Hits::default();
        if !route.any() {
            return hits;
        }
        let idioms = route.wants(Kind::IdiomHead) || route.wants(Kind::IdiomTail);
        let (automaton, table) = if idioms {
            (&self.builtin, WITH_IDIOMS_TARGETS)
        } else {
            let plain = self.without_idioms.get_or_init(|| {
                CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(BUILTIN_DAAC)
                    .expect("the build script serializes a valid automaton")
                    .0
            });
            (plain, BUILTIN_TARGETS)
        };
        let builtin = if self.user_names {
            route.without(&NAME_KINDS)
        } else {
            *route
        };
        for m in automaton.find_overlapping_iter(text) {
            let (Ok(start), Ok(end)) = (u32::try_from(m.start()), u32::try_from(m.end())) else {
                break;
            };
            for t in targets(table, m.value()) {
                if let Some(rule) = builtin.rule_of(t) {
                    hits.push(rule, Hit { start, end, target: t });
                }
            }
        }
        let Some(user) = &self.user else { return hits };
        for m in user.find_overlapping_iter(text) {
            let (Ok(start), Ok(end)) = (u32::try_from(m.start()), u32::try_from(m.end())) else {
                break;
            };
            for &t in self.user_targets[m.value() as usize].iter() {
                let Some(rule) = route.rule_of(t) else { continue };
                let t = match layout::kind(t) {
                    // The last dictionary that lists the form wins.
                    Some(Kind::Typo) => {
                        let dict = (1..self.typos.len())
                            .rev()
                            .find(|&i| self.typos[i].get(&text[m.start()..m.end()]).is_some());
                        target(Kind::Typo, dict.unwrap_or(layout::payload(t) as usize) as u32)
                    }
                    _ => t,
                };
                hits.push(rule, Hit { start, end, target: t });
            }
        }
        hits
    }

    /// Whether a user typo dictionary lists `wrong` (the built-in entry is
    /// then not used: the user automaton reports it).
    pub(crate) fn overridden(&self, wrong: &str) -> bool {
        self.typos.len() > 1 && self.typos[1..].iter().any(|d| d.get(wrong).is_some())
    }

    /// Whether a string is a wrong form in any typo dictionary.
    pub(crate) fn is_typo(&self, s: &str) -> bool {
        self.typos.iter().any(|d| d.get(s).is_some())
    }
}
