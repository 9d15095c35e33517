//! 法律关: `law.title` and `law.article`, cited laws and regulations.
//!
//! * `law.title`: a cited title that is repealed (reported as an error:
//!   《合同法》已于2021年1月1日废止，相关规定见《中华人民共和国民法典》合同编),
//!   renamed, or misnamed: one character off a listed title, the
//!   中华人民共和国 prefix extra or miswritten, 法 for 条例 or the reverse, a
//!   filler word inserted (warnings, with the right title as suggestion).
//! * `law.article`: after a title in force, an article number beyond the
//!   current text (第N条) or a revision year the title does not have
//!   (《X》（2022年修订）) (warnings).
//!
//! A citation is a title in 《》 (the scan finds 《), or a bare title right
//! after 根据, 依照, 依据, 按照, 违反 or 适用 (the scan finds the word);
//! bare titles are matched exactly only. Data: `dictionaries/laws.tsv` and
//! `dictionaries/law-lookalikes.tsv`, compiled by `build/laws.rs` into the
//! tables of `lawtable.rs`; an office adds its own list
//! (`LinterBuilder::laws`). The design, with every guard, is the section
//! 法律关 of `dictionaries/README.md`. The guards (the rule stays silent):
//!
//! * history: 原 or 旧 right before the title; 曾, 当时, 彼时, 原来, 废止,
//!   失效, 施行前, 取代, 替代, 改为, 更名 in the sentence; 对《X》…修订; a
//!   date in the sentence before the repeal; the successor named in it;
//! * quotations (“…”, ‘…’, 「…」, 『…』), for all but misspellings;
//! * titles that are not checked: drafts (草案, 征求意见稿), the titles of
//!   `law-lookalikes.tsv` and their classes (中国共产党…, 军事…),
//!   local titles (a place name first) unless a user's list names them,
//!   titles not ending like a law (通知, 意见, 规划 …; 办法, 规定 only
//!   when listed), foreign and Hong Kong or Macao law (their names before
//!   the title in the sentence);
//! * rows whose status is unverified; article and revision checks only
//!   where the row has the article count and a complete revision list.
//!
//! The work per citation is bounded: a title is at most 64 characters, a
//! bare one 30, the sentence looked at 160 characters either side.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::{Origin, Severity};
use crate::engine::Hit;
use crate::error::{Error, ErrorKind};
use crate::lawtable::{self, Change, Date, LawRow, Status, PRC};
use crate::layout::Kind;
use crate::rules::{Category, Context, Finding, Needs, Rule, RuleInfo, Sink};
use crate::tsv::is_han;

/// The kinds of the scan both rules read (each rule's findings come from
/// the same citations).
const KINDS: &[Kind] = &[Kind::LawBracket, Kind::LawTrigger];

pub(crate) const TITLE: RuleInfo = RuleInfo {
    id: "law.title",
    category: Category::Serious,
    default_severity: Severity::Warning,
    summary: "引用的法律法规已废止、已更名或名称有误（法律关）",
    example: "根据《合同法》第一百零七条，违约方应当承担违约责任。",
    explanation: "查找引用的法律、行政法规和司法解释（书名号中的名称，以及“根据”“依照”“依据”“按照”“违反”“适用”后不带书名号的“……法”“……条例”）：\
已废止的当作现行引用（错误，说明废止日期和替代的法律，如“《合同法》已于2021年1月1日废止，相关规定见《中华人民共和国民法典》合同编”）；\
已更名的用旧名；名称有误的（错一个字，多了或写错“中华人民共和国”，法与条例混淆，多出“管理”“安全”等词），给出正确名称（警告）。\
不报：前有“原”“旧”，句中有“曾”“当时”“彼时”“原来”“废止”“失效”“施行前”“取代”“替代”“改为”“更名”，句中日期早于废止日期，或句中提到替代的法律等历史表述；引号中的引文；\
草案和征求意见稿；党内法规、军事法规、监察法规、港澳法律和外国法律（dictionaries/law-lookalikes.tsv 及同类名称）；\
以地名开头的地方性法规和规章（单位可用 LinterBuilder::laws 加入本地法规清单后核对）；通知、意见、规划等非法律文件；现状未核实的条目。\
数据截止日期见 dictionaries/laws.tsv 文件头。",
    miswritten: false,
    serious_from: Some(Severity::Error),
    data: &["dictionaries/laws.tsv", "dictionaries/law-lookalikes.tsv"],
    needs: Needs::scan(KINDS),
};

pub(crate) const ARTICLE: RuleInfo = RuleInfo {
    id: "law.article",
    category: Category::Serious,
    default_severity: Severity::Warning,
    summary: "引用的条号超出现行文本，或注明的修改年份不存在（法律关）",
    example: "依照《中华人民共和国消防法》第九十条，责令停产停业。",
    explanation: "在现行有效的法律法规名称之后核对：“第N条”（中文或阿拉伯数字，“之一”不计）超出现行文本的条数；\
名称所带的修改年份（“《X》（2022年修订）”“《X（2022年修正）》”“2022年修订的《X》”）不在该法的修正、修订年份之列（通过、公布、颁布的年份按制定年份核对）。\
修正与修订混用不报。数据中条数未统计、修改记录不完整或现状未核实的条目不核对；注明旧版本年份、历史表述和引文中的条号不报。数据截止日期见 dictionaries/laws.tsv 文件头。",
    miswritten: false,
    serious_from: Some(Severity::Error),
    data: &["dictionaries/laws.tsv"],
    needs: Needs::scan(KINDS),
};

