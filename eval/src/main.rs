//! Accuracy harness: `cargo run --release -p jiaodui-eval -- FILE...`
//!
//! * A labelled file (`source<TAB>target` per line, equal length in
//!   characters; positions where they differ are errors) gets sentence-level
//!   and character-level detection and correction precision / recall / F1.
//! * Any other file is clean prose (one paragraph a line, `# ` lines are
//!   titles and skipped): findings per 10,000 characters, per rule.
//! * A file given with `--labelled-rules` is a labelled set of sentences
//!   for rules that are not about miswritten characters
//!   (`eval/data/laws.tsv`): `class<TAB>expected<TAB>sentence[<TAB>note]`
//!   per line (`#` lines are comments), `expected` the rule id the sentence
//!   must be flagged with or `-` for one that must stay silent. Only the
//!   findings of the rule families the file names count: per class, the
//!   lines found and missed (or silent and flagged), then recall,
//!   precision and the false alarms on the correct lines.
//!
//! Definitions follow ../shared/eval/README.md. On labelled files only the
//! rules whose findings are miswritten characters count (their declaration's
//! `miswritten`: `typo.*`, `idiom.*`, `formulation.*`, `name.*`), unless
//! `--all-rules` is given.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use jiaodui::{Diagnostic, Linter};

const USAGE: &str =
    "usage: jiaodui-eval [--all-rules] [--show N] [--dict FILE]... [--lm FILE] [--only RULE]... [--ceiling] \
  [--labelled-rules FILE]... FILE...\n\
  FILE: a labelled set (source<TAB>target lines) or clean prose (one paragraph a line)\n\
  --labelled-rules FILE  a labelled set of class<TAB>expected rule or -<TAB>sentence lines (eval/data/laws.tsv)\n\
  --only RULE  only this rule or family (repeatable); every other rule is off\n\
  --all-rules  on labelled sets, count every rule, not only those of miswritten characters\n\
  --show N     print up to N misses and false alarms of each file\n\
  --dict FILE  a user typo dictionary\n\
  --lm FILE    a language model (jiaodui lm build) instead of the default one\n\
  --ceiling    instead of the linter, flag every character whose best confusable gains at\n\
               least T under the word model, for several T: a bound on what that model can do";

struct Options {
    all_rules: bool,
    ceiling: bool,
    show: usize,
    dicts: Vec<PathBuf>,
    lm: Option<PathBuf>,
    only: Vec<String>,
    rule_sets: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        all_rules: false,
        ceiling: false,
        show: 0,
        dicts: Vec::new(),
        lm: None,
        only: Vec::new(),
        rule_sets: Vec::new(),
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--all-rules" => o.all_rules = true,
            "--ceiling" => o.ceiling = true,
            "--show" => {
                o.show = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--show takes a number")?;
            }
            "--dict" => o.dicts.push(args.next().ok_or("--dict takes a file")?.into()),
            "--lm" => o.lm = Some(args.next().ok_or("--lm takes a file")?.into()),
            "--only" => o.only.push(args.next().ok_or("--only takes a rule id or family")?),
            "--labelled-rules" => o
                .rule_sets
                .push(args.next().ok_or("--labelled-rules takes a file")?.into()),
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            _ => o.files.push(a.into()),
        }
    }
    if o.files.is_empty() && o.rule_sets.is_empty() {
        return Err("no FILE given".into());
    }
    Ok(o)
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("jiaodui-eval: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Linter::builder();
    for d in &opts.dicts {
        builder = builder.dictionary_file(d);
    }
    if let Some(lm) = &opts.lm {
        builder = builder.language_model_file(lm);
    }
    if !opts.only.is_empty() {
        for r in jiaodui::rules() {
            if !opts.only.iter().any(|o| o == r.id || o == r.family()) {
                builder = builder.disable(r.id);
            }
        }
    }
    let linter = match builder.build() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("jiaodui-eval: {e}");
            return ExitCode::from(2);
        }
    };
    for file in &opts.rule_sets {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("jiaodui-eval: {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let name = file
            .file_name()
            .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        match parse_rule_set(&text) {
            Ok(lines) => print!("{}", rule_set(&linter, &name, &lines, opts.show)),
            Err(e) => {
                eprintln!("jiaodui-eval: {}:{e}", file.display());
                return ExitCode::from(2);
            }
        }
    }
    for file in &opts.files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("jiaodui-eval: {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let name = file
            .file_name()
            .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        let pairs: Option<Vec<(&str, &str)>> = text
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| l.split_once('\t'))
            .collect();
        match pairs {
            Some(pairs) if !pairs.is_empty() && opts.ceiling => print!("{}", ceiling_labelled(&name, &pairs)),
            _ if opts.ceiling => print!("{}", ceiling_clean(&name, &text)),
            Some(pairs) if !pairs.is_empty() => print!("{}", labelled(&linter, &name, &pairs, &opts)),
            _ => print!("{}", clean(&linter, &name, &text, opts.show)),
        }
    }
    ExitCode::SUCCESS
}

