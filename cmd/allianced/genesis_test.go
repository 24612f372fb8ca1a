package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/migrations/upstream"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

const upstreamExport = "../../x/alliance/testdata/upstream-alliance-v0.4.3-export.json"

func appState(t *testing.T, file string) map[string]json.RawMessage {
	t.Helper()
	bz, err := os.ReadFile(file)
	require.NoError(t, err)
	var doc struct {
		AppState map[string]json.RawMessage `json:"app_state"`
	}
	require.NoError(t, json.Unmarshal(bz, &doc))
	return doc.AppState
}

// `allianced genesis convert-upstream` on the upstream v0.4.3 export: the
// alliance section is exactly upstream.ConvertGenesis of the file's (format
// 1, indices per share) and validates; every other section is unchanged.
// Run again on its own output it refuses, and the file's bond denom listed
// as an asset is refused as a chain that cannot migrate.
func TestGenesisConvertUpstream(t *testing.T) {
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	out := filepath.Join(t.TempDir(), "converted.json")
	run(t, "genesis", "convert-upstream", upstreamExport, "--output-document", out)

	before, after := appState(t, upstreamExport), appState(t, out)
	var want, got alliancetypes.GenesisState
	require.NoError(t, cdc.UnmarshalJSON(before[alliancetypes.ModuleName], &want))
	require.Zero(t, want.FormatVersion)
	require.ErrorIs(t, want.Validate(), alliancetypes.ErrUnconvertedUpstreamGenesis)
	require.NoError(t, upstream.ConvertGenesis(&want))
	require.NoError(t, cdc.UnmarshalJSON(after[alliancetypes.ModuleName], &got))
	require.Equal(t, alliancetypes.GenesisFormatVersion, got.FormatVersion)
	// As JSON: an empty list read back from the file is an empty slice
	// where ConvertGenesis leaves nil; both are the same genesis.
	wantJSON, err := cdc.MarshalJSON(&want)
	require.NoError(t, err)
	gotJSON, err := cdc.MarshalJSON(&got)
	require.NoError(t, err)
	require.JSONEq(t, string(wantJSON), string(gotJSON))
	require.NoError(t, got.Validate())
	require.Len(t, got.Delegations, 4)
	for name, section := range before {
		if name != alliancetypes.ModuleName {
			require.JSONEq(t, string(section), string(after[name]), "section %s changed", name)
		}
	}
	require.Len(t, after, len(before))

	_, err = runErr("genesis", "convert-upstream", out)
	require.ErrorContains(t, err, "already in this module's format")

	// the same export from a chain whose bond denom is one of its assets
	bz, err := os.ReadFile(upstreamExport)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(bz, &doc))
	staking := doc["app_state"].(map[string]any)["staking"].(map[string]any)
	staking["params"].(map[string]any)["bond_denom"] = "ualliancea"
	bonded := filepath.Join(t.TempDir(), "bond-denom-listed.json")
	bz, err = json.Marshal(doc)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(bonded, bz, 0o600))
	_, err = runErr("genesis", "convert-upstream", bonded)
	require.ErrorContains(t, err, "ualliancea is listed as an alliance asset and is the bond denom")
	require.ErrorContains(t, err, "cannot migrate")
}
