//! OCR words as the positioned glyphs every later stage reads, with the
//! fixes that hold for any Vietnamese text (never a list of words).

use std::sync::Arc;

use super::image::Ink;
use super::tesseract::OcrLine;
use crate::pdf::{Glyph, WordConfidence};
use crate::text;

/// A line's box, from its accents' tops to its descenders, over its font
/// size (measured on Times and Arial at 12–14 pt: 1.1–1.2).
const LINE_PER_SIZE: f32 = 1.17;
/// Ascent and descent of the glyph boxes made, in font sizes.
const ASCENT: f32 = 0.9;
const DESCENT: f32 = 0.25;

/// What a page's regular text looks like, in pixels: its usual font
/// size and stroke thickness. Type much thicker than usual is bold.
#[derive(Debug, Clone, Copy)]
pub struct Typeface {
    pub size: f32,
    pub stroke: f32,
}

/// A stroke this much thicker than the page's usual is bold (measured on
/// Times at 200–300 dpi: bold 1.45–1.7×, regular lines 0.85–1.15×).
const BOLD_STROKE: f32 = 1.3;

impl Typeface {
    /// The usual size and stroke of a page's `lines` (each with the shift
    /// of the crop it was read from, in pixels), read from `ink`.
    pub fn of<'a>(lines: impl Iterator<Item = (&'a OcrLine, (f32, f32))>, ink: &Ink) -> Typeface {
        let (mut sizes, mut strokes) = (Vec::new(), Vec::new());
        for (l, shift) in lines {
            sizes.push(l.height as f32 / LINE_PER_SIZE);
            if l.words.len() >= 3 {
                strokes.extend(stroke(l, ink, shift));
            }
        }
        // with nothing to measure: 12 pt at 300 dpi, and no type bold
        Typeface {
            size: median(&sizes).unwrap_or(50.0),
            stroke: median(&strokes).unwrap_or(f32::INFINITY),
        }
    }
}

/// Fewest runs of ink a stroke thickness is measured on (a word or two).
const MIN_RUNS: u32 = 20;

/// The mean thickness of the strokes of a line's words, in pixels.
fn stroke(line: &OcrLine, ink: &Ink, shift: (f32, f32)) -> Option<f32> {
    let (dx, dy) = (shift.0.max(0.0) as usize, shift.1.max(0.0) as usize);
    let (dark, runs) = line.words.iter().fold((0, 0), |(d, r), w| {
        let (x0, y0) = (w.left as usize + dx, w.top as usize + dy);
        let (wd, wr) = ink.runs_in(x0, y0, x0 + w.width as usize, y0 + w.height as usize);
        (d + wd, r + wr)
    });
    (runs >= MIN_RUNS).then(|| dark as f32 / runs as f32)
}

/// The glyphs of OCR `lines` read at `dpi` from `ink`, in page points: one
/// per word, each followed by a space so later stages never join two
/// words; bold where the line's strokes are thicker than the page's
/// `usual` ones. `shift` moves them (a crop's place on the page), in pixels.
pub fn glyphs(
    lines: &[OcrLine],
    dpi: f32,
    shift: (f32, f32),
    usual: &Typeface,
    ink: &Ink,
) -> (Vec<Glyph>, Vec<WordConfidence>) {
    let scale = 72.0 / dpi;
    let font: Arc<str> = Arc::from("OCR");
    // a closing bracket with none opened in these lines is a speck
    let opened = lines
        .iter()
        .flat_map(|l| &l.words)
        .any(|w| w.text.contains('('));
    let sizes: Vec<f32> = lines
        .iter()
        .map(|l| l.height as f32 / LINE_PER_SIZE)
        .collect();
    let mut glyphs = Vec::new();
    let mut confs = Vec::new();
    for (line, &size) in lines.iter().zip(&sizes) {
        // a line of digits or capitals only is shorter than its font, and
        // two lines Tesseract took for one are taller
        let size = size.clamp(usual.size * 0.8, usual.size * 1.25) * scale;
        let bold = stroke(line, ink, shift).is_some_and(|s| s > usual.stroke * BOLD_STROKE);
        let baseline = (baseline(line) + shift.1) * scale;
        for w in &line.words {
            let mut text = clean(&w.text);
            if !opened && is_acronym_closed(&text) {
                text.pop(); // "UBND)" in a cell that opens no bracket
            }
            if text.is_empty() {
                continue;
            }
            let x0 = (w.left as f32 + shift.0) * scale;
            let x1 = ((w.left + w.width) as f32 + shift.0) * scale;
            let glyph = Glyph {
                text: text.as_str().into(),
                x0,
                x1,
                top: baseline - size * ASCENT,
                bottom: baseline + size * DESCENT,
                baseline,
                size,
                bold,
                font: font.clone(),
                stamp: false,
            };
            confs.push(WordConfidence {
                x0,
                x1,
                top: glyph.top,
                bottom: glyph.bottom,
                conf: w.conf,
            });
            let space = Glyph {
                text: " ".into(),
                x0: x1,
                ..glyph.clone()
            };
            glyphs.push(glyph);
            glyphs.push(space);
        }
    }
    (glyphs, confs)
}

