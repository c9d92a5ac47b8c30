//! What each column holds, read from its header text.

use serde::Serialize;

use crate::text::fold;

/// The role of a column in a task table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// TT / STT: the row number (số thứ tự).
    Tt,
    /// Mục tiêu.
    Objective,
    /// Nhiệm vụ, nội dung: the task itself.
    Task,
    /// Kết quả / sản phẩm.
    Product,
    /// Đơn vị chủ trì: the lead unit.
    Lead,
    /// Đơn vị phối hợp: partner units.
    Partners,
    /// Thời gian / thời hạn / tiến độ.
    Deadline,
    /// Ghi chú / lưu ý.
    Note,
    /// Any other column, kept under `extra` by its header.
    Extra,
}

/// Keywords per role, on text folded to lower-case ASCII, tried in this order:
/// "Thời gian thực hiện" is a deadline and "Phối hợp thực hiện" partners
/// before "thực hiện" can mean the lead unit.
const RULES: &[(Role, &[&str])] = &[
    (
        Role::Deadline,
        &[
            "thoi gian",
            "thoi han",
            "tien do",
            "han hoan thanh",
            "thoi diem",
            "ngay hoan thanh",
            // the steps of a task in time ("Lộ trình": 2026-2027, Quý III)
            "lo trinh",
            "ky han",
        ],
    ),
    (Role::Partners, &["phoi hop"]),
    (Role::Note, &["ghi chu", "luu y"]),
    // the form of the document a task ends in ("Hình thức văn bản":
    // Quyết định, Nghị quyết) is its product
    (
        Role::Product,
        &[
            "ket qua",
            "san pham",
            "hinh thuc van ban",
            "loai van ban",
            // the papers a task hands in ("Hồ sơ kèm theo")
            "ho so kem theo",
            "ho so gui kem",
        ],
    ),
    (Role::Objective, &["muc tieu"]),
    (Role::Lead, &["chu tri"]),
    (
        Role::Task,
        &[
            "nhiem vu",
            "noi dung",
            "cong viec",
            "giai phap",
            "ten de an",
            "hoat dong",
            // "Việc cần làm", "Việc phải làm": the work to do
            "viec can lam",
            "viec phai lam",
        ],
    ),
    // the office that advises on the task ("Cơ quan tham mưu") leads it
    (
        Role::Lead,
        &[
            "thuc hien",
            "trach nhiem",
            "phu trach",
            "tham muu",
            "dau moi",
        ],
    ),
];

/// Whole headers that name the lead unit on their own ("Đơn vị", "Cơ quan");
/// inside longer headers these words say nothing ("Đơn vị góp ý", "Điểm tự
/// đánh giá của đơn vị"). A công điện's "Địa phương, đơn vị" names who
/// carries each task out.
const LEAD_ALONE: &[&str] = &[
    "don vi",
    "co quan",
    "don vi, co quan",
    "co quan, don vi",
    "dia phuong, don vi",
    "don vi, dia phuong",
    "co quan, dia phuong",
    "co quan, don vi, dia phuong",
];

/// Headers of the unit column of a schedule: the units something is done
/// to or by, each at its time ("Đơn vị được kiểm tra | Thời gian kiểm tra").
const UNITS_SCHEDULED: &[&str] = &[
    "don vi duoc",
    "co quan duoc",
    "dia phuong duoc",
    "co quan, don vi duoc",
    "don vi, dia phuong duoc",
];

/// Headers of a person, not a unit ("Lãnh đạo phụ trách", "Cán bộ đầu
/// mối", "Người thực hiện"): the lead where no unit column is, else kept
/// under `extra` (the leader who follows the task).
const PERSON: &[&str] = &["lanh dao", "can bo", "nguoi ", "dong chi", "chuyen vien"];

fn is_person(header: &str) -> bool {
    let f = fold(header);
    PERSON.iter().any(|p| f.starts_with(p))
}

/// A header naming the lead and the partners in one column ("Đơn vị chủ
/// trì/phối hợp", "Chủ trì, phối hợp").
pub fn is_lead_and_partners(header: &str) -> bool {
    let f = fold(header);
    f.contains("chu tri") && f.contains("phoi hop")
}

