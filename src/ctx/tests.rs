//! Tests of the contextual model on fixtures the tests write themselves.

use super::*;

/// A small corpus written for these tests.
const TEXTS: [&str; 7] = [
    "我们要加强管理工作，管理制度不断完善。",
    "公司董事会决定召开会议，董事会成员全部出席。",
    "各单位要认真落实，各单位负责人要亲自抓。",
    "总体方案已经印发，总体要求是稳中求进。",
    "2025年，全省经济运行总体平稳。",
    "依法行政，依法治国，依法办事。",
    "外交官懂得休息，冷淡的口味。",
];

fn build(min: [u32; 3], confusions: Vec<ConfusionSet>) -> Vec<u8> {
    let mut c = Counter::new();
    for _ in 0..4 {
        for t in TEXTS {
            c.add(t);
        }
    }
    c.finish(&BuildOptions {
        min_counts: min,
        confusions,
    })
}

fn model() -> ContextModel {
    let conf = vec![
        ('官', vec![('管', 0.5, ConfusionKind::OtherTone.code())]),
        ('懂', vec![('董', 1.0, ConfusionKind::SameSound.code())]),
        ('淡', vec![('单', 0.5, ConfusionKind::OtherTone.code())]),
        ('味', vec![('位', 1.0, ConfusionKind::SameSound.code())]),
        ('休', vec![('体', 0.5, ConfusionKind::Shape.code())]),
    ];
    ContextModel::from_bytes(build([1, 1, 1], conf)).unwrap()
}

#[test]
fn the_same_texts_give_the_same_bytes() {
    let a = build([1, 2, 2], Vec::new());
    let b = build([1, 2, 2], Vec::new());
    assert_eq!(a, b);
    // Counting in another grouping of the same lines, merging the sorted
    // counts every 7 keys, gives the same file.
    let mut c = Counter::with_buffer(7);
    let all: String = (0..4).map(|_| TEXTS.join("\n")).collect::<Vec<_>>().join("\n");
    c.add(&all);
    let joined = c.finish(&BuildOptions {
        min_counts: [1, 2, 2],
        confusions: Vec::new(),
    });
    assert_eq!(a, joined);
}

#[test]
fn scores_prefer_the_corpus() {
    let m = model();
    assert!(m.logprob("总体方案") > m.logprob("总休方案"));
    assert!(m.logprob("董事会") > m.logprob("懂事会"));
    assert!(m.logprob("各单位") > m.logprob("各淡味"));
    // Unknown characters and non-Han text never panic.
    assert!(m.logprob("𠀀𠀁 abc 😀").is_finite());
    assert_eq!(m.logprob(""), 0.0);
}

#[test]
fn confusions_come_back_with_weight_and_kind() {
    let m = model();
    let got: Vec<(char, f32, ConfusionKind)> = m.confusions('官').collect();
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].0, got[0].2), ('管', ConfusionKind::OtherTone));
    assert!((got[0].1 - 0.5).abs() < 0.05);
    assert_eq!(m.confusions('x').count(), 0);
    assert_eq!(m.confusions('龘').count(), 0);
}

#[test]
fn pruning_keeps_fewer_ngrams() {
    let all = ContextModel::from_bytes(build([1, 1, 1], Vec::new())).unwrap().info();
    let pruned = ContextModel::from_bytes(build([5, 5, 5], Vec::new())).unwrap().info();
    assert!(pruned.ngrams.iter().zip(all.ngrams).all(|(p, a)| *p < a));
    assert!(pruned.bytes < all.bytes);
    assert_eq!(pruned.min_counts, [5, 5, 5]);
}

#[test]
fn refuses_bad_files() {
    let good = build([1, 1, 1], Vec::new());
    let kind = |b: &[u8]| ContextModel::from_bytes(b.to_vec()).unwrap_err().kind().clone();
    assert_eq!(kind(b"hello"), FormatErrorKind::NotAModel);
    assert_eq!(
        kind(&good[..20]),
        FormatErrorKind::Truncated {
            expected: None,
            found: 20
        }
    );
    assert!(matches!(
        kind(&good[..good.len() - 1]),
        FormatErrorKind::Truncated { expected: Some(_), .. }
    ));
    let mut padded = good.clone();
    padded.push(0);
    assert!(matches!(kind(&padded), FormatErrorKind::Truncated { .. }));
    let mut v2 = good.clone();
    v2[8] = 2;
    assert_eq!(kind(&v2), FormatErrorKind::Version { found: 2, supported: 1 });
    let mut corrupt = good.clone();
    let mid = HEADER + (good.len() - HEADER) / 2;
    corrupt[mid] ^= 0x40;
    assert!(matches!(kind(&corrupt), FormatErrorKind::Checksum { .. }));
    // Huge counts in the header do not overflow or panic.
    let mut huge = good.clone();
    huge[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
    let err = ContextModel::from_static(Box::leak(huge.into_boxed_slice()), false).unwrap_err();
    assert!(matches!(err.kind(), FormatErrorKind::Inconsistent { .. }));
    // The messages say how to fix it.
    let msg = ContextModel::from_bytes(corrupt).unwrap_err().to_string();
    assert!(
        msg.starts_with("corrupt: the checksum") && msg.contains("jiaodui lm build"),
        "{msg}"
    );
    let msg = ContextModel::from_bytes(v2).unwrap_err().to_string();
    assert!(
        msg.contains("format version 2, but this jiaodui reads version 1"),
        "{msg}"
    );
}

#[test]
fn every_truncation_is_refused_without_panic() {
    let good = build([1, 1, 1], vec![('官', vec![('管', 0.5, 1)])]);
    for len in (0..good.len()).step_by(7) {
        assert!(ContextModel::from_bytes(good[..len].to_vec()).is_err());
        let _ = ContextModel::from_static(Box::leak(good[..len].to_vec().into_boxed_slice()), false);
    }
}

#[test]
fn crc32_is_the_ieee_one() {
    assert_eq!(format::crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(format::crc32(b""), 0);
}

#[test]
fn a_user_model_interpolates() {
    let base = model();
    let mut c = Counter::new();
    for _ in 0..4 {
        c.add("青松镇防汛科发布防汛通知。");
    }
    let user = ContextModel::from_bytes(c.finish(&BuildOptions {
        min_counts: [1, 1, 1],
        confusions: Vec::new(),
    }))
    .unwrap();
    let mixed = base.clone().with_user(&user, 0.3);
    assert!(mixed.logprob("青松镇防汛科") > base.logprob("青松镇防汛科"));
    // The confusion sets stay the base model's.
    assert_eq!(mixed.confusions('官').count(), 1);
}

#[test]
fn the_detector_on_a_toy_model() {
    let m = model();
    let t = Thresholds {
        single: 3.0,
        pair: 4.0,
        ..Thresholds::default()
    };
    let det = Detector::new(&m).with_thresholds(t);
    let found = det.check("我们要加强官理工作。");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].found, "官");
    assert_eq!(found[0].suggestions[0].text, "管");
    assert_eq!(&"我们要加强官理工作。"[found[0].span.clone()], "官");
    let found = det.check("公司懂事会决定召开会议");
    assert_eq!(found.iter().map(|f| f.found.as_str()).collect::<Vec<_>>(), ["懂"]);
    let found = det.check("各淡味要认真落实");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].found.as_str(), found[0].suggestions[0].text.as_str()),
        ("淡味", "单位")
    );
    for ok in TEXTS {
        assert!(det.check(ok).is_empty(), "{ok}: {:?}", det.check(ok));
    }
    assert!(det.check("").is_empty());
    assert!(det.check("abc 123 😀").is_empty());
}
