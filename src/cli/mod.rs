//! The command line: one definition (clap) gives parsing, `--help`, the man
//! page and shell completions. Every command follows one exit-status rule
//! ([`congvan::batch::exit_status`]); a closed pipe ends it quietly.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{CommandFactory, Parser, Subcommand};

use congvan::batch::{self, Entry};
use congvan::pdf::Limits;

mod progress;
mod report;

/// The exit-status table, in every command's `--help`.
macro_rules! exit_status {
    () => {
        "\
Exit status (every command):
  0    every document read, no finding of severity error
  1    a document could not be read, or has a finding of severity error
  2    usage error, or an output could not be written
  130  interrupted (Ctrl-C, SIGTERM): what finished is kept; run again to go on"
    };
}

/// A command's examples, then the exit-status table.
macro_rules! help {
    ($examples:literal) => {
        concat!($examples, "\n\n", exit_status!())
    };
}

#[derive(Parser)]
#[command(
    name = "congvan",
    version,
    about = "Task tables and assignments of Vietnamese administrative documents (kế hoạch, công văn, phụ lục) as JSON",
    after_help = exit_status!()
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// No progress bar, totals or "skipped" lines; failures still go to stderr.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// User password of encrypted PDFs (the empty password is always tried).
    #[arg(long, global = true, value_name = "PASSWORD")]
    password: Option<String>,
    /// Refuse scanned pages (no_text_layer) instead of reading them by OCR.
    #[arg(long, global = true)]
    no_ocr: bool,
    /// Tesseract model for scanned pages: vie, Vietnamese (the script
    /// model), or several joined by "+".
    #[arg(long, global = true, value_name = "LANG", default_value = "vie", value_parser = ocr_lang)]
    ocr_lang: String,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents: one JSON to stdout (one per line for several), or
    /// DIR/<name>.json per document with --out.
    #[command(after_help = help!("\
Examples:
  congvan extract plan.pdf                       one JSON document on stdout
  congvan extract -p -o out/ incoming/           a folder: out/<name>.json each
  pdftotext -layout x.pdf - | congvan extract -  text on standard input

A PDF writes <stem>.json, any other input <name>.json (x.txt -> x.txt.json)."))]
    Extract {
        /// PDFs, text files (pdftotext output) or folders; `-` is standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Write DIR/<name>.json for each input instead of printing.
        #[arg(short, long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Indent the JSON for people.
        #[arg(short, long)]
        pretty: bool,
    },
    /// Check documents: the counts they declare against the rows they list,
    /// numbering, duplicates, missing units; a report per document and a total.
    #[command(after_help = help!("\
Examples:
  congvan validate ke-hoach.pdf          the report of one document
  congvan validate --json incoming/      every document of a folder, as JSON"))]
    Validate {
        /// PDFs, text files or folders; `-` is standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// One JSON object: each document's counts and findings, and the total.
        #[arg(long)]
        json: bool,
    },
    /// Convert files and folders (recursed) unattended: DIR/<relative
    /// path>.json per input and DIR/_summary.json. A re-run skips what is up
    /// to date; an interrupted run goes on where it stopped.
    #[command(after_help = help!("\
Examples:
  congvan batch incoming/ -o out/              out/<relative path>.json each
  congvan batch incoming/ -o out/ -f ndjson    one out/congvan.ndjson
  congvan batch incoming/ -o out/ -f xlsx      the JSON files and out/congvan.xlsx
  congvan batch incoming/ -o out/ --review     a review page each and out/_index.html
  congvan batch a.pdf b/ -o out/ -j 1 --timeout 20"))]
    Batch {
        /// Files and folders to convert.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// The output folder (created if missing).
        #[arg(short, long, value_name = "DIR")]
        out: PathBuf,
        /// Documents converted at once (default: the number of cores).
        #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// What to write (see the values).
        #[arg(short, long, value_enum, default_value = "json")]
        format: FormatArg,
        /// Also write a review page per document (<name>.html beside its
        /// JSON) and DIR/_index.html.
        #[arg(long)]
        review: bool,
        /// Redo every input, even when its output is up to date.
        #[arg(long)]
        force: bool,
        /// Seconds one document may take before it is reported as failed.
        #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
    },
    /// One row per task of every document (table rows and prose
    /// assignments alike), for a spreadsheet.
    #[command(after_help = help!("\
