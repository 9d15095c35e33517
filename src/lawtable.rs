//! The format of `dictionaries/laws.tsv` (and of an office's own list of
//! regulations, `LinterBuilder::laws`) and of
//! `dictionaries/law-lookalikes.tsv`, and the look-up tables of `law.title`
//! compiled from a list: shared by the build script (`build/laws.rs`, the
//! built-in tables) and the library (`rules/law.rs`, which compiles users'
//! lists at run time), so that both accept the same files, report the same
//! errors and build the same tables.
//!
//! This module depends on `std`, `fst` and `tsv` only: the build script
//! includes it with `#[path]`. Some items are used only on one side.
#![allow(dead_code)]

use std::collections::BTreeMap;

use crate::tsv::{self, LineError};

/// The country prefix of national titles.
pub const PRC: &str = "中华人民共和国";

/// The words after which a bare title (…法, …条例 without 《》) is read:
/// the payload of a `LawTrigger` target is the word's index.
pub const TRIGGERS: [&str; 6] = ["根据", "依照", "依据", "按照", "违反", "适用"];

/// The number of columns of `laws.tsv`.
pub const COLUMNS: usize = 15;

/// What kind of legal text a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LawKind {
    Constitution,
    Law,
    Amendment,
    AdministrativeRegulation,
    JudicialInterpretation,
    /// Only in users' lists: 地方性法规.
    LocalRegulation,
    /// Only in users' lists: 地方政府规章.
    LocalRule,
    /// Only in users' lists: 部门规章.
    DepartmentRule,
}

impl LawKind {
    fn parse(s: &str, user: bool) -> Option<LawKind> {
        Some(match s {
            "constitution" => LawKind::Constitution,
            "law" => LawKind::Law,
            "amendment" => LawKind::Amendment,
            "administrative-regulation" => LawKind::AdministrativeRegulation,
            "judicial-interpretation" => LawKind::JudicialInterpretation,
            "local-regulation" if user => LawKind::LocalRegulation,
            "local-rule" if user => LawKind::LocalRule,
            "department-rule" if user => LawKind::DepartmentRule,
            _ => return None,
        })
    }

    /// How a message refers to a text of this kind (该法, 该条例 …).
    pub fn pronoun(self) -> &'static str {
        match self {
            LawKind::Constitution => "宪法",
            LawKind::Law | LawKind::Amendment => "该法",
            LawKind::AdministrativeRegulation | LawKind::LocalRegulation => "该法规",
            LawKind::JudicialInterpretation => "该司法解释",
            LawKind::LocalRule | LawKind::DepartmentRule => "该规章",
        }
    }
}

/// Whether a row's title is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    InForce,
    Repealed,
    /// The title was changed by an amendment; the successor is the new one.
    AmendedRenamed,
    /// A real title whose present status the sources leave open.
    Unverified,
}

// The status is stored in the key tables as its number.
const _: () = assert!(Status::InForce as u8 == 0 && Status::Unverified as u8 == 3);

/// A date of the table: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (0 for a part
/// not known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let year: u16 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let mut next = |max: u8| -> Option<Option<u8>> {
            match parts.next() {
                None => Some(None),
                Some(p) if p.len() == 2 => p.parse().ok().filter(|&v| (1..=max).contains(&v)).map(Some),
                Some(_) => None,
            }
        };
        let month = next(12)?;
        let day = if month.is_some() { next(31)? } else { None };
        if parts.next().is_some() || !(1900..=2100).contains(&year) {
            return None;
        }
        Some(Date {
            year,
            month: month.unwrap_or(0),
            day: day.unwrap_or(0),
        })
    }

    /// The first day the date can mean (a missing month or day: the first).
    pub fn first_day(self) -> (u16, u8, u8) {
        (self.year, self.month.max(1), self.day.max(1))
    }

    /// The last day the date can mean (a missing month or day: the last).
    pub fn last_day(self) -> (u16, u8, u8) {
        (
            self.year,
            if self.month == 0 { 12 } else { self.month },
            if self.day == 0 { 31 } else { self.day },
        )
    }

    /// In Chinese: 2021年1月1日, 2021年1月 or 2021年.
    pub fn chinese(self) -> String {
        match (self.month, self.day) {
            (0, _) => format!("{}年", self.year),
            (m, 0) => format!("{}年{m}月", self.year),
            (m, d) => format!("{}年{m}月{d}日", self.year),
        }
    }
}

