//! Batch conversion: folders of incoming documents, unattended. Each document
//! runs in a thread of its own with a wall-clock budget; its output is written
//! atomically; every finished document is appended to a journal at once, so an
//! interrupted batch loses nothing and a re-run skips what is done; at the end
//! the journal is folded into `_summary.json`.
//!
//! Whether an output is up to date is read from the output itself (the sha256
//! and congvan version it records), never from a summary that may be stale.

use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::io_reason;
use crate::pdf::Limits;
use crate::{Error, sha256_hex};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const SUMMARY: &str = "_summary.json";
/// Entries appended as documents finish; folded into the summary at the end.
pub const JOURNAL: &str = "_journal.ndjson";
pub const NDJSON: &str = "congvan.ndjson";
/// The name standard input goes by (`-` on the command line).
pub const STDIN: &str = "-";
/// Stack of a document's thread: deep but legal nesting must not overflow.
const STACK: usize = 64 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `DIR/<relative path>.json` per input.
    Json,
    /// One line per document in `DIR/congvan.ndjson`.
    Ndjson,
    /// The JSON files, and every document's tasks in `DIR/congvan.csv`.
    Csv,
    /// The JSON files, and one workbook `DIR/congvan.xlsx`: tasks,
    /// findings, documents.
    Xlsx,
}

/// The CSV of a batch in `--format csv`.
pub const CSV: &str = "congvan.csv";
/// The workbook of a batch in `--format xlsx`.
pub const XLSX: &str = "congvan.xlsx";
/// The index of a batch's review pages (`--review`), named like the
/// summary so that no document's page can take its name.
pub const INDEX: &str = "_index.html";

#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub jobs: usize,
    pub format: Format,
    pub force: bool,
    pub timeout: Duration,
    pub limits: Limits,
    /// Write a review page beside each output, and `DIR/_index.html`.
    pub review: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Failed,
    Skipped,
}

/// One input's line in `_summary.json` and in the journal.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub input: String,
    pub output: Option<String>,
    pub status: Status,
    /// Why a file failed ("not_pdf", "timeout", "write", "missing", ...) or
    /// was skipped ("up_to_date", "not_a_document", "interrupted").
    pub kind: Option<String>,
    pub message: Option<String>,
    pub sha256: Option<String>,
    pub pages: usize,
    pub tasks: usize,
    pub findings: usize,
    /// Findings of severity error (a declared count the rows do not meet).
    #[serde(default)]
    pub errors: usize,
    pub seconds: f64,
    /// The document's review page (`--review`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub congvan_version: String,
    /// The run was stopped (Ctrl-C, SIGTERM) before every input was done;
    /// a re-run goes on where it stopped.
    #[serde(default)]
    pub interrupted: bool,
    pub files: usize,
    pub ok: usize,
    pub failed: usize,
    pub skipped: usize,
    pub pages: usize,
    pub tasks: usize,
    pub findings: usize,
    pub seconds: f64,
    pub entries: Vec<Entry>,
}

impl Summary {
    /// The one exit-status rule of every command: 2 when an output could not
    /// be written, 1 when a document failed or has an error finding, else 0.
    pub fn exit_status(&self) -> u8 {
        exit_status(&self.entries)
    }
}

/// [`Summary::exit_status`] over any list of entries.
pub fn exit_status(entries: &[Entry]) -> u8 {
    if entries.iter().any(|e| e.kind.as_deref() == Some("write")) {
        2
    } else if entries
        .iter()
        .any(|e| e.status == Status::Failed || e.errors > 0)
    {
        1
    } else {
        0
    }
}

/// What stops a batch before any document is read.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{}: cannot use it as the output folder: {}", .0.display(), io_reason(.1))]
    OutDir(PathBuf, std::io::Error),
    #[error("{}: cannot write: {}", .0.display(), io_reason(.1))]
    Write(PathBuf, std::io::Error),
    /// An output of this run could not be read back into the workbook or
    /// CSV of the whole batch (it was changed or damaged since written).
    #[error("{}: cannot read it back for {}: {}; run the batch again with --force", .0.display(), .1, io_reason(.2))]
    ReadBack(PathBuf, &'static str, std::io::Error),
}

