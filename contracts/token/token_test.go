package main

import (
	"bytes"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

func TestDepositExchangeRateFollowsTakeRateAndSlashing(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol := e.addr("alice"), e.addr("bob"), e.addr("carol")

	// First deposit: 1 share per token, 1000 of them locked with the contract.
	res := e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	expectAttrs(t, res, map[string]string{"action": "deposit", "sender": alice, "amount": "10000", "shares": "9000",
		"locked_shares": "1000", "validator": val1, "staked_before": "0", "supply_before": "0"})
	e.expectBalance(alice, "9000")
	e.expectBalance(e.self, "1000")
	if e.delegation(val1) != 10_000 || e.bank(e.self, asset) != 0 {
		t.Fatalf("deposit not delegated: %d, %d left", e.delegation(val1), e.bank(e.self, asset))
	}

	// Take rate: 100 tokens leave the stake; the rate is 9900/10000 and nobody acted.
	if err := e.am.TakeRate(e.self, val1, asset, u(100)); err != nil {
		t.Fatal(err)
	}
	// 5000 * 10000 / 9900 = 5050.50 -> 5050 shares (rounded down), to val2 (least stake).
	res = e.exec(bob, `{"deposit":{}}`, coin(5000, asset))
	expectAttrs(t, res, map[string]string{"validator": val2, "staked_before": "9900", "supply_before": "10000"})
	e.expectBalance(bob, "5050")
	if _, ok := attrs(res)["locked_shares"]; ok {
		t.Fatal("later deposits lock nothing")
	}

	// Slashing val2 by 10%: 5000 -> 4500; staked 14400 for 15050 shares.
	ten, _ := std.DecimalPercent(10)
	if err := e.am.Slash(val2, ten); err != nil {
		t.Fatal(err)
	}
	// 1000 * 15050 / 14400 = 1045.14 -> 1045, to val2 again (4500 < 9900).
	res = e.exec(carol, `{"deposit":{}}`, coin(1000, asset))
	expectAttrs(t, res, map[string]string{"validator": val2, "staked_before": "14400", "supply_before": "15050"})
	e.expectBalance(carol, "1045")
	e.expectQuery(`{"token_info":{}}`, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"total_supply":"16095"}`)
	// 15400 / 16095 = 0.956818887853370611|99.. rounded down.
	e.expectQuery(`{"state":{}}`, `{"total_staked":"15400","total_supply":"16095","exchange_rate":"0.956818887853370611",`+
		`"reward_index":"0","reserved_rewards":"0","queued_shares":"0","stakes":[{"validator":"`+val1+`","amount":"9900"},{"validator":"`+val2+`","amount":"5500"}],"delist_completion_time":null,"exit_pot":null}`)
}

func TestBadDepositsChangeNothing(t *testing.T) {
	e := newEnv(t, "")
	alice := e.addr("alice")
	e.fail(alice, `{"deposit":{}}`, "send exactly one coin, of uasset")
	e.fail(alice, `{"deposit":{}}`, "wrong denom stake: deposit uasset", coin(10_000, stake))
	e.fail(alice, `{"deposit":{}}`, "send exactly one coin", coin(10_000, asset), coin(1, stake))
	e.fail(alice, `{"deposit":{}}`, "invalid zero amount", coin(0, asset))
	e.fail(alice, `{"deposit":{"amount":"5"}}`, `unknown field "amount"`, coin(10_000, asset))
	e.fail(alice, `{"transfer":{"recipient":"`+alice+`","amount":"1"}}`, "this message does not accept funds", coin(1, asset))
	// cw_serde: required fields are refused by name, options may be absent or null.
	e.fail(alice, `{"transfer":{"recipient":"`+alice+`"}}`, `missing field "amount"`)
	e.fail(alice, `{"increase_allowance":{"amount":"1","expires":null}}`, `missing field "spender"`)
	e.fail(alice, `{"unbond":{}}`, `missing field "amount"`)
	if _, err := e.h.Query([]byte(`{"balance":{}}`)); err == nil || !strings.Contains(err.Error(), `missing field "address"`) {
		t.Fatalf("balance without address: %v", err)
	}
	// all_accounts' options absent or null: the first page.
	if a, b := e.query(`{"all_accounts":{}}`), e.query(`{"all_accounts":{"start_after":null,"limit":null}}`); a != b || a != `{"accounts":[]}` {
		t.Fatalf("all_accounts: %s / %s", a, b)
	}
	if e.bank(alice, asset) != 20_001 || e.bank(alice, stake) != 10_001 || e.delegation(val1) != 0 {
		t.Fatalf("refused deposits moved funds: %d", e.bank(alice, asset))
	}
}

func TestFirstDepositorProtection(t *testing.T) {
	e := newEnv(t, "")
	attacker, victim := e.addr("attacker"), e.addr("victim")
	e.fail(attacker, `{"deposit":{}}`, "first deposit must be at least 10000uasset", coin(9_999, asset))
	e.exec(attacker, `{"deposit":{}}`, coin(10_000, asset))
	// The attacker queues almost everything: 8999 shares, still owning their stake until processed.
	res := e.exec(attacker, `{"unbond":{"amount":"8999"}}`)
	expectAttrs(t, res, map[string]string{"shares": "8999", "batch_shares": "8999"})
	e.expectBalance(attacker, "1")
	// A donation of the asset to the contract's address belongs to the holders at once: deposits
	// are priced at everything the holders own, the stake (10,000) plus asset no record explains
	// (1,000,000), for the 1001 circulating shares plus the 8999 queued. (The state query shows the
	// stake alone until a harvest restakes the donation.)
	e.am.Fund(e.self, coin(1_000_000, asset))
	e.expectQuery(`{"state":{}}`, `{"total_staked":"10000","total_supply":"1001","exchange_rate":"1","reward_index":"0","reserved_rewards":"0","queued_shares":"8999","stakes":[{"validator":"`+val1+`","amount":"10000"},{"validator":"`+val2+`","amount":"0"}],"delist_completion_time":null,"exit_pot":null}`)
	// A deposit that would round to zero shares is refused (100 * 10000 / 1010000 = 0.99 -> 0),
	// so nobody loses a whole deposit to rounding ...
	// (The reply refuses it, once the delegation has said what it paid: the chain reverts all.)
	before := e.dump()
	e.am.Fund(victim, coin(100, asset))
	if _, err := e.am.Execute(victim, []byte(`{"deposit":{}}`), coin(100, asset)); err == nil || !strings.Contains(err.Error(), "deposit too small: it would mint zero shares") {
		t.Fatalf("deposit of 100: %v", err)
	}
	if !bytes.Equal(before, e.dump()) || e.bank(victim, asset) != 100 {
		t.Fatal("the refused deposit changed the contract or kept the funds")
	}
	// ... and 101 tokens buy 1 share (101 * 10000 / 1010000 = 1), to val2 (the least staked).
	e.exec(victim, `{"deposit":{}}`, coin(101, asset))
	e.expectBalance(victim, "1")
	res = e.exec(victim, `{"unbond":{"amount":"1"}}`)
	expectAttrs(t, res, map[string]string{"shares": "1", "batch_shares": "9000"})
	// Harvest restakes the donation (to val2, the least staked: 101 < 10000).
	res = e.exec(attacker, `{"harvest":{}}`)
	expectAttrs(t, res, map[string]string{"restaked": "1000000", "validator": val2})
	if e.delegation(val1) != 10_000 || e.delegation(val2) != 1_000_101 {
		t.Fatalf("stakes %d %d", e.delegation(val1), e.delegation(val2))
	}
	// Processing burns the 9000 queued shares at the rate of now: floor(9000 * 1010101 / 10001)
	// = 909000 (taken from val2, the largest). The victim's 1 share is floor(909000 / 9000) = 101,
	// what it paid; the attacker's 8999 floor(8999 * 909000 / 9000) = 908899 of the 1,010,000 it
	// put in: the 1001 remaining shares (1000 of them locked) keep the rest.
	e.h.Env.Block.Time = std.Timestamp(epoch0 * 1_000_000_000)
	expectAttrs(t, e.exec(victim, `{"process_unbonds":{}}`), map[string]string{"shares": "9000", "amount": "909000", "claims": "2"})
	e.expectQuery(`{"claims":{"address":"`+victim+`"}}`, `{"claims":[{"batch_id":0,"shares":"1","amount":"101","state":"unbonding","completion_time":"1702160000000000000","payout":null}]}`)
	e.expectQuery(`{"claims":{"address":"`+attacker+`"}}`, `{"claims":[{"batch_id":0,"shares":"8999","amount":"908899","state":"unbonding","completion_time":"1702160000000000000","payout":null}]}`)
	e.expectQuery(`{"state":{}}`, `{"total_staked":"101101","total_supply":"1001","exchange_rate":"101","reward_index":"0","reserved_rewards":"0","queued_shares":"0","stakes":[{"validator":"`+val1+`","amount":"10000"},{"validator":"`+val2+`","amount":"91101"}],"delist_completion_time":null,"exit_pot":null}`)
}

func TestHarvestRestakesAssetBeyondClaims(t *testing.T) {
	e := newEnv(t, "")
	alice := e.addr("alice")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	e.exec(alice, `{"unbond":{"amount":"1000"}}`)        // 1000 queued, owed to alice
	// Asset-denom rewards: 20 already paid to the contract, 30 pending on val1.
	e.am.Fund(e.self, coin(20, asset))
	if err := e.am.AddRewards(e.self, val1, asset, coin(30, asset), coin(90, stake)); err != nil {
		t.Fatal(err)
	}
	res := e.exec(e.addr("keeper"), `{"harvest":{}}`)
	// 20 held + 30 claimed in the same call; the 1000 queued shares still own their stake and
	// share the restaked asset like every share, but the 90 stake rewards go to the 8000 earning
	// shares only (index 90 / 8000 = 0.01125): queued shares earn no rewards. The claim goes out before the delegation, to the least-staked validator (val2).
	expectAttrs(t, res, map[string]string{"restaked": "50", "validator": val2, "reward_index": "0.01125"})
	if len(res.Messages) != 2 || !strings.Contains(string(res.Messages[0].Msg.Custom), `"claim_rewards"`) ||
		!strings.Contains(string(res.Messages[1].Msg.Custom), `"delegate":{"validator":"`+val2+`","amount":{"denom":"uasset","amount":"50"}}`) {
		t.Fatalf("messages %+v", res.Messages)
	}
	if e.delegation(val2) != 50 || e.bank(e.self, asset) != 0 || e.bank(e.self, stake) != 90 {
		t.Fatalf("val2 %d, asset left %d, stake %d", e.delegation(val2), e.bank(e.self, asset), e.bank(e.self, stake))
	}
	// The batch is burned at 10050 / 10000: floor(1000 * 10050 / 10000) = 1005, undelegated from
	// val1 (the largest); when it has arrived it belongs to alice:
	// harvest leaves it alone.
	e.h.Env.Block.Time = std.Timestamp(epoch0 * 1_000_000_000)
	expectAttrs(t, e.exec(alice, `{"process_unbonds":{}}`), map[string]string{"shares": "1000", "amount": "1005", "validators": val1})
	e.h.Env.Block.Time = std.Timestamp(1702160000000000000)
	e.am.MatureUnbondings()
	res = e.exec(e.addr("keeper"), `{"harvest":{}}`)
	expectAttrs(t, res, map[string]string{"restaked": "0"})
	if _, ok := attrs(res)["validator"]; ok || len(res.Messages) != 0 {
		t.Fatalf("nothing to restake, yet %+v", res)
	}
	e.exec(alice, `{"withdraw":{}}`)
	if e.bank(alice, asset) != 1005 {
		t.Fatalf("alice withdrew %d", e.bank(alice, asset))
	}
	// 9000 shares (8000 alice, 1000 locked) now own 9045 tokens; 90 stake over 8000 earning shares.
	e.expectQuery(`{"state":{}}`, `{"total_staked":"9045","total_supply":"9000","exchange_rate":"1.005","reward_index":"0.01125","reserved_rewards":"90","queued_shares":"0",`+
		`"stakes":[{"validator":"`+val1+`","amount":"8995"},{"validator":"`+val2+`","amount":"50"}],"delist_completion_time":null,"exit_pot":null}`)
}

func TestStakeSlashedToZero(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	if err := e.am.Slash(val1, std.DecimalOne()); err != nil {
		t.Fatal(err)
	}
	e.fail(bob, `{"deposit":{}}`, "the stake is worth nothing", coin(10_000, asset))
	e.fail(alice, `{"unbond":{"amount":"9000"}}`, "unbond too small: it is worth zero uasset")
	e.expectQuery(`{"state":{}}`, `{"total_staked":"0","total_supply":"10000","exchange_rate":"0","reward_index":"0","reserved_rewards":"0","queued_shares":"0","stakes":[{"validator":"`+val1+`","amount":"0"},{"validator":"`+val2+`","amount":"0"}],"delist_completion_time":null,"exit_pot":null}`)
}

func TestRewardIndexAcrossTransfers(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol := e.addr("alice"), e.addr("bob"), e.addr("carol")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // alice 9000 + 1000 locked (earn nothing)
	if err := e.am.AddRewards(e.self, val1, asset, coin(900, stake)); err != nil {
		t.Fatal(err)
	}
	// Bob's deposit books the 900 first (index 900/9000 = 0.1), so he gets none of them. Booked,
	// not claimed: they stay on the chain until someone claims rewards; the deposit sends only
	// its delegation to val2.
	res := e.exec(bob, `{"deposit":{}}`, coin(10_000, asset))
	if len(res.Messages) != 1 || !strings.Contains(string(res.Messages[0].Msg.Custom), `"delegate":{"validator":"`+val2+`"`) {
		t.Fatalf("messages: %+v", res.Messages)
	}
	if e.bank(e.self, stake) != 0 || e.am.PendingRewards(e.self, val1, asset, stake) != u(900) {
		t.Fatalf("claimed %d, pending %d", e.bank(e.self, stake), e.am.PendingRewards(e.self, val1, asset, stake))
	}
	e.expectQuery(`{"pending_rewards":{"address":"`+bob+`"}}`, `{"address":"`+bob+`","rewards":"0","denom":"stake"}`)

	// Alice moves 4000 to carol: alice's 900 are settled, carol starts from the current index.
	res = e.exec(alice, `{"transfer":{"recipient":"`+carol+`","amount":"4000"}}`)
	expectAttrs(t, res, map[string]string{"action": "transfer", "from": alice, "to": carol, "amount": "4000"})
	if err := e.am.AddRewards(e.self, val1, asset, coin(1000, stake)); err != nil {
		t.Fatal(err)
	}
	if err := e.am.AddRewards(e.self, val2, asset, coin(900, stake)); err != nil {
		t.Fatal(err)
	}
	// 1900 over 19000 earning shares: +0.1 each. The query counts what the chain holds.
	e.expectQuery(`{"pending_rewards":{"address":"`+alice+`"}}`, `{"address":"`+alice+`","rewards":"1400","denom":"stake"}`)
	e.expectQuery(`{"pending_rewards":{"address":"`+bob+`"}}`, `{"address":"`+bob+`","rewards":"1000","denom":"stake"}`)
	e.expectQuery(`{"pending_rewards":{"address":"`+carol+`"}}`, `{"address":"`+carol+`","rewards":"400","denom":"stake"}`)

	// A claim claims every delegation first: 900 + 1000 on val1, 900 on val2 arrive, 400 leave.
	res = e.exec(carol, `{"claim_rewards":{}}`)
	expectAttrs(t, res, map[string]string{"action": "claim_rewards", "recipient": carol, "amount": "400", "denom": "stake", "reward_index": "0.2"})
	if e.bank(carol, stake) != 400 || e.bank(e.self, stake) != 2400 {
		t.Fatalf("after carol's claim: carol %d, contract %d", e.bank(carol, stake), e.bank(e.self, stake))
	}
	e.exec(alice, `{"claim_rewards":{}}`)
	e.exec(bob, `{"claim_rewards":{}}`)
	if e.bank(alice, stake) != 1400 || e.bank(bob, stake) != 1000 || e.bank(e.self, stake) != 0 {
		t.Fatalf("after all claims: alice %d bob %d contract %d", e.bank(alice, stake), e.bank(bob, stake), e.bank(e.self, stake))
	}
	e.fail(bob, `{"claim_rewards":{}}`, "no rewards to claim")
	e.expectQuery(`{"state":{}}`, `{"total_staked":"20000","total_supply":"20000","exchange_rate":"1","reward_index":"0.2","reserved_rewards":"0","queued_shares":"0",`+
		`"stakes":[{"validator":"`+val1+`","amount":"10000"},{"validator":"`+val2+`","amount":"10000"}],"delist_completion_time":null,"exit_pot":null}`)
}

// TestDepositBooksWhatItsDelegationPays: the deposit's own validator is not asked for its pending
// rewards; its delegation pays them (claim before change) and the reply books them from the
// delegate's response before the depositor's shares exist, so the depositor gets none of them; the
// asset-denom part is the holders' before the deposit and is priced into its shares.
func TestDepositBooksWhatItsDelegationPays(t *testing.T) {
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // alice 9000 + 1000 locked
	if err := e.am.AddRewards(e.self, val1, asset, coin(900, stake), coin(50, asset)); err != nil {
		t.Fatal(err)
	}
	res := e.exec(bob, `{"deposit":{}}`, coin(10_000, asset))
	// One message: the delegation itself, as a sub-message whose reply books what it paid.
	if len(res.Messages) != 1 || res.Messages[0].ReplyOn != wasmvmtypes.ReplySuccess || !strings.Contains(string(res.Messages[0].Msg.Custom), `"delegate":{"validator":"`+val1+`"`) {
		t.Fatalf("messages: %+v", res.Messages)
	}
	expectAttrs(t, res, map[string]string{"staked_before": "10000", "supply_before": "10000"})
	if e.bank(e.self, stake) != 900 || e.bank(e.self, asset) != 50 {
		t.Fatalf("paid by the delegation: %d stake, %d asset", e.bank(e.self, stake), e.bank(e.self, asset))
	}
	e.expectQuery(`{"pending_rewards":{"address":"`+alice+`"}}`, `{"address":"`+alice+`","rewards":"900","denom":"stake"}`)
	e.expectQuery(`{"pending_rewards":{"address":"`+bob+`"}}`, `{"address":"`+bob+`","rewards":"0","denom":"stake"}`)
	// The 50 asset are the holders' before bob (surplus), and his shares are priced with them:
	// floor(10,000 * 10,000 / (10,000 + 50)) = 9950.
	e.expectBalance(bob, "9950")
	// A harvest restakes them: 20,050 for 19,950 shares; bob's are worth floor(9950 * 20050 /
	// 19950) = 9999 (what he paid, less rounding), alice's 9000 + 1000 locked the other 10,050.
	expectAttrs(t, e.exec(e.addr("keeper"), `{"harvest":{}}`), map[string]string{"restaked": "50"})
	e.expectQuery(`{"state":{}}`, `{"total_staked":"20050","total_supply":"19950","exchange_rate":"1.005012531328320802","reward_index":"0.1","reserved_rewards":"900","queued_shares":"0",`+
		`"stakes":[{"validator":"`+val1+`","amount":"20050"}],"delist_completion_time":null,"exit_pot":null}`)
}

// TestRewardsBookedThenPaidByADepositCountOnce: an unbond books the rewards pending on val1 without
// claiming them; the next deposit's delegation to val1 pays them, and its reply must not book them
// a second time (the reserve already covers them).
func TestRewardsBookedThenPaidByADepositCountOnce(t *testing.T) {
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // alice 9000 + 1000 locked
	if err := e.am.AddRewards(e.self, val1, asset, coin(900, stake)); err != nil {
		t.Fatal(err)
	}
	res := e.exec(alice, `{"unbond":{"amount":"1000"}}`) // books 900 over 9000: index 0.1
	if len(res.Messages) != 0 || e.bank(e.self, stake) != 0 {
		t.Fatalf("unbond claimed: %+v, balance %d", res.Messages, e.bank(e.self, stake))
	}
	e.exec(bob, `{"deposit":{}}`, coin(10_000, asset)) // 10,000 shares at 10,000 / (9,000 + 1,000 queued)
	if e.bank(e.self, stake) != 900 {
		t.Fatalf("the delegation paid %d", e.bank(e.self, stake))
	}
	e.expectQuery(`{"pending_rewards":{"address":"`+alice+`"}}`, `{"address":"`+alice+`","rewards":"900","denom":"stake"}`)
	e.expectQuery(`{"pending_rewards":{"address":"`+bob+`"}}`, `{"address":"`+bob+`","rewards":"0","denom":"stake"}`)
	// New rewards after bob's deposit: 1800 over 8000 (alice) + 10000 (bob) earning shares, 0.1
	// each; booked once, alice has 900 + 800, bob 1000, and nothing is left over.
	if err := e.am.AddRewards(e.self, val1, asset, coin(1800, stake)); err != nil {
		t.Fatal(err)
	}
	e.exec(alice, `{"claim_rewards":{}}`)
	e.exec(bob, `{"claim_rewards":{}}`)
	if e.bank(alice, stake) != 1700 || e.bank(bob, stake) != 1000 || e.bank(e.self, stake) != 0 {
		t.Fatalf("alice %d, bob %d, left %d", e.bank(alice, stake), e.bank(bob, stake), e.bank(e.self, stake))
	}
	e.expectQuery(`{"state":{}}`, `{"total_staked":"20000","total_supply":"19000","exchange_rate":"1","reward_index":"0.2","reserved_rewards":"0","queued_shares":"1000",`+
		`"stakes":[{"validator":"`+val1+`","amount":"20000"}],"delist_completion_time":null,"exit_pot":null}`)
}

// TestDepositPayloadRoundTrip: the reply payload keeps every amount, the sender, the config and the
// reward state; a malformed one is refused.
func TestDepositPayloadRoundTrip(t *testing.T) {
	max, _ := std.ParseUint128("340282366920938463463374607431768211455")
	idx, _ := std.ParseDecimal("0.000090009000900090")
	in := depositPayload{
		sender: "alliance1sender", amount: max, value: u128(12), locked: u128(1000), incoming: u128(7),
		cfg: Config{Name: "Staked \n Asset", Symbol: "stA", AssetDenom: "ibc/AB", RewardDenom: "stake", Validators: []string{val1, val2},
			Owner: "alliance1owner", FeeBps: 50, FeeAddress: "alliance1fee", MinInitialDeposit: u128(10_000), UnbondEpoch: 3600},
		rs: RewardState{Supply: u128(20_000), Index: idx, Reserved: u128(10), Batch: 3, Queued: u128(5), BatchStart: 1}, // 10 is a newline byte in the binary record
	}
	b, err := in.encode()
	if err != nil {
		t.Fatal(err)
	}
	out, err := decodeDepositPayload(b)
	if err != nil || !reflect.DeepEqual(out, in) {
		t.Fatalf("round trip: %+v, %v", out, err)
	}
	for _, bad := range []string{"", "1 2 3 4", "1 2 3 x sender\n{}\n{}", "1 2 3 4 sender", "1 2 3 4 sender\n{}", "1 2 3 4 sender\n{\n{}"} {
		if d, err := decodeDepositPayload([]byte(bad)); err == nil {
			t.Errorf("%q decoded: %+v", bad, d)
		}
	}
}

func TestFeeAndRoundingDust(t *testing.T) {
	treasury := std.NewMock().API.Addr("treasury")
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"],"fee_bps":500,"fee_address":"`+treasury+`"}`)
	alice := e.addr("alice")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	if err := e.am.AddRewards(e.self, val1, asset, coin(1000, stake)); err != nil {
		t.Fatal(err)
	}
	// fee = 1000 * 500 / 10000 = 50; 950 over 9000 shares = 0.105555555555555555 (rounded down);
	// the reserve grows by ceil(9000 * 0.105555555555555555) = 950.
	res := e.exec(e.addr("anyone"), `{"harvest":{}}`)
	expectAttrs(t, res, map[string]string{"action": "harvest", "fee": "50", "reward_index": "0.105555555555555555"})
	e.expectQuery(`{"pending_rewards":{"address":"`+alice+`"}}`, `{"address":"`+alice+`","rewards":"949","denom":"stake"}`)
	e.expectQuery(`{"pending_rewards":{"address":"`+treasury+`"}}`, `{"address":"`+treasury+`","rewards":"50","denom":"stake"}`)
	// Nothing new: a second harvest books nothing.
	res = e.exec(alice, `{"harvest":{}}`)
	expectAttrs(t, res, map[string]string{"fee": "0", "reward_index": "0.105555555555555555"})
	e.exec(treasury, `{"claim_rewards":{}}`)
	e.exec(alice, `{"claim_rewards":{}}`)
	// 1 token of dust stays reserved in the contract: less was paid than arrived, never more.
	if e.bank(treasury, stake) != 50 || e.bank(alice, stake) != 949 || e.bank(e.self, stake) != 1 {
		t.Fatalf("treasury %d alice %d contract %d", e.bank(treasury, stake), e.bank(alice, stake), e.bank(e.self, stake))
	}
	e.expectQuery(`{"state":{}}`, `{"total_staked":"10000","total_supply":"10000","exchange_rate":"1","reward_index":"0.105555555555555555","reserved_rewards":"1","queued_shares":"0",`+
		`"stakes":[{"validator":"`+val1+`","amount":"10000"}],"delist_completion_time":null,"exit_pot":null}`)
}

// TestSweepSendsOtherDenomsToTheFeeAddress: rewards in a denom the index does not book (fees in
// other tokens, another alliance's take rate) go to the fee address on a sweep anyone may call;
// the reward denom and the asset cannot be swept; bad sweeps change nothing.
func TestSweepSendsOtherDenomsToTheFeeAddress(t *testing.T) {
	treasury := std.NewMock().API.Addr("treasury")
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"],"fee_bps":500,"fee_address":"`+treasury+`"}`)
	alice, keeper := e.addr("alice"), e.addr("keeper")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	if err := e.am.AddRewards(e.self, val1, asset, coin(1000, stake), coin(70, "ibc/FEE")); err != nil {
		t.Fatal(err)
	}
	e.exec(keeper, `{"harvest":{}}`) // claims: 1000 stake booked, 70 ibc/FEE arrive unbooked
	if e.bank(e.self, "ibc/FEE") != 70 {
		t.Fatalf("contract holds %d ibc/FEE", e.bank(e.self, "ibc/FEE"))
	}
	e.fail(keeper, `{"sweep":{"denom":"stake"}}`, "cannot sweep stake")
	e.fail(keeper, `{"sweep":{"denom":"uasset"}}`, "cannot sweep uasset")
	e.fail(keeper, `{"sweep":{"denom":""}}`, "cannot sweep")
	e.fail(keeper, `{"sweep":{"denom":"ibc/OTHER"}}`, "no ibc/OTHER to sweep")
	e.fail(keeper, `{"sweep":{"denom":"ibc/FEE","amount":"1"}}`, "unknown field")
	res := e.exec(keeper, `{"sweep":{"denom":"ibc/FEE"}}`)
	expectAttrs(t, res, map[string]string{"action": "sweep", "denom": "ibc/FEE", "amount": "70", "recipient": treasury})
	if e.bank(treasury, "ibc/FEE") != 70 || e.bank(e.self, "ibc/FEE") != 0 {
		t.Fatalf("treasury %d, contract %d", e.bank(treasury, "ibc/FEE"), e.bank(e.self, "ibc/FEE"))
	}
	// The holders' rewards are untouched: 950 after the 5 % fee, over 9,000 earning shares (the
	// index step floors: 949 to alice, 1 of dust stays reserved), 50 to the treasury.
	e.expectQuery(`{"pending_rewards":{"address":"`+alice+`"}}`, `{"address":"`+alice+`","rewards":"949","denom":"stake"}`)
	e.expectQuery(`{"pending_rewards":{"address":"`+treasury+`"}}`, `{"address":"`+treasury+`","rewards":"50","denom":"stake"}`)
	if e.bank(e.self, stake) != 1000 {
		t.Fatalf("stake left %d", e.bank(e.self, stake))
	}
}

func TestRewardsWithNoEarningHolderGoToTheFeeAddress(t *testing.T) {
	e := newEnv(t, "")
	alice := e.addr("alice")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	// Alice leaves: only the locked shares remain, and they earn nothing.
	e.exec(alice, `{"unbond":{"amount":"9000"}}`)
	if err := e.am.AddRewards(e.self, val1, asset, coin(70, stake)); err != nil {
		t.Fatal(err)
	}
	res := e.exec(alice, `{"harvest":{}}`)
	expectAttrs(t, res, map[string]string{"fee": "70", "reward_index": "0"})
	e.exec(e.owner, `{"claim_rewards":{}}`) // the owner is the default fee address
	if e.bank(e.owner, stake) != 70 {
		t.Fatalf("owner got %d", e.bank(e.owner, stake))
	}
}

// epoch0 is when the first batch may be processed: instantiate (MockBlockTime) + the default
// unbond_epoch of 4 days; done0 when its undelegations complete (+ 21 days).
const (
	epoch0 = 1700345600
	done0  = "1702160000000000000"
)

func TestUnbondAndWithdraw(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, keeper := e.addr("alice"), e.addr("bob"), e.addr("keeper")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1 10000
	e.exec(bob, `{"deposit":{}}`, coin(4000, asset))     // val2 4000
	e.exec(alice, `{"deposit":{}}`, coin(4000, asset))   // val2 8000
	e.expectBalance(alice, "13000")

	// 13000 shares of 18000 join batch 0 as shares; nothing is undelegated, no value is fixed.
	res := e.exec(alice, `{"unbond":{"amount":"13000"}}`)
	expectAttrs(t, res, map[string]string{"action": "unbond", "from": alice, "beneficiary": alice, "shares": "13000", "batch_id": "0", "batch_shares": "13000"})
	if _, ok := attrs(res)["amount"]; ok {
		t.Fatalf("an unbond fixes no amount: %v", attrs(res))
	}
	if len(res.Messages) != 0 || e.delegation(val1) != 10_000 || e.delegation(val2) != 8000 {
		t.Fatalf("messages %+v, delegations %d %d", res.Messages, e.delegation(val1), e.delegation(val2))
	}
	// The 13000 queued shares left the circulating supply but still own stake: 18000 over 5000 +
	// 13000 shares.
	e.expectQuery(`{"state":{}}`, `{"total_staked":"18000","total_supply":"5000","exchange_rate":"1","reward_index":"0","reserved_rewards":"0","queued_shares":"13000","stakes":[{"validator":"`+val1+`","amount":"10000"},{"validator":"`+val2+`","amount":"8000"}],"delist_completion_time":null,"exit_pot":null}`)
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[{"batch_id":0,"shares":"13000","amount":null,"state":"pending","completion_time":"0","payout":null}]}`)
	e.fail(alice, `{"withdraw":{}}`, "no matured claims")
	e.fail(keeper, `{"process_unbonds":{}}`, "batch 0 cannot be processed before 1700345600000000000 (unix ns; unbond_epoch 345600s after it opened), now 1700000000000000000")

	// Take rate of 1 while alice's shares wait: 17999 over 18000 shares, for everyone.
	if err := e.am.TakeRate(e.self, val2, asset, u(1)); err != nil {
		t.Fatal(err)
	}
	e.fail(bob, `{"unbond":{"amount":"4001"}}`, "insufficient funds")
	e.fail(bob, `{"unbond":{"amount":"0"}}`, "invalid zero amount")
	res = e.exec(bob, `{"unbond":{"amount":"4000"}}`)
	expectAttrs(t, res, map[string]string{"shares": "4000", "batch_id": "0", "batch_shares": "17000"})
	// The last holder left: the locked shares are all that circulate.
	e.expectQuery(`{"state":{}}`, `{"total_staked":"17999","total_supply":"1000","exchange_rate":"0.999944444444444444","reward_index":"0","reserved_rewards":"0","queued_shares":"17000","stakes":[{"validator":"`+val1+`","amount":"10000"},{"validator":"`+val2+`","amount":"7999"}],"delist_completion_time":null,"exit_pot":null}`)
	e.expectQuery(`{"current_batch":{}}`, `{"id":0,"shares":"17000","claims":2,"opened":"1700000000000000000","processable_from":"1700345600000000000"}`)

	// One second early: refused. At the epoch anyone processes: the 17000 shares are worth
	// floor(17000 * 17999 / 18000) = floor(16999.06) = 16999 (the 0.06 stays with the locked
	// shares), from the largest stakes first, 10000 from val1 and 6999 from val2, one
	// undelegation each. The take rate fell on the batch for its 17000 / 18000 part.
	e.h.Env.Block.Time = std.Timestamp(epoch0*1_000_000_000 - 1)
	e.fail(keeper, `{"process_unbonds":{}}`, "batch 0 cannot be processed before 1700345600000000000")
	e.h.Env.Block.Time = std.Timestamp(epoch0 * 1_000_000_000)
	res = e.exec(keeper, `{"process_unbonds":{}}`)
	expectAttrs(t, res, map[string]string{"action": "process_unbonds", "batch_id": "0", "shares": "17000", "amount": "16999", "claims": "2", "validators": val1 + "," + val2, "next_batch": "1"})
	if len(res.Messages) != 2 || res.Messages[0].ReplyOn != wasmvmtypes.ReplySuccess ||
		!strings.Contains(string(res.Messages[0].Msg.Custom), `"undelegate":{"validator":"`+val1+`","amount":{"denom":"uasset","amount":"10000"}}`) ||
		!strings.Contains(string(res.Messages[1].Msg.Custom), `"undelegate":{"validator":"`+val2+`","amount":{"denom":"uasset","amount":"6999"}}`) {
		t.Fatalf("messages %+v", res.Messages)
	}
	if e.delegation(val1) != 0 || e.delegation(val2) != 1000 || len(e.am.Unbondings(e.self)) != 2 {
		t.Fatalf("delegations %d %d, entries %d", e.delegation(val1), e.delegation(val2), len(e.am.Unbondings(e.self)))
	}
	e.fail(keeper, `{"process_unbonds":{}}`, "batch 1 is empty: nothing to unbond")
	e.expectQuery(`{"current_batch":{}}`, `{"id":1,"shares":"0","claims":0,"opened":"1700345600000000000","processable_from":"1700691200000000000"}`)
	// The replies recorded the chain's completion time on the batch. Alice's part of the batch
	// amount: floor(13000 * 16999 / 17000) = floor(12999.24) = 12999; bob's floor(4000 * 16999 /
	// 17000) = floor(3999.76) = 3999 (the 1 left is dust for the holders).
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[{"batch_id":0,"shares":"13000","amount":"12999","state":"unbonding","completion_time":"`+done0+`","payout":null}]}`)
	e.fail(alice, `{"withdraw":{}}`, "no matured claims")
	e.expectQuery(`{"state":{}}`, `{"total_staked":"1000","total_supply":"1000","exchange_rate":"1","reward_index":"0","reserved_rewards":"0","queued_shares":"0","stakes":[{"validator":"`+val1+`","amount":"0"},{"validator":"`+val2+`","amount":"1000"}],"delist_completion_time":null,"exit_pot":null}`)

	// At the completion time, before the chain's EndBlock paid the unbondings: a clear error.
	e.h.Env.Block.Time = std.Timestamp(1702160000000000000)
	e.expectQuery(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[{"batch_id":0,"shares":"4000","amount":"3999","state":"matured","completion_time":"`+done0+`","payout":null}]}`)
	e.fail(alice, `{"withdraw":{}}`, "unbonded tokens not received yet: try again after the next block")
	e.am.MatureUnbondings()
	res = e.exec(alice, `{"withdraw":{}}`)
	expectAttrs(t, res, map[string]string{"action": "withdraw", "recipient": alice, "amount": "12999", "claims": "1"})
	// Alice's withdrawal settled the batch: nothing was slashed, bob's claim pays its amount.
	e.expectQuery(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[{"batch_id":0,"shares":"4000","amount":"3999","state":"matured","completion_time":"`+done0+`","payout":"3999"}]}`)
	e.exec(bob, `{"withdraw":{}}`)
	if e.bank(alice, asset) != 12_999 || e.bank(bob, asset) != 3999 || e.bank(e.self, asset) != 1 {
		t.Fatalf("paid: alice %d bob %d left %d", e.bank(alice, asset), e.bank(bob, asset), e.bank(e.self, asset))
	}
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[]}`)
	e.fail(bob, `{"withdraw":{}}`, "no matured claims")
	// The paid batch is gone; the book is empty but for the dust, the holders' surplus.
	if _, found, _ := batches.MayLoad(e.h.Storage, 0); found {
		t.Fatal("batch 0 still stored")
	}
	rs, _ := rewards.Load(e.h.Storage)
	if rs != (RewardState{Supply: u(1000), Surplus: u(1), Batch: 1, BatchStart: epoch0 * 1_000_000_000, FirstUnsettled: 1, Own: u(1000)}) {
		t.Fatalf("pool %+v", rs)
	}
}

func TestUnbondThroughCW20Send(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	res := e.exec(alice, `{"send":{"contract":"`+e.self+`","amount":"2000","msg":"`+b64(`{"unbond":{}}`)+`"}}`)
	expectAttrs(t, res, map[string]string{"action": "send", "from": alice, "beneficiary": alice, "shares": "2000", "batch_id": "0"})
	e.fail(alice, `{"send":{"contract":"`+e.self+`","amount":"1","msg":"`+b64(`{"stake":{}}`)+`"}}`, `msg must be {"unbond":{}}`)
	// A spender's send_from to the contract burns the owner's shares; the claim is the spender's.
	e.exec(alice, `{"increase_allowance":{"spender":"`+bob+`","amount":"3000"}}`)
	res = e.exec(bob, `{"send_from":{"owner":"`+alice+`","contract":"`+e.self+`","amount":"1000","msg":"`+b64(`{"unbond":{}}`)+`"}}`)
	expectAttrs(t, res, map[string]string{"action": "send_from", "from": alice, "beneficiary": bob, "shares": "1000", "batch_shares": "3000"})
	// A second unbond of alice into the same batch adds to her claim.
	e.exec(alice, `{"unbond":{"amount":"500"}}`)
	e.expectBalance(alice, "5500")
	e.expectQuery(`{"allowance":{"owner":"`+alice+`","spender":"`+bob+`"}}`, `{"allowance":"2000","expires":{"never":{}}}`)
	e.expectQuery(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[{"batch_id":0,"shares":"1000","amount":null,"state":"pending","completion_time":"0","payout":null}]}`)
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[{"batch_id":0,"shares":"2500","amount":null,"state":"pending","completion_time":"0","payout":null}]}`)
	e.expectQuery(`{"current_batch":{}}`, `{"id":0,"shares":"3500","claims":2,"opened":"1700000000000000000","processable_from":"1700345600000000000"}`)
	e.expectQuery(`{"token_info":{}}`, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"total_supply":"6500"}`)
}

