//! Page pictures of a PDF, drawn by poppler's pdftoppm.

use std::time::Instant;

use super::OcrError;
use super::image::Gray;
use super::run::run;

/// Page `number` (1-based) of the PDF in `pdf`, drawn at `dpi`, in gray
/// with red ink dropped (drawn in colour to tell red from black).
pub fn page(
    pdf: &[u8],
    number: usize,
    dpi: u32,
    deadline: Option<Instant>,
) -> Result<Gray, OcrError> {
    let (n, r) = (number.to_string(), dpi.to_string());
    let args = ["-r", &r, "-f", &n, "-l", &n, "-"];
    let out = run("pdftoppm", &args, pdf.to_vec(), deadline)?;
    Gray::from_pnm(&out).map_err(|why| OcrError::Failed("pdftoppm", why))
}
