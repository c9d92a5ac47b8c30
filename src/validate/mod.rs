//! Validation stage: the counts a document declares against the rows its
//! tables hold, and the findings an official checks before entering a plan
//! into a tracker (kiểm tra số lượng, số thứ tự, trùng lặp).

mod counts;

pub use counts::{counts_in_title, declares_total};

use std::collections::HashMap;

use crate::model::{Counted, DeclaredCount, Finding, SectionRef, Severity, TableInfo, TaskRecord};
use crate::records::{Section, SectionKind};
use crate::text::fold;

pub use counts::{Declaration, declarations};

/// Everything the validator looks at.
pub struct Input<'a> {
    pub tables: &'a [TableInfo],
    pub tasks: &'a [TaskRecord],
    pub sections: &'a [Section],
    /// Body paragraphs outside the tables, with their page.
    pub paragraphs: &'a [(String, usize)],
    /// Assignments read from the body's prose (after `tasks` in the output).
    pub prose: &'a [TaskRecord],
}

/// The declared counts with what was found, and all findings.
pub fn validate(input: &Input) -> (Vec<DeclaredCount>, Vec<Finding>) {
    let counts = counts::compare(input);
    let mut findings: Vec<Finding> = counts
        .iter()
        .filter(|c| c.declared != c.found)
        .map(count_mismatch)
        .collect();
    findings.extend(counts::subsection_sums(input));
    for table in input.tables {
        let tasks: Vec<(usize, &TaskRecord)> = input
            .tasks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.table == Some(table.index))
            .collect();
        let sections: Vec<&Section> = input
            .sections
            .iter()
            .filter(|s| s.table == table.index)
            .collect();
        findings.extend(numbering(table, &tasks, &sections));
        findings.extend(duplicate_tasks(table, &tasks));
        findings.extend(section_gaps(table, &sections, &tasks));
        findings.extend(missing_fields(table, &tasks));
    }
    if input.tables.is_empty() && input.prose.is_empty() {
        findings.push(Finding {
            code: "no_task_table".into(),
            severity: Severity::Info,
            message: "Không tìm thấy bảng nhiệm vụ trong văn bản".into(),
            scope: Some("document".into()),
            ..Default::default()
        });
    }
    (counts, findings)
}

fn count_mismatch(c: &DeclaredCount) -> Finding {
    let scope = if c.scope == "document" {
        "Văn bản".to_string()
    } else {
        format!("Mục {}", c.scope)
    };
    let found = match c.counts {
        Counted::Tasks => format!("{:02} {}", c.found, c.unit),
        Counted::Sections => format!("{:02} mục lớn", c.found),
    };
    Finding {
        code: "count_mismatch".into(),
        severity: Severity::Error,
        message: format!(
            "{scope} khai báo {:02} {} nhưng bảng có {found}",
            c.declared, c.unit
        ),
        page: c.page,
        table: c.table,
        scope: Some(c.scope.clone()),
        declared: Some(c.declared),
        found: Some(c.found),
        source_text: Some(c.source_text.clone()),
        ..Default::default()
    }
}

/// Tasks counted once each: the sub-rows of a TT merged over several rows
/// (same TT, same task, one after the other) are one task.
pub fn distinct<'a>(tasks: impl IntoIterator<Item = &'a TaskRecord>) -> Vec<&'a TaskRecord> {
    distinct_rows(tasks.into_iter().enumerate())
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

/// [`distinct`] over rows with their index into `tasks`; a task keeps the
/// index of its first row.
fn distinct_rows<'a>(
    rows: impl IntoIterator<Item = (usize, &'a TaskRecord)>,
) -> Vec<(usize, &'a TaskRecord)> {
    let mut out: Vec<(usize, &TaskRecord)> = Vec::new();
    for (i, t) in rows {
        let same = out.last().is_some_and(|(_, p)| {
            p.table == t.table && !tt(p).is_empty() && tt(p) == tt(t) && p.task == t.task
        });
        if !same {
            out.push((i, t));
        }
    }
    out
}

/// A section label as the scope path writes it: "IV. 1" → "IV.1", "I." → "I".
fn label_key(label: &str) -> String {
    label
        .trim_end_matches(['.', ')'])
        .split_whitespace()
        .collect()
}

/// The scope of a section path: its labels joined with "/"; `None` for the
/// top level of a table.
pub(crate) fn scope_path(path: &[SectionRef]) -> Option<String> {
    let labels: Vec<String> = path.iter().map(|s| label_key(&s.label)).collect();
    (!labels.is_empty()).then(|| labels.join("/"))
}

/// The innermost section holding both paths.
fn common<'a>(a: &'a [SectionRef], b: &[SectionRef]) -> &'a [SectionRef] {
    let n = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    &a[..n]
}

