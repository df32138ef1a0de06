//! Untrusted input never panics the pipeline: pieces of the seeds cut at
//! arbitrary character boundaries and glued back in another order, with
//! control and bidi characters mixed in, go through match, compare and both
//! renderers.

use crosscheck::matcher::Matcher;
use crosscheck::report::{Report, markdown, table};
use crosscheck::source::{Source, SourceMeta};
use crosscheck::{calendar::Day, compare, rules};

#[test]
fn shuffled_seed_text_never_panics() {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    let text: String = std::fs::read_dir("seeds")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let extra = [
        '\u{1b}', '\u{202e}', '\u{200f}', '\u{0640}', '\u{064b}', '\u{a0}', '\n', '|', '<', '*',
    ];
    let matcher = Matcher::new(&set);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for round in 0..40 {
        let mut s = String::new();
        for _ in 0..40 {
            let at = next(chars.len());
            let len = next(120);
            s.extend(chars[at..(at + len).min(chars.len())].iter());
            s.push(extra[next(extra.len())]);
        }
        let meta = SourceMeta {
            id: format!("r{round}"),
            title: "t".into(),
            publisher: "p".into(),
            author: None,
            date: if round % 2 == 0 {
                Day::parse_iso("2025-11-07")
            } else {
                None
            },
            date_inferred: false,
            language: "ar".into(),
        };
        let src = Source::new(meta, "x.txt".into(), s);
        let facts = matcher.match_source(&src);
        for f in &facts {
            assert!(f.quote.value_range.1 <= f.quote.sentence.len());
            let _ = f.quote.excerpt(80);
        }
        let findings = compare::compare(&set, &facts);
        let report = Report {
            sources: vec![],
            rules: set.rules.len(),
            facts: facts.len(),
            findings,
            threshold: crosscheck::finding::Grade::Major,
        };
        let mut out = Vec::new();
        table::render(&report, 100, &mut out).unwrap();
        assert!(
            !out.contains(&0x1b),
            "terminal output carries no escape character"
        );
        markdown::render(&report, &mut out).unwrap();
    }
}
