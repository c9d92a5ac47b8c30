//! Ruled grids: table borders → atomic grid → cells, merged where a border
//! between two atomic cells is missing.

use crate::layout::{self, Line};
use crate::pdf::{Glyph, Page, Rule};

/// Rules closer than this (points) are the same line; ends closer than this touch.
const SNAP: f32 = 2.0;
/// A border counts as present between two atomic cells when it covers this
/// share of their common edge.
const EDGE_COVER: f32 = 0.6;
/// Above this many rules on a page, connected components are not searched
/// (quadratic) and the page gets no grid.
const MAX_RULES: usize = 4_000;

/// One table on one page: drawn with borders, or rebuilt from the
/// alignment of its words.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub page: usize,
    /// Column borders, left to right.
    pub xs: Vec<f32>,
    /// Row borders, top to bottom.
    pub ys: Vec<f32>,
    pub cells: Vec<Cell>,
    /// Drawn with borders (false: rebuilt from the text of a borderless table).
    pub ruled: bool,
    /// A borderless table going on from the previous page, found by its
    /// columns under no header of its own.
    pub continues: bool,
    /// Its first body row ends the row the page break cut (the rows stage
    /// of a borderless table of centred cells found the row's TT further
    /// down), however its cells begin.
    pub ends_cut_row: bool,
    /// What a borderless table carries to the page it goes on to (none for
    /// a ruled grid).
    pub flow: Option<Flow>,
}

/// What a borderless table's next page needs to know of it.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    /// Each column's header text.
    pub header: Vec<String>,
    /// Lines of its header below the main one (the line with the TT): a
    /// header repeated overleaf is no taller.
    pub header_below: usize,
    /// The cells are centred vertically (a TT sits in the middle of its row).
    pub centred: bool,
    /// It ran to the foot of its page: it may go on overleaf.
    pub runs_on: bool,
    /// Where its body's lines start, the leftmost (a header may start
    /// further left): overleaf, the columns move as this edge moves.
    pub body_left: f32,
}

/// A cell of a grid; a merged cell spans several atomic rows or columns.
/// (ô; ô gộp for a merged one)
#[derive(Debug, Clone)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub lines: Vec<Line>,
    /// The grid's cell padding (inner margin), the least gap between a
    /// cell's border and its text over the whole grid.
    pub padding: f32,
}

impl Cell {
    /// The cell's lines for [`crate::text::join_lines`]: each with whether it
    /// continues a word the previous line was cut in. A word processor cuts
    /// a word only when it alone is wider than the column, so the cut line is
    /// one word that leaves no room for the next line's first letter, and the
    /// cut falls between two letters or digits (a break after ";" is a
    /// space the word processor did not draw). A word with a hyphen would
    /// have been broken at the hyphen instead.
    pub fn text_lines(&self) -> Vec<(String, bool)> {
        let right = self.x1 - self.padding;
        let mut out: Vec<(String, bool)> = Vec::with_capacity(self.lines.len());
        for (i, line) in self.lines.iter().enumerate() {
            let glued = i > 0 && {
                let prev = &self.lines[i - 1];
                let inside_word = prev.text.chars().last().is_some_and(char::is_alphanumeric)
                    && line.text.chars().next().is_some_and(char::is_alphanumeric);
                // a word cut by the column fills it from its left edge
                // (or a letter alone: a word set down a column too narrow for it)
                let from_left =
                    prev.x0 - self.x0 - self.padding < 1.0 || prev.text.chars().count() == 1;
                let fills = !prev.ends_with_space
                    && from_left
                    && inside_word
                    && !prev.text.contains('-')
                    && prev.is_one_word()
                    && prev.x1 + line.first_width > right + 0.5
                    && !two_syllables(&prev.text, &line.text);
                fills
                    || cuts_a_date(&prev.text, &line.text)
                    || cuts_a_number(&prev.text, &line.text)
            };
            let mut text = line.text.clone();
            if line.ends_with_space {
                text.push(' ');
            }
            out.push((text, glued));
        }
        out
    }

