package main

import (
	"math/big"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"

	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/contracts/std"
	"github.com/alliancewasm/alliancewasm/contracts/std/stdtest"
	"github.com/alliancewasm/alliancewasm/contracts/tokenfactory"
)

// Every number below is computed by hand from the formulas in the package comment.

func TestSqrtProduct(t *testing.T) {
	for _, c := range []struct{ a, b, want uint64 }{
		{0, 5, 0}, {1, 1, 1}, {1, 2, 1}, {1, 3, 1}, {2, 2, 2}, {2, 4, 2}, {3, 3, 3},
		{1_000_000, 4_000_000, 2_000_000}, {4_000_003_999_999, 1, 2_000_000}, {4_000_004_000_001, 1, 2_000_001},
	} {
		if got := sqrtProduct(std.NewUint128(c.a), std.NewUint128(c.b)); got != std.NewUint128(c.want) {
			t.Errorf("sqrt(%d·%d) = %s, want %d", c.a, c.b, got, c.want)
		}
	}
	max := std.Uint128Max
	// sqrt((2^128−1)²) = 2^128−1; sqrt((2^128−1)·1) = 2^64−1 (2^128−1 < 2^128 = (2^64)²).
	if got := sqrtProduct(max, max); got != max {
		t.Errorf("sqrt(max²) = %s", got)
	}
	if got := sqrtProduct(max, std.NewUint128(1)); got != std.NewUint128(^uint64(0)) {
		t.Errorf("sqrt(max) = %s", got)
	}
	// Against math/big on products far beyond 128 bits.
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		a, b := randU128(rng), randU128(rng)
		want := new(big.Int).Sqrt(new(big.Int).Mul(bigOf(a), bigOf(b)))
		if got := sqrtProduct(a, b); bigOf(got).Cmp(want) != 0 {
			t.Fatalf("sqrt(%s·%s) = %s, want %s", a, b, got, want)
		}
	}
}

func bigOf(u std.Uint128) *big.Int {
	b, _ := new(big.Int).SetString(u.String(), 10)
	return b
}

// randU128 draws numbers of every bit length, so both limbs and both code paths are exercised.
func randU128(rng *rand.Rand) std.Uint128 {
	n := rng.Intn(129)
	var hi, lo uint64
	switch {
	case n > 64:
		hi, lo = rng.Uint64()>>(128-n), rng.Uint64()
		hi |= 1 << (n - 65)
	case n > 0:
		lo = rng.Uint64()>>(64-n) | 1<<(n-1)
	}
	return std.Uint128FromParts(hi, lo)
}

// priceMod is floor(other·10^18/self) mod 2^128, compared with math/big.
func TestPriceModAgainstBig(t *testing.T) {
	mod := new(big.Int).Lsh(big.NewInt(1), 128)
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 20000; i++ {
		other, self := randU128(rng), randU128(rng)
		if self.IsZero() {
			continue
		}
		want := new(big.Int).Mul(bigOf(other), big.NewInt(1_000_000_000_000_000_000))
		want.Quo(want, bigOf(self)).Mod(want, mod)
		got, err := priceMod(other, self)
		if err != nil || bigOf(got).Cmp(want) != 0 {
			t.Fatalf("priceMod(%s, %s) = %s %v, want %s", other, self, got, err, want)
		}
	}
}

