#!/usr/bin/env bash
# localnet-ibc-story.sh — the alliance between two chains, run against `make localnet-ibc`
# (two nodes and a real relayer, DIR/env says where), in both directions:
#   alice (chain A) and bob (chain B) each bridge 100 stake-tokens to the other chain over ICS-20;
#   each chain's governance lists the other's staking token (its ibc/… denom) with a reward weight
#   and a take rate; both stake, earn native rewards (virtual stake = weight × native stake), claim;
#   the take rate lowers the bridged stake, each deduction checked against the formula, and is paid
#   to the host's native stakers; both unstake after the unbonding time and bridge everything home.
# Failure cases: the relayer stopped (a packet sent meanwhile arrives after the restart), a transfer
# that times out while the relayer is down (refunded on the source), a wrong channel (clear error).
# The end: exact balances of both users on both chains (every fee counted) and ICS-20 conservation
# (escrow on the source == supply of the voucher on the host). Any difference prints FAIL and exits 1.
#
# Environment: BIN (allianced), DIR (the localnet-ibc directory), RLY (the relayer binary).
set -euo pipefail
bin=${BIN:?BIN=path to allianced}
dir=${DIR:?DIR=localnet-ibc directory}
export RLY=${RLY:?RLY=path to the relayer binary}
here=$(cd "$(dirname "$0")" && pwd)
[ -f "$dir/env" ] || { echo "FAIL: no $dir/env: run make localnet-ibc first" >&2; exit 1; }
# shellcheck disable=SC1091
set -a && . "$dir/env" && set +a

fee=3000   # every user transaction pays exactly this much stake (gas 600000 at 0.005)
gas=600000
unit=1000000             # 1 token
bridged=$((100 * unit))  # what each user bridges over and stakes
funded=$((120 * unit))  # what each user starts with on each chain

