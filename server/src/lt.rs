//! `/v2`: LanguageTool's HTTP API, so that its clients (browser extension,
//! office add-ins, LTeX, editor plugins) use jiaodui as their server for
//! Chinese.
//!
//! Parameters come as a form (`application/x-www-form-urlencoded`, as
//! LanguageTool's clients send them), as a JSON object, or in the query
//! string. Offsets and lengths are in UTF-16 code units of the text sent
//! (for `data`, of the whole annotated text, markup included).

use std::collections::HashMap;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use jiaodui::Severity;
use serde::{Deserialize, Serialize};

use crate::api::{content_type, json_error, read_body, selects};
use crate::error::ApiError;
use crate::finding::{finding_kind, kind_of};
use crate::ApiState;

const LANGUAGE_NAME: &str = "Chinese";
const LANGUAGE_CODE: &str = "zh-CN";

/// `GET /v2/languages`.
pub(crate) async fn languages() -> Json<serde_json::Value> {
    Json(serde_json::json!([{ "name": LANGUAGE_NAME, "code": "zh", "longCode": LANGUAGE_CODE }]))
}

async fn params(state: &ApiState, req: Request) -> Result<HashMap<String, String>, ApiError> {
    let mut out = HashMap::new();
    if let Some(q) = req.uri().query() {
        out.extend(form_urlencoded::parse(q.as_bytes()).into_owned());
    }
    let ct = content_type(req.headers());
    let body = read_body(req.into_body(), state.shared.limits.max_body_bytes).await?;
    if body.is_empty() {
        return Ok(out);
    }
    match ct.as_str() {
        "application/json" => {
            let v: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&body).map_err(json_error)?;
            for (k, v) in v {
                let s = match v {
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Null => continue,
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                        .collect::<Vec<_>>()
                        .join(","),
                    other => other.to_string(),
                };
                out.insert(k, s);
            }
        }
        "application/x-www-form-urlencoded" | "" => {
            out.extend(form_urlencoded::parse(&body).into_owned());
        }
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                format!("不支持的 Content-Type {other:?}：请用 application/x-www-form-urlencoded 或 application/json"),
            ))
        }
    }
    Ok(out)
}

/// LanguageTool's annotated text: `{"annotation": [{"text": …} | {"markup": …, "interpretAs"?: …}]}`.
#[derive(Deserialize)]
struct Data {
    annotation: Vec<Annotation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Annotation {
    text: Option<String>,
    markup: Option<String>,
    interpret_as: Option<String>,
}

/// A run of the checked (plain) text and where it came from.
#[derive(Debug, Clone, Copy)]
struct Segment {
    /// Start in the plain text, UTF-16 units.
    plain: usize,
    /// Start in the text as sent, UTF-16 units.
    orig: usize,
    /// Length in the text as sent, UTF-16 units.
    orig_len: usize,
    /// Text (offsets map one to one) or markup read as `interpretAs`.
    is_text: bool,
}

/// The text to check and how its offsets map back.
struct Source {
    plain: String,
    segments: Vec<Segment>,
}

impl Source {
    fn text(text: String) -> Source {
        Source {
            plain: text,
            segments: Vec::new(),
        }
    }

    fn data(data: Data) -> Result<Source, ApiError> {
        let mut plain = String::new();
        let mut segments = Vec::new();
        let (mut plain16, mut orig16) = (0, 0);
        for a in data.annotation {
            match (a.text, a.markup) {
                (Some(t), None) => {
                    let n = utf16_len(&t);
                    segments.push(Segment {
                        plain: plain16,
                        orig: orig16,
                        orig_len: n,
                        is_text: true,
                    });
                    plain.push_str(&t);
                    plain16 += n;
                    orig16 += n;
                }
                (None, Some(m)) => {
                    let n = utf16_len(&m);
                    let read = a.interpret_as.unwrap_or_default();
                    segments.push(Segment {
                        plain: plain16,
                        orig: orig16,
                        orig_len: n,
                        is_text: false,
                    });
                    plain16 += utf16_len(&read);
                    plain.push_str(&read);
                    orig16 += n;
                }
                _ => {
                    return Err(ApiError::bad_request(
                        "invalid_data",
                        "data 的每一项须有 text 或 markup 之一（markup 可带 interpretAs）",
                    ))
                }
            }
        }
        Ok(Source { plain, segments })
    }

