//! The `/v1` API, limits, auth, CORS, reload and shutdown, over loopback.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::Running;
use jiaodui_server::{ServeErrorKind, Server, ServerConfig};
use serde_json::{json, Value};

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

async fn post(url: &str, body: Value) -> (u16, Value) {
    let r = client().post(url).json(&body).send().await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

fn code(v: &Value) -> &str {
    v["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("not an error: {v}"))
}

#[tokio::test]
async fn check_answers_the_command_lines_json_objects() {
    let s = Running::default().await;
    let r = client()
        .post(s.at("/v1/check"))
        .json(&json!({"text": "通知\n请各单位认真贯澈落实。推进一路一带建设。"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let raw = r.text().await.unwrap();
    // The keys of `jiaodui check --format json`, in order, less path; then
    // the category and whether the finding is serious.
    let first = &raw[raw.find("\"findings\":[").unwrap() + 12..];
    let mut depth = 0;
    let end = first
        .char_indices()
        .find(|&(_, c)| {
            depth += i32::from(c == '{') - i32::from(c == '}');
            depth == 0
        })
        .unwrap()
        .0;
    let object: Value = serde_json::from_str(&first[..=end]).unwrap();
    let mut keys: Vec<&str> = object.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_by_key(|k| first[..=end].find(&format!("\"{k}\":")).unwrap());
    assert_eq!(
        keys,
        [
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
            "rule",
            "severity",
            "message",
            "found",
            "suggestions",
            "origin",
            "category",
            "serious"
        ]
    );
    let v: Value = serde_json::from_str(&raw).unwrap();
    let f = &v["findings"][0];
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64(), f["end_column"].as_u64()),
        (Some(2), Some(7), Some(9))
    );
    assert_eq!((f["byte_start"].as_u64(), f["byte_end"].as_u64()), (Some(25), Some(31)));
    assert_eq!(f["rule"], "typo.word");
    assert_eq!(f["found"], "贯澈");
    assert_eq!(f["suggestions"], json!(["贯彻"]));
    let sum = &v["summary"];
    assert_eq!((sum["findings"].as_u64(), sum["serious"].as_u64()), (Some(2), Some(1)));
    assert_eq!(sum["by_kind"]["SERIOUS"]["name"], "严重表述错误");
    assert_eq!(sum["failed"], true);
    assert_eq!(sum["chars"], 23);
    s.stop().await;
}

#[tokio::test]
async fn correct_text_is_silent() {
    let s = Running::default().await;
    let (status, v) = post(
        &s.at("/v1/check"),
        json!({"text": "我们部署了安装任务。他在发布署名文章。"}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(v["findings"], json!([]));
    assert_eq!(v["summary"]["failed"], false);
    let (_, v) = post(&s.at("/v1/check"), json!({"text": ""})).await;
    assert_eq!(v["summary"]["findings"], 0);
    s.stop().await;
}

#[tokio::test]
async fn rules_and_fail_on() {
    let s = Running::default().await;
    let text = "认真贯澈落实,推进一路一带建设";
    let (_, v) = post(&s.at("/v1/check"), json!({"text": text, "rules": ["typo"]})).await;
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["typo.word"]);
    let (_, v) = post(
        &s.at("/v1/check"),
        json!({"text": text, "rules": ["punct.half-width"], "fail_on": "error"}),
    )
    .await;
    assert_eq!(v["summary"]["findings"], 1);
    assert_eq!(
        v["summary"]["failed"], false,
        "a warning does not fail at fail_on=error"
    );
    let (status, v) = post(&s.at("/v1/check"), json!({"text": text, "rules": ["typo.words"]})).await;
    assert_eq!((status, code(&v)), (400, "unknown_rule"));
    assert!(v["error"]["message"].as_str().unwrap().contains("typo.word"), "{v}");
    let (status, v) = post(&s.at("/v1/check"), json!({"text": text, "fail_on": "fatal"})).await;
    assert_eq!((status, code(&v)), (400, "invalid_fail_on"));
    s.stop().await;
}

#[tokio::test]
async fn upload_fix_rules_health() {
    let s = Running::default().await;
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes("\u{feff}请按装软件".as_bytes().to_vec()).file_name("稿件.txt"),
    );
    let r = client().post(s.at("/v1/check")).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        (v["path"].as_str(), v["text"].as_str()),
        (Some("稿件.txt"), Some("请按装软件"))
    );
    assert_eq!(v["findings"][0]["path"], "稿件.txt");
    assert_eq!(v["findings"][0]["found"], "按装");

    for (name, status, expected) in [
        ("稿件.docx", 400, "invalid_document"),
        ("稿件.pdf", 400, "invalid_type"),
    ] {
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"PK\x03\x04".to_vec()).file_name(name),
        );
        let r = client().post(s.at("/v1/check")).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), status, "{name}");
        assert_eq!(code(&r.json().await.unwrap()), expected);
    }
    let form = reqwest::multipart::Form::new().text("type", "text");
    let r = client().post(s.at("/v1/check")).multipart(form).send().await.unwrap();
    assert_eq!(code(&r.json().await.unwrap()), "missing_file");

    let (status, v) = post(&s.at("/v1/fix"), json!({"text": "二⽉一⽇召开会\u{200b}议"})).await;
    assert_eq!(status, 200);
    assert_eq!(v["text"], "二月一日召开会议");
    assert_eq!(v["changed"], true);
    assert_eq!(v["fixes"].as_array().unwrap().len(), 3);
    assert_eq!(v["fixes"][2]["rule"], "char.invisible");
    let (_, v) = post(&s.at("/v1/fix"), json!({"text": "请按装软件"})).await;
    assert_eq!(
        (v["text"].as_str(), v["changed"].as_bool()),
        (Some("请按装软件"), Some(false))
    );

    let v: Value = client()
        .get(s.at("/v1/rules"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), jiaodui::rules().len());
    assert_eq!(rules[0]["id"], "typo.word");
    assert_eq!(rules[0]["kind"]["name"], "疑似错别字");

    let v: Value = client()
        .get(s.at("/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!((v["status"].as_str(), v["generation"].as_u64()), (Some("ok"), Some(1)));
    s.stop().await;
}

#[tokio::test]
async fn the_page_needs_no_other_host() {
    let s = Running::default().await;
    let r = client().get(s.at("/")).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.starts_with("default-src 'self'"), "{csp}");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    let mut bodies = vec![r.text().await.unwrap()];
    for asset in ["app.css", "app.js", "icon.svg"] {
        let r = client().get(s.at(&format!("/assets/{asset}"))).send().await.unwrap();
        assert_eq!(r.status(), 200, "{asset}");
        bodies.push(r.text().await.unwrap());
    }
    for body in &bodies {
        // No CDN, font service or other host: the page works offline.
        for url in ["http://", "https://", "url(//", "src=\"//"] {
            let uses = body.matches(url).count();
            let allowed = body.matches("http://www.w3.org/2000/svg").count();
            assert_eq!(
                uses - if url == "http://" { allowed } else { 0 },
                0,
                "{url} in an asset"
            );
        }
    }
    s.stop().await;
}