/// An input found on disk: where it is, and its name inside the output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub path: PathBuf,
    /// The output's path inside the output folder.
    pub output: PathBuf,
    pub kind: InputKind,
    /// Named on the command line (always tried), not found in a folder.
    pub explicit: bool,
    /// Another input that would write the same output: neither is written.
    pub clash: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Pdf,
    Text,
    Other,
    /// Named on the command line and not there.
    Missing,
}

/// Files and folders (recursed) → jobs, in a stable order. A file named on
/// the command line is always tried; in folders, files that are neither a
/// PDF nor text (by their content) are listed and skipped. `-` is standard
/// input.
pub fn discover(inputs: &[PathBuf]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for input in inputs {
        let job = |path: PathBuf, relative: &Path, kind, explicit| Job {
            output: output_name(relative),
            path,
            kind,
            explicit,
            clash: None,
        };
        if input.as_os_str() == STDIN {
            jobs.push(job(
                input.clone(),
                Path::new("stdin"),
                InputKind::Text,
                true,
            ));
            continue;
        }
        let name = PathBuf::from(input.file_name().unwrap_or(input.as_os_str()));
        match std::fs::metadata(input) {
            Err(_) => jobs.push(job(input.clone(), &name, InputKind::Missing, true)),
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                walk(input, &mut files, 0);
                files.sort();
                for path in files {
                    let relative = path.strip_prefix(input).unwrap_or(&path).to_path_buf();
                    jobs.push(job(path.clone(), &relative, sniff(&path), false));
                }
            }
            Ok(_) => jobs.push(job(input.clone(), &name, sniff(input), true)),
        }
    }
    mark_clashes(&mut jobs);
    jobs
}

/// The output of an input, from its own name alone: `plan.pdf` →
/// `plan.json` (a PDF keeps the name the scorer and trackers expect),
/// anything else keeps its whole name: `plan.txt` → `plan.txt.json`, so a
/// text and a PDF of one name never share an output.
pub fn output_name(relative: &Path) -> PathBuf {
    let is_pdf = relative
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if is_pdf {
        relative.with_extension("json")
    } else {
        let mut name = relative.as_os_str().to_owned();
        name.push(".json");
        PathBuf::from(name)
    }
}

