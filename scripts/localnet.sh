#!/usr/bin/env bash
# localnet.sh start|stop|status BINARY DIR — a 3-validator network on 127.0.0.1.
# Node i listens on 26600+10i (p2p), +1 (rpc), +2 (grpc), +3 (rest).
set -euo pipefail
cmd=${1:?usage: localnet.sh start|stop|status BINARY DIR}
bin=${2:?binary}
dir=${3:?directory}
validators=${VALIDATORS:-3}

rpc() { echo "127.0.0.1:$((26600 + 10 * $1 + 1))"; }
# A node that is not answering yet has no height (empty): under pipefail curl's failure would
# otherwise end the script silently.
height() { curl -s "http://$(rpc "$1")/status" 2>/dev/null | sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p' || true; }

case "$cmd" in
start)
  if [ -d "$dir" ] && ls "$dir"/node*.pid >/dev/null 2>&1; then
    echo "localnet already running in $dir (make localnet-stop first)"; exit 1
  fi
  rm -rf "$dir"
  echo ">> writing $validators validator homes to $dir"
  "$bin" testnet --validators "$validators" --output-dir "$dir" --base-port 26600
  for i in $(seq 0 $((validators - 1))); do
    "$bin" start --home "$dir/node$i" >"$dir/node$i.log" 2>&1 &
    echo $! >"$dir/node$i.pid"
    echo ">> node$i started (pid $!), rpc http://$(rpc "$i"), log $dir/node$i.log"
  done
  h=
  for _ in $(seq 1 60); do
    h=$(height 0); [ -n "$h" ] && [ "$h" -ge 2 ] && break; sleep 1
  done
  if [ -z "$h" ] || [ "$h" -lt 2 ]; then
    echo "localnet: node0 made no block 2 within 60 s; see $dir/node0.log" >&2; exit 1
  fi
  echo ">> height $(height 0). Keys: $bin keys list --keyring-backend test --home $dir/node0"
  ;;
stop)
  for pidfile in "$dir"/node*.pid; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  echo ">> localnet stopped"
  ;;
status)
  for i in $(seq 0 $((validators - 1))); do echo "node$i height $(height "$i")"; done
  ;;
*) echo "unknown command $cmd"; exit 2 ;;
esac
