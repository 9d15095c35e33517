//! `jiaodui.toml`, the configuration file: rule settings (also per document
//! kind), an office's dictionaries, what to check and when to fail, and the
//! settings of the quarterly inspection.
//!
//! A front end finds the file by walking up from the document it checks
//! ([`Config::find`], or [`Config::discover`] to load it too), and builds
//! its linter from it ([`Config::linter_builder`]), adding its own options
//! on top. Paths in the file are relative to the file; they are resolved
//! when it is loaded. The `include` and `exclude` globs are compiled once,
//! when it is loaded ([`Config::selects`]).
//!
//! ```
//! use jiaodui::config::{Config, FailOn};
//! use jiaodui::{Document, DocumentKind};
//!
//! let config = Config::from_toml(r#"
//! [rules]
//! "typo.word" = "info"      # a rule id
//! repeat = "off"            # or a family
//!
//! [dictionaries]
//! typos = ["dictionaries/our-typos.tsv"]
//!
//! [check]
//! allow = ["防讯科"]
//! exclude = ["archive/**"]
//! fail_on = "error"
//!
//! [types.markdown.rules]
//! punct = "off"
//! "#, "/srv/site/jiaodui.toml")?;
//!
//! // Paths are relative to the file.
//! assert_eq!(config.dictionaries.typos[0], std::path::Path::new("/srv/site/dictionaries/our-typos.tsv"));
//! assert!(!config.selects("/srv/site/archive/2019/a.md"));
//! assert!(config.selects("/srv/site/posts/a.md"));
//! assert_eq!(config.fail_on(), Some(FailOn::Error));
//!
//! // The settings for Markdown: punctuation off, typo.word an info.
//! let mut config = config;
//! config.dictionaries.typos.clear();   // (the file is not there in this example)
//! let linter = config.linter_builder(DocumentKind::Markdown).build()?;
//! let findings = linter.check_document(&Document::markdown("防讯科通知：请按装。。"));
//! let found: Vec<_> = findings.iter().map(|d| (d.rule, d.severity.as_str())).collect();
//! assert_eq!(found, [("typo.word", "info")]);
//! # Ok::<(), jiaodui::Error>(())
//! ```
//!
//! Errors name the file, the line and the key, and say what to write:
//!
//! ```
//! use jiaodui::config::Config;
//!
//! let err = Config::from_toml("[check]\nallow = []\nfail_no = \"error\"\n", "jiaodui.toml").unwrap_err();
//! assert_eq!(err.to_string(),
//!     "jiaodui.toml:3: unknown field `fail_no`, expected one of `allow`, `include`, `exclude`, `fail_on`, `max_gap`");
//!
//! let err = Config::from_toml("[rules]\n\"typo.wrod\" = \"off\"\n", "jiaodui.toml").unwrap_err();
//! assert_eq!(err.to_string(),
//!     "jiaodui.toml:2: unknown rule or family \"typo.wrod\" (`jiaodui rules` lists every rule id)");
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::document::DocumentKind;
use crate::error::{Error, ErrorKind};
use crate::linter::{Linter, LinterBuilder};

/// The name of the configuration file.
pub const FILE_NAME: &str = "jiaodui.toml";

/// A commented configuration file in which every setting is commented out
/// (what `jiaodui init` writes). It changes nothing.
pub const DEFAULT: &str = include_str!("default.toml");

/// A rule's setting: a severity, or on/off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
// The variants are the values written in the file; doc comments on them
// would turn the schema's `enum` into a `oneOf`.
#[allow(missing_docs)]
pub enum Level {
    Off,
    On,
    Error,
    Warning,
    Info,
}

/// The configuration. Unknown keys are errors.
///
/// The fields are the file's tables. Load one with [`Config::load`] or
/// [`Config::from_toml`]; `Config::default()` is the configuration of no
/// file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "The configuration. Unknown keys are errors.")]
#[non_exhaustive]
pub struct Config {
    /// Rules by id or family (`typo`, `punct`): off, on, error, warning or info.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Data files, relative to the configuration file.
    #[serde(default)]
    pub dictionaries: Dictionaries,
    /// What to check and when to fail.
    #[serde(default)]
    pub check: Check,
    /// Per file type (`markdown`, `html`, `text`): rule settings that apply
    /// to files of that type on top of `rules`.
    #[serde(default)]
    pub types: BTreeMap<FileType, TypeSettings>,
    /// `jiaodui inspect`: grades and authoritative sources.
    #[serde(default)]
    pub inspect: InspectSettings,
    /// The file, when loaded from one.
    #[serde(skip)]
    path: Option<PathBuf>,
    /// Its directory, canonical, for the globs.
    #[serde(skip)]
    root: PathBuf,
    #[serde(skip)]
    include: Option<GlobSet>,
    #[serde(skip)]
    exclude: Option<GlobSet>,
}

