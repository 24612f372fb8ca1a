package main

import (
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// Configured validators that leave the chain's active set (audit issue 13, finding 12): deposits
// and harvests keep working when a configured validator is removed or jailed, and the owner can
// still move the stake away.

// TestRemovedValidatorIsSkippedByDepositsAndHarvest: val2, the least staked, is removed from
// x/staking (it would refuse the delegation): the deposit goes to val1 instead, the harvest
// restakes on val1, transfers and the owner's update_validators (which redelegates val2's 5,000
// to val3) still work.
func TestRemovedValidatorIsSkippedByDepositsAndHarvest(t *testing.T) {
	e := newEnv(t, "") // val1, val2
	alice, bob, carol := e.addr("alice"), e.addr("bob"), e.addr("carol")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	e.exec(bob, `{"deposit":{}}`, coin(5_000, asset))    // val2
	e.am.RemoveValidator(val2)
	expectAttrs(t, e.exec(carol, `{"deposit":{}}`, coin(1_000, asset)), map[string]string{"validator": val1})
	e.am.Fund(e.self, coin(300, asset)) // a donation for the harvest to restake
	expectAttrs(t, e.exec(carol, `{"harvest":{}}`), map[string]string{"restaked": "300", "validator": val1})
	if e.delegation(val1) != 11_300 || e.delegation(val2) != 5_000 {
		t.Fatalf("stakes %d %d", e.delegation(val1), e.delegation(val2))
	}
	e.exec(bob, `{"transfer":{"recipient":"`+carol+`","amount":"1000"}}`)
	e.exec(e.owner, `{"update_validators":{"validators":["`+val1+`","`+val3+`"]}}`)
	if e.delegation(val1) != 11_300 || e.delegation(val2) != 0 || e.delegation(val3) != 5_000 {
		t.Fatalf("after update: %d %d %d", e.delegation(val1), e.delegation(val2), e.delegation(val3))
	}
	// With every configured validator removed, a deposit is refused with the remedy.
	e.am.RemoveValidator(val1)
	e.am.RemoveValidator(val3)
	e.fail(carol, `{"deposit":{}}`, "the owner must update_validators", coin(1_000, asset))
}

// TestJailedValidatorIsSkippedByHarvest: val2 (least staked) is jailed: the harvest restakes on
// val1, which earns. With every configured validator jailed the harvest still books and claims,
// and keeps the asset (as surplus) for a later harvest.
func TestJailedValidatorIsSkippedByHarvest(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	e.exec(bob, `{"deposit":{}}`, coin(5_000, asset))    // val2
	e.am.Jail(val2)
	if err := e.am.AddRewards(e.self, val1, asset, coin(200, asset)); err != nil {
		t.Fatal(err)
	}
	expectAttrs(t, e.exec(bob, `{"harvest":{}}`), map[string]string{"restaked": "200", "validator": val1})
	if e.delegation(val1) != 10_200 || e.delegation(val2) != 5_000 {
		t.Fatalf("stakes %d %d", e.delegation(val1), e.delegation(val2))
	}
	if err := e.am.AddRewards(e.self, val1, asset, coin(100, asset)); err != nil { // earned before the jailing
		t.Fatal(err)
	}
	e.am.Jail(val1)
	res := e.exec(bob, `{"harvest":{}}`)
	expectAttrs(t, res, map[string]string{"restaked": "0"})
	rs, _ := rewards.Load(e.h.Storage)
	if rs.Surplus != u(100) || e.bank(e.self, asset) != 100 {
		t.Fatalf("surplus %s, held %d", rs.Surplus, e.bank(e.self, asset))
	}
	e.am.Unjail(val2)
	expectAttrs(t, e.exec(bob, `{"harvest":{}}`), map[string]string{"restaked": "100", "validator": val2})
}

// TestJailedValidatorIsSkippedByDeposits (issue 13 finding 3): val2, the least staked, is jailed:
// x/alliance would take the delegation but it would earn nothing, so deposits go to val1 (the
// least staked of the bonded ones) while it is jailed, and back to val2 once it is unjailed. With
// every configured validator jailed the deposit is refused (and nothing moves).
func TestJailedValidatorIsSkippedByDeposits(t *testing.T) {
	e := newEnv(t, "") // val1, val2
	alice, bob, carol := e.addr("alice"), e.addr("bob"), e.addr("carol")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	e.exec(bob, `{"deposit":{}}`, coin(5_000, asset))    // val2
	e.am.Jail(val2)
	// No take rate or reward: 1 share per token, 1,000 shares for 1,000.
	expectAttrs(t, e.exec(carol, `{"deposit":{}}`, coin(1_000, asset)), map[string]string{"validator": val1})
	expectAttrs(t, e.exec(carol, `{"deposit":{}}`, coin(1_000, asset)), map[string]string{"validator": val1})
	if e.delegation(val1) != 12_000 || e.delegation(val2) != 5_000 {
		t.Fatalf("stakes %d %d", e.delegation(val1), e.delegation(val2))
	}
	e.am.Jail(val1)
	e.fail(carol, `{"deposit":{}}`, "no configured validator is bonded", coin(1_000, asset))
	if e.delegation(val1) != 12_000 || e.delegation(val2) != 5_000 || e.bank(e.self, asset) != 0 || e.balance(carol) != `{"balance":"2000"}` {
		t.Fatalf("a refused deposit moved funds: %d %d, contract holds %d, carol's shares %s", e.delegation(val1), e.delegation(val2), e.bank(e.self, asset), e.balance(carol))
	}
	e.am.Unjail(val2)
	expectAttrs(t, e.exec(carol, `{"deposit":{}}`, coin(1_000, asset)), map[string]string{"validator": val2})
	if e.delegation(val2) != 6_000 || e.balance(carol) != `{"balance":"3000"}` {
		t.Fatalf("val2 %d, carol's shares %s", e.delegation(val2), e.balance(carol))
	}
}

// TestFeeAddressCannotBeTheContract: the contract's own account never claims, so a fee credited
// to it would be locked for good: refused at instantiate and on update_fee.
func TestFeeAddressCannotBeTheContract(t *testing.T) {
	e := newEnv(t, "")
	e.fail(e.owner, `{"update_fee":{"fee_bps":100,"fee_address":"`+e.self+`"}}`, "fee_address must not be the token contract itself")
	if _, err := e.h.Instantiate(std.Info(e.owner), []byte(`{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"],"fee_address":"`+e.self+`"}`)); err == nil {
		t.Fatal("instantiate accepted the contract as fee_address")
	}
}

// TestUnbondEpochMustClearTheEntryCap (audit issue 13, finding 9): unbond_epoch must exceed the
// chain's unbonding time / max entries, read from the chain (the mock: 21 days = 1,814,400 s, 7
// entries: more than 259,200 s). A 1-hour epoch used to be accepted, and the 8th process_unbonds
// within 21 days then failed on the entry cap.
func TestUnbondEpochMustClearTheEntryCap(t *testing.T) {
	inst := func(e *tenv, epoch string) error {
		_, err := e.h.Instantiate(std.Info(e.owner), []byte(`{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]`+epoch+`}`))
		return err
	}
	e := newEnv(t, "")
	for _, bad := range []string{`,"unbond_epoch":3600`, `,"unbond_epoch":259200`} {
		if err := inst(e, bad); err == nil || err.Error() != "unbond_epoch must exceed the chain's unbonding time / max entries (staking_params)" {
			t.Fatalf("%s: %v", bad, err)
		}
	}
	// The default (4 days) fits 21 days; on a chain with 28 days it is 28 days / 7 + 1 s.
	e.am.SetUnbondingTime(28 * day)
	if err := inst(e, ""); err != nil {
		t.Fatal(err)
	}
	e.expectQuery(`{"config":{}}`, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","reward_denom":"stake",`+
		`"validators":["`+val1+`"],"owner":"`+e.owner+`","pending_owner":null,"fee_bps":0,"fee_address":"`+e.owner+`","min_initial_deposit":"10000","unbond_epoch":345601}`)

	// The shortest epoch allowed never meets the cap: 30 batches, one every 259,201 s, each
	// undelegating from the one validator, with the 21-day unbonding time.
	e = newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"],"unbond_epoch":259201}`)
	alice := e.addr("alice")
	e.exec(alice, `{"deposit":{}}`, coin(1_000_000, asset))
	now := uint64(e.h.Env.Block.Time)
	for i := 0; i < 30; i++ {
		e.exec(alice, `{"unbond":{"amount":"10"}}`)
		now += 259_201 * 1_000_000_000
		e.h.Env.Block.Time = std.Timestamp(now)
		e.am.MatureUnbondings()
		e.exec(alice, `{"process_unbonds":{}}`)
	}

	// After governance lengthens the unbonding time to 35 days (432,000 s per entry), the owner
	// moves the epoch: 432,000 is refused, 432,001 accepted; only the owner may.
	e.am.SetUnbondingTime(35 * day)
	e.fail(alice, `{"update_unbond_epoch":{"unbond_epoch":432001}}`, "unauthorized")
	e.fail(e.owner, `{"update_unbond_epoch":{"unbond_epoch":432000}}`, "unbond_epoch must exceed the chain's unbonding time / max entries")
	e.fail(e.owner, `{"update_unbond_epoch":{"unbond_epoch":5184001}}`, "unbond_epoch must be at most 5184000 seconds")
	expectAttrs(t, e.exec(e.owner, `{"update_unbond_epoch":{"unbond_epoch":432001}}`), map[string]string{"action": "update_unbond_epoch", "unbond_epoch": "432001"})
}

// TestValidatorWithWorthlessSharesIsSkipped: val2's pool for the asset is slashed to nothing (the
// contract's shares there are worth 0 tokens); x/alliance refuses new stake on it, and val2 has
// the least stake: the deposit goes to val1 instead (it used to fail every time, found by the
// long scenario: take rate on a small delegation).
func TestValidatorWithWorthlessSharesIsSkipped(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	e.exec(bob, `{"deposit":{}}`, coin(50, asset))       // val2
	if err := e.am.TakeRate(e.self, val2, asset, u(50)); err != nil {
		t.Fatal(err)
	}
	expectAttrs(t, e.exec(bob, `{"deposit":{}}`, coin(1_000, asset)), map[string]string{"validator": val1})
	e.am.Fund(e.self, coin(300, asset))
	expectAttrs(t, e.exec(bob, `{"harvest":{}}`), map[string]string{"restaked": "300", "validator": val1})
}

// TestUpdateValidatorsAvoidsAWorthlessDestination: val2's pool is worth nothing and has the least
// load; dropping val1 redelegates its 10,000 to val3 instead (x/alliance would refuse val2; found
// by the long scenario). Keeping only worthless validators is refused with the reason.
func TestUpdateValidatorsAvoidsAWorthlessDestination(t *testing.T) {
	e := newEnv(t, "")
	alice, bob := e.addr("alice"), e.addr("bob")
	e.exec(alice, `{"deposit":{}}`, coin(10_000, asset)) // val1
	e.exec(bob, `{"deposit":{}}`, coin(50, asset))       // val2
	if err := e.am.TakeRate(e.self, val2, asset, u(50)); err != nil {
		t.Fatal(err)
	}
	e.fail(e.owner, `{"update_validators":{"validators":["`+val2+`"]}}`, "every kept validator's stake is worth nothing")
	e.exec(e.owner, `{"update_validators":{"validators":["`+val2+`","`+val3+`"]}}`)
	if e.delegation(val1) != 0 || e.delegation(val3) != 10_000 {
		t.Fatalf("stakes %d %d", e.delegation(val1), e.delegation(val3))
	}
}