static LAWS: &str = include_str!("../../dictionaries/laws.tsv");
static KEYS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/laws.keys"));
static NEAR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/laws.near"));
static POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/laws.postings"));
static ROWS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/laws.rows"));
static LOOKALIKES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/laws.lookalikes"));
static MARKERS: &str = include_str!(concat!(env!("OUT_DIR"), "/laws.markers"));
static ENDS: &str = include_str!(concat!(env!("OUT_DIR"), "/laws.ends"));

/// The path of the built-in list, for the origin of findings.
pub(crate) const LAWS_PATH: &str = "dictionaries/laws.tsv";

/// A list of laws compiled for look-up: the built-in one, opened in place,
/// or an office's own (`LinterBuilder::laws`).
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Its name in origins: `dictionaries/laws.tsv`, or the user's.
    source: Arc<str>,
    /// Whether it is a user's list (its format is the user's).
    user: bool,
    body: Cow<'static, str>,
    keys: fst::Map<Cow<'static, [u8]>>,
    near: fst::Map<Cow<'static, [u8]>>,
    postings: Cow<'static, [u8]>,
    rows: Cow<'static, [u8]>,
    /// The last characters of its keys.
    ends: Cow<'static, str>,
}

impl Table {
    /// The built-in list: no copy, no parse.
    pub(crate) fn builtin() -> Table {
        Table {
            source: LAWS_PATH.into(),
            user: false,
            body: Cow::Borrowed(lawtable::body(LAWS)),
            keys: fst::Map::new(Cow::Borrowed(KEYS)).expect("the build script writes a valid FST"),
            near: fst::Map::new(Cow::Borrowed(NEAR)).expect("the build script writes a valid FST"),
            postings: Cow::Borrowed(POSTINGS),
            rows: Cow::Borrowed(ROWS),
            ends: Cow::Borrowed(ENDS),
        }
    }

    /// Compiles an office's list in the format of `laws.tsv` (title, kind
    /// and status required). `source` names it in errors and origins.
    pub(crate) fn compile(source: &str, text: &str) -> Result<Table, Error> {
        let c = lawtable::compile(text, true).map_err(|e| {
            Error::new(ErrorKind::Dictionary {
                source: source.to_string(),
                line: e.line,
                reason: e.reason,
            })
        })?;
        Ok(Table {
            source: source.into(),
            user: true,
            body: Cow::Owned(lawtable::body(text).to_string()),
            keys: fst::Map::new(Cow::Owned(c.keys)).expect("just built"),
            near: fst::Map::new(Cow::Owned(c.near)).expect("just built"),
            postings: Cow::Owned(c.postings),
            rows: Cow::Owned(c.rows),
            ends: Cow::Owned(c.ends),
        })
    }

    fn row(&self, i: usize) -> Option<LawRow<'_>> {
        lawtable::row_at(&self.body, &self.rows, i, self.user)
    }

    /// The row, key and status a normalized key names.
    fn get(&self, key: &str) -> Option<(usize, usize, Status)> {
        self.keys.get(key).map(lawtable::unpack_value)
    }

    /// The entries of a run of the near-miss index.
    fn run(&self, value: u64) -> impl Iterator<Item = (usize, usize)> + '_ {
        let (offset, count) = ((value >> 32) as usize, (value & 0xffff_ffff) as usize);
        (offset..offset + count).filter_map(move |k| {
            let b = self.postings.get(4 * k..4 * k + 4)?;
            Some(lawtable::unpack(u64::from(u32::from_le_bytes([
                b[0], b[1], b[2], b[3],
            ]))))
        })
    }

    /// The rows and keys one edit away from `q` (normalized), unverified.
    fn near(&self, q: &str, out: &mut Vec<(usize, usize)>) {
        if let Some(v) = self.near.get(q) {
            out.extend(self.run(v));
        }
        for d in lawtable::deletions(q) {
            if let Some(v) = self.keys.get(&d) {
                let (row, key, _) = lawtable::unpack_value(v);
                out.push((row, key));
            }
            if let Some(v) = self.near.get(&d) {
                out.extend(self.run(v));
            }
        }
    }
}

/// The built-in data of the rules: the list of laws and the lookalikes.
pub(crate) struct Builtin {
    table: Table,
    lookalikes: fst::Set<&'static [u8]>,
    /// Names that make a title after them in the sentence a foreign or a
    /// Hong Kong or Macao one.
    markers: Vec<&'static str>,
}

impl Builtin {
    pub(crate) fn new() -> Builtin {
        Builtin {
            table: Table::builtin(),
            lookalikes: fst::Set::new(LOOKALIKES).expect("the build script writes a valid FST"),
            markers: MARKERS.lines().filter(|m| !m.is_empty()).collect(),
        }
    }
}

/// A key found: which row of which table, by which key, and the row's
/// status (without reading the row).
#[derive(Clone, Copy)]
struct Entry<'a> {
    table: &'a Table,
    index: usize,
    key: usize,
    status: Status,
}

impl<'a> Entry<'a> {
    /// The same with its row read.
    fn found(self) -> Option<Found<'a>> {
        Some(Found {
            table: self.table,
            row: self.table.row(self.index)?,
            index: self.index,
            key: self.key,
        })
    }
}

/// A row found and read.
#[derive(Clone)]
struct Found<'a> {
    table: &'a Table,
    row: LawRow<'a>,
    index: usize,
    key: usize,
}

