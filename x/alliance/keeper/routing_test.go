package keeper_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	storetypes "cosmossdk.io/store/types"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/runtime"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

var (
	allianceAddr = authtypes.NewModuleAddress(types.ModuleName)
	poolAddr     = authtypes.NewModuleAddress(types.RewardsPoolName)
)

func fixtureWith(t *testing.T, vals int, blockPool bool) *testutil.Fixture {
	t.Helper()
	f, err := testutil.New(testutil.Options{Validators: vals, BlockRewardsPool: blockPool})
	require.NoError(t, err)
	return f
}

func withdrawAddr(t *testing.T, f *testutil.Fixture) sdk.AccAddress {
	t.Helper()
	a, err := f.Distr.GetDelegatorWithdrawAddr(f.Ctx, allianceAddr)
	require.NoError(t, err)
	return a
}

// transfersFrom counts the x/bank transfer events whose sender is addr.
func transfersFrom(ctx sdk.Context, addr sdk.AccAddress) int {
	n := 0
	for _, ev := range ctx.EventManager().Events() {
		if ev.Type != "transfer" {
			continue
		}
		for _, a := range ev.Attributes {
			if a.Key == "sender" && a.Value == addr.String() {
				n++
			}
		}
	}
	return n
}

// nextHeight moves to the next height without running any block hook:
// x/distribution pays no rewards to a delegation in the height it was
// (re)started, i.e. last withdrawn.
func nextHeight(f *testutil.Fixture) {
	f.Ctx = f.Ctx.WithBlockHeight(f.Ctx.BlockHeight() + 1)
}

// A delegation that earned rewards: alice has 1000 aaa on v, and v has
// 10,000 stake of distribution rewards waiting, part of them the virtual
// stake's.
func earning(t *testing.T, f *testutil.Fixture) (alice sdk.AccAddress, v sdk.ValAddress) {
	t.Helper()
	v = f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice = fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, time.Minute)
	require.True(t, f.VirtualStake(v).IsPositive())
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 10_000))))
	return alice, v
}

// By default (the pool is not a blocked address, as in the app)
// x/distribution pays the virtual stake's rewards straight into the pool:
// the alliance account is its withdraw address, never holds a reward coin,
// and a claim makes no transfer out of it.
func TestRewardsArePaidStraightIntoThePool(t *testing.T) {
	f := newFixture(t, 1)
	require.True(t, f.Alliance.RewardsToPool())
	require.True(t, f.Bank.BlockedAddr(allianceAddr), "the fixture blocks the alliance account, as the app does")
	require.False(t, f.Bank.BlockedAddr(poolAddr))
	require.Equal(t, poolAddr, withdrawAddr(t, f), "InitGenesis sets the route")

	alice, v := earning(t, f)
	before := f.Balance(alice, testutil.BondDenom)
	ctx := f.Ctx.WithEventManager(sdk.NewEventManager())
	res, err := f.MsgServer.ClaimDelegationRewards(ctx, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Denom: "aaa"})
	require.NoError(t, err)
	paid := res.Rewards.AmountOf(testutil.BondDenom)
	require.True(t, paid.IsPositive())
	require.Equal(t, before.Add(paid), f.Balance(alice, testutil.BondDenom))
	require.Zero(t, transfersFrom(ctx, allianceAddr), "no second transfer")
	require.Equal(t, 1, transfersFrom(ctx, authtypes.NewModuleAddress(distrtypes.ModuleName)))
	require.True(t, f.ModuleBalance(types.ModuleName, testutil.BondDenom).IsZero())
	// what is left in the pool is rounding dust only
	require.True(t, f.ModuleBalance(types.RewardsPoolName, testutil.BondDenom).LTE(math.NewInt(1)))
	msg, broken := f.Invariants()
	require.False(t, broken, msg)
}

// The route is written into x/distribution's store directly: the
// withdraw_addr_enabled param (which stops users from changing their
// withdraw address) does not stop it, at genesis or in BeginBlock.
func TestRewardsRouteIgnoresWithdrawAddrEnabled(t *testing.T) {
	f := newFixture(t, 1)
	p, err := f.Distr.Params.Get(f.Ctx)
	require.NoError(t, err)
	p.WithdrawAddrEnabled = false
	require.NoError(t, f.Distr.Params.Set(f.Ctx, p))
	// the public path refuses, as it does for users
	require.ErrorIs(t, f.Distr.SetWithdrawAddr(f.Ctx, allianceAddr, poolAddr), distrtypes.ErrSetWithdrawAddrDisabled)

	require.NoError(t, f.Distr.DeleteDelegatorWithdrawAddr(f.Ctx, allianceAddr, poolAddr))
	require.Equal(t, allianceAddr, withdrawAddr(t, f))
	require.NoError(t, f.Alliance.InitGenesis(f.Ctx, types.DefaultGenesisState()))
	require.Equal(t, poolAddr, withdrawAddr(t, f))

	require.NoError(t, f.Distr.DeleteDelegatorWithdrawAddr(f.Ctx, allianceAddr, poolAddr))
	require.NoError(t, f.Alliance.BeginBlocker(f.Ctx))
	require.Equal(t, poolAddr, withdrawAddr(t, f))
}

