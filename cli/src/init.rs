//! `jiaodui init` and `jiaodui schema`: the configuration file.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use jiaodui::config;

/// Writes the commented default `jiaodui.toml` in the current directory,
/// never over an existing one.
pub fn init() -> io::Result<ExitCode> {
    let path = PathBuf::from(config::FILE_NAME);
    if path.exists() {
        eprintln!("jiaodui: error: {} exists already; not overwritten", path.display());
        return Ok(ExitCode::from(2));
    }
    std::fs::write(&path, config::DEFAULT)?;
    eprintln!("jiaodui: wrote {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// Prints the JSON schema of `jiaodui.toml`.
pub fn schema() -> io::Result<ExitCode> {
    println!("{}", config::schema());
    Ok(ExitCode::SUCCESS)
}
