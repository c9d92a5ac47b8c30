//! Body text → items: the headings, numbered and lettered paragraphs (mục,
//! khoản, điểm) and bullets (gạch đầu dòng) of a document's body, nested as
//! printed.

use std::sync::LazyLock;

use regex::Regex;

use crate::document::{PageText, doc_type, is_capitals};
use crate::layout::Line;
use crate::model::Place;
use crate::text::{fold, join_lines};

/// How a paragraph is labelled. Items of one kind are siblings; a kind not
/// open yet nests under the item before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A heading in capitals without a label ("TỔ CHỨC THỰC HIỆN").
    Heading,
    /// "Điều 1."
    Article,
    /// "I.", "II."
    Roman,
    /// "1.", "2.1.", "1)": `depth` numbers, closed by `paren`.
    Number { depth: usize, paren: bool },
    /// "a)", "b."
    Letter { paren: bool },
    /// "-", "+", "•".
    Bullet(char),
    /// A paragraph without a label.
    Plain,
}

/// One paragraph of the body with its label read off.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub kind: Kind,
    /// The label without its punctuation ("1", "2.1", "a", "IV"); empty for
    /// bullets, headings and plain paragraphs.
    pub label: String,
    /// The label as printed ("1.", "a)", "-"); empty where there is none.
    pub mark: String,
    /// Inside a quotation ("“…2. Hồ sơ … gồm: a) …”"): quoted law or a
    /// quoted draft, whose items give no one a job.
    pub quoted: bool,
    /// The text, label removed, lines joined as for a table cell.
    pub text: String,
    /// Pages (1-based) the paragraph is printed on.
    pub pages: Vec<usize>,
    /// Top of its first line, on its first page.
    pub top: f32,
    /// Its lines' box on each page it is printed on.
    pub places: Vec<Place>,
}

/// An item of the body: a paragraph and the items nested under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub para: Paragraph,
    pub children: Vec<Item>,
}

impl Item {
    /// The item and those under it, one per line, indented by depth, each
    /// with its kind, label and pages.
    pub fn outline(&self, depth: usize, out: &mut String) {
        use std::fmt::Write;
        let _ = writeln!(
            out,
            "{:indent$}{:?} [{}] p{:?} {}",
            "",
            self.para.kind,
            self.para.label,
            self.para.pages,
            self.para.text,
            indent = depth * 2
        );
        for c in &self.children {
            c.outline(depth + 1, out);
        }
    }
}

/// Tolerances of the paragraph reader, in multiples of the font size.
#[derive(Debug, Clone, Copy)]
pub struct ParagraphSettings {
    /// A line starting this far right of the body's left edge is indented
    /// (the first line of a paragraph).
    pub indent: f32,
    /// A line ending this far left of the body's right edge is short: the
    /// last line of its paragraph.
    pub short: f32,
    /// A vertical gap this many line heights wide ends a paragraph.
    pub gap: f32,
    /// A line ending before this share of the body's width, followed by a
    /// capital, is a title line of its own (text that is not justified
    /// ends its lines anywhere past it).
    pub title: f32,
    /// A gap between lines wider than the body's usual one by this much
    /// is the space a word processor leaves after a paragraph.
    pub spacing: f32,
}

pub const PARAGRAPHS: ParagraphSettings = ParagraphSettings {
    indent: 0.8,
    short: 4.0,
    gap: 1.9,
    title: 0.6,
    spacing: 0.15,
};

/// Lines set smaller than this share of the body's usual size are notes.
const FOOTNOTE: f32 = 0.85;

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<article>Điều\s+\d{1,3})\s*[.:]|(?P<roman>[IVX]{1,5})\s*[.)/]|(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?P<close>[.)])|(?P<letter>[a-zđ])(?P<lclose>[.)])|(?P<bullet>[-–+•*]))(?:\s+|$)",
    )
    .unwrap()
});
static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-–\s]*\d{1,3}[-–\s]*$").unwrap());