    /// The offset in the text as sent of plain UTF-16 offset `p`.
    fn orig(&self, p: usize, is_end: bool) -> usize {
        if self.segments.is_empty() {
            return p;
        }
        // The last segment starting at or before p; for an end, one
        // starting strictly before it (an end belongs to what precedes).
        let i = self
            .segments
            .partition_point(|s| if is_end { s.plain < p } else { s.plain <= p });
        let Some(seg) = i.checked_sub(1).map(|i| self.segments[i]) else {
            return 0;
        };
        if seg.is_text {
            (seg.orig + (p - seg.plain)).min(seg.orig + seg.orig_len)
        } else if is_end {
            seg.orig + seg.orig_len
        } else {
            seg.orig
        }
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// UTF-16 offsets of sorted byte offsets of `text`, in one pass.
fn utf16_offsets(text: &str, sorted_bytes: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(sorted_bytes.len());
    let mut chars = text.char_indices().peekable();
    let mut units = 0;
    for &b in sorted_bytes {
        while let Some(&(i, c)) = chars.peek() {
            if i >= b {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        out.push(units);
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LtResponse {
    software: Software,
    warnings: Warnings,
    language: Language,
    matches: Vec<LtMatch>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Software {
    name: &'static str,
    version: &'static str,
    build_date: &'static str,
    api_version: u32,
    premium: bool,
    status: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Warnings {
    incomplete_results: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Language {
    name: &'static str,
    code: &'static str,
    detected_language: DetectedLanguage,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DetectedLanguage {
    name: &'static str,
    code: &'static str,
    confidence: f32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LtMatch {
    message: String,
    short_message: &'static str,
    replacements: Vec<Replacement>,
    offset: usize,
    length: usize,
    context: Context,
    sentence: String,
    #[serde(rename = "type")]
    kind: TypeName,
    rule: Rule,
    ignore_for_incomplete_sentence: bool,
    context_for_sure_match: i32,
}

#[derive(Serialize)]
struct Replacement {
    value: String,
}

#[derive(Serialize)]
struct Context {
    text: String,
    offset: usize,
    length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TypeName {
    type_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    description: &'static str,
    issue_type: &'static str,
    category: Category,
}

#[derive(Serialize)]
struct Category {
    id: &'static str,
    name: &'static str,
}

/// LanguageTool's issue type (the ITS 2.0 localization quality types its
/// clients colour by) of a rule.
fn issue_type(rule: &str) -> &'static str {
    match rule.split('.').next().unwrap_or(rule) {
        "typo" | "idiom" | "name" => "misspelling",
        "formulation" | "agency" => "terminology",
        "political" | "secrecy" | "sensitive" => "legal",
        "punct" => "typographical",
        "char" | "encoding" | "script" => "characters",
        "number" => "numbers",
        "repeat" => "duplication",
        _ => "other",
    }
}

const CONTEXT_CHARS: usize = 20;
const SENTENCE_MAX_CHARS: usize = 300;

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '；')
}

/// The context window and the sentence around bytes `start..end` of `text`.
fn context_and_sentence(text: &str, start: usize, end: usize) -> (Context, String) {
    let before: Vec<(usize, char)> = text[..start].char_indices().rev().take(SENTENCE_MAX_CHARS).collect();
    let ctx_start = before
        .iter()
        .take(CONTEXT_CHARS)
        .take_while(|(_, c)| *c != '\n')
        .last()
        .map_or(start, |&(i, _)| i);
    let ctx_end = text[end..]
        .char_indices()
        .take(CONTEXT_CHARS)
        .take_while(|(_, c)| *c != '\n')
        .last()
        .map_or(end, |(i, c)| end + i + c.len_utf8());
    let context = Context {
        text: text[ctx_start..ctx_end].to_string(),
        offset: utf16_len(&text[ctx_start..start]),
        length: utf16_len(&text[start..end]),
    };
    let s_start = before
        .iter()
        .find(|(_, c)| is_sentence_end(*c))
        .map_or_else(|| before.last().map_or(start, |&(i, _)| i), |&(i, c)| i + c.len_utf8());
    let s_end = text[end..]
        .char_indices()
        .take(SENTENCE_MAX_CHARS)
        .find(|(_, c)| is_sentence_end(*c))
        .map_or_else(
            || {
                text[end..]
                    .char_indices()
                    .take(SENTENCE_MAX_CHARS)
                    .last()
                    .map_or(end, |(i, c)| end + i + c.len_utf8())
            },
            |(i, c)| if c == '\n' { end + i } else { end + i + c.len_utf8() },
        );
    let sentence = text[s_start..s_end].trim().to_string();
    (context, sentence)
}

fn list(params: &HashMap<String, String>, key: &str) -> Vec<String> {
    params
        .get(key)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// `POST /v2/check` (and `GET` with the parameters in the query).
pub(crate) async fn check(State(state): State<ApiState>, req: Request) -> Result<Response, ApiError> {
    let p = params(&state, req).await?;
    let language = p.get("language").map(|s| s.trim()).unwrap_or("");
    let lower = language.to_ascii_lowercase();
    if language.is_empty() {
        return Err(ApiError::bad_request(
            "missing_language",
            "缺少 language 参数：请给出 zh-CN 或 auto",
        ));
    }
    if !(lower == "auto" || lower == "zh" || lower.starts_with("zh-")) {
        return Err(ApiError::bad_request(
            "unsupported_language",
            format!("不支持的语言 {language:?}：jiaodui 只检查中文，请用 zh-CN 或 auto"),
        ));
    }
    let source = match (p.get("text"), p.get("data")) {
        (Some(t), _) => Source::text(t.clone()),
        (None, Some(d)) => {
            let data: Data = serde_json::from_str(d).map_err(|e| {
                ApiError::bad_request(
                    "invalid_data",
                    format!("data 不是有效的标注文本 JSON（{{\"annotation\": [...]}}）：{e}"),
                )
            })?;
            Source::data(data)?
        }
        (None, None) => return Err(ApiError::bad_request("missing_text", "缺少 text 或 data 参数")),
    };
    state.shared.check_len(&source.plain)?;
    let enabled = list(&p, "enabledRules");
    let disabled = list(&p, "disabledRules");
    let enabled_cats = list(&p, "enabledCategories");
    let disabled_cats = list(&p, "disabledCategories");
    let enabled_only = p.get("enabledOnly").is_some_and(|v| v == "true");
    let keep = move |rule: &str, severity: Severity| {
        let cat = finding_kind(rule, severity).id;
        let base = kind_of(rule).id;
        if disabled.iter().any(|s| selects(s, rule)) || disabled_cats.iter().any(|c| c == cat || c == base) {
            return false;
        }
        !enabled_only || enabled.iter().any(|s| selects(s, rule)) || enabled_cats.iter().any(|c| c == cat || c == base)
    };
    let max_findings = state.shared.limits.max_findings;
    let response = state
        .shared
        .run(move |linter| {
            let mut findings: Vec<_> = linter
                .check(&source.plain)
                .into_iter()
                .filter(|d| keep(d.rule, d.severity))
                .collect();
            let incomplete_results = findings.len() > max_findings;
            findings.truncate(max_findings);
            let mut bytes: Vec<usize> = findings.iter().flat_map(|d| [d.span.start, d.span.end]).collect();
            bytes.sort_unstable();
            bytes.dedup();
            let units = utf16_offsets(&source.plain, &bytes);
            let at = |b: usize| units[bytes.binary_search(&b).unwrap_or(0)];
            let matches = findings
                .iter()
                .map(|d| {
                    let start = source.orig(at(d.span.start), false);
                    let end = source.orig(at(d.span.end), true).max(start);
                    let (context, sentence) = context_and_sentence(&source.plain, d.span.start, d.span.end);
                    let kind = finding_kind(d.rule, d.severity);
                    let description = jiaodui::rules()
                        .iter()
                        .find(|r| r.id == d.rule)
                        .map_or("", |r| r.summary);
                    LtMatch {
                        message: d.message.clone(),
                        short_message: kind.name,
                        replacements: d.suggestions.iter().map(|s| Replacement { value: s.clone() }).collect(),
                        offset: start,
                        length: end - start,
                        context,
                        sentence,
                        kind: TypeName { type_name: "Other" },
                        rule: Rule {
                            id: d.rule,
                            description,
                            issue_type: issue_type(d.rule),
                            category: Category {
                                id: kind.id,
                                name: kind.name,
                            },
                        },
                        ignore_for_incomplete_sentence: false,
                        context_for_sure_match: 0,
                    }
                })
                .collect();
            Ok(LtResponse {
                software: Software {
                    name: "jiaodui",
                    version: env!("CARGO_PKG_VERSION"),
                    build_date: "",
                    api_version: 1,
                    premium: false,
                    status: "",
                },
                warnings: Warnings { incomplete_results },
                language: Language {
                    name: LANGUAGE_NAME,
                    code: LANGUAGE_CODE,
                    detected_language: DetectedLanguage {
                        name: LANGUAGE_NAME,
                        code: LANGUAGE_CODE,
                        confidence: 1.0,
                    },
                },
                matches,
            })
        })
        .await?;
    Ok(Json(response).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_of_bytes() {
        let t = "a😀按装";
        // a=1 byte/1 unit, 😀=4 bytes/2 units, 按=3 bytes/1 unit
        assert_eq!(utf16_offsets(t, &[0, 1, 5, 8, 11]), [0, 1, 3, 4, 5]);
    }

    #[test]
    fn data_offsets_count_markup() {
        let data: Data =
            serde_json::from_str(r#"{"annotation":[{"text":"请"},{"markup":"<b>"},{"text":"按装"},{"markup":"</b>"},{"markup":"<p>","interpretAs":"\n\n"},{"text":"软件"}]}"#)
                .unwrap();
        let s = Source::data(data).unwrap();
        assert_eq!(s.plain, "请按装\n\n软件");
        // 按装 is plain 1..3, sent 4..6 (after "请<b>").
        assert_eq!((s.orig(1, false), s.orig(3, true)), (4, 6));
        // 软件 is plain 5..7, sent after "请<b>按装</b><p>" = 1+3+2+4+3 = 13.
        assert_eq!((s.orig(5, false), s.orig(7, true)), (13, 15));
    }

    /// Generated annotated texts: every finding maps into the text sent,
    /// and one inside a text part maps onto its own words.
    #[test]
    fn data_offsets_of_generated_texts() {
        let linter = jiaodui::Linter::new();
        let pieces = [
            "按装",
            "请",
            "😀",
            "一路一带",
            "，",
            "。。",
            "\n",
            "软件",
            "贯澈落实",
            "a",
        ];
        let markups = [
            ("<b>", None),
            ("</p>", Some("\n\n")),
            ("<br/>", Some("\n")),
            ("&nbsp;", Some(" ")),
            ("<i>", None),
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        for _ in 0..300 {
            let mut annotation = Vec::new();
            let mut sent = String::new();
            for _ in 0..next(12) {
                if next(3) == 0 {
                    let (m, read) = markups[next(markups.len())];
                    sent.push_str(m);
                    annotation.push(Annotation {
                        text: None,
                        markup: Some(m.to_string()),
                        interpret_as: read.map(str::to_string),
                    });
                } else {
                    let t: String = (0..1 + next(3)).map(|_| pieces[next(pieces.len())]).collect();
                    sent.push_str(&t);
                    annotation.push(Annotation {
                        text: Some(t),
                        markup: None,
                        interpret_as: None,
                    });
                }
            }
            let source = Source::data(Data { annotation }).unwrap();
            let units: Vec<u16> = sent.encode_utf16().collect();
            for d in linter.check(&source.plain) {
                let at = utf16_offsets(&source.plain, &[d.span.start, d.span.end]);
                let (start, end) = (source.orig(at[0], false), source.orig(at[1], true));
                assert!(start <= end && end <= units.len(), "{sent:?}: {start}..{end}");
                let mapped = String::from_utf16_lossy(&units[start..end]);
                if !d.found.contains(['\n', ' ']) && !mapped.contains('<') && !mapped.contains('&') {
                    assert_eq!(mapped, d.found, "{sent:?}");
                }
                let _ = context_and_sentence(&source.plain, d.span.start, d.span.end);
            }
        }
    }

    #[test]
    fn context_and_sentence_of_a_span() {
        let t = "第一句。请按装软件，谢谢！第三句";
        let s = t.find("按装").unwrap();
        let (c, sentence) = context_and_sentence(t, s, s + "按装".len());
        assert_eq!(sentence, "请按装软件，谢谢！");
        assert_eq!(
            &c.text.chars().skip(c.offset).take(c.length).collect::<String>(),
            "按装"
        );
    }
}