// State from before the routing (no withdraw address for the alliance
// account, e.g. after an in-place upgrade): the alliance account is blocked,
// so x/distribution refuses to pay it and the message fails; nothing is paid
// to the wrong account. The next BeginBlocker writes the route, once.
func TestMissingRewardsRouteFailsLoudlyAndIsRepairedNextBlock(t *testing.T) {
	f := newFixture(t, 1)
	alice, v := earning(t, f)
	require.NoError(t, f.Distr.DeleteDelegatorWithdrawAddr(f.Ctx, allianceAddr, poolAddr))

	branch, _ := f.Ctx.CacheContext()
	_, err := f.MsgServer.ClaimDelegationRewards(branch, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Denom: "aaa"})
	require.ErrorContains(t, err, "is not allowed to receive funds")

	endBlock(t, f, time.Minute) // and BeginBlock of the next one
	require.Equal(t, poolAddr, withdrawAddr(t, f))
	require.True(t, claim(t, f, alice, v, "aaa").AmountOf(testutil.BondDenom).IsPositive())
	require.True(t, f.ModuleBalance(types.ModuleName, testutil.BondDenom).IsZero())

	// Once right, BeginBlock only reads it.
	ctx := f.Ctx.WithGasMeter(storetypes.NewInfiniteGasMeter())
	require.NoError(t, f.Alliance.BeginBlocker(ctx))
	require.Less(t, ctx.GasMeter().GasConsumed(), uint64(1500), "one read, no write")
}

// A chain that keeps alliance_rewards blocked (x/distribution cannot pay it)
// gets the two-step path: no route, rewards paid to the alliance account and
// moved to the pool; delegations keep working. A route left pointing at the
// pool (e.g. imported from a chain with the other configuration) would make
// every reward withdrawal fail: InitGenesis and BeginBlocker reset it.
func TestBlockedPoolFallsBackToTwoTransfers(t *testing.T) {
	f := fixtureWith(t, 1, true)
	require.False(t, f.Alliance.RewardsToPool())
	require.Equal(t, allianceAddr, withdrawAddr(t, f), "no route: the default withdraw address")

	alice, v := earning(t, f)
	ctx := f.Ctx.WithEventManager(sdk.NewEventManager())
	res, err := f.MsgServer.ClaimDelegationRewards(ctx, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Denom: "aaa"})
	require.NoError(t, err)
	require.True(t, res.Rewards.AmountOf(testutil.BondDenom).IsPositive())
	require.Equal(t, 1, transfersFrom(ctx, allianceAddr), "alliance account -> pool")
	require.True(t, f.ModuleBalance(types.ModuleName, testutil.BondDenom).IsZero())
	msg, broken := f.Invariants()
	require.False(t, broken, msg)

	// a route to the (blocked) pool: x/distribution refuses to pay
	require.NoError(t, f.Distr.SetDelegatorWithdrawAddr(f.Ctx, allianceAddr, poolAddr))
	nextHeight(f) // x/distribution pays nothing to a delegation withdrawn at this height
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 10_000))))
	branch, _ := f.Ctx.CacheContext()
	_, err = f.MsgServer.ClaimDelegationRewards(branch, &types.MsgClaimDelegationRewards{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Denom: "aaa"})
	require.ErrorContains(t, err, "is not allowed to receive funds")
	require.NoError(t, f.Alliance.BeginBlocker(f.Ctx))
	require.Equal(t, allianceAddr, withdrawAddr(t, f))
	require.True(t, claim(t, f, alice, v, "aaa").AmountOf(testutil.BondDenom).IsPositive())

	require.NoError(t, f.Distr.SetDelegatorWithdrawAddr(f.Ctx, allianceAddr, poolAddr))
	require.NoError(t, f.Alliance.InitGenesis(f.Ctx, types.DefaultGenesisState()))
	require.Equal(t, allianceAddr, withdrawAddr(t, f))
}

