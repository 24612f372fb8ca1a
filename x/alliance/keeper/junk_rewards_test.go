package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// ATTACK F2. Anyone can pay rewards in any denom to a validator
// (MsgDepositValidatorRewardsPool, or a fee in many denoms). The module's
// virtual stake earns its part of them. Upstream-style accounting indexed
// every denom withdrawn, forever, in the validator's info and copied the
// indices into every delegation: 200 junk denoms made every later claim on
// that validator cost 4.85M gas instead of 130k. Only the bond denom and
// listed alliance denoms are indexed now; anything else the virtual stake
// earns goes to the community pool once, and the per-message work of the
// alliance module no longer grows with the denoms an attacker chose.

const junkDenoms = 200

func gasOf(t *testing.T, f *testutil.Fixture, fn func(ctx sdk.Context) error) uint64 {
	t.Helper()
	meter := storetypes.NewInfiniteGasMeter()
	require.NoError(t, fn(f.Ctx.WithGasMeter(meter)))
	return meter.GasConsumed()
}

// junkScenario: one validator, aaa at weight 1, Alice 1000 aaa, 1,000,000
// stake of rewards; with junk, also 1,000,000 of each of 200 junk denoms
// (module part 500,000 of each: half the validator's 2e6 tokens is virtual).
// It returns the fixture after Alice's first claim (which withdraws the
// junk) and a second round of 1,000,000 stake rewards.
func junkScenario(t *testing.T, junk bool) (*testutil.Fixture, sdk.AccAddress, sdk.ValAddress, sdk.Coins) {
	t.Helper()
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 2000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	require.Equal(t, int64(1_000_000), f.VirtualStake(v).Int64())
	rewards := sdk.NewCoins(coin(testutil.BondDenom, 1_000_000))
	if junk {
		for i := 0; i < junkDenoms; i++ {
			rewards = rewards.Add(coin(fmt.Sprintf("junk%03d", i), 1_000_000))
		}
	}
	require.NoError(t, f.AllocateRewards(v, rewards))
	endBlock(t, f, time.Minute)
	paid := claim(t, f, alice, v, "aaa")
	// the self-bond takes its part of the junk too: from here on both
	// withdrawals are in their steady state
	_, err := f.Distr.WithdrawDelegationRewards(f.Ctx, sdk.AccAddress(v), v)
	require.NoError(t, err)
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 1_000_000))))
	endBlock(t, f, time.Minute)
	return f, alice, v, paid
}

