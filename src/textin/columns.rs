//! Text laid out in columns with spaces (`pdftotext -layout` and similar).
//! The header gives the columns: its labels, centred over their cells, bound
//! where each border may lie. Cells are left-aligned, so a border is where
//! most words start and fewest are cut; columns may touch with one space
//! between them. Each page places its columns anew. Rows start at a TT
//! entry (or, when blank lines part the rows, at a block of lines); a line
//! that opens with a Roman numeral or a letter and runs on is a section row.

use crate::model::{Column, SectionRef, TableInfo, TaskRecord};
use crate::records::{self, Assembly, Section, SectionKind};
use crate::table::{Role, roles};
use crate::text::{fold, join_lines, normalize};

/// A row being read: its TT, each column's lines, its sections.
type LaidRow = (Option<String>, Vec<Vec<(String, bool)>>, Vec<SectionRef>);

/// A line of a page as characters, one per character column.
type Chars = Vec<char>;

/// A word of a laid-out line: its character columns `from..to` and text.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    from: usize,
    to: usize,
    text: String,
}

/// The words of a line (split at every space).
fn words(line: &[char]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        if line[i] == ' ' {
            i += 1;
            continue;
        }
        let from = i;
        while i < line.len() && line[i] != ' ' {
            i += 1;
        }
        let text: String = line[from..i]
            .iter()
            .filter(|&&c| c != crate::text::ZERO_WIDTH)
            .collect();
        match out.last_mut() {
            // a list bullet goes with the word it marks
            Some(bullet) if is_bullet(&bullet.text) && bullet.to + 1 == from => {
                bullet.to = i;
                bullet.text.push(' ');
                bullet.text.push_str(&text);
            }
            _ => out.push(Word { from, to: i, text }),
        }
    }
    out
}

fn is_bullet(t: &str) -> bool {
    matches!(t, "-" | "+" | "•" | "–")
}

/// Splits a line at runs of two or more spaces: the header's labels.
fn pieces(line: &[char]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for w in words(line) {
        match out.last_mut() {
            Some(last) if w.from == last.to + 1 => {
                last.to = w.to;
                last.text.push(' ');
                last.text.push_str(&w.text);
            }
            _ => out.push(w),
        }
    }
    out
}

/// A leaf column of the header (cột): its span and its header text, with
/// the label of the group above it ("Cơ quan thực hiện Chủ trì").
#[derive(Debug, Clone)]
struct Anchor {
    from: usize,
    to: usize,
    header: String,
}

fn overlaps(a: &Word, b: &Word) -> bool {
    a.from < b.to && b.from < a.to
}

/// The leaf columns of a header of one or more lines. A label that spans
/// two or more labels of another header line is a group label.
fn anchors(header: &[Chars]) -> Vec<Anchor> {
    let lines: Vec<Vec<Word>> = header.iter().map(|l| pieces(l)).collect();
    let is_group = |li: usize, p: &Word| {
        lines
            .iter()
            .enumerate()
            .any(|(lj, other)| lj != li && other.iter().filter(|q| overlaps(p, q)).count() >= 2)
    };
    let mut groups: Vec<&Word> = Vec::new();
    let mut leaves: Vec<(usize, &Word)> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        for p in line {
            if is_group(li, p) {
                groups.push(p);
            } else {
                leaves.push((li, p));
            }
        }
    }
    leaves.sort_by_key(|(_, p)| p.from);
    let mut clusters: Vec<Vec<(usize, &Word)>> = Vec::new();
    for leaf in leaves {
        match clusters.last_mut() {
            Some(c) if c.iter().any(|(_, q)| overlaps(leaf.1, q)) => c.push(leaf),
            _ => clusters.push(vec![leaf]),
        }
    }
    clusters
        .into_iter()
        .map(|mut c| {
            c.sort_by_key(|(li, p)| (*li, p.from));
            let span = Word {
                from: c.iter().map(|(_, p)| p.from).min().unwrap_or(0),
                to: c.iter().map(|(_, p)| p.to).max().unwrap_or(0),
                text: String::new(),
            };
            let texts: Vec<&str> = groups
                .iter()
                .copied()
                .filter(|g| overlaps(g, &span))
                .chain(c.iter().map(|(_, p)| *p))
                .map(|p| p.text.as_str())
                .collect();
            Anchor {
                from: span.from,
                to: span.to,
                header: normalize(&texts.join(" ")),
            }
        })
        .collect()
}

