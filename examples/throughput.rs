//! Where the time of `Linter::check` goes: the best of N runs of the
//! default rule set on a file, and what turning off each costly rule family
//! saves. The runs interleave, so a slow spell of a shared machine touches
//! every row alike.
//!
//! `cargo run --release --example throughput -- FILE [RUNS]`
//!
//! With RUNS 0 it checks the file once with the default rule set and prints
//! nothing else: a driver for profilers (`valgrind --tool=callgrind
//! --toggle-collect='jiaodui::linter::Linter::check' target/release/examples/throughput FILE 0`).

use jiaodui::Linter;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: throughput FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    if runs == 0 {
        let findings = Linter::new().check(&text).len();
        println!("{path}: {findings} findings");
        return;
    }
    let without = |prefixes: &[&str]| {
        let mut b = Linter::builder();
        for r in jiaodui::rules()
            .iter()
            .filter(|r| prefixes.iter().any(|p| r.id.starts_with(p)))
        {
            b = b.disable(r.id);
        }
        b.build().expect("built-in rules")
    };
    let hygiene = [
        "char.",
        "encoding.",
        "script.",
        "punct.",
        "number.",
        "repeat.",
        "privacy.",
    ];
    let rows: Vec<(&str, Linter)> = vec![
        ("default rule set", Linter::new()),
        ("without typo.confusable", without(&["typo.confusable"])),
        ("without idiom.near-miss", without(&["idiom."])),
        ("without formulation.*", without(&["formulation."])),
        ("without the hygiene rules", without(&hygiene)),
    ];
    let mut best = vec![f64::MAX; rows.len()];
    for _ in 0..runs {
        for (k, (_, linter)) in rows.iter().enumerate() {
            let t = std::time::Instant::now();
            std::hint::black_box(linter.check(&text));
            best[k] = best[k].min(t.elapsed().as_secs_f64());
        }
    }
    let mib = text.len() as f64 / 1048576.0;
    println!("{path}: {:.2} MiB, best of {runs} runs", mib);
    for (k, (name, _)) in rows.iter().enumerate() {
        println!(
            "  {name:28} {:6.1} MiB/s  {:5.2} ms/MiB  ({:+.2} ms/MiB)",
            mib / best[k],
            best[k] * 1e3 / mib,
            (best[k] - best[0]) * 1e3 / mib
        );
    }
}
