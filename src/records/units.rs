//! Units (đơn vị) named in a lead or partners cell.

/// Splits a cell into units: on ";" and on list items ("- ...", "+ ..."),
/// never on the comma inside a unit's name ("Các phòng, đơn vị thuộc Sở" and
/// "Sở, ban, ngành" are one unit each).
pub fn split_units(cell: &str) -> Vec<String> {
    cell.split(['\n', ';'])
        .map(|part| {
            part.trim()
                .trim_start_matches(['-', '+', '•', '–', '*'])
                .trim()
                .trim_end_matches(['.', ';', ','])
                .trim()
                .to_string()
        })
        .filter(|u| !u.is_empty())
        .collect()
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
        assert!(split_units(" ; - ").is_empty());
    }
}
