//! The command line: subcommands, options and their help.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiaodui::DocumentKind;

pub const EXAMPLES: &str = "\
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
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check files, directories or standard input (-).
    #[command(after_help = EXAMPLES)]
    Check(CheckArgs),
    /// List every rule with its id, default severity and an example.
    Rules(RulesArgs),
    /// Language models for typo.confusable.
    #[command(subcommand)]
    Lm(LmCommand),
    /// The quarterly inspection of new-media accounts from their posts
    /// (JSON Lines: account, owner, level, platform, published_at, title,
    /// text or html, url, is_repost, source).
    Inspect(InspectArgs),
    /// Serve the proofreading page and the HTTP API (JSON /v1, and a
    /// LanguageTool-compatible /v2) on the library.
    Serve(ServeArgs),
    /// A language server on standard input and output, for editors (VS Code,
    /// Neovim, Helix …): findings as you type, quick fixes, the jiaodui.toml
    /// found from each document.
    Lsp(crate::lsp::LspArgs),
    /// Write a commented default jiaodui.toml in the current directory.
    Init,
    /// Print the JSON schema of jiaodui.toml.
    Schema,
}

/// The data and rule options of `check`, for the commands that keep a
/// linter running (`serve`).
#[derive(clap::Args, Clone)]
pub struct LinterArgs {
    /// Use this configuration file instead of the jiaodui.toml found from
    /// the current directory.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every jiaodui.toml.
    #[arg(long)]
    pub no_config: bool,
    /// A user typo dictionary (TSV: wrong<TAB>correct<TAB>note); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dictionaries: Vec<PathBuf>,
    /// A sensitive-word list (TSV: word, category, severity, replacement); repeatable.
    #[arg(long = "word-list", value_name = "FILE")]
    pub word_lists: Vec<PathBuf>,
    /// A leaders list (the format of dictionaries/leaders.tsv) replacing the built-in one.
    #[arg(long, value_name = "FILE")]
    pub leaders: Option<PathBuf>,
    /// An office's list of laws and regulations, added to the built-in one; repeatable.
    #[arg(long, value_name = "FILE")]
    pub laws: Vec<PathBuf>,
    /// A language model built with `jiaodui lm build`.
    #[arg(long, value_name = "FILE")]
    pub lm: Option<PathBuf>,
    /// A phrase never to flag; repeatable.
    #[arg(long, value_name = "PHRASE")]
    pub allow: Vec<String>,
    /// Turn a rule off by id; repeatable.
    #[arg(long, value_name = "RULE")]
    pub disable: Vec<String>,
}

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Where to listen. An address that is not loopback needs --token or --no-auth.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// A bearer token every API request must send (Authorization: Bearer TOKEN);
    /// also read from JIAODUI_TOKEN.
    #[arg(long, value_name = "TOKEN", env = "JIAODUI_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Listen on a non-loopback address without a token.
    #[arg(long)]
    pub no_auth: bool,
    /// An origin allowed by CORS (e.g. https://cms.example.gov.cn, or *); repeatable.
    /// Default: none.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// Largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_body_bytes: usize,
    /// Longest text, in characters.
    #[arg(long, value_name = "CHARS", default_value_t = 1_000_000)]
    pub max_text_chars: usize,
    /// Checks running at once; more are answered 429.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_concurrent: usize,
    /// Seconds a check may take; longer ones are answered 503.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
    #[command(flatten)]
    pub linter: LinterArgs,
}

#[derive(clap::Args)]
pub struct RulesArgs {
    /// Explain one rule: what it checks and why, its category, an example,
    /// how to turn it off, and its data files with their entry counts.
    #[arg(long, value_name = "RULE")]
    pub explain: Option<String>,
}

