//! PDF stage: a file's pages as positioned glyphs and ruling lines.
//!
//! Content streams are interpreted here on lopdf rather than through
//! pdf-extract: see DESIGN notes in the README ("Why our own interpreter").

mod annots;
mod cmap;
mod encoding;
mod font;
mod geometry;
mod interp;
mod objects;
mod raw;
mod rebuild;

use std::collections::HashMap;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use geometry::Matrix;
use objects::{deref, dict_get, number, numbers};
pub(crate) use raw::RawStreams;

/// A glyph on a page, in page space: points, origin at the top left of the
/// visible (crop) box, y growing downwards, rotation applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// One character or ligature: kept inline, not on the heap.
    pub text: compact_str::CompactString,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub baseline: f32,
    /// Effective font size in points.
    pub size: f32,
    pub bold: bool,
    /// The font's name without subset prefix ("LiberationSerif-Bold"); also
    /// what tells legacy Vietnamese encodings (".VnTime", "VNI-Times") apart.
    pub font: std::sync::Arc<str>,
    /// Drawn by an annotation's appearance (a signature stamp), not by the
    /// page: a scanned page with a signature is still a scan.
    pub stamp: bool,
}

/// A thin line or rectangle, the stuff table borders are drawn with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

impl Rule {
    pub fn is_horizontal(&self) -> bool {
        self.x1 - self.x0 > self.bottom - self.top
    }
}

/// One page as the later stages see it.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// 1-based page number.
    pub number: usize,
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Boxes filled with a colour (shaded rows, cells, a header's band):
    /// their edges part rows a table draws without rules.
    pub shades: Vec<Rule>,
    /// Images drawn (a page of images and no glyphs is a scan).
    pub images: usize,
    /// The largest share of the page one image covers (0..1).
    pub image_cover: f32,
    /// Pixels per inch of that image (0 where unknown): a scan's resolution.
    pub image_ppi: f32,
    /// A page read by OCR: each word's box and Tesseract's confidence in
    /// it; empty for a page whose text the PDF holds.
    pub word_confidence: Vec<WordConfidence>,
}

/// The box of a word read by OCR and how sure the reading is (0–100).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordConfidence {
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    pub conf: f32,
}

/// Bounds on what one document may cost.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_pages: usize,
    pub max_stream_bytes: usize,
    pub max_operations: usize,
    pub max_glyphs_per_page: usize,
    pub max_rules_per_page: usize,
    /// Past this instant the interpreter stops early: the caller has given
    /// up on the document (its wall-clock budget ran out).
    pub deadline: Option<std::time::Instant>,
    /// The user password of an encrypted file (`--password`); the empty one
    /// is always tried.
    pub password: Option<String>,
    /// How scanned pages are read; `None` refuses them (`--no-ocr`).
    pub ocr: Option<crate::ocr::Settings>,
}

impl Limits {
    pub fn expired(&self) -> bool {
        self.deadline
            .is_some_and(|d| std::time::Instant::now() >= d)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pages: 2_000,
            max_stream_bytes: 64 << 20,
            max_operations: 20_000_000,
            max_glyphs_per_page: 500_000,
            max_rules_per_page: 100_000,
            deadline: None,
            password: None,
            ocr: Some(crate::ocr::Settings::default()),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("empty file")]
    Empty,
    #[error("not a PDF (no %PDF- header)")]
    NotPdf,
    #[error("encrypted PDF that needs a password: give it with --password")]
    Encrypted,
    #[error("encrypted PDF that the password given does not open: check it (--password)")]
    WrongPassword,
    #[error("damaged PDF that cannot be read: {0}")]
    Damaged(String),
    #[error("the PDF has no pages")]
    NoPages,
}

/// Reads every page of a PDF held in memory.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, PdfError> {
    let doc = open(bytes, limits)?;
    let pages = pages(&doc, limits.max_pages);
    let raw = RawStreams::new(&bytes[header_offset(bytes).unwrap_or(0)..]);
    let mut fonts = HashMap::new();
    let mut operations = 0usize;
    let mut out = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        if limits.expired() {
            break;
        }
        let page_limits = Limits {
            max_operations: limits.max_operations.saturating_sub(operations),
            ..limits.clone()
        };
        let page = read_page(&doc, &raw, page, number + 1, &page_limits, &mut fonts);
        operations += page.1;
        out.push(page.0);
    }
    Ok(out)
}

