//! A static open-addressing hash table of the word list's short prefixes,
//! shared by the build script (`build/`), which writes it, and the library, which probes it
//! in place (zero-copy, like the FSTs).
//!
//! Every prefix of one to [`MAX_CHARS`] characters of every word is a key.
//! Its value says whether the prefix is itself a word (and how frequent)
//! and whether longer words continue it. Walking the prefixes of a text
//! position is then a few probes, each extending the hash by one
//! character, instead of an FST walk byte by byte; only words longer than
//! [`MAX_CHARS`] characters still need the FST.
//!
//! Layout: 8-byte header `b"JDWH"` + log2(slots) as u32 LE, then the slots,
//! 8 bytes each: u32 LE check (the hash's high half, never 0; 0 = empty),
//! u32 LE value ([`IS_WORD`], [`HAS_LONGER`], frequency in the low 30 bits).
//!
//! This module depends on `std` only: the build script (`build/main.rs`) includes it with `#[path]`.

/// The longest prefix stored, in characters.
pub const MAX_CHARS: usize = 4;
/// Value bit: the prefix is a word of the list.
pub const IS_WORD: u32 = 1 << 30;
/// Value bit: some word of the list is longer and starts with the prefix.
pub const HAS_LONGER: u32 = 1 << 31;
/// Value bits holding the frequency (clamped).
pub const FREQ_MASK: u32 = IS_WORD - 1;

const HEADER: usize = 8;
const MAGIC: &[u8; 4] = b"JDWH";

/// The hash of the empty prefix.
pub const START: u64 = 0x243F_6A88_85A3_08D3;

/// The hash of a prefix extended by one character.
#[inline]
pub fn extend(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
}

#[inline]
fn check_of(h: u64) -> u32 {
    // Mixed once more so that slot bits and check bits are independent.
    let m = h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    ((m >> 32) as u32) | 1
}

#[inline]
fn read_u32(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The value stored for the prefix with hash `h`, if any.
#[inline]
pub fn get(table: &[u8], h: u64) -> Option<u32> {
    let bits = read_u32(table, 4);
    if table.get(..4) != Some(MAGIC) || bits == 0 || bits > 30 {
        return None;
    }
    let mask = (1usize << bits) - 1;
    let check = check_of(h);
    let mut slot = (h as usize) & mask;
    // A bounded probe: the builder keeps the load factor at most one half.
    for _ in 0..=mask {
        let at = HEADER + slot * 8;
        let c = read_u32(table, at);
        if c == 0 {
            return None;
        }
        if c == check {
            return Some(read_u32(table, at + 4));
        }
        slot = (slot + 1) & mask;
    }
    None
}

/// Builds the table from `(prefix hash, value)` pairs with distinct hashes.
/// Used by the build script (`build/`).
#[allow(dead_code)]
pub fn build(entries: &[(u64, u32)]) -> Vec<u8> {
    let mut bits = 4u32;
    while (1usize << bits) < entries.len() * 2 {
        bits += 1;
    }
    let mask = (1usize << bits) - 1;
    let mut out = vec![0u8; HEADER + (1usize << bits) * 8];
    out[..4].copy_from_slice(MAGIC);
    out[4..8].copy_from_slice(&bits.to_le_bytes());
    for &(h, value) in entries {
        let check = check_of(h);
        assert!(get(&out, h).is_none(), "word hash collision: change START");
        let mut slot = (h as usize) & mask;
        loop {
            let at = HEADER + slot * 8;
            if read_u32(&out, at) == 0 {
                out[at..at + 4].copy_from_slice(&check.to_le_bytes());
                out[at + 4..at + 8].copy_from_slice(&value.to_le_bytes());
                break;
            }
            slot = (slot + 1) & mask;
        }
    }
    out
}
