package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// accrue gives the pair reward coins its cw20 side will pay on claim_rewards (the token holds
// them in bank).
func (c *fakeCw20) accrue(holder string, coins ...std.Coin) {
	c.app.Fund(c.addr, coins...)
	c.rewards[holder] = append(c.rewards[holder], coins...)
}

// The rewards our wrapped token pays on the tokens sitting in the pool: collect_rewards (anyone)
// claims them for the pair and adds those in a pool denom to that reserve, so the LPs get them
// pro rata; other denoms go to the rewards recipient (the instantiator by default).
func TestCollectRewards(t *testing.T) {
	app, tok, alice := cw20Setup(t) // 1,000,000 token / 4,000,000 stake, 2,000,000 shares
	bob, creator := app.Addr("bob"), app.Addr("creator")
	env := &app.Host.Env
	t0 := env.Block.Time.Seconds()
	// 10 s at 1,000,000 / 4,000,000; then the token owes the pair 40,000 stake and 7 uother.
	env.Block.Time = env.Block.Time.PlusSeconds(10)
	tok.accrue(app.Contract, coin(40_000, stake), coin(7, "uother"))
	// (The amounts are attributes of the reply, on the chain's wasm event; e2e checks them.)
	app.Exec(bob, `{"collect_rewards":{}}`)
	expectCw20Pool(t, app, tok, "1000000", "4040000", "2000000")
	if got := app.Balance(creator, "uother").String(); got != "7" {
		t.Fatalf("the rewards recipient got %s uother", got)
	}
	if len(tok.rewards[app.Contract]) != 0 || app.Balance(tok.addr, stake).String() != "0" {
		t.Fatal("the token still owes the pair")
	}
	if _, locked := app.Host.Storage.Get(lockKey); locked {
		t.Fatal("left locked")
	}
	if _, ok := app.Host.Storage.Get(collectKey); ok {
		t.Fatal("the balances taken before the claims were left in storage")
	}
	// The oracle: the 10 s before the collection at price_token = 4·10^18 (the rewards join at
	// this block's price: the same block adds nothing), then 5 s at 4,040,000·10^18/1,000,000 =
	// 4.04·10^18: 4·10^19 + 2.02·10^19 = 6.02·10^19; price_stake floor(10^24/4,040,000) =
	// 247,524,752,475,247,524 for 5 s after 0.25·10^18 for 10 s.
	env.Block.Time = env.Block.Time.PlusSeconds(5)
	app.ExpectQuery(`{"cumulative_prices":{}}`, `{"denoms":["`+tok.addr+`","stake"],"cumulative":["60200000000000000000","3737623762376237620"],"liquid_seconds":"15","time":"`+strconv.FormatUint(t0+15, 10)+`"}`)
	// Nothing owed: a collection changes nothing but the oracle's time.
	app.Exec(bob, `{"collect_rewards":{}}`)
	expectCw20Pool(t, app, tok, "1000000", "4040000", "2000000")
	// Alice withdraws 999,000 of 2,000,000 shares: floor(999000·1,000,000/2e6) = 499,500 token and
	// floor(999000·4,040,000/2e6) = 2,017,980 stake, 19,980 more than the 1,998,000 without the
	// rewards (999,000/2,000,000 of the 40,000).
	if got := withdrawLP(t, app, alice, "999000")["refund_assets"]; got != "499500"+tok.addr+", 2017980stake" {
		t.Fatalf("withdrawn %s", got)
	}
	expectCw20Pool(t, app, tok, "500500", "2022020", "1001000")
}

