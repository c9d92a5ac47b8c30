//! The header of a borderless table: its lines (labels centred in tall
//! cells sit above and below the line with the TT), its leaf columns under
//! group labels, and where the borders between them may lie.

use super::{Settings, TextRow, is_item_letter};
use crate::pdf::Rule;
use crate::records::SectionKind;
use crate::table::{Role, roles};
use crate::text::normalize;

/// Words of one label on the header's main line, at most.
const MAIN_LABEL_WORDS: usize = 6;
/// Words of one label on a header line above or below the main one, at most.
const OTHER_LABEL_WORDS: usize = 4;
/// Header lines above or below the main one, at most.
const OTHER_LINES: usize = 3;

/// A run of words closer than [`Settings::phrase_gap`]: a label, a cell's
/// text on one line.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Piece {
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) text: String,
    pub(super) words: usize,
}

pub(super) fn overlaps(a: (f32, f32), b: (f32, f32)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

impl Piece {
    fn span(&self) -> (f32, f32) {
        (self.x0, self.x1)
    }
}

/// A row's words joined into phrases.
pub(super) fn pieces(row: &TextRow, s: &Settings) -> Vec<Piece> {
    let gap = s.phrase_gap * row.size;
    // "STT Nhiệm vụ" squeezed together: the TT label is a column
    joined(row.words.iter().copied(), |p, w| {
        w.x0 - p.x1 >= gap || is_tt_label(&p.text)
    })
}

/// Words joined into pieces, a new one where `apart` says so.
fn joined<'w>(
    words: impl Iterator<Item = &'w super::Word>,
    apart: impl Fn(&Piece, &super::Word) -> bool,
) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(p) if !apart(p, w) => {
                p.x1 = w.x1;
                p.text.push(' ');
                p.text.push_str(&w.text);
                p.words += 1;
            }
            _ => out.push(Piece {
                x0: w.x0,
                x1: w.x1,
                text: w.text.clone(),
                words: 1,
            }),
        }
    }
    out
}

/// The TT column's label, a column of its own however close the next.
fn is_tt_label(t: &str) -> bool {
    matches!(t, "TT" | "STT" | "Stt" | "T.T" | "S.T.T")
}

/// A leaf column of the header (cột): its span and its header text, with
/// the label of the group above it ("Cơ quan thực hiện Chủ trì").
#[derive(Debug, Clone)]
pub(super) struct Anchor {
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) header: String,
}

/// The leaf columns of a header of one or more lines. A label that spans
/// two or more labels of another header line is a group label.
pub(super) fn anchors(header: &[TextRow], s: &Settings) -> Vec<Anchor> {
    let lines = unsqueezed(header, s);
    let is_group = |li: usize, p: &Piece| {
        lines.iter().enumerate().any(|(lj, other)| {
            lj != li
                && other
                    .iter()
                    .filter(|q| overlaps(p.span(), q.span()))
                    .count()
                    >= 2
        })
    };
    let mut groups: Vec<&Piece> = Vec::new();
    let mut leaves: Vec<(usize, &Piece)> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        for p in line {
            if is_group(li, p) {
                groups.push(p);
            } else {
                leaves.push((li, p));
            }
        }
    }
    leaves.sort_by(|a, b| a.1.x0.total_cmp(&b.1.x0));
    let mut clusters: Vec<Vec<(usize, &Piece)>> = Vec::new();
    for leaf in leaves {
        match clusters.last_mut() {
            Some(c) if c.iter().any(|(_, q)| overlaps(leaf.1.span(), q.span())) => c.push(leaf),
            _ => clusters.push(vec![leaf]),
        }
    }
    clusters
        .into_iter()
        .map(|mut c| {
            c.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.x0.total_cmp(&b.1.x0)));
            let span = (
                c.iter().map(|(_, p)| p.x0).fold(f32::MAX, f32::min),
                c.iter().map(|(_, p)| p.x1).fold(f32::MIN, f32::max),
            );
            let texts: Vec<&str> = groups
                .iter()
                .copied()
                .filter(|g| overlaps(g.span(), span))
                .chain(c.iter().map(|(_, p)| *p))
                .map(|p| p.text.as_str())
                .collect();
            Anchor {
                x0: span.0,
                x1: span.1,
                header: normalize(&texts.join(" ")),
            }
        })
        .collect()
}

