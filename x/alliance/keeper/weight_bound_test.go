package keeper_test

import (
	"testing"
	"time"

	cmttypes "github.com/cometbft/cometbft/types"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Issue 13 #6. The audit listed aaa at weight 2 growing 10× per hour up to
// 1e30 with 1,000 aaa staked: after 19 hours one validator's power was
// 2,000,000,000,000,000,001, past CometBFT's MaxTotalVotingPower
// (1,152,921,504,606,846,975), and the chain halted on the refused update.
// Such a range is now refused everywhere, and a schedule at the bound stops
// at types.MaxRewardWeight (10): power (1e6 native + 10 × 1e6 virtual)/1e6.
func TestUnboundedWeightScheduleIsRefusedAndCannotHaltTheChain(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	huge := math.LegacyNewDec(10).Power(30)
	err := f.CreateAlliance("aaa", math.LegacyNewDec(2), zero, math.LegacyNewDec(10), time.Hour, zero, huge)
	require.ErrorIs(t, err, types.ErrRewardWeightTooLarge)
	// just above the bound, and a weight above it with a matching range
	require.ErrorIs(t, f.CreateAlliance("aaa", one, zero, one, 0, zero, dec("10.000000000000000001")), types.ErrRewardWeightTooLarge)
	require.ErrorIs(t, f.CreateAlliance("aaa", math.LegacyNewDec(11), zero, one, 0, zero, math.LegacyNewDec(11)), types.ErrRewardWeightTooLarge)
	_, err = f.Alliance.GetAsset(f.Ctx, "aaa")
	require.ErrorIs(t, err, types.ErrUnknownAsset, "nothing listed")
	// genesis refuses it too
	gs := types.DefaultGenesisState()
	gs.Assets = append(gs.Assets, types.NewAllianceAsset("aaa", math.LegacyNewDec(2), zero, math.LegacyNewDec(10), time.Hour,
		types.RewardWeightRange{Min: zero, Max: huge}, f.Ctx.BlockTime()))
	require.ErrorContains(t, gs.Validate(), types.ErrRewardWeightTooLarge.Error())

	// The same schedule at the bound.
	require.NoError(t, f.CreateAlliance("aaa", math.LegacyNewDec(2), zero, math.LegacyNewDec(10), time.Hour, zero, types.MaxRewardWeight))
	// an update cannot lift the range past the bound either
	_, err = f.MsgServer.UpdateAlliance(f.Ctx, &types.MsgUpdateAlliance{Authority: f.Authority, Denom: "aaa", RewardWeight: math.LegacyNewDec(2),
		TakeRate: zero, RewardChangeRate: math.LegacyNewDec(10), RewardChangeInterval: time.Hour,
		RewardWeightRange: types.RewardWeightRange{Min: zero, Max: huge}})
	require.ErrorIs(t, err, types.ErrRewardWeightTooLarge)
	require.True(t, asset(t, f, "aaa").RewardWeightRange.Max.Equal(types.MaxRewardWeight))

	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	for h := 0; h < 40; h++ {
		endBlock(t, f, time.Hour)
	}
	require.True(t, asset(t, f, "aaa").RewardWeight.Equal(types.MaxRewardWeight))
	val, err := f.Staking.GetValidator(f.Ctx, v)
	require.NoError(t, err)
	require.Equal(t, int64(11), val.ConsensusPower(sdk.DefaultPowerReduction))
}

// The rebalance itself cannot produce a power CometBFT refuses, whatever the
// weights add up to. One validator with a 1e23 self-bond (N = 1e23) and two
// assets at weight 10 want 2 × 10 × 1e23 = 2e24 of virtual stake: power
// 2.1e18, past MaxTotalVotingPower. The ceiling is
// floor(MaxTotalVotingPower/2) × 1e6 − N
// = 576,460,752,303,423,487 × 1e6 − 1e23 = 476,460,752,303,423,487,000,000,
// so the set's power is exactly 576,460,752,303,423,487.
func TestRebalanceNeverExceedsCometMaxTotalVotingPower(t *testing.T) {
	f, err := testutil.New(testutil.Options{Validators: 1, SelfBond: math.NewIntWithDecimal(1, 23)})
	require.NoError(t, err)
	v := f.Validators[0]
	listed(t, f, "aaa", math.LegacyNewDec(10), zero)
	listed(t, f, "bbb", math.LegacyNewDec(10), zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("bbb", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	delegate(t, f, bob, v, coin("bbb", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)

	ceiling, ok := math.NewIntFromString("476460752303423487000000")
	require.True(t, ok)
	require.Equal(t, ceiling.String(), f.VirtualStake(v).String())
	val, err := f.Staking.GetValidator(f.Ctx, v)
	require.NoError(t, err)
	power := val.ConsensusPower(sdk.DefaultPowerReduction)
	require.Equal(t, int64(576_460_752_303_423_487), power)
	require.LessOrEqual(t, power, int64(cmttypes.MaxTotalVotingPower))

	// Both assets still earn half each: 2e6 of rewards on 5.76e23 tokens pay
	// the module floor(2e6 × 4.7646e23/5.7646e23) and the split is 1:1.
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 2_000_000))))
	endBlock(t, f, time.Minute)
	a := claim(t, f, alice, v, "aaa").AmountOf(testutil.BondDenom)
	b := claim(t, f, bob, v, "bbb").AmountOf(testutil.BondDenom)
	require.True(t, a.IsPositive())
	require.Equal(t, a.String(), b.String())
}
