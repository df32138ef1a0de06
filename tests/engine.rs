//! The engine's promises, checked through the binary: the same output for
//! any number of threads and any file order, `extract` + `compare` over any
//! sharding equal to `check`, a cache that changes nothing but the time, and
//! facts refused under other rules.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Both halves of a run as a user sees them.
fn seen(o: &Output) -> (Option<i32>, String, String) {
    (o.status.code(), stdout(o), stderr(o))
}

fn with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the crosscheck binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn seed_files() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.strip_prefix(root()).unwrap().display().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn thread_count_does_not_change_the_output() {
    for sources in ["seeds", "tests/fixtures/en/sources"] {
        let rules = if sources == "seeds" {
            "rules"
        } else {
            "tests/fixtures/en/rules"
        };
        let one = run(&["check", "--rules", rules, "--sources", sources, "-j", "1"]);
        let two = run(&["check", "--rules", rules, "--sources", sources, "-j", "2"]);
        let many = run(&["check", "--rules", rules, "--sources", sources, "-j", "7"]);
        assert_eq!(seen(&one), seen(&two), "{sources}");
        assert_eq!(seen(&one), seen(&many), "{sources}");
    }
}

#[test]
fn the_order_files_are_named_in_does_not_change_the_output() {
    let mut files = seed_files();
    let mut forward = vec!["check"];
    forward.extend(files.iter().map(String::as_str));
    let a = run(&forward);
    files.reverse();
    let mut backward = vec!["check"];
    backward.extend(files.iter().map(String::as_str));
    let b = run(&backward);
    assert_eq!(seen(&a), seen(&b));
    assert_eq!(a.status.code(), Some(1));
}

#[test]
fn sharded_extract_and_compare_print_what_check_prints() {
    let check = run(&["check"]);
    let dir = tempfile::tempdir().unwrap();
    let files = seed_files();
    // Three shards of uneven size, written in an order unlike the sources'.
    let shards: Vec<Vec<&String>> = vec![
        files.iter().skip(3).collect(),
        files.iter().take(1).collect(),
        files.iter().skip(1).take(2).collect(),
    ];
    let mut paths: Vec<PathBuf> = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        let list: String = shard.iter().map(|f| format!("{f}\n")).collect();
        let o = with_stdin(&["extract", "--files-from", "-"], &list);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let p = dir.path().join(format!("shard-{i}.jsonl"));
        std::fs::write(&p, &o.stdout).unwrap();
        paths.push(p);
    }
    let mut args = vec!["compare".to_string()];
    args.extend(paths.iter().rev().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let compare = run(&args);
    assert_eq!(seen(&check), seen(&compare));

    // The shards on standard input, one after the other, give the same.
    let all: String = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let piped = with_stdin(&["compare", "-"], &all);
    assert_eq!(seen(&check), seen(&piped));
}

#[test]
fn extract_writes_a_versioned_stable_stream() {
    let a = run(&["extract"]);
    let b = run(&["extract", "-j", "1"]);
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
    let out = stdout(&a);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(r#"{"type":"header","schema":"crosscheck-facts","version":1,"rules":""#),
        "{first}"
    );
    let kinds: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["type"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(kinds.iter().filter(|k| *k == "source").count(), 5);
    assert!(kinds.iter().filter(|k| *k == "fact").count() > 30);
    assert_eq!(kinds.last().map(String::as_str), Some("stats"));
    // A fact carries its evidence.
    let fact: serde_json::Value = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["type"] == "fact" && v["rule"] == "trade.volume")
        .unwrap();
    for field in ["source", "key", "origin", "value", "quote", "pos"] {
        assert!(!fact[field].is_null(), "{field} in {fact}");
    }
    assert!(fact["quote"]["line"].as_u64().unwrap() > 0);
}

#[test]
fn facts_read_under_other_rules_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&[
        "extract",
        "--rules",
        "tests/fixtures/en/rules",
        "tests/fixtures/en/sources",
    ]);
    let p = dir.path().join("en.jsonl");
    std::fs::write(&p, &o.stdout).unwrap();
    let c = run(&["compare", p.to_str().unwrap()]);
    assert_eq!(c.status.code(), Some(2));
    assert!(
        stderr(&c).contains("error[facts-invalid]"),
        "{}",
        stderr(&c)
    );
    assert!(stderr(&c).contains("other rules"), "{}", stderr(&c));
    std::fs::write(&p, "not json\n").unwrap();
    let c = run(&["compare", p.to_str().unwrap()]);
    assert_eq!(c.status.code(), Some(2));
    assert!(stderr(&c).contains("line 1"), "{}", stderr(&c));
}

