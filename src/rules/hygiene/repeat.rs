//! `repeat.*`: accidental doubling.
//!
//! * `repeat.char`: a function character that is essentially never doubled
//!   (的的, 是是, 在在 …), unless the two belong to different words: a word
//!   of the word list ends with the first (目的的, 为了了解, 就是是否,
//!   不了了之) or starts with the second (的的确确, 是是非非, 对对方), or
//!   the pair is half of an AABB reduplication (和和美美).
//! * `repeat.word`: a word of two to four characters repeated at once
//!   (我们我们, 进一步进一步), unless it is a reduplication: a listed
//!   reduplicating verb or adjective (研究研究, 雪白雪白), a numeral phrase
//!   (一步一步, 一个一个), an onomatopoeia or interjection, a placeholder
//!   (如何如何), an adverb of degree and an adjective (很小很小), a word of
//!   one repeated character (哈哈哈哈), a chain written without a comma
//!   (是粗犷粗犷是). A reduplicated numeral phrase that completes a
//!   preceding word is accidental after all: 进一步一步.
use crate::diagnostic::Severity;
use crate::engine::Engine;
use crate::rules::typo::MIN_WORD_FREQ;
use crate::rules::{Category, Context, Needs, Rule, RuleInfo, Sink};

pub(crate) const CHAR: RuleInfo = RuleInfo {
    id: "repeat.char",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "字的误重复",
    example: "我们的的工作",
    explanation:
        "查找几乎从不重叠的虚词被误写两次（“的的”“是是”）。两字分属不同词（“目的的”“的的确确”）或属于AABB叠词时不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

pub(crate) const WORD: RuleInfo = RuleInfo {
    id: "repeat.word",
    category: Category::Hygiene,
    default_severity: Severity::Warning,
    summary: "词语误重复",
    example: "我们我们要努力",
    explanation: "查找二至四字的词语紧接着重复（“我们我们”）。动词、形容词重叠（“研究研究”），数量短语（“一步一步”），拟声词、叠字词等正常重叠不报。",
    miswritten: false,
    serious_from: None,
    data: &[],
    needs: Needs::PASS,
};

/// A repeated word must be at least this frequent in the word list.
const MIN_REPEATED_FREQ: u32 = 50;

/// Function characters that are not doubled in correct text (except across
/// a word boundary, which the guard checks).
fn never_doubled(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '是'
            | '在'
            | '和'
            | '与'
            | '对'
            | '为'
            | '将'
            | '把'
            | '被'
            | '从'
            | '以'
            | '及'
            | '于'
            | '并'
            | '而'
            | '或'
            | '其'
            | '也'
            | '都'
            | '就'
            | '向'
            | '由'
            | '让'
            | '着'
            | '地'
            | '得'
    )
}

/// Verbs and adjectives that reduplicate as ABAB.
const REDUPLICATING: &[&str] = &[
    "研究",
    "讨论",
    "考虑",
    "商量",
    "学习",
    "休息",
    "锻炼",
    "活动",
    "交流",
    "介绍",
    "了解",
    "认识",
    "体验",
    "尝试",
    "总结",
    "琢磨",
    "打听",
    "收拾",
    "准备",
    "检查",
    "练习",
    "思考",
    "观察",
    "关心",
    "帮助",
    "打扮",
    "放松",
    "调查",
    "沟通",
    "比较",
    "分析",
    "整理",
    "打扫",
    "清理",
    "修理",
    "试验",
    "体会",
    "感受",
    "享受",
    "请教",
    "联系",
    "反映",
    "汇报",
    "说明",
    "解释",
    "安慰",
    "鼓励",
    "表扬",
    "批评",
    "教育",
    "考察",
    "走访",
    "看望",
    "溜达",
    "合计",
    "掂量",
    "比划",
    "拾掇",
    "暖和",
    "凉快",
    "高兴",
    "热闹",
    "痛快",
    "舒服",
    "轻松",
    "开心",
    "雪白",
    "通红",
    "冰凉",
    "笔直",
    "漆黑",
    "火热",
    "滚烫",
    "碧绿",
    "蔚蓝",
    "金黄",
    "乌黑",
    "雪亮",
    "通亮",
    "瓦蓝",
    "喷香",
    "粉红",
    "血红",
    "冰冷",
    "恭喜",
    "欢迎",
    "谢谢",
    "加油",
    "再见",
    "可以",
    "好的",
    "是的",
    "对的",
    "没事",
    "不错",
    "快点",
    "来了",
    "请进",
    "慢走",
    "等等",
    "一起",
    "如何",
    "怎样",
    "如此",
    "什么",
    "怎么样",
    "转转",
    "走走",
    "看看",
    "试试",
    "想想",
    "说说",
    "听听",
    "问问",
    "找找",
    "查查",
    "动动",
];

/// Whether `c` counts as a character of a run here.
#[inline]
pub(crate) fn in_run(c: char) -> bool {
    // Ideographs; 〇 is a numeral here, not part of a word.
    super::is_han(c)
}

