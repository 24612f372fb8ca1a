package main

import (
	"strconv"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
)

func u128(t *testing.T, s string) std.Uint128 {
	t.Helper()
	v, err := std.ParseUint128(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Audit finding 10: a reserve ratio above ~3.4e20 made the price accumulator overflow, and since
// every execute accrues first, swaps, provisions and withdrawals failed for good. The audit's
// scenario: 1,000,000 uasset against 10^19 stake (mismatched decimals); five seconds later an
// attacker sells 99 % of the stake reserve again and again in one block (each swap's spread just
// under the 0.5 max_spread) until the 15th swap exceeds it. Every number below was computed with
// exact integers (Python) from the formulas of the package comment.
func TestPriceOverflowDoesNotBrickPool(t *testing.T) {
	m := newPair(t, nativePair)
	env := &m.Host.Env
	alice, attacker := m.Addr("alice"), m.Addr("attacker")
	// sqrt(10^6 · 10^19) = 3,162,277,660,168 shares (floor), 1,000 locked.
	m.Exec(alice, `{"provide_liquidity":{"assets":[`+asJSON(asset, "1000000")+`,`+asJSON(stake, "10000000000000000000")+`]}}`,
		coin(1_000_000, asset), coin(10_000_000_000_000_000_000, stake))
	env.Block.Time = env.Block.Time.PlusSeconds(5)
	spent := std.Uint128{}
	for i := 0; ; i++ {
		res, _ := reserves.Load(m.Host.Storage)
		hundredth, _ := res.Amounts[1].CheckedDiv(std.NewUint128(100))
		offer := res.Amounts[1].SaturatingSub(hundredth)
		msg := `{"swap":{"offer_asset":` + asJSON(stake, offer.String()) + `,"max_spread":"0.5"}}`
		if i == 14 {
			// 70 uasset left, offer 99 % of the stake reserve: ideal floor(70·o/S) = 69, gross
			// floor(70·o/(S+o)) = 34, spread 35 > floor(69 · 0.5) = 34.
			m.Fail(attacker, msg, "max spread assertion", std.Coin{Denom: stake, Amount: offer})
			break
		}
		m.Exec(attacker, msg, std.Coin{Denom: stake, Amount: offer})
		spent = spent.SaturatingAdd(offer)
	}
	// The attacker spent 1.527e23 stake; the pool is left at 70 uasset / 152,736,582,765,019,941,952,974
	// stake, a ratio of 2.18e21, beyond the old accumulator's range.
	if spent != u128(t, "152726582765019941952974") {
		t.Fatalf("attacker spent %s", spent)
	}
	expectPool(t, m, "70", "152736582765019941952974", "3162277660168")

	// Five seconds later the LP withdraws 1,000 shares: floor(1000·70/3,162,277,660,168) = 0
	// uasset and floor(1000·152,736,582,765,019,941,952,974/3,162,277,660,168) = 48,299,548,356,833
	// stake. (The old contract failed here: "reserve ratio out of the oracle's range".)
	env.Block.Time = env.Block.Time.PlusSeconds(5)
	if got := withdrawLP(t, m, alice, "1000")["refund_assets"]; got != "0uasset, 48299548356833stake" {
		t.Fatalf("withdrawn %s", got)
	}
	expectBalances(t, m, alice, "0", "48299548356833")
	// The oracle kept counting: 5 s at the first prices (10^31 and 10^5 per unit, in 10^-18) and 5 s
	// at the attacked ones: price_uasset = floor(152,736,582,765,019,941,952,974·10^18/70), a 131-bit
	// number whose value mod 2^128 is 140,256,980,831,796,961,405,095,212,552,247,874,121;
	// price_stake = 0. cumulative_uasset = (5·10^31 + 5·that) mod 2^128.
	m.ExpectQuery(`{"cumulative_prices":{}}`, `{"denoms":["uasset","stake"],"cumulative":["20720220317107880098726847897702947693","500000"],"liquid_seconds":"10","time":"`+strconv.FormatUint(env.Block.Time.Seconds(), 10)+`"}`)
	// Swaps still run: 35 uasset (max_spread 0.5) into 70 / 152,736,582,716,720,393,596,141:
	// gross floor(S·35/105) = 50,912,194,238,906,797,865,380, commission ceil(gross·0.003) =
	// 152,736,582,716,720,393,597, return 50,759,457,656,190,077,471,783.
	before := m.Balance(attacker, stake)
	if got := attr(t, m, attacker, `{"swap":{"offer_asset":`+asJSON(asset, "35")+`,"max_spread":"0.5"}}`, "return_amount", coin(35, asset)); got != "50759457656190077471783" {
		t.Fatalf("swap returned %s", got)
	}
	if got := m.Balance(attacker, stake).SaturatingSub(before); got != u128(t, "50759457656190077471783") {
		t.Fatalf("attacker received %s", got)
	}
	// And provisions: doubling the pool (105 uasset + 101,977,125,060,530,316,124,358 stake) mints
	// exactly the 3,162,277,659,168 shares outstanding, with no refund (one message: the mint).
	res := m.Exec(alice, `{"provide_liquidity":{"assets":[`+asJSON(asset, "105")+`,`+asJSON(stake, "101977125060530316124358")+`]}}`,
		coin(105, asset), std.Coin{Denom: stake, Amount: u128(t, "101977125060530316124358")})
	if got := stdtest.Attrs(res)["share"]; got != "3162277659168" || len(res.Messages) != 1 {
		t.Fatalf("minted %s, messages %+v", got, res.Messages)
	}
}

// Audit finding 13 (pair part): the first provision refused amounts whose product reaches 2^128,
// e.g. 1,000,000 tokens of 18 decimals on each side (10^24 · 10^24 = 10^48 > 3.4·10^38). The
// shares are floor(sqrt(a·b)), which always fits 128 bits.
func TestFirstProvisionAcceptsLargeAmounts(t *testing.T) {
	m := newPair(t, nativePair)
	alice, bob := m.Addr("alice"), m.Addr("bob")
	e24 := u128(t, "1000000000000000000000000")
	// sqrt(10^48) = 10^24 shares, 1,000 locked.
	if got := attr(t, m, alice, `{"provide_liquidity":{"assets":[`+asJSON(asset, e24.String())+`,`+asJSON(stake, e24.String())+`]}}`, "share",
		std.Coin{Denom: asset, Amount: e24}, std.Coin{Denom: stake, Amount: e24}); got != "999999999999999999999000" {
		t.Fatalf("minted %s", got)
	}
	// The extreme: 2^128−1 of each (another pair). sqrt((2^128−1)²) = 2^128−1 shares, minus 1,000;
	// withdrawing them all returns floor(s·(2^128−1)/(2^128−1)) = s of each.
	m2 := newPair(t, nativePair)
	max := std.Uint128Max.String()
	m2.Exec(bob, `{"provide_liquidity":{"assets":[`+asJSON(asset, max)+`,`+asJSON(stake, max)+`]}}`,
		std.Coin{Denom: asset, Amount: std.Uint128Max}, std.Coin{Denom: stake, Amount: std.Uint128Max})
	s := std.Uint128Max.SaturatingSub(std.NewUint128(1000))
	if got := withdrawLP(t, m2, bob, s.String())["refund_assets"]; got != s.String()+"uasset, "+s.String()+"stake" {
		t.Fatalf("withdrawn %s", got)
	}
	expectBalances(t, m2, bob, s.String(), s.String())
	// Still the minimum: sqrt(a·b) must exceed the 1,000 locked shares (1,000 · 1,000 = 10^6 → 1,000).
	m3 := newPair(t, nativePair)
	m3.Fail(bob, `{"provide_liquidity":{"assets":[`+asJSON(asset, "1000")+`,`+asJSON(stake, "1000")+`]}}`, "initial liquidity too small",
		coin(1000, asset), coin(1000, stake))
}
