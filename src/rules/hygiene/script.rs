//! `script.mixed`: traditional characters in simplified text.
//!
//! Decided per paragraph (line): a paragraph is simplified text when it has
//! at least two simplified-only characters (们, 发, 进 …) and at least as
//! many as traditional-only ones (們, 發, 進 …); then each run of
//! traditional characters with one unambiguous simplified form is reported,
//! fixed to that form. Traditional text has next to no simplified-only
//! characters, so a traditional paragraph is left alone.
//!
//! The conversion data (`tables.rs`) is generated from Unicode's Unihan
//! database: a character counts as traditional only when it is outside GB
//! 2312 (so never a standard simplified character: 乾, 於, 著, 瞭望's 瞭 and
//! the like are never flagged) and has exactly one simplified variant inside
//! GB 2312 (鍾 → 钟 or 锺, 餘 → 余 or 馀 are not converted).
use std::sync::OnceLock;

use super::tables;
use crate::diagnostic::Severity;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo, Sink};

pub(crate) const MIXED: RuleInfo = RuleInfo {
    id: "script.mixed",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "简体文本中夹杂繁体字",
    example: "推进政務服务改革。",
    explanation: "在简体文本的段落中查找繁体字（至少两个简体专用字、且不少于繁体专用字的段落才算简体文本），按连续的繁体字报告并给出简体。繁体段落不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

/// First code point covered by the bit sets.
const BASE: u32 = 0x3400;
/// One past the last.
const LIMIT: u32 = 0xa000;
const WORDS: usize = ((LIMIT - BASE) / 32) as usize;

/// Class bits of a character in `Classes::bits`.
const TRAD_BIT: u64 = 1;
const SIMP_BIT: u64 = 2;
const _: () = assert!(TRAD_BIT == 1 && SIMP_BIT == 2);

struct Classes {
    /// Two bits per character from `BASE`: `TRAD_BIT` for traditional-only
    /// characters (with or without an unambiguous simplified form),
    /// `SIMP_BIT` for simplified-only ones.
    bits: [u64; WORDS],
    /// `tables::TRAD` and `tables::TRAD_SIMP` as characters.
    t2s: Vec<(char, char)>,
}

fn classes() -> &'static Classes {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    CLASSES.get_or_init(|| {
        let mut c = Classes {
            bits: [0; WORDS],
            t2s: tables::TRAD.chars().zip(tables::TRAD_SIMP.chars()).collect(),
        };
        let mut set = |ch: char, bit: u64| {
            let cp = ch as u32;
            if (BASE..LIMIT).contains(&cp) {
                let k = (cp - BASE) as usize;
                c.bits[k / 32] |= bit << (k % 32 * 2);
            }
        };
        for ch in tables::TRAD.chars().chain(tables::TRAD_OTHER.chars()) {
            set(ch, TRAD_BIT);
        }
        for ch in tables::SIMP_ONLY.chars() {
            set(ch, SIMP_BIT);
        }
        c
    })
}

/// The class bits of a code point (0 outside `BASE..LIMIT`), for the shared
/// pass's table.
pub(crate) fn class_of(cp: u32) -> u8 {
    if (BASE..LIMIT).contains(&cp) {
        class(&classes().bits, cp) as u8
    } else {
        0
    }
}

/// The class bits of a character in `BASE..LIMIT`.
fn class(bits: &[u64; WORDS], cp: u32) -> u64 {
    let k = (cp - BASE) as usize;
    bits[k / 32] >> (k % 32 * 2) & 3
}

/// The simplified form of a traditional character with one unambiguous
/// simplified form.
pub(crate) fn traditional(c: char) -> Option<char> {
    let t2s = &classes().t2s;
    t2s.binary_search_by_key(&c, |&(t, _)| t).ok().map(|i| t2s[i].1)
}

/// Checks the whole text.
/// The lines to report, counted character by character by the shared
/// pass of the hygiene rules (`super::Pass`).
pub(crate) struct Lines {
    on: bool,
    start: usize,
    simp: usize,
    trad: usize,
    mixed: Vec<(usize, usize)>,
}

impl Lines {
    pub(crate) fn new(on: bool) -> Lines {
        Lines {
            on,
            start: 0,
            simp: 0,
            trad: 0,
            mixed: Vec::new(),
        }
    }

    /// A character of class `k` ([`class_of`]).
    #[inline]
    pub(crate) fn add(&mut self, k: u8) {
        // Branch-free: the classes of ordinary text are unpredictable.
        let k = usize::from(k);
        self.simp += k >> 1;
        self.trad += k & 1;
    }

    /// A line feed at byte `i`.
    #[inline]
    pub(crate) fn end_line(&mut self, i: usize) {
        if self.on && self.trad > 0 && self.simp >= 2 && self.simp >= self.trad {
            self.mixed.push((self.start, i));
        }
        self.start = i + 1;
        (self.simp, self.trad) = (0, 0);
    }

    pub(crate) fn finish(mut self, len: usize) -> Vec<(usize, usize)> {
        self.end_line(len);
        self.mixed
    }
}

/// Reports the lines that the shared pass found mixed.
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let mixed_lines = &cx.pass.mixed_lines[..];
    if !sink.enabled(Rule::ScriptMixed) {
        return;
    }
    for &(start, end) in mixed_lines {
        report(sink, start, end);
    }
}

/// Reports the runs of convertible traditional characters of a paragraph.
fn report(sink: &mut Sink<'_>, start: usize, end: usize) {
    let text = sink.text;
    let mut run: Option<(usize, usize, String)> = None;
    for (k, c) in text[start..end].char_indices() {
        let i = start + k;
        if let Some(s) = traditional(c) {
            match &mut run {
                Some((_, e, simplified)) if *e == i => {
                    *e = i + c.len_utf8();
                    simplified.push(s);
                }
                _ => {
                    emit(sink, run.take());
                    run = Some((i, i + c.len_utf8(), s.to_string()));
                }
            }
        }
    }
    emit(sink, run);
}

fn emit(sink: &mut Sink<'_>, run: Option<(usize, usize, String)>) {
    if let Some((s, e, simplified)) = run {
        let found = &sink.text[s..e];
        sink.emit_with_fix(
            Rule::ScriptMixed,
            s..e,
            format!("简体文本中夹杂繁体字“{found}”，应为“{simplified}”"),
            vec![simplified.clone()],
            Some(simplified),
        );
    }
}
