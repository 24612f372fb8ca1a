package keeper

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// NewLegacyProposalHandler handles the gov v1beta1 alliance proposals. Only
// needed if the app adds it to the legacy gov router under types.RouterKey;
// gov v1 proposals with MsgCreateAlliance etc. do not use it.
func NewLegacyProposalHandler(k Keeper) govv1beta1.Handler {
	return func(ctx sdk.Context, content govv1beta1.Content) error {
		switch c := content.(type) {
		case *types.MsgCreateAllianceProposal:
			return k.CreateAlliance(ctx, &types.MsgCreateAlliance{
				Authority: k.authority, Denom: c.Denom, RewardWeight: c.RewardWeight, TakeRate: c.TakeRate,
				RewardChangeRate: c.RewardChangeRate, RewardChangeInterval: c.RewardChangeInterval, RewardWeightRange: c.RewardWeightRange,
			})
		case *types.MsgUpdateAllianceProposal:
			return k.UpdateAlliance(ctx, &types.MsgUpdateAlliance{
				Authority: k.authority, Denom: c.Denom, RewardWeight: c.RewardWeight, TakeRate: c.TakeRate,
				RewardChangeRate: c.RewardChangeRate, RewardChangeInterval: c.RewardChangeInterval, RewardWeightRange: c.RewardWeightRange,
			})
		case *types.MsgDeleteAllianceProposal:
			return k.DeleteAlliance(ctx, c.Denom)
		default:
			return errorsmod.Wrapf(types.ErrInvalidProposal, "unrecognized content type %T", c)
		}
	}
}
