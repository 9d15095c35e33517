//! Table-driven tests of `typo.confusable`: a character replaced by a
//! same-sound or look-alike one that no list foresaw.

use jiaodui::Linter;

mod common;

/// (text, found, suggestion)
const FLAGGED: &[(&str, &str, &str)] = &[
    ("各部门要认真落实责壬制。", "责壬", "责任"),
    ("维护社会和谐稳订。", "稳订", "稳定"),
    // The wrong character is a frequent word of its own (木, 局, 正, 叫):
    // tried where the scan finds that a confusable of it completes a
    // frequent word.
    ("全面提升科学技木水平。", "技木", "技术"),
    ("加快发展大数局产业。", "数局", "数据"),
    ("各级政府要依法行正。", "行正", "行政"),
    ("大力发展职业叫育。", "叫育", "教育"),
    // After a character that is also a surname (高), but not at a name.
    ("要不断提高办事效律。", "效律", "效率"),
];

/// Correct text: modern terms, names, and the near-misses of the above.
const SILENT: &[&str] = &[
    "各部门要认真落实责任制，维护社会和谐稳定。",
    "这是一个总体方案。省人大常务委员会召开会议。",
    "要加强对基层干部的培训和管理，不断增进民生福祉。",
    "推动绿色低碳发展，积极稳妥推进碳达峰碳中和。",
    "下载APP，支持5G网络，访问https://www.gov.cn/，版本v2.3.1。",
    "截至2023年6月30日，全市共有网格员1200名。",
    "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。",
    // The characters of the rows above that stand alone, used rightly.
    "这张木桌子是新买的，局里统一配发。",
    "市公安局、大数据局联合发文，依法行政，正本清源。",
    "他为人正直，行事公正，科学技术水平高。",
    "大力发展职业教育，人们都叫他老师。",
    // Given names after a surname, at a run's start or after a title.
    "副县长陈政富出席会议。总经理孙海翔表示，公司将扩大投资。",
    "教授周政富指出，要加强研究。",
];

#[test]
fn flagged_sentences() {
    let linter = Linter::builder().disable("typo.word").build().unwrap();
    for d in common::assert_single(&linter, "typo.confusable", FLAGGED) {
        assert_eq!(d.severity, jiaodui::Severity::Warning);
        assert_eq!(
            d.message,
            format!("疑似错别字：“{}”可能应为“{}”", d.found, d.suggestions[0])
        );
    }
}

#[test]
fn silent_sentences() {
    common::assert_silent(&Linter::new(), SILENT);
}

#[test]
fn a_corpus_model_is_used_and_a_bad_one_refused() {
    // A model counted from an office's own archive.
    let archive = ["各部门要认真落实责任制。", "维护社会和谐稳定。"].repeat(50);
    let bytes = jiaodui::LanguageModel::train(&archive);
    let model = jiaodui::LanguageModel::from_bytes(&bytes).unwrap();
    let linter = Linter::builder().language_model(model).build().unwrap();
    assert_eq!(linter.check("维护社会和谐稳订。")[0].suggestions, ["稳定"]);
    assert!(linter.check("维护社会和谐稳定。").is_empty());

    let err = jiaodui::LanguageModel::from_bytes(&bytes[..bytes.len() / 2]).unwrap_err();
    assert!(matches!(err.kind(), jiaodui::ErrorKind::Model { .. }));
    assert!(err.to_string().contains("truncated"), "{err}");
    let mut other_version = bytes.clone();
    other_version[12] = 9;
    let err = jiaodui::LanguageModel::from_bytes(&other_version).unwrap_err();
    assert!(err.to_string().contains("format version 9"), "{err}");
}
