//! Ruled grids drawn with column lines only, or with lines in the header
//! alone (a body parted by shading): a band between two rules that holds
//! several rows is cut into them by the borderless reconstructor's row
//! reading, under the grid's own columns, so there is one reader of rows
//! without rules.

use super::borderless;
use super::grid::Grid;
use crate::pdf::Page;

/// Cuts each band of the page's ruled grids that holds several rows.
pub fn split(grids: &mut [Grid], page: &Page) {
    for grid in grids.iter_mut().filter(|g| g.ruled) {
        let heads = header_rows(grid);
        // from the bottom, so the bands above keep their index
        for band in (heads..grid.rows()).rev() {
            // a body of one band at the top of a later page: lines before
            // its first TT may end the row the page break cut
            let overleaf = page.number > 1 && band == heads && grid.rows() == heads + 1;
            if !may_hold_rows(grid, band, overleaf) || !holds_rows(grid, band) {
                continue;
            }
            let headers = header_texts(grid, heads);
            if let Some(rows) = borderless::rows_in_band(page, grid, band, headers, overleaf) {
                splice(grid, band, rows);
            }
        }
    }
}

/// Header rows drawn with no rule under them (a shaded band only, as
/// reportlab draws a table whose row it split across the page break):
/// the band holds the header and the row under it. The grid's first row
/// is parted where its TT label ("TT") has a TT entry ("1") under it; a
/// later row, or the first one overleaf, where each of its cells reads the
/// header (this grid's, or `before`'s) and goes on: the header printed
/// again above a row the page break cut. The lines after the header
/// overleaf end the cut row.
pub fn part_headers(grid: &mut Grid, before: Option<&Grid>) {
    if !grid.ruled {
        return;
    }
    let overleaf = before.filter(|b| b.ruled && b.cols() == grid.cols());
    // the header's rows there: up to the first TT entry, which may be under
    // a section row ("A | NHIỆM VỤ …")
    let repeated = overleaf.and_then(|b| {
        (1..=header_rows(b)).find_map(|n| header_parts(grid, 0, &header_texts(b, n)))
    });
    if let Some(parts) = repeated
        && part_row(grid, 0, &parts)
    {
        grid.ends_cut_row = true;
    } else if let Some(parts) = entry_under_label(grid) {
        part_row(grid, 0, &parts);
    }
    let own = header_texts(grid, 1);
    for r in (1..grid.rows()).rev() {
        if let Some(parts) = header_parts(grid, r, &own) {
            part_row(grid, r, &parts);
        }
    }
}

/// Per column, how many of row `r`'s first lines read `heads`; none unless
/// every cell does and some cell goes on.
fn header_parts(grid: &Grid, r: usize, heads: &[String]) -> Option<Vec<usize>> {
    if heads.len() != grid.cols() || !holds_rows(grid, r) {
        return None;
    }
    let parts = (0..grid.cols())
        .map(|c| header_lines(&grid.cell_at(r, c)?.lines, &heads[c]))
        .collect::<Option<Vec<usize>>>()?;
    let more =
        (0..grid.cols()).any(|c| grid.cell_at(r, c).is_some_and(|x| x.lines.len() > parts[c]));
    more.then_some(parts)
}

/// The first row's cells cut above the first line of its TT column that is
/// a TT entry under a label: per column, how many lines stand above it.
fn entry_under_label(grid: &Grid) -> Option<Vec<usize>> {
    if !holds_rows(grid, 0) {
        return None;
    }
    let first = grid.cell_at(0, 0)?;
    // a TT entry, or a part's letter ("A | NHIỆM VỤ …"), under the whole
    // label (a narrow column may print "STT" a letter a line)
    let letter = |t: &str| t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase());
    let k = (1..first.lines.len()).find(|&k| {
        let t = first.lines[k].text.trim();
        (is_tt(t) || letter(t)) && is_tt_label(&first.lines[..k])
    })?;
    let entry = &first.lines[k];
    let cut = entry.top - 0.25 * entry.size;
    (0..grid.cols())
        .map(|c| {
            let lines = &grid.cell_at(0, c)?.lines;
            Some(lines.iter().take_while(|l| l.top < cut).count())
        })
        .collect()
}

/// "TT", "STT", "Số TT", on one line or more.
fn is_tt_label(lines: &[crate::layout::Line]) -> bool {
    let joined: String = lines.iter().map(|l| crate::text::fold(&l.text)).collect();
    let squeezed: String = joined.chars().filter(|c| c.is_alphanumeric()).collect();
    matches!(squeezed.as_str(), "tt" | "stt" | "sott")
}

