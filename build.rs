//! Compiles the built-in dictionaries into FST maps that the library embeds
//! with `include_bytes!` and opens without copying.
//!
//! * `dictionaries/typo.tsv` -> `typo.fst` (wrong form -> record position)
//!   and `typo.blob` (the records `correct<TAB>note`, UTF-8).
//! * jieba-rs's bundled word-frequency dictionary -> `words.fst`
//!   (word -> frequency | part-of-speech tag id << 32) and `word_tags.rs`;
//!   `words.hash`, a static hash table of the words' short prefixes
//!   (`src/wordhash.rs`); `inword.bits` and `standalone.bits` for
//!   `typo.confusable`; `idioms.blob`, `idioms.pairs` and `idioms.index` for
//!   `idiom.near-miss` (`src/idiomkey.rs`); `default.lm`.
//! * The confusion sets -> `confusables.fst`, `confusables.blob` and the
//!   direct index `confusables.idx`.
//! * Every pattern of the scan (listed typos, policy patterns, and the
//!   places where `typo.confusable` tries a character that stands alone)
//!   -> the automata `builtin.daac` and
//!   `builtin-idioms.daac` (the same with the idioms' halves) with their
//!   targets.

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "src/tsv.rs"]
mod tsv;

#[path = "src/lm.rs"]
#[allow(dead_code)]
mod lm;

#[path = "src/layout.rs"]
#[allow(dead_code)]
mod layout;

#[path = "src/wordhash.rs"]
#[allow(dead_code)]
mod wordhash;

#[path = "src/idiomkey.rs"]
#[allow(dead_code)]
mod idiomkey;

#[path = "src/bigram.rs"]
#[allow(dead_code)]
mod bigram;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=dictionaries");
    println!("cargo:rerun-if-changed=src/tsv.rs");
    println!("cargo:rerun-if-changed=src/bigram.rs");
    println!("cargo:rerun-if-changed=src/wordhash.rs");
    println!("cargo:rerun-if-changed=src/idiomkey.rs");
    println!("cargo:rerun-if-changed=src/lm.rs");
    println!("cargo:rerun-if-changed=src/layout.rs");
    println!("cargo:rerun-if-env-changed=JIAODUI_JIEBA_DICT");

    let typos = build_typos(&manifest.join("dictionaries/typo.tsv"), &out);
    let dict = jieba_dict(&manifest);
    println!("cargo:rerun-if-changed={}", dict.display());
    let words_text = read(&dict);
    let mut words = parse_words(&words_text);
    write_data_counts(&manifest, words.len(), &out);
    let supplement = read(&manifest.join("dictionaries/words.tsv"));
    let leaders = read(&manifest.join("dictionaries/leaders.tsv"));
    let government = add_project_words(&mut words, &supplement, &leaders);
    let total = build_words(&words, &out);
    let conf = build_confusables(&words, &manifest.join("dictionaries/shape-similar.tsv"), &out);
    let idioms = build_idioms(&words, &out);
    let inword = build_inword(&words, &out);
    build_standalone(&words, &out);
    build_default_model(&words, &out);
    let mut patterns = Patterns::default();
    for t in &typos {
        patterns.add(t, Kind::Typo, 0);
    }
    add_policy_patterns(&manifest, &words, &conf, &mut patterns);
    add_lone_patterns(&words, total, &government, &conf, &inword, &mut patterns);
    build_automaton(&patterns, "builtin", &out);
    // The same with the first and last two characters of every idiom: a
    // window one character from an idiom keeps one of them, so
    // idiom.near-miss looks only where the scan finds them. A second
    // automaton keeps the scan lean when that rule is off.
    for w in &idioms {
        let split = w.char_indices().nth(2).map_or(0, |(b, _)| b);
        patterns.add(&w[..split], Kind::IdiomHead, 0);
        patterns.add(&w[split..], Kind::IdiomTail, 0);
    }
    build_automaton(&patterns, "builtin-idioms", &out);
}

