//! Splitting a row's lines into its cells when the text carries no column
//! marks: a dynamic programme over split points, scoring each cell by what it
//! reads like (units, deadlines, products), each split by the cues around it
//! (a lowercase start continues a cell), and each pair of lines kept together
//! by the column's width (a word moves to the next line only when it does
//! not fit).

use crate::records::deadline;
use crate::table::Role;
use crate::text::{fold, starts_list_item};

/// One line of a row as the text gives it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub text: String,
    /// The line started with a tab: a cell starts here (tab-separated text).
    pub tab: bool,
    /// A blank line came before it.
    pub blank_before: bool,
    /// It opens a new page.
    pub page_start: bool,
    /// It is part of a line that held more than one cell.
    pub cut: bool,
}

/// Split a row's `units` into its cells. A row cut by a page break comes
/// in two passes over the columns: the cells' first parts, then, from the
/// line that opens the next page, the parts that ran on, column by column
/// again (only a column that had text can run on).
pub fn split_row(units: &[Unit], roles: &[Role], widths: Option<&[usize]>) -> Vec<Vec<usize>> {
    let Some(p) = page_break(units) else {
        return split(units, roles, widths);
    };
    let mut cells = split(&units[..p], roles, widths);
    // cells start at the row's top, so those that ran past the page's foot
    // are the ones with the most lines
    let most = cells.iter().map(Vec::len).max().unwrap_or(0);
    let last: Vec<Option<&Unit>> = cells
        .iter()
        .map(|c| c.last().filter(|_| c.len() + 1 >= most).map(|&i| &units[i]))
        .collect();
    let rest = split_with(&units[p..], roles, widths, Some(&last));
    for (cell, more) in cells.iter_mut().zip(rest) {
        cell.extend(more.into_iter().map(|i| i + p));
    }
    cells
}

/// A line that holds more than one cell ("Các đơn vị thuộc Sở Văn phòng Sở
/// Trước ngày 30/6/2026": lead, partners and deadline, each short), cut
/// before each unit's name or date phrase that follows a word with no list
/// separator after it. The cut holds only when every part after the first
/// reads as a whole unit's name or date phrase; the first may run on from
/// the line before.
pub fn cells_in_line(line: &str) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let starts_cell = |k: usize| {
        let prev = words[k - 1];
        let rest = fold(&words[k..].join(" "));
        words[k].chars().next().is_some_and(char::is_uppercase)
            && !prev.ends_with([',', ';', ':', '-', '('])
            && !ends_with_joiner(prev)
            && (UNIT_HEADS
                .iter()
                .any(|h| rest.starts_with(&format!("{h} ")))
                || deadline::opens(&rest))
    };
    // right to left, so that a name's own last word ("Văn phòng | Sở")
    // is no cut: every part has two words or more
    let mut cuts: Vec<usize> = Vec::new();
    let mut next = words.len();
    for k in (1..words.len()).rev() {
        if next - k >= 2 && starts_cell(k) {
            cuts.insert(0, k);
            next = k;
        }
    }
    if cuts.is_empty() {
        return vec![line.to_string()];
    }
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(cuts)
        .chain(std::iter::once(words.len()))
        .collect();
    let parts: Vec<String> = bounds
        .windows(2)
        .map(|b| words[b[0]..b[1]].join(" "))
        .collect();
    let whole = parts[1..].iter().all(|p| {
        let n = p.split_whitespace().count();
        let f = fold(p);
        let dated = deadline::opens(&f) && n <= 8;
        let unit = (2..=7).contains(&n) && !p.ends_with([',', ';']);
        dated || unit
    });
    if whole { parts } else { vec![line.to_string()] }
}

/// Where a page break cuts the row: the unit that opens the next page.
pub fn page_break(units: &[Unit]) -> Option<usize> {
    units
        .iter()
        .skip(1)
        .position(|u| u.page_start)
        .map(|p| p + 1)
}

/// Split `units` into `roles.len()` cells in order (some may be empty).
/// `widths` are the columns' widths in characters, once known.
pub fn split(units: &[Unit], roles: &[Role], widths: Option<&[usize]>) -> Vec<Vec<usize>> {
    split_with(units, roles, widths, None)
}