func TestSimulationAndSwap(t *testing.T) {
	app, _ := setup(t)
	expectPool(t, app, "1000000", "4000000", "2000000")
	// offer 10,000 stake: gross = floor(1e6·1e4/4,010,000) = 2493; commission = ceil(2493·30/1e4)
	// = ceil(7.479) = 8; return 2485; ideal = floor(1e6·1e4/4e6) = 2500; spread = 7.
	app.ExpectQuery(`{"simulation":{"offer_asset":`+asJSON(stake, "10000")+`}}`, `{"return_amount":"2485","spread_amount":"7","commission_amount":"8"}`)
	bob, carol := app.Addr("bob"), app.Addr("carol")
	res := app.Exec(bob, `{"swap":{"offer_asset":`+asJSON(stake, "10000")+`,"ask_asset_info":{"native_token":{"denom":"uasset"}},"belief_price":null,"max_spread":null,"to":"`+carol+`"}}`,
		coin(10_000, stake))
	stdtest.ExpectAttrs(t, res, map[string]string{"return_amount": "2485", "spread_amount": "7", "commission_amount": "8", "receiver": carol, "ask_asset": asset})
	// carol receives the return; bob's offer is in the pool.
	expectBalances(t, app, carol, "2485", "0")
	expectBalances(t, app, bob, "0", "0")
	// The pool keeps the commission: 1,000,000 − 2485 = 997,515 uasset; 4,010,000 stake.
	expectPool(t, app, "997515", "4010000", "2000000")
	expectBalances(t, app, app.Contract, "997515", "4010000")
	// The other direction: 1,000 uasset → stake: gross = floor(4,010,000·1000/998,515) = 4015;
	// commission = ceil(4015·30/1e4) = ceil(12.045) = 13; return 4002; ideal = floor(4,010,000·1000/997,515)
	// = 4019; spread 4.
	app.ExpectQuery(`{"simulation":{"offer_asset":`+asJSON(asset, "1000")+`,"ask_asset_info":null}}`, `{"return_amount":"4002","spread_amount":"4","commission_amount":"13"}`)
	app.Exec(carol, `{"swap":{"offer_asset":`+asJSON(asset, "1000")+`}}`, coin(1000, asset))
	expectBalances(t, app, carol, "2485", "4002")
}

func TestSwapMaxSpread(t *testing.T) {
	app, _ := setup(t)
	bob := app.Addr("bob")
	swap := func(extra string) string { return `{"swap":{"offer_asset":` + asJSON(stake, "10000") + extra + `}}` }
	// Without belief_price: spread 7 against floor(ideal 2500 · max_spread).
	app.Fail(bob, swap(`,"max_spread":"0.002"`), "max spread assertion", coin(10_000, stake))  // floor(5) = 5 < 7
	app.Fail(bob, swap(`,"max_spread":"0.0027"`), "max spread assertion", coin(10_000, stake)) // floor(6.75) = 6 < 7
	// With belief_price 4: expected floor(10000/4) = 2500, return 2485, shortfall 15.
	app.Fail(bob, swap(`,"belief_price":"4","max_spread":"0.0059"`), "max spread assertion", coin(10_000, stake)) // floor(14.75) = 14
	app.Fail(bob, swap(`,"belief_price":"4"`), "max spread assertion", coin(10_000, stake))                       // default 0.005: floor(12.5) = 12
	app.Fail(bob, swap(`,"max_spread":"0.51"`), "max_spread may not exceed 0.5", coin(10_000, stake))
	app.Fail(bob, swap(`,"belief_price":"0"`), "belief_price must be positive", coin(10_000, stake))
	// Nothing moved (Fail also checked storage and every balance after each refusal).
	expectPool(t, app, "1000000", "4000000", "2000000")
	// Exactly at the bound passes: floor(2500·0.0028) = 7 = spread; floor(2500·0.006) = 15 = shortfall.
	before := app.Balance(bob, asset)
	app.Exec(bob, swap(`,"max_spread":"0.0028"`), coin(10_000, stake))
	if got := app.Balance(bob, asset).SaturatingSub(before); got != std.NewUint128(2485) {
		t.Fatalf("bob received %s uasset", got)
	}
	app, _ = setup(t)
	app.Exec(bob, swap(`,"belief_price":"4","max_spread":"0.006"`), coin(10_000, stake))
	expectBalances(t, app, bob, "2485", "0")
	// A belief price below the pool price (expected < return) never fails: 5 → expected 2000.
	app, _ = setup(t)
	app.Exec(bob, swap(`,"belief_price":"5","max_spread":"0"`), coin(10_000, stake))
	expectBalances(t, app, bob, "2485", "0")
}

