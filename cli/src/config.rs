//! `jiaodui.toml`: the configuration file, found by walking up from each
//! checked path (`--config FILE` names one, `--no-config` ignores them).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

pub const FILE_NAME: &str = "jiaodui.toml";

/// A rule's setting: a severity, or on/off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    On,
    Error,
    Warning,
    Info,
}

/// The configuration. Unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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
}

/// Settings of `jiaodui inspect`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InspectSettings {
    /// Thresholds of the grades 好 and 较好.
    pub grades: Option<crate::inspect::Grades>,
    /// Sources whose reposts count as authoritative.
    pub authoritative: Option<Vec<String>>,
}

/// Data files.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dictionaries {
    /// Typo dictionaries (wrong<TAB>correct<TAB>note).
    #[serde(default)]
    pub typos: Vec<PathBuf>,
    /// Sensitive-word lists (word<TAB>category<TAB>severity<TAB>replacement).
    #[serde(default)]
    pub word_lists: Vec<PathBuf>,
    /// A leaders list replacing the built-in one.
    pub leaders: Option<PathBuf>,
    /// A language model built with `jiaodui lm build`.
    pub language_model: Option<PathBuf>,
}

/// What to check.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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
pub enum FileType {
    Markdown,
    Html,
    Text,
}

impl FileType {
    pub fn of(path: &Path) -> FileType {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => FileType::Markdown,
            Some("html" | "htm") => FileType::Html,
            _ => FileType::Text,
        }
    }
}

/// Settings for one file type.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeSettings {
    /// Rules by id or family, as in `[rules]`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
}

/// A configuration file and its directory (paths in it are relative to it).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub config: Config,
}

impl Loaded {
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    pub fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.dir().join(p)
        }
    }
}

/// Reads and checks a configuration file. The error names the file, and
/// for an unknown or mistyped key the key and its line.
pub fn load(path: &Path) -> Result<Loaded, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
        let msg = e.message().trim_end().to_string();
        match line {
            Some(line) => format!("{}:{line}: {msg}", path.display()),
            None => format!("{}: {msg}", path.display()),
        }
    })?;
    for (key, _) in config
        .rules
        .iter()
        .chain(config.types.values().flat_map(|t| t.rules.iter()))
    {
        let known = jiaodui::rules()
            .iter()
            .any(|r| r.id == key || r.id.split('.').next() == Some(key.as_str()));
        if !known {
            let line = text.lines().position(|l| l.contains(key.as_str())).map_or(0, |i| i + 1);
            return Err(format!(
                "{}:{line}: unknown rule or family {key:?} (`jiaodui rules` lists every rule id)",
                path.display()
            ));
        }
    }
    if let Some(f) = &config.check.fail_on {
        if !["error", "warning", "info", "never"].contains(&f.as_str()) {
            return Err(format!(
                "{}: fail_on = {f:?}: use error, warning, info or never",
                path.display()
            ));
        }
    }
    Ok(Loaded {
        path: path.to_path_buf(),
        config,
    })
}

/// The nearest `jiaodui.toml` in `start` or a directory above it.
pub fn find(start: &Path) -> Option<PathBuf> {
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

/// The JSON schema of the configuration.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Config);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// The commented default written by `jiaodui init`.
pub const DEFAULT: &str = r#"# jiaodui.toml — configuration of jiaodui (校对). Paths are relative to this file.
# Every key is optional; an unknown key is an error.

[rules]
# A rule id or a family, and off, on, error, warning or info.
# "typo.confusable" = "warning"
# "punct" = "info"
# "repeat" = "off"

[dictionaries]
# typos = ["dictionaries/our-typos.tsv"]            # wrong<TAB>correct<TAB>note
# word_lists = ["dictionaries/sensitive.tsv"]       # word<TAB>category<TAB>severity<TAB>replacement
# leaders = "dictionaries/leaders.tsv"              # replaces the built-in list
# language_model = "office.lm"                      # jiaodui lm build archive/ -o office.lm

[check]
# allow = ["防讯科"]                                 # phrases never to flag
# include = ["docs/**/*.md"]                        # when a directory is walked
# exclude = ["archive/**"]
# fail_on = "warning"                               # error, warning, info or never
# max_gap = 3                                       # noise inside a sensitive word

# Per file type (markdown, html, text):
# [types.markdown.rules]
# "punct.half-width" = "off"

# jiaodui inspect: the grades 好 and 较好 (below them 一般) and the authoritative sources.
# [inspect]
# authoritative = ["新华社", "人民日报", "中国政府网"]
# [inspect.grades.good]
# max_typos_per_10k = 1.0
# max_gap_days = 7
# min_authoritative_reposts = 3
# [inspect.grades.fair]
# max_typos_per_10k = 3.0
# max_gap_days = 10
# min_authoritative_reposts = 1
"#;
