//! Vietnamese text normalisation and the joining of a cell's wrapped lines.

mod legacy;
pub mod lexicon;
pub mod syllable;
pub mod units;

pub use legacy::Legacy;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A zero-width space: it holds the place of a legacy code that decoding
/// folded into the letter before, so that text laid out in columns keeps
/// its columns.
pub const ZERO_WIDTH: char = '\u{200B}';

/// NFC, with no-break spaces made plain, zero-width spaces dropped and runs
/// of white space folded. "ƣ"/"Ƣ" (Latin letter OI, which Vietnamese never
/// uses) are read as "ư"/"Ư": some Word PDFs map the horned u to them.
pub fn normalize(s: &str) -> String {
    let plain = !s.contains(['\u{a0}', '\u{1a3}', '\u{1a2}', ZERO_WIDTH])
        && !s.contains("  ")
        && s.trim().len() == s.len()
        && !s.contains(['\t', '\n', '\r']);
    if plain
        && unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return s.to_string();
    }
    let fixed: String = s
        .chars()
        .filter(|&c| c != ZERO_WIDTH)
        .map(|c| match c {
            '\u{a0}' => ' ',
            '\u{1a3}' => '\u{1b0}',
            '\u{1a2}' => '\u{1af}',
            c => c,
        })
        .collect();
    let nfc: String = fixed.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML entities signing tools write into stamp text ("CCHC&amp;VTLT"),
/// with what they stand for; "&amp;" last, so "&amp;lt;" reads "&lt;".
pub const HTML_ENTITIES: [(&str, &str); 6] = [
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&apos;", "'"),
    ("&amp;", "&"),
];

/// The text with its [`HTML_ENTITIES`] decoded.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    HTML_ENTITIES
        .iter()
        .fold(s.to_string(), |t, (entity, ch)| t.replace(entity, ch))
}

/// Is this glyph text a diacritic drawn on its own (combining marks, as a
/// VNI font's mark glyphs read, or a spacing accent that some fonts draw as
/// a separate glyph)?
pub fn is_diacritic(s: &str) -> bool {
    let mut chars = s.chars().peekable();
    match (chars.next(), chars.peek()) {
        (Some(c), None) => is_combining_mark(c) || spacing_to_combining(c).is_some(),
        (Some(c), Some(_)) => is_combining_mark(c) && chars.all(is_combining_mark),
        (None, _) => false,
    }
}

/// A spacing accent as the combining mark it stands for.
pub fn spacing_to_combining(c: char) -> Option<char> {
    Some(match c {
        '\u{60}' | '\u{2CB}' => '\u{300}',
        '\u{B4}' | '\u{2CA}' => '\u{301}',
        '\u{2DC}' => '\u{303}',
        '\u{2C0}' => '\u{309}',
        _ => return None,
    })
}

/// Joins the lines of one cell into the text a person reads:
/// - wrapped lines are joined with one space;
/// - a line ending in a hyphen attached to a word ("158/KH-") is joined to the
///   next without one; a free-standing " -" keeps the space, and so does a
///   line that was drawn with a space after the hyphen;
/// - list items ("- ...", "+ ...", "a) ...") stay on lines of their own;
/// - `glued` marks joins where the word processor cut a word too long for its
///   column: those are joined without a space.
///
/// A line that ends in a space (as drawn) broke at that space.
pub fn join_lines(lines: &[(String, bool)]) -> String {
    let mut out = String::new();
    for (i, (line, glued)) in lines.iter().enumerate() {
        let line = line.trim_start();
        if line.trim().is_empty() {
            continue;
        }
        if i > 0 && !out.is_empty() {
            if starts_list_item(line) {
                out.truncate(out.trim_end().len());
                out.push('\n');
            } else if !(out.ends_with(' ') || *glued || ends_with_attached_hyphen(&out)) {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out.truncate(out.trim_end().len());
    out
}

fn ends_with_attached_hyphen(s: &str) -> bool {
    let mut rev = s.chars().rev();
    matches!(rev.next(), Some('-')) && rev.next().is_some_and(|c| !c.is_whitespace())
}

/// "- ...", "+ ...", "• ...", "a) ...", "b. ..." (a lone letter then a bracket).
pub fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some('-' | '+' | '•' | '–' | '*'), Some(' '), _) => true,
        (Some(c), Some(')'), Some(' ')) => c.is_alphabetic() && c.is_lowercase(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<(String, bool)> {
        v.iter().map(|s| (s.to_string(), false)).collect()
    }

    #[test]
    fn entities_decode_once() {
        assert_eq!(decode_entities("CCHC&amp;VTLT"), "CCHC&VTLT");
        assert_eq!(decode_entities("a &amp;lt; b"), "a &lt; b");
    }

    #[test]
    fn nfc_and_spaces() {
        assert_eq!(normalize("Vie\u{323}\u{302}t  Nam\u{a0}x"), "Việt Nam x");
        assert_eq!(normalize("biểu tƣợng TRƢỜNG"), "biểu tượng TRƯỜNG");
    }

    #[test]
    fn joins_wrapped_lines() {
        assert_eq!(
            join_lines(&lines(&["Rà soát,", "đề xuất"])),
            "Rà soát, đề xuất"
        );
        assert_eq!(
            join_lines(&lines(&["số 158/KH-", "SKHCN"])),
            "số 158/KH-SKHCN"
        );
        assert_eq!(
            join_lines(&lines(&["kinh tế -", "xã hội"])),
            "kinh tế - xã hội"
        );
        assert_eq!(
            join_lines(&lines(&["- Quyết định;", "- Báo cáo", "kết quả"])),
            "- Quyết định;\n- Báo cáo kết quả"
        );
        let cut = vec![("20/01/202".to_string(), false), ("5".to_string(), true)];
        assert_eq!(join_lines(&cut), "20/01/2025");
        let spaced = vec![("28/QĐ- ".to_string(), false), ("SKHCN".to_string(), false)];
        assert_eq!(join_lines(&spaced), "28/QĐ- SKHCN");
    }

    #[test]
    fn list_items() {
        assert!(starts_list_item("- Báo cáo"));
        assert!(starts_list_item("a) Quyết định"));
        assert!(!starts_list_item("-5%"));
        assert!(!starts_list_item("Sở"));
    }

    #[test]
    fn diacritics() {
        assert!(is_diacritic("\u{301}"));
        assert!(is_diacritic("\u{b4}"));
        assert!(!is_diacritic("a"));
    }
}

/// Lower-case ASCII with Vietnamese diacritics removed ("Đơn vị" → "don vi"),
/// for tolerant matching of header and label words.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|&c| !is_combining_mark(c) && c != ZERO_WIDTH)
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod fold_tests {
    #[test]
    fn fold_strips_marks() {
        assert_eq!(super::fold("Đơn vị  PHỐI HỢP"), "don vi phoi hop");
    }
}
