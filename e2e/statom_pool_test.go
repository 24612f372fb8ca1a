package e2e_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
)

// Issue 17, story 4 ("wrapped stake usable in DeFi while it earns"), on the real chain: the
// compounder world's asset (uasset) stands for ATOM; a compounder of it whose share symbol is
// stATOM (the bank denom factory/{compounder}/stATOM), its route pair uasset/stake, and a
// stATOM/ATOM pair of the pair contract (fee 30 bps). Alice deposits ATOM, pools stATOM + ATOM;
// a trader swaps both ways; harvests raise the share's value while the pool holds shares; a
// manipulator moves the route pair right before a harvest (refused) and the stATOM pool (no
// effect on the compounder); alice leaves through the pool and the compounder's batch.
//
// Every tx is one block, 5 s after the last. The compounder: fee 500 bps, harvest_interval
// 60 s, twap_window 60 s, max_spread 0.05, unbonding 24 h, unbond_epoch 12,343 s.

// statomPool is the pair's pool query, as the tests read it.
type statomPool struct {
	Assets []struct {
		Info struct {
			NativeToken struct {
				Denom string `json:"denom"`
			} `json:"native_token"`
		} `json:"info"`
		Amount string `json:"amount"`
	} `json:"assets"`
	TotalShare string `json:"total_share"`
}

// reserve is the pool's reserve of denom (zero for a denom not in the pool).
func (p statomPool) reserve(t *testing.T, denom string) math.Int {
	t.Helper()
	for _, a := range p.Assets {
		if a.Info.NativeToken.Denom == denom {
			return mustInt(t, a.Amount)
		}
	}
	t.Fatalf("%s is not in the pool", denom)
	return math.Int{}
}

func queryPool(t *testing.T, c *harness.Chain, pair sdk.AccAddress) statomPool {
	t.Helper()
	var p statomPool
	require.NoError(t, c.QuerySmart(pair, []byte(`{"pool":{}}`), &p))
	return p
}

// swapMsg is the pair's swap of offer (sent as funds) with max_spread.
func swapMsg(who *harness.Account, pair sdk.AccAddress, offer sdk.Coin, maxSpread string) *wasmtypes.MsgExecuteContract {
	return &wasmtypes.MsgExecuteContract{Sender: who.Address.String(), Contract: pair.String(),
		Msg:   []byte(`{"swap":{"offer_asset":` + nativeAsset(offer.Denom, offer.Amount.String()) + `,"max_spread":"` + maxSpread + `"}}`),
		Funds: sdk.NewCoins(offer)}
}

// cpReturn is the pair's constant-product return for offer into (offerPool, askPool) at fee
// 30 bps: gross = floor(ask·offer/(offerPool+offer)) (the pool keeps the fraction), commission
// = ceil(gross·30/10000) (never rounded away), return = gross − commission.
func cpReturn(offer, offerPool, askPool math.Int) math.Int {
	gross := askPool.Mul(offer).Quo(offerPool.Add(offer))
	commission := gross.MulRaw(30).AddRaw(9_999).QuoRaw(10_000)
	return gross.Sub(commission)
}

// compBooks is everything of the compounder a pool could disturb: its state query, its bank
// balances, its stake on the chain and the share's bank supply.
type compBooks struct {
	state    compState
	balances sdk.Coins
	staked   math.Int
	supply   math.Int
}

func (w *compounderWorld) books(t *testing.T) compBooks {
	t.Helper()
	return compBooks{w.state(t), w.c.Balances(w.comp), w.staked(), w.c.App.BankKeeper.GetSupply(w.c.Context(), w.share).Amount}
}

// position is the compounder's position query for addr: its shares and what they are worth.
func (w *compounderWorld) position(t *testing.T, addr sdk.AccAddress) (shares, value math.Int) {
	t.Helper()
	var p struct {
		Shares string `json:"shares"`
		Value  string `json:"value"`
	}
	require.NoError(t, w.c.QuerySmart(w.comp, []byte(`{"position":{"address":"`+addr.String()+`"}}`), &p))
	return mustInt(t, p.Shares), mustInt(t, p.Value)
}