Examples:
  congvan export incoming/ --out tasks.csv      every document's tasks in one CSV
  congvan export -f xlsx incoming/ --out tasks.xlsx   a workbook: tasks, findings, documents
  congvan export ke-hoach.pdf --out -           on standard output

The CSV is UTF-8 with a byte-order mark (Excel on Windows shows Vietnamese
right); its dates (Ngày văn bản, Bắt đầu, Kết thúc) are ISO, YYYY-MM-DD. The
workbook's are Excel dates; its header rows are frozen and filtered."))]
    Export {
        /// PDFs, text files or folders; `-` is standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The file to write (`-`: standard output); written whole or not at all.
        #[arg(short, long, value_name = "PATH")]
        out: PathBuf,
        /// The format to write.
        #[arg(short, long, value_enum, default_value = "csv")]
        format: ExportFormat,
    },
    /// Write a page for a person checking what congvan read: every page
    /// drawn, cells coloured by their column's role, each task linked to
    /// its record, every finding to what it concerns. One HTML file, no
    /// network, no script.
    #[command(after_help = help!("\
Examples:
  congvan review ke-hoach.pdf --out ke-hoach.html
  congvan batch incoming/ -o out/ --review       one page per document and out/_index.html"))]
    Review {
        /// The document: a PDF or a text file; `-` is standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The HTML file to write (`-`: standard output).
        #[arg(short, long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Print the JSON Schema of the output.
    Schema,
    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `congvan man > congvan.1`.
    Man,
    /// Print the body's items as the prose reader nests them (debugging).
    #[command(hide = true)]
    Items {
        /// The document to read.
        file: PathBuf,
    },
    /// Print each page's lines of text as the layout stage sets them, with
    /// their place and size, bold marked (debugging; scans as OCR read them).
    #[command(hide = true)]
    Lines {
        /// The PDF to read.
        file: PathBuf,
    },
    /// Print the grids the table stage finds on each page (debugging).
    #[command(hide = true)]
    Grids {
        /// The document to read (a PDF, or laid-out text).
        file: PathBuf,
    },
}

/// A Tesseract model name, or several joined by "+" ("vie", "vie+eng").
fn ocr_lang(s: &str) -> Result<String, String> {
    let name = |n: &str| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match s.split('+').all(name) {
        true => Ok(s.to_string()),
        false => Err("a Tesseract model name (vie, Vietnamese) or several joined by '+'".into()),
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// Comma-separated values, UTF-8 with a byte-order mark.
    Csv,
    /// An Excel workbook: the tasks, the findings and the documents.
    Xlsx,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    /// A JSON file per document.
    Json,
    /// One line per document in DIR/congvan.ndjson.
    Ndjson,
    /// The JSON files, and every document's tasks in DIR/congvan.csv.
    Csv,
    /// The JSON files, and one workbook DIR/congvan.xlsx (tasks, findings, documents).
    Xlsx,
}

pub fn run() -> ExitCode {
    // Panics are caught per document and reported as errors; keep the
    // default hook from printing them a second time.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    let limits = Limits {
        password: cli.password.clone(),
        ocr: (!cli.no_ocr).then(|| congvan::ocr::Settings {
            lang: cli.ocr_lang.clone(),
            ..Default::default()
        }),
        ..Limits::default()
    };
    let quiet = cli.quiet;
    let status = match cli.command {
        Command::Items { file } => match congvan::body_items(&file, &limits) {
            Ok(items) => {
                let mut out = String::new();
                items.iter().for_each(|i| i.outline(0, &mut out));
                write_stdout(out.as_bytes()).map(|_| 0)
            }
            Err(e) => {
                eprintln!("congvan: {}: {e}", file.display());
                Ok(1)
            }
        },
        Command::Lines { file } => match congvan::page_lines(&file, &limits) {
            Ok(text) => write_stdout(text.as_bytes()).map(|_| 0),
            Err(e) => {
                eprintln!("congvan: {}: {e}", file.display());
                Ok(1)
            }
        },
        Command::Grids { file } => match congvan::page_grids(&file, &limits) {
            Ok(text) => write_stdout(text.as_bytes()).map(|_| 0),
            Err(e) => {
                eprintln!("congvan: {}: {e}", file.display());
                Ok(1)
            }
        },
        Command::Schema => write_stdout(congvan::SCHEMA.as_bytes()).map(|_| 0),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "congvan", &mut buf);
            write_stdout(&buf).map(|_| 0)
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut buf)
                .and_then(|_| write_stdout(&buf))
                .map(|_| 0)
        }
        Command::Extract { files, out, pretty } => {
            extract(&files, out.as_deref(), pretty, quiet, &limits)
        }
        Command::Validate { files, json } => validate(&files, json, quiet, &limits),
        Command::Export { files, out, format } => export(&files, &out, format, quiet, &limits),
        Command::Review { file, out } => review(&file, &out, &limits),
        Command::Batch {
            inputs,
            out,
            jobs,
            format,
            force,
            timeout,
            review,
        } => {
            let opts = batch::Options {
                out,
                jobs: jobs.map_or_else(
                    || std::thread::available_parallelism().map_or(1, |n| n.get()),
                    usize::from,
                ),
                format: match format {
                    FormatArg::Json => batch::Format::Json,
                    FormatArg::Ndjson => batch::Format::Ndjson,
                    FormatArg::Csv => batch::Format::Csv,
                    FormatArg::Xlsx => batch::Format::Xlsx,
                },
                force,
                timeout: std::time::Duration::from_secs(timeout),
                limits,
                review,
            };
            Ok(progress::run_batch(&inputs, &opts, stop_flag(), quiet))
        }
    };
    match status {
        Ok(code) => ExitCode::from(code),
        // The reader went away (`| head`): stop quietly, as rg and jq do.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("congvan: cannot write to standard output: {e}");
            ExitCode::from(2)
        }
    }
}