/// Where a header sits: lines `top..end`, `main` the line with the TT or
/// task label. Cells centred vertically put labels above and below it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct HeaderBlock {
    top: usize,
    main: usize,
    end: usize,
}

impl HeaderBlock {
    fn below(&self) -> usize {
        self.end - self.main - 1
    }
}

/// The first header among `lines[from..to]`, its lines below the main one
/// at most `below`.
fn find_header(lines: &[Chars], to: usize, below: usize) -> Option<HeaderBlock> {
    (0..to.min(lines.len())).find_map(|main| {
        let ps = pieces(&lines[main]);
        let labels = ps.len() >= 2
            && ps.iter().all(|p| p.text.split_whitespace().count() <= 6)
            && ps
                .iter()
                .any(|p| matches!(roles::role_of(&p.text), Some(Role::Tt | Role::Task)));
        if !labels {
            return None;
        }
        let block = HeaderBlock {
            top: header_top(lines, main),
            main,
            end: main + 1 + header_below(lines, main).min(below),
        };
        let headers: Vec<String> = anchors(&lines[block.top..block.end])
            .into_iter()
            .map(|a| a.header)
            .collect();
        let named = headers
            .iter()
            .filter(|h| roles::role_of(h).is_some())
            .count();
        (headers.len() >= 3 && named * 3 >= headers.len() * 2 && roles::is_header(&headers))
            .then_some(block)
    })
}

/// The first line of a header whose main line is `main`: lines right above
/// it of short labels, each over at most one label of the main line (a
/// title above a table spans several).
fn header_top(lines: &[Chars], main: usize) -> usize {
    let below = pieces(&lines[main]);
    let mut top = main;
    while top > 0 && main - top < 3 {
        let ps = pieces(&lines[top - 1]);
        let labels = !ps.is_empty()
            && ps.iter().all(|p| {
                p.text.split_whitespace().count() <= 4
                    && !p.text.ends_with([':', '.'])
                    && below.iter().filter(|q| overlaps(p, q)).count() <= 1
            });
        if !labels {
            break;
        }
        top -= 1;
    }
    top
}

/// How many lines after `main` the header takes: short labels, until the
/// first row (a line opening with a TT or section label) or a blank line.
fn header_below(lines: &[Chars], main: usize) -> usize {
    let mut n = 0;
    while main + n + 1 < lines.len() && n < 3 {
        let l = &lines[main + n + 1];
        let ws = words(l);
        let first = ws.first().map(|w| w.text.trim_end_matches(['.', ')']));
        let short = pieces(l)
            .iter()
            .all(|p| p.text.split_whitespace().count() <= 4);
        if first.is_none_or(|t| SectionKind::of(t).is_some()) || !short {
            break;
        }
        n += 1;
    }
    n
}

/// The label of a section row (a Roman numeral or a letter, then a title).
fn section_label(line: &[char]) -> Option<String> {
    let ws = words(line);
    let label = ws.first()?.text.clone();
    (ws.len() > 1
        && matches!(
            SectionKind::of(&label),
            Some(SectionKind::Roman | SectionKind::Letter)
        ))
    .then_some(label)
}

/// Column borders of a page: within each range, the character column where
/// most words start (cells are left-aligned), best after a wide gap, and
/// fewest words are cut.
fn borders(lines: &[&Chars], ranges: &[(usize, usize)]) -> Vec<usize> {
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
                _ if w.from < x && x < w.to => -6,
                _ => 0,
            })
            .sum()
    };
    let mut out: Vec<usize> = Vec::new();
    for &(lo, hi) in ranges {
        let lo = lo.max(out.last().map_or(0, |b| b + 1));
        // the best score; of equals, the leftmost
        let best = (lo..=hi.max(lo))
            .map(|x| (score(x), std::cmp::Reverse(x)))
            .max()
            .map_or(lo, |(_, std::cmp::Reverse(x))| x);
        out.push(best);
    }
    out
}

/// Where the borders between the header's columns may lie: between
/// neighbouring labels, as each label sits inside its cell (give or take
/// a character of the layout's rounding).
fn header_ranges(anchors: &[Anchor]) -> Vec<(usize, usize)> {
    anchors
        .windows(2)
        .map(|w| {
            let lo = w[0].to.saturating_sub(1).max(w[0].from + 1);
            (lo, (w[1].from + 1).max(lo))
        })
        .collect()
}

