//! JUnit XML: a test suite per rule, a test case per compared fact (a
//! finding: rule and key), so any CI's test view shows which facts the
//! sources agree on and which they contradict.
//!
//! - a conflict that fails the check is a `<failure>` (its message: the
//!   values by origin and the gap; its body: the quotes);
//! - a suppressed or baselined conflict is `<skipped>`, with its reason;
//! - an unresolved finding is `<skipped>` (it could not be compared);
//! - a rule no source states is one `<skipped>` case, "not stated": never a
//!   pass;
//! - conflicts that only warn, agreements and single sources pass; a
//!   warning says so in `<system-out>`.
//!
//! Every text is escaped for XML 1.0 (`&`, `<`, `>`, quotes), and the
//! characters XML 1.0 cannot hold (most C0 controls, U+FFFE, U+FFFF) are
//! written as `\u{…}`; no CDATA.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{origin_name, place, side};
use crate::fact::key_label;
use crate::finding::{Finding, Status, Verdict};
use crate::run::Run;

/// Text or an attribute value for XML 1.0.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.extend(c.escape_unicode())
            }
            c => out.push(c),
        }
    }
    out
}

/// What a finding's case holds: a failure, a skip, or nothing.
enum Outcome {
    Pass,
    Failure(String),
    Skipped(String),
}

fn outcome(run: &Run, f: &Finding) -> Outcome {
    match (&f.verdict, &f.status) {
        (Verdict::Conflict(_), Status::Suppressed { reason, .. }) => {
            Outcome::Skipped(format!("suppressed: {reason}"))
        }
        (Verdict::Conflict(_), Status::Baselined { reason }) => {
            Outcome::Skipped(format!("in the baseline: {reason}"))
        }
        (Verdict::Unresolved, _) => {
            Outcome::Skipped(format!("unresolved, not compared: {}", f.note))
        }
        _ if f.fails() => {
            let sides: Vec<String> = f.facts().map(|fact| side(run, f, fact)).collect();
            let gap = f.gap.map_or(String::new(), |g| format!("; gap {g}"));
            Outcome::Failure(format!("{}: {}{gap}", f.verdict, sides.join(" vs ")))
        }
        _ => Outcome::Pass,
    }
}

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let s = run.summary();
    let mut body = String::new();
    let (mut tests, mut failures, mut skipped) = (0usize, 0usize, 0usize);
    for rule in &run.rules {
        let findings: Vec<&Finding> = run.findings.iter().filter(|f| f.rule == rule.id).collect();
        let mut cases = String::new();
        let (mut t, mut fl, mut sk) = (0usize, 0usize, 0usize);
        if findings.is_empty() {
            t += 1;
            sk += 1;
            let _ = writeln!(
                cases,
                "    <testcase classname=\"{}\" name=\"not stated\">\n      <skipped message=\"not stated: no source states this fact\"/>\n    </testcase>",
                xml(&rule.id)
            );
        }
        for f in findings {
            t += 1;
            let _ = writeln!(
                cases,
                "    <testcase classname=\"{}\" name=\"{}\">",
                xml(&f.rule),
                xml(&key_label(&f.key))
            );
            match outcome(run, f) {
                Outcome::Failure(message) => {
                    fl += 1;
                    let mut quotes = String::new();
                    for fact in f.facts() {
                        let _ = writeln!(
                            quotes,
                            "{} ({}): {}",
                            origin_name(run, &fact.origin),
                            place(run, fact),
                            fact.quote.text()
                        );
                    }
                    let _ = writeln!(
                        cases,
                        "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                        f.verdict.code(),
                        xml(&message),
                        xml(&quotes)
                    );
                }
                Outcome::Skipped(message) => {
                    sk += 1;
                    let _ = writeln!(cases, "      <skipped message=\"{}\"/>", xml(&message));
                }
                Outcome::Pass => {}
            }
            let mut said = format!("{}", f.verdict);
            if f.warns() {
                said.push_str(" (warning)");
            }
            if !f.note.is_empty() {
                said.push_str(&format!(": {}", f.note));
            }
            let _ = writeln!(cases, "      <system-out>{}</system-out>", xml(&said));
            cases.push_str("    </testcase>\n");
        }
        tests += t;
        failures += fl;
        skipped += sk;
        let _ = writeln!(
            body,
            "  <testsuite name=\"{}\" tests=\"{t}\" failures=\"{fl}\" errors=\"0\" skipped=\"{sk}\">",
            xml(&rule.id)
        );
        let _ = writeln!(
            body,
            "    <properties>\n      <property name=\"title\" value=\"{}\"/>\n      <property name=\"sources stating it\" value=\"{}\"/>\n    </properties>",
            xml(&rule.title),
            rule.sources
        );
        body.push_str(&cases);
        body.push_str("  </testsuite>\n");
    }
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"crosscheck\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">"
    )?;
    writeln!(
        out,
        "  <!-- {} -->",
        xml(&s.line(run.fail_on)).replace("--", "&#45;&#45;")
    )?;
    out.write_all(body.as_bytes())?;
    writeln!(out, "</testsuites>")
}
