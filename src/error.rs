//! Errors a document can fail with; reported once, at the edge, with its file name.

use crate::ocr::OcrError;
use crate::pdf::PdfError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read the file: {}", io_reason(.0))]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// A zip container: a .docx/.xlsx/.odt saved under a .pdf name.
    #[error("a Word or other office file, not a PDF: open it and save it as PDF")]
    Office,
    /// A PNG, JPEG, TIFF or GIF picture.
    #[error("a picture, not a PDF: run OCR on it first (or scan to a searchable PDF)")]
    Picture,
    #[error(
        "no text layer: the pages hold only images (a scanned document?); leave out --no-ocr to read it by OCR"
    )]
    NoTextLayer,
    /// Page images under a text layer that is not Vietnamese: a failed OCR.
    #[error(
        "no readable text layer: the text over the page images is not Vietnamese words (a failed OCR); run OCR on it again (for example ocrmypdf --force-ocr -l vie)"
    )]
    UnreadableText,
    /// A scan that OCR could not read (no Tesseract, no model, a failure).
    #[error("cannot read the scanned pages: {0}")]
    Ocr(#[from] crate::ocr::OcrError),
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
            Error::Pdf(PdfError::Encrypted | PdfError::WrongPassword) => "encrypted",
            Error::Pdf(PdfError::Damaged(_)) => "damaged",
            Error::Pdf(PdfError::NoPages) => "no_pages",
            Error::Office => "office_file",
            Error::Picture => "picture",
            Error::NoTextLayer | Error::UnreadableText => "no_text_layer",
            Error::Ocr(OcrError::Missing(_) | OcrError::NoModel(_)) => "ocr_unavailable",
            Error::Ocr(OcrError::Failed(..)) => "ocr_failed",
            Error::Ocr(OcrError::Timeout(_)) => "timeout",
            Error::Internal(_) => "internal",
            Error::Timeout(_) => "timeout",
        }
    }

    /// What a file that is no PDF is, by its first bytes, where that tells
    /// the user what to do instead.
    pub fn of_foreign_bytes(bytes: &[u8]) -> Option<Error> {
        const PICTURES: [&[u8]; 5] = [b"\x89PNG", b"\xFF\xD8\xFF", b"II*\0", b"MM\0*", b"GIF8"];
        if bytes.starts_with(b"PK\x03\x04") {
            Some(Error::Office)
        } else if PICTURES.iter().any(|m| bytes.starts_with(m)) {
            Some(Error::Picture)
        } else {
            None
        }
    }
}

/// An I/O error in the user's words, without Rust's "(os error 2)".
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied (check the file's access rights)".into(),
        IsADirectory => "it is a folder (use `congvan batch` for folders)".into(),
        ReadOnlyFilesystem => "the disk is read-only".into(),
        StorageFull => "the disk is full".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_without_os_codes() {
        let e = Error::Io(std::io::Error::from_raw_os_error(2));
        assert_eq!(
            e.to_string(),
            "cannot read the file: no such file or folder"
        );
        let other = std::io::Error::from_raw_os_error(5);
        assert!(
            !io_reason(&other).contains("os error"),
            "{}",
            io_reason(&other)
        );
    }

    #[test]
    fn office_files_and_pictures_are_named() {
        assert_eq!(
            Error::of_foreign_bytes(b"PK\x03\x04rest").unwrap().kind(),
            "office_file"
        );
        assert_eq!(
            Error::of_foreign_bytes(b"\xFF\xD8\xFF\xE0").unwrap().kind(),
            "picture"
        );
        assert!(Error::of_foreign_bytes(b"hello").is_none());
    }
}
