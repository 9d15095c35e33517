//! The contextual model of official Chinese and the confusable-character
//! detector built on it (issue 13).
//!
//! Three parts, each usable alone:
//!
//! * [`ContextModel`]: a character 4-gram model (interpolated absolute
//!   discounting, pruned, quantized) in a packed trie over character ids,
//!   read in place from its file ([`format`](self) version 1), with the
//!   confusion sets stored beside it. The built-in model (feature
//!   `builtin-model`, crate `jiaodui-model`) is counted from 44 M
//!   characters of official prose; [`ContextModel::with_user`] interpolates
//!   an office's own model with it.
//! * [`Counter`]: counting texts into a model file (streaming, bounded
//!   memory, byte-for-byte reproducible) — what `tools/build-model` and
//!   `jiaodui lm build` call.
//! * [`Detector`]: finds characters the model finds improbable (a cheap
//!   gate: the centred trigram is unknown), tries their confusable
//!   characters and pairs of adjacent characters, and reports those whose
//!   replacement makes the passage clearly more probable, with ranked
//!   suggestions.
//!
//! ```
//! use jiaodui::__ctx::{BuildOptions, ContextModel, Counter, Detector, Thresholds};
//!
//! // A toy model; in real use ContextModel::builtin() (44 M characters).
//! let mut counter = Counter::new();
//! for _ in 0..3 {
//!     counter.add("我们要加强管理工作。管理制度不断完善。加强管理，规范管理。外交官。");
//! }
//! let options = BuildOptions {
//!     min_counts: [1, 1, 1],
//!     confusions: vec![('官', vec![('管', 1.0, 0)])],
//! };
//! let model = ContextModel::from_bytes(counter.finish(&options))?;
//! assert_eq!(model.confusions('官').next().map(|c| c.0), Some('管'));
//!
//! // The built-in model's thresholds suit 44 M characters; a toy one needs lower.
//! let toy = Thresholds { single: 3.0, ..Thresholds::default() };
//! let found = Detector::new(&model).with_thresholds(toy).check("我们要加强官理工作。");
//! assert_eq!(found.len(), 1);
//! assert_eq!((found[0].found.as_str(), found[0].suggestions[0].text.as_str()), ("官", "管"));
//! # Ok::<(), jiaodui::__ctx::FormatError>(())
//! ```
//!
//! This API is `#[doc(hidden)]` while the spelling pipeline integrates it;
//! `typo.confusable` keeps its guards (names, function words, the
//! allow-list, suppressions) around the detector's findings.

mod build;
mod detect;
mod filter;
mod format;

use std::sync::Arc;

pub use build::{BuildOptions, ConfusionSet, Counter, ORDER};
pub use detect::{Detector, Explanation, Finding, Gate, Suggestion, Thresholds};
pub use format::{FormatError, FormatErrorKind, HEADER, MAGIC, VERSION};

use format::{Bytes, File, EDGE};

/// Whether `c` is a Han character (the ranges of CJK Unified Ideographs
/// and their extensions, and the compatibility ideographs).
#[inline]
pub(crate) fn is_han(c: char) -> bool {
    let cp = c as u32;
    cp.wrapping_sub(0x4E00) <= 0x9FFF - 0x4E00 || matches!(cp, 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// How two characters are confusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConfusionKind {
    /// The same syllable and tone.
    SameSound,
    /// The same syllable in another tone.
    OtherTone,
    /// A syllable a merged pair of sounds makes equal (zh/z, ch/c, sh/s,
    /// n/l, f/h, r/l, in/ing, en/eng, an/ang, ian/iang, uan/uang), any tone.
    NearSound,
    /// A shape listed as similar (`dictionaries/shape-similar.tsv`).
    Shape,
    /// The same radical and nearly the same residual strokes (Unihan
    /// kRSAdobe_Japan1_6 / kRSKangXi).
    Radical,
}

impl ConfusionKind {
    /// The byte stored in the model file.
    pub fn code(self) -> u8 {
        match self {
            ConfusionKind::SameSound => 0,
            ConfusionKind::OtherTone => 1,
            ConfusionKind::NearSound => 2,
            ConfusionKind::Shape => 3,
            ConfusionKind::Radical => 4,
        }
    }

    /// The kind of a stored byte.
    pub fn from_code(code: u8) -> Option<ConfusionKind> {
        Some(match code {
            0 => ConfusionKind::SameSound,
            1 => ConfusionKind::OtherTone,
            2 => ConfusionKind::NearSound,
            3 => ConfusionKind::Shape,
            4 => ConfusionKind::Radical,
            _ => return None,
        })
    }

    /// Whether the two characters sound alike (the first three kinds).
    pub fn is_sound(self) -> bool {
        matches!(
            self,
            ConfusionKind::SameSound | ConfusionKind::OtherTone | ConfusionKind::NearSound
        )
    }
}

/// A character n-gram model of official Chinese, read in place from its
/// file, with the confusion sets.
///
/// Cheap to clone (the bytes are shared). See the [module](self) docs.
#[derive(Clone)]
pub struct ContextModel {
    base: File,
    /// The gate's filter, derived on first use.
    gate: Arc<std::sync::OnceLock<filter::Filter>>,
    /// An office's own model and its weight in the interpolation.
    user: Option<(File, f64)>,
}

impl std::fmt::Debug for ContextModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContextModel")
            .field("bytes", &self.base.len())
            .field("vocabulary", &self.base.vocab_len)
            .field("ngrams", &self.base.n)
            .field("confusions", &self.base.conf_len)
            .field("user", &self.user.as_ref().map(|(u, w)| (u.len(), *w)))
            .finish()
    }
}

