package main

import (
	"math/rand"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/alliance"
	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// The vault after governance delisted its asset (execute_exit.go): the chain's wind-down turns the
// stake into unbonding entries completing at delist_completion_time, pays the rewards, refuses new
// stake and removes the asset at the completion; every holder must get its part out.

// delist is governance delisting the asset and the next EndBlock winding every delegation down;
// it returns the completion time (Unix ns).
func (e *env) delist() uint64 {
	e.t.Helper()
	if err := e.am.Delist(asset); err != nil {
		e.t.Fatal(err)
	}
	if left, err := e.am.WindDown(asset, 1000); err != nil || left != 0 {
		e.t.Fatalf("wind-down: %d left, %v", left, err)
	}
	return *e.am.Alliances[asset].DelistCompletionTime
}

// completeDelisting moves the block time to done and runs the EndBlock that pays the entries and
// removes the asset.
func (e *env) completeDelisting(done uint64) {
	e.t.Helper()
	e.m.Env.Block.Time = std.Timestamp(done)
	e.am.MatureUnbondings()
	if _, listed := e.am.Alliances[asset]; listed {
		e.t.Fatal("the asset is still listed after its completion")
	}
}

// exitPays runs exit for who and checks what it received, in the asset and in stake.
func (e *env) exitPays(who string, wantAsset, wantStake uint64) {
	e.t.Helper()
	a0, s0 := e.am.Balance(who, asset), e.am.Balance(who, stake)
	e.mustExit(who)
	if got := e.am.Balance(who, asset).SaturatingSub(a0); got != u(wantAsset) {
		e.t.Fatalf("exit paid %s uasset, want %d", got, wantAsset)
	}
	if got := e.am.Balance(who, stake).SaturatingSub(s0); got != u(wantStake) {
		e.t.Fatalf("exit paid %s stake, want %d", got, wantStake)
	}
}

func TestDelistedVaultPaysEveryHolderExactly(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol, keeper := e.m.API.Addr("alice"), e.m.API.Addr("bob"), e.m.API.Addr("carol"), e.m.API.Addr("keeper")
	// Batch 0 opened at instantiation and is never processed.
	processable := uintString(uint64(e.m.Env.Block.Time) + 259_201*1_000_000_000)
	// alice 10,000 → val-a (9,000 shares, 1,000 locked), bob 5,000 → val-b, carol 3,000 → val-b
	// (5,000 < 10,000): 18,000 staked, 18,000 shares of which 17,000 are the holders'.
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(5_000, asset))
	e.mustExec(carol, `{"deposit":{}}`, std.NewCoin(3_000, asset))
	for _, v := range []string{valA, valB} {
		if err := e.am.AddRewards(e.self, v, asset, std.NewCoin(1_700, stake)); err != nil {
			t.Fatal(err)
		}
	}
	e.failOwn(alice, `{"exit":{}}`, "exit is only for a delisted asset: use withdraw", e.shareCoin(alice))

	done := e.delist()
	// The wind-down paid the 3,400 stake of rewards and made two entries (10,000 and 8,000).
	if e.am.Balance(e.self, stake) != u(3_400) || len(e.am.Unbondings(e.self)) != 2 {
		t.Fatalf("after the wind-down: %s stake, entries %+v", e.am.Balance(e.self, stake), e.am.Unbondings(e.self))
	}
	exitFrom := uintString(done)
	e.app.Fail(bob, `{"deposit":{}}`, "the asset is delisted: the vault takes no deposits and unbonds no batches; holders exit with exit from "+exitFrom+" (Unix ns)", std.NewCoin(1_000, asset))
	e.advance(259_201)
	e.withdraw(carol, 1000) // queued shares exit too (below)
	e.app.Fail(keeper, `{"process_withdrawals":{}}`, "the asset is delisted")
	e.failOwn(alice, `{"exit":{}}`, "exit opens at "+exitFrom+" (Unix ns: the asset's delist_completion_time)", e.shareCoin(alice))
	// During the wind-down a share is worth its part of the holdings, 18,000 / 17,000, and alice's
	// 9,000 floor(9,000 · 18,000/17,000) = 9,529; the stake query shows none left.
	e.expect(`{"position":{"address":"`+alice+`"}}`, `{"shares":"9000","value":"9529","claims":[]}`)
	e.expect(`{"state":{}}`, `{"total_staked":"0","total_shares":"17000","queued_shares":"1000","exchange_rate":"1.058823529411764705","last_harvest":null,"batch":0,"processable_from":"`+processable+`","exit_from":"`+exitFrom+`"}`)

	// At the completion, before the EndBlock paid the entries: refused.
	e.m.Env.Block.Time = std.Timestamp(done)
	e.failOwn(alice, `{"exit":{}}`, "unbonding of 18000 the chain has not returned all of the vault's asset yet", e.shareCoin(alice))
	e.completeDelisting(done)
	// 18,000 uasset and 3,400 stake for 17,000 holders' shares, each exit floor(shares · held /
	// holders) of both, computed on what is left:
	//   alice 9,000: floor(9,000 · 18,000/17,000) = 9,529, floor(9,000 · 3,400/17,000) = 1,800
	//   carol 3,000 (2,000 held + 1,000 queued): floor(3,000 · 8,471/8,000) = 3,176, floor(3,000 · 1,600/8,000) = 600
	//   bob 5,000, the last: the rest, 5,295 and 1,000 (4 more than floor(5,000 · 18,000/17,000) = 5,294: the others' dust)
	// Exit takes shares only as one coin of the share denom: refused otherwise, nothing changes.
	e.app.Fail(alice, `{"exit":{}}`, "send exactly one coin: a positive amount of the share denom "+e.share, std.NewCoin(1, asset))
	e.failOwn(alice, `{"exit":{}}`, "send exactly one coin: a positive amount of the share denom", e.shareCoin(alice), std.NewCoin(1, stake))
	e.exitPays(alice, 9_529, 1_800)
	// Her 9,000 shares were burned: the supply is 1,000 locked + bob's 5,000 + carol's 2,000.
	if !e.shares(alice).IsZero() || e.tf.Supply(e.share) != u(8_000) {
		t.Fatalf("after alice's exit: alice %s shares, supply %s", e.shares(alice), e.tf.Supply(e.share))
	}
	e.expectSupply()
	e.exitPays(carol, 3_176, 600)
	e.exitPays(bob, 5_295, 1_000)
	e.expectSupply() // the 1,000 locked shares, the contract's own
	if !e.am.Balance(e.self, asset).IsZero() || !e.am.Balance(e.self, stake).IsZero() {
		t.Fatalf("left in the vault: %s uasset, %s stake", e.am.Balance(e.self, asset), e.am.Balance(e.self, stake))
	}
	e.expect(`{"state":{}}`, `{"total_staked":"0","total_shares":"1000","queued_shares":"0","exchange_rate":"1","last_harvest":null,"batch":0,"processable_from":"`+processable+`","exit_from":"`+exitFrom+`"}`)
	e.app.Fail(bob, `{"exit":{}}`, "nothing to exit: no shares and no settled claims")
}