func TestSwapBadInputs(t *testing.T) {
	app, _ := setup(t)
	bob := app.Addr("bob")
	cases := []struct {
		funds []std.Coin
		msg   string
		want  string
	}{
		{[]std.Coin{coin(9_999, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "10000") + `}}`, "funds do not match"},
		{[]std.Coin{coin(10_000, stake), coin(1, asset)}, `{"swap":{"offer_asset":` + asJSON(stake, "10000") + `}}`, "funds do not match"},
		{[]std.Coin{coin(10_000, "uatom")}, `{"swap":{"offer_asset":` + asJSON(stake, "10000") + `}}`, "funds: denom uatom is not in this pair"},
		{[]std.Coin{coin(10, "uatom")}, `{"swap":{"offer_asset":` + asJSON("uatom", "10") + `}}`, "denom uatom is not in this pair"},
		{nil, `{"swap":{"offer_asset":` + asJSON(stake, "0") + `}}`, "offer amount must be positive"},
		{[]std.Coin{coin(1, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "1") + `}}`, "it would return nothing"},
		{[]std.Coin{coin(10, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "10") + `,"ask_asset_info":{"native_token":{"denom":"stake"}}}}`, "not the other side"},
		{[]std.Coin{coin(10, stake)}, `{"swap":{"offer_asset":{"info":{"token":{"contract_addr":"x"}},"amount":"10"}}}`, "swapped through its send"},
		{[]std.Coin{coin(10, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "10") + `,"to":"cosmos1xyz"}}`, "invalid to"},
		{[]std.Coin{coin(10, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "10") + `,"deadline":1}}`, "unknown field"},
		{nil, `{"swap":{}}`, `missing field "offer_asset"`},
	}
	for _, c := range cases {
		app.Fail(bob, c.msg, c.want, c.funds...) // storage and every balance unchanged
	}
	expectPool(t, app, "1000000", "4000000", "2000000")
	// A pool without liquidity refuses swaps and simulations.
	empty := newPair(t, `{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"b"}}],"fee_bps":0}`)
	if _, err := empty.Host.Query([]byte(`{"simulation":{"offer_asset":` + asJSON("a", "5") + `}}`)); err == nil || !strings.Contains(err.Error(), "no liquidity") {
		t.Fatalf("simulation on an empty pool: %v", err)
	}
	empty.Fail(bob, `{"swap":{"offer_asset":`+asJSON("a", "5")+`}}`, "no liquidity", coin(5, "a"))
}

func TestInstantiateValidation(t *testing.T) {
	for msg, want := range map[string]string{
		`{"asset_infos":[{"native_token":{"denom":"a"}}],"fee_bps":3}`:                                            "exactly two denoms",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"a"}}],"fee_bps":3}`:             "must differ",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":""}}],"fee_bps":3}`:              "must not be empty",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"b"}}],"fee_bps":1001}`:          "fee_bps may not exceed 1000",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"token":{"contract_addr":"b"}}],"fee_bps":3}`:            "invalid cw20 contract address",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"token":{"contract_addr":""}}],"fee_bps":3}`:             "must not be empty",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"b"}}],"fee_bps":3,"owner":"x"}`: "unknown field",
	} {
		app := newApp(t)
		_, err := app.Host.Instantiate(std.Info(app.Addr("creator"), coin(creationFee, stake)), []byte(msg))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("%s: error %v, want %q", msg, err, want)
		}
		if app.Host.Storage.Len() != 0 {
			t.Fatalf("%s: refused but stored %d keys", msg, app.Host.Storage.Len())
		}
	}
}