/// `candidates`: the offsets of the characters that equal one of the four
/// before them in their run ([`in_run`]), found by the shared pass
/// (`super::Pass`); nothing else can start a repetition.
pub(crate) fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let (engine, candidates) = (cx.engine, &cx.pass.repeats[..]);
    let chars_on = sink.enabled(Rule::RepeatChar);
    let words_on = sink.enabled(Rule::RepeatWord);
    if !(chars_on || words_on) {
        return;
    }
    let text = sink.text;
    // Nothing ending before this is reported again.
    let mut done = 0;
    for &i in candidates {
        let Some(c) = text[i..].chars().next() else { continue };
        // ring[k - 1]: the k-th character back in the run (1 = this one),
        // up to eight; `len` of them.
        let mut ring = [(i, c); 8];
        let mut len = 1;
        let mut at = i;
        while len < ring.len() {
            match super::char_before(text, at) {
                Some(d) if in_run(d) => {
                    at -= d.len_utf8();
                    ring[len] = (at, d);
                    len += 1;
                }
                _ => break,
            }
        }
        let back = |k: usize| ring[k - 1];
        if len < 2 {
            continue;
        }
        let end = i + c.len_utf8();
        if chars_on && back(2).1 == c && back(2).0 >= done && never_doubled(c) {
            let (a, b) = (back(2).0, i);
            if !aabb(text, a, end) && !split_by_words(engine, text, a, b, end) {
                sink.emit(Rule::RepeatChar, a..end, format!("“{c}”重复"), vec![c.to_string()]);
                done = end;
                continue;
            }
        }
        if words_on {
            for l in 2..=4 {
                // The last characters of the two copies must match.
                if len < 2 * l || back(l + 1).1 != c {
                    continue;
                }
                let (a, m) = (back(2 * l).0, back(l).0);
                if a < done || text[a..m] != text[m..end] {
                    continue;
                }
                if let Some(span) = word_repeat(engine, text, a, m, end) {
                    let suggestion = text[span.start..m].to_string();
                    let w = &text[m..end];
                    sink.emit(Rule::RepeatWord, span.clone(), format!("“{w}”重复"), vec![suggestion]);
                    done = end;
                    break;
                }
            }
        }
    }
}

/// The doubled character at `a..end` is half of an AABB reduplication
/// (和和美美, 平平和和).
fn aabb(text: &str, a: usize, end: usize) -> bool {
    let mut after = text[end..].chars();
    let mut before = text[..a].chars().rev();
    let pair = |x: Option<char>, y: Option<char>| x.is_some_and(|x| super::is_han_or_zero(x) && Some(x) == y);
    pair(after.next(), after.next()) || pair(before.next(), before.next())
}

fn word_freq(engine: &Engine, w: &str) -> u32 {
    engine.lexicon.freq(w).unwrap_or(0)
}

/// Whether the doubled character at `a..b` and `b..end` belongs to two
/// words: one ending with the first, or one starting with the second, or
/// the pair itself is a word.
fn split_by_words(engine: &Engine, text: &str, a: usize, b: usize, end: usize) -> bool {
    if engine.lexicon.freq(&text[a..end]).is_some() {
        return true;
    }
    // Words ending with the first: up to three characters before it.
    let mut s = a;
    for _ in 0..3 {
        let Some(c) = super::char_before(text, s) else { break };
        if !super::is_han_or_zero(c) {
            break;
        }
        s -= c.len_utf8();
        if word_freq(engine, &text[s..b]) >= MIN_WORD_FREQ {
            return true;
        }
    }
    // Words starting with the second.
    let mut found = false;
    engine.lexicon.prefixes(&text[b..], 4, |e, f| {
        if e > end - b && f >= MIN_WORD_FREQ {
            found = true;
        }
    });
    found
}

/// The word `m..end` repeats `a..m`: the span to report, if it is an
/// accidental repetition.
fn word_repeat(engine: &Engine, text: &str, a: usize, m: usize, end: usize) -> Option<std::ops::Range<usize>> {
    let w = &text[m..end];
    let mut chars = w.chars();
    let first = chars.next()?;
    if chars.all(|c| c == first) {
        return None;
    }
    if word_freq(engine, w) < MIN_REPEATED_FREQ {
        return None;
    }
    // 气质是粗犷粗犷是……: a chain (anadiplosis) written without a comma.
    if super::char_before(text, a).is_some_and(|c| super::char_at(text, end) == Some(c)) {
        return None;
    }
    // 很小很小, 太好太好: a degree adverb and an adjective, repeated for
    // emphasis.
    if matches!(first, '很' | '太' | '好' | '真' | '挺' | '多' | '越' | '更' | '最') {
        return None;
    }
    let tag = engine.lexicon.tag(w).unwrap_or("");
    let reduplicates = REDUPLICATING.contains(&w) || matches!(tag, "m" | "mq" | "o" | "e" | "y" | "q");
    if !reduplicates {
        return Some(a..end);
    }
    // 进一步一步: a longer word ending with the first copy.
    let mut s = a;
    for _ in 0..2 {
        let c = super::char_before(text, s)?;
        if !super::is_han_or_zero(c) {
            return None;
        }
        s -= c.len_utf8();
        if word_freq(engine, &text[s..m]) >= MIN_REPEATED_FREQ {
            return Some(s..end);
        }
    }
    None
}
