package main

import (
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
)

// The pair on the contracts' test app (contracts/std/stdtest): every call is one transaction as
// on chain (the funds move to the pair, the pair runs, its bank sends run), reverted whole on
// error, so the tests check what users receive, not only the messages the pair returns.

const (
	asset = "uasset"
	stake = "stake"
	// nativePair is the uasset/stake pool with a 30 bps fee most tests use.
	nativePair = `{"asset_infos":[{"native_token":{"denom":"uasset"}},{"native_token":{"denom":"stake"}}],"fee_bps":30}`
)

func asJSON(denom, amount string) string {
	return `{"info":{"native_token":{"denom":"` + denom + `"}},"amount":"` + amount + `"}`
}

func coin(amount uint64, denom string) std.Coin { return std.NewCoin(amount, denom) }

// newPair instantiates the pair with msg on a fresh test app.
func newPair(t *testing.T, msg string) *stdtest.App {
	t.Helper()
	app := stdtest.New(t, nil, nil)
	app.Instantiate(app.Addr("creator"), msg)
	return app
}

// setup is the uasset/stake pair after alice's first provision of 1,000,000 uasset and
// 4,000,000 stake: sqrt(4e12) = 2,000,000 shares, 1,000 of them locked, nothing refunded.
func setup(t *testing.T) (*stdtest.App, string) {
	t.Helper()
	app := newPair(t, nativePair)
	alice := app.Addr("alice")
	res := app.Exec(alice, `{"provide_liquidity":{"assets":[`+asJSON(asset, "1000000")+`,`+asJSON(stake, "4000000")+`]}}`,
		coin(1_000_000, asset), coin(4_000_000, stake))
	stdtest.ExpectAttrs(t, res, map[string]string{"share": "1999000"})
	expectBalances(t, app, alice, "0", "0")
	expectBalances(t, app, app.Contract, "1000000", "4000000")
	return app, alice
}

// expectBalances asserts addr's bank balances of uasset and stake.
func expectBalances(t *testing.T, app *stdtest.App, addr, uasset, ustake string) {
	t.Helper()
	if a, s := app.Balance(addr, asset).String(), app.Balance(addr, stake).String(); a != uasset || s != ustake {
		t.Fatalf("%s holds %s uasset, %s stake; want %s, %s", addr, a, s, uasset, ustake)
	}
}

// expectPool asserts the pool query: both reserves and the total share.
func expectPool(t *testing.T, app *stdtest.App, uasset, ustake, total string) {
	t.Helper()
	app.ExpectQuery(`{"pool":{}}`, `{"assets":[`+asJSON(asset, uasset)+`,`+asJSON(stake, ustake)+`],"total_share":"`+total+`"}`)
}

func attr(t *testing.T, app *stdtest.App, sender, msg, key string, funds ...std.Coin) string {
	t.Helper()
	return stdtest.Attrs(app.Exec(sender, msg, funds...))[key]
}
