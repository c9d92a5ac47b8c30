#!/usr/bin/env bash
# Fuzz the PDF stage for a bounded time, seeded with the fixtures.
#
#   bash fuzz/run.sh [SECONDS]     (default 300)
#
# Needs cargo-fuzz (cargo install cargo-fuzz). On a stable toolchain,
# RUSTC_BOOTSTRAP=1 lets it use the sanitizer flags it needs. A crash input
# lands in fuzz/artifacts/pdf_stage/: fix the cause, and keep the input as a
# fixture with a test in tests/hostile.rs that runs it through the batch.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-300}
corpus=corpus/pdf_stage
mkdir -p "$corpus"
for f in ../fixtures/*.pdf ../fixtures/seeds/*.pdf; do
  [ -f "$f" ] && cp -n "$f" "$corpus/" 2>/dev/null || true
done
export RUSTC_BOOTSTRAP=1
cargo fuzz run pdf_stage "$corpus" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -max_len=262144
