package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	wasmkeeper "github.com/CosmWasm/wasmd/x/wasm/keeper"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/alliancewasm/alliancewasm/app"
	bt "github.com/alliancewasm/alliancewasm/bindings/types"
	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

const (
	guardAsset = "uasset"
	// the IBC voucher of another chain's compounder share
	guardVoucher = "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2"
)

// guardChain is the real app with wasmd's Rust reflect contract standing in
// for our contracts: reflect dispatches whatever it is told, through the
// chain's own custom bindings (alliance and token factory) and wasm's
// StakingMsg, so the guard is met on the path a compounder's messages take.
type guardChain struct {
	*harness.Chain
	t     *testing.T
	owner *harness.Account
	code  uint64
	val   string
}

func newGuardChain(t *testing.T) *guardChain {
	code, err := harness.WasmdTestdata("reflect_2_0.wasm")
	require.NoError(t, err)
	cfg := harness.DefaultConfig()
	cfg.WasmOptions = []wasmkeeper.Option{harness.ReflectEnvelopeEncoder()}
	cfg.Funds = map[string]sdk.Coins{
		"owner":  sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 200_000_000), sdk.NewInt64Coin(guardAsset, 10_000_000)),
		"holder": sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 1_000_000), sdk.NewInt64Coin(guardVoucher, 3_000_000)),
	}
	c := harness.NewChain(t, cfg)
	g := &guardChain{Chain: c, t: t, owner: c.Account("owner"), val: c.Validators()[0].ValAddr.String()}
	g.code = c.StoreCode(g.owner, code)
	c.CreateAlliance(harness.AllianceSpec{Denom: guardAsset, RewardWeight: "0.5"})
	return g
}

// contract instantiates a reflect contract holding 10M stake (the denom
// creation fee) and uasset coins of uasset.
func (g *guardChain) contract(label string, uasset int64) sdk.AccAddress {
	funds := sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 10_000_000))
	if uasset > 0 {
		funds = funds.Add(sdk.NewInt64Coin(guardAsset, uasset))
	}
	return g.Instantiate(g.owner, g.code, label, map[string]any{}, funds)
}

func (g *guardChain) reflect(contract sdk.AccAddress, msg map[string]any) harness.TxResult {
	return g.Execute(g.owner, contract, map[string]any{"reflect_msg": map[string]any{"msgs": []any{msg}}}, nil)
}

func custom(t *testing.T, v any) map[string]any {
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	return map[string]any{"custom": map[string]any{"raw": raw}}
}

// createDenom has contract create factory/{contract}/sub and mint amount to
// itself, through the token factory bindings.
func (g *guardChain) createDenom(contract sdk.AccAddress, sub string, amount int64) string {
	require.NoError(g.t, g.reflect(contract, custom(g.t, bt.TokenFactoryCustomMsg{TokenFactory: &bt.TokenFactoryMsg{CreateDenom: &bt.CreateDenom{Subdenom: sub}}})).Err())
	denom := "factory/" + contract.String() + "/" + sub
	if amount > 0 {
		require.NoError(g.t, g.reflect(contract, custom(g.t, bt.TokenFactoryCustomMsg{TokenFactory: &bt.TokenFactoryMsg{
			Mint: &bt.MintTokens{Denom: denom, Amount: math.NewInt(amount).String(), MintToAddress: contract.String()}}})).Err())
	}
	return denom
}

// allianceDelegate: contract stakes through the alliance binding.
func (g *guardChain) allianceDelegate(contract sdk.AccAddress, denom string, amount int64) harness.TxResult {
	return g.reflect(contract, custom(g.t, bt.CustomMsg{Alliance: &bt.AllianceMsg{Delegate: &bt.Delegate{
		Validator: g.val, Amount: bt.Coin{Denom: denom, Amount: math.NewInt(amount).String()}}}}))
}

// nativeDelegate: contract stakes through wasm's StakingMsg (x/staking).
func (g *guardChain) nativeDelegate(contract sdk.AccAddress, amount int64) harness.TxResult {
	return g.reflect(contract, map[string]any{"staking": map[string]any{"delegate": map[string]any{
		"validator": g.val, "amount": map[string]any{"denom": app.BondDenom, "amount": math.NewInt(amount).String()}}}})
}

func (g *guardChain) list(denom string) *govv1.Proposal {
	return g.SubmitAndVote("list "+denom, &alliancetypes.MsgCreateAlliance{
		Authority: g.GovAuthority(), Denom: denom, RewardWeight: math.LegacyMustNewDecFromStr("0.5"), TakeRate: math.LegacyZeroDec(),
		RewardChangeRate: math.LegacyOneDec(), RewardWeightRange: alliancetypes.RewardWeightRange{Min: math.LegacyZeroDec(), Max: math.LegacyNewDec(10)},
	})
}

