//! Column borders: where each page's columns part, refitted per row, and a
//! line cut at them.

use super::Chars;
use super::words::{Word, section_label, words};
use crate::text::normalize;

/// Column borders of a page: within each range, the character column where
/// most words start (cells are left-aligned), best after a wide gap, and
/// fewest words are cut.
pub(super) fn borders(lines: &[&Chars], ranges: &[(usize, usize)]) -> Vec<usize> {
    let rows: Vec<(usize, Word)> = lines
        .iter()
        .filter(|l| section_label(l).is_none())
        .flat_map(|l| {
            let ws = words(l);
            let gaps: Vec<usize> = std::iter::once(usize::MAX)
                .chain(ws.windows(2).map(|p| p[1].from - p[0].to))
                .collect();
            gaps.into_iter().zip(ws)
        })
        .collect();
    let score = |x: usize| -> i64 {
        rows.iter()
            .map(|(gap, w)| match () {
                _ if w.from == x && *gap > 1 => 2,
                _ if w.from == x => 1,
                _ if w.cut_by(x) => -6,
                _ => 0,
            })
            .sum()
    };
    let mut out: Vec<usize> = Vec::new();
    for &(lo, hi) in ranges {
        let lo = lo.max(out.last().map_or(0, |b| b + 1));
        out.push(best_in(lo, hi, score).unwrap_or(lo));
    }
    out
}

/// The column in `lo..=hi` (at least `lo`) with the best score; of equals,
/// the leftmost.
fn best_in(lo: usize, hi: usize, score: impl Fn(usize) -> i64) -> Option<usize> {
    (lo..=hi.max(lo))
        .map(|x| (score(x), std::cmp::Reverse(x)))
        .max()
        .map(|(_, std::cmp::Reverse(x))| x)
}

/// Where the borders of a page without a header may lie: the previous
/// page's borders, moved with the left margin, each free to move half-way
/// to its neighbours.
pub(super) fn carried_ranges(
    prev: &[usize],
    prev_lines: &[&Chars],
    lines: &[&Chars],
) -> Vec<(usize, usize)> {
    let margin = |ls: &[&Chars]| {
        ls.iter()
            .filter_map(|l| l.iter().position(|c| *c != ' '))
            .min()
            .unwrap_or(0) as isize
    };
    let shift = margin(lines) - margin(prev_lines);
    let moved: Vec<usize> = prev
        .iter()
        .map(|&b| (b as isize + shift).max(1) as usize)
        .collect();
    (0..moved.len())
        .map(|i| {
            let before = if i == 0 { 0 } else { moved[i - 1] };
            let after = moved.get(i + 1).copied().unwrap_or(moved[i] * 2);
            ((before + moved[i]) / 2 + 1, (moved[i] + after) / 2)
        })
        .collect()
}

/// A line's text per column: each word goes to the column it starts in,
/// or, when a border cuts it, to the side holding more of it.
pub(super) fn cells_of(line: &[char], borders: &[usize]) -> Vec<String> {
    let mut cells = vec![String::new(); borders.len() + 1];
    for w in words(line) {
        let col = borders
            .iter()
            .filter(|&&b| b <= w.from || (b < w.to && w.to - b > b - w.from))
            .count();
        let cell = &mut cells[col];
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(&w.text);
    }
    cells.iter().map(|c| normalize(c)).collect()
}

/// The page's borders refitted to one row's lines: a border that cuts a
/// word of the row may move up to three columns to where the row's words
/// start, at a small cost per move.
pub(super) fn fitted(lines: &[&Chars], page: &[usize]) -> Vec<usize> {
    let ws: Vec<Word> = lines.iter().flat_map(|l| words(l)).collect();
    let score = |x: usize, b: usize| -> i64 {
        let fit: i64 = ws
            .iter()
            .map(|w| match () {
                _ if w.from == x => 4,
                _ if w.cut_by(x) => -12,
                _ => 0,
            })
            .sum();
        fit - x.abs_diff(b) as i64
    };
    let mut out: Vec<usize> = Vec::new();
    for &b in page {
        if !ws.iter().any(|w| w.cut_by(b)) {
            out.push(b);
            continue;
        }
        let lo = b.saturating_sub(3).max(out.last().map_or(0, |p| p + 1));
        out.push(best_in(lo, b + 3, |x| score(x, b)).unwrap_or(b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::textin::columns::chars;

    #[test]
    fn borders_sit_where_cells_start_even_when_columns_touch() {
        let lines = [
            chars("1    Rà soát, đánh Phòng Kế    Quý I"),
            chars("     giá việc thực hoạch"),
            chars("2    Tổ chức tập   Văn phòng   Tháng 6"),
        ];
        let refs: Vec<&Chars> = lines.iter().collect();
        let b = borders(&refs, &[(1, 6), (10, 20), (21, 32)]);
        assert_eq!(b, [5, 19, 31]);
        assert_eq!(
            cells_of(&lines[0], &b),
            ["1", "Rà soát, đánh", "Phòng Kế", "Quý I"]
        );
    }

    #[test]
    fn a_cut_word_goes_to_the_side_holding_more_of_it() {
        // "Trung" (4..9) is cut at 6: three of its five letters are right
        assert_eq!(cells_of(&chars("Sở  Trung"), &[6]), ["Sở", "Trung"]);
        assert_eq!(cells_of(&chars("Sở  Trung"), &[8]), ["Sở Trung", ""]);
        // a bullet goes with its word
        assert_eq!(cells_of(&chars("số - Sở Tài"), &[4]), ["số", "- Sở Tài"]);
    }
}