/// The place a message names: "Mục B", else the table's title or "bảng 2".
fn place(table: &TableInfo, path: &[SectionRef]) -> String {
    match scope_path(path) {
        Some(p) => format!("Mục {p}"),
        None => table
            .title
            .clone()
            .unwrap_or_else(|| format!("Bảng {}", table.index + 1)),
    }
}

fn tt(t: &TaskRecord) -> String {
    t.tt.as_deref()
        .unwrap_or("")
        .trim()
        .trim_end_matches(['.', ')'])
        .replace(' ', "")
}

/// Where a row's number belongs: its outermost section, else its table.
fn run_of(t: &TaskRecord) -> String {
    t.section
        .first()
        .map(|s| label_key(&s.label))
        .unwrap_or_default()
}

/// Numbering runs: "1, 2, 3" or "1.1, 1.2" under their parent. A run that
/// starts again at 1 (part B, a new appendix) is a restart, not a gap.
fn numbering(
    table: &TableInfo,
    tasks: &[(usize, &TaskRecord)],
    sections: &[&Section],
) -> Vec<Finding> {
    let mut out = Vec::new();
    // last number seen per parent ("" for top level, "1" for 1.x, ...),
    // with its label and row
    let mut last: HashMap<String, (u32, String, usize)> = HashMap::new();
    let mut prev_tt = String::new();
    for (i, t) in distinct_rows(tasks.iter().copied()) {
        let label = tt(t);
        let Some((parent, n)) = split_number(&label) else {
            continue;
        };
        if label == prev_tt {
            continue;
        }
        prev_tt = label.clone();
        let run = run_of(t);
        let key = format!("{run}\u{1}{parent}");
        if n == 1 && parent.is_empty() {
            // a restart: forget the sub-numbering of the previous run too
            last.retain(|k, _| !k.starts_with(&format!("{run}\u{1}")));
        }
        if let Some((m, prev_label, p)) = last.get(&key) {
            let (m, p) = (*m, *p);
            let here = common(&tasks_at(tasks, p).section, &t.section);
            let finding = |code: &str, message: String| Finding {
                code: code.into(),
                severity: Severity::Warning,
                message,
                page: t.pages.first().copied(),
                table: Some(table.index),
                scope: scope_path(here),
                after: Some(prev_label.clone()),
                next: Some(label.clone()),
                tasks: vec![p, i],
                tts: vec![prev_label.clone(), label.clone()],
                ..Default::default()
            };
            // "2." then "4." with a group row "3." between them: one list
            let grouped = |k: u32| {
                sections.iter().any(|s| {
                    s.path.len() == t.section.len() + 1
                        && s.path[..t.section.len()] == t.section[..]
                        && section_number(&s.path[t.section.len()].label)
                            .is_some_and(|(kind, v)| kind == SectionKind::Arabic && v == k)
                })
            };
            if n > m + 1 && !(m + 1..n).all(grouped) {
                out.push(finding(
                    "numbering_gap",
                    format!(
                        "{}: số thứ tự nhảy từ {prev_label} lên {label} (thiếu {} số)",
                        place(table, here),
                        n - m - 1
                    ),
                ));
            } else if n <= m && n != 1 {
                out.push(finding(
                    "duplicate_number",
                    format!(
                        "{}: số thứ tự {label} lặp lại (sau {prev_label})",
                        place(table, here)
                    ),
                ));
            }
        }
        last.insert(key, (n, label, i));
    }
    out
}

/// The row at index `i` of `tasks` among a table's rows.
fn tasks_at<'a>(rows: &[(usize, &'a TaskRecord)], i: usize) -> &'a TaskRecord {
    rows.iter()
        .find(|(j, _)| *j == i)
        .map(|(_, t)| *t)
        .expect("a row of this table")
}

/// "12" → ("", 12); "2.3" → ("2", 3). Anything else is no number.
fn split_number(label: &str) -> Option<(String, u32)> {
    let (parent, last) = label.rsplit_once('.').unwrap_or(("", label));
    let n: u32 = last.parse().ok()?;
    (parent.is_empty() || parent.split('.').all(|p| p.parse::<u32>().is_ok()))
        .then(|| (parent.to_string(), n))
}

