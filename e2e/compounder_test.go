package e2e_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	wasmtypes "github.com/CosmWasm/wasmd/x/wasm/types"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/alliancewasm/alliancewasm/app"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The auto-compounder and the constant-product pair (the committed fixtures) on the real chain:
// gov lists the asset, users deposit, blocks pass, a third party harvests, the pair swaps the
// native-stake rewards into the asset, the exchange rate rises and a withdrawal after the
// unbonding time pays out more than was deposited. Every amount is reconciled with chain state.
// The harvest's reference price is the pair's TWAP over at least twap_window (60 s here) of pool
// liquidity since the compounder's instantiation (its first observation): each tx is a block 5 s
// after the last, so the first harvest comes after a dozen blocks.

type compounderWorld struct {
	c          *harness.Chain
	pair, comp sdk.AccAddress
	provided   time.Time // block time of the pair's first liquidity
	treasury   *harness.Account
	vals       []string
	share      string // the share denom, factory/{compounder}/cuasset
	instMsg    []byte // the compounder's instantiate message
}

// creationFee is the token factory's denom creation fee (a param), sent with the instantiation.
func (w *compounderWorld) creationFee() sdk.Coins {
	return w.c.App.TokenFactoryKeeper.GetParams(w.c.Context()).DenomCreationFee
}

// instantiateGas instantiates a second compounder like the world's (its own share denom) and
// returns the gas the transaction used.
func (w *compounderWorld) instantiateGas(t *testing.T) int64 {
	t.Helper()
	lp := w.c.Account("lp")
	code := w.c.App.WasmKeeper.GetContractInfo(w.c.Context(), w.comp).CodeID
	return w.c.MustDeliver(lp, &wasmtypes.MsgInstantiateContract{Sender: lp.Address.String(), Admin: lp.Address.String(), CodeID: code,
		Label: "compounder 2", Msg: w.instMsg, Funds: w.creationFee()}).GasUsed
}

// shares is who's bank balance of the share denom.
func (w *compounderWorld) shares(who sdk.AccAddress) math.Int {
	return w.c.Balance(who, w.share).Amount
}

// withdraw sends n shares of who with {"withdraw":{}}.
func (w *compounderWorld) withdraw(t *testing.T, who *harness.Account, n math.Int) harness.TxResult {
	t.Helper()
	return w.exec(t, who, `{"withdraw":{}}`, sdk.NewCoins(sdk.NewCoin(w.share, n)))
}

func newCompounderWorld(t *testing.T, validators int, users ...string) *compounderWorld {
	return newCompounderWorldOn(t, validators, validators, users...)
}

// newCompounderWorldOn runs a chain of chainVals validators and configures the compounder with
// the first configured of them.
func newCompounderWorldOn(t *testing.T, chainVals, configured int, users ...string) *compounderWorld {
	cfg := harness.DefaultConfig()
	cfg.Validators = chainVals
	if chainVals > 5 {
		cfg.VotingPeriod = 10 * time.Minute // every validator votes on the listing, one block each
	}
	return newCompounderWorldCfg(t, cfg, configured, users...)
}

// newCompounderWorldCfg runs a chain of cfg and configures the compounder with the first
// configured of its validators.
func newCompounderWorldCfg(t *testing.T, cfg harness.Config, configured int, users ...string) *compounderWorld {
	cfg.Funds = map[string]sdk.Coins{
		"lp":       sdk.NewCoins(sdk.NewInt64Coin(asset, 100_000_000_000), sdk.NewInt64Coin(app.BondDenom, 100_000_000_000)),
		"keeper":   sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000)),
		"treasury": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1)),
	}
	for _, u := range users {
		cfg.Funds[u] = assetCoins(10_000_000)
	}
	c := harness.NewChain(t, cfg)
	c.CreateAlliance(harness.AllianceSpec{Denom: asset, RewardWeight: "1", WeightMax: "10"})
	w := &compounderWorld{c: c, treasury: c.Account("treasury")}
	lp := c.Account("lp")
	pairCode := c.StoreCode(lp, harness.Fixture(t, "pair.wasm"))
	compCode := c.StoreCode(lp, harness.Fixture(t, "compounder.wasm"))
	w.pair = deployNativePair(t, c, lp, pairCode, asset, app.BondDenom, 30)
	provideNative(t, c, lp, w.pair, sdk.NewInt64Coin(asset, 50_000_000_000), sdk.NewInt64Coin(app.BondDenom, 50_000_000_000))
	w.provided = c.Time()
	for _, v := range c.Validators()[:configured] {
		w.vals = append(w.vals, v.ValAddr.String())
	}
	vals, _ := json.Marshal(w.vals)
	// The share denom's creation fee (the token factory's param) goes with the instantiation.
	w.instMsg = []byte(`{"asset_denom":"` + asset + `","validators":` + string(vals) +
		`,"routes":[{"denom":"` + app.BondDenom + `","pair":"` + w.pair.String() + `"}],"fee_bps":500,"fee_recipient":"` + w.treasury.Address.String() +
		`","harvest_interval":60,"max_spread":"0.05","twap_window":60,"share":{"symbol":"cuasset","name":"Compounded uasset","decimals":6}}`)
	w.comp = c.Instantiate(lp, compCode, "compounder", w.instMsg, w.creationFee())
	w.share = "factory/" + w.comp.String() + "/cuasset"
	return w
}

