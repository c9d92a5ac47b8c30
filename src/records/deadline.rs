//! Deadlines (thời hạn) read from their cell text: dates, months, quarters,
//! years, ranges, recurrences and conditions.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Deadline, DeadlineKind, Recurrence};
use crate::text::{fold, starts_list_item};

/// How a deadline cell's text opens, folded (`text::fold`): "Trước ngày",
/// "Thường xuyên", "Quý II", a condition ("Sau khi …").
const OPENERS: &[&str] = &[
    "truoc ngay",
    "thuong xuyen",
    "hang thang",
    "hang quy",
    "hang nam",
    "thang",
    "quy ",
    "nam 20",
    "tu ngay",
    "den ngay",
    "dinh ky",
    "khi co",
    "sau khi",
    "theo chi dao",
    "thuc hien thuong",
];

/// Does folded text (`text::fold`) open as a deadline cell does?
pub fn opens(folded: &str) -> bool {
    OPENERS.iter().any(|w| folded.starts_with(w))
}

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
            year_from: None,
            text: cell.to_string(),
        };
    }
    parse_one(cell)
}

static FULL_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})").unwrap());
/// "từ ngày 15/4 đến ngày 15/5/2026": a range of days whose first day
/// takes the year of its last (folded text).
static DAY_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(\d{1,2})\s*/\s*(\d{1,2})\s*(?:-|–|den)\s*(?:ngay\s*)?(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})").unwrap()
});
static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"thang\s*(\d{1,2})\s*(?:-|–|den)\s*(?:thang\s*)?(\d{1,2})\s*(?:/|nam)\s*(?:nam\s*)?(\d{4})").unwrap()
});
static MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"thang\s*(\d{1,2})\s*(?:/|nam)\s*(?:nam\s*)?(\d{4})").unwrap());
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"quy\s*([ivx]+|\d)(?:\s*(?:-|–|den|,|va)\s*(?:quy\s*)?([ivx]+|\d)\b)?(?:\s*(?:/|nam)\s*(?:nam\s*)?(\d{4}))?")
        .unwrap()
});
/// "Quý III/2026 - Quý I/2027": quarters of two years, each with its own.
static QUARTER_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"quy\s*([ivx]+|\d)\s*(?:/|nam)\s*(?:nam\s*)?(\d{4})\s*(?:-|–|den)\s*(?:quy\s*)?([ivx]+|\d)\s*(?:/|nam)\s*(?:nam\s*)?(\d{4})")
        .unwrap()
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|nam\s*)(\d{4})\b").unwrap());
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:nam\s*|^\s*|giai doan\s*)(\d{4})\s*(?:-|–|den(?:\s*het)?)\s*(?:nam\s*)?(\d{4})\b",
    )
    .unwrap()
});

/// A phrase that points at another document's schedule.
static POINTS_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^theo (?:cac moc thoi gian (?:tai|cua) )?(?:ke hoach|huong dan|quyet dinh|lich|lo trinh|chuong trinh|phuong an|van ban|thong bao|cong van|de an|nghi quyet|chi thi)\b").unwrap()
});

/// "6 tháng đầu năm 2026", "6 tháng cuối năm 2026": the first or last
/// months of a year.
static PART_OF_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,2})\s*thang\s*(dau|cuoi)\s*nam\s*(\d{4})").unwrap());

