//! Generated files are fresh: each is generated again and compared with the
//! committed one.

use std::path::Path;
use std::process::Command;

/// The Unicode Character Database that `gen_tables.py` reads (Debian's
/// `unicode-data` package, 15.0; `.ci/run` installs it).
const UCD: &str = "/usr/share/unicode";

/// Without the generator's inputs the test cannot run: it says so, and
/// fails in CI, where `.ci/run` installs them.
fn skip(why: &str) {
    assert!(std::env::var_os("CI").is_none(), "{why}: CI must run this test");
    eprintln!("skipped: {why}");
}

#[test]
fn hygiene_tables_are_generated_from_the_unicode_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("src/rules/hygiene/gen_tables.py");
    let committed = root.join("src/rules/hygiene/tables.rs");
    if !Path::new(UCD).join("Unihan_Variants.txt.bz2").is_file() {
        return skip(&format!("{UCD} has no Unihan data (apt-get install unicode-data)"));
    }
    let output = match Command::new("python3").arg(&script).output() {
        Ok(o) => o,
        Err(e) => return skip(&format!("cannot run python3: {e}")),
    };
    assert!(
        output.status.success(),
        "gen_tables.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let generated = String::from_utf8(output.stdout).expect("gen_tables.py prints UTF-8");
    let committed = std::fs::read_to_string(&committed).expect("tables.rs");
    if generated != committed {
        let line = generated
            .lines()
            .zip(committed.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| generated.lines().count().min(committed.lines().count()))
            + 1;
        panic!(
            "src/rules/hygiene/tables.rs is stale (first difference on line {line}): run\n  \
             python3 src/rules/hygiene/gen_tables.py > src/rules/hygiene/tables.rs"
        );
    }
}
