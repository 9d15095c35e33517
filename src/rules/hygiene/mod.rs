//! Text hygiene (issue 5): look-alike and invisible code points, mojibake,
//! mixed scripts, punctuation (GB/T 15834-2011) and numbers (GB/T
//! 15835-2011), accidental repetition, personal data.
//!
//! Each module makes one pass over the text and skips ordinary Chinese
//! characters cheaply; none allocates per character.

use crate::engine::Engine;
use crate::rules::Sink;

pub(crate) mod chars;
pub(crate) mod encoding;
pub(crate) mod number;
pub(crate) mod privacy;
pub(crate) mod punct;
pub(crate) mod repeat;
pub(crate) mod script;
mod tables;

/// Runs every hygiene rule over the text.
pub(crate) fn check(engine: &Engine, sink: &mut Sink<'_>) {
    let pass = Pass::new(sink.text, sink.enabled(crate::rules::Rule::ScriptMixed));
    chars::check(engine, sink, &pass.spots);
    encoding::check(engine, sink, &pass.spots);
    script::check(sink, &pass.mixed_lines);
    punct::check(engine, sink, &pass.spots);
    number::check(engine, sink, &pass.spots);
    repeat::check(engine, sink, &pass.repeats);
    privacy::check(engine, sink, &pass.spots);
}

/// One pass over the text for the rules above: where each of them needs to
/// look, so that none of them walks the whole text again.
pub(crate) struct Pass {
    /// Byte offsets of the characters that some rule may care about: every
    /// character except ASCII letters (other than `O` and `o`), spaces and
    /// the ideographs U+4000..U+9FFF that are not in [`SPOT_IDEOGRAPHS`].
    /// In Chinese prose, about one character in six.
    pub(crate) spots: Vec<usize>,
    /// The lines `script.mixed` reports (traditional characters in a line
    /// of simplified text), counted on the way.
    pub(crate) mixed_lines: Vec<(usize, usize)>,
    /// Byte offsets of the characters that equal one of the four before
    /// them in a run of ideographs, where `repeat.*` looks.
    pub(crate) repeats: Vec<usize>,
}

const CJK: u32 = 0x4e00;
const CJK_WORDS: usize = (0xa000 - 0x4e00) / 64;

/// The ideographs that some rule looks at: mojibake markers
/// (`encoding::TRIGGER_CHARS`) and 截 and 零 (`number.*`).
static SPOT_IDEOGRAPHS: [u64; CJK_WORDS] = {
    let mut bits = [0u64; CJK_WORDS];
    let mut k = 0;
    while k < encoding::TRIGGER_CHARS.len() + number::TRIGGER_CHARS.len() {
        let c = if k < encoding::TRIGGER_CHARS.len() {
            encoding::TRIGGER_CHARS[k]
        } else {
            number::TRIGGER_CHARS[k - encoding::TRIGGER_CHARS.len()]
        };
        let i = (c as u32 - CJK) as usize;
        bits[i / 64] |= 1 << (i % 64);
        k += 1;
    }
    bits
};

impl Pass {
    fn new(text: &str, script_on: bool) -> Pass {
        let bytes = text.as_bytes();
        let mut spots = Vec::with_capacity(text.len() / 16);
        let mut lines = script::Lines::new(script_on);
        let mut repeats = Vec::new();
        // The four characters before in the current run of ideographs
        // (`repeat::in_run`), '\0' where there are none.
        let mut recent = ['\0'; 4];
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                recent = ['\0'; 4];
                if b == b'\n' {
                    lines.end_line(i);
                }
                let letter = b.is_ascii_alphabetic() && b != b'O' && b != b'o';
                if !(letter || b == b' ') {
                    spots.push(i);
                }
                i += 1;
                continue;
            }
            if (0xe3..=0xe9).contains(&b) && i + 2 < bytes.len() {
                let cp = (u32::from(b) & 0x0f) << 12
                    | (u32::from(bytes[i + 1]) & 0x3f) << 6
                    | (u32::from(bytes[i + 2]) & 0x3f);
                lines.add(cp);
                // In a run: U+3400..U+4DBF and U+4E00..U+9FFF.
                if (0x3400..0xa000).contains(&cp) && !(0x4dc0..0x4e00).contains(&cp) {
                    let c = char::from_u32(cp).unwrap_or('\0');
                    if recent.contains(&c) {
                        repeats.push(i);
                    }
                    recent = [c, recent[0], recent[1], recent[2]];
                } else {
                    recent = ['\0'; 4];
                }
                let ordinary = cp >= 0x4000 && {
                    let k = cp.wrapping_sub(CJK) as usize;
                    cp < CJK || SPOT_IDEOGRAPHS[k / 64] >> (k % 64) & 1 == 0
                };
                if !ordinary {
                    spots.push(i);
                }
                i += 3;
                continue;
            }
            spots.push(i);
            // Other characters: ideographs of the supplementary planes and
            // the compatibility block continue a run.
            match text[i..].chars().next() {
                Some(c) if repeat::in_run(c) => {
                    if recent.contains(&c) {
                        repeats.push(i);
                    }
                    recent = [c, recent[0], recent[1], recent[2]];
                }
                _ => recent = ['\0'; 4],
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
        }
    }
}

/// A Han character (CJK unified ideographs, extensions, compatibility
/// ideographs) or 〇.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{323af}'
        | '〇')
}

/// The character just before byte `i`.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The character at byte `i`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}
