//! Synthetic posts for benchmarking `jiaodui inspect` at scale: JSON Lines,
//! deterministic, with a few typos and serious errors mixed in.
//!
//! `cargo run --release -p jiaodui-cli --example gen_posts -- 1000000 1000 > posts.jsonl`
//! (posts, accounts; about 1 KB of text a post).

use std::io::{BufWriter, Write};

/// Sentences of the kind government accounts post, written for this project.
const SENTENCES: &[&str] = &[
    "今天上午，全市安全生产工作会议召开，会议传达学习了上级有关精神。",
    "会议要求，各地各部门要压紧压实责任，扎实做好汛期各项防范工作。",
    "我区持续优化营商环境，推动政务服务事项一网通办、跨省通办。",
    "近日，市场监督管理局开展食品安全专项检查，共检查经营主体一百二十家。",
    "街道社区组织志愿者走访独居老人，送去慰问品并检查家中用电安全。",
    "市人大常委会召开会议，听取和审议有关工作情况的报告。",
    "全市高标准农田建设稳步推进，夏粮收购工作有序开展。",
    "区教育局发布通知，做好今年义务教育招生入学工作。",
    "我市新能源汽车产业链不断完善，一批重点项目签约落地。",
    "卫生健康部门提醒广大市民，夏季注意饮食卫生，预防肠道传染病。",
    "文化和旅游部门推出多条夏季旅游线路，丰富群众文化生活。",
    "坚持以人民为中心的发展思想，不断增进民生福祉。",
];

/// Sentences with something to find.
const WRONG: &[&str] = &[
    "请各单位及时按装安全补丁，做好工作布署。",
    "要推进一路一带建设。",
    "国家质检总局近日发布通知。",
    "截止6月底，共完成投资三亿元。",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let posts: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let accounts: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100).max(1);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    for _ in 0..posts {
        let a = next() % accounts;
        let level = if a.is_multiple_of(2) {
            "市级部门"
        } else {
            "辖市区及其部门"
        };
        let platform = ["wechat", "wechat", "wechat", "weibo", "app", "other"][(a % 6) as usize];
        let day = next() % 91;
        let (month, dom) = if day < 30 {
            (4, day + 1)
        } else if day < 61 {
            (5, day - 29)
        } else {
            (6, day - 60)
        };
        let hour = 7 + next() % 14;
        let mut text = String::new();
        while text.len() < 1000 {
            let r = next();
            if r % 20_000 == 0 {
                text.push_str(WRONG[(r / 20_000 % WRONG.len() as u64) as usize]);
            } else {
                text.push_str(SENTENCES[(r % SENTENCES.len() as u64) as usize]);
            }
        }
        let repost = next() % 5 == 0;
        let line = serde_json::json!({
            "account": format!("账号{a:05}"),
            "owner": format!("单位{a:05}"),
            "level": level,
            "platform": platform,
            "published_at": format!("2023-{month:02}-{dom:02}T{hour:02}:00:00+08:00"),
            "title": "工作动态",
            "text": text,
            "url": format!("https://example.gov.cn/{a}/{}", next() % 1_000_000),
            "is_repost": repost,
            "source": if repost { "新华社" } else { "" },
        });
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
}
