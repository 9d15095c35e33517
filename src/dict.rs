//! Dictionaries: the built-in ones compiled to FSTs by the build script (`build/`) and
//! embedded in the binary, and user dictionaries compiled at run time.

use std::borrow::Cow;

use fst::{IntoStreamer, Streamer};

use crate::error::{Error, ErrorKind};
use crate::idiomkey;
use crate::tsv;
use crate::wordhash;

include!(concat!(env!("OUT_DIR"), "/word_tags.rs"));

static TYPO_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typo.fst"));
static TYPO_BLOB: &str = include_str!(concat!(env!("OUT_DIR"), "/typo.blob"));
static WORDS_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));
static IDIOMS_BLOB: &str = include_str!(concat!(env!("OUT_DIR"), "/idioms.blob"));
static IDIOMS_PAIRS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/idioms.pairs"));
static IDIOMS_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/idioms.index"));
static CONFUSABLES_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/confusables.fst"));
static CONFUSABLES_IDX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/confusables.idx"));
static CONFUSABLES_BLOB: &str = include_str!(concat!(env!("OUT_DIR"), "/confusables.blob"));
static WORDS_HASH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.hash"));
static INWORD_BITS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/inword.bits"));
static STANDALONE_BITS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/standalone.bits"));

/// Whether `c` is a frequent word of its own (的, 在, 年, 省 …): such a
/// character standing alone is no sign of a typo.
#[inline]
pub(crate) fn standalone(c: char) -> bool {
    let c = c as usize;
    STANDALONE_BITS.get(c >> 3).is_some_and(|&b| b & (1 << (c & 7)) != 0)
}

/// Whether `a` followed by `b` occurs inside a word of the word list (a
/// Bloom filter: rarely says yes wrongly, never no wrongly).
#[inline]
pub(crate) fn in_word(a: char, b: char) -> bool {
    crate::bigram::contains(INWORD_BITS, a, b)
}

/// The four-character idioms and fixed expressions that `idiom.near-miss`
/// knows, indexed for finding a text window that differs from one of them in
/// exactly one character.
pub(crate) struct Idioms {
    list: Vec<[char; 4]>,
    /// Bigram filters (`idiomkey`): for two adjacent characters, bit p set
    /// when some idiom has them at positions p, p+1; for two characters one
    /// apart, bit p when some idiom has them at p, p+2. A window that
    /// differs from an idiom only at position `k` keeps every pair not
    /// involving `k`.
    adjacent: &'static [u8],
    skip: &'static [u8],
}

impl Idioms {
    pub(crate) fn builtin() -> Idioms {
        let list: Vec<[char; 4]> = IDIOMS_BLOB
            .lines()
            .filter_map(|l| {
                let mut c = l.chars();
                let w = [c.next()?, c.next()?, c.next()?, c.next()?];
                c.next().is_none().then_some(w)
            })
            .collect();
        let (adjacent, skip) = IDIOMS_PAIRS.split_at(idiomkey::PAIR_BYTES.min(IDIOMS_PAIRS.len()));
        Idioms { list, adjacent, skip }
    }

    /// The idiom with index `i`.
    pub(crate) fn get(&self, i: u32) -> Option<String> {
        self.list.get(i as usize).map(|w| w.iter().collect())
    }

    /// The filter bits of two adjacent characters (see [`Idioms::near`]).
    #[inline]
    pub(crate) fn adjacent_bits(&self, a: char, b: char) -> u8 {
        idiomkey::pair_get(self.adjacent, a, b)
    }

    /// The filter bits of two characters one apart.
    #[inline]
    pub(crate) fn skip_bits(&self, a: char, b: char) -> u8 {
        idiomkey::pair_get(self.skip, a, b)
    }

    /// Idioms that differ from window `w` in exactly position `k`, for each
    /// `k` whose bit is set in `positions`: `(k, idiom index)`. `known`
    /// has bit p set when the caller knows that some idiom has `w[p],
    /// w[p + 1]` at positions p, p+1 (the hit it came from). The filters
    /// are read only as far as each position needs them.
    #[inline]
    pub(crate) fn near(&self, w: &[char; 4], positions: u8, known: u8, mut f: impl FnMut(usize, u32)) {
        let adj = |p: usize| known >> p & 1 == 1 || self.adjacent_bits(w[p], w[p + 1]) >> p & 1 == 1;
        let skip = |p: usize| self.skip_bits(w[p], w[p + 2]) >> p & 1 == 1;
        for k in (0..4).filter(|&k| positions >> k & 1 == 1) {
            // The pairs that a difference at k keeps must all be there.
            let open = match k {
                0 => adj(2) && adj(1) && skip(1),
                1 => adj(2) && skip(0),
                2 => adj(0) && skip(1),
                _ => adj(0) && adj(1) && skip(0),
            };
            if !open {
                continue;
            }
            for i in idiomkey::lookup(IDIOMS_INDEX, idiomkey::masked_key(w, k)) {
                if self.list.get(i as usize).is_some_and(|idiom| idiom[k] != w[k]) {
                    f(k, i);
                }
            }
        }
    }

