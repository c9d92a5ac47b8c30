//! Declared counts: "Tổng số: 27 nhiệm vụ", "1. Nhiệm vụ ...: 09 nhiệm vụ",
//! "I NHIỆM VỤ ... (07 nhiệm vụ)", and the same in any noun a document
//! counts its rows in ("gồm 11 chuyên mục", "(04 hoạt động)"). "03 nhóm
//! nhiệm vụ" counts groups: a table's top-level sections.

use std::sync::LazyLock;

use regex::Regex;

use super::{Input, distinct, scope_path, within};
use crate::model::{Counted, DeclaredCount, Finding, SectionRef, Severity, TaskRecord};
use crate::records::Section;
use crate::text::fold;

/// A count found in the body text.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// `None`: the whole document; `Some((n, title))`: the n-th group of a list.
    pub group: Option<(usize, String)>,
    pub count: usize,
    /// The noun counted, lower case: "nhiệm vụ", "chuyên mục", "nhóm nhiệm vụ".
    pub unit: String,
    pub text: String,
    pub page: usize,
}

impl Declaration {
    /// "03 nhóm nhiệm vụ" counts groups (sections), not rows.
    pub fn of_groups(&self) -> bool {
        self.unit.starts_with("nhóm")
    }
}

/// The nouns a plan counts its rows in. "nhiệm vụ" is always one; the
/// others count rows only where a table names its rows with them (see
/// [`names_rows`]): "gồm 03 nội dung: mục đích, yêu cầu, ..." counts the
/// parts of the text, not a table.
const NOUN: &str = r"(?:nhiệm vụ|chuyên mục|nội dung|hoạt động|giải pháp|công việc|đầu việc|chương trình|đề án|dự án)";

static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:tổng số|tổng cộng|bao gồm|gồm)\s*:?\s*(\d{{1,4}})\s+((?:nhóm\s+)?{NOUN})|(\d{{1,4}})\s+((?:nhóm\s+)?{NOUN})\s+trọng tâm"
    ))
    .unwrap()
});
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?is)^\s*(\d{{1,2}}|[IVX]{{1,5}})[.)]\s+(.{{3,400}}?)\s*:\s*(\d{{1,4}})\s+({NOUN})\b"
    ))
    .unwrap()
});
static IN_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\(\s*(\d{{1,4}})\s+({NOUN})[^)]*\)")).unwrap());

/// Does a line open with a total the body declares ("Tổng số: 12 nhiệm
/// vụ.", "Tổng cộng 05 nội dung")? "Tổng công ty …" does not.
pub fn declares_total(line: &str) -> bool {
    let t = line.trim_start();
    t.to_lowercase().starts_with("tổng") && TOTAL.find(t).is_some_and(|m| m.start() == 0)
}

/// Does a title carry the count of its rows ("Nhóm nhiệm vụ … (03 nhiệm
/// vụ)")?
pub fn counts_in_title(title: &str) -> bool {
    IN_TITLE.is_match(title)
}

