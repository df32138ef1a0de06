//! Settings: `crosscheck.toml`, found in the current folder or
//! the nearest folder above it.
//!
//! It sets the rules and sources folders, extra rule packs (`extend`), the
//! failing grade, a default tolerance and output defaults. Flags override it;
//! built-in defaults fill the rest. Every effective value remembers where it
//! came from, for `crosscheck config`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crosscheck::diag::Diagnostic;
use crosscheck::finding::Grade;
use crosscheck::rules::Threshold;

use super::args::RunArgs;

pub const FILE: &str = "crosscheck.toml";
/// The cache folder's name, beside crosscheck.toml or in the current folder.
pub const CACHE_DIR: &str = ".crosscheck_cache";

/// Where an effective value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    Default,
    File { path: PathBuf, line: usize },
    Flag,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Provenance::Default => write!(f, "default"),
            Provenance::File { path, line } => write!(f, "{}:{line}", path.display()),
            Provenance::Flag => write!(f, "command line"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub from: Provenance,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub file: Option<PathBuf>,
    pub rules: Setting<Vec<PathBuf>>,
    pub extend: Setting<Vec<PathBuf>>,
    pub sources: Setting<Vec<PathBuf>>,
    pub threshold: Setting<Grade>,
    /// Tolerance for figure rules that set none.
    pub tolerance: Setting<Option<Threshold>>,
    /// The table's width; `None`: the terminal's.
    pub width: Setting<Option<u16>>,
    /// The baseline conflicts are judged against.
    pub baseline: Setting<Option<PathBuf>>,
    /// Suppressions written in the configuration (`[[suppress]]`).
    pub suppressions: Vec<crosscheck::rules::suppress::Suppression>,
    pub report_dir: Setting<PathBuf>,
    /// Where facts are cached; `None` with `--no-cache`.
    pub cache_dir: Setting<Option<PathBuf>>,
    /// The user's own entities (`[[entity]]`), for rules' entity slots.
    pub entities: Vec<crosscheck::entity::UserEntity>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    rules: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    sources: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    extend: Option<Spanned<Vec<String>>>,
    #[serde(default, alias = "fail_on")]
    threshold: Option<Spanned<String>>,
    #[serde(default)]
    baseline: Option<Spanned<String>>,
    /// Read with their places by `triage::suppress::parse`.
    #[serde(default)]
    suppress: Vec<toml::Value>,
    #[serde(default)]
    tolerance: Option<Spanned<String>>,
    #[serde(default)]
    output: Option<RawOutput>,
    #[serde(default)]
    entity: Vec<crosscheck::rules::raw::RawEntity>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutput {
    #[serde(default)]
    width: Option<Spanned<u16>>,
    #[serde(default)]
    report_dir: Option<Spanned<String>>,
}

/// The nearest `crosscheck.toml` at or above `start`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    start
        .ancestors()
        .map(|d| d.join(FILE))
        .find(|p| p.is_file())
}

fn set<T>(value: T, from: Provenance) -> Setting<T> {
    Setting { value, from }
}