/// Writes `data_files.rs`: the entries of each built-in data file, for
/// `jiaodui rules --explain` (`RuleInfo::data_files`).
fn write_data_counts(manifest: &Path, jieba_words: usize, out: &Path) {
    let mut rs = String::from(
        "/// Built-in data files and their entries.\npub(crate) const DATA_FILES: &[(&str, usize)] = &[\n",
    );
    rs.push_str(&format!("    (\"jieba-rs/src/data/dict.txt\", {jieba_words}),\n"));
    let mut names: Vec<String> = fs::read_dir(manifest.join("dictionaries"))
        .unwrap_or_else(|e| fail(format!("cannot list dictionaries/: {e}")))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv"))
        .collect();
    names.sort();
    for name in names {
        let n = tsv::records(&read(&manifest.join("dictionaries").join(&name))).count();
        rs.push_str(&format!("    (\"dictionaries/{name}\", {n}),\n"));
    }
    rs.push_str("];\n");
    fs::write(out.join("data_files.rs"), rs).expect("write data_files.rs");
}

fn fail(msg: String) -> ! {
    eprintln!("error: {msg}");
    panic!("{msg}");
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| fail(format!("cannot read {}: {e}", path.display())))
}

/// Returns the wrong forms.
fn build_typos(path: &Path, out: &Path) -> Vec<String> {
    let text = read(path);
    let (fst_bytes, blob) =
        tsv::compile_typos(&text).unwrap_or_else(|e| fail(format!("{}:{}: {}", path.display(), e.line, e.reason)));
    fs::write(out.join("typo.fst"), fst_bytes).expect("write typo.fst");
    fs::write(out.join("typo.blob"), blob).expect("write typo.blob");
    let records = tsv::parse_typos(&text).expect("compiled above");
    records.iter().map(|r| r.wrong.to_string()).collect()
}

