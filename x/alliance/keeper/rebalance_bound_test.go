package keeper_test

import (
	"bytes"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
)

func virtualStakes(f *testutil.Fixture) []int64 {
	out := make([]int64, len(f.Validators))
	for i, v := range f.Validators {
		out[i] = f.VirtualStake(v).Int64()
	}
	return out
}

// Audit F5: one cheap delegation made the next EndBlock re-target the
// virtual stake of every validator (a rewards claim plus an x/staking
// delegate or unbond each, unmetered in EndBlock: 30 validators ~ 4.2M gas
// for a 142k-gas tx). Now a queued rebalance re-targets only the validators
// that are more than 0.1 % off their target, and an exact pass runs every
// 1,000 blocks.
//
// Numbers: 5 validators, native stake N = 5,000,000 (1,000,000 each), one
// asset of weight 1 with 1,000,000 on each validator, so each target is
// floor(N × shares_V / total shares) = 1,000,000.
func TestSmallDelegationDoesNotRetargetEveryValidator(t *testing.T) {
	f := newFixture(t, 5)
	v0 := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 5_000_000))
	bob := fund(t, f, "bob", coin("aaa", 10_000))
	for _, v := range f.Validators {
		delegate(t, f, alice, v, coin("aaa", 1_000_000))
	}
	endBlock(t, f, time.Minute)
	require.Equal(t, []int64{1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000}, virtualStakes(f))

	// 1 aaa on v0: the other four targets become floor(5e6 × 1e6 / 5,000,001)
	// = 999,999, which re-targeted all four before; 1 token off is within
	// 0.1 %, so nothing moves now (v0's target stays 1,000,000).
	delegate(t, f, bob, v0, coin("aaa", 1))
	endBlock(t, f, time.Minute)
	require.Equal(t, []int64{1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000}, virtualStakes(f))

	// 4,000 aaa more on v0 (4,001 in all): v0's target is floor(5e6 ×
	// 1,004,001 / 5,004,001) = 1,003,198, 0.32 % above its stake: re-targeted.
	// The others' target floor(5e6 × 1e6 / 5,004,001) = 999,200 is 0.08 %
	// below: left alone.
	delegate(t, f, bob, v0, coin("aaa", 4_000))
	endBlock(t, f, time.Minute)
	require.Equal(t, []int64{1_003_198, 1_000_000, 1_000_000, 1_000_000, 1_000_000}, virtualStakes(f))

	// Every validator stays within 0.1 % of its exact target: compare with an
	// exact rebalance on a discarded branch.
	branch, _ := f.Ctx.CacheContext()
	require.NoError(t, f.Alliance.RebalanceBondTokenWeights(branch))
	for _, v := range f.Validators {
		exact := exactVirtualStake(t, f, branch, v)
		cur := f.VirtualStake(v)
		require.True(t, exact.Sub(cur).Abs().MulRaw(1000).LTE(cur), "%s: %s vs exact %s", v, cur, exact)
	}

	// The periodic exact pass (a height divisible by 1,000), with nothing
	// queued, brings the others to 999,200.
	f.Ctx = f.Ctx.WithBlockHeight(2_000)
	endBlock(t, f, time.Minute)
	require.Equal(t, []int64{1_003_198, 999_200, 999_200, 999_200, 999_200}, virtualStakes(f))
}

func exactVirtualStake(t *testing.T, f *testutil.Fixture, ctx sdk.Context, v sdk.ValAddress) math.Int {
	t.Helper()
	saved := f.Ctx
	f.Ctx = ctx
	defer func() { f.Ctx = saved }()
	return f.VirtualStake(v)
}

// One EndBlock re-targets at most 64 validators (maxRetargetsPerBlock): a
// change that moves every target is spread over the next blocks, the
// rebalance staying queued until every validator is at its target, and a
// pass cut short takes every decrease before any increase, so the total
// virtual stake never goes above both its level before and its target.
//
// Numbers: 70 validators of 1,000,000 self-bond, so the native stake N is
// 70,000,000; one asset of weight 1 with 1,000,000 on each validator, so
// each target is floor(N × 1e6 / 70e6) = 1,000,000.
func TestRebalanceReTargetsAtMost64ValidatorsPerBlock(t *testing.T) {
	f := newFixture(t, 70)
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 70_000_000))
	for _, v := range f.Validators {
		delegate(t, f, alice, v, coin("aaa", 1_000_000))
	}
	byAddr := append([]sdk.ValAddress{}, f.Validators...)
	sort.Slice(byAddr, func(i, j int) bool { return bytes.Compare(byAddr[i], byAddr[j]) < 0 })
	stakes := func() (out []int64, total int64) {
		for _, v := range byAddr {
			out = append(out, f.VirtualStake(v).Int64())
			total += out[len(out)-1]
		}
		return out, total
	}
	repeat := func(n int, v int64) []int64 {
		out := make([]int64, n)
		for i := range out {
			out[i] = v
		}
		return out
	}
	queued := func() bool {
		q, err := f.Alliance.RebalanceQueued.Get(f.Ctx)
		return err == nil && q
	}

	// All 70 go from zero, equally far off: the first 64 by address now,
	// the other 6 in the next block.
	endBlock(t, f, time.Minute)
	got, _ := stakes()
	require.Equal(t, append(repeat(64, 1_000_000), repeat(6, 0)...), got)
	require.True(t, queued(), "the rebalance stays queued while validators are off")
	endBlock(t, f, time.Minute)
	got, total := stakes()
	require.Equal(t, repeat(70, 1_000_000), got)
	require.EqualValues(t, 70_000_000, total)
	require.False(t, queued())

	// 70,000,000 aaa more on the first validator by address: its target is
	// floor(70e6 × 71e6 / 140e6) = 35,500,000, every other one's
	// floor(70e6 × 1e6 / 140e6) = 500,000. The 69 decreases (all 50 % off,
	// so in address order) go first: 64 now, while the increase, first by
	// address, waits; the total falls to 64 × 500,000 + 6 × 1,000,000.
	bob := fund(t, f, "bob", coin("aaa", 70_000_000))
	delegate(t, f, bob, byAddr[0], coin("aaa", 70_000_000))
	endBlock(t, f, time.Minute)
	got, total = stakes()
	require.Equal(t, append(append([]int64{1_000_000}, repeat(64, 500_000)...), repeat(5, 1_000_000)...), got)
	require.EqualValues(t, 38_000_000, total)
	require.True(t, queued())
	endBlock(t, f, time.Minute)
	got, total = stakes()
	require.Equal(t, append([]int64{35_500_000}, repeat(69, 500_000)...), got)
	require.EqualValues(t, 70_000_000, total)
	require.False(t, queued())
}
