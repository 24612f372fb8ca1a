package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Issue 18 I1. v2's operator unbonds the whole self-bond; the rebalance
// takes the virtual stake off the inactive validator and x/staking removes
// v2 once it has finished unbonding. Alice's 1000 aaa stay booked on v2 and
// can still be undelegated: the delegation queries answer them (they
// answered NotFound because x/staking no longer knows v2).
func TestDelegationQueriesAnswerForARemovedValidator(t *testing.T) {
	f := newFixture(t, 2)
	v2 := f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v2, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	// N = 2e6 of self-bonds, all of aaa on v2: 2e6 of virtual stake next to
	// the 1e6 self-bond. 3,000,000 of rewards pay the module 2,000,000.
	require.Equal(t, int64(2_000_000), f.VirtualStake(v2).Int64())
	require.NoError(t, f.AllocateRewards(v2, sdk.NewCoins(coin(testutil.BondDenom, 3_000_000))))

	_, err := stakingkeeper.NewMsgServerImpl(f.Staking).Undelegate(f.Ctx, &stakingtypes.MsgUndelegate{
		DelegatorAddress: f.AccStr(sdk.AccAddress(v2)), ValidatorAddress: f.ValStr(v2), Amount: coin(testutil.BondDenom, 1_000_000)})
	require.NoError(t, err)
	endBlock(t, f, time.Minute) // v2 leaves the active set
	endBlock(t, f, time.Minute) // the rebalance removes its virtual stake
	endBlock(t, f, testutil.UnbondingIn)
	endBlock(t, f, time.Minute) // x/staking removes the unbonded, empty v2
	_, err = f.Staking.GetValidator(f.Ctx, v2)
	require.ErrorIs(t, err, stakingtypes.ErrNoValidatorFound)

	require.Equal(t, int64(1000), balanceOf(t, f, alice, v2, "aaa").Int64())
	res, err := f.Query.AlliancesDelegationByValidator(f.Ctx, &types.QueryAlliancesDelegationByValidatorRequest{
		DelegatorAddr: f.AccStr(alice), ValidatorAddr: f.ValStr(v2)})
	require.NoError(t, err)
	require.Len(t, res.Delegations, 1)
	require.Equal(t, coin("aaa", 1000), res.Delegations[0].Balance)
	// and so does the rewards query: what v2 earned while bonded (see above)
	// was booked when its virtual stake left and is still Alice's
	require.Equal(t, int64(2_000_000), pending(t, f, alice, v2, "aaa").AmountOf(testutil.BondDenom).Int64())

	// a validator that never existed is still NotFound
	ghost := sdk.ValAddress(testutil.Addr("ghost"))
	_, err = f.Query.AllianceDelegation(f.Ctx, &types.QueryAllianceDelegationRequest{DelegatorAddr: f.AccStr(alice), ValidatorAddr: f.ValStr(ghost), Denom: "aaa"})
	require.Error(t, err)
	_, err = f.Query.AlliancesDelegationByValidator(f.Ctx, &types.QueryAlliancesDelegationByValidatorRequest{DelegatorAddr: f.AccStr(alice), ValidatorAddr: f.ValStr(ghost)})
	require.Error(t, err)

	// and Alice gets out
	undelegateOK(t, f, alice, v2, coin("aaa", 1000))
	endBlock(t, f, testutil.UnbondingIn+time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(1000), f.Balance(alice, "aaa").Int64())
	require.Equal(t, int64(2_000_000), f.Balance(alice, testutil.BondDenom).Int64(), "paid at the undelegation")
}
