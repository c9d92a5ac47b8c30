//! Table cells read again, each from its own crop: Tesseract reads a cell
//! alone better than a whole page of boxes (its page layout breaks lines at
//! the borders and mixes cells), and a TT column better when told it holds
//! only numbers.

use std::time::Instant;

use super::OcrError;
use super::image::Gray;
use super::tesseract::{self, OcrLine, Segmentation};
use crate::table::Grid;
use crate::table::roles::{Role, role_of};

/// A box of the picture, in pixels: `[x0, x1) × [y0, y1)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PxBox {
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
}

/// Whether a TT cell may hold `c`: digits, Roman numerals, the letters of
/// sub-items ("a)", "đ)").
fn tt_character(c: char) -> bool {
    c.is_ascii_digit() || c.is_ascii_lowercase() || matches!(c, '.' | ')' | 'đ' | 'I' | 'V' | 'X')
}

impl PxBox {
    /// The pixels of a box given in page points, at `px_per_pt`, grown by
    /// `grow` pixels each way (negative: shrunk), clamped at zero.
    pub fn of_points(x0: f32, top: f32, x1: f32, bottom: f32, px_per_pt: f32, grow: f32) -> PxBox {
        let px = |v: f32| (v * px_per_pt).max(0.0);
        PxBox {
            x0: (px(x0) - grow).max(0.0) as usize,
            y0: (px(top) - grow).max(0.0) as usize,
            x1: (px(x1) + grow).max(0.0) as usize,
            y1: (px(bottom) + grow).max(0.0) as usize,
        }
    }

    /// Whether the point (`x`, `y`), in page points, lies inside.
    pub fn holds_point(&self, x: f32, y: f32, px_per_pt: f32) -> bool {
        let (x, y) = ((x * px_per_pt) as usize, (y * px_per_pt) as usize);
        x >= self.x0 && x < self.x1 && y >= self.y0 && y < self.y1
    }
}

/// What Tesseract makes of a lone digit (1 → I, l, |, [; 5 → K, S; 0 → O).
const DIGIT_LOOKALIKES: &str = "Il|[]!iKSOo";

/// The crops of a grid's cells, each inset by `inset` pixels from its
/// borders: per cell its index in `grid.cells` and its box (cells too small
/// to hold a letter left out).
pub fn crops(grid: &Grid, px_per_pt: f32, inset: usize) -> Vec<(usize, PxBox)> {
    let inset = -(inset as f32);
    grid.cells
        .iter()
        .map(|c| PxBox::of_points(c.x0, c.top, c.x1, c.bottom, px_per_pt, inset))
        .enumerate()
        .filter(|(_, b)| b.x1 > b.x0 + 2 && b.y1 > b.y0 + 2)
        .collect()
}

/// The TT column, by its header's text (`header` gives a header cell's):
/// headed "TT" or "STT", else a first column narrower than a ninth of the
/// table.
pub fn tt_column(grid: &Grid, header: impl Fn(usize) -> String) -> Option<usize> {
    // the table stage's own reading of a header: one meaning, one place
    let headed = (0..grid.cells.len())
        .find(|&i| grid.cells[i].row == 0 && role_of(&header(i)) == Some(Role::Tt));
    if let Some(i) = headed {
        return Some(grid.cells[i].col);
    }
    // a narrow first column headed by words ("Ghi chú") is no TT column
    let labelled = (0..grid.cells.len()).any(|i| {
        let c = &grid.cells[i];
        c.row == 0 && c.col == 0 && header(i).chars().filter(|c| c.is_alphabetic()).count() > 3
    });
    if labelled {
        return None;
    }
    match (grid.xs.first(), grid.xs.get(1), grid.xs.last()) {
        (Some(&a), Some(&b), Some(&z)) if (b - a) * 9.0 < z - a => Some(0),
        _ => None,
    }
}