/// Character positions a finding flags, and the character it proposes for
/// each: where the first suggestion has the span's length, the positions
/// where they differ; otherwise every position of the span.
fn flagged(text: &str, d: &Diagnostic) -> Vec<(usize, Option<char>)> {
    let start = text[..d.span.start].chars().count();
    let found: Vec<char> = d.found.chars().collect();
    match d.suggestions.first().map(|s| s.chars().collect::<Vec<char>>()) {
        Some(sugg) if sugg.len() == found.len() => (0..found.len())
            .filter(|&i| found[i] != sugg[i])
            .map(|i| (start + i, Some(sugg[i])))
            .collect(),
        _ => (0..found.len()).map(|i| (start + i, None)).collect(),
    }
}

#[derive(Default, Debug, PartialEq)]
struct Counts {
    sentences: usize,
    erroneous: usize,
    with_findings: usize,
    /// Erroneous sentences with any finding (loose detection).
    loose_hits: usize,
    /// Sentences whose flagged positions equal the error positions.
    detect_exact: usize,
    /// … and whose proposed characters are the right ones.
    correct_exact: usize,
    char_flagged: usize,
    char_gold: usize,
    char_detect_hits: usize,
    char_correct_hits: usize,
    /// Findings on correct sentences.
    false_alarms: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn prf(tp: usize, predicted: usize, gold: usize) -> String {
    let (p, r) = (ratio(tp, predicted), ratio(tp, gold));
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    format!("P {p:.3}  R {r:.3}  F1 {f:.3}  ({tp} / {predicted} predicted / {gold} gold)")
}

fn counts_for(
    linter: &Linter,
    pairs: &[(&str, &str)],
    all_rules: bool,
    mut each: impl FnMut(&str, &str, &[Diagnostic], bool),
) -> Counts {
    let mut c = Counts::default();
    for &(src, tgt) in pairs {
        let s: Vec<char> = src.chars().collect();
        let t: Vec<char> = tgt.chars().collect();
        if s.len() != t.len() {
            continue;
        }
        c.sentences += 1;
        let gold: BTreeMap<usize, char> = (0..s.len()).filter(|&i| s[i] != t[i]).map(|i| (i, t[i])).collect();
        let findings: Vec<Diagnostic> = linter
            .check(src)
            .into_iter()
            .filter(|d| all_rules || d.rule_info().miswritten)
            .collect();
        let mut pred: BTreeMap<usize, Option<char>> = BTreeMap::new();
        for d in &findings {
            pred.extend(flagged(src, d));
        }
        let pred_pos: BTreeSet<usize> = pred.keys().copied().collect();
        let gold_pos: BTreeSet<usize> = gold.keys().copied().collect();
        if !gold.is_empty() {
            c.erroneous += 1;
            c.loose_hits += usize::from(!findings.is_empty());
        } else {
            c.false_alarms += findings.len();
        }
        if !findings.is_empty() {
            c.with_findings += 1;
        }
        let exact = !gold.is_empty() && pred_pos == gold_pos;
        c.detect_exact += usize::from(exact);
        c.correct_exact += usize::from(exact && gold.iter().all(|(i, ch)| pred[i] == Some(*ch)));
        c.char_flagged += pred.len();
        c.char_gold += gold.len();
        c.char_detect_hits += pred_pos.intersection(&gold_pos).count();
        c.char_correct_hits += gold.iter().filter(|(i, ch)| pred.get(i) == Some(&Some(**ch))).count();
        each(src, tgt, &findings, exact);
    }
    c
}

fn labelled(linter: &Linter, name: &str, pairs: &[(&str, &str)], opts: &Options) -> String {
    let started = Instant::now();
    let (mut misses, mut alarms) = (Vec::new(), Vec::new());
    let c = counts_for(linter, pairs, opts.all_rules, |src, tgt, findings, exact| {
        let desc = || {
            findings
                .iter()
                .map(|d| format!("{}→{}", d.found, d.suggestions.join("|")))
                .collect::<Vec<_>>()
                .join(" ")
        };
        if src != tgt && !exact && misses.len() < opts.show {
            misses.push(format!("    miss: {src}\n       → {tgt}\n       found: {}", desc()));
        }
        if src == tgt && !findings.is_empty() && alarms.len() < opts.show {
            alarms.push(format!("    false alarm: {src}\n       found: {}", desc()));
        }
    });
    let secs = started.elapsed().as_secs_f64();
    let mut out = format!(
        "{name}: {} sentences, {} with errors, {:.2} s ({:.0} sentences/s)\n",
        c.sentences,
        c.erroneous,
        secs,
        c.sentences as f64 / secs.max(1e-9)
    );
    let rows = [
        ("sentence detection  ", c.detect_exact, c.with_findings, c.erroneous),
        ("sentence correction ", c.correct_exact, c.with_findings, c.erroneous),
        ("sentence, loose     ", c.loose_hits, c.with_findings, c.erroneous),
        ("char detection      ", c.char_detect_hits, c.char_flagged, c.char_gold),
        ("char correction     ", c.char_correct_hits, c.char_flagged, c.char_gold),
    ];
    for (label, tp, predicted, gold) in rows {
        out += &format!("  {label} {}\n", prf(tp, predicted, gold));
    }
    out += &format!(
        "  findings on correct sentences: {} in {} correct sentences\n",
        c.false_alarms,
        c.sentences - c.erroneous
    );
    for line in misses.iter().chain(&alarms) {
        out += line;
        out.push('\n');
    }
    out
}

/// The gain thresholds of `--ceiling`; `typo.confusable` asks 11 with the
/// default model.
const CEILING_GAINS: [f64; 7] = [6.0, 8.0, 9.0, 10.0, 11.0, 12.0, 14.0];

/// `--ceiling` on a labelled set: if every character were a candidate and
/// the word model's gain alone decided, what sentence detection would be.
fn ceiling_labelled(name: &str, pairs: &[(&str, &str)]) -> String {
    // Each sentence's wrong positions and its characters' gains.
    type Sentence = (BTreeSet<usize>, Vec<(usize, f64)>);
    let sentences: Vec<Sentence> = pairs
        .iter()
        .filter(|(s, t)| s.chars().count() == t.chars().count())
        .map(|(s, t)| {
            let gold = s
                .chars()
                .zip(t.chars())
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .map(|(i, _)| i);
            (gold.collect(), jiaodui::__private::confusable_gains(s))
        })
        .collect();
    let erroneous = sentences.iter().filter(|(g, _)| !g.is_empty()).count();
    let mut out = format!("{name} (ceiling of the word model, every character a candidate, no guard):\n");
    for t in CEILING_GAINS {
        let (mut exact, mut predicted, mut loose) = (0, 0, 0);
        for (gold, gains) in &sentences {
            let flagged: BTreeSet<usize> = gains.iter().filter(|&&(_, g)| g >= t).map(|&(i, _)| i).collect();
            if flagged.is_empty() {
                continue;
            }
            predicted += 1;
            loose += usize::from(!gold.is_empty());
            exact += usize::from(!gold.is_empty() && flagged == *gold);
        }
        out += &format!(
            "  gain >= {t:>4}: sentence detection {}; loose P {:.3}\n",
            prf(exact, predicted, erroneous),
            ratio(loose, predicted)
        );
    }
    out
}

/// `--ceiling` on clean prose: the characters flagged per 10,000.
fn ceiling_clean(name: &str, text: &str) -> String {
    let mut chars = 0usize;
    let mut gains = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with("# ")) {
        chars += line.chars().count();
        gains.extend(jiaodui::__private::confusable_gains(line).into_iter().map(|(_, g)| g));
    }
    let rates: Vec<String> = CEILING_GAINS
        .iter()
        .map(|&t| {
            format!(
                ">= {t}: {:.2}",
                ratio(gains.iter().filter(|&&g| g >= t).count() * 10_000, chars)
            )
        })
        .collect();
    format!(
        "{name} (ceiling, flags per 10,000 characters at each gain): {}\n",
        rates.join(", ")
    )
}

