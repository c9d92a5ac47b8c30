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
        "--no-ocr".as_ref(),
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
    // one exit-status rule: an unreadable file is 1 here as in extract
    assert_eq!(bad.status.code(), Some(1));
    let report = String::from_utf8_lossy(&bad.stdout);
    assert!(
        report.contains("seed-000.pdf"),
        "the other file is still checked"
    );
    assert!(
        report.contains("Tổng cộng: 1 văn bản đã đọc, 1 không đọc được"),
        "a total ends a multi-file report: {report}"
    );
}

fn run(args: &[&str]) -> std::process::Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    congvan(&args)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The JSON a successful run printed.
fn json_of(r: std::process::Output) -> serde_json::Value {
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{err}");
    serde_json::from_slice(&r.stdout).unwrap()
}

fn summary(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("_summary.json")).unwrap()).unwrap()
}

fn kinds(dir: &Path) -> Vec<(String, String)> {
    summary(dir)["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let name = Path::new(e["input"].as_str().unwrap()).file_name().unwrap();
            let kind = e["kind"].as_str().unwrap_or(e["status"].as_str().unwrap());
            (name.to_string_lossy().into_owned(), kind.to_string())
        })
        .collect()
}

#[test]
fn switching_to_ndjson_writes_every_document() {
    let (input, out) = (tmp_dir("fmt-in"), tmp_dir("fmt-out"));
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(fixture("handmade-rects.pdf"), input.join("a.pdf")).unwrap();
    std::fs::copy(fixture("rotated.pdf"), input.join("b.pdf")).unwrap();
    assert_eq!(
        run(&["batch", s(&input), "-o", s(&out)]).status.code(),
        Some(0)
    );
    let again = run(&["batch", s(&input), "-o", s(&out), "--format", "ndjson"]);
    assert_eq!(again.status.code(), Some(0));
    let lines = std::fs::read_to_string(out.join("congvan.ndjson")).unwrap();
    assert_eq!(lines.lines().count(), 2, "both documents, not 'up to date'");
    // and the other way: json files written again when they are missing
    std::fs::remove_file(out.join("a.json")).unwrap();
    run(&["batch", s(&input), "-o", s(&out)]);
    assert!(out.join("a.json").exists());
    // a re-run in ndjson keeps both lines without redoing them
    run(&["batch", s(&input), "-o", s(&out), "-f", "ndjson"]);
    let lines = std::fs::read_to_string(out.join("congvan.ndjson")).unwrap();
    assert_eq!(lines.lines().count(), 2);
    assert!(
        kinds(&out).iter().all(|(_, k)| k == "up_to_date"),
        "{:?}",
        kinds(&out)
    );
}

#[test]
fn a_text_and_a_pdf_of_one_name_keep_their_own_outputs() {
    let (input, out) = (tmp_dir("name-in"), tmp_dir("name-out"));
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(fixture("text/borderless-layout.txt"), input.join("x.txt")).unwrap();
    run(&["batch", s(&input), "-o", s(&out)]);
    std::fs::copy(fixture("handmade-rects.pdf"), input.join("x.pdf")).unwrap();
    assert_eq!(
        run(&["batch", s(&input), "-o", s(&out)]).status.code(),
        Some(0)
    );
    let pdf: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("x.json")).unwrap()).unwrap();
    let text: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("x.txt.json")).unwrap()).unwrap();
    assert_eq!(pdf["source"]["kind"], "pdf");
    assert_eq!(text["source"]["kind"], "text");
    let mut k = kinds(&out);
    k.sort();
    assert_eq!(
        k,
        [
            ("x.pdf".into(), "ok".into()),
            ("x.txt".into(), "up_to_date".into())
        ]
    );
}

