//! Text hygiene (issue 5): look-alike and invisible code points, mojibake,
//! mixed scripts, punctuation (GB/T 15834-2011) and numbers (GB/T
//! 15835-2011), accidental repetition, personal data.
//!
//! Each module makes one pass over the text and skips ordinary Chinese
//! characters cheaply; none allocates per character.

use crate::dict;

pub(crate) mod chars;
pub(crate) mod encoding;
pub(crate) mod number;
pub(crate) mod privacy;
pub(crate) mod punct;
pub(crate) mod repeat;
pub(crate) mod script;
mod tables;

/// One pass over the text for the rules whose declaration needs it (the
/// hygiene rules) and for `typo.confusable`'s orphans: where each of them
/// needs to look, so that none of them walks the whole text again.
pub(crate) struct Pass {
    /// Byte offsets of the characters that some rule may care about: every
    /// character except ASCII letters (other than `O` and `o`), spaces and
    /// the ideographs U+4000..U+9FFF that are not in [`SPOT_IDEOGRAPHS`].
    /// In Chinese prose, about one character in six. As 32-bit offsets: a
    /// text beyond 4 GiB has no spots past that point.
    pub(crate) spots: Vec<u32>,
    /// The lines `script.mixed` reports (traditional characters in a line
    /// of simplified text), counted on the way.
    pub(crate) mixed_lines: Vec<(usize, usize)>,
    /// Byte offsets of the characters that equal one of the four before
    /// them in a run of ideographs, where `repeat.*` looks.
    pub(crate) repeats: Vec<usize>,
    /// Byte offsets of the orphan characters of `typo.confusable`: Han
    /// characters that are not frequent words of their own
    /// (`dict::standalone`) and form an in-word bigram (`dict::in_word`)
    /// with neither neighbour.
    pub(crate) orphans: Vec<usize>,
    /// The lines of at most [`SHORT_LINE`] bytes (and those that end with
    /// `\r`), without their `\n`: where `secrecy.marking` looks for a line
    /// that is only a marking.
    pub(crate) short_lines: Vec<(usize, usize)>,
}

/// What the pass collects (see [`Pass::new`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Wanted {
    /// Where the hygiene rules look (spots, repeats).
    pub(crate) spots: bool,
    /// The orphans of `typo.confusable`.
    pub(crate) orphans: bool,
    /// The lines of `script.mixed`.
    pub(crate) mixed_lines: bool,
    /// The short lines of `secrecy.marking`.
    pub(crate) short_lines: bool,
}

/// The longest line, in bytes, that [`Pass::short_lines`] keeps.
pub(crate) const SHORT_LINE: usize = 64;

/// What the pass needs to find orphans: the previous Han character of the
/// run, and the previous one if it is still an orphan on its left.
#[derive(Default)]
struct Orphans {
    on: bool,
    prev: Option<char>,
    pending: Option<usize>,
    found: Vec<usize>,
}

impl Orphans {
    /// A Han character `c` at `i`.
    #[inline]
    fn han(&mut self, i: usize, c: char, standalone: bool) {
        if !self.on {
            return;
        }
        // The bigram with the previous character, where either of them
        // needs it.
        let pair = match self.prev {
            Some(p) if self.pending.is_some() || !standalone => dict::in_word(p, c),
            _ => false,
        };
        if let Some(p) = self.pending.take() {
            if !pair {
                self.found.push(p);
            }
        }
        if !standalone && !pair {
            self.pending = Some(i);
        }
        self.prev = Some(c);
    }

    /// Any other character, or the end of the text.
    #[inline]
    fn other(&mut self) {
        if let Some(p) = self.pending.take() {
            self.found.push(p);
        }
        self.prev = None;
    }
}

/// The code points of [`table`]: U+3400..U+9FFF.
const TABLE_FROM: u32 = 0x3400;
const TABLE_TO: u32 = 0xa000;
/// Bits of a [`table`] entry besides the `script` class (bits 0 and 1).
const SPOT: u8 = 4;
const RUN: u8 = 8;
/// Han (`tsv::is_han`) and a frequent word of its own (`dict::standalone`).
const HAN: u8 = 16;
const STANDALONE: u8 = 32;

/// One byte per code point of U+3400..U+9FFF (27 KB, in cache) with what
/// the shared pass needs of an ideograph: its `script` class, whether some
/// rule looks at it (mojibake markers, 截, 零: [`SPOT`]), whether it
/// continues a run for `repeat.*` ([`RUN`]).
fn table() -> &'static [u8] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<u8> = (TABLE_FROM..TABLE_TO).map(script::class_of).collect();
        for (cp, k) in (TABLE_FROM..TABLE_TO).zip(0..) {
            if let Some(c) = char::from_u32(cp) {
                for (bit, on) in [
                    (RUN, repeat::in_run(c)),
                    (HAN, crate::tsv::is_han(c)),
                    (STANDALONE, dict::standalone(c)),
                ] {
                    if on {
                        t[k] |= bit;
                    }
                }
            }
        }
        for c in encoding::TRIGGER_CHARS.iter().chain(&number::TRIGGER_CHARS) {
            t[(*c as u32 - TABLE_FROM) as usize] |= SPOT;
        }
        t
    })
}

