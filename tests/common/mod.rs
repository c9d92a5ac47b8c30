//! Helpers the end-to-end tests share: fixtures, and the scorer's view of a
//! cell (the normalisation of ../shared/eval/score.py).

#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

pub const FIELDS: [&str; 8] = [
    "tt",
    "objective",
    "task",
    "product",
    "lead",
    "partners",
    "deadline",
    "note",
];

/// The finding codes the scorer checks against the ground truth.
pub const SCORED_FINDINGS: [&str; 4] = [
    "count_mismatch",
    "numbering_gap",
    "section_gap",
    "duplicate_task",
];

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// The scorer's view of a cell: NFC, white space folded, null = "".
pub fn norm(v: Option<&Value>) -> String {
    let s = v.and_then(Value::as_str).unwrap_or("");
    s.nfc()
        .collect::<String>()
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A TT as the scorer compares it: no trailing dot, no spaces.
pub fn norm_tt(v: Option<&Value>) -> String {
    norm(v).trim_end_matches(['.', ' ']).replace(' ', "")
}

/// A fixture through `extract_file`, as JSON.
pub fn extract(name: &str) -> Value {
    let path = fixture(name);
    let out = congvan::extract_file(&path, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(out).unwrap()
}

/// The records read from task tables (prose assignments left out).
pub fn table_tasks(x: &Value) -> Vec<&Value> {
    x["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["origin"] == "table")
        .collect()
}

/// The records read from the body's prose.
pub fn prose_tasks(x: &Value) -> Vec<&Value> {
    x["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["origin"] == "prose")
        .collect()
}

/// The task rows of an expected JSON's tables, group rows left out.
pub fn expected_rows(want: &Value) -> Vec<&Value> {
    want["tables"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["body"].as_array().unwrap())
        .filter(|r| r.get("section").is_none())
        .collect()
}

/// Cells of `got`'s table rows equal to `want`'s, and all of `want`'s
/// cells, the task rows' count checked; each wrong cell is listed in
/// `wrong`, named by `input`.
pub fn score_cells(
    want: &Value,
    got: &Value,
    input: &str,
    wrong: &mut Vec<String>,
) -> (usize, usize) {
    let rows = expected_rows(want);
    let tasks = table_tasks(got);
    assert_eq!(tasks.len(), rows.len(), "{input}: task rows");
    let (mut right, mut all) = (0, 0);
    for (row, task) in rows.iter().zip(&tasks) {
        for f in FIELDS.iter().filter(|f| row.get(**f).is_some()) {
            let (a, b) = match *f {
                "tt" => (norm_tt(row.get(*f)), norm_tt(task.get(*f))),
                _ => (norm(row.get(*f)), norm(task.get(*f))),
            };
            all += 1;
            if a == b {
                right += 1;
            } else {
                wrong.push(format!("{input} {f}: want {a:?}, got {b:?}"));
            }
        }
    }
    (right, all)
}

/// The codes of an output's findings, in order.
pub fn finding_codes(x: &Value) -> Vec<&str> {
    x["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect()
}

/// A one-page PDF around `content` (a content stream) with a Courier font.
pub fn one_page_pdf(content: &[u8], extra_objects: &[&[u8]], pages: &[u8]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        pages.to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat(),
    ];
    objects.extend(extra_objects.iter().map(|o| o.to_vec()));
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
