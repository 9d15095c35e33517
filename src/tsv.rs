//! The dictionary file format, shared by the build script (`build/`, built-in dictionaries)
//! and the library (user dictionaries), so that both accept exactly the same
//! files and report the same errors.
//!
//! A dictionary is UTF-8 text, one entry per line, fields separated by TAB.
//! Lines starting with `#` are comments, blank lines are ignored, a leading
//! byte-order mark and CRLF line endings are accepted.
//!
//! This module depends on `std` and `fst` only: the build script (`build/`) includes it with
//! `#[path]`.
//! Some fields are read only there.
#![allow(dead_code)]

/// A line of a dictionary that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with the line and how to fix it.
    pub reason: String,
}

/// One entry of a typo dictionary: `wrong<TAB>correct[|correct…][<TAB>note]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypoRecord<'a> {
    /// 1-based line number in the source file.
    pub line: usize,
    /// The misspelled form.
    pub wrong: &'a str,
    /// The right forms, `|`-separated in the file.
    pub correct: &'a str,
    /// Optional explanation, may be empty.
    pub note: &'a str,
}

/// Iterates over the content lines of a dictionary: `(line number, fields)`.
pub fn records(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n').enumerate().filter_map(|(i, raw)| {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').collect()))
        }
    })
}

/// Whether `c` is a Han character: a CJK unified ideograph (the main block
/// and extensions A to I, up to U+323AF in Unicode 15.1) or a CJK
/// compatibility ideograph (U+F900–U+FAFF, U+2F800–U+2FA1F). The one
/// definition of the project, for the build script and the library alike.
///
/// Not 〇 (U+3007, the ideographic zero of 二〇二三年): it is no character
/// of a word, an idiom, a name or a formulation, so the dictionaries and
/// the spelling rules leave it out; the rules that read it as Chinese text
/// (punctuation context, numbers) name it themselves.
#[inline]
pub fn is_han(c: char) -> bool {
    // The common case first: one range test.
    let cp = c as u32;
    cp.wrapping_sub(0x4E00) <= 0x9FFF - 0x4E00 || matches!(cp, 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

/// Parses a typo dictionary, checking every line.
pub fn parse_typos(text: &str) -> Result<Vec<TypoRecord<'_>>, LineError> {
    let mut out = Vec::new();
    for (line, fields) in records(text) {
        let err = |reason: String| LineError { line, reason };
        if fields.len() < 2 || fields.len() > 3 {
            return Err(err(format!(
                "expected 2 or 3 TAB-separated fields (wrong, correct, optional note), found {}; \
                 separate the fields with a TAB character, not spaces",
                fields.len()
            )));
        }
        let (wrong, correct) = (fields[0], fields[1]);
        let note = fields.get(2).copied().unwrap_or("");
        for (name, value) in [("wrong", wrong), ("correct", correct)] {
            if value.is_empty() {
                return Err(err(format!("the {name} field is empty")));
            }
            if value != value.trim() || value.chars().any(char::is_whitespace) {
                return Err(err(format!(
                    "the {name} field {value:?} contains white space; remove it"
                )));
            }
        }
        if wrong.chars().count() < 2 {
            return Err(err(format!(
                "the wrong form {wrong:?} is a single character; a single character is \
                 right in some context, so list the word it is wrong in"
            )));
        }
        if !wrong.chars().any(|c| is_han(c) || c == '〇') {
            return Err(err(format!("the wrong form {wrong:?} contains no Chinese character")));
        }
        if wrong.contains('|') {
            return Err(err(format!(
                "the wrong form {wrong:?} contains '|'; only the correct field may list alternatives"
            )));
        }
        for alt in correct.split('|') {
            if alt.is_empty() {
                return Err(err(format!("the correct field {correct:?} has an empty alternative")));
            }
            if alt == wrong {
                return Err(err(format!("the correct form {alt:?} is the same as the wrong form")));
            }
        }
        out.push(TypoRecord {
            line,
            wrong,
            correct,
            note,
        });
    }
    Ok(out)
}

/// Parses and compiles a typo dictionary: the FST map (wrong form ->
/// record position) and the blob of records `correct<TAB>note<TAB>line`
/// (the entry's line in `text`). The error names the line.
pub fn compile_typos(text: &str) -> Result<(Vec<u8>, String), LineError> {
    let records = parse_typos(text)?;
    if let Some((key, a, b)) = find_duplicate(records.iter().map(|r| (r.wrong, r.line))) {
        return Err(LineError {
            line: b,
            reason: format!("{key:?} is already listed on line {a}; keep one entry"),
        });
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
        blob.push('\t');
        blob.push_str(&r.line.to_string());
        let len = blob.len() as u64 - offset;
        builder
            .insert(r.wrong, (offset << 32) | len)
            .expect("keys are sorted and unique");
    }
    Ok((builder.into_inner().expect("in-memory FST"), blob))
}

/// Returns the first key that occurs twice: `(key, first line, second line)`.
pub fn find_duplicate<'a>(keys: impl IntoIterator<Item = (&'a str, usize)>) -> Option<(&'a str, usize, usize)> {
    let mut seen = std::collections::HashMap::new();
    for (key, line) in keys {
        if let Some(&first) = seen.get(key) {
            return Some((key, first, line));
        }
        seen.insert(key, line);
    }
    None
}

