//! Column borders: where a page's columns part, refitted to each row, and
//! which column each word of a line goes to.

use super::{Settings, TextRow, Word};

/// Candidate places for a border in `lo..=hi`: the ends of the range, and
/// where words start or have just ended (where the score can change).
fn candidates<'w>(
    lo: f32,
    hi: f32,
    words: impl Iterator<Item = &'w Word>,
) -> impl Iterator<Item = f32> {
    let mut xs = vec![lo, hi];
    for w in words {
        xs.push(w.x0);
        xs.push(w.x1 + 0.01);
    }
    xs.retain(|x| (lo..=hi).contains(x));
    xs.sort_by(f32::total_cmp);
    xs.dedup();
    xs.into_iter()
}

/// The place with the best score; of equals, the one nearest `near`
/// (where the page before put the border), else the leftmost.
fn best(
    xs: impl Iterator<Item = f32>,
    score: impl Fn(f32) -> f32,
    near: Option<f32>,
) -> Option<f32> {
    let mut top: Option<(f32, f32)> = None;
    for x in xs {
        let v = score(x);
        let nearer = |t: f32| near.is_some_and(|n| (x - n).abs() < (t - n).abs());
        if top.is_none_or(|(b, t)| v > b + 1e-3 || (v > b - 1e-3 && nearer(t))) {
            top = Some((v, x));
        }
    }
    top.map(|(_, x)| x)
}

/// Does a border at `x` cut the word? A word starting within `snap` left
/// of it starts there.
pub(super) fn cuts(w: &Word, x: f32, snap: f32) -> bool {
    w.x0 < x - snap && x < w.x1 - 0.01
}

/// The words' edges, sorted: what a border at one place starts and cuts
/// is counted by binary search, not by going over every word (a row of
/// thousands of lines has thousands of candidate places).
struct Edges {
    /// Starts after a wide gap (or a line's start), and the others.
    wide: Vec<f32>,
    narrow: Vec<f32>,
    ends: Vec<f32>,
    /// (x0, x1) by x0.
    by_start: Vec<(f32, f32)>,
}

impl Edges {
    fn new<'w>(words: impl Iterator<Item = (bool, &'w Word)>) -> Edges {
        let mut e = Edges {
            wide: Vec::new(),
            narrow: Vec::new(),
            ends: Vec::new(),
            by_start: Vec::new(),
        };
        for (wide, w) in words {
            match wide {
                true => e.wide.push(w.x0),
                false => e.narrow.push(w.x0),
            }
            e.ends.push(w.x1);
            e.by_start.push((w.x0, w.x1));
        }
        for v in [&mut e.wide, &mut e.narrow, &mut e.ends] {
            v.sort_by(f32::total_cmp);
        }
        e.by_start.sort_by(|a, b| a.0.total_cmp(&b.0));
        e
    }

    /// Starts within `snap` of `x`: (after a wide gap, others).
    fn starts_at(&self, x: f32, snap: f32) -> (usize, usize) {
        let within = |v: &[f32]| below(v, x + snap, true) - below(v, x - snap, false);
        (within(&self.wide), within(&self.narrow))
    }

    /// Words a border at `x` cuts (see [`cuts`]): started before `x -
    /// snap`, ending after `x`.
    fn cut_at(&self, x: f32, snap: f32) -> usize {
        let (a, b) = (x - snap, x + 0.01);
        let started = self.by_start.partition_point(|w| w.0 < a);
        let ended = below(&self.ends, b, true);
        // words that ended by b without starting before a lie in a..=b
        let inside = self.by_start[started..]
            .iter()
            .take_while(|w| w.0 <= b)
            .filter(|w| w.1 <= b)
            .count();
        started.saturating_sub(ended.saturating_sub(inside))
    }
}

/// How many of the sorted values are below `v` (or at it, `inclusive`).
fn below(sorted: &[f32], v: f32, inclusive: bool) -> usize {
    sorted.partition_point(|&x| x < v || (inclusive && x == v))
}

/// Weight of the previous page's border, in word starts after a gap: a
/// few lines overleaf cannot place a border the page before placed well.
const PRIOR: f32 = 3.0;

/// Weight of a line whose wide gap a border runs down, in word starts.
const IN_GAP: f32 = 1.0;

