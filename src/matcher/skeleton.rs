//! Sentence skeletons: each value replaced by one placeholder of its class,
//! so patterns see a slot where a value stands.

use super::*;

/// Does a slot name accept this placeholder's value?
pub(super) fn slot_accepts(slot: &str, s: &Slot, values: &[Extracted]) -> bool {
    let i = match s.item {
        Item::Value(i) => i,
        Item::Category(_) => return slot == "category",
        Item::Entity(_) => return false,
    };
    let v = &values[i];
    match slot {
        "money" => v.kind == Kind::Money,
        "count" => {
            v.kind == Kind::Number && v.point().is_some_and(|p| p.fract() == 0.0 && p >= 0.0)
        }
        "number" => v.kind == Kind::Number,
        "percent" => v.kind == Kind::Percent,
        "multiplier" => v.kind == Kind::Multiplier,
        "quantity" => v.kind == Kind::Quantity,
        "date" | "period" => matches!(v.kind, Kind::Date | Kind::Period),
        "year" => {
            matches!(v.kind, Kind::Date | Kind::Period)
                && !matches!(
                    v.value,
                    Value::Time {
                        grain: Grain::Day | Grain::Month,
                        ..
                    }
                )
        }
        _ => false,
    }
}

/// Does a slot's value fit what the rule asks: a percent's role (`kind =
/// "percent:change"`), and a quantity's unit (`unit = "t"`: barrels are no
/// tonnes)? Any value fits a rule that asks nothing. A money rule's unit is
/// for readers: its figures in other currencies are still read.
pub(super) fn value_fits(rule: &crate::rules::Rule, s: &Slot, values: &[Extracted]) -> bool {
    let Item::Value(i) = &s.item else {
        return true;
    };
    let v = &values[*i];
    let role_ok = rule
        .role
        .is_none_or(|r| v.kind != Kind::Percent || v.role == r);
    let unit_ok = match (&rule.unit, v.kind) {
        (Some(u), Kind::Quantity) => v.unit.is_none_or(|have| have == u),
        _ => true,
    };
    role_ok && unit_ok
}

pub(super) fn class_of(kind: Kind) -> Class {
    match kind {
        Kind::Number => Class::Number,
        Kind::Money => Class::Money,
        Kind::Percent => Class::Percent,
        Kind::Multiplier => Class::Multiplier,
        Kind::Date | Kind::Period => Class::Time,
        Kind::Quantity => Class::Quantity,
    }
}

/// A sentence with each value replaced by its placeholder.
#[derive(Clone)]
pub(super) struct Skeleton {
    pub(super) text: String,
    pub(super) slots: Vec<Slot>,
}

impl Skeleton {
    /// `values` are the sentence's values, in text order; `cats` the
    /// category phrases that stand in it.
    pub(super) fn build(
        text: &str,
        (s0, s1): (usize, usize),
        values: &[Extracted],
        cats: &[Hit],
    ) -> Skeleton {
        Skeleton::build_with(text, (s0, s1), values, cats, &[])
    }

    /// `build`, with entity mentions as placeholders too (`mentions` are
    /// the source's, with their indexes; only those in the span count).
    pub(super) fn build_with(
        text: &str,
        (s0, s1): (usize, usize),
        values: &[Extracted],
        cats: &[Hit],
        mentions: &[(usize, &Mention, &str)],
    ) -> Skeleton {
        let mut spans: Vec<(usize, usize, Class, Item)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (v.start, v.end, class_of(v.kind), Item::Value(i)))
            .collect();
        for c in cats {
            if !spans
                .iter()
                .any(|(a, b, _, _)| c.span.0 < *b && *a < c.span.1)
            {
                spans.push((
                    c.span.0,
                    c.span.1,
                    Class::Category,
                    Item::Category(c.label.clone()),
                ));
            }
        }
        for &(mi, m, kind) in mentions {
            if m.span.0 >= s0
                && m.span.1 <= s1
                && !spans
                    .iter()
                    .any(|(a, b, _, _)| m.span.0 < *b && *a < m.span.1)
            {
                let ambiguous = matches!(m.target, crate::entity::Target::Ambiguous(_));
                let ph = crate::rules::pattern::entity_placeholder(kind, m.form, ambiguous);
                spans.push((
                    m.span.0,
                    m.span.1,
                    Class::Entity(ph as u32),
                    Item::Entity(mi),
                ));
            }
        }
        spans.sort_by_key(|s| s.0);
        let mut out = String::with_capacity(s1 - s0);
        let mut slots = Vec::new();
        let mut at = s0;
        for (a, b, class, item) in spans {
            if a < at {
                continue;
            }
            out.push_str(&text[at..a]);
            slots.push(Slot {
                at: out.len(),
                class,
                item,
                span: (a, b),
            });
            out.push(class.placeholder(false));
            at = b;
        }
        out.push_str(&text[at..s1]);
        Skeleton { text: out, slots }
    }

    /// The text offset a skeleton offset stands for (a placeholder: the
    /// start of what it replaced).
    pub(super) fn to_text(&self, s0: usize, at: usize) -> usize {
        let k = self.slots.partition_point(|s| s.at <= at);
        match k.checked_sub(1).map(|k| &self.slots[k]) {
            None => s0 + at,
            Some(slot) => {
                let len = slot.class.placeholder(false).len_utf8();
                if at < slot.at + len {
                    slot.span.0
                } else {
                    slot.span.1 + (at - slot.at - len)
                }
            }
        }
    }

    /// The slot whose placeholder starts at skeleton offset `at`.
    pub(super) fn slot_at(&self, at: usize) -> Option<&Slot> {
        self.slots
            .binary_search_by_key(&at, |s| s.at)
            .ok()
            .map(|k| &self.slots[k])
    }

    /// Runs `f` on the skeleton with slot `k` marked as the target. The
    /// placeholder is swapped in place (both forms have the same length), so
    /// trying every slot copies nothing.
    pub(super) fn with_target<T>(&mut self, k: usize, f: impl FnOnce(&str) -> T) -> T {
        let slot = &self.slots[k];
        let (plain, target) = (slot.class.placeholder(false), slot.class.placeholder(true));
        let at = slot.at;
        let len = plain.len_utf8();
        let mut buf = [0u8; 4];
        self.text
            .replace_range(at..at + len, target.encode_utf8(&mut buf));
        let out = f(&self.text);
        self.text
            .replace_range(at..at + len, plain.encode_utf8(&mut buf));
        out
    }
}
