//! Word .docx: the text of each paragraph of `word/document.xml`.

use std::io::Read;

/// The largest `word/document.xml` read, uncompressed: a zip bomb is an
/// error, not an exhausted memory. (The XML of a thousand-page report is
/// tens of megabytes.)
const MAX_XML: usize = 128 << 20;

/// The text of a .docx and where each paragraph starts in it.
///
/// Each paragraph (`w:p`, empty ones too) ends with a line break; a soft
/// line break inside a paragraph (`w:br`, `w:cr`) is a line break of the
/// text too, so that rules see it, but not the start of a paragraph. A tab
/// (`w:tab`) is a tab. An error is (byte offset in the XML, if known; what
/// is wrong).
pub(crate) fn extract(bytes: &[u8]) -> Result<(String, Vec<usize>), (Option<usize>, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| (None, format!("not a .docx (zip) file: {e}")))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| (None, format!("no word/document.xml in the .docx: {e}")))?
        .take(MAX_XML as u64 + 1)
        .read_to_string(&mut xml)
        .map_err(|e| (None, format!("cannot read word/document.xml: {e}")))?;
    if xml.len() > MAX_XML {
        return Err((
            None,
            format!(
                "word/document.xml is larger than {} MB uncompressed; split the document",
                MAX_XML >> 20
            ),
        ));
    }
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut text = String::new();
    let mut paragraphs = vec![0];
    let mut in_text = false;
    let bad_entity = |e: quick_xml::escape::EscapeError| (None, format!("bad entity: {e}"));
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) if e.name().into_inner() == "w:t" => in_text = true,
            Ok(quick_xml::events::Event::End(e)) => match e.name().into_inner() {
                "w:t" => in_text = false,
                "w:p" => {
                    text.push('\n');
                    paragraphs.push(text.len());
                }
                _ => {}
            },
            Ok(quick_xml::events::Event::Empty(e)) => match e.name().into_inner() {
                "w:tab" => text.push('\t'),
                "w:br" | "w:cr" => text.push('\n'),
                "w:p" => {
                    text.push('\n');
                    paragraphs.push(text.len());
                }
                _ => {}
            },
            Ok(quick_xml::events::Event::Text(t)) if in_text => {
                let raw: &str = t.as_ref();
                text.push_str(&quick_xml::escape::unescape(raw).map_err(bad_entity)?);
            }
            Ok(quick_xml::events::Event::GeneralRef(r)) if in_text => match r.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                _ => {
                    let name: &str = r.as_ref();
                    let s = format!("&{name};");
                    text.push_str(&quick_xml::escape::unescape(&s).map_err(bad_entity)?);
                }
            },
            Ok(quick_xml::events::Event::Eof) => break,
            Err(e) => {
                let at = reader.buffer_position() as usize;
                return Err((Some(at), format!("damaged word/document.xml at byte {at}: {e}")));
            }
            _ => {}
        }
    }
    Ok((text, paragraphs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_is_an_error() {
        assert!(extract(b"not a zip").unwrap_err().1.starts_with("not a .docx"));
    }
}
