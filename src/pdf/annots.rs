//! Annotation appearances as page content.
//!
//! Signing software (VGCA, iText, GdPicture) often draws the số and the
//! ngày of a document only inside signature widgets laid over the blanks
//! of "Số: …" and "ngày … tháng …". A viewer shows them, so a reader must:
//! each visible annotation's normal appearance (`/AP /N`) is placed on the
//! page as PDF 32000 §12.5.5 says and read like the page's own content.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::geometry::Matrix;
use super::objects::{deref, dict_get, form_matrix, numbers};
use super::{Glyph, Rule};
use crate::text::HTML_ENTITIES;

/// Annotation flags (`/F`) that keep an annotation off the screen.
const HIDDEN: i64 = 1 << 1;
const NO_VIEW: i64 = 1 << 5;
/// At most this many annotations of a page are drawn (hostile files carry
/// thousands).
const MAX_ANNOTATIONS: usize = 256;

/// A visible annotation's appearance form and where it goes.
pub struct Appearance<'a> {
    pub id: ObjectId,
    pub form: &'a Stream,
    /// Where the form goes: its `/BBox`, transformed by its `/Matrix`,
    /// mapped onto the annotation's `/Rect`. The form's own `/Matrix` is
    /// applied when it is drawn, as for any form.
    pub matrix: Matrix,
}

/// The page's visible annotations that have a normal appearance, in the
/// order they are drawn.
pub fn appearances<'a>(doc: &'a Document, page: &'a Dictionary) -> Vec<Appearance<'a>> {
    let Some(Object::Array(annots)) = dict_get(doc, page, b"Annots") else {
        return Vec::new();
    };
    annots
        .iter()
        .take(MAX_ANNOTATIONS)
        .filter_map(|a| deref(doc, a).as_dict().ok())
        .filter_map(|a| appearance(doc, a))
        .collect()
}

fn appearance<'a>(doc: &'a Document, annot: &'a Dictionary) -> Option<Appearance<'a>> {
    let flags = dict_get(doc, annot, b"F").and_then(|f| f.as_i64().ok());
    if flags.is_some_and(|f| f & (HIDDEN | NO_VIEW) != 0) {
        return None;
    }
    let normal = dict_get(doc, annot, b"AP")?
        .as_dict()
        .ok()?
        .get(b"N")
        .ok()?;
    let (id, form) = state_form(doc, annot, normal)?;
    let target = rect(&numbers(doc, dict_get(doc, annot, b"Rect")?))?;
    let bbox = rect(&numbers(doc, dict_get(doc, &form.dict, b"BBox")?))?;
    let placed = onto(transformed(bbox, &form_matrix(doc, &form.dict))?, target)?;
    Some(Appearance {
        id,
        form,
        matrix: placed,
    })
}

/// The appearance stream itself, or for an annotation with states (a
/// check box) the one its `/AS` names.
fn state_form<'a>(
    doc: &'a Document,
    annot: &'a Dictionary,
    normal: &'a Object,
) -> Option<(ObjectId, &'a Stream)> {
    let stream_of = |o: &'a Object| {
        let id = o.as_reference().unwrap_or((0, 0));
        deref(doc, o).as_stream().ok().map(|s| (id, s))
    };
    match deref(doc, normal) {
        Object::Stream(_) => stream_of(normal),
        Object::Dictionary(states) => {
            let state = dict_get(doc, annot, b"AS")?.as_name().ok()?;
            stream_of(states.get(state).ok()?)
        }
        _ => None,
    }
}

/// A rectangle `[x0 y0 x1 y1]` with its corners ordered; none when empty
/// or not finite.
fn rect(v: &[f32]) -> Option<[f32; 4]> {
    let [a, b, c, d] = v.get(..4)?.try_into().ok()?;
    let r = [a.min(c), b.min(d), a.max(c), b.max(d)];
    let ok = r.iter().all(|x| x.is_finite()) && r[2] - r[0] > 0.01 && r[3] - r[1] > 0.01;
    ok.then_some(r)
}

/// The bounding box of `r` after `m`.
fn transformed(r: [f32; 4], m: &Matrix) -> Option<[f32; 4]> {
    let corners =
        [(r[0], r[1]), (r[2], r[1]), (r[0], r[3]), (r[2], r[3])].map(|(x, y)| m.apply(x, y));
    let xs = corners.map(|p| p.0);
    let ys = corners.map(|p| p.1);
    let min = |v: [f32; 4]| v.into_iter().fold(f32::MAX, f32::min);
    let max = |v: [f32; 4]| v.into_iter().fold(f32::MIN, f32::max);
    rect(&[min(xs), min(ys), max(xs), max(ys)])
}