// A holder who never acted exits months after the completion, after the denom was listed again:
// the vault never saw the delisting (no call succeeded during it), yet it finds its holders with no
// delegation left and pays them.
func TestHolderExitsMonthsLaterAfterARelisting(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.m.API.Addr("alice"), e.m.API.Addr("bob")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(5_000, asset))
	listed := e.am.Alliances[asset]
	done := e.delist()
	e.completeDelisting(done)
	e.advance(200 * day)
	e.am.Alliances[asset] = listed // governance lists the denom again
	// The vault stays wound down: no deposit into the new listing (the holders' asset is idle).
	_, err := e.exec(bob, `{"deposit":{}}`, std.NewCoin(1_000, asset))
	expectErr(t, err, "the asset is delisted")
	// 15,000 for 14,000 holders' shares: alice floor(9,000 · 15,000/14,000) = 9,642, bob the rest
	// 5,358 (floor(5,000 · 15,000/14,000) = 5,357 plus the dust).
	e.exitPays(alice, 9_642, 0)
	e.exitPays(bob, 5_358, 0)
	if !e.am.Balance(e.self, asset).IsZero() {
		t.Fatalf("left %s", e.am.Balance(e.self, asset))
	}
}

// Batches processed before the delisting keep their own entries; a slash before the delisting
// shows in everyone's part. A batch settled between its maturity and the completion is paid what
// its entries returned; one settled only after the completion is paid at most what it undelegated.
func TestDelistWithPendingBatchesAndASlash(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, carol, keeper := e.m.API.Addr("alice"), e.m.API.Addr("bob"), e.m.API.Addr("carol"), e.m.API.Addr("keeper")
	// alice 10,000 → val-a, bob 10,000 → val-b, carol 20,000 → val-a (tie: first): val-a 30,000,
	// val-b 10,000; shares alice 9,000, bob 10,000, carol 20,000, 1,000 locked.
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.mustExec(carol, `{"deposit":{}}`, std.NewCoin(20_000, asset))
	// Batch 0: alice's 9,000 of 40,000 shares on 40,000 = 9,000 from val-a (21,000 left).
	e.advance(epoch)
	e.withdraw(alice, 9000)
	e.mustExec(keeper, `{"process_withdrawals":{}}`)
	tA := uint64(e.m.Env.Block.Time)
	// Batch 1: bob's 5,000 of 31,000 shares on 31,000 = 5,000 from val-a (16,000 left).
	e.advance(epoch)
	e.withdraw(bob, 5000)
	e.mustExec(keeper, `{"process_withdrawals":{}}`)
	// val-a slashed 10%: its delegation 16,000 → 14,400, the entries 9,000 → 8,100 and 5,000 → 4,500.
	tenth, _ := std.ParseDecimal("0.1")
	if err := e.am.Slash(valA, tenth); err != nil {
		t.Fatal(err)
	}
	e.advance(day)
	done := e.delist() // entries of 14,400 (val-a) and 10,000 (val-b) complete at done
	// Batch 0 matures first and alice claims: received 8,100 of 9,000 recorded, paid exactly.
	e.m.Env.Block.Time = std.Timestamp(tA + alliance.DefaultUnbondingTime)
	e.am.MatureUnbondings()
	e.mustExec(alice, `{"claim":{}}`)
	if e.am.Balance(alice, asset) != u(8_100) {
		t.Fatalf("alice %s", e.am.Balance(alice, asset))
	}
	// Nobody claims batch 1 before the completion: it settles with the wind-down's 24,400, so its
	// 4,500 are made up to the 5,000 it undelegated (the settlement cap). Bob exits with it:
	// holders 25,000 shares (bob 5,000, carol 20,000), pool 28,900 − 5,000 = 23,900:
	// bob floor(5,000 · 23,900/25,000) = 4,780 + 5,000 = 9,780; carol the rest, 19,120.
	e.completeDelisting(done)
	e.exitPays(bob, 9_780, 0)
	e.exitPays(carol, 19_120, 0)
	// Paid 8,100 + 9,780 + 19,120 = 37,000 = 8,100 + 4,500 + 24,400 the chain returned.
	if !e.am.Balance(e.self, asset).IsZero() {
		t.Fatalf("left %s", e.am.Balance(e.self, asset))
	}
	if b, _ := book.Load(e.m.Storage); !b.Owed.IsZero() || !b.Unsettled.IsZero() || !b.Surplus.IsZero() {
		t.Fatalf("book %+v", b)
	}
}

