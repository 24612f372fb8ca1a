package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Audit S4. Alice stakes 500 aaa on v1 and 500 on v2; v1 is slashed by
// 100 %: her delegation on v1 is worth 0 and its 500 aaa go to the fee
// collector. Bob's 1000 aaa on v1 are refused while her worthless shares
// are there (any share price would pay her part of his deposit), and his
// tokens stay his. Alice undelegates the 500 she thinks she has: a
// delegation worth less than one token is closed, nothing is queued and
// nothing paid (the completion time is now). v1 then has no share left, so
// Bob's 1000 start it afresh at 1:1 and are worth exactly 1000; Alice's 500
// on v2 are untouched and aaa holds 1500 in all. Before, the position was
// closed for good: the worthless delegation could not be undelegated and
// every deposit was refused.
func TestFullySlashedPositionReopensOnceItsWorthlessDelegationsLeave(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 500))
	delegate(t, f, alice, v2, coin("aaa", 500))
	endBlock(t, f, time.Minute)
	require.NoError(t, f.Alliance.SlashValidator(f.Ctx, v1, one))
	require.True(t, balanceOf(t, f, alice, v1, "aaa").IsZero())
	require.Equal(t, int64(500), f.ModuleBalance(authtypes.FeeCollectorName, "aaa").Int64())
	endBlock(t, f, time.Minute)

	refused, _ := f.Ctx.CacheContext() // a refused tx leaves nothing
	_, err := f.MsgServer.Delegate(refused, &types.MsgDelegate{DelegatorAddress: f.AccStr(bob), ValidatorAddress: f.ValStr(v1), Amount: coin("aaa", 1000)})
	require.ErrorIs(t, err, types.ErrWorthlessShares)

	res, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v1), Amount: coin("aaa", 500)})
	require.NoError(t, err)
	require.Equal(t, f.Ctx.BlockTime(), res.CompletionTime, "nothing to wait for")
	require.Equal(t, coin("aaa", 0), res.Amount, "nothing undelegated")
	has, err := f.Alliance.Delegations.Has(f.Ctx, collectionsKey(alice, v1, "aaa"))
	require.NoError(t, err)
	require.False(t, has, "the worthless delegation is closed")
	require.Empty(t, unbondingsOf(t, f, alice), "nothing queued")
	require.True(t, f.Balance(alice, "aaa").IsZero(), "nothing paid")
	info, err := f.Alliance.GetValidatorInfo(f.Ctx, v1)
	require.NoError(t, err)
	require.True(t, info.TotalDelegatorSharesOf("aaa").IsZero())

	delegate(t, f, bob, v1, coin("aaa", 1000))
	require.Equal(t, int64(1000), balanceOf(t, f, bob, v1, "aaa").Int64())
	require.Equal(t, int64(500), balanceOf(t, f, alice, v2, "aaa").Int64())
	require.Equal(t, int64(1500), asset(t, f, "aaa").TotalTokens.Int64())
	endBlock(t, f, time.Minute)
	undelegateMsg(t, f, bob, v1, coin("aaa", 1000))
	require.Equal(t, int64(1000), unbondingsOf(t, f, bob)[f.ValStr(v1)], "Bob gets out whole")
	endBlock(t, f, time.Minute)
}

// Carol alone holds v1's aaa when v1 is slashed by 100 %. Her next
// delegation there drops her own worthless shares (nobody else holds any,
// so nobody is diluted) and restarts the position: her 300 are worth 300.
func TestSoleHolderOfAWorthlessPositionRestartsIt(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	carol := fund(t, f, "carol", coin("aaa", 1000))
	dave := fund(t, f, "dave", coin("aaa", 100))
	delegate(t, f, carol, v1, coin("aaa", 500))
	delegate(t, f, dave, v2, coin("aaa", 100))
	endBlock(t, f, time.Minute)
	require.NoError(t, f.Alliance.SlashValidator(f.Ctx, v1, one))
	endBlock(t, f, time.Minute)

	delegate(t, f, carol, v1, coin("aaa", 300))
	require.Equal(t, int64(300), balanceOf(t, f, carol, v1, "aaa").Int64())
	require.Equal(t, int64(100), balanceOf(t, f, dave, v2, "aaa").Int64())
	require.Equal(t, int64(400), asset(t, f, "aaa").TotalTokens.Int64())
	endBlock(t, f, time.Minute)
}

// A position that is tiny but not worthless keeps its share price: the
// take rate (50 % per 5 min) takes 1 of aaa's 3 tokens, so Alice's 1 aaa
// on v1 is worth 1 × 2/3 (vS 1 of TvS 3, T 2) and Bob's 2 on v2 4/3.
// Erin's 3 on v1 mint 3 × 3/2 = 4.5 shares at the asset's price: worth
// exactly 3, and Alice still 2/3 (no dilution either way). Alice then
// undelegates 1: her delegation, worth less than a token, is closed; its
// 2/3 stays with aaa's holders (TvS 7.5 → 6.5 for T = 5: Erin 4.5 × 5/6.5
// = 3.46, Bob 2 × 5/6.5 = 1.54, in whole tokens 3 and 1).
func TestSubTokenDelegationIsClosedWithoutDilutingAnyone(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, dec("0.5"))
	alice := fund(t, f, "alice", coin("aaa", 1))
	bob := fund(t, f, "bob", coin("aaa", 2))
	erin := fund(t, f, "erin", coin("aaa", 3))
	delegate(t, f, alice, v1, coin("aaa", 1))
	delegate(t, f, bob, v2, coin("aaa", 2))
	endBlock(t, f, 5*time.Minute) // starts the take-rate clock
	endBlock(t, f, 5*time.Minute) // one interval: floor(3 × 0.5) = 1 taken
	require.Equal(t, int64(2), asset(t, f, "aaa").TotalTokens.Int64())
	require.True(t, balanceOf(t, f, alice, v1, "aaa").IsZero(), "2/3 of a token")
	// no more take rate, so the numbers below stay put
	_, err := f.MsgServer.UpdateAlliance(f.Ctx, &types.MsgUpdateAlliance{Authority: f.Authority, Denom: "aaa", RewardWeight: one, TakeRate: zero,
		RewardChangeRate: one, RewardWeightRange: types.RewardWeightRange{Min: zero, Max: dec("10")}})
	require.NoError(t, err)

	delegate(t, f, erin, v1, coin("aaa", 3))
	require.Equal(t, int64(3), balanceOf(t, f, erin, v1, "aaa").Int64())
	info, err := f.Alliance.GetValidatorInfo(f.Ctx, v1)
	require.NoError(t, err)
	require.Equal(t, "5.500000000000000000", info.TotalDelegatorSharesOf("aaa").String())
	require.Equal(t, "7.500000000000000000", asset(t, f, "aaa").TotalValidatorShares.String())

	undelegateMsg(t, f, alice, v1, coin("aaa", 1))
	require.Empty(t, unbondingsOf(t, f, alice))
	require.Equal(t, "6.500000000000000000", asset(t, f, "aaa").TotalValidatorShares.String())
	require.Equal(t, int64(3), balanceOf(t, f, erin, v1, "aaa").Int64())
	require.Equal(t, int64(1), balanceOf(t, f, bob, v2, "aaa").Int64())
	require.Equal(t, int64(5), asset(t, f, "aaa").TotalTokens.Int64())
	endBlock(t, f, time.Minute)
}
