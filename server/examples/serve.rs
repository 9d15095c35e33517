//! Serves the page and the API on the built-in dictionaries, for trying the
//! server before `jiaodui serve` exists:
//!
//! ```sh
//! cargo run --release -p jiaodui-server --example serve -- [ADDR] [--token TOKEN | --no-auth]
//! ```
use jiaodui_server::{shutdown_signal, ServerConfig};

#[tokio::main]
async fn main() {
    let mut config = ServerConfig::new(jiaodui::Linter::new());
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--token" => config.token = args.next(),
            "--no-auth" => config.no_auth = true,
            addr => match addr.parse() {
                Ok(addr) => config.addr = addr,
                Err(e) => {
                    eprintln!("serve: {addr:?} is not an address like 127.0.0.1:8080: {e}");
                    std::process::exit(2);
                }
            },
        }
    }
    config.reload = Some(std::sync::Arc::new(|| Ok(jiaodui::Linter::new())));
    config.reload_on_sighup = true;
    let server = match jiaodui_server::Server::bind(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("serve: {e}");
            std::process::exit(2);
        }
    };
    eprintln!("jiaodui: http://{}/ (Ctrl-C to stop)", server.local_addr());
    if let Err(e) = server.run(shutdown_signal()).await {
        eprintln!("serve: {e}");
        std::process::exit(1);
    }
}
