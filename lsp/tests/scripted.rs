//! The server driven by a scripted client over an in-memory connection,
//! as an editor drives it: initialize → didOpen → publishDiagnostics →
//! codeAction → the edit applied with didChange → publishDiagnostics, and
//! the configuration found, changed and broken.

use std::collections::VecDeque;
use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use jiaodui_lsp::{ConfigSource, Connection, Options};
use lsp_server::{Message, Notification, Request, RequestId, Response};
use serde_json::{json, Value};

/// Long enough for a debug build on a busy machine; a hang fails the test
/// instead of stopping the suite.
const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<(), jiaodui_lsp::Error>>>,
    next_id: i32,
    /// Notifications received while waiting for something else.
    pending: VecDeque<Notification>,
    /// Requests the server sent (client/registerCapability).
    server_requests: Vec<Request>,
}

impl Client {
    fn start(options: Options, init: Value) -> (Client, Value) {
        let (server, conn) = Connection::memory();
        let handle = std::thread::spawn(move || jiaodui_lsp::run(server, options));
        let mut client = Client {
            conn,
            server: Some(handle),
            next_id: 0,
            pending: VecDeque::new(),
            server_requests: Vec::new(),
        };
        let result = client.request("initialize", init).expect("initialize succeeds");
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn recv(&mut self) -> Message {
        match self.conn.receiver.recv_timeout(TIMEOUT) {
            Ok(Message::Request(r)) => {
                // Answer what the server asks (registrations) at once.
                self.conn
                    .sender
                    .send(Response::new_ok(r.id.clone(), Value::Null).into())
                    .unwrap();
                self.server_requests.push(r.clone());
                Message::Request(r)
            }
            Ok(m) => m,
            Err(e) => panic!("no message from the server within {TIMEOUT:?}: {e}"),
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, lsp_server::ResponseError> {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.conn
            .sender
            .send(Request::new(id.clone(), method.into(), params).into())
            .unwrap();
        loop {
            match self.recv() {
                Message::Response(r) if r.id == id => return r.response_result,
                Message::Notification(n) => self.pending.push_back(n),
                _ => {}
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Notification::new(method.into(), params).into())
            .unwrap();
    }

    /// The next notification of `method` (earlier ones of other methods
    /// are kept).
    fn next(&mut self, method: &str) -> Value {
        if let Some(k) = self.pending.iter().position(|n| n.method == method) {
            return self.pending.remove(k).unwrap().params;
        }
        loop {
            if let Message::Notification(n) = self.recv() {
                if n.method == method {
                    return n.params;
                }
                self.pending.push_back(n);
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Value {
        loop {
            let p = self.next("textDocument/publishDiagnostics");
            if p["uri"] == uri {
                return p;
            }
        }
    }

    fn open(&self, uri: &str, language: &str, text: &str) {
        let doc = json!({ "uri": uri, "languageId": language, "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": doc }));
    }

    fn change(&self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    fn code_actions(&mut self, uri: &str, range: &Value) -> Vec<Value> {
        let params = json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } });
        let answer = self.request("textDocument/codeAction", params).unwrap();
        answer.as_array().cloned().unwrap_or_default()
    }

    fn stop(mut self) -> Result<(), jiaodui_lsp::Error> {
        assert_eq!(self.request("shutdown", Value::Null).unwrap(), Value::Null);
        self.notify("exit", Value::Null);
        self.server.take().unwrap().join().unwrap()
    }
}

fn options() -> Options {
    let mut o = Options::default();
    o.config = ConfigSource::None;
    o
}

fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({ "start": { "line": l0, "character": c0 }, "end": { "line": l1, "character": c1 } })
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The only edit of an action on `uri`.
fn edit_of(action: &Value, uri: &str) -> Value {
    let edits = action["edit"]["changes"][uri].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{action}");
    edits[0].clone()
}

/// An action's edit as a didChange content change.
fn as_change(edit: &Value) -> Value {
    json!([{ "range": edit["range"], "text": edit["newText"] }])
}

#[test]
fn open_check_fix_change_and_suppress() {
    let (mut c, init) = Client::start(options(), json!({ "capabilities": {} }));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2);
    assert_eq!(init["serverInfo"]["name"], "jiaodui");

    // 😀 is two UTF-16 code units: 按 is at character 3.
    let uri = "file:///nowhere/post.md";
    c.open(uri, "markdown", "# 通知\n\n😀请按装客户端，贯澈落实。\n");
    let p = c.diagnostics(uri);
    assert_eq!(p["version"], 1);
    assert_eq!(codes(&p), ["typo.word", "typo.word"]);
    let d = &p["diagnostics"][0];
    assert_eq!(d["range"], range(2, 3, 2, 5));
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "jiaodui");
    assert_eq!(d["message"], "疑似错别字：“按装”应为“安装” 建议：安装");

    // The quick fix replaces only what differs: 按 → 安.
    let actions = c.code_actions(uri, &range(2, 4, 2, 4));
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["改为“安装”", "本行停用 typo.word", "本文件停用 typo.word"]);
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "typo.word");
    assert_eq!(
        edit_of(fix, uri),
        json!({ "range": range(2, 3, 2, 4), "newText": "安" })
    );
    // Top-level paragraph: the comment on a line of its own above it.
    assert_eq!(
        edit_of(&actions[1], uri),
        json!({ "range": range(2, 0, 2, 0), "newText": "<!-- jiaodui-disable-next-line typo.word -->\n" })
    );

