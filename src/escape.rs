//! Escaping of untrusted text (sources are web content) for each output.

/// Removes terminal control characters (ESC sequences, C0/C1 controls, bidi
/// overrides) so a quote cannot move the cursor or recolour the terminal.
pub fn terminal(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

/// Escapes Markdown and HTML inside a table cell or paragraph.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in terminal(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_control_sequences() {
        assert_eq!(terminal("a\u{1b}[31mb\u{7}c\u{202E}d"), "a[31mbcd");
    }

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(markdown("<script>|x*"), "&lt;script&gt;\\|x\\*");
    }
}
