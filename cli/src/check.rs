//! `jiaodui check`: the inputs, their configurations and linters, then
//! every input through [`crate::pipeline`] in parallel, the
//! output in input order.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use jiaodui::config::{self, Config, FileType};
use jiaodui::{DocumentKind, Linter, LinterBuilder};
use rayon::prelude::*;

use crate::args::{CheckArgs, Color};
use crate::input::{self, Source};
use crate::output::{self, Style, Totals};
use crate::pipeline::{self, FileResult, Input, Mode, Settings};

/// Loaded configuration files, each loaded once.
#[derive(Default)]
struct Configs(HashMap<PathBuf, Arc<Config>>);

impl Configs {
    fn load(&mut self, path: PathBuf) -> Result<Arc<Config>, jiaodui::Error> {
        if let Some(c) = self.0.get(&path) {
            return Ok(c.clone());
        }
        let c = Arc::new(Config::load(&path)?);
        self.0.insert(path, c.clone());
        Ok(c)
    }
}

/// An input with its configuration and linter.
struct Planned {
    source: Source,
    config: Option<Arc<Config>>,
    name: String,
    kind: DocumentKind,
    /// Its linter, in `linters`.
    linter: usize,
}

/// The command line's options on top of a configuration's.
fn add_options(mut b: LinterBuilder, args: &CheckArgs) -> LinterBuilder {
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
    b
}

fn build_linter(args: &CheckArgs, config: Option<&Config>, kind: DocumentKind) -> Result<Linter, jiaodui::Error> {
    let base = config.map_or_else(Linter::builder, |c| c.linter_builder(kind));
    add_options(base, args).build()
}

/// Prints an error that stops the run.
fn fatal(e: impl std::fmt::Display) -> io::Result<ExitCode> {
    eprintln!("jiaodui: error: {e}");
    Ok(ExitCode::from(2))
}

pub fn run(args: CheckArgs) -> io::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = Vec::new();
    let found = input::expand(&paths, &mut errors);
    let mut configs = Configs::default();
    let explicit = match (&args.config, args.no_config) {
        (Some(p), _) => match configs.load(p.clone()) {
            Ok(c) => Some(c),
            Err(e) => return fatal(e),
        },
        _ => None,
    };
    let input_type = args.input_type.map(DocumentKind::from);
    let mut planned = Vec::new();
    for (source, walked) in found {
        let config = if args.no_config {
            None
        } else if explicit.is_some() {
            explicit.clone()
        } else {
            let start = match &source {
                Source::Stdin => PathBuf::from("."),
                Source::File(p) => p.clone(),
            };
            match Config::find(&start).map(|p| configs.load(p)).transpose() {
                Ok(c) => c,
                Err(e) => return fatal(e),
            }
        };
        if let (true, Some(c), Source::File(p)) = (walked, &config, &source) {
            if !c.selects(p) {
                continue;
            }
        }
        let (name, kind) = pipeline::name_and_kind(&source, args.stdin_filename.as_ref(), input_type);
        planned.push(Planned {
            source,
            config,
            name,
            kind,
            linter: 0,
        });
    }
    // One linter per configuration and file type.
    let mut linters: Vec<Linter> = Vec::new();
    let mut index: HashMap<(Option<PathBuf>, FileType), usize> = HashMap::new();
    for p in &mut planned {
        let key = (
            p.config.as_ref().and_then(|c| c.path().map(PathBuf::from)),
            FileType::from(p.kind),
        );
        p.linter = match index.get(&key) {
            Some(&i) => i,
            None => match build_linter(&args, p.config.as_deref(), p.kind) {
                Ok(l) => {
                    linters.push(l);
                    index.insert(key, linters.len() - 1);
                    linters.len() - 1
                }
                Err(e) => return fatal(e),
            },
        };
    }
    if linters.is_empty() {
        // Nothing to check; still report a bad command-line dictionary.
        if let Err(e) = build_linter(&args, None, DocumentKind::Text) {
            return fatal(e);
        }
    }
    let settings = Settings {
        mode: match (args.fix, args.diff) {
            (true, _) => Mode::Fix,
            (_, true) => Mode::Diff,
            _ => Mode::Check,
        },
        format: args.format,
        style: Style {
            color: match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            },
        },
    };
    for (source, e) in &errors {
        eprintln!("jiaodui: error: {source}: {e}");
    }
    // Files are checked in parallel on all cores; the output keeps their order.
    let progress = (io::stderr().is_terminal() && planned.len() >= 200).then(|| {
        let bar = indicatif::ProgressBar::new(planned.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let results: Vec<FileResult> = planned
        .par_iter()
        .map(|p| {
            let fail_on = args
                .fail_on
                .map(config::FailOn::from)
                .or_else(|| p.config.as_ref().and_then(|c| c.fail_on()))
                .unwrap_or(config::FailOn::Warning);
            let input = Input {
                source: &p.source,
                name: p.name.clone(),
                kind: p.kind,
                linter: &linters[p.linter],
                threshold: fail_on.threshold(),
            };
            let r = pipeline::process(&input, settings);
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            r
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    collate(results, settings, planned.len(), !errors.is_empty())
}

/// Writes the results in input order, ends the output, and gives the exit
/// status: 2 on any error, else 1 when a finding fails the run.
fn collate(
    results: Vec<FileResult>,
    settings: Settings,
    files_checked: usize,
    mut had_error: bool,
) -> io::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failing = false;
    let mut fixed = 0usize;
    let mut totals = Totals {
        findings: 0,
        files_with_findings: 0,
        files_checked,
    };
    let mut records = Vec::new();
    for r in results {
        out.write_all(&r.stdout)?;
        if !r.stderr.is_empty() {
            out.flush()?;
            for e in &r.stderr {
                eprintln!("{e}");
            }
        }
        failing |= r.failing;
        totals.findings += r.findings;
        totals.files_with_findings += usize::from(r.findings > 0);
        fixed += usize::from(r.fixed);
        had_error |= !r.stderr.is_empty();
        records.extend(r.records);
    }
    output::finish(settings.format, &mut out, &records, &totals)?;
    if settings.mode == Mode::Fix && fixed > 0 {
        eprintln!("jiaodui: fixed {fixed} files");
    }
    out.flush()?;
    Ok(if had_error {
        ExitCode::from(2)
    } else if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
