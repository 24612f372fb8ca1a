package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

var (
	one  = math.LegacyOneDec()
	zero = math.LegacyZeroDec()
)

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

func coin(denom string, amt int64) sdk.Coin { return sdk.NewInt64Coin(denom, amt) }

func newFixture(t *testing.T, vals int) *testutil.Fixture {
	t.Helper()
	f, err := testutil.New(testutil.Options{Validators: vals})
	require.NoError(t, err)
	return f
}

// listed creates an asset with no schedule and range [0, 10].
func listed(t *testing.T, f *testutil.Fixture, denom string, weight, takeRate math.LegacyDec) {
	t.Helper()
	require.NoError(t, f.CreateAlliance(denom, weight, takeRate, one, 0, zero, math.LegacyNewDec(10)))
}

func fund(t *testing.T, f *testutil.Fixture, name string, coins ...sdk.Coin) sdk.AccAddress {
	t.Helper()
	a := testutil.Addr(name)
	require.NoError(t, f.Fund(a, sdk.NewCoins(coins...)))
	return a
}

func delegate(t *testing.T, f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, c sdk.Coin) {
	t.Helper()
	_, err := f.MsgServer.Delegate(f.Ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(del), ValidatorAddress: f.ValStr(val), Amount: c})
	require.NoError(t, err)
}

func claim(t *testing.T, f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, denom string) sdk.Coins {
	t.Helper()
	res, err := f.MsgServer.ClaimDelegationRewards(f.Ctx, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(del), ValidatorAddress: f.ValStr(val), Denom: denom})
	require.NoError(t, err)
	return res.Rewards
}

func pending(t *testing.T, f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, denom string) sdk.Coins {
	t.Helper()
	res, err := f.Query.AllianceDelegationRewards(f.Ctx, &types.QueryAllianceDelegationRewardsRequest{DelegatorAddr: f.AccStr(del), ValidatorAddr: f.ValStr(val), Denom: denom})
	require.NoError(t, err)
	return res.Rewards
}

func balanceOf(t *testing.T, f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, denom string) math.Int {
	t.Helper()
	res, err := f.Query.AllianceDelegation(f.Ctx, &types.QueryAllianceDelegationRequest{DelegatorAddr: f.AccStr(del), ValidatorAddr: f.ValStr(val), Denom: denom})
	require.NoError(t, err)
	return res.Delegation.Balance.Amount
}

func endBlock(t *testing.T, f *testutil.Fixture, dt time.Duration) {
	t.Helper()
	require.NoError(t, f.EndBlock(dt))
	msg, broken := f.Invariants()
	require.False(t, broken, msg)
}

func asset(t *testing.T, f *testutil.Fixture, denom string) types.AllianceAsset {
	t.Helper()
	a, err := f.Alliance.GetAsset(f.Ctx, denom)
	require.NoError(t, err)
	return a
}

func collectionsKey(del sdk.AccAddress, val sdk.ValAddress, denom string) keeper.DelegationKey {
	return collections.Join3(del, val, denom)
}
