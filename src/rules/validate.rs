//! Validation of one raw rule into a `Rule`, a concern at a time: its id
//! and kind, the limits of its comparison (tolerance, grades, "about"), its
//! key and dimensions, its categories and aliases, its patterns, its
//! adjustments. Every problem becomes a diagnostic at its place in the file;
//! a rule with any problem is left out.

use std::path::Path;

use toml::Spanned;

use super::example::example;
use super::limits;
use super::raw::{RawGrades, RawRule};
use super::report::Report;
use super::{
    Adjust, KeyDim, Pattern, Phrasebook, Ratio, Rule, RuleKind, Threshold, pattern, phrasebook,
};
use crate::diag::Diagnostic;
use crate::text::fold_str;

/// An alias: its name and spellings.
type Alias = (String, Vec<String>);

/// The limits of a rule's comparison.
struct Limits {
    tolerance: Threshold,
    minor: Threshold,
    discrepancy: Threshold,
    approx: f64,
}

pub(super) fn validate(
    file: &Path,
    text: &str,
    lines: &crate::text::LineIndex,
    raw: RawRule,
    (default_tolerance, entity_kinds): (Option<Threshold>, &[String]),
    diags: &mut Vec<Diagnostic>,
    cap: usize,
) -> Option<(Rule, usize)> {
    let mut r = Report::new(file, text, lines, diags, cap);
    let before = r.errors();
    let id_at = raw.id.span().start;
    let id = raw.id.get_ref().trim().to_string();
    // Sizes first: a rule too large to compile is refused before anything
    // is built from it.
    let within_limits = limits::check(&mut r, &id, &raw);
    if !within_limits {
        return None;
    }
    if id.is_empty() {
        r.error(
            "rule-invalid",
            id_at,
            "a rule id is empty".into(),
            "give the rule an id such as `trade.volume`",
        );
    }
    let kind = kind(&mut r, &raw.kind);
    let role = kind.and_then(|(_, role)| role);
    let kind = kind.map(|(k, _)| k);
    let limits = limits(&mut r, &raw, kind, default_tolerance, id_at);
    phrase_regexes(&mut r, &id, &raw);
    let lost = |field: &str| raw.dropped.iter().any(|d| d == field);
    let mut dimension_defaults = Vec::new();
    let mut dimensions: Vec<(String, Phrasebook)> = Vec::new();
    for (name, d) in raw.dimension {
        if let Some(label) = d.default {
            if d.labels.contains_key(label.get_ref()) {
                dimension_defaults.push((name.clone(), label.get_ref().clone()));
            } else {
                r.error(
                    "rule-invalid",
                    label.span().start,
                    format!(
                        "default `{}` is not a label of [rule.dimension.{name}]",
                        label.get_ref()
                    ),
                    "name one of the table's labels, the one a figure gets when its context names none",
                );
            }
        }
        dimensions.push((name, phrasebook(d.labels)));
    }
    let parties = parties(&mut r, raw.parties, &dimensions, entity_kinds, id_at);
    let key = if lost("dimension") {
        Vec::new()
    } else {
        key(&mut r, &raw.key, &dimensions)
    };
    let aliases: Vec<(String, Vec<String>)> = raw
        .aliases
        .into_iter()
        .map(|(k, v)| (k, v.into_inner()))
        .collect();
    let categories = phrasebook(raw.categories);
    let alias_slots = slots(
        &mut r,
        kind.filter(|_| !lost("categories")),
        &raw.kind,
        &categories,
        &aliases,
        id_at,
    );
    if raw.patterns.is_empty() && !lost("patterns") {
        r.error(
            "rule-invalid",
            id_at,
            format!("rule `{id}` has no patterns"),
            "add patterns = [\"context words[^.]{0,60}?{slot}\"]",
        );
    }
    let patterns = patterns(
        &mut r,
        &id,
        kind,
        &raw.patterns,
        (&aliases, &alias_slots),
        entity_kinds,
    );
    prefilter_size(&mut r, &id, &raw.patterns, &patterns, &categories);
    let attribution = phrasebook(raw.attribution);
    let adjust = if lost("attribution") {
        Vec::new()
    } else {
        adjustments(&mut r, raw.adjust, &attribution)
    };
    let ratio = raw.ratio.map(|x| Ratio {
        of: x.of,
        numerator: x.numerator,
        denominator: x.denominator,
    });
    let mut examples = Vec::new();
    let examples_checkable = !lost("attribution") && !lost("dimension");
    for e in raw.example.into_iter().filter(|_| examples_checkable) {
        if r.diags.len() >= cap {
            r.errors += 1;
            break;
        }
        let n = r.diags.len();
        examples.extend(example(
            file,
            text,
            lines,
            e,
            &attribution,
            &dimensions,
            r.diags,
        ));
        r.errors += r.diags[n..].iter().filter(|d| d.is_error()).count();
    }
    let warn = level_grade(&mut r, &raw.warn, "warn");
    let fail = level_grade(&mut r, &raw.fail, "fail");
    if let (Some(w), Some(f), Some(at)) = (warn, fail, raw.warn.as_ref())
        && w > f
    {
        r.error(
            "rule-invalid",
            at.span().start,
            format!("`warn` ({}) is above `fail` ({})", w.name(), f.name()),
            "a rule warns from a grade at or below the one it fails from",
        );
    }
    let line = lines.line_col(text, id_at).0;
    if r.errors() > before {
        return None;
    }
    Some((
        Rule {
            id,
            title: raw.title,
            kind: kind?,
            role,
            unit: raw.unit,
            key,
            tolerance: limits.tolerance,
            minor: limits.minor,
            discrepancy: limits.discrepancy,
            warn,
            fail,
            approx: limits.approx,
            patterns,
            attribution,
            dimensions,
            dimension_defaults,
            categories,
            ratio,
            parties,
            adjust,
            known_causes: raw.known_causes,
            examples,
            file: file.to_path_buf(),
            line,
        },
        id_at,
    ))
}

