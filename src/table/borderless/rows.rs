//! The rows of a borderless table: where each starts (at a TT, at a block
//! of lines between blank lines, or between centred TTs), section rows,
//! each row's lines cut into cells under its own refitted borders, sub-rows
//! under a merged TT, and the [`Grid`] they make.

use super::columns::{self, capital, cuts, is_bullet};
use super::header::{Piece, pieces};
use super::merged;
use super::{Settings, TextRow, Word, is_item_letter};
use crate::layout::Line;
use crate::records::SectionKind;
use crate::table::grid::{Cell, Flow, Grid, covered_length};
use crate::table::{Role, roles};
use crate::text::normalize;

/// Share of a table's width rules drawn between two lines must cover to
/// part two rows.
const RULED_ROW: f32 = 0.5;
/// Share of a column's width the rules between two rows must cover for its
/// cells to be apart (else one cell runs down both rows).
const RULED_CELL: f32 = 0.6;

/// Words a line of one phrase needs to be prose running across the table.
const PROSE_WORDS: usize = 8;

/// One borderless table on one page, as far as its header tells it.
pub(super) struct Table<'p, 'a> {
    pub(super) page: usize,
    /// The page's rules: one drawn across the table between two lines
    /// parts two rows.
    pub(super) rules: &'p [crate::pdf::Rule],
    /// The page's shaded boxes: a style that shades rows in bands parts
    /// them by the boxes' edges, and shows a merged cell by one box.
    pub(super) shades: &'p [crate::pdf::Rule],
    /// The header's lines (none on a page the table goes on to).
    pub(super) header: &'p [TextRow<'a>],
    /// Each column's header text.
    pub(super) headers: Vec<String>,
    /// Header lines below its main one.
    pub(super) header_below: usize,
    pub(super) em: f32,
    pub(super) s: &'p Settings,
    /// On a page the table goes on to (under its header repeated, or
    /// none): whether its cells were centred. Lines before the first TT
    /// there end the row above, so they tell nothing.
    pub(super) centred: Option<bool>,
    /// On a page the table goes on to: the previous page's borders, moved
    /// with the margin.
    pub(super) carried: Option<Vec<f32>>,
    /// Words side by side on the page, to part squeezed lines by.
    pub(super) pairs: &'p columns::Pairs<'p, 'a>,
}

/// A line of the table's body.
pub(super) enum BodyLine<'r, 'a> {
    Blank,
    /// A section row: its label and title, and the line it stands on.
    Section(String, String, Option<&'r TextRow<'a>>),
    /// A line of cells: the line and its text per column.
    Cells(&'r TextRow<'a>, Vec<String>),
}

impl<'r, 'a> BodyLine<'r, 'a> {
    /// The line of text it stands on (a blank has none).
    fn row(&self) -> Option<&'r TextRow<'a>> {
        match self {
            BodyLine::Cells(r, _) => Some(*r),
            BodyLine::Section(_, _, r) => *r,
            BodyLine::Blank => None,
        }
    }
}

/// Each body line's text line with the nearest text line above it, where
/// both are (blank lines skipped): where rows part, by a rule or a step.
fn under<'r, 'a>(lines: &[BodyLine<'r, 'a>]) -> Vec<Option<(&'r TextRow<'a>, &'r TextRow<'a>)>> {
    let mut above: Option<&TextRow> = None;
    lines
        .iter()
        .map(|l| {
            let r = l.row()?;
            let pair = above.map(|a| (a, r));
            above = Some(r);
            pair
        })
        .collect()
}

/// A row (dòng) cut into cells: its lines, each line's words per column,
/// the lines where its sub-rows start, and the columns that run through
/// its sub-rows as one merged cell.
struct Block<'r, 'a> {
    lines: Vec<(&'r TextRow<'a>, Vec<Vec<&'a Word>>)>,
    starts: Vec<usize>,
    shared: Vec<bool>,
}

impl Block<'_, '_> {
    /// The lines of sub-row `k`.
    fn sub(&self, k: usize) -> std::ops::Range<usize> {
        let to = self.starts.get(k + 1).copied().unwrap_or(self.lines.len());
        self.starts[k]..to
    }
}

enum Part<'r, 'a> {
    Section(String, String, (f32, f32)),
    Row(Block<'r, 'a>),
}

impl Table<'_, '_> {
    /// The grid of `body` (as far as it belongs to the table: prose ends
    /// it) and how many of its rows it took.
    pub(super) fn build(
        &self,
        body: &[TextRow],
        ranges: &[(f32, f32)],
        runs_on: bool,
    ) -> Option<(Grid, usize)> {
        let roles = roles::assign(&self.headers);
        let tt_col = roles.iter().position(|r| *r == Role::Tt).unwrap_or(0);
        let task_col = roles.iter().position(|r| *r == Role::Task);
        // a section label stands in the first column
        let first_col = ranges.first().map_or(f32::MAX, |r| r.1);
        let ranges = &right_of_entries(ranges, body, tt_col, roles.contains(&Role::Tt));
        let prior = self.carried.as_deref();
        let place = |rows: &[TextRow], prose_ahead: bool| {
            let placing = self.placing(rows, first_col, prose_ahead);
            columns::borders(&placing, ranges, prior, self.em, self.s)
        };
        let mut borders = place(body, true);
        let snap = self.s.start_snap * self.em;
        let usual = usual_step(body, &borders, snap);
        // overleaf, prose is judged against the columns carried over: the
        // borders fitted to it would fit it
        let guide = match self.header.is_empty() {
            true => self.carried.as_deref().unwrap_or(&borders),
            false => &borders,
        };
        let used = match self.prose_at(body, guide, first_col) {
            Some(at) => {
                heading_before(body, at, (first_col, borders[0]), usual * self.s.blank_step)
            }
            None => body.len(),
        };
        if used == 0 || borders.len() + 1 != self.headers.len() {
            return None;
        }
        if used < body.len() {
            // the prose after the table places no border
            borders = place(&body[..used], false);
        }
        let runs_on = runs_on && used == body.len();
        // a heading after the table's last row is the body's, not a section
        // (unless the rows under it may go on overleaf: a section of a kind
        // the table has)
        let trailing = (0..used)
            .rev()
            .take_while(|&i| {
                is_heading(&body[i], first_col)
                    || falls_back(&body[..i], &body[i], first_col, self.s)
            })
            .count();
        let kind = |r: &TextRow| section_label(r, first_col).and_then(|l| SectionKind::of(&l));
        let table_kinds: Vec<SectionKind> =
            body[..used - trailing].iter().filter_map(kind).collect();
        let own_kind = |r: &TextRow| kind(r).is_some_and(|k| table_kinds.contains(&k));
        let used = match runs_on && body[used - trailing..used].iter().all(own_kind) {
            true => used,
            false => used - trailing,
        };
        if used == 0 {
            return None;
        }
        let body = &body[..used];
        let mut lines = self.body_lines(body, &borders, first_col);
        if let Some(task_col) = task_col {
            title_lone_labels(&mut lines, tt_col, task_col);
        }
        let has_tt = roles.contains(&Role::Tt);
        // without a TT column each row's task tells where it stands
        let key_col = match has_tt {
            true => tt_col,
            false => task_col.unwrap_or(tt_col),
        };
        let centred = self.centred.unwrap_or_else(|| is_centred(&lines, key_col));
        let step = cells_step(&lines);
        let continued = self.centred.is_some();
        let ruled = self.ruled_between(&lines);
        // with a TT column, rules part the rows where one parts every two
        // TT entries (cells centred in their rows keep no TT on a row's
        // first line); else the entries tell the rows
        let by_rules = ruled.iter().filter(|&&r| r).count() >= 2
            && (!has_tt || rules_part_entries(&lines, &ruled, tt_col, continued));
        let starts = match by_rules {
            // rules part the rows, or without a TT, blank lines do
            true => ruled,
            false if !has_tt && centred && task_col.is_some() => {
                task_starts(&lines, key_col, continued)
            }
            false if !has_tt => self.after_padding(&lines),
            false => {
                let mut starts = row_starts(&lines, (tt_col, task_col), centred, continued);
                ruled_apart(&lines, &ruled, tt_col, &mut starts);
                starts
            }
        };
        let mut parts: Vec<Part> = Vec::new();
        let mut block: Vec<&TextRow> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            match line {
                BodyLine::Blank => {}
                BodyLine::Section(label, title, at) => {
                    self.close(&mut block, &mut parts, &borders, (tt_col, step), centred);
                    let y = at.map_or((0.0, 0.0), |r| (r.top, r.bottom));
                    parts.push(Part::Section(label.clone(), title.clone(), y));
                }
                BodyLine::Cells(row, _) => {
                    if starts[i] {
                        self.close(&mut block, &mut parts, &borders, (tt_col, step), centred);
                    }
                    block.push(row);
                }
            }
        }
        self.close(&mut block, &mut parts, &borders, (tt_col, step), centred);
        let task_col = task_col.unwrap_or((tt_col + 1).min(self.headers.len() - 1));
        let rest = |parts: &[Part]| {
            continued
                && parts
                    .first()
                    .is_some_and(|p| ends_cut_row(p, key_col, has_tt))
        };
        if centred {
            let cut = rest(&parts);
            // an objective's lines may stand for several rows (merged over
            // them): they stay where they stand, for `merged::runs_on`
            recentre(
                &mut parts,
                (tt_col, task_col),
                has_tt,
                (cut, &self.objectives()),
            );
        }
        let mut grid = self.grid(
            body,
            &borders,
            &parts,
            (tt_col, task_col),
            (by_rules, centred),
        );
        // in a table of centred cells, task lines above the first TT's row
        // end the cut row's task (cells without a task of their own may be a
        // sub-row under a TT merged across the break); recentring may have
        // moved them all
        let own_task = |p: &Part| match p {
            Part::Row(b) => b.lines.iter().any(|(_, cells)| !cells[task_col].is_empty()),
            Part::Section(..) => false,
        };
        grid.ends_cut_row = centred && rest(&parts) && parts.first().is_some_and(own_task);
        grid.flow = Some(Flow {
            header: self.headers.clone(),
            header_below: self.header_below,
            centred,
            runs_on,
            body_left: body.iter().map(TextRow::x0).fold(f32::MAX, f32::min),
        });
        Some((grid, used))
    }

