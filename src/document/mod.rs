//! Document stage: the fields of the document itself, read from the text
//! outside its tables in the layout of Nghị định 30/2020/NĐ-CP — the issuer
//! block top left, number under it, place and date top right, the type and
//! subject centred, the signature block after "Nơi nhận".

mod heading;
mod signature;
mod title;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::layout::Line;
use crate::model::DocumentFields;
use crate::text::decode_entities;

pub use title::doc_type;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Số\s*:?\s*(\S.*?)\s*$").unwrap());
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.{2,60}?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")
        .unwrap()
});
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
    let stamp_number = first.lines.iter().take(12).find_map(stamp_number);
    let lines = heading::lines(first.lines, mid);
    let lines = &lines[..];
    let title = title::find(lines, mid);
    let head_end = title.as_ref().map_or(lines.len().min(12), |t| t.at);
    let head = &lines[..head_end];
    doc.number = head
        .iter()
        .find_map(|l| NUMBER.captures(&l.text).map(|c| clean_number(&c[1])))
        .or(stamp_number)
        .and_then(plausible_number);
    // a date line may wrap its year onto the next ("…, ngày 22 tháng 9 năm"
    // over "2026")
    let dated: Vec<String> = lines
        .iter()
        .take(25)
        .enumerate()
        .map(|(i, l)| match lines.get(i + 1) {
            Some(n) if l.text.trim_end().ends_with("năm") && starts_with_year(&n.text) => {
                format!("{} {}", l.text.trim_end(), n.text.trim())
            }
            _ => l.text.clone(),
        })
        .collect();
    if let Some(c) = dated.iter().find_map(|t| PLACE_DATE.captures(t)) {
        doc.place = Some(c[1].trim().to_string());
        if let (Some(d), Some(m)) = (c.get(2), c.get(3)) {
            doc.date = iso_date(&c[4], m.as_str(), d.as_str());
        }
    }
    let (parent, issuer) = heading::issuers(head, mid);
    (doc.parent_issuer, doc.issuer) = (parent, issuer);
    match title {
        Some(t) => {
            doc.kind = Some(t.kind.to_string());
            doc.subject = t.subject;
            doc.attached_to = t.attached_to;
        }
        None => {
            doc.subject = title::vv_subject(head, mid);
            if doc.subject.is_some() {
                doc.kind = Some("CÔNG VĂN".into());
            } else if let Some(kind) = doc.number.as_deref().and_then(title::type_of_number) {
                // a type set out like a công văn, named by its symbol
                doc.kind = Some(kind.into());
                doc.subject = title::subject_under_number(head, mid);
            }
        }
    }
    signature::read(&mut doc, pages);
    // a plan whose heading was left off still names its province; a charter
    // or an appendix is issued with another document and has no place
    let attached = matches!(
        doc.kind.as_deref(),
        Some("PHỤ LỤC" | "ĐIỀU LỆ" | "QUY CHẾ" | "QUY ĐỊNH")
    );
    if doc.place.is_none() && doc.number.is_none() && !attached {
        doc.place = place_from_text(&doc, pages);
    }
    doc
}

/// "2026", alone or opening a line: a year a date line wrapped.
fn starts_with_year(t: &str) -> bool {
    let digits: String = t.trim().chars().take_while(char::is_ascii_digit).collect();
    digits.len() == 4
}

/// Số ký hiệu as a tracker keys it: white space, dot leaders and HTML
/// entities gone ("779 /QĐ-UBND" → "779/QĐ-UBND", "……../BC-K4" → "/BC-K4").
fn clean_number(raw: &str) -> String {
    let s = decode_entities(raw);
    let s = s.split(';').next().unwrap_or_default();
    // the symbol ends before the place and date that follow it on the line
    // where no gap parted them ("126/SNV-CCHC Quảng Trị, ngày …")
    let s = match s.split_once('/') {
        Some((number, symbol)) => {
            // (a symbol letter-spaced or broken at a hyphen goes on: "B C-UBND",
            // "TTr- CAT-PC04"; a word in lower case is the place)
            let mut parts = symbol.split_whitespace();
            let mut kept = parts.next().unwrap_or_default().to_string();
            for next in parts {
                if next.chars().any(|c| c.is_lowercase() || c == ',') {
                    break;
                }
                kept.push_str(next);
            }
            format!("{number}/{kept}")
        }
        None => s.to_string(),
    };
    s.chars()
        .filter(|c| !c.is_whitespace())
        .skip_while(|c| matches!(c, '.' | '…' | '_'))
        .collect()
}

