//! The rule author's commands, run as a user runs them: rules list, show,
//! test (examples and fixtures), new, explain and config; every class of rule
//! error with its file:line:column; five errors reported in one run.

mod common;
use common::*;

#[test]
fn rules_list_shows_every_rule() {
    let o = run(&["rules", "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("trade.volume"), "{out}");
    assert!(out.contains("rules/trade.toml:18"), "{out}");
    assert!(out.contains("12 rules"), "{out}");
}

#[test]
fn rules_show_expands_slots_and_lists_examples() {
    let o = run(&["rules", "show", "tourism.visitors"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains(r"slot {count} → (?i)"), "{out}");
    assert!(
        out.contains(r"\x{E011}"),
        "the count slot expands to the target placeholder: {out}"
    );
    assert!(
        out.contains("parties:    country entities, from the text; ordered (origin → destination)"),
        "{out}"
    );
    assert!(out.contains("from: {country:adj} tourists | "), "{out}");
    assert!(out.contains("− ارتفع عدد السياح"), "{out}");
    let o = run(&["rules", "show", "trade.ratio"]);
    assert!(
        stdout(&o).contains("dimension direction (default total):"),
        "{}",
        stdout(&o)
    );
    let o = run(&["rules", "show", "no.such.rule"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("known rules:"));
}

#[test]
fn rules_test_passes_the_bundled_rules_and_fails_a_broken_example() {
    let o = run(&["rules", "test"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("54 examples: 54 passed, 0 failed"),
        "{}",
        stdout(&o)
    );
    let o = run(&["rules", "test", "tests/fixtures/failing-example"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("expected: value 11000000 USD"), "{out}");
    assert!(out.contains("actual:   value 10000000 USD"), "{out}");
    assert!(out.contains("2 examples: 1 passed, 1 failed"), "{out}");
    assert!(
        stderr(&o).contains("┌─ tests/fixtures/failing-example/rules.toml:8:1"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rules_test_fixture_reports_tp_fp_fn_and_bless_rewrites() {
    let o = run(&[
        "rules",
        "test",
        "tests/fixtures/en/rules",
        "--fixtures",
        "tests/fixtures/en/sources",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("│ tourism.arrivals ┆ 4  ┆ 0  ┆ 0  │"), "{out}");
    // A copy whose expectation is wrong fails, and --bless repairs it.
    let dir = tempfile::tempdir().unwrap();
    for f in ["a.md", "b.txt", "sources.toml", "expected.toml"] {
        std::fs::copy(
            root().join("tests/fixtures/en/sources").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    let exp = dir.path().join("expected.toml");
    let text = std::fs::read_to_string(&exp)
        .unwrap()
        .replace("value = \"5900000\"", "value = \"5800000\"");
    std::fs::write(&exp, text).unwrap();
    let d = dir.path().to_str().unwrap();
    let o = run(&["rules", "test", "tests/fixtures/en/rules", "--fixtures", d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .contains("FN tourism.arrivals b.txt [2023] Georgia (Tourism Administration): 5800000"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o)
            .contains("FP tourism.arrivals b.txt [2023] Georgia (Tourism Administration): 5900000"),
        "{}",
        stdout(&o)
    );
    let o = run(&[
        "rules",
        "test",
        "tests/fixtures/en/rules",
        "--fixtures",
        d,
        "--bless",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["rules", "test", "tests/fixtures/en/rules", "--fixtures", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

/// Exports, imports and total trade of one year, one source each, through
/// the bundled rules (tests/fixtures/direction/README.md).
#[test]
fn direction_fixtures_give_their_expected_facts_and_verdicts() {
    for lang in ["en", "ar", "ru"] {
        let dir = format!("tests/fixtures/direction/{lang}");
        let o = run(&["rules", "test", "--fixtures", &dir]);
        assert_eq!(o.status.code(), Some(0), "{lang}: {}", stdout(&o));
        assert!(stdout(&o).contains("  ok"), "{lang}: {}", stdout(&o));
    }
}

#[test]
fn rules_new_drafts_a_rule_that_reads_its_sentence() {
    let o = run(&[
        "rules",
        "new",
        "--kind",
        "money",
        "--text",
        "Kazakhstan's exports to Israel reached $1.2 billion in 2024",
        "--id",
        "exports.kz-il",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let draft = stdout(&o);
    assert!(draft.contains("id = \"exports.kz-il\""), "{draft}");
    assert!(
        draft.contains("patterns = [\"(?:exports|imports|reached)[^.]{0,60}?{money}\"]"),
        "{draft}"
    );
    assert!(draft.contains("value = \"1200000000 USD\""), "{draft}");
    assert!(
        draft.contains(
            "key = { direction = \"flow\", pair = \"Kazakhstan → Israel\", period = \"2024\" }"
        ),
        "{draft}"
    );
    // The draft is a valid rule file whose example passes.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.toml"), &draft).unwrap();
    let o = run(&["rules", "test", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&[
        "rules",
        "new",
        "--kind",
        "percent",
        "--text",
        "Trade reached $5 million",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("values read: money"), "{}", stderr(&o));
}

fn draft(kind: &str, text: &str) -> String {
    let o = run(&["rules", "new", "--kind", kind, "--text", text]);
    assert_eq!(o.status.code(), Some(0), "{text}: {}", stderr(&o));
    let draft = stdout(&o);
    // Every draft is a valid rule file whose example passes.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.toml"), &draft).unwrap();
    let t = run(&["rules", "test", dir.path().to_str().unwrap()]);
    assert_eq!(t.status.code(), Some(0), "{draft}\n{}", stdout(&t));
    draft
}

/// The rule part of a draft without its comments: what the matcher reads.
fn rule_lines(draft: &str) -> String {
    draft
        .split("[[rule.example]]")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rows of `check` on a direction fixture with a draft rule.
fn check_fixture(draft: &str, lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("draft.toml"), draft).unwrap();
    let o = run(&[
        "check",
        "--rules",
        dir.path().to_str().unwrap(),
        "--sources",
        &format!("tests/fixtures/direction/{lang}"),
        "--width",
        "200",
    ]);
    assert_eq!(o.status.code(), Some(0), "{lang}: {}", stdout(&o));
    stdout(&o)
}

/// A sample that names a direction gets the direction dimension, keyed
/// before the period; the period's own words are never context words, and
/// the words that carry it are shown with a pattern that requires them.
/// Countries the sample names become entity slots: the key takes the pair
/// (or the one party) from the text, the labels and phrases name no
/// country, and a country's statistics are one attribution for every
/// country.
#[test]
fn rules_new_proposes_the_direction_and_the_period() {
    // A flow between two named countries, in en, ar and ru: generic
    // direction labels, and [rule.parties] naming each side with a slot.
    for (text, said, exports, from, to, period, dated) in [
        (
            "Kazakhstan's exports to Israel reached $50 million in 2022",
            "«exports» (exports)",
            r#"exports = ["exports", "exported", "export"]"#,
            r#"from = ["{country}'s exports", "{country:adj} exports", "exports from {country}", "exports of {country}", "{country} exported", "imports from {country}"]"#,
            r#"to = ["{country}'s imports", "{country:adj} imports", "imports of {country}", "imports to {country}", "imports into {country}", "exports to {country}", "{country} imported"]"#,
            "«2022» (2022)",
            r#"# patterns = ["(?:exports|imports|reached)[^.]{0,60}?{money}[^.]{0,60}?{period}"]"#,
        ),
        (
            "بلغت صادرات كازاخستان إلى إسرائيل 50 مليون دولار في عام 2022، وفقا للبيانات الإسرائيلية",
            "«صادرات» (exports)",
            r#"exports = ["صادراتها", "صادرات", "الصادرات", "تصدير"]"#,
            r#"from = ["صادرات {country}", "الصادرات {country:adj}", "الصادرات من {country}", "صادرات من {country}", "الواردات من {country}", "واردات من {country}"]"#,
            r#"to = ["واردات {country}", "الواردات {country:adj}", "إلى {country}"]"#,
            "«عام 2022» (2022)",
            r#"# patterns = ["(?:بلغت|صادرات|واردات)[^.]{0,60}?{money}[^.]{0,60}?{period}"]"#,
        ),
        (
            "Экспорт Казахстана в Израиль в 2022 году составил 50 млн долларов",
            "«Экспорт» (exports)",
            r#"exports = ["экспорта", "экспорту", "экспортом", "экспорте", "экспорт"]"#,
            r#"from = ["экспорт {country}", "экспорта {country}", "{country:adj} экспорт", "экспорт из {country}", "экспорта из {country}", "импорт из {country}", "импорта из {country}"]"#,
            r#"to = ["импорт {country}", "импорта {country}", "{country:adj} импорт", "экспорт в {country}", "экспорта в {country}"]"#,
            "«2022 году» (2022)",
            // The countries are the key's, not the pattern's words.
            r#"# patterns = ["(?:экспорт|импорт|составил)[^.]{0,60}?{period}[^.]{0,60}?{money}"]"#,
        ),
    ] {
        let d = draft("money", text);
        for line in [
            "key = [\"direction\", \"pair\", \"period\"]",
            "# pair: the two countries the figure is about come from the text (its",
            "the sample names Kazakhstan and Israel.",
            &format!("# direction: the sample names {said}."),
            exports,
            "\ntotal = [",
            "[rule.parties]\nordered = [\"exports\", \"imports\"]\nflow = \"flow\"\n",
            from,
            to,
            &format!("# period: the sample dates its figure by {period}"),
            dated,
            "key = { direction = \"flow\", pair = \"Kazakhstan → Israel\", period = \"2022\" }",
        ] {
            assert!(d.contains(line), "{line}\n{d}");
        }
        assert!(d.contains("names the sending side (Kazakhstan)"), "{d}");
        // No country in the labels, the phrases or the patterns.
        let rule = rule_lines(&d);
        for name in [
            "Kazakhstan",
            "Israel",
            "كازاخستان",
            "إسرائيل",
            "Казахстан",
            "Израил",
        ] {
            assert!(!rule.contains(name), "{name}\n{d}");
        }
        assert!(!rule.contains("side not named"), "{d}");
    }
    // The English draft, run on the direction fixture: exports and the
    // partner's imports are one flow, total trade and the other flow apart,
    // and each pair's figures have their own groups.
    let d = draft(
        "money",
        "Kazakhstan's exports to Israel reached $50 million in 2022",
    );
    let out = check_fixture(&d, "en");
    for row in [
        "flow · Kazakhstan → Israel · 2022 ┆ source a.txt: 50M USD [tests/fixtures/direction/en/a.txt:1:40]",
        "flow · Israel → Kazakhstan · 2022 ┆ source d.txt: 30M USD [tests/fixtures/direction/en/d.txt:1:46]",
        "total · Israel–Kazakhstan · 2022  ┆ source b.txt: 883M USD [tests/fixtures/direction/en/b.txt:1:45]",
        "source c.txt: 52M USD [tests/fixtures/direction/en/c.txt:1:42]",
        "2 of 2 agree",
        "3 findings · 0 conflicts · 1 agree · 2 single source",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
    let agree = out
        .lines()
        .find(|l| l.contains("flow · Kazakhstan → Israel · 2022"))
        .unwrap();
    assert!(agree.contains("agree"), "{out}");
    // The Arabic and Russian drafts on their fixtures: the same flows.
    let d = draft(
        "money",
        "بلغت صادرات كازاخستان إلى إسرائيل 50 مليون دولار في عام 2022",
    );
    let out = check_fixture(&d, "ar");
    for row in [
        "flow · Kazakhstan → Israel · 2022 ┆ source a.txt: 50M USD [tests/fixtures/direction/ar/a.txt:1:40]",
        "source c.txt: 52M USD [tests/fixtures/direction/ar/c.txt:1:47]",
        "source e.txt: 51M USD [tests/fixtures/direction/ar/e.txt:1:36]",
        "3 of 3 agree",
        "flow · Israel → Kazakhstan · 2022 ┆ source d.txt: 30M USD [tests/fixtures/direction/ar/d.txt:1:41]",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
    let d = draft(
        "money",
        "Экспорт Казахстана в Израиль в 2022 году составил 50 млн долларов",
    );
    let out = check_fixture(&d, "ru");
    for row in [
        "flow · Kazakhstan → Israel · 2022 ┆ source a.txt: 50M USD [tests/fixtures/direction/ru/a.txt:1:51]",
        "source c.txt: 52M USD [tests/fixtures/direction/ru/c.txt:1:51]",
        "2 of 2 agree",
        "flow · Israel → Kazakhstan · 2022 ┆ source d.txt: 30M USD [tests/fixtures/direction/ru/d.txt:1:51]",
        "total · Israel–Kazakhstan · 2022  ┆ source b.txt: 883M USD [tests/fixtures/direction/ru/b.txt:1:64]",
    ] {
        assert!(out.contains(row), "{row}\n{out}");
    }
    // A country's statistics: one label with slots, in the sample's
    // language («البيانات {country:adj}» reads «للبيانات الإسرائيلية»); the
    // example names the authority the draft gives it.
    let d = draft(
        "money",
        "بلغت صادرات كازاخستان إلى إسرائيل 50 مليون دولار في عام 2022، وفقا للبيانات الإسرائيلية",
    );
    for line in [
        "# attribution: «للبيانات الإسرائيلية» names a country's statistics.",
        r#""statistics of {country}" = ["{bureau}", "البيانات {country:adj}", "الإحصاءات {country:adj}", "#,
        "authority = \"statistics of Israel\"",
    ] {
        assert!(d.contains(line), "{line}\n{d}");
    }
    let d = draft(
        "money",
        "According to Israel's Central Bureau of Statistics, trade between Israel and Azerbaijan reached $1.7 billion in 2022.",
    );
    for line in [
        "# attribution: «Israel's Central Bureau of Statistics» names a country's",
        r#""statistics of {country}" = ["{bureau}", "{country}'s Central Bureau of Statistics", "#,
        "# direction: the sample names «trade» (total).",
        "# parties: the sample does not say which country is which side.",
        "key = { direction = \"total\", pair = \"Azerbaijan–Israel\", period = \"2022\" }",
        "authority = \"statistics of Israel\"",
    ] {
        assert!(d.contains(line), "{line}\n{d}");
    }
    assert!(!d.contains("# [rule.attribution]"), "{d}");
    // One country named: the key takes it as the party.
    let d = draft(
        "quantity",
        "wheat exports to Israel reached 42,000 tonnes in 2024",
    );
    for line in [
        "key = [\"direction\", \"party\", \"period\"]",
        "# party: the country the figure is about comes from the text (its sentence,",
        "patterns = [\"(?:wheat|exports|reached)[^.]{0,60}?{quantity}\"]",
        "key = { direction = \"exports\", party = \"Israel\", period = \"2024\" }",
    ] {
        assert!(d.contains(line), "{line}\n{d}");
    }
    assert!(!d.contains("\n[rule.parties]"), "{d}");
    // "from X to Y" between countries: an ordered pair, no direction.
    let d = draft(
        "count",
        "Some 18,000 tourists came from Kazakhstan to Israel in 2015",
    );
    for line in [
        "key = [\"pair\", \"period\"]",
        "# parties: «from Kazakhstan» names the origin side (Kazakhstan); «to Israel»",
        "[rule.parties]\nordered = true\nfrom = [\"from {country}\"]\nto = [\"to {country}\", \"into {country}\"]\n",
        "key = { pair = \"Kazakhstan → Israel\", period = \"2015\" }",
    ] {
        assert!(d.contains(line), "{line}\n{d}");
    }
    assert!(!d.contains("direction"), "{d}");
    // No country named: as before. A direction word alone: exports,
    // imports and total in its language.
    let d = draft(
        "money",
        "Экспорт зерна в 2022 году составил 50 млн долларов",
    );
    for line in [
        "key = [\"direction\", \"period\"]",
        "# direction: the sample names «Экспорт» (exports).",
        r#"exports = ["экспорта", "экспорту", "экспортом", "экспорте", "экспорт"]"#,
        r#"imports = ["импорта", "импорту", "импортом", "импорте", "импорт"]"#,
        r#"total = ["товарооборота", "товарооборот", "торговля", "торговли", "торговый оборот"]"#,
        "# period: the sample dates its figure by «2022 году» (2022)",
        // «году» belongs to the period: not a context word.
        r#"# patterns = ["(?:Экспорт|зерна|составил)[^.]{0,60}?{period}[^.]{0,60}?{money}"]"#,
        "key = { direction = \"exports\", period = \"2022\" }",
    ] {
        assert!(d.contains(line), "{line}\n{d}");
    }
    assert!(!d.contains("\n[rule.parties]"), "{d}");
    // Total trade is a direction too: exports will not join it.
    let d = draft(
        "money",
        "In the first eight months of 2025, trade between the two countries reached $80 million.",
    );
    assert!(
        d.contains(r#"patterns = ["(?:trade|between|countries|reached)[^.]{0,60}?{money}"]"#),
        "the period's words are not context words: {d}"
    );
    assert!(
        d.contains("# period: the sample dates its figure by «the first eight months of 2025» (2025-01..2025-08)"),
        "{d}"
    );
    assert!(
        d.contains(r#"# patterns = ["{period}[^.]{0,60}?(?:trade|between|countries|reached)[^.]{0,60}?{money}"]"#),
        "{d}"
    );
    assert!(
        d.contains("key = { direction = \"total\", period = \"2025-01..2025-08\" }"),
        "{d}"
    );
    // "from X to Y" between places the gazetteer does not know: a flow
    // and its reverse, as before.
    let d = draft(
        "count",
        "Some 18,000 tourists came from Ruritania to Zenda in 2015",
    );
    assert!(
        d.contains(r#""Ruritania → Zenda" = ["from Ruritania to Zenda"]"#),
        "{d}"
    );
    assert!(
        d.contains(r#""Zenda → Ruritania" = ["from Zenda to Ruritania"]"#),
        "{d}"
    );
    assert!(
        d.contains("key = { direction = \"Ruritania → Zenda\", period = \"2015\" }"),
        "{d}"
    );
    // No direction and no period named: neither is proposed.
    let d = draft("money", "The company was valued at $5 million");
    assert!(!d.contains("key = ["), "{d}");
    assert!(!d.contains("direction"), "{d}");
}

#[test]
fn explain_shows_matches_and_near_misses() {
    let o = run(&["explain", "trade.volume", "001:35"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains(
            "FACT statistics of Kazakhstan · key total · Israel–Kazakhstan · 2022 · 883000000 USD"
        ),
        "{out}"
    );
    assert!(
        out.contains("origin: `statistics of Kazakhstan` named in its clause"),
        "{out}"
    );
    // Neither country is named in the sentence: the article is about them.
    assert!(
        out.contains("parties: Israel and Kazakhstan named in the headline and lead"),
        "{out}"
    );
    assert!(
        out.contains(
            "FACT statistics of Israel · key total · Israel–Kazakhstan · 2022 · 79000000 USD"
        ),
        "{out}"
    );
    let o = run(&[
        "explain",
        "trade.volume",
        "--text",
        "Kazakhstan sold wheat worth $5 million to Israel.",
    ]);
    let out = stdout(&o);
    assert!(out.contains("NO FACT: a money value was found («$5 million») but no pattern's context words are within reach of it"), "{out}");
    let o = run(&[
        "explain",
        "trade.volume",
        "--text",
        "Trade between the two countries was strong. Exports to Israel were high, and the officials praised it.",
    ]);
    assert!(
        stdout(&o).contains(
            "NO FACT: the context words matched, but the sentence has no money value for the slot"
        ),
        "{}",
        stdout(&o)
    );
    let o = run(&["explain", "trade.volume", "999"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn explain_says_where_the_authority_was_found_or_why_not() {
    // Two sentences back in the paragraph: in reach.
    let text = "Israel's Central Bureau of Statistics published its annual tables. They cover every partner. Trade with Kazakhstan reached $79 million in 2022.";
    let o = run(&["explain", "trade.volume", "--text", text]);
    let out = stdout(&o);
    assert!(
        out.contains(
            "FACT statistics of Israel · key total · Israel–Kazakhstan · 2022 · 79000000 USD"
        ),
        "{out}"
    );
    assert!(
        out.contains("origin: `statistics of Israel` named 2 sentences before, in its paragraph"),
        "{out}"
    );
    // "with Kazakhstan" names the partner; the other party is the one the
    // paragraph named.
    assert!(
        out.contains("parties: Kazakhstan and Israel named earlier in its paragraph"),
        "{out}"
    );
    // In the paragraph before: out of reach, and explain says so.
    let text = "Israel's Central Bureau of Statistics published its annual tables.\n\nThey cover every partner. Trade with Kazakhstan reached $79 million in 2022.";
    let o = run(&["explain", "trade.volume", "--text", text]);
    let out = stdout(&o);
    assert!(
        out.contains("FACT source text · key total · Israel–Kazakhstan · 2022 · 79000000 USD"),
        "{out}"
    );
    assert!(
        out.contains("note: `statistics of Israel` is named 2 sentence(s) before, out of reach"),
        "{out}"
    );
}

#[test]
fn explain_shows_a_table_cell_where_it_stands_and_how_it_was_read() {
    let text = "Trade between the two countries, USD million\n\n| Year | Israeli data | Kazakh statistics |\n|---|---|---|\n| 2022 | 79 | 883 |";
    let o = run(&["explain", "trade.volume", "--text", text]);
    let out = stdout(&o);
    assert!(
        out.contains("── text 5:10 ──\n  «table cell «79», read as «Trade between the two countries in 2022 Israeli data : 79 million USD»»"),
        "{out}"
    );
    assert!(
        out.contains(
            "FACT statistics of Israel · key total · Israel–Kazakhstan · 2022 · 79000000 USD"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "FACT statistics of Kazakhstan · key total · Israel–Kazakhstan · 2022 · 883000000 USD"
        ),
        "{out}"
    );
    assert!(
        out.contains("parties: «the two countries» points to the two named before"),
        "{out}"
    );
}

#[test]
fn config_is_discovered_upward_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let proj = dir.path();
    std::fs::create_dir_all(proj.join("my-rules")).unwrap();
    std::fs::create_dir_all(proj.join("packs/common")).unwrap();
    std::fs::create_dir_all(proj.join("articles/sub")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/en/rules/tourism.toml"),
        proj.join("packs/common/tourism.toml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/en/sources/b.txt"),
        proj.join("articles/b.txt"),
    )
    .unwrap();
    std::fs::write(
        proj.join("crosscheck.toml"),
        "rules = [\"my-rules\"]\nextend = [\"packs/common\"]\nsources = [\"articles\"]\nthreshold = \"minor\"\ntolerance = \"3%\"\n\n[output]\nwidth = 100\nreport_dir = \"out\"\n",
    )
    .unwrap();
    let sub = proj.join("articles/sub");
    let o = run_in(&sub, &["config"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("crosscheck.toml"), "{out}");
    assert!(out.contains("threshold    = \"minor\""), "{out}");
    assert!(
        out.contains("crosscheck.toml:4"),
        "the line it came from: {out}"
    );
    assert!(out.contains("tolerance    = \"3%\""), "{out}");
    let o = run_in(&sub, &["config", "--threshold", "major"]);
    assert!(
        stdout(&o)
            .contains("threshold    = \"major\"                                  # command line"),
        "{}",
        stdout(&o)
    );
    // The pack's rule runs on the configured sources; report goes to report_dir.
    let o = run_in(proj, &["report"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = std::fs::read_to_string(proj.join("out/articles.md")).unwrap();
    assert!(md.contains("tourism.arrivals"), "{md}");
    assert!(proj.join("out/articles.html").is_file());
    assert!(proj.join("out/articles.json").is_file());
    std::fs::write(proj.join("crosscheck.toml"), "threshold = \"huge\"\n").unwrap();
    let o = run_in(proj, &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("crosscheck.toml:1:13"),
        "{}",
        stderr(&o)
    );
}

fn assert_error(fixture: &str, place: &str, code: &str) {
    let rules = format!("tests/fixtures/errors/{fixture}");
    let o = run(&["rules", "test", &rules]);
    assert_eq!(o.status.code(), Some(2), "{fixture}: {}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(&format!("error[{code}]")), "{fixture}: {err}");
    assert!(
        err.contains(&format!(
            "┌─ tests/fixtures/errors/{fixture}/rules.toml:{place}"
        )),
        "{fixture}: {err}"
    );
}

#[test]
fn wrong_type_is_placed() {
    assert_error("wrong-type", "5:12", "toml-syntax");
}

#[test]
fn tolerance_out_of_range_is_placed() {
    assert_error("tolerance", "5:13", "rule-invalid");
}

#[test]
fn columns_count_characters_in_arabic_lines() {
    assert_error("arabic-column", "5:32", "rule-unknown-slot");
}

#[test]
fn five_errors_are_reported_in_one_run() {
    let o = run(&[
        "check",
        "--rules",
        "tests/fixtures/errors/five-errors",
        "--sources",
        "tests/fixtures/sources",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for (place, code) in [
        ("a.toml:7:1", "toml-syntax"),
        ("a.toml:14:14", "rule-invalid-regex"),
        ("a.toml:20:30", "rule-unknown-slot"),
        ("a.toml:29:6", "rule-duplicate-id"),
        ("b.toml:5:13", "rule-invalid"),
    ] {
        assert!(
            err.contains(&format!("┌─ tests/fixtures/errors/five-errors/{place}")),
            "{place}: {err}"
        );
        assert!(err.contains(&format!("error[{code}]")), "{code}: {err}");
    }
    assert!(err.contains("crosscheck: 5 errors in the input"), "{err}");
}

#[test]
fn a_rule_that_matches_nothing_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.toml"),
        "[[rule]]\nid = \"never\"\ntitle = \"Never\"\nkind = \"money\"\npatterns = [\"zzzz{money}\"]\n\n[[rule]]\nid = \"trade\"\ntitle = \"Trade\"\nkind = \"money\"\npatterns = [\"Trade[^.]{0,40}?{money}\"]\n",
    )
    .unwrap();
    let o = run(&[
        "check",
        "--rules",
        dir.path().to_str().unwrap(),
        "--sources",
        "tests/fixtures/sources",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning[rule-matches-nothing]: rule `never` matches nothing in any source"),
        "{err}"
    );
    assert!(err.contains("r.toml:2:6"), "{err}");
}

#[test]
fn adjustments_and_known_causes_show_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.toml"),
        r#"[[rule]]
id = "trade"
title = "Trade"
kind = "money"
key = ["period"]
patterns = ["(?:trade|exports|imports)[^.]{0,60}?{money}"]
known_causes = ["CIF/FOB: importers value goods with freight and insurance"]

[rule.attribution]
"Importer" = ["the importer"]
"Exporter" = ["the exporter"]

[rule.adjust]
"Importer" = { factor = 0.5, note = "test factor" }
"#,
    )
    .unwrap();
    let src = tempfile::tempdir().unwrap();
    std::fs::write(
        src.path().join("a.txt"),
        "According to the importer, imports reached $200 million in 2024.\n",
    )
    .unwrap();
    std::fs::write(
        src.path().join("b.txt"),
        "According to the exporter, exports reached $100 million in 2024.\n",
    )
    .unwrap();
    let o = run(&[
        "check",
        "--rules",
        dir.path().to_str().unwrap(),
        "--sources",
        src.path().to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "200 × 0.5 agrees with 100: {}",
        stdout(&o)
    );
    let out = stdout(&o);
    assert!(
        out.contains("Importer: 200M USD (adjusted: 100M USD, test factor)"),
        "{out}"
    );
    std::fs::write(
        src.path().join("b.txt"),
        "According to the exporter, exports reached $300 million in 2024.\n",
    )
    .unwrap();
    let o = run(&[
        "check",
        "--rules",
        dir.path().to_str().unwrap(),
        "--sources",
        src.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o)
            .contains("known cause: CIF/FOB: importers value goods with freight and insurance"),
        "{}",
        stdout(&o)
    );
}

/// Every problem of every rule file in one run: a syntax error in one file
/// hides nothing in another; unknown fields, a field of the wrong type and
/// an invalid regex in one rule hide neither each other nor the other
/// rules' problems; the rule with unknown fields still takes part in
/// duplicate detection.
#[test]
fn every_problem_of_every_file_is_reported_at_once() {
    let o = run(&["rules", "test", "tests/fixtures/errors/every-problem"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let want = [
        ("a.toml:4:25", "toml-syntax", "invalid basic string"),
        ("b.toml:6:1", "toml-syntax", "unknown field `tolerence`"),
        ("b.toml:7:1", "toml-syntax", "unknown field `colour`"),
        (
            "b.toml:8:14",
            "rule-invalid-regex",
            "rule `trade.volume`: invalid regex",
        ),
        (
            "b.toml:11:6",
            "rule-duplicate-id",
            "rule id `trade.volume` is already used at tests/fixtures/errors/every-problem/b.toml:3",
        ),
        (
            "b.toml:14:30",
            "rule-unknown-slot",
            "rule `trade.volume`: unknown slot `{monney}`",
        ),
        ("b.toml:20:12", "toml-syntax", "invalid type: integer `5`"),
        ("b.toml:21:13", "rule-invalid", "invalid tolerance `lots`"),
        (
            "b.toml:22:16",
            "toml-syntax",
            "invalid type: string \"not a list\"",
        ),
        ("b.toml:34:12", "rule-invalid", "adjust names `Nobody`"),
        (
            "b.toml:43:9",
            "rule-invalid",
            "rule `trade.kind`: [rule.categories] `raw` has the empty phrase",
        ),
        (
            "b.toml:44:14",
            "rule-invalid",
            "rule `trade.kind`: [rule.categories] `finished` has no phrases",
        ),
    ];
    let mut at = 0;
    for (place, code, message) in want {
        let head = format!("error[{code}]: {message}");
        let found = err[at..]
            .find(&head)
            .unwrap_or_else(|| panic!("`{head}` (in file order) in\n{err}"));
        at += found;
        let place = format!("┌─ tests/fixtures/errors/every-problem/{place}\n");
        assert!(err[at..].contains(&place), "{place}: {err}");
    }
    assert!(
        !err.contains("has no patterns"),
        "a field of the wrong type is reported once, not again as missing: {err}"
    );
    assert!(err.contains("crosscheck: 12 errors in the input"), "{err}");
}

#[test]
fn a_users_entities_in_the_config_are_slots_and_parties() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir_all(p.join("rules")).unwrap();
    std::fs::create_dir_all(p.join("articles")).unwrap();
    let rule = r#"[[rule]]
id = "company.revenue"
title = "A company's annual revenue"
kind = "money"
key = ["party", "period"]
patterns = ["{company}[^.]{0,60}?revenue[^.]{0,40}?{money}", "إيرادات[^.]{0,40}?{money}"]

[rule.parties]
kind = "company"

[[rule.example]]
text = "Elbit Systems reported revenue of $6.8 billion in 2024."
value = "6800000000 USD"
key = { party = "Elbit Systems", period = "2024" }
"#;
    std::fs::write(p.join("rules/company.toml"), rule).unwrap();
    std::fs::write(
        p.join("articles/a.txt"),
        "Elbit Systems reported revenue of $6.8 billion in 2024, up 14%.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("articles/b.txt"),
        "بلغت إيرادات إلبيت 6.1 مليار دولار في عام 2024.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("articles/c.txt"),
        "Rafael reported revenue of $4.8 billion in 2024.\n",
    )
    .unwrap();
    // Without the list, `{company}` is no slot the rule can use.
    std::fs::write(
        p.join("crosscheck.toml"),
        "rules = [\"rules\"]\nsources = [\"articles\"]\n",
    )
    .unwrap();
    let o = run_in(p, &["check", "--no-cache"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("{company}") || stderr(&o).contains("company"),
        "{}",
        stderr(&o)
    );
    // With it, both spellings are one party and the two figures conflict;
    // a company the list does not know is no party.
    std::fs::write(
        p.join("crosscheck.toml"),
        "rules = [\"rules\"]\nsources = [\"articles\"]\n\n[[entity]]\nkind = \"company\"\nid = \"elbit\"\nname = \"Elbit Systems\"\nnames = [\"Elbit\", \"إلبيت\"]\n",
    )
    .unwrap();
    let o = run_in(
        p,
        &[
            "check",
            "--no-cache",
            "--width",
            "200",
            "--threshold",
            "minor",
        ],
    );
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}\n{}", stderr(&o));
    assert!(out.contains("Elbit Systems · 2024"), "{out}");
    assert!(
        out.contains("6.8B USD") && out.contains("6.1B USD"),
        "{out}"
    );
    assert!(!out.contains("4.8B USD [c.txt"), "{out}");
    let o = run_in(p, &["rules", "test"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn explain_says_when_a_headline_restates_an_attributed_figure() {
    let o = run(&[
        "explain",
        "trade.volume",
        "mixed/ru_az_il_interfax:1",
        "tests/fixtures/mixed",
        "rules",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains("FACT statistics of Azerbaijan · key total · Azerbaijan–Israel · 2025-01..2025-09 · 1320000000 USD"),
        "{out}"
    );
    assert!(
        out.contains("origin: statistics of Azerbaijan, which the source names for the same figure elsewhere (this is its restatement)"),
        "{out}"
    );
}