fn clean(linter: &Linter, name: &str, text: &str, show: usize) -> String {
    let started = Instant::now();
    let (mut chars, mut total) = (0usize, 0usize);
    let mut per_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut examples = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with("# ")) {
        chars += line.chars().count();
        for d in linter.check(line) {
            total += 1;
            *per_rule.entry(d.rule).or_default() += 1;
            if examples.len() < show {
                let from = line.floor_char_boundary(d.span.start.saturating_sub(30));
                let to = line.ceil_char_boundary((d.span.end + 30).min(line.len()));
                examples.push(format!(
                    "    {} {}→{}: …{}…",
                    d.rule,
                    d.found,
                    d.suggestions.join("|"),
                    &line[from..to]
                ));
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let rules: Vec<String> = per_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
    let mut out = format!(
        "{name}: {chars} characters, {total} findings = {:.3} per 10,000 characters ({}), {:.2} s\n",
        ratio(total * 10_000, chars),
        if rules.is_empty() {
            "none".to_string()
        } else {
            rules.join(", ")
        },
        secs
    );
    for e in examples {
        out += &e;
        out.push('\n');
    }
    out
}

/// A line of a labelled set for rules: its class, the rule it must be
/// flagged with (`None`: it must stay silent), the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RuleLine<'a> {
    class: &'a str,
    expected: Option<&'a str>,
    sentence: &'a str,
}

/// Reads `class<TAB>expected<TAB>sentence[<TAB>note]` lines; `#` lines and
/// blank ones are skipped. The error is `line: reason`.
fn parse_rule_set(text: &str) -> Result<Vec<RuleLine<'_>>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 || f[0].is_empty() || f[2].is_empty() {
            return Err(format!(
                "{}: expected class<TAB>expected rule or -<TAB>sentence[<TAB>note]",
                i + 1
            ));
        }
        let expected = match f[1] {
            "-" => None,
            id if jiaodui::rule(id).is_some() => Some(id),
            id => return Err(format!("{}: no rule has the id {id:?}", i + 1)),
        };
        out.push(RuleLine {
            class: f[0],
            expected,
            sentence: f[2],
        });
    }
    Ok(out)
}

