//! `jiaodui inspect` on a hand-made fixture shaped like the notice this
//! project grew from: 84 accounts (43 city-level, 41 district-level; 69
//! WeChat, 7 Weibo, 2 apps, 6 other), four failing.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

const CLEAN: &str = "今天召开全市安全生产工作会议，部署汛期各项工作。";

/// Writes the fixture: posts.jsonl and accounts.csv.
fn fixture(dir: &Path) {
    let mut posts = String::new();
    let mut accounts = String::from("account,owner,level,platform\n");
    for i in 0..84 {
        let level = if i < 43 {
            "市级部门"
        } else {
            "辖市区及其部门"
        };
        // Platforms: 69 WeChat, 7 Weibo, 2 apps, 6 other.
        let platform = match i % 12 {
            0 if i / 12 < 7 => "weibo",
            1 if i / 12 < 2 => "app",
            2 if i / 12 < 6 => "other",
            _ => "wechat",
        };
        let name = format!("账号{i:02}");
        writeln!(accounts, "{name},单位{i:02},{level},{platform}").unwrap();
        // Failing: #3 (city, serious error), #51 (district, serious error),
        // #63 and #75 (district, no update in the last two weeks). All WeChat.
        let last_day = if i == 63 || i == 75 { 61 } else { 90 };
        let mut day = 0;
        while day <= last_day {
            let date = chrono_date(day);
            let text = if (i == 3 || i == 51) && day == 30 {
                "要推进一路一带建设。"
            } else {
                CLEAN
            };
            writeln!(
                posts,
                r#"{{"account":"{name}","owner":"单位{i:02}","level":"{level}","platform":"{platform}","published_at":"{date}T09:30:00+08:00","title":"工作动态","text":"{text}","url":"https://example.gov.cn/{i}/{day}","is_repost":{},"source":"新华社"}}"#,
                day % 10 == 0
            )
            .unwrap();
            day += 5;
        }
    }
    // A bad line, counted and skipped.
    posts.push_str("{\"account\": 不是JSON}\n");
    std::fs::write(dir.join("posts.jsonl"), posts).unwrap();
    std::fs::write(dir.join("accounts.csv"), accounts).unwrap();
}

/// 2023-04-01 plus `day` days, as YYYY-MM-DD.
fn chrono_date(day: i64) -> String {
    let months = [(4, 30), (5, 31), (6, 30)];
    let mut d = day;
    for (m, len) in months {
        if d < len {
            return format!("2023-{m:02}-{:02}", d + 1);
        }
        d -= len;
    }
    "2023-07-01".into()
}

/// `jiaodui inspect` of the fixture's second quarter of 2023, in `dir`.
fn quarter_inspect(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jiaodui"));
    command
        .args([
            "inspect",
            "posts.jsonl",
            "--accounts",
            "accounts.csv",
            "--from",
            "2023-04-01",
            "--to",
            "2023-06-30",
        ])
        .current_dir(dir);
    command
}

fn inspect(dir: &Path, format: &str) -> (i32, String, String) {
    let out = quarter_inspect(dir).args(["--format", format]).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn reproduces_the_notice_percentages() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (code, md, err) = inspect(dir.path(), "md");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("posts.jsonl:"),
        "the bad line is reported with its number: {err}"
    );
    assert!(md.contains("本次共检查政务新媒体账号84个"), "{md}");
    assert!(md.contains("总体合格率95.2%"), "{md}");
    assert!(md.contains("市级部门合格率97.7%"), "{md}");
    assert!(md.contains("辖市区及其部门合格率92.7%"), "{md}");
    assert!(md.contains("微信公众号合格率94.2%"), "{md}");
    assert!(md.contains("微博合格率100%"), "{md}");
    assert!(md.contains("| 序号 | 账号名称 | 开设主体 | 账号类型 | 存在的突出问题 | 存在的扣分问题 | 备注 |"));
    assert!(md.contains("严重表述错误1处"), "{md}");
    assert!(md.contains("内容更新不及时"), "{md}");

    let (_, json, _) = inspect(dir.path(), "json");
    let r: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(r["overall"]["accounts"], 84);
    assert_eq!(r["overall"]["passed"], 80);
    assert_eq!(r["bad_lines"], 1);
    let by_platform: Vec<(String, u64)> = r["by_platform"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["group"].as_str().unwrap().to_string(),
                x["accounts"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        by_platform,
        [
            ("微信公众号".to_string(), 69),
            ("微博".to_string(), 7),
            ("客户端".to_string(), 2),
            ("其他".to_string(), 6)
        ]
    );
    let failing: Vec<&str> = r["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["passed"] == false)
        .map(|a| a["account"].as_str().unwrap())
        .collect();
    assert_eq!(failing, ["账号03", "账号51", "账号63", "账号75"]);
    let a63 = r["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == "账号63")
        .unwrap();
    assert_eq!(a63["stale"], true);
    assert_eq!(a63["longest_gap_days"], 30, "days 61 to 90 of the period");
}

#[test]
fn html_report_is_self_contained_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let (code, html, err) = inspect(dir.path(), "html");
    assert_eq!(code, 0, "{err}");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg") && html.contains("<style>"));
    for external in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!html.contains(external), "no network access: {external}");
    }
    let page = dir.path().join("report.html");
    std::fs::write(&page, &html).unwrap();
    // Rendered in headless Chromium (.ci/run installs Debian's chromium).
    let chromium = ["chromium", "chromium-browser"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(chromium) = chromium else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have chromium (.ci/run installs it)"
        );
        eprintln!("skipped the rendering: no chromium on this machine");
        return;
    };
    let profile = dir.path().join("chromium-profile");
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    for number in [
        "总体合格率95.2%",
        "市级部门合格率97.7%",
        "辖市区及其部门合格率92.7%",
        "微信公众号合格率94.2%",
        "微博合格率100%",
        "账号75",
    ] {
        assert!(dom.contains(number), "{number} is not on the rendered page");
    }
}

