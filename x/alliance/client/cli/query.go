// Package cli holds the cobra commands of the alliance module.
package cli

import (
	"net/url"

	"github.com/spf13/cobra"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// GetQueryCmd returns the query commands.
func GetQueryCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "Querying commands for the alliance module",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(
		queryCmd("params", "Query the module params", 0, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.Params(cmd.Context(), &types.QueryParamsRequest{})
		}),
		paged(queryCmd("alliances", "Query all alliance assets", 0, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			p, err := client.ReadPageRequest(cmd.Flags())
			if err != nil {
				return nil, err
			}
			return c.Alliances(cmd.Context(), &types.QueryAlliancesRequest{Pagination: p})
		})),
		queryCmd("alliance [denom]", "Query one alliance asset", 1, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.Alliance(cmd.Context(), &types.QueryAllianceRequest{Denom: url.QueryEscape(a[0])})
		}),
		queryCmd("validator [validator-addr]", "Query the alliance shares of a validator", 1, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.AllianceValidator(cmd.Context(), &types.QueryAllianceValidatorRequest{ValidatorAddr: a[0]})
		}),
		paged(queryCmd("validators", "Query the alliance shares of all validators", 0, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			p, err := client.ReadPageRequest(cmd.Flags())
			if err != nil {
				return nil, err
			}
			return c.AllAllianceValidators(cmd.Context(), &types.QueryAllAllianceValidatorsRequest{Pagination: p})
		})),
		paged(queryCmd("delegations", "Query all alliance delegations", 0, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			p, err := client.ReadPageRequest(cmd.Flags())
			if err != nil {
				return nil, err
			}
			return c.AllAlliancesDelegations(cmd.Context(), &types.QueryAllAlliancesDelegationsRequest{Pagination: p})
		})),
		paged(queryCmd("delegations-by-delegator [delegator-addr]", "Query the alliance delegations of a delegator", 1, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			p, err := client.ReadPageRequest(cmd.Flags())
			if err != nil {
				return nil, err
			}
			return c.AlliancesDelegation(cmd.Context(), &types.QueryAlliancesDelegationsRequest{DelegatorAddr: a[0], Pagination: p})
		})),
		paged(queryCmd("delegations-by-delegator-and-validator [delegator-addr] [validator-addr]", "Query a delegator's alliance delegations on a validator", 2, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			p, err := client.ReadPageRequest(cmd.Flags())
			if err != nil {
				return nil, err
			}
			return c.AlliancesDelegationByValidator(cmd.Context(), &types.QueryAlliancesDelegationByValidatorRequest{DelegatorAddr: a[0], ValidatorAddr: a[1], Pagination: p})
		})),
		queryCmd("delegation [delegator-addr] [validator-addr] [denom]", "Query one alliance delegation", 3, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.AllianceDelegation(cmd.Context(), &types.QueryAllianceDelegationRequest{DelegatorAddr: a[0], ValidatorAddr: a[1], Denom: url.QueryEscape(a[2])})
		}),
		queryCmd("rewards [delegator-addr] [validator-addr] [denom]", "Query the pending rewards of an alliance delegation", 3, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.AllianceDelegationRewards(cmd.Context(), &types.QueryAllianceDelegationRewardsRequest{DelegatorAddr: a[0], ValidatorAddr: a[1], Denom: url.QueryEscape(a[2])})
		}),
		queryCmd("unbondings-by-delegator [delegator-addr]", "Query a delegator's alliance unbondings", 1, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.AllianceUnbondingsByDelegator(cmd.Context(), &types.QueryAllianceUnbondingsByDelegatorRequest{DelegatorAddr: a[0]})
		}),
		queryCmd("unbondings-by-denom-delegator [denom] [delegator-addr]", "Query a delegator's alliance unbondings of one denom", 2, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.AllianceUnbondingsByDenomAndDelegator(cmd.Context(), &types.QueryAllianceUnbondingsByDenomAndDelegatorRequest{Denom: url.QueryEscape(a[0]), DelegatorAddr: a[1]})
		}),
		queryCmd("unbondings [denom] [delegator-addr] [validator-addr]", "Query a delegator's alliance unbondings of one denom from one validator", 3, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.AllianceUnbondings(cmd.Context(), &types.QueryAllianceUnbondingsRequest{Denom: url.QueryEscape(a[0]), DelegatorAddr: a[1], ValidatorAddr: a[2]})
		}),
		queryCmd("redelegations-by-delegator [delegator-addr]", "Query a delegator's alliance redelegations", 1, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.AllianceRedelegationsByDelegator(cmd.Context(), &types.QueryAllianceRedelegationsByDelegatorRequest{DelegatorAddr: a[0]})
		}),
		queryCmd("redelegations [denom] [delegator-addr]", "Query a delegator's alliance redelegations of one denom", 2, func(c types.QueryClient, cmd *cobra.Command, a []string) (any, error) {
			return c.AllianceRedelegations(cmd.Context(), &types.QueryAllianceRedelegationsRequest{Denom: url.QueryEscape(a[0]), DelegatorAddr: a[1]})
		}),
	)
	return cmd
}

type protoResp interface{ ProtoMessage() }

func queryCmd(use, short string, nargs int, run func(types.QueryClient, *cobra.Command, []string) (any, error)) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(nargs),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientQueryContext(cmd)
			if err != nil {
				return err
			}
			res, err := run(types.NewQueryClient(clientCtx), cmd, args)
			if err != nil {
				return err
			}
			return clientCtx.PrintProto(res.(interface {
				protoResp
				Reset()
				String() string
			}))
		},
	}
	flags.AddQueryFlagsToCmd(cmd)
	return cmd
}

func paged(cmd *cobra.Command) *cobra.Command {
	flags.AddPaginationFlagsToCmd(cmd, cmd.Name())
	return cmd
}
