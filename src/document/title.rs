//! The type line and the trích yếu under it; an appendix's title and what
//! it is attached to; a công văn's "V/v" subject.

use std::sync::LazyLock;

use regex::Regex;

use crate::layout::Line;
use crate::text::{decode_entities, fold};

use super::is_capitals;

/// Document types, as their title line reads. Longer names first where
/// one starts another.
const TYPES: &[&str] = &[
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "BÁO CÁO",
    "TỜ TRÌNH",
    "THÔNG BÁO",
    "THÔNG CÁO",
    "CHỈ THỊ",
    "NGHỊ QUYẾT",
    "NGHỊ ĐỊNH",
    "THÔNG TƯ",
    "HƯỚNG DẪN",
    "CÔNG ĐIỆN",
    "GIẤY MỜI",
    "GIẤY GIỚI THIỆU",
    "GIẤY ỦY QUYỀN",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "DỰ ÁN",
    "PHƯƠNG ÁN",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "ĐIỀU LỆ",
    "PHỤ LỤC",
    "BIÊN BẢN",
    "CÔNG VĂN",
    "DANH MỤC",
    "BẢN GHI NHỚ",
    "HỢP ĐỒNG",
];

static ATTACHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^\(\s*(?:được\s+)?(?:ban hành\s+)?kèm theo\s+(.+?)\s*\)?\s*$").unwrap()
});

/// A line that names a document type, by itself or with a short number
/// ("KẾ HOẠCH", "PHỤ LỤC 2").
pub fn doc_type(line: &str) -> Option<&'static str> {
    let t = line.trim();
    let exact = TYPES.iter().copied().find(|ty| {
        t == *ty
            || t.strip_prefix(ty).is_some_and(|rest| {
                let rest = rest.trim();
                rest.len() <= 8
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || " .-:".contains(c))
            })
    });
    // a scan's OCR may miss a capital's marks ("GIÁY MỜI"): the whole line
    // is still the type when it reads so without them
    exact.or_else(|| {
        let folded = fold(t);
        is_capitals(t)
            .then(|| TYPES.iter().copied().find(|ty| fold(ty) == folded))
            .flatten()
    })
}

/// The document's title as found under its heading.
pub struct Title {
    /// Index of the type line in the heading's lines.
    pub at: usize,
    pub kind: &'static str,
    pub subject: Option<String>,
    pub attached_to: Option<String>,
}

/// The type line among the first lines: a line that is a type ("KẾ
/// HOẠCH"), or a centred line in capitals that starts with one ("BÁO CÁO
/// KIỂM ĐIỂM", whose other words begin the subject), or an appendix's
/// label ("Phụ lục II:", "Bảng 2" over a "(Kèm theo …)" line).
pub fn find(lines: &[Line], mid: f32) -> Option<Title> {
    let top = &lines[..lines.len().min(25)];
    for (at, l) in top.iter().enumerate() {
        let t = l.text.trim().trim_end_matches(':');
        if let Some(kind) = doc_type(t) {
            return Some(titled(lines, at, kind, None, mid));
        }
        if let Some(kind) = TYPES.iter().find(|ty| {
            t.starts_with(*ty)
                && t[ty.len()..].starts_with(' ')
                && is_capitals(t)
                && (l.center_x() - mid).abs() < mid * 0.25
        }) {
            let rest = t[kind.len()..].trim().to_string();
            return Some(titled(lines, at, kind, Some(rest), mid));
        }
        if is_appendix_label(t) || (at < 8 && attached_at(top, at + 1).is_some() && label_like(t)) {
            return Some(titled(lines, at, "PHỤ LỤC", None, mid));
        }
    }
    None
}

/// "Phụ lục", "PHỤ LỤC II:", "Phụ lục 02 –": a label, not a sentence.
fn is_appendix_label(t: &str) -> bool {
    let f = fold(t);
    f.starts_with("phu luc") && t.split_whitespace().count() <= 4
}

/// "Bảng 2", "Biểu mẫu 01", "Mẫu số 3": a short label over a table's title.
fn label_like(t: &str) -> bool {
    let f = fold(t);
    ["bang ", "bieu ", "mau "].iter().any(|p| f.starts_with(p)) && t.split_whitespace().count() <= 4
}

