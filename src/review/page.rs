//! One page of the review: an SVG drawn from what congvan read — the lines
//! of the page and of each cell at their places, ruling lines, signature
//! stamps' text — with each grid's cells coloured by the role of their
//! column, and the rows, sections and prose paragraphs that became records
//! marked and linked. The lines are those the later stages read, not a
//! second grouping of the glyphs: what is drawn is what was read.

use std::fmt::Write;

use super::{RoleStyle, esc, role_style};
use crate::Inspection;
use crate::layout::Line;
use crate::model::{Origin, Place};
use crate::records::GridReading;
use crate::validate::scope_path;

/// Room below the last line of a page drawn from text lines alone.
const TEXT_MARGIN: f32 = 24.0;
/// A page is drawn at most this many screen pixels per point wide.
const MAX_SCALE: f32 = 1.5;
/// The width of a page of text whose width is not known (A4, points).
const A4_WIDTH: f32 = 595.0;
/// The thinnest rule drawn, in points: a hairline stays visible.
const HAIRLINE: f32 = 0.3;
/// A doubtful OCR word's underline: this share of the word's height, and
/// at least [`UNDERLINE_MIN`] points.
const UNDERLINE: f32 = 0.12;
const UNDERLINE_MIN: f32 = 0.8;
/// The least width or height drawn, in points: an empty box stays visible.
const MIN_SIDE: f32 = 0.5;
/// How far a mark stands out of the box it outlines, in points.
const MARK_PAD: f32 = 1.0;
/// The side of the square that marks a further record read from the same
/// box (sentences of one paragraph), in points, left of the box.
const BADGE: f32 = 9.0;

/// What each page shows of the records and grids, found once for the
/// document (a page's drawing looks up its own, not every record).
pub(super) struct Index {
    /// Per page (0-based): (task index, place index) of each place.
    tasks: Vec<Vec<(usize, usize)>>,
    /// Per page: the section rows with a place there.
    sections: Vec<Vec<usize>>,
    /// Per page: the grids on it.
    grids: Vec<Vec<usize>>,
    /// Per table: the first grid read into it.
    first_grid: Vec<Option<usize>>,
}

impl Index {
    pub(super) fn new(i: &Inspection, pages: usize) -> Index {
        let mut ix = Index {
            tasks: vec![Vec::new(); pages],
            sections: vec![Vec::new(); pages],
            grids: vec![Vec::new(); pages],
            first_grid: vec![None; i.extraction.tables.len()],
        };
        let slot = |page: usize| page.checked_sub(1).filter(|&p| p < pages);
        for (n, t) in i.extraction.tasks.iter().enumerate() {
            for (k, p) in t.places.iter().enumerate() {
                if let Some(s) = slot(p.page) {
                    ix.tasks[s].push((n, k));
                }
            }
        }
        for (k, s) in i.sections.iter().enumerate() {
            if let Some(p) = s.place.and_then(|p| slot(p.page)) {
                ix.sections[p].push(k);
            }
        }
        for (k, g) in i.grids.iter().enumerate() {
            if let Some(p) = slot(g.grid.page) {
                ix.grids[p].push(k);
            }
            if let Some(first) = g.table.and_then(|t| ix.first_grid.get_mut(t)) {
                first.get_or_insert(k);
            }
        }
        ix
    }

    /// The first grid read into table `t`: where a link to the table leads.
    pub(super) fn first_grid(&self, t: usize) -> Option<usize> {
        self.first_grid.get(t).copied().flatten()
    }
}

