//! Size limits on rule text, checked before anything is compiled from it.
//!
//! A rule becomes regexes (its patterns, with aliases spelled out) and
//! phrase automata (authorities, dimension values, categories). Within
//! these limits every one builds in bounded time and memory; past them the
//! rule is refused with the place of the field that went over, so a huge or
//! hostile rule file fails fast and says why instead of stalling the run.
//! The limits are far above what a hand-written rule needs (the bundled
//! rules use a few dozen phrases and patterns of a few hundred bytes).

use toml::Spanned;

use super::raw::RawRule;
use super::report::Report;

/// A rule file's size; larger files are not parsed.
pub const MAX_FILE_BYTES: usize = 16 << 20;
/// Problems reported per rule file; past them the file is given up.
pub const MAX_ERRORS_PER_FILE: usize = 100;
/// Patterns per rule.
pub const MAX_PATTERNS: usize = 256;
/// One pattern as written.
pub const MAX_PATTERN_BYTES: usize = 16 << 10;
/// A pattern once its slots and aliases are spelled out.
pub const MAX_EXPANDED_BYTES: usize = 256 << 10;
/// A rule's patterns together once spelled out, and its {category} slots
/// spelled out as its category phrases (what the prefilter reads).
pub const MAX_RULE_EXPANDED_BYTES: usize = 1 << 20;
/// Phrases of a rule, over all its lists (attribution, aliases, dimension
/// values, categories).
pub const MAX_PHRASES: usize = 10_000;
/// Bytes of those phrases together.
pub const MAX_PHRASE_BYTES: usize = 256 << 10;
/// Adjustments per rule.
pub const MAX_ADJUST: usize = 1_000;
/// Key dimensions per rule.
pub const MAX_KEYS: usize = 16;
/// Examples per rule.
pub const MAX_EXAMPLES: usize = 1_000;

/// Reports every limit the rule passes; true when it passes none.
pub(super) fn check(r: &mut Report, id: &str, raw: &RawRule) -> bool {
    let before = r.errors();
    if raw.patterns.len() > MAX_PATTERNS {
        r.error(
            "rule-too-large",
            raw.patterns[MAX_PATTERNS].span().start,
            format!(
                "rule `{id}` has {} patterns; a rule may have at most {MAX_PATTERNS}",
                raw.patterns.len()
            ),
            "split the rule, or join patterns with alternatives",
        );
    }
    for p in &raw.patterns {
        if p.get_ref().len() > MAX_PATTERN_BYTES {
            r.error(
                "rule-too-large",
                p.span().start,
                format!(
                    "rule `{id}`: a pattern of {} bytes; a pattern may have at most {MAX_PATTERN_BYTES}",
                    p.get_ref().len()
                ),
                "move long lists of words into [rule.aliases] and name them as {slots}",
            );
        }
    }
    if raw.adjust.len() > MAX_ADJUST {
        r.error(
            "rule-too-large",
            raw.id.span().start,
            format!(
                "rule `{id}` has {} adjustments; a rule may have at most {MAX_ADJUST}",
                raw.adjust.len()
            ),
            "adjust only the authorities whose figures differ by definition",
        );
    }
    if raw.key.len() > MAX_KEYS {
        r.error(
            "rule-too-large",
            raw.key[MAX_KEYS].span().start,
            format!(
                "rule `{id}` has {} key dimensions; a rule may have at most {MAX_KEYS}",
                raw.key.len()
            ),
            "key facts by the period and a few dimensions",
        );
    }
    if raw.example.len() > MAX_EXAMPLES {
        r.error(
            "rule-too-large",
            raw.example[MAX_EXAMPLES].text.span().start,
            format!(
                "rule `{id}` has {} examples; a rule may have at most {MAX_EXAMPLES}",
                raw.example.len()
            ),
            "keep the examples that show distinct cases; test a corpus with `rules test --fixtures`",
        );
    }
    let mut lists: Vec<(String, &Spanned<Vec<String>>)> = Vec::new();
    for (table, map) in [
        ("attribution", &raw.attribution),
        ("aliases", &raw.aliases),
        ("categories", &raw.categories),
    ] {
        for (label, l) in map {
            lists.push((format!("[rule.{table}] `{label}`"), l));
        }
    }
    for (dim, labels) in &raw.dimension {
        for (label, l) in &labels.labels {
            lists.push((format!("[rule.dimension.{dim}] `{label}`"), l));
        }
    }
    let (mut count, mut bytes) = (0usize, 0usize);
    for (what, l) in lists {
        let (c0, b0) = (count, bytes);
        count += l.get_ref().len();
        bytes += l.get_ref().iter().map(String::len).sum::<usize>();
        if count > MAX_PHRASES && c0 <= MAX_PHRASES {
            r.error(
                "rule-too-large",
                l.span().start,
                format!(
                    "rule `{id}`: {what} brings the rule to {count} phrases; a rule may have at most {MAX_PHRASES}"
                ),
                "keep the phrases that name the thing in the sources; a phrase list is not a dictionary",
            );
        } else if bytes > MAX_PHRASE_BYTES && b0 <= MAX_PHRASE_BYTES {
            r.error(
                "rule-too-large",
                l.span().start,
                format!(
                    "rule `{id}`: {what} brings the rule's phrases to {bytes} bytes; a rule may have at most {MAX_PHRASE_BYTES}"
                ),
                "keep the phrases short and few",
            );
        }
    }
    r.errors() == before
}