impl Found<'_> {
    /// The title as the text should write it: the key it was found by, as
    /// the list writes it (with or without 中华人民共和国 as the query).
    fn as_cited(&self) -> &str {
        lawtable::key_text(&self.row, self.key)
    }

    fn origin(&self) -> Option<Origin> {
        Some(Origin::new(self.table.source.clone(), self.row.line))
    }

    fn same(&self, other: &Found<'_>) -> bool {
        std::ptr::eq(self.table, other.table) && self.index == other.index
    }
}

/// The lists a check looks in: the user's, last first, then the built-in.
struct Laws<'a> {
    tables: Vec<&'a Table>,
    builtin: &'a Builtin,
}

impl<'a> Laws<'a> {
    fn new(cx: &'a Context<'_>) -> Laws<'a> {
        let builtin = &cx.engine.laws;
        let mut tables: Vec<&Table> = cx.laws.iter().rev().collect();
        tables.push(&builtin.table);
        Laws { tables, builtin }
    }

    /// The row a normalized title names (中华人民共和国 optional, see
    /// `lawtable::ALIAS`), in the first list that has it.
    fn find(&self, key: &str) -> Option<Entry<'a>> {
        self.tables.iter().find_map(|&table| {
            let (index, key, status) = table.get(key)?;
            Some(Entry {
                table,
                index,
                key,
                status,
            })
        })
    }

    /// The same, read.
    fn read(&self, key: &str) -> Option<Found<'a>> {
        self.find(key)?.found()
    }

    /// Whether some list has a key ending in the last character of `q`.
    fn may_list(&self, q: &str) -> bool {
        q.chars()
            .last()
            .is_some_and(|c| self.tables.iter().any(|t| t.ends.contains(c)))
    }

    /// The current row a repealed or renamed one leads to, and whether it
    /// took more than one step.
    fn successor(&self, row: &LawRow<'_>) -> Option<(Found<'a>, usize)> {
        let mut steps = 0;
        let mut next = self.read(&lawtable::normalize(row.successor))?;
        while matches!(next.row.status, Status::Repealed | Status::AmendedRenamed) && steps < 8 {
            if next.row.successor.is_empty() {
                break;
            }
            match self.read(&lawtable::normalize(next.row.successor)) {
                Some(f) => next = f,
                None => break,
            }
            steps += 1;
        }
        Some((next, steps + 1))
    }

    fn is_lookalike(&self, q: &str) -> bool {
        self.builtin.lookalikes.contains(q)
    }

    /// Whether a lookalike title is one edit from `q`.
    fn near_lookalike(&self, q: &str) -> bool {
        use fst::{IntoStreamer, Streamer};
        let mut stream = self.builtin.lookalikes.into_stream();
        while let Some(k) = stream.next() {
            if std::str::from_utf8(k).is_ok_and(|k| lawtable::one_edit(k, q)) {
                return true;
            }
        }
        false
    }
}

/// A year attached to a title: （2022年修订）, 2022年修订的《…》.
#[derive(Debug, Clone)]
struct Year {
    /// The year and its verb (2022年修订) in the text.
    span: Range<usize>,
    year: u16,
    /// 通过, 公布 or 颁布 (the adoption), not 修正, 修订 or 修改.
    adopted: bool,
}

/// A cited title.
#[derive(Debug, Clone)]
struct Citation {
    /// Where it starts: the 《, or the bare title.
    open: usize,
    /// The title as written, without a year qualifier inside the marks.
    title: Range<usize>,
    /// Where it ends: after the 》, or after the bare title.
    close: usize,
    bracketed: bool,
    year: Option<Year>,
}

/// The longest title read in 《》, in characters.
const MAX_TITLE: usize = 64;
/// The longest bare title, in characters.
const MAX_BARE: usize = 30;
/// How far the guards look either side of a citation, in characters.
const WINDOW: usize = 160;

/// Reports the findings of both rules, from the citations the scan found.
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    // The scan files the kinds under whichever of the two rules is on.
    let mut hits: Vec<Hit> = cx
        .hits(Rule::LawTitle)
        .iter()
        .chain(cx.hits(Rule::LawArticle))
        .copied()
        .collect();
    if hits.is_empty() {
        return;
    }
    hits.sort_by_key(|h| h.start);
    let laws = Laws::new(cx);
    let text = cx.text;
    let mut covered = 0;
    for h in hits {
        if h.start() < covered {
            continue;
        }
        let citation = match h.kind() {
            Some(Kind::LawBracket) => bracketed(text, h.start()),
            Some(Kind::LawTrigger) => bare(text, h.end()),
            _ => None,
        };
        if let Some(c) = citation {
            covered = c.close;
            judge(&laws, text, &c, sink);
        }
    }
}

/// The title in 《》 opened at `at`.
fn bracketed(text: &str, at: usize) -> Option<Citation> {
    let start = at + '《'.len_utf8();
    let mut depth = 0usize;
    let mut end = None;
    for (n, (i, c)) in text[start..].char_indices().enumerate() {
        if n > MAX_TITLE {
            return None;
        }
        match c {
            '《' => depth += 1,
            '》' if depth == 0 => {
                end = Some(start + i);
                break;
            }
            '》' => depth -= 1,
            '\n' | '\r' => return None,
            _ => {}
        }
    }
    let end = end?;
    if end == start {
        return None;
    }
    let close = end + '》'.len_utf8();
    let mut title = start..end;
    let mut year = None;
    // 《X（2021年修正）》
    if let Some((open, inner)) = last_paren(&text[start..end]) {
        if let Some(y) = paren_year(text, start + inner.start, start + inner.end) {
            title = start..start + open;
            year = Some(y);
        }
    }
    // 《X》（2021年修正）
    if year.is_none() {
        let rest = &text[close..];
        let (open_len, close_char) = match rest.chars().next() {
            Some('（') => ('（'.len_utf8(), '）'),
            Some('(') => (1, ')'),
            _ => (0, ' '),
        };
        if open_len > 0 {
            if let Some(k) = head(rest, 48).find(close_char) {
                year = paren_year(text, close + open_len, close + k);
            }
        }
    }
    // 2021年修订的《X》
    if year.is_none() {
        year = year_before(text, at);
    }
    if title.is_empty() {
        return None;
    }
    Some(Citation {
        open: at,
        title,
        close,
        bracketed: true,
        year,
    })
}

