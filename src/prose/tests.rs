use super::*;
use crate::layout::Line;

/// Body lines under a KẾ HOẠCH title: each indented like a paragraph's
/// first line, or at the margin where it starts with "~" (a wrapped line).
fn lines(body: &[&str]) -> Vec<Line> {
    let title = ["KẾ HOẠCH", "Triển khai nhiệm vụ năm 2026"];
    title
        .iter()
        .map(|t| (*t, 250.0))
        .chain(body.iter().map(|t| match t.strip_prefix('~') {
            Some(rest) => (rest, 70.0),
            None => (*t, 90.0),
        }))
        .enumerate()
        .map(|(n, (t, x0))| {
            let top = 100.0 + n as f32 * 20.0;
            // lines as long as their text, up to the right margin
            let x1 = (x0 + t.chars().count() as f32 * 6.5).min(530.0);
            Line {
                text: t.to_string(),
                x0,
                x1,
                top,
                bottom: top + 14.0,
                baseline: top + 11.0,
                size: 13.0,
                bold: false,
                first_width: 6.0,
                ends_with_space: false,
                stamped: false,
            }
        })
        .collect()
}

fn read(body: &[&str], kind: &str, issuer: &str) -> Vec<TaskRecord> {
    let lines = lines(body);
    let doc = DocumentFields {
        kind: Some(kind.into()),
        issuer: Some(issuer.into()),
        ..Default::default()
    };
    super::read(
        &[PageText {
            width: 595.0,
            lines: &lines,
        }],
        &doc,
    )
    .0
}

fn leads(records: &[TaskRecord]) -> Vec<&str> {
    records.iter().map(|r| r.lead.as_deref().unwrap()).collect()
}

#[test]
fn a_unit_heading_leads_the_bullets_under_it() {
    let r = read(
        &[
            "III. Văn phòng Chính phủ trân trọng đề nghị:",
            "1. Bộ Công an:",
            "- Chuẩn bị tài liệu phát tại Hội nghị.",
            "- Gửi danh sách đại biểu trước 14 giờ ngày 08 tháng 10 năm 2025.",
            "2. Bộ Y tế: Mời đại diện các đơn vị dự Hội nghị.",
        ],
        "CÔNG ĐIỆN",
        "VĂN PHÒNG CHÍNH PHỦ",
    );
    assert_eq!(leads(&r), ["Bộ Công an", "Bộ Công an", "Bộ Y tế"]);
    assert_eq!(r[0].tt, None);
    assert_eq!(r[2].tt.as_deref(), Some("2"));
    assert_eq!(
        r[1].deadline.as_deref(),
        Some("trước 14 giờ ngày 08 tháng 10 năm 2025")
    );
    let path: Vec<&str> = r[0].section.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(path, ["III", "1"]);
    assert!(
        r.iter()
            .all(|t| t.origin == Origin::Prose && t.table.is_none())
    );
}

#[test]
fn a_lead_in_gives_its_unit_and_the_issuer_gives_none() {
    let r = read(
        &[
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai năm 2026 như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Các sở, ngành bảo đảm tiến độ.",
            "II. TỔ CHỨC THỰC HIỆN",
            "Sở Nội vụ đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:",
            "a) Rà soát hồ sơ, hoàn thành trong tháng 12/2025;",
            "b) Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng bố trí kinh phí cho các",
            "~cơ quan, đơn vị.",
            "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Sở Nội vụ./.",
        ],
        "KẾ HOẠCH",
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    );
    assert_eq!(leads(&r), ["các cơ quan, đơn vị", "Sở Tài chính"]);
    assert_eq!(r[0].deadline.as_deref(), Some("trong tháng 12/2025"));
    assert_eq!(r[1].partners.as_deref(), Some("Sở Xây dựng"));
    // the lead-in is no section; the heading above it is
    assert_eq!(r[0].section.len(), 1);
}

