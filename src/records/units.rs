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
];

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

#[cfg(test)]
mod tests {
    use super::split_units;

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
