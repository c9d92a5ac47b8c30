use super::*;

fn line(text: &str, x0: f32, x1: f32, y: f32, bold: bool) -> Line {
    Line {
        text: text.into(),
        x0,
        x1,
        top: y - 10.0,
        bottom: y + 3.0,
        baseline: y,
        size: 13.0,
        bold,
        first_width: 6.0,
        ends_with_space: false,
        stamped: false,
    }
}

fn plan() -> Vec<Line> {
    vec![
        line("UBND TỈNH TUYÊN QUANG", 118.0, 278.0, 68.0, false),
        line(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            332.0,
            518.0,
            68.0,
            true,
        ),
        line("SỞ KHOA HỌC VÀ CÔNG NGHỆ", 106.0, 290.0, 84.0, true),
        line("Độc lập - Tự do - Hạnh phúc", 351.0, 498.0, 84.0, true),
        line("Số: 29/KH-SKHCN", 150.0, 246.0, 100.0, false),
        line(
            "Tuyên Quang, ngày 18 tháng 9 năm 2025",
            325.0,
            525.0,
            115.0,
            false,
        ),
        line("KẾ HOẠCH", 273.0, 350.0, 163.0, true),
        line(
            "Triển khai thực hiện nhiệm vụ phát triển khoa học,",
            89.0,
            534.0,
            181.0,
            true,
        ),
        line("chuyển đổi số năm 2025", 131.0, 492.0, 198.0, true),
        line(
            "Căn cứ Kế hoạch số 63/KH-UBND ngày 10/9/2025;",
            85.0,
            537.0,
            218.0,
            false,
        ),
        line(
            "II. NHIỆM VỤ TRỌNG TÂM ĐẾN HẾT NĂM 2025",
            85.0,
            353.0,
            352.0,
            true,
        ),
        line("Tổng số: 27 nhiệm vụ, trong đó:", 85.0, 253.0, 372.0, false),
        line(
            "1. Nhiệm vụ xây dựng và ban hành văn bản: 09",
            85.0,
            386.0,
            392.0,
            false,
        ),
        line("nhiệm vụ.", 85.0, 120.0, 410.0, false),
        line("Nơi nhận:", 85.0, 129.0, 600.0, true),
        line("KT. GIÁM ĐỐC", 385.0, 454.0, 601.0, true),
        line("PHÓ GIÁM ĐỐC", 385.0, 454.0, 615.0, true),
        line("- Như trên;", 85.0, 133.0, 614.0, false),
        line("Phạm Ninh Thái", 373.0, 466.0, 680.0, true),
    ]
}

