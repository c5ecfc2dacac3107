#!/usr/bin/env bash
# bench-keywords.sh: TF-IDF parity with scikit-learn and whole-process timing of
# `techframe keywords` against peers/tfidf_bench.py (scikit-learn TfidfVectorizer).
#
#   scripts/bench-keywords.sh            # parity (2 settings) + timing on sotu.jsonl and sotu10x.jsonl
#   N=5 scripts/bench-keywords.sh        # more runs per command (median reported)
#   SKIP_10X=1 scripts/bench-keywords.sh
#
# Needs the bench data (../shared/bench/setup.sh). Results are appended to
# $BENCH_WORK/results/runs.tsv by peers/run3.sh; A and B runs alternate so that
# the ratio is taken on the same machine load.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${BENCH:-/work/shared/bench}"
WORK="${BENCH_WORK:-/tmp/techframe-bench}"
DATA="$WORK/data"
N="${N:-3}"
TF="${TF_BIN:-/tmp/tf}"
OUT="$WORK/keywords"
mkdir -p "$OUT"

[ -f "$DATA/sotu.jsonl" ] || { echo "no $DATA/sotu.jsonl: run $BENCH/setup.sh first" >&2; exit 2; }
(cd "$HERE" && go build -o "$TF" ./cmd/techframe)

echo "== parity: default settings (raw tf, smooth idf, l2, min_df 1)"
"$TF" keywords "$DATA/sotu.jsonl" -q --export-matrix "$OUT/parity-default" -o "$OUT/parity-default.tsv"
/usr/bin/python3 "$BENCH/peers/tfidf_parity.py" "$OUT/parity-default"

echo "== parity: sublinear tf, plain idf (no smoothing), min_df 0.05 (fraction), max_df 0.9, uni+bigrams"
"$TF" keywords "$DATA/sotu.jsonl" -q --tf sublinear --idf plain --min-df 0.05 --max-df 0.9 --ngrams 1-2 \
  --export-matrix "$OUT/parity-sublinear" -o "$OUT/parity-sublinear.tsv"
/usr/bin/python3 "$BENCH/peers/tfidf_parity.py" "$OUT/parity-sublinear"

echo "== parity: l1 norm, no idf, stemmed, min_df 2"
"$TF" keywords "$DATA/sotu.jsonl" -q --norm l1 --idf none --stem snowball --min-df 2 \
  --export-matrix "$OUT/parity-l1" -o "$OUT/parity-l1.tsv"
/usr/bin/python3 "$BENCH/peers/tfidf_parity.py" "$OUT/parity-l1"

corpora=(sotu)
[ -n "${SKIP_10X:-}" ] || corpora+=(sotu10x)
for c in "${corpora[@]}"; do
  echo "== timing: $c.jsonl -> top-terms table (whole process; min_df 2 like the peer)"
  for i in $(seq 1 "$N"); do
    "$BENCH/peers/run3.sh" "keywords-sklearn-$c" 1 -- /usr/bin/python3 "$BENCH/peers/tfidf_bench.py" "$DATA/$c.jsonl"
    "$BENCH/peers/run3.sh" "keywords-techframe-$c" 1 -- "$TF" keywords "$DATA/$c.jsonl" -q --min-df 2 -o "$OUT/top-$c.tsv"
  done
done
echo "== summary (last $N pairs per corpus; ratio = sklearn wall / techframe wall, median of pairs)"
for c in "${corpora[@]}"; do
  paste <(grep -P "^keywords-sklearn-$c\t" "$WORK/results/runs.tsv" | tail -n "$N" | cut -f3,5) \
        <(grep -P "^keywords-techframe-$c\t" "$WORK/results/runs.tsv" | tail -n "$N" | cut -f3,5) |
  sed 's/wall_med=//g; s/rss_med_MiB=//g' |
  awk -v c="$c" '{printf "%s\t%s\t%s\t%s\t%s\n", $1/$3, $1, $3, $2, $4}' | sort -g |
  awk -v c="$c" '{r[NR]=$1; sw[NR]=$2; tw[NR]=$3; sr[NR]=$4; tr[NR]=$5}
    END{m=int((NR+1)/2); printf "%s: pair of median ratio: sklearn wall %s s, techframe wall %s s -> speed-up %.2fx (median of %d pair ratios); peak RSS sklearn %s MiB, techframe %s MiB\n", c, sw[m], tw[m], r[m], NR, sr[m], tr[m]}'
done
