//! Records stage: the grids of every page become logical tables and task
//! records — repeated headers dropped, rows cut by a page break joined, merged
//! cells giving their text to every row they cover.

pub mod deadline;
pub mod schedule;
mod sections;

use std::collections::HashMap;

use crate::layout::{self, Line};
use crate::model::{Column, Place, SectionRef, TableInfo, TaskRecord};
use crate::pdf::Page;
use crate::table::{self, Grid, Role, roles};
use crate::text::{self, units};

pub use sections::{SectionKind, is_letter as is_letter_label, push as sections_push, split_label};

/// What the records stage makes of a document's pages.
#[derive(Debug, Default)]
pub struct Assembly {
    pub tables: Vec<TableInfo>,
    pub tasks: Vec<TaskRecord>,
    /// Section rows in document order, each with its full path.
    pub sections: Vec<Section>,
    /// Per page, the lines outside any table (headings, body, signature).
    pub text: Vec<Vec<Line>>,
    /// What the reading itself wants said (a doubtful cell split in text).
    pub findings: Vec<crate::model::Finding>,
    /// Every grid of every page and how it was read (the review page
    /// draws them).
    pub grids: Vec<GridReading>,
}

/// A grid as the records stage read it.
#[derive(Debug, Clone)]
pub struct GridReading {
    pub grid: Grid,
    /// `tables[].index` of the task table it is part of; none for a grid
    /// that is no task table (a ruled heading block, a signature table).
    pub table: Option<usize>,
    /// Its header rows (column numbers "(1) (2) …" included): none where
    /// it goes on a table from the page before without one.
    pub header_rows: usize,
    /// Its text is read as page text, not cells (a heading or signature
    /// block set in a frame): it is among the page's lines.
    pub in_text: bool,
}

/// A section row (hàng mục) of a table: its path from the outermost section
/// down to itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub table: usize,
    pub path: Vec<SectionRef>,
    pub page: usize,
    /// Its row on the page, where it came from a grid.
    pub place: Option<Place>,
}

/// The tables, task records and page text of a document's pages; with
/// `keep_grids`, every grid and how it was read (for the review page).
pub fn assemble<P: std::borrow::Borrow<Page>>(
    pages: impl IntoIterator<Item = P>,
    keep_grids: bool,
) -> Assembly {
    let mut b = Builder::default();
    let mut text = Vec::new();
    let mut last_grid: Option<Grid> = None;
    let mut kept = Vec::new();
    for page in pages {
        let page = page.borrow();
        b.words.clone_from(&page.word_confidence);
        let grids = table::grids(page, last_grid.as_ref());
        let mut lines = layout::lines(&outside(page, grids.iter()));
        let mut above_from = f32::MIN;
        // per grid: the table and header rows it was read into, and
        // whether it is a ruled heading or signature block (two columns, no
        // task table), whose text is page text: the issuer, the number, the
        // signer
        let mut reads = Vec::with_capacity(grids.len());
        for grid in &grids {
            let above: Vec<&Line> = lines
                .iter()
                .filter(|l| l.bottom <= grid.top() + 1.0 && l.top >= above_from)
                .filter(|l| !is_page_number(&l.text))
                .collect();
            let read = b.grid(grid, &above);
            reads.push((read, read.is_none() && grid.xs.len() <= 3));
            above_from = grid.bottom();
        }
        if reads.iter().any(|r| r.1) {
            let tables = grids
                .iter()
                .zip(&reads)
                .filter(|(_, r)| !r.1)
                .map(|(g, _)| g);
            lines = layout::lines(&outside(page, tables));
        }
        if let Some(g) = grids.last() {
            last_grid = Some(g.clone());
        }
        text.push(lines);
        if keep_grids {
            kept.extend(
                grids
                    .into_iter()
                    .zip(reads)
                    .map(|(grid, (read, in_text))| GridReading {
                        grid,
                        table: read.map(|r| r.0),
                        header_rows: read.map_or(0, |r| r.1),
                        in_text,
                    }),
            );
        }
    }
    let mut sections = std::mem::take(&mut b.sections);
    let (tables, mut tasks) = b.finish();
    sections::group_rows(&mut tasks, &mut sections);
    Assembly {
        tables,
        tasks,
        sections,
        text,
        findings: Vec::new(),
        grids: kept,
    }
}

