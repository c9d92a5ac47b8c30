//! The human report of `congvan validate`, in Vietnamese for the official
//! who checks a document before entering it into a tracker.

use std::fmt::Write;

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