    c.change(uri, 2, as_change(&edit_of(fix, uri)));
    let p = c.diagnostics(uri);
    assert_eq!(p["version"], 2);
    assert_eq!(codes(&p), ["typo.word"]);
    assert_eq!(p["diagnostics"][0]["range"], range(2, 9, 2, 11));

    // Silence the other one on its line.
    let actions = c.code_actions(uri, &range(2, 9, 2, 11));
    let disable = actions.iter().find(|a| a["title"] == "本行停用 typo.word").unwrap();
    c.change(uri, 3, as_change(&edit_of(disable, uri)));
    let p = c.diagnostics(uri);
    assert_eq!((p["version"].clone(), codes(&p).len()), (json!(3), 0));

    // An action asked for before the new version is checked: on the new text.
    c.change(
        uri,
        4,
        json!([{ "range": range(4, 0, 4, 0), "text": "\n布署工作。\n" }]),
    );
    let actions = c.code_actions(uri, &range(5, 0, 5, 1));
    assert_eq!(actions[0]["title"], "改为“部署”");
    assert_eq!(edit_of(&actions[0], uri)["range"], range(5, 0, 5, 1));
    assert_eq!(c.diagnostics(uri)["version"], 4);

    // The certain fixes of the whole document, on request.
    c.change(uri, 5, json!([{ "text": "二⽉\u{200b}通知\n" }]));
    assert_eq!(c.diagnostics(uri)["version"], 5);
    let params = json!({ "textDocument": { "uri": uri }, "range": range(0, 0, 0, 0),
        "context": { "diagnostics": [], "only": ["source.fixAll"] } });
    let actions = c.request("textDocument/codeAction", params).unwrap();
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.jiaodui");
    assert_eq!(
        edit_of(&actions[0], uri),
        json!({ "range": range(0, 1, 0, 3), "newText": "月" })
    );

    c.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    let p = c.diagnostics(uri);
    assert_eq!(codes(&p).len(), 0);
    c.stop().unwrap();
}

#[test]
fn positions_in_the_negotiated_encoding() {
    for (offered, want, start) in [
        (json!(["utf-8", "utf-16"]), "utf-8", 7),
        (json!(["utf-32", "utf-16"]), "utf-32", 2),
        (json!(["utf-16"]), "utf-16", 3),
        (json!(["ucs-2"]), "utf-16", 3),
    ] {
        let init = json!({ "capabilities": { "general": { "positionEncodings": offered } } });
        let (mut c, init) = Client::start(options(), init);
        assert_eq!(init["capabilities"]["positionEncoding"], want);
        let uri = "untitled:Untitled-1";
        c.open(uri, "plaintext", "😀请按装\n");
        let p = c.diagnostics(uri);
        assert_eq!(p["diagnostics"][0]["range"]["start"]["character"], start, "{want}");
        // Edits come in the same units.
        let width = if want == "utf-8" { 6 } else { 2 };
        c.change(
            uri,
            2,
            json!([{ "range": range(0, start, 0, start + width), "text": "安装" }]),
        );
        assert_eq!(codes(&c.diagnostics(uri)).len(), 0, "{want}");
        c.stop().unwrap();
    }
}

