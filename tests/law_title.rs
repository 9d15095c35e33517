//! Table tests of `law.title` and `law.article` (法律关): per class, the
//! wrong forms found and correct text that must stay silent. Every sentence
//! is written for these tests; the facts they rely on (titles, dates,
//! article counts, revision years) are those of `dictionaries/laws.tsv`.

use std::time::Instant;

use jiaodui::{Diagnostic, Linter, Severity};
use proptest::prelude::*;

mod common;

fn law_findings(linter: &Linter, text: &str) -> Vec<Diagnostic> {
    linter
        .check(text)
        .into_iter()
        .filter(|d| d.rule.starts_with("law."))
        .collect()
}

/// (text, rule, found, first suggestion or "" for none, severity)
const FLAGGED: &[(&str, &str, &str, &str, Severity)] = &[
    // repealed, cited as current: an error, the successor as suggestion
    (
        "根据《中华人民共和国物权法》，业主对专有部分享有所有权。",
        "law.title",
        "中华人民共和国物权法",
        "中华人民共和国民法典",
        Severity::Error,
    ),
    (
        "社区组织居民学习《担保法》。",
        "law.title",
        "担保法",
        "中华人民共和国民法典",
        Severity::Error,
    ),
    (
        "规划部门依照《中华人民共和国城市规划法》核发许可。",
        "law.title",
        "中华人民共和国城市规划法",
        "中华人民共和国城乡规划法",
        Severity::Error,
    ),
    // a chain of successors leads to the current title
    (
        "民政部门依据《退伍义务兵安置条例》办理安置。",
        "law.title",
        "退伍义务兵安置条例",
        "退役军人安置条例",
        Severity::Error,
    ),
    // a judicial interpretation, with its inner title in 〈〉 or in 《》
    (
        "律师援引《最高人民法院关于适用〈中华人民共和国合同法〉若干问题的解释（一）》提出意见。",
        "law.title",
        "最高人民法院关于适用〈中华人民共和国合同法〉若干问题的解释（一）",
        "",
        Severity::Error,
    ),
    (
        "律师援引《最高人民法院关于适用《中华人民共和国合同法》若干问题的解释（一）》提出意见。",
        "law.title",
        "最高人民法院关于适用《中华人民共和国合同法》若干问题的解释（一）",
        "",
        Severity::Error,
    ),
    // bare titles after 根据, 依照, 依据, 按照, 违反, 适用
    (
        "双方依照担保法的规定设立抵押。",
        "law.title",
        "担保法",
        "中华人民共和国民法典",
        Severity::Error,
    ),
    (
        "根据继承法第五条处理遗产纠纷。",
        "law.title",
        "继承法",
        "中华人民共和国民法典",
        Severity::Error,
    ),
    (
        "本案适用民法通则，应当驳回起诉。",
        "law.title",
        "民法通则",
        "中华人民共和国民法典",
        Severity::Error,
    ),
    // renamed: a warning with the new title
    (
        "干部处依据《中国人民解放军现役军官服役条例》办理。",
        "law.title",
        "中国人民解放军现役军官服役条例",
        "中华人民共和国现役军官法",
        Severity::Warning,
    ),
    // one character off
    (
        "企业应当遵守《中华人民共和国劳动合问法》。",
        "law.title",
        "中华人民共和国劳动合问法",
        "中华人民共和国劳动合同法",
        Severity::Warning,
    ),
    (
        "药监部门依照《中华人民共和国药品管里法》查处假药。",
        "law.title",
        "中华人民共和国药品管里法",
        "中华人民共和国药品管理法",
        Severity::Warning,
    ),
    // a short form misspelt: the short form as suggestion
    (
        "纳税人应当遵守《个人所得锐法》。",
        "law.title",
        "个人所得锐法",
        "个人所得税法",
        Severity::Warning,
    ),
    // the prefix extra, miswritten
    (
        "燃气企业应当遵守《中华人民共和国城镇燃气管理条例》。",
        "law.title",
        "中华人民共和国城镇燃气管理条例",
        "城镇燃气管理条例",
        Severity::Warning,
    ),
    (
        "武装部组织学习《中华人民共合国国防法》。",
        "law.title",
        "中华人民共合国国防法",
        "中华人民共和国国防法",
        Severity::Warning,
    ),
    // 法 for 条例 and the reverse
    (
        "公安机关依照《中华人民共和国反恐怖主义条例》开展工作。",
        "law.title",
        "中华人民共和国反恐怖主义条例",
        "中华人民共和国反恐怖主义法",
        Severity::Warning,
    ),
    (
        "司法局对照《行政法规制定程序法》审查草案。",
        "law.title",
        "行政法规制定程序法",
        "行政法规制定程序条例",
        Severity::Warning,
    ),
    // a filler word
    (
        "林业部门宣传《中华人民共和国森林保护法》。",
        "law.title",
        "中华人民共和国森林保护法",
        "中华人民共和国森林法",
        Severity::Warning,
    ),
    // a misspelt repealed title: the right title, and the repeal
    (
        "依照《中华人民共和国婚烟法》办理离婚登记。",
        "law.title",
        "中华人民共和国婚烟法",
        "中华人民共和国婚姻法",
        Severity::Error,
    ),
    // articles beyond the current text
    (
        "依据《中华人民共和国反恐怖主义法》第一百条，对其处以罚款。",
        "law.article",
        "第一百条",
        "",
        Severity::Warning,
    ),
    (
        "《民法典》第1300条规定了施行日期。",
        "law.article",
        "第1300条",
        "",
        Severity::Warning,
    ),
    (
        "依照价格法第五十条处理。",
        "law.article",
        "第五十条",
        "",
        Severity::Warning,
    ),
    (
        "《中华人民共和国宪法》（2018年修正）第一百五十条规定。",
        "law.article",
        "第一百五十条",
        "",
        Severity::Warning,
    ),
    // revision years the title does not have
    (
        "《中华人民共和国立法法》（2020年修正）规定了立法权限。",
        "law.article",
        "2020年修正",
        "2023年修正",
        Severity::Warning,
    ),
    (
        "《中华人民共和国律师法（2019年修正）》规定了律师的权利。",
        "law.article",
        "2019年修正",
        "2017年修正",
        Severity::Warning,
    ),
    (
        "2022年修订的《中华人民共和国行政处罚法》确立了首违不罚。",
        "law.article",
        "2022年修订",
        "2021年修订",
        Severity::Warning,
    ),
    (
        "2019年通过的《中华人民共和国民法典》自2021年起施行。",
        "law.article",
        "2019年通过",
        "2020年通过",
        Severity::Warning,
    ),
];

