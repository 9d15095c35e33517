//! Reading the posts (JSON Lines, in chunks) and the accounts file.

use std::io::{self, BufRead};
use std::path::Path;

use chrono::DateTime;

use super::model::{AccountLine, Post};

/// Reads the accounts file (JSON Lines or CSV with a header
/// `account,owner,level,platform`).
pub fn accounts(path: &Path, errors: &mut Vec<String>) -> io::Result<Vec<AccountLine>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for (i, rec) in reader.deserialize::<AccountLine>().enumerate() {
            match rec {
                Ok(a) => out.push(a),
                Err(e) => errors.push(format!("{}:{}: {e}", path.display(), i + 2)),
            }
        }
    } else {
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            match serde_json::from_str::<AccountLine>(line) {
                Ok(a) => out.push(a),
                Err(e) => errors.push(format!("{}:{}: {e}", path.display(), i + 1)),
            }
        }
    }
    Ok(out)
}

/// Posts checked at a time: memory is bounded by a chunk, not the file.
const CHUNK: usize = 2048;

/// The posts of one file, in chunks.
pub struct Posts {
    name: String,
    lines: std::iter::Enumerate<io::Lines<io::BufReader<std::fs::File>>>,
    /// Non-empty lines read.
    pub read: usize,
    /// Lines that are not a post.
    pub bad: usize,
}

impl Posts {
    pub fn open(path: &Path) -> io::Result<Posts> {
        let file =
            std::fs::File::open(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        Ok(Posts {
            name: path.display().to_string(),
            lines: io::BufReader::new(file).lines().enumerate(),
            read: 0,
            bad: 0,
        })
    }

    /// The next posts (at most [`CHUNK`]); empty at the end of the file.
    /// A line that is not a post with an RFC 3339 `published_at` is
    /// counted as bad and reported in `errors` with its number.
    pub fn chunk(&mut self, errors: &mut Vec<String>) -> Vec<Post> {
        let mut chunk = Vec::with_capacity(CHUNK);
        for (i, line) in self.lines.by_ref() {
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    self.bad += 1;
                    errors.push(format!("{}:{}: {e}", self.name, i + 1));
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            self.read += 1;
            match serde_json::from_str::<Post>(&line) {
                Ok(p) if DateTime::parse_from_rfc3339(&p.published_at).is_ok() => chunk.push(p),
                Ok(p) => {
                    self.bad += 1;
                    errors.push(format!(
                        "{}:{}: published_at {:?} is not an RFC 3339 time",
                        self.name,
                        i + 1,
                        p.published_at
                    ));
                }
                Err(e) => {
                    self.bad += 1;
                    errors.push(format!("{}:{}: {e}", self.name, i + 1));
                }
            }
            if chunk.len() == CHUNK {
                break;
            }
        }
        chunk
    }
}
