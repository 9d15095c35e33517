//! The confusion sets: characters of the same syllable among the common
//! characters, and the project's shape-similar pairs
//! (`dictionaries/shape-similar.tsv`) -> `confusables.fst`,
//! `confusables.blob` and the direct index `confusables.idx`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::tsv::{self, is_han};
use crate::words::Words;
use crate::{fail, layout, read};

/// How many of the most used characters may stand in for another one: a
/// writer's input method offers common characters first.
const COMMON_CHARS: usize = 4500;

/// Confusable characters: same syllable in any tone (heteronyms included)
/// among the common characters, and the project's shape-similar pairs.
/// Writes `confusables.fst` (char -> record position) and
/// `confusables.blob` (records: pairs of character and kind, `P` same
/// syllable, `S` similar shape).
pub(crate) fn build_confusables(words: &Words<'_>, shape_path: &Path, out: &Path) -> BTreeMap<char, Vec<(char, u8)>> {
    use pinyin::ToPinyinMulti;
    let mut weight: BTreeMap<char, u64> = BTreeMap::new();
    for (word, &(freq, _)) in words {
        for c in word.chars().filter(|&c| is_han(c)) {
            *weight.entry(c).or_default() += freq;
        }
    }
    let mut by_weight: Vec<(u64, char)> = weight.iter().map(|(&c, &w)| (w, c)).collect();
    by_weight.sort_unstable_by(|a, b| b.cmp(a));
    let common: Vec<char> = by_weight.iter().take(COMMON_CHARS).map(|&(_, c)| c).collect();
    let mut by_syllable: BTreeMap<&'static str, Vec<char>> = BTreeMap::new();
    let mut syllables: BTreeMap<char, Vec<&'static str>> = BTreeMap::new();
    for &c in &common {
        if let Some(multi) = c.to_pinyin_multi() {
            for i in 0..multi.count() {
                let s = multi.get(i).plain();
                let list = syllables.entry(c).or_default();
                if !list.contains(&s) {
                    list.push(s);
                    by_syllable.entry(s).or_default().push(c);
                }
            }
        }
    }
    let mut conf: BTreeMap<char, Vec<(char, u8)>> = BTreeMap::new();
    let mut add = |a: char, b: char, kind: u8| {
        let list = conf.entry(a).or_default();
        if let Some(e) = list.iter_mut().find(|(c, _)| *c == b) {
            e.1 = e.1.max(kind);
        } else {
            list.push((b, kind));
        }
    };
    for (&c, syls) in &syllables {
        for s in syls {
            for &d in &by_syllable[s] {
                if d != c {
                    add(c, d, b'P');
                }
            }
        }
    }
    if shape_path.is_file() {
        let text = read(shape_path);
        for (line, fields) in tsv::records(&text) {
            let chars: Vec<Vec<char>> = fields.iter().take(2).map(|f| f.chars().collect()).collect();
            match chars.as_slice() {
                [a, b] if a.len() == 1 && b.len() == 1 && a[0] != b[0] && is_han(a[0]) && is_han(b[0]) => {
                    add(a[0], b[0], b'S');
                    add(b[0], a[0], b'S');
                }
                _ => fail(format!(
                    "{}:{line}: expected two different Han characters a<TAB>b",
                    shape_path.display()
                )),
            }
        }
    }
    let mut builder = fst::MapBuilder::memory();
    let mut blob = String::new();
    let mut buf = [0u8; 4];
    for (c, list) in &conf {
        let offset = blob.len() as u64;
        for &(d, kind) in list {
            blob.push(d);
            blob.push(kind as char);
        }
        let len = blob.len() as u64 - offset;
        builder
            .insert(c.encode_utf8(&mut buf).as_bytes(), (offset << 32) | len)
            .expect("chars in order");
    }
    fs::write(
        out.join("confusables.fst"),
        builder.into_inner().expect("in-memory FST"),
    )
    .expect("write");
    // A direct index for the common range: the record of code point
    // CONFUSABLE_INDEX_FROM + k is blob[idx[k]..idx[k + 1]] (u32 LE), as
    // the BTreeMap laid the records out in code point order.
    let mut idx: Vec<u8> = Vec::new();
    let mut records = conf.keys().peekable();
    let mut offset = 0u32;
    for cp in layout::CONFUSABLE_INDEX_FROM..=layout::CONFUSABLE_INDEX_TO {
        // Skip the records of characters before this code point.
        while let Some(&&c) = records.peek() {
            if (c as u32) < cp {
                offset += conf[&c].iter().map(|&(d, _)| (d.len_utf8() + 1) as u32).sum::<u32>();
                records.next();
            } else {
                break;
            }
        }
        idx.extend_from_slice(&offset.to_le_bytes());
    }
    fs::write(out.join("confusables.idx"), idx).expect("write confusables.idx");
    fs::write(out.join("confusables.blob"), blob).expect("write confusables.blob");
    conf
}
