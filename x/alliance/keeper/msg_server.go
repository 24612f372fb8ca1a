package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/alliancewasm/alliancewasm/x/alliance/types"
)

type msgServer struct{ Keeper }

var _ types.MsgServer = msgServer{}

// NewMsgServerImpl returns the Msg service implementation.
func NewMsgServerImpl(k Keeper) types.MsgServer { return msgServer{Keeper: k} }

func (m msgServer) Delegate(ctx context.Context, msg *types.MsgDelegate) (*types.MsgDelegateResponse, error) {
	del, err := m.accAddr(msg.DelegatorAddress)
	if err != nil {
		return nil, err
	}
	val, err := m.valAddr(msg.ValidatorAddress)
	if err != nil {
		return nil, err
	}
	paid, err := m.Keeper.Delegate(ctx, del, val, msg.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgDelegateResponse{ClaimedRewards: paid}, nil
}

func (m msgServer) Redelegate(ctx context.Context, msg *types.MsgRedelegate) (*types.MsgRedelegateResponse, error) {
	del, err := m.accAddr(msg.DelegatorAddress)
	if err != nil {
		return nil, err
	}
	src, err := m.valAddr(msg.ValidatorSrcAddress)
	if err != nil {
		return nil, err
	}
	dst, err := m.valAddr(msg.ValidatorDstAddress)
	if err != nil {
		return nil, err
	}
	var out exitReport
	t, err := m.redelegate(ctx, del, src, dst, msg.Amount, &out)
	if err != nil {
		return nil, err
	}
	return &types.MsgRedelegateResponse{CompletionTime: t, ClaimedRewards: out.paid, Amount: out.moved}, nil
}

func (m msgServer) Undelegate(ctx context.Context, msg *types.MsgUndelegate) (*types.MsgUndelegateResponse, error) {
	del, err := m.accAddr(msg.DelegatorAddress)
	if err != nil {
		return nil, err
	}
	val, err := m.valAddr(msg.ValidatorAddress)
	if err != nil {
		return nil, err
	}
	var out exitReport
	t, err := m.undelegate(ctx, del, val, msg.Amount, &out)
	if err != nil {
		return nil, err
	}
	return &types.MsgUndelegateResponse{CompletionTime: t, ClaimedRewards: out.paid, Amount: out.moved}, nil
}

func (m msgServer) CancelUnbonding(ctx context.Context, msg *types.MsgCancelUnbonding) (*types.MsgCancelUnbondingResponse, error) {
	del, err := m.accAddr(msg.DelegatorAddress)
	if err != nil {
		return nil, err
	}
	val, err := m.valAddr(msg.ValidatorAddress)
	if err != nil {
		return nil, err
	}
	paid, err := m.Keeper.CancelUnbonding(ctx, del, val, msg.Amount, msg.CreationHeight)
	if err != nil {
		return nil, err
	}
	return &types.MsgCancelUnbondingResponse{ClaimedRewards: paid}, nil
}

func (m msgServer) ClaimDelegationRewards(ctx context.Context, msg *types.MsgClaimDelegationRewards) (*types.MsgClaimDelegationRewardsResponse, error) {
	del, err := m.accAddr(msg.DelegatorAddress)
	if err != nil {
		return nil, err
	}
	val, err := m.valAddr(msg.ValidatorAddress)
	if err != nil {
		return nil, err
	}
	coins, err := m.Keeper.ClaimDelegationRewards(ctx, del, val, msg.Denom)
	if err != nil {
		return nil, err
	}
	return &types.MsgClaimDelegationRewardsResponse{Rewards: coins}, nil
}

func (m msgServer) checkAuthority(addr string) error {
	if addr != m.authority {
		return errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", m.authority, addr)
	}
	return nil
}

func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(); err != nil {
		return nil, err // ErrInvalidParams with the field at fault
	}
	// The take-rate clock belongs to the module: governance cannot move it
	// (keeps an update from re-applying or skipping take-rate periods).
	cur, err := m.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	p := msg.Params
	p.LastTakeRateClaimTime = cur.LastTakeRateClaimTime
	if err := m.Params.Set(ctx, p); err != nil {
		return nil, err
	}
	if err := m.emit(ctx, &types.UpdateParamsEvent{Params: p}); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

func (m msgServer) CreateAlliance(ctx context.Context, msg *types.MsgCreateAlliance) (*types.MsgCreateAllianceResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := m.Keeper.CreateAlliance(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgCreateAllianceResponse{}, nil
}

func (m msgServer) UpdateAlliance(ctx context.Context, msg *types.MsgUpdateAlliance) (*types.MsgUpdateAllianceResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := m.Keeper.UpdateAlliance(ctx, msg); err != nil {
		return nil, err
	}
	return &types.MsgUpdateAllianceResponse{}, nil
}

func (m msgServer) DeleteAlliance(ctx context.Context, msg *types.MsgDeleteAlliance) (*types.MsgDeleteAllianceResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := m.Keeper.DeleteAlliance(ctx, msg.Denom); err != nil {
		return nil, err
	}
	return &types.MsgDeleteAllianceResponse{}, nil
}