/// The page's glyphs whose centre lies in none of `grids`.
fn outside<'p, 'g>(
    page: &'p Page,
    grids: impl Iterator<Item = &'g Grid> + Clone,
) -> Vec<&'p crate::pdf::Glyph> {
    page.glyphs
        .iter()
        .filter(|g| {
            let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0);
            !grids.clone().any(|gr| gr.contains(cx, cy))
        })
        .collect()
}

/// The box of an atomic row of a grid.
fn row_place(grid: &Grid, row: usize) -> Place {
    Place {
        page: grid.page,
        x0: grid.xs.first().copied().unwrap_or(0.0),
        x1: grid.xs.last().copied().unwrap_or(0.0),
        top: grid.ys.get(row).copied().unwrap_or(0.0),
        bottom: grid.ys.get(row + 1).copied().unwrap_or(0.0),
    }
}

fn is_page_number(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c == '-' || c.is_whitespace());
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// Lines of one cell's text; merged cells share one.
type Slot = usize;

struct OpenTable {
    info: TableInfo,
    /// Folded header texts: a page whose header reads the same continues the table.
    key: Vec<String>,
    roles: Vec<Role>,
    xs: Vec<f32>,
    sections: Vec<(SectionKind, SectionRef)>,
    /// Per column, the slot of the last row and whether its cell was a
    /// vertical merge still open at the bottom of the page.
    last: Vec<(Slot, bool)>,
}

struct Pending {
    table: usize,
    slots: Vec<Slot>,
    section: Vec<SectionRef>,
    pages: Vec<usize>,
    places: Vec<Place>,
}

#[derive(Default)]
struct Builder {
    done: Vec<OpenTable>,
    open: Option<OpenTable>,
    slots: Vec<Vec<(String, bool)>>,
    /// Per slot, the sum and count of its OCR words' confidences.
    confidence: Vec<(f32, u32)>,
    /// The OCR words of the page being read (none for typed text).
    words: Vec<crate::pdf::WordConfidence>,
    records: Vec<Pending>,
    sections: Vec<Section>,
}

/// How a grid relates to the table before it.
enum Start {
    New {
        header_rows: usize,
        columns: Vec<Column>,
        key: Vec<String>,
    },
    Continue {
        header_rows: usize,
    },
    Skip,
}

impl Builder {
    /// Reads a grid into the tables: the index of the table it is part of
    /// and its header rows; none when it is no task table.
    fn grid(&mut self, grid: &Grid, above: &[&Line]) -> Option<(usize, usize)> {
        let header_rows = match self.classify(grid, above) {
            Start::Skip => return None,
            Start::New {
                header_rows,
                columns,
                key,
            } => {
                if let Some(t) = self.open.take() {
                    self.done.push(t);
                }
                let index = self.done.len();
                let (title, caption) = title_of(above);
                let caption = title_row(grid).or(caption);
                let roles = columns.iter().map(|c| c.role).collect();
                self.open = Some(OpenTable {
                    info: TableInfo {
                        index,
                        title,
                        caption,
                        pages: vec![grid.page],
                        columns,
                        above: above
                            .iter()
                            .rev()
                            .take(6)
                            .rev()
                            .map(|l| l.text.clone())
                            .collect(),
                        at: (grid.page, grid.top()),
                    },
                    key,
                    roles,
                    xs: grid.xs.clone(),
                    sections: Vec::new(),
                    last: Vec::new(),
                });
                self.rows(grid, header_rows, false)
            }
            Start::Continue { header_rows } => {
                if let Some(t) = self.open.as_mut()
                    && t.info.pages.last() != Some(&grid.page)
                {
                    t.info.pages.push(grid.page);
                }
                self.rows(grid, header_rows, true)
            }
        };
        Some((self.open.as_ref()?.info.index, header_rows))
    }

