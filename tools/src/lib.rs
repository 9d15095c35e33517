//! Shared code of the model tools: reading the corpus, and the confusion
//! sets stored in the built-in model.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use jiaodui::__ctx::ConfusionKind;

/// Calls `f` with each line of a text file, gunzipped if its name ends in
/// `.gz`.
pub fn for_each_line(path: &Path, mut f: impl FnMut(&str)) -> std::io::Result<()> {
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        f(&line);
    }
}

/// The prior weight of each kind of confusion: how likely a confusion of
/// that kind is, relative to the same syllable and tone. Fixed priors, not
/// fitted to any evaluation set.
pub fn weight(kind: ConfusionKind) -> f64 {
    match kind {
        ConfusionKind::SameSound => 1.0,
        ConfusionKind::OtherTone => 0.5,
        ConfusionKind::Shape => 0.5,
        ConfusionKind::NearSound => 0.15,
        _ => 0.1,
    }
}

/// Most confusable characters stored for one character.
pub const MAX_PER_CHAR: usize = 64;

/// Residual strokes within which two characters of one radical count as
/// similar in shape.
const RADICAL_STROKES: i64 = 1;

/// Radical neighbours kept per character (the most frequent).
const MAX_RADICAL: usize = 12;

/// Closed classes whose members replace each other in correct text and
/// whose choice local context cannot decide: numerals (四/十, 几/九) and
/// the third-person pronouns (他/她/它). A confusion between two members of
/// one class is not stored.
const CLOSED_CLASSES: [&str; 2] = ["〇一二三四五六七八九十百千万亿两几", "他她它"];

/// Whether `a` and `b` belong to one closed class.
pub fn same_closed_class(a: char, b: char) -> bool {
    CLOSED_CLASSES.iter().any(|s| s.contains(a) && s.contains(b))
}

/// Splits a syllable (no tone) into initial and final.
fn split(s: &str) -> (&str, &str) {
    for ini in ["zh", "ch", "sh"] {
        if let Some(rest) = s.strip_prefix(ini) {
            return (ini, rest);
        }
    }
    match s.chars().next() {
        Some(c) if "bpmfdtnlgkhjqxrzcsyw".contains(c) => (&s[..1], &s[1..]),
        _ => ("", s),
    }
}

/// The syllable with the merged sounds made equal: zh/z, ch/c, sh/s, n/l,
/// f/h, r/l; in/ing, en/eng, an/ang, ian/iang, uan/uang.
pub fn near_key(s: &str) -> String {
    let (ini, fin) = split(s);
    let ini = match ini {
        "zh" => "z",
        "ch" => "c",
        "sh" => "s",
        "n" | "r" => "l",
        "f" => "h",
        x => x,
    };
    let fin = match fin {
        "ing" => "in",
        "eng" => "en",
        "iang" => "ian",
        "uang" => "uan",
        "ang" => "an",
        x => x,
    };
    format!("{ini}{fin}")
}