/// Finds jieba-rs's `src/data/dict.txt`: `JIAODUI_JIEBA_DICT` if set, else
/// the jieba-rs 0.11 package that cargo unpacked into its registry cache
/// (`$CARGO_HOME/registry/src/*/jieba-rs-0.11.*`), else the package that
/// `cargo metadata` resolves.
fn jieba_dict(manifest: &Path) -> PathBuf {
    if let Some(p) = env::var_os("JIAODUI_JIEBA_DICT") {
        return PathBuf::from(p);
    }
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(home) = cargo_home {
        let mut found: Vec<((u64, u64), PathBuf)> = Vec::new();
        for index in fs::read_dir(home.join("registry/src")).into_iter().flatten().flatten() {
            for pkg in fs::read_dir(index.path()).into_iter().flatten().flatten() {
                let name = pkg.file_name().to_string_lossy().into_owned();
                let Some(patch) = name.strip_prefix("jieba-rs-0.11.") else {
                    continue;
                };
                let dict = pkg.path().join("src/data/dict.txt");
                if let (Ok(patch), true) = (patch.parse::<u64>(), dict.is_file()) {
                    found.push(((11, patch), dict));
                }
            }
        }
        if let Some((_, dict)) = found.into_iter().max() {
            return dict;
        }
    }
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(manifest.join("Cargo.toml"))
        .output();
    if let Ok(output) = output {
        if output.status.success() {
            if let Ok(meta) = serde_json::from_slice::<serde_json::Value>(&output.stdout) {
                let found = meta["packages"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find_map(|p| (p["name"] == "jieba-rs").then(|| p["manifest_path"].as_str()).flatten());
                if let Some(m) = found {
                    let dict = Path::new(m).with_file_name("src/data/dict.txt");
                    if dict.is_file() {
                        return dict;
                    }
                }
            }
        }
    }
    fail(
        "cannot find jieba-rs 0.11's dictionary (src/data/dict.txt) in cargo's registry cache \
          or through `cargo metadata`; set JIAODUI_JIEBA_DICT to the path of that file"
            .to_string(),
    )
}

/// Word -> (frequency, tag), from jieba's `word freq tag` lines.
type Words<'a> = BTreeMap<&'a str, (u64, &'a str)>;

fn parse_words(text: &str) -> Words<'_> {
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
fn add_project_words<'a>(words: &mut Words<'a>, supplement: &'a str, leaders: &'a str) -> BTreeSet<&'a str> {
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
fn build_words(words: &Words<'_>, out: &Path) -> u64 {
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

use tsv::is_han;

/// How many of the most used characters may stand in for another one: a
/// writer's input method offers common characters first.
const COMMON_CHARS: usize = 4500;

/// Confusable characters: same syllable in any tone (heteronyms included)
/// among the common characters, and the project's shape-similar pairs.
/// Writes `confusables.fst` (char -> record position) and
/// `confusables.blob` (records: pairs of character and kind, `P` same
/// syllable, `S` similar shape).
fn build_confusables(words: &Words<'_>, shape_path: &Path, out: &Path) -> BTreeMap<char, Vec<(char, u8)>> {
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

/// Idioms and fixed expressions of jieba's dictionary (tags `i`, `l`) used
/// often enough to be trusted.
const IDIOM_MIN_FREQ: u64 = 10;

/// Writes `idioms.blob`: the four-character idioms and fixed expressions of
/// the word list (tags `i` and `l`), one per line, in byte order.
fn build_idioms<'a>(words: &Words<'a>, out: &Path) -> Vec<&'a str> {
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

/// Words at least this frequent make the in-word bigram set (kept in step
/// with `typo::MIN_WORD_FREQ`).
const INWORD_MIN_FREQ: u64 = 10;

/// Writes `inword.bits`: every pair of adjacent characters inside a word of
/// the word list, as a bigram bit set. A character that forms no such pair
/// with either neighbour belongs to no word: a typo candidate.
fn build_inword(words: &Words<'_>, out: &Path) -> Vec<u8> {
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

/// Adds to the scan the patterns where a character c that stands alone
/// (`standalone.bits`) may be a confusable of a character d of a frequent
/// word W of two to four characters (frequency at least [`LONE_MIN_FREQ`]):
/// W with c for d if W has two characters, or three characters of W around
/// c (l c r, or c r r2 or l2 l c at W's ends) if it is longer, where c forms an
/// in-word bigram (`inword.bits`) with neither neighbour in W and the
/// replacement could gain what `typo.confusable` asks ([`LONE_MIN_GAIN`];
/// see `value` below). Such a character is no orphan of the shared pass,
/// which skips characters that stand alone; `typo.confusable` tries it
/// where the scan finds one of these patterns. They are rare in correct
/// text (本育 for 体育, 技木 for 技术).
fn add_lone_patterns(
    words: &Words<'_>,
    total: u64,
    government: &BTreeSet<&str>,
    conf: &BTreeMap<char, Vec<(char, u8)>>,
    inword: &[u8],
    patterns: &mut Patterns,
) {
    let log_total = (total as f64).ln();
    let freq = |w: &str| -> u64 { words.get(w).map_or(0, |&(f, _)| f) };
    // The best reading of a few characters as words (as
    // `score::segment_logprob`, which counts a character that is not a word
    // as one of frequency 1).
    let segment = |piece: &[char]| -> f64 {
        let mut best = vec![f64::NEG_INFINITY; piece.len() + 1];
        best[0] = 0.0;
        for i in 0..piece.len() {
            for j in i + 1..=piece.len() {
                let w: String = piece[i..j].iter().collect();
                let f = freq(&w);
                if f > 0 || j == i + 1 {
                    best[j] = best[j].max(best[i] + (f.max(1) as f64).ln() - log_total);
                }
            }
        }
        best[piece.len()]
    };
    for (w, &(f, _)) in words {
        let chars: Vec<char> = w.chars().collect();
        let n = chars.len();
        let min = if government.contains(w) {
            LONE_MIN_FREQ_GOVERNMENT
        } else {
            LONE_MIN_FREQ
        };
        if f < min || !(2..=4).contains(&n) {
            continue;
        }
        let lw = (f as f64).ln() - log_total;
        for (j, d) in chars.iter().enumerate() {
            // The text as written can be read as the best readings of W's
            // characters before and after j and c alone: the most the
            // replacement can gain is ln p(W) less those.
            let value = lw - segment(&chars[..j]) - segment(&chars[j + 1..]);
            // Confusability is symmetric: the characters that d may have
            // been written as are d's confusables.
            for &(c, _) in conf.get(d).map_or(&[][..], |v| v.as_slice()) {
                let mut b = [0u8; 4];
                let fc = freq(c.encode_utf8(&mut b));
                if fc < STANDALONE_MIN_FREQ || value - ((fc as f64).ln() - log_total) < LONE_MIN_GAIN {
                    continue;
                }
                let at = |k: usize| if k == j { c } else { chars[k] };
                // One window of W around c is enough: where W is written with
                // c, every window of it is. The one with c in the middle if
                // there is one.
                let len = n.min(3);
                let k = j.saturating_sub(1).min(n - len);
                // c must form an in-word bigram with neither neighbour, or
                // typo.confusable does not try it.
                if (j > 0 && bigram::contains(inword, chars[j - 1], c))
                    || (j + 1 < n && bigram::contains(inword, c, chars[j + 1]))
                {
                    continue;
                }
                let pattern: String = (k..k + len).map(at).collect();
                patterns.add(&pattern, Kind::Lone, (j - k) as u32);
            }
        }
    }
}

/// The least frequency and gain of the words of [`add_lone_patterns`]; the
/// gain is `typo.confusable`'s threshold with the default model
/// (`MIN_GAIN`). Rarer words add many patterns for few findings: with
/// 3,000 (and the government vocabulary of `dictionaries/words.tsv` marked
/// very common, 1,000 on its scale), the automata grow by 4 % and 16 %;
/// with 1,000 for every word, they would grow by a third (and the scan's
/// cache misses with them) for 5 % more findings on ecspell-odw.
const LONE_MIN_FREQ: u64 = 3000;
const LONE_MIN_FREQ_GOVERNMENT: u64 = 1000;
const LONE_MIN_GAIN: f64 = 11.0;

/// Single characters at least this frequent as words of their own stand
/// alone in correct text (的, 在, 年, 省 …); kept in step with
/// `src/rules/confusable.rs`.
const STANDALONE_MIN_FREQ: u64 = 3000;

/// Writes `standalone.bits`: one bit per BMP code point, set for characters
/// that are frequent words of their own.
fn build_standalone(words: &Words<'_>, out: &Path) {
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

/// Writes `default.lm`: the default character bigram model, counted from
/// the words of the word list, each weighted by its frequency.
fn build_default_model(words: &Words<'_>, out: &Path) {
    let mut counter = lm::Counter::default();
    for (w, &(f, _)) in words {
        counter.add(w, f);
    }
    fs::write(out.join("default.lm"), counter.to_bytes(1)).expect("write default.lm");
}

use layout::Kind;

/// Every pattern of the built-in automaton with its targets.
#[derive(Default)]
struct Patterns {
    map: BTreeMap<String, Vec<u32>>,
}

impl Patterns {
    fn add(&mut self, pattern: &str, kind: Kind, payload: u32) {
        assert!(payload <= layout::PAYLOAD, "payload fits {} bits", layout::PAYLOAD_BITS);
        let targets = self.map.entry(pattern.to_string()).or_default();
        let t = layout::target(kind, payload);
        if !targets.contains(&t) {
            targets.push(t);
        }
    }
}

fn check_lines<T>(path: &Path, r: Result<T, tsv::LineError>) -> T {
    r.unwrap_or_else(|e| fail(format!("{}:{}: {}", path.display(), e.line, e.reason)))
}

/// Patterns of the formulation, political-term, agency and leader rules.
fn add_policy_patterns(
    manifest: &Path,
    words: &Words<'_>,
    conf: &BTreeMap<char, Vec<(char, u8)>>,
    patterns: &mut Patterns,
) {
    let path = manifest.join("dictionaries/formulations.tsv");
    let text = read(&path);
    let formulations = check_lines(&path, tsv::parse_formulations(&text));
    if let Some((key, a, b)) = tsv::find_duplicate(formulations.iter().map(|f| (f.canonical, f.line))) {
        fail(format!("{}:{b}: {key:?} is already listed on line {a}", path.display()));
    }
    for (i, f) in formulations.iter().enumerate() {
        // Anchors: a formulation with one edit keeps its first or its last
        // half intact.
        let chars: Vec<char> = f.canonical.chars().collect();
        let half = chars.len().div_ceil(2);
        let prefix: String = chars[..half].iter().collect();
        let suffix: String = chars[chars.len() - half..].iter().collect();
        patterns.add(&prefix, Kind::FormulationHead, i as u32);
        patterns.add(&suffix, Kind::FormulationTail, i as u32);
        for v in &f.variants {
            patterns.add(v, Kind::FormulationVariant, i as u32);
        }
    }
    let path = manifest.join("dictionaries/political-terms.tsv");
    let text = read(&path);
    let terms = check_lines(&path, tsv::parse_terms(&text));
    if let Some((key, a, b)) = tsv::find_duplicate(terms.iter().map(|t| (t.term, t.line))) {
        fail(format!("{}:{b}: {key:?} is already listed on line {a}", path.display()));
    }
    for (i, t) in terms.iter().enumerate() {
        patterns.add(t.term, Kind::Term, i as u32);
    }
    let path = manifest.join("dictionaries/agencies.tsv");
    let text = read(&path);
    let agencies = check_lines(&path, tsv::parse_agencies(&text));
    if let Some((key, a, b)) = tsv::find_duplicate(agencies.iter().map(|t| (t.old, t.line))) {
        fail(format!("{}:{b}: {key:?} is already listed on line {a}", path.display()));
    }
    for (i, a) in agencies.iter().enumerate() {
        patterns.add(a.old, Kind::Agency, i as u32);
    }
    // Where secrecy.marking looks further, found in the same pass.
    patterns.add("★", Kind::SecrecyStar, 0);
    patterns.add("密级", Kind::SecrecyLevel, 0);
    let path = manifest.join("dictionaries/leaders.tsv");
    let text = read(&path);
    let leaders = check_lines(&path, tsv::parse_leaders(&text));
    if let Some((key, a, b)) = tsv::find_duplicate(leaders.iter().map(|t| (t.name, t.line))) {
        fail(format!("{}:{b}: {key:?} is already listed on line {a}", path.display()));
    }
    let names: std::collections::HashSet<&str> = leaders.iter().map(|l| l.name).collect();
    for (i, l) in leaders.iter().enumerate() {
        let confusables = |c: char| {
            conf.get(&c)
                .map(|v| v.iter().map(|&(d, _)| d).collect())
                .unwrap_or_default()
        };
        let is_word = |w: &str| words.get(w).is_some_and(|&(_, tag)| tag != "nr" || names.contains(w));
        let chars: Vec<char> = l.name.chars().collect();
        let n = chars.len();
        for v in tsv::name_variants(l.name, confusables, is_word) {
            // Names of three or more characters: a changed first or last
            // character is found from the rest of the name (below), which
            // keeps the automaton small.
            let k = v.chars().zip(&chars).position(|(a, &b)| a != b).unwrap_or(0);
            if n < 3 || (k != 0 && k != n - 1) {
                patterns.add(&v, Kind::Name, i as u32);
            }
        }
        if n >= 3 {
            let second = l.name.char_indices().nth(1).map_or(0, |(b, _)| b);
            let last = l.name.char_indices().last().map_or(0, |(b, _)| b);
            patterns.add(&l.name[second..], Kind::NameTail, i as u32);
            patterns.add(&l.name[..last], Kind::NameHead, i as u32);
        }
    }
}

/// One automaton over every built-in pattern, serialized for the library to
/// load without rebuilding it (`{name}.daac`; the value of a pattern is its
/// number), and the targets of each pattern (`{name}.targets`: for pattern
/// number n, the u32 little-endian words from offset[n] to offset[n+1] of
/// the list that follows the offsets).
fn build_automaton(patterns: &Patterns, name: &str, out: &Path) {
    let automaton = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(daachorse::MatchKind::Standard)
        .build_with_values::<_, _, u32>(patterns.map.keys().enumerate().map(|(i, p)| (p.as_str(), i as u32)))
        .unwrap_or_else(|e| fail(format!("building the automaton: {e}")));
    fs::write(out.join(format!("{name}.daac")), automaton.serialize()).expect("write the automaton");
    let mut offsets = vec![0u32];
    let mut list = Vec::new();
    for targets in patterns.map.values() {
        list.extend_from_slice(targets);
        offsets.push(list.len() as u32);
    }
    let mut bytes = Vec::with_capacity(4 * (2 + offsets.len() + list.len()));
    bytes.extend_from_slice(&(offsets.len() as u32).to_le_bytes());
    for v in offsets.iter().chain(&list) {
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    fs::write(out.join(format!("{name}.targets")), bytes).expect("write the targets");
}