// A batch whose claimant claims before the completion is paid exactly what its slashed entry
// returned, and the holders keep the rest.
func TestDelistBatchClaimedBeforeCompletionGetsItsReturn(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, keeper := e.m.API.Addr("alice"), e.m.API.Addr("bob"), e.m.API.Addr("keeper")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset)) // val-a, 9,000 shares
	e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(10_000, asset))   // val-b, 10,000 shares
	e.advance(259_201)
	e.withdraw(bob, 4000)
	e.mustExec(keeper, `{"process_withdrawals":{}}`) // 4,000 from val-a (tie: first): 6,000 left
	tB := uint64(e.m.Env.Block.Time)
	half, _ := std.ParseDecimal("0.5")
	if err := e.am.Slash(valA, half); err != nil { // val-a 6,000 → 3,000, the entry 4,000 → 2,000
		t.Fatal(err)
	}
	e.advance(day)
	done := e.delist() // entries 3,000 (val-a) and 10,000 (val-b)
	e.m.Env.Block.Time = std.Timestamp(tB + alliance.DefaultUnbondingTime)
	e.am.MatureUnbondings()
	e.mustExec(bob, `{"claim":{}}`)
	if e.am.Balance(bob, asset) != u(2_000) {
		t.Fatalf("bob %s", e.am.Balance(bob, asset))
	}
	// 13,000 for 15,000 holders' shares: alice floor(9,000 · 13,000/15,000) = 7,800, bob the rest 5,200.
	e.completeDelisting(done)
	e.exitPays(alice, 7_800, 0)
	e.exitPays(bob, 5_200, 0)
	if !e.am.Balance(e.self, asset).IsZero() {
		t.Fatalf("left %s", e.am.Balance(e.self, asset))
	}
}

