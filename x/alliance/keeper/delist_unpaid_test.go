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

// toModule mints coins and moves them to module account name.
func toModule(t *testing.T, f *testutil.Fixture, name string, coins ...sdk.Coin) {
	t.Helper()
	require.NoError(t, f.Bank.MintCoins(f.Ctx, testutil.FaucetName, coins))
	require.NoError(t, f.Bank.SendCoinsFromModuleToModule(f.Ctx, testutil.FaucetName, name, coins))
}

// One validator (self-bond 1e6), aaa at weight 1: virtual stake 1e6, so a
// reward of 4000 on its 2e6 tokens gives the module 2000, split by shares:
// Alice's 1000 aaa earn 1000, and so do the 1000 aaa of the fee collector,
// a blocked address x/bank refuses to pay (a delegation a genesis file can
// hold; here made through the keeper). Before, the wind-down's undelegation
// of that delegation failed on the reward payment in every pass, and aaa
// never finished delisting. Now it is undelegated with its 1000 stake booked
// to its owner (kept in the reward pool, retried every block): the walk
// ends in the first block, Alice is paid her rewards at once and her 1000
// aaa at delist_completion_time, the record is removed, the invariants hold
// in every block, and the booked rewards survive export and import.
func TestDelistingEndsWhenAnOwnerCannotBePaid(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	blocked := authtypes.NewModuleAddress(authtypes.FeeCollectorName)
	toModule(t, f, authtypes.FeeCollectorName, coin("aaa", 1000))
	_, err := f.Alliance.Delegate(f.Ctx, blocked, v, coin("aaa", 1000))
	require.NoError(t, err)
	endBlock(t, f, time.Second)
	require.Equal(t, int64(1_000_000), f.VirtualStake(v).Int64())
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 4000))))
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), pending(t, f, alice, v, "aaa"))
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), pending(t, f, blocked, v, "aaa"))

	delistAt := f.Ctx.BlockTime()
	require.NoError(t, delistMsg(f, "aaa"))
	endBlock(t, f, time.Second) // one pass undelegates both
	require.Equal(t, 0, delegationsOfDenom(t, f, "aaa"))
	require.Equal(t, int64(1000), f.Balance(alice, testutil.BondDenom).Int64())
	booked, err := f.Alliance.UnpaidRewards.Get(f.Ctx, blocked)
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), booked.Rewards)
	require.Equal(t, int64(1000), f.ModuleBalance(types.RewardsPoolName, testutil.BondDenom).Int64(), "the booked 1000 stay in the pool")
	require.Equal(t, map[string]int64{f.ValStr(v): 1000}, unbondingsOf(t, f, alice))
	require.Equal(t, map[string]int64{f.ValStr(v): 1000}, unbondingsOf(t, f, blocked))
	state, _, err := f.Alliance.DelistCursorState(f.Ctx, "aaa")
	require.NoError(t, err)
	require.Equal(t, keeper.CursorDone, state, "the walk is over")

	gs := exportImport(t, f, 1)
	require.Equal(t, []types.UnpaidRewards{{DelegatorAddress: f.AccStr(blocked), Rewards: booked.Rewards}}, gs.UnpaidRewards)

	endBlock(t, f, testutil.UnbondingIn-time.Second) // to delistAt + UnbondingIn
	require.True(t, f.Ctx.BlockTime().Equal(delistAt.Add(testutil.UnbondingIn)))
	endBlock(t, f, time.Second) // that block's EndBlock pays the matured entries
	require.Equal(t, int64(1000), f.Balance(alice, "aaa").Int64(), "Alice's tokens at completion")
	_, err = f.Alliance.GetAsset(f.Ctx, "aaa")
	require.ErrorIs(t, err, types.ErrUnknownAsset, "the record is removed")
	// the blocked owner's tokens and rewards stay queued and booked (x/bank
	// still refuses them), retried every block, nothing lost
	endBlock(t, f, time.Minute)
	require.Equal(t, map[string]int64{f.ValStr(v): 1000}, unbondingsOf(t, f, blocked))
	booked, err = f.Alliance.UnpaidRewards.Get(f.Ctx, blocked)
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), booked.Rewards)
}

// Booked rewards are paid as soon as x/bank accepts them, at most
// keeper.UnpaidRetryLimit (20) owners per block: of 21 owners booked 7
// stake each (147 in the pool), 20 are paid in the first block and the
// last one in the next, and then nothing is booked any more.
func TestBookedRewardsArePaidInBoundedRounds(t *testing.T) {
	f := newFixture(t, 1)
	owners := make([]sdk.AccAddress, keeper.UnpaidRetryLimit+1)
	for i := range owners {
		owners[i] = testutil.Addr(fmt.Sprintf("owner-%02d", i))
		require.NoError(t, f.Alliance.UnpaidRewards.Set(f.Ctx, owners[i], types.UnpaidRewards{
			DelegatorAddress: f.AccStr(owners[i]), Rewards: sdk.NewCoins(coin(testutil.BondDenom, 7)),
		}))
	}
	toModule(t, f, types.RewardsPoolName, coin(testutil.BondDenom, 7*int64(len(owners))))
	paid := func() int {
		n := 0
		for _, o := range owners {
			n += int(f.Balance(o, testutil.BondDenom).Int64() / 7)
		}
		return n
	}
	endBlock(t, f, time.Second)
	require.Equal(t, keeper.UnpaidRetryLimit, paid())
	endBlock(t, f, time.Second)
	require.Equal(t, len(owners), paid())
	require.True(t, f.ModuleBalance(types.RewardsPoolName, testutil.BondDenom).IsZero())
	n := 0
	require.NoError(t, f.Alliance.UnpaidRewards.Walk(f.Ctx, nil, func(sdk.AccAddress, types.UnpaidRewards) (bool, error) { n++; return false, nil }))
	require.Zero(t, n)
}