/// Column borders of a page: within each range, the place where most words
/// start (cells are left-aligned), best after a wide gap, and fewest
/// words are cut. `rows` are the body's lines, section rows left out;
/// `prior`, the borders of the same table on the page before (moved with
/// the margin), which count as a few words starting there.
pub(super) fn borders(
    rows: &[&TextRow],
    ranges: &[(f32, f32)],
    prior: Option<&[f32]>,
    em: f32,
    s: &Settings,
) -> Vec<f32> {
    // each word with whether a wide gap (or the line's start) comes before it
    let words: Vec<(bool, &Word)> = rows
        .iter()
        .flat_map(|r| {
            let gap = s.phrase_gap * r.size;
            r.words.iter().enumerate().map(move |(k, w)| {
                let wide = k == 0 || w.x0 - r.words[k - 1].x1 >= gap;
                (wide, *w)
            })
        })
        .collect();
    // the wide gaps between a line's words: a border runs down them
    let gaps: Vec<(f32, f32)> = rows
        .iter()
        .flat_map(|r| {
            let gap = s.phrase_gap * r.size;
            r.words
                .windows(2)
                .filter(move |p| p[1].x0 - p[0].x1 >= gap)
                .map(|p| (p[0].x1, p[1].x0))
        })
        .collect();
    let snap = s.start_snap * em;
    let edges = Edges::new(words.iter().copied());
    let mut gap_starts: Vec<f32> = gaps.iter().map(|g| g.0).collect();
    let mut gap_ends: Vec<f32> = gaps.iter().map(|g| g.1 + snap).collect();
    gap_starts.sort_by(f32::total_cmp);
    gap_ends.sort_by(f32::total_cmp);
    let score = |x: f32| -> f32 {
        let (wide, narrow) = edges.starts_at(x, snap);
        let cut = edges.cut_at(x, snap);
        // gaps opened before x and not closed before it
        let clear = below(&gap_starts, x, false) - below(&gap_ends, x, false);
        2.0 * wide as f32 + narrow as f32 - 6.0 * cut as f32 + clear as f32 * IN_GAP
    };
    let mut out: Vec<f32> = Vec::new();
    for (k, &(lo, hi)) in ranges.iter().enumerate() {
        let lo = lo.max(out.last().map_or(f32::MIN, |b| b + 0.01));
        let before = prior
            .and_then(|p| p.get(k))
            .copied()
            .filter(|b| (lo..=hi).contains(b));
        let with_prior = |x: f32| {
            let bonus = before
                .filter(|b| (b - x).abs() <= snap)
                .map_or(0.0, |_| PRIOR);
            score(x) + bonus
        };
        let places = candidates(lo, hi, words.iter().map(|(_, w)| *w)).chain(before);
        out.push(best(places, with_prior, before).unwrap_or(lo));
    }
    out
}

/// Where the borders of a page without a header may lie: the previous
/// grid's borders moved with the left margin (`moved`, its outer edges
/// included), each free to move half-way to its neighbours.
pub(super) fn carried_ranges(moved: &[f32], em: f32, s: &Settings) -> Vec<(f32, f32)> {
    (1..moved.len().saturating_sub(1))
        .map(|i| {
            let lo = (moved[i - 1] + moved[i]) / 2.0 + s.start_snap * em;
            let hi = (moved[i] + moved[i + 1]) / 2.0;
            (lo, hi.max(lo))
        })
        .collect()
}

/// The page's borders refitted to one row's lines: a border that cuts a
/// word of the row may move up to [`Settings::refit_reach`] to where the
/// row's words start, at a small cost per move.
pub(super) fn fitted(words: &[&Word], page: &[f32], em: f32, s: &Settings) -> Vec<f32> {
    // one character of laid-out text is half an em: a move costs a point
    // per character, a start gains four, a cut loses twelve
    let per_em = 2.0;
    let snap = s.start_snap * em;
    let edges = Edges::new(words.iter().map(|w| (true, *w)));
    let score = |x: f32, b: f32| -> f32 {
        let (starts, _) = edges.starts_at(x, snap);
        let fit = 4.0 * starts as f32 - 12.0 * edges.cut_at(x, snap) as f32;
        fit - (x - b).abs() / em * per_em
    };
    let reach = s.refit_reach * em;
    let mut out: Vec<f32> = Vec::new();
    for &b in page {
        if edges.cut_at(b, snap) == 0 {
            out.push(b);
            continue;
        }
        let lo = (b - reach).max(out.last().map_or(f32::MIN, |p| p + 0.01));
        let xs = candidates(lo, b + reach, words.iter().copied()).chain([b]);
        out.push(best(xs, |x| score(x, b), None).unwrap_or(b));
    }
    out
}

/// The column each word of a line goes to: the one it starts in, or, when
/// a border cuts it, the side holding more of it. A list bullet ("-")
/// goes with the word after it.
pub(super) fn columns_of(words: &[&Word], borders: &[f32], snap: f32) -> Vec<usize> {
    let mut out: Vec<usize> = words
        .iter()
        .map(|w| {
            borders
                .iter()
                .filter(|&&b| b <= w.x0 + snap || (cuts(w, b, snap) && w.x1 - b > b - w.x0))
                .count()
        })
        .collect();
    // (a dash ending a cell's line, "Văn hóa -", stays where it is)
    for k in (0..words.len().saturating_sub(1)).rev() {
        let close = words[k + 1].x0 - words[k].x1 < words[k].size * 0.6;
        if is_bullet(&words[k].text) && close {
            out[k] = out[k + 1];
        }
    }
    out
}

pub(super) fn is_bullet(t: &str) -> bool {
    matches!(t, "-" | "+" | "•" | "–")
}