/// Settings of `jiaodui inspect`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct InspectSettings {
    /// Thresholds of the grades 好 and 较好.
    pub grades: Option<Grades>,
    /// Sources whose reposts count as authoritative.
    pub authoritative: Option<Vec<String>>,
}

/// Thresholds of a grade: an account meets it when all hold.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// Suspected typos per 10,000 characters, at most.
    pub max_typos_per_10k: f64,
    /// Longest stretch without an update, in days, at most.
    pub max_gap_days: i64,
    /// Reposts of authoritative sources, at least.
    pub min_authoritative_reposts: usize,
}

/// The grades 好 and 较好 (below them: 一般).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    /// 好.
    pub good: Grade,
    /// 较好.
    pub fair: Grade,
}

impl Default for Grades {
    fn default() -> Grades {
        Grades {
            good: Grade {
                max_typos_per_10k: 1.0,
                max_gap_days: 7,
                min_authoritative_reposts: 3,
            },
            fair: Grade {
                max_typos_per_10k: 3.0,
                max_gap_days: 10,
                min_authoritative_reposts: 1,
            },
        }
    }
}

/// Data files.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Dictionaries {
    /// Typo dictionaries (`wrong<TAB>correct<TAB>note`).
    #[serde(default)]
    #[schemars(description = "Typo dictionaries (wrong<TAB>correct<TAB>note).")]
    pub typos: Vec<PathBuf>,
    /// Sensitive-word lists (`word<TAB>category<TAB>severity<TAB>replacement`).
    #[serde(default)]
    #[schemars(description = "Sensitive-word lists (word<TAB>category<TAB>severity<TAB>replacement).")]
    pub word_lists: Vec<PathBuf>,
    /// A leaders list replacing the built-in one.
    pub leaders: Option<PathBuf>,
    /// A language model built with `jiaodui lm build`.
    pub language_model: Option<PathBuf>,
    /// An office's own lists of laws and regulations (the columns of the
    /// built-in `dictionaries/laws.tsv`), added to the built-in list.
    #[serde(default)]
    #[schemars(
        description = "Lists of laws and regulations (the columns of dictionaries/laws.tsv), added to the built-in one."
    )]
    pub laws: Vec<PathBuf>,
}

/// What to check.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Check {
    /// Phrases never to flag.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Glob patterns (relative to the configuration file) of the files to
    /// check when a directory is walked; default: every text file.
    #[serde(default)]
    pub include: Vec<String>,
    /// Glob patterns of files never to check.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Exit with status 1 at or above: error, warning, info or never.
    pub fail_on: Option<String>,
    /// Noise characters allowed inside a sensitive word.
    pub max_gap: Option<usize>,
}

/// File types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
// The variants are the keys written in the file; doc comments on them
// would change the schema of `types`.
#[allow(missing_docs)]
pub enum FileType {
    Markdown,
    Html,
    Text,
}

impl From<DocumentKind> for FileType {
    /// The settings a kind of document takes: a .docx takes those of text.
    fn from(kind: DocumentKind) -> FileType {
        match kind {
            DocumentKind::Markdown => FileType::Markdown,
            DocumentKind::Html => FileType::Html,
            _ => FileType::Text,
        }
    }
}

/// Settings for one file type.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TypeSettings {
    /// Rules by id or family, as in `[rules]`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
}

/// When a check fails (`check.fail_on`): at findings of this severity or
/// above, or never.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailOn {
    /// At errors.
    Error,
    /// At warnings and errors.
    Warning,
    /// At any finding.
    Info,
    /// Never.
    Never,
}

