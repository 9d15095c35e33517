//! `jiaodui serve`: the proofreading page and the HTTP API of
//! `jiaodui-server`, with the linter that `check` would build from the
//! configuration and the options; SIGHUP or `POST /admin/reload` builds it
//! again from the same sources.

use std::io;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use jiaodui::{Config, DocumentKind, Linter};
use jiaodui_server::{shutdown_signal, Server, ServerConfig};

use crate::args::{LinterArgs, ServeArgs};

/// The linter of the configuration (the one found from the current
/// directory unless named or refused) and the options on top, with the
/// settings for plain text.
pub fn build_linter(args: &LinterArgs) -> Result<Linter, String> {
    let config = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(p), _) => Some(Config::load(p).map_err(|e| e.to_string())?),
        (None, false) => Config::discover(".").map_err(|e| e.to_string())?,
    };
    let mut b = config.map_or_else(Linter::builder, |c| c.linter_builder(DocumentKind::Text));
    if let Some(lm) = &args.lm {
        b = b.language_model_file(lm);
    }
    for w in &args.word_lists {
        b = b.word_list_file(w);
    }
    if let Some(leaders) = &args.leaders {
        b = b.leaders_file(leaders);
    }
    for l in &args.laws {
        b = b.laws_file(l);
    }
    for d in &args.dictionaries {
        b = b.dictionary_file(d);
    }
    for a in &args.allow {
        b = b.allow(a.clone());
    }
    for r in &args.disable {
        b = b.disable(r);
    }
    b.build().map_err(|e| e.to_string())
}

pub fn run(args: ServeArgs) -> io::Result<ExitCode> {
    let linter = match build_linter(&args.linter) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("jiaodui: error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut config = ServerConfig::new(linter);
    config.addr = args.addr;
    config.token = args.token.clone();
    config.no_auth = args.no_auth;
    config.cors_origins = args.cors_origins.clone();
    config.limits.max_body_bytes = args.max_body_bytes;
    config.limits.max_text_chars = args.max_text_chars;
    config.limits.max_concurrent_checks = args.max_concurrent.max(1);
    config.limits.check_timeout = Duration::from_secs(args.timeout.max(1));
    let sources = args.linter.clone();
    config.reload = Some(Arc::new(move || build_linter(&sources)));
    config.reload_on_sighup = true;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let server = match Server::bind(config).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("jiaodui: error: {e}");
                return Ok(ExitCode::from(2));
            }
        };
        eprintln!(
            "jiaodui: 校对页面 http://{}/ （API: /v1/check, LanguageTool: /v2/check; Ctrl-C 停止）",
            server.local_addr()
        );
        match server.run(shutdown_signal()).await {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(e) => {
                eprintln!("jiaodui: error: {e}");
                Ok(ExitCode::from(1))
            }
        }
    })
}
