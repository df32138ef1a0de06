//! Arbitrary UTF-8 through folding, the value grammars and context resolution.
#![no_main]

use crosscheck::calendar::Day;
use crosscheck::extract::{all_languages, read};
use crosscheck::text::Normalized;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let norm = Normalized::new(text);
        let anchor = Day::parse_iso("2025-11-07");
        let values = read(&norm.text, anchor, all_languages());
        for v in &values {
            assert!(v.start <= v.end && v.end <= norm.text.len());
            let _ = norm.orig_end(v.end, text);
        }
    }
});
