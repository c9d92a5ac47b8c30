//! The outside programs the OCR stage runs (pdftoppm, tesseract): fed on
//! standard input, read from standard output, killed at the deadline.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::OcrError;

/// A thread reading all a child's pipe says (both pipes are read at once,
/// so that neither fills and stalls the child).
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut out);
        }
        out
    })
}

/// Runs `program` with `args`, `input` on its standard input; its standard
/// output, or why there is none. Past `deadline` the program is killed.
pub fn run(
    program: &'static str,
    args: &[&str],
    input: Vec<u8>,
    deadline: Option<Instant>,
) -> Result<Vec<u8>, OcrError> {
    let mut child = Command::new(program)
        .args(args)
        // Tesseract's OpenMP threads make it 3–4× slower when documents
        // already run side by side (measured); one per process.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => OcrError::Missing(program),
            _ => OcrError::Failed(program, e.to_string()),
        })?;
    let mut stdin = child.stdin.take();
    let feeder = std::thread::spawn(move || {
        // a program that stops reading early closes the pipe: not our error
        if let Some(pipe) = stdin.as_mut() {
            let _ = pipe.write_all(&input);
        }
    });
    let reader = drain(child.stdout.take());
    let errors = drain(child.stderr.take());
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if deadline.is_some_and(|d| Instant::now() >= d) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(OcrError::Timeout(program));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(OcrError::Failed(program, e.to_string()));
            }
        }
    };
    let _ = feeder.join();
    let out = reader.join().unwrap_or_default();
    let err = String::from_utf8_lossy(&errors.join().unwrap_or_default()).into_owned();
    if status.success() {
        Ok(out)
    } else {
        // all it said, on one line, bounded: a model missing is told two
        // lines before the last
        let said: Vec<&str> = err
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let said: String = said.join(" / ").chars().take(400).collect();
        Err(OcrError::Failed(program, format!("{status}: {said}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_missing_programs_and_deadlines() {
        let out = run("cat", &[], b"abc".to_vec(), None).unwrap();
        assert_eq!(out, b"abc");
        assert!(matches!(
            run("congvan-no-such-program", &[], vec![], None),
            Err(OcrError::Missing(_))
        ));
        let start = Instant::now();
        let late = run(
            "sleep",
            &["5"],
            vec![],
            Some(start + Duration::from_millis(100)),
        );
        assert!(matches!(late, Err(OcrError::Timeout(_))));
        assert!(start.elapsed() < Duration::from_secs(2));
        assert!(matches!(
            run("false", &[], vec![], None),
            Err(OcrError::Failed(..))
        ));
    }
}
