//! One post: its text, its findings, its links.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use jiaodui::{Document, Linter, Severity};

use super::links::links_in;
use super::model::Post;

/// What one post yields, before it is folded into its account.
pub struct Checked {
    pub post: Post,
    pub links: Vec<String>,
    pub day: Option<(i64, u32, u32)>,
    pub characters: usize,
    pub findings: Vec<(&'static str, Severity, String, String)>,
}

fn excerpt(text: &str, span: std::ops::Range<usize>) -> String {
    let from = text.floor_char_boundary(span.start.saturating_sub(24));
    let to = text.ceil_char_boundary((span.end + 24).min(text.len()));
    text[from..to].replace('\n', " ")
}

/// Checks a post of the period (title and text, or the text of its HTML);
/// `None` for a post outside it.
pub fn check_post(linter: &Linter, post: Post, from: NaiveDate, to: NaiveDate) -> Option<Checked> {
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
