//! Task rows as CSV: UTF-8 with a byte-order mark, so that Excel on
//! Windows opens Vietnamese text right.

use std::io::Write;

use super::TASK_COLUMNS;

/// The byte-order mark Excel looks for to read a CSV as UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes the header and `rows` to `out`.
pub fn write(out: impl Write, rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut out = out;
    out.write_all(BOM)?;
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(TASK_COLUMNS)
        .map_err(std::io::Error::other)?;
    for row in rows {
        w.write_record(row).map_err(std::io::Error::other)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_are_quoted_where_they_must_be_and_marked_utf8() {
        let mut out = Vec::new();
        let row: Vec<String> = (0..super::TASK_COLUMNS.len())
            .map(|i| {
                if i == 7 {
                    "Rà soát, \"cập nhật\"\ndòng 2".into()
                } else {
                    String::new()
                }
            })
            .collect();
        super::write(&mut out, &[row]).unwrap();
        assert!(out.starts_with(super::BOM));
        let text = String::from_utf8(out[3..].to_vec()).unwrap();
        assert!(text.starts_with("Số ký hiệu,Ngày văn bản,"), "{text}");
        assert!(
            text.contains("\"Rà soát, \"\"cập nhật\"\"\ndòng 2\""),
            "{text}"
        );
        let mut r = ::csv::Reader::from_reader(text.as_bytes());
        let back: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(&back[0][7], "Rà soát, \"cập nhật\"\ndòng 2");
    }
}
