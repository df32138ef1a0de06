//! Snapshots of the terminal table and the Markdown report on the seeds,
//! with the seeds' baseline and without, and their escaping of hostile text.

use crosscheck::report::{self, Format, Style};
use crosscheck::triage::{Baseline, Policy};
use crosscheck::{Engine, Options, Run, rules};

fn seeds(policy: Policy) -> Run {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let engine = Engine::new(set).unwrap();
    let mut run = engine.run(
        &["seeds".into()],
        &Options {
            policy,
            ..Options::default()
        },
    );
    run.load_quotes(false);
    run
}

fn render(run: &Run, format: Format, style: Style) -> String {
    let mut out = Vec::new();
    report::render(run, format, &style, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const PLAIN: Style = Style {
    width: Some(160),
    color: false,
    links: false,
    terminal: false,
    link_base: None,
};

#[test]
fn the_table_on_the_seeds() {
    let run = seeds(Policy::default());
    let table = render(&run, Format::Table, PLAIN.clone());
    assert!(!table.contains('\u{1b}'));
    assert!(
        table
            .lines()
            .all(|l| l.chars().count() <= 160 || !l.starts_with('│'))
    );
    insta::assert_snapshot!("table_seeds", table);
}

#[test]
fn the_table_in_colour_with_links() {
    let run = seeds(Policy::default());
    let table = render(
        &run,
        Format::Table,
        Style {
            color: true,
            links: true,
            ..PLAIN
        },
    );
    // Verdicts coloured, headings bold red, places hyperlinked to the file.
    assert!(table.contains("\u{1b}[1;31m● Trade volume between two countries"));
    assert!(table.contains("\u{1b}]8;;file:///"));
    assert!(table.contains("seeds/001_bae31eafe5fea3ea.txt\u{1b}\\seeds/001_bae31eafe5fea3ea.txt:35:259\u{1b}]8;;\u{1b}\\"));
}

#[test]
fn the_markdown_comment_on_the_seeds() {
    let run = seeds(Policy::default());
    let md = render(&run, Format::Markdown, PLAIN.clone());
    assert!(md.starts_with("## crosscheck: ❌ 8 conflicts fail the check\n"));
    assert_eq!(md.matches("<details>").count(), 4);
    assert_eq!(md.matches("**fails**").count(), 8 * 2);
    insta::assert_snapshot!("markdown_seeds", md);
}

#[test]
fn with_the_seeds_baseline_nothing_fails_and_reasons_show() {
    let baseline = Baseline::read("seeds/baseline.toml".as_ref()).unwrap();
    let run = seeds(Policy {
        baseline: Some(baseline),
        ..Policy::default()
    });
    let md = render(&run, Format::Markdown, PLAIN.clone());
    assert!(md.starts_with("## crosscheck: ✅ no conflict fails the check\n"));
    assert!(md.contains("baselined: CIF/FOB and confidentiality"));
    let table = render(&run, Format::Table, PLAIN.clone());
    assert!(table.contains("[baselined]"));
    assert!(table.contains("  reason: CIF/FOB and confidentiality"));
    insta::assert_snapshot!("markdown_seeds_baseline", md);
}

#[test]
fn hostile_text_is_escaped_in_the_table_and_the_markdown() {
    for dir in ["tests/fixtures/hostile_html", "tests/fixtures/hostile_ci"] {
        let mut diags = Vec::new();
        let set = rules::load(&["rules".into()], &mut diags);
        let engine = Engine::new(set).unwrap();
        let mut run = engine.run(&[dir.into()], &Options::default());
        run.load_quotes(false);
        assert!(run.conflicts().count() >= 1, "{dir}");
        let md = render(&run, Format::Markdown, PLAIN.clone());
        for raw in [
            "<script", "<img", "<a ", "<x/>", "\u{1b}", "\u{202E}", "\u{7}",
        ] {
            assert!(!md.contains(raw), "{dir}: {raw:?} in the Markdown:\n{md}");
        }
        // Markdown's own syntax from a source is text: no link, no cell.
        assert!(!md.contains("](javascript:"), "{dir}");
        let pipes = |l: &str| {
            let b = l.as_bytes();
            (0..b.len())
                .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
                .count()
        };
        let mut width = None;
        for line in md.lines() {
            if !line.starts_with('|') {
                width = None;
                continue;
            }
            let w = *width.get_or_insert(pipes(line));
            assert_eq!(pipes(line), w, "{dir}: a cell broken open: {line}");
        }
        let table = render(&run, Format::Table, PLAIN.clone());
        for raw in ["\u{1b}", "\u{202E}", "\u{7}", "\u{b}"] {
            assert!(!table.contains(raw), "{dir}: {raw:?} in the table");
        }
        assert!(
            table.contains("\\u{1b}") || dir.ends_with("hostile_html"),
            "{dir}: ESC shown escaped"
        );
    }
}
