#!/usr/bin/env bash
# Benchmark: congvan reading scans by OCR, on one core, against the floor of
# the same pages drawn by pdftoppm at 300 dpi and read by `tesseract` alone
# (whole page, the same model, OMP_THREAD_LIMIT=1), measured in the same run.
# Prints seconds per page of each and their ratio, per scan and in total.
#
#   bash benches/ocr.sh [SCAN.pdf ...]    (default: the scans of fixtures/scans/)
#
# Needs tesseract (with vie), poppler-utils and taskset (util-linux).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in tesseract pdftoppm pdfinfo taskset; do
  command -v "$tool" >/dev/null || { echo "needs $tool"; exit 2; }
done
cargo build --release -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  for name in ruled-jpeg-skew ruled-g4 upside-down-g4 borderless-jpeg prose-200dpi kh-753-table; do
    files+=("fixtures/scans/$name.pdf")
  done
fi
export OMP_THREAD_LIMIT=1
now() { date +%s.%N; }
total_pages=0 total_cv=0 total_floor=0
printf '%-28s %5s %12s %12s %7s\n' scan pages congvan_s/p floor_s/p ratio
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  t0=$(now)
  taskset -c 0 ./target/release/congvan extract "$f" >/dev/null 2>&1 || true
  t1=$(now)
  for p in $(seq 1 "$pages"); do
    taskset -c 0 pdftoppm -r 300 -gray -f "$p" -l "$p" "$f" "$work/page"
    taskset -c 0 tesseract "$work"/page*.pgm "$work/out" -l vie --psm 3 tsv >/dev/null 2>&1
    rm -f "$work"/page*.pgm
  done
  t2=$(now)
  cv=$(echo "$t1 - $t0" | bc -l); floor=$(echo "$t2 - $t1" | bc -l)
  printf '%-28s %5d %12.2f %12.2f %6.2fx\n' "$(basename "$f" .pdf)" "$pages" \
    "$(echo "$cv / $pages" | bc -l)" "$(echo "$floor / $pages" | bc -l)" "$(echo "$cv / $floor" | bc -l)"
  total_pages=$((total_pages + pages))
  total_cv=$(echo "$total_cv + $cv" | bc -l); total_floor=$(echo "$total_floor + $floor" | bc -l)
done
printf '%-28s %5d %12.2f %12.2f %6.2fx\n' all "$total_pages" \
  "$(echo "$total_cv / $total_pages" | bc -l)" "$(echo "$total_floor / $total_pages" | bc -l)" \
  "$(echo "$total_cv / $total_floor" | bc -l)"
