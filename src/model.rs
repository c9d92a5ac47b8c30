//! The output contract: what other systems read. `schemas/congvan.schema.json`
//! describes exactly these types; change both together.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use crate::table::Role;

pub const SCHEMA_VERSION: &str = "1.0";

/// A string fixed when congvan is built. Read back, it is checked against
/// the build's and the constant kept: the alias hides the `&str` from
/// serde, which would otherwise borrow it from the input.
pub type BuildConstant = &'static str;

/// Reads back only what this build writes: an output of another schema
/// is not this contract.
fn this_schema<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    constant(d, SCHEMA_VERSION)
}

/// Reads back only outputs this version wrote (a batch redoes the others).
fn this_version<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    constant(d, crate::batch::VERSION)
}

fn constant<'de, D: Deserializer<'de>>(
    d: D,
    value: &'static str,
) -> Result<&'static str, D::Error> {
    let got = String::deserialize(d)?;
    match got == value {
        true => Ok(value),
        false => Err(serde::de::Error::custom(format!(
            "written as {got}, this build reads {value}"
        ))),
    }
}

/// One document's result (văn bản).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extraction {
    #[serde(deserialize_with = "this_schema")]
    pub schema_version: BuildConstant,
    pub source: Source,
    pub document: DocumentFields,
    pub tables: Vec<TableInfo>,
    pub tasks: Vec<TaskRecord>,
    /// Every count the document declares, against what its tables hold.
    pub declared_counts: Vec<DeclaredCount>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub file: String,
    pub sha256: String,
    pub pages: usize,
    pub kind: SourceKind,
    /// The congvan version that wrote this output: a batch re-run redoes
    /// outputs of another version.
    #[serde(deserialize_with = "this_version")]
    pub congvan_version: BuildConstant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Pdf,
    Text,
    /// A scanned PDF whose pages (some or all) were read by OCR.
    Ocr,
}

/// Fields of the document itself (Nghị định 30/2020/NĐ-CP layout); null where unknown.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocumentFields {
    /// Loại văn bản: KẾ HOẠCH, CÔNG VĂN, QUYẾT ĐỊNH, ...
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Số ký hiệu, as printed ("29/KH-SKHCN").
    pub number: Option<String>,
    /// ISO date (YYYY-MM-DD).
    pub date: Option<String>,
    /// Cơ quan ban hành.
    pub issuer: Option<String>,
    /// Cơ quan chủ quản (the line above the issuer).
    pub parent_issuer: Option<String>,
    /// Địa danh.
    pub place: Option<String>,
    /// Trích yếu.
    pub subject: Option<String>,
    /// Người ký.
    pub signer: Option<String>,
    /// Chức vụ người ký, lines joined with "\n" ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC").
    pub signer_title: Option<String>,
    /// For an appendix: what it is attached to ("Công văn số ... ngày ...").
    pub attached_to: Option<String>,
}

/// A logical task table (possibly over many pages).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TableInfo {
    pub index: usize,
    /// "PHỤ LỤC", "Phụ lục II", ... where the table has one above it.
    pub title: Option<String>,
    pub caption: Option<String>,
    pub pages: Vec<usize>,
    pub columns: Vec<Column>,
    /// The lines just above the table on its first page (bottom last): where
    /// a deadline without a year, or a meeting's times, find their day.
    #[serde(skip)]
    pub above: Vec<String>,
    /// Page and top of the table's first row, to place it among the body's
    /// headings; page 0 where the source has no pages (text input).
    #[serde(skip)]
    pub at: (usize, f32),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub role: Role,
}

/// One enclosing section row of a task: "I" / "NHIỆM VỤ ...".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionRef {
    pub label: String,
    pub title: String,
}

/// One task (nhiệm vụ): a row of a task table, or an assignment written in
/// the body's prose. Role fields hold the text as a person reads it; null
/// where the table has no such column or the prose states no such thing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TaskRecord {
    /// Index into `tables`; null for a prose assignment.
    pub table: Option<usize>,
    /// Where the task was read: a table row or the body's prose.
    pub origin: Origin,
    pub tt: Option<String>,
    pub section: Vec<SectionRef>,
    pub objective: Option<String>,
    pub task: Option<String>,
    pub product: Option<String>,
    pub lead: Option<String>,
    pub partners: Option<String>,
    pub deadline: Option<String>,
    pub note: Option<String>,
    pub extra: BTreeMap<String, String>,
    pub pages: Vec<usize>,
    /// The lead cell split into units.
    pub lead_units: Vec<String>,
    /// The partners cell split into units.
    pub partner_units: Vec<String>,
    /// A lead cell that names no unit but points at another document's
    /// assignment ("Theo phân công tại Quyết định số 1441/QĐ-UBND …"):
    /// kept here, and `lead_units` is empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_ref: Option<String>,
    /// The deadline cell read as dates; null where the table has none.
    pub deadline_parsed: Option<Deadline>,
    /// Read by OCR: the mean confidence (0–100) of the words of its cells
    /// (of its pages, for a prose assignment). Absent for typed text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// Where it is printed: its row on each page (a table task), its
    /// paragraphs' lines (a prose one). Not in the JSON: the review page
    /// draws it.
    #[serde(skip)]
    pub places: Vec<Place>,
}

/// Boxes this close in height (points) are one: the lines of a paragraph.
const LINE_GAP: f32 = 2.0;

/// A box on a page: points from the top left of the page, y downwards
/// (page 1 first). For text input, characters and lines.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Place {
    pub page: usize,
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

