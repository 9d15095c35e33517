//! The confusable-character detector: gate, candidates, scoring.
//!
//! For each run of Han characters:
//!
//! 1. **Gate.** A position is suspicious when the trigram centred on it
//!    (with the run's edges) is not in the model: two probes of the trie
//!    per character, the second in a small range.
//! 2. **Candidates** at a suspicious position: its confusable characters
//!    (same or near sound, similar shape, from the model file) — whether
//!    the character as written forms a dictionary word or not, so real-word
//!    errors (懂事会) and dictionary-listed misspellings (官理) are tried
//!    like any other. Where two neighbours are both suspicious, pairs of
//!    same- or near-sound replacements that the model knows as a bigram
//!    (淡味 → 单位).
//! 3. **Score.** How much more probable the four predictions that see the
//!    replaced characters become (natural log, the character model), plus
//!    the log-weight of the confusion, optionally plus a share of the gain
//!    of the word list's segmentation (the word-level signal). A candidate
//!    is reported at [`Thresholds::single`] (pairs: [`Thresholds::pair`]);
//!    the best replacement is applied before the neighbours are judged
//!    again, so one error is not reported twice.

use super::{is_han, ContextModel, Tokens};

/// The scores a finding needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// A one-character replacement: gain (natural log) at least this.
    pub single: f32,
    /// A two-character replacement.
    pub pair: f32,
    /// Share of the word-level gain added to the score (0: none).
    pub word: f32,
    /// Which positions are scored.
    pub gate: Gate,
    /// A pair is replaced only where the model does not know it as a
    /// bigram.
    pub pair_unknown: bool,
}

/// Which positions the detector scores. Each asks first that the trigram
/// centred on the character be unknown to the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Gate {
    /// Only that.
    Centred,
    /// Also a trigram ending or starting at the character unknown.
    Side,
    /// Also a bigram with a neighbour unknown.
    Bigram,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            single: 15.0,
            pair: 18.0,
            word: 0.0,
            gate: Gate::Side,
            pair_unknown: false,
        }
    }
}

/// A replacement, with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The replacement for the span.
    pub text: String,
    /// Its score (natural log; higher is more certain).
    pub score: f32,
}

/// A suspected typo.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Byte range in the checked text.
    pub span: std::ops::Range<usize>,
    /// The text as written (one or two characters).
    pub found: String,
    /// Replacements, best first (never empty).
    pub suggestions: Vec<Suggestion>,
}

/// Why a character was or was not flagged (for the accuracy harness).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Explanation {
    /// The right character is not among the confusable ones.
    NotConfusable,
    /// The gate did not open at this position.
    GateClosed,
    /// Tried, but the right character's score is below the threshold.
    ScoreTooLow(f32),
    /// The right character would be flagged (score).
    Flagged(f32),
}

/// The detector. Cheap to clone.
#[derive(Clone)]
pub struct Detector {
    model: ContextModel,
    thresholds: Thresholds,
    lexicon: crate::dict::Lexicon,
}

impl std::fmt::Debug for Detector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Detector")
            .field("model", &self.model)
            .field("thresholds", &self.thresholds)
            .finish()
    }
}

/// Characters of context either side for the word-level signal.
const WORD_REACH: usize = 4;

/// At most this many confusable characters are tried at a position.
const MAX_CANDIDATES: usize = 64;

/// A pair written as a word of the word list at least this frequent is
/// not replaced.
const PAIR_WORD_FREQ: u32 = 50;

/// Suggestions kept per finding.
const MAX_SUGGESTIONS: usize = 5;

/// A scored replacement at a position.
#[derive(Debug, Clone, Copy)]
struct Cand {
    score: f32,
    /// The replacement's base and user ids and character.
    id: u16,
    uid: u16,
    c: char,
}

impl Detector {
    /// A detector over `model` with the default thresholds.
    pub fn new(model: &ContextModel) -> Detector {
        model.filter();
        Detector {
            model: model.clone(),
            thresholds: Thresholds::default(),
            lexicon: crate::dict::Lexicon::builtin(),
        }
    }

    /// The same detector with other thresholds.
    pub fn with_thresholds(mut self, t: Thresholds) -> Detector {
        self.thresholds = t;
        self
    }

