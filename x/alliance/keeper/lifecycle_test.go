package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Take rate 0.1 per 5-minute interval. 3 intervals at once: keep 0.9^3 =
// 0.729 → deduct floor(1000 × 0.271) = 271, T = 729. One more interval:
// floor(729 × 0.1) = floor(72.9) = 72, T = 657. The fee collector gets 343.
func TestTakeRateOverSeveralIntervals(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, dec("0.1"))
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Second) // initializes, starts the take-rate clock
	start := f.Ctx.BlockTime().Add(-time.Second)
	p, err := f.Alliance.GetParams(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, start, p.LastTakeRateClaimTime)

	endBlock(t, f, 15*time.Minute-time.Second) // now = start + 1 s
	require.Equal(t, int64(1000), asset(t, f, "aaa").TotalTokens.Int64())
	endBlock(t, f, 30*time.Second) // now = start + 15 min: n = 3
	require.Equal(t, int64(729), asset(t, f, "aaa").TotalTokens.Int64())
	require.Equal(t, int64(271), f.ModuleBalance(authtypes.FeeCollectorName, "aaa").Int64())
	p, _ = f.Alliance.GetParams(f.Ctx)
	require.Equal(t, start.Add(15*time.Minute), p.LastTakeRateClaimTime)

	endBlock(t, f, 5*time.Minute) // start + 15.5 min: no full interval yet
	require.Equal(t, int64(729), asset(t, f, "aaa").TotalTokens.Int64())
	endBlock(t, f, time.Second) // start + 20.5 min: n = 1
	require.Equal(t, int64(657), asset(t, f, "aaa").TotalTokens.Int64())
	require.Equal(t, int64(343), f.ModuleBalance(authtypes.FeeCollectorName, "aaa").Int64())
	require.Equal(t, int64(657), balanceOf(t, f, alice, v, "aaa").Int64())
}

// Weight 1.0 decays by 0.5 per hour, range [0.3, 1]: 0.5 after 1 h, then
// 0.25 clamped to 0.3. The virtual stake follows: 1e6 → 500,000 → 300,000.
func TestWeightDecayClampedAtMinimum(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	require.NoError(t, f.CreateAlliance("aaa", one, zero, dec("0.5"), time.Hour, dec("0.3"), one))
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(1_000_000), f.VirtualStake(v).Int64())
	endBlock(t, f, time.Hour) // at +1 min: nothing due yet
	require.Equal(t, one, asset(t, f, "aaa").RewardWeight)
	endBlock(t, f, time.Minute) // at +1 h +1 min: one interval
	require.Equal(t, dec("0.5"), asset(t, f, "aaa").RewardWeight)
	require.Equal(t, int64(500_000), f.VirtualStake(v).Int64())
	endBlock(t, f, time.Hour)
	endBlock(t, f, time.Minute) // second interval: 0.25 → clamp 0.3
	require.Equal(t, dec("0.3"), asset(t, f, "aaa").RewardWeight)
	require.Equal(t, int64(300_000), f.VirtualStake(v).Int64())
	endBlock(t, f, 10*time.Hour) // stays at the minimum
	endBlock(t, f, time.Minute)
	require.Equal(t, dec("0.3"), asset(t, f, "aaa").RewardWeight)
}

// Defect 6: weight changes leave no per-validator snapshots behind; the
// store does not grow with the number of weight changes.
func TestWeightChangesLeaveNoSnapshots(t *testing.T) {
	f := newFixture(t, 3)
	require.NoError(t, f.CreateAlliance("aaa", one, zero, dec("0.9"), time.Hour, zero, one))
	alice := fund(t, f, "alice", coin("aaa", 3000))
	for _, v := range f.Validators {
		delegate(t, f, alice, v, coin("aaa", 1000))
	}
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Hour)
	keysBefore := len(dumpStores(f))
	keysBefore -= historyKeys(f)
	for i := 0; i < 5; i++ {
		endBlock(t, f, time.Hour)
	}
	require.Equal(t, dec("0.9").Power(5), asset(t, f, "aaa").RewardWeight)
	// only values change (weights, virtual stake); no key is added per change
	// but the virtual stake's history for slashing, which is pruned after
	// the unbonding time (1 h here): each 10 % step writes a checkpoint, at
	// most 3 per validator are kept (the hour's two ends and the newest
	// older one)
	require.Equal(t, keysBefore, len(dumpStores(f))-historyKeys(f))
	for _, v := range f.Validators {
		n := 0
		err := f.Alliance.VirtualCheckpoints.Walk(f.Ctx, collections.NewPrefixedPairRange[sdk.ValAddress, int64](v),
			func(collections.Pair[sdk.ValAddress, int64], types.VirtualStakeCheckpoint) (bool, error) {
				n++
				return false, nil
			})
		require.NoError(t, err)
		require.LessOrEqual(t, n, 3)
	}
	gs, err := f.Alliance.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Empty(t, gs.RewardWeightChangeSnaphots)
}

