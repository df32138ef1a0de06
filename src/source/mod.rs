//! Sources: the documents facts are read from, with their metadata.
//!
//! Folders of `.txt`, `.md` and `.html` files (`discover`), optionally
//! described by a manifest `sources.toml` (`manifest`: id, title, publisher,
//! date, language). Each file's bytes are decoded (`decode`: UTF-8, UTF-16,
//! legacy encodings; HTML pages to their visible text, `html`), and a
//! source without a manifest date takes one from its page metadata,
//! dateline or file name (`date`). The publication date anchors relative
//! expressions. A file that cannot be read is a warning and is skipped.

mod date;
mod decode;
mod discover;
pub mod html;
mod manifest;

use std::path::PathBuf;

use crate::calendar::Day;
use crate::diag::Diagnostic;
use crate::text::{LineIndex, Normalized};

pub use date::{dateline, file_name_date};
pub use decode::{Text, encoding_for_label};
pub use discover::{EXTENSIONS, Entry, Found, discover, is_source_file};
pub use manifest::MANIFEST;

/// How sources are found and decoded; set from the command line.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    /// `--glob` patterns, in order (`!pattern` leaves files out).
    pub globs: Vec<String>,
    /// `--encoding`: the encoding of files without a byte-order mark.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Where a source's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    Manifest,
    HtmlMeta,
    Dateline,
    FileName,
}

impl DateSource {
    pub fn name(self) -> &'static str {
        match self {
            DateSource::Manifest => "manifest",
            DateSource::HtmlMeta => "html-meta",
            DateSource::Dateline => "dateline",
            DateSource::FileName => "file-name",
        }
    }
}

