//! Table layouts beyond the plain ruled grid, each read from its PDF and
//! from `pdftotext -layout` of it through the one table reconstructor:
//! a fully borderless công văn table with "1." TTs, a)/b) items in the
//! task cell and the signature block right under it; ruled tables ending
//! at the page's foot with "Nơi nhận" under them or overleaf; group rows
//! in the TT column ("1 | Nhóm nhiệm vụ … (03 nhiệm vụ)" above 1.1, 1.2),
//! ruled and borderless; two tables on a page; vertically centred cells
//! under a grouped header; a table without TT whose cells of different
//! heights are centred; a signature beside "Nơi nhận"; rules between
//! rows only; Word's "Light List" style (column lines in every second row
//! only); a row cut by the page break under a header repeated with no
//! rule under it (reportlab's split rows); a "Mục tiêu" merged over the
//! tasks it serves, with rules between rows only, its cells at the top or
//! centred; rows parted only by banded shading, cells centred, bullets in
//! the task cells, group rows whose centred label stands between their
//! title's lines; horizontal rules only, centred cells, a row cut by the
//! page break with no header repeated; "Mục tiêu" cells merged in a
//! table shaded in bands (one box over a merged cell, or none), their
//! text at the cell's top. fixtures/layouts/ (LibreOffice
//! PDFs from fixtures/src/layout_fixtures.py, reportlab's from
//! split_row_fixture.py), checked cell by cell.

mod common;

use common::{extract, finding_codes, fixture, norm, score_cells, table_tasks};
use serde_json::Value;

const CASES: [&str; 19] = [
    "borderless-cong-van",
    "ruled-foot-bao-cao",
    "foot-signature-next-page",
    "group-rows-ruled",
    "group-rows-borderless",
    "two-tables",
    "centred-cells",
    "signature-beside",
    "booktabs-product",
    "column-lines",
    "shaded-body",
    "centred-no-tt",
    "list-style",
    "split-row-overleaf",
    "merged-objective",
    "merged-objective-centred",
    "banded-centred",
    "cut-row-rules-only",
    "shaded-merged-objective",
];

fn expected(case: &str) -> Value {
    let path = fixture(&format!("layouts/{case}.expected.json"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Cells read right and all cells, the task rows' count checked; each
/// wrong cell is listed in `wrong`.
fn score(case: &str, input: &str, wrong: &mut Vec<String>) -> (usize, usize) {
    let want = expected(case);
    let got = extract(input);
    // the signer is found beside "Nơi nhận", under a table or overleaf
    assert_eq!(
        norm(got["document"].get("signer")),
        norm(want["document"].get("signer")),
        "{input}: signer"
    );
    score_cells(&want, &got, input, wrong)
}

#[test]
fn every_layout_reads_cell_exact_from_its_pdf() {
    let mut wrong = Vec::new();
    for case in CASES {
        score(case, &format!("layouts/{case}.pdf"), &mut wrong);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// From laid-out text, cell-exact too. Where pdftotext set a cell one
/// space after the cell before, the line is parted again before the unit,
/// date or capital that opens the cell, and its next lines near where it
/// parted; a row laid some characters off its columns is refitted; centred
/// cells whose lines poppler interleaves go to the row whose middle they
/// stand around, and without a TT column a row starts where a task opens
/// with a capital the other columns open with too.
#[test]
fn layout_text_reads_the_same_tables() {
    for case in CASES {
        let mut wrong = Vec::new();
        let (right, all) = score(case, &format!("layouts/{case}-layout.txt"), &mut wrong);
        assert_eq!(right, all, "{case}: {wrong:#?}");
    }
}

/// "1 | Nhóm nhiệm vụ … (03 nhiệm vụ)" rows are sections over 1.1, 1.2 …
/// and their declared counts are checked against the rows under them:
/// group 2 of the ruled case declares 3 and lists 2.
#[test]
fn group_rows_in_the_tt_column_are_sections_with_counts() {
    for input in [
        "layouts/group-rows-ruled.pdf",
        "layouts/group-rows-ruled-layout.txt",
        "layouts/group-rows-borderless.pdf",
    ] {
        let got = extract(input);
        let tasks = table_tasks(&got);
        assert_eq!(tasks[0]["tt"], "1.1", "{input}");
        // (under the body's own headings, where the table sits in the body)
        let path = tasks[0]["section"].as_array().unwrap();
        assert_eq!(path.last().unwrap()["label"], "1", "{input}");
        let mismatches: Vec<(&str, u64, u64)> = got["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "count_mismatch")
            .map(|f| {
                (
                    f["scope"].as_str().unwrap_or(""),
                    f["declared"].as_u64().unwrap_or(0),
                    f["found"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        let want: Vec<(&str, u64, u64)> = match input.contains("ruled") {
            true => vec![("2", 3, 2)],
            false => vec![],
        };
        assert_eq!(mismatches, want, "{input}");
        let codes = finding_codes(&got);
        assert!(!codes.contains(&"section_gap"), "{input}: {codes:?}");
    }
}