/// Parts row `r` into two after `parts[c]` lines of each column's cell,
/// where no line of the upper part reaches below a line of the lower one.
fn part_row(grid: &mut Grid, r: usize, parts: &[usize]) -> bool {
    let cells: Vec<super::grid::Cell> = (0..grid.cols())
        .filter_map(|c| grid.cell_at(r, c).cloned())
        .collect();
    if cells.len() != parts.len() {
        return false;
    }
    let upper_bottom = cells
        .iter()
        .zip(parts)
        .filter_map(|(c, &k)| c.lines[..k].last().map(|l| l.bottom))
        .fold(f32::MIN, f32::max);
    let lower_top = cells
        .iter()
        .zip(parts)
        .filter_map(|(c, &k)| c.lines.get(k).map(|l| l.top))
        .fold(f32::MAX, f32::min);
    if upper_bottom == f32::MIN || lower_top == f32::MAX || lower_top < upper_bottom {
        return false;
    }
    let y = (upper_bottom + lower_top) / 2.0;
    let mut halves = Grid {
        page: grid.page,
        xs: grid.xs.clone(),
        ys: vec![grid.ys[r], y, grid.ys[r + 1]],
        cells: cells
            .iter()
            .zip(parts)
            .flat_map(|(cell, &k)| {
                let (upper, lower) = cell.lines.split_at(k);
                let part = |row: usize, lines: &[crate::layout::Line]| super::grid::Cell {
                    row,
                    col: cell.col,
                    lines: lines.to_vec(),
                    ..cell.clone()
                };
                [part(0, upper), part(1, lower)]
            })
            .collect(),
        ..Grid::default()
    };
    halves.cells.sort_by_key(|c| (c.row, c.col));
    join_cut_text(&mut halves);
    splice(grid, r, halves);
    true
}

/// In the lower half of a parted row, a line the header's column lines cut
/// ("… CẤP TỈN" | "H": a title spanning the columns, drawn with no line of
/// its own) is one cell again.
fn join_cut_text(halves: &mut Grid) {
    let mut c = 0;
    while c + 1 < halves.cols() {
        let (Some(a), Some(b)) = (lower(halves, c), lower(halves, c + 1)) else {
            c += 1;
            continue;
        };
        let (la, lb) = (&halves.cells[a].lines, &halves.cells[b].lines);
        let runs_on = la.len() == 1
            && lb.len() == 1
            && (la[0].baseline - lb[0].baseline).abs() < 0.3 * la[0].size
            && lb[0].x0 - la[0].x1 < 0.5 * la[0].size;
        if !runs_on {
            c += 1;
            continue;
        }
        let glued = lb[0].x0 - la[0].x1 < 0.15 * la[0].size;
        let right = halves.cells.remove(b);
        let left = &mut halves.cells[a];
        let line = &mut left.lines[0];
        line.text = format!(
            "{}{}{}",
            line.text,
            if glued { "" } else { " " },
            right.lines[0].text
        );
        line.x1 = right.lines[0].x1;
        left.col_span += right.col_span;
        left.x1 = right.x1;
        // a title spans on over the empty cells after it
        let next = a + 1;
        while halves
            .cells
            .get(next)
            .is_some_and(|x| x.row == 1 && x.lines.is_empty())
        {
            let empty = halves.cells.remove(next);
            halves.cells[a].col_span += empty.col_span;
            halves.cells[a].x1 = empty.x1;
        }
    }
}

/// The index of the lower half's cell that starts in column `c`.
fn lower(halves: &Grid, c: usize) -> Option<usize> {
    halves.cells.iter().position(|x| x.row == 1 && x.col == c)
}

/// How many of a cell's first lines read `head` (folded, spaces aside).
fn header_lines(lines: &[crate::layout::Line], head: &str) -> Option<usize> {
    let squeeze = |s: &str| crate::text::fold(s).replace(char::is_whitespace, "");
    let want = squeeze(head);
    let mut got = String::new();
    for (k, line) in lines.iter().enumerate() {
        if got == want {
            return Some(k);
        }
        got.push_str(&squeeze(&line.text));
        if !want.starts_with(&got) {
            return None;
        }
    }
    (got == want).then_some(lines.len())
}

/// "1", "2.", "1.1", "IV": a TT entry alone on its line.
fn is_tt(text: &str) -> bool {
    borderless::is_number_or_roman(text.trim())
}