// harvested runs a harvest signed by who and checks it swapped the routed stake at the route
// pair's constant-product price of the block before (no one else moved the pool in between):
// fee = floor((loose + claimed)·500/10000), received = cpReturn(loose + claimed − fee), all of
// it restaked. It returns the offer and received.
func (w *compounderWorld) harvested(t *testing.T, who *harness.Account) (offer, received math.Int) {
	t.Helper()
	c := w.c
	pool := queryPool(t, c, w.pair)
	loose, stakedBefore := c.Balance(w.comp, app.BondDenom).Amount, w.staked()
	res := w.exec(t, who, `{"harvest":{}}`, nil)
	claimed := mustInt(t, strings.TrimSuffix(harness.MustAttr(t, res, "wasm-compounder-harvest", "claimed"), app.BondDenom))
	fee := mustInt(t, strings.TrimSuffix(harness.MustAttr(t, res, "wasm-compounder-harvest", "fee"), app.BondDenom))
	received = mustInt(t, strings.TrimSuffix(harness.MustAttr(t, res, "wasm-compounder-harvest", "received"), asset))
	require.True(t, claimed.IsPositive())
	require.Equal(t, loose.Add(claimed).MulRaw(500).QuoRaw(10_000), fee)
	offer = loose.Add(claimed).Sub(fee)
	require.Equal(t, cpReturn(offer, pool.reserve(t, app.BondDenom), pool.reserve(t, asset)), received)
	require.Equal(t, stakedBefore.Add(received), w.staked())
	require.True(t, c.Balance(w.comp, app.BondDenom).IsZero())
	require.True(t, c.Balance(w.comp, asset).IsZero())
	t.Logf("harvest: claimed %s + loose %s, fee %s, offered %s, received %s%s", claimed, loose, fee, offer, received, asset)
	return offer, received
}