/// The byte offset of the last （ or ( of `s` that a ） or ) ending `s`
/// closes, and the range of what is between.
fn last_paren(s: &str) -> Option<(usize, Range<usize>)> {
    let (close, open) = if s.ends_with('）') {
        ('）', '（')
    } else if s.ends_with(')') {
        (')', '(')
    } else {
        return None;
    };
    let body = &s[..s.len() - close.len_utf8()];
    let o = body.rfind(open)?;
    Some((o, o + open.len_utf8()..body.len()))
}

/// The verbs of a year attached to a title; the last three are those of
/// the adoption.
const YEAR_VERBS: [&str; 6] = ["修正", "修订", "修改", "通过", "公布", "颁布"];

/// A year and its verb at the start of `s` (2022年修订, 2022修订,
/// 2021年6月10日修正, 2021年新修订): its length in bytes, the year, and
/// whether the verb is that of the adoption.
fn year_verb(s: &str) -> Option<(usize, u16, bool)> {
    let b = s.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year: u16 = s[..4].parse().ok()?;
    let mut i = 4;
    if let Some(rest) = s[i..].strip_prefix('年') {
        i = s.len() - rest.len();
        // 6月10日
        let digits = |from: usize| s[from..].bytes().take_while(u8::is_ascii_digit).count();
        let m = digits(i);
        if (1..=2).contains(&m) && s[i + m..].starts_with('月') {
            i += m + '月'.len_utf8();
            let d = digits(i);
            if (1..=2).contains(&d) && s[i + d..].starts_with('日') {
                i += d + '日'.len_utf8();
            }
        }
    }
    if s[i..].starts_with('新') {
        i += '新'.len_utf8();
    }
    let k = YEAR_VERBS.iter().position(|v| s[i..].starts_with(v))?;
    Some((i + YEAR_VERBS[k].len(), year, k >= 3))
}

/// A year qualifier that is all of `text[from..to]`: 2021年修正, 2021修订本.
fn paren_year(text: &str, from: usize, to: usize) -> Option<Year> {
    let s = &text[from..to];
    let (len, year, adopted) = year_verb(s)?;
    if !matches!(&s[len..], "" | "本" | "文本" | "版") {
        return None;
    }
    Some(Year {
        span: from..from + len,
        year,
        adopted,
    })
}

/// A year right before a title: 2022年修订的《X》, 2021年修正后的《X》.
fn year_before(text: &str, at: usize) -> Option<Year> {
    let before = &text[..at];
    let core = before.strip_suffix('的')?;
    let core = core.strip_suffix('后').unwrap_or(core);
    // Start within the last 24 bytes (2021年12月31日新修订: 23 bytes).
    let from = core.len().saturating_sub(24);
    let mut p = from;
    while p + 4 <= core.len() {
        if core.is_char_boundary(p)
            && (p == 0 || !core.as_bytes()[p - 1].is_ascii_digit())
            && core.as_bytes()[p].is_ascii_digit()
        {
            if let Some((len, year, adopted)) = year_verb(&core[p..]) {
                if p + len == core.len() {
                    return Some(Year {
                        span: p..p + len,
                        year,
                        adopted,
                    });
                }
            }
        }
        p += 1;
    }
    None
}

/// What may follow a bare title.
fn ends_bare(after: &str) -> bool {
    match after.chars().next() {
        None => true,
        Some(c) if !is_han(c) => !c.is_alphanumeric(),
        Some(_) => ["第", "的", "规定", "有关", "相关", "等", "和", "及", "、"]
            .iter()
            .any(|w| after.starts_with(w)),
    }
}

/// The bare title right after a trigger word ending at `from`: the
/// shortest run of Han characters ending in 法, 法典, 条例 or 通则 that a
/// word of [`ends_bare`] or punctuation follows.
fn bare(text: &str, from: usize) -> Option<Citation> {
    let rest = &text[from..];
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= MAX_BARE || !is_han(c) {
            return None;
        }
        let end = i + c.len_utf8();
        let run = &rest[..end];
        if n >= 1
            && (run.ends_with('法') || run.ends_with("法典") || run.ends_with("条例") || run.ends_with("通则"))
            && ends_bare(&rest[end..])
        {
            return Some(Citation {
                open: from,
                title: from..from + end,
                close: from + end,
                bracketed: false,
                year: None,
            });
        }
    }
    None
}

/// Judges a citation and reports what is wrong with it.
fn judge(laws: &Laws<'_>, text: &str, c: &Citation, sink: &mut Sink<'_>) {
    let q = lawtable::normalize(&text[c.title.clone()]);
    if !laws.may_list(&q) || q.contains("草案") || q.contains("征求意见稿") {
        return;
    }
    match laws.find(&q) {
        Some(entry) => listed(laws, text, c, entry, sink),
        None if c.bracketed && sink.enabled(Rule::LawTitle) => {
            if let Some(f) = near_miss(laws, text, c, &q) {
                sink.report(Rule::LawTitle, f);
            }
        }
        None => {}
    }
}

