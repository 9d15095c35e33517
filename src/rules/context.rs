//! Helpers shared by the rules that look at the sentence around a match.

/// The sentence around `pos`: from after the previous 。！？；\n to the next.
pub(crate) fn sentence(text: &str, pos: usize) -> std::ops::Range<usize> {
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?');
    let start = text[..pos]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_end(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[pos..]
        .char_indices()
        .find(|&(_, c)| is_end(c))
        .map_or(text.len(), |(i, _)| pos + i);
    start..end
}

/// Years written with Arabic digits before 年 in `s` (1900–2099).
pub(crate) fn years(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.match_indices('年').filter_map(move |(i, _)| {
        let digits: String = s[..i].chars().rev().take_while(|c| c.is_ascii_digit()).collect();
        let year: u32 = digits.chars().rev().collect::<String>().parse().ok()?;
        (digits.len() == 4 && (1900..2100).contains(&year)).then_some(year)
    })
}

/// Whether the sentence around `pos` dates what it says before `year`.
pub(crate) fn dated_before(text: &str, pos: usize, year: u32) -> bool {
    years(&text[sentence(text, pos)]).any(|y| y < year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_sentences() {
        let t = "前言。2017年，国家质检总局发布通知；2019年起";
        let pos = t.find("国家").unwrap();
        assert_eq!(&t[sentence(t, pos)], "2017年，国家质检总局发布通知");
        assert!(dated_before(t, pos, 2018));
        assert!(!dated_before(t, pos, 2017));
        assert_eq!(years("公元12018年与1998年").collect::<Vec<_>>(), [1998]);
    }
}
