//! The session: the main loop (messages from the client, answered in
//! order) and the checking thread (the newest version of each document
//! that is due, published unless it changed meanwhile).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Instant;

use crossbeam_channel::Sender;
use jiaodui::DocumentKind;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _,
};
use lsp_types::request::{CodeActionRequest, Request as _};
use lsp_types::{
    CodeActionParams, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, MessageType,
    PublishDiagnosticsParams, Url,
};
use serde_json::{json, Value};

use crate::check::{self, Checked};
use crate::linters::{Linters, Problem, Resolved};
use crate::text::{self, Encoding};
use crate::{actions, Error, ErrorKind, Options};

/// An open document.
struct Doc {
    text: Arc<String>,
    version: i32,
    kind: DocumentKind,
    path: Option<PathBuf>,
    /// When it is to be checked.
    due: Option<Instant>,
    /// Its last check.
    checked: Option<Arc<Checked>>,
    /// Whether the person was told it is too large.
    told_too_large: bool,
}

#[derive(Default)]
struct State {
    docs: HashMap<Url, Doc>,
    stop: bool,
}

/// What the main loop and the checking thread share.
struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    linters: Mutex<Linters>,
    /// Configuration files with published diagnostics, and the last
    /// problem told per file.
    problems: Mutex<HashMap<PathBuf, Option<Problem>>>,
    options: Options,
    enc: Encoding,
    root: Option<PathBuf>,
    rule_docs: Option<String>,
    sender: Sender<Message>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not stop the server: the data is still usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    fn send(&self, msg: impl Into<Message>) {
        // A closed connection ends the main loop; nothing to do here.
        let _ = self.sender.send(msg.into());
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params));
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify("window/showMessage", json!({ "type": typ, "message": message }));
    }

    fn log(&self, message: String) {
        self.notify(
            "window/logMessage",
            json!({ "type": MessageType::LOG, "message": message }),
        );
    }

    fn publish(&self, uri: Url, version: Option<i32>, diagnostics: Vec<lsp_types::Diagnostic>) {
        self.notify(
            "textDocument/publishDiagnostics",
            PublishDiagnosticsParams {
                uri,
                diagnostics,
                version,
            },
        );
    }

    /// The linter of a document, telling the person about a problem of
    /// its configuration when it was read anew.
    fn linter(&self, path: Option<&Path>, kind: DocumentKind) -> Resolved {
        let resolved = lock(&self.linters).resolve(&self.options, path, self.root.as_deref(), kind);
        if let (Some(problem), Some(config)) = (&resolved.rebuilt, &resolved.config) {
            self.tell(config, problem.clone());
        }
        resolved
    }

    /// Tells a configuration file's problem (once), or that it is gone:
    /// a message, and a diagnostic on the file.
    fn tell(&self, config: &Path, problem: Option<Problem>) {
        let mut problems = lock(&self.problems);
        let before = problems.get(config).cloned().flatten();
        if before == problem {
            return;
        }
        let file = |p: &Option<Problem>| {
            p.as_ref()
                .and_then(|p| p.file.clone())
                .unwrap_or_else(|| config.to_path_buf())
        };
        if before.is_some() {
            if let Ok(uri) = Url::from_file_path(file(&before)) {
                self.publish(uri, None, Vec::new());
            }
        }
        if let Some(p) = &problem {
            self.show(MessageType::ERROR, format!("jiaodui：{}", p.message));
            if let Ok(uri) = Url::from_file_path(file(&problem)) {
                let line = p.line.map_or(0, |l| l.saturating_sub(1)) as u32;
                let range = lsp_types::Range::new(lsp_types::Position::new(line, 0), lsp_types::Position::new(line, 0));
                let d = lsp_types::Diagnostic {
                    range,
                    severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                    source: Some("jiaodui".into()),
                    message: p.message.clone(),
                    ..lsp_types::Diagnostic::default()
                };
                self.publish(uri, None, vec![d]);
            }
        }
        problems.insert(config.to_path_buf(), problem);
    }

    /// Checks a version of a document.
    fn check(&self, text: &str, version: i32, kind: DocumentKind, path: Option<&Path>) -> Checked {
        let resolved = self.linter(path, kind);
        check::check(
            text,
            version,
            kind,
            &resolved.linter,
            self.enc,
            self.options.max_diagnostics,
        )
    }

    /// Marks every open document to be checked again now (the
    /// configuration may have changed).
    fn recheck_all(&self) {
        let mut st = lock(&self.state);
        let now = Instant::now();
        for d in st.docs.values_mut() {
            d.due = Some(now);
        }
        self.wake.notify_all();
    }
}