/// What a labelled set for rules gives, per class and in all.
#[derive(Debug, Default, PartialEq)]
struct RuleCounts {
    /// Per class (in the order met): lines, lines found (or silent), lines
    /// flagged by another rule of the families only (wrong lines).
    classes: Vec<(String, bool, usize, usize, usize)>,
    wrong: usize,
    found: usize,
    correct: usize,
    /// Lines with a finding of the families.
    flagged: usize,
    /// Findings of the families on correct lines.
    false_alarms: usize,
    by_rule: BTreeMap<&'static str, usize>,
}

fn rule_counts(
    linter: &Linter,
    lines: &[RuleLine<'_>],
    mut each: impl FnMut(&RuleLine<'_>, &[Diagnostic], bool),
) -> RuleCounts {
    let families: BTreeSet<&str> = lines
        .iter()
        .filter_map(|l| l.expected)
        .map(|id| id.split_once('.').map_or(id, |(f, _)| f))
        .collect();
    let mut c = RuleCounts::default();
    for l in lines {
        let findings: Vec<Diagnostic> = linter
            .check(l.sentence)
            .into_iter()
            .filter(|d| families.contains(d.rule_info().family()))
            .collect();
        for d in &findings {
            *c.by_rule.entry(d.rule).or_default() += 1;
        }
        let hit = match l.expected {
            Some(id) => findings.iter().any(|d| d.rule == id),
            None => findings.is_empty(),
        };
        let k = match c.classes.iter().position(|x| x.0 == l.class) {
            Some(k) => k,
            None => {
                c.classes.push((l.class.to_string(), l.expected.is_some(), 0, 0, 0));
                c.classes.len() - 1
            }
        };
        let row = &mut c.classes[k];
        row.2 += 1;
        row.3 += usize::from(hit);
        row.4 += usize::from(l.expected.is_some() && !hit && !findings.is_empty());
        c.flagged += usize::from(!findings.is_empty());
        if l.expected.is_some() {
            c.wrong += 1;
            c.found += usize::from(hit);
        } else {
            c.correct += 1;
            c.false_alarms += findings.len();
        }
        each(l, &findings, hit);
    }
    c
}

fn rule_set(linter: &Linter, name: &str, lines: &[RuleLine<'_>], show: usize) -> String {
    let mut shown = Vec::new();
    let c = rule_counts(linter, lines, |l, findings, hit| {
        if !hit && shown.len() < show {
            let desc: Vec<String> = findings
                .iter()
                .map(|d| format!("{} {}→{}", d.rule, d.found, d.suggestions.join("|")))
                .collect();
            let what = if l.expected.is_some() { "miss" } else { "false alarm" };
            shown.push(format!(
                "    {what} ({}): {}
       found: {}",
                l.class,
                l.sentence,
                desc.join("; ")
            ));
        }
    });
    let families: BTreeSet<&str> = lines
        .iter()
        .filter_map(|l| l.expected)
        .map(|id| id.split_once('.').map_or(id, |(f, _)| f))
        .collect();
    let mut out = format!(
        "{name}: {} lines, {} to flag, {} to stay silent (findings of {})\n",
        lines.len(),
        c.wrong,
        c.correct,
        families.iter().map(|f| format!("{f}.*")).collect::<Vec<_>>().join(", ")
    );
    out += "  to flag:         lines  found  missed  (by another rule)\n";
    for (class, wrong, n, hit, other) in c.classes.iter().filter(|x| x.1) {
        let _ = wrong;
        out += &format!("    {class:<22}{n:>5}{hit:>7}{:>8}  ({other})\n", n - hit);
    }
    out += "  to stay silent:  lines  silent  flagged\n";
    for (class, _, n, hit, _) in c.classes.iter().filter(|x| !x.1) {
        out += &format!("    {class:<22}{n:>5}{hit:>8}{:>9}\n", n - hit);
    }
    out += &format!(
        "  recall {:.3} ({} / {}), precision {:.3} ({} / {} lines flagged), {} false alarms on {} correct lines\n",
        ratio(c.found, c.wrong),
        c.found,
        c.wrong,
        ratio(c.found, c.flagged),
        c.found,
        c.flagged,
        c.false_alarms,
        c.correct
    );
    let rules: Vec<String> = c.by_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
    out += &format!(
        "  findings by rule: {}\n",
        if rules.is_empty() {
            "none".into()
        } else {
            rules.join(", ")
        }
    );
    for s in shown {
        out += &s;
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_labelled_set_for_rules() {
        let text = "# comment\nrepealed\tlaw.title\t根据《合同法》的规定处理。\tnote\n\
                    current\t-\t根据《中华人民共和国民法典》的规定处理。\n\
                    repealed\tlaw.title\t按约定处理。\n";
        let lines = parse_rule_set(text).unwrap();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].expected, None);
        let c = rule_counts(&Linter::new(), &lines, |_, _, _| {});
        assert_eq!(
            (c.wrong, c.found, c.correct, c.flagged, c.false_alarms),
            (2, 1, 1, 1, 0)
        );
        assert_eq!(c.classes[0], ("repealed".to_string(), true, 2, 1, 0));
        assert!(parse_rule_set("a\tno.such-rule\tx\n")
            .unwrap_err()
            .starts_with("1: no rule"));
        assert!(parse_rule_set("a\tlaw.title\n").is_err());
    }

    #[test]
    fn metrics_on_a_tiny_set() {
        let linter = Linter::new();
        let pairs = [
            ("请按装软件", "请安装软件"),         // detected and corrected
            ("请按时到达", "请按时到达"),         // correct, silent
            ("请及时布置工作", "请及时部置工作"), // an error the tool does not know
        ];
        let c = counts_for(&linter, &pairs, false, |_, _, _, _| {});
        assert_eq!(
            (
                c.sentences,
                c.erroneous,
                c.with_findings,
                c.detect_exact,
                c.correct_exact
            ),
            (3, 2, 1, 1, 1)
        );
        assert_eq!(
            (c.char_flagged, c.char_gold, c.char_detect_hits, c.char_correct_hits),
            (1, 2, 1, 1)
        );
        assert_eq!(c.false_alarms, 0);
    }
}