/// Inputs that would write one output (a/x.pdf and b/x.pdf named on the
/// command line, x.pdf beside x.PDF) are each told of the other; no name is
/// made up for them, so names never depend on what else is being converted.
fn mark_clashes(jobs: &mut [Job]) {
    let mut by_output: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    for (i, job) in jobs.iter().enumerate() {
        let writes = match job.kind {
            InputKind::Pdf | InputKind::Text => true,
            InputKind::Other => job.explicit,
            InputKind::Missing => false,
        };
        if writes {
            by_output.entry(job.output.clone()).or_default().push(i);
        }
    }
    for group in by_output.values().filter(|g| g.len() > 1) {
        for &i in group {
            let other = group.iter().find(|&&j| j != i).expect("a group of two");
            jobs[i].clash = Some(jobs[*other].path.clone());
        }
    }
    // an input named like the batch's own files ("_summary.pdf")
    for job in jobs.iter_mut() {
        let own = [Path::new(SUMMARY), Path::new(INDEX)]
            .into_iter()
            .find(|&name| job.output == name || review_name(&job.output) == name);
        if let Some(name) = own {
            job.clash = Some(PathBuf::from(format!("the batch's own {}", name.display())));
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        // Symbolic links are not followed: they could loop.
        if ft.is_dir() && depth < 64 {
            walk(&e.path(), out, depth + 1);
        } else if ft.is_file() {
            out.push(e.path());
        }
    }
}

/// What a file holds, by its first bytes: a PDF when "%PDF-" starts a line
/// in the first KiB (some files carry junk before it), or is named ".pdf";
/// text when named ".txt", or unnamed and decoding as UTF-8.
pub fn sniff(path: &Path) -> InputKind {
    let mut head = [0u8; 1024];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    sniff_bytes(&head[..n], path)
}

/// [`sniff`] on the first bytes of a file already read.
pub fn sniff_bytes(head: &[u8], path: &Path) -> InputKind {
    let head = &head[..head.len().min(1024)];
    let n = head.len();
    let ext = path.extension().map(|e| e.to_ascii_lowercase());
    let header_line = head
        .windows(5)
        .enumerate()
        .any(|(i, w)| w == b"%PDF-" && (i == 0 || matches!(head[i - 1], b'\n' | b'\r')));
    let texty = n > 0 && !head.contains(&0) && std::str::from_utf8(head).is_ok();
    if header_line || ext.as_deref() == Some("pdf".as_ref()) {
        InputKind::Pdf
    } else if ext.as_deref() == Some("txt".as_ref()) || (ext.is_none() && texty) {
        InputKind::Text
    } else {
        InputKind::Other
    }
}

/// The bytes of an input; `-` reads standard input.
pub fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    if path.as_os_str() == STDIN {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

/// Creates the output folder and proves it takes files, before any
/// document is read: a read-only folder is one error, not one per input.
pub fn prepare_out_dir(dir: &Path) -> Result<(), BatchError> {
    let err = |e| BatchError::OutDir(dir.to_path_buf(), e);
    std::fs::create_dir_all(dir).map_err(err)?;
    let probe = dir.join(format!(".congvan-probe-{}", std::process::id()));
    std::fs::File::create(&probe).map_err(err)?;
    std::fs::remove_file(&probe).map_err(err)
}

/// Runs a batch. `progress` is told of every finished entry; once `stop` is
/// set (Ctrl-C), documents not yet started are left for the next run and
/// those in flight finish.
pub fn run(
    inputs: &[PathBuf],
    opts: &Options,
    stop: &AtomicBool,
    progress: &(dyn Fn(&Entry) + Sync),
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    prepare_out_dir(&opts.out)?;
    let jobs = discover(inputs);
    let previous = if opts.force {
        HashMap::new()
    } else {
        previous_run(&opts.out)
    };
    let sink = match opts.format {
        Format::Ndjson => Sink::Ndjson(Mutex::new(NdjsonOut::open(&opts.out, opts.force)?)),
        Format::Json | Format::Csv | Format::Xlsx => Sink::Files,
    };
    let journal = Journal::create(&opts.out)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .map_err(|e| BatchError::Write(opts.out.clone(), std::io::Error::other(e)))?;
    let entries: Vec<Entry> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                if stop.load(Ordering::Relaxed) {
                    return interrupted(job);
                }
                let entry = process(job, opts, &previous, &sink);
                journal.append(&entry);
                progress(&entry);
                entry
            })
            .collect()
    });
    let interrupted = stop.load(Ordering::Relaxed);
    if let Sink::Ndjson(out) = sink
        && !interrupted
    {
        // An interrupted run leaves its lines in the temporary file, which
        // the next run reads back: what was left unread keeps its old line.
        out.into_inner()
            .unwrap_or_else(|p| p.into_inner())
            .finish()?;
    }
    let mut summary = summarize(entries, started.elapsed());
    summary.interrupted = interrupted;
    let json = serde_json::to_vec_pretty(&summary).expect("a summary serializes");
    write_atomic(&opts.out.join(SUMMARY), &json)
        .map_err(|e| BatchError::Write(opts.out.join(SUMMARY), e))?;
    journal.remove();
    if opts.review {
        let index = crate::review::index(&summary, &opts.out);
        write_atomic(&opts.out.join(INDEX), index.as_bytes())
            .map_err(|e| BatchError::Write(opts.out.join(INDEX), e))?;
    }
    // last: the summary stands even where an output cannot be read back
    if !interrupted {
        combined(&summary.entries, opts)?;
    }
    Ok(summary)
}

