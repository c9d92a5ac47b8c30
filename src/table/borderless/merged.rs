//! Cells merged down several rows of a table drawn without rules between
//! them (a "Mục tiêu" shared by the tasks under it): nothing draws the
//! merge, so its text falls into the rows beside it, a part in each.

use super::rows::CellSpec;

/// Merges a column's cells where the text of one runs on into the next
/// row's (see [`runs_into`]), in the `columns` that may hold a merged cell.
/// The merged cell then spans the empty cells around it that centre it
/// best where the table's cells are `centred` vertically (its text stands
/// in the middle of its rows), else the empty cells under it (its text
/// stands in its first rows). Section rows and the header (`sections`)
/// bound it. `extents`: each atomic row's top and bottom.
pub(super) fn runs_on(
    specs: &mut Vec<CellSpec>,
    extents: &[(f32, f32)],
    (sections, centred): (&[usize], bool),
    columns: &[bool],
) {
    for c in (0..columns.len()).filter(|&c| columns[c]) {
        let mut merged = Vec::new();
        let mut r = 0;
        while r < extents.len() {
            let Some(a) = at(specs, r, c) else {
                r += 1;
                continue;
            };
            let next = specs[a].0 + specs[a].2;
            let bounds = |r: usize| sections.contains(&r);
            match at(specs, next, c).filter(|&b| {
                !bounds(r) && !bounds(next) && runs_into(&specs[a], &specs[b], centred)
            }) {
                Some(b) => {
                    let a = join(specs, a, b);
                    if !merged.contains(&specs[a].0) {
                        merged.push(specs[a].0);
                    }
                }
                None => r = next.max(r + 1),
            }
        }
        // a cell of its own row whose text stands low in it, over empty
        // cells below, is centred on more rows (text set at a cell's top
        // never does)
        let low: Vec<usize> = (0..extents.len())
            .filter(|r| !merged.contains(r))
            .filter(|&r| at(specs, r, c).is_some_and(|i| stands_low(&specs[i], extents)))
            .collect();
        // in a centred table, a cell of one row between empty ones stands
        // in the middle of them all
        let lone: Vec<usize> = (0..extents.len())
            .filter(|r| centred && !merged.contains(r) && !low.contains(r))
            .filter(|&r| at(specs, r, c).is_some_and(|i| specs[i].2 == 1 && !specs[i].4.is_empty()))
            .collect();
        let rows = extents.len();
        for row in merged {
            match centred {
                true => centre(specs, extents, sections, row, c, true),
                // cells set at their top: a merged cell's text stands in its
                // first rows, whatever rows it spans
                false => {
                    let (_, down) = empty_around(specs, sections, rows, row, c);
                    spread(specs, row, c, (0, down));
                }
            }
        }
        for row in low {
            centre(specs, extents, sections, row, c, false);
        }
        for row in lone {
            let (up, down) = empty_around(specs, sections, rows, row, c);
            let n = up.min(down);
            spread(specs, row, c, (n, n));
        }
    }
}

/// Joins cell `b` to the cell `a` above it (its rows and its lines): the
/// index of the joined cell.
pub(super) fn join(specs: &mut Vec<CellSpec>, a: usize, b: usize) -> usize {
    let (_, _, rows, _, lines) = specs.remove(b);
    let a = if b < a { a - 1 } else { a };
    specs[a].2 += rows;
    specs[a].4.extend(lines);
    a
}

/// The spec of a single-column cell in column `c` that ends right above
/// `row`.
pub(super) fn above(specs: &[CellSpec], row: usize, c: usize) -> Option<usize> {
    specs
        .iter()
        .position(|s| s.1 == c && s.3 == 1 && s.0 + s.2 == row)
}

/// The spec of a single-column cell that starts at `row` in column `c`.
pub(super) fn at(specs: &[CellSpec], row: usize, c: usize) -> Option<usize> {
    specs
        .iter()
        .position(|s| s.0 == row && s.1 == c && s.3 == 1)
}