/// What the session needs from `initialize`'s parameters, read leniently:
/// a client's odd field does not stop it.
struct Init {
    encodings: Vec<String>,
    root: Option<PathBuf>,
    watch: bool,
    literals: bool,
    rule_docs: Option<String>,
}

impl Init {
    fn read(params: &Value) -> Init {
        let caps = &params["capabilities"];
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect())
                .unwrap_or_default()
        };
        let uri_path = |v: &Value| {
            v.as_str()
                .and_then(|s| Url::parse(s).ok())
                .and_then(|u| u.to_file_path().ok())
        };
        let root = uri_path(&params["workspaceFolders"][0]["uri"])
            .or_else(|| uri_path(&params["rootUri"]))
            .or_else(|| params["rootPath"].as_str().map(PathBuf::from));
        Init {
            encodings: strings(&caps["general"]["positionEncodings"]),
            root,
            watch: caps["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"] == json!(true),
            literals: caps["textDocument"]["codeAction"]["codeActionLiteralSupport"].is_object(),
            rule_docs: params["initializationOptions"]["ruleDocsUrl"]
                .as_str()
                .map(str::to_string),
        }
    }
}

/// Waits for `initialize`: requests before it are refused, notifications
/// dropped, as the protocol says.
fn initialize(conn: &Connection) -> Result<(RequestId, Value), Error> {
    loop {
        match conn.receiver.recv() {
            Ok(Message::Request(r)) if r.method == "initialize" => return Ok((r.id, r.params)),
            Ok(Message::Request(r)) => {
                let refuse = Response::new_err(
                    r.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "send initialize first".into(),
                );
                let _ = conn.sender.send(refuse.into());
            }
            Ok(Message::Notification(n)) if n.method == "exit" => {
                return Err(Error::new(ErrorKind::ExitWithoutShutdown))
            }
            Ok(_) => {}
            Err(_) => return Err(Error::new(ErrorKind::Disconnected)),
        }
    }
}

pub fn run(conn: Connection, options: Options) -> Result<(), Error> {
    let (id, params) = initialize(&conn)?;
    let init = Init::read(&params);
    let enc = Encoding::negotiate(&init.encodings);
    let code_actions = if init.literals {
        json!({ "codeActionKinds": ["quickfix", actions::FIX_ALL] })
    } else {
        json!(true)
    };
    let result = json!({
        "capabilities": {
            "positionEncoding": enc.kind(),
            "textDocumentSync": { "openClose": true, "change": 2, "save": { "includeText": false } },
            "codeActionProvider": code_actions,
        },
        "serverInfo": { "name": "jiaodui", "version": env!("CARGO_PKG_VERSION") },
    });
    let _ = conn.sender.send(Response::new_ok(id, result).into());
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        wake: Condvar::new(),
        linters: Mutex::new(Linters::default()),
        problems: Mutex::new(HashMap::new()),
        rule_docs: init.rule_docs.clone().or_else(|| options.rule_docs.clone()),
        options,
        enc,
        root: init.root.clone(),
        sender: conn.sender.clone(),
    });
    let worker = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("jiaodui-check".into())
            .spawn(move || check_loop(&shared))
            .map_err(|e| Error::new(ErrorKind::Io(e)))?
    };
    let result = main_loop(&conn, &shared, &init);
    lock(&shared.state).stop = true;
    shared.wake.notify_all();
    let _ = worker.join();
    result
}

fn main_loop(conn: &Connection, shared: &Shared, init: &Init) -> Result<(), Error> {
    let mut shut_down = false;
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if shut_down {
                    let refuse = Response::new_err(req.id, ErrorCode::InvalidRequest as i32, "shutting down".into());
                    shared.send(refuse);
                    continue;
                }
                if req.method == "shutdown" {
                    shut_down = true;
                    shared.send(Response::new_ok(req.id, ()));
                    continue;
                }
                let answer = request(shared, req);
                shared.send(answer);
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return if shut_down {
                        Ok(())
                    } else {
                        Err(Error::new(ErrorKind::ExitWithoutShutdown))
                    };
                }
                notification(shared, init, n);
            }
            Message::Response(_) => {}
        }
    }
    if shut_down {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::Disconnected))
    }
}

