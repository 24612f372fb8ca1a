package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// exportImport exports f's alliance state as JSON, runs ValidateGenesis on
// it (what `genesis validate` and the module manager run), imports it into a
// fresh fixture with the same validators and checks the re-export is
// byte-identical. It returns the exported state.
func exportImport(t *testing.T, f *testutil.Fixture, vals int) *types.GenesisState {
	t.Helper()
	gs, err := f.Alliance.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	bz := f.Encoding.Codec.MustMarshalJSON(gs)
	f2 := newFixture(t, vals)
	var gs2 types.GenesisState
	f2.Encoding.Codec.MustUnmarshalJSON(bz, &gs2)
	require.NoError(t, gs2.Validate(), "the module refuses its own export")
	require.NoError(t, f2.Alliance.InitGenesis(f2.Ctx, &gs2))
	out, err := f2.Alliance.ExportGenesis(f2.Ctx)
	require.NoError(t, err)
	require.Equal(t, string(bz), string(f2.Encoding.Codec.MustMarshalJSON(out)))
	return gs
}

// A redelegation record outlives its destination delegation when the
// delegator undelegates what she moved (two ordinary messages): the export
// must still validate and import, with both entries and their heights.
func TestExportImportsAfterRedelegateThenUndelegate(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 100))
	delegate(t, f, alice, v1, coin("aaa", 100))
	endBlock(t, f, time.Minute)
	h := f.Ctx.BlockHeight()
	redelegateMsg(t, f, alice, v1, v2, coin("aaa", 10))
	undelegateMsg(t, f, alice, v2, coin("aaa", 10))
	endBlock(t, f, time.Minute)

	gs := exportImport(t, f, 2)
	require.Len(t, gs.Redelegations, 1)
	require.Equal(t, h, gs.Redelegations[0].Redelegation.CreationHeight)
	require.Len(t, gs.Undelegations, 1)
	require.Equal(t, h, gs.Undelegations[0].Undelegation.Entries[0].CreationHeight)
	require.Len(t, gs.Delegations, 1) // only alice's 90 left on v1
}

// DeleteAlliance keeps the pending undelegations of the delisted denom (they
// still pay out): the export must validate and import, and the imported
// chain pays alice her 100 aaa at the completion time.
func TestExportImportsAfterDelistWithPendingUndelegation(t *testing.T) {
	f := newFixture(t, 1)
	v := f.Validators[0]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 100))
	delegate(t, f, alice, v, coin("aaa", 100))
	endBlock(t, f, time.Minute)
	undelegateMsg(t, f, alice, v, coin("aaa", 100))
	_, err := f.MsgServer.DeleteAlliance(f.Ctx, &types.MsgDeleteAlliance{Authority: f.Authority, Denom: "aaa"})
	require.NoError(t, err)
	endBlock(t, f, time.Minute)

	gs := exportImport(t, f, 1)
	require.Empty(t, gs.Assets)
	require.Len(t, gs.Undelegations, 1)

	// The payout still works on the original chain.
	endBlock(t, f, testutil.UnbondingIn)
	endBlock(t, f, time.Minute) // matured: paid in this block's EndBlock
	require.Equal(t, int64(100), f.Balance(alice, "aaa").Int64())
}

// Entries of an upstream v0.4.3 export carry no creation height: they are
// imported with height 0 ("unknown"), which the slash treats as slashable
// for every infraction (as before heights were recorded); negative heights
// are refused.
func TestGenesisEntryHeights(t *testing.T) {
	gs := types.DefaultGenesisState()
	gs.Undelegations = []types.UndelegationState{{Undelegation: types.QueuedUndelegation{Entries: []*types.Undelegation{{
		DelegatorAddress: "x", ValidatorAddress: "y", Balance: coin("aaa", 1), CreationHeight: -1,
	}}}}}
	require.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesisState)
	gs.Undelegations[0].Undelegation.Entries[0].CreationHeight = 0
	require.NoError(t, gs.Validate())
	gs.Redelegations = []types.RedelegationState{{Redelegation: types.Redelegation{Balance: coin("aaa", 1), CreationHeight: -3}}}
	require.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesisState)
}
