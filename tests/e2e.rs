//! End-to-end: fixtures/ PDFs through the whole pipeline, checked cell by cell
//! against their expected JSON (the ground-truth format of the seed corpus),
//! and every output checked against the JSON Schema.

mod common;

use common::{FIELDS, SCORED_FINDINGS, extract, fixture, norm, norm_tt, table_tasks};
use serde_json::Value;

/// The table task with this TT (the last one when several share it).
fn task<'a>(x: &'a Value, tt: &str) -> &'a Value {
    table_tasks(x)
        .into_iter()
        .rfind(|t| t["tt"] == tt)
        .unwrap_or_else(|| panic!("task {tt}"))
}

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(congvan::SCHEMA).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// Every task row of the expected JSON, in order, against the output's tasks
/// in order: same number of rows, every cell of every role column equal, and
/// columns the table lacks null.
fn check_against_expected(pdf: &str, expected: &str) {
    let got = extract(pdf);
    let errors: Vec<String> = schema()
        .iter_errors(&got)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{pdf}: output breaks the schema: {errors:#?}"
    );
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(expected)).unwrap()).unwrap();
    let want_tables = want["tables"].as_array().unwrap();
    let mut want_rows = Vec::new();
    for (t, table) in want_tables.iter().enumerate() {
        let roles: Vec<&str> = table["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        for row in table["body"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r.get("section").is_none())
        {
            want_rows.push((t, roles.clone(), row));
        }
    }
    let tasks = table_tasks(&got);
    assert_eq!(tasks.len(), want_rows.len(), "{pdf}: number of task rows");
    let mut wrong = Vec::new();
    for (i, ((_, roles, want), got)) in want_rows.iter().zip(tasks).enumerate() {
        for f in FIELDS {
            if roles.contains(&f) {
                let (a, b) = if f == "tt" {
                    (norm_tt(want.get(f)), norm_tt(got.get(f)))
                } else {
                    (norm(want.get(f)), norm(got.get(f)))
                };
                if a != b {
                    wrong.push(format!(
                        "row {i} ({}) {f}:\n  want {a:?}\n  got  {b:?}",
                        norm(want.get("tt"))
                    ));
                }
            } else if !got[f].is_null() {
                wrong.push(format!(
                    "row {i} {f}: the table has no such column, got {}",
                    got[f]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{pdf}: {} wrong cells:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    let got_tables = got["tables"].as_array().unwrap();
    assert_eq!(
        got_tables.len(),
        want_tables.len(),
        "{pdf}: number of tables"
    );
    for (g, w) in got_tables.iter().zip(want_tables) {
        let got_roles: Vec<&Value> = g["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| &c["role"])
            .collect();
        let want_roles: Vec<&Value> = w["roles"].as_array().unwrap().iter().collect();
        assert_eq!(got_roles, want_roles, "{pdf}: column roles");
    }
}

#[test]
fn seed_000_sub_numbering_and_empty_units() {
    check_against_expected("seeds/seed-000.pdf", "seeds/seed-000.expected.json");
}

#[test]
fn seed_001_merged_objective_over_pages() {
    check_against_expected("seeds/seed-001.pdf", "seeds/seed-001.expected.json");
}

#[test]
fn seed_003_four_appendices_rows_without_tt() {
    check_against_expected("seeds/seed-003.pdf", "seeds/seed-003.expected.json");
}

#[test]
fn seed_004_narrow_columns_cut_words() {
    check_against_expected("seeds/seed-004.pdf", "seeds/seed-004.expected.json");
}

#[test]
fn grouped_two_row_header_and_merged_units() {
    check_against_expected("grouped-header.pdf", "grouped-header.expected.json");
}

#[test]
fn columns_in_another_order_header_not_repeated() {
    check_against_expected("column-order.pdf", "column-order.expected.json");
}

#[test]
fn borderless_table_with_a_rule_under_the_header_over_two_pages() {
    check_against_expected("borderless.pdf", "borderless.expected.json");
}

#[test]
fn borders_as_filled_rectangles_under_scaling_ctm() {
    check_against_expected("handmade-rects.pdf", "handmade-rects.expected.json");
}

#[test]
fn rotated_page_reads_as_shown() {
    check_against_expected("rotated.pdf", "handmade-rects.expected.json");
}

#[test]
fn junk_before_the_header_is_skipped() {
    check_against_expected("junk-prefix.pdf", "handmade-rects.expected.json");
}

#[test]
fn merged_cell_text_goes_to_every_row_and_column_it_spans() {
    let got = extract("grouped-header.pdf");
    let t7 = task(&got, "7");
    assert_eq!(t7["lead"], "Các phòng, đơn vị thuộc Sở");
    assert_eq!(t7["partners"], t7["lead"]);
    let t4 = task(&got, "4");
    assert_eq!(
        t4["partners"],
        "- Sở Nội vụ;\n- Sở Tài chính;\n- Các đơn vị có liên quan"
    );
    let seed1 = extract("seeds/seed-001.pdf");
    let objective = |tt: &str| task(&seed1, tt)["objective"].clone();
    assert_eq!(
        objective("1"),
        objective("9"),
        "the merged MỤC TIÊU cell continues on the next page"
    );
}

#[test]
fn sections_and_tables_are_reported() {
    let got = extract("seeds/seed-004.pdf");
    let t25 = task(&got, "25");
    let labels: Vec<&str> = t25["section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels[0], "B");
    let seed3 = extract("seeds/seed-003.pdf");
    let titles: Vec<&str> = seed3["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        titles,
        ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV"]
    );
    let co = extract("column-order.pdf");
    assert_eq!(
        co["tables"][0]["pages"].as_array().unwrap().len(),
        4,
        "one table over four pages"
    );
}

#[test]
fn legacy_tcvn3_fonts_read_as_unicode() {
    check_against_expected("legacy-tcvn3.pdf", "legacy-tcvn3.expected.json");
    let got = extract("legacy-tcvn3.pdf");
    assert_eq!(
        got["document"]["type"], "KẾ HOẠCH",
        ".VnTimeH draws capitals"
    );
    assert_eq!(got["tables"][0]["columns"][1]["header"], "NHIỆM VỤ");
}

/// VNI fonts write a vowel as its letter and then a mark code the font
/// draws with no advance back over it ("Keá hoaïch").
#[test]
fn legacy_vni_fonts_read_as_unicode() {
    check_against_expected("legacy-vni.pdf", "legacy-vni.expected.json");
    let got = extract("legacy-vni.pdf");
    assert_eq!(got["document"]["type"], "KẾ HOẠCH");
    assert_eq!(got["tables"][0]["columns"][2]["header"], "Đơn vị chủ trì");
}

#[test]
fn encrypted_with_an_empty_user_password_opens() {
    for f in [
        "encrypted-empty-user.pdf",
        "encrypted-rc4-empty-user.pdf",
        "encrypted-aes256-empty-user.pdf",
        // no /ID in the trailer: the key is derived with an empty one
        "encrypted-no-id.pdf",
        // only embedded files are encrypted, under an unknown password
        "encrypted-attachments-only.pdf",
    ] {
        check_against_expected(f, "handmade-rects.expected.json");
    }
}

/// A file whose trailer is cut short, with its catalog glued onto a comment
/// line (as in pdfium's bug_213), opens from the objects found in it, as
/// viewers open it; lopdf alone gives up on it.
#[test]
fn a_file_with_a_broken_table_opens_from_its_objects() {
    let good = std::fs::read(fixture("handmade-rects.pdf")).unwrap();
    let catalog = good.windows(7).position(|w| w == b"1 0 obj").unwrap();
    let trailer = good.windows(7).rposition(|w| w == b"trailer").unwrap();
    let broken = [
        &good[..catalog - 1],
        b"%junk|",
        &good[catalog..trailer],
        b"trailer <<\n  /Root 1 0 R\n",
    ]
    .concat();
    assert!(lopdf::Document::load_mem(&broken).is_err());
    let got = congvan::extract_pdf(&broken, "broken.pdf", &Default::default()).unwrap();
    assert_eq!(got.tasks.len(), 3);
    assert_eq!(got.tasks[0].lead.as_deref(), Some("Văn phòng Sở"));
}

#[test]
fn bad_input_gets_a_typed_error() {
    // scans refused as before OCR (tests/ocr.rs reads them)
    let limits = congvan::pdf::Limits {
        ocr: None,
        ..Default::default()
    };
    let kind = |name: &str| {
        congvan::extract_file(&fixture(name), &limits)
            .unwrap_err()
            .kind()
    };
    assert_eq!(kind("scanned.pdf"), "no_text_layer");
    assert_eq!(kind("empty.pdf"), "empty");
    assert_eq!(kind("not-a-pdf.pdf"), "not_pdf");
    assert_eq!(kind("does-not-exist.pdf"), "io");
    assert_eq!(kind("encrypted-password.pdf"), "encrypted");
}

/// The findings the ground truth expects, and no other finding of those codes.
fn check_findings(pdf: &str, expected: &str) {
    let got = extract(pdf);
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(expected)).unwrap()).unwrap();
    let scored = SCORED_FINDINGS;
    let got: Vec<&Value> = got["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| scored.contains(&f["code"].as_str().unwrap()))
        .collect();
    let want = want["expected_findings"].as_array().unwrap();
    assert_eq!(got.len(), want.len(), "{pdf}: {got:#?}");
    // the fields the scorer reads; the ground truth's "scope" and "tts" are
    // of its own format, the output's `scope`, `table` and `tasks` are
    // checked in tests/schemas.rs
    for (g, w) in got.iter().zip(want) {
        for (k, v) in w.as_object().unwrap() {
            if ["code", "declared", "found", "after", "next"].contains(&k.as_str()) {
                assert_eq!(&g[k], v, "{pdf}: finding field {k}");
            }
        }
    }
}

#[test]
fn seed_findings_and_no_false_alarms() {
    for s in ["000", "001", "003", "004"] {
        check_findings(
            &format!("seeds/seed-{s}.pdf"),
            &format!("seeds/seed-{s}.expected.json"),
        );
    }
    for f in [
        "grouped-header",
        "column-order",
        "borderless",
        "handmade-rects",
    ] {
        check_findings(&format!("{f}.pdf"), &format!("{f}.expected.json"));
    }
}

#[test]
fn seed_document_fields() {
    for s in ["000", "001", "003", "004"] {
        let got = extract(&format!("seeds/seed-{s}.pdf"));
        let want: Value = serde_json::from_str(
            &std::fs::read_to_string(fixture(&format!("seeds/seed-{s}.expected.json"))).unwrap(),
        )
        .unwrap();
        for (k, v) in want["document"].as_object().unwrap() {
            assert_eq!(
                norm(Some(&got["document"][k])).to_lowercase(),
                norm(Some(v)).to_lowercase(),
                "seed-{s} document.{k}"
            );
        }
    }
}

#[test]
fn declared_counts_are_all_read() {
    let got = extract("seeds/seed-001.pdf");
    let counts: Vec<(String, u64, u64)> = got["declared_counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["scope"].as_str().unwrap().to_string(),
                c["declared"].as_u64().unwrap(),
                c["found"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(counts.contains(&("document".into(), 27, 27)));
    assert!(
        counts.contains(&("IV".into(), 6, 6)),
        "the body's group 4 matches section IV"
    );
    assert!(counts.contains(&("I".into(), 7, 9)));
    assert_eq!(counts.len(), 17);
    let gh = extract("grouped-header.pdf");
    assert_eq!(gh["declared_counts"][0]["found"], 10);
}

#[test]
fn normalised_units_and_deadlines() {
    let got = extract("grouped-header.pdf");
    let t4 = task(&got, "4");
    assert_eq!(
        t4["partner_units"],
        serde_json::json!(["Sở Nội vụ", "Sở Tài chính", "Các đơn vị có liên quan"])
    );
    let s0 = extract("seeds/seed-000.pdf");
    let t = &s0["tasks"][2];
    assert_eq!(
        t["lead_units"],
        serde_json::json!(["Văn phòng Sở", "Các đơn vị thuộc Sở"])
    );
    assert_eq!(
        t["partner_units"],
        serde_json::json!(["Các phòng, đơn vị thuộc Sở"])
    );
    assert_eq!(t["deadline_parsed"]["kind"], "date");
    assert_eq!(t["deadline_parsed"]["end"], "2025-12-31");
    let s1 = extract("seeds/seed-001.pdf");
    let kinds: std::collections::BTreeSet<&str> = table_tasks(&s1)
        .into_iter()
        .map(|t| t["deadline_parsed"]["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains("month") && kinds.contains("range") && kinds.contains("recurring"),
        "{kinds:?}"
    );
}