#[test]
fn html_one_line_and_text_by_extension_code_not_at_all() {
    let (mut c, _) = Client::start(options(), json!({ "capabilities": {} }));
    c.open("file:///w/main.rs", "rust", "// 请按装\n");
    c.open("file:///w/notes.txt", "", "请按装\n");
    let p = c.next("textDocument/publishDiagnostics");
    assert_eq!(p["uri"], "file:///w/notes.txt", "the Rust file is not checked");
    assert_eq!(codes(&p), ["typo.word"]);

    let uri = "file:///w/post.html";
    let src = "<section><p>第一段</p><p>请&#25353;装软件</p></section>";
    c.open(uri, "html", src);
    let p = c.diagnostics(uri);
    assert_eq!(p["diagnostics"][0]["range"], range(0, 23, 0, 32));
    let actions = c.code_actions(uri, &range(0, 25, 0, 25));
    let titles: Vec<&str> = actions.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["改为“安装”", "本行停用 typo.word", "本文件停用 typo.word"]);
    // The entity is replaced by the text.
    assert_eq!(
        edit_of(&actions[0], uri),
        json!({ "range": range(0, 23, 0, 31), "newText": "安" })
    );
    // WeChat's HTML is one line: the comment goes inside the paragraph.
    assert_eq!(
        edit_of(&actions[1], uri),
        json!({ "range": range(0, 34, 0, 34), "newText": "<!-- jiaodui-disable-line typo.word -->" })
    );
    c.change(uri, 2, as_change(&edit_of(&actions[1], uri)));
    assert_eq!(codes(&c.diagnostics(uri)).len(), 0);
    // A tag being typed: what comes before it is still checked.
    c.change(uri, 3, json!([{ "text": "<p>布署</p><img src=" }]));
    assert_eq!(codes(&c.diagnostics(uri)), ["typo.word"]);
    c.stop().unwrap();
}

fn file_uri(path: &Path) -> String {
    lsp_types::Url::from_file_path(path).unwrap().to_string()
}