#[test]
fn rectification_list() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let out = quarter_inspect(dir.path())
        .args(["--rectification", "fix.csv", "-o", "notice.md"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = std::fs::read_to_string(dir.path().join("fix.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "账号名称,开设主体,问题,证据,整改期限");
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines.iter().any(|l| l.starts_with("账号63,单位63,内容更新不及时,")));
    assert!(std::fs::read_to_string(dir.path().join("notice.md"))
        .unwrap()
        .contains("总体合格率95.2%"));
}

#[test]
fn grades_follow_the_configured_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let grades = |dir: &Path| -> Vec<(String, String)> {
        let (_, json, err) = inspect(dir, "json");
        let r: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|_| panic!("{err}"));
        r["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["account"].as_str().unwrap().to_string(),
                    a["grade"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // Defaults: posts every five days (gap 4), six authoritative reposts, no typos: 好.
    let g = grades(dir.path());
    assert_eq!(g.iter().filter(|(_, g)| g == "不合格").count(), 4);
    assert_eq!(g.iter().filter(|(_, g)| g == "好").count(), 80);
    // Stricter thresholds in jiaodui.toml.
    std::fs::write(
        dir.path().join("jiaodui.toml"),
        "[inspect.grades.good]\nmax_typos_per_10k = 0.0\nmax_gap_days = 3\nmin_authoritative_reposts = 1\n\n[inspect.grades.fair]\nmax_typos_per_10k = 1.0\nmax_gap_days = 4\nmin_authoritative_reposts = 1\n",
    )
    .unwrap();
    let g = grades(dir.path());
    assert_eq!(g.iter().filter(|(_, g)| g == "较好").count(), 80);
    let (_, html, _) = inspect(dir.path(), "html");
    assert!(
        html.contains("发布时段") && html.matches("<svg").count() > 100,
        "posting-time charts"
    );
}

/// A local HTTP server on 127.0.0.1 that answers 200 for /ok and 404 for
/// anything else, for at most `max` requests; returns its port.
fn local_server(max: usize) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(max) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(5)));
            let mut request_line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            // Skip the headers.
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let status = if request_line.starts_with("GET /ok ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
            );
        }
    });
    port
}

#[test]
fn dead_links_are_reported_per_account() {
    let dir = tempfile::tempdir().unwrap();
    let port = local_server(10);
    // A port with nothing listening.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let posts = format!(
        concat!(
            r#"{{"account":"甲","published_at":"2023-06-28T09:00:00+08:00","text":"详见 http://127.0.0.1:{p}/ok 。","url":"http://127.0.0.1:{p}/ok"}}"#,
            "\n",
            r#"{{"account":"乙","published_at":"2023-06-28T09:00:00+08:00","text":"原文链接：http://127.0.0.1:{p}/gone","url":"http://127.0.0.1:{c}/post"}}"#,
            "\n"
        ),
        p = port,
        c = closed
    );
    std::fs::write(dir.path().join("posts.jsonl"), posts).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args([
            "inspect",
            "posts.jsonl",
            "--from",
            "2023-06-01",
            "--to",
            "2023-06-30",
            "--format",
            "json",
        ])
        .args([
            "--check-links",
            "--link-timeout",
            "5",
            "--link-concurrency",
            "2",
            "--no-config",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dead = |name: &str| -> Vec<String> {
        r["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["account"] == name)
            .unwrap()["dead_links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["url"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(dead("甲").is_empty());
    let mut d = dead("乙");
    d.sort();
    let mut expected = vec![
        format!("http://127.0.0.1:{closed}/post"),
        format!("http://127.0.0.1:{port}/gone"),
    ];
    expected.sort();
    assert_eq!(d, expected);
}
