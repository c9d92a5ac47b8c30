//! congvan: task tables of Vietnamese administrative documents as JSON.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`pdf`] (glyphs, rules) → [`layout`] (lines) → [`table`] (grids, cells,
//! column roles) → [`records`] (tables, task records) → [`model`] (the JSON
//! contract). [`text`] holds the Vietnamese text rules all stages share.

pub mod batch;
pub mod document;
pub mod error;
pub mod export;
pub mod layout;
pub mod model;
pub mod ocr;
pub mod pdf;
pub mod prose;
pub mod records;
pub mod review;
pub mod table;
pub mod text;
pub mod textin;
pub mod validate;

use sha2::{Digest, Sha256};

pub use error::Error;
use model::{Extraction, Finding, SCHEMA_VERSION, Severity, Source, SourceKind};

/// The JSON Schema of [`Extraction`], the output contract.
pub const SCHEMA: &str = include_str!("../schemas/congvan.schema.json");

/// Share of a page one image must cover for a page without text to be a scan.
const SCAN_COVER: f32 = 0.5;

/// A document as congvan read it, with what the stages made on the way
/// (the review page draws it).
#[derive(Debug)]
pub struct Inspection {
    pub extraction: Extraction,
    /// The pages read: glyphs (OCR words for a scan), rules; empty for text
    /// with one cell per line, which is not laid on pages.
    pub pages: Vec<pdf::Page>,
    /// The width of each page (of the text's one page for text with one
    /// cell per line).
    pub widths: Vec<f32>,
    /// Per page, the lines outside any table, as the later stages read them.
    pub text: Vec<Vec<layout::Line>>,
    /// Every grid of every page and how it was read.
    pub grids: Vec<records::GridReading>,
    /// Section rows of the tables, in document order.
    pub sections: Vec<records::Section>,
}

/// What an [`Inspection`] keeps of the stages besides the extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The pages (a PDF's) and page text only: what extraction holds anyway.
    Records,
    /// The grids and the pages of laid-out text as well (the review page).
    All,
}

/// Extracts one PDF held in memory. `file` is the name reported in the output.
pub fn extract_pdf(bytes: &[u8], file: &str, limits: &pdf::Limits) -> Result<Extraction, Error> {
    inspect_pdf(bytes, file, limits, Keep::Records).map(|i| i.extraction)
}

/// [`extract_pdf`], keeping what the stages made.
pub fn inspect_pdf(
    bytes: &[u8],
    file: &str,
    limits: &pdf::Limits,
    keep: Keep,
) -> Result<Inspection, Error> {
    let (pages, kind, unread) = read_pages(bytes, limits)?;
    let no_text = pages.iter().all(|p| !has_own_text(p));
    let assembly = records::assemble(&pages, keep == Keep::All);
    let widths: Vec<f32> = pages.iter().map(|p| p.width).collect();
    let (
        mut x,
        Kept {
            text,
            grids,
            sections,
        },
    ) = finish(
        assembly,
        &widths,
        Source {
            file: file.to_string(),
            sha256: sha256_hex(bytes),
            pages: pages.len(),
            kind,
            congvan_version: batch::VERSION,
        },
    );
    if kind == SourceKind::Ocr {
        ocr_confidence(&mut x, &pages);
    }
    x.findings.extend(unread);
    if no_text {
        x.findings.insert(
            0,
            model::Finding {
                code: "no_text".into(),
                severity: model::Severity::Info,
                message: "Văn bản không có chữ (trang trắng hoặc chỉ có hình vẽ)".into(),
                ..Default::default()
            },
        );
    }
    Ok(Inspection {
        extraction: x,
        pages,
        widths,
        text,
        grids,
        sections,
    })
}