#[test]
fn two_inputs_never_share_an_output() {
    let (a, b, out) = (tmp_dir("clash-a"), tmp_dir("clash-b"), tmp_dir("clash-out"));
    for d in [&a, &b] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::copy(fixture("handmade-rects.pdf"), a.join("x.pdf")).unwrap();
    std::fs::copy(fixture("rotated.pdf"), b.join("x.pdf")).unwrap();
    let r = run(&[
        "extract",
        "-o",
        s(&out),
        s(&a.join("x.pdf")),
        s(&b.join("x.pdf")),
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("would write the same output"));
    assert!(
        !out.join("x.json").exists(),
        "neither is written over the other"
    );
}

#[test]
fn the_up_to_date_check_reads_the_output_itself() {
    let (input, out) = (tmp_dir("sha-in"), tmp_dir("sha-out"));
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(fixture("handmade-rects.pdf"), input.join("x.pdf")).unwrap();
    run(&["batch", s(&input), "-o", s(&out)]);
    // an output another run (or a person) replaced is no longer trusted
    std::fs::write(out.join("x.json"), br#"{"source":{"sha256":"0"}}"#).unwrap();
    run(&["batch", s(&input), "-o", s(&out)]);
    assert_eq!(kinds(&out), [("x.pdf".to_string(), "ok".to_string())]);
    let x: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("x.json")).unwrap()).unwrap();
    assert_eq!(x["tasks"].as_array().unwrap().len(), 3);
}

