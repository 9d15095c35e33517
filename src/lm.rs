//! Character bigram language model: counting, the file format, scoring.
//!
//! This module depends on `std` and `fst` only: the build script (`build/`) includes it with
//! `#[path]` to build the default model.
//!
//! # File format, version 1
//!
//! All integers little-endian.
//!
//! | bytes | content |
//! |---|---|
//! | 12 | magic `JIAODUI-LM\r\n` |
//! | 4 | format version (1) |
//! | 8 | total count of characters |
//! | 8 | length U of the unigram FST |
//! | 8 | length B of the bigram FST |
//! | 8 | FNV-1a 64 checksum of the two FSTs |
//! | U | FST map: character (UTF-8) -> count |
//! | B | FST map: two characters (UTF-8) -> count |
//!
//! A file that is truncated, of another version or corrupt is refused with
//! a message that says so.

use std::borrow::Cow;
use std::collections::HashMap;

/// The magic bytes that start a model file.
pub const MAGIC: &[u8; 12] = b"JIAODUI-LM\r\n";
/// The format version this code reads and writes.
pub const VERSION: u32 = 1;
const HEADER: usize = 12 + 4 + 8 * 4;

/// Counts characters and character bigrams of texts.
#[derive(Debug, Default, Clone)]
pub struct Counter {
    unigrams: HashMap<char, u64>,
    bigrams: HashMap<(char, char), u64>,
    total: u64,
}

use crate::tsv::is_han;

impl Counter {
    /// Counts the Han characters of `text` and the bigrams of adjacent Han
    /// characters, `weight` times.
    pub fn add(&mut self, text: &str, weight: u64) {
        let mut prev: Option<char> = None;
        for c in text.chars() {
            if !is_han(c) {
                prev = None;
                continue;
            }
            *self.unigrams.entry(c).or_default() += weight;
            self.total += weight;
            if let Some(p) = prev {
                *self.bigrams.entry((p, c)).or_default() += weight;
            }
            prev = Some(c);
        }
    }

    /// Writes the model file, keeping bigrams seen at least `min_count`
    /// times.
    pub fn to_bytes(&self, min_count: u64) -> Vec<u8> {
        let mut uni: Vec<(String, u64)> = self.unigrams.iter().map(|(c, &n)| (c.to_string(), n)).collect();
        uni.sort_unstable();
        let mut bi: Vec<(String, u64)> = self
            .bigrams
            .iter()
            .filter(|&(_, &n)| n >= min_count)
            .map(|(&(a, b), &n)| (format!("{a}{b}"), n))
            .collect();
        bi.sort_unstable();
        let fst_of = |items: &[(String, u64)]| {
            let mut b = fst::MapBuilder::memory();
            for (k, v) in items {
                b.insert(k, *v).expect("sorted, unique keys");
            }
            b.into_inner().expect("in-memory FST")
        };
        let (u, b) = (fst_of(&uni), fst_of(&bi));
        let mut out = Vec::with_capacity(HEADER + u.len() + b.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.total.to_le_bytes());
        out.extend_from_slice(&(u.len() as u64).to_le_bytes());
        out.extend_from_slice(&(b.len() as u64).to_le_bytes());
        out.extend_from_slice(&checksum(&[&u, &b]).to_le_bytes());
        out.extend_from_slice(&u);
        out.extend_from_slice(&b);
        out
    }
}

