//! From a file's bytes to the text facts are read in.
//!
//! A byte-order mark decides between UTF-8, UTF-16 LE and UTF-16 BE (and is
//! not part of the text, so it shifts no column). Without one, a file with
//! NUL bytes is binary and skipped; valid UTF-8 is UTF-8; a file that is
//! mostly UTF-8 with a few broken bytes is corrupt and skipped; anything
//! else is a legacy encoding guessed by `chardetng` (Windows-1256 Arabic,
//! Windows-1251 Russian, Windows-1255 Hebrew, …), accepted only if it
//! decodes without errors. `--encoding LABEL` replaces the guess. HTML pages
//! then become their visible text (see `html`).
//!
//! `fact::load_quotes` reads the file again through this same function, so
//! a quote is cut from the very text its spans were read in.

use std::path::Path;

use encoding_rs::Encoding;

use super::html;
use crate::calendar::Day;
use crate::diag::Diagnostic;

/// A source's text as facts are read in it.
pub struct Text {
    pub text: String,
    /// The encoding the bytes were in, when not UTF-8 (e.g. `windows-1256`).
    pub encoding: Option<&'static str>,
    /// The publication date an HTML page's metadata states.
    pub published: Option<Day>,
    /// An HTML page as written (decoded), for columns.
    pub page: Option<String>,
}

/// How many bytes are looked at for NUL bytes (as ripgrep does, the start).
const BINARY_PROBE: usize = 8192;

/// Decodes a file's bytes. `forced` is the `--encoding` given, else the
/// encoding recorded when the file was first read (`label`).
pub fn text(
    path: &Path,
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Text, Box<Diagnostic>> {
    let (text, encoding) = decode(path, bytes, forced)?;
    let (text, published, page) = if html::is_html(path) {
        let visible = html::page(&text);
        (visible.text, visible.published, Some(text))
    } else {
        (text, None, None)
    };
    Ok(Text {
        text,
        encoding: (encoding != encoding_rs::UTF_8).then(|| encoding.name()),
        published,
        page,
    })
}

/// The encoding a label names (`windows-1256`, `cp1251`, `utf-16le`, …).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

fn skip(
    path: &Path,
    code: &'static str,
    message: impl Into<String>,
    help: &str,
) -> Box<Diagnostic> {
    Box::new(Diagnostic::warning(code, path, message).help(help.to_string()))
}

fn decode(
    path: &Path,
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<(String, &'static Encoding), Box<Diagnostic>> {
    if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(skip(
                path,
                "source-unreadable",
                format!(
                    "the file starts with a {} byte-order mark but is not valid {}; skipped",
                    enc.name(),
                    enc.name()
                ),
                "convert the file to UTF-8 (for example with iconv)",
            ));
        }
        return Ok((text.into_owned(), enc));
    }
    if let Some(enc) = forced {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
        if had_errors {
            return Err(skip(
                path,
                "source-unreadable",
                format!("the file is not valid {}; skipped", enc.name()),
                "check the --encoding given, or convert the file to UTF-8",
            ));
        }
        return Ok((text.into_owned(), enc));
    }
    if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        return Err(skip(
            path,
            "source-binary",
            "the file is binary (it holds NUL bytes); skipped",
            "leave it out with --glob '!PATTERN'; a UTF-16 file needs a byte-order mark or --encoding",
        ));
    }
    // The common case takes the bytes as they are, without a copy.
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => return Ok((s, encoding_rs::UTF_8)),
        Err(e) => e.into_bytes(),
    };
    let bytes = bytes.as_slice();
    let (multibyte, broken) = utf8_shape(bytes);
    if multibyte > broken {
        let at = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let valid = String::from_utf8_lossy(&bytes[..at]).into_owned();
        return Err(Box::new(
            Diagnostic::warning(
                "source-unreadable",
                path,
                "the file is not valid UTF-8; skipped",
            )
            .at(&valid, at)
            .help("convert the file to UTF-8 (for example with iconv), or pass --encoding LABEL"),
        ));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors || text.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c)) {
        return Err(skip(
            path,
            "source-unreadable",
            format!(
                "the file is neither UTF-8 nor readable as {}; skipped",
                enc.name()
            ),
            "convert the file to UTF-8, or pass --encoding LABEL",
        ));
    }
    Ok((text.into_owned(), enc))
}

/// Valid multi-byte UTF-8 characters and broken bytes in `bytes`: text in
/// a single-byte encoding seldom forms valid multi-byte sequences.
fn utf8_shape(bytes: &[u8]) -> (usize, usize) {
    let (mut multibyte, mut broken) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += chunk.invalid().len();
    }
    (multibyte, broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AR: &str = "بلغ حجم التجارة بين البلدين 34 مليون دولار خلال الأشهر الثمانية الأولى من عام 2025 وفقا للبيانات الرسمية.";
    const RU: &str = "Товарооборот между странами в 2022 году составил 883 миллиона долларов, сообщили в министерстве.";

    fn read(bytes: &[u8]) -> Result<Text, Box<Diagnostic>> {
        text(Path::new("x.txt"), bytes.to_vec(), None)
    }

    #[test]
    fn byte_order_marks_choose_the_encoding_and_are_not_text() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(AR.encode_utf16().flat_map(u16::to_le_bytes));
        let t = read(&le).unwrap();
        assert_eq!((t.text.as_str(), t.encoding), (AR, Some("UTF-16LE")));
        let mut be = vec![0xFE, 0xFF];
        be.extend(RU.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(read(&be).unwrap().text, RU);
        let mut u8bom = vec![0xEF, 0xBB, 0xBF];
        u8bom.extend(AR.bytes());
        let t = read(&u8bom).unwrap();
        assert_eq!((t.text.as_str(), t.encoding), (AR, None));
    }

    #[test]
    fn legacy_encodings_are_detected() {
        for (text, enc) in [
            (AR, encoding_rs::WINDOWS_1256),
            (RU, encoding_rs::WINDOWS_1251),
            (
                "סחר החוץ בין המדינות הגיע ל-80 מיליון דולר בשנת 2025, לפי הלשכה המרכזית לסטטיסטיקה.",
                encoding_rs::WINDOWS_1255,
            ),
        ] {
            let (bytes, _, _) = enc.encode(text);
            let t = read(&bytes).unwrap();
            assert_eq!(t.text, text);
            assert_eq!(t.encoding, Some(enc.name()));
        }
        // The label given wins over the guess.
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(RU);
        let t = text(
            Path::new("x.txt"),
            bytes.to_vec(),
            encoding_for_label("koi8-r"),
        )
        .unwrap();
        assert_eq!(t.text, RU);
    }

    #[test]
    fn broken_and_binary_files_are_named_not_read() {
        let mut broken = AR.as_bytes().to_vec();
        broken.insert(20, 0xFF);
        let d = read(&broken).err().unwrap();
        assert_eq!((d.code, d.line, d.col), ("source-unreadable", 1, 12));
        assert!(!d.is_error());
        let d = read(b"\x7fELF\x02\x01\x01\0\0\0").err().unwrap();
        assert_eq!(d.code, "source-binary");
        // UTF-16 without a mark has NUL bytes in ASCII text: binary.
        let le: Vec<u8> = "Trade 5"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(read(&le).err().unwrap().code, "source-binary");
        assert_eq!(read(b"").unwrap().text, "");
    }
}