fn request(shared: &Shared, req: Request) -> Response {
    match req.method.as_str() {
        CodeActionRequest::METHOD => match serde_json::from_value::<CodeActionParams>(req.params) {
            Ok(params) => Response::new_ok(req.id, code_action(shared, params)),
            Err(e) => Response::new_err(req.id, ErrorCode::InvalidParams as i32, e.to_string()),
        },
        _ => Response::new_err(
            req.id,
            ErrorCode::MethodNotFound as i32,
            format!("jiaodui does not answer {}", req.method),
        ),
    }
}

fn notification(shared: &Shared, init: &Init, n: Notification) {
    fn params<P: serde::de::DeserializeOwned>(shared: &Shared, n: Notification) -> Option<P> {
        serde_json::from_value(n.params)
            .map_err(|e| shared.log(format!("jiaodui: {} with bad parameters: {e}", n.method)))
            .ok()
    }
    match n.method.as_str() {
        "initialized" if init.watch => {
            let watchers = json!({ "watchers": [{ "globPattern": "**/jiaodui.toml" }, { "globPattern": "**/*.tsv" }] });
            let registration = json!({ "registrations": [{ "id": "jiaodui-watch", "method": DidChangeWatchedFiles::METHOD, "registerOptions": watchers }] });
            shared.send(Request::new(
                RequestId::from("jiaodui-watch".to_string()),
                "client/registerCapability".into(),
                registration,
            ));
        }
        DidOpenTextDocument::METHOD => {
            if let Some(p) = params::<DidOpenTextDocumentParams>(shared, n) {
                open(shared, p);
            }
        }
        DidChangeTextDocument::METHOD => {
            if let Some(p) = params::<DidChangeTextDocumentParams>(shared, n) {
                change(shared, p);
            }
        }
        DidCloseTextDocument::METHOD => {
            if let Some(p) = params::<DidCloseTextDocumentParams>(shared, n) {
                let mut st = lock(&shared.state);
                if st.docs.remove(&p.text_document.uri).is_some() {
                    shared.publish(p.text_document.uri, None, Vec::new());
                }
            }
        }
        DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => shared.recheck_all(),
        _ => {}
    }
}

/// The kind of a document by its language id, else by its file name's
/// extension; `None` for one that is not checked (code, say).
fn kind_of(language: &str, uri: &Url) -> Option<DocumentKind> {
    match language.to_ascii_lowercase().as_str() {
        "markdown" => return Some(DocumentKind::Markdown),
        "html" => return Some(DocumentKind::Html),
        "plaintext" | "text" => return Some(DocumentKind::Text),
        _ => {}
    }
    let ext = uri.path().rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Some(DocumentKind::Markdown),
        "html" | "htm" => Some(DocumentKind::Html),
        "txt" | "text" => Some(DocumentKind::Text),
        _ => None,
    }
}

fn open(shared: &Shared, p: DidOpenTextDocumentParams) {
    let doc = p.text_document;
    let Some(kind) = kind_of(&doc.language_id, &doc.uri) else {
        shared.log(format!(
            "jiaodui: not checking {} (language {:?}): only Markdown, plain text and HTML are",
            doc.uri, doc.language_id
        ));
        return;
    };
    let path = (doc.uri.scheme() == "file")
        .then(|| doc.uri.to_file_path().ok())
        .flatten();
    let mut st = lock(&shared.state);
    st.docs.insert(
        doc.uri,
        Doc {
            text: Arc::new(doc.text),
            version: doc.version,
            kind,
            path,
            due: Some(Instant::now()),
            checked: None,
            told_too_large: false,
        },
    );
    shared.wake.notify_all();
}

fn change(shared: &Shared, p: DidChangeTextDocumentParams) {
    let mut st = lock(&shared.state);
    let Some(doc) = st.docs.get_mut(&p.text_document.uri) else {
        return;
    };
    let text = Arc::make_mut(&mut doc.text);
    for c in p.content_changes {
        text::apply_change(text, c, shared.enc);
    }
    doc.version = p.text_document.version;
    let o = &shared.options;
    let delay = if doc.text.len() >= o.debounce_from_bytes {
        o.debounce
    } else {
        std::time::Duration::ZERO
    };
    doc.due = Some(Instant::now() + delay);
    shared.wake.notify_all();
}