/// The scale and shift that map the form's transformed box onto the
/// annotation's rectangle.
fn onto(boxed: [f32; 4], target: [f32; 4]) -> Option<Matrix> {
    let sx = (target[2] - target[0]) / (boxed[2] - boxed[0]);
    let sy = (target[3] - target[1]) / (boxed[3] - boxed[1]);
    let m = Matrix([
        sx,
        0.0,
        0.0,
        sy,
        target[0] - sx * boxed[0],
        target[1] - sy * boxed[1],
    ]);
    m.is_finite().then_some(m)
}

/// What one annotation's appearance drew.
pub type Stamp = (Vec<Glyph>, Vec<Rule>);

/// The glyphs and rules of the stamps a reader keeps over the page's own
/// `text`. A stamp that lies on the page's text (a seal or "BẢN SAO" over a
/// table: over a third of its letters on printed ones) is left out whole, rules included, so no cell or word takes its
/// letters. A stamp written into a blank of a line ("Số: 507/UBND") is
/// set on that line's baseline (signing tools place it a few points off),
/// and the typed spaces under it give way.
pub fn lay_over(text: &mut Vec<Glyph>, stamps: Vec<Stamp>) -> Stamp {
    let mut out: Stamp = (Vec::new(), Vec::new());
    for (mut glyphs, rules) in stamps {
        let near = near_text(text, &glyphs);
        if over_text(&glyphs, &near) {
            continue;
        }
        set_on_lines(&mut glyphs, &near);
        decode_entities(&mut glyphs);
        for g in &mut glyphs {
            g.stamp = true;
        }
        let runs = runs(&glyphs);
        text.retain(|p| !p.text.trim().is_empty() || !runs.iter().any(|r| on_top(r, p)));
        out.0.extend(glyphs);
        out.1.extend(rules);
    }
    out
}

/// The page's printed glyphs (not spaces) within a line's height of the
/// stamp's glyphs.
fn near_text<'t>(text: &'t [Glyph], stamp: &[Glyph]) -> Vec<&'t Glyph> {
    let Some([x0, top, x1, bottom]) = extent(stamp) else {
        return Vec::new();
    };
    let pad = stamp.iter().map(|g| g.bottom - g.top).fold(0.0, f32::max);
    text.iter()
        .filter(|p| !p.text.trim().is_empty())
        .filter(|p| p.x1 > x0 - pad && p.x0 < x1 + pad && p.bottom > top && p.top < bottom)
        .collect()
}

fn extent<'g>(glyphs: impl IntoIterator<Item = &'g Glyph>) -> Option<[f32; 4]> {
    glyphs.into_iter().fold(None, |acc, g| {
        let [x0, t, x1, b] = acc.unwrap_or([g.x0, g.top, g.x1, g.bottom]);
        Some([x0.min(g.x0), t.min(g.top), x1.max(g.x1), b.max(g.bottom)])
    })
}

/// Share of a stamp's word boxes that may lie on printed glyphs: a number
/// jammed into a tight blank touches a neighbour at its edge ("1187" over
/// the "/" of "/QĐ-BNV", about a tenth); a seal lies on whole words.
const MAX_OVER_TEXT: f32 = 0.25;

/// Whether the stamp's words lie on the page's printed glyphs.
fn over_text(glyphs: &[Glyph], near: &[&Glyph]) -> bool {
    let area = |r: [f32; 4]| (r[2] - r[0]).max(0.0) * (r[3] - r[1]).max(0.0);
    let words = runs(glyphs);
    let total: f32 = words.iter().map(|&r| area(r)).sum();
    let over: f32 = words
        .iter()
        .map(|&r| {
            let shared: f32 = near
                .iter()
                .map(|p| {
                    area([
                        r[0].max(p.x0),
                        r[1].max(p.top),
                        r[2].min(p.x1),
                        r[3].min(p.bottom),
                    ])
                })
                .sum();
            shared.min(area(r))
        })
        .sum();
    total > 0.0 && over > MAX_OVER_TEXT * total
}

/// [`HTML_ENTITIES`] in stamp text become the character they stand for,
/// one glyph over the entity's width.
fn decode_entities(glyphs: &mut Vec<Glyph>) {
    let mut i = 0;
    while i < glyphs.len() {
        // entities are ASCII: one glyph per byte
        let found = HTML_ENTITIES.iter().find(|(entity, _)| {
            glyphs.get(i..i + entity.len()).is_some_and(|run| {
                run.iter()
                    .zip(entity.chars())
                    .all(|(g, c)| g.text.chars().eq([c]))
            })
        });
        if let Some((entity, ch)) = found {
            let n = entity.len();
            let x1 = glyphs[i + n - 1].x1;
            glyphs.drain(i + 1..i + n);
            glyphs[i].text = (*ch).into();
            glyphs[i].x1 = x1;
        }
        i += 1;
    }
}

