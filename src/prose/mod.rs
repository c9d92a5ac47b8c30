//! Prose stage: tasks assigned in the body's text (giao nhiệm vụ) rather
//! than in a table — "Giao Sở X chủ trì, phối hợp với Y …, hoàn thành trước
//! ngày …", "1. Bộ Công an: - Chỉ đạo …", "Đề nghị các cơ quan, đơn vị …".
//!
//! Body lines → paragraphs → items nested by their labels ([`items`]) →
//! for each item, who is given the job, with whom and by when ([`assign`])
//! → [`TaskRecord`]s with origin "prose".

pub mod assign;
pub mod items;

use std::sync::LazyLock;

use regex::Regex;

use crate::document::PageText;
use crate::model::{DocumentFields, Origin, Place, SectionRef, TaskRecord};
use crate::records;
use crate::text::fold;
use assign::{Lead, deadline_phrases, lead_of};
use items::{Item, Kind, PARAGRAPHS};

/// Document types whose body assigns no work: a tờ trình asks its superior,
/// legal texts state duties in general terms.
const NO_ASSIGNMENTS: &[&str] = &[
    "TỜ TRÌNH",
    "NGHỊ ĐỊNH",
    "THÔNG TƯ",
    "ĐIỀU LỆ",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "DANH MỤC",
    "BIÊN BẢN",
];

/// A document's text as the later stages need it, from one reading of its
/// lines: the assignments its body gives, in document order, and all its
/// paragraphs as printed with the page each starts on (where the validator
/// looks for declared counts).
pub fn read(pages: &[PageText], doc: &DocumentFields) -> (Vec<TaskRecord>, Vec<(String, usize)>) {
    let lines = items::text_lines(pages);
    let paragraphs = items::paragraphs(&lines, &PARAGRAPHS)
        .into_iter()
        .map(|p| (p.printed(), p.pages[0]))
        .collect();
    (assignments(lines, pages, doc), paragraphs)
}

/// The assignments of a document's body, read from its [`items::text_lines`].
fn assignments(
    lines: Vec<(crate::layout::Line, usize)>,
    pages: &[PageText],
    doc: &DocumentFields,
) -> Vec<TaskRecord> {
    if doc
        .kind
        .as_deref()
        .is_some_and(|k| NO_ASSIGNMENTS.iter().any(|n| k.starts_with(n)))
    {
        return Vec::new();
    }
    let mut tree = items::nest(items::paragraphs(
        &items::body(lines, first_width(pages)),
        &PARAGRAPHS,
    ));
    if is_report(pages, doc) {
        tree = proposals(tree);
    }
    let mut out = Vec::new();
    // the issuer by its heading, and by the name it speaks under in the
    // text ("Văn phòng Chính phủ trân trọng đề nghị:")
    let mut issuers: Vec<String> = doc.issuer.iter().map(|i| unit_key(i)).collect();
    issuers.extend(speakers(&tree));
    let ctx = Context {
        lead: None,
        lead_key: String::new(),
        item_label: None,
        lead_in_only: false,
        section: Vec::new(),
        issuers: &issuers,
    };
    walk(&nodes(&tree), &ctx, &mut out);
    out
}

/// An item with the lead its own text names, read once.
struct Node<'a> {
    item: &'a Item,
    lead: Option<Lead>,
    /// The lead's [`unit_key`] ("" without a lead).
    key: String,
    children: Vec<Node<'a>>,
}

fn nodes(items: &[Item]) -> Vec<Node<'_>> {
    items
        .iter()
        .map(|item| {
            let lead = (item.para.kind != Kind::Heading)
                .then(|| lead_of(&item.para.text))
                .flatten();
            Node {
                key: lead.as_ref().map(|l| unit_key(&l.lead)).unwrap_or_default(),
                lead,
                item,
                children: nodes(&item.children),
            }
        })
        .collect()
}

