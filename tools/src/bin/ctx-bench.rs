//! Speed of the contextual model: load times, the gate filter's
//! derivation, and the detector's throughput (best of N runs) beside
//! `Linter::check` with the default rule set, on each file given:
//!
//! ```sh
//! cargo run --release -p jiaodui-tools --bin ctx-bench -- 5 ../shared/eval/clean/*.txt
//! ```

use std::time::Instant;

use jiaodui::__ctx::{ContextModel, Detector};
use jiaodui::Linter;

fn main() {
    let mut args = std::env::args().skip(1);
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let files: Vec<String> = args.collect();
    let t = Instant::now();
    let m = ContextModel::builtin();
    let load = t.elapsed();
    let t = Instant::now();
    let v = ContextModel::builtin_verified().expect("valid");
    let verified = t.elapsed();
    let t = Instant::now();
    let filter = v.filter_bytes();
    let derive = t.elapsed();
    println!(
        "load in place {:.3} ms; with the checksum {:.3} ms; gate filter derived in {:.1} ms ({} KiB); model {} bytes",
        load.as_secs_f64() * 1e3,
        verified.as_secs_f64() * 1e3,
        derive.as_secs_f64() * 1e3,
        filter >> 10,
        m.info().bytes
    );
    let det = Detector::new(&m);
    let linter = Linter::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable");
        let mib = text.len() as f64 / 1048576.0;
        let best = |g: &dyn Fn() -> usize| {
            (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(g());
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min)
        };
        let d = best(&|| det.check(&text).len());
        let l = best(&|| linter.check(&text).len());
        let name = f.rsplit('/').next().unwrap_or(&f);
        println!(
            "{name}: {mib:.2} MiB; detector {:.1} MiB/s ({:.1} ms/MiB); default rule set {:.1} MiB/s ({:.1} ms/MiB); both {:.1} MiB/s",
            mib / d,
            d * 1e3 / mib,
            mib / l,
            l * 1e3 / mib,
            mib / (d + l)
        );
    }
}
