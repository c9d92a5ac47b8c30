//! The review page (`congvan review`, `batch --review`): well-formed, every
//! task present once and linked to its place, every finding linked to
//! something on the page, every link leading to an element that is there.

mod common;

use std::collections::{HashMap, HashSet};
use std::process::Command;

use common::fixture;

/// Fixtures of every kind of source: ruled and borderless tables, group
/// rows, prose, laid-out text, text with one cell per line.
const FIXTURES: &[&str] = &[
    "seeds/seed-000.pdf",
    "seeds/seed-001.pdf",
    "seeds/seed-003.pdf",
    "seeds/seed-004.pdf",
    "seeds/seed-001.txt",
    "layouts/group-rows-ruled.pdf",
    "layouts/borderless-cong-van.pdf",
    "layouts/borderless-cong-van-layout.txt",
    "prose/cong-van.pdf",
    "prose/cong-dien.pdf",
    "borderless.pdf",
];

/// The page as XML (its `<!DOCTYPE html>` allowed).
fn parse(html: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(html, options)
}

fn review(name: &str) -> (congvan::Inspection, String) {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap();
    let i = congvan::inspect_bytes(&bytes, name, &path, &Default::default(), congvan::Keep::All)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let html = congvan::review::html(&i);
    (i, html)
}

/// What a checked page holds, for the totals over all fixtures.
#[derive(Default)]
struct Seen {
    finding_task_links: usize,
    finding_section_links: usize,
    role_cells: usize,
    sections: usize,
    prose_marks: usize,
}

/// Checks one page; panics naming the fixture and what is wrong.
fn check(name: &str, i: &congvan::Inspection, html: &str, seen: &mut Seen) {
    let doc = parse(html).unwrap_or_else(|e| panic!("{name}: the page is not well-formed: {e}"));
    let mut ids: HashMap<&str, roxmltree::Node> = HashMap::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        if let Some(id) = n.attribute("id") {
            assert!(ids.insert(id, n).is_none(), "{name}: id {id} twice");
        }
    }
    // every link leads somewhere on the page; no link leaves it
    for n in doc.descendants().filter(|n| n.has_tag_name("a")) {
        let href = n.attribute("href").unwrap_or("");
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{name}: link {href:?} leaves the page"));
        assert!(
            ids.contains_key(target),
            "{name}: link {href} leads nowhere"
        );
    }
    // nothing is fetched: no script, no external picture or style
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = n.tag_name().name();
        assert!(
            !matches!(tag, "script" | "img" | "link" | "iframe"),
            "{name}: <{tag}>"
        );
        assert!(n.attribute("src").is_none(), "{name}: src on <{tag}>");
    }
    let x = &i.extraction;
    // every task once among the records, its TT as output, linked to its place
    for (n, t) in x.tasks.iter().enumerate() {
        let row = ids
            .get(format!("rec-{n}").as_str())
            .unwrap_or_else(|| panic!("{name}: task {n} has no record line"));
        let cells: Vec<roxmltree::Node> = row.children().filter(|c| c.is_element()).collect();
        let tt: String = cells[1]
            .descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect();
        assert_eq!(tt, t.tt.as_deref().unwrap_or("—"), "{name}: TT of task {n}");
        if !t.places.is_empty() {
            let mark = ids
                .get(format!("task-{n}").as_str())
                .unwrap_or_else(|| panic!("{name}: task {n} is not marked on its page"));
            let link = mark.parent().and_then(|p| p.attribute("href"));
            assert_eq!(link, Some(format!("#rec-{n}").as_str()), "{name}: task {n}");
            if t.origin == congvan::model::Origin::Prose {
                seen.prose_marks += 1;
            }
        }
    }
    let records = doc
        .descendants()
        .filter(|n| n.attribute("id").is_some_and(|id| id.starts_with("rec-")))
        .count();
    assert_eq!(records, x.tasks.len(), "{name}: records listed");
    // every finding listed once with a link
    for k in 0..x.findings.len() {
        let item = ids
            .get(format!("finding-{k}").as_str())
            .unwrap_or_else(|| panic!("{name}: finding {k} is not listed"));
        let links: Vec<&str> = item
            .descendants()
            .filter(|d| d.has_tag_name("a"))
            .filter_map(|a| a.attribute("href"))
            .collect();
        assert!(!links.is_empty(), "{name}: finding {k} links nothing");
        seen.finding_task_links += links.iter().filter(|l| l.starts_with("#task-")).count();
        seen.finding_section_links += links.iter().filter(|l| l.starts_with("#section-")).count();
    }
    // one drawing per page
    let pages = doc
        .descendants()
        .filter(|n| n.attribute("id").is_some_and(|id| id.starts_with("page-")))
        .count();
    assert_eq!(pages, x.source.pages.max(1), "{name}: pages drawn");
    let class_has = |n: &roxmltree::Node, c: &str| {
        n.attribute("class")
            .is_some_and(|v| v.split(' ').any(|w| w == c))
    };
    seen.role_cells += doc
        .descendants()
        .filter(|n| class_has(n, "cell") && !class_has(n, "other"))
        .count();
    seen.sections += doc
        .descendants()
        .filter(|n| class_has(n, "section"))
        .count();
}

