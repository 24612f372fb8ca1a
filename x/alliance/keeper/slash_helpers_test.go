package keeper_test

import (
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Helpers of the slashing and genesis tests.

func redelegateMsg(t *testing.T, f *testutil.Fixture, del sdk.AccAddress, src, dst sdk.ValAddress, c sdk.Coin) {
	t.Helper()
	_, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(del),
		ValidatorSrcAddress: f.ValStr(src), ValidatorDstAddress: f.ValStr(dst), Amount: c})
	require.NoError(t, err)
}

func undelegateMsg(t *testing.T, f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, c sdk.Coin) {
	t.Helper()
	_, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(del), ValidatorAddress: f.ValStr(val), Amount: c})
	require.NoError(t, err)
}

func consAddr(t *testing.T, f *testutil.Fixture, v sdk.ValAddress) sdk.ConsAddress {
	t.Helper()
	val, err := f.Staking.GetValidator(f.Ctx, v)
	require.NoError(t, err)
	cons, err := val.GetConsAddr()
	require.NoError(t, err)
	return cons
}

// power is v's consensus power now (what CometBFT reports for an infraction
// at this height).
func power(t *testing.T, f *testutil.Fixture, v sdk.ValAddress) int64 {
	t.Helper()
	val, err := f.Staking.GetValidator(f.Ctx, v)
	require.NoError(t, err)
	return val.ConsensusPower(f.Staking.PowerReduction(f.Ctx))
}

// selfBond is the value of v's operator delegation, in tokens (floored).
func selfBond(t *testing.T, f *testutil.Fixture, v sdk.ValAddress) math.Int {
	t.Helper()
	val, err := f.Staking.GetValidator(f.Ctx, v)
	require.NoError(t, err)
	d, err := f.Staking.GetDelegation(f.Ctx, sdk.AccAddress(v), v)
	require.NoError(t, err)
	return val.TokensFromShares(d.Shares).TruncateInt()
}

// unbondingsOf sums del's pending alliance undelegations per validator.
func unbondingsOf(t *testing.T, f *testutil.Fixture, del sdk.AccAddress) map[string]int64 {
	t.Helper()
	u, err := f.Query.AllianceUnbondingsByDelegator(f.Ctx, &types.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: f.AccStr(del)})
	require.NoError(t, err)
	got := map[string]int64{}
	for _, e := range u.Unbondings {
		got[e.ValidatorAddress] += e.Amount.Int64()
	}
	return got
}