fn checksum(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in *part {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A loaded model.
#[derive(Clone)]
pub struct Model {
    unigrams: fst::Map<Cow<'static, [u8]>>,
    bigrams: fst::Map<Cow<'static, [u8]>>,
    total: u64,
    corpus: bool,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("characters", &self.total)
            .field("unigrams", &self.unigrams.len())
            .field("bigrams", &self.bigrams.len())
            .finish()
    }
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(b)
}

impl Model {
    /// Reads a model file's bytes, checking magic, version, lengths and
    /// checksum. The error says what is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        Model::parse(bytes, |b| Cow::Owned(b.to_vec()), true)
    }

    /// Opens a model embedded in the binary, without copying it (and
    /// without the checksum pass: the build wrote it).
    pub fn from_static(bytes: &'static [u8]) -> Result<Model, String> {
        Model::parse(bytes, Cow::Borrowed, false)
    }

    fn parse<'a>(bytes: &'a [u8], own: impl Fn(&'a [u8]) -> Cow<'static, [u8]>, verify: bool) -> Result<Model, String> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err("not a jiaodui language model file (wrong magic bytes)".into());
        }
        if bytes.len() < HEADER {
            return Err(format!(
                "truncated: {} bytes, shorter than the {HEADER}-byte header",
                bytes.len()
            ));
        }
        let version = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
        if version != VERSION {
            return Err(format!(
                "format version {version}, but this jiaodui reads version {VERSION}; rebuild the model with `jiaodui lm build`"
            ));
        }
        let total = u64_at(bytes, 16);
        let (u, b, sum) = (u64_at(bytes, 24), u64_at(bytes, 32), u64_at(bytes, 40));
        let expected = (HEADER as u64).checked_add(u).and_then(|n| n.checked_add(b));
        if expected != Some(bytes.len() as u64) {
            return Err(format!(
                "truncated or padded: the header announces {} bytes, the file has {}",
                expected.map_or_else(|| "an impossible number of".to_string(), |n| n.to_string()),
                bytes.len()
            ));
        }
        let (u, b) = (u as usize, b as usize);
        let (ub, bb) = (&bytes[HEADER..HEADER + u], &bytes[HEADER + u..HEADER + u + b]);
        if verify && checksum(&[ub, bb]) != sum {
            return Err("corrupt: the checksum does not match".into());
        }
        let unigrams = fst::Map::new(own(ub)).map_err(|e| format!("corrupt unigram table: {e}"))?;
        let bigrams = fst::Map::new(own(bb)).map_err(|e| format!("corrupt bigram table: {e}"))?;
        Ok(Model {
            unigrams,
            bigrams,
            total,
            corpus: verify,
        })
    }

    /// Whether the model was counted from running text (a model file), not
    /// from the word list (the built-in default).
    pub fn counted_from_text(&self) -> bool {
        self.corpus
    }

    fn count(map: &fst::Map<Cow<'static, [u8]>>, key: &str) -> u64 {
        map.get(key).unwrap_or(0)
    }

    /// Natural log-probability of the Han bigrams of `s` (each `b` given
    /// the `a` before it, interpolated with `b`'s unigram probability).
    pub fn score(&self, s: &str) -> f64 {
        let vocab = self.unigrams.len() as f64 + 1.0;
        let total = self.total as f64;
        let mut buf = [0u8; 8];
        let mut prev: Option<char> = None;
        let mut sum = 0.0;
        for c in s.chars() {
            if !is_han(c) {
                prev = None;
                continue;
            }
            let cu = Self::count(&self.unigrams, c.encode_utf8(&mut buf));
            let p_uni = (cu as f64 + 0.5) / (total + 0.5 * vocab);
            if let Some(p) = prev {
                let pu = Self::count(&self.unigrams, p.encode_utf8(&mut buf)) as f64;
                let n = p.len_utf8();
                c.encode_utf8(&mut buf[n..]);
                let key = std::str::from_utf8(&buf[..n + c.len_utf8()]).unwrap_or("");
                let cb = Self::count(&self.bigrams, key) as f64;
                // Witten-Bell-like interpolation with a fixed weight.
                let lambda = pu / (pu + 50.0);
                let p_bi = if pu > 0.0 { cb / pu } else { 0.0 };
                sum += (lambda * p_bi + (1.0 - lambda) * p_uni).ln();
            }
            prev = Some(c);
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Vec<u8> {
        let mut c = Counter::default();
        c.add("总体方案，总体要求。体制机制，方案设计。", 1);
        c.to_bytes(1)
    }

    #[test]
    fn round_trip_and_scores() {
        let m = Model::from_bytes(&model()).unwrap();
        assert!(m.score("总体方案") > m.score("总休方案"));
    }

    #[test]
    fn refuses_bad_files() {
        let good = model();
        assert!(Model::from_bytes(b"hello").unwrap_err().contains("wrong magic"));
        assert!(Model::from_bytes(&good[..20]).unwrap_err().starts_with("truncated"));
        assert!(Model::from_bytes(&good[..good.len() - 1])
            .unwrap_err()
            .starts_with("truncated"));
        let mut v2 = good.clone();
        v2[12] = 2;
        assert!(Model::from_bytes(&v2).unwrap_err().contains("format version 2"));
        let mut corrupt = good.clone();
        let last = corrupt.len() - 1;
        corrupt[last] ^= 0xff;
        assert!(Model::from_bytes(&corrupt).unwrap_err().contains("checksum"));
        // Huge lengths do not overflow.
        let mut huge = good;
        huge[24..32].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(Model::from_bytes(&huge).unwrap_err().starts_with("truncated"));
    }
}