fn titled(lines: &[Line], at: usize, kind: &'static str, rest: Option<String>, mid: f32) -> Title {
    let (subject, end) = subject_after(lines, at, rest, mid);
    let attached_to = attached_at(lines, end).map(|(text, _)| text);
    Title {
        at,
        kind,
        subject,
        attached_to,
    }
}

/// The trích yếu: the lines right under the type line, centred and set
/// close together, up to a gap, a "(…)" line, a change from sentence case
/// to capitals (the authority line "CHỦ TỊCH ỦY BAN NHÂN DÂN …"), or a
/// line that opens the body ("Căn cứ", "Kính gửi", "… điện:"). Where the
/// title is bold, the subject is bold too. Also the index after it.
fn subject_after(
    lines: &[Line],
    at: usize,
    rest: Option<String>,
    mid: f32,
) -> (Option<String>, usize) {
    let title = &lines[at];
    let mut parts: Vec<&str> = rest
        .as_deref()
        .filter(|r| !r.is_empty())
        .into_iter()
        .collect();
    let mut prev = title;
    let mut end = at + 1;
    let margin = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    // the subject's lines share the weight of its first
    let mut first: Option<&Line> = None;
    // the gap between the type line and the subject's first line
    let mut first_gap = 0.0;
    for l in &lines[at + 1..] {
        let t = l.text.trim();
        let gap = l.top - prev.bottom;
        let rule = t.chars().all(|c| "_-–—.… *".contains(c));
        let caps_after_text = parts.last().is_some_and(|p| !is_capitals(p)) && is_capitals(t);
        // where bold does not tell the title from the body: centred under
        // the type line (text input knows no page width) and indented from
        // the margin body lines start at
        let centred = title.bold
            || (l.center_x() - title.center_x()).abs() < mid * 0.2 && l.x0 > margin + l.size;
        // a "(Sửa đổi, bổ sung)" under the subject closes it; a "(Kèm
        // theo …)" is no part of it
        let aside = t.starts_with('(') && t.ends_with(')');
        if aside
            && !parts.is_empty()
            && !ATTACHED.is_match(t)
            && centred
            && gap <= 0.9 * l.size.max(1.0)
        {
            parts.push(t);
            end += 1;
            break;
        }
        // the trích yếu may stand a little apart from the type line, set in
        // its weight; its own lines are set close
        let apart = match parts.is_empty() {
            true => {
                gap > 2.0 * l.size.max(1.0) || gap > 0.9 * l.size.max(1.0) && l.bold != title.bold
            }
            // (a text set with wide leading sets them as far apart as the
            // subject stood from the type line)
            false => gap > 0.9 * l.size.max(1.0) && gap > 0.6 * first_gap,
        };
        if parts.is_empty() {
            first_gap = gap;
        }
        // "(OCOP) năm 2026" goes on after its parenthesis: the subject's
        let opens_aside = t.starts_with('(') && t.find(')').is_none_or(|i| i + 1 == t.len());
        if rule
            || apart
            || opens_aside && !parts.is_empty()
            || caps_after_text
            || opens_body(t)
            || first.is_some_and(|f: &Line| f.bold != l.bold)
            || !centred
        {
            if rule {
                end += 1;
            }
            break;
        }
        parts.push(t);
        first.get_or_insert(l);
        prev = l;
        end += 1;
    }
    let subject = (!parts.is_empty()).then(|| parts.join(" "));
    (subject, end)
}

fn opens_body(t: &str) -> bool {
    let f = fold(t);
    ["can cu", "kinh gui", "xet de nghi", "theo de nghi"]
        .iter()
        .any(|p| f.starts_with(p))
        || f.ends_with("dien:")
}

/// The "(Kèm theo …)" line (maybe over several lines) at `at` or just
/// after a rule: what an appendix is attached to, and the index after it.
fn attached_at(lines: &[Line], at: usize) -> Option<(String, usize)> {
    let start =
        (at..lines.len().min(at + 2)).find(|&i| lines[i].text.trim_start().starts_with('('))?;
    let mut text = String::new();
    for (i, l) in lines.iter().enumerate().skip(start).take(3) {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(l.text.trim());
        if l.text.trim_end().ends_with(')') {
            let c = ATTACHED.captures(&text)?;
            return Some((decode_entities(c[1].trim()), i + 1));
        }
    }
    None
}

