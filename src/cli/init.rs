//! `crosscheck init`: a folder ready to check, so the installed binary
//! works anywhere: a `crosscheck.toml`, a `rules/` folder with one commented
//! example rule, and a `sources/` folder with one example source.

use std::io::Write;
use std::path::Path;

use super::Status;

/// What `init` writes, relative to the folder.
const FILES: &[(&str, &str)] = &[
    ("crosscheck.toml", include_str!("init/crosscheck.toml")),
    ("rules/example.toml", include_str!("init/example.toml")),
    ("sources/example.txt", include_str!("init/source.txt")),
];

pub fn init(dir: &Path, force: bool, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    let existing: Vec<&str> = FILES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| dir.join(name).exists())
        .collect();
    if !existing.is_empty() && !force {
        let _ = writeln!(
            err,
            "crosscheck: {} already has {}; nothing was written (--force overwrites them)",
            dir.display(),
            existing.join(", ")
        );
        return Status::InputError;
    }
    for (name, text) in FILES {
        let path = dir.join(name);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            let _ = writeln!(err, "crosscheck: cannot write {}: {e}", path.display());
            return Status::InputError;
        }
        let _ = writeln!(out, "wrote {}", path.display());
    }
    let _ = writeln!(
        out,
        "\nnext: put articles in sources/, then run `crosscheck check`;\n\
         `crosscheck rules test` checks the rules' examples, and\n\
         `crosscheck explain trade.example --text \"…\"` shows how a rule reads a sentence."
    );
    Status::Clean
}
