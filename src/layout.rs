//! How a built-in automaton pattern's targets are encoded, shared by the
//! build script (`build/patterns.rs`), which writes them, and the engine,
//! which reads them.
//!
//! A target is a `u32` record of a kind and a payload: the top
//! [`KIND_BITS`] bits are the kind's number, the rest its payload. [`Kind`]
//! lists the kinds and what their payload is; [`KINDS`] decodes a number.
//! Five bits make room for 32 kinds: a new kind is a new variant, a new
//! entry of [`KINDS`], and the rule that takes it (its declaration's
//! `needs`), without a new layout.
//!
//! This module depends on nothing: the build script includes it with
//! `#[path]`.

/// Bits of a target that hold its kind.
pub const KIND_BITS: u32 = 5;
/// How many kinds the layout has room for.
pub const KIND_ROOM: usize = 1 << KIND_BITS;
/// Bits of a target that hold its payload.
pub const PAYLOAD_BITS: u32 = 32 - KIND_BITS;
/// The largest payload.
pub const PAYLOAD: u32 = (1 << PAYLOAD_BITS) - 1;

/// What a pattern stands for. Each kind is taken by one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    /// A listed wrong form (`typo.word`). Payload: the typo dictionary's
    /// number, 0 for the built-in one (user dictionaries follow).
    Typo = 0,
    /// A pattern whose character number `payload` stands alone and may be
    /// a confusable of a character of a frequent word that the others
    /// complete (`typo.confusable`).
    Lone = 1,
    /// The first half of formulation number `payload`.
    FormulationHead = 2,
    /// The last half of formulation number `payload`.
    FormulationTail = 3,
    /// A listed wrong variant of formulation number `payload`.
    FormulationVariant = 4,
    /// Political term number `payload`.
    Term = 5,
    /// Abolished or renamed agency number `payload`.
    Agency = 6,
    /// A misspelling of name number `payload` of the leaders list.
    Name = 7,
    /// Name number `payload` without its first character: a misspelling if
    /// the character before the hit is confusable with it.
    NameTail = 8,
    /// Name number `payload` without its last character.
    NameHead = 9,
    /// The star of a secrecy marking (★). Payload 0.
    SecrecyStar = 10,
    /// 密级, a secrecy label. Payload 0.
    SecrecyLevel = 11,
    /// The first two characters of some idiom (only in the automaton
    /// `builtin-idioms`). Payload 0.
    IdiomHead = 12,
    /// The last two characters of some idiom. Payload 0.
    IdiomTail = 13,
    /// 《, where `law.title` reads a cited title. Payload 0.
    LawBracket = 14,
    /// A word after which `law.title` reads a bare title (根据, 依照 …).
    /// Payload: its index in `lawtable::TRIGGERS`.
    LawTrigger = 15,
}

/// The kinds by number: the table that decodes a target's kind.
pub const KINDS: &[Kind] = &[
    Kind::Typo,
    Kind::Lone,
    Kind::FormulationHead,
    Kind::FormulationTail,
    Kind::FormulationVariant,
    Kind::Term,
    Kind::Agency,
    Kind::Name,
    Kind::NameTail,
    Kind::NameHead,
    Kind::SecrecyStar,
    Kind::SecrecyLevel,
    Kind::IdiomHead,
    Kind::IdiomTail,
    Kind::LawBracket,
    Kind::LawTrigger,
];

/// A target of `kind` with `payload` (which must fit [`PAYLOAD`]).
pub const fn target(kind: Kind, payload: u32) -> u32 {
    ((kind as u32) << PAYLOAD_BITS) | (payload & PAYLOAD)
}

/// The number of a target's kind (below [`KIND_ROOM`]).
#[inline]
pub const fn kind_number(target: u32) -> usize {
    (target >> PAYLOAD_BITS) as usize
}

/// The kind of a target, if it is one of [`KINDS`].
#[inline]
pub fn kind(target: u32) -> Option<Kind> {
    KINDS.get(kind_number(target)).copied()
}

/// The payload of a target.
#[inline]
pub const fn payload(target: u32) -> u32 {
    target & PAYLOAD
}

/// The code points (from, to exclusive) whose confusable characters are
/// found through `confusables.idx`, a direct index, instead of the FST.
pub const CONFUSABLE_INDEX_FROM: u32 = 0x3400;
pub const CONFUSABLE_INDEX_TO: u32 = 0xa000;
