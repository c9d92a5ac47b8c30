//! `congvan batch` on a terminal: a progress bar, then one closing line.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use congvan::batch::{self, Entry, Status};
use indicatif::{ProgressBar, ProgressStyle};

pub fn run_batch(inputs: &[PathBuf], opts: &batch::Options) -> ExitCode {
    let bar = if std::io::stderr().is_terminal() {
        let total = batch::discover(inputs).map_or(0, |j| j.len() as u64);
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let report = |e: &Entry| {
        if let Some(bar) = &bar {
            bar.inc(1);
            if e.status == Status::Failed {
                bar.println(format!(
                    "congvan: {}: {}",
                    e.input,
                    e.message.as_deref().unwrap_or("failed")
                ));
            }
        } else if e.status == Status::Failed {
            eprintln!(
                "congvan: {}: {}",
                e.input,
                e.message.as_deref().unwrap_or("failed")
            );
        }
    };
    let summary = match batch::run(inputs, opts, &report) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("congvan: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
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
    if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
