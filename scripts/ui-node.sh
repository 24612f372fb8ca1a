#!/usr/bin/env bash
# ui-node.sh start BINARY DIR [BASE_PORT] [APP_ORIGIN] | stop DIR
#
# A single-validator alliancewasm node for the web app (web/) with what the demo's story sets up:
# uatom (weight 0.5, take rate 0.0001 % per 5-minute interval, about 10 %/year), ulsd (weight
# 1.0, × 0.99 every hour) and the pair's LP shares (weight 0.2) listed in genesis (as a passed gov
# proposal would store them; no voting period to wait for), the ulsd/stake pair, the ulsd
# auto-compounder and the wrapped token stATOM
# deployed from the committed fixtures (contracts/artifacts, or ARTIFACTS=dir), and a dev account
# funded. Writes DIR/config.json, the app's runtime config (chain id, gas price, contract
# addresses, the dev mnemonic), and leaves the node running (pid in DIR/node.pid, log in
# DIR/node.log). Used by make ui (scripts/ui.sh) and the browser test (web/e2e).
#
# The node listens on BASE_PORT+1 (RPC) and +3 (REST) on 127.0.0.1. Its REST server sends no CORS
# headers (the SDK can only allow every origin); the app reaches it through its own server's proxy
# (web/vite.config.ts). CometBFT's RPC allows APP_ORIGIN only, for wallets that call it directly.
set -euo pipefail
cmd=${1:?usage: ui-node.sh start BINARY DIR [BASE_PORT] [APP_ORIGIN] | stop DIR}

if [ "$cmd" = stop ]; then
  dir=${2:?directory}
  [ -f "$dir/node.pid" ] && kill "$(cat "$dir/node.pid")" 2>/dev/null || true
  rm -f "$dir/node.pid"
  exit 0
fi
[ "$cmd" = start ] || { echo "unknown command $cmd" >&2; exit 2; }

