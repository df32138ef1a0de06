//! Every bundled rule's examples must pass, and every rule must carry at
//! least one positive and one negative example.

use crosscheck::{Engine, examples, rules};

#[test]
fn bundled_rule_examples_pass() {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    assert!(
        diags.is_empty(),
        "{}",
        diags.iter().map(|d| d.render()).collect::<String>()
    );
    assert!(set.rules.len() >= 10, "only {} rules", set.rules.len());
    let engine = Engine::new(set.clone()).unwrap_or_else(|d| panic!("{d:?}"));
    let outcomes = examples::run_all(&engine);
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.passed)
        .map(|o| format!("{}:{} rule {}\n{}", o.file, o.line, o.rule, o.diff))
        .collect();
    println!("{} examples, {} failed", outcomes.len(), failed.len());
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    for r in &set.rules {
        assert!(
            r.examples.iter().any(|e| e.value.is_some()),
            "{} has no positive example",
            r.id
        );
        assert!(
            r.examples.iter().any(|e| e.value.is_none()),
            "{} has no negative example",
            r.id
        );
    }
}
