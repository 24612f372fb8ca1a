#!/usr/bin/env bash
# bench.sh — the benchmark report (make bench): our Go contracts next to
# CosmWasm's Rust staking.wasm in the same harness and run (SDK gas per
# operation, wasm size), and x/alliance EndBlock / claim at growing scale.
# Writes build/bench-report.txt as well as printing it. Ratios and gas, which
# are deterministic; wall times are shown only as ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
report=build/bench-report.txt
{
  echo "alliancewasm benchmark report — $(date -u +%Y-%m-%dT%H:%MZ), $(go version | cut -d' ' -f3), $(nproc) cores"
  echo
  echo "== contracts: fixture sizes"
  for f in contracts/artifacts/*.wasm; do printf '%-40s %8d bytes\n' "$f" "$(stat -c %s "$f")"; done
  rust=$(go list -m -f '{{.Dir}}' github.com/CosmWasm/wasmd)/x/wasm/keeper/testdata/staking.wasm
  printf '%-40s %8d bytes\n' "wasmd testdata staking.wasm (Rust)" "$(stat -c %s "$rust")"
  # The token's transfer peer: a plain cw20 (wasmd's benchmark copy, read from the module cache).
  cw20=$(go list -m -f '{{.Dir}}' github.com/CosmWasm/wasmd)/benchmarks/testdata/cw20_base.wasm
  printf '%-40s %8d bytes\n' "wasmd benchmarks cw20_base.wasm (Rust)" "$(stat -c %s "$cw20")"
  echo
  echo "== contracts: SDK gas per operation on the in-process chain (go test -run Gas -v ./e2e/)"
  echo "   (token rows: deposit vs staking.wasm bond, transfer vs cw20_base.wasm transfer, unbond vs staking.wasm unbond)"
  go test -count=1 -run 'Gas' -v ./e2e/ 2>&1 | grep -vE '^(=== RUN|=== PAUSE|=== CONT|PASS$|ok )' | sed 's/^ *//'
  echo
  echo "== x/alliance: 50 validators x 20 assets, 100 vs 10,000 delegators, one uncommitted in-memory store (go test -bench 'Claim|EndBlock' ./x/alliance/keeper)"
  go test ./x/alliance/keeper -run '^$' -bench 'Claim|EndBlock' -benchtime 20x -benchmem 2>&1 | awk '
    /^Benchmark/ {
      split($1, p, "/"); name = p[1]; sub(/-[0-9]+$/, "", p[2]); n = p[2]
      for (i = 2; i <= NF; i++) { if ($(i+1) == "ns/op") ns[name, n] = $i; if ($(i+1) == "gas/op") gas[name, n] = $i; if ($(i+1) == "allocs/op") al[name, n] = $i }
      names[name] = 1
    }
    END {
      printf "%-28s %14s %14s %12s %12s %14s\n", "benchmark", "gas@100", "gas@10000", "gas ratio", "allocs ratio", "time ratio"
      for (nm in names) {
        a = "delegators=100"; b = "delegators=10000"
        printf "%-28s %14d %14d %12.3f %12.3f %14.2f\n", nm, gas[nm, a], gas[nm, b], gas[nm, b] / gas[nm, a], al[nm, b] / al[nm, a], ns[nm, b] / ns[nm, a]
      }
      print "gas and allocations are the work done; a ratio near 1.0 means the cost does not grow with delegators."
    }'
  echo
  echo "== x/alliance at upstream's scale: 160 validators x 20 assets on goleveldb, a commit per block, 100 vs 10,000 delegators"
  echo "   (go test ./x/alliance/keeper -run '^$' -bench CommittedScale -benchtime 10x; load average before: $(cut -d' ' -f1 /proc/loadavg))"
  go test ./x/alliance/keeper -run '^$' -bench CommittedScale -benchtime 10x -timeout 30m 2>&1 | awk '
    /^Benchmark/ {
      n = split($1, p, "/"); sub(/-[0-9]+$/, "", p[n]); c = p[n]; d = p[4]; cases[c] = 1
      for (i = 2; i <= NF; i++) {
        if ($(i+1) == "ns/op") ns[c, d] = $i; if ($(i+1) == "gas/op") gas[c, d] = $i
        if ($(i+1) == "cpu-ms/op") cpu[c, d] = $i; if ($(i+1) == "retargeted/op") rt[c, d] = $i
      }
    }
    END {
      a = "delegators=100"; b = "delegators=10000"
      printf "%-14s %12s %12s %9s %11s %11s %9s %10s %12s\n", "case", "gas@100", "gas@10000", "gas ratio", "cpu-ms@100", "cpu-ms@10k", "cpu ratio", "time ratio", "re-targeted"
      split("block retarget-all claim", order, " ")
      for (k = 1; k <= 3; k++) {
        c = order[k]; if (!(c in cases)) continue
        printf "%-14s %12d %12d %9.3f %11.2f %11.2f %9.2f %10.2f %12s\n", c, gas[c, a], gas[c, b], gas[c, b] / gas[c, a], cpu[c, a], cpu[c, b], cpu[c, b] / cpu[c, a], ns[c, b] / ns[c, a], rt[c, b]
      }
      print "block: EndBlock after 10 alliance delegations; retarget-all: EndBlock after a native move of 1 % (every target moved; 64 re-targeted per block, the bound);"
      print "claim: one claim. cpu-ms is the process CPU time of the measured call (the machine may be shared; wall time only as a ratio)."
    }'
  echo
  echo "== x/alliance: store gas per message, existing delegation with rewards pending (go test -bench DelegationMsgs ./x/alliance/keeper)"
  go test ./x/alliance/keeper -run '^$' -bench DelegationMsgs -benchtime 20x 2>&1 | awk '
    /^Benchmark/ { split($1, p, "/"); sub(/-[0-9]+$/, "", p[2]); for (i = 2; i <= NF; i++) if ($(i+1) == "gas/op") printf "%-12s %10d gas\n", p[2], $i }'
} | tee "$report"
echo
echo "report written to $report"
