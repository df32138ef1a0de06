//! Escaping of untrusted text (sources are web content; file names, manifest
//! fields and rule files are input too) for each output.
//!
//! On a terminal, control characters are shown, not obeyed and not hidden:
//! ESC becomes the six characters `\u{1b}`, BEL `\u{7}`, a lone carriage
//! return `\r`, as `git` and `ripgrep` show what they will not send raw. A
//! tab, a line break and a CRLF become one space (a quote is one line). Bidi
//! embedding, override and isolate characters are dropped: shown escaped
//! they would break every Arabic and Hebrew quote, and left in they could
//! reorder the line around them. Zero-width spaces and soft hyphens (the
//! padding of HTML entities decoded in place) are dropped too.

use std::io::{self, Write};

/// Bidi embeddings, overrides and isolates (not the LRM/RLM marks, which
/// move nothing but themselves).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for one line of a terminal: controls shown escaped, bidi controls
/// dropped, line breaks as spaces.
pub fn terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' => out.push(' '),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if c.is_control() => out.extend(c.escape_default()),
            c if is_bidi_control(c) => {}
            // Invisible, and what an HTML source's decoded entities are
            // padded with to keep their byte offsets.
            '\u{200B}' | '\u{00AD}' => {}
            c => out.push(c),
        }
    }
    out
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

/// A writer for the terminal's two streams, a last line of defence behind
/// `terminal`: a C0 control byte other than a line break or a tab, or DEL,
/// is written escaped (`\u{1b}`), whatever printed it. Multi-byte controls
/// (C1, bidi) are `terminal`'s job: a write may end inside a character.
///
/// A styled writer (`TerminalWriter::styled`, for `--color` on a terminal)
/// lets ESC through, for the colours and hyperlinks the table writes; the
/// text of sources is escaped by `terminal` before it gets here, so ESC
/// from a source is shown as `\u{1b}` either way.
pub struct TerminalWriter<W: Write>(pub W, pub bool);

impl<W: Write> TerminalWriter<W> {
    /// Every control byte escaped.
    pub fn plain(w: W) -> Self {
        TerminalWriter(w, false)
    }

    /// ESC let through, for the report's own colours and hyperlinks.
    pub fn styled(w: W) -> Self {
        TerminalWriter(w, true)
    }
}

impl<W: Write> Write for TerminalWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut start = 0;
        for (i, &b) in buf.iter().enumerate() {
            if ((b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f) && !(self.1 && b == 0x1b) {
                self.0.write_all(&buf[start..i])?;
                write!(self.0, "{}", char::from(b).escape_default())?;
                start = i + 1;
            }
        }
        self.0.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_control_sequences_escaped() {
        assert_eq!(
            terminal("a\u{1b}[31mb\u{7}c\u{202E}d\u{8}e\rf\r\ng\th"),
            r"a\u{1b}[31mb\u{7}cd\u{8}e\rf g h"
        );
        assert_eq!(
            terminal("\u{1b}]8;;http://evil\u{7}x\u{9b}"),
            r"\u{1b}]8;;http://evil\u{7}x\u{9b}"
        );
        // Arabic with its marks and an RLM stays as it is.
        assert_eq!(terminal("نحو 34\u{200F} مليون"), "نحو 34\u{200F} مليون");
    }

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(markdown("<script>|x*"), "&lt;script&gt;\\|x\\*");
        assert_eq!(markdown("a\u{1b}[2Jb"), r"a\\u{1b}\[2Jb");
    }

    #[test]
    fn the_writer_escapes_control_bytes_and_keeps_lines() {
        let mut w = TerminalWriter::plain(Vec::new());
        w.write_all("ok\n\ta\u{1b}[31m\r\u{8}\u{7f}é\n".as_bytes())
            .unwrap();
        assert_eq!(
            String::from_utf8(w.0).unwrap(),
            "ok\n\ta\\u{1b}[31m\\r\\u{8}\\u{7f}é\n"
        );
    }
}