/// The batch's CSV or workbook, from the outputs of every document read
/// (those up to date too), read back in input order.
fn combined(entries: &[Entry], opts: &Options) -> Result<(), BatchError> {
    let (name, what, format) = match opts.format {
        Format::Csv => (CSV, "the CSV", crate::export::Format::Csv),
        Format::Xlsx => (XLSX, "the workbook", crate::export::Format::Xlsx),
        Format::Json | Format::Ndjson => return Ok(()),
    };
    let mut docs = Vec::new();
    for output in entries
        .iter()
        .filter(|e| e.status != Status::Failed)
        .filter_map(|e| e.output.as_deref())
    {
        let path = PathBuf::from(output);
        let json = std::fs::read(&path).map_err(|e| BatchError::ReadBack(path.clone(), what, e))?;
        let x: crate::model::Extraction = serde_json::from_slice(&json)
            .map_err(|e| BatchError::ReadBack(path.clone(), what, e.into()))?;
        docs.push(x);
    }
    let target = opts.out.join(name);
    crate::export::write(format, &docs)
        .and_then(|bytes| write_atomic(&target, &bytes))
        .map_err(|e| BatchError::Write(target, e))
}

/// The review page of an output: `x.json` → `x.html`.
pub fn review_name(output: &Path) -> PathBuf {
    output.with_extension("html")
}

fn interrupted(job: &Job) -> Entry {
    Entry {
        status: Status::Skipped,
        kind: Some("interrupted".into()),
        message: Some("not started: the batch was stopped; run it again to go on".into()),
        ..Entry::new(job)
    }
}

fn summarize(entries: Vec<Entry>, elapsed: Duration) -> Summary {
    let count = |s: Status| entries.iter().filter(|e| e.status == s).count();
    Summary {
        congvan_version: VERSION.into(),
        interrupted: false,
        files: entries.len(),
        ok: count(Status::Ok),
        failed: count(Status::Failed),
        skipped: count(Status::Skipped),
        pages: entries
            .iter()
            .filter(|e| e.status == Status::Ok)
            .map(|e| e.pages)
            .sum(),
        tasks: entries.iter().map(|e| e.tasks).sum(),
        findings: entries.iter().map(|e| e.findings).sum(),
        seconds: elapsed.as_secs_f64(),
        entries,
    }
}

/// Settled failures of earlier runs, by input: the summary of the last
/// finished run, then the journal of a run that was killed after it.
fn previous_run(out: &Path) -> HashMap<String, Entry> {
    let mut entries = Vec::new();
    if let Ok(bytes) = std::fs::read(out.join(SUMMARY))
        && let Ok(summary) = serde_json::from_slice::<Summary>(&bytes)
        && summary.congvan_version == VERSION
    {
        entries = summary.entries;
    }
    entries.extend(Journal::read(out));
    entries
        .into_iter()
        .filter(settled_failure)
        .map(|e| (e.input.clone(), e))
        .collect()
}

/// A failure that the same bytes would meet again (not a timeout, an I/O
/// or write error or an internal error, which may pass).
fn settled_failure(e: &Entry) -> bool {
    e.status == Status::Failed
        && e.sha256.is_some()
        && !matches!(
            e.kind.as_deref(),
            Some("timeout" | "io" | "internal" | "write" | "missing" | "name_clash") | None
        )
}

/// Where a batch's documents go.
enum Sink {
    Files,
    Ndjson(Mutex<NdjsonOut>),
}

impl Entry {
    /// An entry for `job`, nothing done yet.
    pub fn new(job: &Job) -> Entry {
        Entry {
            input: job.path.display().to_string(),
            output: None,
            status: Status::Skipped,
            kind: None,
            message: None,
            sha256: None,
            pages: 0,
            tasks: 0,
            findings: 0,
            errors: 0,
            seconds: 0.0,
            review: None,
        }
    }
}

impl Entry {
    /// The entry of a document read: ok, with its counts.
    pub fn counted(self, x: &crate::model::Extraction) -> Entry {
        let errors = x
            .findings
            .iter()
            .filter(|f| f.severity == crate::model::Severity::Error);
        Entry {
            status: Status::Ok,
            ..self.with_counts(
                x.source.pages,
                x.tasks.len(),
                x.findings.len(),
                errors.count(),
            )
        }
    }

    fn with_counts(self, pages: usize, tasks: usize, findings: usize, errors: usize) -> Entry {
        Entry {
            pages,
            tasks,
            findings,
            errors,
            ..self
        }
    }