/// The label of a paragraph's first line: its kind, its text without
/// punctuation, and where the text after it starts.
pub fn label(t: &str) -> (Kind, String, usize) {
    let Some(c) = LABEL.captures(t) else {
        return (Kind::Plain, String::new(), 0);
    };
    let end = c.get(0).unwrap().end();
    if let Some(a) = c.name("article") {
        return (Kind::Article, a.as_str().to_string(), end);
    }
    if let Some(r) = c.name("roman") {
        return (Kind::Roman, r.as_str().to_string(), end);
    }
    if let Some(n) = c.name("num") {
        let paren = &c["close"] == ")";
        // "1.1" without a closing point still nests as 1.1
        let depth = n.as_str().split('.').count();
        return (Kind::Number { depth, paren }, n.as_str().to_string(), end);
    }
    if let Some(l) = c.name("letter") {
        let paren = &c["lclose"] == ")";
        return (Kind::Letter { paren }, l.as_str().to_string(), end);
    }
    let b = c["bullet"].chars().next().unwrap();
    let b = if b == '–' { '-' } else { b };
    (Kind::Bullet(b), String::new(), end)
}

/// The body's lines of a document's [`text_lines`] (on a first page this
/// wide) with their page: from after the heading, the subject and
/// the addressees ("Kính gửi", "… điện:") to "Nơi nhận" or the "./." that
/// ends the text; page numbers left out.
pub fn body(all: Vec<(Line, usize)>, width: f32) -> Vec<(Line, usize)> {
    let start = body_start(&all, width);
    let mut out = Vec::new();
    for (l, p) in all.into_iter().skip(start) {
        if noi_nhan(&l.text) {
            break;
        }
        let done = l.text.trim_end().ends_with("./.");
        out.push((l, p));
        if done {
            break;
        }
    }
    out
}

/// Every line of text with its page (1-based), footnotes and page numbers
/// left out.
pub fn text_lines(pages: &[PageText]) -> Vec<(Line, usize)> {
    let mut sizes: Vec<f32> = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.size))
        .collect();
    sizes.sort_by(f32::total_cmp);
    let body_size = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    let mut all: Vec<(Line, usize)> = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        for l in page.lines.iter() {
            // footnotes (chú thích) are set smaller than the body
            let footnote = l.size < body_size * FOOTNOTE;
            if !footnote && !PAGE_NUMBER.is_match(l.text.trim()) {
                all.push((l.clone(), p + 1));
            }
        }
    }
    all
}

/// Where the body starts: after the type line and the subject under it (or
/// the "V/v" subject), and after the addressees.
fn body_start(all: &[(Line, usize)], width: f32) -> usize {
    let head = &all[..all.len().min(40)];
    let mut at = head
        .iter()
        .position(|(l, _)| doc_type(l.text.trim()).is_some())
        .map_or(0, |i| i + 1);
    // the subject: centred, bold or unlabelled capital lines under the
    // type line ("TÌNH HÌNH THỰC HIỆN CÁC CHỈ SỐ …")
    if at > 0 {
        while let Some((l, _)) = all.get(at) {
            let centred = (l.center_x() - width / 2.0).abs() < width * 0.06
                && l.x0 > width * 0.15
                && l.x1 - l.x0 < width * 0.6;
            let rule = l.text.chars().all(|c| "_-–—. ".contains(c));
            let capitals = is_capitals(&l.text) && label(l.text.trim()).0 == Kind::Plain;
            if !(centred || l.bold || rule || capitals) {
                break;
            }
            at += 1;
        }
    }
    if let Some(k) = head.iter().position(|(l, _)| addressees(&l.text)) {
        at = at.max(addressee_end(all, k));
    }
    at
}

/// "Nơi nhận:": where the body ends (folding only lines that could be it).
fn noi_nhan(t: &str) -> bool {
    t.trim_start().starts_with(['N', 'n']) && fold(t).starts_with("noi nhan")
}