#[test]
fn sources_are_found_in_nested_folders() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    for f in ["a.md", "b.txt", "sources.toml"] {
        let from = root().join("tests/fixtures/en/sources").join(f);
        let to = if f == "a.md" {
            dir.path().join(f)
        } else {
            nested.join(f)
        };
        std::fs::copy(from, to).unwrap();
    }
    // A hidden folder is not read.
    std::fs::create_dir_all(dir.path().join(".hidden")).unwrap();
    std::fs::write(dir.path().join(".hidden/x.txt"), "trade 5 million").unwrap();
    let o = run(&[
        "check",
        "-v",
        "--rules",
        "tests/fixtures/en/rules",
        "--sources",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        stderr(&o).contains("crosscheck: 2 sources"),
        "{}",
        stderr(&o)
    );
    assert!(Path::new(&nested).exists());
}

#[test]
fn the_cache_changes_only_the_time() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("seeds");
    std::fs::create_dir(&sources).unwrap();
    for e in std::fs::read_dir(root().join("seeds")).unwrap().flatten() {
        std::fs::copy(e.path(), sources.join(e.file_name())).unwrap();
    }
    let cache = dir.path().join("cache");
    let (s, c) = (sources.to_str().unwrap(), cache.to_str().unwrap());
    let fresh = run(&["check", "--sources", s, "--no-cache"]);
    let cold = run(&["check", "--sources", s, "--cache-dir", c, "-v"]);
    assert!(
        stderr(&cold).contains("0 from the cache"),
        "{}",
        stderr(&cold)
    );
    assert!(cache.join("CACHEDIR.TAG").is_file());
    let warm = run(&["check", "--sources", s, "--cache-dir", c, "-v"]);
    assert!(
        stderr(&warm).contains("5 from the cache"),
        "{}",
        stderr(&warm)
    );
    assert_eq!(stdout(&fresh), stdout(&cold));
    assert_eq!(stdout(&fresh), stdout(&warm));
    // One source edited: only it is read again, and the output follows it.
    let edited = sources.join("004_1a760bb37d6533f8.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{text}\n")).unwrap();
    let after = run(&["check", "--sources", s, "--cache-dir", c, "-v"]);
    assert!(
        stderr(&after).contains("4 from the cache"),
        "{}",
        stderr(&after)
    );
    let fresh_after = run(&["check", "--sources", s, "--no-cache"]);
    assert_eq!(stdout(&after), stdout(&fresh_after));
    // Other rules do not see these facts.
    let other = run(&[
        "check",
        "--rules",
        "tests/fixtures/en/rules",
        "--sources",
        s,
        "--cache-dir",
        c,
        "-v",
    ]);
    assert!(
        stderr(&other).contains("0 from the cache"),
        "{}",
        stderr(&other)
    );
    // A broken entry is a miss, not an error.
    for e in walk(&cache) {
        if e.extension().is_some_and(|x| x == "json") {
            std::fs::write(&e, "{").unwrap();
        }
    }
    let broken = run(&["check", "--sources", s, "--cache-dir", c, "-v"]);
    assert_eq!(stdout(&broken), stdout(&fresh_after));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_source_that_changed_before_its_quotes_are_shown_is_named() {
    use crosscheck::{Engine, Options, rules};
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("a.txt");
    std::fs::write(
        &src,
        "Geostat said international visitors reached 7.1 million in 2023.\n",
    )
    .unwrap();
    let mut diags = Vec::new();
    let set = rules::load(&[root().join("tests/fixtures/en/rules")], &mut diags);
    let engine = Engine::new(set).unwrap();
    let mut run = engine.run(&[dir.path().to_path_buf()], &Options::default());
    assert!(run.facts > 0);
    std::fs::write(&src, "Changed.\n").unwrap();
    run.load_quotes(false);
    let warned: Vec<&str> = run.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(warned, ["source-changed"]);
    let fact = run.findings[0].facts().next().unwrap();
    assert_eq!(fact.quote.text(), "", "no quote from another text");
    assert!(fact.quote.line > 0);
}

#[test]
fn a_pattern_the_prefilter_cannot_narrow_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("bare.toml");
    std::fs::write(
        &rules,
        "[[rule]]\nid = \"bare.money\"\ntitle = \"any amount\"\nkind = \"money\"\npatterns = [\"{money}\", \"(?:trade|exports)[^.]{0,80}?{money}\"]\n",
    )
    .unwrap();
    let o = run(&[
        "check",
        rules.to_str().unwrap(),
        "tests/fixtures/en/sources",
    ]);
    let err = stderr(&o);
    assert!(
        err.contains("warning[rule-unfiltered]: rule `bare.money`: pattern 1 has no word"),
        "{err}"
    );
    assert!(!err.contains("pattern 2 has no word"), "{err}");
    // The bundled rules all have words to look for.
    assert!(!stderr(&run(&["check", "-q"])).contains("rule-unfiltered"));
}
