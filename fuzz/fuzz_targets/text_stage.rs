//! Any bytes through the text input (as another tool's extracted text): no
//! layout of lines, columns, tabs or legacy codes may make it panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = congvan::extract_text(data, "fuzz.txt");
});
