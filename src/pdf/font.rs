//! Fonts as text extraction needs them: code → text, code → advance width.

use std::collections::HashMap;

use compact_str::CompactString;

use lopdf::{Dictionary, Document, Object};

use super::cmap::ToUnicode;
use super::encoding::{glyph_name, win_ansi};
use super::objects::{deref, dict_get, number, numbers};

/// A font resource, ready to decode the strings a content stream shows.
#[derive(Debug)]
pub struct Font {
    /// BaseFont without its subset prefix ("ABCDEF+").
    pub name: std::sync::Arc<str>,
    pub bold: bool,
    composite: bool,
    /// Byte lengths of codes of a composite font (Identity-H: 2).
    code_space: Option<ToUnicode>,
    to_unicode: Option<ToUnicode>,
    /// Text of each single-byte code by the font's /Encoding.
    encoding: Vec<Option<CompactString>>,
    widths: Widths,
    /// Glyph space to text space: 1/1000, or a Type3 font's FontMatrix.
    width_scale: f32,
    /// A legacy Vietnamese font (".VnTime"): its text is TCVN3, not Unicode.
    legacy: Option<crate::text::Legacy>,
}

#[derive(Debug)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Cid {
        widths: HashMap<u32, f32>,
        default: f32,
    },
}

/// One character code of a shown string.
#[derive(Debug, Clone)]
pub struct Code {
    pub text: CompactString,
    /// Advance in text space units (before font size).
    pub width: f32,
    /// A single-byte code 32, which word spacing (Tw) applies to.
    pub is_space: bool,
}

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary, limit: usize) -> Font {
        let subtype = name_of(dict.get(b"Subtype").ok());
        let composite = subtype == "Type0";
        let base = name_of(dict.get(b"BaseFont").ok());
        let name = base
            .split_once('+')
            .map_or(base.as_str(), |(_, n)| n)
            .to_string();
        let descendant = composite.then(|| descendant_font(doc, dict)).flatten();
        let descriptor = descendant
            .unwrap_or(dict)
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok());
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o, limit))
            .map(|b| ToUnicode::parse(&b))
            .filter(|m| !m.is_empty());
        let code_space = composite
            .then(|| dict.get(b"Encoding").ok())
            .flatten()
            .and_then(|o| stream_bytes(doc, o, limit))
            .map(|b| ToUnicode::parse(&b));
        let widths = match descendant {
            Some(d) => cid_widths(doc, d),
            None => simple_widths(doc, dict, descriptor),
        };
        let width_scale = if subtype == "Type3" {
            dict_get(doc, dict, b"FontMatrix")
                .and_then(|m| numbers(doc, m).first().copied())
                .filter(|v| v.is_finite() && *v != 0.0)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        let bold = name.contains("Bold")
            || descriptor
                .and_then(|d| d.get(b"FontWeight").ok())
                .and_then(|w| number(doc, w))
                .is_some_and(|w| w >= 600.0);
        let encoding = if composite {
            Vec::new()
        } else {
            simple_encoding(doc, dict)
        };
        let legacy = crate::text::Legacy::of_font(&name);
        Font {
            legacy,
            name: name.into(),
            bold,
            composite,
            code_space,
            to_unicode,
            encoding,
            widths,
            width_scale,
        }
    }

    /// Splits a shown string into codes with their text and width.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_len(&bytes[i..]).min(bytes.len() - i);
            let code = bytes[i..i + len]
                .iter()
                .fold(0u32, |a, &b| (a << 8) | b as u32);
            let mut text = self.text_of(len, code);
            if let Some(legacy) = self.legacy {
                text = legacy.decode(&text).into();
            }
            out.push(Code {
                text,
                width: self.width_of(code) * self.width_scale,
                is_space: len == 1 && code == 32,
            });
            i += len;
        }
        out
    }

    fn code_len(&self, bytes: &[u8]) -> usize {
        if !self.composite {
            return 1;
        }
        match (&self.code_space, &self.to_unicode) {
            (Some(cs), _) => cs.code_len(bytes, 2),
            (None, Some(tu)) => tu.code_len(bytes, 2),
            _ => 2,
        }
    }

    fn text_of(&self, len: usize, code: u32) -> CompactString {
        if let Some(t) = self.to_unicode.as_ref().and_then(|m| m.get(len, code)) {
            return t.into();
        }
        if self.composite {
            return "\u{FFFD}".into();
        }
        self.encoding
            .get(code as usize)
            .cloned()
            .flatten()
            .unwrap_or_else(|| char::from_u32(code).map(char_text).unwrap_or_default())
    }

    fn width_of(&self, code: u32) -> f32 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid { widths, default } => widths.get(&code).copied().unwrap_or(*default),
        }
    }
}

fn char_text(c: char) -> CompactString {
    let mut buf = [0u8; 4];
    CompactString::from(&*c.encode_utf8(&mut buf))
}

fn name_of(o: Option<&Object>) -> String {
    o.and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default()
}

fn descendant_font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Option<&'a Dictionary> {
    let arr = dict_get(doc, dict, b"DescendantFonts")?.as_array().ok()?;
    deref(doc, arr.first()?).as_dict().ok()
}