    /// The lines that place the borders: no section row; while prose may
    /// still follow in `rows` (`prose_ahead`), no line of one long phrase
    /// either. Once the prose is cut off, such a line is a row whose cells
    /// the layout squeezed together, and it places borders too.
    fn placing<'r, 'a>(
        &self,
        rows: &'r [TextRow<'a>],
        first_col: f32,
        prose_ahead: bool,
    ) -> Vec<&'r TextRow<'a>> {
        let phrase = |r: &TextRow| {
            let ps = pieces(r, self.s);
            ps.len() == 1 && ps[0].words >= PROSE_WORDS
        };
        rows.iter()
            .filter(|r| section_label(r, first_col).is_none())
            .filter(|r| !(prose_ahead && phrase(r)))
            .collect()
    }

    /// Which body lines have a rule drawn across most of the table right
    /// above them (the first line's rule is the header's).
    fn ruled_between(&self, lines: &[BodyLine]) -> Vec<bool> {
        let (x0, x1) = lines
            .iter()
            .filter_map(BodyLine::row)
            .fold((f32::MAX, f32::MIN), |(a, b), r| {
                (a.min(r.x0()), b.max(r.words.last().map_or(b, |w| w.x1)))
            });
        let mut out: Vec<bool> = under(lines)
            .iter()
            .enumerate()
            .map(|(i, pair)| {
                matches!(lines[i], BodyLine::Cells(..))
                    && pair.is_some_and(|(a, r)| {
                        self.ruled_share((a.baseline, r.top + 1.0), (x0, x1)) >= RULED_ROW
                    })
            })
            .collect();
        if let Some(first) = out.first_mut() {
            *first = matches!(lines[0], BodyLine::Cells(..));
        }
        out
    }

    /// Per column, whether it holds objectives: the one kind of cell a plan
    /// merges over several tasks (a merged cell elsewhere is rare, and a
    /// row ended early looks the same).
    fn objectives(&self) -> Vec<bool> {
        self.headers
            .iter()
            .map(|h| roles::role_of(h) == Some(Role::Objective))
            .collect()
    }

    /// The share of `x0..x1` horizontal rules drawn between heights
    /// `y0..y1` cover (a rule may be drawn cell by cell), the edges of
    /// shaded boxes there counted as rules.
    fn ruled_share(&self, (y0, y1): (f32, f32), (x0, x1): (f32, f32)) -> f32 {
        let drawn = self
            .rules
            .iter()
            .filter(|r| r.is_horizontal() && r.top >= y0 && r.bottom <= y1)
            .map(|r| (r.x0, r.x1));
        let edges = self
            .shades
            .iter()
            .filter(|b| [b.top, b.bottom].iter().any(|&e| (y0..=y1).contains(&e)))
            .map(|b| (b.x0, b.x1));
        covered_length(drawn.chain(edges), x0, x1) / (x1 - x0).max(1.0)
    }

    /// Does a shaded box run down across `y0..y1` over most of `x0..x1`
    /// (one cell shaded down two rows)?
    fn shaded_across(&self, (y0, y1): (f32, f32), (x0, x1): (f32, f32)) -> bool {
        let spans = self
            .shades
            .iter()
            .filter(|b| b.top < y0 && b.bottom > y1)
            .map(|b| (b.x0, b.x1));
        covered_length(spans, x0, x1) / (x1 - x0).max(1.0) >= RULED_CELL
    }

    /// Row starts in a table without a TT column: after a blank line, or a
    /// step from the line above wider than the usual (the cells' padding);
    /// where no padding shows, where the first cell and another start in
    /// capitals.
    fn after_padding(&self, lines: &[BodyLine]) -> Vec<bool> {
        let usual = cells_step(lines);
        let mut out = after_blank(lines);
        for (i, pair) in under(lines).iter().enumerate() {
            if matches!(lines[i], BodyLine::Cells(..))
                && pair.is_some_and(|(a, r)| r.baseline - a.baseline > usual * self.s.row_step)
            {
                out[i] = true;
            }
        }
        if out.iter().filter(|&&s| s).count() <= 1 {
            // no padding shows (laid-out text): a row starts where its
            // first cell and another start in capitals, and no cell goes on
            // from the line above ("đầu tư" under "Phòng Quản lý", "5/2026"
            // under "Tháng")
            let opens = |t: &String| t.chars().next().is_some_and(|c| c.is_uppercase());
            let mut above: Vec<String> = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                if let BodyLine::Cells(_, c) = l {
                    let goes_on = c
                        .iter()
                        .enumerate()
                        .any(|(k, t)| goes_on_from(above.get(k).map_or("", String::as_str), t));
                    out[i] |= opens(&c[0]) && c[1..].iter().any(opens) && !goes_on;
                    above.resize(above.len().max(c.len()), String::new());
                    for (k, t) in c.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
                        above[k] = t.clone();
                    }
                }
            }
        }
        out
    }

    /// The lines of the body: blank where the step from the line above is
    /// well over the table's usual one, a section row where a label opens
    /// the line, a page number (a short lone number away from the first
    /// column, apart at the body's top or foot) blank.
    fn body_lines<'r, 'a>(
        &self,
        body: &'r [TextRow<'a>],
        borders: &[f32],
        first_col: f32,
    ) -> Vec<BodyLine<'r, 'a>> {
        let snap = self.s.start_snap * self.em;
        let usual = usual_step(body, borders, snap);
        let mut out = Vec::new();
        for (k, r) in body.iter().enumerate() {
            if k > 0 && r.baseline - body[k - 1].baseline > self.s.blank_step * usual {
                out.push(BodyLine::Blank);
            }
            if let Some(label) =
                section_label(r, first_col).or_else(|| group_label(body, k, borders, self.s))
            {
                let title = normalize(&r.text())
                    .trim_start_matches(label.as_str())
                    .trim()
                    .to_string();
                out.push(BodyLine::Section(label, title, Some(r)));
                continue;
            }
            // a section's title in capitals wrapped onto the next lines
            // ("I  CÔNG TÁC XÂY DỰNG," over "THẨM ĐỊNH VÀ KIỂM"), its count
            // too ("CHỨC (03 nhiệm vụ)")
            if let Some(BodyLine::Section(_, title, _)) = out.last_mut()
                && r.words.first().is_some_and(|w| !super::is_number(&w.text))
                && crate::document::is_capitals(before_count(&r.text()))
                && k > 0
                && r.baseline - body[k - 1].baseline <= self.s.blank_step * usual
            {
                title.push(' ');
                title.push_str(&normalize(&r.text()));
                continue;
            }
            let cells = texts(
                &r.words,
                &columns::columns_of(&r.words, borders, snap),
                borders.len() + 1,
            );
            // a page number sits apart at the body's top or foot; a lone
            // "2026" inside the body is a wrapped cell
            let apart =
                |a: &TextRow, b: &TextRow| b.baseline - a.baseline > self.s.blank_step * usual;
            let at_edge = (k == 0 && body.get(1).is_some_and(|n| apart(r, n)))
                || (k + 1 == body.len() && k > 0 && apart(&body[k - 1], r));
            if at_edge && is_page_number(&cells) {
                out.push(BodyLine::Blank);
            } else {
                out.push(BodyLine::Cells(r, cells));
            }
        }
        out
    }

    /// The first line that is prose, not a row: one phrase of eight words
    /// or more that opens in the first columns and runs across two borders
    /// or more, a word cut by one of them. (A row whose layout squeezed its
    /// cells together opens further right, or starts each cell at its
    /// border.)
    fn prose_at(&self, body: &[TextRow], borders: &[f32], first_col: f32) -> Option<usize> {
        let snap = self.s.start_snap * self.em;
        let opens_left = |p: &Piece| borders.get(1).is_none_or(|&b| p.x0 < b);
        (0..body.len())
            .find(|&k| {
                let r = &body[k];
                let ps = pieces(r, self.s);
                ps.len() == 1
                && ps[0].words >= PROSE_WORDS
                && opens_left(&ps[0])
                && borders
                    .iter()
                    .filter(|&&b| ps[0].x0 < b - snap && b < ps[0].x1)
                    .count()
                    >= 2
                // a row's words start at the borders; prose runs over them
                && borders.iter().any(|&b| r.words.iter().any(|w| cuts(w, b, snap)))
                && section_label(r, first_col).is_none()
                && group_label(body, k, borders, self.s).is_none()
            })
            .filter(|&at| !entry_follows(&body[at + 1..], borders, self.s))
    }

    /// Cuts the lines gathered for a row and adds it to the parts.
    fn close<'r, 'a>(
        &self,
        block: &mut Vec<&'r TextRow<'a>>,
        parts: &mut Vec<Part<'r, 'a>>,
        borders: &[f32],
        (tt_col, step): (usize, f32),
        centred: bool,
    ) {
        if block.is_empty() {
            return;
        }
        let lines = std::mem::take(block);
        parts.push(Part::Row(self.cut(
            &lines,
            borders,
            (tt_col, step),
            centred,
        )));
    }

    /// A row's lines cut into cells. A phrase running across a border into
    /// columns the row leaves empty is one cell spanning them (a group's
    /// title), kept in the column it starts in; the other words go by
    /// borders fitted to the row's own lines (a cell's lines share their
    /// left edge even where the page's layout shifted them). A row whose
    /// cells start anew after a gap in two or more columns holds sub-rows
    /// that share the cells running through. `centred`: the cells are
    /// centred vertically, so a column's text may start late in the row and
    /// no sub-rows are told apart; `step`: the table's leading.
    fn cut<'r, 'a>(
        &self,
        lines: &[&'r TextRow<'a>],
        page: &[f32],
        (tt_col, step): (usize, f32),
        centred: bool,
    ) -> Block<'r, 'a> {
        let cols = page.len() + 1;
        let snap = self.s.start_snap * self.em;
        let by_page: Vec<Vec<usize>> = lines
            .iter()
            .map(|r| columns::columns_of(&r.words, page, snap))
            .collect();
        // a group's title spanning the row stands on one line
        let pinned = match lines.len() {
            1 => spanning(lines, &by_page, page, snap, self.s),
            _ => lines.iter().map(|r| vec![None; r.words.len()]).collect(),
        };
        // each free word with whether a wide gap (or its line's start) is before it
        let mut free: Vec<(bool, &Word)> = Vec::new();
        for (r, pins) in lines.iter().zip(&pinned) {
            let gap = self.s.phrase_gap * r.size;
            free.extend(
                r.words
                    .iter()
                    .enumerate()
                    .zip(pins)
                    .filter(|(_, p)| p.is_none())
                    .map(|((k, w), _)| (k == 0 || w.x0 - r.words[k - 1].x1 >= gap, *w)),
            );
        }
        let exact = !columns::on_character_grid(lines, self.em);
        let own = columns::fitted(&free, page, (self.em, exact), self.s);
        let mut out = Block {
            lines: Vec::new(),
            starts: Vec::new(),
            shared: Vec::new(),
        };
        let mut texts_per_line: Vec<Vec<String>> = Vec::new();
        let roles: Vec<Option<Role>> = self.headers.iter().map(|h| roles::role_of(h)).collect();
        let mut by_line = columns::line_columns(lines, &own, &roles, self.pairs, self.em, self.s);
        task_words_out_of_tt(lines, &mut by_line, tt_col, cols);
        for (i, (r, mut col)) in lines.iter().zip(by_line).enumerate() {
            for (k, c) in col.iter_mut().enumerate() {
                if let Some(p) = pinned[i][k] {
                    *c = p;
                }
            }
            let mut cells: Vec<Vec<&Word>> = vec![Vec::new(); cols];
            for (w, &c) in r.words.iter().zip(&col) {
                cells[c.min(cols - 1)].push(*w);
            }
            texts_per_line.push(texts(&r.words, &col, cols));
            out.lines.push((*r, cells));
        }
        out.starts = if centred {
            vec![0]
        } else {
            let baselines: Vec<f32> = lines.iter().map(|r| r.baseline).collect();
            let gap = self.s.blank_step * step;
            sub_row_starts(&texts_per_line, &baselines, tt_col, gap)
        };
        // (a table without a TT column has none to share)
        let tt = roles.get(tt_col) == Some(&Some(Role::Tt));
        out.shared = (0..cols)
            .map(|c| {
                c == tt_col && tt
                    || out
                        .starts
                        .iter()
                        .skip(1)
                        .all(|&s| runs_through(&texts_per_line, s, c))
            })
            .collect();
        out
    }

    /// The grid of the header and the parts: one atomic row per section
    /// row and per sub-row, a row's shared columns merged down its
    /// sub-rows.
    fn grid(
        &self,
        body: &[TextRow],
        borders: &[f32],
        parts: &[Part],
        (tt_col, task_col): (usize, usize),
        (by_rules, centred): (bool, bool),
    ) -> Grid {
        let all = self.header.iter().chain(body);
        let x_min = all.clone().map(TextRow::x0).fold(f32::MAX, f32::min) - 1.0;
        let x_max = all
            .flat_map(|r| r.words.iter().map(|w| w.x1))
            .fold(f32::MIN, f32::max)
            + 1.0;
        let mut xs = vec![x_min];
        xs.extend(borders.iter().map(|b| b.clamp(x_min, x_max)));
        xs.push(x_max);
        let cols = xs.len() - 1;
        // (row, col, rows, cols, lines), and each atomic row's extent
        let mut specs: Vec<CellSpec> = Vec::new();
        let mut extents: Vec<(f32, f32)> = Vec::new();
        if let (Some(first), Some(last)) = (self.header.first(), self.header.last()) {
            let (top, bottom) = (first.top, last.bottom);
            for (c, h) in self.headers.iter().enumerate() {
                let line = text_line(h, (xs[c], xs[c + 1]), (top, bottom), self.em);
                specs.push((0, c, 1, 1, vec![line]));
            }
            extents.push((top, bottom));
        }
        let mut sections = Vec::new();
        for part in parts {
            let row = extents.len();
            match part {
                Part::Section(label, title, y) => {
                    sections.push(row);
                    for c in 0..cols {
                        let text = match c {
                            _ if c == tt_col => label.as_str(),
                            _ if c == task_col => title.as_str(),
                            _ => "",
                        };
                        let lines = if text.is_empty() {
                            Vec::new()
                        } else {
                            vec![text_line(text, (xs[c], xs[c + 1]), *y, self.em)]
                        };
                        specs.push((row, c, 1, 1, lines));
                    }
                    extents.push(*y);
                }
                Part::Row(b) => {
                    let subs = b.starts.len();
                    for k in 0..subs {
                        let rows = &b.lines[b.sub(k)];
                        extents.push((
                            rows.iter().map(|(r, _)| r.top).fold(f32::MAX, f32::min),
                            rows.iter().map(|(r, _)| r.bottom).fold(f32::MIN, f32::max),
                        ));
                    }
                    for c in 0..cols {
                        if b.shared[c] || subs == 1 {
                            specs.push((row, c, subs, 1, cell_lines(&b.lines, c)));
                            continue;
                        }
                        for k in 0..subs {
                            specs.push((row + k, c, 1, 1, cell_lines(&b.lines[b.sub(k)], c)));
                        }
                    }
                }
            }
        }
        // where drawn rules part the rows, they show the merges too
        let drawn = by_rules && self.merge_unruled(&mut specs, &extents, &xs);
        if !drawn {
            let mut may_merge = self.objectives();
            may_merge.truncate(cols);
            if !self.header.is_empty() {
                sections.push(0);
            }
            self.merge_shaded(&mut specs, &extents, &xs, (&sections, &may_merge));
            merged::runs_on(&mut specs, &extents, (&sections, centred), &may_merge);
        }
        let mut ys = vec![extents.first().map_or(0.0, |e| e.0) - 1.0];
        for w in extents.windows(2) {
            ys.push(((w[0].1 + w[1].0) / 2.0).max(*ys.last().unwrap_or(&0.0) + 0.01));
        }
        let bottom = extents.last().map_or(0.0, |e| e.1) + 1.0;
        ys.push(bottom.max(*ys.last().unwrap_or(&0.0) + 0.01));
        let mut cells: Vec<Cell> = specs
            .into_iter()
            .map(|(row, col, row_span, col_span, lines)| Cell {
                row,
                col,
                row_span,
                col_span,
                x0: xs[col],
                x1: xs[col + col_span],
                top: ys[row],
                bottom: ys[row + row_span],
                lines,
                padding: 0.0,
            })
            .collect();
        cells.sort_by_key(|c| (c.row, c.col));
        let padding = cells
            .iter()
            .flat_map(|c| c.lines.iter().map(move |l| l.x0 - c.x0))
            .fold(f32::MAX, f32::min)
            .clamp(0.0, 10.0);
        for c in &mut cells {
            c.padding = padding;
        }
        Grid {
            page: self.page,
            xs,
            ys,
            cells,
            ruled: false,
            ..Default::default()
        }
    }
}

