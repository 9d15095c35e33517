//! How a built-in automaton pattern's targets are encoded, shared by
//! `build.rs`, which writes them, and the engine, which reads them: the
//! top three bits of a target are its kind, the rest its payload.
//!
//! This module depends on nothing: `build.rs` includes it with `#[path]`.

/// Payload: 0 for a listed wrong form (in the user automaton, the user
/// dictionary's number); or [`LONE`] | k for a pattern whose character k
/// stands alone and may be a confusable of a character of a frequent word
/// that the others complete (`typo.confusable`).
pub const KIND_TYPO: u32 = 0;
pub const LONE: u32 = 1 << 28;
/// Payload: formulation number << 1 | 1 for its last half.
pub const KIND_FORMULATION_ANCHOR: u32 = 1;
pub const KIND_FORMULATION_VARIANT: u32 = 2;
pub const KIND_TERM: u32 = 3;
pub const KIND_AGENCY: u32 = 4;
pub const KIND_NAME: u32 = 5;
/// Name payloads: the leader's number, and in these bits how the pattern
/// stands for a misspelling: the misspelled name itself (`NAME_WHOLE`), or
/// the name without its first character (`NAME_TAIL`: the character before
/// the hit may replace it) or without its last (`NAME_HEAD`).
pub const NAME_MODE_SHIFT: u32 = 27;
pub const NAME_WHOLE: u32 = 0;
pub const NAME_TAIL: u32 = 1;
pub const NAME_HEAD: u32 = 2;
/// Payload: 0 for the star of a secrecy marking (★), 1 for 密级.
pub const KIND_SECRECY: u32 = 6;
/// Payload: 0 for the first two characters of an idiom, 1 for the last two
/// (only in the automaton `builtin-idioms`).
pub const KIND_IDIOM: u32 = 7;

/// Bits of a target that hold its payload.
pub const PAYLOAD: u32 = (1 << 29) - 1;

/// A target of `kind` with `payload`.
pub const fn target(kind: u32, payload: u32) -> u32 {
    (kind << 29) | (payload & PAYLOAD)
}

/// The kind of a target.
pub const fn kind(target: u32) -> u32 {
    target >> 29
}

/// The code points (from, to exclusive) whose confusable characters are
/// found through `confusables.idx`, a direct index, instead of the FST.
pub const CONFUSABLE_INDEX_FROM: u32 = 0x3400;
pub const CONFUSABLE_INDEX_TO: u32 = 0xa000;
