//! The figures of `jiaodui inspect`: posts and accounts as read, each
//! account's figures, and the report.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
pub const MAX_EVIDENCE: usize = 50;

/// Posts on one day that make a burst (发布时机: many posts at once, then
/// silence).
pub const BURST: u16 = 10;

/// Days without an update before the end of the period that fail an account.
pub const STALE_DAYS: i64 = 14;

/// A post: one line of the posts file.
#[derive(Debug, Deserialize)]
pub struct Post {
    pub account: String,
    pub owner: Option<String>,
    pub level: Option<String>,
    pub platform: Option<String>,
    pub published_at: String,
    pub title: Option<String>,
    pub text: Option<String>,
    pub html: Option<String>,
    pub url: Option<String>,
    pub is_repost: Option<bool>,
    pub source: Option<String>,
}

/// An account: one line (or CSV record) of the accounts file.
#[derive(Debug, Deserialize)]
pub struct AccountLine {
    pub account: String,
    pub owner: Option<String>,
    pub level: Option<String>,
    pub platform: Option<String>,
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
    pub fn of(p: &Post, rule: &'static str, message: &str, excerpt: &str) -> Evidence {
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
    pub days: Vec<u16>,
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
    pub links: std::collections::BTreeSet<String>,
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
pub const MAX_LINKS: usize = 500;

impl Account {
    pub fn new(name: &str, days: usize) -> Account {
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

pub fn platform_name(p: &str) -> &'static str {
    match p {
        "wechat" => "微信公众号",
        "weibo" => "微博",
        "app" => "客户端",
        _ => "其他",
    }
}