    fn classify(&self, grid: &Grid, above: &[&Line]) -> Start {
        let (header_rows, headers) = header_of(grid);
        let key: Vec<String> = headers.iter().map(|h| text::fold(h)).collect();
        let continues = |t: &OpenTable| t.roles.len() == grid.cols() && above.is_empty();
        if roles::is_header(&headers) {
            if let Some(t) = &self.open
                && continues(t)
                && t.key == key
            {
                return Start::Continue { header_rows };
            }
            let role_texts: Vec<String> = (0..grid.cols())
                .map(|c| role_text(grid, header_rows, c))
                .collect();
            let mut roles = roles::assign(&role_texts);
            // A header cell the vocabulary does not know may still be the
            // combined text of a grouped header (one it knows `assign` made
            // extra on purpose: a role taken, a person beside the unit).
            for (c, r) in roles.iter_mut().enumerate() {
                if *r == Role::Extra
                    && roles::role_of(&role_texts[c]).is_none()
                    && let Some(alt) = roles::role_of(&headers[c])
                {
                    *r = alt;
                }
            }
            let columns = headers
                .into_iter()
                .zip(roles)
                .map(|(header, role)| Column { header, role })
                .collect();
            return Start::New {
                header_rows,
                columns,
                key,
            };
        }
        match &self.open {
            Some(t) if continues(t) && (grid.continues || same_columns(&t.xs, &grid.xs)) => {
                Start::Continue { header_rows: 0 }
            }
            _ => Start::Skip,
        }
    }

    /// Reads the body rows of a grid; returns its header rows (with the
    /// column numbers' row).
    fn rows(&mut self, grid: &Grid, header_rows: usize, continued: bool) -> usize {
        let start = header_rows + usize::from(is_column_number_row(grid, header_rows));
        let Some(mut table) = self.open.take() else {
            return start;
        };
        let cols = grid.cols();
        let mut slot_of: HashMap<usize, Slot> = HashMap::new();
        let mut first_body = true;
        for r in start..grid.rows() {
            let cells: Vec<usize> = (0..cols)
                .map(|c| {
                    grid.cells
                        .iter()
                        .position(|cell| cell.covers(r, c))
                        .unwrap_or(0)
                })
                .collect();
            let own = |c: usize| {
                let cell = &grid.cells[cells[c]];
                if cell.row == r {
                    cell.text()
                } else {
                    String::new()
                }
            };
            let own_texts: Vec<String> = (0..cols).map(own).collect();
            // empty, or the header repeated inside the table (under a
            // section row) as a row of its own
            let header_again = own_texts
                .iter()
                .map(|t| text::fold(t))
                .eq(table.key.iter().cloned());
            if own_texts.iter().all(|t| t.is_empty()) || header_again {
                continue;
            }
            if continued && first_body {
                self.carry_merged(&table, grid, &cells, &own_texts, &mut slot_of);
                if self.is_continuation(&table, &own_texts, grid.ends_cut_row) {
                    self.join_continuation(grid, r, &cells, &mut slot_of);
                    first_body = false;
                    continue;
                }
                self.carry_sub_row(&table, &cells, &own_texts, &mut slot_of);
            }
            first_body = false;
            if let Some(section) = section_row(grid, &table.roles, r, &cells, &own_texts) {
                sections::push(&mut table.sections, section);
                self.sections.push(Section {
                    table: table.info.index,
                    path: table.sections.iter().map(|(_, s)| s.clone()).collect(),
                    page: grid.page,
                    place: Some(row_place(grid, r)),
                });
                continue;
            }
            let slots: Vec<Slot> = cells
                .iter()
                .map(|&i| self.slot(grid, i, &mut slot_of))
                .collect();
            self.records.push(Pending {
                table: table.info.index,
                slots,
                section: table.sections.iter().map(|(_, s)| s.clone()).collect(),
                pages: vec![grid.page],
                places: vec![row_place(grid, r)],
            });
        }
        // Remember which cells of the last row stay open at the page's foot.
        let last = grid.rows().saturating_sub(1);
        table.last = (0..cols)
            .map(|c| {
                let i = grid
                    .cells
                    .iter()
                    .position(|cell| cell.covers(last, c))
                    .unwrap_or(0);
                let cell = &grid.cells[i];
                let slot = slot_of.get(&i).copied().unwrap_or(usize::MAX);
                (slot, cell.row_span > 1 && cell.row < last)
            })
            .collect();
        self.open = Some(table);
        start
    }

    fn slot(&mut self, grid: &Grid, cell: usize, map: &mut HashMap<usize, Slot>) -> Slot {
        if let Some(&slot) = map.get(&cell) {
            return slot;
        }
        self.slots.push(grid.cells[cell].text_lines());
        self.confidence.push(self.confidence_in(&grid.cells[cell]));
        map.insert(cell, self.slots.len() - 1);
        self.slots.len() - 1
    }