/// The effective configuration for a run from `cwd` with these flags.
pub fn resolve(cwd: &Path, args: &RunArgs) -> Result<Config, Vec<Diagnostic>> {
    let mut cfg = Config {
        file: None,
        rules: set(vec![PathBuf::from("rules")], Provenance::Default),
        extend: set(Vec::new(), Provenance::Default),
        sources: set(vec![PathBuf::from("seeds")], Provenance::Default),
        threshold: set(Grade::Major, Provenance::Default),
        tolerance: set(None, Provenance::Default),
        width: set(None, Provenance::Default),
        baseline: set(None, Provenance::Default),
        suppressions: Vec::new(),
        report_dir: set(PathBuf::from("reports"), Provenance::Default),
        cache_dir: set(Some(PathBuf::from(CACHE_DIR)), Provenance::Default),
        entities: Vec::new(),
    };
    if let Some(path) = discover(cwd) {
        read_file(&path, cwd, &mut cfg)?;
        let base = path.parent().unwrap_or(Path::new("."));
        cfg.cache_dir = set(Some(relative(base, cwd, CACHE_DIR)), Provenance::Default);
        cfg.file = Some(path);
    }
    if args.no_cache {
        cfg.cache_dir = set(None, Provenance::Flag);
    } else if let Some(d) = &args.cache_dir {
        cfg.cache_dir = set(Some(d.clone()), Provenance::Flag);
    }
    if let Some(r) = &args.rules {
        cfg.rules = set(r.clone(), Provenance::Flag);
    }
    if let Some(s) = &args.sources {
        cfg.sources = set(s.clone(), Provenance::Flag);
    }
    if let Some(t) = args.output.fail_on {
        cfg.threshold = set(t, Provenance::Flag);
    }
    if let Some(w) = args.output.width {
        cfg.width = set(Some(w), Provenance::Flag);
    }
    if let Some(b) = &args.output.baseline {
        cfg.baseline = set(Some(b.clone()), Provenance::Flag);
    }
    Ok(cfg)
}

/// Paths in the file are relative to its folder; shown relative to `cwd`
/// when they lie below it.
fn relative(base: &Path, cwd: &Path, p: &str) -> PathBuf {
    let full = base.join(p);
    let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
    match full.strip_prefix(&cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        Ok(_) => PathBuf::from("."),
        Err(_) => full,
    }
}

