package cli

import (
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

const (
	flagTitle    = "title"
	flagSummary  = "summary"
	flagDeposit  = "deposit"
	flagMetadata = "metadata"
)

// GetTxCmd returns the transaction commands.
func GetTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Alliance transaction subcommands",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		txCmd("delegate [validator-addr] [amount]", "Stake an alliance asset on a validator", 2, func(from string, a []string) (sdk.Msg, error) {
			coin, err := sdk.ParseCoinNormalized(a[1])
			if err != nil {
				return nil, err
			}
			return &types.MsgDelegate{DelegatorAddress: from, ValidatorAddress: a[0], Amount: coin}, nil
		}),
		txCmd("redelegate [src-validator-addr] [dst-validator-addr] [amount]", "Move alliance stake to another validator", 3, func(from string, a []string) (sdk.Msg, error) {
			coin, err := sdk.ParseCoinNormalized(a[2])
			if err != nil {
				return nil, err
			}
			return &types.MsgRedelegate{DelegatorAddress: from, ValidatorSrcAddress: a[0], ValidatorDstAddress: a[1], Amount: coin}, nil
		}),
		txCmd("undelegate [validator-addr] [amount]", "Unstake an alliance asset", 2, func(from string, a []string) (sdk.Msg, error) {
			coin, err := sdk.ParseCoinNormalized(a[1])
			if err != nil {
				return nil, err
			}
			return &types.MsgUndelegate{DelegatorAddress: from, ValidatorAddress: a[0], Amount: coin}, nil
		}),
		txCmd("cancel-unbonding [validator-addr] [amount] [creation-height]",
			"Return unbonding alliance tokens to their delegation (creation-height: see `query alliance unbondings-by-delegator`)", 3, cancelUnbondingMsg),
		txCmd("claim-rewards [validator-addr] [denom]", "Claim the rewards of an alliance delegation", 2, func(from string, a []string) (sdk.Msg, error) {
			return &types.MsgClaimDelegationRewards{DelegatorAddress: from, ValidatorAddress: a[0], Denom: a[1]}, nil
		}),
		govCmd("create-alliance [denom] [reward-weight] [reward-weight-min] [reward-weight-max] [take-rate] [reward-change-rate] [reward-change-interval]",
			"Submit a gov proposal listing an alliance asset", 7, func(auth string, a []string) (sdk.Msg, error) {
				m, err := allianceFields(a)
				if err != nil {
					return nil, err
				}
				return &types.MsgCreateAlliance{Authority: auth, Denom: a[0], RewardWeight: m.w, RewardWeightRange: types.RewardWeightRange{Min: m.min, Max: m.max},
					TakeRate: m.take, RewardChangeRate: m.rate, RewardChangeInterval: m.interval}, nil
			}),
		govCmd("update-alliance [denom] [reward-weight] [reward-weight-min] [reward-weight-max] [take-rate] [reward-change-rate] [reward-change-interval]",
			"Submit a gov proposal changing an alliance asset", 7, func(auth string, a []string) (sdk.Msg, error) {
				m, err := allianceFields(a)
				if err != nil {
					return nil, err
				}
				return &types.MsgUpdateAlliance{Authority: auth, Denom: a[0], RewardWeight: m.w, RewardWeightRange: types.RewardWeightRange{Min: m.min, Max: m.max},
					TakeRate: m.take, RewardChangeRate: m.rate, RewardChangeInterval: m.interval}, nil
			}),
		govCmd("delete-alliance [denom]", "Submit a gov proposal delisting an alliance asset", 1, func(auth string, a []string) (sdk.Msg, error) {
			return &types.MsgDeleteAlliance{Authority: auth, Denom: a[0]}, nil
		}),
		govCmd("update-params [reward-delay-time] [take-rate-claim-interval]", "Submit a gov proposal changing the alliance params", 2, func(auth string, a []string) (sdk.Msg, error) {
			delay, err := time.ParseDuration(a[0])
			if err != nil {
				return nil, err
			}
			interval, err := time.ParseDuration(a[1])
			if err != nil {
				return nil, err
			}
			return &types.MsgUpdateParams{Authority: auth, Params: types.NewParams(delay, interval, time.Time{})}, nil
		}),
	)
	return cmd
}

// cancelUnbondingMsg builds the MsgCancelUnbonding of cancel-unbonding's
// arguments (validator, amount, creation height).
func cancelUnbondingMsg(from string, a []string) (sdk.Msg, error) {
	coin, err := sdk.ParseCoinNormalized(a[1])
	if err != nil {
		return nil, err
	}
	height, err := strconv.ParseInt(a[2], 10, 64)
	if err != nil || height <= 0 {
		return nil, fmt.Errorf("creation height %q: want a positive block height", a[2])
	}
	return &types.MsgCancelUnbonding{DelegatorAddress: from, ValidatorAddress: a[0], Amount: coin, CreationHeight: height}, nil
}

type allianceArgs struct {
	w, min, max, take, rate math.LegacyDec
	interval                time.Duration
}

func allianceFields(a []string) (allianceArgs, error) {
	var out allianceArgs
	decs := []*math.LegacyDec{&out.w, &out.min, &out.max, &out.take, &out.rate}
	for i, p := range decs {
		d, err := math.LegacyNewDecFromStr(a[i+1])
		if err != nil {
			return out, fmt.Errorf("argument %d: %w", i+2, err)
		}
		*p = d
	}
	iv, err := time.ParseDuration(a[6])
	if err != nil {
		return out, fmt.Errorf("reward-change-interval: %w", err)
	}
	out.interval = iv
	return out, types.ValidateAllianceParams(a[0], out.w, out.take, out.rate, out.interval, types.RewardWeightRange{Min: out.min, Max: out.max})
}

func txCmd(use, short string, nargs int, build func(from string, args []string) (sdk.Msg, error)) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(nargs),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			msg, err := build(clientCtx.GetFromAddress().String(), args)
			if err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// govCmd wraps the authority message into a gov v1 proposal signed by --from.
func govCmd(use, short string, nargs int, build func(authority string, args []string) (sdk.Msg, error)) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(nargs),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			authority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
			msg, err := build(authority, args)
			if err != nil {
				return err
			}
			title, _ := cmd.Flags().GetString(flagTitle)
			summary, _ := cmd.Flags().GetString(flagSummary)
			metadata, _ := cmd.Flags().GetString(flagMetadata)
			depStr, _ := cmd.Flags().GetString(flagDeposit)
			deposit, err := sdk.ParseCoinsNormalized(depStr)
			if err != nil {
				return err
			}
			prop, err := govv1.NewMsgSubmitProposal([]sdk.Msg{msg}, deposit, clientCtx.GetFromAddress().String(), metadata, title, summary, false)
			if err != nil {
				return err
			}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), prop)
		},
	}
	cmd.Flags().String(flagTitle, "", "proposal title")
	cmd.Flags().String(flagSummary, "", "proposal summary")
	cmd.Flags().String(flagMetadata, "", "proposal metadata")
	cmd.Flags().String(flagDeposit, "", "proposal deposit")
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}
