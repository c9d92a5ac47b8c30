//! Page pictures of a PDF, drawn by poppler's pdftoppm.

use std::time::Instant;

use super::OcrError;
use super::image::Gray;
use super::run::run;

/// Most pixels a page picture may have: an A3 page at 300 dpi is 17 M. A
/// larger page is drawn at a lower resolution to fit.
pub const MAX_PIXELS: f32 = 40e6;

/// The resolution to draw a `width` × `height` pt page at: `dpi`, or less
/// where the picture would pass [`MAX_PIXELS`].
pub fn fitting_dpi(width: f32, height: f32, dpi: u32) -> u32 {
    let inches = (width / 72.0).max(0.01) * (height / 72.0).max(0.01);
    let most = (MAX_PIXELS / inches).sqrt();
    (dpi as f32).min(most).max(1.0) as u32
}

/// Page `number` (1-based) of the PDF in `pdf`, drawn at `dpi`, in gray
/// with red ink dropped (drawn in colour to tell red from black); the
/// file's `password` where it has one.
pub fn page(
    pdf: &[u8],
    number: usize,
    dpi: u32,
    password: Option<&str>,
    deadline: Option<Instant>,
) -> Result<Gray, OcrError> {
    let (n, r) = (number.to_string(), dpi.to_string());
    let mut args = vec!["-r", &r, "-f", &n, "-l", &n];
    if let Some(pw) = password {
        args.extend(["-upw", pw]);
    }
    args.push("-");
    let out = run("pdftoppm", &args, pdf.to_vec(), deadline)?;
    Gray::from_pnm(&out)
        .map_err(|why| OcrError::Failed("pdftoppm", format!("page {number}: {why}")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn large_pages_are_drawn_coarser() {
        assert_eq!(super::fitting_dpi(595.0, 842.0, 300), 300);
        let a0 = super::fitting_dpi(2384.0, 3370.0, 300);
        assert!(a0 < 300 && a0 > 100, "{a0}");
        assert!(super::fitting_dpi(1e6, 1e6, 300) >= 1);
    }
}
