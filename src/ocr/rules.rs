//! Ruling lines drawn in a page picture: long thin runs of ink, level or
//! upright, turned into the same [`Rule`]s the PDF stage gives.

use super::image::Ink;
use crate::pdf::Rule;

/// What counts as a drawn line, in inches (so the same at any resolution).
#[derive(Debug, Clone, Copy)]
pub struct RuleSettings {
    /// Shortest level line: longer than any run of letters' ink, shorter
    /// than a TT cell's border beside a merged cell (0.39 in measured).
    pub min_level: f32,
    /// Shortest upright line: a one-line row's cell border.
    pub min_upright: f32,
    /// Thickest line; anything thicker is a filled area (a seal, shading).
    pub max_thickness: f32,
    /// Breaks in a line a scan leaves (faint toner) that are bridged.
    pub max_break: f32,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            min_level: 0.3,
            min_upright: 0.2,
            max_thickness: 0.05,
            max_break: 0.01,
        }
    }
}

/// The level and upright lines of `ink`, in page points (`dpi` pixels per
/// inch).
pub fn rules(ink: &Ink, dpi: f32, settings: &RuleSettings) -> Vec<Rule> {
    let px = |inches: f32| (inches * dpi).round().max(1.0) as usize;
    let (thick, gap) = (px(settings.max_thickness), px(settings.max_break));
    let scale = 72.0 / dpi;
    let level = strokes(ink, px(settings.min_level), gap, thick);
    let upright = strokes(&ink.transposed(), px(settings.min_upright), gap, thick);
    let mut out: Vec<Rule> = level
        .into_iter()
        .map(|s| Rule {
            x0: s.from as f32 * scale,
            x1: s.to as f32 * scale,
            top: s.first_row as f32 * scale,
            bottom: (s.last_row + 1) as f32 * scale,
        })
        .collect();
    out.extend(upright.into_iter().map(|s| Rule {
        x0: s.first_row as f32 * scale,
        x1: (s.last_row + 1) as f32 * scale,
        top: s.from as f32 * scale,
        bottom: s.to as f32 * scale,
    }));
    out
}

/// A run of ink along rows `first_row..=last_row`, from `from` to `to`.
#[derive(Debug, Clone, Copy)]
struct Stroke {
    from: usize,
    to: usize,
    first_row: usize,
    last_row: usize,
}

/// Level strokes: runs of at least `min` pixels (breaks up to `gap`
/// bridged) on each row, runs on neighbouring rows that overlap joined,
/// and only those at most `thick` rows thick kept.
fn strokes(ink: &Ink, min: usize, gap: usize, thick: usize) -> Vec<Stroke> {
    let mut open: Vec<Stroke> = Vec::new();
    let mut done = Vec::new();
    for y in 0..ink.height {
        let runs = runs(ink, y, min, gap);
        let mut next = Vec::with_capacity(open.len() + runs.len());
        for r in runs {
            let joined = open.iter().position(|s| {
                s.last_row + 1 >= y
                    && overlap(s.from, s.to, r.0, r.1) * 2 > (r.1 - r.0).min(s.to - s.from)
            });
            match joined {
                Some(i) => {
                    let mut s = open.swap_remove(i);
                    s.from = s.from.min(r.0);
                    s.to = s.to.max(r.1);
                    s.last_row = y;
                    next.push(s);
                }
                None => next.push(Stroke {
                    from: r.0,
                    to: r.1,
                    first_row: y,
                    last_row: y,
                }),
            }
        }
        // a stroke no run continued on this row (or the one before) ends
        for s in open.drain(..) {
            if s.last_row + 2 > y {
                next.push(s);
            } else {
                done.push(s);
            }
        }
        open = next;
    }
    done.extend(open);
    done.retain(|s| s.last_row - s.first_row < thick);
    done.sort_by_key(|s| (s.first_row, s.from));
    done
}

fn overlap(a0: usize, a1: usize, b0: usize, b1: usize) -> usize {
    a1.min(b1).saturating_sub(a0.max(b0))
}

/// Runs of ink on row `y` at least `min` long, bridging breaks up to `gap`.
fn runs(ink: &Ink, y: usize, min: usize, gap: usize) -> Vec<(usize, usize)> {
    let row = &ink.dark[y * ink.width..(y + 1) * ink.width];
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last = 0;
    for (x, &d) in row.iter().enumerate() {
        if !d {
            continue;
        }
        match start {
            Some(s) if x - last > gap + 1 => {
                if last + 1 - s >= min {
                    out.push((s, last + 1));
                }
                start = Some(x);
            }
            None => start = Some(x),
            _ => {}
        }
        last = x;
    }
    if let Some(s) = start.filter(|&s| last + 1 - s >= min) {
        out.push((s, last + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::image::Gray;

    #[test]
    fn a_drawn_box_gives_four_rules_and_letters_none() {
        // 100 dpi: a 3 × 2 inch box with 2-pixel lines, a short dash, a blob
        let mut g = Gray::new(400, 300, 255);
        let mut ink = |x0: usize, y0: usize, x1: usize, y1: usize| {
            for y in y0..y1 {
                for x in x0..x1 {
                    g.pixels[y * 400 + x] = 0;
                }
            }
        };
        ink(50, 50, 350, 52); // top
        ink(50, 248, 350, 250); // bottom
        ink(50, 50, 52, 250); // left
        ink(348, 50, 350, 250); // right
        ink(100, 100, 120, 102); // a dash: too short
        ink(200, 120, 260, 180); // a filled blob: too thick
        let found = rules(&g.ink(128), 100.0, &RuleSettings::default());
        assert_eq!(
            found.iter().filter(|r| r.is_horizontal()).count(),
            2,
            "{found:?}"
        );
        assert_eq!(
            found.iter().filter(|r| !r.is_horizontal()).count(),
            2,
            "{found:?}"
        );
        let top = found.iter().find(|r| r.is_horizontal()).unwrap();
        assert!(
            (top.x0 - 36.0).abs() < 0.1 && (top.x1 - 252.0).abs() < 0.1,
            "{top:?}"
        );
    }

    #[test]
    fn breaks_a_scan_leaves_in_a_line_are_bridged() {
        let mut g = Gray::new(400, 20, 255);
        for x in (10..390).filter(|x| x % 50 != 0) {
            g.pixels[10 * 400 + x] = 0;
        }
        let found = rules(&g.ink(128), 100.0, &RuleSettings::default());
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
