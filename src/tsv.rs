//! The dictionary file format, shared by `build.rs` (built-in dictionaries)
//! and the library (user dictionaries), so that both accept exactly the same
//! files and report the same errors.
//!
//! A dictionary is UTF-8 text, one entry per line, fields separated by TAB.
//! Lines starting with `#` are comments, blank lines are ignored, a leading
//! byte-order mark and CRLF line endings are accepted.
//!
//! This module depends on `std` only: `build.rs` includes it with `#[path]`.

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

fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F | 0x3007)
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
        if !wrong.chars().any(is_han) {
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