    pub fn text(&self) -> String {
        crate::text::join_lines(&self.text_lines())
    }

    pub fn covers(&self, row: usize, col: usize) -> bool {
        (self.row..self.row + self.row_span).contains(&row)
            && (self.col..self.col + self.col_span).contains(&col)
    }
}

/// Does a line end in a whole Vietnamese syllable and the next open with
/// another, the two no syllable together ("Thường" over "xuyên")? Then the
/// column broke at a space, however full the line: a syllable the column
/// cut leaves a part that is none, or two that make one ("Thư" + "ờng").
fn two_syllables(above: &str, below: &str) -> bool {
    use crate::text::syllable::is_syllable;
    let letters = |w: &str| -> String { w.chars().filter(|c| c.is_alphabetic()).collect() };
    let a = letters(above.split_whitespace().last().unwrap_or(""));
    let b = letters(below.split_whitespace().next().unwrap_or(""));
    !a.is_empty()
        && !b.is_empty()
        && is_syllable(&a)
        && is_syllable(&b)
        && !is_syllable(&format!("{a}{}", b.to_lowercase()))
}

/// A date cut by a narrow column ("Trước ngày 15/6/202" over "6", or at a
/// slash: "30/" over "11/2026"): the line ends in a day/month and some
/// digits of a year, the next starts with the rest (a date is never printed
/// with a space inside).
fn cuts_a_date(above: &str, below: &str) -> bool {
    let last = above.split_whitespace().last().unwrap_or("");
    if last.ends_with('/') {
        let first = below.split_whitespace().next().unwrap_or("");
        let first = first.trim_end_matches([',', ';', '.', ')']);
        return is_date(&format!("{last}{first}"));
    }
    let parts: Vec<&str> = last.split('/').collect();
    let rest: String = below.chars().take_while(char::is_ascii_digit).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts[2].len() < 4
        && !rest.is_empty()
        && parts[2].len() + rest.len() == 4
}

/// "30/11/2026", "15/6": a day and month, and perhaps a year of four digits.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('/').collect();
    let number = |p: &str, most: usize| {
        (1..=most).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
    };
    match parts[..] {
        [d, m] => number(d, 2) && number(m, 2),
        [d, m, y] => number(d, 2) && number(m, 2) && y.len() == 4 && number(y, 4),
        _ => false,
    }
}

/// A số ký hiệu cut at its slash by a narrow column ("Kế hoạch số 45"
/// over "/KH-UBND ngày …", or "45/" over "KH-UBND"): digits, then the
/// symbol in capitals (a number is never printed with a space inside).
fn cuts_a_number(above: &str, below: &str) -> bool {
    let last = above.split_whitespace().last().unwrap_or("");
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let capital = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    match (last.strip_suffix('/'), below.strip_prefix('/')) {
        (Some(n), _) => digits(n) && capital(below),
        (None, Some(symbol)) => digits(last) && capital(symbol),
        _ => false,
    }
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }
    pub fn top(&self) -> f32 {
        self.ys.first().copied().unwrap_or(0.0)
    }
    pub fn bottom(&self) -> f32 {
        self.ys.last().copied().unwrap_or(0.0)
    }
    /// The cell covering an atomic position.
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| c.covers(row, col))
    }
    /// The grid as text: its page, kind and column borders, then a line of
    /// cell texts per atomic row ("^" where a cell from above runs on).
    pub fn outline(&self) -> String {
        let kind = match (self.ruled, self.continues) {
            (true, _) => "ruled",
            (false, true) => "borderless, continued",
            (false, false) => "borderless",
        };
        let xs: Vec<String> = self.xs.iter().map(|x| format!("{x:.0}")).collect();
        let mut out = format!("page {} {kind} xs=[{}]\n", self.page, xs.join(" "));
        for r in 0..self.rows() {
            let cells: Vec<String> = (0..self.cols())
                .filter_map(|c| {
                    let cell = self.cell_at(r, c)?;
                    (cell.col == c).then(|| match cell.row == r {
                        true => cell.text(),
                        false => "^".into(),
                    })
                })
                .collect();
            out.push_str(&format!("  {r:>3} | {}\n", cells.join(" | ")));
        }
        out
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        let (Some(&x0), Some(&x1)) = (self.xs.first(), self.xs.last()) else {
            return false;
        };
        x >= x0 && x <= x1 && y >= self.top() && y <= self.bottom()
    }
}

