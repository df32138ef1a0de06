//! Rule patterns: author regexes whose `{slots}` name value grammars.
//!
//! The matcher replaces every value it read in a sentence with one private-use
//! character per class (money, number, percent, multiplier, time, category),
//! so a slot expands to a character class and authors never write a number or
//! date regex. The slot that carries the rule's value expands to the "target"
//! variant of its class: the matcher marks one candidate at a time as the
//! target, so every value a pattern can reach is tried, not only the first.

use regex::Regex;

use crate::text::fold_str;

/// The placeholder classes of the skeleton text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Number,
    Money,
    Percent,
    Multiplier,
    Time,
    Category,
    Quantity,
    /// An entity mention: the placeholder's code point (`entity_placeholder`).
    Entity(u32),
}

impl Class {
    pub fn placeholder(self, target: bool) -> char {
        let base = match self {
            Class::Number => 0xE001,
            Class::Money => 0xE002,
            Class::Percent => 0xE003,
            Class::Multiplier => 0xE004,
            Class::Time => 0xE005,
            Class::Category => 0xE006,
            Class::Quantity => 0xE007,
            // An entity slot is never the value slot: one form only.
            Class::Entity(c) => return char::from_u32(c).unwrap_or('\u{E000}'),
        };
        char::from_u32(base + if target { 0x10 } else { 0 }).unwrap_or('\u{E000}')
    }

    fn any(self) -> String {
        format!(
            "[\\x{{{:X}}}\\x{{{:X}}}]",
            self.placeholder(false) as u32,
            self.placeholder(true) as u32
        )
    }

    fn target(self) -> String {
        format!("\\x{{{:X}}}", self.placeholder(true) as u32)
    }
}

/// The category slot's class as patterns spell it; the matcher's prefilter
/// replaces it with the rule's category phrases.
pub fn category_class() -> String {
    Class::Category.any()
}

/// The placeholder of an entity mention in a skeleton: countries by
/// form (and ambiguous names apart); a user's kinds by a hash of the kind,
/// name and adjective apart.
pub fn entity_placeholder(kind: &str, form: crate::entity::Form, ambiguous: bool) -> char {
    use crate::entity::Form;
    let code = if kind == crate::entity::COUNTRY {
        if ambiguous {
            0xE104
        } else {
            match form {
                Form::Name => 0xE100,
                Form::Adjective => 0xE101,
                Form::Capital => 0xE102,
                Form::Bureau => 0xE103,
            }
        }
    } else {
        let h = kind.bytes().fold(0x811C_9DC5u32, |h, b| {
            (h ^ b as u32).wrapping_mul(0x0100_0193)
        });
        0xE120 + 2 * (h % 96) + u32::from(form == Form::Adjective)
    };
    char::from_u32(code).unwrap_or('\u{E000}')
}

/// Is `c` an entity placeholder?
pub fn is_entity_placeholder(c: char) -> bool {
    ('\u{E100}'..='\u{E1FF}').contains(&c)
}

/// An entity slot as a pattern or phrase writes it: `{country}`,
/// `{country:adj}`, `{capital}`, `{bureau}`, `{country:partner}` (a role),
/// `{company}` (a user's kind, from an `[[entity]]` list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySpec {
    pub kind: String,
    pub forms: Vec<crate::entity::Form>,
    /// A role the slot gives its entity ("from", "to", "partner").
    pub role: Option<String>,
}

impl EntitySpec {
    /// Reads a slot's inside; `None` when it is no entity slot's syntax.
    pub fn parse(spec: &str) -> Option<EntitySpec> {
        use crate::entity::{COUNTRY, Form};
        let mut parts = spec.split(':');
        let head = parts.next()?.trim();
        let ident = |s: &str| {
            s.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        };
        if !ident(head) {
            return None;
        }
        let (kind, mut forms) = match head {
            "capital" => (COUNTRY.to_string(), vec![Form::Capital]),
            "bureau" => (COUNTRY.to_string(), vec![Form::Bureau]),
            k => (k.to_string(), Vec::new()),
        };
        let mut role = None;
        for q in parts {
            let q = q.trim();
            if !ident(q) {
                return None;
            }
            match q {
                "name" => forms.push(Form::Name),
                "adj" | "adjective" => forms.push(Form::Adjective),
                "capital" => forms.push(Form::Capital),
                "bureau" => forms.push(Form::Bureau),
                r if role.is_none() => role = Some(r.to_string()),
                _ => return None,
            }
        }
        if forms.is_empty() {
            forms = vec![Form::Name, Form::Adjective];
        }
        Some(EntitySpec { kind, forms, role })
    }

