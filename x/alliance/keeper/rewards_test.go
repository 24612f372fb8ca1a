package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	storetypes "cosmossdk.io/store/types"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Two assets with weights 0.5 and 1.0 on one validator (self-bond 1,000,000,
// 0 % commission). Virtual stake = 0.5 × 1e6 + 1.0 × 1e6 = 1,500,000, so the
// validator has 2,500,000 tokens and the module earns 1500/2500 of a 2500
// reward = 1500. Split by w × T_{a,V}/T_a: aaa 0.5, bbb 1.0 → 500 and 1000.
func TestTwoAssetsShareNativeRewards(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", dec("0.5"), zero)
	listed(t, f, "bbb", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("bbb", 2000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	delegate(t, f, bob, v, coin("bbb", 2000))
	endBlock(t, f, 5*time.Second) // initializes both (delay 0) and rebalances

	require.Equal(t, int64(1_500_000), f.VirtualStake(v).Int64())

	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 2500))))
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 500)), pending(t, f, alice, v, "aaa"))
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), pending(t, f, bob, v, "bbb"))

	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 500)), claim(t, f, alice, v, "aaa"))
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), claim(t, f, bob, v, "bbb"))
	require.Equal(t, int64(500), f.Balance(alice, testutil.BondDenom).Int64())
	require.Equal(t, int64(1000), f.Balance(bob, testutil.BondDenom).Int64())
	// nothing left twice
	require.True(t, claim(t, f, alice, v, "aaa").IsZero())
	endBlock(t, f, 5*time.Second)
}

// Same asset on two validators with different stake: each validator's
// rewards go to its own delegators in full (normalisation by T_{a,V}/T_a,
// the March-2024 upstream fix), so equal stake earns equal reward per token.
func TestSameAssetAcrossValidatorsEarnsPerToken(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 3000))
	bob := fund(t, f, "bob", coin("aaa", 1000))
	delegate(t, f, alice, v1, coin("aaa", 3000))
	delegate(t, f, bob, v2, coin("aaa", 1000))
	endBlock(t, f, 5*time.Second)
	// native 2e6, weight 1: v1 gets 3/4, v2 1/4 of 2e6.
	require.Equal(t, int64(1_500_000), f.VirtualStake(v1).Int64())
	require.Equal(t, int64(500_000), f.VirtualStake(v2).Int64())
	// rewards proportional to each validator's total stake (2.5e6 and 1.5e6)
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 2500))))
	require.NoError(t, f.AllocateRewards(v2, sdk.NewCoins(coin(testutil.BondDenom, 1500))))
	// module's part: 1500 on v1, 500 on v2 → 0.5 per alliance token each.
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1500)), claim(t, f, alice, v1, "aaa"))
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 500)), claim(t, f, bob, v2, "aaa"))
}

// Defect 8: a first delegation must not inherit rewards accrued on the
// validator before it (upstream v0.4.3 indexed it at the stale index).
func TestFirstDelegationDoesNotInheritRewards(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	bob := fund(t, f, "bob", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, 5*time.Second)
	require.Equal(t, int64(1_000_000), f.VirtualStake(v).Int64())
	// 2000 to v: module holds half the stake → 1000, all Alice's.
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 2000))))
	delegate(t, f, bob, v, coin("aaa", 1000)) // first delegation, rewards not yet withdrawn
	require.True(t, pending(t, f, bob, v, "aaa").IsZero())
	require.True(t, claim(t, f, bob, v, "aaa").IsZero())
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), claim(t, f, alice, v, "aaa"))
}

// A delegation is paid its rewards before it grows; MsgDelegateResponse says
// how much (a contract books it from the reply instead of asking the rewards
// query first). A new delegation is paid nothing.
func TestDelegateResponseCarriesTheClaimedRewards(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 2000))
	first, err := f.MsgServer.Delegate(f.Ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Amount: coin("aaa", 1000)})
	require.NoError(t, err)
	require.True(t, first.ClaimedRewards.IsZero())
	endBlock(t, f, 5*time.Second)
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 2000))))
	want := pending(t, f, alice, v, "aaa")
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), want)
	before := f.Bank.GetBalance(f.Ctx, alice, testutil.BondDenom)
	second, err := f.MsgServer.Delegate(f.Ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Amount: coin("aaa", 1000)})
	require.NoError(t, err)
	require.Equal(t, want, second.ClaimedRewards)
	require.Equal(t, before.Amount.Add(want.AmountOf(testutil.BondDenom)), f.Bank.GetBalance(f.Ctx, alice, testutil.BondDenom).Amount)
	require.True(t, claim(t, f, alice, v, "aaa").IsZero(), "paid twice")
}

// Defect 5: the rewards query computes without writing any state (upstream
// ran the claim path in the query context).
func TestRewardsQueryWritesNothing(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, 5*time.Second)
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 2000))))

	before := dumpStores(f)
	got := pending(t, f, alice, v, "aaa")
	require.Equal(t, before, dumpStores(f), "the rewards query wrote state")
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), got)
	// and it agrees with what the claim pays
	require.Equal(t, got, claim(t, f, alice, v, "aaa"))
}

// The rewards query runs x/distribution's calculation in a discarded branch:
// its writes there are charged as reads (they never reach the store), reads
// keep their price, and the answer is the same.
func TestRewardsQueryChargesDiscardedWritesAsReads(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 1000))
	delegate(t, f, alice, v, coin("aaa", 1000))
	endBlock(t, f, 5*time.Second)
	require.NoError(t, f.AllocateRewards(v, sdk.NewCoins(coin(testutil.BondDenom, 2000))))

	meter := &recordingMeter{GasMeter: storetypes.NewInfiniteGasMeter()}
	got, err := f.Alliance.PendingDelegationRewards(f.Ctx.WithGasMeter(meter), alice, v, "aaa")
	require.NoError(t, err)
	require.Equal(t, sdk.NewCoins(coin(testutil.BondDenom, 1000)), got)
	kv := storetypes.KVGasConfig()
	writes := 0
	for _, c := range meter.charges {
		switch c.desc {
		case storetypes.GasWriteCostFlatDesc:
			writes++
			require.Equal(t, kv.ReadCostFlat, c.amount)
		case storetypes.GasReadCostFlatDesc:
			require.Equal(t, kv.ReadCostFlat, c.amount)
		}
	}
	require.Positive(t, writes, "the calculation wrote nothing to its branch")
	require.Equal(t, got, claim(t, f, alice, v, "aaa"))
}

type gasCharge struct {
	amount storetypes.Gas
	desc   string
}

type recordingMeter struct {
	storetypes.GasMeter
	charges []gasCharge
}

func (m *recordingMeter) ConsumeGas(amount storetypes.Gas, desc string) {
	m.charges = append(m.charges, gasCharge{amount, desc})
	m.GasMeter.ConsumeGas(amount, desc)
}

func dumpStores(f *testutil.Fixture) map[string]string {
	out := map[string]string{}
	for name, key := range f.Keys {
		it := f.Ctx.KVStore(key).Iterator(nil, nil)
		for ; it.Valid(); it.Next() {
			out[name+"/"+string(it.Key())] = string(it.Value())
		}
		it.Close()
	}
	return out
}
