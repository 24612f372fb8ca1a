package keeper_test

import (
	"strings"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// The registered texts of the same-chain guard's errors (codes 81, 82).
const (
	creatorStakesText = "the creator of this factory denom holds stake on this chain: its denom is a share of stake " +
		"that already earns here, and listing it would pay those rewards twice"
	listedCreatorText = "this address created a factory denom listed as an alliance asset: stake it added here " +
		"would earn twice (once itself, once through the listed denom)"
)

func createMsg(f *testutil.Fixture, denom string) *types.MsgCreateAlliance {
	return &types.MsgCreateAlliance{Authority: f.Authority, Denom: denom, RewardWeight: one, TakeRate: zero, RewardChangeRate: one,
		RewardWeightRange: types.RewardWeightRange{Min: zero, Max: math.LegacyNewDec(10)}}
}

// stakeNatively sends x/staking's MsgDelegate in a branch written only on
// success, as a tx is (x/distribution's hook writes before the alliance
// hook refuses).
func stakeNatively(f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, amt int64) error {
	ctx, write := f.Ctx.CacheContext()
	_, err := stakingkeeper.NewMsgServerImpl(f.Staking).Delegate(ctx, stakingtypes.NewMsgDelegate(f.AccStr(del), f.ValStr(val),
		sdk.NewInt64Coin(testutil.BondDenom, amt)))
	if err == nil {
		write()
	}
	return err
}

// A compounder-like creator (it holds alliance stake) cannot have its share
// denom listed; neither can a liquid-staking-like creator holding x/staking
// stake. Once the creator holds no delegation any more the listing passes
// (an unbonding earns nothing), and from then on the creator cannot bring
// the stake back: its cancel of that unbonding is refused.
func TestFactoryDenomOfAStakingCreatorIsNotListed(t *testing.T) {
	f := newFixture(t, 2)
	listed(t, f, "aaa", one, zero)
	comp := fund(t, f, "compounder", coin("aaa", 1_000))
	lst := fund(t, f, "lst", coin(testutil.BondDenom, 1_000))
	val := f.Validators[0]
	delegate(t, f, comp, val, coin("aaa", 600))
	require.NoError(t, stakeNatively(f, lst, val, 400))
	c, l, v := f.AccStr(comp), f.AccStr(lst), f.ValStr(val)
	share, lstDenom := "factory/"+c+"/ushare", "factory/"+l+"/uamp"

	requireRefused(t, f, []errorRow{
		{"compounder share: creator holds alliance stake", createMsg(f, share), types.ModuleName, 81,
			share + ": creator " + c + " holds alliance stake (aaa on " + v + "): " + creatorStakesText},
		{"liquid staking token: creator holds x/staking stake", createMsg(f, lstDenom), types.ModuleName, 81,
			lstDenom + ": creator " + l + " holds native stake (x/staking delegation to " + v + "): " + creatorStakesText},
		// The upper-case spelling names the same creator.
		{"compounder share, creator in upper case", createMsg(f, "factory/"+strings.ToUpper(c)+"/ushare"), types.ModuleName, 81,
			"factory/" + strings.ToUpper(c) + "/ushare: creator " + c + " holds alliance stake (aaa on " + v + "): " + creatorStakesText},
	})

	// The whole 600 leaves: the delegation is gone, an unbonding entry of
	// 600 made at this height stays.
	height := f.Ctx.BlockHeight()
	_, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: c, ValidatorAddress: v, Amount: coin("aaa", 600)})
	require.NoError(t, err)
	require.NoError(t, f.CreateAlliance(share, one, zero, one, 0, zero, math.LegacyNewDec(10)))

	requireRefused(t, f, []errorRow{
		{"cancel the unbonding back into stake", &types.MsgCancelUnbonding{DelegatorAddress: c, ValidatorAddress: v, Amount: coin("aaa", 600), CreationHeight: height},
			types.ModuleName, 82, c + " created " + share + ": " + listedCreatorText},
		{"delegate again", &types.MsgDelegate{DelegatorAddress: c, ValidatorAddress: v, Amount: coin("aaa", 400)},
			types.ModuleName, 82, c + " created " + share + ": " + listedCreatorText},
	})
	require.Equal(t, int64(400), f.Balance(comp, "aaa").Int64()) // 1000 - 600 unbonding
}