/// Does the text of `a` run on into `b`: `b` opens in lower case right
/// under `a`'s last line, or in a table of centred cells a line of other
/// cells' text between (laid-out text interleaves their lines)?
fn runs_into(a: &CellSpec, b: &CellSpec, centred: bool) -> bool {
    let gap = if centred { 1.5 } else { 0.8 };
    let (Some(last), Some(first)) = (a.4.last(), b.4.first()) else {
        return false;
    };
    let lower = first.text.chars().next().is_some_and(char::is_lowercase);
    // (a list in one cell goes on after ";")
    let ended = last.text.trim_end().ends_with(['.', ':']);
    // a quantity after the word that asks for it ("… tiền mặt đạt" over
    // "80% giao dịch"); a new objective may open with one ("100% hợp tác
    // xã") after any other word
    let quantity = first.text.starts_with(|c: char| c.is_ascii_digit())
        && last
            .text
            .split_whitespace()
            .last()
            .is_some_and(|w| QUANTITY_BEFORE.contains(&crate::text::fold(w).as_str()));
    // a name's last word wrapped alone ("… chè Thái" over "Nguyên"): no
    // objective is one word
    let lone_word = b.4.len() == 1 && first.text.split_whitespace().count() == 1;
    (lower || quantity || lone_word) && !ended && first.top - last.bottom < gap * last.size
}

/// Words a quantity follows, folded: "đạt 80%", "trên 90%", "giảm 10%".
const QUANTITY_BEFORE: &[&str] = &[
    "dat", "tren", "duoi", "len", "xuong", "khoang", "nhat", "thieu", "tang", "giam", "con",
];

/// Does a one-row cell's text stand lower in its row than the middle, by
/// more than half a line?
fn stands_low(cell: &CellSpec, extents: &[(f32, f32)]) -> bool {
    let (Some(first), Some(last)) = (cell.4.first(), cell.4.last()) else {
        return false;
    };
    let Some(&(top, bottom)) = extents.get(cell.0).filter(|_| cell.2 == 1) else {
        return false;
    };
    (first.top + last.bottom) / 2.0 - (top + bottom) / 2.0 > 0.5 * first.size
}

/// Spreads the merged cell starting at `row` over the empty cells below
/// it, and above it when `up`, that bring the middle of its rows nearest
/// the middle of its text.
fn centre(
    specs: &mut Vec<CellSpec>,
    extents: &[(f32, f32)],
    sections: &[usize],
    row: usize,
    c: usize,
    up: bool,
) {
    let Some(i) = at(specs, row, c) else {
        return;
    };
    let (Some(first), Some(last)) = (specs[i].4.first(), specs[i].4.last()) else {
        return;
    };
    let middle = (first.top + last.bottom) / 2.0;
    let (r0, r1) = (row, row + specs[i].2 - 1);
    let (ups, downs) = empty_around(specs, sections, extents.len(), row, c);
    let ups = if up { ups } else { 0 };
    let off = |u: usize, d: usize| {
        let span = (extents[r0 - u].0 + extents[r1 + d].1) / 2.0;
        (span - middle).abs()
    };
    let mut best = (0, 0);
    for u in 0..=ups {
        for d in 0..=downs {
            if off(u, d) < off(best.0, best.1) - 0.5 {
                best = (u, d);
            }
        }
    }
    spread(specs, row, c, best);
}

/// How many empty one-row cells of column `c` stand right above and right
/// below the cell starting at `row` (section rows bound them; `rows`: the
/// table's).
fn empty_around(
    specs: &[CellSpec],
    sections: &[usize],
    rows: usize,
    row: usize,
    c: usize,
) -> (usize, usize) {
    let Some(i) = at(specs, row, c) else {
        return (0, 0);
    };
    let last = row + specs[i].2 - 1;
    let empty = |r: usize| {
        !sections.contains(&r)
            && at(specs, r, c).is_some_and(|k| specs[k].4.is_empty() && specs[k].2 == 1)
    };
    let up = (1..=row).take_while(|&k| empty(row - k)).count();
    let down = (last + 1..rows).take_while(|&r| empty(r)).count();
    (up, down)
}

