//! Any bytes through the PDF stage and the whole pipeline: nothing may panic
//! or run away. Bounds are small so one input stays quick.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = congvan::pdf::Limits {
        max_pages: 20,
        max_stream_bytes: 4 << 20,
        max_operations: 200_000,
        max_glyphs_per_page: 20_000,
        max_rules_per_page: 5_000,
        deadline: Some(std::time::Instant::now() + std::time::Duration::from_secs(5)),
        password: None,
        // the PDF stage alone: no outside programs under the fuzzer
        ocr: None,
    };
    let _ = congvan::extract_pdf(data, "fuzz.pdf", &limits);
});