/// Does the first part on a page the table goes on to end the row the page
/// break cut: no TT (`key_col` the TT column), or in a table without TT no
/// task opening in it (`key_col` the task column)?
fn ends_cut_row(part: &Part, key_col: usize, has_tt: bool) -> bool {
    let Part::Row(b) = part else { return false };
    let mut key = b
        .lines
        .iter()
        .map(|(_, cells)| &cells[key_col])
        .filter(|w| !w.is_empty());
    match (has_tt, key.next()) {
        (_, None) => true,
        (true, Some(_)) => false,
        (false, Some(w)) => !capital(&w[0].text),
    }
}

/// In a table of vertically centred cells each cell's lines stand around
/// its row's middle: its TT, or in a table without one the middle of its
/// task's lines. The anchor columns (TT and task) stay as cut; each other
/// column's lines, in order down the page, are parted into one cell per
/// row, in order, so that the cells' middles lie nearest their rows' (the
/// least summed distance): a cell may start above the line its row was cut
/// at, or run on below it. The rest of a row a page break cut (a first
/// part without an anchor) takes lines at no cost. Columns `kept` (true) stay
/// as cut.
fn recentre(
    parts: &mut Vec<Part>,
    (tt_col, task_col): (usize, usize),
    has_tt: bool,
    (rest, kept): (bool, &[bool]),
) {
    let rows: Vec<(usize, Option<Anchor>)> = parts
        .iter()
        .enumerate()
        .filter_map(|(p, part)| match part {
            Part::Row(b) => Some((p, b)),
            Part::Section(..) => None,
        })
        .enumerate()
        .map(|(j, (p, b))| (p, anchor(b, (tt_col, task_col), has_tt, rest && j == 0)))
        .collect();
    let cols = rows.first().and_then(|&(p, _)| match &parts[p] {
        Part::Row(b) => b.lines.first().map(|(_, c)| c.len()),
        Part::Section(..) => None,
    });
    let centred_column = |c: usize| !top_aligned(parts, &rows, c, task_col);
    let moving: Vec<usize> = (0..cols.unwrap_or(0))
        .filter(|&c| {
            c != tt_col && c != task_col && kept.get(c) != Some(&true) && centred_column(c)
        })
        .collect();
    for c in moving {
        // the column's lines in order: (row, line in its part, baseline)
        let mut at: Vec<(usize, usize, f32)> = Vec::new();
        for (j, &(p, _)) in rows.iter().enumerate() {
            if let Part::Row(b) = &parts[p] {
                for (k, (r, cells)) in b.lines.iter().enumerate() {
                    if !cells[c].is_empty() {
                        at.push((j, k, r.baseline));
                    }
                }
            }
        }
        let anchors: Vec<Option<Anchor>> = rows.iter().map(|r| r.1).collect();
        let owner = centred_cells(&at, &anchors);
        for (&(j, k, _), &to) in at.iter().zip(&owner).filter(|(x, to)| x.0 != **to) {
            let (Part::Row(from), p) = (&mut parts[rows[j].0], rows[to].0) else {
                continue;
            };
            let row = from.lines[k].0;
            let words = std::mem::take(&mut from.lines[k].1[c]);
            let Part::Row(into) = &mut parts[p] else {
                continue;
            };
            let mut cells = vec![Vec::new(); into.shared.len().max(c + 1)];
            cells[c] = words;
            into.lines.push((row, cells));
        }
    }
    for part in parts.iter_mut() {
        if let Part::Row(b) = part {
            b.lines
                .retain(|(_, cells)| cells.iter().any(|w| !w.is_empty()));
            b.lines
                .sort_by(|a, b| a.0.baseline.total_cmp(&b.0.baseline));
        }
    }
    // a part whose every line went to the row it is centred on (a cell's
    // first line above the page's first task) is gone: with no lines it
    // would have no place
    parts.retain(|p| !matches!(p, Part::Row(b) if b.lines.is_empty()));
}

