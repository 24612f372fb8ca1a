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

// Fairness of the reward split between assets (issue 18: R1, R2, R3) and
// liveness of the undelegation payouts (G3).

func redelegateOK(t *testing.T, f *testutil.Fixture, del sdk.AccAddress, src, dst sdk.ValAddress, c sdk.Coin) {
	t.Helper()
	_, err := f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(del),
		ValidatorSrcAddress: f.ValStr(src), ValidatorDstAddress: f.ValStr(dst), Amount: c})
	require.NoError(t, err)
}

func undelegateOK(t *testing.T, f *testutil.Fixture, del sdk.AccAddress, val sdk.ValAddress, c sdk.Coin) {
	t.Helper()
	_, err := f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(del), ValidatorAddress: f.ValStr(val), Amount: c})
	require.NoError(t, err)
}

// R1. Mallory holds 990 aaa on v1 and 10 aaa on v2; Bob holds 10 bbb on v2
// (both assets weight 1, validators 1e6 self-bond each, so N = 2e6). The
// virtual stake on v2 is aaa 1 × 2e6 × 10/1000 = 20,000 plus bbb
// 1 × 2e6 × 10/10 = 2,000,000. 3,020,000 stake of rewards on v2 (3.02e6
// tokens, 0 % commission) pay the module exactly 2,020,000, split by the
// weights 10/1000 = 0.01 (aaa) and 10/10 = 1 (bbb): aaa 2,020,000 × 0.01/1.01
// = 20,000, bbb 2,000,000, both exact. Redelegating 980 aaa v1 → v2 used to
// book v2 after aaa's total had dropped to 20 shares, so aaa's weight on v2
// looked like 10/20 and Mallory was paid 673,333 and Bob 1,346,666.
func TestRedelegationDoesNotTakeDestinationRewards(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	listed(t, f, "bbb", one, zero)
	mallory := fund(t, f, "mallory", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("bbb", 10))
	delegate(t, f, mallory, v1, coin("aaa", 990))
	delegate(t, f, mallory, v2, coin("aaa", 10))
	delegate(t, f, bob, v2, coin("bbb", 10))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(2_020_000), f.VirtualStake(v2).Int64())
	require.NoError(t, f.AllocateRewards(v2, sdk.NewCoins(coin(testutil.BondDenom, 3_020_000))))
	endBlock(t, f, time.Minute)

	before := f.Balance(mallory, testutil.BondDenom)
	redelegateOK(t, f, mallory, v1, v2, coin("aaa", 980))
	require.Equal(t, int64(20_000), f.Balance(mallory, testutil.BondDenom).Sub(before).Int64(), "mallory: aaa's part of v2's rewards")
	require.Equal(t, int64(2_000_000), claim(t, f, bob, v2, "bbb").AmountOf(testutil.BondDenom).Int64(), "bob: bbb's part")
	require.Equal(t, int64(990), balanceOf(t, f, mallory, v2, "aaa").Int64())
	endBlock(t, f, time.Minute)
}

// R2. One validator (1e6 self-bond), reward delay 1 h. aaa (weight 1) earns
// with Alice's 1000: virtual stake 1e6. bbb is listed and Bob stakes 1000
// bbb during its delay. 2,000,000 stake of rewards arrive while only aaa has
// virtual stake: the module's part is 2e6 × 1e6/2e6 = 1,000,000, all
// earned by aaa, i.e. by Alice (index 1e6/1000 = 1000 per share). bbb then
// starts; Bob must get none of it (he was paid 500,000 before the fix).
func TestNewAssetDoesNotInheritRewardsAccruedBeforeItEarned(t *testing.T) {
	f, err := testutil.New(testutil.Options{Validators: 1, RewardDelay: time.Hour})
	require.NoError(t, err)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("bbb", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Hour+time.Second) // the next EndBlock is past aaa's start
	endBlock(t, f, time.Minute)           // aaa initialized, virtual stake bonded
	require.Equal(t, int64(1_000_000), f.VirtualStake(v).Int64())
	listed(t, f, "bbb", one, zero) // starts in 1 h
	delegate(t, f, bob, v, coin("bbb", 1000))
	endBlock(t, f, time.Hour) // the next EndBlock is past bbb's start
	require.False(t, asset(t, f, "bbb").IsInitialized)
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 2_000_000))))
	endBlock(t, f, time.Minute) // bbb initialized, rebalance
	require.True(t, asset(t, f, "bbb").IsInitialized)
	require.Equal(t, int64(2_000_000), f.VirtualStake(v).Int64()) // aaa 1e6 + bbb 1e6
	require.True(t, claim(t, f, bob, v, "bbb").IsZero(), "bob's asset did not earn yet")
	require.Equal(t, int64(1_000_000), claim(t, f, alice, v, "aaa").AmountOf(testutil.BondDenom).Int64())

	// From now on both earn: 3,000,000 on 3e6 tokens pay the module 2e6,
	// split 1:1 (each asset is all of its shares on v, weight 1).
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 3_000_000))))
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(1_000_000), claim(t, f, bob, v, "bbb").AmountOf(testutil.BondDenom).Int64())
	require.Equal(t, int64(1_000_000), claim(t, f, alice, v, "aaa").AmountOf(testutil.BondDenom).Int64())
}