/// [`split`], or, with `carried` (each column's last line before a page
/// break), the parts of cells that ran on past the break: any cell may be
/// empty, and a part scores by how well it goes on from its column's last
/// line; a column that had no text takes none.
fn split_with(
    units: &[Unit],
    roles: &[Role],
    widths: Option<&[usize]>,
    carried: Option<&[Option<&Unit>]>,
) -> Vec<Vec<usize>> {
    let (n, k) = (units.len(), roles.len());
    let kinds = Kinds::new(units);
    const NEG: f32 = f32::NEG_INFINITY;
    // best[c][i]: best score with columns 0..c holding units 0..i
    let mut best = vec![vec![NEG; n + 1]; k + 1];
    let mut from = vec![vec![0usize; n + 1]; k + 1];
    best[0][0] = 0.0;
    for c in 0..k {
        for i in 0..=n {
            if best[c][i] == NEG {
                continue;
            }
            // column c takes units i..j
            for j in i..=n {
                let width = widths.map(|w| w[c]);
                let cell = match carried.map(|l| l[c]) {
                    None => cell_score(&kinds, i, j, roles[c], width),
                    Some(_) if i == j => 0.0,
                    Some(None) => f32::NEG_INFINITY,
                    Some(Some(last)) => run_on_score(last, &units[i..j], width),
                };
                if cell == NEG {
                    break; // a longer cell only gets worse: it crosses a hard start
                }
                // the last column takes every unit left
                if c + 1 == k && j != n {
                    continue;
                }
                let total = best[c][i] + cell;
                if total > best[c + 1][j] {
                    best[c + 1][j] = total;
                    from[c + 1][j] = i;
                }
            }
        }
    }
    let mut cells = vec![Vec::new(); k];
    let mut j = n;
    for c in (0..k).rev() {
        let i = from[c + 1][j];
        cells[c] = (i..j).collect();
        j = i;
    }
    cells
}

/// How close the best split is to its neighbours: the least loss of score
/// when one border between two cells moves by one line. Small means the
/// text could as well be read the other way.
pub fn margin(
    units: &[Unit],
    roles: &[Role],
    widths: Option<&[usize]>,
    cells: &[Vec<usize>],
) -> f32 {
    let kinds = Kinds::new(units);
    let score = |bounds: &[usize]| -> f32 {
        let mut total = 0.0;
        let mut start = 0;
        for (c, &end) in bounds.iter().enumerate() {
            total += cell_score(&kinds, start, end, roles[c], widths.map(|w| w[c]));
            start = end;
        }
        total
    };
    // a cell ends where the next one starts
    let mut bounds: Vec<usize> = Vec::with_capacity(cells.len());
    let mut at = 0;
    for cell in cells {
        at = cell.last().map_or(at, |&i| i + 1);
        bounds.push(at);
    }
    let best = score(&bounds);
    let mut closest = f32::INFINITY;
    for b in 0..bounds.len().saturating_sub(1) {
        for delta in [-1isize, 1] {
            let moved = bounds[b] as isize + delta;
            let lo = if b == 0 { 0 } else { bounds[b - 1] } as isize;
            if moved < lo || moved > bounds[b + 1] as isize {
                continue;
            }
            let mut alt = bounds.clone();
            alt[b] = moved as usize;
            let s = score(&alt);
            if s.is_finite() {
                closest = closest.min(best - s);
            }
        }
    }
    closest
}

/// A cell holding a line that reads as another column's (a unit's name in
/// the deadline cell, a date among the units): the split is doubtful.
pub fn conflicts(units: &[Unit], roles: &[Role], cells: &[Vec<usize>]) -> bool {
    cells.iter().zip(roles).any(|(cell, role)| {
        cell.iter()
            .any(|&i| line_affinity(units[i].text.trim(), *role) <= -1.0)
    })
}