say() { printf '>> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
other() { if [ "$1" = a ]; then echo b; else echo a; fi; }
node() { if [ "$1" = a ]; then echo "$NODE_A"; else echo "$NODE_B"; fi; }
chain() { if [ "$1" = a ]; then echo "$CHAIN_A"; else echo "$CHAIN_B"; fi; }
valhome() { if [ "$1" = a ]; then echo "$HOME_A"; else echo "$HOME_B"; fi; }
channel() { if [ "$1" = a ]; then echo "$CHANNEL_A"; else echo "$CHANNEL_B"; fi; }
q() { local s=$1; shift; "$bin" query "$@" --node "$(node "$s")" -o json; }
bal() { q "$1" bank balance "$2" "$3" | json 'd["balance"]["amount"]'; }
# The voucher on chain S of the other chain's stake: ibc/SHA256("transfer/<S's channel>/stake").
voucher() { echo "ibc/$(printf 'transfer/%s/stake' "$(channel "$1")" | sha256sum | cut -c1-64 | tr a-f A-F)"; }
relayer() { "$here/localnet-ibc.sh" "relayer-$1" "$bin" "$dir"; }

# Users live in a keyring of their own, fresh for every run.
users=$(mktemp -d "$dir/users.XXXXXX")
for u in alice bob; do "$bin" keys add "$u" --keyring-backend test --keyring-dir "$users" >/dev/null 2>&1; done
addr_alice=$("$bin" keys show alice -a --keyring-backend test --keyring-dir "$users")
addr_bob=$("$bin" keys show bob -a --keyring-backend test --keyring-dir "$users")
addr() { if [ "$1" = alice ]; then echo "$addr_alice"; else echo "$addr_bob"; fi; }
home_of() { if [ "$1" = alice ]; then echo a; else echo b; fi; }
declare -A FEES SENT RECEIVED

# send_tx SIDE WHO args… — signs as WHO (validator: the chain's validator), waits for the block.
# Sets TX_CODE, TX_LOG, TX_RES, TX_HEIGHT. A transaction that reaches a block pays its fee even when
# it fails; one refused at CheckTx pays nothing: FEES counts exactly what was paid.
send_tx() {
  local s=$1 who=$2 out hash
  shift 2
  local keys=(--from "$who" --keyring-backend test --keyring-dir "$users")
  [ "$who" = validator ] && keys=(--from validator --keyring-backend test --home "$(valhome "$s")")
  out=$("$bin" tx "$@" "${keys[@]}" --chain-id "$(chain "$s")" --node "$(node "$s")" \
    --gas "$gas" --fees "${fee}stake" --yes -o json 2>&1) || true
  TX_CODE=$(echo "$out" | json 'd["code"]' 2>/dev/null) || { TX_CODE=cli TX_LOG=$out; return 0; }
  TX_LOG=$(echo "$out" | json 'd["raw_log"]')
  [ "$TX_CODE" = 0 ] || return 0
  FEES[$who@$s]=$((${FEES[$who@$s]:-0} + fee))
  hash=$(echo "$out" | json 'd["txhash"]')
  TX_RES=$("$bin" query wait-tx "$hash" --node "$(node "$s")" --timeout 90s -o json) ||
    fail "tx $* not included within 90 s"
  TX_CODE=$(echo "$TX_RES" | json 'd["code"]')
  TX_LOG=$(echo "$TX_RES" | json 'd["raw_log"]')
  TX_HEIGHT=$(echo "$TX_RES" | json 'd["height"]')
}
tx() { send_tx "$@"; [ "$TX_CODE" = 0 ] || fail "tx on $1 by $2: $* failed (code $TX_CODE): $TX_LOG"; }

# paid TO FROM DENOM — what the last transaction's transfer events moved from FROM to TO in DENOM.
paid() {
  echo "$TX_RES" | python3 -c '
import json, re, sys
to, frm, denom = sys.argv[1:4]
total = 0
for e in json.load(sys.stdin)["events"]:
    if e["type"] != "transfer":
        continue
    a = {x["key"]: x["value"] for x in e["attributes"]}
    if a.get("recipient") == to and a.get("sender") == frm:
        for amt, dn in re.findall(r"(\d+)([a-zA-Z][a-zA-Z0-9/:._-]*)", a["amount"]):
            total += int(amt) * (dn == denom)
print(total)' "$1" "$2" "$3"
}

# wait_for SECONDS DESCRIPTION COMMAND… — polls once a second until COMMAND succeeds.
wait_for() {
  local n=$1 what=$2
  shift 2
  for _ in $(seq 1 "$n"); do "$@" && return 0; sleep 1; done
  fail "$what: not within $n s"
}
bal_is() { [ "$(bal "$1" "$2" "$3")" = "$4" ]; }
module_addr() { q "$1" auth module-account "$2" | json 'd["account"]["value"]["address"] if "value" in d["account"] else d["account"]["base_account"]["address"]'; }

# ICS-20 conservation: the stake escrowed on chain S for the channel equals the voucher supply on
# the other chain (nothing minted there that is not locked here).
check_conservation() {
  local s=$1 o escrow supply
  o=$(other "$s")
  escrow=$(q "$s" ibc-transfer total-escrow stake | json 'd["amount"]["amount"]')
  supply=$(q "$o" bank total-supply-of "$(voucher "$o")" | json 'd["amount"]["amount"]')
  [ "$escrow" = "$supply" ] || fail "conservation: $escrow stake escrowed on $(chain "$s"), $supply vouchers on $(chain "$o")"
  say "conservation: $escrow stake escrowed on $(chain "$s") = $supply $(voucher "$o") on $(chain "$o")"
}

say "two chains: $CHAIN_A ($NODE_A, $CHANNEL_A) <-> $CHAIN_B ($NODE_B, $CHANNEL_B)"
for s in a b; do
  val=$("$bin" keys show validator -a --keyring-backend test --home "$(valhome "$s")")
  eval "val_$s=$val"
  eval "valoper_$s=$("$bin" keys show validator --bech val -a --keyring-backend test --home "$(valhome "$s")")"
  eval "rewards_pool_$s=$(module_addr "$s" alliance_rewards)"
  eval "alliance_mod_$s=$(module_addr "$s" alliance)"
done
valoper() { if [ "$1" = a ]; then echo "$valoper_a"; else echo "$valoper_b"; fi; }
rewards_pool() { if [ "$1" = a ]; then echo "$rewards_pool_a"; else echo "$rewards_pool_b"; fi; }
alliance_mod() { if [ "$1" = a ]; then echo "$alliance_mod_a"; else echo "$alliance_mod_b"; fi; }
say "A's stake will be $(voucher b) on $CHAIN_B; B's stake $(voucher a) on $CHAIN_A"

say "fund alice and bob with $funded stake on each chain (one multi-send per chain, paid by the validator)"
for s in a b; do tx "$s" validator bank multi-send validator "$addr_alice" "$addr_bob" "${funded}stake"; done
start_escrow_a=$(q a ibc-transfer total-escrow stake | json 'd["amount"]["amount"]')
start_escrow_b=$(q b ibc-transfer total-escrow stake | json 'd["amount"]["amount"]')

# ---- 1. bridge over ------------------------------------------------------------------------------
for u in alice bob; do
  h=$(home_of "$u") r=$(other "$(home_of "$u")")
  say "$u bridges $bridged stake from $(chain "$h") to $(chain "$r") over $(channel "$h")"
  tx "$h" "$u" ibc-transfer transfer transfer "$(channel "$h")" "$(addr "$u")" "${bridged}stake"
  SENT[$u]=$bridged
done
for u in alice bob; do
  r=$(other "$(home_of "$u")")
  wait_for 120 "$u's vouchers on $(chain "$r")" bal_is "$r" "$(addr "$u")" "$(voucher "$r")" "$bridged"
  RECEIVED[$u]=$bridged
  say "$u holds $bridged $(voucher "$r") on $(chain "$r")"
done
for s in a b; do
  [ "$(q "$s" ibc-transfer denom-hash "transfer/$(channel "$s")/stake" | json 'd["hash"]')" = "$(voucher "$s" | cut -c5-)" ] ||
    fail "$(chain "$s") names the voucher differently from $(voucher "$s")"
done
check_conservation a
check_conservation b

# ---- 2. governance lists the other chain's token -------------------------------------------------
# Chain A: B's stake at weight 0.25, take rate 0.5 % per interval; chain B: A's stake at 0.5, 1 %.
# (A second run against the same chains finds them listed and goes on.)
weight_a=0.25 take_a=0.005 weight_b=0.5 take_b=0.01
declare -A PROP
for s in a b; do
  w=weight_$s t=take_$s
  if q "$s" alliance alliance "$(voucher "$s")" >/dev/null 2>&1; then PROP[$s]=; continue; fi
  say "$(chain "$s") gov: list $(voucher "$s") (weight ${!w}, take rate ${!t} every interval)"
  tx "$s" validator alliance create-alliance "$(voucher "$s")" "${!w}" 0 1 "${!t}" 1 0s \
    --deposit 10000000stake --title "list the other chain's stake" --summary "two chains story"
  PROP[$s]=$(echo "$TX_RES" | json '[a["value"] for e in d["events"] if e["type"] == "submit_proposal" for a in e["attributes"] if a["key"] == "proposal_id"][0]')
  tx "$s" validator gov vote "${PROP[$s]}" yes
done
passed() { [ "$(q "$1" gov proposal "${PROP[$1]}" | json 'd["proposal"]["status"]')" = PROPOSAL_STATUS_PASSED ]; }
for s in a b; do
  [ -n "${PROP[$s]}" ] && wait_for 90 "proposal ${PROP[$s]} on $(chain "$s") to pass" passed "$s"
  w=weight_$s
  got=$(q "$s" alliance alliance "$(voucher "$s")" | json 'd["alliance"]["reward_weight"]')
  python3 -c "import sys; from decimal import Decimal as D; sys.exit(D(sys.argv[1]) != D(sys.argv[2]))" "$got" "${!w}" ||
    fail "$(chain "$s") lists $(voucher "$s") at weight $got"
  say "$(chain "$s"): $(voucher "$s") listed at weight $got (proposal ${PROP[$s]:-of an earlier run})"
done

# ---- 3. stake the vouchers ---------------------------------------------------------------------
declare -A DELEGATED_AT
for u in alice bob; do
  r=$(other "$(home_of "$u")")
  say "$u stakes $bridged $(voucher "$r") with $(valoper "$r") on $(chain "$r")"
  tx "$r" "$u" alliance delegate "$(valoper "$r")" "${bridged}$(voucher "$r")"
  DELEGATED_AT[$u]=$TX_HEIGHT
  [ "$(bal "$r" "$(addr "$u")" "$(voucher "$r")")" = 0 ] || fail "$u's vouchers were not all staked"
done
# The virtual stake is weight × native bonded stake: each chain's only validator self-bonds
# 100,000,000 stake, so 0.25 × 1e8 = 25,000,000 on A and 0.5 × 1e8 = 50,000,000 on B. It decides
# the alliance's share of the validator's rewards: 25/125 = 1/5 on A, 50/150 = 1/3 on B.
virtual() { q "$1" staking delegation "$(alliance_mod "$1")" "$(valoper "$1")" | json 'd["delegation_response"]["balance"]["amount"]'; }
for s in a b; do
  want=$([ "$s" = a ] && echo 25000000 || echo 50000000)
  wait_for 10 "virtual stake $want on $(chain "$s")" test "$(virtual "$s")" = "$want"
  say "$(chain "$s"): the alliance module delegates $want stake of virtual stake (weight × 100,000,000)"
done

# ---- 4. the relayer goes down: a packet waits, a packet times out -------------------------------
say "stop the relayer; alice sends 1 token with the default 10 min timeout and 1 token with a 5 s one"
relayer stop
alice_b_before=$(bal b "$addr_alice" "$(voucher b)")
tx a alice ibc-transfer transfer transfer "$CHANNEL_A" "$addr_alice" "${unit}stake"
tx a alice ibc-transfer transfer transfer "$CHANNEL_A" "$addr_alice" "${unit}stake" --packet-timeout-timestamp 5000000000
SENT[alice]=$((SENT[alice] + 2 * unit))
escrow_down=$(q a ibc-transfer total-escrow stake | json 'd["amount"]["amount"]')
[ "$escrow_down" = $((start_escrow_a + bridged + 2 * unit)) ] || fail "escrow while the relayer is down: $escrow_down"
say "relayer down for 8 s: both tokens escrowed on $CHAIN_A ($escrow_down in escrow), nothing arrives"
sleep 8
[ "$(bal b "$addr_alice" "$(voucher b)")" = "$alice_b_before" ] || fail "a packet arrived with no relayer running"

say "wrong channel: alice sends over channel-99, which does not exist"
send_tx a alice ibc-transfer transfer transfer channel-99 "$addr_alice" "${unit}stake"
[ "$TX_CODE" != 0 ] || fail "a transfer over channel-99 succeeded"
case "$TX_LOG" in *channel-99*not\ found* | *not\ found*channel-99* | *channel\ not\ found*) ;;
*) fail "wrong channel: unclear error: $TX_LOG" ;; esac
say "refused: $TX_LOG"

