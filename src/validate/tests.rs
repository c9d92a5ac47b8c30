use super::*;
use crate::model::{Column, TableInfo, TaskRecord};
use crate::table::Role;

fn table(index: usize, title: &str) -> TableInfo {
    TableInfo {
        index,
        title: Some(title.into()),
        caption: None,
        pages: vec![1],
        columns: vec![
            Column {
                header: "TT".into(),
                role: Role::Tt,
            },
            Column {
                header: "Nhiệm vụ".into(),
                role: Role::Task,
            },
            Column {
                header: "Chủ trì".into(),
                role: Role::Lead,
            },
        ],
        ..Default::default()
    }
}

fn sec(label: &str, title: &str) -> SectionRef {
    SectionRef {
        label: label.into(),
        title: title.into(),
    }
}

fn task(tt: &str, text: &str, path: &[SectionRef]) -> TaskRecord {
    TaskRecord {
        table: Some(0),
        tt: Some(tt.into()),
        task: Some(text.into()),
        lead: Some("Văn phòng Sở".into()),
        section: path.to_vec(),
        pages: vec![1],
        ..Default::default()
    }
}

fn codes(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|f| f.code.as_str()).collect()
}

fn run(
    tables: &[TableInfo],
    tasks: &[TaskRecord],
    sections: &[Section],
    body: &[&str],
) -> (Vec<DeclaredCount>, Vec<Finding>) {
    let paragraphs: Vec<(String, usize)> = body.iter().map(|p| (p.to_string(), 1)).collect();
    validate(&Input {
        tables,
        tasks,
        sections,
        paragraphs: &paragraphs,
        prose: &[],
    })
}

fn numbered(n: usize, path: &[SectionRef]) -> Vec<TaskRecord> {
    (1..=n)
        .map(|i| {
            task(
                &i.to_string(),
                &format!("Nhiệm vụ số {i} khác hẳn nhau"),
                path,
            )
        })
        .collect()
}

#[test]
fn declared_count_phrasings() {
    let body = [
        "Tổng số: 27 nhiệm vụ, trong đó:",
        "1. Nhiệm vụ xây dựng và ban hành văn bản: 09 nhiệm vụ.",
        "Kế hoạch gồm 22 nhiệm vụ cụ thể.",
        "Xác định 08 nhiệm vụ trọng tâm năm 2025.",
        "tổng số 15 nhiệm vụ được giao",
        "Xác định công tác CCHC là nhiệm vụ trọng tâm.",
    ];
    let paragraphs: Vec<(String, usize)> = body.iter().map(|p| (p.to_string(), 2)).collect();
    let d = declarations(&paragraphs);
    let counts: Vec<usize> = d.iter().map(|d| d.count).collect();
    assert_eq!(counts, [27, 9, 22, 8, 15]);
    assert_eq!(d[1].group.as_ref().map(|g| g.0), Some(1));
    assert!(d.iter().all(|d| d.page == 2));
}

#[test]
fn section_count_mismatch_fires_and_agreeing_counts_do_not() {
    let i = sec("I", "NHIỆM VỤ XÂY DỰNG VĂN BẢN (07 nhiệm vụ)");
    let ii = sec("II", "NHIỆM VỤ KIỂM TRA (02 nhiệm vụ)");
    let mut tasks = numbered(9, std::slice::from_ref(&i));
    tasks.push(task(
        "10",
        "Kiểm tra công tác văn thư",
        std::slice::from_ref(&ii),
    ));
    tasks.push(task(
        "11",
        "Kiểm tra công tác lưu trữ",
        std::slice::from_ref(&ii),
    ));
    let sections = vec![
        Section {
            table: 0,
            path: vec![i.clone()],
            page: 1,
            place: None,
        },
        Section {
            table: 0,
            path: vec![ii.clone()],
            page: 1,
            place: None,
        },
    ];
    let body = [
        "Tổng số: 11 nhiệm vụ, trong đó:",
        "1. Nhiệm vụ xây dựng văn bản: 09 nhiệm vụ.",
        "2. Nhiệm vụ kiểm tra: 02 nhiệm vụ.",
    ];
    let (counts, findings) = run(&[table(0, "PHỤ LỤC")], &tasks, &sections, &body);
    let mismatches: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code == "count_mismatch")
        .collect();
    assert_eq!(mismatches.len(), 1, "{findings:#?}");
    assert_eq!(
        (
            mismatches[0].scope.as_deref(),
            mismatches[0].declared,
            mismatches[0].found
        ),
        (Some("I"), Some(7), Some(9))
    );
    assert_eq!(
        mismatches[0].message,
        "Mục I khai báo 07 nhiệm vụ nhưng bảng có 09 nhiệm vụ"
    );
    assert_eq!(counts.len(), 5, "document, two groups, two section rows");
    assert_eq!(mismatches[0].table, Some(0));
    assert!(
        counts
            .iter()
            .filter(|c| c.scope == "document")
            .all(|c| c.found == 11)
    );
}

