//! Units (đơn vị) named in a lead or partners cell.

/// Words a unit's name starts with, capitalised as printed: where a part
/// after a comma or "và" starts with one of them, it names a unit of its
/// own ("Sở Tư pháp, Văn phòng UBND tỉnh"); where it does not, it goes on
/// the name before it ("Các phòng, đơn vị thuộc Sở", "Sở Văn hóa, Thể thao
/// và Du lịch", "UBND các huyện, thành phố").
const UNIT_HEADS: &[&str] = &[
    "Sở",
    "Ban",
    "Phòng",
    "UBND",
    "Ủy ban",
    "Uỷ ban",
    "Văn phòng",
    "Công an",
    "Trung tâm",
    "Bộ",
    "Cục",
    "Chi cục",
    "Báo",
    "Đài",
    "Viện",
    "Trường",
    "Bệnh viện",
    "Hội",
    "Liên đoàn",
    "Đoàn",
    "Tỉnh đoàn",
    "Tỉnh ủy",
    "Tỉnh uỷ",
    "Kho bạc",
    "Bảo hiểm",
    "Điện lực",
    "Ngân hàng",
    "Thanh tra",
    "Các",
    "Cơ quan",
    "Quỹ",
    "Hiệp hội",
    "Mặt trận",
    "Công ty",
    "Tổng công ty",
    "Đảng ủy",
    "Đảng uỷ",
    "Hội đồng",
    "HĐND",
    "Tòa án",
    "Toà án",
    "Cổng",
    "Trạm",
    "Hạt",
    "Đồn",
    "Chi nhánh",
    "Học viện",
    // the tax offices since 2025: "Thuế tỉnh Ninh Bình", "Thuế cơ sở 3"
    "Thuế",
];

/// A cell that points at another document's assignment instead of naming
/// units: "Theo phân công tại Quyết định số …", "Theo Kế hoạch …".
pub fn is_reference(cell: &str) -> bool {
    let f = crate::text::fold(cell.trim());
    f.starts_with("theo ") || f.starts_with("nhu phan cong") || f.starts_with("duoc phan cong")
}

/// Splits a cell into units: on ";", on list items ("- ...", "+ ..."), and
/// on commas and "và" where the part after starts like a unit's name (see
/// [`UNIT_HEADS`]); never inside a name ("Các phòng, đơn vị thuộc Sở" and
/// "Sở, ban, ngành" are one unit each).
pub fn split_units(cell: &str) -> Vec<String> {
    cell.split(['\n', ';'])
        .map(|part| {
            part.trim()
                .trim_start_matches(['-', '+', '•', '–', '*'])
                .trim()
                .trim_end_matches(['.', ';', ','])
                .trim()
        })
        .filter(|u| !u.is_empty())
        .flat_map(split_names)
        .collect()
}

/// One part of a cell → the unit names in it, cut at ", " and " và "
/// before a unit's head word.
fn split_names(part: &str) -> Vec<String> {
    cut_before_units(part, ", ")
        .iter()
        .flat_map(|name| cut_before_units(name, " và "))
        .collect()
}

/// `text` cut at each `sep` that a unit's head word follows; elsewhere the
/// separator stays inside the name.
fn cut_before_units(text: &str, sep: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for piece in text.split(sep) {
        match names.last_mut() {
            Some(last) if !starts_a_unit(piece) => {
                last.push_str(sep);
                last.push_str(piece);
            }
            _ => names.push(piece.to_string()),
        }
    }
    names
}

