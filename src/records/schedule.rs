//! Schedules: tables that give units their times ("STT | Đơn vị được kiểm
//! tra | Thời gian kiểm tra", "Đơn vị | Thời gian báo cáo"). Each row is a
//! task led by its unit; the job is the table's purpose, which the table
//! itself does not write out.

use crate::model::{TableInfo, TaskRecord};
use crate::table::Role;
use crate::text::fold;

/// Gives each schedule row its job: the document's subject where it starts
/// with the schedule's verb ("Kiểm tra công tác cải cách hành chính năm
/// 2026 …" over "Đơn vị được kiểm tra"), else the verb itself ("Kiểm tra").
pub fn fill_purposes(tasks: &mut [TaskRecord], tables: &[TableInfo], subject: Option<&str>) {
    for table in tables.iter().filter(|t| is_schedule(t)) {
        let Some(purpose) = purpose(table, subject) else {
            continue;
        };
        for t in tasks
            .iter_mut()
            .filter(|t| t.table == Some(table.index) && t.task.is_none())
        {
            t.task = Some(purpose.clone());
        }
    }
}

/// A task table without a task column: units and times.
pub fn is_schedule(t: &TableInfo) -> bool {
    !t.columns.iter().any(|c| c.role == Role::Task)
}

/// What is done to or by the units: the words after "được" in the unit
/// header, or after "Thời gian" in the time header.
fn verb(table: &TableInfo) -> Option<String> {
    let header = |role: Role| {
        table
            .columns
            .iter()
            .find(|c| c.role == role)
            .map(|c| c.header.as_str())
    };
    // the printed words after the words `lead` ("được", "thời gian")
    let after = |h: &str, lead: &[&str]| {
        let words: Vec<&str> = h.split_whitespace().collect();
        let at = (0..words.len()).find(|&i| {
            lead.iter()
                .enumerate()
                .all(|(k, w)| words.get(i + k).is_some_and(|x| fold(x) == *w))
        })?;
        let rest = words[at + lead.len()..].join(" ");
        let rest = rest.trim_end_matches([':', '.']).to_string();
        (!rest.is_empty()).then_some(rest)
    };
    header(Role::Lead)
        .and_then(|h| after(h, &["duoc"]))
        .or_else(|| header(Role::Deadline).and_then(|h| after(h, &["thoi", "gian"])))
}

fn purpose(table: &TableInfo, subject: Option<&str>) -> Option<String> {
    let verb = verb(table)?;
    if let Some(s) = subject.filter(|s| fold(s).starts_with(&fold(&verb))) {
        return Some(s.to_string());
    }
    let mut chars = verb.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    fn schedule(unit: &str, time: &str) -> TableInfo {
        let col = |header: &str, role| Column {
            header: header.into(),
            role,
        };
        TableInfo {
            index: 0,
            title: None,
            caption: None,
            pages: vec![1],
            columns: vec![
                col("STT", Role::Tt),
                col(unit, Role::Lead),
                col(time, Role::Deadline),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn the_purpose_comes_from_the_subject_or_the_headers_verb() {
        let t = schedule("Đơn vị được kiểm tra", "Thời gian kiểm tra");
        let subject = "Kiểm tra công tác cải cách hành chính năm 2026 trên địa bàn tỉnh";
        assert_eq!(purpose(&t, Some(subject)).as_deref(), Some(subject));
        assert_eq!(
            purpose(&t, Some("Tuyên truyền CCHC")).as_deref(),
            Some("Kiểm tra")
        );
        let t = schedule("Đơn vị", "Thời gian báo cáo");
        assert_eq!(purpose(&t, None).as_deref(), Some("Báo cáo"));
        let t = schedule("Đơn vị", "Thời gian");
        assert_eq!(purpose(&t, None), None);
    }
}
