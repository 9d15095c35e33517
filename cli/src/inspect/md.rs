//! The notice in Markdown.

use std::io::{self, Write};

use super::model::{platform_name, Account, Evidence, Rate, Report, STALE_DAYS};

pub fn pct(r: &Rate) -> String {
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
pub fn write(out: &mut impl Write, r: &Report) -> io::Result<()> {
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
