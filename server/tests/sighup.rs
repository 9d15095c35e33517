//! SIGHUP reloads the linter (a test binary of its own: the signal goes to
//! the whole process).
#![cfg(unix)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::Running;
use jiaodui_server::ServerConfig;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads() {
    let builds = Arc::new(AtomicUsize::new(0));
    let b = builds.clone();
    let mut config = ServerConfig::new(jiaodui::Linter::new());
    config.reload = Some(Arc::new(move || {
        b.fetch_add(1, Ordering::SeqCst);
        Ok(jiaodui::Linter::new())
    }));
    config.reload_on_sighup = true;
    let s = Running::start(config).await;
    let status = std::process::Command::new("kill")
        .args(["-HUP", &std::process::id().to_string()])
        .status()
        .expect("kill(1) is on every Unix");
    assert!(status.success());
    let start = Instant::now();
    while s.handle.generation() < 2 {
        assert!(start.elapsed() < Duration::from_secs(10), "SIGHUP did not reload");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(builds.load(Ordering::SeqCst), 1);
    s.stop().await;
}
