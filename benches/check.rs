//! Throughput of `Linter::check` (MB/s) and the load time of the built-in
//! dictionaries.
//!
//! `cargo bench --bench check`. The clean government prose of
//! `../shared/eval/clean/` is measured when that folder exists.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jiaodui::Linter;

fn inputs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = std::fs::read_to_string(root.join("examples/draft.md")).expect("examples/draft.md");
    // About 1 MB of the shipped sample.
    let mut out = vec![("sample-draft".to_string(), sample.repeat(1_000_000 / sample.len() + 1))];
    let clean = root.join("../shared/eval/clean");
    match std::fs::read_dir(&clean) {
        Ok(entries) => {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
                let name = p.file_stem().unwrap().to_string_lossy().into_owned();
                out.push((name, std::fs::read_to_string(&p).unwrap()));
            }
        }
        Err(_) => eprintln!("{} is absent: measuring the shipped sample only", clean.display()),
    }
    out
}

fn check(c: &mut Criterion) {
    let default = Linter::new();
    // The listed-typo rule alone (issue 2's rule set).
    let mut typo_only = Linter::builder();
    for r in jiaodui::rules().iter().filter(|r| r.id != "typo.word") {
        typo_only = typo_only.disable(r.id);
    }
    let typo_only = typo_only.build().unwrap();
    let texts = inputs();
    for (group_name, linter) in [("check", &default), ("check-typo-word", &typo_only)] {
        let mut group = c.benchmark_group(group_name);
        group.sample_size(20);
        for (name, text) in &texts {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
                b.iter(|| linter.check(text))
            });
        }
        group.finish();
    }
}

/// A deterministic list of 50,000 words of two to four characters drawn
/// from the whole CJK Unified Ideographs block, as a stand-in for an
/// office's sensitive-word list (real lists are mostly rare combinations;
/// listing every pair of common characters would match everywhere).
fn word_list() -> String {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = String::new();
    for _ in 0..50_000 {
        let len = 2 + (next() % 3) as usize;
        for _ in 0..len {
            out.push(char::from_u32(0x4E00 + (next() % 0x51A6) as u32).unwrap_or('一'));
        }
        out.push_str("\t测试\terror\t\n");
    }
    out
}

fn sensitive(c: &mut Criterion) {
    let list = word_list();
    c.bench_function("build/word-list-50k", |b| {
        b.iter(|| Linter::builder().word_list("50k", list.as_str()).build().unwrap())
    });
    // The sensitive-word pass alone, and with the default rule set.
    let mut only = Linter::builder().word_list("50k", list.as_str());
    for r in jiaodui::rules().iter().filter(|r| r.id != "sensitive.word") {
        only = only.disable(r.id);
    }
    let only = only.build().unwrap();
    let all = Linter::builder().word_list("50k", list.as_str()).build().unwrap();
    let texts = inputs();
    for (group_name, linter) in [("sensitive-50k-only", &only), ("check-with-sensitive-50k", &all)] {
        let mut group = c.benchmark_group(group_name);
        group.sample_size(10);
        for (name, text) in texts
            .iter()
            .filter(|(n, _)| n.starts_with("provincial") || n.starts_with("sample"))
        {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
                b.iter(|| linter.check(text))
            });
        }
        group.finish();
    }
}

fn load(c: &mut Criterion) {
    c.bench_function("load/builtin", |b| b.iter(jiaodui::__private::load_builtin));
}

criterion_group!(benches, check, load, sensitive);
criterion_main!(benches);
