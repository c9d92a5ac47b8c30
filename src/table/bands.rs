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

/// A cheap look at the band's first cell before its words are read again:
/// two TT entries down it, or one under other lines overleaf (a first cell
/// spanning the columns holds them all, and is looked at closely).
fn may_hold_rows(grid: &Grid, band: usize, overleaf: bool) -> bool {
    let Some(cell) = grid.cell_at(band, 0) else {
        return false;
    };
    let entries = cell.lines.iter().filter(|l| is_tt(&l.text)).count();
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