func TestStATOMPoolSwapsAndTwapGuard(t *testing.T) {
	w := newCompounderWorld(t, 1, "alice", "trader")
	c := w.c
	alice, trader, lp, keeper := c.Account("alice"), c.Account("trader"), c.Account("lp"), c.Account("keeper")

	// 1. The stATOM compounder: the world's instantiation with the share symbol stATOM (the
	// world's own cuasset compounder stays empty and is never used again).
	msg := bytes.Replace(w.instMsg, []byte(`"symbol":"cuasset","name":"Compounded uasset"`), []byte(`"symbol":"stATOM","name":"Staked ATOM"`), 1)
	require.NotEqual(t, w.instMsg, msg)
	w.comp = c.Instantiate(lp, c.App.WasmKeeper.GetContractInfo(c.Context(), w.comp).CodeID, "stATOM compounder", msg, w.creationFee())
	w.share = "factory/" + w.comp.String() + "/stATOM"
	stATOM := w.share

	// Alice deposits 5,000,000 ATOM: the first deposit mints 5,000,000 shares, 1,000 locked in the
	// contract, 4,999,000 hers, as bank coins of the share denom.
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(5_000_000))
	require.Equal(t, math.NewInt(4_999_000), w.shares(alice.Address))
	require.Equal(t, math.NewInt(5_000_000), c.App.BankKeeper.GetSupply(c.Context(), stATOM).Amount)

	// The stATOM/ATOM pair; alice provides 2,000,000 of each: floor(sqrt(2e6·2e6)) = 2,000,000
	// LP shares, 1,000 locked in the pair, 1,999,000 to alice as factory/{pair}/lp.
	pairCode := c.App.WasmKeeper.GetContractInfo(c.Context(), w.pair).CodeID
	pool := deployNativePair(t, c, alice, pairCode, stATOM, asset, 30)
	lpDenom := lpDenomOf(pool)
	provideNative(t, c, alice, pool, sdk.NewInt64Coin(stATOM, 2_000_000), sdk.NewInt64Coin(asset, 2_000_000))
	require.Equal(t, math.NewInt(1_999_000), c.Balance(alice.Address, lpDenom).Amount)
	require.Equal(t, math.NewInt(2_999_000), w.shares(alice.Address))
	require.Equal(t, math.NewInt(3_000_000), c.Balance(alice.Address, asset).Amount)
	checkPool := func(s, a int64) {
		t.Helper()
		p := queryPool(t, c, pool)
		require.Equal(t, math.NewInt(s), p.reserve(t, stATOM))
		require.Equal(t, math.NewInt(a), p.reserve(t, asset))
		require.Equal(t, "2000000", p.TotalShare)
		require.Equal(t, math.NewInt(2_000_000), c.App.BankKeeper.GetSupply(c.Context(), lpDenom).Amount)
		// The pair's books are its bank balances: stATOM in the pool is a bank holding like any.
		require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(stATOM, s), sdk.NewInt64Coin(asset, a), sdk.NewInt64Coin(lpDenom, 1_000)), c.Balances(pool))
	}
	checkPool(2_000_000, 2_000_000)
	books := w.books(t)
	require.Equal(t, "5000000", books.state.TotalStaked)
	require.Equal(t, books.supply.String(), books.state.TotalShares)
	require.Equal(t, math.NewInt(5_000_000), books.staked)

	// 2. The trader swaps 100,000 ATOM for stATOM (max_spread 0.1: the impact is 4.76 %):
	// gross = floor(2,000,000·100,000 / 2,100,000) = 95,238; commission = ceil(95,238·30/10000)
	// = ceil(285.71) = 286; return 94,952. Pool: 1,905,048 stATOM, 2,100,000 ATOM.
	res := c.MustDeliver(trader, swapMsg(trader, pool, sdk.NewInt64Coin(asset, 100_000), "0.1"))
	gasIn := res.GasUsed
	require.Equal(t, "94952", harness.MustAttr(t, res, "wasm", "return_amount"))
	require.Equal(t, "286", harness.MustAttr(t, res, "wasm", "commission_amount"))
	require.Equal(t, math.NewInt(94_952), w.shares(trader.Address))
	require.Equal(t, math.NewInt(9_900_000), c.Balance(trader.Address, asset).Amount)
	checkPool(1_905_048, 2_100_000)

	// Back: 50,000 stATOM for ATOM: gross = floor(2,100,000·50,000 / 1,955,048) = floor(53,707.4)
	// = 53,707; commission = ceil(53,707·30/10000) = ceil(161.12) = 162; return 53,545. Pool:
	// 1,955,048 stATOM, 2,046,455 ATOM.
	res = c.MustDeliver(trader, swapMsg(trader, pool, sdk.NewInt64Coin(stATOM, 50_000), "0.1"))
	gasOut := res.GasUsed
	require.Equal(t, "53545", harness.MustAttr(t, res, "wasm", "return_amount"))
	require.Equal(t, "162", harness.MustAttr(t, res, "wasm", "commission_amount"))
	require.Equal(t, math.NewInt(44_952), w.shares(trader.Address))
	require.Equal(t, math.NewInt(9_953_545), c.Balance(trader.Address, asset).Amount)
	checkPool(1_955_048, 2_046_455)
	t.Logf("stATOM/ATOM pair swap gas: ATOM in %d (the trader's first tx: the ante stores its public key), stATOM in %d", gasIn, gasOut)

	// The compounder's books did not move: same state, balances, stake and share supply.
	require.Equal(t, books, w.books(t))

	// 3. The stATOM pool's price moves nothing of the compounder. The manipulator (lp) buys stATOM
	// with 1,000,000 ATOM, moving the pool's stATOM price from 1.047 to 2.316 ATOM: gross = floor(1,955,048·1,000,000 / 3,046,455) = 641,745;
	// commission = ceil(1,925.2) = 1,926; return 639,819. Pool: 1,315,229 stATOM, 3,046,455 ATOM.
	// The compounder never reads this pool: its books are unchanged.
	res = c.MustDeliver(lp, swapMsg(lp, pool, sdk.NewInt64Coin(asset, 1_000_000), "0.5"))
	t.Logf("stATOM/ATOM pair swap gas: ATOM in %d (lp, whose account already has its public key)", res.GasUsed)
	require.Equal(t, math.NewInt(639_819), w.shares(lp.Address))
	checkPool(1_315_229, 3_046_455)
	require.Equal(t, books, w.books(t))

	// Before the harvest a share is worth exactly 1 ATOM (5,000,000 staked / 5,000,000 shares):
	// the pool's 1,315,229 stATOM are worth 1,315,229, alice's 2,999,000 as many.
	poolShares, poolValue := w.position(t, pool)
	require.Equal(t, math.NewInt(1_315_229), poolShares)
	require.Equal(t, poolShares, poolValue)

	// The harvest raises the share's value. Its observation was recorded at the instantiation, more
	// than twap_window of route liquidity ago; it swaps at the route pair's price, whatever the
	// stATOM pool's.
	c.NextBlocks(10)
	_, received1 := w.harvested(t, keeper)
	staked := math.NewInt(5_000_000).Add(received1)
	st := w.state(t)
	require.Equal(t, staked.String(), st.TotalStaked)
	require.Equal(t, "5000000", st.TotalShares)
	require.Equal(t, math.LegacyNewDecFromInt(staked).QuoInt64(5_000_000).String(), math.LegacyMustNewDecFromStr(st.ExchangeRate).String())
	// The stATOM in the pool gained like any holder's: floor(shares·staked/5,000,000), for the
	// pair as for alice; the harvest moved none of the pool's coins.
	checkPool(1_315_229, 3_046_455)
	_, poolValue = w.position(t, pool)
	require.Equal(t, staked.MulRaw(1_315_229).QuoRaw(5_000_000), poolValue)
	require.True(t, poolValue.GT(poolShares))
	_, aliceValue := w.position(t, alice.Address)
	require.Equal(t, staked.MulRaw(2_999_000).QuoRaw(5_000_000), aliceValue)

	// 4. The TWAP guard. Wait out harvest_interval; the window since the harvest's observation is
	// then more than twap_window.
	c.NextBlocks(12)
	books = w.books(t)
	routeBefore := c.Balances(w.pair)

	// (a) Same block: lp sells 5e9 stake into the ~50e9/50e9 route pool (stake ~17 % cheaper) and
	// harvests in the same tx. The TWAP gives the same-block price no weight: refused, and the whole
	// transaction, swap included, reverts.
	sandwich := c.Deliver(lp, swapMsg(lp, w.pair, sdk.NewInt64Coin(app.BondDenom, 5_000_000_000), "0.5"),
		&wasmtypes.MsgExecuteContract{Sender: lp.Address.String(), Contract: w.comp.String(), Msg: []byte(`{"harvest":{}}`)})
	require.Error(t, sandwich.Err())
	require.Contains(t, sandwich.Log, "(the TWAP value less max_spread): harvest refused")
	require.Equal(t, routeBefore, c.Balances(w.pair))
	require.Equal(t, books, w.books(t))

	// (b) The block before: the sale lands and the price is held for one block (5 s of a window of
	// over 60 s: the TWAP barely moves). The harvest in the next block is refused all the same;
	// nothing changes.
	lpStake := c.Balance(lp.Address, app.BondDenom).Amount
	res = c.MustDeliver(lp, swapMsg(lp, w.pair, sdk.NewInt64Coin(app.BondDenom, 5_000_000_000), "0.5"))
	bought := mustInt(t, harness.MustAttr(t, res, "wasm", "return_amount"))
	manipulated := queryPool(t, c, w.pair)
	refused := c.Execute(keeper, w.comp, []byte(`{"harvest":{}}`), nil)
	require.Error(t, refused.Err())
	require.Contains(t, refused.Log, "(the TWAP value less max_spread): harvest refused")
	require.Equal(t, manipulated, queryPool(t, c, w.pair))
	require.Equal(t, books, w.books(t))

	// Arbitraged back: lp sells the ATOM it got. The price is back near 1 (the two fees stay in the
	// pool); the next harvest goes through at the pool's price, which now pays the compounder more
	// than the manipulated pool would have.
	res = c.MustDeliver(lp, swapMsg(lp, w.pair, sdk.NewCoin(asset, bought), "0.5"))
	require.True(t, c.Balance(lp.Address, app.BondDenom).Amount.LT(lpStake), "the manipulation cost lp the fees")
	t.Logf("manipulation: sold 5e9 stake for %s%s, bought back %s stake", bought, asset, harness.MustAttr(t, res, "wasm", "return_amount"))
	offer, received2 := w.harvested(t, keeper)
	// The same offer from the manipulated pool (what a harvest at the spot price would have got):
	// less; at the pool's restored price it is worth more than 99 % of its stake (the price is ~1).
	atManipulated := cpReturn(offer, manipulated.reserve(t, app.BondDenom), manipulated.reserve(t, asset))
	require.True(t, received2.GT(atManipulated), "%s vs %s", received2, atManipulated)
	require.True(t, received2.MulRaw(100).GT(offer.MulRaw(99)), "%s for %s", received2, offer)
	t.Logf("second harvest: %s stake -> %s%s (the manipulated pool would have paid %s)", offer, received2, asset, atManipulated)
	staked = staked.Add(received2)
	require.Equal(t, staked.String(), w.state(t).TotalStaked)
	require.Equal(t, "5000000", w.state(t).TotalShares)
	require.Equal(t, math.NewInt(5_000_000), c.App.BankKeeper.GetSupply(c.Context(), stATOM).Amount)
	checkPool(1_315_229, 3_046_455)

	// 5. Alice leaves. Her 1,999,000 LP shares pay floor(1,999,000·reserve/2,000,000) of each side:
	// 1,314,571 stATOM and 3,044,931 ATOM (658 and 1,524 stay for the 1,000 locked shares).
	withdrawNative(t, c, alice, pool, 1_999_000)
	require.True(t, c.Balance(alice.Address, lpDenom).Amount.IsZero())
	require.Equal(t, math.NewInt(2_999_000+1_314_571), w.shares(alice.Address))
	require.Equal(t, math.NewInt(3_000_000+3_044_931), c.Balance(alice.Address, asset).Amount)
	require.Equal(t, sdk.NewCoins(sdk.NewInt64Coin(stATOM, 658), sdk.NewInt64Coin(asset, 1_524), sdk.NewInt64Coin(lpDenom, 1_000)), c.Balances(pool))

	// She withdraws all 4,313,571 stATOM (sent and burned), the batch is processed an epoch later
	// at floor(4,313,571·staked/5,000,000), and paid after the unbonding time.
	w.withdraw(t, alice, math.NewInt(4_313_571))
	require.Equal(t, math.NewInt(5_000_000-4_313_571), c.App.BankKeeper.GetSupply(c.Context(), stATOM).Amount)
	c.AdvanceTime(12_343 * time.Second)
	require.Equal(t, staked, w.staked())
	want := staked.MulRaw(4_313_571).QuoRaw(5_000_000)
	res = w.exec(t, keeper, `{"process_withdrawals":{}}`, nil)
	require.Equal(t, want.String(), harness.MustAttr(t, res, "wasm", "amount"))
	c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
	w.exec(t, alice, `{"claim":{}}`, nil)
	// Alice put 7,000,000 ATOM in and gets 3,044,931 + want back, beyond the 7,000,000: her LP
	// part of the trader's fees and of the premium lp paid for stATOM, and two harvests' growth of
	// her shares (those that sat in the pool included).
	final := c.Balance(alice.Address, asset).Amount
	require.Equal(t, math.NewInt(3_000_000+3_044_931).Add(want), final)
	t.Logf("alice: deposited 5,000,000 + pooled 2,000,000 ATOM, ends with %s ATOM of 10,000,000 (claim %s)", final, want)
	require.True(t, final.GT(math.NewInt(10_000_000)))
}
