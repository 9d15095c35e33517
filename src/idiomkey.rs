//! The index of `idiom.near-miss`, shared by the build script (`build/`), which writes it,
//! and the library, which reads it in place: bigram filters with a bit per
//! position (`idioms.pairs`) and the idioms sorted by masked window
//! (`idioms.index`).
//!
//! This module depends on `std` only: the build script (`build/main.rs`) includes it with `#[path]`.

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

/// Sets bit `bit` (0 to 3) of pair `a, b` in a filter. Used by the build script (`build/`).
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

/// log2 of the buckets of the index.
pub const BUCKET_BITS: u32 = 12;

/// The bucket of a key: the records are sorted by bucket, and the index
/// starts with the first record of each bucket (u32 LE, one more at the
/// end).
#[inline]
pub fn bucket(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BUCKET_BITS)) as usize
}

/// Writes the index of `(key, idiom)` records. Used by the build script (`build/`).
#[allow(dead_code)]
pub fn write_index(mut records: Vec<(u64, u32)>) -> Vec<u8> {
    records.sort_unstable_by_key(|&(key, i)| (bucket(key), key, i));
    let buckets = 1usize << BUCKET_BITS;
    let mut out = Vec::with_capacity(4 * (buckets + 1) + records.len() * RECORD);
    let mut next = 0;
    for b in 0..=buckets {
        while next < records.len() && bucket(records[next].0) < b {
            next += 1;
        }
        out.extend_from_slice(&(next as u32).to_le_bytes());
    }
    for (key, i) in records {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&i.to_le_bytes());
    }
    out
}

/// The idioms whose window with position `k` masked has this key: the
/// records of the key's bucket.
pub fn lookup(index: &[u8], key: u64) -> impl Iterator<Item = u32> + '_ {
    let u32_at = |at: usize| {
        index
            .get(at..at + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let b = bucket(key);
    let (from, to) = (u32_at(4 * b), u32_at(4 * (b + 1)));
    let records = 4 * ((1 << BUCKET_BITS) + 1);
    (from..to).filter_map(move |r| {
        let at = records + r * RECORD;
        let rec = index.get(at..at + RECORD)?;
        let k = u64::from_le_bytes([rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], rec[6], rec[7]]);
        (k == key).then(|| u32::from_le_bytes([rec[8], rec[9], rec[10], rec[11]]))
    })
}
