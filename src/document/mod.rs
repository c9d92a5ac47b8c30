//! Document stage: the fields of the document itself, read from the text
//! outside its tables in the layout of Nghị định 30/2020/NĐ-CP — the issuer
//! block top left, number under it, place and date top right, the type and
//! subject centred, the signature block after "Nơi nhận".

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::layout::Line;
use crate::model::DocumentFields;
use crate::text::fold;

/// Document types, as their title line reads (folded).
const TYPES: &[&str] = &[
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "BÁO CÁO",
    "TỜ TRÌNH",
    "THÔNG BÁO",
    "CHỈ THỊ",
    "NGHỊ QUYẾT",
    "HƯỚNG DẪN",
    "CÔNG ĐIỆN",
    "GIẤY MỜI",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "PHỤ LỤC",
    "BIÊN BẢN",
    "CÔNG VĂN",
    "DANH MỤC",
    "THÔNG TƯ",
    "NGHỊ ĐỊNH",
];

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Số\s*:?\s*(\S.*?)\s*$").unwrap());
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.{2,60}?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")
        .unwrap()
});
static ATTACHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\(?\s*(?:ban hành\s+)?kèm theo\s+(.+?)\)?\s*$").unwrap());
static PROVINCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:tỉnh|TỈNH|thành phố|THÀNH PHỐ)\s+((?:\p{Lu}[\p{L}]*\s?){1,3})").unwrap()
});

/// The page's text as the document stage sees it: the lines outside tables.
pub struct PageText<'a> {
    pub width: f32,
    pub lines: &'a [Line],
}

pub fn fields(pages: &[PageText]) -> DocumentFields {
    let mut doc = DocumentFields::default();
    let Some(first) = pages.iter().find(|p| !p.lines.is_empty()) else {
        return doc;
    };
    let mid = first.width / 2.0;
    let merged = same_side_rows(first.lines, mid);
    let lines = &merged[..];
    let type_at = lines
        .iter()
        .take(25)
        .position(|l| doc_type(&l.text).is_some());
    let head_end = type_at.unwrap_or(lines.len().min(12));
    let head = &lines[..head_end];
    doc.kind = type_at
        .and_then(|i| doc_type(&lines[i].text))
        .map(String::from);
    doc.number = head
        .iter()
        .find_map(|l| NUMBER.captures(&l.text).map(|c| c[1].to_string()));
    if let Some(c) = lines
        .iter()
        .take(25)
        .find_map(|l| PLACE_DATE.captures(&l.text))
    {
        doc.place = Some(c[1].trim().to_string());
        if let (Some(d), Some(m)) = (c.get(2), c.get(3)) {
            doc.date = iso_date(&c[4], m.as_str(), d.as_str());
        }
    }
    issuers(&mut doc, head, mid);
    doc.subject = match type_at {
        Some(i) => subject_after(lines, i),
        None => vv_subject(head, mid),
    };
    if doc.kind.is_none() && doc.subject.is_some() && head.iter().any(|l| l.text.starts_with("V/v"))
    {
        doc.kind = Some("CÔNG VĂN".into());
    }
    doc.attached_to = lines
        .iter()
        .take(30)
        .find_map(|l| ATTACHED.captures(&l.text).map(|c| c[1].trim().to_string()));
    signature(&mut doc, pages);
    if doc.place.is_none() {
        doc.place = place_from_text(&doc, pages);
    }
    doc
}

/// The document type a title line names ("KẾ HOẠCH", "PHỤ LỤC 2").
pub fn doc_type(line: &str) -> Option<&'static str> {
    let t = line.trim();
    TYPES.iter().copied().find(|ty| {
        t == *ty
            || t.strip_prefix(ty).is_some_and(|rest| {
                let rest = rest.trim();
                rest.len() <= 8
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || " .-".contains(c))
            })
    })
}

