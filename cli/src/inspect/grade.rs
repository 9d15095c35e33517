//! Aggregation and grading: each post folded into its account, then each
//! account's timeliness, typo rate, verdict and grade, and the pass rates.

use std::collections::BTreeMap;

use jiaodui::config::{Grade, Grades};
use jiaodui::Category;

use super::model::{platform_name, Account, Evidence, Rate, Report, BURST, MAX_EVIDENCE, MAX_LINKS, STALE_DAYS};
use super::post::Checked;
use super::Options;

/// The grade of an account that passed or failed.
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

/// A group's pass rate, percent with one decimal.
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

/// The accounts and what their posts yield, folded in post by post.
pub struct Accounts {
    /// By name, in name order.
    pub by_name: BTreeMap<String, Account>,
    /// Days of the period.
    days: usize,
    /// Posts of the period.
    pub in_period: usize,
}

impl Accounts {
    pub fn new(days: usize) -> Accounts {
        Accounts {
            by_name: BTreeMap::new(),
            days,
            in_period: 0,
        }
    }

    /// The account of this name (new, with no posts, if need be), its
    /// owner, level and platform set from what is not empty.
    pub fn describe(
        &mut self,
        name: &str,
        owner: &Option<String>,
        level: &Option<String>,
        platform: &Option<String>,
    ) -> &mut Account {
        let days = self.days;
        let a = self
            .by_name
            .entry(name.to_string())
            .or_insert_with(|| Account::new(name, days));
        if let Some(o) = owner.as_ref().filter(|o| !o.is_empty()) {
            a.owner = o.clone();
        }
        if let Some(l) = level.as_ref().filter(|l| !l.is_empty()) {
            a.level = l.clone();
        }
        if let Some(p) = platform.as_ref().filter(|p| !p.is_empty()) {
            a.platform = p.to_ascii_lowercase();
        }
        a
    }

    /// Folds a checked post into its account: days and hours, links,
    /// authoritative reposts, findings by family, typos and serious
    /// findings with their evidence (the first [`MAX_EVIDENCE`]).
    pub fn add(&mut self, c: &Checked, opts: &Options) {
        self.in_period += 1;
        let p = &c.post;
        let a = self.describe(&p.account, &p.owner, &p.level, &p.platform);
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
            let info = jiaodui::rule(rule);
            if info.is_some_and(|r| r.category == Category::Spelling) {
                a.typo_findings += 1;
                if a.typos.len() < MAX_EVIDENCE {
                    a.typos.push(Evidence::of(p, rule, message, excerpt));
                }
            }
            // Serious formulation errors, cited repealed laws and leaked
            // secrets: a single one fails the account (单项否决).
            let serious = info.is_some_and(|r| r.is_serious(*severity));
            if serious {
                a.serious_count += 1;
            }
            if serious && a.serious.len() < MAX_EVIDENCE {
                a.serious.push(Evidence::of(p, rule, message, excerpt));
            }
        }
    }

    /// Each account's timeliness, typo rate and verdict.
    pub fn settle(&mut self) {
        for a in self.by_name.values_mut() {
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
    }

    /// Whose typo rate is high, and every account's grade.
    pub fn grade(&mut self, grades: &Grades) {
        // An account's typo rate is high when it is well above the others':
        // more than twice the median and at least three findings.
        let mut rates: Vec<f64> = self
            .by_name
            .values()
            .filter(|a| a.characters > 0)
            .map(|a| a.typos_per_10k)
            .collect();
        rates.sort_by(f64::total_cmp);
        let median = rates.get(rates.len() / 2).copied().unwrap_or(0.0);
        for a in self.by_name.values_mut() {
            a.typo_rate_high = a.typo_findings >= 3 && a.typos_per_10k > (2.0 * median).max(1.0);
            a.grade = grade(a, grades).to_string();
        }
    }

    /// The report: pass rates overall, by level and by platform, and the
    /// accounts.
    pub fn report(self, opts: &Options, posts_read: usize, bad_lines: usize) -> Report {
        let all: Vec<&Account> = self.by_name.values().collect();
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
        Report {
            from: opts.from.to_string(),
            to: opts.to.to_string(),
            posts_read,
            posts_in_period: self.in_period,
            bad_lines,
            overall,
            by_level,
            by_platform,
            accounts: self.by_name.into_values().collect(),
        }
    }
}
