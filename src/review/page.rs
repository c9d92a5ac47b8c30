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

/// The SVG of page `number` (1-based).
pub fn svg(i: &Inspection, number: usize) -> String {
    let (width, height) = size(i, number);
    let mut out = String::new();
    out.push_str(r#"<svg xmlns="http://www.w3.org/2000/svg" class="sheet" viewBox="0 0 "#);
    num(&mut out, width);
    out.push(' ');
    num(&mut out, height);
    let _ = write!(
        out,
        r#"" style="max-width:{:.0}px" role="img" aria-label="Trang {number}"><rect class="paper" x="0" y="0" width=""#,
        width * 1.5
    );
    num(&mut out, width);
    out.push_str(r#"" height=""#);
    num(&mut out, height);
    out.push_str(r#""/>"#);
    let grids: Vec<(usize, &GridReading)> = i
        .grids
        .iter()
        .enumerate()
        .filter(|(_, g)| g.grid.page == number)
        .collect();
    for &(k, g) in &grids {
        cells(&mut out, i, g, k);
    }
    if let Some(page) = i.pages.get(number - 1) {
        out.push_str(r#"<g class="rules">"#);
        for r in &page.rules {
            let (w, h) = ((r.x1 - r.x0).max(0.3), (r.bottom - r.top).max(0.3));
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
    marks(&mut out, i, number);
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
    let width = i.widths.get(number - 1).copied().unwrap_or(595.0);
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
        let h = ((w.bottom - w.top) * 0.12).max(0.8);
        rect_attrs(out, "", w.x0, w.bottom, (w.x1 - w.x0).max(0.5), h);
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
        num(out, (l.x1 - l.x0).max(0.5));
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
fn cells(out: &mut String, i: &Inspection, g: &GridReading, k: usize) {
    let table = g.table.and_then(|t| i.extraction.tables.get(t));
    let id = match g.table {
        Some(t) if first_grid_of(i, t) == Some(k) => format!(r#" id="table-{t}""#),
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
        let (w, h) = ((c.x1 - c.x0).max(0.5), (c.bottom - c.top).max(0.5));
        rect_attrs(out, &class, c.x0, c.top, w, h);
        let _ = write!(out, "><title>{}</title></rect>", esc(&title));
    }
    out.push_str("</g>");
}

/// The index of the first grid read into table `t`.
pub(super) fn first_grid_of(i: &Inspection, t: usize) -> Option<usize> {
    i.grids.iter().position(|g| g.table == Some(t))
}

/// Rows and paragraphs that became records, and section rows: outlined on
/// top of the drawing, each record's linked to its line in the records
/// table beside the pages.
fn marks(out: &mut String, i: &Inspection, number: usize) {
    out.push_str(r#"<g class="marks">"#);
    for (k, s) in i.sections.iter().enumerate() {
        if let Some(p) = s.place.filter(|p| p.page == number) {
            let label = scope_path(&s.path).unwrap_or_default();
            let _ = write!(
                out,
                r#"<rect id="section-{k}" class="section" {}><title>Mục {}</title></rect>"#,
                rect(&p),
                esc(&label)
            );
        }
    }
    for (n, t) in i.extraction.tasks.iter().enumerate() {
        let class = match t.origin {
            Origin::Table => "task",
            Origin::Prose => "task prose",
        };
        for (k, p) in t
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.page == number)
        {
            let id = super::place_id(n, k);
            let tt = t.tt.as_deref().unwrap_or("");
            let _ = write!(
                out,
                r##"<a href="#rec-{n}"><rect id="{id}" class="{class}" {}><title>Nhiệm vụ {} — TT {}</title></rect></a>"##,
                rect(p),
                n + 1,
                esc(tt)
            );
        }
    }
    out.push_str("</g>");
}

fn rect(p: &Place) -> String {
    format!(
        r#"x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}""#,
        p.x0 - 1.0,
        p.top - 1.0,
        (p.x1 - p.x0).max(0.5) + 2.0,
        (p.bottom - p.top).max(0.5) + 2.0
    )
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
