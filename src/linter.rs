use std::path::{Path, PathBuf};
use std::sync::Arc;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use crate::diagnostic::{Diagnostic, Severity};
use crate::dict::TypoDict;
use crate::engine::{Engine, Route};
use crate::error::{Error, ErrorKind};
use crate::model::LanguageModel;
use crate::rules::hygiene::{Pass, Wanted};
use crate::rules::sensitive::WordLists;
use crate::rules::{self, Context, Level, Rule, Sink, RULES};

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
    /// Per rule (indexed like `RULES`): off, or on at which severity.
    levels: Vec<Level>,
    /// What those rules need from the shared scan and pass.
    shared: Shared,
    allow: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// A language model replacing the engine's default one.
    lm: Option<LanguageModel>,
    /// The user's sensitive-word lists.
    words: Option<WordLists>,
    /// The user's lists of laws and regulations.
    laws: Vec<crate::rules::law::Table>,
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
        let levels: Vec<Level> = RULES.iter().map(|r| Level::Default(r.default_severity)).collect();
        Linter {
            inner: Arc::new(Inner {
                engine: Engine::builtin(),
                shared: Shared::of(&levels),
                levels,
                allow: None,
                lm: None,
                words: None,
                laws: Vec::new(),
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
        // The shared scan and pass, for the rules that are on.
        let scan = engine.scan(text, &inner.shared.route);
        let pass = Pass::new(text, inner.shared.pass);
        let cx = Context {
            engine,
            text,
            lm: inner.lm.as_ref().unwrap_or(&engine.lm),
            words: inner.words.as_ref(),
            laws: &inner.laws,
            scan: &scan,
            pass: &pass,
        };
        rules::run_checks(&cx, &mut sink);
        let mut out = sink.out;
        crate::suppress::apply(text, &mut out);
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

/// What the rules that are on need from the shared scan and pass.
#[derive(Debug, Clone, Copy)]
struct Shared {
    /// Which rule takes each kind of automaton target.
    route: Route,
    /// What the shared pass collects.
    pass: Wanted,
}

impl Shared {
    fn of(levels: &[Level]) -> Shared {
        let mut shared = Shared {
            route: Route::empty(),
            pass: Wanted::default(),
        };
        let on = |rule: Rule| levels[rule as usize] != Level::Off;
        for (k, r) in RULES.iter().enumerate().filter(|&(k, _)| levels[k] != Level::Off) {
            for &kind in r.needs.kinds {
                shared.route.set(kind, k);
            }
            shared.pass.spots |= r.needs.pass;
            shared.pass.orphans |= r.needs.orphans;
        }
        shared.pass.mixed_lines = on(Rule::ScriptMixed);
        shared.pass.short_lines = on(Rule::SecrecyMarking);
        shared
    }
}

impl Linter {
    /// Returns the text with every certain fix applied (a Kangxi radical
    /// replaced by its ideograph, a zero-width space deleted …): the
    /// findings whose [`Diagnostic::fix`] is set. Borrowed when nothing
    /// changes. Idempotent: fixing the result again changes nothing.
    ///
    /// ```
    /// let linter = jiaodui::Linter::new();
    /// assert_eq!(linter.fix("通\u{200b}知"), "通知");
    /// assert!(matches!(linter.fix("通知"), std::borrow::Cow::Borrowed(_)));
    /// ```
    pub fn fix<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let mut current = std::borrow::Cow::Borrowed(text);
        // A fix can make another one possible; a few rounds reach the fixed point.
        for _ in 0..8 {
            let findings = self.check(&current);
            let mut fixes: Vec<(std::ops::Range<usize>, &str)> = findings
                .iter()
                .filter_map(|d| d.fix.as_deref().map(|f| (d.span.clone(), f)))
                .collect();
            if fixes.is_empty() {
                break;
            }
            fixes.sort_by_key(|(r, _)| (r.start, r.end));
            let mut out = String::with_capacity(current.len());
            let mut at = 0;
            let mut changed = false;
            for (r, f) in fixes {
                if r.start < at {
                    continue; // overlaps the previous fix
                }
                out.push_str(&current[at..r.start]);
                out.push_str(f);
                changed |= &current[r.clone()] != f;
                at = r.end;
            }
            out.push_str(&current[at..]);
            if !changed {
                break;
            }
            current = std::borrow::Cow::Owned(out);
        }
        current
    }
}

/// Builds a [`Linter`] with user dictionaries, an allow-list and rule
/// settings. Nothing is read or checked until [`LinterBuilder::build`].
#[derive(Debug, Default, Clone)]
pub struct LinterBuilder {
    dictionaries: Vec<DictSource>,
    allow: Vec<String>,
    settings: Vec<(String, Level)>,
    lm: Option<LmSource>,
    leaders: Option<DictSource>,
    word_lists: Vec<DictSource>,
    max_gap: Option<usize>,
    laws: Vec<DictSource>,
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

impl DictSource {
    /// The name for error messages and the text.
    fn read(&self) -> Result<(String, String), Error> {
        match self {
            DictSource::Text { name, text } => Ok((name.clone(), text.clone())),
            DictSource::File(path) => {
                let bytes = std::fs::read(path).map_err(|error| {
                    Error::new(ErrorKind::Io {
                        path: path.clone(),
                        error,
                    })
                })?;
                let name = path.display().to_string();
                let text = String::from_utf8(bytes).map_err(|e| {
                    let valid = e.utf8_error().valid_up_to();
                    Error::new(ErrorKind::Dictionary {
                        line: 1 + e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count(),
                        source: name.clone(),
                        reason: format!("not valid UTF-8 at byte {valid}; save the file as UTF-8"),
                    })
                })?;
                Ok((name, text))
            }
        }
    }
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

    /// Replaces the built-in list of leaders' and role models' names
    /// (`dictionaries/leaders.tsv`, dated: names and posts change) with a
    /// list in the same format, given as text. `name` identifies it in
    /// error messages.
    pub fn leaders(mut self, name: impl Into<String>, text: impl Into<String>) -> LinterBuilder {
        self.leaders = Some(DictSource::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Replaces the built-in leaders list with the list in this file.
    pub fn leaders_file(mut self, path: impl AsRef<Path>) -> LinterBuilder {
        self.leaders = Some(DictSource::File(path.as_ref().to_path_buf()));
        self
    }

    /// Adds a sensitive-word list for rule `sensitive.word`, given as text:
    /// `word<TAB>category<TAB>severity<TAB>replacement` per line (category,
    /// severity and replacement may be empty). Words are found through
    /// full/half width, letter case, traditional characters, radicals and
    /// noise between their characters. `name` identifies it in errors.
    pub fn word_list(mut self, name: impl Into<String>, text: impl Into<String>) -> LinterBuilder {
        self.word_lists.push(DictSource::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Adds a sensitive-word list file (read when the linter is built).
    pub fn word_list_file(mut self, path: impl AsRef<Path>) -> LinterBuilder {
        self.word_lists.push(DictSource::File(path.as_ref().to_path_buf()));
        self
    }

    /// Adds a list of laws and regulations for `law.title` and
    /// `law.article`, given as text: an office's local regulations and
    /// rules (浙江省安全生产条例 …), or national titles newer than the
    /// built-in `dictionaries/laws.tsv`. The format is that file's (its
    /// header and `dictionaries/README.md` describe the columns): only
    /// title, kind and status are required, and the kinds local-regulation
    /// (地方性法规), local-rule (地方政府规章) and department-rule (部门规章)
    /// are accepted too. A row overrides a built-in row of the same title
    /// or short form, a later list an earlier one; the titles it lists are
    /// checked like national ones (repealed, near-misses, articles and
    /// revisions), local ones included. `name` identifies it in errors and
    /// in findings' origins.
    ///
    /// ```
    /// let list = "# 本省法规\n浙江省安全生产条例\tlocal-regulation\tin-force\t\t\t\t\t70\n\
    ///             浙江省旧条例\tlocal-regulation\trepealed\t\t\t\t\t\t2020-01-01\t浙江省安全生产条例\n";
    /// let linter = jiaodui::Linter::builder().laws("本省法规", list).build()?;
    /// let rules = |t: &str| linter.check(t).into_iter().map(|d| d.rule).collect::<Vec<_>>();
    /// assert_eq!(rules("依据《浙江省旧条例》处理。"), ["law.title"]);
    /// assert_eq!(rules("依据《浙江省安全生严条例》处理。"), ["law.title"]);
    /// assert_eq!(rules("依据《浙江省安全生产条例》第八十条处理。"), ["law.article"]);
    /// assert!(rules("依据《浙江省安全生产条例》第十条处理。").is_empty());
    ///
    /// let err = jiaodui::Linter::builder().laws("本省法规", "浙江省某条例\tlocal\tin-force\n").build().unwrap_err();
    /// assert!(err.to_string().starts_with("本省法规:1: kind \"local\""));
    /// # Ok::<(), jiaodui::Error>(())
    /// ```
    pub fn laws(mut self, name: impl Into<String>, text: impl Into<String>) -> LinterBuilder {
        self.laws.push(DictSource::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Adds a list of laws and regulations from a file (read when the
    /// linter is built); see [`LinterBuilder::laws`].
    pub fn laws_file(mut self, path: impl AsRef<Path>) -> LinterBuilder {
        self.laws.push(DictSource::File(path.as_ref().to_path_buf()));
        self
    }

    /// How many noise characters (spaces, punctuation, symbols, emoji,
    /// zero-width characters) may stand between two characters of a listed
    /// word; default 3.
    pub fn word_list_max_gap(mut self, gap: usize) -> LinterBuilder {
        self.max_gap = Some(gap);
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

    /// Sets the severity of a rule (and turns it on). Every finding of the
    /// rule takes it, also where an entry of the rule's data carries a
    /// severity of its own (`political.term`, `sensitive.word`):
    ///
    /// ```
    /// use jiaodui::{Linter, Severity};
    ///
    /// // 台湾总统 is an error entry of political.term.
    /// let linter = Linter::builder().severity("political.term", Severity::Info).build()?;
    /// assert_eq!(linter.check("台湾总统发表讲话")[0].severity, Severity::Info);
    /// # Ok::<(), jiaodui::Error>(())
    /// ```
    pub fn severity(mut self, rule: &str, severity: Severity) -> LinterBuilder {
        self.settings.push((rule.to_string(), Level::Configured(severity)));
        self
    }

    /// Turns a rule on at its default severity (undoing an earlier
    /// [`disable`](LinterBuilder::disable) or [`severity`](LinterBuilder::severity)).
    /// Unlike setting its default severity, this keeps the severities that
    /// entries of the rule's data carry.
    pub fn enable(mut self, rule: &str) -> LinterBuilder {
        let default = rules::position(rule).map_or(Severity::Error, |i| RULES[i].default_severity);
        self.settings.push((rule.to_string(), Level::Default(default)));
        self
    }

    /// Turns a rule off.
    pub fn disable(mut self, rule: &str) -> LinterBuilder {
        self.settings.push((rule.to_string(), Level::Off));
        self
    }

    /// Reads and compiles the dictionaries and builds the linter.
    ///
    /// # Errors
    /// A dictionary file that cannot be read, a dictionary line that is not
    /// in the format (the error names the source and line), an unknown rule
    /// id.
    pub fn build(self) -> Result<Linter, Error> {
        let mut levels: Vec<Level> = RULES.iter().map(|r| Level::Default(r.default_severity)).collect();
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
            let (name, text) = source.read()?;
            user.push(TypoDict::compile(&name, &text)?);
        }
        let leaders = match &self.leaders {
            None => None,
            Some(source) => {
                let (name, text) = source.read()?;
                Some(crate::policy::parse_leaders(&name, &text)?)
            }
        };
        let engine = if user.is_empty() && leaders.is_none() {
            Engine::builtin()
        } else {
            Arc::new(Engine::new(user, leaders))
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
        let lists: Vec<(String, String)> = self.word_lists.iter().map(DictSource::read).collect::<Result<_, _>>()?;
        let words = WordLists::compile(&lists, self.max_gap.unwrap_or(crate::rules::sensitive::DEFAULT_MAX_GAP))?;
        let mut laws = Vec::with_capacity(self.laws.len());
        for source in &self.laws {
            let (name, text) = source.read()?;
            laws.push(crate::rules::law::Table::compile(&name, &text)?);
        }
        let lm = match self.lm {
            None => None,
            Some(LmSource::Model(m)) => Some(m),
            Some(LmSource::File(path)) => Some(LanguageModel::from_file(path)?),
        };
        Ok(Linter {
            inner: Arc::new(Inner {
                engine,
                shared: Shared::of(&levels),
                levels,
                allow,
                lm,
                words,
                laws,
            }),
        })
    }
}