/// The top-left block: the body above (cơ quan chủ quản) and the issuer (cơ
/// quan ban hành), which is bold; without bold, the first line is the body above.
fn issuers(doc: &mut DocumentFields, head: &[Line], mid: f32) {
    // The block stands above the number (or the V/v line) in the left half.
    let block: Vec<&Line> = head
        .iter()
        .filter(|l| l.center_x() < mid)
        .take_while(|l| !l.text.starts_with("Số") && !l.text.starts_with("V/v"))
        .filter(|l| l.text.chars().any(char::is_alphabetic) && !PLACE_DATE.is_match(&l.text))
        .collect();
    let bold: Vec<&&Line> = block.iter().filter(|l| l.bold).collect();
    let (parent, issuer): (Vec<&Line>, Vec<&Line>) = if !bold.is_empty() && bold.len() < block.len()
    {
        block.iter().partition(|l| !l.bold)
    } else if block.len() >= 2 && !is_council(&block[0].text) {
        (block[..1].to_vec(), block[1..].to_vec())
    } else {
        (Vec::new(), block)
    };
    let join = |v: &[&Line]| {
        (!v.is_empty()).then(|| {
            v.iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    doc.parent_issuer = join(&parent);
    doc.issuer = join(&issuer);
}

/// "ỦY BAN NHÂN DÂN" / "HỘI ĐỒNG NHÂN DÂN" alone: a name the next line
/// ("TỈNH LÂM ĐỒNG") completes, not a body above.
fn is_council(t: &str) -> bool {
    let f = fold(t);
    f == "uy ban nhan dan" || f == "hoi dong nhan dan"
}

/// Lines on one baseline and one side of the page are one line of the
/// heading ("Số:" and "/KH-UBND" drawn apart).
fn same_side_rows(lines: &[Line], mid: f32) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for l in lines {
        match out.last_mut() {
            Some(prev)
                if (prev.baseline - l.baseline).abs() < l.size.max(1.0) * 0.3
                    && (prev.center_x() < mid) == (l.center_x() < mid) =>
            {
                prev.text = format!("{} {}", prev.text, l.text);
                prev.x1 = prev.x1.max(l.x1);
                prev.bold &= l.bold;
            }
            _ => out.push(l.clone()),
        }
    }
    out
}

/// Trích yếu under the type line: the bold lines that follow it, or the next
/// line when nothing is bold.
fn subject_after(lines: &[Line], type_at: usize) -> Option<String> {
    let title = &lines[type_at];
    let mut parts = Vec::new();
    let mut prev = title;
    for l in &lines[type_at + 1..] {
        let gap = l.top - prev.bottom;
        let rule = l.text.chars().all(|c| "_-–—. ".contains(c));
        if rule || gap > 2.5 * l.size.max(1.0) || l.text.starts_with('(') || !l.bold {
            break;
        }
        parts.push(l.text.as_str());
        prev = l;
    }
    if parts.is_empty() && !title.bold {
        parts.extend(lines.get(type_at + 1).map(|l| l.text.as_str()));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A công văn's subject: "V/v ..." under its number, with the lines that go on below.
fn vv_subject(head: &[Line], mid: f32) -> Option<String> {
    let at = head.iter().position(|l| l.text.starts_with("V/v"))?;
    let mut parts = vec![head[at].text.trim_start_matches("V/v").trim().to_string()];
    for l in head[at + 1..].iter().filter(|l| l.center_x() < mid) {
        if l.text.starts_with("Kính gửi") {
            break;
        }
        parts.push(l.text.clone());
    }
    Some(parts.join(" "))
}

/// The signature block: right of the middle, from the title lines (all
/// capitals: "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC") down to the signer's name.
fn signature(doc: &mut DocumentFields, pages: &[PageText]) {
    for page in pages.iter().rev() {
        let lines = page.lines;
        let Some(at) = lines
            .iter()
            .rposition(|l| fold(&l.text).starts_with("noi nhan"))
        else {
            continue;
        };
        let anchor = lines[at].top - lines[at].size * 1.5;
        let right: Vec<&Line> = lines
            .iter()
            .filter(|l| l.top >= anchor && l.x0 > page.width * 0.45)
            .collect();
        let titles: Vec<&str> = right
            .iter()
            .map(|l| l.text.as_str())
            .take_while(|t| is_capitals(t))
            .collect();
        let name = right
            .iter()
            .skip(titles.len())
            .map(|l| l.text.as_str())
            .find(|t| is_name(t));
        if !titles.is_empty() {
            doc.signer_title = Some(titles.join("\n"));
        }
        if let Some(name) = name {
            doc.signer = Some(name.to_string());
            return;
        }
    }
}

/// Letters, none in lower case ("GIÁM ĐỐC", "KT. GIÁM ĐỐC").
pub fn is_capitals(t: &str) -> bool {
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
}

/// "Phạm Ninh Thái": two to five words, each capitalised, no digits.
fn is_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let mut c = w.chars();
            c.next().is_some_and(char::is_uppercase) && c.all(char::is_lowercase)
        })
}

/// Without a "place, ngày ..." line: the province of the body above
/// ("UBND TỈNH TUYÊN QUANG"), else the province the text names most.
fn place_from_text(doc: &DocumentFields, pages: &[PageText]) -> Option<String> {
    if let Some(c) = doc
        .parent_issuer
        .as_deref()
        .and_then(|p| PROVINCE.captures(p))
    {
        return Some(title_case(c[1].trim()));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for l in pages.iter().flat_map(|p| p.lines.iter()) {
        for c in PROVINCE.captures_iter(&l.text) {
            *seen.entry(title_case(c[1].trim())).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(_, n)| *n)
        .map(|(p, _)| p)
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn iso_date(y: &str, m: &str, d: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests;
