//! `jiaodui lsp`: the language server of `jiaodui-lsp` on standard input
//! and output, with the configuration found from each document (or the
//! one named, or none) and the data and rule options of `check` on top.

use std::io;
use std::process::ExitCode;
use std::sync::Arc;

use jiaodui::{Linter, LinterBuilder};
use jiaodui_lsp::{ConfigSource, Options};

use crate::args::LinterArgs;

/// The options of `jiaodui lsp`.
#[derive(clap::Args)]
pub struct LspArgs {
    /// Accepted and ignored: language clients pass it; the server always
    /// speaks on standard input and output.
    #[arg(long, hide = true)]
    pub stdio: bool,
    #[command(flatten)]
    pub linter: LinterArgs,
}

/// The command line's data and rule options, added to a builder.
fn add_options(args: &LinterArgs, mut b: LinterBuilder) -> LinterBuilder {
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

pub fn run(args: LspArgs) -> io::Result<ExitCode> {
    let linter = args.linter;
    // The options' files are read now, so that a wrong one stops the
    // server with its message (the editor shows the server's standard
    // error); a wrong jiaodui.toml is told in the editor instead.
    if let Err(e) = add_options(&linter, Linter::builder()).build() {
        eprintln!("jiaodui: error: {e}");
        return Ok(ExitCode::from(2));
    }
    let mut options = Options::default();
    options.config = match (&linter.config, linter.no_config) {
        (_, true) => ConfigSource::None,
        (Some(p), _) => ConfigSource::File(std::path::absolute(p)?),
        (None, false) => ConfigSource::Discover,
    };
    options.customize = Some(Arc::new(move |b| add_options(&linter, b)));
    match jiaodui_lsp::serve_stdio(options) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("jiaodui: lsp: {e}");
            Ok(ExitCode::from(1))
        }
    }
}
