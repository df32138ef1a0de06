//! Triage through the library: per-rule `warn` and `fail` grades against
//! the run's `--fail-on`, suppressions written in rule files, and coverage
//! ("not stated" is never a pass).

use std::path::PathBuf;

use crosscheck::finding::{Grade, Level, Status, Verdict};
use crosscheck::triage::Policy;
use crosscheck::{Engine, Options, Run};

const SOURCES: &[(&str, &str)] = &[
    (
        "a.txt",
        "Trade between Israel and Kazakhstan reached $100 million in 2022, according to Israel's Central Bureau of Statistics.",
    ),
    (
        "b.txt",
        "Kazakhstan's Bureau of National Statistics said trade between Kazakhstan and Israel reached $220 million in 2022.",
    ),
];

fn run(extra: &str, policy: Policy) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let rules = std::fs::read_to_string("rules/trade.toml").unwrap();
    // The bundled trade rules, with the fields under test added to
    // trade.volume.
    let rules = rules.replacen(
        "id = \"trade.volume\"",
        &format!("id = \"trade.volume\"\n{extra}"),
        1,
    );
    let path = dir.path().join("trade.toml");
    std::fs::write(&path, rules).unwrap();
    let src = dir.path().join("sources");
    std::fs::create_dir(&src).unwrap();
    for (name, text) in SOURCES {
        std::fs::write(src.join(name), text).unwrap();
    }
    let mut diags = Vec::new();
    let set = crosscheck::rules::load(&[path], &mut diags);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let engine = Engine::new(set).unwrap();
    engine.run(
        &[PathBuf::from(&src)],
        &Options {
            policy,
            ..Options::default()
        },
    )
}

fn volume(run: &Run) -> &crosscheck::finding::Finding {
    run.findings
        .iter()
        .find(|f| f.rule == "trade.volume")
        .expect("the trade.volume finding")
}

#[test]
fn grades_decide_the_level_rule_first() {
    // 100M vs 220M: a discrepancy (a gap of 1.43× in the comparer's measure).
    let r = run("", Policy::default());
    let f = volume(&r);
    assert_eq!(f.verdict, Verdict::Conflict(Grade::Discrepancy));
    assert_eq!(f.level, Level::Warning);
    assert!(!f.fails() && f.warns());
    assert_eq!(r.summary().failing, 0);
    // --fail-on discrepancy: it fails.
    let r = run(
        "",
        Policy {
            fail_on: Grade::Discrepancy,
            ..Policy::default()
        },
    );
    assert_eq!(volume(&r).level, Level::Failure);
    assert_eq!(r.summary().failing, 1);
    // The rule's own `fail` wins over the run's.
    let r = run("fail = \"discrepancy\"", Policy::default());
    assert_eq!(volume(&r).level, Level::Failure);
    let r = run(
        "fail = \"major\"",
        Policy {
            fail_on: Grade::Minor,
            ..Policy::default()
        },
    );
    assert_eq!(volume(&r).level, Level::Warning);
    // Below the rule's `warn`, a conflict is a note.
    let r = run("warn = \"major\"", Policy::default());
    assert_eq!(volume(&r).level, Level::Note);
    assert!(!volume(&r).warns());
}

#[test]
fn a_warn_above_fail_is_an_error_in_the_rule() {
    let mut diags = Vec::new();
    let text = std::fs::read_to_string("rules/trade.toml")
        .unwrap()
        .replacen(
            "id = \"trade.volume\"",
            "id = \"trade.volume\"\nwarn = \"major\"\nfail = \"minor\"",
            1,
        );
    crosscheck::rules::from_str(std::path::Path::new("t.toml"), &text, &mut diags);
    assert!(
        diags
            .iter()
            .any(|d| d.is_error() && d.message.contains("`warn` (major) is above `fail` (minor)")),
        "{diags:?}"
    );
    let mut diags = Vec::new();
    let text = text.replace("fail = \"minor\"", "fail = \"fatal\"");
    crosscheck::rules::from_str(std::path::Path::new("t.toml"), &text, &mut diags);
    assert!(
        diags
            .iter()
            .any(|d| d.is_error() && d.message.contains("unknown grade `fatal` for `fail`")),
        "{diags:?}"
    );
}

#[test]
fn a_suppression_in_a_rule_file_keeps_the_conflict_visible() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string("rules/trade.toml").unwrap();
    text.push_str(
        "\n[[suppress]]\nrule = \"trade.volume\"\nkey = { period = \"2022\" }\nsources = [\"b.txt\"]\nreason = \"definitions differ\"\n",
    );
    let path = dir.path().join("trade.toml");
    std::fs::write(&path, &text).unwrap();
    let mut diags = Vec::new();
    let set = crosscheck::rules::load(&[path], &mut diags);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    assert_eq!(set.suppressions.len(), 1);
    let src = dir.path().join("sources");
    std::fs::create_dir(&src).unwrap();
    for (name, t) in SOURCES {
        std::fs::write(src.join(name), t).unwrap();
    }
    let engine = Engine::new(set).unwrap();
    let r = engine.run(
        &[src],
        &Options {
            policy: Policy {
                fail_on: Grade::Minor,
                ..Policy::default()
            },
            ..Options::default()
        },
    );
    let f = volume(&r);
    assert_eq!(f.verdict, Verdict::Conflict(Grade::Discrepancy));
    assert!(
        matches!(&f.status, Status::Suppressed { reason, at, .. } if reason == "definitions differ" && at.contains("trade.toml:")),
        "{:?}",
        f.status
    );
    assert!(!f.fails());
    let s = r.summary();
    assert_eq!((s.suppressed, s.failing), (1, 0));
    assert!(
        r.diagnostics
            .iter()
            .all(|d| !d.code.starts_with("suppression")),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn coverage_counts_the_sources_that_state_each_rule() {
    let r = run("", Policy::default());
    let volume = r.rules.iter().find(|x| x.id == "trade.volume").unwrap();
    assert_eq!((volume.sources, volume.facts), (2, 2));
    let ratio = r.rules.iter().find(|x| x.id == "trade.ratio").unwrap();
    assert_eq!(ratio.sources, 0);
    assert_eq!(r.summary().not_stated, 1);
    assert!(r.summary().line(Grade::Major).contains("1 rule not stated"));
}
