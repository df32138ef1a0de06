//! The HTML report: the seeds' page as a snapshot, its structure counted
//! without a DOM, and a hostile corpus whose text must reach the page as
//! text only (no element, no attribute, no link of its own).

use crosscheck::report::{Format, Style, render};
use crosscheck::{Engine, Options, Run, rules};

fn build(sources: &str) -> Run {
    let mut diags = Vec::new();
    let set = rules::load(&["rules".into()], &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let engine = Engine::new(set).unwrap_or_else(|d| panic!("{d:?}"));
    let mut run = engine.run(&[sources.into()], &Options::default());
    run.load_quotes(false);
    run
}

fn html(run: &Run) -> String {
    let mut out = Vec::new();
    render(run, Format::Html, &Style::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn seeds() -> &'static (Run, String) {
    static SEEDS: std::sync::OnceLock<(Run, String)> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let run = build("seeds");
        assert!(run.diagnostics.is_empty(), "{:?}", run.diagnostics);
        let page = html(&run);
        (run, page)
    })
}

/// Every tag of the page (from `<` to the next `>`): text from sources is
/// escaped, so a `<` in the page always opens markup the renderer wrote.
fn tags(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').map_or(rest.len(), |j| i + j + 1);
        out.push(&rest[i..end]);
        rest = &rest[end..];
    }
    out
}

fn attr_values<'a>(page: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!(" {name}=\"");
    page.match_indices(&pat)
        .map(|(i, _)| {
            let from = i + pat.len();
            let to = page[from..].find('"').unwrap() + from;
            &page[from..to]
        })
        .collect()
}

#[test]
fn the_seeds_page() {
    let (_, page) = seeds();
    insta::assert_snapshot!("seeds_html", page);
}

#[test]
fn the_seeds_page_has_a_section_per_conflict_and_charts_and_no_script() {
    let (run, page) = seeds();
    let conflicts = run.conflicts().count();
    assert_eq!(conflicts, 8);
    assert_eq!(
        page.matches("<section class=\"finding conflict").count(),
        conflicts
    );
    assert_eq!(
        page.matches("<section class=\"finding").count(),
        run.findings.len()
    );
    assert!(page.contains(&format!("data-conflicts=\"{conflicts}\"")));
    assert!(page.matches("<svg").count() > 0);
    assert!(!page.to_ascii_lowercase().contains("<script"));
    // Self-contained: nothing fetched, and the policy says so.
    assert!(page.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    ));
    for t in tags(page) {
        let t = t.to_ascii_lowercase();
        assert!(
            !t.contains("http:") && !t.contains("https:") || t.contains("xmlns"),
            "{t}"
        );
        assert!(!t.starts_with("<link") && !t.starts_with("<iframe"), "{t}");
    }
    // The page is English, left to right; quotes take their own direction.
    assert!(page.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert_eq!(
        page.matches("<blockquote class=\"quote\" dir=\"auto\"")
            .count(),
        run.findings
            .iter()
            .map(|f| f.facts().count())
            .sum::<usize>()
    );
    // The Israeli figure for the first eight months of 2025, marked in its
    // quote, and linked to its line.
    assert!(page.contains("<mark>نحو 34 مليون دولار</mark>"), "{page}");
    assert!(page.contains(
        "<a class=\"src\" href=\"seeds/001_bae31eafe5fea3ea.txt#L31\"><code><bdi>seeds/001_bae31eafe5fea3ea.txt</bdi>:31:155</code></a>"
    ));
    // A period chart for the trade volume, one line per statistics office.
    let trade = page
        .split("<figure class=\"chart period\" data-rule=\"trade.volume\">")
        .nth(1)
        .expect("a period chart of trade.volume")
        .split("</figure>")
        .next()
        .unwrap();
    for label in [
        "statistics of Israel",
        "statistics of Kazakhstan",
        "2020",
        "2022",
        "2025-01..2025-08",
    ] {
        assert!(
            trade.contains(&format!(">\n{label}\n</text>")),
            "{label} in {trade}"
        );
    }
    // Rules no source states are said to be so.
    for r in &run.rules {
        assert!(r.sources > 0, "{} is stated in the seeds", r.id);
    }
}

#[test]
fn the_page_is_the_same_every_time() {
    let (run, page) = seeds();
    assert_eq!(&html(run), page);
    assert_eq!(&html(&build("seeds")), page);
}

