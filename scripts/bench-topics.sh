#!/usr/bin/env bash
# bench-topics.sh: techframe topics (LDA and NMF, k=20) on the shared bench corpus.
#  1. fits each model twice with --seed 1 and checks the --topic-words files are identical;
#  2. scores them with the shared scorer (score_topics.py, gensim) and with techframe's own
#     coherence (pipeline/topics TestScoreTopicsFile) and checks NPMI and UMass agree within 0.01;
#  3. prints wall time and peak RSS of each techframe run (GNU time).
# Peers: run them in the same session with  ONLY=topics /work/shared/bench/peers/python.sh
# (or peers/run3.sh) and compare ratios from the same run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${BENCH_WORK:-/tmp/techframe-bench}"
DATA="$BENCH/data"
PEERS="${PEERS:-/work/shared/bench/peers}"
OUT="$BENCH/results/techframe-topics"
mkdir -p "$OUT"
[ -f "$DATA/paras.train.txt" ] || { echo "missing $DATA/paras.train.txt: run the bench setup.sh first" >&2; exit 2; }
BIN="$OUT/techframe"
(cd "$ROOT" && go build -o "$BIN" ./cmd/techframe)
status=0
for model in lda nmf; do
  for run in 1 2; do
    /usr/bin/time -f "%e %M" -o "$OUT/$model.$run.time" \
      "$BIN" topics "$DATA/paras.train.txt" --format lines --tokenizer whitespace --k 20 --model "$model" \
      --seed 1 --jobs "${JOBS:-2}" --topic-words "$OUT/$model.$run.txt" -o "$OUT/$model.$run.tsv" 2>"$OUT/$model.$run.err"
    read -r wall rss < "$OUT/$model.$run.time"
    echo "techframe $model run $run: wall ${wall}s peak RSS $((rss / 1024)) MiB"
  done
  if cmp -s "$OUT/$model.1.txt" "$OUT/$model.2.txt"; then
    echo "techframe $model: identical topic words across runs (seed 1)"
  else
    echo "techframe $model: topic words DIFFER across runs" >&2; status=1
  fi
  ref=$(/usr/bin/python3 "$PEERS/score_topics.py" "$OUT/$model.1.txt" "$DATA/paras.tok.txt")
  ours=$(cd "$ROOT" && TOPICS_FILE="$OUT/$model.1.txt" TOPICS_REF="$DATA/paras.tok.txt" \
    go test -count=1 -v -run TestScoreTopicsFile ./pipeline/topics/ | grep '^{"c_npmi"')
  python3 - "$model" "$ref" "$ours" <<'PY' || status=1
import json, sys
model, ref, ours = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
ok = True
for m in ("c_npmi", "u_mass"):
    d = abs(ref[m] - ours[m])
    print(f"{model} {m}: score_topics.py {ref[m]:.4f}  techframe {ours[m]:.4f}  |diff| {d:.5f}")
    ok &= d <= 0.01
print(f"{model} diversity (top 10) {ref['diversity']}")
sys.exit(0 if ok else 1)
PY
done
exit $status
