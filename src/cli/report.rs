//! The human report of `congvan validate`, in Vietnamese for the official
//! who checks a document before entering it into a tracker.

use std::fmt::Write;

use congvan::batch::{Entry, Status};
use congvan::model::{Extraction, Severity};

pub fn render(x: &Extraction) -> String {
    let mut out = String::new();
    let d = &x.document;
    let what: Vec<&str> = [d.kind.as_deref(), d.number.as_deref(), d.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let _ = writeln!(
        out,
        "{}: {} — {} bảng, {} nhiệm vụ",
        x.source.file,
        if what.is_empty() {
            "văn bản".to_string()
        } else {
            what.join(" ")
        },
        x.tables.len(),
        x.tasks.len()
    );
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

/// `validate --json`: what a checker needs of one document.
pub fn json(x: &Extraction) -> serde_json::Value {
    serde_json::json!({
        "file": x.source.file,
        "status": "ok",
        "document": x.document,
        "tables": x.tables.len(),
        "tasks": x.tasks.len(),
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