/// What a revision was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// 修正 (by a decision amending some articles).
    Amended,
    /// 修订 (a new text).
    Revised,
    /// 修正案 (the constitution's and the criminal law's amendments).
    Amendment,
}

impl Change {
    pub fn word(self) -> &'static str {
        match self {
            Change::Amended => "修正",
            Change::Revised => "修订",
            Change::Amendment => "修正案",
        }
    }
}

/// One item of a row's `revisions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    pub date: Date,
    pub change: Change,
}

fn parse_revision(item: &str) -> Option<Revision> {
    for change in [Change::Amendment, Change::Amended, Change::Revised] {
        if let Some(date) = item.strip_suffix(change.word()) {
            return Some(Revision {
                date: Date::parse(date)?,
                change,
            });
        }
    }
    None
}

/// A row of `laws.tsv` or of a user's list, borrowing its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawRow<'a> {
    /// 1-based line number in its list.
    pub line: usize,
    /// The full title (an inner title written 〈〉).
    pub title: &'a str,
    pub kind: LawKind,
    pub status: Status,
    pub adopted: Option<Date>,
    pub repealed: Option<Date>,
    /// The highest article number of the current text, where counted.
    pub articles: Option<u32>,
    /// The `revisions` field as written (checked): see [`LawRow::revisions`].
    pub revisions: &'a str,
    /// The title that replaced it, if any.
    pub successor: &'a str,
    /// The parts of the successor, `|`-separated.
    pub successor_part: &'a str,
    /// Short titles naming this row, `|`-separated.
    pub short_forms: &'a str,
}

impl LawRow<'_> {
    /// The revisions, oldest first.
    pub fn revisions(&self) -> impl Iterator<Item = Revision> + '_ {
        split_alts(self.revisions).filter_map(parse_revision)
    }

    /// Whether the list of revisions is complete (it does not end in `?`).
    pub fn revisions_complete(&self) -> bool {
        !self.revisions.trim_end().ends_with('?')
    }

    /// The short forms.
    pub fn short_forms(&self) -> impl Iterator<Item = &str> + '_ {
        split_alts(self.short_forms)
    }

    /// The parts of the successor.
    pub fn successor_parts(&self) -> impl Iterator<Item = &str> + '_ {
        split_alts(self.successor_part)
    }

    /// The title, then the short forms: the keys the row is found by.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        std::iter::once(self.title).chain(self.short_forms())
    }
}

fn split_alts(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|a| !a.is_empty())
}

/// The form titles are looked up in: white space removed, an inner title's
/// 《》 written 〈〉, ASCII parentheses full-width. Borrowed when that
/// changes nothing.
pub fn normalize(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '《' | '》' | '(' | ')'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '《' => '〈',
            '》' => '〉',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Whether a title ends like a law or a regulation: 法 (not 办法), 法典,
/// 条例 (实施条例 included) or 实施细则. Only such titles can be near-misses.
pub fn law_ending(title: &str) -> bool {
    (title.ends_with('法') && !title.ends_with("办法"))
        || title.ends_with("法典")
        || title.ends_with("条例")
        || title.ends_with("实施细则")
}

fn title_error(what: &str, s: &str) -> Option<String> {
    if s.chars().count() < 2 {
        return Some(format!("the {what} {s:?} is shorter than two characters"));
    }
    if s.chars().any(char::is_whitespace) {
        return Some(format!("the {what} {s:?} contains white space; remove it"));
    }
    if s.contains(['《', '》']) {
        return Some(format!(
            "the {what} {s:?} contains 《 or 》; write the title without book-title marks, and a title inside it \
             with 〈〉"
        ));
    }
    if !s.chars().any(tsv::is_han) {
        return Some(format!("the {what} {s:?} contains no Chinese character"));
    }
    None
}

/// Parses a list in the format of `laws.tsv`, checking every line. The
/// built-in list has every column; a user's list (`user`) needs only
/// title, kind and status, and may use the kinds local-regulation,
/// local-rule and department-rule.
pub fn parse_laws(text: &str, user: bool) -> Result<Vec<LawRow<'_>>, LineError> {
    tsv::records(text)
        .map(|(line, fields)| parse_law(line, &fields, user))
        .collect()
}

