//! `/v1`: check, fix, rules; `/healthz`; `/admin/reload`; auth.

use std::collections::BTreeMap;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use jiaodui::Severity;
use serde::{Deserialize, Serialize};

use crate::document::{self, Checked, DocKind};
use crate::error::ApiError;
use crate::finding::{finding_kind, kind_of, Finding, Kind};
use crate::{ApiState, ServeErrorKind, Shared};

/// Reads a whole body, at most `limit` bytes.
pub(crate) async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    match axum::body::to_bytes(body, limit).await {
        Ok(b) => Ok(b),
        Err(e) => {
            let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
            while let Some(s) = source {
                if s.is::<http_body_util::LengthLimitError>() {
                    return Err(ApiError::body_too_large(limit));
                }
                source = s.source();
            }
            Err(ApiError::bad_request("bad_body", format!("读取请求体失败：{e}")))
        }
    }
}

pub(crate) fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default()
}

pub(crate) fn json_error(e: serde_json::Error) -> ApiError {
    ApiError::bad_request(
        "invalid_json",
        format!("请求不是有效的 JSON（第 {} 行第 {} 列）：{e}", e.line(), e.column()),
    )
}

/// `fail_on`: the lowest severity that fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailOn {
    Level(Severity),
    Never,
}

impl FailOn {
    fn parse(s: Option<&str>) -> Result<FailOn, ApiError> {
        match s.map(str::trim) {
            None | Some("") | Some("warning") => Ok(FailOn::Level(Severity::Warning)),
            Some("error") => Ok(FailOn::Level(Severity::Error)),
            Some("info") => Ok(FailOn::Level(Severity::Info)),
            Some("never") => Ok(FailOn::Never),
            Some(other) => Err(ApiError::bad_request(
                "invalid_fail_on",
                format!("fail_on 的值 {other:?} 无效：应为 error、warning、info 或 never"),
            )),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            FailOn::Level(s) => s.as_str(),
            FailOn::Never => "never",
        }
    }
}

/// Rule ids or families (`typo`, `punct`) to report; empty: all.
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleFilter(Vec<String>);

impl RuleFilter {
    pub(crate) fn parse<I: IntoIterator<Item = String>>(items: I) -> Result<RuleFilter, ApiError> {
        let mut out = Vec::new();
        for item in items {
            let item = item.trim().to_string();
            if item.is_empty() {
                continue;
            }
            if !jiaodui::rules().iter().any(|r| selects(&item, r.id)) {
                let hint = closest(&item)
                    .map(|c| format!("，是否应为“{c}”？"))
                    .unwrap_or_else(|| "。".into());
                return Err(ApiError::bad_request(
                    "unknown_rule",
                    format!("未知的规则 {item:?}{hint}（GET /v1/rules 列出全部规则）"),
                ));
            }
            out.push(item);
        }
        Ok(RuleFilter(out))
    }

    pub(crate) fn keeps(&self, rule: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|s| selects(s, rule))
    }
}

/// Whether `selector` (an id or a family) selects `rule`.
pub(crate) fn selects(selector: &str, rule: &str) -> bool {
    rule == selector || rule.strip_prefix(selector).is_some_and(|rest| rest.starts_with('.'))
}

fn closest(name: &str) -> Option<String> {
    let mut names: Vec<&str> = jiaodui::rules().iter().map(|r| r.id).collect();
    names.extend(jiaodui::rules().iter().filter_map(|r| r.id.split('.').next()));
    names
        .into_iter()
        .map(|n| (edit_distance(name, n), n))
        .filter(|&(d, _)| d <= 3)
        .min()
        .map(|(_, n)| n.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    text: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    rules: Option<Vec<String>>,
    #[serde(default)]
    fail_on: Option<String>,
}

#[derive(Serialize)]
struct Summary {
    /// Characters checked.
    chars: usize,
    findings: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    serious: usize,
    by_kind: BTreeMap<&'static str, KindCount>,
    by_rule: BTreeMap<&'static str, usize>,
    fail_on: &'static str,
    /// Whether a finding is at or above `fail_on`: what `jiaodui check`'s
    /// exit status 1 means.
    failed: bool,
    /// Whether `findings` holds only the first `max_findings`.
    truncated: bool,
}

#[derive(Serialize)]
struct KindCount {
    name: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct CheckResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(rename = "type")]
    kind: &'static str,
    /// For uploads: the text the positions refer to.
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    findings: Vec<Finding>,
    summary: Summary,
}

