package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Whole-balance rule (dust-free exits): an undelegation of at least the
// delegation's value takes exactly that value and leaves no share behind,
// even when the take rate and a slash shrank the value between the query a
// client made and the execution of its tx (upstream: "insufficient tokens",
// so users asked for one token less and kept dust shares forever).
func TestFullUndelegationAfterTakeRateAndSlashLeavesNoShares(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, dec("0.1"))
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("aaa", 3001))
	delegate(t, f, alice, v, coin("aaa", 1000))
	delegate(t, f, bob, v, coin("aaa", 3001))
	require.Equal(t, int64(1000), balanceOf(t, f, alice, v, "aaa").Int64()) // what Alice's wallet shows
	require.Equal(t, int64(3001), balanceOf(t, f, bob, v, "aaa").Int64())

	endBlock(t, f, time.Second)   // initialized; the take-rate clock starts here
	endBlock(t, f, 5*time.Minute) // one interval later...
	endBlock(t, f, time.Second)   // ...the take rate: floor(4001 × 0.1) = 400 to the fee collector
	require.Equal(t, int64(3601), asset(t, f, "aaa").TotalTokens.Int64())
	require.Equal(t, int64(400), f.ModuleBalance(authtypes.FeeCollectorName, "aaa").Int64())

	// Alice asks for the 1000 she saw; her value is 1000 × 3601 / 4001 =
	// 900.02…, so she undelegates 900 and the 0.02… stays with Bob. The
	// response says 900, not the 1000 asked.
	require.Equal(t, coin("aaa", 900), undelegateRes(t, f, alice, v, coin("aaa", 1000)).Amount)
	has, err := f.Alliance.Delegations.Has(f.Ctx, collectionsKey(alice, v, "aaa"))
	require.NoError(t, err)
	require.False(t, has, "no dust shares left")
	require.Equal(t, map[string]int64{f.ValStr(v): 900}, unbondingsOf(t, f, alice))
	require.Equal(t, int64(2701), balanceOf(t, f, bob, v, "aaa").Int64()) // 3601 − 900: Bob is the sole holder

	// A 10 % slash lands before Bob's tx: floor(2701 × 0.1) = 270 of the
	// bonded stake, and floor(900 × 0.1) = 90 of Alice's unbonding entry.
	require.NoError(t, f.Alliance.SlashValidator(f.Ctx, v, dec("0.1")))
	require.Equal(t, int64(2431), balanceOf(t, f, bob, v, "aaa").Int64())
	// what Bob saw before the slash; the response reports what he gets back
	require.Equal(t, coin("aaa", 2431), undelegateRes(t, f, bob, v, coin("aaa", 2701)).Amount)
	has, err = f.Alliance.Delegations.Has(f.Ctx, collectionsKey(bob, v, "aaa"))
	require.NoError(t, err)
	require.False(t, has)
	require.Equal(t, map[string]int64{f.ValStr(v): 2431}, unbondingsOf(t, f, bob))
	a := asset(t, f, "aaa")
	require.True(t, a.TotalTokens.IsZero(), a.TotalTokens.String())
	require.True(t, a.TotalValidatorShares.IsZero(), a.TotalValidatorShares.String())
	info, err := f.Alliance.GetValidatorInfo(f.Ctx, v)
	require.NoError(t, err)
	require.True(t, info.TotalDelegatorSharesOf("aaa").IsZero())

	endBlock(t, f, time.Second)
	endBlock(t, f, time.Hour) // the fixture's unbonding time
	endBlock(t, f, time.Second)
	require.Equal(t, int64(810), f.Balance(alice, "aaa").Int64())
	require.Equal(t, int64(2431), f.Balance(bob, "aaa").Int64())
}

// The rule also holds for a redelegation: asking to move more than the
// delegation holds moves all of it and closes the source delegation. Less
// than the value is an ordinary partial move.
func TestFullRedelegationAfterTakeRateMovesEverything(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, dec("0.1"))
	carol := fund(t, f, "carol", coin("aaa", 500))
	delegate(t, f, carol, v1, coin("aaa", 500))
	endBlock(t, f, time.Second)
	endBlock(t, f, 5*time.Minute)
	endBlock(t, f, time.Second) // floor(500 × 0.1) = 50 taken: 450 left
	require.Equal(t, int64(450), balanceOf(t, f, carol, v1, "aaa").Int64())

	res, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(carol),
		ValidatorSrcAddress: f.ValStr(v1), ValidatorDstAddress: f.ValStr(v2), Amount: coin("aaa", 500)})
	require.NoError(t, err)
	require.False(t, res.CompletionTime.IsZero())
	require.Equal(t, coin("aaa", 450), res.Amount) // 500 asked, 450 moved
	has, err := f.Alliance.Delegations.Has(f.Ctx, collectionsKey(carol, v1, "aaa"))
	require.NoError(t, err)
	require.False(t, has)
	require.Equal(t, int64(450), balanceOf(t, f, carol, v2, "aaa").Int64())

	// a partial undelegation below the value is not rounded up to "all"
	require.Equal(t, coin("aaa", 449), undelegateRes(t, f, carol, v2, coin("aaa", 449)).Amount)
	require.Equal(t, int64(1), balanceOf(t, f, carol, v2, "aaa").Int64())
	endBlock(t, f, time.Second)
	msg, broken := f.Invariants()
	require.False(t, broken, msg)
}

// undelegateRes sends MsgUndelegate through the msg server and returns its
// response.
func undelegateRes(t *testing.T, f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, c sdk.Coin) *types.MsgUndelegateResponse {
	t.Helper()
	res, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(del), ValidatorAddress: f.ValStr(val), Amount: c})
	require.NoError(t, err)
	return res
}
