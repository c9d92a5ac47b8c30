//! Text laid out in columns with spaces (`pdftotext -layout` and similar):
//! the header line gives the columns, character positions blank on every
//! line of the table are the gutters between them, and each line is cut at
//! the gutters. Rows start at a TT entry; a line whose text runs across the
//! columns after a Roman numeral or a letter is a section row.

use crate::model::{Column, SectionRef, TableInfo, TaskRecord};
use crate::records::{self, Assembly, Section, SectionKind};
use crate::table::{Role, roles};
use crate::text::{fold, join_lines, normalize};

/// A row being read: its TT, each column's lines, its sections.
type LaidRow = (Option<String>, Vec<Vec<(String, bool)>>, Vec<SectionRef>);

/// Splits a line at runs of two or more spaces: (start column, text).
fn pieces(line: &[char]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < line.len() {
        while i < line.len() && line[i] == ' ' {
            i += 1;
        }
        let start = i;
        while i < line.len() && !(line[i] == ' ' && line.get(i + 1).is_none_or(|c| *c == ' ')) {
            i += 1;
        }
        if i > start {
            out.push((
                start,
                line[start..i].iter().collect::<String>().trim().to_string(),
            ));
        }
    }
    out
}

/// The tables of a text laid out in columns, or `None` when it is not.
/// Each page (pages end at a form feed) places its columns anew, so each
/// page's gutters are found on its own lines.
pub fn assemble(input: &str) -> Option<Assembly> {
    let pages: Vec<Vec<Vec<char>>> = input
        .split('\u{c}')
        .map(|p| {
            p.lines()
                .map(|l| l.replace('\t', "    ").chars().collect())
                .collect()
        })
        .collect();
    let (p0, header) = pages.iter().enumerate().find_map(|(p, lines)| {
        (0..lines.len())
            .find(|&i| {
                let texts: Vec<String> = pieces(&lines[i]).into_iter().map(|(_, t)| t).collect();
                texts.len() >= 3 && roles::is_header(&texts)
            })
            .map(|i| (p, i))
    })?;
    let mut out = Assembly::default();
    let first = &pages[p0];
    let end = table_end(first, header);
    let table_lines = &first[header..end];
    let bounds = gutters(table_lines);
    if bounds.len() < 2 {
        return None;
    }
    let cols = bounds.len() + 1;
    let cut = |line: &[char], bounds: &[usize]| -> Vec<String> {
        let mut cells = vec![String::new(); cols];
        for (c, cell) in cells.iter_mut().enumerate() {
            let from = if c == 0 { 0 } else { bounds[c - 1] };
            let to = bounds.get(c).copied().unwrap_or(usize::MAX).min(line.len());
            if from < to {
                *cell = normalize(&line[from..to].iter().collect::<String>());
            }
        }
        cells
    };
    // header: lines until the first row (a TT entry or a section label)
    let mut body = 1;
    while body < table_lines.len() && body < 4 {
        let first_cell = cut(&table_lines[body], &bounds)[0].clone();
        if !first_cell.is_empty() || table_lines[body].iter().all(|c| *c == ' ') {
            break;
        }
        body += 1;
    }
    // the body: the rest of this page, then the next pages until the table ends
    let mut chunks: Vec<(Vec<usize>, &[Vec<char>])> = vec![(bounds.clone(), &table_lines[body..])];
    let mut ended = end < first.len();
    for page in &pages[p0 + 1..] {
        if ended {
            break;
        }
        let stop = table_end(page, 0).max(usize::from(!page.is_empty()));
        ended = stop < page.len();
        let mut lines = &page[..stop.min(page.len())];
        // a header repeated at the top of the page
        if let Some(h) = lines.iter().take(6).position(|l| {
            let texts: Vec<String> = pieces(l).into_iter().map(|(_, t)| t).collect();
            texts.len() >= 3 && roles::is_header(&texts)
        }) {
            lines = &lines[(h + body).min(lines.len())..];
        }
        chunks.push((page_bounds(&bounds, table_lines, lines), lines));
    }
    let mut headers = vec![String::new(); cols];
    for l in &table_lines[..body] {
        for (h, part) in headers.iter_mut().zip(cut(l, &bounds)) {
            if !part.is_empty() {
                h.push_str(if h.is_empty() { "" } else { " " });
                h.push_str(&part);
            }
        }
    }
    let role_list = roles::assign(&headers);
    let tt_col = role_list.iter().position(|r| *r == Role::Tt).unwrap_or(0);
    let mut rows: Vec<LaidRow> = Vec::new();
    let mut stack: Vec<(SectionKind, SectionRef)> = Vec::new();
    for (l, page_bounds) in chunks
        .iter()
        .flat_map(|(b, lines)| lines.iter().map(move |l| (l, b)))
    {
        if l.iter().all(|c| *c == ' ') {
            continue;
        }
        let cells = cut(l, page_bounds);
        let label = cells[tt_col].clone();
        let rest: Vec<&String> = cells
            .iter()
            .enumerate()
            .filter(|(c, t)| *c != tt_col && !t.is_empty())
            .map(|(_, t)| t)
            .collect();
        let kind = SectionKind::of(&label);
        if matches!(kind, Some(SectionKind::Roman | SectionKind::Letter)) && !rest.is_empty() {
            let title = normalize(&l.iter().collect::<String>())
                .trim_start_matches(label.as_str())
                .trim()
                .to_string();
            records::sections_push(&mut stack, SectionRef { label, title });
            out.sections.push(Section {
                table: 0,
                path: stack.iter().map(|(_, s)| s.clone()).collect(),
                page: 1,
            });
            continue;
        }
        if !label.is_empty() || rows.is_empty() {
            rows.push((
                Some(label.trim_end_matches('.').to_string()),
                vec![Vec::new(); cols],
                stack.iter().map(|(_, s)| s.clone()).collect(),
            ));
        }
        if let Some((_, parts, _)) = rows.last_mut() {
            for (c, t) in cells.into_iter().enumerate() {
                if c != tt_col && !t.is_empty() {
                    parts[c].push((t, false));
                }
            }
        }
    }
    for (tt, parts, section) in rows {
        let mut rec = TaskRecord {
            table: 0,
            tt,
            section,
            pages: vec![1],
            ..Default::default()
        };
        for (c, role) in role_list.iter().enumerate() {
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
        out.tasks.push(rec);
    }
    out.tables.push(TableInfo {
        index: 0,
        title: None,
        caption: None,
        pages: vec![1],
        columns: headers
            .into_iter()
            .zip(role_list)
            .map(|(header, role)| Column { header, role })
            .collect(),
    });
    let text: Vec<String> = first[..header].iter().map(|l| l.iter().collect()).collect();
    out.text = vec![super::page_lines(&text)];
    Some(out)
}

/// A later page's borders: the first page's, moved by the change of left
/// margin, each snapped to a gutter of this page when one is close.
fn page_bounds(first: &[usize], first_lines: &[Vec<char>], lines: &[Vec<char>]) -> Vec<usize> {
    let left = |ls: &[Vec<char>]| {
        ls.iter()
            .filter_map(|l| l.iter().position(|c| *c != ' '))
            .min()
            .unwrap_or(0)
    };
    let shift = left(lines) as isize - left(first_lines) as isize;
    let own = gutters(lines);
    first
        .iter()
        .map(|&b| {
            let moved = (b as isize + shift).max(0) as usize;
            own.iter()
                .copied()
                .filter(|g| g.abs_diff(moved) <= 3)
                .min_by_key(|g| g.abs_diff(moved))
                .unwrap_or(moved)
        })
        .collect()
}

/// The table runs until a line starting at the page's left margin with
/// words of the signature block, or a long run of blank lines.
fn table_end(lines: &[Vec<char>], header: usize) -> usize {
    let mut blank = 0;
    for (i, l) in lines.iter().enumerate().skip(header + 1) {
        let t: String = l.iter().collect();
        let f = fold(t.trim());
        if f.starts_with("noi nhan") || f.starts_with("kt.") || f.starts_with("tm.") {
            return i;
        }
        blank = if t.trim().is_empty() { blank + 1 } else { 0 };
        if blank >= 3 {
            return i;
        }
    }
    lines.len()
}

/// Column borders: character positions blank on nearly every non-empty
/// line, at the left of the text that follows them.
fn gutters(lines: &[Vec<char>]) -> Vec<usize> {
    let body: Vec<&Vec<char>> = lines
        .iter()
        .filter(|l| l.iter().filter(|c| **c != ' ').count() > 3)
        .collect();
    if body.is_empty() {
        return Vec::new();
    }
    let width = body.iter().map(|l| l.len()).max().unwrap_or(0);
    let left = body
        .iter()
        .filter_map(|l| l.iter().position(|c| *c != ' '))
        .min()
        .unwrap_or(0);
    // blank on nearly every line: a section title or a page number may cross
    let blank_at = |x: usize| {
        let filled = body
            .iter()
            .filter(|l| l.get(x).is_some_and(|c| *c != ' '))
            .count();
        filled * 20 <= body.len()
    };
    let mut out = Vec::new();
    let mut x = left;
    while x < width {
        if blank_at(x) {
            let start = x;
            while x < width && blank_at(x) {
                x += 1;
            }
            if x < width && start > left {
                out.push(x);
            }
        } else {
            x += 1;
        }
    }
    out
}
