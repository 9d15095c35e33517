//! Counting character n-grams of running text and writing a model file:
//! the library side of the tool that builds the built-in model and of
//! `jiaodui lm build`.
//!
//! Counting streams: texts go in one at a time, n-gram keys gather in a
//! buffer of bounded size that is sorted and merged into the sorted counts
//! whenever it fills. Memory is the distinct n-grams (12 bytes each) plus
//! the buffer; the output depends only on the texts and their order's
//! multiset (the counts), never on hashing or threads, so the same input
//! gives the same bytes.

use super::format::{self, Tables, EDGE, UNKNOWN};

/// The highest order counted.
pub const ORDER: usize = 4;

/// Ids beyond this many distinct characters count as unknown (the format
/// has 16-bit ids).
const MAX_VOCAB: usize = 65_000;

/// Keys buffered before a sort-and-merge.
const BUFFER: usize = 1 << 22;

/// A character's confusion set: its confusable characters, each with a
/// weight in (0, 1] and a kind (see [`ConfusionKind::code`](super::ConfusionKind::code)).
pub type ConfusionSet = (char, Vec<(char, f64, u8)>);

/// How a model is pruned and what it carries.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Minimum count of a kept n-gram of order 2, 3 and 4.
    pub min_counts: [u32; 3],
    /// Confusion sets to store: for each character, its confusable
    /// characters with a weight in (0, 1] and a kind (see
    /// [`ConfusionKind`](super::ConfusionKind)). Characters the model does
    /// not know are left out.
    pub confusions: Vec<ConfusionSet>,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            min_counts: [2, 3, 3],
            confusions: Vec::new(),
        }
    }
}

/// Counts the character n-grams (orders 1 to 4) of texts, for
/// [`Counter::finish`] to write a model file.
///
/// ```
/// use jiaodui::__ctx::{BuildOptions, ContextModel, Counter};
///
/// let mut counter = Counter::new();
/// counter.add("总体方案已经印发。总体要求是稳中求进。");
/// let bytes = counter.finish(&BuildOptions { min_counts: [1, 1, 1], ..BuildOptions::default() });
/// let model = ContextModel::from_bytes(bytes)?;
/// assert!(model.logprob("总体方案") > model.logprob("总休方案"));
/// # Ok::<(), jiaodui::__ctx::FormatError>(())
/// ```
#[derive(Debug, Default)]
pub struct Counter {
    /// Provisional id of each character, in order of first sight.
    ids: std::collections::HashMap<char, u16>,
    chars: Vec<char>,
    /// Per order: buffered keys, and sorted (key, count).
    buffers: [Vec<u64>; ORDER],
    counts: [Vec<(u64, u32)>; ORDER],
    han: u64,
    run: Vec<u16>,
    /// Keys buffered per order before a sort-and-merge (0: [`BUFFER`]).
    buffer: usize,
}

fn is_han(c: char) -> bool {
    super::is_han(c)
}

/// A key of `ids` (at most four, each 16 bits), the first in the high bits.
fn key(ids: &[u16]) -> u64 {
    ids.iter().fold(0u64, |k, &i| (k << 16) | u64::from(i))
}

/// Sorted (key, count) of a sorted buffer.
fn runs(buf: &mut Vec<u64>) -> Vec<(u64, u32)> {
    buf.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for &k in buf.iter() {
        match out.last_mut() {
            Some((last, n)) if *last == k => *n = n.saturating_add(1),
            _ => out.push((k, 1)),
        }
    }
    buf.clear();
    out
}

/// Merges two sorted count lists.
fn merge(a: Vec<(u64, u32)>, b: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1.saturating_add(b[j].1)));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

impl Counter {
    /// An empty counter.
    pub fn new() -> Counter {
        Counter::default()
    }

    /// A counter that sorts and merges every `keys` keys (for tests of the
    /// merging).
    #[cfg(test)]
    pub(crate) fn with_buffer(keys: usize) -> Counter {
        Counter {
            buffer: keys.max(1),
            ..Counter::default()
        }
    }

    /// Counts the runs of Han characters of `text`; anything else (digits,
    /// letters, punctuation, line breaks) ends a run.
    pub fn add(&mut self, text: &str) {
        let mut run = std::mem::take(&mut self.run);
        run.clear();
        run.push(EDGE);
        for c in text.chars() {
            if is_han(c) {
                let id = match self.ids.get(&c) {
                    Some(&id) => id,
                    None if self.chars.len() < MAX_VOCAB => {
                        let id = (self.chars.len() + 2) as u16;
                        self.chars.push(c);
                        self.ids.insert(c, id);
                        id
                    }
                    None => UNKNOWN,
                };
                run.push(id);
            } else if run.len() > 1 {
                run.push(EDGE);
                self.count_run(&run);
                run.truncate(1);
            }
        }
        if run.len() > 1 {
            run.push(EDGE);
            self.count_run(&run);
        }
        self.run = run;
    }

