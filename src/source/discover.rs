//! Finding sources: the folders given are walked as ripgrep walks them
//! (the `ignore` crate: `.gitignore` and `.ignore` honoured inside or
//! outside a git repository, hidden entries skipped, `--glob` patterns,
//! symbolic links followed and loops reported), each file gets an id, and
//! the manifest beside it is read once.
//!
//! A source's id is its path relative to the folder it was found under
//! (`sub/x.txt`; a file given by itself: its name), so `x.txt` and `x.md`
//! are two sources; a manifest entry's id overrides it. Facts name their
//! source by id, so two sources with one id would silently merge: that is
//! an error, and the second is skipped.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::{InputOptions, SourceMeta, manifest};
use crate::diag::Diagnostic;

/// A source found on disk, not yet read.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: PathBuf,
    pub meta: SourceMeta,
    /// The encoding given with `--encoding`, instead of detecting it.
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// What discovery found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Sorted by id, then path, so a run's order never depends on the file
    /// system.
    pub entries: Vec<Entry>,
    /// Files left out with a diagnostic (a symbolic link loop, a duplicate id).
    pub skipped: usize,
}

/// The extensions read as sources when a folder is walked; a file named
/// on the command line is read whatever its extension.
pub const EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];

/// Whether a file met while walking a folder is a source: one of
/// `EXTENSIONS`, and not a folder's README.
pub fn is_source_file(p: &Path) -> bool {
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
        && !p
            .file_stem()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.eq_ignore_ascii_case("readme"))
}

/// Every source below the given folders and every file given itself, with
/// its metadata.
pub fn discover(paths: &[PathBuf], opts: &InputOptions, diags: &mut Vec<Diagnostic>) -> Found {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut skipped = 0;
    for path in paths {
        if path.is_dir() {
            skipped += walk(path, opts, &mut files, diags);
        } else if path.is_file() {
            let name = path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            files.push((path.clone(), name));
        } else {
            diags.push(
                Diagnostic::error("io", path, "no such source file or folder")
                    .help("check the path, or pass an existing folder with --sources"),
            );
        }
    }
    files.sort();
    // A file named twice (in a folder given and by itself, or spelled two
    // ways) is one source.
    let mut seen = std::collections::HashSet::new();
    files.retain(|(p, _)| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    // One manifest per folder, however the folder is spelled (`d/x.txt`,
    // `./d/y.txt`): its problems are reported once.
    let mut manifests: HashMap<PathBuf, BTreeMap<String, SourceMeta>> = HashMap::new();
    let mut entries: Vec<Entry> = files
        .into_iter()
        .map(|(path, id)| {
            let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            let key = dir.canonicalize().unwrap_or_else(|_| dir.clone());
            let manifest = manifests
                .entry(key)
                .or_insert_with(|| manifest::read(&dir, diags));
            let meta = meta_for(&path, id, manifest);
            Entry {
                path,
                meta,
                encoding: opts.encoding,
            }
        })
        .collect();
    entries.sort_by(|a, b| (&a.meta.id, &a.path).cmp(&(&b.meta.id, &b.path)));
    let before = entries.len();
    let mut kept: Vec<Entry> = Vec::with_capacity(before);
    for e in entries {
        match kept.last() {
            Some(prev) if prev.meta.id == e.meta.id => diags.push(
                Diagnostic::error(
                    "source-duplicate-id",
                    &e.path,
                    format!(
                        "source id `{}` is also the id of {}; this file is skipped",
                        e.meta.id,
                        prev.path.display()
                    ),
                )
                .help("give each source its own id in sources.toml, or rename one file"),
            ),
            _ => kept.push(e),
        }
    }
    skipped += before - kept.len();
    Found {
        entries: kept,
        skipped,
    }
}

/// Walks one folder; returns how many entries it had to leave out.
fn walk(
    root: &Path,
    opts: &InputOptions,
    files: &mut Vec<(PathBuf, String)>,
    diags: &mut Vec<Diagnostic>,
) -> usize {
    let mut overrides = ignore::overrides::OverrideBuilder::new(root);
    for g in &opts.globs {
        if let Err(e) = overrides.add(g) {
            diags.push(
                Diagnostic::error("usage", Path::new("--glob"), format!("`{g}`: {e}"))
                    .help("write a glob such as `*.txt`, or `!drafts/**` to leave files out"),
            );
        }
    }
    let overrides = match overrides.build() {
        Ok(o) => o,
        Err(e) => {
            diags.push(Diagnostic::error(
                "usage",
                Path::new("--glob"),
                e.to_string(),
            ));
            return 0;
        }
    };
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .parents(true)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .follow_links(true)
        .overrides(overrides)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    let mut skipped = 0;
    for item in walker {
        match item {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if entry.depth() > 0 && is_file && is_source_file(path) {
                    files.push((path.to_path_buf(), relative_id(root, path)));
                }
            }
            Err(e) => {
                skipped += 1;
                diags.push(walk_problem(root, &e));
            }
        }
    }
    skipped
}

/// The id of a file found under `root`: its relative path, `/`-separated.
fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

fn walk_problem(root: &Path, e: &ignore::Error) -> Diagnostic {
    let mut path = None;
    let mut err = e;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path.get_or_insert(p.clone());
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            _ => break,
        }
    }
    match err {
        ignore::Error::Loop { ancestor, child } => Diagnostic::warning(
            "source-symlink-loop",
            child,
            format!(
                "a symbolic link loops back to {}; it is not followed",
                ancestor.display()
            ),
        )
        .help("remove the link, or leave it out with --glob '!PATH'"),
        other => Diagnostic::warning(
            "source-unreadable",
            path.as_deref().unwrap_or(root),
            format!("cannot read while walking the folder: {other}"),
        )
        .help("fix the permissions or the link, or leave it out with --glob '!PATH'"),
    }
}

fn meta_for(path: &Path, id: String, manifest: &BTreeMap<String, SourceMeta>) -> SourceMeta {
    let name = path
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    manifest.get(&name).cloned().unwrap_or_else(|| SourceMeta {
        id,
        title: name.clone(),
        publisher: "unknown".into(),
        author: None,
        date: None,
        date_inferred: false,
        date_source: None,
        language: "unknown".into(),
    })
}
