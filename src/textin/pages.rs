//! Laid-out text (`pdftotext -layout` and the like) as pages of glyphs: each
//! character a glyph in its cell of a grid of characters, form feeds parting
//! the pages. So the PDF path — lines, tables, records — reads it unchanged.

use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::pdf::{Glyph, Page};
use crate::text::{Legacy, ZERO_WIDTH};

/// The width of one character cell: half the font size, so a run of four
/// spaces is two ems, a gap the layout stage reads as apart columns.
pub const CHAR_WIDTH: f32 = 6.0;
/// The font size every character is set in.
pub const SIZE: f32 = 12.0;
/// From one line's baseline to the next.
pub const LINE_PITCH: f32 = 14.0;
/// The baseline of the first line.
const FIRST_BASELINE: f32 = 20.0;
/// At most this many characters a page (as many glyphs as a PDF page may
/// hold): a longer stretch between form feeds (`pdftotext -nopgbrk`) is
/// laid on several pages, at line breaks.
pub const MAX_PAGE_CHARS: usize = 500_000;
/// A tab is this many character cells.
const TAB: usize = 4;

/// The pages of a laid-out text, laid out one at a time as they are read
/// (a text of any length holds one page's glyphs at once). Text in a
/// legacy encoding is decoded word by word, each word kept on the cells it
/// took (a VNI letter and its mark took two).
pub fn pages(input: &str, legacy: Option<Legacy>) -> impl Iterator<Item = Page> + '_ {
    // the form feed after the last page opens no page
    let input = input.trim_end_matches(['\u{c}', '\n', '\r', ' ']);
    input
        .split('\u{c}')
        .flat_map(bounded)
        .enumerate()
        .map(move |(i, lines)| page(lines, i + 1, legacy))
}

/// A page's lines in runs of at most [`MAX_PAGE_CHARS`] characters.
fn bounded(text: &str) -> Vec<Vec<&str>> {
    let mut runs: Vec<Vec<&str>> = vec![Vec::new()];
    let mut size = 0;
    for line in text.lines().flat_map(pieces) {
        let n = line.chars().count();
        if size + n > MAX_PAGE_CHARS && runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
            size = 0;
        }
        size += n;
        if let Some(run) = runs.last_mut() {
            run.push(line);
        }
    }
    runs
}

/// A line in pieces of at most [`MAX_PAGE_CHARS`] characters (a line that
/// long is no layout anyone reads; it still fits on pages).
fn pieces(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some((at, _)) = rest.char_indices().nth(MAX_PAGE_CHARS) {
        out.push(&rest[..at]);
        rest = &rest[at..];
    }
    out.push(rest);
    out
}

/// One page of lines, each character at its column.
pub fn page<'a>(
    lines: impl IntoIterator<Item = &'a str>,
    number: usize,
    legacy: Option<Legacy>,
) -> Page {
    let font: Arc<str> = Arc::from("text");
    let mut glyphs = Vec::new();
    let mut rows = 0;
    let mut cols = 0;
    for (row, line) in lines.into_iter().enumerate() {
        let baseline = FIRST_BASELINE + row as f32 * LINE_PITCH;
        let mut end = 0;
        for (col, cells, word) in words(line) {
            let word = match legacy {
                Some(l) => l.decode(&word),
                None => word,
            };
            let letters = letters(&word);
            // each letter's share of the word's cells
            let width = cells as f32 / letters.len().max(1) as f32 * CHAR_WIDTH;
            for (k, text) in letters.iter().enumerate() {
                let x0 = col as f32 * CHAR_WIDTH + k as f32 * width;
                glyphs.push(glyph(text, (x0, x0 + width), baseline, &font));
            }
            end = col + cells;
        }
        rows = row + 1;
        cols = cols.max(end);
    }
    Page {
        number,
        width: cols.max(60) as f32 * CHAR_WIDTH,
        height: FIRST_BASELINE + rows as f32 * LINE_PITCH + 20.0,
        glyphs,
        ..Default::default()
    }
}