fn summarize(text: &str, findings: &[Finding], fail_on: FailOn) -> Summary {
    let mut s = Summary {
        chars: text.chars().count(),
        findings: findings.len(),
        errors: 0,
        warnings: 0,
        infos: 0,
        serious: 0,
        by_kind: BTreeMap::new(),
        by_rule: BTreeMap::new(),
        fail_on: fail_on.as_str(),
        failed: false,
        truncated: false,
    };
    for f in findings {
        match f.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
            Severity::Info => s.infos += 1,
        }
        let kind: Kind = finding_kind(f.rule, f.severity);
        if kind == crate::finding::SERIOUS {
            s.serious += 1;
        }
        s.by_kind
            .entry(kind.id)
            .or_insert(KindCount {
                name: kind.name,
                count: 0,
            })
            .count += 1;
        *s.by_rule.entry(f.rule).or_default() += 1;
        if let FailOn::Level(level) = fail_on {
            s.failed |= f.severity >= level;
        }
    }
    s
}

struct CheckInput {
    bytes: Vec<u8>,
    kind: DocKind,
    path: Option<String>,
    rules: RuleFilter,
    fail_on: FailOn,
    upload: bool,
}

async fn check_input(state: &ApiState, req: Request) -> Result<CheckInput, ApiError> {
    let limit = state.shared.limits.max_body_bytes;
    match content_type(req.headers()).as_str() {
        "multipart/form-data" => {
            let mut multipart = Multipart::from_request(req, state)
                .await
                .map_err(|e| ApiError::bad_request("invalid_multipart", format!("无法解析上传的表单：{e}")))?;
            let mut file: Option<(Option<String>, Vec<u8>)> = None;
            let mut kind = None;
            let mut rules = Vec::new();
            let mut fail_on = None;
            loop {
                let field = match multipart.next_field().await {
                    Ok(Some(f)) => f,
                    Ok(None) => break,
                    Err(e) => return Err(multipart_error(e, limit)),
                };
                let name = field.name().unwrap_or("").to_string();
                let file_name = field.file_name().map(str::to_string);
                let data = field.bytes().await.map_err(|e| multipart_error(e, limit))?;
                match name.as_str() {
                    "file" | "text" => file = Some((file_name, data.to_vec())),
                    "type" => kind = Some(String::from_utf8_lossy(&data).into_owned()),
                    "rules" => rules.extend(String::from_utf8_lossy(&data).split(',').map(str::to_string)),
                    "fail_on" => fail_on = Some(String::from_utf8_lossy(&data).into_owned()),
                    _ => {}
                }
            }
            let Some((path, bytes)) = file else {
                return Err(ApiError::bad_request(
                    "missing_file",
                    "上传的表单中没有名为 file 的文件字段",
                ));
            };
            let kind = match (&kind, &path) {
                (Some(k), _) if !k.trim().is_empty() => DocKind::parse(k)?,
                (_, Some(p)) => DocKind::from_file_name(p).ok_or_else(|| {
                    ApiError::bad_request(
                        "invalid_type",
                        format!("无法从文件名 {p:?} 判断类型：请上传 .txt、.md、.html 或 .docx 文件，或给出 type 字段"),
                    )
                })?,
                _ => DocKind::Text,
            };
            Ok(CheckInput {
                bytes,
                kind,
                path,
                rules: RuleFilter::parse(rules)?,
                fail_on: FailOn::parse(fail_on.as_deref())?,
                upload: true,
            })
        }
        "application/json" | "" => {
            let body = read_body(req.into_body(), limit).await?;
            let r: CheckRequest = serde_json::from_slice(&body).map_err(json_error)?;
            Ok(CheckInput {
                kind: DocKind::parse(r.kind.as_deref().unwrap_or("text"))?,
                bytes: r.text.into_bytes(),
                path: None,
                rules: RuleFilter::parse(r.rules.unwrap_or_default())?,
                fail_on: FailOn::parse(r.fail_on.as_deref())?,
                upload: false,
            })
        }
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("不支持的 Content-Type {other:?}：请用 application/json 或 multipart/form-data"),
        )),
    }
}

fn multipart_error(e: axum::extract::multipart::MultipartError, limit: usize) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::body_too_large(limit)
    } else {
        ApiError::bad_request("invalid_multipart", format!("无法解析上传的表单：{}", e.body_text()))
    }
}

