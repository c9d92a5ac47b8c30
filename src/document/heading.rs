//! The heading's lines and its top-left block: cơ quan chủ quản over cơ
//! quan ban hành.

use crate::layout::Line;
use crate::text::fold;

use super::{NUMBER, PLACE_DATE, is_capitals};

/// The motto's first words: where the right half of a heading line starts
/// when a tab, not a gap, set the two halves apart.
const MOTTO: [&str; 4] = [
    "CỘNG HÒA XÃ HỘI",
    "CỘNG HOÀ XÃ HỘI",
    "Độc lập - Tự do",
    "Độc lập – Tự do",
];

/// Words a body's name starts with ("SỞ Y TẾ", "UBND TỈNH …", "BAN THƯỜNG
/// VỤ"), folded. A heading line that starts otherwise goes on the name
/// above it ("ỦY BAN NHÂN DÂN" / "TỈNH LÂM ĐỒNG").
const BODY_HEADS: &[&str] = &[
    "ubnd",
    "uy ban",
    "hoi dong",
    "so ",
    "ban ",
    "phong ",
    "cuc ",
    "chi cuc",
    "tong cuc",
    "vu ",
    "vien ",
    "trung tam",
    "cong an",
    "bo ",
    "van phong",
    "thanh tra",
    "kho bac",
    "hiep hoi",
    "hoi ",
    "lien doan",
    "truong ",
    "benh vien",
    "dai ",
    "chinh phu",
    "quoc hoi",
    "toa an",
    "bao hiem",
    "cong ty",
    "tong cong ty",
    "dang uy",
    "tinh uy",
    "huyen uy",
    "thanh uy",
    "mat tran",
    "doan ",
    "lien minh",
    "ngan hang",
    "quy ",
    "bo chi huy",
    "thu tuong",
    // the tax offices since 2025 ("CỤC THUẾ" over "THUẾ TỈNH NINH BÌNH")
    "thue ",
    "tram ",
    "hat ",
    "chi nhanh",
    "hoc vien",
    "dai hoc",
    "kiem toan",
    "bo tu lenh",
    // the statistics offices since 2025 ("CỤC THỐNG KÊ" over "THỐNG KÊ
    // TỈNH CÀ MAU"), a council's standing body ("HĐND THÀNH PHỐ HÀ NỘI"
    // over "THƯỜNG TRỰC"), a national park under its ministry
    "thong ke ",
    "thuong truc",
    "hdnd ",
    "vuon quoc gia",
];

/// Lines of the first page as the heading is read: one per side of the
/// page on a baseline, the motto split off its line, and no signing
/// notes ("Ký bởi: …", a stamp's "Cơ quan phát hành: …").
pub fn lines(page: &[Line], mid: f32) -> Vec<Line> {
    let split: Vec<Line> = page.iter().flat_map(split_motto).collect();
    let mut out: Vec<Line> = Vec::with_capacity(split.len());
    for l in split
        .into_iter()
        .filter(|l| !l.stamped && !is_signing_note(&l.text))
    {
        match out.last_mut() {
            Some(prev)
                if (prev.baseline - l.baseline).abs() < l.size.max(1.0) * 0.3
                    && (prev.center_x() < mid) == (l.center_x() < mid)
                    && !is_motto(&l.text) =>
            {
                prev.text = format!("{} {}", prev.text, l.text);
                prev.x1 = prev.x1.max(l.x1);
                prev.bold &= l.bold;
            }
            _ => out.push(l),
        }
    }
    out
}

/// The motto's lines open the right half, wherever a squeezed layout put
/// them ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc").
fn is_motto(t: &str) -> bool {
    MOTTO.iter().any(|m| t.starts_with(m))
}

/// A line holding the issuer and the motto side by side, as two lines; x
/// is shared out by characters.
fn split_motto(l: &Line) -> Vec<Line> {
    let Some(at) = MOTTO
        .iter()
        .filter_map(|m| l.text.find(m))
        .filter(|&i| i > 0)
        .min()
    else {
        return vec![l.clone()];
    };
    let (left, right) = l.text.split_at(at);
    let share = left.chars().count() as f32 / l.text.chars().count().max(1) as f32;
    let cut = l.x0 + (l.x1 - l.x0) * share;
    let mut a = l.clone();
    a.text = left.trim().to_string();
    a.x1 = cut;
    let mut b = l.clone();
    b.text = right.trim().to_string();
    b.x0 = cut;
    vec![a, b]
}