// collect_rewards refuses a pair without a cw20 side and funds, changing nothing; a custom
// rewards_recipient gets the other denoms; a cw20 that re-enters during its claim finds the
// pair locked.
func TestCollectRewardsRefusals(t *testing.T) {
	bank := newPair(t, nativePair)
	bank.Fail(bank.Addr("bob"), `{"collect_rewards":{}}`, "the pair has no cw20 side")
	app, tok, _ := cw20Setup(t)
	bob := app.Addr("bob")
	app.Fail(bob, `{"collect_rewards":{}}`, "collect_rewards takes no funds", coin(1, stake))
	// A reply with no balances stored (impossible through the contract) fails.
	if _, err := app.Host.Reply(std.Reply{ID: replyCollect, Result: std.SubMsgResult{Ok: &std.SubMsgResponse{}}}); err == nil || !strings.Contains(err.Error(), "balances taken before the claims are missing") {
		t.Fatalf("collect reply without state: %v", err)
	}
	// Re-entering from the claim: refused with ErrLocked; the token propagates it, so its claim
	// fails and is reverted alone (nothing booked, the rewards still owed), the collection ends.
	tok.accrue(app.Contract, coin(100, stake))
	var reentered error
	tok.hostile = func(string) error {
		_, reentered = app.Chain.Execute(tok.addr, []byte(receiveMsg(bob, "1", `{"swap":{"max_spread":"0.5"}}`)))
		return reentered
	}
	app.Exec(bob, `{"collect_rewards":{}}`)
	if reentered == nil || !strings.Contains(reentered.Error(), "no call may reenter it") {
		t.Fatalf("reentrant call during the claim: %v", reentered)
	}
	expectCw20Pool(t, app, tok, "1000000", "4000000", "2000000")
	if len(tok.rewards[app.Contract]) != 1 {
		t.Fatal("the failed claim was not reverted")
	}
	tok.hostile = nil
	app.Exec(bob, `{"collect_rewards":{}}`)
	expectCw20Pool(t, app, tok, "1000000", "4000100", "2000000")

	// rewards_recipient: validated (not the pair itself), and paid the denoms outside the pool.
	for _, r := range []string{"cosmos1xyz", app.Contract} {
		a := newApp(t)
		if _, err := a.Host.Instantiate(std.Info(a.Addr("creator"), coin(creationFee, stake)),
			[]byte(`{"asset_infos":[{"token":{"contract_addr":"`+tok.addr+`"}},{"native_token":{"denom":"stake"}}],"fee_bps":30,"rewards_recipient":"`+r+`"}`)); err == nil || !strings.Contains(err.Error(), "invalid rewards_recipient") {
			t.Fatalf("rewards_recipient %s: %v", r, err)
		}
	}
	a := newApp(t)
	t2 := newCw20(t, a, "token")
	carol := a.Addr("carol")
	a.Instantiate(a.Addr("creator"), `{"asset_infos":[{"token":{"contract_addr":"`+t2.addr+`"}},{"native_token":{"denom":"uasset"}}],"fee_bps":30,"rewards_recipient":"`+carol+`"}`, coin(creationFee, stake))
	// Before any liquidity: stake is not a pool denom here, so all of it goes to carol.
	t2.accrue(a.Contract, coin(500, stake))
	a.Exec(bob, `{"collect_rewards":{}}`)
	if got := a.Balance(carol, stake).String(); got != "500" {
		t.Fatalf("carol got %s stake", got)
	}
}

// A pair of two cw20s: the first owes nothing and refuses the claim (as our token does), which
// fails alone; the second's 300 stake (no pool denom here) go to the rewards recipient, the
// instantiator.
func TestCollectRewardsOfTwoTokens(t *testing.T) {
	app := newApp(t)
	a, b := newCw20(t, app, "token-a"), newCw20(t, app, "token-b")
	creator := app.Addr("creator")
	app.Instantiate(creator, `{"asset_infos":[{"token":{"contract_addr":"`+a.addr+`"}},{"token":{"contract_addr":"`+b.addr+`"}}],"fee_bps":30}`, coin(creationFee, stake))
	a.refuseEmpty = true
	b.accrue(app.Contract, coin(300, stake))
	app.Exec(app.Addr("bob"), `{"collect_rewards":{}}`)
	if got := app.Balance(creator, stake).String(); got != "300" {
		t.Fatalf("the recipient got %s stake", got)
	}
	if got := app.Balance(app.Contract, stake).String(); got != "0" {
		t.Fatalf("the pair kept %s stake", got)
	}
	if _, locked := app.Host.Storage.Get(lockKey); locked {
		t.Fatal("left locked")
	}
	// Nothing owed by either: both claims fail alone, the collection still succeeds.
	b.refuseEmpty = true
	app.Exec(app.Addr("bob"), `{"collect_rewards":{}}`)
}
