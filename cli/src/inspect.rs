//! `jiaodui inspect`: the quarterly inspection of government new-media
//! accounts, from their posts (JSON Lines), as the notice and its
//! attachment table report it.
//!
//! Memory is bounded by the number of accounts, not of posts: posts are
//! streamed in chunks, checked in parallel, and folded into per-account
//! counters (a day bitmap for timeliness, counts per rule family, the
//! evidence of each serious finding).

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use jiaodui::config::{Config, Grade, Grades};
use jiaodui::{Document, Linter, Severity};
use std::process::ExitCode;

use crate::args::{InspectArgs, InspectFormat};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Rules whose findings are serious formulation errors or leaked secrets:
/// a single one fails the account (单项否决).
const SERIOUS: &[&str] = &[
    "formulation.near-miss",
    "name.leader",
    "political.term",
    "agency.renamed",
    "secrecy.marking",
];

/// Sources of authoritative information whose reposts count.
pub const AUTHORITATIVE: &[&str] = &[
    "新华社",
    "人民日报",
    "中国政府网",
    "央视新闻",
    "新华网",
    "人民网",
    "求是",
];

/// Serious findings kept as evidence per account (the rest are counted):
/// memory grows with accounts, not posts.
const MAX_EVIDENCE: usize = 50;

/// Posts on one day that make a burst (发布时机: many posts at once, then
/// silence).
const BURST: u16 = 10;

/// Days without an update before the end of the period that fail an account.
const STALE_DAYS: i64 = 14;

#[derive(Debug, Deserialize)]
struct Post {
    account: String,
    owner: Option<String>,
    level: Option<String>,
    platform: Option<String>,
    published_at: String,
    title: Option<String>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    is_repost: Option<bool>,
    source: Option<String>,
}

#[derive(Debug, Deserialize)]
struct AccountLine {
    account: String,
    owner: Option<String>,
    level: Option<String>,
    platform: Option<String>,
}

/// The evidence of a finding.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub date: String,
    pub title: String,
    pub url: String,
    pub rule: &'static str,
    pub message: String,
    pub excerpt: String,
}

impl Evidence {
    fn of(p: &Post, rule: &'static str, message: &str, excerpt: &str) -> Evidence {
        Evidence {
            date: p.published_at.chars().take(10).collect(),
            title: p.title.clone().unwrap_or_default(),
            url: p.url.clone().unwrap_or_default(),
            rule,
            message: message.to_string(),
            excerpt: excerpt.to_string(),
        }
    }
}

/// One account's figures for the period.
#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub account: String,
    pub owner: String,
    pub level: String,
    pub platform: String,
    pub posts: usize,
    pub characters: usize,
    /// Posts per day of the period.
    #[serde(skip)]
    days: Vec<u16>,
    /// The most posts on one day, and the days with a burst of posts.
    pub max_posts_per_day: u16,
    pub burst_days: usize,
    pub longest_gap_days: i64,
    pub stale: bool,
    pub findings_by_family: BTreeMap<String, usize>,
    pub typo_findings: usize,
    pub typos_per_10k: f64,
    pub typo_rate_high: bool,
    /// Serious findings (single vetoes); the first ones with evidence.
    pub serious_count: usize,
    pub serious: Vec<Evidence>,
    /// The first suspected typos, with evidence.
    pub typos: Vec<Evidence>,
    pub authoritative_reposts: usize,
    pub hours: [usize; 24],
    pub weekdays: [usize; 7],
    pub passed: bool,
    /// 好, 较好 or 一般 (不合格 when failed), by the thresholds.
    pub grade: String,
    /// The links found in the posts (at most [`MAX_LINKS`] per account).
    #[serde(skip)]
    links: std::collections::BTreeSet<String>,
    /// Links that did not answer, or answered with an error status.
    pub dead_links: Vec<DeadLink>,
}

/// A link that does not work.
#[derive(Debug, Clone, Serialize)]
pub struct DeadLink {
    pub url: String,
    pub error: String,
}

/// Links kept per account for `--check-links`.
const MAX_LINKS: usize = 500;

/// The http(s) links of a text: up to white space, a quote, a bracket or a
/// Chinese character.
fn links_in(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("http").filter_map(move |(i, _)| {
        let rest = &text[i..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '"' | '\'' | '<' | '>' | ')' | ']'))
            .unwrap_or(rest.len());
        Some(rest[..end].trim_end_matches(['.', ',', ';']))
    })
}

