//! Tables drawn without borders (at most a rule under the header): columns
//! from the whitespace between header columns, rows from the TT entries.
//! The result is an ordinary [`Grid`], so later stages cannot tell the two apart.

use super::grid::{self, Grid};
use super::roles::{self, Role};
use crate::layout::{self, Line};
use crate::pdf::{Glyph, Page};

/// Words of a header phrase are closer than this (× font size).
const PHRASE_GAP: f32 = 0.9;
/// Baselines closer than this (× font size) are lines of one header.
const HEADER_PITCH: f32 = 1.7;
/// A vertical gap larger than this (× font size) ends the table.
const END_GAP: f32 = 3.5;

/// A baseline's words, left to right.
struct Row<'a> {
    baseline: f32,
    size: f32,
    top: f32,
    bottom: f32,
    words: Vec<&'a Line>,
}

/// A header column: its text and horizontal extent.
struct HeaderColumn {
    x0: f32,
    x1: f32,
    parts: Vec<String>,
}

/// Borderless tables among the glyphs that no ruled grid holds. `before` is
/// the previous page's last table: a borderless one may go on at the top of
/// this page without its header.
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
    let continues = before.is_some_and(|g| !g.ruled);
    if !continues && !may_hold_header(&free) {
        return Vec::new();
    }
    let words = layout::words(&free);
    let rows = rows(&words);
    let mut out = Vec::new();
    let mut i = 0;
    let first_ruled = ruled.iter().map(Grid::top).fold(f32::MAX, f32::min);
    if let Some(prev) = before.filter(|g| !g.ruled)
        && let Some((grid, next)) = continuation(page, &rows, prev, &free)
        && grid.bottom() <= first_ruled
    {
        out.push(grid);
        i = next;
    }
    while i < rows.len() {
        match table_at(page, &rows, i, &free) {
            Some((grid, next)) => {
                out.push(grid);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// A cheap test before building words: a header needs a task word and a
/// word for who or when somewhere on the page.
fn may_hold_header(glyphs: &[&Glyph]) -> bool {
    let text: String = glyphs.iter().map(|g| g.text.as_str()).collect::<String>();
    let f = crate::text::fold(&text).replace(' ', "");
    let any = |keys: &[&str]| keys.iter().any(|k| f.contains(k));
    any(&["nhiemvu", "noidung", "congviec", "giaiphap", "hoatdong"])
        && any(&[
            "chutri", "phoihop", "thoigian", "thoihan", "tiendo", "ketqua", "sanpham", "thuchien",
            "donvi",
        ])
}

fn rows(words: &[Line]) -> Vec<Row<'_>> {
    let mut sorted: Vec<&Line> = words.iter().collect();
    sorted.sort_by(|a, b| {
        a.baseline
            .total_cmp(&b.baseline)
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut rows: Vec<Row> = Vec::new();
    for w in sorted {
        match rows.last_mut() {
            Some(r) if (w.baseline - r.baseline).abs() <= r.size * 0.35 => {
                r.top = r.top.min(w.top);
                r.bottom = r.bottom.max(w.bottom);
                r.words.push(w);
            }
            _ => rows.push(Row {
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

/// Words closer than PHRASE_GAP run together into phrases.
fn phrases(row: &Row) -> Vec<HeaderColumn> {
    let mut out: Vec<HeaderColumn> = Vec::new();
    for w in &row.words {
        match out.last_mut() {
            Some(p) if w.x0 - p.x1 < row.size * PHRASE_GAP => {
                p.x1 = w.x1;
                if let Some(last) = p.parts.last_mut() {
                    last.push(' ');
                    last.push_str(&w.text);
                }
            }
            _ => out.push(HeaderColumn {
                x0: w.x0,
                x1: w.x1,
                parts: vec![w.text.clone()],
            }),
        }
    }
    out
}

fn is_number(s: &str) -> bool {
    let t = s.trim_end_matches(['.', ')']);
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// A table whose header is row `i`: the grid and the row after the table.
fn table_at(page: &Page, rows: &[Row], i: usize, glyphs: &[&Glyph]) -> Option<(Grid, usize)> {
    let mut columns = phrases(&rows[i]);
    let texts: Vec<String> = columns.iter().map(|c| c.parts.join(" ")).collect();
    // Without borders, body text could pass for a header: ask for more.
    let known = texts.iter().filter(|t| roles::role_of(t).is_some()).count();
    if columns.len() < 3 || known < 3 || known * 3 < columns.len() * 2 || !roles::is_header(&texts)
    {
        return None;
    }
    let size = rows[i].size;
    // A rule under the header closes it; else the lines right under it that
    // do not start with a number are its continuation.
    let span = (columns[0].x0, columns[columns.len() - 1].x1);
    let rule = page
        .rules
        .iter()
        .filter(|r| {
            r.is_horizontal() && r.top > rows[i].baseline && r.top < rows[i].baseline + 5.0 * size
        })
        .find(|r| r.x1 - r.x0 >= (span.1 - span.0) * 0.5)
        .map(|r| r.top);
    let mut body = i + 1;
    while body < rows.len() && body <= i + 3 {
        let r = &rows[body];
        let header_line = match rule {
            Some(y) => r.baseline < y,
            None => {
                r.baseline - rows[body - 1].baseline < HEADER_PITCH * size
                    && !r.words.first().is_some_and(|w| is_number(&w.text))
            }
        };
        if !header_line {
            break;
        }
        for w in &r.words {
            add_to_column(&mut columns, w, size);
        }
        body += 1;
    }
    let left = columns[0].x0.min(rows.get(body)?.words.first()?.x0) - 0.5 * size;
    let end = body_end(rows, body, left, size);
    if end == body {
        return None;
    }
    let bounds = boundaries(&columns, &rows[i..end]);
    let tt_col = columns
        .iter()
        .position(|c| roles::role_of(&c.parts.join(" ")) == Some(Role::Tt));
    let end = end_before_prose(rows, body, end, &bounds, tt_col);
    if end == body {
        return None;
    }
    let x_min = rows[i..end]
        .iter()
        .flat_map(|r| r.words.iter().map(|w| w.x0))
        .fold(f32::MAX, f32::min);
    let x_max = rows[i..end]
        .iter()
        .flat_map(|r| r.words.iter().map(|w| w.x1))
        .fold(f32::MIN, f32::max);
    let mut xs = vec![x_min - 2.0];
    xs.extend(&bounds);
    xs.push(x_max + 2.0);
    Some((
        build(page, &rows[i..end], body - i, xs, tt_col, glyphs),
        end,
    ))
}

/// The rows at the top of a page that go on with the previous page's
/// borderless table: they sit within its columns, with no header of their own.
fn continuation(
    page: &Page,
    rows: &[Row],
    prev: &Grid,
    glyphs: &[&Glyph],
) -> Option<(Grid, usize)> {
    let (&left, &right) = (prev.xs.first()?, prev.xs.last()?);
    let bounds = &prev.xs[1..prev.xs.len() - 1];
    // a lone page number at the top is no part of the table
    let start = rows
        .iter()
        .take_while(|r| {
            r.words.len() == 1
                && is_number(&r.words[0].text)
                && column_of(bounds, center(r.words[0])) != 0
        })
        .count();
    let first = rows.get(start)?;
    let inside = first
        .words
        .iter()
        .all(|w| w.x0 >= left - first.size && w.x1 <= right + first.size);
    let header = roles::is_header(
        &phrases(first)
            .iter()
            .map(|c| c.parts.join(" "))
            .collect::<Vec<_>>(),
    );
    if !inside || header {
        return None;
    }
    let end = body_end(rows, start + 1, left - 0.5 * first.size, first.size);
    let tt_col = prev.cells.first().map(|_| 0).filter(|_| {
        prev.cells
            .iter()
            .any(|c| c.row == 0 && c.col == 0 && roles::role_of(&c.text()) == Some(Role::Tt))
    });
    let end = end_before_prose(rows, start, end, bounds, tt_col.or(Some(0)));
    Some((
        build(
            page,
            &rows[start..end],
            0,
            prev.xs.clone(),
            tt_col.or(Some(0)),
            glyphs,
        ),
        end,
    ))
}

/// The row after the last body row: a large vertical gap, or a line starting
/// left of the table, ends it.
fn body_end(rows: &[Row], body: usize, left: f32, size: f32) -> usize {
    let mut end = body;
    while end < rows.len() {
        let r = &rows[end];
        let gap = if end > 0 {
            r.top - rows[end - 1].bottom
        } else {
            0.0
        };
        if (end > body && gap > END_GAP * size) || r.words.first().is_some_and(|w| w.x0 < left) {
            break;
        }
        end += 1;
    }
    end
}

/// A body line that straddles two or more column borders without a label
/// in the TT column is text after the table.
fn end_before_prose(
    rows: &[Row],
    body: usize,
    end: usize,
    bounds: &[f32],
    tt_col: Option<usize>,
) -> usize {
    (body..end)
        .find(|&k| {
            let r = &rows[k];
            let crossed = bounds
                .iter()
                .filter(|&&b| r.words.iter().any(|w| w.x0 < b - 1.0 && w.x1 > b + 1.0))
                .count();
            let labelled =
                tt_col.is_some_and(|c| r.words.iter().any(|w| column_of(bounds, center(w)) == c));
            crossed >= 2 && !labelled
        })
        .unwrap_or(end)
}

/// The grid of `rows` (the first `header` of them the header) within `xs`.
fn build(
    page: &Page,
    rows: &[Row],
    header: usize,
    xs: Vec<f32>,
    tt_col: Option<usize>,
    glyphs: &[&Glyph],
) -> Grid {
    let bounds = &xs[1..xs.len() - 1];
    let ys = row_borders(rows, header, tt_col, bounds);
    let straddles: Vec<(f32, f32, f32)> = rows
        .iter()
        .flat_map(|r| {
            r.words
                .iter()
                .map(|w| (w.x0, w.x1, (w.top + w.bottom) / 2.0))
        })
        .collect();
    let mut grid = grid::from_borders(page.number, xs, ys, &straddles);
    grid::fill(std::slice::from_mut(&mut grid), glyphs);
    grid
}

fn center(w: &Line) -> f32 {
    (w.x0 + w.x1) / 2.0
}

fn column_of(bounds: &[f32], x: f32) -> usize {
    bounds.iter().filter(|&&b| b < x).count()
}

/// A word of a header's later line joins the header column it overlaps
/// most, or the nearest.
fn add_to_column(columns: &mut Vec<HeaderColumn>, w: &Line, size: f32) {
    let overlap = |c: &HeaderColumn| w.x1.min(c.x1) - w.x0.max(c.x0);
    let best =
        (0..columns.len()).max_by(|&a, &b| overlap(&columns[a]).total_cmp(&overlap(&columns[b])));
    match best {
        Some(k) if overlap(&columns[k]) > -size => {
            let c = &mut columns[k];
            c.x0 = c.x0.min(w.x0);
            c.x1 = c.x1.max(w.x1);
            c.parts.push(w.text.clone());
        }
        _ => {
            let at = columns.partition_point(|c| c.x0 < w.x0);
            columns.insert(
                at,
                HeaderColumn {
                    x0: w.x0,
                    x1: w.x1,
                    parts: vec![w.text.clone()],
                },
            );
        }
    }
}

/// Between each two header columns, the middle of the widest stretch no word
/// covers (the least covered point when text runs everywhere).
fn boundaries(columns: &[HeaderColumn], rows: &[Row]) -> Vec<f32> {
    columns
        .windows(2)
        .map(|pair| {
            let lo = (pair[0].x0 + pair[0].x1) / 2.0;
            let hi = (pair[1].x0 + pair[1].x1) / 2.0;
            let mut spans: Vec<(f32, f32)> = rows
                .iter()
                .flat_map(|r| r.words.iter())
                .filter(|w| w.x1 > lo && w.x0 < hi)
                .map(|w| (w.x0.max(lo), w.x1.min(hi)))
                .collect();
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (mut best, mut best_len, mut reach) = ((pair[0].x1 + pair[1].x0) / 2.0, 0.0, lo);
            for (a, b) in spans.iter().copied().chain([(hi, hi)]) {
                if a - reach > best_len {
                    best_len = a - reach;
                    best = (a + reach) / 2.0;
                }
                reach = reach.max(b);
            }
            best
        })
        .collect()
}

/// Row borders: the header's bottom, then before each line that has text in
/// the TT column (a numbered row) — or, without a TT column, before each line
/// preceded by a larger gap than the usual line pitch.
fn row_borders(rows: &[Row], header: usize, tt_col: Option<usize>, bounds: &[f32]) -> Vec<f32> {
    let mut ys = vec![rows[0].top - 1.0];
    let body = &rows[header..];
    let pitch = median(
        body.windows(2)
            .map(|w| w[1].baseline - w[0].baseline)
            .collect(),
    )
    .unwrap_or(0.0);
    for k in 0..body.len() {
        let starts = match tt_col {
            Some(c) => body[k]
                .words
                .iter()
                .any(|w| column_of(bounds, center(w)) == c),
            None => k > 0 && body[k].baseline - body[k - 1].baseline > pitch * 1.3,
        };
        if (k == 0 && header > 0) || (k > 0 && starts) {
            let above = if k == 0 {
                rows[header - 1].bottom
            } else {
                body[k - 1].bottom
            };
            ys.push((above + body[k].top) / 2.0);
        }
    }
    ys.push(body[body.len() - 1].bottom + 1.0);
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    ys
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied()
}
