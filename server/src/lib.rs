//! The jiaodui HTTP server: a JSON API (`/v1`), a LanguageTool-compatible
//! endpoint (`/v2`) and the proofreading page (`/`), on axum and tokio.
//!
//! The caller builds the [`Linter`] (from `jiaodui.toml`, flags, …) and,
//! for reloading, a function that builds it again; the server never reads
//! a file itself, and no request can make it read or write one.
//!
//! ```no_run
//! # async fn run() -> Result<(), jiaodui_server::ServeError> {
//! use jiaodui_server::{ServerConfig, shutdown_signal};
//!
//! let config = ServerConfig::new(jiaodui::Linter::new());   // 127.0.0.1:8080
//! jiaodui_server::serve(config, shutdown_signal()).await
//! # }
//! ```
//!
//! For tests, [`Server::bind`] on port 0 tells the port chosen:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use jiaodui_server::{Server, ServerConfig};
//!
//! let mut config = ServerConfig::new(jiaodui::Linter::new());
//! config.addr = "127.0.0.1:0".parse()?;
//! let server = Server::bind(config).await?;
//! let addr = server.local_addr();
//! let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
//! let running = tokio::spawn(server.run(async { stopped.await.ok(); }));
//! assert_ne!(addr.port(), 0);
//! stop.send(()).ok();
//! running.await??;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod api;
pub mod document;
mod error;
pub mod finding;
mod lt;
mod page;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use jiaodui::Linter;
use tokio::sync::Semaphore;

pub use error::{ApiError, ServeError, ServeErrorKind};

/// A function that builds the linter again, for reloading
/// (`jiaodui.toml`, dictionaries and word lists read anew). Its error is
/// shown to the person who asked for the reload.
pub type ReloadFn = Arc<dyn Fn() -> Result<Linter, String> + Send + Sync>;

/// Limits on requests. Every default is in [`Limits::default`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest request body, in bytes (413 `body_too_large`). Default 10 MiB.
    pub max_body_bytes: usize,
    /// Longest text, in characters (413 `text_too_long`). Default 1,000,000.
    pub max_text_chars: usize,
    /// Checks running at once; a request past that is answered 429 `busy`
    /// at once. Default 64.
    pub max_concurrent_checks: usize,
    /// Longest time one check may take; past it the answer is 503
    /// `check_timeout`. Default 10 s.
    pub check_timeout: Duration,
    /// Most findings in one answer; past it the first ones are sent and
    /// `summary.truncated` (LanguageTool: `warnings.incompleteResults`) is
    /// true, the summary's counts still counting all. Default 10,000.
    pub max_findings: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body_bytes: 10 << 20,
            max_text_chars: 1_000_000,
            max_concurrent_checks: 64,
            check_timeout: Duration::from_secs(10),
            max_findings: 10_000,
        }
    }
}

/// How the server is set up.
#[non_exhaustive]
pub struct ServerConfig {
    /// Where to listen. Default `127.0.0.1:8080`.
    pub addr: SocketAddr,
    /// The linter to check with.
    pub linter: Linter,
    /// Builds the linter again on reload (SIGHUP, `POST /admin/reload`,
    /// [`ServerHandle::reload`]). `None`: reloading answers an error.
    pub reload: Option<ReloadFn>,
    /// Reload on SIGHUP (Unix). Default false.
    pub reload_on_sighup: bool,
    /// A bearer token that every `/v1`, `/v2` and `/admin` request must
    /// send (`Authorization: Bearer …`). Required, or `no_auth`, to listen
    /// on an address that is not loopback. An empty token is no token.
    pub token: Option<String>,
    /// Listen on a non-loopback address without a token. Default false.
    pub no_auth: bool,
    /// Origins allowed by CORS (`https://cms.example.gov.cn`); `*` allows
    /// any. Default none: cross-origin requests from pages get no CORS
    /// headers.
    pub cors_origins: Vec<String>,
    /// Limits on requests.
    pub limits: Limits,
}

impl ServerConfig {
    /// The defaults: loopback port 8080, no token, no CORS, default limits.
    pub fn new(linter: Linter) -> ServerConfig {
        ServerConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            linter,
            reload: None,
            reload_on_sighup: false,
            token: None,
            no_auth: false,
            cors_origins: Vec::new(),
            limits: Limits::default(),
        }
    }
}

impl std::fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerConfig")
            .field("addr", &self.addr)
            .field("reload", &self.reload.is_some())
            .field("reload_on_sighup", &self.reload_on_sighup)
            .field("token", &self.token.as_ref().map(|_| "…"))
            .field("no_auth", &self.no_auth)
            .field("cors_origins", &self.cors_origins)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// State shared by the handlers.
