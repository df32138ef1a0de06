//! The sources manifest, `sources.toml`: one `[[source]]` table per file
//! (file, id, title, publisher, author, date, language), beside the files it
//! describes.
//!
//! Every problem with a manifest is an input error: one that cannot be read
//! or is not UTF-8 is reported, never taken for an empty manifest (which
//! would silently lose every date in it).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{DateSource, SourceMeta};
use crate::calendar::Day;
use crate::diag::Diagnostic;

pub const MANIFEST: &str = "sources.toml";

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

/// The entries of the manifest in `dir`, by file name; none when there is
/// no manifest. Problems are pushed to `diags`.
pub fn read(dir: &Path, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, SourceMeta> {
    let path = dir.join(MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return BTreeMap::new(),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "manifest-unreadable",
                    &path,
                    format!("cannot read the manifest: {e}"),
                )
                .help("make the file readable, or remove it"),
            );
            return BTreeMap::new();
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
            diags.push(
                Diagnostic::error(
                    "manifest-unreadable",
                    &path,
                    "the manifest is not valid UTF-8; none of its entries are used",
                )
                .at(&valid, at)
                .help("save sources.toml as UTF-8 (for example with iconv)"),
            );
            return BTreeMap::new();
        }
    };
    parse(dir, &path, &text, diags)
}

fn parse(
    dir: &Path,
    path: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, SourceMeta> {
    let mut out = BTreeMap::new();
    let raw: RawManifest = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let d = Diagnostic::error("toml-syntax", path, e.message().trim().to_string());
            diags.push(match e.span() {
                Some(sp) => d.at(text, sp.start),
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
                    path,
                    format!("no file `{file}` beside the manifest"),
                )
                .at(text, entry.file.span().start)
                .help("fix the file name or remove the entry"),
            );
        }
        if let Some(prev) = ids.insert(entry.id.get_ref().clone(), file.clone()) {
            diags.push(
                Diagnostic::error(
                    "manifest-invalid",
                    path,
                    format!("id `{}` is used by `{prev}` too", entry.id.get_ref()),
                )
                .at(text, entry.id.span().start)
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
                            path,
                            format!("`{}` is not a date", d.get_ref()),
                        )
                        .at(text, d.span().start)
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
                date_source: date.map(|_| DateSource::Manifest),
                date,
                date_inferred: entry.date_inferred,
                language: entry.language.unwrap_or_else(|| "unknown".into()),
            },
        );
    }
    out
}