/// An acronym with a bracket closed after it ("UBND)"); a sub-item's
/// letter ("a)") is none.
fn is_acronym_closed(word: &str) -> bool {
    word.strip_suffix(')')
        .is_some_and(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == 'Đ'))
}

/// Where a line's letters stand: the highest bottom among its words of
/// letters or digits (the others reach down: g, y, ạ, ọ), in pixels.
fn baseline(line: &OcrLine) -> f32 {
    let tall = line.height as f32 * 0.4;
    line.words
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphanumeric) && w.height as f32 >= tall)
        .map(|w| (w.top + w.height) as f32)
        .fold(None, |lo: Option<f32>, b| {
            Some(lo.map_or(b, |lo| lo.min(b)))
        })
        .unwrap_or((line.top + line.height) as f32 - line.height as f32 * DESCENT / LINE_PER_SIZE)
}

fn median(values: &[f32]) -> Option<f32> {
    let mut v: Vec<f32> = values.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied()
}

/// Marks a scan's specks and a border's remnants read as characters; no
/// Vietnamese document writes them at a word's edge.
const SPECKS: &[char] = &[
    'ˆ', '¬', '_', '|', '~', '`', '^', '¦', '•', '·', '°', '©', '®', '™', '¢',
];

/// A word as Vietnamese text: a lone dash a hyphen (a list's bullet), NFC,
/// specks at its edges dropped (a word of
/// specks or a lone quote is none), look-alike letters set right (Ð, the
/// Icelandic eth, for Đ; the fraction slash for /), and a number misread
/// with letters (3O/6/2026, 2l/6) set back to digits.
pub fn clean(word: &str) -> String {
    // a list's dash, however the scan drew it
    if matches!(word, "—" | "–" | "~" | "-") {
        return "-".into();
    }
    if is_vv(word) {
        return "V/v".into();
    }
    let word = word.trim_matches(SPECKS);
    if matches!(word, "\"" | "'" | "“" | "”" | "‘" | "’" | "," | ".") {
        return String::new();
    }
    let fixed: String = word
        .chars()
        .map(|c| match c {
            'Ð' => 'Đ',
            'ð' => 'đ',
            '⁄' | '∕' => '/',
            '‚' => ',',
            c => c,
        })
        .collect();
    let fixed = text::normalize(&fixed);
    // a whole number or date, or the number before a symbol ("96Ø/GM-UBND")
    let (head, tail) = match fixed.split_once('/') {
        Some((h, t)) if !looks_numeric(&fixed) && t.starts_with(char::is_uppercase) => (h, Some(t)),
        _ => (fixed.as_str(), None),
    };
    let numeric = looks_numeric(head) || tail.is_some() && looks_numeric(&format!("{head}0"));
    if !numeric {
        return fixed;
    }
    let digits: String = head
        .chars()
        .map(|c| match c {
            'O' | 'o' | 'Ø' | 'ø' => '0',
            'l' | 'I' | '|' => '1',
            c => c,
        })
        .collect();
    match tail {
        Some(t) => format!("{digits}/{t}"),
        None => digits,
    }
}

/// "V/v" (về việc, opening a trích yếu), however a scan drew its slash
/// and small v ("V⁄%", "Vlv", "V/y").
fn is_vv(word: &str) -> bool {
    let c: Vec<char> = word.chars().collect();
    c.len() == 3
        && c[0] == 'V'
        && matches!(c[1], '/' | '⁄' | '∕' | 'l' | '|' | '1' | 'I')
        && matches!(c[2], 'v' | 'V' | '%' | 'y' | 'w' | 'u')
}

