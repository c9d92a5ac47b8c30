//! `congvan batch` on a terminal: a progress bar, then one closing line.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use congvan::batch::{self, Entry, Status};
use indicatif::{ProgressBar, ProgressStyle};

/// Runs the batch and returns its exit status.
pub fn run_batch(inputs: &[PathBuf], opts: &batch::Options, stop: &AtomicBool, quiet: bool) -> u8 {
    let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(batch::discover(inputs).len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let report = |e: &Entry| {
        let line = (e.status == Status::Failed).then(|| {
            format!(
                "congvan: {}: {}",
                e.input,
                e.message.as_deref().unwrap_or("failed")
            )
        });
        match (&bar, line) {
            (Some(bar), line) => {
                bar.inc(1);
                if let Some(line) = line {
                    bar.println(line);
                }
            }
            (None, Some(line)) => eprintln!("{line}"),
            (None, None) => {}
        }
    };
    let summary = match batch::run(inputs, opts, stop, &report) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("congvan: {e}");
            return 2;
        }
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !quiet {
        let rate = if summary.seconds > 0.0 {
            summary.pages as f64 / summary.seconds
        } else {
            0.0
        };
        eprintln!(
            "files {}, pages {}, tasks {}, findings {}, failures {}, skipped {}, elapsed {:.1} s, {:.1} pages/s",
            summary.files,
            summary.pages,
            summary.tasks,
            summary.findings,
            summary.failed,
            summary.skipped,
            summary.seconds,
            rate
        );
    }
    if summary.interrupted {
        eprintln!(
            "congvan: interrupted: {} of {} inputs left for the next run",
            summary
                .entries
                .iter()
                .filter(|e| e.kind.as_deref() == Some("interrupted"))
                .count(),
            summary.files
        );
        return 130;
    }
    summary.exit_status()
}
