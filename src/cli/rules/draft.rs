//! `crosscheck rules new`: a draft rule from one sentence.
//!
//! The draft keeps what makes a figure comparable, so a new user's first
//! rule does not compare unlike things: the context words nearest the value
//! (never the words of a date or period, which the key reads on its own), a
//! `direction` dimension when the sentence names a flow (exports, imports,
//! total trade, "from X to Y"), and `period` in the key when it names a time,
//! with the words that carry it shown and a pattern that requires them.
//! Countries the sentence names become entity slots, never labels: the key
//! takes the `pair` (or the one `party`) from the text, `[rule.parties]`
//! names each side with `{country}` phrases of the sentence's language, and
//! a country's statistics named as the source are one attribution,
//! `"statistics of {country}"`, for every country. A sentence that names no
//! country gets the direction labels it names instead.
//! A draft that cannot read its own sentence is not handed out.

use std::fmt::Write as _;
use std::path::Path;

use crosscheck::diag::Diagnostic;
use crosscheck::rules::RuleKind;
use crosscheck::value::{Extracted, Kind};
use crosscheck::{Engine, fact::Fact};

use super::countries::{Countries, Hit};
use super::direction::{Named, direction, distance};
use super::words::{self, LangWords};

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A table key: bare when TOML allows it.
fn toml_key(s: &str) -> String {
    let bare = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare { s.to_string() } else { toml_str(s) }
}

fn toml_list(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", items.join(", "))
}

/// The rule's kind, or a usage error.
fn rule_kind(kind: &str) -> Result<RuleKind, Diagnostic> {
    let k = RuleKind::parse(kind).map(|(k, _)| k).ok_or_else(|| {
        Diagnostic::error(
            "usage",
            Path::new("--kind"),
            format!("unknown kind `{kind}`"),
        )
    })?;
    if k == RuleKind::Category {
        return Err(Diagnostic::error("usage", Path::new("--kind"), "a category rule needs its categories named by hand")
            .help("start from a money, count, percent, multiplier or date draft and change kind, or copy defense.beit-alfa.vehicle-kind"));
    }
    Ok(k)
}

/// The value the draft is about: the first of the rule's kind.
fn target<'v>(
    rule_kind: RuleKind,
    kind: &str,
    text: &str,
    values: &'v [Extracted],
) -> Result<&'v Extracted, Diagnostic> {
    let wanted = |e: &Extracted| match rule_kind {
        RuleKind::Money => e.kind == Kind::Money,
        RuleKind::Count => e.kind == Kind::Number,
        RuleKind::Percent => e.kind == Kind::Percent,
        RuleKind::Multiplier => e.kind == Kind::Multiplier,
        RuleKind::Quantity => e.kind == Kind::Quantity,
        _ => matches!(e.kind, Kind::Date | Kind::Period),
    };
    values.iter().find(|e| wanted(e)).ok_or_else(|| {
        let seen: Vec<String> = values
            .iter()
            .map(|e| {
                format!(
                    "{} «{}»",
                    crosscheck::fact::kind_name(e),
                    &text[e.start..e.end]
                )
            })
            .collect();
        Diagnostic::error(
            "usage",
            Path::new("--text"),
            format!("no {kind} value in the text"),
        )
        .help(if seen.is_empty() {
            "the grammars read no value at all; try `crosscheck values`".into()
        } else {
            format!("values read: {}", seen.join(", "))
        })
    })
}

/// The fact a draft reads in its own sentence, if any.
fn reads(
    toml: &str,
    id: &str,
    text: &str,
    anchor: Option<crosscheck::calendar::Day>,
    canonical: &str,
) -> Result<Option<Fact>, Diagnostic> {
    let mut diags = Vec::new();
    let set = crosscheck::rules::from_str(Path::new("draft.toml"), toml, &mut diags);
    if let Some(d) = diags.into_iter().find(Diagnostic::is_error) {
        return Err(d);
    }
    let engine = Engine::new(set).map_err(|mut d| d.remove(0))?;
    Ok(engine
        .match_text(id, text, anchor)
        .into_iter()
        .find(|f| f.value.canonical() == canonical))
}