/// `warn` or `fail`: a conflict grade's name.
fn level_grade(
    r: &mut Report,
    raw: &Option<Spanned<String>>,
    field: &str,
) -> Option<crate::finding::Grade> {
    let raw = raw.as_ref()?;
    let g = crate::finding::Grade::parse(raw.get_ref());
    if g.is_none() {
        r.error(
            "rule-invalid",
            raw.span().start,
            format!("unknown grade `{}` for `{field}`", raw.get_ref()),
            "use one of: minor, discrepancy, major",
        );
    }
    g
}

fn kind(r: &mut Report, raw: &Spanned<String>) -> Option<(RuleKind, Option<crate::value::Role>)> {
    match RuleKind::parse(raw.get_ref().as_str()) {
        Some(found) => Some(found),
        None => {
            let mut names: Vec<&str> = RuleKind::ALL.iter().map(|(n, _)| *n).collect();
            names.extend(["percent:change", "percent:rate", "percent:share"]);
            r.error(
                "rule-invalid",
                raw.span().start,
                format!("unknown kind `{}`", raw.get_ref()),
                &format!("use one of: {}", names.join(", ")),
            );
            None
        }
    }
}

/// Tolerance, grades and how far "about" widens a figure: durations for
/// dates, ratios for figures.
fn limits(
    r: &mut Report,
    raw: &RawRule,
    kind: Option<RuleKind>,
    default_tolerance: Option<Threshold>,
    id_at: usize,
) -> Limits {
    let time = kind.is_some_and(|k| k.is_time());
    let mut threshold = |v: &Option<Spanned<String>>, default: Threshold, what: &str| match v {
        None => default,
        Some(s) => match Threshold::parse(s.get_ref()) {
            Some(t) if time == matches!(t, Threshold::Days(_)) => t,
            _ => {
                let help = if time {
                    "dates take a duration such as \"0d\", \"31d\" or \"1y\""
                } else {
                    "figures take a percent such as \"10%\" or a ratio of at least 1 such as \"1.5\""
                };
                r.error(
                    "rule-invalid",
                    s.span().start,
                    format!("invalid {what} `{}`", s.get_ref()),
                    help,
                );
                default
            }
        },
    };
    let (d_tol, d_minor, d_disc) = if time {
        (
            Threshold::Days(0.0),
            Threshold::Days(31.0),
            // Under half a year: two different years of a one-time event
            // are a major conflict.
            Threshold::Days(183.0),
        )
    } else {
        (
            default_tolerance.unwrap_or(Threshold::Ratio(1.0)),
            Threshold::Ratio(1.1),
            Threshold::Ratio(1.5),
        )
    };
    let tolerance = threshold(&raw.tolerance, d_tol, "tolerance");
    let (minor, discrepancy) = match &raw.grades {
        Some(RawGrades { minor, discrepancy }) => (
            threshold(minor, d_minor, "grade"),
            threshold(discrepancy, d_disc, "grade"),
        ),
        None => (d_minor, d_disc),
    };
    if let Threshold::Ratio(t) = tolerance
        && t > 10.0
    {
        r.error(
            "rule-invalid",
            raw.tolerance.as_ref().map_or(id_at, |s| s.span().start),
            "tolerance out of range".into(),
            "a tolerance above 900% compares nothing; use at most \"900%\"",
        );
    }
    let approx = match &raw.approx {
        None => crate::value::DEFAULT_APPROX,
        Some(s) => match Threshold::parse(s.get_ref()) {
            Some(Threshold::Ratio(x)) if s.get_ref().trim().ends_with('%') && x <= 2.0 => x - 1.0,
            _ => {
                r.error(
                    "rule-invalid",
                    s.span().start,
                    format!("invalid approx `{}`", s.get_ref()),
                    "write how far \"about\" widens a figure as a percent, e.g. \"10%\"",
                );
                crate::value::DEFAULT_APPROX
            }
        },
    };
    Limits {
        tolerance,
        minor,
        discrepancy,
        approx,
    }
}

