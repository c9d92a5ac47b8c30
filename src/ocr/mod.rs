//! OCR stage: a scanned page as the same glyphs and rules the PDF stage
//! gives. The page is drawn as a picture (pdftoppm), levelled, its drawn
//! lines taken as [`Rule`](crate::pdf::Rule)s and its words read by
//! Tesseract; every stage after this one runs unchanged.

mod cells;
pub mod image;
pub mod quarters;
mod render;
pub mod rules;
mod run;
pub mod tesseract;
pub mod words;

use std::time::Instant;

use crate::pdf::{Glyph, Page};
use tesseract::Segmentation;

/// How scans are read (`--ocr-lang`, `--no-ocr`).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Tesseract's model: "vie" (the default) or "Vietnamese" (the script
    /// model); several joined by "+".
    pub lang: String,
    /// Resolution of the pictures read: the scan's own, within these.
    /// Both 300 by default: Tesseract reads a 200-ppi scan drawn at 300
    /// better (held-out borderless scan at 200 ppi: 0.31 → 0.66 of cells).
    pub min_dpi: u32,
    pub max_dpi: u32,
    /// Most skew levelled, in degrees.
    pub max_skew: f32,
    pub rules: rules::RuleSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: "vie".into(),
            min_dpi: 300,
            max_dpi: 300,
            max_skew: 3.0,
            rules: rules::RuleSettings::default(),
        }
    }
}

impl Settings {
    /// The resolution to draw a page at whose largest picture has `ppi`
    /// pixels per inch (0: unknown).
    pub fn dpi_for(&self, ppi: f32) -> u32 {
        if ppi <= 0.0 || !ppi.is_finite() {
            return self.max_dpi;
        }
        (ppi.round() as u32).clamp(self.min_dpi, self.max_dpi)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error("{} is not installed: {}", .0, install_hint(.0))]
    Missing(&'static str),
    #[error(
        "Tesseract has no model '{0}': install it (Debian/Ubuntu: apt-get install tesseract-ocr-vie tesseract-ocr-script-viet) or choose another with --ocr-lang"
    )]
    NoModel(String),
    #[error("{0} failed: {1}")]
    Failed(&'static str, String),
    #[error("{0} ran past the document's time budget")]
    Timeout(&'static str),
}

fn install_hint(program: &str) -> &'static str {
    match program {
        "tesseract" => {
            "install it to read scans (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie; macOS: brew install tesseract tesseract-lang), or pass --no-ocr"
        }
        _ => {
            "install poppler's tools to read scans (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler), or pass --no-ocr"
        }
    }
}

/// Page `scan` of the PDF in `pdf` read by OCR: its glyphs and rules from
/// the picture, its annotation stamps kept (a signature's own text is
/// real text), the words under them dropped.
pub fn read_page(
    pdf: &[u8],
    scan: &Page,
    settings: &Settings,
    deadline: Option<Instant>,
) -> Result<Page, OcrError> {
    let dpi = settings.dpi_for(scan.image_ppi);
    let mut picture = render::page(pdf, scan.number, dpi, deadline)?;
    let mut ink = picture.ink(picture.otsu());
    let skew = image::skew(&ink, settings.max_skew);
    if skew.abs() >= 0.05 {
        picture = picture.rotated(skew);
        ink = picture.ink(picture.otsu());
    }
    let rules = rules::rules(&ink, dpi as f32, &settings.rules);
    let lang = settings.lang.as_str();
    let lines = tesseract::read(&picture, dpi, lang, Segmentation::Page, None, deadline)?;
    let usual = words::Typeface::of(&lines, &ink);
    let (glyphs, confidence) = words::glyphs(&lines, dpi as f32, (0.0, 0.0), &usual, &ink);
    let mut page = Page {
        glyphs,
        rules,
        word_confidence: confidence,
        ..scan.clone()
    };
    reread_cells(&mut page, (&picture, &ink), dpi, &usual, settings, deadline)?;
    let stamps: Vec<&Glyph> = scan.glyphs.iter().filter(|g| g.stamp).collect();
    page.glyphs
        .retain(|g| !stamps.iter().any(|s| overlaps(s, g)));
    page.glyphs.extend(stamps.into_iter().cloned());
    Ok(page)
}

/// Reads the cells of the page's ruled tables again, each from its own
/// crop (the TT column for numbers only), in place of what the whole-page
/// reading gave inside them.
fn reread_cells(
    page: &mut Page,
    (picture, ink): (&image::Gray, &image::Ink),
    dpi: u32,
    usual: &words::Typeface,
    settings: &Settings,
    deadline: Option<Instant>,
) -> Result<(), OcrError> {
    let grids = crate::table::grids(page, None);
    if grids.is_empty() {
        return Ok(());
    }
    let px_per_pt = dpi as f32 / 72.0;
    let inset = (dpi as f32 * CELL_INSET).round() as usize;
    let crops: Vec<(cells::PxBox, bool)> = grids
        .iter()
        .flat_map(|g| cells::crops(g, px_per_pt, inset))
        .collect();
    let tt: Vec<cells::PxBox> = crops.iter().filter(|c| c.1).map(|c| c.0).collect();
    let text: Vec<cells::PxBox> = crops.iter().filter(|c| !c.1).map(|c| c.0).collect();
    let lang = settings.lang.as_str();
    // the drawn lines, a little wider: what of them a crop holds is no text
    let lines: Vec<cells::PxBox> = page
        .rules
        .iter()
        .map(|r| cells::PxBox {
            x0: (r.x0 * px_per_pt).max(2.0) as usize - 2,
            y0: (r.top * px_per_pt).max(2.0) as usize - 2,
            x1: (r.x1 * px_per_pt) as usize + 2,
            y1: (r.bottom * px_per_pt) as usize + 2,
        })
        .collect();
    let stack = cells::Sheet {
        picture,
        crops: &text,
        lines: &lines,
        arrangement: cells::Arrangement::Stack,
    };
    let strip = cells::Sheet {
        crops: &tt,
        arrangement: cells::Arrangement::Strip,
        ..stack
    };
    let read_text = cells::read(&stack, dpi, lang, deadline)?;
    let mut read_tt = cells::read(&strip, dpi, lang, deadline)?;
    cells::settle_tts(&mut read_tt);
    // what the page's reading gave inside the crops read again goes
    let px = dpi as f32 / 72.0;
    let inside = |x: f32, y: f32| {
        let ruled = grids.iter().any(|g| g.ruled && g.contains(x, y));
        let (x, y) = ((x * px) as usize, (y * px) as usize);
        ruled
            || crops
                .iter()
                .any(|(b, _)| x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1)
    };
    page.glyphs
        .retain(|g| !inside((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0));
    page.word_confidence
        .retain(|w| !inside((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0));
    let all = text.iter().zip(&read_text).chain(tt.iter().zip(&read_tt));
    for (b, lines) in all {
        let shift = (b.x0 as f32, b.y0 as f32);
        let (glyphs, confidence) = words::glyphs(lines, dpi as f32, shift, usual, ink);
        page.glyphs.extend(glyphs);
        page.word_confidence.extend(confidence);
    }
    Ok(())
}

/// How far inside its borders a cell's crop starts, in inches.
const CELL_INSET: f32 = 0.01;

fn overlaps(a: &Glyph, b: &Glyph) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1 && a.top < b.bottom && b.top < a.bottom
}