fn stream_bytes(doc: &Document, o: &Object, limit: usize) -> Option<Vec<u8>> {
    let s = deref(doc, o).as_stream().ok()?;
    s.get_plain_content_with_limit(limit).ok()
}

fn simple_widths(doc: &Document, dict: &Dictionary, desc: Option<&Dictionary>) -> Widths {
    let first = dict_get(doc, dict, b"FirstChar")
        .and_then(|o| number(doc, o))
        .unwrap_or(0.0)
        .max(0.0) as u32;
    let widths = dict_get(doc, dict, b"Widths")
        .map(|o| numbers(doc, o))
        .unwrap_or_default();
    let missing = desc
        .and_then(|d| dict_get(doc, d, b"MissingWidth"))
        .and_then(|o| number(doc, o))
        .filter(|w| *w > 0.0)
        // Standard 14 fonts carry no widths: an average Latin advance.
        .unwrap_or(500.0);
    Widths::Simple {
        first,
        widths,
        missing,
    }
}

/// `/W [c [w1 w2 ...]  c_first c_last w ...]` — both forms.
fn cid_widths(doc: &Document, d: &Dictionary) -> Widths {
    let default = dict_get(doc, d, b"DW")
        .and_then(|o| number(doc, o))
        .unwrap_or(1000.0);
    let mut widths = HashMap::new();
    let items: Vec<&Object> = dict_get(doc, d, b"W")
        .and_then(|o| o.as_array().ok())
        .map(|a| a.iter().map(|o| deref(doc, o)).collect())
        .unwrap_or_default();
    let mut i = 0;
    while i < items.len() {
        let Some(c) = number(doc, items[i]) else {
            i += 1;
            continue;
        };
        let c = c.max(0.0) as u32;
        match items.get(i + 1) {
            Some(Object::Array(ws)) => {
                for (k, w) in ws.iter().enumerate() {
                    if let Some(w) = number(doc, w) {
                        widths.insert(c.saturating_add(k as u32), w);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(w)) = (
                    number(doc, last),
                    items.get(i + 2).and_then(|o| number(doc, o)),
                ) else {
                    break;
                };
                let last = (last.max(0.0) as u32).min(c.saturating_add(0xFFFF));
                for code in c..=last {
                    widths.insert(code, w);
                }
                i += 3;
            }
            None => break,
        }
    }
    Widths::Cid { widths, default }
}

fn simple_encoding(doc: &Document, dict: &Dictionary) -> Vec<Option<CompactString>> {
    let mut table: Vec<Option<CompactString>> =
        (0..=255u8).map(|c| win_ansi(c).map(char_text)).collect();
    if let Some(Object::Dictionary(d)) = dict_get(doc, dict, b"Encoding") {
        apply_differences(doc, d, &mut table);
    }
    table
}

fn apply_differences(doc: &Document, d: &Dictionary, table: &mut [Option<CompactString>]) {
    let Some(diffs) = dict_get(doc, d, b"Differences").and_then(|o| o.as_array().ok()) else {
        return;
    };
    let mut code = 0usize;
    for item in diffs {
        match deref(doc, item) {
            Object::Integer(n) => code = (*n).clamp(0, 255) as usize,
            Object::Name(name) => {
                if let Some(slot) = table.get_mut(code) {
                    *slot = std::str::from_utf8(name)
                        .ok()
                        .and_then(glyph_name)
                        .map(char_text);
                }
                code += 1;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn cid_widths_read_both_forms() {
        let doc = Document::new();
        let d = dictionary! {
            "DW" => 500,
            "W" => vec![3.into(), vec![Object::Integer(250), Object::Integer(333)].into(),
                        10.into(), 12.into(), 777.into()],
        };
        let Widths::Cid { widths, default } = cid_widths(&doc, &d) else {
            panic!("not CID widths")
        };
        assert_eq!(default, 500.0);
        assert_eq!(widths[&3], 250.0);
        assert_eq!(widths[&4], 333.0);
        assert_eq!(widths[&10], 777.0);
        assert_eq!(widths[&12], 777.0);
        assert!(!widths.contains_key(&13));
    }

    #[test]
    fn legacy_vntime_font_reads_as_tcvn3() {
        let doc = Document::new();
        let font = dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => "ABCDEF+.VnTimeH" };
        let f = Font::load(&doc, &font, 1 << 20);
        let text: String = f
            .decode(b"k\xd5 ho\xb9ch")
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(text, "KẾ HOẠCH");
        let font =
            dictionary! { "Type" => "Font", "Subtype" => "TrueType", "BaseFont" => ".VnTime" };
        let f = Font::load(&doc, &font, 1 << 20);
        let text: String = f
            .decode(b"Tr\xad\xeang")
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(text, "Trường");
    }

    #[test]
    fn differences_override_base_encoding() {
        let doc = Document::new();
        let font = dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+Times-Bold",
            "Encoding" => dictionary! {
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![65.into(), Object::Name(b"dcroat".to_vec()), Object::Name(b"uni1EC7".to_vec())],
            },
        };
        let f = Font::load(&doc, &font, 1 << 20);
        assert_eq!(&*f.name, "Times-Bold");
        assert!(f.bold);
        let codes = f.decode(b"ABC ");
        let text: String = codes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(text, "đệC ");
        assert!(codes[3].is_space);
        assert_eq!(codes[0].width, 0.5);
    }
}