/// The key: `period` and the rule's dimensions.
fn key(
    r: &mut Report,
    raw: &[Spanned<String>],
    dimensions: &[(String, Phrasebook)],
) -> Vec<KeyDim> {
    let mut key = Vec::new();
    for k in raw {
        match k.get_ref().as_str() {
            "period" => key.push(KeyDim::Period),
            "pair" => key.push(KeyDim::Pair),
            "party" => key.push(KeyDim::Party),
            name if dimensions.iter().any(|(n, _)| n == name) => {
                key.push(KeyDim::Dimension(name.to_string()))
            }
            name => r.error(
                "rule-invalid",
                k.span().start,
                format!(
                    "key `{name}` is neither `period`, `pair`, `party` nor a [rule.dimension.{name}] table"
                ),
                "add the dimension table with its labels and phrases, or remove the key",
            ),
        }
    }
    key
}

/// `[rule.parties]`: its kind is known, its order names direction labels,
/// and each of its phrases has one entity slot.
fn parties(
    r: &mut Report,
    raw: Option<super::raw::RawParties>,
    dimensions: &[(String, Phrasebook)],
    entity_kinds: &[String],
    at: usize,
) -> super::Parties {
    use super::{Ordered, Parties};
    let Some(raw) = raw else {
        return Parties::default();
    };
    let kind = raw
        .kind
        .unwrap_or_else(|| crate::entity::COUNTRY.to_string());
    if kind != crate::entity::COUNTRY && !entity_kinds.contains(&kind) {
        r.error(
            "rule-invalid",
            at,
            format!("[rule.parties] kind `{kind}` is neither `country` nor the kind of an [[entity]] list"),
            "use kind = \"country\", or add [[entity]] tables of that kind",
        );
    }
    let ordered = match raw.ordered {
        None | Some(super::raw::RawOrdered::Always(false)) => Ordered::Never,
        Some(super::raw::RawOrdered::Always(true)) => Ordered::Always,
        Some(super::raw::RawOrdered::When(labels)) => {
            let direction = dimensions.iter().find(|(n, _)| n == "direction");
            for l in &labels {
                if !direction.is_some_and(|(_, d)| d.iter().any(|(n, _)| n == l)) {
                    r.error(
                        "rule-invalid",
                        at,
                        format!("[rule.parties] ordered names `{l}`, which is no label of [rule.dimension.direction]"),
                        "list the direction labels whose figures have a side (exports, imports)",
                    );
                }
            }
            Ordered::When(labels)
        }
    };
    for (side, list) in [("from", &raw.from), ("to", &raw.to)] {
        for p in list {
            let slots = pattern::entity_slot_count(p);
            if slots != 1 {
                r.error(
                    "rule-invalid",
                    at,
                    format!(
                        "[rule.parties] {side} phrase {p:?} has {slots} entity slots; it needs one"
                    ),
                    "write the side's entity as {country}, e.g. \"exports from {country}\"",
                );
            }
        }
    }
    if let Err(e) = pattern::phrases_regex(&raw.from).and(pattern::phrases_regex(&raw.to)) {
        r.error(
            "rule-too-large",
            at,
            format!("[rule.parties] phrases do not compile: {e}"),
            "list fewer or shorter phrases",
        );
    }
    let mut roles = Vec::new();
    if !raw.from.is_empty() {
        roles.push(("from".to_string(), raw.from));
    }
    if !raw.to.is_empty() {
        roles.push(("to".to_string(), raw.to));
    }
    Parties {
        kind,
        ordered,
        flow: raw.flow,
        roles,
    }
}

