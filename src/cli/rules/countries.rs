//! The countries a sample names, for `rules new`: found with the gazetteer
//! as the matcher finds them, and read with phrases whose `{country}` slots
//! stand for them ("exports to {country}", "{country:adj} statistics"), so
//! a draft can say which country is a side of the figure and which one's
//! statistics stand behind it. What a draft proposes only: the rule's own
//! phrases are what the matcher reads.

use crosscheck::entity::{Form, Gazetteer, Mention, Target};
use crosscheck::rules::pattern::{entity_placeholder, phrases_regex};
use crosscheck::text::{is_letter, lower_same_offsets};

/// A phrase that reads the sample, with the country its slot stands for.
pub(super) struct Hit {
    /// Where it is in the folded sample.
    pub(super) span: (usize, usize),
    pub(super) entity: u32,
}

/// A mention in the skeleton: where its placeholder is, where its words are.
struct Slot {
    sk: (usize, usize),
    text: (usize, usize),
    mention: usize,
}

/// The countries named in a folded sample.
pub(super) struct Countries {
    gaz: &'static Gazetteer,
    mentions: Vec<Mention>,
    /// The sample with each mention replaced by its placeholder, as the
    /// matcher reads phrases with entity slots.
    skeleton: String,
    slots: Vec<Slot>,
}

impl Countries {
    /// The countries `text` (folded) names.
    pub(super) fn find(text: &str) -> Countries {
        let gaz = Gazetteer::builtin();
        // The built-in gazetteer names countries only.
        let mentions = gaz.mentions(text, &lower_same_offsets(text));
        let mut skeleton = String::with_capacity(text.len());
        let mut slots = Vec::new();
        let mut at = 0;
        for (i, m) in mentions.iter().enumerate() {
            if m.span.0 < at {
                continue;
            }
            skeleton.push_str(&text[at..m.span.0]);
            let ambiguous = matches!(m.target, Target::Ambiguous(_));
            let ph = entity_placeholder(crosscheck::entity::COUNTRY, m.form, ambiguous);
            let start = skeleton.len();
            skeleton.push(ph);
            slots.push(Slot {
                sk: (start, skeleton.len()),
                text: m.span,
                mention: i,
            });
            at = m.span.1;
        }
        skeleton.push_str(&text[at..]);
        Countries {
            gaz,
            mentions,
            skeleton,
            slots,
        }
    }

    /// A country's name as keys write it.
    pub(super) fn name(&self, e: u32) -> String {
        self.gaz.entity(e).name.to_string()
    }

    /// The offset in the text a skeleton offset stands for.
    fn to_text(&self, at: usize) -> usize {
        let mut delta: isize = 0;
        for s in &self.slots {
            if at < s.sk.0 {
                break;
            }
            if at < s.sk.1 {
                return s.text.0;
            }
            delta = s.text.1 as isize - s.sk.1 as isize;
        }
        (at as isize + delta) as usize
    }

    /// Where each phrase of `phrases` reads the sample with a country in
    /// its slot.
    pub(super) fn hits(&self, text: &str, phrases: &[&str]) -> Vec<Hit> {
        let mut out = Vec::new();
        for p in phrases {
            let Ok(re) = phrases_regex(&[p.to_string()]) else {
                continue;
            };
            for c in re.captures_iter(&self.skeleton) {
                let Some(m) = c.get(0) else { continue };
                let entity = c.iter().skip(1).flatten().find_map(|g| {
                    let s = self.slots.iter().find(|s| s.sk.0 == g.start())?;
                    self.mentions[s.mention].entity()
                });
                let Some(entity) = entity else { continue };
                let (a, b) = (self.to_text(m.start()), self.to_text(m.end()));
                if a < b && is_word_at(text, a, b) {
                    out.push(Hit {
                        span: (a, b),
                        entity,
                    });
                }
            }
        }
        out.sort_by_key(|h| h.span);
        out
    }

    /// The countries the sample's figure can be about, in the order they
    /// are first named: names and adjectives of one country, none within
    /// `except` (an authority's words); and where the sample names them.
    pub(super) fn parties(&self, except: &[(usize, usize)]) -> (Vec<u32>, Vec<(usize, usize)>) {
        let mut out = Vec::new();
        let mut spans = Vec::new();
        for m in &self.mentions {
            let Some(e) = m.entity() else { continue };
            let inside = except.iter().any(|&(a, b)| m.span.0 >= a && m.span.1 <= b);
            if matches!(m.form, Form::Name | Form::Adjective) && !inside {
                spans.push(m.span);
                if !out.contains(&e) {
                    out.push(e);
                }
            }
        }
        (out, spans)
    }
}

/// Is `text[a..b]` a whole word, or one glued behind proclitics? As the
/// matcher checks a phrase.
fn is_word_at(text: &str, a: usize, b: usize) -> bool {
    let after_ok = text[b..].chars().next().is_none_or(|c| !is_letter(c));
    let word_start = text[..a]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_letter(c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    if word_start == a {
        return after_ok;
    }
    let first_end = text[a..b]
        .find(|c: char| !is_letter(c))
        .map_or(b, |k| a + k);
    let glued = &text[word_start..first_end];
    after_ok && crosscheck::extract::bare_forms(glued).contains(&&text[a..first_end])
}

#[cfg(test)]
mod tests {
    use super::super::words;
    use super::*;

    fn names(c: &Countries, hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| c.name(h.entity)).collect()
    }

    #[test]
    fn side_phrases_read_the_countries_in_their_slots() {
        let t = crosscheck::text::fold_str("Kazakhstan's exports to Israel reached $50 million");
        let c = Countries::find(&t);
        let en = words::of("en");
        assert_eq!(names(&c, &c.hits(&t, en.flow_from)), ["Kazakhstan"]);
        assert_eq!(names(&c, &c.hits(&t, en.flow_to)), ["Israel"]);
        let (parties, _) = c.parties(&[]);
        let parties: Vec<String> = parties.iter().map(|e| c.name(*e)).collect();
        assert_eq!(parties, ["Kazakhstan", "Israel"]);
    }

    #[test]
    fn a_country_named_as_the_authority_is_no_party() {
        let t = crosscheck::text::fold_str(
            "Trade with Kazakhstan reached $79 million, according to Israel's Central Bureau of Statistics",
        );
        let c = Countries::find(&t);
        let hits = c.hits(&t, words::of("en").statistics);
        assert_eq!(names(&c, &hits), ["Israel"]);
        let spans: Vec<(usize, usize)> = hits.iter().map(|h| h.span).collect();
        let (parties, _) = c.parties(&spans);
        assert_eq!(parties.len(), 1);
        assert_eq!(c.name(parties[0]), "Kazakhstan");
    }

    #[test]
    fn an_arabic_definite_phrase_reads_its_form_after_lam() {
        let t = crosscheck::text::fold_str("وفقا للبيانات الإسرائيلية");
        let c = Countries::find(&t);
        let hits = c.hits(&t, words::of("ar").statistics);
        assert_eq!(names(&c, &hits), ["Israel"]);
        let only = c.hits(&t, &["البيانات {country:adj}"]);
        assert_eq!(names(&c, &only), ["Israel"]);
    }
}
