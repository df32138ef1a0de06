//! Untrusted input never panics the pipeline: pieces of the seeds cut at
//! arbitrary character boundaries and glued back in another order, with
//! control and bidi characters mixed in, go through match, compare and both
//! renderers.

use crosscheck::finding::Grade;
use crosscheck::report::{markdown, table};
use crosscheck::source::{Source, SourceMeta};
use crosscheck::{Engine, Extraction, calendar::Day, rules};

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
    let engine = Engine::new(set).unwrap();
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
            date_source: None,
            language: "ar".into(),
        };
        let src = Source::new(meta, "x.txt".into(), s);
        let mut facts = engine.match_source(&src);
        for f in &mut facts {
            assert!(f.quote.load(&src.text), "{f:?}");
            assert!(f.quote.value_range.1 <= f.quote.text().len());
            let _ = f.quote.excerpt(80);
        }
        let report = engine.compare(Extraction {
            sources: vec![src.info()],
            facts,
            ..Extraction::default()
        });
        let mut out = Vec::new();
        table::render(&report, Grade::Major, 100, &mut out).unwrap();
        assert!(
            !out.contains(&0x1b),
            "terminal output carries no escape character"
        );
        markdown::render(&report, Grade::Major, &mut out).unwrap();
    }
}