static DAY_IN_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ngay\s*(\d{1,2})\s+thang\s*(\d{1,2})\s+nam\s*(\d{4})").unwrap());

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
    // "ngay 23 thang 1 nam 2026" is a day: read it as 23/1/2026
    let f = DAY_IN_WORDS.replace_all(&f, "ngay $1/$2/$3").into_owned();
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
    if let Some(d) = milestones(f, &base) {
        return d;
    }
    if let Some(d) = day_range(f, &base) {
        return d;
    }
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
    if let Some(c) = PART_OF_YEAR.captures(f) {
        let (n, y) = (num(&c[1]).clamp(1, 12), num(&c[3]));
        let (from, to) = if &c[2] == "dau" { (1, n) } else { (13 - n, 12) };
        if let (Some(start), Some(end)) = (iso(y, from, 1), month_end(y, to)) {
            return Deadline {
                kind: DeadlineKind::Range,
                start: Some(start),
                end: Some(end),
                ..base
            };
        }
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
    if let Some(c) = QUARTER_SPAN.captures(f)
        && let (Some(q1), Some(q2)) = (quarter(&c[1]), quarter(&c[3]))
    {
        let start = iso(num(&c[2]), q1 * 3 - 2, 1);
        let end = month_end(num(&c[4]), q2 * 3);
        if start.is_some() && start <= end {
            return Deadline {
                kind: DeadlineKind::Range,
                start,
                end,
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
    // "thực hiện thường xuyên khi có yêu cầu": on demand, not continuous
    let conditional = [
        "khi co",
        "sau khi",
        "theo chi dao",
        "theo yeu cau",
        "theo tien do",
        "ngay sau",
    ]
    .iter()
    .any(|k| f.starts_with(k) || f.contains(&format!(" {k}")));
    if conditional {
        return Deadline {
            kind: DeadlineKind::Conditional,
            ..base
        };
    }
    if let Some(r) = recurrence(f) {
        // "thường xuyên trong năm 2026": bounded by that year
        let year = YEAR.captures(f).map(|c| num(&c[1]));
        return Deadline {
            kind: DeadlineKind::Recurring,
            recurrence: Some(r),
            start: year.and_then(|y| iso(y, 1, 1)),
            end: year.and_then(|y| iso(y, 12, 31)),
            ..base
        };
    }
    // "theo kế hoạch của tỉnh", "theo hướng dẫn của Trung ương": another
    // document's schedule, named or not
    if POINTS_AT.is_match(f.trim()) {
        return Deadline {
            kind: DeadlineKind::Reference,
            ..base
        };
    }
    if ["khi "]
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

/// Steps with times of different kinds ("xây dựng kế hoạch trong tháng
/// 3/2026; tổ chức thực hiện trong Quý II và báo cáo trước ngày
/// 15/12/2026"): each part read alone (a part without a year takes the
/// phrase's one year), the whole a range from the first start to the last
/// end. None where fewer than two parts are dated.
fn milestones(f: &str, base: &Deadline) -> Option<Deadline> {
    let years: Vec<&str> = YEAR_ANYWHERE.find_iter(f).map(|m| m.as_str()).collect();
    let one_year = years.first().filter(|y| years.iter().all(|x| x == *y));
    let parts: Vec<&str> = f.split([';']).flat_map(|p| p.split(" va ")).collect();
    if parts.len() < 2 {
        return None;
    }
    let items: Vec<Deadline> = parts
        .iter()
        .map(|p| {
            let p = match one_year {
                Some(y) if !YEAR_ANYWHERE.is_match(p) && YEARLESS_TIME.is_match(p) => {
                    format!("{p} nam {y}")
                }
                _ => p.to_string(),
            };
            parse_folded(
                &p,
                Deadline {
                    text: p.trim().to_string(),
                    ..Default::default()
                },
            )
        })
        .filter(|d| d.start.is_some() || d.end.is_some())
        // a part that is itself several steps gives its steps
        .flat_map(|d| if d.items.is_empty() { vec![d] } else { d.items })
        .collect();
    if items.len() < 2 {
        return None;
    }
    Some(Deadline {
        kind: DeadlineKind::Range,
        start: items
            .iter()
            .filter_map(|d| d.start.clone().or(d.end.clone()))
            .min(),
        end: items
            .iter()
            .filter_map(|d| d.end.clone().or(d.start.clone()))
            .max(),
        items,
        ..base.clone()
    })
}

/// A quarter or month named without its year, in folded text.
static YEARLESS_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bquy\s*(?:[ivx]+|\d)\b|\bthang\s*\d{1,2}\b").unwrap());

static YEAR_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").unwrap());

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

/// A range of days written with the year once, at its end ("từ ngày 12/5
/// đến ngày 22/5/2026"); a first day after the last is in the year before
/// ("28/12 - 05/01/2027").
fn day_range(f: &str, base: &Deadline) -> Option<Deadline> {
    let c = DAY_RANGE.captures(f)?;
    let [d1, m1, d2, m2, y] = [1, 2, 3, 4, 5].map(|i| num(&c[i]));
    let end = iso(y, m2, d2)?;
    let start = iso(y, m1, d1)
        .filter(|s| *s <= end)
        .or_else(|| iso(y - 1, m1, d1))?;
    Some(Deadline {
        kind: DeadlineKind::Range,
        start: Some(start),
        end: Some(end),
        ..base.clone()
    })
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    ((1900..=2200).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn month_end(y: u32, m: u32) -> Option<String> {
    iso(y, m, days_in_month(y, m.clamp(1, 12)))
}

/// Where the year of a deadline written without one came from.
pub use crate::model::YearFrom;

/// "6 tháng cuối năm" with no year after it.
static HALF_NO_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b\d{1,2}\s+tháng\s+(?:đầu|cuối)\s+năm\b").unwrap());
/// "Trong năm" and nothing else: within the plan's year.
static ALONE_IN_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:trong\s+)?năm\s*(?:nay)?\s*$").unwrap());

static ANY_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").unwrap());
static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\s*/\s*(\d{1,2})\b").unwrap());
static MONTH_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:ngày\s+(\d{1,2})\s+)?tháng\s+(\d{1,2})\b|\b(quý\s+(?:[IVX]{1,3}|\d))\b")
        .unwrap()
});

/// A year a text names (a column header "Thời gian (Năm 2026)", a caption).
pub fn year_in(text: &str) -> Option<u32> {
    ANY_YEAR.find(text).and_then(|m| m.as_str().parse().ok())
}

/// The one year a document's subject names ("… năm 2026"); none for a
/// span ("giai đoạn 2026 - 2030", "năm học 2025 - 2026").
pub fn subject_year(subject: &str) -> Option<u32> {
    let mut years: Vec<u32> = ANY_YEAR
        .find_iter(subject)
        .filter_map(|m| m.as_str().parse().ok())
        .collect();
    years.dedup();
    match years[..] {
        [y] => Some(y),
        _ => None,
    }
}

/// The year the text above a table plans for: the last it names nearest
/// the table, bar a year it compares with ("tăng 12% so với cùng kỳ năm
/// 2025").
fn plan_year_in(text: &str) -> Option<u32> {
    ANY_YEAR
        .find_iter(text)
        .filter(|m| {
            let before = fold(&text[..m.start()]);
            let near: String = before
                .chars()
                .skip(before.chars().count().saturating_sub(24))
                .collect();
            !["cung ky", "so voi", "nam truoc"]
                .iter()
                .any(|k| near.contains(k))
        })
        .last()
        .and_then(|m| m.as_str().parse().ok())
}

/// Reads a deadline written without a year ("ngày 23 tháng 1", "15/12",
/// "Quý II") in the year given, and says where that year came from; `None`
/// where the text names a year of its own or no day, month or quarter.
pub fn parse_in_year(cell: &str, year: u32, from: YearFrom) -> Option<Deadline> {
    let yearless = DAY_MONTH.is_match(cell)
        || MONTH_WORD.is_match(cell)
        || HALF_NO_YEAR.is_match(cell)
        || ALONE_IN_YEAR.is_match(cell);
    if ANY_YEAR.is_match(cell) || !yearless {
        return None;
    }
    let dated = with_year(cell, year);
    let mut d = parse(&dated);
    if matches!(
        d.kind,
        DeadlineKind::Text | DeadlineKind::Conditional | DeadlineKind::Reference
    ) {
        return None;
    }
    d.text = cell.to_string();
    d.year_from = Some(from);
    Some(d)
}

/// The text with `year` after each day/month and month or quarter that has
/// none: "15/12" → "15/12/2026", "ngày 23 tháng 1" → "ngày 23/1/2026",
/// "tháng 6" → "tháng 6/2026", "Quý II" → "Quý II/2026".
fn with_year(text: &str, year: u32) -> String {
    let text = HALF_NO_YEAR.replace_all(text, |c: &regex::Captures| format!("{} {year}", &c[0]));
    let text = ALONE_IN_YEAR.replace_all(&text, |_: &regex::Captures| format!("Năm {year}"));
    let t = MONTH_WORD.replace_all(&text, |c: &regex::Captures| {
        match (c.get(1), c.get(2), c.get(3)) {
            (Some(d), Some(m), _) => format!("ngày {}/{}", d.as_str(), m.as_str()),
            (None, Some(m), _) => format!("tháng {}/{year}", m.as_str()),
            (_, _, Some(q)) => format!("{}/{year}", q.as_str()),
            _ => c[0].to_string(),
        }
    });
    DAY_MONTH
        .replace_all(&t, |c: &regex::Captures| {
            format!("{}/{}/{year}", &c[1], &c[2])
        })
        .into_owned()
}

/// Deadlines written without a year ("ngày 23 tháng 1", "15/12", "Quý
/// II", a recurrence "trong năm") take it from the deadline column's
/// header, else the table's title or caption, else the text just above the
/// table, else the document's own year (its date's, or its subject's where
/// a draft leaves the day blank), and say which in `year_from`. A year the
/// text above names before the document's own tells of the past ("Dịp Tết
/// … 2025, … đạt 31.240 tỷ đồng" in a plan of 2026): work a document
/// assigns is not due before it was issued, unless it `reports` on past
/// work (a báo cáo). A meeting
/// programme's times of day ("07h45 - 8h00") take their day from the text
/// above the table. A deadline already read as dates, or as conditional or
/// a reference, is kept.
pub fn fill_years(
    tasks: &mut [crate::model::TaskRecord],
    tables: &[crate::model::TableInfo],
    (subject_year, document_year, reports): (Option<u32>, Option<u32>, bool),
) {
    for t in tasks.iter_mut() {
        let (Some(cell), Some(parsed)) = (t.deadline.as_deref(), t.deadline_parsed.as_ref()) else {
            continue;
        };
        let table = t.table.and_then(|i| tables.get(i));
        let above = table.map(|tb| tb.above.join("\n")).unwrap_or_default();
        if parsed.kind == DeadlineKind::Text
            && let Some(day) = times_of_day_on(cell, &above)
        {
            t.deadline_parsed = Some(day);
            continue;
        }
        let in_year = parsed.kind == DeadlineKind::Recurring
            && parsed.start.is_none()
            && WITHIN_YEAR.is_match(&fold(cell));
        let undated = parsed.start.is_none()
            && parsed.end.is_none()
            && matches!(
                parsed.kind,
                DeadlineKind::Text | DeadlineKind::Quarter | DeadlineKind::Month
            );
        if !undated && !in_year {
            continue;
        }
        let Some((year, from)) = year_hint(table, &above, (subject_year, document_year, reports))
        else {
            continue;
        };
        if in_year {
            let mut d = parsed.clone();
            (d.start, d.end) = (iso(year, 1, 1), iso(year, 12, 31));
            d.year_from = Some(from);
            t.deadline_parsed = Some(d);
        } else if let Some(d) = parse_in_year(cell, year, from) {
            t.deadline_parsed = Some(d);
        }
    }
}

/// "trong năm" with no year of its own: the plan's year.
static WITHIN_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"trong nam\b(?:\s*$|[^\d]*$)").unwrap());