relayer start
wait_for 90 "the waiting packet relayed after the restart" bal_is b "$addr_alice" "$(voucher b)" $((alice_b_before + unit))
say "relayer back: the 10 min packet arrived on $CHAIN_B"
RECEIVED[alice]=$((RECEIVED[alice] + unit))
SENT[alice]=$((SENT[alice] - unit))
alice_a_home=$((funded - bridged - unit))   # what alice should hold on A before fees
wait_for 90 "the timed-out transfer refunded on $CHAIN_A" bal_is a "$addr_alice" stake $((alice_a_home - FEES[alice@a]))
say "the 5 s packet timed out on $CHAIN_B and was refunded to alice on $CHAIN_A"
check_conservation a

# ---- 5. rewards: claim ---------------------------------------------------------------------------
declare -A CLAIMED
for u in alice bob; do
  r=$(other "$(home_of "$u")")
  pending=$(q "$r" alliance rewards "$(addr "$u")" "$(valoper "$r")" "$(voucher "$r")" |
    json 'sum(int(c["amount"]) for c in d["rewards"] if c["denom"]=="stake")')
  [ "$pending" -gt 0 ] || fail "$u has no pending rewards on $(chain "$r")"
  before=$(bal "$r" "$(addr "$u")" stake)
  tx "$r" "$u" alliance claim-rewards "$(valoper "$r")" "$(voucher "$r")"
  got=$(paid "$(addr "$u")" "$(rewards_pool "$r")" stake)
  CLAIMED[$u@stake]=$got
  CLAIMED[$u@voucher]=$(paid "$(addr "$u")" "$(rewards_pool "$r")" "$(voucher "$r")")
  # The claim pays at least what was pending a block earlier; the balance moves by exactly claim − fee.
  [ "$got" -ge "$pending" ] || fail "$u claimed $got < $pending pending"
  [ "$(bal "$r" "$(addr "$u")" stake)" = $((before + got - fee)) ] || fail "$u's claim: balance does not move by $got - $fee"
  say "$u claimed $got stake (and ${CLAIMED[$u@voucher]} $(voucher "$r") of the take rate that flowed back) on $(chain "$r")"
