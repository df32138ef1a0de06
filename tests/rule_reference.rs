//! rules/README.md documents exactly the fields rule files accept: every
//! documented field is accepted, and every accepted field is documented.
//! The accepted fields are read from the parser itself, through the list it
//! gives when it meets an unknown field.

use std::collections::BTreeSet;
use std::path::Path;

use crosscheck::rules;

/// The fields the parser accepts in a table, by feeding it an unknown one.
fn accepted(toml_with_bogus: &str) -> BTreeSet<String> {
    let mut diags = Vec::new();
    rules::from_str(Path::new("probe.toml"), toml_with_bogus, &mut diags);
    let msg = diags
        .iter()
        .map(|d| d.message.clone())
        .find(|m| m.contains("unknown field"))
        .unwrap_or_else(|| panic!("{diags:?}"));
    // "expected one of `a`, `b`", "expected `a` or `b`", "expected `a`"
    let list = msg.split("expected").nth(1).unwrap();
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn documented(section: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string("rules/README.md").unwrap();
    let mut out = BTreeSet::new();
    if section == "rule" {
        // The first table: | `field` | type | required | meaning |
        let table = text
            .split("## Fields")
            .nth(1)
            .unwrap()
            .split("\n\n")
            .nth(1)
            .unwrap();
        for line in table.lines().skip(2) {
            let field = line.split('|').nth(1).unwrap().trim().trim_matches('`');
            out.insert(field.to_string());
        }
    } else {
        let para = text
            .split(&format!("`{section}` fields:"))
            .nth(1)
            .unwrap_or_else(|| panic!("no `{section}` fields paragraph"));
        let para = para.split("\n\n").next().unwrap();
        // The field names are the first backticked word of each list item.
        for part in para.split(['(', ',']) {
            if let Some(name) = part
                .trim()
                .strip_prefix('`')
                .and_then(|p| p.split('`').next())
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                && !name.is_empty()
            {
                out.insert(name.to_string());
            }
        }
    }
    out
}

const HEAD: &str =
    "[[rule]]\nid = \"x\"\ntitle = \"x\"\nkind = \"money\"\npatterns = [\"t{money}\"]\n";

#[test]
fn rule_fields_match_the_reference() {
    assert_eq!(
        accepted(&format!("{HEAD}bogus_field = 1\n")),
        documented("rule")
    );
}

#[test]
fn nested_fields_match_the_reference() {
    assert_eq!(
        accepted(&format!(
            "{HEAD}[[rule.example]]\ntext = \"t\"\nbogus_field = 1\n"
        )),
        documented("[[rule.example]]")
    );
    assert_eq!(
        accepted(&format!("{HEAD}[rule.grades]\nbogus_field = 1\n")),
        documented("[grades]")
    );
    assert_eq!(
        accepted(&format!(
            "{HEAD}[rule.ratio]\nof = \"a\"\nnumerator = \"b\"\ndenominator = \"c\"\nbogus_field = 1\n"
        )),
        documented("[ratio]")
    );
    assert_eq!(
        accepted(&format!(
            "{HEAD}[rule.adjust.a]\nfactor = 1.0\nbogus_field = 1\n"
        )),
        documented("[adjust.AUTHORITY]")
    );
    assert_eq!(
        accepted(&format!("{HEAD}[rule.parties]\nbogus_field = 1\n")),
        documented("[parties]")
    );
}
