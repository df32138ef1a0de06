//! Tables: a Markdown pipe table (or an HTML table, which the source layer
//! writes as pipe rows) is read cell by cell, not as one long "sentence".
//!
//! Statistics are published as tables of year × origin (or origin × year):
//! each figure's meaning is spread over its column header, its row label,
//! the table's caption and the unit written in a header ("USD million").
//! Each figure cell is restated as one short sentence that gathers them:
//! `{caption} {row label} {column header}: {cell} {unit}`. Those sentences
//! go through the same rules, grammars, attribution and keys as prose, and
//! each fact found in a cell is then placed back on the cell itself, so its
//! quote and `line:col` point where the reader will look. A cell is read
//! once, and the restated text is linear in the table's size.

use super::{Observer, SourceState};
use crate::extract;
use crate::fact::{Fact, Quote};
use crate::run::Stats;
use crate::source::Source;
use crate::value::{Kind, Value};

/// A table in a normalized text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Table {
    /// The whole table, from its first row to its last.
    pub(super) span: (usize, usize),
    /// The text just before it (its caption or lead-in), if any.
    pub(super) caption: Option<(usize, usize)>,
    /// The caption states the table's unit ("(USD million)"): it is the
    /// table's, not a sentence of its own ("مليون دولار" alone would read
    /// as a million dollars).
    pub(super) unit_caption: bool,
    /// The header's cells, when the table has a header row.
    pub(super) header: Vec<(usize, usize)>,
    pub(super) rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    pub(super) span: (usize, usize),
    pub(super) cells: Vec<(usize, usize)>,
}

/// One figure cell restated as a sentence.
pub(super) struct Cell {
    /// The row it stands in and the cell itself, in the source.
    pub(super) row: (usize, usize),
    pub(super) cell: (usize, usize),
    /// Where the cell's own text starts and ends in the restated sentence
    /// (its unit, if any, follows): only values there are facts of this
    /// cell. The cell's text is copied byte for byte.
    pub(super) own: (usize, usize),
}

/// The longest caption kept: the lead-in's last bytes.
const CAPTION_BYTES: usize = 160;

/// Row units: lines, or in a text with paragraph separators (HTML the
/// source layer converted), the stretches between them.
fn units(text: &str) -> Vec<(usize, usize)> {
    let sep = if text.contains('\u{2029}') {
        '\u{2029}'
    } else {
        '\n'
    };
    let mut out = Vec::new();
    let mut at = 0;
    for (i, c) in text.match_indices(sep) {
        out.push((at, i));
        at = i + c.len();
    }
    out.push((at, text.len()));
    out
}

/// A row's cells, between its bars; `None` when the unit is not a row
/// (fewer than two bars).
fn cells(text: &str, (a, b): (usize, usize)) -> Option<Vec<(usize, usize)>> {
    let line = &text[a..b];
    line.matches('|').nth(1)?;
    // The pieces between bars; rows may omit the outer bars ("a | b | c").
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for (i, _) in line.match_indices('|') {
        pieces.push((at, i));
        at = i + 1;
    }
    pieces.push((at, line.len()));
    let trimmed = line.trim();
    if trimmed.starts_with('|') {
        pieces.remove(0);
    }
    if trimmed.ends_with('|') {
        pieces.pop();
    }
    Some(
        pieces
            .into_iter()
            .map(|(s, e)| {
                let raw = &line[s..e];
                let lead = raw.len() - raw.trim_start().len();
                let t = raw.trim();
                (a + s + lead, a + s + lead + t.len())
            })
            .collect(),
    )
}

/// A Markdown header rule: `|---|:--:|`.
fn is_rule_row(text: &str, cells: &[(usize, usize)]) -> bool {
    cells.iter().all(|&(a, b)| {
        let c = &text[a..b];
        !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
    })
}

impl Table {
    /// What prose reading skips: the table, and a caption that only states
    /// its unit.
    pub(super) fn covers(&self) -> (usize, usize) {
        match self.caption {
            Some((a, _)) if self.unit_caption => (a, self.span.1),
            _ => self.span,
        }
    }
}

