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
use crate::table::Grid;
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
        "Tesseract has no model '{0}': install it (Debian/Ubuntu: apt-get install {pkg}) or choose another with --ocr-lang",
        pkg = model_packages(.0)
    )]
    NoModel(String),
    #[error("{0} failed: {1}")]
    Failed(&'static str, String),
    #[error("{0} ran past the document's time budget")]
    Timeout(&'static str),
}

/// Debian's packages of Tesseract's models `lang` ("vie+eng").
fn model_packages(lang: &str) -> String {
    lang.split('+')
        .map(|m| match m {
            "Vietnamese" => "tesseract-ocr-script-viet".to_string(),
            m => format!("tesseract-ocr-{}", m.to_lowercase().replace('_', "-")),
        })
        .collect::<Vec<_>>()
        .join(" ")
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
    password: Option<&str>,
    deadline: Option<Instant>,
) -> Result<Page, OcrError> {
    // a page's own bound, where the caller set none (`extract`): a hung
    // program never hangs congvan
    let deadline = deadline.or_else(|| Some(Instant::now() + PAGE_BUDGET));
    let dpi = render::fitting_dpi(scan.width, scan.height, settings.dpi_for(scan.image_ppi));
    let mut picture = render::page(pdf, scan.number, dpi, password, deadline)?;
    // a picture far smaller than the page asked for (pdftoppm drew none)
    let wanted = (scan.width / 72.0 * dpi as f32) as usize;
    if picture.width * 2 < wanted {
        return Err(OcrError::Failed(
            "pdftoppm",
            format!(
                "page {} came out {} pixels wide, not {wanted}",
                scan.number, picture.width
            ),
        ));
    }
    let mut paper = picture.otsu();
    let mut ink = picture.ink(paper);
    let skew = image::skew(&ink, settings.max_skew);
    if skew.abs() >= MIN_SKEW {
        picture = picture.rotated(skew);
        paper = picture.otsu();
        ink = picture.ink(paper);
    }
    let page = read_picture((&picture, paper, &ink), scan, settings, dpi, deadline)?;
    // a page read poorly may be upside down (a sheet fed the wrong way)
    if mean_confidence(&page) < DOUBTFUL_PAGE && tesseract::upside_down(&picture, dpi, deadline) {
        // (half a turn keeps the gray levels: the same paper)
        let turned = picture.turned();
        let ink = turned.ink(paper);
        let turned = read_picture((&turned, paper, &ink), scan, settings, dpi, deadline)?;
        if mean_confidence(&turned) > mean_confidence(&page) {
            return Ok(turned);
        }
    }
    Ok(page)
}

/// Skew below this many degrees is left: turning costs more than it gives.
const MIN_SKEW: f32 = 0.05;

/// Below this mean word confidence a page is checked for being upside down.
const DOUBTFUL_PAGE: f32 = 60.0;

/// The mean confidence of a page's OCR words (0 for none).
pub fn mean_confidence(page: &Page) -> f32 {
    let words = &page.word_confidence;
    words.iter().map(|w| w.conf).sum::<f32>() / words.len().max(1) as f32
}

/// A levelled page picture read: its lines, its ruled tables cell by cell,
/// the rest of the page, a borderless table's header and TT cells again.
/// `paper` is the picture's Otsu level, `ink` its pixels at or below it.
fn read_picture(
    (picture, paper, ink): (&image::Gray, u8, &image::Ink),
    scan: &Page,
    settings: &Settings,
    dpi: u32,
    deadline: Option<Instant>,
) -> Result<Page, OcrError> {
    let rules = rules::rules(ink, dpi as f32, &settings.rules);
    let mut page = Page {
        glyphs: Vec::new(),
        rules,
        word_confidence: Vec::new(),
        ..scan.clone()
    };
    let reader = Reader {
        picture,
        paper,
        dpi,
        lines: drawn_lines(&page.rules, dpi),
        lang: &settings.lang,
        deadline,
    };
    // ruled tables, found from their lines alone, read cell by cell; the
    // page's own reading skips them (Tesseract's time goes with the text)
    let ruled: Vec<Grid> = crate::table::grids(&page, None)
        .into_iter()
        .filter(|g| g.ruled)
        .collect();
    let mut read = reader.ruled_cells(&ruled)?;
    let mut rest = picture.clone();
    for g in &ruled {
        let b = reader.px_box(g.xs[0], g.top(), g.xs[g.xs.len() - 1], g.bottom());
        rest.whiten(b.x0, b.y0, b.x1, b.y1);
    }
    let lines = tesseract::read(
        &rest,
        dpi,
        &settings.lang,
        Segmentation::Page,
        None,
        deadline,
    )?;
    read.push(((0, 0), lines));
    let usual = words::Typeface::of(
        read.iter()
            .flat_map(|(at, ls)| ls.iter().map(move |l| (l, (at.0 as f32, at.1 as f32)))),
        ink,
    );
    for (at, lines) in &read {
        let shift = (at.0 as f32, at.1 as f32);
        let (glyphs, confidence) = words::glyphs(lines, dpi as f32, shift, &usual, ink);
        page.glyphs.extend(glyphs);
        page.word_confidence.extend(confidence);
    }
    reader.borderless_cells(&mut page, &usual, ink)?;
    let stamps: Vec<&Glyph> = scan.glyphs.iter().filter(|g| g.stamp).collect();
    page.glyphs
        .retain(|g| !stamps.iter().any(|s| overlaps(s, g)));
    page.glyphs.extend(stamps.into_iter().cloned());
    Ok(page)
}

/// Lines read, with the pixel corner of the crop they were read from.
type Read = Vec<((usize, usize), Vec<tesseract::OcrLine>)>;

/// Reads crops of one levelled page picture.
struct Reader<'a> {
    picture: &'a image::Gray,
    /// The picture's Otsu level: lighter is paper.
    paper: u8,
    dpi: u32,
    /// The page's drawn lines, a little wider, in pixels: what of them a
    /// crop holds is no text.
    lines: Vec<cells::PxBox>,
    lang: &'a str,
    deadline: Option<Instant>,
}

