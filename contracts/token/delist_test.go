package main

import (
	"math/rand"
	"strconv"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// Governance delists the asset while the token holds stake (issue 14): the chain undelegates the
// contract's delegations into entries completing at the delist_completion_time, pays their
// rewards, refuses new stake and removes the asset once the entries are paid. Every holder then
// gets its part out with one exit.

const oneValidator = `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["` + val1 + `"]}`

// delist is governance delisting the asset and the chain's first wind-down block reaching every
// delegation; it returns the completion time.
func (e *tenv) delist() uint64 {
	e.t.Helper()
	if err := e.am.Delist(asset); err != nil {
		e.t.Fatal(err)
	}
	if left, err := e.am.WindDown(asset, 50); err != nil || left != 0 {
		e.t.Fatalf("wind-down: %d left, %v", left, err)
	}
	return *e.am.Alliances[asset].DelistCompletionTime
}

// at sets the block time and runs the chain's end of block of the one before (entries paid, a
// finished delisting removed).
func (e *tenv) at(ns uint64) {
	e.h.Env.Block.Time = std.Timestamp(ns)
	e.am.MatureUnbondings()
}

func (e *tenv) state() RewardState {
	e.t.Helper()
	rs, err := rewards.Load(e.h.Storage)
	if err != nil {
		e.t.Fatal(err)
	}
	return rs
}

// TestDelistedHoldersExitWithTheirPartAndRewards: alice (999,000 shares) and bob (500,000) hold
// 1,500,000 staked on one validator with 3,000 of rewards pending when governance delists the
// asset. Deposits and unbonds are refused (by the chain's code 63 before the wind-down reaches
// the contract, by the contract after), transfers still work, and after the completion the three
// holders exit in turn: the 1,500,000 returned is shared by the 1,499,000 shares holders own (the
// 1,000 locked shares take nothing), the last takes what is left, and the rewards go by the index.
func TestDelistedHoldersExitWithTheirPartAndRewards(t *testing.T) {
	e := newEnv(t, oneValidator)
	alice, bob, carol, keeper := e.addr("alice"), e.addr("bob"), e.addr("carol"), e.addr("keeper")
	e.exec(alice, `{"deposit":{}}`, coin(1_000_000, asset))
	e.exec(bob, `{"deposit":{}}`, coin(500_000, asset)) // 500,000 × 1,000,000 / 1,000,000
	if err := e.am.AddRewards(e.self, val1, asset, coin(3000, stake)); err != nil {
		t.Fatal(err)
	}
	if err := e.am.Delist(asset); err != nil {
		t.Fatal(err)
	}
	e.fail(bob, `{"deposit":{}}`, "being delisted", coin(1000, asset)) // the chain's refusal, code 63
	if _, err := e.am.WindDown(asset, 50); err != nil {
		t.Fatal(err)
	}
	completion := *e.am.Alliances[asset].DelistCompletionTime
	c := strconv.FormatUint(completion, 10)
	if e.bank(e.self, stake) != 3000 || e.delegation(val1) != 0 {
		t.Fatalf("wind-down: rewards paid %d, still delegated %d", e.bank(e.self, stake), e.delegation(val1))
	}
	e.fail(bob, `{"deposit":{}}`, "delisted by governance", coin(1000, asset))
	e.fail(alice, `{"unbond":{"amount":"10"}}`, "delisted by governance")
	e.fail(alice, `{"process_unbonds":{}}`, "delisted by governance")
	e.fail(alice, `{"exit":{}}`, "returns the delisted asset's stake at "+c)
	// Anyone's harvest records the delisting: the wind-down's entry holds 1,500,000, and the 3,000
	// paid are booked: index step floor(3,000 / 1,499,000 at 18 places) = 0.002001334222815210,
	// reserve ceil(1,499,000 × step) = 3,000.
	expectAttrs(t, e.exec(keeper, `{"harvest":{}}`), map[string]string{"restaked": "0", "reward_index": "0.00200133422281521"})
	if rs := e.state(); rs.Delisted != completion || rs.Wind != u(1_500_000) || rs.Reserved != u(3000) || rs.Final {
		t.Fatalf("after harvest: delisted %d wind %s reserved %s final %v", rs.Delisted, rs.Wind, rs.Reserved, rs.Final)
	}
	e.exec(alice, `{"transfer":{"recipient":"`+carol+`","amount":"99000"}}`) // shares still move
	e.expectQuery(`{"state":{}}`, `{"total_staked":"0","total_supply":"1500000","exchange_rate":"0","reward_index":"0.00200133422281521",`+
		`"reserved_rewards":"3000","queued_shares":"0","stakes":[{"validator":"`+val1+`","amount":"0"}],"delist_completion_time":"`+c+`","exit_pot":"0"}`)

	// In the completion's block the entry is due but not yet paid: exit waits for the next block.
	e.h.Env.Block.Time = std.Timestamp(completion)
	e.fail(alice, `{"exit":{}}`, "not received yet")
	e.at(completion + 5_000_000_000)
	if _, listed := e.am.Alliances[asset]; listed || e.bank(e.self, asset) != 1_500_000 {
		t.Fatalf("after the completion: listed %v, the contract holds %d", listed, e.bank(e.self, asset))
	}
	// alice: floor(900,000 × 1,500,000 / 1,499,000) = floor(900,600.40) = 900,600, and her
	// rewards floor(999,000 × 0.002001334222815210) = 1,999 (booked before her transfer).
	expectAttrs(t, e.exec(alice, `{"exit":{}}`), map[string]string{"shares": "900000", "amount": "900600", "rewards": "1999", "pot_left": "599400"})
	// carol: floor(99,000 × 599,400 / 599,000) = floor(99,066.11) = 99,066; no rewards (she
	// received her shares after the booking).
	expectAttrs(t, e.exec(carol, `{"exit":{}}`), map[string]string{"shares": "99000", "amount": "99066", "rewards": "0", "pot_left": "500334"})
	// bob, the last holder: all that is left, 500,334; rewards floor(500,000 × step) = 1,000.
	expectAttrs(t, e.exec(bob, `{"exit":{}}`), map[string]string{"shares": "500000", "amount": "500334", "rewards": "1000", "pot_left": "0"})
	e.fail(bob, `{"exit":{}}`, "no shares to exit with")
	// (bob also kept the 2 × 1,000 of his refused deposits)
	if e.bank(alice, asset) != 900_600 || e.bank(carol, asset) != 99_066 || e.bank(bob, asset) != 502_334 || e.bank(e.self, asset) != 0 {
		t.Fatalf("paid alice %d carol %d bob %d, left %d", e.bank(alice, asset), e.bank(carol, asset), e.bank(bob, asset), e.bank(e.self, asset))
	}
	if e.bank(alice, stake) != 1999 || e.bank(bob, stake) != 1000 {
		t.Fatalf("rewards alice %d bob %d", e.bank(alice, stake), e.bank(bob, stake))
	}
	// Only the locked shares remain; transfers of nothing and queries still answer without the asset.
	e.expectQuery(`{"token_info":{}}`, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"total_supply":"1000"}`)
	e.fail(alice, `{"deposit":{}}`, "delisted by governance", coin(1000, asset))
}

// TestDelistFirstSeenAfterRemovalStillPaysEveryone: nobody calls the token during the whole
// wind-down; months after the asset is gone the holders (one of whom has shares queued in the
// current batch, never processed) exit and share exactly what came back. A transfer after the
// removal works too (the chain no longer answers for the asset).
func TestDelistFirstSeenAfterRemovalStillPaysEveryone(t *testing.T) {
	e := newEnv(t, oneValidator)
	alice, bob, dave := e.addr("alice"), e.addr("bob"), e.addr("dave")
	e.exec(alice, `{"deposit":{}}`, coin(200_000, asset)) // 199,000 shares
	e.exec(bob, `{"deposit":{}}`, coin(100_000, asset))   // 100,000
	e.exec(bob, `{"unbond":{"amount":"40000"}}`)          // queued in batch 0
	// A take rate before the delisting: 300,000 -> 299,700.
	if err := e.am.TakeRate(e.self, val1, asset, u(300)); err != nil {
		t.Fatal(err)
	}
	completion := e.delist()
	e.at(completion + 400*day)
	e.exec(alice, `{"transfer":{"recipient":"`+dave+`","amount":"99000"}}`)
	// exit supply 300,000 − 1,000 locked = 299,000 (bob's 60,000 + 40,000 queued among them);
	// alice: floor(100,000 × 299,700 / 299,000) = floor(100,234.11) = 100,234.
	expectAttrs(t, e.exec(alice, `{"exit":{}}`), map[string]string{"shares": "100000", "amount": "100234", "pot_left": "199466"})
	// bob: his 60,000 and the 40,000 queued: floor(100,000 × 199,466 / 199,000) = 100,234.
	expectAttrs(t, e.exec(bob, `{"exit":{}}`), map[string]string{"shares": "100000", "amount": "100234", "pot_left": "99232"})
	expectAttrs(t, e.exec(dave, `{"exit":{}}`), map[string]string{"shares": "99000", "amount": "99232", "pot_left": "0"})
	if rs := e.state(); !rs.Queued.IsZero() || rs.BatchClaims != 0 || !rs.Final || e.bank(e.self, asset) != 0 {
		t.Fatalf("left: queued %s claims %d final %v, asset %d", rs.Queued, rs.BatchClaims, rs.Final, e.bank(e.self, asset))
	}
	e.expectQuery(`{"claims":{"address":"`+bob+`"}}`, `{"claims":[]}`)
}

// TestDelistWithSlashedPendingBatch: carol's batch 0 (100,000) is unbonding and erin has 50,000
// shares queued in batch 1 when a 10 % slash hits the validator (stake 1,100,000 -> 990,000,
// carol's entry 100,000 -> 90,000) and then governance delists the asset. A harvest during the
// wind-down sees the chain's entry (990,000) and carol's (90,000). Whether carol withdraws before
// the completion time or only after it (her batch then settles together with the wind-down),
// she gets exactly what her entry returned and the holders exactly the 990,000 of theirs: the
// slash of each is its own.
func TestDelistWithSlashedPendingBatch(t *testing.T) {
	for _, early := range []bool{true, false} {
		t.Run("withdraw_before_completion="+strconv.FormatBool(early), func(t *testing.T) {
			e := newEnv(t, oneValidator)
			alice, carol, erin, keeper := e.addr("alice"), e.addr("carol"), e.addr("erin"), e.addr("keeper")
			t0 := uint64(e.h.Env.Block.Time)
			e.exec(alice, `{"deposit":{}}`, coin(1_000_000, asset)) // 999,000 shares + 1,000 locked
			e.exec(carol, `{"deposit":{}}`, coin(100_000, asset))   // 100,000
			e.exec(erin, `{"deposit":{}}`, coin(100_000, asset))    // 100,000
			e.exec(carol, `{"unbond":{"amount":"100000"}}`)
			e.at(t0 + 4*day)
			// floor(100,000 × 1,200,000 / 1,200,000), completing on day 25
			expectAttrs(t, e.exec(keeper, `{"process_unbonds":{}}`), map[string]string{"amount": "100000"})
			e.exec(erin, `{"unbond":{"amount":"50000"}}`)
			e.at(t0 + 4*day + day/2)
			ten, _ := std.DecimalPercent(10)
			if err := e.am.Slash(val1, ten); err != nil {
				t.Fatal(err)
			}
			e.at(t0 + 5*day)
			completion := e.delist() // day 26
			e.exec(keeper, `{"harvest":{}}`)
			rs := e.state()
			b, _ := batches.Load(e.h.Storage, 0)
			if rs.Wind != u(990_000) || !b.Seen || b.Listed != u(90_000) {
				t.Fatalf("seen: wind %s, batch 0 seen %v listed %s", rs.Wind, b.Seen, b.Listed)
			}
			if early {
				e.at(t0 + 25*day + 5_000_000_000)
				expectAttrs(t, e.exec(carol, `{"withdraw":{}}`), map[string]string{"amount": "90000"})
			}
			e.at(completion + 5_000_000_000)
			// exit supply: 1,050,000 circulating − 1,000 locked + 50,000 queued = 1,099,000;
			// alice floor(999,000 × 990,000 / 1,099,000) = floor(899,918.11) = 899,918.
			expectAttrs(t, e.exec(alice, `{"exit":{}}`), map[string]string{"shares": "999000", "amount": "899918", "pot_left": "90082"})
			if !early {
				expectAttrs(t, e.exec(carol, `{"withdraw":{}}`), map[string]string{"amount": "90000"})
			}
			// erin: 50,000 held + 50,000 queued, the last: 90,082.
			expectAttrs(t, e.exec(erin, `{"exit":{}}`), map[string]string{"shares": "100000", "amount": "90082", "pot_left": "0"})
			if rs := e.state(); !rs.Owed.IsZero() || !rs.Unsettled.IsZero() || !rs.Pot.IsZero() || e.bank(e.self, asset) != 0 {
				t.Fatalf("left: owed %s unsettled %s pot %s, asset %d", rs.Owed, rs.Unsettled, rs.Pot, e.bank(e.self, asset))
			}
		})
	}
}

// TestManyHoldersExitInAnyOrderLeaveNoDust: 25 holders of random deposits, a take rate and
// asset-denom rewards before the delisting; after the completion they exit in a random order.
// Each is paid floor(its shares · pot / shares left) (at least its pro-rata part of the starting
// pot rounded down, at most that plus one unit per exit before it: the dust earlier exits left),
// the payouts add up to exactly what came back, and the contract keeps nothing.
func TestManyHoldersExitInAnyOrderLeaveNoDust(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		r := rand.New(rand.NewSource(seed))
		e := newEnv(t, "")
		var who []string
		for i := 0; i < 25; i++ {
			a := e.addr("holder" + strconv.Itoa(i))
			who = append(who, a)
			e.exec(a, `{"deposit":{}}`, coin(10_000+uint64(r.Int63n(1_000_000)), asset))
		}
		if err := e.am.TakeRate(e.self, val1, asset, u(uint64(r.Intn(5000)))); err != nil {
			t.Fatal(err)
		}
		if err := e.am.AddRewards(e.self, val2, asset, coin(uint64(1+r.Intn(9999)), asset)); err != nil {
			t.Fatal(err)
		}
		completion := e.delist() // pays the asset-denom rewards into the balance
		e.at(completion + 5_000_000_000)
		pot := e.bank(e.self, asset) // the stake and the rewards: all the holders'
		shares := map[string]uint64{}
		total := uint64(0)
		for _, a := range who {
			h, _ := loadHolder(e.h.Deps(), a)
			shares[a], _ = h.Balance.Uint64()
			total += shares[a]
		}
		r.Shuffle(len(who), func(i, j int) { who[i], who[j] = who[j], who[i] })
		paid := uint64(0)
		for k, a := range who {
			got, _ := strconv.ParseUint(attrs(e.exec(a, `{"exit":{}}`))["amount"], 10, 64)
			fair := shares[a] * pot / total // floor; fits in 64 bits (both below 2^26)
			if got < fair || got > fair+uint64(k) {
				t.Fatalf("seed %d: exit %d of %d shares paid %d, fair part %d", seed, k, shares[a], got, fair)
			}
			paid += got
		}
		if paid != pot || e.bank(e.self, asset) != 0 {
			t.Fatalf("seed %d: paid %d of %d, %d left", seed, paid, pot, e.bank(e.self, asset))
		}
	}
}

// TestBatchProcessedInTheDelistingBlockIsNotCountedTwice: bob's batch is processed in the very
// block governance delists the asset, so its entry (100,000) completes with the wind-down's
// (1,100,000). The harvest that sees the delisting counts the wind-down's entries as 1,200,000
// at the completion time less the batch's 100,000; after the completion bob withdraws his
// 100,000 and the holders share the 1,100,000.
func TestBatchProcessedInTheDelistingBlockIsNotCountedTwice(t *testing.T) {
	e := newEnv(t, oneValidator)
	alice, bob, keeper := e.addr("alice"), e.addr("bob"), e.addr("keeper")
	t0 := uint64(e.h.Env.Block.Time)
	e.exec(alice, `{"deposit":{}}`, coin(1_000_000, asset)) // 999,000 shares
	e.exec(bob, `{"deposit":{}}`, coin(200_000, asset))     // 200,000
	e.exec(bob, `{"unbond":{"amount":"100000"}}`)
	e.at(t0 + 4*day)
	expectAttrs(t, e.exec(keeper, `{"process_unbonds":{}}`), map[string]string{"amount": "100000"})
	completion := e.delist()
	if b, _ := batches.Load(e.h.Storage, 0); b.Completion != completion {
		t.Fatalf("batch 0 completes at %d, the wind-down at %d", b.Completion, completion)
	}
	e.exec(keeper, `{"harvest":{}}`)
	if rs := e.state(); rs.Wind != u(1_100_000) {
		t.Fatalf("wind %s", rs.Wind)
	}
	e.at(completion + 5_000_000_000)
	// floor(999,000 × 1,100,000 / 1,099,000) = floor(999,909.01)
	expectAttrs(t, e.exec(alice, `{"exit":{}}`), map[string]string{"amount": "999909", "pot_left": "100091"})
	expectAttrs(t, e.exec(bob, `{"withdraw":{}}`), map[string]string{"amount": "100000"})
	expectAttrs(t, e.exec(bob, `{"exit":{}}`), map[string]string{"shares": "100000", "amount": "100091", "pot_left": "0"})
	if e.bank(e.self, asset) != 0 {
		t.Fatalf("%d left", e.bank(e.self, asset))
	}
}

// TestListedRecordsKeepTheirFormat: a listed token's reward state and batches are stored as
// before the delisting fields existed (so stored instances read as listed), and the long forms
// are only a delisting's.
func TestListedRecordsKeepTheirFormat(t *testing.T) {
	listed, _ := RewardState{Supply: u(5), Batch: 2, Own: u(1000)}.MarshalJSON()
	batch, _ := Batch{Shares: u(3), Claims: 1, Undelegated: u(3), Completion: 9}.MarshalJSON()
	if countCompact(listed) != rewardStateFields || countCompact(batch) != batchFields {
		t.Fatalf("listed records hold %d and %d values", countCompact(listed), countCompact(batch))
	}
	var rs RewardState
	if err := rs.UnmarshalJSON(listed); err != nil || rs.delisted() || rs.Own != u(1000) {
		t.Fatalf("listed record read as %+v, %v", rs, err)
	}
	long, _ := RewardState{Delisted: 7, Wind: u(2), Final: true, Pot: u(4)}.MarshalJSON()
	if err := rs.UnmarshalJSON(long); err != nil || rs.Delisted != 7 || rs.Wind != u(2) || !rs.Final || rs.Pot != u(4) {
		t.Fatalf("delisted record read as %+v, %v", rs, err)
	}
	if err := rs.UnmarshalJSON(appendCompact(listed, u(0), u(0), u(0), u(0))); err != ErrBadRecord {
		t.Fatalf("long form without a delisting: %v", err)
	}
	var b Batch
	if err := b.UnmarshalJSON(appendCompact(batch, u(0), u(5))); err != ErrBadRecord {
		t.Fatalf("long batch not seen: %v", err)
	}
	if err := b.UnmarshalJSON(appendCompact(batch, u(1), u(5))); err != nil || !b.Seen || b.Listed != u(5) {
		t.Fatalf("seen batch read as %+v, %v", b, err)
	}
}

// TestDelistNeverSeenPaysBatchesWhatTheyUndelegatedFirst: as TestDelistWithSlashedPendingBatch,
// but nobody calls the token between the delisting and the asset's removal, so it never saw what
// the entries held: carol's batch (100,000 undelegated, its entry slashed to 90,000) settles
// together with the wind-down (990,000) and is paid what it undelegated, 100,000, the holders
// sharing the other 980,000 (README.md "Delisting": the slash of the batch falls on them).
func TestDelistNeverSeenPaysBatchesWhatTheyUndelegatedFirst(t *testing.T) {
	e := newEnv(t, oneValidator)
	alice, carol, erin, keeper := e.addr("alice"), e.addr("carol"), e.addr("erin"), e.addr("keeper")
	t0 := uint64(e.h.Env.Block.Time)
	e.exec(alice, `{"deposit":{}}`, coin(1_000_000, asset))
	e.exec(carol, `{"deposit":{}}`, coin(100_000, asset))
	e.exec(erin, `{"deposit":{}}`, coin(100_000, asset))
	e.exec(carol, `{"unbond":{"amount":"100000"}}`)
	e.at(t0 + 4*day)
	e.exec(keeper, `{"process_unbonds":{}}`)
	e.exec(erin, `{"unbond":{"amount":"50000"}}`)
	ten, _ := std.DecimalPercent(10)
	if err := e.am.Slash(val1, ten); err != nil {
		t.Fatal(err)
	}
	e.at(t0 + 5*day)
	completion := e.delist()
	e.at(completion + 5_000_000_000)
	// floor(999,000 × 980,000 / 1,099,000) = floor(890,828.03)
	expectAttrs(t, e.exec(alice, `{"exit":{}}`), map[string]string{"amount": "890828", "pot_left": "89172"})
	expectAttrs(t, e.exec(carol, `{"withdraw":{}}`), map[string]string{"amount": "100000"})
	expectAttrs(t, e.exec(erin, `{"exit":{}}`), map[string]string{"shares": "100000", "amount": "89172", "pot_left": "0"})
	if e.bank(e.self, asset) != 0 {
		t.Fatalf("%d left", e.bank(e.self, asset))
	}
}
