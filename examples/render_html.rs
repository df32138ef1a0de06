//! Renders the HTML report of a folder of sources with a folder of rules,
//! with no command-line front end in between:
//!
//!     cargo run --example render_html -- RULES SOURCES OUT.html
//!
//! e.g. `cargo run --example render_html -- rules seeds target/seeds.html`.
//! The CI's browser test (`.ci/browser.sh`) uses it; it prints the summary
//! line and exits 2 when the input is broken.

use std::process::ExitCode;

use crosscheck::report::{Format, Style, render};
use crosscheck::{Engine, Options, rules};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [rules_dir, sources_dir, out] = args.as_slice() else {
        eprintln!("usage: render_html RULES SOURCES OUT.html");
        return ExitCode::from(2);
    };
    let mut diags = Vec::new();
    let set = rules::load(&[rules_dir.into()], &mut diags);
    if !diags.is_empty() {
        for d in &diags {
            eprintln!("{}: {}", d.file.display(), d.message);
        }
        return ExitCode::from(2);
    }
    let engine = match Engine::new(set) {
        Ok(e) => e,
        Err(ds) => {
            for d in &ds {
                eprintln!("{}: {}", d.file.display(), d.message);
            }
            return ExitCode::from(2);
        }
    };
    let mut run = engine.run(&[sources_dir.into()], &Options::default());
    run.load_quotes(false);
    let mut html = Vec::new();
    if let Err(e) = render(&run, Format::Html, &Style::default(), &mut html) {
        eprintln!("render: {e}");
        return ExitCode::from(2);
    }
    if let Some(dir) = std::path::Path::new(out).parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = std::fs::write(out, html) {
        eprintln!("{out}: {e}");
        return ExitCode::from(2);
    }
    println!("{}", run.summary().line(run.fail_on));
    ExitCode::SUCCESS
}
