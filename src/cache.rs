//! The incremental cache: a source's facts, kept under a hash of what they
//! depend on (the rule set's fingerprint, the source's metadata and its
//! bytes), so a run after editing one file of a thousand matches one file.
//!
//! One JSON file per source below the cache folder (`ab/abcdef….json`),
//! written to a temporary name and renamed, so a reader never sees half an
//! entry; an entry that cannot be read is a miss and is written anew. The
//! folder carries a `CACHEDIR.TAG`, so backup tools skip it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fact::Fact;
use crate::run::{SourceInfo, Stats};
use crate::source::SourceMeta;

/// Bumped when what an entry holds changes.
const FORMAT: u32 = 4;

#[derive(Serialize, Deserialize)]
pub struct Entry {
    format: u32,
    pub info: SourceInfo,
    pub facts: Vec<Fact>,
    pub stats: Stats,
}

pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(dir: &Path) -> Cache {
        Cache {
            dir: dir.to_path_buf(),
        }
    }

    /// The key of a source: its bytes, its metadata and file name, the
    /// rules it is matched with.
    pub fn key(rules: &str, meta: &SourceMeta, path: &Path, digest: &str) -> String {
        let mut h = blake3::Hasher::new();
        h.update(&FORMAT.to_le_bytes());
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(rules.as_bytes());
        h.update(&[0]);
        h.update(serde_json::to_string(meta).unwrap_or_default().as_bytes());
        h.update(&[0]);
        h.update(
            path.file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned())
                .as_bytes(),
        );
        h.update(&[0]);
        h.update(digest.as_bytes());
        h.finalize().to_hex().to_string()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// The entry under `key`, if there is a readable one.
    pub fn get(&self, key: &str) -> Option<Entry> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        (entry.format == FORMAT).then_some(entry)
    }

    /// Keeps an entry; the error says why it could not be written.
    pub fn put(
        &self,
        key: &str,
        info: &SourceInfo,
        facts: &[Fact],
        stats: Stats,
    ) -> std::io::Result<()> {
        let path = self.path(key);
        let dir = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(dir)?;
        let tag = self.dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            std::fs::write(
                &tag,
                "Signature: 8a477f597d28d172789f06886806bc55\n# crosscheck's cache of facts per source; delete it at will.\n",
            )?;
        }
        let entry = Entry {
            format: FORMAT,
            info: info.clone(),
            facts: facts.to_vec(),
            stats,
        };
        let json = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        let tmp = dir.join(format!(
            ".{key}.{}.{:?}.tmp",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, &path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}
