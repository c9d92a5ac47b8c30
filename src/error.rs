//! Errors a document can fail with; reported once, at the edge, with its file name.

use crate::pdf::PdfError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("no text layer: the pages hold only images (a scanned document?); run OCR on it first")]
    NoTextLayer,
    #[error("internal error while reading the document: {0}")]
    Internal(String),
    #[error("gave up after {0} s (the document's time budget, --timeout)")]
    Timeout(u64),
}

impl Error {
    /// A stable short name for the kind of failure (for summaries and scripts).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Io(_) => "io",
            Error::Pdf(PdfError::Empty) => "empty",
            Error::Pdf(PdfError::NotPdf) => "not_pdf",
            Error::Pdf(PdfError::Encrypted) => "encrypted",
            Error::Pdf(PdfError::Damaged(_)) => "damaged",
            Error::Pdf(PdfError::NoPages) => "no_pages",
            Error::NoTextLayer => "no_text_layer",
            Error::Internal(_) => "internal",
            Error::Timeout(_) => "timeout",
        }
    }
}