// delegate → redelegate → undelegate → payout after the unbonding time.
func TestDelegateRedelegateUndelegatePayout(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	endBlock(t, f, time.Minute)

	rres, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice),
		ValidatorSrcAddress: f.ValStr(v1), ValidatorDstAddress: f.ValStr(v2), Amount: coin("aaa", 400)})
	require.NoError(t, err)
	require.Equal(t, f.Ctx.BlockTime().Add(testutil.UnbondingIn), rres.CompletionTime)
	require.Equal(t, int64(600), balanceOf(t, f, alice, v1, "aaa").Int64())
	require.Equal(t, int64(400), balanceOf(t, f, alice, v2, "aaa").Int64())
	endBlock(t, f, time.Minute)
	// virtual stake split 600:400 of native 2e6
	require.Equal(t, int64(1_200_000), f.VirtualStake(v1).Int64())
	require.Equal(t, int64(800_000), f.VirtualStake(v2).Int64())

	ures, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice),
		ValidatorAddress: f.ValStr(v2), Amount: coin("aaa", 300)})
	require.NoError(t, err)
	completion := ures.CompletionTime
	require.Equal(t, f.Ctx.BlockTime().Add(testutil.UnbondingIn), completion)
	require.Equal(t, int64(100), balanceOf(t, f, alice, v2, "aaa").Int64())
	require.Equal(t, int64(700), asset(t, f, "aaa").TotalTokens.Int64())

	q, err := f.Query.AllianceUnbondings(f.Ctx, &types.QueryAllianceUnbondingsRequest{Denom: "aaa", DelegatorAddr: f.AccStr(alice), ValidatorAddr: f.ValStr(v2)})
	require.NoError(t, err)
	require.Len(t, q.Unbondings, 1)
	require.Equal(t, int64(300), q.Unbondings[0].Amount.Int64())

	endBlock(t, f, testutil.UnbondingIn-time.Second)
	endBlock(t, f, time.Second) // EndBlock one second before completion
	require.True(t, f.Balance(alice, "aaa").IsZero())
	require.Equal(t, completion, f.Ctx.BlockTime())
	endBlock(t, f, time.Second) // EndBlock at exactly the completion time
	require.Equal(t, int64(300), f.Balance(alice, "aaa").Int64())
	q2, err := f.Query.AllianceUnbondingsByDelegator(f.Ctx, &types.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: f.AccStr(alice)})
	require.NoError(t, err)
	require.Empty(t, q2.Unbondings)
	rq, err := f.Query.AllianceRedelegationsByDelegator(f.Ctx, &types.QueryAllianceRedelegationsByDelegatorRequest{DelegatorAddr: f.AccStr(alice)})
	require.NoError(t, err)
	require.Empty(t, rq.Redelegations) // matured with the same unbonding time

	// full exit pays everything and removes the delegation
	_, err = f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v1), Amount: coin("aaa", 600)})
	require.NoError(t, err)
	has, err := f.Alliance.Delegations.Has(f.Ctx, collectionsKey(alice, v1, "aaa"))
	require.NoError(t, err)
	require.False(t, has)
	endBlock(t, f, time.Minute)
}

func TestNoTransitiveRedelegation(t *testing.T) {
	f := newFixture(t, 3)
	v1, v2, v3 := f.Validators[0], f.Validators[1], f.Validators[2]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	redel := func(src, dst []byte, amt int64) error {
		_, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice),
			ValidatorSrcAddress: f.ValStr(src), ValidatorDstAddress: f.ValStr(dst), Amount: coin("aaa", amt)})
		return err
	}
	require.NoError(t, redel(v1, v2, 500))
	require.ErrorIs(t, redel(v2, v3, 100), types.ErrTransitiveRedelegation)
	require.ErrorIs(t, redel(v1, v1, 100), types.ErrSameValidator)
	endBlock(t, f, testutil.UnbondingIn)
	endBlock(t, f, time.Second)
	require.NoError(t, redel(v2, v3, 100)) // matured: allowed
}