// The first delegation into an asset listed and initialized but without
// active shares yet does not withdraw the validator's rewards (the split
// gives the asset nothing until the rebalance that follows): rewards earned
// before the asset had virtual stake are booked by that rebalance and still
// go to the assets that had it, exactly; the new asset earns from its own
// virtual stake on. One validator, 1e6 native stake, 0 % commission, both
// weights 1, each asset wholly on v (so each asset's part is its virtual
// stake over the module's).
func TestFirstDelegationIntoAnAssetBooksNoEarlierRewardsForIt(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("bbb", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(1_000_000), f.VirtualStake(v).Int64()) // aaa: 1 × 1e6
	listed(t, f, "bbb", one, zero)
	endBlock(t, f, time.Minute)
	require.True(t, asset(t, f, "bbb").IsInitialized)

	// 2e6 on 2e6 staked: the module's 1e6 virtual stake earns 1e6, all aaa's.
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 2_000_000))))
	pool := f.ModuleBalance(types.RewardsPoolName, testutil.BondDenom)
	delegate(t, f, bob, v, coin("bbb", 1000))
	require.Equal(t, pool, f.ModuleBalance(types.RewardsPoolName, testutil.BondDenom), "nothing withdrawn for bbb's first delegation")
	require.True(t, pending(t, f, bob, v, "bbb").IsZero())
	require.Equal(t, int64(1_000_000), pending(t, f, alice, v, "aaa").AmountOf(testutil.BondDenom).Int64())
	endBlock(t, f, time.Minute) // rebalance: books the 1e6, then aaa 1e6 + bbb 1e6 of virtual stake
	require.Equal(t, int64(2_000_000), f.VirtualStake(v).Int64())
	require.True(t, pending(t, f, bob, v, "bbb").IsZero())

	// 3e6 on 3e6 staked: the module's 2e6 earns 2e6, 1e6 per asset.
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 3_000_000))))
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(1_000_000), claim(t, f, bob, v, "bbb").AmountOf(testutil.BondDenom).Int64())
	require.Equal(t, int64(2_000_000), claim(t, f, alice, v, "aaa").AmountOf(testutil.BondDenom).Int64()) // 1e6 + 1e6
}

