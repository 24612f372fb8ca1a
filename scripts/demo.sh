#!/usr/bin/env bash
# demo.sh BINARY — start a single-node alliancewasm chain in a temporary home,
# create a key, send a transaction and show the chain's status, then stop.
# (The full alliance + contracts story replaces this once those land.)
set -euo pipefail
bin=${1:?usage: demo.sh BINARY}
home=$(mktemp -d /tmp/alliancewasm-demo.XXXXXX)
chain=demo-1
kr=(--keyring-backend test --home "$home")
port=${DEMO_BASE_PORT:-27600}
node="tcp://127.0.0.1:$((port + 1))"
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$home"; }
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

step "init a node in $home"
"$bin" init demo --chain-id "$chain" --home "$home" >/dev/null 2>&1
"$bin" keys add validator "${kr[@]}" >/dev/null 2>&1
"$bin" keys add alice "${kr[@]}" >/dev/null 2>&1
val=$("$bin" keys show validator -a "${kr[@]}")
alice=$("$bin" keys show alice -a "${kr[@]}")
echo "validator: $val"
echo "alice:     $alice"
"$bin" genesis add-genesis-account "$val" 1000000000000stake,1000000000uasset --home "$home"
"$bin" genesis gentx validator 100000000stake --chain-id "$chain" "${kr[@]}" >/dev/null 2>&1
"$bin" genesis collect-gentxs --home "$home" >/dev/null 2>&1

step "start the node (CometBFT, 127.0.0.1:$((port + 1)))"
"$bin" start --home "$home" --p2p.laddr "tcp://127.0.0.1:$port" --rpc.laddr "$node" \
  --grpc.address "127.0.0.1:$((port + 2))" --api.address "tcp://127.0.0.1:$((port + 3))" \
  --proxy_app "tcp://127.0.0.1:$((port + 4))" >"$home/node.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  h=$( ("$bin" status --node "$node" 2>/dev/null || true) | sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p')
  [ -n "$h" ] && [ "$h" -ge 2 ] && break
  sleep 1
done
echo "height $h"

step "send 1000uasset from the validator to alice"
hash=$("$bin" tx bank send validator "$alice" 1000uasset --chain-id "$chain" --node "$node" --yes "${kr[@]}" -o json | sed -n 's/.*"txhash":"\([0-9A-F]*\)".*/\1/p')
echo "tx $hash"
"$bin" query wait-tx "$hash" --node "$node" --timeout 30s -o json | sed -n 's/.*"height":"\([0-9]*\)".*/included at height \1/p'
"$bin" query bank balances "$alice" --node "$node"

step "validators"
"$bin" query staking validators --node "$node" | grep -E 'moniker|tokens|status' || true
printf '\ndemo finished\n'
