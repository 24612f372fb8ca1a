package simulation

import (
	"math/rand"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	"github.com/cosmos/cosmos-sdk/x/simulation"

	"github.com/alliancewasm/alliancewasm/x/alliance/keeper"
	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

// Keys of the governance proposal weights in a simulation params file, and
// their defaults (the SDK's own proposal messages weigh 100).
const (
	OpWeightMsgCreateAlliance = "op_weight_msg_create_alliance"
	OpWeightMsgUpdateAlliance = "op_weight_msg_update_alliance"
	OpWeightMsgDeleteAlliance = "op_weight_msg_delete_alliance"
	OpWeightMsgUpdateParams   = "op_weight_msg_alliance_update_params"

	DefaultWeightMsgCreateAlliance = 40
	DefaultWeightMsgUpdateAlliance = 80
	DefaultWeightMsgDeleteAlliance = 20
	DefaultWeightMsgUpdateParams   = 20
)

// ProposalMsgs are the messages simulated governance proposals carry. A
// proposal executes after its voting period, so what it finds then may have
// changed (the denom listed meanwhile, the asset deleted): the module refuses
// it then and the proposal fails, as on a real chain.
func ProposalMsgs(k keeper.Keeper) []simtypes.WeightedProposalMsg {
	authority := k.GetAuthority()
	return []simtypes.WeightedProposalMsg{
		simulation.NewWeightedProposalMsg(OpWeightMsgCreateAlliance, DefaultWeightMsgCreateAlliance,
			func(r *rand.Rand, ctx sdk.Context, _ []simtypes.Account) sdk.Msg {
				a := randomAsset(r, pickDenom(r, ctx, k, false), time.Time{})
				return &types.MsgCreateAlliance{Authority: authority, Denom: a.Denom, RewardWeight: a.RewardWeight,
					TakeRate: a.TakeRate, RewardChangeRate: a.RewardChangeRate, RewardChangeInterval: a.RewardChangeInterval,
					RewardWeightRange: a.RewardWeightRange}
			}),
		simulation.NewWeightedProposalMsg(OpWeightMsgUpdateAlliance, DefaultWeightMsgUpdateAlliance,
			func(r *rand.Rand, ctx sdk.Context, _ []simtypes.Account) sdk.Msg {
				a := randomAsset(r, pickDenom(r, ctx, k, true), time.Time{})
				return &types.MsgUpdateAlliance{Authority: authority, Denom: a.Denom, RewardWeight: a.RewardWeight,
					TakeRate: a.TakeRate, RewardChangeRate: a.RewardChangeRate, RewardChangeInterval: a.RewardChangeInterval,
					RewardWeightRange: a.RewardWeightRange}
			}),
		simulation.NewWeightedProposalMsg(OpWeightMsgDeleteAlliance, DefaultWeightMsgDeleteAlliance,
			func(r *rand.Rand, ctx sdk.Context, _ []simtypes.Account) sdk.Msg {
				return &types.MsgDeleteAlliance{Authority: authority, Denom: pickDenom(r, ctx, k, true)}
			}),
		simulation.NewWeightedProposalMsg(OpWeightMsgUpdateParams, DefaultWeightMsgUpdateParams,
			func(r *rand.Rand, ctx sdk.Context, _ []simtypes.Account) sdk.Msg {
				p, err := k.GetParams(ctx)
				if err != nil {
					p = types.DefaultParams()
				}
				p.RewardDelayTime = time.Duration(r.Intn(3600)) * time.Second
				p.TakeRateClaimInterval = time.Duration(60+r.Intn(3540)) * time.Second
				return &types.MsgUpdateParams{Authority: authority, Params: p}
			}),
	}
}

// pickDenom: a simulation denom that is listed now (or not), if there is
// one, else any.
func pickDenom(r *rand.Rand, ctx sdk.Context, k keeper.Keeper, listed bool) string {
	var match []string
	for _, d := range Denoms() {
		if has, err := k.Assets.Has(ctx, d); err == nil && has == listed {
			match = append(match, d)
		}
	}
	if len(match) == 0 {
		return Denom(r.Intn(NumDenoms))
	}
	return match[r.Intn(len(match))]
}
