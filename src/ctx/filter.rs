//! The gate's filter: the kept bigrams and trigrams of a model in a blocked
//! Bloom filter (three bits of one 64-byte block per n-gram, about 12 bits
//! an n-gram), so that the test run at every character costs one cache
//! line instead of two binary searches in the trie.
//!
//! It is derived from the trie the first time a detector needs it (not
//! stored: the file stays smaller), in a few milliseconds.

use super::format::File;

/// Bits of a block.
const BLOCK_BITS: u64 = 512;

/// A blocked Bloom filter of n-grams.
#[derive(Debug)]
pub(crate) struct Filter {
    words: Vec<u64>,
    blocks: u64,
}

#[inline]
fn hash(key: u64) -> u64 {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let h = h ^ (h >> 32);
    h.wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// The key of a bigram or a trigram (a bigram's first id is 0xffff, no
/// real id).
#[inline]
pub(crate) fn key(a: u16, b: u16, c: u16) -> u64 {
    (u64::from(a) << 32) | (u64::from(b) << 16) | u64::from(c)
}

impl Filter {
    /// The filter of the kept bigrams and trigrams of `f`.
    pub(crate) fn of(f: &File) -> Filter {
        let n = f.n[0] + f.n[1];
        // About 12 bits a key, a power of two blocks.
        let blocks = ((n as u64 * 12) / BLOCK_BITS + 1).next_power_of_two();
        let mut filter = Filter {
            words: vec![0u64; (blocks * BLOCK_BITS / 64) as usize],
            blocks,
        };
        for a in 0..f.vocab_len {
            let (lo, hi) = (f.c1_at(a), f.c1_at(a + 1));
            for j in lo..hi {
                let b = f.w(0, j as usize);
                filter.insert(key(0xffff, a as u16, b));
                let (lo3, hi3) = f.children(0, j as usize);
                for k in lo3..hi3 {
                    filter.insert(key(a as u16, b, f.w(1, k as usize)));
                }
            }
        }
        filter
    }

    #[inline]
    fn bits(&self, key: u64) -> (usize, [u64; 3]) {
        let h = hash(key);
        let block = (h >> 40) & (self.blocks - 1);
        let base = (block * BLOCK_BITS / 64) as usize;
        let b = [h & 511, (h >> 9) & 511, (h >> 18) & 511];
        (base, b)
    }

    fn insert(&mut self, key: u64) {
        let (base, bits) = self.bits(key);
        for b in bits {
            self.words[base + (b / 64) as usize] |= 1 << (b % 64);
        }
    }

    /// Whether `key` may be in the set (about 1 % false positives).
    #[inline]
    pub(crate) fn contains(&self, key: u64) -> bool {
        let (base, bits) = self.bits(key);
        bits.iter().all(|&b| {
            self.words
                .get(base + (b / 64) as usize)
                .is_some_and(|w| w & (1 << (b % 64)) != 0)
        })
    }

    /// Bytes of memory.
    pub(crate) fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}
