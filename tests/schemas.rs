//! The schemas other systems read: every property described, and real output
//! (documents, `_summary.json`, each line of `congvan.ndjson`) valid against
//! them. Findings point at rows and tables that exist.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{extract, fixture, norm_tt};
use serde_json::Value;

fn schema_file(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&schema_file(name)).expect("the schema compiles")
}

/// The errors of `v` against `schema`, readable.
fn errors(schema: &jsonschema::Validator, v: &Value) -> Vec<String> {
    schema
        .iter_errors(v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// Every property declared anywhere in `node` (but in the conditions of an
/// `if`, which name properties rather than declare them) without a
/// non-empty description, as JSON pointers.
fn undescribed(node: &Value, at: &str, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                for (name, p) in props {
                    let described = p
                        .get("description")
                        .and_then(Value::as_str)
                        .is_some_and(|d| !d.trim().is_empty());
                    if !described {
                        out.push(format!("{at}/properties/{name}"));
                    }
                }
            }
            for (k, v) in map {
                if k != "if" {
                    undescribed(v, &format!("{at}/{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                undescribed(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_property_has_a_description() {
    for name in ["congvan.schema.json", "summary.schema.json"] {
        let mut missing = Vec::new();
        undescribed(&schema_file(name), "", &mut missing);
        assert!(missing.is_empty(), "{name}: no description: {missing:#?}");
    }
    // the walk does see a property without one
    let mut missing = Vec::new();
    let bare = serde_json::json!({"properties": {"a": {"type": "string"}}});
    undescribed(&bare, "", &mut missing);
    assert_eq!(missing, ["/properties/a"]);
}

#[test]
fn the_library_serves_the_schema_file() {
    let served: Value = serde_json::from_str(congvan::SCHEMA).unwrap();
    assert_eq!(served, schema_file("congvan.schema.json"));
}

/// The fixtures with content: PDFs and the text another tool took out.
fn documents() -> Vec<String> {
    let mut out: Vec<String> = ["000", "001", "003", "004"]
        .iter()
        .flat_map(|s| [format!("seeds/seed-{s}.pdf"), format!("seeds/seed-{s}.txt")])
        .collect();
    for name in [
        "grouped-header.pdf",
        "column-order.pdf",
        "borderless.pdf",
        "handmade-rects.pdf",
        "legacy-tcvn3.pdf",
        "legacy-vni.pdf",
        "rotated.pdf",
    ] {
        out.push(name.into());
    }
    let text = fixture("text");
    let mut texts: Vec<String> = std::fs::read_dir(&text)
        .unwrap()
        .flatten()
        .map(|e| format!("text/{}", e.file_name().to_string_lossy()))
        .collect();
    texts.sort();
    out.extend(texts);
    out
}

/// What the contract promises beyond the schema: `table` and `tasks` point
/// at tables and rows that exist, `tts` names the rows of `tasks`, and the
/// rows of a finding lie in its table and within its scope.
fn check_references(name: &str, x: &Value) {
    let tables: Vec<u64> = x["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["index"].as_u64().unwrap())
        .collect();
    let tasks = x["tasks"].as_array().unwrap();
    let scope_of = |t: &Value| -> Vec<String> {
        t["section"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                s["label"]
                    .as_str()
                    .unwrap()
                    .trim_end_matches(['.', ')'])
                    .split_whitespace()
                    .collect()
            })
            .collect()
    };
    for f in x["findings"].as_array().unwrap() {
        let table = f.get("table").and_then(Value::as_u64);
        if let Some(t) = table {
            assert!(tables.contains(&t), "{name}: {f}: no table {t}");
        }
        let rows: Vec<usize> = f
            .get("tasks")
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_u64().unwrap() as usize)
                    .collect()
            })
            .unwrap_or_default();
        if rows.is_empty() {
            continue;
        }
        let tts = f["tts"].as_array().unwrap();
        assert_eq!(tts.len(), rows.len(), "{name}: {f}: one TT per row");
        assert!(rows.windows(2).all(|w| w[0] < w[1]), "{name}: {f}: order");
        for (&i, tt) in rows.iter().zip(tts) {
            let row = tasks
                .get(i)
                .unwrap_or_else(|| panic!("{name}: {f}: no task {i}"));
            assert_eq!(row["table"].as_u64(), table, "{name}: {f}: row {i}");
            assert_eq!(
                norm_tt(Some(&row["tt"])),
                norm_tt(Some(tt)),
                "{name}: {f}: row {i}"
            );
            let path = scope_of(row).join("/");
            if let Some(s) = f.get("scope").and_then(Value::as_str) {
                assert!(
                    path == s || path.starts_with(&format!("{s}/")),
                    "{name}: {f}: row {i} is in {path:?}"
                );
            }
        }
    }
    for c in x["declared_counts"].as_array().unwrap() {
        if let Some(t) = c["table"].as_u64() {
            assert!(tables.contains(&t), "{name}: {c}: no table {t}");
        }
    }
}

#[test]
fn every_fixture_output_meets_the_schema_and_points_at_what_exists() {
    let schema = validator("congvan.schema.json");
    for name in documents() {
        let x = extract(&name);
        let errors = errors(&schema, &x);
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        check_references(&name, &x);
    }
}

#[test]
fn seed_findings_point_at_their_rows() {
    for name in ["seeds/seed-004.pdf", "seeds/seed-004.txt"] {
        let x = extract(name);
        let find = |code: &str| {
            x["findings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["code"] == code)
                .unwrap_or_else(|| panic!("{name}: no {code}"))
                .clone()
        };
        let gap = find("numbering_gap");
        assert_eq!(gap["scope"], "B", "{name}");
        assert_eq!(gap["tts"], serde_json::json!(["21", "25"]), "{name}");
        let dup = find("duplicate_task");
        assert_eq!(dup["tts"], serde_json::json!(["25", "38"]), "{name}");
        let [a, b] = [0, 1].map(|k| &x["tasks"][dup["tasks"][k].as_u64().unwrap() as usize]);
        assert_eq!(norm_tt(Some(&a["tt"])), "25");
        assert_eq!(norm_tt(Some(&b["tt"])), "38");
        assert_eq!(a["task"], b["task"], "{name}: the same task twice");
    }
    let x = extract("seeds/seed-003.pdf");
    let gap = &x["findings"][0];
    assert_eq!(gap["code"], "section_gap");
    let table = &x["tables"][gap["table"].as_u64().unwrap() as usize];
    assert_eq!(table["title"], "Phụ lục II");
    assert!(gap.get("scope").is_none(), "the table's top level: {gap}");
    let x = extract("seeds/seed-001.pdf");
    let f = &x["findings"][0];
    assert_eq!(
        (f["code"].as_str(), f["scope"].as_str()),
        (Some("count_mismatch"), Some("I"))
    );
    assert_eq!(f["table"], 0);
}

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("congvan-schemas-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn batch(input: &Path, out: &Path, extra: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_congvan"))
        .arg("batch")
        .arg("-o")
        .arg(out)
        .arg("-q")
        .args(extra)
        .arg(input)
        .output()
        .unwrap();
    assert!(
        status.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn summary(out: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("_summary.json")).unwrap()).unwrap()
}

#[test]
fn batch_summary_and_ndjson_lines_meet_their_schemas() {
    let (input, out) = (tmp_dir("in"), tmp_dir("out"));
    std::fs::create_dir_all(&input).unwrap();
    for (from, to) in [
        ("seeds/seed-001.pdf", "a.pdf"),
        ("seeds/seed-004.txt", "b.txt"),
        ("not-a-pdf.pdf", "c.pdf"),
    ] {
        std::fs::copy(fixture(from), input.join(to)).unwrap();
    }
    let summary_schema = validator("summary.schema.json");
    let document = validator("congvan.schema.json");
    batch(&input, &out, &[]);
    let first = summary(&out);
    assert!(
        errors(&summary_schema, &first).is_empty(),
        "{:#?}",
        errors(&summary_schema, &first)
    );
    let statuses: Vec<&str> = first["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert!(
        statuses.contains(&"ok") && statuses.contains(&"failed"),
        "{first}"
    );
    // a re-run skips what is done: skipped entries meet it too
    batch(&input, &out, &[]);
    let again = summary(&out);
    assert!(
        errors(&summary_schema, &again).is_empty(),
        "{:#?}",
        errors(&summary_schema, &again)
    );
    assert!(again["skipped"].as_u64().unwrap() >= 2, "{again}");
    // with review pages: each document read names its page
    batch(&input, &out, &["--review"]);
    let reviewed = summary(&out);
    assert!(
        errors(&summary_schema, &reviewed).is_empty(),
        "{:#?}",
        errors(&summary_schema, &reviewed)
    );
    for e in reviewed["entries"].as_array().unwrap() {
        let page = e["review"].as_str();
        match e["status"].as_str() {
            Some("ok") => assert!(page.is_some_and(|p| Path::new(p).is_file()), "{e}"),
            _ => assert!(page.is_none(), "{e}"),
        }
    }
    // ndjson: each line one document of congvan.schema.json
    let out = tmp_dir("ndjson");
    batch(&input, &out, &["--format", "ndjson"]);
    let lines = std::fs::read_to_string(out.join("congvan.ndjson")).unwrap();
    assert_eq!(lines.lines().count(), 2, "one line per document read");
    for line in lines.lines() {
        let x: Value = serde_json::from_str(line).unwrap();
        let errors = errors(&document, &x);
        assert!(errors.is_empty(), "{errors:#?}");
        check_references("ndjson line", &x);
    }
    let s = summary(&out);
    assert!(errors(&summary_schema, &s).is_empty(), "{s}");
}

/// An output reads back into the library's types unchanged (what a batch's
/// workbook is made from); an output of another version does not.
#[test]
fn outputs_read_back_as_they_were_written() {
    for name in [
        "seeds/seed-000.pdf",
        "seeds/seed-003.txt",
        "prose/cong-van.pdf",
        "grouped-header.pdf",
    ] {
        let x = congvan::extract_file(&fixture(name), &Default::default()).unwrap();
        let json = serde_json::to_value(&x).unwrap();
        let back: congvan::model::Extraction = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), json, "{name}");
        let mut other = json;
        other["source"]["congvan_version"] = "0.0.1".into();
        let refused = serde_json::from_value::<congvan::model::Extraction>(other);
        assert!(refused.is_err(), "{name}: another version's output read");
    }
}

/// The ndjson contract through the library: documents serialised one per
/// line, as `congvan batch --format ndjson` writes them, each meet it.
#[test]
fn documents_serialised_one_per_line_meet_the_schema() {
    let schema = validator("congvan.schema.json");
    let mut ndjson = String::new();
    for name in ["seeds/seed-003.pdf", "grouped-header.pdf"] {
        let x = congvan::extract_file(&fixture(name), &Default::default()).unwrap();
        ndjson.push_str(&serde_json::to_string(&x).unwrap());
        ndjson.push('\n');
    }
    for line in ndjson.lines() {
        let x: Value = serde_json::from_str(line).unwrap();
        assert!(errors(&schema, &x).is_empty(), "{:#?}", errors(&schema, &x));
    }
}
