package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
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

// creationFee is the token factory's creation fee of the mock chain (tokenfactory.NewMock's
// default, the chain's: 10,000,000 stake), which the creator sends with the instantiation.
const creationFee = 10_000_000

// newApp is a fresh test app whose chain has a token factory.
func newApp(t *testing.T) *stdtest.App {
	t.Helper()
	app := stdtest.New(t, nil, nil)
	app.Chain.AddTokenFactory()
	return app
}

// newPair instantiates the pair with msg on a fresh test app, paying the LP denom's creation fee.
func newPair(t *testing.T, msg string) *stdtest.App {
	t.Helper()
	app := newApp(t)
	app.Instantiate(app.Addr("creator"), msg, coin(creationFee, stake))
	return app
}

// lpDenom is the pair's LP share denom.
func lpDenom(app *stdtest.App) string { return tokenfactory.FullDenom(app.Contract, LPSubdenom) }

// lpCoin is amount of the pair's LP denom.
func lpCoin(app *stdtest.App, amount string) std.Coin {
	a, err := std.ParseUint128(amount)
	if err != nil {
		panic(err)
	}
	return std.Coin{Denom: lpDenom(app), Amount: a}
}

// withdrawLP sends amount of who's LP shares with msg (nil: {"withdraw_liquidity":{}}) as one
// transaction. Unlike App.Exec it mints nothing to who first: the shares must be who's.
func withdrawLP(t *testing.T, app *stdtest.App, who, amount string, msg ...string) map[string]string {
	t.Helper()
	m := `{"withdraw_liquidity":{}}`
	if len(msg) > 0 {
		m = msg[0]
	}
	res, err := app.Chain.Execute(who, []byte(m), lpCoin(app, amount))
	if err != nil {
		t.Fatalf("withdraw %s: %v", amount, err)
	}
	return stdtest.Attrs(res)
}

// failNoMint asserts that msg with funds (who's own coins, not minted for the call, unlike
// App.Fail) fails with an error containing want and changes neither the pair's storage nor any
// bank balance.
func failNoMint(t *testing.T, app *stdtest.App, who, msg, want string, funds ...std.Coin) {
	t.Helper()
	before, balances := app.Dump(), fmt.Sprint(app.Host.Querier.Balances)
	_, err := app.Chain.Execute(who, []byte(msg), funds...)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("%s: error %v, want %q", msg, err, want)
	}
	if !bytes.Equal(before, app.Dump()) || balances != fmt.Sprint(app.Host.Querier.Balances) {
		t.Fatalf("%s failed but changed the pair's storage or a balance", msg)
	}
}

// expectLP asserts addr's LP balance, the share query's answer for it, and that the LP denom's
// bank supply is the pool's total share.
func expectLP(t *testing.T, app *stdtest.App, addr, want string) {
	t.Helper()
	if got := app.Balance(addr, lpDenom(app)).String(); got != want {
		t.Fatalf("%s holds %s LP, want %s", addr, got, want)
	}
	app.ExpectQuery(`{"share":{"address":"`+addr+`"}}`, `{"shares":"`+want+`"}`)
	expectSupply(t, app)
}

// expectSupply asserts that the LP denom's bank supply is the pool's total share.
func expectSupply(t *testing.T, app *stdtest.App) {
	t.Helper()
	res, err := reserves.Load(app.Host.Storage)
	if err != nil {
		t.Fatal(err)
	}
	if s := app.Chain.TokenFactory.Supply(lpDenom(app)); s != res.TotalShare {
		t.Fatalf("LP supply %s, total share %s", s, res.TotalShare)
	}
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
	expectLP(t, app, alice, "1999000")
	expectLP(t, app, app.Contract, "1000") // the locked shares
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