/// A PDF's pages with their text: scanned pages (one large image, no text
/// of their own, or a junk OCR layer) read by OCR unless `limits.ocr` is
/// off; what the text came from; and a finding for scanned pages left
/// unread beside typed ones (OCR failed there: the typed pages still count).
fn read_pages(
    bytes: &[u8],
    limits: &pdf::Limits,
) -> Result<(Vec<pdf::Page>, SourceKind, Option<Finding>), Error> {
    let mut pages = read_pdf(bytes, limits)?;
    let junk_at = junk_pages(&pages);
    let typed = (0..pages.len()).any(|i| has_own_text(&pages[i]) && !junk_at[i]);
    let junk = junk_at.iter().any(|&j| j);
    let scans: Vec<usize> = (0..pages.len())
        .filter(|&i| {
            let p = &pages[i];
            p.image_cover >= SCAN_COVER && (!has_own_text(p) || junk_at[i])
        })
        .collect();
    let Some(settings) = limits.ocr.as_ref().filter(|_| !scans.is_empty()) else {
        return match (scans.is_empty(), junk, typed) {
            (false, true, _) => Err(Error::UnreadableText),
            // a scanned page among typed ones is left unread, as before OCR
            (false, false, false) => Err(Error::NoTextLayer),
            _ => Ok((pages, SourceKind::Pdf, None)),
        };
    };
    let mut unread: Vec<(usize, ocr::OcrError)> = Vec::new();
    // one page after another: a batch's -j bounds the Tesseract processes
    for &i in &scans {
        let password = limits.password.as_deref();
        match ocr::read_page(bytes, &pages[i], settings, password, limits.deadline) {
            Ok(page) => pages[i] = page,
            Err(e) if typed && !matches!(e, ocr::OcrError::Timeout(_)) => {
                unread.push((pages[i].number, e))
            }
            Err(e) => return Err(e.into()),
        }
    }
    ocr::quarters::settle(&mut pages);
    let finding = (!unread.is_empty()).then(|| {
        let numbers: Vec<String> = unread.iter().map(|(n, _)| n.to_string()).collect();
        Finding {
            code: "ocr_failed".into(),
            severity: Severity::Warning,
            message: format!(
                "Không đọc được trang scan {} bằng OCR ({}): các trang khác vẫn được đọc",
                numbers.join(", "),
                unread[0].1
            ),
            page: unread.first().map(|u| u.0),
            ..Default::default()
        }
    });
    Ok((pages, SourceKind::Ocr, finding))
}

/// Whether a page holds text of its own (not only a signature's stamp).
fn has_own_text(page: &pdf::Page) -> bool {
    page.glyphs
        .iter()
        .any(|g| !g.stamp && !g.text.trim().is_empty())
}

/// Below this mean word confidence a task read by OCR is named in an
/// `ocr_low_confidence` finding: a person should check it against the page.
pub(crate) const OCR_DOUBTFUL: f32 = 70.0;

/// Gives prose tasks read by OCR their pages' mean word confidence (table
/// tasks have their cells'), and names the doubtful ones in a finding.
fn ocr_confidence(x: &mut Extraction, pages: &[pdf::Page]) {
    for t in x.tasks.iter_mut().filter(|t| t.confidence.is_none()) {
        let words = t
            .pages
            .iter()
            .filter_map(|&n| pages.get(n.wrapping_sub(1)))
            .flat_map(|p| &p.word_confidence);
        let (sum, n) = words.fold((0.0, 0), |(s, n), w| (s + w.conf, n + 1));
        t.confidence = model::mean_confidence(sum, n);
    }
    // a page read poorly as a whole (a faint or damaged scan, a hand)
    for page in pages.iter().filter(|p| !p.word_confidence.is_empty()) {
        let mean = ocr::mean_confidence(page);
        if mean < OCR_DOUBTFUL {
            x.findings.push(Finding {
                code: "ocr_low_confidence".into(),
                severity: Severity::Warning,
                message: format!(
                    "Trang {} đọc bằng OCR có độ tin cậy thấp ({mean:.0}%): cần đối chiếu với bản gốc",
                    page.number
                ),
                page: Some(page.number),
                ..Default::default()
            });
        }
    }
    let doubtful: Vec<usize> = (0..x.tasks.len())
        .filter(|&i| x.tasks[i].confidence.is_some_and(|c| c < OCR_DOUBTFUL))
        .collect();
    if doubtful.is_empty() {
        return;
    }
    let tts: Vec<String> = doubtful
        .iter()
        .map(|&i| x.tasks[i].tt.clone().unwrap_or_default())
        .collect();
    let named: Vec<&str> = tts
        .iter()
        .filter(|t| !t.is_empty())
        .map(String::as_str)
        .collect();
    x.findings.push(Finding {
        code: "ocr_low_confidence".into(),
        severity: Severity::Warning,
        message: format!(
            "{} nhiệm vụ đọc bằng OCR có độ tin cậy thấp (dưới {OCR_DOUBTFUL:.0}%){}: cần đối chiếu với bản gốc",
            doubtful.len(),
            if named.is_empty() { String::new() } else { format!(", TT {}", named.join(", ")) }
        ),
        found: Some(doubtful.len()),
        tasks: doubtful,
        tts,
        ..Default::default()
    });
}

