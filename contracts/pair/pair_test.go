package main

import (
	"math/big"
	"math/rand"
	"strconv"
	"strings"
	"testing"

	wasmvmtypes "github.com/CosmWasm/wasmvm/v3/types"

	"github.com/alliancewasm/alliancewasm/contracts/std"
)

// Every number below is computed by hand from the formulas in the package comment.

const (
	asset = "uasset"
	stake = "stake"
)

func asJSON(denom, amount string) string {
	return `{"info":{"native_token":{"denom":"` + denom + `"}},"amount":"` + amount + `"}`
}

func setup(t *testing.T) (*std.Mock, string) {
	t.Helper()
	m := std.NewMock()
	if _, err := m.Instantiate(std.Info(m.API.Addr("creator")),
		[]byte(`{"asset_infos":[{"native_token":{"denom":"uasset"}},{"native_token":{"denom":"stake"}}],"fee_bps":30}`)); err != nil {
		t.Fatal(err)
	}
	alice := m.API.Addr("alice")
	// 1,000,000 uasset + 4,000,000 stake: sqrt(4e12) = 2,000,000 shares, 1,000 of them locked.
	res, err := m.Execute(std.Info(alice, std.NewCoin(1_000_000, asset), std.NewCoin(4_000_000, stake)),
		[]byte(`{"provide_liquidity":{"assets":[`+asJSON(asset, "1000000")+`,`+asJSON(stake, "4000000")+`]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := attrs(res.Attributes)["share"]; got != "1999000" {
		t.Fatalf("first provision minted %s", got)
	}
	if len(res.Messages) != 0 {
		t.Fatalf("first provision refunds %+v", res.Messages)
	}
	return m, alice
}

func attrs(as []wasmvmtypes.EventAttribute) map[string]string {
	out := map[string]string{}
	for _, a := range as {
		out[a.Key] = a.Value
	}
	return out
}

func q(t *testing.T, m *std.Mock, q string) string {
	t.Helper()
	out, err := m.Query([]byte(q))
	if err != nil {
		t.Fatalf("query %s: %v", q, err)
	}
	return string(out)
}

func expectErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want one containing %q", err, want)
	}
}

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
	m, _ := setup(t)
	if got := q(t, m, `{"pool":{}}`); got != `{"assets":[`+asJSON(asset, "1000000")+`,`+asJSON(stake, "4000000")+`],"total_share":"2000000"}` {
		t.Fatalf("pool %s", got)
	}
	// offer 10,000 stake: gross = floor(1e6·1e4/4,010,000) = 2493; commission = ceil(2493·30/1e4)
	// = ceil(7.479) = 8; return 2485; ideal = floor(1e6·1e4/4e6) = 2500; spread = 7.
	if got := q(t, m, `{"simulation":{"offer_asset":`+asJSON(stake, "10000")+`}}`); got != `{"return_amount":"2485","spread_amount":"7","commission_amount":"8"}` {
		t.Fatalf("simulation %s", got)
	}
	bob := m.API.Addr("bob")
	carol := m.API.Addr("carol")
	res, err := m.Execute(std.Info(bob, std.NewCoin(10_000, stake)),
		[]byte(`{"swap":{"offer_asset":`+asJSON(stake, "10000")+`,"ask_asset_info":{"native_token":{"denom":"uasset"}},"belief_price":null,"max_spread":null,"to":"`+carol+`"}}`))
	if err != nil {
		t.Fatal(err)
	}
	a := attrs(res.Attributes)
	if a["return_amount"] != "2485" || a["spread_amount"] != "7" || a["commission_amount"] != "8" || a["receiver"] != carol || a["ask_asset"] != asset {
		t.Fatalf("attributes %v", a)
	}
	if len(res.Messages) != 1 || res.Messages[0].Msg.Bank == nil || res.Messages[0].Msg.Bank.Send.ToAddress != carol ||
		res.Messages[0].Msg.Bank.Send.Amount[0] != (wasmvmtypes.Coin{Denom: asset, Amount: "2485"}) {
		t.Fatalf("messages %+v", res.Messages)
	}
	// The pool keeps the commission: 1,000,000 − 2485 = 997,515 uasset; 4,010,000 stake.
	if got := q(t, m, `{"pool":{}}`); got != `{"assets":[`+asJSON(asset, "997515")+`,`+asJSON(stake, "4010000")+`],"total_share":"2000000"}` {
		t.Fatalf("pool after swap %s", got)
	}
	// The other direction: 1,000 uasset → stake: gross = floor(4,010,000·1000/998,515) = 4015;
	// commission = ceil(4015·30/1e4) = ceil(12.045) = 13; return 4002; ideal = floor(4,010,000·1000/997,515)
	// = 4019; spread 4.
	if got := q(t, m, `{"simulation":{"offer_asset":`+asJSON(asset, "1000")+`,"ask_asset_info":null}}`); got != `{"return_amount":"4002","spread_amount":"4","commission_amount":"13"}` {
		t.Fatalf("reverse simulation %s", got)
	}
}

func TestSwapMaxSpread(t *testing.T) {
	m, _ := setup(t)
	bob := m.API.Addr("bob")
	swap := func(extra string) error {
		_, err := m.Execute(std.Info(bob, std.NewCoin(10_000, stake)), []byte(`{"swap":{"offer_asset":`+asJSON(stake, "10000")+extra+`}}`))
		return err
	}
	// Without belief_price: spread 7 against floor(ideal 2500 · max_spread).
	expectErr(t, swap(`,"max_spread":"0.002"`), "max spread assertion")  // floor(5) = 5 < 7
	expectErr(t, swap(`,"max_spread":"0.0027"`), "max spread assertion") // floor(6.75) = 6 < 7
	// With belief_price 4: expected floor(10000/4) = 2500, return 2485, shortfall 15.
	expectErr(t, swap(`,"belief_price":"4","max_spread":"0.0059"`), "max spread assertion") // floor(14.75) = 14
	expectErr(t, swap(`,"belief_price":"4"`), "max spread assertion")                       // default 0.005: floor(12.5) = 12
	expectErr(t, swap(`,"max_spread":"0.51"`), "max_spread may not exceed 0.5")
	expectErr(t, swap(`,"belief_price":"0"`), "belief_price must be positive")
	// Nothing moved.
	if got := q(t, m, `{"pool":{}}`); got != `{"assets":[`+asJSON(asset, "1000000")+`,`+asJSON(stake, "4000000")+`],"total_share":"2000000"}` {
		t.Fatalf("pool after refused swaps %s", got)
	}
	// Exactly at the bound passes: floor(2500·0.0028) = 7 = spread; floor(2500·0.006) = 15 = shortfall.
	if err := swap(`,"max_spread":"0.0028"`); err != nil {
		t.Fatal(err)
	}
	m2, _ := setup(t)
	m = m2
	if err := swap(`,"belief_price":"4","max_spread":"0.006"`); err != nil {
		t.Fatal(err)
	}
	// A belief price below the pool price (expected < return) never fails: 5 → expected 2000.
	m3, _ := setup(t)
	m = m3
	if err := swap(`,"belief_price":"5","max_spread":"0"`); err != nil {
		t.Fatal(err)
	}
}

func TestSwapBadInputs(t *testing.T) {
	m, _ := setup(t)
	bob := m.API.Addr("bob")
	cases := []struct {
		funds []std.Coin
		msg   string
		want  string
	}{
		{[]std.Coin{std.NewCoin(9_999, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "10000") + `}}`, "funds do not match"},
		{[]std.Coin{std.NewCoin(10_000, stake), std.NewCoin(1, asset)}, `{"swap":{"offer_asset":` + asJSON(stake, "10000") + `}}`, "funds do not match"},
		{[]std.Coin{std.NewCoin(10_000, "uatom")}, `{"swap":{"offer_asset":` + asJSON(stake, "10000") + `}}`, "funds: denom uatom is not in this pair"},
		{[]std.Coin{std.NewCoin(10, "uatom")}, `{"swap":{"offer_asset":` + asJSON("uatom", "10") + `}}`, "denom uatom is not in this pair"},
		{nil, `{"swap":{"offer_asset":` + asJSON(stake, "0") + `}}`, "offer amount must be positive"},
		{[]std.Coin{std.NewCoin(1, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "1") + `}}`, "it would return nothing"},
		{[]std.Coin{std.NewCoin(10, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "10") + `,"ask_asset_info":{"native_token":{"denom":"stake"}}}}`, "not the other side"},
		{[]std.Coin{std.NewCoin(10, stake)}, `{"swap":{"offer_asset":{"info":{"token":{"contract_addr":"x"}},"amount":"10"}}}`, "only native tokens"},
		{[]std.Coin{std.NewCoin(10, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "10") + `,"to":"cosmos1xyz"}}`, "invalid to"},
		{[]std.Coin{std.NewCoin(10, stake)}, `{"swap":{"offer_asset":` + asJSON(stake, "10") + `,"deadline":1}}`, "unknown field"},
		{nil, `{"swap":{}}`, `missing field "offer_asset"`},
	}
	for _, c := range cases {
		_, err := m.Execute(std.Info(bob, c.funds...), []byte(c.msg))
		expectErr(t, err, c.want)
	}
	if got := q(t, m, `{"pool":{}}`); got != `{"assets":[`+asJSON(asset, "1000000")+`,`+asJSON(stake, "4000000")+`],"total_share":"2000000"}` {
		t.Fatalf("pool after refused swaps %s", got)
	}
	// A pool without liquidity refuses swaps and simulations.
	e := std.NewMock()
	if _, err := e.Instantiate(std.Info("c"), []byte(`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"b"}}],"fee_bps":0}`)); err != nil {
		t.Fatal(err)
	}
	_, err := e.Query([]byte(`{"simulation":{"offer_asset":` + asJSON("a", "5") + `}}`))
	expectErr(t, err, "no liquidity")
}

func TestInstantiateValidation(t *testing.T) {
	for msg, want := range map[string]string{
		`{"asset_infos":[{"native_token":{"denom":"a"}}],"fee_bps":3}`:                                            "exactly two denoms",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"a"}}],"fee_bps":3}`:             "must differ",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":""}}],"fee_bps":3}`:              "must not be empty",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"b"}}],"fee_bps":1001}`:          "fee_bps may not exceed 1000",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"token":{"contract_addr":"b"}}],"fee_bps":3}`:            "only native tokens",
		`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"b"}}],"fee_bps":3,"owner":"x"}`: "unknown field",
	} {
		m := std.NewMock()
		_, err := m.Instantiate(std.Info("c"), []byte(msg))
		expectErr(t, err, want)
	}
}