/// The SVG of page `number` (1-based).
pub(super) fn svg(i: &Inspection, ix: &Index, number: usize) -> String {
    let (width, height) = size(i, number);
    let mut out = String::new();
    out.push_str(r#"<svg xmlns="http://www.w3.org/2000/svg" class="sheet" viewBox="0 0 "#);
    num(&mut out, width);
    out.push(' ');
    num(&mut out, height);
    let _ = write!(
        out,
        r#"" style="max-width:{:.0}px" role="img" aria-label="Trang {number}"><rect class="paper" x="0" y="0" width=""#,
        width * MAX_SCALE
    );
    num(&mut out, width);
    out.push_str(r#"" height=""#);
    num(&mut out, height);
    out.push_str(r#""/>"#);
    let grids: Vec<(usize, &GridReading)> = ix.grids[number - 1]
        .iter()
        .map(|&k| (k, &i.grids[k]))
        .collect();
    for &(k, g) in &grids {
        cells(&mut out, i, ix, g, k);
    }
    if let Some(page) = i.pages.get(number - 1) {
        out.push_str(r#"<g class="rules">"#);
        for r in &page.rules {
            let (w, h) = (
                (r.x1 - r.x0).max(HAIRLINE),
                (r.bottom - r.top).max(HAIRLINE),
            );
            rect_attrs(&mut out, "", r.x0, r.top, w, h);
            out.push_str("/>");
        }
        out.push_str("</g>");
        doubtful(&mut out, page);
    }
    let page_lines = i.text.get(number - 1).map_or(&[][..], Vec::as_slice);
    let cell_lines = grids
        .iter()
        .filter(|(_, g)| !g.in_text)
        .flat_map(|(_, g)| &g.grid.cells)
        .flat_map(|c| &c.lines);
    let (stamps, own): (Vec<&Line>, Vec<&Line>) =
        page_lines.iter().chain(cell_lines).partition(|l| l.stamped);
    lines(&mut out, &own, "text");
    lines(&mut out, &stamps, "text stamp");
    marks(&mut out, i, ix, number);
    out.push_str("</svg>");
    out
}

/// The page's size in points: the PDF's, or for text input its width and
/// the foot of its last line.
fn size(i: &Inspection, number: usize) -> (f32, f32) {
    if let Some(p) = i.pages.get(number - 1) {
        return (p.width.max(1.0), p.height.max(1.0));
    }
    let lines = i.text.get(number - 1).map_or(&[][..], Vec::as_slice);
    let foot = lines.iter().map(|l| l.bottom).fold(0.0, f32::max);
    let width = i.widths.get(number - 1).copied().unwrap_or(A4_WIDTH);
    let right = lines.iter().map(|l| l.x1).fold(width, f32::max);
    (right.max(1.0), foot + TEXT_MARGIN)
}

/// Words OCR read with little confidence, underlined: where a person
/// should look first.
fn doubtful(out: &mut String, page: &crate::pdf::Page) {
    out.push_str(r#"<g class="doubtful">"#);
    for w in page
        .word_confidence
        .iter()
        .filter(|w| w.conf < crate::OCR_DOUBTFUL)
    {
        let h = ((w.bottom - w.top) * UNDERLINE).max(UNDERLINE_MIN);
        rect_attrs(out, "", w.x0, w.bottom, (w.x1 - w.x0).max(MIN_SIDE), h);
        let _ = write!(out, "><title>OCR {:.0}%</title></rect>", w.conf);
    }
    out.push_str("</g>");
}

/// Lines as SVG text, each stretched to the width it was read at, so the
/// drawing keeps the page's geometry whatever the font.
fn lines(out: &mut String, lines: &[&Line], class: &str) {
    let _ = write!(out, r#"<g class="{class}">"#);
    for l in lines.iter().filter(|l| !l.text.trim().is_empty()) {
        out.push_str(r#"<text x=""#);
        num(out, l.x0);
        out.push_str(r#"" y=""#);
        num(out, l.baseline);
        out.push_str(r#"" font-size=""#);
        num(out, l.size.max(1.0));
        out.push_str(r#"" textLength=""#);
        num(out, (l.x1 - l.x0).max(MIN_SIDE));
        out.push_str(r#"" lengthAdjust="spacingAndGlyphs""#);
        if l.bold {
            out.push_str(r#" font-weight="bold""#);
        }
        out.push('>');
        out.push_str(&esc(l.text.trim()));
        out.push_str("</text>");
    }
    out.push_str("</g>");
}

/// A length in points to a tenth, as short as it goes ("12", "12.5"):
/// integer formatting, several times faster than a float's, and pages
/// hold thousands of them.
fn num(out: &mut String, x: f32) {
    let tenths = (x * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    let _ = write!(out, "{}", t / 10);
    if !t.is_multiple_of(10) {
        out.push('.');
        out.push(char::from(b'0' + (t % 10) as u8));
    }
}

/// ` class="…" x="…" y="…" width="…" height="…"` after `<rect`, the
/// element left open.
fn rect_attrs(out: &mut String, class: &str, x: f32, y: f32, w: f32, h: f32) {
    out.push_str("<rect");
    if !class.is_empty() {
        let _ = write!(out, r#" class="{class}""#);
    }
    for (name, v) in [("x", x), ("y", y), ("width", w), ("height", h)] {
        let _ = write!(out, r#" {name}=""#);
        num(out, v);
        out.push('"');
    }
}

/// A grid's cells, filled by their column's role; header cells darker.
/// Grids that are no task table are outlined only.
fn cells(out: &mut String, i: &Inspection, ix: &Index, g: &GridReading, k: usize) {
    let table = g.table.and_then(|t| i.extraction.tables.get(t));
    let id = match g.table {
        Some(t) if ix.first_grid(t) == Some(k) => format!(r#" id="table-{t}""#),
        _ => String::new(),
    };
    let kind = if g.grid.ruled { "ruled" } else { "borderless" };
    let _ = write!(out, r#"<g class="grid {kind}"{id}>"#);
    for c in &g.grid.cells {
        let role = table
            .filter(|t| t.columns.len() == g.grid.cols())
            .and_then(|t| t.columns.get(c.col))
            .map(|col| role_style(col.role));
        let header = c.row < g.header_rows;
        let (class, title) = match role {
            Some(RoleStyle { class, name }) if header => (
                format!("cell header {class}"),
                format!("Tiêu đề cột: {name}"),
            ),
            Some(RoleStyle { class, name }) => (format!("cell {class}"), name.to_string()),
            None => (
                "cell other".to_string(),
                "Không phải bảng nhiệm vụ".to_string(),
            ),
        };
        let (w, h) = (
            (c.x1 - c.x0).max(MIN_SIDE),
            (c.bottom - c.top).max(MIN_SIDE),
        );
        rect_attrs(out, &class, c.x0, c.top, w, h);
        let _ = write!(out, "><title>{}</title></rect>", esc(&title));
    }
    out.push_str("</g>");
}

/// Rows and paragraphs that became records, and section rows: outlined on
/// top of the drawing, each record's linked to its line in the records
/// table beside the pages.
fn marks(out: &mut String, i: &Inspection, ix: &Index, number: usize) {
    out.push_str(r#"<g class="marks">"#);
    for &k in &ix.sections[number - 1] {
        let s = &i.sections[k];
        if let Some(p) = s.place {
            let label = scope_path(&s.path).unwrap_or_default();
            mark(out, "section", &p);
            let _ = write!(
                out,
                r#" id="section-{k}"><title>Mục {}</title></rect>"#,
                esc(&label)
            );
        }
    }
    // records read from one box (a paragraph's sentences) share it: the
    // first outlines it, the others get a square each beside it
    let mut shared: std::collections::HashMap<[u32; 4], usize> = Default::default();
    for &(n, k) in &ix.tasks[number - 1] {
        let t = &i.extraction.tasks[n];
        let class = match t.origin {
            Origin::Table => "task",
            Origin::Prose => "task prose",
        };
        let tt = t.tt.as_deref().unwrap_or("");
        let p = &t.places[k];
        let key = [p.x0, p.top, p.x1, p.bottom].map(f32::to_bits);
        let before = *shared.entry(key).and_modify(|c| *c += 1).or_insert(0);
        let _ = write!(out, r##"<a href="#rec-{n}">"##);
        match before {
            0 => mark(out, class, p),
            j => {
                let (x, y) = (
                    p.x0 - MARK_PAD - BADGE - 1.0,
                    p.top + (j - 1) as f32 * (BADGE + 1.0),
                );
                rect_attrs(out, &format!("{class} badge"), x, y, BADGE, BADGE);
            }
        }
        let _ = write!(
            out,
            r#" id="{}"><title>Nhiệm vụ {} — TT {}</title></rect></a>"#,
            super::place_id(n, k),
            n + 1,
            esc(tt)
        );
    }
    out.push_str("</g>");
}

/// `<rect class=… x=… …` outlining `p` with [`MARK_PAD`] around it, left
/// open for more attributes.
fn mark(out: &mut String, class: &str, p: &Place) {
    let pad = 2.0 * MARK_PAD;
    let (w, h) = (
        (p.x1 - p.x0).max(MIN_SIDE) + pad,
        (p.bottom - p.top).max(MIN_SIDE) + pad,
    );
    rect_attrs(out, class, p.x0 - MARK_PAD, p.top - MARK_PAD, w, h);
}

#[cfg(test)]
mod tests {
    use super::num;

    #[test]
    fn lengths_are_written_to_a_tenth() {
        let mut s = String::new();
        for x in [12.0, 12.46, 0.04, -3.25, 99.96] {
            num(&mut s, x);
            s.push(' ');
        }
        assert_eq!(s, "12 12.5 0 -3.3 100 ");
    }
}
