use std::path::{Path, PathBuf};
use std::sync::Arc;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::diagnostic::{Diagnostic, Severity};
use crate::dict::TypoDict;
use crate::engine::{Engine, Target};
use crate::error::{Error, ErrorKind};
use crate::model::LanguageModel;
use crate::rules::{self, confusable, idiom, typo, Rule, Sink, RULES};

/// The proofreader. Build one, share it, call [`Linter::check`].
///
/// A `Linter` is immutable, `Send + Sync`, and cheap to clone (an `Arc`
/// inside): build it once and share it between threads.
#[derive(Clone)]
pub struct Linter {
    inner: Arc<Inner>,
}

struct Inner {
    engine: Arc<Engine>,
    /// Per rule (indexed like `RULES`): its severity, or `None` when off.
    levels: Vec<Option<Severity>>,
    allow: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// A language model replacing the engine's default one.
    lm: Option<LanguageModel>,
}

impl Default for Linter {
    fn default() -> Linter {
        Linter::new()
    }
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field("levels", &self.inner.levels)
            .finish_non_exhaustive()
    }
}

impl Linter {
    /// A linter with the built-in dictionaries and every rule at its default
    /// severity. The built-in automaton is built once per process; later
    /// calls share it.
    pub fn new() -> Linter {
        Linter {
            inner: Arc::new(Inner {
                engine: Engine::builtin(),
                levels: RULES.iter().map(|r| Some(r.default_severity)).collect(),
                allow: None,
                lm: None,
            }),
        }
    }

    /// A builder, to add user dictionaries, an allow-list, or change rules.
    pub fn builder() -> LinterBuilder {
        LinterBuilder::default()
    }

    /// Checks a text. Returns the findings in text order (by start, then
    /// end, then rule id).
    pub fn check(&self, text: &str) -> Vec<Diagnostic> {
        let inner = &*self.inner;
        let engine = &*inner.engine;
        let mut sink = Sink::new(text, &inner.levels);
        let mut typo_hits: Vec<(usize, usize, u16)> = Vec::new();
        for hit in engine.scan(text) {
            match hit.target {
                Target::Typo(dict) => typo_hits.push((hit.start, hit.end, dict)),
            }
        }
        // Of overlapping spelling findings, listed typos win, then idiom
        // near-misses, then confusable characters; among listed typos the
        // longest, then the leftmost.
        typo_hits.sort_by_key(|&(s, e, _)| (std::cmp::Reverse(e - s), s));
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let free = |taken: &[(usize, usize)], s: usize, e: usize| !taken.iter().any(|&(ts, te)| s < te && ts < e);
        for (s, e, dict) in typo_hits {
            if !free(&taken, s, e) {
                continue;
            }
            let before = sink.out.len();
            typo::check_word(engine, &mut sink, dict, s, e);
            if sink.out.len() > before {
                taken.push((s, e));
            }
        }
        if sink.enabled(Rule::IdiomNearMiss) {
            for cand in idiom::candidates(engine, text) {
                if free(&taken, cand.start, cand.end) {
                    let before = sink.out.len();
                    idiom::check(engine, &mut sink, &cand);
                    if sink.out.len() > before {
                        taken.push((cand.start, cand.end));
                    }
                }
            }
        }
        if sink.enabled(Rule::TypoConfusable) {
            let lm = inner.lm.as_ref().unwrap_or(&engine.lm);
            for cand in confusable::candidates(engine, &lm.model, text) {
                if free(&taken, cand.start, cand.end) {
                    let before = sink.out.len();
                    confusable::check(engine, &mut sink, &cand);
                    if sink.out.len() > before {
                        taken.push((cand.start, cand.end));
                    }
                }
            }
        }
        rules::hygiene::check(engine, &mut sink);
        let mut out = sink.out;
        if let Some(allow) = &inner.allow {
            let allowed: Vec<(usize, usize)> = allow
                .find_overlapping_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            out.retain(|d| !allowed.iter().any(|&(s, e)| s <= d.span.start && d.span.end <= e));
        }
        out.sort_by(|a, b| (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule)));
        out
    }
}

/// Builds a [`Linter`] with user dictionaries, an allow-list and rule
/// settings. Nothing is read or checked until [`LinterBuilder::build`].
#[derive(Debug, Default, Clone)]
pub struct LinterBuilder {
    dictionaries: Vec<DictSource>,
    allow: Vec<String>,
    settings: Vec<(String, Option<Severity>)>,
    lm: Option<LmSource>,
}