/// A báo cáo by its type, or by a title in capitals that starts like one
/// ("BÁO CÁO KIỂM ĐIỂM …", a type the heading reader does not list).
fn is_report(pages: &[PageText], doc: &DocumentFields) -> bool {
    match doc.kind.as_deref() {
        Some(kind) => kind.starts_with("BÁO CÁO"),
        None => pages.iter().take(1).any(|p| {
            p.lines.iter().take(30).any(|l| {
                let t = l.text.trim();
                t.starts_with("BÁO CÁO") && crate::document::is_capitals(t)
            })
        }),
    }
}

static PROPOSALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)kiến nghị|đề xuất|phương hướng|giải pháp|nhiệm vụ.*(?:tới|tiếp theo|năm 20\d\d)",
    )
    .unwrap()
});

static PROPOSAL_PARAGRAPH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:đề xuất\s+)?(?:giải pháp|kiến nghị|đề xuất|phương hướng)[^:.]*:").unwrap()
});

/// A báo cáo reports what was done; it assigns work only under its
/// "Kiến nghị, đề xuất" or "Phương hướng, nhiệm vụ" headings.
fn proposals(tree: Vec<Item>) -> Vec<Item> {
    tree.into_iter()
        .filter_map(|mut it| {
            let heading = it.para.kind != Kind::Plain && PROPOSALS.is_match(&it.para.text);
            // "Giải pháp khắc phục: Giao Văn phòng UBND tỉnh …" under a problem
            if heading || PROPOSAL_PARAGRAPH.is_match(&it.para.text) {
                return Some(it);
            }
            // kept only as the heading of what it holds
            it.children = proposals(it.children);
            (!it.children.is_empty()).then_some(it)
        })
        .collect()
}

/// The body's items, nested by their labels (`congvan items`).
pub fn items(pages: &[PageText]) -> Vec<Item> {
    let body = items::body(items::text_lines(pages), first_width(pages));
    items::nest(items::paragraphs(&body, &PARAGRAPHS))
}

/// The width of the first page, where the heading and subject stand.
fn first_width(pages: &[PageText]) -> f32 {
    pages.first().map_or(0.0, |p| p.width)
}

/// What an item inherits from the items above it.
#[derive(Clone)]
struct Context<'a> {
    /// The unit a heading or lead-in gave the items under it.
    lead: Option<Lead>,
    /// The lead's [`unit_key`].
    lead_key: String,
    /// The label of the numbered item whose plain paragraphs these are.
    item_label: Option<String>,
    /// The lead came from an unnumbered lead-in ("… đề nghị các bộ, tỉnh
    /// thực hiện một số nội dung sau:"): it reaches the items right under
    /// it, not the parts of a text those items head.
    lead_in_only: bool,
    section: Vec<SectionRef>,
    /// The issuer's names, as [`unit_key`] writes them.
    issuers: &'a [String],
}

/// Closing formulas: "Nay thông báo …", "nếu có vướng mắc, đề nghị …",
/// "… nghiêm túc triển khai thực hiện./.", "… biết, thực hiện./.", "…
/// chịu trách nhiệm thi hành Quyết định này", an invitation's "đề nghị các
/// đại biểu sắp xếp thời gian tham dự".
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:nay,?\s+thông báo|thừa lệnh)|nếu (?:có\s+)?(?:khó khăn|vướng mắc|phát sinh)|để (?:biết|b/c|báo cáo),|biết,? (?:và )?thực hiện\s*\.?/?\.?$|(?:chỉ thị|kế hoạch|quyết định|công văn|thông báo|công điện|văn bản) này\s*\./\.$|(?:nghiêm túc|khẩn trương)\s+(?:triển khai\s+|tổ chức\s+)?thực hiện\s*\./\.$|thi hành\s+(?:quyết định|nghị định|thông tư|chỉ thị|nghị quyết)\s+này|(?:quyết định|chỉ thị) thi hành\s*\./\.$|sắp xếp thời gian (?:đến )?(?:tham )?dự")
        .unwrap()
});

/// "Trên đây là báo cáo …": a closing, unless it goes on to ask for a job
/// ("…, đề nghị Sở Nội vụ căn cứ …").
fn closes(text: &str) -> bool {
    if CLOSING.is_match(text) {
        return true;
    }
    let f = text.trim_start();
    f.starts_with("Trên đây là")
        && !["đề nghị", "giao", "yêu cầu", "Giao"]
            .iter()
            .any(|w| f.contains(w))
}

