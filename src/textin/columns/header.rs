//! The header of a laid-out table: its lines (labels may sit above and
//! below the line with the TT), its leaf columns under group labels, and
//! where the borders between them may lie.

use super::Chars;
use super::words::{Word, overlaps, pieces, words};
use crate::records::SectionKind;
use crate::table::{Role, roles};
use crate::text::normalize;

/// A leaf column of the header (cột): its span and its header text, with
/// the label of the group above it ("Cơ quan thực hiện Chủ trì").
#[derive(Debug, Clone)]
pub(super) struct Anchor {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) header: String,
}

/// The leaf columns of a header of one or more lines. A label that spans
/// two or more labels of another header line is a group label.
pub(super) fn anchors(header: &[Chars]) -> Vec<Anchor> {
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
pub(super) struct HeaderBlock {
    pub(super) top: usize,
    pub(super) main: usize,
    pub(super) end: usize,
}

impl HeaderBlock {
    pub(super) fn below(&self) -> usize {
        self.end - self.main - 1
    }
}

/// The first header among `lines[from..to]`, its lines below the main one
/// at most `below`.
pub(super) fn find_header(lines: &[Chars], to: usize, below: usize) -> Option<HeaderBlock> {
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
pub(super) fn header_top(lines: &[Chars], main: usize) -> usize {
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
pub(super) fn header_below(lines: &[Chars], main: usize) -> usize {
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

/// Where the borders between the header's columns may lie: between
/// neighbouring labels, as each label sits inside its cell (give or take
/// a character of the layout's rounding).
pub(super) fn header_ranges(anchors: &[Anchor]) -> Vec<(usize, usize)> {
    anchors
        .windows(2)
        .map(|w| {
            let lo = w[0].to.saturating_sub(1).max(w[0].from + 1);
            (lo, (w[1].from + 1).max(lo))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::textin::columns::chars;

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
}
