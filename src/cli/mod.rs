//! The command line: `congvan extract`, `congvan schema`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use congvan::batch;
use congvan::model::Severity;
use congvan::pdf::Limits;

mod progress;
mod report;

#[derive(Parser)]
#[command(
    name = "congvan",
    version,
    about = "Task tables of Vietnamese administrative documents (kế hoạch, công văn, phụ lục) as JSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents: one JSON to stdout, one JSON per line for several
    /// files, or DIR/<stem>.json per file with --out.
    Extract {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write DIR/<stem>.json for each input instead of printing.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Indent the JSON for people.
        #[arg(long)]
        pretty: bool,
    },
    /// Check documents: the counts they declare against the rows they list,
    /// numbering, duplicates, missing units. Exit 0 when clean, 1 when a
    /// finding of severity error exists, 2 when a file cannot be read.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Convert files and folders (recursed) unattended: DIR/<relative
    /// path>.json per input and DIR/_summary.json. Exit 0 when all are ok, 1
    /// when some failed (the others are written), 2 on usage errors.
    Batch {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Documents converted at once (default: the number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        #[arg(long, value_enum, default_value = "json")]
        format: FormatArg,
        /// Redo every input, even when its output is up to date.
        #[arg(long)]
        force: bool,
        /// Seconds one document may take before it is reported as failed.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
    },
    /// Print the JSON Schema of the output.
    Schema,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Json,
    Ndjson,
}

pub fn run() -> ExitCode {
    // Panics are caught per document and reported as errors; keep the
    // default hook from printing them a second time.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    match cli.command {
        Command::Schema => {
            print!("{}", congvan::SCHEMA);
            ExitCode::SUCCESS
        }
        Command::Extract { files, out, pretty } => extract(&files, out.as_deref(), pretty),
        Command::Validate { files } => validate(&files),
        Command::Batch {
            inputs,
            out,
            jobs,
            format,
            force,
            timeout,
        } => {
            let opts = batch::Options {
                out,
                jobs: jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
                format: match format {
                    FormatArg::Json => batch::Format::Json,
                    FormatArg::Ndjson => batch::Format::Ndjson,
                },
                force,
                timeout: std::time::Duration::from_secs(timeout.max(1)),
                limits: Limits::default(),
            };
            progress::run_batch(&inputs, &opts)
        }
    }
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let limits = Limits::default();
    let mut status = 0u8;
    let mut stdout = std::io::stdout().lock();
    for file in files {
        match congvan::extract_file(file, &limits) {
            Ok(x) => {
                let _ = write!(stdout, "{}", report::render(&x));
                if x.findings.iter().any(|f| f.severity == Severity::Error) {
                    status = status.max(1);
                }
            }
            Err(e) => {
                eprintln!("congvan: {}: {e}", file.display());
                status = 2;
            }
        }
    }
    ExitCode::from(status)
}

fn extract(files: &[PathBuf], out: Option<&Path>, pretty: bool) -> ExitCode {
    if let Some(dir) = out
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!(
            "congvan: {}: cannot create the output folder: {e}",
            dir.display()
        );
        return ExitCode::from(2);
    }
    let limits = Limits::default();
    let mut failed = false;
    let stdout = std::io::stdout();
    for file in files {
        let result = congvan::extract_file(file, &limits).and_then(|x| {
            let json = if pretty || out.is_some() {
                serde_json::to_string_pretty(&x)
            } else {
                serde_json::to_string(&x)
            };
            json.map_err(|e| congvan::Error::Internal(e.to_string()))
        });
        let written = match result {
            Ok(json) => match out {
                Some(dir) => batch::write_atomic(&dir.join(output_name(file)), json.as_bytes()),
                None => writeln!(stdout.lock(), "{json}"),
            },
            Err(e) => {
                eprintln!("congvan: {}: {e}", file.display());
                failed = true;
                continue;
            }
        };
        if let Err(e) = written {
            eprintln!("congvan: {}: cannot write the output: {e}", file.display());
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `a.signed.pdf` → `a.signed.json`: only the last extension is replaced.
fn output_name(file: &Path) -> PathBuf {
    PathBuf::from(file.file_name().unwrap_or(file.as_os_str())).with_extension("json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_name_keeps_inner_dots() {
        assert_eq!(
            output_name(Path::new("x/05.signed_2025.pdf")),
            PathBuf::from("05.signed_2025.json")
        );
        assert_eq!(output_name(Path::new("plan")), PathBuf::from("plan.json"));
    }
}
