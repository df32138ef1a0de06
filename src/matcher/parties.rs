//! Whose figure it is: the parties of a `pair` or `party` key.
//!
//! Parties come from the figure's own words first (a pattern's role slot,
//! a `[rule.parties]` phrase: "exports from {country}"), then from the
//! entities named around it in its sentence: the list nearest before it
//! ("trade between Azerbaijan and Israel reached…"), completed by the
//! sentence's first entity, its topic ("Israel's trade with Azerbaijan
//! ($1.7bn) dwarfs its trade with Kazakhstan ($80M)": Israel with each),
//! or by the one named after it. What is still missing comes from the
//! sentences before it in its paragraph, then from the article's headline
//! and lead. A figure whose parties cannot be told (one party only, three
//! listed together, an ambiguous name) is unkeyed, never guessed.
//! Entities named as an origin ("according to Israel's statistics",
//! "Astana put trade at…" where the rule's attribution takes `{capital}`)
//! and statistics bureaus are never parties; a capital standing for its
//! government otherwise is ("Tel Aviv and Astana signed…").

use super::*;
use crate::entity::{Form, Target};
use crate::rules::{Ordered, Parties};

/// The entities of a source, for the matcher.
#[derive(Clone, Copy)]
pub(super) struct Ents<'a> {
    pub(super) gaz: Option<&'a Gazetteer>,
    pub(super) mentions: &'a [Mention],
    /// The source lower-cased with the same offsets (empty without a
    /// gazetteer).
    pub(super) lower: &'a str,
}

impl<'a> Ents<'a> {
    /// The mentions within a span, with their indexes and kinds.
    pub(super) fn in_span(&self, (a, b): (usize, usize)) -> Vec<(usize, &'a Mention, &'a str)> {
        let Some(gaz) = self.gaz else {
            return Vec::new();
        };
        let k = self.mentions.partition_point(|m| m.span.0 < a);
        self.mentions[k..]
            .iter()
            .enumerate()
            // Mentions are sorted by start; one that runs past the span
            // (a sentence cut inside "U.S.") is left out, not the rest.
            .take_while(|(_, m)| m.span.0 < b)
            .filter(|(_, m)| m.span.1 <= b)
            .map(|(i, m)| (k + i, m, kind_of(gaz, m)))
            .collect()
    }
}

fn kind_of<'g>(gaz: &'g Gazetteer, m: &Mention) -> &'g str {
    match &m.target {
        Target::One(e) => &gaz.entity(*e).kind,
        Target::Ambiguous(v) => v.first().map_or("", |e| &*gaz.entity(*e).kind),
    }
}

/// What a party is: an entity, or a name that could be several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Party {
    One(u32),
    Ambiguous(Arc<[u32]>),
}

impl Party {
    fn of(m: &Mention) -> Party {
        match &m.target {
            Target::One(e) => Party::One(*e),
            Target::Ambiguous(v) => Party::Ambiguous(v.clone()),
        }
    }
}

/// The headline and lead's entities of one kind, most named first.
#[derive(Debug, Clone, Default)]
pub(super) struct Lead {
    pub(super) ranked: Vec<u32>,
}

/// How far into a text its lead reaches.
pub(super) const LEAD_BYTES: usize = 1_500;

impl Lead {
    /// Entities of `kind` by how often the title and the lead (the text's
    /// first 1,500 bytes) name them, the title counting three times; ties
    /// by first mention.
    pub(super) fn read(
        gaz: &Gazetteer,
        kind: &str,
        title: Option<&str>,
        mentions: &[Mention],
    ) -> Lead {
        let mut score: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
        let mut add = |e: u32, w: usize, pos: usize| {
            let s = score.entry(e).or_insert((0, pos));
            s.0 += w;
            s.1 = s.1.min(pos);
        };
        if let Some(t) = title {
            let t = crate::text::fold_str(t);
            let lower = crate::text::lower_same_offsets(&t);
            for m in gaz.mentions(&t, &lower) {
                if let Some(e) = party_entity(gaz, kind, &m) {
                    add(e, 3, 0);
                }
            }
        }
        for m in mentions.iter().take_while(|m| m.span.0 < LEAD_BYTES) {
            if let Some(e) = party_entity(gaz, kind, m) {
                add(e, 1, m.span.0 + 1);
            }
        }
        let mut ranked: Vec<(u32, (usize, usize))> = score.into_iter().collect();
        ranked.sort_by_key(|&(e, (n, first))| (std::cmp::Reverse(n), first, e));
        Lead {
            ranked: ranked.into_iter().map(|(e, _)| e).collect(),
        }
    }
}

