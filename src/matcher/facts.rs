//! A matched value becomes facts: its origin (who stands behind it) and
//! its key (period, dimensions, parties), each with why, for `explain`.

use super::*;

impl Matcher {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn facts_for(
        &self,
        rule: &Rule,
        ri: usize,
        ctx: &Context,
        src: &Source,
        (item, span, roles): (Item, (usize, usize), &Roles),
        state: &mut SourceState,
        traced: bool,
    ) -> Vec<(Fact, Vec<String>)> {
        let mut why = Why::new(traced);
        let ambiguous = matches!(&item, Item::Value(i) if ctx.values[*i].ambiguous);
        let value = match &item {
            Item::Category(label) => FactValue::Category(label.to_string()),
            Item::Value(i) => FactValue::from_extracted(&ctx.values[*i], rule.approx),
            Item::Entity(_) => return Vec::new(),
        };
        let (origin, found) = if rule.attribution.is_empty() {
            why.note(|| {
                "origin: the rule names no authority, so the source stands behind it".into()
            });
            (Origin::Source(state.id.clone()), OriginVia::Source)
        } else {
            match nearest_hit(ctx, &self.compiled[ri].attribution, span, true) {
                Some((label, level)) => {
                    why.note(|| format!("origin: `{label}` named {}", place_name(level)));
                    (Origin::Authority(label), OriginVia::at_level(level))
                }
                None => {
                    why.note(|| "origin: no authority named in the sentence or the ones before it in its paragraph; the source stands behind it".into());
                    (Origin::Source(state.id.clone()), OriginVia::Unattributed)
                }
            }
        };
        // Keys: each dimension may have several values (a list of years).
        let mut keys: Vec<FactKey> = vec![Vec::new()];
        let mut party_dim: Option<(usize, bool)> = None;
        for (di, dim) in rule.key.iter().enumerate() {
            let (name, labels): (String, Vec<String>) = match dim {
                KeyDim::Pair | KeyDim::Party => {
                    party_dim = Some((di, matches!(dim, KeyDim::Pair)));
                    continue;
                }
                KeyDim::Period => {
                    let mut labels = period_key(ctx, span, &item);
                    if !labels.is_empty() {
                        why.note(|| format!("period: {} read in the sentence", labels.join(", ")));
                    } else if let Some((label, back)) = earlier_period(ctx) {
                        why.note(|| format!("period: {label} named {}", place_name(2 + back)));
                        labels.push(label);
                    }
                    ("period".into(), labels)
                }
                KeyDim::Dimension(name) => {
                    let phrases = self.compiled[ri]
                        .dimensions
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, p)| p);
                    match phrases.and_then(|p| nearest_hit(ctx, p, span, true)) {
                        Some((label, level)) => {
                            why.note(|| format!("{name}: `{label}` named {}", place_name(level)));
                            (name.clone(), vec![label.to_string()])
                        }
                        None => (name.clone(), Vec::new()),
                    }
                }
            };
            let labels = if labels.is_empty() {
                match state
                    .carried
                    .get(&(ri, name.clone()))
                    .filter(|(_, para)| *para == state.paragraph)
                    .map(|(label, _)| label)
                {
                    Some(prev) => {
                        why.note(|| format!("{name}: {prev}, carried from the previous figure of this rule in the paragraph"));
                        vec![prev.clone()]
                    }
                    None => {
                        match rule.dimension_defaults.iter().find(|(n, _)| *n == name) {
                            Some((_, label)) => {
                                why.note(|| format!("{name}: {label}, the rule's default: no phrase of it is named"));
                                vec![label.clone()]
                            }
                            None => {
                                why.note(|| format!("{name}: not stated"));
                                vec!["unspecified".into()]
                            }
                        }
                    }
                }
            } else {
                labels
            };
            if let Some(last) = labels.last() {
                state
                    .carried
                    .insert((ri, name.clone()), (last.clone(), state.paragraph));
            }
            let mut next = Vec::new();
            for k in &keys {
                for l in &labels {
                    let mut k = k.clone();
                    k.push((name.clone(), l.clone()));
                    next.push(k);
                }
            }
            keys = next;
        }
        if let Some((di, want_pair)) = party_dim {
            let direction = keys
                .first()
                .and_then(|k| k.iter().find(|(n, _)| n == "direction"))
                .map(|(_, l)| l.clone());
            let (label, flow) = self.party_label(
                rule,
                ri,
                ctx,
                span,
                roles,
                want_pair,
                direction.as_deref(),
                state,
                &mut why,
            );
            let name = if want_pair { "pair" } else { "party" };
            for k in &mut keys {
                k.insert(di.min(k.len()), (name.to_string(), label.clone()));
                if let Some(flow) = &flow
                    && let Some(d) = k.iter_mut().find(|(n, _)| n == "direction")
                {
                    d.1 = flow.clone();
                }
            }
        }
        let quote = Quote::new(src, ctx.sentence, span);
        let adjusted = match &origin {
            Origin::Authority(a) => rule
                .adjust
                .iter()
                .find(|(w, _)| **w == **a)
                .map(|(_, adj)| {
                    why.note(|| {
                        format!(
                            "adjusted ×{} for {a}: {}",
                            crate::value::Fmt(adj.factor),
                            adj.note
                        )
                    });
                    Box::new((value.scaled(adj.factor), adj.note.clone()))
                }),
            Origin::Source(_) => None,
        };
        let why = why.into_notes();
        keys.into_iter()
            .map(|key| {
                (
                    Fact {
                        rule: self.rule_ids[ri].clone(),
                        source: state.id.clone(),
                        key: state.key(key),
                        origin: origin.clone(),
                        found,
                        value: value.clone(),
                        adjusted: adjusted.clone(),
                        quote: quote.clone(),
                        pos: span.0,
                        ambiguous,
                    },
                    why.clone(),
                )
            })
            .collect()
    }

    /// The label of a figure's `pair` or `party` key, and the direction
    /// label its figure takes when the pair is ordered (`flow`).
    #[allow(clippy::too_many_arguments)]
    fn party_label(
        &self,
        rule: &Rule,
        ri: usize,
        ctx: &Context,
        span: (usize, usize),
        roles: &[(Arc<str>, usize)],
        want_pair: bool,
        direction: Option<&str>,
        state: &mut SourceState,
        why: &mut Why,
    ) -> (String, Option<String>) {
        let Some(gaz) = ctx.ents.gaz else {
            return ("unkeyed".into(), None);
        };
        let kind = rule.parties.kind.as_str();
        if !state.leads.contains_key(kind) {
            let lead = Lead::read(gaz, kind, state.title.as_deref(), ctx.ents.mentions);
            state.leads.insert(kind.to_string(), lead);
        }
        let lead = &state.leads[kind];
        let found = self.find_parties(ri, &rule.parties, ctx, span, roles, want_pair, lead, why);
        match found {
            Found::Pair { a, b, ordered } => {
                let order = is_ordered(&rule.parties, direction);
                if order && ordered {
                    let flow = rule.parties.flow.clone();
                    if let Some(f) = &flow {
                        why.note(|| format!("direction: {f}, since the text names its sides"));
                    }
                    (pair_label(gaz, a, b, true), flow)
                } else {
                    if order {
                        why.note(|| "pair: the text does not say which side is which".into());
                    }
                    (pair_label(gaz, a, b, false), None)
                }
            }
            Found::One(a) => (gaz.entity(a).name.to_string(), None),
            Found::Unkeyed(reason) => {
                why.note(|| {
                    format!(
                        "{}: unkeyed: {reason}",
                        if want_pair { "pair" } else { "party" }
                    )
                });
                ("unkeyed".into(), None)
            }
        }
    }
}

