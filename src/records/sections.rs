//! Section labels (số mục): "I", "II.", "A", "1", "IV. 1" and their nesting.

use super::Section;
use crate::model::{SectionRef, TaskRecord};

/// The numbering style of a section label; styles nest in order of first use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Letter,
    Roman,
    Arabic,
}

impl SectionKind {
    pub fn of(label: &str) -> Option<SectionKind> {
        let core: String = label
            .trim_end_matches(['.', ')'])
            .split_whitespace()
            .collect();
        let core = core.as_str();
        if core.is_empty() {
            return None;
        }
        // "IV.1", "IV. 1", "2.3": a numbered sub-section
        if let Some((head, last)) = core.rsplit_once('.')
            && !head.is_empty()
            && !last.is_empty()
            && last.chars().all(|c| c.is_ascii_digit())
        {
            return Some(SectionKind::Arabic);
        }
        if core.chars().all(|c| "IVXLCDM".contains(c)) {
            return Some(SectionKind::Roman);
        }
        if core.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Some(SectionKind::Arabic);
        }
        (core.chars().count() == 1 && core.chars().all(|c| c.is_ascii_uppercase()))
            .then_some(SectionKind::Letter)
    }
}

/// A label a narrow column broke over lines ("II I") is one label ("III").
pub fn squash_label(s: &str) -> String {
    let t = s.trim();
    let parts: Vec<&str> = t.split_whitespace().collect();
    if parts.len() > 1
        && parts
            .iter()
            .all(|p| p.chars().all(|c| "IVXLCDM.".contains(c)))
    {
        parts.concat()
    } else {
        t.to_string()
    }
}

/// "I. NHIỆM VỤ ..." → label "I", title "NHIỆM VỤ ..."; no label → "".
pub fn split_label(text: &str) -> SectionRef {
    let mut parts = text.splitn(2, ' ');
    let head = parts.next().unwrap_or("");
    let rest = parts.next().unwrap_or("").trim();
    match SectionKind::of(head) {
        Some(_) if !rest.is_empty() => SectionRef {
            label: head.trim_end_matches(['.', ')']).to_string(),
            title: rest.to_string(),
        },
        _ => SectionRef {
            label: String::new(),
            title: text.to_string(),
        },
    }
}

/// Puts a section on the stack: it closes every open section at its own
/// level or deeper. A letter after "B" that reads as Roman ("C") is a letter.
pub fn push(stack: &mut Vec<(SectionKind, SectionRef)>, s: SectionRef) {
    let kind = kind_in(stack, &s.label);
    match kind {
        Some(k) => {
            if let Some(pos) = stack.iter().position(|(sk, _)| Some(*sk) == Some(k)) {
                stack.truncate(pos);
            }
            stack.push((k, s));
        }
        None => {
            // An unlabelled heading sits under the labelled ones, replacing
            // any unlabelled heading before it.
            while stack.last().is_some_and(|(_, t)| t.label.is_empty()) {
                stack.pop();
            }
            stack.push((SectionKind::Arabic, s));
        }
    }
}

fn kind_in(stack: &[(SectionKind, SectionRef)], label: &str) -> Option<SectionKind> {
    let kind = SectionKind::of(label)?;
    let core = label.trim_end_matches(['.', ')']);
    if kind == SectionKind::Roman && core.len() == 1 {
        let prev_letter = stack.iter().rev().find(|(k, _)| *k == SectionKind::Letter);
        if let Some((_, p)) = prev_letter {
            let next = p
                .label
                .trim_end_matches(['.', ')'])
                .chars()
                .next()
                .map(|c| (c as u8 + 1) as char);
            if next == core.chars().next() {
                return Some(SectionKind::Letter);
            }
        }
    }
    Some(kind)
}

/// Group rows set in the TT column ("1 | Nhóm nhiệm vụ về … (04 nhiệm
/// vụ)" above 1.1, 1.2): a row whose TT the next rows' TTs extend, with no
/// unit and no deadline of its own, is a section over them, not a task.
pub fn group_rows(tasks: &mut Vec<TaskRecord>, sections: &mut Vec<Section>) {
    // where the last group of each table went, so the next one goes after it
    let mut last: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < tasks.len() {
        let Some(children) = group_children(tasks, i) else {
            i += 1;
            continue;
        };
        let group = tasks.remove(i);
        let label = group.tt.clone().unwrap_or_default();
        // the group stands under the sections above it, beside the
        // numbered ones its own number does not extend
        let mut path = group.section.clone();
        while path.last().is_some_and(|s| {
            SectionKind::of(&s.label) == Some(SectionKind::Arabic)
                && !label.starts_with(&format!("{}.", s.label))
        }) {
            path.pop();
        }
        path.push(SectionRef {
            label,
            title: group.task.clone().unwrap_or_default(),
        });
        let children = tasks[i..]
            .iter()
            .take_while(|t| t.table == group.table && children.holds(tt_of(t)))
            .count();
        for t in &mut tasks[i..i + children] {
            t.section = path.clone();
        }
        let table = group.table.unwrap_or(0);
        let at = insert_at(sections, table, &group.section, last);
        let page = group.pages.first().copied().unwrap_or(1);
        let place = group.places.first().copied();
        sections.insert(
            at,
            Section {
                table,
                path,
                page,
                place,
            },
        );
        last = Some((table, at));
        // the children are read again: a group may hold groups (1.1 under 1)
    }
}