    /// The entry of a document that could not be read.
    pub fn failed(mut self, e: &Error) -> Entry {
        self.status = Status::Failed;
        self.kind = Some(e.kind().into());
        self.message = Some(e.to_string());
        self
    }

    /// The entry of a document whose output could not be written.
    pub fn unwritten(mut self, path: &Path, e: &std::io::Error) -> Entry {
        self.status = Status::Failed;
        self.kind = Some("write".into());
        self.message = Some(format!("cannot write {}: {}", path.display(), io_reason(e)));
        self
    }
}

/// What an existing output says of itself: enough to tell whether it is up
/// to date and to count it.
#[derive(Deserialize)]
struct Recorded {
    source: RecordedSource,
    tasks: Vec<serde::de::IgnoredAny>,
    findings: Vec<RecordedFinding>,
}

#[derive(Deserialize)]
struct RecordedSource {
    sha256: String,
    #[serde(default)]
    congvan_version: String,
    pages: usize,
}

#[derive(Deserialize)]
struct RecordedFinding {
    severity: String,
}

impl Recorded {
    fn of(json: &[u8]) -> Option<Recorded> {
        serde_json::from_slice(json).ok()
    }

    fn is_of(&self, sha: &str) -> bool {
        self.source.sha256 == sha && self.source.congvan_version == VERSION
    }

    /// `entry` with the counts this output records.
    fn count(&self, entry: Entry) -> Entry {
        let errors = self.findings.iter().filter(|f| f.severity == "error");
        entry.with_counts(
            self.source.pages,
            self.tasks.len(),
            self.findings.len(),
            errors.count(),
        )
    }
}

fn process(job: &Job, opts: &Options, previous: &HashMap<String, Entry>, sink: &Sink) -> Entry {
    let entry = read_and_write(job, opts, previous, sink);
    let review = opts.out.join(review_name(&job.output));
    // read this run or up to date: its page was written or checked
    let read = entry.status == Status::Ok || entry.kind.as_deref() == Some("up_to_date");
    Entry {
        review: (opts.review && read && review.is_file()).then(|| review.display().to_string()),
        ..entry
    }
}

fn read_and_write(
    job: &Job,
    opts: &Options,
    previous: &HashMap<String, Entry>,
    sink: &Sink,
) -> Entry {
    let started = Instant::now();
    let target = opts.out.join(&job.output);
    if let Some(entry) = refused(job, Some(&opts.out)) {
        return entry;
    }
    let mut entry = Entry::new(job);
    let bytes = match read_input(&job.path) {
        Ok(b) => b,
        Err(e) => return failed(entry, &Error::Io(e), started),
    };
    let sha = sha256_hex(&bytes);
    entry.sha256 = Some(sha.clone());
    let review = opts.review.then(|| opts.out.join(review_name(&job.output)));
    let reviewed = review
        .as_ref()
        .is_none_or(|r| crate::review::is_of(r, &sha));
    // a settled failure has no page to wait for
    if let Some(prev) = previous.get(&entry.input).filter(|p| {
        p.sha256.as_deref() == Some(sha.as_str()) && (reviewed || p.status == Status::Failed)
    }) {
        return Entry {
            seconds: 0.0,
            ..prev.clone()
        };
    }
    if !opts.force
        && reviewed
        && let Some(recorded) = up_to_date(sink, &target, &entry.input, &sha)
    {
        return Entry {
            kind: Some("up_to_date".into()),
            output: matches!(sink, Sink::Files).then(|| target.display().to_string()),
            ..recorded.count(entry)
        };
    }
    let text = sniff_bytes(&bytes, &job.path) == InputKind::Text;
    match extract_with_budget(bytes, entry.input.clone(), text, opts) {
        Ok((x, html)) => {
            if let (Some(path), Some(html)) = (&review, html) {
                let written = write_output(path, html.as_bytes(), false);
                if let Err(e) = written {
                    return entry.unwritten(path, &e);
                }
            }
            let written = match sink {
                Sink::Ndjson(out) => {
                    let json = serde_json::to_vec(&x).expect("an extraction serializes");
                    out.lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .line(&json)
                        .map_err(|e| (opts.out.join(NDJSON), e))
                }
                Sink::Files => {
                    let json = serde_json::to_vec_pretty(&x).expect("an extraction serializes");
                    write_output(&target, &json, true).map_err(|e| (target.clone(), e))
                }
            };
            if let Err((path, e)) = written {
                return entry.unwritten(&path, &e);
            }
            entry.output = matches!(sink, Sink::Files).then(|| target.display().to_string());
            entry.seconds = started.elapsed().as_secs_f64();
            entry.counted(&x)
        }
        Err(e) => failed(entry, &e, started),
    }
}