/// A mention that can be a party of this kind: a name or an adjective of
/// one entity.
fn party_entity(gaz: &Gazetteer, kind: &str, m: &Mention) -> Option<u32> {
    let e = m.entity()?;
    (matches!(m.form, Form::Name | Form::Adjective) && *gaz.entity(e).kind == *kind).then_some(e)
}

/// The parties found for a figure.
pub(super) enum Found {
    /// Two parties; `from` is set when the text gives a side.
    Pair {
        a: u32,
        b: u32,
        ordered: bool,
    },
    One(u32),
    Unkeyed(String),
}

impl Matcher {
    /// The parties of a figure at `span`, and notes on how they were found.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn find_parties(
        &self,
        ri: usize,
        parties: &Parties,
        ctx: &Context,
        span: (usize, usize),
        roles: &[(Arc<str>, usize)],
        want_pair: bool,
        lead: &Lead,
        why: &mut Why,
    ) -> Found {
        let Some(gaz) = ctx.ents.gaz else {
            return Found::Unkeyed("no gazetteer".into());
        };
        let kind = parties.kind.as_str();
        let name = |e: u32| gaz.entity(e).name.to_string();
        // Mentions named as an origin are not parties.
        let origin_spans: Vec<(usize, usize)> = ctx
            .hits_of(&self.compiled[ri].attribution, 0)
            .iter()
            .map(|h| h.span)
            .collect();
        let mentions = |area: (usize, usize), spans: &[(usize, usize)]| -> Vec<&Mention> {
            ctx.ents
                .in_span(area)
                .into_iter()
                .filter(|(_, m, k)| {
                    *k == kind && matches!(m.form, Form::Name | Form::Adjective | Form::Capital)
                })
                .filter(|(_, m, _)| !spans.iter().any(|s| within(m.span, *s)))
                .map(|(_, m, _)| m)
                .collect()
        };
        let candidates = |area: (usize, usize), spans: &[(usize, usize)]| -> Vec<(usize, Party)> {
            mentions(area, spans)
                .into_iter()
                .map(|m| (m.span.0, Party::of(m)))
                .collect()
        };
        // Sides the text gives: the pattern's roles, then the rule's phrases.
        let mut from: Option<Party> = None;
        let mut to: Option<Party> = None;
        // The pattern's own entity slots name the parties.
        let mut slotted: Vec<Party> = Vec::new();
        for (role, mi) in roles {
            let p = Party::of(&ctx.ents.mentions[*mi]);
            match &**role {
                "from" => from = Some(p),
                "to" => to = Some(p),
                _ => {
                    if !slotted.contains(&p) {
                        slotted.push(p);
                    }
                }
            }
        }
        if !slotted.is_empty() {
            why.note(|| {
                let names: Vec<String> = slotted.iter().map(|p| party_name(gaz, p)).collect();
                format!("parties: {} (the pattern's entity slots)", names.join(", "))
            });
        }
        let side_hits = self.compiled[ri].roles.as_slice();
        if !side_hits.is_empty() {
            // The figure's own clause first, then its stretch of the
            // sentence: "imports from Russia were $13.1bn, exports of
            // Kazakh goods to Russia $6.8bn" gives each figure its sides.
            let clause = ctx.clause_of(span.0);
            let stretch = self.figure_segment(ctx, span);
            let hits = ctx.hits_of(side_hits, 0);
            for want in ["from", "to"] {
                let slot = if want == "from" { &mut from } else { &mut to };
                if slot.is_some() {
                    continue;
                }
                let nearest = |area: (usize, usize)| {
                    hits.iter()
                        .filter(|h| &*h.label == want && within(h.span, area))
                        .filter_map(|h| h.mention.map(|m| (h, m)))
                        .min_by_key(|(h, _)| distance(span, h.span))
                };
                let best = nearest(clause)
                    .or_else(|| nearest(stretch))
                    .or_else(|| nearest(ctx.segment_of(span.0)));
                if let Some((_, mi)) = best {
                    *slot = Some(Party::of(&ctx.ents.mentions[mi]));
                    why.note(|| {
                        format!(
                            "{want}: {} (a [rule.parties] {want} phrase)",
                            party_name(gaz, slot.as_ref().unwrap())
                        )
                    });
                }
            }
        }
        // The sentence: the list nearest before the figure, completed by
        // the sentence's topic or the one named after it.
        let all = candidates(ctx.sentence, &origin_spans);
        let partners: Vec<usize> = mentions(ctx.sentence, &origin_spans)
            .into_iter()
            .filter(|m| is_partner(ctx.text, m))
            .map(|m| m.span.0)
            .collect();
        // A party is a partner only if every mention of it is one.
        let partner_party = |p: &Party| {
            all.iter()
                .filter(|(_, q)| q == p)
                .all(|(at, _)| partners.contains(at))
        };
        let (seg0, seg1) = self.figure_segment(ctx, span);
        let before: Vec<&(usize, Party)> = all
            .iter()
            .filter(|(at, _)| *at >= seg0 && *at < span.0)
            .collect();
        let after: Vec<&(usize, Party)> = all
            .iter()
            .filter(|(at, _)| *at >= span.1 && *at < seg1)
            .collect();
        let list_before = last_list(ctx.text, &before, &ctx.ents);
        let list_after = first_list(ctx.text, &after, &ctx.ents);
        let mut set: Vec<Party> = Vec::new();
        let push = |p: &Party, set: &mut Vec<Party>| {
            if !set.contains(p) {
                set.push(p.clone());
            }
        };
        for p in from.iter().chain(to.iter()).chain(slotted.iter()) {
            push(p, &mut set);
        }
        let mut place = "in its sentence";
        if set.len() < 2 {
            let list = if list_before.is_empty() {
                &list_after
            } else {
                &list_before
            };
            if list.len() > 2 {
                let names: Vec<String> = list.iter().map(|p| party_name(gaz, p)).collect();
                return Found::Unkeyed(format!(
                    "several parties listed together ({})",
                    names.join(", ")
                ));
            }
            for p in list {
                push(p, &mut set);
            }
            if set.len() == 1 && want_pair {
                // The sentence's topic, then the one named after it.
                // One named after the figure completes the pair in the
                // figure's clause ("three times what Israel announced") or
                // as a partner ("exported $50M to Israel"); not in another
                // clause ("…, ahead of Germans and Britons").
                let topic = all
                    .iter()
                    .filter(|(at, _)| *at < span.0)
                    .map(|(_, p)| p)
                    .find(|p| !set.contains(p));
                let clause = ctx.clause_of(span.0);
                let next = after
                    .iter()
                    .filter(|(at, _)| partners.contains(at) || *at < clause.1)
                    .map(|(_, p)| p)
                    .find(|p| !set.contains(p));
                if let Some(p) = topic.filter(|_| !list_before.is_empty()).or(next).or(topic) {
                    push(p, &mut set);
                }
            }
        }
        if !want_pair {
            // One party: the subject, never a partner ("Kazakhstan's need
            // for Israel when it won its independence": not Israel's).
            set.retain(|p| !partner_party(p));
            if set.is_empty() {
                let subject = before
                    .iter()
                    .rev()
                    .chain(after.iter())
                    .find(|(at, _)| !partners.contains(at));
                if let Some((_, p)) = subject {
                    set.push(p.clone());
                }
            }
        }
        // A figure that names one party as its subject ("Azerbaijan's total
        // exports reached…") is about that party alone, not a pair; one
        // that names its partner ("imports from Israel") or points to the
        // two ("bilateral") takes the other from the context.
        // Tourists of one country go somewhere: a flow rule's one named
        // side takes the other from the context.
        let always_ordered = matches!(parties.ordered, Ordered::Always);
        let lone_subject = want_pair
            && set.len() == 1
            && !always_ordered
            && slotted.is_empty()
            && !partner_party(&set[0])
            && before.iter().any(|(_, p)| *p == set[0]);
        if let Some(p) = set.iter().find(|p| matches!(p, Party::Ambiguous(_))) {
            return Found::Unkeyed(format!("{} is ambiguous", party_name(gaz, p)));
        }
        let mut ids: Vec<u32> = set
            .iter()
            .filter_map(|p| match p {
                Party::One(e) => Some(*e),
                Party::Ambiguous(_) => None,
            })
            .collect();
        // "Kazakhstan's statistics put trade with Israel at…": a figure
        // that names only its partner has the origin's country as its
        // subject.
        if want_pair && ids.len() == 1 && partner_party(&Party::One(ids[0])) {
            let origin_country = ctx
                .ents
                .in_span(ctx.sentence)
                .into_iter()
                .filter(|(_, _, k)| *k == kind)
                .filter(|(_, m, _)| {
                    matches!(m.form, Form::Capital | Form::Bureau)
                        || origin_spans.iter().any(|s| within(m.span, *s))
                })
                .filter_map(|(_, m, _)| m.entity())
                .find(|e| *e != ids[0]);
            if let Some(e) = origin_country {
                why.note(|| {
                    format!(
                        "parties: {} is the subject, as the origin's country",
                        name(e)
                    )
                });
                ids.push(e);
            }
        }
        // The paragraph, then the headline and lead.
        let cue = ctx
            .ents
            .lower
            .get(ctx.sentence.0..ctx.sentence.1)
            .and_then(|sentence| gaz.pair_cue(sentence));
        let need = if want_pair { 2 } else { 1 };
        if lone_subject && cue.is_none() {
            return Found::Unkeyed(format!(
                "only {} is named, as the subject; no partner is named or pointed to",
                party_name(gaz, &set[0])
            ));
        }
        if ids.len() < need {
            for (k, &area) in ctx.earlier.iter().enumerate() {
                let earlier: Vec<u32> = candidates(area, &[])
                    .into_iter()
                    .filter_map(|(_, p)| match p {
                        Party::One(e) => Some(e),
                        Party::Ambiguous(_) => None,
                    })
                    .collect();
                let mut distinct: Vec<u32> = Vec::new();
                for e in earlier.iter().rev() {
                    if !distinct.contains(e) {
                        distinct.push(*e);
                    }
                }
                let fits = match ids.as_slice() {
                    [] => distinct.len() >= need,
                    [x] => distinct.iter().any(|e| e != x),
                    _ => false,
                };
                if fits {
                    for e in distinct {
                        if ids.len() < need && !ids.contains(&e) {
                            ids.push(e);
                        }
                    }
                    place = if k == 0 {
                        "in the sentence before"
                    } else {
                        "earlier in its paragraph"
                    };
                    break;
                }
            }
        }
        // "The two countries" points to a pair named before: a lone
        // mention that is not one of them (a port's country, a third
        // party in passing) gives way to it.
        if cue.is_some()
            && want_pair
            && ids.len() == 1
            && !lead.ranked.iter().take(2).any(|e| *e == ids[0])
            && !partner_party(&Party::One(ids[0]))
        {
            why.note(|| {
                format!(
                    "parties: {} is not one of the two the cue points to",
                    name(ids[0])
                )
            });
            ids.clear();
        }
        if ids.len() < need {
            let fits = match ids.as_slice() {
                [] => lead.ranked.len() >= need,
                [x] => !want_pair || lead.ranked.iter().take(2).any(|e| e == x),
                _ => false,
            };
            if fits {
                for &e in &lead.ranked {
                    if ids.len() < need && !ids.contains(&e) {
                        ids.push(e);
                    }
                }
                place = "in the headline and lead";
            }
        }
        if let Some(c) = &cue {
            why.note(|| format!("parties: «{c}» points to the two named before"));
        }
        // Tourists are named by their nationality ("52,000 Israelis
        // visited Azerbaijan", "6,62 млн россиян"): in a rule whose pairs
        // are always ordered, the party named by its adjective in the
        // figure's stretch of the sentence (nearest before it, else the
        // first after it) is the origin side, when the text names none.
        if always_ordered && from.is_none() {
            let demonyms: Vec<(bool, u32)> = mentions(ctx.sentence, &origin_spans)
                .into_iter()
                .filter(|m| m.form == Form::Adjective && within(m.span, (seg0, seg1)))
                .filter_map(|m| m.entity().map(|e| (m.span.1 <= span.0, e)))
                .filter(|(_, e)| ids.contains(e))
                .collect();
            // The nearest before the figure, else the first after it.
            let pick = demonyms
                .iter()
                .rev()
                .find(|(before, _)| *before)
                .or_else(|| demonyms.iter().find(|(before, _)| !*before))
                .map(|(_, e)| e);
            if let Some(&e) = pick
                && to != Some(Party::One(e))
            {
                from = Some(Party::One(e));
                why.note(|| {
                    format!(
                        "from: {}, named by its adjective before the figure",
                        name(e)
                    )
                });
            }
        }
        match ids.as_slice() {
            [a, b, ..] if want_pair => {
                let ordered = match (&from, &to) {
                    (Some(Party::One(f)), _) if f == a || f == b => {
                        let other = if f == a { *b } else { *a };
                        return self.noted(
                            Found::Pair {
                                a: *f,
                                b: other,
                                ordered: true,
                            },
                            gaz,
                            place,
                            why,
                        );
                    }
                    (_, Some(Party::One(t))) if t == a || t == b => {
                        let other = if t == a { *b } else { *a };
                        return self.noted(
                            Found::Pair {
                                a: other,
                                b: *t,
                                ordered: true,
                            },
                            gaz,
                            place,
                            why,
                        );
                    }
                    _ => false,
                };
                self.noted(
                    Found::Pair {
                        a: *a,
                        b: *b,
                        ordered,
                    },
                    gaz,
                    place,
                    why,
                )
            }
            [a, ..] if !want_pair => self.noted(Found::One(*a), gaz, place, why),
            [a] => Found::Unkeyed(format!(
                "only {} is named; the other party is not",
                name(*a)
            )),
            _ => Found::Unkeyed(
                "no party is named in the sentence, its paragraph or the lead".into(),
            ),
        }
    }

    fn noted(&self, f: Found, gaz: &Gazetteer, place: &str, why: &mut Why) -> Found {
        match &f {
            Found::Pair { a, b, ordered } => why.note(|| {
                format!(
                    "parties: {} and {} named {place}{}",
                    gaz.entity(*a).name,
                    gaz.entity(*b).name,
                    if *ordered {
                        ", the first as the origin side"
                    } else {
                        ""
                    }
                )
            }),
            Found::One(a) => why.note(|| format!("party: {} named {place}", gaz.entity(*a).name)),
            Found::Unkeyed(_) => {}
        }
        f
    }

    /// The stretch of the sentence that belongs to the figure: from the
    /// figure before it to the figure after it (dates and periods aside).
    fn figure_segment(&self, ctx: &Context, span: (usize, usize)) -> (usize, usize) {
        let figures = ctx
            .values
            .iter()
            .filter(|v| !matches!(v.kind, Kind::Date | Kind::Period))
            .filter(|v| (v.start, v.end) != span);
        let mut lo = ctx.sentence.0;
        let mut hi = ctx.sentence.1;
        for v in figures {
            if v.end <= span.0 {
                lo = lo.max(v.end);
            } else if v.start >= span.1 {
                hi = hi.min(v.start);
            }
        }
        (lo, hi)
    }
}

/// The key label of a pair: "A–B" in name order, or "A → B".
pub(super) fn pair_label(gaz: &Gazetteer, a: u32, b: u32, ordered: bool) -> String {
    let (na, nb) = (&gaz.entity(a).name, &gaz.entity(b).name);
    if ordered {
        format!("{na} → {nb}")
    } else if na <= nb {
        format!("{na}–{nb}")
    } else {
        format!("{nb}–{na}")
    }
}

/// Is the pair of this rule ordered, for this direction label?
pub(super) fn is_ordered(parties: &Parties, direction: Option<&str>) -> bool {
    match &parties.ordered {
        Ordered::Never => false,
        Ordered::Always => true,
        Ordered::When(labels) => direction.is_some_and(|d| labels.iter().any(|l| l == d)),
    }
}

fn party_name(gaz: &Gazetteer, p: &Party) -> String {
    match p {
        Party::One(e) => gaz.entity(*e).name.to_string(),
        Party::Ambiguous(v) => {
            let names: Vec<&str> = v.iter().map(|e| &*gaz.entity(*e).name).collect();
            format!("a name of {}", names.join(" or "))
        }
    }
}