/// How well units i..j read as one cell of `role`.
fn cell_score(kinds: &Kinds, i: usize, j: usize, role: Role, width: Option<usize>) -> f32 {
    let units = kinds.units;
    if i == j {
        return match role {
            Role::Note | Role::Extra => 0.0,
            Role::Partners | Role::Product | Role::Objective => -0.7,
            Role::Lead | Role::Deadline => -2.5,
            Role::Task | Role::Tt => -8.0,
        };
    }
    let mut score = 0.0;
    // inside the cell: no new tab cell; continuation cues
    for u in &units[i + 1..j] {
        if u.tab {
            return f32::NEG_INFINITY;
        }
    }
    // a cell that opens with a list item goes on with more items
    let list = starts_list_item(units[i].text.trim());
    for w in units[i..j].windows(2) {
        score += join_score(&w[0], &w[1], width, list);
    }
    // at its start: what starts a cell
    score += start_score(&units[i]);
    score += kind_score(kinds.get(i, j), role);
    score += kinds.reads[i..j]
        .iter()
        .map(|r| r.affinity(role))
        .sum::<f32>();
    if let Some(w) = width {
        for u in &units[i..j] {
            let len = u.text.trim().chars().count();
            if len > w + 3 {
                score -= 4.0;
            }
        }
    }
    score
}

/// How well `lines` go on from `last`, a cell's last line before a page
/// break. What a fragment reads like says little of its column; how it
/// joins the line it continues says much.
fn run_on_score(last: &Unit, lines: &[Unit], width: Option<usize>) -> f32 {
    let list = starts_list_item(last.text.trim());
    // the page ended that line, not the column's width
    let mut score = join_score(last, &lines[0], None, list);
    for w in lines.windows(2) {
        if w[1].tab {
            return f32::NEG_INFINITY;
        }
        score += join_score(&w[0], &w[1], width, list);
    }
    if let Some(w) = width {
        score -= 4.0
            * lines
                .iter()
                .filter(|u| u.text.trim().chars().count() > w + 3)
                .count() as f32;
    }
    score
}

/// Two consecutive lines in one cell.
fn join_score(a: &Unit, b: &Unit, width: Option<usize>, list: bool) -> f32 {
    let (at, bt) = (a.text.trim(), b.text.trim());
    let mut s = 0.0;
    let lower = bt.chars().next().is_some_and(char::is_lowercase);
    if lower {
        s += 2.0;
    }
    if at.ends_with([',', '-', '(']) || ends_with_joiner(at) {
        s += 1.5;
    }
    // b closes a bracket a left open
    let open = at.matches('(').count() > at.matches(')').count();
    if open
        && bt
            .find(')')
            .is_some_and(|c| bt.find('(').is_none_or(|o| c < o))
    {
        s += 2.0;
    }
    if at.ends_with(['.', ';', ':']) && !lower {
        s -= 0.5;
    } else if !bt.contains(' ') && !starts_list_item(bt) {
        // the last word of a name wrapped alone ("Văn phòng" / "Sở")
        s += 0.8;
    }
    if starts_list_item(bt) && !at.ends_with(':') {
        s += if list { 0.5 } else { -3.0 };
    }
    if let Some(w) = width {
        // the first word of b would have fitted at the end of a
        let first = bt
            .split_whitespace()
            .next()
            .map_or(0, |x| x.chars().count());
        if at.chars().count() + 1 + first + 2 <= w && !starts_list_item(bt) {
            s -= 2.5;
        }
    }
    s
}

fn ends_with_joiner(t: &str) -> bool {
    let last = t.rsplit(' ').next().unwrap_or("");
    [
        "và", "của", "các", "với", "về", "cho", "trong", "theo", "tại", "đến", "từ", "những",
        "được", "năm", "ngày", "tháng", "số", "quý", "thuộc", "có", "là", "để", "đối", "hoặc",
        "nhằm",
    ]
    .contains(&last)
}

/// A line that opens a cell.
fn start_score(u: &Unit) -> f32 {
    let t = u.text.trim();
    let mut s = 0.0;
    if u.tab {
        s += 3.0;
    }
    if t.chars().next().is_some_and(char::is_lowercase) {
        s -= 2.5;
    }
    if u.blank_before {
        s += 0.3;
    }
    s
}

