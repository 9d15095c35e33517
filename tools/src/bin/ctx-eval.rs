//! Measures the contextual detector alone (no guards) with the metrics of
//! `eval/src/main.rs` (../shared/eval/README.md):
//!
//! ```sh
//! cargo run --release -p jiaodui-tools --bin ctx-eval -- \
//!     ../shared/eval/labelled/*.tsv ../shared/eval/clean/*.txt
//! ```
//!
//! * labelled (`source<TAB>target` lines): sentence detection P/R/F1
//!   (strict), loose, char detection and char correction (first
//!   suggestion), with the counts behind each ratio; `--show N` lists
//!   misses by class (not confusable, gate closed, score too low) and false
//!   alarms;
//! * clean prose: findings per 10,000 characters, and throughput.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use jiaodui::__ctx::{ContextModel, Detector, Explanation, Finding, Gate, Thresholds};

const USAGE: &str = "usage: ctx-eval [--model FILE] [--user FILE] [--user-weight W] [--single T] [--pair T] \
[--word W] [--gate centred|side|bigram] [--sweep T,T,...] [--show N] FILE...";

struct Options {
    model: Option<PathBuf>,
    user: Option<PathBuf>,
    user_weight: f64,
    thresholds: Thresholds,
    sweep: Vec<f32>,
    show: usize,
    files: Vec<PathBuf>,
}

fn parse() -> Result<Options, String> {
    let mut o = Options {
        model: None,
        user: None,
        user_weight: 0.3,
        thresholds: Thresholds::default(),
        sweep: Vec::new(),
        show: 0,
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    let num = |v: Option<String>, what: &str| -> Result<f32, String> {
        v.and_then(|s| s.parse().ok()).ok_or(format!("{what} takes a number"))
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => o.model = Some(args.next().ok_or("--model takes a file")?.into()),
            "--user" => o.user = Some(args.next().ok_or("--user takes a file")?.into()),
            "--user-weight" => o.user_weight = f64::from(num(args.next(), "--user-weight")?),
            "--single" => o.thresholds.single = num(args.next(), "--single")?,
            "--pair" => o.thresholds.pair = num(args.next(), "--pair")?,
            "--word" => o.thresholds.word = num(args.next(), "--word")?,
            "--pair-unknown" => o.thresholds.pair_unknown = true,
            "--gate" => {
                o.thresholds.gate = match args.next().as_deref() {
                    Some("centred") => Gate::Centred,
                    Some("side") => Gate::Side,
                    Some("bigram") => Gate::Bigram,
                    _ => return Err("--gate takes centred, side or bigram".into()),
                }
            }
            "--show" => o.show = num(args.next(), "--show")? as usize,
            "--sweep" => {
                o.sweep = args
                    .next()
                    .ok_or("--sweep takes T,T,...")?
                    .split(',')
                    .map(|x| x.parse().map_err(|_| format!("--sweep: {x} is no number")))
                    .collect::<Result<_, _>>()?
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => o.files.push(a.into()),
        }
    }
    if o.files.is_empty() {
        return Err("no FILE".into());
    }
    Ok(o)
}

fn main() -> ExitCode {
    let o = match parse() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("ctx-eval: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let load = |p: &PathBuf| -> Result<ContextModel, String> {
        let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
        ContextModel::from_bytes(bytes).map_err(|e| format!("{}: {e}", p.display()))
    };
    let mut model = match &o.model {
        Some(p) => match load(p) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("ctx-eval: {e}");
                return ExitCode::from(2);
            }
        },
        None => ContextModel::builtin(),
    };
    if let Some(p) = &o.user {
        match load(p) {
            Ok(u) => model = model.with_user(&u, o.user_weight),
            Err(e) => {
                eprintln!("ctx-eval: {e}");
                return ExitCode::from(2);
            }
        }
    }
    println!("model: {:?}", model.info());
    let sweep = if o.sweep.is_empty() {
        vec![o.thresholds.single]
    } else {
        o.sweep.clone()
    };
    let mut texts = Vec::new();
    for f in &o.files {
        match std::fs::read_to_string(f) {
            Ok(t) => texts.push((
                f.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                t,
            )),
            Err(e) => {
                eprintln!("ctx-eval: {}: {e}", f.display());
                return ExitCode::from(2);
            }
        }
    }
    for &single in &sweep {
        let t = Thresholds { single, ..o.thresholds };
        println!("== thresholds {t:?}");
        let det = Detector::new(&model).with_thresholds(t);
        for (name, text) in &texts {
            let pairs: Option<Vec<(&str, &str)>> = text
                .lines()
                .filter(|l| !l.is_empty())
                .map(|l| l.split_once('\t'))
                .collect();
            match pairs {
                Some(p) if !p.is_empty() => print!("{}", labelled(&det, name, &p, o.show)),
                _ => print!("{}", clean(&det, name, text, o.show)),
            }
        }
    }
    ExitCode::SUCCESS
}