    /// Counts the n-grams of one run `EDGE c1 … cn EDGE`.
    fn count_run(&mut self, run: &[u16]) {
        self.han += (run.len() - 2) as u64;
        for i in 1..run.len() {
            // n-grams ending at i, orders 1..=4 (order 1 does not count
            // the leading edge).
            for n in 1..=ORDER.min(i + 1) {
                let k = key(&run[i + 1 - n..=i]);
                self.buffers[n - 1].push(k);
                if self.buffers[n - 1].len() >= if self.buffer == 0 { BUFFER } else { self.buffer } {
                    self.flush(n - 1);
                }
            }
        }
    }

    fn flush(&mut self, k: usize) {
        let fresh = runs(&mut self.buffers[k]);
        let old = std::mem::take(&mut self.counts[k]);
        self.counts[k] = merge(old, fresh);
    }

    /// Han characters counted so far.
    pub fn characters(&self) -> u64 {
        self.han
    }

    /// Distinct n-grams of each order counted so far (after a flush; an
    /// estimate while counting).
    pub fn distinct(&self) -> [usize; ORDER] {
        std::array::from_fn(|k| self.counts[k].len() + self.buffers[k].len())
    }

    /// Prunes, estimates and writes the model file.
    pub fn finish(mut self, options: &BuildOptions) -> Vec<u8> {
        for k in 0..ORDER {
            self.flush(k);
        }
        // Final ids: by count, then code point.
        let uni = &self.counts[0];
        let count_of = |id: u16| -> u32 {
            let k = u64::from(id);
            uni.binary_search_by_key(&k, |e| e.0).map_or(0, |i| uni[i].1)
        };
        let mut order: Vec<(u32, char, u16)> = self
            .chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let id = (i + 2) as u16;
                (count_of(id), c, id)
            })
            .collect();
        order.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut remap = vec![0u16; self.chars.len() + 2];
        remap[EDGE as usize] = EDGE;
        remap[UNKNOWN as usize] = UNKNOWN;
        let mut vocab = vec!['\0', '\0'];
        for (rank, &(_, c, id)) in order.iter().enumerate() {
            remap[id as usize] = (rank + 2) as u16;
            vocab.push(c);
        }
        let counts: Vec<Vec<(u64, u32)>> = (0..ORDER)
            .map(|k| {
                let n = k + 1;
                let mut v: Vec<(u64, u32)> = std::mem::take(&mut self.counts[k])
                    .into_iter()
                    .map(|(key, c)| {
                        let mut out = 0u64;
                        for j in (0..n).rev() {
                            let id = ((key >> (16 * j)) & 0xffff) as usize;
                            out = (out << 16) | u64::from(remap.get(id).copied().unwrap_or(UNKNOWN));
                        }
                        (out, c)
                    })
                    .collect();
                v.sort_unstable();
                v
            })
            .collect();
        estimate(vocab, self.han, &counts, options)
    }
}

/// For each n-gram of order `n` (sorted keys) as a context: the sum of the
/// counts of its continuations in order `n + 1` and their number.
fn context_stats(lower: &[(u64, u32)], upper: &[(u64, u32)]) -> Vec<(u64, u32)> {
    let mut out = vec![(0u64, 0u32); lower.len()];
    let mut i = 0;
    for &(k, c) in upper {
        let h = k >> 16;
        while i < lower.len() && lower[i].0 < h {
            i += 1;
        }
        if i < lower.len() && lower[i].0 == h {
            out[i].0 += u64::from(c);
            out[i].1 += 1;
        }
    }
    out
}

/// The discount of an order from its counts of counts (Ney et al.).
fn discount(counts: &[(u64, u32)]) -> f64 {
    let n1 = counts.iter().filter(|e| e.1 == 1).count() as f64;
    let n2 = counts.iter().filter(|e| e.1 == 2).count() as f64;
    if n1 + n2 == 0.0 {
        0.5
    } else {
        (n1 / (n1 + 2.0 * n2)).clamp(0.1, 0.95)
    }
}

struct Estimator<'a> {
    counts: &'a [Vec<(u64, u32)>],
    /// stats[k]: context statistics of order k + 1 entries (for order k + 2).
    stats: Vec<Vec<(u64, u32)>>,
    d: [f64; ORDER],
    total: f64,
    vocab: f64,
}

impl Estimator<'_> {
    fn index(&self, n: usize, k: u64) -> Option<usize> {
        self.counts[n - 1].binary_search_by_key(&k, |e| e.0).ok()
    }

    /// Interpolated probability of the last id of the `n`-gram `k`.
    fn prob(&self, n: usize, k: u64) -> f64 {
        if n == 1 {
            let c = self.index(1, k).map_or(0, |i| self.counts[0][i].1);
            return (f64::from(c) + 0.5) / (self.total + 0.5 * self.vocab);
        }
        let mask = if n - 1 == 4 {
            u64::MAX
        } else {
            (1u64 << (16 * (n - 1))) - 1
        };
        let lower = self.prob(n - 1, k & mask);
        let h = k >> 16;
        let Some(hi) = self.index(n - 1, h) else { return lower };
        let (ch, types) = self.stats[n - 2][hi];
        if ch == 0 {
            return lower;
        }
        let c = self.index(n, k).map_or(0, |i| self.counts[n - 1][i].1);
        let d = self.d[n - 1];
        let ch = ch as f64;
        (f64::from(c) - d).max(0.0) / ch + d * f64::from(types) / ch * lower
    }
}

