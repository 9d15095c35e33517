//! `sensitive.word`: the words of an office's own lists (`word<TAB>category<TAB>severity<TAB>replacement`),
//! found even when a writer dodges a plain list.
//!
//! Text and words are normalized alike, one character at a time: full-width
//! forms to ASCII, letters to lower case, Kangxi radicals and compatibility
//! ideographs to the ideograph they stand for, traditional characters to
//! simplified ones. Noise between the characters of a word — spaces,
//! punctuation, zero-width characters, symbols and emoji — is skipped, at
//! most [`DEFAULT_MAX_GAP`] characters (configurable) between two
//! characters. The finding's span is the original text, noise included.
//! The linter's allow-list keeps a longer phrase (a place or person name)
//! that contains a listed word from being flagged.

use std::sync::OnceLock;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::diagnostic::Severity;
use crate::error::{Error, ErrorKind};
use crate::rules::hygiene::{chars, script};
use crate::rules::{Category, Context, Finding, Needs, Rule, RuleInfo, Sink};
use crate::tsv;

pub(crate) const WORD: RuleInfo = RuleInfo {
    id: "sensitive.word",
    category: Category::Policy,
    default_severity: Severity::Error,
    summary: "用户词表中的敏感词（可识别全半角、大小写、繁简、插入符号等变形）",
    example: "网上賭 博平台（词表列有“赌博”时）",
    explanation: "查找用户词表（word_list、word_list_file，每行：词<TAB>类别<TAB>严重程度<TAB>替换词）中的词，识别全半角、大小写、繁简、部首字和字间插入的空格、符号、表情等变形，报告原文中的整段。没有用户词表时本规则不报任何内容；含有词表词的专名可加入允许列表（allow）。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::NONE,
};

/// Reports the words of the user's lists, if any.
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    if let Some(words) = cx.words {
        words.check(sink);
    }
}

/// Noise characters allowed between two characters of a word by default.
pub(crate) const DEFAULT_MAX_GAP: usize = 3;

const NOISE: u32 = u32::MAX;

fn is_noise(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c as u32,
            0x00A0..=0x00BF | 0x00D7 | 0x00F7 | 0x2000..=0x206F | 0x2100..=0x2BFF | 0x3000..=0x3003
            | 0x3008..=0x3020 | 0x3030 | 0xFE00..=0xFE0F | 0xFE10..=0xFE6F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0xFEFF | 0x1F000..=0x1FAFF | 0xE0000..=0xE007F)
}

/// The normalized form of a character, or [`NOISE`].
fn normalize(c: char) -> u32 {
    if is_noise(c) {
        return NOISE;
    }
    let c = match c as u32 {
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    let c = c.to_ascii_lowercase();
    let c = chars::radical(c).or_else(|| chars::compat(c)).unwrap_or(c);
    script::traditional(c).unwrap_or(c) as u32
}

/// [`normalize`] for the Basic Multilingual Plane, precomputed once per
/// process (immutable).
fn table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..0x10000u32)
            .map(|cp| char::from_u32(cp).map_or(NOISE, normalize))
            .collect()
    })
}

#[inline]
fn norm(table: &[u32], c: char) -> u32 {
    match table.get(c as usize) {
        Some(&n) => n,
        None => normalize(c),
    }
}

struct Entry {
    /// The list and line of the entry.
    origin: crate::diagnostic::Origin,
    word: String,
    category: String,
    severity: Option<Severity>,
    replacement: Option<String>,
}

/// Compiled sensitive-word lists.
pub(crate) struct WordLists {
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
    entries: Vec<Entry>,
    max_gap: usize,
}

impl WordLists {
    /// Compiles lists given as `(name, text)`.
    pub(crate) fn compile(lists: &[(String, String)], max_gap: usize) -> Result<Option<WordLists>, Error> {
        let table = table();
        let mut entries: Vec<Entry> = Vec::new();
        let mut patterns: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
        for (name, text) in lists {
            let source: std::sync::Arc<str> = name.as_str().into();
            let words = tsv::parse_word_list(text).map_err(|e| {
                Error::new(ErrorKind::Dictionary {
                    source: name.clone(),
                    line: e.line,
                    reason: e.reason,
                })
            })?;
            for w in words {
                let normalized: String = w
                    .word
                    .chars()
                    .map(|c| norm(table, c))
                    .filter(|&n| n != NOISE)
                    .filter_map(char::from_u32)
                    .collect();
                if normalized.is_empty() {
                    return Err(Error::new(ErrorKind::Dictionary {
                        source: name.clone(),
                        line: w.line,
                        reason: format!("{:?} has no character that is not punctuation or a symbol", w.word),
                    }));
                }
                // A later list's entry for the same word replaces an earlier one.
                let id = entries.len() as u32;
                patterns.insert(normalized, id);
                entries.push(Entry {
                    origin: crate::diagnostic::Origin::new(source.clone(), w.line),
                    word: w.word.to_string(),
                    category: w.category.to_string(),
                    severity: w.severity.and_then(|s| s.parse().ok()),
                    replacement: w.replacement.map(str::to_string),
                });
            }
        }
        if patterns.is_empty() {
            return Ok(None);
        }
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build_with_values(patterns.iter().map(|(p, &v)| (p.as_str(), v)))
            .map_err(|e| {
                Error::new(ErrorKind::Dictionary {
                    source: "word lists".into(),
                    line: 0,
                    reason: e.to_string(),
                })
            })?;
        Ok(Some(WordLists {
            automaton,
            entries,
            max_gap,
        }))
    }

