//! A small load generator for `/v1/check` on loopback: latency
//! percentiles with N concurrent clients, and the server's memory.
//!
//! ```sh
//! cargo run --release -p jiaodui-server --example serve -- 127.0.0.1:8080 &
//! cargo run --release -p jiaodui-server --example load -- \
//!     --url http://127.0.0.1:8080/v1/check --file server/tests/fixtures/article.txt \
//!     --concurrency 50 --requests 5000 --pid $!
//! ```
//!
//! Bounded: it stops after `--requests` requests or `--max-seconds`
//! seconds (default 120), whichever comes first. Only loopback URLs are
//! accepted.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Args {
    url: String,
    file: String,
    concurrency: usize,
    requests: usize,
    max_seconds: u64,
    pid: Option<u32>,
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "load: {msg}\nusage: load --url http://127.0.0.1:PORT/v1/check --file TEXT [--concurrency N] [--requests N] \
         [--max-seconds S] [--pid SERVER_PID]"
    );
    std::process::exit(2)
}

fn args() -> Args {
    let mut a = Args {
        url: String::new(),
        file: String::new(),
        concurrency: 1,
        requests: 1000,
        max_seconds: 120,
        pid: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut v = || it.next().unwrap_or_else(|| usage(&format!("{k} needs a value")));
        match k.as_str() {
            "--url" => a.url = v(),
            "--file" => a.file = v(),
            "--concurrency" => a.concurrency = v().parse().unwrap_or_else(|_| usage("--concurrency: a number")),
            "--requests" => a.requests = v().parse().unwrap_or_else(|_| usage("--requests: a number")),
            "--max-seconds" => a.max_seconds = v().parse().unwrap_or_else(|_| usage("--max-seconds: a number")),
            "--pid" => a.pid = Some(v().parse().unwrap_or_else(|_| usage("--pid: a number"))),
            _ => usage(&format!("unknown argument {k}")),
        }
    }
    let host = a
        .url
        .strip_prefix("http://")
        .and_then(|r| r.split(['/', ':']).next())
        .unwrap_or("");
    if !(host == "localhost" || host.starts_with("127.") || host == "[") {
        usage("the URL must be http:// on loopback (127.0.0.0/8 or localhost)");
    }
    if a.file.is_empty() {
        usage("--file is required");
    }
    a.concurrency = a.concurrency.max(1);
    a
}

/// The server's resident set (VmRSS) and its peak (VmHWM), in KiB.
fn rss(pid: u32) -> Option<(u64, u64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        s.lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<u64>()
            .ok()
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let a = args();
    let text = std::fs::read_to_string(&a.file).unwrap_or_else(|e| usage(&format!("{}: {e}", a.file)));
    let body = serde_json::to_vec(&serde_json::json!({ "text": text })).unwrap();
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(a.concurrency)
        .build()
        .unwrap();

    // Warm-up: connections, caches, the linter's first use.
    for _ in 0..10 {
        let r = client
            .post(&a.url)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await;
        match r {
            Ok(r) if r.status().is_success() => {
                let _ = r.bytes().await;
            }
            Ok(r) => usage(&format!("the server answered {} to the warm-up", r.status())),
            Err(e) => usage(&format!("cannot reach {}: {e}", a.url)),
        }
    }
    let rss_before = a.pid.and_then(rss);

    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(a.requests)));
    let failures = Arc::new(Mutex::new(std::collections::BTreeMap::<String, usize>::new()));
    let deadline = Instant::now() + Duration::from_secs(a.max_seconds);
    let peak = Arc::new(AtomicUsize::new(0));
    let sampler = a.pid.map(|pid| {
        let peak = peak.clone();
        tokio::spawn(async move {
            loop {
                if let Some((now, _)) = rss(pid) {
                    peak.fetch_max(now as usize, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    });
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..a.concurrency {
        let (client, url, body) = (client.clone(), a.url.clone(), body.clone());
        let (next, latencies, failures) = (next.clone(), latencies.clone(), failures.clone());
        let total = a.requests;
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while next.fetch_add(1, Ordering::Relaxed) < total && Instant::now() < deadline {
                let t = Instant::now();
                let r = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .send()
                    .await;
                let outcome = match r {
                    Ok(r) if r.status().is_success() => r.bytes().await.map(|_| ()).map_err(|e| e.to_string()),
                    Ok(r) => Err(r.status().to_string()),
                    Err(e) => Err(e.to_string()),
                };
                match outcome {
                    Ok(()) => mine.push(t.elapsed()),
                    Err(e) => *failures.lock().unwrap().entry(e).or_default() += 1,
                }
            }
            latencies.lock().unwrap().extend(mine);
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed();
    if let Some(s) = sampler {
        s.abort();
    }
    let mut l = latencies.lock().unwrap().clone();
    l.sort();
    println!(
        "{} requests of {} characters, {} concurrent, in {:.1} s: {:.0} requests/s",
        l.len(),
        text.chars().count(),
        a.concurrency,
        elapsed.as_secs_f64(),
        l.len() as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency p50 {}  p90 {}  p99 {}  max {}",
        ms(percentile(&l, 0.50)),
        ms(percentile(&l, 0.90)),
        ms(percentile(&l, 0.99)),
        ms(l.last().copied().unwrap_or_default())
    );
    let failures = failures.lock().unwrap();
    if !failures.is_empty() {
        println!("failures: {failures:?}");
    }
    if let (Some(pid), Some((before, _))) = (a.pid, rss_before) {
        let hwm = rss(pid).map_or(0, |(_, h)| h);
        println!(
            "server RSS: {} MiB before the load, {} MiB peak during it (VmHWM {} MiB)",
            before / 1024,
            peak.load(Ordering::Relaxed) / 1024,
            hwm / 1024
        );
    }
}