/// Whether cell `i` of `grid` is a TT cell under the header of column `tt`.
pub fn is_tt_cell(grid: &Grid, i: usize, tt: Option<usize>) -> bool {
    let c = &grid.cells[i];
    Some(c.col) == tt && c.col_span == 1 && c.row > 0
}

/// How crops are set on the sheet Tesseract reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// One under another, read as a block of lines: cells of text.
    Stack,
    /// Side by side, read as one line: TT cells, whose lone digits
    /// Tesseract misreads when they stand alone (1 → I, 5 → K).
    Strip,
}

/// Crops of a page picture to read in one Tesseract run.
pub struct Sheet<'a> {
    pub picture: &'a Gray,
    /// The picture's Otsu level: what is lighter is whitened.
    pub paper: u8,
    pub crops: &'a [PxBox],
    /// The page's drawn lines: what of them a crop holds is whitened.
    pub lines: &'a [PxBox],
    pub arrangement: Arrangement,
}

/// Reads every crop of a sheet in one Tesseract run: the crops are set
/// apart on a white sheet, and each word read goes back to the crop it
/// lies in. Lines come back in each crop's own pixels.
pub fn read(
    sheet: &Sheet,
    dpi: u32,
    lang: &str,
    deadline: Option<Instant>,
) -> Result<Vec<Vec<OcrLine>>, OcrError> {
    let gap = (dpi as f32 * SHEET_GAP) as usize;
    // Tesseract takes pictures up to 32,767 pixels a side: a long table's
    // cells go on several sheets
    let mut out = Vec::with_capacity(sheet.crops.len());
    let mut from = 0;
    while from < sheet.crops.len() {
        let mut to = from;
        let mut length = gap;
        while to < sheet.crops.len() {
            let c = sheet.crops[to];
            let along = match sheet.arrangement {
                Arrangement::Stack => c.y1 - c.y0,
                Arrangement::Strip => c.x1 - c.x0,
            };
            if to > from && length + along + gap > MAX_SHEET {
                break;
            }
            length += along + gap;
            to += 1;
        }
        let part = Sheet {
            crops: &sheet.crops[from..to],
            ..*sheet
        };
        out.extend(read_sheet(&part, gap, dpi, lang, deadline)?);
        from = to;
    }
    Ok(out)
}

/// Paper between crops on a sheet, in inches: Tesseract keeps them apart.
const SHEET_GAP: f32 = 0.25;

/// Longest side of a sheet, in pixels (Tesseract's limit is 32,767).
const MAX_SHEET: usize = 30_000;

fn read_sheet(
    sheet: &Sheet,
    gap: usize,
    dpi: u32,
    lang: &str,
    deadline: Option<Instant>,
) -> Result<Vec<Vec<OcrLine>>, OcrError> {
    let Sheet {
        crops, arrangement, ..
    } = *sheet;
    let (sheet, places) = lay_out(sheet, gap);
    // a word that spills over its crop's edge (into the gap) still finds it
    let half = gap / 2;
    let holds = |p: &Option<Place>, x: usize, y: usize| {
        p.is_some_and(|p| {
            let b = p.on_sheet;
            x + half >= b.x0 && x < b.x1 + half && y + half >= b.y0 && y < b.y1 + half
        })
    };
    let mode = match arrangement {
        Arrangement::Stack => Segmentation::Block,
        Arrangement::Strip => Segmentation::Line,
    };
    let lines = tesseract::read(&sheet, dpi, lang, mode, None, deadline)?;
    let mut out: Vec<Vec<OcrLine>> = vec![Vec::new(); crops.len()];
    for line in lines {
        for w in line.words {
            let (cx, cy) = (w.left + w.width / 2, w.top + w.height / 2);
            let Some(i) = places
                .iter()
                .position(|p| holds(p, cx as usize, cy as usize))
            else {
                continue;
            };
            let Some(p) = places[i] else { continue };
            // from the sheet back to the crop
            let back_x = |v: u32| (v as usize + p.in_crop.0).saturating_sub(p.on_sheet.x0) as u32;
            let back_y = |v: u32| (v as usize + p.in_crop.1).saturating_sub(p.on_sheet.y0) as u32;
            let word = tesseract::OcrWord {
                left: back_x(w.left),
                top: back_y(w.top),
                ..w
            };
            // words of one Tesseract line stay one line in their crop
            let top = back_y(line.top);
            match out[i].last_mut() {
                Some(l) if l.top == top => l.words.push(word),
                _ => out[i].push(OcrLine {
                    left: back_x(line.left),
                    top,
                    width: line.width,
                    height: line.height,
                    words: vec![word],
                }),
            }
        }
    }
    Ok(out)
}