const UNIT_HEADS: &[&str] = &[
    "so",
    "phong",
    "van phong",
    "ubnd",
    "uy ban",
    "cac",
    "ban",
    "trung tam",
    "cong an",
    "thanh tra",
    "bo",
    "cuc",
    "chi cuc",
    "don vi",
    "co quan",
    "lanh dao",
    "hoi",
    "bao",
    "dai",
    "tinh",
    "kho bac",
    "ngan hang",
    "ca nhan",
    "tat ca",
    "truong",
    "vien",
    "doanh nghiep",
    "thue",
    "bhxh",
];
const PRODUCT_HEADS: &[&str] = &[
    "van ban",
    "ke hoach",
    "quyet dinh",
    "bao cao",
    "tin",
    "du lieu",
    "phien hop",
    "hoi nghi",
    "thong bao",
    "noi dung",
    "cong van",
    "chuong trinh",
    "de an",
    "to trinh",
    "huong dan",
    "quy che",
    "he thong",
    "co so du lieu",
    "cac doan",
    "hoan thanh",
    "danh muc",
    "ket qua",
    "san pham",
];

/// What one line reads like, for this role: a date belongs in the deadline
/// column, a unit's name in the lead or partners column. Lines that continue
/// a sentence (lowercase) say nothing.
fn line_affinity(line: &str, role: Role) -> f32 {
    Reads::of(line).affinity(role)
}

/// What one line reads like, found once per line: the splitter asks it
/// for every cell the line might fall in.
#[derive(Debug, Clone, Copy)]
struct Reads {
    /// starts in lower case: it continues a sentence and says nothing
    lower: bool,
    dated: bool,
    unit: bool,
    short: bool,
}

impl Reads {
    fn of(line: &str) -> Reads {
        let f = fold(line);
        Reads {
            lower: line.chars().next().is_some_and(char::is_lowercase),
            dated: deadline::opens(&f) || YEARISH.is_match(&f),
            // a lone word ("Sở") mostly ends a name begun on the line before
            unit: f.contains(' ')
                && UNIT_HEADS
                    .iter()
                    .any(|h| f.starts_with(h) && f[h.len()..].starts_with([' ', ',', ';', '.'])),
            short: line.len() < 25,
        }
    }

    fn affinity(self, role: Role) -> f32 {
        if self.lower {
            return 0.0;
        }
        let Reads {
            dated, unit, short, ..
        } = self;
        match role {
            Role::Deadline if dated => 1.2,
            Role::Deadline if unit => -1.0,
            Role::Deadline => -0.2,
            Role::Lead | Role::Partners if unit => 0.8,
            Role::Lead | Role::Partners if dated => -1.0,
            Role::Task | Role::Objective | Role::Product | Role::Note if dated && short => -0.6,
            _ => 0.0,
        }
    }
}

static YEARISH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(\d{1,2}/\d{1,2}/)?20\d\d\b|^\d{1,2}/\d{4}").unwrap()
});

/// What a span of lines reads like, whatever the column.
#[derive(Clone, Copy)]
struct Kind {
    len: f32,
    dated: bool,
    unit: bool,
    product: bool,
    list: bool,
}

impl Kind {
    fn of(text: &str) -> Kind {
        let f = fold(text);
        let starts = |heads: &[&str]| {
            heads.iter().any(|h| {
                f.starts_with(h) && f[h.len()..].starts_with([' ', ',', ';', '.']) || f == *h
            })
        };
        Kind {
            len: text.chars().count() as f32,
            dated: deadline::parse(text).kind != crate::model::DeadlineKind::Text,
            unit: starts(UNIT_HEADS),
            product: starts(PRODUCT_HEADS),
            list: starts_list_item(text),
        }
    }
}

/// Span kinds, computed once per span of a row (the programme asks for each
/// span once per column and pass).
struct Kinds<'a> {
    units: &'a [Unit],
    /// what each line reads like on its own
    reads: Vec<Reads>,
    /// characters before each line, a space between lines counted
    before: Vec<usize>,
    memo: std::cell::RefCell<std::collections::HashMap<(usize, usize), Kind>>,
}