// G3. A matured undelegation that x/bank refuses to pay (to a blocked module
// address, which genesis validation accepts) is retried every block and
// blocks nobody: Alice's matured 100 aaa are paid in the same block. The
// entry and its 1 aaa stay in the module until it can be paid.
func TestOneUnpayableUnbondingDoesNotBlockOthers(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 100))
	delegate(t, f, alice, v, coin("aaa", 100))
	endBlock(t, f, time.Minute)
	undelegateOK(t, f, alice, v, coin("aaa", 100))

	gs, err := f.Alliance.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, gs.Undelegations, 1)
	blocked := authtypes.NewModuleAddress(authtypes.FeeCollectorName)
	first := gs.Undelegations[0]
	bad := first
	bad.CompletionTime = first.CompletionTime.Add(-time.Second) // matures first
	bad.Undelegation = types.QueuedUndelegation{Entries: []*types.Undelegation{{
		DelegatorAddress: f.AccStr(blocked), ValidatorAddress: f.ValStr(v), Balance: coin("aaa", 1),
	}}}
	gs.Undelegations = append(gs.Undelegations, bad)
	require.NoError(t, gs.Validate())

	f2 := newFixture(t, 1)
	require.NoError(t, f2.Bank.MintCoins(f2.Ctx, testutil.FaucetName, sdk.NewCoins(coin("aaa", 101))))
	require.NoError(t, f2.Bank.SendCoinsFromModuleToModule(f2.Ctx, testutil.FaucetName, types.ModuleName, sdk.NewCoins(coin("aaa", 101))))
	require.NoError(t, f2.Alliance.InitGenesis(f2.Ctx, gs))
	feesBefore := f2.ModuleBalance(authtypes.FeeCollectorName, "aaa")
	require.NoError(t, f2.EndBlock(testutil.UnbondingIn+time.Hour))
	require.NoError(t, f2.EndBlock(time.Minute)) // both matured: alice paid, the other refused
	require.Equal(t, int64(100), f2.Balance(alice, "aaa").Int64())
	require.NoError(t, f2.EndBlock(time.Minute)) // retried, refused again, still queued
	require.Equal(t, int64(1), f2.ModuleBalance(types.ModuleName, "aaa").Int64())
	require.Equal(t, feesBefore.Int64(), f2.ModuleBalance(authtypes.FeeCollectorName, "aaa").Int64())
	left, err := f2.Alliance.ExportGenesis(f2.Ctx)
	require.NoError(t, err)
	require.Len(t, left.Undelegations, 1)
	require.Equal(t, f2.AccStr(blocked), left.Undelegations[0].Undelegation.Entries[0].DelegatorAddress)
}

// R3. v2 is jailed. aaa: Alice 1000 on v1, Carol 1000 on v2; bbb: Bob 1000
// on v1; weights 1. N = v1's 1e6 self-bond (v2 is no longer bonded). The
// rebalance gives v1 aaa 1 × 1e6 × 1000/1000 (aaa's active shares are all
// on v1) + bbb 1e6 = 2e6 of virtual stake: equal parts. 3,000,000 stake on
// v1's 3e6 tokens pay the module 2,000,000, split 1:1 → 1,000,000 each,
// exactly. Dividing by aaa's shares on all validators (2000) paid Alice
// 666,666 and Bob 1,333,333. Carol's stake on the jailed validator earns
// nothing (there is no virtual stake there) and costs Alice nothing.
func TestRewardSplitFollowsVirtualStakeWithInactiveValidators(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	listed(t, f, "bbb", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	carol := fund(t, f, "carol", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("bbb", 1000))
	val2, err := f.Staking.GetValidator(f.Ctx, v2)
	require.NoError(t, err)
	cons2, err := val2.GetConsAddr()
	require.NoError(t, err)
	require.NoError(t, f.Staking.Jail(f.Ctx, cons2))
	endBlock(t, f, time.Minute)
	delegate(t, f, alice, v1, coin("aaa", 1000))
	delegate(t, f, carol, v2, coin("aaa", 1000))
	delegate(t, f, bob, v1, coin("bbb", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(2_000_000), f.VirtualStake(v1).Int64())
	require.True(t, f.VirtualStake(v2).IsZero())
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 3_000_000))))
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(1_000_000), pending(t, f, alice, v1, "aaa").AmountOf(testutil.BondDenom).Int64(), "the query agrees")
	require.Equal(t, int64(1_000_000), claim(t, f, alice, v1, "aaa").AmountOf(testutil.BondDenom).Int64())
	require.Equal(t, int64(1_000_000), claim(t, f, bob, v1, "bbb").AmountOf(testutil.BondDenom).Int64())
	require.True(t, claim(t, f, carol, v2, "aaa").IsZero())
}

