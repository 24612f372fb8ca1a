package main

import "testing"

// Reward attribution across transfers (audit issue 13, finding 4): a holder never receives rewards
// that accrued while someone else held the shares.

// TestReceiverCannotClaimTheSendersRewards: alice and bob hold 9,000 shares each and 1,800 stake
// accrue on the chain, unbooked. Bob transfers his 9,000 to the sniper, who claims at once: the
// transfer booked the 1,800 first (index 1,800 / 18,000 = 0.1), so the sniper has nothing to claim
// (it used to be paid 900), and bob keeps his 900 after the shares come back.
func TestReceiverCannotClaimTheSendersRewards(t *testing.T) {
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice, bob, sniper := e.addr("alice"), e.addr("bob"), e.addr("sniper")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // alice 9000 (+1000 locked)
	e.exec(bob, `{"deposit":{}}`, coin(9_000, asset))    // bob 9000
	if err := e.am.AddRewards(e.self, val1, asset, coin(1800, stake)); err != nil {
		t.Fatal(err)
	}
	e.exec(bob, `{"transfer":{"recipient":"`+sniper+`","amount":"9000"}}`)
	e.fail(sniper, `{"claim_rewards":{}}`, "no rewards to claim")
	e.exec(sniper, `{"transfer":{"recipient":"`+bob+`","amount":"9000"}}`)
	if e.bank(sniper, stake) != 0 {
		t.Fatalf("the sniper was paid %d", e.bank(sniper, stake))
	}
	e.expectQuery(`{"pending_rewards":{"address":"`+bob+`"}}`, `{"address":"`+bob+`","rewards":"900","denom":"stake"}`)
	expectAttrs(t, e.exec(bob, `{"claim_rewards":{}}`), map[string]string{"amount": "900"})
	expectAttrs(t, e.exec(alice, `{"claim_rewards":{}}`), map[string]string{"amount": "900"})
}

// TestPoolThatHoldsSharesKeepsItsRewards: an AMM pool (any contract) holds 9,000 shares when 900
// stake accrue for its 9,000 of 18,000 earning shares; a buyer receives them through cw20 send
// (the pool's swap) and claims in the same block: nothing. The pool's 450 stay the pool's. Then
// 1,800 more accrue while the buyer holds 9,000: the buyer earns its 900 of them.
func TestPoolThatHoldsSharesKeepsItsRewards(t *testing.T) {
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice, pool, buyer := e.addr("alice"), e.addr("pool"), e.addr("buyer")
	e.exec(alice, `{"deposit":{}}`, coin(19_000, asset)) // alice 18,000 (+1000 locked)
	e.exec(alice, `{"transfer":{"recipient":"`+pool+`","amount":"9000"}}`)
	if err := e.am.AddRewards(e.self, val1, asset, coin(900, stake)); err != nil {
		t.Fatal(err)
	}
	e.exec(pool, `{"send":{"contract":"`+buyer+`","amount":"9000","msg":""}}`) // the swap pays out shares
	e.fail(buyer, `{"claim_rewards":{}}`, "no rewards to claim")
	e.expectQuery(`{"pending_rewards":{"address":"`+pool+`"}}`, `{"address":"`+pool+`","rewards":"450","denom":"stake"}`)
	if err := e.am.AddRewards(e.self, val1, asset, coin(1800, stake)); err != nil {
		t.Fatal(err)
	}
	expectAttrs(t, e.exec(buyer, `{"claim_rewards":{}}`), map[string]string{"amount": "900"})
	expectAttrs(t, e.exec(alice, `{"claim_rewards":{}}`), map[string]string{"amount": "1350"}) // 450 + 900
	expectAttrs(t, e.exec(pool, `{"claim_rewards":{}}`), map[string]string{"amount": "450"})
}

// TestBurnKeepsTheBurnersRewards: a burn books first, so the burner keeps the 900 its 9,000 of
// 18,000 earning shares earned; the remaining holders get the burned shares' stake, not their
// rewards.
func TestBurnKeepsTheBurnersRewards(t *testing.T) {
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	e.exec(bob, `{"deposit":{}}`, coin(9_000, asset))
	if err := e.am.AddRewards(e.self, val1, asset, coin(1800, stake)); err != nil {
		t.Fatal(err)
	}
	e.exec(bob, `{"burn":{"amount":"9000"}}`)
	expectAttrs(t, e.exec(bob, `{"claim_rewards":{}}`), map[string]string{"amount": "900"})
	expectAttrs(t, e.exec(alice, `{"claim_rewards":{}}`), map[string]string{"amount": "900"})
}
