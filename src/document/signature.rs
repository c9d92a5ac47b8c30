//! The signature block: the signer's title lines and name, right of the
//! middle after "Nơi nhận" (or at the end of the last page).

use std::sync::LazyLock;

use regex::Regex;

use crate::layout::Line;
use crate::model::DocumentFields;
use crate::text::{fold, syllable};

use super::{PageText, heading::is_signing_note, is_capitals};

/// "K T." / "T M ." typed letter by letter: "KT.", "TM.".
static SPACED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b([KTQ])\s+([TML])\s*\.").unwrap());

/// How many lines above "Nơi nhận" the signature block may start: beside
/// it (a line or three higher), or over it, its name right above.
const ABOVE: [f32; 2] = [3.0, 14.0];

pub fn read(doc: &mut DocumentFields, pages: &[PageText]) {
    for page in pages.iter().rev() {
        let lines = page.lines;
        let anchor = lines
            .iter()
            .rposition(|l| fold(&l.text).starts_with("noi nhan"));
        let last_page = std::ptr::eq(page, pages.last().unwrap_or(page));
        if anchor.is_none() && !last_page {
            continue;
        }
        // beside "Nơi nhận", else right above it (a block signed under the
        // text, "Nơi nhận" under the name)
        let tops = match anchor {
            Some(at) => ABOVE.map(|n| lines[at].top - lines[at].size * n).to_vec(),
            None => vec![f32::MIN],
        };
        let right = |top: f32| -> Vec<&Line> {
            lines
                .iter()
                .filter(|l| l.top >= top && l.center_x() > page.width * 0.4)
                .filter(|l| !l.stamped && !is_signing_note(&l.text))
                .collect()
        };
        // (the block beside "Nơi nhận" counts without a name, as before)
        let found = tops
            .iter()
            .enumerate()
            .find_map(|(k, &top)| block(&right(top)).filter(|(_, name)| name.is_some() || k == 0));
        let Some((titles, name)) = found else {
            continue;
        };
        // without "Nơi nhận", only a title with a name under it is a signature
        if anchor.is_none() && name.is_none() {
            continue;
        }
        if !titles.is_empty() {
            let lines: Vec<String> = titles
                .iter()
                .map(|t| SPACED.replace_all(t, "$1$2.").into_owned())
                .collect();
            doc.signer_title = Some(lines.join("\n"));
        }
        if let Some(name) = name {
            doc.signer = Some(name);
            return;
        }
    }
}

/// The last run of title lines in `right` and the name under it.
fn block<'a>(right: &[&'a Line]) -> Option<(Vec<&'a str>, Option<String>)> {
    let starts: Vec<usize> = (0..right.len())
        .filter(|&i| is_title(&right[i].text) && (i == 0 || !is_title(&right[i - 1].text)))
        .collect();
    // the last block whose titles have a name under them, else the first
    let pick = |s: usize| {
        let titles: Vec<&str> = right[s..]
            .iter()
            .map(|l| l.text.as_str())
            .take_while(|t| is_title(t))
            .collect();
        let name = right[s + titles.len()..]
            .iter()
            .map(|l| closed_up(&l.text))
            .find(|t| is_name(t));
        (titles, name)
    };
    starts
        .iter()
        .rev()
        .map(|&s| pick(s))
        .find(|(_, name)| name.is_some())
        .or_else(|| starts.first().map(|&s| pick(s)))
}

/// A title line: capitals with at least one real word ("KT. GIÁM ĐỐC"),
/// not a scribble a signature image left in the text ("VVV").
fn is_title(t: &str) -> bool {
    is_capitals(t)
        && t.split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() >= 2 && syllable::is_syllable(w))
}

/// A name whose capital the layout set apart from the rest of its
/// syllable ("Nguyễn N gọc Phúc": a wide kerning gap) closed up again.
fn closed_up(t: &str) -> String {
    SPLIT_CAPITAL.replace_all(t, "$1$2").into_owned()
}

static SPLIT_CAPITAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\b)(\p{Lu}) (\p{Ll})").unwrap());

/// "Phạm Ninh Thái", "Giàng A Páo", "Y Krông Ktla": two to five
/// capitalised words, two of them longer than a letter, none a Roman
/// numeral ("Chương I" is a heading).
fn is_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    // (a Tây Nguyên name may set its first word off by an apostrophe: "K'
    // Bình", "Ka'Sơn")
    let capitalised = |w: &&str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase)
            && w.split(['\'', '’']).all(|part| {
                let mut p = part.chars();
                part.is_empty()
                    || p.next().is_some_and(char::is_alphabetic) && p.all(char::is_lowercase)
            })
    };
    let roman = |w: &&str| w.chars().all(|c| "IVXLC".contains(c));
    (2..=5).contains(&words.len())
        && words.iter().all(capitalised)
        && !words.iter().any(roman)
        && words.iter().filter(|w| w.chars().count() >= 2).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_abbreviations_close_up() {
        assert_eq!(SPACED.replace_all("K T. GIÁM ĐỐC", "$1$2."), "KT. GIÁM ĐỐC");
        assert_eq!(
            SPACED.replace_all("K T . GIÁM ĐỐC", "$1$2."),
            "KT. GIÁM ĐỐC"
        );
        assert_eq!(
            SPACED.replace_all("TM. CHÍNH PHỦ", "$1$2."),
            "TM. CHÍNH PHỦ"
        );
    }

    #[test]
    fn names() {
        assert!(is_name("Phạm Ninh Thái"));
        assert!(is_name("Giàng A Páo"));
        assert!(is_name("Y Krông Ktla"));
        assert!(is_name("K' Bình"));
        assert!(is_name("Ka'Sơn Điểu"));
        assert!(!is_name("K'BÌNH Sơn"));
        assert!(!is_name("Chương I"));
        assert!(!is_name("Điều 1."));
        assert_eq!(closed_up("Nguyễn N gọc Phúc"), "Nguyễn Ngọc Phúc");
        assert_eq!(closed_up("Giàng A Páo"), "Giàng A Páo");
    }

    #[test]
    fn scribbles_are_no_titles() {
        assert!(is_title("PHÓ GIÁM ĐỐC"));
        assert!(!is_title("VVV"));
        assert!(!is_title("LLL"));
    }
}