/// A draft rule: the context words nearest the value, a slot in its place,
/// the direction and period it is keyed by, and the sentence as a positive
/// example.
pub fn draft(
    kind: &str,
    text: &str,
    id: Option<&str>,
    anchor: Option<crosscheck::calendar::Day>,
) -> Result<String, Diagnostic> {
    let rule_kind = rule_kind(kind)?;
    let norm = crosscheck::text::Normalized::new(text);
    let t = norm.text.as_str();
    let orig = |a: usize, b: usize| text[norm.orig_start(a)..norm.orig_end(b, text)].to_string();
    let values = crosscheck::extract::read(t, anchor, crosscheck::extract::all_languages());
    let slot = rule_kind.value_slots()[0];
    let v = target(rule_kind, kind, t, &values)?;
    // The time the figure is about: the nearest other date or period.
    let period = (rule_kind != RuleKind::Date)
        .then(|| {
            values
                .iter()
                .filter(|e| !std::ptr::eq(*e, v) && matches!(e.kind, Kind::Date | Kind::Period))
                .min_by_key(|e| distance((v.start, v.end), (e.start, e.end)))
        })
        .flatten();
    // The countries it names: the parties of the figure, and the one whose
    // statistics stand behind it.
    let countries = Countries::find(t);
    let lang = words::language(t);
    let authority = countries.hits(t, words::of(lang).statistics);
    let authority_spans: Vec<(usize, usize)> = authority.iter().map(|h| h.span).collect();
    let (parties, party_spans) = countries.parties(&authority_spans);
    let direction = (rule_kind != RuleKind::Date)
        .then(|| direction(t, (v.start, v.end), &orig, !parties.is_empty()))
        .flatten();
    let sides = (parties.len() >= 2).then(|| {
        sides(
            &countries,
            t,
            (v.start, v.end),
            words::of(direction.as_ref().map_or(lang, |d| d.lang)),
            direction.is_some(),
        )
    });
    // Context: up to three content words before the value (else after it),
    // none inside another value or naming a party or an authority: a
    // period's words ("году", "months") and the countries are read by the
    // key, not the pattern. The direction word is always one.
    let side_spans = sides
        .iter()
        .flat_map(|sd| [&sd.from_hit, &sd.to_hit])
        .flatten()
        .map(|h| h.span);
    let key_spans: Vec<(usize, usize)> = party_spans
        .iter()
        .chain(&authority_spans)
        .copied()
        .chain(side_spans)
        .collect();
    let words = |from: usize, to: usize| -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut at = from;
        for w in t[from..to].split(|c: char| !c.is_alphabetic()) {
            let start = at;
            at += w.len() + t[at + w.len()..].chars().next().map_or(0, char::len_utf8);
            let inside = values.iter().any(|e| start >= e.start && start < e.end)
                || key_spans
                    .iter()
                    .any(|&(a, b)| start < b && a < start + w.len());
            if w.chars().count() >= 4 && !inside {
                out.push((start, orig(start, start + w.len())));
            }
        }
        out
    };
    let before = words(0, v.start);
    let after = words(v.end, t.len());
    let (mut context, context_first) = if !before.is_empty() {
        (before[before.len().saturating_sub(3)..].to_vec(), true)
    } else {
        (after.iter().take(3).cloned().collect(), false)
    };
    if let Some(d) = &direction
        && (d.span.0 < v.start) == context_first
    {
        context.retain(|(at, _)| *at < d.span.0 || *at >= d.span.1);
        // A flow between named countries: exports and imports are both
        // its words.
        let flow_words: Vec<String>;
        let pattern_words = match &sides {
            Some(sd) if sd.flow && d.label != "total" => {
                flow_words = words::of(d.lang)
                    .flow_words
                    .iter()
                    .map(|w| w.to_string())
                    .collect();
                &flow_words
            }
            _ => &d.pattern_words,
        };
        for w in pattern_words {
            context.push((d.span.0, w.clone()));
        }
        context.sort_by_key(|(at, _)| *at);
    }
    let context_at = context.first().map_or(v.start, |(at, _)| *at);
    let context: Vec<String> = context.into_iter().map(|(_, w)| w).collect();
    let alt = context
        .iter()
        .map(|w| {
            w.split_whitespace()
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect::<Vec<_>>()
        .join("|");
    let pattern = if context.is_empty() {
        format!("{{{slot}}}")
    } else if context_first {
        format!("(?:{alt})[^.]{{0,60}}?{{{slot}}}")
    } else {
        format!("{{{slot}}}[^.]{{0,60}}?(?:{alt})")
    };
    // The same pattern with the period in its place in the sample: for a
    // rule whose figures must be dated beside them.
    let period_pattern = period.filter(|_| !context.is_empty()).map(|p| {
        let mut parts = [
            (p.start, "{period}".to_string()),
            (v.start, format!("{{{slot}}}")),
            (context_at, format!("(?:{alt})")),
        ];
        parts.sort_by_key(|(at, _)| *at);
        parts
            .iter()
            .map(|(_, s)| s.as_str())
            .collect::<Vec<_>>()
            .join("[^.]{0,60}?")
    });
    let canonical = crosscheck::fact::canonical(v);
    let id = id.map(str::to_string).unwrap_or_else(|| {
        let s = slug(&context.join(" "));
        format!("draft.{}", if s.is_empty() { kind.to_string() } else { s })
    });
    let mut key = Vec::new();
    if direction.is_some() {
        key.push("\"direction\"");
    }
    match parties.len() {
        0 => {}
        1 => key.push("\"party\""),
        _ => key.push("\"pair\""),
    }
    if period.is_some() {
        key.push("\"period\"");
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Draft rule from a sentence: edit the title, the context words and the"
    );
    let _ = writeln!(
        s,
        "# attribution, add a negative example, then run `crosscheck rules test`."
    );
    let _ = writeln!(s, "[[rule]]");
    let _ = writeln!(s, "id = {}", toml_str(&id));
    let _ = writeln!(
        s,
        "title = {}",
        toml_str(&format!("TODO: what the {kind} figure is"))
    );
    let _ = writeln!(s, "kind = \"{kind}\"");
    if let Some(u) = v
        .unit
        .filter(|_| matches!(rule_kind, RuleKind::Money | RuleKind::Quantity))
    {
        let _ = writeln!(s, "unit = \"{u}\"");
    }
    if let Some(p) = period {
        let _ = writeln!(
            s,
            "# period: the sample dates its figure by «{}» ({}); the key takes the date",
            orig(p.start, p.end),
            crosscheck::fact::canonical(p)
        );
        let _ = writeln!(
            s,
            "# or period nearest the figure in its clause, its sentence or the one before."
        );
    }
    let names: Vec<String> = parties.iter().map(|e| countries.name(*e)).collect();
    match names.as_slice() {
        [] => {}
        [one] => comment(
            &mut s,
            &format!(
                "party: the country the figure is about comes from the text (its sentence, its paragraph, the headline and lead), not from the rule; the sample names {one}. A figure between two countries is keyed by \"pair\" instead."
            ),
        ),
        _ => comment(
            &mut s,
            &format!(
                "pair: the two countries the figure is about come from the text (its sentence, its paragraph, the headline and lead), not from the rule, so every pair has its own groups; the sample names {}{}. [rule.parties] says how the text names each side.",
                and_list(&names),
                if names.len() > 2 {
                    " (a figure of more than two countries listed together is left unkeyed)"
                } else {
                    ""
                }
            ),
        ),
    }
    if !key.is_empty() {
        let _ = writeln!(s, "key = [{}]", key.join(", "));
    }
    if matches!(
        rule_kind,
        RuleKind::Money | RuleKind::Percent | RuleKind::Multiplier | RuleKind::Quantity
    ) {
        let _ = writeln!(s, "tolerance = \"5%\"");
    }
    let _ = writeln!(s, "patterns = [{}]", toml_str(&pattern));
    let body_at = s.len();
    if let Some(d) = &direction {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "# direction: the sample names «{}» ({}).",
            d.said, d.label
        );
        let _ = writeln!(
            s,
            "# Figures of different directions are never compared: exports are not"
        );
        let _ = writeln!(s, "# imports, nor total trade.");
        let flow = sides.as_ref().is_some_and(|sd| sd.flow);
        let notes: &[&str] = match d.named {
            Named::Word if flow => &[
                "# When the text names the sides of exports or imports, they are one flow",
                "# (see [rule.parties]). Add the other languages' words.",
            ],
            Named::Word if !parties.is_empty() => &["# Add the other languages' words."],
            Named::Flow => &[
                "# A flow is named by who sends and who receives: one country's exports to",
                "# another and the other's imports from it are one flow, from either side.",
                "# Exports or imports whose side the text leaves open are labels of their",
                "# own. Add the other languages' words.",
            ],
            Named::Word => &[
                "# One country's exports to another are the other's imports from it: to",
                "# compare both sides, key the rule by \"pair\" and name each side in",
                "# [rule.parties] with a {country} slot (see rules/trade.toml). Add the",
                "# other languages' words.",
            ],
            Named::FromTo => &[
                "# The reverse flow is the sample's words swapped: check its grammar, and",
                "# add the other ways the text names each flow.",
            ],
        };
        for n in notes {
            let _ = writeln!(s, "{n}");
        }
        let _ = writeln!(s, "[rule.dimension.direction]");
        for (label, phrases) in &d.labels {
            let _ = writeln!(s, "{} = {}", toml_key(label), toml_list(phrases));
        }
    }
    if let Some(sd) = &sides {
        write_parties(&mut s, sd, &countries, &orig);
    }
    if authority.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "# [rule.attribution]");
        let _ = writeln!(s, "# \"Who stands behind it\" = [\"words that name them\"]");
    } else {
        write_attribution(&mut s, &countries, &authority, words::of(lang), &orig);
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "[[rule.example]]");
    let _ = writeln!(s, "text = {}", toml_str(text.trim()));
    if let Some(a) = anchor {
        let _ = writeln!(s, "date = \"{a}\"");
    }
    let _ = writeln!(s, "value = {}", toml_str(&canonical));
    // Run the draft on its own sentence: the example gets the key it yields,
    // and a draft that cannot read its own sentence is not handed out.
    let Some(fact) = reads(&s, &id, text, anchor, &canonical)? else {
        return Err(Diagnostic::error("usage", Path::new("--text"), "the draft does not read its own sentence")
            .help("write the rule by hand from rules/README.md; `crosscheck values` shows what the grammars read"));
    };
    // The dated pattern is offered only if it reads the sentence too.
    if let Some(pp) = period_pattern {
        let with = s.replacen(
            &format!("patterns = [{}]", toml_str(&pattern)),
            &format!("patterns = [{}]", toml_str(&pp)),
            1,
        );
        if reads(&with, &id, text, anchor, &canonical)?.is_some() {
            let note = format!(
                "# To read only figures dated beside them, put the period in the pattern:\n# patterns = [{}]\n",
                toml_str(&pp)
            );
            s.insert_str(body_at, &note);
        }
    }
    if !fact.key.is_empty() {
        let pairs: Vec<String> = fact
            .key
            .iter()
            .map(|(k, v)| format!("{k} = {}", toml_str(v)))
            .collect();
        let _ = writeln!(s, "key = {{ {} }}", pairs.join(", "));
    }
    if let crosscheck::fact::Origin::Authority(a) = &fact.origin {
        let _ = writeln!(s, "authority = {}", toml_str(a));
    }
    Ok(s)
}