#[tokio::test]
async fn bad_requests_answer_json_errors() {
    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.limits.max_body_bytes = 4096;
    config.limits.max_text_chars = 100;
    let s = Running::start(config).await;
    let c = client();
    let cases: Vec<(reqwest::RequestBuilder, u16, &str)> = vec![
        (
            c.post(s.at("/v1/check"))
                .header("content-type", "application/json")
                .body("{"),
            400,
            "invalid_json",
        ),
        (
            c.post(s.at("/v1/check")).json(&json!({"txt": "按装"})),
            400,
            "invalid_json",
        ),
        (
            c.post(s.at("/v1/check")).json(&json!({"text": "按装", "type": "pdf"})),
            400,
            "invalid_type",
        ),
        (
            c.post(s.at("/v1/check")).json(&json!({"text": "按装", "type": "docx"})),
            400,
            "invalid_document",
        ),
        (
            c.post(s.at("/v1/check"))
                .header("content-type", "text/plain")
                .body("按装"),
            415,
            "unsupported_media_type",
        ),
        (
            c.post(s.at("/v1/check")).json(&json!({"text": "字".repeat(101)})),
            413,
            "text_too_long",
        ),
        (
            c.post(s.at("/v1/check")).json(&json!({"text": "x".repeat(5000)})),
            413,
            "body_too_large",
        ),
        (
            c.post(s.at("/v1/fix")).json(&json!({"text": "字".repeat(101)})),
            413,
            "text_too_long",
        ),
        (c.get(s.at("/v1/check")), 405, "method_not_allowed"),
        (c.get(s.at("/v1/nothing")), 404, "not_found"),
        (c.get(s.at("/assets/..%2f..%2fCargo.toml")), 404, "not_found"),
        (c.get(s.at("/../Cargo.toml")), 404, "not_found"),
        (c.post(s.at("/admin/reload")), 403, "admin_disabled"),
    ];
    for (i, (req, status, expected)) in cases.into_iter().enumerate() {
        let r = req.send().await.unwrap();
        assert_eq!(r.status().as_u16(), status, "case {i}");
        assert_eq!(r.headers()["content-type"], "application/json", "case {i}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(code(&v), expected, "case {i}: {v}");
        assert!(!v["error"]["message"].as_str().unwrap().is_empty());
    }
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(vec![b'x'; 5000]).file_name("big.txt"),
    );
    let r = c.post(s.at("/v1/check")).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 413);
    assert_eq!(code(&r.json().await.unwrap()), "body_too_large");
    // 100 characters is the limit, not past it.
    let (status, _) = post(&s.at("/v1/check"), json!({"text": "字".repeat(100)})).await;
    assert_eq!(status, 200);
    s.stop().await;
}