#[test]
fn review_pages_hold_every_task_and_link_every_finding() {
    let mut seen = Seen::default();
    for name in FIXTURES {
        let (i, html) = review(name);
        check(name, &i, &html, &mut seen);
    }
    // the checks above did meet what they check
    assert!(seen.finding_task_links > 0, "no finding linked to a row");
    assert!(
        seen.finding_section_links > 0,
        "no count linked to its section"
    );
    assert!(seen.role_cells > 100, "cells coloured: {}", seen.role_cells);
    assert!(seen.sections > 0, "no section row marked");
    assert!(seen.prose_marks > 0, "no prose assignment marked");
}

#[test]
fn cells_take_their_columns_role() {
    let (i, html) = review("seeds/seed-000.pdf");
    let doc = parse(&html).unwrap();
    let columns = &i.extraction.tables[0].columns;
    let roles: HashSet<String> = columns
        .iter()
        .map(|c| {
            serde_json::to_value(c.role)
                .unwrap()
                .as_str()
                .unwrap()
                .replace('_', "-")
        })
        .collect();
    let drawn: HashSet<String> = doc
        .descendants()
        .filter_map(|n| n.attribute("class"))
        .filter(|c| c.starts_with("cell "))
        .flat_map(|c| c.split(' ').filter_map(|w| w.strip_prefix("role-")))
        .map(str::to_string)
        .collect();
    assert_eq!(drawn, roles);
}

fn congvan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_congvan"))
}

#[test]
fn review_command_writes_the_page_or_names_the_bad_file() {
    let dir = tempdir("cli");
    let out = dir.join("r.html");
    let ok = congvan()
        .arg("review")
        .arg(fixture("prose/cong-van.pdf"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("1520/SNV-CCHC"));
    let bad = dir.join("bad.html");
    let failed = congvan()
        .arg("review")
        .arg(fixture("not-a-pdf.pdf"))
        .arg("--out")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(err.contains("not-a-pdf.pdf"), "{err}");
    assert!(!bad.exists(), "nothing is written for a bad file");
}

#[test]
fn batch_review_writes_a_page_per_document_and_an_index() {
    let dir = tempdir("batch");
    let out = dir.join("out");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    for (from, to) in [
        ("seeds/seed-000.pdf", "Kế hoạch #1.pdf"),
        ("prose/cong-van.pdf", "sub/cv.pdf"),
        ("not-a-pdf.pdf", "hỏng.pdf"),
        // named like the batch's index: refused, the index stays the index
        ("prose/cong-dien.pdf", "_index.pdf"),
    ] {
        std::fs::copy(fixture(from), input.join(to)).unwrap();
    }
    // no document, beside one of the same stem: never linked to its page
    std::fs::write(input.join("sub/cv"), [0u8, 159, 146, 150, 255]).unwrap();
    let run = || {
        congvan()
            .args(["batch", "-q", "--review", "-f", "csv", "-o"])
            .arg(&out)
            .arg(&input)
            .output()
            .unwrap()
    };
    let first = run();
    assert_eq!(first.status.code(), Some(1), "the bad file fails");
    let index = std::fs::read_to_string(out.join("_index.html")).unwrap();
    let doc = parse(&index).unwrap();
    let links: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .filter_map(|a| a.attribute("href"))
        .collect();
    assert_eq!(
        links,
        ["K%E1%BA%BF%20ho%E1%BA%A1ch%20%231.html", "sub/cv.html"]
    );
    assert!(out.join("Kế hoạch #1.html").is_file());
    assert!(out.join("sub/cv.html").is_file());
    assert!(index.contains("hỏng.pdf"), "the failed file is listed");
    assert!(index.contains("the batch&#39;s own _index.html"), "{index}");
    let csv = std::fs::read(out.join("congvan.csv")).unwrap();
    // a second run reads nothing again and writes the same CSV from the outputs
    std::fs::remove_file(out.join("congvan.csv")).unwrap();
    let second = run();
    assert_eq!(second.status.code(), Some(1));
    let again = std::fs::read_to_string(out.join("_index.html")).unwrap();
    assert_eq!(again.matches("href=").count(), 2, "{again}");
    assert_eq!(std::fs::read(out.join("congvan.csv")).unwrap(), csv);
    // a review page removed is drawn again, though the JSON is up to date
    std::fs::remove_file(out.join("sub/cv.html")).unwrap();
    run();
    assert!(out.join("sub/cv.html").is_file());
    // other bytes read without --review, then with it: the page is redrawn
    std::fs::copy(fixture("prose/cong-dien.pdf"), input.join("sub/cv.pdf")).unwrap();
    congvan()
        .args(["batch", "-q", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    run();
    let page = std::fs::read_to_string(out.join("sub/cv.html")).unwrap();
    let json = std::fs::read_to_string(out.join("sub/cv.json")).unwrap();
    let x: serde_json::Value = serde_json::from_str(&json).unwrap();
    let number = x["document"]["number"].as_str().unwrap();
    assert!(page.contains(number), "page of the old bytes: {number}");
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("congvan-review-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