/// The header's rows: those above the first whose first cell opens with a
/// TT entry (at least one).
fn header_rows(grid: &Grid) -> usize {
    (1..grid.rows())
        .find(|&r| {
            grid.cell_at(r, 0)
                .filter(|c| c.row == r)
                .and_then(|c| c.lines.first())
                .is_some_and(|l| is_tt(&l.text))
        })
        .unwrap_or(1)
}

/// Each column's header text, its header cells' texts joined.
fn header_texts(grid: &Grid, heads: usize) -> Vec<String> {
    (0..grid.cols())
        .map(|c| {
            let mut seen: Vec<(usize, usize)> = Vec::new();
            let mut parts: Vec<String> = Vec::new();
            for r in 0..heads {
                if let Some(cell) = grid.cell_at(r, c)
                    && !seen.contains(&(cell.row, cell.col))
                {
                    seen.push((cell.row, cell.col));
                    parts.push(cell.text());
                }
            }
            parts.join(" ").trim().to_string()
        })
        .collect()
}

/// TT entries down the first cell of row `band`, each alone on its line.
pub fn tt_entries(grid: &Grid, band: usize) -> usize {
    grid.cell_at(band, 0)
        .map_or(0, |c| c.lines.iter().filter(|l| is_tt(&l.text)).count())
}

/// A cheap look at the band's first cell before its words are read again:
/// two TT entries down it, or one under other lines overleaf (a first cell
/// spanning the columns holds them all, and is looked at closely).
fn may_hold_rows(grid: &Grid, band: usize, overleaf: bool) -> bool {
    let Some(cell) = grid.cell_at(band, 0) else {
        return false;
    };
    let entries = tt_entries(grid, band);
    // the band's text opens with its TT entry: no line of another cell
    // stands above it (a row the page break cut ends above it)
    let first = |c: &super::grid::Cell| c.lines.first().map(|l| l.baseline);
    let top = (0..grid.cols())
        .filter_map(|c| grid.cell_at(band, c).and_then(first))
        .fold(f32::MAX, f32::min);
    let opens = cell
        .lines
        .first()
        .is_some_and(|l| is_tt(&l.text) && l.baseline <= top + 0.5 * l.size);
    cell.col_span > 1 || entries >= 2 || overleaf && entries == 1 && !opens
}

/// Can the band be cut into rows: does no cell run into the bands beside
/// it? (A cell may span columns: a body drawn without column lines is one
/// cell, its columns those of the header.)
fn holds_rows(grid: &Grid, band: usize) -> bool {
    (0..grid.cols()).all(|c| {
        grid.cell_at(band, c)
            .is_some_and(|cell| cell.row == band && cell.row_span == 1)
    })
}

/// Puts the band's rows in place of the band.
fn splice(grid: &mut Grid, band: usize, rows: Grid) {
    let more = rows.rows() - 1;
    let padding = grid.cells.first().map_or(0.0, |c| c.padding);
    let mut ys = grid.ys[..=band].to_vec();
    ys.extend_from_slice(&rows.ys[1..rows.rows()]);
    ys.extend_from_slice(&grid.ys[band + 1..]);
    grid.cells.retain(|c| c.row != band);
    for c in grid.cells.iter_mut().filter(|c| c.row > band) {
        c.row += more;
    }
    for mut c in rows.cells {
        c.row += band;
        c.x0 = grid.xs[c.col];
        c.x1 = grid.xs[c.col + c.col_span];
        c.padding = padding;
        grid.cells.push(c);
    }
    for c in &mut grid.cells {
        c.top = ys[c.row];
        c.bottom = ys[c.row + c.row_span];
    }
    grid.cells.sort_by_key(|c| (c.row, c.col));
    grid.ys = ys;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::tests::line;

    #[test]
    fn a_cell_reads_the_header_in_its_first_lines_whatever_the_breaks() {
        let lines = [
            line("Đơn vị", (0.0, 40.0), 10.0),
            line("chủ trì", (0.0, 40.0), 24.0),
            line("Sở Nội vụ", (0.0, 50.0), 40.0),
        ];
        assert_eq!(header_lines(&lines, "Đơn vị chủ trì"), Some(2));
        assert_eq!(header_lines(&lines[..2], "Đơn vị chủ trì"), Some(2));
        // a shorter header is read in the first line alone
        assert_eq!(header_lines(&lines, "Đơn vị"), Some(1));
        assert_eq!(header_lines(&lines, "Đơn vị phối hợp"), None);
        assert_eq!(header_lines(&lines[2..], "Thời hạn"), None);
    }
}