func TestCW20Messages(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol, other := e.addr("alice"), e.addr("bob"), e.addr("carol"), e.addr("other")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))

	e.fail(alice, `{"transfer":{"recipient":"`+bob+`","amount":"0"}}`, "invalid zero amount")
	e.fail(alice, `{"transfer":{"recipient":"cosmos1xyz","amount":"1"}}`, "invalid recipient")
	e.fail(alice, `{"transfer":{"recipient":"`+bob+`","amount":"9001"}}`, "insufficient funds")
	e.fail(alice, `{"transfer":{"recipient":"`+bob+`","amount":"1","memo":"x"}}`, `unknown field "memo"`)
	e.fail(alice, `{"mint":{"recipient":"`+bob+`","amount":"1"}}`, `unknown variant "mint"`)
	e.exec(alice, `{"transfer":{"recipient":"`+bob+`","amount":"1000"}}`)
	e.expectBalance(alice, "8000")
	e.expectBalance(bob, "1000")

	// send to another contract: balance moves, the Receive hook carries sender, amount and msg.
	res := e.exec(alice, `{"send":{"contract":"`+other+`","amount":"500","msg":"`+b64(`{"hello":{}}`)+`"}}`)
	expectAttrs(t, res, map[string]string{"action": "send", "from": alice, "to": other, "amount": "500"})
	if len(e.received) != 1 || e.received[0] != other+` {"receive":{"sender":"`+alice+`","amount":"500","msg":"`+b64(`{"hello":{}}`)+`"}}` {
		t.Fatalf("hook %v", e.received)
	}
	e.expectBalance(other, "500")

	res = e.exec(alice, `{"burn":{"amount":"500"}}`)
	expectAttrs(t, res, map[string]string{"action": "burn", "from": alice, "amount": "500"})
	e.expectQuery(`{"token_info":{}}`, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"total_supply":"9500"}`)

	// Allowances.
	e.fail(alice, `{"increase_allowance":{"spender":"`+alice+`","amount":"1"}}`, "cannot set an allowance for yourself")
	e.fail(alice, `{"increase_allowance":{"spender":"`+bob+`","amount":"1","expires":{"at_height":12345}}}`, "expiration is already in the past")
	res = e.exec(alice, `{"increase_allowance":{"spender":"`+bob+`","amount":"300","expires":{"at_height":12350}}}`)
	expectAttrs(t, res, map[string]string{"action": "increase_allowance", "owner": alice, "spender": bob, "allowance": "300"})
	e.exec(alice, `{"decrease_allowance":{"spender":"`+bob+`","amount":"100"}}`)
	e.expectQuery(`{"allowance":{"owner":"`+alice+`","spender":"`+bob+`"}}`, `{"allowance":"200","expires":{"at_height":12350}}`)
	res = e.exec(bob, `{"transfer_from":{"owner":"`+alice+`","recipient":"`+carol+`","amount":"150"}}`)
	expectAttrs(t, res, map[string]string{"action": "transfer_from", "from": alice, "to": carol, "by": bob, "amount": "150"})
	e.fail(bob, `{"transfer_from":{"owner":"`+alice+`","recipient":"`+carol+`","amount":"51"}}`, "insufficient allowance: 50 left")
	e.fail(carol, `{"transfer_from":{"owner":"`+alice+`","recipient":"`+carol+`","amount":"1"}}`, "no allowance for this account")
	res = e.exec(bob, `{"burn_from":{"owner":"`+alice+`","amount":"50"}}`)
	expectAttrs(t, res, map[string]string{"action": "burn_from", "from": alice, "by": bob, "amount": "50"})
	e.fail(bob, `{"burn_from":{"owner":"`+alice+`","amount":"1"}}`, "no allowance for this account") // used up: removed
	e.expectBalance(alice, "6800")
	e.expectBalance(carol, "150")

	// Expiry by height and by time.
	e.exec(alice, `{"increase_allowance":{"spender":"`+bob+`","amount":"10","expires":{"at_height":12346}}}`)
	e.exec(alice, `{"increase_allowance":{"spender":"`+carol+`","amount":"100","expires":{"at_time":"1700000000000000010"}}}`)
	e.h.Env.Block.Height++
	e.h.Env.Block.Time += 10
	e.fail(bob, `{"transfer_from":{"owner":"`+alice+`","recipient":"`+bob+`","amount":"1"}}`, "allowance is expired")
	e.fail(carol, `{"send_from":{"owner":"`+alice+`","contract":"`+other+`","amount":"1","msg":""}}`, "allowance is expired")
	e.expectQuery(`{"all_allowances":{"owner":"`+alice+`"}}`, allowancesJSON(map[string]string{
		bob: `"allowance":"10","expires":{"at_height":12346}`, carol: `"allowance":"100","expires":{"at_time":"1700000000000000010"}`}))
	// An expired allowance counts as none when increased again.
	e.exec(alice, `{"increase_allowance":{"spender":"`+bob+`","amount":"5"}}`)
	e.expectQuery(`{"allowance":{"owner":"`+alice+`","spender":"`+bob+`"}}`, `{"allowance":"5","expires":{"never":{}}}`)
	e.exec(bob, `{"send_from":{"owner":"`+alice+`","contract":"`+other+`","amount":"5","msg":"`+b64(`{}`)+`"}}`)
	e.expectBalance(other, "505")

	// all_accounts lists holders in address order, paginated.
	// Listed in canonical-address (storage) order.
	accounts := []string{alice, bob, carol, other, e.self}
	canon := func(a string) string { b, _ := e.h.API.AddrCanonicalize(a); return string(b) }
	sort.Slice(accounts, func(i, j int) bool { return canon(accounts[i]) < canon(accounts[j]) })
	e.expectQuery(`{"all_accounts":{}}`, `{"accounts":["`+strings.Join(accounts, `","`)+`"]}`)
	e.expectQuery(`{"all_accounts":{"start_after":"`+accounts[1]+`","limit":2}}`, `{"accounts":["`+accounts[2]+`","`+accounts[3]+`"]}`)
	e.expectQuery(`{"balance":{"address":"`+e.addr("nobody")+`"}}`, `{"balance":"0"}`)
}

func allowancesJSON(bySpender map[string]string) string {
	var spenders []string
	for s := range bySpender {
		spenders = append(spenders, s)
	}
	sort.Strings(spenders)
	parts := make([]string, len(spenders))
	for i, s := range spenders {
		parts[i] = `{"spender":"` + s + `",` + bySpender[s] + `}`
	}
	return `{"allowances":[` + strings.Join(parts, ",") + `]}`
}

func TestOwnerActions(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, next := e.addr("alice"), e.addr("bob"), e.addr("next-owner")
	e.fail(alice, `{"update_validators":{"validators":["`+val3+`"]}}`, "unauthorized")
	e.fail(alice, `{"update_fee":{"fee_bps":100}}`, "unauthorized")
	e.fail(alice, `{"transfer_ownership":{"new_owner":"`+alice+`"}}`, "unauthorized")
	e.fail(alice, `{"accept_ownership":{}}`, "unauthorized")

	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	e.exec(bob, `{"deposit":{}}`, coin(5000, asset))     // val2
	if err := e.am.AddRewards(e.self, val1, asset, coin(100, stake)); err != nil {
		t.Fatal(err)
	}
	e.fail(e.owner, `{"update_validators":{"validators":[]}}`, "give 1 to 20 validators")
	e.fail(e.owner, `{"update_validators":{"validators":["`+val2+`","`+val2+`"]}}`, "duplicate")
	e.fail(e.owner, `{"update_validators":{"validators":["alliancevaloper1nope"]}}`, "is not a known validator")
	// Dropping val1: its 10000 move to the kept validator with the least stake (val3); the
	// redelegation pays val1's rewards, booked first (100 over 14000 shares).
	res := e.exec(e.owner, `{"update_validators":{"validators":["`+val2+`","`+val3+`"]}}`)
	expectAttrs(t, res, map[string]string{"action": "update_validators", "redelegations": "1"})
	if len(res.Messages) != 1 || !strings.Contains(string(res.Messages[0].Msg.Custom), `"redelegate":{"src_validator":"`+val1+`","dst_validator":"`+val3+`"`) {
		t.Fatalf("messages %+v", res.Messages)
	}
	if e.delegation(val1) != 0 || e.delegation(val2) != 5000 || e.delegation(val3) != 10_000 || e.bank(e.self, stake) != 100 {
		t.Fatalf("after update: %d %d %d, rewards %d", e.delegation(val1), e.delegation(val2), e.delegation(val3), e.bank(e.self, stake))
	}
	// 9000 * 0.007142857142857142 = 64.28 -> 64; 5000 * it = 35.71 -> 35.
	e.expectQuery(`{"pending_rewards":{"address":"`+alice+`"}}`, `{"address":"`+alice+`","rewards":"64","denom":"stake"}`)
	e.expectQuery(`{"pending_rewards":{"address":"`+bob+`"}}`, `{"address":"`+bob+`","rewards":"35","denom":"stake"}`)

	e.fail(e.owner, `{"update_fee":{"fee_bps":1001}}`, "fee_bps exceeds the cap of 1000")
	e.fail(e.owner, `{"update_fee":{"fee_bps":1,"fee_address":"bad"}}`, "invalid fee_address")
	res = e.exec(e.owner, `{"update_fee":{"fee_bps":300,"fee_address":"`+e.addr("treasury")+`"}}`)
	expectAttrs(t, res, map[string]string{"action": "update_fee", "fee_bps": "300", "fee_address": e.addr("treasury")})

	// Two-step ownership: nothing changes until the new owner accepts.
	res = e.exec(e.owner, `{"transfer_ownership":{"new_owner":"`+next+`"}}`)
	expectAttrs(t, res, map[string]string{"action": "transfer_ownership", "owner": e.owner, "pending_owner": next})
	e.fail(alice, `{"accept_ownership":{}}`, "unauthorized")
	e.exec(e.owner, `{"update_fee":{"fee_bps":200}}`) // still the owner
	res = e.exec(next, `{"accept_ownership":{}}`)
	expectAttrs(t, res, map[string]string{"action": "accept_ownership", "previous_owner": e.owner, "owner": next})
	e.fail(e.owner, `{"update_fee":{"fee_bps":100}}`, "unauthorized")
	e.expectQuery(`{"config":{}}`, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","reward_denom":"stake",`+
		`"validators":["`+val2+`","`+val3+`"],"owner":"`+next+`","pending_owner":null,"fee_bps":200,"fee_address":"`+e.addr("treasury")+`","min_initial_deposit":"10000","unbond_epoch":345600}`)
}