// When no asset earns on the validator any more, its last rewards go to the
// fee collector: from the pool (direct path) or from the alliance account
// (two-step path); the pool and the alliance account keep nothing of them.
func TestRewardsWithNoEarningAssetGoToTheFeeCollector(t *testing.T) {
	for _, blockPool := range []bool{false, true} {
		t.Run(map[bool]string{false: "direct", true: "two-step"}[blockPool], func(t *testing.T) {
			f := fixtureWith(t, 1, blockPool)
			_, v := earning(t, f)
			// book what was earned with weight 1, then set the weight to 0
			_, err := f.MsgServer.UpdateAlliance(f.Ctx, &types.MsgUpdateAlliance{Authority: f.Authority, Denom: "aaa", RewardWeight: zero,
				TakeRate: zero, RewardChangeRate: one, RewardWeightRange: types.RewardWeightRange{Min: zero, Max: math.LegacyNewDec(10)}})
			require.NoError(t, err)
			nextHeight(f) // without the EndBlocker (it would take the virtual stake back now)
			require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 10_000))))
			q := distrkeeper.NewQuerier(f.Distr)
			r, err := q.DelegationRewards(f.Ctx, &distrtypes.QueryDelegationRewardsRequest{DelegatorAddress: f.AccStr(allianceAddr), ValidatorAddress: f.ValStr(v)})
			require.NoError(t, err)
			owed, _ := r.Rewards.TruncateDecimal()
			require.True(t, owed.AmountOf(testutil.BondDenom).IsPositive())

			pool := f.ModuleBalance(types.RewardsPoolName, testutil.BondDenom)
			fees := f.ModuleBalance(authtypes.FeeCollectorName, testutil.BondDenom)
			endBlock(t, f, time.Minute) // the rebalance takes the virtual stake back, claiming first
			require.True(t, f.VirtualStake(v).IsZero())
			require.Equal(t, fees.Add(owed.AmountOf(testutil.BondDenom)), f.ModuleBalance(authtypes.FeeCollectorName, testutil.BondDenom))
			require.Equal(t, pool, f.ModuleBalance(types.RewardsPoolName, testutil.BondDenom))
			require.True(t, f.ModuleBalance(types.ModuleName, testutil.BondDenom).IsZero())
		})
	}
}

// Coins anyone sends to the (receivable) pool are a surplus: the invariants
// hold and delegators are paid what they are owed, no more.
func TestCoinsSentToThePoolAreAHarmlessSurplus(t *testing.T) {
	f := newFixture(t, 1)
	alice, v := earning(t, f)
	owed := pending(t, f, alice, v, "aaa")
	bob := fund(t, f, "bob", coin(testutil.BondDenom, 5_001))
	require.NoError(t, f.Bank.SendCoins(f.Ctx, bob, poolAddr, sdk.NewCoins(coin(testutil.BondDenom, 5_000))))
	msg, broken := f.Invariants()
	require.False(t, broken, msg)
	require.Equal(t, owed, claim(t, f, alice, v, "aaa"))
	require.True(t, f.ModuleBalance(types.RewardsPoolName, testutil.BondDenom).GTE(math.NewInt(5_000)))
	// and a send to the alliance account is refused (blocked, as in the app)
	_, err := bankkeeper.NewMsgServerImpl(f.Bank).Send(f.Ctx, &banktypes.MsgSend{FromAddress: f.AccStr(bob), ToAddress: f.AccStr(allianceAddr), Amount: sdk.NewCoins(coin(testutil.BondDenom, 1))})
	require.ErrorContains(t, err, "is not allowed to receive funds")
}

// blockAll is a bank keeper that blocks every address.
type blockAll struct{ bankkeeper.BaseKeeper }

func (blockAll) BlockedAddr(sdk.AccAddress) bool { return true }

// If neither account may receive, x/distribution could never pay the
// virtual stake's rewards: the keeper refuses to be built, with the reason.
func TestKeeperRefusesWhenNoAccountCanReceiveRewards(t *testing.T) {
	f := newFixture(t, 1)
	require.PanicsWithValue(t,
		"alliance: x/distribution cannot pay the virtual stake's rewards: the alliance_rewards account (preferably) or the alliance account must not be a blocked address in x/bank",
		func() {
			keeper.NewKeeper(f.Encoding.Codec, runtime.NewKVStoreService(f.Keys[types.StoreKey]), f.Account, blockAll{f.Bank},
				f.Staking, f.Distr, authtypes.FeeCollectorName, f.Authority)
		})
}