/// Set by the first Ctrl-C or SIGTERM: documents not started are left for
/// the next run. A second one ends the process at once (outputs are written
/// atomically, so nothing is left half-written).
fn stop_flag() -> &'static AtomicBool {
    static STOP: AtomicBool = AtomicBool::new(false);
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        eprintln!(
            "congvan: stopping: documents in progress finish, the rest wait for the next run"
        );
    });
    &STOP
}

fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Each document of `inputs` (folders recursed, `-` standard input), read
/// in order, as its job and what reading it gave. Files of a folder that
/// are no document are named on stderr, unless `quiet`.
fn each_document(
    inputs: &[PathBuf],
    out: Option<&Path>,
    limits: &Limits,
    quiet: bool,
    mut f: impl FnMut(
        &batch::Job,
        Result<congvan::model::Extraction, congvan::Error>,
    ) -> std::io::Result<Entry>,
) -> std::io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for job in batch::discover(inputs) {
        if let Some(entry) = batch::refused(&job, out) {
            if entry.status == batch::Status::Failed || !quiet {
                report_failure(&entry);
            }
            entries.push(entry);
            continue;
        }
        let result = batch::read_input(&job.path)
            .map_err(congvan::Error::Io)
            .and_then(|bytes| {
                congvan::extract_bytes(&bytes, &job.path.display().to_string(), &job.path, limits)
            });
        if let Err(e) = &result {
            eprintln!("congvan: {}: {e}", job.path.display());
        }
        entries.push(f(&job, result)?);
    }
    Ok(entries)
}

fn report_failure(entry: &Entry) {
    eprintln!(
        "congvan: {}: {}",
        entry.input,
        entry.message.as_deref().unwrap_or("failed")
    );
}