// Three validators (1e6 self-bond each: N = 3e6), aaa and bbb at weight 1.
// aaa: Alice 1000 on v1, Carol 1000 on v2; bbb: Bob 1000 on v1. v1 carries
// aaa 3e6 × 1000/2000 = 1.5e6 + bbb 3e6 × 1000/1000 = 3e6 of virtual stake
// (4.5e6; 5.5e6 tokens). 5,500,000 stake paid to v1 give the module
// 4,500,000: aaa 1/3 → Alice 1,500,000, bbb 2/3 → Bob 3,000,000. Before
// anyone books v1, Carol leaves v2 (aaa's active shares halve) and Erin
// stakes 1000 bbb on v3 (bbb's double): v1's target stays 3e6 + 1.5e6, so
// the rebalance leaves it alone, but aaa's part of it went to 2/3. The
// rewards already earned keep their split (they were paid 3,000,000 to
// Alice and 1,500,000 to Bob when the new split applied to them).
func TestRewardsPendingOnAnUnchangedValidatorKeepTheirSplit(t *testing.T) {
	f := newFixture(t, 3)
	v1, v2, v3 := f.Validators[0], f.Validators[1], f.Validators[2]
	listed(t, f, "aaa", one, zero)
	listed(t, f, "bbb", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	carol := fund(t, f, "carol", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("bbb", 1000))
	erin := fund(t, f, "erin", coin("bbb", 1000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	delegate(t, f, carol, v2, coin("aaa", 1000))
	delegate(t, f, bob, v1, coin("bbb", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(4_500_000), f.VirtualStake(v1).Int64())
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 5_500_000))))
	endBlock(t, f, time.Minute)

	undelegateOK(t, f, carol, v2, coin("aaa", 1000))
	delegate(t, f, erin, v3, coin("bbb", 1000))
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(4_500_000), f.VirtualStake(v1).Int64(), "v1's target did not move")
	require.True(t, f.VirtualStake(v2).IsZero())
	require.Equal(t, int64(1_500_000), f.VirtualStake(v3).Int64())
	require.Equal(t, int64(1_500_000), claim(t, f, alice, v1, "aaa").AmountOf(testutil.BondDenom).Int64())
	require.Equal(t, int64(3_000_000), claim(t, f, bob, v1, "bbb").AmountOf(testutil.BondDenom).Int64())

	// from now on the new split: 5,500,000 more → aaa 3,000,000, bbb 1,500,000
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 5_500_000))))
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(3_000_000), claim(t, f, alice, v1, "aaa").AmountOf(testutil.BondDenom).Int64())
	require.Equal(t, int64(1_500_000), claim(t, f, bob, v1, "bbb").AmountOf(testutil.BondDenom).Int64())
}

// A chain started from an export has no active shares until its first
// rebalance; InitGenesis computes them from the validators' status, so the
// rewards x/distribution already holds are split as in
// TestRewardSplitFollowsVirtualStakeWithInactiveValidators (1,000,000 each),
// not by total shares (Alice 666,666, Bob 1,333,333).
func TestActiveSharesAreSetAtGenesis(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	listed(t, f, "bbb", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	carol := fund(t, f, "carol", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("bbb", 1000))
	require.NoError(t, f.Staking.Jail(f.Ctx, consOf(t, f, v2)))
	endBlock(t, f, time.Minute)
	delegate(t, f, alice, v1, coin("aaa", 1000))
	delegate(t, f, carol, v2, coin("aaa", 1000))
	delegate(t, f, bob, v1, coin("bbb", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 3_000_000))))
	stored, err := f.Alliance.ActiveShares.Get(f.Ctx)
	require.NoError(t, err)

	// as after an import: the derived item is not in the genesis file
	require.NoError(t, f.Alliance.ActiveShares.Remove(f.Ctx))
	require.NoError(t, f.Alliance.InitActiveShares(f.Ctx))
	again, err := f.Alliance.ActiveShares.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, stored.ValidatorShares, again.ValidatorShares)
	require.Equal(t, "1000.000000000000000000", again.ValidatorSharesOf("aaa").String(), "Carol's shares on the jailed v2 are not active")
	require.Equal(t, int64(1_000_000), claim(t, f, alice, v1, "aaa").AmountOf(testutil.BondDenom).Int64())
	require.Equal(t, int64(1_000_000), claim(t, f, bob, v1, "bbb").AmountOf(testutil.BondDenom).Int64())

	// InitGenesis writes them (the fixture starts from InitGenesis; no
	// validator exists yet, so nothing is active)
	f2 := newFixture(t, 0)
	imported, err := f2.Alliance.ActiveShares.Get(f2.Ctx)
	require.NoError(t, err)
	require.Empty(t, imported.ValidatorShares)
}
