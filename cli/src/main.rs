//! `jiaodui`: the command-line proofreader, a thin layer over the library.
//! Argument handling and dispatch; each command in its module.

mod args;
mod check;
mod fix;
mod init;
mod input;
mod inspect;
mod lm;
mod lsp;
mod output;
mod pipeline;
mod rules;
mod serve;

use std::io;
use std::process::ExitCode;

use args::{Cli, Command, LmCommand};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::run(&args),
        Command::Lm(LmCommand::Build { corpus, output }) => lm::build(&corpus, &output),
        Command::Inspect(args) => inspect::command(args),
        Command::Serve(args) => serve::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Init => init::init(),
        Command::Schema => init::schema(),
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
