//! A language server for jiaodui: the proofreader's findings as
//! diagnostics in any editor that speaks the Language Server Protocol
//! (VS Code, Neovim, Helix, Emacs, Zed …), with quick fixes.
//!
//! `jiaodui lsp` runs it over standard input and output; this crate is
//! the server, on rust-analyzer's synchronous [`lsp_server`] scaffold and
//! the protocol types of [`lsp_types`].
//!
//! What it does:
//!
//! * checks Markdown, plain text and HTML documents (by `languageId`:
//!   `markdown`, `plaintext` or `text`, `html`; else by the file's
//!   extension: `.md`, `.markdown`, `.txt`, `.text`, `.html`, `.htm`) when
//!   they are opened and as they change, through the library's
//!   [`jiaodui::Document`], and publishes the findings: the rule id as the
//!   code, `jiaodui` as the source, the severity, the message with the
//!   suggestions;
//! * code actions: a quick fix per suggestion (the first preferred), a
//!   suppression comment for the finding's line or the whole file, in the
//!   syntax of the file type, and `source.fixAll.jiaodui`, the certain
//!   fixes of the document (what `jiaodui check --fix` applies);
//! * the `jiaodui.toml` found from each document's path
//!   ([`jiaodui::Config::find`]), with its settings for the document's
//!   type; a changed file (or a data file it names) is read again at the
//!   next check, and every open document is checked again when the client
//!   reports a change of a watched file or a document is saved;
//! * positions in UTF-16 code units, or in UTF-8 or UTF-32 when the
//!   client offers them (`positionEncoding`, LSP 3.17).
//!
//! Checks run on a thread of their own, newest version first; a check
//! whose document changed meanwhile is not published, large documents are
//! checked after a pause in typing ([`Options::debounce`]), documents over
//! [`Options::max_document_bytes`] are not checked.
//!
//! # Running it
//!
//! ```no_run
//! // What `jiaodui lsp` does: serve on stdio until the client says `exit`.
//! jiaodui_lsp::serve_stdio(jiaodui_lsp::Options::default())?;
//! # Ok::<(), jiaodui_lsp::Error>(())
//! ```
//!
//! # Talking to it
//!
//! [`run`] serves any [`Connection`]; an in-memory one is how the tests
//! drive it. A client sends `initialize`, then opens a document and
//! receives its diagnostics:
//!
//! ```
//! use lsp_server::{Connection, Message, Notification, Request, RequestId};
//! use serde_json::json;
//!
//! let (server, client) = Connection::memory();
//! let running = std::thread::spawn(move || jiaodui_lsp::run(server, jiaodui_lsp::Options::default()));
//!
//! let init = json!({ "capabilities": { "general": { "positionEncodings": ["utf-8", "utf-16"] } } });
//! client.sender.send(Request::new(RequestId::from(1), "initialize".into(), init).into()).unwrap();
//! let Ok(Message::Response(answer)) = client.receiver.recv() else { panic!() };
//! assert_eq!(answer.response_result.unwrap()["capabilities"]["positionEncoding"], "utf-8");
//! client.sender.send(Notification::new("initialized".into(), json!({})).into()).unwrap();
//!
//! let doc = json!({ "uri": "untitled:通知", "languageId": "markdown", "version": 1, "text": "# 通知\n\n请按装客户端。\n" });
//! client.sender.send(Notification::new("textDocument/didOpen".into(), json!({ "textDocument": doc })).into()).unwrap();
//! let published = loop {
//!     if let Ok(Message::Notification(n)) = client.receiver.recv() {
//!         if n.method == "textDocument/publishDiagnostics" { break n.params; }
//!     }
//! };
//! let d = &published["diagnostics"][0];
//! assert_eq!(d["code"], "typo.word");
//! assert_eq!(d["message"], "疑似错别字：“按装”应为“安装” 建议：安装");
//! // Line 2, from byte 3 to byte 9: UTF-8 was negotiated.
//! assert_eq!(d["range"], json!({ "start": { "line": 2, "character": 3 }, "end": { "line": 2, "character": 9 } }));
//!
//! client.sender.send(Request::new(RequestId::from(2), "shutdown".into(), json!(null)).into()).unwrap();
//! client.sender.send(Notification::new("exit".into(), json!(null)).into()).unwrap();
//! assert!(running.join().unwrap().is_ok());
//! ```
//!
//! # Options
//!
//! [`Options`] says which configuration to use (found from each
//! document, one file, or none) and lets a front end add its own settings
//! to every linter ([`Options::customize`]): `jiaodui lsp` adds those of
//! its command line (`--dict`, `--allow`, `--disable` …).
//!
//! A client may send `initializationOptions`: `{"ruleDocsUrl":
//! "https://…/{rule}.html"}` links each diagnostic's code to the rule's
//! page (`{rule}` is replaced by the rule id); see also
//! [`Options::rule_docs`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod actions;
mod check;
mod linters;
mod server;
mod text;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use jiaodui::LinterBuilder;
pub use lsp_server::Connection;

