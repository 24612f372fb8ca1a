package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	errorsmod "cosmossdk.io/errors"

	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/codec"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/alliancewasm/alliancewasm/x/alliance/migrations/upstream"
	alliancetypes "github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// convertUpstreamCmd is `allianced genesis convert-upstream`: the alliance
// section of an upstream (terra-money/alliance v0.4) export, converted to
// this module's format; every other section is written back as it was.
func convertUpstreamCmd(cdc codec.JSONCodec) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "convert-upstream <upstream-export.json>",
		Short: "Convert the alliance section of a terra-money/alliance v0.4 export to this chain's format",
		Long: `Reads a genesis exported from a chain that runs terra-money/alliance v0.4 and
converts its alliance section (x/alliance/README.md, "Migrating from upstream"):
reward indices from per token to per share (rounded in favour of the reward pool),
reward_weight_range.max above 10 lowered to 10, schedules upstream never ran turned
off, and format_version 1 set. Every other section is written back unchanged;
addresses keep their bech32 prefix. The conversion runs once: a genesis that already
has a format_version is refused. Without --output-document the result goes to stdout.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ag, err := genutiltypes.AppGenesisFromFile(args[0])
			if err != nil {
				return err
			}
			if err := convertUpstreamGenesis(cdc, ag); err != nil {
				return err
			}
			out, _ := cmd.Flags().GetString(flags.FlagOutputDocument)
			if out != "" {
				return ag.SaveAs(out)
			}
			bz, err := json.MarshalIndent(ag, "", "  ")
			if err != nil {
				return err
			}
			cmd.Println(string(bz))
			return nil
		},
	}
	cmd.Flags().String(flags.FlagOutputDocument, "", "write the converted genesis to this file instead of stdout")
	return cmd
}

// convertUpstreamGenesis converts ag's alliance section in place
// (upstream.ConvertGenesis) and validates the result. An asset listing the
// staking section's bond denom is refused: this module never holds the
// bond denom as alliance stake (it mints and burns it for the virtual
// stake), so such a chain cannot migrate.
func convertUpstreamGenesis(cdc codec.JSONCodec, ag *genutiltypes.AppGenesis) error {
	var state map[string]json.RawMessage
	if err := json.Unmarshal(ag.AppState, &state); err != nil {
		return fmt.Errorf("app_state: %w", err)
	}
	raw, ok := state[alliancetypes.ModuleName]
	if !ok {
		return fmt.Errorf("app_state has no %s section", alliancetypes.ModuleName)
	}
	var gs alliancetypes.GenesisState
	if err := cdc.UnmarshalJSON(raw, &gs); err != nil {
		return fmt.Errorf("app_state.%s: %w", alliancetypes.ModuleName, err)
	}
	if err := upstream.ConvertGenesis(&gs); err != nil {
		return err
	}
	if err := refuseBondDenom(cdc, state, gs); err != nil {
		return err
	}
	if err := gs.Validate(); err != nil {
		return err
	}
	converted, err := cdc.MarshalJSON(&gs)
	if err != nil {
		return err
	}
	state[alliancetypes.ModuleName] = converted
	ag.AppState, err = json.Marshal(state)
	return err
}

// refuseBondDenom: an asset whose denom is the staking section's bond denom.
func refuseBondDenom(cdc codec.JSONCodec, state map[string]json.RawMessage, gs alliancetypes.GenesisState) error {
	raw, ok := state[stakingtypes.ModuleName]
	if !ok {
		return nil // InitGenesis checks against the chain's own bond denom
	}
	var staking stakingtypes.GenesisState
	if err := cdc.UnmarshalJSON(raw, &staking); err != nil {
		return fmt.Errorf("app_state.%s: %w", stakingtypes.ModuleName, err)
	}
	for _, a := range gs.Assets {
		if a.Denom == staking.Params.BondDenom {
			return errorsmod.Wrapf(alliancetypes.ErrForbiddenDenom,
				"%s is listed as an alliance asset and is the bond denom: this module cannot hold it as stake, so this chain cannot migrate (x/alliance/README.md, Migrating from upstream)", a.Denom)
		}
	}
	return nil
}