func TestJunkRewardDenomsDoNotInflateAllianceGas(t *testing.T) {
	base, baseAlice, baseV, _ := junkScenario(t, false)
	f, alice, v, paid := junkScenario(t, true)

	claimGas := func(f *testutil.Fixture, who sdk.AccAddress, v sdk.ValAddress) uint64 {
		return gasOf(t, f, func(ctx sdk.Context) error {
			_, err := f.MsgServer.ClaimDelegationRewards(ctx, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(who), ValidatorAddress: f.ValStr(v), Denom: "aaa"})
			return err
		})
	}
	delegateGas := func(f *testutil.Fixture, who sdk.AccAddress, v sdk.ValAddress) uint64 {
		return gasOf(t, f, func(ctx sdk.Context) error {
			_, err := f.MsgServer.Delegate(ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(who), ValidatorAddress: f.ValStr(v), Amount: coin("aaa", 10)})
			return err
		})
	}
	// x/distribution itself keeps the junk in the validator's cumulative
	// reward ratios (SDK behaviour, outside this module): its own withdrawal
	// of the native self-bond on the same validator measures that part.
	nativeGas := func(f *testutil.Fixture, v sdk.ValAddress) uint64 {
		return gasOf(t, f, func(ctx sdk.Context) error {
			_, err := f.Distr.WithdrawDelegationRewards(ctx, sdk.AccAddress(v), v)
			return err
		})
	}
	baseClaim, junkClaim := claimGas(base, baseAlice, baseV), claimGas(f, alice, v)
	require.NoError(t, base.AllocateRewards(baseV, sdk.NewCoins(coin(testutil.BondDenom, 1_000_000))))
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 1_000_000))))
	baseDelegate, junkDelegate := delegateGas(base, baseAlice, baseV), delegateGas(f, alice, v)
	baseNative, junkNative := nativeGas(base, baseV), nativeGas(f, v)
	t.Logf("store gas without / with %d junk denoms: claim %d / %d, delegate %d / %d, native x/distribution withdraw %d / %d",
		junkDenoms, baseClaim, junkClaim, baseDelegate, junkDelegate, baseNative, junkNative)
	// Alice's first claim after the junk: 1e6 × 1e6/2e6 = 500,000 stake,
	// all of aaa's (the only asset): index 500 per share × 1000 shares.
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 500_000)).String(), paid.String(), "junk is never paid as an alliance reward")
	// The virtual stake's junk went to the community pool, 500,000 of each
	// denom (x/distribution's community tax is not applied by
	// AllocateTokensToValidator), and nothing of it is indexed.
	pool, err := f.Distr.FeePool.Get(f.Ctx)
	require.NoError(t, err)
	for i := 0; i < junkDenoms; i++ {
		d := fmt.Sprintf("junk%03d", i)
		require.Equal(t, math.LegacyNewDec(500_000).String(), pool.CommunityPool.AmountOf(d).String(), d)
		require.True(t, f.ModuleBalance(types.RewardsPoolName, d).IsZero(), d)
	}
	info, err := f.Alliance.GetValidatorInfo(f.Ctx, v)
	require.NoError(t, err)
	require.Len(t, info.GlobalRewardHistory, 1, "only (stake, aaa) is indexed")
	del, err := f.Alliance.Delegations.Get(f.Ctx, collectionsKey(alice, v, "aaa"))
	require.NoError(t, err)
	require.Len(t, del.RewardHistory, 1)

	// What junk adds to an alliance message is what it adds to
	// x/distribution's own withdrawal, plus less than one gas per junk denom
	// (a few bytes of record sizes; before, the alliance part alone was
	// ~480k, some 2,400 gas per junk denom).
	require.LessOrEqual(t, junkClaim-baseClaim, junkNative-baseNative+junkDenoms)
	require.LessOrEqual(t, junkDelegate-baseDelegate, junkNative-baseNative+junkDenoms)
}

// Rewards in a listed alliance denom (another asset's take rate reaches the
// fee collector and, through x/distribution, the virtual stake) are
// indexed and paid like the bond denom; the unlisted denom goes to the
// community pool. Module part 500,000 of each 1,000,000 (half the
// validator's tokens are virtual); aaa is the only asset: Alice gets all.
// Both reward routes: straight into the pool, and through the alliance
// account when the chain keeps the pool blocked.
func TestAllianceDenomRewardsAreIndexedOthersGoToCommunityPool(t *testing.T) {
	for _, blocked := range []bool{false, true} {
		t.Run(fmt.Sprintf("pool-blocked-%v", blocked), func(t *testing.T) { allianceDenomRewardsRoute(t, blocked) })
	}
}

func allianceDenomRewardsRoute(t *testing.T, blockPool bool) {
	f, err := testutil.New(testutil.Options{Validators: 1, BlockRewardsPool: blockPool})
	require.NoError(t, err)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	listed(t, f, "bbb", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	endBlock(t, f, time.Minute)
	poolBefore, err := f.Distr.FeePool.Get(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 1_000_000), coin("bbb", 1_000_000), coin("zzz", 1_000_000))))
	endBlock(t, f, time.Minute)
	want := sdk.NewCoins(coin(testutil.BondDenom, 500_000), coin("bbb", 500_000))
	require.Equal(t, want.String(), pending(t, f, alice, v, "aaa").String(), "the query leaves the unlisted denom out as the claim does")
	require.Equal(t, want.String(), claim(t, f, alice, v, "aaa").String())
	pool, err := f.Distr.FeePool.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, sdk.NewDecCoins(sdk.NewInt64DecCoin("zzz", 500_000)).String(), pool.CommunityPool.Sub(poolBefore.CommunityPool).String())
	require.True(t, f.Balance(alice, "zzz").IsZero())
	require.True(t, f.ModuleBalance(types.ModuleName, "zzz").IsZero())
	require.True(t, f.ModuleBalance(types.RewardsPoolName, "zzz").IsZero())
}
