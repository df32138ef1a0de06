//! A hostile corpus: the seeds, next to every kind of file a crawl or a
//! colleague's folder holds. The run must finish in bounded time without a
//! panic, still find the seeds' conflicts, read what can be read (UTF-16,
//! Windows-1256), name every file it skipped exactly once, and exit 1.

mod common;
use common::*;

use std::path::Path;
use std::time::{Duration, Instant};

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn a_hostile_corpus_is_read_as_far_as_it_can_be() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for e in std::fs::read_dir(root().join("seeds")).unwrap().flatten() {
        std::fs::copy(e.path(), d.join(e.file_name())).unwrap();
    }
    // Broken UTF-8: an Arabic sentence with a stray byte.
    let mut broken = "بلغ حجم التجارة 5 ملايين دولار.".as_bytes().to_vec();
    broken.insert(7, 0xC3);
    write(d, "broken.txt", broken);
    // UTF-16 LE with a mark, and Windows-1256 without one: both read.
    let utf16 = "وفقا للبيانات الإسرائيلية بلغ حجم التجارة عام 2019 نحو 157 مليون دولار.\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(utf16.encode_utf16().flat_map(u16::to_le_bytes));
    write(d, "utf16.txt", le);
    let cp = "قدرت أستانا حجم التجارة عام 2019 بـ412 مليون دولار.\n";
    write(d, "cp1256.txt", &*encoding_rs::WINDOWS_1256.encode(cp).0);
    write(
        d,
        "blob.txt",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    );
    write(d, "empty.txt", b"");
    // One line of 2 MB, with figures but no fact of the rules.
    let prose = "كازاخستان دولة كبيرة في آسيا الوسطى، مساحتها 2.7 مليون كم مربع، ";
    write(d, "long.md", prose.repeat(2_000_000 / prose.len()));
    // Bidi marks inside numbers, terminal escapes, script in HTML.
    write(
        d,
        "bidi.txt",
        "بلغ حجم التجارة عام 2018 نحو \u{200F}1\u{202B}2\u{202C}3 مليون دولار وفقا للبيانات الإسرائيلية.\n",
    );
    write(
        d,
        "ansi.txt",
        "\u{1b}[2J\u{1b}]0;owned\u{7}Israeli data: trade in 2017 reached $\u{1b}[31m88 million.\n",
    );
    write(
        d,
        "inject.html",
        "<html><body><script>alert('trade in 2016 reached $1 million')</script>\
         <p>Israeli data: trade in 2016 reached $61&nbsp;million.<img src=x onerror=alert(1)></p></body></html>\n",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(d, d.join("loop")).unwrap();

    let started = Instant::now();
    let o = run(&[
        "check",
        "--no-cache",
        "--width",
        "400",
        "--sources",
        d.to_str().unwrap(),
    ]);
    let took = started.elapsed();
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(took < Duration::from_secs(60), "took {took:?}");
    // The seeds' headline conflict is still there.
    assert!(
        out.lines().any(|l| l
            .starts_with("● Trade volume between two countries — total · Israel–Kazakhstan · ")
            && l.contains("2025-01..2025-08 — CONFLICT (major)")),
        "{out}"
    );
    // What can be read is read, at its own line and column (the file names
    // no pair, so its figure is unkeyed, not compared).
    assert!(
        has(&out, "statistics of Israel: ≈157M USD", "/utf16.txt:1:"),
        "{out}"
    );
    assert!(has(&out, "412M USD", "/cp1256.txt:1:"), "{out}");
    assert!(out.contains("/inject.html:1:"), "{out}");
    assert!(!out.contains(": 1M USD [inject.html"), "{out}");
    // Every file left out is named once, with why.
    for (name, code) in [
        ("broken.txt", "source-unreadable"),
        ("blob.txt", "source-binary"),
    ] {
        assert_eq!(err.matches(name).count(), 1, "{name}: {err}");
        assert!(err.contains(&format!("warning[{code}]")), "{code}: {err}");
    }
    #[cfg(unix)]
    assert_eq!(
        err.matches("warning[source-symlink-loop]").count(),
        1,
        "{err}"
    );
    let skipped = if cfg!(unix) { 3 } else { 2 };
    assert!(
        out.contains(&format!(" · {skipped} skipped files")),
        "{out}"
    );
    for read in [
        "utf16.txt",
        "cp1256.txt",
        "empty.txt",
        "long.md",
        "bidi.txt",
    ] {
        assert!(!err.contains(read), "{read}: {err}");
    }
}

/// Whether one line of the output holds both the value and its place.
fn has(out: &str, value: &str, place: &str) -> bool {
    out.lines().any(|l| l.contains(value) && l.contains(place))
}