impl Place {
    /// The box holding both (on the same page).
    pub fn union(self, o: Place) -> Place {
        Place {
            page: self.page,
            x0: self.x0.min(o.x0),
            top: self.top.min(o.top),
            x1: self.x1.max(o.x1),
            bottom: self.bottom.max(o.bottom),
        }
    }

    /// `places` with those on one page joined where they touch or overlap
    /// in height: a paragraph's lines become one box per page.
    pub fn merged(places: impl IntoIterator<Item = Place>) -> Vec<Place> {
        let mut out: Vec<Place> = Vec::new();
        for p in places {
            match out.iter_mut().find(|q| {
                q.page == p.page && p.top <= q.bottom + LINE_GAP && p.bottom >= q.top - LINE_GAP
            }) {
                Some(q) => *q = q.union(p),
                None => out.push(p),
            }
        }
        out
    }
}

/// A task's confidence: the mean of `n` OCR word confidences summing to
/// `sum`, to one decimal; none without words.
pub fn mean_confidence(sum: f32, n: u32) -> Option<f32> {
    (n > 0).then(|| (sum / n as f32 * 10.0).round() / 10.0)
}

/// Where a task record was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// A row of a task table.
    #[default]
    Table,
    /// An item of the body's prose that gives a unit a job (giao nhiệm vụ).
    Prose,
}

/// A deadline read from its cell text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// First day, ISO.
    pub start: Option<String>,
    /// Last day, ISO, inclusive.
    pub end: Option<String>,
    pub recurrence: Option<Recurrence>,
    /// The parts of a deadline made of several dated steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Deadline>,
    /// The documents the text refers to ("Nghị định số 52/2015/NĐ-CP"),
    /// whose own dates are never read as the deadline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refers_to: Vec<String>,
    /// Where the year came from, for a text that names none ("ngày 23
    /// tháng 1" under "Thời gian (Năm 2026)"); absent when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year_from: Option<YearFrom>,
    /// The text this part was read from.
    pub text: String,
}

/// Where the year of a deadline written without one came from, nearest
/// first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearFrom {
    /// The deadline column's header ("Thời gian (Năm 2026)").
    ColumnHeader,
    /// The table's title or caption ("KẾ HOẠCH … NĂM 2026").
    Caption,
    /// The document's subject (trích yếu), naming the one year the plan is
    /// for ("Phòng, chống thiên tai năm 2026").
    Subject,
    /// The text just above the table ("Thời gian: ngày 09/10/2025").
    TextAbove,
    /// The document's own date.
    DocumentDate,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    Date,
    Month,
    Quarter,
    Year,
    Range,
    Recurring,
    /// Only points at another document's schedule: no dates of its own.
    Reference,
    Conditional,
    #[default]
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Monthly,
    Quarterly,
    Yearly,
    Continuous,
}

/// A count the document declares ("Tổng số: 27 nhiệm vụ", "(07 nhiệm vụ)",
/// "gồm 11 chuyên mục", "03 nhóm nhiệm vụ").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclaredCount {
    /// What the count is about: "document" for the whole document, else the
    /// label path of the section it counts ("I", "B", "IV/IV.1"; see
    /// [`Finding::scope`]).
    pub scope: String,
    /// `tables[].index` of the table counted; `None` for a document count
    /// over all tables.
    pub table: Option<usize>,
    /// The noun the document counts in, as printed in lower case
    /// ("nhiệm vụ", "chuyên mục", "nhóm nhiệm vụ").
    pub unit: String,
    /// What `found` counts: task rows, or a table's top-level sections.
    pub counts: Counted,
    pub declared: usize,
    pub found: usize,
    pub source_text: String,
    pub page: Option<usize>,
}

/// What a declared count is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Counted {
    /// Distinct task rows (sub-rows of one TT count once).
    Tasks,
    /// Top-level section rows of a table ("03 nhóm nhiệm vụ").
    Sections,
}

impl TaskRecord {
    /// Its sections as a person reads them, outermost first: "I Nhiệm vụ
    /// chung / 1 Cải cách thể chế".
    pub fn section_path(&self) -> String {
        let parts: Vec<String> = self
            .section
            .iter()
            .map(|s| format!("{} {}", s.label, s.title).trim().to_string())
            .collect();
        parts.join(" / ")
    }

    /// The field of a role (`Extra` and `Tt` have their own places).
    pub fn field_mut(&mut self, role: Role) -> Option<&mut Option<String>> {
        Some(match role {
            Role::Tt => &mut self.tt,
            Role::Objective => &mut self.objective,
            Role::Task => &mut self.task,
            Role::Product => &mut self.product,
            Role::Lead => &mut self.lead,
            Role::Partners => &mut self.partners,
            Role::Deadline => &mut self.deadline,
            Role::Note => &mut self.note,
            Role::Extra => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    #[default]
    Warning,
    Info,
}

impl Severity {
    /// As the JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Something a reader should know about the document (a validation result).
/// Which of the optional fields are present depends on `code`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    /// Plain Vietnamese, for an official.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// `tables[].index` of the table the finding is in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    /// Where the finding is: "document" when it concerns the whole document,
    /// else the label path of the innermost section row holding everything it
    /// concerns: the labels outermost first, without a trailing "." or ")"
    /// and spaces, joined with "/" ("I", "B", "IV/IV.1"). Absent when it
    /// concerns a table's top level (see `table`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The rows concerned: indices into `tasks`, in table order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<usize>,
    /// The TT of the rows concerned as printed ("25"); where `tasks` is
    /// given, one per entry of `tasks`, in the same order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tts: Vec<String>,
    /// The field that is missing (missing_field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}
