//! A set of character bigrams as a blocked Bloom filter: two bits of one
//! 64-byte block per bigram, so a probe touches one cache line and the
//! whole filter (256 KB) stays in the second-level cache. Shared by
//! the build script (`build/`), which fills it, and the library, which probes it in place.
//!
//! This module depends on `std` only: the build script (`build/main.rs`) includes it with `#[path]`.

/// log2 of the number of bits.
pub const BITS: u32 = 21;

/// log2 of the bits of a block (64 bytes).
const BLOCK_BITS: u32 = 9;

/// The two bits of a bigram: (byte index, mask) of each.
#[inline]
fn bits(a: char, b: char) -> [(usize, u8); 2] {
    let h = (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    let h = h ^ (h >> 29);
    let block = (h >> (64 - (BITS - BLOCK_BITS))) as usize;
    let mask = (1usize << BLOCK_BITS) - 1;
    let one = (block << BLOCK_BITS) | (h as usize & mask);
    let two = (block << BLOCK_BITS) | ((h >> BLOCK_BITS) as usize & mask);
    [(one >> 3, 1 << (one & 7)), (two >> 3, 1 << (two & 7))]
}

/// Sets the bits of a bigram in `bytes` (`1 << BITS` bits). Used by the build script (`build/`).
#[allow(dead_code)]
pub fn insert(bytes: &mut [u8], a: char, b: char) {
    for (i, m) in bits(a, b) {
        bytes[i] |= m;
    }
}

/// Whether the bits of a bigram are set (false positives possible, about
/// one in a hundred; no false negatives).
#[inline]
pub fn contains(bytes: &[u8], a: char, b: char) -> bool {
    bits(a, b)
        .iter()
        .all(|&(i, m)| bytes.get(i).is_some_and(|&byte| byte & m != 0))
}
