package keeper_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/alliancewasm/alliancewasm/x/alliance"
	"github.com/alliancewasm/alliancewasm/x/alliance/migrations/upstream"
	"github.com/alliancewasm/alliancewasm/x/alliance/testutil"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// activeShares is the stored reward-split denominator of denom.
func activeShares(t *testing.T, f *testutil.Fixture, denom string) math.LegacyDec {
	t.Helper()
	a, err := f.Alliance.ActiveShares.Get(f.Ctx)
	require.NoError(t, err)
	return a.ValidatorSharesOf(denom)
}

// jailedFixture is a fresh 2-validator fixture whose v2 is jailed, as on
// the exporting chain below.
func jailedFixture(t *testing.T) *testutil.Fixture {
	t.Helper()
	f := newFixture(t, 2)
	require.NoError(t, f.Staking.Jail(f.Ctx, consAddr(t, f, f.Validators[1])))
	return f
}

// Alice stakes 1000 aaa on each of v1 and v2 (1:1: 1000 validator shares
// each); the rebalance stores 2000 active shares. v2 is then jailed and no
// rebalance has run yet: the running chain still splits by 2000, while a
// recomputation from the validators' status would give 1000 (v2 jailed).
// The export carries the 2000 and an import keeps them; a genesis without
// the field recomputes (1000 on a chain where v2 is jailed too).
func TestGenesisKeepsTheExportingChainsActiveShares(t *testing.T) {
	f := newFixture(t, 2)
	v1, v2 := f.Validators[0], f.Validators[1]
	listed(t, f, "aaa", one, zero)
	alice := fund(t, f, "alice", coin("aaa", 2000))
	delegate(t, f, alice, v1, coin("aaa", 1000))
	delegate(t, f, alice, v2, coin("aaa", 1000))
	endBlock(t, f, time.Second)
	require.Equal(t, dec("2000"), activeShares(t, f, "aaa"))
	require.NoError(t, f.Staking.Jail(f.Ctx, consAddr(t, f, v2)))

	gs := exportImport(t, f, 2) // export -> JSON -> import -> the same export
	require.Equal(t, types.GenesisFormatVersion, gs.FormatVersion)
	require.NotNil(t, gs.ActiveShares)
	require.Equal(t, sdk.DecCoins{sdk.NewDecCoinFromDec("aaa", dec("2000"))}, gs.ActiveShares.Shares)

	kept := jailedFixture(t)
	require.NoError(t, kept.Alliance.InitGenesis(kept.Ctx, gs))
	require.Equal(t, dec("2000"), activeShares(t, kept, "aaa"), "the exporting chain's split")

	older := *gs
	older.ActiveShares = nil // an export from before the field
	recomputed := jailedFixture(t)
	require.NoError(t, recomputed.Alliance.InitGenesis(recomputed.Ctx, &older))
	require.Equal(t, dec("1000"), activeShares(t, recomputed, "aaa"), "v1's shares only: v2 is jailed")
}

// Exported active shares must name listed assets, once, non-negative.
func TestGenesisRefusesBadActiveShares(t *testing.T) {
	gs := types.DefaultGenesisState()
	gs.Assets = []types.AllianceAsset{types.NewAllianceAsset("aaa", one, zero, one, 0, types.RewardWeightRange{Min: zero, Max: math.LegacyNewDec(10)}, time.Unix(0, 0).UTC())}
	for name, shares := range map[string]sdk.DecCoins{
		"unknown asset": {{Denom: "bbb", Amount: dec("1")}},
		"negative":      {{Denom: "aaa", Amount: dec("-1")}},
		"duplicate":     {{Denom: "aaa", Amount: dec("1")}, {Denom: "aaa", Amount: dec("2")}},
	} {
		bad := *gs
		bad.ActiveShares = &types.ActiveSharesState{Shares: shares}
		require.ErrorIs(t, bad.Validate(), types.ErrInvalidGenesisState, name)
	}
	gs.ActiveShares = &types.ActiveSharesState{Shares: sdk.DecCoins{{Denom: "aaa", Amount: dec("0")}}}
	require.NoError(t, gs.Validate())
}

// upstreamExportSection is the alliance section of the upstream v0.4.3
// export the testdata holds, as JSON.
func upstreamExportSection(t *testing.T) json.RawMessage {
	t.Helper()
	bz, err := os.ReadFile("../testdata/upstream-alliance-v0.4.3-export.json")
	require.NoError(t, err)
	var doc struct {
		AppState map[string]json.RawMessage `json:"app_state"`
	}
	require.NoError(t, json.Unmarshal(bz, &doc))
	return doc.AppState[types.ModuleName]
}

// The upstream export (3 assets, 4 delegations, no format_version) is
// refused by `genesis validate` (the module's ValidateGenesis) and by
// InitGenesis with an error naming the conversion command, and nothing is
// written; converted (what `allianced genesis convert-upstream` does) it
// validates, with format_version 1.
func TestGenesisRefusesAnUnconvertedUpstreamExport(t *testing.T) {
	f := newFixture(t, 1)
	raw := upstreamExportSection(t)
	err := alliance.AppModuleBasic{}.ValidateGenesis(f.Encoding.Codec, nil, raw)
	require.ErrorIs(t, err, types.ErrUnconvertedUpstreamGenesis)
	require.Contains(t, err.Error(), "allianced genesis convert-upstream")
	require.Contains(t, err.Error(), "3 assets, 4 delegations")

	var gs types.GenesisState
	f.Encoding.Codec.MustUnmarshalJSON(raw, &gs)
	require.Zero(t, gs.FormatVersion)
	before := storeBytes(t, f)
	require.ErrorIs(t, f.Alliance.InitGenesis(f.Ctx, &gs), types.ErrUnconvertedUpstreamGenesis)
	require.Equal(t, before, storeBytes(t, f), "a refused genesis writes nothing")

	require.NoError(t, upstream.ConvertGenesis(&gs))
	require.Equal(t, types.GenesisFormatVersion, gs.FormatVersion)
	require.NoError(t, alliance.AppModuleBasic{}.ValidateGenesis(f.Encoding.Codec, nil, f.Encoding.Codec.MustMarshalJSON(&gs)))
}

// A state without format_version but also without assets, validator infos
// or delegations carries no reward index and is read the same either way
// (a hand-written genesis, or pending undelegations only); a format newer
// than this binary's is refused.
func TestGenesisFormatVersion(t *testing.T) {
	empty := types.DefaultGenesisState()
	empty.FormatVersion = 0
	require.NoError(t, empty.Validate())
	empty.Undelegations = []types.UndelegationState{{Undelegation: types.QueuedUndelegation{Entries: []*types.Undelegation{{
		DelegatorAddress: "d", ValidatorAddress: "v", Balance: coin("aaa", 5),
	}}}}}
	require.NoError(t, empty.Validate())

	newer := types.DefaultGenesisState()
	newer.FormatVersion = types.GenesisFormatVersion + 1
	require.ErrorIs(t, newer.Validate(), types.ErrInvalidGenesisState)
	require.ErrorContains(t, newer.Validate(), "format_version 2 is newer than this binary's 1")
}
