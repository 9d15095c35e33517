//! Code actions: a quick fix per suggestion, the suppression comments
//! (this line, this file), and the certain fixes of the whole document.
//!
//! A suppression is only offered when it works: the edited document is
//! extracted and checked again, and the finding must be gone.

use std::collections::HashMap;
use std::ops::Range as Bytes;

use jiaodui::{Document, DocumentKind};
use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Url, WorkspaceEdit};

use crate::check::{self, Checked, Finding};
use crate::text::{self, Encoding};

/// The kind of the action that applies every certain fix.
pub const FIX_ALL: &str = "source.fixAll.jiaodui";

/// Most findings of one request that get suppression actions.
const MAX_SUPPRESSED: usize = 10;

/// An action before its byte offsets are positions.
struct Draft {
    title: String,
    kind: CodeActionKind,
    edit: (Bytes<usize>, String),
    finding: Option<usize>,
    preferred: bool,
}

/// The request's code actions for the findings that touch `range`.
#[allow(clippy::too_many_arguments)]
pub fn code_actions(
    uri: &Url,
    source: &str,
    checked: &Checked,
    range: Range,
    only: Option<&[CodeActionKind]>,
    enc: Encoding,
    rule_docs: Option<&str>,
) -> Vec<CodeActionOrCommand> {
    let wanted = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                let (k, o) = (kind.as_str(), o.as_str());
                k == o || (k.starts_with(o) && k[o.len()..].starts_with('.'))
            })
        })
    };
    let touches = |f: &Finding| {
        let (a, b) = (f.range, range);
        (a.start <= b.end) && (b.start <= a.end)
    };
    let here: Vec<usize> = (0..checked.findings.len())
        .filter(|&k| touches(&checked.findings[k]))
        .collect();
    let mut drafts = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for &k in &here {
            drafts.extend(quick_fixes(checked, k));
        }
        let mut seen_line = Vec::new();
        let mut seen_file = Vec::new();
        for &k in here.iter().take(MAX_SUPPRESSED) {
            let f = &checked.findings[k];
            let rule = f.diagnostic.rule;
            if !seen_line.contains(&(rule, f.range.start.line)) {
                seen_line.push((rule, f.range.start.line));
                if let Some(edit) = disable_line(checked, f) {
                    drafts.push(Draft {
                        title: format!("本行停用 {rule}"),
                        kind: CodeActionKind::QUICKFIX,
                        edit,
                        finding: Some(k),
                        preferred: false,
                    });
                }
            }
            if !seen_file.contains(&rule) {
                seen_file.push(rule);
                if let Some(edit) = disable_file(checked, rule) {
                    drafts.push(Draft {
                        title: format!("本文件停用 {rule}"),
                        kind: CodeActionKind::QUICKFIX,
                        edit,
                        finding: Some(k),
                        preferred: false,
                    });
                }
            }
        }
    }
    let fix_all = CodeActionKind::new(FIX_ALL);
    if wanted(&fix_all) {
        if let Ok(Some(fixed)) = checked.linter.fix_document(&checked.doc) {
            let count = checked.findings.iter().filter(|f| f.diagnostic.fix.is_some()).count();
            drafts.push(Draft {
                title: format!("应用全部确定的修正（{count} 处）"),
                kind: fix_all,
                edit: minimal_edit(checked.doc.source(), &fixed),
                finding: None,
                preferred: false,
            });
        }
    }
    let offsets: Vec<usize> = drafts.iter().flat_map(|d| [d.edit.0.start, d.edit.0.end]).collect();
    let at = text::positions(source, &offsets, enc);
    drafts
        .into_iter()
        .enumerate()
        .map(|(k, d)| {
            let edit = TextEdit::new(Range::new(at[2 * k], at[2 * k + 1]), d.edit.1);
            CodeActionOrCommand::CodeAction(CodeAction {
                title: d.title,
                kind: Some(d.kind),
                diagnostics: d.finding.map(|f| vec![check::to_lsp(&checked.findings[f], rule_docs)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                command: None,
                is_preferred: d.preferred.then_some(true),
                disabled: None,
                data: None,
            })
        })
        .collect()
}

/// `s` for display in a title: invisible characters as their code points.
fn shown(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
    {
        s.chars()
            .map(|c| format!("U+{:04X}", c as u32))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        format!("“{s}”")
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{180e}')
}

/// One quick fix per suggestion, the first preferred. The edit is the
/// smallest one: only the characters that differ are replaced, so that
/// markup around them stays; a fix whose characters are split by markup
/// (`按**装`) is not offered.
fn quick_fixes(checked: &Checked, k: usize) -> Vec<Draft> {
    let f = &checked.findings[k];
    let d = &f.diagnostic;
    let plain = checked.doc.plain_text();
    let Some(found) = plain.get(f.plain.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in &d.suggestions {
        if s == found {
            continue;
        }
        let Some(edit) = replacement(checked, f, found, s) else {
            continue;
        };
        let title = if s.is_empty() {
            format!("删除{}", shown(found))
        } else {
            format!("改为“{s}”")
        };
        out.push(Draft {
            title,
            kind: CodeActionKind::QUICKFIX,
            edit,
            finding: Some(k),
            preferred: out.is_empty(),
        });
    }
    out
}

/// The lengths in bytes of the common prefix and suffix of two strings,
/// on character boundaries and not overlapping.
fn common(a: &str, b: &str) -> (usize, usize) {
    let prefix: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let suffix: usize = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (prefix, suffix)
}

/// The edit that turns `old` into `new`: the part between their common
/// prefix and suffix.
pub fn minimal_edit(old: &str, new: &str) -> (Bytes<usize>, String) {
    let (p, s) = common(old, new);
    (p..old.len() - s, new[p..new.len() - s].to_string())
}

fn replacement(checked: &Checked, f: &Finding, found: &str, suggestion: &str) -> Option<(Bytes<usize>, String)> {
    let (mut p, mut s) = common(found, suggestion);
    if p + s == found.len() {
        // Only an insertion: replace a character next to it too, so that
        // the span maps to the source.
        if s > 0 {
            s -= found[found.len() - s..].chars().next()?.len_utf8();
        } else if p > 0 {
            p -= found[..p].chars().next_back()?.len_utf8();
        } else {
            return None;
        }
    }
    let plain = f.plain.start + p..f.plain.end - s;
    let new = suggestion.get(p..suggestion.len() - s)?.to_string();
    let doc = &checked.doc;
    let span = doc.source_span(plain.clone());
    let source = doc.source().get(span.clone())?;
    let extracted = doc.plain_text().get(plain)?;
    // Verbatim, or an entity or escape standing for the text: no markup.
    let markup = |c: char| matches!(c, '<' | '>' | '*' | '_' | '`' | '[' | ']' | '~' | '\n' | '\r' | '|');
    (source == extracted || !source.chars().any(markup)).then_some((span, new))
}

/// The line ending of the document: `\r\n` when it uses them.
fn eol(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The start of the (`\n`-ended) line of byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1)
}

/// The suppression of one finding's line, as an insertion that has been
/// checked to work.
fn disable_line(checked: &Checked, f: &Finding) -> Option<(Bytes<usize>, String)> {
    let doc = &checked.doc;
    let src = doc.source();
    let rule = f.diagnostic.rule;
    let ls = line_start(src, f.diagnostic.span.start);
    let above = |comment: String| (ls..ls, format!("{comment}{}", eol(src)));
    let mut candidates = Vec::new();
    match doc.kind() {
        DocumentKind::Markdown | DocumentKind::Html => {
            if doc.kind() == DocumentKind::Markdown && starts_block(checked, f, ls) {
                candidates.push(above(format!("<!-- jiaodui-disable-next-line {rule} -->")));
            }
            // At the end of the finding's line of checked text: an inline
            // comment, inside the paragraph, heading, cell or element.
            let plain = doc.plain_text();
            let from = f.plain.start.min(plain.len());
            let pl = line_start(plain, from);
            let pe = plain[from..].find('\n').map_or(plain.len(), |i| from + i);
            let last = plain[pl..pe]
                .char_indices()
                .next_back()
                .map_or(from..from, |(i, c)| pl + i..pl + i + c.len_utf8());
            let at = doc.source_span(last).end;
            candidates.push((at..at, format!("<!-- jiaodui-disable-line {rule} -->")));
        }
        _ => candidates.push(above(format!("# jiaodui-disable-next-line {rule}"))),
    }
    candidates
        .into_iter()
        .find(|c| silences(checked, c, Target::Finding(f)))
}

/// Whether the finding's line begins a top-level paragraph or heading of
/// Markdown, where a comment on a line of its own above it changes
/// nothing: at the start or after a blank line, not indented, not in a
/// list, quote or table.
fn starts_block(checked: &Checked, f: &Finding, ls: usize) -> bool {
    let src = checked.doc.source();
    let plain = checked.doc.plain_text();
    let blank_before = match src[..ls].strip_suffix('\n') {
        None => true,
        Some(t) => {
            let t = t.strip_suffix('\r').unwrap_or(t);
            t[line_start(t, t.len())..].trim().is_empty()
        }
    };
    let pl = line_start(plain, f.plain.start.min(plain.len()));
    let first = plain[pl..].chars().next().map_or(0, char::len_utf8);
    let text_at = checked.doc.source_span(pl..pl + first).start;
    let lead = src.get(ls..text_at).unwrap_or("x");
    let top_level =
        !src[ls..].starts_with(|c: char| c.is_whitespace()) && lead.chars().all(|c| c == '#' || c == ' ' || c == '\t');
    blank_before && top_level
}

/// The suppression of a rule in the whole document: a comment at the
/// top (after a Markdown front matter or an HTML doctype).
fn disable_file(checked: &Checked, rule: &str) -> Option<(Bytes<usize>, String)> {
    let src = checked.doc.source();
    let nl = eol(src);
    let lines = || {
        src.split_inclusive('\n').scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some((start, l))
        })
    };
    let (at, comment) = match checked.doc.kind() {
        DocumentKind::Markdown => {
            let mut at = 0;
            if let Some((_, first)) = lines().next() {
                let fence = first.trim_end();
                if fence == "---" || fence == "+++" {
                    let close = lines().skip(1).find(|(_, l)| {
                        let l = l.trim_end();
                        l == fence || (fence == "---" && l == "...")
                    });
                    if let Some((start, l)) = close {
                        at = start + l.len();
                    }
                }
            }
            (at, format!("<!-- jiaodui-disable {rule} -->"))
        }
        DocumentKind::Html => {
            let head = src.trim_start().get(..9).unwrap_or("").to_ascii_lowercase();
            let mut at = 0;
            if head.starts_with("<!doctype") || head.starts_with("<?xml") {
                at = src.find('>').map_or(0, |i| i + 1);
                let rest = &src[at..];
                if let Some(j) = rest.find('\n').filter(|&j| rest[..j].trim().is_empty()) {
                    at += j + 1;
                }
            }
            (at, format!("<!-- jiaodui-disable {rule} -->"))
        }
        _ => (0, format!("# jiaodui-disable {rule}")),
    };
    // After content on the same line (a doctype), the comment starts a line.
    let text = if at > 0 && !src[..at].ends_with('\n') {
        format!("{nl}{comment}{nl}")
    } else {
        format!("{comment}{nl}")
    };
    let edit = (at..at, text);
    silences(checked, &edit, Target::Rule(rule)).then_some(edit)
}

