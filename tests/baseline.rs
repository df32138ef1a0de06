//! Baselines end to end: write one, run clean against it, move a figure in
//! a source and fail, restore it and pass again; a conflict that goes away
//! is reported stale; rewriting keeps the reasons; the seeds' own baseline
//! is current.

mod common;

use std::path::Path;

use common::{run_in, stderr, stdout};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        if name == "baseline.toml" {
            continue;
        }
        std::fs::copy(e.path(), to.join(name)).unwrap();
    }
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&common::root().join("rules"), &dir.path().join("rules"));
    copy_dir(&common::root().join("seeds"), &dir.path().join("seeds"));
    dir
}

fn seed(dir: &Path, prefix: &str) -> std::path::PathBuf {
    std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

#[test]
fn a_baseline_round_trip() {
    let ws = workspace();
    let dir = ws.path();
    let o = run_in(dir, &["baseline", "known.toml", "--no-cache", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("8 conflicts in the baseline"),
        "{}",
        stderr(&o)
    );
    let text = std::fs::read_to_string(dir.join("known.toml")).unwrap();
    assert_eq!(text.matches("[[conflict]]").count(), 8, "{text}");
    assert!(
        text.contains("\"statistics of Israel: 79000000 USD\""),
        "{text}"
    );
    // Clean against it.
    let check = |dir: &Path| {
        run_in(
            dir,
            &["check", "--no-cache", "-q", "--baseline", "known.toml"],
        )
    };
    let o = check(dir);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("8 baselined · 0 failing at major"),
        "{}",
        stdout(&o)
    );
    // A figure moves: Kazakhstan's 883 million becomes 893 million.
    let path = seed(dir, "001");
    let original = std::fs::read_to_string(&path).unwrap();
    assert!(original.contains("بـ883 مليون"));
    std::fs::write(&path, original.replace("بـ883 مليون", "بـ893 مليون")).unwrap();
    let o = check(dir);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("7 baselined · 1 changed · 1 failing at major"),
        "{}",
        stdout(&o)
    );
    let table = stdout(&run_in(
        dir,
        &[
            "check",
            "--no-cache",
            "--baseline",
            "known.toml",
            "--color",
            "never",
        ],
    ));
    assert!(table.contains("[changed]"), "{table}");
    assert!(
        table.contains("the baseline had: statistics of Israel: 79000000 USD; statistics of Kazakhstan: 883000000 USD"),
        "{table}"
    );
    // Restored: clean again.
    std::fs::write(&path, &original).unwrap();
    let o = check(dir);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // Kazakhstan's figure made equal to Israel's: the 2022 conflict goes
    // away and its entry is stale (reported, not failing); the source's
    // own "eleven times" now contradicts the equal figures: a new conflict.
    std::fs::write(&path, original.replace("بـ883 مليون", "بـ79 مليون")).unwrap();
    let o = check(dir);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("7 baselined · 1 new · 1 failing at major"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("warning[baseline-stale]: the baseline's conflict `trade.volume · total · Israel–Kazakhstan · 2022` is no longer found"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("known.toml:"), "{}", stderr(&o));
    std::fs::write(&path, &original).unwrap();
}

#[test]
fn rewriting_a_baseline_keeps_its_reasons_and_order() {
    let ws = workspace();
    let dir = ws.path();
    // The seeds' own baseline, rewritten from the same seeds, is the same
    // file: current, sorted, and every reason kept.
    let shipped = std::fs::read_to_string(common::root().join("seeds/baseline.toml")).unwrap();
    std::fs::write(dir.join("known.toml"), &shipped).unwrap();
    let o = run_in(dir, &["baseline", "known.toml", "--no-cache", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let again = std::fs::read_to_string(dir.join("known.toml")).unwrap();
    assert_eq!(again, shipped);
    // Every known conflict of the seeds is explained.
    assert_eq!(shipped.matches("reason = \"\"").count(), 0, "{shipped}");
    assert_eq!(shipped.matches("\nreason = ").count(), 8, "{shipped}");
    // Sorted by rule, then key.
    let rules: Vec<&str> = shipped
        .lines()
        .filter_map(|l| l.strip_prefix("rule = "))
        .collect();
    let mut sorted = rules.clone();
    sorted.sort();
    assert_eq!(rules, sorted);
}

#[test]
fn a_broken_baseline_is_an_input_error_with_its_place() {
    let ws = workspace();
    let dir = ws.path();
    std::fs::write(
        dir.join("bad.toml"),
        "version = 1\n[[conflict]]\nrule = 3\n",
    )
    .unwrap();
    let o = run_in(
        dir,
        &["check", "--no-cache", "-q", "--baseline", "bad.toml"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error[baseline-invalid]"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("bad.toml:3:"), "{}", stderr(&o));
    std::fs::write(dir.join("v2.toml"), "version = 2\n").unwrap();
    let o = run_in(dir, &["check", "--no-cache", "-q", "--baseline", "v2.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("baseline version 2"), "{}", stderr(&o));
}