/// Reads a header cell. `None` when the text is no recognisable header.
pub fn role_of(header: &str) -> Option<Role> {
    // a column's number under its label ("TT (1)", laid-out text joins
    // the numbers' row to the header) says nothing of its role
    let f: String = fold(header)
        .split(' ')
        .filter(|w| !is_column_number(w))
        .collect::<Vec<_>>()
        .join(" ");
    let compact: String = f.chars().filter(|c| c.is_alphanumeric()).collect();
    if matches!(compact.as_str(), "tt" | "stt" | "sott" | "sothutu" | "so") {
        return Some(Role::Tt);
    }
    if LEAD_ALONE.contains(&f.as_str()) || UNITS_SCHEDULED.iter().any(|u| f.starts_with(u)) {
        return Some(Role::Lead);
    }
    // "Đơn vị chủ trì/phối hợp": both in one column, the lead first
    if is_lead_and_partners(header) {
        return Some(Role::Lead);
    }
    if names_a_time(&f) {
        return Some(Role::Deadline);
    }
    RULES
        .iter()
        .find(|(_, keys)| keys.iter().any(|k| f.contains(k)))
        .map(|(role, _)| *role)
}

/// A short header of when a task is done: "Hoàn thành", "Mốc hoàn
/// thành", "Dự kiến hoàn thành", "Mốc" (a milestone), "Hạn gửi" (due by).
/// A "Kết quả hoàn thành" is a product, a "Tỷ lệ hoàn thành" no time, a
/// sentence "Hoàn thành hệ thống …" no label. `f`: the folded header.
fn names_a_time(f: &str) -> bool {
    const NOT_TIMES: [&str; 5] = ["ket qua", "ty le", "san pham", "muc do", "khoi luong"];
    let words = f.split(' ').count();
    // words only: "Hoàn thành = 1" is a value's legend
    let label = f.chars().all(|c| c.is_alphabetic() || " /,()".contains(c));
    let done = f.contains("hoan thanh") && words <= 4 && label;
    let first = f.split(' ').next();
    let milestone = first == Some("moc");
    // "Hạn gửi", "Hạn nộp", "Hạn chót": the date something is due by
    let due = first == Some("han") && words <= 4 && label;
    (done || milestone || due) && !NOT_TIMES.iter().any(|k| f.contains(k))
}

