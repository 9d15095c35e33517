//! jiaodui (校对) proofreads Chinese text before it is published: the
//! suspected typos (疑似错别字) and wrong formulations that a government
//! new-media inspection names.
//!
//! # Checking a text
//!
//! [`Linter::new`] gives a linter with the built-in dictionaries.
//! [`Linter::check`] returns the findings in text order:
//!
//! ```
//! use jiaodui::{Linter, Severity};
//!
//! let linter = Linter::new();
//! let text = "请各单位认真贯澈落实，做好防讯工作布署。";
//! let findings = linter.check(text);
//!
//! let found: Vec<&str> = findings.iter().map(|d| d.found.as_str()).collect();
//! assert_eq!(found, ["贯澈", "防讯", "布署"]);
//!
//! let first = &findings[0];
//! assert_eq!(first.rule, "typo.word");
//! assert_eq!(first.severity, Severity::Error);
//! assert_eq!(&text[first.span.clone()], "贯澈");
//! assert_eq!(first.suggestions, ["贯彻"]);
//! assert_eq!(first.message, "疑似错别字：“贯澈”应为“贯彻”");
//! ```
//!
//! Correct text stays silent, including a wrong form's characters that meet
//! by accident where two correct words touch (发布 + 署名):
//!
//! ```
//! let linter = jiaodui::Linter::new();
//! assert!(linter.check("我们部署了安装任务。").is_empty());
//! assert!(linter.check("他在发布署名文章。").is_empty());
//! ```
//!
//! # Spans, lines and columns
//!
//! A [`Diagnostic`]'s `span` is a byte range of the checked text, always on
//! character boundaries. [`LineIndex`] turns byte offsets into 1-based line
//! and column numbers, columns counted in Unicode scalar values:
//!
//! ```
//! use jiaodui::{Linter, LineIndex};
//!
//! let text = "通知\n请按装客户端";
//! let d = &Linter::new().check(text)[0];
//! let index = LineIndex::new(text);
//! assert_eq!(index.line_col(d.span.start), (2, 2));
//! assert_eq!(index.line_col(d.span.end), (2, 4));
//! ```
//!
//! # Configuring
//!
//! [`Linter::builder`] adds user dictionaries (the format of the built-in
//! `dictionaries/typo.tsv`: `wrong<TAB>correct<TAB>note`), an allow-list of
//! phrases never to flag, and per-rule severity or off:
//!
//! ```
//! use jiaodui::{Linter, Severity};
//!
//! let linter = Linter::builder()
//!     .dictionary("本单位词表", "# wrong\tcorrect\tnote\n青松镇\t清松镇\t本地地名\n")
//!     .allow("防讯科")              // a proper name that is not to be corrected
//!     .severity("typo.word", Severity::Warning)
//!     .build()?;
//!
//! let findings = linter.check("青松镇防讯科发布防讯通知");
//! let found: Vec<&str> = findings.iter().map(|d| d.found.as_str()).collect();
//! assert_eq!(found, ["青松镇", "防讯"]);
//! assert!(findings.iter().all(|d| d.severity == Severity::Warning));
//! # Ok::<(), jiaodui::Error>(())
//! ```
//!
//! Errors are data, and their messages say how to fix the problem:
//!
//! ```
//! use jiaodui::{ErrorKind, Linter};
//!
//! let err = Linter::builder().dictionary("mine.tsv", "按装 安装\n").build().unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::Dictionary { line: 1, .. }));
//! assert!(err.to_string().starts_with("mine.tsv:1: expected 2 or 3 TAB-separated fields"));
//!
//! let err = Linter::builder().disable("typo.words").build().unwrap_err();
//! assert_eq!(err.to_string(),
//!     "unknown rule id \"typo.words\"; did you mean \"typo.word\"? (`jiaodui rules` lists every rule id)");
//! ```
//!
//! # Serious formulation errors
//!
//! A miswritten political formulation, a leader's name, a forbidden term or
//! an abolished agency fails a government account at inspection. The
//! built-in data (`dictionaries/`, dated) covers them:
//!
//! ```
//! let linter = jiaodui::Linter::new();
//! let rules = |t: &str| linter.check(t).into_iter().map(|d| d.rule).collect::<Vec<_>>();
//! assert_eq!(rules("推进一路一带建设"), ["formulation.near-miss"]);
//! assert_eq!(rules("李墙总理主持会议"), ["name.leader"]);
//! assert_eq!(rules("台湾总统发表讲话"), ["political.term"]);
//! assert_eq!(rules("国家质检总局发布通知"), ["agency.renamed"]);
//! assert!(rules("原国家质检总局发布通知").is_empty());
//! ```
//!
//! Names and posts change: a list in the format of `dictionaries/leaders.tsv`
//! replaces the built-in one with [`LinterBuilder::leaders_file`].
//!
//! # Cited laws (法律关)
//!
//! `law.title` reports a cited law, administrative regulation or judicial
//! interpretation (in 《》, or bare after 根据, 依照 …) that is repealed (an
//! error: a serious one) or misnamed (a warning, with the right title);
//! `law.article` an article number beyond the current text or a revision
//! year the title does not have. The data is `dictionaries/laws.tsv`
//! (dated); history, quotations, local, party and foreign titles stay
//! silent:
//!
//! ```
//! let linter = jiaodui::Linter::new();
//! let d = &linter.check("根据《合同法》第一百零七条处理。")[0];
//! assert_eq!((d.rule, d.found.as_str()), ("law.title", "合同法"));
//! assert!(d.message.starts_with("《合同法》已于2021年1月1日废止，相关规定见《中华人民共和国民法典》合同编"));
//! assert!(d.is_serious());
//!
//! let d = &linter.check("企业应当遵守《中华人民共和国个人信息保护条例》。")[0];
//! assert_eq!((d.rule, d.suggestions[0].as_str()), ("law.title", "中华人民共和国个人信息保护法"));
//!
//! let d = &linter.check("依照《中华人民共和国消防法》第九十条处理。")[0];
//! assert_eq!((d.rule, d.found.as_str()), ("law.article", "第九十条"));
//!
//! for silent in ["原《合同法》规定了要约。", "2019年签订的合同适用《合同法》。", "《浙江省消防条例》施行。"] {
//!     assert!(linter.check(silent).is_empty(), "{silent}");
//! }
//! ```
//!
//! An office adds its own local regulations in the same format with
//! [`LinterBuilder::laws_file`].
//!
//! # An office's own word lists
//!
//! [`LinterBuilder::word_list`] adds a list of words that must not appear
//! (`word<TAB>category<TAB>severity<TAB>replacement`). They are found
//! through the usual dodges, and the span is the text as written:
//!
//! ```
//! let linter = jiaodui::Linter::builder().word_list("本单位词表", "赌博\t违法\terror\t\n").build()?;
//! let d = &linter.check("网上賭 😀 博平台")[0];
//! assert_eq!((d.rule, d.found.as_str()), ("sensitive.word", "賭 😀 博"));
//! # Ok::<(), jiaodui::Error>(())
//! ```
//!
//! # Fixing
//!
//! Some findings have one certain fix (a Kangxi radical copied from a PDF,
//! a zero-width space). [`Linter::fix`] applies them all:
//!
//! ```
//! let linter = jiaodui::Linter::new();
//! assert_eq!(linter.fix("二⽉一⽇召开会\u{200b}议"), "二月一日召开会议");
//! ```
//!
//! # Markdown, HTML and Word documents
//!
//! A [`Document`] holds a source and the text found in it: the blocks of
//! Markdown, the text nodes of HTML, the paragraphs of a .docx.
//! [`Linter::check_document`] checks that text and maps the findings' spans
//! back to the source; [`Document::position`] gives their lines, columns and
//! byte offsets; [`Linter::fix_document`] applies the certain fixes to the
//! source:
//!
//! ```
//! # #[cfg(feature = "html")]
//! # fn main() -> Result<(), jiaodui::Error> {
//! use jiaodui::{Document, Linter};
//!
//! let linter = Linter::new();
//! let src = "<p>请&#25353;装客户端</p>\n<p>二⽉一日</p>";
//! let doc = Document::html(src)?;
//! let findings = linter.check_document(&doc);
//! let spans: Vec<&str> = findings.iter().map(|d| &src[d.span.clone()]).collect();
//! assert_eq!(spans, ["&#25353;装", "⽉"]);
//! assert_eq!(doc.position(findings[1].span.clone()).line, 2);
//!
//! let fixed = linter.fix_document(&doc)?.unwrap();
//! assert_eq!(fixed, "<p>请&#25353;装客户端</p>\n<p>二月一日</p>");
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "html"))]
//! # fn main() {}
//! ```
//!
//! [`Document::from_bytes`] reads a file's bytes as a [`DocumentKind`]
//! (which [`DocumentKind::from_path`] guesses from the file name).
//!
//! # The configuration file
//!
//! [`Config`] loads `jiaodui.toml`, the file the `jiaodui` command reads:
//! found by walking up from a document, it gives a [`LinterBuilder`] with
//! the office's dictionaries and rule settings for a kind of document. See
//! the [`config`] module.
//!
//! # Cargo features
//!
//! All on by default: `markdown` ([`Document::markdown`]), `html`
//! ([`Document::html`]), `docx` ([`Document::docx`]) and `config` (the
//! [`config`] module). Without them the library checks plain text only, with
//! fewer dependencies.
//!
//! # Sharing
//!
//! A [`Linter`] is `Send + Sync` and cheap to clone; build it once and check
//! from many threads:
//!
//! ```
//! let linter = jiaodui::Linter::new();
//! std::thread::scope(|s| {
//!     for text in ["按装", "部署"] {
//!         let linter = linter.clone();
//!         s.spawn(move || linter.check(text));
//!     }
//! });
//! ```
//!
//! # Findings as data
//!
//! Findings serialize with serde:
//!
//! ```
//! let d = &jiaodui::Linter::new().check("按装")[0];
//! let json = serde_json::to_string(d).unwrap();
//! assert_eq!(json, r#"{"rule":"typo.word","severity":"error","span":{"start":0,"end":6},"found":"按装","message":"疑似错别字：“按装”应为“安装”","suggestions":["安装"]}"#);
//! ```
//!
//! # Inline suppressions
//!
//! A comment in the text turns rules off: `jiaodui-disable-next-line`,
//! `jiaodui-disable-line`, or a `jiaodui-disable` … `jiaodui-enable` range,
//! each optionally followed by rule ids or families. The comment syntax
//! does not matter (`<!-- -->` in Markdown and HTML, `#` in plain text):
//!
//! ```
//! let linter = jiaodui::Linter::new();
//! let text = "<!-- jiaodui-disable-next-line typo.word -->\n请按装\n请按装";
//! let d = linter.check(text);
//! assert_eq!(d.len(), 1);
//! assert_eq!(jiaodui::LineIndex::new(text).line_col(d[0].span.start).0, 3);
//! ```
//!
//! # Rules
//!
//! [`rules`] lists every rule's declaration ([`RuleInfo`]): id, category,
//! default severity, summary, example, explanation and built-in data.
//! [`rule`] looks one up; [`explain`] says what `jiaodui rules --explain`
//! prints. A finding knows whether it is a serious error (严重表述错误) that
//! fails an account at inspection, and which dictionary line it comes from:
//!
//! ```
//! use jiaodui::{Category, Linter};
//!
//! let d = &Linter::new().check("推进一路一带建设")[0];
//! assert_eq!(d.rule_info().category, Category::Serious);
//! assert!(d.is_serious());
//! assert_eq!(d.origin().unwrap().source(), "dictionaries/formulations.tsv");
//!
//! let spelling = jiaodui::rules().iter().filter(|r| r.category == Category::Spelling);
//! assert!(spelling.map(|r| r.id).eq(["typo.word", "typo.confusable", "idiom.near-miss"]));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The contextual model and the confusable-character detector (issue 13);
/// not yet part of the stable API.
#[doc(hidden)]
#[path = "ctx/mod.rs"]
pub mod __ctx;
mod bigram;
#[cfg(feature = "config")]
pub mod config;
mod diagnostic;
mod dict;
mod document;
mod engine;
mod error;
mod idiomkey;
mod lawtable;
mod layout;
mod linter;
mod lm;
mod model;
mod policy;
mod rules;
mod score;
mod suppress;
mod tsv;
mod wordhash;

