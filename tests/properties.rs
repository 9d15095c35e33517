//! Properties that hold for any input.

use jiaodui::{LineIndex, Linter};
use proptest::prelude::*;

/// Strings biased towards what the rules look at: Chinese text with listed
/// wrong forms, punctuation, ASCII, line breaks and odd code points.
fn chinese_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("按装".to_string()),
        Just("布署".to_string()),
        Just("发布署名".to_string()),
        Just("再接再励".to_string()),
        Just("帐号".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{200b}".to_string()),
        Just("⽉".to_string()),
        Just("二0二三年".to_string()),
        Just("，".to_string()),
        Just(",".to_string()),
        "[一-龥]{1,6}",
        "[，。；：！？“”《》、]",
        "[a-zA-Z0-9 ./:]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        let _ = Linter::new().check(&s);
    }

    #[test]
    fn spans_are_in_bounds_on_boundaries_and_sorted(s in chinese_text()) {
        let findings = Linter::new().check(&s);
        let index = LineIndex::new(&s);
        let mut last = (0, 0);
        for d in &findings {
            prop_assert!(d.span.start < d.span.end && d.span.end <= s.len());
            prop_assert!(s.is_char_boundary(d.span.start) && s.is_char_boundary(d.span.end));
            prop_assert_eq!(&s[d.span.clone()], d.found.as_str());
            prop_assert!((d.span.start, d.span.end) >= last);
            last = (d.span.start, d.span.end);
            let (l1, c1) = index.line_col(d.span.start);
            let (l2, c2) = index.line_col(d.span.end);
            prop_assert!(l1 >= 1 && c1 >= 1 && (l2, c2) > (l1, c1));
        }
    }

    #[test]
    fn same_input_same_output(s in chinese_text()) {
        let linter = Linter::new();
        prop_assert_eq!(linter.check(&s), linter.check(&s));
        // A freshly built linter agrees with the shared one.
        let other = Linter::builder().build().unwrap();
        prop_assert_eq!(linter.check(&s), other.check(&s));
    }

    #[test]
    fn fix_is_idempotent(s in chinese_text()) {
        let linter = Linter::new();
        let once = linter.fix(&s).into_owned();
        let twice = linter.fix(&once).into_owned();
        prop_assert_eq!(&once, &twice);
        // Nothing left to fix.
        prop_assert!(linter.check(&once).iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn no_han_no_typo(s in "[^\u{3400}-\u{9fff}\u{f900}-\u{faff}\u{20000}-\u{3134f}]*") {
        let findings = Linter::new().check(&s);
        prop_assert!(findings.iter().all(|d| !d.rule.starts_with("typo.")), "{:?}", findings);
    }

    #[test]
    fn line_col_agrees_with_a_naive_count(s in chinese_text(), at in any::<prop::sample::Index>()) {
        let byte = at.index(s.len() + 1);
        let index = LineIndex::new(&s);
        let mut b = byte;
        while !s.is_char_boundary(b) { b -= 1; }
        let before = &s[..b];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
        prop_assert_eq!(index.line_col(byte), (line, col));
    }
}