/// "Kính gửi: …", "VĂN PHÒNG CHÍNH PHỦ điện:", "… trân trọng kính mời:" or
/// "Thành phần:": a list of addressees or invited guests follows.
fn addressees(t: &str) -> bool {
    let t = t.trim();
    if !(t.ends_with(':') || t.starts_with(['K', 'k', 'T', 't'])) {
        return false;
    }
    let f = fold(t);
    let f = f.trim_end();
    f.starts_with("kinh gui")
        || f.starts_with("thanh phan")
        || f.ends_with("dien:")
        || f.ends_with("moi:")
}

/// The line after the addressee list that starts at `k`: the list goes on
/// with items ("- Sở Tài chính;"), the lines an item runs on to, and lines
/// set under the heading line's text ("Kính gửi: Sở A," / "Sở B."); a line
/// back at the body's margin after a one-line "Kính gửi: Sở X" is the body.
fn addressee_end(all: &[(Line, usize)], k: usize) -> usize {
    let head = &all[k].0;
    let mut i = k + 1;
    let mut open = !head.text.trim_end().ends_with(['.', ';']);
    let mut after_item = false;
    while let Some((l, _)) = all.get(i) {
        let t = l.text.trim();
        let item = matches!(label(t).0, Kind::Bullet(_));
        let under_head = l.x0 >= head.x0 + l.size.max(1.0);
        if !(item || open && (after_item || under_head)) {
            break;
        }
        after_item |= item;
        open = !t.ends_with(['.', ';', ':']);
        i += 1;
        if t.ends_with('.') && !item {
            break;
        }
    }
    i
}

/// The body's lines as paragraphs: a line starts a new one where it is
/// indented, carries a label, or follows a line that ends a sentence short
/// of the right edge, a heading in capitals, or a wide gap.
pub fn paragraphs(lines: &[(Line, usize)], settings: &ParagraphSettings) -> Vec<Paragraph> {
    let (left, right) = edges(lines);
    let usual = usual_gap(lines);
    // each paragraph's lines (for join_lines) and pages
    type Lines = Vec<(String, bool)>;
    let mut out: Vec<(Lines, Vec<usize>, Vec<Place>)> = Vec::new();
    let mut prev: Option<&Line> = None;
    for (l, page) in lines {
        let t = l.text.trim();
        let new = match prev {
            None => true,
            Some(p) => starts_paragraph(p, l, &Edges { left, right, usual }, settings),
        };
        let place = Place {
            page: *page,
            x0: l.x0,
            top: l.top,
            x1: l.x1,
            bottom: l.bottom,
        };
        match out.last_mut() {
            Some((parts, pages, places)) if !new => {
                parts.push((t.to_string(), false));
                if pages.last() != Some(page) {
                    pages.push(*page);
                }
                match places.last_mut().filter(|p| p.page == *page) {
                    Some(p) => *p = p.union(place),
                    None => places.push(place),
                }
            }
            _ => out.push((vec![(t.to_string(), false)], vec![*page], vec![place])),
        }
        prev = Some(l);
    }
    // a quotation opened at the start of a paragraph and not closed in it
    // goes on over the paragraphs after it
    let mut in_quote = false;
    out.into_iter()
        .map(|(parts, pages, places)| {
            let text = join_lines(&parts).replace('\n', " ");
            let opening = text.starts_with(['“', '"']);
            let quoted = in_quote || opening;
            let closes = text.matches(['”', '"']).count();
            if opening {
                in_quote = text.matches(['“', '"']).count() > closes;
            } else if in_quote && closes > 0 {
                in_quote = false;
            }
            Paragraph {
                top: places[0].top,
                places,
                ..Paragraph::read(&text, pages, quoted)
            }
        })
        .collect()
}

impl Paragraph {
    /// A paragraph from its text, lines joined: its label read off, a
    /// heading in capitals told from plain text.
    fn read(text: &str, pages: Vec<usize>, quoted: bool) -> Paragraph {
        let (kind, label, at) = label(text);
        let kind = match kind {
            Kind::Plain if heading(text) => Kind::Heading,
            k => k,
        };
        Paragraph {
            kind,
            label,
            mark: text[..at].trim().to_string(),
            text: text[at..].trim().to_string(),
            pages,
            quoted,
            top: 0.0,
            places: Vec::new(),
        }
    }