/// A crop as set on the sheet: where it went, and where that part lies in
/// the crop (its ink's box, the margin around ink trimmed).
#[derive(Debug, Clone, Copy)]
struct Place {
    on_sheet: PxBox,
    in_crop: (usize, usize),
}

/// The sheet with the crops set on it `gap` apart (side by side: centred
/// on one line), the drawn lines in them and their borders' remnants
/// cleared, what is lighter than ink whitened and the paper around the ink
/// trimmed; where each crop went (`None`: a blank cell, left out).
fn lay_out(sheet: &Sheet, gap: usize) -> (Gray, Vec<Option<Place>>) {
    let Sheet {
        picture,
        paper,
        crops,
        lines,
        arrangement,
    } = *sheet;
    // paper kept around a crop's ink, and how far in from its edges a
    // border's remnant is looked for
    let margin = gap / 4;
    let inked: Vec<Option<(Gray, (usize, usize))>> = crops
        .iter()
        .map(|c| {
            let mut crop = picture.crop(c.x0, c.y0, c.x1, c.y1);
            for l in lines {
                crop.whiten(
                    l.x0.saturating_sub(c.x0),
                    l.y0.saturating_sub(c.y0),
                    l.x1.saturating_sub(c.x0),
                    l.y1.saturating_sub(c.y0),
                );
            }
            clear_border_lines(&mut crop, margin);
            // the crop's paper as white as the sheet's: a crop's faint edge
            // reads as a box around its text ("1" → "ø)")
            for p in crop.pixels.iter_mut().filter(|p| **p > paper) {
                *p = 255;
            }
            let b = ink_box(&crop)?;
            let (x0, y0) = (b.x0.saturating_sub(margin), b.y0.saturating_sub(margin));
            Some((crop.crop(x0, y0, b.x1 + margin, b.y1 + margin), (x0, y0)))
        })
        .collect();
    let sizes = inked.iter().flatten().map(|(g, _)| (g.width, g.height));
    let (width, height) = match arrangement {
        Arrangement::Stack => (
            sizes.clone().map(|s| s.0).max().unwrap_or(0) + 2 * gap,
            sizes.map(|s| s.1 + gap).sum::<usize>() + gap,
        ),
        Arrangement::Strip => (
            sizes.clone().map(|s| s.0 + gap).sum::<usize>() + gap,
            sizes.map(|s| s.1).max().unwrap_or(0) + 2 * gap,
        ),
    };
    let mut sheet = Gray::new(width, height, 255);
    let (mut x, mut y) = (gap, gap);
    let places = inked
        .into_iter()
        .map(|piece| {
            let (crop, in_crop) = piece?;
            let top = match arrangement {
                Arrangement::Stack => y,
                Arrangement::Strip => gap + (height - 2 * gap - crop.height) / 2,
            };
            for row in 0..crop.height {
                let at = (top + row) * width + x;
                sheet.pixels[at..at + crop.width]
                    .copy_from_slice(&crop.pixels[row * crop.width..(row + 1) * crop.width]);
            }
            let on_sheet = PxBox {
                x0: x,
                y0: top,
                x1: x + crop.width,
                y1: top + crop.height,
            };
            match arrangement {
                Arrangement::Stack => y += crop.height + gap,
                Arrangement::Strip => x += crop.width + gap,
            }
            Some(Place { on_sheet, in_crop })
        })
        .collect();
    (sheet, places)
}

