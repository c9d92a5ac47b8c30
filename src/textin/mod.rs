//! Text input: task tables rebuilt from text another tool already extracted
//! (a document-management system, an older converter). Cells come one or more
//! lines each with no column marks (or each behind a tab); the header row
//! tells the columns, TT lines start rows, Roman numerals and letters start
//! sections, and [`segment`] splits each row's lines into its cells.
//! The result is the same [`Assembly`] the PDF path makes. Text laid out
//! in columns with spaces (`pdftotext -layout`) is no such text: it becomes
//! [`pages`] of glyphs, one per character cell, and takes the PDF path.

pub mod pages;
mod segment;

use std::sync::LazyLock;

use regex::Regex;

use crate::document::is_capitals;
use crate::layout::Line;
use crate::model::{Column, Finding, SectionRef, Severity, TableInfo, TaskRecord};
use crate::records::{self, Assembly, Section, SectionKind};
use crate::table::{Role, roles};
use crate::text::{fold, normalize};
use segment::Unit;

/// A split whose nearest alternative scores within this of it is reported.
const AMBIGUOUS: f32 = 0.3;

static TT_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$").unwrap());
static SECTION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([IVXLC]{1,6}(?:\.\s?\d{1,2})?|[A-Z]|\d{1,2})[.)]?\s+(\p{Lu}.*)$").unwrap()
});

/// A line of the input, trimmed, with what surrounded it.
#[derive(Debug, Clone)]
struct TextLine {
    text: String,
    /// The line as the other tool printed it (indent and gaps kept).
    raw: String,
    tab: bool,
    blank_before: bool,
    /// The line opens a page: the other tool printed it behind a space
    /// right after the last line of the page before.
    page_start: bool,
}

