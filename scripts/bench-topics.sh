#!/usr/bin/env bash
# bench-topics.sh: techframe topics (LDA and NMF, k=20) on the shared bench corpus.
#  1. fits each model twice with --seed 1 and checks the --topic-words files are identical;
#  2. scores both rankings (--rank weight and relevance) with the shared scorer score_topics.py
#     (gensim's NPMI and UMass against paras.tok.txt), and checks techframe's own coherence
#     (pipeline/topics TestScoreTopicsFile) agrees within 0.01;
#  3. prints wall time and peak RSS of each techframe run (GNU time);
#  4. saves the LDA model, infers the training paragraphs back and reports how many keep
#     their fitted top topic; fits with --holdout 0.1 and prints the held-out perplexity.
# ITERS="300 500 1000" adds an LDA sweep over --iterations (both rankings, wall time).
# PEERS=1 also runs gensim LdaMulticore, scikit-learn LDA (batch) and scikit-learn NMF in the
# same session, so that wall-time ratios come from one run (this machine is shared: absolute
# seconds drift).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BENCH="${BENCH_WORK:-/tmp/techframe-bench}"
DATA="$BENCH/data"
PEERDIR="${PEERDIR:-/work/shared/bench/peers}"
OUT="$BENCH/results/techframe-topics"
mkdir -p "$OUT"
[ -f "$DATA/paras.train.txt" ] || { echo "missing $DATA/paras.train.txt: run the bench setup.sh first" >&2; exit 2; }
BIN="$OUT/techframe"
(cd "$ROOT" && go build -o "$BIN" ./cmd/techframe)
status=0
common=(--format lines --tokenizer whitespace --k 20 --seed 1 --jobs "${JOBS:-2}")

# score FILE: prints "npmi umass" from score_topics.py
score() { /usr/bin/python3 "$PEERDIR/score_topics.py" "$1" "$DATA/paras.tok.txt" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["c_npmi"], r["u_mass"])'; }

# timed NAME ARGS...: runs techframe topics under GNU time, prints "wall rss_mib"
timed() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$BIN" topics "$DATA/paras.train.txt" "${common[@]}" "$@" 2>"$OUT/$name.err"
  read -r wall rss < "$OUT/$name.time"
  echo "$wall $((rss / 1024))"
}

for model in lda nmf; do
  for run in 1 2; do
    read -r wall rss < <(timed "$model.$run" --model "$model" --rank weight --topic-words "$OUT/$model.$run.txt" -o "$OUT/$model.$run.tsv")
    echo "techframe $model run $run: wall ${wall}s peak RSS ${rss} MiB"
  done
  if cmp -s "$OUT/$model.1.txt" "$OUT/$model.2.txt"; then
    echo "techframe $model: identical topic words across runs (seed 1)"
  else
    echo "techframe $model: topic words DIFFER across runs" >&2; status=1
  fi
  "$BIN" topics "$DATA/paras.train.txt" "${common[@]}" --model "$model" --rank relevance --topic-words "$OUT/$model.rel.txt" -o /dev/null -q
  echo "techframe $model NPMI/UMass, weight ranking: $(score "$OUT/$model.1.txt"); relevance (lambda 0.6): $(score "$OUT/$model.rel.txt")"
  ref=$(/usr/bin/python3 "$PEERDIR/score_topics.py" "$OUT/$model.1.txt" "$DATA/paras.tok.txt")
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
sys.exit(0 if ok else 1)
PY
done

# Save, infer the training paragraphs back, compare top topics.
"$BIN" topics "$DATA/paras.train.txt" "${common[@]}" --model lda --table docs --save-model "$OUT/lda.model.json" -o "$OUT/lda.docs.tsv" -q
"$BIN" topics infer --model "$OUT/lda.model.json" --format lines --jobs "${JOBS:-2}" "$DATA/paras.train.txt" -o "$OUT/lda.infer.tsv" -q
python3 - "$OUT/lda.docs.tsv" "$OUT/lda.infer.tsv" <<'PY'
import sys
fit = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
inf = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])][1:]
am = lambda v: max(range(len(v)), key=lambda i: float(v[i]))
same = sum(am(a[1:]) == am(b[2:]) for a, b in zip(fit, inf))
print(f"lda save/infer: {same}/{len(fit)} training paragraphs keep their fitted top topic")
PY
"$BIN" topics "$DATA/paras.train.txt" "${common[@]}" --model lda --holdout 0.1 -o /dev/null 2>&1 | grep -i perplexity || true

for it in ${ITERS:-}; do
  read -r wall rss < <(timed "lda.it$it" --model lda --iterations "$it" --rank weight --topic-words "$OUT/lda.it$it.txt" -o /dev/null)
  "$BIN" topics "$DATA/paras.train.txt" "${common[@]}" --model lda --iterations "$it" --topic-words "$OUT/lda.it$it.rel.txt" -o /dev/null -q
  echo "lda iterations $it: wall ${wall}s; NPMI/UMass weight $(score "$OUT/lda.it$it.txt"), relevance $(score "$OUT/lda.it$it.rel.txt")"
done

if [ -n "${PEERS:-}" ]; then
  /usr/bin/time -f "%e %M" -o "$OUT/gensim.time" /usr/bin/python3 "$PEERDIR/topics_gensim.py" "$DATA/paras" "$OUT/gensim.txt" >"$OUT/gensim.json"
  read -r wall rss < "$OUT/gensim.time"
  echo "gensim LdaMulticore: wall ${wall}s peak RSS $((rss / 1024)) MiB; NPMI/UMass $(score "$OUT/gensim.txt")"
  /usr/bin/time -f "%e %M" -o "$OUT/sklda.time" /usr/bin/python3 "$PEERDIR/topics_sklearn.py" "$DATA/paras" lda-batch "$OUT/sklda.txt" >"$OUT/sklda.json"
  read -r wall rss < "$OUT/sklda.time"
  echo "scikit-learn LDA batch: wall ${wall}s peak RSS $((rss / 1024)) MiB; NPMI/UMass $(score "$OUT/sklda.txt")"
  /usr/bin/time -f "%e %M" -o "$OUT/sknmf.time" /usr/bin/python3 "$PEERDIR/topics_sklearn.py" "$DATA/paras" nmf "$OUT/sknmf.txt" >"$OUT/sknmf.json"
  read -r wall rss < "$OUT/sknmf.time"
  echo "scikit-learn NMF: wall ${wall}s peak RSS $((rss / 1024)) MiB; NPMI/UMass $(score "$OUT/sknmf.txt")"
fi
exit $status