// Rewards the wind-down paid are swapped by harvest (TWAP guard, fee) and kept for the holders:
// the chain takes no stake, so nothing is restaked. A take rate before the delisting lowered the
// stake everyone shares.
func TestDelistHarvestKeepsSwappedRewardsForTheHolders(t *testing.T) {
	e := newEnv(t, "")
	alice, bob, keeper := e.m.API.Addr("alice"), e.m.API.Addr("bob"), e.m.API.Addr("keeper")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset)) // val-a
	e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(5_000, asset))    // val-b
	tenth, _ := std.ParseDecimal("0.1")
	if err := e.am.SetTakeRate(asset, tenth); err != nil {
		t.Fatal(err)
	}
	// One interval: 15,000 lose floor(15,000 · 0.1) = 1,500; val-a 9,000, val-b 4,500.
	if cut, err := e.am.DeductTakeRate(asset, 1); err != nil || cut != u(1_500) {
		t.Fatalf("take rate %s %v", cut, err)
	}
	if err := e.am.AddRewards(e.self, valA, asset, std.NewCoin(3_000, stake)); err != nil {
		t.Fatal(err)
	}
	if err := e.am.AddRewards(e.self, valB, asset, std.NewCoin(1_000, stake)); err != nil {
		t.Fatal(err)
	}
	e.advance(600)
	done := e.delist()
	// Harvest: no delegation left to claim; fee floor(4,000 · 5%) = 200, swap 3,800 → 1,890 (the
	// numbers of TestLifecycleExactNumbers: same pool, same TWAP), no delegate message.
	res := e.mustExec(keeper, `{"harvest":{}}`)
	if len(res.Messages) != 2 || res.Messages[0].Msg.Bank == nil || res.Messages[1].ID != replySwap {
		t.Fatalf("harvest messages %+v", res.Messages)
	}
	// (A restake would have failed the harvest: the chain refuses stake of a delisting asset.)
	if b, _ := book.Load(e.m.Storage); b.Surplus != u(1_890) {
		t.Fatalf("book %+v", b)
	}
	if e.am.Balance(e.treas, stake) != u(200) || e.am.Balance(e.self, asset) != u(1_890) || !e.am.Balance(e.self, stake).IsZero() {
		t.Fatalf("treasury %s stake, vault %s uasset", e.am.Balance(e.treas, stake), e.am.Balance(e.self, asset))
	}
	e.advance(3600)
	_, err := e.exec(keeper, `{"harvest":{}}`)
	expectErr(t, err, "nothing to harvest")
	// 13,500 returned + 1,890 = 15,390 for 14,000 holders' shares: alice floor(9,000 · 15,390/14,000)
	// = 9,893, bob the rest 5,497.
	e.completeDelisting(done)
	e.exitPays(alice, 9_893, 0)
	e.exitPays(bob, 5_497, 0)
	if !e.am.Balance(e.self, asset).IsZero() {
		t.Fatalf("left %s", e.am.Balance(e.self, asset))
	}
}