/// Two rows of one table with the same task text. A schedule's rows share
/// its purpose as their task by design, each for its own unit.
fn duplicate_tasks(table: &TableInfo, tasks: &[(usize, &TaskRecord)]) -> Vec<Finding> {
    let mut seen: HashMap<String, (usize, &TaskRecord)> = HashMap::new();
    let mut out = Vec::new();
    if crate::records::schedule::is_schedule(table) {
        return out;
    }
    for (i, t) in distinct_rows(tasks.iter().copied()) {
        let key = task_key(t.task.as_deref().unwrap_or(""));
        if key.len() < 12 {
            continue;
        }
        match seen.get(&key) {
            Some(&(j, first)) => {
                let here = common(&first.section, &t.section);
                let who = |r: &TaskRecord| {
                    let at = place(table, &r.section);
                    match tt(r) {
                        n if n.is_empty() => format!("không số ({at})"),
                        n => format!("số {n} ({at})"),
                    }
                };
                out.push(Finding {
                    code: "duplicate_task".into(),
                    severity: Severity::Warning,
                    message: format!("Nhiệm vụ {} và {} trùng nội dung", who(first), who(t)),
                    page: t.pages.first().copied(),
                    table: Some(table.index),
                    scope: scope_path(here),
                    tasks: vec![j, i],
                    tts: vec![tt(first), tt(t)],
                    ..Default::default()
                });
            }
            None => {
                seen.insert(key, (i, t));
            }
        }
    }
    out
}

fn task_key(task: &str) -> String {
    fold(task).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Sibling section labels that skip ("III" then "V"). Numbers the
/// table's rows at that level take between them are no gap (group rows
/// "1." and "3." around a task "2.").
fn section_gaps(
    table: &TableInfo,
    sections: &[&Section],
    tasks: &[(usize, &TaskRecord)],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut last: HashMap<(Vec<String>, u8), (u32, String)> = HashMap::new();
    for s in sections {
        let Some(me) = s.path.last() else { continue };
        let Some((kind, n)) = section_number(&me.label) else {
            continue;
        };
        let parent: Vec<String> = s.path[..s.path.len() - 1]
            .iter()
            .map(|p| p.label.clone())
            .collect();
        let key = (parent.clone(), kind as u8);
        let label = me.label.trim_end_matches(['.', ')']).to_string();
        let here = &s.path[..s.path.len() - 1];
        let a_row = |k: u32| {
            tasks.iter().any(|(_, t)| {
                t.section[..] == *here
                    && split_number(&tt(t)).is_some_and(|(p, v)| p.is_empty() && v == k)
            })
        };
        if let Some((m, prev)) = last.get(&key)
            && n > m + 1
            && !(kind == SectionKind::Arabic && (m + 1..n).all(a_row))
        {
            out.push(Finding {
                code: "section_gap".into(),
                severity: Severity::Warning,
                message: format!("{}: số mục nhảy từ {prev} sang {label}", place(table, here)),
                page: Some(s.page),
                table: Some(table.index),
                scope: scope_path(here),
                after: Some(prev.clone()),
                next: Some(label.clone()),
                ..Default::default()
            });
        }
        last.insert(key, (n, label));
    }
    out
}

/// The kind and value of a section label: "IV" → Roman 4, "C" → Letter 3,
/// "2" → Arabic 2, "IV. 2" → Arabic 2.
fn section_number(label: &str) -> Option<(SectionKind, u32)> {
    let kind = SectionKind::of(label)?;
    let core: String = label
        .trim_end_matches(['.', ')'])
        .split_whitespace()
        .collect();
    let last = core.rsplit('.').next().unwrap_or(&core);
    let n = match kind {
        SectionKind::Roman => roman(last)?,
        SectionKind::Letter => last.chars().next()? as u32 - 'A' as u32 + 1,
        SectionKind::Arabic => last.parse().ok()?,
    };
    Some((kind, n))
}

fn roman(s: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let vals: Vec<u32> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0)
}

/// A task with no task text, or (where the table has the column) no lead unit.
fn missing_fields(table: &TableInfo, tasks: &[(usize, &TaskRecord)]) -> Vec<Finding> {
    let has_lead = table
        .columns
        .iter()
        .any(|c| c.role == crate::table::Role::Lead);
    let mut out = Vec::new();
    for (i, t) in distinct_rows(tasks.iter().copied()) {
        let empty = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        let mut missing = Vec::new();
        if empty(&t.task) {
            missing.push(("task", "nội dung nhiệm vụ"));
        }
        if has_lead && empty(&t.lead) {
            missing.push(("lead", "đơn vị chủ trì"));
        }
        for (field, what) in missing {
            let who = if tt(t).is_empty() {
                "Một nhiệm vụ".to_string()
            } else {
                format!("Nhiệm vụ số {}", tt(t))
            };
            out.push(Finding {
                code: "missing_field".into(),
                severity: Severity::Warning,
                message: format!("{who} ({}) thiếu {what}", place(table, &t.section)),
                page: t.pages.first().copied(),
                table: Some(table.index),
                scope: scope_path(&t.section),
                tasks: vec![i],
                tts: vec![tt(t)],
                field: Some(field.into()),
                ..Default::default()
            });
        }
    }
    out
}

/// Is `path` inside the section whose path is `section`?
pub fn within(path: &[SectionRef], section: &[SectionRef]) -> bool {
    path.len() >= section.len() && path[..section.len()] == *section
}

#[cfg(test)]
mod tests;
