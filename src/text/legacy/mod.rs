//! Legacy Vietnamese encodings that many provincial offices still use: TCVN3
//! (ABC) in the ".VnTime" fonts and VNI Windows in the "VNI-Times" fonts.
//! Their text reaches a PDF, or a text file, as the font's byte codes read
//! as Windows-1252 ("Tr\u{ad}êng" or "Tröôøng" for "Trường"); this reads
//! it back, for a font by its name and for text by what it looks like.

mod tcvn3;
mod vni;

use unicode_normalization::UnicodeNormalization;

/// A legacy Vietnamese encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// ".VnTime", ".VnArial", ...: TCVN3 lowercase and uppercase.
    Tcvn3,
    /// ".VnTimeH", ".VnArialH", ...: the same codes drawn as capitals.
    Tcvn3Capitals,
    /// "VNI-Times", "VNI-Helve", ...: a base letter, then its marks.
    Vni,
}

impl Legacy {
    /// The encoding of a font, by its name (without subset prefix).
    pub fn of_font(name: &str) -> Option<Legacy> {
        let n = name.trim_start_matches('/');
        if n.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("vni-")) {
            return Some(Legacy::Vni);
        }
        if !n.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(".vn")) {
            return None;
        }
        let base = n.split([',', '-']).next().unwrap_or(n);
        Some(if base.ends_with('H') {
            Legacy::Tcvn3Capitals
        } else {
            Legacy::Tcvn3
        })
    }

    /// The encoding text extracted from such fonts is in, if it looks like
    /// one: TCVN3 is full of Latin-1 signs Vietnamese does not use ("Thùc
    /// hiÖn c¶i c¸ch"); VNI of vowels followed by letters that stand for
    /// their marks ("Thöïc hieän caûi caùch"). Text in Unicode Vietnamese
    /// has its own letters (ơ, ư, đ, ạ, ế ...) instead.
    pub fn of_text(text: &str) -> Option<Legacy> {
        let (mut signs, mut foreign, mut pairs, mut vietnamese, mut letters) = (0, 0, 0, 0, 0);
        let mut prev = ' ';
        for c in text.chars() {
            letters += usize::from(c.is_alphabetic());
            match c {
                'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'..='\u{1EF9}' => {
                    vietnamese += 1
                }
                '\u{A1}'..='\u{BF}' => signs += 1,
                '\u{C0}'..='\u{FF}' if !VIETNAMESE_LATIN1.contains(c) => foreign += 1,
                _ => {}
            }
            pairs += usize::from("aeiouyAEIOUYôöÔÖ".contains(prev) && vni::is_vni_mark(c));
            prev = c;
        }
        let own = vietnamese * 10;
        if pairs >= 3 && pairs * 30 >= letters && own <= pairs && pairs > signs {
            return Some(Legacy::Vni);
        }
        let odd = signs + foreign;
        (odd >= 3 && odd * 40 >= letters && own <= odd).then_some(Legacy::Tcvn3)
    }

    /// Reads text decoded as if it were Windows-1252 back as Unicode.
    pub fn decode(self, text: &str) -> String {
        match self {
            Legacy::Tcvn3 => text.chars().map(tcvn3::tcvn3_char).collect(),
            Legacy::Tcvn3Capitals => text
                .chars()
                .map(tcvn3::tcvn3_char)
                .collect::<String>()
                .to_uppercase(),
            Legacy::Vni => decode_vni(text),
        }
    }
}

