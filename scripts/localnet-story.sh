#!/usr/bin/env bash
# localnet-story.sh — the alliance story driven through the allianced CLI on a
# running localnet (make localnet-start, or the localnet test), with checks:
# a gov proposal lists an asset, every validator votes, a user stakes it,
# earns and claims native rewards, unbonds and gets the tokens back; the
# wrapped token contract (contracts/artifacts/token.wasm) is stored,
# instantiated and takes a deposit that it stakes through the bindings.
#
# Environment: BIN (allianced), DIR (localnet dir), BASE_PORT (default 26600),
#              CHAIN_ID (default alliance-localnet), VALIDATORS (default 3).
set -euo pipefail
bin=${BIN:?BIN=path to allianced}
dir=${DIR:?DIR=localnet directory}
base=${BASE_PORT:-26600}
chain=${CHAIN_ID:-alliance-localnet}
validators=${VALIDATORS:-3}
node="tcp://127.0.0.1:$((base + 1))"
denom=uasset

say() { printf '>> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
q() { "$bin" query "$@" --node "$node" -o json; }
home() { echo "$dir/node$1"; }

# tx NODE_INDEX args… — sign with that node's validator key, wait for inclusion, require success.
tx() {
  local i=$1; shift
  local out hash res code
  out=$("$bin" tx "$@" --from validator --keyring-backend test --home "$(home "$i")" \
    --chain-id "$chain" --node "$node" --gas "${GAS:-600000}" --yes -o json)
  code=$(echo "$out" | json 'd["code"]')
  [ "$code" = 0 ] || fail "tx $* rejected at check: $out"
  hash=$(echo "$out" | json 'd["txhash"]')
  res=$("$bin" query wait-tx "$hash" --node "$node" --timeout "${WAIT_TX_TIMEOUT:-180s}" -o json)
  code=$(echo "$res" | json 'd["code"]')
  [ "$code" = 0 ] || fail "tx $* failed: $(echo "$res" | json 'd["raw_log"]')"
}

addr=$("$bin" keys show validator -a --keyring-backend test --home "$(home 0)")
valoper=$("$bin" keys show validator --bech val -a --keyring-backend test --home "$(home 0)")
balance() { q bank balance "$addr" "$1" | json 'd["balance"]["amount"]'; }

say "propose listing $denom (weight 0.5, no take rate) from node0"
tx 0 alliance create-alliance "$denom" 0.5 0 10 0 1 0s --deposit 10000000stake --title "list $denom" --summary "localnet story"
id=$(q gov proposals | json 'd["proposals"][-1]["id"]')
say "proposal $id: every validator votes yes"
for i in $(seq 0 $((validators - 1))); do tx "$i" gov vote "$id" yes; done

say "waiting for the voting period to end"
for _ in $(seq 1 120); do
  status=$(q gov proposal "$id" | json 'd["proposal"]["status"]')
  [ "$status" = PROPOSAL_STATUS_PASSED ] && break
  [ "$status" = PROPOSAL_STATUS_REJECTED ] || [ "$status" = PROPOSAL_STATUS_FAILED ] && fail "proposal $id ended $status"
  sleep 1
done
[ "$status" = PROPOSAL_STATUS_PASSED ] || fail "proposal $id still $status"
weight=$(q alliance alliance "$denom" | json 'd["alliance"]["reward_weight"]')
say "alliance $denom listed with reward weight $weight"
[ "$weight" = 0.500000000000000000 ] || fail "unexpected weight $weight"

start_asset=$(balance "$denom")
say "delegate 1000000$denom to $valoper"
tx 0 alliance delegate "$valoper" "1000000$denom"
staked=$(q alliance delegation "$addr" "$valoper" "$denom" | json 'd["delegation"]["balance"]["amount"]')
[ "$staked" = 1000000 ] || fail "delegation holds $staked"
[ "$(balance "$denom")" = $((start_asset - 1000000)) ] || fail "wallet not debited"

say "wait for rewards"
sleep 5
pending=$(q alliance rewards "$addr" "$valoper" "$denom" | json 'sum(int(c["amount"]) for c in d["rewards"] if c["denom"]=="stake")')
[ "$pending" -gt 0 ] || fail "no rewards pending"
say "pending $pending stake; claim"
before=$(balance stake)
tx 0 alliance claim-rewards "$valoper" "$denom"
after=$(balance stake)
[ "$after" -gt "$before" ] || fail "claim paid nothing ($before -> $after)"
say "claimed $((after - before)) stake"

say "store the wrapped token contract and deposit into it (tx wasm)"
root=$(cd "$(dirname "$0")/.." && pwd)
GAS=8000000 tx 0 wasm store "$root/contracts/artifacts/token.wasm"
code=$(q wasm list-code | json 'd["code_infos"][-1]["code_id"]')
# Unbonds are batched per epoch; a short epoch keeps the story quick (one batch here). The token
# requires epoch > unbonding time / max entries: the localnet's 2 min / 7 = 17.1 s.
epoch=${UNBOND_EPOCH:-18}
tx 0 wasm instantiate "$code" "{\"name\":\"Staked Asset\",\"symbol\":\"stASSET\",\"decimals\":6,\"asset_denom\":\"$denom\",\"validators\":[\"$valoper\"],\"unbond_epoch\":$epoch}" \
  --label stASSET --admin "$addr"
token=$(q wasm list-contract-by-code "$code" | json 'd["contracts"][-1]')
tx 0 wasm execute "$token" '{"deposit":{}}' --amount "500000$denom"
shares=$(q wasm contract-state smart "$token" "{\"balance\":{\"address\":\"$addr\"}}" | json 'd["data"]["balance"]')
tokstake=$(q alliance delegation "$token" "$valoper" "$denom" | json 'd["delegation"]["balance"]["amount"]')
say "token $token: $shares shares to us, $tokstake$denom staked by the contract"
[ "$tokstake" = 500000 ] || fail "token stake $tokstake"
[ "$shares" = 499000 ] || fail "shares $shares (500000 minus the 1000 locked)"
tx 0 wasm execute "$token" "{\"unbond\":{\"amount\":\"$shares\"}}"
sleep "$epoch"
say "the token's unbond epoch has passed: process the batch (anyone may)"
tx 0 wasm execute "$token" '{"process_unbonds":{}}'

say "undelegate everything"
tx 0 alliance undelegate "$valoper" "1000000$denom"
entries=$(q alliance unbondings-by-delegator "$addr" | json 'len(d["unbondings"])')
[ "$entries" = 1 ] || fail "expected 1 unbonding entry, got $entries"
completion=$(q alliance unbondings-by-delegator "$addr" | json 'd["unbondings"][0]["completion_time"]')
say "unbonding completes at $completion; waiting"
for _ in $(seq 1 300); do
  [ "$(balance "$denom")" = $((start_asset - 500000)) ] && break
  sleep 1
done
[ "$(balance "$denom")" = $((start_asset - 500000)) ] || fail "tokens not returned: $(balance "$denom") != $((start_asset - 500000))"
say "direct stake returned; withdraw from the token"
tx 0 wasm execute "$token" '{"withdraw":{}}'
# 499000 shares of 500000 staked at rate 1: the 1000 locked shares stay staked.
[ "$(balance "$denom")" = $((start_asset - 1000)) ] || fail "token withdraw: $(balance "$denom") != $((start_asset - 1000))"
say "all $denom returned but the token's 1000 locked; story complete"