/// Every table of two rows or more, in text order.
pub(super) fn find(text: &str) -> Vec<Table> {
    if !text.contains('|') {
        return Vec::new();
    }
    let units = units(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let Some(first) = cells(text, units[i]) else {
            i += 1;
            continue;
        };
        let mut rows = vec![Row {
            span: units[i],
            cells: first,
        }];
        let mut j = i + 1;
        // The end of the last row: blank units between rows (an HTML
        // table's line breaks between its tags) do not end the table.
        let mut end = i + 1;
        while j < units.len() {
            let (a, b) = units[j];
            if text[a..b].trim().is_empty() {
                j += 1;
                continue;
            }
            match cells(text, units[j]) {
                Some(c) => rows.push(Row {
                    span: units[j],
                    cells: c,
                }),
                None => break,
            }
            j += 1;
            end = j;
        }
        let j = end;
        if rows.len() >= 2 {
            let caption = units[..i]
                .iter()
                .rev()
                .find(|&&(a, b)| !text[a..b].trim().is_empty())
                .map(|&(a, b)| {
                    let mut a = a.max(b.saturating_sub(CAPTION_BYTES));
                    while !text.is_char_boundary(a) {
                        a += 1;
                    }
                    (a, b)
                });
            let header = if rows.len() > 2 && is_rule_row(text, &rows[1].cells) {
                let h = rows.remove(0).cells;
                rows.remove(0);
                h
            } else if !rows[0].cells.iter().skip(1).any(|&c| figure(text, c)) {
                rows.remove(0).cells
            } else {
                Vec::new()
            };
            let unit_caption = caption.is_some_and(|(a, b)| stated_unit(&text[a..b]).is_some());
            out.push(Table {
                span: (units[i].0, units[j - 1].1),
                caption,
                unit_caption,
                header,
                rows,
            });
        } else if rows[0].cells.len() >= 4 {
            // A table flattened onto one line ("| a | b | | c | d |"): its
            // rows end where a bar, blanks and a bar meet.
            let (a, b) = units[i];
            let mut sub = Vec::new();
            let mut at = a;
            let line = &text[a..b];
            let mut k = 0;
            while let Some(off) = line[k..].find('|') {
                let bar = k + off;
                let rest = &line[bar + 1..];
                let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                if blanks > 0 && rest[blanks..].starts_with('|') {
                    sub.push((at, a + bar + 1));
                    at = a + bar + 1 + blanks;
                    k = bar + 1 + blanks;
                } else {
                    k = bar + 1;
                }
            }
            sub.push((at, b));
            let mut rows: Vec<Row> = sub
                .into_iter()
                .filter_map(|u| cells(text, u).map(|c| Row { span: u, cells: c }))
                .collect();
            let header = if rows.len() > 2 && is_rule_row(text, &rows[1].cells) {
                let h = rows.remove(0).cells;
                rows.remove(0);
                h
            } else {
                Vec::new()
            };
            out.push(Table {
                span: units[i],
                caption: None,
                unit_caption: false,
                header,
                rows,
            });
        }
        i = j;
    }
    out
}

/// Does a cell hold a figure (its text starts with a digit, a sign or a
/// currency symbol, has a digit, and is not a bare year)? A row of none is
/// a header ("| Source | 2021 | 2022 |").
fn figure(text: &str, (a, b): (usize, usize)) -> bool {
    let c = &text[a..b];
    c.chars().any(|ch| ch.is_ascii_digit())
        && !is_year(c)
        && c.chars().next().is_some_and(|ch| {
            ch.is_ascii_digit() || matches!(ch, '-' | '+' | '$' | '€' | '£' | '~' | '≈' | '<' | '>')
        })
}

/// Is a cell worth reading for values: any digit ("trade in 2022: $883
/// million" is read as well as "883")?
fn has_number(text: &str, (a, b): (usize, usize)) -> bool {
    text[a..b].bytes().any(|b| b.is_ascii_digit())
}

fn is_year(t: &str) -> bool {
    let t = t.trim();
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && (1800..=2200).contains(&t.parse::<u32>().unwrap_or(0))
}

/// A label as it enters a restated sentence: no bars, no sentence stops
/// (a stop would cut the sentence), a bare year read as a year.
fn label(text: &str) -> String {
    let t: String = text
        .chars()
        .map(|c| match c {
            '|' | '.' | '!' | '?' | '؟' | '\n' | '\u{2029}' => ' ',
            c => c,
        })
        .collect();
    let t = t.trim();
    if is_year(t) {
        format!("in {t}")
    } else {
        t.to_string()
    }
}