/// The document with at least one page: as its cross-reference table
/// says, or, when that is broken or leads to no page, rebuilt from the
/// objects found in the file.
fn open(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    let loaded = load(bytes, limits);
    match &loaded {
        Ok(doc) if !pages(doc, 1).is_empty() => return loaded,
        Ok(_) | Err(PdfError::Damaged(_)) => {}
        Err(_) => return loaded,
    }
    // an encrypted file's objects cannot be read without its trailer
    let rebuilt = body_of(bytes)
        .ok()
        .filter(|body| find(body, b"/Encrypt").is_none())
        .and_then(|body| rebuild::rebuild(&body))
        .and_then(|file| Document::load_mem_with_options(&file, options(limits, None)).ok())
        .filter(|doc| !pages(doc, 1).is_empty());
    match (rebuilt, loaded) {
        (Some(doc), _) => Ok(doc),
        (None, Ok(_)) => Err(PdfError::NoPages),
        (None, Err(e)) => Err(e),
    }
}

/// The file from its "%PDF-" header on. Some files carry junk before the
/// header; readers accept up to 1 KiB. A file with no header at all but
/// with numbered objects and a trailer is read as well, as viewers do.
fn body_of(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    match header_offset(bytes) {
        Some(start) => Ok(bytes[start..].into()),
        None if looks_like_pdf_body(bytes) => Ok([b"%PDF-1.4\n".as_slice(), bytes].concat().into()),
        None => Err(PdfError::NotPdf),
    }
}

fn options(limits: &Limits, password: Option<&str>) -> LoadOptions {
    LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        password: password.map(String::from),
        ..LoadOptions::default()
    }
}

fn load(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    let body = body_of(bytes)?;
    let load =
        |password: Option<&str>| Document::load_mem_with_options(&body, options(limits, password));
    let doc = load(None).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => PdfError::Encrypted,
        e => PdfError::Damaged(e.to_string()),
    })?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        // Most encrypted files only restrict printing or copying: their user
        // password is empty, and a viewer opens them without asking.
        let passwords = [Some(""), limits.password.as_deref()];
        for password in passwords.into_iter().flatten() {
            if let Ok(opened) = load(Some(password))
                && (opened.encryption_state.is_some() || !opened.is_encrypted())
            {
                return Ok(opened);
            }
        }
        let refused = match limits.password {
            Some(_) => PdfError::WrongPassword,
            None => PdfError::Encrypted,
        };
        return open_as_viewers_do(&body, limits).ok_or(refused);
    }
    Ok(doc)
}

/// An encrypted file lopdf will not open that viewers do: one where only
/// embedded files are encrypted (streams and strings use the /Identity
/// filter), or one with an empty user password but no /ID in its trailer
/// (viewers take an empty one). lopdf reads nothing of an encrypted file
/// it cannot authenticate, so the file is loaded with its trailer's
/// /Encrypt key hidden, then decrypted here when it needs to be.
fn open_as_viewers_do(body: &[u8], limits: &Limits) -> Option<Document> {
    let hidden = hide_encrypt_key(body);
    let mut doc = Document::load_mem_with_options(&hidden, options(limits, None)).ok()?;
    let key = doc.trailer.get(&HIDDEN_ENCRYPT[1..]).ok()?.clone();
    let encrypt = doc.dereference(&key).ok()?.1.as_dict().ok()?;
    let identity = |k: &[u8]| {
        encrypt
            .get(k)
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Identity")
    };
    if identity(b"StmF") && identity(b"StrF") {
        return Some(doc);
    }
    if doc.trailer.get(b"ID").is_ok() {
        return None;
    }
    let empty = || Object::String(Vec::new(), lopdf::StringFormat::Literal);
    doc.trailer.set("ID", Object::Array(vec![empty(), empty()]));
    doc.trailer.set("Encrypt", key);
    doc.decrypt("").is_ok().then_some(doc)
}

/// What [`hide_encrypt_key`] renames a trailer's `/Encrypt` key to.
const HIDDEN_ENCRYPT: &[u8; 8] = b"/Encryqt";

/// The file with each trailer's `/Encrypt` key renamed in place (same
/// length, so every offset holds).
fn hide_encrypt_key(body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    let key = b"/Encrypt";
    let mut at = 0;
    while let Some(i) = find(&out[at..], key) {
        let start = at + i;
        let end = start + key.len();
        // "/EncryptMetadata" is another key
        if out.get(end).is_none_or(|c| !c.is_ascii_alphanumeric()) {
            out[start..end].copy_from_slice(HIDDEN_ENCRYPT);
        }
        at = end;
    }
    out
}

fn looks_like_pdf_body(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    find(head, b" obj").is_some()
        && find(head, b"endobj").is_some()
        && (find(tail, b"trailer").is_some() || find(tail, b"startxref").is_some())
}

/// Where "%PDF-" starts: readers accept up to 1 KiB of junk before it.
fn header_offset(bytes: &[u8]) -> Option<usize> {
    find(&bytes[..bytes.len().min(1024)], b"%PDF-")
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

static EMPTY: std::sync::LazyLock<Dictionary> = std::sync::LazyLock::new(Dictionary::new);

/// A page and the attributes it inherits from the page tree.
struct PageNode<'a> {
    dict: &'a Dictionary,
    inherited: Inherited<'a>,
}

