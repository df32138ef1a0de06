//! Sources the user has not prepared: manifests that cannot be read,
//! files that share a name, encodings other than UTF-8, HTML pages, dates
//! without a manifest, and folders to walk. Each case is built in a
//! temporary folder and run through the binary.

mod common;
use common::*;

use std::path::Path;

const KZ: &str = "Товарооборот между Казахстаном и Израилем в 2022 году составил 883 млн долларов, сообщает Бюро национальной статистики.\n";
const IL_EN: &str = "According to Israel's Central Bureau of Statistics, trade with Kazakhstan in 2022 reached $79 million.\n";
const KZ_AR: &str = "قدرت أستانا حجم التجارة مع إسرائيل عام 2022 بـ883 مليون دولار.\n";

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn check(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "check",
        "--no-cache",
        "--width",
        "1000",
        "--sources",
        dir.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args)
}

fn copy_seeds(to: &Path) {
    for e in std::fs::read_dir(root().join("seeds")).unwrap().flatten() {
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn a_manifest_that_is_not_utf8_is_an_input_error_named_once() {
    let dir = tempfile::tempdir().unwrap();
    copy_seeds(dir.path());
    let manifest = dir.path().join("sources.toml");
    let mut bytes = std::fs::read(&manifest).unwrap();
    bytes.extend(b"# \xff\n");
    std::fs::write(&manifest, bytes).unwrap();
    let o = check(dir.path(), &["-q"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).matches("error[manifest-unreadable]").count(),
        1,
        "{}",
        stderr(&o)
    );
    // A file named two ways, one manifest: its problem is told once.
    let a = dir.path().join("000_a7917da6f53bb314.txt");
    let b = format!("{}/./001_bae31eafe5fea3ea.txt", dir.path().display());
    let o = run(&["check", "--no-cache", "-q", a.to_str().unwrap(), &b]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o).matches("error[manifest-unreadable]").count(),
        1,
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_file_name_and_a_manifest_id_never_merge_two_sources() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.txt", IL_EN);
    write(dir.path(), "x.md", KZ);
    let o = check(dir.path(), &["-v"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("/x.txt:1:") && out.contains("/x.md:1:"),
        "{out}"
    );
    assert!(
        stderr(&o).contains("crosscheck: 2 sources"),
        "{}",
        stderr(&o)
    );
    // A manifest id equal to another file's id: an error, the second skipped.
    write(dir.path(), "sub/001.txt", KZ_AR);
    write(dir.path(), "sub/y.txt", IL_EN);
    write(
        dir.path(),
        "sub/sources.toml",
        "[[source]]\nfile = \"y.txt\"\nid = \"sub/001.txt\"\n",
    );
    let o = check(dir.path(), &["-q"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(
        err.matches("error[source-duplicate-id]").count(),
        1,
        "{err}"
    );
    assert!(err.contains("sub/y.txt"), "{err}");
    // One file named twice is one source, not two with one id.
    let again = "./seeds/001_bae31eafe5fea3ea.txt";
    let o = run(&["check", "--no-cache", "-q", "seeds", again]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("source-duplicate-id"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_bad_file_is_skipped_with_a_warning_and_strict_fails() {
    let dir = tempfile::tempdir().unwrap();
    copy_seeds(dir.path());
    let mut broken = KZ_AR.as_bytes().to_vec();
    broken.insert(9, 0xFF);
    write(dir.path(), "broken.txt", broken);
    let o = check(dir.path(), &["-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning[source-unreadable]: the file is not valid UTF-8; skipped"),
        "{err}"
    );
    assert!(err.contains("broken.txt:1:"), "{err}");
    assert!(stdout(&o).contains(" · 1 skipped file"), "{}", stdout(&o));
    let o = check(dir.path(), &["-q", "--strict"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // Nothing readable at all is an input error, each file still named.
    let only = tempfile::tempdir().unwrap();
    write(only.path(), "blob.txt", b"\0\x01\x02");
    let o = check(only.path(), &["-q"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning[source-binary]"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("no source could be read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_encoding_given_replaces_the_guess() {
    let dir = tempfile::tempdir().unwrap();
    let (koi8, _, _) = encoding_rs::KOI8_R.encode(KZ);
    write(dir.path(), "ru.txt", &*koi8);
    write(dir.path(), "en.txt", IL_EN);
    let o = check(dir.path(), &["--encoding", "koi8-r"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(has(&stdout(&o), "883M USD", "/ru.txt:1:"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("Товарооборот между Казахстаном"),
        "{}",
        stdout(&o)
    );
    let o = check(dir.path(), &["--encoding", "no-such"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn utf16_and_legacy_encodings_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut le = vec![0xFF, 0xFE];
    le.extend(KZ_AR.encode_utf16().flat_map(u16::to_le_bytes));
    write(dir.path(), "ar16.txt", le);
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(KZ);
    write(dir.path(), "ru1251.txt", &*cp1251);
    let il_ar =
        "وفقا للبيانات الإسرائيلية بلغ حجم التجارة مع كازاخستان عام 2022 نحو 79 مليون دولار.\n";
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(il_ar);
    write(dir.path(), "ar1256.txt", &*cp1256);
    let o = check(dir.path(), &["--threshold", "minor"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    // Line and column are those of the decoded text; the mark shifts nothing.
    assert!(out.contains("/ar16.txt:1:"), "{out}");
    assert!(has(&out, "883M USD", "/ru1251.txt:1:"), "{out}");
    assert!(has(&out, "79M USD", "/ar1256.txt:1:"), "{out}");
    // Quotes come from the decoded text too.
    assert!(out.contains("Товарооборот между Казахстаном"), "{out}");
    assert!(out.contains("وفقا للبيانات الإسرائيلية"), "{out}");
}

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Trade reached $999 million</title>
<meta property="article:published_time" content="2025-11-07T09:45:00+05:00">
<script>var trade = "trade reached $555 million"; document.write("<p>$444 million</p>");</script>
<style>.x { content: "trade $333 million"; }</style>
</head>
<body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Kazakhstan and Israel</h1>
<p>According to Israel's Central Bureau of Statistics, bilateral trade in 2022 reached $79&nbsp;million.</p>
<!-- trade reached $222 million -->
<table>
<tr><th>Year</th><th>Source</th><th>Trade</th></tr>
<tr><td>2022</td><td>Kazakh statistics</td><td>trade in 2022: $883 million</td></tr>
</table>
</article>
</body>
</html>
"#;

#[test]
fn html_pages_read_their_visible_text_at_the_right_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.html", PAGE);
    let ar = PAGE
        .replace("lang=\"en\"", "lang=\"ar\" dir=\"rtl\"")
        .replace(
            "According to Israel's Central Bureau of Statistics, bilateral trade in 2022 reached $79&nbsp;million.",
            "وفقا للبيانات الإسرائيلية بلغ حجم التجارة عام 2022 نحو 79&nbsp;مليون دولار.",
        );
    write(dir.path(), "sub/page-ar.htm", &ar);
    let o = check(dir.path(), &["--threshold", "minor", "-v"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // The padding of a decoded `&nbsp;` is invisible and not compared.
    let out = stdout(&o).replace(['\u{200B}', '\u{AD}'], "");
    // Lines and columns are those of the page as written.
    let col = |page: &str, line: usize, what: &str| {
        let l = page.lines().nth(line - 1).unwrap();
        l[..l.find(what).unwrap()].chars().count() + 1
    };
    let at = format!("/page.html:14:{}]", col(PAGE, 14, "$79"));
    assert!(has(&out, "79M USD", &at), "{at}\n{out}");
    let at = format!("/sub/page-ar.htm:14:{}]", col(&ar, 14, "نحو 79"));
    assert!(has(&out, "≈79M USD", &at), "{at}\n{out}");
    let at = format!("/page.html:18:{}]", col(PAGE, 18, "$883"));
    assert!(has(&out, "883M USD", &at), "{at}\n{out}");
    for hidden in ["999", "555", "444", "333", "222"] {
        assert!(!out.contains(hidden), "{hidden}: {out}");
    }
    // The quote is the visible sentence, markup and entities gone.
    assert!(
        out.contains("bilateral trade in 2022 reached $79 million."),
        "{out}"
    );
    // The date came from the page's metadata, and the report says so.
    let md = report_of(dir.path());
    assert!(md.contains("2025-11-07 (from html-meta)"), "{md}");
}

/// The Markdown report of a folder's sources, as `report --out` writes it.
fn report_of(dir: &Path) -> String {
    let md = dir.join("r.md");
    let o = run(&[
        "report",
        "--no-cache",
        "--sources",
        dir.to_str().unwrap(),
        "--out",
        md.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::read_to_string(md).unwrap()
}

#[test]
fn dates_come_from_datelines_and_file_names() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "2025-11-06-tass.txt",
        format!("АСТАНА, 6 ноября – {KZ}"),
    );
    write(dir.path(), "reuters_20251105.txt", IL_EN);
    write(
        dir.path(),
        "wire.txt",
        format!("أستانا – 7 نوفمبر 2025 (رويترز) {KZ_AR}"),
    );
    let md = report_of(dir.path());
    assert!(md.contains("2025-11-06 (from dateline)"), "{md}");
    assert!(md.contains("2025-11-05 (from file-name)"), "{md}");
    assert!(md.contains("2025-11-07 (from dateline)"), "{md}");
    let o = run(&[
        "explain",
        "trade.volume",
        "wire.txt",
        "--sources",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        stdout(&o).contains("source date: 2025-11-07 (from dateline)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn folders_are_walked_as_ripgrep_walks_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.txt", IL_EN);
    write(d, "sub/b.md", KZ);
    write(d, "ignored.txt", KZ);
    write(d, ".gitignore", "ignored.txt\n");
    write(d, "sub/.ignore", "drafts/\n");
    write(d, "sub/drafts/c.txt", KZ);
    write(d, "._a.txt", KZ);
    write(d, "README.md", KZ);
    write(d, "notes.rtf", KZ);
    let sources = |o: &std::process::Output| -> Vec<String> {
        let out = stdout(o);
        let mut v: Vec<String> = [
            "a.txt",
            "sub/b.md",
            "ignored.txt",
            "sub/drafts/c.txt",
            "._a.txt",
            "README.md",
        ]
        .iter()
        .filter(|s| out.contains(&format!("/{s}:1:")))
        .map(|s| s.to_string())
        .collect();
        v.sort();
        v
    };
    let o = check(d, &["--threshold", "minor"]);
    assert_eq!(sources(&o), ["a.txt", "sub/b.md"], "{}", stdout(&o));
    let o = check(d, &["--glob", "!sub/**"]);
    assert_eq!(sources(&o), ["a.txt"], "{}", stderr(&o));
    let o = check(d, &["-g", "*.md"]);
    assert_eq!(sources(&o), ["sub/b.md"], "{}", stderr(&o));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
        let o = check(d, &["--threshold", "minor"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert_eq!(sources(&o), ["a.txt", "sub/b.md"]);
        assert_eq!(
            stderr(&o).matches("warning[source-symlink-loop]").count(),
            1,
            "{}",
            stderr(&o)
        );
    }
}

/// Whether one line of the output holds both the value and its place.
fn has(out: &str, value: &str, place: &str) -> bool {
    out.lines().any(|l| l.contains(value) && l.contains(place))
}
