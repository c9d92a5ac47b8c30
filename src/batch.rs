//! Batch conversion: folders of incoming documents, unattended. Each document
//! runs in a thread of its own with a wall-clock budget; its output is written
//! atomically; `_summary.json` records every input; a re-run skips inputs whose
//! output is up to date.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::pdf::Limits;
use crate::{Error, sha256_hex};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const SUMMARY: &str = "_summary.json";
pub const NDJSON: &str = "congvan.ndjson";
/// Stack of a document's thread: deep but legal nesting must not overflow.
const STACK: usize = 64 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `DIR/<relative path>.json` per input.
    Json,
    /// One line per document in `DIR/congvan.ndjson`.
    Ndjson,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    pub jobs: usize,
    pub format: Format,
    pub force: bool,
    pub timeout: Duration,
    pub limits: Limits,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Failed,
    Skipped,
}

/// One input's line in `_summary.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub input: String,
    pub output: Option<String>,
    pub status: Status,
    /// Why a file failed ("not_pdf", "timeout", ...) or was skipped
    /// ("up_to_date", "not_a_document").
    pub kind: Option<String>,
    pub message: Option<String>,
    pub sha256: Option<String>,
    pub pages: usize,
    pub tasks: usize,
    pub findings: usize,
    pub seconds: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Summary {
    pub congvan_version: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_names_get_distinct_outputs() {
        let job = |p: &str| Job {
            path: PathBuf::from(p),
            relative: PathBuf::from(Path::new(p).file_name().unwrap()),
            kind: InputKind::Pdf,
            explicit: true,
        };
        let mut jobs = vec![job("a/x.pdf"), job("b/x.pdf"), job("c/x.pdf"), job("y.pdf")];
        unique_outputs(&mut jobs);
        let names: Vec<String> = jobs
            .iter()
            .map(|j| j.relative.display().to_string())
            .collect();
        assert_eq!(names, ["x.pdf", "x-2.pdf", "x-3.pdf", "y.pdf"]);
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{0}: cannot create the output folder: {1}")]
    OutDir(PathBuf, std::io::Error),
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
    #[error("{0}: cannot write: {1}")]
    Write(PathBuf, std::io::Error),
}

/// An input found on disk: where it is, and its name inside the output folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub path: PathBuf,
    pub relative: PathBuf,
    pub kind: InputKind,
    /// Named on the command line (always tried), not found in a folder.
    pub explicit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Pdf,
    Text,
    Other,
}

/// Files and folders (recursed) → jobs, in a stable order. A file named on
/// the command line is always tried; in folders, files that are neither a
/// PDF nor text (by their content) are listed and skipped.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<Job>, BatchError> {
    let mut jobs = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|_| BatchError::Missing(input.clone()))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(input, &mut files, 0);
            files.sort();
            for path in files {
                let relative = path.strip_prefix(input).unwrap_or(&path).to_path_buf();
                jobs.push(Job {
                    kind: sniff(&path),
                    path,
                    relative,
                    explicit: false,
                });
            }
        } else {
            let relative = PathBuf::from(input.file_name().unwrap_or(input.as_os_str()));
            jobs.push(Job {
                kind: sniff(input),
                path: input.clone(),
                relative,
                explicit: true,
            });
        }
    }
    unique_outputs(&mut jobs);
    Ok(jobs)
}

