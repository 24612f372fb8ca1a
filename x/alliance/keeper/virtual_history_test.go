package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

func moduleSharesOn(t *testing.T, f *testutil.Fixture, v sdk.ValAddress) math.LegacyDec {
	t.Helper()
	d, err := f.Staking.GetDelegation(f.Ctx, f.Account.GetModuleAddress(types.ModuleName), v)
	if err != nil {
		return math.LegacyZeroDec()
	}
	return d.Shares
}

// The history answers every height within 0.1 % of the true shares of the
// module's delegation, exactly right before and after a large move, and
// keeps few checkpoints. One validator (1e6), aaa at weight 1 → virtual
// = N. 30 blocks with a native delegation of 100 (0.01 % of N) each (the
// rebalance follows once the drift passes its own 0.1 % tolerance), then
// Alice undelegates everything (virtual → 0), then 30 more such blocks.
func TestVirtualStakeHistoryIsBoundedAndPrecise(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	carol := fund(t, f, "carol", coin(testutil.BondDenom, 10_000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	msgs := stakingkeeper.NewMsgServerImpl(f.Staking)
	truth := map[int64]math.LegacyDec{} // shares entering each height
	nativeBlock := func() {
		truth[f.Ctx.BlockHeight()] = moduleSharesOn(t, f, v)
		_, err := msgs.Delegate(f.Ctx, &stakingtypes.MsgDelegate{DelegatorAddress: f.AccStr(carol), ValidatorAddress: f.ValStr(v),
			Amount: coin(testutil.BondDenom, 100)})
		require.NoError(t, err)
		endBlock(t, f, time.Second)
	}
	first := f.Ctx.BlockHeight()
	for i := 0; i < 30; i++ {
		nativeBlock()
	}
	require.True(t, f.VirtualStake(v).GT(math.NewInt(1_002_000)), "the virtual stake followed N")
	left := f.Ctx.BlockHeight()
	truth[left] = moduleSharesOn(t, f, v)
	undelegateMsg(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Second)
	require.True(t, f.VirtualStake(v).IsZero())
	for i := 0; i < 30; i++ {
		nativeBlock()
	}

	n := 0
	err := f.Alliance.VirtualCheckpoints.Walk(f.Ctx, collections.NewPrefixedPairRange[sdk.ValAddress, int64](v),
		func(collections.Pair[sdk.ValAddress, int64], types.VirtualStakeCheckpoint) (bool, error) {
			n++
			return false, nil
		})
	require.NoError(t, err)
	// at most one checkpoint per change of the shares seen here, plus the
	// first bond (before these blocks); never one per block
	changes := 0
	for h := first + 1; h < f.Ctx.BlockHeight(); h++ {
		if a, ok := truth[h]; ok {
			if b, ok := truth[h-1]; ok && !a.Equal(b) {
				changes++
			}
		}
	}
	t.Logf("%d checkpoints for %d changes", n, changes)
	require.LessOrEqual(t, n, changes+1)
	require.GreaterOrEqual(t, n, 2) // at least the first bond and the burn

	for h := first; h < f.Ctx.BlockHeight(); h++ {
		want, ok := truth[h]
		if !ok {
			continue
		}
		got, err := f.Alliance.VirtualSharesAt(f.Ctx, v, h)
		require.NoError(t, err)
		// |got − want| ≤ 0.1 % of want
		require.True(t, got.Sub(want).Abs().MulInt64(1000).LTE(want), "height %d: %s, true %s", h, got, want)
	}
	// exact right before the large move, and after it
	got, err := f.Alliance.VirtualSharesAt(f.Ctx, v, left)
	require.NoError(t, err)
	require.Equal(t, truth[left], got)
	got, err = f.Alliance.VirtualSharesAt(f.Ctx, v, left+2)
	require.NoError(t, err)
	require.True(t, got.IsZero())
}
