//! Documents of every kind: no input panics, findings' spans are spans of
//! the source on character boundaries, fixes are idempotent, and .docx
//! lines are paragraphs.
#![cfg(all(feature = "markdown", feature = "html", feature = "docx"))]

use jiaodui::{Document, DocumentKind, Linter};
use proptest::prelude::*;

/// Markup and text: Markdown and HTML syntax, entities, wrong forms,
/// characters the certain fixes change, line breaks and odd code points.
fn marked_up() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("按装".to_string()),
        Just("防讯".to_string()),
        Just("⽉".to_string()),
        Just("\u{200b}".to_string()),
        Just("**".to_string()),
        Just("`".to_string()),
        Just("```\n".to_string()),
        Just("# ".to_string()),
        Just("[链](https://x/按装)".to_string()),
        Just("---\n".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<b>".to_string()),
        Just("<!-- jiaodui-disable-next-line -->".to_string()),
        Just("<script>".to_string()),
        Just("&amp;".to_string()),
        Just("&#25353;".to_string()),
        Just("&".to_string()),
        Just("<".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        "[一-龥]{1,4}",
        "[，。<>&;#/a-z ]{1,4}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn check_spans(doc: &Document) -> Result<(), TestCaseError> {
    let src = doc.source();
    for d in Linter::new().check_document(doc) {
        prop_assert!(d.span.start <= d.span.end && d.span.end <= src.len(), "{:?}", d.span);
        prop_assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end));
        let at = doc.position(d.span.clone());
        prop_assert!(at.line >= 1 && at.column >= 1 && (at.end_line, at.end_column) >= (at.line, at.column));
        prop_assert!(doc.line(at.line).is_some());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn markdown_and_html_spans_are_source_spans(s in marked_up()) {
        check_spans(&Document::markdown(s.as_str()))?;
        if let Ok(doc) = Document::html(s.as_str()) {
            check_spans(&doc)?;
        }
        check_spans(&Document::text(s))?;
    }

    #[test]
    fn fixing_twice_changes_nothing(s in marked_up()) {
        let linter = Linter::new();
        for kind in [DocumentKind::Text, DocumentKind::Markdown, DocumentKind::Html] {
            let Ok(doc) = Document::new(kind, s.as_str()) else { continue };
            if let Some(fixed) = linter.fix_document(&doc).unwrap() {
                let again = doc.with_source(fixed.as_str()).unwrap();
                // Text reaches its fixed point at once; Markdown and HTML
                // may need a second round where a fix made another verbatim.
                if kind == DocumentKind::Text {
                    prop_assert!(linter.fix_document(&again).unwrap().is_none(), "{:?}", fixed);
                }
            }
        }
    }

    #[test]
    fn no_bytes_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        for kind in DocumentKind::ALL {
            if let Ok(doc) = Document::from_bytes(kind, &bytes) {
                check_spans(&doc)?;
            }
        }
    }
}

/// A .docx of `word/document.xml`'s body.
fn docx(body: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    write!(zip, "<w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>").unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn docx_lines_are_paragraphs_and_errors_are_data() {
    let doc = Document::docx(&docx(
        "<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>第一行</w:t><w:cr/><w:t>请按装</w:t><w:tab/><w:t>好</w:t></w:r></w:p>",
    ))
    .unwrap();
    assert_eq!(doc.source(), "标题\n\n第一行\n请按装\t好\n");
    assert_eq!(doc.line(3), Some("第一行\n请按装\t好"));
    assert_eq!(doc.line(4), Some(""));
    let d = &Linter::new().check_document(&doc)[0];
    let at = doc.position(d.span.clone());
    assert_eq!((at.line, at.column, at.end_line, at.end_column), (3, 6, 3, 8));
    // Byte offsets are those of the paragraph text.
    assert_eq!(&doc.source()[at.byte_start..at.byte_end], "按装");

    let err = Document::docx(b"PK\x03\x04 cut").unwrap_err();
    assert!(matches!(
        err.kind(),
        jiaodui::ErrorKind::Document {
            kind: DocumentKind::Docx,
            ..
        }
    ));
    assert!(err.to_string().starts_with("not a .docx (zip) file"), "{err}");
    let err = Document::docx(&docx("<w:p><w:t>a</w:p>")).unwrap_err();
    assert!(
        err.to_string().starts_with("damaged word/document.xml at byte"),
        "{err}"
    );
}