#[test]
fn wrong_citations_are_found() {
    let linter = Linter::new();
    for &(text, rule, found, suggestion, severity) in FLAGGED {
        let d = law_findings(&linter, text);
        assert_eq!(d.len(), 1, "{text}: {d:#?}");
        let d = &d[0];
        assert_eq!(
            (d.rule, d.found.as_str(), d.severity),
            (rule, found, severity),
            "{text}: {d:?}"
        );
        assert_eq!(&text[d.span.clone()], found);
        common::assert_first_suggestion(text, d, suggestion.is_empty(), suggestion);
        assert_eq!(d.origin().unwrap().source(), "dictionaries/laws.tsv", "{text}");
        assert!(!d.message.is_empty());
    }
}

#[test]
fn messages_name_the_date_the_successor_and_the_text() {
    let linter = Linter::new();
    let message = |text: &str| law_findings(&linter, text)[0].message.clone();
    assert_eq!(
        message("根据《合同法》第一百零七条，违约方应当承担违约责任。"),
        "《合同法》已于2021年1月1日废止，相关规定见《中华人民共和国民法典》合同编；如指废止前的规定，请写“原《合同法》”"
    );
    assert_eq!(
        message("依照《中华人民共和国消防法》第九十条，责令停产停业。"),
        "《中华人民共和国消防法》现行文本共74条，没有第九十条，请核对条号"
    );
    assert_eq!(
        message("《中华人民共和国行政复议法》（2022年修订）扩大了受案范围。"),
        "《中华人民共和国行政复议法》没有2022年的修正或修订：该法于2009、2017年修正，2023年修订"
    );
    assert_eq!(
        message("《中华人民共和国民法典（2023年修正）》规定了居住权。"),
        "《中华人民共和国民法典》没有2023年的修正或修订：该法于2020年通过，此后未修改"
    );
    assert!(message("依据《退伍义务兵安置条例》办理。").contains("（《退役士兵安置条例》亦已废止）"));
    assert!(message("依照《个人信息保障法》处理。").contains("（全称《中华人民共和国个人信息保护法》）"));
    // A repealed title is serious; a misnamed one is not.
    let d = &law_findings(&linter, "根据《合同法》处理。")[0];
    assert!(d.is_serious());
    let d = &law_findings(&linter, "根据《中华人民共和国数据安全条例》处理。")[0];
    assert!(!d.is_serious());
}

