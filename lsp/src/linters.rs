//! The linter of each document: the `jiaodui.toml` found from its path
//! (or the one named, or none), its settings for the document's type,
//! and the front end's options on top; cached by configuration file and
//! type, and built again when the file or a data file it names changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use jiaodui::config::FileType;
use jiaodui::{Config, DocumentKind, ErrorKind, Linter};

use crate::{ConfigSource, Options};

/// What a file looked like: its modification time and length, or absent.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// A problem with a configuration, to tell the person: the message, and
/// the file and line when the configuration file itself is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
}

struct Entry {
    /// The configuration file and the data files it names, as they were
    /// when the linter was built.
    stamps: Vec<(PathBuf, Stamp)>,
    linter: Linter,
    problem: Option<Problem>,
}

/// A resolved linter, and what changed in the configurations.
pub struct Resolved {
    pub linter: Linter,
    /// The configuration file, when there is one.
    pub config: Option<PathBuf>,
    /// Set when the linter was built anew: the problem of its
    /// configuration, or `None` when it is fine now.
    pub rebuilt: Option<Option<Problem>>,
}

/// Most cached linters; past it the cache is emptied.
const MAX_ENTRIES: usize = 64;

/// The cache, keyed by configuration file and file type.
#[derive(Default)]
pub struct Linters {
    entries: HashMap<(Option<PathBuf>, FileType), Entry>,
}

impl Linters {
    /// The linter for a document at `path` (or, without one, in the
    /// workspace `root`) of `kind`.
    pub fn resolve(
        &mut self,
        options: &Options,
        path: Option<&Path>,
        root: Option<&Path>,
        kind: DocumentKind,
    ) -> Resolved {
        let config = match &options.config {
            ConfigSource::Discover => path.and_then(Path::parent).or(root).and_then(Config::find),
            ConfigSource::File(p) => Some(p.clone()),
            ConfigSource::None => None,
        };
        let key = (config.clone(), FileType::from(kind));
        if let Some(e) = self.entries.get(&key) {
            if e.stamps.iter().all(|(p, s)| stamp(p) == *s) {
                return Resolved {
                    linter: e.linter.clone(),
                    config,
                    rebuilt: None,
                };
            }
        }
        let entry = build(options, config.as_deref(), kind);
        let resolved = Resolved {
            linter: entry.linter.clone(),
            config,
            rebuilt: Some(entry.problem.clone()),
        };
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.clear();
        }
        self.entries.insert(key, entry);
        resolved
    }
}

fn build(options: &Options, config_path: Option<&Path>, kind: DocumentKind) -> Entry {
    let mut stamps = Vec::new();
    let customize = |b| match &options.customize {
        Some(f) => f(b),
        None => b,
    };
    let config = config_path.map(|p| {
        stamps.push((p.to_path_buf(), stamp(p)));
        Config::load(p)
    });
    let problem_of = |e: jiaodui::Error, what: &str| {
        let (file, line) = match e.kind() {
            ErrorKind::Config { path, line, .. } => (Some(path.clone()), *line),
            _ => (config_path.map(Path::to_path_buf), None),
        };
        Problem {
            message: format!("{what}：{e}"),
            file,
            line,
        }
    };
    let (builder, problem) = match config {
        None => (customize(Linter::builder()), None),
        Some(Ok(c)) => {
            let d = &c.dictionaries;
            for p in d
                .typos
                .iter()
                .chain(&d.word_lists)
                .chain(&d.laws)
                .chain(&d.leaders)
                .chain(&d.language_model)
            {
                stamps.push((p.clone(), stamp(p)));
            }
            (customize(c.linter_builder(kind)), None)
        }
        Some(Err(e)) => (
            customize(Linter::builder()),
            Some(problem_of(e, "配置文件有误，暂不用它检查")),
        ),
    };
    let (linter, problem) = match builder.build() {
        Ok(l) => (l, problem),
        Err(e) => (
            // The front end's own options were checked when it started;
            // what fails here is the configuration's data.
            customize(Linter::builder()).build().unwrap_or_default(),
            Some(problem_of(e, "配置的词典或词表有误，暂不用配置检查")),
        ),
    };
    Entry {
        stamps,
        linter,
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_configuration_is_built_again() {
        let dir = tempfile::tempdir().unwrap();
        let toml = dir.path().join("jiaodui.toml");
        std::fs::write(&toml, "[rules]\n\"typo.word\" = \"info\"\n").unwrap();
        let doc = dir.path().join("a.md");
        let options = Options::default();
        let mut linters = Linters::default();
        let r = linters.resolve(&options, Some(&doc), None, DocumentKind::Markdown);
        assert_eq!(r.rebuilt, Some(None));
        assert_eq!(r.config.as_deref(), Config::find(dir.path()).as_deref());
        assert_eq!(r.linter.check("请按装")[0].severity, jiaodui::Severity::Info);
        let r = linters.resolve(&options, Some(&doc), None, DocumentKind::Markdown);
        assert!(r.rebuilt.is_none());
        // Another length: a new stamp even within the same clock tick.
        std::fs::write(&toml, "[rules]\n\"typo.word\" = \"warning\"  \n").unwrap();
        let r = linters.resolve(&options, Some(&doc), None, DocumentKind::Markdown);
        assert_eq!(r.rebuilt, Some(None));
        assert_eq!(r.linter.check("请按装")[0].severity, jiaodui::Severity::Warning);
        std::fs::write(&toml, "[rules]\n\"typo.wrod\" = \"off\"\n").unwrap();
        let r = linters.resolve(&options, Some(&doc), None, DocumentKind::Markdown);
        let problem = r.rebuilt.unwrap().unwrap();
        assert_eq!(problem.line, Some(2));
        assert!(problem.message.contains("typo.wrod"), "{}", problem.message);
        assert_eq!(r.linter.check("请按装")[0].severity, jiaodui::Severity::Error);
    }
}
