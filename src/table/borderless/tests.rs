use super::*;

/// A page of laid-out text lines (one character cell each, half an em wide).
fn text_page(lines: &[&str]) -> Page {
    crate::textin::pages::page(lines.iter().copied(), 1, None)
}

/// Each grid's rows as cell texts, "|" between cells.
fn rows_of(grid: &Grid) -> Vec<String> {
    (0..grid.rows())
        .map(|r| {
            (0..grid.cols())
                .filter_map(|c| grid.cell_at(r, c).filter(|cell| cell.col == c))
                .map(|cell| match cell.row == r {
                    true => cell.text(),
                    false => "^".into(),
                })
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

fn tables(lines: &[&str]) -> Vec<Vec<String>> {
    find(&text_page(lines), &[], None)
        .iter()
        .map(rows_of)
        .collect()
}

/// The grids of a second page laid out from `next`, after a first page
/// laid out from `first` whose last table may go on.
fn overleaf(first: &[&str], next: &[&str]) -> Vec<Grid> {
    let before = find(&text_page(first), &[], None).pop().unwrap();
    let mut page = text_page(next);
    page.number = 2;
    find(&page, &[], Some(&before))
}

#[test]
fn the_settings_are_valid_and_bad_ones_are_refused() {
    assert_eq!(SETTINGS.validate(), Ok(()));
    let bad = Settings {
        blank_step: 0.9,
        ..SETTINGS
    };
    assert!(bad.validate().is_err());
    let nan = Settings {
        end_gap: f32::NAN,
        ..SETTINGS
    };
    assert!(nan.validate().is_err());
}

#[test]
fn a_header_centred_in_its_cells_has_labels_above_and_below() {
    let t = tables(&[
        "gồm 11 chuyên mục sau:",
        "",
        "                          Trách nhiệm    Thời gian",
        " TT      Nội dung",
        "                           thực hiện    (Năm 2026)",
        " 1     Giải đáp vướng mắc  Lãnh đạo       Tháng 3",
    ]);
    assert_eq!(
        t[0][0],
        "TT|Nội dung|Trách nhiệm thực hiện|Thời gian (Năm 2026)"
    );
    assert_eq!(t[0][1], "1|Giải đáp vướng mắc|Lãnh đạo|Tháng 3");
}

#[test]
fn a_group_label_heads_the_leaves_under_it() {
    let t = tables(&[
        "TT   Nội dung    Cơ quan thực hiện    Thời hạn",
        "     công việc  Chủ trì    Phối hợp",
        "1    Rà soát    Sở Nội vụ  Sở Tư pháp  Quý I",
    ]);
    assert_eq!(
        t[0][0],
        "TT|Nội dung công việc|Cơ quan thực hiện Chủ trì|Cơ quan thực hiện Phối hợp|Thời hạn"
    );
}

#[test]
fn borders_sit_where_cells_start_even_when_columns_touch() {
    let t = tables(&[
        "TT   Nhiệm vụ      Chủ trì     Thời hạn",
        "1    Rà soát, đánh Phòng Kế    Quý I",
        "     giá việc thực hoạch",
        "2    Tổ chức tập   Văn phòng   Tháng 6",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Rà soát, đánh giá việc thực|Phòng Kế hoạch|Quý I",
            "2|Tổ chức tập|Văn phòng|Tháng 6"
        ]
    );
}

#[test]
fn a_cut_word_goes_to_the_side_holding_more_of_it_and_a_bullet_with_its_word() {
    let page = text_page(&["Sở  Trung", "số - Sở Tài"]);
    let words = crate::layout::words(&page.glyphs.iter().collect::<Vec<_>>());
    let rows = text_rows(&words);
    // "Trung" (cells 4..9) is cut at 6: three of its five letters are right
    assert_eq!(columns::columns_of(&rows[0].words, &[36.0], 2.4), [0, 1]);
    assert_eq!(columns::columns_of(&rows[0].words, &[48.0], 2.4), [0, 0]);
    assert_eq!(
        columns::columns_of(&rows[1].words, &[24.0], 2.4),
        [0, 1, 1, 1]
    );
}

#[test]
fn a_lone_section_label_takes_the_title_centred_around_it() {
    let t = tables(&[
        "TT   Nhiệm vụ                         Chủ trì",
        "1    Rà soát quy định                 Sở Tư pháp",
        "     Cải cách tổ chức bộ máy hành",
        "III",
        "     chính nhà nước",
        "2    Rà soát chức năng                Sở Nội vụ",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Rà soát quy định|Sở Tư pháp",
            "III|Cải cách tổ chức bộ máy hành chính nhà nước|",
            "2|Rà soát chức năng|Sở Nội vụ"
        ]
    );
}

#[test]
fn centred_rows_start_where_their_task_does() {
    let t = tables(&[
        "TT   Nhiệm vụ                Chủ trì",
        "     Giải đáp vướng mắc",
        "1    của người dân về        Sở Công",
        "     thủ tục hành chính.     Thương",
        "     Giải đáp vướng mắc",
        "2    của doanh nghiệp        Sở Y tế",
        "     về đầu tư.",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Giải đáp vướng mắc của người dân về thủ tục hành chính.|Sở Công Thương",
            "2|Giải đáp vướng mắc của doanh nghiệp về đầu tư.|Sở Y tế"
        ]
    );
}

#[test]
fn cells_taking_text_again_after_a_gap_start_a_sub_row_under_the_merged_ones() {
    let t = tables(&[
        "TT   Nhiệm vụ         Chủ trì         Thời hạn    Sản phẩm",
        "3    Rà soát          Phòng Kế        Tháng 6     Báo cáo",
        "     việc thực hiện   hoạch",
        "     cách thủ tục     Văn phòng Sở    Tháng 10    Quyết định",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "3|Rà soát việc thực hiện cách thủ tục|Phòng Kế hoạch|Tháng 6|Báo cáo",
            "^|^|Văn phòng Sở|Tháng 10|Quyết định"
        ]
    );
}

#[test]
fn the_signature_block_and_prose_end_a_table_and_a_page_foot_does_not() {
    let table = [
        "TT   Nhiệm vụ         Chủ trì         Thời hạn",
        "1    Rà soát          Sở Nội vụ       Quý I",
        "2    Tập huấn         Sở Tư pháp      Quý II",
        "3    Kiểm tra         Thanh tra Sở    Quý III",
    ];
    let signed = [&table[..], &["Nơi nhận:                   KT. GIÁM ĐỐC"]].concat();
    let grids = find(&text_page(&signed), &[], None);
    assert_eq!(grids[0].rows(), 4);
    assert!(!grids[0].flow.as_ref().unwrap().runs_on);
    let prose = [
        &table[..],
        &["Các phòng, đơn vị thuộc Sở căn cứ chức năng, nhiệm vụ được giao chủ động rà soát"],
    ]
    .concat();
    assert_eq!(find(&text_page(&prose), &[], None)[0].rows(), 4);
    // blank lines and a page number at the foot: the table goes on overleaf
    let foot = [&table[..], &["", "", "", "", "", "            12"]].concat();
    let grids = find(&text_page(&foot), &[], None);
    assert_eq!(grids[0].rows(), 4);
    assert!(grids[0].flow.as_ref().unwrap().runs_on);
}

#[test]
fn a_table_goes_on_overleaf_under_no_header_with_its_columns_moved() {
    let grids = overleaf(
        &[
            "TT   Nhiệm vụ         Chủ trì         Thời hạn",
            "1    Rà soát          Sở Nội vụ       Quý I",
            "2    Tổng hợp, báo    Văn phòng       Tháng 6",
        ],
        // laid out anew: every column a character or two to the left
        &[
            "          7",
            "    cáo kết quả",
            "3   Tập huấn       Thanh tra Sở   Tháng 9",
        ],
    );
    assert!(grids[0].continues);
    assert_eq!(
        rows_of(&grids[0]),
        ["|cáo kết quả||", "3|Tập huấn|Thanh tra Sở|Tháng 9"]
    );
}

#[test]
fn a_new_table_overleaf_keeps_its_taller_header() {
    // the first table is closed by its signature block: what follows
    // overleaf is a new table, whatever its column count
    let grids = overleaf(
        &[
            "TT   Nhiệm vụ         Chủ trì         Thời hạn",
            "1    Rà soát          Sở Nội vụ       Quý I",
            "Nơi nhận:                   KT. GIÁM ĐỐC",
        ],
        &[
            "TT   Công việc        Đơn vị          Thời gian",
            "                      thực hiện       (Năm 2026)",
            "1    Tập huấn         Thanh tra Sở    Tháng 9",
        ],
    );
    assert_eq!(
        rows_of(&grids[0]),
        [
            "TT|Công việc|Đơn vị thực hiện|Thời gian (Năm 2026)",
            "1|Tập huấn|Thanh tra Sở|Tháng 9"
        ]
    );
}

#[test]
fn a_year_wrapped_alone_onto_a_line_stays_in_its_cell() {
    let t = tables(&[
        "TT   Nhiệm vụ         Chủ trì         Sản phẩm",
        "1    Rà soát          Sở Nội vụ       Báo cáo năm",
        "                                      2026",
        "2    Tập huấn         Sở Tư pháp      Kế hoạch",
    ]);
    assert_eq!(t[0][1], "1|Rà soát|Sở Nội vụ|Báo cáo năm 2026");
}

#[test]
fn a_numbered_heading_under_the_last_row_is_the_bodys() {
    let t = tables(&[
        "TT   Nhiệm vụ         Chủ trì         Thời hạn",
        "1    Rà soát          Sở Nội vụ       Quý I",
        "2    Tập huấn         Sở Tư pháp      Quý II",
        "3    Kiểm tra         Thanh tra Sở    Quý III",
        "4    Tổng hợp         Văn phòng Sở    Quý IV",
        "3. Chế độ báo cáo",
    ]);
    assert_eq!(t[0].len(), 5);
    // the next number is the table's next row
    let t = tables(&[
        "TT   Nhiệm vụ         Chủ trì         Thời hạn",
        "1.   Rà soát          Sở Nội vụ       Quý I",
        "2.   Tập huấn         Sở Tư pháp      Quý II",
    ]);
    assert_eq!(t[0][2], "2.|Tập huấn|Sở Tư pháp|Quý II");
}

#[test]
fn a_border_runs_down_the_gaps_not_down_words_that_happen_to_line_up() {
    // overleaf, pdftotext squeezed row 7 ("nghiệp Các", "trường liên"):
    // the border runs down the wide gaps of the other lines, not down
    // "Văn", "Nông", "Môi" and "quan", second words that line up by chance
    let grids = overleaf(
        &[
            "                                             Cơ quan chủ    Cơ quan phối",
            "STT           Nội dung nhiệm vụ                                              Thời hạn",
            "                                                 trì            hợp",
            "  1    Rà soát, cập nhật phương án ứng      Sở Nông nghiệp UBND các xã,      Trước ngày",
            "       phó thiên tai theo các cấp độ rủi    và Môi trường phường ven biển    31/5/2026",
            "       ro, nhất là phương án sơ tán dân ở",
            "       vùng trũng thấp, ven sông, ven",
            "       biển",
            "  2    Kiểm tra an toàn các hồ chứa thủy Sở Công           Sở Nông nghiệp      Tháng",
            "       lợi, thủy điện trước mùa mưa lũ;  Thương            và Môi trường;      7/2026",
            "       xử lý dứt điểm các hư hỏng công                     Công ty TNHH",
            "       trình đầu mối                                       MTV Khai thác",
            "                                                           công trình thủy",
            "                                                           lợi",
            "  3    Tổ chức diễn tập phòng thủ dân sự Bộ Chỉ huy        Bộ Chỉ huy Bộ        Quý",
            "       ứng phó bão mạnh, siêu bão kết    Quân sự tỉnh      đội Biên phòng     III/2026",
            "       hợp tìm kiếm cứu nạn trên biển                      tỉnh; Sở Nông",
            "                                                           nghiệp và Môi",
            "                                                           trường",
            "  4    Chuẩn bị đầy đủ lương thực, thuốc Sở Công           Sở Y tế; UBND     Trước mùa",
            "       men, nước uống và vật tư thiết yếu Thương           các xã, phường     mưa bão",
        ],
        &[
            "       tại các khu vực thường xuyên bị",
            "       chia cắt",
            "  5    Thông tin, tuyên truyền kỹ năng      Báo và Phát     Sở Văn hóa và    Thường",
            "       phòng, tránh thiên tai cho người     thanh, Truyền   Thể thao          xuyên",
            "  6    Rà soát, bố trí kinh phí dự phòng    Sở Tài chính    Sở Nông nghiệp      Quý",
            "       cho công tác khắc phục hậu quả                       và Môi trường     II/2026",
            "  7    Tổng hợp thiệt hại, đề xuất hỗ trợ   Sở Nông nghiệp Các sở, ngành     Ngay sau",
            "       khắc phục hậu quả sau mỗi đợt        và Môi trường liên quan          khi thiên",
        ],
    );
    let cells: Vec<String> = rows_of(&grids[0])
        .iter()
        .map(|r| r.split('|').skip(2).collect::<Vec<_>>().join("|"))
        .skip(1)
        .collect();
    assert_eq!(
        cells,
        [
            "Báo và Phát thanh, Truyền|Sở Văn hóa và Thể thao|Thường xuyên",
            "Sở Tài chính|Sở Nông nghiệp và Môi trường|Quý II/2026",
            "Sở Nông nghiệp và Môi trường|Các sở, ngành liên quan|Ngay sau khi thiên",
        ]
    );
}

#[test]
fn rows_parted_by_blank_lines_with_their_tt_in_the_middle_are_centred() {
    let t = tables(&[
        "                                                                               Thời",
        "                                                                               gian",
        " TT               Nhiệm vụ                      Chủ trì        Phối hợp",
        "                                                                               hoàn",
        "                                                                              thành",
        "",
        " 1    Nhóm nhiệm vụ về quản lý, quy hoạch (03 nhiệm vụ)",
        "",
        "     Rà soát, điều chỉnh ranh giới hành",
        "     lang bảo vệ nguồn nước các hồ chứa;                     UBND phường",
        "                                               Sở Nông",
        "     cắm mốc giới hành lang bảo vệ hồ                       Xuân Hương - Đà     Quý",
        " 1.1                                          nghiệp và",
        "     Tuyền Lâm và hồ Đankia - Suối Vàng                      Lạt; UBND xã     IV/2026",
        "                                              Môi trường",
        "     theo quy định của Luật Tài nguyên                        Lạc Dương",
        "     nước",
        "",
        "     Kiểm kê, lập danh mục các nguồn",
        "     nước thải xả vào lưu vực các hồ; xác      Sở Nông        UBND các",
        "                                                                              Tháng",
        " 1.2 định lưu lượng, thành phần và mức        nghiệp và      phường, xã có",
        "                                                                              9/2026",
        "     độ ô nhiễm của từng nguồn thải để        Môi trường       liên quan",
        "     làm cơ sở xây dựng phương án xử lý",
        "",
        "     Không cấp mới giấy phép xây dựng",
        "                                                              UBND các",
        "     đối với các công trình trong phạm vi                                     Thường",
        " 1.3                                          Sở Xây dựng    phường, xã có",
        "     hành lang bảo vệ hồ, trừ công trình                                       xuyên",
        "                                                               liên quan",
        "     phục vụ quản lý, bảo vệ nguồn nước",
    ]);
    assert_eq!(t[0].len(), 5);
    assert_eq!(
        t[0][2],
        "1.1|Rà soát, điều chỉnh ranh giới hành lang bảo vệ nguồn nước các hồ chứa; cắm mốc giới \
         hành lang bảo vệ hồ Tuyền Lâm và hồ Đankia - Suối Vàng theo quy định của Luật Tài \
         nguyên nước|Sở Nông nghiệp và Môi trường|UBND phường Xuân Hương - Đà Lạt; UBND xã Lạc \
         Dương|Quý IV/2026"
    );
}

#[test]
fn rules_between_rows_part_rows_whose_cells_are_centred() {
    // a rule under each row; row 2's partners run over three lines and
    // its other cells stand centred on the middle one
    let mut page = text_page(&[
        "TT   Nhiệm vụ         Chủ trì         Phối hợp          Thời hạn",
        "1    Rà soát          Sở Nội vụ       Sở Tài chính      Quý I",
        "                                      Sở Nông nghiệp",
        "2    Hoàn thiện hồ sơ Phòng Công      và Môi trường;    Tháng 6",
        "                                      UBND xã Thới Lai",
        "3    Kiểm tra         Thanh tra Sở    Công an tỉnh      Quý III",
    ]);
    // under the header and each row: under the baseline (20 + 14 k), above
    // the next line
    for k in [0, 1, 4, 5] {
        let y = 20.0 + 14.0 * k as f32 + 3.0;
        page.rules.push(crate::pdf::Rule {
            x0: 0.0,
            top: y,
            x1: 400.0,
            bottom: y + 0.5,
        });
    }
    let t: Vec<Vec<String>> = find(&page, &[], None).iter().map(rows_of).collect();
    assert_eq!(
        t[0][1..],
        [
            "1|Rà soát|Sở Nội vụ|Sở Tài chính|Quý I",
            "2|Hoàn thiện hồ sơ|Phòng Công|Sở Nông nghiệp và Môi trường; UBND xã Thới Lai|Tháng 6",
            "3|Kiểm tra|Thanh tra Sở|Công an tỉnh|Quý III",
        ]
    );
}

#[test]
fn a_squeezed_tt_label_is_a_column_and_its_entries_stay_in_it() {
    // "STT Nhiệm vụ" one space apart; the entries centred under "STT"
    let t = tables(&[
        "                                                          Thời hạn",
        "STT Nhiệm vụ                              Đơn vị chủ trì  hoàn thành",
        "",
        "  1   Rà soát, điều chuyển kế hoạch         Sở Tài chính    Trước ngày",
        "      của các dự án chậm giải ngân                          20/4/2026",
        "",
        "  2   Đẩy nhanh công tác bồi thường         UBND các xã     Tháng 4/2026",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Rà soát, điều chuyển kế hoạch của các dự án chậm giải ngân|Sở Tài chính|Trước ngày 20/4/2026",
            "2|Đẩy nhanh công tác bồi thường|UBND các xã|Tháng 4/2026",
        ]
    );
}

#[test]
fn header_labels_set_one_space_apart_are_two_labels() {
    let t = tables(&[
        "                          Cơ quan chủ Cơ quan phối    Thời gian",
        "STT   Nội dung công việc",
        "                              trì         hợp         thực hiện",
        " 1    Kiện toàn Ban Chỉ đạo   Sở Nội vụ   Sở Tư pháp  Tháng 02/2026",
    ]);
    assert_eq!(
        t[0][0],
        "STT|Nội dung công việc|Cơ quan chủ trì|Cơ quan phối hợp|Thời gian thực hiện"
    );
}

#[test]
fn a_last_row_numbered_anew_or_past_a_gap_stays_a_row() {
    // numbering restarts under section II; a row's other cells are filled
    let t = tables(&[
        "TT   Nhiệm vụ         Chủ trì         Thời hạn",
        "I.   NHIỆM VỤ CHUNG",
        "1.   Rà soát          Sở Nội vụ       Quý I",
        "2.   Tập huấn         Sở Tư pháp      Quý II",
        "II.  NHIỆM VỤ CỤ THỂ",
        "1.   Tổng hợp         Văn phòng Sở    Quý IV",
    ]);
    assert_eq!(t[0].len(), 6);
    assert_eq!(t[0][5], "1.|Tổng hợp|Văn phòng Sở|Quý IV");
    // a number skipped
    let t = tables(&[
        "TT   Nhiệm vụ         Chủ trì         Thời hạn",
        "4.   Rà soát          Sở Nội vụ       Quý I",
        "6.   Tổng hợp         Văn phòng Sở    Quý IV",
    ]);
    assert_eq!(t[0][2], "6.|Tổng hợp|Văn phòng Sở|Quý IV");
}

#[test]
fn a_squeezed_line_parts_before_the_unit_and_its_next_line_where_it_parted() {
    // pdftotext set the lead one space after the task where the line ran
    // long: "Phòng" and "Trung" start right of their column's border, at
    // places that change from line to line, one space after the task
    let t = tables(&[
        "TT   Nội dung                         Chủ trì         Phối hợp     Thời gian",
        "1    Tập huấn cho cán bộ              Văn phòng Sở    Sở Y tế      Quý I",
        "2    Xây dựng kế hoạch phòng, chống dịch Phòng Nghiệp Trung tâm    Tháng",
        "     bệnh truyền nhiễm năm 2026 cho ngành vụ Y        Kiểm soát    01/2026",
        "3    Kiểm tra các cơ sở y tế          Thanh tra Sở    Công an      Quý II",
        "     trên địa bàn tỉnh",
        "4    Giám sát chặt chẽ các bệnh truyền Trung tâm       Các bệnh     Thường",
        "     nhiễm gây dịch, phát hiện và xử Kiểm soát        viện         xuyên",
        "     lý kịp thời                      bệnh tật",
        "5    Báo cáo kết quả                  Văn phòng Sở    Các phòng    Tháng 12",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Tập huấn cho cán bộ|Văn phòng Sở|Sở Y tế|Quý I",
            "2|Xây dựng kế hoạch phòng, chống dịch bệnh truyền nhiễm năm 2026 cho ngành|Phòng Nghiệp vụ Y|Trung tâm Kiểm soát|Tháng 01/2026",
            "3|Kiểm tra các cơ sở y tế trên địa bàn tỉnh|Thanh tra Sở|Công an|Quý II",
            "4|Giám sát chặt chẽ các bệnh truyền nhiễm gây dịch, phát hiện và xử lý kịp thời|Trung tâm Kiểm soát bệnh tật|Các bệnh viện|Thường xuyên",
            "5|Báo cáo kết quả|Văn phòng Sở|Các phòng|Tháng 12",
        ]
    );
}

#[test]
fn a_squeezed_later_line_parts_before_a_dash_or_a_capital_near_where_the_line_above_did() {
    // "- Tài chính" and "Kiểm soát" sit a few characters from where the
    // line above parted, a lowercase word of the task nearer
    let t = tables(&[
        "TT   Nội dung hoạt động                  Đơn vị thực     Thời gian",
        "1    Tập huấn cán bộ y tế                Văn phòng Sở    Quý I",
        "3    Bảo đảm đủ thuốc, hóa chất, vật tư, Phòng Kế hoạch  Quý",
        "     trang thiết bị phục vụ phòng, - Tài chính           I/2026",
        "     chống dịch",
        "4    Tổ chức tiêm chủng mở rộng, bảo Trung tâm           Năm 2026",
        "     đảm tỷ lệ tiêm đủ mũi cho trẻ dưới Kiểm soát bệnh",
        "     1 tuổi đạt trên 95%                tật",
    ]);
    assert_eq!(
        t[0][2..],
        [
            "3|Bảo đảm đủ thuốc, hóa chất, vật tư, trang thiết bị phục vụ phòng, chống dịch|Phòng Kế hoạch\n- Tài chính|Quý I/2026",
            "4|Tổ chức tiêm chủng mở rộng, bảo đảm tỷ lệ tiêm đủ mũi cho trẻ dưới 1 tuổi đạt trên 95%|Trung tâm Kiểm soát bệnh tật|Năm 2026",
        ]
    );
}

#[test]
fn the_bodys_closing_sentence_after_a_blank_line_ends_the_table() {
    let t = tables(&[
        "TT   Nội dung công việc            Đơn vị thực hiện   Thời hạn",
        "1.   Đôn đốc chủ đầu tư            Phòng Quản lý nhà   Trước ngày",
        "     đẩy nhanh tiến độ                                 20/5/2026",
        "2.   Tổng hợp tình hình thực hiện  Văn phòng Sở        Ngày",
        "     các nhiệm vụ được giao                            02/6/2026",
        "",
        "",
        "     Văn phòng Sở thông báo để các phòng, đơn vị biết, thực hiện./.",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1.|Đôn đốc chủ đầu tư đẩy nhanh tiến độ|Phòng Quản lý nhà|Trước ngày 20/5/2026",
            "2.|Tổng hợp tình hình thực hiện các nhiệm vụ được giao|Văn phòng Sở|Ngày 02/6/2026",
        ]
    );
}

#[test]
fn a_body_heading_after_the_table_ends_it_and_a_section_row_does_not() {
    let t = tables(&[
        "TT   Nội dung công việc            Chủ trì           Thời hạn",
        "1    Đôn đốc chủ đầu tư            Phòng Quản lý     Quý I",
        "     đẩy nhanh tiến độ             nhà",
        "",
        "     II. NHIỆM VỤ KHÁC",
        "1    Tổng hợp tình hình thực hiện  Văn phòng Sở      Quý II",
        "",
        "",
        "     III. TỔ CHỨC THỰC HIỆN",
        "     Các phòng căn cứ nhiệm vụ     được phân công    chủ động",
        "triển khai; báo cáo về Văn phòng Sở trước ngày 05 của tháng",
        "cuối quý./.",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Đôn đốc chủ đầu tư đẩy nhanh tiến độ|Phòng Quản lý nhà|Quý I",
            "II.|NHIỆM VỤ KHÁC||",
            "1|Tổng hợp tình hình thực hiện|Văn phòng Sở|Quý II",
        ]
    );
}

#[test]
fn a_section_title_wraps_in_capitals_and_numbered_columns_keep_their_tt() {
    let t = tables(&[
        "TT        Nội dung nhiệm vụ          Đơn vị chủ trì    Thời gian",
        "(1)               (2)                     (3)              (4)",
        "I     CÔNG TÁC XÂY DỰNG,",
        "      THẨM ĐỊNH VĂN BẢN",
        "1     Thẩm định dự thảo nghị        Phòng Xây dựng    Trước ngày",
        "      quyết của HĐND tỉnh           văn bản           31/10/2026",
        "2     Rà soát văn bản quy phạm      Phòng Xây dựng    Quý III/2026",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "I|CÔNG TÁC XÂY DỰNG, THẨM ĐỊNH VĂN BẢN||",
            "1|Thẩm định dự thảo nghị quyết của HĐND tỉnh|Phòng Xây dựng văn bản|Trước ngày 31/10/2026",
            "2|Rà soát văn bản quy phạm|Phòng Xây dựng|Quý III/2026",
        ]
    );
}

#[test]
fn a_page_number_over_a_header_repeated_overleaf_is_no_label() {
    let grids = overleaf(
        &[
            "                                  Phòng, đơn vị",
            "TT    Nội dung công việc                        Thời hạn",
            "                                  thực hiện",
            "1.    Kiểm tra công tác quản lý   Thanh tra Sở  Từ ngày",
            "      trật tự xây dựng                          12/5 đến",
        ],
        &[
            "                      2",
            "                                  Phòng, đơn vị",
            "TT    Nội dung công việc                        Thời hạn",
            "                                  thực hiện",
            "                                                22/5/2026",
            "2.    Cập nhật dữ liệu            Văn phòng Sở  Tháng 6",
        ],
    );
    assert_eq!(
        rows_of(&grids[0])[1..],
        ["|||22/5/2026", "2.|Cập nhật dữ liệu|Văn phòng Sở|Tháng 6"]
    );
}

#[test]
fn a_table_without_tt_whose_cells_are_centred_parts_rows_where_tasks_start() {
    // no TT column; poppler sets the lines of cells of different heights
    // one under another, each cell around its row's middle
    let t = tables(&[
        "    Nội dung công việc            Đơn vị chủ     Đơn vị phối     Thời gian",
        "                                     trì            hợp           hoàn thành",
        "                                             Trung tâm Văn",
        "Xây dựng kịch bản tổng thể,   Sở Văn hóa,                   Trước",
        "                                             hóa tỉnh; Hội",
        "thiết kế mỹ thuật các khối    Thể thao và                    ngày",
        "                                             Văn học nghệ",
        "diễu hành Carnaval              Du lịch                    10/4/2026",
        "                                              thuật tỉnh",
        "                                           Tỉnh Đoàn; các  Từ ngày",
        "Tuyển chọn, tập luyện lực",
        "                               Trung tâm  trường đại học,  01/4 đến",
        "lượng tham gia diễu hành",
        "                              Văn hóa tỉnh cao đẳng trên    ngày",
        "(khoảng 2.000 người)",
        "                                              địa bàn     28/4/2026",
        "Bảo đảm an ninh trật tự, an   Công an tỉnh   Bộ Chỉ huy     Ngày",
        "toàn giao thông                              Quân sự tỉnh 30/4/2026",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "Xây dựng kịch bản tổng thể, thiết kế mỹ thuật các khối diễu hành Carnaval|Sở Văn hóa, Thể thao và Du lịch|Trung tâm Văn hóa tỉnh; Hội Văn học nghệ thuật tỉnh|Trước ngày 10/4/2026",
            "Tuyển chọn, tập luyện lực lượng tham gia diễu hành (khoảng 2.000 người)|Trung tâm Văn hóa tỉnh|Tỉnh Đoàn; các trường đại học, cao đẳng trên địa bàn|Từ ngày 01/4 đến ngày 28/4/2026",
            "Bảo đảm an ninh trật tự, an toàn giao thông|Công an tỉnh|Bộ Chỉ huy Quân sự tỉnh|Ngày 30/4/2026",
        ]
    );
}

#[test]
fn a_year_wrapped_under_a_centred_row_stays_in_its_task() {
    // TT and deadline centred; the next row's task opens with a capital
    // two lines below a year that ended a task
    let t = tables(&[
        "STT    Nội dung công việc           Chủ trì           Thời gian",
        "       Tổ chức đợt cao điểm đấu     Cơ quan Thường",
        "       tranh chống buôn lậu trước   trực Ban Chỉ đạo   Tháng",
        "  5    và sau Tết Nguyên đán Đinh   389 tỉnh           11/2026",
        "       Mùi năm",
        "       2027",
        "       Tuyên truyền, vận động       Báo và Phát",
        "  6    người dân không tiếp tay     thanh, Truyền       Năm 2026",
        "       cho buôn lậu                 hình tỉnh",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "5|Tổ chức đợt cao điểm đấu tranh chống buôn lậu trước và sau Tết Nguyên đán Đinh Mùi năm 2027|Cơ quan Thường trực Ban Chỉ đạo 389 tỉnh|Tháng 11/2026",
            "6|Tuyên truyền, vận động người dân không tiếp tay cho buôn lậu|Báo và Phát thanh, Truyền hình tỉnh|Năm 2026",
        ]
    );
}

#[test]
fn a_squeezed_first_line_parts_before_a_date_phrase_or_a_listed_unit() {
    // "Quý I/2026" set one space after the partners, "- Sở Văn hóa," one
    // space after the lead: capitals nearer the border open no cell
    let t = tables(&[
        "TT   Nội dung                         Chủ trì     Phối hợp       Thời gian",
        "1    Rà soát đường truyền, thiết      Văn phòng   Viễn thông Ninh Quý I/2026",
        "     bị mạng tại Trung tâm            HĐND        Bình",
        "2    Tuyên truyền về Tháng hành động  Báo và Phát - Sở Văn hóa,  Tháng 4/2026",
        "     trên báo chí                     thanh,      Thể thao và Du",
        "                                      Truyền hình lịch",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Rà soát đường truyền, thiết bị mạng tại Trung tâm|Văn phòng HĐND|Viễn thông Ninh Bình|Quý I/2026",
            "2|Tuyên truyền về Tháng hành động trên báo chí|Báo và Phát thanh, Truyền hình|- Sở Văn hóa, Thể thao và Du lịch|Tháng 4/2026",
        ]
    );
}

#[test]
fn a_deadline_set_words_left_of_its_column_on_the_units_line_is_the_deadline() {
    // "Quý III/2026" one space after the unit, ten characters left of
    // where the deadlines start, nothing in the deadline column
    let t = tables(&[
        "                                                 Phòng, đơn vị thực",
        "TT                Nội dung công việc                                    Thời hạn",
        "                                                        hiện",
        " 5.   Cập nhật đầy đủ dữ liệu về các dự án bất Phòng Quản lý nhà       Trước ngày",
        "      động sản lên hệ thống thông tin quốc gia và Thị trường bất       31/5/2026",
        "      về nhà ở và thị trường bất động sản      động sản",
        " 6.   Kiểm định chất lượng các công trình Trung tâm Kiểm định Quý III/2026",
        "      trường học xây dựng bằng nguồn vốn chất lượng xây dựng",
        " 7.   Tổng hợp tình hình thực hiện các nhiệm Văn phòng Sở              Ngày",
        "      vụ được giao, báo cáo Giám đốc Sở                                02/6/2026",
    ]);
    assert_eq!(
        t[0][2],
        "6.|Kiểm định chất lượng các công trình trường học xây dựng bằng nguồn vốn|Trung tâm Kiểm định chất lượng xây dựng|Quý III/2026"
    );
}

#[test]
fn a_squeezed_later_line_parts_before_the_word_the_cell_above_ends_a_compound_with() {
    // "Kiểm | tra": the page writes "Kiểm tra" on a line of its own (row 3),
    // so "tra" goes on the unit's "Kiểm" rather than "văn", nearer the place
    // the line above parted
    let t = tables(&[
        "TT    Nội dung nhiệm vụ         Đơn vị chủ trì    Thời gian",
        "2     Rà soát, hệ thống hóa văn  Phòng Xây        Quý III/2026",
        "      bản quy phạm pháp luật của dựng và Kiểm",
        "      HĐND, UBND tỉnh sau sắp tra văn bản",
        "      xếp đơn vị hành chính",
        "3     Kiểm tra văn bản do        Phòng Xây        Tháng 9/2026",
        "      HĐND, UBND cấp xã ban      dựng",
    ]);
    assert_eq!(
        t[0][1],
        "2|Rà soát, hệ thống hóa văn bản quy phạm pháp luật của HĐND, UBND tỉnh sau sắp xếp đơn vị hành chính|Phòng Xây dựng và Kiểm tra văn bản|Quý III/2026"
    );
}

#[test]
fn a_narrow_tt_column_after_the_deadlines_keeps_its_entries() {
    // the task's lines start after a wide gap a little right of the TT
    // entries: the deadline's border stays left of the TT, not on them
    let t = tables(&[
        "                                                           Cơ quan chủ",
        " Thời hạn     STT                 Nhiệm vụ                                     Ghi chú",
        "                                                                 trì",
        " Trước ngày    1    Kiện toàn Ban Chỉ đạo phòng, chống      Văn phòng",
        " 31/5/2026          dịch bệnh phường; phân công thành       HĐND và",
        "                    viên phụ trách từng tổ dân phố          UBND phường",
        "  Tháng        2    Tổ chức chiến dịch diệt lăng quăng, bọ Trạm Y tế         Phối hợp các",
        "  6/2026            gậy tại 100% hộ gia đình trên địa bàn  phường            tổ dân phố",
        "                    phường",
        "Hằng tháng     3    Tổng vệ sinh môi trường vào ngày Chủ Phòng Kinh tế,      Huy động",
        "                    nhật cuối tháng; thu gom vật dụng phế Hạ tầng và Đô      đoàn viên,",
        "                    thải có thể chứa nước                 thị                hội viên",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "Trước ngày 31/5/2026|1|Kiện toàn Ban Chỉ đạo phòng, chống dịch bệnh phường; phân công thành viên phụ trách từng tổ dân phố|Văn phòng HĐND và UBND phường|",
            "Tháng 6/2026|2|Tổ chức chiến dịch diệt lăng quăng, bọ gậy tại 100% hộ gia đình trên địa bàn phường|Trạm Y tế phường|Phối hợp các tổ dân phố",
            "Hằng tháng|3|Tổng vệ sinh môi trường vào ngày Chủ nhật cuối tháng; thu gom vật dụng phế thải có thể chứa nước|Phòng Kinh tế, Hạ tầng và Đô thị|Huy động đoàn viên, hội viên",
        ]
    );
}

#[test]
fn a_year_ending_a_tasks_squeezed_line_does_not_open_the_units_part() {
    let t = tables(&[
        "                                            Đơn vị thực",
        " TT            Nội dung công việc                              Thời hạn",
        "                                                 hiện",
        " 1    Hoàn thiện dự thảo báo cáo tình     Văn phòng Sở      Trước ngày",
        "      hình thực hiện dự toán                                15/9/2026",
        " 2    Tham mưu UBND tỉnh giao bổ sung Phòng Quản lý          Trước ngày",
        "      kế hoạch vốn đầu tư công năm 2026 đầu tư               20/9/2026",
        "      cho các dự án cấp bách",
        " 3    Đôn đốc giải ngân vốn đầu tư     Văn phòng Sở          Hằng tháng",
    ]);
    assert_eq!(
        t[0][2],
        "2|Tham mưu UBND tỉnh giao bổ sung kế hoạch vốn đầu tư công năm 2026 cho các dự án cấp bách|Phòng Quản lý đầu tư|Trước ngày 20/9/2026"
    );
}

#[test]
fn a_squeezed_later_line_parts_after_the_word_the_tasks_next_line_goes_on_from() {
    // "nhà | nước": the page writes "nhà nước" on a line of its own (row 2),
    // so "nhà" ends the task's line and "ngân sách" goes to the unit
    let t = tables(&[
        "                                            Đơn vị thực",
        " TT            Nội dung công việc                              Thời hạn",
        "                                                 hiện",
        " 1    Hoàn thiện dự thảo báo cáo kết quả Phòng Quản lý       Trước ngày",
        "      thực hiện dự toán ngân sách nhà ngân sách              15/9/2026",
        "      nước 9 tháng đầu năm 2026",
        " 2    Lập dự toán ngân sách nhà nước   Văn phòng Sở          Hằng tháng",
    ]);
    assert_eq!(
        t[0][1],
        "1|Hoàn thiện dự thảo báo cáo kết quả thực hiện dự toán ngân sách nhà nước 9 tháng đầu năm 2026|Phòng Quản lý ngân sách|Trước ngày 15/9/2026"
    );
}

#[test]
fn a_section_title_wraps_with_its_count_onto_the_next_line() {
    let t = tables(&[
        "TT    Nội dung nhiệm vụ            Chủ trì           Thời gian",
        "III   NHÓM NHIỆM VỤ VỀ XÂY DỰNG ĐỘI NGŨ CÔNG",
        "      CHỨC (03 nhiệm vụ)",
        "1     Xây dựng đề án vị trí        Phòng Công chức   Tháng 4/2026",
        "      việc làm",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "III|NHÓM NHIỆM VỤ VỀ XÂY DỰNG ĐỘI NGŨ CÔNG CHỨC (03 nhiệm vụ)||",
            "1|Xây dựng đề án vị trí việc làm|Phòng Công chức|Tháng 4/2026",
        ]
    );
}

#[test]
fn the_total_declared_right_under_the_table_ends_it() {
    let t = tables(&[
        "TT   Nội dung công việc            Đơn vị thực hiện   Thời hạn",
        "1    Rà soát danh mục              Văn phòng Sở       Quý I/2026",
        "2    Tổng hợp báo cáo              Văn phòng Sở       Quý IV/2026",
        "Tổng số: 02 nhiệm vụ.",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Rà soát danh mục|Văn phòng Sở|Quý I/2026",
            "2|Tổng hợp báo cáo|Văn phòng Sở|Quý IV/2026"
        ]
    );
}

#[test]
fn a_unit_named_tong_cong_ty_is_a_row_not_a_total() {
    let t = tables(&[
        "Đơn vị chủ trì           Nội dung công việc            Thời hạn",
        "Sở Công Thương           Rà soát lưới điện nông thôn   Quý I/2026",
        "Tổng công ty Điện lực    Cấp điện cho các xã           Quý II/2026",
    ]);
    assert_eq!(
        t[0][2],
        "Tổng công ty Điện lực|Cấp điện cho các xã|Quý II/2026"
    );
}

#[test]
fn a_squeezed_later_line_parts_after_a_dictionary_word_the_cell_above_begun() {
    // "Nghiệp | vụ": the page never writes the two side by side, the
    // dictionary does, so "vụ Y" goes on the partner's "Phòng Nghiệp"
    let t = tables(&[
        "                                                       Đơn vị phối    Thời gian",
        "   TT      Hoạt động                  Đơn vị chủ trì",
        "                                                          hợp        hoàn thành",
        "    1      Xây dựng, ban hành kế hoạch  Các đơn vị y tế Phòng Nghiệp  Trước ngày",
        "           phòng, chống dịch bệnh mùa   trực thuộc Sở vụ Y            10/4/2026",
        "           hè năm 2026 của đơn vị",
        "    2      Giám sát ca bệnh sốt xuất    Trung tâm       Trạm Y tế các  Thường",
        "           huyết tại cộng đồng          Kiểm soát       xã, phường     xuyên",
    ]);
    assert_eq!(
        t[0][1],
        "1|Xây dựng, ban hành kế hoạch phòng, chống dịch bệnh mùa hè năm 2026 của đơn vị|Các đơn vị y tế trực thuộc Sở|Phòng Nghiệp vụ Y|Trước ngày 10/4/2026"
    );
}

#[test]
fn a_row_squeezed_into_one_phrase_before_its_centred_tt_is_no_prose() {
    // the second line runs eight words and more across two borders, as
    // prose after a table does; the TT entry under it says it is a row
    let t = tables(&[
        "                                           Cơ quan    Cơ quan phối Thời gian",
        "TT               Nhiệm vụ                                                           Ghi chú",
        "                                            chủ trì       hợp      hoàn thành",
        "     Rà soát, bổ sung quỹ đất 20% trong",
        "     các dự án nhà ở thương mại, khu đô Sở Nông Sở Xây dựng;",
        "1    thị để phát triển nhà ở xã hội; công nghiệp và UBND các Quý I/2026",
        "     bố danh mục vị trí đất trên Cổng Môi trường xã, phường",
        "     thông tin điện tử của tỉnh",
        "     Thẩm định giá bán, giá thuê mua nhà",
        "2    ở xã hội của các dự án hoàn thành     Sở Y tế    Sở Tài chính   Tháng 8/2026",
        "     trong năm",
        "     Kiểm tra việc bán, cho thuê mua nhà",
        "3    ở xã hội đúng đối tượng               Sở Tư pháp Công an tỉnh   Năm 2026",
        "     theo quy định",
    ]);
    assert_eq!(t[0].len(), 4, "{t:?}");
    assert!(t[0][1].starts_with("1|Rà soát, bổ sung quỹ đất 20% trong các dự án"));
    assert_eq!(
        t[0][2..],
        [
            "2|Thẩm định giá bán, giá thuê mua nhà ở xã hội của các dự án hoàn thành trong năm|Sở Y tế|Sở Tài chính|Tháng 8/2026|",
            "3|Kiểm tra việc bán, cho thuê mua nhà ở xã hội đúng đối tượng theo quy định|Sở Tư pháp|Công an tỉnh|Năm 2026|",
        ]
    );
}

#[test]
fn cells_centred_half_a_line_apart_keep_their_rows_and_make_no_sub_rows() {
    // a PDF's table without TT, its tasks at the top of their cells and the
    // units centred: a three-line unit beside a four-line task sets its
    // lines between the task's. Rows part at the padding between them.
    let lines = [
        (
            0.0,
            "Nội dung công việc             Đơn vị chủ trì   Đơn vị phối hợp  Thời gian",
        ),
        (1.5, "Rà soát, lập danh sách trẻ em"),
        (2.0, "                               Trung tâm"),
        (
            2.5,
            "trong độ tuổi tiêm chủng, phụ                   Trạm Y tế các    Tháng",
        ),
        (3.0, "                               Kiểm soát"),
        (
            3.5,
            "nữ có thai trên địa bàn từng                    xã, phường       02/2026",
        ),
        (4.0, "                               bệnh tật tỉnh"),
        (4.5, "xã, phường"),
        (
            5.6,
            "Tiếp nhận, bảo quản vắc xin    Trung tâm Y tế   Bệnh viện Đa     Hằng",
        ),
        (
            6.1,
            "đến tuyến xã                   khu vực          khoa tỉnh        tháng",
        ),
    ];
    let mut page = text_page(&lines.map(|l| l.1));
    // line n of the text sits at 20 + 14n: move it to the given line
    for g in &mut page.glyphs {
        let n = ((g.baseline - 20.0) / 14.0).round() as usize;
        let dy = 20.0 + lines[n].0 * 14.0 - g.baseline;
        (g.baseline, g.top, g.bottom) = (g.baseline + dy, g.top + dy, g.bottom + dy);
    }
    let t: Vec<Vec<String>> = find(&page, &[], None).iter().map(rows_of).collect();
    assert_eq!(
        t[0][1..],
        [
            "Rà soát, lập danh sách trẻ em trong độ tuổi tiêm chủng, phụ nữ có thai trên địa bàn từng xã, phường|Trung tâm Kiểm soát bệnh tật tỉnh|Trạm Y tế các xã, phường|Tháng 02/2026",
            "Tiếp nhận, bảo quản vắc xin đến tuyến xã|Trung tâm Y tế khu vực|Bệnh viện Đa khoa tỉnh|Hằng tháng",
        ]
    );
}

#[test]
fn a_capital_letter_word_opening_a_cells_line_is_no_section_label() {
    // "Y tế" under a table without TT, the body's "III. KINH PHÍ" after it
    let t = tables(&[
        "Nội dung công việc            Đơn vị chủ trì     Thời gian",
        "Lập danh sách trẻ em          Trung tâm Y tế     Tháng 02/2026",
        "Tổng hợp, báo cáo về Bộ       Phòng Nghiệp vụ    Trước ngày",
        "Y tế và UBND tỉnh                                20/12/2026",
        "",
        "      III. KINH PHÍ",
        "Kinh phí thực hiện từ nguồn ngân sách trung ương cấp vắc xin, vật tư; ngân sách tỉnh",
        "bố trí trong dự toán năm 2026.",
    ]);
    assert_eq!(
        t[0][2],
        "Tổng hợp, báo cáo về Bộ Y tế và UBND tỉnh|Phòng Nghiệp vụ|Trước ngày 20/12/2026"
    );
}

#[test]
fn a_numbered_group_row_counting_its_rows_stands_alone_above_centred_rows() {
    // the group's title runs across the columns on the TT's line; the row
    // under it is centred, its TT on its middle line
    let t = tables(&[
        " TT       Nội dung công việc       Cơ quan       Cơ quan phối Thời gian",
        "                                   chủ trì          hợp      hoàn thành",
        " 1    Nhóm nhiệm vụ hoàn thiện cơ chế, chính sách (02 nhiệm vụ)",
        "      Rà soát, đề xuất sửa đổi     Sở Nông       Liên minh Hợp",
        "1.1   chính sách hỗ trợ hợp tác    nghiệp và     tác xã tỉnh     Quý III/2026",
        "      xã                           Môi trường",
        "      Hướng dẫn thành lập mới, tổ  Sở Tài        Liên minh Hợp",
        "1.2   chức lại hợp tác xã theo     chính         tác xã tỉnh     Tháng 5/2026",
        "      Luật Hợp tác xã năm 2023",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Nhóm nhiệm vụ hoàn thiện cơ chế, chính sách (02 nhiệm vụ)|||",
            "1.1|Rà soát, đề xuất sửa đổi chính sách hỗ trợ hợp tác xã|Sở Nông nghiệp và Môi trường|Liên minh Hợp tác xã tỉnh|Quý III/2026",
            "1.2|Hướng dẫn thành lập mới, tổ chức lại hợp tác xã theo Luật Hợp tác xã năm 2023|Sở Tài chính|Liên minh Hợp tác xã tỉnh|Tháng 5/2026",
        ]
    );
}

#[test]
fn laid_out_cells_centred_on_every_other_line_make_no_sub_rows() {
    // a three-line unit centred beside a four-line task: pdftotext sets
    // the unit's lines between the others', the columns taking turns
    let t = tables(&[
        "                                                                    Thời gian",
        "                                    Đơn vị chủ      Đơn vị phối",
        "     Nội dung công việc                                               hoàn",
        "                                       trì             hợp",
        "                                                                     thành",
        "",
        "Rà soát, lập danh sách trẻ em",
        "                                   Trung tâm",
        "trong độ tuổi tiêm chủng, phụ                      Trạm Y tế các      Tháng",
        "                                   Kiểm soát",
        "nữ có thai trên địa bàn từng xã,                   xã, phường        02/2026",
        "                                   bệnh tật tỉnh",
        "phường",
        "",
        "Giám sát phản ứng sau tiêm          Bệnh viện Đa    Trung tâm         Thường",
        "chủng; xử trí kịp thời              khoa tỉnh       Y tế khu vực       xuyên",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "Rà soát, lập danh sách trẻ em trong độ tuổi tiêm chủng, phụ nữ có thai trên địa bàn từng xã, phường|Trung tâm Kiểm soát bệnh tật tỉnh|Trạm Y tế các xã, phường|Tháng 02/2026",
            "Giám sát phản ứng sau tiêm chủng; xử trí kịp thời|Bệnh viện Đa khoa tỉnh|Trung tâm Y tế khu vực|Thường xuyên",
        ]
    );
}

#[test]
fn a_word_set_left_of_its_border_goes_on_the_compound_of_the_cell_beside() {
    // "kết" runs up to the product column's border with the column empty
    // on the line: it ends "tổng kết", as the page writes it in the task,
    // and makes none with the task's next line ("năm")
    let t = tables(&[
        " TT   Nội dung                            Sản phẩm       Chủ trì        Thời gian",
        " 1    Tổng kết công tác dân tộc, tôn      Báo cáo tổng   Văn phòng Sở   Tháng",
        "      giáo năm 2026; xây dựng kế hoạch kết                              12/2026",
        "      năm 2027",
        " 2    Cấp phát báo, tạp chí cho người có  Báo, tạp chí   Phòng Dân tộc  Hằng tháng",
    ]);
    assert_eq!(
        t[0][1],
        "1|Tổng kết công tác dân tộc, tôn giáo năm 2026; xây dựng kế hoạch năm 2027|Báo cáo tổng kết|Văn phòng Sở|Tháng 12/2026"
    );
}
#[test]
fn a_numbered_group_row_over_lettered_rows_opens_the_body_not_prose() {
    // "1. Nâng cao …" runs across the columns right under the header, one
    // phrase of eight words and more, as prose would; the "a)" under it
    // says it heads a group
    let t = tables(&[
        "Số                                                         Thời hạn",
        "          Nội dung nhiệm vụ         Chủ trì   Phối hợp       hoàn",
        "TT                                                           thành",
        "1. Nâng cao chất lượng tiếp nhận, giải quyết hồ sơ",
        "                                               Các sở,",
        "      Chuẩn hóa quy trình nội bộ    Phòng      ban,",
        " a)   giải quyết thủ tục hành       Kiểm soát  ngành         Quý",
        "      chính tại Trung tâm           thủ tục    liên quan     II/2026",
        "                                    hành chính",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1.|Nâng cao chất lượng tiếp nhận, giải quyết hồ sơ|||",
            "a)|Chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính tại Trung tâm|Phòng Kiểm soát thủ tục hành chính|Các sở, ban, ngành liên quan|Quý II/2026",
        ]
    );
}

#[test]
fn a_tt_cell_opening_in_lower_case_starts_no_row() {
    // 13i hi-02: "10 Đề án …" in a TT column narrower than "10" and its
    // space puts the task's next line "xã ven biển …" under the entry
    let row = TextRow {
        baseline: 10.0,
        top: 0.0,
        bottom: 12.0,
        size: 12.0,
        words: Vec::new(),
    };
    let line = |tt: &str, task: &str| rows::BodyLine::Cells(&row, vec![tt.into(), task.into()]);
    let body = [
        line("10", "Đề án giải quyết việc làm cho lao động các"),
        line("xã", "ven biển bị ảnh hưởng bởi chuyển đổi"),
        line("a)", "Rà soát lao động"),
        line("11", "Tổng kết"),
    ];
    let starts = rows::row_starts(&body, (0, Some(1)), false, false);
    assert_eq!(starts, [true, false, true, true]);
}

#[test]
fn a_centred_deadline_line_between_a_cells_lines_keeps_where_they_part() {
    // 13j hj-09: "Tháng" alone on the line between "… cho | Ban Chỉ huy"
    // and "… trong năm | Quân sự"
    let t = tables(&[
        "                                             Cơ quan chủ      Cơ quan phối     Thời gian",
        "TT            Nội dung công việc",
        "                                                 trì              hợp          thực hiện",
        "     Đăng ký nghĩa vụ quân sự lần đầu cho Ban Chỉ huy        Công an phường;",
        "                                                                                 Tháng",
        " 1   công dân nam đủ 17 tuổi trong năm Quân sự               các tổ dân phố",
        "                                                                                10/2026",
        "     2026                                 phường",
    ]);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(
        t[0][1],
        "1|Đăng ký nghĩa vụ quân sự lần đầu cho công dân nam đủ 17 tuổi trong năm 2026|Ban Chỉ huy Quân sự phường|Công an phường; các tổ dân phố|Tháng 10/2026"
    );
}

#[test]
fn a_centred_cell_starting_above_the_first_task_overleaf_leaves_no_empty_row() {
    // overleaf, row 3's partner cell starts a line above its task: its
    // line first stands alone as the rest of a cut row, then goes to row 3
    // it is centred on; the part it left must not become a row without
    // lines (whose place ran to the foot of the page, over the signature)
    let header = [
        "TT   Nhiệm vụ              Chủ trì       Phối hợp        Thời hạn",
        "",
    ];
    let mut first = header.to_vec();
    first.extend([
        "     Rà soát phương án",
        "1    phòng cháy rừng       Chi cục       Công an tỉnh    Quý I",
        "     cấp tỉnh",
        "     Tổ chức diễn tập",
        "2    chữa cháy rừng        Chi cục       Công an tỉnh    Tháng 3",
        "     tại các xã",
    ]);
    let mut next = header.to_vec();
    next.extend([
        "                                         Các hạt kiểm",
        "     Trực canh lửa tại",
        "                                         lâm; UBND",
        "3    các chòi canh         Chi cục                       Tháng 4",
        "                                         các xã có",
        "     trong ngày nắng",
        "                                         rừng",
    ]);
    let grids = overleaf(&first, &next);
    let g = &grids[0];
    assert!(
        g.ys.windows(2).all(|w| w[0] < w[1] && w[1] < 1e6),
        "{:?}",
        g.ys
    );
    assert_eq!(
        rows_of(g)[1..],
        [
            "3|Trực canh lửa tại các chòi canh trong ngày nắng|Chi cục|Các hạt kiểm lâm; UBND các xã có rừng|Tháng 4"
        ]
    );
}

#[test]
fn a_tt_label_wrapped_over_two_lines_and_labels_one_space_apart_make_a_header() {
    // a narrow TT column wraps its label; the deadline column comes first
    let t = tables(&[
        "T                                   Đơn vị chủ",
        "     Thời hạn     Nội dung",
        "T                                   trì",
        "1    Quý I        Rà soát quy định  Sở Tư pháp",
        "2    Tháng 6      Tổng hợp báo cáo  Văn phòng",
    ]);
    assert_eq!(t[0][0], "T T|Thời hạn|Nội dung|Đơn vị chủ trì");
    assert_eq!(t[0][1], "1|Quý I|Rà soát quy định|Sở Tư pháp");
    // two labels the layout set one space apart, each naming its own column
    let t = tables(&[
        "TT   Nội dung công việc   Đơn vị phối hợp Đơn vị chủ trì   Thời gian",
        "1    Rà soát quy định     Sở Tài chính    Sở Tư pháp       Quý I",
    ]);
    assert_eq!(
        t[0][0],
        "TT|Nội dung công việc|Đơn vị phối hợp|Đơn vị chủ trì|Thời gian"
    );
    // a line of running text is no header, however many labels it names
    assert!(tables(&["TT Nội dung nhiệm vụ Đơn vị chủ trì Đơn vị phối hợp Thời gian"]).is_empty());
}

#[test]
fn overleaf_a_centred_rows_task_lines_stand_around_its_tt_and_the_line_above_ends_the_cut_row() {
    let centred = [
        "TT   Nội dung công việc          Chủ trì        Thời gian",
        "     Giám sát dịch bệnh tại các  Chi cục Chăn",
        " 1   trang trại chăn nuôi lợn    nuôi và Thú y  Quý II",
        "     và cơ sở giết mổ",
        "     Kiểm soát vận chuyển động   Chi cục Chăn",
        " 2   vật ra, vào địa bàn tỉnh    nuôi và Thú y  Thường",
        "     qua các chốt kiểm dịch trên                xuyên",
    ];
    let grids = overleaf(
        &centred,
        &[
            "     Quốc lộ 14 và Quốc lộ 26",
            "     Tuyên truyền các biện pháp  Văn phòng Sở",
            "     chăn nuôi an toàn sinh học;",
            " 3   vận động người chăn nuôi                   Thường",
            "     không giấu dịch, không bán                 xuyên",
            "     chạy lợn bệnh",
        ],
    );
    let rows = rows_of(&grids[0]);
    assert_eq!(rows[0], "|Quốc lộ 14 và Quốc lộ 26||");
    assert!(rows[1].starts_with("3|Tuyên truyền các biện pháp"));
    assert!(grids[0].ends_cut_row);
}

#[test]
fn a_header_label_one_space_after_another_and_wrapped_is_parted_by_the_line_under_it() {
    // "Cơ quan chủ trì Cơ quan phối" over "hợp": the second label goes on
    // under it, and the two name two roles
    let t = tables(&[
        "STT                Nội dung công        Cơ quan chủ trì Cơ quan phối         Thời hạn hoàn",
        "                   việc                                   hợp                thành",
        "1                  Rà soát, hệ thống Sở Tư pháp           Các sở, ban,       Quý I/2026",
        "                   hóa văn bản quy                        ngành",
        "2                  Xây dựng Quy         Sở Tư pháp        Văn phòng          Tháng 6/2026",
        "                   chế phối hợp                           UBND tỉnh",
    ]);
    assert_eq!(
        t[0][1..],
        [
            "1|Rà soát, hệ thống hóa văn bản quy|Sở Tư pháp|Các sở, ban, ngành|Quý I/2026",
            "2|Xây dựng Quy chế phối hợp|Sở Tư pháp|Văn phòng UBND tỉnh|Tháng 6/2026",
        ]
    );
}

#[test]
fn a_label_of_five_words_above_the_main_line_joins_the_header() {
    // "Đơn vị phối hợp thực" over a gap of the main line, "hiện" under it:
    // a label centred in a tall cell, not a title
    let t = tables(&[
        "                                                  Đơn vị phối hợp thực",
        "TT     Nội dung công việc        Đơn vị chủ trì                          Thời hạn",
        "                                                          hiện",
        " 1     Rà soát sản phẩm tiềm     Phòng Phát triển   UBND các xã,          Quý I/2026",
        "       năng năm 2026             nông thôn          phường",
        " 2     Tổ chức đánh giá sản      Văn phòng Sở       Sở Công Thương        Quý III/2026",
        "       phẩm cấp tỉnh",
    ]);
    assert_eq!(
        t[0][0],
        "TT|Nội dung công việc|Đơn vị chủ trì|Đơn vị phối hợp thực hiện|Thời hạn"
    );
    assert_eq!(
        t[0][1..],
        [
            "1|Rà soát sản phẩm tiềm năng năm 2026|Phòng Phát triển nông thôn|UBND các xã, phường|Quý I/2026",
            "2|Tổ chức đánh giá sản phẩm cấp tỉnh|Văn phòng Sở|Sở Công Thương|Quý III/2026",
        ]
    );
}