    /// Positions the gate opens in `text`, and Han characters.
    pub fn gate_rate(&self, text: &str) -> (usize, usize) {
        let mut t = Tokens::default();
        let (mut open, mut all) = (0, 0);
        for run in super::han_runs(text) {
            t.fill(&self.model, run.chars());
            let n = t.base.len() - 2;
            all += n;
            open += (1..=n).filter(|&i| self.gate(&t.base, i)).count();
        }
        (open, all)
    }

    /// The thresholds in use.
    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    /// The suspected typos of `text`, in text order.
    pub fn check(&self, text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        let mut start = None;
        for (b, c) in text.char_indices().chain(std::iter::once((text.len(), '\n'))) {
            if is_han(c) {
                start.get_or_insert(b);
            } else if let Some(s) = start.take() {
                self.check_run(text, s, b, &mut scratch, &mut out);
            }
        }
        out
    }

    /// How the detector judges the character at char index `at` of
    /// `text`, if `right` were the right one.
    pub fn explain(&self, text: &str, at: usize, right: char) -> Explanation {
        let chars: Vec<char> = text.chars().collect();
        let Some(&c) = chars.get(at) else {
            return Explanation::NotConfusable;
        };
        let Some((_, weight, _)) = self.model.confusions(c).find(|&(d, _, _)| d == right) else {
            return Explanation::NotConfusable;
        };
        // The run around `at`.
        let mut s = at;
        while s > 0 && is_han(chars[s - 1]) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < chars.len() && is_han(chars[e]) {
            e += 1;
        }
        let run: String = chars[s..e].iter().collect();
        let mut sc = Scratch::default();
        sc.tokens.fill(&self.model, run.chars());
        sc.chars = run.chars().collect();
        let i = at - s + 1;
        let score = self.score_single(&mut sc, i, self.candidate(right)).score + weight.ln();
        let score = score + self.thresholds.word * self.word_gain(&sc, i, &[right]);
        if !self.gate(&sc.tokens.base, i) {
            return Explanation::GateClosed;
        }
        if score >= self.thresholds.single {
            Explanation::Flagged(score)
        } else {
            Explanation::ScoreTooLow(score)
        }
    }

    fn candidate(&self, c: char) -> Cand {
        Cand {
            score: 0.0,
            id: self.model.file().id(c),
            uid: self.model.user_file().map_or(0, |u| u.id(c)),
            c,
        }
    }

    /// Whether the gate opens at token `i`: the trigram centred on it is
    /// unknown (and, with the strict gate, a bigram with a neighbour too).
    #[inline]
    fn gate(&self, t: &[u16], i: usize) -> bool {
        use super::filter::key;
        let f = self.model.filter();
        let (a, b, c) = (t[i - 1], t[i], t[i + 1]);
        if f.contains(key(a, b, c)) {
            return false;
        }
        match self.thresholds.gate {
            Gate::Centred => true,
            Gate::Bigram => !f.contains(key(0xffff, a, b)) || !f.contains(key(0xffff, b, c)),
            _ => (i >= 2 && !f.contains(key(t[i - 2], a, b))) || (i + 2 < t.len() && !f.contains(key(b, c, t[i + 2]))),
        }
    }

