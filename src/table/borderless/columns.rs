//! Column borders: where a page's columns part, refitted to each row, and
//! which column each word of a line goes to.

use super::{Settings, TextRow, Word};
use crate::table::Role;
use crate::text::lexicon::bare;

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

/// Two words seen side by side on one line of the page, lower case and
/// without the punctuation around them: the compounds a cell's line may
/// part ("Quản | lý", "Kiểm | tra", "Xây | dựng"). Gathered on first use:
/// only squeezed laid-out lines ask, never a PDF's.
pub(super) struct Pairs<'p, 'a> {
    rows: &'p [TextRow<'a>],
    /// Each pair of words side by side, and on how many lines.
    set: std::cell::OnceCell<std::collections::HashMap<(String, String), usize>>,
}

impl<'p, 'a> Pairs<'p, 'a> {
    pub(super) fn of(rows: &'p [TextRow<'a>]) -> Self {
        Pairs {
            rows,
            set: std::cell::OnceCell::new(),
        }
    }

    fn holds(&self, a: &str, b: &str) -> bool {
        self.weight(a, b) > 0
    }

    /// How surely two words make a compound: 2 where the page writes them
    /// side by side, 1 where only the dictionary has them, else 0.
    fn weight(&self, a: &str, b: &str) -> u8 {
        match self.seen(a, b) > 0 {
            true => 2,
            false => u8::from(crate::text::lexicon::is_compound(a, b)),
        }
    }

    /// How many times the page writes the two words side by side.
    fn seen(&self, a: &str, b: &str) -> usize {
        let set = self.set.get_or_init(|| {
            let mut set = std::collections::HashMap::new();
            for r in self.rows {
                // (words a wide gap parts stand in two cells)
                let gap = super::SETTINGS.phrase_gap * r.size;
                for w in r.words.windows(2).filter(|w| w[1].x0 - w[0].x1 < gap) {
                    let (a, b) = (bare(&w[0].text), bare(&w[1].text));
                    if !a.is_empty() && !b.is_empty() {
                        *set.entry((a, b)).or_insert(0) += 1;
                    }
                }
            }
            set
        });
        set.get(&(bare(a), bare(b))).copied().unwrap_or(0)
    }
}

/// Starts after a wide gap a border needs to move past
/// [`Settings::refit_reach`]: a whole row laid off its columns.
const FAR_STARTS: usize = 2;

/// The page's borders refitted to one row's lines (each word with whether
/// a wide gap comes before it): a border that cuts a word of the row may
/// move up to [`Settings::refit_reach`] to where the row's words start, at
/// a small cost per move; up to [`Settings::squeeze_reach`] to where
/// [`FAR_STARTS`] of its lines start after a wide gap and no word is cut
/// (laid-out text that set a whole row some characters off its columns).
pub(super) fn fitted(
    words: &[(bool, &Word)],
    page: &[f32],
    (em, exact): (f32, bool),
    s: &Settings,
) -> Vec<f32> {
    // one character of laid-out text is half an em: a move costs a point
    // per character, a start gains four, a cut loses twelve
    let per_em = 2.0;
    let snap = s.start_snap * em;
    let edges = Edges::new(words.iter().copied());
    let far = |x: f32| edges.starts_at(x, snap).0 >= FAR_STARTS && edges.cut_at(x, snap) == 0;
    // `wide_gain`: what a start after a wide gap gains (others gain four)
    let scored = |x: f32, b: f32, wide_gain: f32| -> f32 {
        let (wide, narrow) = edges.starts_at(x, snap);
        let fit =
            wide_gain * wide as f32 + 4.0 * narrow as f32 - 12.0 * edges.cut_at(x, snap) as f32;
        fit - (x - b).abs() / em * per_em
    };
    // where positions are exact, a start after a wide gap beats one inside
    // a phrase (laid-out text squeezes cells one space apart)
    let score = |x: f32, b: f32| scored(x, b, if exact { 5.0 } else { 4.0 });
    // far moves weigh starts after a wide gap double: a cell's lines,
    // not words that happen to line up inside one
    let weighed = |x: f32, b: f32| scored(x, b, 8.0);
    let reach = s.refit_reach * em;
    let mut out: Vec<f32> = Vec::new();
    for (i, &b) in page.iter().enumerate() {
        let lo = out.last().map_or(f32::MIN, |p| p + 0.01);
        // a far move stays nearer its own border than the others: starts
        // nearer the next border are the next column's (a narrow TT column
        // after the deadlines would be left empty)
        let own = |x: f32| {
            let d = (x - b).abs();
            page.iter()
                .enumerate()
                .all(|(j, &o)| j == i || (x - o).abs() > d)
        };
        let near = match edges.cut_at(b, snap) {
            0 => b,
            _ => {
                let xs = candidates((b - reach).max(lo), b + reach, words.iter().map(|w| w.1));
                // where positions are exact, either side of a word the
                // border cuts, however far (a cell centred in its column
                // starts where it will)
                let sides = words
                    .iter()
                    .filter(|w| exact && cuts(w.1, b, snap))
                    .flat_map(|w| [w.1.x0, w.1.x1 + 0.01])
                    .filter(|&x| x > lo);
                best(xs.chain([b]).chain(sides), |x| score(x, b), None).unwrap_or(b)
            }
        };
        let far_reach = s.squeeze_reach * em;
        let beyond = candidates(
            (b - far_reach).max(lo),
            b + far_reach,
            words.iter().map(|w| w.1),
        )
        .filter(|&x| (x - b).abs() > reach && far(x) && own(x));
        let moved =
            best(beyond, |x| weighed(x, b), None).filter(|&x| weighed(x, b) > weighed(near, b));
        out.push(moved.unwrap_or(near));
    }
    out
}