/// Correct text, by class: no finding of `law.*`.
const SILENT: &[&str] = &[
    // current titles, their short forms, with and without the prefix
    "根据《中华人民共和国民法典》第一千一百六十五条，行为人因过错侵害他人民事权益造成损害的，应当承担侵权责任。",
    "《宪法》第一条规定了国家的根本制度。",
    "依照刑法和刑事诉讼法的规定追究刑事责任。",
    "违反宪法和法律的行为必须予以追究。",
    "依照《反垄断法》对经营者集中进行审查。",
    "《中华人民共和国宪法》第一百四十三条规定了首都。",
    "《中华人民共和国行政处罚法》（2021年修订）确立了首违不罚。",
    "2018年修正的《中华人民共和国宪法》载明了新发展理念。",
    "依据《中华人民共和国个人所得税法》第二十二条，本法自公布之日起施行。",
    "《中华人民共和国刑法》第一百三十三条之一规定了危险驾驶罪。",
    "《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》规定了预约合同。",
    // history: 原, 曾, 废止前, a date before the repeal, the successor named, 对…修订
    "原《物权法》第七十条规定了建筑物区分所有权。",
    "《担保法》曾对保证方式作出规定。",
    "废止前的《婚姻法》规定了夫妻财产制度。",
    "2018年签订的借款合同适用《合同法》。",
    "2020年12月，法院依据《合同法》作出判决。",
    "民法典取代了《民法通则》。",
    "民法典施行后，《物权法》同时废止。",
    "当时的《城市规划法》对规划许可作了规定。",
    "旧《婚姻法》规定的结婚年龄没有变化。",
    "全国人大常委会对《中华人民共和国食品卫生法》进行了修订，形成了食品安全法。",
    "依照《执业医师法》和《中华人民共和国医师法》的衔接规定处理。",
    // quotations
    "他回忆说：“那时我们天天学《物权法》。”",
    "判决书所引“依照担保法的规定”系当时有效的表述。",
    // local regulations and rules
    "《浙江省消防条例》对消防安全责任作出规定。",
    "《深圳经济特区城市更新条例》自公布之日起施行。",
    "《海南自由贸易港优化营商环境条例》规定了市场准入。",
    "根据《北京市城市道路管理条例》，占道施工应当申请许可。",
    "我县认真贯彻《某某县农村人居环境治理条例》。",
    // documents that are not laws, drafts, departmental rules
    "《关于加强法治政府建设的意见》提出了明确要求。",
    "各地要落实《法治中国建设规划（2020－2025年）》。",
    "《中华人民共和国医疗保障法（草案）》提请审议。",
    "司法局就《某某市养犬管理条例（征求意见稿）》征求意见。",
    "常委会审议了注册会计师法修正草案。",
    "依照《行政处罚程序规定》办理案件。",
    // lookalikes: party, military, supervision, SAR, foreign and international
    "党员要学习《中国共产党纪律处分条例》。",
    "严格执行《中国共产党廉洁自律准则》。",
    "中央军委发布《军事设施建设条例》。",
    "军队颁布《军队文职人员管理条例》。",
    "依照《中华人民共和国监察法实施条例》开展调查。",
    "香港特区立法会通过《维护国家安全条例》。",
    "世卫组织依据《国际卫生条例》宣布紧急事件。",
    "美国依据所谓《与台湾关系法》售台武器。",
    "日本国会修改《自卫队法》。",
    // other titles and ordinary words
    "这句话出自《孙子兵法》。",
    "他主编的《物权法研究》是一部学术著作。",
    "根据这一做法，各地建立了排查机制。",
    "按照新办法，退休人员可以在线认证。",
    "依照本条例第十条处理。",
    "依照相关法律法规，对违法行为依法处理。",
    "根据地建设条例的草拟工作已经开始。",
    // two listed titles one character away: no guess
    "新任职干部学习《中华人民共和国国宪法》。",
    // unverified rows: neither their status nor their articles are checked
    "依据《中华人民共和国环境保护法》第九十条处理。",
    "《信访条例》规定了信访工作的原则。",
    // a revision list that ends in ? is not checked
    "《城市道路管理条例》（2021年修订）规定了道路养护。",
    // 修订 written for a 修正 year is not reported
    "《中华人民共和国立法法》（2023年修订）完善了备案审查制度。",
    // an older text's article number
    "修订前的《中华人民共和国安全生产法》第一百二十条规定了罚则。",
    "《中华人民共和国安全生产法》（2014年修正）第一百二十条规定了罚则。",
];