/// Is a column set at the top of its cells (in a table whose TT and times
/// are centred): in every row, as cut, does its text start on the row's
/// first task line? A centred cell shorter than its row's task starts
/// below it, in a quarter of the rows at least. Such a column stays as cut.
fn top_aligned(
    parts: &[Part],
    rows: &[(usize, Option<Anchor>)],
    c: usize,
    task_col: usize,
) -> bool {
    let (mut seen, mut elsewhere) = (0, 0);
    for &(p, _) in rows.iter().filter(|r| r.1.is_some()) {
        let Part::Row(b) = &parts[p] else { continue };
        let first = |k: usize| b.lines.iter().position(|(_, cells)| !cells[k].is_empty());
        if let (Some(t), Some(f)) = (first(task_col), first(c)) {
            seen += 1;
            elsewhere += usize::from(f != t);
        }
    }
    seen > 0 && elsewhere * 4 < seen.max(4)
}

/// What a centred row's cells stand around: its TT's line, in a table
/// without TT (`has_tt`) the middle of its task's lines (without either,
/// its middle line). None for the rest of a row the page break cut
/// (`rest`): its middle is on the page before.
fn anchor(
    b: &Block,
    (tt_col, task_col): (usize, usize),
    has_tt: bool,
    rest: bool,
) -> Option<Anchor> {
    if rest {
        return None;
    }
    let filled = |c: usize| {
        b.lines
            .iter()
            .filter(move |(_, cells)| !cells[c].is_empty())
            .map(|(r, _)| r.baseline)
    };
    let task = filled(task_col)
        .next()
        .map(|top| (top, filled(task_col).next_back().unwrap_or(top)));
    let tt = filled(tt_col).next().filter(|_| has_tt);
    let middle = tt
        .or(task.map(|(t, b)| (t + b) / 2.0))
        .or_else(|| b.lines.get(b.lines.len() / 2).map(|(r, _)| r.baseline))?;
    let (top, height) = task.map_or((middle, f32::MAX), |(t, b)| (t, b - t));
    Some(Anchor {
        middle,
        top,
        height,
    })
}

/// Where a centred row stands: its middle, and where its task starts and
/// how tall it is.
#[derive(Clone, Copy)]
struct Anchor {
    middle: f32,
    top: f32,
    height: f32,
}

/// Spans weighed at most when parting one column's lines into centred
/// cells (rows × lines²): 40 ms or so.
const CENTRING_BUDGET: usize = 20_000_000;

/// Which row each of a column's lines (row it was cut into, line, baseline;
/// in order down the page) belongs to: the parting of the lines into
/// consecutive cells, one per row at most and rows in order, whose middles
/// lie nearest their rows' `anchors` (none: any cell at no cost). A line
/// moved from the row it was cut into costs a little, so ties stay as cut.
fn centred_cells(at: &[(usize, usize, f32)], anchors: &[Option<Anchor>]) -> Vec<usize> {
    const MOVE: f32 = 1e-3;
    const TALLER: f32 = 0.25;
    let (m, rows) = (at.len(), anchors.len());
    // the parting weighs every span of lines for every row: a page of
    // thousands of tiny lines keeps its lines as cut rather than hang
    if rows.saturating_mul(m).saturating_mul(m) > CENTRING_BUDGET {
        return at.iter().map(|x| x.0).collect();
    }
    // a cell off its row's middle costs the distance; one taller than the
    // row's task half that more (else a cell could grow by a line each way
    // at no cost, taking its neighbours' lines)
    let cost = |j: usize, a: usize, b: usize| -> f32 {
        if a == b {
            return 0.0;
        }
        let moved = at[a..b].iter().filter(|x| x.0 != j).count() as f32 * MOVE;
        let (top, bottom) = (at[a].2, at[b - 1].2);
        let off = |r: Anchor| {
            ((top + bottom) / 2.0 - r.middle).abs() + TALLER * (bottom - top - r.height).max(0.0)
        };
        match anchors[j] {
            Some(r) => off(r) + moved,
            // the rest of a row cut overleaf: lines above the next row's task
            None if anchors
                .get(j + 1)
                .copied()
                .flatten()
                .is_none_or(|r| bottom < r.top) =>
            {
                moved
            }
            None => f32::INFINITY,
        }
    };
    // best[j][i]: the least cost of the first i lines in the first j rows
    let mut best = vec![vec![f32::INFINITY; m + 1]; rows + 1];
    let mut from = vec![vec![0usize; m + 1]; rows + 1];
    best[0][0] = 0.0;
    for j in 0..rows {
        for b in 0..=m {
            for a in 0..=b {
                let v = best[j][a] + cost(j, a, b);
                if v < best[j + 1][b] {
                    (best[j + 1][b], from[j + 1][b]) = (v, a);
                }
            }
        }
    }
    let mut owner = vec![0; m];
    let mut b = m;
    for j in (0..rows).rev() {
        let a = from[j + 1][b];
        owner[a..b].fill(j);
        b = a;
    }
    owner
}

/// A line's text before a count in brackets that ends it ("CHỨC (03
/// nhiệm vụ)" → "CHỨC"); the whole text where none does or nothing is
/// before it.
fn before_count(text: &str) -> &str {
    match text.trim_end().strip_suffix(')').and_then(|t| t.rfind('(')) {
        Some(at) if !text[..at].trim().is_empty() => text[..at].trim_end(),
        _ => text,
    }
}

/// One short number alone, away from the first column.
fn is_page_number(cells: &[String]) -> bool {
    let filled: Vec<usize> = (0..cells.len()).filter(|&c| !cells[c].is_empty()).collect();
    match filled[..] {
        [c] => c > 0 && cells[c].len() <= 3 && cells[c].chars().all(|ch| ch.is_ascii_digit()),
        _ => false,
    }
}

/// Does a TT entry open one of the next lines, apart from the text after
/// it ("1    thị để phát triển")? Then the line before is a row whose
/// cells laid-out text squeezed into one phrase, not prose after the
/// table (a numbered paragraph sets its number one space before the text).
fn entry_follows(after: &[TextRow], borders: &[f32], s: &Settings) -> bool {
    let first_border = borders.first().copied().unwrap_or(f32::MAX);
    after.iter().take(ENTRY_LOOKAHEAD).any(|r| {
        let ps = pieces(r, s);
        ps.len() >= 2 && ps[0].x1 < first_border && super::is_number(&ps[0].text)
    })
}

/// How many lines after a squeezed line [`entry_follows`] looks at: a
/// centred TT stands in the middle of its row's lines.
const ENTRY_LOOKAHEAD: usize = 3;

/// The table's usual step from one line of a cell to the next, the
/// leading (the lower quartile of the steps: blank lines part some rows,
/// never most lines). Cells centred in rows of different heights set
/// their lines half a step apart: a step counts from a line to the next of
/// its column, or to the next line of the table where the two do not
/// overlap (laid-out text sets every line of a cell on a line of its own).
fn usual_step(body: &[TextRow], borders: &[f32], snap: f32) -> f32 {
    let cols: Vec<Vec<usize>> = body
        .iter()
        .map(|r| columns::columns_of(&r.words, borders, snap))
        .collect();
    let column = |c: usize| {
        body.iter()
            .zip(&cols)
            .filter(|(_, cs)| cs.contains(&c))
            .map(|(r, _)| r.baseline)
            .collect()
    };
    leading(
        body.iter().map(|r| (r.top, r.bottom, r.baseline)),
        (0..=borders.len()).map(column),
    )
}

/// The lower quartile of the steps from each line (top, bottom, baseline)
/// to the next that it does not overlap, and between each column's
/// baselines.
fn leading(
    lines: impl Iterator<Item = (f32, f32, f32)>,
    columns: impl Iterator<Item = Vec<f32>>,
) -> f32 {
    let lines: Vec<(f32, f32, f32)> = lines.collect();
    let mut all: Vec<f32> = lines
        .windows(2)
        .filter(|w| w[1].0 >= w[0].1)
        .map(|w| w[1].2 - w[0].2)
        .collect();
    all.extend(columns.flat_map(|ys| steps(ys.into_iter())));
    all.sort_by(f32::total_cmp);
    lower_quartile(&all).unwrap_or(f32::MAX)
}

