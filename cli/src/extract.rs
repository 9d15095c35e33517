//! The text to check in Markdown, HTML and Word documents, with a map back
//! to positions in the source.

use std::io::Read;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Input types, chosen by extension or `--type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Text,
    Markdown,
    Html,
    Docx,
}

impl Kind {
    pub fn of(path: &std::path::Path) -> Kind {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Kind::Markdown,
            Some("html" | "htm") => Kind::Html,
            Some("docx") => Kind::Docx,
            _ => Kind::Text,
        }
    }
}

/// Extracted text and, for each piece of it, where it came from.
#[derive(Debug, Default)]
pub struct Extracted {
    pub text: String,
    /// (start in `text`, source range, copied verbatim).
    pieces: Vec<(usize, Range<usize>, bool)>,
}

impl Extracted {
    /// Appends `s`, which stands for `src` of the source (verbatim when
    /// their lengths match).
    fn push(&mut self, s: &str, src: Range<usize>) {
        if s.is_empty() {
            return;
        }
        let verbatim = s.len() == src.len();
        self.pieces.push((self.text.len(), src, verbatim));
        self.text.push_str(s);
    }

    /// Ends a block: a line break, unless the text already ends with one.
    fn newline(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push("\n", at..at);
        }
    }

    /// The source offset of an offset of the extracted text.
    pub fn to_source(&self, offset: usize, end: bool) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= offset).saturating_sub(1);
        let Some((start, src, verbatim)) = self.pieces.get(i) else {
            return 0;
        };
        if *verbatim {
            src.start + (offset - start).min(src.len())
        } else if end && offset > *start {
            src.end
        } else {
            src.start
        }
    }

    /// A span of the extracted text as a source span.
    pub fn span(&self, r: Range<usize>) -> Range<usize> {
        if r.is_empty() {
            let s = self.to_source(r.start, false);
            return s..s;
        }
        let start = self.to_source(r.start, false);
        // The end: just after the source of the last character.
        let last = self.text[..r.end]
            .char_indices()
            .next_back()
            .map_or(r.start, |(i, _)| i);
        let last_src = self.to_source(last, false);
        let last_len = self.text[last..r.end].len();
        let i = self.pieces.partition_point(|p| p.0 <= last).saturating_sub(1);
        let end = match self.pieces.get(i) {
            Some((_, _, true)) => last_src + last_len,
            Some((_, src, false)) => src.end,
            None => last_src,
        };
        start..end.max(start)
    }
}

/// Markdown: the text of paragraphs, headings, lists, tables and quotes;
/// code blocks, inline code, front matter, HTML, link and image targets are
/// skipped. HTML comments are kept, for suppression comments.
pub fn markdown(src: &str) -> Extracted {
    let mut out = Extracted::default();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut skip = 0usize;
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                skip = skip.saturating_sub(1);
                out.newline(range.end);
            }
            Event::Text(t) if skip == 0 => {
                let raw = &src[range.clone()];
                if raw == &*t {
                    out.push(raw, range);
                } else {
                    out.push(&t, range);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) if skip == 0 && h.contains("jiaodui-") => {
                out.push(&h, range);
            }
            Event::SoftBreak | Event::HardBreak if skip == 0 => out.push("\n", range),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => out.newline(range.end),
            _ => {}
        }
    }
    out
}

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

/// HTML: text nodes only (entities decoded); script, style and the like
/// skipped; block elements end lines. A truncated document is an error.
pub fn html(src: &str) -> Result<Extracted, String> {
    let mut out = Extracted::default();
    let bytes = src.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let mut skip_until: Option<&'static str> = None;
    let flush = |out: &mut Extracted, from: usize, to: usize| {
        if from >= to {
            return;
        }
        let raw = &src[from..to];
        if !raw.contains('&') {
            out.push(raw, from..to);
            return;
        }
        // Decode entity by entity so that each maps to its own source span.
        let mut k = 0;
        while k < raw.len() {
            match raw[k..].find('&') {
                Some(0) => {
                    let end = raw[k..].find(';').filter(|&e| e <= 12).map(|e| k + e + 1);
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
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if skip_until.is_none() {
            flush(&mut out, text_start, i);
        }
        if src[i..].starts_with("<!--") {
            let end = src[i..]
                .find("-->")
                .map(|e| i + e + 3)
                .ok_or_else(|| format!("unclosed comment at byte offset {i}"))?;
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
            .ok_or_else(|| format!("unclosed tag at byte offset {i}"))?;
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
        } else if !closing
            && ["script", "style", "noscript", "template", "svg"].contains(&name.as_str())
            && !tag.ends_with('/')
        {
            skip_until = ["script", "style", "noscript", "template", "svg"]
                .into_iter()
                .find(|t| *t == name);
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            out.newline(i);
        }
        i = end;
        text_start = i;
    }
    if skip_until.is_none() {
        flush(&mut out, text_start, bytes.len());
    }
    Ok(out)
}

/// Word .docx: the text of each paragraph (`w:p`), one per line, so that a
/// finding's line is its paragraph number. A damaged file is an error.
pub fn docx(bytes: &[u8]) -> Result<String, String> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("not a .docx (zip) file: {e}"))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| format!("no word/document.xml in the .docx: {e}"))?
        .read_to_string(&mut xml)
        .map_err(|e| format!("cannot read word/document.xml: {e}"))?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut text = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) if e.name().into_inner() == "w:t" => in_text = true,
            Ok(quick_xml::events::Event::End(e)) => match e.name().into_inner() {
                "w:t" => in_text = false,
                "w:p" => text.push('\n'),
                _ => {}
            },
            Ok(quick_xml::events::Event::Empty(e)) => match e.name().into_inner() {
                "w:tab" => text.push('\t'),
                "w:br" => text.push('\n'),
                _ => {}
            },
            Ok(quick_xml::events::Event::Text(t)) if in_text => {
                let raw: &str = t.as_ref();
                text.push_str(&quick_xml::escape::unescape(raw).map_err(|e| format!("bad entity: {e}"))?);
            }
            Ok(quick_xml::events::Event::GeneralRef(r)) if in_text => match r.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                _ => {
                    let name: &str = r.as_ref();
                    let s = format!("&{name};");
                    text.push_str(&quick_xml::escape::unescape(&s).map_err(|e| format!("bad entity: {e}"))?);
                }
            },
            Ok(quick_xml::events::Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "damaged word/document.xml at byte {}: {e}",
                    reader.buffer_position()
                ))
            }
            _ => {}
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_maps_back() {
        let src = "---\ntitle: 按装\n---\n# 标题\n\n请**按**装 `按装` 软件，见[链接](https://x.cn/按装)。\n\n```\n按装\n```\n";
        let e = markdown(src);
        assert_eq!(e.text, "标题\n请按装  软件，见链接。\n");
        let at = e.text.find("按装").unwrap();
        let span = e.span(at..at + "按装".len());
        assert_eq!(&src[span.start..span.start + 3], "按");
        assert!(src[span.clone()].ends_with('装'), "{:?}", &src[span]);
    }

    #[test]
    fn html_text_nodes_and_entities() {
        let src = "<html><head><style>p{}</style><script>var a='按装';</script></head><body><p>请&#25353;装</p><p>好&amp;坏</p></body></html>";
        let e = html(src).unwrap();
        assert_eq!(e.text, "请按装\n好&坏\n");
        let at = e.text.find("按装").unwrap();
        let span = e.span(at..at + "按装".len());
        assert_eq!(&src[span], "&#25353;装");
        assert!(html("<p>请按装").is_ok());
        assert!(html("<p>请按装</p><div").unwrap_err().starts_with("unclosed tag"));
    }

    #[test]
    fn docx_damaged_is_an_error() {
        assert!(docx(b"not a zip").unwrap_err().starts_with("not a .docx"));
    }
}
