package upstream_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/migrations/upstream"
	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

func storeDump(t *testing.T, f *testutil.Fixture) map[string]string {
	t.Helper()
	it, err := f.Alliance.ModuleStore(f.Ctx).Iterator(nil, nil)
	require.NoError(t, err)
	defer it.Close()
	out := map[string]string{}
	for ; it.Valid(); it.Next() {
		out[string(it.Key())] = string(it.Value())
	}
	return out
}

// This module's own chains pass through the step from version 5 on their
// way to 6: a store in this module's layout (a delegation, an unbonding, a
// redelegation, the indices) comes out byte for byte the same.
func TestUpstreamMigrateLeavesThisModulesLayoutAlone(t *testing.T) {
	f, err := testutil.New(testutil.Options{Validators: 2})
	require.NoError(t, err)
	one := math.LegacyOneDec()
	require.NoError(t, f.CreateAlliance("aaa", one, math.LegacyZeroDec(), one, 0, math.LegacyZeroDec(), math.LegacyNewDec(10)))
	alice := testutil.Addr("alice")
	require.NoError(t, f.Fund(alice, sdk.NewCoins(sdk.NewInt64Coin("aaa", 100))))
	v1, v2 := f.ValStr(f.Validators[0]), f.ValStr(f.Validators[1])
	_, err = f.MsgServer.Delegate(f.Ctx, &types.MsgDelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: v1, Amount: sdk.NewInt64Coin("aaa", 100)})
	require.NoError(t, err)
	require.NoError(t, f.EndBlock(time.Minute))
	_, err = f.MsgServer.Redelegate(f.Ctx, &types.MsgRedelegate{DelegatorAddress: f.AccStr(alice), ValidatorSrcAddress: v1, ValidatorDstAddress: v2, Amount: sdk.NewInt64Coin("aaa", 10)})
	require.NoError(t, err)
	_, err = f.MsgServer.Undelegate(f.Ctx, &types.MsgUndelegate{DelegatorAddress: f.AccStr(alice), ValidatorAddress: v1, Amount: sdk.NewInt64Coin("aaa", 10)})
	require.NoError(t, err)
	require.NoError(t, f.EndBlock(time.Minute))

	before := storeDump(t, f)
	require.NoError(t, upstream.Migrate(f.Alliance)(f.Ctx))
	require.Equal(t, before, storeDump(t, f))
}
