#!/usr/bin/env bash
# Benchmark: congvan batch over COPIES copies of the four seed PDFs, against
# `pdftotext -layout` (text only, no tables) over the same files in the same
# run. Prints pages/s, the ratios, and peak memory; then what review pages
# (--review) and the batch's workbook or CSV (-f xlsx, -f csv) add to a
# batch's time.
#
#   bash benches/batch.sh [COPIES]        (default 75 → 300 files)
#
# Needs poppler-utils (pdftotext) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-75}
command -v pdftotext >/dev/null || { echo "needs pdftotext (apt-get install poppler-utils)"; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)"; exit 2; }
cargo build --release -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
for i in $(seq 1 "$copies"); do
  for f in fixtures/seeds/*.pdf; do cp "$f" "$work/in/$(basename "$f" .pdf)-$i.pdf"; done
done
files=$(ls "$work/in" | wc -l)
pages=0
for f in fixtures/seeds/*.pdf; do
  pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
done
pages=$((pages * copies))

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
  # time notes a non-zero exit (a count_mismatch in the seeds) on a line of its own
  read -r secs kb < <(tail -n 1 "$work/time")
  printf '%-28s %8.2f s  %9.1f pages/s  peak %6.1f MB\n' "$label" "$secs" "$(echo "$pages / $secs" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
  echo "$secs" > "$work/$label.secs"
}

echo "corpus: $files files, $pages pages ($(nproc) cores)"
measure pdftotext-layout sh -c "for f in '$work'/in/*.pdf; do pdftotext -layout \"\$f\" /dev/null; done"
measure congvan-batch-jobs-1 ./target/release/congvan batch "$work/in" --out "$work/out1" --jobs 1 --force
measure congvan-batch-jobs-2 ./target/release/congvan batch "$work/in" --out "$work/out2" --jobs 2 --force
measure congvan-batch-review ./target/release/congvan batch "$work/in" --out "$work/out3" --jobs 1 --force --review
measure congvan-batch-xlsx ./target/release/congvan batch "$work/in" --out "$work/out4" --jobs 1 --force -f xlsx
measure congvan-batch-csv ./target/release/congvan batch "$work/in" --out "$work/out5" --jobs 1 --force -f csv
base=$(cat "$work/pdftotext-layout.secs"); one=$(cat "$work/congvan-batch-jobs-1.secs"); two=$(cat "$work/congvan-batch-jobs-2.secs")
printf 'congvan 1 job vs pdftotext -layout: %.2fx the pages/s\n' "$(echo "$base / $one" | bc -l)"
printf 'congvan 2 jobs vs 1 job:            %.2fx\n' "$(echo "$one / $two" | bc -l)"
for extra in review xlsx csv; do
  t=$(cat "$work/congvan-batch-$extra.secs")
  printf 'batch --%-6s vs batch (1 job):    +%.0f%% time\n' "$extra" "$(echo "($t / $one - 1) * 100" | bc -l)"
done