fn starts_a_unit(piece: &str) -> bool {
    UNIT_HEADS.iter().any(|head| {
        piece
            .strip_prefix(head)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// Group names written in lower case in running text ("các sở, ban, ngành",
/// "cơ quan, đơn vị"), and the heads of units named by their office
/// ("Giám đốc Sở Y tế", "Chủ tịch UBND các xã").
const GROUP_HEADS: &[&str] = &[
    "các",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "sở",
    "ban",
    "ngành",
    "Giám đốc",
    "Chủ tịch",
    "Thủ trưởng",
    "Bộ trưởng",
    "Trưởng",
    "Người đứng đầu",
    "thủ trưởng",
    "giám đốc",
    "chủ tịch",
    "người đứng đầu",
    "Chánh",
    "Tổng cục",
];

/// Words that start like a unit's name but name none ("Hội nghị", "Báo cáo").
const NOT_UNITS: &[&str] = &[
    "Hội viên",
    "Hội nghị",
    "Hội thảo",
    "Hội thi",
    "Hội diễn",
    "Hội chợ",
    "Ban hành",
    "Báo cáo",
    "Phòng, chống",
    "Phòng chống",
    "Phòng ngừa",
    "Đoàn kết",
    "Trường hợp",
    "Bộ máy",
    "Bộ tiêu chí",
    "Bộ chỉ số",
    "Bộ hồ sơ",
    "Sở hữu",
    "Các thành phần",
];

/// Does running text name a unit here: a unit's head word as a cell would
/// print it, a group in lower case, or the head of a unit by office. "Các
/// thành phần", "cơ quan soạn thảo" and the like are no unit.
pub fn names_a_unit(text: &str) -> bool {
    let t = text.trim_start_matches(['"', '“', '(']);
    if NOT_UNITS.iter().any(|w| t.starts_with(w)) {
        return false;
    }
    if starts_a_unit(t) {
        return t.strip_prefix("Các ").is_none_or(group_noun);
    }
    GROUP_HEADS.iter().any(|head| {
        t.strip_prefix(head).is_some_and(|rest| {
            (rest.is_empty() || rest.starts_with([' ', ',']))
                && (*head != "các" || group_noun(rest.trim_start()))
                && !crate::text::fold(rest).contains("soan thao")
        })
    })
}

/// Can a unit's name start with this word: a capital, or the first word of
/// a lower-case group head ("các", "cơ quan", "thủ trưởng")? A cheap test
/// before [`names_a_unit`].
pub fn may_start_unit(word: &str) -> bool {
    let w = word.trim_start_matches(['"', '“', '(']);
    w.chars().next().is_some_and(char::is_uppercase)
        || GROUP_HEADS.iter().any(|h| h.split(' ').next() == Some(w))
}

/// After "các": a kind of unit ("các sở", "các cơ quan, đơn vị", "các Bộ").
fn group_noun(rest: &str) -> bool {
    const NOUNS: &[&str] = &[
        "sở",
        "ban",
        "ngành",
        "bộ",
        "cơ quan",
        "đơn vị",
        "địa phương",
        "tỉnh",
        "thành phố",
        "huyện",
        "xã",
        "phường",
        "đặc khu",
        "hội",
        "tổ chức",
        "doanh nghiệp",
        "trường",
        "phòng",
        "trung tâm",
        "cơ sở",
        "ủy ban",
        "uỷ ban",
        "ubnd",
        "chi cục",
        "cục",
        "vụ",
        "đoàn thể",
        "hiệp hội",
        "liên đoàn",
        "đài",
        "báo",
        "bệnh viện",
        "viện",
        "tập đoàn",
        "công ty",
        "thành viên",
        "lực lượng",
        "chủ đầu tư",
        "nhà trường",
        "văn phòng",
        "đại biểu",
        "trạm",
        "hạt",
        "đồn",
        "đội",
        "chi nhánh",
        "thuế",
        "khoa",
        "thôn",
        "tổ dân phố",
    ];
    let f = rest.to_lowercase();
    NOUNS.iter().any(|n| {
        f.strip_prefix(n)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', ',', ';', ':', '.']))
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_pointer_at_another_assignment_is_no_unit() {
        assert!(is_reference(
            "Theo phân công tại Quyết định số 1441/QĐ-UBND ngày 25/9/2025 của Chủ tịch UBND tỉnh"
        ));
        assert!(!is_reference(
            "Sở Tư pháp, Văn phòng UBND tỉnh, Công an tỉnh"
        ));
        assert_eq!(
            split_units("Sở Tư pháp, Văn phòng UBND tỉnh, Công an tỉnh"),
            ["Sở Tư pháp", "Văn phòng UBND tỉnh", "Công an tỉnh"]
        );
        assert_eq!(
            split_units("Các phòng, đơn vị thuộc Sở"),
            ["Các phòng, đơn vị thuộc Sở"]
        );
    }

    use super::{is_reference, names_a_unit, split_units};

    #[test]
    fn units_in_running_text() {
        for yes in [
            "Sở Tài chính chủ trì",
            "các sở, ban, ngành",
            "các cơ quan, đơn vị",
            "Các Bộ: Công an",
            "UBND các xã",
            "Giám đốc Sở Y tế",
            "cơ quan, đơn vị",
        ] {
            assert!(names_a_unit(yes), "{yes}");
        }
        for no in [
            "Các thành phần khác",
            "cơ quan soạn thảo bổ sung",
            "các nội dung sau",
            "Kết quả",
            "Sởi",
            "Hội nghị do Thủ tướng",
            "Báo cáo kết quả",
        ] {
            assert!(!names_a_unit(no), "{no}");
        }
    }

    #[test]
    fn splits_on_semicolons_and_list_items_only() {
        assert_eq!(
            split_units("Văn phòng Sở; Các đơn vị thuộc Sở"),
            ["Văn phòng Sở", "Các đơn vị thuộc Sở"]
        );
        assert_eq!(
            split_units("Các phòng, đơn vị thuộc Sở"),
            ["Các phòng, đơn vị thuộc Sở"]
        );
        assert_eq!(
            split_units("Sở, ban, ngành, địa phương"),
            ["Sở, ban, ngành, địa phương"]
        );
        assert_eq!(
            split_units(
                "- Báo và Phát thanh-truyền hình tỉnh;\n- Các cơ quan, đơn vị có liên quan."
            ),
            [
                "Báo và Phát thanh-truyền hình tỉnh",
                "Các cơ quan, đơn vị có liên quan"
            ]
        );
        assert_eq!(
            split_units("+ Sở Nội vụ\n+ Sở Tài chính"),
            ["Sở Nội vụ", "Sở Tài chính"]
        );
        assert!(split_units("").is_empty());
        assert_eq!(
            split_units("Sở Tư pháp, Văn phòng UBND tỉnh, Công an tỉnh"),
            ["Sở Tư pháp", "Văn phòng UBND tỉnh", "Công an tỉnh"]
        );
        assert_eq!(
            split_units("Sở Tài chính, Sở Kế hoạch và Đầu tư và Sở Nội vụ"),
            ["Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Nội vụ"]
        );
        for one in [
            "Sở Văn hóa, Thể thao và Du lịch",
            "UBND các huyện, thành phố",
            "Các cơ quan, đơn vị có liên quan",
            "Báo và Phát thanh-truyền hình tỉnh",
        ] {
            assert_eq!(split_units(one), [one]);
        }
        assert!(split_units(" ; - ").is_empty());
    }
}