/// Codes of document types in a số ký hiệu ("545/HD-BTV"), per Nghị định
/// 30/2020 (appendix III). A công văn's symbol names its issuer instead.
const SYMBOLS: &[(&str, &str)] = &[
    ("NQ", "NGHỊ QUYẾT"),
    ("QĐ", "QUYẾT ĐỊNH"),
    ("CT", "CHỈ THỊ"),
    ("QC", "QUY CHẾ"),
    ("QyĐ", "QUY ĐỊNH"),
    ("TB", "THÔNG BÁO"),
    ("HD", "HƯỚNG DẪN"),
    ("CTr", "CHƯƠNG TRÌNH"),
    ("KH", "KẾ HOẠCH"),
    ("PA", "PHƯƠNG ÁN"),
    ("ĐA", "ĐỀ ÁN"),
    ("BC", "BÁO CÁO"),
    ("BB", "BIÊN BẢN"),
    ("TTr", "TỜ TRÌNH"),
    ("CĐ", "CÔNG ĐIỆN"),
    ("GM", "GIẤY MỜI"),
];

/// The type a number's symbol names: its first code after the slash.
pub fn type_of_number(number: &str) -> Option<&'static str> {
    let code = number.split('/').nth(1)?.split('-').next()?;
    SYMBOLS.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

/// The lines right under the number in the left column, up to "Kính
/// gửi" or a gap: a subject set where a công văn's "V/v" would stand.
pub fn subject_under_number(head: &[Line], mid: f32) -> Option<String> {
    let at = head.iter().position(|l| super::NUMBER.is_match(&l.text))?;
    let parts = lines_under(head, at, mid, None);
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A công văn's subject: "V/v ..." under its number, with the lines that
/// go on below it, close under it and in the same column.
pub fn vv_subject(head: &[Line], mid: f32) -> Option<String> {
    let at = head.iter().position(|l| l.text.starts_with("V/v"))?;
    let first = &head[at];
    let mut parts = vec![
        first
            .text
            .trim_start_matches("V/v")
            .trim_start_matches(':')
            .trim(),
    ];
    parts.extend(lines_under(head, at, mid, Some(first)));
    Some(parts.join(" "))
}

/// The lines of the left half that go on close under `head[at]`, up to
/// "Kính gửi"; with `column`, only those overlapping it across.
fn lines_under<'h>(head: &'h [Line], at: usize, mid: f32, column: Option<&Line>) -> Vec<&'h str> {
    let mut parts = Vec::new();
    let mut prev = &head[at];
    for l in head[at + 1..].iter().filter(|l| l.center_x() < mid) {
        let close = l.top - prev.bottom < 0.9 * l.size.max(1.0);
        let below = column.is_none_or(|c| l.x0 < c.x1 && l.x1 > c.x0);
        if fold(&l.text).starts_with("kinh gui") || !close || !below {
            break;
        }
        parts.push(l.text.trim());
        prev = l;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_lines() {
        assert_eq!(doc_type("GIÁY MỜI"), Some("GIẤY MỜI"));
        assert_eq!(doc_type("Giay moi"), None);
        assert_eq!(doc_type("KẾ HOẠCH"), Some("KẾ HOẠCH"));
        assert_eq!(doc_type("PHỤ LỤC 2"), Some("PHỤ LỤC"));
        assert_eq!(doc_type("ĐIỀU LỆ"), Some("ĐIỀU LỆ"));
        assert_eq!(doc_type("QUYẾT ĐỊNH:"), Some("QUYẾT ĐỊNH"));
        assert_eq!(doc_type("Kế hoạch này"), None);
    }

    #[test]
    fn attachment_lines() {
        let c = ATTACHED
            .captures("(Kèm theo Công văn số 12/SNV ngày 01/10/2025 của Sở Nội vụ)")
            .unwrap();
        assert_eq!(&c[1], "Công văn số 12/SNV ngày 01/10/2025 của Sở Nội vụ");
        assert!(ATTACHED.captures("Kèm theo biên bản Đại hội").is_none());
    }
}
