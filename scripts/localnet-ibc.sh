#!/usr/bin/env bash
# localnet-ibc.sh start|stop|status|relayer-start|relayer-stop BINARY DIR
#
# Two alliancewasm chains on 127.0.0.1, one validator each, joined by the Go relayer (RLY):
#   chain A  CHAIN_A (alliance-a)  home DIR/a/node0  ports BASE_A (27100) +0 p2p, +1 rpc, +2 grpc, +3 rest
#   chain B  CHAIN_B (alliance-b)  home DIR/b/node0  ports BASE_B (27200) likewise
# start writes both homes, starts both nodes, funds a relayer key on each chain, links them with
# an ICS-20 transfer channel (clients, connection, channel), starts `rly start` in the background
# and writes DIR/env (chain ids, RPC addresses, homes, channel ids) for scripts and users.
# stop stops exactly the processes start started (DIR/*.pid). relayer-stop / relayer-start stop
# and restart only the relayer (the story uses them for its "relayer down" case).
set -euo pipefail
cmd=${1:?usage: localnet-ibc.sh start|stop|status|relayer-start|relayer-stop BINARY DIR}
bin=${2:?binary}
dir=${3:?directory}
rly=${RLY:-}
chain_a=${CHAIN_A:-alliance-a}
chain_b=${CHAIN_B:-alliance-b}
base_a=${BASE_A:-27100}
base_b=${BASE_B:-27200}
# Short periods so that the story's gov votes and unstaking finish in seconds.
unbonding=${UNBONDING_TIME:-30s}
voting=${VOTING_PERIOD:-20s}
block_time=${BLOCK_TIME:-1s}
take_interval=${TAKE_RATE_INTERVAL:-20s}
path=${RLY_PATH:-a-b}
rly_home=$dir/relayer

