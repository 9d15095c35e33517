//! Compiles the built-in data into the tables that the library embeds with
//! `include_bytes!` and opens without copying, one module per artefact
//! family:
//!
//! * [`typos`]: `dictionaries/typo.tsv` -> `typo.fst`, `typo.blob`;
//! * [`words`]: jieba-rs's bundled word-frequency dictionary with the
//!   project's words -> `words.fst`, `word_tags.rs`, `words.hash`,
//!   `inword.bits`, `standalone.bits`;
//! * [`confusables`]: the confusion sets -> `confusables.fst`,
//!   `confusables.blob`, `confusables.idx`;
//! * [`idioms`]: `idioms.blob`, `idioms.pairs`, `idioms.index`;
//! * [`models`]: the default language model `default.lm`;
//! * [`patterns`]: every pattern of the scan -> the automata
//!   `builtin.daac` and `builtin-idioms.daac` with their targets;
//! * [`laws`]: `dictionaries/laws.tsv` -> `laws.keys`, `laws.near`,
//!   `laws.postings`;
//!
//! and `data_files.rs`, the entry count of each built-in data file.
//!
//! The modules of `src/` that both sides share are included with `#[path]`.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "../src/tsv.rs"]
mod tsv;

#[path = "../src/lm.rs"]
#[allow(dead_code)]
mod lm;

#[path = "../src/layout.rs"]
#[allow(dead_code)]
mod layout;

#[path = "../src/lawtable.rs"]
mod lawtable;

#[path = "../src/wordhash.rs"]
#[allow(dead_code)]
mod wordhash;

#[path = "../src/idiomkey.rs"]
#[allow(dead_code)]
mod idiomkey;

#[path = "../src/bigram.rs"]
#[allow(dead_code)]
mod bigram;

mod confusables;
mod idioms;
mod laws;
mod models;
mod patterns;
mod typos;
mod words;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=dictionaries");
    for shared in ["tsv", "bigram", "wordhash", "idiomkey", "lm", "layout", "lawtable"] {
        println!("cargo:rerun-if-changed=src/{shared}.rs");
    }
    println!("cargo:rerun-if-env-changed=JIAODUI_JIEBA_DICT");

    let typos = typos::build_typos(&manifest.join("dictionaries/typo.tsv"), &out);
    let dict = words::jieba_dict(&manifest);
    println!("cargo:rerun-if-changed={}", dict.display());
    let words_text = read(&dict);
    let mut words = words::parse_words(&words_text);
    write_data_counts(&manifest, words.len(), &out);
    let supplement = read(&manifest.join("dictionaries/words.tsv"));
    let leaders = read(&manifest.join("dictionaries/leaders.tsv"));
    let government = words::add_project_words(&mut words, &supplement, &leaders);
    let total = words::build_words(&words, &out);
    let inword = words::build_inword(&words, &out);
    words::build_standalone(&words, &out);
    let conf = confusables::build_confusables(&words, &manifest.join("dictionaries/shape-similar.tsv"), &out);
    let idioms = idioms::build_idioms(&words, &out);
    models::build_default_model(&words, &out);
    laws::build_laws(&manifest, &out);

    let mut patterns = patterns::Patterns::default();
    patterns.add_typos(&typos);
    patterns::add_policy_patterns(&manifest, &words, &conf, &mut patterns);
    patterns::add_lone_patterns(&words, total, &government, &conf, &inword, &mut patterns);
    patterns.add_law_patterns();
    patterns::write_automaton(&patterns, "builtin", &out);
    // The same with the first and last two characters of every idiom: a
    // window one character from an idiom keeps one of them, so
    // idiom.near-miss looks only where the scan finds them. A second
    // automaton keeps the scan lean when that rule is off.
    patterns.add_idiom_halves(&idioms);
    patterns::write_automaton(&patterns, "builtin-idioms", &out);
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

/// Stops the build with a message that says what to fix.
fn fail(msg: String) -> ! {
    eprintln!("error: {msg}");
    panic!("{msg}");
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| fail(format!("cannot read {}: {e}", path.display())))
}

/// The parsed lines of a dictionary, or the build stops at the bad line.
fn check_lines<T>(path: &Path, r: Result<T, tsv::LineError>) -> T {
    r.unwrap_or_else(|e| fail(format!("{}:{}: {}", path.display(), e.line, e.reason)))
}