impl FailOn {
    /// The lowest severity that fails, or `None` for never.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

impl std::str::FromStr for FailOn {
    type Err = String;
    fn from_str(s: &str) -> Result<FailOn, String> {
        match s {
            "error" => Ok(FailOn::Error),
            "warning" => Ok(FailOn::Warning),
            "info" => Ok(FailOn::Info),
            "never" => Ok(FailOn::Never),
            _ => Err(format!("fail_on = {s:?}: use error, warning, info or never")),
        }
    }
}

/// The 1-based number of the first line of `text` that `found` says is the
/// one.
fn line_where(text: &str, found: impl Fn(&str) -> bool) -> Option<usize> {
    text.lines().position(found).map(|i| i + 1)
}

impl Config {
    /// The nearest `jiaodui.toml` in `start` (a file's directory, or a
    /// directory) or a directory above it.
    pub fn find(start: impl AsRef<Path>) -> Option<PathBuf> {
        let abs = std::fs::canonicalize(start).ok()?;
        let mut dir = if abs.is_dir() {
            Some(abs.as_path())
        } else {
            abs.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// Finds ([`Config::find`]) and loads the configuration of `start`;
    /// `None` when there is no file.
    ///
    /// # Errors
    /// As [`Config::load`].
    pub fn discover(start: impl AsRef<Path>) -> Result<Option<Config>, Error> {
        Config::find(start).map(Config::load).transpose()
    }

    /// Reads and loads a configuration file.
    ///
    /// # Errors
    /// A file that cannot be read, and as [`Config::from_toml`].
    pub fn load(path: impl AsRef<Path>) -> Result<Config, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| config_error(path, None, format!("cannot read: {e}")))?;
        Config::from_toml(&text, path)
    }

    /// Loads a configuration from its text; `path` is where the file is:
    /// it names the file in errors, and its directory is the base of
    /// relative paths and globs. Nothing is read.
    ///
    /// # Errors
    /// TOML that does not parse, an unknown or mistyped key (the error
    /// names the line), an unknown rule id or family, a bad `fail_on`, a
    /// bad glob.
    pub fn from_toml(text: &str, path: impl AsRef<Path>) -> Result<Config, Error> {
        let path = path.as_ref();
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| {
                1 + text.as_bytes()[..s.start.min(text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
            });
            config_error(path, line, e.message().trim_end().to_string())
        })?;
        for key in config
            .rules
            .keys()
            .chain(config.types.values().flat_map(|t| t.rules.keys()))
        {
            if !crate::rules().iter().any(|r| matches_rule(r.id, key)) {
                return Err(config_error(
                    path,
                    line_where(text, |l| l.contains(key.as_str())),
                    format!("unknown rule or family {key:?} (`jiaodui rules` lists every rule id)"),
                ));
            }
        }
        if let Some(f) = &config.check.fail_on {
            if let Err(reason) = f.parse::<FailOn>() {
                let line = line_where(text, |l| l.trim_start().starts_with("fail_on"));
                return Err(config_error(path, line, reason));
            }
        }
        config.path = Some(path.to_path_buf());
        let dir = config.dir().to_path_buf();
        config.root = std::fs::canonicalize(&dir).unwrap_or(dir);
        config.include = globs(&config.check.include, text, path)?;
        config.exclude = globs(&config.check.exclude, text, path)?;
        let d = &mut config.dictionaries;
        let resolve = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = path.parent().unwrap_or(Path::new(".")).join(&*p);
            }
        };
        d.typos.iter_mut().for_each(resolve);
        d.word_lists.iter_mut().for_each(resolve);
        d.leaders.iter_mut().for_each(resolve);
        d.language_model.iter_mut().for_each(resolve);
        d.laws.iter_mut().for_each(resolve);
        Ok(config)
    }

    /// The file it was loaded from.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The directory relative paths and globs start from: the file's (the
    /// current directory for no file).
    pub fn dir(&self) -> &Path {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    }

    /// A linter builder with this configuration's dictionaries, allowed
    /// phrases and rule settings for a kind of document (`[rules]`, then
    /// `[types.<kind>.rules]`; a .docx takes `text`'s). A front end adds its
    /// own options to it, and builds.
    pub fn linter_builder(&self, kind: DocumentKind) -> LinterBuilder {
        self.configure(Linter::builder(), kind)
    }

    /// Adds this configuration to a builder, as [`Config::linter_builder`].
    pub fn configure(&self, builder: LinterBuilder, kind: DocumentKind) -> LinterBuilder {
        let mut b = builder;
        let d = &self.dictionaries;
        for p in &d.typos {
            b = b.dictionary_file(p);
        }
        for p in &d.word_lists {
            b = b.word_list_file(p);
        }
        if let Some(p) = &d.leaders {
            b = b.leaders_file(p);
        }
        if let Some(p) = &d.language_model {
            b = b.language_model_file(p);
        }
        for p in &d.laws {
            b = b.laws_file(p);
        }
        for a in &self.check.allow {
            b = b.allow(a.clone());
        }
        if let Some(g) = self.check.max_gap {
            b = b.word_list_max_gap(g);
        }
        let typed = self.types.get(&FileType::from(kind)).into_iter().flat_map(|t| &t.rules);
        for (key, level) in self.rules.iter().chain(typed) {
            for r in crate::rules().iter().filter(|r| matches_rule(r.id, key)) {
                b = match level {
                    Level::Off => b.disable(r.id),
                    Level::On => b.enable(r.id),
                    Level::Error => b.severity(r.id, Severity::Error),
                    Level::Warning => b.severity(r.id, Severity::Warning),
                    Level::Info => b.severity(r.id, Severity::Info),
                };
            }
        }
        b
    }

    /// Whether a file found by walking a directory is to be checked: it
    /// matches an `include` glob (when there are any) and no `exclude`
    /// glob, both relative to the configuration's directory.
    pub fn selects(&self, path: impl AsRef<Path>) -> bool {
        if self.include.is_none() && self.exclude.is_none() {
            return true;
        }
        let path = path.as_ref();
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = abs.strip_prefix(&self.root).unwrap_or(&abs);
        self.include.as_ref().is_none_or(|g| g.is_match(rel)) && !self.exclude.as_ref().is_some_and(|g| g.is_match(rel))
    }

    /// `check.fail_on`, when set.
    pub fn fail_on(&self) -> Option<FailOn> {
        self.check.fail_on.as_deref().and_then(|f| f.parse().ok())
    }
}