say() { printf '>> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
rpc_of() { echo "127.0.0.1:$(($1 + 1))"; }
height() { curl -s "http://$1/status" 2>/dev/null | sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p' || true; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_height() { # rpc min seconds
  for _ in $(seq 1 "$3"); do
    h=$(height "$1"); [ -n "$h" ] && [ "$h" -ge "$2" ] && return 0; sleep 1
  done
  fail "node at $1 did not reach height $2 within $3 s (at ${h:-none})"
}

# write_chain ID BASE SUBDIR — one validator's home, with the take rate charged every $take_interval
# (the default 5 min would not show in a story of a minute).
write_chain() {
  "$bin" testnet --validators 1 --chain-id "$1" --output-dir "$dir/$3" --base-port "$2" \
    --unbonding-time "$unbonding" --voting-period "$voting" --block-time "$block_time" >/dev/null 2>&1 ||
    fail "allianced testnet for $1"
  python3 - "$dir/$3/node0/config/genesis.json" "$take_interval" <<'EOF'
import json, sys
path, interval = sys.argv[1], sys.argv[2]
g = json.load(open(path))
g["app_state"]["alliance"]["params"]["take_rate_claim_interval"] = interval
json.dump(g, open(path, "w"), indent=2)
EOF
}

start_node() { # subdir
  "$bin" start --home "$dir/$1/node0" >"$dir/$1.log" 2>&1 &
  echo $! >"$dir/$1.pid"
}

# fund CHAIN_HOME RPC CHAIN_ID ADDRESS — the chain's validator pays the relayer's fees budget.
fund() {
  local out code
  out=$("$bin" tx bank send validator "$4" 50000000stake --from validator --keyring-backend test \
    --home "$1" --chain-id "$3" --node "tcp://$2" --yes -o json)
  code=$(echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
  [ "$code" = 0 ] || fail "funding the relayer on $3: $out"
  out=$("$bin" query wait-tx "$(echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["txhash"])')" \
    --node "tcp://$2" --timeout 60s -o json) || fail "funding the relayer on $3 not included"
  code=$(echo "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["code"])')
  [ "$code" = 0 ] || fail "funding the relayer on $3: $out"
}

chain_json() { # chain-id rpc
  cat <<EOF
{"type": "cosmos", "value": {"key": "relayer", "chain-id": "$1", "rpc-addr": "http://$2",
 "account-prefix": "alliance", "keyring-backend": "test", "gas-adjustment": 1.5,
 "gas-prices": "0.01stake", "debug": false, "timeout": "10s", "output-format": "json",
 "sign-mode": "direct"}}
EOF
}

relayer_start() {
  [ -x "$rly" ] || fail "no relayer at '$rly' (make relayer; RLY=path)"
  alive "$dir/relayer.pid" && { say "relayer already running (pid $(cat "$dir/relayer.pid"))"; return 0; }
  "$rly" start "$path" --home "$rly_home" --log-format logfmt >>"$dir/relayer.log" 2>&1 &
  echo $! >"$dir/relayer.pid"
  say "relayer started (pid $!), log $dir/relayer.log"
}

relayer_stop() {
  if alive "$dir/relayer.pid"; then
    local pid; pid=$(cat "$dir/relayer.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    say "relayer stopped (pid $pid)"
  fi
  rm -f "$dir/relayer.pid"
}

case "$cmd" in
start)
  [ -x "$rly" ] || fail "no relayer at '$rly' (make relayer; RLY=path)"
  for p in "$dir"/*.pid; do alive "$p" && fail "localnet-ibc already running in $dir (make localnet-ibc-stop first)"; done
  for p in $(seq "$base_a" $((base_a + 4))) $(seq "$base_b" $((base_b + 4))); do
    (: </dev/tcp/127.0.0.1/"$p") 2>/dev/null && fail "port $p is in use (BASE_A=… BASE_B=… choose others)"
  done
  rm -rf "$dir" && mkdir -p "$dir"
  rpc_a=$(rpc_of "$base_a") rpc_b=$(rpc_of "$base_b")
  say "writing $chain_a (rpc $rpc_a) and $chain_b (rpc $rpc_b) under $dir"
  write_chain "$chain_a" "$base_a" a
  write_chain "$chain_b" "$base_b" b
  start_node a
  start_node b
  say "nodes started (pids $(cat "$dir/a.pid") $(cat "$dir/b.pid")); waiting for blocks"
  wait_height "$rpc_a" 2 90
  wait_height "$rpc_b" 2 90

  say "relayer: config under $rly_home, one funded key per chain"
  "$rly" config init --home "$rly_home" >/dev/null
  for c in "$chain_a:$rpc_a:a" "$chain_b:$rpc_b:b"; do
    IFS=: read -r id host port sub <<<"$c"
    chain_json "$id" "$host:$port" >"$dir/$id.json"
    "$rly" chains add --file "$dir/$id.json" --home "$rly_home" >/dev/null
    "$rly" keys add "$id" relayer --home "$rly_home" >/dev/null
    fund "$dir/$sub/node0" "$host:$port" "$id" "$("$rly" keys show "$id" relayer --home "$rly_home")"
  done
  "$rly" paths new "$chain_a" "$chain_b" "$path" --home "$rly_home" >/dev/null

  # The clients trust headers for 10 min, like a real deployment's long trusting period: the chains'
  # unbonding time is cut to seconds only so that the story's unstake completes quickly, and a
  # trusting period below it (rly tx link's default is 85 % of it) would expire the clients while
  # the relayer is down. ibc-go v10 does not compare the client's unbonding period with the
  # counterparty's staking params; `rly tx link` then reuses these clients.
  say "linking $chain_a and $chain_b: clients, connection, transfer channel"
  start_link=$(date +%s)
  "$rly" tx client "$chain_a" "$chain_b" "$path" --client-tp 10m --client-unbonding-period 20m \
    --home "$rly_home" >>"$dir/relayer.log" 2>&1 || fail "rly tx client on $chain_a failed; see $dir/relayer.log"
  "$rly" tx client "$chain_b" "$chain_a" "$path" --client-tp 10m --client-unbonding-period 20m \
    --home "$rly_home" >>"$dir/relayer.log" 2>&1 || fail "rly tx client on $chain_b failed; see $dir/relayer.log"
  # link reads the new clients back with proofs at a later height: let both chains commit a block.
  wait_height "$rpc_a" $(($(height "$rpc_a") + 2)) 30
  wait_height "$rpc_b" $(($(height "$rpc_b") + 2)) 30
  "$rly" tx link "$path" --src-port transfer --dst-port transfer --order unordered --version ics20-1 \
    --home "$rly_home" >>"$dir/relayer.log" 2>&1 || fail "rly tx link failed; see $dir/relayer.log"
  channels=$("$rly" query channels "$chain_a" --home "$rly_home" 2>/dev/null | head -1)
  channel_a=$(echo "$channels" | python3 -c 'import json,sys; print(json.load(sys.stdin)["channel_id"])')
  channel_b=$(echo "$channels" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counterparty"]["channel_id"])')
  say "linked in $(( $(date +%s) - start_link )) s: $chain_a $channel_a <-> $chain_b $channel_b"
  cat >"$dir/env" <<EOF
CHAIN_A=$chain_a
CHAIN_B=$chain_b
NODE_A=tcp://$rpc_a
NODE_B=tcp://$rpc_b
HOME_A=$dir/a/node0
HOME_B=$dir/b/node0
CHANNEL_A=$channel_a
CHANNEL_B=$channel_b
RLY_HOME=$rly_home
RLY_PATH=$path
EOF
  relayer_start
  cat <<EOF
>> two chains running. Try:
   $bin status --node tcp://$rpc_a
   $bin tx ibc-transfer transfer transfer $channel_a <receiver on $chain_b> 1000stake --from validator \\
     --keyring-backend test --home $dir/a/node0 --chain-id $chain_a --node tcp://$rpc_a
   $rly query channels $chain_a --home $rly_home
   make localnet-ibc-story     # the alliance between the two chains
   make localnet-ibc-stop
EOF
  ;;
stop)
  relayer_stop
  for p in "$dir"/a.pid "$dir"/b.pid; do
    [ -f "$p" ] || continue
    kill "$(cat "$p")" 2>/dev/null || true
    rm -f "$p"
  done
  say "localnet-ibc stopped"
  ;;
status)
  [ -f "$dir/env" ] && cat "$dir/env"
  echo "a height $(height "$(rpc_of "$base_a")")  b height $(height "$(rpc_of "$base_b")")"
  alive "$dir/relayer.pid" && echo "relayer running (pid $(cat "$dir/relayer.pid"))" || echo "relayer stopped"
  ;;
relayer-start) relayer_start ;;
relayer-stop) relayer_stop ;;
*) echo "unknown command $cmd" >&2; exit 2 ;;
esac