/// "(1)", "(12)": a column's number as a header row prints it.
fn is_column_number(w: &str) -> bool {
    w.strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Roles for a header row, column by column. Each of the named roles is given
/// once: a second column with the same reading is kept as `Extra`.
pub fn assign(headers: &[String]) -> Vec<Role> {
    let found: Vec<(Option<Role>, bool)> =
        headers.iter().map(|h| (role_of(h), is_person(h))).collect();
    let unit_leads = found.contains(&(Some(Role::Lead), false));
    let mut seen = Vec::new();
    found
        .into_iter()
        .map(|found| match found {
            (Some(Role::Lead), true) if unit_leads => Role::Extra,
            (Some(r), _) if r != Role::Extra && !seen.contains(&r) => {
                seen.push(r);
                r
            }
            _ => Role::Extra,
        })
        .collect()
}

/// Does this row read as a task table's header: a task column and a column
/// that says who, by when, what comes out or what for, or a schedule of
/// units and times? (TT and "Nội dung" alone head score and statistics
/// tables too.)
pub fn is_header(headers: &[String]) -> bool {
    !headers.iter().any(|h| is_scoring(h))
        && is_task_table(headers.iter().filter_map(|h| role_of(h)))
}

/// Headers of a scoring table (bảng chấm điểm: criteria, maximum points,
/// self-assessed points), which lists criteria, not tasks.
const SCORING: &[&str] = &[
    "diem toi da",
    "diem tu danh gia",
    "diem tu cham",
    "thang diem",
    "diem chuan",
];

/// Does this header text belong to a scoring table?
pub fn is_scoring(header: &str) -> bool {
    let f = fold(header);
    SCORING.iter().any(|k| f.contains(k))
}

/// Do these column roles make a task table (see [`is_header`])?
pub fn is_task_table(roles: impl IntoIterator<Item = Role>) -> bool {
    let assigns = [
        Role::Lead,
        Role::Partners,
        Role::Deadline,
        Role::Product,
        Role::Objective,
    ];
    let roles: Vec<Role> = roles.into_iter().collect();
    // a schedule ("Đơn vị được kiểm tra | Thời gian kiểm tra") gives each
    // unit its time: its task is the table's purpose
    let schedule = roles.contains(&Role::Lead) && roles.contains(&Role::Deadline);
    schedule || roles.contains(&Role::Task) && roles.iter().any(|r| assigns.contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    #[test]
    fn one_column_for_lead_and_partners_is_the_lead() {
        assert_eq!(role_of("Đơn vị chủ trì/phối hợp"), Some(Lead));
        assert_eq!(role_of("Đơn vị phối hợp"), Some(Partners));
        // a schedule's unit column, with its time: a task table
        assert_eq!(role_of("Đơn vị được kiểm tra"), Some(Lead));
        assert!(is_header(&[
            "STT".into(),
            "Đơn vị được kiểm tra".into(),
            "Thời gian kiểm tra".into()
        ]));
        assert!(!is_header(&[
            "STT".into(),
            "Họ và tên".into(),
            "Đơn vị".into()
        ]));
    }

    #[test]
    fn a_scoring_table_is_no_task_table() {
        let rubric = [
            "STT",
            "Nội dung tiêu chí",
            "Điểm tối đa",
            "Điểm tự đánh giá",
            "Tài liệu kiểm chứng / Kết quả",
        ]
        .map(String::from);
        assert!(!is_header(&rubric));
        let tasks = ["STT", "Nội dung", "Kết quả", "Thời gian"].map(String::from);
        assert!(is_header(&tasks));
    }

    #[test]
    fn header_vocabulary() {
        let cases = [
            ("TT", Tt),
            ("STT", Tt),
            ("Nhiệm vụ, giải pháp", Task),
            ("NỘI DUNG NHIỆM VỤ", Task),
            ("Tên nhiệm vụ", Task),
            ("Nội dung công việc", Task),
            ("Hình thức văn bản", Product),
            ("TT (1)", Tt),
            ("Đơn vị chủ trì (3)", Lead),
            ("MỤC TIÊU NĂM 2025", Objective),
            ("KẾT QUẢ/ SẢN PHẨM", Product),
            ("Dự kiến kết quả", Product),
            ("Đơn vị chủ trì", Lead),
            ("Cơ quan chủ trì", Lead),
            ("Đơn vị thực hiện", Lead),
            ("Địa phương, đơn vị", Lead),
            ("Chủ trì", Lead),
            ("Đơn vị phối hợp", Partners),
            ("Phối hợp thực hiện", Partners),
            ("Cơ quan thực hiện Phối hợp", Partners),
            ("Thời gian thực hiện", Deadline),
            ("Thời hạn hoàn thành", Deadline),
            ("Tiến độ", Deadline),
            ("Lộ trình", Deadline),
            ("Hoàn thành", Deadline),
            ("Kết quả hoàn thành", Product),
            ("Mốc hoàn thành", Deadline),
            ("Hạn gửi", Deadline),
            ("Hạn nộp báo cáo", Deadline),
            ("Việc cần làm", Task),
            ("Hồ sơ kèm theo", Product),
            ("Cơ quan tham mưu", Lead),
            ("Đầu mối", Lead),
            ("Mốc", Deadline),
            ("Dự kiến hoàn thành", Deadline),
            ("Kỳ hạn", Deadline),
            ("Ghi chú", Note),
            ("Lưu ý", Note),
        ];
        for (text, role) in cases {
            assert_eq!(role_of(text), Some(role), "{text}");
        }
        assert_eq!(role_of("Kinh phí"), None);

        assert_eq!(role_of("Tỷ lệ hoàn thành (%)"), None);
        assert_eq!(role_of("Hoàn thành = 1"), None);
        assert_eq!(role_of("Đơn vị"), Some(Lead));
        assert_eq!(role_of("Đơn vị góp ý"), None);
        assert_eq!(role_of("Điểm tự đánh giá của đơn vị"), None);
        // a sentence opening "Hoàn thành …" is no deadline's label
        assert_ne!(
            role_of("Hoàn thành hệ thống Hội nghị truyền hình trực tuyến"),
            Some(Deadline)
        );
    }

    #[test]
    fn duplicates_become_extra() {
        let h: Vec<String> = ["TT", "Nội dung", "Chủ trì", "Cơ quan chủ trì"]
            .map(String::from)
            .into();
        assert_eq!(assign(&h), vec![Tt, Task, Lead, Extra]);
        assert!(is_header(&h));
        assert!(!is_header(&["1".to_string(), "Rà soát".to_string()]));
        let scores: Vec<String> = ["STT", "Nội dung", "Điểm số", "Thứ hạng"]
            .map(String::from)
            .into();
        assert!(!is_header(&scores), "a score table is no task table");
    }

    #[test]
    fn a_person_leads_only_where_no_unit_does() {
        let roles = |h: &[&str]| assign(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        // 13k hk-03: the leader who follows a task, beside its unit
        assert_eq!(
            roles(&[
                "TT",
                "Nhiệm vụ",
                "Lãnh đạo phụ trách",
                "Đơn vị chủ trì",
                "Thời hạn"
            ]),
            [Tt, Task, Extra, Lead, Deadline]
        );
        // 13h hh-07: a commune's tasks given to people
        assert_eq!(
            roles(&["TT", "Thời hạn", "Nhiệm vụ", "Người thực hiện", "Ghi chú"]),
            [Tt, Deadline, Task, Lead, Note]
        );
    }
}
