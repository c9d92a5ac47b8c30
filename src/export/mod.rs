//! Outputs for people in offices: one row per task, as a spreadsheet reads
//! it (`congvan export`). The rows are made once here; each format only
//! writes them.

pub mod csv;
pub mod xlsx;

use crate::model::{Extraction, Origin, Recurrence, TaskRecord};

/// The file every document's rows are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The task rows, UTF-8 with a byte-order mark.
    Csv,
    /// A workbook: tasks, findings, documents.
    Xlsx,
}

/// The file of `docs` in `format` (`congvan export`, `batch -f csv|xlsx`).
pub fn write(format: Format, docs: &[Extraction]) -> std::io::Result<Vec<u8>> {
    match format {
        Format::Csv => {
            let rows: Vec<Vec<String>> = docs.iter().flat_map(task_rows).collect();
            let mut bytes = Vec::new();
            csv::write(&mut bytes, &rows)?;
            Ok(bytes)
        }
        Format::Xlsx => xlsx::write(docs).map_err(std::io::Error::other),
    }
}

/// The columns of the task rows, in Vietnamese, as an office reads them.
pub const TASK_COLUMNS: [&str; 20] = [
    "Số ký hiệu",
    "Ngày văn bản",
    "Cơ quan ban hành",
    "Tệp",
    "Bảng",
    "Mục",
    "TT",
    "Nhiệm vụ",
    "Mục tiêu",
    "Sản phẩm",
    "Chủ trì",
    "Phối hợp",
    "Thời hạn",
    "Bắt đầu",
    "Kết thúc",
    "Lặp lại",
    "Ghi chú",
    "Nguồn",
    "Trang",
    "Độ tin cậy OCR",
];

/// Columns holding ISO dates (YYYY-MM-DD): a spreadsheet's dates.
pub const DATE_COLUMNS: [usize; 3] = [1, 13, 14];

/// One row per task of a document, its cells in [`TASK_COLUMNS`] order
/// (empty where the document gives nothing).
pub fn task_rows(x: &Extraction) -> Vec<Vec<String>> {
    x.tasks.iter().map(|t| task_row(x, t)).collect()
}

/// A field's text, empty where it is null.
fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn task_row(x: &Extraction, t: &TaskRecord) -> Vec<String> {
    let table = t
        .table
        .and_then(|i| x.tables.get(i))
        .map_or(String::new(), |info| {
            let name = info
                .title
                .as_deref()
                .or(info.caption.as_deref())
                .unwrap_or("");
            format!("{} {}", info.index + 1, name).trim().to_string()
        });
    let deadline = t.deadline_parsed.as_ref();
    let recurrence = deadline.and_then(|d| d.recurrence).map_or("", |r| match r {
        Recurrence::Monthly => "hằng tháng",
        Recurrence::Quarterly => "hằng quý",
        Recurrence::Yearly => "hằng năm",
        Recurrence::Continuous => "thường xuyên",
    });
    let pages: Vec<String> = t.pages.iter().map(usize::to_string).collect();
    vec![
        text(&x.document.number),
        text(&x.document.date),
        text(&x.document.issuer),
        x.source.file.clone(),
        table,
        t.section_path(),
        text(&t.tt),
        text(&t.task),
        text(&t.objective),
        text(&t.product),
        text(&t.lead),
        text(&t.partners),
        text(&t.deadline),
        deadline.and_then(|d| d.start.clone()).unwrap_or_default(),
        deadline.and_then(|d| d.end.clone()).unwrap_or_default(),
        recurrence.to_string(),
        text(&t.note),
        match t.origin {
            Origin::Table => "bảng",
            Origin::Prose => "văn bản",
        }
        .to_string(),
        pages.join(", "),
        t.confidence.map_or(String::new(), |c| format!("{c:.1}")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Deadline, DeadlineKind, SectionRef};

    #[test]
    fn a_task_becomes_one_row_in_column_order() {
        let mut x = Extraction {
            schema_version: crate::model::SCHEMA_VERSION,
            source: crate::model::Source {
                file: "a.pdf".into(),
                sha256: String::new(),
                pages: 2,
                kind: crate::model::SourceKind::Pdf,
                congvan_version: crate::batch::VERSION,
            },
            document: Default::default(),
            tables: Vec::new(),
            tasks: Vec::new(),
            declared_counts: Vec::new(),
            findings: Vec::new(),
        };
        x.document.number = Some("29/KH-SKHCN".into());
        x.tasks.push(TaskRecord {
            tt: Some("1.1".into()),
            task: Some("Rà soát".into()),
            lead: Some("Văn phòng Sở".into()),
            section: vec![SectionRef {
                label: "I".into(),
                title: "NHIỆM VỤ".into(),
            }],
            deadline: Some("Trước ngày 30/6/2026".into()),
            deadline_parsed: Some(Deadline {
                kind: DeadlineKind::Date,
                end: Some("2026-06-30".into()),
                ..Default::default()
            }),
            pages: vec![1, 2],
            ..Default::default()
        });
        let rows = task_rows(&x);
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.len(), TASK_COLUMNS.len());
        let at = |name: &str| &row[TASK_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(at("Số ký hiệu"), "29/KH-SKHCN");
        assert_eq!(at("Mục"), "I NHIỆM VỤ");
        assert_eq!(at("Kết thúc"), "2026-06-30");
        assert_eq!(at("Trang"), "1, 2");
        assert_eq!(at("Nguồn"), "bảng");
    }
}