    /// The sum and count of the confidences of the OCR words in `cell`.
    fn confidence_in(&self, cell: &crate::table::Cell) -> (f32, u32) {
        self.words
            .iter()
            .filter(|w| {
                let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0);
                cx >= cell.x0 && cx <= cell.x1 && cy >= cell.top && cy <= cell.bottom
            })
            .fold((0.0, 0), |(sum, n), w| (sum + w.conf, n + 1))
    }

    /// An empty cell at the top of a continued page carries on the cell above
    /// it when that was a vertical merge left open at the previous page's
    /// foot, or when the empty cell is itself a vertical merge: the merged
    /// cell crossed the page break and keeps its value.
    fn carry_merged(
        &mut self,
        table: &OpenTable,
        grid: &Grid,
        cells: &[usize],
        own: &[String],
        map: &mut HashMap<usize, Slot>,
    ) {
        for (c, &(slot, open)) in table.last.iter().enumerate() {
            let (Some(&i), Some(text)) = (cells.get(c), own.get(c)) else {
                continue;
            };
            let merged_here = grid.cells[i].row_span > 1;
            let filled_above = !self.slot_text(slot).is_empty();
            if text.is_empty()
                && (open || merged_here)
                && filled_above
                && table.roles[c] != Role::Tt
            {
                map.insert(i, slot);
            }
        }
    }

    /// A row at the top of a continued page with neither number nor task, that
    /// is no continuation, is a further sub-row of the task above (its TT and
    /// task cells were merged across the page break): it keeps both.
    fn carry_sub_row(
        &mut self,
        table: &OpenTable,
        cells: &[usize],
        own: &[String],
        map: &mut HashMap<usize, Slot>,
    ) {
        let Some(prev) = self.records.last().filter(|p| p.table == table.info.index) else {
            return;
        };
        let col = |role: Role| table.roles.iter().position(|r| *r == role);
        let (Some(tt), Some(task)) = (col(Role::Tt), col(Role::Task)) else {
            return;
        };
        if own[tt].is_empty() && own[task].is_empty() {
            for c in [tt, task] {
                map.entry(cells[c]).or_insert(prev.slots[c]);
            }
        }
    }

    /// Is the first row on a new page the rest of the previous page's last row?
    /// It has no number of its own, and either the row before had one, or its
    /// text starts mid-sentence (lower case; or its task opens with no capital
    /// and another cell in lower case), or it has no task text of its own.
    /// A row whose cells all start with a capital letter (two or more of them)
    /// is a new sub-row instead, unless the grid's rows stage found it ends
    /// the cut row (`cut`).
    fn is_continuation(&self, table: &OpenTable, own: &[String], cut: bool) -> bool {
        let Some(prev) = self.records.last().filter(|p| p.table == table.info.index) else {
            return false;
        };
        if cut {
            return true;
        }
        let col = |role: Role| table.roles.iter().position(|r| *r == role);
        let tt_empty = col(Role::Tt).is_none_or(|c| own[c].is_empty());
        if !tt_empty {
            return false;
        }
        let prev_had_tt = col(Role::Tt).is_some_and(|c| !self.slot_text(prev.slots[c]).is_empty());
        let first_text = own
            .iter()
            .find(|t| !t.is_empty())
            .map(String::as_str)
            .unwrap_or("");
        let lower = first_text
            .chars()
            .next()
            .is_some_and(|ch| ch.is_lowercase());
        let no_task = col(Role::Task).is_some_and(|c| own[c].is_empty());
        let filled: Vec<&String> = own.iter().filter(|t| !t.is_empty()).collect();
        // a task going on after a number ("2026, đề xuất …") beside a cell
        // going on in lower case
        let opens_low = |t: &str| t.chars().next().is_some_and(|ch| !ch.is_uppercase());
        let lower = lower
            || col(Role::Task).is_some_and(|c| opens_low(&own[c]))
                && filled
                    .iter()
                    .any(|t| t.chars().next().is_some_and(char::is_lowercase));
        let all_capitals = filled.len() >= 2
            && filled
                .iter()
                .all(|t| t.chars().next().is_some_and(char::is_uppercase));
        (prev_had_tt || lower || no_task) && !all_capitals
    }

    fn join_continuation(
        &mut self,
        grid: &Grid,
        row: usize,
        cells: &[usize],
        map: &mut HashMap<usize, Slot>,
    ) {
        let Some(prev) = self.records.last_mut() else {
            return;
        };
        prev.places.push(row_place(grid, row));
        if !prev.pages.contains(&grid.page) {
            prev.pages.push(grid.page);
        }
        let prev_slots = prev.slots.clone();
        for (c, &i) in cells.iter().enumerate() {
            let target = prev_slots[c];
            if map.get(&i) == Some(&target) {
                continue;
            }
            let lines = grid.cells[i].text_lines();
            let (sum, n) = self.confidence_in(&grid.cells[i]);
            if let Some(c) = self.confidence.get_mut(target) {
                *c = (c.0 + sum, c.1 + n);
            }
            if let Some(slot) = self.slots.get_mut(target) {
                slot.extend(
                    lines
                        .into_iter()
                        .enumerate()
                        .map(|(k, (t, g))| (t, k > 0 && g)),
                );
            }
            map.insert(i, target);
        }
    }

    fn slot_text(&self, slot: Slot) -> String {
        self.slots
            .get(slot)
            .map(|l| text::join_lines(l))
            .unwrap_or_default()
    }

    fn finish(mut self) -> (Vec<TableInfo>, Vec<TaskRecord>) {
        if let Some(t) = self.open.take() {
            self.done.push(t);
        }
        let tasks = self
            .records
            .iter()
            .map(|p| {
                let t = &self.done[p.table];
                let mut rec = TaskRecord {
                    table: Some(p.table),
                    section: p.section.clone(),
                    pages: p.pages.clone(),
                    places: p.places.clone(),
                    ..Default::default()
                };
                for (c, col) in t.info.columns.iter().enumerate() {
                    let value = self.slot_text(p.slots[c]);
                    match rec.field_mut(col.role) {
                        Some(field) => *field = Some(value),
                        None => {
                            rec.extra.insert(col.header.clone(), value);
                        }
                    }
                }
                let (sum, n) = p
                    .slots
                    .iter()
                    .filter_map(|&s| self.confidence.get(s))
                    .fold((0.0, 0), |(sum, n), c| (sum + c.0, n + c.1));
                rec.confidence = crate::model::mean_confidence(sum, n);
                normalize(&mut rec);
                rec
            })
            .collect();
        (self.done.into_iter().map(|t| t.info).collect(), tasks)
    }
}