impl Reader<'_> {
    fn px_box(&self, x0: f32, top: f32, x1: f32, bottom: f32) -> cells::PxBox {
        cells::PxBox::of_points(x0, top, x1, bottom, self.px_per_pt(), 0.0)
    }

    fn px_per_pt(&self) -> f32 {
        self.dpi as f32 / 72.0
    }

    fn inset(&self) -> usize {
        (self.dpi as f32 * CELL_INSET).round() as usize
    }

    /// Reads `crops` in one Tesseract run, set out as `arrangement` says.
    fn read(
        &self,
        crops: &[cells::PxBox],
        arrangement: cells::Arrangement,
    ) -> Result<Vec<Vec<tesseract::OcrLine>>, OcrError> {
        let sheet = cells::Sheet {
            picture: self.picture,
            paper: self.paper,
            crops,
            lines: &self.lines,
            arrangement,
        };
        cells::read(&sheet, self.dpi, self.lang, self.deadline)
    }

    /// Every cell of the ruled grids, then their TT cells again side by
    /// side (the TT column known by the header just read).
    fn ruled_cells(&self, grids: &[Grid]) -> Result<Read, OcrError> {
        let px_per_pt = self.px_per_pt();
        let crops: Vec<(usize, usize, cells::PxBox)> = grids
            .iter()
            .enumerate()
            .flat_map(|(g, grid)| {
                cells::crops(grid, px_per_pt, self.inset())
                    .into_iter()
                    .map(move |(i, b)| (g, i, b))
            })
            .collect();
        let boxes: Vec<cells::PxBox> = crops.iter().map(|c| c.2).collect();
        let mut read = self.read(&boxes, cells::Arrangement::Stack)?;
        let text_of = |k: usize| -> String {
            read[k]
                .iter()
                .flat_map(|l| &l.words)
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut tt = Vec::new();
        for (g, grid) in grids.iter().enumerate() {
            let header = |i: usize| {
                crops
                    .iter()
                    .position(|c| c.0 == g && c.1 == i)
                    .map_or(String::new(), text_of)
            };
            let col = cells::tt_column(grid, header);
            tt.extend(
                (0..crops.len())
                    .filter(|&k| crops[k].0 == g && cells::is_tt_cell(grid, crops[k].1, col)),
            );
        }
        let tt_boxes: Vec<cells::PxBox> = tt.iter().map(|&k| boxes[k]).collect();
        let mut tt_read = self.read(&tt_boxes, cells::Arrangement::Strip)?;
        let grid_of: Vec<usize> = tt.iter().map(|&k| crops[k].0).collect();
        settle_by_grid(&mut tt_read, &grid_of);
        for (k, lines) in tt.into_iter().zip(tt_read) {
            read[k] = lines;
        }
        Ok(boxes.iter().map(|b| (b.x0, b.y0)).zip(read).collect())
    }

    /// A borderless table's header and TT cells read again from crops, in
    /// place of what the page's reading gave there: its bold labels ("TT"
    /// read "1T" loses the column) and lone digits the page's reading
    /// missed. The cells' boxes come from the text the page's reading gave.
    fn borderless_cells(
        &self,
        page: &mut Page,
        usual: &words::Typeface,
        ink: &image::Ink,
    ) -> Result<(), OcrError> {
        let grids: Vec<Grid> = crate::table::grids(page, None)
            .into_iter()
            .filter(|g| !g.ruled)
            .collect();
        let px_per_pt = self.px_per_pt();
        let (mut header, mut tt, mut grid_of) = (Vec::new(), Vec::new(), Vec::new());
        for (g, grid) in grids.iter().enumerate() {
            let col = cells::tt_column(grid, |i| grid.cells[i].text());
            for (i, b) in cells::crops(grid, px_per_pt, self.inset()) {
                if cells::is_tt_cell(grid, i, col) {
                    tt.push(b);
                    grid_of.push(g);
                } else if grid.cells[i].row == 0 {
                    header.push(b);
                }
            }
        }
        if header.is_empty() && tt.is_empty() {
            return Ok(());
        }
        let header_read = self.read(&header, cells::Arrangement::Stack)?;
        let mut tt_read = self.read(&tt, cells::Arrangement::Strip)?;
        settle_by_grid(&mut tt_read, &grid_of);
        let all: Vec<&cells::PxBox> = header.iter().chain(&tt).collect();
        let inside = |x: f32, y: f32| all.iter().any(|b| b.holds_point(x, y, px_per_pt));
        page.glyphs
            .retain(|g| !inside((g.x0 + g.x1) / 2.0, (g.top + g.bottom) / 2.0));
        page.word_confidence
            .retain(|w| !inside((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0));
        for (b, lines) in all.iter().zip(header_read.iter().chain(&tt_read)) {
            let shift = (b.x0 as f32, b.y0 as f32);
            let (glyphs, confidence) = words::glyphs(lines, self.dpi as f32, shift, usual, ink);
            page.glyphs.extend(glyphs);
            page.word_confidence.extend(confidence);
        }
        Ok(())
    }
}

/// TT cells set right column by column: `grid_of` tells each cell's grid
/// (one table's numbers say nothing of another's).
fn settle_by_grid(tts: &mut [Vec<tesseract::OcrLine>], grid_of: &[usize]) {
    let mut from = 0;
    while from < tts.len() {
        let to = (from..tts.len())
            .find(|&k| grid_of[k] != grid_of[from])
            .unwrap_or(tts.len());
        cells::settle_tts(&mut tts[from..to]);
        from = to;
    }
}

/// The page's drawn lines in pixels, two pixels wider each way.
fn drawn_lines(rules: &[crate::pdf::Rule], dpi: u32) -> Vec<cells::PxBox> {
    let px_per_pt = dpi as f32 / 72.0;
    rules
        .iter()
        .map(|r| cells::PxBox::of_points(r.x0, r.top, r.x1, r.bottom, px_per_pt, 2.0))
        .collect()
}

/// Longest one page's OCR may take where the document has no time budget.
const PAGE_BUDGET: std::time::Duration = std::time::Duration::from_secs(120);

/// How far inside its borders a cell's crop starts, in inches.
const CELL_INSET: f32 = 0.01;

fn overlaps(a: &Glyph, b: &Glyph) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1 && a.top < b.bottom && b.top < a.bottom
}
