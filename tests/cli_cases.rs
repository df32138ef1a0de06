//! Command-line cases kept as data (`tests/cases/*.toml`): each runs the
//! binary with its arguments and standard input, and checks the exit status
//! and what must and must not be printed.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    args: Vec<String>,
    #[serde(default)]
    dir: Option<String>,
    #[serde(default)]
    stdin: Option<String>,
    status: i32,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    stdout_not: Vec<String>,
    #[serde(default)]
    stderr_not: Vec<String>,
}

fn run(case: &Case) -> Result<(), String> {
    let dir = common::root().join(case.dir.as_deref().unwrap_or("."));
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(&case.args)
        .current_dir(&dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut stdin = child.stdin.take().expect("piped");
    stdin
        .write_all(case.stdin.as_deref().unwrap_or("").as_bytes())
        .map_err(|e| e.to_string())?;
    drop(stdin);
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut problems = Vec::new();
    if out.status.code() != Some(case.status) {
        problems.push(format!(
            "exit {:?}, want {}",
            out.status.code(),
            case.status
        ));
    }
    for s in &case.stdout {
        if !stdout.contains(s.as_str()) {
            problems.push(format!("stdout lacks {s:?}"));
        }
    }
    for s in &case.stderr {
        if !stderr.contains(s.as_str()) {
            problems.push(format!("stderr lacks {s:?}"));
        }
    }
    for s in &case.stdout_not {
        if stdout.contains(s.as_str()) {
            problems.push(format!("stdout has {s:?}"));
        }
    }
    for s in &case.stderr_not {
        if stderr.contains(s.as_str()) {
            problems.push(format!("stderr has {s:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            problems.join("\n")
        ))
    }
}

#[test]
fn cli_cases() {
    let dir = common::root().join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for f in files {
        let file: File = toml::from_str(&std::fs::read_to_string(&f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        cases.extend(file.case.into_iter().map(|c| (f.clone(), c)));
    }
    let n = cases.len();
    // Cases run side by side, as many at once as there are cores.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((f, case)) = cases.get(i) else { break };
                    if let Err(e) = run(case) {
                        failures.lock().unwrap().push(format!(
                            "## {} ({})\n{e}",
                            case.name,
                            f.display()
                        ));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    assert!(n >= 10, "only {n} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
