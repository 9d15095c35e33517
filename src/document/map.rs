//! The text extracted from a marked-up source, and the map from its offsets
//! back to the source's.

use std::ops::Range;

/// Extracted text and, for each piece of it, where it came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Extracted {
    pub(crate) text: String,
    pieces: Vec<Piece>,
}

/// A piece of the extracted text: where it starts there, the source range
/// it stands for, and whether it is a verbatim copy of that range (then
/// offsets inside it map one to one).
#[derive(Debug, Clone)]
struct Piece {
    start: usize,
    source: Range<usize>,
    verbatim: bool,
}

// Without the markdown and html features nothing is extracted.
#[cfg_attr(not(any(feature = "markdown", feature = "html")), allow(dead_code))]
impl Extracted {
    /// Appends `s`, which stands for `src` of the source (verbatim when
    /// their lengths match).
    pub(crate) fn push(&mut self, s: &str, src: Range<usize>) {
        if s.is_empty() {
            return;
        }
        let verbatim = s.len() == src.len();
        self.pieces.push(Piece {
            start: self.text.len(),
            source: src,
            verbatim,
        });
        self.text.push_str(s);
    }

    /// Ends a block: a line break, unless the text already ends with one.
    pub(crate) fn newline(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push("\n", at..at);
        }
    }

    fn piece(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.start <= offset).saturating_sub(1);
        self.pieces.get(i)
    }

    /// The source offset of an offset of the extracted text.
    fn to_source(&self, offset: usize) -> usize {
        let Some(p) = self.piece(offset) else {
            return 0;
        };
        if p.verbatim {
            p.source.start + (offset - p.start.min(offset)).min(p.source.len())
        } else {
            p.source.start
        }
    }

    /// A span of the extracted text as a span of the source: from the
    /// source of its first character to just after the source of its last
    /// one (markup inside the span is part of it).
    pub(crate) fn span(&self, r: Range<usize>) -> Range<usize> {
        let end = r.end.min(self.text.len());
        let start = r.start.min(end);
        if start == end {
            let s = self.to_source(start);
            return s..s;
        }
        let from = self.to_source(start);
        let last = self
            .text
            .get(..end)
            .and_then(|t| t.char_indices().next_back())
            .map_or(start, |(i, _)| i);
        let to = match self.piece(last) {
            Some(p) if p.verbatim => self.to_source(last) + (end - last),
            Some(p) => p.source.end,
            None => self.to_source(last),
        };
        from..to.max(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_and_replaced_pieces_map_back() {
        // Source: "a<b>&amp;</b>c"; extracted "a&c".
        let mut e = Extracted::default();
        e.push("a", 0..1);
        e.push("&", 4..9);
        e.push("c", 13..14);
        assert_eq!(e.text, "a&c");
        assert_eq!(e.span(0..1), 0..1);
        assert_eq!(e.span(1..2), 4..9);
        assert_eq!(e.span(0..3), 0..14);
        assert_eq!(e.span(2..2), 13..13);
        // Out of range spans are clamped, never a panic.
        assert_eq!(e.span(5..9), 14..14);
        assert_eq!(Extracted::default().span(0..4), 0..0);
    }
}