/// Two inputs with one output name (a/x.pdf and b/x.pdf named on the
/// command line) get "x-2", "x-3", ... rather than overwrite each other.
fn unique_outputs(jobs: &mut [Job]) {
    let mut seen = std::collections::HashSet::new();
    for job in jobs {
        let stem = job.relative.with_extension("");
        let mut n = 1;
        let mut key = stem.clone();
        while !seen.insert(key.clone()) {
            n += 1;
            key = PathBuf::from(format!("{}-{n}", stem.display()));
        }
        if n > 1 {
            let ext = job.relative.extension().map(|e| e.to_os_string());
            job.relative = key;
            if let Some(ext) = ext {
                job.relative.set_extension(ext);
            }
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
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
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

/// Runs a batch. `progress` is told of every finished entry.
pub fn run(
    inputs: &[PathBuf],
    opts: &Options,
    progress: &(dyn Fn(&Entry) + Sync),
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    std::fs::create_dir_all(&opts.out).map_err(|e| BatchError::OutDir(opts.out.clone(), e))?;
    let jobs = discover(inputs)?;
    let previous = if opts.force {
        HashMap::new()
    } else {
        previous_run(&opts.out)
    };
    let ndjson = match opts.format {
        Format::Ndjson => Some(Mutex::new(NdjsonOut::create(&opts.out)?)),
        Format::Json => None,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .expect("a thread pool");
    let entries: Vec<Entry> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let entry = process(job, opts, &previous, ndjson.as_ref());
                progress(&entry);
                entry
            })
            .collect()
    });
    if let Some(out) = ndjson {
        let kept: Vec<&str> = entries
            .iter()
            .filter(|e| e.kind.as_deref() == Some("up_to_date"))
            .map(|e| e.input.as_str())
            .collect();
        out.into_inner()
            .unwrap_or_else(|p| p.into_inner())
            .finish(&kept)?;
    }
    let summary = summarize(entries, started.elapsed());
    let json = serde_json::to_vec_pretty(&summary).expect("a summary serializes");
    write_atomic(&opts.out.join(SUMMARY), &json)
        .map_err(|e| BatchError::Write(opts.out.join(SUMMARY), e))?;
    Ok(summary)
}