#[test]
fn sub_rows_of_one_tt_count_once() {
    let s = sec("I", "Công tác chung (02 nhiệm vụ)");
    let mut tasks = vec![task("1", "Ban hành kế hoạch", std::slice::from_ref(&s))];
    let mut second = task("1", "Ban hành kế hoạch", std::slice::from_ref(&s));
    second.lead = Some("Thanh tra Sở".into());
    tasks.push(second);
    tasks.push(task(
        "2",
        "Tổ chức kiểm tra định kỳ",
        std::slice::from_ref(&s),
    ));
    let sections = vec![Section {
        table: 0,
        path: vec![s],
        page: 1,
        place: None,
    }];
    let (_, findings) = run(&[table(0, "PHỤ LỤC")], &tasks, &sections, &[]);
    assert!(codes(&findings).is_empty(), "{findings:#?}");
}

#[test]
fn subsections_must_add_up() {
    let iv = sec("IV", "NHIỆM VỤ CỤ THỂ (06 nhiệm vụ)");
    let a = sec("IV. 1", "Khoa học (03 nhiệm vụ)");
    let b = sec("IV. 2", "Cải cách (02 nhiệm vụ)");
    let sections = vec![
        Section {
            table: 0,
            path: vec![iv.clone()],
            page: 1,
            place: None,
        },
        Section {
            table: 0,
            path: vec![iv.clone(), a.clone()],
            page: 1,
            place: None,
        },
        Section {
            table: 0,
            path: vec![iv.clone(), b.clone()],
            page: 1,
            place: None,
        },
    ];
    let mut tasks = numbered(3, &[iv.clone(), a]);
    tasks.extend((4..=5).map(|i| {
        task(
            &i.to_string(),
            &format!("Cải cách thủ tục số {i}"),
            &[iv.clone(), b.clone()],
        )
    }));
    let (_, findings) = run(&[table(0, "PHỤ LỤC")], &tasks, &sections, &[]);
    let sums: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.code == "count_mismatch" && f.scope.as_deref() == Some("IV"))
        .collect();
    assert_eq!(
        sums.len(),
        2,
        "rows and subsections both disagree with 06: {findings:#?}"
    );
    assert!(sums.iter().all(|f| f.found == Some(5)));
}

#[test]
fn numbering_gap_fires_and_restarts_do_not() {
    let a = sec("A", "THAM MƯU");
    let b = sec("B", "TẠI SỞ");
    let mut tasks = numbered(6, std::slice::from_ref(&a));
    for t in &mut tasks {
        t.task = t.task.as_ref().map(|x| format!("{x} (phần A)"));
    }
    let mut part_b = numbered(21, std::slice::from_ref(&b));
    part_b.extend((25..=27).map(|i| {
        task(
            &i.to_string(),
            &format!("Việc riêng số {i}"),
            std::slice::from_ref(&b),
        )
    }));
    tasks.extend(part_b);
    let (_, findings) = run(&[table(0, "Phụ lục")], &tasks, &[], &[]);
    assert_eq!(codes(&findings), ["numbering_gap"]);
    let f = &findings[0];
    assert_eq!(
        (f.scope.as_deref(), f.after.as_deref(), f.next.as_deref()),
        (Some("B"), Some("21"), Some("25"))
    );
    // part A is rows 0..6, part B's 1..21 rows 6..27: "21" is row 26
    assert_eq!((f.table, &f.tasks[..]), (Some(0), &[26, 27][..]));
    assert_eq!(f.tts, ["21", "25"]);
}

