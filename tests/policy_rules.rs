//! Table-driven tests of the serious-formulation rules: formulation.near-miss,
//! name.leader, political.term, agency.renamed.

use jiaodui::{Linter, Severity};

mod common;

/// (text, rule, found, first suggestion)
const FLAGGED: &[(&str, &str, &str, &str)] = &[
    (
        "坚持以人民为中新的发展思想。",
        "formulation.near-miss",
        "坚持以人民为中新",
        "坚持以人民为中心",
    ),
    ("推进一路一带建设。", "formulation.near-miss", "一路一带", "一带一路"),
    (
        "践行青山绿水就是金山银山的理念。",
        "formulation.near-miss",
        "青山绿水就是金山银山",
        "绿水青山就是金山银山",
    ),
    (
        "发展全过程人民主。",
        "formulation.near-miss",
        "发展全过程人民主",
        "发展全过程人民民主",
    ),
    (
        "保障人民当家做主。",
        "formulation.near-miss",
        "人民当家做主",
        "人民当家作主",
    ),
    ("习近乎总书记指出，要坚持人民至上。", "name.leader", "习近乎", "习近平"),
    ("习进平总书记强调。", "name.leader", "习进平", "习近平"),
    ("席近平总书记强调。", "name.leader", "席近平", "习近平"),
    // The first or last character changed, at the very edges of the text.
    ("席近平", "name.leader", "席近平", "习近平"),
    ("总书记习近乎", "name.leader", "习近乎", "习近平"),
    ("李墙总理主持召开国务院常务会议。", "name.leader", "李墙", "李强"),
    ("深入学习雷峰精神。", "name.leader", "雷峰", "雷锋"),
    ("台湾总统发表讲话。", "political.term", "台湾总统", "台湾地区领导人"),
    (
        "国家质检总局近日发布通知。",
        "agency.renamed",
        "国家质检总局",
        "国家市场监督管理总局",
    ),
    (
        "国土资源部部署土地督察工作。",
        "agency.renamed",
        "国土资源部",
        "自然资源部",
    ),
];

/// (text, found) of secrecy.marking.
const MARKINGS: &[(&str, &str)] = &[
    ("机密★1年\n关于做好有关工作的通知", "机密★1年"),
    ("绝密 ★\n会议纪要", "绝密 ★"),
    ("文件头\n秘密★长期\n", "秘密★长期"),
    ("密级：机密　份号：001", "密级：机密"),
    ("内部资料  注意保存\n正文", "内部资料  注意保存"),
    ("  涉密\n正文", "涉密"),
];

/// Correct text that must stay silent.
const SILENT: &[&str] = &[
    "坚持以人民为中心的发展思想，推进一带一路建设。",
    "践行绿水青山就是金山银山的理念，发展全过程人民民主。",
    "习近平总书记指出，要坚持人民至上。李强总理主持召开国务院常务会议。",
    // 里强 and 李将 are one character from 李强, but read as words here.
    "这里强调的是质量，李将军来了。",
    "台湾地区领导人发表讲话，台湾当局应当停止挑衅。",
    "建设数据中台和业务中台。",
    "原国家质检总局发布的标准继续有效。",
    "2017年，国家质检总局发布通知。",
    "农业部门要抓好春耕生产，国家市场监督管理总局发布通知。",
    // An older wording quoted in a dated historical sentence.
    "1997年，党的十五大报告提出要保障人民当家做主。",
    // Grammatical variants of a formulation are not errors.
    "坚持把依法治国和以德治国结合起来，实现中华民族的伟大复兴。",
    // Secrecy words in prose are no marking.
    "全体干部要保守秘密，加强涉密人员管理，电影《秘密武器》将上映，五星★评价。",
];

#[test]
fn secrecy_markings() {
    let linter = Linter::new();
    for (text, found) in MARKINGS {
        let d: Vec<_> = linter
            .check(text)
            .into_iter()
            .filter(|d| d.rule == "secrecy.marking")
            .collect();
        assert_eq!(d.len(), 1, "in {text:?}: {d:#?}");
        assert_eq!(d[0].found, *found, "in {text:?}");
        assert_eq!(d[0].severity, Severity::Error);
    }
}