/// Facts about a model file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ModelInfo {
    /// File size in bytes.
    pub bytes: usize,
    /// Tokens in the vocabulary (characters and the two special tokens).
    pub vocabulary: usize,
    /// Kept n-grams of orders 2, 3 and 4.
    pub ngrams: [usize; 3],
    /// The minimum counts of orders 2, 3, 4 that pruning kept.
    pub min_counts: [u8; 3],
    /// Confusion entries stored.
    pub confusions: usize,
    /// Han characters counted.
    pub characters: u64,
}

impl ContextModel {
    /// Reads a model from the bytes of its file, checking version, lengths,
    /// checksum and the tables' consistency.
    pub fn from_bytes(bytes: impl Into<Arc<[u8]>>) -> Result<ContextModel, FormatError> {
        Ok(ContextModel {
            base: File::parse(Bytes::Shared(bytes.into()), true)?,
            gate: Arc::default(),
            user: None,
        })
    }

    /// Opens a model embedded in the binary, in place. The checksum is
    /// checked too unless `verify` is false (the built-in model's checksum
    /// is checked by a test of the `jiaodui-model` crate).
    pub fn from_static(bytes: &'static [u8], verify: bool) -> Result<ContextModel, FormatError> {
        Ok(ContextModel {
            base: File::parse(Bytes::Static(bytes), verify)?,
            gate: Arc::default(),
            user: None,
        })
    }

    /// The built-in model (crate `jiaodui-model`).
    #[cfg(feature = "builtin-model")]
    pub fn builtin() -> ContextModel {
        static MODEL: std::sync::OnceLock<ContextModel> = std::sync::OnceLock::new();
        MODEL
            .get_or_init(|| {
                ContextModel::from_static(jiaodui_model::MODEL, false)
                    .expect("the jiaodui-model crate ships a valid model (its tests check)")
            })
            .clone()
    }

    /// Opens the built-in model with the checksum pass (what its tests run;
    /// [`ContextModel::builtin`] skips it).
    #[cfg(feature = "builtin-model")]
    pub fn builtin_verified() -> Result<ContextModel, FormatError> {
        ContextModel::from_static(jiaodui_model::MODEL, true)
    }

    /// This model interpolated with an office's own `user` model (built by
    /// [`Counter`] from its archive), which gets `weight` (0..1) of each
    /// probability. The confusion sets stay this model's.
    pub fn with_user(mut self, user: &ContextModel, weight: f64) -> ContextModel {
        self.user = Some((user.base.clone(), weight.clamp(0.0, 1.0)));
        self
    }

    /// Facts about the (base) model file.
    pub fn info(&self) -> ModelInfo {
        let f = &self.base;
        ModelInfo {
            bytes: f.len(),
            vocabulary: f.vocab_len,
            ngrams: f.n,
            min_counts: f.min_counts,
            confusions: f.conf_len,
            characters: f.chars_counted,
        }
    }

