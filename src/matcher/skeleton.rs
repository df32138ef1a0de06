//! Sentence skeletons: each value replaced by one placeholder of its class,
//! so patterns see a slot where a value stands.

use super::*;

/// Does a slot name accept this placeholder's value?
pub(super) fn slot_accepts(slot: &str, s: &Slot, values: &[Extracted]) -> bool {
    let Item::Value(i) = s.item else {
        return slot == "category";
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

pub(super) fn class_of(kind: Kind) -> Class {
    match kind {
        Kind::Number => Class::Number,
        Kind::Money => Class::Money,
        Kind::Percent => Class::Percent,
        Kind::Multiplier => Class::Multiplier,
        Kind::Date | Kind::Period => Class::Time,
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
