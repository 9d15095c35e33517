//! Inline suppression comments in Markdown, HTML and plain text.

use jiaodui::{LineIndex, Linter};

/// The 1-based lines of the findings.
fn lines(text: &str) -> Vec<usize> {
    let index = LineIndex::new(text);
    Linter::new()
        .check(text)
        .iter()
        .map(|d| index.line_col(d.span.start).0)
        .collect()
}

#[test]
fn next_line_same_line_and_ranges() {
    let cases: &[(&str, &[usize])] = &[
        ("请按装\n<!-- jiaodui-disable-next-line -->\n请按装\n请按装", &[1, 4]),
        ("请按装 <!-- jiaodui-disable-line -->\n请按装", &[2]),
        ("# jiaodui-disable\n请按装\n布署\n# jiaodui-enable\n请按装", &[5]),
        // Unclosed: to the end.
        ("请按装\n// jiaodui-disable\n请按装\n请按装", &[1]),
        // Rule lists and families.
        ("<!-- jiaodui-disable-next-line punct.doubled -->\n请按装。。", &[2]),
        (
            "<!-- jiaodui-disable-next-line typo.word punct.doubled -->\n请按装。。\n请按装",
            &[3],
        ),
        ("<!-- jiaodui-disable-next-line typo -->\n请按装", &[]),
        (
            "<!-- jiaodui-disable typo.word -->\n请按装\n<!-- jiaodui-enable typo.word -->\n请按装",
            &[4],
        ),
        // HTML comment in a WeChat export.
        (
            "<p>请按装</p><!-- jiaodui-disable-line --><p>布署</p>\n<p>布署</p>",
            &[2],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(&lines(text), expected, "in {text:?}");
    }
}