func (g *guardChain) listed(denom string) bool {
	_, err := g.App.AllianceKeeper.GetAsset(g.Context(), denom)
	return err == nil
}

// A compounder-like contract stakes uasset through the alliance binding and
// issues its share with the real token factory: gov's listing of the share
// fails at execution with error 81 naming the contract, and the share is
// not listed.
func TestSameChainShareOfStakingContractIsNotListed(t *testing.T) {
	g := newGuardChain(t)
	comp := g.contract("compounder", 1_000_000)
	share := g.createDenom(comp, "ushare", 1_000_000)
	require.NoError(t, g.allianceDelegate(comp, guardAsset, 600_000).Err())
	require.Equal(t, math.NewInt(600_000), g.AllianceDelegationAmount(comp, g.Validators()[0].ValAddr, guardAsset))

	p := g.list(share)
	require.Equal(t, govv1.StatusFailed, p.Status)
	require.Contains(t, p.FailedReason, share+": creator "+comp.String()+" holds alliance stake ("+guardAsset+" on "+g.val+"): "+
		alliancetypes.ErrFactoryCreatorStakes.Error())
	require.False(t, g.listed(share))

	// A liquid-staking-like contract holding x/staking stake: the same.
	lst := g.contract("lst", 0)
	amp := g.createDenom(lst, "uamp", 0)
	g.Fund(lst, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 100)))
	require.NoError(t, g.nativeDelegate(lst, 100).Err())
	p = g.list(amp)
	require.Equal(t, govv1.StatusFailed, p.Status)
	require.Contains(t, p.FailedReason, "holds native stake (x/staking delegation to "+g.val+")")
	require.False(t, g.listed(amp))
}

// Listed first (the contract held no stake yet): the contract's stake is
// refused afterwards, through the alliance binding and through wasm's
// StakingMsg (the x/staking hook), with error 82; its balances do not move.
func TestCreatorOfListedShareCannotStakeThroughBindings(t *testing.T) {
	g := newGuardChain(t)
	comp := g.contract("compounder", 1_000_000)
	share := g.createDenom(comp, "ushare", 0)
	g.Fund(comp, sdk.NewCoins(sdk.NewInt64Coin(app.BondDenom, 100)))
	require.Equal(t, govv1.StatusPassed, g.list(share).Status)

	refusal := comp.String() + " created " + share + ": " + alliancetypes.ErrListedFactoryCreator.Error()
	for _, res := range []harness.TxResult{g.allianceDelegate(comp, guardAsset, 600_000), g.nativeDelegate(comp, 100)} {
		require.Equal(t, []any{alliancetypes.ModuleName, uint32(82)}, []any{res.Codespace, res.Code}, res.Log)
		require.Contains(t, res.Log, refusal)
	}
	require.Equal(t, int64(1_000_000), g.Balance(comp, guardAsset).Amount.Int64())
	require.Equal(t, int64(100), g.Balance(comp, app.BondDenom).Amount.Int64()) // 10M paid as the creation fee, 100 funded after
}

// What the guard must leave working: a pair-like contract that never stakes
// has its LP denom listed and a holder stakes it; an IBC voucher of another
// chain's share is listed and staked (the second-yield story).
func TestLPDenomAndIBCVoucherAreListedAndStaked(t *testing.T) {
	g := newGuardChain(t)
	pair := g.contract("pair", 0)
	lp := g.createDenom(pair, "ulp", 0)
	holder := g.Account("holder")
	require.NoError(t, g.reflect(pair, custom(t, bt.TokenFactoryCustomMsg{TokenFactory: &bt.TokenFactoryMsg{
		Mint: &bt.MintTokens{Denom: lp, Amount: "2000000", MintToAddress: holder.Address.String()}}})).Err())
	for _, d := range []string{lp, guardVoucher} {
		require.Equal(t, govv1.StatusPassed, g.list(d).Status, d)
	}
	val := g.Validators()[0].ValAddr
	for d, amt := range map[string]int64{lp: 2_000_000, guardVoucher: 3_000_000} {
		g.MustDeliver(holder, &alliancetypes.MsgDelegate{DelegatorAddress: holder.Address.String(), ValidatorAddress: g.val, Amount: sdk.NewInt64Coin(d, amt)})
		require.Equal(t, math.NewInt(amt), g.AllianceDelegationAmount(holder.Address, val, d), d)
	}
	require.True(t, strings.HasPrefix(lp, alliancetypes.FactoryDenomPrefix))
}
