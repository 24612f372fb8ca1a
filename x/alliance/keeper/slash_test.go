package keeper_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/log"
	"cosmossdk.io/math"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

func claimNoPanic(f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, denom string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("PANIC: %v", r)
		}
	}()
	_, err = f.MsgServer.ClaimDelegationRewards(f.Ctx, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(del), ValidatorAddress: f.ValStr(val), Denom: denom})
	return err
}

func delegateNoPanic(f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, c sdk.Coin) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("PANIC: %v", r)
		}
	}()
	_, err = f.MsgServer.Delegate(f.Ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(del), ValidatorAddress: f.ValStr(val), Amount: c})
	return err
}

// x/staking's Slash called directly (a wiring without SlashForInfraction)
// must not leave x/distribution's starting stake of the virtual delegation
// stale. One validator, 1e6 self-bond, Alice's 1000 aaa at weight 1 → 1e6
// virtual. A 10 % slash cuts self-bond and virtual stake alike, so the
// rebalance target (0.9e6) equals the slashed virtual stake and nothing
// rewrites the delegation. One block later Alice's claim, Bob's delegation
// and a second slash of the validator all work (before: the claim panicked
// in x/distribution, "calculated final stake ... greater than current
// stake", and the second slash skipped the alliance stake).
func TestDirectStakingSlashKeepsDistributionStakeRight(t *testing.T) {
	var logs bytes.Buffer
	f, err := testutil.New(testutil.Options{Validators: 1,
		Logger: log.NewLogger(&logs, log.OutputJSONOption(), log.LevelOption(zerolog.ErrorLevel))})
	require.NoError(t, err)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(1_000_000), f.VirtualStake(v).Int64())

	_, err = f.Staking.Slash(f.Ctx, consAddr(t, f, v), f.Ctx.BlockHeight(), power(t, f, v), dec("0.1"))
	require.NoError(t, err)
	require.Equal(t, int64(900_000), f.VirtualStake(v).Int64())
	require.Equal(t, int64(900), balanceOf(t, f, alice, v, "aaa").Int64())
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(900_000), f.VirtualStake(v).Int64(), "the rebalance left the delegation alone")
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 1000))))
	endBlock(t, f, time.Minute)

	require.NoError(t, claimNoPanic(f, alice, v, "aaa"))
	require.NoError(t, delegateNoPanic(f, bob, v, coin("aaa", 1000)))
	logs.Reset()
	_, err = f.Staking.Slash(f.Ctx, consAddr(t, f, v), f.Ctx.BlockHeight(), power(t, f, v), dec("0.1"))
	require.NoError(t, err)
	require.NotContains(t, logs.String(), "failed")
	// x/staking's effective fraction: 10 % of power 1 (1.8e6 tokens floored
	// to 1e6) = 100,000 of 1.8e6 tokens = 5.55…%; T_{aaa,v} = 1900 loses
	// floor(1900 × 0.0555…) = 105: Alice 900 × 1795/1900 = 850.3 → 850,
	// Bob 1000 × 1795/1900 = 944.7 → 944.
	require.Equal(t, int64(850), balanceOf(t, f, alice, v, "aaa").Int64())
	require.Equal(t, int64(944), balanceOf(t, f, bob, v, "aaa").Int64())
}

// The same through SlashForInfraction (the app's wiring): rewards are booked
// before x/staking slashes, and the claim a block later works.
func TestSlashForInfractionKeepsDistributionStakeRight(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 1000))))
	owed := pending(t, f, alice, v, "aaa")
	require.True(t, owed.IsAllPositive())

	slashForInfraction(t, f, v, f.Ctx.BlockHeight(), power(t, f, v), dec("0.1"))
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(900_000), f.VirtualStake(v).Int64())
	endBlock(t, f, time.Minute)
	require.NoError(t, claimNoPanic(f, alice, v, "aaa"))
	_, broken := f.Invariants()
	require.False(t, broken)
}

// Two validators of 10e6 each (so that both keep power after 10 %); Alice's
// 1000 aaa at weight 1 on v1 → 20e6 virtual. v1 slashed 10 % directly
// through x/staking with no rewrite of its virtual delegation in that block
// (v2 is slashed 10 % too, so N = 18e6 and v1's target equals its slashed
// virtual stake, 18e6). v1 is
// jailed later: the rebalance must then remove v1's virtual stake and give
// Bob's new stake on v2 its virtual stake (before: the stale starting stake
// made every rebalance fail, freezing the virtual stake of all validators).
func TestDirectStakingSlashDoesNotFreezeRebalance(t *testing.T) {
	var logs bytes.Buffer
	f, err := testutil.New(testutil.Options{Validators: 2, SelfBond: math.NewInt(10_000_000),
		Logger: log.NewLogger(&logs, log.OutputJSONOption(), log.LevelOption(zerolog.ErrorLevel))})
	require.NoError(t, err)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(20_000_000), f.VirtualStake(v1).Int64())
	_, err = f.Staking.Slash(f.Ctx, consAddr(t, f, v2), f.Ctx.BlockHeight(), power(t, f, v2), dec("0.1"))
	require.NoError(t, err)
	_, err = f.Staking.Slash(f.Ctx, consAddr(t, f, v1), f.Ctx.BlockHeight(), power(t, f, v1), dec("0.1"))
	require.NoError(t, err)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(18_000_000), f.VirtualStake(v1).Int64(), "rebalance did not touch v1")
	endBlock(t, f, time.Minute)

	require.NoError(t, f.Staking.Jail(f.Ctx, consAddr(t, f, v1)))
	delegate(t, f, bob, v2, coin("aaa", 1000))
	logs.Reset()
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.NotContains(t, logs.String(), "end-block step failed")
	require.True(t, f.VirtualStake(v1).IsZero(), "jailed validator keeps its virtual stake")
	// w × N, N = the native bonded stake left: v2's 9e6 (v1 is jailed)
	require.Equal(t, int64(9_000_000), f.VirtualStake(v2).Int64(), "bob's delegation got no virtual stake")
}