/// What a text becomes: the tables and page text the records stage makes
/// of it, the width of each of its pages, and (with `keep`) the pages it
/// was laid on, where it was laid out in columns, and its grids.
/// `input` is the text as read; `legacy`, the legacy encoding it is in.
pub fn read(
    input: &str,
    legacy: Option<crate::text::Legacy>,
    keep: bool,
) -> (Assembly, Vec<f32>, Vec<crate::pdf::Page>) {
    // text laid out in columns, or a laid-out table in text that is not
    let mut widths = Vec::new();
    let mut kept = Vec::new();
    let pages = pages::pages(input, legacy).inspect(|p| {
        widths.push(p.width);
        if keep {
            kept.push(p.clone());
        }
    });
    let mut assembly = records::assemble(pages, keep);
    if is_laid_out(input) || !assembly.tables.is_empty() {
        if let Some(first) = assembly.text.first_mut() {
            title_block(first);
        }
        return (assembly, widths, kept);
    }
    let decoded = legacy.map(|l| l.decode(input));
    let input = decoded.as_deref().unwrap_or(input);
    let width = if two_column_heading(input) {
        let cols = input.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        (cols.max(60) as f32) * pages::CHAR_WIDTH
    } else {
        PAGE_WIDTH
    };
    (assemble(input), vec![width], Vec::new())
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

/// Text with cells one or more lines each (see the module's doc).
fn assemble(input: &str) -> Assembly {
    let lines = read_lines(input);
    let mut out = Assembly::default();
    let mut i = 0;
    let mut body_lines: Vec<&TextLine> = Vec::new();
    let mut table: Option<TableBuilder> = None;
    while i < lines.len() {
        if let Some((roles_, headers, end)) = header_at(&lines, i) {
            let same =
                table.as_ref().is_some_and(|t| t.roles == roles_) && !title_before(&lines, i);
            if same && let Some(t) = table.as_mut() {
                t.page_turned = true;
            }
            if !same {
                if let Some(t) = table.take() {
                    t.finish(&mut out);
                }
                let (title, caption) = title_of(&body_lines);
                table = Some(TableBuilder::new(
                    out.tables.len(),
                    roles_,
                    headers,
                    title,
                    caption,
                ));
            }
            i = end;
            continue;
        }
        match table.as_mut() {
            // a header label of a column this table lacks, alone on a line
            // among the rows: the text runs down columns, not across rows
            Some(t)
                if !t.rows.is_empty()
                    && lone_label(&lines[i]).is_some_and(|r| !t.roles.contains(&r)) =>
            {
                if let Some(t) = table.take() {
                    out.findings.push(reading_order(Some(&t.last_tt())));
                    t.finish(&mut out);
                }
                body_lines.push(&lines[i]);
            }
            Some(t) if t.accepts(&lines[i]) => t.push(&lines[i]),
            Some(_) => {
                // text after the table ends it
                if let Some(t) = table.take() {
                    t.finish(&mut out);
                }
                body_lines.push(&lines[i]);
            }
            None => body_lines.push(&lines[i]),
        }
        i += 1;
    }
    if let Some(t) = table.take() {
        t.finish(&mut out);
    }
    if out.tables.is_empty() && scattered_header(&lines) {
        out.findings.push(reading_order(None));
    }
    // a blank line stays an empty row where the text is laid out: the
    // space it leaves ends a title (plain text has blank lines anywhere)
    let raw: Vec<String> = body_lines
        .iter()
        .flat_map(|l| {
            l.blank_before
                .then(String::new)
                .into_iter()
                .chain([l.raw.clone()])
        })
        .collect();
    out.text = vec![if two_column_heading(input) {
        // laid out by the other tool: indents and columns are places
        laid_out_lines(&raw)
    } else {
        page_lines(&raw)
    }];
    out
}

/// Does the text keep the layout of a Nghị định 30 heading: issuer and
/// national motto side by side, apart by a wide gap, on its first lines?
fn two_column_heading(input: &str) -> bool {
    let gap = " ".repeat(COLUMN_SPACES);
    input
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(12)
        .filter(|l| l.trim().contains(gap.as_str()))
        .count()
        >= 2
}

/// The role of a line that is only a column's header label ("Phối hợp",
/// "Thời hạn"): a few words, no sentence.
fn lone_label(l: &TextLine) -> Option<Role> {
    let t = l.text.as_str();
    let short = t.split_whitespace().count() <= 4 && !t.ends_with(['.', ';', ',', ':']);
    let capital = t.chars().next().is_some_and(char::is_uppercase);
    if !(short && capital) {
        return None;
    }
    roles::role_of(t).filter(|r| *r != Role::Extra)
}

/// Header labels of three or more roles, each alone on its line within a
/// few lines of each other, with no table read: the header was scattered
/// by a reading order that runs down columns (pdftotext without -layout).
fn scattered_header(lines: &[TextLine]) -> bool {
    let labels: Vec<Option<Role>> = lines.iter().map(lone_label).collect();
    labels.windows(labels.len().clamp(1, 12)).any(|w| {
        let seen: std::collections::HashSet<Role> = w.iter().flatten().copied().collect();
        seen.len() >= 3
    })
}

/// A warning that the text's reading order scrambles the table's rows.
fn reading_order(after: Option<&str>) -> Finding {
    let tail = match after {
        Some(tt) if !tt.is_empty() => format!(" sau nhiệm vụ số {tt}"),
        _ => String::new(),
    };
    Finding {
        code: "reading_order".into(),
        severity: Severity::Warning,
        message: format!(
            "Văn bản được trích xuất theo cột hoặc theo khối, không theo dòng của bảng: các ô{tail} không ghép được vào nhiệm vụ. Hãy trích xuất lại với pdftotext -layout hoặc dùng tệp PDF"
        ),
        tts: after.map(|t| vec![t.to_string()]).unwrap_or_default(),
        ..Default::default()
    }
}

/// Gap, in characters, that separates two columns of a laid-out line
/// ("ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
const COLUMN_SPACES: usize = 4;

/// Page lines of text laid out in columns: each run of text between wide
/// gaps is a line of its own at its column, as a PDF's would be.
fn laid_out_lines(texts: &[String]) -> Vec<Line> {
    let page = pages::page(texts.iter().map(String::as_str), 1, None);
    let glyphs: Vec<&crate::pdf::Glyph> = page.glyphs.iter().collect();
    let mut lines = crate::layout::lines(&glyphs);
    title_block(&mut lines);
    lines
}

/// Page lines for the document stage. Text has no positions and no bold,
/// so what the layout would have shown is put back where the text tells
/// it: the title block (type line and trích yếu) is bold, and the
/// signature block after "Nơi nhận" stands on the right.
fn page_lines(texts: &[String]) -> Vec<Line> {
    let mut lines: Vec<Line> = texts
        .iter()
        .map(|t| (indent(t), normalize(t)))
        .filter(|(_, t)| !t.is_empty())
        .enumerate()
        .map(|(n, (indent, t))| {
            let mut l = line_of(&t, n);
            // where the other tool kept the layout, the indent is a place
            l.x0 = indent as f32 * CHAR_WIDTH;
            l.x1 += l.x0;
            l
        })
        .collect();
    title_block(&mut lines);
    signature_block(&mut lines);
    lines
}

/// The type line and the trích yếu under it: its first line, then lines
/// that go on from it (in lower case, in capitals after capitals, or set
/// within the span of the line above, right under it).
fn title_block(lines: &mut [Line]) {
    // a type line drawn in a capitals-only legacy font (.VnTimeH) comes
    // out of its text in lower case
    for l in lines.iter_mut().take(25) {
        let upper = l.text.to_uppercase();
        if crate::document::doc_type(&upper) == Some(upper.trim()) {
            l.text = upper;
        }
    }
    let Some(at) = lines
        .iter()
        .take(25)
        .position(|l| crate::document::doc_type(&l.text).is_some())
    else {
        return;
    };
    lines[at].bold = true;
    for i in at + 1..lines.len() {
        let t = lines[i].text.as_str();
        let first = t.chars().next().unwrap_or(' ');
        // no lower case at all ("2026 - 2030" goes on a title in capitals)
        let capitals = |s: &str| !s.chars().any(char::is_lowercase);
        // a year the line above left ("… nông thôn mới năm" / "2026")
        let figures = t.chars().any(|c| c.is_ascii_digit()) && !t.chars().any(char::is_alphabetic);
        // a line set within the span of the subject's line above, right
        // under it: centred, as a subject's lines are ("Non nước Cao Bằng
        // năm 2026" under "Bảo tồn, phát huy … UNESCO"); a body paragraph
        // starts at its indent and runs to the margin
        let (above, l) = (&lines[i - 1], &lines[i]);
        let within = l.x0 > above.x0 + CHAR_WIDTH
            && l.x1 < above.x1 - CHAR_WIDTH
            && l.top - above.bottom < l.size;
        // below the subject's first line (the line above is no type line)
        let later = i - 1 > at;
        let goes_on = i == at + 1
            || first.is_lowercase()
            || (later && (figures || capitals(t) && capitals(&above.text) || within));
        if !goes_on || first == '(' {
            break;
        }
        lines[i].bold = true;
    }
}

/// After "Nơi nhận": the signer's titles (short lines in capitals) and the
/// name under them move to the right, where the signature block stands.
fn signature_block(lines: &mut [Line]) {
    let Some(at) = lines
        .iter()
        .rposition(|l| fold(&l.text).starts_with("noi nhan"))
    else {
        return;
    };
    let mut titled = false;
    for l in &mut lines[at + 1..] {
        let t = l.text.as_str();
        let title = t.split_whitespace().count() <= 5 && is_capitals(t);
        let name = titled && !t.starts_with(['-', '+']) && t.split_whitespace().count() <= 5;
        if title || name {
            l.x0 = PAGE_WIDTH * 0.6;
            l.x1 = l.x0 + t.chars().count() as f32 * CHAR_WIDTH;
            titled |= title;
        }
        if name && !title {
            break;
        }
    }
}

fn read_lines(input: &str) -> Vec<TextLine> {
    let mut out = Vec::new();
    let mut blank = false;
    for raw in input.lines() {
        let text = normalize(raw);
        let tab = raw.starts_with('\t');
        // In tab-separated text a lone tab is an empty cell, not a blank line.
        if text.is_empty() && !tab {
            blank = true;
            continue;
        }
        out.push(TextLine {
            page_start: raw.starts_with(' ') && !blank && !out.is_empty(),
            raw: raw.replace('\u{c}', ""),
            text,
            tab,
            blank_before: blank,
        });
        blank = false;
    }
    // where most lines are indented, an indent says nothing of pages
    if out.iter().filter(|l| l.page_start).count() * 4 > out.len() {
        out.iter_mut().for_each(|l| l.page_start = false);
    }
    out
}

/// Text has no page: its lines are laid on a page this wide, in one column
/// of characters this wide, for the document stage.
pub(crate) const PAGE_WIDTH: f32 = 1000.0;
const CHAR_WIDTH: f32 = pages::CHAR_WIDTH;

/// Leading white space, in characters (a tab as four).
fn indent(t: &str) -> usize {
    t.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

fn line_of(text: &str, n: usize) -> Line {
    let y = 20.0 + n as f32 * 14.0;
    Line {
        text: text.to_string(),
        x0: 0.0,
        x1: text.chars().count() as f32 * CHAR_WIDTH,
        top: y - 10.0,
        bottom: y + 3.0,
        baseline: y,
        size: 12.0,
        bold: false,
        first_width: CHAR_WIDTH,
        ends_with_space: false,
        stamped: false,
    }
}

/// A header block starting at line `i`: "TT"/"STT" then header words, up to
/// the first row. Returns the roles, the header texts and the line after it.
fn header_at(lines: &[TextLine], i: usize) -> Option<(Vec<Role>, Vec<String>, usize)> {
    let first = fold(&lines[i].text);
    if !(first == "tt" || first == "stt" || first.starts_with("tt ") || first.starts_with("stt ")) {
        return None;
    }
    let mut end = i + 1;
    let mut text = lines[i].text.clone();
    while end < lines.len() && end < i + 24 {
        let t = &lines[end].text;
        let lone_label = matches!(
            SectionKind::of(t),
            Some(SectionKind::Roman | SectionKind::Letter)
        ) && t.len() <= 6;
        if TT_LINE.is_match(t) || SECTION_LINE.is_match(t) || lone_label || t.chars().count() > 60 {
            break;
        }
        text.push(' ');
        text.push_str(t);
        end += 1;
    }
    let (roles_, headers) = if lines[i].tab {
        tabbed_columns(&lines[i..end])?
    } else {
        columns_of(&text)?
    };
    Some((roles_, headers, end))
}

/// A tab-separated header: rows of tab cells (a blank line between rows,
/// lines without a tab continuing a cell), merged column by column; each
/// column's role read from its own text.
fn tabbed_columns(lines: &[TextLine]) -> Option<(Vec<Role>, Vec<String>)> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for l in lines {
        if l.blank_before || rows.is_empty() {
            rows.push(Vec::new());
        }
        let row = rows.last_mut()?;
        match (l.tab, row.last_mut()) {
            (false, Some(cell)) => {
                cell.push(' ');
                cell.push_str(&l.text);
            }
            _ => row.push(l.text.clone()),
        }
    }
    let width = rows.first()?.len();
    let mut headers = vec![String::new(); width];
    for row in rows.iter().filter(|r| r.len() == width) {
        for (h, cell) in headers.iter_mut().zip(row) {
            if !cell.trim().is_empty() {
                if !h.is_empty() {
                    h.push(' ');
                }
                h.push_str(cell.trim());
            }
        }
    }
    let roles_ = roles::assign(&headers);
    (roles::is_header(&headers) && roles_.len() >= 3).then_some((roles_, headers))
}

/// Column roles in the order their words appear in the header text.
fn columns_of(header: &str) -> Option<(Vec<Role>, Vec<String>)> {
    let f = fold(header);
    let keys: &[(Role, &[&str])] = &[
        (Role::Tt, &["stt", "tt"]),
        (Role::Objective, &["muc tieu"]),
        (
            Role::Task,
            &[
                "nhiem vu",
                "noi dung",
                "ten nhiem vu",
                "cong viec",
                "giai phap",
            ],
        ),
        (Role::Product, &["ket qua", "san pham"]),
        (Role::Lead, &["chu tri", "don vi thuc hien", "trach nhiem"]),
        (Role::Partners, &["phoi hop"]),
        (Role::Deadline, &["thoi gian", "thoi han", "tien do"]),
        (Role::Note, &["ghi chu", "luu y"]),
    ];
    let mut found: Vec<(usize, Role)> = keys
        .iter()
        .filter_map(|(role, ks)| {
            ks.iter()
                .filter_map(|k| word_at(&f, k))
                .min()
                .map(|p| (p, *role))
        })
        .collect();
    found.sort_by_key(|(p, _)| *p);
    let roles_: Vec<Role> = found.iter().map(|(_, r)| *r).collect();
    let headers: Vec<String> = roles_
        .iter()
        .map(|r| format!("{r:?}").to_lowercase())
        .collect();
    (roles::is_task_table(roles_.iter().copied())
        && roles_.len() >= 3
        && !roles::is_scoring(header))
    .then_some((roles_, headers))
}

/// Where `key` stands as whole words in `f`.
fn word_at(f: &str, key: &str) -> Option<usize> {
    f.match_indices(key).map(|(p, _)| p).find(|&p| {
        let before = f[..p]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = f[p + key.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// A "Phụ lục ..." title right above the header starts a new table.
fn title_before(lines: &[TextLine], i: usize) -> bool {
    lines[i.saturating_sub(3)..i]
        .iter()
        .any(|l| fold(&l.text).starts_with("phu luc"))
}

fn title_of(body: &[&TextLine]) -> (Option<String>, Option<String>) {
    let tail = &body[body.len().saturating_sub(4)..];
    match tail
        .iter()
        .rposition(|l| fold(&l.text).starts_with("phu luc"))
    {
        Some(p) => {
            let caption: Vec<&str> = tail[p + 1..]
                .iter()
                .map(|l| l.text.as_str())
                .take_while(|t| !t.starts_with('('))
                .collect();
            (
                Some(tail[p].text.clone()),
                (!caption.is_empty()).then(|| caption.join(" ")),
            )
        }
        None => (None, None),
    }
}

/// A row of the table as its lines.
struct Row {
    tt: Option<String>,
    units: Vec<Unit>,
    section: Vec<SectionRef>,
}

struct TableBuilder {
    index: usize,
    roles: Vec<Role>,
    headers: Vec<String>,
    title: Option<String>,
    caption: Option<String>,
    rows: Vec<Row>,
    sections: Vec<(SectionKind, SectionRef)>,
    section_log: Vec<Vec<SectionRef>>,
    tabbed: bool,
    /// A header repeated on a new page was just read: the next line opens
    /// the page.
    page_turned: bool,
}

impl TableBuilder {
    fn new(
        index: usize,
        roles_: Vec<Role>,
        headers: Vec<String>,
        title: Option<String>,
        caption: Option<String>,
    ) -> Self {
        TableBuilder {
            index,
            roles: roles_,
            headers,
            title,
            caption,
            rows: Vec::new(),
            sections: Vec::new(),
            section_log: Vec::new(),
            tabbed: false,
            page_turned: false,
        }
    }

    /// The TT of the last row read, "" when it has none.
    fn last_tt(&self) -> String {
        self.rows
            .last()
            .and_then(|r| r.tt.clone())
            .unwrap_or_default()
    }

    /// Lines after the table (the signature block, a new heading) end it.
    fn accepts(&self, l: &TextLine) -> bool {
        let f = fold(&l.text);
        !(f.starts_with("noi nhan")
            || f.starts_with("phu luc")
            || f.starts_with("kt. ")
            || f.starts_with("tm. "))
    }

    fn push(&mut self, l: &TextLine) {
        self.tabbed |= l.tab;
        if self.tabbed {
            self.push_tabbed(l);
            return;
        }
        let t = l.text.as_str();
        if let Some(c) = TT_LINE
            .captures(t)
            .filter(|_| self.roles.contains(&Role::Tt))
        {
            self.open_row(Some(c[1].to_string()));
            return;
        }
        if let Some(c) = SECTION_LINE.captures(t) {
            let label = c[1].to_string();
            let title = c[2].to_string();
            // "6 Phối hợp ..." after row 5 is row 6 on one line, not a section
            if self.follows_last_tt(&label) {
                self.open_row(Some(label));
                if let Some(r) = self.rows.last_mut() {
                    r.units.push(Unit {
                        text: title,
                        tab: false,
                        blank_before: false,
                        page_start: false,
                        cut: false,
                    });
                }
                return;
            }
            // "1 Tiếp tục ..." heads rows numbered 1.1, 1.2
            self.section(SectionRef { label, title });
            return;
        }
        if is_caps_heading(t) && self.rows.last().is_none_or(|r| !r.units.is_empty()) {
            self.section(SectionRef {
                label: String::new(),
                title: t.to_string(),
            });
            return;
        }
        // lines before the first TT (no numbering at all) make one row
        if self.rows.is_empty() {
            self.open_row(None);
        }
        let page_start = l.page_start || std::mem::take(&mut self.page_turned);
        if let Some(r) = self.rows.last_mut() {
            // the row's first line is its task, whatever it names
            let parts = if r.units.is_empty() {
                vec![t.to_string()]
            } else {
                segment::cells_in_line(t)
            };
            let cut = parts.len() > 1;
            for (k, text) in parts.into_iter().enumerate() {
                r.units.push(Unit {
                    text,
                    tab: l.tab,
                    blank_before: l.blank_before && k == 0,
                    page_start: page_start && k == 0,
                    cut,
                });
            }
        }
    }

    /// Tab-separated text: a blank line ends a row, a tab starts a cell, and
    /// the first cell is the TT. A row of a label and a title is a section.
    fn push_tabbed(&mut self, l: &TextLine) {
        if l.blank_before || self.rows.is_empty() {
            self.close_tabbed_row();
            self.open_row(None);
        }
        if let Some(r) = self.rows.last_mut() {
            match (l.tab, r.units.last_mut()) {
                (false, Some(prev)) => {
                    prev.text.push(' ');
                    prev.text.push_str(&l.text);
                }
                _ => r.units.push(Unit {
                    text: l.text.clone(),
                    tab: true,
                    blank_before: l.blank_before,
                    page_start: false,
                    cut: false,
                }),
            }
        }
    }

    /// Takes the TT cell off the row just ended, or makes it a section.
    fn close_tabbed_row(&mut self) {
        let has_tt = self.roles.contains(&Role::Tt);
        let Some(row) = self.rows.last_mut() else {
            return;
        };
        if row.units.is_empty() {
            return;
        }
        let first = row.units[0].text.trim().to_string();
        let label_like =
            first.is_empty() || TT_LINE.is_match(&first) || SectionKind::of(&first).is_some();
        if !has_tt || !label_like {
            return;
        }
        let filled = row
            .units
            .iter()
            .skip(1)
            .filter(|u| !u.text.trim().is_empty())
            .count();
        let kind = SectionKind::of(&first);
        if filled == 1 && matches!(kind, Some(SectionKind::Roman | SectionKind::Letter)) {
            let title = row
                .units
                .iter()
                .skip(1)
                .map(|u| u.text.trim())
                .find(|t| !t.is_empty())
                .unwrap_or("")
                .to_string();
            self.rows.pop();
            self.section(SectionRef {
                label: first,
                title,
            });
            return;
        }
        row.tt = Some(first.trim_end_matches('.').to_string());
        row.units.remove(0);
    }

    fn follows_last_tt(&self, label: &str) -> bool {
        let last = self
            .rows
            .iter()
            .rev()
            .find_map(|r| r.tt.as_deref()?.parse::<u32>().ok());
        matches!((last, label.parse::<u32>()), (Some(a), Ok(b)) if b == a + 1)
    }

    fn open_row(&mut self, tt: Option<String>) {
        // a page that opens with a new row cuts no row
        self.page_turned = false;
        self.rows.push(Row {
            tt,
            units: Vec::new(),
            section: self.sections.iter().map(|(_, s)| s.clone()).collect(),
        });
    }

    fn section(&mut self, s: SectionRef) {
        records::sections_push(&mut self.sections, s);
        self.section_log
            .push(self.sections.iter().map(|(_, s)| s.clone()).collect());
        if self.rows.last().is_some_and(|r| r.units.is_empty()) {
            self.rows.pop();
        }
    }

    fn finish(mut self, out: &mut Assembly) {
        if self.tabbed {
            self.close_tabbed_row();
        }
        let cols: Vec<Role> = self
            .roles
            .iter()
            .copied()
            .filter(|r| *r != Role::Tt)
            .collect();
        let rows: Vec<&Row> = self.rows.iter().filter(|r| !r.units.is_empty()).collect();
        // first pass without widths, then with the widths it suggests
        let first: Vec<(Vec<Unit>, Vec<Vec<usize>>)> = rows
            .iter()
            .map(|r| {
                let cells = if self.tabbed && r.units.len() == cols.len() {
                    (0..cols.len()).map(|i| vec![i]).collect()
                } else {
                    segment::split_row(&r.units, &cols, None)
                };
                (r.units.clone(), cells)
            })
            .collect();
        let widths = segment::widths(&first, cols.len());
        let use_widths = !self.tabbed;
        let mut objective_carry: Option<String> = None;
        let first_task = out.tasks.len();
        for (row, (units, cells0)) in rows.iter().zip(first) {
            let cells = if use_widths {
                segment::split_row(&units, &cols, Some(&widths))
            } else {
                cells0
            };
            // the split before a page break is the one to doubt
            let cut = segment::page_break(&units).unwrap_or(units.len());
            let before: Vec<Vec<usize>> = cells
                .iter()
                .map(|c| c.iter().copied().filter(|&i| i < cut).collect())
                .collect();
            let doubtful = segment::margin(&units[..cut], &cols, Some(&widths), &before)
                < AMBIGUOUS
                || segment::conflicts(&units, &cols, &cells)
                // cells read out of one line are a guess
                || units.iter().any(|u| u.cut);
            if use_widths && doubtful {
                let tt = row.tt.clone().unwrap_or_default();
                out.findings.push(Finding {
                    code: "ambiguous_cells".into(),
                    severity: Severity::Info,
                    message: format!(
                        "Nhiệm vụ {}: văn bản không có dấu cột, ranh giới giữa các ô chưa chắc chắn, cần kiểm tra",
                        if tt.is_empty() { "không số".to_string() } else { format!("số {tt}") }
                    ),
                    tts: vec![tt],
                    // the record pushed below
                    tasks: vec![out.tasks.len()],
                    table: Some(self.index),
                    ..Default::default()
                });
            }
            let mut rec = TaskRecord {
                table: Some(self.index),
                tt: row.tt.clone(),
                section: row.section.clone(),
                pages: vec![1],
                ..Default::default()
            };
            if !self.roles.contains(&Role::Tt) {
                rec.tt = None;
            } else if rec.tt.is_none() {
                rec.tt = Some(String::new());
            }
            for (c, role) in cols.iter().enumerate() {
                let lines: Vec<(String, bool)> = cells[c]
                    .iter()
                    .map(|&i| (units[i].text.clone(), false))
                    .collect();
                let mut value = crate::text::join_lines(&lines);
                if *role == Role::Objective {
                    if value.is_empty() {
                        value = objective_carry.clone().unwrap_or_default();
                    } else {
                        objective_carry = Some(value.clone());
                    }
                }
                if let Some(f) = rec.field_mut(*role) {
                    *f = Some(value);
                }
            }
            records::normalize(&mut rec);
            out.tasks.push(rec);
        }
        renumber_auto_list(&mut out.tasks[first_task..]);
        for path in self.section_log {
            out.sections.push(Section {
                table: self.index,
                path,
                page: 1,
                place: None,
            });
        }
        out.tables.push(TableInfo {
            index: self.index,
            title: self.title,
            caption: self.caption,
            pages: vec![1],
            columns: self
                .headers
                .into_iter()
                .zip(self.roles)
                .map(|(header, role)| Column { header, role })
                .collect(),
            ..Default::default()
        });
    }
}

/// Word's automatic list numbering comes out as "1." on every row when the
/// other tool does not render it: number such rows in order.
fn renumber_auto_list(tasks: &mut [TaskRecord]) {
    let all_one = tasks.len() >= 3 && tasks.iter().all(|t| t.tt.as_deref() == Some("1"));
    if all_one {
        for (n, t) in tasks.iter_mut().enumerate() {
            t.tt = Some((n + 1).to_string());
        }
    }
}

/// A line in capitals that is no cell text: an unlabelled section heading.
fn is_caps_heading(t: &str) -> bool {
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 12 && letters.iter().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> TextLine {
        TextLine {
            text: text.into(),
            raw: text.into(),
            tab: false,
            blank_before: false,
            page_start: false,
        }
    }

    #[test]
    fn a_page_opens_behind_a_space_right_after_the_last_line() {
        let text = "Năm 2025 \n\n4 \n\nKhi được phân công  \n chính nhà nước \n\n 5\n";
        let got: Vec<(String, bool)> = read_lines(text)
            .into_iter()
            .map(|l| (l.text, l.page_start))
            .collect();
        assert_eq!(
            got,
            [
                ("Năm 2025".to_string(), false),
                ("4".to_string(), false),
                ("Khi được phân công".to_string(), false),
                ("chính nhà nước".to_string(), true),
                // after a blank line, a leading space says nothing
                ("5".to_string(), false),
            ]
        );
    }

    #[test]
    fn the_title_block_is_bold_and_the_signature_stands_right() {
        let texts: Vec<String> = [
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "KẾ HOẠCH",
            "Triển khai nhiệm vụ phát triển khoa học, đổi mới sáng",
            "tạo năm 2025",
            "Thực hiện Quyết định số 1783/QĐ-UBND, Sở ban hành kế hoạch.",
            "Nơi nhận:",
            "- Như trên;",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "- Lưu: VT.",
            "Phạm Ninh Thái",
        ]
        .map(String::from)
        .to_vec();
        let lines = page_lines(&texts);
        let bold: Vec<bool> = lines.iter().map(|l| l.bold).collect();
        assert_eq!(&bold[..5], [false, true, true, true, false]);
        // a year the subject's last line left goes on it
        let year: Vec<String> = [
            "KẾ HOẠCH",
            "Phát triển du lịch cộng đồng năm",
            "2026",
            "Căn cứ",
        ]
        .map(String::from)
        .to_vec();
        let bold: Vec<bool> = page_lines(&year).iter().map(|l| l.bold).collect();
        assert_eq!(bold, [true, true, true, false]);
        let right: Vec<&str> = lines
            .iter()
            .filter(|l| l.x0 > 500.0)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(right, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phạm Ninh Thái"]);
        let doc = crate::document::fields(&[crate::document::PageText {
            width: PAGE_WIDTH,
            lines: &lines,
        }]);
        assert_eq!(
            doc.subject.as_deref(),
            Some("Triển khai nhiệm vụ phát triển khoa học, đổi mới sáng tạo năm 2025")
        );
        assert_eq!(doc.signer.as_deref(), Some("Phạm Ninh Thái"));
    }

    #[test]
    fn a_subject_line_set_within_the_line_above_goes_on_it() {
        // 13j hj-10 and the real Tờ trình: a second line opening with a
        // capital, centred under the first; the body's paragraph is not
        let texts: Vec<String> = [
            "                                   KẾ HOẠCH",
            "       Bảo tồn, phát huy giá trị Công viên địa chất toàn cầu UNESCO",
            "                    Non nước Cao Bằng năm 2026",
            "",
            "     Thực hiện Kế hoạch của UBND tỉnh về quản lý, bảo tồn và phát huy giá trị",
        ]
        .map(String::from)
        .to_vec();
        let lines = laid_out_lines(&texts);
        let doc = crate::document::fields(&[crate::document::PageText {
            width: PAGE_WIDTH,
            lines: &lines,
        }]);
        assert_eq!(
            doc.subject.as_deref(),
            Some(
                "Bảo tồn, phát huy giá trị Công viên địa chất toàn cầu UNESCO Non nước Cao Bằng năm 2026"
            )
        );
    }

    #[test]
    fn a_lone_label_is_a_few_words_of_header() {
        assert_eq!(lone_label(&line("Phối hợp")), Some(Role::Partners));
        assert_eq!(lone_label(&line("Thời hạn")), Some(Role::Deadline));
        assert_eq!(lone_label(&line("Phối hợp với các sở.")), None);
        assert_eq!(lone_label(&line("phối hợp")), None);
        assert_eq!(
            lone_label(&line("Tổ chức tập huấn cho cán bộ phối hợp")),
            None
        );
    }

    #[test]
    fn labels_of_three_columns_near_each_other_are_a_scattered_header() {
        let near: Vec<TextLine> = ["TT", "1", "Nhiệm vụ", "Xây dựng", "Chủ trì", "Sở"]
            .into_iter()
            .map(line)
            .collect();
        assert!(scattered_header(
            &[near.clone(), vec![line("x"); 6]].concat()
        ));
        let far: Vec<TextLine> = [
            vec![line("Nhiệm vụ")],
            vec![line("x"); 12],
            vec![line("Chủ trì")],
        ]
        .concat();
        assert!(!scattered_header(&far));
    }
}
