//! The file format of a contextual model, its writer and its zero-copy
//! reader.
//!
//! # Format, version 1
//!
//! All integers little-endian; no alignment is needed (every value is read
//! with `from_le_bytes`). A 64-byte header, then the payload:
//!
//! | offset | bytes | content |
//! |---|---|---|
//! | 0 | 8 | magic `JDCTXLM\0` |
//! | 8 | 4 | format version (1) |
//! | 12 | 4 | flags (bit 0: the file has confusion sets) |
//! | 16 | 4 | V, tokens in the vocabulary (id 0 is the edge of a run of Han characters, id 1 an unknown character) |
//! | 20 | 12 | N2, N3, N4: n-grams of order 2, 3, 4 |
//! | 32 | 4 | C, confusion entries |
//! | 36 | 4 | the minimum counts of orders 2, 3, 4 kept by pruning (one byte each), and 0 |
//! | 40 | 8 | Han characters counted |
//! | 48 | 8 | payload length |
//! | 56 | 4 | CRC-32 (IEEE) of the payload |
//! | 60 | 4 | E, characters outside U+4E00..=U+9FFF in the vocabulary |
//!
//! The payload, section after section:
//!
//! | section | size | content |
//! |---|---|---|
//! | vocab | 4 V | the character of each id (0 for ids 0 and 1) |
//! | index | 2 × 20,992 | the id of each code point U+4E00..=U+9FFF (1 if unknown) |
//! | extra | 8 E (E in `extra_len`) | other characters: (code point u32, id u32), sorted |
//! | order 1 | V + V + 4 (V + 1) | −ln p × 10 (u8), ln backoff × 10 (i8), first child in order 2 (u32) |
//! | order 2 | 2 N2 + N2 + N2 + children | token id (u16), −ln p, ln backoff; children in order 3 |
//! | order 3 | 2 N3 + N3 + N3 + children | the same, children in order 4 |
//! | order 4 | 2 N4 + N4 | token id, −ln p |
//! | confusions | 4 (V + 1) + 4 C | first entry of each id; entries (id u16, −ln weight × 10 u8, kind u8) |
//!
//! The children of an n-gram are the (n+1)-grams that extend it, sorted by
//! their last token: `first[i]..first[i + 1]`. Order 1 stores `first`
//! (u32); orders 2 and 3 store it packed (`children`): the number O of
//! nodes with 255 children or more (u32), their (node, count) pairs (u32
//! each, sorted), `first` of every 32nd node (N / 32 + 1 u32) and each
//! node's count of children (N bytes, 255 for those listed), so a lookup
//! reads one base and sums at most 31 bytes of one cache line. A probability is the
//! interpolated absolute-discounting estimate of the unpruned counts; the
//! backoff weight of a context spreads the probability of its pruned
//! continuations over the lower order (ARPA semantics).
//!
//! A file that is truncated, corrupt (checksum) or of another version is
//! refused with a [`FormatError`] saying so and how to fix it.

use std::fmt;
use std::sync::Arc;

/// The magic bytes that start a contextual model file.
pub const MAGIC: &[u8; 8] = b"JDCTXLM\0";
/// The format version this code reads and writes.
pub const VERSION: u32 = 1;
/// Header length in bytes.
pub const HEADER: usize = 64;
/// First and last code point of the direct index.
pub(crate) const INDEX_FROM: u32 = 0x4E00;
pub(crate) const INDEX_TO: u32 = 0x9FFF;
const INDEX_LEN: usize = (INDEX_TO - INDEX_FROM + 1) as usize;

/// The token at the edge of a run of Han characters (start or end).
pub const EDGE: u16 = 0;
/// The token of a Han character the model does not know.
pub const UNKNOWN: u16 = 1;

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    kind: FormatErrorKind,
}

/// What is wrong with a model file. New kinds may be added.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatErrorKind {
    /// The file does not start with the magic bytes.
    NotAModel,
    /// The file is shorter (or longer) than its header announces.
    Truncated {
        /// Bytes the header announces (`None`: the header itself is cut).
        expected: Option<u64>,
        /// Bytes the file has.
        found: u64,
    },
    /// Written by another version of the format.
    Version {
        /// The file's version.
        found: u32,
        /// The version this code reads.
        supported: u32,
    },
    /// The payload's checksum does not match.
    Checksum {
        /// The checksum in the header.
        expected: u32,
        /// The checksum of the payload.
        found: u32,
    },
    /// The tables contradict each other.
    Inconsistent {
        /// Which table.
        what: &'static str,
    },
}

