//! Sources: the documents facts are read from, with their metadata.
//!
//! A folder of `.txt` and `.md` files, optionally described by a manifest
//! `sources.toml` (id, title, publisher, date, language). The publication
//! date anchors relative expressions; a file without an entry still loads,
//! with its id taken from the file name and its date unknown.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::calendar::Day;
use crate::diag::Diagnostic;
use crate::text::{LineIndex, Normalized};

pub const MANIFEST: &str = "sources.toml";

/// Sentence spans of a folded text: ends at . ! ? ؟ ؛ ; (not inside a number),
/// at blank lines, and at line breaks after lines without letters (datelines).
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut line_start = 0;
    let mut i = 0;
    // Only the bytes that can end a sentence are looked at: . ! ? ; and a
    // line break, and the lead byte 0xD8 of ؟ and ؛.
    while i < bytes.len() {
        let b = bytes[i];
        let arabic_mark = b == 0xD8 && matches!(bytes.get(i + 1), Some(0x9B | 0x9F));
        if !arabic_mark && !matches!(b, b'.' | b'!' | b'?' | b';' | b'\n') {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or('\0');
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
            '!' | '?' | '؟' | '؛' | ';' => true,
            '\n' => {
                let line = &text[line_start..i];
                let blank_next = text[i + 1..].starts_with('\n')
                    || text[i + 1..]
                        .trim_start_matches([' ', '\t', '\r'])
                        .starts_with('\n');
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
    pub language: String,
}

/// A source as reports show it; the text itself is gone by then.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceInfo {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: Option<Day>,
    pub date_inferred: bool,
    pub language: String,
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

/// The hash `SourceInfo::digest` holds.
pub fn digest(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

impl SourceInfo {
    pub fn date_label(&self) -> String {
        match (self.date, self.date_inferred) {
            (Some(d), true) => format!("{d} (inferred)"),
            (Some(d), false) => d.to_string(),
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
    /// The hash of `text` (see `digest`).
    pub digest: String,
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
        }
    }

    /// 1-based line and character column of a normalized byte offset.
    pub fn line_col(&self, norm_byte: usize) -> (usize, usize) {
        self.lines
            .line_col(&self.text, self.norm.orig_start(norm_byte))
    }

    /// What reports keep of the source once its text is gone.
    pub fn info(&self) -> SourceInfo {
        SourceInfo {
            id: self.meta.id.clone(),
            title: self.meta.title.clone(),
            publisher: self.meta.publisher.clone(),
            date: self.meta.date,
            date_inferred: self.meta.date_inferred,
            language: self.meta.language.clone(),
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    #[serde(default)]
    source: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    file: Spanned<String>,
    id: Spanned<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    date: Option<Spanned<String>>,
    #[serde(default)]
    date_inferred: bool,
    /// Why the date is what it is (free text, for readers of the manifest).
    #[serde(default)]
    #[allow(dead_code)]
    date_note: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

/// A source found on disk, not yet read.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub meta: SourceMeta,
}

/// Every `.txt` and `.md` file below the given folders (walked recursively,
/// hidden entries and symbolic links to folders skipped) and every file
/// given itself, with the metadata of the manifest beside it; sorted by id,
/// then path, so a run's order never depends on the file system.
pub fn discover(paths: &[PathBuf], diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let mut manifests: HashMap<PathBuf, BTreeMap<String, SourceMeta>> = HashMap::new();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, diags);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            diags.push(
                Diagnostic::error("io", path, "no such source file or folder")
                    .help("check the path, or pass an existing folder with --sources"),
            );
        }
    }
    files.sort();
    files.dedup();
    let mut out: Vec<Entry> = files
        .into_iter()
        .map(|path| {
            let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
            let manifest = manifests
                .entry(dir.clone())
                .or_insert_with(|| read_manifest(&dir, diags));
            let meta = meta_for(&path, manifest);
            Entry { path, meta }
        })
        .collect();
    out.sort_by(|a, b| (&a.meta.id, &a.path).cmp(&(&b.meta.id, &b.path)));
    // Facts name their source by id: two files with one id would be one source.
    for w in out.windows(2) {
        if w[0].meta.id == w[1].meta.id {
            diags.push(
                Diagnostic::warning(
                    "source-duplicate-id",
                    &w[1].path,
                    format!(
                        "source id `{}` is also the id of {}; their facts are told apart only by position",
                        w[1].meta.id,
                        w[0].path.display()
                    ),
                )
                .help("give each source its own id in sources.toml, or rename one file"),
            );
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            diags.push(
                Diagnostic::error("io", dir, format!("cannot read the sources folder: {e}"))
                    .help("pass an existing folder of .txt or .md files with --sources"),
            );
            return;
        }
    };
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = rd
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            walk(&path, files, diags);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file())) && is_source_file(&path)
        {
            files.push(path);
        }
    }
}