/// In a table whose one column names the lead and the partners ("Đơn vị
/// chủ trì/phối hợp") the first unit of the cell leads and the rest, as
/// printed, are the partners.
pub fn split_lead_and_partners(tasks: &mut [TaskRecord], tables: &[TableInfo]) {
    for table in tables {
        let combined = table
            .columns
            .iter()
            .any(|c| c.role == Role::Lead && roles::is_lead_and_partners(&c.header));
        let has_partners = table.columns.iter().any(|c| c.role == Role::Partners);
        if !combined || has_partners {
            continue;
        }
        for t in tasks.iter_mut().filter(|t| t.table == Some(table.index)) {
            let Some(cell) = t.lead.clone() else { continue };
            let Some(first) = t.lead_units.first().filter(|_| t.lead_units.len() >= 2) else {
                continue;
            };
            let Some(at) = cell.find(first.as_str()) else {
                continue;
            };
            let rest = cell[at + first.len()..]
                .trim_start_matches([';', ',', ' ', '\n', '-'])
                .trim();
            t.lead = Some(first.clone());
            t.partners = (!rest.is_empty()).then(|| rest.to_string());
            normalize(t);
        }
    }
}

/// A label without its closing punctuation: "1." → "1", "a)" → "a"; "(a)"
/// keeps its parentheses, and a lone "." or ")" stays as printed.
fn bare_label(tt: &str) -> &str {
    let closed = tt
        .strip_suffix(')')
        .filter(|t| !t.contains('(') && !t.is_empty());
    let bare = closed.or_else(|| tt.strip_suffix('.').filter(|t| !t.is_empty()));
    bare.unwrap_or(tt)
}

