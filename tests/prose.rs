//! Prose assignments: fixtures/prose/ documents (LibreOffice PDFs made by
//! fixtures/src/prose_fixtures.py, and their `pdftotext -layout` text)
//! through the whole pipeline, checked record by record against the
//! assignments their expected JSON lists.

mod common;

use common::{extract, fixture, norm, prose_tasks, table_tasks};
use serde_json::Value;

/// The second set (fixtures/src/prose_fixtures_2.py), written without
/// looking at the reader: other provinces, fonts, indents and wordings.
const CASES_2: [&str; 6] = [
    "quyet-dinh",
    "chi-thi",
    "cong-van-don-doc",
    "ket-luan-2-cap",
    "ke-hoach-phan-cong",
    "bao-cao-ket-qua",
];

const CASES: [&str; 9] = [
    "cong-dien",
    "thong-bao-ket-luan",
    "cong-van",
    "ke-hoach-to-chuc",
    "bao-cao-kien-nghi",
    "shared-deadline",
    "to-trinh",
    "giay-moi",
    "gop-y",
];

/// A unit or deadline as the scorer compares it: case and trailing
/// punctuation aside.
fn unit(v: Option<&Value>) -> String {
    norm(v)
        .to_lowercase()
        .trim_end_matches(['.', ',', ';', ':', ' '])
        .to_string()
}

fn expected(dir: &str, case: &str) -> Value {
    let path = fixture(&format!("{dir}/{case}.expected.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Every expected assignment, in order, against the prose records: same
/// number, and tt, task, lead, partners and deadline equal.
fn differences(input: &str, want: &Value) -> Vec<String> {
    let got = extract(input);
    let got = prose_tasks(&got);
    let want = want["assignments"].as_array().unwrap();
    let mut wrong = Vec::new();
    if got.len() != want.len() {
        wrong.push(format!("{} records, {} expected", got.len(), want.len()));
    }
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        if norm(w.get("task")) != norm(g.get("task")) {
            wrong.push(format!(
                "#{i} task:\n  want {}\n  got  {}",
                norm(w.get("task")),
                norm(g.get("task"))
            ));
        }
        for f in ["tt", "lead", "partners", "deadline"] {
            if unit(w.get(f)) != unit(g.get(f)) {
                wrong.push(format!("#{i} {f}: want {:?} got {:?}", w[f], g[f]));
            }
        }
    }
    wrong
}

/// Every case read from the file `<dir>/<case><suffix>`, all differences.
fn check_all(dir: &str, cases: &[&str], suffix: &str) {
    let mut wrong = Vec::new();
    for case in cases {
        let input = format!("{dir}/{case}{suffix}");
        for d in differences(&input, &expected(dir, case)) {
            wrong.push(format!("{input} {d}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn pdf_assignments_record_by_record() {
    check_all("prose", &CASES, ".pdf");
    check_all("prose2", &CASES_2, ".pdf");
}

#[test]
fn layout_text_assignments_record_by_record() {
    check_all("prose", &CASES, "-layout.txt");
    check_all("prose2", &CASES_2, "-layout.txt");
}

#[test]
fn a_plan_gives_its_table_rows_and_its_prose_once_each() {
    let x = extract("prose/ke-hoach-to-chuc.pdf");
    let rows = table_tasks(&x);
    let prose = prose_tasks(&x);
    assert_eq!(rows.len(), 4);
    for p in &prose {
        assert!(p["table"].is_null());
        assert!(
            rows.iter()
                .all(|r| norm(r.get("task")) != norm(p.get("task"))),
            "a table row repeated as prose: {}",
            p["task"]
        );
    }
    // a unit named only in a heading two levels up leads the bullets under it
    let bullet = prose
        .iter()
        .find(|p| norm(p.get("task")).starts_with("Tham mưu UBND tỉnh bố trí kinh phí"))
        .expect("the bullet under 2. Sở Tài chính / a)");
    assert_eq!(bullet["lead"], "Sở Tài chính");
    let path: Vec<&str> = bullet["section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(path, ["IV", "2", "a"]);
}

#[test]
fn prose_deadlines_and_units_are_read() {
    let x = extract("prose/thong-bao-ket-luan.pdf");
    let first = prose_tasks(&x)[0].clone();
    assert_eq!(first["lead_units"], serde_json::json!(["Sở Tài chính"]));
    assert_eq!(
        first["partner_units"],
        serde_json::json!(["Sở Xây dựng", "Sở Nông nghiệp và Môi trường"])
    );
    assert_eq!(first["deadline_parsed"]["kind"], "date");
    assert_eq!(first["deadline_parsed"]["end"], "2026-02-20");
    assert_eq!(first["origin"], "prose");
}

#[test]
fn documents_without_assignments_give_none() {
    for case in ["to-trinh", "giay-moi", "gop-y"] {
        let x = extract(&format!("prose/{case}.pdf"));
        assert!(prose_tasks(&x).is_empty(), "{case}");
        let codes: Vec<&str> = x["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert!(codes.contains(&"no_task_table"), "{case}: {codes:?}");
    }
}

#[test]
fn prose_alone_is_not_no_task_table() {
    let x = extract("prose/cong-dien.pdf");
    assert!(!prose_tasks(&x).is_empty());
    assert!(
        x["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "no_task_table")
    );
}