/// Parses the fields of line `line` of a list (see [`parse_laws`]).
pub fn parse_law<'a>(line: usize, fields: &[&'a str], user: bool) -> Result<LawRow<'a>, LineError> {
    let err = |reason: String| LineError { line, reason };
    let n = fields.len();
    if (!user && n != COLUMNS) || (user && !(3..=COLUMNS).contains(&n)) {
        let expected = if user {
            "3 to 15".to_string()
        } else {
            COLUMNS.to_string()
        };
        return Err(err(format!(
            "expected {expected} TAB-separated fields (title, kind, status, adopted, in_force, last_revision, \
             revisions, articles, repealed, successor, successor_part, short_forms, as_of, source, note), \
             found {n}; separate the fields with a TAB character, not spaces"
        )));
    }
    let f = |i: usize| fields.get(i).map_or("", |s| s.trim());
    let title = f(0);
    if let Some(reason) = title_error("title", title) {
        return Err(err(reason));
    }
    let kinds = if user {
        "constitution, law, amendment, administrative-regulation, judicial-interpretation, local-regulation, \
         local-rule or department-rule"
    } else {
        "constitution, law, amendment, administrative-regulation or judicial-interpretation"
    };
    let kind = LawKind::parse(f(1), user).ok_or_else(|| err(format!("kind {:?}: use {kinds}", f(1))))?;
    let status = match f(2) {
        "in-force" => Status::InForce,
        "repealed" => Status::Repealed,
        "amended-renamed" => Status::AmendedRenamed,
        "unverified" => Status::Unverified,
        other => {
            return Err(err(format!(
                "status {other:?}: use in-force, repealed, amended-renamed or unverified"
            )))
        }
    };
    let date = |i: usize, name: &str| -> Result<Option<Date>, LineError> {
        match f(i) {
            "" => Ok(None),
            s => Date::parse(s)
                .map(Some)
                .ok_or_else(|| err(format!("{name} {s:?}: write the date as YYYY-MM-DD, YYYY-MM or YYYY"))),
        }
    };
    let adopted = date(3, "adopted")?;
    date(4, "in_force")?;
    date(5, "last_revision")?;
    let repealed = date(8, "repealed")?;
    let revisions = f(6);
    let items: Vec<&str> = split_alts(revisions).collect();
    for (k, item) in items.iter().enumerate() {
        if *item == "?" && k + 1 == items.len() {
            continue;
        }
        if parse_revision(item).is_none() {
            return Err(err(format!(
                "revision {item:?}: write each revision as a date and 修正, 修订 or 修正案 \
                 (2021-06-10修正), |-separated, oldest first; a last item ? marks the list incomplete"
            )));
        }
    }
    let articles = match f(7) {
        "" => None,
        s => Some(
            s.parse::<u32>()
                .ok()
                .filter(|&a| a > 0)
                .ok_or_else(|| err(format!("articles {s:?}: write the highest article number, e.g. 119")))?,
        ),
    };
    let successor = f(9);
    if !successor.is_empty() {
        if let Some(reason) = title_error("successor", successor) {
            return Err(err(reason));
        }
        if successor == title {
            return Err(err(format!("the successor of {title:?} is the title itself")));
        }
    }
    if status == Status::AmendedRenamed && successor.is_empty() {
        return Err(err(format!(
            "{title:?} is amended-renamed: give the new title in the successor field"
        )));
    }
    if status != Status::Repealed && status != Status::AmendedRenamed && !successor.is_empty() {
        return Err(err(format!(
            "{title:?} has a successor but its status is {:?}; only a repealed or renamed title has one",
            f(2)
        )));
    }
    let short_forms = f(11);
    for s in split_alts(short_forms) {
        if let Some(reason) = title_error("short form", s) {
            return Err(err(reason));
        }
        if s == title {
            return Err(err(format!("the short form {s:?} is the title itself")));
        }
    }
    Ok(LawRow {
        line,
        title,
        kind,
        status,
        adopted,
        repealed,
        articles,
        revisions,
        successor,
        successor_part: f(10),
        short_forms,
    })
}

