//! `jiaodui rules`: every rule with its id, default severity and example;
//! `--explain ID`: one rule in full.

use std::io::{self, Write};
use std::process::ExitCode;

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

pub fn run(args: &crate::args::RulesArgs) -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    if let Some(id) = &args.explain {
        return match jiaodui::explain(id) {
            Some(explanation) => {
                write!(out, "{explanation}")?;
                Ok(ExitCode::SUCCESS)
            }
            None => {
                let hint = jiaodui::Linter::builder()
                    .disable(id)
                    .build()
                    .err()
                    .map_or_else(|| format!("unknown rule id {id:?}"), |e| e.to_string());
                eprintln!("jiaodui: error: {hint}");
                Ok(ExitCode::from(2))
            }
        };
    }
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
