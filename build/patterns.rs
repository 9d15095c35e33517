//! The scan: every pattern of the built-in automata (listed typos, the
//! patterns of the formulation, political-term, agency, secrecy, leader
//! and law rules, the places where `typo.confusable` tries a character that stands
//! alone, and the idioms' halves) with its targets (`src/layout.rs`) ->
//! `builtin.daac` and `builtin-idioms.daac` (the same with the idioms'
//! halves), each with its `.targets`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::layout::{self, Kind};
use crate::words::{Words, STANDALONE_MIN_FREQ};
use crate::{bigram, check_lines, fail, read, tsv};

/// Every pattern of the built-in automaton with its targets.
#[derive(Default)]
pub(crate) struct Patterns {
    map: BTreeMap<String, Vec<u32>>,
}

impl Patterns {
    /// The wrong forms of the built-in typo dictionary.
    pub(crate) fn add_typos(&mut self, typos: &[String]) {
        for t in typos {
            self.add(t, Kind::Typo, 0);
        }
    }

    /// The first and last two characters of every idiom.
    pub(crate) fn add_idiom_halves(&mut self, idioms: &[&str]) {
        for w in idioms {
            let split = w.char_indices().nth(2).map_or(0, |(b, _)| b);
            self.add(&w[..split], Kind::IdiomHead, 0);
            self.add(&w[split..], Kind::IdiomTail, 0);
        }
    }

    /// Where `law.title` reads a citation: 《, and the words after which it
    /// reads a bare title (`lawtable::TRIGGERS`).
    pub(crate) fn add_law_patterns(&mut self) {
        self.add("《", Kind::LawBracket, 0);
        for (i, w) in crate::lawtable::TRIGGERS.iter().enumerate() {
            self.add(w, Kind::LawTrigger, i as u32);
        }
    }

    fn add(&mut self, pattern: &str, kind: Kind, payload: u32) {
        assert!(payload <= layout::PAYLOAD, "payload fits {} bits", layout::PAYLOAD_BITS);
        let targets = self.map.entry(pattern.to_string()).or_default();
        let t = layout::target(kind, payload);
        if !targets.contains(&t) {
            targets.push(t);
        }
    }
}

