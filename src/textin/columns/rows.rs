//! The rows of a laid-out table: where each starts (at a TT, at a block
//! of lines, or between centred TTs), its lines cut into cells, sub-rows
//! under a merged TT, and the task records.

use super::borders::{cells_of, fitted};
use super::words::{is_bullet, section_label};
use super::{Chars, Chunk};
use crate::model::{SectionRef, TaskRecord};
use crate::records::{self, Assembly, Section, SectionKind};
use crate::table::Role;
use crate::text::{join_lines, normalize};

/// A row being read: its TT, each column's lines, its sections.
pub(super) type LaidRow = (Option<String>, Vec<Vec<(String, bool)>>, Vec<SectionRef>);

/// The lines of one row (dòng), each with its page's column borders.
pub(super) struct RowLines<'a> {
    pub(super) lines: Vec<(&'a Chars, &'a [usize])>,
    pub(super) section: Vec<SectionRef>,
}

/// A line of the table's body.
pub(super) enum BodyLine<'a> {
    Blank,
    /// A section row: its label and title.
    Section(String, String),
    /// A line of cells: the line, its page's borders, its text per column.
    Cells(&'a Chars, &'a [usize], Vec<String>),
}

pub(super) fn body_line<'a>(l: &'a Chars, borders: &'a [usize]) -> BodyLine<'a> {
    if l.iter().all(|c| *c == ' ') {
        return BodyLine::Blank;
    }
    match section_label(l) {
        Some(label) => {
            let title = normalize(&l.iter().collect::<String>())
                .trim_start_matches(label.as_str())
                .trim()
                .to_string();
            BodyLine::Section(label, title)
        }
        None => {
            let cells = cells_of(l, borders);
            // a page number: a lone number away from the TT column
            let filled: Vec<usize> = (0..cells.len()).filter(|&c| !cells[c].is_empty()).collect();
            match filled[..] {
                [c] if c > 0 && cells[c].chars().all(|ch| ch.is_ascii_digit()) => BodyLine::Blank,
                _ => BodyLine::Cells(l, borders, cells),
            }
        }
    }
}