#[derive(Clone, Copy, Default)]
struct Inherited<'a> {
    resources: Option<&'a Object>,
    media_box: Option<&'a Object>,
    crop_box: Option<&'a Object>,
    rotate: Option<&'a Object>,
}

impl<'a> Inherited<'a> {
    fn under(self, doc: &'a Document, node: &'a Dictionary) -> Self {
        let get = |k: &[u8]| dict_get(doc, node, k);
        Inherited {
            resources: get(b"Resources").or(self.resources),
            media_box: get(b"MediaBox").or(self.media_box),
            crop_box: get(b"CropBox").or(self.crop_box),
            rotate: get(b"Rotate").or(self.rotate),
        }
    }
}

/// The pages in order, walking the page tree from the catalog (kids may be
/// direct objects; a node seen twice is not walked again). When that finds
/// nothing, every page object in the file, in object order, as viewers do.
fn pages(doc: &Document, max: usize) -> Vec<PageNode<'_>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let root = doc
        .catalog()
        .ok()
        .and_then(|c| dict_get(doc, c, b"Pages"))
        .and_then(|p| p.as_dict().ok());
    if let Some(root) = root {
        walk(doc, root, Inherited::default(), &mut seen, &mut out, 0);
        out.truncate(max);
    }
    if out.is_empty() {
        for o in doc.objects.values() {
            if let Ok(d) = o.as_dict()
                && d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Page")
                && out.len() < max
            {
                out.push(PageNode {
                    dict: d,
                    inherited: Inherited::default().under(doc, d),
                });
            }
        }
    }
    out
}

fn walk<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    inherited: Inherited<'a>,
    seen: &mut std::collections::HashSet<*const Dictionary>,
    out: &mut Vec<PageNode<'a>>,
    depth: usize,
) {
    if depth > 64 || !seen.insert(node as *const Dictionary) {
        return;
    }
    let here = inherited.under(doc, node);
    let is_page = node.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Page");
    match dict_get(doc, node, b"Kids").and_then(|k| k.as_array().ok()) {
        Some(kids) if !is_page => {
            for kid in kids {
                match deref(doc, kid).as_dict() {
                    Ok(d) => walk(doc, d, here, seen, out, depth + 1),
                    // a kid whose object is missing: a blank page, as viewers show it
                    Err(_) if kid.as_reference().is_ok() => out.push(PageNode {
                        dict: &EMPTY,
                        inherited: here,
                    }),
                    Err(_) => {}
                }
            }
        }
        _ => out.push(PageNode {
            dict: node,
            inherited: here,
        }),
    }
}

fn read_page(
    doc: &Document,
    raw: &RawStreams,
    page: &PageNode,
    page_number: usize,
    limits: &Limits,
    fonts: &mut HashMap<ObjectId, std::rc::Rc<font::Font>>,
) -> (Page, usize) {
    let at = page.inherited;
    let media = at
        .media_box
        .and_then(|o| page_box(doc, o))
        .unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let crop = at
        .crop_box
        .and_then(|o| page_box(doc, o))
        .map(|c| intersect(c, media))
        .unwrap_or(media);
    let rotate = at
        .rotate
        .and_then(|o| number(doc, o))
        .map_or(0, |r| (r as i64).rem_euclid(360) / 90 * 90);
    let (to_page, width, height) = page_matrix(crop, rotate);
    let resources = at.resources.and_then(|r| r.as_dict().ok());
    let mut content = Vec::new();
    for (id, stream) in contents(doc, page.dict) {
        content.extend(
            raw.content(id, stream, limits.max_stream_bytes)
                .unwrap_or_default(),
        );
        content.push(b'\n');
        if content.len() > limits.max_stream_bytes {
            break;
        }
    }
    let mut painter = interp::Interpreter::new(doc, raw, limits, fonts, to_page);
    painter.content(&content, resources);
    let drawn = annotations_over(painter, &annots::appearances(doc, page.dict));
    let page = Page {
        number: page_number,
        width,
        height,
        glyphs: drawn.glyphs,
        rules: drawn.rules,
        shades: drawn.shades,
        images: drawn.images,
        image_cover: drawn.image_cover / (width * height).max(1.0),
        image_ppi: drawn.image_ppi,
        word_confidence: Vec::new(),
    };
    (page, drawn.operations)
}

