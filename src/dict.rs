//! Dictionaries: the built-in ones compiled to FSTs by `build.rs` and
//! embedded in the binary, and user dictionaries compiled at run time.

use std::borrow::Cow;

use fst::{IntoStreamer, Streamer};

use crate::error::{Error, ErrorKind};
use crate::tsv;

include!(concat!(env!("OUT_DIR"), "/word_tags.rs"));

static TYPO_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typo.fst"));
static TYPO_BLOB: &str = include_str!(concat!(env!("OUT_DIR"), "/typo.blob"));
static WORDS_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));

/// A typo dictionary: wrong form -> (correct forms, note), as an FST map
/// whose values locate the record in a text blob.
#[derive(Clone)]
pub(crate) struct TypoDict {
    map: fst::Map<Cow<'static, [u8]>>,
    blob: Cow<'static, str>,
}

impl TypoDict {
    /// The built-in dictionary, opened in place: no copy, no parse.
    pub(crate) fn builtin() -> TypoDict {
        TypoDict {
            map: fst::Map::new(Cow::Borrowed(TYPO_FST)).expect("build.rs writes a valid FST"),
            blob: Cow::Borrowed(TYPO_BLOB),
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
        let records = tsv::parse_typos(text).map_err(|e| dict_err(e.line, e.reason))?;
        if let Some((key, a, b)) = tsv::find_duplicate(records.iter().map(|r| (r.wrong, r.line))) {
            return Err(dict_err(
                b,
                format!("{key:?} is already listed on line {a}; keep one entry"),
            ));
        }
        let mut sorted: Vec<_> = records.iter().collect();
        sorted.sort_by(|a, b| a.wrong.as_bytes().cmp(b.wrong.as_bytes()));
        let mut blob = String::new();
        let mut builder = fst::MapBuilder::memory();
        for r in sorted {
            let offset = blob.len() as u64;
            blob.push_str(r.correct);
            blob.push('\t');
            blob.push_str(r.note);
            let len = blob.len() as u64 - offset;
            builder
                .insert(r.wrong, (offset << 32) | len)
                .expect("keys are sorted and unique");
        }
        let bytes = builder.into_inner().expect("in-memory FST");
        Ok(TypoDict {
            map: fst::Map::new(Cow::Owned(bytes)).expect("just built"),
            blob: Cow::Owned(blob),
        })
    }

    fn record(&self, value: u64) -> (&str, &str) {
        let (offset, len) = ((value >> 32) as usize, (value & 0xffff_ffff) as usize);
        let rec = self.blob.get(offset..offset + len).unwrap_or("");
        rec.split_once('\t').unwrap_or((rec, ""))
    }

    /// `(correct forms joined by |, note)` of a wrong form.
    pub(crate) fn get(&self, wrong: &str) -> Option<(&str, &str)> {
        self.map.get(wrong).map(|v| self.record(v))
    }

    /// Every entry, in byte order of the wrong form.
    pub(crate) fn for_each(&self, mut f: impl FnMut(&str, &str, &str)) {
        let mut stream = self.map.stream();
        while let Some((key, value)) = stream.next() {
            let (correct, note) = self.record(value);
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
            map: fst::Map::new(WORDS_FST).expect("build.rs writes a valid FST"),
        }
    }

    /// Frequency of a word, `None` if it is not listed.
    pub(crate) fn freq(&self, word: &str) -> Option<u32> {
        self.map.get(word).map(|v| (v & 0xffff_ffff) as u32)
    }

    /// Part-of-speech tag of a word (jieba's tag set: `n`, `v`, `i` for
    /// idioms, `l` for fixed expressions, …).
    #[allow(dead_code)]
    pub(crate) fn tag(&self, word: &str) -> Option<&'static str> {
        self.map
            .get(word)
            .and_then(|v| WORD_TAGS.get((v >> 32) as usize).copied())
    }

    /// Sum of all frequencies, for turning frequencies into probabilities.
    #[allow(dead_code)]
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
