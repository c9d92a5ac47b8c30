//! Layout stage: glyphs → lines of text in reading order.

use crate::pdf::Glyph;
use crate::text;

/// A line of text: glyphs sharing a baseline, left to right, words spaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub baseline: f32,
    pub size: f32,
    pub bold: bool,
    /// Width of the first visible glyph (to tell a word cut by a narrow
    /// column from an ordinary wrap).
    pub first_width: f32,
    /// The line was drawn with a space after its last word: it broke at a
    /// space, not inside a word.
    pub ends_with_space: bool,
    /// Every glyph of the line came from an annotation (a signature
    /// stamp's own text: "Ký bởi: …", "Cơ quan phát hành: …").
    pub stamped: bool,
}

impl Line {
    /// A single word: no space inside.
    pub fn is_one_word(&self) -> bool {
        !self.text.contains(' ')
    }

    pub fn center_x(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// A gap wider than this share of the font size separates words.
const WORD_GAP: f32 = 0.18;
/// A gap wider than this share of the font size splits a baseline into
/// separate lines (two columns side by side, a heading block's halves).
const COLUMN_GAP: f32 = 1.5;

/// Groups glyphs into lines: by baseline, then left to right. Diacritics drawn
/// as glyphs of their own are attached to the letter under them. A wide gap
/// splits a baseline into separate lines (page text in columns).
pub fn lines(glyphs: &[&Glyph]) -> Vec<Line> {
    lines_with(glyphs, Split::Columns)
}

/// Lines of one table cell: a cell is one column, so a wide gap (justified
/// text in a narrow cell) never splits a line.
pub fn cell_lines(glyphs: &[&Glyph]) -> Vec<Line> {
    lines_with(glyphs, Split::None)
}

/// Words: each a [`Line`] of one word (to find a borderless table's columns).
pub fn words(glyphs: &[&Glyph]) -> Vec<Line> {
    lines_with(glyphs, Split::Words)
}

#[derive(Clone, Copy, PartialEq)]
enum Split {
    None,
    Columns,
    Words,
}

fn lines_with(glyphs: &[&Glyph], split: Split) -> Vec<Line> {
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    let (marks, mut sorted): (Vec<&Glyph>, Vec<&Glyph>) = glyphs
        .iter()
        .copied()
        .partition(|g| text::is_diacritic(&g.text));
    sorted.sort_by(|a, b| {
        a.baseline
            .total_cmp(&b.baseline)
            .then(a.x0.total_cmp(&b.x0))
    });
    for g in sorted {
        let tol = g.size.max(1.0) * 0.35;
        match rows.last_mut() {
            Some(row) if (row[0].baseline - g.baseline).abs() <= tol => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let parts = match split {
            Split::None => vec![&row[..]],
            Split::Columns => split_at_gaps(&row, COLUMN_GAP),
            Split::Words => split_at_gaps(&row, WORD_GAP),
        };
        out.extend(parts.into_iter().map(|part| make_line(part, &marks)));
    }
    out.retain(|l| !l.text.is_empty());
    out
}

/// Splits a baseline where a gap is wider than `gap` × font size, or (for
/// words) at a space glyph.
fn split_at_gaps<'a, 'g>(row: &'a [&'g Glyph], gap: f32) -> Vec<&'a [&'g Glyph]> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut right = f32::MIN;
    let mut after_space = false;
    for (i, g) in row.iter().enumerate() {
        if g.text.trim().is_empty() {
            after_space = gap <= WORD_GAP;
            continue;
        }
        if i > start && (after_space || g.x0 - right > g.size * gap) {
            parts.push(&row[start..i]);
            start = i;
        }
        after_space = false;
        right = right.max(g.x1);
    }
    parts.push(&row[start..]);
    parts
}

fn make_line(glyphs: &[&Glyph], marks: &[&Glyph]) -> Line {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    let mut right = f32::MIN;
    let mut pending_space = false;
    for g in glyphs {
        if g.text.trim().is_empty() {
            pending_space = !s.is_empty();
            right = right.max(g.x1);
            continue;
        }
        let stamp_edge =
            prev.is_some_and(|p: &Glyph| p.stamp != g.stamp && letter_meets_digit(p, g));
        if !s.is_empty() && (pending_space || stamp_edge || g.x0 - right > g.size * WORD_GAP) {
            s.push(' ');
        }
        prev = Some(g);
        pending_space = false;
        s.push_str(&g.text);
        for m in marks.iter().filter(|m| sits_on(m, g)) {
            s.extend(
                m.text
                    .chars()
                    .map(|c| text::spacing_to_combining(c).unwrap_or(c)),
            );
        }
        right = right.max(g.x1);
    }
    let visible: Vec<&&Glyph> = glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    let first = visible.first().copied().or(glyphs.first()).copied();
    let x0 = visible.iter().map(|g| g.x0).fold(f32::MAX, f32::min);
    let x1 = visible.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
    let top = glyphs.iter().map(|g| g.top).fold(f32::MAX, f32::min);
    let bottom = glyphs.iter().map(|g| g.bottom).fold(f32::MIN, f32::max);
    let bold = visible.iter().filter(|g| g.bold).count() * 2 > visible.len();
    Line {
        text: text::normalize(&s),
        x0,
        x1,
        top,
        bottom,
        baseline: first.map_or(0.0, |g| g.baseline),
        size: first.map_or(0.0, |g| g.size),
        bold,
        first_width: visible.first().map_or(0.0, |g| g.x1 - g.x0),
        ends_with_space: glyphs.last().is_some_and(|g| g.text.trim().is_empty()),
        stamped: !visible.is_empty() && visible.iter().all(|g| g.stamp),
    }
}