/// The text a list's rows are read from: without a byte-order mark, as
/// [`tsv::records`] reads it (the offsets of [`Compiled::rows`] are in it).
pub fn body(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Row `i` of a list compiled to `rows` (see [`Compiled::rows`]), read
/// from `body`. `None` if the index or the line is not one of the list's.
pub fn row_at<'a>(body: &'a str, rows: &[u8], i: usize, user: bool) -> Option<LawRow<'a>> {
    let at = |k: usize| {
        rows.get(4 * k..4 * k + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let (offset, line) = (at(2 * i)?, at(2 * i + 1)?);
    let rest = body.get(offset..)?;
    let raw = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    let fields: Vec<&str> = raw.split('\t').collect();
    parse_law(line, &fields, user).ok()
}

/// The look-up tables of a list:
///
/// * `keys`: an FST map from every title and short form, normalized, and
///   the title without 中华人民共和国 where no other row has that key (key
///   [`ALIAS`]), to [`value`]`(row, key, status)` (key 0 is the title,
///   1… the short forms);
/// * `near`: an FST map from every string one character shorter than a key
///   with a law ending (see [`law_ending`]; keys of three or more
///   characters) to the entries it comes from, a run of `postings`:
///   `(offset << 32) | count`, in u32 units;
/// * `postings`: the runs, [`pack`]`(row, key)` each, u32 little-endian;
/// * `rows`: for each row, the byte offset of its line in [`body`] and its
///   line number, u32 little-endian ([`row_at`] reads it);
/// * `ends`: the last characters of the keys, each once: a title that
///   ends otherwise names no row.
///
/// A title one edit away from a key (SymSpell): one character deleted, it
/// is a key or a key's deletion; itself, a key's deletion.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    pub keys: Vec<u8>,
    pub near: Vec<u8>,
    pub postings: Vec<u8>,
    pub rows: Vec<u8>,
    pub ends: String,
    /// How many rows the list has.
    pub count: usize,
}

/// The key number of a title's form without 中华人民共和国.
pub const ALIAS: usize = 0xff;

/// A row and one of its keys as a u32: `row << 8 | key`.
pub fn pack(row: usize, key: usize) -> u32 {
    ((row as u32) << 8) | key as u32
}

/// The row and key of [`pack`].
pub fn unpack(packed: u64) -> (usize, usize) {
    ((packed >> 8) as usize, (packed & 0xff) as usize)
}

/// The value of a key in `keys`: the row, the key and the row's status.
pub fn value(row: usize, key: usize, status: Status) -> u64 {
    (u64::from(pack(row, key)) << 8) | status as u64
}

/// The row, key and status of a [`value`].
pub fn unpack_value(v: u64) -> (usize, usize, Status) {
    let (row, key) = unpack(v >> 8);
    let status = match v & 0xff {
        0 => Status::InForce,
        1 => Status::Repealed,
        2 => Status::AmendedRenamed,
        _ => Status::Unverified,
    };
    (row, key, status)
}

/// Key number `key` of a row: its title, a short form, or [`ALIAS`].
pub fn key_text<'a>(row: &LawRow<'a>, key: usize) -> &'a str {
    if key == ALIAS {
        return row.title.strip_prefix(PRC).unwrap_or(row.title);
    }
    std::iter::once(row.title)
        .chain(split_alts(row.short_forms))
        .nth(key)
        .unwrap_or(row.title)
}