/// The nearest year for a table's deadlines, and where it came from.
fn year_hint(
    table: Option<&crate::model::TableInfo>,
    above: &str,
    (subject_year, document_year, reports): (Option<u32>, Option<u32>, bool),
) -> Option<(u32, YearFrom)> {
    let header = table
        .and_then(|tb| {
            tb.columns
                .iter()
                .find(|c| c.role == crate::table::Role::Deadline)
        })
        .and_then(|c| year_in(&c.header))
        .map(|y| (y, YearFrom::ColumnHeader));
    let caption = table
        .and_then(|tb| {
            tb.caption
                .as_deref()
                .and_then(year_in)
                .or_else(|| tb.title.as_deref().and_then(year_in))
        })
        .map(|y| (y, YearFrom::Caption));
    // the text above may tell of the year before ("Năm 2025, trên địa bàn
    // xảy ra …") where the subject names the plan's
    header
        .or(caption)
        .or(subject_year
            .filter(|_| table.is_some())
            .map(|y| (y, YearFrom::Subject)))
        .or(plan_year_in(above)
            .filter(|&y| reports || document_year.is_none_or(|d| y >= d))
            .map(|y| (y, YearFrom::TextAbove)))
        .or(document_year.map(|y| (y, YearFrom::DocumentDate)))
}