/// Grounds ("Căn cứ Luật …"): no job unless a unit above gave one.
static GROUNDS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^căn cứ\b").unwrap());

/// "MỤC TIÊU, NHIỆM VỤ": a heading that holds jobs as well.
static JOBS_TOO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)nhiệm vụ|giải pháp|thực hiện|phân công").unwrap());

/// Headings whose items state purposes, requirements or results, not jobs
/// ("I. MỤC ĐÍCH, YÊU CẦU", "Kết quả đạt được").
static NOT_JOBS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:mục đích|yêu cầu|mục tiêu|quan điểm|căn cứ|kết quả|tình hình|đánh giá|sự cần thiết)")
        .unwrap()
});

fn walk(nodes: &[Node], ctx: &Context, out: &mut Vec<TaskRecord>) {
    for (k, node) in nodes.iter().enumerate() {
        let item = node.item;
        let own = item.para.text.as_str();
        let grounds = ctx.lead.is_none() && GROUNDS.is_match(own) && node.lead.is_none();
        let purposes =
            items::heads(&item.para) && NOT_JOBS.is_match(own) && !JOBS_TOO.is_match(own);
        // plain prose is weighed sentence by sentence (see `leaf`): a
        // closing sentence may follow a job in one paragraph
        let plain_leaf = item.para.kind == Kind::Plain && node.children.is_empty();
        let closing = closes(own) && !plain_leaf;
        // a lead-in ("… kết luận và chỉ đạo như sau:") whose list the
        // document's parts ("I.", "II.") took over: no job of its own
        let parts_follow = nodes
            .get(k + 1)
            .is_some_and(|n| matches!(n.item.para.kind, Kind::Roman | Kind::Article));
        let bare_lead_in = plain_leaf && own.trim_end().ends_with(':') && parts_follow;
        if closing || grounds || purposes || bare_lead_in || item.para.quoted {
            continue;
        }
        let found = node.lead.as_ref().filter(|_| !is_issuer(&node.key, ctx));
        if node.children.is_empty() {
            leaf(item, found, ctx, out);
            continue;
        }
        match found {
            // one unit, one job: the sub-items explain it
            Some(l) if !l.heading_only && !l.lead_in && explains(node, &node.key, ctx) => {
                out.push(record(item, Given::Own(l), ctx, true));
            }
            // a job of the unit above, with the steps that explain it
            None if !items::heads(&item.para)
                && ctx.lead.is_some()
                && explains(node, &ctx.lead_key, ctx)
                && assign::has_job(own) =>
            {
                if let Some(l) = &ctx.lead {
                    out.push(record(item, Given::Above(l), ctx, true));
                }
            }
            found => {
                let mut inner = ctx.clone();
                match found {
                    Some(l) => {
                        inner.lead = Some(l.clone());
                        inner.lead_key = node.key.clone();
                        inner.lead_in_only = item.para.kind == Kind::Plain;
                    }
                    None if ctx.lead_in_only => inner.lead = None,
                    None => {}
                }
                // "a) <a problem>." over plain paragraphs, one of which gives
                // the job: they are the parts of item a, not a section
                let labelled = !matches!(
                    item.para.kind,
                    Kind::Plain | Kind::Heading | Kind::Bullet(_)
                );
                let parts = labelled
                    && node.lead.is_none()
                    && !items::heads(&item.para)
                    && node
                        .children
                        .iter()
                        .all(|c| c.item.para.kind == Kind::Plain);
                inner.item_label = parts.then(|| item.para.label.clone());
                if item.para.kind != Kind::Plain && !parts {
                    inner.section.push(SectionRef {
                        label: item.para.label.clone(),
                        title: own.trim_end_matches([':', '.', ' ']).to_string(),
                    });
                }
                walk(&node.children, &inner, out);
            }
        }
    }
}

