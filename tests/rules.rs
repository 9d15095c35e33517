//! The rule declarations: categories, what counts as serious or as a
//! miswritten character, explanations, data files and origins.

use jiaodui::{Category, Linter, Severity};

#[test]
fn categories() {
    for r in jiaodui::rules() {
        let expected = match r.id {
            "formulation.near-miss"
            | "name.leader"
            | "political.term"
            | "agency.renamed"
            | "secrecy.marking"
            | "law.title"
            | "law.article" => Category::Serious,
            _ if matches!(r.family(), "typo" | "idiom") => Category::Spelling,
            "sensitive.word" => Category::Policy,
            _ if r.family() == "privacy" => Category::Policy,
            _ => Category::Hygiene,
        };
        assert_eq!(r.category, expected, "{}", r.id);
        // The accuracy harness's rules: those of misspelt characters.
        let miswritten = matches!(r.family(), "typo" | "idiom" | "formulation" | "name");
        assert_eq!(r.miswritten, miswritten, "{}", r.id);
    }
}

#[test]
fn serious_findings() {
    let serious = |id: &str, s: Severity| jiaodui::rule(id).unwrap().is_serious(s);
    assert!(serious("formulation.near-miss", Severity::Info));
    assert!(serious("agency.renamed", Severity::Warning));
    assert!(serious("political.term", Severity::Error));
    assert!(!serious("political.term", Severity::Warning));
    assert!(!serious("typo.word", Severity::Error));
    assert!(!serious("privacy.id-card", Severity::Error));
    let linter = Linter::new();
    let findings = linter.check("台湾总统发表讲话，研究中台问题。国家质检总局发布通知。请按装软件。");
    let got: Vec<(&str, bool)> = findings.iter().map(|d| (d.found.as_str(), d.is_serious())).collect();
    assert_eq!(
        got,
        [
            ("台湾总统", true),
            ("中台", false),
            ("国家质检总局", true),
            ("按装", false)
        ]
    );
    // A configured severity decides: political.term at info is never serious.
    let quiet = Linter::builder()
        .severity("political.term", Severity::Info)
        .build()
        .unwrap();
    assert!(quiet.check("台湾总统发表讲话").iter().all(|d| !d.is_serious()));
}

#[test]
fn every_rule_is_explained_with_its_data() {
    for r in jiaodui::rules() {
        let text = jiaodui::explain(r.id).unwrap().to_string();
        assert!(text.starts_with(&format!("{}\n", r.id)), "{text}");
        assert!(text.contains(r.summary) && text.contains(r.explanation), "{text}");
        for d in r.data_files() {
            assert!(d.entries > 0, "{}: {} has no entries", r.id, d.path);
            assert!(text.contains(d.path), "{text}");
            // The project's own files exist where the declaration says.
            if let Some(name) = d.path.strip_prefix("dictionaries/") {
                let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("dictionaries")
                    .join(name);
                assert!(path.is_file(), "{}: {} is missing", r.id, d.path);
            }
        }
    }
    assert!(jiaodui::explain("typo.words").is_none());
}

#[test]
fn findings_name_the_entry_they_come_from() {
    let linter = Linter::new();
    let origin = |text: &str| {
        let d = &linter.check(text)[0];
        d.origin().map(|o| (d.rule, o.source().to_string(), o.line()))
    };
    // The line of each built-in entry, found in the file itself.
    let line_of = |file: &str, key: &str| -> u32 {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let text = std::fs::read_to_string(path).unwrap();
        let k = text.lines().position(|l| l.split('\t').next() == Some(key)).unwrap();
        k as u32 + 1
    };
    let cases = [
        ("请按装软件", "typo.word", "dictionaries/typo.tsv", "按装"),
        (
            "推进一路一带建设",
            "formulation.near-miss",
            "dictionaries/formulations.tsv",
            "一带一路",
        ),
        ("李墙总理主持会议", "name.leader", "dictionaries/leaders.tsv", "李强"),
        (
            "台湾总统发表讲话",
            "political.term",
            "dictionaries/political-terms.tsv",
            "台湾总统",
        ),
        (
            "国家质检总局发布通知",
            "agency.renamed",
            "dictionaries/agencies.tsv",
            "国家质检总局",
        ),
    ];
    for (text, rule, file, key) in cases {
        assert_eq!(
            origin(text),
            Some((rule, file.to_string(), line_of(file, key))),
            "{text}"
        );
    }
    // Rules that follow no list have none.
    assert_eq!(origin("通\u{200b}知"), None);
    // A user's dictionary and word list: their names and lines.
    let linter = Linter::builder()
        .dictionary("本单位词表", "# 注释\n青松镇\t清松镇\n")
        .word_list("词表", "\n赌博\t违法\terror\t\n")
        .build()
        .unwrap();
    let got: Vec<(String, u32)> = linter
        .check("青松镇网上赌博")
        .iter()
        .map(|d| {
            let o = d.origin().unwrap();
            (o.to_string(), o.line())
        })
        .collect();
    assert_eq!(got, [("本单位词表:2".to_string(), 2), ("词表:2".to_string(), 2)]);
}

#[test]
fn many_findings_stay_linear() {
    // Each line claims a span: claiming must not scan every earlier claim.
    let text = "请贯澈落实。\n".repeat(20_000);
    let t = std::time::Instant::now();
    let n = Linter::new().check(&text).len();
    assert_eq!(n, 20_000);
    assert!(t.elapsed().as_secs() < 60, "{:?}", t.elapsed());
}

#[test]
fn secrecy_lines_from_the_shared_pass() {
    let linter = Linter::new();
    let found = |text: &str| -> Vec<String> {
        linter
            .check(text)
            .into_iter()
            .filter(|d| d.rule == "secrecy.marking")
            .map(|d| d.found)
            .collect()
    };
    assert_eq!(found("机密"), ["机密"]);
    assert_eq!(found("通知\r\n  内部资料 注意保存 \r\r\n正文"), ["内部资料 注意保存"]);
    assert_eq!(found("正文\n涉密"), ["涉密"]);
    assert_eq!(found("绝密★\n绝密"), ["绝密★", "绝密"]);
    // A line is a marking only when it is nothing else.
    assert!(found("保守秘密是每个公民的义务\n涉密人员管理").is_empty());
    let long = format!("{}机密", " ".repeat(70));
    assert!(found(&long).is_empty());
}