fn grade(a: &Account, g: &Grades) -> &'static str {
    let meets = |t: &Grade| {
        a.typos_per_10k <= t.max_typos_per_10k
            && a.longest_gap_days <= t.max_gap_days
            && a.authoritative_reposts >= t.min_authoritative_reposts
    };
    if !a.passed {
        "不合格"
    } else if meets(&g.good) {
        "好"
    } else if meets(&g.fair) {
        "较好"
    } else {
        "一般"
    }
}

impl Account {
    fn new(name: &str, days: usize) -> Account {
        Account {
            account: name.to_string(),
            owner: String::new(),
            level: String::new(),
            platform: "other".into(),
            posts: 0,
            characters: 0,
            days: vec![0; days],
            max_posts_per_day: 0,
            burst_days: 0,
            longest_gap_days: 0,
            stale: false,
            findings_by_family: BTreeMap::new(),
            typo_findings: 0,
            typos_per_10k: 0.0,
            typo_rate_high: false,
            serious_count: 0,
            serious: Vec::new(),
            typos: Vec::new(),
            authoritative_reposts: 0,
            hours: [0; 24],
            weekdays: [0; 7],
            passed: true,
            grade: String::new(),
            links: Default::default(),
            dead_links: Vec::new(),
        }
    }
}

/// A group's count and pass rate.
#[derive(Debug, Clone, Serialize)]
pub struct Rate {
    pub group: String,
    pub accounts: usize,
    pub passed: usize,
    /// Percent, one decimal.
    pub pass_rate: f64,
}

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    pub from: String,
    pub to: String,
    pub posts_read: usize,
    pub posts_in_period: usize,
    pub bad_lines: usize,
    pub overall: Rate,
    pub by_level: Vec<Rate>,
    pub by_platform: Vec<Rate>,
    pub accounts: Vec<Account>,
}

fn platform_name(p: &str) -> &'static str {
    match p {
        "wechat" => "微信公众号",
        "weibo" => "微博",
        "app" => "客户端",
        _ => "其他",
    }
}

fn rate(group: String, accounts: &[&Account]) -> Rate {
    let passed = accounts.iter().filter(|a| a.passed).count();
    let pass_rate = if accounts.is_empty() {
        0.0
    } else {
        (passed as f64 * 1000.0 / accounts.len() as f64).round() / 10.0
    };
    Rate {
        group,
        accounts: accounts.len(),
        passed,
        pass_rate,
    }
}

