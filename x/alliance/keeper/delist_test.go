package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// delistMsg sends MsgDeleteAlliance as the gov authority.
func delistMsg(f *testutil.Fixture, denom string) error {
	_, err := f.MsgServer.DeleteAlliance(f.Ctx, &types.MsgDeleteAlliance{Authority: f.Authority, Denom: denom})
	return err
}

// delegationsOfDenom counts the delegations of denom.
func delegationsOfDenom(t *testing.T, f *testutil.Fixture, denom string) int {
	t.Helper()
	n := 0
	require.NoError(t, f.Alliance.Delegations.Walk(f.Ctx, nil, func(k keeper.DelegationKey, _ types.Delegation) (bool, error) {
		if k.K3() == denom {
			n++
		}
		return false, nil
	}))
	return n
}

// Two validators (self-bond 1e6 each, native bonded 2e6), aaa at weight 0.5
// (Alice 1000 on v1) and bbb at weight 1 (Bob 2000 on v1): virtual stake on
// v1 = 0.5 × 2e6 + 1 × 2e6 = 3e6, so v1 has 4e6 tokens and a reward of 4000
// gives the module 3000, split 1:2 → aaa 1000, bbb 2000. After the delisting
// aaa earns nothing: v1 has 1e6 + 2e6 tokens, a reward of 3000 gives the
// module 2000, all bbb's.
func TestDelistWithStakeWindsDownAndRemovesTheAsset(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", dec("0.5"), dec("0.1"))
	listed(t, f, "bbb", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("bbb", 2000))
	carol := fund(t, f, "carol", coin("aaa", 50))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	delegate(t, f, bob, v1, coin("bbb", 2000))
	endBlock(t, f, time.Second)
	require.Equal(t, int64(3_000_000), f.VirtualStake(v1).Int64())
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 4000))))
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), pending(t, f, alice, v1, "aaa"))

	delistAt := f.Ctx.BlockTime()
	require.NoError(t, delistMsg(f, "aaa"))
	a := asset(t, f, "aaa")
	require.True(t, a.Delisting())
	require.Equal(t, delistAt.Add(testutil.UnbondingIn), *a.DelistCompletionTime)
	require.True(t, a.RewardWeight.IsZero())
	require.True(t, a.TakeRate.IsZero())

	// refused while it winds down, each with its registered error, state unchanged
	_, err := f.MsgServer.Delegate(f.Ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(carol), ValidatorAddress: f.ValStr(v1), Amount: coin("aaa", 50)})
	require.ErrorIs(t, err, types.ErrAssetDelisting)
	_, err = f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice), ValidatorSrcAddress: f.ValStr(v1), ValidatorDstAddress: f.ValStr(v2), Amount: coin("aaa", 10)})
	require.ErrorIs(t, err, types.ErrAssetDelisting)
	require.ErrorIs(t, f.CreateAlliance("aaa", one, zero, one, 0, zero, one), types.ErrRelistDuringDelisting)
	_, err = f.MsgServer.UpdateAlliance(f.Ctx, &types.MsgUpdateAlliance{Authority: f.Authority, Denom: "aaa", RewardWeight: one, TakeRate: zero,
		RewardChangeRate: one, RewardWeightRange: types.RewardWeightRange{Min: zero, Max: one}})
	require.ErrorIs(t, err, types.ErrAssetDelisting)
	require.ErrorIs(t, delistMsg(f, "aaa"), types.ErrAssetDelisting)
	require.Equal(t, int64(50), f.Balance(carol, "aaa").Int64())
	require.Equal(t, int64(1000), balanceOf(t, f, alice, v1, "aaa").Int64())

	// the wind-down: Alice's delegation is undelegated, her 1000 rewards paid
	endBlock(t, f, time.Second)
	require.Equal(t, 0, delegationsOfDenom(t, f, "aaa"))
	require.Equal(t, int64(1000), f.Balance(alice, testutil.BondDenom).Int64())
	u, err := f.Query.AllianceUnbondingsByDelegator(f.Ctx, &types.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: f.AccStr(alice)})
	require.NoError(t, err)
	require.Len(t, u.Unbondings, 1)
	require.Equal(t, int64(1000), u.Unbondings[0].Amount.Int64())
	require.Equal(t, delistAt.Add(testutil.UnbondingIn), u.Unbondings[0].CompletionTime)
	// its virtual stake is gone; bbb's stays
	require.Equal(t, int64(2_000_000), f.VirtualStake(v1).Int64())
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 3000))))
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 4000)), pending(t, f, bob, v1, "bbb")) // 2000 + 2000

	// still answered while it winds down, with its completion time; no take
	// rate although intervals pass
	endBlock(t, f, 10*time.Minute)
	res, err := f.Query.Alliance(f.Ctx, &types.QueryAllianceRequest{Denom: "aaa"})
	require.NoError(t, err)
	require.Equal(t, delistAt.Add(testutil.UnbondingIn), *res.Alliance.DelistCompletionTime)
	require.True(t, f.ModuleBalance(authtypes.FeeCollectorName, "aaa").IsZero())

	// completion: Alice is paid exactly her 1000, the record is gone
	endBlock(t, f, testutil.UnbondingIn-10*time.Minute-time.Second) // to delistAt + UnbondingIn
	require.True(t, f.Ctx.BlockTime().Equal(delistAt.Add(testutil.UnbondingIn)))
	endBlock(t, f, time.Second)
	require.Equal(t, int64(1000), f.Balance(alice, "aaa").Int64())
	_, err = f.Alliance.GetAsset(f.Ctx, "aaa")
	require.ErrorIs(t, err, types.ErrUnknownAsset)
	has, err := f.Alliance.DelistCursors.Has(f.Ctx, "aaa")
	require.NoError(t, err)
	require.False(t, has)
	require.True(t, f.ModuleBalance(types.ModuleName, "aaa").IsZero())
	// and it can be listed again
	listed(t, f, "aaa", one, zero)
	delegate(t, f, carol, v1, coin("aaa", 50))
	endBlock(t, f, time.Second)
}

