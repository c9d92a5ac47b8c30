#!/usr/bin/env bash
# Fuzz a stage for a bounded time, seeded with the fixtures: pdf_stage (any
# bytes as a PDF) or text_stage (any bytes as extracted text).
#
#   bash fuzz/run.sh [SECONDS] [TARGET]     (default 300 s, pdf_stage)
#
# Needs cargo-fuzz (cargo install cargo-fuzz). On a stable toolchain,
# RUSTC_BOOTSTRAP=1 lets it use the sanitizer flags it needs. A crash input
# lands in fuzz/artifacts/TARGET/: fix the cause, and keep the input as a
# fixture with a test in tests/hostile.rs that runs it through the batch.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-300}
target=${2:-pdf_stage}
corpus=corpus/$target
mkdir -p "$corpus"
case $target in
  pdf_stage) seeds=(../fixtures/*.pdf ../fixtures/seeds/*.pdf) ;;
  text_stage) seeds=(../fixtures/text/*.txt ../fixtures/seeds/*.txt) ;;
  *) echo "unknown target $target (pdf_stage, text_stage)"; exit 2 ;;
esac
for f in "${seeds[@]}"; do
  [ -f "$f" ] && cp -n "$f" "$corpus/" 2>/dev/null || true
done
export RUSTC_BOOTSTRAP=1
cargo fuzz run "$target" "$corpus" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -max_len=262144
