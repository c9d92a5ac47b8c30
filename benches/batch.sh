#!/usr/bin/env bash
# Benchmark: congvan batch over COPIES copies of the four seed PDFs, against
# `pdftotext -layout` (text only, no tables) over the same files in the same
# run. Prints pages/s, the ratios, and peak memory.
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
base=$(cat "$work/pdftotext-layout.secs"); one=$(cat "$work/congvan-batch-jobs-1.secs"); two=$(cat "$work/congvan-batch-jobs-2.secs")
printf 'congvan 1 job vs pdftotext -layout: %.2fx the pages/s\n' "$(echo "$base / $one" | bc -l)"
printf 'congvan 2 jobs vs 1 job:            %.2fx\n' "$(echo "$one / $two" | bc -l)"