#[test]
fn reads_a_plans_fields() {
    let lines = plan();
    let d = fields(&[PageText {
        width: 595.0,
        lines: &lines,
    }]);
    assert_eq!(d.kind.as_deref(), Some("KẾ HOẠCH"));
    assert_eq!(d.number.as_deref(), Some("29/KH-SKHCN"));
    assert_eq!(d.date.as_deref(), Some("2025-09-18"));
    assert_eq!(d.place.as_deref(), Some("Tuyên Quang"));
    assert_eq!(d.parent_issuer.as_deref(), Some("UBND TỈNH TUYÊN QUANG"));
    assert_eq!(d.issuer.as_deref(), Some("SỞ KHOA HỌC VÀ CÔNG NGHỆ"));
    assert_eq!(
        d.subject.as_deref(),
        Some("Triển khai thực hiện nhiệm vụ phát triển khoa học, chuyển đổi số năm 2025")
    );
    assert_eq!(d.signer.as_deref(), Some("Phạm Ninh Thái"));
    assert_eq!(
        d.signer_title.as_deref(),
        Some("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    );
}

#[test]
fn a_date_line_that_wraps_its_year_is_read_whole() {
    let mut lines = plan();
    lines[5] = line(
        "Thành phố Hồ Chí Minh, ngày 22 tháng 9 năm",
        300.0,
        540.0,
        115.0,
        false,
    );
    lines.insert(6, line("2026", 420.0, 450.0, 131.0, false));
    let d = fields(&[PageText {
        width: 595.0,
        lines: &lines,
    }]);
    assert_eq!(d.date.as_deref(), Some("2026-09-22"));
    assert_eq!(d.place.as_deref(), Some("Thành phố Hồ Chí Minh"));
    assert_eq!(d.kind.as_deref(), Some("KẾ HOẠCH"));
}

#[test]
fn a_cong_van_has_its_subject_in_vv() {
    let lines = vec![
        line("SỞ NỘI VỤ", 100.0, 200.0, 68.0, true),
        line("Số: 1830/SNV-VP", 100.0, 200.0, 84.0, false),
        line("V/v triển khai kế hoạch", 90.0, 230.0, 100.0, false),
        line("chuyển đổi số", 100.0, 200.0, 114.0, false),
        line(
            "Lâm Đồng, ngày 01 tháng 10 năm 2025",
            330.0,
            520.0,
            100.0,
            false,
        ),
        line("Kính gửi: Các phòng, đơn vị", 150.0, 400.0, 150.0, false),
    ];
    let d = fields(&[PageText {
        width: 595.0,
        lines: &lines,
    }]);
    assert_eq!(d.kind.as_deref(), Some("CÔNG VĂN"));
    assert_eq!(
        d.subject.as_deref(),
        Some("triển khai kế hoạch chuyển đổi số")
    );
    assert_eq!(d.date.as_deref(), Some("2025-10-01"));
    assert_eq!(d.issuer.as_deref(), Some("SỞ NỘI VỤ"));
    assert_eq!(d.parent_issuer, None);
}

#[test]
fn an_appendix_names_what_it_is_attached_to() {
    let lines = vec![
        line("PHỤ LỤC", 268.0, 330.0, 68.0, true),
        line("BỔ SUNG NHIỆM VỤ NĂM 2026", 150.0, 450.0, 85.0, true),
        line(
            "(Kèm theo Công văn số 1830/SKHCN-VP ngày 01/10/2025 của Sở)",
            70.0,
            520.0,
            100.0,
            false,
        ),
    ];
    let d = fields(&[PageText {
        width: 595.0,
        lines: &lines,
    }]);
    assert_eq!(d.kind.as_deref(), Some("PHỤ LỤC"));
    assert_eq!(d.subject.as_deref(), Some("BỔ SUNG NHIỆM VỤ NĂM 2026"));
    assert_eq!(
        d.attached_to.as_deref(),
        Some("Công văn số 1830/SKHCN-VP ngày 01/10/2025 của Sở")
    );
}

#[test]
fn place_falls_back_to_the_province_named() {
    let lines = vec![
        line("Sở Khoa học và Công nghệ", 129.0, 267.0, 68.0, false),
        line("KẾ HOẠCH", 273.0, 350.0, 137.0, true),
        line(
            "Kế hoạch cải cách hành chính tỉnh Sơn La năm 2025.",
            85.0,
            537.0,
            190.0,
            false,
        ),
        line(
            "Kế hoạch Chuyển đổi số tỉnh Sơn La năm 2025",
            85.0,
            537.0,
            210.0,
            false,
        ),
    ];
    let d = fields(&[PageText {
        width: 595.0,
        lines: &lines,
    }]);
    assert_eq!(d.place.as_deref(), Some("Sơn La"));
    assert_eq!(d.issuer.as_deref(), Some("Sở Khoa học và Công nghệ"));
    assert_eq!(d.date, None);
}

#[test]
fn paragraphs_join_wrapped_lines() {
    let lines = plan();
    let (_, ps) = crate::prose::read(
        &[PageText {
            width: 595.0,
            lines: &lines,
        }],
        &DocumentFields::default(),
    );
    assert!(
        ps.iter()
            .any(|(p, _)| p == "1. Nhiệm vụ xây dựng và ban hành văn bản: 09 nhiệm vụ."),
        "{ps:#?}"
    );
    assert!(
        ps.iter()
            .any(|(p, _)| p == "Tổng số: 27 nhiệm vụ, trong đó:")
    );
}

#[test]
fn a_subject_set_apart_at_wide_leading_is_read_whole() {
    // the trích yếu stands well under the type line and its lines are
    // set as far apart (a text with double line spacing)
    let mut lines = plan();
    let at = lines.iter().position(|l| l.text == "KẾ HOẠCH").unwrap();
    for (k, y) in [(at + 1, 200.0), (at + 2, 227.0), (at + 3, 254.0)] {
        let l = &mut lines[k];
        (l.top, l.bottom, l.baseline) = (y - 10.0, y + 3.0, y);
    }
    let d = fields(&[PageText {
        width: 595.0,
        lines: &lines,
    }]);
    assert_eq!(
        d.subject.as_deref(),
        Some("Triển khai thực hiện nhiệm vụ phát triển khoa học, chuyển đổi số năm 2025")
    );
}

#[test]
fn a_subject_line_that_opens_with_a_parenthesis_and_goes_on_is_the_subjects() {
    let mut lines = plan();
    let at = lines.iter().position(|l| l.text == "KẾ HOẠCH").unwrap();
    lines[at + 2].text = "(OCOP) năm 2026".into();
    let d = fields(&[PageText {
        width: 595.0,
        lines: &lines,
    }]);
    assert_eq!(
        d.subject.as_deref(),
        Some("Triển khai thực hiện nhiệm vụ phát triển khoa học, (OCOP) năm 2026")
    );
    // a line that is an aside in parentheses still closes it
    lines[at + 2].text = "(OCOP)".into();
    let d = fields(&[PageText {
        width: 595.0,
        lines: &lines,
    }]);
    assert_eq!(
        d.subject.as_deref(),
        Some("Triển khai thực hiện nhiệm vụ phát triển khoa học, (OCOP)")
    );
}

#[test]
fn a_signature_block_over_noi_nhan_is_read() {
    // the block signed right under the text, "Nơi nhận" under the name
    let mut lines: Vec<Line> = plan()
        .into_iter()
        .filter(|l| !l.text.starts_with("Nơi nhận") && !l.text.starts_with("- Như"))
        .collect();
    lines.push(line("Nơi nhận:", 85.0, 129.0, 700.0, true));
    lines.push(line("- Như trên;", 85.0, 133.0, 714.0, false));
    let d = fields(&[PageText {
        width: 595.0,
        lines: &lines,
    }]);
    assert_eq!(d.signer.as_deref(), Some("Phạm Ninh Thái"));
    assert_eq!(
        d.signer_title.as_deref(),
        Some("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    );
}
