#!/usr/bin/env bash
# Side-by-side benchmark of `techframe annotate` against prose v2 on the State
# of the Union corpus (../shared/bench). Prints run3.sh lines (median wall,
# peak RSS) for each configuration; compare ratios from the same run.
#   scripts/bench-annotate.sh            # N=3 runs each
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
B="${BENCH_KIT:-$here/../shared/bench}"
[ -d "$B" ] || { echo "$0: no bench kit at $B: these scripts use the workplace's shared/bench folder beside the repository; set BENCH_KIT to its path" >&2; exit 2; }
W="${BENCH_WORK:-/tmp/techframe-bench}"
N="${N:-3}"
[ -s "$W/data/sotu.jsonl" ] || "$B/setup.sh"
mkdir -p "$W/bin"
(cd "$here" && go build -o "$W/bin/techframe" ./cmd/techframe)
(cd "$B/prose-probe" && go build -o "$W/bin/prose-probe" .)
R="$B/peers/run3.sh"; T="$W/bin/techframe"; P="$W/bin/prose-probe"; D="$W/data"
cd "$W"
# tokens + sentences, no POS (entities and framing off, then on)
$R tf/annotate/tok/sotu        "$N" -- "$T" annotate --no-entities --no-framing -o /dev/null "$D/sotu.jsonl"
$R tf/annotate/full/sotu       "$N" -- "$T" annotate -o /dev/null "$D/sotu.jsonl"
$R prose/notag+reuse/w2/sotu   "$N" -- "$P" -in "$D/sotu.jsonl" -mode notag -workers 2 -reuse
$R prose/tokonly+reuse/w2/sotu "$N" -- "$P" -in "$D/sotu.jsonl" -mode tokonly -workers 2 -reuse
# memory growth: 10x corpus
$R tf/annotate/full/sotu10x    1    -- "$T" annotate -o /dev/null "$D/sotu10x.jsonl"
# POS on the 30-document subset, 1 and 2 workers, against prose's best POS configuration
$R tf/annotate/pos/j1/every8   "$N" -- "$T" annotate --pos --no-entities --no-framing --jobs 1 -o /dev/null "$D/sotu-every8.jsonl"
$R tf/annotate/pos/j2/every8   "$N" -- "$T" annotate --pos --no-entities --no-framing --jobs 2 -o /dev/null "$D/sotu-every8.jsonl"
$R prose/noner+reuse/w1/every8 "$N" -- "$P" -in "$D/sotu-every8.jsonl" -mode noner -workers 1 -reuse
$R prose/noner+reuse/w2/every8 "$N" -- "$P" -in "$D/sotu-every8.jsonl" -mode noner -workers 2 -reuse