/// VNI text as Unicode. A letter and the mark codes after it become one
/// letter; each code so folded in leaves a zero-width space behind, so a
/// line keeps its length (text laid out in columns keeps its columns).
fn decode_vni(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cluster = String::new();
    let mut codes = 0;
    let flush = |out: &mut String, cluster: &mut String, codes: &mut usize| {
        let letters: String = cluster.nfc().collect();
        let kept = letters.chars().count();
        out.push_str(&letters);
        out.extend(std::iter::repeat_n(
            crate::text::ZERO_WIDTH,
            codes.saturating_sub(kept),
        ));
        cluster.clear();
        *codes = 0;
    };
    for c in text.chars() {
        let s = vni::vni_chars(c);
        if !vni::is_vni_mark(c) {
            flush(&mut out, &mut cluster, &mut codes);
        }
        if s.is_empty() {
            cluster.push(c);
        } else {
            cluster.push_str(s);
        }
        codes += 1;
    }
    flush(&mut out, &mut cluster, &mut codes);
    out
}

/// Latin-1 letters that Vietnamese written in Unicode uses as they are.
const VIETNAMESE_LATIN1: &str = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_vntime_text() {
        assert_eq!(Legacy::Tcvn3.decode("Tr\u{ad}êng"), "Trường");
        assert_eq!(
            Legacy::Tcvn3.decode("Uû ban nh©n d©n tØnh"),
            "Uỷ ban nhân dân tỉnh"
        );
        assert_eq!(
            Legacy::Tcvn3.decode("\u{ae}¬n vÞ chñ tr×"),
            "đơn vị chủ trì"
        );
        assert_eq!(Legacy::Tcvn3Capitals.decode("kÕ ho¹ch"), "KẾ HOẠCH");
    }

    #[test]
    fn reads_vni_text() {
        let decode = |s: &str| crate::text::normalize(&Legacy::Vni.decode(s));
        assert_eq!(decode("Xin chaøo caùc baïn"), "Xin chào các bạn");
        // a folded code leaves its place behind
        assert_eq!(Legacy::Vni.decode("caùc").chars().count(), 4);
        assert_eq!(
            decode("Ñôn vò chuû trì: Sôû Taøi chính"),
            "Đơn vị chủ trì: Sở Tài chính"
        );
        assert_eq!(
            decode("KEÁ HOAÏCH caûi caùch haønh chính naêm 2026"),
            "KẾ HOẠCH cải cách hành chính năm 2026"
        );
        assert_eq!(
            decode("Tröôøng, thöïc hieän, ñaëc"),
            "Trường, thực hiện, đặc"
        );
    }

    #[test]
    fn tells_legacy_text_from_unicode() {
        let cases = [
            (
                "Thùc hiÖn c¶i c¸ch hµnh chÝnh n¨m 2026",
                Some(Legacy::Tcvn3),
            ),
            ("V¨n phßng Së; Trung t©m ChuyÓn ®æi sè", Some(Legacy::Tcvn3)),
            (
                "Thöïc hieän caûi caùch haønh chính naêm 2026",
                Some(Legacy::Vni),
            ),
            ("Thực hiện cải cách hành chính năm 2026", None),
            // vowels before accented vowels happen in Unicode too
            ("Hoàn thành quá trình hoà giải ở cơ sở", None),
            // Latin-1 letters Vietnamese uses, and a stray sign, are not TCVN3
            ("Quý I/2026: tài liệu số 5 © Sở", None),
            ("Report — “quoted” text, 25°C", None),
        ];
        for (text, want) in cases {
            assert_eq!(Legacy::of_text(text), want, "{text}");
        }
    }

    #[test]
    fn font_names() {
        assert_eq!(Legacy::of_font(".VnTime"), Some(Legacy::Tcvn3));
        assert_eq!(Legacy::of_font(".VnTimeH"), Some(Legacy::Tcvn3Capitals));
        assert_eq!(Legacy::of_font(".VnArial,Bold"), Some(Legacy::Tcvn3));
        assert_eq!(
            Legacy::of_font(".VnArialH-Bold"),
            Some(Legacy::Tcvn3Capitals)
        );
        assert_eq!(Legacy::of_font("VNI-Times"), Some(Legacy::Vni));
        assert_eq!(Legacy::of_font("VNI-Helve-Bold"), Some(Legacy::Vni));
        assert_eq!(Legacy::of_font("TimesNewRoman"), None);
    }
}
