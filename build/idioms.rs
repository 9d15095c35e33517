//! The idioms of `idiom.near-miss`: the four-character idioms and fixed
//! expressions of the word list -> `idioms.blob`, `idioms.pairs` and
//! `idioms.index` (`src/idiomkey.rs`).

use std::fs;
use std::path::Path;

use crate::idiomkey;
use crate::tsv::is_han;
use crate::words::Words;

/// Idioms and fixed expressions of jieba's dictionary (tags `i`, `l`) used
/// often enough to be trusted.
const IDIOM_MIN_FREQ: u64 = 10;

/// Writes `idioms.blob`: the four-character idioms and fixed expressions of
/// the word list (tags `i` and `l`), one per line, in byte order.
pub(crate) fn build_idioms<'a>(words: &Words<'a>, out: &Path) -> Vec<&'a str> {
    let mut blob = String::new();
    let mut idioms = Vec::new();
    for (&w, &(f, t)) in words {
        if (t == "i" || t == "l") && f >= IDIOM_MIN_FREQ && w.chars().count() == 4 && w.chars().all(is_han) {
            blob.push_str(w);
            blob.push('\n');
            idioms.push(w);
        }
    }
    fs::write(out.join("idioms.blob"), blob).expect("write idioms.blob");
    // The filters and the masked-window index of idiom.near-miss.
    let mut pairs = vec![0u8; 2 * idiomkey::PAIR_BYTES];
    let (adjacent, skip) = pairs.split_at_mut(idiomkey::PAIR_BYTES);
    let mut records: Vec<(u64, u32)> = Vec::new();
    for (i, w) in idioms.iter().enumerate() {
        let mut c = w.chars();
        let w = [c.next(), c.next(), c.next(), c.next()].map(|c| c.unwrap_or(' '));
        for p in 0..3 {
            idiomkey::pair_insert(adjacent, w[p], w[p + 1], p);
        }
        for p in 0..2 {
            idiomkey::pair_insert(skip, w[p], w[p + 2], p);
        }
        for k in 0..4 {
            records.push((idiomkey::masked_key(&w, k), i as u32));
        }
    }
    fs::write(out.join("idioms.pairs"), pairs).expect("write idioms.pairs");
    fs::write(out.join("idioms.index"), idiomkey::write_index(records)).expect("write idioms.index");
    idioms
}
