//! Markdown: the text of paragraphs, headings, lists, tables and quotes.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::map::Extracted;

/// The text of a Markdown source: paragraphs, headings, list items, table
/// cells, quotes and footnotes, each block ending a line. Code blocks,
/// inline code, front matter, HTML, link and image targets are left out;
/// HTML comments that mention `jiaodui-` are kept, for suppressions.
pub(crate) fn extract(src: &str) -> Extracted {
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
            Event::Text(t) if skip == 0 => match src.get(range.clone()) {
                Some(raw) if raw == &*t => out.push(raw, range),
                _ => out.push(&t, range),
            },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_maps_back() {
        let src = "---\ntitle: 按装\n---\n# 标题\n\n请**按**装 `按装` 软件，见[链接](https://x.cn/按装)。\n\n```\n按装\n```\n";
        let e = extract(src);
        assert_eq!(e.text, "标题\n请按装  软件，见链接。\n");
        let at = e.text.find("按装").unwrap();
        let span = e.span(at..at + "按装".len());
        assert_eq!(&src[span], "按**装");
    }
}