#[derive(Debug, Clone)]
enum LmSource {
    Model(LanguageModel),
    File(PathBuf),
}

#[derive(Debug, Clone)]
enum DictSource {
    Text { name: String, text: String },
    File(PathBuf),
}

impl LinterBuilder {
    /// Adds a typo dictionary given as text, in the format of the built-in
    /// `dictionaries/typo.tsv` (`wrong<TAB>correct[<TAB>note]`). `name`
    /// identifies it in error messages. Its entries override built-in ones
    /// with the same wrong form.
    pub fn dictionary(mut self, name: impl Into<String>, text: impl Into<String>) -> LinterBuilder {
        self.dictionaries.push(DictSource::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Adds a typo dictionary file (read when the linter is built).
    pub fn dictionary_file(mut self, path: impl AsRef<Path>) -> LinterBuilder {
        self.dictionaries.push(DictSource::File(path.as_ref().to_path_buf()));
        self
    }

    /// Never reports a finding that lies within an occurrence of `phrase`.
    pub fn allow(mut self, phrase: impl Into<String>) -> LinterBuilder {
        self.allow.push(phrase.into());
        self
    }

    /// Uses this language model instead of the default one (see
    /// [`LanguageModel`]).
    pub fn language_model(mut self, model: LanguageModel) -> LinterBuilder {
        self.lm = Some(LmSource::Model(model));
        self
    }

    /// Uses the language model in this file (read when the linter is built).
    pub fn language_model_file(mut self, path: impl AsRef<Path>) -> LinterBuilder {
        self.lm = Some(LmSource::File(path.as_ref().to_path_buf()));
        self
    }

    /// Sets the severity of a rule (and turns it on).
    pub fn severity(mut self, rule: &str, severity: Severity) -> LinterBuilder {
        self.settings.push((rule.to_string(), Some(severity)));
        self
    }

    /// Turns a rule off.
    pub fn disable(mut self, rule: &str) -> LinterBuilder {
        self.settings.push((rule.to_string(), None));
        self
    }

    /// Reads and compiles the dictionaries and builds the linter.
    ///
    /// # Errors
    /// A dictionary file that cannot be read, a dictionary line that is not
    /// in the format (the error names the source and line), an unknown rule
    /// id.
    pub fn build(self) -> Result<Linter, Error> {
        let mut levels: Vec<Option<Severity>> = RULES.iter().map(|r| Some(r.default_severity)).collect();
        for (id, level) in &self.settings {
            let i = rules::position(id).ok_or_else(|| {
                Error::new(ErrorKind::UnknownRule {
                    id: id.clone(),
                    did_you_mean: rules::closest(id),
                })
            })?;
            levels[i] = *level;
        }
        let mut user = Vec::with_capacity(self.dictionaries.len());
        for source in &self.dictionaries {
            user.push(match source {
                DictSource::Text { name, text } => TypoDict::compile(name, text)?,
                DictSource::File(path) => {
                    let text = std::fs::read(path).map_err(|error| {
                        Error::new(ErrorKind::Io {
                            path: path.clone(),
                            error,
                        })
                    })?;
                    let name = path.display().to_string();
                    let text = String::from_utf8(text).map_err(|e| {
                        Error::new(ErrorKind::Dictionary {
                            line: 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
                                .iter()
                                .filter(|&&b| b == b'\n')
                                .count(),
                            source: name.clone(),
                            reason: format!(
                                "not valid UTF-8 at byte {}; save the file as UTF-8",
                                e.utf8_error().valid_up_to()
                            ),
                        })
                    })?;
                    TypoDict::compile(&name, &text)?
                }
            });
        }
        let engine = if user.is_empty() {
            Engine::builtin()
        } else {
            Arc::new(Engine::new(user))
        };
        let mut phrases: Vec<&str> = self
            .allow
            .iter()
            .map(String::as_str)
            .filter(|p| !p.is_empty())
            .collect();
        phrases.sort_unstable();
        phrases.dedup();
        let allow = if phrases.is_empty() {
            None
        } else {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(phrases)
                .ok()
        };
        let lm = match self.lm {
            None => None,
            Some(LmSource::Model(m)) => Some(m),
            Some(LmSource::File(path)) => Some(LanguageModel::from_file(path)?),
        };
        Ok(Linter {
            inner: Arc::new(Inner {
                engine,
                levels,
                allow,
                lm,
            }),
        })
    }
}