bin=$(realpath "${2:?binary}")
dir=${3:?directory}
base=${4:-26700}
origin=${5:-http://127.0.0.1:5180}
chain=${CHAIN_ID:-alliancewasm-local}
root=$(cd "$(dirname "$0")/.." && pwd)
artifacts=${ARTIFACTS:-$root/contracts/artifacts}
home="$dir/net/node0"
node="tcp://127.0.0.1:$((base + 1))"
rest="http://127.0.0.1:$((base + 3))"
# The dev wallet of the local chain only (the app refuses it on any chain id without "local").
dev_mnemonic="notice oak worry limit wrap speak medal online prefer cluster roof addict wrist behave treat actual wasp year salad speed social layer crew genius"

say() { printf '>> %s\n' "$*"; }
fail() { printf 'ui-node: %s\n' "$*" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
q() { "$bin" query "$@" --node "$node" -o json; }
kr=(--keyring-backend test --home "$home")

# tx args… — signed by the validator key, waits for inclusion, requires success.
tx() {
  local out hash res code
  out=$("$bin" tx "$@" --from validator "${kr[@]}" --chain-id "$chain" --node "$node" \
    --gas "${GAS:-800000}" --yes -o json)
  code=$(echo "$out" | json 'd["code"]')
  [ "$code" = 0 ] || fail "tx $* rejected at check: $out"
  hash=$(echo "$out" | json 'd["txhash"]')
  # Poll the REST server for the result: cheaper than another CLI process (`query wait-tx`).
  for _ in $(seq 1 200); do
    res=$(curl -sf "$rest/cosmos/tx/v1beta1/txs/$hash" || true)
    [ -n "$res" ] && break
    sleep 0.2
  done
  [ -n "$res" ] || fail "tx $* not included within 40 s"
  res=$(echo "$res" | json 'json.dumps(d["tx_response"])')
  code=$(echo "$res" | json 'd["code"]')
  [ "$code" = 0 ] || fail "tx $* failed: $(echo "$res" | json 'd["raw_log"]')"
  echo "$res" >"$dir/last-tx.json"
}

rm -rf "$dir"
mkdir -p "$dir"
say "writing a 1-validator home ($chain) to $home"
"$bin" testnet --validators 1 --output-dir "$dir/net" --chain-id "$chain" --base-port "$base" \
  --voting-period 8s --block-time 500ms --unbonding-time 2m --fund-denoms uatom,ulsd >"$dir/testnet.log" 2>&1 \
  || fail "testnet: $(cat "$dir/testnet.log")"

addr=$("$bin" keys show validator -a "${kr[@]}")
# The pair is instantiated with instantiate2 (salt "pair") from the validator, so its address, and
# with it the LP denom factory/{pair}/lp, is known before genesis: the LP shares are listed as an
# alliance asset there (what a gov proposal would do once the pair exists).
pair_salt=70616972 # "pair" in hex
pair_addr=$("$bin" query wasm build-address "$(sha256sum "$artifacts/pair.wasm" | cut -d' ' -f1)" "$addr" "$pair_salt" --hex)
lp_denom="factory/$pair_addr/lp"

# Display units for the app (bank denom metadata, 6 decimals each) and the three alliances.
python3 - "$home/config/genesis.json" "$lp_denom" <<'EOF'
import json, sys
path, lp = sys.argv[1], sys.argv[2]
g = json.load(open(path))
def meta(base, display, name):
    return {"description": name, "base": base, "display": display, "name": name, "symbol": display.upper(),
            "denom_units": [{"denom": base, "exponent": 0, "aliases": []},
                            {"denom": display, "exponent": 6, "aliases": []}],
            "uri": "", "uri_hash": ""}
g["app_state"]["bank"]["denom_metadata"] = [
    meta("stake", "STAKE", "Stake (native)"),
    meta("uatom", "atom", "Atom"),
    meta("ulsd", "lsd", "Liquid staked derivative"),
]
# The alliances, listed at genesis (what a passed gov proposal stores; no voting period to wait
# for on a loaded machine).
t = g["genesis_time"]
def asset(denom, weight, take, change, interval):
    return {"denom": denom, "reward_weight": weight, "take_rate": take, "total_tokens": "0",
            "total_validator_shares": "0", "reward_start_time": t, "reward_change_rate": change,
            "reward_change_interval": interval, "last_reward_change_time": t,
            "reward_weight_range": {"min": "0", "max": "10"}, "is_initialized": True}
g["app_state"]["alliance"]["assets"] = [
    asset("uatom", "0.5", "0.000001", "1", "0s"),
    asset("ulsd", "1.0", "0", "0.99", "3600s"),
    asset(lp, "0.2", "0", "1", "0s"),
]
json.dump(g, open(path, "w"), indent=1)
EOF
sed -i "s|^cors_allowed_origins = .*|cors_allowed_origins = [\"$origin\"]|" "$home/config/config.toml"

say "starting the node (rpc $node, rest $rest)"
"$bin" start --home "$home" >"$dir/node.log" 2>&1 &
echo $! >"$dir/node.pid"
for _ in $(seq 1 120); do
  h=$( (curl -s "http://127.0.0.1:$((base + 1))/status" || true) | sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p')
  [ -n "$h" ] && [ "$h" -ge 2 ] && break
  sleep 0.5
done
[ -n "${h:-}" ] && [ "$h" -ge 2 ] || fail "node did not start: $(tail -5 "$dir/node.log")"
for _ in $(seq 1 60); do curl -sf "$rest/cosmos/base/tendermint/v1beta1/node_info" >/dev/null && break; sleep 0.5; done

valoper=$("$bin" keys show validator --bech val -a "${kr[@]}")
dev=$(echo "$dev_mnemonic" | "$bin" keys add dev --recover "${kr[@]}" --output json 2>/dev/null | json 'd["address"]')

say "funding the dev account $dev"
tx bank send validator "$dev" 300000000stake,500000000uatom,500000000ulsd


store() {
  GAS=9000000 tx wasm store "$artifacts/$1.wasm"
  json 'next(a["value"] for e in d["events"] if e["type"]=="store_code" for a in e["attributes"] if a["key"]=="code_id")' <"$dir/last-tx.json"
}
instantiate() { # code label msg [flags]
  local code=$1 label=$2 msg=$3; shift 3
  tx wasm instantiate "$code" "$msg" --label "$label" --admin "$addr" "$@"
  contract_address
}
instantiate2() { # code label msg salt [flags]
  local code=$1 label=$2 msg=$3 salt=$4; shift 4
  tx wasm instantiate2 "$code" "$msg" "$salt" --label "$label" --admin "$addr" "$@"
  contract_address
}
contract_address() {
  json 'next(a["value"] for e in d["events"] if e["type"]=="instantiate" for a in e["attributes"] if a["key"]=="_contract_address")' <"$dir/last-tx.json"
}

say "deploying the ulsd/stake pair, the ulsd compounder and the stATOM token"
# The pair's LP shares are the bank denom factory/{pair}/lp: its instantiation pays the token
# factory's creation fee (10000000stake by default) and 2,000,000 gas for the denom.
pair=$(GAS=3000000 instantiate2 "$(store pair)" "ulsd/stake pair" \
  '{"asset_infos":[{"native_token":{"denom":"ulsd"}},{"native_token":{"denom":"stake"}}],"fee_bps":30}' \
  "$pair_salt" --hex --amount 10000000stake)
[ "$pair" = "$pair_addr" ] || fail "the pair is at $pair, genesis listed the LP denom of $pair_addr"
side() { echo "{\"info\":{\"native_token\":{\"denom\":\"$1\"}},\"amount\":\"100000000\"}"; }
tx wasm execute "$pair" "{\"provide_liquidity\":{\"assets\":[$(side ulsd),$(side stake)]}}" --amount 100000000stake,100000000ulsd
# The compounder's shares are the bank denom factory/{compounder}/culsd: its instantiation pays the
# token factory's creation fee (10000000stake by default) and 2,000,000 gas for the denom.
compounder=$(GAS=3000000 instantiate "$(store compounder)" "ulsd compounder" \
  "{\"asset_denom\":\"ulsd\",\"validators\":[\"$valoper\"],\"routes\":[{\"denom\":\"stake\",\"pair\":\"$pair\"}],\"fee_bps\":500,\"fee_recipient\":\"$addr\",\"harvest_interval\":5,\"max_spread\":\"0.05\",\"twap_window\":5,\"share\":{\"symbol\":\"culsd\",\"name\":\"Compounded ulsd\",\"decimals\":6}}" \
  --amount 10000000stake)
# unbond_epoch: more than the unbonding time (2 min) over the chain's 7 entries.
token=$(instantiate "$(store token)" "stATOM" \
  "{\"name\":\"Staked ATOM\",\"symbol\":\"stATOM\",\"decimals\":6,\"asset_denom\":\"uatom\",\"validators\":[\"$valoper\"],\"unbond_epoch\":18}")

cat >"$dir/config.json" <<EOF
{
  "chainId": "$chain",
  "chainName": "alliancewasm local",
  "rpc": "/rpc",
  "rest": "/api",
  "rpcDirect": "http://127.0.0.1:$((base + 1))",
  "restDirect": "$rest",
  "bech32Prefix": "alliance",
  "bondDenom": "stake",
  "gasPrice": "0.0001",
  "local": true,
  "devMnemonic": "$dev_mnemonic",
  "contracts": {"token": "$token", "compounder": "$compounder", "pair": "$pair"}
}
EOF
say "ready: dev $dev, token $token, compounder $compounder, pair $pair"
