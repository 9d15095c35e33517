//! Table-driven tests of `typo.word`: text that must be flagged (with the
//! exact span and suggestion) and correct text that must stay silent.

use jiaodui::Linter;

/// (text, [(found, first suggestion)]) — every finding of `typo.word`.
const FLAGGED: &[(&str, &[(&str, &str)])] = &[
    ("请及时按装安全补丁。", &[("按装", "安装")]),
    ("抓好防汛工作布署。", &[("布署", "部署")]),
    ("请用本人帐号登录。", &[("帐号", "账号")]),
    ("演出令人震憾。", &[("震憾", "震撼")]),
    ("认真贯澈落实会议精神", &[("贯澈", "贯彻")]),
    ("做好防讯抗旱准备", &[("防讯", "防汛")]),
    ("希望大家再接再励，再创佳绩。", &[("再接再励", "再接再厉")]),
    ("春耕生产如火如茶", &[("如火如茶", "如火如荼")]),
    // Several in one sentence, in text order.
    (
        "按装完成后统一布署，用新帐号登录。",
        &[("按装", "安装"), ("布署", "部署"), ("帐号", "账号")],
    ),
    // At the very start and end of the text, next to ASCII and punctuation.
    ("布署", &[("布署", "部署")]),
    ("APP按装", &[("按装", "安装")]),
    ("“再接再励”", &[("再接再励", "再接再厉")]),
    // CRLF and blank lines around.
    ("通知\r\n\r\n请按装\r\n", &[("按装", "安装")]),
];

/// Correct text, including near-misses of the listed wrong forms.
const SILENT: &[&str] = &[
    "",
    "请及时安装安全补丁，抓好防汛工作部署。",
    "请用本人账号登录。",
    "演出令人震撼，希望大家再接再厉。",
    "春耕生产如火如荼，认真贯彻落实会议精神。",
    // The characters of a wrong form meeting across a word boundary.
    "他在发布署名文章。",
    "宣布防讯息泄露的措施",
    // Legitimate ASCII, numbers, URLs and versions.
    "下载APP，支持5G网络，访问https://www.gov.cn/，版本v2.3.1。",
    "截至2023年6月30日，截止日期为7月1日。",
];

#[test]
fn flagged_sentences() {
    let linter = Linter::new();
    for (text, expected) in FLAGGED {
        let findings = linter.check(text);
        let got: Vec<(&str, &str)> = findings
            .iter()
            .map(|d| (d.found.as_str(), d.suggestions.first().map_or("", String::as_str)))
            .collect();
        assert_eq!(&got, expected, "in {text:?}");
        for d in &findings {
            assert_eq!(d.rule, "typo.word");
            assert_eq!(&text[d.span.clone()], d.found);
            assert!(d.message.starts_with("疑似错别字："), "{}", d.message);
        }
    }
}

#[test]
fn silent_sentences() {
    let linter = Linter::new();
    for text in SILENT {
        let findings = linter.check(text);
        assert!(findings.is_empty(), "false alarm in {text:?}: {findings:#?}");
    }
}

#[test]
fn user_dictionary_overrides_and_extends() {
    let linter = Linter::builder()
        .dictionary("user.tsv", "按装\t安装|装上\t本单位说明\n滨河路\t滨江路\n")
        .build()
        .unwrap();
    let d = linter.check("请按装，在滨河路。");
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].suggestions, ["安装", "装上"]);
    assert_eq!(d[0].message, "疑似错别字：“按装”应为“安装”或“装上”（本单位说明）");
    assert_eq!(d[1].found, "滨河路");
}

#[test]
fn dictionary_file_errors_name_file_and_line() {
    let dir = std::env::temp_dir().join(format!("jiaodui-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.tsv");
    std::fs::write(&path, "# comment\n按装\t安装\n单\t双\n").unwrap();
    let err = Linter::builder().dictionary_file(&path).build().unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!(
            "{}:3: the wrong form \"单\" is a single character",
            path.display()
        )),
        "{msg}"
    );
    let missing = dir.join("missing.tsv");
    let err = Linter::builder().dictionary_file(&missing).build().unwrap_err();
    assert!(matches!(err.kind(), jiaodui::ErrorKind::Io { .. }), "{err}");
    std::fs::write(&path, b"\xff\xfe").unwrap();
    let err = Linter::builder().dictionary_file(&path).build().unwrap_err();
    assert!(err.to_string().contains("not valid UTF-8 at byte 0"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn allow_list_and_rule_settings() {
    let allowed = Linter::builder().allow("防讯科").build().unwrap();
    let d = allowed.check("防讯科发布防讯通知");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].span.start, "防讯科发布".len());

    let off = Linter::builder().disable("typo.word").build().unwrap();
    assert!(off.check("按装").is_empty());

    let info = Linter::builder()
        .severity("typo.word", jiaodui::Severity::Info)
        .build()
        .unwrap();
    assert_eq!(info.check("按装")[0].severity, jiaodui::Severity::Info);

    let err = Linter::builder()
        .severity("typo.wrod", jiaodui::Severity::Info)
        .build()
        .unwrap_err();
    assert!(matches!(
        err.kind(),
        jiaodui::ErrorKind::UnknownRule {
            did_you_mean: Some("typo.word"),
            ..
        }
    ));
}

#[test]
fn linter_is_send_sync_and_cheap_to_clone() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Linter>();
}
