//! The tables of `law.title` and `law.article` (see `src/lawtable.rs`,
//! `Compiled`):
//!
//! * `dictionaries/laws.tsv` -> `laws.keys` (every title and short form ->
//!   its row), `laws.near` and `laws.postings` (the near-miss index),
//!   `laws.rows` (where each row's line is: the library reads a row from
//!   the embedded file when a text cites it, and parses nothing at load),
//!   `laws.ends` (the last characters of the keys);
//! * `dictionaries/law-lookalikes.tsv` -> `laws.lookalikes` (an FST set of
//!   its titles, normalized) and `laws.markers` (one a line: the names that,
//!   before a title in the same sentence, make it a foreign or Hong Kong or
//!   Macao one: the issuers of the foreign and international titles, and
//!   the regions' names).

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::Path;

use crate::lawtable::{self, LookalikeClass, Status};
use crate::{check_lines, fail, read};

pub(crate) fn build_laws(manifest: &Path, out: &Path) {
    let path = manifest.join("dictionaries/laws.tsv");
    let text = read(&path);
    let rows = check_lines(&path, lawtable::parse_laws(&text, false));
    let titles: HashSet<&str> = rows.iter().map(|r| r.title).collect();
    for r in &rows {
        if !r.successor.is_empty() && !titles.contains(r.successor) {
            fail(format!(
                "{}:{}: the successor {:?} is not a title of the list; add its row",
                path.display(),
                r.line,
                r.successor
            ));
        }
        if r.status == Status::Repealed && r.articles.is_some() {
            fail(format!(
                "{}:{}: a repealed title has no current text: leave articles empty",
                path.display(),
                r.line
            ));
        }
    }
    let compiled = check_lines(&path, lawtable::compile(&text, false));
    fs::write(out.join("laws.keys"), &compiled.keys).expect("write laws.keys");
    fs::write(out.join("laws.near"), &compiled.near).expect("write laws.near");
    fs::write(out.join("laws.postings"), &compiled.postings).expect("write laws.postings");
    fs::write(out.join("laws.rows"), &compiled.rows).expect("write laws.rows");
    fs::write(out.join("laws.ends"), &compiled.ends).expect("write laws.ends");

    let keys = fst::Map::new(compiled.keys).expect("just built");
    let path = manifest.join("dictionaries/law-lookalikes.tsv");
    let text = read(&path);
    let lookalikes = check_lines(&path, lawtable::parse_lookalikes(&text));
    let mut set = BTreeSet::new();
    let mut markers = BTreeSet::new();
    for l in &lookalikes {
        let title = lawtable::normalize(l.title).into_owned();
        if keys.contains_key(&title) {
            fail(format!(
                "{}:{}: {:?} is a title or short form of dictionaries/laws.tsv; list a title in one of the two",
                path.display(),
                l.line,
                l.title
            ));
        }
        if !set.insert(title) {
            fail(format!("{}:{}: {:?} is listed twice", path.display(), l.line, l.title));
        }
        match l.class {
            LookalikeClass::HongKong => markers.extend(["香港特区", "香港特别行政区"]),
            LookalikeClass::Macao => markers.extend(["澳门特区", "澳门特别行政区"]),
            LookalikeClass::Foreign | LookalikeClass::International if !l.issuer.is_empty() => {
                markers.insert(l.issuer);
            }
            _ => {}
        }
    }
    let bytes = fst::Set::from_iter(&set)
        .unwrap_or_else(|e| fail(format!("building the lookalike set: {e}")))
        .into_fst()
        .into_inner();
    fs::write(out.join("laws.lookalikes"), bytes).expect("write laws.lookalikes");
    let markers: Vec<&str> = markers.into_iter().collect();
    fs::write(out.join("laws.markers"), markers.join("\n")).expect("write laws.markers");
}