/// The strings `s` gives when one character is removed, each once.
pub fn deletions(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s
        .char_indices()
        .map(|(i, c)| format!("{}{}", &s[..i], &s[i + c.len_utf8()..]))
        .collect();
    out.dedup();
    out
}

/// Whether `a` and `b` are exactly one substitution, insertion or deletion
/// apart.
pub fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    let prefix = short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 => prefix < short.len() && short[prefix + 1..] == long[prefix + 1..],
        1 => short[prefix..] == long[prefix + 1..],
        _ => false,
    }
}

/// Parses and compiles a list (see [`parse_laws`]): its look-up tables. A
/// title or short form listed twice is an error at the later line.
pub fn compile(text: &str, user: bool) -> Result<Compiled, LineError> {
    let rows = parse_laws(text, user)?;
    let body = body(text);
    let mut starts = vec![0usize];
    starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
    if rows.len() >= 1 << 24 || body.len() > u32::MAX as usize {
        return Err(LineError {
            line: rows.last().map_or(0, |r| r.line),
            reason: "a list holds at most 16,777,215 rows and 4 GiB; split it".into(),
        });
    }
    // key -> (row, key number, line)
    let mut keys: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut index = Vec::with_capacity(8 * rows.len());
    for (i, r) in rows.iter().enumerate() {
        index.extend_from_slice(&(starts[r.line - 1] as u32).to_le_bytes());
        index.extend_from_slice(&(r.line as u32).to_le_bytes());
        for (k, key) in r.keys().enumerate() {
            if k >= ALIAS {
                return Err(LineError {
                    line: r.line,
                    reason: format!("a row has at most {} short forms", ALIAS - 1),
                });
            }
            let key = normalize(key).into_owned();
            if let Some(&(_, _, first)) = keys.get(&key) {
                return Err(LineError {
                    line: r.line,
                    reason: format!(
                        "{key:?} is already listed on line {first}; a title or short form names one row only"
                    ),
                });
            }
            keys.insert(key, (i, k, r.line));
        }
    }
    // 中华人民共和国 is optional where the rest names no other row.
    for (i, r) in rows.iter().enumerate() {
        if let Some(rest) = r.title.strip_prefix(PRC).filter(|s| s.chars().count() >= 2) {
            keys.entry(normalize(rest).into_owned()).or_insert((i, ALIAS, r.line));
        }
    }
    let mut near: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut ends = String::new();
    let mut kb = fst::MapBuilder::memory();
    for (key, &(i, k, _)) in &keys {
        kb.insert(key, value(i, k, rows[i].status))
            .expect("keys are sorted and unique");
        if let Some(c) = key.chars().last().filter(|&c| !ends.contains(c)) {
            ends.push(c);
        }
        if law_ending(key) && key.chars().count() >= 3 {
            let e = pack(i, k);
            for d in deletions(key) {
                let run = near.entry(d).or_default();
                if !run.contains(&e) {
                    run.push(e);
                }
            }
        }
    }
    let mut nb = fst::MapBuilder::memory();
    let mut postings = Vec::new();
    let mut offset = 0u64;
    for (k, run) in &near {
        nb.insert(k, (offset << 32) | run.len() as u64)
            .expect("keys are sorted and unique");
        for e in run {
            postings.extend_from_slice(&e.to_le_bytes());
        }
        offset += run.len() as u64;
    }
    Ok(Compiled {
        keys: kb.into_inner().expect("in-memory FST"),
        near: nb.into_inner().expect("in-memory FST"),
        postings,
        rows: index,
        ends,
        count: rows.len(),
    })
}

/// What a title of `law-lookalikes.tsv` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookalikeClass {
    PartyRegulation,
    MilitaryRegulation,
    SupervisionRegulation,
    HongKong,
    Macao,
    Foreign,
    International,
}

/// A row of `law-lookalikes.tsv`: `title<TAB>class<TAB>issuer<TAB>note<TAB>source`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike<'a> {
    pub line: usize,
    pub title: &'a str,
    pub class: LookalikeClass,
    pub issuer: &'a str,
}

