//! The HTML report: one self-contained file, to open in a browser or attach
//! to a build.
//!
//! Inline CSS and inline SVG charts (`chart`); no script, no font, nothing
//! fetched: a strict Content-Security-Policy says so as a second line of
//! defence. Every text from sources (quotes, origin names, titles, file
//! names) goes through maud, which escapes it, after `clean` (controls shown
//! escaped, bidi overrides dropped); source text sits in `<bdi>` or an
//! element with `dir="auto"`, so an Arabic quote reads right to left
//! without reordering the English around it. Links to sources are built
//! from their paths, percent-encoded, so no scheme (`javascript:`) can come
//! from a file name. Deterministic: no timestamps, findings in run order.

use std::io::{self, Write};
use std::path::Path;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::chart;
use crate::diag::Severity;
use crate::fact::{Fact, Quote, key_label};
use crate::finding::{Finding, Status, Verdict};
use crate::run::Run;

/// The page's policy: nothing loads, nothing runs; styles inline, images
/// only from data URIs.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = r#"
:root { color-scheme: light; --fg: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --bg2: #f5f6f8;
  --major: #b3261e; --discrepancy: #c25e00; --minor: #8a6d00; --ok: #1e7f4f; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Naskh Arabic", sans-serif;
  color: var(--fg); margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { margin: 0 0 .5rem; font-size: 1.1rem; overflow-wrap: anywhere; }
a, .cite, .line { overflow-wrap: anywhere; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
.line { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: .5rem; margin: 1rem 0; padding: 0; }
.card { background: var(--bg2); border-radius: 8px; padding: .5rem .75rem; margin: 0; }
.card dt { color: var(--muted); font-size: .8rem; }
.card dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
.card.bad dd { color: var(--major); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
.finding { border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.25rem; margin: 1rem 0; }
.finding.conflict { border-left: 6px solid var(--major); }
.finding.accepted { opacity: .8; border-left-color: var(--muted); border-style: dashed; }
.badges { display: flex; flex-wrap: wrap; gap: .35rem; margin: .25rem 0 .75rem; padding: 0; list-style: none; }
.badge { border-radius: 999px; padding: .05rem .6rem; font-size: .8rem; background: var(--bg2); border: 1px solid var(--line); }
.v-conflict-major, .l-failure { background: #fde7e5; border-color: var(--major); color: var(--major); }
.v-conflict-discrepancy, .l-warning { background: #fff0e0; border-color: var(--discrepancy); color: var(--discrepancy); }
.v-conflict-minor, .l-note { background: #fff8d6; border-color: var(--minor); color: var(--minor); }
.v-agree { background: #e3f4ea; border-color: var(--ok); color: var(--ok); }
.s-suppressed, .s-baselined { background: #eceff1; border-color: var(--muted); color: var(--muted); }
.s-new, .s-changed { background: #e8eefc; border-color: #3558c9; color: #3558c9; }
.reason { background: var(--bg2); border-left: 4px solid var(--muted); padding: .4rem .75rem; margin: .5rem 0; }
.causes { color: var(--muted); }
blockquote.quote { overflow-wrap: anywhere; margin: .5rem 0; padding: .5rem .75rem; background: var(--bg2); border-radius: 6px; border-inline-start: 4px solid var(--line); }
blockquote.quote mark { background: #ffe27a; padding: 0 .15em; border-radius: 3px; font-weight: 600; }
.cite { font-size: .85rem; color: var(--muted); margin: -.25rem 0 .75rem; }
figure { margin: .75rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
.notstated { color: var(--muted); font-style: italic; }
.diag-error { color: var(--major); font-weight: 600; }
.diag-warning { color: var(--discrepancy); font-weight: 600; }
nav ul { columns: 2; }
"#;

/// Text from input, for the page: controls shown escaped, bidi embeddings
/// and overrides dropped (they could reorder the page around them); maud
/// escapes the rest.
fn clean(s: &str) -> String {
    crate::escape::terminal(s)
}

/// The link to a source's line: its path as given, percent-encoded, so it
/// is always a relative path or a `file:` URL and never names a scheme of
/// its own; `#L{line}` for viewers that take it.
pub fn source_href(path: &Path, line: usize, base: &Path) -> String {
    // A relative path is relative to where the run was made; `base` leads
    // there from the page's folder.
    let joined;
    let path = if path.is_relative() && !base.as_os_str().is_empty() {
        joined = base.join(path);
        joined.as_path()
    } else {
        path
    };
    let raw = path.to_string_lossy();
    let mut out = String::new();
    let rest: &str = if path.is_absolute() {
        out.push_str("file:///");
        raw.trim_start_matches(['/', '\\'])
    } else {
        &raw
    };
    for b in rest.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            b'\\' => out.push('/'),
            // A drive letter's colon after `file:///` names no scheme.
            b':' if path.is_absolute() => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    // A relative path that would start `//` is a host; one that is empty
    // is the page itself.
    if !path.is_absolute() && (out.starts_with("//") || out.is_empty()) {
        out.insert_str(0, "./");
    }
    out.push_str(&format!("#L{line}"));
    out
}

/// Renders the run as one HTML page.
pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    render_from(run, Path::new(""), out)
}

/// Renders the page for a file in another folder than the one the run
/// was made in: `base` is the way from the page's folder to it (`..` for
/// `reports/seeds.html`), so links to sources resolve from the page.
pub fn render_from(run: &Run, base: &Path, out: &mut dyn Write) -> io::Result<()> {
    let page = page(run, base)?.into_string();
    out.write_all(lines(&page).as_bytes())?;
    out.write_all(b"\n")
}

/// The page with a line break after the end tags of blocks, so a diff of
/// two reports reads line by line. Safe on maud's output: every `<` of
/// text is escaped, so each `</tr>` in it is an end tag the renderer wrote.
fn lines(page: &str) -> String {
    const ENDS: &[&str] = &[
        "</section>",
        "</tr>",
        "</figure>",
        "</li>",
        "</p>",
        "</h2>",
        "</h3>",
        "</thead>",
        "</table>",
        "</header>",
        "</nav>",
        "</div>",
        "</style>",
        "</title>",
        "<body>",
        "<tbody>",
    ];
    let mut out = String::with_capacity(page.len() + page.len() / 40);
    let mut rest = page;
    while let Some(i) = rest.find("</").into_iter().chain(rest.find("<b")).min() {
        let tail = &rest[i..];
        match ENDS.iter().find(|e| tail.starts_with(**e)) {
            Some(e) => {
                out.push_str(&rest[..i + e.len()]);
                if !rest[i + e.len()..].starts_with('\n') {
                    out.push('\n');
                }
                rest = &rest[i + e.len()..];
            }
            None => {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn page(run: &Run, base: &Path) -> io::Result<Markup> {
    let s = run.summary();
    let period_charts = chart::periods(run)?;
    let conflicts: Vec<&Finding> = run.conflicts().collect();
    let others: Vec<&Finding> = run
        .findings
        .iter()
        .filter(|f| !f.verdict.is_conflict())
        .collect();
    let mut finding_charts = Vec::with_capacity(run.findings.len());
    for f in conflicts.iter().chain(&others) {
        finding_charts.push(chart::finding(f)?);
    }
    let (conflict_charts, other_charts) = finding_charts.split_at(conflicts.len());
    let cards: Vec<(&str, usize, bool)> = [
        ("facts", s.facts, false),
        ("findings", s.findings, false),
        ("conflicts", s.conflicts(), s.conflicts() > 0),
        ("major", s.major, s.major > 0),
        ("discrepancy", s.discrepancy, s.discrepancy > 0),
        ("minor", s.minor, s.minor > 0),
        ("agree", s.agree, false),
        ("single source", s.single, false),
        ("unresolved", s.unresolved, false),
        ("failing", s.failing, s.failing > 0),
        ("warnings", s.warning, false),
        ("baselined", s.baselined, false),
        ("suppressed", s.suppressed, false),
        ("new", s.new, false),
        ("changed", s.changed, false),
        ("rules not stated", s.not_stated, false),
        ("skipped files", s.skipped, s.skipped > 0),
    ]
    .into_iter()
    .filter(|(name, n, _)| {
        *n > 0
            || matches!(
                *name,
                "facts" | "findings" | "conflicts" | "agree" | "single source" | "failing"
            )
    })
    .collect();
    Ok(html! {
        (DOCTYPE)
        html lang="en" dir="ltr" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="referrer" content="no-referrer";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="crosscheck";
                title { "crosscheck report" }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    h1 { "crosscheck report" }
                    p.line { (clean(&s.line(run.fail_on))) }
                }
                section #summary .summary
                    data-conflicts=(s.conflicts())
                    data-findings=(s.findings)
                    data-failing=(s.failing)
                    data-fail-on=(run.fail_on.name()) {
                    h2 { "Summary" }
                    dl.cards {
                        @for (name, n, bad) in &cards {
                            div.card.bad[*bad] data-count=(name) {
                                dt { (name) }
                                dd { (n) }
                            }
                        }
                    }
                    p {
                        (run.sources.len()) " sources, " (run.rules.len()) " rules. "
                        "Conflicts fail " code { "check" } " from grade "
                        strong { (run.fail_on.name()) } " up, unless a rule sets its own."
                    }
                    @if let Some(b) = &run.baseline {
                        p.baseline {
                            "Baseline: " code { bdi { (clean(&b.to_string_lossy())) } }
                        }
                    }
                    @if !run.stale.is_empty() {
                        div.stale {
                            h3 { "Stale baseline entries (" (run.stale.len()) ")" }
                            p { "The baseline lists these conflicts; none matches them any more." }
                            table {
                                thead { tr { th { "Fact" } th { "Key" } th { "Grade" } th { "Values" } th { "Reason" } } }
                                tbody {
                                    @for e in &run.stale {
                                        tr {
                                            td { code { (clean(&e.rule)) } }
                                            td { bdi { (clean(&key_label(&e.key))) } }
                                            td { (clean(&e.grade)) }
                                            td { @for v in &e.values { bdi { (clean(v)) } br; } }
                                            td dir="auto" { (clean(&e.reason)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    h3 { "Coverage" }
                    table.coverage {
                        thead { tr { th { "Rule" } th { "Title" } th { "Kind" } th { "Sources stating it" } th { "Facts" } th { "Warns from" } th { "Fails from" } } }
                        tbody {
                            @for r in &run.rules {
                                tr data-rule=(clean(&r.id)) {
                                    td { code { (clean(&r.id)) } }
                                    td dir="auto" { (clean(&r.title)) }
                                    td { (r.kind) }
                                    @if r.sources == 0 {
                                        td.notstated { "not stated" }
                                    } @else {
                                        td.num { (r.sources) }
                                    }
                                    td.num { (r.facts) }
                                    td { (r.warn.map_or("any conflict", |g| g.name())) }
                                    td { (r.fail.unwrap_or(run.fail_on).name()) }
                                }
                            }
                        }
                    }
                }
                @if !period_charts.is_empty() {
                    section #periods {
                        h2 { "Figures over time" }
                        @for c in &period_charts {
                            figure.chart.period data-rule=(clean(&c.rule)) {
                                figcaption {
                                    strong dir="auto" { (clean(&c.title)) } " "
                                    code { (clean(&c.rule)) } " — "
                                    bdi { (clean(&c.group)) } ": "
                                    "one line per origin over "
                                    (c.periods.len()) " periods; a bar is a hedged figure's range"
                                }
                                (PreEscaped(&c.svg))
                            }
                        }
                    }
                }
                nav #contents {
                    h2 { "Contents" }
                    ul {
                        @for f in conflicts.iter().chain(&others) {
                            li {
                                a href={ "#f-" (f.fingerprint()) } {
                                    (f.verdict.to_string()) ": " bdi { (clean(&f.title)) }
                                    @if !f.key.is_empty() { " — " bdi { (clean(&key_label(&f.key))) } }
                                }
                            }
                        }
                    }
                }
                section #conflicts {
                    h2 { "Conflicts (" (conflicts.len()) ")" }
                    @if conflicts.is_empty() { p { "No conflicts." } }
                    @for (f, svg) in conflicts.iter().zip(conflict_charts) {
                        (finding(run, f, svg.as_deref(), base))
                    }
                }
                section #findings {
                    h2 { "Other findings (" (others.len()) ")" }
                    @for (f, svg) in others.iter().zip(other_charts) {
                        (finding(run, f, svg.as_deref(), base))
                    }
                }
                section #sources {
                    h2 { "Sources (" (run.sources.len()) ")" }
                    table {
                        thead { tr { th { "Id" } th { "Title" } th { "Publisher" } th { "Date" } th { "Language" } th { "File" } } }
                        tbody {
                            @for src in &run.sources {
                                tr {
                                    td { code { (clean(&src.id)) } }
                                    td dir="auto" { (clean(&src.title)) }
                                    td dir="auto" { (clean(&src.publisher)) }
                                    td { (clean(&src.date_label())) }
                                    td { (clean(&src.language)) }
                                    td { a href=(source_href(&src.path, 1, base)) { code { bdi { (clean(&src.path.to_string_lossy())) } } } }
                                }
                            }
                        }
                    }
                }
                section #diagnostics {
                    h2 { "Diagnostics (" (run.diagnostics.len()) ")" }
                    @if run.diagnostics.is_empty() {
                        p { "None: every input was read." }
                    } @else {
                        table {
                            thead { tr { th { "Severity" } th { "Code" } th { "Where" } th { "Message" } } }
                            tbody {
                                @for d in &run.diagnostics {
                                    @let sev = match d.severity { Severity::Error => "error", Severity::Warning => "warning" };
                                    tr.diagnostic {
                                        td class={ "diag-" (sev) } { (sev) }
                                        td { code { (d.code) } }
                                        td { code { bdi { (clean(&d.file.to_string_lossy())) @if d.line > 0 { ":" (d.line) ":" (d.col) } } } }
                                        td dir="auto" {
                                            (clean(&d.message))
                                            @if let Some(h) = &d.help { br; small { "help: " (clean(h)) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}

/// One finding: its verdict and status, the values by origin, the chart,
/// and the quotes with the value marked.
fn finding(run: &Run, f: &Finding, svg: Option<&str>, base: &Path) -> Markup {
    let status = &f.status;
    html! {
        section.finding.conflict[f.verdict.is_conflict()].accepted[status.is_accepted()]
            #{ "f-" (f.fingerprint()) }
            data-rule=(clean(&f.rule))
            data-verdict=(f.verdict.code())
            data-level=(f.level.name())
            data-status=(status.code()) {
            h3 {
                bdi dir="auto" { (clean(&f.title)) }
                @if !f.key.is_empty() { " — " bdi { (clean(&key_label(&f.key))) } }
            }
            ul.badges {
                li class={ "badge v-" (f.verdict.code()) } { (f.verdict.to_string()) }
                @if let Verdict::Conflict(_) = f.verdict {
                    li class={ "badge l-" (f.level.name()) } { "level: " (f.level.name()) }
                    li class={ "badge s-" (status.code()) } { "status: " (status.code()) }
                }
                @if let Some(g) = f.gap { li.badge { "gap " (g.to_string()) } }
                li.badge { code { (clean(&f.rule)) } }
            }
            (status_note(status))
            @if !f.note.is_empty() { p.note dir="auto" { (clean(&f.note)) } }
            @if !f.known_causes.is_empty() {
                div.causes {
                    "Known causes:"
                    ul { @for c in &f.known_causes { li dir="auto" { (clean(c)) } } }
                }
            }
            @if let Some(svg) = svg {
                figure.chart.values {
                    (PreEscaped(svg))
                    figcaption { "The values by origin: a bar is a hedged or ranged value from its low to its high end, a dot its stated figure." }
                }
            }
            table.values {
                thead { tr { th { "Origin" } th { "Value" } th { "How the origin was found" } th { "Where" } } }
                tbody {
                    @for (origin, facts) in &f.origins {
                        @for fact in facts {
                            tr {
                                td { bdi { (clean(&origin.to_string())) } }
                                td {
                                    strong { bdi { (clean(&fact.value.display(f.multiplier))) } }
                                    @if let Some((adj, note)) = fact.adjusted.as_deref() {
                                        br; small { "adjusted: " bdi { (clean(&adj.display(f.multiplier))) } " (" bdi { (clean(note)) } ")" }
                                    }
                                }
                                td { (fact.found.describe()) }
                                td { (source_link(run, fact, base)) }
                            }
                        }
                    }
                }
            }
            div.quotes {
                @for (origin, facts) in &f.origins {
                    @for fact in facts {
                        (quote(run, &origin.to_string(), fact, base))
                    }
                }
            }
        }
    }
}

fn status_note(status: &Status) -> Markup {
    html! {
        @match status {
            Status::Suppressed { reason, at, expires } => {
                p.reason.suppressed {
                    strong { "Suppressed" } " at " code { bdi { (clean(at)) } }
                    @if let Some(d) = expires { " (expires " (d.to_string()) ")" }
                    ": " bdi dir="auto" { (clean(reason)) }
                }
            }
            Status::Baselined { reason } => {
                p.reason.baselined { strong { "Baselined" } ": " bdi dir="auto" { (clean(reason)) } }
            }
            Status::Changed { was, reason } => {
                p.reason.changed {
                    strong { "Changed since the baseline" } ", which listed: "
                    @for (i, v) in was.iter().enumerate() { @if i > 0 { "; " } bdi { (clean(v)) } }
                    @if !reason.is_empty() { ". Its reason: " bdi dir="auto" { (clean(reason)) } }
                }
            }
            Status::New => { p.reason.new { strong { "New" } ": the baseline does not list it." } }
            Status::Open => {}
        }
    }
}

/// `path:line:col`, linked to the line.
fn source_link(run: &Run, fact: &Fact, base: &Path) -> Markup {
    let q = &fact.quote;
    match run.source(&fact.source) {
        Some(src) => html! {
            a.src href=(source_href(&src.path, q.line, base)) {
                code { bdi { (clean(&src.path.to_string_lossy())) } ":" (q.line) ":" (q.col) }
            }
        },
        None => html! { code { bdi { (clean(&fact.source)) } ":" (q.line) ":" (q.col) } },
    }
}

/// The quote with its value in `<mark>`, each part cleaned and escaped on
/// its own.
fn quote(run: &Run, origin: &str, fact: &Fact, base: &Path) -> Markup {
    let q: &Quote = &fact.quote;
    let text = q.text();
    let (a, b) = q.value_range;
    let parts = (q.text.is_some())
        .then(|| Some((text.get(..a)?, text.get(a..b)?, text.get(b..)?)))
        .flatten();
    html! {
        figure.quote-block {
            blockquote.quote dir="auto" lang=(clean(&run.source(&fact.source).map_or(String::new(), |s| s.language.clone()))) {
                @if q.cut.0 { "…" }
                @match parts {
                    Some((pre, value, post)) => {
                        (clean(pre)) mark { (clean(value)) } (clean(post))
                    }
                    None if q.text.is_some() => { (clean(text)) }
                    None => { em { "(the quote could not be loaded)" } }
                }
                @if q.cut.1 { "…" }
            }
            figcaption.cite {
                "— " bdi { (clean(origin)) } ", " (source_link(run, fact, base))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_never_name_a_scheme() {
        assert_eq!(
            source_href(Path::new("seeds/001.txt"), 7, Path::new("")),
            "seeds/001.txt#L7"
        );
        assert_eq!(
            source_href(Path::new("seeds/001.txt"), 7, Path::new("..")),
            "../seeds/001.txt#L7"
        );
        assert_eq!(
            source_href(Path::new("/tmp/x.txt"), 3, Path::new("..")),
            "file:///tmp/x.txt#L3"
        );
        assert_eq!(
            source_href(Path::new("javascript:alert(1)"), 1, Path::new("")),
            "javascript%3Aalert%281%29#L1"
        );
        assert_eq!(
            source_href(Path::new("a b/\"x\"<y>.txt"), 2, Path::new("")),
            "a%20b/%22x%22%3Cy%3E.txt#L2"
        );
        assert_eq!(
            source_href(Path::new("/tmp/x.txt"), 3, Path::new("")),
            "file:///tmp/x.txt#L3"
        );
        assert_eq!(
            source_href(Path::new("//evil.example/x"), 3, Path::new("")),
            "file:///evil.example/x#L3"
        );
        assert_eq!(
            source_href(Path::new("ملف.txt"), 1, Path::new("")),
            "%D9%85%D9%84%D9%81.txt#L1"
        );
    }
}
