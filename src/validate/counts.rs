//! Declared counts: "Tổng số: 27 nhiệm vụ", "1. Nhiệm vụ ...: 09 nhiệm vụ",
//! "I NHIỆM VỤ ... (07 nhiệm vụ)".

use std::sync::LazyLock;

use regex::Regex;

use super::{Input, distinct, within};
use crate::model::{DeclaredCount, Finding, SectionRef, Severity};
use crate::records::Section;
use crate::text::fold;

/// A count found in the body text.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// `None`: the whole document; `Some((n, title))`: the n-th group of a list.
    pub group: Option<(usize, String)>,
    pub count: usize,
    pub text: String,
    pub page: usize,
}

static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:tổng số|tổng cộng|bao gồm|gồm)\s*:?\s*(\d{1,4})\s+nhiệm vụ|(\d{1,4})\s+nhiệm vụ trọng tâm").unwrap()
});
static GROUP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^\s*(\d{1,2}|[IVX]{1,5})[.)]\s+(.{3,400}?)\s*:\s*(\d{1,4})\s+nhiệm vụ\b")
        .unwrap()
});
static IN_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\(\s*(\d{1,4})\s+nhiệm vụ[^)]*\)").unwrap());

/// The counts declared in body paragraphs.
pub fn declarations(paragraphs: &[(String, usize)]) -> Vec<Declaration> {
    let mut out = Vec::new();
    for (text, page) in paragraphs {
        if let Some(c) = GROUP.captures(text) {
            let n = c[1].parse().unwrap_or_else(|_| roman_value(&c[1]));
            out.push(Declaration {
                group: Some((n, c[2].trim().to_string())),
                count: c[3].parse().unwrap_or(0),
                text: c[0].trim().to_string(),
                page: *page,
            });
            continue;
        }
        if let Some(c) = TOTAL.captures(text) {
            let count = c
                .get(1)
                .or(c.get(2))
                .map_or(0, |m| m.as_str().parse().unwrap_or(0));
            out.push(Declaration {
                group: None,
                count,
                text: c[0].to_string(),
                page: *page,
            });
        }
    }
    out
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
    let body = declarations(input.paragraphs);
    let groups: Vec<&Declaration> = body.iter().filter(|d| d.group.is_some()).collect();
    let tops = top_sections(input.sections);
    for d in &body {
        let (scope, found) = match &d.group {
            None => ("document".to_string(), total),
            Some((n, title)) => match matching_section(&tops, groups.len(), *n, title) {
                Some(s) => (label(s), in_section(input, s)),
                None => continue,
            },
        };
        out.push(DeclaredCount {
            scope,
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
            .and_then(|c| c[1].parse::<usize>().ok())
    };
    let mut out = Vec::new();
    for parent in input.sections {
        let Some(total) = declared(parent) else {
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
        let counts: Option<Vec<usize>> = children.iter().map(|c| declared(c)).collect();
        let Some(counts) = counts.filter(|c| !c.is_empty()) else {
            continue;
        };
        let sum: usize = counts.iter().sum();
        if sum != total {
            out.push(Finding {
                code: "count_mismatch".into(),
                severity: Severity::Error,
                message: format!("Mục {} khai báo {total:02} nhiệm vụ nhưng các mục con cộng lại {sum:02} nhiệm vụ", label(parent)),
                page: Some(parent.page),
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

fn label(s: &Section) -> String {
    s.path.last().map_or(String::new(), |me: &SectionRef| {
        me.label
            .trim_end_matches(['.', ')'])
            .split_whitespace()
            .collect::<String>()
    })
}

fn in_section(input: &Input, s: &Section) -> usize {
    distinct(
        input
            .tasks
            .iter()
            .filter(|t| t.table == s.table && within(&t.section, &s.path)),
    )
    .len()
}