impl FormatError {
    fn new(kind: FormatErrorKind) -> FormatError {
        FormatError { kind }
    }

    /// What is wrong, as data.
    pub fn kind(&self) -> &FormatErrorKind {
        &self.kind
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const REBUILD: &str = "rebuild it with `jiaodui lm build`";
        match &self.kind {
            FormatErrorKind::NotAModel => write!(
                f,
                "not a jiaodui contextual model (wrong magic bytes); give a file written by `jiaodui lm build`"
            ),
            FormatErrorKind::Truncated { expected: None, found } => {
                write!(
                    f,
                    "truncated: {found} bytes, shorter than the {HEADER}-byte header; {REBUILD} or copy it again"
                )
            }
            FormatErrorKind::Truncated {
                expected: Some(e),
                found,
            } => write!(
                f,
                "truncated or padded: the header announces {e} bytes, the file has {found}; {REBUILD} or copy it again"
            ),
            FormatErrorKind::Version { found, supported } => write!(
                f,
                "format version {found}, but this jiaodui reads version {supported}; {REBUILD}"
            ),
            FormatErrorKind::Checksum { expected, found } => write!(
                f,
                "corrupt: the checksum is {found:08x}, the header says {expected:08x}; {REBUILD} or copy it again"
            ),
            FormatErrorKind::Inconsistent { what } => {
                write!(f, "corrupt: the {what} table is inconsistent; {REBUILD}")
            }
        }
    }
}

impl std::error::Error for FormatError {}

/// CRC-32 (IEEE 802.3, reflected), table-driven, eight bytes a step.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    static TABLES: std::sync::OnceLock<Box<[[u32; 256]; 8]>> = std::sync::OnceLock::new();
    let t = TABLES.get_or_init(|| {
        let mut t = Box::new([[0u32; 256]; 8]);
        for i in 0..256u32 {
            let mut c = i;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            t[0][i as usize] = c;
        }
        for i in 0..256 {
            for k in 1..8 {
                let prev = t[k - 1][i];
                t[k][i] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
            }
        }
        t
    });
    let mut crc = !0u32;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let lo = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) ^ crc;
        let hi = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
        crc = t[7][(lo & 0xff) as usize]
            ^ t[6][((lo >> 8) & 0xff) as usize]
            ^ t[5][((lo >> 16) & 0xff) as usize]
            ^ t[4][(lo >> 24) as usize]
            ^ t[3][(hi & 0xff) as usize]
            ^ t[2][((hi >> 8) & 0xff) as usize]
            ^ t[1][((hi >> 16) & 0xff) as usize]
            ^ t[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        crc = (crc >> 8) ^ t[0][((crc ^ u32::from(b)) & 0xff) as usize];
    }
    !crc
}

/// Quantizes −ln p (p in (0, 1]) to a byte, 0.1 a step.
pub(crate) fn quantize_cost(p: f64) -> u8 {
    let c = (-p.max(1e-300).ln() * 10.0).round();
    c.clamp(0.0, 255.0) as u8
}

/// Quantizes ln w (a backoff weight) to a signed byte, 0.1 a step.
pub(crate) fn quantize_backoff(w: f64) -> u8 {
    let c = (w.max(1e-300).ln() * 10.0).round();
    (c.clamp(-127.0, 127.0) as i8) as u8
}

/// Everything a model file holds, as the writer takes it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tables {
    pub(crate) vocab: Vec<char>,
    pub(crate) chars_counted: u64,
    pub(crate) min_counts: [u8; 3],
    /// Order 1: cost, backoff, first child.
    pub(crate) p1: Vec<u8>,
    pub(crate) b1: Vec<u8>,
    pub(crate) c1: Vec<u32>,
    /// Orders 2, 3 (index 0, 1): token, cost, backoff, first child.
    pub(crate) w: [Vec<u16>; 3],
    pub(crate) p: [Vec<u8>; 3],
    pub(crate) b: [Vec<u8>; 2],
    pub(crate) c: [Vec<u32>; 2],
    /// Confusion sets: first entry of each id, entries.
    pub(crate) conf_first: Vec<u32>,
    pub(crate) conf: Vec<(u16, u8, u8)>,
}

