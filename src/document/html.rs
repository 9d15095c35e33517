//! HTML: text nodes, entities decoded, block elements ending lines.

use super::map::Extracted;

/// Elements that end a line of the extracted text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "title",
    "dt",
    "dd",
    "figcaption",
    "caption",
];

/// Elements whose content is not text to check.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template", "svg"];

/// The longest entity looked at (`&` to `;` inclusive is at most this many
/// bytes); a longer one is left as written.
const MAX_ENTITY: usize = 13;

/// Appends a text node, decoding entities one by one so that each maps to
/// its own source span.
fn text_node(out: &mut Extracted, src: &str, from: usize, to: usize) {
    if from >= to {
        return;
    }
    let raw = &src[from..to];
    if !raw.contains('&') {
        out.push(raw, from..to);
        return;
    }
    let mut k = 0;
    while k < raw.len() {
        match raw[k..].find('&') {
            Some(0) => {
                // Only the next few bytes: a long run of `&` stays linear.
                let end = raw.as_bytes()[k..]
                    .iter()
                    .take(MAX_ENTITY)
                    .position(|&b| b == b';')
                    .map(|e| k + e + 1);
                match end {
                    Some(e) => {
                        let decoded = html_escape::decode_html_entities(&raw[k..e]);
                        out.push(&decoded, from + k..from + e);
                        k = e;
                    }
                    None => {
                        out.push("&", from + k..from + k + 1);
                        k += 1;
                    }
                }
            }
            Some(n) => {
                out.push(&raw[k..k + n], from + k..from + k + n);
                k += n;
            }
            None => {
                out.push(&raw[k..], from + k..to);
                k = raw.len();
            }
        }
    }
}

/// The text nodes of an HTML source (entities decoded); script, style and
/// the like skipped; block elements end lines; HTML comments that mention
/// `jiaodui-` kept, for suppressions. A truncated tag or comment is an
/// error: (byte offset, what is wrong).
pub(crate) fn extract(src: &str) -> Result<Extracted, (usize, String)> {
    let mut out = Extracted::default();
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let mut skip_until: Option<&'static str> = None;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if skip_until.is_none() {
            text_node(&mut out, src, text_start, i);
        }
        if src[i..].starts_with("<!--") {
            let end = src[i..]
                .find("-->")
                .map(|e| i + e + 3)
                .ok_or_else(|| (i, format!("unclosed comment at byte offset {i}")))?;
            if skip_until.is_none() && src[i..end].contains("jiaodui-") {
                out.push(&src[i..end], i..end);
            }
            i = end;
            text_start = i;
            continue;
        }
        let end = src[i..]
            .find('>')
            .map(|e| i + e + 1)
            .ok_or_else(|| (i, format!("unclosed tag at byte offset {i}")))?;
        let tag = &src[i + 1..end - 1];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(until) = skip_until {
            if closing && name == until {
                skip_until = None;
            }
        } else if !closing && !tag.ends_with('/') && SKIPPED.contains(&name.as_str()) {
            skip_until = SKIPPED.iter().copied().find(|t| *t == name);
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            out.newline(i);
        }
        i = end;
        text_start = i;
    }
    if skip_until.is_none() {
        text_node(&mut out, src, text_start, bytes.len());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_nodes_and_entities() {
        let src = "<html><head><style>p{}</style><script>var a='按装';</script></head><body><p>请&#25353;装</p><p>好&amp;坏</p></body></html>";
        let e = extract(src).unwrap();
        assert_eq!(e.text, "请按装\n好&坏\n");
        let at = e.text.find("按装").unwrap();
        let span = e.span(at..at + "按装".len());
        assert_eq!(&src[span], "&#25353;装");
        assert!(extract("<p>请按装").is_ok());
        assert_eq!(
            extract("<p>请按装</p><div").unwrap_err(),
            (16, "unclosed tag at byte offset 16".to_string())
        );
        assert_eq!(extract("a<!-- b").unwrap_err().0, 1);
    }

    #[test]
    fn ampersands_without_an_entity_stay_as_written() {
        let src = format!("<p>{}&amp;{}</p>", "&".repeat(100_000), "&x");
        let e = extract(&src).unwrap();
        assert_eq!(e.text, format!("{}&&x\n", "&".repeat(100_000)));
    }
}
