#!/usr/bin/env bash
# demo-second-yield.sh — the second part of `make demo`: a second yield on an
# allied chain (issue 17, story 2) on two in-process chains linked by
# ibc-go's testing package. It runs e2e/ibc's TestIBCCompounderShareStakedOnB,
# which asserts every balance exactly, and prints the story lines it logs.
set -euo pipefail
cd "$(dirname "$0")/.."
go=${GO:-go}
out=$("$go" test -count=1 -run '^TestIBCCompounderShareStakedOnB$' -v ./e2e/ibc/ 2>&1) || {
  printf '%s\n' "$out"
  echo "demo-second-yield: the story failed" >&2
  exit 1
}
printf '%s\n' "$out" | sed -n 's/^ *[a-z_]*_test\.go:[0-9]*: /  /p'