    /// The character class of the placeholders the slot accepts. A
    /// country's name slot also takes an ambiguous name, so a figure about
    /// "Congo" is found, and left unkeyed, not missed.
    pub fn class(&self) -> String {
        use crate::entity::Form;
        let mut chars: Vec<char> = self
            .forms
            .iter()
            .map(|f| entity_placeholder(&self.kind, *f, false))
            .collect();
        if self.kind == crate::entity::COUNTRY && self.forms.contains(&Form::Name) {
            chars.push(entity_placeholder(&self.kind, Form::Name, true));
        }
        let inner: String = chars
            .iter()
            .map(|c| format!("\\x{{{:X}}}", *c as u32))
            .collect();
        format!("[{inner}]")
    }
}

/// The prefix of the capture group of an entity slot: `r{n}__{role}`.
pub const ROLE_GROUP: &str = "r";

/// The role of an entity slot that names none: a party of the figure.
pub const PARTY_ROLE: &str = "party";

/// The role a capture group's name gives, if it is a role group.
pub fn role_of_group(name: &str) -> Option<&str> {
    let rest = name.strip_prefix(ROLE_GROUP)?;
    let (n, role) = rest.split_once("__")?;
    n.chars().all(|c| c.is_ascii_digit()).then_some(role)
}

/// A regex with its entity classes left out (for the prefilter).
fn without_entity_classes(re: &str) -> String {
    let mut out = String::with_capacity(re.len());
    let mut rest = re;
    while let Some(k) = rest.find("[\\x{E1") {
        out.push_str(&rest[..k]);
        let after = &rest[k..];
        let end = after.find(']').map_or(after.len(), |e| e + 1);
        out.push_str("(?:)");
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// How many entity slots a phrase has.
pub fn entity_slot_count(text: &str) -> usize {
    slot_tokens(text)
        .filter(|(_, _, inner)| slot_class(inner).is_none() && EntitySpec::parse(inner).is_some())
        .count()
}

/// Does a phrase or pattern use an entity slot?
pub fn has_entity_slot(text: &str) -> bool {
    slot_tokens(text)
        .any(|(_, _, inner)| slot_class(inner).is_none() && EntitySpec::parse(inner).is_some())
}

/// Each `{…}` in `text` that is slot syntax (not a quantifier): start,
/// end (after the brace) and inside.
fn slot_tokens(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(k) = text[from..].find('{') {
            let open = from + k;
            let close = text[open..].find('}').map(|c| open + c)?;
            let inner = &text[open + 1..close];
            from = open + 1;
            if inner
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
            {
                from = close + 1;
                return Some((open, close + 1, inner));
            }
        }
        None
    })
}

/// The built-in value slots and the class each stands for.
pub const SLOTS: &[(&str, Class)] = &[
    ("money", Class::Money),
    ("count", Class::Number),
    ("number", Class::Number),
    ("percent", Class::Percent),
    ("multiplier", Class::Multiplier),
    ("date", Class::Time),
    ("year", Class::Time),
    ("period", Class::Time),
    ("category", Class::Category),
    ("quantity", Class::Quantity),
];

