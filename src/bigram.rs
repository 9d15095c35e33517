//! A bit set of character bigrams (a one-hash Bloom filter), shared by
//! `build.rs`, which fills it, and the library, which probes it in place.
//!
//! This module depends on `std` only: `build.rs` includes it with `#[path]`.

/// log2 of the number of bits.
pub const BITS: u32 = 23;

/// The bit of a bigram.
#[inline]
pub fn slot(a: char, b: char) -> usize {
    let h = (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (h >> (64 - BITS)) as usize
}

/// Sets the bit of a bigram in `bytes` (`1 << BITS` bits). Used by `build.rs`.
#[allow(dead_code)]
pub fn insert(bytes: &mut [u8], a: char, b: char) {
    let s = slot(a, b);
    bytes[s >> 3] |= 1 << (s & 7);
}

/// Whether the bit of a bigram is set (false positives possible, no false
/// negatives).
#[inline]
pub fn contains(bytes: &[u8], a: char, b: char) -> bool {
    let s = slot(a, b);
    bytes.get(s >> 3).is_some_and(|&byte| byte & (1 << (s & 7)) != 0)
}
