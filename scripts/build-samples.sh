#!/bin/sh
# Builds samples/samples.jsonl from samples/articles/*.txt, and merges
# samples/coded-part-*.csv (if present) into samples/coded.csv.
#
# samples.jsonl holds one object per article: id, the front-matter fields in
# file order, and text = the body after the closing "---" line, exactly as
# techframe's ingest reads it from the .txt (CRLF -> LF, the rest byte for
# byte). pipeline/evaluate/samples_test.go checks the two agree through
# pipeline/ingest, so a change here that drifts from ingest fails the tests.
#
# coded.csv: header doc_id,sentence,label,note; LF line ends; rows sorted by
# doc_id, then by where the sentence first occurs in the article. Every
# sentence must occur verbatim in its article, or the script stops.
#
# Usage: scripts/build-samples.sh        (from anywhere in the checkout)
set -eu
cd "$(dirname "$0")/.."
python3 - <<'PY'
import csv, glob, io, json, os, sys

def read_article(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read().replace("\r\n", "\n")
    first, sep, rest = text.partition("\n")
    if not sep or first.rstrip(" \t") != "---":
        sys.exit(f"{path}: no front matter")
    meta, doc_id = [], None
    while True:
        line, sep, more = rest.partition("\n")
        if line.rstrip(" \t") == "---":
            body = more
            break
        if not sep:
            sys.exit(f"{path}: front matter is never closed")
        rest = more
        t = line.strip()
        if not t or t.startswith("#"):
            continue
        key, colon, val = t.partition(":")
        key, val = key.strip(), val.strip()
        if not colon or not key:
            sys.exit(f"{path}: front-matter line {t!r} is not key: value")
        if len(val) >= 2 and val[0] in "\"'" and val[-1] == val[0]:
            val = val[1:-1]
        if key == "id":
            doc_id = val
            continue
        meta = [(k, v) for k, v in meta if k != key] + [(key, val)]
    if not doc_id:
        sys.exit(f"{path}: no id in the front matter")
    return doc_id, meta, body

articles = {}
out = io.StringIO()
for path in sorted(glob.glob("samples/articles/*.txt")):
    doc_id, meta, body = read_article(path)
    if doc_id in articles:
        sys.exit(f"{path}: duplicate id {doc_id}")
    articles[doc_id] = body
    rec = {"id": doc_id}
    rec.update(meta)
    rec["text"] = body
    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
with open("samples/samples.jsonl", "w", encoding="utf-8", newline="\n") as f:
    f.write(out.getvalue())
print(f"samples/samples.jsonl: {len(articles)} articles", file=sys.stderr)

parts = sorted(glob.glob("samples/coded-part-*.csv"))
if parts:
    rows, bad = [], 0
    for p in parts:
        with open(p, encoding="utf-8", newline="") as f:
            r = csv.DictReader(f)
            for n, row in enumerate(r, start=2):
                body = articles.get(row["doc_id"])
                at = body.find(row["sentence"]) if body is not None else -1
                if at < 0:
                    print(f"{p}:{n}: sentence not found verbatim in article {row['doc_id']}", file=sys.stderr)
                    bad += 1
                    continue
                rows.append((row["doc_id"], at, row["sentence"], row["label"], row.get("note") or ""))
    if bad:
        sys.exit(f"{bad} coded rows do not match their articles; coded.csv not written")
    rows.sort(key=lambda r: (r[0], r[1]))
    with open("samples/coded.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "sentence", "label", "note"])
        for d, _, s, l, note in rows:
            w.writerow([d, s, l, note])
    print(f"samples/coded.csv: {len(rows)} rows from {', '.join(parts)}", file=sys.stderr)
PY
