//! Text laid out in columns with spaces (`pdftotext -layout` and similar).
//! The header gives the columns: its labels, centred over their cells, bound
//! where each border may lie. Cells are left-aligned, so a border is where
//! most words start and fewest are cut; columns may touch with one space
//! between them. Each page places its columns anew. Rows start at a TT
//! entry (or, when blank lines part the rows, at a block of lines); a line
//! that opens with a Roman numeral or a letter and runs on is a section row.

mod borders;
mod header;
mod rows;
mod words;

use borders::{borders, carried_ranges};
use header::{Anchor, HeaderBlock, anchors, find_header, header_ranges};
use rows::{read_rows, record};
use words::{pieces, section_label};

use crate::model::{Column, TableInfo};
use crate::records::Assembly;
use crate::table::roles;
use crate::text::fold;

/// A line of a page as characters, one per character column.
type Chars = Vec<char>;

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

/// Lines from (page, line) up to, not including, (page, line).
type Span = ((usize, usize), (usize, usize));

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
    // where each table runs: from its header's first line to the line after it
    let mut spans: Vec<Span> = Vec::new();
    let mut at = (0, 0);
    while let Some((p0, head)) = next_header(&pages, at) {
        let first = &pages[p0];
        let anchors = anchors(&first[head.top..head.end]);
        let (chunks, end) = table_chunks(&pages, p0, head, &anchors);
        spans.push(((p0, head.top), end));
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
            ..Default::default()
        });
    }
    if spans.is_empty() {
        return None;
    }
    out.text = vec![super::laid_out_lines(&outside(&pages, &spans))];
    Some(out)
}

/// The lines outside the tables: the document's own text before, between
/// and after them.
fn outside(pages: &[Vec<Chars>], spans: &[Span]) -> Vec<String> {
    let mut text = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for (i, l) in page.iter().enumerate() {
            if !spans
                .iter()
                .any(|(from, to)| (p, i) >= *from && (p, i) < *to)
            {
                text.push(l.iter().collect());
            }
        }
    }
    text
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
/// with single spaces, eight words or more, that opens in the first
/// columns and runs across two borders or more. (A row whose layout
/// squeezed its cells together opens further right.)
fn prose_at(chunk: &Chunk) -> Option<usize> {
    let opens_left = |from: usize| chunk.borders.get(1).is_none_or(|&b| from < b);
    chunk.lines.iter().position(|l| {
        let ps = pieces(l);
        ps.len() == 1
            && ps[0].text.split_whitespace().count() >= 8
            && opens_left(ps[0].from)
            && chunk.borders.iter().filter(|&&b| ps[0].cut_by(b)).count() >= 2
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

/// The table runs until a line starting at the page's left margin with
/// words of the signature block, or a long run of blank lines with more
/// text after it on the page (blank lines and a page number at the foot
/// of a page end nothing: the table goes on overleaf).
fn table_end(lines: &[Vec<char>], header: usize) -> usize {
    let blank = |l: &Vec<char>| l.iter().all(|c| c.is_whitespace());
    let page_number = |l: &Vec<char>| {
        let t: String = l.iter().collect();
        let t = t.trim();
        !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
    };
    let mut run = 0;
    // page numbers stand at the top of the page in Vietnamese documents
    let text = |l: &Vec<char>| !blank(l) && !page_number(l);
    let mut seen_text = lines.iter().take(header + 1).any(text);
    for (i, l) in lines.iter().enumerate().skip(header + 1) {
        let t: String = l.iter().collect();
        let f = fold(t.trim());
        if f.starts_with("noi nhan") || f.starts_with("kt.") || f.starts_with("tm.") {
            return i;
        }
        run = if blank(l) { run + 1 } else { 0 };
        seen_text |= text(l);
        // the blank top margin of a page parts nothing
        if run >= 3 && seen_text && !lines[i..].iter().all(|l| blank(l) || page_number(l)) {
            return i;
        }
    }
    lines.len()
}

/// A line of text as characters (a test's way to write one).
#[cfg(test)]
fn chars(s: &str) -> Chars {
    s.chars().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_ends_at_a_gap_with_text_after_it_not_at_a_page_margin() {
        let page = |ls: &[&str]| -> Vec<Chars> { ls.iter().map(|l| chars(l)).collect() };
        // the foot of a page: blank lines and the page number
        let foot = page(&["1   Rà soát   Sở", "", "", "", "        12", ""]);
        assert_eq!(table_end(&foot, 0), foot.len());
        // the top margin of the next page, its number at the top
        let top = page(&[
            "       13",
            "",
            "",
            "",
            "TT  Nhiệm vụ  Chủ trì",
            "2   Tập huấn   Sở",
        ]);
        assert_eq!(table_end(&top, 0), top.len());
        // a gap, then the text after the table
        let after = page(&[
            "1   Rà soát   Sở",
            "",
            "",
            "",
            "2. Tổ chức Cuộc thi tìm hiểu",
        ]);
        assert_eq!(table_end(&after, 0), 3);
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
}