/// What one post yields, before it is folded into its account.
struct Checked {
    post: Post,
    links: Vec<String>,
    day: Option<(i64, u32, u32)>,
    characters: usize,
    findings: Vec<(&'static str, Severity, String, String)>,
}

fn excerpt(text: &str, span: std::ops::Range<usize>) -> String {
    let from = text.floor_char_boundary(span.start.saturating_sub(24));
    let to = text.ceil_char_boundary((span.end + 24).min(text.len()));
    text[from..to].replace('\n', " ")
}

fn check_post(linter: &Linter, post: Post, from: NaiveDate, to: NaiveDate) -> Option<Checked> {
    let when = DateTime::<FixedOffset>::parse_from_rfc3339(&post.published_at).ok()?;
    let date = when.date_naive();
    if date < from || date > to {
        return None;
    }
    let body = match (&post.text, &post.html) {
        (Some(t), _) => t.clone(),
        (None, Some(h)) => Document::html(h.as_str())
            .map(|d| d.plain_text().to_string())
            .unwrap_or_default(),
        (None, None) => String::new(),
    };
    let text = format!("{}\n{}", post.title.as_deref().unwrap_or(""), body);
    let findings = linter
        .check(&text)
        .into_iter()
        .map(|d| (d.rule, d.severity, d.message.clone(), excerpt(&text, d.span.clone())))
        .collect();
    let day = (
        (date - from).num_days(),
        when.hour(),
        when.weekday().num_days_from_monday(),
    );
    let raw = post.html.as_deref().unwrap_or(&body);
    let links = post
        .url
        .iter()
        .map(String::as_str)
        .chain(links_in(raw))
        .map(str::to_string)
        .collect();
    Some(Checked {
        characters: body.chars().filter(|c| !c.is_whitespace()).count(),
        post,
        links,
        day: Some(day),
        findings,
    })
}

/// Requests every link once (GET, not reading the body) with a timeout, at
/// most `concurrency` at a time, and records the dead ones per account.
fn check_links(accounts: &mut BTreeMap<String, Account>, timeout: std::time::Duration, concurrency: usize) {
    let unique: std::collections::BTreeSet<String> = accounts.values().flat_map(|a| a.links.iter().cloned()).collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(5)
        .build()
        .into();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(concurrency.max(1)).build();
    let check = |url: &String| -> (String, Option<String>) {
        let result = match agent.get(url).call() {
            Ok(resp) if resp.status().as_u16() < 400 => None,
            Ok(resp) => Some(format!("HTTP {}", resp.status().as_u16())),
            Err(e) => Some(e.to_string()),
        };
        (url.clone(), result)
    };
    let results: BTreeMap<String, Option<String>> = match pool {
        Ok(pool) => pool.install(|| unique.par_iter().map(check).collect()),
        Err(_) => unique.iter().map(check).collect(),
    };
    for a in accounts.values_mut() {
        a.dead_links = a
            .links
            .iter()
            .filter_map(|l| {
                results
                    .get(l)
                    .cloned()
                    .flatten()
                    .map(|error| DeadLink { url: l.clone(), error })
            })
            .collect();
    }
}

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

/// Reads the accounts file (JSON Lines or CSV with a header
/// `account,owner,level,platform`).
fn read_accounts(path: &Path, errors: &mut Vec<String>) -> io::Result<Vec<AccountLine>> {
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

/// Runs the inspection. Bad lines are reported in `errors` and counted.
pub fn run(linter: &Linter, opts: &Options, errors: &mut Vec<String>) -> io::Result<Report> {
    let days = ((opts.to - opts.from).num_days() + 1).max(1) as usize;
    let mut accounts: BTreeMap<String, Account> = BTreeMap::new();
    let meta = |a: &mut Account, owner: &Option<String>, level: &Option<String>, platform: &Option<String>| {
        if let Some(o) = owner.as_ref().filter(|o| !o.is_empty()) {
            a.owner = o.clone();
        }
        if let Some(l) = level.as_ref().filter(|l| !l.is_empty()) {
            a.level = l.clone();
        }
        if let Some(p) = platform.as_ref().filter(|p| !p.is_empty()) {
            a.platform = p.to_ascii_lowercase();
        }
    };
    if let Some(path) = &opts.accounts {
        for line in read_accounts(path, errors)? {
            let a = accounts
                .entry(line.account.clone())
                .or_insert_with(|| Account::new(&line.account, days));
            meta(a, &line.owner, &line.level, &line.platform);
        }
    }
    let (mut posts_read, mut in_period, mut bad) = (0usize, 0usize, 0usize);
    for path in &opts.posts {
        let file =
            std::fs::File::open(path).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let mut lines = io::BufReader::new(file).lines().enumerate();
        loop {
            // A chunk of posts, checked in parallel.
            let mut chunk: Vec<(usize, Post)> = Vec::with_capacity(2048);
            for (i, line) in lines.by_ref() {
                let line = match line {
                    Ok(l) => l,
                    Err(e) => {
                        bad += 1;
                        errors.push(format!("{}:{}: {e}", path.display(), i + 1));
                        continue;
                    }
                };
                if line.trim().is_empty() {
                    continue;
                }
                posts_read += 1;
                match serde_json::from_str::<Post>(&line) {
                    Ok(p) if DateTime::parse_from_rfc3339(&p.published_at).is_ok() => chunk.push((i + 1, p)),
                    Ok(p) => {
                        bad += 1;
                        errors.push(format!(
                            "{}:{}: published_at {:?} is not an RFC 3339 time",
                            path.display(),
                            i + 1,
                            p.published_at
                        ));
                    }
                    Err(e) => {
                        bad += 1;
                        errors.push(format!("{}:{}: {e}", path.display(), i + 1));
                    }
                }
                if chunk.len() == 2048 {
                    break;
                }
            }
            if chunk.is_empty() {
                break;
            }
            let checked: Vec<Checked> = chunk
                .into_par_iter()
                .filter_map(|(_, p)| check_post(linter, p, opts.from, opts.to))
                .collect();
            for c in checked {
                in_period += 1;
                let p = &c.post;
                let a = accounts
                    .entry(p.account.clone())
                    .or_insert_with(|| Account::new(&p.account, days));
                meta(a, &p.owner, &p.level, &p.platform);
                a.posts += 1;
                a.characters += c.characters;
                if let Some((day, hour, weekday)) = c.day {
                    if let Some(d) = a.days.get_mut(day as usize) {
                        *d = d.saturating_add(1);
                    }
                    a.hours[hour as usize % 24] += 1;
                    a.weekdays[weekday as usize % 7] += 1;
                }
                if opts.check_links.is_some() {
                    for l in &c.links {
                        if a.links.len() < MAX_LINKS {
                            a.links.insert(l.clone());
                        }
                    }
                }
                if p.is_repost == Some(true)
                    && p.source
                        .as_ref()
                        .is_some_and(|s| opts.authoritative.iter().any(|x| s.contains(x.as_str())))
                {
                    a.authoritative_reposts += 1;
                }
                for (rule, severity, message, excerpt) in &c.findings {
                    let family = rule.split('.').next().unwrap_or(rule).to_string();
                    *a.findings_by_family.entry(family).or_default() += 1;
                    if rule.starts_with("typo.") || rule.starts_with("idiom.") {
                        a.typo_findings += 1;
                        if a.typos.len() < MAX_EVIDENCE {
                            a.typos.push(Evidence::of(p, rule, message, excerpt));
                        }
                    }
                    let serious = SERIOUS.contains(rule) && (*rule != "political.term" || *severity == Severity::Error);
                    if serious {
                        a.serious_count += 1;
                    }
                    if serious && a.serious.len() < MAX_EVIDENCE {
                        a.serious.push(Evidence::of(p, rule, message, excerpt));
                    }
                }
            }
        }
    }
    // Timeliness, typo rates, verdicts.
    for a in accounts.values_mut() {
        let mut gap = 0i64;
        let mut longest = 0i64;
        for &posted in &a.days {
            gap = if posted > 0 { 0 } else { gap + 1 };
            longest = longest.max(gap);
        }
        a.longest_gap_days = longest;
        let tail = (STALE_DAYS as usize).min(a.days.len());
        a.stale = !a.days[a.days.len() - tail..].iter().any(|&d| d > 0);
        a.max_posts_per_day = a.days.iter().copied().max().unwrap_or(0);
        a.burst_days = a.days.iter().filter(|&&d| d >= BURST).count();
        a.typos_per_10k = if a.characters == 0 {
            0.0
        } else {
            a.typo_findings as f64 * 10_000.0 / a.characters as f64
        };
        a.passed = !a.stale && a.serious_count == 0;
    }
    if let Some((timeout, concurrency)) = opts.check_links {
        check_links(&mut accounts, timeout, concurrency);
    }
    // An account's typo rate is high when it is well above the others':
    // more than twice the median and at least three findings.
    let mut rates: Vec<f64> = accounts
        .values()
        .filter(|a| a.characters > 0)
        .map(|a| a.typos_per_10k)
        .collect();
    rates.sort_by(f64::total_cmp);
    let median = rates.get(rates.len() / 2).copied().unwrap_or(0.0);
    for a in accounts.values_mut() {
        a.typo_rate_high = a.typo_findings >= 3 && a.typos_per_10k > (2.0 * median).max(1.0);
        a.grade = grade(a, &opts.grades).to_string();
    }
    let all: Vec<&Account> = accounts.values().collect();
    let group = |key: &dyn Fn(&Account) -> String| -> Vec<Rate> {
        let mut groups: BTreeMap<String, Vec<&Account>> = BTreeMap::new();
        for a in &all {
            groups.entry(key(a)).or_default().push(a);
        }
        groups.into_iter().map(|(g, list)| rate(g, &list)).collect()
    };
    let by_level = group(&|a: &Account| {
        if a.level.is_empty() {
            "未注明".into()
        } else {
            a.level.clone()
        }
    });
    let mut by_platform = group(&|a: &Account| platform_name(&a.platform).to_string());
    let order = ["微信公众号", "微博", "客户端", "其他"];
    by_platform.sort_by_key(|r| order.iter().position(|o| *o == r.group).unwrap_or(order.len()));
    let overall = rate("全部".into(), &all);
    Ok(Report {
        from: opts.from.to_string(),
        to: opts.to.to_string(),
        posts_read,
        posts_in_period: in_period,
        bad_lines: bad,
        overall,
        by_level,
        by_platform,
        accounts: accounts.into_values().collect(),
    })
}

fn pct(r: &Rate) -> String {
    let s = format!("{:.1}", r.pass_rate);
    s.strip_suffix(".0").map(|t| format!("{t}%")).unwrap_or(format!("{s}%"))
}

/// The problems of an account, as the attachment table words them:
/// (突出问题, 扣分问题).
fn problems(a: &Account) -> (Vec<String>, Vec<String>) {
    let mut major = Vec::new();
    if a.serious_count > 0 {
        major.push(format!("严重表述错误{}处", a.serious_count));
    }
    if a.stale {
        major.push(format!("内容更新不及时（检查期末{STALE_DAYS}天内未更新）"));
    }
    let mut minor = Vec::new();
    if a.typo_rate_high {
        minor.push(format!("疑似错别字率明显偏高（每万字{:.1}处）", a.typos_per_10k));
    } else if a.typo_findings > 0 {
        minor.push(format!("疑似错别字{}处", a.typo_findings));
    }
    if a.posts > 0 && a.authoritative_reposts == 0 {
        minor.push("转载权威信息不足".into());
    }
    if !a.dead_links.is_empty() {
        minor.push(format!("链接失效{}个", a.dead_links.len()));
    }
    (major, minor)
}

/// The notice in Markdown: totals, pass rates, the attachment table, the
/// evidence of every serious finding.
pub fn markdown(out: &mut impl Write, r: &Report) -> io::Result<()> {
    writeln!(out, "# 政务新媒体检查情况（{} 至 {}）\n", r.from, r.to)?;
    let levels: Vec<String> = r
        .by_level
        .iter()
        .map(|x| format!("{}{}个", x.group, x.accounts))
        .collect();
    let platforms: Vec<String> = r
        .by_platform
        .iter()
        .map(|x| format!("{}{}个", x.group, x.accounts))
        .collect();
    writeln!(
        out,
        "本次共检查政务新媒体账号{}个，其中{}；{}。",
        r.overall.accounts,
        levels.join("、"),
        platforms.join("、")
    )?;
    let level_rates: Vec<String> = r
        .by_level
        .iter()
        .map(|x| format!("{}合格率{}", x.group, pct(x)))
        .collect();
    let platform_rates: Vec<String> = r
        .by_platform
        .iter()
        .map(|x| format!("{}合格率{}", x.group, pct(x)))
        .collect();
    writeln!(
        out,
        "总体合格率{}，{}；{}。\n",
        pct(&r.overall),
        level_rates.join("，"),
        platform_rates.join("，")
    )?;
    writeln!(
        out,
        "读取文章{}篇，检查期内{}篇，格式错误{}行。\n",
        r.posts_read, r.posts_in_period, r.bad_lines
    )?;
    writeln!(out, "## 附件：存在问题的账号\n")?;
    writeln!(
        out,
        "| 序号 | 账号名称 | 开设主体 | 账号类型 | 存在的突出问题 | 存在的扣分问题 | 备注 |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    let mut n = 0;
    for a in &r.accounts {
        let (major, minor) = problems(a);
        if major.is_empty() && minor.is_empty() {
            continue;
        }
        n += 1;
        let note = if a.passed { "" } else { "不合格" };
        writeln!(
            out,
            "| {n} | {} | {} | {} | {} | {} | {note} |",
            a.account,
            a.owner,
            platform_name(&a.platform),
            major.join("；"),
            minor.join("；")
        )?;
    }
    writeln!(out, "\n## 账号评级与发布时机\n")?;
    writeln!(
        out,
        "| 账号名称 | 评级 | 发文数 | 最长未更新（天） | 单日最多发文 | 集中发文天数 | 权威转载 |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    for a in &r.accounts {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            a.account, a.grade, a.posts, a.longest_gap_days, a.max_posts_per_day, a.burst_days, a.authoritative_reposts
        )?;
    }
    if r.accounts.iter().any(|a| !a.dead_links.is_empty()) {
        writeln!(out, "\n## 失效链接\n")?;
        for a in r.accounts.iter().filter(|a| !a.dead_links.is_empty()) {
            for l in &a.dead_links {
                writeln!(out, "- {}：{}（{}）", a.account, l.url, l.error)?;
            }
        }
    }
    evidence(out, "严重表述错误明细", r.accounts.iter().map(|a| (a, &a.serious)))?;
    evidence(
        out,
        "疑似错别字明细（错别字率明显偏高的账号）",
        r.accounts.iter().filter(|a| a.typo_rate_high).map(|a| (a, &a.typos)),
    )
}

/// A section listing evidence: account, date, title, rule, message, excerpt.
fn evidence<'a>(
    out: &mut impl Write,
    title: &str,
    items: impl Iterator<Item = (&'a Account, &'a Vec<Evidence>)>,
) -> io::Result<()> {
    writeln!(out, "\n## {title}\n")?;
    for (a, list) in items {
        for e in list {
            writeln!(
                out,
                "- {}（{}）《{}》{}：{}；原文：…{}…",
                a.account, e.date, e.title, e.rule, e.message, e.excerpt
            )?;
        }
    }
    Ok(())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A horizontal bar chart as inline SVG: (label, value, shown value).
fn bars(title: &str, rows: &[(String, f64, String)], max: f64) -> String {
    let height = 28 * rows.len() + 36;
    let mut svg = format!(
        r##"<figure><figcaption>{}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="640" height="{height}" role="img" aria-label="{}">"##,
        esc(title),
        esc(title)
    );
    for (i, (label, value, shown)) in rows.iter().enumerate() {
        let y = 10 + 28 * i;
        let w = if max > 0.0 { (value / max * 380.0).max(1.0) } else { 1.0 };
        svg.push_str(&format!(
            r##"<text x="150" y="{}" text-anchor="end" font-size="13">{}</text><rect x="160" y="{}" width="{w:.1}" height="18" fill="#3a6ea5"/><text x="{:.1}" y="{}" font-size="13">{}</text>"##,
            y + 14,
            esc(label),
            y,
            166.0 + w,
            y + 14,
            esc(shown)
        ));
    }
    svg.push_str("</svg></figure>");
    svg
}

/// A small bar chart of counts, as inline SVG.
fn spark(counts: &[usize]) -> String {
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="24">"#,
        counts.len() * 6
    );
    for (i, &c) in counts.iter().enumerate() {
        let h = (c as f64 / max * 22.0).max(if c > 0 { 1.0 } else { 0.0 });
        svg.push_str(&format!(
            r##"<rect x="{}" y="{:.1}" width="5" height="{h:.1}" fill="#5b8bc4"/>"##,
            i * 6,
            23.0 - h
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The report as one self-contained HTML file: inline CSS and SVG charts,
/// nothing fetched from the network.
pub fn html(out: &mut impl Write, r: &Report) -> io::Result<()> {
    let mut md = Vec::new();
    markdown(&mut md, r)?;
    let md = String::from_utf8_lossy(&md);
    let rates: Vec<(String, f64, String)> = std::iter::once(&r.overall)
        .chain(&r.by_level)
        .chain(&r.by_platform)
        .map(|x| (x.group.clone(), x.pass_rate, pct(x)))
        .collect();
    let mut typo: Vec<&Account> = r.accounts.iter().filter(|a| a.characters > 0).collect();
    typo.sort_by(|a, b| b.typos_per_10k.total_cmp(&a.typos_per_10k));
    let typo_rows: Vec<(String, f64, String)> = typo
        .iter()
        .take(15)
        .map(|a| (a.account.clone(), a.typos_per_10k, format!("{:.1}", a.typos_per_10k)))
        .collect();
    let typo_max = typo_rows.first().map_or(1.0, |r| r.1.max(1.0));
    let mut body = String::new();
    let mut in_table = false;
    for line in md.lines() {
        let is_row = line.starts_with('|');
        if in_table && !is_row {
            body.push_str("</table>\n");
            in_table = false;
        }
        if let Some(h) = line.strip_prefix("# ") {
            body.push_str(&format!("<h1>{}</h1>\n", esc(h)));
        } else if let Some(h) = line.strip_prefix("## ") {
            body.push_str(&format!("<h2>{}</h2>\n", esc(h)));
        } else if line.starts_with("|---") {
            continue;
        } else if let Some(row) = line.strip_prefix('|') {
            let cells: Vec<&str> = row.trim_end_matches('|').split('|').map(str::trim).collect();
            let tag = if in_table { "td" } else { "th" };
            if !in_table {
                body.push_str("<table>");
                in_table = true;
            }
            body.push_str("<tr>");
            for c in &cells {
                body.push_str(&format!("<{tag}>{}</{tag}>", esc(c)));
            }
            // The posting-time profile of an account row of the grade table.
            if tag == "th" && cells.first() == Some(&"账号名称") {
                body.push_str("<th>发布时段（0–23时）</th><th>星期（一至日）</th>");
            } else if tag == "td" {
                if let Some(a) = r.accounts.iter().find(|a| Some(&a.account.as_str()) == cells.first()) {
                    if cells.len() == 7 && cells[1] == a.grade {
                        body.push_str(&format!("<td>{}</td><td>{}</td>", spark(&a.hours), spark(&a.weekdays)));
                    }
                }
            }
            body.push_str("</tr>\n");
        } else if let Some(item) = line.strip_prefix("- ") {
            body.push_str(&format!("<li>{}</li>\n", esc(item)));
        } else if !line.is_empty() {
            body.push_str(&format!("<p>{}</p>\n", esc(line)));
        }
    }
    if in_table {
        body.push_str("</table>\n");
    }
    let charts = format!(
        "{}{}",
        bars("合格率（%）", &rates, 100.0),
        bars("每万字疑似错别字（前15个账号）", &typo_rows, typo_max)
    );
    write!(
        out,
        r##"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政务新媒体检查情况 {from} 至 {to}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; max-width: 1000px; margin: 2em auto; color: #222; line-height: 1.6; }}
table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
th, td {{ border: 1px solid #999; padding: .3em .5em; font-size: 14px; }}
th {{ background: #eef2f7; }}
figure {{ margin: 1.5em 0; }} figcaption {{ font-weight: bold; }}
</style></head><body>
{body}
{charts}
</body></html>
"##,
        from = esc(&r.from),
        to = esc(&r.to),
    )
}

/// The rectification list (CSV): account, owner, problem, evidence,
/// deadline 24 hours after `now`.
pub fn rectification(out: &mut impl Write, r: &Report, now: chrono::NaiveDateTime) -> io::Result<()> {
    let deadline = (now + chrono::Duration::hours(24)).format("%Y-%m-%d %H:%M").to_string();
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["账号名称", "开设主体", "问题", "证据", "整改期限"])?;
    for a in &r.accounts {
        let mut rows: Vec<(&str, String)> = a
            .serious
            .iter()
            .map(|e| {
                (
                    "严重表述错误",
                    format!("{} 《{}》 {} …{}… {}", e.date, e.title, e.message, e.excerpt, e.url),
                )
            })
            .collect();
        if a.stale {
            rows.push((
                "内容更新不及时",
                format!("检查期末{STALE_DAYS}天内未更新，最长{}天未更新", a.longest_gap_days),
            ));
        }
        if a.typo_rate_high {
            rows.push((
                "疑似错别字率明显偏高",
                format!("疑似错别字{}处，每万字{:.1}处", a.typo_findings, a.typos_per_10k),
            ));
        }
        for (problem, evidence) in rows {
            w.write_record([
                a.account.as_str(),
                a.owner.as_str(),
                problem,
                evidence.as_str(),
                deadline.as_str(),
            ])?;
        }
    }
    w.flush()
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
        InspectFormat::Md => markdown(&mut buf, &report)?,
        InspectFormat::Html => html(&mut buf, &report)?,
        InspectFormat::Json => {
            serde_json::to_writer_pretty(&mut buf, &report)?;
            buf.push(b'\n');
        }
    }
    if let Some(path) = &args.rectification {
        let mut csv_buf = Vec::new();
        rectification(&mut csv_buf, &report, chrono::Local::now().naive_local())?;
        std::fs::write(path, csv_buf)?;
    }
    match &args.output {
        Some(path) => std::fs::write(path, &buf)?,
        None => io::stdout().lock().write_all(&buf)?,
    }
    Ok(ExitCode::SUCCESS)
}
