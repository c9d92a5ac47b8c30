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

/// The codes of an output's findings, in order.
pub fn finding_codes(x: &Value) -> Vec<&str> {
    x["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect()
}