/// Where a group's section goes in document order: after the section its
/// row stood under (or first in its table when under none), and after the
/// group before it in the same table.
fn insert_at(
    sections: &[Section],
    table: usize,
    under: &[SectionRef],
    last: Option<(usize, usize)>,
) -> usize {
    let parent = sections
        .iter()
        .rposition(|s| s.table == table && s.path == under)
        .filter(|_| !under.is_empty());
    let first = || {
        sections
            .iter()
            .position(|s| s.table >= table)
            .unwrap_or(sections.len())
    };
    let at = parent.map_or_else(first, |k| k + 1);
    match last {
        Some((t, k)) if t == table => at.max(k + 1),
        _ => at,
    }
}

fn tt_of(t: &TaskRecord) -> &str {
    t.tt.as_deref().unwrap_or("")
}

/// The rows under a group row, by their TTs.
enum Children {
    /// "1.1", "1.2" under "1": TTs that extend the group's ("1.").
    Extending(String),
    /// "a)", "b)" under "1.": letters.
    Letters,
}

impl Children {
    fn holds(&self, tt: &str) -> bool {
        match self {
            Children::Extending(prefix) => tt.starts_with(prefix.as_str()),
            Children::Letters => is_letter(tt),
        }
    }
}

/// "a)", "b.", "đ": one lower-case letter as a list writes it.
pub fn is_letter(tt: &str) -> bool {
    let mut cs = tt.trim_end_matches([')', '.']).chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_lowercase())
}