// Listed first: the creator of a listed factory denom cannot stake, neither
// in x/alliance (any asset) nor in x/staking (the hook refuses the new
// delegation and x/staking's Delegate returns the error); nothing changes.
// Any other address stakes the listed denom, and once gov delists it the
// creator stakes like anyone.
func TestCreatorOfAListedFactoryDenomCannotStake(t *testing.T) {
	f := newFixture(t, 1)
	listed(t, f, "aaa", one, zero)
	comp := fund(t, f, "compounder", coin("aaa", 1_000), coin(testutil.BondDenom, 1_000))
	c, v := f.AccStr(comp), f.ValStr(f.Validators[0])
	share := "factory/" + c + "/ushare"
	require.NoError(t, f.CreateAlliance(share, one, zero, one, 0, zero, math.LegacyNewDec(10)))
	alice := fund(t, f, "alice", coin(share, 500))

	refusal := c + " created " + share + ": " + listedCreatorText
	requireRefused(t, f, []errorRow{
		{"delegate another asset", &types.MsgDelegate{DelegatorAddress: c, ValidatorAddress: v, Amount: coin("aaa", 100)}, types.ModuleName, 82, refusal},
	})
	err := stakeNatively(f, comp, f.Validators[0], 100)
	space, code, log := errorsmod.ABCIInfo(err, false)
	require.Equal(t, []any{types.ModuleName, uint32(82), refusal}, []any{space, code, log})
	_, err = f.Staking.GetDelegation(f.Ctx, comp, f.Validators[0])
	require.ErrorIs(t, err, stakingtypes.ErrNoDelegation)
	require.Equal(t, int64(1_000), f.Balance(comp, testutil.BondDenom).Int64())
	require.Equal(t, int64(1_000), f.Balance(comp, "aaa").Int64())

	// A denom spelled with its creator in upper case (the token factory
	// accepts an upper-case sender) is that creator's all the same.
	minter := fund(t, f, "minter", coin("aaa", 100))
	m := f.AccStr(minter)
	upper := "factory/" + strings.ToUpper(m) + "/utoken"
	require.NoError(t, f.CreateAlliance(upper, one, zero, one, 0, zero, math.LegacyNewDec(10)))
	requireRefused(t, f, []errorRow{
		{"delegate, denom spelled in upper case", &types.MsgDelegate{DelegatorAddress: m, ValidatorAddress: v, Amount: coin("aaa", 100)},
			types.ModuleName, 82, m + " created " + upper + ": " + listedCreatorText},
	})

	// Holders of the share stake it; the guard is about its creator only.
	delegate(t, f, alice, f.Validators[0], coin(share, 500))
	require.Equal(t, int64(500), balanceOf(t, f, alice, f.Validators[0], share).Int64())

	// Delisted (Alice leaves first, so the record goes at once): the
	// creator stakes again, both ways.
	_, err = f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: v, Amount: coin(share, 500)})
	require.NoError(t, err)
	_, err = f.MsgServer.DeleteAlliance(f.Ctx, &types.MsgDeleteAlliance{Authority: f.Authority, Denom: share})
	require.NoError(t, err)
	delegate(t, f, comp, f.Validators[0], coin("aaa", 100))
	require.NoError(t, stakeNatively(f, comp, f.Validators[0], 100))
	require.Equal(t, int64(100), balanceOf(t, f, comp, f.Validators[0], "aaa").Int64())
}

// What the guard leaves alone: a pair-like creator that never stakes (its
// LP denom is listed and staked by its holders), an IBC voucher of another
// chain's share (the intended use), a denom that only looks like a factory
// denom, and the creator of a factory denom nobody listed.
func TestGuardLeavesLPDenomsAndIBCVouchersAlone(t *testing.T) {
	f := newFixture(t, 1)
	val := f.Validators[0]
	pair := testutil.Addr("pair")
	lp := "factory/" + f.AccStr(pair) + "/ulp"
	voucher := "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2"
	notFactory := "factory/notanaddress/ushare"
	for _, d := range []string{lp, voucher, notFactory} {
		require.NoError(t, f.CreateAlliance(d, one, zero, one, 0, zero, math.LegacyNewDec(10)), d)
	}
	// The voucher's holder is the creator of a factory denom of this chain
	// nobody listed: it stakes.
	issuer := fund(t, f, "issuer", coin(lp, 300), coin(voucher, 700))
	delegate(t, f, issuer, val, coin(lp, 300))
	delegate(t, f, issuer, val, coin(voucher, 700))
	require.Equal(t, int64(300), balanceOf(t, f, issuer, val, lp).Int64())
	require.Equal(t, int64(700), balanceOf(t, f, issuer, val, voucher).Int64())
	require.NoError(t, f.CreateAlliance("factory/"+f.AccStr(pair)+"/ulp2", one, zero, one, 0, zero, math.LegacyNewDec(10)))
}

// A chain that already lists such a denom (an import, or the upgrade from
// upstream, both through InitGenesis): the state imports as it is, nothing
// panics; the creator's stake stays and may leave or move, only new stake is
// refused.
func TestImportedListingOfAStakingCreatorIsKeptAndFrozen(t *testing.T) {
	f := newFixture(t, 2)
	listed(t, f, "aaa", one, zero)
	comp := fund(t, f, "compounder", coin("aaa", 1_000))
	c, v, v2 := f.AccStr(comp), f.ValStr(f.Validators[0]), f.ValStr(f.Validators[1])
	delegate(t, f, comp, f.Validators[0], coin("aaa", 600))
	share := "factory/" + c + "/ushare"

	gs, err := f.Alliance.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	gs.Assets = append(gs.Assets, types.NewAllianceAsset(share, one, zero, one, 0,
		types.RewardWeightRange{Min: zero, Max: math.LegacyNewDec(10)}, f.Ctx.BlockTime()))
	store := f.Ctx.KVStore(f.Keys[types.StoreKey])
	it := store.Iterator(nil, nil)
	var keys [][]byte
	for ; it.Valid(); it.Next() {
		keys = append(keys, it.Key())
	}
	require.NoError(t, it.Close())
	for _, k := range keys {
		store.Delete(k)
	}
	require.NoError(t, f.Alliance.InitGenesis(f.Ctx, gs))
	endBlock(t, f, 0)

	requireRefused(t, f, []errorRow{
		{"more stake", &types.MsgDelegate{DelegatorAddress: c, ValidatorAddress: v, Amount: coin("aaa", 100)},
			types.ModuleName, 82, c + " created " + share + ": " + listedCreatorText},
	})
	_, err = f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: c, ValidatorSrcAddress: v, ValidatorDstAddress: v2, Amount: coin("aaa", 200)})
	require.NoError(t, err)
	_, err = f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: c, ValidatorAddress: v, Amount: coin("aaa", 400)})
	require.NoError(t, err)
	require.Equal(t, int64(200), balanceOf(t, f, comp, f.Validators[1], "aaa").Int64())
	endBlock(t, f, 0)
}