/// The entry of a job not to be read at all: a file in a folder that is no
/// document, a path that is not there, or (writing into `out`) an input
/// whose output another input would write too.
pub fn refused(job: &Job, out: Option<&Path>) -> Option<Entry> {
    let entry = Entry::new(job);
    let (status, kind, message) = match (&job.clash, out, job.kind) {
        (Some(other), Some(out), _) => (
            Status::Failed,
            "name_clash",
            format!(
                "{} would write the same output {} as {}; convert them into different output folders or rename one",
                job.path.display(),
                out.join(&job.output).display(),
                other.display()
            ),
        ),
        (_, _, InputKind::Other) if !job.explicit => (
            Status::Skipped,
            "not_a_document",
            "neither a PDF nor text".into(),
        ),
        (_, _, InputKind::Missing) => (Status::Failed, "missing", "no such file or folder".into()),
        _ => return None,
    };
    Some(Entry {
        status,
        kind: Some(kind.into()),
        message: Some(message),
        ..entry
    })
}

/// The output already written for this input's bytes by this version, if
/// any: read from the output file, or from the NDJSON of earlier runs (whose
/// line is then carried into the new file).
fn up_to_date(sink: &Sink, target: &Path, input: &str, sha: &str) -> Option<Recorded> {
    match sink {
        Sink::Files => Recorded::of(&std::fs::read(target).ok()?).filter(|r| r.is_of(sha)),
        Sink::Ndjson(out) => out
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .keep(input, sha),
    }
}

fn failed(entry: Entry, e: &Error, started: Instant) -> Entry {
    Entry {
        seconds: started.elapsed().as_secs_f64(),
        ..entry.failed(e)
    }
}

/// A document's extraction, and its review page when one is asked for.
type Outcome = Result<(crate::model::Extraction, Option<String>), Error>;

/// What a worker is given to read.
struct Task {
    bytes: Vec<u8>,
    /// The name the output reports.
    name: String,
    /// Text another tool extracted, not a PDF.
    text: bool,
    limits: Limits,
    /// Draw the review page too.
    review: bool,
}

/// A long-lived thread that extracts documents one at a time, so that a batch
/// does not start and tear down a thread (and its stack) per document.
struct Worker {
    jobs: mpsc::Sender<Task>,
    results: mpsc::Receiver<Outcome>,
}

impl Worker {
    fn start() -> std::io::Result<Worker> {
        let (jobs, inbox) = mpsc::channel::<Task>();
        let (outbox, results) = mpsc::channel();
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn(move || {
                for task in inbox {
                    let result = std::panic::catch_unwind(|| read(&task))
                        .unwrap_or_else(|p| Err(Error::Internal(crate::panic_message(&p))));
                    if outbox.send(result).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Worker { jobs, results })
    }
}

thread_local! {
    static WORKER: std::cell::RefCell<Option<Worker>> = const { std::cell::RefCell::new(None) };
}

/// Extracts a document; with `review`, draws its review page too (inside
/// the document's budget).
fn read(t: &Task) -> Outcome {
    if !t.review {
        let x = match t.text {
            true => crate::extract_text(&t.bytes, &t.name),
            false => crate::extract_pdf(&t.bytes, &t.name, &t.limits),
        };
        return x.map(|x| (x, None));
    }
    let i = match t.text {
        true => crate::inspect_text(&t.bytes, &t.name, crate::Keep::All),
        false => crate::inspect_pdf(&t.bytes, &t.name, &t.limits, crate::Keep::All),
    }?;
    let html = crate::review::html(&i);
    Ok((i.extraction, Some(html)))
}

/// Extracts on this thread's worker; past the budget the document is reported
/// as failed while the batch goes on. The worker is then given up (told to
/// stop early through the deadline) and a new one serves the next document.
fn extract_with_budget(bytes: Vec<u8>, name: String, text: bool, opts: &Options) -> Outcome {
    let limits = Limits {
        deadline: Some(Instant::now() + opts.timeout),
        ..opts.limits.clone()
    };
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(
                Worker::start()
                    .map_err(|e| Error::Internal(format!("cannot start a thread: {e}")))?,
            );
        }
        let worker = slot.as_ref().expect("a worker was just started");
        let task = Task {
            bytes,
            name,
            text,
            limits,
            review: opts.review,
        };
        if worker.jobs.send(task).is_err() {
            *slot = None;
            return Err(Error::Internal("the worker thread stopped".into()));
        }
        match worker.results.recv_timeout(opts.timeout) {
            Ok(result) => Ok(result),
            Err(_) => {
                *slot = None;
                Ok(Err(Error::Timeout(opts.timeout.as_secs())))
            }
        }
    })?
}

