//! A corpus of broken and hostile PDFs made by the test itself (truncated,
//! bytes flipped, xref dropped, a looping page tree, deep nesting, a stream
//! that inflates to gigabytes), run through `congvan batch`: no panic, no
//! hang, every good file written, every bad one reported with its kind, exit
//! status 1, and a re-run that redoes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;

use common::one_page_pdf as pdf;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name),
    )
    .unwrap()
}

const PAGES: &[u8] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const HELLO: &[u8] = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET";

/// A zlib stream that inflates to `gib` GiB of zeros: one sync-flushed block
/// of 16 MiB repeated (the checksum at the end is wrong; the bound hits first).
fn bomb(gib: usize) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::best(), false);
    let zeros = vec![0u8; 16 << 20];
    let mut block = Vec::with_capacity(64 << 10);
    c.compress_vec(&zeros, &mut block, flate2::FlushCompress::Sync)
        .unwrap();
    let mut out = vec![0x78, 0xda];
    for _ in 0..gib * 64 {
        out.extend(&block);
    }
    out.extend([0x03, 0x00, 0, 0, 0, 0]);
    out
}

/// Deterministic byte flips.
fn flipped(bytes: &[u8], seed: u64, share: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    for _ in 0..out.len() / share {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let i = (x >> 33) as usize % out.len();
        out[i] ^= (x >> 13) as u8 | 1;
    }
    out
}

fn build_corpus(dir: &Path) -> (Vec<&'static str>, Vec<String>) {
    let good = fixture("handmade-rects.pdf");
    let seed = fixture("seeds/seed-000.pdf");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::File::create(p).unwrap().write_all(bytes).unwrap();
    };
    write("good/handmade.pdf", &good);
    write("good/nested/seed-000.pdf", &seed);
    write("good/renamed.dat", &good); // a PDF by its content, not its name
    write("bad/truncated-half.pdf", &seed[..seed.len() / 2]);
    write("bad/truncated-header.pdf", &seed[..20]);
    let xref = good.windows(4).position(|w| w == b"xref").unwrap();
    write("odd/no-xref.pdf", &good[..xref]);
    write(
        "odd/loop-pages.pdf",
        &pdf(
            HELLO,
            &[b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"],
            b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
        ),
    );
    let deep = format!("{}1{}", "[".repeat(200_000), "]".repeat(200_000));
    write(
        "odd/deep-array.pdf",
        &pdf(
            format!("{deep} pop {}", std::str::from_utf8(HELLO).unwrap()).as_bytes(),
            &[deep.as_bytes()],
            PAGES,
        ),
    );
    let deep_dict = format!("{}{}", "<< /A ".repeat(100_000), ">>".repeat(100_000));
    write(
        "odd/deep-dict.pdf",
        &pdf(HELLO, &[deep_dict.as_bytes()], PAGES),
    );
    let bomb_obj = [
        format!(
            "<< /Filter /FlateDecode /Length {} >>\nstream\n",
            bomb(2).len()
        )
        .as_bytes(),
        &bomb(2),
        b"\nendstream",
    ]
    .concat();
    let mut with_bomb = pdf(HELLO, &[], PAGES);
    // the page's content is the bomb: replace object 5
    let at = with_bomb.windows(7).position(|w| w == b"5 0 obj").unwrap();
    let end = at
        + with_bomb[at..]
            .windows(6)
            .position(|w| w == b"endobj")
            .unwrap();
    with_bomb.splice(at + 8..end, bomb_obj.iter().copied());
    write("odd/inflate-bomb.pdf", &with_bomb);
    write(
        "odd/qQ-unbalanced.pdf",
        &pdf(
            b"Q Q Q q q q BT /F1 12 Tf 72 720 Td (Hi) Tj ET Q Q cm cm re f",
            &[],
            PAGES,
        ),
    );
    write(
        "odd/nan-matrix.pdf",
        &pdf(
            b"1e39 0 0 1e39 0 0 cm BT /F1 1e38 Tf 1e38 0 Td (Big) Tj ET",
            &[],
            PAGES,
        ),
    );
    let mut fuzzed = Vec::new();
    for k in 0..40u64 {
        let name = format!("fuzzed/flip-{k:02}.pdf");
        write(
            &name,
            &flipped(
                if k % 2 == 0 { &good } else { &seed },
                k,
                50 + k as usize * 7,
            ),
        );
        fuzzed.push(name);
    }
    write("bad/empty.pdf", b"");
    write(
        "bad/not-a-pdf.pdf",
        "Đây là một công văn, không phải PDF".as_bytes(),
    );
    write("skipped/picture.png", &[0x89, b'P', b'N', b'G', 0, 0, 0, 0]);
    (
        vec![
            "good/handmade.pdf",
            "good/nested/seed-000.pdf",
            "good/renamed.dat",
        ],
        fuzzed,
    )
}

