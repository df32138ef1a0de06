//! Arbitrary rule files never panic the loader: every problem is a diagnostic.
#![no_main]

use std::path::Path;

use crosscheck::rules;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut diags = Vec::new();
        let _ = rules::from_str(Path::new("fuzz.toml"), text, &mut diags);
        for d in &diags {
            let _ = d.render();
        }
    }
});