/// The header lines' labels. Two labels a layout set one space apart
/// ("Cơ quan chủ Cơ quan phối" over "trì" and "hợp") are parted where a
/// capital follows a lower-case word, when each part then stands over one
/// label of another line (a group label spans them whole).
fn unsqueezed(header: &[TextRow], s: &Settings) -> Vec<Vec<Piece>> {
    let lines: Vec<Vec<Piece>> = header.iter().map(|r| pieces(r, s)).collect();
    let over =
        |p: &Piece, line: &[Piece]| line.iter().filter(|q| overlaps(p.span(), q.span())).count();
    let mut out = lines.clone();
    for (li, row) in header.iter().enumerate() {
        out[li] = lines[li]
            .iter()
            .zip(parted(row, &lines[li]))
            .flat_map(|(p, parts)| {
                let apart = parts.len() > 1
                    && (named_apart(&parts, &lines[li + 1..])
                        || lines.iter().enumerate().any(|(lj, other)| {
                            lj != li
                                && over(p, other) >= 2
                                && parts.iter().all(|q| over(q, other) <= 1)
                        }));
                if apart { parts } else { vec![p.clone()] }
            })
            .collect();
    }
    out
}

/// Labels set one space apart that each name a column of their own
/// ("Đơn vị phối hợp Đơn vị chủ trì", or "Cơ quan chủ trì Cơ quan phối"
/// over "hợp": a part's label goes on in the lines `below` it): every part
/// names a role, no two the same. (A combined column names its second role
/// without its own noun: "Đơn vị chủ trì, phối hợp".)
fn named_apart(parts: &[Piece], below: &[Vec<Piece>]) -> bool {
    let label = |p: &Piece| {
        let under = below
            .iter()
            .flatten()
            .filter(|q| overlaps(p.span(), q.span()))
            .map(|q| q.text.as_str());
        std::iter::once(p.text.as_str())
            .chain(under)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let roles: Vec<Option<Role>> = parts.iter().map(|p| roles::role_of(&label(p))).collect();
    roles.iter().all(Option::is_some)
        && roles
            .iter()
            .enumerate()
            .all(|(i, r)| !roles[..i].contains(r))
}

/// Each of a row's pieces (as [`pieces`] made them, in order) cut where a
/// capital follows a lower-case word.
fn parted(row: &TextRow, ps: &[Piece]) -> Vec<Vec<Piece>> {
    let mut at = 0;
    ps.iter()
        .map(|p| {
            let words = row.words[at..at + p.words].iter().copied();
            at += p.words;
            joined(words, |q, w| {
                w.text.starts_with(char::is_uppercase) && q.text.ends_with(char::is_lowercase)
            })
        })
        .collect()
}

/// Where a header sits: rows `top..end`, `main` the row with the TT or
/// task label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct HeaderBlock {
    pub(super) top: usize,
    pub(super) main: usize,
    pub(super) end: usize,
}

/// The header whose main line is row `main`, its first line not above
/// row `floor`: labels (two or more, short, one of them TT or task),
/// three columns or more, two in three of them named.
pub(super) fn find(
    rows: &[TextRow],
    main: usize,
    floor: usize,
    rules: &[Rule],
    s: &Settings,
) -> Option<HeaderBlock> {
    // labels one space apart are parted only in a line laid out in
    // columns: a line of text that runs on reads as one phrase
    let mut ps = pieces(rows.get(main)?, s);
    if ps.len() >= 3 {
        // (with the lines under it, where a label set one space after
        // another may go on: "Cơ quan chủ trì Cơ quan phối" over "hợp")
        let end = main + 1 + below(rows, main, rules, s);
        ps = unsqueezed(&rows[main..end], s).remove(0);
    }
    let labels = ps.len() >= 2
        && ps.iter().all(|p| p.words <= MAIN_LABEL_WORDS)
        && ps
            .iter()
            .any(|p| matches!(roles::role_of(&p.text), Some(Role::Tt | Role::Task)));
    if !labels {
        return None;
    }
    let block = HeaderBlock {
        top: top(rows, main, floor, s),
        main,
        end: main + 1 + below(rows, main, rules, s),
    };
    let headers: Vec<String> = anchors(&rows[block.top..block.end], s)
        .into_iter()
        .map(|a| a.header)
        .collect();
    let named = headers
        .iter()
        .filter(|h| roles::role_of(h).is_some())
        .count();
    (headers.len() >= 3 && named * 3 >= headers.len() * 2 && roles::is_header(&headers))
        .then_some(block)
}

/// Is row `b` the next line of a header after row `a`: close below it?
fn close(rows: &[TextRow], a: usize, b: usize, s: &Settings) -> bool {
    rows[b].baseline - rows[a].baseline < s.header_pitch * rows[a].size
}