#[test]
fn sub_numbering_runs_under_their_parent() {
    let one = sec("1", "Tổ chức bộ máy");
    let two = sec("2", "Nhiệm vụ khác");
    let mut tasks: Vec<TaskRecord> = (1..=4)
        .map(|i| {
            task(
                &format!("1.{i}"),
                &format!("Bộ máy việc {i}"),
                std::slice::from_ref(&one),
            )
        })
        .collect();
    tasks.extend((1..=3).map(|i| {
        task(
            &format!("2.{i}"),
            &format!("Việc khác {i}"),
            std::slice::from_ref(&two),
        )
    }));
    let (_, findings) = run(&[table(0, "PHỤ LỤC")], &tasks, &[], &[]);
    assert!(findings.is_empty(), "{findings:#?}");
    tasks.push(task("2.5", "Việc khác 5", std::slice::from_ref(&two)));
    let (_, findings) = run(&[table(0, "PHỤ LỤC")], &tasks, &[], &[]);
    assert_eq!(codes(&findings), ["numbering_gap"]);
}

#[test]
fn duplicate_number_and_duplicate_task() {
    let mut tasks = numbered(4, &[]);
    tasks.push(task("3", "Một việc lặp số thứ tự", &[]));
    let (_, findings) = run(&[table(0, "Phụ lục")], &tasks, &[], &[]);
    assert_eq!(codes(&findings), ["duplicate_number"]);
    let mut tasks = numbered(4, &[]);
    tasks.push(task("5", "Nhiệm vụ số 2 khác hẳn nhau.", &[]));
    let (_, findings) = run(&[table(0, "Phụ lục")], &tasks, &[], &[]);
    assert_eq!(codes(&findings), ["duplicate_task"]);
    assert_eq!(findings[0].tasks, [1, 4], "indices into tasks");
    assert_eq!(findings[0].tts, ["2", "5"]);
    assert_eq!(findings[0].table, Some(0));
    assert_eq!(findings[0].scope, None, "the table's top level");
    // the same text in two different appendices is no duplicate
    let mut other = task("1", "Nhiệm vụ số 2 khác hẳn nhau", &[]);
    other.table = Some(1);
    let mut tasks = numbered(3, &[]);
    tasks.push(other);
    let (_, findings) = run(
        &[table(0, "Phụ lục I"), table(1, "Phụ lục II")],
        &tasks,
        &[],
        &[],
    );
    assert!(codes(&findings).is_empty(), "{findings:#?}");
}

/// Section rows of table 0 on page 3, one per path.
fn sections_at(paths: &[Vec<SectionRef>]) -> Vec<Section> {
    paths
        .iter()
        .map(|p| Section {
            table: 0,
            path: p.clone(),
            page: 3,
            place: None,
        })
        .collect()
}

