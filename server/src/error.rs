use std::fmt;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answered to a request: an HTTP status, a stable code that
/// programs match on, and a Chinese message for people.
///
/// Serialized as `{"error": {"code": "…", "message": "…"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status of the answer.
    pub status: StatusCode,
    /// Stable, lowercase, `snake_case`: `text_too_long`, `busy`, ….
    pub code: &'static str,
    /// What went wrong and what to do, in Chinese.
    pub message: String,
}

impl ApiError {
    /// An error with a status, a stable code and a message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub(crate) fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub(crate) fn body_too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("请求体超过上限 {limit} 字节，请分段提交或缩小文件"),
        )
    }

    pub(crate) fn unsupported_type(kind: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            format!("暂不支持检查 {kind} 文档：请把其中的文字复制出来，作为纯文本（type 为 text）提交"),
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

#[derive(Serialize)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Serialize)]
struct Inner<'a> {
    code: &'a str,
    message: &'a str,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Inner {
                code: self.code,
                message: &self.message,
            },
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        match self.status {
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            StatusCode::UNAUTHORIZED => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

/// Why the server could not start or reload.
#[derive(Debug)]
pub struct ServeError {
    kind: ServeErrorKind,
}

/// The kinds of [`ServeError`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ServeErrorKind {
    /// The address is not a loopback one and neither a token nor
    /// `no_auth` was configured.
    NeedsAuth {
        /// The address asked for.
        addr: std::net::SocketAddr,
    },
    /// A CORS origin is not a valid header value.
    BadOrigin {
        /// The origin as configured.
        origin: String,
    },
    /// Binding or serving failed.
    Io(std::io::Error),
    /// No reload factory was configured.
    NoReload,
    /// The reload factory failed; the previous linter stays in use.
    Reload(String),
}

impl ServeError {
    pub(crate) fn new(kind: ServeErrorKind) -> ServeError {
        ServeError { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ServeErrorKind {
        &self.kind
    }
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ServeErrorKind::NeedsAuth { addr } => write!(
                f,
                "{addr} is not a loopback address: set a bearer token (ServerConfig::token, `--token`) \
                 or allow unauthenticated access explicitly (ServerConfig::no_auth, `--no-auth`)"
            ),
            ServeErrorKind::BadOrigin { origin } => {
                write!(
                    f,
                    "CORS origin {origin:?} is not a valid origin: write it as scheme://host[:port]"
                )
            }
            ServeErrorKind::Io(e) => write!(f, "{e}"),
            ServeErrorKind::NoReload => {
                write!(
                    f,
                    "no reload configured: give ServerConfig::reload a function that builds the linter"
                )
            }
            ServeErrorKind::Reload(e) => write!(f, "reload failed, the previous configuration stays in use: {e}"),
        }
    }
}

impl std::error::Error for ServeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ServeErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for ServeError {
    fn from(e: std::io::Error) -> ServeError {
        ServeError::new(ServeErrorKind::Io(e))
    }
}
