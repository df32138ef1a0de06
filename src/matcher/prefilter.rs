//! The prefilter: one pass over a source finds which patterns can match in
//! which sentences.
//!
//! From each pattern we derive a set of literals one of which must stand in
//! any text the pattern matches (its required factor: "trade", or one of
//! "exports" / "imports"). All literals of all rules go into one
//! Aho–Corasick automaton, run once over the lower-cased source. Only the
//! sentences where a pattern's literal stands are read further, and only for
//! that pattern. A pattern with no literal of at least `MIN_BYTES` bytes
//! (a bare `{money}`) is tried in every sentence.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};
use rustc_hash::FxHashMap;

/// Shorter literals fire almost everywhere ("a", "-"); the bytes count, so
/// a two-letter Arabic word ("طن") still serves.
const MIN_BYTES: usize = 3;
/// Cross products of alternatives are given up past this many strings.
const MAX_SET: usize = 64;

pub(super) struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// Literal id → the patterns (global ids) it stands for.
    patterns_of: Vec<Vec<u32>>,
    /// Patterns with no usable literal: candidates everywhere.
    pub(super) always: Vec<u32>,
}

impl Prefilter {
    /// `patterns[i]` is the regex of global pattern `i` as the prefilter
    /// sees it (slots as their classes). Returns the rules' literal sets too,
    /// for `rules show`.
    pub(super) fn new(patterns: &[String]) -> Result<Prefilter, String> {
        let mut ids: FxHashMap<String, usize> = FxHashMap::default();
        let mut literals: Vec<String> = Vec::new();
        let mut patterns_of: Vec<Vec<u32>> = Vec::new();
        let mut always = Vec::new();
        for (gi, p) in patterns.iter().enumerate() {
            match required_literals(p) {
                Some(set) => {
                    for lit in set {
                        let id = *ids.entry(lit.clone()).or_insert_with(|| {
                            literals.push(lit);
                            patterns_of.push(Vec::new());
                            literals.len() - 1
                        });
                        if !patterns_of[id].contains(&(gi as u32)) {
                            patterns_of[id].push(gi as u32);
                        }
                    }
                }
                None => always.push(gi as u32),
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&literals)
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(Prefilter {
            automaton,
            patterns_of,
            always,
        })
    }

    /// Calls `hit(byte offset, pattern)` for every literal occurrence in the
    /// lower-cased text; offsets are those of `lower`, which keeps the byte
    /// offsets of the text it was made from.
    pub(super) fn scan(&self, lower: &str, mut hit: impl FnMut(usize, u32)) {
        let Some(ac) = &self.automaton else { return };
        for m in ac.find_overlapping_iter(lower) {
            for &p in &self.patterns_of[m.pattern().as_usize()] {
                hit(m.start(), p);
            }
        }
    }
}

pub(super) use crate::text::lower_same_offsets;

/// Literals (lower-cased) one of which stands in every match of `pattern`,
/// or `None` when there is no such set of useful literals.
pub(super) fn required_literals(pattern: &str) -> Option<Vec<String>> {
    // Parsed case-sensitively: the literals are lower-cased and matched
    // against lower-cased text, which is what (?i) means for them.
    let body = pattern.strip_prefix("(?i)").unwrap_or(pattern);
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(body)
        .ok()?;
    let set = required(&hir)?;
    let mut set: Vec<String> = set.into_iter().map(|s| s.to_lowercase()).collect();
    set.sort();
    set.dedup();
    // A literal that contains another adds nothing.
    let kept: Vec<String> = set
        .iter()
        .filter(|s| !set.iter().any(|t| t != *s && s.contains(t.as_str())))
        .cloned()
        .collect();
    Some(kept)
}

fn good(set: &[String]) -> bool {
    !set.is_empty() && set.iter().all(|s| s.len() >= MIN_BYTES)
}

/// How useful a set is: its shortest literal, then fewer literals.
fn score(set: &[String]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(|s| s.chars().count()).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(set.len()))
}

