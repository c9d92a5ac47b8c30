//! Document fields, field by field, nulls included: the heading forms of
//! Nghị định 30/2020 and older variants (fixtures/headings/, LibreOffice
//! PDFs from fixtures/src/heading_fixtures.py and their `pdftotext
//! -layout` text), and hand-written PDFs whose number and date sit in
//! annotation appearances (fixtures/annotations/, from
//! fixtures/src/annotations.py).

mod common;

use common::{extract, fixture, norm};
use serde_json::Value;

const FIELDS: [&str; 10] = [
    "type",
    "number",
    "date",
    "issuer",
    "parent_issuer",
    "place",
    "subject",
    "signer",
    "signer_title",
    "attached_to",
];

const HEADINGS: [&str; 17] = [
    "chinh-phu-nghi-dinh",
    "thu-tuong-chi-thi",
    "vpcp-cong-dien",
    "bo-noi-vu-cong-van",
    "ubnd-hai-dong-thong-bao",
    "ubnd-quyet-dinh",
    "hiep-hoi-huong-dan",
    "so-giay-moi",
    "hiep-hoi-dieu-le",
    "so-to-trinh-spaced-kt",
    "bao-cao-kiem-diem",
    "phu-luc-kem-cong-van",
    "cong-van-quote-kem-theo",
    "ubnd-ke-hoach-old-style",
    "ruled-heading-ke-hoach",
    "ruled-heading-cong-van-minority-signer",
    "thong-bao-signer-y",
];

fn expected(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(path)).unwrap()).unwrap()
}

/// Each field that differs from the expected one: "field: want … got …".
fn wrong_fields(input: &str, want: &Value) -> Vec<String> {
    let got = extract(input);
    FIELDS
        .iter()
        .filter_map(|f| {
            let (w, g) = (want["document"].get(*f), got["document"].get(*f));
            (norm(w) != norm(g)).then(|| format!("{input}: {f}: want {w:?} got {g:?}"))
        })
        .collect()
}

#[test]
fn every_heading_form_from_pdf_and_from_layout_text() {
    let mut wrong = Vec::new();
    for case in HEADINGS {
        let want = expected(&format!("headings/{case}.expected.json"));
        wrong.extend(wrong_fields(&format!("headings/{case}.pdf"), &want));
        wrong.extend(wrong_fields(&format!("headings/{case}-layout.txt"), &want));
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn number_and_date_drawn_in_signature_widgets() {
    for case in ["signed-widget", "signed-widget-entities"] {
        let want = expected(&format!("annotations/{case}.expected.json"));
        let wrong = wrong_fields(&format!("annotations/{case}.pdf"), &want);
        assert!(wrong.is_empty(), "{wrong:#?}");
    }
    // the scaled widget wrote the day, the shifted one the number
    let x = extract("annotations/signed-widget.pdf");
    assert_eq!(x["document"]["number"], "507/UBND-KGVX");
    assert_eq!(x["document"]["date"], "2025-01-24");
}

#[test]
fn hidden_annotations_are_not_read() {
    let want = expected("annotations/hidden-annotation.expected.json");
    let wrong = wrong_fields("annotations/hidden-annotation.pdf", &want);
    assert!(wrong.is_empty(), "{wrong:#?}");
    let x = extract("annotations/hidden-annotation.pdf");
    assert_eq!(x["document"]["number"], "/UBND-KGVX");
    assert_eq!(x["document"]["date"], Value::Null);
}

#[test]
fn a_stamp_over_a_table_breaks_no_cell() {
    let want = expected("annotations/stamp-over-table.expected.json");
    let got = extract("annotations/stamp-over-table.pdf");
    let rows = want["tables"][0]["body"].as_array().unwrap();
    let tasks = common::table_tasks(&got);
    assert_eq!(tasks.len(), rows.len());
    for (row, task) in rows.iter().zip(tasks) {
        for (field, cell) in row.as_object().unwrap() {
            assert_eq!(norm(Some(cell)), norm(task.get(field)), "{field}");
        }
    }
    assert!(wrong_fields("annotations/stamp-over-table.pdf", &want).is_empty());
}

#[test]
fn a_junk_ocr_layer_is_no_text() {
    let path = fixture("annotations/junk-ocr.pdf");
    let no_ocr = congvan::pdf::Limits {
        ocr: None,
        ..Default::default()
    };
    let err = congvan::extract_file(&path, &no_ocr).unwrap_err();
    assert_eq!(err.kind(), "no_text_layer");
    assert!(err.to_string().contains("not Vietnamese"), "{err}");
    // an honest OCR layer over the same picture is read
    let want = expected("annotations/ocr-good.expected.json");
    let wrong = wrong_fields("annotations/ocr-good.pdf", &want);
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Text a clipping path hides is not read: a cell clips its overflow, and
/// a header's hidden second line must not land in the row under it.
#[test]
fn text_a_clip_hides_is_not_read() {
    let content = b"q 50 690 200 30 re W n BT /F1 12 Tf 55 700 Td (Shown) Tj \
                    0 -30 Td (Hidden) Tj ET Q BT /F1 12 Tf 55 600 Td (After) Tj ET";
    let bytes = common::one_page_pdf(content, &[], b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    let pages = congvan::pdf::read(&bytes, &congvan::pdf::Limits::default()).unwrap();
    let text: String = pages[0].glyphs.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(text, "ShownAfter");
}