impl Tables {
    /// The bytes of the model file.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let v = self.vocab.len();
        let mut pay: Vec<u8> = Vec::new();
        for &c in &self.vocab {
            pay.extend_from_slice(&(c as u32).to_le_bytes());
        }
        let mut index = vec![UNKNOWN; INDEX_LEN];
        let mut extra: Vec<(u32, u32)> = Vec::new();
        for (id, &c) in self.vocab.iter().enumerate().skip(2) {
            let cp = c as u32;
            if (INDEX_FROM..=INDEX_TO).contains(&cp) {
                index[(cp - INDEX_FROM) as usize] = id as u16;
            } else {
                extra.push((cp, id as u32));
            }
        }
        extra.sort_unstable();
        for id in index {
            pay.extend_from_slice(&id.to_le_bytes());
        }
        for (cp, id) in &extra {
            pay.extend_from_slice(&cp.to_le_bytes());
            pay.extend_from_slice(&id.to_le_bytes());
        }
        pay.extend_from_slice(&self.p1);
        pay.extend_from_slice(&self.b1);
        self.c1.iter().for_each(|x| pay.extend_from_slice(&x.to_le_bytes()));
        for k in 0..3 {
            self.w[k].iter().for_each(|x| pay.extend_from_slice(&x.to_le_bytes()));
            pay.extend_from_slice(&self.p[k]);
            if k < 2 {
                pay.extend_from_slice(&self.b[k]);
                write_children(&mut pay, &self.c[k]);
            }
        }
        if self.conf_first.len() == v + 1 {
            self.conf_first
                .iter()
                .for_each(|x| pay.extend_from_slice(&x.to_le_bytes()));
            for &(id, w, kind) in &self.conf {
                pay.extend_from_slice(&id.to_le_bytes());
                pay.push(w);
                pay.push(kind);
            }
        }
        let mut out = Vec::with_capacity(HEADER + pay.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        let flags: u32 = u32::from(self.conf_first.len() == v + 1);
        out.extend_from_slice(&flags.to_le_bytes());
        out.extend_from_slice(&(v as u32).to_le_bytes());
        for k in 0..3 {
            out.extend_from_slice(&(self.w[k].len() as u32).to_le_bytes());
        }
        out.extend_from_slice(&(self.conf.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.min_counts);
        out.push(0);
        out.extend_from_slice(&self.chars_counted.to_le_bytes());
        out.extend_from_slice(&(pay.len() as u64).to_le_bytes());
        out.extend_from_slice(&crc32(&pay).to_le_bytes());
        out.extend_from_slice(&(extra.len() as u32).to_le_bytes());
        debug_assert_eq!(out.len(), HEADER);
        out.extend_from_slice(&pay);
        out
    }
}

/// Nodes per block of the child counts.
const BLOCK: usize = 32;

/// Writes the children of a level packed: `first` (N + 1 monotone first
/// children) as the number of overflows O (u32), O (node, count) pairs for
/// nodes with 255 children or more, the first child of every BLOCK-th node
/// (N / BLOCK + 1 u32) and the child count of each node (N u8, 255 for an
/// overflow).
fn write_children(pay: &mut Vec<u8>, first: &[u32]) {
    let n = first.len() - 1;
    let counts: Vec<u32> = first.windows(2).map(|w| w[1] - w[0]).collect();
    let over: Vec<(u32, u32)> = counts
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c >= 255)
        .map(|(i, &c)| (i as u32, c))
        .collect();
    pay.extend_from_slice(&(over.len() as u32).to_le_bytes());
    for (i, c) in over {
        pay.extend_from_slice(&i.to_le_bytes());
        pay.extend_from_slice(&c.to_le_bytes());
    }
    for b in 0..=n / BLOCK {
        pay.extend_from_slice(&first[b * BLOCK].to_le_bytes());
    }
    pay.extend(counts.iter().map(|&c| c.min(255) as u8));
}