/// The TTs of the rows under row `i` when it is a group row: a numbered
/// row with a task and no unit or deadline, whose next row's TT extends
/// its own ("1" over "1.1") or is a letter ("1." over "a)").
fn group_children(tasks: &[TaskRecord], i: usize) -> Option<Children> {
    let t = &tasks[i];
    let tt = tt_of(t);
    let next = tasks.get(i + 1).filter(|n| n.table == t.table)?;
    let empty = |f: &Option<String>| f.as_deref().is_none_or(|v| v.trim().is_empty());
    let bare = !tt.is_empty()
        && empty(&t.lead)
        && empty(&t.partners)
        && empty(&t.deadline)
        && !empty(&t.task);
    let prefix = format!("{}.", tt.trim_end_matches('.'));
    match tt_of(next) {
        _ if !bare => None,
        n if n.starts_with(&prefix) => Some(Children::Extending(prefix)),
        n if is_letter(n) && !is_letter(tt) => Some(Children::Letters),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(label: &str) -> SectionRef {
        SectionRef {
            label: label.into(),
            title: format!("title {label}"),
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(SectionKind::of("IV."), Some(SectionKind::Roman));
        assert_eq!(SectionKind::of("A"), Some(SectionKind::Letter));
        assert_eq!(SectionKind::of("1.2"), Some(SectionKind::Arabic));
        assert_eq!(SectionKind::of("IV. 1"), Some(SectionKind::Arabic));
        assert_eq!(SectionKind::of(""), None);
        assert_eq!(SectionKind::of("Sở"), None);
    }

    #[test]
    fn nesting_follows_first_use() {
        let mut st = Vec::new();
        push(&mut st, s("A"));
        push(&mut st, s("I"));
        push(&mut st, s("II"));
        let labels: Vec<&str> = st.iter().map(|(_, x)| x.label.as_str()).collect();
        assert_eq!(labels, ["A", "II"]);
        push(&mut st, s("B"));
        push(&mut st, s("C"));
        let labels: Vec<&str> = st.iter().map(|(_, x)| x.label.as_str()).collect();
        assert_eq!(labels, ["C"]);
    }

    #[test]
    fn labels() {
        assert_eq!(squash_label("II I"), "III");
        assert_eq!(squash_label("1"), "1");
        let r = split_label("I. NHIỆM VỤ CHUNG");
        assert_eq!(
            (r.label.as_str(), r.title.as_str()),
            ("I", "NHIỆM VỤ CHUNG")
        );
        assert_eq!(split_label("Công tác khác").label, "");
    }

    #[test]
    fn a_row_whose_tt_the_next_rows_extend_with_no_unit_is_a_group() {
        let row = |tt: &str, task: &str, lead: Option<&str>| TaskRecord {
            table: Some(0),
            tt: Some(tt.into()),
            task: Some(task.into()),
            lead: lead.map(String::from),
            pages: vec![1],
            ..Default::default()
        };
        let mut tasks = vec![
            row("1", "Nhóm nhiệm vụ về thể chế (02 nhiệm vụ)", None),
            row("1.1", "Rà soát", Some("Sở Tư pháp")),
            row("1.2", "Kiểm tra", Some("Sở Tư pháp")),
            row("2", "Tập huấn", Some("Sở Nội vụ")),
            row("2.1", "Lớp một", Some("Sở Nội vụ")),
        ];
        let mut sections = Vec::new();
        group_rows(&mut tasks, &mut sections);
        // a row with its own unit stays a task, its sub-rows with it
        let tts: Vec<&str> = tasks.iter().map(|t| t.tt.as_deref().unwrap()).collect();
        assert_eq!(tts, ["1.1", "1.2", "2", "2.1"]);
        assert_eq!(tasks[0].section[0].label, "1");
        assert_eq!(
            tasks[1].section[0].title,
            "Nhóm nhiệm vụ về thể chế (02 nhiệm vụ)"
        );
        assert!(tasks[2].section.is_empty());
        assert_eq!(sections.len(), 1);
    }

    #[test]
    fn a_bare_numbered_row_over_lettered_rows_is_a_group() {
        let row = |tt: &str, lead: Option<&str>| TaskRecord {
            table: Some(0),
            tt: Some(tt.into()),
            task: Some(format!("việc {tt}")),
            lead: lead.map(String::from),
            pages: vec![1],
            ..Default::default()
        };
        let mut tasks = vec![
            row("1.", None),
            row("a)", Some("Văn phòng")),
            row("b)", Some("Công an")),
            row("2.", Some("Phòng Văn hóa")),
            // a lettered row with no unit stays a task: letters hold no letters
            row("a)", None),
            row("b)", Some("Văn phòng")),
        ];
        let mut sections = Vec::new();
        group_rows(&mut tasks, &mut sections);
        let tts: Vec<&str> = tasks.iter().map(|t| t.tt.as_deref().unwrap()).collect();
        assert_eq!(tts, ["a)", "b)", "2.", "a)", "b)"]);
        assert_eq!(tasks[1].section[0].label, "1.");
        assert!(tasks[2].section.is_empty());
        assert_eq!(sections.len(), 1);
    }

    #[test]
    fn groups_keep_their_parent_nest_and_stay_in_document_order() {
        let roman = SectionRef {
            label: "I".into(),
            title: "NHIỆM VỤ CHUNG".into(),
        };
        let row = |tt: &str, lead: Option<&str>| TaskRecord {
            table: Some(0),
            tt: Some(tt.into()),
            task: Some(format!("việc {tt}")),
            lead: lead.map(String::from),
            section: vec![roman.clone()],
            pages: vec![1],
            ..Default::default()
        };
        let mut tasks = vec![
            row("1", None),
            row("1.1", None),
            row("1.1.1", Some("Sở Tư pháp")),
            row("1.2", Some("Sở Nội vụ")),
            row("2", None),
            row("2.1", Some("Sở Y tế")),
        ];
        let mut sections = vec![Section {
            table: 0,
            path: vec![roman.clone()],
            page: 1,
            place: None,
        }];
        group_rows(&mut tasks, &mut sections);
        let labels = |p: &[SectionRef]| p.iter().map(|s| s.label.clone()).collect::<Vec<_>>();
        let paths: Vec<Vec<String>> = sections.iter().map(|s| labels(&s.path)).collect();
        assert_eq!(
            paths,
            [
                vec!["I"],
                vec!["I", "1"],
                vec!["I", "1", "1.1"],
                vec!["I", "2"]
            ]
        );
        let tts: Vec<&str> = tasks.iter().map(|t| t.tt.as_deref().unwrap()).collect();
        assert_eq!(tts, ["1.1.1", "1.2", "2.1"]);
        assert_eq!(labels(&tasks[0].section), ["I", "1", "1.1"]);
        assert_eq!(labels(&tasks[1].section), ["I", "1"]);
        assert_eq!(labels(&tasks[2].section), ["I", "2"]);
    }
}
