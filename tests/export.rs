//! `congvan export -f xlsx`: the workbook opens in LibreOffice Calc, and its
//! cells, read back through Calc (`soffice --convert-to csv`, every sheet),
//! equal the JSON's. Needs LibreOffice Calc; where it is missing the test
//! says so and passes, unless CONGVAN_REQUIRE_OFFICE is set (CI sets it).

mod common;

use std::path::Path;
use std::process::Command;

use common::fixture;

/// Whether LibreOffice Calc can convert here; says why not when it cannot.
fn calc_here() -> bool {
    let dir = std::env::temp_dir().join(format!("congvan-calc-probe-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let probe = dir.join("probe.csv");
    let _ = std::fs::write(&probe, "a,b\n1,2\n");
    let ok = Command::new("soffice")
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&dir)
        .arg(&probe)
        .output()
        .is_ok_and(|o| o.status.success() && dir.join("probe.xlsx").exists());
    let _ = std::fs::remove_dir_all(&dir);
    if !ok {
        let why = "LibreOffice Calc is missing (apt-get install libreoffice-calc-nogui)";
        assert!(
            std::env::var_os("CONGVAN_REQUIRE_OFFICE").is_none(),
            "{why}"
        );
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
    }
    ok
}

/// Each sheet of `xlsx` as Calc reads it: (sheet name, rows of cells).
fn sheets(xlsx: &Path, dir: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    // comma, double quote, UTF-8, from row 1; cells as shown; every sheet
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
    let out = Command::new("soffice")
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(dir)
        .arg(xlsx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = xlsx.file_stem().unwrap().to_string_lossy().to_string();
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(sheet) = name
            .strip_prefix(&format!("{stem}-"))
            .and_then(|n| n.strip_suffix(".csv"))
        else {
            continue;
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(entry.path())
            .unwrap();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        found.push((sheet.to_string(), rows));
    }
    found
}

/// "30/06/2026", as the workbook shows a date, as ISO.
fn iso(shown: &str) -> String {
    let p: Vec<&str> = shown.split('/').collect();
    match p.as_slice() {
        [d, m, y] => format!("{y}-{m}-{d}"),
        _ => shown.to_string(),
    }
}

#[test]
fn the_workbook_reads_back_through_calc_as_the_json() {
    if !calc_here() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("congvan-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("tasks.xlsx");
    let inputs = [
        "seeds/seed-000.pdf",
        "prose/thong-bao-ket-luan.pdf",
        "layouts/group-rows-ruled.pdf",
    ];
    let out = Command::new(env!("CARGO_BIN_EXE_congvan"))
        .args(["export", "-q", "-f", "xlsx", "--out"])
        .arg(&xlsx)
        .args(inputs.iter().map(|f| fixture(f)))
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs: Vec<congvan::model::Extraction> = inputs
        .iter()
        .map(|f| congvan::extract_file(&fixture(f), &Default::default()).unwrap())
        .collect();
    // the task sheet's header row frozen and filtered, its columns sized
    let mut book = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut book.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "{xml}"
    );
    assert!(xml.contains("<autoFilter ref=\"A1:"), "{xml}");
    assert!(xml.contains("customWidth=\"1\""), "{xml}");
    let sheets = sheets(&xlsx, &dir);
    let sheet = |name: &str| {
        &sheets
            .iter()
            .find(|s| s.0 == name)
            .unwrap_or_else(|| panic!("{name}: {sheets:?}"))
            .1
    };
    // the tasks: the JSON's text, Vietnamese intact, dates as dates
    let tasks = sheet("Nhiệm vụ");
    let header = &tasks[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let all: Vec<&congvan::model::TaskRecord> = docs.iter().flat_map(|d| &d.tasks).collect();
    assert_eq!(tasks.len() - 1, all.len());
    for (row, t) in tasks[1..].iter().zip(&all) {
        assert_eq!(row[col("Nhiệm vụ")], t.task.clone().unwrap_or_default());
        assert_eq!(row[col("Chủ trì")], t.lead.clone().unwrap_or_default());
        assert_eq!(row[col("Phối hợp")], t.partners.clone().unwrap_or_default());
        assert_eq!(row[col("TT")], t.tt.clone().unwrap_or_default());
        let end = t
            .deadline_parsed
            .as_ref()
            .and_then(|d| d.end.clone())
            .unwrap_or_default();
        assert_eq!(iso(&row[col("Kết thúc")]), end);
    }
    // the documents, one row each; the findings, one row each
    let documents = sheet("Văn bản");
    assert_eq!(documents.len() - 1, docs.len());
    assert_eq!(documents[2][3], "48/TB-UBND");
    assert_eq!(
        iso(&documents[2][1]),
        docs[1].document.date.clone().unwrap()
    );
    let findings = sheet("Phát hiện");
    assert_eq!(
        findings.len() - 1,
        docs.iter().map(|d| d.findings.len()).sum::<usize>()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The XML of every sheet and the shared strings of a workbook.
fn sheet_xml(xlsx: &Path) -> Vec<(String, String)> {
    let mut book = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..book.len() {
        let mut f = book.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/") || name == "xl/sharedStrings.xml" {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
            out.push((name, xml));
        }
    }
    out.sort();
    out
}

/// `batch -f xlsx` writes the workbook `export -f xlsx` writes of the same
/// files, also when every document was up to date and read back.
#[test]
fn the_batch_workbook_is_the_export_workbook() {
    let dir = std::env::temp_dir().join(format!("congvan-batch-xlsx-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for f in [
        "seeds/seed-000.pdf",
        "prose/cong-van.pdf",
        "seeds/seed-003.txt",
    ] {
        let to = input.join(Path::new(f).file_name().unwrap());
        std::fs::copy(fixture(f), to).unwrap();
    }
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_congvan"))
            .args(args)
            .arg(&input)
            .output()
            .unwrap()
    };
    let exported = dir.join("export.xlsx");
    run(&[
        "export",
        "-q",
        "-f",
        "xlsx",
        "--out",
        exported.to_str().unwrap(),
    ]);
    let out = dir.join("out");
    let batch = ["batch", "-q", "-f", "xlsx", "-o", out.to_str().unwrap()];
    run(&batch);
    let want = sheet_xml(&exported);
    assert_eq!(want.len(), 4, "three sheets and their strings");
    assert_eq!(sheet_xml(&out.join("congvan.xlsx")), want);
    run(&batch);
    let summary = std::fs::read_to_string(out.join("_summary.json")).unwrap();
    assert!(summary.contains("up_to_date"), "{summary}");
    assert_eq!(sheet_xml(&out.join("congvan.xlsx")), want);
    let _ = std::fs::remove_dir_all(&dir);
}
