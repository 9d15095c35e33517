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
    chars::check(engine, sink);
    encoding::check(engine, sink);
    script::check(engine, sink);
    punct::check(engine, sink);
    number::check(engine, sink);
    repeat::check(engine, sink);
    privacy::check(engine, sink);
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