fn extract(
    files: &[PathBuf],
    out: Option<&Path>,
    pretty: bool,
    quiet: bool,
    limits: &Limits,
) -> std::io::Result<u8> {
    if let Some(dir) = out
        && let Err(e) = batch::prepare_out_dir(dir)
    {
        eprintln!("congvan: {e}");
        return Ok(2);
    }
    let entries = each_document(files, out, limits, quiet, |job, result| {
        let entry = Entry::new(job);
        let x = match result {
            Ok(x) => x,
            Err(e) => return Ok(entry.failed(&e)),
        };
        let json = if pretty || out.is_some() {
            serde_json::to_vec_pretty(&x)
        } else {
            serde_json::to_vec(&x)
        }
        .expect("an extraction serializes");
        let entry = entry.counted(&x);
        match out {
            Some(dir) => {
                let target = dir.join(&job.output);
                let written = batch::write_output(&target, &json, true);
                Ok(match written {
                    Ok(()) => entry,
                    Err(e) => {
                        let entry = entry.unwritten(&target, &e);
                        report_failure(&entry);
                        entry
                    }
                })
            }
            None => {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(&json)?;
                stdout.write_all(b"\n")?;
                Ok(entry)
            }
        }
    })?;
    Ok(batch::exit_status(&entries))
}

fn export(
    files: &[PathBuf],
    out: &Path,
    format: ExportFormat,
    quiet: bool,
    limits: &Limits,
) -> std::io::Result<u8> {
    let mut docs = Vec::new();
    let entries = each_document(files, None, limits, quiet, |job, result| {
        let entry = Entry::new(job);
        Ok(match result {
            Ok(x) => {
                let entry = entry.counted(&x);
                docs.push(x);
                entry
            }
            Err(e) => entry.failed(&e),
        })
    })?;
    let format = match format {
        ExportFormat::Csv => congvan::export::Format::Csv,
        ExportFormat::Xlsx => congvan::export::Format::Xlsx,
    };
    // a failure to make the file is this file's, not standard output's
    let bytes = match congvan::export::write(format, &docs) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("congvan: {}: cannot make the file: {e}", out.display());
            return Ok(2);
        }
    };
    if out == Path::new("-") {
        write_stdout(&bytes)?;
    } else if let Err(e) = batch::write_atomic(out, &bytes) {
        eprintln!(
            "congvan: {}: {}",
            out.display(),
            congvan::error::io_reason(&e)
        );
        return Ok(2);
    }
    Ok(batch::exit_status(&entries))
}

fn review(file: &Path, out: &Path, limits: &Limits) -> std::io::Result<u8> {
    let name = file.display().to_string();
    let inspection = batch::read_input(file)
        .map_err(congvan::Error::Io)
        .and_then(|bytes| congvan::inspect_bytes(&bytes, &name, file, limits, congvan::Keep::All));
    let inspection = match inspection {
        Ok(i) => i,
        Err(e) => {
            eprintln!("congvan: {name}: {e}");
            return Ok(1);
        }
    };
    let html = congvan::review::html(&inspection);
    if out == Path::new("-") {
        write_stdout(html.as_bytes())?;
    } else if let Err(e) = batch::write_atomic(out, html.as_bytes()) {
        eprintln!(
            "congvan: {}: {}",
            out.display(),
            congvan::error::io_reason(&e)
        );
        return Ok(2);
    }
    let entries: Vec<Entry> = batch::discover(&[file.to_path_buf()])
        .iter()
        .map(|job| Entry::new(job).counted(&inspection.extraction))
        .collect();
    Ok(batch::exit_status(&entries))
}

fn validate(files: &[PathBuf], json: bool, quiet: bool, limits: &Limits) -> std::io::Result<u8> {
    let mut reports = Vec::new();
    let entries = each_document(files, None, limits, quiet, |job, result| {
        let entry = Entry::new(job);
        Ok(match result {
            Ok(x) => {
                if json {
                    reports.push(report::json(&x));
                } else {
                    let mut stdout = std::io::stdout().lock();
                    stdout.write_all(report::render(&x).as_bytes())?;
                }
                entry.counted(&x)
            }
            Err(e) => {
                let entry = entry.failed(&e);
                if json {
                    reports.push(report::json_failure(&entry));
                }
                entry
            }
        })
    })?;
    let total = report::Total::of(&entries);
    if json {
        let doc = serde_json::json!({ "documents": reports, "total": total });
        let mut text = serde_json::to_vec_pretty(&doc).expect("a report serializes");
        text.push(b'\n');
        write_stdout(&text)?;
    } else if !quiet && entries.len() > 1 {
        write_stdout(total.render().as_bytes())?;
    }
    Ok(batch::exit_status(&entries))
}
