//! Snapshot tests of the `jiaodui` command: formats, exit codes, stdin,
//! directories, and inputs that are not text.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Everything a user sees, for a snapshot.
    fn transcript(&self) -> String {
        format!(
            "exit: {}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn jiaodui(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiaodui"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jiaodui");
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    Run {
        code: out
            .status
            .code()
            .expect("exited, not killed by a signal (a panic exits 101)"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

const DRAFT: &str = "关于做好汛期工作的通知\n\n请各单位认真贯澈落实，抓好防汛工作布署。\n群众可用本人帐号登录APP查询，访问 https://www.gov.cn/ 了解详情。\n";

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.md"), DRAFT).unwrap();
    std::fs::write(dir.path().join("clean.txt"), "请及时安装客户端，抓好工作部署。\n").unwrap();
    dir
}

#[test]
fn human_format() {
    let dir = fixture();
    let run = jiaodui(dir.path(), &["check", "draft.md"], None);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn human_format_in_colour() {
    let dir = fixture();
    let run = jiaodui(dir.path(), &["check", "--color", "always", "draft.md"], None);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn json_format() {
    let dir = fixture();
    let run = jiaodui(
        dir.path(),
        &["check", "--format", "json", "draft.md", "clean.txt"],
        None,
    );
    insta::assert_snapshot!(run.transcript());
    for line in run.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys = [
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "byte_start",
            "byte_end",
            "rule",
            "severity",
            "message",
            "found",
            "suggestions",
        ];
        // These keys in this order, and `origin` last where the finding has one.
        let origin = usize::from(v.get("origin").is_some());
        assert_eq!(
            v.as_object().unwrap().len(),
            keys.len() + origin,
            "exactly these keys: {line}"
        );
        if origin == 1 {
            let at = line.find("\"origin\":{\"source\":").expect("origin's keys");
            assert!(
                at > line.find("\"suggestions\":").unwrap() && line.ends_with("}}"),
                "origin last: {line}"
            );
        }
        let positions: Vec<usize> = keys.iter().map(|k| line.find(&format!("\"{k}\":")).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "keys in order: {line}");
        let (s, e) = (
            v["byte_start"].as_u64().unwrap() as usize,
            v["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&DRAFT[s..e], v["found"].as_str().unwrap());
    }
}

#[test]
fn exit_codes() {
    let dir = fixture();
    let code = |args: &[&str]| jiaodui(dir.path(), args, None).code;
    assert_eq!(code(&["check", "clean.txt"]), 0, "nothing found");
    assert_eq!(
        code(&["check", "draft.md"]),
        1,
        "errors found, default --fail-on warning"
    );
    assert_eq!(code(&["check", "--fail-on", "error", "draft.md"]), 1);
    assert_eq!(code(&["check", "--fail-on", "info", "draft.md"]), 1);
    assert_eq!(code(&["check", "--fail-on", "never", "draft.md"]), 0);
    let all_off = [
        "check",
        "--disable",
        "typo.word",
        "--disable",
        "typo.confusable",
        "--disable",
        "idiom.near-miss",
    ];
    assert_eq!(code(&[&all_off[..], &["draft.md"]].concat()), 0);
    // Without the list, the statistical rule still finds 贯澈 (a warning).
    assert_eq!(
        code(&["check", "--disable", "typo.word", "--fail-on", "error", "draft.md"]),
        0
    );
    assert_eq!(code(&["check", "--disable", "typo.word", "draft.md"]), 1);
    assert_eq!(code(&["check", "--fail-on", "sometimes", "draft.md"]), 2, "usage error");
    assert_eq!(code(&["check", "--no-such-flag"]), 2, "usage error");
    assert_eq!(code(&["check", "missing.txt"]), 2, "I/O error");
    assert_eq!(
        code(&["check", "--disable", "typo.wrod", "draft.md"]),
        2,
        "unknown rule"
    );
}

#[test]
fn stdin() {
    let dir = fixture();
    let run = jiaodui(
        dir.path(),
        &["check", "--format", "json", "-"],
        Some("请按装客户端".as_bytes()),
    );
    insta::assert_snapshot!(run.transcript());
    let run = jiaodui(dir.path(), &["check", "-"], Some(b""));
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn invalid_utf8_binary_and_missing_files_do_not_stop_the_others() {
    let dir = fixture();
    std::fs::write(dir.path().join("gbk.txt"), b"\xc7\xeb\xb0\xb2\xd7\xb0 GBK text").unwrap();
    std::fs::write(dir.path().join("image.txt"), b"PNG\0\0\x01binary").unwrap();
    let run = jiaodui(
        dir.path(),
        &["check", "gbk.txt", "image.txt", "missing.txt", "draft.md"],
        None,
    );
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("draft.md:3:"), "the good file is still checked");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn bom_crlf_and_empty_files() {
    let dir = fixture();
    std::fs::write(dir.path().join("bom.txt"), "\u{feff}第一行\r\n请按装\r\n".as_bytes()).unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    let run = jiaodui(dir.path(), &["check", "--format", "json", "bom.txt", "empty.txt"], None);
    insta::assert_snapshot!(run.transcript());
    let run = jiaodui(dir.path(), &["check", "bom.txt"], None);
    assert!(!run.stdout.contains('\r'), "no carriage return in the human output");
}

#[test]
fn directories_are_walked_honouring_gitignore() {
    let dir = fixture();
    let root = dir.path();
    std::fs::create_dir_all(root.join("docs/sub")).unwrap();
    std::fs::create_dir_all(root.join("build")).unwrap();
    std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
    std::fs::write(root.join("docs/sub/b.md"), "布署\n").unwrap();
    std::fs::write(root.join("docs/a.txt"), "按装\n").unwrap();
    std::fs::write(root.join("docs/image.png"), b"\x89PNG\0").unwrap();
    std::fs::write(root.join("build/out.txt"), "按装\n").unwrap();
    let run = jiaodui(root, &["check", "--format", "json", "."], None);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn rules_and_help() {
    let dir = fixture();
    let run = jiaodui(dir.path(), &["rules"], None);
    insta::assert_snapshot!(run.transcript());
    let run = jiaodui(dir.path(), &["--help"], None);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Examples:"));
    let run = jiaodui(dir.path(), &["--version"], None);
    assert_eq!(run.stdout, format!("jiaodui {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn user_dictionary_and_allow_list() {
    let dir = fixture();
    std::fs::write(dir.path().join("mine.tsv"), "# 本单位词表\n清松镇\t青松镇\t地名\n").unwrap();
    std::fs::write(dir.path().join("town.txt"), "清松镇防讯科发布防讯通知\n").unwrap();
    let run = jiaodui(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--dict",
            "mine.tsv",
            "--allow",
            "防讯科",
            "town.txt",
        ],
        None,
    );
    insta::assert_snapshot!(run.transcript());
    std::fs::write(dir.path().join("bad.tsv"), "清松镇 青松镇\n").unwrap();
    let run = jiaodui(dir.path(), &["check", "--dict", "bad.tsv", "town.txt"], None);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn lm_build_and_check_with_it() {
    let dir = fixture();
    std::fs::create_dir_all(dir.path().join("archive")).unwrap();
    std::fs::write(
        dir.path().join("archive/a.txt"),
        "各部门要认真落实责任制。维护社会和谐稳定。\n".repeat(20),
    )
    .unwrap();
    let run = jiaodui(dir.path(), &["lm", "build", "archive", "-o", "office.lm"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("from 1 files"), "{}", run.stderr);
    std::fs::write(dir.path().join("post.txt"), "维护社会和谐稳订。\n").unwrap();
    let run = jiaodui(
        dir.path(),
        &["check", "--format", "json", "--lm", "office.lm", "post.txt"],
        None,
    );
    insta::assert_snapshot!(run.transcript());

    std::fs::write(dir.path().join("bad.lm"), b"JIAODUI-LM\r\n\x01\0\0\0").unwrap();
    let run = jiaodui(dir.path(), &["check", "--lm", "bad.lm", "post.txt"], None);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn fix_and_diff() {
    let dir = fixture();
    std::fs::write(dir.path().join("pdf.txt"), "通\u{200b}知\n二⽉⼀⽇召开会议\n").unwrap();
    let run = jiaodui(dir.path(), &["check", "--diff", "pdf.txt"], None);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pdf.txt")).unwrap(),
        "通\u{200b}知\n二⽉⼀⽇召开会议\n"
    );
    let run = jiaodui(dir.path(), &["check", "--fix", "pdf.txt"], None);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("pdf.txt")).unwrap(),
        "通知\n二月一日召开会议\n"
    );
    let run = jiaodui(dir.path(), &["check", "--fix", "-"], Some("通\u{200b}知".as_bytes()));
    assert_eq!(run.stdout, "通知");
}

#[test]
fn sample_draft() {
    // The draft shipped in examples/: every finding a proofreader expects, no false alarm.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let run = jiaodui(&root, &["check", "--format", "json", "examples/draft.md"], None);
    insta::assert_snapshot!(run.transcript());
    let run = jiaodui(&root, &["check", "examples/draft.md"], None);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn whole_run_formats() {
    let dir = fixture();
    std::fs::write(dir.path().join("b.txt"), "请按装\n台湾总统讲话,好的。\n").unwrap();
    for format in ["github", "rdjson", "summary"] {
        let run = jiaodui(dir.path(), &["check", "--format", format, "draft.md", "b.txt"], None);
        insta::assert_snapshot!(format!("format_{format}"), run.transcript());
    }
    let run = jiaodui(dir.path(), &["check", "--format", "rdjson", "b.txt"], None);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["diagnostics"].as_array().unwrap().len(), 3);
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let dir = fixture();
    std::fs::write(dir.path().join("b.txt"), "请按装\n台湾总统讲话,好的。\n").unwrap();
    let run = jiaodui(dir.path(), &["check", "--format", "sarif", "draft.md", "b.txt"], None);
    assert_eq!(run.code, 1);
    let log: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 6);
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), jiaodui::rules().len());
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema) = std::fs::read_to_string(&schema_path) else {
        eprintln!("skipped the schema validation: {} is absent", schema_path.display());
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF schema errors:\n{}", errors.join("\n"));
}

#[test]
fn stdin_filename_names_standard_input() {
    let dir = fixture();
    let run = jiaodui(
        dir.path(),
        &["check", "--format", "github", "--stdin-filename", "posts/a.md", "-"],
        Some("请按装".as_bytes()),
    );
    assert!(
        run.stdout.starts_with("::error file=posts/a.md,line=1,col=2"),
        "{}",
        run.stdout
    );
}

#[test]
fn many_files_keep_their_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        std::fs::write(dir.path().join(format!("f{i:03}.md")), format!("第{i}篇：请按装\n")).unwrap();
    }
    let run = jiaodui(dir.path(), &["check", "--format", "json", "."], None);
    let paths: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths.len(), 60);
    assert_eq!(paths, sorted);
}

#[test]
fn config_file_is_found_and_applied() {
    let dir = fixture();
    let root = dir.path();
    std::fs::create_dir_all(root.join("docs/sub")).unwrap();
    std::fs::create_dir_all(root.join("archive")).unwrap();
    std::fs::write(root.join("docs/sub/a.md"), "请按装。。\n").unwrap();
    std::fs::write(root.join("docs/b.txt"), "请按装。。\n").unwrap();
    std::fs::write(root.join("archive/old.md"), "请按装\n").unwrap();
    std::fs::write(root.join("mine.tsv"), "清松镇\t青松镇\n").unwrap();
    std::fs::write(root.join("docs/town.txt"), "清松镇\n").unwrap();
    std::fs::write(
        root.join("jiaodui.toml"),
        "[rules]\n\"typo.word\" = \"info\"\n\n[dictionaries]\ntypos = [\"mine.tsv\"]\n\n[check]\nexclude = [\"archive/**\"]\nfail_on = \"error\"\n\n[types.markdown.rules]\npunct = \"off\"\n",
    )
    .unwrap();
    let run = jiaodui(root, &["check", "--format", "json", "docs", "archive"], None);
    // The origin of a finding from the configuration's dictionary names the
    // file as the configuration resolved it.
    let canonical = root.canonicalize().unwrap().display().to_string();
    insta::assert_snapshot!(run
        .transcript()
        .replace(&canonical, "<dir>")
        .replace(&root.display().to_string(), "<dir>"));
    // Found from a subdirectory too.
    let run = jiaodui(&root.join("docs/sub"), &["check", "--format", "json", "a.md"], None);
    assert!(run.stdout.contains("\"severity\":\"info\""), "{}", run.transcript());
    // Ignored with --no-config.
    let run = jiaodui(
        root,
        &["check", "--no-config", "--format", "json", "docs/sub/a.md"],
        None,
    );
    assert!(
        run.stdout.contains("\"severity\":\"error\"") && run.stdout.contains("punct.doubled"),
        "{}",
        run.transcript()
    );
    assert_eq!(run.code, 1);
}

#[test]
fn config_errors_name_the_key_and_line() {
    let dir = fixture();
    std::fs::write(
        dir.path().join("jiaodui.toml"),
        "[rules]\n\"typo.word\" = \"off\"\n\n[check]\nallow = []\nfail_no = \"error\"\n",
    )
    .unwrap();
    let base = dir.path().canonicalize().unwrap().display().to_string();
    let run = jiaodui(dir.path(), &["check", "draft.md"], None);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr.replace(&base, "[DIR]"));
    std::fs::write(dir.path().join("jiaodui.toml"), "[rules]\n\"typo.wrod\" = \"off\"\n").unwrap();
    let run = jiaodui(dir.path(), &["check", "draft.md"], None);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr.replace(&base, "[DIR]"));
}

#[test]
fn init_and_schema() {
    let dir = tempfile::tempdir().unwrap();
    let run = jiaodui(dir.path(), &["init"], None);
    assert_eq!(run.code, 0);
    let written = std::fs::read_to_string(dir.path().join("jiaodui.toml")).unwrap();
    assert!(written.starts_with("# jiaodui.toml"));
    // The default parses (everything in it is commented out) and changes nothing.
    std::fs::write(dir.path().join("a.txt"), "请按装\n").unwrap();
    assert_eq!(jiaodui(dir.path(), &["check", "a.txt"], None).code, 1);
    assert_eq!(jiaodui(dir.path(), &["init"], None).code, 2, "does not overwrite");
    let run = jiaodui(dir.path(), &["schema"], None);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn markdown_html_and_docx_inputs() {
    let dir = fixture();
    let root = dir.path();
    std::fs::write(
        root.join("post.md"),
        "---\ntitle: 按装指南\n---\n# 通知\n\n请**按**装客户端，代码 `按装` 不查，[链接](https://example.cn/按装)。\n\n```\n按装\n```\n\n做好防讯工作。\n",
    )
    .unwrap();
    std::fs::write(
        root.join("wechat.html"),
        "<html><head><style>.a{}</style><script>var t='按装';</script></head><body><section><p>请&#25353;装客户端</p><p>做好<strong>防讯</strong>工作&amp;值班</p></section></body></html>",
    )
    .unwrap();
    // A minimal Word document: two paragraphs.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>第一段正确。</w:t></w:r></w:p><w:p><w:r><w:t>请按</w:t></w:r><w:r><w:t>装客户端</w:t></w:r></w:p></w:body></w:document>"
                .as_bytes(),
        )
        .unwrap();
        zip.finish().unwrap();
    }
    std::fs::write(root.join("report.docx"), buf.into_inner()).unwrap();
    let run = jiaodui(
        root,
        &["check", "--format", "json", "post.md", "wechat.html", "report.docx"],
        None,
    );
    insta::assert_snapshot!(run.transcript());
    // The same file read as plain text finds more (code and front matter).
    let run = jiaodui(root, &["check", "--type", "text", "--format", "json", "post.md"], None);
    assert!(run.stdout.lines().count() > 2);
}