done

# ---- 6. unstake --------------------------------------------------------------------------------
# A deduction between reading the stake and the undelegation landing would make the amount too
# large: send right after one (the clock advances by whole intervals from last_take_rate_claim_time).
clear_of_take() {
  local s=$1
  python3 - "$(q "$s" alliance params | json 'd["params"]["last_take_rate_claim_time"]')" \
    "$(q "$s" alliance params | json 'd["params"]["take_rate_claim_interval"]')" \
    "$(curl -s "http://${2}/status" | json 'd["result"]["sync_info"]["latest_block_time"]')" <<'EOF'
import re, sys
from datetime import datetime
def t(s):
    s = re.sub(r"(\.\d{6})\d*", r"\1", s.replace("Z", "+00:00"))
    return datetime.fromisoformat(s)
last, interval, now = t(sys.argv[1]), float(sys.argv[2].rstrip("s")), t(sys.argv[3])
# The first half of an interval leaves time to read the stake and land the undelegation.
sys.exit(0 if (now - last).total_seconds() < interval / 2 else 1)
EOF
}
declare -A UNDELEGATED UNDELEGATED_AT
for u in alice bob; do
  r=$(other "$(home_of "$u")")
  for attempt in 1 2 3; do
    wait_for 60 "a quiet moment of the take rate on $(chain "$r")" clear_of_take "$r" "$(node "$r" | sed 's|tcp://||')"
    staked=$(q "$r" alliance delegation "$(addr "$u")" "$(valoper "$r")" "$(voucher "$r")" | json 'd["delegation"]["balance"]["amount"]')
    voucher_before=$(bal "$r" "$(addr "$u")" "$(voucher "$r")")
    send_tx "$r" "$u" alliance undelegate "$(valoper "$r")" "${staked}$(voucher "$r")"
    [ "$TX_CODE" = 0 ] && break
    say "undelegation of $staked missed by a deduction (attempt $attempt): $TX_LOG"
  done
  [ "$TX_CODE" = 0 ] || fail "$u could not undelegate: $TX_LOG"
  UNDELEGATED[$u]=$staked
  UNDELEGATED_AT[$u]=$TX_HEIGHT
  # Undelegating pays the rewards accrued since the claim first.
  CLAIMED[$u@stake]=$((CLAIMED[$u@stake] + $(paid "$(addr "$u")" "$(rewards_pool "$r")" stake)))
  CLAIMED[$u@voucher]=$((CLAIMED[$u@voucher] + $(paid "$(addr "$u")" "$(rewards_pool "$r")" "$(voucher "$r")")))
  say "$u undelegates $staked $(voucher "$r") on $(chain "$r") (the take rate took $((bridged - staked)) of $bridged)"
  [ "$staked" -lt "$bridged" ] || fail "the take rate took nothing from $u's stake"
