package keeper_test

import (
	"bytes"
	"testing"
	"time"

	"cosmossdk.io/collections"
	storetypes "cosmossdk.io/store/types"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

const ibcDenom = "ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2"

// rawDelegations returns the stored delegation values by raw key.
func rawDelegations(f *testutil.Fixture) map[string][]byte {
	out := map[string][]byte{}
	store := f.Ctx.KVStore(f.Keys[types.StoreKey])
	it := storetypes.KVStorePrefixIterator(store, types.DelegationKey.Bytes())
	defer it.Close()
	for ; it.Valid(); it.Next() {
		out[string(it.Key())] = append([]byte{}, it.Value()...)
	}
	return out
}

// delegationViews is everything that reads delegations: the queries, the
// genesis export and the invariants.
func delegationViews(t *testing.T, f *testutil.Fixture, alice sdk.AccAddress) []string {
	t.Helper()
	cdc := f.Encoding.Codec
	var out []string
	all, err := f.Query.AllAlliancesDelegations(f.Ctx, &types.QueryAllAlliancesDelegationsRequest{})
	require.NoError(t, err)
	require.Len(t, all.Delegations, 3)
	out = append(out, string(cdc.MustMarshalJSON(all)))
	byDel, err := f.Query.AlliancesDelegation(f.Ctx, &types.QueryAlliancesDelegationsRequest{DelegatorAddr: f.AccStr(alice)})
	require.NoError(t, err)
	out = append(out, string(cdc.MustMarshalJSON(byDel)))
	byVal, err := f.Query.AlliancesDelegationByValidator(f.Ctx, &types.QueryAlliancesDelegationByValidatorRequest{DelegatorAddr: f.AccStr(alice), ValidatorAddr: f.ValStr(f.Validators[0])})
	require.NoError(t, err)
	out = append(out, string(cdc.MustMarshalJSON(byVal)))
	single, err := f.Query.AllianceDelegation(f.Ctx, &types.QueryAllianceDelegationRequest{DelegatorAddr: f.AccStr(alice), ValidatorAddr: f.ValStr(f.Validators[0]), Denom: ibcDenom})
	require.NoError(t, err)
	require.NotEmpty(t, single.Delegation.Delegation.RewardHistory)
	out = append(out, string(cdc.MustMarshalJSON(single)))
	rw, err := f.Query.AllianceDelegationRewards(f.Ctx, &types.QueryAllianceDelegationRewardsRequest{DelegatorAddr: f.AccStr(alice), ValidatorAddr: f.ValStr(f.Validators[0]), Denom: ibcDenom})
	require.NoError(t, err)
	out = append(out, string(cdc.MustMarshalJSON(rw)))
	gs, err := f.Alliance.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	out = append(out, string(cdc.MustMarshalJSON(gs)))
	msg, broken := f.Invariants()
	require.False(t, broken, msg)
	return out
}

// A delegation is stored without the addresses and denoms its key holds
// (they cost 30 gas per byte on every write), and every reader sees exactly
// what it saw when the full value was stored.
func TestDelegationsStoredCompact(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, ibcDenom, one, zero)
	alice := fund(t, f, "alice", coin(ibcDenom, 3000))
	bob := fund(t, f, "bob", coin(ibcDenom, 1000))
	delegate(t, f, alice, v1, coin(ibcDenom, 1000))
	endBlock(t, f, time.Minute)
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 5000))))
	delegate(t, f, alice, v1, coin(ibcDenom, 1000)) // claims: reward history set
	delegate(t, f, alice, v2, coin(ibcDenom, 1000))
	delegate(t, f, bob, v1, coin(ibcDenom, 1000))
	require.NoError(t, f.AllocateRewards(v1, sdk.NewCoins(coin(testutil.BondDenom, 5000))))
	endBlock(t, f, time.Minute)

	raw := rawDelegations(f)
	require.Len(t, raw, 3)
	for _, bz := range raw {
		require.False(t, bytes.Contains(bz, []byte(ibcDenom)), "denom stored in the value")
		require.False(t, bytes.Contains(bz, []byte(testutil.Bech32Acc+"1")), "delegator address stored in the value")
		require.False(t, bytes.Contains(bz, []byte(testutil.Bech32Acc+"valoper1")), "validator address stored in the value")
	}
	compactViews := delegationViews(t, f, alice)

	// The same state with every value stored in full (as before): every
	// reader sees the same.
	store := f.Ctx.KVStore(f.Keys[types.StoreKey])
	err := f.Alliance.Delegations.Walk(f.Ctx, nil, func(key collections.Triple[sdk.AccAddress, sdk.ValAddress, string], d types.Delegation) (bool, error) {
		require.Equal(t, f.AccStr(key.K1()), d.DelegatorAddress)
		require.Equal(t, f.ValStr(key.K2()), d.ValidatorAddress)
		require.Equal(t, key.K3(), d.Denom)
		for _, h := range d.RewardHistory {
			require.Equal(t, d.Denom, h.Alliance)
		}
		rk, err := collections.EncodeKeyWithPrefix(types.DelegationKey, f.Alliance.Delegations.KeyCodec(), key)
		require.NoError(t, err)
		store.Set(rk, f.Encoding.Codec.MustMarshal(&d))
		return false, nil
	})
	require.NoError(t, err)
	require.NotEqual(t, raw, rawDelegations(f))
	require.Equal(t, compactViews, delegationViews(t, f, alice))

	// Genesis import stores them compact again and exports the same.
	gs, err := f.Alliance.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	f2 := newFixture(t, 2)
	require.NoError(t, f2.Alliance.InitGenesis(f2.Ctx, gs))
	require.Equal(t, raw, rawDelegations(f2))
	out, err := f2.Alliance.ExportGenesis(f2.Ctx)
	require.NoError(t, err)
	require.Equal(t, string(f.Encoding.Codec.MustMarshalJSON(gs)), string(f2.Encoding.Codec.MustMarshalJSON(out)))
}

// A delegation whose fields disagree with its key (only a hand-written
// genesis can make one) is stored as given and read back unchanged.
func TestDelegationDisagreeingWithItsKeyRoundTrips(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	alice := testutil.Addr("alice")
	key := collections.Join3(alice, v, "aaa")
	for _, d := range []types.Delegation{
		{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Denom: "aaa", Shares: one,
			RewardHistory: []types.RewardHistory{{Denom: "stake", Index: one, Alliance: ""}}},
		{DelegatorAddress: f.AccStr(testutil.Addr("bob")), ValidatorAddress: f.ValStr(v), Denom: "aaa", Shares: one},
		{DelegatorAddress: f.AccStr(alice), ValidatorAddress: f.ValStr(v), Denom: "bbb", Shares: one,
			RewardHistory: []types.RewardHistory{{Denom: "stake", Index: one, Alliance: "bbb"}}},
	} {
		require.NoError(t, f.Alliance.Delegations.Set(f.Ctx, key, d))
		got, err := f.Alliance.Delegations.Get(f.Ctx, key)
		require.NoError(t, err)
		require.Equal(t, d, got)
	}
}
