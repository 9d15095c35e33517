//! A server on an ephemeral loopback port for a test.
#![allow(dead_code)] // each test binary uses a part

use jiaodui_server::{Server, ServerConfig, ServerHandle};

pub struct Running {
    pub url: String,
    pub handle: ServerHandle,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), jiaodui_server::ServeError>>>,
}

impl Running {
    pub async fn start(mut config: ServerConfig) -> Running {
        config.addr = "127.0.0.1:0".parse().unwrap();
        let server = Server::bind(config).await.unwrap();
        let url = format!("http://{}", server.local_addr());
        let handle = server.handle();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(server.run(async {
            stopped.await.ok();
        }));
        Running {
            url,
            handle,
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub async fn default() -> Running {
        Running::start(ServerConfig::new(jiaodui::Linter::new())).await
    }

    /// Asks for a graceful shutdown and waits for it.
    pub async fn stop(mut self) {
        self.stop.take().unwrap().send(()).ok();
        self.task.take().unwrap().await.unwrap().unwrap();
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }
}