fn field<'a>(fields: &[&'a str], i: usize) -> &'a str {
    fields.get(i).copied().unwrap_or("").trim()
}

fn split_alts(s: &str) -> Vec<&str> {
    s.split('|').map(str::trim).filter(|a| !a.is_empty()).collect()
}

/// A canonical formulation: `canonical<TAB>variants<TAB>source`.
#[derive(Debug, Clone)]
pub struct Formulation<'a> {
    pub line: usize,
    pub canonical: &'a str,
    /// Known wrong variants.
    pub variants: Vec<&'a str>,
    pub source: &'a str,
}

pub fn parse_formulations(text: &str) -> Result<Vec<Formulation<'_>>, LineError> {
    let mut out = Vec::new();
    for (line, fields) in records(text) {
        let canonical = field(&fields, 0);
        if canonical.chars().filter(|&c| is_han(c)).count() < 4 {
            return Err(LineError {
                line,
                reason: format!("{canonical:?}: a formulation has at least four Han characters"),
            });
        }
        let variants = split_alts(field(&fields, 1));
        if let Some(v) = variants.iter().find(|v| **v == canonical) {
            return Err(LineError {
                line,
                reason: format!("the variant {v:?} is the canonical form itself"),
            });
        }
        out.push(Formulation {
            line,
            canonical,
            variants,
            source: field(&fields, 2),
        });
    }
    Ok(out)
}

/// A forbidden or cautioned term: `term<TAB>suggestion<TAB>severity<TAB>allow<TAB>source`.
#[derive(Debug, Clone)]
pub struct Term<'a> {
    pub line: usize,
    pub term: &'a str,
    pub suggestions: Vec<&'a str>,
    /// `true` for error, `false` for warning.
    pub error: bool,
    /// Longer phrases containing the term that are correct.
    pub allow: Vec<&'a str>,
    pub source: &'a str,
}

pub fn parse_terms(text: &str) -> Result<Vec<Term<'_>>, LineError> {
    let mut out = Vec::new();
    for (line, fields) in records(text) {
        let term = field(&fields, 0);
        if term.chars().count() < 2 {
            return Err(LineError {
                line,
                reason: format!("{term:?}: a term has at least two characters"),
            });
        }
        let error = match field(&fields, 2) {
            "error" => true,
            "warning" => false,
            other => {
                return Err(LineError {
                    line,
                    reason: format!("severity {other:?}: use error or warning"),
                })
            }
        };
        let allow = split_alts(field(&fields, 3));
        if let Some(a) = allow.iter().find(|a| !a.contains(term)) {
            return Err(LineError {
                line,
                reason: format!("the allowed phrase {a:?} does not contain {term:?}"),
            });
        }
        out.push(Term {
            line,
            term,
            suggestions: split_alts(field(&fields, 1)),
            error,
            allow,
            source: field(&fields, 4),
        });
    }
    Ok(out)
}