    /// Finds the listed words: `(byte span in text, entry)`, longest first
    /// among overlapping ones.
    pub(crate) fn find(&self, text: &str) -> Vec<(usize, usize, u32)> {
        let table = table();
        let mut normalized = String::with_capacity(text.len());
        // For each normalized character: byte offset in `normalized`, span
        // in `text`, noise characters before it.
        let mut map: Vec<(u32, u32, u32, u16)> = Vec::new();
        let mut gap = 0u16;
        for (i, c) in text.char_indices() {
            let n = norm(table, c);
            if n == NOISE {
                gap = gap.saturating_add(1);
                continue;
            }
            let n = char::from_u32(n).unwrap_or(c);
            map.push((normalized.len() as u32, i as u32, (i + c.len_utf8()) as u32, gap));
            normalized.push(n);
            gap = 0;
        }
        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(&normalized) {
            let a = map.partition_point(|e| (e.0 as usize) < m.start());
            let b = map.partition_point(|e| (e.0 as usize) < m.end());
            if a >= b || map[a + 1..b].iter().any(|e| e.3 as usize > self.max_gap) {
                continue;
            }
            found.push((map[a].1 as usize, map[b - 1].2 as usize, m.value()));
        }
        found.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
        let mut kept: Vec<(usize, usize, u32)> = Vec::new();
        for f in found {
            if !kept.iter().any(|k| f.0 < k.1 && k.0 < f.1) {
                kept.push(f);
            }
        }
        kept
    }

    /// Reports the listed words of the text.
    pub(crate) fn check(&self, sink: &mut Sink<'_>) {
        if !sink.enabled(Rule::SensitiveWord) {
            return;
        }
        for (s, e, i) in self.find(sink.text) {
            let Some(entry) = self.entries.get(i as usize) else {
                continue;
            };
            let found = &sink.text[s..e];
            let mut message = if entry.category.is_empty() {
                format!("敏感词：“{found}”（词表词“{}”）", entry.word)
            } else {
                format!("敏感词（{}）：“{found}”（词表词“{}”）", entry.category, entry.word)
            };
            if let Some(r) = &entry.replacement {
                message.push_str(&format!("，建议改为“{r}”"));
            }
            let suggestions = entry.replacement.iter().cloned().collect();
            let mut f = Finding::new(s..e, message, suggestions).from(Some(entry.origin.clone()));
            f.severity = entry.severity;
            sink.report(Rule::SensitiveWord, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(words: &str) -> WordLists {
        WordLists::compile(&[("t".into(), words.into())], DEFAULT_MAX_GAP)
            .unwrap()
            .unwrap()
    }

    #[test]
    fn evasions_are_found_with_their_noise() {
        let l = lists("赌博\t违法\terror\t\nqq群\t引流\twarning\t\n");
        let find = |t: &str| {
            l.find(t)
                .into_iter()
                .map(|(s, e, _)| t[s..e].to_string())
                .collect::<Vec<String>>()
        };
        assert_eq!(find("网上 赌 博 平台"), ["赌 博"]);
        assert_eq!(find("网上賭博"), ["賭博"]);
        assert_eq!(find("赌\u{200b}博"), ["赌\u{200b}博"]);
        assert_eq!(find("赌😀😀博"), ["赌😀😀博"]);
        assert_eq!(
            find("赌、。，！博"),
            Vec::<String>::new(),
            "more noise than the gap allows"
        );
        assert_eq!(find("加ＱＱ群"), ["ＱＱ群"]);
        assert_eq!(find("加Qq群"), ["Qq群"]);
        assert_eq!(find("赌场"), Vec::<String>::new());
    }
}