/// Digits with at most a letter or two that look like digits (O, l, I),
/// and the separators of dates and numbers.
fn looks_numeric(word: &str) -> bool {
    let core = word.trim_end_matches([',', ';', ':', ')', '.']);
    let digits = core.chars().filter(char::is_ascii_digit).count();
    let alike = core
        .chars()
        .filter(|c| matches!(c, 'O' | 'o' | 'Ø' | 'ø' | 'l' | 'I' | '|'))
        .count();
    digits >= 2
        && alike <= 2
        && alike * 2 < digits
        && core.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(c, 'O' | 'o' | 'Ø' | 'ø' | 'l' | 'I' | '|' | '/' | '.' | '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::tesseract::OcrWord;

    fn word(text: &str, left: u32, top: u32, height: u32) -> OcrWord {
        OcrWord {
            text: text.into(),
            conf: 90.0,
            left,
            top,
            width: 100,
            height,
        }
    }

    #[test]
    fn look_alikes_and_misread_digits_are_set_right() {
        assert_eq!(clean("ÐỒNG"), "ĐỒNG");
        assert_eq!(clean("3O/6/2026"), "30/6/2026");
        assert_eq!(clean("2l/6/2026."), "21/6/2026.");
        assert_eq!(clean("Lào"), "Lào");
        assert_eq!(clean("IO"), "IO"); // too few digits to say
        assert_eq!(clean("2O2l"), "2O2l"); // as many look-alikes as digits
        assert_eq!(clean("tha\u{300}nh"), "thành");
        assert_eq!(clean("_13/7/2026"), "13/7/2026");
        assert_eq!(clean("¬¬"), "");
        assert_eq!(clean("—"), "-");
        assert_eq!(clean("V⁄%"), "V/v");
        assert_eq!(clean("96Ø/GM-UBND"), "960/GM-UBND");
        assert_eq!(clean("ISO/IEC"), "ISO/IEC");
        assert_eq!(clean("Vũ"), "Vũ");
        assert_eq!(clean("“"), "");
        assert_eq!(clean("“Nhóm"), "“Nhóm");
    }

    #[test]
    fn a_bracket_closed_on_nothing_is_dropped() {
        assert!(is_acronym_closed("UBND)"));
        assert!(!is_acronym_closed("a)"));
        assert!(!is_acronym_closed("UBND"));
        let ink = crate::ocr::image::Gray::new(900, 200, 255).ink(128);
        let line = |texts: &[&str]| OcrLine {
            left: 0,
            top: 100,
            width: 500,
            height: 60,
            words: texts.iter().map(|t| word(t, 0, 110, 37)).collect(),
        };
        let usual = Typeface {
            size: 50.0,
            stroke: 5.0,
        };
        let read = |l: OcrLine| -> Vec<String> {
            let (g, _) = glyphs(&[l], 300.0, (0.0, 0.0), &usual, &ink);
            g.iter()
                .filter(|g| g.text != " ")
                .map(|g| g.text.to_string())
                .collect()
        };
        assert_eq!(read(line(&["UBND)", "các", "xã"])), ["UBND", "các", "xã"]);
        assert_eq!(
            read(line(&["(Sở", "Tài", "chính,", "UBND)"])),
            ["(Sở", "Tài", "chính,", "UBND)"]
        );
    }

    #[test]
    fn words_stand_on_their_line_with_a_space_after() {
        let line = OcrLine {
            left: 300,
            top: 100,
            width: 500,
            height: 60,
            words: vec![word("Giao", 300, 110, 37), word("gửi", 420, 104, 56)],
        };
        let ink = crate::ocr::image::Gray::new(900, 200, 255).ink(128);
        let usual = Typeface::of(std::iter::once((&line, (0.0, 0.0))), &ink);
        let (glyphs, confs) = glyphs(&[line], 300.0, (0.0, 0.0), &usual, &ink);
        assert_eq!(glyphs.len(), 4);
        assert_eq!(confs.len(), 2);
        // "Giao" has no descender: its bottom is the baseline
        assert!((glyphs[0].baseline - 147.0 * 72.0 / 300.0).abs() < 0.01);
        assert_eq!(glyphs[0].baseline, glyphs[2].baseline);
        assert_eq!(glyphs[1].text, " ");
        assert!((glyphs[0].x0 - 72.0).abs() < 0.01);
    }
}
