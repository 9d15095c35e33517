//! Compiles the built-in dictionaries into FST maps that the library embeds
//! with `include_bytes!` and opens without copying.
//!
//! * `dictionaries/typo.tsv` -> `typo.fst` (wrong form -> record position)
//!   and `typo.blob` (the records `correct<TAB>note`, UTF-8).
//! * jieba-rs's bundled word-frequency dictionary -> `words.fst`
//!   (word -> frequency | part-of-speech tag id << 32) and `word_tags.rs`.

use std::collections::BTreeMap;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "src/tsv.rs"]
#[allow(dead_code)]
mod tsv;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=dictionaries");
    println!("cargo:rerun-if-changed=src/tsv.rs");
    println!("cargo:rerun-if-env-changed=JIAODUI_JIEBA_DICT");

    build_typos(&manifest.join("dictionaries/typo.tsv"), &out);
    build_words(&manifest, &out);
}

fn fail(msg: String) -> ! {
    eprintln!("error: {msg}");
    panic!("{msg}");
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| fail(format!("cannot read {}: {e}", path.display())))
}

fn build_typos(path: &Path, out: &Path) {
    let text = read(path);
    let records =
        tsv::parse_typos(&text).unwrap_or_else(|e| fail(format!("{}:{}: {}", path.display(), e.line, e.reason)));
    if let Some((key, a, b)) = tsv::find_duplicate(records.iter().map(|r| (r.wrong, r.line))) {
        fail(format!(
            "{}:{b}: {key:?} is already listed on line {a}; keep one entry",
            path.display()
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
    fs::write(out.join("typo.fst"), builder.into_inner().expect("in-memory FST")).expect("write typo.fst");
    fs::write(out.join("typo.blob"), blob).expect("write typo.blob");
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

fn build_words(manifest: &Path, out: &Path) {
    let path = jieba_dict(manifest);
    println!("cargo:rerun-if-changed={}", path.display());
    let text = read(&path);
    let mut words: BTreeMap<&[u8], (u64, &str)> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let mut parts = line.split(' ');
        let (Some(word), Some(freq)) = (parts.next(), parts.next()) else {
            fail(format!("{}:{}: expected `word freq [tag]`", path.display(), i + 1));
        };
        let tag = parts.next().unwrap_or("");
        let freq: u64 = freq
            .parse()
            .unwrap_or_else(|_| fail(format!("{}:{}: bad frequency {freq:?}", path.display(), i + 1)));
        let e = words.entry(word.as_bytes()).or_insert((0, tag));
        if freq >= e.0 {
            *e = (freq.min(u32::MAX as u64), tag);
        }
    }
    let mut tags: Vec<&str> = words.values().map(|&(_, t)| t).collect();
    tags.sort_unstable();
    tags.dedup();
    let mut builder = fst::MapBuilder::memory();
    let mut total = 0u64;
    for (word, (freq, tag)) in &words {
        let tag_id = tags.binary_search(tag).expect("collected above") as u64;
        builder
            .insert(word, freq | (tag_id << 32))
            .expect("BTreeMap keys are sorted");
        total += freq;
    }
    fs::write(out.join("words.fst"), builder.into_inner().expect("in-memory FST")).expect("write words.fst");
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
}