/// A listed title: its status, article and year.
fn listed(laws: &Laws<'_>, text: &str, c: &Citation, entry: Entry<'_>, sink: &mut Sink<'_>) {
    match entry.status {
        Status::Unverified => {}
        Status::InForce => {
            // Most citations have neither a year nor an article number.
            if !sink.enabled(Rule::LawArticle) || (c.year.is_none() && article_after(text, c.close).is_none()) {
                return;
            }
            let around = Around::new(text, c);
            let Some(found) = entry.found().filter(|_| !around.foreign(laws)) else {
                return;
            };
            if let Some(f) = revision_year(text, c, &found) {
                sink.report(Rule::LawArticle, f);
            }
            if let Some(f) = article(text, c, &found, &around) {
                sink.report(Rule::LawArticle, f);
            }
        }
        Status::Repealed | Status::AmendedRenamed => {
            if !sink.enabled(Rule::LawTitle) {
                return;
            }
            let around = Around::new(text, c);
            let Some(found) = entry.found() else { return };
            if around.history(c, laws, &found.row) || around.quoted || around.foreign(laws) {
                return;
            }
            sink.report(Rule::LawTitle, repealed(laws, text, c, &found));
        }
    }
}

/// The finding of a repealed or renamed title cited as current.
fn repealed(laws: &Laws<'_>, text: &str, c: &Citation, found: &Found<'_>) -> Finding {
    let written = &shown(&text[c.title.clone()]);
    let row = &found.row;
    let successor = laws.successor(row);
    let (message, severity) = if row.status == Status::AmendedRenamed {
        let when = row.repealed.map_or(String::new(), |d| format!("已于{}", d.chinese()));
        let new = successor.as_ref().map_or(row.successor, |(s, _)| s.row.title);
        (format!("《{written}》{when}更名为《{new}》，请使用现名称"), None)
    } else {
        let when = row
            .repealed
            .map_or_else(|| "已废止".to_string(), |d| format!("已于{}废止", d.chinese()));
        let mut m = format!("《{written}》{when}");
        match &successor {
            Some((s, steps)) => {
                m.push_str(&format!("，相关规定见《{}》", s.row.title));
                if *steps == 1 {
                    m.push_str(&row.successor_parts().collect::<Vec<_>>().join("、"));
                } else {
                    m.push_str(&format!("（《{}》亦已废止）", row.successor));
                }
            }
            None => m.push_str("，请核实现行有效的依据"),
        }
        m.push_str(&format!("；如指废止前的规定，请写“原《{written}》”"));
        (m, Some(Severity::Error))
    };
    let suggestions = successor.map(|(s, _)| s.row.title.to_string()).into_iter().collect();
    let f = Finding::new(c.title.clone(), message, suggestions).from(found.origin());
    match severity {
        Some(s) => f.at(s),
        None => f,
    }
}

/// How a near-miss differs from the title it misses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Miss {
    /// 中华人民共和国 put before a title that has none.
    Prefix,
    /// 法 for 条例 or the reverse.
    Ending,
    /// One character substituted, inserted or deleted.
    Edit,
    /// A filler word inserted.
    Filler(&'static str),
}

/// Words that a misremembered title gains (安全生产管理法).
const FILLERS: [&str; 6] = ["管理", "安全", "保护", "促进", "工作", "监督"];

/// How titles of the classes that are not checked begin (party, military
/// and CPPCC documents).
const CLASS_PREFIXES: [&str; 11] = [
    "中国共产党",
    "中共中央",
    "党中央",
    "党政机关",
    "党政领导干部",
    "党委",
    "党组",
    "中国人民政治协商会议",
    "军队",
    "军事",
    "中国人民解放军",
];

/// How the names of places end (浙江省, 深圳经济特区 …): a title that
/// begins with a place is a local one.
const PLACE_ENDS: [&str; 15] = [
    "经济特区",
    "自由贸易港",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "新区",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "区",
    "旗",
];

/// The place a title begins with, if it seems to: the shortest start of
/// at least two characters, ending within its first eight, in a
/// [`PLACE_ENDS`].
fn place(q: &str) -> Option<&str> {
    q.char_indices()
        .skip(1)
        .take(8)
        .flat_map(|(i, _)| {
            PLACE_ENDS
                .iter()
                .filter(move |end| q[i..].starts_with(**end))
                .map(move |end| i + end.len())
        })
        .min()
        .map(|e| &q[..e])
}

/// Adds a candidate of [`near_miss`] unless it is one already.
fn add<'a>(f: Found<'a>, how: Miss, found: &mut Vec<(Found<'a>, Miss)>) {
    if !found.iter().any(|(g, _)| g.same(&f) || g.row.title == f.row.title) {
        found.push((f, how));
    }
}