    /// The idiom's character at position `k`.
    pub(crate) fn char_at(&self, i: u32, k: usize) -> Option<char> {
        self.list.get(i as usize).map(|w| w[k])
    }
}

/// How two characters are confusable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Confusion {
    /// Same syllable, any tone.
    Sound,
    /// Similar shape (dictionaries/shape-similar.tsv).
    Shape,
}

/// The characters confusable with `c`.
pub(crate) fn confusables(c: char) -> impl Iterator<Item = (char, Confusion)> {
    use crate::layout::{CONFUSABLE_INDEX_FROM, CONFUSABLE_INDEX_TO};
    let cp = c as u32;
    let rec = if (CONFUSABLE_INDEX_FROM..CONFUSABLE_INDEX_TO).contains(&cp) {
        // The common range: two reads of the direct index.
        let k = (cp - CONFUSABLE_INDEX_FROM) as usize * 4;
        let at = |k: usize| {
            CONFUSABLES_IDX
                .get(k..k + 4)
                .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        CONFUSABLES_BLOB.get(at(k)..at(k + 4)).unwrap_or("")
    } else {
        let map = fst::Map::new(CONFUSABLES_FST).expect("the build script writes a valid FST");
        let mut buf = [0u8; 4];
        map.get(c.encode_utf8(&mut buf).as_bytes())
            .and_then(|v| CONFUSABLES_BLOB.get((v >> 32) as usize..((v >> 32) + (v & 0xffff_ffff)) as usize))
            .unwrap_or("")
    };
    let mut chars = rec.chars();
    std::iter::from_fn(move || {
        let d = chars.next()?;
        let kind = if chars.next()? == 'S' {
            Confusion::Shape
        } else {
            Confusion::Sound
        };
        Some((d, kind))
    })
}

/// A typo dictionary: wrong form -> (correct forms, note), as an FST map
/// whose values locate the record in a text blob.
#[derive(Clone)]
pub(crate) struct TypoDict {
    map: fst::Map<Cow<'static, [u8]>>,
    blob: Cow<'static, str>,
    /// Its name: `dictionaries/typo.tsv` or the user's.
    source: std::sync::Arc<str>,
}

impl TypoDict {
    /// The built-in dictionary, opened in place: no copy, no parse.
    pub(crate) fn builtin() -> TypoDict {
        TypoDict {
            map: fst::Map::new(Cow::Borrowed(TYPO_FST)).expect("the build script writes a valid FST"),
            blob: Cow::Borrowed(TYPO_BLOB),
            source: "dictionaries/typo.tsv".into(),
        }
    }

    /// Compiles a user dictionary in the built-in format. `source` names it
    /// in error messages.
    pub(crate) fn compile(source: &str, text: &str) -> Result<TypoDict, Error> {
        let dict_err = |line, reason| {
            Error::new(ErrorKind::Dictionary {
                source: source.to_string(),
                line,
                reason,
            })
        };
        let (bytes, blob) = tsv::compile_typos(text).map_err(|e| dict_err(e.line, e.reason))?;
        Ok(TypoDict {
            map: fst::Map::new(Cow::Owned(bytes)).expect("just built"),
            blob: Cow::Owned(blob),
            source: source.into(),
        })
    }

    /// `(correct, note, line)` of a record (`tsv::compile_typos`).
    fn record(&self, value: u64) -> (&str, &str, usize) {
        let (offset, len) = ((value >> 32) as usize, (value & 0xffff_ffff) as usize);
        let rec = self.blob.get(offset..offset + len).unwrap_or("");
        let (rest, line) = rec.rsplit_once('\t').unwrap_or((rec, ""));
        let (correct, note) = rest.split_once('\t').unwrap_or((rest, ""));
        (correct, note, line.parse().unwrap_or(0))
    }

    /// `(correct forms joined by |, note)` of a wrong form.
    pub(crate) fn get(&self, wrong: &str) -> Option<(&str, &str)> {
        self.map.get(wrong).map(|v| {
            let (correct, note, _) = self.record(v);
            (correct, note)
        })
    }

    /// Where the entry of a wrong form is: this dictionary and its line.
    pub(crate) fn origin(&self, wrong: &str) -> Option<crate::diagnostic::Origin> {
        let (_, _, line) = self.record(self.map.get(wrong)?);
        Some(crate::diagnostic::Origin::new(self.source.clone(), line))
    }

    /// Every entry, in byte order of the wrong form.
    pub(crate) fn for_each(&self, mut f: impl FnMut(&str, &str, &str)) {
        let mut stream = self.map.stream();
        while let Some((key, value)) = stream.next() {
            let (correct, note, _) = self.record(value);
            if let Ok(wrong) = std::str::from_utf8(key) {
                f(wrong, correct, note);
            }
        }
    }
}

/// The general word list (jieba-rs's bundled dictionary, about 350,000
/// words with frequencies and part-of-speech tags), as an FST map.
#[derive(Clone)]
pub(crate) struct Lexicon {
    map: fst::Map<&'static [u8]>,
}

impl Lexicon {
    pub(crate) fn builtin() -> Lexicon {
        Lexicon {
            map: fst::Map::new(WORDS_FST).expect("the build script writes a valid FST"),
        }
    }

    /// Frequency of a word, `None` if it is not listed.
    pub(crate) fn freq(&self, word: &str) -> Option<u32> {
        // Short words: one probe of the prefix table instead of an FST walk.
        let mut h = wordhash::START;
        for (k, c) in word.chars().enumerate() {
            if k == wordhash::MAX_CHARS {
                return self.map.get(word).map(|v| (v & 0xffff_ffff) as u32);
            }
            h = wordhash::extend(h, c);
        }
        wordhash::get(WORDS_HASH, h)
            .filter(|v| v & wordhash::IS_WORD != 0)
            .map(|v| v & wordhash::FREQ_MASK)
    }

    /// Calls `f(end, freq)` for every word that is a prefix of `s`, in order
    /// of length (`end` is its byte length), stopping after `max_chars`
    /// characters: one walk of the FST instead of a lookup per length.
    pub(crate) fn prefixes(&self, s: &str, max_chars: usize, mut f: impl FnMut(usize, u32)) {
        // The first characters from the prefix table, a probe per character.
        let mut h = wordhash::START;
        let mut end = 0;
        for (k, c) in s.chars().enumerate() {
            if k == max_chars {
                return;
            }
            if k == wordhash::MAX_CHARS {
                // A longer word may follow: the FST has those.
                return self.prefixes_fst(s, max_chars, wordhash::MAX_CHARS, f);
            }
            h = wordhash::extend(h, c);
            end += c.len_utf8();
            let Some(v) = wordhash::get(WORDS_HASH, h) else {
                return;
            };
            if v & wordhash::IS_WORD != 0 {
                f(end, v & wordhash::FREQ_MASK);
            }
            if v & wordhash::HAS_LONGER == 0 {
                return;
            }
        }
    }

    /// [`Lexicon::prefixes`] by walking the FST, reporting only words longer
    /// than `skip` characters.
    fn prefixes_fst(&self, s: &str, max_chars: usize, skip: usize, mut f: impl FnMut(usize, u32)) {
        let fst = self.map.as_fst();
        let mut node = fst.root();
        let mut out = fst::raw::Output::zero();
        let mut chars = 0;
        for (i, &byte) in s.as_bytes().iter().enumerate() {
            let Some(t) = node.find_input(byte).map(|k| node.transition(k)) else {
                return;
            };
            out = out.cat(t.out);
            node = fst.node(t.addr);
            if s.is_char_boundary(i + 1) {
                chars += 1;
                if node.is_final() && chars > skip {
                    f(i + 1, (out.cat(node.final_output()).value() & 0xffff_ffff) as u32);
                }
                if chars == max_chars {
                    return;
                }
            }
        }
    }

    /// Part-of-speech tag of a word (jieba's tag set: `n`, `v`, `i` for
    /// idioms, `l` for fixed expressions, `nr` for names …).
    pub(crate) fn tag(&self, word: &str) -> Option<&'static str> {
        self.map
            .get(word)
            .and_then(|v| WORD_TAGS.get((v >> 32) as usize).copied())
    }

    /// Sum of all frequencies, for turning frequencies into probabilities.
    pub(crate) fn total(&self) -> u64 {
        WORD_FREQ_TOTAL
    }

    /// Every word with the given tag.
    #[allow(dead_code)]
    pub(crate) fn words_tagged<'a>(&'a self, tags: &'a [&str]) -> impl Iterator<Item = String> + 'a {
        let mut stream = self.map.into_stream();
        std::iter::from_fn(move || loop {
            let (k, v) = stream.next()?;
            let tag = WORD_TAGS.get((v >> 32) as usize).copied().unwrap_or("");
            if tags.contains(&tag) {
                return Some(String::from_utf8_lossy(k).into_owned());
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_dictionaries_open() {
        let typos = TypoDict::builtin();
        assert!(typos.get("按装").is_some());
        let lex = Lexicon::builtin();
        assert!(lex.freq("安装").unwrap() > 100);
        assert_eq!(lex.tag("安装"), Some("v"));
        assert_eq!(lex.freq("按装不存在的词"), None);
        let mut found = Vec::new();
        lex.prefixes("中华人民共和国万岁", 8, |end, f| {
            found.push((&"中华人民共和国万岁"[..end], f))
        });
        let words: Vec<&str> = found.iter().map(|&(w, _)| w).collect();
        assert!(
            words.contains(&"中华") && words.contains(&"中华人民共和国"),
            "{words:?}"
        );
        assert!(found.iter().all(|&(w, f)| lex.freq(w) == Some(f)));
    }

    #[test]
    fn prefix_table_agrees_with_the_fst() {
        let lex = Lexicon::builtin();
        let mut stream = lex.map.stream();
        let mut n = 0;
        while let Some((key, value)) = stream.next() {
            let word = std::str::from_utf8(key).unwrap();
            assert_eq!(lex.freq(word), Some((value & 0xffff_ffff) as u32), "{word}");
            n += 1;
        }
        assert!(n > 300_000);
        // Prefix walks report the same words as an FST walk, long ones too.
        for s in ["中华人民共和国万岁", "社会主义核心价值观", "按装不存在的词", "的", ""] {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            lex.prefixes(s, 8, |e, f| a.push((e, f)));
            lex.prefixes_fst(s, 8, 0, |e, f| b.push((e, f)));
            assert_eq!(a, b, "{s}");
        }
        assert_eq!(lex.freq("按装不"), None);
        assert_eq!(lex.freq("中华人"), None);
    }

    #[test]
    fn confusable_index_agrees_with_the_fst() {
        let map = fst::Map::new(CONFUSABLES_FST).unwrap();
        let mut stream = map.stream();
        let mut n = 0;
        while let Some((key, v)) = stream.next() {
            let c = std::str::from_utf8(key).unwrap().chars().next().unwrap();
            let rec = &CONFUSABLES_BLOB[(v >> 32) as usize..((v >> 32) + (v & 0xffff_ffff)) as usize];
            let listed: String = confusables(c)
                .flat_map(|(d, k)| [d, if k == Confusion::Shape { 'S' } else { 'P' }])
                .collect();
            assert_eq!(listed, rec, "{c}");
            n += 1;
        }
        assert!(n > 4000);
        assert_eq!(confusables('a').count(), 0);
    }

    #[test]
    fn confusables_and_idioms() {
        let c: Vec<(char, Confusion)> = confusables('厉').collect();
        assert!(c.contains(&('励', Confusion::Shape)), "{c:?}");
        assert!(c.contains(&('力', Confusion::Sound)), "{c:?}");
        let idioms = Idioms::builtin();
        let mut near = Vec::new();
        let w = ['再', '接', '再', '励'];
        idioms.near(&w, 0xf, 0, |k, i| near.push((k, idioms.get(i).unwrap())));
        assert_eq!(near, [(3, "再接再厉".to_string())]);
    }

    #[test]
    fn user_dictionary_errors_name_the_line() {
        let err = TypoDict::compile("mine.tsv", "# header\n错字\t对字\n坏行没有制表符\n")
            .err()
            .unwrap();
        let msg = err.to_string();
        assert!(
            msg.starts_with("mine.tsv:3: expected 2 or 3 TAB-separated fields"),
            "{msg}"
        );
        let err = TypoDict::compile("mine.tsv", "错字\t对字\n错字\t对字\n").err().unwrap();
        assert!(err.to_string().contains("already listed on line 1"), "{err}");
    }
}