/// A unit written apart from the figures ("USD million", "млн долл.",
/// "(مليون دولار)"): the form in which it reads after a number, found by
/// trying it (and its two words swapped) after "1".
fn unit_of(phrase: &str) -> Option<String> {
    let p = phrase
        .trim()
        .trim_matches(|c| matches!(c, '(' | ')' | ',' | '،' | ':' | '[' | ']' | ' '));
    if p.is_empty() || p.len() > 40 || p.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    let mut forms = vec![p.to_string()];
    if words.len() == 2 {
        forms.push(format!("{} {}", words[1], words[0]));
    }
    forms.into_iter().find(|f| {
        let probe = format!("1 {f}");
        let v = extract::extract(&probe, None);
        matches!(v.as_slice(), [e] if e.start == 0
            && e.end >= probe.trim_end_matches('.').len()
            && (e.kind == Kind::Money || (e.scaled && e.kind != Kind::Date && e.kind != Kind::Period))
            && matches!(e.value, Value::Num { .. }))
    })
}

/// The unit a header cell or caption states: in brackets, or after its last
/// comma ("Trade, USD million").
fn stated_unit(s: &str) -> Option<String> {
    unit_phrase(s).map(|(_, form)| form)
}

/// The unit phrase as written in `s` (its byte range, brackets or the comma
/// before it included) and the form in which it reads after a number.
fn unit_phrase(s: &str) -> Option<((usize, usize), String)> {
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(a) = s[at..].find('(') {
        let a = at + a;
        let Some(b) = s[a..].find(')') else { break };
        candidates.push((a, a + b + 1));
        at = a + b + 1;
    }
    if let Some(k) = s.rfind([',', '،', ':']) {
        candidates.push((k, s.len()));
    }
    candidates.push((0, s.len()));
    candidates
        .into_iter()
        .find_map(|(a, b)| unit_of(&s[a..b]).map(|form| ((a, b), form)))
}

/// A label with its unit phrase taken out (the unit goes after the figure).
fn without_unit(s: &str) -> String {
    match unit_phrase(s) {
        Some(((a, b), _)) => format!("{} {}", &s[..a], &s[b..]),
        None => s.to_string(),
    }
}