/// An unlisted title in 《》 that misses a listed one.
fn near_miss(laws: &Laws<'_>, text: &str, c: &Citation, q: &str) -> Option<Finding> {
    if !lawtable::law_ending(q) || q.chars().count() < 4 {
        return None;
    }
    if laws.is_lookalike(q) || CLASS_PREFIXES.iter().any(|p| q.starts_with(p)) {
        return None;
    }
    let mut found: Vec<(Found<'_>, Miss)> = Vec::new();
    let unprefixed = q.strip_prefix(PRC);
    if let Some(rest) = unprefixed.filter(|r| r.chars().count() >= 2) {
        // Not the title itself without the prefix (its alias).
        if let Some(f) = laws
            .find(rest)
            .filter(|e| e.key != lawtable::ALIAS)
            .and_then(Entry::found)
        {
            add(f, Miss::Prefix, &mut found);
        }
    }
    if !q.ends_with("实施条例") && !q.ends_with("实施细则") {
        let swapped = match q.strip_suffix("条例") {
            Some(s) => format!("{s}法"),
            None => format!("{}条例", q.strip_suffix('法').unwrap_or(q)),
        };
        if q.ends_with('法') || q.ends_with("条例") {
            let f = laws
                .read(&swapped)
                .or_else(|| swapped.strip_prefix(PRC).and_then(|s| laws.read(s)));
            if let Some(f) = f {
                add(f, Miss::Ending, &mut found);
            }
        }
    }
    let mut entries = Vec::new();
    for &table in &laws.tables {
        entries.clear();
        table.near(q, &mut entries);
        entries.sort_unstable();
        entries.dedup();
        for &(index, key) in &entries {
            let Some(row) = table.row(index) else { continue };
            let f = Found { table, row, index, key };
            if lawtable::one_edit(&lawtable::normalize(f.as_cited()), q) {
                add(f, Miss::Edit, &mut found);
            }
        }
    }
    for w in FILLERS {
        for (i, _) in q.match_indices(w) {
            let without = format!("{}{}", &q[..i], &q[i + w.len()..]);
            if let Some(f) = laws.read(&without) {
                add(f, Miss::Filler(w), &mut found);
            }
        }
    }
    let [(f, how)] = found.as_slice() else {
        return None;
    };
    if laws.near_lookalike(q) {
        return None;
    }
    // A title that begins with a place is a local one, unless the listed
    // title begins with the same words (城市供水条例).
    let bare_q = unprefixed.unwrap_or(q);
    let suggestion = f.as_cited();
    let bare_s = suggestion.strip_prefix(PRC).unwrap_or(suggestion);
    if place(bare_q).is_some_and(|p| !bare_s.starts_with(p)) {
        return None;
    }
    let around = Around::new(text, c);
    if around.foreign(laws) {
        return None;
    }
    let written = &shown(&text[c.title.clone()]);
    let mut message = format!("法规名称有误：《{written}》应为《{suggestion}》");
    if suggestion != f.row.title {
        message.push_str(&format!("（全称《{}》）", f.row.title));
    }
    match how {
        Miss::Prefix => message.push_str("，其名称中没有“中华人民共和国”"),
        Miss::Ending if suggestion.ends_with("条例") => message.push_str("，是“条例”不是“法”"),
        Miss::Ending => message.push_str("，是“法”不是“条例”"),
        Miss::Filler(w) => message.push_str(&format!("，名称中没有“{w}”")),
        Miss::Edit => {}
    }
    let mut severity = None;
    if matches!(f.row.status, Status::Repealed | Status::AmendedRenamed)
        && !around.history(c, laws, &f.row)
        && !around.quoted
    {
        let when = f
            .row
            .repealed
            .map_or_else(|| "已废止".to_string(), |d| format!("已于{}废止", d.chinese()));
        message.push_str(&format!("；且{}{when}", f.row.kind.pronoun()));
        if let Some((s, _)) = laws.successor(&f.row) {
            message.push_str(&format!("，相关规定见《{}》", s.row.title));
        }
        severity = Some(Severity::Error);
    }
    let finding = Finding::new(c.title.clone(), message, vec![suggestion.to_string()]).from(f.origin());
    Some(match severity {
        Some(s) => finding.at(s),
        None => finding,
    })
}

/// The sentence around a citation, and what the guards read in it.
struct Around<'t> {
    /// The sentence before the citation (at most [`WINDOW`] characters).
    before: &'t str,
    /// The sentence after it.
    after: &'t str,
    /// Whether the citation is inside quotation marks.
    quoted: bool,
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?')
}

/// Marks of history in the sentence of a repealed title.
const HISTORY: [&str; 13] = [
    "曾",
    "当时",
    "彼时",
    "原来",
    "旧的",
    "废止",
    "失效",
    "施行前",
    "取代",
    "替代",
    "改为",
    "更名",
    "以前的",
];

/// Marks that an article number is that of an older text.
const OLDER_TEXT: [&str; 10] = [
    "修订前",
    "修正前",
    "修改前",
    "原来",
    "曾",
    "当时",
    "彼时",
    "旧的",
    "旧版",
    "以前的",
];