#[test]
fn correct_citations_stay_silent() {
    let linter = Linter::new();
    for text in SILENT {
        let d = law_findings(&linter, text);
        assert!(d.is_empty(), "{text}: {d:#?}");
    }
}

#[test]
fn each_rule_can_be_turned_off() {
    let text = "根据《合同法》处理。依照《中华人民共和国消防法》第九十条处理。";
    let rules = |linter: Linter| -> Vec<&'static str> { law_findings(&linter, text).iter().map(|d| d.rule).collect() };
    assert_eq!(rules(Linter::new()), ["law.title", "law.article"]);
    let only_article = Linter::builder().disable("law.title").build().unwrap();
    assert_eq!(rules(only_article), ["law.article"]);
    let only_title = Linter::builder().disable("law.article").build().unwrap();
    assert_eq!(rules(only_title), ["law.title"]);
    let none = Linter::builder().disable("law").build();
    // A family is not a rule id for the builder; suppressions name families.
    assert!(none.is_err());
    let suppressed = Linter::new().check("<!-- jiaodui-disable-next-line law -->\n根据《合同法》处理。");
    assert!(suppressed.is_empty(), "{suppressed:?}");
}

/// An office's own list: local regulations, in the format of laws.tsv.
const LOCAL: &str = "# 本省法规清单（测试用）\n\
浙江省安全生产条例\tlocal-regulation\tin-force\t2006-11-30\t\t\t2017-09-30修正|2021-09-29修订\t70\n\
浙江省旧安全条例\tlocal-regulation\trepealed\t1995\t\t\t\t\t2007-01-01\t浙江省安全生产条例\t\t旧安全条例\n\
中华人民共和国安全生产法\tlaw\trepealed\t\t\t\t\t\t2026-10-01\n";

#[test]
fn an_offices_list_adds_local_titles() {
    let linter = Linter::builder().laws("本省法规.tsv", LOCAL).build().unwrap();
    let found = |text: &str| -> Vec<(String, String, Severity, u32)> {
        law_findings(&linter, text)
            .into_iter()
            .map(|d| {
                let o = d.origin().unwrap();
                (d.rule.to_string(), d.found.clone(), d.severity, o.line())
            })
            .collect()
    };
    let title = |s: &str, sev, line| vec![("law.title".to_string(), s.to_string(), sev, line)];
    assert_eq!(
        found("依据《浙江省旧安全条例》处理。"),
        title("浙江省旧安全条例", Severity::Error, 3)
    );
    assert_eq!(
        found("依据《浙江省安全生严条例》处理。"),
        title("浙江省安全生严条例", Severity::Warning, 2)
    );
    assert_eq!(
        found("依据《浙江省安全生产条例》第八十条处理。"),
        vec![("law.article".to_string(), "第八十条".to_string(), Severity::Warning, 2)]
    );
    assert_eq!(
        found("《浙江省安全生产条例》（2019年修订）规定了主体责任。")[0].1,
        "2019年修订"
    );
    assert!(found("依据《浙江省安全生产条例》第七十条处理。").is_empty());
    assert!(found("《浙江省安全生产条例》（2021年修订）规定了主体责任。").is_empty());
    // A row of the list overrides the built-in row of the same title.
    assert_eq!(
        found("依据《中华人民共和国安全生产法》处理。"),
        title("中华人民共和国安全生产法", Severity::Error, 4)
    );
    let d = &law_findings(&linter, "依据《浙江省旧安全条例》处理。")[0];
    assert_eq!(d.origin().unwrap().source(), "本省法规.tsv");
    assert_eq!(d.suggestions, ["浙江省安全生产条例"]);
    // Other local titles stay silent; the built-in list still applies.
    assert!(found("依据《浙江省消防条例》处理。").is_empty());
    assert_eq!(found("根据《合同法》处理。").len(), 1);
}

