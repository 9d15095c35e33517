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
use crate::engine::Engine;
use crate::rules::{Rule, RuleInfo, Sink};

pub(crate) const MIXED: RuleInfo = RuleInfo {
    id: "script.mixed",
    default_severity: Severity::Warning,
    summary: "简体文本中夹杂繁体字",
    example: "推进政務服务改革。",
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
pub(crate) fn check(_engine: &Engine, sink: &mut Sink<'_>) {
    if !sink.enabled(Rule::ScriptMixed) {
        return;
    }
    let classes = classes();
    let text = sink.text;
    let bytes = text.as_bytes();
    let mut start = 0;
    let (mut simp, mut trad) = (0usize, 0usize);
    // Byte by byte: only three-byte sequences from U+3000 to U+9FFF (lead
    // bytes E3–E9) and line feeds matter, and neither can be confused with
    // a continuation byte.
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0xe3..=0xe9).contains(&b) && i + 2 < bytes.len() {
            let cp =
                (u32::from(b) & 0x0f) << 12 | (u32::from(bytes[i + 1]) & 0x3f) << 6 | (u32::from(bytes[i + 2]) & 0x3f);
            if cp >= BASE {
                // Branch-free: the classes of ordinary text are unpredictable.
                let k = class(&classes.bits, cp) as usize;
                simp += k >> 1;
                trad += k & 1;
            }
            i += 3;
            continue;
        }
        if b == b'\n' {
            if trad > 0 && simp >= 2 && simp >= trad {
                report(sink, start, i);
            }
            start = i + 1;
            (simp, trad) = (0, 0);
        }
        i += 1;
    }
    if trad > 0 && simp >= 2 && simp >= trad {
        report(sink, start, text.len());
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