/// A số ký hiệu as its shape allows: the number before the symbol digits
/// (a Party document's "45-KH", a "12a"), left blank where it is not (a
/// handwritten number a scan's OCR made "#" or "2%" of), and no number at
/// all where the symbol holds what no symbol does ("TTr-CATŒC04)").
fn plausible_number(n: String) -> Option<String> {
    let symbol_char =
        |c: char| c.is_alphanumeric() || matches!(c, '-' | '–' | '—' | '/' | '&' | '.');
    let Some((number, symbol)) = n.split_once('/') else {
        // no slash: a Party document's "45-KH", nothing a scan garbled
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | 'Đ');
        return (n.chars().all(plain) && n.starts_with(|c: char| c.is_ascii_digit())).then_some(n);
    };
    if !symbol.chars().all(symbol_char) || symbol.is_empty() {
        return None;
    }
    // digits (a thousands dot: "1.234"), a small letter or two ("12a"); a
    // capital after the digits is what a scan makes of a handwritten
    // number ("2X") more often than a number is written so
    let digits = number.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let (suffix, party) = digits.split_once('-').unwrap_or((digits, ""));
    let shaped = suffix.chars().count() <= 2
        && suffix.chars().all(|c| c.is_ascii_lowercase())
        && party.chars().all(|c| c.is_uppercase() || c == 'Đ')
        && (number.starts_with(|c: char| c.is_ascii_digit()) || number.is_empty());
    Some(match shaped {
        true => n,
        false => format!("/{symbol}"),
    })
}

/// The number a signing stamp writes at the top of an attachment:
/// "Số: 2775/SNV-CCHC&amp;VTLT; 10/11/2025; 11:00:27;", "Số: 2003/CĐ-VPCP".
fn stamp_number(l: &Line) -> Option<String> {
    let c = NUMBER.captures(&l.text)?;
    let number_like = c[1].contains('/') && c[1].starts_with(|ch: char| ch.is_ascii_digit());
    (l.stamped && number_like || c[1].matches(';').count() >= 2).then(|| clean_number(&c[1]))
}

#[test]
fn numbers_keep_their_shape() {
    let n = |s: &str| plausible_number(s.into());
    assert_eq!(
        n("2775/SNV-CCHC&VTLT").as_deref(),
        Some("2775/SNV-CCHC&VTLT")
    );
    assert_eq!(n("45-KH/TU").as_deref(), Some("45-KH/TU"));
    assert_eq!(n("12a/QĐ-UBND").as_deref(), Some("12a/QĐ-UBND"));
    assert_eq!(n("/BC-K4").as_deref(), Some("/BC-K4"));
    assert_eq!(n("199/2026/NĐ-CP").as_deref(), Some("199/2026/NĐ-CP"));
    assert_eq!(n("#/CT-UBND").as_deref(), Some("/CT-UBND"));
    assert_eq!(n("2%/TTr-CAT-PC06").as_deref(), Some("/TTr-CAT-PC06"));
    assert_eq!(n("đ[ế”/TTr-CATŒC04)"), None);
    assert_eq!(clean_number("126/SNV-CCHC Quảng Trị, ngày"), "126/SNV-CCHC");
    assert_eq!(clean_number("779 / QĐ-UBND"), "779/QĐ-UBND");
    assert_eq!(clean_number("/TTr- CAT-PC04"), "/TTr-CAT-PC04");
    assert_eq!(clean_number("329/B C-UBND"), "329/BC-UBND");
    assert_eq!(n("4đŸTTr-CAT-PC04"), None);
    assert_eq!(n("45-KH").as_deref(), Some("45-KH"));
    assert_eq!(n("2X/TTr-CAT-PC06").as_deref(), Some("/TTr-CAT-PC06"));
    assert_eq!(n("1.234/QĐ-UBND").as_deref(), Some("1.234/QĐ-UBND"));
    assert_eq!(n("123/QĐ–UBND").as_deref(), Some("123/QĐ–UBND"));
}

/// Letters, none in lower case ("GIÁM ĐỐC", "KT. GIÁM ĐỐC").
pub fn is_capitals(t: &str) -> bool {
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
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