fn read_file(path: &Path, cwd: &Path, cfg: &mut Config) -> Result<(), Vec<Diagnostic>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![Diagnostic::error("io", path, format!("cannot read: {e}"))])?;
    let raw: Raw = toml::from_str(&text).map_err(|e| {
        let d = Diagnostic::error("config-invalid", path, e.message().trim().replace('\n', " "))
            .help("crosscheck.toml takes rules, sources, extend, threshold (or fail_on), tolerance, baseline, [output] width, report_dir, and [[entity]] and [[suppress]] lists");
        vec![match e.span() {
            Some(sp) => d.at(&text, sp.start),
            None => d,
        }]
    })?;
    let base = path.parent().unwrap_or(Path::new("."));
    let line = |at: usize| {
        crosscheck::text::LineIndex::new(&text)
            .line_col(&text, at)
            .0
    };
    let here = |at: usize| Provenance::File {
        path: path.to_path_buf(),
        line: line(at),
    };
    let mut errors = Vec::new();
    if !raw.suppress.is_empty() {
        let mut diags = Vec::new();
        cfg.suppressions = crosscheck::rules::suppress::parse(path, &text, &mut diags);
        errors.extend(diags.into_iter().filter(Diagnostic::is_error));
    }
    if let Some(b) = raw.baseline {
        cfg.baseline = set(Some(relative(base, cwd, b.get_ref())), here(b.span().start));
    }
    cfg.entities
        .extend(raw.entity.into_iter().map(|e| e.into_entity()));
    if let Some(r) = raw.rules {
        let from = here(r.span().start);
        cfg.rules = set(
            r.into_inner()
                .iter()
                .map(|p| relative(base, cwd, p))
                .collect(),
            from,
        );
    }
    if let Some(s) = raw.sources {
        let from = here(s.span().start);
        cfg.sources = set(
            s.into_inner()
                .iter()
                .map(|p| relative(base, cwd, p))
                .collect(),
            from,
        );
    }
    if let Some(x) = raw.extend {
        let from = here(x.span().start);
        let packs: Vec<PathBuf> = x.get_ref().iter().map(|p| relative(base, cwd, p)).collect();
        for (p, name) in packs.iter().zip(x.get_ref()) {
            if !p.exists() {
                errors.push(
                    Diagnostic::error(
                        "config-invalid",
                        path,
                        format!("rule pack `{name}` does not exist"),
                    )
                    .at(&text, x.span().start)
                    .help("extend takes folders of rule files, relative to crosscheck.toml"),
                );
            }
        }
        cfg.extend = set(packs, from);
    }
    if let Some(t) = raw.threshold {
        match Grade::ALL.iter().find(|(n, _)| *n == t.get_ref().as_str()) {
            Some((_, g)) => cfg.threshold = set(*g, here(t.span().start)),
            None => errors.push(
                Diagnostic::error(
                    "config-invalid",
                    path,
                    format!("unknown threshold `{}`", t.get_ref()),
                )
                .at(&text, t.span().start)
                .help("use minor, discrepancy or major"),
            ),
        }
    }
    if let Some(t) = raw.tolerance {
        match Threshold::parse(t.get_ref()) {
            Some(th @ Threshold::Ratio(_)) => cfg.tolerance = set(Some(th), here(t.span().start)),
            _ => errors.push(
                Diagnostic::error(
                    "config-invalid",
                    path,
                    format!("invalid tolerance `{}`", t.get_ref()),
                )
                .at(&text, t.span().start)
                .help("write the default tolerance of figures as a percent, e.g. \"5%\""),
            ),
        }
    }
    if let Some(o) = raw.output {
        if let Some(w) = o.width {
            cfg.width = set(Some(*w.get_ref()), here(w.span().start));
        }
        if let Some(d) = o.report_dir {
            cfg.report_dir = set(relative(base, cwd, d.get_ref()), here(d.span().start));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

impl Config {
    /// All rule locations: the rules folders, then the packs they extend.
    pub fn rule_paths(&self) -> Vec<PathBuf> {
        self.rules
            .value
            .iter()
            .chain(&self.extend.value)
            .cloned()
            .collect()
    }

    /// `crosscheck config`: every effective value and where it came from.
    pub fn describe(&self) -> String {
        let list = |v: &[PathBuf]| {
            let items: Vec<String> = v
                .iter()
                .map(|p| format!("{:?}", p.display().to_string()))
                .collect();
            format!("[{}]", items.join(", "))
        };
        let mut out = String::new();
        match &self.file {
            Some(f) => out.push_str(&format!("# configuration file: {}\n", f.display())),
            None => out.push_str(&format!(
                "# no {FILE} found in this folder or above; built-in defaults\n"
            )),
        }
        let row = |k: &str, v: String, from: &Provenance| format!("{k:<12} = {v:<40} # {from}\n");
        out.push_str(&row("rules", list(&self.rules.value), &self.rules.from));
        out.push_str(&row("extend", list(&self.extend.value), &self.extend.from));
        out.push_str(&row(
            "sources",
            list(&self.sources.value),
            &self.sources.from,
        ));
        out.push_str(&row(
            "threshold",
            format!("{:?}", self.threshold.value.name()),
            &self.threshold.from,
        ));
        out.push_str(&row(
            "baseline",
            self.baseline
                .value
                .as_ref()
                .map_or("(none)".to_string(), |b| {
                    format!("{:?}", b.display().to_string())
                }),
            &self.baseline.from,
        ));
        if !self.suppressions.is_empty() {
            out.push_str(&format!(
                "# {} suppression(s) in {FILE}\n",
                self.suppressions.len()
            ));
        }
        let tol = match self.tolerance.value {
            Some(Threshold::Ratio(r)) => {
                format!("\"{}%\"", crosscheck::value::Fmt((r - 1.0) * 100.0))
            }
            _ => "(each rule's own; 0% when unset)".into(),
        };
        out.push_str(&row("tolerance", tol, &self.tolerance.from));
        out.push_str("[output]\n");
        out.push_str(&row(
            "width",
            self.width
                .value
                .map_or("(the terminal's)".to_string(), |w| w.to_string()),
            &self.width.from,
        ));
        out.push_str(&row(
            "report_dir",
            format!("{:?}", self.report_dir.value.display().to_string()),
            &self.report_dir.from,
        ));
        out.push_str("# run\n");
        out.push_str(&row(
            "cache_dir",
            self.cache_dir
                .value
                .as_ref()
                .map_or("(off)".to_string(), |d| {
                    format!("{:?}", d.display().to_string())
                }),
            &self.cache_dir.from,
        ));
        out
    }
}
