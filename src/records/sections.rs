//! Section labels (số mục): "I", "II.", "A", "1", "IV. 1" and their nesting.

use crate::model::SectionRef;

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
}