func (w *compounderWorld) exec(t *testing.T, who *harness.Account, msg string, funds sdk.Coins) harness.TxResult {
	t.Helper()
	res := w.c.Execute(who, w.comp, []byte(msg), funds)
	require.NoError(t, res.Err(), msg)
	return res
}

type compState struct {
	TotalStaked  string  `json:"total_staked"`
	TotalShares  string  `json:"total_shares"`
	QueuedShares string  `json:"queued_shares,omitempty"`
	ExchangeRate string  `json:"exchange_rate"`
	LastHarvest  *string `json:"last_harvest"`
}

func (w *compounderWorld) state(t *testing.T) compState {
	t.Helper()
	var s compState
	require.NoError(t, w.c.QuerySmart(w.comp, []byte(`{"state":{}}`), &s))
	return s
}

// staked is the contract's alliance stake of the asset, from the chain's delegations list (which,
// unlike the per-validator query, still lists stake on a validator x/staking deleted).
func (w *compounderWorld) staked() math.Int {
	res, err := w.c.AllianceQueries().AlliancesDelegation(w.c.Context(), &alliancetypes.QueryAlliancesDelegationsRequest{DelegatorAddr: w.comp.String()})
	if err != nil {
		panic(err)
	}
	sum := math.ZeroInt()
	for _, d := range res.Delegations {
		if d.Balance.Denom == asset {
			sum = sum.Add(d.Balance.Amount)
		}
	}
	return sum
}

func mustInt(t *testing.T, s string) math.Int {
	t.Helper()
	v, ok := math.NewIntFromString(s)
	require.True(t, ok, s)
	return v
}

