//! `/v2`, LanguageTool's HTTP API: the request and response shapes of its
//! documented API (fixtures/languagetool-check.json, written for this
//! project), and a published client of that API, `languagetool-rust`.

mod common;

use common::Running;
use languagetool_rust::api::check::{Data, DataAnnotation, Request};
use languagetool_rust::api::server::ServerClient;
use serde_json::{json, Value};

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// The fixture's response with the messages and rule descriptions the
/// library gives today: what this test pins is the shape and the offsets,
/// while the wording belongs to the library.
fn expected(case: &Value) -> Value {
    let mut response = case["response"].clone();
    response["software"]["version"] = json!(env!("CARGO_PKG_VERSION"));
    for m in response["matches"].as_array_mut().unwrap() {
        let id = m["rule"]["id"].as_str().unwrap().to_string();
        let info = jiaodui::rules().iter().find(|r| r.id == id).unwrap();
        m["rule"]["description"] = json!(info.summary);
    }
    response
}

fn messages(v: &mut Value) {
    for m in v["matches"].as_array_mut().unwrap() {
        assert!(!m["message"].as_str().unwrap().is_empty());
        m["message"] = json!("…");
    }
}

#[tokio::test]
async fn answers_as_the_fixture_form_and_json() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/languagetool-check.json")).unwrap();
    let s = Running::default().await;
    for case in fixture.as_array().unwrap() {
        let params: Vec<(String, String)> = case["request"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        let mut want = expected(case);
        messages(&mut want);
        // As LanguageTool's clients send it: a form.
        let r = client().post(s.at("/v2/check")).form(&params).send().await.unwrap();
        assert_eq!(r.status(), 200, "{}", case["about"]);
        let mut got: Value = r.json().await.unwrap();
        messages(&mut got);
        assert_eq!(got, want, "{}", case["about"]);
        // The same parameters as JSON, and in the query string.
        let r = client()
            .post(s.at("/v2/check"))
            .json(&case["request"])
            .send()
            .await
            .unwrap();
        let mut got: Value = r.json().await.unwrap();
        messages(&mut got);
        assert_eq!(got, want, "JSON: {}", case["about"]);
        let r = client().get(s.at("/v2/check")).query(&params).send().await.unwrap();
        let mut got: Value = r.json().await.unwrap();
        messages(&mut got);
        assert_eq!(got, want, "query: {}", case["about"]);
    }
    s.stop().await;
}

#[tokio::test]
async fn rule_and_category_parameters() {
    let s = Running::default().await;
    let text = "请按装软件。推进一路一带建设。";
    let ids = |v: Value| -> Vec<String> {
        v["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["rule"]["id"].as_str().unwrap().to_string())
            .collect()
    };
    let post = |extra: Vec<(&'static str, &'static str)>| {
        let mut params = vec![("language", "zh-CN"), ("text", text)];
        params.extend(extra);
        let url = s.at("/v2/check");
        async move {
            client()
                .post(url)
                .form(&params)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        ids(post(vec![("disabledRules", "typo.word")]).await),
        ["formulation.near-miss"]
    );
    assert_eq!(ids(post(vec![("disabledCategories", "SERIOUS")]).await), ["typo.word"]);
    assert_eq!(
        ids(post(vec![("enabledRules", "typo"), ("enabledOnly", "true")]).await),
        ["typo.word"]
    );
    // Parameters LanguageTool's clients send and jiaodui does not use are accepted.
    let v = post(vec![
        ("level", "picky"),
        ("motherTongue", "zh-CN"),
        ("preferredVariants", ""),
        ("dicts", ""),
    ])
    .await;
    assert_eq!(ids(v).len(), 2);
    s.stop().await;
}

#[tokio::test]
async fn bad_requests() {
    let s = Running::default().await;
    for (params, status, code) in [
        (vec![("text", "按装")], 400, "missing_language"),
        (
            vec![("text", "按装"), ("language", "de-DE")],
            400,
            "unsupported_language",
        ),
        (vec![("language", "zh-CN")], 400, "missing_text"),
        (
            vec![("language", "zh-CN"), ("data", "{\"annotation\": 3}")],
            400,
            "invalid_data",
        ),
        (
            vec![("language", "zh-CN"), ("data", "{\"annotation\": [{}]}")],
            400,
            "invalid_data",
        ),
    ] {
        let r = client().post(s.at("/v2/check")).form(&params).send().await.unwrap();
        assert_eq!(r.status().as_u16(), status, "{params:?}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["error"]["code"], code, "{params:?}");
    }
    for language in ["auto", "zh", "zh-cn", "zh-Hans-CN"] {
        let r = client()
            .post(s.at("/v2/check"))
            .form(&[("text", "按装"), ("language", language)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{language}");
    }
    s.stop().await;
}

#[tokio::test]
async fn a_published_client_reads_the_answers() {
    let s = Running::default().await;
    let (host, port) = s.url.rsplit_once(':').unwrap();
    let lt = ServerClient::new(host, port);

    let languages = lt.languages().await.unwrap();
    assert_eq!(languages.len(), 1);
    assert_eq!(
        (languages[0].code.as_str(), languages[0].long_code.as_str()),
        ("zh", "zh-CN")
    );

    let text = "请按装😀软件。推进一路一带建设。";
    let request = Request::default().with_text(text).with_language("zh-CN".to_string());
    let response = lt.check(&request).await.unwrap();
    assert_eq!(response.software.name, "jiaodui");
    assert_eq!(response.language.code, "zh-CN");
    let units: Vec<u16> = text.encode_utf16().collect();
    let found: Vec<String> = response
        .matches
        .iter()
        .map(|m| String::from_utf16(&units[m.offset..m.offset + m.length]).unwrap())
        .collect();
    assert_eq!(found, ["按装", "一路一带"]);
    assert_eq!(response.matches[0].replacements[0].value, "安装");
    assert_eq!(response.matches[1].rule.category.name, "严重表述错误");
    assert_eq!(response.matches[1].sentence, "推进一路一带建设。");

    // Annotated text, as the client builds it.
    let data: Data = [
        DataAnnotation::new_markup("<p>"),
        DataAnnotation::new_text("请"),
        DataAnnotation::new_markup("<b>"),
        DataAnnotation::new_text("按装"),
        DataAnnotation::new_markup("</b>"),
        DataAnnotation::new_interpreted_markup("</p>", "\n\n"),
    ]
    .into_iter()
    .collect();
    let response = lt
        .check(&Request::default().with_data(data).with_language("zh-CN".into()))
        .await
        .unwrap();
    assert_eq!((response.matches[0].offset, response.matches[0].length), (7, 2));

    let err = lt
        .check(&Request::default().with_text("Hallo").with_language("de-DE".into()))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("unsupported_language"), "{err}");
    s.stop().await;
}