/// The words of a line: the column each starts at, the cells it takes and
/// its text. A mark the text keeps apart (NFD) takes no cell; a tab takes
/// four.
fn words(line: &str) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut col = 0;
    let mut open = false;
    for c in line.chars().filter(|&c| c != ZERO_WIDTH) {
        match c {
            '\t' => (col, open) = (col + TAB, false),
            // (only spaces: legacy bytes read as C1 controls, TCVN3's "Ặ"
            // at 0x85, are letters)
            ' ' | '\u{a0}' | '\u{3000}' => (col, open) = (col + 1, false),
            c => {
                match out.last_mut() {
                    Some((_, cells, text)) if open => {
                        text.push(c);
                        *cells += usize::from(!is_combining_mark(c));
                    }
                    _ => out.push((col, 1, c.to_string())),
                }
                col += usize::from(!is_combining_mark(c) || !open);
                open = true;
            }
        }
    }
    out
}

/// A word's letters, each with the marks that sit on it.
fn letters(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in word.chars().filter(|&c| c != ZERO_WIDTH) {
        match out.last_mut() {
            Some(l) if is_combining_mark(c) => l.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

fn glyph(text: &str, (x0, x1): (f32, f32), baseline: f32, font: &Arc<str>) -> Glyph {
    Glyph {
        text: text.nfc().collect::<String>().into(),
        x0,
        x1,
        top: baseline - 10.0,
        bottom: baseline + 3.0,
        baseline,
        size: SIZE,
        bold: false,
        font: font.clone(),
        stamp: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_character_takes_its_cell_and_marks_sit_on_their_letter() {
        // "Thời" written decomposed: the marks take no cell
        let p = page(["Sở  Thơ\u{300}i\tX"], 1, None);
        let texts: Vec<(&str, f32)> = p.glyphs.iter().map(|g| (g.text.as_str(), g.x0)).collect();
        assert_eq!(
            texts,
            [
                ("S", 0.0),
                ("ở", 6.0),
                ("T", 24.0),
                ("h", 30.0),
                ("ờ", 36.0),
                ("i", 42.0),
                ("X", 72.0)
            ]
        );
    }

    #[test]
    fn a_legacy_word_keeps_the_cells_it_took() {
        // VNI "Vieäc" (a letter and its mark in two cells) is "Việc"
        let p = page(["Vieäc  X"], 1, Some(Legacy::Vni));
        let text: String = p.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "ViệcX");
        assert_eq!(p.glyphs[3].x1, 30.0);
        assert_eq!(p.glyphs[4].x0, 42.0);
    }

    #[test]
    fn a_legacy_letter_read_as_a_control_is_no_space() {
        // TCVN3 "§\u{85}c" is "ĐẶc"; its byte 0x85 reads as U+0085, a control
        let p = page(["\u{a7}\u{85}c  X"], 1, Some(Legacy::Tcvn3));
        let text: String = p.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, Legacy::Tcvn3.decode("\u{a7}\u{85}c") + "X");
    }

    #[test]
    fn a_long_stretch_between_form_feeds_is_laid_on_several_pages() {
        let line = "x ".repeat(1000);
        let text = vec![line.as_str(); MAX_PAGE_CHARS / 2000 + 1].join("\n");
        let runs = bounded(&text);
        assert_eq!(runs.len(), 2);
        assert!(
            runs.iter()
                .all(|r| r.iter().map(|l| l.chars().count()).sum::<usize>() <= MAX_PAGE_CHARS)
        );
    }

    #[test]
    fn a_line_longer_than_a_page_is_cut() {
        let line = "é".repeat(MAX_PAGE_CHARS * 2 + 5);
        let runs = bounded(&line);
        let sizes: Vec<usize> = runs.iter().map(|r| r[0].chars().count()).collect();
        assert_eq!(sizes, [MAX_PAGE_CHARS, MAX_PAGE_CHARS, 5]);
    }

    #[test]
    fn form_feeds_part_pages() {
        let ps: Vec<Page> = pages("a\n\u{c}b\nc", None).collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[1].number, 2);
        assert_eq!(ps[1].glyphs[1].baseline, FIRST_BASELINE + LINE_PITCH);
    }
}