/// Each line's columns under its row's borders (`own`), where laid-out
/// text squeezed a line's cells together parted again. `pdftotext -layout`
/// sets a cell one space after the cell before it when a line runs long,
/// so the cell starts left of its border, at a place that changes from
/// line to line, and no border parts it from the text before. In such a
/// line (no wide gap at the border) the border moves, within
/// [`Settings::squeeze_reach`], to a place between two words: in the line
/// where the cell's text begins, before the word nearest the border that
/// opens it (by the column's role (`roles`): in a column of units a unit's
/// name, in a deadline column a date phrase; else a capital or a digit: a
/// new sentence); in its later lines, to where the
/// line before parted. A row whose lines part at wide gaps (every PDF)
/// keeps its borders.
pub(super) fn line_columns(
    lines: &[&TextRow],
    own: &[f32],
    roles: &[Option<Role>],
    pairs: &Pairs<'_, '_>,
    em: f32,
    s: &Settings,
) -> Vec<Vec<usize>> {
    let snap = s.start_snap * em;
    // per border, where the line before parted when it was squeezed
    let mut parted: Vec<Option<f32>> = vec![None; own.len()];
    // per column, whether a line above in the row put text in it, and the
    // last word it put there
    let mut begun = vec![false; own.len() + 1];
    let mut last_word: Vec<Option<&str>> = vec![None; own.len() + 1];
    let mut out = Vec::with_capacity(lines.len());
    let first_cols: Vec<Vec<usize>> = lines
        .iter()
        .map(|r| columns_of(&r.words, own, snap))
        .collect();
    // the first word the next line puts in column `k`
    let next_first = |i: usize, k: usize| {
        let (r, col) = (lines.get(i + 1)?, &first_cols[i + 1]);
        r.words
            .iter()
            .zip(col)
            .find(|(w, c)| **c == k && !is_bullet(&w.text))
            .map(|(w, _)| w.text.as_str())
    };
    let exact = !on_character_grid(lines, em);
    for (i, r) in lines.iter().enumerate() {
        let mut col = first_cols[i].clone();
        let gap = s.phrase_gap * r.size;
        let next_starts = lines
            .get(i + 1)
            .map_or(Vec::new(), |n| starts(&n.words, gap));
        for (k, &b) in own.iter().enumerate() {
            let right_role = roles.get(k + 1).copied().flatten();
            let right = Right {
                begun: begun[k + 1],
                role: right_role,
                goes_on: last_word[k + 1],
                left_next: next_first(i, k),
                next_starts: &next_starts,
                exact,
                pairs,
                units_after: is_units(right_role) && is_units(roles.get(k + 2).copied().flatten()),
            };
            let split = resplit(
                &r.words,
                &col,
                k,
                b,
                parted[k],
                right,
                gap,
                em,
                s.squeeze_reach * em,
            )
            .or_else(|| trailing_date(&r.words, &col, (k, b), right, 2.0 * s.squeeze_reach * em))
            .or_else(|| trailing_compound(&r.words, &col, (k, b), parted[k], right, em));
            // a line leaving column k + 1 empty keeps the target it had;
            // so does one with no words either side (a centred deadline's
            // line between a cell's lines)
            let touches = col.iter().any(|&c| c == k || c == k + 1);
            parted[k] = match touches {
                true => split.and_then(|t| r.words.get(t).map(|w| w.x0).or(parted[k])),
                false => parted[k],
            };
            if let Some(t) = split {
                for (w, c) in col.iter_mut().enumerate() {
                    if *c == k || *c == k + 1 {
                        *c = if w < t { k } else { k + 1 };
                    }
                }
            }
        }
        for (w, &c) in r.words.iter().zip(&col) {
            begun[c.min(own.len())] = true;
            last_word[c.min(own.len())] = Some(w.text.as_str());
        }
        out.push(col);
    }
    out
}

/// Does every word start on a grid of characters half an em wide, as
/// `pdftotext -layout` sets them?
pub(super) fn on_character_grid(lines: &[&TextRow], em: f32) -> bool {
    let step = em / 2.0;
    lines.iter().flat_map(|r| r.words.iter()).all(|w| {
        let k = w.x0 / step;
        (k - k.round()).abs() < 0.01
    })
}

/// Where a line's words start a cell: at its start, or after a gap wide
/// for the phrase (`gap`) and [`WIDE_GAP`] times the line's usual one (a
/// justified line's spaces are wide all along).
fn starts(words: &[&Word], gap: f32) -> Vec<f32> {
    let mut gaps: Vec<f32> = words.windows(2).map(|w| w[1].x0 - w[0].x1).collect();
    gaps.sort_by(f32::total_cmp);
    let usual = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
    (0..words.len())
        .filter(|&t| t == 0 || words[t].x0 - words[t - 1].x1 >= gap.max(WIDE_GAP * usual))
        .map(|t| words[t].x0)
        .collect()
}