/// Finds the tables of a page — ruled grids, then borderless tables in the
/// text outside them — and fills their cells with the page's text. `before`
/// is the previous page's last table, which may go on here.
pub fn grids(page: &Page, before: Option<&Grid>) -> Vec<Grid> {
    let mut out: Vec<Grid> = if page.rules.len() > MAX_RULES {
        Vec::new()
    } else {
        components(&page.rules)
            .into_iter()
            .filter_map(|rules| build(page.number, &rules, &page.glyphs))
            // A frame or a single rule is no table.
            .filter(|g| g.cols() >= 2)
            .collect()
    };
    let glyphs: Vec<&Glyph> = page.glyphs.iter().collect();
    fill(&mut out, &glyphs);
    // a rule under a header and one column line after the TT column (Word's
    // "Medium List 2", "Dark List") box the body alone in two columns: the
    // borderless reconstructor reads it with the header above
    out.retain(|g| !(g.rows() == 1 && g.cols() == 2 && super::bands::tt_entries(g, 0) >= 2));
    super::bands::split(&mut out, page);
    // the page's topmost grid may go on from the page before
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    for (i, grid) in out.iter_mut().enumerate() {
        super::bands::part_headers(grid, before.filter(|_| i == 0));
    }
    let borderless = super::borderless::find(page, &out, before);
    out.extend(borderless);
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

/// Groups rules that touch or cross into connected sets.
fn components(rules: &[Rule]) -> Vec<Vec<Rule>> {
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            if touch(&rules[i], &rules[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, r) in rules.iter().enumerate() {
        groups.entry(root(&mut parent, i)).or_default().push(*r);
    }
    groups.into_values().collect()
}

fn touch(a: &Rule, b: &Rule) -> bool {
    a.x0 <= b.x1 + SNAP
        && b.x0 <= a.x1 + SNAP
        && a.top <= b.bottom + SNAP
        && b.top <= a.bottom + SNAP
}

fn build(page: usize, rules: &[Rule], glyphs: &[Glyph]) -> Option<Grid> {
    let (hs, vs): (Vec<Rule>, Vec<Rule>) = rules.iter().partition(|r| r.is_horizontal());
    let mut xs = cluster(vs.iter().map(|r| (r.x0 + r.x1) / 2.0));
    let mut ys = cluster(hs.iter().map(|r| (r.top + r.bottom) / 2.0));
    // Open sides (no outer border): the other direction's extent closes them.
    let extent = |it: &mut dyn Iterator<Item = (f32, f32)>| {
        it.fold((f32::MAX, f32::MIN), |(lo, hi), (a, b)| {
            (lo.min(a), hi.max(b))
        })
    };
    if !hs.is_empty() {
        let (lo, hi) = extent(&mut hs.iter().map(|r| (r.x0, r.x1)));
        add_bound(&mut xs, lo);
        add_bound(&mut xs, hi);
    }
    if !vs.is_empty() {
        let (lo, hi) = extent(&mut vs.iter().map(|r| (r.top, r.bottom)));
        add_bound(&mut ys, lo);
        add_bound(&mut ys, hi);
    }
    if xs.len() < 2 || ys.len() < 2 || hs.is_empty() {
        return None;
    }
    let (rows, cols) = (ys.len() - 1, xs.len() - 1);
    // per row, its inner borders drawn
    let inner: Vec<usize> = (0..rows)
        .map(|r| {
            (1..cols)
                .filter(|&c| covered(&vs, xs[c], ys[r], ys[r + 1], true))
                .count()
        })
        .collect();
    // a table style that draws the inner borders of some rows only (Word's
    // "Light List": a filled header band, banded rows): a row with none
    // keeps the columns of a row with all, where its text leaves them clear
    let styled = cols > 1 && inner.contains(&(cols - 1));
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        let kept = match styled && inner[r] == 0 {
            true => undrawn_borders(glyphs, &xs, (ys[r], ys[r + 1])),
            false => vec![false; xs.len()],
        };
        for c in 0..cols {
            let id = r * cols + c;
            if c + 1 < cols && !covered(&vs, xs[c + 1], ys[r], ys[r + 1], true) && !kept[c + 1] {
                union(&mut parent, id, id + 1);
            }
            if r + 1 < rows && !covered(&hs, ys[r + 1], xs[c], xs[c + 1], false) {
                union(&mut parent, id, id + cols);
            }
        }
    }
    let cells = cells_of(&mut parent, rows, cols, &xs, &ys);
    Some(Grid {
        page,
        xs,
        ys,
        cells,
        ruled: true,
        ..Default::default()
    })
}

/// Which of the inner borders `xs` a row drawn with none (`top..bottom`)
/// still has: those its text leaves clear, where the text then falls in
/// two parts or more (one part is a title over the row).
fn undrawn_borders(glyphs: &[Glyph], xs: &[f32], band: (f32, f32)) -> Vec<bool> {
    let mut kept: Vec<bool> = (0..xs.len())
        .map(|c| c > 0 && c + 1 < xs.len() && clear_of_text(glyphs, xs[c], band))
        .collect();
    let holds_text = |x0: f32, x1: f32| {
        glyphs.iter().any(|g| {
            let (x, y) = ((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0);
            x > x0 && x < x1 && y > band.0 && y < band.1 && !g.text.trim().is_empty()
        })
    };
    let mut bounds: Vec<usize> = (0..xs.len()).filter(|&c| c == 0 || kept[c]).collect();
    bounds.push(xs.len() - 1);
    let parts = bounds
        .windows(2)
        .filter(|w| holds_text(xs[w[0]], xs[w[1]]))
        .count();
    if parts < 2 {
        kept.iter_mut().for_each(|k| *k = false);
    }
    kept
}

/// Does no text of the band `top..bottom` run across `x`: no glyph
/// straddles it, and on every line the glyphs either side of it are
/// further apart than a space (a cell's padding on both sides)?
fn clear_of_text(glyphs: &[Glyph], x: f32, (top, bottom): (f32, f32)) -> bool {
    let inside = |g: &&Glyph| {
        let y = (g.top + g.bottom) / 2.0;
        y > top && y < bottom && !g.text.trim().is_empty()
    };
    let band: Vec<&Glyph> = glyphs.iter().filter(inside).collect();
    band.iter().all(|a| {
        if a.x0 < x && a.x1 > x {
            return false;
        }
        // the nearest glyph right of x on a's line, when a ends left of it
        let same_line = |b: &&&Glyph| (b.baseline - a.baseline).abs() < 0.3 * a.size;
        a.x1 > x
            || band
                .iter()
                .filter(same_line)
                .filter(|b| b.x0 >= x)
                .all(|b| b.x0 - a.x1 >= 0.5 * a.size)
    })
}

fn add_bound(v: &mut Vec<f32>, x: f32) {
    if v.iter().all(|b| (b - x).abs() > SNAP * 2.0) {
        v.push(x);
        v.sort_by(f32::total_cmp);
    }
}

/// Positions within SNAP of each other become one (their mean).
fn cluster(values: impl Iterator<Item = f32>) -> Vec<f32> {
    let mut v: Vec<f32> = values.collect();
    v.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f32 <= SNAP => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}

/// Is the edge at `pos` from `a` to `b` drawn? (vertical edge when `vertical`)
fn covered(rules: &[Rule], pos: f32, a: f32, b: f32, vertical: bool) -> bool {
    let spans = rules.iter().filter_map(|r| {
        let (center, lo, hi) = if vertical {
            ((r.x0 + r.x1) / 2.0, r.top, r.bottom)
        } else {
            ((r.top + r.bottom) / 2.0, r.x0, r.x1)
        };
        ((center - pos).abs() <= SNAP).then_some((lo, hi))
    });
    covered_length(spans, a, b) >= (b - a) * EDGE_COVER
}

/// How much of `a..b` the spans cover together (overlaps counted once).
pub(crate) fn covered_length(spans: impl Iterator<Item = (f32, f32)>, a: f32, b: f32) -> f32 {
    let mut spans: Vec<(f32, f32)> = spans
        .map(|(lo, hi)| (lo.max(a), hi.min(b)))
        .filter(|(lo, hi)| hi > lo)
        .collect();
    spans.sort_by(|x, y| x.0.total_cmp(&y.0));
    let (mut total, mut reach) = (0.0, a);
    for (lo, hi) in spans {
        let lo = lo.max(reach);
        if hi > lo {
            total += hi - lo;
            reach = hi;
        }
    }
    total
}

fn union(p: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(p, a), find(p, b));
    if ra != rb {
        p[ra.max(rb)] = ra.min(rb);
    }
}

fn find(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

fn cells_of(p: &mut [usize], rows: usize, cols: usize, xs: &[f32], ys: &[f32]) -> Vec<Cell> {
    let mut bounds: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> =
        Default::default();
    for r in 0..rows {
        for c in 0..cols {
            let root = find(p, r * cols + c);
            let b = bounds.entry(root).or_insert((r, c, r, c));
            b.0 = b.0.min(r);
            b.1 = b.1.min(c);
            b.2 = b.2.max(r);
            b.3 = b.3.max(c);
        }
    }
    let mut cells: Vec<Cell> = bounds
        .into_values()
        .map(|(r0, c0, r1, c1)| Cell {
            row: r0,
            col: c0,
            row_span: r1 - r0 + 1,
            col_span: c1 - c0 + 1,
            x0: xs[c0],
            x1: xs[c1 + 1],
            top: ys[r0],
            bottom: ys[r1 + 1],
            lines: Vec::new(),
            padding: 0.0,
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    cells
}

/// Gives each glyph to the cell holding its centre; a cell's glyphs become lines.
fn fill(grids: &mut [Grid], glyphs: &[&Glyph]) {
    for grid in grids.iter_mut() {
        let mut per_cell: Vec<Vec<&Glyph>> = vec![Vec::new(); grid.cells.len()];
        // atomic (row, col) → index of the cell covering it
        let cols = grid.cols();
        let mut owner = vec![usize::MAX; grid.rows() * cols];
        for (i, c) in grid.cells.iter().enumerate() {
            for r in c.row..c.row + c.row_span {
                for k in c.col..c.col + c.col_span {
                    if let Some(o) = owner.get_mut(r * cols + k) {
                        *o = i;
                    }
                }
            }
        }
        for &g in glyphs {
            // A line's trailing space may stick out past the cell's border:
            // it belongs where it starts.
            let cx = if g.text.trim().is_empty() {
                g.x0 + 0.1
            } else {
                (g.x0 + g.x1) / 2.0
            };
            let cy = (g.top + g.bottom) / 2.0;
            if !grid.contains(cx, cy) {
                continue;
            }
            let col = slot(&grid.xs, cx);
            let row = slot(&grid.ys, cy);
            if let Some(&i) = owner.get(row * cols + col).filter(|&&i| i != usize::MAX) {
                per_cell[i].push(g);
            }
        }
        for (cell, gs) in grid.cells.iter_mut().zip(per_cell) {
            cell.lines = layout::cell_lines(&gs);
        }
        let padding = grid
            .cells
            .iter()
            .flat_map(|c| c.lines.iter().map(move |l| l.x0 - c.x0))
            .fold(f32::MAX, f32::min)
            .clamp(0.0, 10.0);
        for cell in &mut grid.cells {
            cell.padding = padding;
        }
    }
}

/// Index of the interval of `bounds` holding `v`.
fn slot(bounds: &[f32], v: f32) -> usize {
    let i = bounds.partition_point(|&b| b <= v);
    i.saturating_sub(1).min(bounds.len().saturating_sub(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::tests::word;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            x0,
            top: y - 0.25,
            x1,
            bottom: y + 0.25,
        }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            x0: x - 0.25,
            top: y0,
            x1: x + 0.25,
            bottom: y1,
        }
    }

    /// Word's "Medium List 2": a rule under the header, one column line after
    /// the TT column, a rule under the table; the header stands above them.
    #[test]
    fn a_body_boxed_alone_in_two_columns_is_read_with_the_header_above_it() {
        let mut glyphs = Vec::new();
        let mut put = |text: &str, x0: f32, baseline: f32| {
            let mut x = x0;
            for w in text.split(' ') {
                glyphs.extend(word(w, x, baseline));
                x += 6.0 * (w.chars().count() + 1) as f32;
            }
        };
        put("TT", 52.0, 95.0);
        put("Nội dung", 100.0, 95.0);
        put("Đơn vị chủ trì", 260.0, 95.0);
        put("Thời hạn", 400.0, 95.0);
        for (k, (task, lead, deadline)) in [
            ("Rà soát văn bản", "Sở Tư pháp", "Quý I/2026"),
            ("Số hóa hồ sơ", "Sở Nội vụ", "Tháng 6/2026"),
        ]
        .iter()
        .enumerate()
        {
            let y = 125.0 + 30.0 * k as f32;
            put(&(k + 1).to_string(), 55.0, y);
            put(task, 100.0, y);
            put(lead, 260.0, y);
            put(deadline, 400.0, y);
        }
        let page = Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            rules: vec![
                h(100.0, 50.0, 500.0),
                h(170.0, 50.0, 500.0),
                v(90.0, 100.0, 170.0),
            ],
            glyphs,
            ..Default::default()
        };
        let found = grids(&page, None);
        let table = found
            .iter()
            .find(|g| g.cols() == 4)
            .expect("a table of 4 columns");
        let first = |r: usize| table.cell_at(r, 0).map(|c| c.text()).unwrap_or_default();
        assert_eq!((first(1), first(2)), ("1".to_string(), "2".to_string()));
    }

    /// 3 columns × 3 rows; row 1 has columns 1–2 merged; column 0 merges rows 1–2.
    fn sample() -> Page {
        let rules = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 100.0, 300.0),
            h(60.0, 0.0, 300.0),
            v(0.0, 0.0, 60.0),
            v(100.0, 0.0, 60.0),
            v(200.0, 0.0, 20.0),
            v(200.0, 40.0, 60.0),
            v(300.0, 0.0, 60.0),
        ];
        Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            rules,
            ..Default::default()
        }
    }

    #[test]
    fn a_column_filled_by_a_whole_syllable_broke_at_a_space() {
        let line = |text: &str, x0: f32, x1: f32| {
            let mut l = crate::layout::tests::line(text, (x0, x1), 10.0);
            l.first_width = 8.0;
            l
        };
        let cell = |a: Line, b: Line| Cell {
            row: 0,
            col: 0,
            row_span: 1,
            col_span: 1,
            x0: 100.0,
            x1: 140.0,
            top: 0.0,
            bottom: 30.0,
            lines: vec![a, b],
            padding: 2.0,
        };
        // "Thường" fills the narrow column; "Thư" cut from "ờng" too
        let wrapped = cell(line("Thường", 102.0, 137.5), line("xuyên", 102.0, 130.0));
        assert_eq!(wrapped.text(), "Thường xuyên");
        let cut = cell(line("Thư", 102.0, 137.5), line("ờng", 102.0, 120.0));
        assert_eq!(cut.text(), "Thường");
        assert!(two_syllables("Thường", "xuyên"));
        assert!(!two_syllables("Thư", "ờng"));
        assert!(!two_syllables("ĐT.784", "mở"));
    }

    #[test]
    fn a_number_cut_at_its_slash_is_one_word() {
        // 13j hj-06: "Theo Kế hoạch số 45" over "/KH-UBND ngày 20/01/2026"
        assert!(cuts_a_number(
            "Theo Kế hoạch số 45",
            "/KH-UBND ngày 20/01/2026"
        ));
        assert!(cuts_a_number("Kế hoạch số 45/", "KH-UBND"));
        assert!(!cuts_a_number("năm 2026", "/ Quý II"));
        assert!(!cuts_a_number("Tháng 5", "tháng 6/2026"));
    }

    #[test]
    fn a_date_cut_by_a_narrow_column_is_one_word() {
        assert!(cuts_a_date("Trước ngày 15/6/202", "6"));
        assert!(cuts_a_date("Trước ngày 15/12/20", "26 và ngày"));
        assert!(!cuts_a_date("Trước ngày 15/6/2026", "6 tháng"));
        assert!(!cuts_a_date("Quý 2", "3"));
        assert!(cuts_a_date("Trước ngày 30/", "11/2026"));
        assert!(cuts_a_date("ngày 30/11/", "2026;"));
        assert!(!cuts_a_date("Quý I/", "2026"));
        assert!(!cuts_a_date("Số 45/", "KH-UBND"));
    }

    #[test]
    fn missing_borders_merge_cells() {
        let g = grids(&sample(), None);
        assert_eq!(g.len(), 1);
        let g = &g[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
        let merged_left = g.cell_at(1, 0).unwrap();
        assert_eq!((merged_left.row_span, merged_left.col_span), (2, 1));
        let merged_wide = g.cell_at(1, 1).unwrap();
        assert_eq!((merged_wide.row_span, merged_wide.col_span), (1, 2));
        assert_eq!(g.cells.len(), 3 + 1 + 1 + 2);
    }

    #[test]
    fn text_goes_to_its_cell() {
        let mut page = sample();
        page.glyphs = vec![
            crate::layout::tests::glyph("x", 150.0, 34.0),
            crate::layout::tests::glyph("y", 10.0, 54.0),
        ];
        let g = &grids(&page, None)[0];
        assert_eq!(g.cell_at(1, 2).unwrap().lines[0].text, "x");
        assert_eq!(g.cell_at(2, 0).unwrap().lines[0].text, "y");
    }

    #[test]
    fn separate_tables_are_separate_grids() {
        let mut page = sample();
        let more: Vec<Rule> = sample()
            .rules
            .iter()
            .map(|r| Rule {
                top: r.top + 200.0,
                bottom: r.bottom + 200.0,
                ..*r
            })
            .collect();
        page.rules.extend(more);
        assert_eq!(grids(&page, None).len(), 2);
    }

    #[test]
    fn a_row_drawn_without_column_lines_keeps_the_columns_its_text_leaves_clear() {
        // Word's "Light List": the header band and every second row have
        // no column line; the rows between have all of them
        let mut rules = vec![h(0.0, 0.0, 300.0), h(20.0, 0.0, 300.0), h(40.0, 0.0, 300.0)];
        rules.extend([h(60.0, 0.0, 300.0), v(0.0, 0.0, 60.0), v(300.0, 0.0, 60.0)]);
        rules.extend([v(100.0, 20.0, 40.0), v(200.0, 20.0, 40.0)]);
        let mut page = Page {
            number: 1,
            width: 600.0,
            height: 800.0,
            rules,
            ..sample()
        };
        // header: a label per column; row 2: a title running over the row
        for (text, x) in [("TT", 10.0), ("Task", 110.0), ("Lead", 210.0)] {
            page.glyphs.extend(word(text, x, 14.0));
        }
        page.glyphs.extend(word("ab", 10.0, 34.0));
        page.glyphs.extend(word("Title over the row", 20.0, 54.0));
        let g = &grids(&page, None)[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
        assert_eq!(
            g.cell_at(0, 1).unwrap().col_span,
            1,
            "header kept its columns"
        );
        assert_eq!(g.cell_at(0, 2).unwrap().lines[0].text, "Lead");
        // its "e" straddles the border at 100: one cell
        assert_eq!(g.cell_at(2, 0).unwrap().col_span, 3, "a title stays merged");
    }
}
