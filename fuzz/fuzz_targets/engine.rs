//! Arbitrary UTF-8 as a source (and, when it opens with `<`, as an HTML
//! page) through the whole engine: match with the bundled rules, load the
//! quotes, compare, render both reports.
#![no_main]

use std::sync::LazyLock;

use crosscheck::finding::Grade;
use crosscheck::report::{markdown, table};
use crosscheck::source::{Source, SourceMeta};
use crosscheck::{Engine, Extraction, calendar::Day, rules};
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let mut diags = Vec::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules");
    let set = rules::load(&[dir.into()], &mut diags);
    Engine::new(set).expect("the bundled rules compile")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let meta = SourceMeta::bare("f", Day::parse_iso("2025-11-07"));
    // Input that opens like markup is also read as an HTML page: its text
    // keeps the page's byte length, so every span maps back to the page.
    let text = if text.starts_with('<') {
        let page = crosscheck::source::html::page(text);
        assert_eq!(page.text.len(), text.len());
        page.text
    } else {
        text.to_string()
    };
    let src = Source::new(meta, "f.txt".into(), text);
    let mut facts = ENGINE.match_source(&src);
    for f in &mut facts {
        assert!(f.quote.load(&src.text));
        assert!(f.quote.value_range.1 <= f.quote.text().len());
    }
    let run = ENGINE.compare(Extraction {
        sources: vec![src.info()],
        facts,
        ..Extraction::default()
    }, &Default::default());
    let mut out = Vec::new();
    table::render(&run, &crosscheck::report::Style { width: Some(100), ..Default::default() }, &mut out).unwrap();
    markdown::render(&run, &mut out).unwrap();
});
