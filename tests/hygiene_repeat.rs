//! Table-driven tests of `repeat.*`: accidental doubling.

mod common;

/// (text, [(rule, found, suggestion)]).
type Expected = &'static [(&'static str, &'static str, &'static str)];

const FLAGGED: &[(&str, Expected)] = &[
    ("我们的的工作", &[("repeat.char", "的的", "的")]),
    ("这是是一项重要工作", &[("repeat.char", "是是", "是")]),
    ("我们在在全市范围内开展", &[("repeat.char", "在在", "在")]),
    ("机会和和效力", &[("repeat.char", "和和", "和")]),
    ("加快推进进一步把把工作做好", &[("repeat.char", "把把", "把")]),
    ("我们我们要努力", &[("repeat.word", "我们我们", "我们")]),
    ("进一步进一步加强管理", &[("repeat.word", "进一步进一步", "进一步")]),
    ("要进一步一步加强管理", &[("repeat.word", "进一步一步", "进一步")]),
    ("推动高质量发展发展", &[("repeat.word", "发展发展", "发展")]),
    ("全面贯彻落实落实党的精神", &[("repeat.word", "落实落实", "落实")]),
];

/// Correct text: reduplication and characters of neighbouring words.
const SILENT: &[&str] = &[
    "",
    "人人参与，层层落实，一一对应，天天向上，看看，研究研究，谢谢，常常，渐渐，高高兴兴。",
    "深入学习习近平新时代中国特色社会主义思想，市市场监督管理局。",
    "一步一步地推进，一个一个地落实，讨论讨论，考虑考虑，商量商量，哈哈哈哈，等等。",
    // Two words meeting: 目的/的, 为了/了解, 不了了之, 就是/是否, 的确.
    "目的的实现，为了了解情况，不了了之，是是非非，的的确确，对对方负责，可以以此为契机。",
    "以及及时处理，把把关作为重点，即将将士，存在在哪里，和和美美一家人。",
    "很小很小，如何如何，真好真好",
    "五月的气质是粗犷粗犷是大陆架嫩绿的时装",
    "下载APP，支持5G网络，版本v2.3.1。",
];

#[test]
fn flagged() {
    common::assert_table("repeat.", FLAGGED, |text, d, &(rule, found, suggestion)| {
        assert_eq!(d.rule, rule, "{text:?}: {d:?}");
        assert_eq!(d.found, found, "{text:?}: {d:?}");
        assert_eq!(d.suggestions, vec![suggestion.to_string()], "{text:?}: {d:?}");
        assert_eq!(d.fix, None);
        assert!(d.message.ends_with("重复"), "{}", d.message);
    });
}

#[test]
fn silent() {
    common::assert_silent_of("repeat.", SILENT);
}
