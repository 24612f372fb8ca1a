package main

import (
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
)

// TestGreeter runs the README's contract on the test app: each Exec is one transaction as on
// chain (funds sent first, the bank send of a tip run, then its reply).
func TestGreeter(t *testing.T) {
	app := stdtest.New(t, nil, nil)
	alice, bob := app.Addr("alice"), app.Addr("bob")
	app.Instantiate(alice, `{"greeting":"hello"}`)
	app.Exec(alice, `{"greet":{}}`)
	app.Exec(bob, `{"greet":{}}`)

	// alice tips bob 40 of the 100 she holds (Exec mints the 40 it sends to her first): bob has 40, she 60, the contract passed it all on,
	// and reply added the payload's 40 to tipped.
	app.Fund(alice, std.NewCoin(60, "ustake"))
	app.Exec(alice, `{"tip":{"to":"`+bob+`"}}`, std.NewCoin(40, "ustake"))
	for who, want := range map[string]uint64{alice: 60, bob: 40, app.Contract: 0} {
		if got := app.Balance(who, "ustake"); got != std.NewUint128(want) {
			t.Errorf("%s holds %s ustake, want %d", who, got, want)
		}
	}
	app.ExpectQuery(`{"greeting":{}}`, `{"greeting":"hello","greets":2,"tipped":"40"}`)

	// Refused: nothing stored, no balance moved.
	app.Fail(alice, `{"tip":{"to":"`+bob+`"}}`, ErrNoTip.Error())
	app.Fail(alice, `{"tip":{"to":"nobody"}}`, ErrInvalidTo.Error(), std.NewCoin(1, "ustake"))
	app.Fail(alice, `{"greet":{},"tip":{"to":"`+bob+`"}}`, "expected exactly one enum variant")
	app.Fail(alice, `{"tip":{}}`, `missing field "to"`, std.NewCoin(1, "ustake"))
}