/// The first line of a header whose main line is `main`: lines right above
/// it of short labels, each over at most one label of the main line (a
/// title above a table spans several).
fn top(rows: &[TextRow], main: usize, floor: usize, s: &Settings) -> usize {
    let below = pieces(&rows[main], s);
    // the line under the main one, unless a row's number opens it
    let under: Vec<Piece> = rows
        .get(main + 1)
        .filter(|r| {
            r.words
                .first()
                .is_none_or(|w| !super::is_number_or_roman(&w.text))
        })
        .map(|r| pieces(r, s))
        .unwrap_or_default();
    let mut top = main;
    while top > floor && main - top < OTHER_LINES && close(rows, top - 1, top, s) {
        // (labels one space apart count one by one)
        let row = &rows[top - 1];
        let ps: Vec<Piece> = parted(row, &pieces(row, s)).concat();
        // "a) Nhiệm vụ chung" above a table is the body's heading
        let listed = ps.first().is_some_and(|p| {
            let first = p.text.split_whitespace().next().unwrap_or("");
            first.ends_with([')', '.']) && SectionKind::of(first).is_some() || is_item_letter(first)
        });
        // a page's number over a header repeated overleaf labels nothing
        let labels = !listed
            && !row.is_number()
            && ps.iter().all(|p| {
                let over = below
                    .iter()
                    .filter(|q| overlaps(p.span(), q.span()))
                    .count();
                // a longer label over a gap of the main line, going on
                // under it: a label centred in a tall cell ("Đơn vị phối
                // hợp thực" / "hiện")
                let goes_on = under.iter().any(|q| overlaps(p.span(), q.span()));
                let words = match over == 0 && goes_on {
                    true => MAIN_LABEL_WORDS,
                    false => OTHER_LABEL_WORDS,
                };
                p.words <= words && !p.text.ends_with([':', '.']) && over <= 1
            });
        if !labels {
            break;
        }
        top -= 1;
    }
    top
}

/// How many lines after `main` the header takes. A rule under the header
/// closes it; without one, short labels until the first row (a line
/// opening with a TT or section label) or a gap.
fn below(rows: &[TextRow], main: usize, rules: &[Rule], s: &Settings) -> usize {
    let size = rows[main].size;
    let span = (
        rows[main].x0(),
        rows[main].words.last().map_or(0.0, |w| w.x1),
    );
    let rule = rules
        .iter()
        .filter(|r| {
            r.is_horizontal()
                && r.top > rows[main].baseline
                && r.top < rows[main].baseline + 5.0 * size
        })
        .find(|r| r.x1 - r.x0 >= (span.1 - span.0) * 0.5)
        .map(|r| r.top);
    let mut n = 0;
    while main + n + 1 < rows.len() && n < OTHER_LINES {
        let k = main + n + 1;
        let r = &rows[k];
        let goes_on = match rule {
            Some(y) => r.baseline < y,
            None => {
                let first = r.words.first().map(|w| w.text.trim_end_matches(['.', ')']));
                let ps = pieces(r, s);
                let labels = ps.iter().all(|p| p.words <= OTHER_LABEL_WORDS)
                    && first.is_some_and(|t| SectionKind::of(t).is_none())
                    && !ps.iter().any(opens_a_cell);
                close(rows, k - 1, k, s) && (labels || wrapped_label(&ps))
            }
        };
        if !goes_on {
            break;
        }
        n += 1;
    }
    n
}

/// A lone letter under a header's main line, the other labels on its line
/// going on in lower case ("T | trì | hợp" under "T | Đơn vị chủ | Đơn vị
/// phối"): a narrow TT column wrapped its label, no section opens.
fn wrapped_label(ps: &[Piece]) -> bool {
    let lower = |p: &Piece| p.text.starts_with(|c: char| c.is_lowercase() || c == '(');
    ps.first()
        .is_some_and(|p| p.words == 1 && p.text.chars().count() == 1)
        && ps[1..].iter().all(lower)
}

/// A phrase in capitals that names no column: the first line of a cell
/// ("Giải đáp vướng mắc"), not a label going on under the main line
/// ("hoàn thành", "(Năm 2026)") or a column under a group ("Chủ trì").
fn opens_a_cell(p: &Piece) -> bool {
    p.text.chars().next().is_some_and(char::is_uppercase) && roles::role_of(&p.text).is_none()
}

/// Where the borders between the header's columns may lie: between
/// neighbouring labels, as each label sits inside its cell, give or take
/// [`Settings::label_slack`].
pub(super) fn ranges(anchors: &[Anchor], em: f32, s: &Settings) -> Vec<(f32, f32)> {
    let slack = s.label_slack * em;
    anchors
        .windows(2)
        .map(|w| {
            let lo = (w[0].x1 - slack).max(w[0].x0 + slack);
            (lo, (w[1].x0 + slack).max(lo))
        })
        .collect()
}