/// Categories and aliases: a category rule has categories, and no alias
/// takes the name of a built-in slot. Returns the aliases patterns expand.
fn slots(
    r: &mut Report,
    kind: Option<RuleKind>,
    raw_kind: &Spanned<String>,
    categories: &Phrasebook,
    aliases: &[(String, Vec<String>)],
    id_at: usize,
) -> Vec<(String, Vec<String>)> {
    let mut alias_slots = aliases.to_vec();
    if kind == Some(RuleKind::Category) {
        if categories.is_empty() {
            r.error(
                "rule-invalid",
                raw_kind.span().start,
                "a category rule has no [rule.categories]".into(),
                "list each category with the phrases that name it",
            );
        }
        // {category} is a slot of its own; aliases cannot shadow it.
        alias_slots.retain(|(n, _)| n != "category");
    }
    for (name, _) in aliases {
        if pattern::slot_class(name).is_some() {
            r.error(
                "rule-invalid",
                id_at,
                format!("alias `{name}` has the name of a built-in slot"),
                "rename the alias",
            );
        }
    }
    alias_slots
}

fn patterns(
    r: &mut Report,
    id: &str,
    kind: Option<RuleKind>,
    raw: &[Spanned<String>],
    (aliases, alias_slots): (&[Alias], &[Alias]),
    entity_kinds: &[String],
) -> Vec<Pattern> {
    let mut patterns = Vec::new();
    let Some(kind) = kind else {
        return patterns;
    };
    let mut expanded = 0usize;
    for p in raw {
        let at = p.span().start + 1; // inside the quote
        if expanded > limits::MAX_RULE_EXPANDED_BYTES {
            r.error(
                "rule-too-large",
                at,
                format!(
                    "rule `{id}`: its patterns, spelled out, take more than {} bytes",
                    limits::MAX_RULE_EXPANDED_BYTES
                ),
                "use fewer or shorter aliases in the patterns",
            );
            break;
        }
        match pattern::compile(p.get_ref(), kind.value_slots(), alias_slots, entity_kinds) {
            Ok(c) => {
                expanded += c.target.as_str().len();
                patterns.push(c)
            }
            Err(pattern::PatternError::UnknownSlot { name, offset }) => {
                let mut known: Vec<&str> = pattern::SLOTS.iter().map(|(n, _)| *n).collect();
                known.extend(aliases.iter().map(|(n, _)| n.as_str()));
                r.error(
                    "rule-unknown-slot",
                    at + offset,
                    format!("rule `{id}`: unknown slot `{{{name}}}`"),
                    &format!("known slots here: {}", known.join(", ")),
                );
            }
            Err(pattern::PatternError::MissingSlot) => r.error(
                "rule-missing-slot",
                at,
                format!(
                    "rule `{id}`: pattern has no slot for a {} value",
                    kind.name()
                ),
                &format!(
                    "put one of {} where the value stands",
                    kind.value_slots()
                        .iter()
                        .map(|s| format!("{{{s}}}"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
            ),
            Err(pattern::PatternError::TwoValueSlots { offset }) => r.error(
                "rule-invalid",
                at + offset,
                format!("rule `{id}`: pattern has two slots for the rule's value"),
                "keep one value slot per pattern; write a second pattern for the other",
            ),
            Err(pattern::PatternError::Regex(m)) => r.error(
                "rule-invalid-regex",
                at,
                format!("rule `{id}`: invalid regex: {m}"),
                "fix the regular expression (regex crate syntax)",
            ),
            Err(pattern::PatternError::TooLarge(m)) => {
                r.error(
                    "rule-too-large",
                    at,
                    format!("rule `{id}`: pattern too large: {m}"),
                    "use shorter repetitions (e.g. [^.]{0,80}? rather than \\w{1000}) and fewer alternatives",
                );
                // The rest are likely as large, and each costs the time of
                // reaching the limit: the rule is refused on this one.
                break;
            }
        }
    }
    patterns
}

/// The prefilter reads each pattern with its category slots spelled out as
/// the category phrases: that text must stay within the expansion limit.
fn prefilter_size(
    r: &mut Report,
    id: &str,
    raw: &[Spanned<String>],
    patterns: &[Pattern],
    categories: &Phrasebook,
) {
    if categories.is_empty() || patterns.len() != raw.len() {
        return;
    }
    let phrases: Vec<String> = categories.iter().flat_map(|(_, p)| p.clone()).collect();
    let alt = pattern::alternation(&phrases).len();
    let class = pattern::category_class();
    let mut total = 0usize;
    for (p, at) in patterns.iter().zip(raw) {
        let slots = p.any.matches(&class).count();
        total = total.saturating_add(slots.saturating_mul(alt));
        if total > limits::MAX_RULE_EXPANDED_BYTES {
            r.error(
                "rule-too-large",
                at.span().start + 1,
                format!(
                    "rule `{id}`: the patterns' {{category}} slots, each spelled out as the {} category phrases, take more than {} bytes",
                    phrases.len(),
                    limits::MAX_RULE_EXPANDED_BYTES
                ),
                "use fewer {category} slots or fewer category phrases",
            );
            return;
        }
    }
}

/// Every phrase list compiles to the regex the matcher runs, or the rule
/// is refused here, with the list's place: the matcher never drops one.
fn phrase_regexes(r: &mut Report, id: &str, raw: &RawRule) {
    let mut lists: Vec<(String, &Spanned<Vec<String>>)> = Vec::new();
    for (label, l) in &raw.attribution {
        lists.push((format!("[rule.attribution] `{label}`"), l));
    }
    for (dim, labels) in &raw.dimension {
        for (label, l) in &labels.labels {
            lists.push((format!("[rule.dimension.{dim}] `{label}`"), l));
        }
    }
    for (label, l) in &raw.categories {
        lists.push((format!("[rule.categories] `{label}`"), l));
    }
    for (label, l) in &raw.aliases {
        lists.push((format!("[rule.aliases] `{label}`"), l));
    }
    for (what, l) in lists {
        // A phrase of nothing but spaces or marks would match everywhere
        // (or, left out, leave its label silently without a phrase).
        if let Some(p) = l.get_ref().iter().find(|p| fold_str(p).trim().is_empty()) {
            r.error(
                "rule-invalid",
                l.span().start,
                format!("rule `{id}`: {what} has the empty phrase {p:?}"),
                "remove it: a phrase needs a letter or digit the sources can contain",
            );
            continue;
        }
        if l.get_ref().is_empty() {
            r.error(
                "rule-invalid",
                l.span().start,
                format!("rule `{id}`: {what} has no phrases"),
                "list the words that name it in the sources, or remove it",
            );
            continue;
        }
        if let Err(e) = pattern::phrases_regex(l.get_ref()) {
            r.error(
                "rule-too-large",
                l.span().start,
                format!("rule `{id}`: the phrases of {what} do not compile: {e}"),
                "list fewer or shorter phrases",
            );
        }
    }
}

/// Per-authority factors: of authorities the rule names, positive.
fn adjustments(
    r: &mut Report,
    raw: std::collections::BTreeMap<String, Spanned<super::raw::RawAdjust>>,
    attribution: &Phrasebook,
) -> Vec<(String, Adjust)> {
    let mut adjust = Vec::new();
    for (who, a) in raw {
        let at = a.span().start;
        let a = a.into_inner();
        if !attribution.iter().any(|(n, _)| *n == who) {
            r.error(
                "rule-invalid",
                at,
                format!("adjust names `{who}`, which [rule.attribution] does not list"),
                "adjust takes the rule's authority names",
            );
        } else if !(a.factor.is_finite() && a.factor > 0.0) {
            r.error(
                "rule-invalid",
                at,
                format!("adjust factor {} is not a positive number", a.factor),
                "e.g. factor = 0.943 for importer values ÷ 1.06",
            );
        } else {
            adjust.push((
                who,
                Adjust {
                    factor: a.factor,
                    note: a.note,
                },
            ));
        }
    }
    adjust
}
