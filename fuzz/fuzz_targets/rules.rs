//! Arbitrary rule files never panic the loader: every problem is a
//! diagnostic. A file that loads without errors builds an engine (the
//! matcher compiles nothing validation did not), which reads a sentence.
#![no_main]

use std::path::Path;

use crosscheck::{Engine, rules};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut diags = Vec::new();
        let set = rules::from_str(Path::new("fuzz.toml"), text, &mut diags);
        for d in &diags {
            let _ = d.render();
        }
        if diags.iter().any(|d| d.is_error()) {
            return;
        }
        let ids: Vec<String> = set.rules.iter().map(|r| r.id.clone()).collect();
        match Engine::new(set) {
            Ok(engine) => {
                for id in ids {
                    let _ =
                        engine.match_text(&id, "Trade reached $5 million in 2024, up 3%.", None);
                }
            }
            Err(e) => assert!(
                e.iter().all(|d| d.code == "rule-too-large"),
                "validated rules fail to compile: {e:?}"
            ),
        }
    }
});
