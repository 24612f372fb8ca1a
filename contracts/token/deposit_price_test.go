package main

import "testing"

// Deposit price regression tests (audit issue 13, finding 5): a depositor buys in at a price that
// includes everything the holders already own in the asset, so a deposit just before a harvest
// takes nothing of the asset-denom rewards earned before it.

// TestDepositBeforeHarvestBuysNoEarlierAssetRewards: alice has 100,000 staked and 10,000 asset
// rewards accrued on it; the sniper deposits 100,000 and harvests at once. It used to get 100,000
// shares worth 105,000 (half of alice's rewards); now its shares are priced at 110,000 for
// 100,000: floor(100,000 * 100,000 / 110,000) = 90,909, worth floor(90,909 * 210,000 / 190,909)
// = 99,999 after the harvest (less than paid, by rounding).
func TestDepositBeforeHarvestBuysNoEarlierAssetRewards(t *testing.T) {
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice, sniper := e.addr("alice"), e.addr("sniper")
	e.exec(alice, `{"deposit":{}}`, coin(100_000, asset)) // 99,000 + 1,000 locked
	if err := e.am.AddRewards(e.self, val1, asset, coin(10_000, asset)); err != nil {
		t.Fatal(err)
	}
	e.exec(sniper, `{"deposit":{}}`, coin(100_000, asset))
	e.expectBalance(sniper, "90909")
	expectAttrs(t, e.exec(sniper, `{"harvest":{}}`), map[string]string{"restaked": "10000"})
	e.expectQuery(`{"state":{}}`, `{"total_staked":"210000","total_supply":"190909","exchange_rate":"1.100000523809773242","reward_index":"0","reserved_rewards":"0","queued_shares":"0",`+
		`"stakes":[{"validator":"`+val1+`","amount":"210000"}],"delist_completion_time":null,"exit_pot":null}`)
	// Alice's 99,000 shares are worth floor(99,000 * 210,000 / 190,909) = 108,900: her stake and
	// her rewards less the locked shares' part.
}

// TestDepositPricesRewardsPendingOnOtherValidators: the deposit goes to val2 while 10,000 asset
// rewards are pending on val1 (not paid by this deposit's delegation): the chain's pending amount
// is priced in. Carol: floor(10,000 * 100,000 / 110,000) = 9,090 shares. The sniper, with the
// rewards still pending: floor(100,000 * 109,090 / (110,000 + 10,000)) = 90,908, worth
// floor(90,908 * 220,000 / 199,998) = 99,999 after the harvest.
func TestDepositPricesRewardsPendingOnOtherValidators(t *testing.T) {
	e := newEnv(t, "") // val1 and val2
	alice, carol, sniper := e.addr("alice"), e.addr("carol"), e.addr("sniper")
	e.exec(alice, `{"deposit":{}}`, coin(100_000, asset)) // to val1
	if err := e.am.AddRewards(e.self, val1, asset, coin(10_000, asset)); err != nil {
		t.Fatal(err)
	}
	expectAttrs(t, e.exec(carol, `{"deposit":{}}`, coin(10_000, asset)), map[string]string{"validator": val2})
	e.expectBalance(carol, "9090")
	expectAttrs(t, e.exec(sniper, `{"deposit":{}}`, coin(100_000, asset)), map[string]string{"validator": val2})
	e.expectBalance(sniper, "90908")
	if e.bank(e.self, asset) != 0 { // val1's rewards are still on the chain: priced, not claimed
		t.Fatalf("the deposits claimed %d", e.bank(e.self, asset))
	}
	expectAttrs(t, e.exec(sniper, `{"harvest":{}}`), map[string]string{"restaked": "10000"})
	e.expectQuery(`{"state":{}}`, `{"total_staked":"220000","total_supply":"199998","exchange_rate":"1.1000110001100011","reward_index":"0","reserved_rewards":"0","queued_shares":"0",`+
		`"stakes":[{"validator":"`+val1+`","amount":"110000"},{"validator":"`+val2+`","amount":"110000"}],"delist_completion_time":null,"exit_pot":null}`) // restaked to val1, the least staked
}

// TestDepositPricesSurplusAndDonations: asset the contract already holds for the holders (a
// surplus: settlement excess; a donation by bank send) is in the price before any harvest.
// 5,000 donated to 10,000 staked for 10,000 shares: bob's 15,000 buy floor(15,000 * 10,000 /
// 15,000) = 10,000 shares, exactly his part after the harvest (30,000 for 20,000 shares).
func TestDepositPricesSurplusAndDonations(t *testing.T) {
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset))
	e.am.Fund(e.self, coin(5_000, asset))
	e.exec(bob, `{"deposit":{}}`, coin(15_000, asset))
	e.expectBalance(bob, "10000")
	expectAttrs(t, e.exec(bob, `{"harvest":{}}`), map[string]string{"restaked": "5000"})
	e.expectQuery(`{"state":{}}`, `{"total_staked":"30000","total_supply":"20000","exchange_rate":"1.5","reward_index":"0","reserved_rewards":"0","queued_shares":"0",`+
		`"stakes":[{"validator":"`+val1+`","amount":"30000"}],"delist_completion_time":null,"exit_pot":null}`)
}
