//! Tables in their context: a schedule of units and times, whose job is
//! the document's purpose, and a task table set in the body under
//! headings, with deadlines that take their year from the column header,
//! recur, or point at another plan. fixtures/context/ (LibreOffice PDFs
//! from fixtures/src/table_context_fixtures.py), checked row by row.

mod common;

use common::{expected_rows, extract, finding_codes, fixture, norm, table_tasks};
use serde_json::Value;

fn expected(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

/// Every task row of the expected tables (section rows left out) against
/// the table records in order: tt, lead, deadline and the parsed deadline.
fn check_rows(want: &Value, got: &Value) {
    let rows = expected_rows(want);
    let tasks = table_tasks(got);
    assert_eq!(rows.len(), tasks.len());
    for (row, task) in rows.iter().zip(&tasks) {
        for field in ["tt", "lead", "deadline"] {
            assert_eq!(
                norm(row.get(field)),
                norm(task.get(field)),
                "{field} of {row}"
            );
        }
        for key in ["kind", "start", "end", "recurrence"] {
            assert_eq!(
                row["deadline_parsed"][key], task["deadline_parsed"][key],
                "deadline_parsed.{key} of {row}"
            );
        }
    }
}

#[test]
fn a_schedule_gives_each_unit_the_plans_purpose_at_its_time() {
    let want = expected("context/schedule.expected.json");
    let got = extract("context/schedule.pdf");
    check_rows(&want, &got);
    let tasks = table_tasks(&got);
    assert!(
        tasks
            .iter()
            .take(8)
            .all(|t| t["task"] == "Kiểm tra công tác cải cách hành chính năm 2026"),
        "{:?}",
        tasks[0]["task"]
    );
    // the report schedule's verb, not the plan's subject
    assert_eq!(tasks[8]["task"], "Báo cáo");
    // group rows are sections, and the rows are no duplicates of each other
    assert_eq!(tasks[0]["section"][0]["label"], "I");
    assert_eq!(tasks[4]["section"][0]["label"], "II");
    let codes = finding_codes(&got);
    assert!(!codes.contains(&"duplicate_task"), "{codes:?}");
}

#[test]
fn a_table_under_body_headings_takes_them_as_its_outer_sections() {
    let want = expected("context/body-headings.expected.json");
    let got = extract("context/body-headings.pdf");
    check_rows(&want, &got);
    let outer: Vec<&str> = want["tables"][0]["outer_sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for task in table_tasks(&got) {
        let labels: Vec<&str> = task["section"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels, outer);
    }
    assert_eq!(got["tables"][0]["caption"], want["tables"][0]["intro"]);
    // "Ngày 23 tháng 1" under "Thời gian thực hiện (Năm 2026)"
    assert_eq!(
        table_tasks(&got)[0]["deadline_parsed"]["year_from"],
        "column_header"
    );
}