/// Parses `law-lookalikes.tsv`, checking every line.
pub fn parse_lookalikes(text: &str) -> Result<Vec<Lookalike<'_>>, LineError> {
    let mut out = Vec::new();
    for (line, fields) in tsv::records(text) {
        let err = |reason: String| LineError { line, reason };
        if !(3..=5).contains(&fields.len()) {
            return Err(err(format!(
                "expected 5 TAB-separated fields (title, class, issuer, note, source), found {}",
                fields.len()
            )));
        }
        let title = fields[0].trim();
        if let Some(reason) = title_error("title", title) {
            return Err(err(reason));
        }
        let class = match fields[1].trim() {
            "party-regulation" => LookalikeClass::PartyRegulation,
            "military-regulation" => LookalikeClass::MilitaryRegulation,
            "supervision-regulation" => LookalikeClass::SupervisionRegulation,
            "hong-kong" => LookalikeClass::HongKong,
            "macao" => LookalikeClass::Macao,
            "foreign" => LookalikeClass::Foreign,
            "international" => LookalikeClass::International,
            other => {
                return Err(err(format!(
                    "class {other:?}: use party-regulation, military-regulation, supervision-regulation, \
                     hong-kong, macao, foreign or international"
                )))
            }
        };
        out.push(Lookalike {
            line,
            title,
            class,
            issuer: fields[2].trim(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_edits() {
        assert_eq!(Date::parse("2021-01-01").unwrap().chinese(), "2021年1月1日");
        assert_eq!(Date::parse("2021-06").unwrap().chinese(), "2021年6月");
        assert_eq!(Date::parse("2013").unwrap().last_day(), (2013, 12, 31));
        for bad in ["21-01-01", "2021-13-01", "2021-1-1", "2021-01-01-01", ""] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(one_edit("劳动合同法", "劳动和同法"));
        assert!(one_edit("消防法", "消防安法"));
        assert!(one_edit("中华人民共和国宪法", "中华人民共和宪法"));
        assert!(!one_edit("消防法", "消防法"));
        assert!(!one_edit("防洪法", "洪防法"));
        assert!(!one_edit("国旗法", "国旗歌法法"));
        assert_eq!(deletions("宪法"), ["法", "宪"]);
        assert_eq!(deletions("法法"), ["法"]);
    }

    #[test]
    fn a_users_list_needs_three_columns() {
        let rows = parse_laws("浙江省安全生产条例\tlocal-regulation\tin-force\n", true).unwrap();
        assert_eq!(rows[0].kind, LawKind::LocalRegulation);
        let err = parse_laws("浙江省安全生产条例\tlocal-regulation\tin-force\n", false).unwrap_err();
        assert!(
            err.reason.starts_with("expected 15 TAB-separated fields"),
            "{}",
            err.reason
        );
        let err = parse_laws("X条例\tlocal\tin-force\n", true).unwrap_err();
        assert!(err.reason.contains("use constitution"), "{}", err.reason);
        let bad = "某条例\tlocal-rule\tin-force\t\t\t\t2020年修正\n";
        assert!(parse_laws(bad, true).unwrap_err().reason.contains("2021-06-10修正"));
        let dup = "甲条例\tlocal-rule\tin-force\n乙条例\tlocal-rule\tin-force\t\t\t\t\t\t\t\t\t甲条例\n";
        let err = compile(dup, true).unwrap_err();
        assert_eq!(err.line, 2);
        let list = "\u{feff}# 注释\n甲条例\tlocal-rule\tin-force\r\n\n乙法\tlocal-rule\trepealed\t\t\t\t\t\t2020\n";
        let c = compile(list, true).unwrap();
        assert_eq!((c.count, c.ends.as_str()), (2, "法例"));
        let second = row_at(body(list), &c.rows, 1, true).unwrap();
        assert_eq!(
            (second.line, second.title, second.status),
            (4, "乙法", Status::Repealed)
        );
        assert_eq!(row_at(body(list), &c.rows, 0, true).unwrap().title, "甲条例");
        assert!(row_at(body(list), &c.rows, 2, true).is_none());
    }
}