pub fn slot_class(name: &str) -> Option<Class> {
    SLOTS.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

#[derive(Debug, Clone)]
pub struct Pattern {
    /// As the author wrote it.
    pub source: String,
    /// The slot that carries the value ("money", "year", …).
    pub slot: String,
    /// The regex with the value slot as the target class.
    pub target: Regex,
    /// The regex with every slot as its whole class (to learn which rules fire).
    pub any: String,
    /// `any` for the prefilter, which reads the plain text: entity slots
    /// match nothing there, so they are left out (their neighbours stay).
    pub scan: String,
    /// The entity slots, in order.
    pub entities: Vec<EntitySpec>,
    /// `any`, compiled: can the pattern match a sentence at all?
    pub any_regex: Regex,
    /// The regex without its value slot: do the context words stand in a
    /// sentence at all (for `explain`)?
    pub context: String,
    /// `context`, compiled when the rule is loaded, so `explain` never
    /// meets a regex that does not build.
    pub context_regex: Regex,
}

#[derive(Debug, PartialEq, Eq)]
pub enum PatternError {
    UnknownSlot {
        name: String,
        offset: usize,
    },
    MissingSlot,
    TwoValueSlots {
        offset: usize,
    },
    Regex(String),
    /// The regex is valid but larger than the limits allow.
    TooLarge(String),
}

impl PatternError {
    fn from_regex(e: &regex::Error) -> PatternError {
        match e {
            regex::Error::CompiledTooBig(_) => PatternError::TooLarge(too_large_message(e)),
            _ => PatternError::Regex(regex_message(e)),
        }
    }
}

/// Expands a pattern. `value_slots` are the slot names that may carry the
/// rule's value; `aliases` are the rule's entity names and their spellings.
pub fn compile(
    source: &str,
    value_slots: &[&str],
    aliases: &[(String, Vec<String>)],
    entity_kinds: &[String],
) -> Result<Pattern, PatternError> {
    let folded = fold_str(source);
    let mut entities: Vec<EntitySpec> = Vec::new();
    let mut target = String::from("(?i)");
    let mut any = String::from("(?i)");
    let mut context = String::from("(?i)");
    let mut slot = None;
    let mut rest = folded.as_str();
    let mut offset = 0;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        target.push_str(before);
        any.push_str(before);
        context.push_str(before);
        let close = after.find('}');
        let name = close.map(|c| &after[1..c]).unwrap_or("");
        let is_slot = name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == ':');
        let Some(close) = close.filter(|_| is_slot) else {
            // A quantifier such as {0,80}: copy the brace through.
            target.push('{');
            any.push('{');
            context.push('{');
            rest = &after[1..];
            offset += open + 1;
            continue;
        };
        let at = offset + open;
        if let Some((_, spellings)) = aliases.iter().find(|(n, _)| n == name) {
            let alt = alternation(spellings);
            if target.len() + alt.len() > super::limits::MAX_EXPANDED_BYTES {
                return Err(PatternError::TooLarge(format!(
                    "spelled out, its aliases take more than {} bytes",
                    super::limits::MAX_EXPANDED_BYTES
                )));
            }
            target.push_str(&alt);
            any.push_str(&alt);
            context.push_str(&alt);
        } else if let Some(class) = slot_class(name) {
            if value_slots.contains(&name) && slot.is_none() {
                slot = Some(name.to_string());
                target.push_str(&class.target());
                context.push_str("(?:)");
            } else if value_slots.contains(&name) {
                return Err(PatternError::TwoValueSlots {
                    offset: char_offset(source, &folded, at),
                });
            } else {
                target.push_str(&class.any());
                context.push_str(&class.any());
            }
            any.push_str(&class.any());
        } else if let Some(spec) = EntitySpec::parse(name)
            .filter(|e| e.kind == crate::entity::COUNTRY || entity_kinds.contains(&e.kind))
        {
            let class = spec.class();
            // Every entity slot is captured: a slot with a role gives its
            // entity that role; one without names a party of the figure.
            let role = spec.role.as_deref().unwrap_or(PARTY_ROLE).replace('-', "_");
            let slot_re = format!("(?P<{ROLE_GROUP}{}__{role}>{class})", entities.len());
            target.push_str(&slot_re);
            context.push_str(&class);
            any.push_str(&class);
            entities.push(spec);
            rest = &after[close + 1..];
            offset += open + close + 1;
            continue;
        } else {
            return Err(PatternError::UnknownSlot {
                name: name.to_string(),
                offset: char_offset(source, &folded, at),
            });
        }
        rest = &after[close + 1..];
        offset += open + close + 1;
    }
    target.push_str(rest);
    any.push_str(rest);
    context.push_str(rest);
    let slot = slot.ok_or(PatternError::MissingSlot)?;
    let compiled = regex(&target).map_err(|e| PatternError::from_regex(&e))?;
    let any_regex = regex(&any).map_err(|e| PatternError::from_regex(&e))?;
    let context_regex = regex(&context).map_err(|e| PatternError::from_regex(&e))?;
    let scan = without_entity_classes(&any);
    Ok(Pattern {
        source: source.to_string(),
        slot,
        scan,
        entities,
        target: compiled,
        any,
        any_regex,
        context,
        context_regex,
    })
}

/// Regex limits: fixed, so a regex either compiles to the fast engines or
/// is refused when its rule is loaded, never run slowly. The compiled size
/// bounds the time and memory of refusing a hostile pattern too: building
/// stops as soon as the limit is passed.
const REGEX_SIZE_LIMIT: usize = 4 << 20;
const DFA_SIZE_LIMIT: usize = 16 << 20;
/// How deeply groups and repetitions may nest.
const REGEX_NEST_LIMIT: u32 = 64;

/// A regex built from rule text, within the limits.
pub fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(DFA_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
}

/// A phrase list as one case-insensitive regex, within the limits: what
/// the matcher runs for authorities, dimension values and categories.
pub fn phrases_regex(phrases: &[String]) -> Result<Regex, String> {
    regex(&format!("(?i){}", alternation(phrases))).map_err(|e| match e {
        regex::Error::CompiledTooBig(_) => too_large_message(&e),
        _ => regex_message(&e),
    })
}

