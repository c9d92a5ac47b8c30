//! Deadlines (thời hạn) read from their cell text: dates, months, quarters,
//! years, ranges, recurrences and conditions.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Deadline, DeadlineKind, Recurrence};
use crate::text::{fold, starts_list_item};

/// Reads a deadline cell. Several list items ("- Báo cáo Quý I: trước ngày
/// 15/3/2025 ...") are read one by one into `items`; the whole then spans
/// from the first to the last dated item.
pub fn parse(cell: &str) -> Deadline {
    let items: Vec<&str> = cell
        .lines()
        .map(str::trim)
        .filter(|l| starts_list_item(l))
        .collect();
    if items.len() >= 2 {
        let items: Vec<Deadline> = items.into_iter().map(parse_one).collect();
        let start = items
            .iter()
            .filter_map(|d| d.start.clone().or(d.end.clone()))
            .min();
        let end = items
            .iter()
            .filter_map(|d| d.end.clone().or(d.start.clone()))
            .max();
        let kind = if start.is_some() {
            DeadlineKind::Range
        } else {
            DeadlineKind::Text
        };
        return Deadline {
            kind,
            start,
            end,
            recurrence: None,
            refers_to: items.iter().flat_map(|d| d.refers_to.clone()).collect(),
            items,
            text: cell.to_string(),
        };
    }
    parse_one(cell)
}

static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})").unwrap());
static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"thang\s*(\d{1,2})\s*(?:-|–|den)\s*(?:thang\s*)?(\d{1,2})\s*(?:/|nam)\s*(?:nam\s*)?(\d{4})").unwrap()
});
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"thang\s*(\d{1,2})\s*(?:/|nam)\s*(?:nam\s*)?(\d{4})").unwrap());
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"quy\s*([ivx]+|\d)(?:\s*(?:-|–|den)\s*(?:quy\s*)?([ivx]+|\d))?(?:\s*(?:/|nam)\s*(?:nam\s*)?(\d{4}))?")
        .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|nam\s*)(\d{4})\b").unwrap());
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"nam\s*(\d{4})\s*(?:-|–|den(?:\s*het)?)\s*(?:nam\s*)?(\d{4})\b").unwrap()
});

/// Kinds of document a deadline cell may refer to.
const DOCUMENTS: &str = "Quyết định|Nghị định|Thông tư|Kế hoạch|Công văn|Chỉ thị|Nghị quyết|Phương án|Luật|Văn bản|Thông báo|Đề án|Chương trình";
/// A referenced document as printed, for `refers_to`: type, "số", number.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:{DOCUMENTS})\s+(?:số\s+)?\d+[^\s,;()]*/[^\s,;()]*"
    ))
    .unwrap()
});
/// The same in folded text, with the document's own date: "nghi dinh so
/// 52/2015/nd-cp ngay 28/5/2015", "quyet dinh so 1441/qd-ubnd cua ubnd
/// tinh ngay 25 thang 9 nam 2025".
static REFERENCE_FOLDED: LazyLock<Regex> = LazyLock::new(|| {
    let documents = fold(DOCUMENTS);
    Regex::new(&format!(
        r"(?:{documents})\s+(?:so\s+)?\d+[^\s,;()]*/[^\s,;()]*(?:\s+cua\s+[^,;()]{{1,80}}?)?(?:\s+ngay\s+(?:\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}}|\d{{1,2}}\s+thang\s+\d{{1,2}}\s+nam\s+\d{{4}}))?"
    ))
    .unwrap()
});

fn parse_one(text: &str) -> Deadline {
    let base = Deadline {
        text: text.trim().to_string(),
        refers_to: REFERENCE
            .find_iter(text)
            .map(|m| m.as_str().to_string())
            .collect(),
        ..Default::default()
    };
    // a referenced document's own date is no deadline: read what is left
    let f = REFERENCE_FOLDED.replace_all(&fold(text), " ").into_owned();
    let d = parse_folded(&f, base);
    let undated = d.kind == DeadlineKind::Text
        || (d.kind == DeadlineKind::Conditional && f.trim().starts_with("theo"));
    if undated && !d.refers_to.is_empty() {
        return Deadline {
            kind: DeadlineKind::Reference,
            ..d
        };
    }
    d
}

