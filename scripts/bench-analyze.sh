#!/usr/bin/env bash
# bench-analyze.sh: `techframe analyze` against the sum of its parts run alone
# (annotate with entities and framing, keywords, topics) on the State of the
# Union corpus with k=20, and analyze's peak RSS on the 10x corpus.
#   scripts/bench-analyze.sh             # N=1 run each (the topic model takes about a minute)
#   N=3 scripts/bench-analyze.sh
# The 10x run uses --iterations 50: memory does not depend on the number of
# Gibbs sweeps, and 500 sweeps over 19M tokens take many minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
B="${BENCH_KIT:-$here/../shared/bench}"
[ -d "$B" ] || { echo "$0: no bench kit at $B: these scripts use the workplace's shared/bench folder beside the repository; set BENCH_KIT to its path" >&2; exit 2; }
W="${BENCH_WORK:-/tmp/techframe-bench}"
N="${N:-1}"
[ -s "$W/data/sotu.jsonl" ] || "$B/setup.sh"
mkdir -p "$W/bin" "$W/analyze"
(cd "$here" && go build -o "$W/bin/techframe" ./cmd/techframe)
R="$B/peers/run3.sh"; T="$W/bin/techframe"; D="$W/data"; O="$W/analyze"
$R tf/annotate/sotu        "$N" -- "$T" annotate -q -o /dev/null "$D/sotu.jsonl"
$R tf/keywords/sotu        "$N" -- "$T" keywords -q -o /dev/null "$D/sotu.jsonl"
$R tf/topics/k20/sotu      "$N" -- "$T" topics -q --k 20 --seed 1 -o /dev/null "$D/sotu.jsonl"
$R tf/analyze/k20/sotu     "$N" -- "$T" analyze -q --k 20 --seed 1 -o "$O/sotu.xlsx" "$D/sotu.jsonl"
$R tf/analyze/k20/sotu10x  1    -- "$T" analyze -q --k 20 --seed 1 --iterations 50 -o "$O/sotu10x.xlsx" "$D/sotu10x.jsonl"
awk -F'\t' '$1 ~ /^tf\/(annotate|keywords|topics\/k20|analyze\/k20)\/sotu$/ { split($3, w, "="); t[$1] = w[2] }
  END { parts = t["tf/annotate/sotu"] + t["tf/keywords/sotu"] + t["tf/topics/k20/sotu"];
        printf "sum of parts %.2f s, analyze %.2f s, ratio %.2f\n", parts, t["tf/analyze/k20/sotu"], t["tf/analyze/k20/sotu"] / parts }' \
  "$W/results/runs.tsv"