    /// The paragraph as printed, label and all.
    pub fn printed(&self) -> String {
        if self.mark.is_empty() {
            self.text.clone()
        } else {
            format!("{} {}", self.mark, self.text)
        }
    }
}

/// The body's left edge (where most lines start) and right edge.
fn edges(lines: &[(Line, usize)]) -> (f32, f32) {
    let mut x0: Vec<f32> = lines.iter().map(|(l, _)| l.x0).collect();
    let mut x1: Vec<f32> = lines.iter().map(|(l, _)| l.x1).collect();
    x0.sort_by(f32::total_cmp);
    x1.sort_by(f32::total_cmp);
    let at = |v: &[f32], q: f32| v.get((v.len() as f32 * q) as usize).copied().unwrap_or(0.0);
    (at(&x0, 0.1), at(&x1, 0.9))
}

/// The gap between a line and the next inside a paragraph: the median over
/// the body (lines on one page, one after the other).
fn usual_gap(lines: &[(Line, usize)]) -> f32 {
    let mut gaps: Vec<f32> = lines
        .windows(2)
        .filter(|w| w[0].1 == w[1].1)
        .map(|w| w[1].0.top - w[0].0.bottom)
        .filter(|g| *g > -1.0)
        .collect();
    gaps.sort_by(f32::total_cmp);
    gaps.get(gaps.len() / 2).copied().unwrap_or(0.0)
}

/// Where the body's lines usually start, end, and how far apart they are.
struct Edges {
    left: f32,
    right: f32,
    usual: f32,
}

fn starts_paragraph(prev: &Line, l: &Line, e: &Edges, s: &ParagraphSettings) -> bool {
    let (left, right) = (e.left, e.right);
    let t = l.text.trim();
    let p = prev.text.trim();
    let size = l.size.max(1.0);
    let ended = p.ends_with(['.', ';', ':', '!', '?']) || p.ends_with(".\"");
    let short = prev.x1 < right - s.short * size;
    let indented = l.x0 > left + s.indent * size;
    let pitch = (prev.bottom - prev.top).max(size);
    let gap = l.top - prev.bottom > s.gap * pitch;
    let labelled = label(t).0 != Kind::Plain;
    let new_page = l.top < prev.top - pitch;
    let spaced = l.top - prev.bottom > e.usual + s.spacing * size;
    let capital = t.chars().next().is_some_and(char::is_uppercase);
    // a heading in capitals wrapped onto a line of its own ("III. MỘT SỐ
    // HOẠT ĐỘNG … TRONG" / "NĂM 2026") goes on
    let wrapped_heading =
        is_capitals(p) && is_capitals(t) && !labelled && !ended && !(gap || spaced);
    if !wrapped_heading && (heading(p) || heading(t)) || (gap || spaced) && !new_page {
        return true;
    }
    if new_page {
        // a paragraph runs over the page break unless the page ended it
        return ended && (labelled || indented || short);
    }
    // a line ending mid-page before a capital: a title ("1. Văn phòng Sở")
    let title = prev.x1 < left + (right - left) * s.title;
    (labelled || indented) && (ended || short) || short && ended || title && capital
}

/// A heading in capitals: two words or more, no lower-case letter.
fn heading(t: &str) -> bool {
    t.split_whitespace().count() >= 2 && is_capitals(t) && !t.ends_with([',', ';'])
}