fn is_source_file(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
        && p.file_name().and_then(|n| n.to_str()) != Some("README.md")
}

fn meta_for(path: &Path, manifest: &BTreeMap<String, SourceMeta>) -> SourceMeta {
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    manifest.get(&name).cloned().unwrap_or_else(|| SourceMeta {
        id: path
            .file_stem()
            .map_or(name.clone(), |s| s.to_string_lossy().into_owned()),
        title: name.clone(),
        publisher: "unknown".into(),
        author: None,
        date: None,
        date_inferred: false,
        language: "unknown".into(),
    })
}

/// Reads and normalizes one source; an unreadable or non-UTF-8 file is a
/// diagnostic.
pub fn read(entry: &Entry) -> Result<Source, Box<Diagnostic>> {
    decode(entry, read_bytes(entry)?)
}

/// The bytes of a source file.
pub fn read_bytes(entry: &Entry) -> Result<Vec<u8>, Box<Diagnostic>> {
    let path = &entry.path;
    std::fs::read(path).map_err(|e| {
        Box::new(Diagnostic::error(
            "source-unreadable",
            path,
            format!("cannot read: {e}"),
        ))
    })
}

/// A source from its file's bytes (whose `digest` is known): UTF-8,
/// normalized.
pub fn decode_hashed(
    entry: &Entry,
    bytes: Vec<u8>,
    hash: String,
) -> Result<Source, Box<Diagnostic>> {
    let path = &entry.path;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        Box::new(
            Diagnostic::error("source-unreadable", path, "the file is not valid UTF-8")
                .at(&valid, at)
                .help("convert the file to UTF-8 (for example with iconv)"),
        )
    })?;
    Ok(Source::with_digest(
        entry.meta.clone(),
        path.clone(),
        text,
        hash,
    ))
}

/// A source from its file's bytes: UTF-8, normalized.
pub fn decode(entry: &Entry, bytes: Vec<u8>) -> Result<Source, Box<Diagnostic>> {
    let hash = digest(&bytes);
    decode_hashed(entry, bytes, hash)
}

fn read_manifest(dir: &Path, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, SourceMeta> {
    let path = dir.join(MANIFEST);
    let mut out = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(&path) else {
        return out;
    };
    let raw: RawManifest = match toml::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            let d = Diagnostic::error("toml-syntax", &path, e.message().trim().to_string());
            diags.push(match e.span() {
                Some(sp) => d.at(&text, sp.start),
                None => d,
            });
            return out;
        }
    };
    let mut ids = BTreeMap::new();
    for entry in raw.source {
        let file = entry.file.get_ref().clone();
        if !dir.join(&file).is_file() {
            diags.push(
                Diagnostic::error(
                    "manifest-invalid",
                    &path,
                    format!("no file `{file}` beside the manifest"),
                )
                .at(&text, entry.file.span().start)
                .help("fix the file name or remove the entry"),
            );
        }
        if let Some(prev) = ids.insert(entry.id.get_ref().clone(), file.clone()) {
            diags.push(
                Diagnostic::error(
                    "manifest-invalid",
                    &path,
                    format!("id `{}` is used by `{prev}` too", entry.id.get_ref()),
                )
                .at(&text, entry.id.span().start)
                .help("give each source its own id"),
            );
        }
        let date = match &entry.date {
            None => None,
            Some(d) => match Day::parse_iso(d.get_ref()) {
                Some(day) => Some(day),
                None => {
                    diags.push(
                        Diagnostic::error(
                            "manifest-invalid",
                            &path,
                            format!("`{}` is not a date", d.get_ref()),
                        )
                        .at(&text, d.span().start)
                        .help("write dates as YYYY-MM-DD"),
                    );
                    None
                }
            },
        };
        out.insert(
            file.clone(),
            SourceMeta {
                id: entry.id.into_inner(),
                title: entry.title.unwrap_or_else(|| file.clone()),
                publisher: entry.publisher.unwrap_or_else(|| "unknown".into()),
                author: entry.author,
                date,
                date_inferred: entry.date_inferred,
                language: entry.language.unwrap_or_else(|| "unknown".into()),
            },
        );
    }
    out
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