// Defect 7: undelegation and redelegation entries are capped at x/staking's
// MaxEntries (7 by default) per (delegator, validator(s), denom).
func TestEntriesAreCapped(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	listed(t, f, "bbb", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000), coin("bbb", 100))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("bbb", 100))
	undel := func(denom string) error {
		_, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v1), Amount: coin(denom, 1)})
		return err
	}
	redel := func() error {
		_, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice),
			ValidatorSrcAddress: f.ValStr(v1), ValidatorDstAddress: f.ValStr(v2), Amount: coin("aaa", 1)})
		return err
	}
	for i := 0; i < 7; i++ {
		require.NoError(t, undel("aaa"))
		require.NoError(t, redel())
	}
	err := undel("aaa")
	require.ErrorIs(t, err, types.ErrMaxUnbondingEntries)
	require.Contains(t, err.Error(), "limit 7")
	require.ErrorIs(t, redel(), types.ErrMaxRedelegationEntries)
	require.NoError(t, undel("bbb")) // another denom has its own cap
	endBlock(t, f, testutil.UnbondingIn)
	endBlock(t, f, time.Second)
	require.NoError(t, undel("aaa")) // matured entries free the slots
	require.NoError(t, redel())
}

// Slashing at each stage: v1 slashed by 10 % while Alice has bonded stake on
// it, a redelegation out of it and an undelegation from it.
// Before: v1 Alice 500; v2 Bob 300 + Alice 200 (100 + 200 redelegated from
// v1 − 100 undelegated); undelegations: 300 from v1, 100 from v2 (same
// block, same completion time). T = 1000.
// After: v1 Alice 450 (−50), Bob 300, undelegation from v1 270 (−30); the
// redelegation's 10 % (20) is taken from what left v2 after it first, as
// x/staking's SlashRedelegation does: the undelegation from v2, made in the
// same block after the redelegation, 100 → 80, and Alice's v2 delegation
// keeps 200. T = 1000 − 50 = 950 staked, fee collector +100.
func TestSlashingAtEachStage(t *testing.T) {
	for _, viaHook := range []bool{false, true} {
		f := newFixture(t, 2)
		v1, v2 := f.Validators[0], f.Validators[1]
		listed(t, f, "aaa", one, zero)
		alice := fund(t, f, "alice", coin("aaa", 1100))
		bob := fund(t, f, "bob", coin("aaa", 300))
		delegate(t, f, alice, v1, coin("aaa", 1000))
		delegate(t, f, bob, v2, coin("aaa", 300))
		delegate(t, f, alice, v2, coin("aaa", 100))
		endBlock(t, f, time.Minute)
		_, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice),
			ValidatorSrcAddress: f.ValStr(v1), ValidatorDstAddress: f.ValStr(v2), Amount: coin("aaa", 200)})
		require.NoError(t, err)
		_, err = f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v1), Amount: coin("aaa", 300)})
		require.NoError(t, err)
		_, err = f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v2), Amount: coin("aaa", 100)})
		require.NoError(t, err)
		require.Equal(t, int64(500), balanceOf(t, f, alice, v1, "aaa").Int64())
		require.Equal(t, int64(200), balanceOf(t, f, alice, v2, "aaa").Int64())
		require.Equal(t, int64(1000), asset(t, f, "aaa").TotalTokens.Int64())

		if viaHook {
			// Through x/staking: v1 holds 1e6 self-bond + 1e6 virtual stake
			// (native 2e6 × 500/1000), a whole number of power units, so
			// the effective fraction the hook receives is exactly 0.1.
			endBlock(t, f, time.Minute)
			val, err := f.Staking.GetValidator(f.Ctx, v1)
			require.NoError(t, err)
			power := val.ConsensusPower(f.Staking.PowerReduction(f.Ctx))
			require.True(t, val.Tokens.Equal(math.NewInt(power*1_000_000)), "tokens %s", val.Tokens)
			cons, err := val.GetConsAddr()
			require.NoError(t, err)
			_, err = f.Staking.Slash(f.Ctx, cons, f.Ctx.BlockHeight(), power, dec("0.1"))
			require.NoError(t, err)
		} else {
			require.NoError(t, f.Alliance.SlashValidator(f.Ctx, v1, dec("0.1")))
		}

		require.Equal(t, int64(450), balanceOf(t, f, alice, v1, "aaa").Int64())
		require.Equal(t, int64(200), balanceOf(t, f, alice, v2, "aaa").Int64())
		require.Equal(t, int64(300), balanceOf(t, f, bob, v2, "aaa").Int64())
		require.Equal(t, int64(950), asset(t, f, "aaa").TotalTokens.Int64())
		u, err := f.Query.AllianceUnbondingsByDelegator(f.Ctx, &types.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: f.AccStr(alice)})
		require.NoError(t, err)
		got := map[string]int64{}
		for _, e := range u.Unbondings {
			got[e.ValidatorAddress] = e.Amount.Int64()
		}
		require.Equal(t, map[string]int64{f.ValStr(v1): 270, f.ValStr(v2): 80}, got)
		require.Equal(t, int64(100), f.ModuleBalance(authtypes.FeeCollectorName, "aaa").Int64())
		rq, err := f.Query.AllianceRedelegations(f.Ctx, &types.QueryAllianceRedelegationsRequest{Denom: "aaa", DelegatorAddr: f.AccStr(alice)})
		require.NoError(t, err)
		require.Len(t, rq.Redelegations, 1)
		require.Equal(t, int64(180), rq.Redelegations[0].Balance.Amount.Int64())
		endBlock(t, f, time.Minute)
		// payouts after the unbonding time reflect the slash
		endBlock(t, f, testutil.UnbondingIn)
		endBlock(t, f, time.Second)
		require.Equal(t, int64(350), f.Balance(alice, "aaa").Int64()) // 270 + 80
	}
}