    /// The characters confusable with `c`, most likely first: the
    /// character, the weight of the confusion (0..1] and its kind.
    pub fn confusions(&self, c: char) -> impl Iterator<Item = (char, f32, ConfusionKind)> + '_ {
        let f = &self.base;
        let id = f.id(c);
        let id = if id < 2 { u16::MAX } else { id };
        f.confusions(id).filter_map(move |(d, w, kind)| {
            Some((
                f.char_of(d)?,
                (-(f32::from(w)) / 10.0).exp(),
                ConfusionKind::from_code(kind)?,
            ))
        })
    }

    /// Natural log-probability of the Han characters of `text`, each given
    /// up to three before it; every run of Han characters counts with its
    /// start and end.
    pub fn logprob(&self, text: &str) -> f64 {
        let mut sum = 0.0;
        let mut tokens = Tokens::default();
        for run in han_runs(text) {
            tokens.fill(self, run.chars());
            for k in 1..tokens.base.len() {
                sum += f64::from(self.logp_at(&tokens, k));
            }
        }
        sum
    }

    /// ln p of token `k` of `t` given the tokens before it.
    #[inline]
    pub(crate) fn logp_at(&self, t: &Tokens, k: usize) -> f32 {
        let b = ln_p(&self.base, &t.base, k);
        match &self.user {
            None => b,
            Some((u, w)) => {
                let pu = ln_p(u, &t.user, k).exp();
                let w = *w as f32;
                (w * pu + (1.0 - w) * b.exp()).max(f32::MIN_POSITIVE).ln()
            }
        }
    }

    /// The gate's filter (derived from the trie on first use).
    pub(crate) fn filter(&self) -> &filter::Filter {
        self.gate.get_or_init(|| filter::Filter::of(&self.base))
    }

    /// Bytes of memory the gate's filter takes (derived on first use).
    pub fn filter_bytes(&self) -> usize {
        self.filter().bytes()
    }

    pub(crate) fn file(&self) -> &File {
        &self.base
    }

    pub(crate) fn user_file(&self) -> Option<&File> {
        self.user.as_ref().map(|(u, _)| u)
    }
}

/// The tokens of a run of Han characters with an edge token either side,
/// in the ids of the base model and of the user model.
#[derive(Default, Debug, Clone)]
pub(crate) struct Tokens {
    pub(crate) base: Vec<u16>,
    pub(crate) user: Vec<u16>,
}

impl Tokens {
    pub(crate) fn fill(&mut self, m: &ContextModel, run: impl Iterator<Item = char> + Clone) {
        self.base.clear();
        self.base.push(EDGE);
        self.base.extend(run.clone().map(|c| m.base.id(c)));
        self.base.push(EDGE);
        self.user.clear();
        if let Some(u) = m.user_file() {
            self.user.push(EDGE);
            self.user.extend(run.map(|c| u.id(c)));
            self.user.push(EDGE);
        }
    }
}

/// The runs of Han characters of a text.
pub(crate) fn han_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_han(c)).filter(|r| !r.is_empty())
}

/// ln p of token `k` of `t` given up to three before it, in model `f`
/// (backing off through the trie).
#[inline]
pub(crate) fn ln_p(f: &File, t: &[u16], k: usize) -> f32 {
    let Some(&w) = t.get(k) else { return 0.0 };
    let mut acc: i32 = 0;
    if k >= 3 {
        if let Some(n3) = node3(f, t[k - 3], t[k - 2], t[k - 1]) {
            let (lo, hi) = f.children(1, n3 as usize);
            if let Some(e) = f.find(2, lo, hi, w) {
                return (acc - i32::from(f.p(2, e as usize))) as f32 / 10.0;
            }
            acc += i32::from(f.b(1, n3 as usize));
        }
    }
    if k >= 2 {
        if let Some(n2) = node2(f, t[k - 2], t[k - 1]) {
            let (lo, hi) = f.children(0, n2 as usize);
            if let Some(e) = f.find(1, lo, hi, w) {
                return (acc - i32::from(f.p(1, e as usize))) as f32 / 10.0;
            }
            acc += i32::from(f.b(0, n2 as usize));
        }
    }
    if k >= 1 {
        let c = t[k - 1] as usize;
        if let Some(e) = f.find(0, f.c1_at(c), f.c1_at(c + 1), w) {
            return (acc - i32::from(f.p(0, e as usize))) as f32 / 10.0;
        }
        acc += i32::from(f.b1(t[k - 1]));
    }
    (acc - i32::from(f.p1(w))) as f32 / 10.0
}

/// The order-2 entry of (a, b).
#[inline]
pub(crate) fn node2(f: &File, a: u16, b: u16) -> Option<u32> {
    let a = a as usize;
    f.find(0, f.c1_at(a), f.c1_at(a + 1), b)
}

/// The order-3 entry of (a, b, c).
#[inline]
pub(crate) fn node3(f: &File, a: u16, b: u16, c: u16) -> Option<u32> {
    let (lo, hi) = f.children(0, node2(f, a, b)? as usize);
    f.find(1, lo, hi, c)
}

/// Internals for the project's tools and tests.
#[doc(hidden)]
pub mod internals {
    /// CRC-32 of the format.
    pub fn crc32(bytes: &[u8]) -> u32 {
        super::format::crc32(bytes)
    }
}

#[cfg(test)]
mod tests;