/// What a signing tool writes beside a signature: who signed, when, the
/// signer's mail ("Ký bởi: …", "Thời gian ký: …", "06.11.2024 09:27:05 +07:00").
pub fn is_signing_note(t: &str) -> bool {
    let f = fold(t);
    [
        "ky boi",
        "nguoi ky",
        "thoi gian ky",
        "gio ky",
        "co quan phat hanh",
        "email",
        "co quan:",
    ]
    .iter()
    .any(|p| f.starts_with(p))
        || t.contains('@')
        || t.contains("+07:00")
}

/// The top-left block, split into the body above (cơ quan chủ quản) and
/// the issuer: the block's lines in the left half above the number, in
/// capitals. Where the block mixes weights the bold lines are the issuer
/// (Nghị định 30); otherwise each line that starts a body's name starts a
/// body, and the last body is the issuer.
pub fn issuers(head: &[Line], mid: f32) -> (Option<String>, Option<String>) {
    let block: Vec<&Line> = head
        .iter()
        .filter(|l| l.center_x() < mid && !is_motto(&l.text))
        .take_while(|l| !NUMBER.is_match(&l.text) && !l.text.starts_with("V/v"))
        .filter(|l| l.text.chars().any(char::is_alphabetic) && !PLACE_DATE.is_match(&l.text))
        .take_while(|l| is_capitals(&l.text) || starts_body(&l.text))
        .collect();
    let (regular, bold): (Vec<&Line>, Vec<&Line>) = block.iter().partition(|l| !l.bold);
    // weight parts the parent from the issuer, unless the regular lines name
    // no body by themselves ("ỦY BAN NHÂN DÂN" over a bold "TỈNH X" is one)
    let bodies: Vec<String> =
        if !regular.is_empty() && !bold.is_empty() && !needs_more(&join(&regular)) {
            vec![join(&regular), join(&bold)]
        } else {
            bodies(&block)
        };
    match bodies.as_slice() {
        [] => (None, None),
        [issuer] => (None, Some(issuer.clone())),
        [parents @ .., issuer] => (Some(parents.join(" ")), Some(issuer.clone())),
    }
}

