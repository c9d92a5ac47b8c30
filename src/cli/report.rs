//! The human report of `congvan validate`, in Vietnamese for the official
//! who checks a document before entering it into a tracker.

use std::fmt::Write;

use congvan::batch::{Entry, Status};
use congvan::model::{Extraction, Origin, Severity, TaskRecord};

pub fn render(x: &Extraction) -> String {
    let mut out = String::new();
    let d = &x.document;
    let what: Vec<&str> = [d.kind.as_deref(), d.number.as_deref(), d.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let prose = x.tasks.iter().filter(|t| t.origin == Origin::Prose).count();
    let _ = writeln!(
        out,
        "{}: {} — {} bảng, {} nhiệm vụ trong bảng, {} nhiệm vụ giao trong văn bản",
        x.source.file,
        if what.is_empty() {
            "văn bản".to_string()
        } else {
            what.join(" ")
        },
        x.tables.len(),
        x.tasks.len() - prose,
        prose
    );
    assignments(&mut out, x);
    if !x.declared_counts.is_empty() {
        let _ = writeln!(out, "  Số lượng khai báo:");
        for c in &x.declared_counts {
            let scope = if c.scope == "document" {
                "toàn văn bản".to_string()
            } else {
                format!("mục {}", c.scope)
            };
            let mark = if c.declared == c.found {
                "khớp"
            } else {
                "LỆCH"
            };
            let page = c.page.map(|p| format!(" (trang {p})")).unwrap_or_default();
            let _ = writeln!(
                out,
                "    {scope:<14} khai báo {:>3}, có {:>3}  {mark}{page}",
                c.declared, c.found
            );
        }
    }
    if x.findings.is_empty() {
        let _ = writeln!(out, "  Không có phát hiện nào.");
    } else {
        let _ = writeln!(out, "  Phát hiện:");
        for f in &x.findings {
            let level = match f.severity {
                Severity::Error => "LỖI",
                Severity::Warning => "cảnh báo",
                Severity::Info => "thông tin",
            };
            let page = f.page.map(|p| format!(" (trang {p})")).unwrap_or_default();
            let _ = writeln!(out, "    [{level}] {}{page} — {}", f.message, f.code);
        }
    }
    out
}

/// The prose assignments by unit: who must do what, by when.
fn assignments(out: &mut String, x: &Extraction) {
    let by_unit = by_unit(x);
    if by_unit.is_empty() {
        return;
    }
    let _ = writeln!(out, "  Nhiệm vụ giao theo đơn vị:");
    for (unit, tasks) in by_unit {
        let _ = writeln!(out, "    {unit}:");
        for t in tasks {
            let label =
                t.tt.as_deref()
                    .map(|l| format!("{l}. "))
                    .unwrap_or_default();
            let when = t.deadline.as_deref().unwrap_or("không nêu thời hạn");
            let page = t
                .pages
                .first()
                .map(|p| format!(", trang {p}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "      - {label}{} ({when}{page})",
                short(t.task.as_deref().unwrap_or(""))
            );
        }
    }
}

/// Prose records grouped by each unit they lead, in order of first mention.
fn by_unit(x: &Extraction) -> Vec<(String, Vec<&TaskRecord>)> {
    let mut out: Vec<(String, Vec<&TaskRecord>)> = Vec::new();
    for t in x.tasks.iter().filter(|t| t.origin == Origin::Prose) {
        let units = if t.lead_units.is_empty() {
            t.lead.iter().cloned().collect()
        } else {
            t.lead_units.clone()
        };
        for u in units {
            match out.iter_mut().find(|(name, _)| *name == u) {
                Some((_, tasks)) => tasks.push(t),
                None => out.push((u, vec![t])),
            }
        }
    }
    out
}

/// A task's first words, to fit one line of a report.
fn short(t: &str) -> String {
    const WORDS: usize = 24;
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() <= WORDS {
        words.join(" ")
    } else {
        format!("{} …", words[..WORDS].join(" "))
    }
}

/// `validate --json`: what a checker needs of one document.
pub fn json(x: &Extraction) -> serde_json::Value {
    serde_json::json!({
        "file": x.source.file,
        "status": "ok",
        "document": x.document,
        "tables": x.tables.len(),
        "tasks": x.tasks.len(),
        "assignments": by_unit(x)
            .into_iter()
            .map(|(unit, tasks)| serde_json::json!({
                "unit": unit,
                "tasks": tasks.iter().map(|t| serde_json::json!({
                    "tt": t.tt,
                    "task": t.task,
                    "partners": t.partners,
                    "deadline": t.deadline,
                    "deadline_parsed": t.deadline_parsed,
                    "pages": t.pages,
                })).collect::<Vec<_>>(),
            }))
            .collect::<Vec<_>>(),
        "declared_counts": x.declared_counts,
        "findings": x.findings,
    })
}

/// `validate --json` for a document that could not be read.
pub fn json_failure(e: &Entry) -> serde_json::Value {
    serde_json::json!({
        "file": e.input,
        "status": "failed",
        "kind": e.kind,
        "message": e.message,
    })
}

/// The closing line of a multi-document `validate`.
#[derive(serde::Serialize)]
pub struct Total {
    pub documents: usize,
    pub unreadable: usize,
    pub with_errors: usize,
    pub findings: usize,
}

impl Total {
    pub fn of(entries: &[Entry]) -> Total {
        let read: Vec<&Entry> = entries.iter().filter(|e| e.status == Status::Ok).collect();
        Total {
            documents: read.len(),
            unreadable: entries
                .iter()
                .filter(|e| e.status == Status::Failed)
                .count(),
            with_errors: read.iter().filter(|e| e.errors > 0).count(),
            findings: read.iter().map(|e| e.findings).sum(),
        }
    }

    pub fn render(&self) -> String {
        format!(
            "Tổng cộng: {} văn bản đã đọc, {} không đọc được, {} có lỗi, {} phát hiện\n",
            self.documents, self.unreadable, self.with_errors, self.findings
        )
    }
}