/// [`usual_step`] of body lines cut into cells.
fn cells_step(lines: &[BodyLine]) -> f32 {
    let cells: Vec<(&TextRow, &Vec<String>)> = lines
        .iter()
        .filter_map(|l| match l {
            BodyLine::Cells(r, c) => Some((*r, c)),
            _ => None,
        })
        .collect();
    let cols = cells.first().map_or(0, |(_, c)| c.len());
    let column = |k: usize| {
        cells
            .iter()
            .filter(|(_, c)| !c[k].is_empty())
            .map(|(r, _)| r.baseline)
            .collect()
    };
    leading(
        cells.iter().map(|(r, _)| (r.top, r.bottom, r.baseline)),
        (0..cols).map(column),
    )
}

/// The steps from each baseline to the next, smallest first.
fn steps(baselines: impl Iterator<Item = f32>) -> Vec<f32> {
    let ys: Vec<f32> = baselines.collect();
    let mut steps: Vec<f32> = ys.windows(2).map(|w| w[1] - w[0]).collect();
    steps.sort_by(f32::total_cmp);
    steps
}

/// The lower quartile of sorted values.
fn lower_quartile(sorted: &[f32]) -> Option<f32> {
    sorted.get(sorted.len() / 4).copied()
}

/// Where a table ends that prose follows at row `at`: before the prose's
/// headings — section lines, or lines with nothing in the first column
/// after a blank line ("III. KINH PHÍ THỰC HIỆN", "b) Nhiệm vụ khác").
/// `first_col`: where a section label may start, at most; `tt_end`: the
/// first column's border.
fn heading_before(
    body: &[TextRow],
    mut at: usize,
    (first_col, tt_end): (f32, f32),
    blank: f32,
) -> usize {
    while at > 0 {
        let r = &body[at - 1];
        let after_blank = at >= 2 && r.baseline - body[at - 2].baseline > blank;
        let no_tt = r.words.first().is_none_or(|w| w.x0 >= tt_end);
        let heading = is_heading(r, first_col) || (no_tt && after_blank);
        if !heading {
            break;
        }
        at -= 1;
    }
    at
}

impl Table<'_, '_> {
    /// In a table whose rows rules part, a column the rule between two rows
    /// leaves open holds one cell down both (a merged cell). Whether any
    /// rule drawn (not a shade's edge) parts two rows.
    fn merge_unruled(&self, specs: &mut Vec<CellSpec>, extents: &[(f32, f32)], xs: &[f32]) -> bool {
        let mut any_drawn = false;
        let first_body = usize::from(!self.header.is_empty());
        let (left, right) = (xs[0], xs[xs.len() - 1]);
        for r in (first_body + 1..extents.len()).rev() {
            let gap = (extents[r - 1].0, extents[r].0 + 1.0);
            // where only shades part the rows, a column left unshaded
            // (white) shows no merge: one box shaded down both rows does
            let drawn = self.rules.iter().any(|l| {
                l.is_horizontal()
                    && l.top >= gap.0
                    && l.bottom <= gap.1
                    && l.x1 > left
                    && l.x0 < right
            });
            any_drawn |= drawn;
            for c in 0..xs.len() - 1 {
                let cell = (xs[c], xs[c + 1]);
                if self.ruled_share(gap, cell) >= RULED_CELL
                    || !drawn && !self.shaded_across(gap, cell)
                {
                    continue;
                }
                if let (Some(a), Some(b)) = (merged::above(specs, r, c), merged::at(specs, r, c)) {
                    merged::join(specs, a, b);
                }
            }
        }
        any_drawn
    }
}

impl Table<'_, '_> {
    /// Where boxes shade the rows in groups (their edges inside the body),
    /// a cell of a column that may merge (`columns`) runs down the empty
    /// cells beside it that its box shades too: one box over a merged
    /// "Mục tiêu" and its tasks. Section rows and the header bound it.
    fn merge_shaded(
        &self,
        specs: &mut Vec<CellSpec>,
        extents: &[(f32, f32)],
        xs: &[f32],
        (sections, columns): (&[usize], &[bool]),
    ) {
        let (Some(first), Some(last)) = (extents.first(), extents.last()) else {
            return;
        };
        let inside = |y: f32| first.1 < y && y < last.0;
        // one box behind the whole table says nothing of its rows
        if !self
            .shades
            .iter()
            .any(|b| inside(b.top) || inside(b.bottom))
        {
            return;
        }
        let empty = |s: &CellSpec| s.4.iter().all(|l| l.text.trim().is_empty());
        for c in (0..columns.len()).filter(|&c| columns[c]) {
            for r in (1..extents.len()).rev() {
                let gap = (extents[r - 1].0, extents[r].0 + 1.0);
                if sections.contains(&r) || !self.shaded_across(gap, (xs[c], xs[c + 1])) {
                    continue;
                }
                let above = merged::above(specs, r, c).filter(|&a| !sections.contains(&specs[a].0));
                if let (Some(a), Some(b)) = (above, merged::at(specs, r, c))
                    && (empty(&specs[a]) || empty(&specs[b]))
                {
                    merged::join(specs, a, b);
                }
            }
        }
    }
}

/// A cell before it is placed: its row, column, rows and columns it
/// spans, and its lines.
pub(super) type CellSpec = (usize, usize, usize, usize, Vec<Line>);

/// Per line, the column a word of a phrase crossing a page border is
/// pinned to: the phrase's first, when a border cuts a word of it and the
/// row's other lines leave the columns it runs into empty.
fn spanning(
    lines: &[&TextRow],
    by_page: &[Vec<usize>],
    page: &[f32],
    snap: f32,
    s: &Settings,
) -> Vec<Vec<Option<usize>>> {
    let mut out: Vec<Vec<Option<usize>>> =
        lines.iter().map(|r| vec![None; r.words.len()]).collect();
    for (i, r) in lines.iter().enumerate() {
        let gap = s.phrase_gap * r.size;
        // how many of the line's words each column holds
        let mut per_col = vec![0usize; page.len() + 1];
        for &c in &by_page[i] {
            per_col[c.min(page.len())] += 1;
        }
        let mut k = 0;
        while k < r.words.len() {
            let mut end = k + 1;
            while end < r.words.len() && r.words[end].x0 - r.words[end - 1].x1 < gap {
                end += 1;
            }
            let (c0, c1) = (by_page[i][k], by_page[i][end - 1]);
            let cut = r.words[k..end]
                .iter()
                .any(|w| page.iter().any(|&b| cuts(w, b, snap)));
            let others_empty = (0..lines.len())
                .filter(|&j| j != i)
                .all(|j| by_page[j].iter().all(|&c| c <= c0 || c > c1));
            let spanned = |c: &usize| (c0 + 1..=c1).contains(c);
            let own = by_page[i][k..end].iter().filter(|c| spanned(c)).count();
            let rest_of_line_empty = c1 <= c0
                || (c0 + 1..=c1.min(page.len()))
                    .map(|c| per_col[c])
                    .sum::<usize>()
                    == own;
            // nothing after it on the line: a title, not touching cells
            let last_on_line = by_page[i][end..].is_empty();
            if c1 > c0 && (cut || last_on_line) && others_empty && rest_of_line_empty {
                out[i][k..end].iter_mut().for_each(|p| *p = Some(c0));
            }
            k = end;
        }
    }
    out
}

/// A line's text per column, given each word's column.
fn texts(words: &[&Word], col: &[usize], cols: usize) -> Vec<String> {
    let mut out = vec![String::new(); cols];
    for (w, &c) in words.iter().zip(col) {
        let cell = &mut out[c.min(cols - 1)];
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(&w.text);
    }
    out.iter().map(|t| normalize(t)).collect()
}

/// A column's lines within some lines of a row: each line's words there
/// joined into one [`Line`].
fn cell_lines(lines: &[(&TextRow, Vec<Vec<&Word>>)], c: usize) -> Vec<Line> {
    lines
        .iter()
        .filter_map(|(_, cells)| joined(&cells[c]))
        .collect()
}

/// Words of one line of a cell as one [`Line`].
fn joined(words: &[&Word]) -> Option<Line> {
    let (first, last) = (words.first()?, words.last()?);
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    Some(Line {
        text: texts.join(" "),
        x0: first.x0,
        x1: last.x1,
        top: words.iter().map(|w| w.top).fold(f32::MAX, f32::min),
        bottom: words.iter().map(|w| w.bottom).fold(f32::MIN, f32::max),
        baseline: first.baseline,
        size: first.size,
        bold: words.iter().all(|w| w.bold),
        first_width: first.first_width,
        ends_with_space: last.ends_with_space,
        stamped: words.iter().all(|w| w.stamped),
    })
}

/// A line of text the reconstructor sets itself (a header label, a
/// section's label or title).
fn text_line(text: &str, (x0, x1): (f32, f32), (top, bottom): (f32, f32), size: f32) -> Line {
    Line {
        text: text.to_string(),
        x0,
        x1,
        top,
        bottom,
        baseline: bottom,
        size,
        bold: false,
        first_width: 0.0,
        ends_with_space: false,
        stamped: false,
    }
}

/// The label of a section row: a Roman numeral or a letter in the first
/// column (left of `first_col`), then a title.
fn section_label(row: &TextRow, first_col: f32) -> Option<String> {
    let first = row.words.first()?;
    let label = first.text.clone();
    // a bare capital opens a title ("B NHIỆM VỤ", "I Cải cách"), not a word
    // of a cell ("Y tế và UBND tỉnh")
    let marked = label.ends_with(['.', ')']);
    let titled = row.words.get(1).is_some_and(|w| capital(&w.text));
    (row.words.len() > 1
        && first.x0 < first_col
        && !is_bullet(&label)
        && (marked || titled)
        && matches!(
            SectionKind::of(&label),
            Some(SectionKind::Roman | SectionKind::Letter)
        ))
    .then_some(label)
}