/// The issuer speaking of itself ("Ủy ban nhân dân tỉnh ban hành Kế hoạch
/// … như sau:", "Sở Tư pháp có ý kiến như sau:"): no job it gives. `key` is
/// the unit's [`unit_key`].
fn is_issuer(key: &str, ctx: &Context) -> bool {
    let a: Vec<&str> = key.split_whitespace().collect();
    ctx.issuers.iter().any(|i| {
        let b: Vec<&str> = i.split_whitespace().collect();
        let n = a.len().min(b.len());
        n >= 2 && a[..n] == b[..n]
    })
}

/// A unit's name folded, "UBND" spelt out, to compare names; its head by
/// office ("Chủ tịch Ủy ban nhân dân tỉnh") stands for the unit.
fn unit_key(name: &str) -> String {
    let f = fold(name).replace("ubnd", "uy ban nhan dan");
    ["chu tich ", "giam doc ", "thu truong ", "truong "]
        .iter()
        .find_map(|head| f.strip_prefix(head))
        .map_or(f.clone(), str::to_string)
}

/// Units that speak as the issuer ("… trân trọng đề nghị", "… kính gửi").
fn speakers(items: &[Item]) -> Vec<String> {
    let mut out = Vec::new();
    for it in items {
        if let Some(name) = assign::speaker(&it.para.text) {
            out.push(unit_key(&name));
        }
        out.extend(speakers(&it.children));
    }
    out
}

/// An item without sub-items: a record when it or a heading above names the
/// unit; plain prose without a heading's unit is read sentence by sentence.
fn leaf(item: &Item, found: Option<&Lead>, ctx: &Context, out: &mut Vec<TaskRecord>) {
    let closing = closes(&item.para.text);
    match (found, &ctx.lead) {
        (Some(l), _) if l.heading_only => {}
        // a closing paragraph under a heading's unit is still no job
        (_, Some(_)) if closing => {}
        (Some(l), _) if item.para.kind != Kind::Plain || ctx.lead.is_some() => {
            out.push(record(item, Given::Own(l), ctx, false))
        }
        (None, Some(l)) if assign::has_job(&item.para.text) => {
            out.push(record(item, Given::Above(l), ctx, false))
        }
        (_, None) if item.para.kind == Kind::Plain => {
            for s in sentences(&item.para.text) {
                if closes(s) {
                    continue;
                }
                let lead =
                    lead_of(s).filter(|l| !l.heading_only && !is_issuer(&unit_key(&l.lead), ctx));
                if let Some(l) = lead {
                    let pages = item.para.pages.clone();
                    out.push(record_of(item, s.to_string(), pages, Given::Own(&l), ctx));
                }
            }
        }
        _ => {}
    }
}

/// Are an item's sub-items the parts of its one job (of the unit whose
/// [`unit_key`] is `unit`): bullets, steps or quotations (however deep)
/// that head no part of the text and name no other unit than that one or
/// the issuer?
fn explains(node: &Node, unit: &str, ctx: &Context) -> bool {
    // numbered or lettered sub-items are jobs of their own ("1.", "a)");
    // bullets, steps and quotations explain
    node.children.iter().all(|c| {
        let numbered = matches!(c.item.para.kind, Kind::Number { .. } | Kind::Letter { .. });
        let other_unit = c.lead.is_some() && !is_issuer(&c.key, ctx) && c.key != unit;
        c.item.para.quoted
            || !numbered
                && !matches!(
                    c.item.para.kind,
                    Kind::Heading | Kind::Roman | Kind::Article
                )
                && !other_unit
                && explains(c, unit, ctx)
    })
}

