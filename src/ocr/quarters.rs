//! Quarters ("Quý II/2026") as a scan's OCR reads them: a Roman I is read
//! as 1, l, | or [, and II as 11 or H. Where a document writes its quarters
//! in Roman numerals (one of them reads plainly so, and none in Arabic
//! digits Tesseract could not have made of a Roman one), the doubtful ones
//! are read the same way.

use crate::pdf::Page;

/// Sets doubtful quarter numbers of a document's OCR pages right (its
/// typed pages, of a mixed document, stay as they are).
pub fn settle(pages: &mut [Page]) {
    let numbers: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            after_quy(p)
                .into_iter()
                .map(|i| p.glyphs[i].text.to_string())
        })
        .collect();
    let roman = numbers.iter().any(|t| plain_roman(head(t)));
    let arabic = numbers.iter().any(|t| matches!(head(t), "2" | "3" | "4"));
    if !roman || arabic {
        return;
    }
    for page in pages.iter_mut().filter(|p| !p.word_confidence.is_empty()) {
        for i in after_quy(page) {
            let text = page.glyphs[i].text.to_string();
            let h = head(&text);
            if let Some(r) = as_roman(h) {
                page.glyphs[i].text = format!("{r}{}", &text[h.len()..]).as_str().into();
            }
        }
    }
}

/// The glyphs (OCR words) right after a "Quý".
fn after_quy(page: &Page) -> Vec<usize> {
    let words: Vec<usize> = (0..page.glyphs.len())
        .filter(|&i| !page.glyphs[i].text.trim().is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| matches!(page.glyphs[w[0]].text.as_str(), "Quý" | "quý" | "QUÝ"))
        .map(|w| w[1])
        .collect()
}

/// The number part of "II/2026", "III,", "IV.".
fn head(t: &str) -> &str {
    t.split(['/', ',', '.', ';']).next().unwrap_or(t)
}

fn plain_roman(h: &str) -> bool {
    matches!(h, "II" | "III" | "IV")
}

/// A quarter's Roman number from look-alikes ("1" → I, "11" → II, "IH" →
/// III), where it makes one.
fn as_roman(h: &str) -> Option<String> {
    if h.is_empty() || h.chars().count() > 3 || plain_roman(h) || h == "I" {
        return None;
    }
    let r: String = h
        .chars()
        .map(|c| match c {
            'I' | 'l' | '1' | '|' | '[' | ']' | '!' => Some("I"),
            'H' => Some("II"),
            'V' => Some("V"),
            _ => None,
        })
        .collect::<Option<String>>()?;
    matches!(r.as_str(), "I" | "II" | "III" | "IV").then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::Glyph;

    fn page(words: &[&str]) -> Page {
        let glyphs = words
            .iter()
            .map(|w| Glyph {
                text: (*w).into(),
                x0: 0.0,
                x1: 1.0,
                top: 0.0,
                bottom: 1.0,
                baseline: 1.0,
                size: 12.0,
                bold: false,
                font: "OCR".into(),
                stamp: false,
            })
            .collect();
        Page {
            glyphs,
            word_confidence: vec![crate::pdf::WordConfidence {
                x0: 0.0,
                x1: 1.0,
                top: 0.0,
                bottom: 1.0,
                conf: 90.0,
            }],
            ..Default::default()
        }
    }

    fn words(p: &Page) -> Vec<String> {
        p.glyphs.iter().map(|g| g.text.to_string()).collect()
    }

    #[test]
    fn doubtful_quarters_follow_the_documents_roman_ones() {
        let mut pages = [page(&[
            "Quý", "1/2026", " ", "Quý", "III/2026", "Quý", "IH/2026", "Quý", "11,",
        ])];
        settle(&mut pages);
        assert_eq!(
            words(&pages[0]),
            [
                "Quý", "I/2026", " ", "Quý", "III/2026", "Quý", "III/2026", "Quý", "II,"
            ]
        );
    }

    #[test]
    fn arabic_quarters_stay() {
        let mut pages = [page(&["Quý", "1/2026", "Quý", "2/2026", "Quý", "II"])];
        settle(&mut pages);
        assert_eq!(words(&pages[0])[1], "1/2026");
        let mut none = [page(&["Quý", "1/2026"])];
        settle(&mut none);
        assert_eq!(words(&none[0])[1], "1/2026");
    }
}
