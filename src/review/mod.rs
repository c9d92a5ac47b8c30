//! The review page (`congvan review`): one self-contained HTML file per
//! document, for a person checking what congvan read before trusting it.
//! Every page is drawn from what was read ([`page`]); beside the pages, the
//! records; above them, the document's fields and its findings, each linked
//! to the row or page it concerns. No script, no network, no external file:
//! the page opens anywhere, offline, and the HTML is well-formed XML.

mod page;

use std::fmt::Write;

use crate::Inspection;
use crate::model::{Extraction, Finding, Origin, TaskRecord};
use crate::table::Role;
use crate::validate::scope_path;

/// How a column's role is drawn: its CSS class and its Vietnamese name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RoleStyle {
    pub class: &'static str,
    pub name: &'static str,
}

/// Every role, in the order the legend lists them.
const ROLES: [Role; 9] = [
    Role::Tt,
    Role::Task,
    Role::Objective,
    Role::Product,
    Role::Lead,
    Role::Partners,
    Role::Deadline,
    Role::Note,
    Role::Extra,
];

pub(crate) fn role_style(role: Role) -> RoleStyle {
    let (class, name) = match role {
        Role::Tt => ("role-tt", "TT"),
        Role::Objective => ("role-objective", "Mục tiêu"),
        Role::Task => ("role-task", "Nhiệm vụ"),
        Role::Product => ("role-product", "Sản phẩm"),
        Role::Lead => ("role-lead", "Chủ trì"),
        Role::Partners => ("role-partners", "Phối hợp"),
        Role::Deadline => ("role-deadline", "Thời hạn"),
        Role::Note => ("role-note", "Ghi chú"),
        Role::Extra => ("role-extra", "Cột khác"),
    };
    RoleStyle { class, name }
}

/// The id of a record's `k`-th place on the pages: the first is
/// `task-N`, the rest (a row going on overleaf) `task-N-K`.
pub(crate) fn place_id(n: usize, k: usize) -> String {
    match k {
        0 => format!("task-{n}"),
        k => format!("task-{n}-{k}"),
    }
}

/// Escapes text for HTML and XML alike (text and quoted attributes).
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // characters XML does not allow (controls, U+FFFE, U+FFFF)
            c if (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = include_str!("review.css");

/// The meta tag naming what a page was drawn from: the input's sha256 and
/// the congvan version (a batch redraws a page of other bytes).
fn source_meta(sha: &str) -> String {
    format!(
        r#"<meta name="congvan-source" content="{} {}"/>"#,
        esc(sha),
        crate::batch::VERSION
    )
}

/// Whether the page at `path` was drawn by this version from the bytes
/// whose sha256 is `sha` (read from the head of the file).
pub fn is_of(path: &std::path::Path, sha: &str) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    String::from_utf8_lossy(&head[..n]).contains(&source_meta(sha))
}