/// The code actions of a request: on the document's current version,
/// checked now if its last check is older.
fn code_action(shared: &Shared, p: CodeActionParams) -> Vec<lsp_types::CodeActionOrCommand> {
    let uri = p.text_document.uri;
    let (text, checked, version, kind, path) = {
        let st = lock(&shared.state);
        let Some(doc) = st.docs.get(&uri) else {
            return Vec::new();
        };
        if doc.text.len() > shared.options.max_document_bytes {
            return Vec::new();
        }
        let current = doc.checked.clone().filter(|c| c.version == doc.version);
        (Arc::clone(&doc.text), current, doc.version, doc.kind, doc.path.clone())
    };
    let checked = match checked {
        Some(c) => c,
        None => {
            let c = Arc::new(shared.check(&text, version, kind, path.as_deref()));
            let mut st = lock(&shared.state);
            if let Some(doc) = st.docs.get_mut(&uri).filter(|d| d.version == version) {
                doc.checked = Some(Arc::clone(&c));
            }
            c
        }
    };
    actions::code_actions(
        &uri,
        &text,
        &checked,
        p.range,
        p.context.only.as_deref(),
        shared.enc,
        shared.rule_docs.as_deref(),
    )
}

/// A document's version to check.
struct Job {
    uri: Url,
    text: Arc<String>,
    version: i32,
    kind: DocumentKind,
    path: Option<PathBuf>,
}

/// The next document that is due, waiting until one is; `None` to stop.
fn next_job(shared: &Shared) -> Option<Job> {
    let mut st = lock(&shared.state);
    loop {
        if st.stop {
            return None;
        }
        let now = Instant::now();
        let earliest = st
            .docs
            .iter()
            .filter_map(|(u, d)| d.due.map(|t| (t, u)))
            .min_by_key(|&(t, _)| t)
            .map(|(t, u)| (t, u.clone()));
        match earliest {
            None => st = shared.wake.wait(st).unwrap_or_else(|e| e.into_inner()),
            Some((t, _)) if t > now => {
                st = shared
                    .wake
                    .wait_timeout(st, t - now)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
            Some((_, uri)) => {
                if let Some(doc) = st.docs.get_mut(&uri) {
                    doc.due = None;
                    return Some(Job {
                        text: Arc::clone(&doc.text),
                        version: doc.version,
                        kind: doc.kind,
                        path: doc.path.clone(),
                        uri,
                    });
                }
            }
        }
    }
}

fn check_loop(shared: &Shared) {
    let mut told: HashSet<Url> = HashSet::new();
    while let Some(job) = next_job(shared) {
        if job.text.len() > shared.options.max_document_bytes {
            let mut st = lock(&shared.state);
            if let Some(doc) = st.docs.get_mut(&job.uri) {
                shared.publish(job.uri.clone(), Some(job.version), Vec::new());
                if !doc.told_too_large {
                    doc.told_too_large = true;
                    shared.show(
                        MessageType::WARNING,
                        format!(
                            "jiaodui：文档过大（{:.1} MB，上限 {:.1} MB），未检查",
                            job.text.len() as f64 / 1e6,
                            shared.options.max_document_bytes as f64 / 1e6
                        ),
                    );
                }
            }
            continue;
        }
        let checked = shared.check(&job.text, job.version, job.kind, job.path.as_deref());
        let diagnostics: Vec<_> = checked
            .findings
            .iter()
            .map(|f| check::to_lsp(f, shared.rule_docs.as_deref()))
            .collect();
        if checked.left_out > 0 && told.insert(job.uri.clone()) {
            shared.log(format!(
                "jiaodui: {}: {} findings past the first {} not shown",
                job.uri, checked.left_out, shared.options.max_diagnostics
            ));
        }
        let mut st = lock(&shared.state);
        // Published only when it is still the document's version, under
        // the lock, so that a close or a newer check cannot come between.
        if let Some(doc) = st.docs.get_mut(&job.uri).filter(|d| d.version == job.version) {
            doc.checked = Some(Arc::new(checked));
            shared.publish(job.uri, Some(job.version), diagnostics);
        }
    }
}