fn summarize(entries: Vec<Entry>, elapsed: Duration) -> Summary {
    let count = |s: Status| entries.iter().filter(|e| e.status == s).count();
    Summary {
        congvan_version: VERSION.into(),
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

/// What the last run wrote, by input: reused when the input is unchanged.
fn previous_run(out: &Path) -> HashMap<String, Entry> {
    let Ok(bytes) = std::fs::read(out.join(SUMMARY)) else {
        return HashMap::new();
    };
    let Ok(summary) = serde_json::from_slice::<Summary>(&bytes) else {
        return HashMap::new();
    };
    if summary.congvan_version != VERSION {
        return HashMap::new();
    }
    summary
        .entries
        .into_iter()
        .filter(|e| {
            e.status == Status::Ok || e.kind.as_deref() == Some("up_to_date") || settled_failure(e)
        })
        .map(|e| (e.input.clone(), e))
        .collect()
}

/// A failure that the same bytes would meet again (not a timeout, an I/O
/// error or an internal error, which may pass).
fn settled_failure(e: &Entry) -> bool {
    e.status == Status::Failed
        && !matches!(
            e.kind.as_deref(),
            Some("timeout" | "io" | "internal") | None
        )
}

fn output_path(opts: &Options, job: &Job) -> PathBuf {
    opts.out.join(job.relative.with_extension("json"))
}

fn process(
    job: &Job,
    opts: &Options,
    previous: &HashMap<String, Entry>,
    ndjson: Option<&Mutex<NdjsonOut>>,
) -> Entry {
    let started = Instant::now();
    let input = job.path.display().to_string();
    let mut entry = Entry {
        input: input.clone(),
        output: None,
        status: Status::Skipped,
        kind: None,
        message: None,
        sha256: None,
        pages: 0,
        tasks: 0,
        findings: 0,
        seconds: 0.0,
    };
    match job.kind {
        InputKind::Other if !job.explicit => {
            entry.kind = Some("not_a_document".into());
            return entry;
        }
        _ => {}
    }
    let bytes = match std::fs::read(&job.path) {
        Ok(b) => b,
        Err(e) => return failed(entry, &Error::Io(e), started),
    };
    let sha = sha256_hex(&bytes);
    entry.sha256 = Some(sha.clone());
    let target = output_path(opts, job);
    if let Some(prev) = previous
        .get(&input)
        .filter(|p| p.sha256.as_deref() == Some(sha.as_str()))
    {
        if settled_failure(prev) {
            return Entry {
                seconds: 0.0,
                ..prev.clone()
            };
        }
        if ndjson.is_some()
            || prev
                .output
                .as_deref()
                .is_some_and(|o| Path::new(o).exists())
        {
            return Entry {
                kind: Some("up_to_date".into()),
                status: Status::Skipped,
                seconds: 0.0,
                ..prev.clone()
            };
        }
    }
    match extract_with_budget(bytes, input.clone(), job.kind == InputKind::Text, opts) {
        Ok(x) => {
            let json = match ndjson {
                Some(_) => serde_json::to_vec(&x),
                None => serde_json::to_vec_pretty(&x),
            }
            .expect("an extraction serializes");
            let written = match ndjson {
                Some(out) => out.lock().unwrap_or_else(|p| p.into_inner()).line(&json),
                None => target
                    .parent()
                    .map_or(Ok(()), std::fs::create_dir_all)
                    .and_then(|_| write_atomic(&target, &json)),
            };
            if let Err(e) = written {
                return failed(entry, &Error::Io(e), started);
            }
            entry.status = Status::Ok;
            entry.output = ndjson.is_none().then(|| target.display().to_string());
            entry.pages = x.source.pages;
            entry.tasks = x.tasks.len();
            entry.findings = x.findings.len();
            entry.seconds = started.elapsed().as_secs_f64();
            entry
        }
        Err(e) => failed(entry, &e, started),
    }
}

fn failed(mut entry: Entry, e: &Error, started: Instant) -> Entry {
    entry.status = Status::Failed;
    entry.kind = Some(e.kind().into());
    entry.message = Some(e.to_string());
    entry.seconds = started.elapsed().as_secs_f64();
    entry
}

type Outcome = Result<crate::model::Extraction, Error>;

/// A long-lived thread that extracts documents one at a time, so that a batch
/// does not start and tear down a thread (and its stack) per document.
struct Worker {
    jobs: mpsc::Sender<(Vec<u8>, String, bool, Limits)>,
    results: mpsc::Receiver<Outcome>,
}

impl Worker {
    fn start() -> std::io::Result<Worker> {
        let (jobs, inbox) = mpsc::channel::<(Vec<u8>, String, bool, Limits)>();
        let (outbox, results) = mpsc::channel();
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn(move || {
                for (bytes, name, text, limits) in inbox {
                    let result = std::panic::catch_unwind(|| {
                        if text {
                            crate::extract_text(&bytes, &name)
                        } else {
                            crate::extract_pdf(&bytes, &name, &limits)
                        }
                    })
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
        if worker.jobs.send((bytes, name, text, limits)).is_err() {
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
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// The NDJSON output: new lines go to a temporary file; at the end the lines
/// of up-to-date inputs are copied from the previous file, and it replaces it.
struct NdjsonOut {
    path: PathBuf,
    tmp: PathBuf,
    file: std::io::BufWriter<std::fs::File>,
}

impl NdjsonOut {
    fn create(dir: &Path) -> Result<Self, BatchError> {
        let path = dir.join(NDJSON);
        let tmp = dir.join(format!("{NDJSON}.tmp"));
        let file = std::fs::File::create(&tmp).map_err(|e| BatchError::Write(tmp.clone(), e))?;
        Ok(NdjsonOut {
            path,
            tmp,
            file: std::io::BufWriter::new(file),
        })
    }

    fn line(&mut self, json: &[u8]) -> std::io::Result<()> {
        self.file.write_all(json)?;
        self.file.write_all(b"\n")
    }

    fn finish(mut self, kept: &[&str]) -> Result<(), BatchError> {
        let path = self.path.clone();
        let err = |e| BatchError::Write(path.clone(), e);
        if !kept.is_empty()
            && let Ok(old) = std::fs::File::open(&self.path)
        {
            for line in std::io::BufReader::new(old).lines().map_while(Result::ok) {
                let file = serde_json::from_str::<serde_json::Value>(&line)
                    .ok()
                    .and_then(|v| v["source"]["file"].as_str().map(String::from));
                if file.is_some_and(|f| kept.contains(&f.as_str())) {
                    self.line(line.as_bytes()).map_err(err)?;
                }
            }
        }
        self.file.flush().map_err(err)?;
        self.file.get_ref().sync_all().map_err(err)?;
        std::fs::rename(&self.tmp, &path).map_err(err)
    }
}
