//! VNI Windows, the encoding of the legacy "VNI-Times" fonts: a vowel is
//! written as its base letter followed by a letter that the font draws as
//! the vowel's marks ("caùc" for "các", "Vieät" for "Việt"); a few letters
//! stand alone ("ô" for "ơ", "ö" for "ư", "ñ" for "đ", "æ" for "ỉ").
//! Every code reads the same wherever it stands, so each becomes its
//! letter or its combining marks, and NFC composes them.

/// One character of VNI text read as Windows-1252 or Latin-1: the letter
/// or combining marks it stands for.
pub fn vni_chars(c: char) -> &'static str {
    match c {
        // tone marks after a vowel
        'ù' | 'Ù' => "\u{301}",
        'ø' | 'Ø' => "\u{300}",
        'û' | 'Û' => "\u{309}",
        'õ' | 'Õ' => "\u{303}",
        'ï' | 'Ï' => "\u{323}",
        // circumflex (on a, e, o), alone or with a tone
        'â' | 'Â' => "\u{302}",
        'á' | 'Á' => "\u{302}\u{301}",
        'à' | 'À' => "\u{302}\u{300}",
        'å' | 'Å' => "\u{302}\u{309}",
        'ã' | 'Ã' => "\u{302}\u{303}",
        'ä' | 'Ä' => "\u{302}\u{323}",
        // breve (on a), alone or with a tone
        'ê' | 'Ê' => "\u{306}",
        'é' | 'É' => "\u{306}\u{301}",
        'è' | 'È' => "\u{306}\u{300}",
        'ú' | 'Ú' => "\u{306}\u{309}",
        'ü' | 'Ü' => "\u{306}\u{303}",
        'ë' | 'Ë' => "\u{306}\u{323}",
        // letters of their own
        'ô' => "ơ",
        'Ô' => "Ơ",
        'ö' => "ư",
        'Ö' => "Ư",
        'ñ' => "đ",
        'Ñ' => "Đ",
        'æ' => "ỉ",
        'Æ' => "Ỉ",
        'ó' => "ĩ",
        'Ó' => "Ĩ",
        'ò' => "ị",
        'Ò' => "Ị",
        'î' => "ỵ",
        'Î' => "Ỵ",
        _ => "",
    }
}

/// Is this a code that only VNI writes after a vowel (a mark, not a
/// letter of its own)?
pub fn is_vni_mark(c: char) -> bool {
    let s = vni_chars(c);
    !s.is_empty() && s.chars().all(|m| ('\u{300}'..='\u{36F}').contains(&m))
}