fn batch(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_congvan"))
        .arg("batch")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn hostile_corpus_through_batch() {
    let root = std::env::temp_dir().join(format!("congvan-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (corpus, out) = (root.join("in"), root.join("out"));
    let (good, _) = build_corpus(&corpus);
    let started = std::time::Instant::now();
    let run = batch(&[
        corpus.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--jobs".as_ref(),
        "2".as_ref(),
        "--timeout".as_ref(),
        "20".as_ref(),
    ]);
    assert!(started.elapsed().as_secs() < 120, "no hang");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "some files failed: {stderr}");
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out.join("_summary.json")).unwrap()).unwrap();
    let entries = summary["entries"].as_array().unwrap();
    let by_input = |name: &str| {
        entries
            .iter()
            .find(|e| e["input"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} in summary"))
    };
    for name in &good {
        let e = by_input(name);
        assert_eq!(e["status"], "ok", "{name}: {e}");
        let written = PathBuf::from(e["output"].as_str().unwrap());
        assert!(written.exists(), "{name} written");
        let x: Value = serde_json::from_slice(&std::fs::read(&written).unwrap()).unwrap();
        assert!(
            !x["tasks"].as_array().unwrap().is_empty(),
            "{name} has its tasks"
        );
    }
    assert!(
        out.join("good/nested/seed-000.json").exists(),
        "outputs keep the folder tree"
    );
    // truncated-half lost its xref and trailer with its second half: poppler
    // cannot open it either
    for (name, kind) in [
        ("bad/empty.pdf", "empty"),
        ("bad/not-a-pdf.pdf", "not_pdf"),
        ("bad/truncated-header.pdf", "damaged"),
        ("bad/truncated-half.pdf", "damaged"),
    ] {
        let e = by_input(name);
        assert_eq!(
            (e["status"].as_str(), e["kind"].as_str()),
            (Some("failed"), Some(kind)),
            "{name}: {e}"
        );
        assert!(stderr.contains(name), "{name} named on stderr");
    }
    assert_eq!(by_input("skipped/picture.png")["status"], "skipped");
    // a viewer opens these; so must we
    for name in [
        "odd/no-xref.pdf",
        "odd/loop-pages.pdf",
        "odd/qQ-unbalanced.pdf",
        "odd/nan-matrix.pdf",
        "odd/deep-dict.pdf",
        "odd/deep-array.pdf",
    ] {
        assert_eq!(by_input(name)["status"], "ok", "{name}: {}", by_input(name));
    }
    let bomb = by_input("odd/inflate-bomb.pdf");
    assert_ne!(
        bomb["kind"], "timeout",
        "the bomb is bounded, not timed out: {bomb}"
    );
    for e in entries {
        let kind = e["kind"].as_str().unwrap_or("");
        assert!(
            !["internal", "timeout"].contains(&kind),
            "no panic, no timeout: {e}"
        );
        if e["status"] == "failed" {
            assert!(
                !e["message"].as_str().unwrap_or("").is_empty(),
                "a reason: {e}"
            );
        }
    }
    let leftovers: Vec<_> = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files: {leftovers:?}");

    let again = batch(&[corpus.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "the failures are still failures"
    );
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out.join("_summary.json")).unwrap()).unwrap();
    for e in summary["entries"].as_array().unwrap() {
        assert_eq!(e["seconds"].as_f64(), Some(0.0), "nothing redone: {e}");
    }
    let forced = batch(&[
        corpus.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--force".as_ref(),
    ]);
    let summary: Value =
        serde_json::from_slice(&std::fs::read(out.join("_summary.json")).unwrap()).unwrap();
    assert_eq!(forced.status.code(), Some(1));
    assert!(
        summary["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["seconds"].as_f64().unwrap() > 0.0),
        "--force redoes"
    );
    let _ = std::fs::remove_dir_all(&root);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_document_over_its_time_budget_fails_alone() {
    // 3 million operators: far more than one second's work in a debug build
    let mut content = Vec::new();
    for i in 0..3_000_000u32 {
        content.extend(
            format!(
                "{} {} m {} {} l S\n",
                i % 500,
                i % 700,
                i % 500 + 1,
                i % 700
            )
            .as_bytes(),
        );
    }
    let root = std::env::temp_dir().join(format!("congvan-slow-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("in")).unwrap();
    std::fs::write(root.join("in/slow.pdf"), pdf(&content, &[], PAGES)).unwrap();
    std::fs::write(root.join("in/fast.pdf"), fixture("handmade-rects.pdf")).unwrap();
    let run = batch(&[
        root.join("in").as_os_str(),
        "--out".as_ref(),
        root.join("out").as_os_str(),
        "--timeout".as_ref(),
        "1".as_ref(),
    ]);
    let summary: Value =
        serde_json::from_slice(&std::fs::read(root.join("out/_summary.json")).unwrap()).unwrap();
    let kinds: Vec<(&str, &str)> = summary["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["input"].as_str().unwrap().rsplit('/').next().unwrap(),
                e["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(kinds.contains(&("slow.pdf", "timeout")), "{kinds:?}");
    assert!(kinds.contains(&("fast.pdf", "")), "{kinds:?}");
    assert_eq!(run.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&root);
}