func TestInstantiateValidation(t *testing.T) {
	for _, tc := range []struct{ msg, want string }{
		{`{"name":"S","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"]}`, "name must be 3 to 50 bytes"},
		{`{"name":"Staked","symbol":"st1","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"]}`, "symbol may only contain letters"},
		{`{"name":"Staked","symbol":"stA","decimals":19,"asset_denom":"uasset","validators":["` + val1 + `"]}`, "decimals must be at most 18"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uother","validators":["` + val1 + `"]}`, "asset_denom is not an alliance asset"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","reward_denom":"uasset","validators":["` + val1 + `"]}`, "reward_denom must differ"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"fee_bps":1001}`, "fee_bps exceeds the cap"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":[]}`, "give 1 to 20 validators"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["nope"]}`, "is not a known validator"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"min_initial_deposit":"1000"}`, "must exceed the 1000 locked shares"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"unbond_epoch":5184001}`, "unbond_epoch must be at most 5184000 seconds"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"owner":"x"}`, "invalid owner"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"admin":"x"}`, `unknown field "admin"`},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"pending_owner":"x"}`, `unknown field "pending_owner"`},
		// cw_serde: a required field left out is refused by name (it used to decode as zero).
		{`{"name":"Staked","symbol":"stA","asset_denom":"uasset","validators":["` + val1 + `"]}`, `missing field "decimals"`},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset"}`, `missing field "validators"`},
	} {
		h := std.NewMock()
		h.Querier.BondedDenom = stake
		h.Querier.Validators = []std.Validator{{Address: val1}}
		_ = newAllianceMock(h)
		if _, err := h.Instantiate(std.Info(h.API.Addr("owner")), []byte(tc.msg)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.msg, err, tc.want)
		}
	}
}