#[test]
fn section_gap_fires_and_nesting_does_not() {
    let paths = [
        vec![sec("I.", "a")],
        vec![sec("II.", "b")],
        vec![sec("III.", "c")],
        vec![sec("V.", "d")],
    ];
    let sections = sections_at(&paths);
    let (_, findings) = run(&[table(0, "Phụ lục II")], &[], &sections, &[]);
    assert_eq!(codes(&findings), ["section_gap"]);
    let f = &findings[0];
    assert_eq!(
        (
            f.table,
            f.scope.as_deref(),
            f.after.as_deref(),
            f.next.as_deref()
        ),
        (Some(0), None, Some("III"), Some("V"))
    );
    assert!(f.tasks.is_empty(), "sections are no task rows");
    assert_eq!(f.message, "Phụ lục II: số mục nhảy từ III sang V");
    let nested = [
        vec![sec("A", "x")],
        vec![sec("A", "x"), sec("I", "y")],
        vec![sec("B", "z")],
        vec![sec("B", "z"), sec("I", "w")],
        vec![sec("B", "z"), sec("II", "v")],
    ];
    let sections = sections_at(&nested);
    let (_, findings) = run(&[table(0, "Phụ lục")], &[], &sections, &[]);
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn group_rows_and_tasks_number_one_list() {
    // "1." (a group over a), b)), "2." a task, "3." a group, "4." a task
    let (one, three) = (sec("1.", "Hạ tầng số"), sec("3.", "Dữ liệu số"));
    let tasks = [
        task("a)", "Rà soát đường truyền", std::slice::from_ref(&one)),
        task("b)", "Nâng cấp phần mềm", std::slice::from_ref(&one)),
        task("2.", "Tập huấn kỹ năng số", &[]),
        task("a)", "Số hóa hồ sơ", std::slice::from_ref(&three)),
        task("4.", "Báo cáo kết quả", &[]),
    ];
    let sections = sections_at(&[vec![one.clone()], vec![three.clone()]]);
    let (_, findings) = run(&[table(0, "Phụ lục")], &tasks, &sections, &[]);
    assert!(findings.is_empty(), "{findings:#?}");
    // without the group "3." the list skips
    let sections = sections_at(&[vec![one]]);
    let (_, findings) = run(&[table(0, "Phụ lục")], &tasks, &sections, &[]);
    assert_eq!(codes(&findings), ["numbering_gap"]);
}

#[test]
fn missing_lead_or_task() {
    let mut tasks = numbered(2, &[]);
    tasks[1].lead = Some(String::new());
    tasks.push(TaskRecord {
        table: Some(0),
        tt: Some("3".into()),
        lead: Some("Văn phòng".into()),
        task: None,
        pages: vec![1],
        ..Default::default()
    });
    let (_, findings) = run(&[table(0, "Phụ lục")], &tasks, &[], &[]);
    let fields: Vec<Option<&str>> = findings.iter().map(|f| f.field.as_deref()).collect();
    assert_eq!(fields, [Some("lead"), Some("task")]);
    let rows: Vec<&[usize]> = findings.iter().map(|f| &f.tasks[..]).collect();
    assert_eq!(rows, [&[1][..], &[2][..]]);
    let (_, findings) = run(&[table(0, "Phụ lục")], &numbered(2, &[]), &[], &[]);
    assert!(findings.is_empty());
}

#[test]
fn no_table_is_an_info_finding() {
    let (_, findings) = run(&[], &[], &[], &[]);
    assert_eq!(codes(&findings), ["no_task_table"]);
    assert_eq!(findings[0].severity, Severity::Info);
}

#[test]
fn roman_numerals() {
    assert_eq!(roman("IV"), Some(4));
    assert_eq!(roman("IX"), Some(9));
    assert_eq!(roman("XIV"), Some(14));
    assert_eq!(roman("A"), None);
}

#[test]
fn scope_is_the_innermost_section_of_the_rows() {
    let a = sec("A.", "THAM MƯU");
    let i = sec("I", "Văn bản");
    let ii = sec("II", "Kiểm tra");
    let mut tasks = vec![
        task(
            "1",
            "Ban hành quy chế làm việc của Sở",
            &[a.clone(), i.clone()],
        ),
        task(
            "2",
            "Ban hành kế hoạch kiểm tra nội bộ",
            &[a.clone(), i.clone()],
        ),
    ];
    tasks.push(task(
        "3",
        "Ban hành quy chế làm việc của Sở",
        &[a.clone(), ii.clone()],
    ));
    tasks.push(TaskRecord {
        table: Some(0),
        tt: Some("4".into()),
        task: Some("Kiểm tra công tác văn thư lưu trữ".into()),
        section: vec![a.clone(), ii.clone()],
        pages: vec![2],
        ..Default::default()
    });
    let (_, findings) = run(&[table(0, "Phụ lục")], &tasks, &[], &[]);
    let dup = findings
        .iter()
        .find(|f| f.code == "duplicate_task")
        .unwrap();
    assert_eq!(
        (dup.scope.as_deref(), &dup.tasks[..]),
        (Some("A"), &[0, 2][..])
    );
    let miss = findings.iter().find(|f| f.code == "missing_field").unwrap();
    assert_eq!(
        (miss.scope.as_deref(), &miss.tasks[..]),
        (Some("A/II"), &[3][..])
    );
    assert_eq!(miss.tts, ["4"]);
}

#[test]
fn row_indices_count_every_table() {
    // table 1's rows come after table 0's in tasks[]
    let mut tasks = numbered(3, &[]);
    let mut second: Vec<TaskRecord> = [1, 2, 4]
        .iter()
        .map(|i| task(&i.to_string(), &format!("Phụ lục hai việc {i}"), &[]))
        .collect();
    for t in &mut second {
        t.table = Some(1);
    }
    tasks.extend(second);
    let (_, findings) = run(
        &[table(0, "Phụ lục I"), table(1, "Phụ lục II")],
        &tasks,
        &[],
        &[],
    );
    assert_eq!(codes(&findings), ["numbering_gap"]);
    assert_eq!(
        (findings[0].table, &findings[0].tasks[..]),
        (Some(1), &[4, 5][..])
    );
    assert_eq!(
        findings[0].message,
        "Phụ lục II: số thứ tự nhảy từ 2 lên 4 (thiếu 1 số)"
    );
}

/// A table of `n` rows whose task column is headed `header`, under the
/// sections given (each row in the first).
fn counted(
    header: &str,
    n: usize,
    sections: &[SectionRef],
) -> (TableInfo, Vec<TaskRecord>, Vec<Section>) {
    let mut t = table(0, "PHỤ LỤC");
    t.columns[1].header = header.into();
    let path: Vec<SectionRef> = sections.iter().take(1).cloned().collect();
    let secs = sections
        .iter()
        .map(|s| Section {
            table: 0,
            path: vec![s.clone()],
            page: 1,
            place: None,
        })
        .collect();
    (t, numbered(n, &path), secs)
}

#[test]
fn counts_in_other_nouns_fire_where_the_table_names_its_rows_so() {
    let (t, tasks, sections) = counted("Tên chuyên mục", 10, &[]);
    let (counts, findings) = run(
        std::slice::from_ref(&t),
        &tasks,
        &sections,
        &["Chương trình phát sóng năm 2025 gồm 11 chuyên mục như sau:"],
    );
    assert_eq!(counts.len(), 1, "{counts:#?}");
    let c = &counts[0];
    assert_eq!(
        (
            c.scope.as_str(),
            c.table,
            c.unit.as_str(),
            c.counts,
            c.declared,
            c.found
        ),
        ("document", None, "chuyên mục", Counted::Tasks, 11, 10)
    );
    assert_eq!(codes(&findings), ["count_mismatch"]);
    assert_eq!(
        findings[0].message,
        "Văn bản khai báo 11 chuyên mục nhưng bảng có 10 chuyên mục"
    );
    // a section row in any noun counts its rows
    let s = sec("I", "HOẠT ĐỘNG TRUYỀN THÔNG (04 hoạt động)");
    let (t, tasks, sections) = counted("Nội dung", 3, std::slice::from_ref(&s));
    let (counts, findings) = run(std::slice::from_ref(&t), &tasks, &sections, &[]);
    assert_eq!(
        (
            counts[0].scope.as_str(),
            counts[0].table,
            counts[0].unit.as_str()
        ),
        ("I", Some(0), "hoạt động")
    );
    assert_eq!(
        (findings[0].declared, findings[0].found),
        (Some(4), Some(3))
    );
    assert_eq!(findings[0].table, Some(0));
}

#[test]
fn counts_in_other_nouns_that_do_not_count_rows_are_left_alone() {
    // the table's rows are "nhiệm vụ"; the 03 "nội dung" are parts of the text
    let (t, tasks, sections) = counted("Nhiệm vụ", 5, &[]);
    let body = [
        "Kế hoạch gồm 03 nội dung: mục đích, yêu cầu; nhiệm vụ; tổ chức thực hiện.",
        "Tổng số: 05 nhiệm vụ.",
    ];
    let (counts, findings) = run(std::slice::from_ref(&t), &tasks, &sections, &body);
    assert_eq!(counts.len(), 1, "{counts:#?}");
    assert_eq!(counts[0].unit, "nhiệm vụ");
    assert!(findings.is_empty(), "{findings:#?}");
    // the same counts agree where the table does name its rows "nội dung"
    let (t, tasks, sections) = counted("Nội dung công việc", 5, &[]);
    let (counts, findings) = run(
        std::slice::from_ref(&t),
        &tasks,
        &sections,
        &["Kế hoạch bao gồm 05 nội dung, 12 giải pháp."],
    );
    assert_eq!((counts.len(), counts[0].found), (1, 5));
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn group_counts_are_compared_with_top_level_sections() {
    let groups = [
        sec("I", "Nhóm nhiệm vụ về thể chế"),
        sec("II", "Nhóm nhiệm vụ về tổ chức bộ máy"),
        sec("III", "Nhóm nhiệm vụ về số hóa"),
    ];
    let (t, tasks, sections) = counted("Nhiệm vụ", 4, &groups);
    let (counts, findings) = run(
        std::slice::from_ref(&t),
        &tasks,
        &sections,
        &["Kế hoạch gồm 03 nhóm nhiệm vụ, 04 nhiệm vụ trọng tâm."],
    );
    let c = &counts[0];
    assert_eq!(
        (
            c.scope.as_str(),
            c.table,
            c.unit.as_str(),
            c.counts,
            c.declared,
            c.found
        ),
        (
            "document",
            Some(0),
            "nhóm nhiệm vụ",
            Counted::Sections,
            3,
            3
        ),
        "three groups, not four rows: {counts:#?}"
    );
    assert!(findings.is_empty(), "{findings:#?}");
    let (_, findings) = run(
        std::slice::from_ref(&t),
        &tasks,
        &sections[..2],
        &["Kế hoạch gồm 03 nhóm nhiệm vụ."],
    );
    assert_eq!(codes(&findings), ["count_mismatch"]);
    assert_eq!(
        findings[0].message,
        "Văn bản khai báo 03 nhóm nhiệm vụ nhưng bảng có 02 mục lớn"
    );
    // no sections: nothing to count the groups against
    let (t, tasks, _) = counted("Nhiệm vụ", 4, &[]);
    let (counts, findings) = run(
        std::slice::from_ref(&t),
        &tasks,
        &[],
        &["Gồm 03 nhóm nhiệm vụ."],
    );
    assert!(counts.is_empty() && findings.is_empty(), "{counts:#?}");
}

#[test]
fn a_prose_heading_count_is_checked_against_the_items_under_it() {
    let heading = [
        SectionRef {
            label: "IV".into(),
            title: "TỔ CHỨC THỰC HIỆN".into(),
        },
        SectionRef {
            label: "4".into(),
            title: "UBND các xã, phường (gồm 03 nhiệm vụ)".into(),
        },
    ];
    let prose: Vec<TaskRecord> = ["Bố trí kho lưu trữ.", "Cử công chức tập huấn."]
        .iter()
        .map(|t| TaskRecord {
            origin: crate::model::Origin::Prose,
            task: Some(t.to_string()),
            section: heading.to_vec(),
            ..Default::default()
        })
        .collect();
    let paragraphs = vec![("4. UBND các xã, phường (gồm 03 nhiệm vụ):".to_string(), 3)];
    let (counts, findings) = validate(&Input {
        tables: &[],
        tasks: &[],
        sections: &[],
        paragraphs: &paragraphs,
        prose: &prose,
    });
    assert_eq!(counts.len(), 1);
    assert_eq!((counts[0].declared, counts[0].found), (3, 2));
    assert_eq!(counts[0].scope, "IV/4");
    assert_eq!(counts[0].table, None);
    assert_eq!(
        codes(&findings),
        ["count_mismatch"],
        "prose alone is no 'no_task_table'"
    );
}
