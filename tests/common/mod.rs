//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the crosscheck binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A labeled corpus line's expected values: `-` for none, else ` ; `-separated
/// `kind canonical` items (tests/corpus/README.md).
pub fn labels(want: &str, place: &str) -> Vec<(String, String)> {
    if want.trim() == "-" {
        return Vec::new();
    }
    want.split(" ; ")
        .map(|item| {
            let (k, v) = item
                .trim()
                .split_once(' ')
                .unwrap_or_else(|| panic!("{place}: bad item {item:?}"));
            (k.to_string(), v.to_string())
        })
        .collect()
}
