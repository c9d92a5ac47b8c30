//! Tesseract, run as a program: a picture in, its words with boxes and
//! confidences out (TSV).

use std::time::Instant;

use super::OcrError;
use super::image::Gray;
use super::run::run;

/// A word Tesseract read, in the picture's pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrWord {
    pub text: String,
    /// 0–100, Tesseract's own.
    pub conf: f32,
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
}

/// A line Tesseract found, its box and its words left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
    pub words: Vec<OcrWord>,
}

/// How Tesseract looks at a picture (its `--psm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segmentation {
    /// A whole page: blocks, columns, lines.
    Page = 3,
    /// One block of lines: table cells set one under another.
    Block = 6,
    /// One line: TT cells set side by side.
    Line = 7,
}

/// Reads `picture` at `dpi` with model `lang`, `only` the characters
/// given where set.
pub fn read(
    picture: &Gray,
    dpi: u32,
    lang: &str,
    mode: Segmentation,
    only: Option<&str>,
    deadline: Option<Instant>,
) -> Result<Vec<OcrLine>, OcrError> {
    let dpi = dpi.to_string();
    let psm = (mode as u8).to_string();
    let mut args = vec!["stdin", "stdout", "-l", lang, "--dpi", &dpi, "--psm", &psm];
    let whitelist = only.map(|chars| format!("tessedit_char_whitelist={chars}"));
    if let Some(w) = &whitelist {
        args.extend(["-c", w]);
    }
    args.push("tsv");
    let out = run("tesseract", &args, picture.to_pgm(), deadline).map_err(|e| match e {
        OcrError::Failed(_, why) if why.contains("Failed loading language") => {
            OcrError::NoModel(lang.to_string())
        }
        e => e,
    })?;
    Ok(parse_tsv(&String::from_utf8_lossy(&out)))
}

/// Whether Tesseract's orientation check (`--psm 0`, the `osd` model)
/// finds the page upside down. Where it cannot tell (too little text, no
/// `osd` model) the page stays as it is.
pub fn upside_down(picture: &Gray, dpi: u32, deadline: Option<Instant>) -> bool {
    let dpi = dpi.to_string();
    let args = ["stdin", "stdout", "--dpi", &dpi, "--psm", "0"];
    run("tesseract", &args, picture.to_pgm(), deadline).is_ok_and(|out| {
        String::from_utf8_lossy(&out)
            .lines()
            .any(|l| l.trim() == "Rotate: 180")
    })
}

/// Lines of words from Tesseract's TSV: level 4 rows are lines, level 5
/// rows their words (empty words and unreadable rows skipped).
pub fn parse_tsv(tsv: &str) -> Vec<OcrLine> {
    let mut lines: Vec<OcrLine> = Vec::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 12 {
            continue;
        }
        let num = |i: usize| f[i].trim().parse::<u32>().ok();
        let (Some(level), Some(left), Some(top), Some(width), Some(height)) =
            (num(0), num(6), num(7), num(8), num(9))
        else {
            continue;
        };
        match level {
            4 => lines.push(OcrLine {
                left,
                top,
                width,
                height,
                words: Vec::new(),
            }),
            5 => {
                let text = f[11..].join("\t").trim().to_string();
                let conf = f[10].trim().parse::<f32>().unwrap_or(0.0);
                if text.is_empty() || conf < 0.0 {
                    continue;
                }
                if let Some(line) = lines.last_mut() {
                    line.words.push(OcrWord {
                        text,
                        conf,
                        left,
                        top,
                        width,
                        height,
                    });
                }
            }
            _ => {}
        }
    }
    lines.retain(|l| !l.words.is_empty());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_become_lines_of_words() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
            1\t1\t0\t0\t0\t0\t0\t0\t2480\t3505\t-1\t\n\
            4\t1\t2\t1\t1\t0\t390\t223\t1796\t64\t-1\t\n\
            5\t1\t2\t1\t1\t1\t432\t230\t113\t37\t96.6\tBước\n\
            5\t1\t2\t1\t1\t2\t563\t231\t37\t36\t41.0\t6:\n\
            5\t1\t2\t1\t1\t3\t600\t231\t37\t36\t95.0\t \n\
            4\t1\t2\t1\t2\t0\t336\t290\t1849\t65\t-1\t\n";
        let lines = parse_tsv(tsv);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].top, 223);
        let words: Vec<&str> = lines[0].words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["Bước", "6:"]);
        assert_eq!(lines[0].words[1].conf, 41.0);
    }
}