    fn check_run(&self, text: &str, from: usize, to: usize, sc: &mut Scratch, out: &mut Vec<Finding>) {
        let run = &text[from..to];
        sc.chars.clear();
        sc.chars.extend(run.chars());
        sc.offsets.clear();
        sc.offsets.extend(run.char_indices().map(|(b, _)| from + b));
        sc.offsets.push(to);
        sc.tokens.fill(&self.model, run.chars());
        let n = sc.chars.len();
        // 1. The gate: token i (1..=n) is char i - 1.
        sc.gated.clear();
        sc.gated.extend((1..=n).filter(|&i| self.gate(&sc.tokens.base, i)));
        if sc.gated.is_empty() {
            return;
        }
        // 2. The best replacement at each gated position.
        let mut best: Vec<(usize, Vec<Cand>)> = sc
            .gated
            .clone()
            .into_iter()
            .map(|i| (i, self.candidates(sc, i)))
            .collect();
        let t = self.thresholds;
        let mut done: Vec<usize> = Vec::new();
        loop {
            let top = best
                .iter()
                .filter(|(i, _)| !done.contains(i))
                .filter_map(|(i, cands)| cands.first().map(|c| (*i, *c)))
                .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)));
            let Some((i, cand)) = top else { break };
            if cand.score < t.single {
                break;
            }
            let cands = best
                .iter()
                .find(|(j, _)| *j == i)
                .map(|(_, c)| c.clone())
                .unwrap_or_default();
            out.push(Finding {
                span: sc.offsets[i - 1]..sc.offsets[i],
                found: sc.chars[i - 1].to_string(),
                suggestions: cands
                    .iter()
                    .filter(|c| c.score >= t.single)
                    .take(MAX_SUGGESTIONS)
                    .map(|c| Suggestion {
                        text: c.c.to_string(),
                        score: c.score,
                    })
                    .collect(),
            });
            done.push(i);
            // Judge the neighbours again with the correction applied.
            sc.tokens.base[i] = cand.id;
            if !sc.tokens.user.is_empty() {
                sc.tokens.user[i] = cand.uid;
            }
            sc.chars[i - 1] = cand.c;
            for (j, cands) in best.iter_mut() {
                if !done.contains(j) && j.abs_diff(i) <= 3 {
                    *cands = self.candidates(sc, *j);
                }
            }
        }
        // 3. Pairs of neighbours, both gated, neither flagged.
        if !t.pair.is_finite() {
            out.sort_by_key(|f| f.span.start);
            return;
        }
        for w in sc.gated.clone().windows(2) {
            let (i, j) = (w[0], w[1]);
            if j != i + 1 || done.contains(&i) || done.contains(&j) || done.iter().any(|&d| d.abs_diff(i) <= 3) {
                continue;
            }
            if let Some((score, a, b)) = self.best_pair(sc, i) {
                if score >= t.pair {
                    out.push(Finding {
                        span: sc.offsets[i - 1]..sc.offsets[i + 1],
                        found: sc.chars[i - 1..i + 1].iter().collect(),
                        suggestions: vec![Suggestion {
                            text: [a.c, b.c].iter().collect(),
                            score,
                        }],
                    });
                    done.extend([i, j]);
                }
            }
        }
        out.sort_by_key(|f| f.span.start);
    }

    /// The scored replacements at token `i`, best first.
    fn candidates(&self, sc: &mut Scratch, i: usize) -> Vec<Cand> {
        let f = self.model.file();
        let c = sc.tokens.base[i];
        let (prev, next) = (sc.tokens.base[i - 1], sc.tokens.base[i + 1]);
        let mut cands: Vec<Cand> = Vec::new();
        sc.base_lp.clear();
        for (d, w, _) in f.confusions(c).take(MAX_CANDIDATES) {
            // Only a replacement that the model knows between both
            // neighbours (a kept trigram) is scored: a cheap test.
            if !self.model.filter().contains(super::filter::key(prev, d, next)) {
                continue;
            }
            let Some(ch) = f.char_of(d) else { continue };
            let mut cand = self.candidate(ch);
            cand.id = d;
            let mut s = self.score_single(sc, i, cand);
            s.score -= f32::from(w) / 10.0;
            cands.push(s);
        }
        let t = self.thresholds;
        if t.word != 0.0 {
            // The word-level signal for the few that come near.
            for cand in cands.iter_mut().filter(|x| x.score >= t.single - 6.0) {
                cand.score += t.word * self.word_gain(sc, i, &[cand.c]);
            }
        }
        cands.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.c.cmp(&b.c)));
        cands
    }

    /// The character model's gain when token `i` becomes `cand` (the
    /// confusion's weight not included).
    fn score_single(&self, sc: &mut Scratch, i: usize, mut cand: Cand) -> Cand {
        let n = sc.tokens.base.len();
        let last = (i + 3).min(n - 1);
        if sc.base_lp.is_empty() {
            sc.base_lp = (i..=last).map(|k| self.model.logp_at(&sc.tokens, k)).collect();
        }
        let before: f32 = sc.base_lp.iter().sum();
        let (old, old_u) = (sc.tokens.base[i], sc.tokens.user.get(i).copied());
        sc.tokens.base[i] = cand.id;
        if let Some(u) = sc.tokens.user.get_mut(i) {
            *u = cand.uid;
        }
        let after: f32 = (i..=last).map(|k| self.model.logp_at(&sc.tokens, k)).sum();
        sc.tokens.base[i] = old;
        if let (Some(u), Some(o)) = (sc.tokens.user.get_mut(i), old_u) {
            *u = o;
        }
        cand.score = after - before;
        cand
    }

    /// The best same-sound pair (any tone) for tokens `i`, `i + 1`.
    fn best_pair(&self, sc: &mut Scratch, i: usize) -> Option<(f32, Cand, Cand)> {
        let f = self.model.file();
        let (a, b) = (sc.tokens.base[i], sc.tokens.base[i + 1]);
        let sound = |id: u16| -> Vec<(u16, u8)> {
            f.confusions(id)
                .filter(|&(_, _, k)| {
                    matches!(
                        super::ConfusionKind::from_code(k),
                        Some(super::ConfusionKind::SameSound | super::ConfusionKind::OtherTone)
                    )
                })
                .map(|(d, w, _)| (d, w))
                .take(MAX_CANDIDATES)
                .collect()
        };
        let filter = self.model.filter();
        use super::filter::key;
        // A two-character error leaves a bigram the model does not know,
        // and rarely a word of the word list (which lists a few common
        // misspellings, with small frequencies: 官理 3).
        if self.thresholds.pair_unknown && filter.contains(key(0xffff, a, b)) {
            return None;
        }
        let written: String = sc.chars[i - 1..i + 1].iter().collect();
        if self.lexicon.freq(&written).is_some_and(|f| f >= PAIR_WORD_FREQ) {
            return None;
        }
        let (prev, next) = (sc.tokens.base[i - 1], sc.tokens.base[i + 2]);
        // Cheap tests first, each replacement alone: it fits its outer
        // neighbour.
        let mut xs = sound(a);
        xs.retain(|&(x, _)| filter.contains(key(0xffff, prev, x)));
        if xs.is_empty() {
            return None;
        }
        let mut ys = sound(b);
        ys.retain(|&(y, _)| filter.contains(key(0xffff, y, next)));
        if ys.is_empty() {
            return None;
        }
        let n = sc.tokens.base.len();
        let last = (i + 4).min(n - 1);
        let before: f32 = (i..=last).map(|k| self.model.logp_at(&sc.tokens, k)).sum();
        let mut best: Option<(f32, Cand, Cand)> = None;
        let saved = sc.tokens.clone();
        for &(x, wx) in &xs {
            for &(y, wy) in &ys {
                // The new pair fits both neighbours.
                if !filter.contains(key(prev, x, y)) || !filter.contains(key(x, y, next)) {
                    continue;
                }
                let (Some(cx), Some(cy)) = (f.char_of(x), f.char_of(y)) else {
                    continue;
                };
                let (mut p, mut q) = (self.candidate(cx), self.candidate(cy));
                p.id = x;
                q.id = y;
                sc.tokens.base[i] = x;
                sc.tokens.base[i + 1] = y;
                if !sc.tokens.user.is_empty() {
                    sc.tokens.user[i] = p.uid;
                    sc.tokens.user[i + 1] = q.uid;
                }
                let after: f32 = (i..=last).map(|k| self.model.logp_at(&sc.tokens, k)).sum();
                let score = after - before - (f32::from(wx) + f32::from(wy)) / 10.0;
                if best.as_ref().is_none_or(|bst| score > bst.0) {
                    best = Some((score, p, q));
                }
            }
        }
        sc.tokens = saved;
        let t = self.thresholds;
        if t.word != 0.0 {
            if let Some((s, p, q)) = best.as_mut() {
                *s += t.word * self.word_gain(sc, i, &[p.c, q.c]);
            }
        }
        best
    }

    /// The word list's gain (natural log) when chars from token `i` on
    /// become `with`, on the passage around them.
    fn word_gain(&self, sc: &Scratch, i: usize, with: &[char]) -> f32 {
        let k = i - 1;
        let from = k.saturating_sub(WORD_REACH);
        let to = (k + with.len() + WORD_REACH).min(sc.chars.len());
        let original: String = sc.chars[from..to].iter().collect();
        let corrected: String = sc.chars[from..to]
            .iter()
            .enumerate()
            .map(|(j, &c)| {
                let j = from + j;
                if j >= k && j < k + with.len() {
                    with[j - k]
                } else {
                    c
                }
            })
            .collect();
        (crate::score::segment_logprob(&self.lexicon, &corrected)
            - crate::score::segment_logprob(&self.lexicon, &original)) as f32
    }
}

/// Buffers reused across runs.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    offsets: Vec<usize>,
    tokens: Tokens,
    gated: Vec<usize>,
    base_lp: Vec<f32>,
}