/// Estimates the probabilities, prunes and lays out the tables.
fn estimate(vocab: Vec<char>, han: u64, counts: &[Vec<(u64, u32)>], options: &BuildOptions) -> Vec<u8> {
    let v = vocab.len();
    let stats: Vec<Vec<(u64, u32)>> = (0..ORDER - 1)
        .map(|k| context_stats(&counts[k], &counts[k + 1]))
        .collect();
    let est = Estimator {
        counts,
        stats,
        d: std::array::from_fn(|k| discount(&counts[k])),
        total: counts[0].iter().map(|e| f64::from(e.1)).sum(),
        vocab: v as f64,
    };
    // Kept n-grams of orders 2..=4, sorted keys (which sorts them by
    // context, then token: the layout of the trie).
    let kept: Vec<Vec<u64>> = (1..ORDER)
        .map(|k| {
            let min = options.min_counts[k - 1].max(1);
            counts[k].iter().filter(|e| e.1 >= min).map(|e| e.0).collect()
        })
        .collect();
    // Probabilities of the kept n-grams.
    let probs: Vec<Vec<f64>> = (0..ORDER - 1)
        .map(|k| kept[k].iter().map(|&key| est.prob(k + 2, key)).collect())
        .collect();
    let mask = |n: usize| if n == 4 { u64::MAX } else { (1u64 << (16 * n)) - 1 };
    // Backoff weight of each context: the mass its pruned continuations
    // keep, over what the lower order gives them.
    let backoff = |n: usize, ctxs: &[u64]| -> Vec<u8> {
        // n: order of the contexts; continuations in kept[n - 1] (order n + 1).
        let cont = &kept[n - 1];
        let pc = &probs[n - 1];
        let mut out = Vec::with_capacity(ctxs.len());
        let mut j = 0;
        for &h in ctxs {
            let (mut num, mut den) = (1.0f64, 1.0f64);
            while j < cont.len() && cont[j] >> 16 < h {
                j += 1;
            }
            while j < cont.len() && cont[j] >> 16 == h {
                num -= pc[j];
                den -= est.prob(n, cont[j] & mask(n));
                j += 1;
            }
            out.push(format::quantize_backoff(num.max(1e-9) / den.max(1e-9)));
        }
        out
    };
    let ids: Vec<u64> = (0..v as u64).collect();
    let mut t = Tables {
        vocab,
        chars_counted: han,
        min_counts: options.min_counts.map(|m| m.min(255) as u8),
        p1: ids.iter().map(|&id| format::quantize_cost(est.prob(1, id))).collect(),
        b1: backoff(1, &ids),
        ..Tables::default()
    };
    // First child of each entry: continuations sorted by context.
    let firsts = |ctxs: &[u64], cont: &[u64]| -> Vec<u32> {
        let mut out = Vec::with_capacity(ctxs.len() + 1);
        let mut j = 0;
        for &h in ctxs {
            while j < cont.len() && cont[j] >> 16 < h {
                j += 1;
            }
            out.push(j as u32);
        }
        out.push(cont.len() as u32);
        out
    };
    t.c1 = firsts(&ids, &kept[0]);
    for k in 0..ORDER - 1 {
        t.w[k] = kept[k].iter().map(|&key| (key & 0xffff) as u16).collect();
        t.p[k] = probs[k].iter().map(|&p| format::quantize_cost(p)).collect();
        if k < 2 {
            t.b[k] = backoff(k + 2, &kept[k]);
            t.c[k] = firsts(&kept[k], &kept[k + 1]);
        }
    }
    if !options.confusions.is_empty() {
        let id_of: std::collections::HashMap<char, u16> = t
            .vocab
            .iter()
            .enumerate()
            .skip(2)
            .map(|(i, &c)| (c, i as u16))
            .collect();
        let mut per_id: Vec<Vec<(u16, u8, u8)>> = vec![Vec::new(); v];
        for (c, list) in &options.confusions {
            let Some(&a) = id_of.get(c) else { continue };
            for &(d, w, kind) in list {
                if let Some(&b) = id_of.get(&d) {
                    if b != a && !per_id[a as usize].iter().any(|e| e.0 == b) {
                        per_id[a as usize].push((b, format::quantize_cost(w.clamp(1e-9, 1.0)), kind));
                    }
                }
            }
        }
        for list in &mut per_id {
            // Most likely first, then by id: deterministic.
            list.sort_unstable_by_key(|e| (e.1, e.0));
        }
        t.conf_first = Vec::with_capacity(v + 1);
        for list in &per_id {
            t.conf_first.push(t.conf.len() as u32);
            t.conf.extend_from_slice(list);
        }
        t.conf_first.push(t.conf.len() as u32);
    }
    t.to_bytes()
}
