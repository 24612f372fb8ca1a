package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// VirtualStake sums the module's delegations in tokens, and counts as
// bonded only the part on bonded validators: stake left on a validator that
// just left the set (until the next rebalance burns it) is in the supply
// but not in the bonded pool.
func TestVirtualStakeTotalAndBonded(t *testing.T) {
	f := newFixture(t, 2)
	v0, v1 := f.Validators[0], f.Validators[1]
	total, bonded, err := f.Alliance.VirtualStake(f.Ctx)
	require.NoError(t, err)
	require.True(t, total.IsZero() && bonded.IsZero())

	listed(t, f, "uasset", dec("0.5"), zero)
	alice := fund(t, f, "alice", coin("uasset", 1_000_000))
	delegate(t, f, alice, v0, coin("uasset", 600_000))
	delegate(t, f, alice, v1, coin("uasset", 400_000))
	endBlock(t, f, 5*time.Second)
	on0, on1 := f.VirtualStake(v0), f.VirtualStake(v1)
	require.True(t, on0.IsPositive() && on1.IsPositive())

	total, bonded, err = f.Alliance.VirtualStake(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, on0.Add(on1).String(), total.String())
	require.Equal(t, total.String(), bonded.String())

	// v1 is jailed and leaves the bonded set in x/staking's EndBlocker,
	// before any rebalance.
	val, err := f.Staking.GetValidator(f.Ctx, v1)
	require.NoError(t, err)
	cons, err := val.GetConsAddr()
	require.NoError(t, err)
	require.NoError(t, f.Staking.Jail(f.Ctx, sdk.ConsAddress(cons)))
	_, err = f.Staking.EndBlocker(f.Ctx)
	require.NoError(t, err)
	val, err = f.Staking.GetValidator(f.Ctx, v1)
	require.NoError(t, err)
	require.False(t, val.IsBonded())
	require.Equal(t, on1.String(), f.VirtualStake(v1).String())

	total, bonded, err = f.Alliance.VirtualStake(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, on0.Add(on1).String(), total.String())
	require.Equal(t, on0.String(), bonded.String())

	// The next rebalance burns the stake of the unbonded validator.
	endBlock(t, f, 5*time.Second)
	total, bonded, err = f.Alliance.VirtualStake(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, f.VirtualStake(v0).String(), total.String())
	require.Equal(t, total.String(), bonded.String())
	require.True(t, f.VirtualStake(v1).IsZero())
}