/// The box of a picture's ink (pixels darker than paper white), if any.
fn ink_box(g: &Gray) -> Option<PxBox> {
    let mut b: Option<PxBox> = None;
    for y in 0..g.height {
        for x in 0..g.width {
            if g.at(x, y) < 255 {
                let e = b.get_or_insert(PxBox {
                    x0: x,
                    y0: y,
                    x1: x + 1,
                    y1: y + 1,
                });
                e.x0 = e.x0.min(x);
                e.x1 = e.x1.max(x + 1);
                e.y1 = y + 1;
            }
        }
    }
    b
}

/// Sets the TT cells of a column right, top to bottom: what is no TT
/// character goes (a border's "|", a scan's "_"), and a short misreading
/// between numbers that leave it one place ("1", "I", "3" → 2; "I", "2" at
/// the top → 1) takes that number.
pub fn settle_tts(cells: &mut [Vec<OcrLine>]) {
    let raw: Vec<String> = cells
        .iter()
        .map(|lines| {
            let words = lines.iter().flat_map(|l| &l.words);
            words.map(|w| w.text.as_str()).collect()
        })
        .collect();
    let mut texts: Vec<String> = raw
        .iter()
        .map(|r| r.chars().filter(|&c| tt_character(c)).collect())
        .collect();
    let number = |t: &str| t.trim_end_matches('.').parse::<u32>().ok();
    for i in 0..texts.len() {
        if number(&texts[i]).is_some() || raw[i].is_empty() || texts[i].chars().count() > 2 {
            continue;
        }
        // at the column's top or foot only a digit's look-alike ("I", "|")
        let alike = raw[i].chars().all(|c| DIGIT_LOOKALIKES.contains(c));
        let before = i.checked_sub(1).and_then(|j| number(&texts[j]));
        let after = texts.get(i + 1).and_then(|t| number(t));
        let fits = match (before, after) {
            (Some(b), Some(a)) => (b.checked_add(2) == Some(a)).then(|| b + 1),
            // (at the top, a mark with nothing of a TT in it too: ":")
            (None, Some(2)) if i == 0 && (alike || texts[i].is_empty()) => Some(1),
            (Some(b), None) if i + 1 == texts.len() && alike && !is_roman(&texts[i]) => {
                b.checked_add(1)
            }
            _ => None,
        };
        if let Some(n) = fits {
            texts[i] = n.to_string();
        }
    }
    // a sub-item's dot lost ("11" between "1" and "1.2" is 1.1)
    for i in 0..texts.len() {
        if texts[i].contains('.')
            || texts[i].len() < 2
            || !texts[i].chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        let near: Vec<&String> = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| texts.get(j))
            .filter(|t| t.trim_end_matches('.').contains('.'))
            .collect();
        let dotted = (1..texts[i].len())
            .map(|k| format!("{}.{}", &texts[i][..k], &texts[i][k..]))
            .find(|d| near.iter().any(|n| siblings(d, n)));
        if let Some(d) = dotted {
            texts[i] = d;
        }
    }
    for (lines, text) in cells.iter_mut().zip(texts) {
        let Some(first) = lines.iter_mut().find(|l| !l.words.is_empty()) else {
            continue;
        };
        first.words.truncate(1);
        first.words[0].text = text;
        let keep = first.clone();
        *lines = vec![keep];
        lines.retain(|l| !l.words[0].text.is_empty());
    }
}

/// Two TTs one apart under the same parent ("1.1" and "1.2").
fn siblings(a: &str, b: &str) -> bool {
    let split = |t: &str| {
        let t = t.trim_end_matches('.');
        t.rsplit_once('.')
            .and_then(|(p, last)| Some((p.to_string(), last.parse::<i64>().ok()?)))
    };
    matches!((split(a), split(b)), (Some((pa, x)), Some((pb, y))) if pa == pb && (x - y).abs() == 1)
}