impl<'t> Around<'t> {
    fn new(text: &'t str, c: &Citation) -> Around<'t> {
        let mut start = c.open;
        for (n, (i, ch)) in text[..c.open].char_indices().rev().enumerate() {
            if n >= WINDOW || ends_sentence(ch) {
                break;
            }
            start = i;
        }
        let mut end = c.close;
        for (n, (i, ch)) in text[c.close..].char_indices().enumerate() {
            if n >= WINDOW || ends_sentence(ch) {
                break;
            }
            end = c.close + i + ch.len_utf8();
        }
        let before = &text[start..c.open];
        // The nearest quotation mark before the citation, on its line.
        let quoted = text[..c.open]
            .chars()
            .rev()
            .take(2 * WINDOW)
            .take_while(|&ch| ch != '\n')
            .find(|ch| matches!(ch, '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』'))
            .is_some_and(|ch| matches!(ch, '“' | '‘' | '「' | '『'));
        Around {
            before,
            after: &text[c.close..end],
            quoted,
        }
    }

    fn contains(&self, marks: &[&str]) -> bool {
        marks.iter().any(|m| self.before.contains(m) || self.after.contains(m))
    }

    /// Whether a foreign, Hong Kong or Macao name precedes the citation.
    fn foreign(&self, laws: &Laws<'_>) -> bool {
        laws.builtin.markers.iter().any(|m| self.before.contains(m))
    }

    /// Whether the sentence tells of the time before the repeal of `row`.
    fn history(&self, c: &Citation, laws: &Laws<'_>, row: &LawRow<'_>) -> bool {
        if self.before.ends_with(['原', '旧']) || self.contains(&HISTORY) {
            return true;
        }
        // 对《X》进行了修订: the revision that replaced it.
        if self.before.ends_with('对')
            && ["修订", "修改", "修正"]
                .iter()
                .any(|w| head(self.after, 12).contains(w))
        {
            return true;
        }
        if let Some(repealed) = row.repealed {
            let sentence_dates = dates(self.before).chain(dates(self.after));
            let year = c.year.as_ref().map(|y| Date {
                year: y.year,
                month: 0,
                day: 0,
            });
            if sentence_dates.chain(year).any(|d| d.first_day() < repealed.last_day()) {
                return true;
            }
        }
        // The successor named outside the citation, not as part of the
        // repealed title (医师法 in 执业医师法).
        let mut names: Vec<String> = Vec::new();
        let mut next = laws.read(&lawtable::normalize(row.successor));
        for _ in 0..8 {
            let Some(f) = next else { break };
            names.extend(f.row.keys().map(str::to_string));
            names.extend(f.row.title.strip_prefix(PRC).map(str::to_string));
            if f.row.successor.is_empty() {
                break;
            }
            next = laws.read(&lawtable::normalize(f.row.successor));
        }
        let own: Vec<&str> = row.keys().chain(row.title.strip_prefix(PRC)).collect();
        names
            .iter()
            .filter(|n| n.chars().count() >= 2)
            .any(|n| named(self.before, n, &own) || named(self.after, n, &own))
    }

    /// Whether the sentence reads as about an older text than the current
    /// one, whose last change was on `last`: words of that time, or a date
    /// surely before it (its year is the current text's).
    fn older_text(&self, last: Option<Date>) -> bool {
        self.before.ends_with(['原', '旧'])
            || self.contains(&OLDER_TEXT)
            || last.is_some_and(|l| {
                dates(self.before)
                    .chain(dates(self.after))
                    .any(|d| d.last_day() < l.first_day())
            })
    }
}

/// A title as a message writes it in 《》: a title inside it in 〈〉.
fn shown(title: &str) -> String {
    title.replace('《', "〈").replace('》', "〉")
}

/// The first `n` bytes of `s`, cut at a character boundary.
fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Whether `name` occurs in `s` other than inside one of `own` (the
/// repealed title's own names).
fn named(s: &str, name: &str, own: &[&str]) -> bool {
    s.match_indices(name).any(|(p, _)| {
        !own.iter()
            .any(|o| o.len() > name.len() && s.match_indices(o).any(|(q, _)| q <= p && p + name.len() <= q + o.len()))
    })
}

/// The dates written with Arabic digits in `s`: 2019年, 2019年3月,
/// 2019年3月1日.
fn dates(s: &str) -> impl Iterator<Item = Date> + '_ {
    s.match_indices('年').filter_map(move |(i, _)| {
        let b = s.as_bytes();
        if i < 4 || !b[i - 4..i].iter().all(u8::is_ascii_digit) || (i > 4 && b[i - 5].is_ascii_digit()) {
            return None;
        }
        let year: u16 = s[i - 4..i].parse().ok()?;
        if !(1900..2100).contains(&year) {
            return None;
        }
        let rest = &s[i + '年'.len_utf8()..];
        let number = |r: &str, unit: char| -> Option<(u8, usize)> {
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            if !(1..=2).contains(&n) || !r[n..].starts_with(unit) {
                return None;
            }
            Some((r[..n].parse().ok()?, n + unit.len_utf8()))
        };
        let (month, day) = match number(rest, '月') {
            Some((m, len)) => (m, number(&rest[len..], '日').map_or(0, |(d, _)| d)),
            None => (0, 0),
        };
        Some(Date { year, month, day })
    })
}

/// A revision year the title does not have.
fn revision_year(text: &str, c: &Citation, found: &Found<'_>) -> Option<Finding> {
    let y = c.year.as_ref()?;
    let row = &found.row;
    if !row.revisions_complete() || row.articles.is_none() {
        return None;
    }
    let years: Vec<u16> = row.revisions().map(|r| r.date.year).collect();
    let adopted = row.adopted.map(|d| d.year);
    if years.contains(&y.year) || (y.adopted && adopted == Some(y.year)) {
        return None;
    }
    let written = &shown(&text[c.title.clone()]);
    let pronoun = row.kind.pronoun();
    let history = describe(row);
    let what = if y.adopted {
        "通过或公布"
    } else {
        "修正或修订"
    };
    let message = format!("《{written}》没有{}年的{what}：{pronoun}{history}", y.year);
    let suggestion = if y.adopted {
        adopted.map(|a| format!("{a}年{}", &text[y.span.end - "通过".len()..y.span.end]))
    } else {
        row.revisions().last().map(|r| {
            let word = if r.change == Change::Revised {
                "修订"
            } else {
                "修正"
            };
            format!("{}年{word}", r.date.year)
        })
    };
    Some(Finding::new(y.span.clone(), message, suggestion.into_iter().collect()).from(found.origin()))
}

/// A row's history in words: 于2009、2017年修正，2023年修订 (或 于2021年通过，此后未修改).
fn describe(row: &LawRow<'_>) -> String {
    let revisions: Vec<_> = row.revisions().collect();
    if revisions.is_empty() {
        return match row.adopted {
            Some(d) => format!("于{}年通过，此后未修改", d.year),
            None => "未经修改".to_string(),
        };
    }
    let mut groups: Vec<(Change, Vec<u16>)> = Vec::new();
    for r in revisions {
        match groups.last_mut() {
            Some((c, years)) if *c == r.change => years.push(r.date.year),
            _ => groups.push((r.change, vec![r.date.year])),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(c, years)| {
            let years: Vec<String> = years.iter().map(u16::to_string).collect();
            let verb = match c {
                Change::Amendment => "通过修正案",
                other => other.word(),
            };
            format!("{}年{verb}", years.join("、"))
        })
        .collect();
    format!("于{}", parts.join("，"))
}

/// An article number beyond the current text.
fn article(text: &str, c: &Citation, found: &Found<'_>, around: &Around<'_>) -> Option<Finding> {
    let row = &found.row;
    let articles = row.articles?;
    let (span, n) = article_after(text, c.close)?;
    if n <= articles {
        return None;
    }
    // An older text: a year other than the last change's, or words or
    // dates of the time before it.
    let last = row.revisions().last().map(|r| r.date).or(row.adopted);
    if let (Some(y), Some(l)) = (&c.year, last) {
        if y.year != l.year {
            return None;
        }
    }
    if around.quoted || around.older_text(last) {
        return None;
    }
    let written = &shown(&text[c.title.clone()]);
    let message = format!(
        "《{written}》现行文本共{articles}条，没有{}，请核对条号",
        &text[span.clone()]
    );
    Some(Finding::new(span, message, Vec::new()).from(found.origin()))
}

/// 第N条 right after a citation ending at `close` (a year in brackets and
/// 中, 的 or 中的 may come between): its span and N.
fn article_after(text: &str, close: usize) -> Option<(Range<usize>, u32)> {
    let mut at = close;
    let rest = &text[at..];
    for (open, shut) in [('（', '）'), ('(', ')')] {
        if rest.starts_with(open) {
            if let Some(k) = head(rest, 48).find(shut) {
                at += k + shut.len_utf8();
            }
            break;
        }
    }
    let rest = &text[at..];
    let gap = ["中的", "中", "的", ""]
        .iter()
        .find(|g| rest.strip_prefix(**g).is_some_and(|r| r.starts_with('第')))?;
    let start = at + gap.len();
    let digits = &text[start + '第'.len_utf8()..];
    let (n, len) = numeral(digits)?;
    if !digits[len..].starts_with('条') {
        return None;
    }
    let end = start + '第'.len_utf8() + len + '条'.len_utf8();
    Some((start..end, n))
}

/// A number at the start of `s` in Arabic (also full-width) or Chinese
/// numerals (一百零七, 一千二百六十): its value and length in bytes.
fn numeral(s: &str) -> Option<(u32, usize)> {
    let mut len = 0;
    let mut value: u32 = 0;
    let arabic = |c: char| match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    if s.chars().next().and_then(arabic).is_some() {
        for c in s.chars() {
            let Some(d) = arabic(c) else { break };
            value = value.checked_mul(10)?.checked_add(d)?;
            len += c.len_utf8();
        }
        return Some((value, len));
    }
    let mut digit: Option<u32> = None;
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        let unit = match c {
            '十' => Some(10),
            '百' => Some(100),
            '千' => Some(1000),
            _ => None,
        };
        match (d, unit) {
            (Some(d), _) => digit = Some(d),
            (_, Some(u)) => {
                value = value.checked_add(digit.unwrap_or(if u == 10 { 1 } else { 0 }) * u)?;
                digit = None;
            }
            _ => break,
        }
        len += c.len_utf8();
    }
    if len == 0 {
        return None;
    }
    Some((value + digit.unwrap_or(0), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        for (s, n) in [
            ("一百零七条", 107),
            ("一千二百六十条", 1260),
            ("十条", 10),
            ("二十一条", 21),
            ("一百二十五条", 125),
            ("四百五十二条", 452),
            ("72条", 72),
            ("１２０条", 120),
            ("一百一十九条", 119),
        ] {
            let (v, len) = numeral(s).unwrap();
            assert_eq!((v, &s[len..]), (n, "条"), "{s}");
        }
        assert_eq!(numeral("条"), None);
        assert_eq!(numeral("99999999999999条"), None);
    }

    #[test]
    fn years_and_places() {
        assert_eq!(year_verb("2022年修订"), Some(("2022年修订".len(), 2022, false)));
        assert_eq!(
            year_verb("2021年6月10日修正"),
            Some(("2021年6月10日修正".len(), 2021, false))
        );
        assert_eq!(year_verb("1999年通过"), Some(("1999年通过".len(), 1999, true)));
        assert_eq!(year_verb("2018年"), None);
        let t = "2024年修正的《X》";
        let y = year_before(t, t.find('《').unwrap()).unwrap();
        assert_eq!((&t[y.span], y.year), ("2024年修正", 2024));
        assert!(year_before("修正的《", "修正的".len()).is_none());
        assert_eq!(place("浙江省安全生产条例"), Some("浙江省"));
        assert_eq!(place("深圳经济特区数据条例"), Some("深圳经济特区"));
        assert_eq!(place("城市供水条例"), Some("城市"));
        assert_eq!(place("安全生产法"), None);
        let d: Vec<Date> = dates("2019年3月签订，2020年").collect();
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].year, d[0].month, d[1].month), (2019, 3, 0));
        assert!(named("医师法施行后", "医师法", &["执业医师法"]));
        assert!(!named("执业医师法施行后", "医师法", &["执业医师法"]));
    }
}