// A source-validator slash that reaches a redelegation whose destination
// delegation is already worth nothing cuts nothing, but it does pay that
// delegation's rewards (claim before change): the delegation must remember
// it, or the same rewards are paid again out of everybody else's.
func TestRedelegationSlashThatCutsNothingPaysRewardsOnce(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("aaa", 300))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	delegate(t, f, bob, v1, coin("aaa", 300))
	endBlock(t, f, time.Minute)
	_, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice),
		ValidatorSrcAddress: f.ValStr(v1), ValidatorDstAddress: f.ValStr(v2), Amount: coin("aaa", 200)})
	require.NoError(t, err)
	endBlock(t, f, time.Minute)
	// Rewards on v2 (all alice's) and on v1 (bob's and alice's), then v2 loses everything.
	require.NoError(t, f.AllocateRewards(v2, sdk.NewCoins(coin(testutil.BondDenom, 2000))))
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 2000))))
	owedOnV2 := pending(t, f, alice, v2, "aaa")
	require.True(t, owedOnV2.IsAllPositive(), "alice earned nothing on v2")
	require.NoError(t, f.Alliance.SlashValidator(f.Ctx, v2, dec("1")))
	require.True(t, balanceOf(t, f, alice, v2, "aaa").IsZero())
	before := f.Bank.GetBalance(f.Ctx, alice, testutil.BondDenom).Amount

	// The slash of v1 reaches alice's immature redelegation to v2: nothing
	// left to cut there, but her v2 rewards are paid on the way.
	require.NoError(t, f.Alliance.SlashValidator(f.Ctx, v1, dec("0.1")))
	paid := f.Bank.GetBalance(f.Ctx, alice, testutil.BondDenom).Amount.Sub(before)
	require.Equal(t, owedOnV2.AmountOf(testutil.BondDenom), paid)
	require.True(t, pending(t, f, alice, v2, "aaa").IsZero(), "paid rewards still pending")
	require.True(t, claim(t, f, alice, v2, "aaa").IsZero(), "paid twice")
	// And the pool still covers what everybody else is owed.
	_, broken := keeper.RewardPoolInvariant(f.Alliance)(f.Ctx)
	require.False(t, broken)
}

// historyKeys counts the store keys of the virtual stake's history.
func historyKeys(f *testutil.Fixture) int {
	n := 0
	for k := range dumpStores(f) {
		p := "alliance/"
		if len(k) > len(p) && k[:len(p)] == p && (k[len(p)] == types.VirtualCheckpointKey[0] || k[len(p)] == types.LastVirtualChangeKey[0]) {
			n++
		}
	}
	return n
}
