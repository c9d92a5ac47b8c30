//! ToUnicode CMaps: the table that maps a font's character codes to text.
//!
//! Only what text extraction needs: `codespacerange` (how many bytes a code
//! takes), `bfchar` and `bfrange`. Anything else in the CMap is skipped.

use std::collections::HashMap;

/// A parsed ToUnicode CMap.
#[derive(Debug, Default, Clone)]
pub struct ToUnicode {
    /// (byte length, low, high) of every code space range.
    codespace: Vec<(u8, u32, u32)>,
    map: HashMap<(u8, u32), String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Word(String),
    ArrayStart,
    ArrayEnd,
}

/// Ranges larger than this are cut: a hostile CMap could otherwise ask for
/// billions of entries.
const MAX_RANGE: u32 = 0x1_0000;

impl ToUnicode {
    pub fn parse(data: &[u8]) -> ToUnicode {
        let tokens = tokenize(data);
        let mut cmap = ToUnicode::default();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Word(w) if w == "begincodespacerange" => {
                    i = cmap.read_codespace(&tokens, i + 1);
                }
                Token::Word(w) if w == "beginbfchar" => i = cmap.read_bfchar(&tokens, i + 1),
                Token::Word(w) if w == "beginbfrange" => i = cmap.read_bfrange(&tokens, i + 1),
                _ => i += 1,
            }
        }
        cmap
    }

    fn read_codespace(&mut self, t: &[Token], mut i: usize) -> usize {
        while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) = (t.get(i), t.get(i + 1)) {
            self.codespace
                .push((lo.len().clamp(1, 4) as u8, be(lo), be(hi)));
            i += 2;
        }
        i
    }

    fn read_bfchar(&mut self, t: &[Token], mut i: usize) -> usize {
        while let (Some(Token::Hex(src)), Some(Token::Hex(dst))) = (t.get(i), t.get(i + 1)) {
            self.insert(src.len(), be(src), utf16(dst));
            i += 2;
        }
        i
    }

    fn read_bfrange(&mut self, t: &[Token], mut i: usize) -> usize {
        while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) = (t.get(i), t.get(i + 1)) {
            let (len, lo_v, hi_v) = (lo.len(), be(lo), be(hi));
            let hi_v = hi_v.min(lo_v.saturating_add(MAX_RANGE));
            match t.get(i + 2) {
                Some(Token::Hex(dst)) => {
                    for (k, code) in (lo_v..=hi_v).enumerate() {
                        self.insert(len, code, utf16(&add_to_last(dst, k as u32)));
                    }
                    i += 3;
                }
                Some(Token::ArrayStart) => {
                    i += 3;
                    let mut code = lo_v;
                    while let Some(Token::Hex(dst)) = t.get(i) {
                        if code <= hi_v {
                            self.insert(len, code, utf16(dst));
                        }
                        code = code.saturating_add(1);
                        i += 1;
                    }
                    i += 1; // the closing bracket
                }
                _ => return i + 2,
            }
        }
        i
    }

    fn insert(&mut self, len: usize, code: u32, text: String) {
        if (1..=4).contains(&len) {
            self.map.insert((len as u8, code), text);
        }
    }

    /// Byte length of the code starting at `bytes[0]`, by the code space ranges
    /// (2 when the CMap declares none: Identity-H is the common case).
    pub fn code_len(&self, bytes: &[u8], default: usize) -> usize {
        for &(len, lo, hi) in &self.codespace {
            let len = len as usize;
            if bytes.len() >= len {
                let v = be(&bytes[..len]);
                if (lo..=hi).contains(&v) {
                    return len;
                }
            }
        }
        default
    }

    pub fn get(&self, len: usize, code: u32) -> Option<&str> {
        self.map.get(&(len as u8, code)).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn be(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

/// `bfrange` with a string destination: the last byte is incremented per code.
fn add_to_last(dst: &[u8], k: u32) -> Vec<u8> {
    let mut out = dst.to_vec();
    if out.len() >= 2 {
        let n = out.len();
        let last = u16::from_be_bytes([out[n - 2], out[n - 1]]).wrapping_add(k as u16);
        out[n - 2..].copy_from_slice(&last.to_be_bytes());
    } else if let Some(b) = out.last_mut() {
        *b = b.wrapping_add(k as u8);
    }
    out
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                c[0] as u16
            }
        })
        .collect();
    String::from_utf16_lossy(&units)
        .chars()
        .filter(|&c| c != '\0')
        .collect()
}

fn tokenize(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = data[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| i + p);
                out.push(Token::Hex(hex(&data[i + 1..end])));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::ArrayStart);
                i += 1;
            }
            b']' => {
                out.push(Token::ArrayEnd);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // literal strings (CMap names and such) are not needed: skip them
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !b"<>[]()% \t\r\n\x0c/".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1; // a lone '/' or other delimiter
                    continue;
                }
                out.push(Token::Word(String::from_utf8_lossy(&data[start..i]).into()));
            }
        }
    }
    out
}

fn hex(digits: &[u8]) -> Vec<u8> {
    let nibbles: Vec<u8> = digits
        .iter()
        .filter_map(|&d| (d as char).to_digit(16).map(|v| v as u8))
        .collect();
    nibbles
        .chunks(2)
        .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CMAP: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0011> <1EC7> endbfchar
2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<00E0> <0111>] endbfrange
endcmap";

    #[test]
    fn reads_bfchar_and_both_bfrange_forms() {
        let m = ToUnicode::parse(CMAP);
        assert_eq!(m.get(2, 0x0003), Some(" "));
        assert_eq!(m.get(2, 0x0011), Some("ệ"));
        assert_eq!(m.get(2, 0x0021), Some("B"));
        assert_eq!(m.get(2, 0x0022), Some("C"));
        assert_eq!(m.get(2, 0x0031), Some("đ"));
        assert_eq!(m.get(1, 0x03), None);
    }

    #[test]
    fn code_length_follows_codespace() {
        let m = ToUnicode::parse(CMAP);
        assert_eq!(m.code_len(&[0, 3], 1), 2);
        let one = ToUnicode::parse(b"1 begincodespacerange <00> <FF> endcodespacerange");
        assert_eq!(one.code_len(&[0x41, 0x42], 2), 1);
    }

    #[test]
    fn garbage_does_not_panic() {
        let m = ToUnicode::parse(b"beginbfrange <00> <FFFFFFFF> <0041> [ <zz");
        assert!(m.get(1, 0x10).is_some());
        ToUnicode::parse(b"<<<<(((\\");
    }
}