// The instantiation creates the LP denom factory/{pair}/lp with its metadata, paying the
// chain's creation fee (10,000,000 stake) from its funds: short funds are refused with nothing
// created, the excess goes back to the instantiator, a chain without a fee needs no funds.
func TestInstantiateCreatesTheLPDenom(t *testing.T) {
	app := newApp(t)
	creator := app.Addr("creator")
	tf := app.Chain.TokenFactory
	// 9,999,999 stake (one short) and 5 uasset: refused, the funds stay with the creator.
	app.Fund(creator, coin(creationFee-1, stake), coin(5, asset))
	err := app.Host.Transact(func() error {
		if err := app.Chain.Send(creator, app.Contract, coin(creationFee-1, stake), coin(5, asset)); err != nil {
			return err
		}
		_, err := app.Host.Instantiate(std.Info(creator, coin(creationFee-1, stake), coin(5, asset)), []byte(nativePair))
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "the funds do not cover the LP denom's creation fee: send 10000000stake with instantiate, 1stake missing") {
		t.Fatalf("short fee: %v", err)
	}
	if _, ok := tf.Admin(lpDenom(app)); ok || app.Host.Storage.Len() != 0 {
		t.Fatal("a refused instantiation created the denom or stored state")
	}
	expectBalances(t, app, creator, "5", "9999999")
	// 10,000,002 stake and 5 uasset (on a fresh chain): the fee goes to the community pool, 2
	// stake and 5 uasset come back to the creator, the pair keeps nothing.
	app2 := newApp(t)
	res := app2.Instantiate(creator, nativePair, coin(creationFee+2, stake), coin(5, asset))
	stdtest.ExpectAttrs(t, res, map[string]string{"liquidity_token": lpDenom(app2)})
	expectBalances(t, app2, creator, "5", "2")
	expectBalances(t, app2, app2.Contract, "0", "0")
	if got := app2.Balance(tokenfactory.CommunityPool, stake).String(); got != "10000000" {
		t.Fatalf("community pool %s", got)
	}
	lp := lpDenom(app2)
	if admin, _ := app2.Chain.TokenFactory.Admin(lp); admin != app2.Contract || lp != "factory/"+app2.Contract+"/lp" {
		t.Fatalf("denom %s admin %s", lp, admin)
	}
	md, _ := app2.Chain.TokenFactory.Metadata(lp)
	want := bt.DenomMetadata{
		Description: "LP shares of the constant-product pair " + app2.Contract + " of uasset and stake",
		DenomUnits:  []bt.DenomUnit{{Denom: lp}, {Denom: "lpshare", Exponent: 6}},
		Display:     "lpshare", Name: "uasset-stake LP", Symbol: "LP",
	}
	if !reflect.DeepEqual(md, want) {
		t.Fatalf("metadata %+v", md)
	}
	app2.ExpectQuery(`{"pair":{}}`, `{"asset_infos":[{"native_token":{"denom":"uasset"}},{"native_token":{"denom":"stake"}}],"fee_bps":30,"liquidity_token":"`+lp+`"}`)
	app2.ExpectQuery(`{"config":{}}`, `{"denoms":["uasset","stake"],"fee_bps":30,"lp_denom":"`+lp+`","rewards_recipient":"`+creator+`"}`)
	// A chain without a creation fee: no funds needed.
	app3 := newApp(t)
	app3.Chain.TokenFactory.Params.DenomCreationFee = nil
	app3.Instantiate(creator, nativePair)
	if _, ok := app3.Chain.TokenFactory.Admin(lpDenom(app3)); !ok {
		t.Fatal("no LP denom without a fee")
	}
}

func TestProvideWithRefundAndWithdraw(t *testing.T) {
	app, alice := setup(t)
	bob := app.Addr("bob")
	app.Exec(bob, `{"swap":{"offer_asset":`+asJSON(stake, "10000")+`}}`, coin(10_000, stake)) // bob gets 2485 uasset
	// Reserves 997,515 uasset / 4,010,000 stake, 2,000,000 shares. Bob offers 100,000 uasset +
	// 500,000 stake: floor(100000·2e6/997515) = 200,498 vs floor(500000·2e6/4010000) = 249,376 →
	// 200,498 shares; stake used ceil(200498·4010000/2e6) = 401,999 (refund 98,001); uasset used
	// min(ceil(200498·997515/2e6) = 100,000, 100,000).
	res := app.Exec(bob, `{"provide_liquidity":{"assets":[`+asJSON(stake, "500000")+`,`+asJSON(asset, "100000")+`],"receiver":null}}`,
		coin(500_000, stake), coin(100_000, asset))
	stdtest.ExpectAttrs(t, res, map[string]string{"share": "200498", "assets": "100000uasset, 401999stake"})
	// The refund reached bob: 2485 uasset from the swap, 98,001 stake back.
	expectBalances(t, app, bob, "2485", "98001")
	expectPool(t, app, "1097515", "4411999", "2200498")
	expectBalances(t, app, app.Contract, "1097515", "4411999")
	expectLP(t, app, bob, "200498")
	// Alice withdraws 999,000 of her 1,999,000: floor(999000·1097515/2200498) = 498,258 uasset,
	// floor(999000·4411999/2200498) = 2,002,995 stake. More than she holds fails in the bank.
	failNoMint(t, app, alice, `{"withdraw_liquidity":{}}`, "insufficient funds", lpCoin(app, "1999001"))
	// Anything but exactly one coin, of the LP denom, is refused (bob holds LP and stake).
	for _, funds := range [][]std.Coin{nil, {coin(10, stake)}, {lpCoin(app, "10"), coin(1, stake)}} {
		failNoMint(t, app, bob, `{"withdraw_liquidity":{}}`, "withdraw_liquidity takes exactly one coin as funds, of the LP denom "+lpDenom(app), funds...)
	}
	failNoMint(t, app, bob, `{"withdraw_liquidity":{"amount":"10"}}`, `unknown field "amount"`, lpCoin(app, "10"))
	// min_assets_to_receive one above what she would get: refused.
	failNoMint(t, app, alice, `{"withdraw_liquidity":{"min_assets_to_receive":[`+asJSON(stake, "2002996")+`]}}`,
		"the withdrawal pays less than min_assets_to_receive: 2002995 < 2002996 stake", lpCoin(app, "999000"))
	got := withdrawLP(t, app, alice, "999000", `{"withdraw_liquidity":{"min_assets_to_receive":[`+asJSON(stake, "2002995")+`,`+asJSON(asset, "498258")+`]}}`)
	if got["withdrawn_share"] != "999000" || got["refund_assets"] != "498258uasset, 2002995stake" {
		t.Fatalf("withdrawal %v", got)
	}
	expectBalances(t, app, alice, "498258", "2002995")
	expectPool(t, app, "599257", "2409004", "1201498")
	expectBalances(t, app, app.Contract, "599257", "2409004")
	expectLP(t, app, alice, "1000000")
}

func TestProvideBadInputs(t *testing.T) {
	app := newPair(t, `{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"b"}}],"fee_bps":0}`)
	u := app.Addr("u")
	both := func(x, y string) string {
		return `{"provide_liquidity":{"assets":[` + asJSON("a", x) + `,` + asJSON("b", y) + `]}}`
	}
	// sqrt(1000·1000) = 1000 is not above the locked minimum.
	app.Fail(u, both("1000", "1000"), "initial liquidity too small", coin(1000, "a"), coin(1000, "b"))
	app.Fail(u, both("5000", "5000"), "funds do not match the assets: sent 0b, declared 5000b", coin(5000, "a"))
	app.Fail(u, both("5000", "0"), "both amounts must be positive", coin(5000, "a"))
	app.Fail(u, `{"provide_liquidity":{"assets":[`+asJSON("a", "1")+`,`+asJSON("a", "1")+`]}}`, "asset a listed twice")
	app.Fail(u, `{"provide_liquidity":{"assets":[`+asJSON("a", "1")+`]}}`, "needs both assets")
	app.Fail(u, `{"provide_liquidity":{"assets":[`+asJSON("a", "1")+`,`+asJSON("b", "1")+`],"receiver":"cosmos1xyz"}}`, "invalid receiver", coin(1, "a"), coin(1, "b"))
	if app.Host.Storage.Len() != 2 { // config and empty reserves only
		t.Fatalf("%d keys after refused provisions", app.Host.Storage.Len())
	}
	// 1001·1001 → 1001 shares, 1 to the provider.
	if got := attr(t, app, u, both("1001", "1001"), "share", coin(1001, "a"), coin(1001, "b")); got != "1" {
		t.Fatalf("minted %s", got)
	}
	// A later deposit at the pool's ratio: floor(1·1001/1001) = 1 share.
	if got := attr(t, app, u, both("1", "1"), "share", coin(1, "a"), coin(1, "b")); got != "1" {
		t.Fatalf("minted %s", got)
	}
	app.ExpectQuery(`{"share":{"address":"`+u+`"}}`, `{"shares":"2"}`)
}

func TestCumulativePrices(t *testing.T) {
	app, _ := setup(t) // provided at the instantiate block: no time weighted yet
	env := &app.Host.Env
	t0 := env.Block.Time.Seconds()
	at := func(s uint64) string { return strconv.FormatUint(t0+s, 10) }
	app.ExpectQuery(`{"cumulative_prices":{}}`, `{"denoms":["uasset","stake"],"cumulative":["0","0"],"liquid_seconds":"0","time":"`+at(0)+`"}`)
	// 10 s at 1,000,000 uasset / 4,000,000 stake: price_uasset = 4·10^18, price_stake = 0.25·10^18;
	// the query extends the stored values to its own block time.
	env.Block.Time = env.Block.Time.PlusSeconds(10)
	want10 := `{"denoms":["uasset","stake"],"cumulative":["40000000000000000000","2500000000000000000"],"liquid_seconds":"10","time":"` + at(10) + `"}`
	app.ExpectQuery(`{"cumulative_prices":{}}`, want10)
	// A swap in this block (10,000 stake → 2485 uasset, reserves 997,515 / 4,010,000) accrues the
	// old prices first and weights the new ones only from now on: the same block sees no change.
	app.Exec(app.Addr("bob"), `{"swap":{"offer_asset":`+asJSON(stake, "10000")+`}}`, coin(10_000, stake))
	app.ExpectQuery(`{"cumulative_prices":{}}`, want10)
	// 5 s at the new prices: floor(4,010,000·10^18/997,515) = 4,019,989,674,340,736,730 and
	// floor(997,515·10^18/4,010,000) = 248,756,857,855,361,596; ·5 added to each.
	env.Block.Time = env.Block.Time.PlusSeconds(5)
	app.ExpectQuery(`{"cumulative_prices":{}}`, `{"denoms":["uasset","stake"],"cumulative":["60099948371703683650","3743784289276807980"],"liquid_seconds":"15","time":"`+at(15)+`"}`)
	// The stored state only moves on reserve changes: a query writes nothing.
	res, err := reserves.Load(app.Host.Storage)
	if err != nil {
		t.Fatal(err)
	}
	if res.LastTime != t0+10 || res.LiquidSeconds != 10 || res.Cumulative[0].String() != "40000000000000000000" {
		t.Fatalf("stored oracle %+v", res)
	}
}

func TestCumulativeSkipsEmptyTime(t *testing.T) {
	app := newPair(t, nativePair)
	env := &app.Host.Env
	t0 := env.Block.Time.Seconds()
	// 100 s without liquidity add nothing, not even liquid seconds.
	env.Block.Time = env.Block.Time.PlusSeconds(100)
	app.ExpectQuery(`{"cumulative_prices":{}}`, `{"denoms":["uasset","stake"],"cumulative":["0","0"],"liquid_seconds":"0","time":"`+strconv.FormatUint(t0+100, 10)+`"}`)
	app.Exec(app.Addr("alice"), `{"provide_liquidity":{"assets":[`+asJSON(asset, "2000")+`,`+asJSON(stake, "6000")+`]}}`, coin(2_000, asset), coin(6_000, stake))
	// 7 s at 2,000 / 6,000: price_uasset = 3·10^18, price_stake = floor(10^18/3) = 333,333,333,333,333,333.
	env.Block.Time = env.Block.Time.PlusSeconds(7)
	app.ExpectQuery(`{"cumulative_prices":{}}`, `{"denoms":["uasset","stake"],"cumulative":["21000000000000000000","2333333333333333331"],"liquid_seconds":"7","time":"`+strconv.FormatUint(t0+107, 10)+`"}`)
}

func TestWrappingMath(t *testing.T) {
	max := std.Uint128Max
	if got := wrappingAdd(max, std.NewUint128(5)); got != std.NewUint128(4) {
		t.Fatalf("max+5 = %s", got)
	}
	// (2^128 − 1) · 3 = 3·2^128 − 3 ≡ 2^128 − 3.
	if got := wrappingMul64(max, 3); got != std.Uint128FromParts(^uint64(0), ^uint64(0)-2) {
		t.Fatalf("max·3 = %s", got)
	}
	// 2^64 · 2^63 = 2^127 (no wrap); · 2^64 would be 2^192 ≡ 0.
	two64 := std.Uint128FromParts(1, 0)
	if got := wrappingMul64(two64, 1<<63); got != std.Uint128FromParts(1<<63, 0) {
		t.Fatalf("2^64·2^63 = %s", got)
	}
	if got := wrappingMul64(std.Uint128FromParts(1<<63, 0), 2); !got.IsZero() {
		t.Fatalf("2^127·2 = %s", got)
	}
	// An accrual across the wrap: a consumer's difference (mod 2^128) is still the true increase.
	res := Reserves{Amounts: [2]std.Uint128{std.NewUint128(1), std.NewUint128(2)}, Cumulative: [2]std.Uint128{max, max}, LastTime: 100}
	if err := accrue(&res, 103); err != nil {
		t.Fatal(err)
	}
	// price_0 = 2·10^18 → +6·10^18 from 2^128 − 1: 6·10^18 − 1; price_1 = 0.5·10^18 → 1.5·10^18 − 1.
	if res.Cumulative[0] != std.NewUint128(5_999_999_999_999_999_999) || res.Cumulative[1] != std.NewUint128(1_499_999_999_999_999_999) || res.LiquidSeconds != 3 || res.LastTime != 103 {
		t.Fatalf("%+v", res)
	}
	// A price beyond 128 bits accrues mod 2^128 instead of failing: reserves 1 / 2^128−1 for 3 s:
	// price_0 = (2^128−1)·10^18 ≡ −10^18, so cumulative_0 = −3·10^18 ≡ 2^128 − 3·10^18;
	// price_1 = floor(10^18/(2^128−1)) = 0.
	res = Reserves{Amounts: [2]std.Uint128{std.NewUint128(1), max}, LastTime: 1}
	if err := accrue(&res, 4); err != nil || res.LastTime != 4 || res.LiquidSeconds != 3 ||
		res.Cumulative[0] != std.Uint128Max.SaturatingSub(std.NewUint128(3_000_000_000_000_000_000-1)) || !res.Cumulative[1].IsZero() {
		t.Fatalf("err %v, %+v", err, res)
	}
	// Both division paths by hand: (2^128−1)·10^18/10 = (2^128−1)·10^17 exactly ≡ 2^128 − 10^17;
	// (2^128−1)·10^18/2^64 = 10^18·2^64 − 10^18/2^64, floor 10^18·2^64 − 1 (10^18 < 2^64).
	if p, err := priceMod(max, std.NewUint128(10)); err != nil || p != std.Uint128Max.SaturatingSub(std.NewUint128(100_000_000_000_000_000-1)) {
		t.Fatalf("price over 10: %s %v", p, err)
	}
	if p, err := priceMod(max, std.Uint128FromParts(1, 0)); err != nil || p != std.Uint128FromParts(1_000_000_000_000_000_000-1, ^uint64(0)) {
		t.Fatalf("price over 2^64: %s %v", p, err)
	}
	// No time passed: nothing changes, whatever the reserves.
	if err := accrue(&res, 4); err != nil || res.LastTime != 4 || res.LiquidSeconds != 3 {
		t.Fatalf("%v %+v", err, res)
	}
}