func TestReplyRejectsUnknownIDAndFailure(t *testing.T) {
	e := newEnv(t, "")
	if _, err := e.h.Reply(std.Reply{ID: 9, Result: std.SubMsgResult{Ok: &std.SubMsgResponse{}}}); err == nil || err.Error() != "unknown reply id" {
		t.Fatalf("unknown id: %v", err)
	}
	if _, err := e.h.Reply(std.Reply{ID: replyUndelegate, Result: std.SubMsgResult{Ok: &std.SubMsgResponse{}}}); err == nil ||
		!strings.Contains(err.Error(), "no alliance message response") {
		t.Fatalf("no response: %v", err)
	}
}

// TestSlashDuringUnbonding: x/alliance slashes immature unbonding entries, so the chain returns
// less than a batch undelegated. Matured batches settle against what came back, and a batch's
// claims share its payout: claim_i pays floor(amount_i · payout / amount), the dust to the holders
// when the batch's last claim is paid.
func TestSlashDuringUnbonding(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol, keeper := e.addr("alice"), e.addr("bob"), e.addr("carol"), e.addr("keeper")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1 10,000; 9,000 shares + 1,000 locked
	e.exec(bob, `{"deposit":{}}`, coin(6_000, asset))    // val2 6,000
	e.exec(carol, `{"deposit":{}}`, coin(3_000, asset))  // val2 9,000
	// 19,000 shares over 19,000 staked. Alice unbonds 5,001 and bob 3,000 into batch 0 (8,001).
	expectAttrs(t, e.exec(alice, `{"unbond":{"amount":"5001"}}`), map[string]string{"shares": "5001", "batch_id": "0"})
	expectAttrs(t, e.exec(bob, `{"unbond":{"amount":"3000"}}`), map[string]string{"shares": "3000", "batch_shares": "8001"})
	// Processed at the epoch: 8,001 shares at 19,000 / 19,000 are 8,001, one entry from val1 (the
	// largest stake).
	e.h.Env.Block.Time = std.Timestamp(epoch0 * 1_000_000_000)
	expectAttrs(t, e.exec(keeper, `{"process_unbonds":{}}`), map[string]string{"shares": "8001", "amount": "8001", "validators": val1})
	if e.delegation(val1) != 1999 || e.delegation(val2) != 9000 {
		t.Fatalf("stakes %d %d", e.delegation(val1), e.delegation(val2))
	}
	// Carol unbonds 1,000 of the remaining 10,999 shares over 10,999 into batch 1.
	expectAttrs(t, e.exec(carol, `{"unbond":{"amount":"1000"}}`), map[string]string{"shares": "1000", "batch_id": "1"})
	// val1 is slashed by 10% while batch 0 unbonds: its delegation 1,999 → 1,800 (cut 199) and
	// batch 0's entry 8,001 → 7,201 (cut 800). Batch 1 (not yet undelegated) is still 1,000 shares
	// of the 10,999 that own 1,800 + 9,000 = 10,800: the slash falls on carol's queued shares too.
	tenth, _ := std.ParseDecimal("0.1")
	if err := e.am.Slash(val1, tenth); err != nil {
		t.Fatal(err)
	}
	staked := `{"total_staked":"9819","total_supply":"9999","exchange_rate":"0.981998199819981998","reward_index":"0","reserved_rewards":"0","queued_shares":"0","stakes":[{"validator":"` +
		val1 + `","amount":"1800"},{"validator":"` + val2 + `","amount":"8019"}],"delist_completion_time":null,"exit_pot":null}`
	// Batch 1 is processed an epoch after batch 0: floor(1,000 · 10,800 / 10,999) = floor(981.91)
	// = 981 (not the 1,000 its shares were worth before the slash), from val2 (the largest). The
	// remaining 8,999 + 1,000 locked shares keep 9,819: the same 10,800 / 10,999 rate (plus the
	// 0.91 of rounding) as the batch, where a fixed 1,000 would have left them 9,800.
	e.h.Env.Block.Time = std.Timestamp((epoch0 + 345_600) * 1_000_000_000)
	expectAttrs(t, e.exec(keeper, `{"process_unbonds":{}}`), map[string]string{"batch_id": "1", "shares": "1000", "amount": "981", "validators": val2})
	e.expectQuery(`{"state":{}}`, staked)

	// At batch 0's completion, before the chain's end of block paid it.
	e.h.Env.Block.Time = std.Timestamp(1702160000000000000)
	e.fail(bob, `{"withdraw":{}}`, "unbonded tokens not received yet: try again after the next block")
	e.am.MatureUnbondings() // pays 7,201; batch 1 is still unbonding
	if e.bank(e.self, asset) != 7201 {
		t.Fatalf("contract holds %d", e.bank(e.self, asset))
	}
	// Alice's withdrawal settles batch 0 (payout 7,201 of 8,001): alice floor(5,001 · 7,201 /
	// 8,001) = floor(4,500.96) = 4,500, bob floor(3,000 · 7,201 / 8,001) = floor(2,700.03) = 2,700;
	// the 1 of dust goes to the holders' surplus once both are paid.
	expectAttrs(t, e.exec(alice, `{"withdraw":{}}`), map[string]string{"recipient": alice, "amount": "4500", "claims": "1"})
	e.expectQuery(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[{"batch_id":0,"shares":"3000","amount":"3000","state":"matured","completion_time":"`+done0+`","payout":"2700"}]}`)
	e.expectQuery(`{"claims":{"address":"`+carol+`"}}`, `{"claims":[{"batch_id":1,"shares":"1000","amount":"981","state":"unbonding","completion_time":"1702505600000000000","payout":null}]}`)
	e.fail(carol, `{"withdraw":{}}`, "no matured claims")
	rs, _ := rewards.Load(e.h.Storage)
	if rs.Unsettled != u(981) || rs.Owed != u(2701) || !rs.Surplus.IsZero() {
		t.Fatalf("book %+v", rs)
	}
	expectAttrs(t, e.exec(bob, `{"withdraw":{}}`), map[string]string{"recipient": bob, "amount": "2700", "claims": "1"})
	if e.bank(alice, asset) != 4500 || e.bank(bob, asset) != 2700 || e.bank(e.self, asset) != 1 {
		t.Fatalf("alice %d bob %d contract %d", e.bank(alice, asset), e.bank(bob, asset), e.bank(e.self, asset))
	}
	rs, _ = rewards.Load(e.h.Storage)
	if rs.Unsettled != u(981) || !rs.Owed.IsZero() || rs.Surplus != u(1) {
		t.Fatalf("book %+v", rs)
	}
	// Settlements moved no stake: the remaining holders' value is what it was.
	e.expectQuery(`{"state":{}}`, staked)

	// Batch 1 comes back in full: received = 982 − 0 owed − 1 surplus = 981.
	e.h.Env.Block.Time = std.Timestamp(1702505600000000000)
	e.am.MatureUnbondings()
	expectAttrs(t, e.exec(carol, `{"withdraw":{}}`), map[string]string{"amount": "981"})
	// The surplus goes back to the holders at the next harvest: restaked on val1 (the smaller).
	expectAttrs(t, e.exec(keeper, `{"harvest":{}}`), map[string]string{"restaked": "1", "validator": val1})
	if e.bank(e.self, asset) != 0 || e.delegation(val1) != 1801 {
		t.Fatalf("contract %d, val1 %d", e.bank(e.self, asset), e.delegation(val1))
	}
	// Paid 4,500 + 2,700 + 981 = 8,181 of the 8,182 the chain returned; 1 restaked.
}

// TestSlashedToNothing: a batch whose entry was slashed entirely settles at 0 and its claim is
// removed without a payment; asset rewards claimed meanwhile are the holders' surplus, not
// received.
func TestSlashedToNothing(t *testing.T) {
	e := newEnv(t, "")
	alice := e.addr("alice")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	// 30 asset-denom rewards pending on val1: the unbond only books; process_unbonds'
	// undelegation from val1 pays them (claim before change).
	if err := e.am.AddRewards(e.self, val1, asset, coin(30, asset)); err != nil {
		t.Fatal(err)
	}
	e.exec(alice, `{"unbond":{"amount":"2000"}}`)
	if e.bank(e.self, asset) != 0 {
		t.Fatalf("contract holds %d", e.bank(e.self, asset))
	}
	e.h.Env.Block.Time = std.Timestamp(epoch0 * 1_000_000_000)
	e.exec(alice, `{"process_unbonds":{}}`)
	if e.bank(e.self, asset) != 30 {
		t.Fatalf("contract holds %d", e.bank(e.self, asset))
	}
	if err := e.am.Slash(val1, std.DecimalOne()); err != nil {
		t.Fatal(err)
	}
	e.h.Env.Block.Time = std.Timestamp(1702160000000000000)
	e.am.MatureUnbondings()
	res := e.exec(alice, `{"withdraw":{}}`)
	expectAttrs(t, res, map[string]string{"amount": "0", "claims": "1"})
	if len(res.Messages) != 0 || e.bank(alice, asset) != 0 {
		t.Fatalf("paid %+v", res.Messages)
	}
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[]}`)
	rs, _ := rewards.Load(e.h.Storage)
	if rs != (RewardState{Supply: u(8_000), Surplus: u(30), Batch: 1, BatchStart: epoch0 * 1_000_000_000, FirstUnsettled: 1, Own: u(1000)}) {
		t.Fatalf("pool %+v", rs)
	}
}

