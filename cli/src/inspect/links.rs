//! The links of the posts, and `--check-links`.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::model::{Account, DeadLink};

/// The http(s) links of a text: up to white space, a quote, a bracket or a
/// Chinese character.
pub fn links_in(text: &str) -> impl Iterator<Item = &str> {
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

/// Requests every link once (GET, not reading the body) with a timeout, at
/// most `concurrency` at a time, and records the dead ones per account.
pub fn check(accounts: &mut BTreeMap<String, Account>, timeout: std::time::Duration, concurrency: usize) {
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