/// Where the borders of a page without a header may lie: the previous
/// page's borders, moved with the left margin, each free to move half-way
/// to its neighbours.
fn carried_ranges(prev: &[usize], prev_lines: &[&Chars], lines: &[&Chars]) -> Vec<(usize, usize)> {
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
fn cells_of(line: &[char], borders: &[usize]) -> Vec<String> {
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

/// One page's share of the table: its lines and its column borders.
struct Chunk<'a> {
    lines: Vec<&'a Chars>,
    borders: Vec<usize>,
}

/// Is this text laid out in columns with spaces: do one in five of its
/// lines or more hold a run of three spaces between words?
pub fn is_laid_out(input: &str) -> bool {
    let (mut lines, mut wide) = (0usize, 0usize);
    for l in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        lines += 1;
        wide += usize::from(l.contains("   "));
    }
    lines > 0 && wide * 5 >= lines
}

/// The tables of a text laid out in columns, or `None` when it is not.
pub fn assemble(input: &str) -> Option<Assembly> {
    let pages: Vec<Vec<Chars>> = input
        .split('\u{c}')
        .map(|p| {
            p.lines()
                .map(|l| l.replace('\t', "    ").chars().collect())
                .collect()
        })
        .collect();
    let mut out = Assembly::default();
    let mut text: Option<Vec<String>> = None;
    let mut at = (0, 0);
    while let Some((p0, head)) = next_header(&pages, at) {
        let first = &pages[p0];
        text.get_or_insert_with(|| {
            first[..head.top]
                .iter()
                .map(|l| l.iter().collect())
                .collect()
        });
        let anchors = anchors(&first[head.top..head.end]);
        let (chunks, end) = table_chunks(&pages, p0, head, &anchors);
        at = end;
        let headers: Vec<String> = anchors.into_iter().map(|a| a.header).collect();
        let roles = roles::assign(&headers);
        let table = out.tables.len();
        for (tt, parts, section) in read_rows(&chunks, &roles, table, &mut out) {
            out.tasks
                .push(record(table, tt, parts, section, &roles, &headers));
        }
        out.tables.push(TableInfo {
            index: table,
            title: None,
            caption: None,
            pages: vec![1],
            columns: headers
                .into_iter()
                .zip(roles)
                .map(|(header, role)| Column { header, role })
                .collect(),
        });
    }
    out.text = vec![super::page_lines(&text?)];
    Some(out)
}

/// The next header at or after line `at.1` of page `at.0`.
fn next_header(pages: &[Vec<Chars>], (page, line): (usize, usize)) -> Option<(usize, HeaderBlock)> {
    pages.iter().enumerate().skip(page).find_map(|(p, lines)| {
        let from = if p == page { line.min(lines.len()) } else { 0 };
        let rest = &lines[from..];
        find_header(rest, rest.len(), 3).map(|h| {
            (
                p,
                HeaderBlock {
                    top: h.top + from,
                    main: h.main + from,
                    end: h.end + from,
                },
            )
        })
    })
}

/// A table's share of each page from its header on, and where it ends
/// (page, line): at the signature block, a long gap, or a line of prose
/// running across the columns.
fn table_chunks<'a>(
    pages: &'a [Vec<Chars>],
    p0: usize,
    head: HeaderBlock,
    anchors: &[Anchor],
) -> (Vec<Chunk<'a>>, (usize, usize)) {
    let first = &pages[p0];
    let end = table_end(first, head.main).max(head.end);
    let body: Vec<&Chars> = first[head.end..end].iter().collect();
    let mut chunks = vec![Chunk {
        borders: borders(&body, &header_ranges(anchors)),
        lines: body,
    }];
    let mut stop = (p0, end);
    if let Some(prose) = prose_at(&chunks[0]) {
        chunks[0].lines.truncate(prose);
        return (chunks, (p0, head.end + prose));
    }
    if end < first.len() {
        return (chunks, stop);
    }
    for (p, page) in pages.iter().enumerate().skip(p0 + 1) {
        let cut = table_end(page, 0).max(usize::from(!page.is_empty()));
        let lines = &page[..cut.min(page.len())];
        stop = (p, cut);
        if lines.iter().any(|l| l.iter().any(|c| *c != ' ')) {
            let mut chunk = page_chunk(lines, (anchors, head.below()), &chunks);
            let skipped = lines.len() - chunk.lines.len();
            if let Some(prose) = prose_at(&chunk) {
                chunk.lines.truncate(prose);
                chunks.push(chunk);
                return (chunks, (p, skipped + prose));
            }
            chunks.push(chunk);
        }
        if cut < page.len() {
            break;
        }
    }
    (chunks, (stop.0, stop.1.max(1)))
}