/// Below this share of words shaped like Vietnamese syllables, the text
/// drawn over page images is a failed OCR layer ("CÔNG AN TÈNH LÂM ÒNG
/// SÑg8"). Measured: such layers 0.23–0.36, real text layers 0.94 and up.
const OCR_MIN_SHARE: f32 = 0.7;
/// Fewer words than this say too little to judge.
const OCR_MIN_WORDS: usize = 30;

/// Per page, whether it is drawn over a page image and carries a junk text
/// layer: its own text (not signature stamps) is not Vietnamese words. A
/// page with too few words to judge is judged with the first scanned
/// pages', taken together (judged once for the document).
fn junk_pages(pages: &[pdf::Page]) -> Vec<bool> {
    let mut together: Option<bool> = None;
    pages
        .iter()
        .map(|page| {
            if page.image_cover < SCAN_COVER || !has_own_text(page) {
                return false;
            }
            junk_share(std::slice::from_ref(&page)).unwrap_or_else(|| {
                *together.get_or_insert_with(|| {
                    let scanned: Vec<&pdf::Page> = pages
                        .iter()
                        .filter(|p| p.image_cover >= SCAN_COVER)
                        .take(3)
                        .collect();
                    junk_share(&scanned).unwrap_or(false)
                })
            })
        })
        .collect()
}

/// Whether the own text of `pages` is junk, where there is enough to say.
fn junk_share(pages: &[&pdf::Page]) -> Option<bool> {
    let text: String = pages
        .iter()
        .flat_map(|p| {
            let own: Vec<&pdf::Glyph> = p.glyphs.iter().filter(|g| !g.stamp).collect();
            layout::lines(&own).into_iter().map(|l| l.text + "\n")
        })
        .collect();
    let (share, words) = text::syllable::share(&text);
    (words >= OCR_MIN_WORDS).then_some(share < OCR_MIN_SHARE)
}

/// A PDF's pages; bytes of another kind (a Word file, a picture) say so.
fn read_pdf(bytes: &[u8], limits: &pdf::Limits) -> Result<Vec<pdf::Page>, Error> {
    pdf::read(bytes, limits).map_err(|e| match e {
        pdf::PdfError::NotPdf => Error::of_foreign_bytes(bytes).unwrap_or(Error::Pdf(e)),
        e => Error::Pdf(e),
    })
}

/// Extracts text another tool already took out of a document (UTF-8).
pub fn extract_text(bytes: &[u8], file: &str) -> Result<Extraction, Error> {
    inspect_text(bytes, file, Keep::Records).map(|i| i.extraction)
}

/// [`extract_text`], keeping what the stages made.
pub fn inspect_text(bytes: &[u8], file: &str, keep: Keep) -> Result<Inspection, Error> {
    if bytes.is_empty() {
        return Err(Error::Pdf(pdf::PdfError::Empty));
    }
    let (text, legacy) = read_text(bytes);
    let (mut assembly, widths, pages) = textin::read(&text, legacy, keep == Keep::All);
    if let Some(legacy) = legacy {
        let name = match legacy {
            text::Legacy::Vni => "VNI Windows",
            _ => "TCVN3 (ABC)",
        };
        assembly.findings.push(Finding {
            code: "legacy_encoding".into(),
            severity: Severity::Info,
            message: format!("Văn bản dùng bảng mã {name} cũ, đã được chuyển sang Unicode"),
            ..Default::default()
        });
    }
    let (
        extraction,
        Kept {
            text,
            grids,
            sections,
        },
    ) = finish(
        assembly,
        &widths,
        Source {
            file: file.to_string(),
            sha256: sha256_hex(bytes),
            pages: widths.len(),
            kind: SourceKind::Text,
            congvan_version: batch::VERSION,
        },
    );
    Ok(Inspection {
        extraction,
        pages,
        widths,
        text,
        grids,
        sections,
    })
}

/// A text file's characters, not yet decoded, and the legacy encoding they
/// are in, if any: read as UTF-8, or byte for byte when they are not UTF-8
/// (a legacy file).
fn read_text(bytes: &[u8]) -> (String, Option<text::Legacy>) {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    };
    let legacy = text::Legacy::of_text(&text);
    (text, legacy)
}

