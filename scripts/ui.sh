#!/usr/bin/env bash
# ui.sh BINARY DIR — make ui: builds the web app (web/, from its lockfile), starts a local node
# with the alliances listed and the contracts deployed (scripts/ui-node.sh), serves the app on
# 127.0.0.1 with its proxy to the node and prints the URL. Ctrl-C stops the server and the node.
# Environment: UI_PORT (default 5180), UI_NODE_PORT (default 26700: RPC +1, REST +3).
set -euo pipefail
bin=$(realpath "${1:?usage: ui.sh BINARY DIR}")
dir=$(mkdir -p "${2:?directory}" && realpath "$2")
port=${UI_PORT:-5180}
base=${UI_NODE_PORT:-26700}
root=$(cd "$(dirname "$0")/.." && pwd)
origin="http://127.0.0.1:$port"

echo ">> building the web app (npm ci, vite build) into $dir/dist"
(cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error && WEB_OUT="$dir/dist" npm run build --silent >/dev/null)
"$root/scripts/ui-node.sh" start "$bin" "$dir/node" "$base" "$origin"
trap '"$root/scripts/ui-node.sh" stop "$dir/node"' EXIT
cp "$dir/node/config.json" "$dir/dist/config.json"
printf '\n>> the app: %s/  (dev wallet on the local chain %s; node log %s/node/node.log; Ctrl-C stops)\n\n' \
  "$origin" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["chainId"])' "$dir/node/config.json")" "$dir"
cd "$root/web"
WEB_OUT="$dir/dist" ALLIANCE_REST="http://127.0.0.1:$((base + 3))" ALLIANCE_RPC="http://127.0.0.1:$((base + 1))" \
  npx vite preview --port "$port" --strictPort
