package main

import (
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// FuzzDepositUnbondRoundTrip drives the share math end to end on the mocks: a first holder, then
// asset-denom rewards pending on the chain, a donation, a take-rate loss and a second deposit of
// any size; the second depositor unbonds everything at once and withdraws after the unbonding
// time. It can never get back more than it put in (every rounding favours the holders), and the
// contract always holds what it owes.
func FuzzDepositUnbondRoundTrip(f *testing.F) {
	f.Add(uint64(100_000), uint64(10_000), uint64(0), uint64(0), uint64(100_000))
	f.Add(uint64(10_000), uint64(0), uint64(1_000_000), uint64(9_000), uint64(97))
	f.Add(uint64(1<<40), uint64(1<<30), uint64(7), uint64(1<<39), uint64(1<<50))
	f.Fuzz(func(t *testing.T, first, reward, donation, loss, amount uint64) {
		first = 10_000 + first%(1<<50)
		reward, donation, amount = reward%(1<<50), donation%(1<<50), 1+amount%(1<<50)
		loss %= first
		e := newEnv(t, `{"name":"Staked Asset","symbol":"stASSET","decimals":6,"asset_denom":"uasset","validators":["`+val1+`"]}`)
		alice, bob := e.addr("alice"), e.addr("bob")
		e.exec(alice, `{"deposit":{}}`, coin(first, asset))
		if reward > 0 {
			if err := e.am.AddRewards(e.self, val1, asset, coin(reward, asset)); err != nil {
				t.Fatal(err)
			}
		}
		e.am.Fund(e.self, coin(donation, asset))
		if loss > 0 {
			if err := e.am.TakeRate(e.self, val1, asset, u(loss)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.am.Execute(bob, []byte(`{"deposit":{}}`), coin(amount, asset)); err != nil {
			return // refused (too small to mint a share): bob keeps his funds
		}
		shares := e.holderBalance(bob)
		if _, err := e.am.Execute(bob, []byte(`{"unbond":{"amount":"`+shares.String()+`"}}`)); err != nil {
			return // worth zero: refused, nothing moved
		}
		e.h.Env.Block.Time += std.Timestamp(4 * day)
		e.exec(alice, `{"process_unbonds":{}}`)
		e.h.Env.Block.Time += std.Timestamp(22 * day)
		e.am.MatureUnbondings()
		e.h.Env.Block.Time += 5_000_000_000
		e.exec(bob, `{"withdraw":{}}`)
		if got := e.am.Balance(bob, asset); got.Gt(u(amount)) {
			t.Fatalf("deposited %d, got back %s (first %d reward %d donation %d loss %d)", amount, got, first, reward, donation, loss)
		}
		rs, _ := rewards.Load(e.h.Storage)
		if e.am.Balance(e.self, asset).Lt(rs.Owed.SaturatingAdd(rs.Surplus)) {
			t.Fatalf("owed %s + surplus %s above the balance %s", rs.Owed, rs.Surplus, e.am.Balance(e.self, asset))
		}
	})
}

func (e *tenv) holderBalance(addr string) std.Uint128 {
	h, err := loadHolder(e.h.Deps(), addr)
	if err != nil {
		e.t.Fatal(err)
	}
	return h.Balance
}
