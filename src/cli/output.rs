//! Where output goes: files written whole or not at all, and standard
//! output watched for the reader going away.
//!
//! A file (`report -o`, `extract -o`, `rules test --bless`) is written to a
//! temporary file created exclusively in the target's folder, then renamed
//! over the target: a reader sees the old file or the new one, never half of
//! one, and a run that fails or is killed leaves the old file as it was. A
//! target that is not a regular file (a symlink, a FIFO, a device, a folder)
//! is never replaced: that is an error.
//!
//! Standard output is the reader's: when it goes away (`crosscheck report |
//! head -1`) the run ends quietly with the status it had, as ripgrep does;
//! any other write error is an error (exit 2), so a full disk never passes
//! for a short report.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crosscheck::diag::Diagnostic;

/// Where a command's output goes: a file, or standard output (`-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    pub fn from_arg(p: &Path) -> Target {
        if p == Path::new("-") {
            Target::Stdout
        } else {
            Target::File(p.to_path_buf())
        }
    }
}

/// What kind of file is at `path`, when it is one `write_file` must not
/// replace.
fn not_replaceable(path: &Path) -> Option<&'static str> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Writes `path` through a temporary file in its folder and a rename. The
/// temporary file is removed on any error; the old file stays as it was.
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Diagnostic> {
    let fail = |msg: String| {
        Diagnostic::error("io", path, msg)
            .help("write to a regular file, or to standard output with `-o -`")
    };
    if let Some(what) = not_replaceable(path) {
        return Err(fail(format!("will not replace {what}")));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(format!("cannot create the folder {}: {e}", dir.display())))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".crosscheck-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(format!("cannot create a temporary file beside it: {e}")))?;
    {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        write(&mut w)
            .and_then(|_| w.flush())
            .map_err(|e| fail(format!("cannot write: {e}")))?;
    }
    // The file's permissions are those of the file it replaces, or the
    // usual ones for a new file (the temporary file is private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode));
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| fail(format!("cannot write: {e}")))?;
    // Checked again right before the rename: the target may have changed.
    if let Some(what) = not_replaceable(path) {
        return Err(fail(format!("will not replace {what}")));
    }
    tmp.persist(path)
        .map_err(|e| fail(format!("cannot move the new file into place: {}", e.error)))?;
    Ok(())
}

/// Standard output, with the first error it met kept for the exit policy.
pub struct Watched<W: Write> {
    inner: W,
    error: Option<io::Error>,
}

impl<W: Write> Watched<W> {
    pub fn new(inner: W) -> Self {
        Watched { inner, error: None }
    }

    /// The first write error, unless it was only the reader going away.
    pub fn failure(&self) -> Option<&io::Error> {
        self.error
            .as_ref()
            .filter(|e| e.kind() != io::ErrorKind::BrokenPipe)
    }

    fn keep<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r
            && self.error.is_none()
        {
            self.error = Some(io::Error::new(e.kind(), e.to_string()));
        }
        r
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Once the reader is gone, nothing more is tried.
        if let Some(e) = &self.error {
            return Err(io::Error::new(e.kind(), e.to_string()));
        }
        let r = self.inner.write(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Some(e) = &self.error {
            return Err(io::Error::new(e.kind(), e.to_string()));
        }
        let r = self.inner.flush();
        self.keep(r)
    }
}

/// A write to standard output failed: quiet when the reader went away (the
/// status stands), an error otherwise.
pub fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, "old report\n").unwrap();
        let e = write_file(&path, |w| {
            w.write_all(&vec![b'x'; 1 << 20])?;
            Err(io::Error::other("interrupted"))
        })
        .unwrap_err();
        assert!(e.message.contains("interrupted"), "{e:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old report\n");
        assert_eq!(entries(dir.path()), ["r.md"]);
        write_file(&path, |w| w.write_all(b"new report\n")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new report\n");
        assert_eq!(entries(dir.path()), ["r.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_fifos_devices_and_folders_are_never_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        std::fs::write(&real, "kept\n").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let e = write_file(&link, |w| w.write_all(b"x")).unwrap_err();
        assert!(
            e.message.contains("will not replace a symbolic link"),
            "{e:?}"
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "kept\n");
        let e = write_file(Path::new("/dev/null"), |w| w.write_all(b"x")).unwrap_err();
        assert!(e.message.contains("will not replace a device"), "{e:?}");
        let e = write_file(dir.path(), |w| w.write_all(b"x")).unwrap_err();
        assert!(e.message.contains("will not replace a folder"), "{e:?}");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = write_file(&fifo, |w| w.write_all(b"x")).unwrap_err();
            assert!(e.message.contains("will not replace a FIFO"), "{e:?}");
        }
        // A new file gets the usual permissions, a replaced one keeps its own.
        let new = dir.path().join("new.md");
        write_file(&new, |w| w.write_all(b"x")).unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        assert_eq!(
            entries(dir.path()),
            ["fifo", "link.md", "new.md", "real.md"]
                .into_iter()
                .filter(|n| *n != "fifo" || fifo.exists())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_watch_keeps_the_first_error_and_forgives_a_closed_pipe() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::BrokenPipe))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut w = Watched::new(Closed);
        assert!(w.write_all(b"x").is_err());
        assert!(w.write_all(b"y").is_err());
        assert!(w.failure().is_none());
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::StorageFull))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut w = Watched::new(Full);
        assert!(w.write_all(b"x").is_err());
        assert_eq!(w.failure().unwrap().kind(), io::ErrorKind::StorageFull);
    }
}