/// A numbered group row ("1    Nhóm nhiệm vụ hoàn thiện cơ chế (03 nhiệm
/// vụ)", "1. Nâng cao chất lượng tiếp nhận"): a number in the first
/// column, then one phrase that either counts the group's rows or runs
/// across a border and has rows numbered under it next ("a)", "1.1"). Its
/// TT stands on its own line, unlike a centred row's, and laid-out text
/// may have squeezed the lines of the row under it right below.
fn group_label(rows: &[TextRow], k: usize, borders: &[f32], s: &Settings) -> Option<String> {
    let row = &rows[k];
    let (number, title) = row.words.split_first()?;
    let first_border = *borders.first()?;
    let (x0, x1) = (title.first()?.x0, title.last()?.x1);
    let gap = s.phrase_gap * row.size;
    let phrase = title.windows(2).all(|w| w[1].x0 - w[0].x1 < gap);
    let across = borders.iter().any(|&b| x0 < b && b < x1);
    if number.x1 >= first_border || !super::is_number(&number.text) || !phrase {
        return None;
    }
    let text: Vec<&str> = title.iter().map(|w| w.text.as_str()).collect();
    // a count names a group even within the task column
    let counts = crate::validate::counts_in_title(&text.join(" "));
    let grouped = counts || across && child_follows(&rows[k + 1..], &number.text, first_border);
    grouped.then(|| number.text.clone())
}