fn join(lines: &[&Line]) -> String {
    lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The block's lines grouped into body names.
fn bodies(block: &[&Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in block {
        let starts_body = starts_body(&l.text);
        let completes = out.last().is_some_and(|prev| needs_more(prev));
        match out.last_mut() {
            Some(prev) if !starts_body || completes => {
                prev.push(' ');
                prev.push_str(&l.text);
            }
            _ => out.push(l.text.clone()),
        }
    }
    out
}

fn starts_body(t: &str) -> bool {
    let f = fold(t) + " ";
    BODY_HEADS.iter().any(|h| f.starts_with(h))
}

/// A name that cannot end where it is: "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN
/// DÂN", "THỦ TƯỚNG" go on with the line below.
fn needs_more(name: &str) -> bool {
    let f = fold(name);
    ["uy ban nhan dan", "hoi dong nhan dan", "thu tuong"].contains(&f.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                text: t.to_string(),
                x0: 100.0,
                x1: 250.0,
                top: 50.0 + 15.0 * i as f32,
                bottom: 62.0 + 15.0 * i as f32,
                baseline: 60.0 + 15.0 * i as f32,
                size: 13.0,
                bold: false,
                first_width: 6.0,
                ends_with_space: false,
                stamped: false,
            })
            .collect()
    }

    #[test]
    fn bodies_start_at_a_bodys_first_words() {
        let cases: [(&[&str], Option<&str>, &str); 9] = [
            (
                &["UBND TỈNH BÌNH THUẬN", "SỞ NỘI VỤ"],
                Some("UBND TỈNH BÌNH THUẬN"),
                "SỞ NỘI VỤ",
            ),
            (
                &["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"],
                None,
                "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
            ),
            (&["THỦ TƯỚNG", "CHÍNH PHỦ"], None, "THỦ TƯỚNG CHÍNH PHỦ"),
            (
                &["HIỆP HỘI CÔNG CHỨNG VIÊN", "VIỆT NAM", "BAN THƯỜNG VỤ"],
                Some("HIỆP HỘI CÔNG CHỨNG VIÊN VIỆT NAM"),
                "BAN THƯỜNG VỤ",
            ),
            (&["CHÍNH PHỦ", "Số: 45/2026/NĐ-CP"], None, "CHÍNH PHỦ"),
            (
                &["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "VƯỜN QUỐC GIA CÚC PHƯƠNG"],
                Some("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),
                "VƯỜN QUỐC GIA CÚC PHƯƠNG",
            ),
            (
                &["HĐND THÀNH PHỐ HÀ NỘI", "THƯỜNG TRỰC"],
                Some("HĐND THÀNH PHỐ HÀ NỘI"),
                "THƯỜNG TRỰC",
            ),
            (
                &["CỤC THỐNG KÊ", "THỐNG KÊ TỈNH CÀ MAU"],
                Some("CỤC THỐNG KÊ"),
                "THỐNG KÊ TỈNH CÀ MAU",
            ),
            (
                &["CỤC THUẾ", "THUẾ TỈNH NINH BÌNH", "Số: 2318/NBI-QLHKD"],
                Some("CỤC THUẾ"),
                "THUẾ TỈNH NINH BÌNH",
            ),
        ];
        for (texts, parent, issuer) in cases {
            let (p, i) = issuers(&lines(texts), 300.0);
            assert_eq!(
                (p.as_deref(), i.as_deref()),
                (parent, Some(issuer)),
                "{texts:?}"
            );
        }
    }

    #[test]
    fn weight_parts_bodies_only_where_each_part_names_one() {
        // a regular parent over a bold issuer
        let mut parted = lines(&["UBND TỈNH BÌNH THUẬN", "SỞ NỘI VỤ"]);
        parted[1].bold = true;
        let (p, i) = issuers(&parted, 300.0);
        assert_eq!(
            (p.as_deref(), i.as_deref()),
            (Some("UBND TỈNH BÌNH THUẬN"), Some("SỞ NỘI VỤ"))
        );
        // "ỦY BAN NHÂN DÂN" names no body alone: a scan's bold guess missed it
        let mut one = lines(&["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]);
        one[1].bold = true;
        let (p, i) = issuers(&one, 300.0);
        assert_eq!(
            (p.as_deref(), i.as_deref()),
            (None, Some("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"))
        );
    }

    #[test]
    fn the_motto_is_split_off() {
        let l = &lines(&["VĂN PHÒNG CHÍNH PHỦ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"])[0];
        let parts = split_motto(l);
        assert_eq!(parts[0].text, "VĂN PHÒNG CHÍNH PHỦ");
        assert!(parts[1].text.starts_with("CỘNG HOÀ"));
    }

    #[test]
    fn signing_notes_are_known() {
        assert!(is_signing_note("Cơ quan phát hành: VĂN PHÒNG CHÍNH PHỦ"));
        assert!(is_signing_note("Ký bởi: UBND tỉnh Lâm Đồng"));
        assert!(!is_signing_note("SỞ NỘI VỤ"));
    }

    #[test]
    fn the_motto_squeezed_left_of_the_middle_is_no_part_of_the_issuer() {
        // laid-out text set the two halves close: the motto's centre falls
        // left of the page's middle
        // (the motto with hyphens or en dashes)
        for motto in ["Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc"]
        {
            let second = format!("PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT       {motto}");
            let mut ls = lines(&[
                "ỦY BAN NHÂN DÂN       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                &second,
            ]);
            for l in &mut ls {
                l.x0 = 30.0;
                l.x1 = 380.0;
            }
            let head = super::lines(&ls, 276.0);
            let want = Some("ỦY BAN NHÂN DÂN PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT".to_string());
            assert_eq!(issuers(&head, 276.0), (None, want), "{motto}");
        }
    }
}