/// Patterns of the formulation, political-term, agency and leader rules.
pub(crate) fn add_policy_patterns(
    manifest: &Path,
    words: &Words<'_>,
    conf: &BTreeMap<char, Vec<(char, u8)>>,
    patterns: &mut Patterns,
) {
    let path = manifest.join("dictionaries/formulations.tsv");
    let text = read(&path);
    let formulations = check_lines(&path, tsv::parse_formulations(&text));
    if let Some((key, a, b)) = tsv::find_duplicate(formulations.iter().map(|f| (f.canonical, f.line))) {
        fail(format!("{}:{b}: {key:?} is already listed on line {a}", path.display()));
    }
    for (i, f) in formulations.iter().enumerate() {
        // Anchors: a formulation with one edit keeps its first or its last
        // half intact.
        let chars: Vec<char> = f.canonical.chars().collect();
        let half = chars.len().div_ceil(2);
        let prefix: String = chars[..half].iter().collect();
        let suffix: String = chars[chars.len() - half..].iter().collect();
        patterns.add(&prefix, Kind::FormulationHead, i as u32);
        patterns.add(&suffix, Kind::FormulationTail, i as u32);
        for v in &f.variants {
            patterns.add(v, Kind::FormulationVariant, i as u32);
        }
    }
    let path = manifest.join("dictionaries/political-terms.tsv");
    let text = read(&path);
    let terms = check_lines(&path, tsv::parse_terms(&text));
    if let Some((key, a, b)) = tsv::find_duplicate(terms.iter().map(|t| (t.term, t.line))) {
        fail(format!("{}:{b}: {key:?} is already listed on line {a}", path.display()));
    }
    for (i, t) in terms.iter().enumerate() {
        patterns.add(t.term, Kind::Term, i as u32);
    }
    let path = manifest.join("dictionaries/agencies.tsv");
    let text = read(&path);
    let agencies = check_lines(&path, tsv::parse_agencies(&text));
    if let Some((key, a, b)) = tsv::find_duplicate(agencies.iter().map(|t| (t.old, t.line))) {
        fail(format!("{}:{b}: {key:?} is already listed on line {a}", path.display()));
    }
    for (i, a) in agencies.iter().enumerate() {
        patterns.add(a.old, Kind::Agency, i as u32);
    }
    // Where secrecy.marking looks further, found in the same pass.
    patterns.add("★", Kind::SecrecyStar, 0);
    patterns.add("密级", Kind::SecrecyLevel, 0);
    let path = manifest.join("dictionaries/leaders.tsv");
    let text = read(&path);
    let leaders = check_lines(&path, tsv::parse_leaders(&text));
    if let Some((key, a, b)) = tsv::find_duplicate(leaders.iter().map(|t| (t.name, t.line))) {
        fail(format!("{}:{b}: {key:?} is already listed on line {a}", path.display()));
    }
    let names: std::collections::HashSet<&str> = leaders.iter().map(|l| l.name).collect();
    for (i, l) in leaders.iter().enumerate() {
        let confusables = |c: char| {
            conf.get(&c)
                .map(|v| v.iter().map(|&(d, _)| d).collect())
                .unwrap_or_default()
        };
        let is_word = |w: &str| words.get(w).is_some_and(|&(_, tag)| tag != "nr" || names.contains(w));
        let chars: Vec<char> = l.name.chars().collect();
        let n = chars.len();
        for v in tsv::name_variants(l.name, confusables, is_word) {
            // Names of three or more characters: a changed first or last
            // character is found from the rest of the name (below), which
            // keeps the automaton small.
            let k = v.chars().zip(&chars).position(|(a, &b)| a != b).unwrap_or(0);
            if n < 3 || (k != 0 && k != n - 1) {
                patterns.add(&v, Kind::Name, i as u32);
            }
        }
        if n >= 3 {
            let second = l.name.char_indices().nth(1).map_or(0, |(b, _)| b);
            let last = l.name.char_indices().last().map_or(0, |(b, _)| b);
            patterns.add(&l.name[second..], Kind::NameTail, i as u32);
            patterns.add(&l.name[..last], Kind::NameHead, i as u32);
        }
    }
}