done

# Every deduction of the take rate is floor(T × (1 − (1 − r)^n)) of the asset's total T for the n
# intervals elapsed (n = 1 but after a slow block): replay them from the blocks' events.
check_take() { # user side rate
  local u=$1 s=$2 rate=$3
  python3 - "http://$(node "$s" | sed 's|tcp://||')" "${DELEGATED_AT[$u]}" "${UNDELEGATED_AT[$u]}" \
    "$(voucher "$s")" "$bridged" "${UNDELEGATED[$u]}" "$rate" <<'EOF'
import json, sys, urllib.request
from fractions import Fraction
rpc, lo, hi, denom, total, final, rate = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), Fraction(sys.argv[7])
n_deductions = 0
for h in range(lo, hi + 1):
    res = json.load(urllib.request.urlopen(f"{rpc}/block_results?height={h}"))["result"]
    for e in res.get("finalize_block_events") or []:
        if e["type"] != "alliance.alliance.DeductAllianceAssetsEvent":
            continue
        coins = json.loads({a["key"]: a["value"] for a in e["attributes"]}["coins"])
        for c in coins:
            if c["denom"] != denom:
                continue
            d = int(c["amount"])
            ok = [n for n in range(1, 6) if d == int(total * (1 - (1 - rate) ** n))]
            if not ok:
                sys.exit(f"block {h}: deduction {d} of {total} is not floor(T × (1 − (1 − {rate})^n))")
            total -= d
            n_deductions += 1
if total != final:
    sys.exit(f"after {n_deductions} deductions the stake is {total}, the chain undelegated {final}")
