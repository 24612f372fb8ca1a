package main

import (
	"reflect"
	"testing"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

// shareInstantiate is a valid instantiation (no routes: no pair needed) with the share given.
func shareInstantiate(app *stdtest.App, share string) string {
	return `{"asset_denom":"uasset","validators":["val-a"],"routes":[],"fee_bps":0,"fee_recipient":"` + app.Addr("treasury") +
		`","harvest_interval":0,"max_spread":"0","twap_window":1,"share":` + share + `}`
}

// TestShareDenomCreatedAtInstantiate: the share is factory/{contract}/{symbol} with its bank
// metadata, the creation fee is paid from the instantiation's funds.
func TestShareDenomCreatedAtInstantiate(t *testing.T) {
	e := newEnv(t, "")
	if admin, ok := e.tf.Admin(e.share); !ok || admin != e.self {
		t.Fatalf("share denom %s: admin %q, exists %v", e.share, admin, ok)
	}
	md, _ := e.tf.Metadata(e.share)
	want := bt.DenomMetadata{Description: "compounder shares of uasset", Display: "cuasset", Name: "cuasset", Symbol: "cuasset",
		DenomUnits: []bt.DenomUnit{{Denom: e.share}, {Denom: "cuasset", Exponent: 6}}}
	if !reflect.DeepEqual(md, want) {
		t.Fatalf("metadata %+v", md)
	}
	// The owner sent exactly the fee (10,000,000 stake): all of it went to the community pool.
	if e.am.Balance(tokenfactory.CommunityPool, stake) != u(10_000_000) || !e.am.Balance(e.owner, stake).IsZero() ||
		!e.am.Balance(e.self, stake).IsZero() {
		t.Fatal("creation fee")
	}
	e.expect(`{"balance":{"address":"`+e.owner+`"}}`, `{"balance":"0"}`)
}

func TestShareCreationFeeRefundsAndRefusals(t *testing.T) {
	newApp := func() (*stdtest.App, *tokenfactory.Mock) {
		app := stdtest.New(t, []string{asset}, []string{valA})
		return app, app.Chain.AddTokenFactory()
	}
	// Funds beyond the fee come back to the instantiator: 12,000,000 stake and 5 uasset sent,
	// 10,000,000 stake taken, 2,000,000 stake + 5 uasset refunded. A name and no decimals: one
	// unit, the base, displayed.
	app, tf := newApp()
	owner := app.Addr("owner")
	app.Instantiate(owner, shareInstantiate(app, `{"symbol":"cUA","name":"Compounded uasset","decimals":0}`),
		std.NewCoin(12_000_000, stake), std.NewCoin(5, asset))
	denom := tokenfactory.FullDenom(app.Contract, "cUA")
	if app.Balance(owner, stake) != u(2_000_000) || app.Balance(owner, asset) != u(5) || app.Balance(tokenfactory.CommunityPool, stake) != u(10_000_000) ||
		!app.Balance(app.Contract, stake).IsZero() || !app.Balance(app.Contract, asset).IsZero() {
		t.Fatalf("refund: owner %s stake %s uasset", app.Balance(owner, stake), app.Balance(owner, asset))
	}
	md, _ := tf.Metadata(denom)
	if want := (bt.DenomMetadata{Description: "compounder shares of uasset", Display: denom, Name: "Compounded uasset", Symbol: "cUA",
		DenomUnits: []bt.DenomUnit{{Denom: denom}}}); !reflect.DeepEqual(md, want) {
		t.Fatalf("metadata %+v", md)
	}

	// One unit short of the fee: refused by name before anything is created, nothing paid.
	app, tf = newApp()
	_, err := app.Host.Instantiate(std.Info(owner, std.NewCoin(9_999_999, stake)), []byte(shareInstantiate(app, `{"symbol":"cuasset","decimals":6}`)))
	expectErr(t, err, "instantiate must send the token factory's denom creation fee: 10000000stake (sent 9999999stake)")
	_, err = app.Host.Instantiate(std.Info(owner, std.NewCoin(10_000_000, asset)), []byte(shareInstantiate(app, `{"symbol":"cuasset","decimals":6}`)))
	expectErr(t, err, "creation fee: 10000000stake (sent 0stake)")
	if _, ok := tf.Admin(tokenfactory.FullDenom(app.Contract, "cuasset")); ok || !tf.Supply(stake).IsZero() {
		t.Fatal("a refused instantiation created the denom or moved coins")
	}

	// A zero fee (governance set none) needs no funds; funds sent then all come back.
	app, tf = newApp()
	tf.Params.DenomCreationFee = nil
	app.Instantiate(owner, shareInstantiate(app, `{"symbol":"cuasset","decimals":6}`))
	if _, ok := tf.Admin(tokenfactory.FullDenom(app.Contract, "cuasset")); !ok {
		t.Fatal("no denom with a zero fee")
	}
	app, tf = newApp()
	tf.Params.DenomCreationFee = nil
	app.Instantiate(owner, shareInstantiate(app, `{"symbol":"cuasset","decimals":6}`), std.NewCoin(7, stake))
	if app.Balance(owner, stake) != u(7) || !app.Balance(app.Contract, stake).IsZero() {
		t.Fatalf("zero fee: owner got back %s stake", app.Balance(owner, stake))
	}
}