/// Fills the fields read from the raw cells: unit lists and the deadline.
pub fn normalize(rec: &mut TaskRecord) {
    // "1." and "1", "a)" and "a" are one label: a tracker keys table rows and
    // prose items (whose labels carry no punctuation) the same way
    if let Some(tt) = rec.tt.as_mut() {
        *tt = bare_label(tt).to_string();
    }
    let unit_list = |cell: Option<&str>| match cell {
        Some(c) if !units::is_reference(c) => units::split_units(c),
        _ => Vec::new(),
    };
    rec.lead_units = unit_list(rec.lead.as_deref());
    rec.partner_units = unit_list(rec.partners.as_deref());
    rec.lead_ref = rec.lead.clone().filter(|c| units::is_reference(c));
    rec.deadline_parsed = rec.deadline.as_deref().map(deadline::parse);
}

/// The header rows of a grid and each column's header text. The header is as
/// tall as the tallest cell of the first row (a grouped header: "Cơ quan thực
/// hiện" over "Chủ trì | Phối hợp", beside "TT" spanning both rows), under a
/// title the table's first row may hold across it (counted in the rows).
fn header_of(grid: &Grid) -> (usize, Vec<String>) {
    let top = usize::from(title_row(grid).is_some());
    let tallest = grid
        .cells
        .iter()
        .filter(|c| c.row == top)
        .map(|c| c.row_span)
        .max()
        .unwrap_or(1)
        .min(3);
    // A row that starts with its own number in the first column is data.
    let numbered = (top + 1..top + tallest).find(|&r| {
        grid.cell_at(r, 0)
            .is_some_and(|c| c.row == r && SectionKind::of(&c.text()).is_some())
    });
    let rows = numbered.unwrap_or(top + tallest);
    let headers = (0..grid.cols())
        .map(|c| {
            let mut seen = Vec::new();
            let mut parts = Vec::new();
            for r in top..rows {
                if let Some(i) = grid.cells.iter().position(|cell| cell.covers(r, c))
                    && !seen.contains(&i)
                {
                    seen.push(i);
                    let t = grid.cells[i].text();
                    if !t.is_empty() {
                        parts.push(t);
                    }
                }
            }
            parts.join(" ")
        })
        .collect();
    (rows, headers)
}

/// A title set in the table's first row, across it ("BẢNG PHÂN CÔNG NHIỆM
/// VỤ"): it stands over the header, and is the table's caption before any
/// line above the table.
fn title_row(grid: &Grid) -> Option<String> {
    let cell = grid
        .cell_at(0, 0)
        .filter(|_| grid.rows() > 1 && grid.cols() > 1)
        .filter(|c| c.col_span == grid.cols() && c.row_span == 1)?;
    let text = cell.text();
    let first = text.split_whitespace().next()?;
    SectionKind::of(first).is_none().then_some(text)
}

/// The text that names a column's role: its lowest header cell.
fn role_text(grid: &Grid, header_rows: usize, col: usize) -> String {
    (0..header_rows)
        .rev()
        .filter_map(|r| grid.cell_at(r, col).map(|c| c.text()))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

fn same_columns(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 4.0)
}

/// "1 | 2 | 3 ..." or "(1) | (2) ..." under a header: column numbers, not a task.
fn is_column_number_row(grid: &Grid, r: usize) -> bool {
    if r >= grid.rows() {
        return false;
    }
    let nums: Vec<Option<u32>> = (0..grid.cols())
        .map(|c| {
            let t = grid
                .cell_at(r, c)
                .map(|cell| cell.text())
                .unwrap_or_default();
            t.trim_matches(|ch| ch == '(' || ch == ')').parse().ok()
        })
        .collect();
    nums.len() >= 3
        && nums
            .iter()
            .enumerate()
            .all(|(i, n)| *n == Some(i as u32 + 1))
}