// TestBatchSlashedBeforeProcessing: the stake is slashed to nothing while a batch waits. The batch
// shares are worth floor(2000 · 0 / 10000) = 0: process_unbonds undelegates nothing (no
// message), the batch is due at once and settles to 0.
func TestBatchSlashedBeforeProcessing(t *testing.T) {
	e := newEnv(t, "")
	alice := e.addr("alice")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	e.exec(alice, `{"unbond":{"amount":"2000"}}`)
	if err := e.am.Slash(val1, std.DecimalOne()); err != nil {
		t.Fatal(err)
	}
	e.h.Env.Block.Time = std.Timestamp(epoch0 * 1_000_000_000)
	res := e.exec(alice, `{"process_unbonds":{}}`)
	expectAttrs(t, res, map[string]string{"shares": "2000", "amount": "0", "validators": "", "claims": "1"})
	if len(res.Messages) != 0 || len(e.am.Unbondings(e.self)) != 0 {
		t.Fatalf("messages %+v", res.Messages)
	}
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[{"batch_id":0,"shares":"2000","amount":"0","state":"matured","completion_time":"1700345600000000000","payout":null}]}`)
	expectAttrs(t, e.exec(alice, `{"withdraw":{}}`), map[string]string{"amount": "0", "claims": "1"})
	rs, _ := rewards.Load(e.h.Storage)
	if rs != (RewardState{Supply: u(8_000), Batch: 1, BatchStart: epoch0 * 1_000_000_000, FirstUnsettled: 1, Own: u(1000)}) {
		t.Fatalf("pool %+v", rs)
	}
}

// TestManyUnbondsFewEntries: the chain allows 7 immature unbonding entries per validator; before
// batching, every unbond created one, so the 8th user's unbond within an unbonding period failed.
// 20 users unbonding in one epoch make one entry; with unbond_epoch > unbonding_time / 7 (here
// 259,201 s against 21 days = 7 × 259,200 s) ten batches in a row never hold more than 7 entries.
func TestManyUnbondsFewEntries(t *testing.T) {
	const epoch = 259_201
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"],"unbond_epoch":259201}`)
	keeper := e.addr("keeper")
	e.exec(e.owner, `{"deposit":{}}`, coin(10_000, asset))
	users := make([]string, 20)
	for i := range users {
		users[i] = e.addr("user" + strconv.Itoa(i))
		e.exec(users[i], `{"deposit":{}}`, coin(1000, asset))
	}
	// 30,000 over 30,000: each of the 20 queues 500 shares into batch 0, one claim each.
	for i, a := range users {
		expectAttrs(t, e.exec(a, `{"unbond":{"amount":"500"}}`), map[string]string{"shares": "500", "batch_id": "0", "batch_shares": strconv.Itoa(500 * (i + 1))})
	}
	e.expectQuery(`{"current_batch":{}}`, `{"id":0,"shares":"10000","claims":20,"opened":"1700000000000000000","processable_from":"1700259201000000000"}`)
	start := uint64(e.h.Env.Block.Time)
	for k := uint64(0); k < 10; k++ {
		e.h.Env.Block.Time = std.Timestamp(start + (k+1)*epoch*1_000_000_000)
		e.am.MatureUnbondings() // the chain's end of the blocks in between
		if k > 0 {
			// Two users unbond 50 shares each (rate still 1: 50 tokens).
			for _, a := range users[2*k : 2*k+2] {
				expectAttrs(t, e.exec(a, `{"unbond":{"amount":"50"}}`), map[string]string{"shares": "50"})
			}
		}
		want := "100"
		if k == 0 {
			want = "10000"
		}
		expectAttrs(t, e.exec(keeper, `{"process_unbonds":{}}`), map[string]string{"batch_id": strconv.Itoa(int(k)), "shares": want, "amount": want, "validators": val1})
		// Entries created at batches k-6..k are immature (7 epochs exceed 21 days by 7 s).
		if n, max := len(e.am.Unbondings(e.self)), min(int(k)+1, 7); n != max {
			t.Fatalf("batch %d: %d entries, want %d", k, n, max)
		}
	}
	// 30,000 − 10,000 − 9 × 100 = 19,100 staked.
	if e.delegation(val1) != 19_100 {
		t.Fatalf("val1 %d", e.delegation(val1))
	}
	// Every batch matures; each user withdraws: users 2..19 have two claims (500 + 50).
	e.h.Env.Block.Time = std.Timestamp(start + 11*epoch*1_000_000_000 + alliance.DefaultUnbondingTime)
	e.am.MatureUnbondings()
	for i, a := range users {
		want := "550"
		if i < 2 {
			want = "500"
		}
		expectAttrs(t, e.exec(a, `{"withdraw":{}}`), map[string]string{"amount": want})
		if got := strconv.FormatUint(e.bank(a, asset), 10); got != want {
			t.Fatalf("user %d has %s", i, got)
		}
	}
	if e.bank(e.self, asset) != 0 {
		t.Fatalf("contract keeps %d", e.bank(e.self, asset))
	}
	rs, _ := rewards.Load(e.h.Storage)
	if !rs.Owed.IsZero() || !rs.Unsettled.IsZero() || !rs.Surplus.IsZero() || rs.FirstUnsettled != 10 {
		t.Fatalf("book %+v", rs)
	}
}

