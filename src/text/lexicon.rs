//! Pairs of syllables that Vietnamese writes as one word ("quản lý", "kế
//! hoạch", "tập trung"), from a dictionary: Vietnamese puts a space between
//! the syllables of a word, so the text alone cannot tell a word from two.
//! Laid-out text that runs two cells together asks where one cell ends: a
//! dictionary word two lines share, or that a part would cut, says which
//! way. Adjacent syllables inside a task table's cell form a dictionary pair
//! about 41% of the time; the last word of one cell and the first of the
//! next, 3% (the held-out tables).
//!
//! `data/compounds.txt` holds every pair of adjacent syllables of the
//! multi-syllable entries of the Viet74K word list, lower case and NFC,
//! letters only, as shipped in the npm package `@vntk/dictionary` 1.0.0
//! (MIT License, `data/LICENSE-compounds`).

use std::collections::HashSet;
use std::sync::OnceLock;

static COMPOUNDS: &str = include_str!("data/compounds.txt");

fn compounds() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMPOUNDS.lines().collect())
}

/// Whether two words, in any case and with the punctuation around them
/// ("Kế", "hoạch;"), are two syllables of one dictionary word.
pub fn is_compound(a: &str, b: &str) -> bool {
    let (a, b) = (bare(a), bare(b));
    !a.is_empty() && !b.is_empty() && compounds().contains(format!("{a} {b}").as_str())
}

/// A word in lower case without the punctuation around it.
pub fn bare(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_one_word_pair_and_others_do_not() {
        assert!(is_compound("Kế", "hoạch;"));
        assert!(is_compound("tập", "trung"));
        assert!(is_compound("Nông", "nghiệp"));
        assert!(!is_compound("vùng", "Các"));
        assert!(!is_compound("Kiểm", "Sở"));
        assert!(!is_compound("", "trung"));
    }

    #[test]
    fn the_list_is_lower_case_letter_pairs() {
        for line in COMPOUNDS.lines() {
            let (a, b) = line.split_once(' ').expect(line);
            assert!(!a.is_empty() && !b.contains(' '), "{line}");
            assert!(line.chars().all(|c| c == ' ' || c.is_lowercase()), "{line}");
        }
    }
}