func TestCompounderOnChain(t *testing.T) {
	w := newCompounderWorld(t, 1, "alice", "bob")
	c := w.c
	alice, bob, keeper := c.Account("alice"), c.Account("bob"), c.Account("keeper")

	// Deposits: alice first (1,000 shares locked). Bob buys in at the vault's value: the stake plus
	// the rewards alice's stake earned in the block between, which his delegation paid into the
	// contract (the chain claims before any change of a delegation), net of the 5 % fee, at the
	// pair's TWAP (exactly 1: the pool is 50e9/50e9 and untouched).
	w.exec(t, alice, `{"deposit":{}}`, assetCoins(3_000_000))
	res := w.exec(t, bob, `{"deposit":{}}`, assetCoins(1_000_000))
	paidIn := c.Balance(w.comp, app.BondDenom).Amount
	require.True(t, paidIn.IsPositive())
	value := math.NewInt(3_000_000).Add(paidIn).Sub(paidIn.MulRaw(500).QuoRaw(10_000))
	require.Equal(t, value.String(), harness.MustAttr(t, res, "wasm", "value"))
	bobShares := math.NewInt(1_000_000).MulRaw(3_000_000).Quo(value) // floor
	require.Equal(t, bobShares.String(), harness.MustAttr(t, res, "wasm", "shares"))
	supply := bobShares.AddRaw(3_000_000)
	st := w.state(t)
	require.Equal(t, "4000000", st.TotalStaked)
	require.Equal(t, supply.String(), st.TotalShares)
	require.Equal(t, math.LegacyNewDec(4_000_000).QuoInt(supply).String(), math.LegacyMustNewDecFromStr(st.ExchangeRate).String())
	require.Equal(t, math.NewInt(4_000_000), w.staked())
	// The shares are the bank denom: alice's 2,999,000 and bob's are their bank balances, the
	// 1,000 locked the contract's own; the bank supply is total_shares. Its metadata was set at
	// instantiation.
	require.Equal(t, math.NewInt(2_999_000), w.shares(alice.Address))
	require.Equal(t, bobShares, w.shares(bob.Address))
	require.Equal(t, math.NewInt(1_000), w.shares(w.comp))
	require.Equal(t, supply, c.App.BankKeeper.GetSupply(c.Context(), w.share).Amount)
	md, ok := c.App.BankKeeper.GetDenomMetaData(c.Context(), w.share)
	require.True(t, ok)
	require.Equal(t, banktypes.Metadata{Description: "compounder shares of " + asset, Base: w.share, Display: "cuasset",
		Name: "Compounded uasset", Symbol: "cuasset", DenomUnits: []*banktypes.DenomUnit{{Denom: w.share}, {Denom: "cuasset", Exponent: 6}}}, md)

	// First harvest rule: 15 s of pool liquidity since the instantiate observation (two deposit
	// blocks and this one) is not a window; the tx fails and changes nothing.
	tooSoon := c.Execute(keeper, w.comp, []byte(`{"harvest":{}}`), nil)
	require.Error(t, tooSoon.Err())
	require.Contains(t, tooSoon.Log, "price observation for "+app.BondDenom+" too recent: 15 s of pool liquidity since it, twap_window is 60 s")

	// Blocks pass; rewards accrue in the bond denom.
	c.NextBlocks(10)

	// A sandwich's front half in the harvest's own transaction (so: same block, before it): the lp
	// sells 5,000,000,000 stake into the 50e9/50e9 pool, moving the stake price down by ~17%, far
	// beyond max_spread 5%. The TWAP (which gives the same-block swap no weight) still says 1:1, so
	// the harvest refuses and the whole transaction, swap included, reverts.
	lp := c.Account("lp")
	pairStake := c.Balance(w.pair, app.BondDenom).Amount
	lpAssetBefore := c.Balance(lp.Address, asset).Amount
	sandwich := c.Deliver(lp,
		&wasmtypes.MsgExecuteContract{Sender: lp.Address.String(), Contract: w.pair.String(),
			Msg:   []byte(`{"swap":{"offer_asset":{"info":{"native_token":{"denom":"` + app.BondDenom + `"}},"amount":"5000000000"},"max_spread":"0.5"}}`),
			Funds: sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 5_000_000_000))},
		&wasmtypes.MsgExecuteContract{Sender: lp.Address.String(), Contract: w.comp.String(), Msg: []byte(`{"harvest":{}}`)})
	require.Error(t, sandwich.Err())
	require.Contains(t, sandwich.Log, "(the TWAP value less max_spread): harvest refused")
	require.Equal(t, pairStake, c.Balance(w.pair, app.BondDenom).Amount)
	require.Equal(t, lpAssetBefore, c.Balance(lp.Address, asset).Amount)
	pairPoolBefore := c.Balance(w.pair, asset).Amount
	treasuryBefore := c.Balance(w.treasury.Address, app.BondDenom).Amount
	// Bob's deposit already paid the rewards pending then (the chain claims before any change of
	// a delegation): they wait in the contract and are harvested too.
	loose := c.Balance(w.comp, app.BondDenom).Amount
	require.Equal(t, paidIn, loose)
	res = w.exec(t, keeper, `{"harvest":{}}`, nil)
	claimed := harness.MustAttr(t, res, "wasm-compounder-harvest", "claimed")
	fee := harness.MustAttr(t, res, "wasm-compounder-harvest", "fee")
	received := mustInt(t, strings.TrimSuffix(harness.MustAttr(t, res, "wasm-compounder-harvest", "received"), asset))
	claimedAmt := mustInt(t, strings.TrimSuffix(claimed, app.BondDenom))
	feeAmt := mustInt(t, strings.TrimSuffix(fee, app.BondDenom))
	t.Logf("harvest: claimed %s, fee %s, received %s%s", claimed, fee, received, asset)
	require.True(t, claimedAmt.IsPositive())
	// fee = floor((loose + claimed) · 500/10000).
	require.Equal(t, loose.Add(claimedAmt).MulRaw(500).QuoRaw(10_000), feeAmt)
	require.Equal(t, treasuryBefore.Add(feeAmt), c.Balance(w.treasury.Address, app.BondDenom).Amount)
	// The pair paid exactly what was restaked; the contract holds nothing loose.
	require.Equal(t, pairPoolBefore.Sub(received), c.Balance(w.pair, asset).Amount)
	require.True(t, c.Balance(w.comp, asset).IsZero())
	require.True(t, c.Balance(w.comp, app.BondDenom).IsZero())
	require.Equal(t, math.NewInt(4_000_000).Add(received), w.staked())
	st = w.state(t)
	require.Equal(t, w.staked().String(), st.TotalStaked)
	rate, err := math.LegacyNewDecFromStr(st.ExchangeRate)
	require.NoError(t, err)
	require.True(t, rate.GT(math.LegacyOneDec()), "rate %s", rate)
	require.Equal(t, math.LegacyNewDecFromInt(w.staked()).QuoInt(supply).String(), rate.String()) // floor

	// The pair's oracle on chain: the price was exactly 1 (50e9/50e9) from the provision until the
	// harvest's swap in the last block, and the reverted sandwich left no trace, so both cumulative
	// prices are 10^18 · the seconds since the provision.
	var cum struct {
		Denoms        []string `json:"denoms"`
		Cumulative    []string `json:"cumulative"`
		LiquidSeconds string   `json:"liquid_seconds"`
		Time          string   `json:"time"`
	}
	require.NoError(t, c.QuerySmart(w.pair, []byte(`{"cumulative_prices":{}}`), &cum))
	require.Equal(t, []string{asset, app.BondDenom}, cum.Denoms)
	require.Equal(t, fmt.Sprint(c.Time().Unix()), cum.Time)
	liquid := int64(c.Time().Sub(w.provided) / time.Second)
	require.Equal(t, fmt.Sprint(liquid), cum.LiquidSeconds)
	oneE18 := math.NewIntWithDecimal(1, 18)
	require.Equal(t, []string{oneE18.MulRaw(liquid).String(), oneE18.MulRaw(liquid).String()}, cum.Cumulative)

	// The interval guard holds on chain: the tx fails and changes nothing.
	again := c.Execute(keeper, w.comp, []byte(`{"harvest":{}}`), nil)
	require.Error(t, again.Err())
	require.Contains(t, again.Log, "harvest too early")

	// Alice withdraws all 2,999,000 shares: they queue in batch 0; nothing leaves the chain stake
	// until the batch is processed, an unbond_epoch after it opened (the chain's unbonding time is
	// 24 h and max_entries 7: the default epoch is floor(86,400 / 7) + 1 = 12,343 s).
	res = w.withdraw(t, alice, math.NewInt(2_999_000))
	require.Equal(t, "0", harness.MustAttr(t, res, "wasm", "batch_id"))
	// Sent with the message and burned: the bank supply is what total_shares counts.
	require.True(t, w.shares(alice.Address).IsZero())
	require.Equal(t, supply.SubRaw(2_999_000), c.App.BankKeeper.GetSupply(c.Context(), w.share).Amount)
	require.Equal(t, supply.SubRaw(2_999_000).String(), w.state(t).TotalShares)
	total := w.staked()
	var cfgQ struct {
		UnbondEpoch uint64 `json:"unbond_epoch"`
	}
	require.NoError(t, c.QuerySmart(w.comp, []byte(`{"config":{}}`), &cfgQ))
	require.Equal(t, uint64(12_343), cfgQ.UnbondEpoch)
	early := c.Execute(keeper, w.comp, []byte(`{"process_withdrawals":{}}`), nil)
	require.Error(t, early.Err())
	require.Contains(t, early.Log, "batch 0 cannot be processed before")
	c.AdvanceTime(12_343 * time.Second)
	// The batch's value: floor(2,999,000 · staked / (shares + queued)), from the only validator.
	total = w.staked()
	want := total.MulRaw(2_999_000).Quo(supply)
	res = w.exec(t, keeper, `{"process_withdrawals":{}}`, nil)
	require.Equal(t, want.String(), harness.MustAttr(t, res, "wasm", "amount"))
	require.Equal(t, total.Sub(want), w.staked())
	var claims struct {
		Claims []struct {
			BatchID   uint64  `json:"batch_id"`
			Shares    string  `json:"shares"`
			Amount    *string `json:"amount"`
			ReleaseAt *string `json:"release_at"`
			Payout    *string `json:"payout"`
		} `json:"claims"`
	}
	require.NoError(t, c.QuerySmart(w.comp, []byte(`{"claims":{"address":"`+alice.Address.String()+`"}}`), &claims))
	require.Len(t, claims.Claims, 1)
	require.Equal(t, "2999000", claims.Claims[0].Shares)
	require.Equal(t, want.String(), *claims.Claims[0].Amount)
	require.Nil(t, claims.Claims[0].Payout, "settled only after the chain pays the unbonding entries")
	require.Equal(t, fmt.Sprint(c.Time().Add(harness.DefaultConfig().UnbondingTime).UnixNano()), *claims.Claims[0].ReleaseAt)

	early = c.Execute(alice, w.comp, []byte(`{"claim":{}}`), nil)
	require.Contains(t, early.Log, "nothing to claim yet")
	c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
	before := c.Balance(alice.Address, asset).Amount
	w.exec(t, alice, `{"claim":{}}`, nil)
	got := c.Balance(alice.Address, asset).Amount.Sub(before)
	// No slash while unbonding: the chain returned the whole amount and the batch settled at it.
	require.Equal(t, want, got)
	require.True(t, c.Balance(w.comp, asset).IsZero(), "nothing owed, no surplus")
	require.True(t, got.GT(math.NewInt(3_000_000)), "alice deposited 3,000,000 and got %s back", got)
	t.Logf("alice deposited 3000000 and withdrew %s", got)
}