/// A source that states a figure in its own voice (a headline, a lead)
/// and attributes the same figure elsewhere ("…, the customs committee
/// said") restates that authority: the unattributed fact takes the
/// authority's origin, so one source's restatement is not a second origin
/// that agrees. Only when every attributed fact of that rule, key and value
/// in the source names the same authority. One pass with a map: linear.
/// Returns each fact that changed, by index, with the origin it had.
pub(super) fn restated_origins(facts: &mut [Fact]) -> Vec<(usize, Origin)> {
    type Slot = Option<Origin>;
    let mut by: FxHashMap<(Arc<str>, Arc<FactKey>, String), Slot> = FxHashMap::default();
    for f in facts.iter() {
        if let Origin::Authority(_) = f.origin {
            let k = (f.rule.clone(), f.key.clone(), f.value.canonical());
            by.entry(k)
                .and_modify(|o| {
                    if o.as_ref() != Some(&f.origin) {
                        *o = None;
                    }
                })
                .or_insert_with(|| Some(f.origin.clone()));
        }
    }
    let mut changed = Vec::new();
    if by.is_empty() {
        return changed;
    }
    for (i, f) in facts.iter_mut().enumerate() {
        if let Origin::Source(_) = f.origin
            && let Some(Some(o)) = by.get(&(f.rule.clone(), f.key.clone(), f.value.canonical()))
        {
            f.found = OriginVia::Restated;
            changed.push((i, std::mem::replace(&mut f.origin, o.clone())));
        }
    }
    changed
}

/// Notes on why a fact is what it is, written only when someone observes.
pub(super) struct Why(Option<Vec<String>>);

impl Why {
    pub(super) fn new(on: bool) -> Why {
        Why(on.then(Vec::new))
    }

    pub(super) fn note(&mut self, f: impl FnOnce() -> String) {
        if let Some(v) = &mut self.0 {
            v.push(f());
        }
    }

    pub(super) fn into_notes(self) -> Vec<String> {
        self.0.unwrap_or_default()
    }
}