#[cfg(feature = "config")]
pub use config::Config;
pub use diagnostic::{Diagnostic, LineIndex, Origin, Severity};
pub use document::{Document, DocumentKind, Located, Position};
pub use error::{Error, ErrorKind};
pub use linter::{Linter, LinterBuilder};
pub use model::LanguageModel;
pub use rules::{Category, DataFile, Explanation, RuleInfo};

/// Every rule's declaration ([`RuleInfo`]: id, category, default severity,
/// summary, example …), in registration order.
pub fn rules() -> &'static [RuleInfo] {
    rules::RULES
}

/// The declaration of the rule with this id.
///
/// ```
/// assert_eq!(jiaodui::rule("typo.word").unwrap().category, jiaodui::Category::Spelling);
/// assert!(jiaodui::rule("typo.words").is_none());
/// ```
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    rules::RULES.iter().find(|r| r.id == id)
}

/// What `jiaodui rules --explain ID` prints about a rule: its declaration,
/// explanation, and built-in data files with their entry counts (see
/// [`Explanation`]); `None` for an unknown id.
pub fn explain(id: &str) -> Option<Explanation> {
    rule(id).map(RuleInfo::explain)
}

/// Internals exposed for the project's own tests and tools; not part of the
/// stable API.
#[doc(hidden)]
pub mod __private {
    /// Every wrong form of the built-in typo dictionary with its correct
    /// forms and note.
    pub fn builtin_typos() -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        crate::dict::TypoDict::builtin().for_each(|w, c, n| out.push((w.to_string(), c.to_string(), n.to_string())));
        out
    }

    /// Builds the built-in engine from scratch (no process-wide cache), for
    /// measuring the load time; returns the number of typo patterns seen.
    pub fn load_builtin() -> usize {
        let engine = crate::engine::Engine::new(Vec::new(), None);
        let mut n = 0;
        engine.typos[0].for_each(|_, _, _| n += 1);
        n
    }

    /// For every Han character of `text` that some confusable character
    /// would make more probable: its character index and the largest gain
    /// (natural log) of `typo.confusable`'s word model over its
    /// confusables, with no candidate filter and no guard. What the accuracy
    /// harness's `--ceiling` measures.
    pub fn confusable_gains(text: &str) -> Vec<(usize, f64)> {
        crate::rules::confusable::best_gains(&crate::dict::Lexicon::builtin(), text)
    }

    /// Frequency of a word in the built-in word list.
    pub fn word_freq(word: &str) -> Option<u32> {
        crate::dict::Lexicon::builtin().freq(word)
    }
}
