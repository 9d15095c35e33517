//! The report as one self-contained HTML page with charts.

use std::io::{self, Write};

use super::md::{self, pct};
use super::model::{Account, Report};

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
pub fn write(out: &mut impl Write, r: &Report) -> io::Result<()> {
    let mut md = Vec::new();
    md::write(&mut md, r)?;
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
