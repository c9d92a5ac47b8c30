//! A file whose cross-reference table or trailer is lost or wrong (cut
//! short, overwritten, pointing at the wrong bytes) rebuilt as viewers do:
//! every "N G obj" in the file is found by scanning, and a fresh table and
//! trailer naming the document catalog are appended. When no catalog is
//! left, one is made; the page walk then finds the page objects by type.

use std::fmt::Write;
use std::sync::LazyLock;

use regex::bytes::Regex;

static OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)(?:^|[\s\x00])(\d{1,9})[\s\x00]+(\d{1,5})[\s\x00]+obj\b").unwrap()
});
static CATALOG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)/Type\s*/Catalog\b").unwrap());
static PAGES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u)/Type\s*/Pages\b").unwrap());

/// The largest object number a rebuilt table may hold: the table costs 20
/// bytes per number.
const MAX_OBJECT: u32 = 1_000_000;

/// The file with a cross-reference table and trailer of its objects
/// appended, or `None` when it holds no objects.
pub fn rebuild(body: &[u8]) -> Option<Vec<u8>> {
    // (number, generation, offset); a later definition replaces an earlier
    let mut objects: Vec<(u32, u16, usize)> = OBJECT
        .captures_iter(body)
        .filter_map(|c| {
            let number = std::str::from_utf8(&c[1]).ok()?.parse().ok()?;
            let generation = std::str::from_utf8(&c[2]).ok()?.parse().ok()?;
            Some((number, generation, c.get(1)?.start()))
        })
        .filter(|(n, _, _)| (1..MAX_OBJECT).contains(n))
        .collect();
    if objects.is_empty() {
        return None;
    }
    let text_of = |i: usize| {
        let end = objects.get(i + 1).map_or(body.len(), |o| o.2);
        &body[objects[i].2..end]
    };
    let catalog = (0..objects.len())
        .rev()
        .find(|&i| CATALOG.is_match(text_of(i)))
        .map(|i| objects[i].0);
    let pages = (0..objects.len())
        .rev()
        .find(|&i| PAGES.is_match(text_of(i)) && !text_of(i).windows(7).any(|w| w == b"/Parent"))
        .map(|i| objects[i].0);
    objects.sort_by_key(|o| o.0);
    objects.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same && later.2 > earlier.2 {
            *earlier = *later;
        }
        same
    });
    let mut out = body.to_vec();
    let mut size = objects.last().map_or(1, |o| o.0 + 1);
    let root = match catalog {
        Some(n) => n,
        None => {
            let n = size;
            size += 1;
            let pages = pages
                .map(|p| format!(" /Pages {p} 0 R"))
                .unwrap_or_default();
            objects.push((n, 0, out.len() + 1));
            out.extend(format!("\n{n} 0 obj\n<< /Type /Catalog{pages} >>\nendobj\n").bytes());
            n
        }
    };
    let xref = out.len() + 1;
    let mut table = format!("\nxref\n0 {size}\n0000000000 65535 f \n");
    let mut next = objects.iter().peekable();
    for number in 1..size {
        match next.next_if(|o| o.0 == number) {
            Some(&(_, generation, offset)) => {
                let _ = writeln!(table, "{offset:010} {generation:05} n ");
            }
            None => table.push_str("0000000000 65535 f \n"),
        }
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    );
    out.extend(table.bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_cut_before_its_trailer_gets_one() {
        let body = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
            2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\nxref\n0 3\n";
        let out = String::from_utf8(rebuild(body).unwrap()).unwrap();
        assert!(out.ends_with("trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n120\n%%EOF\n"));
        assert!(out.contains("0000000009 00000 n \n0000000058 00000 n \n"));
        assert!(lopdf::Document::load_mem(out.as_bytes()).is_ok());
    }

    #[test]
    fn a_lost_catalog_is_made_anew() {
        let body = b"%PDF-1.4\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
            3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n";
        let out = String::from_utf8(rebuild(body).unwrap()).unwrap();
        assert!(out.contains("4 0 obj\n<< /Type /Catalog /Pages 2 0 R >>"));
        assert!(out.contains("/Root 4 0 R"));
        let doc = lopdf::Document::load_mem(out.as_bytes()).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
    }

    #[test]
    fn no_objects_no_file() {
        assert!(rebuild(b"%PDF-1.4\nnothing here\n").is_none());
    }
}