#[test]
fn a_read_only_output_folder_is_one_error_before_any_work() {
    let out = tmp_dir("ro");
    std::fs::create_dir_all(&out).unwrap();
    // a file where the folder should be: no user can write into it, root included
    let blocked = out.join("file");
    std::fs::write(&blocked, b"").unwrap();
    for cmd in ["batch", "extract"] {
        let r = run(&[
            cmd,
            s(&fixture("handmade-rects.pdf")),
            s(&fixture("rotated.pdf")),
            "-o",
            s(&blocked),
        ]);
        assert_eq!(r.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8_lossy(&r.stderr);
        assert_eq!(err.lines().count(), 1, "{cmd}: {err}");
        assert!(err.contains("cannot use it as the output folder"), "{err}");
        assert!(!err.contains("os error"), "{err}");
    }
}

#[test]
fn a_missing_path_fails_alone_in_every_command() {
    let out = tmp_dir("missing");
    let good = fixture("handmade-rects.pdf");
    for cmd in ["batch", "extract", "validate"] {
        let mut args = vec![cmd, "/no/such/plan.pdf", s(&good)];
        if cmd != "validate" {
            args.extend(["-o", s(&out)]);
        }
        let r = run(&args);
        assert_eq!(r.status.code(), Some(1), "{cmd}");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(
            err.contains("/no/such/plan.pdf: no such file or folder"),
            "{cmd}: {err}"
        );
    }
    assert!(out.join("handmade-rects.json").exists());
}

#[test]
fn closed_pipes_end_quietly() {
    use std::process::Stdio;
    for args in [vec!["schema"], vec!["extract", "FIX", "FIX", "FIX", "FIX"]] {
        let fix = fixture("seeds/seed-004.pdf");
        let mut child = Command::new(env!("CARGO_BIN_EXE_congvan"))
            .args(args.iter().map(|a| if *a == "FIX" { s(&fix) } else { a }))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away at once
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn standard_input_and_folders_are_read() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_congvan"))
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(fixture("text/borderless-layout.txt")).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"]["kind"], "text");
    assert!(!v["tasks"].as_array().unwrap().is_empty());
    let folder = tmp_dir("folder");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(fixture("handmade-rects.pdf"), folder.join("a.pdf")).unwrap();
    std::fs::write(folder.join("picture.png"), b"\x89PNG\r\n").unwrap();
    let r = run(&["validate", "--json", s(&folder)]);
    let err = String::from_utf8_lossy(&r.stderr).into_owned();
    assert!(err.contains("picture.png: neither a PDF nor text"), "{err}");
    let v = json_of(r);
    assert_eq!(
        v["total"]["documents"], 1,
        "the picture in a folder is passed over"
    );
    assert_eq!(v["documents"][0]["status"], "ok");
}

#[test]
fn errors_name_a_fix() {
    let dir = tmp_dir("fix");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("report.pdf"), b"PK\x03\x04word").unwrap();
    std::fs::write(dir.join("scan.pdf"), b"\xFF\xD8\xFF\xE0jpeg").unwrap();
    let r = run(&[
        "extract",
        s(&dir.join("report.pdf")),
        s(&dir.join("scan.pdf")),
        s(&fixture("encrypted-password.pdf")),
    ]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains(
            "report.pdf: a Word or other office file, not a PDF: open it and save it as PDF"
        ),
        "{err}"
    );
    assert!(
        err.contains("scan.pdf: a picture, not a PDF: run OCR on it first"),
        "{err}"
    );
    assert!(err.contains("--password"), "{err}");
    assert_eq!(r.status.code(), Some(1));
}

#[test]
fn help_man_and_completions_come_from_one_definition() {
    let help = run(&["batch", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for word in [
        "Examples:",
        "-j, --jobs",
        "-o, --out",
        "-q, --quiet",
        "--password",
        "Exit status",
    ] {
        assert!(text.contains(word), "{word} in {text}");
    }
    let man = run(&["man"]);
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH congvan"));
    let bash = run(&["completions", "bash"]);
    assert!(String::from_utf8_lossy(&bash.stdout).contains("validate"));
    assert_eq!(
        run(&["batch", "x", "-o", "y", "--jobs", "0"]).status.code(),
        Some(2)
    );
}

/// A folder of `n` copies of the largest seed, for runs that are stopped.
fn many_copies(name: &str, n: usize) -> PathBuf {
    let input = tmp_dir(name);
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..n {
        std::fs::copy(
            fixture("seeds/seed-004.pdf"),
            input.join(format!("p{i:03}.pdf")),
        )
        .unwrap();
    }
    input
}

/// Starts a one-job batch and sends `signal` once its journal has a line.
fn stop_batch(input: &Path, out: &Path, signal: &str) -> std::process::ExitStatus {
    let mut child = Command::new(env!("CARGO_BIN_EXE_congvan"))
        .args(["batch", s(input), "-o", s(out), "-j", "1", "-q"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let journal = out.join("_journal.ndjson");
    let started = std::time::Instant::now();
    while std::fs::read_to_string(&journal).map_or(true, |j| j.lines().count() < 2) {
        assert!(
            started.elapsed().as_secs() < 60,
            "the batch never journaled"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap()
}

#[test]
fn an_interrupted_batch_goes_on_where_it_stopped() {
    let input = many_copies("term-in", 12);
    let out = tmp_dir("term-out");
    let status = stop_batch(&input, &out, "-TERM");
    assert_eq!(status.code(), Some(130));
    let first = kinds(&out);
    let done = first.iter().filter(|(_, k)| k == "ok").count();
    let left = first.iter().filter(|(_, k)| k == "interrupted").count();
    assert!(
        done >= 2 && left > 0 && done + left == 12,
        "{done} done, {left} left"
    );
    assert_eq!(summary(&out)["interrupted"], true);
    assert!(
        !out.join("_journal.ndjson").exists(),
        "folded into the summary"
    );
    let again = run(&["batch", s(&input), "-o", s(&out), "-q"]);
    assert_eq!(again.status.code(), Some(0));
    let second = kinds(&out);
    assert_eq!(
        second.iter().filter(|(_, k)| k == "up_to_date").count(),
        done
    );
    assert_eq!(second.iter().filter(|(_, k)| k == "ok").count(), 12 - done);
}

#[test]
fn a_killed_batch_loses_nothing_it_finished() {
    let input = many_copies("kill-in", 12);
    std::fs::write(input.join("broken.pdf"), b"%PDF-1.4\nnothing else").unwrap();
    let out = tmp_dir("kill-out");
    stop_batch(&input, &out, "-KILL");
    assert!(
        !out.join("_summary.json").exists(),
        "killed before the summary"
    );
    let journaled = std::fs::read_to_string(out.join("_journal.ndjson")).unwrap();
    let done = journaled
        .lines()
        .filter(|l| l.contains(r#""status":"ok""#))
        .count();
    assert!(done >= 1, "{journaled}");
    run(&["batch", s(&input), "-o", s(&out), "-q"]);
    let k = kinds(&out);
    assert!(
        k.iter().filter(|(_, k)| k == "up_to_date").count() >= done,
        "{k:?}"
    );
}

#[test]
fn a_password_opens_an_encrypted_file() {
    let file = fixture("encrypted-password.pdf");
    assert_eq!(run(&["extract", s(&file)]).status.code(), Some(1));
    let wrong = run(&["extract", "--password", "guess", s(&file)]);
    assert_eq!(wrong.status.code(), Some(1));
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(err.contains("the password given does not open"), "{err}");
    let r = run(&["extract", "-p", "--password", "user-secret", s(&file)]);
    assert!(
        String::from_utf8_lossy(&r.stdout).contains("\n  \"source\""),
        "-p indents"
    );
    assert_eq!(json_of(r)["source"]["pages"], 1);
}

#[test]
fn quiet_drops_totals_not_failures() {
    let out = tmp_dir("quiet");
    let r = run(&[
        "batch",
        "-q",
        s(&fixture("not-a-pdf.pdf")),
        s(&fixture("rotated.pdf")),
        "-o",
        s(&out),
    ]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("not-a-pdf.pdf: not a PDF"), "{err}");
    assert!(!err.contains("files 2"), "{err}");
    let r = run(&[
        "validate",
        "-q",
        s(&fixture("rotated.pdf")),
        s(&fixture("handmade-rects.pdf")),
    ]);
    assert!(!String::from_utf8_lossy(&r.stdout).contains("Tổng cộng"));
}

#[test]
fn validate_lists_prose_assignments_by_unit() {
    let doc = fixture("prose/thong-bao-ket-luan.pdf");
    let out = congvan(&["validate".as_ref(), doc.as_os_str()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("6 nhiệm vụ giao trong văn bản"), "{text}");
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} in {text}"));
    // who, then what by when, under it
    assert!(at("    Sở Xây dựng:") < at("2.2. Yêu cầu Sở Xây dựng hoàn thiện"));
    assert!(text.contains("(trong tháng 3/2026, trang 1)"), "{text}");
    let out = congvan(&["validate".as_ref(), "--json".as_ref(), doc.as_os_str()]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let units = v["documents"][0]["assignments"].as_array().unwrap();
    let finance = units.iter().find(|u| u["unit"] == "Sở Tài chính").unwrap();
    assert_eq!(finance["tasks"].as_array().unwrap().len(), 2, "2.1 and 2.4");
    assert_eq!(finance["tasks"][0]["deadline_parsed"]["end"], "2026-02-20");
}

/// `export` writes one CSV row per task of every document, the same text
/// the JSON gives, UTF-8 with a byte-order mark; a file that fails is
/// reported and the others are still written.
#[test]
fn export_writes_every_task_as_a_csv_row() {
    let dir = tmp_dir("export");
    std::fs::create_dir_all(&dir).unwrap();
    let csv_path = dir.join("tasks.csv");
    let inputs = ["seeds/seed-000.pdf", "prose/thong-bao-ket-luan.pdf"];
    let mut args: Vec<&std::ffi::OsStr> = vec!["export".as_ref(), "-q".as_ref()];
    let paths: Vec<PathBuf> = inputs.iter().map(|f| fixture(f)).collect();
    args.extend(paths.iter().map(|p| p.as_os_str()));
    let not_pdf = fixture("not-a-pdf.pdf");
    args.extend(["--out".as_ref(), csv_path.as_os_str(), not_pdf.as_os_str()]);
    let out = congvan(&args);
    assert_eq!(out.status.code(), Some(1), "the bad file makes the status");
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 byte-order mark"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut tasks = Vec::new();
    for f in inputs {
        let x = congvan::extract_file(&fixture(f), &Default::default()).unwrap();
        tasks.extend(x.tasks);
    }
    assert_eq!(rows.len(), tasks.len());
    for (row, t) in rows.iter().zip(&tasks) {
        assert_eq!(&row[col("Nhiệm vụ")], t.task.as_deref().unwrap_or(""));
        assert_eq!(&row[col("Chủ trì")], t.lead.as_deref().unwrap_or(""));
        assert_eq!(&row[col("Thời hạn")], t.deadline.as_deref().unwrap_or(""));
        let end = t
            .deadline_parsed
            .as_ref()
            .and_then(|d| d.end.as_deref())
            .unwrap_or("");
        assert_eq!(&row[col("Kết thúc")], end);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