/// A noun as `unit` writes it: lower case, one space.
fn unit(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The counts declared in body paragraphs.
pub fn declarations(paragraphs: &[(String, usize)]) -> Vec<Declaration> {
    let mut out = Vec::new();
    for (text, page) in paragraphs {
        if let Some(c) = GROUP.captures(text) {
            let n = c[1].parse().unwrap_or_else(|_| roman_value(&c[1]));
            out.push(Declaration {
                group: Some((n, c[2].trim().to_string())),
                count: c[3].parse().unwrap_or(0),
                unit: unit(&c[4]),
                text: c[0].trim().to_string(),
                page: *page,
            });
            continue;
        }
        if let Some(c) = TOTAL.captures(text) {
            let (count, noun) = match c.get(1) {
                Some(m) => (m, &c[2]),
                None => (c.get(3).expect("one branch matched"), &c[4]),
            };
            out.push(Declaration {
                group: None,
                count: count.as_str().parse().unwrap_or(0),
                unit: unit(noun),
                text: c[0].to_string(),
                page: *page,
            });
        }
    }
    out
}

/// Does a table name its rows with this noun (a column header or a section
/// title holds it)? "nhiệm vụ" always counts rows.
fn names_rows(input: &Input, noun: &str) -> bool {
    let noun = fold(noun.trim_start_matches("nhóm").trim());
    noun == "nhiem vu"
        || input
            .tables
            .iter()
            .flat_map(|t| &t.columns)
            .map(|c| c.header.as_str())
            .chain(
                input
                    .sections
                    .iter()
                    .filter_map(|s| s.path.last())
                    .map(|s| s.title.as_str()),
            )
            .any(|h| fold(h).contains(&noun))
}

fn roman_value(s: &str) -> usize {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .iter()
        .position(|r| r.eq_ignore_ascii_case(s))
        .map_or(0, |i| i + 1)
}

/// Every declared count beside the rows found for it.
pub fn compare(input: &Input) -> Vec<DeclaredCount> {
    let mut out = Vec::new();
    let total = distinct(input.tasks).len();
    let body: Vec<Declaration> = declarations(input.paragraphs)
        .into_iter()
        .filter(|d| names_rows(input, &d.unit))
        .collect();
    let groups: Vec<&Declaration> = body.iter().filter(|d| d.group.is_some()).collect();
    let tops = top_sections(input.sections);
    for d in &body {
        // "4. UBND các xã (gồm 03 nhiệm vụ):" heads items of the prose
        if d.group.is_none()
            && let Some(path) = prose_heading(input.prose, &d.text)
        {
            out.push(DeclaredCount {
                scope: scope_path(path).unwrap_or_else(|| "document".into()),
                table: None,
                unit: d.unit.clone(),
                counts: Counted::Tasks,
                declared: d.count,
                found: input
                    .prose
                    .iter()
                    .filter(|t| within(&t.section, path))
                    .count(),
                source_text: d.text.clone(),
                page: Some(d.page),
            });
            continue;
        }
        let (scope, table, counts, found) = match &d.group {
            // "gồm 03 nhóm nhiệm vụ": the groups are the top-level sections
            None if d.of_groups() => match tops.first() {
                Some(s) => (
                    "document".to_string(),
                    Some(s.table),
                    Counted::Sections,
                    tops.len(),
                ),
                None => continue,
            },
            None => ("document".to_string(), None, Counted::Tasks, total),
            Some((n, title)) => match matching_section(&tops, groups.len(), *n, title) {
                Some(s) => (
                    label(s),
                    Some(s.table),
                    Counted::Tasks,
                    in_section(input, s),
                ),
                None => continue,
            },
        };
        out.push(DeclaredCount {
            scope,
            table,
            unit: d.unit.clone(),
            counts,
            declared: d.count,
            found,
            source_text: d.text.clone(),
            page: Some(d.page),
        });
    }
    for s in input.sections {
        let Some(me) = s.path.last() else { continue };
        if let Some(c) = IN_TITLE.captures(&me.title) {
            out.push(DeclaredCount {
                scope: label(s),
                table: Some(s.table),
                unit: unit(&c[2]),
                counts: Counted::Tasks,
                declared: c[1].parse().unwrap_or(0),
                found: in_section(input, s),
                source_text: me.title.clone(),
                page: Some(s.page),
            });
        }
    }
    out
}

/// A parent section's declared count against the sum of its subsections'.
pub fn subsection_sums(input: &Input) -> Vec<Finding> {
    let declared = |s: &Section| {
        s.path
            .last()
            .and_then(|me| IN_TITLE.captures(&me.title))
            .and_then(|c| Some((c[1].parse::<usize>().ok()?, unit(&c[2]))))
    };
    let mut out = Vec::new();
    for parent in input.sections {
        let Some((total, noun)) = declared(parent) else {
            continue;
        };
        let children: Vec<&Section> = input
            .sections
            .iter()
            .filter(|c| {
                c.table == parent.table
                    && c.path.len() == parent.path.len() + 1
                    && within(&c.path, &parent.path)
            })
            .collect();
        let counts: Option<Vec<usize>> = children
            .iter()
            .map(|c| declared(c).map(|(n, _)| n))
            .collect();
        let Some(counts) = counts.filter(|c| !c.is_empty()) else {
            continue;
        };
        let sum: usize = counts.iter().sum();
        if sum != total {
            out.push(Finding {
                code: "count_mismatch".into(),
                severity: Severity::Error,
                message: format!(
                    "Mục {} khai báo {total:02} {noun} nhưng các mục con cộng lại {sum:02} {noun}",
                    label(parent)
                ),
                page: Some(parent.page),
                table: Some(parent.table),
                scope: Some(label(parent)),
                declared: Some(total),
                found: Some(sum),
                source_text: parent.path.last().map(|p| p.title.clone()),
                ..Default::default()
            });
        }
    }
    out
}

fn top_sections(sections: &[Section]) -> Vec<&Section> {
    let first_table = sections.first().map(|s| s.table);
    sections
        .iter()
        .filter(|s| s.path.len() == 1 && Some(s.table) == first_table)
        .collect()
}

/// The section a body group speaks of: by its place in the list when the list
/// and the sections are as many, else by the words of its title.
fn matching_section<'a>(
    tops: &[&'a Section],
    groups: usize,
    n: usize,
    title: &str,
) -> Option<&'a Section> {
    if groups == tops.len() && n >= 1 {
        return tops.get(n - 1).copied();
    }
    let words = |s: &str| -> std::collections::HashSet<String> {
        fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 1)
            .map(String::from)
            .collect()
    };
    let want = words(title);
    tops.iter()
        .map(|s| {
            let have = words(&s.path[0].title);
            let common = want.intersection(&have).count() as f32;
            (common / want.union(&have).count().max(1) as f32, *s)
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s)
}

/// A section's scope: its label path ("IV/IV.1").
/// The section path of prose records whose innermost heading holds `text`.
fn prose_heading<'a>(prose: &'a [TaskRecord], text: &str) -> Option<&'a [SectionRef]> {
    prose.iter().find_map(|t| {
        let at = t.section.iter().rposition(|s| s.title.contains(text))?;
        Some(&t.section[..=at])
    })
}

fn label(s: &Section) -> String {
    scope_path(&s.path).unwrap_or_default()
}

fn in_section(input: &Input, s: &Section) -> usize {
    distinct(
        input
            .tasks
            .iter()
            .filter(|t| t.table == Some(s.table) && within(&t.section, &s.path)),
    )
    .len()
}
