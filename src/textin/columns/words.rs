//! The words of a laid-out line, with the character columns they take.

use crate::records::SectionKind;

/// A word of a laid-out line: its character columns `from..to` and text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) text: String,
}

impl Word {
    /// Does a border at character column `x` cut this word?
    pub(super) fn cut_by(&self, x: usize) -> bool {
        self.from < x && x < self.to
    }
}

/// The words of a line (split at every space).
pub(super) fn words(line: &[char]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        if line[i] == ' ' {
            i += 1;
            continue;
        }
        let from = i;
        while i < line.len() && line[i] != ' ' {
            i += 1;
        }
        let text: String = line[from..i]
            .iter()
            .filter(|&&c| c != crate::text::ZERO_WIDTH)
            .collect();
        match out.last_mut() {
            // a list bullet goes with the word it marks
            Some(bullet) if is_bullet(&bullet.text) && bullet.to + 1 == from => {
                bullet.to = i;
                bullet.text.push(' ');
                bullet.text.push_str(&text);
            }
            _ => out.push(Word { from, to: i, text }),
        }
    }
    out
}

pub(super) fn is_bullet(t: &str) -> bool {
    matches!(t, "-" | "+" | "•" | "–")
}

/// Splits a line at runs of two or more spaces: the header's labels.
pub(super) fn pieces(line: &[char]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for w in words(line) {
        match out.last_mut() {
            Some(last) if w.from == last.to + 1 => {
                last.to = w.to;
                last.text.push(' ');
                last.text.push_str(&w.text);
            }
            _ => out.push(w),
        }
    }
    out
}

pub(super) fn overlaps(a: &Word, b: &Word) -> bool {
    a.from < b.to && b.from < a.to
}

/// The label of a section row (a Roman numeral or a letter, then a title).
pub(super) fn section_label(line: &[char]) -> Option<String> {
    let ws = words(line);
    let label = ws.first()?.text.clone();
    (ws.len() > 1
        && matches!(
            SectionKind::of(&label),
            Some(SectionKind::Roman | SectionKind::Letter)
        ))
    .then_some(label)
}