#[test]
fn one_job_keeps_its_explanations_and_quoted_law_gives_no_job() {
    let r = read(
        &[
            "1. Giao Sở Y tế chủ trì thực hiện các nội dung sau, hoàn thành trước ngày 30/6/2026:",
            "- Kiểm tra các cơ sở khám bệnh;",
            "- Tổng hợp kết quả.",
            "2. Đề nghị Ban chấp hành Hội vận dụng hướng dẫn, cụ thể:",
            "“2. Hồ sơ gồm:",
            "a) Sở Tư pháp chủ trì thẩm định hồ sơ;”.",
        ],
        "THÔNG BÁO",
        "ỦY BAN NHÂN DÂN TỈNH",
    );
    assert_eq!(leads(&r), ["Sở Y tế", "Ban chấp hành Hội"]);
    assert!(
        r[0].task
            .as_deref()
            .unwrap()
            .ends_with("- Tổng hợp kết quả.")
    );
    assert_eq!(r[0].deadline.as_deref(), Some("trước ngày 30/6/2026"));
}

#[test]
fn reports_of_what_was_done_and_a_to_trinh_give_none() {
    let done = read(
        &["1. UBND tỉnh đã ban hành Quyết định số 12/QĐ-UBND ngày 02/01/2025."],
        "THÔNG BÁO",
        "VĂN PHÒNG UBND TỈNH",
    );
    assert!(done.is_empty());
    let to_trinh = read(
        &["Sở Nội vụ kính trình UBND tỉnh xem xét, phê duyệt./."],
        "TỜ TRÌNH",
        "SỞ NỘI VỤ",
    );
    assert!(to_trinh.is_empty());
}

#[test]
fn sentences_cut_after_a_full_stop_before_a_capital() {
    assert_eq!(
        sentences("Giao Sở A rà soát hồ sơ. Hoàn thành trước ngày 1/1/2026. TP. Đà Lạt"),
        [
            "Giao Sở A rà soát hồ sơ.",
            "Hoàn thành trước ngày 1/1/2026.",
            "TP. Đà Lạt"
        ]
    );
}

#[test]
fn a_heading_naming_offices_of_a_kind_leads_the_numbered_items_under_it() {
    // "Các Thuế cơ sở", "Các Trạm Y tế": units of a kind the head-word list
    // lacked; "Phòng Công nghệ thông tin" keeps "thông tin" as a noun
    let r = read(
        &[
            "Thuế tỉnh yêu cầu:",
            "1. Phòng Quản lý hộ kinh doanh chủ trì, phối hợp với Phòng Công nghệ thông tin rà soát danh sách trước ngày 15/7/2026.",
            "2. Các Thuế cơ sở:",
            "2.1. Tổ chức hội nghị phổ biến trong tháng 8/2026.",
            "2.2. Lập danh sách hộ kinh doanh chưa đăng ký trước ngày 10/9/2026.",
            "3. Các Trạm Y tế xã:",
            "a) Tiêm bổ sung vắc xin trong tháng 9/2026.",
        ],
        "CÔNG VĂN",
        "THUẾ TỈNH NINH BÌNH",
    );
    assert_eq!(
        leads(&r),
        [
            "Phòng Quản lý hộ kinh doanh",
            "Các Thuế cơ sở",
            "Các Thuế cơ sở",
            "Các Trạm Y tế xã"
        ]
    );
    assert_eq!(r[0].partners.as_deref(), Some("Phòng Công nghệ thông tin"));
    assert_eq!(r[1].tt.as_deref(), Some("2.1"));
}

#[test]
fn the_issuers_lead_in_holds_no_part_of_the_plan() {
    // 13i hi-05: "… ban hành Kế hoạch như sau:" over "I.", "IV.": the
    // parts stand beside it, and the tasks under IV are read
    let r = read(
        &[
            "Căn cứ Kế hoạch của UBND tỉnh, UBND đặc khu Phú Quốc ban hành Kế hoạch như sau:",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Chủ động phòng ngừa, ứng phó kịp thời với thiên tai.",
            "IV. TỔ CHỨC THỰC HIỆN",
            "1. Phòng Kinh tế chủ trì, phối hợp với Văn phòng HĐND và UBND đặc khu kiện toàn",
            "~Ban Chỉ huy, hoàn thành trước ngày 31/5/2026.",
            "2. Trung tâm Y tế đặc khu bố trí đội cấp cứu cơ động trong tháng 6/2026.",
        ],
        "KẾ HOẠCH",
        "ỦY BAN NHÂN DÂN ĐẶC KHU PHÚ QUỐC",
    );
    assert_eq!(leads(&r), ["Phòng Kinh tế", "Trung tâm Y tế đặc khu"]);
    assert_eq!(r[0].deadline.as_deref(), Some("trước ngày 31/5/2026"));
    let path: Vec<&str> = r[0].section.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(path, ["IV"]);
}