/// The packed children of a level (see [`write_children`]).
#[derive(Clone, Copy, Debug, Default)]
struct Children {
    over: Sec,
    base: Sec,
    counts: Sec,
}

/// The bytes of a model: borrowed from the binary or shared.
#[derive(Clone)]
pub(crate) enum Bytes {
    Static(&'static [u8]),
    Shared(Arc<[u8]>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Shared(b) => b,
        }
    }
}

/// A section of the payload: byte range in the file.
#[derive(Clone, Copy, Debug, Default)]
struct Sec {
    at: usize,
    len: usize,
}

/// A loaded model file: the header's figures and the sections, read in
/// place.
#[derive(Clone)]
pub(crate) struct File {
    bytes: Bytes,
    pub(crate) vocab_len: usize,
    pub(crate) n: [usize; 3],
    pub(crate) conf_len: usize,
    pub(crate) has_conf: bool,
    pub(crate) min_counts: [u8; 3],
    pub(crate) chars_counted: u64,
    vocab: Sec,
    index: Sec,
    extra: Sec,
    p1: Sec,
    b1: Sec,
    c1: Sec,
    w: [Sec; 3],
    p: [Sec; 3],
    b: [Sec; 2],
    c: [Children; 2],
    conf_first: Sec,
    conf: Sec,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(s) => u32::from_le_bytes([s[0], s[1], s[2], s[3]]),
        None => 0,
    }
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    (u64::from(u32_at(b, at + 4)) << 32) | u64::from(u32_at(b, at))
}

impl File {
    /// Reads and checks a model file. `verify` runs the checksum.
    pub(crate) fn parse(bytes: Bytes, verify: bool) -> Result<File, FormatError> {
        let b: &[u8] = &bytes;
        if b.len() < MAGIC.len() || &b[..MAGIC.len()] != MAGIC {
            return Err(FormatError::new(FormatErrorKind::NotAModel));
        }
        if b.len() < HEADER {
            return Err(FormatError::new(FormatErrorKind::Truncated {
                expected: None,
                found: b.len() as u64,
            }));
        }
        let version = u32_at(b, 8);
        if version != VERSION {
            return Err(FormatError::new(FormatErrorKind::Version {
                found: version,
                supported: VERSION,
            }));
        }
        let payload = u64_at(b, 48);
        let expected = payload.checked_add(HEADER as u64);
        if expected != Some(b.len() as u64) {
            return Err(FormatError::new(FormatErrorKind::Truncated {
                expected,
                found: b.len() as u64,
            }));
        }
        if verify {
            let (want, got) = (u32_at(b, 56), crc32(&b[HEADER..]));
            if want != got {
                return Err(FormatError::new(FormatErrorKind::Checksum {
                    expected: want,
                    found: got,
                }));
            }
        }
        let flags = u32_at(b, 12);
        let v = u32_at(b, 16) as usize;
        let n = [u32_at(b, 20) as usize, u32_at(b, 24) as usize, u32_at(b, 28) as usize];
        let conf_len = u32_at(b, 32) as usize;
        let min_counts = [b[36], b[37], b[38]];
        let chars_counted = u64_at(b, 40);
        let extra_len = u32_at(b, 60) as usize;
        let has_conf = flags & 1 == 1;
        // Lay the sections out; any overflow or overrun is an inconsistency.
        let mut at = HEADER;
        let total = b.len();
        let bad = || FormatError::new(FormatErrorKind::Inconsistent { what: "header" });
        let next = |at: &mut usize, len: Option<usize>| -> Result<Sec, FormatError> {
            let len = len.ok_or_else(bad)?;
            let s = Sec { at: *at, len };
            *at = at.checked_add(len).filter(|&e| e <= total).ok_or_else(bad)?;
            Ok(s)
        };
        let m = |x: usize, k: usize| x.checked_mul(k);
        let vocab = next(&mut at, m(v, 4))?;
        let index = next(&mut at, Some(2 * INDEX_LEN))?;
        let extra = next(&mut at, m(extra_len, 8))?;
        let p1 = next(&mut at, Some(v))?;
        let b1 = next(&mut at, Some(v))?;
        let c1 = next(&mut at, m(v + 1, 4))?;
        let mut w = [Sec::default(); 3];
        let mut p = [Sec::default(); 3];
        let mut bo = [Sec::default(); 2];
        let mut c = [Children::default(); 2];
        for k in 0..3 {
            w[k] = next(&mut at, m(n[k], 2))?;
            p[k] = next(&mut at, Some(n[k]))?;
            if k < 2 {
                bo[k] = next(&mut at, Some(n[k]))?;
                let over_len = u32_at(b, at) as usize;
                let over = next(&mut at, m(over_len, 8).and_then(|x| x.checked_add(4)))?;
                let base = next(&mut at, m(n[k] / BLOCK + 1, 4))?;
                let counts = next(&mut at, Some(n[k]))?;
                c[k] = Children {
                    over: Sec {
                        at: over.at + 4,
                        len: over.len - 4,
                    },
                    base,
                    counts,
                };
            }
        }
        let (conf_first, conf) = if has_conf {
            (next(&mut at, m(v + 1, 4))?, next(&mut at, m(conf_len, 4))?)
        } else {
            (Sec::default(), Sec::default())
        };
        if at != b.len() {
            return Err(FormatError::new(FormatErrorKind::Inconsistent { what: "header" }));
        }
        let file = File {
            bytes: bytes.clone(),
            vocab_len: v,
            n,
            conf_len: if has_conf { conf_len } else { 0 },
            has_conf,
            min_counts,
            chars_counted,
            vocab,
            index,
            extra,
            p1,
            b1,
            c1,
            w,
            p,
            b: bo,
            c,
            conf_first,
            conf,
        };
        // The last child pointer of each level is the next level's length.
        let ends = [
            (file.c1_at(v), n[0], "order-1"),
            (file.child(0, n[0]), n[1], "order-2"),
            (file.child(1, n[1]), n[2], "order-3"),
        ];
        for (end, len, what) in ends {
            if end as usize != len {
                return Err(FormatError::new(FormatErrorKind::Inconsistent { what }));
            }
        }
        if has_conf && file.conf_first_at(v) as usize != conf_len {
            return Err(FormatError::new(FormatErrorKind::Inconsistent { what: "confusion" }));
        }
        if v < 2 {
            return Err(FormatError::new(FormatErrorKind::Inconsistent { what: "vocabulary" }));
        }
        Ok(file)
    }