/// The restated sentences of a table's figure cells, separated by blank
/// lines (so that nothing is looked for across cells), and where each is.
pub(super) fn restate(text: &str, table: &Table) -> (String, Vec<Cell>) {
    let caption = table
        .caption
        .map(|(a, b)| label(&without_unit(&text[a..b])));
    let caption_unit = table.caption.and_then(|(a, b)| stated_unit(&text[a..b]));
    let header_units: Vec<Option<String>> = table
        .header
        .iter()
        .map(|&(a, b)| stated_unit(&text[a..b]))
        .collect();
    let mut out = String::new();
    let mut cells = Vec::new();
    for row in &table.rows {
        // The row's label: its first cell, and any other cell that is not a
        // figure ("| 2022 | CBS | imports | $79 million |").
        let row_label = {
            let parts: Vec<String> = row
                .cells
                .iter()
                .enumerate()
                .filter(|&(k, &c)| k == 0 || !has_number(text, c))
                .map(|(_, &(a, b))| label(&text[a..b]))
                .filter(|l| !l.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        };
        let row_unit = row
            .cells
            .first()
            .and_then(|&(a, b)| stated_unit(&text[a..b]));
        for (k, &cell) in row.cells.iter().enumerate() {
            if (k == 0 && !table.header.is_empty()) || !has_number(text, cell) {
                continue;
            }
            let col = table
                .header
                .get(k)
                .map(|&(a, b)| label(&without_unit(&text[a..b])));
            let unit = header_units
                .get(k)
                .cloned()
                .flatten()
                .or_else(|| row_unit.clone())
                .or_else(|| caption_unit.clone());
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            for part in [&caption, &row_label, &col].into_iter().flatten() {
                if !part.is_empty() {
                    out.push_str(part);
                    out.push(' ');
                }
            }
            out.push_str(": ");
            let own0 = out.len();
            // Copied byte for byte (a separator becomes as many spaces), so
            // a value's offset in the cell is its offset here.
            for ch in text[cell.0..cell.1].chars() {
                match ch {
                    '|' | '\n' | '\r' | '\u{2029}' => {
                        out.extend(std::iter::repeat_n(' ', ch.len_utf8()))
                    }
                    ch => out.push(ch),
                }
            }
            if let Some(u) = &unit {
                out.push(' ');
                out.push_str(u);
            }
            cells.push(Cell {
                row: row.span,
                cell,
                own: (own0, out.len()),
            });
        }
    }
    (out, cells)
}

impl super::Matcher {
    /// The facts of a table's figure cells: each cell restated as a
    /// sentence with its caption, row label, column header and unit, read
    /// like prose, and each fact placed back on its cell.
    pub(super) fn table_facts<'o>(
        &self,
        src: &Source,
        t: &Table,
        state: &mut SourceState,
        stats: &mut Stats,
        observer: Option<&mut (dyn Observer + 'o)>,
    ) -> Vec<Fact> {
        let (restated, cells) = restate(&src.norm.text, t);
        if cells.is_empty() {
            return Vec::new();
        }
        let cell_src = Source::new(src.meta.clone(), src.path.clone(), restated);
        let (found, cell_stats) = self.read_source(&cell_src, observer, Some((src, &cells)));
        stats.candidates += cell_stats.candidates;
        let mut out = Vec::with_capacity(found.len());
        for mut f in found {
            // Only a value in the cell's own text is the cell's fact (not
            // one in the caption, restated beside every cell).
            let k = cells.partition_point(|c| c.own.0 <= f.pos);
            let Some(cell) = k.checked_sub(1).map(|k| &cells[k]) else {
                continue;
            };
            if f.pos >= cell.own.1 {
                continue;
            }
            // The value where it stands in the cell (the unit restated
            // after the cell is not in the source: the span stops at the
            // cell's end).
            let at = |x: usize| (cell.cell.0 + x.saturating_sub(cell.own.0)).min(cell.cell.1);
            let value = (at(f.pos), at(f.quote.span.1).max(at(f.pos)));
            f.quote = Quote::new(src, cell.row, value);
            f.pos = value.0;
            f.source = state.id.clone();
            f.key = state.key((*f.key).clone());
            out.push(f);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_markdown_table_with_its_header_and_caption() {
        let t = "Trade, USD million\n\n| Year | Israel (CBS) | Kazakhstan |\n|---|---:|---:|\n| 2022 | 79 | 883 |\n| 2023 | 80 | 700 |\nAfter.";
        let tables = find(t);
        assert_eq!(tables.len(), 1);
        let tb = &tables[0];
        let h: Vec<&str> = tb.header.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(h, ["Year", "Israel (CBS)", "Kazakhstan"]);
        assert_eq!(tb.rows.len(), 2);
        assert_eq!(
            &t[tb.caption.unwrap().0..tb.caption.unwrap().1],
            "Trade, USD million"
        );
        let (s, cells) = restate(t, tb);
        assert_eq!(cells.len(), 4);
        let first: Vec<&str> = s.split("\n\n").collect();
        assert_eq!(first[0], "Trade in 2022 Israel (CBS) : 79 million USD");
        assert_eq!(&t[cells[3].cell.0..cells[3].cell.1], "700");
    }

    #[test]
    fn units_read_in_either_order_and_language() {
        assert_eq!(unit_of("USD million").as_deref(), Some("million USD"));
        assert_eq!(unit_of("млн долл.").as_deref(), Some("млн долл."));
        assert_eq!(unit_of("مليون دولار").as_deref(), Some("مليون دولار"));
        assert_eq!(unit_of("Year"), None);
        assert_eq!(
            stated_unit("Exports (USD million)").as_deref(),
            Some("million USD")
        );
    }

    #[test]
    fn a_table_flattened_onto_one_line_is_split_into_rows() {
        let t = "| year | source | value | |---|---|---| | 2022 | CBS | $79 million | | 2023 | BNS | $80 million |";
        let tables = find(t);
        assert_eq!(tables.len(), 1);
        let h: Vec<&str> = tables[0].header.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(h, ["year", "source", "value"]);
        assert_eq!(tables[0].rows.len(), 2);
        let (s, _) = restate(t, &tables[0]);
        assert_eq!(
            s,
            "in 2022 CBS value : $79 million\n\nin 2023 BNS value : $80 million"
        );
    }

    #[test]
    fn rows_without_outer_bars_at_the_text_start() {
        let t = "a | b | c\n1 | 2 | 3";
        let tables = find(t);
        assert_eq!(tables.len(), 1);
        let c: Vec<&str> = tables[0].rows[0]
            .cells
            .iter()
            .map(|&(x, y)| &t[x..y])
            .collect();
        assert_eq!(c, ["1", "2", "3"]);
    }

    #[test]
    fn prose_with_a_bar_is_not_a_table() {
        assert!(find("A | B\nplain text\n").is_empty());
    }
}