/// Draws each annotation's appearance over the page's content; what is
/// kept of it comes after the page's glyphs.
fn annotations_over<'a>(
    mut painter: interp::Interpreter<'a>,
    appearances: &[annots::Appearance<'a>],
) -> interp::Drawn {
    let mut stamps = Vec::new();
    for a in appearances {
        let (glyphs, rules) = painter.drawn_len();
        painter.appearance(a);
        stamps.push(painter.take_since(glyphs, rules));
    }
    let mut drawn = painter.finish();
    let (glyphs, rules) = annots::lay_over(&mut drawn.glyphs, stamps);
    drawn.glyphs.extend(glyphs);
    drawn.rules.extend(rules);
    drawn
}

/// The page's content streams (one, or an array), with their object ids.
fn contents<'a>(doc: &'a Document, page: &'a Dictionary) -> Vec<(ObjectId, &'a lopdf::Stream)> {
    let one = |o: &'a Object| -> Option<(ObjectId, &'a lopdf::Stream)> {
        let id = o.as_reference().unwrap_or((0, 0));
        deref(doc, o).as_stream().ok().map(|s| (id, s))
    };
    match page.get(b"Contents") {
        Ok(o) => match deref(doc, o) {
            Object::Array(items) => items.iter().filter_map(one).collect(),
            _ => one(o).into_iter().collect(),
        },
        Err(_) => Vec::new(),
    }
}

fn page_box(doc: &Document, o: &Object) -> Option<[f32; 4]> {
    let v = numbers(doc, deref(doc, o));
    let [a, b, c, d] = v.get(..4)?.try_into().ok()?;
    let r = [a.min(c), b.min(d), a.max(c), b.max(d)];
    (r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0).then_some(r)
}

fn intersect(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    let r = [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ];
    if r[2] > r[0] && r[3] > r[1] { r } else { b }
}

/// User space → page space for a crop box shown turned by `rotate` degrees clockwise.
fn page_matrix(crop: [f32; 4], rotate: i64) -> (Matrix, f32, f32) {
    let [x0, y0, x1, y1] = crop;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate {
        90 => (Matrix([0.0, 1.0, 1.0, 0.0, -y0, -x0]), h, w),
        180 => (Matrix([-1.0, 0.0, 0.0, 1.0, x1, -y0]), w, h),
        270 => (Matrix([0.0, -1.0, -1.0, 0.0, y1, x1]), h, w),
        _ => (Matrix([1.0, 0.0, 0.0, -1.0, -x0, y1]), w, h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_matrix_puts_origin_top_left() {
        let crop = [0.0, 0.0, 600.0, 800.0];
        let (m, w, h) = page_matrix(crop, 0);
        assert_eq!((w, h), (600.0, 800.0));
        assert_eq!(m.apply(0.0, 800.0), (0.0, 0.0));
        // turned clockwise: the bottom-left corner goes to the top left
        let (m, w, h) = page_matrix(crop, 90);
        assert_eq!((w, h), (800.0, 600.0));
        assert_eq!(m.apply(0.0, 0.0), (0.0, 0.0));
        assert_eq!(m.apply(0.0, 800.0), (800.0, 0.0));
        let (m, _, _) = page_matrix(crop, 180);
        assert_eq!(m.apply(600.0, 0.0), (0.0, 0.0));
        let (m, _, _) = page_matrix(crop, 270);
        assert_eq!(m.apply(600.0, 800.0), (0.0, 0.0));
    }

    /// A one-page PDF whose content stream is `content`.
    fn one_page(content: &[u8]) -> Vec<u8> {
        use lopdf::{Object, Stream, dictionary};
        let mut doc = lopdf::Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 600.into(), 800.into()],
            "Contents" => content_id,
        });
        let pages = dictionary! {
            "Type" => "Pages",
            "Kids" => vec![Object::Reference(page_id)],
            "Count" => 1,
        };
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn coloured_boxes_are_shades_white_ones_nothing_thin_ones_rules() {
        let content = b"0.9 g 10 10 300 40 re f \
            1 1 1 rg 10 60 300 40 re f \
            0 0 0 0 k 10 110 300 40 re f \
            0.2 0.3 0.8 rg 10 160 300 40 re f \
            0 g 10 210 300 0.5 re f";
        let pages = read(&one_page(content), &Limits::default()).unwrap();
        let page = &pages[0];
        assert_eq!(page.shades.len(), 2, "{:?}", page.shades);
        assert_eq!(page.rules.len(), 1);
        // page space: y from the top
        assert!((page.shades[0].bottom - 790.0).abs() < 0.01);
    }

    #[test]
    fn bad_input_gets_typed_errors() {
        let l = Limits::default();
        assert!(matches!(read(b"", &l), Err(PdfError::Empty)));
        assert!(matches!(read(b"hello world", &l), Err(PdfError::NotPdf)));
        assert!(matches!(
            read(b"%PDF-1.4\n garbage", &l),
            Err(PdfError::Damaged(_))
        ));
    }
}