/// The body of a document as the prose stage reads it: its items, nested by
/// their labels (`congvan items FILE`, a debugging view).
pub fn body_items(
    path: &std::path::Path,
    limits: &pdf::Limits,
) -> Result<Vec<prose::items::Item>, Error> {
    let bytes = batch::read_input(path)?;
    let (assembly, widths) = if batch::sniff_bytes(&bytes, path) == batch::InputKind::Text {
        // laid on the same page as extraction lays it
        let (text, legacy) = read_text(&bytes);
        let (assembly, widths, _) = textin::read(&text, legacy, false);
        (assembly, widths)
    } else {
        let (pages, ..) = read_pages(&bytes, limits)?;
        let widths = pages.iter().map(|p| p.width).collect();
        (records::assemble(&pages, false), widths)
    };
    Ok(prose::items(&page_texts(&assembly.text, &widths)))
}

/// The grids of a document's pages, ruled and borderless, as the table
/// stage finds them (`congvan grids FILE`, a debugging view): per grid its
/// page, kind, column borders and rows of cell texts.
pub fn page_grids(path: &std::path::Path, limits: &pdf::Limits) -> Result<String, Error> {
    let bytes = batch::read_input(path)?;
    let pages = if batch::sniff_bytes(&bytes, path) == batch::InputKind::Text {
        let (text, legacy) = read_text(&bytes);
        textin::pages::pages(&text, legacy).collect()
    } else {
        read_pages(&bytes, limits)?.0
    };
    let mut out = String::new();
    let mut before: Option<table::Grid> = None;
    for page in &pages {
        for g in table::grids(page, before.as_ref()) {
            out.push_str(&g.outline());
            before = Some(g);
        }
    }
    Ok(out)
}

/// Each page's lines as the layout stage sets them (`congvan lines FILE`,
/// a debugging view): place, size, bold, text.
pub fn page_lines(path: &std::path::Path, limits: &pdf::Limits) -> Result<String, Error> {
    let bytes = batch::read_input(path)?;
    let (pages, kind, _) = read_pages(&bytes, limits)?;
    let mut out = format!("{kind:?}\n");
    for page in &pages {
        out.push_str(&format!("page {}\n", page.number));
        let glyphs: Vec<&pdf::Glyph> = page.glyphs.iter().collect();
        for l in layout::lines(&glyphs) {
            let bold = if l.bold { "B" } else { " " };
            out.push_str(&format!(
                "  {:>6.1} {:>6.1} {:>5.1} {bold} {}\n",
                l.x0, l.top, l.size, l.text
            ));
        }
    }
    Ok(out)
}

fn page_texts<'a>(text: &'a [Vec<layout::Line>], widths: &[f32]) -> Vec<document::PageText<'a>> {
    widths
        .iter()
        .zip(text)
        .map(|(&width, lines)| document::PageText { width, lines })
        .collect()
}

/// What [`finish`] keeps of the records stage for an [`Inspection`].
struct Kept {
    text: Vec<Vec<layout::Line>>,
    grids: Vec<records::GridReading>,
    sections: Vec<records::Section>,
}

/// The stages after the tables: document fields, declared counts, findings;
/// with the extraction, what of the records stage they were read from.
fn finish(assembly: records::Assembly, page_widths: &[f32], source: Source) -> (Extraction, Kept) {
    let page_text = page_texts(&assembly.text, page_widths);
    let document = document::fields(&page_text);
    let (prose, paragraphs) = prose::read(&page_text, &document);
    let mut table_tasks = assembly.tasks;
    records::schedule::fill_purposes(
        &mut table_tasks,
        &assembly.tables,
        document.subject.as_deref(),
    );
    records::split_lead_and_partners(&mut table_tasks, &assembly.tables);
    let (declared_counts, mut findings) = validate::validate(&validate::Input {
        tables: &assembly.tables,
        tasks: &table_tasks,
        sections: &assembly.sections,
        paragraphs: &paragraphs,
        prose: &prose,
    });
    // rows the text scrambled cannot be counted against what it declares
    if assembly.findings.iter().any(|f| f.code == "reading_order") {
        findings.retain(|f| f.code != "count_mismatch");
    }
    findings.extend(assembly.findings);
    place_in_body(&mut table_tasks, &assembly.tables, &page_text);
    let mut tasks = table_tasks;
    tasks.extend(prose);
    // the plan's year: its date's, or its subject's where a draft leaves the day blank
    let year = document
        .date
        .as_deref()
        .or(document.subject.as_deref())
        .and_then(records::deadline::year_in);
    let subject_year = document
        .subject
        .as_deref()
        .and_then(records::deadline::subject_year);
    let reports = document.kind.as_deref() == Some("BÁO CÁO");
    records::deadline::fill_years(&mut tasks, &assembly.tables, (subject_year, year, reports));
    let x = Extraction {
        schema_version: SCHEMA_VERSION,
        source,
        document,
        tables: assembly.tables,
        tasks,
        declared_counts,
        findings,
    };
    let kept = Kept {
        text: assembly.text,
        grids: assembly.grids,
        sections: assembly.sections,
    };
    (x, kept)
}

