//! Documents as one Excel workbook: a sheet of task rows (header frozen
//! and filtered, columns sized, text wrapped, dates as Excel dates), one
//! of findings and one of the documents, through rust_xlsxwriter.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::{DATE_COLUMNS, TASK_COLUMNS, task_rows, text};
use crate::model::{Extraction, Severity};

/// Widest a column is set, in characters; longer text wraps.
const MAX_WIDTH: usize = 60;

/// The workbook of `docs`, as the bytes of an .xlsx file.
pub fn write(docs: &[Extraction]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let tasks: Vec<Vec<String>> = docs.iter().flat_map(task_rows).collect();
    sheet(
        book.add_worksheet(),
        "Nhiệm vụ",
        &TASK_COLUMNS,
        &tasks,
        &DATE_COLUMNS,
    )?;
    let findings: Vec<Vec<String>> = docs.iter().flat_map(finding_rows).collect();
    sheet(
        book.add_worksheet(),
        "Phát hiện",
        &FINDING_COLUMNS,
        &findings,
        &[],
    )?;
    let documents: Vec<Vec<String>> = docs.iter().map(document_row).collect();
    sheet(
        book.add_worksheet(),
        "Văn bản",
        &DOCUMENT_COLUMNS,
        &documents,
        &[1],
    )?;
    book.save_to_buffer()
}

const FINDING_COLUMNS: [&str; 7] = ["Tệp", "Mã", "Mức", "Nội dung", "Trang", "Bảng", "Mục"];

fn finding_rows(x: &Extraction) -> Vec<Vec<String>> {
    let number = |n: Option<usize>| n.map_or(String::new(), |n| n.to_string());
    x.findings
        .iter()
        .map(|f| {
            let level = match f.severity {
                Severity::Error => "lỗi",
                Severity::Warning => "cảnh báo",
                Severity::Info => "thông tin",
            };
            vec![
                x.source.file.clone(),
                f.code.clone(),
                level.to_string(),
                f.message.clone(),
                number(f.page),
                number(f.table.map(|t| t + 1)),
                f.scope.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

const DOCUMENT_COLUMNS: [&str; 9] = [
    "Tệp",
    "Ngày văn bản",
    "Loại",
    "Số ký hiệu",
    "Cơ quan ban hành",
    "Trích yếu",
    "Người ký",
    "Số nhiệm vụ",
    "Số phát hiện",
];

fn document_row(x: &Extraction) -> Vec<String> {
    let d = &x.document;
    vec![
        x.source.file.clone(),
        text(&d.date),
        text(&d.kind),
        text(&d.number),
        text(&d.issuer),
        text(&d.subject),
        text(&d.signer),
        x.tasks.len().to_string(),
        x.findings.len().to_string(),
    ]
}

/// One sheet: a bold header row, frozen and filtered; `rows` under it,
/// wrapped; the `dates` columns' ISO dates as Excel dates; columns as wide
/// as their text, up to [`MAX_WIDTH`].
fn sheet(
    ws: &mut Worksheet,
    name: &str,
    columns: &[&str],
    rows: &[Vec<String>],
    dates: &[usize],
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let header = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count() + 2).collect();
    for (c, name) in columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &header)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            match iso_date(cell).filter(|_| dates.contains(&c)) {
                Some(day) => ws.write_datetime_with_format(r, c as u16, &day, &date)?,
                None => ws.write_string_with_format(r, c as u16, cell, &wrap)?,
            };
            let longest = cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            widths[c] = widths[c].max(longest + 1);
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).min(MAX_WIDTH) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows.len() as u32, columns.len() as u16 - 1)?;
    Ok(())
}

/// An ISO date ("2026-06-30") as an Excel date.
fn iso_date(s: &str) -> Option<ExcelDateTime> {
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if s.len() != 10 {
        return None;
    }
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates_only_become_excel_dates() {
        assert!(super::iso_date("2026-06-30").is_some());
        assert!(super::iso_date("2026-13-01").is_none());
        assert!(super::iso_date("30/6/2026").is_none());
        assert!(super::iso_date("2026-06-30x").is_none());
    }
}