/// The review page of one document.
pub fn html(i: &Inspection) -> String {
    let x = &i.extraction;
    let mut out = String::new();
    let title = format!("congvan: {}", x.source.file);
    let _ = write!(
        out,
        r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"/>{}<meta name="viewport" content="width=device-width, initial-scale=1"/><title>{}</title><style>{STYLE}</style></head><body>"#,
        source_meta(&x.source.sha256),
        esc(&title)
    );
    document(&mut out, x);
    let ix = page::Index::new(i, page_count(i));
    findings(&mut out, i, &ix);
    legend(&mut out);
    out.push_str(r#"<main><div class="pages">"#);
    for n in 1..=page_count(i) {
        let _ = write!(
            out,
            r#"<section class="page" id="page-{n}"><h2>Trang {n}</h2>{}{}</section>"#,
            not_drawn(i),
            page::svg(i, &ix, n)
        );
    }
    out.push_str(r#"</div><div class="records">"#);
    records(&mut out, i);
    out.push_str("</div></main></body></html>\n");
    out
}

/// Text with one cell per line is not laid on pages: its tables cannot be
/// drawn, only the lines outside them. Says so.
fn not_drawn(i: &Inspection) -> &'static str {
    let plain = i.pages.is_empty() && i.extraction.source.kind == crate::model::SourceKind::Text;
    match plain && !i.extraction.tables.is_empty() {
        true => {
            r#"<p class="none">Văn bản chữ mỗi ô một dòng: bảng không vẽ lại được theo vị trí; các nhiệm vụ đọc được ở bảng bên cạnh.</p>"#
        }
        false => "",
    }
}

/// Pages drawn: the PDF's, or the text's (laid-out text has pages; text
/// with one cell per line, one).
fn page_count(i: &Inspection) -> usize {
    if i.pages.is_empty() {
        i.text.len().max(1)
    } else {
        i.pages.len()
    }
}

/// The document's own fields, as read, and what was found in it.
fn document(out: &mut String, x: &Extraction) {
    let d = &x.document;
    let heading = [d.kind.as_deref(), d.number.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" số ");
    let _ = write!(
        out,
        r#"<header id="doc"><h1>{}</h1><p class="file">{} · {} trang · {}</p><dl>"#,
        esc(if heading.is_empty() {
            "Văn bản"
        } else {
            &heading
        }),
        esc(&x.source.file),
        x.source.pages,
        match x.source.kind {
            crate::model::SourceKind::Pdf => "PDF có lớp chữ",
            crate::model::SourceKind::Text => "văn bản chữ",
            crate::model::SourceKind::Ocr => "PDF scan, đọc bằng OCR",
        }
    );
    let fields = [
        ("Loại văn bản", &d.kind),
        ("Số ký hiệu", &d.number),
        ("Ngày", &d.date),
        ("Cơ quan chủ quản", &d.parent_issuer),
        ("Cơ quan ban hành", &d.issuer),
        ("Địa danh", &d.place),
        ("Trích yếu", &d.subject),
        ("Chức vụ người ký", &d.signer_title),
        ("Người ký", &d.signer),
        ("Kèm theo", &d.attached_to),
    ];
    for (name, v) in fields {
        let value = match v {
            Some(v) => esc(v),
            None => r#"<span class="none">không đọc được</span>"#.into(),
        };
        let _ = write!(out, "<dt>{name}</dt><dd>{value}</dd>");
    }
    let prose = x.tasks.iter().filter(|t| t.origin == Origin::Prose).count();
    let _ = write!(
        out,
        r#"</dl><p class="counts">{} nhiệm vụ: {} trong bảng, {} trong lời văn · {} bảng · {} phát hiện</p></header>"#,
        x.tasks.len(),
        x.tasks.len() - prose,
        prose,
        x.tables.len(),
        x.findings.len()
    );
}

/// The findings, each with links to what it concerns.
fn findings(out: &mut String, i: &Inspection, ix: &page::Index) {
    let x = &i.extraction;
    out.push_str(r#"<section id="findings"><h2>Phát hiện</h2>"#);
    if x.findings.is_empty() {
        out.push_str(r#"<p class="none">Không có phát hiện nào.</p></section>"#);
        return;
    }
    out.push_str("<ol>");
    for (k, f) in x.findings.iter().enumerate() {
        let severity = f.severity.as_str();
        let _ = write!(
            out,
            r#"<li id="finding-{k}" class="{severity}"><span class="code">{}</span> {} <span class="links">{}</span></li>"#,
            esc(&f.code),
            esc(&f.message),
            finding_links(i, ix, f).join(" ")
        );
    }
    out.push_str("</ol></section>");
}

/// Links to what a finding concerns, the most precise first: its rows, its
/// table, its page; the document itself where it names none of them.
fn finding_links(i: &Inspection, ix: &page::Index, f: &Finding) -> Vec<String> {
    let x = &i.extraction;
    let mut links: Vec<String> = f
        .tasks
        .iter()
        .filter(|&&n| n < x.tasks.len())
        .map(|&n| {
            let tt = x.tasks[n].tt.as_deref().unwrap_or("?");
            format!(
                r##"<a href="#{}">TT {}</a>"##,
                task_anchor(&x.tasks[n], n),
                esc(tt)
            )
        })
        .collect();
    // a section's count: its row
    if let Some(scope) = f.scope.as_deref() {
        let row = i.sections.iter().position(|s| {
            s.place.is_some()
                && Some(s.table) == f.table
                && scope_path(&s.path).as_deref() == Some(scope)
        });
        if let Some(k) = row {
            links.push(format!(
                r##"<a href="#section-{k}">mục {}</a>"##,
                esc(scope)
            ));
        }
    }
    if let Some(t) = f.table.filter(|&t| ix.first_grid(t).is_some()) {
        links.push(format!(r##"<a href="#table-{t}">bảng {}</a>"##, t + 1));
    }
    if let Some(p) = f.page.filter(|&p| p >= 1 && p <= page_count(i)) {
        links.push(format!(r##"<a href="#page-{p}">trang {p}</a>"##));
    }
    if links.is_empty() {
        links.push(r##"<a href="#doc">văn bản</a>"##.into());
    }
    links
}

/// Where a record is shown on the pages: its first place, else its first
/// page, else its line among the records.
fn task_anchor(t: &TaskRecord, n: usize) -> String {
    match (t.places.first(), t.pages.first()) {
        (Some(_), _) => place_id(n, 0),
        (None, Some(p)) => format!("page-{p}"),
        (None, None) => format!("rec-{n}"),
    }
}

/// What the role colours mean.
fn legend(out: &mut String) {
    out.push_str(r#"<p class="legend">"#);
    for r in ROLES {
        let s = role_style(r);
        let _ = write!(
            out,
            r#"<span class="swatch {}">{}</span> "#,
            s.class, s.name
        );
    }
    out.push_str(
        r#"<span class="swatch header">tiêu đề</span> <span class="swatch section">mục</span> <span class="swatch task">nhiệm vụ (bảng)</span> <span class="swatch prose">nhiệm vụ (lời văn)</span> <span class="swatch stamp">chữ ký số</span> <span class="swatch doubtful">OCR không chắc</span></p>"#,
    );
}

/// The records beside the pages: one line each, in output order (its
/// index is its place in the JSON's `tasks`), under its section.
fn records(out: &mut String, i: &Inspection) {
    let x = &i.extraction;
    out.push_str(
        r#"<h2>Nhiệm vụ</h2><table><thead><tr><th>#</th><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời hạn</th><th>Trang</th></tr></thead><tbody>"#,
    );
    let mut section: Option<String> = None;
    for (n, t) in x.tasks.iter().enumerate() {
        let path = t.section_path();
        if section.as_deref() != Some(path.as_str()) {
            if !path.is_empty() {
                let _ = write!(
                    out,
                    r#"<tr class="section"><td colspan="7">{}</td></tr>"#,
                    esc(&path)
                );
            }
            section = Some(path);
        }
        record(out, x, t, n);
    }
    out.push_str("</tbody></table>");
    if x.tasks.is_empty() {
        out.push_str(r#"<p class="none">Không đọc được nhiệm vụ nào.</p>"#);
    }
}

fn record(out: &mut String, x: &Extraction, t: &TaskRecord, n: usize) {
    let origin = match t.origin {
        Origin::Table => "table",
        Origin::Prose => "prose",
    };
    let tt = t.tt.as_deref().unwrap_or("—");
    let labelled = [
        ("", &t.task),
        ("Mục tiêu: ", &t.objective),
        ("Sản phẩm: ", &t.product),
    ];
    let what = labelled
        .into_iter()
        .filter_map(|(label, v)| v.as_ref().map(|v| format!("{label}{}", esc(v))))
        .collect::<Vec<_>>()
        .join("<br/>");
    let deadline = match (&t.deadline, &t.deadline_parsed) {
        (Some(d), Some(p)) => {
            let range = match (&p.start, &p.end) {
                (Some(a), Some(b)) if a == b => a.clone(),
                (Some(a), Some(b)) => format!("{a} – {b}"),
                (Some(a), None) => a.clone(),
                (None, Some(b)) => format!("… {b}"),
                (None, None) => String::new(),
            };
            format!(
                r#"{}<br/><span class="parsed">{}</span>"#,
                esc(d),
                esc(&range)
            )
        }
        (Some(d), None) => esc(d),
        (None, _) => String::new(),
    };
    let pages: Vec<String> = t.pages.iter().map(usize::to_string).collect();
    let table = t
        .table
        .and_then(|k| x.tables.get(k))
        .map_or(String::new(), |info| {
            format!(r#"<span class="from">bảng {}</span>"#, info.index + 1)
        });
    let confidence = t.confidence.map_or(String::new(), |c| {
        format!(r#"<span class="conf">OCR {c:.0}%</span>"#)
    });
    let _ = write!(
        out,
        r##"<tr id="rec-{n}" class="{origin}"><td>{}</td><td><a href="#{}">{}</a></td><td>{what}{table}{confidence}</td><td>{}</td><td>{}</td><td>{deadline}</td><td>{}</td></tr>"##,
        n + 1,
        task_anchor(t, n),
        esc(tt),
        esc(t.lead.as_deref().unwrap_or("")),
        esc(t.partners.as_deref().unwrap_or("")),
        pages.join(", ")
    );
}

/// The index of a batch's review pages (`batch --review`): every input
/// with what became of it, linked to its page. `out` is the batch's folder,
/// where the index is written: links are relative to it.
pub fn index(summary: &crate::batch::Summary, out: &std::path::Path) -> String {
    use crate::batch::Status;
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"/><title>congvan: {} văn bản</title><style>{STYLE}</style></head><body><header id="doc"><h1>Kết quả đọc {} văn bản</h1><p class="counts">{} đọc được · {} lỗi · {} bỏ qua · {} nhiệm vụ · {} phát hiện</p></header><main><table><thead><tr><th>Tệp</th><th>Kết quả</th><th>Trang</th><th>Nhiệm vụ</th><th>Phát hiện</th><th>Lỗi</th></tr></thead><tbody>"#,
        summary.files,
        summary.files,
        summary.ok,
        summary.failed,
        summary.skipped,
        summary.tasks,
        summary.findings
    );
    for e in &summary.entries {
        let name = match &e.review {
            Some(page) => {
                let path = std::path::Path::new(page);
                let href = path.strip_prefix(out).unwrap_or(path);
                let href: Vec<String> = href
                    .components()
                    .map(|c| percent(&c.as_os_str().to_string_lossy()))
                    .collect();
                format!(
                    r#"<a href="{}">{}</a>"#,
                    esc(&href.join("/")),
                    esc(&e.input)
                )
            }
            None => esc(&e.input),
        };
        let (class, result) = match e.status {
            Status::Ok => ("ok", "đọc được".to_string()),
            Status::Failed => ("error", e.message.clone().unwrap_or_default()),
            Status::Skipped => ("skipped", e.kind.clone().unwrap_or_default()),
        };
        let _ = write!(
            html,
            r#"<tr class="{class}"><td>{name}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            esc(&result),
            e.pages,
            e.tasks,
            e.findings,
            e.errors
        );
    }
    html.push_str("</tbody></table></main></body></html>\n");
    html
}

/// A path part as a URL writes it: bytes other than unreserved ones
/// percent-encoded (Vietnamese file names, spaces, "#").
fn percent(part: &str) -> String {
    part.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            esc("a<b & \"c\"\u{1}\u{ffff}"),
            "a&lt;b &amp; &quot;c&quot;"
        );
    }

    #[test]
    fn index_links_are_percent_encoded() {
        assert_eq!(
            percent("Kế hoạch #2.html"),
            "K%E1%BA%BF%20ho%E1%BA%A1ch%20%232.html"
        );
    }

    #[test]
    fn a_finding_without_place_links_the_document() {
        let i = Inspection {
            extraction: crate::tests::extraction(),
            pages: Vec::new(),
            widths: vec![595.0],
            text: Vec::new(),
            grids: Vec::new(),
            sections: Vec::new(),
        };
        let f = Finding {
            page: Some(9),
            ..Default::default()
        };
        // page 9 is not drawn: the link would lead nowhere
        let ix = page::Index::new(&i, 1);
        assert_eq!(
            finding_links(&i, &ix, &f),
            [r##"<a href="#doc">văn bản</a>"##]
        );
    }
}
