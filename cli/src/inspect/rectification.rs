//! `--rectification`: the rectification list, CSV.

use std::io::{self, Write};

use super::model::{Report, STALE_DAYS};

/// The rectification list (CSV): account, owner, problem, evidence,
/// deadline 24 hours after `now`.
pub fn write(out: &mut impl Write, r: &Report, now: chrono::NaiveDateTime) -> io::Result<()> {
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
