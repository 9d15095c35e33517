//! How long an edit takes to come back as diagnostics: the server on an
//! in-memory connection, a document of the sample draft repeated to each
//! size, one character typed at a time (an insertion and its deletion, so
//! that the text stays the same), the time from sending `didChange` to
//! receiving its `publishDiagnostics`. Debouncing is off, to measure the
//! check itself; the other options are the defaults (at most 1,000
//! diagnostics published). The last column is the library's share:
//! `Document::markdown` and `Linter::check_document` on the same text.
//!
//! ```sh
//! cargo run --release -p jiaodui-lsp --example latency [EDITS]
//! ```

use std::time::{Duration, Instant};

use jiaodui_lsp::{ConfigSource, Connection, Options};
use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{json, Value};

const DRAFT: &str = include_str!("../../examples/draft.md");

fn send(c: &Connection, m: impl Into<Message>) {
    c.sender.send(m.into()).expect("server running");
}

fn published(c: &Connection, version: i64) -> usize {
    loop {
        match c.receiver.recv_timeout(Duration::from_secs(60)) {
            Ok(Message::Notification(n))
                if n.method == "textDocument/publishDiagnostics" && n.params["version"] == version =>
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
            Ok(_) => {}
            Err(e) => panic!("no diagnostics: {e}"),
        }
    }
}

fn main() {
    let edits: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let mut options = Options::default();
    options.config = ConfigSource::None;
    options.debounce_from_bytes = usize::MAX;
    let (server, client) = Connection::memory();
    let running = std::thread::spawn(move || jiaodui_lsp::run(server, options));
    send(
        &client,
        Request::new(RequestId::from(1), "initialize".into(), json!({ "capabilities": {} })),
    );
    let _ = client.receiver.recv();
    send(&client, Notification::new("initialized".into(), json!({})));

    println!("chars      findings  published  edits  p50 ms   p99 ms   max ms   library ms (p50)");
    for (k, chars) in [5_000usize, 50_000, 500_000, 1_000_000].into_iter().enumerate() {
        let mut text = String::new();
        while text.chars().count() < chars {
            text.push_str(DRAFT);
        }
        let text: String = text.chars().take(chars).collect();
        let lines = text.lines().count() as u32;
        let uri = format!("file:///bench/{k}.md");
        let doc = json!({ "uri": uri, "languageId": "markdown", "version": 1, "text": text });
        send(
            &client,
            Notification::new("textDocument/didOpen".into(), json!({ "textDocument": doc })),
        );
        let found = published(&client, 1);
        let mut times = Vec::with_capacity(edits);
        for e in 0..edits {
            let version = 2 + e as i64;
            let line = (e as u32 * 7) % lines.max(1);
            let change = if e % 2 == 0 {
                json!([{ "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 0 } }, "text": "按" }])
            } else {
                let line = ((e - 1) as u32 * 7) % lines.max(1);
                json!([{ "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 1 } }, "text": "" }])
            };
            let params = json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": change });
            let start = Instant::now();
            send(&client, Notification::new("textDocument/didChange".into(), params));
            published(&client, version);
            times.push(start.elapsed());
        }
        times.sort();
        // The library's share: extracting the Markdown and checking it.
        let linter = jiaodui::Linter::new();
        let mut library: Vec<Duration> = (0..21)
            .map(|_| {
                let start = Instant::now();
                let doc = jiaodui::Document::markdown(text.as_str());
                std::hint::black_box(linter.check_document(&doc));
                start.elapsed()
            })
            .collect();
        library.sort();
        let findings = linter.check_document(&jiaodui::Document::markdown(text.as_str())).len();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let p = |q: f64| ms(times[((times.len() - 1) as f64 * q).round() as usize]);
        println!(
            "{chars:<10} {findings:<9} {found:<10} {edits:<6} {:<8.2} {:<8.2} {:<8.2} {:.2}",
            p(0.5),
            p(0.99),
            ms(*times.last().unwrap()),
            ms(library[10])
        );
        let close = json!({ "textDocument": { "uri": uri } });
        send(&client, Notification::new("textDocument/didClose".into(), close));
    }
    send(
        &client,
        Request::new(RequestId::from(2), "shutdown".into(), Value::Null),
    );
    send(&client, Notification::new("exit".into(), Value::Null));
    running.join().unwrap().unwrap();
}