#[test]
fn a_list_file_and_its_errors() {
    let dir = std::env::temp_dir().join(format!("jiaodui-law-title-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("laws.tsv");
    std::fs::write(&good, LOCAL).unwrap();
    let linter = Linter::builder().laws_file(&good).build().unwrap();
    let d = &law_findings(&linter, "依据《浙江省旧安全条例》处理。")[0];
    assert_eq!(d.origin().unwrap().line(), 3);
    assert_eq!(d.origin().unwrap().source(), good.display().to_string());
    let bad = dir.join("bad.tsv");
    std::fs::write(
        &bad,
        "# 清单\n浙江省安全生产条例\tlocal-regulation\tin-force\n某条例\tlocal-rule\tcurrent\n",
    )
    .unwrap();
    let err = Linter::builder().laws_file(&bad).build().unwrap_err();
    match err.kind() {
        jiaodui::ErrorKind::Dictionary { source, line, reason } => {
            assert_eq!((source.as_str(), *line), (bad.display().to_string().as_str(), 3));
            assert!(reason.starts_with("status \"current\": use in-force"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let twice = "甲市条例\tlocal-regulation\tin-force\n甲市条例\tlocal-regulation\trepealed\n";
    let err = Linter::builder().laws("清单", twice).build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "清单:2: \"甲市条例\" is already listed on line 1; a title or short form names one row only"
    );
    let err = Linter::builder()
        .laws_file(dir.join("missing.tsv"))
        .build()
        .unwrap_err();
    assert!(matches!(err.kind(), jiaodui::ErrorKind::Io { .. }));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn citations_stay_linear() {
    let linter = Linter::new();
    for text in [
        "《".repeat(100_000),
        "根据".repeat(50_000),
        "《合同法》".repeat(20_000),
        "依照合同法、".repeat(20_000),
        format!("《{}》", "法".repeat(100_000)),
        "《中华人民共和国安全生产条例》".repeat(5_000),
    ] {
        let t = Instant::now();
        let n = linter.check(&text).len();
        assert!(t.elapsed().as_secs() < 20, "{n} findings in {:?}", t.elapsed());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any mix of the characters the rules read gives findings on character
    /// boundaries, spans that are what they report, and no panic.
    #[test]
    fn any_citation_like_text(s in "[《》〈〉（）()“”第条之一二十百千零0-9１年月日修正订改通过原曾废止根据依照按照违反适用中华人民共和国合同法消防条例民典省市区，。\n ]{0,80}") {
        for d in law_findings(&Linter::new(), &s) {
            prop_assert_eq!(&s[d.span.clone()], d.found.as_str());
        }
    }
}

#[test]
fn few_false_alarms_on_clean_reports() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/clean");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let mut builder = Linter::builder();
    for r in jiaodui::rules().iter().filter(|r| r.family() != "law") {
        builder = builder.disable(r.id);
    }
    let linter = builder.build().unwrap();
    // The target of issue 19: at most 0.1 per 10,000 characters.
    for name in ["provincial-gov-reports-2026.txt", "cpc-congress-reports-12th-20th.txt"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let (mut chars, mut found) = (0, 0);
        for line in text.lines().filter(|l| !l.starts_with("# ")) {
            chars += line.chars().count();
            found += linter.check(line).len();
        }
        assert!(
            found * 100_000 <= chars,
            "{name}: {found} law findings in {chars} characters"
        );
    }
}