/// An abolished or renamed agency: `old<TAB>successor<TAB>year<TAB>note`.
#[derive(Debug, Clone)]
pub struct Agency<'a> {
    pub line: usize,
    pub old: &'a str,
    /// Successors; empty when simply abolished (`无`).
    pub successors: Vec<&'a str>,
    pub year: u32,
    pub note: &'a str,
}

pub fn parse_agencies(text: &str) -> Result<Vec<Agency<'_>>, LineError> {
    let mut out = Vec::new();
    for (line, fields) in records(text) {
        let old = field(&fields, 0);
        if old.chars().count() < 3 {
            return Err(LineError {
                line,
                reason: format!("{old:?}: an agency name has at least three characters"),
            });
        }
        let year: u32 = field(&fields, 2)
            .parse()
            .ok()
            .filter(|y| (1949..=2100).contains(y))
            .ok_or_else(|| LineError {
                line,
                reason: format!("year {:?}: write the year of the change, e.g. 2018", field(&fields, 2)),
            })?;
        let successors = split_alts(field(&fields, 1))
            .into_iter()
            .filter(|s| *s != "无")
            .collect();
        out.push(Agency {
            line,
            old,
            successors,
            year,
            note: field(&fields, 3),
        });
    }
    Ok(out)
}

/// A name: `name<TAB>category<TAB>role<TAB>verified`.
#[derive(Debug, Clone)]
pub struct Leader<'a> {
    pub line: usize,
    pub name: &'a str,
    pub category: &'a str,
    pub role: &'a str,
    pub verified: &'a str,
}

pub fn parse_leaders(text: &str) -> Result<Vec<Leader<'_>>, LineError> {
    let mut out = Vec::new();
    for (line, fields) in records(text) {
        let name = field(&fields, 0);
        let n = name.chars().count();
        if !(2..=5).contains(&n) || !name.chars().all(is_han) {
            return Err(LineError {
                line,
                reason: format!("{name:?}: a name is two to five Han characters"),
            });
        }
        let category = field(&fields, 1);
        if !["current", "former", "historical", "model"].contains(&category) {
            return Err(LineError {
                line,
                reason: format!("category {category:?}: use current, former, historical or model"),
            });
        }
        out.push(Leader {
            line,
            name,
            category,
            role: field(&fields, 2),
            verified: field(&fields, 3),
        });
    }
    Ok(out)
}

/// Misspellings of a name: each character replaced in turn by each of its
/// confusable characters, keeping only strings that are not words.
pub fn name_variants(
    name: &str,
    confusables: impl Fn(char) -> Vec<char>,
    is_word: impl Fn(&str) -> bool,
) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    for k in 0..chars.len() {
        for d in confusables(chars[k]) {
            let mut v = chars.clone();
            v[k] = d;
            let v: String = v.into_iter().collect();
            if !is_word(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// A word of a sensitive-word list: `word<TAB>category<TAB>severity<TAB>replacement`.
#[derive(Debug, Clone)]
pub struct ListedWord<'a> {
    pub line: usize,
    pub word: &'a str,
    pub category: &'a str,
    /// `None` when the severity field is empty (the rule's default).
    pub severity: Option<&'a str>,
    pub replacement: Option<&'a str>,
}

pub fn parse_word_list(text: &str) -> Result<Vec<ListedWord<'_>>, LineError> {
    let mut out = Vec::new();
    for (line, fields) in records(text) {
        let word = field(&fields, 0);
        if word.is_empty() {
            return Err(LineError {
                line,
                reason: "the word field is empty".into(),
            });
        }
        if fields.len() > 4 {
            return Err(LineError {
                line,
                reason: format!(
                    "expected at most 4 TAB-separated fields (word, category, severity, replacement), found {}",
                    fields.len()
                ),
            });
        }
        let severity = match field(&fields, 2) {
            "" => None,
            s @ ("error" | "warning" | "info") => Some(s),
            other => {
                return Err(LineError {
                    line,
                    reason: format!("severity {other:?}: use error, warning or info"),
                })
            }
        };
        let replacement = Some(field(&fields, 3)).filter(|r| !r.is_empty());
        out.push(ListedWord {
            line,
            word,
            category: field(&fields, 1),
            severity,
            replacement,
        });
    }
    Ok(out)
}
