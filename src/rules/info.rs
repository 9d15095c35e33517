//! What a rule is: its declaration ([`RuleInfo`]), and what
//! `jiaodui rules --explain` says about it ([`Explanation`]).

use std::fmt;

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::layout::Kind;

/// What a rule is: its id, category, default severity, a one-line summary
/// in Chinese, an example of text it flags, a longer explanation, and the
/// built-in data it reads. Every rule has one, in [`rules`](crate::rules).
///
/// ```
/// use jiaodui::{Category, Severity};
///
/// let r = jiaodui::rule("political.term").unwrap();
/// assert_eq!(r.family(), "political");
/// assert_eq!(r.category, Category::Serious);
/// assert!(r.is_serious(Severity::Error) && !r.is_serious(Severity::Warning));
/// assert_eq!(r.data, ["dictionaries/political-terms.tsv"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RuleInfo {
    /// Stable id, `family.name`, e.g. `typo.word`.
    pub id: &'static str,
    /// What kind of problem the rule finds.
    pub category: Category,
    /// Severity unless configured otherwise (entries of some rules' data
    /// carry their own: see [`LinterBuilder::severity`](crate::LinterBuilder::severity)).
    pub default_severity: Severity,
    /// What the rule finds, in Chinese.
    pub summary: &'static str,
    /// A sentence the rule flags (`sensitive.word`'s only with a word list
    /// that lists its word).
    pub example: &'static str,
    /// What the rule looks for, what it leaves alone and how to silence it,
    /// in Chinese: what `jiaodui rules --explain ID` shows.
    pub explanation: &'static str,
    /// Whether its findings are miswritten characters (错别字): what the
    /// accuracy harness counts on labelled sets of misspellings.
    pub miswritten: bool,
    /// For a rule of [`Category::Serious`]: the least severity at which a
    /// finding is serious, when not every finding is (`political.term`:
    /// only its errors, not the expressions to use with caution).
    pub serious_from: Option<Severity>,
    /// The built-in data the rule reads: paths of the project's
    /// `dictionaries/`, and `jieba-rs/src/data/dict.txt` for the word list.
    /// [`RuleInfo::data_files`] gives their entry counts.
    pub data: &'static [&'static str],
    /// What the rule needs from the shared scan and pass.
    #[serde(skip)]
    pub(crate) needs: Needs,
}

/// What kind of problem a rule finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Category {
    /// Misspelt words and idioms (疑似错别字).
    Spelling,
    /// Serious errors of expression that fail an account at inspection on
    /// their own (严重表述错误): wrong formulations, leaders' names,
    /// forbidden political terms, abolished agencies, secrecy markings.
    Serious,
    /// An office's own word lists and personal data.
    Policy,
    /// Text hygiene: look-alike and invisible characters, punctuation,
    /// numbers, repetition.
    Hygiene,
}

impl Category {
    /// The lowercase name: `spelling`, `serious`, `policy` or `hygiene`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Spelling => "spelling",
            Category::Serious => "serious",
            Category::Policy => "policy",
            Category::Hygiene => "hygiene",
        }
    }

    /// The name in Chinese.
    pub fn name(self) -> &'static str {
        match self {
            Category::Spelling => "错别字",
            Category::Serious => "严重表述错误",
            Category::Policy => "敏感词与个人信息",
            Category::Hygiene => "文字规范",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// What a rule needs while a text is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Needs {
    /// The kinds of automaton targets it takes from the shared scan (each
    /// kind is taken by one rule).
    pub(crate) kinds: &'static [Kind],
    /// The shared pass over the characters (`hygiene::Pass`).
    pub(crate) pass: bool,
    /// The pass's orphan characters (`typo.confusable`).
    pub(crate) orphans: bool,
}