/// A comment, wrapped at 78 columns.
fn comment(s: &mut String, text: &str) {
    let mut line = String::from("#");
    for w in text.split_whitespace() {
        if line.chars().count() + 1 + w.chars().count() > 78 && line != "#" {
            let _ = writeln!(s, "{line}");
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(w);
    }
    let _ = writeln!(s, "{line}");
}

/// "A", "A and B", "A, B and C".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How the sides of a figure between two named countries are told: the
/// `[rule.parties]` a draft proposes.
struct Sides {
    /// A flow of goods (exports and imports, ordered when the text names
    /// their sides); else a movement from one country to another.
    flow: bool,
    /// The phrases of each side, in the sample's language.
    from: Vec<String>,
    to: Vec<String>,
    /// Where the sample names each side, nearest its figure.
    from_hit: Option<Hit>,
    to_hit: Option<Hit>,
}

/// The sides of a figure between two named countries: with a direction
/// word, the exporter and the receiver of a flow of goods; without one, a
/// movement's origin and destination ("from {country}", "to {country}"),
/// proposed only if the sample names one.
fn sides(
    countries: &Countries,
    text: &str,
    value: (usize, usize),
    lw: &LangWords,
    flow: bool,
) -> Sides {
    let (from, to) = if flow {
        (lw.flow_from, lw.flow_to)
    } else {
        (lw.from, lw.to)
    };
    let nearest = |phrases: &[&str]| {
        countries
            .hits(text, phrases)
            .into_iter()
            .min_by_key(|h| distance(value, h.span))
    };
    let own = |v: &[&str]| v.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    Sides {
        flow,
        from_hit: nearest(from),
        to_hit: nearest(to),
        from: own(from),
        to: own(to),
    }
}

/// `[rule.parties]`: for a flow, exports and imports ordered by their sides
/// and one direction `flow`; for a movement named from one country to
/// another, an ordered pair; else only a note.
fn write_parties(
    s: &mut String,
    sd: &Sides,
    countries: &Countries,
    orig: &dyn Fn(usize, usize) -> String,
) {
    let (from, to) = if sd.flow {
        ("sending", "receiving")
    } else {
        ("origin", "destination")
    };
    let said = |h: &Option<Hit>, side: &str| {
        h.as_ref().map(|h| {
            format!(
                "«{}» names the {side} side ({})",
                orig(h.span.0, h.span.1),
                countries.name(h.entity)
            )
        })
    };
    let found: Vec<String> = [said(&sd.from_hit, from), said(&sd.to_hit, to)]
        .into_iter()
        .flatten()
        .collect();
    let found = if found.is_empty() {
        "the sample does not say which country is which side".to_string()
    } else {
        found.join("; ")
    };
    let _ = writeln!(s);
    if !sd.flow && sd.from_hit.is_none() && sd.to_hit.is_none() {
        comment(
            s,
            &format!(
                "parties: {found}, so the pair is unordered (\"A–B\"). For figures that go from one country to another, order the pair and name its sides:"
            ),
        );
        let _ = writeln!(s, "# [rule.parties]");
        let _ = writeln!(s, "# ordered = true");
        let _ = writeln!(s, "# from = {}", toml_list(&sd.from));
        let _ = writeln!(s, "# to = {}", toml_list(&sd.to));
        return;
    }
    let how = if sd.flow {
        "One country's exports to another and the other's imports from it are one flow: when the text names its sides, exports and imports take the direction \"flow\" and the ordered pair \"sender → receiver\". Exports or imports whose sides it leaves open keep their label and an unordered pair (\"A–B\")."
    } else {
        "The pair is ordered \"origin → destination\" when the text names a side, unordered (\"A–B\") when it does not."
    };
    comment(
        s,
        &format!(
            "parties: {found}. {how} {{country}} stands for a country's name, {{country:adj}} for its adjective. Add the other languages' phrases."
        ),
    );
    let _ = writeln!(s, "[rule.parties]");
    if sd.flow {
        let _ = writeln!(s, "ordered = [\"exports\", \"imports\"]");
        let _ = writeln!(s, "flow = \"flow\"");
    } else {
        let _ = writeln!(s, "ordered = true");
    }
    let _ = writeln!(s, "from = {}", toml_list(&sd.from));
    let _ = writeln!(s, "to = {}", toml_list(&sd.to));
}

/// `[rule.attribution]` for a sample whose authority is a country's
/// statistics: one label for every country, with the phrases of the
/// sample's language.
fn write_attribution(
    s: &mut String,
    countries: &Countries,
    authority: &[Hit],
    lw: &LangWords,
    orig: &dyn Fn(usize, usize) -> String,
) {
    let phrases: Vec<String> = lw.statistics.iter().map(|p| p.to_string()).collect();
    // The sample's words: the longest of the hits that overlap.
    let mut said: Vec<&Hit> = Vec::new();
    for h in authority {
        let covered = authority.iter().any(|o| {
            o.span.0 <= h.span.0
                && h.span.1 <= o.span.1
                && o.span.1 - o.span.0 > h.span.1 - h.span.0
        });
        if !covered && !said.iter().any(|o| o.span == h.span) {
            said.push(h);
        }
    }
    let said: Vec<String> = said
        .iter()
        .map(|h| format!("«{}»", orig(h.span.0, h.span.1)))
        .collect();
    let _ = writeln!(s);
    comment(
        s,
        &format!(
            "attribution: {} names a country's statistics. One label serves every country: {{country}} in it is filled with the country the text names (\"{}\"); {{bureau}} is a statistics bureau's own name. Add the other languages' phrases.",
            and_list(&said),
            words::STATISTICS.replace("{country}", &countries.name(authority[0].entity))
        ),
    );
    let _ = writeln!(s, "[rule.attribution]");
    let _ = writeln!(
        s,
        "{} = {}",
        toml_str(words::STATISTICS),
        toml_list(&phrases)
    );
}