    #[inline]
    fn u8_in(&self, s: Sec, i: usize) -> u8 {
        if i < s.len {
            self.bytes[s.at + i]
        } else {
            0
        }
    }

    #[inline]
    fn u16_in(&self, s: Sec, i: usize) -> u16 {
        let k = 2 * i;
        if k + 1 < s.len {
            u16::from_le_bytes([self.bytes[s.at + k], self.bytes[s.at + k + 1]])
        } else {
            0
        }
    }

    #[inline]
    fn u32_in(&self, s: Sec, i: usize) -> u32 {
        let k = 4 * i;
        if k + 3 < s.len {
            u32_at(&self.bytes, s.at + k)
        } else {
            0
        }
    }

    /// The id of a character (`UNKNOWN` for a Han character the model does
    /// not know, `EDGE` for anything that is not Han).
    #[inline]
    pub(crate) fn id(&self, c: char) -> u16 {
        let cp = c as u32;
        if cp.wrapping_sub(INDEX_FROM) <= INDEX_TO - INDEX_FROM {
            return self.u16_in(self.index, (cp - INDEX_FROM) as usize);
        }
        if !super::is_han(c) {
            return EDGE;
        }
        // Binary search of the extra characters.
        let (mut lo, mut hi) = (0usize, self.extra.len / 8);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let k = self.u32_in(self.extra, 2 * mid);
            match k.cmp(&cp) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.u32_in(self.extra, 2 * mid + 1) as u16,
            }
        }
        UNKNOWN
    }

    /// The character of an id.
    pub(crate) fn char_of(&self, id: u16) -> Option<char> {
        if id < 2 || id as usize >= self.vocab_len {
            return None;
        }
        char::from_u32(self.u32_in(self.vocab, id as usize))
    }

    #[inline]
    pub(crate) fn c1_at(&self, i: usize) -> u32 {
        self.u32_in(self.c1, i)
    }

    /// First child of entry `i` of order `k + 2` (k = 0, 1).
    #[inline]
    pub(crate) fn child(&self, k: usize, i: usize) -> u32 {
        self.children(k, i).0
    }

    /// The children of entry `i` of order `k + 2` (k = 0, 1): first and
    /// end in order `k + 3`.
    #[inline]
    pub(crate) fn children(&self, k: usize, i: usize) -> (u32, u32) {
        let ch = self.c[k];
        let blk = i / BLOCK;
        let mut first = self.u32_in(ch.base, blk);
        let from = (blk * BLOCK).min(ch.counts.len);
        let to = i.min(ch.counts.len);
        let counts = &self.bytes[ch.counts.at + from..ch.counts.at + to];
        let mut overflow = false;
        for &c in counts {
            first += u32::from(c);
            overflow |= c == 255;
        }
        if overflow {
            first = self.u32_in(ch.base, blk);
            for j in from..to {
                first += self.count_of(ch, j);
            }
        }
        let own = if i < ch.counts.len { self.count_of(ch, i) } else { 0 };
        (first, first + own)
    }

    /// The number of children of node `j`.
    #[inline]
    fn count_of(&self, ch: Children, j: usize) -> u32 {
        let c = self.bytes[ch.counts.at + j];
        if c < 255 {
            return u32::from(c);
        }
        let (mut lo, mut hi) = (0usize, ch.over.len / 8);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let node = self.u32_in(ch.over, 2 * mid) as usize;
            match node.cmp(&j) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.u32_in(ch.over, 2 * mid + 1),
            }
        }
        255
    }

    /// −ln p × 10 of a unigram.
    #[inline]
    pub(crate) fn p1(&self, id: u16) -> u8 {
        self.u8_in(self.p1, id as usize)
    }

    /// ln backoff × 10 of a unigram context.
    #[inline]
    pub(crate) fn b1(&self, id: u16) -> i8 {
        self.u8_in(self.b1, id as usize) as i8
    }

    /// Token of entry `i` of order `k + 2`.
    #[inline]
    pub(crate) fn w(&self, k: usize, i: usize) -> u16 {
        self.u16_in(self.w[k], i)
    }

    #[inline]
    pub(crate) fn p(&self, k: usize, i: usize) -> u8 {
        self.u8_in(self.p[k], i)
    }

    #[inline]
    pub(crate) fn b(&self, k: usize, i: usize) -> i8 {
        self.u8_in(self.b[k], i) as i8
    }

    /// The entry of order `k + 2` with token `t` among `lo..hi`.
    #[inline]
    pub(crate) fn find(&self, k: usize, lo: u32, hi: u32, t: u16) -> Option<u32> {
        let s = self.w[k];
        let bytes = &self.bytes[s.at..s.at + s.len];
        let (mut lo, mut hi) = (lo as usize, (hi as usize).min(s.len / 2));
        while lo < hi {
            let mid = (lo + hi) / 2;
            let x = u16::from_le_bytes([bytes[2 * mid], bytes[2 * mid + 1]]);
            match x.cmp(&t) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    #[inline]
    pub(crate) fn conf_first_at(&self, i: usize) -> u32 {
        self.u32_in(self.conf_first, i)
    }

    /// The confusion entries of an id: (id, −ln weight × 10, kind).
    pub(crate) fn confusions(&self, id: u16) -> impl Iterator<Item = (u16, u8, u8)> + '_ {
        let (lo, hi) = if self.has_conf && (id as usize) < self.vocab_len {
            (
                self.conf_first_at(id as usize) as usize,
                self.conf_first_at(id as usize + 1) as usize,
            )
        } else {
            (0, 0)
        };
        (lo..hi.min(self.conf_len)).map(move |i| {
            let k = self.conf.at + 4 * i;
            let e = &self.bytes[k..k + 4];
            (u16::from_le_bytes([e[0], e[1]]), e[2], e[3])
        })
    }

    /// Size of the file in bytes.
    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }
}