/// One automaton over every built-in pattern, serialized for the library to
/// load without rebuilding it (`{name}.daac`; the value of a pattern is its
/// number), and the targets of each pattern (`{name}.targets`: for pattern
/// number n, the u32 little-endian words from offset[n] to offset[n+1] of
/// the list that follows the offsets).
pub(crate) fn write_automaton(patterns: &Patterns, name: &str, out: &Path) {
    let automaton = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(daachorse::MatchKind::Standard)
        .build_with_values::<_, _, u32>(patterns.map.keys().enumerate().map(|(i, p)| (p.as_str(), i as u32)))
        .unwrap_or_else(|e| fail(format!("building the automaton: {e}")));
    fs::write(out.join(format!("{name}.daac")), automaton.serialize()).expect("write the automaton");
    let mut offsets = vec![0u32];
    let mut list = Vec::new();
    for targets in patterns.map.values() {
        list.extend_from_slice(targets);
        offsets.push(list.len() as u32);
    }
    let mut bytes = Vec::with_capacity(4 * (2 + offsets.len() + list.len()));
    bytes.extend_from_slice(&(offsets.len() as u32).to_le_bytes());
    for v in offsets.iter().chain(&list) {
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    fs::write(out.join(format!("{name}.targets")), bytes).expect("write the targets");
}

/// Adds to the scan the patterns where a character c that stands alone
/// (`standalone.bits`) may be a confusable of a character d of a frequent
/// word W of two to four characters (frequency at least [`LONE_MIN_FREQ`]):
/// W with c for d if W has two characters, or three characters of W around
/// c (l c r, or c r r2 or l2 l c at W's ends) if it is longer, where c forms an
/// in-word bigram (`inword.bits`) with neither neighbour in W and the
/// replacement could gain what `typo.confusable` asks ([`LONE_MIN_GAIN`];
/// see `value` below). Such a character is no orphan of the shared pass,
/// which skips characters that stand alone; `typo.confusable` tries it
/// where the scan finds one of these patterns. They are rare in correct
/// text (本育 for 体育, 技木 for 技术).
pub(crate) fn add_lone_patterns(
    words: &Words<'_>,
    total: u64,
    government: &BTreeSet<&str>,
    conf: &BTreeMap<char, Vec<(char, u8)>>,
    inword: &[u8],
    patterns: &mut Patterns,
) {
    let log_total = (total as f64).ln();
    let freq = |w: &str| -> u64 { words.get(w).map_or(0, |&(f, _)| f) };
    // The best reading of a few characters as words (as
    // `score::segment_logprob`, which counts a character that is not a word
    // as one of frequency 1).
    let segment = |piece: &[char]| -> f64 {
        let mut best = vec![f64::NEG_INFINITY; piece.len() + 1];
        best[0] = 0.0;
        for i in 0..piece.len() {
            for j in i + 1..=piece.len() {
                let w: String = piece[i..j].iter().collect();
                let f = freq(&w);
                if f > 0 || j == i + 1 {
                    best[j] = best[j].max(best[i] + (f.max(1) as f64).ln() - log_total);
                }
            }
        }
        best[piece.len()]
    };
    for (w, &(f, _)) in words {
        let chars: Vec<char> = w.chars().collect();
        let n = chars.len();
        let min = if government.contains(w) {
            LONE_MIN_FREQ_GOVERNMENT
        } else {
            LONE_MIN_FREQ
        };
        if f < min || !(2..=4).contains(&n) {
            continue;
        }
        let lw = (f as f64).ln() - log_total;
        for (j, d) in chars.iter().enumerate() {
            // The text as written can be read as the best readings of W's
            // characters before and after j and c alone: the most the
            // replacement can gain is ln p(W) less those.
            let value = lw - segment(&chars[..j]) - segment(&chars[j + 1..]);
            // Confusability is symmetric: the characters that d may have
            // been written as are d's confusables.
            for &(c, _) in conf.get(d).map_or(&[][..], |v| v.as_slice()) {
                let mut b = [0u8; 4];
                let fc = freq(c.encode_utf8(&mut b));
                if fc < STANDALONE_MIN_FREQ || value - ((fc as f64).ln() - log_total) < LONE_MIN_GAIN {
                    continue;
                }
                let at = |k: usize| if k == j { c } else { chars[k] };
                // One window of W around c is enough: where W is written with
                // c, every window of it is. The one with c in the middle if
                // there is one.
                let len = n.min(3);
                let k = j.saturating_sub(1).min(n - len);
                // c must form an in-word bigram with neither neighbour, or
                // typo.confusable does not try it.
                if (j > 0 && bigram::contains(inword, chars[j - 1], c))
                    || (j + 1 < n && bigram::contains(inword, c, chars[j + 1]))
                {
                    continue;
                }
                let pattern: String = (k..k + len).map(at).collect();
                patterns.add(&pattern, Kind::Lone, (j - k) as u32);
            }
        }
    }
}

/// The least frequency and gain of the words of [`add_lone_patterns`]; the
/// gain is `typo.confusable`'s threshold with the default model
/// (`MIN_GAIN`). Rarer words add many patterns for few findings: with
/// 3,000 (and the government vocabulary of `dictionaries/words.tsv` marked
/// very common, 1,000 on its scale), the automata grow by 4 % and 16 %;
/// with 1,000 for every word, they would grow by a third (and the scan's
/// cache misses with them) for 5 % more findings on ecspell-odw.
const LONE_MIN_FREQ: u64 = 3000;
const LONE_MIN_FREQ_GOVERNMENT: u64 = 1000;
const LONE_MIN_GAIN: f64 = 11.0;
