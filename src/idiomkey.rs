//! The index of `idiom.near-miss`, shared by `build.rs`, which writes it,
//! and the library, which reads it in place: bigram filters with a bit per
//! position (`idioms.pairs`) and the idioms sorted by masked window
//! (`idioms.index`).
//!
//! This module depends on `std` only: `build.rs` includes it with `#[path]`.

/// log2 of the slots of a pair filter; a slot has four bits, so a filter
/// takes `1 << (PAIR_BITS - 1)` bytes (64 KB), and `idioms.pairs` holds
/// two: the adjacent pairs, then the pairs one apart.
pub const PAIR_BITS: u32 = 17;

/// Bytes of one pair filter.
pub const PAIR_BYTES: usize = 1 << (PAIR_BITS - 1);

#[inline]
fn slot(a: char, b: char) -> usize {
    let h = (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (h >> (64 - PAIR_BITS)) as usize
}

/// Sets bit `bit` (0 to 3) of pair `a, b` in a filter. Used by `build.rs`.
#[allow(dead_code)]
pub fn pair_insert(filter: &mut [u8], a: char, b: char, bit: usize) {
    let s = slot(a, b);
    filter[s >> 1] |= 1 << (bit + (s & 1) * 4);
}

/// The four bits of pair `a, b` in a filter.
#[inline]
pub fn pair_get(filter: &[u8], a: char, b: char) -> u8 {
    let s = slot(a, b);
    filter.get(s >> 1).map_or(0, |&x| (x >> ((s & 1) * 4)) & 0xf)
}

/// The key of a window with position `k` masked. Han characters fit in 18
/// bits.
#[inline]
pub fn masked_key(w: &[char; 4], k: usize) -> u64 {
    let mut key = k as u64;
    for (i, &c) in w.iter().enumerate() {
        if i != k {
            key = (key << 18) | (c as u64 & 0x3_FFFF);
        }
    }
    key
}

/// Bytes of an index record: the key (u64 LE), the idiom's number (u32 LE).
pub const RECORD: usize = 12;

/// The idioms whose window with position `k` masked has this key: a binary
/// search of the sorted records.
pub fn lookup(index: &[u8], key: u64) -> impl Iterator<Item = u32> + '_ {
    let n = index.len() / RECORD;
    let key_at = |i: usize| {
        let b = &index[i * RECORD..i * RECORD + 8];
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    };
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if key_at(mid) < key {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    (lo..n).take_while(move |&i| key_at(i) == key).map(move |i| {
        let b = &index[i * RECORD + 8..i * RECORD + 12];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    })
}