impl<'a> Kinds<'a> {
    fn new(units: &'a [Unit]) -> Self {
        Kinds {
            units,
            reads: units.iter().map(|u| Reads::of(u.text.trim())).collect(),
            before: std::iter::once(0)
                .chain(units.iter().scan(0, |n, u| {
                    *n += u.text.trim().chars().count() + 1;
                    Some(*n)
                }))
                .collect(),
            memo: Default::default(),
        }
    }

    /// A span's kind. What it reads like shows in its opening lines, so
    /// that is read once per start (and up to three lines); its length is
    /// the span's own.
    fn get(&self, i: usize, j: usize) -> Kind {
        let opening = j.min(i + 3);
        let kind = *self
            .memo
            .borrow_mut()
            .entry((i, opening))
            .or_insert_with(|| {
                let text: String = self.units[i..opening]
                    .iter()
                    .map(|u| u.text.trim())
                    .collect::<Vec<_>>()
                    .join(" ");
                Kind::of(&text)
            });
        Kind {
            len: (self.before[j] - self.before[i]).saturating_sub(1) as f32,
            ..kind
        }
    }
}

/// What the text reads like, for this role.
fn kind_score(k: Kind, role: Role) -> f32 {
    let Kind {
        len,
        dated,
        unit,
        product,
        list,
    } = k;
    match role {
        Role::Deadline => (if dated { 3.0 } else { -1.0 }) + if len > 90.0 { -1.0 } else { 0.0 },
        Role::Lead | Role::Partners => {
            (if unit { 2.0 } else { -0.5 })
                + if dated { -1.5 } else { 0.0 }
                + if len > 120.0 { -1.5 } else { 0.0 }
        }
        Role::Product => {
            (if product || list { 1.5 } else { 0.0 })
                + if unit && !product { -1.0 } else { 0.0 }
                + if dated { -0.5 } else { 0.0 }
        }
        Role::Task | Role::Objective => {
            (len / 40.0).min(3.0)
                + if unit { -0.8 } else { 0.0 }
                + if dated && len < 30.0 { -1.5 } else { 0.0 }
        }
        // notes are rare: a cell must earn that column
        Role::Note => {
            if len < 40.0 {
                -1.0
            } else {
                -2.0
            }
        }
        Role::Tt | Role::Extra => 0.0,
    }
}