/// A table set in the body under headings ("II.", "1.", "a)") takes them
/// as the outer sections of its rows. Appendix tables (with a "Phụ lục"
/// title) stand outside the body.
fn place_in_body(
    tasks: &mut [model::TaskRecord],
    tables: &[model::TableInfo],
    page_text: &[document::PageText],
) {
    let in_body: Vec<&model::TableInfo> = tables
        .iter()
        .filter(|t| t.title.is_none() && t.at.0 > 0)
        .collect();
    if in_body.is_empty() {
        return;
    }
    let tree = prose::items(page_text);
    for table in in_body {
        let outer = prose::headings_over(&tree, table.at.0, table.at.1);
        if outer.is_empty() {
            continue;
        }
        for t in tasks.iter_mut().filter(|t| t.table == Some(table.index)) {
            t.section.splice(0..0, outer.iter().cloned());
        }
    }
}

/// Reads and extracts a file (`-` is standard input), turning any panic
/// inside into an error so that one bad document never takes a batch down.
pub fn extract_file(path: &std::path::Path, limits: &pdf::Limits) -> Result<Extraction, Error> {
    let bytes = batch::read_input(path)?;
    extract_bytes(&bytes, &path.display().to_string(), path, limits)
}

/// Extracts a document held in memory, PDF or text by its content (and
/// `path`'s extension); `name` is what the output reports as its file.
pub fn extract_bytes(
    bytes: &[u8],
    name: &str,
    path: &std::path::Path,
    limits: &pdf::Limits,
) -> Result<Extraction, Error> {
    inspect_bytes(bytes, name, path, limits, Keep::Records).map(|i| i.extraction)
}

/// [`extract_bytes`], keeping what the stages made.
pub fn inspect_bytes(
    bytes: &[u8],
    name: &str,
    path: &std::path::Path,
    limits: &pdf::Limits,
    keep: Keep,
) -> Result<Inspection, Error> {
    let text = batch::sniff_bytes(bytes, path) == batch::InputKind::Text;
    std::panic::catch_unwind(|| {
        if text {
            inspect_text(bytes, name, keep)
        } else {
            inspect_pdf(bytes, name, limits, keep)
        }
    })
    .unwrap_or_else(|p| Err(Error::Internal(panic_message(&p))))
}

pub(crate) fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_with_words(confs: &[f32]) -> pdf::Page {
        let words = confs
            .iter()
            .map(|&conf| pdf::WordConfidence {
                x0: 0.0,
                x1: 1.0,
                top: 0.0,
                bottom: 1.0,
                conf,
            })
            .collect();
        pdf::Page {
            number: 1,
            word_confidence: words,
            ..Default::default()
        }
    }

    /// An empty extraction of a one-page scan.
    pub(crate) fn extraction() -> Extraction {
        Extraction {
            schema_version: SCHEMA_VERSION,
            source: Source {
                file: "x.pdf".into(),
                sha256: String::new(),
                pages: 1,
                kind: SourceKind::Ocr,
                congvan_version: batch::VERSION,
            },
            document: Default::default(),
            tables: Vec::new(),
            tasks: Vec::new(),
            declared_counts: Vec::new(),
            findings: Vec::new(),
        }
    }

    #[test]
    fn doubtful_ocr_tasks_are_named() {
        let task = |tt: &str, confidence: Option<f32>| model::TaskRecord {
            tt: Some(tt.into()),
            confidence,
            pages: vec![1],
            ..Default::default()
        };
        let mut x = Extraction {
            tasks: vec![
                task("1", Some(95.0)),
                task("2", Some(41.5)),
                task("a", None),
            ],
            ..extraction()
        };
        ocr_confidence(&mut x, &[page_with_words(&[60.0, 70.0])]);
        // the prose-like task without cells takes its page's mean
        assert_eq!(x.tasks[2].confidence, Some(65.0));
        // the page as a whole is doubtful, then the rows
        assert_eq!(x.findings[0].page, Some(1));
        let f = &x.findings[1];
        assert_eq!(f.code, "ocr_low_confidence");
        assert_eq!(f.tasks, [1, 2]);
        assert_eq!(f.tts, ["2", "a"]);
    }
}
