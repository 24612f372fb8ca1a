package main

import (
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// Settlement regression tests (audit issue 13, finding 1): a batch is paid what the chain returned
// for it, whatever other batches exist, however many there are and in whatever order they mature.

const day = uint64(24 * 3600 * 1_000_000_000)

// thirtyDustBatchesThenVictim builds the cap scenario: default settings (4-day epoch, 21-day
// unbonding, one validator, no rewards: 1 share = 1 uasset throughout). Alice (999,000 shares)
// puts 10 shares in each of batches 0–29, the victim (100,000 shares) unbonds everything in batch
// 30, and nobody withdraws until all 31 batches have matured.
func thirtyDustBatchesThenVictim(t *testing.T) (e *tenv, alice, victim, keeper string) {
	e = newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice, victim, keeper = e.addr("alice"), e.addr("victim"), e.addr("keeper")
	e.exec(alice, `{"deposit":{}}`, coin(1_000_000, asset))
	e.exec(victim, `{"deposit":{}}`, coin(100_000, asset))
	now := uint64(e.h.Env.Block.Time)
	for i := 0; i < 31; i++ {
		if i == 30 {
			e.exec(victim, `{"unbond":{"amount":"100000"}}`)
		} else {
			e.exec(alice, `{"unbond":{"amount":"10"}}`)
		}
		now += 4 * day
		e.h.Env.Block.Time = std.Timestamp(now)
		e.am.MatureUnbondings()
		res := e.exec(keeper, `{"process_unbonds":{}}`)
		want := "10" // floor(10 × 1,101,000 / 1,101,000) and so on: the rate stays 1
		if i == 30 {
			want = "100000"
		}
		expectAttrs(t, res, map[string]string{"amount": want})
	}
	e.h.Env.Block.Time = std.Timestamp(now + alliance.DefaultUnbondingTime + 1)
	e.am.MatureUnbondings()
	return e, alice, victim, keeper
}

// TestSettleOfDustBatchesLeavesALaterBatchItsAsset: the withdraw that settles thirty earlier dust
// batches does not count the 31st batch's 100,000 as theirs (it used to become surplus, restaked
// for every holder, and the victim was then paid 0).
func TestSettleOfDustBatchesLeavesALaterBatchItsAsset(t *testing.T) {
	e, alice, victim, keeper := thirtyDustBatchesThenVictim(t)
	res := e.exec(alice, `{"withdraw":{}}`)
	expectAttrs(t, res, map[string]string{"amount": "300", "claims": "30"}) // 30 batches × 10
	rs, _ := rewards.Load(e.h.Storage)
	// Everything returned is settled: the victim's 100,000 is owed to it, none is surplus.
	if rs.Owed != u(100_000) || !rs.Surplus.IsZero() || !rs.Unsettled.IsZero() || rs.FirstUnsettled != 31 {
		t.Fatalf("after alice's withdraw: owed %s surplus %s unsettled %s first_unsettled %d", rs.Owed, rs.Surplus, rs.Unsettled, rs.FirstUnsettled)
	}
	expectAttrs(t, e.exec(keeper, `{"harvest":{}}`), map[string]string{"restaked": "0"})
	expectAttrs(t, e.exec(victim, `{"withdraw":{}}`), map[string]string{"amount": "100000"})
	if e.bank(victim, asset) != 100_000 || e.bank(alice, asset) != 300 {
		t.Fatalf("paid: victim %d, alice %d", e.bank(victim, asset), e.bank(alice, asset))
	}
}

// TestDustBatchesCannotDelayAWithdraw: thirty unwithdrawn dust batches ahead of the victim's do
// not stop its withdraw (it used to settle at most 30 batches per call and fail with "no matured
// claims"); the dust batches' owner is still paid in full afterwards.
func TestDustBatchesCannotDelayAWithdraw(t *testing.T) {
	e, alice, victim, _ := thirtyDustBatchesThenVictim(t)
	expectAttrs(t, e.exec(victim, `{"withdraw":{}}`), map[string]string{"amount": "100000", "claims": "1"})
	expectAttrs(t, e.exec(alice, `{"withdraw":{}}`), map[string]string{"amount": "300", "claims": "30"})
	rs, _ := rewards.Load(e.h.Storage)
	if !rs.Owed.IsZero() || !rs.Surplus.IsZero() || e.bank(e.self, asset) != 0 {
		t.Fatalf("left: owed %s surplus %s, contract holds %d", rs.Owed, rs.Surplus, e.bank(e.self, asset))
	}
}

// TestBatchMaturingOutOfOrderIsPaidItsOwn: governance shortens the unbonding time from 21 to 7
// days, so the victim's batch 2 (day 12 → day 19) completes before bob's batch 1 (day 8 → day 29).
// On day 26 alice's withdraw settles batch 0 and batch 2 (both due) and not batch 1; the victim is
// later paid its 100,000 (it used to get 9: its asset was surplus restaked for everyone).
func TestBatchMaturingOutOfOrderIsPaidItsOwn(t *testing.T) {
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice, bob, victim, keeper := e.addr("alice"), e.addr("bob"), e.addr("victim"), e.addr("keeper")
	e.exec(alice, `{"deposit":{}}`, coin(1_000_000, asset))
	e.exec(bob, `{"deposit":{}}`, coin(1_000, asset))
	e.exec(victim, `{"deposit":{}}`, coin(100_000, asset))
	start := uint64(e.h.Env.Block.Time)
	at := func(d uint64) { e.h.Env.Block.Time = std.Timestamp(start + d*day); e.am.MatureUnbondings() }
	e.exec(alice, `{"unbond":{"amount":"10"}}`)
	at(4)
	e.exec(keeper, `{"process_unbonds":{}}`) // batch 0: 10 -> day 25
	e.exec(bob, `{"unbond":{"amount":"10"}}`)
	at(8)
	e.exec(keeper, `{"process_unbonds":{}}`) // batch 1: 10 -> day 29
	e.am.UnbondingTime = 7 * day             // governance shortens the unbonding time
	e.exec(victim, `{"unbond":{"amount":"100000"}}`)
	at(12)
	expectAttrs(t, e.exec(keeper, `{"process_unbonds":{}}`), map[string]string{"amount": "100000"}) // batch 2 -> day 19
	at(26)
	expectAttrs(t, e.exec(alice, `{"withdraw":{}}`), map[string]string{"amount": "10"})
	rs, _ := rewards.Load(e.h.Storage)
	// Batch 1 (10, due day 29) is the only one unsettled; the victim's 100,000 is owed.
	if rs.Owed != u(100_000) || !rs.Surplus.IsZero() || rs.Unsettled != u(10) || rs.FirstUnsettled != 1 {
		t.Fatalf("after alice's withdraw: owed %s surplus %s unsettled %s first %d", rs.Owed, rs.Surplus, rs.Unsettled, rs.FirstUnsettled)
	}
	expectAttrs(t, e.exec(keeper, `{"harvest":{}}`), map[string]string{"restaked": "0"})
	e.fail(bob, `{"withdraw":{}}`, "no matured claims") // batch 1 is due on day 29 only
	at(30)
	expectAttrs(t, e.exec(bob, `{"withdraw":{}}`), map[string]string{"amount": "10"})
	expectAttrs(t, e.exec(victim, `{"withdraw":{}}`), map[string]string{"amount": "100000"})
	if e.bank(victim, asset) != 100_000 || e.bank(bob, asset) != 10 || e.bank(alice, asset) != 10 {
		t.Fatalf("paid: victim %d bob %d alice %d", e.bank(victim, asset), e.bank(bob, asset), e.bank(alice, asset))
	}
}

// TestProcessUnbondsRefusesA65thUnsettledBatch: the walk of settle is bounded by refusing to open
// more than 64 unsettled batches. Only an extreme governance change gets there: unbonding time
// 400 days and max entries 100 with the 4-day epoch. The 65th process_unbonds is refused and
// changes nothing; once batch 0 has matured, the next one settles it and goes through.
func TestProcessUnbondsRefusesA65thUnsettledBatch(t *testing.T) {
	e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
	alice := e.addr("alice")
	e.exec(alice, `{"deposit":{}}`, coin(1_000_000, asset))
	e.am.SetUnbondingTime(400 * day)
	e.am.MaxEntries = 100
	now := uint64(e.h.Env.Block.Time)
	for i := 0; i < 65; i++ {
		e.exec(alice, `{"unbond":{"amount":"10"}}`)
		now += 4 * day
		e.h.Env.Block.Time = std.Timestamp(now)
		e.am.MatureUnbondings()
		if i < 64 {
			e.exec(alice, `{"process_unbonds":{}}`)
		}
	}
	e.fail(alice, `{"process_unbonds":{}}`, "too many unsettled batches")
	// Batch 0 was processed on day 4 and completes on day 404.
	e.h.Env.Block.Time = std.Timestamp(uint64(e.h.Env.Block.Time) - 65*4*day + 404*day + 1)
	e.am.MatureUnbondings()
	expectAttrs(t, e.exec(alice, `{"process_unbonds":{}}`), map[string]string{"batch_id": "64", "amount": "10"})
	rs, _ := rewards.Load(e.h.Storage)
	if rs.FirstUnsettled != 1 || rs.Owed != u(10) {
		t.Fatalf("first unsettled %d, owed %s", rs.FirstUnsettled, rs.Owed)
	}
}
