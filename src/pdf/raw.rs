//! Stream data read straight from the file when the object's /Length is
//! missing or wrong (hand-written and damaged files): viewers find the data
//! between "stream" and "endstream", and so do we.

use lopdf::{ObjectId, Stream};

use super::find;

pub struct RawStreams<'a> {
    bytes: &'a [u8],
}

impl<'a> RawStreams<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        RawStreams { bytes }
    }

    /// A stream's decoded content; when lopdf read it empty, the bytes
    /// between its "stream" and "endstream" keywords, decoded with its filters.
    pub fn content(&self, id: ObjectId, stream: &Stream, limit: usize) -> Option<Vec<u8>> {
        if !stream.content.is_empty() || id.0 == 0 {
            return stream.get_plain_content_with_limit(limit).ok();
        }
        let data = self.find(id)?;
        let recovered = Stream::new(stream.dict.clone(), data.to_vec());
        if recovered.dict.has(b"Filter") {
            recovered.get_plain_content_with_limit(limit).ok()
        } else {
            Some(data.iter().take(limit).copied().collect())
        }
    }

    /// The last "N G obj ... stream" in the file (incremental updates win).
    fn find(&self, (num, gen_): ObjectId) -> Option<&'a [u8]> {
        let head = format!("{num} {gen_} obj");
        let b = self.bytes;
        let mut at = None;
        let mut from = 0;
        while let Some(p) = find(&b[from..], head.as_bytes()) {
            let start = from + p;
            let before_ok = start == 0 || !b[start - 1].is_ascii_digit();
            if before_ok {
                at = Some(start + head.len());
            }
            from = start + head.len();
        }
        let at = at?;
        let rest = &b[at..];
        let kw = find(&rest[..rest.len().min(1 << 16)], b"stream")?;
        let mut data_start = at + kw + b"stream".len();
        if b.get(data_start) == Some(&b'\r') {
            data_start += 1;
        }
        if b.get(data_start) == Some(&b'\n') {
            data_start += 1;
        }
        let end = data_start + find(&b[data_start..], b"endstream")?;
        let mut data = &b[data_start..end];
        while let Some((last, head)) = data.split_last() {
            if *last == b'\n' || *last == b'\r' {
                data = head;
            } else {
                break;
            }
        }
        Some(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn finds_data_without_length() {
        let file = b"%PDF-1.4\n6 0 obj\n<< >>\nstream\nBT (Hi) Tj ET\nendstream\nendobj\n16 0 obj\n<< >>\nstream\nX\nendstream";
        let raw = RawStreams::new(file);
        let empty = Stream::new(dictionary! {}, Vec::new());
        assert_eq!(
            raw.content((6, 0), &empty, 1 << 20).unwrap(),
            b"BT (Hi) Tj ET"
        );
        assert_eq!(raw.content((16, 0), &empty, 1 << 20).unwrap(), b"X");
        assert!(raw.content((7, 0), &empty, 1 << 20).is_none());
    }
}