/// Whose unit leads a record: the item's own, or a heading's above it.
enum Given<'a> {
    Own(&'a Lead),
    Above(&'a Lead),
}

fn record(item: &Item, given: Given, ctx: &Context, with_children: bool) -> TaskRecord {
    let mut text = item.para.text.clone();
    let mut pages = item.para.pages.clone();
    let mut rec = if with_children {
        append_children(&item.children, &mut text, &mut pages);
        let mut places = Vec::new();
        places_under(item, &mut places);
        TaskRecord {
            places: Place::merged(places),
            ..record_of(item, text, pages, given, ctx)
        }
    } else {
        record_of(item, text, pages, given, ctx)
    };
    rec.places.sort_by_key(|p| p.page);
    rec
}

/// The places of an item and of every item under it.
fn places_under(item: &Item, out: &mut Vec<Place>) {
    out.extend(&item.para.places);
    for c in &item.children {
        places_under(c, out);
    }
}

/// The record of `text` (an item's, or one sentence of it) on `pages`.
fn record_of(
    item: &Item,
    text: String,
    pages: Vec<usize>,
    given: Given,
    ctx: &Context,
) -> TaskRecord {
    let (l, partners) = match given {
        Given::Own(l) => (l, l.partners.clone()),
        // the heading names the unit; the item may name its partners
        Given::Above(l) => (l, assign::partners_in(&item.para.text)),
    };
    let tt = match item.para.kind {
        Kind::Plain => ctx.item_label.clone(),
        Kind::Bullet(_) | Kind::Heading => None,
        _ => Some(item.para.label.clone()),
    };
    let mut rec = TaskRecord {
        table: None,
        origin: Origin::Prose,
        tt,
        section: ctx.section.clone(),
        deadline: deadline_of(&text),
        task: Some(text),
        lead: Some(l.lead.clone()),
        partners,
        pages,
        places: item.para.places.clone(),
        ..Default::default()
    };
    records::normalize(&mut rec);
    rec
}

fn append_children(items: &[Item], text: &mut String, pages: &mut Vec<usize>) {
    for c in items {
        text.push(' ');
        text.push_str(&c.para.printed());
        for p in &c.para.pages {
            if !pages.contains(p) {
                pages.push(*p);
            }
        }
        append_children(&c.children, text, pages);
    }
}

fn deadline_of(text: &str) -> Option<String> {
    let mut phrases = deadline_phrases(text);
    phrases.dedup();
    (!phrases.is_empty()).then(|| phrases.join("; "))
}

/// A paragraph's sentences: cut after ".", "!" or "?" before a capital,
/// where the word before is no abbreviation ("TP.", "ThS.").
fn sentences(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    for k in 0..chars.len() {
        let (i, c) = chars[k];
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next_cap = chars.get(k + 1).is_some_and(|(_, c)| *c == ' ')
            && chars.get(k + 2).is_some_and(|(_, c)| c.is_uppercase());
        let word = t[start..i].split_whitespace().last().unwrap_or("");
        let abbrev = word.chars().count() <= 3 && !word.chars().any(char::is_lowercase);
        if next_cap && !abbrev {
            out.push(t[start..=i].trim());
            start = i + 1;
        }
    }
    let rest = t[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests;

/// The labelled headings of the body a point of the page sits under
/// (`page`, `top`), outermost first: a table placed after "II.", "1.",
/// "a)" and their introducing line takes them as its outer sections. Only
/// where the last paragraph before the point is on its page, right above
/// it: a table after the body's end sits under nothing.
pub fn headings_over(tree: &[Item], page: usize, top: f32) -> Vec<SectionRef> {
    let mut chain: Vec<&Item> = Vec::new();
    let mut last: Option<&Item> = None;
    headings_before(tree, (page, top), &mut Vec::new(), &mut chain, &mut last);
    if last.is_none_or(|l| l.para.pages.last() != Some(&page)) {
        return Vec::new();
    }
    chain
        .into_iter()
        .filter(|i| {
            matches!(
                i.para.kind,
                Kind::Roman | Kind::Number { .. } | Kind::Letter { .. }
            )
        })
        .map(|i| SectionRef {
            label: i.para.label.clone(),
            title: i.para.text.clone(),
        })
        .collect()
}

/// Walks the items in order; `chain` ends as the path to the last item
/// that starts before `at`.
fn headings_before<'t>(
    items: &'t [Item],
    at: (usize, f32),
    path: &mut Vec<&'t Item>,
    chain: &mut Vec<&'t Item>,
    last: &mut Option<&'t Item>,
) {
    for item in items {
        let start = (item.para.pages[0], item.para.top);
        if start.0 > at.0 || (start.0 == at.0 && start.1 >= at.1) {
            return;
        }
        path.push(item);
        *chain = path.clone();
        *last = Some(item);
        headings_before(&item.children, at, path, chain, last);
        path.pop();
    }
}