/// Is the next TT entry under a group labelled `label` one of its
/// children: a letter item ("a)", "a.") or a number under it ("1.1")?
fn child_follows(after: &[TextRow], label: &str, first_border: f32) -> bool {
    let parent = label.trim_end_matches(['.', ')']);
    // a letter item as a TT writes it: "a)", "a."
    let letter = |t: &str| t.ends_with([')', '.']) && crate::records::is_letter_label(t);
    // (a centred row sets its TT halfway down its lines)
    let entry = after.iter().take(CHILD_LOOKAHEAD).find_map(|r| {
        let w = r.words.first().filter(|w| w.x1 < first_border)?;
        let t = w.text.as_str();
        (super::is_number(t) || letter(t)).then_some(t)
    });
    entry.is_some_and(|t| {
        letter(t)
            || t.strip_prefix(parent)
                .and_then(|r| r.strip_prefix('.'))
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// How many lines under a group row [`child_follows`] looks at.
const CHILD_LOOKAHEAD: usize = 16;

/// A numbered heading of the body after a table ("3. Chế độ báo cáo" under
/// row 4): one phrase, numbered back from the last TT above it (a row
/// fills its other cells; a new section restarts its numbering under its
/// own label, which stands between).
fn falls_back(above: &[TextRow], row: &TextRow, first_col: f32, s: &Settings) -> bool {
    let number = |r: &TextRow| {
        let w = r.words.first().filter(|w| w.x0 < first_col)?;
        w.text.trim_end_matches('.').parse::<u32>().ok()
    };
    let Some(n) = number(row).filter(|_| row.words[0].text.ends_with('.')) else {
        return false;
    };
    let titled = row
        .words
        .get(1)
        .is_some_and(|w| w.text.chars().next().is_some_and(char::is_uppercase));
    let last = above.iter().rev().find_map(number);
    let phrase = pieces(row, s).len() == 1;
    titled && phrase && last.is_some_and(|p| n <= p)
}

/// A heading of the body's ("III. KINH PHÍ", "b) Nhiệm vụ khác"): a
/// section label, or a lower-case item letter, then words in capitals.
fn is_heading(row: &TextRow, first_col: f32) -> bool {
    // an item of a cell ends its clause: "a) Xây dựng phiếu khảo sát;"
    let open_ended = !row.text().ends_with([';', '.', ',', ':']);
    section_label(row, first_col).is_some()
        || (row.words.len() > 1
            && open_ended
            && is_item_letter(&row.words[0].text)
            && row.words[1]
                .text
                .chars()
                .next()
                .is_some_and(char::is_uppercase))
}

/// A section label alone on its line ("III"), its title centred around it
/// in the task column: "Cải cách tổ chức bộ máy hành" above, "chính nhà
/// nước" below. The title lines join the label. A number so set is a
/// group row where its title counts the rows under it.
pub(super) fn title_lone_labels(body: &mut [BodyLine], tt_col: usize, task_col: usize) {
    let task_only = |l: &BodyLine| match l {
        BodyLine::Cells(_, c) => (0..c.len())
            .all(|k| k == task_col || c[k].is_empty())
            .then(|| c[task_col].clone())
            .filter(|t| !t.is_empty()),
        _ => None,
    };
    let starts_upper = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    for i in 0..body.len() {
        let BodyLine::Cells(row, c) = &body[i] else {
            continue;
        };
        let row = *row;
        let lone = c
            .iter()
            .enumerate()
            .all(|(k, t)| k == tt_col || t.is_empty());
        let label = c[tt_col].clone();
        let kind = SectionKind::of(&label);
        if !lone || kind.is_none() {
            continue;
        }
        let filled = |k: &usize| !matches!(body[*k], BodyLine::Blank);
        let before = (0..i).rev().find(filled).and_then(|k| {
            task_only(&body[k])
                .filter(|t| starts_upper(t))
                .map(|t| (k, t))
        });
        let after = (i + 1..body.len())
            .find(filled)
            .and_then(|k| task_only(&body[k]).map(|t| (k, t)));
        let parts: Vec<(usize, String)> = match (before, after) {
            (Some(b), Some(a)) if !starts_upper(&a.1) => vec![b, a],
            (Some(b), _) => vec![b],
            (None, Some(a)) if starts_upper(&a.1) => vec![a],
            _ => Vec::new(),
        };
        let title = parts
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        // a number so set is a centred row's TT, unless its title counts
        // the group's rows ("Nhóm nhiệm vụ …" / "1" / "… (03 nhiệm vụ)")
        let counted = crate::validate::counts_in_title(&title);
        if kind == Some(SectionKind::Arabic) && !counted {
            continue;
        }
        for (k, _) in &parts {
            body[*k] = BodyLine::Blank;
        }
        body[i] = BodyLine::Section(label, title, Some(row));
    }
}

/// A TT column holds entries only. In a row whose TT entry ends before
/// it, a line opening in the TT column with a word in lower case opens
/// the next column ("10 Đề án giải quyết …" over "xã ven biển …", the TT
/// column narrower than the entry and its space).
fn task_words_out_of_tt(
    lines: &[&TextRow],
    by_line: &mut [Vec<usize>],
    tt_col: usize,
    cols: usize,
) {
    let entry_end = lines
        .iter()
        .zip(by_line.iter())
        .filter_map(|(r, col)| {
            let w = r.words.first()?;
            (col.first() == Some(&tt_col) && is_entry(&w.text)).then_some(w.x1)
        })
        .reduce(f32::min);
    let Some(end) = entry_end.filter(|_| tt_col + 1 < cols) else {
        return;
    };
    for (r, col) in lines.iter().zip(by_line.iter_mut()) {
        let opens = r
            .words
            .first()
            .is_some_and(|w| w.x0 > end && is_lower_word(&w.text));
        if opens && col.first() == Some(&tt_col) {
            col.iter_mut()
                .take_while(|c| **c == tt_col)
                .for_each(|c| *c = tt_col + 1);
        }
    }
}

/// A TT cell opening with a word in lower case that is no entry ("xã",
/// not "a)").
fn is_lower_word(cell: &str) -> bool {
    let first = cell.split_whitespace().next().unwrap_or("");
    first.starts_with(char::is_lowercase) && !is_entry(first)
}

/// A TT entry: "12", "1.2.", "IV", "a)".
fn is_entry(t: &str) -> bool {
    super::is_number_or_roman(t) || crate::records::is_letter_label(t)
}

/// Which body lines start a row. A row starts at a TT entry; when blank
/// lines part the rows, a block of lines is one row whatever line its TT
/// sits on; when the cells are centred vertically, a row starts between
/// two TTs where its task does (see [`centred_starts`]).
pub(super) fn row_starts(
    body: &[BodyLine],
    (tt_col, task_col): (usize, Option<usize>),
    centred: bool,
    continued: bool,
) -> Vec<bool> {
    // (a word in lower case there is a task's, where the TT column is
    // narrower than "10" and its space: no entry)
    let has_tt = |l: &BodyLine| {
        matches!(l, BodyLine::Cells(_, c)
            if !c[tt_col].is_empty() && !is_lower_word(&c[tt_col]))
    };
    if blank_parted(body, tt_col) {
        return after_blank(body);
    }
    if centred {
        return centred_starts(body, tt_col, task_col.unwrap_or(tt_col + 1), continued);
    }
    body.iter().map(has_tt).collect()
}

/// Row starts after blank lines (and the first line).
fn after_blank(body: &[BodyLine]) -> Vec<bool> {
    (0..body.len())
        .map(|i| {
            let after_gap = i == 0 || !matches!(body[i - 1], BodyLine::Cells(..));
            after_gap && matches!(body[i], BodyLine::Cells(..))
        })
        .collect()
}

/// The border after the TT column lies right of the TT entries that open
/// lines within its range (a TT centred in a narrow column starts where
/// the border would otherwise go).
fn right_of_entries(
    ranges: &[(f32, f32)],
    body: &[TextRow],
    tt_col: usize,
    has_tt: bool,
) -> Vec<(f32, f32)> {
    let mut out = ranges.to_vec();
    let firsts = || body.iter().filter_map(|r| r.words.first());
    let margin = firsts().map(|w| w.x0).fold(f32::MAX, f32::min);
    if let Some((lo, hi)) = out.get_mut(tt_col).filter(|_| has_tt && tt_col == 0) {
        // entries open lines at the margin (a year a task wrapped does not)
        let ends = firsts()
            .filter(|w| w.x0 < margin + 1.5 * w.size && super::is_number(&w.text))
            .map(|w| w.x1)
            .filter(|x| x < hi);
        *lo = ends.fold(*lo, f32::max);
    }
    out
}

/// Does a rule part every two lines holding a TT entry? Overleaf, lines
/// above the first entry may end the row the page break cut: one rule at
/// most parts them from it.
fn rules_part_entries(lines: &[BodyLine], ruled: &[bool], tt_col: usize, continued: bool) -> bool {
    let mut entries = entry_lines(lines, tt_col);
    let rules_in = |a: usize, b: usize| ruled[a..b].iter().filter(|&&r| r).count();
    let cut = continued && entries.first().is_some_and(|&e| e > 0);
    if cut {
        if rules_in(1, entries[0] + 1) > 1 {
            return false;
        }
        entries.insert(0, 0);
    }
    // one rule in each gap between entries, none within the last row: a
    // rule between sub-rows would make rows of them
    entries.len() >= 2
        && entries
            .windows(2)
            .skip(usize::from(cut))
            .all(|w| rules_in(w[0] + 1, w[1] + 1) == 1)
        && entries
            .last()
            .is_some_and(|&e| rules_in(e + 1, ruled.len()) == 0)
}

/// Does a cell's line go on from the column's line above: in lower case,
/// or a number after the unit of time it counts ("Tháng" over "5/2026")?
fn goes_on_from(above: &str, line: &str) -> bool {
    line.starts_with(char::is_lowercase)
        || above
            .split_whitespace()
            .last()
            .is_some_and(|unit| columns::dated(unit, line))
}

/// The lines holding a TT entry.
fn entry_lines(lines: &[BodyLine], tt_col: usize) -> Vec<usize> {
    (0..lines.len())
        .filter(|&i| matches!(&lines[i], BodyLine::Cells(_, c) if !c[tt_col].is_empty()))
        .collect()
}

/// Where a rule parts two TT entries, though not every two (rows shaded
/// in bands: the edges of a shaded row, none between two white ones), the
/// row under it starts at the rule, wherever its lines stand.
fn ruled_apart(lines: &[BodyLine], ruled: &[bool], tt_col: usize, starts: &mut [bool]) {
    for w in entry_lines(lines, tt_col).windows(2) {
        let (a, b) = (w[0], w[1]);
        let section = lines[a..b]
            .iter()
            .any(|l| matches!(l, BodyLine::Section(..)));
        let rules: Vec<usize> = (a + 1..=b).filter(|&i| ruled[i]).collect();
        if let [at] = rules[..]
            && !section
        {
            for (i, start) in starts.iter_mut().enumerate().take(b + 1).skip(a + 1) {
                *start = i == at;
            }
        }
    }
}

/// Are the cells centred vertically: after the header, section rows and
/// blank lines, does the first line more often lack a TT than hold one?
pub(super) fn is_centred(body: &[BodyLine], tt_col: usize) -> bool {
    let (mut seen, mut without) = (0, 0);
    let mut fresh = true;
    for l in body {
        match l {
            BodyLine::Blank | BodyLine::Section(..) => fresh = true,
            BodyLine::Cells(_, c) if fresh => {
                seen += 1;
                without += usize::from(c[tt_col].is_empty());
                fresh = false;
            }
            BodyLine::Cells(..) => {}
        }
    }
    seen > 0 && without * 2 > seen
}

/// Row starts in a table of vertically centred cells: each TT sits in the
/// middle of its row, so between two TTs the next row starts at the line
/// where its task starts — a capital after a line that ended a sentence
/// is best, any capital next — nearest the midpoint, else at the midpoint.
/// Lines before the first TT of a section belong to its first row; on a
/// page the table goes on to (`continued`), the first of them end the row
/// the page break cut, up to where the task of the first TT starts.
pub(super) fn centred_starts(
    body: &[BodyLine],
    tt_col: usize,
    task_col: usize,
    continued: bool,
) -> Vec<bool> {
    let mut starts = vec![false; body.len()];
    let cells: Vec<CentredLine> = body
        .iter()
        .enumerate()
        .filter_map(|(i, l)| match l {
            BodyLine::Cells(r, c) => Some((i, r.baseline, c)),
            _ => None,
        })
        .collect();
    let mut last_tt: Option<usize> = None; // position in `cells`
    let mut row_top = 0; // where the row of `last_tt` starts, in `cells`
    let mut section_open = true;
    for (k, &(i, _, c)) in cells.iter().enumerate() {
        let after_section = k == 0
            || body[cells[k - 1].0 + 1..i]
                .iter()
                .any(|l| matches!(l, BodyLine::Section(..)));
        if after_section {
            starts[i] = true;
            section_open = true;
            last_tt = None;
            row_top = k;
        }
        if c[tt_col].is_empty() {
            continue;
        }
        if let Some(prev) = last_tt {
            let at = split_between(&cells, (row_top, prev), k, (tt_col, task_col));
            starts[cells[at].0] = true;
            row_top = at;
        } else if !section_open {
            starts[i] = true;
            row_top = k;
        } else if continued && k > 0 && !after_section && cells_before_section(body, i) {
            // the lines above the first TT: the rest of the row the page
            // break cut, then this row's first half from where a task starts
            let opens = |j: usize| {
                let t = cells[j].2.get(task_col).map_or("", String::as_str);
                t.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || is_bullet(&c.to_string()))
            };
            let at = first_row_top(&cells, k, (tt_col, task_col), opens);
            starts[cells[at].0] = true;
            row_top = at;
        }
        section_open = false;
        last_tt = Some(k);
    }
    starts
}

/// Where the row of the first TT (`cells[k]`) on a page the table goes on
/// to starts, among the lines at or above it whose task `opens`: where its
/// task lines then stand nearest around its TT (the lines above belong to
/// the row the page break cut), the row ending where the next TT's row
/// starts. Of equals, the first.
fn first_row_top(
    cells: &[CentredLine],
    k: usize,
    (tt, task): (usize, usize),
    opens: impl Fn(usize) -> bool,
) -> usize {
    let text = |j: usize| cells[j].2.get(task).map_or("", String::as_str);
    let next_tt = (k + 1..cells.len()).find(|&j| cells[j].2.get(tt).is_some_and(|t| !t.is_empty()));
    let off = |top: usize| {
        let end = next_tt.map_or(cells.len(), |b| {
            split_between(cells, (top, k), b, (tt, task))
        });
        let mut lines = (top..end).filter(|&j| !text(j).is_empty());
        let first = lines.next().map_or(cells[k].1, |j| cells[j].1);
        let last = lines.next_back().map_or(first, |j| cells[j].1);
        ((first + last) / 2.0 - cells[k].1).abs()
    };
    (0..=k)
        .filter(|&j| opens(j))
        .map(|j| ((off(j) * 100.0).round() as i64, j))
        .min()
        .map_or(k, |(_, j)| j)
}

/// A body line of cells: its place in the body, its baseline, its text
/// per column.
type CentredLine<'c> = (usize, f32, &'c Vec<String>);

/// Row starts in a table without TT whose cells are centred vertically:
/// each row's task starts with a capital or a digit (after a line that
/// does not run on), its other cells stand around it (see [`recentre`]).
/// The first row takes the lines above its task, except on a page the
/// table goes on to (`continued`), where they end the row the page break
/// cut.
pub(super) fn task_starts(body: &[BodyLine], task_col: usize, continued: bool) -> Vec<bool> {
    let mut starts = vec![false; body.len()];
    // (the section's first line is to come, its first task has opened, the
    // lines before that end a row cut overleaf)
    let (mut fresh, mut opened, mut cut) = (true, false, continued);
    // the task's line above: one that ends in "," or "-" runs on
    let mut above = "";
    for (i, l) in body.iter().enumerate() {
        match l {
            BodyLine::Section(..) => (fresh, cut, above) = (true, false, ""),
            BodyLine::Cells(_, c) => {
                let runs_on = above.ends_with([',', '-', '–', '(']);
                let opens =
                    !runs_on && capital(&c[task_col]) && !others_run_on(&body[i..], task_col);
                if !c[task_col].is_empty() {
                    above = &c[task_col];
                }
                if fresh {
                    (starts[i], fresh, opened) = (true, false, opens);
                } else if opens {
                    starts[i] = opened || cut;
                    opened = true;
                }
            }
            BodyLine::Blank => {}
        }
    }
    starts
}

/// From a line whose task opens with a capital, up to the next such line:
/// do the other columns only go on there (their first text in lower case,
/// as "thuộc Sở" under "Các phòng, đơn vị"), none opening a cell? Then
/// the capital is a word inside the task ("… tổ chức / Tuần Văn hóa").
fn others_run_on(lines: &[BodyLine], task_col: usize) -> bool {
    let mut cells = lines.iter().filter_map(|l| match l {
        BodyLine::Cells(_, c) => Some(c),
        _ => None,
    });
    let Some(first) = cells.next() else {
        return false;
    };
    let cells: Vec<&Vec<String>> = std::iter::once(first)
        .chain(cells.take_while(|c| !capital(&c[task_col])))
        .collect();
    let (mut open, mut goes_on) = (0, 0);
    for col in (0..first.len()).filter(|&c| c != task_col) {
        let text = cells
            .iter()
            .map(|c| c[col].as_str())
            .find(|t| !t.is_empty());
        match text.and_then(|t| t.chars().next()) {
            Some(ch) if ch.is_uppercase() => open += 1,
            Some(ch) if ch.is_lowercase() => goes_on += 1,
            _ => {}
        }
    }
    goes_on > 0 && open == 0
}

/// No section row comes before line `i`: its lines are the table's first.
fn cells_before_section(body: &[BodyLine], i: usize) -> bool {
    !body[..i].iter().any(|l| matches!(l, BodyLine::Section(..)))
}

/// Where the row after the TT at `cells[a]` (its row starting at
/// `cells[top]`) starts, before or at the TT at `cells[b]`: at a line whose
/// task opens with a capital, a digit or a bullet, and whose other cells
/// open there too (a cell going on in lower case is the row above's); best
/// after a line that ended a sentence, with a word, where the row above's
/// task lines then stand around its TT.
pub(super) fn split_between(
    cells: &[CentredLine],
    (top, a): (usize, usize),
    b: usize,
    (tt, task): (usize, usize),
) -> usize {
    let mid = (a + b).div_ceil(2);
    let text = |k: usize, c: usize| cells[k].2.get(c).map_or("", String::as_str);
    // how far the middle of the row above's task is from its TT, split at k
    let off = |k: usize| {
        let mut lines = (top..k).filter(|&j| !text(j, task).is_empty());
        let first = lines.next().map_or(cells[a].1, |j| cells[j].1);
        let last = lines.next_back().map_or(first, |j| cells[j].1);
        ((first + last) / 2.0 - cells[a].1).abs()
    };
    (a + 1..=b)
        .filter_map(|k| {
            let first = text(k, task).chars().next()?;
            if !(first.is_uppercase() || first.is_ascii_digit() || is_bullet(&first.to_string())) {
                return None;
            }
            let goes_on = cells[k].2.iter().enumerate().any(|(c, t)| {
                c != tt && c != task && t.chars().next().is_some_and(char::is_lowercase)
            });
            let before = (a..k).rev().map(|j| text(j, task)).find(|t| !t.is_empty());
            // (a list item after "…:" or "…;" goes on with the list)
            let bullet = is_bullet(&first.to_string());
            let ended = before.unwrap_or("").ends_with(['.', ';', ':'])
                && !(bullet && before.unwrap_or("").ends_with([';', ':']));
            // a year a task wrapped ("… năm / 2027") opens no row as a word does
            let word = !first.is_ascii_digit();
            let off = std::cmp::Reverse((off(k) * 100.0).round() as i64);
            Some((
                ended,
                word,
                off,
                !goes_on,
                std::cmp::Reverse(k.abs_diff(mid)),
                k,
            ))
        })
        .max()
        .map_or(mid, |(.., k)| k)
}

/// Do blank lines part the rows? Every block of lines between blank lines
/// holds at most one TT entry, and at least three in four hold one.
pub(super) fn blank_parted(body: &[BodyLine], tt_col: usize) -> bool {
    let (mut blocks, mut with_tt, mut tts, mut in_block) = (0, 0, 0, false);
    for l in body.iter().chain([&BodyLine::Blank]) {
        match l {
            BodyLine::Cells(_, c) => {
                in_block = true;
                tts += usize::from(!c[tt_col].is_empty());
            }
            _ => {
                if tts > 1 {
                    return false;
                }
                blocks += usize::from(in_block);
                with_tt += usize::from(tts == 1);
                (tts, in_block) = (0, false);
            }
        }
    }
    blocks > 1 && with_tt * 4 >= blocks * 3
}

/// The lines where a row's sub-rows start: the first line, then each line
/// where two or more columns take text again after a gap wider than
/// `gap`, on a line that goes on with a column of the line above (a
/// wrapped cell runs on without a gap; cells centred in rows of different
/// heights leave every other line empty, or set their lines half a step
/// apart).
pub(super) fn sub_row_starts(
    cells: &[Vec<String>],
    baselines: &[f32],
    tt_col: usize,
    gap: f32,
) -> Vec<usize> {
    let mut starts = vec![0];
    // per column, the baseline of its last line with text
    let mut last: Vec<Option<f32>> = vec![None; cells.first().map_or(0, Vec::len)];
    let filled = |i: usize, c: usize| c != tt_col && !cells[i][c].is_empty();
    let mut prev: Option<usize> = None;
    for i in 0..cells.len() {
        // a line holding only the TT (centred in its cell) breaks no run
        if cells[i]
            .iter()
            .enumerate()
            .all(|(c, t)| c == tt_col || t.is_empty())
        {
            continue;
        }
        let resumed = (0..cells[i].len())
            .filter(|&c| filled(i, c))
            .filter(|&c| last[c].is_some_and(|y| baselines[i] - y > gap))
            .count();
        // lines sharing no column with the line above take turns: cells
        // centred beside a taller one, set on every other line
        let shares =
            prev.is_some_and(|p| (0..cells[i].len()).any(|c| filled(i, c) && filled(p, c)));
        if resumed >= 2 && shares {
            starts.push(i);
            last.iter_mut().for_each(|y| *y = None);
        }
        for (c, t) in cells[i].iter().enumerate() {
            if !t.is_empty() {
                last[c] = Some(baselines[i]);
            }
        }
        prev = Some(i);
    }
    starts
}

/// Does a column run through a sub-row boundary as one merged cell: text
/// on both sides, going on in lower case rather than starting anew?
pub(super) fn runs_through(cells: &[Vec<String>], start: usize, c: usize) -> bool {
    let before = cells[..start]
        .iter()
        .rev()
        .find(|l| l.iter().any(|t| !t.is_empty()));
    before.is_some_and(|b| !b[c].is_empty())
        && cells[start][c]
            .chars()
            .next()
            .is_some_and(|ch| !ch.is_uppercase())
}

#[cfg(test)]
mod centring {
    use super::{Anchor, centred_cells};

    /// A row whose task runs from line `top` to `bottom`.
    fn task(top: f32, bottom: f32) -> Option<Anchor> {
        let middle = (top + bottom) / 2.0;
        Some(Anchor {
            middle,
            top,
            height: bottom - top,
        })
    }

    fn at(rows_and_lines: &[(usize, f32)]) -> Vec<(usize, usize, f32)> {
        rows_and_lines.iter().map(|&(j, y)| (j, 0, y)).collect()
    }

    /// A column's lines as cut: (row, line) for lines 1, 2, … of `cut`.
    fn lines(cut: &[usize]) -> Vec<(usize, f32)> {
        cut.iter()
            .enumerate()
            .map(|(i, &j)| (j, i as f32 + 1.0))
            .collect()
    }

    #[test]
    fn the_rest_of_a_row_cut_overleaf_takes_only_lines_above_the_next_task() {
        // overleaf: lines 1-3 end the row the page break cut; the next rows'
        // tasks run 4-8 and 9-13, their deadlines 5-7 and 10-13 (half a
        // line off its middle). Taking every line would cost only moves.
        let anchors = [None, task(4.0, 8.0), task(9.0, 13.0)];
        let ys = [1.0, 2.0, 3.0, 5.0, 6.0, 7.0, 10.0, 11.0, 12.0, 13.0];
        let cut = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
        let at: Vec<(usize, usize, f32)> = cut.iter().zip(ys).map(|(&j, y)| (j, 0, y)).collect();
        assert_eq!(centred_cells(&at, &anchors), cut);
    }

    #[test]
    fn a_cell_does_not_grow_a_line_each_way_where_the_rest_of_a_cut_row_is_free() {
        // the first deadline fills lines 4-8 like its task; the second
        // lines 9-12, half a line above its task's middle. Growing the
        // first to 3-9 keeps its middle and puts the second's on its task's.
        let anchors = [None, task(4.0, 8.0), task(9.0, 13.0)];
        let cut = [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2];
        assert_eq!(centred_cells(&at(&lines(&cut)), &anchors), cut);
    }

    #[test]
    fn a_column_of_thousands_of_lines_stays_as_cut() {
        // the rows' middles lie five lines below their cut lines: parted,
        // every line would move; past the budget they stay
        let anchors: Vec<Option<Anchor>> = (0..2000)
            .map(|j| task(2.0 * j as f32 + 4.0, 2.0 * j as f32 + 6.0))
            .collect();
        let at: Vec<(usize, usize, f32)> = (0..4000).map(|i| (i / 2, 0, i as f32)).collect();
        let owner = centred_cells(&at, &anchors);
        assert_eq!(owner, at.iter().map(|x| x.0).collect::<Vec<_>>());
    }

    #[test]
    fn a_centred_cell_taller_than_its_task_stays_whole() {
        // interleaved: the tasks on lines 4, 6, 8 and 11, 13, 15; the
        // partners on 3-9 and 10-16
        let anchors = [task(4.0, 8.0), task(11.0, 15.0)];
        let lines = [
            (0, 3.0),
            (0, 5.0),
            (0, 7.0),
            (0, 9.0),
            (0, 10.0),
            (1, 12.0),
            (1, 14.0),
            (1, 16.0),
        ];
        assert_eq!(
            centred_cells(&at(&lines), &anchors),
            [0, 0, 0, 0, 1, 1, 1, 1]
        );
    }
}

#[cfg(test)]
mod splitting {
    use super::split_between;

    #[test]
    fn a_centred_row_ends_where_its_task_stands_around_its_tt() {
        // hj-07: row 4's task runs 45-51 around its TT at 48; "Chánh Thanh
        // tra tỉnh phê duyệt" (51) ends it, though it opens with a capital
        // at the midpoint between the TTs; row 5's task starts at 52
        let lines: Vec<Vec<String>> = [
            ("", "Xác minh tài sản"),
            ("", ""),
            ("", "người có nghĩa vụ"),
            ("4", ""),
            ("", "hoạch xác minh"),
            ("", ""),
            ("", "Chánh Thanh tra tỉnh phê duyệt"),
            ("", "Tiếp nhận, xử lý"),
            ("5", "cáo hành vi"),
        ]
        .iter()
        .map(|(tt, task)| vec![tt.to_string(), task.to_string()])
        .collect();
        let cells: Vec<_> = lines
            .iter()
            .enumerate()
            .map(|(i, c)| (i, 45.0 + i as f32, c))
            .collect();
        assert_eq!(split_between(&cells, (0, 3), 8, (0, 1)), 7);
    }
}

#[cfg(test)]
mod going_on {
    use super::goes_on_from;

    #[test]
    fn a_line_goes_on_in_lower_case_or_with_the_number_of_its_unit_of_time() {
        assert!(goes_on_from("Phòng Quản lý", "đầu tư"));
        assert!(goes_on_from("Tháng", "5/2026"));
        assert!(goes_on_from("Trước ngày", "15/12/2026"));
        assert!(!goes_on_from("Quý I/2026", "Hỗ trợ doanh"));
        assert!(!goes_on_from("Sở Tài chính", "2026, đề xuất"));
        assert!(!goes_on_from("Tháng 5/2026", ""));
    }
}
