//! One page of the review: an SVG drawn from what congvan read — words at
//! their places, ruling lines, signature stamps' text — with each grid's
//! cells coloured by the role of their column, and the rows, sections and
//! prose paragraphs that became records marked and linked.

use std::fmt::Write;

use super::{RoleStyle, esc, role_style};
use crate::Inspection;
use crate::layout::{self, Line};
use crate::model::{Origin, Place};
use crate::pdf::Glyph;
use crate::records::GridReading;

/// Room below the last line of a page drawn from text lines alone.
const TEXT_MARGIN: f32 = 24.0;

/// The SVG of page `number` (1-based).
pub fn svg(i: &Inspection, number: usize) -> String {
    let (width, height) = size(i, number);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="sheet" viewBox="0 0 {width:.1} {height:.1}" style="max-width:{:.0}px" role="img" aria-label="Trang {number}">"#,
        width * 1.5
    );
    let _ = write!(
        out,
        r#"<rect class="paper" x="0" y="0" width="{width:.1}" height="{height:.1}"/>"#
    );
    for (k, g) in i.grids.iter().enumerate() {
        if g.grid.page == number {
            cells(&mut out, i, g, k);
        }
    }
    match i.pages.get(number - 1) {
        Some(page) => {
            out.push_str(r#"<g class="rules">"#);
            for r in &page.rules {
                let _ = write!(
                    out,
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.2}" height="{:.2}"/>"#,
                    r.x0,
                    r.top,
                    (r.x1 - r.x0).max(0.3),
                    (r.bottom - r.top).max(0.3)
                );
            }
            out.push_str("</g>");
            let (stamps, own): (Vec<&Glyph>, Vec<&Glyph>) =
                page.glyphs.iter().partition(|g| g.stamp);
            words(&mut out, &layout::words(&own), "text");
            words(&mut out, &layout::words(&stamps), "text stamp");
        }
        None => {
            let lines = i.text.get(number - 1).map_or(&[][..], Vec::as_slice);
            words(&mut out, lines, "text");
        }
    }
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

/// Words (or lines) as SVG text, each stretched to the width it was read
/// at, so the drawing keeps the page's geometry whatever the font.
fn words(out: &mut String, words: &[Line], class: &str) {
    let _ = write!(out, r#"<g class="{class}">"#);
    for w in words.iter().filter(|w| !w.text.trim().is_empty()) {
        let weight = if w.bold { r#" font-weight="bold""# } else { "" };
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" font-size="{:.1}" textLength="{:.1}" lengthAdjust="spacingAndGlyphs"{weight}>{}</text>"#,
            w.x0,
            w.baseline,
            w.size.max(1.0),
            (w.x1 - w.x0).max(0.5),
            esc(w.text.trim())
        );
    }
    out.push_str("</g>");
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
        let _ = write!(
            out,
            r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{}</title></rect>"#,
            c.x0,
            c.top,
            (c.x1 - c.x0).max(0.5),
            (c.bottom - c.top).max(0.5),
            esc(&title)
        );
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
    for s in i
        .sections
        .iter()
        .filter_map(|s| s.place.filter(|p| p.page == number))
    {
        let _ = write!(out, r#"<rect class="section" {}/>"#, rect(&s));
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
