//! The proofreading page in a real browser: headless Chromium driven over
//! WebDriver (Debian's `chromium` and `chromium-driver`), through paste →
//! highlights → 采纳 → corrected text, with screenshots at 1280 and 390 px
//! under `target/screenshots/`.
//!
//! Chromium is required: without it this test fails and says what to
//! install (CI's `.ci/run` installs it).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use jiaodui_server::{Server, ServerConfig};
use serde_json::{json, Value};

const INSTALL: &str = "the browser test needs headless Chromium and its WebDriver: \
    `apt-get install -y chromium chromium-driver fonts-noto-cjk` (CI's .ci/run installs them)";

/// A draft written for this test: two serious formulation errors, two
/// typos, two punctuation slips.
const DRAFT: &str = "关于做好今冬明春安全生产工作的通知\n\n各乡镇人民政府，县直各有关单位：\n\n\
为认真贯澈落实上级关于安全生产工作的决策布署，切实做好今冬明春安全生产工作，现将有关事项通知如下。\n\n\
一、提高思想认识。各单位要把安全生产摆在突出位置,坚持人民至上、生命至上，主动服务和融入一路一带建设，统筹发展和安全。\n\n\
二、加强隐患排查。对照国家质检总局有关标准，全面开展拉网式排查，做到不留死角。。对发现的问题要建立台账，限期整改到位。\n\n\
三、严格值班值守。节假日期间实行24小时值班制度，值班人员要保持通讯畅通，遇有突发情况及时报告。\n\n特此通知。";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for n in names {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// chromedriver in a process group of its own, with the Chromium it
/// starts: on drop (a failed assertion included) the whole group ends.
struct Kill(Child);

impl Drop for Kill {
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn own_group(cmd: &mut Command) -> &mut Command {
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(cmd, 0);
    cmd
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn screenshots_dir() -> PathBuf {
    // CARGO_TARGET_TMPDIR is target/tmp.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn js(c: &Client, script: &str, args: Vec<Value>) -> Value {
    c.execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Polls `script` until it returns true.
async fn wait_for(c: &Client, what: &str, script: &str) {
    let start = Instant::now();
    loop {
        if js(c, script, vec![]).await == json!(true) {
            return;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let status = js(c, "return document.getElementById('status').textContent", vec![]).await;
            panic!("timed out waiting for {what}; status line: {status}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Puts `text` in the editor as a paste does (an input event of type
/// insertFromPaste), and waits for the check it starts.
async fn paste(c: &Client, text: &str) -> u64 {
    let before = js(c, "return Number(document.body.dataset.checked || 0)", vec![])
        .await
        .as_u64()
        .unwrap();
    js(
        c,
        "const ta = document.getElementById('text'); ta.focus(); ta.value = arguments[0];
         ta.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));",
        vec![json!(text)],
    )
    .await;
    wait_for(
        c,
        "the check after the paste",
        &format!("return Number(document.body.dataset.checked || 0) > {before}"),
    )
    .await;
    js(c, "return Number(document.body.dataset.checkMs)", vec![])
        .await
        .as_u64()
        .unwrap()
}

async fn screenshot(c: &Client, name: &str) -> PathBuf {
    let png = c.screenshot().await.unwrap();
    let path = screenshots_dir().join(name);
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
    path
}

async fn text(c: &Client) -> String {
    js(c, "return document.getElementById('text').value", vec![])
        .await
        .as_str()
        .unwrap()
        .to_string()
}

async fn accept(c: &Client, found: &str) {
    let checked = js(c, "return Number(document.body.dataset.checked || 0)", vec![])
        .await
        .as_u64()
        .unwrap();
    let xpath = format!(
        "//li[contains(@class,'finding')][.//span[contains(@class,'f-found') and text()='{found}']]//button[@data-act='accept' and @data-s='0']"
    );
    c.find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("no 采纳 button for {found}: {e}"))
        .click()
        .await
        .unwrap();
    wait_for(
        c,
        &format!("the check after accepting {found}"),
        &format!("return Number(document.body.dataset.checked || 0) > {checked}"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paste_highlight_accept_in_chromium() {
    let chromium = find_program(&["chromium", "chromium-browser"]).unwrap_or_else(|| panic!("no chromium: {INSTALL}"));
    let driver = find_program(&["chromedriver"]).unwrap_or_else(|| panic!("no chromedriver: {INSTALL}"));

    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.addr = "127.0.0.1:0".parse().unwrap();
    let server = Server::bind(config).await.unwrap();
    let url = format!("http://{}/", server.local_addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async {
        stopped.await.ok();
    }));

    let port = free_port();
    let _driver = Kill(
        own_group(&mut Command::new(&driver))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}; {INSTALL}", driver.display())),
    );
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromium-profile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-crash-reporter", "--hide-scrollbars=false", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    let start = Instant::now();
    let c = loop {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if start.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a Chromium session through chromedriver: {e}; {INSTALL}"),
        }
    };

    c.set_window_size(1280, 900).await.unwrap();
    c.goto(&url).await.unwrap();
    wait_for(&c, "the page", "return document.body.dataset.ready === '1'").await;
    assert_eq!(
        js(&c, "return document.documentElement.lang", vec![]).await,
        json!("zh-CN")
    );

    // Every control has a name a screen reader can say.
    let unnamed = js(
        &c,
        "return Array.from(document.querySelectorAll('textarea, select, input, button')).filter((e) =>
           !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim()
         ).map((e) => e.outerHTML);",
        vec![],
    )
    .await;
    assert_eq!(unnamed, json!([]));

    // Paste → highlights, serious first and marked 严重.
    paste(&c, DRAFT).await;
    let marks = js(
        &c,
        "return Array.from(document.querySelectorAll('#backdrop mark')).map(m => m.textContent)",
        vec![],
    )
    .await;
    assert_eq!(marks, json!(["贯澈", "布署", ",", "一路一带", "国家质检总局", "。。"]));
    let groups = js(
        &c,
        "return Array.from(document.querySelectorAll('.group h3')).map(h => h.textContent)",
        vec![],
    )
    .await;
    let groups: Vec<&str> = groups.as_array().unwrap().iter().map(|g| g.as_str().unwrap()).collect();
    assert!(
        groups[0].starts_with("严重表述错误"),
        "serious findings come first: {groups:?}"
    );
    assert!(groups.iter().any(|g| g.starts_with("疑似错别字")), "{groups:?}");
    assert!(groups.iter().any(|g| g.starts_with("标点与格式")), "{groups:?}");
    let serious = js(
        &c,
        "return Array.from(document.querySelectorAll('.finding .badge.serious')).length",
        vec![],
    )
    .await;
    assert_eq!(serious, json!(2));
    let serious_marks = js(
        &c,
        "return document.querySelectorAll('#backdrop mark.m-serious').length",
        vec![],
    )
    .await;
    assert_eq!(serious_marks, json!(2), "serious findings are marked in the text too");
    // The marks sit under the words: the first mark's box is where the
    // textarea shows its text (same line, inside the editor).
    let inside = js(
        &c,
        "const m = document.querySelector('#backdrop mark').getBoundingClientRect();
         const t = document.getElementById('text').getBoundingClientRect();
         return m.left >= t.left && m.right <= t.right && m.top >= t.top && m.bottom <= t.bottom && m.width > 0;",
        vec![],
    )
    .await;
    assert_eq!(inside, json!(true));
    screenshot(&c, "page-1280.png").await;
    js(
        &c,
        "const r = document.getElementById('results'); r.scrollTop = r.scrollHeight;",
        vec![],
    )
    .await;
    screenshot(&c, "page-1280-list-end.png").await;
    js(&c, "document.getElementById('results').scrollTop = 0;", vec![]).await;

    // 采纳 → the text changes and is checked again.
    accept(&c, "贯澈").await;
    let t = text(&c).await;
    assert!(t.contains("认真贯彻落实") && !t.contains("贯澈"), "{t}");
    let marks = js(&c, "return document.querySelectorAll('#backdrop mark').length", vec![]).await;
    assert_eq!(marks, json!(5));
    // The keyboard stays in the list: on the next finding's 采纳.
    let focus = js(
        &c,
        "const a = document.activeElement; return [!!a.closest('.finding'), a.textContent];",
        vec![],
    )
    .await;
    assert_eq!(focus, json!([true, "采纳"]));

    // 忽略 hides one finding, 全部忽略 a word everywhere; both come back.
    c.find(Locator::XPath(
        "//li[.//span[contains(@class,'f-found') and text()='。。']]//button[@data-act='ignore']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    assert_eq!(
        js(&c, "return document.querySelectorAll('#backdrop mark').length", vec![]).await,
        json!(4)
    );
    let ignored = js(&c, "return document.getElementById('ignored').textContent", vec![]).await;
    assert!(ignored.as_str().unwrap().contains("已忽略 1 处"), "{ignored}");
    c.find(Locator::XPath("//div[@id='ignored']//button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        js(&c, "return document.querySelectorAll('#backdrop mark').length", vec![]).await,
        json!(5)
    );

    // The phone width: one column, the list under the text.
    c.set_window_size(390, 1400).await.unwrap();
    js(&c, "document.activeElement.blur(); window.scrollTo(0, 0);", vec![]).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let layout = js(
        &c,
        "const e = document.querySelector('.editor-pane').getBoundingClientRect();
         const r = document.querySelector('.results-pane').getBoundingClientRect();
         return [r.top >= e.bottom, document.documentElement.scrollWidth <= window.innerWidth];",
        vec![],
    )
    .await;
    assert_eq!(
        layout,
        json!([true, true]),
        "at 390 px the list is under the text and nothing overflows sideways"
    );
    screenshot(&c, "page-390.png").await;
    c.set_window_size(1280, 900).await.unwrap();

    // Accept the rest → 未发现问题, and the corrected text.
    for found in ["一路一带", "布署", ",", "国家质检总局", "。。"] {
        accept(&c, found).await;
    }
    wait_for(&c, "the clean state", "return !!document.getElementById('clean-state')").await;
    let clean = js(&c, "return document.getElementById('clean-state').textContent", vec![]).await;
    assert!(clean.as_str().unwrap().contains("未发现问题"), "{clean}");
    let expected = DRAFT
        .replace("贯澈", "贯彻")
        .replace("布署", "部署")
        .replace("位置,", "位置，")
        .replace("一路一带", "一带一路")
        .replace("国家质检总局", "国家市场监督管理总局")
        .replace("。。", "。");
    assert_eq!(text(&c).await, expected);
    screenshot(&c, "page-clean-1280.png").await;

    // 下载 saves the corrected text.
    let download = js(
        &c,
        "return new Promise((resolve) => {
           // The page's CSP lets no script fetch a blob: URL; take the Blob as made.
           const create = URL.createObjectURL;
           let blob = null;
           URL.createObjectURL = (b) => { blob = b; return create(b); };
           const click = HTMLAnchorElement.prototype.click;
           HTMLAnchorElement.prototype.click = function () {
             HTMLAnchorElement.prototype.click = click;
             URL.createObjectURL = create;
             const name = this.download;
             blob.text().then((text) => resolve([name, text]));
           };
           document.getElementById('download').click();
         });",
        vec![],
    )
    .await;
    assert_eq!(download, json!(["校对后文本.txt", expected]));

    // 上传文件: a .txt file is read into the editor and checked.
    let upload = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("上传稿件-{}.txt", std::process::id()));
    std::fs::write(&upload, "\u{feff}请按装最新版客户端。\n").unwrap();
    let checked = js(&c, "return Number(document.body.dataset.checked || 0)", vec![])
        .await
        .as_u64()
        .unwrap();
    c.find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(upload.to_str().unwrap())
        .await
        .unwrap();
    wait_for(
        &c,
        "the check of the upload",
        &format!("return Number(document.body.dataset.checked || 0) > {checked}"),
    )
    .await;
    assert_eq!(
        text(&c).await,
        "请按装最新版客户端。\n",
        "the byte-order mark is dropped"
    );
    let marks = js(
        &c,
        "return Array.from(document.querySelectorAll('#backdrop mark')).map(m => m.textContent)",
        vec![],
    )
    .await;
    assert_eq!(marks, json!(["按装"]));
    let _ = std::fs::remove_file(&upload);

    // A 5,000-character article: time from the paste to the highlights.
    let article = include_str!("fixtures/article.txt");
    let mut times = Vec::new();
    for round in 0..5 {
        // A different text each round, so that each paste is a change.
        let text = format!("{article}{}", "\n".repeat(round));
        times.push(paste(&c, &text).await);
        let marks = js(&c, "return document.querySelectorAll('#backdrop mark').length", vec![]).await;
        assert!(marks.as_u64().unwrap() >= 3, "{marks}");
    }
    eprintln!(
        "paste to highlights, {} characters: {times:?} ms",
        article.chars().count()
    );
    // Typing in it: each keystroke moves the marks at once (the check
    // waits for a pause); the time the page spends per keystroke.
    let per_key = js(
        &c,
        "const ta = document.getElementById('text'); ta.focus(); ta.setSelectionRange(200, 200);
         const t = performance.now();
         for (let i = 0; i < 20; i++) document.execCommand('insertText', false, '字');
         return (performance.now() - t) / 20;",
        vec![],
    )
    .await;
    eprintln!(
        "one keystroke in {} characters: {:.1} ms",
        article.chars().count(),
        per_key.as_f64().unwrap()
    );
    let marks_after = js(&c, "return document.querySelectorAll('#backdrop mark').length", vec![]).await;
    assert!(
        marks_after.as_u64().unwrap() >= 3,
        "the marks stay while typing: {marks_after}"
    );
    // Scrolled into the article, the marks still sit under their words.
    let aligned = js(
        &c,
        "const ta = document.getElementById('text');
         const f = document.querySelectorAll('#backdrop mark')[1];
         ta.scrollTop = f.offsetTop - 200; ta.dispatchEvent(new Event('scroll'));
         const b = document.getElementById('backdrop');
         return Math.abs(b.scrollTop - ta.scrollTop) < 1;",
        vec![],
    )
    .await;
    assert_eq!(aligned, json!(true), "the backdrop scrolls with the text");
    tokio::time::sleep(Duration::from_millis(100)).await;
    screenshot(&c, "page-article-1280.png").await;

    c.close().await.unwrap();
    stop.send(()).ok();
    running.await.unwrap().unwrap();
    let _ = std::fs::remove_dir_all(&profile);
}
