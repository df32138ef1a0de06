//! Arbitrary UTF-8 as a source (and, when it opens with `<`, as an HTML
//! page) through the whole engine: match with the bundled rules, load the
//! quotes, compare, render every report format.
#![no_main]

use std::sync::LazyLock;

use crosscheck::report::{self, Format, Style};
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
    let run = ENGINE.compare(
        Extraction {
            sources: vec![src.info()],
            facts,
            ..Extraction::default()
        },
        &Default::default(),
    );
    // Every format renders every run; the JSON ones parse back.
    let style = Style {
        width: Some(100),
        ..Default::default()
    };
    for (_, format) in Format::ALL {
        let mut out = Vec::new();
        report::render(&run, *format, &style, &mut out).unwrap();
        let text = String::from_utf8(out).expect("reports are UTF-8");
        match format {
            Format::Json | Format::Sarif | Format::Gitlab => {
                serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
            }
            Format::Jsonl => {
                for line in text.lines() {
                    serde_json::from_str::<serde_json::Value>(line).expect("valid JSON line");
                }
            }
            Format::Html => assert!(!text.contains("<script")),
            _ => {}
        }
    }
});