pub(crate) struct Shared {
    linter: RwLock<Arc<Linter>>,
    generation: AtomicU64,
    reload: Option<ReloadFn>,
    reloading: tokio::sync::Mutex<()>,
    last_reload_error: std::sync::Mutex<Option<String>>,
    pub(crate) token: Option<String>,
    pub(crate) limits: Limits,
    checks: Arc<Semaphore>,
}

/// A handle on a running server's state: reloads the linter.
#[derive(Clone)]
pub struct ServerHandle {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for ServerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerHandle")
            .field("generation", &self.generation())
            .finish()
    }
}

impl ServerHandle {
    /// Builds the linter again with the configured reload function and
    /// swaps it in. Checks under way finish with the previous linter; those
    /// that start after this returns use the new one. On error the previous
    /// linter stays. Returns the new generation (1 at start).
    pub async fn reload(&self) -> Result<u64, ServeError> {
        let build = self
            .shared
            .reload
            .clone()
            .ok_or_else(|| ServeError::new(ServeErrorKind::NoReload))?;
        // One reload at a time; a second waits and then reloads again.
        let _one = self.shared.reloading.lock().await;
        let built = match tokio::task::spawn_blocking(move || build()).await {
            Ok(result) => result,
            Err(e) => Err(format!("the reload function panicked: {e}")),
        };
        let mut last = self.shared.last_reload_error.lock().unwrap_or_else(|e| e.into_inner());
        match built {
            Ok(linter) => {
                *last = None;
                drop(last);
                self.swap(linter);
                Ok(self.generation())
            }
            Err(e) => {
                *last = Some(e.clone());
                Err(ServeError::new(ServeErrorKind::Reload(e)))
            }
        }
    }

    /// The error of the last reload, if it failed (cleared by a reload
    /// that succeeds). `/healthz` shows it too.
    pub fn last_reload_error(&self) -> Option<String> {
        self.shared
            .last_reload_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Swaps in a linter built by the caller.
    pub fn swap(&self, linter: Linter) {
        let mut slot = self.shared.linter.write().unwrap_or_else(|e| e.into_inner());
        *slot = Arc::new(linter);
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// How many linters have been in use: 1 at start, one more per reload.
    pub fn generation(&self) -> u64 {
        self.shared.generation.load(Ordering::SeqCst)
    }
}

impl Shared {
    pub(crate) fn linter(&self) -> Arc<Linter> {
        self.linter.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Runs `work` on the blocking pool under the concurrency and time
    /// limits.
    pub(crate) async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&Linter) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let permit = self.checks.clone().try_acquire_owned().map_err(|_| {
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "busy",
                format!(
                    "同时进行的检查已达上限（{} 个），请稍后重试",
                    self.limits.max_concurrent_checks
                ),
            )
        })?;
        let linter = self.linter();
        // The permit goes with the work: a check that outlives its request's
        // timeout still counts until it ends.
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(&linter)
        });
        match tokio::time::timeout(self.limits.check_timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "检查时发生内部错误，请反馈此文本",
            )),
            Err(_) => Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "check_timeout",
                format!(
                    "检查超过 {} 秒未完成，请分段提交",
                    self.limits.check_timeout.as_secs_f32()
                ),
            )),
        }
    }

    pub(crate) fn check_len(&self, text: &str) -> Result<(), ApiError> {
        // Bytes bound chars from above: count only when it could matter.
        if text.len() > self.limits.max_text_chars && text.chars().count() > self.limits.max_text_chars {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "text_too_long",
                format!("文本超过 {} 字的上限，请分段提交", self.limits.max_text_chars),
            ));
        }
        Ok(())
    }
}