/// The first line of a chunk that is prose, not a row: one run of words
/// with single spaces, eight words or more, across two borders or more.
fn prose_at(chunk: &Chunk) -> Option<usize> {
    chunk.lines.iter().position(|l| {
        let ps = pieces(l);
        ps.len() == 1
            && ps[0].text.split_whitespace().count() >= 8
            && chunk
                .borders
                .iter()
                .filter(|&&b| ps[0].from < b && b < ps[0].to)
                .count()
                >= 2
            && section_label(l).is_none()
    })
}

/// A later page's share: a header repeated at its top places its columns;
/// without one, the previous page's borders are carried over.
fn page_chunk<'a>(
    lines: &'a [Chars],
    (first, below): (&[Anchor], usize),
    before: &[Chunk],
) -> Chunk<'a> {
    // no taller than the first: a row running on from the last page
    // follows the header with no TT of its own
    // a header at the top of the page, not a new table after some text
    let repeated = find_header(lines, 8, below).filter(|h| {
        lines[..h.top].iter().all(|l| {
            pieces(l)
                .iter()
                .all(|p| p.text.split_whitespace().count() <= 6)
        })
    });
    if let Some(h) = repeated {
        let own = anchors(&lines[h.top..h.end]);
        if own.len() == first.len() {
            let body: Vec<&Chars> = lines[h.end..].iter().collect();
            return Chunk {
                borders: borders(&body, &header_ranges(&own)),
                lines: body,
            };
        }
    }
    let body: Vec<&Chars> = lines[repeated.map_or(0, |h| h.end)..].iter().collect();
    let prev = before.last().expect("the first page's chunk comes first");
    Chunk {
        borders: borders(&body, &carried_ranges(&prev.borders, &prev.lines, &body)),
        lines: body,
    }
}

/// The lines of one row (dòng), each with its page's column borders.
struct RowLines<'a> {
    lines: Vec<(&'a Chars, &'a [usize])>,
    section: Vec<SectionRef>,
    /// cells centred vertically: a column's text may start late in the row
    centred: bool,
}

/// A line of the table's body.
enum BodyLine<'a> {
    Blank,
    /// A section row: its label and title.
    Section(String, String),
    /// A line of cells: the line, its page's borders, its text per column.
    Cells(&'a Chars, &'a [usize], Vec<String>),
}

fn body_line<'a>(l: &'a Chars, borders: &'a [usize]) -> BodyLine<'a> {
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

/// The table's rows. A row starts at a TT entry; when blank lines part the
/// rows, a block of lines is one row whatever line its TT sits on; when
/// the cells are centred vertically, a row starts between two TTs where
/// its task does (see [`centred_starts`]).
fn read_rows(chunks: &[Chunk], roles: &[Role], table: usize, out: &mut Assembly) -> Vec<LaidRow> {
    let tt_col = roles.iter().position(|r| *r == Role::Tt).unwrap_or(0);
    let task_col = roles.iter().position(|r| *r == Role::Task);
    let body: Vec<BodyLine> = chunks
        .iter()
        .flat_map(|c| c.lines.iter().map(|l| body_line(l, &c.borders)))
        .collect();
    let starts = row_starts(&body, tt_col, task_col);
    let centred = is_centred(&body, tt_col);
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
                        centred,
                    });
                }
                if let Some(row) = rows.last_mut() {
                    row.lines.push((l, borders));
                }
            }
        }
    }
    rows.iter()
        .flat_map(|row| cut_row(row, tt_col, roles.len()))
        .collect()
}

/// Which body lines start a row.
fn row_starts(body: &[BodyLine], tt_col: usize, task_col: Option<usize>) -> Vec<bool> {
    let has_tt = |l: &BodyLine| matches!(l, BodyLine::Cells(_, _, c) if !c[tt_col].is_empty());
    if blank_parted(body, tt_col) {
        let mut starts = vec![false; body.len()];
        for i in 0..body.len() {
            let after_gap = i == 0 || !matches!(body[i - 1], BodyLine::Cells(..));
            starts[i] = after_gap && matches!(body[i], BodyLine::Cells(..));
        }
        return starts;
    }
    if is_centred(body, tt_col) {
        return centred_starts(body, tt_col, task_col.unwrap_or(tt_col + 1));
    }
    body.iter().map(has_tt).collect()
}