fn too_large_message(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => {
            format!(
                "the compiled regex would exceed the limit of {} MiB",
                limit >> 20
            )
        }
        _ => regex_message(e),
    }
}

/// Phrases as a regex alternation: folded, escaped, any run of spaces
/// between words; longest first, since the first alternative that matches
/// wins, and "صادرات" listed before "صادراتها" would otherwise cut the
/// longer word short (and fail the whole-word check).
pub fn alternation(phrases: &[String]) -> String {
    let mut parts: Vec<String> = phrases
        .iter()
        .map(|p| {
            fold_str(p)
                .split_whitespace()
                .map(escape_with_slots)
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .filter(|p| !p.is_empty())
        .collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    format!("(?:{})", parts.join("|"))
}

/// A phrase word, escaped, with its entity slots as capture groups of
/// their classes ("{country}'s" → the class, then "'s").
fn escape_with_slots(word: &str) -> String {
    // An Arabic definite word after the preposition "ل" loses its alef
    // ("البيانات" → "للبيانات"): both spellings match.
    if let Some(rest) = word.strip_prefix("ال")
        && rest
            .chars()
            .next()
            .is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c))
    {
        return format!("(?:ال|لل){}", escape_with_slots(rest));
    }
    let mut out = String::new();
    let mut at = 0;
    for (a, b, inner) in slot_tokens(word) {
        let Some(spec) = EntitySpec::parse(inner) else {
            continue;
        };
        out.push_str(&regex::escape(&word[at..a]));
        out.push('(');
        out.push_str(&spec.class());
        out.push(')');
        at = b;
    }
    out.push_str(&regex::escape(&word[at..]));
    out
}

fn regex_message(e: &regex::Error) -> String {
    // The regex crate's message draws its own caret under the expanded
    // pattern; keep the last line, which says what is wrong.
    let s = e.to_string();
    s.lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .map_or(s.clone(), |l| {
            l.trim_start_matches("error:").trim().to_string()
        })
}

/// A byte offset in the folded pattern as a byte offset in the original.
fn char_offset(source: &str, folded: &str, at: usize) -> usize {
    let chars = folded[..at.min(folded.len())].chars().count();
    // Folding drops marks; map by counting kept characters.
    let mut kept = 0;
    for (i, c) in source.char_indices() {
        if kept == chars {
            return i;
        }
        if !fold_str(&c.to_string()).is_empty() {
            kept += 1;
        }
    }
    source.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_phrase_is_tried_before_its_prefix() {
        let phrases: Vec<String> = ["صادرات", "صادراتها", "export", "exports"]
            .map(String::from)
            .to_vec();
        let r = phrases_regex(&phrases).unwrap();
        let found: Vec<&str> = r
            .find_iter("صادراتها exports")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(found, ["صادراتها", "exports"]);
    }

    #[test]
    fn expands_slots_and_keeps_quantifiers() {
        let p = compile("(?:التجارة|trade)[^.]{0,80}?{money}", &["money"], &[], &[]).unwrap();
        assert_eq!(p.slot, "money");
        let s = format!("حجم التجارة ب{}", Class::Money.placeholder(true));
        assert!(p.target.is_match(&s));
        let s = format!("حجم التجارة ب{}", Class::Money.placeholder(false));
        assert!(!p.target.is_match(&s));
    }

    #[test]
    fn aliases_expand_to_spellings() {
        let aliases = vec![(
            "beit_alfa".to_string(),
            vec!["Beit Alfa".to_string(), "بيت ألفا".to_string()],
        )];
        let p = compile(
            "{beit_alfa}[^.]{0,40}{year}",
            &["year", "date"],
            &aliases,
            &[],
        )
        .unwrap();
        let s = format!("شركة بيت الفا عام{}", Class::Time.placeholder(true));
        assert!(p.target.is_match(&s));
        let s = format!("BEIT  alfa in {}", Class::Time.placeholder(true));
        assert!(p.target.is_match(&s));
    }

    #[test]
    fn reports_unknown_and_missing_slots() {
        let e = compile("trade {monney}", &["money"], &[], &[]).unwrap_err();
        assert_eq!(
            e,
            PatternError::UnknownSlot {
                name: "monney".into(),
                offset: 6
            }
        );
        assert_eq!(
            compile("trade {year}", &["money"], &[], &[]).unwrap_err(),
            PatternError::MissingSlot
        );
        assert!(matches!(
            compile("trade ( {money}", &["money"], &[], &[]),
            Err(PatternError::Regex(_))
        ));
    }
}