/// A stamp's digits written into a blank stand apart from the page's
/// words even where the blank was too narrow ("ngày" + "15" + "tháng").
fn letter_meets_digit(a: &Glyph, b: &Glyph) -> bool {
    let (last, first) = (a.text.chars().last(), b.text.chars().next());
    matches!((last, first), (Some(x), Some(y))
        if x.is_alphabetic() && y.is_ascii_digit() || x.is_ascii_digit() && y.is_alphabetic())
}

/// A mark belongs to the letter whose box holds its horizontal centre and
/// whose line it overlaps vertically.
fn sits_on(mark: &Glyph, base: &Glyph) -> bool {
    let cx = (mark.x0 + mark.x1) / 2.0;
    let (lo, hi) = if base.x1 > base.x0 {
        (base.x0, base.x1)
    } else {
        (base.x0 - 0.5, base.x0 + 0.5)
    };
    // a mark with no advance (VNI fonts) stands right after its letter and
    // draws back over it
    let over = if mark.x1 - mark.x0 < 0.1 {
        cx > lo && cx <= hi + 0.1
    } else {
        cx >= lo && cx < hi
    };
    over && mark.top < base.bottom && mark.bottom > base.top - base.size * 0.5
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A line of text between `x0` and `x1` on `baseline`, 12 points high.
    pub fn line(text: &str, (x0, x1): (f32, f32), baseline: f32) -> Line {
        Line {
            text: text.into(),
            x0,
            x1,
            top: baseline - 10.0,
            bottom: baseline + 2.0,
            baseline,
            size: 12.0,
            bold: false,
            first_width: 6.0,
            ends_with_space: false,
            stamped: false,
        }
    }

    /// A word's glyphs, each [`glyph`] wide, from `x0` on a baseline.
    pub fn word(text: &str, x0: f32, baseline: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| glyph(&c.to_string(), x0 + 6.0 * i as f32, baseline))
            .collect()
    }

    pub fn glyph(text: &str, x0: f32, baseline: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x0,
            x1: x0 + 6.0,
            top: baseline - 9.6,
            bottom: baseline + 2.4,
            baseline,
            size: 12.0,
            bold: false,
            font: "Test".into(),
            stamp: false,
        }
    }

    #[test]
    fn groups_by_baseline_and_orders_by_x() {
        let gs = [
            glyph("b", 6.0, 100.0),
            glyph("a", 0.0, 100.5),
            glyph("c", 0.0, 120.0),
            glyph("d", 20.0, 100.0),
        ];
        let refs: Vec<&Glyph> = gs.iter().collect();
        let ls = lines(&refs);
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].text, "ab d");
        assert_eq!(ls[1].text, "c");
    }

    #[test]
    fn separate_diacritic_glyph_joins_its_letter() {
        let mut mark = glyph("\u{301}", 1.0, 100.0);
        mark.x1 = 5.0;
        let gs = [glyph("a", 0.0, 100.0), mark, glyph("n", 6.0, 100.0)];
        let refs: Vec<&Glyph> = gs.iter().collect();
        assert_eq!(lines(&refs)[0].text, "án");
    }

    #[test]
    fn words_split_at_spaces_and_gaps() {
        let gs = [
            glyph("a", 0.0, 100.0),
            glyph(" ", 6.0, 100.0),
            glyph("b", 9.0, 100.0),
            glyph("c", 15.0, 100.0),
            glyph("d", 30.0, 100.0),
        ];
        let refs: Vec<&Glyph> = gs.iter().collect();
        let w: Vec<String> = words(&refs).into_iter().map(|l| l.text).collect();
        assert_eq!(w, ["a", "bc", "d"]);
    }

    #[test]
    fn wide_gap_splits_columns() {
        let gs = [glyph("a", 0.0, 100.0), glyph("b", 200.0, 100.0)];
        let refs: Vec<&Glyph> = gs.iter().collect();
        assert_eq!(lines(&refs).len(), 2);
    }
}