/// Where a squeezed line parts at border `k` (at `b`): the index of the
/// first word of column `k + 1` (the line's length: none of its words);
/// none where the line is not squeezed there (a wide gap parts it, or one
/// side is empty). `above`: where the line before parted, when it was
/// squeezed; `right`: what is known of column `k + 1`.
#[allow(clippy::too_many_arguments)]
fn resplit(
    words: &[&Word],
    col: &[usize],
    k: usize,
    b: f32,
    above: Option<f32>,
    right: Right,
    gap: f32,
    em: f32,
    reach: f32,
) -> Option<usize> {
    let first_right = col.iter().position(|&c| c > k)?;
    if first_right == 0 || col[first_right] != k + 1 || col[first_right - 1] != k {
        return None;
    }
    if words[first_right].x0 - words[first_right - 1].x1 >= gap {
        return None;
    }
    // the words of the two columns run together: part before one of them,
    // or after the last (the line leaves column k + 1 empty)
    let target = above.unwrap_or(b);
    let pair = |t: usize| col[t] == k || col[t] == k + 1;
    let run_end = (first_right..words.len())
        .take_while(|&t| pair(t))
        .last()
        .unwrap_or(first_right);
    // the squeezed phrase ends at a wide gap where a unit's name or a date
    // phrase opens the cell past it ("… quân năm 2027     Hội đồng
    // nghĩa"): the phrase is the left cell's line, run over the border
    let apart = (first_right + 1..=run_end)
        .find(|&t| words[t].x0 - words[t - 1].x1 >= gap)
        .filter(|&t| opens_cell(right.role, &words[t..=run_end]));
    let last = apart.map_or(run_end, |t| t - 1);
    let at = |t: usize| match words.get(t) {
        Some(w) if t <= last => w.x0,
        _ => words[last].x1 + gap,
    };
    // the run of column k's words on the line: a line of a later row part
    // may leave column k empty when the run starts after a wide gap
    // ("tỉnh      thi đua" under "giữa Tháng 3/2026 | Bản giao ước")
    let first_left = (0..first_right)
        .rev()
        .take_while(|&t| col[t] == k)
        .last()
        .unwrap_or(first_right);
    let empty_left =
        right.begun && (first_left == 0 || words[first_left].x0 - words[first_left - 1].x1 >= gap);
    // (two units' names may stand twice as far: see `two_units` below)
    let far: Vec<usize> = (1..=last + 1)
        .filter(|&t| pair(t - 1) && (t > last || pair(t)))
        // (not between a list's dash and its word, unless the word goes on
        // the right cell's line above: "chính - | trúc" under "Kiến")
        .filter(|&t| {
            t > last
                || !is_bullet(&words[t - 1].text)
                || right
                    .goes_on
                    .is_some_and(|a| right.pairs.weight(a, &words[t].text) == 2)
                || range_goes_on(&words[..t], right.left_next)
        })
        .chain(empty_left.then_some(first_left))
        .filter(|&t| (at(t) - target).abs() <= 2.0 * reach)
        .collect();
    let candidates: Vec<usize> = far
        .iter()
        .copied()
        .filter(|&t| (at(t) - target).abs() <= reach)
        .collect();
    // a cell's first line starts where the next line of the row starts a
    // cell after a wide gap (cells are set flush left): the part there
    // wins after a unit's name or a date phrase, a little farther than
    // `reach`, even after a dash that then ends the left cell's line
    // ("Phòng Thi đua - | Hướng dẫn" over "Khen thưởng | thi đua")
    let flush = (!right.begun)
        .then(|| {
            (first_left + 1..=last)
                .filter(|&t| pair(t - 1) && !(t >= 2 && is_bullet(&words[t - 2].text)))
                .filter(|&t| (words[t].x0 - b).abs() <= 2.0 * reach)
                .filter(|&t| {
                    right
                        .next_starts
                        .iter()
                        .any(|&x| (words[t].x0 - x).abs() < FLUSH_SNAP * em)
                })
                .min_by(|&x, &y| (at(x) - b).abs().total_cmp(&(at(y) - b).abs()))
        })
        .flatten();
    // (a number after a unit of time is the date's: "Tháng | 6 -")
    let opens = |t: usize| {
        t <= last
            && capital(&words[t].text)
            && !(t > 0 && dated(&words[t - 1].text, &words[t].text))
    };
    let nearest = |ts: &mut dyn Iterator<Item = &usize>| {
        ts.copied()
            .min_by(|&x, &y| (at(x) - target).abs().total_cmp(&(at(y) - target).abs()))
    };
    // a unit's name ("Sở Nội vụ", "- Phòng Kinh tế") or a date phrase
    // opens its cell before any other capital
    let unit = |t: usize| {
        let from = t + usize::from(t <= last && is_bullet(&words[t].text));
        t <= last
            && (opens(t) || is_bullet(&words[t].text))
            && opens_cell(right.role, &words[from.min(last)..=last])
    };
    // two units' names, the second within reach: the first opens this
    // column (however far left the line's squeeze put it), the second the
    // next ("… xuyên Trung tâm Y tế Trạm y tế xã," over chủ trì | phối hợp)
    let first_unit = || far.iter().copied().filter(|&t| unit(t)).min();
    let two_units = right.units_after
        && far.iter().filter(|&&t| unit(t)).count() >= 2
        && candidates.iter().any(|&t| unit(t));
    match right.begun {
        false if two_units => first_unit(),
        // the cell's first line opens with a unit, a capital or a digit
        false => nearest(&mut candidates.iter().filter(|&&t| unit(t)))
            .or(flush)
            .or(apart.map(|_| last + 1))
            .or_else(|| nearest(&mut candidates.iter().filter(|&&t| opens(t))))
            // nothing opens the cell on the line: the left cell's line ran on
            .or_else(|| candidates.contains(&(last + 1)).then_some(last + 1))
            .or_else(|| nearest(&mut candidates.iter())),
        // a later line parts near where the line above did; a dash ("- Tài
        // chính", a list item) or a capital opens the cell's part more
        // likely than a word inside a sentence
        true => candidates.iter().copied().min_by(|&x, &y| {
            let cost = |t: usize| {
                let word = words.get(t).filter(|_| t <= last);
                // (a list's dash goes before a capital: "kinh tế - xã
                // hội" is a task's hyphen)
                let listed = |t: usize| t < last && capital(&words[t + 1].text);
                let opener = match word {
                    Some(w) if is_bullet(&w.text) && listed(t) => DASH_LIFT,
                    // (a number goes on a unit's name less often than it
                    // ends a task's line: "năm 2026 | đầu tư")
                    Some(w)
                        if opens(t)
                            && (right.role == Some(Role::Deadline)
                                || !w.text.starts_with(|c: char| c.is_ascii_digit())) =>
                    {
                        CAPITAL_LIFT
                    }
                    _ => 0.0,
                };
                // the right part goes on from its cell's line above ("Hợp |
                // tác"), and the left part's last word and the left cell's
                // next line make a compound ("ngân sách nhà | nước"): the
                // second side's evidence counts half (the dictionary is
                // noisy: "tâm sinh", "dân nguyện")
                let goes_on = word
                    .is_some_and(|w| right.goes_on.is_some_and(|a| right.pairs.holds(a, &w.text)));
                let left_goes_on = t > 0
                    && right
                        .left_next
                        .is_some_and(|b| right.pairs.holds(&words[t - 1].text, b));
                let pairs = match (goes_on, left_goes_on) {
                    (true, true) => 1.5 * PAIR_LIFT,
                    (false, false) => 0.0,
                    _ => PAIR_LIFT,
                };
                let lift = if opener > 0.0 { opener } else { pairs };
                // a part that cuts a dictionary word in two ("Thị |
                // trường"; the page's pairs hold the squeezed line's own)
                let cuts_word = t > 0
                    && t <= last
                    && crate::text::lexicon::is_compound(&words[t - 1].text, &words[t].text);
                let cut = if cuts_word { PAIR_LIFT } else { 0.0 };
                // where positions are exact, a part right where the line
                // above parted (or at the border) is the cell's edge
                let flush = if right.exact && (at(t) - target).abs() < FLUSH_SNAP * em {
                    FLUSH_LIFT
                } else {
                    0.0
                };
                (at(t) - target).abs() - (lift + flush - cut) * em
            };
            cost(x).total_cmp(&cost(y))
        }),
    }
}