#[test]
fn flagged_sentences() {
    let linter = Linter::new();
    for (text, rule, found, suggestion) in FLAGGED {
        let d: Vec<_> = linter.check(text).into_iter().filter(|d| d.rule == *rule).collect();
        assert_eq!(d.len(), 1, "in {text:?}: {d:#?}");
        assert_eq!(d[0].found, *found, "in {text:?}");
        assert_eq!(
            d[0].suggestions.first().map(String::as_str),
            Some(*suggestion),
            "in {text:?}"
        );
    }
}

#[test]
fn silent_sentences() {
    common::assert_silent(&Linter::new(), SILENT);
}

#[test]
fn term_severity_comes_from_the_entry() {
    let linter = Linter::new();
    let d = linter.check("中台关系出现新变化");
    assert_eq!((d[0].rule, d[0].severity), ("political.term", Severity::Error));
    let d = linter.check("加强中台两地交流");
    assert!(
        d.iter()
            .any(|d| d.rule == "political.term" && d.severity == Severity::Warning),
        "{d:#?}"
    );
}

#[test]
fn a_user_leaders_list_replaces_the_built_in_one() {
    let list = "# name\tcategory\trole\tverified\n张三丰\tcurrent\t本市市长\t2026-11-01\n";
    let linter = Linter::builder().leaders("本市名单", list).build().unwrap();
    let d = linter.check("张三峰市长出席会议。");
    assert_eq!(
        d.iter()
            .find(|d| d.rule == "name.leader")
            .map(|d| d.suggestions[0].as_str()),
        Some("张三丰")
    );
    // The built-in names are no longer checked.
    assert!(linter
        .check("李墙总理主持会议。")
        .iter()
        .all(|d| d.rule != "name.leader"));
    let err = Linter::builder()
        .leaders("bad.tsv", "张\tcurrent\n")
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("bad.tsv:1: \"张\": a name is two to five Han characters"),
        "{err}"
    );
}

/// The documents of `../shared/eval/clean/` whose title passes `keep`, as
/// (title, text); `None` when the folder is absent.
fn clean_documents(file: &str, keep: impl Fn(&str) -> bool) -> Option<Vec<(String, String)>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval/clean")
        .join(file);
    let text = std::fs::read_to_string(&path).ok()?;
    let mut docs: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("# ") {
            docs.push((title.to_string(), String::new()));
        } else if let Some((_, body)) = docs.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    Some(docs.into_iter().filter(|(t, _)| keep(t)).collect())
}

#[test]
fn current_authoritative_texts_yield_no_formulation_finding() {
    let recent_congress = |t: &str| t.contains("(十九大)") || t.contains("(二十大)");
    let recent_work = |t: &str| {
        t.get(..4)
            .and_then(|y| y.parse::<u32>().ok())
            .is_some_and(|y| (2016..=2025).contains(&y))
    };
    let (Some(congress), Some(work)) = (
        clean_documents("cpc-congress-reports-12th-20th.txt", recent_congress),
        clean_documents("gov-work-reports-1978-2025.txt", recent_work),
    ) else {
        eprintln!("skipped: ../shared/eval/clean/ is absent");
        return;
    };
    assert_eq!(congress.len(), 2, "the 19th and 20th congress reports");
    assert!(work.len() >= 9, "the work reports of 2016-2025: {}", work.len());
    let linter = Linter::new();
    let mut found = Vec::new();
    for (title, text) in congress.iter().chain(&work) {
        for d in linter
            .check(text)
            .into_iter()
            .filter(|d| d.rule == "formulation.near-miss")
        {
            found.push(format!("{title}: {} → {:?}", d.found, d.suggestions));
        }
    }
    assert!(
        found.is_empty(),
        "formulation findings in current authoritative text:\n{}",
        found.join("\n")
    );
}
