//! The command line as a user meets it: exit status, messages, files written.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn congvan(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_congvan"))
        .args(args)
        .output()
        .unwrap()
}

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("congvan-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn extract_prints_one_json_document() {
    let out = congvan(&[
        "extract".as_ref(),
        fixture("handmade-rects.pdf").as_os_str(),
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tasks"].as_array().unwrap().len(), 3);
}

#[test]
fn a_bad_file_fails_alone_and_is_named() {
    let dir = tmp_dir("batch");
    let out = congvan(&[
        "extract".as_ref(),
        "--out".as_ref(),
        dir.as_os_str(),
        fixture("not-a-pdf.pdf").as_os_str(),
        fixture("scanned.pdf").as_os_str(),
        fixture("handmade-rects.pdf").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not-a-pdf.pdf: not a PDF"), "{err}");
    assert!(err.contains("scanned.pdf: no text layer"), "{err}");
    assert!(
        dir.join("handmade-rects.json").exists(),
        "the good file is still written"
    );
    assert!(!dir.join("scanned.json").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");
}

#[test]
fn schema_command_prints_the_contract() {
    let out = congvan(&["schema".as_ref()]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

#[test]
fn validate_exit_status_tells_clean_from_errors_and_bad_files() {
    let clean = congvan(&[
        "validate".as_ref(),
        fixture("seeds/seed-000.pdf").as_os_str(),
    ]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&clean.stdout).contains("Không có phát hiện nào"));
    let errors = congvan(&[
        "validate".as_ref(),
        fixture("seeds/seed-001.pdf").as_os_str(),
    ]);
    assert_eq!(errors.status.code(), Some(1));
    let report = String::from_utf8_lossy(&errors.stdout);
    assert!(
        report.contains("Mục I khai báo 07 nhiệm vụ nhưng bảng có 09 nhiệm vụ"),
        "{report}"
    );
    let bad = congvan(&[
        "validate".as_ref(),
        fixture("empty.pdf").as_os_str(),
        fixture("seeds/seed-000.pdf").as_os_str(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stdout).contains("seed-000.pdf"),
        "the other file is still checked"
    );
}
