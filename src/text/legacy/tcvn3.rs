//! TCVN3 (ABC, TCVN 5712:1993), the encoding of the legacy ".VnTime" fonts
//! that many provincial offices still use: one byte a letter.

/// Bytes 0x80..=0xFF of TCVN 5712:1993 (generated from glibc's TCVN5712-1
/// converter; the lowercase letters are those of the ".VnTime" fonts).
const HIGH: [char; 128] = [
    '\u{00C0}', '\u{1EA2}', '\u{00C3}', '\u{00C1}', '\u{1EA0}', '\u{1EB6}', '\u{1EAC}', '\u{00C8}',
    '\u{1EBA}', '\u{1EBC}', '\u{00C9}', '\u{1EB8}', '\u{1EC6}', '\u{00CC}', '\u{1EC8}', '\u{0128}',
    '\u{00CD}', '\u{1ECA}', '\u{00D2}', '\u{1ECE}', '\u{00D5}', '\u{00D3}', '\u{1ECC}', '\u{1ED8}',
    '\u{1EDC}', '\u{1EDE}', '\u{1EE0}', '\u{1EDA}', '\u{1EE2}', '\u{00D9}', '\u{1EE6}', '\u{0168}',
    '\u{00A0}', '\u{0102}', '\u{00C2}', '\u{00CA}', '\u{00D4}', '\u{01A0}', '\u{01AF}', '\u{0110}',
    '\u{0103}', '\u{00E2}', '\u{00EA}', '\u{00F4}', '\u{01A1}', '\u{01B0}', '\u{0111}', '\u{1EB0}',
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', '\u{00E0}', '\u{1EA3}', '\u{00E3}',
    '\u{00E1}', '\u{1EA1}', '\u{1EB2}', '\u{1EB1}', '\u{1EB3}', '\u{1EB5}', '\u{1EAF}', '\u{1EB4}',
    '\u{1EAE}', '\u{1EA6}', '\u{1EA8}', '\u{1EAA}', '\u{1EA4}', '\u{1EC0}', '\u{1EB7}', '\u{1EA7}',
    '\u{1EA9}', '\u{1EAB}', '\u{1EA5}', '\u{1EAD}', '\u{00E8}', '\u{1EC2}', '\u{1EBB}', '\u{1EBD}',
    '\u{00E9}', '\u{1EB9}', '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EBF}', '\u{1EC7}', '\u{00EC}',
    '\u{1EC9}', '\u{1EC4}', '\u{1EBE}', '\u{1ED2}', '\u{0129}', '\u{00ED}', '\u{1ECB}', '\u{00F2}',
    '\u{1ED4}', '\u{1ECF}', '\u{00F5}', '\u{00F3}', '\u{1ECD}', '\u{1ED3}', '\u{1ED5}', '\u{1ED7}',
    '\u{1ED1}', '\u{1ED9}', '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{1EDB}', '\u{1EE3}', '\u{00F9}',
    '\u{1ED6}', '\u{1EE7}', '\u{0169}', '\u{00FA}', '\u{1EE5}', '\u{1EEB}', '\u{1EED}', '\u{1EEF}',
    '\u{1EE9}', '\u{1EF1}', '\u{1EF3}', '\u{1EF7}', '\u{1EF9}', '\u{00FD}', '\u{1EF5}', '\u{1ED0}',
];

/// Windows-1252 characters of 0x80..=0x9F, which a ToUnicode map may give
/// for those codes.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// One character of TCVN3 text read as Windows-1252 or Latin-1, as Unicode.
pub fn tcvn3_char(c: char) -> char {
    let byte = match c as u32 {
        0x80..=0xFF => Some(c as u32 as u8),
        _ => CP1252_HIGH
            .iter()
            .position(|&h| h == c)
            .map(|i| 0x80 + i as u8),
    };
    match byte {
        Some(b) if b >= 0x80 => HIGH[(b - 0x80) as usize],
        _ => c,
    }
}
