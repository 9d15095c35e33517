//! `jiaodui lsp` as an editor runs it: the binary spawned, JSON-RPC with
//! Content-Length headers on its standard input and output.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: mpsc::Receiver<Value>,
}

impl Server {
    fn spawn(dir: &std::path::Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run jiaodui lsp");
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = mpsc::channel();
        std::thread::spawn(move || loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.expect("a Content-Length header")];
            stdout.read_exact(&mut body).unwrap();
            if tx.send(serde_json::from_slice(&body).expect("JSON")).is_err() {
                return;
            }
        });
        Server { child, stdin, messages }
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_string(&message).unwrap();
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn request(&mut self, id: i64, method: &str, params: Value) -> Value {
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m["id"] == id)
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .messages
                .recv_timeout(TIMEOUT)
                .expect("an answer from jiaodui lsp in time");
            if want(&m) {
                return m;
            }
        }
    }

    /// Closes the connection and waits: the exit code and standard error.
    fn finish(mut self) -> (i32, String) {
        drop(self.stdin.take());
        let status = self.child.wait().unwrap();
        let mut stderr = String::new();
        self.child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        (status.code().expect("exited, not killed by a signal"), stderr)
    }
}

#[test]
fn lsp_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    std::fs::write(root.join("jiaodui.toml"), "[rules]\n\"typo.word\" = \"warning\"\n").unwrap();
    std::fs::write(root.join("mine.tsv"), "清松镇\t青松镇\t地名\n").unwrap();
    // --stdio, which language clients pass, is accepted.
    let mut s = Server::spawn(&root, &["lsp", "--stdio", "--dict", "mine.tsv"]);
    let root_uri = format!("file://{}", root.display());
    let init = s.request(1, "initialize", json!({ "rootUri": root_uri, "capabilities": {} }));
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    s.notify("initialized", json!({}));
    let uri = format!("{root_uri}/post.md");
    let doc = json!({ "uri": uri, "languageId": "markdown", "version": 1, "text": "# 通知\n\n请按装，清松镇。\n" });
    s.notify("textDocument/didOpen", json!({ "textDocument": doc }));
    let published = s.wait(|m| m["method"] == "textDocument/publishDiagnostics");
    let d = published["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(published["params"]["uri"], uri.as_str());
    assert_eq!(d.len(), 2, "{d:?}");
    // The workspace's jiaodui.toml: a warning; the --dict entry too.
    assert_eq!(
        (d[0]["code"].as_str(), d[0]["severity"].as_i64()),
        (Some("typo.word"), Some(2))
    );
    assert_eq!(d[1]["message"], "疑似错别字：“清松镇”应为“青松镇”（地名） 建议：青松镇");
    let range = d[0]["range"].clone();
    let actions = s.request(
        2,
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": [] } }),
    );
    assert_eq!(actions["result"][0]["title"], "改为“安装”");
    assert_eq!(s.request(3, "shutdown", Value::Null)["result"], Value::Null);
    s.notify("exit", Value::Null);
    let (code, stderr) = s.finish();
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn lsp_stops_with_status_1_without_shutdown_and_2_on_a_bad_option() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Server::spawn(dir.path(), &["lsp", "--no-config"]);
    s.request(1, "initialize", json!({ "capabilities": {} }));
    s.notify("exit", Value::Null);
    let (code, stderr) = s.finish();
    assert_eq!(code, 1);
    assert!(stderr.contains("without `shutdown`"), "{stderr}");

    let s = Server::spawn(dir.path(), &["lsp", "--dict", "missing.tsv"]);
    let (code, stderr) = s.finish();
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.tsv"), "{stderr}");
}