// A chain with many delegations of the asset is not wound down in one
// block: at most keeper.DelistBatchSize delegations are undelegated per
// EndBlock (here 2.5 batches: 250 delegators of aaa, with delegations of bbb
// in between that the walk skips). The entry cap is no obstacle: Dave has
// MaxEntries (7) undelegations pending on v already. No take rate is charged
// while the wind-down runs, although 5-minute intervals pass.
func TestDelistingUndelegatesInBoundedBatches(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, dec("0.1"))
	listed(t, f, "bbb", one, zero)
	const holders = 2*keeper.DelistBatchSize + keeper.DelistBatchSize/2
	for i := 0; i < holders; i++ {
		u := fund(t, f, fmt.Sprintf("user%d", i), coin("aaa", 10), coin("bbb", 10))
		delegate(t, f, u, v, coin("aaa", 10))
		if i%2 == 0 {
			delegate(t, f, u, v, coin("bbb", 10))
		}
	}
	dave := fund(t, f, "dave", coin("aaa", 100))
	delegate(t, f, dave, v, coin("aaa", 100))
	endBlock(t, f, time.Second)
	for i := 0; i < 7; i++ {
		undelegateMsg(t, f, dave, v, coin("aaa", 1))
	}
	_, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(dave), ValidatorAddress: f.ValStr(v), Amount: coin("aaa", 1)})
	require.ErrorIs(t, err, types.ErrMaxUnbondingEntries)

	delistAt := f.Ctx.BlockTime()
	require.NoError(t, delistMsg(f, "aaa"))
	left := holders + 1
	for i, want := range []int{left - keeper.DelistBatchSize, left - 2*keeper.DelistBatchSize, 0} {
		endBlock(t, f, 5*time.Minute)
		require.Equal(t, want, delegationsOfDenom(t, f, "aaa"))
		if i == 0 {
			// A holder the wind-down has not reached yet leaves on her own
			// 5 minutes later: her undelegation completes with the
			// wind-down's, not 5 minutes after it.
			erin := firstHolderOf(t, f, "aaa")
			res, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(erin), ValidatorAddress: f.ValStr(v), Amount: coin("aaa", 4)})
			require.NoError(t, err)
			require.Equal(t, delistAt.Add(testutil.UnbondingIn), res.CompletionTime)
		}
	}
	require.Equal(t, holders/2+holders%2, delegationsOfDenom(t, f, "bbb"))
	require.True(t, asset(t, f, "aaa").TotalTokens.IsZero())
	require.True(t, f.ModuleBalance(authtypes.FeeCollectorName, "aaa").IsZero())
	require.Equal(t, map[string]int64{f.ValStr(v): 100}, unbondingsOf(t, f, dave)) // 7 × 1 + 93: 8 entries
	endBlock(t, f, testutil.UnbondingIn)
	endBlock(t, f, time.Second) // past delistAt + UnbondingIn: paid, then removed
	require.Equal(t, int64(10), f.Balance(testutil.Addr("user0"), "aaa").Int64())
	require.Equal(t, int64(100), f.Balance(dave, "aaa").Int64())
	_, err = f.Alliance.GetAsset(f.Ctx, "aaa")
	require.ErrorIs(t, err, types.ErrUnknownAsset)
}

// firstHolderOf is the delegator of the first delegation of denom in key order.
func firstHolderOf(t *testing.T, f *testutil.Fixture, denom string) sdk.AccAddress {
	t.Helper()
	var who sdk.AccAddress
	require.NoError(t, f.Alliance.Delegations.Walk(f.Ctx, nil, func(k keeper.DelegationKey, _ types.Delegation) (bool, error) {
		if k.K3() == denom {
			who = k.K1()
			return true, nil
		}
		return false, nil
	}))
	require.NotNil(t, who)
	return who
}