/// A section label alone on its line ("III"), its title centred around it
/// in the task column: "Cải cách tổ chức bộ máy hành" above, "chính nhà
/// nước" below. The title lines join the label.
fn title_lone_labels(body: &mut [BodyLine], tt_col: usize, task_col: usize) {
    let task_only = |l: &BodyLine| match l {
        BodyLine::Cells(_, _, c) => (0..c.len())
            .all(|k| k == task_col || c[k].is_empty())
            .then(|| c[task_col].clone())
            .filter(|t| !t.is_empty()),
        _ => None,
    };
    let starts_upper = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    for i in 0..body.len() {
        let BodyLine::Cells(_, _, c) = &body[i] else {
            continue;
        };
        let lone = c
            .iter()
            .enumerate()
            .all(|(k, t)| k == tt_col || t.is_empty());
        let label = c[tt_col].clone();
        if !lone
            || !matches!(
                SectionKind::of(&label),
                Some(SectionKind::Roman | SectionKind::Letter)
            )
        {
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
        for (k, _) in &parts {
            body[*k] = BodyLine::Blank;
        }
        body[i] = BodyLine::Section(label, title);
    }
}

/// The table's rows. A row starts at a TT entry; when blank lines part the
/// rows, a block of lines is one row whatever line its TT sits on; when
/// the cells are centred vertically, a row starts between two TTs where
/// its task does (see [`centred_starts`]).
pub(super) fn read_rows(
    chunks: &[Chunk],
    roles: &[Role],
    table: usize,
    out: &mut Assembly,
) -> Vec<LaidRow> {
    let tt_col = roles.iter().position(|r| *r == Role::Tt).unwrap_or(0);
    let task_col = roles.iter().position(|r| *r == Role::Task);
    let mut body: Vec<BodyLine> = chunks
        .iter()
        .flat_map(|c| c.lines.iter().map(|l| body_line(l, &c.borders)))
        .collect();
    if let Some(task_col) = task_col {
        title_lone_labels(&mut body, tt_col, task_col);
    }
    let centred = is_centred(&body, tt_col);
    let starts = row_starts(&body, tt_col, task_col, centred);
    let mut rows: Vec<RowLines> = Vec::new();
    let mut stack: Vec<(SectionKind, SectionRef)> = Vec::new();
    for (i, line) in body.iter().enumerate() {
        match line {
            BodyLine::Blank => {}
            BodyLine::Section(label, title) => {
                let section = SectionRef {
                    label: label.clone(),
                    title: title.clone(),
                };
                records::sections_push(&mut stack, section);
                out.sections.push(Section {
                    table,
                    path: stack.iter().map(|(_, s)| s.clone()).collect(),
                    page: 1,
                });
            }
            BodyLine::Cells(l, borders, _) => {
                if starts[i] || rows.is_empty() {
                    rows.push(RowLines {
                        lines: Vec::new(),
                        section: stack.iter().map(|(_, s)| s.clone()).collect(),
                    });
                }
                if let Some(row) = rows.last_mut() {
                    row.lines.push((l, borders));
                }
            }
        }
    }
    rows.iter()
        .flat_map(|row| cut_row(row, tt_col, roles.len(), centred))
        .collect()
}

/// Which body lines start a row.
pub(super) fn row_starts(
    body: &[BodyLine],
    tt_col: usize,
    task_col: Option<usize>,
    centred: bool,
) -> Vec<bool> {
    let has_tt = |l: &BodyLine| matches!(l, BodyLine::Cells(_, _, c) if !c[tt_col].is_empty());
    if blank_parted(body, tt_col) {
        let mut starts = vec![false; body.len()];
        for i in 0..body.len() {
            let after_gap = i == 0 || !matches!(body[i - 1], BodyLine::Cells(..));
            starts[i] = after_gap && matches!(body[i], BodyLine::Cells(..));
        }
        return starts;
    }
    if centred {
        return centred_starts(body, tt_col, task_col.unwrap_or(tt_col + 1));
    }
    body.iter().map(has_tt).collect()
}

/// Are the cells centred vertically: after the header and after section
/// rows, does the first line more often lack a TT than hold one?
pub(super) fn is_centred(body: &[BodyLine], tt_col: usize) -> bool {
    let (mut seen, mut without) = (0, 0);
    let mut fresh = true;
    for l in body {
        match l {
            BodyLine::Blank => {}
            BodyLine::Section(..) => fresh = true,
            BodyLine::Cells(_, _, c) if fresh => {
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
/// Lines before the first TT of a section belong to its first row.
pub(super) fn centred_starts(body: &[BodyLine], tt_col: usize, task_col: usize) -> Vec<bool> {
    let mut starts = vec![false; body.len()];
    let cells: Vec<(usize, &Vec<String>)> = body
        .iter()
        .enumerate()
        .filter_map(|(i, l)| match l {
            BodyLine::Cells(_, _, c) => Some((i, c)),
            _ => None,
        })
        .collect();
    let mut last_tt: Option<usize> = None; // position in `cells`
    let mut section_open = true;
    for (k, &(i, c)) in cells.iter().enumerate() {
        let after_section = k == 0
            || body[cells[k - 1].0 + 1..i]
                .iter()
                .any(|l| matches!(l, BodyLine::Section(..)));
        if after_section {
            starts[i] = true;
            section_open = true;
            last_tt = None;
        }
        if c[tt_col].is_empty() {
            continue;
        }
        if let Some(prev) = last_tt {
            starts[cells[split_between(&cells, prev, k, task_col)].0] = true;
        } else if !section_open {
            starts[i] = true;
        }
        section_open = false;
        last_tt = Some(k);
    }
    starts
}

/// Where the row after the TT at `cells[a]` starts, before or at the TT at
/// `cells[b]`.
pub(super) fn split_between(
    cells: &[(usize, &Vec<String>)],
    a: usize,
    b: usize,
    task: usize,
) -> usize {
    let mid = (a + b).div_ceil(2);
    let text = |k: usize| cells[k].1.get(task).map_or("", String::as_str);
    (a + 1..=b)
        .filter_map(|k| {
            let first = text(k).chars().next()?;
            if !(first.is_uppercase() || first.is_ascii_digit() || is_bullet(&first.to_string())) {
                return None;
            }
            let before = (a..k).rev().map(text).find(|t| !t.is_empty()).unwrap_or("");
            let ended = before.ends_with(['.', ';', ':']);
            Some((u8::from(ended), std::cmp::Reverse(k.abs_diff(mid)), k))
        })
        .max()
        .map_or(mid, |(_, _, k)| k)
}

/// Do blank lines part the rows? Every block of lines between blank lines
/// holds at most one TT entry, and at least three in four hold one.
pub(super) fn blank_parted(body: &[BodyLine], tt_col: usize) -> bool {
    let (mut blocks, mut with_tt, mut tts, mut in_block) = (0, 0, 0, false);
    for l in body.iter().chain([&BodyLine::Blank]) {
        match l {
            BodyLine::Cells(_, _, c) => {
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

/// A row's lines cut into cells. Borders are first fitted to the row's own
/// lines (a cell's lines share their left edge even where the page's
/// layout shifted them); a row whose cells start anew after a gap in two or
/// more columns holds sub-rows that share the cells running through.
/// `centred`: the table's cells are centred vertically, so a column's text
/// may start late in the row and no sub-rows are told apart.
pub(super) fn cut_row(row: &RowLines, tt_col: usize, cols: usize, centred: bool) -> Vec<LaidRow> {
    let mut cells: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < row.lines.len() {
        // the lines laid out under the same page borders
        let borders = row.lines[i].1;
        let n = row.lines[i..]
            .iter()
            .take_while(|(_, b)| std::ptr::eq(*b, borders))
            .count();
        let lines: Vec<&Chars> = row.lines[i..i + n].iter().map(|(l, _)| *l).collect();
        let own = fitted(&lines, borders);
        cells.extend(lines.iter().map(|l| cells_of(l, &own)));
        i += n;
    }
    let tt = cells
        .iter()
        .map(|c| c[tt_col].trim_end_matches('.').to_string())
        .find(|t| !t.is_empty());
    let starts = if centred {
        vec![0]
    } else {
        sub_row_starts(&cells, tt_col)
    };
    let shared: Vec<bool> = (0..cols)
        .map(|c| c == tt_col || starts.iter().skip(1).all(|&s| runs_through(&cells, s, c)))
        .collect();
    let mut out = Vec::new();
    for (k, &from) in starts.iter().enumerate() {
        let to = starts.get(k + 1).copied().unwrap_or(cells.len());
        let parts = (0..cols)
            .map(|c| {
                let range = if shared[c] && starts.len() > 1 {
                    0..cells.len()
                } else {
                    from..to
                };
                cells[range]
                    .iter()
                    .filter(|l| c != tt_col && !l[c].is_empty())
                    .map(|l| (l[c].clone(), false))
                    .collect()
            })
            .collect();
        out.push((tt.clone(), parts, row.section.clone()));
    }
    out
}

/// The lines where a row's sub-rows start: the first line, then each line
/// where two or more columns take text again after an empty line (a
/// wrapped cell runs on without a gap).
pub(super) fn sub_row_starts(cells: &[Vec<String>], tt_col: usize) -> Vec<usize> {
    let mut starts = vec![0];
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
        if let Some(p) = prev {
            let from = starts[starts.len() - 1];
            let resumed = (0..cells[i].len())
                .filter(|&c| c != tt_col && !cells[i][c].is_empty() && cells[p][c].is_empty())
                .filter(|&c| cells[from..p].iter().any(|l| !l[c].is_empty()))
                .count();
            if resumed >= 2 {
                starts.push(i);
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

/// A task record from a row's cell lines.
pub(super) fn record(
    table: usize,
    tt: Option<String>,
    parts: Vec<Vec<(String, bool)>>,
    section: Vec<SectionRef>,
    roles: &[Role],
    headers: &[String],
) -> TaskRecord {
    let mut rec = TaskRecord {
        table: Some(table),
        tt: Some(tt.unwrap_or_default()),
        section,
        pages: vec![1],
        ..Default::default()
    };
    for (c, role) in roles.iter().enumerate() {
        if *role == Role::Tt {
            continue;
        }
        let text = join_lines(&parts[c]);
        match rec.field_mut(*role) {
            Some(f) => *f = Some(text),
            None => {
                rec.extra.insert(headers[c].clone(), text);
            }
        }
    }
    records::normalize(&mut rec);
    rec
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::textin::columns::chars;

    #[test]
    fn a_lone_section_label_takes_the_title_centred_around_it() {
        let line = chars("x");
        let cells = |r: [&str; 3]| BodyLine::Cells(&line, &[], r.map(String::from).to_vec());
        let mut body = vec![
            cells(["", "phủ.", ""]),
            cells(["", "Cải cách tổ chức bộ máy hành", ""]),
            cells(["III", "", ""]),
            cells(["", "chính nhà nước", ""]),
            cells(["", "Rà soát chức năng", "Sở Nội vụ"]),
        ];
        title_lone_labels(&mut body, 0, 1);
        assert!(matches!(&body[2], BodyLine::Section(l, t)
            if l == "III" && t == "Cải cách tổ chức bộ máy hành chính nhà nước"));
        assert!(matches!(body[1], BodyLine::Blank) && matches!(body[3], BodyLine::Blank));
        assert!(
            matches!(body[0], BodyLine::Cells(..)),
            "the row above keeps its line"
        );
    }

    #[test]
    fn centred_rows_start_where_their_task_does() {
        // TT, task, lead: each TT sits in the middle of its row
        let rows = [
            ["", "Giải đáp vướng mắc", ""],
            ["1", "của người dân về", "Sở Công"],
            ["", "thủ tục hành chính.", "Thương"],
            ["", "Giải đáp vướng mắc", ""],
            ["2", "của doanh nghiệp", "Sở Y tế"],
            ["", "về đầu tư.", ""],
        ];
        let line = chars("x");
        let body: Vec<BodyLine> = rows
            .iter()
            .map(|r| BodyLine::Cells(&line, &[], r.iter().map(|c| c.to_string()).collect()))
            .collect();
        assert!(is_centred(&body, 0));
        let starts = centred_starts(&body, 0, 1);
        assert_eq!(starts, [true, false, false, true, false, false]);
    }

    #[test]
    fn cells_taking_text_again_after_a_gap_start_a_sub_row() {
        let rows = |v: &[[&str; 5]]| -> Vec<Vec<String>> {
            v.iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect()
        };
        // TT, task, lead, deadline, product
        let split = rows(&[
            ["3", "Rà soát", "Phòng Kế", "Tháng 6", "Báo cáo"],
            ["", "việc thực hiện", "hoạch", "", ""],
            ["", "cách thủ tục", "Văn phòng Sở", "Tháng 10", "Quyết định"],
        ]);
        assert_eq!(sub_row_starts(&split, 0), [0, 2]);
        assert!(runs_through(&split, 2, 1));
        assert!(!runs_through(&split, 2, 2));
        // a wrapped deadline runs on without a gap: one row
        let wrapped = rows(&[
            ["1", "Tổ chức", "Thanh tra", "Trước ngày", "Kế hoạch"],
            ["", "tập huấn", "", "30/9/2026", ""],
        ]);
        assert_eq!(sub_row_starts(&wrapped, 0), [0]);
    }
}