fn is_roman(t: &str) -> bool {
    !t.is_empty()
        && t.trim_end_matches('.')
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Whitens what is left of the cell's borders at the crop's edges (within
/// `reach` pixels): rows or columns there four fifths not paper.
/// Gray levels below this are not paper, for finding a border's remnant.
const NEARLY_PAPER: u8 = 235;

fn clear_border_lines(crop: &mut Gray, reach: usize) {
    // a border's remnant may be faint: anything not quite paper counts
    let level = NEARLY_PAPER;
    let (w, h) = (crop.width, crop.height);
    let edge_rows = (0..reach.min(h)).chain(h.saturating_sub(reach)..h);
    for y in edge_rows.collect::<Vec<_>>() {
        let row = &mut crop.pixels[y * w..(y + 1) * w];
        if row.iter().filter(|&&p| p < level).count() * 5 >= w * 4 {
            row.fill(255);
        }
    }
    let edge_cols = (0..reach.min(w)).chain(w.saturating_sub(reach)..w);
    for x in edge_cols.collect::<Vec<_>>() {
        let dark = (0..h).filter(|&y| crop.pixels[y * w + x] < level).count();
        if dark * 5 >= h * 4 {
            for y in 0..h {
                crop.pixels[y * w + x] = 255;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Vec<OcrLine> {
        let word = tesseract::OcrWord {
            text: text.into(),
            conf: 80.0,
            left: 0,
            top: 0,
            width: 10,
            height: 10,
        };
        vec![OcrLine {
            left: 0,
            top: 0,
            width: 10,
            height: 10,
            words: vec![word],
        }]
    }

    fn settled(read: &[&str]) -> Vec<String> {
        let mut cells: Vec<Vec<OcrLine>> = read.iter().map(|t| cell(t)).collect();
        settle_tts(&mut cells);
        cells
            .iter()
            .map(|c| c.first().map_or(String::new(), |l| l.words[0].text.clone()))
            .collect()
    }

    #[test]
    fn tt_cells_are_set_right_by_their_neighbours() {
        assert_eq!(
            settled(&["I", "2", "_3", "|4", "K"]),
            ["1", "2", "3", "4", "5"]
        );
        assert_eq!(settled(&["1", "„", "3"]), ["1", "2", "3"]);
        assert_eq!(settled(&[":", "2", "s)", "4"]), ["1", "2", "3", "4"]);
        // a Roman section over its rows stays
        assert_eq!(settled(&["I", "1", "2", "II"]), ["I", "1", "2", "II"]);
        assert_eq!(settled(&["1.1", "a)"]), ["1.1", "a)"]);
        assert_eq!(settled(&["1", "11", "1.2"]), ["1", "1.1", "1.2"]);
        assert_eq!(settled(&["10", "11", "12"]), ["10", "11", "12"]);
        assert_eq!(settled(&["e)", "g)", "h)"]), ["e)", "g)", "h)"]);
        // a stray mark under the last row is no new row
        assert_eq!(settled(&["1", "2", "x"]), ["1", "2", "x"]);
        assert_eq!(settled(&["4294967295", "„", "2"]), ["4294967295", "", "2"]);
    }

    #[test]
    fn border_remnants_at_a_crops_edge_are_cleared() {
        let mut g = Gray::new(20, 10, 255);
        g.pixels[..20].fill(0); // the top border
        for y in 0..10 {
            g.pixels[y * 20 + 19] = 0; // the right border
        }
        g.pixels[5 * 20 + 8] = 0; // ink of a letter
        clear_border_lines(&mut g, 3);
        assert_eq!(g.pixels.iter().filter(|&&p| p == 0).count(), 1);
    }
}