/// Each column's width: over the cells that wrap (two lines or more), the
/// median of their longest line. Robust to a few lines put in the wrong cell.
pub fn widths(rows: &[(Vec<Unit>, Vec<Vec<usize>>)], k: usize) -> Vec<usize> {
    (0..k)
        .map(|c| {
            let mut longest: Vec<usize> = rows
                .iter()
                .filter(|(_, cells)| cells[c].len() >= 2)
                .filter_map(|(units, cells)| {
                    cells[c]
                        .iter()
                        .map(|&i| units[i].text.trim().chars().count())
                        .max()
                })
                .collect();
            longest.sort_unstable();
            longest.get(longest.len() / 2).copied().unwrap_or(200)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(lines: &[&str]) -> Vec<Unit> {
        lines
            .iter()
            .map(|t| Unit {
                text: t.to_string(),
                tab: false,
                blank_before: false,
                page_start: false,
                cut: false,
            })
            .collect()
    }

    fn texts(u: &[Unit], cells: &[Vec<usize>]) -> Vec<String> {
        cells
            .iter()
            .map(|c| {
                c.iter()
                    .map(|&i| u[i].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn splits_a_row_by_what_its_cells_read_like() {
        let u = units(&[
            "Chỉ đạo thực hiện các nhiệm vụ về kiểm soát TTHC, cải",
            "cách TTHC; Bộ chỉ số 766.",
            "Văn bản",
            "Văn phòng",
            "Sở",
            "Các phòng,",
            "đơn vị",
            "Thường",
            "xuyên",
        ]);
        let roles = [
            Role::Task,
            Role::Product,
            Role::Lead,
            Role::Partners,
            Role::Deadline,
        ];
        let cells = split(&u, &roles, None);
        assert_eq!(
            texts(&u, &cells),
            [
                "Chỉ đạo thực hiện các nhiệm vụ về kiểm soát TTHC, cải cách TTHC; Bộ chỉ số 766.",
                "Văn bản",
                "Văn phòng Sở",
                "Các phòng, đơn vị",
                "Thường xuyên"
            ]
        );
    }

    #[test]
    fn a_row_cut_by_a_page_break_runs_on_in_its_tallest_cells() {
        let mut u = units(&[
            "Phối hợp điều tra xã hội học",
            "xác định Chỉ số CCHC và đo",
            "lường sự hài lòng của cơ",
            "quan hành",
            "Văn phòng Sở",
            "Khi được phân công",
            // the next page: the task runs on; the deadline, one line
            // tall, cannot
            "chính nhà nước năm 2025",
        ]);
        u[6].page_start = true;
        let roles = [Role::Task, Role::Lead, Role::Deadline];
        let cells = split_row(&u, &roles, None);
        assert_eq!(
            texts(&u, &cells),
            [
                "Phối hợp điều tra xã hội học xác định Chỉ số CCHC và đo lường sự hài lòng của cơ quan hành chính nhà nước năm 2025",
                "Văn phòng Sở",
                "Khi được phân công"
            ]
        );
    }

    #[test]
    fn a_line_of_short_cells_is_cut_into_them() {
        assert_eq!(
            cells_in_line("Các đơn vị thuộc Sở Văn phòng Sở Trước ngày 30/6/2026"),
            [
                "Các đơn vị thuộc Sở",
                "Văn phòng Sở",
                "Trước ngày 30/6/2026"
            ]
        );
        assert_eq!(
            cells_in_line("Tổ chức cán bộ Các phòng, đơn vị Tháng 9 - 10/2025"),
            ["Tổ chức cán bộ", "Các phòng, đơn vị", "Tháng 9 - 10/2025"]
        );
        for whole in [
            // a sentence naming a unit is one cell
            "Phối hợp với Công an tỉnh triển khai có hiệu quả các nhiệm vụ tại Kế hoạch",
            // a list of units is one cell
            "Sở Nội vụ, Sở Tài chính",
            "Văn phòng Sở; Các phòng",
            "Văn phòng Sở",
        ] {
            assert_eq!(cells_in_line(whole), [whole]);
        }
    }

    #[test]
    fn a_line_closing_a_bracket_goes_on_from_it() {
        let a = units(&["Kế hoạch (Quý", "I/2025)", "Văn phòng Sở"]);
        assert!(join_score(&a[0], &a[1], None, false) > join_score(&a[1], &a[2], None, false));
    }

    #[test]
    fn doubtful_splits_are_told() {
        let u = units(&[
            "Rà soát thủ tục hành chính",
            "Văn phòng Sở",
            "Trước ngày 30/6/2026",
        ]);
        let roles = [Role::Task, Role::Lead, Role::Deadline];
        let good = vec![vec![0], vec![1], vec![2]];
        assert!(!conflicts(&u, &roles, &good));
        let bad = vec![vec![0], vec![], vec![1, 2]];
        assert!(
            conflicts(&u, &roles, &bad),
            "a unit's name in the deadline cell"
        );
        assert!(margin(&u, &roles, None, &good) > 0.3);
    }

    #[test]
    fn tabs_start_cells_and_missing_cells_stay_empty() {
        let mut u = units(&[
            "Tổ chức họp định kỳ",
            "Sở Khoa học và Công nghệ",
            "Hàng tháng",
        ]);
        for x in &mut u {
            x.tab = true;
        }
        let roles = [Role::Task, Role::Lead, Role::Partners, Role::Deadline];
        let cells = split(&u, &roles, None);
        assert_eq!(
            texts(&u, &cells),
            [
                "Tổ chức họp định kỳ",
                "Sở Khoa học và Công nghệ",
                "",
                "Hàng tháng"
            ]
        );
    }
}