// TestLossWhileQueuedIsSharedByTheBatch: a batch waits as shares, so take rate and a slash that
// hit the delegation between unbond and process_unbonds reduce the leavers' payout by exactly the
// rate the stayers lose, and queued shares earn no rewards from the unbond on.
func TestLossWhileQueuedIsSharedByTheBatch(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, keeper := e.addr("alice"), e.addr("bob"), e.addr("keeper")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1; alice 9,000 + 1,000 locked
	e.exec(bob, `{"deposit":{}}`, coin(10_000, asset))   // val2; bob 10,000
	expectAttrs(t, e.exec(alice, `{"unbond":{"amount":"9000"}}`), map[string]string{"shares": "9000", "batch_shares": "9000"})
	// 110 stake rewards after the unbond: the earning shares are bob's 10,000 only (index
	// 110 / 10,000 = 0.011); alice's queued shares earn nothing.
	if err := e.am.AddRewards(e.self, val1, asset, coin(110, stake)); err != nil {
		t.Fatal(err)
	}
	e.expectQuery(`{"pending_rewards":{"address":"`+alice+`"}}`, `{"address":"`+alice+`","rewards":"0","denom":"stake"}`)
	e.expectQuery(`{"pending_rewards":{"address":"`+bob+`"}}`, `{"address":"`+bob+`","rewards":"110","denom":"stake"}`)
	// Take rate of 10 % while the batch waits: 1,000 from each delegation, 18,000 left over 11,000
	// circulating + 9,000 queued shares = 0.9 for every share.
	for _, v := range []string{val1, val2} {
		if err := e.am.TakeRate(e.self, v, asset, u(1000)); err != nil {
			t.Fatal(err)
		}
	}
	e.expectQuery(`{"state":{}}`, `{"total_staked":"18000","total_supply":"11000","exchange_rate":"0.9","reward_index":"0.011","reserved_rewards":"110","queued_shares":"9000","stakes":[{"validator":"`+val1+`","amount":"9000"},{"validator":"`+val2+`","amount":"9000"}],"delist_completion_time":null,"exit_pot":null}`)
	// Processed: 9,000 · 18,000 / 20,000 = 8,100 exactly, 10 % below the 9,000 alice's shares were
	// worth at her unbond (a fixed claim would have paid 9,000 and left 9,000 / 11,000 = 0.818 to
	// the stayers). The stayers keep 9,900 over 11,000 shares: also 0.9, also exactly 10 % less.
	e.h.Env.Block.Time = std.Timestamp(epoch0 * 1_000_000_000)
	expectAttrs(t, e.exec(keeper, `{"process_unbonds":{}}`), map[string]string{"batch_id": "0", "shares": "9000", "amount": "8100", "claims": "1", "validators": val1})
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[{"batch_id":0,"shares":"9000","amount":"8100","state":"unbonding","completion_time":"`+done0+`","payout":null}]}`)
	e.expectQuery(`{"state":{}}`, `{"total_staked":"9900","total_supply":"11000","exchange_rate":"0.9","reward_index":"0.011","reserved_rewards":"110","queued_shares":"0","stakes":[{"validator":"`+val1+`","amount":"900"},{"validator":"`+val2+`","amount":"9000"}],"delist_completion_time":null,"exit_pot":null}`)

	// Bob queues 5,000 shares into batch 1; val2 is then slashed by 10 % (9,000 → 8,100): 9,000
	// over 11,000 shares. Processed: floor(5,000 · 9,000 / 11,000) = floor(4,090.91) = 4,090, the
	// 0.91 to the stayers, who keep 4,910 over 6,000 shares (0.8183 ≥ 9,000 / 11,000 = 0.8181).
	expectAttrs(t, e.exec(bob, `{"unbond":{"amount":"5000"}}`), map[string]string{"shares": "5000", "batch_id": "1", "batch_shares": "5000"})
	tenth, _ := std.ParseDecimal("0.1")
	if err := e.am.Slash(val2, tenth); err != nil {
		t.Fatal(err)
	}
	e.h.Env.Block.Time = std.Timestamp((epoch0 + 345_600) * 1_000_000_000)
	expectAttrs(t, e.exec(keeper, `{"process_unbonds":{}}`), map[string]string{"batch_id": "1", "shares": "5000", "amount": "4090", "claims": "1", "validators": val2})
	e.expectQuery(`{"state":{}}`, `{"total_staked":"4910","total_supply":"6000","exchange_rate":"0.818333333333333333","reward_index":"0.011","reserved_rewards":"110","queued_shares":"0","stakes":[{"validator":"`+val1+`","amount":"900"},{"validator":"`+val2+`","amount":"4010"}],"delist_completion_time":null,"exit_pot":null}`)

	// Both batches come back in full (the slash preceded batch 1's undelegation).
	e.h.Env.Block.Time = std.Timestamp(1702505600000000000)
	e.am.MatureUnbondings()
	expectAttrs(t, e.exec(alice, `{"withdraw":{}}`), map[string]string{"amount": "8100", "claims": "1"})
	expectAttrs(t, e.exec(bob, `{"withdraw":{}}`), map[string]string{"amount": "4090", "claims": "1"})
	if e.bank(alice, asset) != 8100 || e.bank(bob, asset) != 4090 || e.bank(e.self, asset) != 0 {
		t.Fatalf("alice %d bob %d contract %d", e.bank(alice, asset), e.bank(bob, asset), e.bank(e.self, asset))
	}
}

// TestQueuedRoundingFavoursTheStayers: every floor of the share model leaves the dust with the
// remaining holders: an unbond worth zero now is refused, the batch's value rounds down, each
// claim's part rounds down, and what the claims do not take is restaked for the holders.
func TestQueuedRoundingFavoursTheStayers(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol, keeper := e.addr("alice"), e.addr("bob"), e.addr("carol"), e.addr("keeper")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // alice 9,000 + 1,000 locked
	if err := e.am.TakeRate(e.self, val1, asset, u(1)); err != nil {
		t.Fatal(err)
	}
	// 1 share is worth floor(9,999 / 10,000) = 0: refused, nothing changes.
	e.fail(alice, `{"unbond":{"amount":"1"}}`, "unbond too small: it is worth zero uasset")
	e.exec(alice, `{"transfer":{"recipient":"`+bob+`","amount":"3"}}`)
	e.exec(alice, `{"transfer":{"recipient":"`+carol+`","amount":"4"}}`)
	e.exec(alice, `{"unbond":{"amount":"3"}}`)
	e.exec(bob, `{"unbond":{"amount":"3"}}`)
	// Carol's two unbonds of 2 shares (each worth 1 now) in the same batch make one claim of 4.
	e.exec(carol, `{"unbond":{"amount":"2"}}`)
	expectAttrs(t, e.exec(carol, `{"unbond":{"amount":"2"}}`), map[string]string{"shares": "2", "batch_shares": "10"})
	e.expectQuery(`{"current_batch":{}}`, `{"id":0,"shares":"10","claims":3,"opened":"1700000000000000000","processable_from":"1700345600000000000"}`)
	// floor(10 · 9,999 / 10,000) = floor(9.999) = 9; alice and bob floor(3 · 9 / 10) = floor(2.7)
	// = 2, carol floor(4 · 9 / 10) = floor(3.6) = 3: 7 paid, 2 of dust.
	e.h.Env.Block.Time = std.Timestamp(epoch0 * 1_000_000_000)
	expectAttrs(t, e.exec(keeper, `{"process_unbonds":{}}`), map[string]string{"shares": "10", "amount": "9", "claims": "3"})
	e.expectQuery(`{"claims":{"address":"`+carol+`"}}`, `{"claims":[{"batch_id":0,"shares":"4","amount":"3","state":"unbonding","completion_time":"`+done0+`","payout":null}]}`)
	// The stayers: 9,990 over 9,990 shares, a rate of 1 (above the 0.9999 before processing).
	e.expectQuery(`{"state":{}}`, `{"total_staked":"9990","total_supply":"9990","exchange_rate":"1","reward_index":"0","reserved_rewards":"0","queued_shares":"0","stakes":[{"validator":"`+val1+`","amount":"9990"},{"validator":"`+val2+`","amount":"0"}],"delist_completion_time":null,"exit_pot":null}`)
	e.h.Env.Block.Time = std.Timestamp(1702160000000000000)
	e.am.MatureUnbondings()
	for who, want := range map[string]string{alice: "2", bob: "2", carol: "3"} {
		expectAttrs(t, e.exec(who, `{"withdraw":{}}`), map[string]string{"amount": want})
	}
	rs, _ := rewards.Load(e.h.Storage)
	if rs.Surplus != u(2) || !rs.Owed.IsZero() || !rs.Unsettled.IsZero() {
		t.Fatalf("book %+v", rs)
	}
	expectAttrs(t, e.exec(keeper, `{"harvest":{}}`), map[string]string{"restaked": "2"})
	if e.bank(e.self, asset) != 0 || e.delegation(val1)+e.delegation(val2) != 9992 {
		t.Fatalf("contract %d, stake %d", e.bank(e.self, asset), e.delegation(val1)+e.delegation(val2))
	}
}

// TestHolderRecordRoundTrip: the binary holder record keeps every value exactly, from zero to the
// largest Uint128, and refuses truncated, oversized or trailing bytes.
func TestHolderRecordRoundTrip(t *testing.T) {
	max := std.Uint128FromParts(^uint64(0), ^uint64(0))
	values := []std.Uint128{{}, u128(1), u128(255), u128(256), u128(^uint64(0)), std.Uint128FromParts(1, 0), std.Uint128FromParts(0xff, 7), max}
	for _, a := range values {
		for _, b := range values {
			in := Holder{Balance: a, Index: std.DecimalFromAtomics(b), Pending: a.SaturatingAdd(b)}
			enc, err := in.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			var out Holder
			if err := out.UnmarshalJSON(enc); err != nil || out != in {
				t.Fatalf("%+v -> %x -> %+v, %v", in, enc, out, err)
			}
		}
	}
	enc, _ := Holder{Balance: u128(2_900_000), Index: std.DecimalFromAtomics(u128(45_555_555_555_555_555)), Pending: u128(136_669)}.MarshalJSON()
	if len(enc) != 16 { // 1+3, 1+7, 1+3
		t.Fatalf("encoded in %d bytes: %x", len(enc), enc)
	}
	for _, bad := range [][]byte{nil, {0}, {0, 0}, {1}, {17, 0}, {0, 0, 0, 0}, {2, 1}, {0, 0, 1}} {
		var h Holder
		if err := h.UnmarshalJSON(bad); err == nil {
			t.Errorf("%x decoded: %+v", bad, h)
		}
	}
}

// TestRewardStateRecordRoundTrip: the binary reward state keeps every field, including uint64s at
// their maximum, and refuses a field too wide for its uint64 or bytes after the last field.
func TestRewardStateRecordRoundTrip(t *testing.T) {
	max := std.Uint128FromParts(^uint64(0), ^uint64(0))
	in := RewardState{Supply: max, Index: std.DecimalFromAtomics(u128(45_555_555_555_555_555)), Reserved: u128(900), Unsettled: u128(1),
		Owed: u128(256), Surplus: u128(255), Batch: ^uint64(0), Queued: u128(7), BatchClaims: 3, BatchStart: 1_700_000_000_000_000_000, FirstUnsettled: 2,
		Own: u128(1000)}
	enc, err := in.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var out RewardState
	if err := out.UnmarshalJSON(enc); err != nil || out != in {
		t.Fatalf("%+v -> %x -> %+v, %v", in, enc, out, err)
	}
	var zero RewardState
	if enc, _ := zero.MarshalJSON(); len(enc) != 12 { // one zero byte per field
		t.Fatalf("zero state in %d bytes", len(enc))
	}
	wide := appendCompact(nil, u128(1), u128(0), u128(0), u128(0), u128(0), u128(0), std.Uint128FromParts(1, 0), u128(0), u128(0), u128(0), u128(0), u128(0))
	for _, bad := range [][]byte{wide, append(enc, 0), enc[:len(enc)-1]} {
		if err := out.UnmarshalJSON(bad); err == nil {
			t.Errorf("%x decoded", bad)
		}
	}
}
