//! Vietnamese is written one syllable per word, and a syllable has a fixed
//! shape: an onset consonant, a vowel group with at most one tone mark, a
//! final consonant. A text layer whose words mostly break that shape
//! ("SÑg8", "riNn", "chçt", "b6o c6o") is junk, whatever made it.

use unicode_normalization::UnicodeNormalization;

/// Onsets, longest first.
const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];
/// Final consonants.
const CODAS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
/// Vowel groups (tone marks removed), final semivowels included.
const VOWELS: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "ưa", "ưi", "ươ", "ưu", "uy", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo",
    "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "uơi",
];

/// Whether `word` (letters only) has the shape of a Vietnamese syllable, in
/// lower case, upper case or capitalised.
pub fn is_syllable(word: &str) -> bool {
    let Some(lower) = plain_case(word) else {
        return false;
    };
    let (letters, tones) = without_tones(&lower);
    if tones > 1 || letters.is_empty() {
        return false;
    }
    let onset = ONSETS
        .iter()
        .find(|o| letters.starts_with(*o))
        .map_or("", |o| o);
    let rest = &letters[onset.len()..];
    // "gì", "giữ": the i of gi may be the whole vowel
    if onset == "gi" && (rest.is_empty() || CODAS.contains(&rest)) {
        return true;
    }
    let vowel_end = rest
        .char_indices()
        .find(|(_, c)| !is_vowel(*c))
        .map_or(rest.len(), |(i, _)| i);
    let (vowels, coda) = rest.split_at(vowel_end);
    VOWELS.contains(&vowels) && CODAS.contains(&coda)
}

/// The word in lower case when it is all lower, all upper or capitalised.
fn plain_case(word: &str) -> Option<String> {
    let mut chars = word.chars();
    let first = chars.next()?;
    let rest: Vec<char> = chars.collect();
    let all_lower = rest.iter().all(|c| c.is_lowercase());
    let all_upper = rest.iter().all(|c| c.is_uppercase());
    (first.is_alphabetic() && (all_lower || (first.is_uppercase() && all_upper)))
        .then(|| word.to_lowercase())
}

/// The letters with tone marks taken off (vowel shapes kept: ă â ê ô ơ ư
/// đ), and how many tone marks there were. None of the letter is other
/// than Vietnamese's.
fn without_tones(word: &str) -> (String, usize) {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut tones = 0;
    let mut out = String::new();
    for c in word.nfd() {
        if TONES.contains(&c) {
            tones += 1;
        } else {
            out.push(c);
        }
    }
    let letters: String = out.nfc().collect();
    let vietnamese = letters
        .chars()
        .all(|c| "abcdeghiklmnopqrstuvxyăâđêôơư".contains(c));
    if vietnamese {
        (letters, tones)
    } else {
        (String::new(), 0)
    }
}

fn is_vowel(c: char) -> bool {
    "aăâeêioôơuưy".contains(c)
}

/// Share of the words of `text` shaped like Vietnamese syllables, and how
/// many words were judged. Numbers, acronyms ("UBND", "QH15") and codes are
/// not judged; a word mixing lower-case letters with digits ("t6") is.
pub fn share(text: &str) -> (f32, usize) {
    let (mut good, mut judged) = (0usize, 0usize);
    for piece in text.split(|c: char| c.is_whitespace() || "/-–.,;:()[]\"“”'‘’!?…*".contains(c))
    {
        if !judged_word(piece) {
            continue;
        }
        judged += 1;
        good += usize::from(is_syllable(piece));
    }
    let share = if judged == 0 {
        1.0
    } else {
        good as f32 / judged as f32
    };
    (share, judged)
}

fn judged_word(piece: &str) -> bool {
    let has_lower = piece.chars().any(char::is_lowercase);
    let has_letter = piece.chars().any(char::is_alphabetic);
    // upper case and digits only: an acronym or a code
    has_letter
        && (has_lower || piece.chars().count() > 6 || piece.chars().any(|c| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_words_are_syllables() {
        for w in [
            "Ủy",
            "ban",
            "nhân",
            "dân",
            "tỉnh",
            "Lâm",
            "Đồng",
            "nghiêng",
            "khuyến",
            "quyết",
            "giữ",
            "gì",
            "người",
            "HOẠCH",
            "Kế",
            "chuyển",
            "đổi",
            "số",
            "thường",
            "xuyên",
            "oai",
            "UBND",
        ] {
            assert!(is_syllable(w) || !judged_word(w), "{w}");
        }
    }

    #[test]
    fn junk_is_not() {
        for w in [
            "SÑg8", "riNn", "chçt", "b6o", "tinhL", "xdt", "Ddng", "ngdy", "thdng", "TÈNHX",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }

    #[test]
    fn share_tells_text_from_junk() {
        let good = "Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành \
                    hoàn thành trước ngày 30/6/2026 theo Kế hoạch số 29/KH-UBND.";
        assert!(share(good).0 > 0.95, "{:?}", share(good));
        let junk = "Uy ban nh6n ddn tinh nh4n duoc C6ng vin s6 }27IMTTQ-BTT ngdy cira Uy ban \
                    M4t trQn T6 qui5c ViQt Nam tinh vA viQc dO nghi c6ng nh$n chric danh";
        assert!(share(junk).0 < 0.6, "{:?}", share(junk));
    }
}
