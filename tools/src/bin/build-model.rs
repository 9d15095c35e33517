//! Builds the contextual model from a corpus (one sentence a line, plain or
//! .gz), byte-for-byte reproducibly:
//!
//! ```sh
//! cargo run --release -p jiaodui-tools --bin build-model -- \
//!     --min-counts 2,3,4 -o model/jiaodui.ctx ../shared/corpus/*.txt.gz
//! ```
//!
//! The confusion sets are computed here too (pinyin, the listed shape pairs
//! of `dictionaries/shape-similar.tsv`, Unihan radical-stroke) and stored in
//! the file; `--no-confusions` leaves them out (a user model).

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use jiaodui::__ctx::{BuildOptions, ContextModel, Counter};

const USAGE: &str = "usage: build-model [--min-counts A,B,C] [--no-confusions] [--shape FILE] -o OUT CORPUS...";

/// Characters counted at least this often may be suggested (every
/// character counted gets a confusion set).
const MIN_CHAR_COUNT: u64 = 20;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build-model: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut min_counts = [2u32, 3, 4];
    let mut confusions = true;
    let mut shape = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../dictionaries/shape-similar.tsv"
    ));
    let mut inputs: Vec<PathBuf> = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" => out = Some(args.next().ok_or("-o takes a file")?.into()),
            "--min-counts" => {
                let v = args.next().ok_or("--min-counts takes A,B,C")?;
                let parts: Vec<u32> = v.split(',').filter_map(|x| x.parse().ok()).collect();
                min_counts = parts
                    .try_into()
                    .map_err(|_| "--min-counts takes three numbers, A,B,C")?;
            }
            "--no-confusions" => confusions = false,
            "--shape" => shape = args.next().ok_or("--shape takes a file")?.into(),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => inputs.push(a.into()),
        }
    }
    let out = out.ok_or("no output file (-o)")?;
    if inputs.is_empty() {
        return Err("no corpus file".into());
    }
    let started = Instant::now();
    let mut counter = Counter::new();
    let mut freq: HashMap<char, u64> = HashMap::new();
    for path in &inputs {
        jiaodui_tools::for_each_line(path, |line| {
            counter.add(line);
            if confusions {
                for c in line.chars() {
                    *freq.entry(c).or_default() += 1;
                }
            }
        })
        .map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!(
            "{}: {} Han characters so far, {:.1} s",
            path.display(),
            counter.characters(),
            started.elapsed().as_secs_f64()
        );
    }
    let mut sets = Vec::new();
    if confusions {
        let mut common: Vec<(char, u64)> = freq.into_iter().filter(|&(c, _)| is_han(c)).collect();
        common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let tsv = std::fs::read_to_string(&shape).map_err(|e| format!("{}: {e}", shape.display()))?;
        sets = jiaodui_tools::confusion_sets(&common, &tsv, MIN_CHAR_COUNT);
        eprintln!(
            "confusion sets of {} characters, {} entries",
            sets.len(),
            sets.iter().map(|s| s.1.len()).sum::<usize>()
        );
    }
    let bytes = counter.finish(&BuildOptions {
        min_counts,
        confusions: sets,
    });
    let model = ContextModel::from_bytes(bytes.clone()).map_err(|e| format!("the model written does not load: {e}"))?;
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    let info = model.info();
    eprintln!(
        "{}: {} bytes; vocabulary {}, n-grams {:?} (min counts {:?}), {} confusions; {:.1} s, peak memory {} MiB",
        out.display(),
        info.bytes,
        info.vocabulary,
        info.ngrams,
        info.min_counts,
        info.confusions,
        started.elapsed().as_secs_f64(),
        jiaodui_tools::peak_rss() >> 20
    );
    Ok(())
}

fn is_han(c: char) -> bool {
    let cp = c as u32;
    (0x4E00..=0x9FFF).contains(&cp) || matches!(cp, 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}