/// Nests paragraphs by their labels: a kind already open closes the items
/// after it and starts a sibling; a new kind nests under the item before.
/// A plain paragraph goes under a heading, a lead-in or a numbered item,
/// else (after a bullet) it stands at the level of the item before it.
pub fn nest(paras: Vec<Paragraph>) -> Vec<Item> {
    let mut root: Vec<Item> = Vec::new();
    // kinds of the open items, outermost first
    let mut open: Vec<Kind> = Vec::new();
    for para in paras {
        let kind = para.kind;
        // a heading in capitals heads what follows only before any numbered
        // part; inside one it is a caption ("KẾT QUẢ CHỈ SỐ … NĂM 2024")
        // over a table and keeps the numbering it sits in
        let caption = kind == Kind::Heading && !open.is_empty();
        let depth = match kind {
            _ if caption => open.len() - 1,
            Kind::Heading => 0,
            Kind::Plain => plain_depth(&root, open.len()),
            // the document's parts ("I.", "Điều 1.") stand under no
            // lead-in: "… ban hành Kế hoạch như sau:" opens them all
            Kind::Roman | Kind::Article if !open.contains(&kind) => open
                .iter()
                .position(|k| *k == Kind::Plain)
                .unwrap_or(open.len()),
            _ => match open.iter().position(|k| *k == kind) {
                Some(d) => d,
                None => open.len(),
            },
        };
        if !caption {
            open.truncate(depth);
        }
        // a plain lead-in ("… như sau:") holds the items under it
        if !caption && (kind != Kind::Plain || para.text.trim_end().ends_with(':')) {
            open.push(kind);
        }
        let siblings = children_at(&mut root, depth);
        siblings.push(Item {
            para,
            children: Vec::new(),
        });
    }
    hoist_closing(&mut root);
    root
}

/// Plain paragraphs after the last numbered item of a list close the list
/// ("Văn phòng UBND tỉnh thông báo để …", "Đề nghị các cơ quan, đơn vị
/// gửi báo cáo …"): they stand beside it, not in it.
fn hoist_closing(items: &mut Vec<Item>) {
    for it in items.iter_mut() {
        hoist_closing(&mut it.children);
    }
    let Some(last) = items.last_mut() else {
        return;
    };
    if !matches!(last.para.kind, Kind::Number { .. } | Kind::Letter { .. }) || heads(&last.para) {
        return;
    }
    let keep = last
        .children
        .iter()
        .rposition(|c| c.para.kind != Kind::Plain)
        .map_or(0, |i| i + 1);
    let tail: Vec<Item> = last.children.drain(keep..).collect();
    items.extend(tail);
}

/// Where a plain paragraph goes: under the open item if that is a heading
/// or a lead-in (see [`heads`]), else beside it.
fn plain_depth(root: &[Item], open: usize) -> usize {
    let mut items = root;
    let mut last: Option<&Item> = None;
    for _ in 0..open {
        match items.last() {
            Some(it) => {
                last = Some(it);
                items = &it.children;
            }
            None => break,
        }
    }
    match last {
        Some(it) if heads(&it.para) => open,
        // a numbered or lettered item goes on in the paragraphs after it
        // until the next label; a bullet ends with its line
        Some(it) if matches!(it.para.kind, Kind::Number { .. } | Kind::Letter { .. }) => open,
        _ => open.saturating_sub(1),
    }
}

/// A paragraph that heads what follows: a lead-in ending with ":" or a
/// title ("II. NHIỆM VỤ", "1. Mục đích"): short, no sentence ended.
pub fn heads(p: &Paragraph) -> bool {
    let t = p.text.trim_end();
    t.ends_with(':')
        || p.kind == Kind::Heading
        || !t.ends_with(['.', ';', '!', '?']) && t.split_whitespace().count() <= 15
}

