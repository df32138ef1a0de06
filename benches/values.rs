//! Phrases per second through the value grammars (`crosscheck values`),
//! on both labeled corpora (tests/corpus and tests/corpus/v2), with a
//! reference run on the same machine in the
//! same process: a plain `regex` number-and-currency scan of the same phrases,
//! the least any extractor must do. Run: `cargo bench --bench values`.

use std::hint::black_box;
use std::time::Instant;

use crosscheck::calendar::Day;
use crosscheck::extract::{all_languages, read};
use crosscheck::text::Normalized;

fn phrases() -> Vec<String> {
    let mut out = Vec::new();
    let files = ["ar", "en", "ru", "he"].iter().flat_map(|l| {
        [
            format!("tests/corpus/{l}.tsv"),
            format!("tests/corpus/v2/{l}.tsv"),
        ]
    });
    for file in files {
        let text = std::fs::read_to_string(&file).expect("corpus");
        out.extend(
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .filter_map(|l| l.split_once('\t').map(|(p, _)| p.to_string())),
        );
    }
    out
}

fn rate(label: &str, phrases: &[String], rounds: usize, mut f: impl FnMut(&str) -> usize) -> f64 {
    let mut found = 0;
    let start = Instant::now();
    for _ in 0..rounds {
        for p in phrases {
            found += f(black_box(p));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let per_sec = (rounds * phrases.len()) as f64 / secs;
    println!("{label:<34} {per_sec:>12.0} phrases/s ({found} values)");
    per_sec
}

fn main() {
    let phrases = phrases();
    let anchor = Day::parse_iso("2025-11-07");
    let rounds = 40;
    println!("{} phrases × {rounds} rounds, one thread", phrases.len());
    let reference =
        regex::Regex::new(r"(?:[$€£]\s?)?[0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*\s?(?:%|٪)?").expect("regex");
    let base = rate("reference: regex number scan", &phrases, rounds, |p| {
        reference.find_iter(p).count()
    });
    let ours = rate("crosscheck values (fold+extract)", &phrases, rounds, |p| {
        let norm = Normalized::new(p);
        let v = read(&norm.text, anchor, all_languages());
        v.len()
    });
    println!("ratio crosscheck / reference: {:.3}", ours / base);
    let target = 100_000.0;
    println!(
        "target: {target} phrases/s (issue 13): {}",
        if ours >= target { "met" } else { "NOT met" }
    );
}