impl Needs {
    /// Nothing shared: the rule reads the text itself.
    pub(crate) const NONE: Needs = Needs {
        kinds: &[],
        pass: false,
        orphans: false,
    };
    /// The shared pass.
    pub(crate) const PASS: Needs = Needs {
        pass: true,
        ..Needs::NONE
    };

    /// These kinds of the shared scan.
    pub(crate) const fn scan(kinds: &'static [Kind]) -> Needs {
        Needs { kinds, ..Needs::NONE }
    }
}

impl RuleInfo {
    /// The family: the part of the id before the dot (`typo` of
    /// `typo.word`), which configuration and suppressions may name for
    /// all its rules.
    pub fn family(&self) -> &'static str {
        self.id.split_once('.').map_or(self.id, |(family, _)| family)
    }

    /// Whether a finding of this rule at `severity` is serious: the rule is
    /// of [`Category::Serious`] and the severity at least its
    /// [`serious_from`](RuleInfo::serious_from).
    pub fn is_serious(&self, severity: Severity) -> bool {
        self.category == Category::Serious && self.serious_from.is_none_or(|s| severity >= s)
    }

    /// The built-in data files of the rule with their entry counts, as
    /// compiled into this build.
    ///
    /// ```
    /// let r = jiaodui::rule("typo.word").unwrap();
    /// let typos = &r.data_files()[0];
    /// assert_eq!(typos.path, "dictionaries/typo.tsv");
    /// assert!(typos.entries > 1000);
    /// ```
    pub fn data_files(&self) -> Vec<DataFile> {
        self.data
            .iter()
            .map(|&path| DataFile {
                path,
                entries: data_entries(path).unwrap_or(0),
            })
            .collect()
    }

    /// What `jiaodui rules --explain ID` prints: the declaration, the
    /// explanation and the data files with their entry counts. See
    /// [`explain`](crate::explain).
    pub fn explain(&'static self) -> Explanation {
        Explanation { rule: self }
    }
}

/// Entry counts of the built-in data files (written by the build script).
mod counts {
    include!(concat!(env!("OUT_DIR"), "/data_files.rs"));
}

/// The number of entries the build compiled from a built-in data file.
pub(crate) fn data_entries(path: &str) -> Option<usize> {
    counts::DATA_FILES.iter().find(|(p, _)| *p == path).map(|&(_, n)| n)
}

/// A built-in data file of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DataFile {
    /// Its path: in the project (`dictionaries/typo.tsv`), or in the
    /// package it comes from (`jieba-rs/src/data/dict.txt`).
    pub path: &'static str,
    /// How many entries of it this build compiled.
    pub entries: usize,
}

/// A rule explained, for `jiaodui rules --explain ID`: its
/// [`Display`](fmt::Display) is the text to print.
///
/// ```
/// let text = jiaodui::explain("agency.renamed").unwrap().to_string();
/// assert!(text.starts_with("agency.renamed\n"));
/// assert!(text.contains("dictionaries/agencies.tsv"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    rule: &'static RuleInfo,
}

impl Explanation {
    /// The rule explained.
    pub fn rule(&self) -> &'static RuleInfo {
        self.rule
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.rule;
        writeln!(f, "{}", r.id)?;
        writeln!(f, "类别：{}（{}）", r.category.name(), r.category)?;
        write!(f, "默认严重程度：{}", r.default_severity)?;
        match r.serious_from {
            Some(s) if r.category == Category::Serious => writeln!(f, "（{s} 级的发现属于严重表述错误）")?,
            _ => writeln!(f)?,
        }
        writeln!(f, "{}", r.summary)?;
        writeln!(f, "例：{}", r.example.escape_debug())?;
        writeln!(f)?;
        writeln!(f, "{}", r.explanation)?;
        let files = r.data_files();
        if !files.is_empty() {
            writeln!(f)?;
            writeln!(f, "数据：")?;
            for d in files {
                writeln!(f, "  {}（{} 条）", d.path, d.entries)?;
            }
        }
        Ok(())
    }
}