#[test]
fn corrupt_inputs_are_errors_for_that_file() {
    let dir = fixture();
    std::fs::write(dir.path().join("bad.docx"), b"PK\x03\x04 truncated").unwrap();
    std::fs::write(dir.path().join("cut.html"), "<p>请按装</p><div class=").unwrap();
    let run = jiaodui(dir.path(), &["check", "bad.docx", "cut.html", "draft.md"], None);
    assert_eq!(run.code, 2);
    assert!(run.stdout.contains("draft.md:3:"), "the good file is still checked");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn sarif_snapshot_and_suppressions() {
    let dir = fixture();
    let root = dir.path();
    std::fs::write(
        root.join("s.md"),
        "<!-- jiaodui-disable-next-line typo.word -->\n请按装客户端。\n\n请按装客户端。 <!-- jiaodui-disable-line -->\n\n<!-- jiaodui-disable punct -->\n好。。\n<!-- jiaodui-enable -->\n\n做好防讯工作。\n",
    )
    .unwrap();
    std::fs::write(root.join("s.txt"), "# jiaodui-disable-next-line\n请按装\n请按装\n").unwrap();
    let run = jiaodui(root, &["check", "--format", "sarif", "s.md", "s.txt"], None);
    insta::assert_snapshot!(run.transcript());
}

/// A .docx of `word/document.xml`'s body.
fn docx(body: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    write!(
        zip,
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>"
    )
    .unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

#[test]
fn docx_lines_are_paragraph_numbers() {
    // Empty paragraphs count; a soft line break (w:br) does not start a line.
    let dir = fixture();
    std::fs::write(
        dir.path().join("a.docx"),
        docx("<w:p><w:r><w:t>标题</w:t></w:r></w:p><w:p/><w:p></w:p><w:p><w:r><w:t>第一行</w:t><w:br/><w:t>请按装</w:t></w:r></w:p><w:p><w:r><w:t>做好防讯</w:t></w:r></w:p>"),
    )
    .unwrap();
    let run = jiaodui(dir.path(), &["check", "--format", "json", "a.docx"], None);
    let at: Vec<(u64, u64)> = run
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["line"].as_u64().unwrap(), v["column"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(at, [(4, 6), (5, 3)], "{}", run.transcript());
    // The human format shows the paragraph, the soft break as a space.
    let run = jiaodui(dir.path(), &["check", "a.docx"], None);
    assert!(
        run.stdout.contains("a.docx:4:6:") && run.stdout.contains("4 | 第一行 请按装\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn type_option_chooses_the_type_settings_too() {
    let dir = fixture();
    std::fs::write(
        dir.path().join("jiaodui.toml"),
        "[types.markdown.rules]\npunct = \"off\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "好。。\n").unwrap();
    let rules = |args: &[&str]| jiaodui(dir.path(), args, None).stdout;
    assert!(rules(&["check", "--format", "json", "a.txt"]).contains("punct.doubled"));
    assert_eq!(rules(&["check", "--format", "json", "--type", "markdown", "a.txt"]), "");
}