#[test]
fn the_workspace_configuration_is_found_reloaded_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let toml = root.join("jiaodui.toml");
    std::fs::write(
        &toml,
        "[rules]\n\"typo.word\" = \"info\"\n\n[types.text.rules]\ntypo = \"off\"\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("posts")).unwrap();
    let md = file_uri(&root.join("posts/a.md"));
    let txt = file_uri(&root.join("posts/a.txt"));
    let init = json!({
        "rootUri": file_uri(&root),
        "capabilities": { "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } },
    });
    let mut o = Options::default();
    o.rule_docs = Some("https://example.invalid/rules/{rule}.html".into());
    let (mut c, _) = Client::start(o, init);

    c.open(&md, "markdown", "请按装软件。\n");
    let p = c.diagnostics(&md);
    assert_eq!(p["diagnostics"][0]["severity"], 3, "information, as configured");
    assert_eq!(
        p["diagnostics"][0]["codeDescription"]["href"],
        "https://example.invalid/rules/typo.word.html"
    );
    // The text type's settings: typo off.
    c.open(&txt, "plaintext", "请按装软件。\n");
    assert_eq!(codes(&c.diagnostics(&txt)).len(), 0);
    // The server asked to be told of changed configurations.
    let watch = c
        .server_requests
        .iter()
        .find(|r| r.method == "client/registerCapability")
        .unwrap();
    assert_eq!(
        watch.params["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/jiaodui.toml"
    );

    // Changed: both documents are checked again.
    std::fs::write(&toml, "[rules]\n\"typo.word\" = \"warning\"\n").unwrap();
    let changed = json!({ "changes": [{ "uri": file_uri(&toml), "type": 2 }] });
    c.notify("workspace/didChangeWatchedFiles", changed.clone());
    let mut seen = [c.diagnostics_any(), c.diagnostics_any()];
    seen.sort_by_key(|p| p["uri"].as_str().unwrap().to_string());
    assert_eq!(seen[0]["diagnostics"][0]["severity"], 2, "{:?}", seen[0]);
    assert_eq!(seen[1]["diagnostics"][0]["severity"], 2, "{:?}", seen[1]);

    // Broken: told, with a diagnostic on the file's line; the built-in settings meanwhile.
    std::fs::write(&toml, "[rules]\n\"typo.word\" = \"warning\"\n\"typo.wrod\" = \"off\"\n").unwrap();
    c.notify("workspace/didChangeWatchedFiles", changed.clone());
    let shown = c.next("window/showMessage");
    assert_eq!(shown["type"], 1);
    assert!(shown["message"].as_str().unwrap().contains("typo.wrod"), "{shown}");
    let on_config = c.diagnostics(&file_uri(&toml));
    assert_eq!(on_config["diagnostics"][0]["range"]["start"]["line"], 2);
    assert_eq!(c.diagnostics(&md)["diagnostics"][0]["severity"], 1);

    // Mended, and told by a save this time: the problem is cleared.
    std::fs::write(&toml, "[rules]\n\"typo.word\" = \"info\"\n").unwrap();
    c.notify("textDocument/didSave", json!({ "textDocument": { "uri": md } }));
    assert_eq!(codes(&c.diagnostics(&file_uri(&toml))).len(), 0);
    assert_eq!(c.diagnostics(&md)["diagnostics"][0]["severity"], 3);
    c.stop().unwrap();
}

impl Client {
    /// The next diagnostics published, for any document.
    fn diagnostics_any(&mut self) -> Value {
        self.next("textDocument/publishDiagnostics")
    }
}

#[test]
fn large_documents_wait_for_a_pause_and_huge_ones_are_not_checked() {
    let mut o = options();
    o.debounce = Duration::from_millis(1500);
    o.debounce_from_bytes = 1000;
    o.max_document_bytes = 100_000;
    let (mut c, _) = Client::start(o, json!({ "capabilities": {} }));
    let uri = "file:///w/long.txt";
    let text = "通知。\n".repeat(200);
    c.open(uri, "plaintext", &text);
    assert_eq!(c.diagnostics(uri)["version"], 1);
    let start = Instant::now();
    for v in 2..=6 {
        c.change(uri, v, json!([{ "range": range(0, 0, 0, 0), "text": "请按装" }]));
    }
    let p = c.diagnostics(uri);
    assert!(start.elapsed() >= Duration::from_millis(1500));
    assert_eq!(p["version"], 6, "only the last version is checked");
    assert_eq!(codes(&p).len(), 5);

    let huge = "通知。\n".repeat(20_000);
    c.open("file:///w/huge.txt", "plaintext", &huge);
    assert_eq!(codes(&c.diagnostics("file:///w/huge.txt")).len(), 0);
    let shown = c.next("window/showMessage");
    assert!(shown["message"].as_str().unwrap().contains("文档过大"), "{shown}");
    assert_eq!(c.code_actions("file:///w/huge.txt", &range(0, 0, 0, 0)).len(), 0);
    c.stop().unwrap();
}

#[test]
fn odd_input_is_answered_never_a_panic() {
    let (server, conn) = Connection::memory();
    let handle = std::thread::spawn(move || jiaodui_lsp::run(server, options()));
    // Before initialize: refused.
    let send = |m: Message| conn.sender.send(m).unwrap();
    send(Request::new(RequestId::from(7), "textDocument/codeAction".into(), json!({})).into());
    let Ok(Message::Response(r)) = conn.receiver.recv_timeout(TIMEOUT) else {
        panic!()
    };
    assert_eq!(r.response_result.unwrap_err().code, -32002);
    let mut c = Client {
        conn,
        server: Some(handle),
        next_id: 100,
        pending: VecDeque::new(),
        server_requests: Vec::new(),
    };
    c.request("initialize", json!({ "capabilities": { "general": 5 }, "rootUri": 3 }))
        .unwrap();
    c.notify("initialized", json!({}));

    let uri = "file:///w/a.md";
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": uri } }));
    assert!(c.next("window/logMessage")["message"]
        .as_str()
        .unwrap()
        .contains("bad parameters"));
    c.open(uri, "markdown", "请按装\r\n\r软件");
    assert_eq!(codes(&c.diagnostics(uri)), ["typo.word"]);
    // Ranges past the end, reversed, inside a surrogate pair; unknown documents.
    c.change(uri, 2, json!([{ "range": range(9, 9, 99, 0), "text": "😀" }]));
    c.change(uri, 3, json!([{ "range": range(2, 2, 0, 1), "text": "x" }]));
    c.change(uri, 4, json!([{ "range": range(2, 1, 2, 1), "text": "y" }]));
    c.change("file:///w/unknown.md", 2, json!([{ "text": "请按装" }]));
    assert_eq!(c.code_actions("file:///w/unknown.md", &range(0, 0, 0, 0)).len(), 0);
    let err = c.request("textDocument/hover", json!({})).unwrap_err();
    assert_eq!(err.code, -32601);
    let err = c.request("textDocument/codeAction", json!({ "range": 1 })).unwrap_err();
    assert_eq!(err.code, -32602);
    loop {
        let p = c.diagnostics(uri);
        if p["version"] == 4 {
            break;
        }
    }
    c.notify("$/cancelRequest", json!({ "id": 1 }));
    // Whatever the text became, the server still answers.
    let actions = c.code_actions(uri, &range(0, 0, 9, 0));
    assert!(!actions.is_empty());
    // exit without shutdown: an error, as the protocol says.
    c.notify("exit", Value::Null);
    let err = c.server.take().unwrap().join().unwrap().unwrap_err();
    assert!(matches!(err.kind(), jiaodui_lsp::ErrorKind::ExitWithoutShutdown));
}
