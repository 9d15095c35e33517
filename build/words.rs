//! The word list: jieba-rs's bundled word-frequency dictionary with the
//! project's additions -> `words.fst` (word -> frequency | tag id << 32),
//! `word_tags.rs`, `words.hash` (a static hash table of the words' short
//! prefixes, `src/wordhash.rs`), and the character sets derived from it:
//! `inword.bits` and `standalone.bits` for `typo.confusable`.

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tsv::is_han;
use crate::{bigram, fail, tsv, wordhash};

/// Finds jieba-rs's bundled dictionary, `src/data/dict.txt` of the package:
/// `JIAODUI_JIEBA_DICT` if set, else in the jieba-rs package that this
/// package's build-dependency resolves to, as `cargo metadata` reports it
/// (the version of `Cargo.lock`, offline: cargo has the package already).
///
/// jieba-rs 0.11 exposes its dictionary neither through its API (a private
/// static, compressed by include-flate) nor as `links` metadata
/// (`DEP_*` variables), so the package's directory is the way to it.
pub(crate) fn jieba_dict(manifest: &Path) -> PathBuf {
    if let Some(p) = env::var_os("JIAODUI_JIEBA_DICT") {
        return PathBuf::from(p);
    }
    let how = "set JIAODUI_JIEBA_DICT to the path of jieba-rs 0.11's src/data/dict.txt";
    let output = cargo_metadata(manifest, true)
        .or_else(|_| cargo_metadata(manifest, false))
        .unwrap_or_else(|e| fail(format!("{e}; {how}")));
    let meta: serde_json::Value =
        serde_json::from_slice(&output).unwrap_or_else(|e| fail(format!("`cargo metadata` printed no JSON: {e}")));
    // This package's build-dependency on jieba-rs, in the resolved graph.
    let manifest_path = manifest.join("Cargo.toml");
    let packages = meta["packages"].as_array().map_or(&[][..], Vec::as_slice);
    let this = packages
        .iter()
        .find(|p| {
            p["manifest_path"]
                .as_str()
                .is_some_and(|m| Path::new(m) == manifest_path)
        })
        .and_then(|p| p["id"].as_str());
    let nodes = meta["resolve"]["nodes"].as_array().map_or(&[][..], Vec::as_slice);
    let jieba = nodes
        .iter()
        .find(|n| n["id"].as_str() == this)
        .and_then(|n| n["deps"].as_array())
        .into_iter()
        .flatten()
        .find(|d| d["name"] == "jieba_rs")
        .and_then(|d| d["pkg"].as_str());
    let dict = packages
        .iter()
        .find(|p| jieba.is_some() && p["id"].as_str() == jieba)
        .and_then(|p| p["manifest_path"].as_str())
        .map(|m| Path::new(m).with_file_name("src/data/dict.txt"));
    match dict {
        Some(d) if d.is_file() => d,
        Some(d) => fail(format!("{} is missing; {how}", d.display())),
        None => fail(format!(
            "`cargo metadata` does not resolve jieba-rs for this package; {how}"
        )),
    }
}

/// `cargo metadata` of the workspace for the target platform, `offline`
/// or with the downloads it needs (packages of other members of the
/// workspace that this build did not need).
fn cargo_metadata(manifest: &Path, offline: bool) -> Result<Vec<u8>, String> {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.args(["metadata", "--format-version", "1"]);
    if offline {
        command.arg("--offline");
    }
    if let Some(target) = env::var_os("TARGET") {
        command.arg("--filter-platform").arg(target);
    }
    let output = command
        .arg("--manifest-path")
        .arg(manifest.join("Cargo.toml"))
        .output()
        .map_err(|e| format!("cannot run `cargo metadata`: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(format!(
            "`cargo metadata` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// Word -> (frequency, tag), from jieba's `word freq tag` lines.
pub(crate) type Words<'a> = BTreeMap<&'a str, (u64, &'a str)>;

pub(crate) fn parse_words(text: &str) -> Words<'_> {
    let mut words: Words<'_> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let mut parts = line.split(' ');
        let (Some(word), Some(freq)) = (parts.next(), parts.next()) else {
            fail(format!("jieba dictionary line {}: expected `word freq [tag]`", i + 1));
        };
        let tag = parts.next().unwrap_or("");
        let freq: u64 = freq
            .parse()
            .unwrap_or_else(|_| fail(format!("jieba dictionary line {}: bad frequency {freq:?}", i + 1)));
        let e = words.entry(word).or_insert((0, tag));
        if freq >= e.0 {
            *e = (freq.min(u32::MAX as u64), tag);
        }
    }
    words
}

/// Adds the project's supplementary words (`dictionaries/words.tsv`:
/// current government vocabulary that jieba's list lacks) and the names of
/// `dictionaries/leaders.tsv` to the word list; returns the supplementary
/// words.
pub(crate) fn add_project_words<'a>(words: &mut Words<'a>, supplement: &'a str, leaders: &'a str) -> BTreeSet<&'a str> {
    let mut government = BTreeSet::new();
    for (line, fields) in tsv::records(supplement) {
        let (Some(word), Some(freq)) = (fields.first(), fields.get(1)) else {
            fail(format!(
                "dictionaries/words.tsv:{line}: expected word<TAB>frequency<TAB>note"
            ));
        };
        let freq: u64 = freq
            .parse()
            .unwrap_or_else(|_| fail(format!("dictionaries/words.tsv:{line}: bad frequency {freq:?}")));
        if word.chars().count() < 2 || !word.chars().all(is_han) {
            fail(format!(
                "dictionaries/words.tsv:{line}: {word:?} is not a word of two or more Han characters"
            ));
        }
        let e = words.entry(word).or_insert((0, "n"));
        e.0 = e.0.max(freq);
        government.insert(*word);
    }
    for (line, fields) in tsv::records(leaders) {
        let Some(name) = fields
            .first()
            .filter(|n| n.chars().count() >= 2 && n.chars().all(is_han))
        else {
            fail(format!(
                "dictionaries/leaders.tsv:{line}: expected a name of Han characters first"
            ));
        };
        let e = words.entry(name).or_insert((0, "nr"));
        e.0 = e.0.max(1000);
    }
    government
}

