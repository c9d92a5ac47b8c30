//! Tables drawn without borders (at most a rule under the header), from
//! positioned words whatever their source: a PDF's glyphs, the character
//! cells of laid-out text (`pdftotext -layout`), an OCR's word boxes.
//!
//! The stages, each a function over plain types: the page's words become
//! [`TextRow`]s (one baseline each); a header is found among them and its
//! labels, centred over their cells, become [`header::Anchor`]s bounding
//! where each column border may lie; the body's words place the borders
//! (cells are left-aligned: a border is where most words start and fewest
//! are cut); [`rows`] tells row starts (a TT entry, a block between blank
//! lines, or between centred TTs), section rows and sub-rows, refits the
//! borders to each row, and builds an ordinary [`Grid`], so later stages
//! cannot tell a borderless table from a ruled one.

mod columns;
mod header;
mod merged;
mod rows;

use super::grid::{Flow, Grid};
use crate::layout::{self, Line};
use crate::pdf::{Glyph, Page};
use crate::text::fold;

/// A word with its box: one [`Line`] holding one word.
pub type Word = Line;

/// The reconstructor's tolerances, each in ems (the font size of the
/// table's header line), so that one setting serves a PDF in points and
/// text laid on a grid of characters (one character is half an em).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Words farther apart than this are separate phrases: header labels,
    /// the text of separate cells.
    pub phrase_gap: f32,
    /// How far a header label may sit past the border beside it (the
    /// layout's rounding).
    pub label_slack: f32,
    /// Left edges this close are one start.
    pub start_snap: f32,
    /// How far one row's border may move from the page's, to where the
    /// row's words start.
    pub refit_reach: f32,
    /// How far from its row's border a line squeezed by laid-out text may
    /// part two cells (see `columns::line_columns`).
    pub squeeze_reach: f32,
    /// Baselines closer than this are lines of one header.
    pub header_pitch: f32,
    /// A vertical gap wider than this ends a table.
    pub end_gap: f32,
    /// A baseline step this many times the table's usual step leaves a
    /// blank line between two lines.
    pub blank_step: f32,
    /// In a table without a TT column, a baseline step this many times the
    /// usual one parts two rows (the cells' padding).
    pub row_step: f32,
}

/// The settings every source uses.
pub const SETTINGS: Settings = Settings {
    phrase_gap: 0.8,
    label_slack: 0.5,
    start_snap: 0.2,
    refit_reach: 1.5,
    squeeze_reach: 4.0,
    header_pitch: 1.7,
    end_gap: 3.5,
    blank_step: 1.6,
    row_step: 1.15,
};

impl Settings {
    /// Settings that cannot work: a reason.
    pub fn validate(&self) -> Result<(), String> {
        let positive = [
            ("phrase_gap", self.phrase_gap),
            ("label_slack", self.label_slack),
            ("start_snap", self.start_snap),
            ("refit_reach", self.refit_reach),
            ("squeeze_reach", self.squeeze_reach),
            ("header_pitch", self.header_pitch),
            ("end_gap", self.end_gap),
        ];
        if let Some((name, v)) = positive.iter().find(|(_, v)| v.is_nan() || *v <= 0.0) {
            return Err(format!("{name} must be above 0, not {v}"));
        }
        if self.start_snap >= self.phrase_gap {
            return Err("start_snap must be below phrase_gap: starts would merge words".into());
        }
        if self.row_step <= 1.0 || self.row_step > self.blank_step {
            return Err("row_step must be above 1 and at most blank_step".into());
        }
        if self.blank_step <= 1.0 {
            return Err("blank_step must be above 1: every line would leave a blank".into());
        }
        if self.end_gap <= self.header_pitch {
            return Err("end_gap must be above header_pitch".into());
        }
        Ok(())
    }
}

/// Lines at the top of a page a repeated header may start within.
const TOP_LINES: usize = 8;

/// A line of the page as the reconstructor reads it: one baseline's words,
/// left to right.
#[derive(Debug)]
pub struct TextRow<'a> {
    pub baseline: f32,
    pub top: f32,
    pub bottom: f32,
    pub size: f32,
    pub words: Vec<&'a Word>,
}

impl TextRow<'_> {
    fn text(&self) -> String {
        let texts: Vec<&str> = self.words.iter().map(|w| w.text.as_str()).collect();
        texts.join(" ")
    }
    fn x0(&self) -> f32 {
        self.words.first().map_or(0.0, |w| w.x0)
    }
    /// A lone number (a page number).
    fn is_number(&self) -> bool {
        self.words.len() == 1 && is_number(&self.words[0].text)
    }
}