/// Adds a front end's own settings to a linter builder: called for every
/// linter the server builds, after the configuration's settings.
pub type Customize = Arc<dyn Fn(LinterBuilder) -> LinterBuilder + Send + Sync>;

/// Which `jiaodui.toml` applies to a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigSource {
    /// The nearest one in the document's directory or above (for a
    /// document without a path, the workspace root's).
    #[default]
    Discover,
    /// This file, for every document.
    File(PathBuf),
    /// None: the built-in settings.
    None,
}

/// How the server works. `Options::default()` finds each document's
/// configuration and has the limits below.
#[derive(Clone)]
#[non_exhaustive]
pub struct Options {
    /// Which configuration applies.
    pub config: ConfigSource,
    /// The front end's settings on top of the configuration's.
    pub customize: Option<Customize>,
    /// A link for each rule's page, `{rule}` standing for the rule id
    /// (e.g. `https://example.gov.cn/jiaodui/rules/{rule}.html`), given to
    /// each diagnostic as its `codeDescription`; the client's
    /// `initializationOptions.ruleDocsUrl` overrides it. Default: none.
    pub rule_docs: Option<String>,
    /// Documents larger than this (in bytes of UTF-8) are not checked:
    /// the person is told once. Default 4 MiB (about 1.4 million Chinese
    /// characters, some 80 ms a check).
    pub max_document_bytes: usize,
    /// Most diagnostics published for one document (the first ones, in
    /// text order). Default 1,000.
    pub max_diagnostics: usize,
    /// How long after the last change a large document is checked.
    /// Default 300 ms.
    pub debounce: Duration,
    /// From which size (bytes) a document is large. Smaller ones are
    /// checked at once after each change. Default 64 KiB.
    pub debounce_from_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            config: ConfigSource::Discover,
            customize: None,
            rule_docs: None,
            max_document_bytes: 4 << 20,
            max_diagnostics: 1000,
            debounce: Duration::from_millis(300),
            debounce_from_bytes: 64 << 10,
        }
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("config", &self.config)
            .field("customize", &self.customize.as_ref().map(|_| "…"))
            .field("rule_docs", &self.rule_docs)
            .field("max_document_bytes", &self.max_document_bytes)
            .field("max_diagnostics", &self.max_diagnostics)
            .field("debounce", &self.debounce)
            .field("debounce_from_bytes", &self.debounce_from_bytes)
            .finish()
    }
}

/// Why the server stopped other than by `shutdown` and `exit`.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// The kinds of [`Error`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The client said `exit` without `shutdown` first (the protocol's
    /// exit status is then 1).
    ExitWithoutShutdown,
    /// The connection closed before `exit`: the client went away.
    Disconnected,
    /// Reading or writing standard input or output failed.
    Io(std::io::Error),
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::ExitWithoutShutdown => {
                f.write_str("the client sent `exit` without `shutdown` first (a client should send `shutdown`, wait for its answer, then `exit`)")
            }
            ErrorKind::Disconnected => f.write_str(
                "the client closed the connection without `shutdown` and `exit` (the editor stopped or crashed; it starts the server again)",
            ),
            ErrorKind::Io(e) => write!(f, "standard input or output failed: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// Serves one client on `connection` until it sends `exit`.
///
/// # Errors
/// The client went away, or sent `exit` without `shutdown`.
pub fn run(connection: Connection, options: Options) -> Result<(), Error> {
    server::run(connection, options)
}

/// Serves the client on standard input and output (what `jiaodui lsp`
/// does) until it sends `exit`.
///
/// # Errors
/// As [`run`], and standard input or output failing.
pub fn serve_stdio(options: Options) -> Result<(), Error> {
    let (connection, io) = Connection::stdio();
    let result = run(connection, options);
    let joined = io.join().map_err(|e| Error::new(ErrorKind::Io(e)));
    result.and(joined)
}