#[tokio::test]
async fn findings_past_the_limit_are_cut() {
    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.limits.max_findings = 3;
    let s = Running::start(config).await;
    let (_, v) = post(&s.at("/v1/check"), json!({"text": "请按装。".repeat(5)})).await;
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
    assert_eq!(
        (v["summary"]["findings"].as_u64(), v["summary"]["truncated"].as_bool()),
        (Some(5), Some(true))
    );
    let (_, v) = post(&s.at("/v1/check"), json!({"text": "请按装。"})).await;
    assert_eq!(v["summary"]["truncated"], false);
    let r = client()
        .post(s.at("/v2/check"))
        .form(&[("language", "zh-CN"), ("text", &"请按装。".repeat(5))]);
    let v: Value = r.send().await.unwrap().json().await.unwrap();
    assert_eq!(v["matches"].as_array().unwrap().len(), 3);
    assert_eq!(v["warnings"]["incompleteResults"], true);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timeout_then_busy() {
    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.limits.check_timeout = Duration::from_millis(1);
    config.limits.max_concurrent_checks = 1;
    let s = Running::start(config).await;
    // Long enough that checking it outlasts 1 ms by far.
    let long = "请各单位认真贯彻落实，做好防汛工作部署。".repeat(20_000);
    let (status, v) = post(&s.at("/v1/check"), json!({"text": long})).await;
    assert_eq!((status, code(&v)), (503, "check_timeout"));
    // The timed-out check still holds the only place.
    let r = client()
        .post(s.at("/v1/check"))
        .json(&json!({"text": "按装"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "1");
    assert_eq!(code(&r.json().await.unwrap()), "busy");
    s.stop().await;
}

#[tokio::test]
async fn auth_and_addresses() {
    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.addr = "0.0.0.0:0".parse().unwrap();
    let err = Server::bind(config).await.unwrap_err();
    assert!(matches!(err.kind(), ServeErrorKind::NeedsAuth { .. }));
    assert!(err.to_string().contains("--token"), "{err}");
    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.addr = "0.0.0.0:0".parse().unwrap();
    config.token = Some(String::new());
    let err = Server::bind(config).await.unwrap_err();
    assert!(
        matches!(err.kind(), ServeErrorKind::NeedsAuth { .. }),
        "an empty token is no token"
    );

    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.token = Some("s3cret".into());
    let s = Running::start(config).await;
    let c = client();
    let r = c
        .post(s.at("/v1/check"))
        .json(&json!({"text": "按装"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    assert_eq!(code(&r.json().await.unwrap()), "unauthorized");
    let r = c
        .post(s.at("/v1/check"))
        .bearer_auth("wrong")
        .json(&json!({"text": "按装"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = c
        .post(s.at("/v2/check"))
        .form(&[("text", "按装"), ("language", "zh-CN")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = c
        .post(s.at("/v1/check"))
        .bearer_auth("s3cret")
        .json(&json!({"text": "按装"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // The page and the health check need no token.
    assert_eq!(c.get(s.at("/")).send().await.unwrap().status(), 200);
    assert_eq!(c.get(s.at("/healthz")).send().await.unwrap().status(), 200);
    s.stop().await;
}

#[tokio::test]
async fn cors_closed_unless_configured() {
    let s = Running::default().await;
    let r = client()
        .post(s.at("/v1/check"))
        .header("origin", "https://cms.example.gov.cn")
        .json(&json!({"text": "按装"}))
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    s.stop().await;

    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.cors_origins = vec!["https://cms.example.gov.cn".into()];
    let s = Running::start(config).await;
    let r = client()
        .request(reqwest::Method::OPTIONS, s.at("/v1/check"))
        .header("origin", "https://cms.example.gov.cn")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["access-control-allow-origin"], "https://cms.example.gov.cn");
    let r = client()
        .post(s.at("/v1/check"))
        .header("origin", "https://elsewhere.example")
        .json(&json!({"text": "按装"}))
        .send()
        .await
        .unwrap();
    assert!(r.headers().get("access-control-allow-origin").is_none());
    s.stop().await;
}

#[tokio::test]
async fn reload_swaps_the_linter() {
    let builds = Arc::new(AtomicUsize::new(0));
    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.token = Some("t".into());
    let b = builds.clone();
    config.reload = Some(Arc::new(move || {
        // The second build fails: the linter in use stays.
        match b.fetch_add(1, Ordering::SeqCst) {
            0 => jiaodui::Linter::builder()
                .allow("按装")
                .build()
                .map_err(|e| e.to_string()),
            _ => Err("jiaodui.toml:3: unknown key".into()),
        }
    }));
    let s = Running::start(config).await;
    let check = || async {
        let r = client()
            .post(s.at("/v1/check"))
            .bearer_auth("t")
            .json(&json!({"text": "请按装"}))
            .send()
            .await
            .unwrap();
        r.json::<Value>().await.unwrap()["summary"]["findings"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(check().await, 1);
    let r = client().post(s.at("/admin/reload")).send().await.unwrap();
    assert_eq!(r.status(), 401, "the admin endpoint needs the token");
    let r = client()
        .post(s.at("/admin/reload"))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.unwrap()["generation"], 2);
    assert_eq!(check().await, 0, "the reloaded linter allows 按装");

    let r = client()
        .post(s.at("/admin/reload"))
        .bearer_auth("t")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 500);
    let v: Value = r.json().await.unwrap();
    assert_eq!(code(&v), "reload_failed");
    assert!(
        v["error"]["message"].as_str().unwrap().contains("jiaodui.toml:3"),
        "{v}"
    );
    assert_eq!(check().await, 0, "a failed reload keeps the linter in use");
    assert_eq!(s.handle.generation(), 2);
    assert!(s.handle.last_reload_error().unwrap().contains("unknown key"));
    s.stop().await;

    // No reload function: the handle says so.
    let s = Running::default().await;
    assert!(matches!(
        s.handle.reload().await.unwrap_err().kind(),
        ServeErrorKind::NoReload
    ));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_requests_in_flight() {
    let s = Running::default().await;
    let url = s.at("/v1/check");
    let long = "请各单位认真贯澈落实，做好防汛工作部署。".repeat(10_000);
    let in_flight = tokio::spawn(async move { post(&url, json!({"text": long})).await });
    // Give the request time to reach the server, then stop it.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let base = s.url.clone();
    s.stop().await;
    let (status, v) = in_flight.await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(v["summary"]["findings"], 10_000);
    // Stopped: no new connections.
    assert!(client().get(format!("{base}/healthz")).send().await.is_err());
}