/// A list item's letter: "a)", "đ)".
fn is_item_letter(t: &str) -> bool {
    let mut cs = t.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some(')'), None) if c.is_lowercase())
}

/// "12", "1.2.", "3)": a number as a TT writes it.
pub(super) fn is_number(s: &str) -> bool {
    let t = s.trim_end_matches(['.', ')']);
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// "1", "2.", "1.1", "IV": a TT entry of a number or a Roman numeral.
pub(super) fn is_number_or_roman(s: &str) -> bool {
    let t = s.trim_end_matches(['.', ')']);
    let roman = !t.is_empty() && t.len() <= 5 && t.chars().all(|c| "IVXL".contains(c));
    is_number(s) || roman
}

/// Borderless tables among the glyphs that no ruled grid holds. `before` is
/// the previous page's last table: a borderless one that ran to the foot of
/// its page may go on at the top of this one without its header.
pub fn find(page: &Page, ruled: &[Grid], before: Option<&Grid>) -> Vec<Grid> {
    let free: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| {
            !ruled
                .iter()
                .any(|r| r.contains((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0))
        })
        .collect();
    // only from the page right before
    let flow = before
        .filter(|g| g.page + 1 == page.number)
        .and_then(|g| g.flow.as_ref().map(|f| (g, f)));
    let carried = flow.filter(|(_, f)| f.runs_on);
    if carried.is_none() && !may_hold_header(&free) {
        return Vec::new();
    }
    let words = layout::words(&free);
    let rows = text_rows(&words);
    let pairs = columns::Pairs::of(&rows);
    let page = Place {
        page: page.number,
        rows: &rows,
        rules: &page.rules,
        shades: &page.shades,
        ruled,
        s: &SETTINGS,
        before: flow,
        pairs: &pairs,
    };
    let mut out = Vec::new();
    let mut i = 0;
    if let Some((prev, flow)) = carried
        && let Some((grid, next)) = page.continuation(prev, flow)
    {
        out.push(grid);
        i = next;
    }
    let mut floor = i;
    while i < rows.len() {
        match page.table_at(i, floor) {
            Some((grid, next)) => {
                out.push(grid);
                (i, floor) = (next, next);
            }
            None => i += 1,
        }
    }
    out
}

/// A band of a ruled grid that holds several rows with no rule between
/// them (a table drawn with column lines only): its rows read as a
/// borderless table's under the grid's own columns, as a grid of the
/// band's height. `headers`: each column's header text; `overleaf`: the
/// band opens the body on a page the table may go on to, so lines before
/// its first TT may end the row the page break cut.
pub fn rows_in_band(
    page: &Page,
    grid: &Grid,
    band: usize,
    headers: Vec<String>,
    overleaf: bool,
) -> Option<Grid> {
    let words = layout::words(&band_glyphs(page, grid, band)?);
    let rows = text_rows(&words);
    let pairs = columns::Pairs::of(&rows);
    let em = rows.first()?.size;
    // numbered TT entries rising down the first column ("1", "2"; not
    // "IV." over "1", one label a narrow column broke)
    let entry = |r: &TextRow| {
        r.words
            .first()
            .filter(|w| w.x1 <= grid.xs[1] + 1.0)
            .and_then(|w| tt_number(&w.text))
    };
    let numbers: Vec<Vec<u32>> = rows.iter().filter_map(entry).collect();
    let first = rows.iter().position(|r| entry(r).is_some())?;
    // overleaf, lines before the one TT that start mid-sentence are a row
    // too, the cut row's end (a centred row's lines open in capitals)
    let mid_sentence = rows[0].words[0].text.starts_with(char::is_lowercase);
    let cut_row = overleaf && first > 0 && mid_sentence;
    let several = numbers.len() >= 2 || cut_row;
    if !several || !numbers.windows(2).all(|w| w[0] < w[1]) {
        return None;
    }
    let mut table = rows::Table {
        page: page.number,
        rules: &page.rules,
        shades: &page.shades,
        header: &[],
        headers,
        header_below: 0,
        em,
        s: &SETTINGS,
        centred: None,
        carried: None,
        pairs: &pairs,
    };
    let inner = &grid.xs[1..grid.xs.len() - 1];
    let ranges: Vec<(f32, f32)> = inner.iter().map(|&x| (x, x)).collect();
    if cut_row {
        // whether cells are centred, told by the rows after those lines
        let (rest, _) = table.build(&rows[first..], &ranges, false)?;
        table.centred = rest.flow.map(|f| f.centred);
    }
    let (mut band_grid, used) = table.build(&rows, &ranges, false)?;
    band_grid.flow = None;
    (used == rows.len() && band_grid.rows() > 1).then_some(band_grid)
}

/// The page's glyphs inside a band of a grid.
fn band_glyphs<'p>(page: &'p Page, grid: &Grid, band: usize) -> Option<Vec<&'p Glyph>> {
    let (y0, y1) = (*grid.ys.get(band)?, *grid.ys.get(band + 1)?);
    let (x0, x1) = (*grid.xs.first()?, *grid.xs.last()?);
    let inside = page.glyphs.iter().filter(|g| {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0);
        (x0..x1).contains(&cx) && (y0..y1).contains(&cy)
    });
    Some(inside.collect())
}

