#!/usr/bin/env bash
# The cost of the entities and framing stages: `techframe annotate` on the
# State of the Union corpus (../shared/bench) with and without them, in
# alternating pairs so that both see the same machine, reporting the
# minimum CPU time (user + system) and the minimum wall time of each and
# their ratio (the issue's target is 1.25 or less).
#   scripts/bench-stages.sh              # 11 pairs on sotu.jsonl
#   ROUNDS=21 CORPUS=sotu10x.jsonl scripts/bench-stages.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
W="${BENCH_WORK:-/tmp/techframe-bench}"
ROUNDS="${ROUNDS:-11}"
CORPUS="${CORPUS:-sotu.jsonl}"
B="${BENCH_KIT:-$here/../shared/bench}"
[ -d "$B" ] || { echo "$0: no bench kit at $B: these scripts use the workplace's shared/bench folder beside the repository; set BENCH_KIT to its path" >&2; exit 2; }
[ -s "$W/data/$CORPUS" ] || "$B/setup.sh"
mkdir -p "$W/bin"
(cd "$here" && go build -o "$W/bin/techframe" ./cmd/techframe)
T="$W/bin/techframe"
for _ in $(seq "$ROUNDS"); do
  /usr/bin/time -f "off %U %S %e" "$T" annotate --no-entities --no-framing -o /dev/null "$W/data/$CORPUS" 2>&1 | tail -1
  /usr/bin/time -f "on %U %S %e" "$T" annotate -o /dev/null "$W/data/$CORPUS" 2>&1 | tail -1
done | awk -v n="$ROUNDS" -v c="$CORPUS" '
  { cpu = $2 + $3
    if (!($1 in mc) || cpu < mc[$1]) mc[$1] = cpu
    if (!($1 in mw) || $4 < mw[$1]) mw[$1] = $4 }
  END { printf "%s, %d pairs, minimum of each: CPU without %.2f s, with %.2f s, ratio %.2f; wall without %.2f s, with %.2f s, ratio %.2f\n",
        c, n, mc["off"], mc["on"], mc["on"] / mc["off"], mw["off"], mw["on"], mw["on"] / mw["off"] }'