/// The boxes `[x0, top, x1, bottom]` of a stamp's printed words: runs of
/// printed glyphs on one baseline with no space between them.
fn runs(glyphs: &[Glyph]) -> Vec<[f32; 4]> {
    let mut out: Vec<[f32; 4]> = Vec::new();
    let mut joined = false;
    for g in glyphs {
        if g.text.trim().is_empty() {
            joined = false;
            continue;
        }
        match out.last_mut() {
            Some(r) if joined && (g.x0 - r[2]).abs() < (g.bottom - g.top) / 2.0 => {
                *r = [
                    r[0].min(g.x0),
                    r[1].min(g.top),
                    r[2].max(g.x1),
                    r[3].max(g.bottom),
                ];
            }
            _ => out.push([g.x0, g.top, g.x1, g.bottom]),
        }
        joined = true;
    }
    out
}

/// Whether a stamp's word stands over the middle of page glyph `p`, over
/// half of `p`'s height.
fn on_top(r: &[f32; 4], p: &Glyph) -> bool {
    let middle = (p.x0 + p.x1) / 2.0;
    r[0] <= middle
        && middle <= r[2]
        && r[3].min(p.bottom) - r[1].max(p.top) > (p.bottom - p.top) / 2.0
}

/// Moves each run of stamp glyphs on one baseline onto the baseline of the
/// printed line beside it, when that line overlaps a fifth of the run's
/// height (a number set half a line above "Số:" still belongs to it).
fn set_on_lines(glyphs: &mut [Glyph], near: &[&Glyph]) {
    let mut baselines: Vec<f32> = glyphs.iter().map(|g| g.baseline).collect();
    baselines.sort_by(f32::total_cmp);
    baselines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    for base in baselines {
        let run = |g: &Glyph| (g.baseline - base).abs() < 0.5;
        let Some([_, top, _, bottom]) = extent(glyphs.iter().filter(|g| run(g))) else {
            continue;
        };
        let height = bottom - top;
        let mut beside: Vec<f32> = near
            .iter()
            .filter(|p| p.bottom.min(bottom) - p.top.max(top) > 0.2 * height.min(p.bottom - p.top))
            .map(|p| p.baseline)
            .collect();
        beside.sort_by(f32::total_cmp);
        let Some(&line) = beside.get(beside.len() / 2) else {
            continue;
        };
        let shift = line - base;
        if shift.abs() < height {
            for g in glyphs.iter_mut().filter(|g| run(g)) {
                g.top += shift;
                g.bottom += shift;
                g.baseline += shift;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::tests::word;

    #[test]
    fn bbox_maps_onto_rect() {
        // a form drawn at (10,5)-(208,34) with a matrix that shifts it to the origin
        let m = Matrix([1.0, 0.0, 0.0, 1.0, -10.0, -5.0]);
        let boxed = transformed([10.0, 5.0, 208.0, 34.0], &m).unwrap();
        assert_eq!(boxed, [0.0, 0.0, 198.0, 29.0]);
        let a = onto(boxed, [126.0, 710.0, 324.0, 739.0]).unwrap();
        // the form's own (10,5) goes through its matrix to (0,0), then to the rect's corner
        let (x, y) = m.then(&a).apply(10.0, 5.0);
        assert_eq!((x, y), (126.0, 710.0));
    }

    #[test]
    fn a_larger_rect_scales_the_form() {
        let a = onto([0.0, 0.0, 100.0, 20.0], [0.0, 0.0, 200.0, 40.0]).unwrap();
        assert_eq!(a.apply(100.0, 20.0), (200.0, 40.0));
    }

    #[test]
    fn a_stamp_over_text_is_left_out() {
        let mut page = word("Nhiệm vụ", 100.0, 300.0);
        let seal = word("BẢN SAO", 104.0, 302.0);
        let (glyphs, _) = lay_over(&mut page, vec![(seal, Vec::new())]);
        assert!(glyphs.is_empty());
    }

    #[test]
    fn a_stamp_in_a_blank_joins_its_line() {
        // "Số:" then typed spaces, then "/UBND"; the stamp's "507" sits 3 pt high
        let mut page = word("Số:    /UBND", 100.0, 85.0);
        let stamp = word("507", 124.0, 82.0);
        let (glyphs, _) = lay_over(&mut page, vec![(stamp, Vec::new())]);
        assert_eq!(glyphs.len(), 3);
        assert!(glyphs.iter().all(|g| g.baseline == 85.0 && g.stamp));
        // the spaces under "507" gave way
        let spaces = page.iter().filter(|g| g.text == " ").count();
        assert!(spaces < 4, "{spaces}");
    }

    #[test]
    fn entities_in_stamps_are_decoded() {
        let mut g = word("A&amp;B", 0.0, 10.0);
        decode_entities(&mut g);
        let text: String = g.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "A&B");
        assert_eq!(g[1].x1, 36.0);
    }

    #[test]
    fn empty_rects_are_none() {
        assert!(rect(&[1.0, 1.0, 1.0, 5.0]).is_none());
        assert!(rect(&[0.0, f32::NAN, 1.0, 5.0]).is_none());
        assert_eq!(rect(&[5.0, 5.0, 1.0, 1.0]), Some([1.0, 1.0, 5.0, 5.0]));
    }
}