/// A required factor of `h`.
fn required(h: &Hir) -> Option<Vec<String>> {
    match h.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for a in alts {
                all.extend(required(a)?);
                if all.len() > MAX_SET {
                    return None;
                }
            }
            good(&all).then_some(all)
        }
        HirKind::Concat(items) => {
            let mut best: Option<Vec<String>> = None;
            let mut consider = |set: Vec<String>| {
                if good(&set) && best.as_ref().is_none_or(|b| score(&set) > score(b)) {
                    best = Some(set);
                }
            };
            let mut run: Option<Vec<String>> = None;
            for item in items {
                match exact(item) {
                    Some(set) => {
                        run = Some(match run.take() {
                            None => set,
                            Some(prev) => match product(&prev, &set) {
                                Some(p) => p,
                                None => {
                                    consider(prev);
                                    set
                                }
                            },
                        });
                    }
                    None => {
                        if let Some(prev) = run.take() {
                            consider(prev);
                        }
                        if let Some(set) = required(item) {
                            consider(set);
                        }
                    }
                }
            }
            if let Some(prev) = run {
                consider(prev);
            }
            best
        }
        _ => exact(h).filter(|s| good(s)),
    }
}

/// Every string `h` can match, when they are few.
fn exact(h: &Hir) -> Option<Vec<String>> {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![String::new()]),
        HirKind::Literal(l) => Some(vec![String::from_utf8(l.0.to_vec()).ok()?]),
        HirKind::Class(Class::Unicode(c)) => {
            let mut out = Vec::new();
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    // Skeleton placeholders are values, never words.
                    if ('\u{E000}'..='\u{F8FF}').contains(&ch) {
                        return None;
                    }
                    out.push(ch.to_string());
                    if out.len() > 8 {
                        return None;
                    }
                }
            }
            Some(out)
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Repetition(r) if Some(r.min) == r.max && r.min <= 4 => {
            let one = exact(&r.sub)?;
            let mut acc = vec![String::new()];
            for _ in 0..r.min {
                acc = product(&acc, &one)?;
            }
            Some(acc)
        }
        HirKind::Repetition(_) => None,
        HirKind::Concat(items) => {
            let mut acc = vec![String::new()];
            for i in items {
                acc = product(&acc, &exact(i)?)?;
            }
            Some(acc)
        }
        HirKind::Alternation(alts) => {
            let mut out = Vec::new();
            for a in alts {
                out.extend(exact(a)?);
                if out.len() > MAX_SET {
                    return None;
                }
            }
            Some(out)
        }
    }
}

fn product(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    Some(
        a.iter()
            .flat_map(|x| b.iter().map(move |y| format!("{x}{y}")))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        required_literals(p)
    }

    #[test]
    fn keywords_before_a_window() {
        assert_eq!(
            lits("(?i)(?:trade|turnover|exports|imports)[^.]{0,120}?[\\x{E002}\\x{E012}]"),
            Some(vec![
                "exports".into(),
                "imports".into(),
                "trade".into(),
                "turnover".into()
            ])
        );
    }

    #[test]
    fn the_longest_factor_wins_and_classes_expand() {
        assert_eq!(
            lits("(?i)[\\x{E002}\\x{E012}][^.]{0,40}?(?:in|of) (?:bilateral )?trade"),
            Some(vec!["trade".into()])
        );
        assert_eq!(
            lits("(?i)التجار[ةي][^.]{0,9}x"),
            Some(vec!["التجارة".into(), "التجاري".into()])
        );
    }

    #[test]
    fn spaced_phrases_and_case() {
        assert_eq!(
            lits("(?i)(?:Central\\s+Bureau)[^.]{0,9}[\\x{E002}\\x{E012}]"),
            Some(vec!["central".into()])
        );
        assert_eq!(
            lits("(?i)Товарооборот[^.]{0,9}x"),
            Some(vec!["товарооборот".into()])
        );
    }

    #[test]
    fn no_literal_means_everywhere() {
        assert_eq!(lits("(?i)[\\x{E002}\\x{E012}]"), None);
        assert_eq!(lits("(?i)(?:ab|trade)[^.]{0,9}x"), None);
        assert_eq!(lits("(?i)(?:طن)[^.]{0,9}x"), Some(vec!["طن".into()]));
        assert_eq!(lits("(?i)(?:trade)?[^.]{0,9}x"), None);
    }

    #[test]
    fn lower_case_keeps_offsets() {
        let t = "Товарооборот İstanbul TRADE";
        let l = lower_same_offsets(t);
        assert_eq!(l.len(), t.len());
        assert!(l.starts_with("товарооборот"));
        assert!(l.ends_with("trade"));
    }
}