/// Writes the word list's FST, prefix table and tags; returns the sum of
/// its frequencies.
pub(crate) fn build_words(words: &Words<'_>, out: &Path) -> u64 {
    let mut tags: Vec<&str> = words.values().map(|&(_, t)| t).collect();
    tags.sort_unstable();
    tags.dedup();
    let mut builder = fst::MapBuilder::memory();
    let mut total = 0u64;
    // BTreeMap<&str> iterates in byte order, as the FST needs.
    for (word, (freq, tag)) in words {
        let tag_id = tags.binary_search(tag).expect("collected above") as u64;
        builder
            .insert(word, freq | (tag_id << 32))
            .expect("BTreeMap keys are sorted");
        total += freq;
    }
    fs::write(out.join("words.fst"), builder.into_inner().expect("in-memory FST")).expect("write words.fst");
    // The short prefixes of every word, for fast prefix walks.
    let mut prefixes: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for (word, &(freq, _)) in words {
        let n = word.chars().count();
        let mut h = wordhash::START;
        for (k, c) in word.chars().take(wordhash::MAX_CHARS).enumerate() {
            h = wordhash::extend(h, c);
            let v = prefixes.entry(h).or_insert(0);
            if k + 1 == n {
                *v |= wordhash::IS_WORD | (freq.min(u64::from(wordhash::FREQ_MASK)) as u32);
            } else {
                *v |= wordhash::HAS_LONGER;
            }
        }
    }
    let mut entries: Vec<(u64, u32)> = prefixes.into_iter().collect();
    entries.sort_unstable();
    fs::write(out.join("words.hash"), wordhash::build(&entries)).expect("write words.hash");
    let mut rs = String::from("/// Part-of-speech tags of the built-in word list, indexed by tag id.\n");
    rs.push_str("pub(crate) const WORD_TAGS: &[&str] = &[");
    for t in &tags {
        rs.push_str(&format!("{t:?}, "));
    }
    rs.push_str("];\n");
    rs.push_str(&format!(
        "/// Sum of the frequencies of the built-in word list.\npub(crate) const WORD_FREQ_TOTAL: u64 = {total};\n"
    ));
    fs::write(out.join("word_tags.rs"), rs).expect("write word_tags.rs");
    total
}

/// Words at least this frequent make the in-word bigram set (kept in step
/// with `typo::MIN_WORD_FREQ`).
const INWORD_MIN_FREQ: u64 = 10;

/// Writes `inword.bits`: every pair of adjacent characters inside a word of
/// the word list, as a bigram bit set. A character that forms no such pair
/// with either neighbour belongs to no word: a typo candidate.
pub(crate) fn build_inword(words: &Words<'_>, out: &Path) -> Vec<u8> {
    let mut bits = vec![0u8; 1 << (bigram::BITS - 3)];
    for (w, &(f, _)) in words {
        if f < INWORD_MIN_FREQ {
            continue;
        }
        let chars: Vec<char> = w.chars().collect();
        for pair in chars.windows(2) {
            bigram::insert(&mut bits, pair[0], pair[1]);
        }
    }
    fs::write(out.join("inword.bits"), &bits).expect("write inword.bits");
    bits
}

/// Single characters at least this frequent as words of their own stand
/// alone in correct text (的, 在, 年, 省 …); kept in step with
/// `src/rules/confusable.rs`.
pub(crate) const STANDALONE_MIN_FREQ: u64 = 3000;

/// Writes `standalone.bits`: one bit per BMP code point, set for characters
/// that are frequent words of their own.
pub(crate) fn build_standalone(words: &Words<'_>, out: &Path) {
    let mut bits = vec![0u8; 0x10000 / 8];
    for (w, &(f, _)) in words {
        let mut chars = w.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if f >= STANDALONE_MIN_FREQ && (c as u32) < 0x10000 {
                bits[c as usize >> 3] |= 1 << (c as u32 & 7);
            }
        }
    }
    fs::write(out.join("standalone.bits"), bits).expect("write standalone.bits");
}