fn parse_folded(f: &str, base: Deadline) -> Deadline {
    let dates: Vec<String> = FULL_DATE
        .captures_iter(f)
        .filter_map(|c| iso(num(&c[3]), num(&c[2]), num(&c[1])))
        .collect();
    if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
        // "trước ngày", "chậm nhất (là) ngày": by that day
        let before = f.contains("truoc") || f.contains("cham nhat");
        return match (dates.len(), before) {
            (1, true) => Deadline {
                kind: DeadlineKind::Date,
                end: Some(first.clone()),
                ..base
            },
            (1, false) => Deadline {
                kind: DeadlineKind::Date,
                start: Some(first.clone()),
                end: Some(first.clone()),
                ..base
            },
            _ => Deadline {
                kind: DeadlineKind::Range,
                start: Some(first.clone()),
                end: Some(last.clone()),
                ..base
            },
        };
    }
    if let Some(c) = MONTH_RANGE.captures(f) {
        let (a, b, y) = (num(&c[1]), num(&c[2]), num(&c[3]));
        if let (Some(start), Some(end)) = (iso(y, a, 1), month_end(y, b)) {
            return Deadline {
                kind: DeadlineKind::Range,
                start: Some(start),
                end: Some(end),
                ..base
            };
        }
    }
    let months: Vec<Deadline> = MONTH
        .captures_iter(f)
        .filter_map(|c| month(num(&c[1]), num(&c[2])))
        .collect();
    match months.len() {
        0 => {}
        1 => {
            let m = months.into_iter().next().expect("one month");
            return Deadline {
                text: base.text,
                ..m
            };
        }
        // "ban hành trong tháng 01/2026, kiểm tra trong tháng 6/2026 và báo
        // cáo trong tháng 8/2026": milestones, spanning first to last
        _ => {
            return Deadline {
                kind: DeadlineKind::Range,
                start: months.iter().filter_map(|m| m.start.clone()).min(),
                end: months.iter().filter_map(|m| m.end.clone()).max(),
                items: months,
                ..base
            };
        }
    }
    if let Some(c) = QUARTER.captures(f)
        && let Some(q) = quarter(&c[1])
    {
        let last = c.get(2).and_then(|m| quarter(m.as_str())).unwrap_or(q);
        let year = c.get(3).map(|m| num(m.as_str()));
        let kind = if last != q {
            DeadlineKind::Range
        } else {
            DeadlineKind::Quarter
        };
        let start = year.and_then(|y| iso(y, q * 3 - 2, 1));
        let end = year.and_then(|y| month_end(y, last * 3));
        return Deadline {
            kind,
            start,
            end,
            ..base
        };
    }
    if let Some(r) = recurrence(f) {
        return Deadline {
            kind: DeadlineKind::Recurring,
            recurrence: Some(r),
            ..base
        };
    }
    if [
        "khi ",
        "sau khi",
        "theo chi dao",
        "theo yeu cau",
        "theo ke hoach",
        "theo tien do",
        "ngay sau",
    ]
    .iter()
    .any(|k| f.starts_with(k) || f.contains(&format!(" {k}")))
    {
        return Deadline {
            kind: DeadlineKind::Conditional,
            ..base
        };
    }
    // "từ năm 2025 đến năm 2030", "giai đoạn năm 2026 - 2030"
    if let Some(c) = YEAR_RANGE.captures(f) {
        let (a, b) = (num(&c[1]), num(&c[2]));
        if (1900..=2200).contains(&a) && a < b && b <= 2200 {
            return Deadline {
                kind: DeadlineKind::Range,
                start: iso(a, 1, 1),
                end: iso(b, 12, 31),
                ..base
            };
        }
    }
    if let Some(c) = YEAR.captures(f) {
        let y = num(&c[1]);
        if (1900..=2200).contains(&y) {
            return Deadline {
                kind: DeadlineKind::Year,
                start: iso(y, 1, 1),
                end: iso(y, 12, 31),
                ..base
            };
        }
    }
    base
}

