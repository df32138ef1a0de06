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
/// Sentences are a matter of text; kept here too, where readers look.
pub use crate::sentences::{MAX_SENTENCE, sentences};
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