/// What a suppression is to silence.
#[derive(Clone, Copy)]
enum Target<'a> {
    Finding(&'a Finding),
    Rule(&'a str),
}

/// Whether an insertion silences its target when the edited document is
/// checked.
fn silences(checked: &Checked, edit: &(Bytes<usize>, String), target: Target<'_>) -> bool {
    let (at, inserted) = (edit.0.start, &edit.1);
    let src = checked.doc.source();
    let Some(edited) = src.get(..at).map(|head| format!("{head}{inserted}{}", &src[at..])) else {
        return false;
    };
    let Ok(doc) = Document::new(checked.doc.kind(), edited) else {
        return false;
    };
    let findings = checked.linter.check_document(&doc);
    match target {
        Target::Finding(f) => {
            let d = &f.diagnostic;
            let shift = |x: usize| if x >= at { x + inserted.len() } else { x };
            let span = shift(d.span.start)..shift(d.span.end);
            !findings.iter().any(|e| e.rule == d.rule && e.span == span)
        }
        Target::Rule(rule) => !findings.iter().any(|e| e.rule == rule),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiaodui::Linter;

    fn apply(src: &str, edit: &(Bytes<usize>, String)) -> String {
        format!("{}{}{}", &src[..edit.0.start], edit.1, &src[edit.0.end..])
    }

    fn checked(kind: DocumentKind, src: &str) -> Checked {
        check::check(src, 1, kind, &Linter::new(), Encoding::Utf16, 1000)
    }

    fn first(c: &Checked, rule: &str) -> usize {
        c.findings.iter().position(|f| f.diagnostic.rule == rule).expect(rule)
    }

    #[test]
    fn quick_fixes_replace_only_what_differs() {
        let c = checked(DocumentKind::Markdown, "请**按**装软件，注意&#38450;讯。\n");
        let k = first(&c, "typo.word");
        let fixes = quick_fixes(&c, k);
        assert_eq!(fixes.len(), 1);
        assert_eq!(fixes[0].title, "改为“安装”");
        assert!(fixes[0].preferred);
        assert_eq!(
            apply(c.doc.source(), &fixes[0].edit),
            "请**安**装软件，注意&#38450;讯。\n"
        );
        // An entity stands for its character: replaced by the text.
        let k = c.findings.iter().position(|f| f.diagnostic.found == "防讯").unwrap();
        let fixes = quick_fixes(&c, k);
        assert_eq!(
            apply(c.doc.source(), &fixes[0].edit),
            "请**按**装软件，注意&#38450;汛。\n"
        );
    }

    #[test]
    fn deletions_name_invisible_characters() {
        let c = checked(DocumentKind::Text, "通\u{200b}知");
        let fixes = quick_fixes(&c, 0);
        assert_eq!(fixes[0].title, "删除U+200B");
        assert_eq!(apply(c.doc.source(), &fixes[0].edit), "通知");
    }

    /// The suppression of each first finding of `rule`, applied: the text,
    /// and whether the rule is silent there now.
    fn suppressed(kind: DocumentKind, src: &str, rule: &str) -> String {
        let c = checked(kind, src);
        let k = first(&c, rule);
        let edit = disable_line(&c, &c.findings[k]).expect("a suppression");
        let out = apply(src, &edit);
        let again = checked(kind, &out);
        assert!(
            again.findings.len() + 1 == c.findings.len(),
            "{out:?}: {:?}",
            again.findings
        );
        out
    }

    /// Markdown rendered, suppression comments taken out.
    fn rendered(src: &str) -> String {
        let mut html = String::new();
        let options = pulldown_cmark::Options::ENABLE_TABLES;
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(src, options));
        let mut out = String::new();
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<!-- jiaodui-") {
            out.push_str(&rest[..i]);
            let end = rest[i..].find("-->").map_or(rest.len(), |e| i + e + 3);
            rest = rest[end..].strip_prefix('\n').unwrap_or(&rest[end..]);
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn markdown_suppressions_leave_the_rendering_alone() {
        for src in [
            "# 通知\n\n请按装软件\n",
            "第一行\n请按装软件  \n第三行\n",
            "- 一\n- 请**按装**软件\n",
            "> 请按装\n",
            "| a | b |\n|---|---|\n| 一 | 请按装 |\n",
            "1. 一\n\n   请按装\n",
            "[请按装](https://x.cn)\n",
        ] {
            let out = suppressed(DocumentKind::Markdown, src, "typo.word");
            assert_eq!(rendered(&out), rendered(src), "{out:?}");
        }
    }

    #[test]
    fn line_suppressions_fit_the_file_type() {
        use DocumentKind::*;
        assert_eq!(
            suppressed(Text, "通知\n请按装软件\n", "typo.word"),
            "通知\n# jiaodui-disable-next-line typo.word\n请按装软件\n"
        );
        assert_eq!(
            suppressed(Markdown, "# 通知\n\n请按装软件\n", "typo.word"),
            "# 通知\n\n<!-- jiaodui-disable-next-line typo.word -->\n请按装软件\n"
        );
        // Inside a paragraph, a list, a quote or a table: an inline comment at the end
        // of the line, so that the blocks stay as they are.
        assert_eq!(
            suppressed(Markdown, "第一行\n请按装软件  \n第三行\n", "typo.word"),
            "第一行\n请按装软件<!-- jiaodui-disable-line typo.word -->  \n第三行\n"
        );
        assert_eq!(
            suppressed(Markdown, "- 一\n- 请**按装**软件\n", "typo.word"),
            "- 一\n- 请**按装**软件<!-- jiaodui-disable-line typo.word -->\n"
        );
        assert_eq!(
            suppressed(Markdown, "> 请按装\n", "typo.word"),
            "> 请按装<!-- jiaodui-disable-line typo.word -->\n"
        );
        assert_eq!(
            suppressed(Markdown, "| a | b |\n|---|---|\n| 一 | 请按装 |\n", "typo.word"),
            "| a | b |\n|---|---|\n| 一 | 请按装<!-- jiaodui-disable-line typo.word --> |\n"
        );
        // HTML, one line as WeChat writes it.
        assert_eq!(
            suppressed(Html, "<section><p>第一段</p><p>请按装软件</p></section>", "typo.word"),
            "<section><p>第一段</p><p>请按装软件<!-- jiaodui-disable-line typo.word --></p></section>"
        );
    }

    #[test]
    fn file_suppressions_go_after_front_matter_and_doctype() {
        use DocumentKind::*;
        let cases = [
            (
                Text,
                "请按装\n再按装\n",
                "# jiaodui-disable typo.word\n请按装\n再按装\n",
            ),
            (
                Markdown,
                "---\ntitle: 通知\n---\n请按装\n\n再按装\n",
                "---\ntitle: 通知\n---\n<!-- jiaodui-disable typo.word -->\n请按装\n\n再按装\n",
            ),
            (
                Html,
                "<!DOCTYPE html>\n<p>请按装</p><p>再按装</p>",
                "<!DOCTYPE html>\n<!-- jiaodui-disable typo.word -->\n<p>请按装</p><p>再按装</p>",
            ),
            (
                Html,
                "<!doctype html><p>请按装</p>",
                "<!doctype html>\n<!-- jiaodui-disable typo.word -->\n<p>请按装</p>",
            ),
        ];
        for (kind, src, want) in cases {
            let c = checked(kind, src);
            let edit = disable_file(&c, "typo.word").expect(src);
            assert_eq!(apply(src, &edit), want);
        }
    }

    #[test]
    fn minimal_edits() {
        assert_eq!(minimal_edit("abc", "abc"), (3..3, String::new()));
        assert_eq!(minimal_edit("二⽉一日", "二月一日"), (3..6, "月".to_string()));
        assert_eq!(minimal_edit("aa", "aaa"), (2..2, "a".to_string()));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any text of any kind: actions for every finding, never a panic,
        /// and each edit within the text.
        #[test]
        fn actions_on_any_document(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "请按装", "**", "<p>", "</p>", "<!-- x -->", "\n", "\n\n", "# ", "- ", "> ", "|", "&#25353;",
                "&amp;", "`", "二⽉", "\u{200b}", "---\n", "<", "软件", "\r\n", " ", "[", "](u)", "<!DOCTYPE html>",
            ]), 0..30),
            kind in proptest::sample::select(vec![DocumentKind::Text, DocumentKind::Markdown, DocumentKind::Html]),
        ) {
            let src: String = pieces.concat();
            let c = checked(kind, &src);
            let uri = Url::parse("file:///x").unwrap();
            let all = Range::new(lsp_types::Position::new(0, 0), lsp_types::Position::new(u32::MAX, 0));
            for a in code_actions(&uri, &src, &c, all, None, Encoding::Utf16, None) {
                let CodeActionOrCommand::CodeAction(a) = a else { continue };
                let edits = &a.edit.unwrap().changes.unwrap()[&uri];
                let r = text::byte_range(&src, edits[0].range, Encoding::Utf16);
                proptest::prop_assert!(r.end <= src.len());
            }
        }
    }
}
