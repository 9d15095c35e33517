//! `jiaodui`: the command-line proofreader. A thin layer over the library.

mod config;
mod extract;
mod fix;
mod input;
mod inspect;
mod output;
mod report;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use input::Source;
use jiaodui::{LineIndex, Linter, Severity};
use rayon::prelude::*;

use output::{Located, Style};

const EXAMPLES: &str = "\
Examples:
  jiaodui check examples/draft.md          check a file
  jiaodui check docs/                      check a directory (recursive, honours .gitignore)
  echo 请按装软件 | jiaodui check -         check standard input
  jiaodui check --format json posts/       one JSON object per finding
  jiaodui rules                            list every rule
  jiaodui lm build archive/ -o office.lm   build a language model from clean publications

Exit status: 0 nothing at or above --fail-on, 1 findings, 2 usage or I/O errors.";

#[derive(Parser)]
#[command(name = "jiaodui", version, about = "校对：发布前检查中文文本的错别字与表述错误", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files, directories or standard input (-).
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// List every rule with its id, default severity and an example.
    Rules,
    /// Language models for typo.confusable.
    #[command(subcommand)]
    Lm(LmCommand),
    /// The quarterly inspection of new-media accounts from their posts
    /// (JSON Lines: account, owner, level, platform, published_at, title,
    /// text or html, url, is_repost, source).
    Inspect(InspectArgs),
    /// Write a commented default jiaodui.toml in the current directory.
    Init,
    /// Print the JSON schema of jiaodui.toml.
    Schema,
}