/// A section row (hàng mục): a cell spanning the row past the TT column, or
/// a Roman numeral / letter in TT with only a title beside it.
fn section_row(
    grid: &Grid,
    roles: &[Role],
    r: usize,
    cells: &[usize],
    own: &[String],
) -> Option<SectionRef> {
    let cols = grid.cols();
    let tt = roles.iter().position(|x| *x == Role::Tt);
    let widest = cells
        .iter()
        .map(|&i| &grid.cells[i])
        .max_by_key(|c| c.col_span)?;
    if cols >= 3 && widest.row == r && widest.col_span >= cols - 1 {
        let title = widest.text();
        let label_cell = tt.filter(|&c| !widest.covers(r, c)).map(|c| own[c].clone());
        return Some(match label_cell {
            Some(label) => SectionRef {
                label: sections::squash_label(&label),
                title,
            },
            None => split_label(&title),
        });
    }
    let tt = tt?;
    // a group's title printed from the TT column on, over the empty row
    // ("1. QUẢNG BÁ, XÚC TIẾN DU LỊCH (04 nhiệm vụ)")
    let alone = own.iter().enumerate().all(|(c, t)| c == tt || t.is_empty());
    if alone && own[tt].contains(' ') {
        let titled = sections::split_label(&own[tt]);
        if !titled.label.is_empty() {
            return Some(titled);
        }
    }
    let label = sections::squash_label(&own[tt]);
    // a schedule has no task column: its group rows name units ("II |
    // Ủy ban nhân dân cấp xã")
    let task = roles
        .iter()
        .position(|x| *x == Role::Task)
        .or_else(|| roles.iter().position(|x| *x == Role::Lead))?;
    let others_empty = own
        .iter()
        .enumerate()
        .all(|(c, t)| c == tt || c == task || t.is_empty());
    (others_empty && SectionKind::of(&label).is_some_and(|k| k != SectionKind::Arabic)).then(|| {
        SectionRef {
            label,
            title: own[task].clone(),
        }
    })
}