/// Positions a finding flags and the character proposed for each (as in
/// eval/src/main.rs: where the first suggestion has the span's length, the
/// positions where they differ).
fn flagged(text: &str, f: &Finding) -> Vec<(usize, Option<char>)> {
    let start = text[..f.span.start].chars().count();
    let found: Vec<char> = f.found.chars().collect();
    match f.suggestions.first().map(|s| s.text.chars().collect::<Vec<char>>()) {
        Some(s) if s.len() == found.len() => (0..found.len())
            .filter(|&i| found[i] != s[i])
            .map(|i| (start + i, Some(s[i])))
            .collect(),
        _ => (0..found.len()).map(|i| (start + i, None)).collect(),
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn prf(tp: usize, predicted: usize, gold: usize) -> String {
    let (p, r) = (ratio(tp, predicted), ratio(tp, gold));
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    format!("P {p:.3}  R {r:.3}  F1 {f:.3}  ({tp} / {predicted} predicted / {gold} gold)")
}

fn labelled(det: &Detector, name: &str, pairs: &[(&str, &str)], show: usize) -> String {
    let started = Instant::now();
    let (mut sentences, mut erroneous, mut with_findings, mut loose, mut exact, mut exact_corr) = (0, 0, 0, 0, 0, 0);
    let (mut c_flag, mut c_gold, mut c_hit, mut c_corr, mut false_alarms) = (0, 0, 0, 0, 0);
    let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut bytes = 0usize;
    let mut detect_time = 0.0;
    for &(src, tgt) in pairs {
        let s: Vec<char> = src.chars().collect();
        let t: Vec<char> = tgt.chars().collect();
        if s.len() != t.len() {
            continue;
        }
        sentences += 1;
        bytes += src.len();
        let gold: BTreeMap<usize, char> = (0..s.len()).filter(|&i| s[i] != t[i]).map(|i| (i, t[i])).collect();
        let t0 = Instant::now();
        let findings = det.check(src);
        detect_time += t0.elapsed().as_secs_f64();
        let mut pred: BTreeMap<usize, Option<char>> = BTreeMap::new();
        for f in &findings {
            pred.extend(flagged(src, f));
        }
        let pp: BTreeSet<usize> = pred.keys().copied().collect();
        let gp: BTreeSet<usize> = gold.keys().copied().collect();
        if !gold.is_empty() {
            erroneous += 1;
            loose += usize::from(!findings.is_empty());
        } else {
            false_alarms += findings.len();
        }
        with_findings += usize::from(!findings.is_empty());
        let ex = !gold.is_empty() && pp == gp;
        exact += usize::from(ex);
        exact_corr += usize::from(ex && gold.iter().all(|(i, c)| pred[i] == Some(*c)));
        c_flag += pred.len();
        c_gold += gold.len();
        c_hit += pp.intersection(&gp).count();
        c_corr += gold.iter().filter(|(i, c)| pred.get(i) == Some(&Some(**c))).count();
        let desc = || {
            findings
                .iter()
                .map(|f| format!("{}→{}", f.found, f.suggestions.first().map_or("", |s| s.text.as_str())))
                .collect::<Vec<_>>()
                .join(" ")
        };
        // Each wrong position's class.
        for (&i, &right) in &gold {
            let class = match pred.get(&i) {
                Some(Some(c)) if *c == right => "flagged, right suggestion",
                Some(_) => "flagged, wrong suggestion",
                None => match det.explain(src, i, right) {
                    Explanation::NotConfusable => "miss: not in the confusion set",
                    Explanation::GateClosed => "miss: gate closed",
                    Explanation::ScoreTooLow(_) => "miss: score too low",
                    Explanation::Flagged(_) => "miss: another finding took it",
                    _ => "miss: other",
                },
            };
            *classes.entry(class).or_default() += 1;
            let list = examples.entry(class).or_default();
            if list.len() < show && class.starts_with("miss") {
                let mut marked = String::new();
                for (k, &c) in s.iter().enumerate() {
                    if k == i {
                        marked += &format!("[{c}→{right}]");
                    } else {
                        marked.push(c);
                    }
                }
                let detail = match det.explain(src, i, right) {
                    Explanation::ScoreTooLow(x) | Explanation::Flagged(x) => format!(" score {x:.1}"),
                    _ => String::new(),
                };
                list.push(format!("    {class}:{detail} {marked}   found: {}", desc()));
            }
        }
        for &i in pp.difference(&gp) {
            let class = if gold.is_empty() {
                "false alarm on a correct sentence"
            } else {
                "false alarm in a wrong sentence"
            };
            *classes.entry(class).or_default() += 1;
            let list = examples.entry(class).or_default();
            if list.len() < show {
                list.push(format!("    {class}: {src} (at {i})   found: {}", desc()));
            }
        }
    }
    let mut out = format!(
        "{name}: {sentences} sentences, {erroneous} with errors, {:.2} s, detector {:.1} MB/s\n",
        started.elapsed().as_secs_f64(),
        bytes as f64 / 1e6 / detect_time.max(1e-9)
    );
    for (label, tp, predicted, gold) in [
        ("sentence detection  ", exact, with_findings, erroneous),
        ("sentence correction ", exact_corr, with_findings, erroneous),
        ("sentence, loose     ", loose, with_findings, erroneous),
        ("char detection      ", c_hit, c_flag, c_gold),
        ("char correction     ", c_corr, c_flag, c_gold),
    ] {
        out += &format!("  {label} {}\n", prf(tp, predicted, gold));
    }
    out += &format!(
        "  first suggestion right for {} of {} correctly flagged chars ({:.3}); findings on correct sentences: {} in {}\n",
        c_corr,
        c_hit,
        ratio(c_corr, c_hit),
        false_alarms,
        sentences - erroneous
    );
    out += &format!(
        "  classes: {}\n",
        classes
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join("; ")
    );
    for list in examples.values() {
        for l in list {
            out += l;
            out.push('\n');
        }
    }
    out
}

fn clean(det: &Detector, name: &str, text: &str, show: usize) -> String {
    let (mut chars, mut total, mut bytes) = (0usize, 0usize, 0usize);
    let (mut gated, mut han) = (0, 0);
    let mut secs = 0.0;
    let mut examples = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with("# ")) {
        chars += line.chars().count();
        bytes += line.len();
        let (g, h) = det.gate_rate(line);
        gated += g;
        han += h;
        let t0 = Instant::now();
        let found = det.check(line);
        secs += t0.elapsed().as_secs_f64();
        for f in found {
            total += 1;
            if examples.len() < show {
                let from = line.floor_char_boundary(f.span.start.saturating_sub(24));
                let to = line.ceil_char_boundary((f.span.end + 24).min(line.len()));
                examples.push(format!(
                    "    {}→{} ({:.1}): …{}…",
                    f.found,
                    f.suggestions.first().map_or("", |s| s.text.as_str()),
                    f.suggestions.first().map_or(0.0, |s| s.score),
                    &line[from..to]
                ));
            }
        }
    }
    let mut out = format!(
        "{name}: {chars} characters, {total} findings = {:.3} per 10,000; gate open at {gated} of {han} Han ({:.3}); detector {:.1} MB/s ({:.1} ms/MiB)\n",
        ratio(total * 10_000, chars),
        ratio(gated, han),
        bytes as f64 / 1e6 / secs.max(1e-9),
        secs * 1e3 / (bytes as f64 / 1048576.0).max(1e-9)
    );
    for e in examples {
        out += &e;
        out.push('\n');
    }
    out
}