/// Are the cells centred vertically: after the header and after section
/// rows, does the first line more often lack a TT than hold one?
fn is_centred(body: &[BodyLine], tt_col: usize) -> bool {
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
fn centred_starts(body: &[BodyLine], tt_col: usize, task_col: usize) -> Vec<bool> {
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
fn split_between(cells: &[(usize, &Vec<String>)], a: usize, b: usize, task: usize) -> usize {
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
fn blank_parted(body: &[BodyLine], tt_col: usize) -> bool {
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
fn cut_row(row: &RowLines, tt_col: usize, cols: usize) -> Vec<LaidRow> {
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
    let starts = if row.centred {
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

/// The page's borders refitted to one row's lines: a border that cuts a
/// word of the row may move up to three columns to where the row's words
/// start, at a small cost per move.
fn fitted(lines: &[&Chars], page: &[usize]) -> Vec<usize> {
    let ws: Vec<Word> = lines.iter().flat_map(|l| words(l)).collect();
    let score = |x: usize, b: usize| -> i64 {
        let fit: i64 = ws
            .iter()
            .map(|w| match () {
                _ if w.from == x => 4,
                _ if w.from < x && x < w.to => -12,
                _ => 0,
            })
            .sum();
        fit - x.abs_diff(b) as i64
    };
    let mut out: Vec<usize> = Vec::new();
    for &b in page {
        if !ws.iter().any(|w| w.from < b && b < w.to) {
            out.push(b);
            continue;
        }
        let lo = b.saturating_sub(3).max(out.last().map_or(0, |p| p + 1));
        let best = (lo..=(b + 3).max(lo))
            .map(|x| (score(x, b), std::cmp::Reverse(x)))
            .max()
            .map_or(b, |(_, std::cmp::Reverse(x))| x);
        out.push(best);
    }
    out
}

/// The lines where a row's sub-rows start: the first line, then each line
/// where two or more columns take text again after an empty line (a
/// wrapped cell runs on without a gap).
fn sub_row_starts(cells: &[Vec<String>], tt_col: usize) -> Vec<usize> {
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
fn runs_through(cells: &[Vec<String>], start: usize, c: usize) -> bool {
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
fn record(
    table: usize,
    tt: Option<String>,
    parts: Vec<Vec<(String, bool)>>,
    section: Vec<SectionRef>,
    roles: &[Role],
    headers: &[String],
) -> TaskRecord {
    let mut rec = TaskRecord {
        table,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Chars {
        s.chars().collect()
    }

    #[test]
    fn laid_out_text_has_runs_of_spaces_between_words() {
        assert!(is_laid_out(
            "TT   Nhiệm vụ    Chủ trì\n1    Rà soát     Sở\n"
        ));
        assert!(!is_laid_out(
            "TT\nNhiệm vụ\nChủ trì\n1\nRà soát thủ tục\nSở\n"
        ));
        assert!(!is_laid_out("\tTT\n\tNhiệm vụ\n"));
    }

    #[test]
    fn a_header_centred_in_its_cells_has_labels_above_and_below() {
        let lines: Vec<Chars> = [
            "gồm 11 chuyên mục sau:",
            "",
            "                          Trách nhiệm    Thời gian",
            " TT      Nội dung",
            "                           thực hiện    (Năm 2026)",
            "       Giải đáp những vướng mắc, kiến    Từ 20 giờ",
        ]
        .into_iter()
        .map(chars)
        .collect();
        let h = find_header(&lines, lines.len(), 3).unwrap();
        assert_eq!((h.top, h.main, h.end), (2, 3, 5));
        let got: Vec<String> = anchors(&lines[h.top..h.end])
            .into_iter()
            .map(|a| a.header)
            .collect();
        assert_eq!(
            got,
            [
                "TT",
                "Nội dung",
                "Trách nhiệm thực hiện",
                "Thời gian (Năm 2026)"
            ]
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
    fn a_group_label_heads_the_leaves_under_it() {
        let header = [
            chars("TT   Nội dung    Cơ quan thực hiện    Thời hạn"),
            chars("     công việc  Chủ trì    Phối hợp"),
        ];
        let got: Vec<String> = anchors(&header).into_iter().map(|a| a.header).collect();
        assert_eq!(
            got,
            [
                "TT",
                "Nội dung công việc",
                "Cơ quan thực hiện Chủ trì",
                "Cơ quan thực hiện Phối hợp",
                "Thời hạn"
            ]
        );
    }

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
