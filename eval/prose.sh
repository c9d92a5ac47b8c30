#!/bin/sh
# Scores prose assignments on the real corpus against the hand-written truth
# in eval/prose-truth/ (33 documents of ../shared/corpus/real; written by
# readers of the shared convention, see NOTES-*.md there). Not part of CI:
# it needs ../shared beside the project.
#
#   sh eval/prose.sh        → per-document lines and the TOTAL line
set -eu
cd "$(dirname "$0")/.."
cargo build --release -q
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for t in eval/prose-truth/*.expected.json; do
  n=$(basename "$t" .expected.json)
  ./target/release/congvan extract -q "../shared/corpus/real/$n.pdf" > "$out/$n.json" 2>/dev/null || true
done
python3 ../shared/eval/score.py --dirs eval/prose-truth "$out"
