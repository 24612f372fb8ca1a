package main

import (
	"sort"
	"strings"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

const unbondingDone = "1701814400000000000" // MockBlockTime + 21 days

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
	expectAttrs(t, res, map[string]string{"shares": "5050", "validator": val2, "staked_before": "9900", "supply_before": "10000"})
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
	expectAttrs(t, res, map[string]string{"shares": "1045", "validator": val2, "staked_before": "14400", "supply_before": "15050"})
	e.expectBalance(carol, "1045")
	e.expectQuery(`{"token_info":{}}`, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"total_supply":"16095"}`)
	// 15400 / 16095 = 0.956818887853370611|99.. rounded down.
	e.expectQuery(`{"state":{}}`, `{"total_staked":"15400","total_supply":"16095","exchange_rate":"0.956818887853370611",`+
		`"reward_index":"0","reserved_rewards":"0","stakes":[{"validator":"`+val1+`","amount":"9900"},{"validator":"`+val2+`","amount":"5500"}]}`)
}

func TestBadDepositsChangeNothing(t *testing.T) {
	e := newEnv(t, "")
	alice := e.addr("alice")
	e.fail(alice, `{"deposit":{}}`, "send exactly one coin, of uasset")
	e.fail(alice, `{"deposit":{}}`, "wrong denom stake: deposit uasset", coin(10_000, stake))
	e.fail(alice, `{"deposit":{}}`, "send exactly one coin", coin(10_000, asset), coin(1, stake))
	e.fail(alice, `{"deposit":{}}`, "invalid zero amount", coin(0, asset))
	e.fail(alice, `{"deposit":{"amount":"5"}}`, `unknown field "amount"`, coin(10_000, asset))
	e.fail(alice, `{"transfer":{"recipient":"`+alice+`","amount":"1"}}`, "transfer does not accept funds", coin(1, asset))
	if e.bank(alice, asset) != 20_001 || e.bank(alice, stake) != 10_001 || e.delegation(val1) != 0 {
		t.Fatalf("refused deposits moved funds: %d", e.bank(alice, asset))
	}
}

func TestFirstDepositorProtection(t *testing.T) {
	e := newEnv(t, "")
	attacker, victim := e.addr("attacker"), e.addr("victim")
	e.fail(attacker, `{"deposit":{}}`, "first deposit must be at least 10000uasset", coin(9_999, asset))
	e.exec(attacker, `{"deposit":{}}`, coin(10_000, asset))
	// The attacker takes almost everything back: 8999 shares -> 8999 tokens.
	res := e.exec(attacker, `{"unbond":{"amount":"8999"}}`)
	expectAttrs(t, res, map[string]string{"amount": "8999"})
	e.expectBalance(attacker, "1")
	// A donation of the asset to the contract's address does not move the rate: it is read from
	// the chain's delegations, which only the contract can grow.
	e.am.Fund(e.self, coin(1_000_000, asset))
	e.expectQuery(`{"state":{}}`, `{"total_staked":"1001","total_supply":"1001","exchange_rate":"1","reward_index":"0","reserved_rewards":"0","stakes":[{"validator":"`+val1+`","amount":"1001"}]}`)
	// The victim's small deposit gets its full worth, and takes it all back.
	res = e.exec(victim, `{"deposit":{}}`, coin(500, asset))
	expectAttrs(t, res, map[string]string{"shares": "500"})
	res = e.exec(victim, `{"unbond":{"amount":"500"}}`)
	expectAttrs(t, res, map[string]string{"amount": "500"})

	// (The victim's deposit went to val2, the least staked; the unbond came from val1, the
	// largest: val1 501, val2 500.) The donation does count once someone harvests: harvest
	// restakes asset the contract holds beyond its claims (the victim's 500 are still unbonding).
	if e.delegation(val1) != 501 || e.delegation(val2) != 500 {
		t.Fatalf("stakes %d %d", e.delegation(val1), e.delegation(val2))
	}
	res = e.exec(attacker, `{"harvest":{}}`)
	expectAttrs(t, res, map[string]string{"restaked": "1000000", "validator": val2})
	// Now 1001 shares own 1,001,001 tokens. A deposit that would round to zero shares is refused
	// (999 * 1001 / 1001001 = 0.999 -> 0), so nobody loses a whole deposit to rounding ...
	e.fail(victim, `{"deposit":{}}`, "deposit too small: it would mint zero shares", coin(1000, asset))
	// ... and 1001 tokens buy 1 share (1002001 / 1001001 = 1.0009 -> 1), worth
	// floor(1 * 1002002 / 1002) = 1000 tokens: the victim lost 1 token to rounding, while the
	// attacker paid 1,000,000 for a share worth 1000 (the locked shares absorbed the rest).
	res = e.exec(victim, `{"deposit":{}}`, coin(1001, asset))
	expectAttrs(t, res, map[string]string{"shares": "1"})
	res = e.exec(victim, `{"unbond":{"amount":"1"}}`)
	expectAttrs(t, res, map[string]string{"amount": "1000"})
}

func TestHarvestRestakesAssetBeyondClaims(t *testing.T) {
	e := newEnv(t, "")
	alice := e.addr("alice")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	e.exec(alice, `{"unbond":{"amount":"1000"}}`)        // 1000 unbonding, owed to alice
	// Asset-denom rewards: 20 already paid to the contract, 30 pending on val1.
	e.am.Fund(e.self, coin(20, asset))
	if err := e.am.AddRewards(e.self, val1, asset, coin(30, asset), coin(90, stake)); err != nil {
		t.Fatal(err)
	}
	res := e.exec(e.addr("keeper"), `{"harvest":{}}`)
	// 20 held + 30 claimed in the same call; the 1000 still unbonding are not here and not
	// touched. The claim goes out before the delegation, to the least-staked validator (val2).
	expectAttrs(t, res, map[string]string{"restaked": "50", "validator": val2, "reward_index": "0.01125"})
	if len(res.Messages) != 2 || !strings.Contains(string(res.Messages[0].Msg.Custom), `"claim_rewards"`) ||
		!strings.Contains(string(res.Messages[1].Msg.Custom), `"delegate":{"validator":"`+val2+`","amount":{"denom":"uasset","amount":"50"}}`) {
		t.Fatalf("messages %+v", res.Messages)
	}
	if e.delegation(val2) != 50 || e.bank(e.self, asset) != 0 || e.bank(e.self, stake) != 90 {
		t.Fatalf("val2 %d, asset left %d, stake %d", e.delegation(val2), e.bank(e.self, asset), e.bank(e.self, stake))
	}
	// When the unbonding has arrived it belongs to alice: harvest leaves it alone.
	e.h.Env.Block.Time = std.Timestamp(1701814400000000000)
	e.am.MatureUnbondings()
	res = e.exec(e.addr("keeper"), `{"harvest":{}}`)
	expectAttrs(t, res, map[string]string{"restaked": "0"})
	if _, ok := attrs(res)["validator"]; ok || len(res.Messages) != 0 {
		t.Fatalf("nothing to restake, yet %+v", res)
	}
	e.exec(alice, `{"withdraw":{}}`)
	if e.bank(alice, asset) != 1000 {
		t.Fatalf("alice withdrew %d", e.bank(alice, asset))
	}
	// 9000 shares (8000 alice, 1000 locked) now own 9050 tokens; 90 stake over 8000 earning shares.
	e.expectQuery(`{"state":{}}`, `{"total_staked":"9050","total_supply":"9000","exchange_rate":"1.005555555555555555","reward_index":"0.01125","reserved_rewards":"90",`+
		`"stakes":[{"validator":"`+val1+`","amount":"9000"},{"validator":"`+val2+`","amount":"50"}]}`)
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
	e.expectQuery(`{"state":{}}`, `{"total_staked":"0","total_supply":"10000","exchange_rate":"0","reward_index":"0","reserved_rewards":"0","stakes":[{"validator":"`+val1+`","amount":"0"}]}`)
}

func TestRewardIndexAcrossTransfers(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol := e.addr("alice"), e.addr("bob"), e.addr("carol")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // alice 9000 + 1000 locked (earn nothing)
	if err := e.am.AddRewards(e.self, val1, asset, coin(900, stake)); err != nil {
		t.Fatal(err)
	}
	// Bob's deposit books the 900 first (index 900/9000 = 0.1), so he gets none of them. The
	// claim of val1 goes out with his delegation to val2.
	res := e.exec(bob, `{"deposit":{}}`, coin(10_000, asset))
	if len(res.Messages) != 2 || !strings.Contains(string(res.Messages[0].Msg.Custom), `"claim_rewards":{"validator":"`+val1+`"`) ||
		!strings.Contains(string(res.Messages[1].Msg.Custom), `"delegate":{"validator":"`+val2+`"`) {
		t.Fatalf("messages: %+v", res.Messages)
	}
	if e.bank(e.self, stake) != 900 {
		t.Fatalf("claimed rewards: %d", e.bank(e.self, stake))
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
	e.expectQuery(`{"state":{}}`, `{"total_staked":"20000","total_supply":"20000","exchange_rate":"1","reward_index":"0.2","reserved_rewards":"0",`+
		`"stakes":[{"validator":"`+val1+`","amount":"10000"},{"validator":"`+val2+`","amount":"10000"}]}`)
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
	e.expectQuery(`{"state":{}}`, `{"total_staked":"10000","total_supply":"10000","exchange_rate":"1","reward_index":"0.105555555555555555","reserved_rewards":"1",`+
		`"stakes":[{"validator":"`+val1+`","amount":"10000"}]}`)
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

func TestUnbondAndWithdraw(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1 10000
	e.exec(bob, `{"deposit":{}}`, coin(4000, asset))     // val2 4000
	e.exec(alice, `{"deposit":{}}`, coin(4000, asset))   // val2 8000
	e.expectBalance(alice, "13000")

	// 13000 shares of 18000 staked over 18000: 13000 tokens, more than any one stake: 10000 from
	// val1 (the largest), 3000 from val2.
	res := e.exec(alice, `{"unbond":{"amount":"13000"}}`)
	expectAttrs(t, res, map[string]string{"action": "unbond", "from": alice, "beneficiary": alice, "shares": "13000", "amount": "13000", "claim_id": "0"})
	if len(res.Messages) != 2 || res.Messages[0].ReplyOn != wasmvmtypes.ReplySuccess ||
		!strings.Contains(string(res.Messages[0].Msg.Custom), `"undelegate":{"validator":"`+val1+`","amount":{"denom":"uasset","amount":"10000"}}`) ||
		!strings.Contains(string(res.Messages[1].Msg.Custom), `"undelegate":{"validator":"`+val2+`","amount":{"denom":"uasset","amount":"3000"}}`) {
		t.Fatalf("messages %+v", res.Messages)
	}
	if e.delegation(val1) != 0 || e.delegation(val2) != 5000 {
		t.Fatalf("delegations %d %d", e.delegation(val1), e.delegation(val2))
	}
	// The reply recorded the chain's completion time.
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[{"id":0,"amount":"13000","completion_time":"`+unbondingDone+`","payout":null,"matured":false}]}`)
	e.fail(alice, `{"withdraw":{}}`, "no matured claims")

	// Take rate makes bob's 4000 of 5000 shares worth 4000 * 4999 / 5000 = 3999.2 -> 3999.
	if err := e.am.TakeRate(e.self, val2, asset, u(1)); err != nil {
		t.Fatal(err)
	}
	e.fail(bob, `{"unbond":{"amount":"4001"}}`, "insufficient funds")
	e.fail(bob, `{"unbond":{"amount":"0"}}`, "invalid zero amount")
	res = e.exec(bob, `{"unbond":{"amount":"4000"}}`)
	expectAttrs(t, res, map[string]string{"amount": "3999", "claim_id": "1"})
	// The last holder left: the locked shares hold the remaining stake (1000 of it).
	e.expectQuery(`{"state":{}}`, `{"total_staked":"1000","total_supply":"1000","exchange_rate":"1","reward_index":"0","reserved_rewards":"0","stakes":[{"validator":"`+val2+`","amount":"1000"}]}`)

	// At the completion time, before the chain's EndBlock paid the unbondings: a clear error.
	e.h.Env.Block.Time = std.Timestamp(1701814400000000000)
	e.expectQuery(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[{"id":1,"amount":"3999","completion_time":"`+unbondingDone+`","payout":null,"matured":true}]}`)
	e.fail(alice, `{"withdraw":{}}`, "unbonded tokens not received yet: try again after the next block")
	e.am.MatureUnbondings()
	res = e.exec(alice, `{"withdraw":{}}`)
	expectAttrs(t, res, map[string]string{"action": "withdraw", "recipient": alice, "amount": "13000", "claims": "1"})
	// Alice's withdrawal settled bob's claim too, in the same batch: nothing was slashed, it pays
	// its amount.
	e.expectQuery(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[{"id":1,"amount":"3999","completion_time":"`+unbondingDone+`","payout":"3999","matured":true}]}`)
	e.exec(bob, `{"withdraw":{}}`)
	if e.bank(alice, asset) != 13_000 || e.bank(bob, asset) != 3999 || e.bank(e.self, asset) != 0 {
		t.Fatalf("paid: alice %d bob %d left %d", e.bank(alice, asset), e.bank(bob, asset), e.bank(e.self, asset))
	}
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[]}`)
	e.fail(bob, `{"withdraw":{}}`, "no matured claims")
}

func TestUnbondThroughCW20Send(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	res := e.exec(alice, `{"send":{"contract":"`+e.self+`","amount":"2000","msg":"`+b64(`{"unbond":{}}`)+`"}}`)
	expectAttrs(t, res, map[string]string{"action": "send", "from": alice, "beneficiary": alice, "amount": "2000"})
	e.fail(alice, `{"send":{"contract":"`+e.self+`","amount":"1","msg":"`+b64(`{"stake":{}}`)+`"}}`, `msg must be {"unbond":{}}`)
	// A spender's send_from to the contract burns the owner's shares; the claim is the spender's.
	e.exec(alice, `{"increase_allowance":{"spender":"`+bob+`","amount":"3000"}}`)
	res = e.exec(bob, `{"send_from":{"owner":"`+alice+`","contract":"`+e.self+`","amount":"1000","msg":"`+b64(`{"unbond":{}}`)+`"}}`)
	expectAttrs(t, res, map[string]string{"action": "send_from", "from": alice, "beneficiary": bob, "amount": "1000"})
	e.expectBalance(alice, "6000")
	e.expectQuery(`{"allowance":{"owner":"`+alice+`","spender":"`+bob+`"}}`, `{"allowance":"2000","expires":{"never":{}}}`)
	e.expectQuery(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[{"id":1,"amount":"1000","completion_time":"`+unbondingDone+`","payout":null,"matured":false}]}`)
	e.expectQuery(`{"token_info":{}}`, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"total_supply":"7000"}`)
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
	e.fail(e.owner, `{"update_validators":{"validators":["alliancevaloper1nope"]}}`, "is not a bonded validator")
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
		`"validators":["`+val2+`","`+val3+`"],"owner":"`+next+`","pending_owner":null,"fee_bps":200,"fee_address":"`+e.addr("treasury")+`","min_initial_deposit":"10000"}`)
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
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["nope"]}`, "is not a bonded validator"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"min_initial_deposit":"1000"}`, "must exceed the 1000 locked shares"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"owner":"x"}`, "invalid owner"},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"admin":"x"}`, `unknown field "admin"`},
		{`{"name":"Staked","symbol":"stA","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"],"pending_owner":"x"}`, `unknown field "pending_owner"`},
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
// less than the claims recorded. Matured claims settle as one batch against what came back:
// payout_i = floor(amount_i · min(received, expected) / expected), the dust to the holders.
func TestSlashDuringUnbonding(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol := e.addr("alice"), e.addr("bob"), e.addr("carol")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1 10,000; 9,000 shares + 1,000 locked
	e.exec(bob, `{"deposit":{}}`, coin(6_000, asset))    // val2 6,000
	e.exec(carol, `{"deposit":{}}`, coin(3_000, asset))  // val2 9,000
	// 19,000 shares over 19,000 staked. Alice unbonds 5,000 (from val1, the largest), then bob
	// 3,000 (from val2, now the largest): claims of 5,000 and 3,000 maturing at the same time.
	expectAttrs(t, e.exec(alice, `{"unbond":{"amount":"5000"}}`), map[string]string{"amount": "5000", "claim_id": "0"})
	expectAttrs(t, e.exec(bob, `{"unbond":{"amount":"3000"}}`), map[string]string{"amount": "3000", "claim_id": "1"})
	if e.delegation(val1) != 5000 || e.delegation(val2) != 6000 {
		t.Fatalf("stakes %d %d", e.delegation(val1), e.delegation(val2))
	}
	// val1 is slashed by 10% while both unbond: its delegation 5,000 → 4,500 and alice's entry
	// 5,000 → 4,500; bob's entry (val2) is untouched. The chain will return 7,500 for 8,000
	// recorded: paying the records, the first withdrawer would take the last one's 500.
	tenth, _ := std.ParseDecimal("0.1")
	if err := e.am.Slash(val1, tenth); err != nil {
		t.Fatal(err)
	}
	// The remaining 11,000 shares (alice 4,000, bob 3,000, carol 3,000, locked 1,000) own 10,500.
	// Carol unbonds 1,000 of them a day later: floor(1,000 · 10,500 / 11,000) = 954, from val2.
	e.h.Env.Block.Time = e.h.Env.Block.Time.PlusSeconds(24 * 3600)
	expectAttrs(t, e.exec(carol, `{"unbond":{"amount":"1000"}}`), map[string]string{"amount": "954", "claim_id": "2"})
	staked := `{"total_staked":"9546","total_supply":"10000","exchange_rate":"0.9546","reward_index":"0","reserved_rewards":"0","stakes":[{"validator":"` +
		val1 + `","amount":"4500"},{"validator":"` + val2 + `","amount":"5046"}]}`
	e.expectQuery(`{"state":{}}`, staked)
	e.fail(alice, `{"withdraw":{}}`, "no matured claims")

	// At the completion time of claims 0 and 1, before the chain's end of block paid them.
	e.h.Env.Block.Time = std.Timestamp(1701814400000000000)
	e.fail(bob, `{"withdraw":{}}`, "unbonded tokens not received yet: try again after the next block")
	e.am.MatureUnbondings() // pays 4,500 + 3,000; carol's 954 is still unbonding
	if e.bank(e.self, asset) != 7500 {
		t.Fatalf("contract holds %d", e.bank(e.self, asset))
	}
	// Alice's withdrawal settles claims 0 and 1 together: alice floor(5,000 · 7,500 / 8,000) =
	// floor(4,687.5) = 4,687, bob floor(3,000 · 7,500 / 8,000) = floor(2,812.5) = 2,812; the 1 of
	// dust is surplus (the holders'). Carol's claim has not matured and is not in the batch.
	res := e.exec(alice, `{"withdraw":{}}`)
	expectAttrs(t, res, map[string]string{"recipient": alice, "amount": "4687", "claims": "1"})
	e.expectQuery(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[{"id":1,"amount":"3000","completion_time":"`+unbondingDone+`","payout":"2812","matured":true}]}`)
	e.expectQuery(`{"claims":{"address":"`+carol+`"}}`, `{"claims":[{"id":2,"amount":"954","completion_time":"1701900800000000000","payout":null,"matured":false}]}`)
	e.fail(carol, `{"withdraw":{}}`, "no matured claims")
	res = e.exec(bob, `{"withdraw":{}}`)
	expectAttrs(t, res, map[string]string{"recipient": bob, "amount": "2812", "claims": "1"})
	if e.bank(alice, asset) != 4687 || e.bank(bob, asset) != 2812 || e.bank(e.self, asset) != 1 {
		t.Fatalf("alice %d bob %d contract %d", e.bank(alice, asset), e.bank(bob, asset), e.bank(e.self, asset))
	}
	rs, _ := rewards.Load(e.h.Storage)
	if rs.Unsettled != u(954) || !rs.Owed.IsZero() || rs.Surplus != u(1) {
		t.Fatalf("book %+v", rs)
	}
	// Settlements moved no stake: the remaining holders' value is what it was.
	e.expectQuery(`{"state":{}}`, staked)

	// Carol's entry comes back in full a day later: received = 955 − 0 owed − 1 surplus = 954.
	e.h.Env.Block.Time = std.Timestamp(1701900800000000000)
	e.am.MatureUnbondings()
	expectAttrs(t, e.exec(carol, `{"withdraw":{}}`), map[string]string{"amount": "954"})
	// The surplus goes back to the holders at the next harvest: restaked on val1 (the smaller).
	expectAttrs(t, e.exec(e.addr("keeper"), `{"harvest":{}}`), map[string]string{"restaked": "1", "validator": val1})
	if e.bank(e.self, asset) != 0 || e.delegation(val1) != 4501 {
		t.Fatalf("contract %d, val1 %d", e.bank(e.self, asset), e.delegation(val1))
	}
	// Paid 4,687 + 2,812 + 954 = 8,453 of the 8,454 the chain returned; 1 restaked.
}

// TestSlashedToNothing: a claim whose entry was slashed entirely settles at 0 and is removed
// without a payment; asset rewards claimed meanwhile are the holders' surplus, not received.
func TestSlashedToNothing(t *testing.T) {
	e := newEnv(t, "")
	alice := e.addr("alice")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	// 30 asset-denom rewards pending on val1: the unbond's undelegation claims them first.
	if err := e.am.AddRewards(e.self, val1, asset, coin(30, asset)); err != nil {
		t.Fatal(err)
	}
	e.exec(alice, `{"unbond":{"amount":"2000"}}`)
	if e.bank(e.self, asset) != 30 {
		t.Fatalf("contract holds %d", e.bank(e.self, asset))
	}
	if err := e.am.Slash(val1, std.DecimalOne()); err != nil {
		t.Fatal(err)
	}
	e.h.Env.Block.Time = std.Timestamp(1701814400000000000)
	e.am.MatureUnbondings()
	res := e.exec(alice, `{"withdraw":{}}`)
	expectAttrs(t, res, map[string]string{"amount": "0", "claims": "1"})
	if len(res.Messages) != 0 || e.bank(alice, asset) != 0 {
		t.Fatalf("paid %+v", res.Messages)
	}
	e.expectQuery(`{"claims":{"address":"`+alice+`"}}`, `{"claims":[]}`)
	rs, _ := rewards.Load(e.h.Storage)
	if rs != (RewardState{Supply: u(8_000), Surplus: u(30), NextClaim: 1}) {
		t.Fatalf("pool %+v", rs)
	}
}
