//! Positions of the protocol and byte offsets of the text: lines end at
//! `\n`, `\r\n` or `\r` (as the protocol says), characters are counted in
//! the negotiated encoding's code units. Every conversion clamps: a
//! position past the end of its line or of the text, or inside a
//! character, is moved to the nearest boundary before it; nothing panics.

use lsp_types::{Position, PositionEncodingKind, Range, TextDocumentContentChangeEvent};

/// The unit of a position's `character`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the protocol's default.
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

impl Encoding {
    /// The first encoding of the client's list (in its order of
    /// preference) that the server knows; UTF-16 when there is none.
    pub fn negotiate(offered: &[String]) -> Encoding {
        offered
            .iter()
            .find_map(|e| match e.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }
}

/// The byte offset of the start of line `line` (0-based), or `None` past
/// the last line; and the offset of the end of that line's content
/// (before its line ending).
fn line_bounds(text: &str, line: u32) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut current = 0u32;
    let mut i = 0;
    while current < line {
        // Find the next line ending.
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        start = i;
        current += 1;
    }
    let mut end = start;
    while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
        end += 1;
    }
    Some((start, end))
}

/// The byte offset of a position; clamped to the text, to the end of its
/// line's content, and to a character boundary.
pub fn offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let Some((start, end)) = line_bounds(text, pos.line) else {
        return text.len();
    };
    let mut units = 0u32;
    for (i, c) in text[start..end].char_indices() {
        let next = units.saturating_add(enc.units(c));
        if next > pos.character {
            return start + i;
        }
        units = next;
    }
    end
}

/// The positions of byte offsets, in one pass over the text: `offsets`
/// in any order; each result is the position of the offset at the same
/// index (an offset inside a character counts as that character's start;
/// past the end, as the end).
pub fn positions(text: &str, offsets: &[usize], enc: Encoding) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&k| offsets[k]);
    let mut out = vec![Position::new(0, 0); offsets.len()];
    let mut next = order.into_iter().peekable();
    let (mut line, mut col) = (0u32, 0u32);
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        while let Some(&k) = next.peek() {
            if offsets[k] >= i + c.len_utf8() {
                break;
            }
            out[k] = Position::new(line, col);
            next.next();
        }
        if c == '\n' || (c == '\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line = line.saturating_add(1);
            col = 0;
        } else if c != '\r' {
            col = col.saturating_add(enc.units(c));
        }
    }
    for k in next {
        out[k] = Position::new(line, col);
    }
    out
}

/// The byte range of a protocol range, clamped; start after end is taken
/// as the empty range at the start.
pub fn byte_range(text: &str, range: Range, enc: Encoding) -> std::ops::Range<usize> {
    let start = offset(text, range.start, enc);
    let end = offset(text, range.end, enc).max(start);
    start..end
}

/// Applies one change of `textDocument/didChange`: a range replaced, or,
/// without a range, the whole text.
pub fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent, enc: Encoding) {
    match change.range {
        Some(range) => {
            let r = byte_range(text, range, enc);
            text.replace_range(r, &change.text);
        }
        None => *text = change.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn columns_in_each_encoding() {
        // 𠮷 is outside the BMP: 4 bytes, 2 UTF-16 units, 1 scalar.
        let text = "a𠮷按\r\n装\rb\n";
        let at = text.find('按').unwrap();
        assert_eq!(positions(text, &[at], Encoding::Utf8), [pos(0, 5)]);
        assert_eq!(positions(text, &[at], Encoding::Utf16), [pos(0, 3)]);
        assert_eq!(positions(text, &[at], Encoding::Utf32), [pos(0, 2)]);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let b = text.find('b').unwrap();
            assert_eq!(
                positions(text, &[b, at, text.len()], enc),
                [pos(2, 0), positions(text, &[at], enc)[0], pos(3, 0)]
            );
            assert_eq!(offset(text, positions(text, &[at], enc)[0], enc), at);
            assert_eq!(offset(text, pos(2, 0), enc), b);
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "a𠮷\r\nb";
        assert_eq!(offset(text, pos(0, 2), Encoding::Utf16), 1); // inside the surrogate pair
        assert_eq!(offset(text, pos(0, 99), Encoding::Utf16), 5); // end of the line's content
        assert_eq!(offset(text, pos(9, 0), Encoding::Utf16), text.len());
        assert_eq!(offset(text, pos(0, 3), Encoding::Utf8), 1);
        let r = byte_range(text, Range::new(pos(1, 1), pos(0, 0)), Encoding::Utf16);
        assert_eq!(r, 8..8);
        assert_eq!(offset("", pos(0, 5), Encoding::Utf16), 0);
        assert_eq!(positions(text, &[1000, 2], Encoding::Utf16), [pos(1, 1), pos(0, 1)]);
    }

    #[test]
    fn changes_apply_in_order() {
        let mut text = String::from("请按装\n软件");
        let change = |range: Option<Range>, t: &str| TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: t.to_string(),
        };
        apply_change(
            &mut text,
            change(Some(Range::new(pos(0, 1), pos(0, 2))), "安"),
            Encoding::Utf16,
        );
        assert_eq!(text, "请安装\n软件");
        apply_change(
            &mut text,
            change(Some(Range::new(pos(1, 2), pos(1, 2))), "。"),
            Encoding::Utf16,
        );
        assert_eq!(text, "请安装\n软件。");
        apply_change(
            &mut text,
            change(Some(Range::new(pos(5, 0), pos(7, 3))), "x"),
            Encoding::Utf16,
        );
        assert_eq!(text, "请安装\n软件。x");
        apply_change(&mut text, change(None, "新"), Encoding::Utf16);
        assert_eq!(text, "新");
    }

    /// The offset of a position by a model: the text cut into lines at each
    /// ending, each line as its code units.
    fn model_offset(text: &str, p: Position, enc: Encoding) -> usize {
        let mut starts = vec![0];
        let mut ends = Vec::new();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                ends.push(i);
                i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                starts.push(i);
            } else {
                i += 1;
            }
        }
        ends.push(text.len());
        let Some(&start) = starts.get(p.line as usize) else {
            return text.len();
        };
        let line = &text[start..ends[p.line as usize]];
        let mut units = 0;
        for (k, c) in line.char_indices() {
            if units + enc.units(c) > p.character {
                return start + k;
            }
            units += enc.units(c);
        }
        start + line.len()
    }

    proptest::proptest! {
        #[test]
        fn offsets_and_positions_agree_with_a_model(
            pieces in proptest::collection::vec(proptest::sample::select(vec!["a", "按", "𠮷", "\n", "\r\n", "\r", "😀", "é"]), 0..24),
            line in 0u32..8,
            character in 0u32..12,
            enc in proptest::sample::select(vec![Encoding::Utf8, Encoding::Utf16, Encoding::Utf32]),
        ) {
            let text: String = pieces.concat();
            let p = pos(line, character);
            let at = offset(&text, p, enc);
            proptest::prop_assert_eq!(at, model_offset(&text, p, enc));
            // Every boundary's position leads back to it, except the middle of a \r\n.
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i) && !(text[..i].ends_with('\r') && text[i..].starts_with('\n')))
                .collect();
            for (i, q) in boundaries.iter().zip(positions(&text, &boundaries, enc)) {
                proptest::prop_assert_eq!(offset(&text, q, enc), *i);
            }
        }
    }
}