/// `POST /v1/check`.
pub(crate) async fn check(State(state): State<ApiState>, req: Request) -> Result<Response, ApiError> {
    let input = check_input(&state, req).await?;
    if input.kind == DocKind::Text {
        // Cheap bound before the work: bytes bound characters.
        if input.bytes.len() > state.shared.limits.max_text_chars {
            if let Ok(text) = std::str::from_utf8(&input.bytes) {
                state.shared.check_len(text)?;
            }
        }
    }
    let CheckInput {
        bytes,
        kind,
        path,
        rules,
        fail_on,
        upload,
    } = input;
    let shared = state.shared.clone();
    let checked: Checked = state
        .shared
        .run(move |linter| {
            let mut c = document::check_document(linter, kind, bytes)?;
            shared.check_len(&c.text)?;
            c.findings.retain(|f| rules.keeps(f.rule));
            Ok(c)
        })
        .await?;
    let mut summary = summarize(&checked.text, &checked.findings, fail_on);
    let mut findings = checked.findings;
    if findings.len() > state.shared.limits.max_findings {
        findings.truncate(state.shared.limits.max_findings);
        summary.truncated = true;
    }
    for f in &mut findings {
        f.path.clone_from(&path);
    }
    Ok(Json(CheckResponse {
        path,
        kind: kind.as_str(),
        text: upload.then_some(checked.text),
        findings,
        summary,
    })
    .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixRequest {
    text: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

#[derive(Serialize)]
struct FixResponse {
    text: String,
    changed: bool,
    fixes: Vec<Finding>,
}

/// `POST /v1/fix`.
pub(crate) async fn fix(State(state): State<ApiState>, req: Request) -> Result<Response, ApiError> {
    let ct = content_type(req.headers());
    if !(ct == "application/json" || ct.is_empty()) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("不支持的 Content-Type {ct:?}：请用 application/json"),
        ));
    }
    let body = read_body(req.into_body(), state.shared.limits.max_body_bytes).await?;
    let r: FixRequest = serde_json::from_slice(&body).map_err(json_error)?;
    let kind = DocKind::parse(r.kind.as_deref().unwrap_or("text"))?;
    state.shared.check_len(&r.text)?;
    let fixed = state
        .shared
        .run(move |linter| document::fix_document(linter, kind, r.text.into_bytes()))
        .await?;
    Ok(Json(FixResponse {
        changed: fixed.changed,
        text: fixed.text,
        fixes: fixed.fixes,
    })
    .into_response())
}

#[derive(Serialize)]
struct RuleOut {
    id: &'static str,
    default_severity: Severity,
    summary: &'static str,
    example: &'static str,
    kind: Kind,
}

/// `GET /v1/rules`.
pub(crate) async fn rules() -> Json<serde_json::Value> {
    let rules: Vec<RuleOut> = jiaodui::rules()
        .iter()
        .map(|r| RuleOut {
            id: r.id,
            default_severity: r.default_severity,
            summary: r.summary,
            example: r.example,
            kind: kind_of(r.id),
        })
        .collect();
    Json(serde_json::json!({ "rules": rules }))
}

/// `GET /healthz`.
pub(crate) async fn healthz(State(state): State<ApiState>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "generation": state.handle.generation(),
        "last_reload_error": state.handle.last_reload_error(),
        "auth": state.shared.token.is_some(),
    }))
}

/// `POST /admin/reload`.
pub(crate) async fn reload(State(state): State<ApiState>) -> Result<Json<serde_json::Value>, ApiError> {
    if state.shared.token.is_none() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "admin_disabled",
            "管理接口需要令牌：请以 --token 启动服务（或发送 SIGHUP 重新加载）",
        ));
    }
    match state.handle.reload().await {
        Ok(generation) => Ok(Json(serde_json::json!({ "reloaded": true, "generation": generation }))),
        Err(e) => Err(match e.kind() {
            ServeErrorKind::NoReload => ApiError::new(
                StatusCode::CONFLICT,
                "reload_unavailable",
                "本服务未配置重新加载（启动时未给出 --reload）",
            ),
            _ => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "reload_failed",
                format!("重新加载失败，仍使用原配置：{e}"),
            ),
        }),
    }
}

/// Bearer auth, where a token is configured.
pub(crate) async fn auth(State(shared): State<std::sync::Arc<Shared>>, req: Request, next: Next) -> Response {
    if let Some(token) = &shared.token {
        let sent = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim);
        if !sent.is_some_and(|s| constant_time_eq(s.as_bytes(), token.as_bytes())) {
            return ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "缺少或错误的令牌：请在请求头中发送 Authorization: Bearer <令牌>",
            )
            .into_response();
        }
    }
    next.run(req).await
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(crate) async fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "没有这个地址：接口见 /v1/check、/v1/fix、/v1/rules、/v2/check",
    )
}

pub(crate) async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "此地址不接受该请求方法（检查接口用 POST）",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_filter() {
        let f = RuleFilter::parse(["typo".to_string(), "punct.dash".to_string()]).unwrap();
        assert!(f.keeps("typo.word") && f.keeps("punct.dash"));
        assert!(!f.keeps("punct.doubled") && !f.keeps("typos.x"));
        let e = RuleFilter::parse(["typo.words".to_string()]).unwrap_err();
        assert_eq!(e.code, "unknown_rule");
        assert!(e.message.contains("typo.word"), "{}", e.message);
        assert!(RuleFilter::parse(Vec::new()).unwrap().keeps("anything"));
    }

    #[test]
    fn fail_on() {
        assert_eq!(FailOn::parse(None).unwrap(), FailOn::Level(Severity::Warning));
        assert_eq!(FailOn::parse(Some("never")).unwrap(), FailOn::Never);
        assert_eq!(FailOn::parse(Some("fatal")).unwrap_err().code, "invalid_fail_on");
    }
}
