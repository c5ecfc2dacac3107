#!/usr/bin/env bash
# The project's test command (README): formatting, vet, all tests, and the
# race detector on the packages that run goroutines.
set -euo pipefail
cd "$(dirname "$0")/.."
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed on:"; echo "$unformatted"; exit 1
fi
go vet ./...
go test -count=1 ./...
go test -count=1 -race ./pipeline/ ./pipeline/tokenize/ ./pipeline/topics/ ./cmd/techframe/