// TestCompounderGas prints the SDK gas of deposit (before a harvest and after one), harvest,
// withdraw (queue), process_withdrawals, claim and the instantiation with 1 and 5 configured validators, on a chain of as many validators and on one of 30
// (the cost of a call must not grow with the chain's validator set, only with the configured one).
func TestCompounderGas(t *testing.T) {
	type row struct {
		chain, vals                                                    int
		instantiate, deposit, harvest, later, withdraw, process, claim int64
	}
	var rows []row
	for _, n := range [][2]int{{1, 1}, {5, 5}, {30, 1}, {30, 5}} {
		users := []string{"u0", "u1", "u2", "u3", "u4"}
		w := newCompounderWorldOn(t, n[0], n[1], users...)
		r := row{chain: n[0], vals: n[1], instantiate: w.instantiateGas(t)}
		// One deposit per validator, so every validator holds stake (deposits go to the least staked).
		for i, u := range users {
			res := w.exec(t, w.c.Account(u), `{"deposit":{}}`, assetCoins(2_000_000))
			if i == 1 {
				r.deposit = res.GasUsed
			}
		}
		w.c.NextBlocks(10)
		res := w.exec(t, w.c.Account("keeper"), `{"harvest":{}}`, nil)
		r.harvest = res.GasUsed
		// A deposit after a harvest prices the rewards at the harvest's TWAP (no pair query).
		w.c.NextBlocks(2)
		res = w.exec(t, w.c.Account("u0"), `{"deposit":{}}`, assetCoins(1_000_000))
		r.later = res.GasUsed
		res = w.withdraw(t, w.c.Account("u1"), math.NewInt(1_000_000))
		r.withdraw = res.GasUsed
		w.c.AdvanceTime(12_343 * time.Second)
		res = w.exec(t, w.c.Account("keeper"), `{"process_withdrawals":{}}`, nil)
		r.process = res.GasUsed
		require.Equal(t, w.staked().String(), w.state(t).TotalStaked)
		w.c.AdvanceTime(harness.DefaultConfig().UnbondingTime + time.Minute)
		res = w.exec(t, w.c.Account("u1"), `{"claim":{}}`, nil)
		r.claim = res.GasUsed
		rows = append(rows, r)
	}
	t.Logf("compounder SDK gas (tx GasUsed, incl. ante):")
	t.Logf("(deposit: before any harvest, rewards priced at the pair's TWAP; later: after a harvest, at its TWAP)")
	t.Logf("(instantiate: creates the share denom with its metadata, which the token factory charges 2,000,000 gas)")
	t.Logf("%-6s %-11s %11s %10s %10s %10s %10s %10s %10s", "chain", "configured", "instantiate", "deposit", "harvest", "later", "withdraw", "process", "claim")
	for _, r := range rows {
		t.Logf("%-6d %-11d %11d %10d %10d %10d %10d %10d %10d", r.chain, r.vals, r.instantiate, r.deposit, r.harvest, r.later, r.withdraw, r.process, r.claim)
	}
	require.Greater(t, rows[1].harvest, rows[0].harvest, "harvest claims from every validator")
}