/// Title and caption from the lines above a table's first grid: the last
/// "Phụ lục ..." / "Biểu ..." line and the lines under it, bar "(Kèm theo ...)";
/// without one, the line ending in ":" right above the table.
fn title_of(above: &[&Line]) -> (Option<String>, Option<String>) {
    let is_title = |l: &&&Line| {
        let f = text::fold(&l.text);
        f.starts_with("phu luc") || f.starts_with("bieu")
    };
    let Some(pos) = above.iter().rposition(|l| is_title(&l)) else {
        // a table in the body: the line that introduces it ("Các nhiệm vụ
        // cụ thể như sau:") is its caption
        let intro = above
            .last()
            .map(|l| l.text.trim())
            .filter(|t| t.ends_with(':'));
        return (None, intro.map(String::from));
    };
    let caption: Vec<&str> = above[pos + 1..]
        .iter()
        .map(|l| l.text.as_str())
        .take_while(|t| !t.starts_with('('))
        .collect();
    let caption = (!caption.is_empty()).then(|| caption.join(" "));
    (Some(above[pos].text.clone()), caption)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;
    use crate::table::Cell;

    #[test]
    fn a_group_title_printed_from_the_tt_column_on_is_a_section() {
        let text = [
            "  TT          Nhiệm vụ               Sản phẩm       Chủ trì       Phối hợp          Thời gian",
            "1. QUẢNG BÁ, XÚC TIẾN DU LỊCH (02 nhiệm vụ)",
            "",
            " 1.1   Tổ chức Lễ hội Áo dài lần    Lễ hội được     Phòng Quản    Hội Liên hiệp      Tháng",
            "       thứ 12                       tổ chức         lý lữ hành    Phụ nữ            11/2026",
            " 1.2   Quảng bá điểm đến trên các   Tin, bài        Trung tâm     Các doanh          Quý IV/2026",
            "       nền tảng số                                  Xúc tiến      nghiệp",
        ]
        .join("\n");
        let out = crate::extract_text(text.as_bytes(), "group.txt").unwrap();
        let tts: Vec<_> = out.tasks.iter().map(|t| t.tt.clone()).collect();
        assert_eq!(tts, [Some("1.1".to_string()), Some("1.2".to_string())]);
        let section = &out.tasks[0].section[0];
        assert_eq!(
            (section.label.as_str(), section.title.as_str()),
            ("1", "QUẢNG BÁ, XÚC TIẾN DU LỊCH (02 nhiệm vụ)")
        );
    }

    /// A ruled grid of one-line cells, 100 points wide and 20 tall each.
    fn ruled(rows: &[&[&str]]) -> Grid {
        let cell = |r: usize, c: usize, t: &str| {
            let (x0, top) = (c as f32 * 100.0, r as f32 * 20.0);
            Cell {
                row: r,
                col: c,
                row_span: 1,
                col_span: 1,
                x0,
                x1: x0 + 100.0,
                top,
                bottom: top + 20.0,
                lines: (!t.is_empty())
                    .then(|| Line {
                        text: t.into(),
                        x0: x0 + 2.0,
                        x1: x0 + 90.0,
                        top: top + 4.0,
                        bottom: top + 16.0,
                        baseline: top + 14.0,
                        size: 12.0,
                        bold: false,
                        first_width: 6.0,
                        ends_with_space: false,
                        stamped: false,
                    })
                    .into_iter()
                    .collect(),
                padding: 2.0,
            }
        };
        let cols = rows[0].len();
        Grid {
            page: 1,
            xs: (0..=cols).map(|c| c as f32 * 100.0).collect(),
            ys: (0..=rows.len()).map(|r| r as f32 * 20.0).collect(),
            cells: (0..rows.len())
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .map(|(r, c)| cell(r, c, rows[r][c]))
                .collect(),
            ruled: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_title_across_the_first_row_stands_over_the_header() {
        let mut grid = ruled(&[
            &["BẢNG PHÂN CÔNG NHIỆM VỤ", "", "", ""],
            &["TT", "Nội dung", "Chủ trì", "Thời gian"],
            &["1", "Lập kế hoạch", "Sở Y tế", "Quý I"],
        ]);
        // the title's cell spans the row
        grid.cells.retain(|c| c.row > 0 || c.col == 0);
        grid.cells[0].col_span = 4;
        grid.cells[0].x1 = 400.0;
        let mut b = Builder::default();
        b.grid(&grid, &[]);
        let (tables, tasks) = b.finish();
        assert_eq!(tables[0].columns[1].role, Role::Task);
        assert_eq!(
            tables[0].caption.as_deref(),
            Some("BẢNG PHÂN CÔNG NHIỆM VỤ")
        );
        let tts: Vec<_> = tasks.iter().map(|t| t.tt.as_deref()).collect();
        assert_eq!(tts, [Some("1")]);
    }

    #[test]
    fn the_header_repeated_under_a_section_row_is_no_task() {
        let grid = ruled(&[
            &["TT", "Nội dung", "Chủ trì", "Thời gian"],
            &["1", "Lập kế hoạch", "Sở Y tế", "Quý I"],
            &["II. CHIẾN DỊCH", "", "", ""],
            &["TT", "Nội dung", "Chủ trì", "Thời gian"],
            &["2", "Tổ chức chiến dịch", "Sở Y tế", "Quý II"],
        ]);
        let mut b = Builder::default();
        b.grid(&grid, &[]);
        let (_, tasks) = b.finish();
        let tts: Vec<_> = tasks.iter().map(|t| t.tt.as_deref()).collect();
        assert_eq!(tts, [Some("1"), Some("2")]);
    }

    #[test]
    fn a_label_loses_its_closing_punctuation_only() {
        for (printed, bare) in [
            ("1.", "1"),
            ("2.1.", "2.1"),
            ("a)", "a"),
            ("1)", "1"),
            ("(a)", "(a)"),
            ("IV", "IV"),
            (".", "."),
            (")", ")"),
        ] {
            assert_eq!(bare_label(printed), bare, "{printed}");
        }
    }

    #[test]
    fn the_first_unit_of_a_combined_column_leads() {
        let table = TableInfo {
            index: 0,
            title: None,
            caption: None,
            pages: vec![1],
            columns: vec![Column {
                header: "Đơn vị chủ trì/phối hợp".into(),
                role: Role::Lead,
            }],
            above: Vec::new(),
            at: (1, 0.0),
        };
        let mut t = TaskRecord {
            table: Some(0),
            lead: Some("Sở Nội vụ; Sở Tài chính, Văn phòng UBND tỉnh".into()),
            ..Default::default()
        };
        normalize(&mut t);
        let mut tasks = vec![t];
        split_lead_and_partners(&mut tasks, &[table]);
        assert_eq!(tasks[0].lead.as_deref(), Some("Sở Nội vụ"));
        assert_eq!(
            tasks[0].partners.as_deref(),
            Some("Sở Tài chính, Văn phòng UBND tỉnh")
        );
        assert_eq!(
            tasks[0].partner_units,
            ["Sở Tài chính", "Văn phòng UBND tỉnh"]
        );
    }
}