/// Times of day and nothing else ("07h45 - 8h00", "14 giờ 30").
static TIMES_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:từ|lúc|đến)?\s*\d{1,2}\s*(?:h|giờ|g|:)\s*(?:\d{1,2})?\s*(?:phút|')?\s*(?:[-–]|đến)?\s*)+$").unwrap()
});

/// A cell of times of day, on the one day the text above the table names
/// ("Thời gian: … ngày 09/10/2025").
fn times_of_day_on(cell: &str, above: &str) -> Option<Deadline> {
    if !TIMES_ONLY.is_match(&cell.trim().to_lowercase()) {
        return None;
    }
    let f = DAY_IN_WORDS
        .replace_all(&fold(above), "ngay $1/$2/$3")
        .into_owned();
    let mut days: Vec<String> = FULL_DATE
        .captures_iter(&f)
        .filter_map(|c| iso(num(&c[3]), num(&c[2]), num(&c[1])))
        .collect();
    days.dedup();
    let [day] = days.as_slice() else {
        return None;
    };
    Some(Deadline {
        kind: DeadlineKind::Date,
        start: Some(day.clone()),
        end: Some(day.clone()),
        year_from: Some(YearFrom::TextAbove),
        text: cell.to_string(),
        ..Default::default()
    })
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
    fn a_day_in_words_is_a_date() {
        let d = parse("ngày 23 tháng 1 năm 2026");
        assert_eq!(
            (d.kind, d.end.as_deref()),
            (DeadlineKind::Date, Some("2026-01-23"))
        );
    }

    #[test]
    fn a_year_from_the_header_caption_or_document() {
        let d = parse_in_year("ngày 23 tháng 1", 2026, YearFrom::ColumnHeader).unwrap();
        assert_eq!(d.end.as_deref(), Some("2026-01-23"));
        assert_eq!(d.year_from, Some(YearFrom::ColumnHeader));
        assert_eq!(d.text, "ngày 23 tháng 1");
        let d = parse_in_year("Trước ngày 15/12", 2025, YearFrom::DocumentDate).unwrap();
        assert_eq!(
            (d.kind, d.end.as_deref()),
            (DeadlineKind::Date, Some("2025-12-15"))
        );
        let d = parse_in_year("Quý II", 2026, YearFrom::Caption).unwrap();
        assert_eq!(d.start.as_deref(), Some("2026-04-01"));
        let d = parse_in_year("Tháng 6", 2026, YearFrom::Caption).unwrap();
        assert_eq!(d.end.as_deref(), Some("2026-06-30"));
        // a year of its own, or nothing to date, is left alone
        assert!(parse_in_year("Tháng 6/2025", 2026, YearFrom::Caption).is_none());
        assert!(parse_in_year("Thường xuyên", 2026, YearFrom::Caption).is_none());
    }

    #[test]
    fn fill_years_prefers_the_column_header_and_keeps_recurring() {
        use crate::model::{Column, TableInfo, TaskRecord};
        use crate::table::Role;
        let table = TableInfo {
            index: 0,
            title: Some("PHỤ LỤC".into()),
            caption: Some("KẾ HOẠCH NĂM 2025".into()),
            pages: vec![1],
            columns: vec![Column {
                header: "Thời gian (Năm 2026)".into(),
                role: Role::Deadline,
            }],
            ..Default::default()
        };
        let row = |cell: &str, table: Option<usize>| {
            let mut t = TaskRecord {
                table,
                deadline: Some(cell.into()),
                ..Default::default()
            };
            crate::records::normalize(&mut t);
            t
        };
        let mut tasks = vec![
            row("ngày 23 tháng 1", Some(0)),
            row("Trước ngày 31/01 năm liền kề", Some(0)),
            row("trước ngày 15/12", None),
        ];
        fill_years(&mut tasks, &[table], (None, Some(2025), false));
        let d0 = tasks[0].deadline_parsed.as_ref().unwrap();
        assert_eq!(
            (d0.end.as_deref(), d0.year_from),
            (Some("2026-01-23"), Some(YearFrom::ColumnHeader))
        );
        let d1 = tasks[1].deadline_parsed.as_ref().unwrap();
        assert_eq!((d1.kind, d1.year_from), (DeadlineKind::Recurring, None));
        let d2 = tasks[2].deadline_parsed.as_ref().unwrap();
        assert_eq!(
            (d2.end.as_deref(), d2.year_from),
            (Some("2025-12-15"), Some(YearFrom::DocumentDate))
        );
    }

    #[test]
    fn times_of_day_take_the_day_above_and_trong_nam_the_plans_year() {
        use crate::model::{Column, TableInfo, TaskRecord};
        use crate::table::Role;
        let table = TableInfo {
            index: 0,
            title: None,
            caption: None,
            pages: vec![1],
            columns: vec![Column {
                header: "Thời gian".into(),
                role: Role::Deadline,
            }],
            above: vec!["Thời gian: ½ ngày, bắt đầu lúc 08h00, ngày 09/10/2025 (thứ Năm).".into()],
            ..Default::default()
        };
        let row = |cell: &str| TaskRecord {
            table: Some(0),
            deadline: Some(cell.into()),
            deadline_parsed: Some(parse(cell)),
            ..Default::default()
        };
        let mut tasks = vec![
            row("07h45 - 8h00"),
            row("10h30"),
            row("Thường xuyên trong năm"),
        ];
        // (the programme issued the year of its meeting)
        fill_years(&mut tasks, &[table], (None, Some(2025), false));
        let got = |i: usize| {
            let d = tasks[i].deadline_parsed.as_ref().unwrap();
            (d.kind, d.start.clone(), d.end.clone(), d.year_from)
        };
        let day = Some("2025-10-09".to_string());
        assert_eq!(
            got(0),
            (Date, day.clone(), day.clone(), Some(YearFrom::TextAbove))
        );
        assert_eq!(got(1).1, day);
        // the year of the text above, nearer than the document's
        assert_eq!(
            got(2),
            (
                Recurring,
                Some("2025-01-01".into()),
                Some("2025-12-31".into()),
                Some(YearFrom::TextAbove)
            )
        );
    }

    #[test]
    fn halves_and_spans_of_months() {
        check(
            "6 tháng đầu năm 2026",
            Range,
            Some("2026-01-01"),
            Some("2026-06-30"),
        );
        check(
            "6 tháng cuối năm 2026",
            Range,
            Some("2026-07-01"),
            Some("2026-12-31"),
        );
        check(
            "Từ tháng 01 đến tháng 6/2026",
            Range,
            Some("2026-01-01"),
            Some("2026-06-30"),
        );
        check(
            "Quý II/2026",
            Quarter,
            Some("2026-04-01"),
            Some("2026-06-30"),
        );
        check("Năm 2026", Year, Some("2026-01-01"), Some("2026-12-31"));
        // times of day are dropped
        check(
            "Trước 14 giờ ngày 08/10/2025",
            Date,
            None,
            Some("2025-10-08"),
        );
        // what must stay text
        for text in [
            "Kịp thời",
            "Đúng quy định",
            "Theo quy định",
            "Sớm nhất có thể",
        ] {
            assert_eq!(parse(text).kind, Text, "{text}");
        }
        let d = parse("Định kỳ hằng quý");
        assert_eq!(
            (d.kind, d.recurrence),
            (Recurring, Some(Recurrence::Quarterly))
        );
    }

    #[test]
    fn steps_of_several_kinds_are_a_range() {
        let d = parse(
            "Xây dựng kế hoạch trong tháng 3/2026; tổ chức thực hiện trong Quý II và báo cáo trước ngày 15/12/2026",
        );
        assert_eq!(
            (d.kind, d.start.as_deref(), d.end.as_deref(), d.items.len()),
            (Range, Some("2026-03-01"), Some("2026-12-15"), 3)
        );
        check(
            "Quý I, II năm 2026",
            Range,
            Some("2026-01-01"),
            Some("2026-06-30"),
        );
        assert_eq!(parse("Theo lộ trình của Bộ Y tế").kind, Reference);
        // one dated step beside an undated one is that step
        check(
            "Ban hành kế hoạch chậm nhất là ngày 31/12/2025 và tổ chức mở lớp theo kế hoạch đề ra.",
            Date,
            None,
            Some("2025-12-31"),
        );
        let in_year = |t: &str| {
            let d = parse_in_year(t, 2026, YearFrom::ColumnHeader).unwrap();
            (d.kind, d.start, d.end)
        };
        let y = |s: &str| Some(s.to_string());
        assert_eq!(
            in_year("6 tháng cuối năm"),
            (Range, y("2026-07-01"), y("2026-12-31"))
        );
        assert_eq!(
            in_year("Trong năm"),
            (Year, y("2026-01-01"), y("2026-12-31"))
        );
    }

    #[test]
    fn the_subject_names_the_plans_year_before_the_text_above_tells_of_the_last() {
        // 13i hi-05: "II. TÌNH HÌNH THIÊN TAI NĂM 2025" right above the
        // table of a plan "… năm 2026"
        let table = crate::model::TableInfo {
            above: vec!["Năm 2025, trên địa bàn đặc khu xảy ra 06 đợt mưa lớn.".into()],
            ..Default::default()
        };
        let mut tasks = vec![crate::model::TaskRecord {
            table: Some(0),
            deadline: Some("Trước ngày 15/7".into()),
            deadline_parsed: Some(parse("Trước ngày 15/7")),
            ..Default::default()
        }];
        let year = subject_year("Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2026");
        fill_years(
            &mut tasks,
            std::slice::from_ref(&table),
            (year, Some(2026), false),
        );
        let d = tasks[0].deadline_parsed.as_ref().unwrap();
        assert_eq!(d.end.as_deref(), Some("2026-07-15"));
        assert_eq!(d.year_from, Some(YearFrom::Subject));
        assert_eq!(subject_year("Kế hoạch giai đoạn 2026 - 2030"), None);
        assert_eq!(subject_year("Tổ chức các kỳ thi năm học 2025 - 2026"), None);
    }

    #[test]
    fn a_year_above_before_the_documents_own_tells_of_the_past_except_in_a_report() {
        // 13l hl-10: a plan of 09/2026 whose subject names two years
        let table = crate::model::TableInfo {
            above: vec![
                "Dịp Tết Nguyên đán Ất Tỵ 2025, tổng giá trị hàng hóa đạt 31.240 tỷ đồng.".into(),
            ],
            ..Default::default()
        };
        let task = || crate::model::TaskRecord {
            table: Some(0),
            deadline: Some("Trước ngày 15/11".into()),
            deadline_parsed: Some(parse("Trước ngày 15/11")),
            ..Default::default()
        };
        let end = |reports: bool| {
            let mut tasks = vec![task()];
            fill_years(
                &mut tasks,
                std::slice::from_ref(&table),
                (None, Some(2026), reports),
            );
            let d = tasks[0].deadline_parsed.clone().unwrap();
            (d.end, d.year_from)
        };
        assert_eq!(
            end(false),
            (Some("2026-11-15".into()), Some(YearFrom::DocumentDate))
        );
        assert_eq!(
            end(true),
            (Some("2025-11-15".into()), Some(YearFrom::TextAbove))
        );
    }

    #[test]
    fn the_text_above_plans_for_its_last_year_not_one_it_compares_with() {
        let above = "Kế hoạch kích cầu du lịch 6 tháng cuối năm 2026: đón 21 triệu lượt khách; \
                     tổng thu tăng 12% so với cùng kỳ năm 2025.";
        assert_eq!(plan_year_in(above), Some(2026));
        assert_eq!(
            plan_year_in("Kết quả năm 2025, nhiệm vụ năm 2026"),
            Some(2026)
        );
        assert_eq!(plan_year_in("không có năm"), None);
    }

    #[test]
    fn a_span_of_years_is_a_range() {
        for text in [
            "từ năm 2025 đến năm 2030",
            "2025-2030",
            "2025 - 2030",
            "Giai đoạn 2025-2030",
        ] {
            let d = parse(text);
            assert_eq!(d.kind, DeadlineKind::Range, "{text}");
            assert_eq!(d.start.as_deref(), Some("2025-01-01"), "{text}");
            assert_eq!(d.end.as_deref(), Some("2030-12-31"), "{text}");
        }
        // a number and a year are no span ("Tờ trình 1505-2026")
        assert_ne!(parse("Tờ trình 1505-2026").kind, DeadlineKind::Range);
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
            "Quý III/2026 - Quý I/2027",
            Range,
            Some("2026-07-01"),
            Some("2027-03-31"),
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
        check(
            "Từ ngày 12/5 đến ngày 22/5/2026",
            Range,
            Some("2026-05-12"),
            Some("2026-05-22"),
        );
        check(
            "28/12 - 05/01/2027",
            Range,
            Some("2026-12-28"),
            Some("2027-01-05"),
        );
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
        // on demand, though "thường xuyên"
        assert_eq!(
            parse("Thực hiện thường xuyên khi có yêu cầu của bộ, ngành Trung ương.").kind,
            Conditional
        );
        let d = parse("Thường xuyên trong năm 2026");
        assert_eq!(
            (d.kind, d.start.as_deref(), d.end.as_deref()),
            (Recurring, Some("2026-01-01"), Some("2026-12-31"))
        );
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
        // no document named, still another schedule
        assert_eq!(parse("Theo kế hoạch").kind, Reference);
        assert_eq!(parse("Theo kế hoạch của tỉnh").kind, Reference);
        assert_eq!(parse("Theo hướng dẫn của Trung ương").kind, Reference);
        assert_eq!(
            parse("Theo các mốc thời gian tại Phương án số 7178/PA-UBND ngày 14/11/2025").kind,
            Reference
        );
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