print(n_deductions)
EOF
}
for u in alice bob; do
  r=$(other "$(home_of "$u")")
  t=take_$r
  n=$(check_take "$u" "$r" "${!t}") || fail "take rate on $(chain "$r"): $n"
  out=$(q "$r" distribution validator-outstanding-rewards "$(valoper "$r")" | python3 -c '
import json, sys
import re
total = 0
for c in json.load(sys.stdin)["rewards"]["rewards"]:  # DecCoin strings: "548.8stake"
    m = re.fullmatch(r"(\d+)(?:\.\d+)?(.+)", c)
    total += int(m.group(1)) * (m.group(2) == sys.argv[1])
print(total)' "$(voucher "$r")")
  [ "$out" -gt 0 ] || fail "the take rate did not reach $(chain "$r")'s native stakers"
  say "$(chain "$r"): $n deductions, each floor(T × ${!t}), total $((bridged - UNDELEGATED[$u])); validator's outstanding rewards hold $out $(voucher "$r")"
done

for u in alice bob; do
  r=$(other "$(home_of "$u")")
  # Everything that arrived, less what the take rate kept (bridged − undelegated), plus its share
  # paid back as rewards.
  want=$((RECEIVED[$u] - (bridged - UNDELEGATED[$u]) + CLAIMED[$u@voucher]))
  say "waiting for $u's unbonding on $(chain "$r") (unbonding time $(q "$r" staking params | json 'd["params"]["unbonding_time"]' 2>/dev/null || echo '?'))"
  wait_for 120 "$u's unbonding paid out on $(chain "$r")" bal_is "$r" "$(addr "$u")" "$(voucher "$r")" "$want"
  say "$u holds $want $(voucher "$r") on $(chain "$r"): bridged + received - taken + take rate flowed back"
done

# ---- 7. bridge home ----------------------------------------------------------------------------
declare -A HOMEBOUND
for u in alice bob; do
  r=$(other "$(home_of "$u")")
  HOMEBOUND[$u]=$(bal "$r" "$(addr "$u")" "$(voucher "$r")")
  say "$u bridges ${HOMEBOUND[$u]} $(voucher "$r") home over $(channel "$r")"
  tx "$r" "$u" ibc-transfer transfer transfer "$(channel "$r")" "$(addr "$u")" "${HOMEBOUND[$u]}$(voucher "$r")"
done

# ---- the end: exact balances ---------------------------------------------------------------------
for u in alice bob; do
  h=$(home_of "$u") r=$(other "$(home_of "$u")")
  # Home chain: funded, minus fees, minus what crossed over, plus what came back.
  want_home=$((funded - FEES[$u@$h] - SENT[$u] + HOMEBOUND[$u]))
  wait_for 90 "$u's tokens home on $(chain "$h")" bal_is "$h" "$(addr "$u")" stake "$want_home"
  # Host chain: funded, minus fees, plus the native rewards claimed; no voucher left.
  want_host=$((funded - FEES[$u@$r] + CLAIMED[$u@stake]))
  [ "$(bal "$r" "$(addr "$u")" stake)" = "$want_host" ] || fail "$u on $(chain "$r"): $(bal "$r" "$(addr "$u")" stake) stake, want $want_host"
  [ "$(bal "$r" "$(addr "$u")" "$(voucher "$r")")" = 0 ] || fail "$u still holds vouchers on $(chain "$r")"
  say "$u: $want_home stake on $(chain "$h") = $funded - ${FEES[$u@$h]} fees - ${SENT[$u]} sent + ${HOMEBOUND[$u]} back"
  say "$u: $want_host stake on $(chain "$r") = $funded - ${FEES[$u@$r]} fees + ${CLAIMED[$u@stake]} rewards; 0 vouchers"
done
for s in a b; do
  check_conservation "$s"
  o=$(other "$s")
  # What stayed on the host is the take rate, inside the reward system (validators, community pool,
  # the alliance reward pool): the escrow still locks exactly that much on the source.
  start=start_escrow_$s
  u=$([ "$s" = a ] && echo alice || echo bob)
  escrow=$(q "$s" ibc-transfer total-escrow stake | json 'd["amount"]["amount"]')
  [ "$escrow" = $((${!start} + SENT[$u] - HOMEBOUND[$u])) ] || fail "escrow on $(chain "$s"): $escrow"
done
say "two-chain story complete"