/// Month `m` of year `y` as a deadline of its own.
fn month(m: u32, y: u32) -> Option<Deadline> {
    Some(Deadline {
        kind: DeadlineKind::Month,
        start: Some(iso(y, m, 1)?),
        end: Some(month_end(y, m)?),
        text: format!("tháng {m}/{y}"),
        ..Default::default()
    })
}

fn recurrence(f: &str) -> Option<Recurrence> {
    let has = |k: &[&str]| k.iter().any(|k| f.contains(k));
    // "trước ngày 05 của tháng liền kề": by a day of each following month
    if has(&["hang thang", "moi thang", "dinh ky thang", "thang lien ke"]) {
        Some(Recurrence::Monthly)
    } else if has(&["hang quy", "moi quy", "dinh ky quy"]) {
        Some(Recurrence::Quarterly)
    } else if has(&["hang nam", "moi nam", "dinh ky nam", "nam lien ke"]) {
        Some(Recurrence::Yearly)
    } else if has(&["thuong xuyen", "lien tuc"]) {
        Some(Recurrence::Continuous)
    } else {
        None
    }
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

fn quarter(s: &str) -> Option<u32> {
    match s {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    ((1900..=2200).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn month_end(y: u32, m: u32) -> Option<String> {
    iso(y, m, days_in_month(y, m.clamp(1, 12)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DeadlineKind::*;

    fn check(text: &str, kind: DeadlineKind, start: Option<&str>, end: Option<&str>) {
        let d = parse(text);
        assert_eq!(
            (d.kind, d.start.as_deref(), d.end.as_deref()),
            (kind, start, end),
            "{text}"
        );
    }

    #[test]
    fn a_span_of_years_is_a_range() {
        let d = parse("từ năm 2025 đến năm 2030");
        assert_eq!(d.kind, DeadlineKind::Range);
        assert_eq!(d.start.as_deref(), Some("2025-01-01"));
        assert_eq!(d.end.as_deref(), Some("2030-12-31"));
    }

    #[test]
    fn months_quarters_years() {
        check(
            "Tháng 9/2025",
            Month,
            Some("2025-09-01"),
            Some("2025-09-30"),
        );
        check(
            "Tháng 2/2024",
            Month,
            Some("2024-02-01"),
            Some("2024-02-29"),
        );
        check(
            "Tháng 8-9/2025",
            Range,
            Some("2025-08-01"),
            Some("2025-09-30"),
        );
        check(
            "Tháng 9 - 10/2025",
            Range,
            Some("2025-09-01"),
            Some("2025-10-31"),
        );
        check(
            "Quý IV/2025",
            Quarter,
            Some("2025-10-01"),
            Some("2025-12-31"),
        );
        check(
            "Quý IV/Năm 2025",
            Quarter,
            Some("2025-10-01"),
            Some("2025-12-31"),
        );
        check(
            "Quý III-IV/2025",
            Range,
            Some("2025-07-01"),
            Some("2025-12-31"),
        );
        check("Quý I", Quarter, None, None);
        check("Năm 2025", Year, Some("2025-01-01"), Some("2025-12-31"));
        check("2025", Year, Some("2025-01-01"), Some("2025-12-31"));
        check(
            "2025 và những năm tiếp theo",
            Year,
            Some("2025-01-01"),
            Some("2025-12-31"),
        );
    }

    #[test]
    fn dates() {
        check("30/10/2025", Date, Some("2025-10-30"), Some("2025-10-30"));
        check("Trước ngày 30/6/2026", Date, None, Some("2026-06-30"));
        check(
            "Từ ngày 01/3/2026 đến ngày 30/9/2026",
            Range,
            Some("2026-03-01"),
            Some("2026-09-30"),
        );
        check("31/2/2025", Text, None, None);
    }

    #[test]
    fn recurrences_and_conditions() {
        for (text, r) in [
            ("Thường xuyên", Recurrence::Continuous),
            ("Thực hiện thường xuyên", Recurrence::Continuous),
            ("Hằng tháng", Recurrence::Monthly),
            ("Hàng tháng", Recurrence::Monthly),
            ("Hằng quý", Recurrence::Quarterly),
            ("Hằng năm", Recurrence::Yearly),
            ("Trước ngày 31/01 năm liền kề", Recurrence::Yearly),
            ("Trước ngày 05 của tháng liền kề", Recurrence::Monthly),
        ] {
            let d = parse(text);
            assert_eq!((d.kind, d.recurrence), (Recurring, Some(r)), "{text}");
        }
        for text in [
            "Khi có yêu cầu",
            "Sau khi UBND tỉnh ban hành",
            "Theo chỉ đạo của UBND tỉnh",
            "Khi được phân công",
        ] {
            assert_eq!(parse(text).kind, Conditional, "{text}");
        }
        assert_eq!(parse("Theo quy định").kind, Text);
    }

    #[test]
    fn a_referenced_documents_date_is_no_deadline() {
        let d = parse("Theo Điều 17 Nghị định số 52/2015/NĐ-CP ngày 28/5/2015 của Chính phủ");
        assert_eq!(
            (d.kind, d.start.as_deref(), d.end.as_deref()),
            (Reference, None, None)
        );
        assert_eq!(d.refers_to, ["Nghị định số 52/2015/NĐ-CP"]);
        let d = parse("Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25 tháng 9 năm 2025");
        assert_eq!((d.kind, d.end.as_deref()), (Reference, None));
        let d = parse("Theo Kế hoạch số 12/KH-UBND");
        assert_eq!(d.kind, Reference);
        // a deadline of its own beside a reference is still read
        let d = parse("Trước ngày 30/6/2026 (theo Quyết định số 1441/QĐ-UBND ngày 25/9/2025)");
        assert_eq!((d.kind, d.end.as_deref()), (Date, Some("2026-06-30")));
        assert_eq!(d.refers_to, ["Quyết định số 1441/QĐ-UBND"]);
        let d = parse("Ban hành kế hoạch chậm nhất là ngày 15/01/2026 và tổ chức thực hiện");
        assert_eq!(
            (d.kind, d.start, d.end.as_deref()),
            (Date, None, Some("2026-01-15"))
        );
        // no document named: as before
        assert_eq!(parse("Theo kế hoạch").kind, Conditional);
        assert_eq!(parse("Năm 2026").kind, Year);
    }

    #[test]
    fn several_months_in_one_phrase_are_milestones() {
        let d = parse(
            "Ban hành kế hoạch trong tháng 01/2026, tổ chức kiểm tra chậm nhất trong tháng 6/2026 và báo cáo UBND tỉnh chậm nhất trong tháng 8/2026",
        );
        assert_eq!(d.kind, Range);
        assert_eq!(
            (d.start.as_deref(), d.end.as_deref()),
            (Some("2026-01-01"), Some("2026-08-31"))
        );
        let ends: Vec<_> = d.items.iter().map(|i| i.end.as_deref().unwrap()).collect();
        assert_eq!(ends, ["2026-01-31", "2026-06-30", "2026-08-31"]);
        let one = parse("Trong tháng 12/2025");
        assert_eq!((one.kind, one.items.len()), (Month, 0));
        assert_eq!(one.text, "Trong tháng 12/2025");
    }

    #[test]
    fn lists_of_dated_steps() {
        let d =
            parse("- Báo cáo Quý I: trước ngày 15/3/2025\n- Báo cáo 6 tháng: trước ngày 15/6/2025");
        assert_eq!(d.kind, Range);
        assert_eq!(d.items.len(), 2);
        assert_eq!(d.items[0].end.as_deref(), Some("2025-03-15"));
        assert_eq!(
            (d.start.as_deref(), d.end.as_deref()),
            (Some("2025-03-15"), Some("2025-06-15"))
        );
    }
}