#[test]
fn hostile_source_text_stays_text() {
    let run = build("tests/fixtures/hostile_html");
    // The hostile sentences are read as facts, so their text reaches quotes.
    assert_eq!(run.conflicts().count(), 1);
    assert_eq!(run.facts, 4);
    let page = html(&run);
    let lower = page.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{page}");
    assert!(!page.contains('\u{202E}'));
    for t in tags(&page) {
        let t = t.to_ascii_lowercase();
        assert!(!t.contains("onerror"), "{t}");
        assert!(!t.contains("javascript:"), "{t}");
        assert!(!t.starts_with("<img") && !t.starts_with("<script"), "{t}");
    }
    // No link names a scheme: only fragments and (percent-encoded) paths.
    let scheme = regex::Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:").unwrap();
    let hrefs = attr_values(&page, "href");
    assert!(hrefs.len() > 4);
    for h in hrefs {
        assert!(!scheme.is_match(h), "{h}");
    }
    // The text is there, escaped: in quotes, with the value marked...
    assert!(page.contains(
        "<mark>$79 million</mark> in 2022 &lt;script&gt;document.title='PWNED'&lt;/script&gt; &lt;img src=x onerror=&quot;"
    ), "{page}");
    assert!(page.contains(
        "<mark>$883 million</mark> in 2022 &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;  ]]&gt;."
    ));
    // ...and in the charts' labels, where plotters escapes it.
    assert!(
        page.contains(">\nsource c&lt;/text&gt;&lt;script&gt;&amp;amp;\n</text>"),
        "{page}"
    );
    // The manifest's fields are text too.
    assert!(page.contains("<td dir=\"auto\">&lt;img src=x onerror="));
    // Eleven bundled rules have no fact here.
    assert_eq!(
        page.matches("<td class=\"notstated\">not stated</td>")
            .count(),
        11
    );
}

#[test]
fn no_element_has_an_attribute_twice() {
    let (_, page) = seeds();
    let attr = regex::Regex::new(r#"\s([A-Za-z][A-Za-z0-9:-]*)="[^"]*""#).unwrap();
    for t in tags(page) {
        let mut names: Vec<&str> = attr
            .captures_iter(t)
            .map(|c| c.get(1).unwrap().as_str())
            .collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "{t}");
    }
}

#[test]
fn accepted_conflicts_stay_visible_with_their_reason() {
    use crosscheck::finding::Status;
    let (run, _) = seeds();
    let mut run = run.clone();
    let mut conflicts = run.findings.iter_mut().filter(|f| f.verdict.is_conflict());
    let a = conflicts.next().unwrap();
    a.status = Status::Suppressed {
        reason: "<b>CIF/FOB</b>, see the note".into(),
        at: "crosscheck.toml:12:1".into(),
        expires: None,
    };
    let a_id = format!("f-{}", a.fingerprint());
    let b = conflicts.next().unwrap();
    b.status = Status::Baselined {
        reason: "known since 2024".into(),
    };
    let b_id = format!("f-{}", b.fingerprint());
    run.baseline = Some("crosscheck-baseline.toml".into());
    run.stale = vec![crosscheck::triage::baseline::Entry {
        rule: "trade.volume".into(),
        key: vec![("period".into(), "2019".into())],
        grade: "major".into(),
        values: vec!["statistics of Israel: 1M USD".into()],
        reason: "gone".into(),
        line: 3,
        at: 0,
    }];
    let page = html(&run);
    let section = |id: &str| {
        let start = page.find(&format!("id=\"{id}\"")).unwrap();
        page[start..]
            .split("</section>")
            .next()
            .unwrap()
            .to_string()
    };
    let a = section(&a_id);
    assert!(a.contains("data-status=\"suppressed\""), "{a}");
    assert!(a.contains("<strong>Suppressed</strong> at <code><bdi>crosscheck.toml:12:1</bdi></code>: <bdi dir=\"auto\">&lt;b&gt;CIF/FOB&lt;/b&gt;, see the note</bdi>"), "{a}");
    let b = section(&b_id);
    assert!(b.contains("data-status=\"baselined\""), "{b}");
    assert!(
        b.contains("<strong>Baselined</strong>: <bdi dir=\"auto\">known since 2024</bdi>"),
        "{b}"
    );
    // Still conflict sections, marked accepted.
    assert_eq!(
        page.matches("<section class=\"finding conflict accepted\"")
            .count(),
        2
    );
    assert_eq!(page.matches("<section class=\"finding conflict").count(), 8);
    assert!(page.contains("Baseline: <code><bdi>crosscheck-baseline.toml</bdi></code>"));
    assert!(page.contains("Stale baseline entries (1)"));
    assert!(page.contains("<bdi>statistics of Israel: 1M USD</bdi>"));
    // The summary counts them.
    assert!(
        page.contains(
            "<div class=\"card\" data-count=\"suppressed\"><dt>suppressed</dt><dd>1</dd></div>"
        ),
        "{page}"
    );
}