/// The confusion sets among `common` characters (most frequent first,
/// with their counts): same syllable (same or other tone), merged sounds,
/// the listed shape pairs (`shape_tsv`, the format of
/// `dictionaries/shape-similar.tsv`) and Unihan radical-stroke neighbours.
/// Deterministic: the same input gives the same sets.
/// Every character of `common` gets a set; only those counted at least
/// `min_target` times are suggested.
pub fn confusion_sets(common: &[(char, u64)], shape_tsv: &str, min_target: u64) -> Vec<jiaodui::__ctx::ConfusionSet> {
    use pinyin::ToPinyinMulti;
    let rank: BTreeMap<char, usize> = common.iter().enumerate().map(|(i, &(c, _))| (c, i)).collect();
    let target: BTreeSet<char> = common.iter().filter(|e| e.1 >= min_target).map(|e| e.0).collect();
    // (plain syllable, tone) readings of each character.
    let mut readings: BTreeMap<char, Vec<(String, String)>> = BTreeMap::new();
    let mut by_plain: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
    let mut by_near: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
    for &(c, _) in common {
        let Some(multi) = c.to_pinyin_multi() else { continue };
        for i in 0..multi.count() {
            let p = multi.get(i);
            let plain = p.plain().replace('ü', "v");
            let toned = p.with_tone_num_end().replace('ü', "v");
            by_plain.entry(plain.clone()).or_default().insert(c);
            by_near.entry(near_key(&plain)).or_default().insert(c);
            readings.entry(c).or_default().push((plain, toned));
        }
    }
    let mut sets: BTreeMap<char, BTreeMap<char, ConfusionKind>> = BTreeMap::new();
    let better = |a: ConfusionKind, b: ConfusionKind| if weight(b) > weight(a) { b } else { a };
    let add = |sets: &mut BTreeMap<char, BTreeMap<char, ConfusionKind>>, a: char, b: char, k: ConfusionKind| {
        if a == b || same_closed_class(a, b) || !target.contains(&b) {
            return;
        }
        let e = sets.entry(a).or_default().entry(b).or_insert(k);
        *e = better(*e, k);
    };
    for (&c, rs) in &readings {
        for (plain, toned) in rs {
            for &d in &by_plain[plain] {
                let same_tone = readings[&d].iter().any(|(_, t)| t == toned);
                let k = if same_tone {
                    ConfusionKind::SameSound
                } else {
                    ConfusionKind::OtherTone
                };
                add(&mut sets, c, d, k);
            }
            for &d in &by_near[&near_key(plain)] {
                add(&mut sets, c, d, ConfusionKind::NearSound);
            }
        }
    }
    for line in shape_tsv.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(a), Some(b)) = (f.next(), f.next()) else {
            continue;
        };
        let (mut a, mut b) = (a.chars(), b.chars());
        if let (Some(a), None, Some(b), None) = (a.next(), a.next(), b.next(), b.next()) {
            if rank.contains_key(&a) && rank.contains_key(&b) {
                add(&mut sets, a, b, ConfusionKind::Shape);
                add(&mut sets, b, a, ConfusionKind::Shape);
            }
        }
    }
    // Unihan radical-stroke: the same radical, residual strokes within one.
    let mut by_radical: BTreeMap<u64, Vec<(char, i64)>> = BTreeMap::new();
    for &(c, _) in common {
        if let Some(ch) = cjk::UNIHAN_CHARACTERS.get(&c) {
            let r = ch.radicals.iter().find(|r| r.canonical).or_else(|| ch.radicals.first());
            if let Some(r) = r {
                by_radical
                    .entry(r.radical)
                    .or_default()
                    .push((c, r.remainder_stroke_count as i64));
            }
        }
    }
    for members in by_radical.values() {
        for &(c, s) in members {
            // Members are in frequency order (common is).
            let near: Vec<char> = members
                .iter()
                .filter(|&&(d, t)| d != c && (t - s).abs() <= RADICAL_STROKES)
                .map(|&(d, _)| d)
                .take(MAX_RADICAL)
                .collect();
            for d in near {
                add(&mut sets, c, d, ConfusionKind::Radical);
            }
        }
    }
    sets.into_iter()
        .map(|(c, m)| {
            let mut list: Vec<(char, f64, u8)> = m.into_iter().map(|(d, k)| (d, weight(k), k.code())).collect();
            // Most likely first, then the more frequent character.
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(rank[&a.0].cmp(&rank[&b.0])));
            list.truncate(MAX_PER_CHAR);
            (c, list)
        })
        .collect()
}

/// Peak resident memory of this process, in bytes (Linux; 0 elsewhere).
pub fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse::<u64>().ok()))
        })
        .map_or(0, |kb| kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_sounds() {
        assert_eq!(near_key("zhang"), near_key("zan"));
        assert_eq!(near_key("nian"), near_key("liang"));
        assert_eq!(near_key("fu"), near_key("hu"));
        assert_eq!(near_key("ren"), near_key("leng"));
        assert_eq!(near_key("chuan"), near_key("cuang"));
        assert_ne!(near_key("ba"), near_key("pa"));
    }

    #[test]
    fn sets_have_sound_and_shape() {
        let common: Vec<(char, u64)> = "管官关理里礼体休董懂单淡位味"
            .chars()
            .enumerate()
            .map(|(i, c)| (c, 100 - i as u64))
            .collect();
        let sets = confusion_sets(&common, "体\t休\tnote\n", 1);
        let of = |c: char| {
            sets.iter()
                .find(|(x, _)| *x == c)
                .map(|(_, l)| l.clone())
                .unwrap_or_default()
        };
        assert!(of('官')
            .iter()
            .any(|&(d, _, k)| d == '管' && k == ConfusionKind::OtherTone.code()));
        assert!(of('体')
            .iter()
            .any(|&(d, _, k)| d == '休' && k == ConfusionKind::Shape.code()));
        assert!(of('懂').iter().any(|&(d, w, _)| d == '董' && w == 1.0));
    }
}
