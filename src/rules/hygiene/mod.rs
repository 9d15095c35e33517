//! Text hygiene (issue 5): look-alike and invisible code points, mojibake,
//! mixed scripts, punctuation (GB/T 15834-2011) and numbers (GB/T
//! 15835-2011), accidental repetition, personal data.

use crate::engine::Engine;
use crate::rules::Sink;

pub(crate) mod chars;
pub(crate) mod encoding;
pub(crate) mod number;
pub(crate) mod privacy;
pub(crate) mod punct;
pub(crate) mod repeat;
pub(crate) mod script;

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