#[derive(Subcommand)]
pub enum LmCommand {
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
pub struct InspectArgs {
    /// Posts, JSON Lines.
    #[arg(required = true)]
    pub posts: Vec<PathBuf>,
    /// First day of the period (YYYY-MM-DD).
    #[arg(long, value_parser = date)]
    pub from: chrono::NaiveDate,
    /// Last day of the period (YYYY-MM-DD).
    #[arg(long, value_parser = date)]
    pub to: chrono::NaiveDate,
    /// Accounts to inspect, also those without posts (JSON Lines or CSV:
    /// account, owner, level, platform).
    #[arg(long, value_name = "FILE")]
    pub accounts: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = InspectFormat::Md)]
    pub format: InspectFormat,
    /// Write the report here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Request every link of the posts and report the dead ones per account.
    #[arg(long)]
    pub check_links: bool,
    /// Seconds to wait for a link.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub link_timeout: u64,
    /// Links requested at a time.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub link_concurrency: usize,
    /// Use this configuration file ([inspect] grades and sources) instead of
    /// the jiaodui.toml found from the current directory.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every jiaodui.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Also write the rectification list (CSV: account, owner, problem,
    /// evidence, deadline 24 hours after the report) here.
    #[arg(long, value_name = "FILE")]
    pub rectification: Option<PathBuf>,
    /// A source whose reposts count as authoritative (repeatable; default:
    /// 新华社, 人民日报, 中国政府网, 央视新闻, 新华网, 人民网, 求是).
    #[arg(long, value_name = "NAME")]
    pub authoritative: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum InspectFormat {
    /// The notice and its attachment table, Markdown.
    Md,
    /// One self-contained HTML file with charts.
    Html,
    /// Every figure, JSON.
    Json,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input. Directories
    /// are walked recursively for .txt, .md, .markdown, .html and .htm files,
    /// honouring .gitignore. Default: the current directory.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with status 1 when a finding at or above this severity is found
    /// [default: warning, or the configuration's check.fail_on].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Use this configuration file instead of the jiaodui.toml found by
    /// walking up from each checked path.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every jiaodui.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Apply the certain fixes (Kangxi radicals, invisible characters …) to
    /// the files, atomically; with `-`, print the fixed text.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the certain fixes as a unified diff instead of writing them
    /// (exit status 1 when there is any).
    #[arg(long)]
    pub diff: bool,
    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// A user typo dictionary (TSV: wrong<TAB>correct<TAB>note); repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    pub dictionaries: Vec<PathBuf>,
    /// A phrase never to flag; repeatable.
    #[arg(long, value_name = "PHRASE")]
    pub allow: Vec<String>,
    /// Turn a rule off by id; repeatable.
    #[arg(long, value_name = "RULE")]
    pub disable: Vec<String>,
    /// A sensitive-word list (TSV: word, category, severity, replacement); repeatable.
    #[arg(long = "word-list", value_name = "FILE")]
    pub word_lists: Vec<PathBuf>,
    /// A leaders list (the format of dictionaries/leaders.tsv) replacing the built-in one.
    #[arg(long, value_name = "FILE")]
    pub leaders: Option<PathBuf>,
    /// An office's list of laws and regulations (the columns of dictionaries/laws.tsv), added to the built-in one; repeatable.
    #[arg(long, value_name = "FILE")]
    pub laws: Vec<PathBuf>,
    /// The input type, instead of guessing it from the file name.
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub input_type: Option<InputType>,
    /// The file name to report for standard input (`-`), for editors.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// A language model built with `jiaodui lm build`, instead of the default one.
    #[arg(long, value_name = "FILE")]
    pub lm: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
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
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOn> for jiaodui::config::FailOn {
    fn from(f: FailOn) -> jiaodui::config::FailOn {
        match f {
            FailOn::Error => jiaodui::config::FailOn::Error,
            FailOn::Warning => jiaodui::config::FailOn::Warning,
            FailOn::Info => jiaodui::config::FailOn::Info,
            FailOn::Never => jiaodui::config::FailOn::Never,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

/// Input types, for `--type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputType {
    Text,
    Markdown,
    Html,
    Docx,
}

impl From<InputType> for DocumentKind {
    fn from(t: InputType) -> DocumentKind {
        match t {
            InputType::Text => DocumentKind::Text,
            InputType::Markdown => DocumentKind::Markdown,
            InputType::Html => DocumentKind::Html,
            InputType::Docx => DocumentKind::Docx,
        }
    }
}

/// Parses a `YYYY-MM-DD` date.
pub fn date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{s:?} is not a date like 2023-06-30: {e}"))
}