/// Records a spot (none past 4 GiB).
#[inline]
fn push(spots: &mut Vec<u32>, i: usize) {
    if let Ok(i) = u32::try_from(i) {
        spots.push(i);
    }
}

impl Pass {
    /// The pass over `text`, collecting what is `wanted`; nothing when
    /// nothing is.
    pub(crate) fn new(text: &str, wanted: Wanted) -> Pass {
        let orphans_on = wanted.orphans;
        if !(wanted.spots || wanted.orphans || wanted.mixed_lines || wanted.short_lines) {
            return Pass {
                spots: Vec::new(),
                mixed_lines: Vec::new(),
                repeats: Vec::new(),
                orphans: Vec::new(),
                short_lines: Vec::new(),
            };
        }
        let script_on = wanted.mixed_lines;
        let mut short = ShortLines {
            on: wanted.short_lines,
            start: 0,
            lines: Vec::new(),
        };
        let bytes = text.as_bytes();
        let mut spots = Vec::with_capacity(text.len() / 16);
        let mut lines = script::Lines::new(script_on);
        let mut repeats = Vec::new();
        // The four characters before in the current run of ideographs
        // (`repeat::in_run`), '\0' where there are none.
        let mut recent = [0u32; 4];
        let mut orphans = Orphans {
            on: orphans_on,
            ..Orphans::default()
        };
        let table = table();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                recent = [0; 4];
                orphans.other();
                if b == b'\n' {
                    lines.end_line(i);
                    short.end_line(bytes, i);
                }
                let letter = b.is_ascii_alphabetic() && b != b'O' && b != b'o';
                if !(letter || b == b' ') {
                    push(&mut spots, i);
                }
                i += 1;
                continue;
            }
            if (0xe3..=0xe9).contains(&b) && i + 2 < bytes.len() {
                let cp = (u32::from(b) & 0x0f) << 12
                    | (u32::from(bytes[i + 1]) & 0x3f) << 6
                    | (u32::from(bytes[i + 2]) & 0x3f);
                let bits = cp
                    .checked_sub(TABLE_FROM)
                    .and_then(|k| table.get(k as usize))
                    .map_or(0, |&x| x);
                lines.add(bits & 3);
                if bits & HAN != 0 {
                    orphans.han(i, char::from_u32(cp).unwrap_or('\0'), bits & STANDALONE != 0);
                } else {
                    orphans.other();
                }
                if bits & RUN != 0 {
                    if recent[0] == cp || recent[1] == cp || recent[2] == cp || recent[3] == cp {
                        repeats.push(i);
                    }
                    recent = [cp, recent[0], recent[1], recent[2]];
                } else {
                    recent = [0; 4];
                }
                // U+4000..U+9FFF: only the spot ideographs.
                if cp < 0x4000 || bits & SPOT != 0 {
                    push(&mut spots, i);
                }
                i += 3;
                continue;
            }
            push(&mut spots, i);
            // Other characters: ideographs of the supplementary planes and
            // the compatibility block continue a run.
            let c = text[i..].chars().next();
            match c {
                Some(c) if crate::tsv::is_han(c) => orphans.han(i, c, dict::standalone(c)),
                _ => orphans.other(),
            }
            match c {
                Some(c) if repeat::in_run(c) => {
                    let cp = c as u32;
                    if recent.contains(&cp) {
                        repeats.push(i);
                    }
                    recent = [cp, recent[0], recent[1], recent[2]];
                }
                _ => recent = [0; 4],
            }
            i += match b {
                0xf0.. => 4,
                0xe0.. => 3,
                0xc0.. => 2,
                _ => 1,
            };
        }
        Pass {
            spots,
            mixed_lines: lines.finish(text.len()),
            repeats,
            orphans: {
                orphans.other();
                orphans.found
            },
            short_lines: {
                short.end_line(bytes, text.len());
                short.lines
            },
        }
    }
}

/// The short lines of [`Pass::short_lines`], collected on the way.
struct ShortLines {
    on: bool,
    start: usize,
    lines: Vec<(usize, usize)>,
}

impl ShortLines {
    /// A line ends at `i` (a `\n`, or the end of the text).
    #[inline]
    fn end_line(&mut self, bytes: &[u8], i: usize) {
        if self.on && (i - self.start <= SHORT_LINE || (i > self.start && bytes[i - 1] == b'\r')) {
            self.lines.push((self.start, i));
        }
        self.start = i + 1;
    }
}

pub(crate) use crate::tsv::is_han;

/// A Han character ([`is_han`]) or 〇: a character of Chinese text where
/// the hygiene rules look at the context of a mark (二〇二三年 is Chinese).
pub(crate) fn is_han_or_zero(c: char) -> bool {
    is_han(c) || c == '〇'
}

/// The character just before byte `i`.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The character at byte `i`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

#[cfg(test)]
mod tests {
    use crate::rules::{Category, RULES};

    #[test]
    fn every_hygiene_and_privacy_rule_turns_the_pass_on() {
        for r in RULES {
            let hygiene = r.category == Category::Hygiene || r.family() == "privacy";
            assert_eq!(hygiene, r.needs.pass && r.needs.kinds.is_empty(), "{}", r.id);
        }
    }
}