/// The application alone, without binding: every route with its limits,
/// auth and CORS, and the handle for reloading. For serving it inside
/// another axum application or testing it with `tower::ServiceExt`; the
/// address checks of [`Server::bind`] are the caller's then.
///
/// ```
/// let config = jiaodui_server::ServerConfig::new(jiaodui::Linter::new());
/// let (app, handle) = jiaodui_server::router(config)?;
/// let app: axum::Router = axum::Router::new().nest("/proofread", app);
/// assert_eq!(handle.generation(), 1);
/// # Ok::<(), jiaodui_server::ServeError>(())
/// ```
pub fn router(config: ServerConfig) -> Result<(Router, ServerHandle), ServeError> {
    let ServerConfig {
        linter,
        reload,
        token,
        cors_origins,
        limits,
        ..
    } = config;
    let shared = Arc::new(Shared {
        linter: RwLock::new(Arc::new(linter)),
        generation: AtomicU64::new(1),
        reload,
        reloading: tokio::sync::Mutex::new(()),
        last_reload_error: std::sync::Mutex::new(None),
        token: token.filter(|t| !t.is_empty()),
        limits,
        checks: Arc::new(Semaphore::new(limits.max_concurrent_checks.max(1))),
    });
    let handle = ServerHandle { shared: shared.clone() };
    let limit = limits.max_body_bytes;
    let protected = Router::new()
        .route("/v1/check", post(api::check))
        .route("/v1/fix", post(api::fix))
        .route("/v1/rules", get(api::rules))
        .route("/v2/check", post(lt::check).get(lt::check))
        .route("/v2/languages", get(lt::languages))
        .route("/admin/reload", post(api::reload))
        .route_layer(axum::middleware::from_fn_with_state(shared.clone(), api::auth));
    let mut app = Router::new()
        .route("/", get(page::index))
        .route("/assets/{name}", get(page::asset))
        .route("/healthz", get(api::healthz))
        .merge(protected)
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(ApiState {
            shared,
            handle: handle.clone(),
        });
    if !cors_origins.is_empty() {
        use tower_http::cors::{AllowOrigin, CorsLayer};
        let origin = if cors_origins.iter().any(|o| o == "*") {
            AllowOrigin::any()
        } else {
            let list = cors_origins
                .iter()
                .map(|o| {
                    HeaderValue::from_str(o.trim_end_matches('/'))
                        .map_err(|_| ServeError::new(ServeErrorKind::BadOrigin { origin: o.clone() }))
                })
                .collect::<Result<Vec<_>, _>>()?;
            AllowOrigin::list(list)
        };
        app = app.layer(
            CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([axum::http::header::CONTENT_TYPE, axum::http::header::AUTHORIZATION]),
        );
    }
    Ok((app, handle))
}

#[derive(Clone)]
pub(crate) struct ApiState {
    pub(crate) shared: Arc<Shared>,
    pub(crate) handle: ServerHandle,
}

/// A server bound to its address, not yet serving.
pub struct Server {
    listener: tokio::net::TcpListener,
    app: Router,
    handle: ServerHandle,
    hup: Option<Hangup>,
}

#[cfg(unix)]
type Hangup = tokio::signal::unix::Signal;
#[cfg(not(unix))]
type Hangup = ();

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("addr", &self.listener.local_addr().ok())
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Checks the configuration and binds the address.
    pub async fn bind(config: ServerConfig) -> Result<Server, ServeError> {
        // An empty token is no token.
        let has_token = config.token.as_deref().is_some_and(|t| !t.is_empty());
        if !config.addr.ip().is_loopback() && !has_token && !config.no_auth {
            return Err(ServeError::new(ServeErrorKind::NeedsAuth { addr: config.addr }));
        }
        let (addr, reload_on_sighup) = (config.addr, config.reload_on_sighup);
        let (app, handle) = router(config)?;
        let listener = tokio::net::TcpListener::bind(addr).await?;
        // The handler is installed here, so that a SIGHUP sent once `bind`
        // has returned reloads rather than ends the process.
        #[cfg(unix)]
        let hup = if reload_on_sighup {
            Some(tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())?)
        } else {
            None
        };
        #[cfg(not(unix))]
        let hup = {
            let _ = reload_on_sighup;
            None
        };
        Ok(Server {
            listener,
            app,
            handle,
            hup,
        })
    }

    /// The address bound (the port chosen, for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// A handle for reloading.
    pub fn handle(&self) -> ServerHandle {
        self.handle.clone()
    }

    /// Serves until `shutdown` completes, then stops accepting and waits
    /// for the requests in flight to finish.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<(), ServeError> {
        let hup = self
            .hup
            .map(|signal| tokio::spawn(reload_on_hup(signal, self.handle.clone())));
        let result = axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await;
        if let Some(h) = hup {
            h.abort();
        }
        result.map_err(ServeError::from)
    }
}

/// Binds `config.addr` and serves until `shutdown` completes, finishing
/// the requests in flight.
pub async fn serve(
    config: ServerConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    Server::bind(config).await?.run(shutdown).await
}

/// Completes on SIGTERM or Ctrl-C (SIGINT): the usual `shutdown` for
/// [`serve`].
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

#[cfg(unix)]
async fn reload_on_hup(mut hup: Hangup, handle: ServerHandle) {
    while hup.recv().await.is_some() {
        // The library prints nothing: a failed reload keeps the previous
        // linter, and /healthz and ServerHandle::last_reload_error tell why.
        let _ = handle.reload().await;
    }
}

#[cfg(not(unix))]
async fn reload_on_hup(_hup: Hangup, _handle: ServerHandle) {}
