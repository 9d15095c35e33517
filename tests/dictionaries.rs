//! The built-in typo dictionary: every wrong form is wrong in any context.

use std::collections::BTreeMap;
use std::path::Path;

use jiaodui::__private::{builtin_typos, word_freq};

fn exceptions() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/typo-exceptions.tsv"))
        .expect("dictionaries/typo-exceptions.tsv");
    let mut out = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (word, reason) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("line {}: word<TAB>reason", n + 1));
        assert!(
            !reason.trim().is_empty(),
            "typo-exceptions.tsv line {}: give a reason",
            n + 1
        );
        assert!(
            out.insert(word.to_string(), reason.to_string()).is_none(),
            "{word} listed twice"
        );
    }
    out
}

#[test]
fn has_at_least_2000_entries() {
    let n = builtin_typos().len();
    assert!(n >= 2000, "typo.tsv has {n} entries");
}

#[test]
fn no_wrong_form_is_a_word_unless_excepted() {
    let exceptions = exceptions();
    let typos = builtin_typos();
    let mut words = Vec::new();
    for (wrong, _, _) in &typos {
        if let Some(freq) = word_freq(wrong) {
            if !exceptions.contains_key(wrong) {
                words.push(format!("{wrong} (jieba frequency {freq})"));
            }
        }
    }
    assert!(
        words.is_empty(),
        "wrong forms listed as words by jieba-rs's dictionary; remove them from typo.tsv or \
         add them to typo-exceptions.tsv with a reason:\n{}",
        words.join("\n")
    );
    // No stale exception: each is a wrong form of typo.tsv and a jieba word.
    for word in exceptions.keys() {
        assert!(
            typos.iter().any(|(w, _, _)| w == word),
            "exception {word} is not in typo.tsv"
        );
        assert!(
            word_freq(word).is_some(),
            "exception {word} is not a jieba word; remove it"
        );
    }
}

#[test]
fn correct_forms_do_not_contain_wrong_forms() {
    let typos = builtin_typos();
    let wrongs: Vec<&str> = typos.iter().map(|(w, _, _)| w.as_str()).collect();
    let automaton = daachorse::CharwiseDoubleArrayAhoCorasick::<u32>::new(&wrongs).unwrap();
    let mut bad = Vec::new();
    for (wrong, correct, _) in &typos {
        for alt in correct.split('|') {
            for m in automaton.find_overlapping_iter(alt) {
                bad.push(format!(
                    "{wrong} -> {alt} contains wrong form {}",
                    wrongs[m.value() as usize]
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "a correction would itself be flagged:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_wrong_form_occurs_in_clean_prose() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/clean");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let typos = builtin_typos();
    let wrongs: Vec<&str> = typos.iter().map(|(w, _, _)| w.as_str()).collect();
    let automaton = daachorse::CharwiseDoubleArrayAhoCorasick::<u32>::new(&wrongs).unwrap();
    let mut hits = Vec::new();
    let mut paths: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        for m in automaton.find_overlapping_iter(&text) {
            let from = text.floor_char_boundary(m.start().saturating_sub(15));
            let to = text.ceil_char_boundary((m.end() + 15).min(text.len()));
            hits.push(format!(
                "{}: {} in …{}…",
                path.file_name().unwrap().to_string_lossy(),
                wrongs[m.value() as usize],
                &text[from..to]
            ));
        }
    }
    assert!(
        hits.is_empty(),
        "wrong forms found in correct prose ({}):\n{}",
        hits.len(),
        hits.join("\n")
    );
}