// Many holders exit in random order: together they get exactly what the chain returned, the last
// empties the vault, and each gets its part of the total to within the dust of the exits before.
func TestDelistManyHoldersExitInRandomOrder(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		r := rand.New(rand.NewSource(seed))
		e := newEnv(t, "")
		n := 20 + r.Intn(20)
		holders := make([]string, n)
		for i := range holders {
			holders[i] = e.m.API.Addr("holder" + uintString(uint64(i)))
			e.mustExec(holders[i], `{"deposit":{}}`, std.NewCoin(uint64(1_001+r.Intn(1_000_000)), asset))
		}
		if err := e.am.AddRewards(e.self, valA, asset, std.NewCoin(uint64(1+r.Intn(100_000)), stake)); err != nil {
			t.Fatal(err)
		}
		e.completeDelisting(e.delist())
		total, rewards := e.am.Balance(e.self, asset), e.am.Balance(e.self, stake)
		supply, _ := totalShares.Load(e.m.Storage)
		all := supply.SaturatingSub(u(MinimumShares))
		var paid, paidStake std.Uint128
		for k, i := range r.Perm(n) {
			shares := e.shares(holders[i])
			a0, s0 := e.am.Balance(holders[i], asset), e.am.Balance(holders[i], stake)
			e.mustExit(holders[i])
			got, gotStake := e.am.Balance(holders[i], asset).SaturatingSub(a0), e.am.Balance(holders[i], stake).SaturatingSub(s0)
			paid, paidStake = paid.SaturatingAdd(got), paidStake.SaturatingAdd(gotStake)
			// Its part of the total, floor(shares · total / all), plus at most one unit per earlier exit.
			for _, c := range []struct{ got, of std.Uint128 }{{got, total}, {gotStake, rewards}} {
				fair, _ := shares.MulDivFloor(c.of, all)
				if c.got.Lt(fair) || c.got.Gt(fair.SaturatingAdd(u(uint64(k)))) {
					t.Fatalf("seed %d: exit %d of %s shares paid %s, fair %s", seed, k, shares, c.got, fair)
				}
			}
		}
		if paid != total || paidStake != rewards || !e.am.Balance(e.self, asset).IsZero() || !e.am.Balance(e.self, stake).IsZero() {
			t.Fatalf("seed %d: paid %s of %s, %s of %s stake", seed, paid, total, paidStake, rewards)
		}
	}
}

// The chain's wind-down walks the delegations in bounded batches: a delegation it has not reached
// is still stake, and exit waits for it even after the completion time.
func TestExitWaitsForTheWholeWindDown(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.m.API.Addr("alice"), e.m.API.Addr("bob")
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset)) // val-a
	e.mustExec(bob, `{"deposit":{}}`, std.NewCoin(5_000, asset))    // val-b
	if err := e.am.Delist(asset); err != nil {
		t.Fatal(err)
	}
	done := *e.am.Alliances[asset].DelistCompletionTime
	if left, err := e.am.WindDown(asset, 1); err != nil || left != 1 { // val-a only
		t.Fatalf("wind-down: %d left, %v", left, err)
	}
	e.m.Env.Block.Time = std.Timestamp(done)
	e.am.MatureUnbondings() // pays val-a's 10,000; the asset stays listed: a delegation is left
	e.failOwn(alice, `{"exit":{}}`, "stake of 5000 the chain has not returned all of the vault's asset yet", e.shareCoin(alice))
	e.expect(`{"position":{"address":"`+alice+`"}}`, `{"shares":"9000","value":"9642","claims":[]}`) // floor(9,000 · 15,000/14,000)
	if left, err := e.am.WindDown(asset, 1); err != nil || left != 0 {
		t.Fatalf("wind-down: %d left, %v", left, err)
	}
	e.failOwn(alice, `{"exit":{}}`, "unbonding of 5000 the chain has not returned all", e.shareCoin(alice))
	e.completeDelisting(done)
	// 15,000 for 14,000 holders' shares: 9,642 and the rest, 5,358.
	e.exitPays(alice, 9_642, 0)
	e.exitPays(bob, 5_358, 0)
}

// A vault instantiated before its asset is listed refuses deposits with the chain's answer, and
// takes them once the asset is listed.
func TestDepositWaitsForTheListing(t *testing.T) {
	e := newEnv(t, "")
	alice := e.m.API.Addr("alice")
	listed := e.am.Alliances[asset]
	delete(e.am.Alliances, asset)
	e.app.Fail(alice, `{"deposit":{}}`, `alliance query: querier contract error: no alliance for denom "uasset"`, std.NewCoin(10_000, asset))
	e.am.Alliances[asset] = listed
	e.mustExec(alice, `{"deposit":{}}`, std.NewCoin(10_000, asset))
	e.expect(`{"balance":{"address":"`+alice+`"}}`, `{"balance":"9000"}`)
}