#[derive(Subcommand)]
enum LmCommand {
    /// Build a character model from an archive of clean publications (files
    /// or directories), for `jiaodui check --lm FILE`.
    Build {
        /// Clean texts: files, or directories walked like `check` does.
        #[arg(required = true)]
        corpus: Vec<PathBuf>,
        /// Where to write the model.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(clap::Args)]
struct InspectArgs {
    /// Posts, JSON Lines.
    #[arg(required = true)]
    posts: Vec<PathBuf>,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long, value_parser = inspect::date)]
    from: chrono::NaiveDate,
    /// Last day of the period (YYYY-MM-DD).
    #[arg(long, value_parser = inspect::date)]
    to: chrono::NaiveDate,
    /// Accounts to inspect, also those without posts (JSON Lines or CSV:
    /// account, owner, level, platform).
    #[arg(long, value_name = "FILE")]
    accounts: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = InspectFormat::Md)]
    format: InspectFormat,
    /// Write the report here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Request every link of the posts and report the dead ones per account.
    #[arg(long)]
    check_links: bool,
    /// Seconds to wait for a link.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    link_timeout: u64,
    /// Links requested at a time.
    #[arg(long, value_name = "N", default_value_t = 8)]
    link_concurrency: usize,
    /// Use this configuration file ([inspect] grades and sources) instead of
    /// the jiaodui.toml found from the current directory.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every jiaodui.toml.
    #[arg(long)]
    no_config: bool,
    /// Also write the rectification list (CSV: account, owner, problem,
    /// evidence, deadline 24 hours after the report) here.
    #[arg(long, value_name = "FILE")]
    rectification: Option<PathBuf>,
    /// A source whose reposts count as authoritative (repeatable; default:
    /// 新华社, 人民日报, 中国政府网, 央视新闻, 新华网, 人民网, 求是).
    #[arg(long, value_name = "NAME")]
    authoritative: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum InspectFormat {
    /// The notice and its attachment table, Markdown.
    Md,
    /// One self-contained HTML file with charts.
    Html,
    /// Every figure, JSON.
    Json,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Directories
    /// are walked recursively for .txt, .md, .markdown, .html and .htm files,
    /// honouring .gitignore. Default: the current directory.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with status 1 when a finding at or above this severity is found
    /// [default: warning, or the configuration's check.fail_on].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Use this configuration file instead of the jiaodui.toml found by
    /// walking up from each checked path.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every jiaodui.toml.
    #[arg(long)]
    no_config: bool,
    /// Apply the certain fixes (Kangxi radicals, invisible characters …) to
    /// the files, atomically; with `-`, print the fixed text.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print the certain fixes as a unified diff instead of writing them
    /// (exit status 1 when there is any).
    #[arg(long)]
    diff: bool,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// A user typo dictionary (TSV: wrong<TAB>correct<TAB>note); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    dictionaries: Vec<PathBuf>,
    /// A phrase never to flag; repeatable.
    #[arg(long, value_name = "PHRASE")]
    allow: Vec<String>,
    /// Turn a rule off by id; repeatable.
    #[arg(long, value_name = "RULE")]
    disable: Vec<String>,
    /// A sensitive-word list (TSV: word, category, severity, replacement); repeatable.
    #[arg(long = "word-list", value_name = "FILE")]
    word_lists: Vec<PathBuf>,
    /// A leaders list (the format of dictionaries/leaders.tsv) replacing the built-in one.
    #[arg(long, value_name = "FILE")]
    leaders: Option<PathBuf>,
    /// The input type, instead of guessing it from the file name.
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    input_type: Option<extract::Kind>,
    /// The file name to report for standard input (`-`), for editors.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// A language model built with `jiaodui lm build`, instead of the default one.
    #[arg(long, value_name = "FILE")]
    lm: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// file:line:col, the line with the span underlined, the message.
    Human,
    /// JSON Lines, one object per finding.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// reviewdog's rdjson.
    Rdjson,
    /// Counts per rule and per file.
    Summary,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum, Debug)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn parse(s: &str) -> FailOn {
        match s {
            "error" => FailOn::Error,
            "info" => FailOn::Info,
            "never" => FailOn::Never,
            _ => FailOn::Warning,
        }
    }

    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules => rules(),
        Command::Lm(LmCommand::Build { corpus, output }) => lm_build(&corpus, &output),
        Command::Inspect(args) => inspect_cmd(args),
        Command::Init => init(),
        Command::Schema => {
            println!("{}", config::schema());
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jiaodui: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// An example as one visible line: line breaks and invisible characters
/// escaped.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "\\n".to_string(),
            c if c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{00ad}') => {
                format!("\\u{{{:x}}}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

fn rules() -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    for r in jiaodui::rules() {
        writeln!(
            out,
            "{:<24} {:<8} {}  例：{}",
            r.id,
            r.default_severity,
            r.summary,
            visible(r.example)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn lm_build(corpus: &[PathBuf], output: &std::path::Path) -> io::Result<ExitCode> {
    let mut errors = Vec::new();
    let sources = input::expand(corpus, &mut errors);
    let mut failed = !errors.is_empty();
    for (source, e) in &errors {
        eprintln!("jiaodui: error: {source}: {e}");
    }
    let mut files = 0usize;
    let texts = sources.iter().map(|(s, _)| s).filter_map(|s| match input::read(s) {
        Ok(doc) => {
            files += 1;
            Some(doc.text)
        }
        Err(e) => {
            eprintln!("jiaodui: error: {s}: {e}");
            failed = true;
            None
        }
    });
    let bytes = jiaodui::LanguageModel::train(texts);
    std::fs::write(output, &bytes).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", output.display())))?;
    eprintln!(
        "jiaodui: wrote {} ({} bytes) from {files} files",
        output.display(),
        bytes.len()
    );
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// What checking one input produced.
#[derive(Default)]
struct FileResult {
    stdout: Vec<u8>,
    stderr: Vec<String>,
    records: Vec<report::Record>,
    findings: usize,
    failing: bool,
    fixed: bool,
}

/// Checks (and fixes) one input.
fn process(
    source: &Source,
    linter: &Linter,
    args: &CheckArgs,
    style: Style,
    threshold: Option<Severity>,
) -> FileResult {
    let mut r = FileResult::default();
    if let Err(e) = process_into(source, linter, args, style, threshold, &mut r) {
        r.stderr.push(format!("jiaodui: error: {source}: {e}"));
    }
    r
}

/// Prints or records the findings of one input.
#[allow(clippy::too_many_arguments)]
fn emit(
    r: &mut FileResult,
    name: &str,
    index: &LineIndex<'_>,
    offset: usize,
    findings: &[jiaodui::Diagnostic],
    format: Format,
    style: Style,
    threshold: Option<Severity>,
) -> io::Result<()> {
    r.findings = findings.len();
    for d in findings {
        r.failing |= threshold.is_some_and(|t| d.severity >= t);
        let located = Located::new(name, index, offset, d);
        match format {
            Format::Human => output::human(&mut r.stdout, &located, index, style)?,
            Format::Json => output::json(&mut r.stdout, &located)?,
            Format::Sarif | Format::Github | Format::Rdjson | Format::Summary => {
                r.records.push(report::Record::new(&located))
            }
        }
    }
    Ok(())
}

/// Writes (or, with --diff, shows) a fixed text of `source`.
fn write_fixed(
    source: &Source,
    name: &str,
    doc: &input::Document,
    fixed: &str,
    args: &CheckArgs,
    r: &mut FileResult,
) -> io::Result<bool> {
    r.fixed = true;
    if args.diff {
        fix::print_diff(&mut r.stdout, name, &doc.text, fixed)?;
        r.failing = true;
        return Ok(false);
    }
    match source {
        Source::Stdin => {
            r.stdout.write_all(fixed.as_bytes())?;
            Ok(false)
        }
        Source::File(path) => match fix::write_atomically(path, &doc.original, doc.offset > 0, fixed) {
            Ok(()) => Ok(true),
            Err(e) => {
                r.stderr.push(format!("jiaodui: error: {source}: {e}"));
                Ok(false)
            }
        },
    }
}

fn process_into(
    source: &Source,
    linter: &Linter,
    args: &CheckArgs,
    style: Style,
    threshold: Option<Severity>,
    r: &mut FileResult,
) -> io::Result<()> {
    let name = match (source, &args.stdin_filename) {
        (Source::Stdin, Some(name)) => name.display().to_string(),
        _ => source.to_string(),
    };
    let kind = args.input_type.unwrap_or_else(|| match (source, &args.stdin_filename) {
        (Source::File(p), _) | (Source::Stdin, Some(p)) => extract::Kind::of(p),
        (Source::Stdin, None) => extract::Kind::Text,
    });
    if kind == extract::Kind::Docx {
        // Paragraph text, one paragraph a line: the line of a finding is its paragraph number.
        let text = match input::read_bytes(source).and_then(|b| extract::docx(&b)) {
            Ok(t) => t,
            Err(e) => {
                r.stderr.push(format!("jiaodui: error: {source}: {e}"));
                return Ok(());
            }
        };
        if args.fix || args.diff {
            r.stderr.push(format!(
                "jiaodui: error: {source}: --fix and --diff do not change .docx files"
            ));
            return Ok(());
        }
        let findings = linter.check(&text);
        return emit(
            r,
            &name,
            &LineIndex::new(&text),
            0,
            &findings,
            args.format,
            style,
            threshold,
        );
    }
    let doc = match input::read(source) {
        Ok(d) => d,
        Err(e) => {
            r.stderr.push(format!("jiaodui: error: {source}: {e}"));
            return Ok(());
        }
    };
    if kind != extract::Kind::Text {
        // Markdown or HTML: check the extracted text, report source positions.
        let extracted = match kind {
            extract::Kind::Html => extract::html(&doc.text),
            _ => Ok(extract::markdown(&doc.text)),
        };
        let extracted = match extracted {
            Ok(e) => e,
            Err(e) => {
                r.stderr.push(format!("jiaodui: error: {source}: {e}"));
                return Ok(());
            }
        };
        let mut findings: Vec<jiaodui::Diagnostic> = linter
            .check(&extracted.text)
            .into_iter()
            .map(|mut d| {
                d.span = extracted.span(d.span);
                d
            })
            .collect();
        if args.fix || args.diff {
            // Fixes whose text stands verbatim in the source.
            let fixes: Vec<(std::ops::Range<usize>, &str)> = findings
                .iter()
                .filter(|d| doc.text.get(d.span.clone()) == Some(d.found.as_str()))
                .filter_map(|d| d.fix.as_deref().map(|f| (d.span.clone(), f)))
                .collect();
            match fix::apply(&doc.text, &fixes) {
                Some(fixed) => {
                    if !write_fixed(source, &name, &doc, &fixed, args, r)? {
                        return Ok(());
                    }
                    findings.retain(|d| d.fix.is_none() || doc.text.get(d.span.clone()) != Some(d.found.as_str()));
                    // Positions of the rest are those of the original; check again for exact ones.
                    let again = match kind {
                        extract::Kind::Html => extract::html(&fixed).unwrap_or_default(),
                        _ => extract::markdown(&fixed),
                    };
                    findings = linter
                        .check(&again.text)
                        .into_iter()
                        .map(|mut d| {
                            d.span = again.span(d.span);
                            d
                        })
                        .collect();
                    return emit(
                        r,
                        &name,
                        &LineIndex::new(&fixed),
                        doc.offset,
                        &findings,
                        args.format,
                        style,
                        threshold,
                    );
                }
                None if args.diff => return Ok(()),
                None if *source == Source::Stdin => {
                    r.stdout.write_all(doc.text.as_bytes())?;
                    return Ok(());
                }
                None => {}
            }
        }
        return emit(
            r,
            &name,
            &LineIndex::new(&doc.text),
            doc.offset,
            &findings,
            args.format,
            style,
            threshold,
        );
    }
    if args.fix || args.diff {
        let fixed = linter.fix(&doc.text);
        if let std::borrow::Cow::Owned(fixed_text) = &fixed {
            if !write_fixed(source, &name, &doc, fixed_text, args, r)? {
                return Ok(());
            }
        } else if args.diff {
            return Ok(());
        } else if *source == Source::Stdin {
            r.stdout.write_all(doc.text.as_bytes())?;
            return Ok(());
        }
    }
    let fixed_text;
    let text: &str = if args.fix {
        fixed_text = linter.fix(&doc.text).into_owned();
        &fixed_text
    } else {
        &doc.text
    };
    let findings = linter.check(text);
    emit(
        r,
        &name,
        &LineIndex::new(text),
        doc.offset,
        &findings,
        args.format,
        style,
        threshold,
    )
}

fn inspect_cmd(args: InspectArgs) -> io::Result<ExitCode> {
    // The thresholds of the grades and the authoritative sources may come
    // from jiaodui.toml ([inspect]).
    let cfg = match (&args.config, args.no_config) {
        (_, true) => None,
        (Some(p), _) => Some(p.clone()),
        (None, false) => config::find(std::path::Path::new(".")),
    };
    let cfg = match cfg.map(|p| config::load(&p)).transpose() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("jiaodui: error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if args.to < args.from {
        eprintln!("jiaodui: error: --to {} is before --from {}", args.to, args.from);
        return Ok(ExitCode::from(2));
    }
    let opts = inspect::Options {
        posts: args.posts,
        accounts: args.accounts,
        from: args.from,
        to: args.to,
        authoritative: if !args.authoritative.is_empty() {
            args.authoritative
        } else if let Some(list) = cfg.as_ref().and_then(|c| c.config.inspect.authoritative.clone()) {
            list
        } else {
            inspect::AUTHORITATIVE.iter().map(|s| s.to_string()).collect()
        },
        grades: cfg.as_ref().and_then(|c| c.config.inspect.grades).unwrap_or_default(),
        check_links: args.check_links.then(|| {
            (
                std::time::Duration::from_secs(args.link_timeout.max(1)),
                args.link_concurrency,
            )
        }),
    };
    let mut errors = Vec::new();
    let report = inspect::run(&Linter::new(), &opts, &mut errors)?;
    for e in errors.iter().take(50) {
        eprintln!("jiaodui: bad line: {e}");
    }
    if errors.len() > 50 {
        eprintln!("jiaodui: … and {} more bad lines", errors.len() - 50);
    }
    let mut buf: Vec<u8> = Vec::new();
    match args.format {
        InspectFormat::Md => inspect::markdown(&mut buf, &report)?,
        InspectFormat::Html => inspect::html(&mut buf, &report)?,
        InspectFormat::Json => {
            serde_json::to_writer_pretty(&mut buf, &report)?;
            buf.push(b'\n');
        }
    }
    if let Some(path) = &args.rectification {
        let mut csv_buf = Vec::new();
        inspect::rectification(&mut csv_buf, &report, chrono::Local::now().naive_local())?;
        std::fs::write(path, csv_buf)?;
    }
    match &args.output {
        Some(path) => std::fs::write(path, &buf)?,
        None => io::stdout().lock().write_all(&buf)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn init() -> io::Result<ExitCode> {
    let path = PathBuf::from(config::FILE_NAME);
    if path.exists() {
        eprintln!("jiaodui: error: {} exists already; not overwritten", path.display());
        return Ok(ExitCode::from(2));
    }
    std::fs::write(&path, config::DEFAULT)?;
    eprintln!("jiaodui: wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// Builds the linter for one configuration and file type, the command
/// line's options added on top.
fn build_linter(args: &CheckArgs, cfg: Option<&config::Loaded>, ty: config::FileType) -> Result<Linter, String> {
    let mut builder = Linter::builder();
    let mut settings: Vec<(&str, config::Level)> = Vec::new();
    if let Some(cfg) = cfg {
        let c = &cfg.config;
        settings.extend(c.rules.iter().map(|(k, v)| (k.as_str(), *v)));
        if let Some(t) = c.types.get(&ty) {
            settings.extend(t.rules.iter().map(|(k, v)| (k.as_str(), *v)));
        }
        for d in &c.dictionaries.typos {
            builder = builder.dictionary_file(cfg.resolve(d));
        }
        for w in &c.dictionaries.word_lists {
            builder = builder.word_list_file(cfg.resolve(w));
        }
        if let Some(l) = &c.dictionaries.leaders {
            builder = builder.leaders_file(cfg.resolve(l));
        }
        if let Some(m) = &c.dictionaries.language_model {
            builder = builder.language_model_file(cfg.resolve(m));
        }
        for a in &c.check.allow {
            builder = builder.allow(a.clone());
        }
        if let Some(g) = c.check.max_gap {
            builder = builder.word_list_max_gap(g);
        }
    }
    for (key, level) in settings {
        for r in jiaodui::rules()
            .iter()
            .filter(|r| r.id == key || r.id.split('.').next() == Some(key))
        {
            builder = match level {
                config::Level::Off => builder.disable(r.id),
                config::Level::On => builder.severity(r.id, r.default_severity),
                config::Level::Error => builder.severity(r.id, Severity::Error),
                config::Level::Warning => builder.severity(r.id, Severity::Warning),
                config::Level::Info => builder.severity(r.id, Severity::Info),
            };
        }
    }
    if let Some(lm) = &args.lm {
        builder = builder.language_model_file(lm);
    }
    for w in &args.word_lists {
        builder = builder.word_list_file(w);
    }
    if let Some(leaders) = &args.leaders {
        builder = builder.leaders_file(leaders);
    }
    for d in &args.dictionaries {
        builder = builder.dictionary_file(d);
    }
    for a in &args.allow {
        builder = builder.allow(a.clone());
    }
    for r in &args.disable {
        builder = builder.disable(r);
    }
    builder.build().map_err(|e| e.to_string())
}

/// Whether a file found by walking passes the configuration's include and
/// exclude patterns (relative to the configuration file).
fn selected(cfg: &config::Loaded, path: &std::path::Path) -> Result<bool, String> {
    let build = |patterns: &[String]| -> Result<Option<globset::GlobSet>, String> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut b = globset::GlobSetBuilder::new();
        for p in patterns {
            b.add(globset::Glob::new(p).map_err(|e| format!("{}: bad glob {p:?}: {e}", cfg.path.display()))?);
        }
        b.build().map(Some).map_err(|e| e.to_string())
    };
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = std::fs::canonicalize(cfg.dir()).unwrap_or_else(|_| cfg.dir().to_path_buf());
    let rel = abs.strip_prefix(&dir).unwrap_or(&abs);
    let include = build(&cfg.config.check.include)?;
    let exclude = build(&cfg.config.check.exclude)?;
    Ok(include.is_none_or(|g| g.is_match(rel)) && !exclude.is_some_and(|g| g.is_match(rel)))
}

fn check(args: CheckArgs) -> io::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut errors = Vec::new();
    let found = input::expand(&paths, &mut errors);
    // The configuration of each source.
    let mut configs: std::collections::HashMap<PathBuf, std::sync::Arc<config::Loaded>> = Default::default();
    let mut load = |path: PathBuf| -> Result<std::sync::Arc<config::Loaded>, String> {
        if let Some(c) = configs.get(&path) {
            return Ok(c.clone());
        }
        let c = std::sync::Arc::new(config::load(&path)?);
        configs.insert(path, c.clone());
        Ok(c)
    };
    let explicit = match (&args.config, args.no_config) {
        (Some(p), _) => match load(p.clone()) {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!("jiaodui: error: {e}");
                return Ok(ExitCode::from(2));
            }
        },
        _ => None,
    };
    let mut sources: Vec<(Source, Option<std::sync::Arc<config::Loaded>>)> = Vec::new();
    for (source, walked) in found {
        let cfg = if args.no_config {
            None
        } else if explicit.is_some() {
            explicit.clone()
        } else {
            let start = match &source {
                Source::Stdin => PathBuf::from("."),
                Source::File(p) => p.clone(),
            };
            match config::find(&start).map(&mut load).transpose() {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("jiaodui: error: {e}");
                    return Ok(ExitCode::from(2));
                }
            }
        };
        if let (true, Some(c), Source::File(p)) = (walked, &cfg, &source) {
            match selected(c, p) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(e) => {
                    eprintln!("jiaodui: error: {e}");
                    return Ok(ExitCode::from(2));
                }
            }
        }
        sources.push((source, cfg));
    }
    // One linter per configuration and file type.
    let mut linters: std::collections::HashMap<(Option<PathBuf>, config::FileType), Linter> = Default::default();
    for (source, cfg) in &sources {
        let ty = match (source, &args.stdin_filename) {
            (Source::File(p), _) | (Source::Stdin, Some(p)) => config::FileType::of(p),
            (Source::Stdin, None) => config::FileType::Text,
        };
        let key = (cfg.as_ref().map(|c| c.path.clone()), ty);
        if let std::collections::hash_map::Entry::Vacant(e) = linters.entry(key) {
            match build_linter(&args, cfg.as_deref(), ty) {
                Ok(l) => {
                    e.insert(l);
                }
                Err(msg) => {
                    eprintln!("jiaodui: error: {msg}");
                    return Ok(ExitCode::from(2));
                }
            }
        }
    }
    if linters.is_empty() {
        // Nothing to check; still report a bad command-line dictionary.
        if let Err(msg) = build_linter(&args, None, config::FileType::Text) {
            eprintln!("jiaodui: error: {msg}");
            return Ok(ExitCode::from(2));
        }
    }
    let style = Style {
        color: match args.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        },
    };
    for (source, e) in &errors {
        eprintln!("jiaodui: error: {source}: {e}");
    }
    // Files are checked in parallel on all cores; the output keeps their order.
    let progress = (io::stderr().is_terminal() && sources.len() >= 200).then(|| {
        let bar = indicatif::ProgressBar::new(sources.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let results: Vec<FileResult> = sources
        .par_iter()
        .map(|(source, cfg)| {
            let ty = match (source, &args.stdin_filename) {
                (Source::File(p), _) | (Source::Stdin, Some(p)) => config::FileType::of(p),
                (Source::Stdin, None) => config::FileType::Text,
            };
            let linter = &linters[&(cfg.as_ref().map(|c| c.path.clone()), ty)];
            let fail_on = args
                .fail_on
                .or_else(|| {
                    cfg.as_ref()
                        .and_then(|c| c.config.check.fail_on.as_deref())
                        .map(FailOn::parse)
                })
                .unwrap_or(FailOn::Warning);
            let r = process(source, linter, &args, style, fail_on.threshold());
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            r
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut failing, mut total, mut files_with, mut fixed_count) = (false, 0usize, 0usize, 0usize);
    let mut had_error = !errors.is_empty();
    let mut records: Vec<report::Record> = Vec::new();
    for r in results {
        out.write_all(&r.stdout)?;
        if !r.stderr.is_empty() {
            out.flush()?;
            for e in &r.stderr {
                eprintln!("{e}");
            }
        }
        failing |= r.failing;
        total += r.findings;
        files_with += usize::from(r.findings > 0);
        fixed_count += usize::from(r.fixed);
        had_error |= !r.stderr.is_empty();
        records.extend(r.records);
    }
    match args.format {
        Format::Sarif => report::sarif(&mut out, &records)?,
        Format::Github => report::github(&mut out, &records)?,
        Format::Rdjson => report::rdjson(&mut out, &records)?,
        Format::Summary => report::summary(&mut out, &records, sources.len())?,
        Format::Human | Format::Json => {}
    }
    if let Format::Human = args.format {
        if total > 0 {
            writeln!(out, "共发现 {total} 处问题，涉及 {files_with} 个文件。")?;
        }
    }
    if args.fix && fixed_count > 0 {
        eprintln!("jiaodui: fixed {fixed_count} files");
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