/// What a dash opening a squeezed later line's right part outweighs, in
/// ems of distance from where the line above parted (an em is two
/// characters of laid-out text).
const DASH_LIFT: f32 = 3.0;
/// The same for a capital or a digit.
const CAPITAL_LIFT: f32 = 0.8;
/// The same for a word the cell's line above ends in a compound with, as
/// the page writes it elsewhere or the dictionary has it ("Quản" + "lý");
/// and what a part that cuts a dictionary word in two costs.
const PAIR_LIFT: f32 = 3.0;

/// The same for a part where the cell's other lines start: within
/// [`FLUSH_SNAP`] ems of it (also how near a next line's start a first
/// line's part must be).
const FLUSH_LIFT: f32 = 3.0;
const FLUSH_SNAP: f32 = 0.2;
/// How many times a line's usual space a gap that starts a cell is.
const WIDE_GAP: f32 = 1.5;

/// Does a cell's text open with a date phrase ("Quý I/2026", "Trước ngày")
/// that reads as a time ("Quỹ Phát triển" opens none)?
fn opens_date(text: &str) -> bool {
    use crate::records::deadline;
    deadline::opens(&crate::text::fold(text))
        && deadline::parse(text).kind != crate::model::DeadlineKind::Text
}

/// A deadline's first line set one space after the cell before it, left of
/// its border, the deadline column empty on the line ("Trung tâm Kiểm
/// định Quý III/2026"): the word within `reach` of the border `b` after
/// which column `k`'s text ends in a date phrase opens the deadline. A
/// phrase that reads as a time, ending the line, reaches twice as far as
/// a squeezed word does: poppler may set it some words left of its column.
fn trailing_date(
    words: &[&Word],
    col: &[usize],
    (k, b): (usize, f32),
    right: Right,
    reach: f32,
) -> Option<usize> {
    if right.role != Some(Role::Deadline) || right.begun || col.contains(&(k + 1)) {
        return None;
    }
    let own: Vec<usize> = (0..words.len()).filter(|&i| col[i] == k).collect();
    let text = |from: usize| {
        own.iter()
            .filter(|&&i| i >= from)
            .map(|&i| words[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    own.iter()
        .skip(1)
        .copied()
        .filter(|&t| (words[t].x0 - b).abs() <= reach)
        .filter(|&t| words[t].text.starts_with(char::is_uppercase) && opens_date(&text(t)))
        .min_by(|&x, &y| (words[x].x0 - b).abs().total_cmp(&(words[y].x0 - b).abs()))
}

/// A cell's next line set left of its border, the column beside empty on
/// the line ("… xây dựng kế hoạch kết" under "… Báo cáo tổng"): the last
/// word of column `k`, ending within an em of the border `b`, or the words
/// from one starting within an em of where the line above parted
/// (`above`) to the line's end, go to column `k + 1` where the first ends
/// a compound with that column's line above as the page writes it
/// elsewhere ("tổng kết", "bảo hiểm | xã hội"), the last opens none at all
/// (the dictionary's included: "hài | lòng") with its own column's next
/// line, and the part cuts no dictionary word.
fn trailing_compound(
    words: &[&Word],
    col: &[usize],
    (k, b): (usize, f32),
    above: Option<f32>,
    right: Right,
    em: f32,
) -> Option<usize> {
    if !right.begun || col.contains(&(k + 1)) {
        return None;
    }
    let last = col.iter().rposition(|&c| c == k)?;
    let stays = right
        .left_next
        .map_or(0, |n| right.pairs.weight(&words[last].text, n));
    // written side by side elsewhere: not only where the word follows the
    // same word on this line ("điều dưỡng trưởng" under "Phòng Điều |
    // dưỡng" is no evidence that "trưởng" goes on the unit's "dưỡng")
    let goes_on = |t: usize| {
        right.goes_on.is_some_and(|a| {
            let here = t > 0 && bare(&words[t - 1].text) == bare(a);
            right.pairs.seen(a, &words[t].text) > usize::from(here)
        })
    };
    // the run from word t to the line's end goes right
    let moves = |t: usize| {
        let before = words.get(t.checked_sub(1)?)?;
        let own = col[t - 1] == k && !is_bullet(&words[t].text);
        // it starts where the line above parted ("… chưa | xã hội" under
        // "… bảo | độ bảo hiểm"; "… sắp xếp trúc" under "… phê | hoạch -
        // Kiến"); a last word also where it ends within an em of the border
        let at_part = above.is_some_and(|a| (words[t].x0 - a).abs() <= em);
        let reaches = at_part || (t == last && words[t].x1 >= b - em);
        let cuts = crate::text::lexicon::is_compound(&before.text, &words[t].text);
        (own && reaches && words[t].x0 < b && goes_on(t) && !cuts).then_some(t)
    };
    if stays != 0 {
        return None;
    }
    (0..=last)
        .rev()
        .take_while(|&t| col[t] == k)
        .find_map(moves)
}

/// What a squeezed line's re-parting knows of the column right of a border.
#[derive(Clone, Copy)]
struct Right<'w> {
    /// The last word a line above in the row put in it.
    goes_on: Option<&'w str>,
    /// The first word the next line puts in the column left of the border.
    left_next: Option<&'w str>,
    /// Where the next line's words start a cell (after a wide gap).
    next_starts: &'w [f32],
    /// Words stand where the page put them, not on laid-out text's grid of
    /// characters (which moves a squeezed cell a space or two).
    exact: bool,
    /// Words side by side on the page.
    pairs: &'w Pairs<'w, 'w>,
    /// A line above in the row put text in it.
    begun: bool,
    /// Its header's role: units (chủ trì, phối hợp) or a deadline open
    /// with words of their own.
    role: Option<Role>,
    /// The column after it holds units too (chủ trì, then phối hợp): of two
    /// units' names on a squeezed first line, the first opens this one.
    units_after: bool,
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

/// Do the words open a cell of the column's role: a unit's name a lead or
/// partners cell ("Sở Nội vụ"), a date phrase a deadline ("Quý I/2026",
/// "Trước ngày")?
/// A column of units: chủ trì or phối hợp.
fn is_units(role: Option<Role>) -> bool {
    matches!(role, Some(Role::Lead | Role::Partners))
}

fn opens_cell(role: Option<Role>, words: &[&Word]) -> bool {
    let text: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    match role {
        Some(Role::Lead | Role::Partners) => crate::text::units::names_a_unit(&text.join(" ")),
        Some(Role::Deadline) => opens_date(&text.join(" ")),
        _ => false,
    }
}

/// Do the words end a span of time's first half, its dash, that the left
/// cell's next line (opening with `next`) goes on with ("Tháng 5 -" over
/// "tháng 6/2026")? The part goes after the dash.
fn range_goes_on(words: &[&Word], next: Option<&str>) -> bool {
    let [.., number, dash] = words else {
        return false;
    };
    let unit = |t: &str| ["thang", "quy", "nam", "ngay"].contains(&crate::text::fold(t).as_str());
    is_bullet(&dash.text) && numbered(&number.text) && next.is_some_and(|n| unit(n) || numbered(n))
}

/// A unit of time and its number ("Tháng 5", "Quý II", "ngày 15"): one
/// date phrase.
pub(super) fn dated(unit: &str, number: &str) -> bool {
    let unit = crate::text::fold(unit);
    ["thang", "quy", "ngay", "nam", "tuan"].contains(&unit.as_str()) && numbered(number)
}

/// A day's, month's or quarter's number: Arabic or Roman.
fn numbered(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit() || "IVX".contains(c))
}

/// Text that opens with a capital or a digit, as a cell or a sentence does.
pub(super) fn capital(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit())
}

pub(super) fn is_bullet(t: &str) -> bool {
    matches!(t, "-" | "+" | "•" | "–")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::borderless::SETTINGS;

    /// Words at the given left edges, each ending a space before the next.
    fn words(at: &[(&str, f32)]) -> Vec<Word> {
        at.iter()
            .enumerate()
            .map(|(i, &(text, x0))| {
                let x1 = at.get(i + 1).map_or(x0 + 20.0, |n| n.1 - 3.3);
                crate::layout::tests::line(text, (x0, x1), 110.0)
            })
            .collect()
    }

    #[test]
    fn a_squeezed_later_line_parts_before_a_dictionary_word_not_inside_one() {
        // a PDF's squeezed row (13d hd-04): the unit's line above ends in
        // "nhà", and "nhà trường" is a word; but "Thị trường" is one too,
        // and the part stays where the line above parted, before "và"
        let ws = words(&[
            ("Long", 273.0),
            ("Hoa;", 306.0),
            ("và", 340.0),
            ("Thị", 355.0),
            ("trường", 377.0),
            ("bất", 415.0),
        ]);
        let refs: Vec<&Word> = ws.iter().collect();
        let row = TextRow {
            baseline: 110.0,
            top: 100.0,
            bottom: 112.0,
            size: 12.0,
            words: refs.clone(),
        };
        let rows = [row];
        let pairs = Pairs::of(&rows);
        let (em, b) = (13.0, 340.3);
        let col = columns_of(&refs, &[b], SETTINGS.start_snap * em);
        let right = Right {
            goes_on: Some("nhà"),
            left_next: Some("báo"),
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun: true,
            role: Some(Role::Lead),
        };
        let gap = SETTINGS.phrase_gap * em;
        let reach = SETTINGS.squeeze_reach * em;
        let split = resplit(&refs, &col, 0, b, Some(b), right, gap, em, reach);
        assert_eq!(split, Some(2));
    }

    /// A line of laid-out text: each word at its column (one character is
    /// six units), ending where its characters do.
    fn laid(at: &[(&str, usize)]) -> Vec<Word> {
        at.iter()
            .map(|&(text, c)| {
                let x0 = 6.0 * c as f32;
                let x1 = x0 + 6.0 * text.chars().count() as f32;
                crate::layout::tests::line(text, (x0, x1), 110.0)
            })
            .collect()
    }

    /// A line of the page holding the words, at 110.
    fn text_row(words: &[Word]) -> TextRow<'_> {
        TextRow {
            baseline: 110.0,
            top: 100.0,
            bottom: 112.0,
            size: 12.0,
            words: words.iter().collect(),
        }
    }

    fn split_of(ws: &[Word], b: f32, above: Option<f32>, right: Right) -> Option<usize> {
        let refs: Vec<&Word> = ws.iter().collect();
        let em = 12.0;
        let col = columns_of(&refs, &[b], SETTINGS.start_snap * em);
        let (gap, reach) = (SETTINGS.phrase_gap * em, SETTINGS.squeeze_reach * em);
        resplit(&refs, &col, 0, b, above, right, gap, em, reach)
    }

    #[test]
    fn a_first_line_parts_where_the_next_line_starts_the_cell_even_after_a_dash() {
        // 13h hh-08: "Phòng Thi đua - Hướng dẫn …" over "Khen thưởng   thi
        // đua …": the task's next line starts under "Hướng", so the dash
        // ends the unit's line ("Phòng Thi đua - Khen thưởng")
        let ws = laid(&[
            ("Phòng", 7),
            ("Thi", 13),
            ("đua", 17),
            ("-", 21),
            ("Hướng", 23),
            ("dẫn", 29),
        ]);
        let rows: [TextRow; 0] = [];
        let pairs = Pairs::of(&rows);
        let right = |next_starts| Right {
            goes_on: None,
            left_next: Some("Khen"),
            next_starts,
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun: false,
            role: None,
        };
        assert_eq!(split_of(&ws, 138.0, None, right(&[42.0, 138.0])), Some(4));
        // with no such start the dash opens the task (a list item)
        assert_eq!(split_of(&ws, 138.0, None, right(&[42.0])), Some(3));
    }

    #[test]
    fn of_two_units_on_a_squeezed_first_line_the_first_opens_the_lead() {
        // 13l hl-09: "… thường xuyên Trung tâm Y tế Trạm y tế xã," over
        // chủ trì | phối hợp, the lead's border far right of "Trung"
        let ws = laid(&[
            ("thường", 26),
            ("xuyên", 33),
            ("Trung", 39),
            ("tâm", 45),
            ("Y", 49),
            ("tế", 51),
            ("Trạm", 54),
            ("y", 59),
            ("tế", 61),
            ("xã,", 64),
        ]);
        let rows: [TextRow; 0] = [];
        let pairs = Pairs::of(&rows);
        let right = |units_after| Right {
            goes_on: None,
            left_next: None,
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after,
            begun: false,
            role: Some(Role::Lead),
        };
        assert_eq!(split_of(&ws, 294.0, None, right(true)), Some(2));
        // a lead alone takes the unit nearest its border
        assert_eq!(split_of(&ws, 294.0, None, right(false)), Some(6));
    }

    #[test]
    fn a_hyphen_before_a_lower_case_word_opens_no_list_item() {
        // 13j hj-05: "chính sách, tình hình kinh tế - xã" under "… Phòng
        // Chính | sách dân tộc", the unit's lines parted at column 51: the
        // task's line runs over it; "- xã" is no item of the unit's list
        let ws = laid(&[
            ("tình", 31),
            ("hình", 36),
            ("kinh", 41),
            ("tế", 46),
            ("-", 49),
            ("xã", 51),
        ]);
        let rows: [TextRow; 0] = [];
        let pairs = Pairs::of(&rows);
        let right = Right {
            goes_on: Some("tộc"),
            left_next: Some("hội"),
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun: true,
            role: Some(Role::Lead),
        };
        assert_eq!(split_of(&ws, 306.0, Some(306.0), right), Some(6));
        // "- Sở Tài chính" is one
        let mut listed = ws.clone();
        listed[5] = laid(&[("Sở", 51)]).remove(0);
        assert_eq!(split_of(&listed, 306.0, Some(306.0), right), Some(4));
    }

    #[test]
    fn a_span_of_time_cut_at_its_dash_keeps_the_dash() {
        // 13j hj-02: "Tháng 5 - 02 lớp" over "tháng 6/2026": the deadline's
        // line ends at its dash, the note opens at "02"
        let ws = laid(&[("Tháng", 68), ("5", 74), ("-", 76), ("02", 78), ("lớp", 81)]);
        let rows: [TextRow; 0] = [];
        let pairs = Pairs::of(&rows);
        let right = |left_next| Right {
            goes_on: None,
            left_next,
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun: false,
            role: None,
        };
        assert_eq!(split_of(&ws, 480.0, None, right(Some("tháng"))), Some(3));
        // with no span going on below, no part goes between the dash and
        // its word (a list's dash; nothing else opens the note: all stays)
        assert_eq!(split_of(&ws, 480.0, None, right(Some("lớp"))), Some(5));
    }

    #[test]
    fn a_phrase_run_over_the_border_up_to_a_wide_gap_before_a_unit_stays_left() {
        // 13j hj-09: "Tổ chức Lễ giao nhận quân năm 2027     Hội đồng nghĩa",
        // the border where "2027" starts: the unit opens past the gap
        let ws = laid(&[
            ("quân", 26),
            ("năm", 31),
            ("2027", 35),
            ("Hội", 44),
            ("đồng", 48),
            ("nghĩa", 53),
        ]);
        let rows: [TextRow; 0] = [];
        let pairs = Pairs::of(&rows);
        let right = |role| Right {
            goes_on: None,
            left_next: None,
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun: false,
            role,
        };
        assert_eq!(split_of(&ws, 210.0, None, right(Some(Role::Lead))), Some(3));
        // past the gap no unit's name: the digit opens the cell, as before
        assert_eq!(split_of(&ws, 210.0, None, right(Some(Role::Note))), Some(2));
    }

    #[test]
    fn a_line_that_opens_no_cell_past_the_border_stays_left() {
        // 13j hj-02: "Tháng 6 -" over "tháng 9/2026", the note column empty:
        // the "6" of a month opens no cell, nor does a dash before nothing
        let ws = laid(&[("Tháng", 68), ("6", 74), ("-", 76)]);
        let rows: [TextRow; 0] = [];
        let pairs = Pairs::of(&rows);
        let right = Right {
            goes_on: None,
            left_next: Some("tháng"),
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun: false,
            role: Some(Role::Note),
        };
        assert_eq!(split_of(&ws, 450.0, None, right), Some(3));
        // a number after other words opens one ("… 02 lớp")
        let ws = laid(&[("lớp", 68), ("02", 74), ("lớp", 77)]);
        assert_eq!(split_of(&ws, 450.0, None, right), Some(1));
    }

    #[test]
    fn a_later_line_may_leave_the_left_column_empty_after_a_wide_gap() {
        // 13h hh-08 row 1.2: the product cell began at column 73 ("Bản");
        // on the next line "thi đua" there is its text, the deadline
        // column holding nothing
        let ws = laid(&[("tỉnh", 49), ("thi", 73), ("đua", 77)]);
        let rows: [TextRow; 0] = [];
        let pairs = Pairs::of(&rows);
        let right = |begun| Right {
            goes_on: Some("ước"),
            left_next: None,
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun,
            role: None,
        };
        // border 462 (column 77) cuts nothing; "thi" sits left of it
        assert_eq!(split_of(&ws, 462.0, Some(438.0), right(true)), Some(1));
    }

    #[test]
    fn exact_positions_part_where_the_line_above_parted() {
        // 13i hi-10 (a PDF): "… người dân tự | phát triển sinh" under
        // "… cơ | hộ, bảo tồn và": "dân nguyện" and "tự phát" are words
        // too, but the lead's lines start at 310
        let ws = words(&[
            ("dân", 265.3),
            ("tự", 291.5),
            ("phát", 310.0),
            ("triển", 334.4),
        ]);
        let rows: [TextRow; 0] = [];
        let pairs = Pairs::of(&rows);
        let right = |exact| Right {
            goes_on: Some("và"),
            left_next: Some("nguyện"),
            next_starts: &[],
            exact,
            pairs: &pairs,
            units_after: false,
            begun: true,
            role: Some(Role::Lead),
        };
        let refs: Vec<&Word> = ws.iter().collect();
        let (em, b) = (11.0, 310.0);
        let col = columns_of(&refs, &[b], SETTINGS.start_snap * em);
        let (gap, reach) = (SETTINGS.phrase_gap * em, SETTINGS.squeeze_reach * em);
        let split = |exact| resplit(&refs, &col, 0, b, Some(b), right(exact), gap, em, reach);
        assert_eq!(split(true), Some(2));
        // laid-out text moves a squeezed cell: there the words decide
        assert_eq!(split(false), Some(1));
    }

    #[test]
    fn evidence_from_both_sides_of_a_part_adds_up() {
        // 13i hi-08: "niên giữa lãnh đạo tỉnh Lai tác quốc tế" under "…
        // thường | Phòng Hợp", the task going on "Châu và lãnh đạo Châu":
        // "đạo Châu" is on the page, but "Lai | tác" has "Lai Châu" on
        // the left and "Hợp tác" on the right
        let ws = laid(&[
            ("lãnh", 16),
            ("đạo", 21),
            ("tỉnh", 25),
            ("Lai", 30),
            ("tác", 34),
            ("quốc", 38),
        ]);
        let page = laid(&[
            ("lãnh", 0),
            ("đạo", 5),
            ("Châu", 9),
            ("Lai", 20),
            ("Châu", 24),
        ]);
        let more = laid(&[("Phòng", 0), ("Hợp", 6), ("tác", 10)]);
        let rows = [text_row(&page), text_row(&more)];
        let pairs = Pairs::of(&rows);
        let right = Right {
            goes_on: Some("Hợp"),
            left_next: Some("Châu"),
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun: true,
            role: Some(Role::Lead),
        };
        // the line above parted at column 29 ("Phòng")
        assert_eq!(split_of(&ws, 174.0, Some(174.0), right), Some(4));
    }

    #[test]
    fn a_unit_names_run_from_where_the_line_above_parted_moves_right() {
        // 13j hj-08: "hiểm xã hội hằng tháng chưa xã hội" under "… trợ cấp
        // bảo | độ bảo hiểm", parted at column 35, the border at 41: the
        // line ends before it, yet "xã hội" goes on with "bảo hiểm"
        let page = laid(&[("Bảo", 0), ("hiểm", 4), ("xã", 9), ("hội", 12)]);
        let rows = [text_row(&page)];
        let pairs = Pairs::of(&rows);
        let right = Right {
            goes_on: Some("hiểm"),
            left_next: Some("có"),
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun: true,
            role: Some(Role::Lead),
        };
        let ws = laid(&[
            ("hằng", 18),
            ("tháng", 23),
            ("chưa", 29),
            ("xã", 34),
            ("hội", 37),
        ]);
        let refs: Vec<&Word> = ws.iter().collect();
        let col = vec![0; refs.len()];
        let part = |above| trailing_compound(&refs, &col, (0, 246.0), above, right, 12.0);
        assert_eq!(part(Some(210.0)), Some(3));
        // parted elsewhere above, the words stay the task's
        assert_eq!(part(Some(150.0)), None);
    }

    #[test]
    fn words_a_wide_gap_parts_are_no_pair() {
        // 13i hi-10 (PDF): "… Vườn quốc gia      vùng đệm", a unit and the
        // partners' cell on one line, is no "gia vùng" written by the page
        let ws = laid(&[("quốc", 10), ("gia", 15), ("vùng", 26), ("đệm", 31)]);
        let rows = [text_row(&ws)];
        let pairs = Pairs::of(&rows);
        assert_eq!(pairs.seen("gia", "vùng"), 0);
        assert_eq!(
            (pairs.seen("quốc", "gia"), pairs.seen("vùng", "đệm")),
            (1, 1)
        );
    }

    #[test]
    fn a_pair_the_line_itself_writes_is_no_evidence_the_word_goes_right() {
        // 13i hi-03 (PDF): "- Bác sĩ, điều dưỡng trưởng" under "… Phòng Điều
        // | dưỡng": the page writes "dưỡng trưởng" only on this line
        let ws = laid(&[("sĩ,", 14), ("điều", 18), ("dưỡng", 23), ("trưởng", 29)]);
        let rows = [text_row(&ws)];
        let pairs = Pairs::of(&rows);
        let right = Right {
            goes_on: Some("dưỡng"),
            left_next: Some("khoa;"),
            next_starts: &[],
            exact: true,
            pairs: &pairs,
            units_after: false,
            begun: true,
            role: Some(Role::Lead),
        };
        let refs: Vec<&Word> = ws.iter().collect();
        let col = vec![0; refs.len()];
        let part = |right| trailing_compound(&refs, &col, (0, 216.0), None, right, 12.0);
        assert_eq!(part(right), None);
        // where the page writes it on another line too, it is
        let other = laid(&[("Điều", 0), ("dưỡng", 5), ("trưởng", 11)]);
        let more = [
            TextRow {
                words: ws.iter().collect(),
                ..rows[0]
            },
            TextRow {
                baseline: 130.0,
                top: 120.0,
                bottom: 132.0,
                size: 12.0,
                words: other.iter().collect(),
            },
        ];
        let pairs = Pairs::of(&more);
        assert_eq!(
            part(Right {
                pairs: &pairs,
                ..right
            }),
            Some(3)
        );
    }

    #[test]
    fn a_unit_name_going_on_under_its_line_above_moves_right() {
        // 13j hj-02: "Phòng Quy | hoạch - Kiến | trúc" down a lead column
        // set one space after the task's lines
        let page = laid(&[("Hội", 0), ("Kiến", 4), ("trúc", 9), ("sư", 14)]);
        let rows = [text_row(&page)];
        let pairs = Pairs::of(&rows);
        let right = |left_next| Right {
            goes_on: Some("Kiến"),
            left_next,
            next_starts: &[],
            exact: false,
            pairs: &pairs,
            units_after: false,
            begun: true,
            role: Some(Role::Lead),
        };
        // after a dash that ends the task's line ("địa chính - xây dựng")
        let ws = laid(&[
            ("chức", 18),
            ("địa", 23),
            ("chính", 27),
            ("-", 33),
            ("trúc", 35),
        ]);
        assert_eq!(
            split_of(&ws, 216.0, Some(216.0), right(Some("xây"))),
            Some(4)
        );
        // alone after the task's words, where the line above parted
        let ws = laid(&[("sắp", 26), ("xếp", 30), ("trúc", 34)]);
        let refs: Vec<&Word> = ws.iter().collect();
        let col = vec![0; refs.len()];
        let t = trailing_compound(
            &refs,
            &col,
            (0, 246.0),
            Some(210.0),
            right(Some("đơn")),
            12.0,
        );
        assert_eq!(t, Some(2));
        let t = trailing_compound(&refs, &col, (0, 246.0), None, right(Some("đơn")), 12.0);
        assert_eq!(t, None, "ends 1.5 em before the border");
    }
}