/// Sentence spans of a folded text: ends at . ! ? ؟ ؛ ; (not inside a number),
/// at blank lines, at line breaks after lines without letters (datelines),
/// and at every paragraph separator U+2029 (block boundaries of HTML pages).
/// A carriage return alone (old Mac text) is a line break.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut line_start = 0;
    let mut i = 0;
    // Only the bytes that can end a sentence are looked at: . ! ? ; a line
    // break, the lead byte 0xD8 of ؟ and ؛, and 0xE2 of U+2029.
    while i < bytes.len() {
        let b = bytes[i];
        let arabic_mark = b == 0xD8 && matches!(bytes.get(i + 1), Some(0x9B | 0x9F));
        let paragraph =
            b == 0xE2 && bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9);
        let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if !arabic_mark && !paragraph && !lone_cr && !matches!(b, b'.' | b'!' | b'?' | b';' | b'\n')
        {
            i += 1;
            continue;
        }
        let c = if lone_cr {
            '\n'
        } else {
            text[i..].chars().next().unwrap_or('\0')
        };
        let next = text[i + c.len_utf8()..].chars().next();
        let end_here = match c {
            '.' => {
                let decimal = i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && next.is_some_and(|n| n.is_ascii_digit());
                let spaced =
                    next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '»' || n == '”');
                !decimal && spaced && {
                    let word_start = text[..i]
                        .char_indices()
                        .rev()
                        .find(|&(_, c)| !crate::text::is_letter(c))
                        .map_or(0, |(k, c)| k + c.len_utf8());
                    !crate::lang::is_abbreviation(&text[word_start..i])
                }
            }
            '!' | '?' | '؟' | '؛' | ';' | '\u{2029}' => true,
            '\n' => {
                let line = &text[line_start..i];
                let rest = &text[i + 1..];
                let blank_next = rest.starts_with(['\n', '\r'])
                    || rest
                        .trim_start_matches([' ', '\t'])
                        .starts_with(['\n', '\r']);
                let no_letters = !line.chars().any(crate::text::is_letter);
                blank_next || no_letters
            }
            _ => false,
        };
        if c == '\n' {
            line_start = i + 1;
        }
        let end = i + c.len_utf8();
        if end_here {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        i = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// A "sentence" longer than this (a one-line table, a list run together)
/// is cut into pieces, so no step's cost grows with the square of a line.
pub const MAX_SENTENCE: usize = 2048;

fn push_trimmed(text: &str, mut a: usize, b: usize, out: &mut Vec<(usize, usize)>) {
    while a < b {
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead + trail >= s.len() {
            return;
        }
        let (from, to) = (a + lead, b - trail);
        if to - from <= MAX_SENTENCE {
            out.push((from, to));
            return;
        }
        let cut = long_cut(text, from, from + MAX_SENTENCE);
        let piece = &text[from..cut];
        out.push((from, from + piece.trim_end().len()));
        a = cut;
    }
}

/// Where to cut a long run of text at or before `limit`: after the end of
/// a table row ("| |"), else after a cell ("| "), a comma or semicolon, a
/// space, in that order of preference, in the second half of the window.
fn long_cut(text: &str, from: usize, limit: usize) -> usize {
    let mut limit = limit.min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let mut base = from + (limit - from) / 2;
    while !text.is_char_boundary(base) {
        base -= 1;
    }
    let window = &text[base..limit];
    for sep in ["| |", "| ", "، ", ", ", "; ", " "] {
        if let Some(i) = window.rfind(sep) {
            // Cut after the first bar of a row break, so each row keeps its bars.
            let keep = if sep == "| |" { 1 } else { sep.len() };
            return base + i + keep;
        }
    }
    limit
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceMeta {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub author: Option<String>,
    pub date: Option<Day>,
    /// The date was inferred from the content rather than stated.
    pub date_inferred: bool,
    /// Where `date` came from (none without a date).
    pub date_source: Option<DateSource>,
    pub language: String,
}

impl SourceMeta {
    /// Metadata of a text with nothing known but its id (and maybe a date).
    pub fn bare(id: &str, date: Option<Day>) -> SourceMeta {
        SourceMeta {
            id: id.into(),
            title: id.into(),
            publisher: "unknown".into(),
            author: None,
            date,
            date_inferred: false,
            date_source: date.map(|_| DateSource::Manifest),
            language: "unknown".into(),
        }
    }
}

/// A source as reports show it; the text itself is gone by then.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceInfo {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: Option<Day>,
    pub date_inferred: bool,
    /// Where the date came from; written only when it is not the manifest.
    #[serde(default, skip_serializing_if = "is_manifest")]
    pub date_source: Option<DateSource>,
    pub language: String,
    /// The encoding its bytes were in, when not UTF-8 (`windows-1256`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The file name (no folder), as reports show it.
    pub file: String,
    /// Where it was read, for quotes loaded when a report shows them.
    #[serde(default)]
    pub path: PathBuf,
    /// The hash of its bytes (BLAKE3, hex): a quote is loaded only from the
    /// very text its spans were read in.
    #[serde(default)]
    pub digest: String,
}

fn is_manifest(d: &Option<DateSource>) -> bool {
    matches!(d, None | Some(DateSource::Manifest))
}

/// The hash `SourceInfo::digest` holds.
pub fn digest(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

impl SourceInfo {
    /// The date as reports show it: with "(inferred)" when the manifest
    /// says so, and with its origin when it is not the manifest.
    pub fn date_label(&self) -> String {
        let origin = match self.date_source {
            Some(s) if s != DateSource::Manifest => format!(" (from {})", s.name()),
            _ => String::new(),
        };
        match (self.date, self.date_inferred) {
            (Some(d), true) => format!("{d} (inferred){origin}"),
            (Some(d), false) => format!("{d}{origin}"),
            (None, _) => "unknown".into(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub meta: SourceMeta,
    pub path: PathBuf,
    pub text: String,
    pub norm: Normalized,
    pub lines: LineIndex,
    /// The hash of the file's bytes (see `digest`).
    pub digest: String,
    /// The encoding the file was in, when not UTF-8.
    pub encoding: Option<&'static str>,
    /// An HTML page as written: columns are counted in it, so they are the
    /// columns an editor shows (`text` has the same lines and byte offsets).
    pub page: Option<String>,
}

impl Source {
    pub fn new(meta: SourceMeta, path: PathBuf, text: String) -> Self {
        let digest = digest(text.as_bytes());
        Source::with_digest(meta, path, text, digest)
    }

    /// A source whose bytes were hashed already.
    pub fn with_digest(meta: SourceMeta, path: PathBuf, text: String, digest: String) -> Self {
        let norm = Normalized::new(&text);
        let lines = LineIndex::new(&text);
        Source {
            meta,
            path,
            text,
            norm,
            lines,
            digest,
            encoding: None,
            page: None,
        }
    }

    /// 1-based line and character column of a normalized byte offset.
    pub fn line_col(&self, norm_byte: usize) -> (usize, usize) {
        self.line_col_at(self.norm.orig_start(norm_byte))
    }

    /// 1-based line and character column of a byte offset of `text`.
    pub fn line_col_at(&self, byte: usize) -> (usize, usize) {
        match &self.page {
            Some(page) => {
                let mut at = byte.min(page.len());
                while !page.is_char_boundary(at) {
                    at -= 1;
                }
                self.lines.line_col(page, at)
            }
            None => self.lines.line_col(&self.text, byte),
        }
    }

    /// What reports keep of the source once its text is gone.
    pub fn info(&self) -> SourceInfo {
        SourceInfo {
            id: self.meta.id.clone(),
            title: self.meta.title.clone(),
            publisher: self.meta.publisher.clone(),
            date: self.meta.date,
            date_inferred: self.meta.date_inferred,
            date_source: self.meta.date_source,
            language: self.meta.language.clone(),
            encoding: self.encoding.map(str::to_string),
            file: self
                .path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
            path: self.path.clone(),
            digest: self.digest.clone(),
        }
    }

    /// The original text of a normalized span.
    pub fn original(&self, start: usize, end: usize) -> &str {
        let s = self.norm.orig_start(start);
        let e = self.norm.orig_end(end, &self.text).max(s);
        &self.text[s..e]
    }
}

/// Reads, decodes and normalizes one source; a file that cannot be read
/// or decoded is a warning, and the file is skipped.
pub fn read(entry: &Entry) -> Result<Source, Box<Diagnostic>> {
    let bytes = read_bytes(entry)?;
    let hash = digest(&bytes);
    decode_hashed(entry, bytes, hash)
}

/// The bytes of a source file.
pub fn read_bytes(entry: &Entry) -> Result<Vec<u8>, Box<Diagnostic>> {
    let path = &entry.path;
    std::fs::read(path).map_err(|e| {
        Box::new(
            Diagnostic::warning(
                "source-unreadable",
                path,
                format!("cannot read: {e}; skipped"),
            )
            .help("fix the file's permissions, or leave it out with --glob '!PATTERN'"),
        )
    })
}

/// A source from its file's bytes (whose `digest` is known): decoded,
/// dated when the manifest gave no date, normalized.
pub fn decode_hashed(
    entry: &Entry,
    bytes: Vec<u8>,
    hash: String,
) -> Result<Source, Box<Diagnostic>> {
    let path = &entry.path;
    let t = decode::text(path, bytes, entry.encoding)?;
    let mut meta = entry.meta.clone();
    if meta.date.is_none()
        && let Some((day, origin)) = date::infer(path, &t.text, t.published)
    {
        meta.date = Some(day);
        meta.date_source = Some(origin);
    }
    let mut src = Source::with_digest(meta, path.clone(), t.text, hash);
    src.encoding = t.encoding;
    src.page = t.page;
    Ok(src)
}

/// The text of a source as it was read, for quotes shown later: the same
/// decoding, from the same bytes. `encoding` is the one the source
/// recorded (`SourceInfo::encoding`).
pub fn text_of(path: &std::path::Path, bytes: Vec<u8>, encoding: Option<&str>) -> Option<String> {
    let forced = encoding.and_then(encoding_for_label);
    decode::text(path, bytes, forced).ok().map(|t| t.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_are_cut_into_pieces_at_row_and_cell_bounds() {
        let row = "| 2022 | الإحصاءات الإسرائيلية | التجارة | 79 مليون دولار | ";
        let text = row.repeat(400);
        let s = sentences(&text);
        assert!(s.len() > 10);
        for &(a, b) in &s {
            assert!(b - a <= MAX_SENTENCE, "{}", b - a);
            assert!(text[a..b].starts_with('|'), "{}", &text[a..b]);
            assert!(text[a..b].ends_with('|'), "{}", &text[a..b]);
        }
        // Unbroken text of multibyte letters is cut at character bounds.
        let word = "ب".repeat(5000);
        let s = sentences(&word);
        assert_eq!(s.first().map(|p| p.0), Some(0));
        assert_eq!(s.last().map(|p| p.1), Some(word.len()));
        assert!(s.windows(2).all(|w| w[0].1 <= w[1].0));
    }
}
