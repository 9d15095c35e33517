//! `jiaodui inspect`: the quarterly inspection of government new-media
//! accounts, from their posts (JSON Lines), as the notice and its
//! attachment table report it.
//!
//! Memory is bounded by the number of accounts, not of posts: posts are
//! [read] in chunks, [checked](post) in parallel, and [folded](grade)
//! into per-account counters (a day bitmap for timeliness, counts per rule
//! family, the evidence of each serious finding); [links] are
//! checked once each. One renderer per format: [`md`], [`html`], [`json`],
//! and [`rectification`] (CSV).

mod grade;
mod html;
mod json;
mod links;
mod md;
mod model;
mod post;
mod read;
mod rectification;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use jiaodui::config::{Config, Grades};
use jiaodui::Linter;
use rayon::prelude::*;

use crate::args::{InspectArgs, InspectFormat};
use model::{Report, AUTHORITATIVE};

/// Options of `jiaodui inspect`.
pub struct Options {
    pub posts: Vec<PathBuf>,
    pub accounts: Option<PathBuf>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub authoritative: Vec<String>,
    pub grades: Grades,
    /// Check the links: (timeout, concurrency).
    pub check_links: Option<(std::time::Duration, usize)>,
}

/// Runs the inspection. Bad lines are reported in `errors` and counted.
pub fn run(linter: &Linter, opts: &Options, errors: &mut Vec<String>) -> io::Result<Report> {
    let days = ((opts.to - opts.from).num_days() + 1).max(1) as usize;
    let mut accounts = grade::Accounts::new(days);
    if let Some(path) = &opts.accounts {
        for line in read::accounts(path, errors)? {
            accounts.describe(&line.account, &line.owner, &line.level, &line.platform);
        }
    }
    let (mut posts_read, mut bad) = (0usize, 0usize);
    for path in &opts.posts {
        let mut posts = read::Posts::open(path)?;
        loop {
            let chunk = posts.chunk(errors);
            if chunk.is_empty() {
                break;
            }
            let checked: Vec<post::Checked> = chunk
                .into_par_iter()
                .filter_map(|p| post::check_post(linter, p, opts.from, opts.to))
                .collect();
            for c in &checked {
                accounts.add(c, opts);
            }
        }
        posts_read += posts.read;
        bad += posts.bad;
    }
    accounts.settle();
    if let Some((timeout, concurrency)) = opts.check_links {
        links::check(&mut accounts.by_name, timeout, concurrency);
    }
    accounts.grade(&opts.grades);
    Ok(accounts.report(opts, posts_read, bad))
}

/// The command: the configuration's `[inspect]` settings under the command
/// line's, the inspection, the report and the rectification list.
pub fn command(args: InspectArgs) -> io::Result<ExitCode> {
    let config = match (&args.config, args.no_config) {
        (_, true) => Ok(None),
        (Some(p), _) => Config::load(p).map(Some),
        (None, false) => Config::discover("."),
    };
    let config = match config {
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
    let settings = config.map(|c| c.inspect).unwrap_or_default();
    let opts = Options {
        posts: args.posts,
        accounts: args.accounts,
        from: args.from,
        to: args.to,
        authoritative: if !args.authoritative.is_empty() {
            args.authoritative
        } else if let Some(list) = settings.authoritative {
            list
        } else {
            AUTHORITATIVE.iter().map(|s| s.to_string()).collect()
        },
        grades: settings.grades.unwrap_or_default(),
        check_links: args.check_links.then(|| {
            (
                std::time::Duration::from_secs(args.link_timeout.max(1)),
                args.link_concurrency,
            )
        }),
    };
    let mut errors = Vec::new();
    let report = run(&Linter::new(), &opts, &mut errors)?;
    for e in errors.iter().take(50) {
        eprintln!("jiaodui: bad line: {e}");
    }
    if errors.len() > 50 {
        eprintln!("jiaodui: … and {} more bad lines", errors.len() - 50);
    }
    let mut buf: Vec<u8> = Vec::new();
    match args.format {
        InspectFormat::Md => md::write(&mut buf, &report)?,
        InspectFormat::Html => html::write(&mut buf, &report)?,
        InspectFormat::Json => json::write(&mut buf, &report)?,
    }
    if let Some(path) = &args.rectification {
        let mut csv_buf = Vec::new();
        rectification::write(&mut csv_buf, &report, chrono::Local::now().naive_local())?;
        std::fs::write(path, csv_buf)?;
    }
    match &args.output {
        Some(path) => std::fs::write(path, &buf)?,
        None => io::stdout().lock().write_all(&buf)?,
    }
    Ok(ExitCode::SUCCESS)
}