func TestProvideWithRefundAndWithdraw(t *testing.T) {
	m, alice := setup(t)
	bob := m.API.Addr("bob")
	if _, err := m.Execute(std.Info(bob, std.NewCoin(10_000, stake)), []byte(`{"swap":{"offer_asset":`+asJSON(stake, "10000")+`}}`)); err != nil {
		t.Fatal(err)
	}
	// Reserves 997,515 uasset / 4,010,000 stake, 2,000,000 shares. Bob offers 100,000 uasset +
	// 500,000 stake: floor(100000·2e6/997515) = 200,498 vs floor(500000·2e6/4010000) = 249,376 →
	// 200,498 shares; stake used ceil(200498·4010000/2e6) = 401,999 (refund 98,001); uasset used
	// min(ceil(200498·997515/2e6) = 100,000, 100,000).
	res, err := m.Execute(std.Info(bob, std.NewCoin(500_000, stake), std.NewCoin(100_000, asset)),
		[]byte(`{"provide_liquidity":{"assets":[`+asJSON(stake, "500000")+`,`+asJSON(asset, "100000")+`],"receiver":null}}`))
	if err != nil {
		t.Fatal(err)
	}
	if a := attrs(res.Attributes); a["share"] != "200498" || a["assets"] != "100000uasset, 401999stake" {
		t.Fatalf("attributes %v", a)
	}
	if len(res.Messages) != 1 || res.Messages[0].Msg.Bank.Send.ToAddress != bob ||
		len(res.Messages[0].Msg.Bank.Send.Amount) != 1 || res.Messages[0].Msg.Bank.Send.Amount[0] != (wasmvmtypes.Coin{Denom: stake, Amount: "98001"}) {
		t.Fatalf("refund %+v", res.Messages)
	}
	if got := q(t, m, `{"pool":{}}`); got != `{"assets":[`+asJSON(asset, "1097515")+`,`+asJSON(stake, "4411999")+`],"total_share":"2200498"}` {
		t.Fatalf("pool %s", got)
	}
	if got := q(t, m, `{"share":{"address":"`+bob+`"}}`); got != `{"shares":"200498"}` {
		t.Fatalf("bob's shares %s", got)
	}
	// Alice withdraws 999,000 of her 1,999,000: floor(999000·1097515/2200498) = 498,258 uasset,
	// floor(999000·4411999/2200498) = 2,002,995 stake.
	_, err = m.Execute(std.Info(alice), []byte(`{"withdraw_liquidity":{"amount":"1999001"}}`))
	expectErr(t, err, "insufficient LP shares: have 1999000")
	res, err = m.Execute(std.Info(alice), []byte(`{"withdraw_liquidity":{"amount":"999000"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Messages[0].Msg.Bank.Send.Amount; len(got) != 2 || got[0] != (wasmvmtypes.Coin{Denom: asset, Amount: "498258"}) || got[1] != (wasmvmtypes.Coin{Denom: stake, Amount: "2002995"}) {
		t.Fatalf("withdrawn %+v", got)
	}
	if got := q(t, m, `{"pool":{}}`); got != `{"assets":[`+asJSON(asset, "599257")+`,`+asJSON(stake, "2409004")+`],"total_share":"1201498"}` {
		t.Fatalf("pool %s", got)
	}
	if got := q(t, m, `{"share":{"address":"`+alice+`"}}`); got != `{"shares":"1000000"}` {
		t.Fatalf("alice's shares %s", got)
	}
}

func TestProvideBadInputs(t *testing.T) {
	m := std.NewMock()
	if _, err := m.Instantiate(std.Info("c"), []byte(`{"asset_infos":[{"native_token":{"denom":"a"}},{"native_token":{"denom":"b"}}],"fee_bps":0}`)); err != nil {
		t.Fatal(err)
	}
	u := m.API.Addr("u")
	both := func(x, y string) string {
		return `{"provide_liquidity":{"assets":[` + asJSON("a", x) + `,` + asJSON("b", y) + `]}}`
	}
	// sqrt(1000·1000) = 1000 is not above the locked minimum.
	_, err := m.Execute(std.Info(u, std.NewCoin(1000, "a"), std.NewCoin(1000, "b")), []byte(both("1000", "1000")))
	expectErr(t, err, "initial liquidity too small")
	_, err = m.Execute(std.Info(u, std.NewCoin(5000, "a")), []byte(both("5000", "5000")))
	expectErr(t, err, "funds do not match the assets: sent 0b, declared 5000b")
	_, err = m.Execute(std.Info(u, std.NewCoin(5000, "a")), []byte(both("5000", "0")))
	expectErr(t, err, "both amounts must be positive")
	_, err = m.Execute(std.Info(u), []byte(`{"provide_liquidity":{"assets":[`+asJSON("a", "1")+`,`+asJSON("a", "1")+`]}}`))
	expectErr(t, err, "listed twice")
	_, err = m.Execute(std.Info(u), []byte(`{"provide_liquidity":{"assets":[`+asJSON("a", "1")+`]}}`))
	expectErr(t, err, "needs both assets")
	if m.Storage.Len() != 2 { // config and empty reserves only
		t.Fatalf("%d keys after refused provisions", m.Storage.Len())
	}
	// 1001·1001 → 1001 shares, 1 to the provider.
	res, err := m.Execute(std.Info(u, std.NewCoin(1001, "a"), std.NewCoin(1001, "b")), []byte(both("1001", "1001")))
	if err != nil || attrs(res.Attributes)["share"] != "1" {
		t.Fatalf("%+v %v", res, err)
	}
	// A later deposit at the pool's ratio: floor(1·1001/1001) = 1 share.
	res, err = m.Execute(std.Info(u, std.NewCoin(1, "a"), std.NewCoin(1, "b")), []byte(both("1", "1")))
	if err != nil || attrs(res.Attributes)["share"] != "1" {
		t.Fatalf("%+v %v", res, err)
	}
}

func cumulative(t *testing.T, m *std.Mock) string {
	t.Helper()
	return q(t, m, `{"cumulative_prices":{}}`)
}

func TestCumulativePrices(t *testing.T) {
	m, _ := setup(t) // provided at the instantiate block: no time weighted yet
	t0 := m.Env.Block.Time.Seconds()
	at := func(s uint64) string { return strconv.FormatUint(t0+s, 10) }
	if got := cumulative(t, m); got != `{"denoms":["uasset","stake"],"cumulative":["0","0"],"liquid_seconds":"0","time":"`+at(0)+`"}` {
		t.Fatalf("at t0: %s", got)
	}
	// 10 s at 1,000,000 uasset / 4,000,000 stake: price_uasset = 4·10^18, price_stake = 0.25·10^18;
	// the query extends the stored values to its own block time.
	m.Env.Block.Time = m.Env.Block.Time.PlusSeconds(10)
	want10 := `{"denoms":["uasset","stake"],"cumulative":["40000000000000000000","2500000000000000000"],"liquid_seconds":"10","time":"` + at(10) + `"}`
	if got := cumulative(t, m); got != want10 {
		t.Fatalf("at t0+10: %s", got)
	}
	// A swap in this block (10,000 stake → 2485 uasset, reserves 997,515 / 4,010,000) accrues the
	// old prices first and weights the new ones only from now on: the same block sees no change.
	if _, err := m.Execute(std.Info(m.API.Addr("bob"), std.NewCoin(10_000, stake)),
		[]byte(`{"swap":{"offer_asset":`+asJSON(stake, "10000")+`}}`)); err != nil {
		t.Fatal(err)
	}
	if got := cumulative(t, m); got != want10 {
		t.Fatalf("same block after a swap: %s", got)
	}
	// 5 s at the new prices: floor(4,010,000·10^18/997,515) = 4,019,989,674,340,736,730 and
	// floor(997,515·10^18/4,010,000) = 248,756,857,855,361,596; ·5 added to each.
	m.Env.Block.Time = m.Env.Block.Time.PlusSeconds(5)
	if got := cumulative(t, m); got != `{"denoms":["uasset","stake"],"cumulative":["60099948371703683650","3743784289276807980"],"liquid_seconds":"15","time":"`+at(15)+`"}` {
		t.Fatalf("at t0+15: %s", got)
	}
	// The stored state only moves on reserve changes: a query writes nothing.
	res, err := reserves.Load(m.Storage)
	if err != nil {
		t.Fatal(err)
	}
	if res.LastTime != t0+10 || res.LiquidSeconds != 10 || res.Cumulative[0].String() != "40000000000000000000" {
		t.Fatalf("stored oracle %+v", res)
	}
}

func TestCumulativeSkipsEmptyTime(t *testing.T) {
	m := std.NewMock()
	if _, err := m.Instantiate(std.Info(m.API.Addr("creator")),
		[]byte(`{"asset_infos":[{"native_token":{"denom":"uasset"}},{"native_token":{"denom":"stake"}}],"fee_bps":30}`)); err != nil {
		t.Fatal(err)
	}
	t0 := m.Env.Block.Time.Seconds()
	// 100 s without liquidity add nothing, not even liquid seconds.
	m.Env.Block.Time = m.Env.Block.Time.PlusSeconds(100)
	if got := cumulative(t, m); got != `{"denoms":["uasset","stake"],"cumulative":["0","0"],"liquid_seconds":"0","time":"`+strconv.FormatUint(t0+100, 10)+`"}` {
		t.Fatalf("empty pool: %s", got)
	}
	if _, err := m.Execute(std.Info(m.API.Addr("alice"), std.NewCoin(2_000, asset), std.NewCoin(6_000, stake)),
		[]byte(`{"provide_liquidity":{"assets":[`+asJSON(asset, "2000")+`,`+asJSON(stake, "6000")+`]}}`)); err != nil {
		t.Fatal(err)
	}
	// 7 s at 2,000 / 6,000: price_uasset = 3·10^18, price_stake = floor(10^18/3) = 333,333,333,333,333,333.
	m.Env.Block.Time = m.Env.Block.Time.PlusSeconds(7)
	if got := cumulative(t, m); got != `{"denoms":["uasset","stake"],"cumulative":["21000000000000000000","2333333333333333331"],"liquid_seconds":"7","time":"`+strconv.FormatUint(t0+107, 10)+`"}` {
		t.Fatalf("after provision: %s", got)
	}
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
