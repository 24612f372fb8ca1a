package app_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/e2e/harness"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// A user redelegates alliance stake v0→v1 and undelegates it from v1 in one
// transaction: the redelegation record outlives its destination delegation
// until it matures. Both a plain and a zero-height export of the chain must
// pass ValidateGenesis in that state (an export/import upgrade or an
// emergency restart cannot wait for the unbonding time), and the plain one
// keeps the heights the entries were made at.
func TestExportValidatesAfterRedelegateThenUndelegate(t *testing.T) {
	cfg := harness.DefaultConfig()
	cfg.Validators = 2
	cfg.Funds = map[string]sdk.Coins{"alice": sdk.NewCoins(sdk.NewInt64Coin("uasset", 10_000_000))}
	c := harness.NewChain(t, cfg)
	c.CreateAlliance(harness.AllianceSpec{Denom: "uasset", RewardWeight: "0.5"})
	alice := c.Account("alice")
	v0, v1 := c.Validators()[0].ValAddr.String(), c.Validators()[1].ValAddr.String()
	amt := sdk.NewInt64Coin("uasset", 1_000_000)
	c.MustDeliver(alice, &alliancetypes.MsgDelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: v0, Amount: amt})
	c.NextBlocks(2)
	c.MustDeliver(alice,
		&alliancetypes.MsgRedelegate{DelegatorAddress: alice.Address.String(), ValidatorSrcAddress: v0, ValidatorDstAddress: v1, Amount: amt},
		&alliancetypes.MsgUndelegate{DelegatorAddress: alice.Address.String(), ValidatorAddress: v1, Amount: amt})
	madeAt := c.Height()
	c.NextBlocks(2)

	for _, zero := range []bool{false, true} {
		exported, err := c.App.ExportAppStateAndValidators(zero, nil, nil)
		require.NoError(t, err)
		var state map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(exported.AppState, &state))
		require.NoError(t, c.App.BasicModuleManager.ValidateGenesis(c.App.AppCodec(), c.App.TxConfig(), state),
			"export (zero height: %v) fails ValidateGenesis", zero)
		var gs alliancetypes.GenesisState
		c.App.AppCodec().MustUnmarshalJSON(state[alliancetypes.ModuleName], &gs)
		require.Len(t, gs.Redelegations, 1)
		require.Len(t, gs.Undelegations, 1)
		want := madeAt
		if zero {
			want = 1
		}
		require.Equal(t, want, gs.Redelegations[0].Redelegation.CreationHeight)
		require.Equal(t, want, gs.Undelegations[0].Undelegation.Entries[0].CreationHeight)
	}
}