/// Whether a setting's key (a rule id or a family) names rule `id`.
fn matches_rule(id: &str, key: &str) -> bool {
    id == key || id.split('.').next() == Some(key)
}

fn config_error(path: &Path, line: Option<usize>, reason: String) -> Error {
    Error::new(ErrorKind::Config {
        path: path.to_path_buf(),
        line,
        reason,
    })
}

/// Compiles glob patterns once; `None` for none.
fn globs(patterns: &[String], text: &str, path: &Path) -> Result<Option<GlobSet>, Error> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p).map_err(|e| {
            let line = line_where(text, |l| l.contains(p.as_str()));
            config_error(path, line, format!("bad glob {p:?}: {e}"))
        })?;
        b.add(glob);
    }
    b.build()
        .map(Some)
        .map_err(|e| config_error(path, None, format!("bad globs: {e}")))
}

/// The JSON schema of the configuration file (for editors).
pub fn schema() -> String {
    let schema = schemars::schema_for!(Config);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_parses_and_sets_nothing() {
        let c = Config::from_toml(DEFAULT, "jiaodui.toml").unwrap();
        assert!(c.rules.is_empty() && c.types.is_empty() && c.check.fail_on.is_none());
        assert!(c.selects("anything.md"));
        assert_eq!(c.dir(), Path::new("."));
    }

    #[test]
    fn errors_name_the_line() {
        let e = Config::from_toml("[check]\nfail_on = \"sometimes\"\n", "a/jiaodui.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "a/jiaodui.toml:2: fail_on = \"sometimes\": use error, warning, info or never"
        );
        let e = Config::from_toml("[check]\ninclude = [\"ok/**\",\n  \"a/[b\"]\n", "jiaodui.toml").unwrap_err();
        assert!(e.to_string().starts_with("jiaodui.toml:3: bad glob \"a/[b\": "), "{e}");
        let e = Config::from_toml("[rules]\ntypo = 3\n", "jiaodui.toml").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::Config { line: Some(2), .. }), "{e}");
    }

    #[test]
    fn type_settings_apply_on_top_and_docx_takes_text() {
        let c = Config::from_toml(
            "[rules]\npunct = \"off\"\n[types.text.rules]\n\"punct.doubled\" = \"info\"\n",
            "jiaodui.toml",
        )
        .unwrap();
        let rules = |kind| {
            let l = c.linter_builder(kind).build().unwrap();
            l.check("好。。")
                .into_iter()
                .map(|d| (d.rule, d.severity))
                .collect::<Vec<_>>()
        };
        assert_eq!(rules(DocumentKind::Markdown), []);
        assert_eq!(rules(DocumentKind::Text), [("punct.doubled", Severity::Info)]);
        assert_eq!(rules(DocumentKind::Docx), [("punct.doubled", Severity::Info)]);
    }
}
