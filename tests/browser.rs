//! The review page in a real browser: headless Chromium draws a seed's page
//! with no console message (the page has no script: any message is an
//! error: a resource it failed to load, markup it refused), and the
//! screenshot shows the page, its cells coloured. Needs Debian's chromium;
//! where it is missing the test says so and passes, unless
//! CONGVAN_REQUIRE_BROWSER is set (CI sets it).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one page may take to draw before the browser is killed.
const BROWSER_DEADLINE: Duration = Duration::from_secs(90);

/// The browser here, if any.
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        let why = "Chromium is missing (apt-get install chromium)";
        assert!(
            std::env::var_os("CONGVAN_REQUIRE_BROWSER").is_none(),
            "{why}"
        );
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "SKIPPED: {why}");
    }
    found
}

/// Draws `page` to `png`; returns the console messages the browser logged.
fn screenshot(browser: &str, page: &Path, png: &Path) -> Vec<String> {
    let profile = png.with_extension("profile");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1280,1400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > BROWSER_DEADLINE {
            let _ = child.kill();
            panic!("{browser} did not finish drawing {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let log = reader.join().unwrap();
    log.lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Failed to load"))
        .map(str::to_string)
        .collect()
}

/// An 8-bit RGB or RGBA PNG (what Chromium writes) as RGB pixels.
fn rgb_pixels(png: &[u8]) -> (usize, usize, Vec<[u8; 3]>) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let (mut width, mut height, mut channels) = (0, 0, 0);
    let mut data = Vec::new();
    let mut at = 8;
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        let body = &png[at + 8..at + 8 + len];
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(body[0..4].try_into().unwrap()) as usize;
                height = u32::from_be_bytes(body[4..8].try_into().unwrap()) as usize;
                assert_eq!(body[8], 8, "bit depth");
                assert_eq!(body[12], 0, "interlaced");
                channels = match body[9] {
                    2 => 3,
                    6 => 4,
                    t => panic!("colour type {t}"),
                };
            }
            b"IDAT" => data.extend_from_slice(body),
            _ => {}
        }
        at += 12 + len;
    }
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&data[..])
        .read_to_end(&mut raw)
        .unwrap();
    let stride = width * channels;
    let mut prev = vec![0u8; stride];
    let mut pixels = Vec::with_capacity(width * height);
    for row in raw.chunks(stride + 1).take(height) {
        let (filter, line) = (row[0], &row[1..]);
        let mut cur = vec![0u8; stride];
        for i in 0..stride {
            let a = if i >= channels { cur[i - channels] } else { 0 } as i16;
            let b = prev[i] as i16;
            let c = if i >= channels { prev[i - channels] } else { 0 } as i16;
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                f => panic!("filter {f}"),
            };
            cur[i] = line[i].wrapping_add(predicted as u8);
        }
        pixels.extend(cur.chunks(channels).map(|p| [p[0], p[1], p[2]]));
        prev = cur;
    }
    (width, height, pixels)
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("congvan-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_review_page_draws_in_chromium_without_errors() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempdir();
    // the check itself: a page that logs an error is caught
    let broken = dir.join("broken.html");
    std::fs::write(
        &broken,
        "<!DOCTYPE html><html><body>x<script>console.error('boom')</script></body></html>",
    )
    .unwrap();
    let messages = screenshot(browser, &broken, &dir.join("broken.png"));
    assert!(
        messages.iter().any(|m| m.contains("boom")),
        "console messages are not seen: {messages:?}"
    );

    let path = common::fixture("seeds/seed-000.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let i = congvan::inspect_bytes(
        &bytes,
        "seed-000.pdf",
        &path,
        &Default::default(),
        congvan::Keep::All,
    )
    .unwrap();
    let page = dir.join("seed-000.html");
    std::fs::write(&page, congvan::review::html(&i)).unwrap();
    let png = dir.join("seed-000.png");
    let messages = screenshot(browser, &page, &png);
    assert!(messages.is_empty(), "console: {messages:#?}");
    let (width, height, pixels) = rgb_pixels(&std::fs::read(&png).unwrap());
    assert_eq!((width, height), (1280, 1400));
    let white = pixels.iter().filter(|p| p.iter().all(|&c| c > 245)).count();
    let ink = pixels.iter().filter(|p| p.iter().all(|&c| c < 100)).count();
    // the role fills: pixels clearly tinted (one channel far from another)
    let tinted = pixels
        .iter()
        .filter(|p| p.iter().max().unwrap() - p.iter().min().unwrap() > 20)
        .count();
    let share = |n: usize| n as f64 / pixels.len() as f64;
    assert!(share(white) > 0.2, "no paper: {:.3}", share(white));
    assert!(share(ink) > 0.01, "no text drawn: {:.4}", share(ink));
    assert!(
        share(tinted) > 0.03,
        "no cell coloured: {:.4}",
        share(tinted)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