/// "2", "1.3.": a numbered TT entry as its parts.
fn tt_number(text: &str) -> Option<Vec<u32>> {
    let t = text.trim().trim_end_matches(['.', ')']);
    t.split('.').map(|p| p.parse().ok()).collect()
}

/// A cheap test before building words: a header needs a task word (or
/// "đơn vị", which names a schedule's rows) and a word for who or when
/// somewhere on the page.
fn may_hold_header(glyphs: &[&Glyph]) -> bool {
    let text: String = glyphs.iter().map(|g| g.text.as_str()).collect::<String>();
    let f = fold(&text).replace(' ', "");
    let any = |keys: &[&str]| keys.iter().any(|k| f.contains(k));
    any(&[
        "nhiemvu", "noidung", "congviec", "giaiphap", "hoatdong", "donvi",
    ]) && any(&[
        "chutri", "phoihop", "thoigian", "thoihan", "tiendo", "ketqua", "sanpham", "thuchien",
        "donvi",
    ])
}

/// The page's words as rows, top to bottom.
pub fn text_rows(words: &[Word]) -> Vec<TextRow<'_>> {
    let mut sorted: Vec<&Word> = words.iter().collect();
    sorted.sort_by(|a, b| {
        a.baseline
            .total_cmp(&b.baseline)
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut rows: Vec<TextRow> = Vec::new();
    for w in sorted {
        match rows.last_mut() {
            Some(r) if (w.baseline - r.baseline).abs() <= r.size * 0.35 => {
                r.top = r.top.min(w.top);
                r.bottom = r.bottom.max(w.bottom);
                r.words.push(w);
            }
            _ => rows.push(TextRow {
                baseline: w.baseline,
                size: w.size.max(1.0),
                top: w.top,
                bottom: w.bottom,
                words: vec![w],
            }),
        }
    }
    for r in &mut rows {
        r.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    rows
}

/// What the search on one page works with.
struct Place<'p, 'a> {
    page: usize,
    rows: &'p [TextRow<'a>],
    rules: &'p [crate::pdf::Rule],
    shades: &'p [crate::pdf::Rule],
    ruled: &'p [Grid],
    s: &'p Settings,
    /// The previous page's last table, when borderless.
    before: Option<(&'p Grid, &'p Flow)>,
    pairs: &'p columns::Pairs<'p, 'a>,
}

/// A grid's column borders, its outer edges included, moved by `shift`.
fn moved_edges(grid: &Grid, shift: f32) -> Vec<f32> {
    grid.xs.iter().map(|x| x + shift).collect()
}

/// The inner borders of [`moved_edges`].
fn moved_borders(grid: &Grid, shift: f32) -> Vec<f32> {
    let edges = moved_edges(grid, shift);
    edges[1..edges.len() - 1].to_vec()
}

/// How many lines a closing paragraph under a table is looked at for its
/// "./.".
const CLOSING_LINES: usize = 3;

/// A line ending as a document's body ends: "./." (or "/.").
fn closes_document(row: &TextRow) -> bool {
    let t = row.text();
    let t = t.trim_end();
    t.ends_with("./.") || t.ends_with("/.")
}

/// A heading of the body's own ("III. TỔ CHỨC THỰC HIỆN"): a Roman numeral
/// with its dot, then a title in capitals.
fn body_heading(row: &TextRow) -> bool {
    let Some((first, title)) = row.words.split_first() else {
        return false;
    };
    let capitals = |w: &&Word| {
        w.text.chars().any(char::is_alphabetic) && !w.text.chars().any(char::is_lowercase)
    };
    first.text.ends_with('.')
        && is_number_or_roman(&first.text)
        && !is_number(&first.text)
        && !title.is_empty()
        && title
            .iter()
            .all(|w| capitals(w) || !w.text.chars().any(char::is_alphabetic))
}

/// How many lines under a body heading [`Place::entry_below`] looks at for a
/// row of the table.
const HEADING_LOOKAHEAD: usize = 6;

/// Words of the signature block or the "Nơi nhận" list, or the total the
/// body declares under the table ("Tổng số: 12 nhiệm vụ."): the table is
/// over.
fn closes_table(row: &TextRow) -> bool {
    let t = row.text();
    let f = fold(&t);
    ["noi nhan", "kt.", "tm.", "kt ", "tm "]
        .iter()
        .any(|k| f.starts_with(k))
        || crate::validate::declares_total(&t)
}

impl Place<'_, '_> {
    /// A table whose header's main line is row `main` (its label lines may
    /// start above, not above `floor`): the grid and the row after it.
    fn table_at(&self, main: usize, floor: usize) -> Option<(Grid, usize)> {
        let mut block = header::find(self.rows, main, floor, self.rules, self.s)?;
        // a header repeated overleaf is no taller than the first: the lines
        // under it go on with the row the page break cut
        if let Some((_, prev)) = self.before.filter(|(_, f)| f.runs_on) {
            let end = block.end.min(main + 1 + prev.header_below);
            let labels = header::anchors(&self.rows[block.top..end], self.s);
            if labels.iter().map(|a| &a.header).eq(prev.header.iter()) {
                block.end = end;
            }
        }
        let em = self.rows[main].size;
        let anchors = header::anchors(&self.rows[block.top..block.end], self.s);
        let first_body = self.rows.get(block.end)?;
        // the first label is centred over its column: the column's text
        // may start left of it, as far as the label stands from the next
        // (a task column without TT before it, its label centred)
        let spread = match &anchors[..] {
            [a, b, ..] => (b.x0 - a.x1).max(1.5 * em),
            _ => 1.5 * em,
        };
        let left = anchors[0].x0.min(first_body.x0()) - spread;
        let (end, runs_on) = self.body_end(block.end, left, em);
        if end == block.end {
            return None;
        }
        let ranges = header::ranges(&anchors, em, self.s);
        let headers: Vec<String> = anchors.iter().map(|a| a.header.clone()).collect();
        // the header repeated overleaf: the table goes on
        let repeated = self
            .before
            .filter(|(_, f)| f.runs_on && f.header == headers);
        let table = rows::Table {
            page: self.page,
            rules: self.rules,
            shades: self.shades,
            header: &self.rows[block.top..block.end],
            headers,
            header_below: block.end - main - 1,
            em,
            s: self.s,
            centred: repeated.map(|(_, f)| f.centred),
            carried: repeated
                .map(|(g, _)| moved_borders(g, first_body.x0().min(anchors[0].x0) - 1.0 - g.xs[0])),
            pairs: self.pairs,
        };
        let (grid, used) = table.build(&self.rows[block.end..end], &ranges, runs_on)?;
        Some((grid, block.end + used))
    }

    /// The rows at the top of a page that go on with the previous page's
    /// borderless table: they sit within its columns, under no header.
    fn continuation(&self, prev: &Grid, flow: &Flow) -> Option<(Grid, usize)> {
        let (&left, &right) = (prev.xs.first()?, prev.xs.last()?);
        // a lone page number at the top is no part of the table
        let start = self.rows.iter().take_while(|r| r.is_number()).count();
        let first = self.rows.get(start)?;
        let em = first.size;
        // a page laid out anew may set the columns a little wider
        let reach = 3.0 * em + (right - left) * 0.25;
        let inside = first
            .words
            .iter()
            .all(|w| w.x0 >= left - 3.0 * em && w.x1 <= right + reach);
        // a new appendix's title opens the page: the table is over
        let title = ["phu luc", "bieu "]
            .iter()
            .any(|k| fold(&first.text()).starts_with(k));
        if !inside || title || self.header_at_top(start) {
            return None;
        }
        let (end, runs_on) = self.body_end(start, left.min(first.x0()) - 0.5 * em, em);
        if end == start {
            return None;
        }
        let body = &self.rows[start..end];
        // lines of one phrase each right above a new table's header are its
        // title ("Phụ lục II"), not rows going on
        let titles = body.iter().all(|r| header::pieces(r, self.s).len() == 1);
        if titles && end < self.rows.len() && self.header_at_top(end) {
            return None;
        }
        // the body's left edge moved as the page was laid out anew
        let margin = body.iter().map(TextRow::x0).fold(f32::MAX, f32::min);
        let edges = moved_edges(prev, margin - flow.body_left);
        let ranges = columns::carried_ranges(&edges, em, self.s);
        let moved = edges[1..edges.len() - 1].to_vec();

        let table = rows::Table {
            page: self.page,
            rules: self.rules,
            shades: self.shades,
            header: &[],
            headers: flow.header.clone(),
            header_below: flow.header_below,
            em,
            s: self.s,
            centred: Some(flow.centred),
            carried: Some(moved),
            pairs: self.pairs,
        };
        let (mut grid, used) = table.build(body, &ranges, runs_on)?;
        grid.continues = true;
        Some((grid, start + used))
    }

    /// Is a header repeated at the top of the page (from row `start`, under
    /// nothing but short lines)? Then the table goes on under it.
    fn header_at_top(&self, start: usize) -> bool {
        let rows = &self.rows[..self.rows.len().min(start + TOP_LINES)];
        (start..rows.len())
            .take_while(|&m| {
                m == start
                    || header::pieces(&rows[m - 1], self.s)
                        .iter()
                        .all(|p| p.words <= 6)
            })
            .any(|m| header::find(self.rows, m, start, self.rules, self.s).is_some())
    }

    /// Does a paragraph end the document's body from row `at`: it or one
    /// of the next lines without a blank between ends in "./.", each line
    /// one phrase (a row's cells stand apart)?
    fn closing_paragraph(&self, at: usize, em: f32) -> bool {
        let rows = &self.rows[at..self.rows.len().min(at + CLOSING_LINES)];
        for (k, r) in rows.iter().enumerate() {
            let joined = k == 0 || r.top - rows[k - 1].bottom <= em;
            if !joined || (k > 0 && header::pieces(r, self.s).len() > 1) {
                return false;
            }
            if closes_document(r) {
                return true;
            }
        }
        false
    }

    /// Does a row of a table stand in the lines under row `at`: a number
    /// apart from the words after it ("1    Tổ chức …")? A numbered
    /// paragraph sets one space between ("1. Sở Tư pháp chủ trì …").
    fn entry_below(&self, at: usize) -> bool {
        let rows = &self.rows[at + 1..self.rows.len().min(at + 1 + HEADING_LOOKAHEAD)];
        rows.iter().take_while(|r| !closes_table(r)).any(|r| {
            let ps = header::pieces(r, self.s);
            ps.len() >= 2 && ps[0].words == 1 && is_number(&ps[0].text)
        })
    }

    /// The row after a table's body starting at row `body`, and whether the
    /// table ran to the foot of the page. The signature block or "Nơi
    /// nhận", a ruled table, a wide gap or a line starting left of the table
    /// end it; a gap with only page numbers after it is the page's foot.
    fn body_end(&self, body: usize, left: f32, em: f32) -> (usize, bool) {
        let rows = self.rows;
        for end in body..rows.len() {
            let r = &rows[end];
            // a header opening here starts the next table
            let next_header = end > body
                && (end..rows.len().min(end + 4)).any(|m| {
                    header::find(rows, m, end, self.rules, self.s).is_some_and(|h| h.top == end)
                });
            if closes_table(r) || r.x0() < left || next_header {
                return (end, false);
            }
            if end > body {
                let above = &rows[end - 1];
                let gap = r.top - above.bottom;
                let ruled_between = self
                    .ruled
                    .iter()
                    .any(|g| g.top() >= above.bottom - 1.0 && g.bottom() <= r.top + 1.0);
                // the body's closing sentence ("… biết, thực hiện./.")
                // after a blank line: no cell ends a document
                let heading = body_heading(r) && !self.entry_below(end);
                if ruled_between || (gap > em && (heading || self.closing_paragraph(end, em))) {
                    return (end, false);
                }
                if gap > self.s.end_gap * em {
                    let foot = rows[end..].iter().all(TextRow::is_number);
                    return (end, foot);
                }
            }
        }
        (rows.len(), true)
    }
}

#[cfg(test)]
mod tests;