/// Spreads the cell starting at `row` over the `up` empty cells above it
/// and the `down` below it.
fn spread(specs: &mut Vec<CellSpec>, row: usize, c: usize, (up, down): (usize, usize)) {
    let Some(i) = at(specs, row, c) else {
        return;
    };
    let last = row + specs[i].2 - 1;
    for r in (row - up..row).chain(last + 1..=last + down) {
        if let Some(k) = at(specs, r, c) {
            specs.remove(k);
        }
    }
    if let Some(i) = at(specs, row, c) {
        specs[i].0 = row - up;
        specs[i].2 += up + down;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::tests::line;

    /// A cell of column 0 on `row` with lines on the given baselines.
    fn cell(row: usize, lines: &[(&str, f32)]) -> CellSpec {
        let lines = lines
            .iter()
            .map(|&(t, y)| line(t, (0.0, 80.0), y))
            .collect();
        (row, 0, 1, 1, lines)
    }

    /// A tall row 0 and two short ones: a merged objective's text, centred
    /// on the three rows, falls into rows 0 and 1.
    #[test]
    fn a_cell_running_on_in_lower_case_is_merged_over_the_rows_it_centres_on() {
        let extents = [(0.0, 58.0), (60.0, 82.0), (84.0, 106.0)];
        let mut specs = vec![
            cell(0, &[("Kiểm soát chặt chẽ", 46.0), ("các nguồn thải", 58.0)]),
            cell(1, &[("lớn đạt chuẩn", 70.0)]),
            cell(2, &[]),
        ];
        runs_on(&mut specs, &extents, (&[], false), &[true]);
        assert_eq!(specs.len(), 1);
        assert_eq!((specs[0].0, specs[0].2), (0, 3));
        assert_eq!(specs[0].4.len(), 3);
    }

    #[test]
    fn a_cell_opening_with_a_capital_or_after_a_section_stays_its_own() {
        let extents = [(0.0, 34.0), (36.0, 70.0), (72.0, 106.0)];
        let mut specs = vec![
            cell(0, &[("Kiểm soát chặt chẽ", 22.0), ("các nguồn thải", 34.0)]),
            cell(1, &[("Tỷ lệ chất thải", 46.0)]),
            cell(2, &[("được thu gom", 82.0)]),
        ];
        runs_on(&mut specs, &extents, (&[2], false), &[true]);
        assert_eq!(specs.len(), 3);
        // a column that holds units is left alone
        let mut units = vec![
            cell(0, &[("Sở Nội vụ", 34.0)]),
            cell(1, &[("các sở, ngành", 46.0)]),
        ];
        runs_on(&mut units, &extents, (&[], false), &[false]);
        assert_eq!(units.len(), 2);
    }

    /// Cells set at their top: a merged objective's text in its first rows
    /// spans the empty cells under it; a quantity goes on after "đạt", a
    /// new objective opens with one after any other word.
    #[test]
    fn a_top_set_merged_cell_spans_the_empty_cells_under_it() {
        let extents = [(0.0, 34.0), (36.0, 70.0), (72.0, 106.0), (108.0, 130.0)];
        let mut specs = vec![
            cell(
                0,
                &[("Thanh toán không", 22.0), ("dùng tiền mặt đạt", 34.0)],
            ),
            cell(1, &[("80% giao dịch tại các chợ", 46.0)]),
            cell(2, &[]),
            cell(3, &[("100% hợp tác xã", 120.0)]),
        ];
        runs_on(&mut specs, &extents, (&[], false), &[true]);
        assert_eq!(specs.len(), 2);
        assert_eq!((specs[0].0, specs[0].2), (0, 3));
        let mut apart = vec![
            cell(
                0,
                &[
                    ("Nâng tỷ lệ hợp tác xã", 22.0),
                    ("bán hàng trực tuyến", 34.0),
                ],
            ),
            cell(1, &[("80% giao dịch", 46.0)]),
        ];
        runs_on(&mut apart, &extents, (&[], false), &[true]);
        assert_eq!(apart.len(), 2);
        // a name's last word alone goes on
        let mut name = vec![
            cell(0, &[("Nâng cao thương hiệu", 22.0), ("chè Thái", 34.0)]),
            cell(1, &[("Nguyên", 46.0)]),
        ];
        runs_on(&mut name, &extents, (&[], false), &[true]);
        assert_eq!(name.len(), 1);
    }

    /// Cells centred: an objective standing in one row between empty ones
    /// spans as many above as below.
    #[test]
    fn a_centred_cell_between_empty_ones_spans_them_evenly() {
        let extents = [(0.0, 34.0), (36.0, 70.0), (72.0, 106.0), (108.0, 130.0)];
        let mut specs = vec![
            cell(0, &[]),
            cell(
                1,
                &[("Phát triển du lịch", 46.0), ("gắn với vùng chè", 58.0)],
            ),
            cell(2, &[]),
            cell(3, &[]),
        ];
        runs_on(&mut specs, &extents, (&[], true), &[true]);
        assert_eq!(specs.len(), 2);
        assert_eq!((specs[0].0, specs[0].2), (0, 3));
        // the same cell in a table set at the top stays its own
        let mut top = vec![
            cell(0, &[]),
            cell(1, &[("Phát triển du lịch", 46.0)]),
            cell(2, &[]),
        ];
        runs_on(&mut top, &extents, (&[], false), &[true]);
        assert_eq!(top.len(), 3);
    }
}