/// The list new items at `depth` go into: the children of the last item at
/// each level above.
fn children_at(root: &mut Vec<Item>, depth: usize) -> &mut Vec<Item> {
    let mut items = root;
    for _ in 0..depth {
        if items.is_empty() {
            break;
        }
        items = &mut items.last_mut().unwrap().children;
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Paragraph {
        Paragraph::read(t, vec![1], false)
    }

    #[test]
    fn labels() {
        assert_eq!(
            label("1. Bộ Công an:").0,
            Kind::Number {
                depth: 1,
                paren: false
            }
        );
        assert_eq!(label("2.1. Giao Sở").1, "2.1");
        assert_eq!(label("a) Giao Văn phòng").0, Kind::Letter { paren: true });
        assert_eq!(label("IV. TỔ CHỨC").1, "IV");
        assert_eq!(label("- Chỉ đạo").0, Kind::Bullet('-'));
        assert_eq!(label("– Chỉ đạo").0, Kind::Bullet('-'));
        assert_eq!(label("Điều 2. Giao").1, "Điều 2");
        assert_eq!(label("2025 là năm").0, Kind::Plain);
        assert_eq!(label("Sở Tài chính").0, Kind::Plain);
    }

    #[test]
    fn nesting_follows_label_kinds() {
        let items = nest(
            [
                "III. Văn phòng Chính phủ đề nghị:",
                "1. Bộ Công an:",
                "- Chuẩn bị tài liệu.",
                "- Mời đại diện.",
                "2. Bộ Y tế: Mời đại diện.",
                "IV. TỔ CHỨC THỰC HIỆN",
                "Nay thông báo.",
            ]
            .map(para)
            .to_vec(),
        );
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].children.len(), 2);
        assert_eq!(items[0].children[0].children.len(), 2);
        assert_eq!(items[0].children[1].children.len(), 0);
        assert_eq!(
            items[1].children.len(),
            1,
            "plain text beside the heading's items"
        );
    }

    #[test]
    fn a_caption_in_capitals_keeps_the_numbering_it_sits_in() {
        let items = nest(
            [
                "I. CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
                "1. Kết quả năm 2024",
                "KẾT QUẢ CHỈ SỐ NĂM 2024",
                "2. Tình hình năm 2025",
            ]
            .map(para)
            .to_vec(),
        );
        assert_eq!(items.len(), 1, "{items:#?}");
        let labels: Vec<&str> = items[0]
            .children
            .iter()
            .map(|c| c.para.label.as_str())
            .collect();
        assert_eq!(labels, ["1", "", "2"]);
    }

    #[test]
    fn a_lead_in_takes_the_plain_paragraphs_under_it() {
        let items = nest(
            [
                "1. Giao Sở Y tế:",
                "Tổ chức kiểm tra.",
                "2. Giao Sở Xây dựng.",
            ]
            .map(para)
            .to_vec(),
        );
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].children.len(), 1);
    }

    fn line(text: &str, x0: f32, x1: f32, top: f32) -> (Line, usize) {
        (
            Line {
                text: text.into(),
                x0,
                x1,
                top,
                bottom: top + 12.0,
                baseline: top + 10.0,
                size: 13.0,
                bold: false,
                first_width: 6.0,
                ends_with_space: false,
                stamped: false,
            },
            1,
        )
    }

    #[test]
    fn indented_and_labelled_lines_start_paragraphs() {
        let lines = vec![
            line(
                "1. Giao Sở Tài chính chủ trì, phối hợp với các sở",
                90.0,
                520.0,
                100.0,
            ),
            line(
                "tham mưu UBND tỉnh. Hoàn thành trước ngày 20/02/2025.",
                70.0,
                400.0,
                115.0,
            ),
            line(
                "2. Yêu cầu Công an tỉnh khẩn trương kiểm tra, xử lý",
                90.0,
                520.0,
                130.0,
            ),
            line("vi phạm.", 70.0, 120.0, 145.0),
            line(
                "Văn bản này được gửi đến các đơn vị để biết, thực",
                90.0,
                520.0,
                160.0,
            ),
            line("hiện.", 70.0, 110.0, 175.0),
        ];
        let ps = paragraphs(&lines, &PARAGRAPHS);
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Giao Sở Tài chính chủ trì, phối hợp với các sở tham mưu UBND tỉnh. Hoàn thành trước ngày 20/02/2025.",
                "Yêu cầu Công an tỉnh khẩn trương kiểm tra, xử lý vi phạm.",
                "Văn bản này được gửi đến các đơn vị để biết, thực hiện.",
            ]
        );
        assert_eq!(ps[0].label, "1");
    }
}