/// Writes to a temporary file beside the target, then renames: a crash never
/// leaves half a file behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_renamed(path, bytes, true)
}

/// A document's output under the output folder, its folders made as the
/// input's relative path needs them; synced as [`write_renamed`] says.
pub fn write_output(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_renamed(path, bytes, sync)
}

/// [`write_atomic`], the bytes synced to disk before the rename only when
/// `sync` (a review page is not: a page a crash left short fails
/// [`crate::review::is_of`] and is drawn again).
fn write_renamed(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    if sync {
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// Each finished entry as one line, written through at once: what a killed
/// batch had done is known to the next run.
struct Journal {
    path: PathBuf,
    file: Mutex<std::fs::File>,
}

#[derive(Serialize, Deserialize)]
struct JournalLine {
    congvan_version: String,
    #[serde(flatten)]
    entry: Entry,
}

impl Journal {
    fn create(dir: &Path) -> Result<Journal, BatchError> {
        let path = dir.join(JOURNAL);
        // Earlier runs' lines were read by `previous_run`; this run's
        // entries repeat whatever of them still holds.
        let file = std::fs::File::create(&path).map_err(|e| BatchError::Write(path.clone(), e))?;
        Ok(Journal {
            path,
            file: Mutex::new(file),
        })
    }

    fn append(&self, entry: &Entry) {
        let line = JournalLine {
            congvan_version: VERSION.into(),
            entry: entry.clone(),
        };
        let mut json = serde_json::to_vec(&line).expect("an entry serializes");
        json.push(b'\n');
        let file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        // Written through to the system at once (a killed process loses
        // nothing), not synced: outputs are synced and are what a re-run
        // trusts; a line lost to a crash of the machine costs a redo.
        let _ = (&*file).write_all(&json);
    }

    /// Lines of this version that a killed run left; a torn last line is
    /// passed over.
    fn read(dir: &Path) -> Vec<Entry> {
        let Ok(file) = std::fs::File::open(dir.join(JOURNAL)) else {
            return Vec::new();
        };
        std::io::BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str::<JournalLine>(&l).ok())
            .filter(|l| l.congvan_version == VERSION)
            .map(|l| l.entry)
            .collect()
    }

    fn remove(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The NDJSON output. Lines go to a temporary file as documents finish,
/// and it replaces `congvan.ndjson` when the run is done. The lines of the
/// previous file and of a temporary file an interrupted run left behind
/// are the earlier outputs: an input whose bytes they match keeps its line.
struct NdjsonOut {
    path: PathBuf,
    tmp: PathBuf,
    file: std::io::BufWriter<std::fs::File>,
    /// Earlier lines by input (`source.file`).
    earlier: HashMap<String, String>,
}

impl NdjsonOut {
    fn open(dir: &Path, force: bool) -> Result<Self, BatchError> {
        let path = dir.join(NDJSON);
        let tmp = dir.join(format!("{NDJSON}.tmp"));
        let mut earlier = HashMap::new();
        if !force {
            for file in [&path, &tmp] {
                Self::read_lines(file, &mut earlier);
            }
        }
        let file = std::fs::File::create(&tmp).map_err(|e| BatchError::Write(tmp.clone(), e))?;
        Ok(NdjsonOut {
            path,
            tmp,
            file: std::io::BufWriter::new(file),
            earlier,
        })
    }

    fn read_lines(file: &Path, into: &mut HashMap<String, String>) {
        #[derive(Deserialize)]
        struct Line {
            source: LineSource,
        }
        #[derive(Deserialize)]
        struct LineSource {
            file: String,
        }
        let Ok(f) = std::fs::File::open(file) else {
            return;
        };
        for line in std::io::BufReader::new(f).lines().map_while(Result::ok) {
            // a torn last line of a killed run is passed over
            if let Ok(l) = serde_json::from_str::<Line>(&line) {
                into.insert(l.source.file, line);
            }
        }
    }

    /// The earlier line of `input` when it records these bytes and this
    /// version: copied into the new file, and its counts returned.
    fn keep(&mut self, input: &str, sha: &str) -> Option<Recorded> {
        let line = self.earlier.get(input)?.clone();
        let recorded = Recorded::of(line.as_bytes()).filter(|r| r.is_of(sha))?;
        self.line(line.as_bytes()).ok()?;
        Some(recorded)
    }

    /// One document, flushed at once so that a killed run keeps it.
    fn line(&mut self, json: &[u8]) -> std::io::Result<()> {
        self.file.write_all(json)?;
        self.file.write_all(b"\n")?;
        self.file.flush()
    }

    fn finish(mut self) -> Result<(), BatchError> {
        let path = self.path.clone();
        let err = |e| BatchError::Write(path.clone(), e);
        self.file.flush().map_err(err)?;
        self.file.get_ref().sync_all().map_err(err)?;
        std::fs::rename(&self.tmp, &path).map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names_come_from_the_input_name_alone() {
        assert_eq!(output_name(Path::new("a/x.pdf")), PathBuf::from("a/x.json"));
        assert_eq!(output_name(Path::new("x.PDF")), PathBuf::from("x.json"));
        assert_eq!(output_name(Path::new("x.txt")), PathBuf::from("x.txt.json"));
        assert_eq!(
            output_name(Path::new("05.signed_2025.pdf")),
            PathBuf::from("05.signed_2025.json")
        );
        assert_eq!(output_name(Path::new("plan")), PathBuf::from("plan.json"));
    }

    #[test]
    fn inputs_sharing_an_output_are_both_refused() {
        let job = |p: &str| Job {
            path: PathBuf::from(p),
            output: output_name(Path::new(Path::new(p).file_name().unwrap())),
            kind: InputKind::Pdf,
            explicit: true,
            clash: None,
        };
        let mut jobs = vec![job("a/x.pdf"), job("b/x.pdf"), job("y.pdf"), job("x.txt")];
        mark_clashes(&mut jobs);
        assert_eq!(jobs[0].clash.as_deref(), Some(Path::new("b/x.pdf")));
        assert_eq!(jobs[1].clash.as_deref(), Some(Path::new("a/x.pdf")));
        assert!(jobs[2].clash.is_none() && jobs[3].clash.is_none());
    }

    #[test]
    fn one_exit_status_rule() {
        let entry = |status, kind: Option<&str>, errors| Entry {
            status,
            kind: kind.map(String::from),
            errors,
            ..Entry::new(&Job {
                path: "x".into(),
                output: "x.json".into(),
                kind: InputKind::Pdf,
                explicit: true,
                clash: None,
            })
        };
        assert_eq!(exit_status(&[entry(Status::Ok, None, 0)]), 0);
        assert_eq!(
            exit_status(&[entry(Status::Skipped, Some("up_to_date"), 0)]),
            0
        );
        assert_eq!(exit_status(&[entry(Status::Ok, None, 1)]), 1);
        assert_eq!(exit_status(&[entry(Status::Failed, Some("not_pdf"), 0)]), 1);
        let write = entry(Status::Failed, Some("write"), 0);
        assert_eq!(exit_status(&[entry(Status::Ok, None, 1), write]), 2);
    }
}
